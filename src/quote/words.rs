//! Word tokens of a small window and the sentence boundaries the quote stage works with.

use crate::Span;
use crate::ascii::{HIGHS, ONES, alnum_run_end};

use super::lexicon::{Lexicon, char_after, char_before, is_alnum};

/// A token of a window: a word or one punctuation character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    /// Where it is.
    pub(crate) span: Span,
    /// Whether it is a word (else one punctuation character).
    pub(crate) word: bool,
}

impl Tok {
    /// The token's text.
    pub(crate) fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.span.start..self.span.end).unwrap_or("")
    }
}

/// Whether `c` joins two word characters into one word ("U.S.", "Holtz-Eakin", "O’Neill").
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '\'' | '’' | '-' | '&')
}

/// An ASCII byte's class for the tokenizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// `char::is_whitespace`.
    Space,
    /// A letter or digit.
    Alnum,
    /// One of the ASCII joiners `.`, `'`, `-`, `&`.
    Joiner,
    /// Any other ASCII character.
    Other,
}

/// The classes of the 128 ASCII bytes.
const CLASSES: [Class; 128] = {
    let mut t = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            Class::Alnum
        } else if matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            Class::Space
        } else if matches!(c, b'.' | b'\'' | b'-' | b'&') {
            Class::Joiner
        } else {
            Class::Other
        };
        b += 1;
    }
    t
};

/// The class and length of the character at byte `i` of `s` (a char boundary): ASCII by
/// table, anything else decoded (`’` is the one non-ASCII joiner).
#[inline(always)]
fn class_at(s: &str, i: usize) -> Option<(Class, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((CLASSES[usize::from(b)], 1));
    }
    let c = s.get(i..)?.chars().next()?;
    let class = if c.is_whitespace() {
        Class::Space
    } else if is_alnum(c) {
        Class::Alnum
    } else if is_joiner(c) {
        Class::Joiner
    } else {
        Class::Other
    };
    Some((class, c.len_utf8()))
}

/// Tokens of `text[start..end]` (both on char boundaries), appended to `out`: words, and
/// single punctuation characters. Words keep a final period when they are abbreviations
/// ("Mr.") or initials ("B.").
///
/// Reading starts at byte `*pos` of the window and stops after `max` tokens, leaving `*pos`
/// where the next token is to be looked for, so that a caller tokenizes only as far as it
/// reads. ASCII goes by a class table; other characters are decoded. A read of one token
/// that is plain ASCII goes by [`plain_token`] first.
#[inline]
pub(crate) fn tokenize_some(
    text: &str,
    start: usize,
    end: usize,
    pos: &mut usize,
    max: usize,
    lex: &Lexicon,
    out: &mut Vec<Tok>,
) {
    if max == 1 {
        if let Some(tok) = plain_token(text.as_bytes(), start + *pos, end) {
            out.push(tok);
            *pos = tok.span.end - start;
            return;
        }
    }
    tokenize_before(text, Span::new(start, end), pos, max, usize::MAX, lex, out);
}

/// The token of [`tokenize_some`] at `i` (past ASCII spaces) in a window ending at `end`,
/// when its bytes settle it without the general reading: one ASCII punctuation byte, or a
/// word of ASCII letters and digits ending at the window's end or before an ASCII byte that
/// is no letter, digit or joiner (a period is one). Lazy readers ask for one token at a
/// time, and then the general reading costs more in its setup than in the token.
#[inline]
fn plain_token(bytes: &[u8], mut i: usize, end: usize) -> Option<Tok> {
    let end = end.min(bytes.len());
    while i < end && bytes[i] == b' ' {
        i += 1;
    }
    let b = *bytes[..end].get(i)?;
    if !b.is_ascii() || CLASSES[usize::from(b)] == Class::Space {
        return None;
    }
    if !b.is_ascii_alphanumeric() {
        return Some(Tok { span: Span::new(i, i + 1), word: false });
    }
    let j = alnum_run_end(bytes, i + 1, end);
    if bytes[..end]
        .get(j)
        .is_some_and(|&d| !d.is_ascii() || CLASSES[usize::from(d)] == Class::Joiner)
    {
        return None;
    }
    Some(Tok { span: Span::new(i, j), word: true })
}

/// [`tokenize_some`] of the window `win`, stopping also where a token would start at or
/// after the offset `stop` (`*pos` is then that token's start).
pub(crate) fn tokenize_before(
    text: &str,
    win: Span,
    pos: &mut usize,
    max: usize,
    stop: usize,
    lex: &Lexicon,
    out: &mut Vec<Tok>,
) {
    let start = win.start;
    let Some(window) = text.get(start..win.end) else { return };
    let bytes = window.as_bytes();
    let mut i = *pos;
    let mut left = max;
    while left > 0 {
        let Some((class, len)) = class_at(window, i) else { break };
        if class == Class::Space {
            i += len;
            continue;
        }
        if start + i >= stop {
            break;
        }
        left -= 1;
        if class != Class::Alnum {
            out.push(Tok { span: Span::new(start + i, start + i + len), word: false });
            i += len;
            continue;
        }
        // `j` ends the word; a joiner is taken only when a word character follows it.
        let mut j = i + len;
        loop {
            // ASCII letters and digits first, without classifying anything else.
            j = alnum_run_end(bytes, j, bytes.len());
            let Some(&d) = bytes.get(j) else { break };
            // An ASCII byte ending the run is no letter or digit: most often a space or
            // punctuation, which ends the word at once.
            let (joiner, dlen) = if d < 0x80 {
                (CLASSES[usize::from(d)] == Class::Joiner, 1)
            } else {
                let Some((d, dlen)) = class_at(window, j) else { break };
                if d == Class::Alnum {
                    j += dlen;
                    continue;
                }
                (d == Class::Joiner, dlen)
            };
            if !joiner || !class_at(window, j + dlen).is_some_and(|(e, _)| e == Class::Alnum) {
                break;
            }
            j += dlen;
        }
        // "Mr." and "B." keep their period.
        if bytes.get(j) == Some(&b'.') {
            let word = &window[i..j];
            let initial = is_one_capital(word);
            // "R-Ky.," and "(R-Fla.)": a period before a comma or bracket ends no sentence.
            let glued = window[j + 1..].starts_with([',', ')', ']', ';']);
            let inner_period = word.bytes().any(|b| b == b'.');
            if initial || glued || lex.is_abbreviation(word) || inner_period {
                j += 1;
            }
        }
        out.push(Tok { span: Span::new(start + i, start + j), word: true });
        i = j;
    }
    *pos = i;
}

/// The last token of the window `win`, when its last bytes settle it wherever tokenizing
/// starts (a token never holds a space): `Ok(Some(word))` (its span) for a run of ASCII
/// letters with only ASCII spaces after it and an ASCII space or the window's start before it;
/// `Ok(None)` when the window holds no word there: no token, or a punctuation character
/// that no word takes in (no letter, digit or joiner). `Err(())` otherwise.
pub(crate) fn last_token(text: &str, win: Span) -> Result<Option<Span>, ()> {
    let b = text.as_bytes().get(win.start..win.end).ok_or(())?;
    let space = |x: u8| matches!(x, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
    let mut end = b.len();
    while end > 0 && space(b[end - 1]) {
        end -= 1;
    }
    let Some(&last) = end.checked_sub(1).map(|k| &b[k]) else { return Ok(None) };
    if !last.is_ascii_alphabetic() {
        // A character other than an ASCII letter, decoded when it is no ASCII.
        let c = char_before(text, win.start + end).ok_or(())?;
        let mark = !c.is_whitespace() && !is_alnum(c) && !is_joiner(c);
        return if mark { Ok(None) } else { Err(()) };
    }
    let mut start = end - 1;
    while start > 0 && b[start - 1].is_ascii_alphabetic() {
        start -= 1;
    }
    if start > 0 && !space(b[start - 1]) {
        return Err(());
    }
    Ok(Some(Span::new(win.start + start, win.start + end)))
}

/// Whether `word` is one upper-case letter ("B" of "B.").
fn is_one_capital(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// Whether the word starts with an upper-case letter.
pub(crate) fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The first offset at or after `from` whose byte `b` passes one of `tests`, `(fold,
/// value)` pairs asking `b | fold == value`; `bytes.len()` when none does. A test passes
/// the bytes that differ from `value` only in bits of `fold`, so that one test looks for
/// two or four bytes at once (callers check the byte found). Skips eight plain bytes at a
/// time.
pub(crate) fn next_in_set<const N: usize>(
    bytes: &[u8],
    from: usize,
    tests: [(u8, u8); N],
) -> usize {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        // A zero byte of `x` (a byte passing the test) sets its flag in `(x - ONES) & !x`.
        // A false flag needs a borrow, so it only appears above a true one: the lowest
        // flag of all is the first byte that passes.
        let hits = tests.iter().fold(0, |m, &(fold, value)| {
            let x = (w | (ONES * u64::from(fold))) ^ (ONES * u64::from(value));
            m | (x.wrapping_sub(ONES) & !x)
        }) & HIGHS;
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    let rest = bytes.get(i..).unwrap_or(&[]);
    let passes = |b: &u8| tests.iter().any(|&(fold, value)| b | fold == value);
    rest.iter().position(passes).map_or(bytes.len(), |k| i + k)
}

/// Sentence ends (byte offsets just past the final punctuation and any closing quotation
/// marks) inside `para`, appended to `out`, in order. One pass over the paragraph.
///
/// The caller drops the ends that lie strictly inside one of the sorted, disjoint spans
/// `quoted`, so the pass skips most of each: from a punctuation mark inside one it goes
/// on at the last position of the span that follows an ASCII letter or digit. The ends
/// before that position lie inside the span (the pass steps only over punctuation,
/// closing marks and whitespace, never over a letter or digit), and from a position after
/// a letter or digit the pass finds what it finds from the paragraph's start.
///
/// The caller also has cuts of its own, the sorted offsets `known` (the sentence bounds of
/// the segmenter, which most ends found here fall on): an end there is not pushed, and a
/// punctuation mark whose closing marks end there needs none of the checks that decide
/// whether it ends a sentence. The pass goes on after the closing marks instead of after
/// the spaces that may follow them, which holds no mark it could stop at.
pub(crate) fn sentence_ends(
    text: &str,
    para: Span,
    (quoted, known): (&[Span], &[usize]),
    lex: &Lexicon,
    out: &mut Vec<usize>,
) {
    let Some(p) = text.get(para.start..para.end) else { return };
    let bytes = p.as_bytes();
    let mut q = quoted.partition_point(|g| g.end <= para.start);
    // The first of the `known` cuts not before the last end looked at.
    let mut kc = known.partition_point(|&c| c < para.start);
    // The span skipped last (its index in `quoted`).
    let mut skipped = usize::MAX;
    let mut i = 0;
    while i < bytes.len() {
        let at = para.start + i;
        while quoted.get(q).is_some_and(|g| g.end <= at) {
            q += 1;
        }
        // Look no further than just past the start of the next span.
        let mut limit = bytes.len();
        if let Some(g) = quoted.get(q) {
            if g.start >= at {
                limit = limit.min(g.start + 1 - para.start);
            } else if skipped != q {
                skipped = q;
                let resume = resume_after_alnum(text, at, g.end);
                if resume > at {
                    i = resume - para.start;
                    continue;
                }
            }
        }
        let Some(k) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..limit]) else {
            i = limit;
            continue;
        };
        i += k;
        let b = bytes[i];
        let mut j = i + 1;
        // Closing marks and brackets after the punctuation belong to the sentence.
        loop {
            match char_after(p, j) {
                Some(c @ ('"' | '\'' | '”' | '’' | ')' | ']' | '»')) => j += c.len_utf8(),
                Some(c @ ('.' | '!' | '?')) => j += c.len_utf8(),
                _ => break,
            }
        }
        while known.get(kc).is_some_and(|&c| c < para.start + j) {
            kc += 1;
        }
        if known.get(kc) == Some(&(para.start + j)) {
            i = j.max(i + 1);
            continue;
        }
        let next = char_after(p, j);
        if !next.is_some_and(char::is_whitespace) {
            i = j.max(i + 1);
            continue;
        }
        let mut k = j;
        while let Some(c) = char_after(p, k).filter(|c| c.is_whitespace()) {
            k += c.len_utf8();
        }
        let starts_sentence = char_after(p, k).is_some_and(|c| {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[')
        });
        if starts_sentence && (b != b'.' || !before_is_abbreviation(p, i, lex)) {
            out.push(para.start + j);
        }
        i = k.max(i + 1);
    }
}

/// The last position in `from + 1..end` (at most 64 bytes back from `end - 1`) whose byte
/// before is an ASCII letter or digit, else `from`.
fn resume_after_alnum(text: &str, from: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let last = end.saturating_sub(1).min(bytes.len());
    (from + 1..=last).rev().take(64).find(|&r| bytes[r - 1].is_ascii_alphanumeric()).unwrap_or(from)
}

/// Whether the word before the period at `dot` is an abbreviation or an initial.
fn before_is_abbreviation(p: &str, dot: usize, lex: &Lexicon) -> bool {
    let head = &p[..dot];
    // ASCII fast path: up to 12 letters, digits or periods back; any other non-ASCII byte
    // on the way sends the walk to the general one over characters.
    let mut word_start = dot;
    let mut general = false;
    for &b in head.as_bytes().iter().rev().take(12) {
        if b.is_ascii_alphanumeric() || b == b'.' {
            word_start -= 1;
        } else {
            general = !b.is_ascii();
            break;
        }
    }
    if general {
        word_start = head
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_alnum(c) || c == '.')
            .take(12)
            .last()
            .map_or(dot, |(i, _)| i);
    }
    let word = &head[word_start..];
    if word.is_empty() {
        return false;
    }
    let single_upper = is_one_capital(word);
    // Bytes, not characters: a period is one byte that no other character holds.
    single_upper
        || lex.is_abbreviation(word)
        || (word.len() <= 6 && word.bytes().any(|b| b == b'.'))
        || (word_start > 0 && p.as_bytes()[word_start - 1] == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens of `text[win]` from `from`, read `step` at a time, with the position where
    /// reading stopped.
    fn read(text: &str, win: Span, from: usize, step: usize) -> (Vec<Tok>, usize) {
        let lex = Lexicon::new();
        let (mut pos, mut out) = (from, Vec::new());
        loop {
            let before = out.len();
            tokenize_some(text, win.start, win.end, &mut pos, step, &lex, &mut out);
            if out.len() == before {
                return (out, pos);
            }
        }
    }

    /// Reading one token at a time (plain ASCII tokens by [`plain_token`]) gives the
    /// tokens and the stopping place that reading many at once gives, on windows of
    /// pseudo-random text cut anywhere: abbreviations, joiners of both kinds, letters of
    /// other scripts, spaces of every kind, control bytes, long runs.
    #[test]
    fn reading_one_at_a_time_agrees_with_reading_at_once() {
        let pieces = [
            "Mr.",
            "U.S.",
            "R-Ky.,",
            "(R-Fla.)",
            "O’Neill",
            "don't",
            "a",
            "B.",
            "said",
            "x&y",
            "é",
            "Ünal",
            "’",
            "“",
            "”",
            " ",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{a0}",
            ".",
            ",",
            "-",
            "'",
            "&",
            "\u{1}",
            "7",
            "e-mail",
            "a.-b",
            "Holtz-Eakin",
            "ab-",
            "-é",
            "'é",
            "q.é",
        ];
        let mut next = crate::quote::tests::pseudo_random(0x9E37_79B9_7F4A_7C15);
        let mut tokens = 0;
        for round in 0..2000 {
            let mut text = String::new();
            for _ in 0..next(60) + 1 {
                text.push_str(pieces[next(pieces.len())]);
                if next(9) == 0 {
                    text.push_str(&"w".repeat(next(20)));
                }
            }
            let bounds: Vec<usize> =
                (0..=text.len()).filter(|&b| text.is_char_boundary(b)).collect();
            let (a, b) = (bounds[next(bounds.len())], bounds[next(bounds.len())]);
            let win = Span::new(a.min(b), a.max(b));
            let inside: Vec<usize> = bounds
                .iter()
                .filter(|&&x| x >= win.start && x <= win.end)
                .map(|x| x - win.start)
                .collect();
            let from = if round % 2 == 0 { 0 } else { inside[next(inside.len())] };
            let whole = read(&text, win, from, usize::MAX);
            assert_eq!(read(&text, win, from, 1), whole, "{text:?} {win:?} {from}");
            tokens += whole.0.len();
        }
        assert!(tokens > 10_000, "{tokens}");
    }
}
