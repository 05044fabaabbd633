//! Candidate mentions: gazetteer hits put in context, and name patterns for actors the
//! gazetteer does not list (title + name, organization and place forms, first names,
//! capitalized sequences with context cues), plus pronouns and role nouns.

use std::cell::Cell;

use super::ActorKind;
use super::gazetteer::{Entry, Gender};
use super::lexicon::{Cue, Function, Info, Lexicon, Title, place_or_of};
use super::matcher::{Hit, Matcher, Surface};
use crate::Span;
use crate::ascii::alnum_run_end;

/// No gazetteer hit on a word.
const NO_HIT: u32 = u32::MAX;

/// The letter-case shape of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Starts with an uppercase letter ("Putin").
    Cap,
    /// Two or more letters, all uppercase ("NATO").
    Upper,
    /// Starts with a lowercase letter.
    Lower,
    /// Starts with a digit or anything else.
    Other,
}

/// A word of a sentence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Word {
    pub span: Span,
    pub sent: u32,
    pub shape: Shape,
    /// Followed by a possessive `'s`.
    pub poss: bool,
    /// Only spaces separate it from the previous word of its sentence.
    pub joined: bool,
    /// It opens a sentence, a quotation, a bracket or a clause after a colon or a dash:
    /// a capital here says nothing about names.
    pub opens: bool,
    /// The gazetteer hit covering its first byte.
    pub hit: u32,
}

/// What a candidate mention refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A gazetteer entry.
    Entry(u32),
    /// The government of the country of a capital (the capital's gazetteer entry, which
    /// has a country: "Moscow said").
    Government(u32),
    /// An actor the gazetteer does not list.
    New(ActorKind),
    /// A lone capitalized word: a short form of a name if one matches, else dropped
    /// unless `fallback` is set.
    Short(Option<ActorKind>),
    /// A pronoun.
    Pronoun(Cue),
    /// A role noun phrase ("the president"), with the title and the country it names.
    Nominal(&'static str, Option<String>),
}

/// A candidate mention before resolution.
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub span: Span,
    pub sent: u32,
    pub target: Target,
    pub form: super::MentionForm,
    /// The title before or after the name ("president").
    pub title: Option<(&'static str, Title)>,
    /// The country the context ties the actor to.
    pub affiliation: Option<String>,
    /// Gender from a first name or title.
    pub gender: Option<Gender>,
    /// The kind is a guess from the shape of the name alone.
    pub guessed: bool,
}

impl Cand {
    fn new(span: Span, sent: u32, target: Target, form: super::MentionForm) -> Cand {
        Cand {
            span,
            sent,
            target,
            form,
            title: None,
            affiliation: None,
            gender: None,
            guessed: false,
        }
    }
}

/// [`CLASS`] bit: an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`CLASS`] bit: a byte that may join two runs of one word (`'`, `-`, `.`, `&`) or
/// start a non-ASCII char (which may be a letter or a joiner such as `’`).
const JOINER: u8 = 2;
/// [`CLASS`] bit: an ASCII byte that is neither a letter, a digit nor a space: in the
/// gap between two words, it keeps them from being joined.
const BREAK: u8 = 4;
/// [`CLASS`] bit: ASCII punctuation after which a capital says nothing about names
/// (see [`opens_after`]).
const OPENER: u8 = 8;
/// Gap flag (never in [`CLASS`]): the gap holds a non-ASCII char, so [`opens_after`]
/// decides.
const WIDE: u8 = 16;

/// The class of every byte: what the tokenizer decides on one byte.
static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if c >= 0x80 {
            JOINER
        } else {
            let joiner = if matches!(c, b'\'' | b'-' | b'.' | b'&') { JOINER } else { 0 };
            let opener =
                if matches!(c, b':' | b'"' | b'(' | b'[' | b'-' | b';' | b'.' | b'?' | b'!') {
                    OPENER
                } else {
                    0
                };
            let brk = if c == b' ' { 0 } else { BREAK };
            joiner | opener | brk
        };
        b += 1;
    }
    table
};

/// Splits the sentence `span` of `text` into words, appended to `out`. `each` sees every
/// word before it is appended (with the index it gets in `out`) and its first
/// run of ASCII letters and digits (up to eight bytes, zero-padded: the key of
/// [`super::matcher::Matcher::start_bit`]; its low byte is the word's first byte, or 0
/// where that is not ASCII), and gives the word's [`Word::hit`].
///
/// Driven by [`CLASS`] and read eight bytes at a time: one load at a word start gives
/// the end of its first run of ASCII letters and digits, the byte after it, whether the
/// next word follows after exactly one space (then the gap is not read again), and the
/// case shape of a word of up to eight ASCII bytes. Other gaps are read one byte at a
/// time, gathering what `joined` and `opens` need. Chars are decoded only at non-ASCII
/// bytes, and the rules for joined words ("U.S.", "O'Brien", "Ukraine's", "Rolls-Royce")
/// run only where a run ends at a joiner.
#[inline]
pub(crate) fn tokenize(
    text: &str,
    span: Span,
    sent: u32,
    out: &mut Vec<Word>,
    mut each: impl FnMut(&Word, usize, u64) -> u32,
) {
    use crate::ascii::{HIGHS, alnum_mask, load8, low_bytes};
    let bytes = text.as_bytes();
    let end = span.end.min(text.len());
    let mut i = span.start;
    let mut first = true;
    loop {
        // The gap before the next word: the [`CLASS`] bits of its bytes (plus [`WIDE`]).
        let gap_start = i;
        let mut gap = 0u8;
        loop {
            if i >= end {
                return;
            }
            let b = bytes[i];
            let class = CLASS[usize::from(b)];
            if class & ALNUM != 0 {
                break;
            }
            if b < 0x80 {
                gap |= class;
                i += 1;
                continue;
            }
            let Some(c) = char_at(text, i, end) else { return };
            if c.is_alphanumeric() {
                break;
            }
            gap |= WIDE | BREAK;
            i += c.len_utf8();
        }
        let (mut joined, mut opens) = if first {
            (false, true)
        } else if gap & BREAK == 0 {
            (true, false)
        } else if gap & WIDE != 0 {
            (false, opens_after(&bytes[gap_start..i]))
        } else {
            (false, gap & OPENER != 0)
        };
        first = false;
        // Words in a row, each after exactly one space.
        loop {
            let start = i;
            // Up to eight bytes of the word, zero (no letter or digit) past the sentence.
            let avail = end - start;
            let x = if avail >= 8 {
                load8(bytes, start)
            } else {
                low_bytes(load8(bytes, start), avail)
            };
            let stop = !alnum_mask(x) & HIGHS;
            let mut poss = false;
            // An Arabic article joined to a name ("al-Hariri"): the one lowercase start
            // of a capitalized word, found where its hyphen ends the first run.
            let mut article = false;
            // The next word follows after exactly one space.
            let mut next = false;
            let run;
            if stop != 0 {
                // The run ends inside the load, at byte `k` (a zero byte past the sentence).
                let k = (stop.trailing_zeros() / 8) as usize;
                run = x & ((1u64 << (8 * k)) - 1);
                i = start + k;
                let after = (x >> (8 * k)) as u8;
                if after == b' ' {
                    // The byte after the space, flagged as no letter or digit past the
                    // load.
                    next = ((stop >> 8) | (0x80 << 56)) >> (8 * k) & 0x80 == 0;
                } else if k < avail && CLASS[usize::from(after)] & JOINER != 0 {
                    // As [`joined_end`] decides: a period joins only single letters
                    // ("U.S."), and a hyphen no word that starts lowercase, so that
                    // "said." and "well-known" end here.
                    let hyphen_after_lower = after == b'-' && (x as u8).is_ascii_lowercase();
                    article = hyphen_after_lower && article_name(&bytes[start..end]);
                    let plain = (after == b'.' && k >= 2) || (hyphen_after_lower && !article);
                    if !plain {
                        (i, poss) = joined_end(text, start, i, end);
                    }
                }
            } else {
                run = x;
                i = alnum_run_end(bytes, start + 8, end);
                if i < end && CLASS[usize::from(bytes[i])] & JOINER != 0 {
                    (i, poss) = joined_end(text, start, i, end);
                }
            }
            // Most words' shape is told by their first two bytes: lowercase, a digit, or
            // a capital followed by a lowercase letter. The rest (capitals followed by no
            // lowercase letter, words starting with an Arabic article, non-ASCII starts)
            // take the one rarely taken branch: the case of a word's first letter is a
            // coin toss to the branch predictor.
            let shape = match SHAPE_BY_PAIR[usize::from(x as u16)] {
                Some(shape) if !article => shape,
                _ => rare_shape(text, start, i, x),
            };
            // Shown to `each` while in registers, then written with its hit.
            let word =
                Word { span: Span::new(start, i), sent, shape, poss, joined, opens, hit: NO_HIT };
            let hit = each(&word, out.len(), run);
            out.push(Word { hit, ..word });
            if !next {
                if poss {
                    i += text[i..].chars().next().map_or(1, char::len_utf8) + 1;
                }
                break;
            }
            i += 1;
            (joined, opens) = (true, false);
        }
    }
}

/// The shape of a word by its first two bytes (the first in the low byte), where they
/// say it (see [`tokenize`]); `None` where [`rare_shape`] decides.
static SHAPE_BY_PAIR: [Option<Shape>; 1 << 16] = {
    let mut table = [None; 1 << 16];
    let mut pair = 0;
    while pair < 1 << 16 {
        let (first, second) = (pair as u8, (pair >> 8) as u8);
        table[pair] = if first.is_ascii_lowercase() {
            Some(Shape::Lower)
        } else if first.is_ascii_uppercase() {
            if second.is_ascii_lowercase() { Some(Shape::Cap) } else { None }
        } else if first < 0x80 {
            Some(Shape::Other)
        } else {
            None
        };
        pair += 1;
    }
    table
};

/// The shape of the word `text[start..end]` whose first eight bytes (zero-padded past
/// the sentence) are `x`, for the words whose first byte does not say it (see
/// [`tokenize`]: a lowercase word here starts with an Arabic article).
#[inline(never)]
fn rare_shape(text: &str, start: usize, end: usize, x: u64) -> Shape {
    use crate::ascii::{HIGHS, letter_mask, low_bytes};
    let bytes = text.as_bytes();
    let len = end - start;
    match x as u8 {
        // Lowercase unless an Arabic article starts a name ("al-Hariri").
        b'a'..=b'z' if !article_name(&bytes[start..end]) => Shape::Lower,
        b'A'..=b'Z' if len <= 8 && low_bytes(x, len) & HIGHS == 0 => {
            // An ASCII word of up to eight bytes: [`shape`] from masks. A letter is
            // lowercase where its 0x20 bit is set.
            let word = low_bytes(x, len);
            let letters = letter_mask(word);
            let lower = letters & (word << 2);
            if lower != 0 || flags(letters) < 2 { Shape::Cap } else { Shape::Upper }
        }
        _ => shape(&text[start..end]),
    }
}

/// How many bytes of `mask` are flagged (a mask of [`crate::ascii`]: only the top bit
/// of each byte may be set), by one multiply.
#[inline]
fn flags(mask: u64) -> usize {
    ((mask >> 7).wrapping_mul(crate::ascii::ONES) >> 56) as usize
}

/// How many bytes of the masks `a` and `b` are flagged together (as [`flags`]), by one
/// multiply.
#[inline]
fn flags2(a: u64, b: u64) -> usize {
    // At most two a byte: the byte sums of the multiply stay below 256.
    (((a >> 7) + (b >> 7)).wrapping_mul(crate::ascii::ONES) >> 56) as usize
}

/// Whether `word` starts with an Arabic article joined to a capitalized name
/// ("al-Hariri", "el-Sisi", "ash-Shara"): a name, though it starts in lower case.
fn article_name(word: &[u8]) -> bool {
    let article = match word {
        [b'a', b's', b'h', b'-', ..] => 3,
        [b'a' | b'e', b'l', b'-', ..] => 2,
        [b'a', b'd' | b'r' | b's' | b't' | b'z' | b'n', b'-', ..] => 2,
        _ => return false,
    };
    word.get(article + 1).is_some_and(u8::is_ascii_uppercase)
}

/// The end of the word starting at `start` whose first run of letters and digits has
/// been read up to `i`, where a joiner or a non-ASCII char follows; and whether a
/// possessive `'s` follows it.
#[cold]
fn joined_end(text: &str, start: usize, mut i: usize, end: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut run_start = start;
    loop {
        // The rest of one run of letters and digits.
        loop {
            while i < end && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            match char_at(text, i, end) {
                Some(c) if !c.is_ascii() && c.is_alphanumeric() => i += c.len_utf8(),
                _ => break,
            }
        }
        // Most words end at a space or plain punctuation.
        match bytes.get(i) {
            Some(&b) if i < end && CLASS[usize::from(b)] & JOINER != 0 => {}
            _ => return (i, false),
        }
        let single = text[run_start..i].chars().nth(1).is_none();
        let Some(joiner) = text[i..end].chars().next() else { return (i, false) };
        let after = i + joiner.len_utf8();
        let next = text.get(after..end).and_then(|s| s.chars().next());
        let next_alnum = next.is_some_and(char::is_alphanumeric);
        match joiner {
            '\'' | '’' if next == Some('s') || next == Some('S') => {
                let after_s = after + 1;
                if text
                    .get(after_s..end)
                    .and_then(|s| s.chars().next())
                    .is_none_or(|c| !c.is_alphanumeric())
                {
                    return (i, true);
                }
                i = after;
            }
            // "O'Brien", "d'Ivoire"; not "I've", "don't".
            '\'' | '’' if next.is_some_and(char::is_uppercase) => i = after,
            '-' if next_alnum => {
                let left_lower = text[start..].chars().next().is_some_and(char::is_lowercase)
                    && !(run_start == start && article_name(&bytes[start..end]));
                let right: &str = &text[after..end];
                let right_len = right.chars().take_while(|c| c.is_alphanumeric()).count();
                let right_lower = right.chars().next().is_some_and(char::is_lowercase);
                if left_lower || (right_lower && right_len > 4) {
                    return (i, false);
                }
                i = after;
            }
            '.' if single && text[run_start..i].chars().all(char::is_alphabetic) => {
                i = after;
                if !next_alnum {
                    return (i, false);
                }
            }
            '&' if next_alnum && bytes.get(after).is_some_and(u8::is_ascii_uppercase) => i = after,
            _ => return (i, false),
        }
        run_start = i;
    }
}

/// Whether a capital after `gap` (the text between two words) says nothing about names:
/// after a colon, a quotation mark, a bracket, a dash, a bullet or sentence punctuation
/// (the ASCII ones are the [`OPENER`] bytes).
#[cold]
fn opens_after(gap: &[u8]) -> bool {
    gap.iter().any(|b| matches!(b, b':' | b'"' | b'(' | b'[' | b'-' | b';' | b'.' | b'?' | b'!'))
        || !gap.is_ascii()
            && ["“", "‘", "—", "–", "•"]
                .iter()
                .any(|m| gap.windows(m.len()).any(|w| w == m.as_bytes()))
}

/// The char at byte `i` (a char boundary) of `text[..end]`, with an ASCII fast path.
#[inline]
fn char_at(text: &str, i: usize, end: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 && i < end => Some(b as char),
        _ => text.get(i..end)?.chars().next(),
    }
}

/// The case shape of a word.
fn shape(word: &str) -> Shape {
    let bytes = word.as_bytes();
    match bytes.first() {
        Some(_) if article_name(bytes) => return Shape::Cap,
        Some(b) if b.is_ascii_lowercase() => return Shape::Lower,
        Some(b) if b.is_ascii_digit() => return Shape::Other,
        Some(b) if b.is_ascii_uppercase() && word.is_ascii() => {
            // Two or more letters and none lowercase: at least two uppercase ones.
            let mut upper = 0;
            for &b in bytes {
                if b.is_ascii_lowercase() {
                    return Shape::Cap;
                }
                upper += usize::from(b.is_ascii_uppercase());
            }
            return if upper >= 2 { Shape::Upper } else { Shape::Cap };
        }
        _ => {}
    }
    let Some(first) = word.chars().next() else { return Shape::Other };
    if first.is_uppercase() {
        let mut letters = 0;
        let all_upper = word.chars().filter(|c| c.is_alphabetic()).all(|c| {
            letters += 1;
            c.is_uppercase()
        });
        if all_upper && letters >= 2 { Shape::Upper } else { Shape::Cap }
    } else if first.is_lowercase() {
        Shape::Lower
    } else {
        Shape::Other
    }
}

/// The tokenizer's shortcuts (shapes from masks, gaps read once, words after one space
/// in the inner loop) against the plain definitions, on words at every offset of the
/// eight-byte loads and at the end of the sentence.
#[cfg(test)]
mod tokenizer_tests {
    use super::*;

    #[test]
    fn shortcuts_agree_with_plain_definitions() {
        let texts = [
            "The U.S. and O'Brien met Rolls-Royce staff; well-known NATO said.",
            "a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh iiiiiiiii ABCDEFGH ABCDEFGHI Ab AB A",
            "Ukraine's and Ukraine\u{2019}s army (UN) \u{201c}Paris\u{201d} \u{2014} Zo\u{eb} \u{c9}lys\u{e9}e.",
            "x  y\t\tz: Q \"W\" [E] R-2 3M 4x4 G7 AT&T B&b s-Gravenhage A.b.C IBM's",
            "end at eight ABCDEFGH",
            "ABCDEFG",
            "NATO",
            "Saad al-Hariri, el-Sisi and ash-Shara: co-op re-elect al-qaeda iPhone eBay I Ax A1 1A",
        ];
        for text in texts {
            for cut in [text.len(), text.len().saturating_sub(3)] {
                let Some(sentence) = text.get(..cut) else { continue };
                let mut words = Vec::new();
                let mut seen = 0;
                tokenize(text, Span::new(0, cut), 0, &mut words, |w, i, _| {
                    assert_eq!(i, seen);
                    seen += 1;
                    assert!(w.span.end <= cut, "{sentence:?}: {w:?}");
                    NO_HIT
                });
                let mut prev_end: Option<usize> = None;
                for w in &words {
                    let word = &text[w.span.start..w.span.end];
                    assert_eq!(w.shape, shape(word), "{sentence:?}: {word:?}");
                    let (joined, opens) = match prev_end {
                        None => (false, true),
                        Some(p) => {
                            let gap = &text.as_bytes()[p..w.span.start];
                            (gap.iter().all(|&b| b == b' '), opens_after(gap))
                        }
                    };
                    assert_eq!((w.joined, w.opens), (joined, opens), "{sentence:?}: {word:?}");
                    let poss = if w.poss {
                        text[w.span.end..].chars().next().map_or(0, char::len_utf8) + 1
                    } else {
                        0
                    };
                    prev_end = Some(w.span.end + poss);
                }
            }
        }
    }

    #[test]
    fn all_caps_agrees_with_a_bytewise_count() {
        let bytewise = |text: &str| {
            let (mut upper, mut lower) = (0usize, 0usize);
            for b in text.bytes() {
                upper += b.is_ascii_uppercase() as usize;
                lower += b.is_ascii_lowercase() as usize;
                if lower > 24 && lower * 3 >= upper {
                    return false;
                }
            }
            upper >= 2 && upper > 3 * lower
        };
        let mut texts = vec![
            "UNITED STATES SAYS TALKS WENT WELL".to_string(),
            "The talks went well, officials said on Monday.".to_string(),
        ];
        // Lowercase letters passing 24 inside a step of sixteen bytes, with capitals
        // before and after so that the test passes only briefly.
        for n in 0..100 {
            texts.push(format!("{}{}{}", "Q".repeat(n), "a".repeat(25), "Q".repeat(80)));
            texts.push(format!("{}{}", "a".repeat(n), "QQQQ".repeat(n)));
        }
        for text in &texts {
            assert_eq!(is_all_caps(text), bytewise(text), "{text:?}");
        }
    }
}

/// Whether a sentence is written in capitals (a headline): most letters uppercase.
///
/// The answer is the one of a bytewise count that gives up at the first prefix with more
/// than 24 lowercase letters and at least a third as many as capitals. Within 100 bytes
/// the second test follows from the first (25 lowercase letters leave room for at most
/// 75 capitals), so the first 64 bytes are tested by counting their lowercase letters in
/// one go (a loop the compiler turns into vector compares): running text gives itself
/// away there. Past them, letters are counted sixteen bytes at a time; the early exit is
/// tested after each sixteen, and byte by byte only where it may have passed within
/// them.
pub(crate) fn is_all_caps(text: &str) -> bool {
    let bytes = text.as_bytes();
    let head = head64(bytes);
    if count_from(&head, b'a') > 24 {
        return false;
    }
    is_all_caps_past_head(bytes, &head)
}

/// The first 64 bytes of `bytes`, zero-padded.
#[inline]
fn head64(bytes: &[u8]) -> [u8; 64] {
    match bytes.first_chunk::<64>() {
        Some(head) => *head,
        None => {
            let mut head = [0u8; 64];
            head[..bytes.len()].copy_from_slice(bytes);
            head
        }
    }
}

/// How many bytes of `head` are among the 26 from `first` on (the lowercase or the
/// capital letters).
#[inline]
fn count_from(head: &[u8; 64], first: u8) -> usize {
    usize::from(head.iter().fold(0u8, |n, b| n + u8::from(b.wrapping_sub(first) < 26)))
}

/// [`is_all_caps`] for a text whose first 64 bytes, `head`, hold at most 24 lowercase
/// letters (headlines, short sentences).
#[cold]
#[inline(never)]
fn is_all_caps_past_head(bytes: &[u8], head: &[u8; 64]) -> bool {
    use crate::ascii::letter_mask;
    let (mut upper, mut lower) = (count_from(head, b'A'), count_from(head, b'a'));
    let chunks = bytes.get(64..).unwrap_or(&[]).chunks_exact(16);
    let tail = chunks.remainder();
    for chunk in chunks {
        let (mut v, mut w) = ([0u8; 8], [0u8; 8]);
        v.copy_from_slice(&chunk[..8]);
        w.copy_from_slice(&chunk[8..]);
        let (v, w) = (u64::from_le_bytes(v), u64::from_le_bytes(w));
        let (lv, lw) = (letter_mask(v), letter_mask(w));
        // A letter is lowercase where its 0x20 bit is set.
        let l = flags2(lv & (v << 2), lw & (w << 2));
        let u = flags2(lv, lw) - l;
        if lower + l <= 24 {
            lower += l;
            upper += u;
        } else if 3 * (lower + l) >= upper + u {
            // The test passes at the last of the sixteen bytes.
            return false;
        } else {
            // It may pass before the last of them.
            for &b in chunk {
                upper += b.is_ascii_uppercase() as usize;
                lower += b.is_ascii_lowercase() as usize;
                if lower > 24 && lower * 3 >= upper {
                    return false;
                }
            }
        }
    }
    for &b in tail {
        upper += b.is_ascii_uppercase() as usize;
        lower += b.is_ascii_lowercase() as usize;
        if lower > 24 && lower * 3 >= upper {
            return false;
        }
    }
    upper >= 2 && upper > 3 * lower
}

/// Re-cases an all-caps stretch so that listed names match: every ASCII capital that
/// follows a letter is lowered ("UNITED STATES" -> "United States"); byte offsets stay.
pub(crate) fn title_case_ascii(text: &str, out: &mut String) {
    out.clear();
    let mut prev_letter = false;
    for c in text.chars() {
        if c.is_ascii_uppercase() && prev_letter {
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
        prev_letter = c.is_alphabetic();
    }
}

/// The scanner: context for one document.
pub(crate) struct Scanner<'a> {
    pub text: &'a str,
    pub words: &'a [Word],
    pub hits: &'a [Hit],
    pub lex: &'a Lexicon,
    pub matcher: &'a Matcher,
    pub entries: &'a [Entry],
    pub lower: String,
    /// What the word lists say about each word, looked up when first asked.
    pub infos: Vec<Cell<u32>>,
    /// A buffer for lowercasing non-ASCII words.
    pub scratch: Cell<String>,
    /// A buffer for the segments of a run.
    pub segs: Vec<Seg>,
}

/// An `infos` slot not looked up yet.
pub(crate) const UNKNOWN: u32 = u32::MAX - 1;

/// A piece of a capitalized run.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Seg {
    /// Words `.0..1` are a gazetteer hit.
    Gaz(usize, usize),
    /// Words `.0..1` are the title with the id `.2` (see [`Lexicon::title_entry`]).
    Title(usize, usize, u32),
    /// Words `.0..1` are an unknown name; `.2` is the listed place they spell re-cased,
    /// found when the run was split (see [`Scanner::recased_place`]).
    Unknown(usize, usize, Option<u32>),
    /// A word that breaks names (common word or connector).
    Break(usize),
}

impl Seg {
    /// The first word after the segment.
    fn end(self) -> usize {
        match self {
            Seg::Gaz(_, e) | Seg::Title(_, e, _) | Seg::Unknown(_, e, _) => e,
            Seg::Break(i) => i + 1,
        }
    }
}

/// The segments around one of a run.
#[derive(Clone, Copy, Debug, Default)]
struct Around {
    prev: Option<Seg>,
    next: Option<Seg>,
    after_next: Option<Seg>,
    /// It is the third segment or a later one.
    third: bool,
}

impl<'a> Scanner<'a> {
    /// The id of the title spelled by words `a..b`, in any case and joined by single
    /// spaces (see [`Lexicon::title_entry`]).
    fn title(&mut self, a: usize, b: usize) -> Option<u32> {
        // Most titles: 16 ASCII bytes or fewer, looked up as one integer.
        let bytes = self.text.as_bytes();
        let mut key = [0u8; 16];
        let mut n = 0;
        for i in a..b {
            let w = &bytes[self.words[i].span.start..self.words[i].span.end];
            let space = usize::from(i > a);
            let Some(slot) = key.get_mut(n..n + space + w.len()) else {
                return self.title_slow(a, b);
            };
            if let (1, Some(first)) = (space, slot.first_mut()) {
                *first = b' ';
            }
            for (k, &c) in slot[space..].iter_mut().zip(w) {
                *k = c.to_ascii_lowercase();
            }
            n += space + w.len();
        }
        if !key.is_ascii() {
            return self.title_slow(a, b);
        }
        self.lex.title(u128::from_le_bytes(key))
    }

    /// [`Scanner::title`] for words longer than 16 bytes together or not ASCII.
    #[cold]
    #[inline(never)]
    fn title_slow(&mut self, a: usize, b: usize) -> Option<u32> {
        let lex = self.lex;
        lex.titles.get(self.lower_words(a, b)).copied()
    }

    /// The lowercase form of words `a..b` joined by single spaces (the word itself when
    /// it is one lowercase ASCII word, else built in `self.lower`).
    fn lower_words(&mut self, a: usize, b: usize) -> &str {
        let text: &'a str = self.text;
        if b == a + 1 {
            let w = &text[self.words[a].span];
            if !w.bytes().any(|c| c.is_ascii_uppercase() || c >= 0x80) {
                return w;
            }
        }
        self.lower.clear();
        for i in a..b {
            if i > a {
                self.lower.push(' ');
            }
            let w = &text[self.words[i].span];
            if w.is_ascii() {
                let start = self.lower.len();
                self.lower.push_str(w);
                self.lower[start..].make_ascii_lowercase();
            } else {
                self.lower.extend(w.chars().flat_map(char::to_lowercase));
            }
        }
        &self.lower
    }

    /// What the word lists say about word `i`.
    #[inline]
    fn info(&self, i: usize) -> Info {
        let Some(cell) = self.infos.get(i) else { return Info::default() };
        let bits = cell.get();
        if bits != UNKNOWN {
            return Info::from_bits(bits);
        }
        let info = self.lookup(self.words[i].span);
        cell.set(info.bits());
        info
    }

    /// What the word lists say about the word at `span` (see [`Lexicon::lookup`]).
    #[inline(never)]
    fn lookup(&self, span: Span) -> Info {
        // Most words: ASCII, one to eight bytes, eight bytes of text from their start.
        let len = span.len();
        let chunk = self.text.as_bytes().get(span.start..span.start + 8);
        if let (true, Some(chunk)) = (len.wrapping_sub(1) < 8, chunk) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let key = u64::from_le_bytes(word) & (u64::MAX >> (64 - 8 * len));
            if key & crate::ascii::HIGHS == 0 {
                return self.lex.short_info(key, len);
            }
        }
        self.lookup_rest(span)
    }

    /// [`Scanner::lookup`] for the other words.
    #[cold]
    #[inline(never)]
    fn lookup_rest(&self, span: Span) -> Info {
        match self.lex.info_at(self.text.as_bytes(), span) {
            Some(found) => found,
            None => self.lookup_slow(span),
        }
    }

    /// [`Scanner::lookup`] for a word that is not ASCII or is longer than 16 bytes.
    #[cold]
    #[inline(never)]
    fn lookup_slow(&self, span: Span) -> Info {
        let word = &self.text[span];
        let mut scratch = self.scratch.take();
        let found = self.lex.lookup(word, &mut scratch);
        self.scratch.set(scratch);
        found
    }

    /// Whether word `i` (as written) is a listed first name, and the gender it implies.
    ///
    /// Looked up with the other word lists: a first name's lowercase form says which,
    /// and the word must be written as the name is, a capital and no other capitals.
    #[inline(always)]
    fn first_name(&self, i: usize) -> Option<Option<Gender>> {
        let info = self.info(i);
        // Most words are no first name: ruled out here, where the call is made.
        if !info.irregular_name() && info.first_name().is_none() {
            return None;
        }
        self.first_name_as_written(i, info)
    }

    /// [`Scanner::first_name`] for a word whose lowercase form is a first name.
    #[inline(never)]
    fn first_name_as_written(&self, i: usize, info: Info) -> Option<Option<Gender>> {
        let span = self.words[i].span;
        if info.irregular_name() {
            if let Some(g) = self.lex.irregular_first_name(&self.text[span]) {
                return Some(g);
            }
        }
        let gender = info.first_name()?;
        let word = &self.text.as_bytes()[span.start..span.end];
        let as_listed = word.first().is_some_and(u8::is_ascii_uppercase)
            && word[1..].iter().all(|b| b.is_ascii() && !b.is_ascii_uppercase());
        as_listed.then_some(gender)
    }

    fn is_common(&self, i: usize) -> bool {
        self.info(i).common()
    }

    fn cue(&self, i: usize) -> Option<Cue> {
        self.info(i).cue()
    }

    fn function(&self, i: usize) -> Option<Function> {
        self.info(i).function()
    }

    /// What `known` says of word `i`'s info if it was looked up already, else what the
    /// lexicon's quick `filter` says of the word (`false` only for words the list lacks),
    /// so that most words need no lookup to be ruled out.
    #[inline(always)]
    fn known_or(
        &self,
        i: usize,
        known: impl Fn(Info) -> bool,
        filter: impl Fn(&Lexicon, &[u8], Span) -> bool,
    ) -> bool {
        match self.infos.get(i).map(Cell::get) {
            Some(bits) if bits != UNKNOWN => known(Info::from_bits(bits)),
            _ => filter(self.lex, self.text.as_bytes(), self.words[i].span),
        }
    }

    /// Whether word `i` may start a title (see [`Scanner::known_or`]).
    #[inline(always)]
    fn may_start_title(&self, i: usize) -> bool {
        self.known_or(i, Info::title_first, Lexicon::may_start_title)
    }

    /// Whether word `i` may be a preposition before places or "of" (see
    /// [`Scanner::known_or`]).
    #[inline(always)]
    fn may_place_or_of(&self, i: usize) -> bool {
        self.known_or(i, place_or_of, Lexicon::may_place_or_of)
    }

    /// Whether word `i` may end a title (see [`Scanner::known_or`]).
    #[inline(always)]
    fn may_end_title(&self, i: usize) -> bool {
        self.known_or(i, Info::title_last, Lexicon::may_end_title)
    }

    /// The longest title starting at word `i` and ending before `end`: its number of
    /// words and its id (see [`Lexicon::title_entry`]).
    #[inline(always)]
    fn title_at(&mut self, i: usize, end: usize) -> Option<(usize, u32)> {
        // Most words start no title: ruled out here, where the call is made.
        if i >= end || !self.info(i).title_first() {
            return None;
        }
        self.title_from(i, end)
    }

    /// [`Scanner::title_at`] for a word `i` that starts some title.
    #[inline(never)]
    fn title_from(&mut self, i: usize, end: usize) -> Option<(usize, u32)> {
        // A title's words are joined: the longest one that may start here.
        let max = self.lex.max_title_words.min(end.saturating_sub(i));
        let mut joined = 1;
        while joined < max && self.words[i + joined].joined {
            joined += 1;
        }
        for n in (2..=joined).rev() {
            // Its last word ends some title.
            if !self.may_end_title(i + n - 1) || !self.info(i + n - 1).title_last() {
                continue;
            }
            if let Some(id) = self.title(i, i + n) {
                return Some((n, id));
            }
        }
        // One word: its info knows.
        self.info(i).title_id().filter(|_| max > 0).map(|id| (1, id))
    }

    /// A lowercase title ending just before word `i` (joined to it), with its first word.
    #[inline(always)]
    fn title_before(&mut self, i: usize) -> Option<(usize, &'static str, Title)> {
        // Every title below ends with word `i - 1`, joined to word `i` in its sentence and
        // not possessive: checked before the word lists are asked, where the call is made.
        if i == 0
            || i >= self.words.len()
            || !self.words[i].joined
            || self.words[i - 1].sent != self.words[i].sent
            || self.words[i - 1].poss
            || !self.may_end_title(i - 1)
            || !self.info(i - 1).title_last()
        {
            return None;
        }
        self.title_ending(i)
    }

    /// [`Scanner::title_before`] once word `i - 1` may end a title.
    #[inline(never)]
    fn title_ending(&mut self, i: usize) -> Option<(usize, &'static str, Title)> {
        let lex = self.lex;
        // The first word a title ending with word `i - 1` may start at: from there on,
        // the words are of one sentence, joined, and not possessive (`title_before`
        // checked this of word `i - 1`).
        let sent = self.words[i].sent;
        let mut first = i - 1;
        while first > i.saturating_sub(lex.max_title_words)
            && self.words[first - 1].sent == sent
            && self.words[first].joined
            && !self.words[first - 1].poss
        {
            first -= 1;
        }
        for a in first..i {
            if self.words[a].shape != Shape::Lower
                || !self.may_start_title(a)
                || !self.info(a).title_first()
            {
                continue;
            }
            // One word: its info knows.
            let id = if a + 1 == i { self.info(a).title_id() } else { self.title(a, i) };
            if let Some(id) = id {
                let (key, t) = lex.title_entry(id);
                return Some((a, key, t));
            }
        }
        None
    }

    /// The entry a hit most likely stands for, given whether a person is expected.
    fn pick(&self, hit: &Hit, person: bool) -> Option<(u32, Surface)> {
        let cands = self.matcher.candidates(hit.pattern);
        if let [only] = cands {
            // Every test below picks a lone candidate (most patterns have one).
            return Some((only.entry, only.surface));
        }
        let kind = |c: &&super::matcher::Candidate| self.entries[c.entry as usize].kind;
        let best = if person { cands.iter().find(|c| kind(c) == ActorKind::Person) } else { None };
        best.or_else(|| {
            cands.iter().find(|c| c.surface != Surface::Demonym && kind(c) == ActorKind::Country)
        })
        .or_else(|| cands.iter().find(|c| c.surface == Surface::Name))
        .or_else(|| cands.first())
        .map(|c| (c.entry, c.surface))
    }

    /// The country of the gazetteer hit covering word `i`, if any.
    fn hit_country(&self, i: usize) -> Option<String> {
        let h = self.words.get(i)?.hit;
        let hit = self.hits.get(h as usize)?;
        let (e, _) = self.pick(hit, false)?;
        self.entries[e as usize].country.clone()
    }

    /// The country named right after a place ending before word `b`, set off by a comma
    /// and ending its phrase: "in Bam, Iran," gives Iran.
    fn country_after(&self, b: usize) -> Option<String> {
        let w = self.words.get(b)?;
        if w.hit == NO_HIT || w.sent != self.words[b - 1].sent {
            return None;
        }
        let gap = &self.text[self.words[b - 1].span.end..w.span.start];
        let hit = &self.hits[w.hit as usize];
        let (e, surface) = self.pick(hit, false)?;
        let entry = &self.entries[e as usize];
        let after = self.text[hit.span.end..].chars().next();
        (gap == ", "
            && hit.span.start == w.span.start
            && surface != Surface::Demonym
            && entry.kind == ActorKind::Country
            && after.is_none_or(|c| matches!(c, ',' | '.' | ';' | ':' | ')' | '\n')))
        .then(|| entry.country.clone())
        .flatten()
    }

    /// The first word from `k` on that is not one of up to three auxiliaries, modals or
    /// adverbs of its sentence ("has", "will not", "repeatedly"): the verb in "Moscow has
    /// repeatedly denied".
    fn past_aux(&self, k: usize) -> usize {
        let sent = self.words[k].sent;
        let mut j = k;
        while j < self.words.len() && j - k < 3 && self.words[j].sent == sent {
            let w = self.words[j];
            let adverb = w.shape == Shape::Lower && self.text[w.span].ends_with("ly");
            if !adverb && self.cue(j) != Some(Cue::Aux) {
                break;
            }
            j += 1;
        }
        if j < self.words.len() && self.words[j].sent == sent { j } else { k }
    }

    /// Whether a capital at words `a..b` acts as its government here.
    fn acts(&mut self, a: usize, b: usize) -> bool {
        let sent = self.words[a].sent;
        let next = |k: usize| (k < self.words.len() && self.words[k].sent == sent).then_some(k);
        // After a preposition the capital is a place, not the subject of the verb that
        // follows ("Doctors in Athens had wanted", "the Mayor of London would say").
        let after_preposition = a > 0
            && self.words[a - 1].sent == sent
            && (self.cue(a - 1) == Some(Cue::Place)
                || matches!(self.function(a - 1), Some(Function::Of | Function::For)));
        if let Some(k) = next(b).filter(|_| !after_preposition) {
            if self.cue(k) == Some(Cue::Regime) || self.cue(self.past_aux(k)) == Some(Cue::Act) {
                return true;
            }
            // "Moscow and Kyiv accused": a capital coordinated before a verb.
            if self.function(k) == Some(Function::And) {
                if let Some(h) = next(k + 1).map(|k| self.words[k].hit).filter(|&h| h != NO_HIT) {
                    let end = self.hits[h as usize].span.end;
                    let after =
                        (k + 1..self.words.len()).find(|&j| self.words[j].span.start >= end);
                    if after.and_then(next).is_some_and(|j| self.cue(j) == Some(Cue::Act)) {
                        return true;
                    }
                }
            }
        }
        if a > 0 && self.words[a - 1].sent == sent {
            if matches!(self.cue(a - 1), Some(Cue::ActObject | Cue::Act)) {
                return true;
            }
            // "... Moscow and Kyiv accused": the second conjunct.
            if self.function(a - 1) == Some(Function::And)
                && a >= 2
                && self.words[a - 2].hit != NO_HIT
            {
                if let Some(k) = next(b) {
                    return self.cue(k) == Some(Cue::Act);
                }
            }
        }
        false
    }

    /// Scans one sentence's words `a..b`, appending candidates to `out`. Only the words
    /// in `marks` (ascending) can start a candidate: those under a gazetteer hit, and
    /// unless the sentence is in capitals, capitalized words and possible pronouns or
    /// "the"; the other words are read as context only.
    pub(crate) fn sentence(
        &mut self,
        a: usize,
        b: usize,
        marks: &[u32],
        all_caps: bool,
        out: &mut Vec<Cand>,
    ) {
        let mut k = a;
        for &m in marks {
            let m = m as usize;
            if m < k || m >= b {
                continue;
            }
            k = m;
            let w = self.words[k];
            if all_caps {
                if w.hit != NO_HIT && self.hits[w.hit as usize].span.start == w.span.start {
                    let end = self.hit_end(k, b);
                    self.gaz_cand(k, end, None, out);
                    k = end;
                }
                continue;
            }
            // A word inside a name begun before it ("Gamble" of "Procter & Gamble",
            // across the "&" that ends a run) went with that name.
            if w.hit != NO_HIT && self.hits[w.hit as usize].span.start < w.span.start {
                k += 1;
                continue;
            }
            let name_like = matches!(w.shape, Shape::Cap | Shape::Upper) || w.hit != NO_HIT;
            let pronoun_or_the = if !name_like {
                // Most such marks are here as possible pronouns or "the".
                self.lex.pronoun_or_the_at(self.text.as_bytes(), w.span)
            } else if w.shape == Shape::Cap && w.hit == NO_HIT {
                self.pronoun_or_the_at(k)
            } else {
                None
            };
            if !name_like || pronoun_or_the.is_some() {
                if let Some(cue) = pronoun_or_the {
                    self.pronoun_or_the(k, b, cue, out);
                }
                k += 1;
                continue;
            }
            let end = self.run_end(k, b);
            self.run(k, end, out);
            k = end;
        }
    }

    /// First word after the hit starting at word `k`.
    fn hit_end(&self, k: usize, b: usize) -> usize {
        let end = self.hits[self.words[k].hit as usize].span.end;
        let mut j = k + 1;
        while j < b && self.words[j].span.start < end {
            j += 1;
        }
        j
    }

    /// The end of the capitalized run starting at word `k`.
    fn run_end(&mut self, k: usize, b: usize) -> usize {
        let cap = |w: &Word| matches!(w.shape, Shape::Cap | Shape::Upper);
        let mut j = k + 1;
        while j < b && !self.words[j - 1].poss && (self.words[j].joined || self.amp_joined(j)) {
            let w = self.words[j];
            if cap(&w) || w.hit != NO_HIT {
                j += 1;
                continue;
            }
            // Only a lowercase word, not possessive, joins the capitals around it, and
            // only when the next word is joined to it.
            if w.shape != Shape::Lower || w.poss || j + 1 >= b || !self.words[j + 1].joined {
                break;
            }
            let next = self.words[j + 1];
            if cap(&next) {
                // A connector before a capital; the word lists are asked only here.
                let connector = matches!(self.cue(j), Some(Cue::Particle))
                    || self.function(j).is_some_and(|f| f != Function::The);
                if !connector {
                    break;
                }
                j += 2;
                continue;
            }
            // "Chancellor of the Exchequer", "Bank of the Philippine Islands": "of the"
            // before a capital.
            let of_the_cap = next.shape == Shape::Lower
                && j + 2 < b
                && self.words[j + 2].joined
                && cap(&self.words[j + 2])
                && self.function(j) == Some(Function::Of)
                && self.function(j + 1) == Some(Function::The);
            if !of_the_cap {
                break;
            }
            j += 3;
        }
        j
    }

    /// Whether word `k` is "the" (`Some(None)`) or a pronoun (`Some(Some(cue))`), in any
    /// case (handled by [`Scanner::pronoun_or_the`] even when capitalized).
    #[inline(always)]
    fn pronoun_or_the_at(&self, k: usize) -> Option<Option<Cue>> {
        let span = self.words[k].span;
        let bytes = self.text.as_bytes();
        // Most words are ruled out on their first byte and length.
        let first = bytes.get(span.start).copied().unwrap_or(0);
        if !self.lex.may_be_pronoun_or_the_start(first, span.len()) {
            return None;
        }
        self.lex.pronoun_or_the_at(bytes, span)
    }

    /// Handles "the" (`pronoun` is `None`) or a pronoun with its cue, in any case, at
    /// word `k`: pronouns and role nouns.
    fn pronoun_or_the(&mut self, k: usize, b: usize, pronoun: Option<Cue>, out: &mut Vec<Cand>) {
        let w = self.words[k];
        if let Some(cue) = pronoun {
            out.push(Cand::new(w.span, w.sent, Target::Pronoun(cue), super::MentionForm::Pronoun));
            return;
        }
        // "the [Russian] president", not followed by a name.
        let mut i = k + 1;
        // The listed name after "the", whose country is read once a title follows.
        let mut named = None;
        if i < b && self.words[i].hit != NO_HIT && self.words[i].joined {
            named = Some(i);
            i = self.hit_end(i, b);
        }
        if i >= b
            || !self.words[i].joined
            || self.words[i].shape == Shape::Upper
            || !self.may_start_title(i)
        {
            return;
        }
        if let Some((n, id)) = self.title_at(i, b) {
            let (title, t) = self.lex.title_entry(id);
            if t.honorific || t.sector.is_none() && t.gender.is_none() {
                return;
            }
            let e = i + n;
            let followed_by_name = e < b
                && self.words[e].joined
                && matches!(self.words[e].shape, Shape::Cap | Shape::Upper);
            if !followed_by_name && !self.words[e - 1].poss {
                let mut country = named.and_then(|h| self.hit_country(h));
                // "the president of Armenia": the office's country follows it.
                if country.is_none()
                    && e + 1 < b
                    && self.function(e) == Some(Function::Of)
                    && self.words[e + 1].hit != NO_HIT
                {
                    country = self.hit_country(e + 1);
                }
                let span = Span::new(w.span.start, self.words[e - 1].span.end);
                let mut c = Cand::new(
                    span,
                    w.sent,
                    Target::Nominal(title, country),
                    super::MentionForm::Nominal,
                );
                c.gender = t.gender;
                out.push(c);
            }
        }
    }

    /// Splits the run `k..end` into segments and turns them into candidates.
    fn run(&mut self, k: usize, end: usize, out: &mut Vec<Cand>) {
        if end == k + 1 {
            // Most runs are one word: one segment, with no buffer.
            let seg = self.segment(k, end);
            self.seg(seg, Around::default(), k, out);
            return;
        }
        self.segs.clear();
        let mut i = k;
        while i < end {
            let seg = self.segment(i, end);
            i = seg.end();
            self.segs.push(seg);
        }
        for s in 0..self.segs.len() {
            let around = Around {
                prev: s.checked_sub(1).map(|p| self.segs[p]),
                next: self.segs.get(s + 1).copied(),
                after_next: self.segs.get(s + 2).copied(),
                third: s >= 2,
            };
            self.seg(self.segs[s], around, k, out);
        }
    }

    /// The segment starting at word `i` of a run ending before word `end`.
    #[inline(always)]
    fn segment(&mut self, i: usize, end: usize) -> Seg {
        let w = self.words[i];
        if w.hit != NO_HIT && self.hits[w.hit as usize].span.start == w.span.start {
            return Seg::Gaz(i, self.hit_end(i, end));
        }
        if w.shape == Shape::Lower {
            return Seg::Break(i);
        }
        if w.shape == Shape::Upper {
            // A place in capitals ("NEW YORK"), before its words are read as common.
            let mut j = i + 1;
            while j < end && j - i < 4 && self.words[j].shape == Shape::Upper {
                j += 1;
            }
            let place = (i + 1..=j).rev().find_map(|e| Some((e, self.recased_place(i, e)?)));
            if let Some((e, place)) = place {
                return Seg::Unknown(i, e, Some(place));
            }
        }
        if let Some((n, id)) = self.title_at(i, end) {
            return Seg::Title(i, i + n, id);
        }
        if self.is_common(i) {
            return Seg::Break(i);
        }
        // A name in a run of one word ends with it.
        let e = if end == i + 1 { end } else { self.unknown_end(i, end) };
        Seg::Unknown(i, e, None)
    }

    /// The end of an unknown name starting at word `i`.
    fn unknown_end(&mut self, i: usize, end: usize) -> usize {
        // "Ministry of Defence", "Gulf of Mexico": a head word takes the rest of the run.
        let info = self.info(i);
        let head = info.org(false) || info.place(false);
        if head && i + 2 < end && matches!(self.function(i + 1), Some(Function::Of | Function::For))
        {
            return end;
        }
        let mut j = i + 1;
        while j < end {
            let w = self.words[j];
            if w.hit != NO_HIT && self.hits[w.hit as usize].span.start == w.span.start {
                break;
            }
            if w.shape == Shape::Lower {
                let particle = matches!(self.cue(j), Some(Cue::Particle));
                if !particle {
                    break;
                }
            } else if self.is_common(j) || self.title_at(j, end).is_some() {
                break;
            }
            j += 1;
        }
        // A name ends on a capitalized word.
        while j > i + 1 && self.words[j - 1].shape == Shape::Lower {
            j -= 1;
        }
        j
    }

    /// Whether word `j` follows the previous one across " & " and is capitalized: one
    /// company name ("Douglas & Lomason", "Ernst & Young").
    fn amp_joined(&self, j: usize) -> bool {
        let w = self.words[j];
        j > 0
            && matches!(w.shape, Shape::Cap | Shape::Upper)
            && self.words[j - 1].sent == w.sent
            && self.text.as_bytes().get(self.words[j - 1].span.end..w.span.start) == Some(b" & ")
    }

    fn is_org_word(&self, i: usize, suffix: bool) -> bool {
        self.info(i).org(suffix)
    }

    fn is_place_word(&self, i: usize, suffix: bool) -> bool {
        self.info(i).place(suffix)
    }

    /// Emits the candidate for the segment `seg`, with the segments `around` it, of a run
    /// starting at word `run_start`.
    #[inline(always)]
    fn seg(&mut self, seg: Seg, around: Around, run_start: usize, out: &mut Vec<Cand>) {
        let Around { prev, next, after_next, third } = around;
        match seg {
            Seg::Break(_) => {}
            Seg::Title(a, b, id) => {
                let (title, t) = self.lex.title_entry(id);
                // A capitalized title with no name after it: "the President said".
                let named = matches!(next, Some(Seg::Unknown(..) | Seg::Gaz(..)));
                if named || t.honorific || t.sector.is_none() {
                    return;
                }
                if a > 0 && self.words[a].joined && self.function(a - 1) == Some(Function::The) {
                    let span = Span::new(self.words[a - 1].span.start, self.words[b - 1].span.end);
                    let target = Target::Nominal(title, None);
                    out.push(Cand::new(
                        span,
                        self.words[a].sent,
                        target,
                        super::MentionForm::Nominal,
                    ));
                }
            }
            Seg::Gaz(a, b) => {
                // Merged into an organization with the next unknown segment?
                if let Some(Seg::Unknown(ua, ub, _)) = next {
                    if self.org_merge(a, ua, ub) {
                        return;
                    }
                }
                if let Some(Seg::Unknown(ua, ub, _)) = prev {
                    if ub - ua == 1 && self.demonym_surname(ub, a, b) {
                        let span = Span::new(self.words[ua].span.start, self.words[a].span.end);
                        let mut c = Cand::new(
                            span,
                            self.words[a].sent,
                            Target::New(ActorKind::Person),
                            super::MentionForm::Name,
                        );
                        c.gender = self.first_name(ua).flatten();
                        out.push(c);
                        return;
                    }
                }
                // "Kurdistan Democratic Party": a name before a listed party's name makes
                // another party.
                if let Some(Seg::Unknown(ua, ub, _)) = prev {
                    if self.org_extends(ub, a, b) {
                        let span = Span::new(self.words[ua].span.start, self.words[b - 1].span.end);
                        out.push(Cand::new(
                            span,
                            self.words[a].sent,
                            Target::New(ActorKind::Organization),
                            super::MentionForm::Name,
                        ));
                        return;
                    }
                }
                let title = match prev {
                    Some(Seg::Title(_, _, id)) => Some(self.lex.title_entry(id)),
                    _ if a == run_start => self.title_before(a).map(|(_, n, t)| (n, t)),
                    _ => None,
                };
                self.gaz_cand(a, b, title, out);
            }
            Seg::Unknown(a, b, place) => {
                if let Some(Seg::Gaz(ga, gb)) = next {
                    if self.org_extends(b, ga, gb) || b - a == 1 && self.demonym_surname(b, ga, gb)
                    {
                        return;
                    }
                }
                if let Some(Seg::Gaz(ga, _)) = prev {
                    let hit = &self.hits[self.words[ga].hit as usize];
                    if self.org_merge(ga, a, b) {
                        let span = Span::new(hit.span.start, self.words[b - 1].span.end);
                        // A listed organization's longer name ("Ford Motor Co") is it.
                        let target = match self.pick(hit, false) {
                            Some((e, Surface::Name | Surface::Alias))
                                if self.entries[e as usize].kind == ActorKind::Organization =>
                            {
                                Target::Entry(e)
                            }
                            _ => Target::New(ActorKind::Organization),
                        };
                        out.push(Cand::new(
                            span,
                            self.words[a].sent,
                            target,
                            super::MentionForm::Name,
                        ));
                        return;
                    }
                }
                // The title just before the name ("Dr", "foreign minister"), read once.
                let before = self.title_before(a);
                let mut cand = self.unknown(a, b, before, place);
                let title = match prev {
                    Some(Seg::Title(ta, _, id)) => {
                        let (title, t) = self.lex.title_entry(id);
                        // "General Motors": a title before an organization name belongs to it.
                        if matches!(cand.target, Target::New(ActorKind::Organization)) {
                            cand.span.start = self.words[ta].span.start;
                            out.push(cand);
                            return;
                        }
                        // A listed name before the title, when a segment is there.
                        let affiliation = match ta.checked_sub(1).filter(|_| third) {
                            Some(p) if self.words[p].hit != NO_HIT => self.hit_country(p),
                            _ => None,
                        };
                        Some((title, t, affiliation))
                    }
                    _ if a == run_start => before.map(|(ta, title, t)| {
                        let affiliation = ta.checked_sub(1).and_then(|p| {
                            (self.words[p].sent == self.words[a].sent)
                                .then(|| self.hit_country(p))
                                .flatten()
                        });
                        (title, t, affiliation)
                    }),
                    _ => None,
                };
                if let Some((title, t, affiliation)) = title {
                    if matches!(cand.target, Target::New(ActorKind::Person) | Target::Short(_)) {
                        cand.target = Target::New(ActorKind::Person);
                        cand.title = Some((title, t));
                        cand.gender = cand.gender.or(t.gender);
                        cand.affiliation = affiliation;
                    }
                }
                // "President Zelenskyy of Ukraine".
                if let (
                    Target::New(ActorKind::Person),
                    Some(Seg::Break(c)),
                    Some(Seg::Gaz(ga, _)),
                ) = (&cand.target, next, after_next)
                {
                    if self.function(c) == Some(Function::Of) {
                        cand.affiliation = cand.affiliation.take().or_else(|| self.hit_country(ga));
                    }
                }
                // An apposition follows a comma: most names have none.
                if matches!(cand.target, Target::New(ActorKind::Person))
                    && next.is_none()
                    && self.text.as_bytes().get(self.words[b - 1].span.end) == Some(&b',')
                {
                    self.apposition(b, &mut cand);
                }
                // A lone word joined to a capitalized common word, a title or a listed
                // name is a piece of a longer name ("Air" in "Air France", "World" in
                // "World Cup"), not an organization of its own; a lowercase connector
                // ("Essex and Kent") does not make it one, but "of" and "for" do ("Duke of
                // Norfolk"), except before a listed name ("Dinamo of Russia").
                let piece = |seg: Option<Seg>, after: Option<Seg>| match seg {
                    Some(Seg::Break(i)) if self.words[i].shape == Shape::Lower => {
                        matches!(self.function(i), Some(Function::Of | Function::For))
                            && !matches!(after, Some(Seg::Gaz(..)))
                    }
                    // A common word capitalized only because it opens the sentence.
                    Some(Seg::Break(i)) => !self.words[i].opens,
                    Some(_) => true,
                    None => false,
                };
                if matches!(cand.target, Target::Short(Some(ActorKind::Organization)))
                    && (piece(prev, None) || piece(next, after_next))
                {
                    cand.target = Target::Short(None);
                }
                // A lone common noun or organization word is no short form either: "Bank"
                // alone does not stand for "Bank Zorvex".
                let noun = b == a + 1 && (self.info(a).noun() || self.is_org_word(a, true));
                if noun && matches!(cand.target, Target::Short(None)) {
                    return;
                }
                if !matches!(cand.target, Target::Short(None)) || cand.span.start > 0 {
                    out.push(cand);
                }
            }
        }
    }

    /// Reads an apposition after a person's name ending before word `b`: ", the foreign
    /// minister of Ruritania", ", Ruritania's foreign minister", ", the Ruritanian
    /// foreign minister". It gives the title and the country.
    fn apposition(&mut self, b: usize, cand: &mut Cand) {
        let sent = self.words[b - 1].sent;
        let in_sentence = |k: usize| k < self.words.len() && self.words[k].sent == sent;
        if !in_sentence(b) || self.text.as_bytes().get(self.words[b - 1].span.end) != Some(&b',') {
            return;
        }
        let mut i = b;
        let mut country = None;
        if self.function(i) == Some(Function::The) {
            i += 1;
        }
        if in_sentence(i) && self.words[i].hit != NO_HIT {
            country = self.hit_country(i);
            let end = self.hits[self.words[i].hit as usize].span.end;
            while in_sentence(i) && self.words[i].span.start < end {
                i += 1;
            }
        }
        if !in_sentence(i) || self.words[i].shape != Shape::Lower {
            return;
        }
        let limit = (i + self.lex.max_title_words).min(self.words.len());
        let Some((n, id)) = self.title_at(i, limit) else { return };
        let (title, t) = self.lex.title_entry(id);
        if t.honorific {
            return;
        }
        let after = i + n;
        if country.is_none() && in_sentence(after + 1) && self.function(after) == Some(Function::Of)
        {
            country = self.hit_country(after + 1);
        }
        cand.title = cand.title.or(Some((title, t)));
        cand.affiliation = cand.affiliation.take().or(country);
    }

    /// A place or country written in capitals amid ordinary text, as in a dateline
    /// ("NEW YORK, March 5 -", "TOKYO (Reuters) -"): the words `a..b`, all in capitals, spell
    /// a listed place when re-cased. Gives the place's entry.
    fn recased_place(&self, a: usize, b: usize) -> Option<u32> {
        if !self.words[a..b].iter().all(|w| w.shape == Shape::Upper) {
            return None;
        }
        let span = Span::new(self.words[a].span.start, self.words[b - 1].span.end);
        let mut recased = self.scratch.take();
        title_case_ascii(&self.text[span], &mut recased);
        let found = self
            .matcher
            .find_at(&recased, 0, recased.len())
            .filter(|hit| hit.span.end == recased.len())
            .and_then(|hit| self.pick(&hit, false))
            .filter(|&(e, surface)| {
                surface != Surface::Demonym
                    && matches!(
                        self.entries[e as usize].kind,
                        ActorKind::Location | ActorKind::Country
                    )
            });
        self.scratch.set(recased);
        // A team in a results table ("CHICAGO 62 70 .470"), not a dateline
        // ("LONDON 1996-08-30", "NEW YORK, March 5"). (Read only for a place found: most
        // words in capitals spell none.)
        found?;
        let next = self.text[span.end..].trim_start_matches(' ');
        let number = next.split([' ', '\n', '\t']).next().is_some_and(|t| {
            t.bytes().any(|b| b.is_ascii_digit())
                && t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b','))
        });
        if number {
            return None;
        }
        found.map(|(e, _)| e)
    }

    /// Whether unknown words ending at word `end` and the gazetteer hit at words `a..b`
    /// right after them form one longer organization name: the hit names an organization
    /// and ends with an organization word ("Democratic Party", "National Congress").
    fn org_extends(&self, end: usize, a: usize, b: usize) -> bool {
        if end != a || !self.words[a].joined {
            return false;
        }
        let hit = &self.hits[self.words[a].hit as usize];
        hit.span.start == self.words[a].span.start
            && self.is_org_word(b - 1, true)
            && self.pick(hit, false).is_some_and(|(e, surface)| {
                surface != Surface::Demonym
                    && self.entries[e as usize].kind == ActorKind::Organization
            })
    }

    /// Whether the unknown word ending at `end` is a first name and the one-word
    /// gazetteer hit at words `a..b` right after it is a demonym: a surname ("Glenn
    /// English", "Jack French").
    fn demonym_surname(&self, end: usize, a: usize, b: usize) -> bool {
        if end != a || b != a + 1 || a == 0 || !self.words[a].joined {
            return false;
        }
        let hit = &self.hits[self.words[a].hit as usize];
        hit.span.start == self.words[a].span.start
            && hit.span.end == self.words[a].span.end
            && self.pick(hit, false).is_some_and(|(_, surface)| surface == Surface::Demonym)
            && self.first_name(a - 1).is_some()
    }

    /// Whether the gazetteer place at word `g` and unknown words `a..b` form one
    /// organization ("England Cricket Board", "Chicago Bulls").
    fn org_merge(&mut self, g: usize, a: usize, b: usize) -> bool {
        let hit = &self.hits[self.words[g].hit as usize];
        let Some((e, surface)) = self.pick(hit, false) else { return false };
        let kind = self.entries[e as usize].kind;
        // "Qantas Airways Ltd": a listed company's longer name.
        if self.is_org_word(b - 1, true)
            && (matches!(kind, ActorKind::Location | ActorKind::Country | ActorKind::Organization)
                || surface == Surface::Demonym)
        {
            return true;
        }
        if !matches!(kind, ActorKind::Location | ActorKind::Country) && surface != Surface::Demonym
        {
            return false;
        }
        let first_name = self.first_name(a).is_some();
        surface != Surface::Demonym
            && !first_name
            && kind == ActorKind::Location
            && self.words[g].poss.eq(&false)
            && (a..b).all(|i| self.words[i].shape == Shape::Cap)
            && self.title_before(g).is_none()
    }

    /// Classifies the unknown name at words `a..b`, given the title just before it
    /// ([`Scanner::title_before`]) and the place they spell re-cased, if the run's split
    /// found one.
    #[inline(never)]
    fn unknown(
        &mut self,
        a: usize,
        b: usize,
        before: Option<(usize, &'static str, Title)>,
        place: Option<u32>,
    ) -> Cand {
        let span = Span::new(self.words[a].span.start, self.words[b - 1].span.end);
        let sent = self.words[a].sent;
        // Only words all in capitals can spell a place re-cased; up to four of them were
        // tried when the run was split.
        let place = match place {
            None if b - a > 4 && self.words[a].shape == Shape::Upper => self.recased_place(a, b),
            _ => place,
        };
        if let Some(e) = place {
            return Cand::new(span, sent, Target::Entry(e), super::MentionForm::Name);
        }
        // "Karen guerrillas", "Houthi rebels": a lone name before a noun of armed groups.
        if b == a + 1
            && b < self.words.len()
            && self.words[b].joined
            && self.words[b].shape == Shape::Lower
            && self.lex.may_be_force(self.text.as_bytes(), self.words[b].span)
            && self.cue(b) == Some(Cue::Force)
        {
            return Cand::new(span, sent, Target::New(ActorKind::Group), super::MentionForm::Name);
        }
        let new = |kind| Cand::new(span, sent, Target::New(kind), super::MentionForm::Name);
        // A lone common noun ("Oil", "ISSUE") or organization word ("Department", "Air",
        // "Corp") names no organization by itself: it is a piece of a longer name or a
        // description.
        let info = self.info(a);
        let noun = b == a + 1 && (info.noun() || info.org(true));
        if (a + 1..b).any(|j| self.amp_joined(j)) {
            return new(ActorKind::Organization);
        }
        if b - a >= 2 && (self.is_org_word(b - 1, true) || info.org(false)) {
            return new(ActorKind::Organization);
        }
        if b - a >= 2 && (self.is_place_word(b - 1, true) || info.place(false)) {
            let mut c = new(ActorKind::Location);
            c.affiliation = self.country_after(b);
            return c;
        }
        // The first word's bytes: the tests below are on ASCII bytes.
        let first = &self.text.as_bytes()[self.words[a].span.start..self.words[a].span.end];
        let first_name = self.first_name(a);
        let initial = first.len() == 2 && first.ends_with(b".");
        let honorific = before.is_some_and(|(_, _, t)| t.honorific);
        if b - a >= 2 {
            if self.words[a..b].iter().all(|w| w.shape == Shape::Upper) {
                return new(ActorKind::Organization);
            }
            // A common noun first, and no first name, a title or an initial: an event or
            // a work ("World Series", "Human Rights"), no actor ("DJ John Peel" is one).
            let common_first = info.noun() || info.common();
            if common_first
                && first_name.is_none()
                && !initial
                && !honorific
                && self.first_name(a + 1).is_none()
            {
                return Cand::new(span, sent, Target::Short(None), super::MentionForm::Name);
            }
            // A common noun last, and no first name, title or initial: an event, an award
            // or a work ("Grand Slam", "Golden Globe", "Consumer Electronics Show"), no
            // person ("John Field" keeps its first name).
            if self.info(b - 1).noun() && first_name.is_none() && !initial && !honorific {
                return Cand::new(span, sent, Target::Short(None), super::MentionForm::Name);
            }
            // With no cue but the shape, a person is the likeliest reading in news; the
            // guess is marked so that resolution can revise it.
            let mut c = new(ActorKind::Person);
            c.gender = first_name.flatten();
            c.guessed = first_name.is_none() && !initial && !honorific;
            return c;
        }
        if honorific {
            return new(ActorKind::Person);
        }
        if noun {
            return Cand::new(span, sent, Target::Short(None), super::MentionForm::Name);
        }
        let w = self.words[a];
        if w.shape == Shape::Upper && (2..=6).contains(&first.len()) && !first.contains(&b'.') {
            return new(ActorKind::Organization);
        }
        // "in Jeddah", "the town of Samarra".
        let place_cue = a > 0 && self.words[a].joined && self.may_place_or_of(a - 1) && {
            let prev = self.info(a - 1);
            prev.cue() == Some(Cue::Place)
                || a > 1
                    && prev.function() == Some(Function::Of)
                    && self.words[a - 1].joined
                    && self.words[a - 2].shape == Shape::Lower
                    && self.is_place_word(a - 2, true)
        };
        if place_cue {
            let mut c = Cand::new(
                span,
                sent,
                Target::Short(Some(ActorKind::Location)),
                super::MentionForm::Name,
            );
            c.affiliation = self.country_after(b);
            return c;
        }
        // A lone capitalized word with no cue: a short form if a name elsewhere in the
        // document ends with it, else most likely an organization (a company, a team),
        // except at the start of a sentence or clause, for one letter, and for words
        // shaped like adjectives of nationality or creed ("Kurdish", "Welsh", "Congolese",
        // "European", "African", "Islamic").
        let adjective = || {
            matches!(
                first,
                [.., b's', b'h']
                    | [.., b'e', b's', b'e']
                    | [.., b'e' | b'i' | b'c', b'a', b'n']
                    | [.., b'a', b'n', b's']
                    | [.., b'i', b's', b't', b's']
                    | [.., b'i', b'c']
                    | [.., b'i', b's', b't']
            )
        };
        // The length of the first char, from its first byte (the text is UTF-8).
        let char_len = match first.first() {
            Some(&b) if b < 0x80 => 1,
            Some(&b) if b < 0xe0 => 2,
            Some(&b) if b < 0xf0 => 3,
            Some(_) => 4,
            None => 0,
        };
        let one_char = char_len == first.len();
        let guess = !self.words[a].opens && !one_char && !adjective();
        // A first name standing alone ("Alan", "Roberto") names a person.
        let kind = if first_name.is_some() { ActorKind::Person } else { ActorKind::Organization };
        let mut c =
            Cand::new(span, sent, Target::Short(guess.then_some(kind)), super::MentionForm::Name);
        c.gender = first_name.flatten();
        c
    }

    /// The candidate for the gazetteer hit on words `a..b`.
    fn gaz_cand(
        &mut self,
        a: usize,
        b: usize,
        title: Option<(&'static str, Title)>,
        out: &mut Vec<Cand>,
    ) {
        let hit = self.hits[self.words[a].hit as usize];
        let person = title.is_some();
        let Some((e, surface)) = self.pick(&hit, person) else { return };
        let entry = &self.entries[e as usize];
        let sent = self.words[a].sent;
        let form = match surface {
            Surface::Demonym => super::MentionForm::Demonym,
            // A listed description with a common-noun head ("Iraqi troops", "Israeli
            // government") refers to the actor without naming it.
            // (A hit within one word holds no space.)
            _ if hit.span.end > self.words[a].span.end && described(&self.text[hit.span]) => {
                super::MentionForm::Nominal
            }
            _ if entry.metonym => super::MentionForm::Metonym,
            Surface::Alias
                if entry.kind == ActorKind::Person && !hit_has_space(self.text, hit.span) =>
            {
                super::MentionForm::Alias
            }
            _ => super::MentionForm::Name,
        };
        if entry.capital
            && surface != Surface::Demonym
            && self.acts(a, b)
            && entry.country.is_some()
        {
            let target = Target::Government(e);
            out.push(Cand::new(hit.span, sent, target, super::MentionForm::Metonym));
            return;
        }
        let mut c = Cand::new(hit.span, sent, Target::Entry(e), form);
        c.title = title;
        out.push(c);
    }
}

/// Whether a listed surface of several words ends in a lowercase common noun
/// ("Iraqi troops"), not a name ("Iraqi Army", "al-Qaeda").
fn described(surface: &str) -> bool {
    // The lowercase letters at the end, then a space.
    let bytes = surface.as_bytes();
    let lower = bytes.iter().rev().take_while(|b| b.is_ascii_lowercase()).count();
    lower > 0 && bytes.len() > lower && bytes[bytes.len() - lower - 1] == b' '
}

fn hit_has_space(text: &str, span: Span) -> bool {
    text.get(span.start..span.end).is_some_and(|s| s.contains(' '))
}
