//! The sentence splitter.
//!
//! One pass over the bytes of a paragraph finds candidate terminators (`.` `?` `!` `…`);
//! each is judged on its local context only: the run of terminators and closing quotes or
//! brackets it belongs to, the word before it and the word after it. The common cases (a
//! period inside a word, one ending the paragraph, one after a plain word before a capital)
//! are settled by cheap tests first; the rest get the full analysis. Nothing is allocated
//! per sentence; boundaries go straight to the caller's sink.

use std::sync::LazyLock;

use super::bytes::{
    bullet_len, char_at, char_start, closer_len, is_ellipsis_char, is_initialism, is_quote_closer,
    opener_len, skip_space, space_len, trim_end,
};
use super::lexicon::{Abbrev, Lexicon};
use crate::Span;
use crate::ascii::{HIGHS, alnum_mask, load8};

/// Bytes that may start a terminator: `.` `?` `!` and 0xE2, the lead byte of `…`.
static CANDIDATE: [bool; 256] = {
    let mut table = [false; 256];
    table[b'.' as usize] = true;
    table[b'?' as usize] = true;
    table[b'!' as usize] = true;
    table[0xE2] = true;
    table
};

/// How far back the word before a period is looked for, in bytes.
const MAX_WORD: usize = 64;
/// Longest sentence opening, in bytes, taken for a time adverbial ("At 9 a.m.").
const OPENING_TIME: usize = 24;

/// Where the next `…` of a text starts. It is kept from paragraph to paragraph (which must
/// come in order) so that a text is searched for `…` once, not once per paragraph.
#[derive(Default)]
pub(crate) struct NextEllipsis {
    /// The offset of the next `…` at or after the last search (`usize::MAX` if none is
    /// left; 0 before the first search).
    at: usize,
}

/// Splits the paragraph at `para` (already trimmed) into sentences, in order. `ellipsis`
/// belongs to `text` and is shared by its paragraphs.
pub(crate) fn split_paragraph(
    lex: &Lexicon,
    text: &str,
    para: Span,
    ellipsis: &mut NextEllipsis,
    sink: &mut impl FnMut(Span),
) {
    let b = text.as_bytes();
    let (start, end) = (para.start.min(b.len()), para.end.min(b.len()));
    let mut from = start;
    if let Some(mut marker) = ListMarker::at(b, start, end) {
        // An inline list ("1. one 2. two", "a. one b. two"): each item is a unit.
        while let Some(at) = marker.successor_in(text, from, end) {
            split_run(lex, b, from, trim_end(b, from, at), ellipsis, sink);
            from = at;
            marker.number += 1;
        }
    }
    split_run(lex, b, from, end, ellipsis, sink);
}

/// The searcher for "…", built once (building one costs more than most searches).
static ELLIPSIS: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("…"));

/// The first offset at or after `i` and before `end` where a terminator (`.` `?` `!`
/// `…`) may start, or `end`. The next `…` is looked for again (to the end of the text)
/// only once `ellipsis` is reached; one that starts before `end` counts, even if it ends
/// after it.
#[inline]
fn next_candidate(b: &[u8], i: usize, end: usize, ellipsis: &mut NextEllipsis) -> usize {
    if ellipsis.at <= i {
        ellipsis.at = ELLIPSIS.find(&b[i..]).map_or(usize::MAX, |k| i + k);
    }
    let stop = ellipsis.at.min(end);
    memchr::memchr3(b'.', b'?', b'!', &b[i..stop]).map_or(stop, |k| i + k)
}

/// Splits `b[start..end]` (no list markers inside) into sentences.
fn split_run(
    lex: &Lexicon,
    b: &[u8],
    start: usize,
    end: usize,
    ellipsis: &mut NextEllipsis,
    sink: &mut impl FnMut(Span),
) {
    let mut s = skip_space(b, start, end);
    let mut i = s;
    while i < end {
        i = next_candidate(b, i, end, ellipsis);
        let Some(&byte) = b.get(i).filter(|_| i < end) else { break };
        if !CANDIDATE[byte as usize] || (byte == 0xE2 && !is_ellipsis_char(b, i)) {
            i += 1;
            continue;
        }
        // The common cases are settled before the full analysis of the run: the period
        // that ends the paragraph, one inside a word ("3.5", "U.S"), and one after a plain word
        // ("said. The").
        if byte == b'.' {
            if i + 1 == end {
                break;
            }
            match b.get(i + 1) {
                Some(c) if c.is_ascii_alphanumeric() => {
                    i += 1;
                    continue;
                }
                Some(b' ') if is_plain_end(lex, b, s, i, end) => {
                    sink(Span::new(s, i + 1));
                    s = i + 2;
                    i = s;
                    continue;
                }
                _ => {}
            }
        }
        let mut run = Run::scan(b, i, end);
        run.end = after_citations(b, run.end, end);
        if run.end < end && space_len(b, run.end) == 0 {
            // "U.S.A", "3.5", "Jr.'s", "example.com": no space, no boundary.
            i = run.end;
            continue;
        }
        let next = skip_space(b, run.end, end);
        if next >= end {
            break;
        }
        if let Some((cut, resume)) = decide(lex, b, s, i, &run, next, end) {
            sink(Span::new(s, cut));
            s = resume;
        }
        i = run.end;
    }
    if s < end {
        sink(Span::new(s, end));
    }
}

/// Whether the period at `i`, followed by a space, ends the sentence begun at `s` for
/// the plainest reasons: a capital follows the space (perhaps after an opening quote or
/// bracket), and the period follows a straight double quote (`"tax". The`) or a word of
/// two or more ASCII letters or digits after a space that is not an abbreviation.
/// [`decide`] reaches the same verdict on such a period, the long way.
fn is_plain_end(lex: &Lexicon, b: &[u8], s: usize, i: usize, end: usize) -> bool {
    let core = i + 2 + opener_len(b, i + 2);
    if core >= end || !b[core].is_ascii_uppercase() || i == s {
        return false;
    }
    if b[i - 1] == b'"' {
        // The quote ends the word before it: no abbreviation, initial or list marker.
        return true;
    }
    let floor = s.max(i.saturating_sub(MAX_WORD));
    let k = alnum_run_start(b, floor, i);
    let word = &b[k..i];
    // Only a number or a roman numeral may be a list marker ("12. Next", "iv. Next").
    let may_mark =
        || word.iter().all(|c| matches!(c, b'0'..=b'9' | b'i' | b'v' | b'x' | b'I' | b'V' | b'X'));
    k > floor
        && b[k - 1] == b' '
        && word.len() >= 2
        && !(may_mark() && is_list_marker(b, s, i))
        && matches!(lex.abbreviation(word), None | Some(Abbrev::Number))
}

/// The start of the run of ASCII letters and digits that ends at `i`, going back no
/// further than `floor`.
fn alnum_run_start(b: &[u8], floor: usize, mut i: usize) -> usize {
    // Eight bytes at a time: the bytes just before `i` are the top ones of the word loaded
    // from `i - 8`, so the letters and digits among them are counted from its top.
    while i >= floor + 8 {
        let others = !alnum_mask(load8(b, i - 8)) & HIGHS;
        if others != 0 {
            return i - (others.leading_zeros() / 8) as usize;
        }
        i -= 8;
    }
    while i > floor && b[i - 1].is_ascii_alphanumeric() {
        i -= 1;
    }
    i
}

/// A run of terminators with the closing quotes and brackets after it (`?!`, `...”`,
/// `. . . .`, `.)`).
struct Run {
    /// Just past the run and its closers.
    end: usize,
    /// Number of periods (`…` counts three).
    dots: u32,
    /// Whether it holds a `?` or `!`.
    question: bool,
    /// Whether the dots are spaced (`. . .`).
    spaced: bool,
    /// Whether a quotation mark closes after the terminators.
    quoted: bool,
    /// Whether any quote or bracket closes after the terminators.
    closed: bool,
}

impl Run {
    fn scan(b: &[u8], i: usize, end: usize) -> Run {
        let (mut dots, mut question, mut spaced) = (0, false, false);
        let mut j = i;
        while j < end {
            match b[j] {
                b'.' => {
                    dots += 1;
                    j += 1;
                }
                b'?' | b'!' => {
                    question = true;
                    j += 1;
                }
                0xE2 if is_ellipsis_char(b, j) && j + 3 <= end => {
                    dots += 3;
                    j += 3;
                }
                b' ' if dots > 0
                    && b[j - 1] == b'.'
                    && b.get(j + 1) == Some(&b'.')
                    && j + 2 <= end
                    && (j + 2 == end
                        || matches!(b[j + 2], b' ' | b'.')
                        || closer_len(b, j + 2) > 0) =>
                {
                    dots += 1;
                    spaced = true;
                    j += 2;
                }
                _ => break,
            }
        }
        let (mut quoted, mut closed) = (false, false);
        while j < end {
            let n = closer_len(b, j);
            if n > 0 && j + n <= end {
                quoted |= is_quote_closer(b, j);
                closed = true;
                j += n;
            } else if closed && matches!(b[j], b'.' | b'?' | b'!') {
                question |= b[j] != b'.';
                j += 1;
            } else {
                break;
            }
        }
        Run { end: j, dots, question, spaced, quoted, closed }
    }
}

/// Whether the candidate run at `i` ends the sentence that began at `s`, given that the
/// next non-space text starts at `next`. Returns where the sentence ends and where the
/// next one begins.
fn decide(
    lex: &Lexicon,
    b: &[u8],
    s: usize,
    i: usize,
    run: &Run,
    next: usize,
    end: usize,
) -> Option<(usize, usize)> {
    if i == s {
        // Nothing but punctuation so far (". . . The practice"): not a sentence.
        return None;
    }
    let boundary = Some((run.end, next));
    let mut core = next;
    let (mut opened, mut bracket) = (false, false);
    while core < end {
        match opener_len(b, core) {
            0 => break,
            n => {
                opened |= !matches!(b[core], b'(' | b'[');
                bracket |= matches!(b[core], b'(' | b'[');
                core += n;
            }
        }
    }
    let Some((c, _)) = char_at(b, core) else { return boundary };
    let plain_period = run.dots == 1 && !run.question;
    let lowercase = c.is_lowercase() && !is_camel_case(b, core);
    if (lowercase && !(bracket && plain_period)) || matches!(c, ',' | ';' | ':' | '%') {
        // "Yahoo! in", "great.' she said", "…?” asked Trump"; but a bracket after a full
        // stop opens a sentence of its own ("… the war. (credit: AP)"), and so does a
        // name that keeps its lowercase start ("eBay", "iPhone", "mRNA").
        return None;
    }
    if !(c.is_alphanumeric() || opened || bracket || is_sentence_symbol(c)) {
        // Only punctuation follows ("?! ."): nothing to start a sentence with.
        return None;
    }
    if run.dots >= 2 && !run.question && matches!(b[i - 1], b'[' | b'(') {
        // "[...]" marks an omission.
        return None;
    }
    if run.quoted && !plain_period && is_attribution(lex, b, core, end) {
        // "“Why?” Trump asked."
        return None;
    }
    if run.question {
        return boundary;
    }
    if run.dots >= 2 {
        let attached = space_len(b, char_start(b, i - 1)) == 0;
        if run.dots >= 4 || run.quoted {
            if run.spaced && attached && b.get(i + 1) == Some(&b' ') {
                // "compounds. . . . The": the period ends it, the ellipsis opens the next.
                return Some((i + 1, skip_space(b, i + 1, end)));
            }
            return boundary;
        }
        // A bare ellipsis ends the sentence before a capital, but "I" is no evidence.
        return (opened || (c.is_uppercase() && !is_pronoun_i(b, core))).then_some((run.end, next));
    }
    let ws = word_start(b, s, i);
    if is_list_marker(b, s, i) {
        return None;
    }
    if run.closed {
        return boundary;
    }
    let word = &b[ws..i];
    if word.is_empty() {
        return boundary;
    }
    let may_end =
        || (!c.is_ascii_digit() && (opened || is_starter(lex, b, core))).then_some((run.end, next));
    match lex.abbreviation(word) {
        Some(Abbrev::Title | Abbrev::Inner) => return None,
        Some(Abbrev::Number) if c.is_ascii_digit() => return None,
        Some(Abbrev::End) => return may_end(),
        Some(Abbrev::Time) => {
            let next_word = word_at(b, core, end);
            let inside = lowercase
                || c.is_ascii_digit()
                || (next_word.len() > 1 && next_word.iter().all(u8::is_ascii_uppercase))
                || lex.is_after_time(next_word)
                || i - s <= OPENING_TIME;
            return (opened || is_starter(lex, b, core) || !inside).then_some((run.end, next));
        }
        _ => {}
    }
    if is_initialism(word) {
        return may_end();
    }
    if let Some((letter, n)) = char_at(word, 0) {
        if n == word.len() && letter.is_uppercase() {
            // An initial ("J. K. Rowling", "Albert I. Jones"), unless it is the pronoun
            // ending a sentence ("you and I. Did").
            if letter == 'I' && !previous_word_capitalized(b, s, ws) {
                return boundary;
            }
            return may_end();
        }
    }
    boundary
}

/// Whether a sentence may open with the symbol `c` ("$5 million", "# 1", "• Item").
fn is_sentence_symbol(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '#' | '@' | '&' | '*' | '-' | '–' | '—' | '•')
}

/// The start of the word that ends at `i`: back to whitespace, an opening quote or
/// bracket, or the sentence start. An apostrophe inside a word ("Gov't", "O'Neill") is
/// part of it.
fn word_start(b: &[u8], s: usize, i: usize) -> usize {
    let floor = s.max(i.saturating_sub(MAX_WORD));
    let mut k = i;
    // ASCII letters and digits, most of a word, are neither spaces nor openers.
    while k > floor && b[k - 1].is_ascii_alphanumeric() {
        k -= 1;
    }
    while k > floor {
        let c = char_start(b, k - 1);
        let inner_apostrophe =
            b[c] == b'\'' && c > floor && space_len(b, char_start(b, c - 1)) == 0;
        if c < floor || space_len(b, c) > 0 || (opener_len(b, c) > 0 && !inner_apostrophe) {
            break;
        }
        k = c;
    }
    k
}

/// Whether the word before `ws` (in the same sentence) starts with a capital.
fn previous_word_capitalized(b: &[u8], s: usize, ws: usize) -> bool {
    let mut k = ws;
    while k > s {
        let c = char_start(b, k - 1);
        if space_len(b, c) == 0 {
            break;
        }
        k = c;
    }
    if k == s {
        return false;
    }
    let start = word_start(b, s, k);
    char_at(b, start).is_some_and(|(c, _)| c.is_uppercase())
}

/// Just past the reference marks (`[12]`, `[3, 4]`, `[...]`) that follow a sentence end at
/// `at`: they belong to the sentence they close.
fn after_citations(b: &[u8], mut at: usize, end: usize) -> usize {
    loop {
        let k = skip_space(b, at, end);
        match citation_len(b, k, end) {
            0 => return at,
            n => at = k + n,
        }
    }
}

/// The length of a bracketed reference mark at `k` (digits, ranges, lists, an ellipsis or
/// one lowercase letter), or 0.
fn citation_len(b: &[u8], k: usize, end: usize) -> usize {
    if b.get(k) != Some(&b'[') {
        return 0;
    }
    let limit = end.min(k + 18);
    let Some(close) = b[k + 1..limit].iter().position(|&c| c == b']') else { return 0 };
    let Ok(inner) = std::str::from_utf8(&b[k + 1..k + 1 + close]) else { return 0 };
    let numeric = inner.chars().any(|c| c.is_ascii_digit())
        && inner.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | ',' | '-' | '–' | '.'));
    let letter = inner.len() == 1 && inner.as_bytes()[0].is_ascii_lowercase();
    if numeric || letter || matches!(inner, "..." | "…") { close + 2 } else { 0 }
}

/// Whether a name or pronoun with a speech verb follows at `at` ("Trump asked", "I
/// cried", "Jane Smith said"): the attribution of the quotation before it.
fn is_attribution(lex: &Lexicon, b: &[u8], at: usize, end: usize) -> bool {
    let mut k = at;
    for n in 0..4 {
        let start = skip_space(b, k, end);
        let mut stop = start;
        while stop < end
            && stop - start < MAX_WORD
            && (b[stop].is_ascii_alphabetic() || matches!(b[stop], b'.' | b'-' | b'\''))
        {
            stop += 1;
        }
        let word = &b[start..stop];
        match word.first() {
            Some(c) if c.is_ascii_uppercase() => {}
            Some(_) => {
                let verb = word.strip_suffix(b".").unwrap_or(word);
                return n > 0
                    && lex.is_speech_verb(verb)
                    && (verb.len() < word.len() || ends_clause(b, start + verb.len(), end));
            }
            None => return false,
        }
        k = stop;
    }
    false
}

/// Whether the attribution clause ending at `k` closes soon ("Smith said, …", "Holmes
/// asked in the New Year.") rather than going on into a report of its own ("Mr Blair said
/// he would not respond to \"…", "replied that they …", "said: \"…").
fn ends_clause(b: &[u8], k: usize, end: usize) -> bool {
    let limit = end.min(k + 48);
    for j in k..limit {
        match b[j] {
            b',' | b'.' | b'!' | b'?' => return true,
            b':' | b';' | b'"' => return false,
            b't' if b[j - 1] == b' ' && b[j..end].starts_with(b"that ") => return false,
            _ if opener_len(b, j) > 0 => return false,
            _ => {}
        }
    }
    limit == end
}

/// Whether `b[s..i]`, the sentence so far, is only a list marker: an optional bullet, then
/// up to three digits, one letter or a short roman numeral ("2", "• 9", "b", "iv").
fn is_list_marker(b: &[u8], s: usize, i: usize) -> bool {
    let mut k = s + bullet_len(b, s);
    k = skip_space(b, k, i);
    let body = &b[k.min(i)..i];
    match body.len() {
        0 => false,
        1 => body[0].is_ascii_alphanumeric(),
        // "12", or a section number "2.1".
        2..=8
            if body[0].is_ascii_digit()
                && body.iter().all(|c| c.is_ascii_digit() || *c == b'.') =>
        {
            body.split(|c| *c == b'.').all(|part| (1..=3).contains(&part.len()))
        }
        2..=4 => {
            body.iter().all(|c| matches!(c, b'I' | b'V' | b'X'))
                || body.iter().all(|c| matches!(c, b'i' | b'v' | b'x'))
        }
        _ => false,
    }
}

/// Whether the word at `at` has a capital after its lowercase start ("eBay", "wikiHow").
fn is_camel_case(b: &[u8], at: usize) -> bool {
    b[at..].iter().take(16).take_while(|c| c.is_ascii_alphabetic()).any(u8::is_ascii_uppercase)
}

/// The ASCII letters of the word at `at` (at most [`MAX_WORD`]).
fn word_at(b: &[u8], at: usize, end: usize) -> &[u8] {
    let stop = end.min(at + MAX_WORD);
    let len = b[at..stop].iter().take_while(|c| c.is_ascii_alphabetic()).count();
    &b[at..at + len]
}

/// The ASCII letters of the word at `at`, if it is followed by something other than a
/// period (so that the initial "A." is not the article "A").
fn letters_at(b: &[u8], at: usize) -> &[u8] {
    let mut k = at;
    while k < b.len() && b[k].is_ascii_alphabetic() {
        k += 1;
    }
    if b.get(k) == Some(&b'.') { &[] } else { &b[at..k] }
}

/// Whether the word at `at` typically opens a sentence.
fn is_starter(lex: &Lexicon, b: &[u8], at: usize) -> bool {
    lex.is_starter(letters_at(b, at))
}

/// Whether the word at `at` is the pronoun "I" (alone or in "I'm", "I’d").
fn is_pronoun_i(b: &[u8], at: usize) -> bool {
    letters_at(b, at) == b"I"
}

/// A list marker opening a paragraph ("1.", "• 9.", "a)", "⁃10."), to find the next ones
/// of the same list inline.
struct ListMarker {
    /// Bytes of the bullet glyph and the space after it ("• ", "⁃", or empty).
    prefix: Span,
    /// The item number (1 for "a", 2 for "b").
    number: u32,
    /// Whether items are lettered.
    letter: bool,
    /// The punctuation after the number: ".", ")" or ".)".
    punct: &'static str,
}

impl ListMarker {
    fn at(b: &[u8], start: usize, end: usize) -> Option<ListMarker> {
        let glyph = bullet_len(b, start);
        let k = skip_space(b, start + glyph, end);
        let digits = b[k..end].iter().take_while(|c| c.is_ascii_digit()).count();
        let (number, letter, after) = match digits {
            1..=3 => {
                (std::str::from_utf8(&b[k..k + digits]).ok()?.parse().ok()?, false, k + digits)
            }
            0 if b.get(k).is_some_and(u8::is_ascii_lowercase) => {
                (u32::from(b[k] - b'a' + 1), true, k + 1)
            }
            _ => return None,
        };
        let punct = match (b.get(after), b.get(after + 1)) {
            (Some(b'.'), Some(b')')) => ".)",
            (Some(b'.'), _) => ".",
            (Some(b')'), _) => ")",
            _ => return None,
        };
        let rest = after + punct.len();
        (rest < end && space_len(b, rest) > 0).then_some(ListMarker {
            prefix: Span::new(start, k),
            number,
            letter,
            punct,
        })
    }

    /// Where the next item of the list starts in `text[from..end]`.
    fn successor_in(&self, text: &str, from: usize, end: usize) -> Option<usize> {
        let next = self.number + 1;
        let label = if self.letter {
            char::from_u32(u32::from(b'a') + next - 1).filter(char::is_ascii_lowercase)?.to_string()
        } else {
            next.to_string()
        };
        let needle = format!("{}{label}{}", &text[self.prefix], self.punct);
        let b = text.as_bytes();
        let mut at = from + text.get(from..)?.chars().next()?.len_utf8();
        while at < end {
            let found = at + text.get(at..end)?.find(&needle)?;
            let after = found + needle.len();
            if space_len(b, char_start(b, found - 1)) > 0 && after < end && space_len(b, after) > 0
            {
                return Some(found);
            }
            at = after;
        }
        None
    }
}
