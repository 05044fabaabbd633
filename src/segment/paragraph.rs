//! Paragraphs: every line break ends one; each line is then classified as a headline,
//! byline, dateline, bullet or body text. A dateline at the head of wire copy ("TOKYO,
//! March 2 - The bank said...") becomes a unit of its own before the body.

use super::bytes::{bullet_len, char_at, closer_len, skip_space, space_len, trim_end};
use super::lexicon::Lexicon;
use super::{Paragraph, ParagraphKind};
use crate::Span;

/// Longest line taken for a headline or subheading, in bytes and in words.
const HEADLINE_BYTES: usize = 250;
const HEADLINE_WORDS: usize = 25;
const SUBHEAD_WORDS: usize = 12;
/// Longest byline, in words.
const BYLINE_WORDS: usize = 16;
const BYLINE_BYTES: usize = 200;
/// How far into a paragraph a dateline's dash may lie, in bytes.
const DATELINE_BYTES: usize = 100;

/// Appends the paragraphs of `text` to `out`.
pub(crate) fn paragraphs(lex: &Lexicon, text: &str, out: &mut Vec<Paragraph>) {
    let b = text.as_bytes();
    let first = out.len();
    let mut body_seen = false;
    // Old Mac text breaks lines with a lone "\r"; most text has none and takes the
    // fast search for "\n" only.
    let carriage_returns = memchr::memchr(b'\r', b).is_some();
    let mut pos = 0;
    while pos < b.len() {
        let rest = &b[pos..];
        let line_end = if carriage_returns {
            memchr::memchr2(b'\n', b'\r', rest)
        } else {
            memchr::memchr(b'\n', rest)
        };
        let line_end = line_end.map_or(b.len(), |k| pos + k);
        let s = skip_space(b, pos, line_end);
        let e = trim_end(b, s, line_end);
        pos = line_end + 1;
        if s >= e {
            continue;
        }
        let line = &text[s..e];
        let push = |out: &mut Vec<Paragraph>, start, end, kind| {
            out.push(Paragraph { span: Span::new(start, end), kind });
        };
        if out.len() == first
            && skip_space(b, line_end, b.len()) < b.len()
            && is_headline(line, true)
        {
            push(out, s, e, ParagraphKind::Headline);
        } else if is_byline(lex, line) {
            push(out, s, e, ParagraphKind::Byline);
        } else if is_bullet(line.as_bytes()) {
            push(out, s, e, ParagraphKind::Bullet);
        } else if let Some(dash_end) = (!body_seen).then(|| dateline(line)).flatten() {
            body_seen = true;
            push(out, s, s + dash_end, ParagraphKind::Dateline);
            let rest = skip_space(b, s + dash_end, e);
            if rest < e {
                push(out, rest, e, ParagraphKind::Body);
            }
        } else if out.len() > first && is_headline(line, false) && word_count(line) <= SUBHEAD_WORDS
        {
            push(out, s, e, ParagraphKind::Headline);
        } else {
            body_seen = true;
            push(out, s, e, ParagraphKind::Body);
        }
    }
}

/// Number of whitespace-separated words in `line`.
fn word_count(line: &str) -> usize {
    line.split_ascii_whitespace().count()
}

/// Whether `line` looks like a title: short, not starting in lowercase, without final
/// punctuation (a question or exclamation mark is allowed when `question` is set).
fn is_headline(line: &str, question: bool) -> bool {
    if line.len() > HEADLINE_BYTES || line.chars().next().is_none_or(char::is_lowercase) {
        return false;
    }
    let last =
        line.trim_end_matches(|c: char| closer_len(c.encode_utf8(&mut [0; 4]).as_bytes(), 0) > 0);
    let unpunctuated = match last.chars().next_back() {
        None | Some('.' | ',' | ';' | ':' | '…') => false,
        Some('?' | '!') => question,
        Some(_) => true,
    };
    unpunctuated && word_count(line) <= HEADLINE_WORDS
}

/// Whether `line` is a credit line: "By Jane Smith", "Reporting by John Doe; Editing by …".
fn is_byline(lex: &Lexicon, line: &str) -> bool {
    if line.len() > BYLINE_BYTES {
        return false;
    }
    let Some(n) = lex.byline_opener(line) else { return false };
    let rest = line[n..].trim_start();
    rest.chars().next().is_some_and(char::is_uppercase)
        && !line.ends_with(['.', '?', '!'])
        && word_count(line) <= BYLINE_WORDS
}

/// Whether `line` opens with a bullet ("- ", "* ", "• ") or an item number ("1. ", "2) ",
/// "a. ").
fn is_bullet(b: &[u8]) -> bool {
    let glyph = bullet_len(b, 0);
    if glyph > 0 {
        return glyph < b.len() && (b[0] != b'-' && b[0] != b'*' || space_len(b, glyph) > 0);
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let (after, dot_ok) = match digits {
        1..=3 => (digits, true),
        0 if b.first().is_some_and(u8::is_ascii_lowercase) => (1, true),
        0 if b.first().is_some_and(u8::is_ascii_uppercase) => (1, false),
        _ => return false,
    };
    let punct = match (b.get(after), b.get(after + 1)) {
        (Some(b'.'), Some(b')')) if dot_ok => 2,
        (Some(b'.'), _) if dot_ok => 1,
        (Some(b')'), _) => 1,
        _ => return false,
    };
    space_len(b, after + punct) > 0
}

/// The length of a dateline opening `line` ("TOKYO, March 2 -", "KYIV (Reuters) —"), dash
/// included: a place in capitals or a bracketed agency, an optional date, then a dash.
fn dateline(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let limit = line.len().min(DATELINE_BYTES);
    // The dashes are "-" and the lead byte 0xE2 of "–" and "—", so two bytes are searched
    // for rather than every character decoded.
    let (dash, dash_len) = memchr::memchr2_iter(b'-', 0xE2, &b[..limit]).find_map(|k| {
        match (b[k], b.get(k + 1), b.get(k + 2)) {
            (b'-', ..) if k > 0 && b[k - 1] == b' ' => {
                let len = if b.get(k + 1) == Some(&b'-') { 2 } else { 1 };
                (space_len(b, k + len) > 0).then_some((k, len))
            }
            (0xE2, Some(0x80), Some(0x93 | 0x94)) => Some((k, 3)),
            _ => None,
        }
    })?;
    let prefix = line[..dash].trim_end();
    let mut words = prefix.split_whitespace();
    let first = words.next()?.trim_end_matches(',');
    let capital_place =
        first.len() >= 3 && first.bytes().all(|c| c.is_ascii_uppercase() || c == b'.');
    let agency = prefix.ends_with(')') && prefix.contains('(');
    let shaped = prefix.split_whitespace().count() <= 10
        && prefix.split_whitespace().all(|w| {
            char_at(w.as_bytes(), 0)
                .is_some_and(|(c, _)| c.is_uppercase() || c.is_ascii_digit() || c == '(')
        });
    (shaped && (capital_place || agency)).then_some(dash + dash_len)
}
