//! Word lists that drive the name patterns: titles and role nouns, first names, words
//! that mark organizations and places, common capitalized words, and context cues.
//! The lists are data files under `data/actor/`, embedded at compile time.

use std::collections::HashMap;

use super::gazetteer::Gender;

/// Where a marker word sits in a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Position {
    /// Last word ("Acme Corp", "Labour Party").
    Suffix,
    /// First word, usually before "of" ("Ministry of Defence").
    Head,
    /// Either.
    Both,
}

impl Position {
    pub(crate) fn suffix(self) -> bool {
        matches!(self, Position::Suffix | Position::Both)
    }

    pub(crate) fn head(self) -> bool {
        matches!(self, Position::Head | Position::Both)
    }
}

/// A title or role noun ("president", "foreign minister", "Mr").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Title {
    /// CAMEO sector of the office, if it has one.
    pub sector: Option<&'static str>,
    /// Gender the title implies ("Mrs", "spokeswoman").
    pub gender: Option<Gender>,
    /// An honorific ("Mr", "Dr"): says "person", names no office.
    pub honorific: bool,
}

/// A context cue word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cue {
    /// A preposition before places ("in", "near").
    Place,
    /// A verb whose subject acts ("said", "accused"): capitals before it are governments.
    Act,
    /// A verb whose object is acted on ("accused Kyiv of"): capitals after it are governments.
    ActObject,
    /// A noun after a capital that makes it a government ("regime", "authorities").
    Regime,
    /// A lowercase particle inside names ("de", "van", "bin").
    Particle,
    /// A male pronoun.
    He,
    /// A female pronoun.
    She,
    /// A neuter singular pronoun ("it", "its").
    It,
}

/// The compiled word lists (keys are lowercase, except first names).
#[derive(Clone, Debug)]
pub(crate) struct Lexicon {
    pub titles: HashMap<&'static str, Title>,
    pub max_title_words: usize,
    pub first_names: HashMap<&'static str, Option<Gender>>,
    pub org_words: HashMap<&'static str, Position>,
    pub place_words: HashMap<&'static str, Position>,
    pub common: HashMap<&'static str, ()>,
    pub cues: HashMap<&'static str, Cue>,
}

/// Lines of a data file that carry data (no blank or `#` lines), split on tabs.
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn gender(code: &str) -> Option<Gender> {
    match code {
        "m" => Some(Gender::Male),
        "f" => Some(Gender::Female),
        _ => None,
    }
}

fn position(code: &str) -> Position {
    match code {
        "head" => Position::Head,
        "both" => Position::Both,
        _ => Position::Suffix,
    }
}

impl Lexicon {
    /// Loads the embedded lists.
    pub(crate) fn new() -> Lexicon {
        let mut titles = HashMap::new();
        let mut max_title_words = 1;
        for row in rows(include_str!("../../data/actor/titles.tsv")) {
            let sector = row.get(1).copied().filter(|s| *s != "-" && !s.is_empty());
            let title = Title {
                sector,
                gender: row.get(2).and_then(|g| gender(g)),
                honorific: row.get(3) == Some(&"honorific"),
            };
            max_title_words = max_title_words.max(row[0].split(' ').count());
            titles.insert(row[0], title);
        }
        let mut first_names = HashMap::new();
        for row in rows(include_str!("../../data/actor/first_names.tsv")) {
            let g = gender(row[0]);
            for name in row.get(1).map_or("", |n| n).split_whitespace() {
                // A name listed for both genders says nothing about gender.
                let slot = first_names.entry(name).or_insert(g);
                if *slot != g {
                    *slot = None;
                }
            }
        }
        let org_words = rows(include_str!("../../data/actor/org_words.tsv"))
            .map(|r| (r[0], position(r.get(1).copied().unwrap_or(""))))
            .collect();
        let place_words = rows(include_str!("../../data/actor/place_words.tsv"))
            .map(|r| (r[0], position(r.get(1).copied().unwrap_or(""))))
            .collect();
        let common = rows(include_str!("../../data/actor/common_words.txt"))
            .flat_map(|r| r.into_iter().flat_map(|l| l.split_whitespace()))
            .map(|w| (w, ()))
            .collect();
        let cues = rows(include_str!("../../data/actor/cues.tsv"))
            .filter_map(|r| {
                let cue = match *r.get(1)? {
                    "place" => Cue::Place,
                    "act" => Cue::Act,
                    "act-object" => Cue::ActObject,
                    "regime" => Cue::Regime,
                    "particle" => Cue::Particle,
                    "he" => Cue::He,
                    "she" => Cue::She,
                    "it" => Cue::It,
                    _ => return None,
                };
                Some((r[0], cue))
            })
            .collect();
        Lexicon { titles, max_title_words, first_names, org_words, place_words, common, cues }
    }
}
