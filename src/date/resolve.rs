//! Resolution: an [`Expr`] and the publication date give a TIMEX3 kind and value.

use jiff::Span as Period;
use jiff::civil::Date;

use super::TimexKind;
use super::grammar::{Cal, ClockDay, Expr, Parsed, YearRef};
use super::lexicon::{HolidayRule, Tense};
use super::value::{DateValue, DayRef, Season};

/// What resolution needs besides the expression.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Context {
    /// The publication date.
    pub dct: Option<Date>,
    /// The tense of the clause (`None` when nothing marks it).
    pub tense: Option<Tense>,
    /// Whether the sentence talks about quarters ("a year earlier" then means the
    /// quarter a year before).
    pub quarters: bool,
    /// The date last talked about, for "that year" and "the following month".
    pub anchor: Option<DateValue>,
}

/// Whether resolving the expression against the publication date `dct` looks at the
/// tense: never without one, nor for a shifted weekday, month or holiday ("last
/// Tuesday", "next March"), a period of a written year, the current month, or a
/// weekend other than this one.
pub(crate) fn needs_tense(p: &Parsed, dct: Option<Date>) -> bool {
    let Some(dct) = dct else { return false };
    match p.expr {
        Expr::Weekday { shift, .. } => shift.is_none_or(|s| s == 0),
        Expr::MonthDay { .. }
        | Expr::LatestQuarter { .. }
        | Expr::In { .. }
        | Expr::Clock { day: ClockDay::Weekday(_), .. } => true,
        Expr::Month { month, shift } => shift.is_none() && month != dct.month(),
        Expr::Quarter { year, .. } | Expr::Half { year, .. } | Expr::Season { year, .. } => {
            year == YearRef::Tense
        }
        Expr::Rel { cal: Cal::Weekend, offset } => offset == 0 && weekday(dct) < 6,
        Expr::Holiday { shift, .. } => shift.is_none(),
        _ => false,
    }
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(Period::new().try_days(n).ok()?).ok()
}

fn add_months(d: Date, n: i64) -> Option<Date> {
    d.first_of_month().checked_add(Period::new().try_months(n).ok()?).ok()
}

fn weekday(d: Date) -> i8 {
    d.weekday().to_monday_one_offset()
}

fn day(d: Date) -> DateValue {
    DateValue::Day { year: Some(d.year()), month: Some(d.month()), day: Some(d.day()) }
}

fn quarter_of(d: Date) -> i8 {
    (d.month() - 1) / 3 + 1
}

/// The ISO week of a date as a value.
fn week(d: Date) -> DateValue {
    let w = d.iso_week_date();
    DateValue::Week { year: Some(w.year()), week: Some(w.week()) }
}

/// The date of weekday `wd` nearest the publication date in the direction `shift`
/// ("last" -1, "next" +1) or, without one, that the tense points to.
fn weekday_date(dct: Date, wd: i8, shift: Option<i8>, tense: Option<Tense>) -> Option<Date> {
    let today = weekday(dct);
    let back = i64::from((today - wd).rem_euclid(7));
    let fwd = i64::from((wd - today).rem_euclid(7));
    let offset = match (shift, tense) {
        (Some(s), _) if s < 0 => -(if back == 0 { 7 } else { back }),
        (Some(s), _) if s > 0 => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        (_, Some(Tense::Future)) => fwd,
        _ => -back,
    };
    add_days(dct, offset)
}

/// Days a candidate date is penalized for lying on the side of the publication date
/// that the tense contradicts.
const AGAINST_TENSE: i64 = 270;

/// Days a future candidate is penalized when the tense is unknown: news narrates the
/// past.
const UNMARKED_FUTURE: i64 = 60;

/// How far a candidate is from the publication date, in days, counting a date on the
/// wrong side of the tense as further.
fn distance(dct: Date, d: Date, tense: Option<Tense>) -> i64 {
    // Whole days: a civil date's duration is a whole number of 24-hour days.
    let days = d.duration_since(dct).as_secs() / 86_400;
    let penalty = match tense {
        Some(Tense::Past) if days > 1 => AGAINST_TENSE,
        Some(Tense::Future) if days < -1 => AGAINST_TENSE,
        None if days > 1 => UNMARKED_FUTURE,
        _ => 0,
    };
    days.abs() + penalty
}

/// The year of a month and day: the occurrence nearest the publication date, with the
/// tense pulling towards the past or the future.
fn year_for(dct: Date, month: i8, day: i8, tense: Option<Tense>) -> Option<Date> {
    let y = dct.year();
    [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|y| Date::new(y, month, day).ok())
        .min_by_key(|&d| distance(dct, d, tense))
}

/// A holiday's date in year `y`.
fn holiday_in(y: i16, rule: HolidayRule) -> Option<Date> {
    let d = Date::new(y, rule.month, rule.day).ok()?;
    match rule.weekday {
        None => Some(d),
        Some(w) => add_days(d, i64::from((w - weekday(d)).rem_euclid(7))),
    }
}

/// The occurrence of a holiday a shift ("last", "next") or the tense points to.
fn holiday_date(
    dct: Date,
    rule: HolidayRule,
    shift: Option<i8>,
    tense: Option<Tense>,
) -> Option<Date> {
    let y = dct.year();
    let candidates = [y - 1, y, y + 1].map(|y| holiday_in(y, rule));
    let mut it = candidates.iter().flatten().copied();
    match shift {
        Some(s) if s < 0 => it.filter(|&d| d < dct).max(),
        Some(s) if s > 0 => it.find(|&d| d > dct),
        Some(_) => holiday_in(y, rule),
        None => it.min_by_key(|&d| distance(dct, d, tense)),
    }
}

/// The year of a month name alone: as for a day, taking the month's middle.
fn month_year(dct: Date, month: i8, shift: Option<i8>, tense: Option<Tense>) -> i16 {
    let (y, m) = (dct.year(), dct.month());
    match shift {
        Some(s) if s < 0 => return if month < m { y } else { y - 1 },
        Some(s) if s > 0 => return if month > m { y } else { y + 1 },
        Some(_) => return y,
        None => {}
    }
    if month == m {
        return y;
    }
    year_for(dct, month, 15, tense).map_or(y, Date::year)
}

/// The year of a numbered period starting in month `first`.
fn period_year(dct: Date, year: YearRef, first: i8, tense: Option<Tense>) -> i16 {
    let (y, m) = (dct.year(), dct.month());
    match year {
        YearRef::Abs(y) => y,
        YearRef::Rel(n) | YearRef::Shift(n) => y.saturating_add(n as i16),
        YearRef::Tense => match tense {
            Some(Tense::Future) => y,
            _ if first > m => y - 1,
            _ => y,
        },
    }
}

fn season_year(dct: Date, season: Season, year: YearRef, tense: Option<Tense>) -> i16 {
    let (y, m) = (dct.year(), dct.month());
    let first = season.first_month();
    match year {
        YearRef::Abs(y) => y,
        YearRef::Rel(n) => y.saturating_add(n as i16),
        YearRef::Shift(0) => y,
        YearRef::Shift(n) if n < 0 => {
            if first + 2 < m {
                y
            } else {
                y - 1
            }
        }
        YearRef::Shift(_) => {
            if first > m {
                y
            } else {
                y + 1
            }
        }
        YearRef::Tense => match tense {
            Some(Tense::Future) if first + 2 < m => y + 1,
            Some(Tense::Past) if first > m => y - 1,
            _ => y,
        },
    }
}

/// The latest completed quarter (current one in future tense): (year, quarter).
fn latest_quarter(dct: Date, tense: Option<Tense>) -> (i16, i8) {
    let q = quarter_of(dct);
    match tense {
        Some(Tense::Future) => (dct.year(), q),
        _ if q == 1 => (dct.year() - 1, 4),
        _ => (dct.year(), q - 1),
    }
}

/// The value of a period `offset` units away from the publication date's.
fn relative(dct: Date, cal: Cal, offset: i32, tense: Option<Tense>) -> Option<DateValue> {
    let n = i64::from(offset);
    let y = i32::from(dct.year());
    Some(match cal {
        Cal::Year => DateValue::Year(Some(i16::try_from(y + offset).ok()?)),
        Cal::Quarter => {
            let d = add_months(dct, 3 * n)?;
            DateValue::Quarter { year: Some(d.year()), quarter: Some(quarter_of(d)) }
        }
        Cal::Month => {
            let d = add_months(dct, n)?;
            DateValue::Month { year: Some(d.year()), month: Some(d.month()) }
        }
        Cal::Week => week(add_days(dct, 7 * n)?),
        Cal::Day => day(add_days(dct, n)?),
        Cal::Decade => DateValue::Decade(i16::try_from(y.div_euclid(10) + offset).ok()?),
        Cal::Century => DateValue::Century(i16::try_from(y.div_euclid(100) + offset).ok()?),
        Cal::Weekend => {
            // The weekend of this week once it has begun or in future tense, else the
            // one before.
            let in_weekend = weekday(dct) >= 6;
            let base = match (offset, in_weekend, tense) {
                (0, true, _) | (0, _, Some(Tense::Future)) => 0,
                (0, false, _) => -1,
                (o, true, _) => o,
                (o, false, _) if o > 0 => o - 1,
                (o, false, _) => o,
            };
            let saturday = add_days(dct, i64::from(6 - weekday(dct)) + 7 * i64::from(base))?;
            let w = saturday.iso_week_date();
            DateValue::Weekend { year: Some(w.year()), week: Some(w.week()) }
        }
    })
}

/// The value a calendar granularity has without a publication date.
fn unknown(cal: Cal) -> DateValue {
    match cal {
        Cal::Year | Cal::Decade | Cal::Century => DateValue::Year(None),
        Cal::Quarter => DateValue::Quarter { year: None, quarter: None },
        Cal::Month => DateValue::Month { year: None, month: None },
        Cal::Week => DateValue::Week { year: None, week: None },
        Cal::Weekend => DateValue::Weekend { year: None, week: None },
        Cal::Day => DateValue::Day { year: None, month: None, day: None },
    }
}

/// The day a day-level expression names, if it is one and can be anchored.
fn day_ref(expr: &Expr, ctx: &Context) -> Option<DayRef> {
    let dct = ctx.dct;
    Some(match *expr {
        Expr::Weekday { weekday: wd, shift } => match dct {
            Some(dct) => DayRef::Date(weekday_date(dct, wd, shift, ctx.tense)?),
            None => DayRef::Weekday(wd),
        },
        Expr::Deictic(n) => match dct {
            Some(dct) => DayRef::Date(add_days(dct, i64::from(n))?),
            None => DayRef::Unknown,
        },
        Expr::MonthDay { month, day } => match dct {
            Some(dct) => DayRef::Date(year_for(dct, month, day, ctx.tense)?),
            None => DayRef::Unknown,
        },
        Expr::Fixed(_, DateValue::Day { year: Some(y), month: Some(m), day: Some(d) }) => {
            DayRef::Date(Date::new(y, m, d).ok()?)
        }
        _ => return None,
    })
}

/// The TIMEX3 kind and value of a parsed expression.
pub(crate) fn resolve(p: &Parsed, ctx: &Context) -> Option<(TimexKind, DateValue)> {
    if let Some(time) = p.time {
        return Some((TimexKind::Time, DateValue::Time { day: day_ref(&p.expr, ctx)?, time }));
    }
    let date = |v| Some((TimexKind::Date, v));
    if let Expr::Anaphor { cal, offset } = p.expr {
        return date(anaphor(ctx.anchor?, cal, offset)?);
    }
    if let Expr::AnaphorWeekday { weekday: wd, shift } = p.expr {
        let base = match ctx.anchor {
            Some(DateValue::Day { year: Some(y), month: Some(m), day: Some(d) }) => {
                Date::new(y, m, d).ok()
            }
            Some(DateValue::Time { day: DayRef::Date(d), .. }) => Some(d),
            _ => ctx.dct,
        };
        return match base {
            Some(base) => date(day(weekday_date(base, wd, Some(shift), None)?)),
            None => date(DateValue::Weekday(wd)),
        };
    }
    let tense = ctx.tense;
    let Some(dct) = ctx.dct else {
        return unanchored(&p.expr);
    };
    match p.expr {
        Expr::Fixed(kind, value) => Some((kind, value)),
        Expr::Weekday { .. } | Expr::Deictic(_) | Expr::MonthDay { .. } => {
            match day_ref(&p.expr, ctx)? {
                DayRef::Date(d) => date(day(d)),
                _ => None,
            }
        }
        Expr::Month { month, shift } => date(DateValue::Month {
            year: Some(month_year(dct, month, shift, tense)),
            month: Some(month),
        }),
        Expr::MonthOf { month, year } => {
            let y = period_year(dct, year, month, tense);
            date(DateValue::Month { year: Some(y), month: Some(month) })
        }
        Expr::Rel { cal, offset } => date(relative(dct, cal, offset, tense)?),
        Expr::Quarter { quarter, year } => {
            let first = 3 * quarter - 2;
            let y = period_year(dct, year, first, tense);
            date(DateValue::Quarter { year: Some(y), quarter: Some(quarter) })
        }
        Expr::Half { half, year } => {
            let first = 6 * half - 5;
            let y = period_year(dct, year, first, tense);
            date(DateValue::Half { year: Some(y), half })
        }
        Expr::LatestQuarter { year } => {
            let (y, q) = latest_quarter(dct, tense);
            let y = match year {
                YearRef::Abs(y) => y,
                YearRef::Rel(n) | YearRef::Shift(n) => y.saturating_add(n as i16),
                YearRef::Tense => y,
            };
            date(DateValue::Quarter { year: Some(y), quarter: Some(q) })
        }
        Expr::Season { season, year } => {
            date(DateValue::Season { year: Some(season_year(dct, season, year, tense)), season })
        }
        Expr::YearAgo if ctx.quarters => {
            let (y, q) = latest_quarter(dct, None);
            date(DateValue::Quarter { year: Some(y - 1), quarter: Some(q) })
        }
        Expr::YearAgo => date(DateValue::Year(Some(dct.year() - 1))),
        Expr::In { amount, cal, unit } => match tense {
            Some(Tense::Future) => date(relative(dct, cal, amount as i32, tense)?),
            _ => Some((TimexKind::Duration, DateValue::Duration { amount: Some(amount), unit })),
        },
        Expr::Holiday { rule, shift } => date(day(holiday_date(dct, rule, shift, tense)?)),
        Expr::Anaphor { .. } | Expr::AnaphorWeekday { .. } => None,
        Expr::Clock { day: d, time } => {
            let day = match d {
                ClockDay::Deictic(n) => add_days(dct, i64::from(n))?,
                ClockDay::Weekday(wd) => weekday_date(dct, wd, None, tense)?,
                ClockDay::MonthDay(m, d) => year_for(dct, m, d, tense)?,
            };
            Some((TimexKind::Time, DateValue::Time { day: DayRef::Date(day), time }))
        }
    }
}

/// The period `offset` units of `cal` from the one of `anchor`, when the anchor is
/// at least that precise.
fn anaphor(anchor: DateValue, cal: Cal, offset: i32) -> Option<DateValue> {
    let n = i64::from(offset);
    let (year, month, mday) = match anchor {
        DateValue::Day { year: Some(y), month, day: d } => (y, month, d),
        DateValue::Month { year: Some(y), month } => (y, month, None),
        DateValue::Year(Some(y)) => (y, None, None),
        DateValue::Time { day: DayRef::Date(d), .. } => (d.year(), Some(d.month()), Some(d.day())),
        _ => return None,
    };
    let full = || Date::new(year, month?, mday?).ok();
    Some(match cal {
        Cal::Year => DateValue::Year(Some(year.checked_add(i16::try_from(offset).ok()?)?)),
        Cal::Month => {
            let d = add_months(Date::new(year, month?, 1).ok()?, n)?;
            DateValue::Month { year: Some(d.year()), month: Some(d.month()) }
        }
        Cal::Week => week(add_days(full()?, 7 * n)?),
        Cal::Day => day(add_days(full()?, n)?),
        Cal::Quarter | Cal::Decade | Cal::Century | Cal::Weekend => return None,
    })
}

/// Values without a publication date: what the text says, and X for the rest.
fn unanchored(expr: &Expr) -> Option<(TimexKind, DateValue)> {
    let date = |v| Some((TimexKind::Date, v));
    match *expr {
        Expr::Fixed(kind, value) => Some((kind, value)),
        Expr::Weekday { weekday, .. } => date(DateValue::Weekday(weekday)),
        Expr::Deictic(_) => date(DateValue::Day { year: None, month: None, day: None }),
        Expr::MonthDay { month, day } => {
            date(DateValue::Day { year: None, month: Some(month), day: Some(day) })
        }
        Expr::Month { month, .. } | Expr::MonthOf { month, .. } => {
            date(DateValue::Month { year: None, month: Some(month) })
        }
        Expr::Rel { cal, .. } => date(unknown(cal)),
        Expr::Quarter { quarter, year } => {
            let year = if let YearRef::Abs(y) = year { Some(y) } else { None };
            date(DateValue::Quarter { year, quarter: Some(quarter) })
        }
        Expr::Half { half, year } => {
            let year = if let YearRef::Abs(y) = year { Some(y) } else { None };
            date(DateValue::Half { year, half })
        }
        Expr::LatestQuarter { year } => {
            let year = if let YearRef::Abs(y) = year { Some(y) } else { None };
            date(DateValue::Quarter { year, quarter: None })
        }
        Expr::Season { season, year } => {
            let year = if let YearRef::Abs(y) = year { Some(y) } else { None };
            date(DateValue::Season { year, season })
        }
        Expr::YearAgo => date(DateValue::Year(None)),
        Expr::In { amount, unit, .. } => {
            Some((TimexKind::Duration, DateValue::Duration { amount: Some(amount), unit }))
        }
        Expr::Holiday { rule, .. } => match rule.weekday {
            None => {
                date(DateValue::Day { year: None, month: Some(rule.month), day: Some(rule.day) })
            }
            Some(_) => date(DateValue::Month { year: None, month: Some(rule.month) }),
        },
        // Resolved before the publication date is looked at.
        Expr::Anaphor { .. } | Expr::AnaphorWeekday { .. } => None,
        Expr::Clock { day, time } => {
            let day = match day {
                ClockDay::Weekday(w) => DayRef::Weekday(w),
                ClockDay::Deictic(_) | ClockDay::MonthDay(..) => DayRef::Unknown,
            };
            Some((TimexKind::Time, DateValue::Time { day, time }))
        }
    }
}
