//! The word lists the splitter consults: abbreviations, sentence starters, byline openers.
//! All of them are data files under `data/segment/`, parsed once by [`Lexicon::new`].

use crate::ascii::lower8;
use crate::hash::{WordMap, WordSet};

const ABBREVIATIONS: &str = include_str!("../../data/segment/abbreviations.txt");
const STARTERS: &str = include_str!("../../data/segment/starters.txt");
const BYLINES: &str = include_str!("../../data/segment/bylines.txt");
const SPEECH_VERBS: &str = include_str!("../../data/segment/speech_verbs.txt");
const AFTER_TIME: &str = include_str!("../../data/segment/after_time.txt");

/// Longest sentence starter written in capitals that is looked up, in bytes.
const MAX_STARTER: usize = 16;
/// Longest abbreviation (without its period) that can be listed, in bytes.
const MAX_ABBREVIATION: usize = 12;
/// The abbreviation filter has `1 << FILTER_BITS` bits.
const FILTER_BITS: u32 = 10;

/// How an abbreviation behaves before a possible sentence boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Stands before a name ("Mr.", "Gen."): never ends a sentence.
    Title,
    /// Sits inside a sentence ("e.g.", "vs."): never ends it.
    Inner,
    /// Stands before a number ("No. 5", "p. 55").
    Number,
    /// May end a sentence ("Inc.", "Jan.", "U.S."): only before a typical starter.
    End,
    /// Follows a clock time ("a.m.", "p.m.").
    Time,
}

/// The parsed word lists.
#[derive(Clone, Debug)]
pub(crate) struct Lexicon {
    /// Abbreviations by their exact spelling (and all-capitals form).
    exact: WordMap<Box<[u8]>, Abbrev>,
    /// All-lowercase abbreviations, matched in any case.
    folded: WordMap<Box<[u8]>, Abbrev>,
    /// Length of the longest abbreviation, in bytes: longer words are not looked up.
    longest: usize,
    /// A one-hash Bloom filter of the abbreviations in ASCII lowercase (those of up to
    /// eight bytes): most words are ruled out by one bit instead of two map lookups.
    filter: [u64; 1 << FILTER_BITS >> 6],
    /// Typical sentence-opening words.
    starters: WordSet<Box<[u8]>>,
    /// Byline openers, lowercase, each ending in a space ("reporting by ").
    bylines: Vec<String>,
    /// The first two bytes of each byline opener: most lines start otherwise and are
    /// ruled out without comparing them with every opener.
    byline_heads: Vec<[u8; 2]>,
    /// Verbs attributing a quotation ("said", "asked").
    speech_verbs: WordSet<Box<[u8]>>,
    /// Capitalized words that may follow a clock time ("Tuesday", "Eastern").
    after_time: WordSet<Box<[u8]>>,
}

impl Lexicon {
    /// Parses the embedded data files.
    pub(crate) fn new() -> Lexicon {
        let mut exact: WordMap<Box<[u8]>, Abbrev> = WordMap::default();
        let mut folded: WordMap<Box<[u8]>, Abbrev> = WordMap::default();
        let mut class = None;
        for line in data_lines(ABBREVIATIONS) {
            class = match line {
                "[title]" => Some(Abbrev::Title),
                "[inner]" => Some(Abbrev::Inner),
                "[number]" => Some(Abbrev::Number),
                "[end]" => Some(Abbrev::End),
                "[time]" => Some(Abbrev::Time),
                _ => {
                    let Some(class) = class else { continue };
                    for word in line.split_whitespace().filter(|w| w.len() <= MAX_ABBREVIATION) {
                        if word.chars().any(char::is_uppercase) {
                            exact.insert(word.as_bytes().into(), class);
                            exact.insert(word.to_uppercase().into_bytes().into(), class);
                        } else {
                            folded.insert(word.as_bytes().into(), class);
                        }
                    }
                    Some(class)
                }
            };
        }
        let bylines: Vec<String> =
            data_lines(BYLINES).map(|l| format!("{} ", l.to_lowercase())).collect();
        let byline_heads = bylines.iter().filter_map(|lead| two_bytes(lead.as_bytes())).collect();
        let longest = exact.keys().chain(folded.keys()).map(|k| k.len()).max().unwrap_or(0);
        let mut filter = [0; 1 << FILTER_BITS >> 6];
        for slot in exact.keys().chain(folded.keys()).filter_map(|k| filter_slot(k)) {
            filter[slot >> 6] |= 1 << (slot & 63);
        }
        Lexicon {
            exact,
            folded,
            longest,
            filter,
            starters: words(STARTERS),
            bylines,
            byline_heads,
            speech_verbs: words(SPEECH_VERBS),
            after_time: words(AFTER_TIME),
        }
    }

    /// The class of `word` (written without its final period), if it is an abbreviation.
    pub(crate) fn abbreviation(&self, word: &[u8]) -> Option<Abbrev> {
        if word.is_empty() || word.len() > self.longest {
            return None;
        }
        if let Some(slot) = filter_slot(word) {
            if self.filter[slot >> 6] & 1 << (slot & 63) == 0 {
                return None;
            }
        }
        if let Some(&class) = self.exact.get(word) {
            return Some(class);
        }
        let mut buf = [0u8; MAX_ABBREVIATION];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word);
        lower.make_ascii_lowercase();
        self.folded.get(&*lower).copied()
    }

    /// Whether `word` typically opens a sentence ("The", "However").
    /// Words in capitals ("THE") are looked up capitalized.
    pub(crate) fn is_starter(&self, word: &[u8]) -> bool {
        if word.len() > 1 && word.len() <= MAX_STARTER && word.iter().all(u8::is_ascii_uppercase) {
            let mut buf = [0u8; MAX_STARTER];
            let title = &mut buf[..word.len()];
            title.copy_from_slice(word);
            title[1..].make_ascii_lowercase();
            return self.starters.contains(&*title);
        }
        self.starters.contains(word)
    }

    /// Whether `word` may follow a clock time inside a sentence ("Tuesday", "Eastern").
    pub(crate) fn is_after_time(&self, word: &[u8]) -> bool {
        self.after_time.contains(word)
    }

    /// Whether `word` attributes a quotation ("said", "asked").
    pub(crate) fn is_speech_verb(&self, word: &[u8]) -> bool {
        self.speech_verbs.contains(word)
    }

    /// The length of the byline opener `line` starts with ("By ", "Reporting by "), if any.
    pub(crate) fn byline_opener(&self, line: &str) -> Option<usize> {
        let head = two_bytes(line.as_bytes())?.map(|c| c.to_ascii_lowercase());
        if !self.byline_heads.contains(&head) {
            return None;
        }
        self.bylines
            .iter()
            .find(|lead| line.get(..lead.len()).is_some_and(|head| head.eq_ignore_ascii_case(lead)))
            .map(String::len)
    }
}

/// The bit of the abbreviation filter for `word` in ASCII lowercase, if it has at most
/// eight bytes.
fn filter_slot(word: &[u8]) -> Option<usize> {
    if word.len() > 8 {
        return None;
    }
    let packed = word.iter().rev().fold(0, |w: u64, &c| w << 8 | u64::from(c));
    Some((lower8(packed).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FILTER_BITS)) as usize)
}

/// The first two bytes of `text`, if it has two.
fn two_bytes(text: &[u8]) -> Option<[u8; 2]> {
    text.get(..2)?.try_into().ok()
}

/// The whitespace-separated words of a data file.
fn words(data: &str) -> WordSet<Box<[u8]>> {
    data_lines(data).flat_map(str::split_whitespace).map(|w| w.as_bytes().into()).collect()
}

/// The non-empty, non-comment lines of a data file, trimmed.
fn data_lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The filter may let a word through wrongly, never stop a listed one.
    #[test]
    fn filter_keeps_every_abbreviation() {
        let lex = Lexicon::new();
        for (word, &class) in lex.exact.iter().chain(lex.folded.iter()) {
            assert_eq!(lex.abbreviation(word), Some(class), "{}", String::from_utf8_lossy(word));
        }
        assert_eq!(lex.abbreviation(b"APPROX"), Some(Abbrev::Inner));
        assert_eq!(lex.abbreviation(b"said"), None);
    }
}
