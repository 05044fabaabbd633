//! The reporting-cue matcher: a word-level lookup at the starts of letter runs.
//!
//! A cue form is ASCII letters, or several such words joined by single spaces ("according
//! to"). Cues count only on word boundaries, so the matcher looks only where a run of ASCII
//! letters starts: the run's length and first two letters select a handful of first words
//! (a table built from the data), and only those are compared, ASCII case-insensitively, in
//! place. A single-word cue must be the whole run; a multi-word cue must start with the run
//! and go on with its other words.
//!
//! The result equals a leftmost-longest, ASCII case-insensitive Aho-Corasick search over
//! every form, filtered to word boundaries (the former design). The two differ only where
//! such a search finds a multi-word form starting inside a word ("Gwent on to say") and
//! thereby steps over a cue ("say"). The forms that can do so are known at build time; where
//! one of them ends just before a cue, the matcher hands the stretch between the nearest
//! bytes that no form contains to the automaton itself (built on first use).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, Input, MatchKind};

use super::lexicon::{CueClass, char_after, char_before, is_alnum};
use crate::Span;
use crate::ascii::{self, load8, low_bytes};
use crate::hash::WordMap;

/// First words are at most this long.
const MAX_WORD: usize = 64;
/// log2 of the number of slots of the first-word table.
const SLOT_BITS: u32 = 11;
/// Eight copies of the byte 0x20 (the ASCII case bit).
const CASE: u64 = 0x2020_2020_2020_2020;

/// A first word of one or more cue forms.
#[derive(Clone, Debug)]
struct First {
    /// The word, lower-case.
    word: String,
    /// [`key`] of the word.
    key: (u64, u64),
    /// The class of the single-word form, when the word is one.
    single: Option<CueClass>,
    /// The multi-word forms starting with the word (indices into [`CueMatcher::forms`]),
    /// longest first.
    multi: Vec<usize>,
}

/// Finds reporting cues on word boundaries; built once from the cue list.
#[derive(Clone, Debug)]
pub(crate) struct CueMatcher {
    /// Every form, lower-case, with its class, in the order of the list.
    forms: Vec<(String, CueClass)>,
    firsts: Vec<First>,
    /// Open addressing by [`slot`]: 1 + an index into `firsts`, or 0 for an empty slot.
    slots: Vec<u16>,
    /// A bit per [`trigram`]: set when a first word can start with those three bytes (a
    /// word shorter than three letters with any bytes after it). Most words fail this test.
    trigrams: Box<[u64; 512]>,
    /// The length of the shortest first word, at most 8.
    shortest: usize,
    /// The words before a cue (with their final space) of the multi-word forms that may
    /// step over it when found inside a word: "went on to " before "say".
    hiding: Vec<String>,
    /// For each letter (by its low five bits), the `hiding` prefixes whose last letter it
    /// is, as bits: a cue is compared only with those ending like the text before it.
    hiding_by_last: [u32; 32],
    /// The automaton over every form, for the stretches around a `hiding` prefix.
    automaton: OnceLock<AhoCorasick>,
}

/// Whether `b` is an ASCII letter.
fn is_letter(b: u8) -> bool {
    (b | 0x20).wrapping_sub(b'a') < 26
}

/// Whether a byte can lie inside a cue form (a letter or a space).
fn in_form(b: u8) -> bool {
    is_letter(b) || b == b' '
}

/// The bit of [`CueMatcher::trigrams`] for a word starting with the bytes `b0`, `b1`, `b2`
/// (the low five bits of each: a letter's, whatever its case).
fn trigram(b0: u8, b1: u8, b2: u8) -> usize {
    usize::from(b0 & 31) << 10 | usize::from(b1 & 31) << 5 | usize::from(b2 & 31)
}

/// The lookup key of the letters `bytes[start..start + len]`: their first sixteen bytes
/// lower-cased, zero-padded.
fn key(bytes: &[u8], start: usize, len: usize) -> (u64, u64) {
    let k0 = low_bytes(load8(bytes, start) | CASE, len);
    let k1 = if len > 8 { low_bytes(load8(bytes, start + 8) | CASE, len - 8) } else { 0 };
    (k0, k1)
}

/// The table slot where the search for a key starts.
fn slot(key: (u64, u64), len: usize) -> usize {
    let h = (key.0 ^ key.1.rotate_left(29) ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - SLOT_BITS)) as usize
}

/// Bit `i` is set when byte `i` of the eight in `w` (little-endian) is an ASCII letter.
fn letter_bits(w: u64) -> u64 {
    // Gather the eight flags into the top byte, byte i to bit 56 + i.
    ((ascii::letter_mask(w) >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// Bit `i` is set when `buf[i]` is an ASCII letter, for the first 64 bytes.
fn letter_mask(buf: &[u8; 72]) -> u64 {
    let mut mask = 0;
    for i in 0..8 {
        let c = &buf[8 * i..8 * i + 8];
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        mask |= letter_bits(w) << (8 * i);
    }
    mask
}

impl CueMatcher {
    /// Builds the matcher from `(form, class)` pairs.
    ///
    /// # Panics
    /// When a form is not ASCII letters in words of at most 31 letters joined by single
    /// spaces (the embedded list is checked by the tests).
    pub(crate) fn new(list: &[(&str, CueClass)]) -> CueMatcher {
        let forms: Vec<(String, CueClass)> =
            list.iter().map(|&(f, c)| (f.to_ascii_lowercase(), c)).collect();
        for (f, _) in &forms {
            let words_ok = f
                .split(' ')
                .all(|w| !w.is_empty() && w.len() <= MAX_WORD && w.bytes().all(is_letter));
            assert!(words_ok, "cue form {f:?} is not letters in words joined by single spaces");
        }
        let mut firsts: Vec<First> = Vec::new();
        // First word -> its index in `firsts`.
        let mut first_of: WordMap<&str, usize> = WordMap::default();
        for (i, (f, class)) in forms.iter().enumerate() {
            let word = f.split(' ').next().unwrap_or("");
            let k = *first_of.entry(word).or_insert_with(|| {
                firsts.push(First {
                    word: word.to_string(),
                    key: (0, 0),
                    single: None,
                    multi: Vec::new(),
                });
                firsts.len() - 1
            });
            if word.len() == f.len() {
                // A repeated form keeps its first class, as the automaton's first pattern wins.
                firsts[k].single.get_or_insert(*class);
            } else {
                firsts[k].multi.push(i);
            }
        }
        for x in &mut firsts {
            // Longest first; among equals the earlier form, as in the automaton.
            x.multi.sort_by_key(|&i| core::cmp::Reverse(forms[i].0.len()));
        }
        let mut slots = vec![0u16; 1 << SLOT_BITS];
        for (k, x) in firsts.iter_mut().enumerate() {
            x.key = key(x.word.as_bytes(), 0, x.word.len());
            let mut at = slot(x.key, x.word.len());
            while slots[at] != 0 {
                at = (at + 1) & (slots.len() - 1);
            }
            slots[at] = u16::try_from(k + 1).expect("fewer than 65,535 cue words");
        }
        let mut trigrams = Box::new([0u64; 512]);
        for x in &firsts {
            let w = x.word.as_bytes();
            // A missing second or third letter stands for any byte.
            let any = |i: usize| w.get(i).map_or(0..32, |&b| b & 31..(b & 31) + 1);
            for b1 in any(1) {
                for b2 in any(2) {
                    let t = trigram(w[0], b1, b2);
                    trigrams[t >> 6] |= 1 << (t & 63);
                }
            }
        }
        // A multi-word form found inside a word covers the starts of its later words; those
        // matter where a form could match there.
        // (Looked up, not compared with every form: the forms sorted, to find those that
        // start with a text, and their first words, to find those a text starts with.)
        let mut sorted: Vec<&str> = forms.iter().map(|(f, _)| f.as_str()).collect();
        sorted.sort_unstable();
        let extends = |rest: &str| {
            let k = sorted.partition_point(|&g| g < rest);
            sorted.get(k).is_some_and(|g| g.starts_with(rest))
        };
        let begins_with_form = |rest: &str| {
            let word = rest.split(' ').next().unwrap_or("");
            (1..=word.len()).any(|n| {
                first_of.get(&word[..n]).is_some_and(|&k| {
                    let x = &firsts[k];
                    x.single.is_some()
                        || (n == word.len()
                            && x.multi.iter().any(|&i| rest.starts_with(forms[i].0.as_str())))
                })
            })
        };
        let mut hiding = Vec::new();
        for (f, _) in &forms {
            for (at, _) in f.match_indices(' ') {
                let rest = &f[at + 1..];
                if begins_with_form(rest) || extends(rest) {
                    hiding.push(f[..at + 1].to_string());
                }
            }
        }
        hiding.sort_unstable();
        hiding.dedup();
        assert!(hiding.len() <= 32, "at most 32 multi-word prefixes may hide a cue");
        let mut hiding_by_last = [0u32; 32];
        for (k, h) in hiding.iter().enumerate() {
            // Every prefix ends with a letter and a space.
            let last = h.as_bytes()[h.len() - 2];
            hiding_by_last[usize::from(last & 31)] |= 1 << k;
        }
        let shortest = firsts.iter().map(|x| x.word.len()).min().unwrap_or(1).min(8);
        CueMatcher {
            forms,
            firsts,
            slots,
            trigrams,
            shortest,
            hiding,
            hiding_by_last,
            automaton: OnceLock::new(),
        }
    }

    /// Every cue in `text` that stands on word boundaries, in order: (start, end, class),
    /// appended to `out`, except inside the sorted, disjoint spans `skipped`, which are
    /// mostly not read: there a cue may be left out.
    ///
    /// Each span must start with a byte that no form contains (a quotation mark does). The
    /// scan stops there and goes on after the span's last such byte: a match starting
    /// between the two ends before that byte, so it could neither reach nor hide a cue
    /// outside the span, and leaving it out changes nothing outside.
    pub(crate) fn find(
        &self,
        text: &str,
        skipped: &[Span],
        out: &mut Vec<(usize, usize, CueClass)>,
    ) {
        let bytes = text.as_bytes();
        let base = out.len();
        // Where the last multi-word match ended: runs starting before it are inside it.
        let mut consumed = 0;
        let mut from = 0;
        for span in skipped {
            let start = span.start.min(bytes.len());
            debug_assert!(
                bytes.get(start).is_none_or(|&b| !in_form(b)),
                "a skipped span starts with a byte of a form"
            );
            self.scan(text, from..start, base, &mut consumed, out);
            let inner = bytes.get(start..span.end.min(bytes.len())).unwrap_or(&[]);
            from =
                from.max(inner.iter().rposition(|&b| !in_form(b)).map_or(start, |k| start + k + 1));
        }
        self.scan(text, from..bytes.len(), base, &mut consumed, out);
    }

    /// The cues of [`CueMatcher::find`] whose runs of letters start in `range`.
    fn scan(
        &self,
        text: &str,
        range: core::ops::Range<usize>,
        base: usize,
        consumed: &mut usize,
        out: &mut Vec<(usize, usize, CueClass)>,
    ) {
        // The range ends where a run of letters cannot go on (the start of a skipped span,
        // or the end of the text): one shorter than every first word holds no cue, as
        // between two quotations close together.
        if range.len() < self.shortest {
            return;
        }
        let bytes = text.as_bytes();
        // Whether the byte before the current block is a letter.
        let mut carry = u64::from(range.start > 0 && is_letter(bytes[range.start - 1]));
        // The current block of 64 bytes and the next 8, so that the bytes after a run's
        // start are read without bounds checks: in place, or copied with zeros past the end
        // of the text near its end.
        let mut buf = [0u8; 72];
        for block_at in range.clone().step_by(64) {
            let full =
                bytes.get(block_at..block_at + 72).and_then(|c| <&[u8; 72]>::try_from(c).ok());
            let buf: &[u8; 72] = match full {
                Some(block) => block,
                None => {
                    let ext = &bytes[block_at..];
                    buf[..ext.len()].copy_from_slice(ext);
                    buf[ext.len()..].fill(0);
                    &buf
                }
            };
            let letters = letter_mask(buf);
            let mut starts = letters & !((letters << 1) | carry);
            carry = letters >> 63;
            if range.end - block_at < 64 {
                // Runs starting past the range belong to another scan.
                starts &= (1u64 << (range.end - block_at)) - 1;
            }
            // Runs shorter than every first word need no look (near the end of the block,
            // where the run may go on in the next one, the look decides).
            for j in 1..self.shortest {
                starts &= (letters >> j) | (!0u64 << (64 - j));
            }
            while starts != 0 {
                let k = starts.trailing_zeros() as usize & 63;
                starts &= starts - 1;
                let start = block_at + k;
                let t = trigram(buf[k], buf[k + 1], buf[k + 2]);
                if self.trigrams[t >> 6] >> (t & 63) & 1 == 0 || start < *consumed {
                    continue;
                }
                let mut len = (!(letters >> k)).trailing_zeros() as usize;
                if k + len == 64 {
                    // The run goes on into the next block.
                    while bytes.get(start + len).is_some_and(|&b| is_letter(b)) {
                        len += 1;
                    }
                }
                self.at_run(text, start, start + len, base, consumed, out);
            }
        }
    }

    /// Looks for a cue where the run of letters `start..run_end` begins (see
    /// [`CueMatcher::find`]).
    fn at_run(
        &self,
        text: &str,
        start: usize,
        run_end: usize,
        base: usize,
        consumed: &mut usize,
        out: &mut Vec<(usize, usize, CueClass)>,
    ) {
        let Some((end, class)) = self.longest_at(text.as_bytes(), start, run_end) else {
            return;
        };
        let bytes = text.as_bytes();
        if self.may_be_hidden(bytes, start) {
            let from = bytes[..start].iter().rposition(|&b| !in_form(b)).map_or(0, |k| k + 1);
            let to =
                bytes[start..].iter().position(|&b| !in_form(b)).map_or(bytes.len(), |k| start + k);
            while out.len() > base && out.last().is_some_and(|m| m.0 >= from) {
                out.pop();
            }
            self.automaton_find(text, from, to, out);
            *consumed = to;
            return;
        }
        if end > run_end {
            *consumed = end;
        }
        let before_ok = char_before(text, start).is_none_or(|c| !is_alnum(c));
        let after_ok = char_after(text, end).is_none_or(|c| !is_alnum(c));
        if before_ok && after_ok {
            out.push((start, end, class));
        }
    }

    /// The longest form matching at `start`, where a run of letters `start..run_end`
    /// begins, that can stand on a word boundary: a single-word form equal to the run or a
    /// multi-word form starting with it. Returns its end and class.
    fn longest_at(&self, bytes: &[u8], start: usize, run_end: usize) -> Option<(usize, CueClass)> {
        let len = run_end - start;
        if len > MAX_WORD {
            return None;
        }
        let key = key(bytes, start, len);
        let mut at = slot(key, len);
        let first = loop {
            let k = usize::from(self.slots[at]);
            let x = self.firsts.get(k.checked_sub(1)?)?;
            if x.key == key
                && x.word.len() == len
                && (len <= 16 || x.word.as_bytes().eq_ignore_ascii_case(&bytes[start..run_end]))
            {
                break x;
            }
            at = (at + 1) & (self.slots.len() - 1);
        };
        for &k in &first.multi {
            let (form, class) = &self.forms[k];
            if bytes
                .get(start..start + form.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(form.as_bytes()))
            {
                return Some((start + form.len(), *class));
            }
        }
        first.single.map(|class| (run_end, class))
    }

    /// Whether a multi-word form found inside a word may cover `start`.
    fn may_be_hidden(&self, bytes: &[u8], start: usize) -> bool {
        // Every prefix ends with a letter and a space: only those ending with the letter
        // two bytes before the cue are compared.
        let Some(before) = start.checked_sub(2).map(|i| bytes[i]) else { return false };
        let mut candidates = self.hiding_by_last[usize::from(before & 31)];
        while candidates != 0 {
            let h = self.hiding[candidates.trailing_zeros() as usize].as_bytes();
            candidates &= candidates - 1;
            if start > h.len()
                && bytes[start - h.len()..start].eq_ignore_ascii_case(h)
                && is_letter(bytes[start - h.len() - 1])
            {
                return true;
            }
        }
        false
    }

    /// The cues of `text[from..to]` found by the automaton over every form (`from` and `to`
    /// lie at bytes no form contains, so no match crosses them).
    fn automaton_find(
        &self,
        text: &str,
        from: usize,
        to: usize,
        out: &mut Vec<(usize, usize, CueClass)>,
    ) {
        let ac = self.automaton.get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(self.forms.iter().map(|(f, _)| f))
                .expect("the cue forms compile")
        });
        for m in ac.find_iter(Input::new(text).span(from..to)) {
            let (s, e) = (m.start(), m.end());
            let before_ok = char_before(text, s).is_none_or(|c| !is_alnum(c));
            let after_ok = char_after(text, e).is_none_or(|c| !is_alnum(c));
            if before_ok && after_ok {
                out.push((s, e, self.forms[m.pattern().as_usize()].1));
            }
        }
    }
}
