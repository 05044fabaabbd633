//! Word tokens: Unicode word bounds (UAX #29), then news-specific repairs. Hyphenated
//! words stay whole ("hour-long", "30-day"), initialisms keep their final period ("U.S."),
//! and the possessive or contracted "'s" is a token of its own ("Ukraine" + "’s").

use unicode_segmentation::UnicodeSegmentation;

use super::Token;
use super::bytes::is_initialism;
use crate::Span;

/// Appends the word tokens of `text[span]` to `out`; spans index into `text`. Punctuation
/// and whitespace yield no tokens.
pub(crate) fn tokens(text: &str, span: Span, out: &mut Vec<Token>) {
    let Some(slice) = text.get(span.start..span.end) else { return };
    let mut current: Option<Span> = None;
    let mut hyphen = false;
    for (offset, piece) in slice.split_word_bound_indices() {
        let at = span.start + offset;
        let end = at + piece.len();
        if piece.chars().any(char::is_alphanumeric) {
            match current.as_mut() {
                Some(word) if hyphen && word.end + 1 == at => word.end = end,
                _ => {
                    flush(text, current.take(), out);
                    current = Some(Span::new(at, end));
                }
            }
            hyphen = false;
            continue;
        }
        match current.as_mut() {
            Some(word) if piece == "-" && word.end == at && !hyphen => hyphen = true,
            Some(word)
                if piece == "."
                    && word.end == at
                    && !hyphen
                    && is_initialism(text[*word].as_bytes()) =>
            {
                word.end = end;
                flush(text, current.take(), out);
            }
            _ => {
                flush(text, current.take(), out);
                hyphen = false;
            }
        }
    }
    flush(text, current, out);
}

/// Pushes `word`, splitting off a final "'s" or "’s".
fn flush(text: &str, word: Option<Span>, out: &mut Vec<Token>) {
    let Some(word) = word else { return };
    let s = &text[word];
    let clitic = ["'s", "’s", "'S", "’S"].iter().find(|c| s.len() > c.len() && s.ends_with(*c));
    match clitic {
        Some(c) => {
            let cut = word.end - c.len();
            out.push(Token { span: Span::new(word.start, cut) });
            out.push(Token { span: Span::new(cut, word.end) });
        }
        None => out.push(Token { span: word }),
    }
}
