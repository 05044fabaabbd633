//! Dates: temporal expressions normalized against the publication date.
//!
//! Consumes the text, its sentences and the publication date; produces
//! [`DateMention`]s with a TIMEX3 kind and a [`DateValue`] ("on Tuesday" ->
//! `2025-03-18`, "30-day" -> `P30D`).
//!
//! # How it works
//!
//! One Aho-Corasick automaton finds trigger words (month and weekday names, units,
//! day words, reference words) and digits. Around each trigger a small tokenizer reads
//! the words, and a hand-written grammar takes the longest expression covering it,
//! modifiers included ("the past two years", "early next year"). The expression is
//! then resolved against the publication date; the clause's tense decides between the
//! last and the next occurrence of a bare "Tuesday" or "March 11". Without a
//! publication date, values stay underspecified (`XXXX-WXX-2`).
//!
//! The grammar words live in `data/date/*.tsv`.
//!
//! ```
//! use newsextract::date::{DateTagger, TimexKind};
//! use newsextract::Document;
//!
//! let tagger = DateTagger::new();
//! let published = Document::parse_published("2025-03-19")?;
//! let text = "Putin spoke to Trump on Tuesday about a 30-day ceasefire.";
//! let dates = tagger.tag(text, Some(published));
//! assert_eq!(&text[dates[0].span], "Tuesday");
//! assert_eq!(dates[0].value.to_string(), "2025-03-18");
//! assert_eq!(dates[1].kind, TimexKind::Duration);
//! assert_eq!(dates[1].value.to_string(), "P30D");
//! # Ok::<(), newsextract::Error>(())
//! ```

use jiff::civil::Date;

use crate::Span;
use crate::analysis::Analysis;
use crate::segment::Segmenter;

mod grammar;
mod lexicon;
mod resolve;
mod scan;
mod tense;
mod value;

#[cfg(test)]
mod tests;

pub use self::value::{DateValue, DayPart, DayRef, Reference, Season, TimeOfDay, Unit};

use self::grammar::Parser;
use self::lexicon::Lexicon;
use self::resolve::{Context, needs_tense, resolve};
use self::scan::{Tok, tokenize};

/// The TIMEX3 type of a temporal expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum TimexKind {
    /// A calendar date or period ("March 11", "2025", "this week").
    Date,
    /// A time of day ("8 p.m.", "Wednesday morning").
    Time,
    /// A length of time ("30-day", "two weeks").
    Duration,
    /// A recurrence ("every year", "weekly").
    Set,
}

/// A temporal expression found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DateMention {
    /// Where the expression is.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub span: Span,
    /// Index of the sentence containing it.
    pub sentence: usize,
    /// The TIMEX3 type.
    pub kind: TimexKind,
    /// The TIMEX3 value (`2025-03-18`, `P30D`, `XXXX-WXX-2`, `PRESENT_REF`); it
    /// displays and serializes as the TIMEX3 string.
    pub value: DateValue,
}

/// Finds temporal expressions and resolves them against a publication date.
///
/// Build it once (it compiles the trigger automaton) and share it.
#[derive(Clone, Debug)]
pub struct DateTagger {
    lex: Lexicon,
}

impl Default for DateTagger {
    fn default() -> DateTagger {
        DateTagger::new()
    }
}

/// Longest stretch of text tokenized at once (lines are cut at a space after it).
const MAX_BLOCK: usize = 1 << 14;

impl DateTagger {
    /// The tagger with the default grammar.
    pub fn new() -> DateTagger {
        DateTagger { lex: Lexicon::new() }
    }

    /// The temporal expressions of `text`, resolved against `published`; sentence
    /// indices come from the default [`Segmenter`].
    ///
    /// ```
    /// use newsextract::date::DateTagger;
    ///
    /// let dates = DateTagger::new().tag("Talks resume on Tuesday.", None);
    /// assert_eq!(dates[0].value.to_string(), "XXXX-WXX-2");
    /// ```
    pub fn tag(&self, text: &str, published: Option<Date>) -> Vec<DateMention> {
        let mut analysis = Analysis::default();
        Segmenter::new().run(text, false, &mut analysis);
        self.run(text, published, &mut analysis);
        analysis.dates
    }

    /// Fills `analysis.dates`; needs `analysis.sentences`.
    pub(crate) fn run(&self, text: &str, published: Option<Date>, analysis: &mut Analysis) {
        let mut dates = std::mem::take(&mut analysis.dates);
        self.scan(text, published, |span, kind, value| {
            let sentence = analysis.sentence_at(span.start).unwrap_or_else(|| {
                analysis.sentences.partition_point(|s| s.span.end <= span.start).saturating_sub(1)
            });
            dates.push(DateMention { span, sentence, kind, value });
        });
        analysis.dates = dates;
    }

    /// Calls `emit` for every expression, in text order, never overlapping.
    fn scan(
        &self,
        text: &str,
        dct: Option<Date>,
        mut emit: impl FnMut(Span, TimexKind, DateValue),
    ) {
        let mut toks: Vec<Tok> = Vec::new();
        let mut block = (0usize, 0usize);
        let mut last_end = 0usize;
        let mut doc_quarters = None;
        for m in self.lex.triggers.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            if s < last_end || !is_trigger(text, s, e) {
                continue;
            }
            if s >= block.1 {
                block = next_block(text, block.1, s, e);
                toks.clear();
                tokenize(text, block.0, block.1, &mut toks);
            }
            let head = toks.partition_point(|t| t.end <= s);
            if toks.get(head).is_none_or(|t| t.start != s) {
                continue;
            }
            let parser = Parser { text, toks: &toks, lex: &self.lex };
            let from = parser.leftmost(head).max(toks.partition_point(|t| t.start < last_end));
            let Some(parsed) = parser.parse_covering(from, head) else { continue };
            let tense =
                if needs_tense(&parsed) { parser.tense(parsed.start, parsed.end) } else { None };
            let quarters = matches!(parsed.expr, grammar::Expr::YearAgo)
                && *doc_quarters.get_or_insert_with(|| mentions_quarters(text));
            let ctx = Context { dct, tense, quarters };
            if let Some((kind, value)) = resolve(&parsed, &ctx) {
                let span = Span::new(toks[parsed.start].start, toks[parsed.end - 1].end);
                last_end = span.end;
                emit(span, kind, value);
            }
        }
    }
}

/// Whether the text talks about quarters (then "a year ago" is the quarter a year
/// before, as in earnings reports).
fn mentions_quarters(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(7).any(|w| w[0] | 0x20 == b'q' && w.eq_ignore_ascii_case(b"quarter"))
}

/// Whether the automaton's match at `s..e` stands on word boundaries (digits: starts a
/// number that is not the tail of a decimal).
fn is_trigger(text: &str, s: usize, e: usize) -> bool {
    let bytes = text.as_bytes();
    let prev = text[..s].chars().next_back();
    if prev.is_some_and(char::is_alphanumeric) {
        return false;
    }
    if bytes[s].is_ascii_digit() {
        // "2.5", "1,000": the digits after the separator are not a new number.
        let sep = matches!(prev, Some('.' | ','));
        return !(sep && s >= 2 && bytes[s - 2].is_ascii_digit());
    }
    let next = text[e..].chars().next();
    let code = bytes[s..e].eq_ignore_ascii_case(b"fy");
    match next {
        Some(c) if c.is_ascii_digit() => code,
        Some(c) => !c.is_alphanumeric(),
        None => true,
    }
}

/// The block of text to tokenize for a trigger at `s..e`: from the start of its line
/// (or the end of the previous block) to the end of the line, at most about
/// [`MAX_BLOCK`] bytes.
fn next_block(text: &str, prev_end: usize, s: usize, e: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let lo = s.saturating_sub(MAX_BLOCK / 4).max(prev_end);
    let start = bytes[lo..s].iter().rposition(|&b| b == b'\n').map_or(lo, |k| lo + k + 1);
    let start = (start..=s).find(|&i| text.is_char_boundary(i)).unwrap_or(s);
    let limit = (start + MAX_BLOCK).max(e).min(bytes.len());
    let end = match bytes[s..limit].iter().position(|&b| b == b'\n') {
        Some(k) => s + k,
        None if limit == bytes.len() => limit,
        // Cut at a space so that no word is split.
        None => bytes[limit..]
            .iter()
            .take(256)
            .position(u8::is_ascii_whitespace)
            .map_or(limit, |k| limit + k),
    };
    let end = (end..=bytes.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(bytes.len());
    (start, end)
}
