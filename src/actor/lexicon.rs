//! Word lists that drive the name patterns: titles and role nouns, first names, words
//! that mark organizations and places, common capitalized words, and context cues.
//! The lists are data files under `data/actor/`, embedded at compile time.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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

/// A fast hasher for short words (the default SipHash dominates lookups otherwise).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    #[inline]
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes at a time, the tail zero-padded.
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let tail = chunks.remainder();
        if !tail.is_empty() {
            let mut word = [0u8; 8];
            word[..tail.len()].copy_from_slice(tail);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by words, with [`WordHasher`].
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// A closed-class word the patterns test for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Function {
    The,
    Of,
    For,
    And,
}

/// Everything the lists say about one lowercase word, looked up once per word.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Info {
    pub common: bool,
    pub cue: Option<Cue>,
    pub function: Option<Function>,
    pub title_first: bool,
    pub title_last: bool,
    pub org: Option<Position>,
    pub place: Option<Position>,
}

/// The compiled word lists (keys are lowercase, except first names).
#[derive(Clone, Debug)]
pub(crate) struct Lexicon {
    pub titles: WordMap<&'static str, Title>,
    pub max_title_words: usize,
    pub first_names: WordMap<&'static str, Option<Gender>>,
    /// Lowercase word -> index into `infos`.
    index: WordMap<&'static [u8], u32>,
    /// The keys of `index` of 16 bytes or fewer, packed by [`pack`]: one integer hash
    /// and compare per lookup.
    packed: WordMap<u128, u32>,
    /// The pronouns, lowercase, with the cue each gives.
    pub pronouns: Vec<(&'static str, Cue)>,
    infos: Vec<Info>,
    /// The longest key of `index` in bytes (at most 24): longer words are not looked up.
    max_key_len: usize,
}

/// A key of 16 bytes or fewer as one integer, zero-padded (words hold no zero bytes).
fn pack(key: &[u8]) -> Option<u128> {
    let mut buf = [0u8; 16];
    buf.get_mut(..key.len())?.copy_from_slice(key);
    Some(u128::from_le_bytes(buf))
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
    /// The index of what the lists say about `word` (any case), or `u32::MAX`.
    pub(crate) fn lookup(&self, word: &str, scratch: &mut String) -> u32 {
        if word.is_ascii() {
            return self.lookup_ascii(word);
        }
        if word.len() > 24 {
            return u32::MAX;
        }
        scratch.clear();
        scratch.extend(word.chars().flat_map(char::to_lowercase));
        self.get(scratch.as_bytes())
    }

    /// [`Lexicon::lookup`] for an ASCII `word`, with no buffer.
    #[inline]
    pub(crate) fn lookup_ascii(&self, word: &str) -> u32 {
        if word.len() > self.max_key_len {
            return u32::MAX;
        }
        if word.len() <= 16 {
            let mut buf = [0u8; 16];
            for (d, b) in buf.iter_mut().zip(word.bytes()) {
                *d = b.to_ascii_lowercase();
            }
            return self.packed.get(&u128::from_le_bytes(buf)).copied().unwrap_or(u32::MAX);
        }
        let mut buf = [0u8; 24];
        let buf = &mut buf[..word.len()];
        buf.copy_from_slice(word.as_bytes());
        buf.make_ascii_lowercase();
        self.get(buf)
    }

    /// The index of the lowercase `key`, or `u32::MAX`.
    fn get(&self, key: &[u8]) -> u32 {
        let found = match pack(key) {
            Some(k) => self.packed.get(&k),
            None => self.index.get(key),
        };
        found.copied().unwrap_or(u32::MAX)
    }

    /// The pronoun cue of `word` (any case), without a table lookup.
    pub(crate) fn pronoun(&self, word: &str) -> Option<Cue> {
        if word.len() > 8
            || !matches!(word.as_bytes().first().map(|b| b | 0x20), Some(b'h' | b's' | b'i'))
        {
            return None;
        }
        self.pronouns.iter().find(|(p, _)| p.eq_ignore_ascii_case(word)).map(|&(_, c)| c)
    }

    /// What the lists say about the word with lookup index `i`.
    pub(crate) fn info(&self, i: u32) -> Option<&Info> {
        self.infos.get(i as usize)
    }

    /// Loads the embedded lists.
    pub(crate) fn new() -> Lexicon {
        let mut titles = WordMap::default();
        let mut index: WordMap<&'static [u8], u32> = WordMap::default();
        let mut pronouns = Vec::new();
        let mut infos: Vec<Info> = Vec::new();
        fn slot<'m>(
            index: &mut WordMap<&'static [u8], u32>,
            infos: &'m mut Vec<Info>,
            word: &'static str,
        ) -> &'m mut Info {
            let i = *index.entry(word.as_bytes()).or_insert_with(|| {
                infos.push(Info::default());
                infos.len() as u32 - 1
            });
            &mut infos[i as usize]
        }
        let mut max_title_words = 1;
        for row in rows(include_str!("../../data/actor/titles.tsv")) {
            let sector = row.get(1).copied().filter(|s| *s != "-" && !s.is_empty());
            let title = Title {
                sector,
                gender: row.get(2).and_then(|g| gender(g)),
                honorific: row.get(3) == Some(&"honorific"),
            };
            max_title_words = max_title_words.max(row[0].split(' ').count());
            slot(&mut index, &mut infos, row[0].split(' ').next().unwrap_or("")).title_first = true;
            slot(&mut index, &mut infos, row[0].rsplit(' ').next().unwrap_or("")).title_last = true;
            titles.insert(row[0], title);
        }
        let mut first_names = WordMap::default();
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
        for r in rows(include_str!("../../data/actor/org_words.tsv")) {
            slot(&mut index, &mut infos, r[0]).org =
                Some(position(r.get(1).copied().unwrap_or("")));
        }
        for r in rows(include_str!("../../data/actor/place_words.tsv")) {
            slot(&mut index, &mut infos, r[0]).place =
                Some(position(r.get(1).copied().unwrap_or("")));
        }
        for line in rows(include_str!("../../data/actor/common_words.txt")) {
            for w in line.iter().flat_map(|l| l.split_whitespace()) {
                slot(&mut index, &mut infos, w).common = true;
            }
        }
        for r in rows(include_str!("../../data/actor/cues.tsv")) {
            let cue = match r.get(1).copied() {
                Some("place") => Cue::Place,
                Some("act") => Cue::Act,
                Some("act-object") => Cue::ActObject,
                Some("regime") => Cue::Regime,
                Some("particle") => Cue::Particle,
                Some("he") => Cue::He,
                Some("she") => Cue::She,
                Some("it") => Cue::It,
                _ => continue,
            };
            if matches!(cue, Cue::He | Cue::She | Cue::It) {
                pronouns.push((r[0], cue));
            }
            slot(&mut index, &mut infos, r[0]).cue = Some(cue);
        }
        for (w, f) in [
            ("the", Function::The),
            ("of", Function::Of),
            ("for", Function::For),
            ("and", Function::And),
        ] {
            slot(&mut index, &mut infos, w).function = Some(f);
        }
        let max_key_len = index.keys().map(|k| k.len()).max().unwrap_or(0).min(24);
        let packed = index.iter().filter_map(|(k, &i)| Some((pack(k)?, i))).collect();
        Lexicon {
            titles,
            max_title_words,
            first_names,
            index,
            packed,
            pronouns,
            infos,
            max_key_len,
        }
    }
}
