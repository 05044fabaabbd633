//! The grammar: from a trigger token, the temporal expression around it, as an
//! unresolved [`Expr`] (resolution against the publication date is in `resolve`).
//!
//! TimeML span conventions: determiners and modifiers ("the", "last", "early",
//! "about", "ago") belong to the expression; prepositions ("on", "in", "for") do not.

use core::cell::Cell;

use super::TimexKind;
use super::lexicon::{HolidayRule, Lexicon, PartWord, UnitWord, Word};
use super::scan::{Kind, Tok};
use super::value::{DateValue, Reference, Season, TimeOfDay, Unit};
use crate::ascii::{load8, low_bytes, lower8};

/// A calendar granularity of relative expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cal {
    Year,
    Quarter,
    Month,
    Week,
    Weekend,
    Day,
    Decade,
    Century,
}

/// Which year a quarter, half or season belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum YearRef {
    /// Written out ("the third quarter of 2024").
    Abs(i16),
    /// Relative to the publication year ("last year's third quarter").
    Rel(i32),
    /// The named period `n` instances away ("last fall" -1, "next summer" +1,
    /// "this summer" 0).
    Shift(i32),
    /// Chosen by tense: the latest one in past narration, the next one in future.
    Tense,
}

/// The day of a clock time or part of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ClockDay {
    /// Days from the publication date.
    Deictic(i32),
    /// A weekday, resolved by tense.
    Weekday(i8),
    /// A month and day, the year resolved by tense.
    MonthDay(i8, i8),
}

/// An expression before resolution.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Expr {
    /// Already a value: durations, sets, references, fully written dates.
    Fixed(TimexKind, DateValue),
    /// A month and day without a year ("March 11").
    MonthDay { month: i8, day: i8 },
    /// A month without a year, maybe shifted ("last March").
    Month { month: i8, shift: Option<i8> },
    /// A month of a year given relative to the publication year ("June last year").
    MonthOf { month: i8, year: YearRef },
    /// A weekday, maybe shifted ("Tuesday", "next Tuesday").
    Weekday { weekday: i8, shift: Option<i8> },
    /// A day offset from the publication date ("yesterday").
    Deictic(i32),
    /// The period `offset` units from the publication date's ("last year", "two weeks ago").
    Rel { cal: Cal, offset: i32 },
    /// A numbered quarter.
    Quarter { quarter: i8, year: YearRef },
    /// A numbered half year.
    Half { half: i8, year: YearRef },
    /// "the quarter": the latest completed quarter (the current one in future tense).
    LatestQuarter { year: YearRef },
    /// A season.
    Season { season: Season, year: YearRef },
    /// "a year ago", "year-earlier": the year before, or its quarter when the sentence
    /// talks about quarters.
    YearAgo,
    /// "(in) three weeks": a future date in future tense, else a duration.
    In { amount: u32, cal: Cal, unit: Unit },
    /// A clock time or part of day on a day ("8 p.m. Tuesday", "tonight").
    Clock { day: ClockDay, time: TimeOfDay },
    /// A holiday, maybe shifted ("Christmas", "last Thanksgiving").
    Holiday { rule: HolidayRule, shift: Option<i8> },
    /// The period `offset` units from the one last talked about ("that year", "the
    /// following month").
    Anaphor { cal: Cal, offset: i32 },
    /// The weekday before (`shift` -1) or after (+1) the day last talked about, else
    /// the publication date ("the previous Friday", "the following Monday").
    AnaphorWeekday { weekday: i8, shift: i8 },
}

/// A parsed expression: tokens `start..end` and what they say.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Parsed {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
    pub time: Option<TimeOfDay>,
}

/// A memo of lexicon lookups, one cell per token: 0 until looked up, 1 for no entry,
/// else the entry id + 2.
pub(crate) type Memo = Cell<u32>;

/// The grammar over the tokens of one block of text.
pub(crate) struct Parser<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub lex: &'a Lexicon,
    /// Lexicon entries of the tokens, looked up once.
    pub memo: &'a [Memo],
    /// Set when the grammar asks for a token past the last one: a longer window
    /// might have it.
    pub edge: &'a Cell<bool>,
}

/// Words before a capitalized month name that confirm it is a month ("in May").
const MONTH_LEADS: [&str; 14] = [
    "in", "since", "until", "by", "of", "from", "through", "during", "before", "after", "early",
    "late", "mid", "to",
];

/// Words before a frequency word that make it an adjective ("its quarterly dividend").
const ATTRIBUTIVE: [&str; 16] = [
    "the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "average", "first",
    "initial", "regular", "usual", "party",
];

/// Words after a frequency word that leave it an adverb ("weekly and monthly").
const FUNCTION_WORDS: [&str; 22] = [
    "and",
    "or",
    "but",
    "to",
    "from",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "since",
    "until",
    "through",
    "as",
    "than",
    "is",
    "are",
    "was",
    "were",
    "basis",
    "throughout",
];

/// How far back from a trigger an expression may start.
pub(crate) const MAX_BACK: usize = 6;

/// Words that join the expression after them when looking for where it may start
/// ("the", "most", "at least").
pub(crate) const LEFT_JOINERS: [u64; 14] = [
    key("the"),
    key("of"),
    key("right"),
    key("near"),
    key("most"),
    key("than"),
    key("least"),
    key("to"),
    key("other"),
    key("these"),
    key("at"),
    key("up"),
    key("less"),
    key("fewer"),
];

/// Whether a word before an expression joins it whatever its neighbours (see
/// [`Parser::leftmost`]); `k` is its [`key`], `word` its lexicon entry. "'s" and "and"
/// join only in context.
#[inline]
pub(crate) fn word_joins(k: u64, word: Option<&Word>) -> bool {
    LEFT_JOINERS.contains(&k)
        || word.is_some_and(|w| {
            w.number.is_some()
                || w.ordinal.is_some()
                || w.modifier != Default::default()
                || w.unit.is_some()
                || w.weekday.is_some()
                || w.month.is_some()
                || w.deictic.is_some()
                || w.reference == Some(Reference::Past)
                || w.holiday
        })
}

/// A lowercase ASCII word of at most eight bytes as one number: its bytes,
/// little-endian, zero-padded (the form of [`Parser::key`]).
pub(crate) const fn key(word: &str) -> u64 {
    let b = word.as_bytes();
    let mut k = 0;
    let mut i = 0;
    while i < b.len() && i < 8 {
        k |= (b[i] as u64) << (8 * i);
        i += 1;
    }
    k
}

fn dur(amount: Option<u32>, unit: Unit) -> Expr {
    Expr::Fixed(TimexKind::Duration, DateValue::Duration { amount, unit })
}

fn date(value: DateValue) -> Expr {
    Expr::Fixed(TimexKind::Date, value)
}

fn reference(r: Reference) -> Expr {
    date(DateValue::Reference(r))
}

/// A duration of `amount` unit words, in TIMEX3 units.
fn duration_of(amount: Option<u32>, unit: UnitWord) -> Expr {
    match unit {
        UnitWord::Plain(u) => dur(amount, u),
        UnitWord::Decade => dur(amount.map(|n| n.saturating_mul(10)), Unit::Year),
        UnitWord::Century => dur(amount.map(|n| n.saturating_mul(100)), Unit::Year),
        UnitWord::Weekend => dur(amount.map(|n| n.saturating_mul(2)), Unit::Day),
        UnitWord::Fortnight => dur(amount.map(|n| n.saturating_mul(2)), Unit::Week),
        UnitWord::Half => dur(amount.map(|n| n.saturating_mul(6)), Unit::Month),
        UnitWord::Period => dur(amount.map(|n| n.saturating_mul(3)), Unit::Month),
    }
}

/// A duration of a fractional amount of unit words ("2.5 years"), given in thousandths;
/// a whole amount after scaling ("1.5 decades" = 15 years) is a plain duration.
fn fractional_of(thousandths: u32, unit: UnitWord) -> Option<Expr> {
    let (t, u) = match unit {
        UnitWord::Plain(u) => (Some(thousandths), u),
        UnitWord::Decade => (thousandths.checked_mul(10), Unit::Year),
        UnitWord::Century => (thousandths.checked_mul(100), Unit::Year),
        UnitWord::Weekend => (thousandths.checked_mul(2), Unit::Day),
        UnitWord::Fortnight => (thousandths.checked_mul(2), Unit::Week),
        UnitWord::Half | UnitWord::Period => return None,
    };
    let t = t?;
    Some(if t % 1000 == 0 {
        dur(Some(t / 1000), u)
    } else {
        Expr::Fixed(TimexKind::Duration, DateValue::FractionalDuration { thousandths: t, unit: u })
    })
}

/// The calendar granularity of a unit word, for "ago" and "last/next".
fn cal_of(unit: UnitWord) -> Option<Cal> {
    Some(match unit {
        UnitWord::Plain(Unit::Year) => Cal::Year,
        UnitWord::Plain(Unit::Quarter) => Cal::Quarter,
        UnitWord::Plain(Unit::Month) => Cal::Month,
        UnitWord::Plain(Unit::Week) | UnitWord::Fortnight => Cal::Week,
        UnitWord::Plain(Unit::Day) => Cal::Day,
        UnitWord::Decade => Cal::Decade,
        UnitWord::Century => Cal::Century,
        UnitWord::Weekend => Cal::Weekend,
        UnitWord::Plain(_) | UnitWord::Half | UnitWord::Period => return None,
    })
}

impl<'a> Parser<'a> {
    /// Token `i`, if the window has that many.
    pub fn tok(&self, i: usize) -> Option<&'a Tok> {
        let t = self.toks.get(i);
        if t.is_none() {
            self.edge.set(true);
        }
        t
    }

    fn s(&self, i: usize) -> &'a str {
        self.tok(i).and_then(|t| self.text.get(t.start..t.end)).unwrap_or("")
    }

    /// The lexicon entry of token `i`, if it is a known word.
    pub fn word(&self, i: usize) -> Option<&'a Word> {
        let t = self.tok(i)?;
        let cell = self.memo.get(i)?;
        let code = match cell.get() {
            0 => {
                let id = if t.kind == Kind::Word {
                    self.lex.id_at(self.text.as_bytes(), t.start, t.end)
                } else {
                    None
                };
                let code = id.map_or(1, |id| id + 2);
                cell.set(code);
                code
            }
            code => code,
        };
        (code >= 2).then(|| self.lex.entry(code - 2))
    }

    /// The bytes of token `i` if it has the given kind.
    fn bytes_of(&self, i: usize, kind: Kind) -> Option<&'a [u8]> {
        let t = self.tok(i).filter(|t| t.kind == kind)?;
        self.text.as_bytes().get(t.start..t.end)
    }

    /// Token `i` as a [`key`]: a word of at most eight bytes, lowercased (ASCII); 0
    /// for a longer word, or a token that is not a word.
    fn key(&self, i: usize) -> u64 {
        match self.tok(i) {
            Some(t) if t.kind == Kind::Word && t.end - t.start <= 8 => {
                lower8(low_bytes(load8(self.text.as_bytes(), t.start), t.end - t.start))
            }
            _ => 0,
        }
    }

    fn is(&self, i: usize, lit: &str) -> bool {
        self.bytes_of(i, Kind::Word).is_some_and(|w| w.eq_ignore_ascii_case(lit.as_bytes()))
    }

    /// Whether token `i` is one of `words` (ASCII case-insensitively).
    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        self.bytes_of(i, Kind::Word)
            .is_some_and(|w| words.iter().any(|l| w.eq_ignore_ascii_case(l.as_bytes())))
    }

    fn punct(&self, i: usize, c: &str) -> bool {
        self.bytes_of(i, Kind::Punct) == Some(c.as_bytes())
    }

    fn apostrophe(&self, i: usize) -> bool {
        self.punct(i, "'") || self.punct(i, "\u{2019}")
    }

    /// Whether token `i` touches token `i - 1` (no space between).
    fn adj(&self, i: usize) -> bool {
        i > 0 && self.tok(i).is_some_and(|t| t.start == self.toks[i - 1].end)
    }

    /// A hyphen glued to both neighbours ("30-day").
    fn hyphen(&self, i: usize) -> bool {
        self.punct(i, "-") && self.adj(i) && self.adj(i + 1)
    }

    fn num(&self, i: usize) -> Option<u32> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num || t.end - t.start > 9 {
            return None;
        }
        // At most nine ASCII digits: no overflow.
        let digits = self.text.as_bytes().get(t.start..t.end)?;
        Some(digits.iter().fold(0, |n, &d| n * 10 + u32::from(d.wrapping_sub(b'0'))))
    }

    fn digits(&self, i: usize) -> usize {
        self.tok(i).filter(|t| t.kind == Kind::Num).map_or(0, |t| t.end - t.start)
    }

    /// Whether the digits at `i` continue a number after a glued separator: the "5"
    /// of "2.5", the "000" of "1,000". They are never a number of their own.
    fn number_tail(&self, i: usize) -> bool {
        i >= 2
            && self.digits(i) > 0
            && (self.punct(i - 1, ".") || self.punct(i - 1, ","))
            && self.adj(i - 1)
            && self.adj(i)
            && self.digits(i - 2) > 0
    }

    /// Whether tokens `i..i + 3` are a glued "1/2", "1/4" or "3/4".
    fn slash_fraction(&self, i: usize) -> bool {
        self.punct(i + 1, "/")
            && self.adj(i + 1)
            && self.adj(i + 2)
            && matches!((self.num(i), self.num(i + 2)), (Some(1), Some(2 | 4)) | (Some(3), Some(4)))
            && self.digits(i) == 1
            && self.digits(i + 2) == 1
    }

    /// A year in words at `i` ("nineteen ninety-six", "two thousand", "two thousand
    /// and one"): the token after it and the year.
    fn spoken_year(&self, i: usize) -> Option<(usize, i16)> {
        let (e, y) = self.spoken_number_year(i)?;
        // "two thousand years": an amount.
        self.word(e).is_none_or(|w| w.unit.is_none()).then_some((e, y))
    }

    /// [`Parser::spoken_year`] before looking at the word after it.
    fn spoken_number_year(&self, i: usize) -> Option<(usize, i16)> {
        if self.tok(i)?.kind != Kind::Word {
            return None;
        }
        if self.is(i, "two") && self.is(i + 1, "thousand") {
            let k = if self.is(i + 2, "and") { i + 3 } else { i + 2 };
            return Some(match self.amount(k) {
                Some((e, Some(n @ 1..100)))
                    if self.tok(k)?.kind == Kind::Word && !self.is_any(k, &["a", "an"]) =>
                {
                    (e, 2000 + n as i16)
                }
                _ => (i + 2, 2000),
            });
        }
        let century = match self.word(i)?.number? {
            Some(c @ (18 | 19)) if !self.is(i + 1, "thousand") => c as i16,
            _ => return None,
        };
        if self.tok(i + 1)?.kind != Kind::Word || self.is_any(i + 1, &["a", "an"]) {
            return None;
        }
        match self.amount(i + 1)? {
            (e, Some(n @ 10..100)) => Some((e, century * 100 + n as i16)),
            _ => None,
        }
    }

    /// Whether "and a half" starts at `i`.
    fn and_a_half(&self, i: usize) -> bool {
        self.is(i, "and") && self.is(i + 1, "a") && self.is(i + 2, "half")
    }

    /// A number with a fraction at `i` ("2.5", "0.75", "2 1/2", "two and a half"): the
    /// token after it and its value in thousandths. Not a version or a dotted date
    /// ("1.2.3", "11.3.2025").
    fn decimal(&self, i: usize) -> Option<(usize, u32)> {
        if self.number_tail(i) || self.digits(i) > 6 {
            return None;
        }
        if !self.punct(i + 1, ".") {
            let (k, n) = match self.num(i) {
                Some(n) => (i + 1, n),
                None if self.is(i, "a") || self.is(i, "an") => return None,
                None => match self.amount(i)? {
                    (k, Some(n)) => (k, n),
                    _ => return None,
                },
            };
            let whole = n.checked_mul(1000)?;
            if self.and_a_half(k) {
                return Some((k + 3, whole + 500));
            }
            if self.digits(i) > 0 && self.slash_fraction(k) && !self.adj(k) {
                let frac = 1000 * self.num(k)? / self.num(k + 2)?;
                return Some((k + 3, whole + frac));
            }
            return None;
        }
        let places = self.digits(i + 2);
        if !self.adj(i + 1) || !self.adj(i + 2) || !(1..=3).contains(&places) {
            return None;
        }
        if self.punct(i + 3, ".") && self.adj(i + 3) && self.digits(i + 4) > 0 {
            return None;
        }
        let frac = self.num(i + 2)? * [100, 10, 1][places - 1];
        Some((i + 3, self.num(i)?.checked_mul(1000)? + frac))
    }

    fn capitalized(&self, i: usize) -> bool {
        self.s(i).as_bytes().first().is_some_and(u8::is_ascii_uppercase)
    }

    /// The token after an optional adjacent period ("Mar." -> after the period).
    fn skip_period(&self, i: usize) -> usize {
        if self.punct(i, ".") && self.adj(i) { i + 1 } else { i }
    }

    /// An ordinal suffix glued to a number ("11th").
    fn ordinal_suffix(&self, i: usize) -> bool {
        self.adj(i) && self.is_any(i, &["st", "nd", "rd", "th"])
    }

    /// Earliest token where an expression containing token `head` may start.
    pub fn leftmost(&self, head: usize) -> usize {
        let mut i = head;
        while i > 0 && head - i < MAX_BACK {
            let p = i - 1;
            let joins = match self.tok(p).map(|t| t.kind) {
                Some(Kind::Num) => true,
                Some(Kind::Punct) => {
                    self.hyphen(p)
                        || self.apostrophe(p)
                        || self.punct(p, ",")
                        || self.number_tail(p + 1)
                        || self.slash_fraction(p.saturating_sub(1))
                }
                Some(Kind::Word) => {
                    let k = self.key(p);
                    (k == key("s") && p > 0 && self.apostrophe(p - 1))
                        // "two and a half years"
                        || (k == key("and") && self.and_a_half(p))
                        || word_joins(k, self.word(p))
                }
                None => false,
            };
            if !joins {
                break;
            }
            i = p;
        }
        i
    }

    /// The longest expression starting at the earliest token from `from` that covers
    /// token `head`.
    pub fn parse_covering(&self, from: usize, head: usize) -> Option<Parsed> {
        (from..=head).find_map(|i| self.parse(i).filter(|p| p.end > head && p.start <= head))
    }

    /// An expression starting exactly at token `i`.
    pub fn parse(&self, i: usize) -> Option<Parsed> {
        if let Some(j) = self.approx(i) {
            let p = self.core(j)?;
            let ago = matches!(p.expr, Expr::Rel { .. } | Expr::YearAgo)
                && (self.is(p.end - 1, "ago") || self.is(p.end - 1, "earlier"));
            let quantity =
                ago || matches!(p.expr, Expr::Fixed(TimexKind::Duration, _) | Expr::In { .. });
            return quantity.then_some(Parsed { start: i, ..p });
        }
        self.core(i)
    }

    /// The token after an approximator at `i` ("about", "more than"), if any.
    fn approx(&self, i: usize) -> Option<usize> {
        // "over the past 20 years": a preposition.
        if self.is(i, "over") && self.is(i + 1, "the") {
            return None;
        }
        if self.word(i).is_some_and(|w| w.modifier.approx) {
            return Some(i + 1);
        }
        // A pair starts with a word of a pair's first word's length; the token after it
        // is read all the same, as the grammar's reach is the same then.
        let first = self.bytes_of(i, Kind::Word).unwrap_or_default();
        if !self.lex.may_start_approx_pair(first.len()) {
            self.tok(i + 1);
            return None;
        }
        self.lex.is_approx_pair(self.s(i), self.s(i + 1)).then_some(i + 2)
    }

    fn core(&self, i: usize) -> Option<Parsed> {
        let the = self.is(i, "the");
        let j = if the { i + 1 } else { i };
        let (end, expr, the_ok) = self.body(j, the)?;
        if the && !the_ok {
            return None;
        }
        let (end, time) = self.time_trailer(end, &expr);
        Some(Parsed { start: i, end, expr, time })
    }

    /// A part of day or clock time after a day-level expression ("Tuesday morning",
    /// "yesterday at 8 p.m.").
    fn time_trailer(&self, end: usize, expr: &Expr) -> (usize, Option<TimeOfDay>) {
        let day_level = matches!(
            expr,
            Expr::Weekday { .. }
                | Expr::Deictic(_)
                | Expr::MonthDay { .. }
                | Expr::Fixed(TimexKind::Date, DateValue::Day { day: Some(_), .. })
        );
        if !day_level {
            return (end, None);
        }
        if let Some(PartWord::Part(p)) = self.word(end).and_then(|w| w.part) {
            return (end + 1, Some(TimeOfDay::Part(p)));
        }
        if self.is(end, "at") {
            if let Some((e, t)) = self.clock(end + 1) {
                return (e, Some(t));
            }
        }
        (end, None)
    }

    /// A clock time at `i`: "8 p.m.", "8:30", "20:00 GMT", "noon".
    fn clock(&self, i: usize) -> Option<(usize, TimeOfDay)> {
        if let Some(PartWord::Clock(h, m)) = self.word(i).and_then(|w| w.part) {
            return Some((i + 1, TimeOfDay::Clock { hour: h, minute: m }));
        }
        let hour = self.num(i).filter(|_| self.digits(i) <= 2)?;
        let mut j = i + 1;
        let mut minute = 0;
        let mut colon = false;
        if (self.punct(j, ":") || self.punct(j, ".")) && self.adj(j) && self.digits(j + 1) == 2 {
            minute = self.num(j + 1)?;
            colon = self.punct(j, ":");
            j += 2;
        }
        let (e, pm) = match self.meridiem(j) {
            Some((e, pm)) => (e, Some(pm)),
            None if colon => (j, None),
            None => return None,
        };
        let hour = match pm {
            Some(_) if !(1..=12).contains(&hour) => return None,
            Some(true) if hour < 12 => hour + 12,
            Some(false) if hour == 12 => 0,
            _ => hour,
        };
        if hour > 24 || minute > 59 {
            return None;
        }
        let e = if self.word(e).is_some_and(|w| w.zone)
            && self.s(e).bytes().all(|b| b.is_ascii_uppercase())
        {
            e + 1
        } else {
            e
        };
        Some((e, TimeOfDay::Clock { hour: hour as i8, minute: minute as i8 }))
    }

    /// "a.m." / "pm" / "P.M." at `i`: the token after it and whether it is p.m.
    fn meridiem(&self, i: usize) -> Option<(usize, bool)> {
        let s = self.s(i);
        let pm = if s.eq_ignore_ascii_case("pm") || s.eq_ignore_ascii_case("p") {
            true
        } else if s.eq_ignore_ascii_case("am") || s.eq_ignore_ascii_case("a") {
            false
        } else {
            return None;
        };
        if s.len() == 2 {
            return Some((self.skip_period(i + 1), pm));
        }
        // "p.m." / "p.m"
        if self.punct(i + 1, ".") && self.adj(i + 1) && self.is(i + 2, "m") && self.adj(i + 2) {
            return Some((self.skip_period(i + 3), pm));
        }
        None
    }

    /// The amount at `i` ("two", "30", "a few", "twenty-five", "a couple of") and the
    /// token after it; `None` inside for a vague amount.
    fn amount(&self, i: usize) -> Option<(usize, Option<u32>)> {
        if let Some(n) = self.num(i) {
            if self.number_tail(i) || (self.number_tail(i + 2) && self.punct(i + 1, ".")) {
                return None; // part of a decimal ("2.5")
            }
            // "1,000": groups of three digits.
            let mut n = n;
            let mut k = i + 1;
            while self.number_tail(k + 1) && self.punct(k, ",") {
                if self.digits(k + 1) != 3 {
                    return None;
                }
                n = n.checked_mul(1000)?.checked_add(self.num(k + 1)?)?;
                k += 2;
            }
            return Some((k, Some(n)));
        }
        let w = self.word(i)?;
        let n = w.number?;
        if self.is(i, "a") || self.is(i, "an") {
            // "a few", "a couple of", "a dozen"
            if let Some(inner) = self.word(i + 1).and_then(|w| w.number) {
                if !self.is(i + 1, "a") && !self.is(i + 1, "an") {
                    let j = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
                    return Some((j, inner));
                }
            }
            return Some((i + 1, Some(1)));
        }
        if self.is(i, "couple") {
            return Some((if self.is(i + 1, "of") { i + 2 } else { i + 1 }, Some(2)));
        }
        // "twenty-five", "twenty five"
        if let (Some(tens), true) = (n, n.is_some_and(|n| n >= 20 && n % 10 == 0 && n < 100)) {
            let k = if self.hyphen(i + 1) { i + 2 } else { i + 1 };
            if let Some(Some(units)) = self.word(k).and_then(|w| w.number) {
                if units < 10 && !self.is(k, "a") && !self.is(k, "an") {
                    return Some((k + 1, Some(tens + units)));
                }
            }
        }
        // "two hundred", "three thousand"
        if let (Some(n @ 1..100), true) = (n, self.is_any(i + 1, &["hundred", "thousand"])) {
            let scale = if self.is(i + 1, "hundred") { 100 } else { 1000 };
            return Some((i + 2, Some(n * scale)));
        }
        Some((i + 1, n))
    }

    /// An amount and a unit: "two weeks", "30-day", "a few years", "hour-long".
    /// Returns the token after, the amount, the unit and whether it was hyphenated.
    fn quantity(&self, i: usize) -> Option<(usize, Option<u32>, UnitWord, bool)> {
        let (j, amount) = self.amount(i)?;
        let hyphen = self.hyphen(j);
        let k = if hyphen { j + 1 } else { j };
        // "at least 20 more years", "eight trading days"
        let filler = !hyphen && self.word(k).is_some_and(|w| w.modifier.filler);
        let k =
            if filler && self.word(k + 1).is_some_and(|w| w.unit.is_some()) { k + 1 } else { k };
        let w = self.word(k)?;
        let unit = w.unit.filter(|&u| u != UnitWord::Half && u != UnitWord::Period)?;
        if self.is(k, "second") && !w.plural && amount != Some(1) {
            return None;
        }
        if hyphen && self.hyphen(k + 1) && self.is(k + 2, "old") {
            return None; // an age: "30-year-old"
        }
        if self.hyphen(k + 1) {
            // "hour-long" is the adjective; "an" before it is not part of it. Other
            // compounds ("a year-earlier") are not quantities.
            let long = self.is(k + 2, "long") && (hyphen || self.num(i).is_some());
            return long.then_some((k + 3, amount, unit, true));
        }
        // "a quarter of the vote", "three-quarters": fractions, not periods.
        let fraction =
            amount.is_some_and(|n| n <= 3) && (self.is(k + 1, "of") || (hyphen && w.plural));
        if unit == UnitWord::Plain(Unit::Quarter) && fraction {
            return None;
        }
        // "a second": an ordinal. "one second" is a duration.
        if self.is(k, "second") && (self.is(i, "a") || self.is(i, "an")) {
            return None;
        }
        Some((k + 1, amount, unit, hyphen))
    }

    /// The expression body at `j` (after an optional "the"): end, expression and
    /// whether a preceding "the" belongs to it.
    fn body(&self, j: usize, the: bool) -> Option<(usize, Expr, bool)> {
        let w = self.word(j);
        // Token `j` as a word (empty otherwise), read once for the literal checks.
        let k = self.key(j);
        if k == key("these") && self.is(j + 1, "days") {
            return Some((j + 2, reference(Reference::Present), false));
        }
        if k == key("full") && self.is(j + 1, "year") && j > 0 && self.is(j - 1, "the") {
            return Some((j + 2, Expr::Rel { cal: Cal::Year, offset: 0 }, true));
        }
        if k == key("right") && self.is(j + 1, "now") {
            return Some((j + 2, reference(Reference::Present), false));
        }
        if k == key("near") || k == key("distant") || self.is(j, "foreseeable") {
            return self.is(j + 1, "future").then_some((j + 2, reference(Reference::Future), true));
        }
        if k == key("q") || k == key("h") {
            return self.quarter_code(j);
        }
        if let Some(w) = w {
            if w.modifier.fiscal {
                return self.fiscal(j + 1);
            }
            if w.modifier.point {
                return self.pointed(j);
            }
            if let Some(shift) = w.modifier.shift {
                if let Some(r) = self.shifted(j + 1, shift, the, self.is(j, "past")) {
                    return Some(r);
                }
            }
            if w.modifier.every {
                return self.every(j + 1).map(|(e, x)| (e, x, false));
            }
            if let Some(offset) = w.modifier.anaphor {
                return self.anaphor(j, offset, the);
            }
        }
        if !self.plain_word(j, w, k) {
            if let Some(r) = self.numeric(j) {
                return Some(r);
            }
            if let Some((e, y)) = self.spoken_year(j) {
                return Some((e, date(DateValue::Year(Some(y))), false));
            }
            if let Some(r) = self.ordinal_period(j) {
                return Some(r);
            }
        }
        if let Some(r) = self.quantity_phrase(j) {
            return Some(r);
        }
        let w = w?;
        if w.holiday {
            if let Some((e, rule)) = self.holiday(j) {
                return Some((e, Expr::Holiday { rule, shift: None }, false));
            }
        }
        if w.month.is_some() {
            return self.month(j).map(|(e, x)| (e, x, false));
        }
        if let Some(d) = w.weekday {
            return self.weekday(j, d, None);
        }
        if let Some((off, part)) = w.deictic {
            if self.is(j, "today") && self.apostrophe(j + 1) && self.is(j + 2, "s") {
                return None; // "today's world": the present at large
            }
            let expr = match part {
                Some(p) => {
                    Expr::Clock { day: ClockDay::Deictic(i32::from(off)), time: TimeOfDay::Part(p) }
                }
                None => Expr::Deictic(i32::from(off)),
            };
            return Some((j + 1, expr, false));
        }
        if let Some(PartWord::Clock(..)) = w.part {
            return self.clock_phrase(j);
        }
        if let (Some(PartWord::Part(p)), Some((off, None))) =
            (w.part, self.word(j + 1).and_then(|w| w.deictic))
        {
            let day = ClockDay::Deictic(i32::from(off));
            return Some((j + 2, Expr::Clock { day, time: TimeOfDay::Part(p) }, false));
        }
        if let Some((season, bare)) = w.season {
            return self.season(j, season, bare || the, None);
        }
        if let Some(set) = w.set {
            // "The Daily Telegraph", "the Daily Mail": a name.
            let name =
                self.capitalized(j) && j > 0 && (self.is(j - 1, "the") || self.capitalized(j + 1));
            let ok = !name && (!w.set_adverb || self.adverbial(j));
            return ok.then_some((j + 1, Expr::Fixed(TimexKind::Set, set), false));
        }
        if let Some(unit) = w.unit {
            return self.unit_phrase(j, unit, the);
        }
        if let Some(r) = w.reference {
            return self.reference_word(j, r, the);
        }
        None
    }

    /// Whether token `j` (entry `w`, key `k`) is a word that is no number or ordinal
    /// and not "last": no numeric, spoken year or ordinal rule starts at it, and they
    /// would look at no other token to find that out.
    fn plain_word(&self, j: usize, w: Option<&Word>, k: u64) -> bool {
        self.tok(j).is_some_and(|t| t.kind == Kind::Word)
            && w.is_none_or(|w| w.number.is_none() && w.ordinal.is_none())
            && k != key("last")
    }

    fn fiscal(&self, j: usize) -> Option<(usize, Expr, bool)> {
        // "fiscal 2026", "fiscal year 2026", "FY2026", "FY26", "fiscal third quarter"
        let k = if self.is(j, "year") && self.num(j + 1).is_some() { j + 1 } else { j };
        if let Some(y) = self.num(k) {
            let y = match self.digits(k) {
                4 => y as i16,
                2 => 2000 + y as i16,
                _ => return None,
            };
            return Some((k + 1, date(DateValue::Year(Some(y))), true));
        }
        if self.is(j, "year") {
            // "the fiscal year (ended Sept. 30)": a year-long period
            return Some((j + 1, dur(Some(1), Unit::Year), true));
        }
        let k = if self.hyphen(j) { j + 1 } else { j };
        self.ordinal_period(k)
    }

    /// "early", "late", "mid", "the end of" + an expression: the span grows, the value
    /// is the period's.
    fn pointed(&self, j: usize) -> Option<(usize, Expr, bool)> {
        let mut k = j + 1;
        if self.hyphen(k) {
            k += 1;
        }
        let of = self.is(k, "of");
        if of {
            k += 1;
        }
        let the = self.is(k, "the");
        if the {
            // "the end of the month", "the early 1990s"
            if let Some(u) = self.word(k + 1).and_then(|w| w.unit).and_then(cal_of) {
                if !self.word(k + 1).is_some_and(|w| w.plural) {
                    return Some((k + 2, Expr::Rel { cal: u, offset: 0 }, true));
                }
            }
        }
        let start = if the { k + 1 } else { k };
        let (end, expr, _) = self.body(start, the)?;
        let ok = !matches!(
            expr,
            Expr::Fixed(TimexKind::Duration | TimexKind::Set, _)
                | Expr::Fixed(_, DateValue::Reference(_))
                | Expr::In { .. }
        );
        let point_only = self.is_any(j, &["end", "beginning", "start", "middle"]);
        (ok && (of || !point_only)).then_some((end, expr, true))
    }

    /// After "last", "next", "this", "past", "coming"...: a unit, a name or a quantity.
    fn shifted(&self, j: usize, shift: i8, the: bool, past: bool) -> Option<(usize, Expr, bool)> {
        let mut j = j;
        let mut shift = shift;
        let mut past = past;
        // "this past spring", "this coming week"
        if let Some(s) = self.word(j).and_then(|w| w.modifier.shift).filter(|&s| s != 0) {
            shift = s;
            past = self.is(j, "past");
            j += 1;
        }
        if self.word(j).is_some_and(|w| w.modifier.fiscal) {
            j += 1;
        }
        if let Some((e, amount, unit, false)) = self.quantity(j) {
            if !self.is(j, "a") && !self.is(j, "an") {
                // "the past several quarters": the past at large; "the next few days"
                // and "the past two years" are durations.
                let e = self.or_so(e);
                if amount.is_none() && shift < 0 {
                    return Some((e, reference(Reference::Past), true));
                }
                return Some((e, duration_of(amount, unit), true));
            }
        }
        let w = self.word(j)?;
        if w.holiday {
            if let Some((e, rule)) = self.holiday(j) {
                return Some((e, Expr::Holiday { rule, shift: Some(shift) }, false))
                    .filter(|_| !the);
            }
        }
        if self.is(j, "period") && shift < 0 {
            return Some((j + 1, Expr::LatestQuarter { year: YearRef::Tense }, true));
        }
        if let Some(unit) = w.unit {
            if w.plural {
                // "past years": the past at large; "the coming weeks": a vague duration.
                return match shift {
                    s if s < 0 => Some((j + 1, reference(Reference::Past), true)),
                    0 => None,
                    _ => Some((j + 1, duration_of(None, unit), true)),
                };
            }
            let cal = cal_of(unit);
            return match (cal, unit) {
                // "the next day", "the previous day": from the day last talked about.
                (Some(Cal::Day), _) if the && shift != 0 => {
                    Some((j + 1, Expr::Anaphor { cal: Cal::Day, offset: i32::from(shift) }, true))
                }
                (Some(Cal::Day), _) => None,
                (Some(Cal::Decade | Cal::Century), _) if past => {
                    Some((j + 1, duration_of(Some(1), unit), true))
                }
                (Some(cal), _) if self.is(j + 1, "or") && self.is(j + 2, "so") => {
                    Some((j + 3, Expr::Rel { cal, offset: i32::from(shift) }, true))
                }
                (Some(cal), _) => {
                    let e = Expr::Rel { cal, offset: i32::from(shift) };
                    Some(self.possessive_quarter(j + 1, e, shift))
                }
                (None, UnitWord::Plain(u)) if shift != 0 => Some((j + 1, dur(Some(1), u), true)),
                _ => None,
            };
        }
        if let Some(PartWord::Part(_)) = w.part {
            // "this morning", "last night"
            let off = if shift < 0 && self.is(j, "night") {
                -1
            } else if shift == 0 {
                0
            } else {
                return None;
            };
            return Some((j, Expr::Deictic(off), false)).filter(|_| !the);
        }
        if let Some(d) = w.weekday {
            if the && shift != 0 && self.s(j).len() > 4 {
                // "the previous Friday": the one before the day last talked about.
                return Some((j + 1, Expr::AnaphorWeekday { weekday: d, shift }, true));
            }
            return self.weekday(j, d, Some(shift)).filter(|_| !the);
        }
        if let Some(m) = w.month {
            let abbrev = self.s(j).len() < month_len(m);
            if (w.month_cap || abbrev) && !self.capitalized(j) {
                return None; // "this may allow"
            }
            let e = if abbrev { self.skip_period(j + 1) } else { j + 1 };
            if self.num(e).is_some_and(|d| self.digits(e) <= 2 && (1..=31).contains(&d)) {
                // "last Oct. 23": the month and day alone, the year by tense ("last"
                // marks the past).
                return None;
            }
            return Some((e, Expr::Month { month: m, shift: Some(shift) }, false)).filter(|_| !the);
        }
        if let Some((season, _)) = w.season {
            return self.season(j, season, true, Some(shift));
        }
        None
    }

    /// "that year", "that same day", "the following month", "the same week": the
    /// period last talked about or one after it.
    fn anaphor(&self, j: usize, offset: i8, the: bool) -> Option<(usize, Expr, bool)> {
        // "that" stands without "the"; "following" and "same" need it.
        let that = self.is(j, "that");
        if that == the {
            return None;
        }
        let k = if that && self.is(j + 1, "same") { j + 2 } else { j + 1 };
        let w = self.word(k)?;
        if let Some(weekday) = w.weekday.filter(|_| offset != 0 && self.s(k).len() > 4) {
            // "the following Monday"
            return Some((k + 1, Expr::AnaphorWeekday { weekday, shift: offset }, true));
        }
        if w.plural {
            return None;
        }
        let cal = w.unit.filter(|&u| u != UnitWord::Fortnight).and_then(cal_of)?;
        if matches!(cal, Cal::Decade | Cal::Century | Cal::Quarter | Cal::Weekend) {
            return None;
        }
        // "the same month last year", "the same month a year earlier"
        let year_back = if self.is(k + 1, "last") && self.is(k + 2, "year") {
            Some(k + 3)
        } else if self.is(k + 1, "a")
            && self.is(k + 2, "year")
            && self.is_any(k + 3, &["ago", "earlier", "before"])
        {
            Some(k + 4)
        } else {
            None
        };
        if let (Some(e), Cal::Month) = (year_back, cal) {
            return Some((e, Expr::Anaphor { cal, offset: i32::from(offset) - 12 }, true));
        }
        Some((k + 1, Expr::Anaphor { cal, offset: i32::from(offset) }, true))
    }

    /// "this year's third quarter", "last year's quarter".
    fn possessive_quarter(&self, end: usize, expr: Expr, shift: i8) -> (usize, Expr, bool) {
        if let Expr::Rel { cal: Cal::Year, .. } = expr {
            if self.apostrophe(end) && self.is(end + 1, "s") {
                let year = YearRef::Rel(i32::from(shift));
                if self.is(end + 2, "quarter") {
                    return (end + 3, Expr::LatestQuarter { year }, true);
                }
                if let Some((e, Expr::Quarter { quarter, .. }, _)) = self.ordinal_period(end + 2) {
                    return (e, Expr::Quarter { quarter, year }, true);
                }
            }
        }
        (end, expr, true)
    }

    /// After "every"/"each": "every year", "each Monday", "every two weeks", "each July".
    fn every(&self, j: usize) -> Option<(usize, Expr)> {
        let set = |v| Expr::Fixed(TimexKind::Set, v);
        let w = self.word(j);
        if let Some(d) = w.and_then(|w| w.weekday) {
            let part = match self.word(j + 1).and_then(|w| w.part) {
                Some(PartWord::Part(p)) => Some(p),
                _ => None,
            };
            let end = if part.is_some() { j + 2 } else { j + 1 };
            return Some((end, set(DateValue::EveryWeekday { weekday: d, part })));
        }
        if let Some(m) = w.and_then(|w| w.month).filter(|_| self.capitalized(j)) {
            return Some((j + 1, set(DateValue::EveryMonth(m))));
        }
        let (k, amount) = if self.is(j, "other") {
            (j + 1, 2)
        } else {
            match self.amount(j) {
                Some((k, Some(n))) if !self.is(j, "a") => (k, n),
                _ => (j, 1),
            }
        };
        let unit = match self.word(k).and_then(|w| w.unit)? {
            UnitWord::Plain(u) => (amount, u),
            UnitWord::Decade => (amount * 10, Unit::Year),
            UnitWord::Century => (amount * 100, Unit::Year),
            UnitWord::Fortnight => (amount * 2, Unit::Week),
            UnitWord::Weekend => (amount, Unit::Week),
            UnitWord::Half => (amount * 6, Unit::Month),
            UnitWord::Period => (amount * 3, Unit::Month),
        };
        Some((k + 1, set(DateValue::Every { amount: unit.0, unit: unit.1 })))
    }

    /// Expressions that start with digits.
    fn numeric(&self, j: usize) -> Option<(usize, Expr, bool)> {
        let n = self.num(j)?;
        if self.number_tail(j) {
            return None; // the "11" of "2.11"
        }
        let digits = self.digits(j);
        let prev_money = j > 0 && ["$", "€", "£", "#"].iter().any(|c| self.punct(j - 1, c));
        if prev_money || (self.adj(j) && self.tok(j - 1).is_some_and(|t| t.kind != Kind::Punct)) {
            return None;
        }
        if digits == 4 {
            let y = n as i16;
            if !(1000..=2199).contains(&n) {
                return None;
            }
            // "1990s"
            if self.is(j + 1, "s") && self.adj(j + 1) {
                return Some((j + 2, date(DateValue::Decade(y / 10)), true));
            }
            // "2025-03-11"
            if self.hyphen(j + 1)
                && self.digits(j + 2) == 2
                && self.hyphen(j + 3)
                && self.digits(j + 4) == 2
            {
                let m = self.num(j + 2)? as i8;
                let d = self.num(j + 4)? as i8;
                return valid(y, m, d).then(|| (j + 5, full(y, m, d), false));
            }
            // "the 1988 third quarter", "the 1988 quarter"
            if self.is(j + 1, "quarter") || self.is(j + 1, "period") {
                return Some((j + 2, Expr::LatestQuarter { year: YearRef::Abs(y) }, true));
            }
            if let Some((e, Expr::Quarter { quarter, .. }, _)) = self.ordinal_period(j + 1) {
                return Some((e, Expr::Quarter { quarter, year: YearRef::Abs(y) }, true));
            }
            if self.year_ok(j) {
                return Some((j + 1, date(DateValue::Year(Some(y))), false));
            }
            return None;
        }
        if digits <= 2 {
            // Clock times.
            if let Some((e, t)) = self.clock(j) {
                return self.clock_day(e, t);
            }
            // "3/11/2025", "3/11"
            if self.punct(j + 1, "/") && self.adj(j + 1) && self.adj(j + 2) {
                return self.slashed(j, n);
            }
            // "11 March 2025", "11th of March"
            let mut k = j + 1;
            if self.ordinal_suffix(k) {
                k += 1;
                if self.is(k, "of") {
                    k += 1;
                }
            }
            if let Some(m) = self.word(k).and_then(|w| w.month) {
                let k =
                    if self.s(k).len() < month_len(m) { self.skip_period(k + 1) } else { k + 1 };
                if !(1..=31).contains(&n) || (self.digits(k) != 4 && !self.capitalized(k - 1)) {
                    return None;
                }
                let d = n as i8;
                if self.digits(k) == 4 {
                    let y = self.num(k)? as i16;
                    return valid(y, m, d).then(|| (k + 1, full(y, m, d), false));
                }
                return Some((k, Expr::MonthDay { month: m, day: d }, false));
            }
        }
        None
    }

    /// Whether a four-digit number at `j` reads as a year ("in 2025", "2025 was"), not a
    /// count ("2000 troops").
    fn year_ok(&self, j: usize) -> bool {
        if self.punct(j + 1, "%") || (self.punct(j + 1, ",") && self.digits(j + 2) == 3) {
            return false;
        }
        if self.tok(j + 1).is_some_and(|t| t.kind == Kind::Num) {
            return false;
        }
        // "2082.1": an index level, not a year.
        if self.punct(j + 1, ".") && self.adj(j + 1) && self.digits(j + 2) > 0 && self.adj(j + 2) {
            return false;
        }
        // After a determiner or prefix it is a year used as an adjective ("the 1992
        // protests", "post-1959").
        let attributive = j > 0
            && (self.is_any(j - 1, &ATTRIBUTIVE)
                || self.hyphen(j - 1)
                || (j > 1 && self.apostrophe(j - 2) && self.is(j - 1, "s")));
        if attributive {
            return true;
        }
        // A following plural noun makes it a count ("2000 troops", "1500 people").
        if let Some(t) = self.tok(j + 1).filter(|t| t.kind == Kind::Word) {
            let s = self.s(j + 1);
            let lower = s.as_bytes().first().is_some_and(u8::is_ascii_lowercase);
            let known = self.word(j + 1).is_some();
            if lower && !known && t.end - t.start > 3 && s.ends_with('s') && !s.ends_with("ss") {
                return false;
            }
        }
        true
    }

    /// A clock time followed by an optional day: "8 p.m. Tuesday", "noon today".
    fn clock_day(&self, e: usize, t: TimeOfDay) -> Option<(usize, Expr, bool)> {
        let w = self.word(e);
        let (end, day) = if let Some(d) = w.and_then(|w| w.weekday).filter(|_| self.capitalized(e))
        {
            (e + 1, ClockDay::Weekday(d))
        } else if let Some((off, None)) = w.and_then(|w| w.deictic) {
            (e + 1, ClockDay::Deictic(i32::from(off)))
        } else if let Some((end, Expr::MonthDay { month, day })) =
            self.month(if self.punct(e, ",") { e + 1 } else { e })
        {
            (end, ClockDay::MonthDay(month, day))
        } else if let Some(d) = self
            .zone_aside(e)
            .and_then(|k| self.word(k).and_then(|w| w.weekday).filter(|_| self.capitalized(k)))
        {
            // "10:35 a.m. (0735 GMT) Friday": the day is Friday's; the aside and the
            // day stay outside the span.
            (e, ClockDay::Weekday(d))
        } else {
            (e, ClockDay::Deictic(0))
        };
        Some((end, Expr::Clock { day, time: t }, false))
    }

    /// The token after a clock time in another zone in parentheses at `e` ("(0735
    /// GMT)", "(14:00 GMT)"), if there is one.
    fn zone_aside(&self, e: usize) -> Option<usize> {
        if !self.punct(e, "(") {
            return None;
        }
        let k = match self.digits(e + 1) {
            4 => e + 2,
            1 | 2 => self.clock(e + 1)?.0,
            _ => return None,
        };
        let k = if self.word(k).is_some_and(|w| w.zone) { k + 1 } else { k };
        self.punct(k, ")").then_some(k + 1)
    }

    /// "noon", "midnight Friday".
    fn clock_phrase(&self, j: usize) -> Option<(usize, Expr, bool)> {
        let (e, t) = self.clock(j)?;
        self.clock_day(e, t)
    }

    /// "3/11/2025", "3/11/25", "3/11" (month first).
    fn slashed(&self, j: usize, m: u32) -> Option<(usize, Expr, bool)> {
        let d = self.num(j + 2).filter(|_| self.digits(j + 2) <= 2)?;
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        let (m, d) = (m as i8, d as i8);
        if self.punct(j + 3, "/") && self.adj(j + 3) && self.adj(j + 4) {
            let y = self.num(j + 4)?;
            let y = match self.digits(j + 4) {
                4 => y as i16,
                2 if y < 50 => 2000 + y as i16,
                2 => 1900 + y as i16,
                _ => return None,
            };
            return valid(y, m, d).then(|| (j + 5, full(y, m, d), false));
        }
        // A bare "3/11" is often a fraction or a score: only after a day name or "on".
        let on = j > 0
            && (self.is(j - 1, "on") || self.word(j - 1).is_some_and(|w| w.weekday.is_some()));
        on.then_some((j + 3, Expr::MonthDay { month: m, day: d }, false))
    }

    /// "third quarter", "third-quarter", "the first half of 2025", "Q3 2025",
    /// "the first nine months", "20th century".
    fn ordinal_period(&self, j: usize) -> Option<(usize, Expr, bool)> {
        let (k, n) = if let Some(n) = self.word(j).and_then(|w| w.ordinal) {
            (j + 1, n)
        } else if self.digits(j) > 0
            && self.digits(j) <= 2
            && self.ordinal_suffix(j + 1)
            && !self.number_tail(j)
        {
            (j + 2, self.num(j)?)
        } else if self.is(j, "last") && self.is(j + 1, "half") {
            (j + 1, 2)
        } else {
            return None;
        };
        let k = if self.hyphen(k) { k + 1 } else { k };
        if self.is(k, "quarter") && (1..=4).contains(&n) {
            let (e, year) = self.of_year(k + 1);
            return Some((e, Expr::Quarter { quarter: n as i8, year }, true));
        }
        if self.is(k, "half") && (1..=2).contains(&n) {
            let (e, year) = self.of_year(k + 1);
            return Some((e, Expr::Half { half: n as i8, year }, true));
        }
        if self.is(k, "century") && (1..=30).contains(&n) {
            return Some((k + 1, date(DateValue::Century(n as i16 - 1)), true));
        }
        // "the first of March"
        if self.is(k, "of") && (1..=31).contains(&n) && self.capitalized(k + 1) {
            if let Some(m) = self.word(k + 1).and_then(|w| w.month) {
                let e = if self.s(k + 1).len() < month_len(m) {
                    self.skip_period(k + 2)
                } else {
                    k + 2
                };
                return Some((e, Expr::MonthDay { month: m, day: n as i8 }, true));
            }
        }
        // "the first nine months"
        if let Some((e, amount, unit, false)) = self.quantity(k) {
            return Some((e, duration_of(amount, unit), true));
        }
        None
    }

    /// An optional year after a period name: "of 2025", "2025", "of last year".
    fn of_year(&self, k: usize) -> (usize, YearRef) {
        let j = if self.is(k, "of") || self.punct(k, ",") { k + 1 } else { k };
        if self.digits(j) == 4 {
            if let Some(y) = self.num(j).filter(|y| (1000..=2199).contains(y)) {
                return (j + 1, YearRef::Abs(y as i16));
            }
        }
        if self.is(k, "of") {
            if let (Some(s), true) =
                (self.word(j).and_then(|w| w.modifier.shift), self.is(j + 1, "year"))
            {
                return (j + 2, YearRef::Rel(i32::from(s)));
            }
            // "the winter of nineteen ninety-four"
            if let Some((e, y)) = self.spoken_year(j) {
                return (e, YearRef::Abs(y));
            }
        }
        (k, YearRef::Tense)
    }

    /// "Q3", "Q3 2025", "H1 2025".
    fn quarter_code(&self, j: usize) -> Option<(usize, Expr, bool)> {
        if !self.adj(j + 1) || self.digits(j + 1) != 1 || !self.capitalized(j) {
            return None;
        }
        let n = self.num(j + 1)? as i8;
        let quarter = self.is(j, "q");
        if (quarter && !(1..=4).contains(&n)) || (!quarter && !(1..=2).contains(&n)) {
            return None;
        }
        let (e, year) = self.of_year(j + 2);
        let expr =
            if quarter { Expr::Quarter { quarter: n, year } } else { Expr::Half { half: n, year } };
        Some((e, expr, true))
    }

    /// A decimal amount and a unit: "2.5 years" (`P2.5Y`), "a 1.5-hour meeting".
    fn decimal_quantity(&self, j: usize) -> Option<(usize, Expr, bool)> {
        let (k, thousandths) = self.decimal(j)?;
        let u = if self.hyphen(k) { k + 1 } else { k };
        let unit = self.word(u)?.unit?;
        let e = u + 1;
        // "2.5-year-old", "2.5 years old", "2.5 years ago": an age or a point, not a
        // length of time we can write.
        if self.hyphen(e) || self.is_any(e, &["old", "ago", "earlier"]) {
            return None;
        }
        Some((e, fractional_of(thousandths, unit)?, true))
    }

    /// Amount-and-unit phrases: durations, "two days ago", "(in) three weeks".
    fn quantity_phrase(&self, j: usize) -> Option<(usize, Expr, bool)> {
        // A word that is no amount starts none (but "half a year"); this skips the
        // rules below when they would read no further than the token after it.
        let word = self.tok(j).is_some_and(|t| t.kind == Kind::Word);
        let no_amount = word && self.word(j).is_none_or(|w| w.number.is_none());
        if no_amount && self.tok(j + 1).is_some() && !self.punct(j + 1, ".") && !self.is(j, "half")
        {
            return None;
        }
        if self.decimal(j).is_some() {
            return self.decimal_quantity(j);
        }
        // "half a year", "half an hour"
        if self.is(j, "half") && self.is_any(j + 1, &["a", "an"]) {
            let unit = self.word(j + 2)?.unit?;
            return Some((j + 3, fractional_of(500, unit)?, true));
        }
        let (e, amount, unit, hyphen) = self.quantity(j)?;
        // "a year and a half", "two hours and a half"
        if let (false, Some(n), true) = (hyphen, amount, self.and_a_half(e)) {
            return Some((e + 3, fractional_of(n.checked_mul(1000)? + 500, unit)?, true));
        }
        let e = self.or_so(e);
        // "will one day be": an unspecified time to come.
        if self.is(j, "one")
            && self.is(j + 1, "day")
            && j > 0
            && self.is_any(j - 1, &["will", "would", "could", "may", "might", "shall", "can"])
        {
            return Some((j + 2, reference(Reference::Future), false));
        }
        let article = self.is(j, "a") || self.is(j, "an");
        // "52 years old": an age.
        if self.is(e, "old") {
            return None;
        }
        if hyphen {
            // "30-day", "hour-long", but "a year-earlier" is not a quantity.
            if self.is(e, "earlier") || self.is(e, "ago") {
                return None;
            }
            return Some((e, duration_of(amount, unit), true));
        }
        if self.is(e, "ago")
            || self.is(e, "earlier")
            || (self.is(e, "before") && self.is(e + 1, "that"))
        {
            let Some(cal) = cal_of(unit) else {
                return Some((e, duration_of(amount, unit), true));
            };
            return Some(match amount {
                Some(1) if cal == Cal::Year => (e + 1, Expr::YearAgo, false),
                Some(n) => (e + 1, Expr::Rel { cal, offset: -(n.min(10_000) as i32) }, false),
                None => (e + 1, reference(Reference::Past), false),
            });
        }
        if self.is(e, "from") && self.is(e + 1, "now") {
            let cal = cal_of(unit)?;
            let n = amount?;
            return Some((e + 2, Expr::Rel { cal, offset: n.min(10_000) as i32 }, false));
        }
        // "$500 million a year", "700 seats a week", "24 hours a day": a rate.
        if article && j > 0 && self.is_rate_base(j - 1) {
            return None;
        }
        // "twice a year", "once a week": a recurrence.
        if article && j > 0 && self.is_any(j - 1, &["once", "twice", "times", "thrice"]) {
            if let UnitWord::Plain(u) = unit {
                return Some((
                    e,
                    Expr::Fixed(TimexKind::Set, DateValue::Every { amount: 1, unit: u }),
                    false,
                ));
            }
        }
        let after_in = j > 0 && self.is(j - 1, "in");
        if let (true, Some(n), Some(cal), UnitWord::Plain(u)) =
            (after_in, amount, cal_of(unit), unit)
        {
            return Some((e, Expr::In { amount: n.min(10_000), cal, unit: u }, true));
        }
        // A lone "a" + unit needs more than an article: "a week" yes, "a day" in "a day
        // of talks" too; but "a second" (ordinal) is excluded in `quantity`.
        Some((e, duration_of(amount, unit), true))
    }

    /// The token after an approximating "or so" at `e` ("a week or so ago", "the next
    /// two years or so"), else `e`.
    fn or_so(&self, e: usize) -> usize {
        if self.is(e, "or") && self.is(e + 1, "so") { e + 2 } else { e }
    }

    /// Month-name expressions: "March 11", "Mar. 11, 2025", "March 2025", "March".
    fn month(&self, j: usize) -> Option<(usize, Expr)> {
        let w = self.word(j)?;
        let m = w.month?;
        let abbrev = self.s(j).len() <= 4 && self.s(j).len() < month_len(m);
        if !self.capitalized(j) && (w.month_cap || abbrev) {
            return None;
        }
        let k = if abbrev { self.skip_period(j + 1) } else { j + 1 };
        if abbrev && k == j + 1 && self.digits(k) == 0 {
            return None; // "Mar" alone is not a month
        }
        if let Some(d) = self.num(k).filter(|&d| self.digits(k) <= 2 && (1..=31).contains(&d)) {
            let glued = |c| self.punct(k + 1, c) && self.adj(k + 1) && self.digits(k + 2) > 0;
            if glued(":") || glued("/") || self.meridiem(k + 1).is_some() {
                return None;
            }
            let d = d as i8;
            let mut e = k + 1;
            if self.ordinal_suffix(e) {
                e += 1;
            }
            let y = if self.punct(e, ",") && self.digits(e + 1) == 4 { e + 1 } else { e };
            if self.digits(y) == 4 {
                let year = self.num(y)?;
                if (1000..=2199).contains(&year) && valid(year as i16, m, d) {
                    return Some((y + 1, full(year as i16, m, d)));
                }
            }
            return Some((e, Expr::MonthDay { month: m, day: d }));
        }
        // "March first"
        if let Some(d) = self.word(k).and_then(|w| w.ordinal).filter(|d| (1..=31).contains(d)) {
            let quarter_follows = self.is(k + 1, "quarter") || self.is(k + 1, "half");
            if !quarter_follows && !self.hyphen(k + 1) {
                return Some((k + 1, Expr::MonthDay { month: m, day: d as i8 }));
            }
        }
        // "January this year", "June last year"
        if let Some(shift) = self.word(k).and_then(|w| w.modifier.shift) {
            if self.is(k + 1, "year") && !self.is(k, "past") {
                let year = YearRef::Rel(i32::from(shift));
                return Some((k + 2, Expr::MonthOf { month: m, year }));
            }
        }
        let y = if self.is(k, "of") || self.punct(k, ",") { k + 1 } else { k };
        if let Some((e, year)) = self.spoken_year(y) {
            return Some((e, date(DateValue::Month { year: Some(year), month: Some(m) })));
        }
        if self.digits(y) == 4 {
            let year = self.num(y)?;
            if (1000..=2199).contains(&year) {
                return Some((
                    y + 1,
                    date(DateValue::Month { year: Some(year as i16), month: Some(m) }),
                ));
            }
        }
        // "'25"
        if self.apostrophe(k) && self.digits(k + 1) == 2 && self.adj(k + 1) {
            let year = 2000 + self.num(k + 1)? as i16;
            return Some((k + 2, date(DateValue::Month { year: Some(year), month: Some(m) })));
        }
        if w.month_cap {
            let lead = j > 0
                && (self.is_any(j - 1, &MONTH_LEADS)
                    || self
                        .word(j - 1)
                        .is_some_and(|w| w.modifier.shift.is_some() || w.modifier.point)
                    || self.hyphen(j - 1));
            if !lead {
                return None;
            }
        }
        Some((k, Expr::Month { month: m, shift: None }))
    }

    /// Weekday expressions: "Tuesday", "Tuesday, March 11", "Tuesday morning".
    fn weekday(&self, j: usize, d: i8, shift: Option<i8>) -> Option<(usize, Expr, bool)> {
        let len = self.s(j).len();
        // Full names are unambiguous in any case; abbreviations ("sat", "wed") need a
        // capital.
        if len <= 4 && !self.capitalized(j) {
            return None;
        }
        let mut k = j + 1;
        if len <= 4 {
            // Abbreviations ("Tue.", "Sat") need a period or a following date.
            if self.punct(k, ".") && self.adj(k) {
                k += 1;
            } else if !self.punct(k, ",") {
                return None;
            }
        }
        // "Tuesday, March 11(, 2025)", "Tuesday 11 March"
        let c = if self.punct(k, ",") { k + 1 } else { k };
        if shift.is_none() {
            if let Some((e, expr)) = self.month(c).filter(|(_, x)| !matches!(x, Expr::Month { .. }))
            {
                return Some((e, expr, false));
            }
            if let Some((e, expr @ Expr::MonthDay { .. }, _)) = self.numeric(c) {
                return Some((e, expr, false));
            }
        }
        if len <= 4 && !self.punct(j + 1, ".") {
            return None;
        }
        if shift.is_none() {
            if let Some(set) = self.weekly(j, k, d) {
                return Some(set);
            }
        }
        Some((k, Expr::Weekday { weekday: d, shift }, false))
    }

    /// A weekday name at `j` (its part of day would be at `k`) that recurs: "on
    /// Sundays", "Tuesday nights", and "Monday" in "Monday and Tuesday nights".
    fn weekly(&self, j: usize, k: usize, d: i8) -> Option<(usize, Expr, bool)> {
        let plural = |i: usize| self.s(i).ends_with(['s', 'S']);
        let part = |i: usize| match self.word(i).and_then(|w| w.part) {
            Some(PartWord::Part(p)) => Some(p),
            _ => None,
        };
        let set = |end, part| {
            let every = DateValue::EveryWeekday { weekday: d, part };
            Some((end, Expr::Fixed(TimexKind::Set, every), false))
        };
        let b = self.s(j).as_bytes();
        if b.len() > 6 && b[b.len() - 4..].eq_ignore_ascii_case(b"days") {
            return match part(k) {
                Some(p) => set(k + 1, Some(p)),
                None => set(k, None),
            };
        }
        if let Some(p) = part(k).filter(|_| plural(k)) {
            return set(k + 1, Some(p));
        }
        let next_day = self.word(k + 1).is_some_and(|w| w.weekday.is_some());
        if self.is_any(k, &["and", "or"]) && next_day && plural(k + 2) {
            if let Some(p) = part(k + 2) {
                return set(k, Some(p));
            }
        }
        None
    }

    /// Seasons: "summer 2024", "the summer of 2024", "summer", "last fall".
    fn season(
        &self,
        j: usize,
        season: Season,
        bare: bool,
        shift: Option<i8>,
    ) -> Option<(usize, Expr, bool)> {
        let (e, year) = self.of_year(j + 1);
        let year = match (year, shift) {
            (YearRef::Tense, Some(s)) => YearRef::Shift(i32::from(s)),
            (y, _) => y,
        };
        if year == YearRef::Tense && !bare {
            return None;
        }
        Some((e, Expr::Season { season, year }, true))
    }

    /// A unit word heading the expression: "the weekend", "the quarter", "year-earlier",
    /// "hour-long", "(for) years", "the day before yesterday".
    fn unit_phrase(&self, j: usize, unit: UnitWord, the: bool) -> Option<(usize, Expr, bool)> {
        let plural = self.word(j).is_some_and(|w| w.plural);
        let year = unit == UnitWord::Plain(Unit::Year);
        // "year-end", "year end", "year's end": the end of this year.
        let end = if self.hyphen(j + 1) {
            j + 2
        } else if self.apostrophe(j + 1) && self.is(j + 2, "s") {
            j + 3
        } else {
            j + 1
        };
        if year && !plural && self.is(end, "end") {
            return Some((end + 1, Expr::Rel { cal: Cal::Year, offset: 0 }, true));
        }
        if self.hyphen(j + 1) {
            if self.is(j + 2, "long") {
                let amount = if plural { None } else { Some(1) };
                return Some((j + 3, duration_of(amount, unit), false));
            }
            if unit == UnitWord::Plain(Unit::Year)
                && (self.is(j + 2, "ago") || self.is(j + 2, "earlier"))
            {
                // "year-earlier", "the year-ago quarter", "the year-earlier third quarter"
                let e = j + 3;
                if self.is(e, "quarter") || self.is(e, "period") {
                    return Some((e + 1, Expr::LatestQuarter { year: YearRef::Rel(-1) }, true));
                }
                if let Some((e2, Expr::Quarter { quarter, .. }, _)) = self.ordinal_period(e) {
                    return Some((e2, Expr::Quarter { quarter, year: YearRef::Rel(-1) }, true));
                }
                return Some((e, Expr::YearAgo, true));
            }
            return None;
        }
        if the && !plural && j > 1 && self.closes_phrase(j + 1) {
            // "for the year", "of the week", "the week's": the current one.
            let framed = self.is_any(j - 2, &["for", "of", "during", "through", "throughout"]);
            match unit {
                UnitWord::Plain(Unit::Year) if framed => {
                    return Some((j + 1, Expr::Rel { cal: Cal::Year, offset: 0 }, true));
                }
                UnitWord::Plain(Unit::Week) if framed || self.apostrophe(j + 1) => {
                    return Some((j + 1, Expr::Rel { cal: Cal::Week, offset: 0 }, true));
                }
                _ => {}
            }
        }
        if the && year && !plural {
            // "the year two thousand", "the year 2000"
            if let Some((e, y)) = self.spoken_year(j + 1) {
                return Some((e, date(DateValue::Year(Some(y))), true));
            }
            if let Some(y) =
                self.num(j + 1).filter(|y| self.digits(j + 1) == 4 && (1000..=2199).contains(y))
            {
                return Some((j + 2, date(DateValue::Year(Some(y as i16))), true));
            }
        }
        if the && !plural {
            match unit {
                UnitWord::Plain(Unit::Year)
                    if self.is_any(j + 1, &["ended", "ending", "ends", "through"]) =>
                {
                    return Some((j + 1, dur(Some(1), Unit::Year), true));
                }
                UnitWord::Weekend => {
                    return Some((j + 1, Expr::Rel { cal: Cal::Weekend, offset: 0 }, true));
                }
                UnitWord::Plain(Unit::Quarter) => {
                    // "the quarter a year ago": the year-ago quarter.
                    if self.is(j + 1, "a")
                        && self.is(j + 2, "year")
                        && self.is_any(j + 3, &["ago", "earlier"])
                    {
                        return Some((j + 4, Expr::LatestQuarter { year: YearRef::Rel(-1) }, true));
                    }
                    // "the quarter ended July 31": a fiscal quarter, valued as the
                    // calendar quarter holding most of it.
                    if self.is_any(j + 1, &["ended", "ending"]) {
                        if let Some((_, Expr::MonthDay { month, day })) = self.month(j + 2) {
                            if let Some(quarter) = quarter_ending(month, day) {
                                let year = YearRef::Tense;
                                return Some((j + 1, Expr::Quarter { quarter, year }, true));
                            }
                        }
                    }
                    return Some((j + 1, Expr::LatestQuarter { year: YearRef::Tense }, true));
                }
                UnitWord::Plain(Unit::Day) => {
                    // "the day before yesterday", "the day after tomorrow"
                    let off = match (self.s(j + 1), self.word(j + 2).and_then(|w| w.deictic)) {
                        (s, Some((d, None))) if s.eq_ignore_ascii_case("before") => {
                            i32::from(d) - 1
                        }
                        (s, Some((d, None))) if s.eq_ignore_ascii_case("after") => i32::from(d) + 1,
                        _ => return None,
                    };
                    return Some((j + 3, Expr::Deictic(off), true));
                }
                _ => return None,
            }
        }
        // "the weeks ahead": a vague span to come.
        if the && plural && self.is(j + 1, "ahead") {
            return Some((j + 2, duration_of(None, unit), true));
        }
        if plural && j > 0 && self.is_any(j - 1, &["for", "in", "within", "over"]) {
            return Some((j + 1, duration_of(None, unit), false));
        }
        None
    }

    /// A holiday name starting at `j` ("Labor Day", "New Year's Eve"): the token after
    /// it and its rule.
    fn holiday(&self, j: usize) -> Option<(usize, HolidayRule)> {
        if !self.capitalized(j) {
            return None;
        }
        self.lex.holidays.iter().find_map(|h| {
            let mut k = j;
            for w in &h.words {
                if self.apostrophe(k) && &**w == "s" {
                    k += 1;
                }
                if !self.is(k, w) {
                    return None;
                }
                k += 1;
            }
            Some((k, h.rule))
        })
    }

    /// Whether token `i` is what a rate is of ("$5 million a year", "700 seats a
    /// week"): a number, a percent sign, a magnitude or a plural noun.
    fn is_rate_base(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        match t.kind {
            Kind::Num => true,
            Kind::Punct => self.punct(i, "%"),
            Kind::Word => {
                let s = self.s(i);
                [
                    "million", "billion", "trillion", "thousand", "hundred", "percent", "cents",
                    "bn", "m", "mn", "k",
                ]
                .iter()
                .any(|m| s.eq_ignore_ascii_case(m))
                    || (s.len() > 3
                        && s.ends_with('s')
                        && !s.ends_with("ss")
                        && s.as_bytes()[0].is_ascii_lowercase()
                        && self.word(i).is_none())
            }
        }
    }

    /// Whether token `i` ends a noun phrase: punctuation (a possessive's apostrophe
    /// too) or the end of the window.
    fn closes_phrase(&self, i: usize) -> bool {
        self.tok(i).is_none_or(|t| t.kind == Kind::Punct)
    }

    /// Whether a frequency word at `j` is used as an adverb ("meets weekly") rather
    /// than before a noun ("its quarterly dividend", "daily flights").
    fn adverbial(&self, j: usize) -> bool {
        let attributive_before = j > 0 && self.is_any(j - 1, &ATTRIBUTIVE);
        let noun_after = self.tok(j + 1).is_some_and(|t| t.kind == Kind::Word)
            && self.s(j + 1).as_bytes().first().is_some_and(u8::is_ascii_lowercase)
            && !self.is_any(j + 1, &FUNCTION_WORDS);
        !attributive_before && !noun_after
    }

    /// "now", "currently", "recently", "soon", "the past", "the future", "recent years".
    fn reference_word(&self, j: usize, r: Reference, the: bool) -> Option<(usize, Expr, bool)> {
        let next = self.word(j + 1);
        if self.is(j, "recent") {
            // "recent years" (a vague span back from now); a bare "recent" is too vague
            if let Some(u) = next.filter(|w| w.plural).and_then(|w| w.unit) {
                return Some((j + 2, duration_of(None, u), the));
            }
            return None;
        }
        if self.is(j, "past") || self.is(j, "future") {
            // Only "the past" / "the future" on their own.
            let unit_follows = next.is_some_and(|w| w.unit.is_some() || w.number.is_some());
            return (the && !unit_follows).then_some((j + 1, reference(r), true));
        }
        // "the current system": the present; "current account" is a term of
        // economics.
        if self.is(j, "current") && self.is_any(j + 1, &["account", "accounts"]) {
            return None;
        }
        if j > 0 && self.is(j, "soon") && self.is(j - 1, "as") {
            return None;
        }
        if self.is(j, "shortly") && (self.is(j + 1, "after") || self.is(j + 1, "before")) {
            return None;
        }
        Some((j + 1, reference(r), false))
    }
}

/// Whether the day exists.
/// The calendar quarter holding most of the three months that end on `month`-`day`
/// (the one of the day 45 days before), when it lies in the same year.
fn quarter_ending(month: i8, day: i8) -> Option<i8> {
    let middle = if day >= 15 { month - 1 } else { month - 2 };
    (middle >= 1).then_some((middle - 1) / 3 + 1)
}

fn valid(y: i16, m: i8, d: i8) -> bool {
    jiff::civil::Date::new(y, m, d).is_ok()
}

fn full(y: i16, m: i8, d: i8) -> Expr {
    date(DateValue::Day { year: Some(y), month: Some(m), day: Some(d) })
}

/// Length of the full month name (to tell "Sept" from "September").
fn month_len(m: i8) -> usize {
    [7, 8, 5, 5, 3, 4, 4, 6, 9, 7, 8, 8]
        .get(usize::try_from(m - 1).unwrap_or(0))
        .copied()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use core::cell::Cell;

    use super::Parser;
    use crate::date::lexicon::Lexicon;
    use crate::date::scan::tokenize;

    /// At every plain word ([`Parser::plain_word`]) the rules `Parser::body` skips find
    /// nothing, and read no token after it even when it is the window's last.
    #[test]
    fn plain_words_start_no_number_rule() {
        let lex = Lexicon::new();
        let cases = "the last half, last year, first quarter, two thousand and one, \
            nineteen ninety-six, 11th of March, a few days, one day, Tuesday 2025, since \
            March, 30-day, twenty five years, half a year, dozens of weeks";
        let article = include_str!("../../examples/data/article.txt");
        let local = include_str!("../../examples/data/local_news.txt");
        let mut plain = 0;
        for text in [cases, article, local] {
            let mut toks = Vec::new();
            tokenize(text, 0, text.len(), &mut toks);
            let memo = vec![Cell::new(0); toks.len()];
            for j in 0..toks.len() {
                // The window ends at `j`, or goes on.
                for end in [j + 1, toks.len()] {
                    let edge = Cell::new(false);
                    let toks = &toks[..end];
                    let parser = Parser { text, toks, lex: &lex, memo: &memo, edge: &edge };
                    if !parser.plain_word(j, parser.word(j), parser.key(j)) {
                        continue;
                    }
                    plain += 1;
                    assert_eq!(parser.numeric(j), None);
                    assert_eq!(parser.spoken_year(j), None);
                    assert_eq!(parser.ordinal_period(j), None);
                    assert!(!edge.get(), "{}", parser.s(j));
                }
            }
        }
        assert!(plain > 1000, "{plain}");
    }
}
