//! The quote stage's word lists, embedded from `data/quote/`, and the cue matcher.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use super::cues::CueMatcher;

/// How a reporting cue relates speaker and content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// A speech verb whose subject speaks ("said", "warned").
    Say,
    /// A speech verb that is also a noun ("tweets", "report"): the speaker must be named.
    SayNoun,
    /// A speech verb that may take an addressee before the content ("told reporters").
    Tell,
    /// "according to X": the speaker follows the cue.
    According,
}

/// What a pronoun may refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PronounKind {
    /// "he", "she": a person.
    Person,
    /// "they": a group, people or an organization.
    Group,
    /// "it": an organization, country or document.
    Thing,
    /// "I", "we", "you": the writer or an unnamed party; not resolved.
    SelfRef,
    /// "who", "which": the noun phrase just before.
    Relative,
}

/// FNV-1a: a tiny hasher for the short word keys of the lexicon's sets (SipHash costs more
/// than the lookups it guards; the keys are embedded data, not attacker-chosen).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A set of lower-case words hashed with [`Fnv`], with the length of its longest word so
/// that longer words are rejected before any hashing.
#[derive(Clone, Debug, Default)]
struct WordSet {
    words: HashSet<&'static str, BuildHasherDefault<Fnv>>,
    longest: usize,
}

impl FromIterator<&'static str> for WordSet {
    fn from_iter<I: IntoIterator<Item = &'static str>>(iter: I) -> WordSet {
        let words: HashSet<&'static str, BuildHasherDefault<Fnv>> = iter.into_iter().collect();
        let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
        WordSet { words, longest }
    }
}

impl WordSet {
    /// Whether `word`, ASCII-lowercased, is in the set.
    fn contains_any_case(&self, word: &str) -> bool {
        word.len() <= self.longest && with_lower(word, |w| self.words.contains(w))
    }
}

/// The compiled lexicon: one cue matcher plus small word sets.
#[derive(Clone, Debug)]
pub(crate) struct Lexicon {
    cues: CueMatcher,
    between: WordSet,
    determiners: WordSet,
    nonnames: WordSet,
    roles: WordSet,
    abbreviations: WordSet,
    adjuncts: WordSet,
    times: WordSet,
    pronouns: Vec<(&'static str, PronounKind)>,
    platforms: Vec<&'static str>,
}

/// The non-comment, non-blank lines of an embedded list.
fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Lexicon {
    /// Builds the lexicon from the embedded data files.
    pub(crate) fn new() -> Lexicon {
        let mut forms = Vec::new();
        for line in lines(include_str!("../../data/quote/cues.tsv")) {
            let (form, class) = line.split_once('\t').unwrap_or((line, "say"));
            let class = match class.trim() {
                "tell" => CueClass::Tell,
                "sayn" => CueClass::SayNoun,
                "according" => CueClass::According,
                _ => CueClass::Say,
            };
            forms.push((form.trim(), class));
        }
        let cues = CueMatcher::new(&forms);
        let pronouns = lines(include_str!("../../data/quote/pronouns.txt"))
            .filter_map(|l| {
                let (word, kind) = l.split_once('\t')?;
                let kind = match kind.trim() {
                    "person" => PronounKind::Person,
                    "group" => PronounKind::Group,
                    "thing" => PronounKind::Thing,
                    "rel" => PronounKind::Relative,
                    _ => PronounKind::SelfRef,
                };
                Some((word.trim(), kind))
            })
            .collect();
        Lexicon {
            cues,
            between: lines(include_str!("../../data/quote/between.txt")).collect(),
            determiners: lines(include_str!("../../data/quote/determiners.txt")).collect(),
            nonnames: lines(include_str!("../../data/quote/nonnames.txt")).collect(),
            roles: lines(include_str!("../../data/quote/roles.txt")).collect(),
            abbreviations: lines(include_str!("../../data/quote/abbreviations.txt")).collect(),
            adjuncts: lines(include_str!("../../data/quote/adjuncts.txt")).collect(),
            times: lines(include_str!("../../data/quote/times.txt")).collect(),
            pronouns,
            platforms: lines(include_str!("../../data/quote/platforms.txt")).collect(),
        }
    }

    /// Every cue in `text` that stands on word boundaries, in order: (start, end, class).
    pub(crate) fn cues(&self, text: &str, out: &mut Vec<(usize, usize, CueClass)>) {
        self.cues.find(text, out);
    }

    /// Whether `word` (any case) may stand between a speaker and its cue.
    pub(crate) fn is_between(&self, word: &str) -> bool {
        self.between.contains_any_case(word)
    }

    /// Whether `word` opens a noun phrase.
    pub(crate) fn is_determiner(&self, word: &str) -> bool {
        self.determiners.contains_any_case(word)
    }

    /// Whether a capitalized `word` is no part of a name (weekday, month, function word).
    pub(crate) fn is_nonname(&self, word: &str) -> bool {
        self.nonnames.contains_any_case(word)
    }

    /// Whether `word` may stand in a speaker noun phrase without a capital.
    pub(crate) fn is_role(&self, word: &str) -> bool {
        self.roles.contains_any_case(word)
    }

    /// Whether `word` (without its period) is an abbreviation.
    pub(crate) fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.contains_any_case(word)
    }

    /// Whether `word` opens an adjunct after a cue ("in a statement", "on Tuesday").
    pub(crate) fn is_adjunct(&self, word: &str) -> bool {
        self.adjuncts.contains_any_case(word)
    }

    /// Whether `word` is a time word ("Tuesday", "morning").
    pub(crate) fn is_time(&self, word: &str) -> bool {
        self.times.contains_any_case(word)
    }

    /// The pronoun kind of `word`, if it is a speaker pronoun.
    pub(crate) fn pronoun(&self, word: &str) -> Option<PronounKind> {
        self.pronouns.iter().find(|(p, _)| p.eq_ignore_ascii_case(word)).map(|&(_, k)| k)
    }

    /// The length of the platform name `rest` starts with ("Truth Social account").
    pub(crate) fn platform_at(&self, rest: &str) -> Option<usize> {
        self.platforms
            .iter()
            .filter(|p| {
                rest.starts_with(**p)
                    && char_after(rest, p.len()).is_none_or(|c| !c.is_alphanumeric())
            })
            .map(|p| p.len())
            .max()
    }
}

/// The character ending just before byte `i` of `text`, if any.
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// The character starting at byte `i` of `text`, if any.
pub(crate) fn char_after(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// Runs `f` on the ASCII-lowercased `word` without allocating for short words.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() {
        return f(&word.to_ascii_lowercase());
    }
    buf[..bytes.len()].copy_from_slice(bytes);
    buf[..bytes.len()].make_ascii_lowercase();
    match core::str::from_utf8(&buf[..bytes.len()]) {
        Ok(w) => f(w),
        Err(_) => f(word),
    }
}
