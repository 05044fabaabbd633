//! Dates: temporal expressions normalized against the publication date.
//!
//! Consumes the text, its sentences and the publication date; produces
//! [`DateMention`]s with a TIMEX3 kind and a [`DateValue`] ("on Tuesday" ->
//! `2025-03-18`, "30-day" -> `P30D`).
//!
//! # How it works
//!
//! One pass over the text reads it 64 bytes at a time into a bit mask of its letters
//! and digits, visits the starts of the runs of them only, and keeps the trigger words
//! (month and weekday names, units, day words, reference words: filtered on their first
//! three bytes, then on their first two and last letters and length, then looked up in
//! place in the lexicon's word table) and the numbers that may start an expression.
//! Around each trigger a small tokenizer reads the words, and a hand-written grammar
//! takes the longest expression covering it, modifiers included ("the past two years",
//! "early next year"). The expression is then resolved against the publication date;
//! the clause's tense decides between the last and the next occurrence of a bare
//! "Tuesday" or "March 11" (it is read only when the value depends on it). Anaphoric
//! periods ("that year", "the following month", "the previous Friday") count from the
//! date last talked about. Without a publication date, values stay underspecified
//! (`XXXX-WXX-2`).
//!
//! Numbers followed by nothing temporal ("$5 billion", "40 people") are passed over
//! without tokenizing, and so are plain amounts ("4.5%", "$600m", "32-year-old") that
//! no word before them could join to an expression. The grammar words live in
//! `data/date/*.tsv`.
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

use core::cell::Cell;
use std::sync::LazyLock;

use jiff::civil::Date;

use crate::Span;
use crate::actor::MentionForm;
use crate::analysis::Analysis;
use crate::order::Cursor;
use crate::reuse::keeps;
use crate::segment::Segmenter;

mod grammar;
mod lexicon;
mod resolve;
mod scan;
mod tense;
mod value;

#[cfg(test)]
mod tests;

pub use self::value::{
    DateValue, DayPart, DayRef, ParseDateValueError, Reference, Season, TimeOfDay, Unit,
};

use self::grammar::{MAX_BACK, Memo, Parser};
use self::lexicon::{Lexicon, Tense};
use self::resolve::{Context, needs_tense, resolve};
use self::scan::{Tok, tokenize, triggers};

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
/// Build it once (it reads the grammar words) and share it.
#[derive(Clone, Debug)]
pub struct DateTagger {
    lex: Lexicon,
}

impl Default for DateTagger {
    fn default() -> DateTagger {
        DateTagger::new()
    }
}

impl DateTagger {
    /// The tagger with the default grammar.
    pub fn new() -> DateTagger {
        DateTagger { lex: Lexicon::new() }
    }

    /// The temporal expressions of `text`, resolved against `published`; sentence
    /// indices come from the default [`Segmenter`] (built once, on first use).
    ///
    /// ```
    /// use newsextract::date::DateTagger;
    ///
    /// let dates = DateTagger::new().tag("Talks resume on Tuesday.", None);
    /// assert_eq!(dates[0].value.to_string(), "XXXX-WXX-2");
    /// ```
    pub fn tag(&self, text: &str, published: Option<Date>) -> Vec<DateMention> {
        static SEGMENTER: LazyLock<Segmenter> = LazyLock::new(Segmenter::new);
        let sentences = SEGMENTER.sentences(text);
        let mut dates = Vec::new();
        self.scan(text, published, |span, kind, value| {
            let sentence = sentences
                .partition_point(|s| s.end <= span.start)
                .min(sentences.len().saturating_sub(1));
            dates.push(DateMention { span, sentence, kind, value });
        });
        dates
    }

    /// Fills `analysis.dates`; needs `analysis.sentences`.
    pub(crate) fn run(&self, text: &str, published: Option<Date>, analysis: &mut Analysis) {
        let mut dates = std::mem::take(&mut analysis.dates);
        let first = dates.len();
        // The sentence holding a date's start, else the one before; dates come in text
        // order, so it is found from the last one's.
        let cursor = Cursor::default();
        self.scan(text, published, |span, kind, value| {
            let sentence = analysis.sentence_at_from(span.start, &cursor).unwrap_or_else(|| {
                analysis.sentences.partition_point(|s| s.span.end <= span.start).saturating_sub(1)
            });
            dates.push(DateMention { span, sentence, kind, value });
        });
        // A date word inside a longer actor name ("India Today", "Tuesday Morning Corp")
        // is part of the name, not a temporal expression. The dates are in text order
        // and never overlap, so those inside a name are the run of dates from the first
        // one starting in it; each name's run is found from a cursor (an actor's names
        // come in text order, so it moves forward but for a jump back at the next
        // actor). Most documents have no such name and keep their list untouched.
        let names = analysis
            .actors
            .iter()
            .flat_map(|a| a.mentions.iter())
            .filter(|m| matches!(m.form, MentionForm::Name | MentionForm::Alias));
        let found = &dates[first..];
        let mut inside: Vec<usize> = Vec::new();
        let cursor = Cursor::default();
        for name in names.map(|m| m.span) {
            let from = cursor.partition_point(found, |d| d.span.start < name.start);
            let run = found[from..].iter().take_while(|d| d.span.start < name.end);
            for (k, d) in run.enumerate() {
                if name.contains(d.span) && d.span != name {
                    inside.push(first + from + k);
                }
            }
        }
        if !inside.is_empty() {
            // (A date inside several names is listed once for each.)
            inside.sort_unstable();
            inside.dedup();
            let mut inside = inside.into_iter().peekable();
            let mut k = 0;
            dates.retain(|_| {
                let drop = inside.next_if_eq(&k).is_some();
                k += 1;
                !drop
            });
        }
        analysis.dates = dates;
    }

    /// Calls `emit` for every expression, in text order, never overlapping.
    fn scan(
        &self,
        text: &str,
        dct: Option<Date>,
        mut emit: impl FnMut(Span, TimexKind, DateValue),
    ) {
        // The windows and trigger list of the thread's previous document, emptied: no
        // buffer grows again from nothing for each document.
        let mut buffers = BUFFERS.take();
        let Buffers { window, scratch, found } = &mut buffers;
        window.reset();
        found.clear();
        let mut last_end = 0usize;
        // The date last talked about and where it ended.
        let mut anchor: Option<(usize, DateValue)> = None;
        triggers(text, &self.lex, found);
        for &(s, e) in found.iter() {
            if s < last_end {
                continue;
            }
            // Tokenize a little before the trigger first, and back to the whole reach
            // only when the expression may start near the window's start.
            window.cover(text, s, e, (NEAR_BEFORE, GRAMMAR_REACH.1), None);
            // Parse in the window's head; when the grammar looks past it, read the
            // whole window and parse again.
            let parsed = loop {
                let toks = &window.toks;
                let head = first_ending_after(toks, s);
                if toks.get(head).is_none_or(|t| t.start != s) {
                    break None;
                }
                let edge = Cell::new(false);
                let parser = Parser { text, toks, lex: &self.lex, memo: &window.memo, edge: &edge };
                let leftmost = parser.leftmost(head);
                if leftmost < LOOK_BACK {
                    let start = start_before(text.as_bytes(), s, GRAMMAR_REACH.0);
                    if window.start > start {
                        window.read_back(text, start);
                        continue;
                    }
                }
                // The expression starts after the last one; `leftmost` is never more
                // than `MAX_BACK` tokens back, so only those tokens are searched.
                let lo = head.saturating_sub(MAX_BACK);
                let after_last = lo + toks[lo..head].partition_point(|t| t.start < last_end);
                let from = leftmost.max(after_last);
                let parsed = parser.parse_covering(from, head);
                if edge.get() && window.read_all(text) {
                    continue;
                }
                break parsed;
            };
            let Some(parsed) = parsed else { continue };
            let toks = &window.toks;
            let span = Span::new(toks[parsed.start].start, toks[parsed.end - 1].end);
            let quarters = matches!(parsed.expr, grammar::Expr::YearAgo)
                && mentions_quarters(text, span.start);
            let anchor_value = anchor
                .filter(|&(end, _)| span.start.saturating_sub(end) <= ANCHOR_REACH)
                .map(|(_, v)| v);
            let mut ctx = Context { dct, tense: None, quarters, anchor: anchor_value };
            // The clause's tense is read only when the value depends on it. A weekday
            // or a time to come mostly does; a date or period mostly does not when it
            // is near the publication date, and resolving it is cheap next to reading
            // the clause, so the three tenses are tried first.
            let differs = |ctx: Context| {
                if matches!(
                    parsed.expr,
                    grammar::Expr::Weekday { .. }
                        | grammar::Expr::In { .. }
                        | grammar::Expr::LatestQuarter { .. }
                        | grammar::Expr::Clock { .. }
                        | grammar::Expr::Rel { .. }
                ) {
                    return true;
                }
                let none = resolve(&parsed, &ctx);
                [Tense::Past, Tense::Future]
                    .iter()
                    .any(|&t| resolve(&parsed, &Context { tense: Some(t), ..ctx }) != none)
            };
            if needs_tense(&parsed, dct) && differs(ctx) {
                // The clause around the expression, read in a wider window.
                scratch.reset();
                scratch.cover(text, span.start, span.end, TENSE_REACH, Some(window));
                ctx.tense = loop {
                    let toks = &scratch.toks;
                    let start = toks.partition_point(|t| t.start < span.start);
                    let end = toks.partition_point(|t| t.start < span.end);
                    let edge = Cell::new(false);
                    let memo = &scratch.memo;
                    let tense =
                        Parser { text, toks, lex: &self.lex, memo, edge: &edge }.tense(start, end);
                    if edge.get() && scratch.read_all(text) {
                        continue;
                    }
                    break tense;
                };
            }
            if let Some((kind, value)) = resolve(&parsed, &ctx) {
                last_end = span.end;
                // A time on an implied day ("overnight", "10 p.m.") moves no anchor.
                let implied_day = matches!(
                    parsed.expr,
                    grammar::Expr::Clock { day: grammar::ClockDay::Deictic(_), .. }
                );
                if is_anchor(&value) && !implied_day {
                    anchor = Some((span.end, value));
                }
                emit(span, kind, value);
            }
        }
        buffers.keep();
    }
}

/// The first of `toks` (in text order) that ends after `at`: looked for from the end,
/// where the trigger being parsed usually is, then by halves.
fn first_ending_after(toks: &[Tok], at: usize) -> usize {
    let mut k = toks.len();
    for _ in 0..8 {
        if k == 0 || toks[k - 1].end <= at {
            return k;
        }
        k -= 1;
    }
    toks[..k].partition_point(|t| t.end <= at)
}

/// The per-document buffers of [`DateTagger::scan`], kept on each thread between
/// documents.
#[derive(Default)]
struct Buffers {
    /// The grammar's window around a trigger.
    window: Window,
    /// The wider window read for an expression's tense.
    scratch: Window,
    /// The trigger spans of the document.
    found: Vec<(usize, usize)>,
}

/// Trigger spans a thread always keeps room for between documents (see [`keeps`]).
const KEPT_TRIGGERS: usize = 1 << 14;

impl Buffers {
    /// Keeps the buffers for the thread's next document, unless the trigger list is
    /// large and the document used little of it ([`keeps`]).
    fn keep(self) {
        if keeps(self.found.len(), self.found.capacity(), KEPT_TRIGGERS) {
            BUFFERS.set(self);
        }
    }
}

thread_local! {
    /// This thread's [`Buffers`], while no scan runs on it.
    static BUFFERS: std::cell::Cell<Buffers> = std::cell::Cell::new(Buffers::default());
}

/// How far back, in bytes, the date last talked about anchors "that year".
const ANCHOR_REACH: usize = 1000;

/// Whether a value names a calendar day, month or year that "that day", "the
/// following month" or "that year" can point back to.
fn is_anchor(value: &DateValue) -> bool {
    matches!(
        value,
        DateValue::Day { year: Some(_), .. }
            | DateValue::Month { year: Some(_), month: Some(_) }
            | DateValue::Year(Some(_))
            | DateValue::Time { day: DayRef::Date(_), .. }
    )
}

/// Bytes tokenized before and after a trigger for the grammar.
const GRAMMAR_REACH: (usize, usize) = (40, 64);

/// Bytes tokenized before a trigger at first; the window is read back to
/// `GRAMMAR_REACH.0` bytes before it only when the expression may start within
/// [`LOOK_BACK`] tokens of the window's start (one trigger in thirty).
const NEAR_BEFORE: usize = 24;

/// Tokens the window needs before the earliest start of an expression: the grammar
/// reads at most two tokens before a start ("for the year", "post-1959").
const LOOK_BACK: usize = 2;

/// Bytes tokenized before and after an expression for its tense.
const TENSE_REACH: (usize, usize) = (112, 112);

/// The tokens of a stretch of text, grown forward as triggers come, with a memo of
/// their lexicon lookups.
///
/// The window covers `..goal` but is read only up to `end`, a little past the trigger
/// or expression; the grammar rarely looks further, and when it does the caller reads
/// the rest ([`Window::read_all`]) and parses again. Tokenizing `a..b` and then `b..c`
/// gives the tokens of `a..c` when `b` is at an ASCII space (no token holds one), so
/// the window may grow before its tail is read; a goal inside a word cuts it, and the
/// window reads up to such a goal at once.
///
/// The same property lets the wider window read for an expression's tense copy the
/// tokens the grammar's window already holds and tokenize only the text around them,
/// and lets the grammar's window, read from a little before a trigger at first, read
/// further back ([`Window::read_back`]) when the expression may start near its start.
#[derive(Default)]
struct Window {
    toks: Vec<Tok>,
    memo: Vec<Memo>,
    /// The tokens read so far end here, at a space, a cut or the end of the text.
    end: usize,
    /// The covered text ends here, at a space, a cut or the end of the text.
    goal: usize,
    /// The tokens read hold every token from here on.
    start: usize,
}

impl Window {
    fn reset(&mut self) {
        self.toks.clear();
        self.memo.clear();
        self.end = 0;
        self.goal = 0;
        self.start = 0;
    }

    /// Reads the window up to `to`.
    fn read(&mut self, text: &str, to: usize) {
        self.read_sharing(text, to, None);
    }

    /// Reads the window up to `to`, copying the tokens that `other` has already read
    /// where they are the same (see [`Window::copy_from`]).
    fn read_sharing(&mut self, text: &str, to: usize, other: Option<&Window>) {
        if to > self.end {
            if !other.is_some_and(|o| self.copy_from(o, text, to)) {
                tokenize(text, self.end, to, &mut self.toks);
            }
            self.memo.resize(self.toks.len(), Cell::new(0));
            self.end = to;
        }
    }

    /// Appends the tokens of `self.end..to` using the tokens `other` read, tokenizing
    /// only the parts before and after them; false, with nothing appended, when a
    /// boundary would split a token. Tokenizing from any point that no token
    /// straddles gives the same tokens after it, so a token of `other` that starts at
    /// or after a clean boundary is a token here too.
    fn copy_from(&mut self, other: &Window, text: &str, to: usize) -> bool {
        let bytes = text.as_bytes();
        let (from, toks) = (self.end, &other.toks);
        let Some(first) = toks.first().map(|t| t.start) else { return false };
        if from >= other.end || to <= first {
            return false;
        }
        // No token straddles a point after an ASCII space or mark, or one that no token
        // of `other` crosses; `other` ends at a space unless it was cut.
        let clean_first =
            first == 0 || !bytes[first - 1].is_ascii_alphanumeric() && bytes[first - 1] < 0x80;
        let lo = toks.partition_point(|t| t.start < from);
        let hi_at = to.min(other.end);
        let hi = toks.partition_point(|t| t.start < hi_at);
        let clean_lo = from <= first || lo == 0 || toks[lo - 1].end <= from;
        let clean_hi = hi == 0 || toks[hi - 1].end <= hi_at;
        let clean_end =
            to <= other.end || other.end == bytes.len() || bytes[other.end].is_ascii_whitespace();
        if (from < first && !clean_first) || !clean_lo || !clean_hi || !clean_end {
            return false;
        }
        if from < first {
            tokenize(text, from, first, &mut self.toks);
        }
        // The lexicon lookups made in `other` are the same here.
        self.memo.resize(self.toks.len(), Cell::new(0));
        self.memo.extend(other.memo.get(lo..hi).unwrap_or_default().iter().cloned());
        self.toks.extend_from_slice(&toks[lo..hi]);
        self.memo.resize(self.toks.len(), Cell::new(0));
        if to > other.end {
            tokenize(text, other.end, to, &mut self.toks);
        }
        true
    }

    /// Reads the window back from `start`, before the tokens read (see
    /// [`start_before`]).
    fn read_back(&mut self, text: &str, start: usize) {
        if text.as_bytes()[self.start - 1].is_ascii_whitespace() {
            // The tokens before the window's start, then the window's.
            let read = self.toks.len();
            tokenize(text, start, self.start, &mut self.toks);
            let added = self.toks.len() - read;
            self.toks.rotate_right(added);
            self.memo.resize(self.toks.len(), Cell::new(0));
            self.memo.rotate_right(added);
        } else {
            // A cut at the start, which a token may cross: read it all again.
            let end = self.end;
            self.toks.clear();
            self.memo.clear();
            self.end = start;
            self.read(text, end);
        }
        self.start = start;
    }

    /// Reads the rest of the window; whether there was any.
    fn read_all(&mut self, text: &str) -> bool {
        let more = self.end < self.goal;
        self.read(text, self.goal);
        more
    }

    /// Makes the window cover `s - before .. e + after` (widened to spaces), and reads
    /// it up to a little past `e`, copying what `other` has read (see
    /// [`Window::read_sharing`]).
    fn cover(
        &mut self,
        text: &str,
        s: usize,
        e: usize,
        (before, after): (usize, usize),
        other: Option<&Window>,
    ) {
        let bytes = text.as_bytes();
        let want_start = start_before(bytes, s, before);
        let want_end = {
            let hi = (e + after).min(bytes.len());
            let stop = (hi + 64).min(bytes.len());
            bytes[hi..stop].iter().position(u8::is_ascii_whitespace).map_or(stop, |k| hi + k)
        };
        let want_end =
            (want_end..=bytes.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(bytes.len());
        if want_start >= self.goal {
            self.reset();
            self.end = want_start;
            self.goal = want_start;
            self.start = want_start;
        } else if self.toks.len() + (self.goal - self.end) > 4096 {
            // Forget tokens far behind (counting the unread ones: at most one a byte).
            self.read_all(text);
            if self.toks.len() > 4096 {
                let keep = self.toks.partition_point(|t| t.end <= want_start);
                self.toks.drain(..keep);
                self.memo.drain(..keep);
                self.start = want_start;
            }
        }
        if want_end > self.goal {
            self.goal = want_end;
            if want_end < bytes.len() && !bytes[want_end].is_ascii_whitespace() {
                self.read_sharing(text, self.goal, other);
            }
        }
        // A little past `e`, at a space.
        let near = (e + HEAD_REACH).min(self.goal);
        let near = bytes[near..self.goal]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(self.goal, |k| near + k);
        self.read_sharing(text, near, other);
    }
}

/// Where a window reaching `before` bytes back from `s` starts: after a space, so that
/// no token is cut, else at `s`.
fn start_before(bytes: &[u8], s: usize, before: usize) -> usize {
    let lo = s.saturating_sub(before);
    if lo == 0 || bytes[lo - 1].is_ascii_whitespace() {
        lo
    } else {
        bytes[lo..s].iter().position(u8::is_ascii_whitespace).map_or(s, |k| lo + k + 1)
    }
}

/// Bytes read after a trigger or expression before the grammar asks for more.
const HEAD_REACH: usize = 8;

/// How far around "a year ago" the text is searched for "quarter".
const QUARTER_REACH: usize = 400;

/// Whether the text near `at` talks about quarters (then "a year ago" is the quarter a
/// year before, as in earnings reports).
fn mentions_quarters(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let lo = at.saturating_sub(QUARTER_REACH);
    let hi = (at + QUARTER_REACH).min(bytes.len());
    let near = &bytes[lo..hi];
    memchr::memchr2_iter(b'q', b'Q', near)
        .any(|i| near.get(i..i + 7).is_some_and(|w| w.eq_ignore_ascii_case(b"quarter")))
}
