//! [`DateValue`]: a TIMEX3 value as a structured type.

use core::fmt;
use core::str::FromStr;

use jiff::civil::Date;

/// A TIMEX3 value: a calendar point or period, a time of day, a duration, a recurrence
/// or a reference to the present, past or future.
///
/// Unknown parts print as `X` (`XXXX-03-11`, `XXXX-WXX-2`), as TIMEX3 writes values that
/// no publication date could anchor. With the `serde` feature it serializes as its
/// TIMEX3 string.
///
/// ```
/// use newsextract::date::{DateValue, Unit};
///
/// let day = DateValue::Day { year: Some(2025), month: Some(3), day: Some(11) };
/// assert_eq!(day.to_string(), "2025-03-11");
/// assert_eq!(DateValue::Weekday(2).to_string(), "XXXX-WXX-2");
/// assert_eq!(DateValue::Duration { amount: Some(30), unit: Unit::Day }.to_string(), "P30D");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateValue {
    /// A day, any part of which may be unknown: `2025-03-11`, `XXXX-03-11`, `XXXX-XX-11`.
    Day {
        /// The year, if known.
        year: Option<i16>,
        /// The month (1-12), if known.
        month: Option<i8>,
        /// The day of the month, if known.
        day: Option<i8>,
    },
    /// A month: `2025-03`, `XXXX-03`, `XXXX-XX`.
    Month {
        /// The year, if known.
        year: Option<i16>,
        /// The month (1-12), if known.
        month: Option<i8>,
    },
    /// A year: `2025`, or `XXXX` when unknown.
    Year(Option<i16>),
    /// A decade, given by its first three digits: `199` for the 1990s.
    Decade(i16),
    /// A century, given by its first two digits: `19` for 1900-1999.
    Century(i16),
    /// An ISO week: `2025-W12`, `XXXX-WXX`.
    Week {
        /// The ISO week-numbering year, if known.
        year: Option<i16>,
        /// The ISO week (1-53), if known.
        week: Option<i8>,
    },
    /// The weekend of an ISO week: `2025-W11-WE`.
    Weekend {
        /// The ISO week-numbering year, if known.
        year: Option<i16>,
        /// The ISO week (1-53), if known.
        week: Option<i8>,
    },
    /// A weekday of an unknown week: `XXXX-WXX-2` (Monday = 1).
    Weekday(i8),
    /// A quarter: `2025-Q3`, `XXXX-Q3`, `2025-QX`.
    Quarter {
        /// The year, if known.
        year: Option<i16>,
        /// The quarter (1-4), if known.
        quarter: Option<i8>,
    },
    /// A half year: `2025-H1`.
    Half {
        /// The year, if known.
        year: Option<i16>,
        /// The half (1 or 2).
        half: i8,
    },
    /// A season: `2024-SU`.
    Season {
        /// The year, if known.
        year: Option<i16>,
        /// The season.
        season: Season,
    },
    /// A time of day on a day: `2025-03-19TMO`, `2025-03-18T20:00`, `XXXX-WXX-3TNI`.
    Time {
        /// The day.
        day: DayRef,
        /// The time on that day.
        time: TimeOfDay,
    },
    /// A length of time: `P30D`, `PT1H`, `PXY` (an unknown number of years).
    Duration {
        /// How many units, if said.
        amount: Option<u32>,
        /// The unit.
        unit: Unit,
    },
    /// A length of time with a fractional amount: "2.5 years". It is written in the
    /// next smaller unit when that comes out whole, as TimeBank does (`P2Y6M`,
    /// `PT1H30M`, `P1DT12H`), else as a decimal fraction (`P1.5W`).
    FractionalDuration {
        /// How many thousandths of the unit (`2500` for 2.5).
        thousandths: u32,
        /// The unit.
        unit: Unit,
    },
    /// A recurrence every so many units: `P1W` for "weekly".
    Every {
        /// How many units between occurrences.
        amount: u32,
        /// The unit.
        unit: Unit,
    },
    /// A recurring weekday, perhaps at a part of the day: `XXXX-WXX-1`, `XXXX-WXX-2TNI`.
    EveryWeekday {
        /// The weekday (Monday = 1).
        weekday: i8,
        /// The part of the day, if said.
        part: Option<DayPart>,
    },
    /// A recurring month: `XXXX-07` for "each July".
    EveryMonth(i8),
    /// The present, past or future as a whole.
    Reference(Reference),
}

/// The day part of a [`DateValue::Time`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DayRef {
    /// A calendar day.
    Date(Date),
    /// A weekday of an unknown week (Monday = 1).
    Weekday(i8),
    /// An unknown day.
    Unknown,
}

/// A time of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeOfDay {
    /// A clock time (hour 0-24, minute 0-59).
    Clock {
        /// The hour.
        hour: i8,
        /// The minute.
        minute: i8,
    },
    /// A part of the day.
    Part(DayPart),
}

/// A part of the day, as TIMEX3 codes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DayPart {
    /// `MO`
    Morning,
    /// `AF`
    Afternoon,
    /// `EV`
    Evening,
    /// `NI`
    Night,
}

/// A season, as TIMEX3 codes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Season {
    /// `SP`
    Spring,
    /// `SU`
    Summer,
    /// `FA`
    Fall,
    /// `WI`
    Winter,
}

/// A unit of a duration or recurrence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// `Y`
    Year,
    /// `Q` (TimeBank writes quarters as `P2Q`).
    Quarter,
    /// `M`
    Month,
    /// `W`
    Week,
    /// `D`
    Day,
    /// `TH`
    Hour,
    /// `TM`
    Minute,
    /// `TS`
    Second,
}

/// The present, past or future as a whole ("now", "recently", "soon").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reference {
    /// `PRESENT_REF`
    Present,
    /// `PAST_REF`
    Past,
    /// `FUTURE_REF`
    Future,
}

impl DayPart {
    /// The TIMEX3 code (`MO`, `AF`, `EV`, `NI`).
    pub const fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "MO",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
        }
    }

    pub(crate) fn from_code(code: &str) -> Option<DayPart> {
        Some(match code {
            "MO" => DayPart::Morning,
            "AF" => DayPart::Afternoon,
            "EV" => DayPart::Evening,
            "NI" => DayPart::Night,
            _ => return None,
        })
    }
}

impl Season {
    /// The TIMEX3 code (`SP`, `SU`, `FA`, `WI`).
    pub const fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    pub(crate) fn from_code(code: &str) -> Option<Season> {
        Some(match code {
            "SP" => Season::Spring,
            "SU" => Season::Summer,
            "FA" => Season::Fall,
            "WI" => Season::Winter,
            _ => return None,
        })
    }

    /// The month the season starts in (northern hemisphere, meteorological).
    pub(crate) const fn first_month(self) -> i8 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }
}

impl Unit {
    const fn is_clock(self) -> bool {
        matches!(self, Unit::Hour | Unit::Minute | Unit::Second)
    }

    const fn letter(self) -> char {
        match self {
            Unit::Year => 'Y',
            Unit::Quarter => 'Q',
            Unit::Month | Unit::Minute => 'M',
            Unit::Week => 'W',
            Unit::Day => 'D',
            Unit::Hour => 'H',
            Unit::Second => 'S',
        }
    }
}

impl Reference {
    /// The TIMEX3 value (`PRESENT_REF`, `PAST_REF`, `FUTURE_REF`).
    pub const fn code(self) -> &'static str {
        match self {
            Reference::Present => "PRESENT_REF",
            Reference::Past => "PAST_REF",
            Reference::Future => "FUTURE_REF",
        }
    }
}

/// Writes `2025`, or `XXXX` when the year is unknown.
fn year(f: &mut fmt::Formatter<'_>, year: Option<i16>) -> fmt::Result {
    match year {
        Some(y) => write!(f, "{:04}", y.max(0)),
        None => f.write_str("XXXX"),
    }
}

/// Writes `-03`, or `-XX` when unknown.
fn two(f: &mut fmt::Formatter<'_>, n: Option<i8>) -> fmt::Result {
    match n {
        Some(n) => write!(f, "-{n:02}"),
        None => f.write_str("-XX"),
    }
}

fn week(f: &mut fmt::Formatter<'_>, y: Option<i16>, w: Option<i8>) -> fmt::Result {
    year(f, y)?;
    match w {
        Some(w) => write!(f, "-W{w:02}"),
        None => f.write_str("-WXX"),
    }
}

fn period(f: &mut fmt::Formatter<'_>, amount: Option<u32>, unit: Unit) -> fmt::Result {
    f.write_str(if unit.is_clock() { "PT" } else { "P" })?;
    match amount {
        Some(n) => write!(f, "{n}{}", unit.letter()),
        None => write!(f, "X{}", unit.letter()),
    }
}

/// The next smaller unit a fraction of `unit` is written in: how many make one, and
/// the designator (with `T` when it starts the time part).
const fn sub_unit(unit: Unit) -> Option<(u32, &'static str)> {
    match unit {
        Unit::Year => Some((12, "M")),
        Unit::Day => Some((24, "TH")),
        Unit::Hour => Some((60, "M")),
        Unit::Minute => Some((60, "S")),
        Unit::Quarter | Unit::Month | Unit::Week | Unit::Second => None,
    }
}

/// Writes a fractional duration: `P2Y6M`, `PT45M` when the fraction is a whole number
/// of the smaller unit, else `P1.5W`, `PT1.25S` (`P2Y` for a whole amount).
fn fractional(f: &mut fmt::Formatter<'_>, thousandths: u32, unit: Unit) -> fmt::Result {
    f.write_str(if unit.is_clock() { "PT" } else { "P" })?;
    let (whole, mut frac, mut places) = (thousandths / 1000, thousandths % 1000, 3);
    if frac == 0 {
        return write!(f, "{whole}{}", unit.letter());
    }
    if let Some((per, designator)) = sub_unit(unit).filter(|(per, _)| frac * per % 1000 == 0) {
        if whole > 0 {
            write!(f, "{whole}{}", unit.letter())?;
        }
        let (t, letter) = designator.split_at(designator.len() - 1);
        return write!(f, "{t}{}{letter}", frac * per / 1000);
    }
    while frac % 10 == 0 {
        frac /= 10;
        places -= 1;
    }
    write!(f, "{whole}.{frac:0places$}{}", unit.letter())
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DateValue::Day { year: y, month, day } => {
                year(f, y)?;
                two(f, month)?;
                two(f, day)
            }
            DateValue::Month { year: y, month } => {
                year(f, y)?;
                two(f, month)
            }
            DateValue::Year(y) => year(f, y),
            DateValue::Decade(d) => write!(f, "{:03}", d.max(0)),
            DateValue::Century(c) => write!(f, "{:02}", c.max(0)),
            DateValue::Week { year: y, week: w } => week(f, y, w),
            DateValue::Weekend { year: y, week: w } => {
                week(f, y, w)?;
                f.write_str("-WE")
            }
            DateValue::Weekday(d) => write!(f, "XXXX-WXX-{d}"),
            DateValue::Quarter { year: y, quarter } => {
                year(f, y)?;
                match quarter {
                    Some(q) => write!(f, "-Q{q}"),
                    None => f.write_str("-QX"),
                }
            }
            DateValue::Half { year: y, half } => {
                year(f, y)?;
                write!(f, "-H{half}")
            }
            DateValue::Season { year: y, season } => {
                year(f, y)?;
                write!(f, "-{}", season.code())
            }
            DateValue::Time { day, time } => {
                match day {
                    DayRef::Date(d) => {
                        write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day())?
                    }
                    DayRef::Weekday(w) => write!(f, "XXXX-WXX-{w}")?,
                    DayRef::Unknown => f.write_str("XXXX-XX-XX")?,
                }
                match time {
                    TimeOfDay::Clock { hour, minute } => write!(f, "T{hour:02}:{minute:02}"),
                    TimeOfDay::Part(part) => write!(f, "T{}", part.code()),
                }
            }
            DateValue::Duration { amount, unit } => period(f, amount, unit),
            DateValue::FractionalDuration { thousandths, unit } => fractional(f, thousandths, unit),
            DateValue::Every { amount, unit } => period(f, Some(amount), unit),
            DateValue::EveryWeekday { weekday, part } => {
                write!(f, "XXXX-WXX-{weekday}")?;
                match part {
                    Some(p) => write!(f, "T{}", p.code()),
                    None => Ok(()),
                }
            }
            DateValue::EveryMonth(m) => write!(f, "XXXX-{m:02}"),
            DateValue::Reference(r) => f.write_str(r.code()),
        }
    }
}

/// The error of parsing a [`DateValue`] from a string that is not a TIMEX3 value this
/// crate writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseDateValueError {
    text: String,
}

impl fmt::Display for ParseDateValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a TIMEX3 value: {:?}", self.text)
    }
}

impl std::error::Error for ParseDateValueError {}

/// A number of `n` digits, or `None` for as many `X`s; `Err` otherwise.
fn field<T: FromStr>(s: &str) -> Result<Option<T>, ()> {
    if !s.is_empty() && s.bytes().all(|b| b == b'X') {
        return Ok(None);
    }
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(());
    }
    s.parse().map(Some).map_err(|_| ())
}

/// A field that must lie in `lo..=hi` when it is known.
fn ranged(s: &str, lo: i8, hi: i8) -> Result<Option<i8>, ()> {
    match field::<i8>(s)? {
        Some(n) if !(lo..=hi).contains(&n) => Err(()),
        n => Ok(n),
    }
}

fn parse_time(t: &str) -> Result<TimeOfDay, ()> {
    if let Some(part) = DayPart::from_code(t) {
        return Ok(TimeOfDay::Part(part));
    }
    let (h, m) = t.split_once(':').ok_or(())?;
    let hour = ranged(h, 0, 24)?.ok_or(())?;
    let minute = ranged(m, 0, 59)?.ok_or(())?;
    Ok(TimeOfDay::Clock { hour, minute })
}

/// A duration of a unit and a fraction written in the next smaller one (`2Y6M`,
/// `1DT12H`, `T1H30M`, `T1M30S`, after the `P`).
fn parse_compound(rest: &str) -> Result<DateValue, ()> {
    // "2Y6M" -> ("2", "6"): the parts around `mid`, before the final `last`.
    fn split<'a>(body: &'a str, mid: &str, last: char) -> Option<(&'a str, &'a str)> {
        let (a, b) = body.split_once(mid)?;
        Some((a, b.strip_suffix(last)?))
    }
    let (unit, parts) = match rest.strip_prefix('T') {
        Some(body) if body.contains('H') => (Unit::Hour, split(body, "H", 'M')),
        Some(body) => (Unit::Minute, split(body, "M", 'S')),
        None if rest.contains('Y') => (Unit::Year, split(rest, "Y", 'M')),
        None => (Unit::Day, split(rest, "DT", 'H')),
    };
    let (whole, sub) = parts.ok_or(())?;
    let whole: u32 = field(whole)?.ok_or(())?;
    let sub: u32 = field(sub)?.ok_or(())?;
    let (per, _) = sub_unit(unit).ok_or(())?;
    if sub == 0 || sub >= per || sub * 1000 % per != 0 {
        return Err(());
    }
    let thousandths = whole.checked_mul(1000).ok_or(())?.checked_add(sub * 1000 / per).ok_or(())?;
    Ok(DateValue::FractionalDuration { thousandths, unit })
}

fn parse_duration(rest: &str) -> Result<DateValue, ()> {
    let designators = rest.bytes().skip(1).filter(|&b| b.is_ascii_uppercase() && b != b'X');
    if designators.count() > 1 {
        return parse_compound(rest);
    }
    let (clock, body) = match rest.strip_prefix('T') {
        Some(b) => (true, b),
        None => (false, rest),
    };
    let letter = body.chars().last().ok_or(())?;
    let number = &body[..body.len() - letter.len_utf8()];
    let unit = match (letter, clock) {
        ('Y', false) => Unit::Year,
        ('Q', false) => Unit::Quarter,
        ('M', false) => Unit::Month,
        ('W', false) => Unit::Week,
        ('D', false) => Unit::Day,
        ('H', true) => Unit::Hour,
        ('M', true) => Unit::Minute,
        ('S', true) => Unit::Second,
        _ => return Err(()),
    };
    if let Some((whole, frac)) = number.split_once('.') {
        // "2.5": at most three decimals, not all zeros.
        let whole: u32 = field(whole)?.ok_or(())?;
        let scaled: u32 = field(frac)?.ok_or(())?;
        let scale = match frac.len() {
            1 => 100,
            2 => 10,
            3 => 1,
            _ => return Err(()),
        };
        if scaled == 0 {
            return Err(());
        }
        let thousandths = whole.checked_mul(1000).and_then(|w| w.checked_add(scaled * scale));
        return Ok(DateValue::FractionalDuration { thousandths: thousandths.ok_or(())?, unit });
    }
    Ok(DateValue::Duration { amount: field(number)?, unit })
}

fn parse_value(s: &str) -> Result<DateValue, ()> {
    match s {
        "PRESENT_REF" => return Ok(DateValue::Reference(Reference::Present)),
        "PAST_REF" => return Ok(DateValue::Reference(Reference::Past)),
        "FUTURE_REF" => return Ok(DateValue::Reference(Reference::Future)),
        _ => {}
    }
    if let Some(rest) = s.strip_prefix('P') {
        return parse_duration(rest);
    }
    let (date, time) = match s.split_once('T') {
        Some((d, t)) => (d, Some(parse_time(t)?)),
        None => (s, None),
    };
    let mut parts = date.split('-');
    let head = parts.next().ok_or(())?;
    let rest: Vec<&str> = parts.collect();
    match (head.len(), rest.as_slice()) {
        (2, []) if time.is_none() => return Ok(DateValue::Century(field(head)?.ok_or(())?)),
        (3, []) if time.is_none() => return Ok(DateValue::Decade(field(head)?.ok_or(())?)),
        (4, _) => {}
        _ => return Err(()),
    }
    let year: Option<i16> = field(head)?;
    let value = match rest.as_slice() {
        [] => DateValue::Year(year),
        [m] if m.len() == 2
            && !m.starts_with(['W', 'Q', 'H'])
            && Season::from_code(m).is_none() =>
        {
            DateValue::Month { year, month: ranged(m, 1, 12)? }
        }
        [m, d] if m.len() == 2 && !m.starts_with('W') => {
            DateValue::Day { year, month: ranged(m, 1, 12)?, day: ranged(d, 1, 31)? }
        }
        [w] if w.starts_with('W') => DateValue::Week { year, week: ranged(&w[1..], 1, 53)? },
        [w, we] if w.starts_with('W') && *we == "WE" => {
            DateValue::Weekend { year, week: ranged(&w[1..], 1, 53)? }
        }
        [w, d] if *w == "WXX" && year.is_none() => DateValue::Weekday(ranged(d, 1, 7)?.ok_or(())?),
        [q] if q.starts_with('Q') => DateValue::Quarter { year, quarter: ranged(&q[1..], 1, 4)? },
        [h] if h.starts_with('H') => {
            DateValue::Half { year, half: ranged(&h[1..], 1, 2)?.ok_or(())? }
        }
        [code] => DateValue::Season { year, season: Season::from_code(code).ok_or(())? },
        _ => return Err(()),
    };
    let Some(time) = time else { return Ok(value) };
    let day = match value {
        DateValue::Day { year: Some(y), month: Some(m), day: Some(d) } => {
            DayRef::Date(Date::new(y, m, d).map_err(|_| ())?)
        }
        DateValue::Day { year: None, month: None, day: None } => DayRef::Unknown,
        DateValue::Weekday(w) => DayRef::Weekday(w),
        _ => return Err(()),
    };
    Ok(DateValue::Time { day, time })
}

impl FromStr for DateValue {
    type Err = ParseDateValueError;

    /// Parses a TIMEX3 value as this crate writes it. Recurrences read back as the
    /// period or day they repeat (`P1W` is a duration, `XXXX-WXX-1` a weekday); the
    /// mention's [`TimexKind`](super::TimexKind) tells them apart.
    ///
    /// ```
    /// use newsextract::date::DateValue;
    ///
    /// let v: DateValue = "2025-03-19TMO".parse()?;
    /// assert_eq!(v.to_string(), "2025-03-19TMO");
    /// assert!("next Tuesday".parse::<DateValue>().is_err());
    /// # Ok::<(), newsextract::date::ParseDateValueError>(())
    /// ```
    fn from_str(s: &str) -> Result<DateValue, ParseDateValueError> {
        parse_value(s.trim()).map_err(|()| ParseDateValueError { text: s.to_string() })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for DateValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
