//! The quote stage's word lists, embedded from `data/quote/`, and the cue matcher.

use super::cues::CueMatcher;
use crate::Span;
use crate::ascii::lower8;

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
    /// A noun that reports only after a possessive ("Trump's assertion that …").
    Noun,
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

/// A set of words looked up ASCII case-insensitively: an open-addressing table keyed by the
/// first sixteen bytes of the word packed into two integers, so a lookup copies, lower-cases
/// and compares those words without hashing byte by byte or allocating.
#[derive(Clone, Debug, Default)]
struct WordSet {
    /// The words as listed.
    words: Vec<&'static str>,
    /// [`pack`] of each word, as listed (a listed capital never matches, as before).
    keys: Vec<(u64, u64)>,
    /// 1 + an index into `words`, or 0 for an empty slot; a power of two long.
    slots: Vec<u16>,
    /// The length of the longest word.
    longest: usize,
    /// Bit [`sketch`] of each listed word is set: a word whose bit is clear is not listed.
    sketch: [u64; 16],
}

/// The bit of [`WordSet::sketch`] for a word of `len` bytes from `first` to `last`.
fn sketch(len: usize, first: u8, last: u8) -> usize {
    let h = (len as u32).wrapping_mul(0x9E37_79B1)
        ^ u32::from(first).wrapping_mul(0x85EB_CA77)
        ^ u32::from(last).wrapping_mul(0xC2B2_AE3D);
    (h >> 22) as usize
}

/// The first sixteen bytes of `word`, zero-padded, as two little-endian integers.
fn pack(word: &[u8]) -> (u64, u64) {
    let mut buf = [0u8; 16];
    let n = word.len().min(16);
    buf[..n].copy_from_slice(&word[..n]);
    let (lo, hi) = buf.split_at(8);
    let int = |b: &[u8]| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
    (int(lo), int(hi))
}

/// Where the search for a key of a word of `len` bytes starts in a table of `2^bits` slots.
fn slot_of(key: (u64, u64), len: usize, bits: u32) -> usize {
    let h = (key.0 ^ key.1.rotate_left(29) ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - bits)) as usize
}

impl FromIterator<&'static str> for WordSet {
    fn from_iter<I: IntoIterator<Item = &'static str>>(iter: I) -> WordSet {
        let mut words: Vec<&'static str> = Vec::new();
        for w in iter {
            if !words.contains(&w) {
                words.push(w);
            }
        }
        let keys: Vec<(u64, u64)> = words.iter().map(|w| pack(w.as_bytes())).collect();
        let bits = (words.len() * 4).max(16).next_power_of_two().trailing_zeros();
        let mut slots = vec![0u16; 1 << bits];
        for (k, w) in words.iter().enumerate() {
            let mut at = slot_of(keys[k], w.len(), bits);
            while slots[at] != 0 {
                at = (at + 1) & (slots.len() - 1);
            }
            slots[at] = u16::try_from(k + 1).expect("fewer than 65,535 words in a list");
        }
        let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
        let mut bits = [0u64; 16];
        for w in &words {
            if let (Some(&first), Some(&last)) = (w.as_bytes().first(), w.as_bytes().last()) {
                let b = sketch(w.len(), first, last);
                bits[b >> 6] |= 1 << (b & 63);
            }
        }
        WordSet { words, keys, slots, longest, sketch: bits }
    }
}

impl WordSet {
    /// Whether `word`, ASCII-lowercased, is in the set.
    fn contains_any_case(&self, word: &str) -> bool {
        self.index_any_case(word).is_some()
    }

    /// Where `word`, ASCII-lowercased, stands among the set's words (listed twice, its
    /// first place). Most words are turned away by their length and first and last bytes
    /// (see [`sketch`]) before the table is read; that test is inlined in the callers,
    /// the table's search is not.
    #[inline]
    fn index_any_case(&self, word: &str) -> Option<usize> {
        let w = word.as_bytes();
        // No listed word is empty.
        let (Some(&first), Some(&last)) = (w.first(), w.last()) else { return None };
        if w.len() > self.longest {
            return None;
        }
        let b = sketch(w.len(), first.to_ascii_lowercase(), last.to_ascii_lowercase());
        if self.sketch[b >> 6] >> (b & 63) & 1 == 0 {
            return None;
        }
        self.search(w)
    }

    /// The search of [`WordSet::index_any_case`] in the table.
    #[inline(never)]
    fn search(&self, w: &[u8]) -> Option<usize> {
        let (k0, k1) = pack(w);
        let key = (lower8(k0), lower8(k1));
        let bits = self.slots.len().trailing_zeros();
        let mut at = slot_of(key, w.len(), bits);
        loop {
            let k = usize::from(self.slots[at]).checked_sub(1)?;
            let listed = self.words[k].as_bytes();
            if self.keys[k] == key
                && listed.len() == w.len()
                && listed[16.min(w.len())..]
                    .iter()
                    .zip(&w[16.min(w.len())..])
                    .all(|(&a, &b)| a == b.to_ascii_lowercase())
            {
                return Some(k);
            }
            at = (at + 1) & (self.slots.len() - 1);
        }
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
    function_words: WordSet,
    pronouns: WordSet,
    /// The kind of each of `pronouns`' words.
    pronoun_kinds: Vec<PronounKind>,
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
                "noun" => CueClass::Noun,
                _ => CueClass::Say,
            };
            forms.push((form.trim(), class));
        }
        let cues = CueMatcher::new(&forms);
        let listed: Vec<(&'static str, PronounKind)> =
            lines(include_str!("../../data/quote/pronouns.txt"))
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
        // A word set matches its words in lower case only.
        assert!(
            listed.iter().all(|(w, _)| !w.bytes().any(|b| b.is_ascii_uppercase())),
            "pronouns are listed in lower case"
        );
        let pronouns: WordSet = listed.iter().map(|&(w, _)| w).collect();
        // A word listed twice keeps its first kind.
        let pronoun_kinds = pronouns
            .words
            .iter()
            .map(|w| listed.iter().find(|(p, _)| p == w).map_or(PronounKind::SelfRef, |&(_, k)| k))
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
            function_words: lines(include_str!("../../data/quote/function_words.txt")).collect(),
            pronouns,
            pronoun_kinds,
            platforms: lines(include_str!("../../data/quote/platforms.txt")).collect(),
        }
    }

    /// Every cue in `text` that stands on word boundaries, in order: (start, end, class),
    /// less most of those starting strictly inside one of the sorted, disjoint spans
    /// `skipped`, each opening with a quotation mark (see [`CueMatcher::find`]).
    pub(crate) fn cues(
        &self,
        text: &str,
        skipped: &[Span],
        out: &mut Vec<(usize, usize, CueClass)>,
    ) {
        self.cues.find(text, skipped, out);
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

    /// Whether `word` is a function word that never modifies a role noun ("than", "where").
    pub(crate) fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains_any_case(word)
    }

    /// The pronoun kind of `word`, if it is a speaker pronoun.
    pub(crate) fn pronoun(&self, word: &str) -> Option<PronounKind> {
        self.pronouns.index_any_case(word).map(|k| self.pronoun_kinds[k])
    }

    /// The length of the platform name `rest` starts with ("Truth Social account").
    pub(crate) fn platform_at(&self, rest: &str) -> Option<usize> {
        self.platforms
            .iter()
            .filter(|p| {
                rest.starts_with(**p) && char_after(rest, p.len()).is_none_or(|c| !is_alnum(c))
            })
            .map(|p| p.len())
            .max()
    }
}

/// The character ending just before byte `i` of `text`, if any. An ASCII byte there is
/// that character (no byte of a longer character is ASCII, so `i` is a char boundary).
#[inline]
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    match i.checked_sub(1).and_then(|k| text.as_bytes().get(k)) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        _ => text.get(..i)?.chars().next_back(),
    }
}

/// The character starting at byte `i` of `text`, if any (an ASCII byte is one).
#[inline]
pub(crate) fn char_after(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        _ => text.get(i..)?.chars().next(),
    }
}

/// [`char::is_alphanumeric`], answered at once for ASCII and for the General Punctuation
/// block (U+2000 to U+206F: curly quotation marks, dashes, the ellipsis, special spaces),
/// which holds no letter or digit; other characters go through the Unicode tables, whose
/// lookup costs some hundreds of instructions.
#[inline]
pub(crate) fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut agrees with the standard library on every character.
    #[test]
    fn is_alnum_agrees_with_std() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
