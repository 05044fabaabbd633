//! Grammar words and verb inflection, shared by the accusation and event stages.
//!
//! The word lists live in `data/accusation/grammar.tsv` and `data/accusation/irregular.tsv`;
//! this module only reads them and applies the English inflection rules.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::ascii::{load8, low_bytes, lower8};

const GRAMMAR: &str = include_str!("../../data/accusation/grammar.tsv");
const IRREGULAR: &str = include_str!("../../data/accusation/irregular.tsv");

/// A word class bit (a word may have several).
pub(crate) type Class = u16;

pub(crate) const PREP: Class = 1;
pub(crate) const TARGET: Class = 1 << 1;
pub(crate) const DET: Class = 1 << 2;
pub(crate) const NEG: Class = 1 << 3;
pub(crate) const DENY: Class = 1 << 4;
pub(crate) const BE: Class = 1 << 5;
pub(crate) const SUB: Class = 1 << 6;
pub(crate) const COMMASUB: Class = 1 << 7;
pub(crate) const REPORT: Class = 1 << 8;
pub(crate) const COORD: Class = 1 << 9;
pub(crate) const ADVERB: Class = 1 << 10;
pub(crate) const RECIP: Class = 1 << 11;
pub(crate) const PRON: Class = 1 << 12;
pub(crate) const AUX: Class = 1 << 13;
pub(crate) const POSS: Class = 1 << 14;

/// Longest word looked up; longer words have no class.
const MAX_WORD: usize = 24;

/// Longest word a class table key holds (longer grammar words are not listed).
const MAX_KEY: usize = 16;

/// Slots of the class table (a power of two, at least twice the number of words).
const SLOTS: usize = 1024;

/// Grammar word -> class bits: open addressing over the lower-cased word packed into a
/// `u64` (words of up to eight bytes) or a `u128` (longer ones; zero-padded, so the
/// packing is unique), probed linearly from a multiplicative hash. Multi-word entries
/// ("each other") are stored under their first word with the RECIP bit only.
pub(crate) struct ClassTable {
    /// `(key, class)` of the words of up to eight bytes; key 0 is an empty slot. (An
    /// array: its probe needs no bounds checks.)
    short: Box<[(u64, Class); SLOTS]>,
    /// `(key, class)` of the longer words; key 0 is an empty slot.
    slots: Box<[(u128, Class)]>,
    /// Bit [`shape`] of every listed word: most other words are turned away by it.
    shapes: [u64; 256],
}

/// A word's length with the low five bits of its first and last bytes (the same for
/// both cases of a letter), as a bit index below 16384.
fn shape(word: &[u8]) -> usize {
    let (Some(&first), Some(&last)) = (word.first(), word.last()) else { return 0 };
    (word.len() % 16) << 10 | usize::from(first & 0x1f) << 5 | usize::from(last & 0x1f)
}

impl ClassTable {
    /// The slot where the probe for `key` starts.
    fn home(key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54) as usize % SLOTS
    }

    /// The slot where the probe for the short word `key` starts.
    #[inline]
    fn short_home(key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54) as usize % SLOTS
    }

    /// Adds `class` to the bits of `word` (lower case; ignored if longer than
    /// [`MAX_KEY`] bytes).
    fn add(&mut self, word: &[u8], class: Class) {
        if word.is_empty() || word.len() > MAX_KEY {
            return;
        }
        let mut buf = [0u8; MAX_KEY];
        buf[..word.len()].copy_from_slice(word);
        let key = u128::from_le_bytes(buf);
        let h = shape(word);
        self.shapes[h / 64] |= 1 << (h % 64);
        if word.len() <= 8 {
            let key = key as u64;
            let slot = &mut self.short[probe(&self.short[..], ClassTable::short_home(key), key)];
            *slot = (key, slot.1 | class);
            return;
        }
        let slot = &mut self.slots[probe(&self.slots, ClassTable::home(key), key)];
        *slot = (key, slot.1 | class);
    }

    /// The class bits of a packed lower-case word.
    fn get(&self, key: u128) -> Class {
        self.slots[probe(&self.slots, ClassTable::home(key), key)].1
    }
}

/// The slot of `key` in an open-addressing table, or the empty slot (key 0, class 0)
/// where it would go: linear probing from `home`. The tables are never full.
#[inline]
fn probe<K: Copy + PartialEq + From<u8>>(slots: &[(K, Class)], home: usize, key: K) -> usize {
    let empty = K::from(0);
    let mut i = home;
    while slots[i].0 != key && slots[i].0 != empty {
        i = (i + 1) % slots.len();
    }
    i
}

/// The grammar words of `data/accusation/grammar.tsv`.
static CLASSES: LazyLock<ClassTable> = LazyLock::new(|| {
    let mut table = ClassTable {
        short: Box::new([(0, 0); SLOTS]),
        slots: vec![(0, 0); SLOTS].into_boxed_slice(),
        shapes: [0; 256],
    };
    for line in GRAMMAR.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let Some((name, words)) = line.split_once('\t') else { continue };
        let class = match name {
            "prep" => PREP,
            "target" => TARGET,
            "det" => DET,
            "neg" => NEG,
            "deny" => DENY,
            "be" => BE,
            "sub" => SUB,
            "commasub" => COMMASUB,
            "report" => REPORT,
            "coord" => COORD,
            "adverb" => ADVERB,
            "recip" => RECIP,
            "pron" => PRON,
            "aux" => AUX,
            "poss" => POSS,
            _ => continue,
        };
        if class == RECIP {
            // Pairs: "each other one another" -> first words "each", "one".
            let list: Vec<&str> = words.split_whitespace().collect();
            for pair in list.chunks(2) {
                table.add(pair[0].as_bytes(), RECIP);
            }
            continue;
        }
        for word in words.split_whitespace() {
            table.add(word.as_bytes(), class);
        }
    }
    table
});

/// Builds the grammar-word table now rather than at the first lookup.
pub(crate) fn prepare() {
    LazyLock::force(&CLASSES);
}

/// The table of the grammar words, for [`ClassTable::class_at`].
pub(crate) fn classes() -> &'static ClassTable {
    &CLASSES
}

/// The class bits of `word` (case-insensitive; 0 when it has none).
#[cfg(test)]
pub(crate) fn class(word: &str) -> Class {
    classes().class_at(word.as_bytes(), 0, word.len())
}

impl ClassTable {
    /// The class bits of a lower-case word of up to eight bytes packed into a `u64`
    /// (zero-padded), as [`ClassTable::class_at`] packs it: the probe alone, with none of
    /// the length, contraction and shape checks, which the tokenizer's words of letters
    /// and digits need not pass (the checks only spare other words the probe).
    #[inline]
    pub(crate) fn class_of_key(&self, key: u64) -> Class {
        let mut i = ClassTable::short_home(key);
        loop {
            let (listed, class) = self.short[i];
            if listed == key {
                return class;
            }
            if listed == 0 {
                return 0;
            }
            i = (i + 1) % SLOTS;
        }
    }

    /// The class bits of the word `bytes[start..end]` (case-insensitive; 0 when it has
    /// none). Short words are read eight bytes at a time, from `bytes` past `end` where it
    /// goes on.
    #[inline]
    pub(crate) fn class_at(&self, bytes: &[u8], start: usize, end: usize) -> Class {
        let Some(word) = bytes.get(start..end) else { return 0 };
        let n = word.len();
        if n == 0 || n > MAX_WORD {
            return 0;
        }
        // "didn't", "won’t": the tokenizer keeps contractions in one word.
        let t = |i: usize, b: u8| word[i].eq_ignore_ascii_case(&b);
        if word[n - 1] | 0x20 == b't' {
            let apostrophe = n >= 3 && word[n - 2] == b'\'' && t(n - 3, b'n');
            let curly = n >= 5 && word[n - 4..n - 1] == *"\u{2019}".as_bytes() && t(n - 5, b'n');
            if apostrophe || curly {
                return NEG;
            }
        }
        let h = shape(word);
        if n > MAX_KEY || self.shapes[h / 64] & (1 << (h % 64)) == 0 {
            return 0;
        }
        if n <= 8 {
            return self.class_of_key(lower8(low_bytes(load8(bytes, start), n)));
        }
        let mut key = [0u8; MAX_KEY];
        key[..n].copy_from_slice(word);
        let key = u128::from_le_bytes(key);
        self.get(key | (upper_bytes(key) >> 2))
    }
}

/// The high bit (0x80) of each byte of `x` that is an ASCII upper-case letter.
fn upper_bytes(x: u128) -> u128 {
    const LOW: u128 = u128::from_le_bytes([1; 16]);
    const HIGH: u128 = LOW * 0x80;
    // Below 0x80 in every byte, so no addition carries into the next byte.
    let ascii = x & !HIGH;
    let at_least_a = ascii + LOW * (0x80 - 0x41);
    let past_z = ascii + LOW * (0x80 - 0x5b);
    at_least_a & !past_z & !x & HIGH
}

/// What an inflected verb form is; `Participle` covers forms that can follow "was".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// Base, third person or -ing form.
    Plain,
    /// A past participle (possibly also the simple past).
    Participle,
}

/// Irregular verbs: lemma -> (past, past participle).
static IRREGULARS: LazyLock<HashMap<&'static str, (&'static str, &'static str)>> =
    LazyLock::new(|| {
        IRREGULAR
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some((f.next()?, (f.next()?, f.next()?)))
            })
            .collect()
    });

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Every form of the verb `lemma` (lower case), each with whether it is a participle.
pub(crate) fn verb_forms(lemma: &str) -> Vec<(String, Form)> {
    inflect(lemma, "")
}

/// [`verb_forms`] of `lemma`, each followed by `rest` (built with it: no form is copied).
fn inflect(lemma: &str, rest: &str) -> Vec<(String, Form)> {
    let mut out = Vec::with_capacity(6);
    out.push(([lemma, rest].concat(), Form::Plain));
    let b = lemma.as_bytes();
    let n = b.len();
    if n == 0 {
        return out;
    }
    let last = b[n - 1];
    let third = if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('x')
        || lemma.ends_with('z')
    {
        [lemma, "es", rest].concat()
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        [&lemma[..n - 1], "ies", rest].concat()
    } else {
        [lemma, "s", rest].concat()
    };
    out.push((third, Form::Plain));
    let ing = if last == b'e' && n > 2 && !lemma.ends_with("ee") {
        [&lemma[..n - 1], "ing", rest].concat()
    } else {
        [lemma, "ing", rest].concat()
    };
    out.push((ing, Form::Plain));
    if let Some(&(past, participle)) = IRREGULARS.get(lemma) {
        out.push(([past, rest].concat(), Form::Participle));
        if participle != past {
            out.push(([participle, rest].concat(), Form::Participle));
        }
        // Doubled consonant -ing for the listed doubling verbs ("admitting").
        if let Some(stem) = past.strip_suffix("ed") {
            if stem.len() == n + 1 {
                out.push(([stem, "ing", rest].concat(), Form::Plain));
            }
        }
        return out;
    }
    let past = if last == b'e' {
        [lemma, "d", rest].concat()
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        [&lemma[..n - 1], "ied", rest].concat()
    } else {
        [lemma, "ed", rest].concat()
    };
    out.push((past, Form::Participle));
    // Short consonant-vowel-consonant verbs double their last letter ("ban" -> "banned");
    // both spellings are listed, the wrong one never occurs in news.
    if (3..=4).contains(&n)
        && !is_vowel(last)
        && !matches!(last, b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
    {
        out.push(([lemma, &lemma[n - 1..], "ed", rest].concat(), Form::Participle));
        out.push(([lemma, &lemma[n - 1..], "ing", rest].concat(), Form::Plain));
    }
    out
}

/// The plural of a noun (lower case).
pub(crate) fn plural(noun: &str) -> String {
    let b = noun.as_bytes();
    let n = b.len();
    if noun.ends_with('s')
        || noun.ends_with("sh")
        || noun.ends_with("ch")
        || noun.ends_with('x')
        || noun.ends_with('z')
    {
        [noun, "es"].concat()
    } else if n > 1 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        [&noun[..n - 1], "ies"].concat()
    } else {
        [noun, "s"].concat()
    }
}

/// Every form of a phrase whose first word is a verb: the first word inflected, the rest kept.
pub(crate) fn phrase_forms(phrase: &str) -> Vec<(String, Form)> {
    match phrase.split_once(' ') {
        Some((head, _)) => inflect(head, &phrase[head.len()..]),
        None => inflect(phrase, ""),
    }
}
