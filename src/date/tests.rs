//! Table tests per expression family.

use jiff::civil::Date;

use super::{DateTagger, TimexKind};

/// One case: a text, its publication date and the expected expressions as
/// `(words, kind, value)` in text order.
struct Case {
    name: &'static str,
    text: &'static str,
    published: Option<&'static str>,
    expected: &'static [(&'static str, &'static str, &'static str)],
}

macro_rules! t {
    ($name:expr, $text:expr, $published:expr, [$(($w:expr, $k:expr, $v:expr)),* $(,)?]) => {
        Case { name: $name, text: $text, published: $published, expected: &[$(($w, $k, $v)),*] }
    };
}

fn kind_name(kind: TimexKind) -> &'static str {
    match kind {
        TimexKind::Date => "date",
        TimexKind::Time => "time",
        TimexKind::Duration => "duration",
        TimexKind::Set => "set",
    }
}

fn run(cases: &[Case]) {
    let tagger = DateTagger::new();
    let mut failures = Vec::new();
    for case in cases {
        let published = case.published.map(|p| p.parse::<Date>().expect("valid test date"));
        let got: Vec<(String, &str, String)> = tagger
            .tag(case.text, published)
            .iter()
            .map(|d| (case.text[d.span].to_string(), kind_name(d.kind), d.value.to_string()))
            .collect();
        let want: Vec<(String, &str, String)> =
            case.expected.iter().map(|&(w, k, v)| (w.to_string(), k, v.to_string())).collect();
        if got != want {
            failures
                .push(format!("{}: {:?}\n  want {want:?}\n  got  {got:?}", case.name, case.text));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

const PUB: Option<&str> = Some("2025-03-19"); // a Wednesday

#[test]
fn tense_dependent_weekdays() {
    run(&[
        t!(
            "past narration",
            "Putin spoke to Trump on Tuesday.",
            PUB,
            [("Tuesday", "date", "2025-03-18")]
        ),
        t!(
            "same day, past",
            "The two leaders talked on Wednesday.",
            PUB,
            [("Wednesday", "date", "2025-03-19")]
        ),
        t!(
            "past, earlier in week",
            "Officials met on Monday.",
            PUB,
            [("Monday", "date", "2025-03-17")]
        ),
        t!(
            "past, last week",
            "The deal was signed on Friday.",
            PUB,
            [("Friday", "date", "2025-03-14")]
        ),
        t!(
            "future will",
            "Negotiators will meet on Friday.",
            PUB,
            [("Friday", "date", "2025-03-21")]
        ),
        t!("future 'll", "We'll know more on Monday.", PUB, [("Monday", "date", "2025-03-24")]),
        t!(
            "future scheduled",
            "A vote is scheduled for Thursday.",
            PUB,
            [("Thursday", "date", "2025-03-20")]
        ),
        t!(
            "passive future",
            "The summit will be held Sunday.",
            PUB,
            [("Sunday", "date", "2025-03-23")]
        ),
        t!(
            "last weekday",
            "He arrived last Wednesday.",
            PUB,
            [("last Wednesday", "date", "2025-03-12")]
        ),
        t!(
            "next weekday",
            "They meet again next Tuesday.",
            PUB,
            [("next Tuesday", "date", "2025-03-25")]
        ),
        t!(
            "weekday and part",
            "They spoke Wednesday morning.",
            PUB,
            [("Wednesday morning", "time", "2025-03-19TMO")]
        ),
        t!(
            "weekday with date",
            "It began on Tuesday, March 11, 2025.",
            PUB,
            [("Tuesday, March 11, 2025", "date", "2025-03-11")]
        ),
        t!(
            "a plan in the past",
            "The offer had been due to expire Friday evening.",
            PUB,
            [("Friday evening", "time", "2025-03-14TEV")]
        ),
        t!(
            "until in the past perfect",
            "Until Thursday, the police had not named a suspect.",
            PUB,
            [("Thursday", "date", "2025-03-13")]
        ),
        t!(
            "until alone looks ahead",
            "The border stays closed until Thursday.",
            PUB,
            [("Thursday", "date", "2025-03-20")]
        ),
        t!(
            "a present schedule verb looks ahead",
            "The cabinet meets Monday to discuss the budget.",
            PUB,
            [("Monday", "date", "2025-03-24")]
        ),
        t!(
            "an infinitive takes the tense of its verb",
            "Shortages made it hard to meet orders on Monday.",
            PUB,
            [("Monday", "date", "2025-03-17")]
        ),
        t!(
            "postponed until looks ahead",
            "Officials postponed the vote until Tuesday.",
            PUB,
            [("Tuesday", "date", "2025-03-25")]
        ),
        t!(
            "a plan under way still looks ahead",
            "Farmers were planning to block the roads on Monday.",
            Some("2025-03-21"),
            [("Monday", "date", "2025-03-24")]
        ),
        t!(
            "the noun plan marks no future",
            "The agency announced the plan Aug. 21.",
            Some("2025-10-27"),
            [("Aug. 21", "date", "2025-08-21")]
        ),
        t!(
            "supposed to looks ahead",
            "The talks are supposed to conclude by May.",
            Some("2025-03-22"),
            [("May", "date", "2025-05")]
        ),
        t!("lowercase abbreviations are not days", "they sat in the sun and wed", PUB, []),
        t!("lowercase full name", "they met monday", PUB, [("monday", "date", "2025-03-17")]),
        // The tense moves a date far from the publication date, not one near it.
        t!(
            "future month day",
            "The summit will be held on January 20.",
            PUB,
            [("January 20", "date", "2026-01-20")]
        ),
        t!(
            "past month day",
            "The summit was held on January 20.",
            PUB,
            [("January 20", "date", "2025-01-20")]
        ),
        t!(
            "near month day",
            "Talks will resume on March 11.",
            PUB,
            [("March 11", "date", "2025-03-11")]
        ),
        t!("future month", "The vote will come in January.", PUB, [("January", "date", "2026-01")]),
        t!(
            "quarter in past narration",
            "Sales fell in the third quarter.",
            PUB,
            [("the third quarter", "date", "2024-Q3")]
        ),
    ]);
}

#[test]
fn absolute_dates() {
    run(&[
        t!("month day", "Talks began on March 11.", PUB, [("March 11", "date", "2025-03-11")]),
        t!("abbreviation", "Talks began on Mar. 11.", PUB, [("Mar. 11", "date", "2025-03-11")]),
        t!(
            "season of a spoken year",
            "Prices fell in the winter of nineteen ninety-four.",
            PUB,
            [("the winter of nineteen ninety-four", "date", "1994-WI")]
        ),
        t!(
            "month of a spoken year",
            "He left in March of two thousand three.",
            PUB,
            [("March of two thousand three", "date", "2003-03")]
        ),
        t!(
            "day month year",
            "It was signed on 11 March 2025.",
            PUB,
            [("11 March 2025", "date", "2025-03-11")]
        ),
        t!("month year", "Sales fell in March 2024.", PUB, [("March 2024", "date", "2024-03")]),
        t!("year", "The war began in 2022.", PUB, [("2022", "date", "2022")]),
        t!("slashes", "Filed 3/11/2025 in court.", PUB, [("3/11/2025", "date", "2025-03-11")]),
        t!("iso", "Updated 2025-03-11.", PUB, [("2025-03-11", "date", "2025-03-11")]),
        t!("decade", "Prices rose in the 1990s.", PUB, [("the 1990s", "date", "199")]),
        t!("mid year", "Growth returns by mid-2024.", PUB, [("mid-2024", "date", "2024")]),
        t!("quarter code", "Revenue in Q3 2025 rose.", PUB, [("Q3 2025", "date", "2025-Q3")]),
        t!(
            "ordinal quarter",
            "Profit fell in the third quarter.",
            PUB,
            [("the third quarter", "date", "2024-Q3")]
        ),
        t!(
            "hyphen quarter",
            "Its fourth-quarter profit rose.",
            PUB,
            [("fourth-quarter", "date", "2024-Q4")]
        ),
        t!("fiscal", "The budget for fiscal 2026 passed.", PUB, [("fiscal 2026", "date", "2026")]),
        t!("season year", "It opens in summer 2024.", PUB, [("summer 2024", "date", "2024-SU")]),
        t!("count not year", "About 2000 troops were sent.", PUB, []),
        t!("modal may", "Prices may rise.", PUB, []),
        t!("month may", "Elections are held in May.", PUB, [("May", "date", "2025-05")]),
        t!(
            "ordinal of month",
            "It ends on the first of April.",
            PUB,
            [("the first of April", "date", "2025-04-01")]
        ),
        t!(
            "month ordinal",
            "It ended on March first.",
            PUB,
            [("March first", "date", "2025-03-01")]
        ),
        t!(
            "numeric ordinal of month",
            "It began on the 3rd of March.",
            PUB,
            [("3rd of March", "date", "2025-03-03")]
        ),
    ]);
}

#[test]
fn relative_dates() {
    run(&[
        t!(
            "yesterday",
            "Putin said yesterday that talks failed.",
            PUB,
            [("yesterday", "date", "2025-03-18")]
        ),
        t!(
            "today tomorrow",
            "Today is calm; tomorrow may not be.",
            PUB,
            [("Today", "date", "2025-03-19"), ("tomorrow", "date", "2025-03-20")]
        ),
        t!("this week", "Talks resume this week.", PUB, [("this week", "date", "2025-W12")]),
        t!("this year", "Growth slowed this year.", PUB, [("this year", "date", "2025")]),
        t!("last year", "Exports fell last year.", PUB, [("last year", "date", "2024")]),
        t!("next month", "Voting starts next month.", PUB, [("next month", "date", "2025-04")]),
        t!("days ago", "He left two days ago.", PUB, [("two days ago", "date", "2025-03-17")]),
        t!(
            "weeks ago",
            "It began three weeks ago.",
            PUB,
            [("three weeks ago", "date", "2025-W09")]
        ),
        t!(
            "in weeks",
            "The plant will open in three weeks.",
            PUB,
            [("three weeks", "date", "2025-W15")]
        ),
        t!(
            "earlier this month",
            "It was agreed earlier this month.",
            PUB,
            [("earlier this month", "date", "2025-03")]
        ),
        t!(
            "early next year",
            "Elections are due early next year.",
            PUB,
            [("early next year", "date", "2026")]
        ),
        t!(
            "past year date",
            "Rates rose over the past year.",
            PUB,
            [("the past year", "date", "2024")]
        ),
        t!(
            "refs",
            "It is now calm, was recently tense and will soon change.",
            PUB,
            [
                ("now", "date", "PRESENT_REF"),
                ("recently", "date", "PAST_REF"),
                ("soon", "date", "FUTURE_REF")
            ]
        ),
        t!(
            "currently",
            "Troops are currently deployed.",
            PUB,
            [("currently", "date", "PRESENT_REF")]
        ),
        t!(
            "the future",
            "Peace in the near future is unlikely.",
            PUB,
            [("the near future", "date", "FUTURE_REF")]
        ),
        t!(
            "weekend",
            "Fighting eased over the weekend.",
            PUB,
            [("the weekend", "date", "2025-W11-WE")]
        ),
    ]);
}

#[test]
fn anaphoric_dates() {
    run(&[
        t!(
            "the following year",
            "The firm was founded on May 22, 2019, and went public the following year.",
            PUB,
            [("May 22, 2019", "date", "2019-05-22"), ("the following year", "date", "2020")]
        ),
        t!(
            "that year",
            "Sales fell in 2021. That year the firm cut 500 jobs.",
            PUB,
            [("2021", "date", "2021"), ("That year", "date", "2021")]
        ),
        t!(
            "later that year",
            "She fled in June 2018 and returned later that year.",
            PUB,
            [("June 2018", "date", "2018-06"), ("later that year", "date", "2018")]
        ),
        t!(
            "earlier that same day",
            "The bridge collapsed on Oct. 3, 2024. Earlier that same day, engineers had warned.",
            PUB,
            [
                ("Oct. 3, 2024", "date", "2024-10-03"),
                ("Earlier that same day", "date", "2024-10-03")
            ]
        ),
        t!(
            "the following month",
            "The plant closed in March 2023; the following month its owner sold it.",
            PUB,
            [("March 2023", "date", "2023-03"), ("the following month", "date", "2023-04")]
        ),
        t!(
            "a day needs a day to point to",
            "The law passed in 2020 and took effect that day.",
            PUB,
            [("2020", "date", "2020")]
        ),
        t!(
            "the same month last year",
            "Exports rose in February 2025 from the same month last year.",
            PUB,
            [("February 2025", "date", "2025-02"), ("the same month last year", "date", "2024-02")]
        ),
        t!("nothing to point to", "Brokers say that day trading is risky.", PUB, []),
        t!(
            "the previous weekday",
            "Shares closed on Friday 2% below the previous Friday.",
            PUB,
            [("Friday", "date", "2025-03-14"), ("the previous Friday", "date", "2025-03-07")]
        ),
        t!(
            "the following weekday",
            "The truce will begin Friday, and talks open the following Monday.",
            PUB,
            [("Friday", "date", "2025-03-21"), ("the following Monday", "date", "2025-03-24")]
        ),
        t!(
            "a time on an implied day is no anchor",
            "Shares fell on Friday after overnight losses, 2% below the previous Friday.",
            Some("2025-03-24"),
            [
                ("Friday", "date", "2025-03-21"),
                ("overnight", "time", "2025-03-24TNI"),
                ("the previous Friday", "date", "2025-03-14")
            ]
        ),
        t!(
            "the previous weekday without an anchor",
            "Prices fell below the previous Friday's close.",
            PUB,
            [("the previous Friday", "date", "2025-03-14")]
        ),
        t!(
            "the next day",
            "The storm hit on Sept. 4, 2024, and the port reopened the next day.",
            PUB,
            [("Sept. 4, 2024", "date", "2024-09-04"), ("the next day", "date", "2024-09-05")]
        ),
    ]);
}

#[test]
fn times_of_day() {
    run(&[
        t!("clock pm", "The vote is at 8 p.m.", PUB, [("8 p.m.", "time", "2025-03-19T20:00")]),
        t!(
            "clock, zone aside, day",
            "The blast went off at 10:35 a.m. (0735 GMT) Friday.",
            PUB,
            [("10:35 a.m.", "time", "2025-03-14T10:35"), ("Friday", "date", "2025-03-14")]
        ),
        t!(
            "clock with day",
            "Polls closed at 8:30 p.m. Tuesday.",
            PUB,
            [("8:30 p.m. Tuesday", "time", "2025-03-18T20:30")]
        ),
        t!("noon", "They met at noon.", PUB, [("noon", "time", "2025-03-19T12:00")]),
        t!("tonight", "He speaks tonight.", PUB, [("tonight", "time", "2025-03-19TNI")]),
        t!(
            "last night",
            "Shelling resumed last night.",
            PUB,
            [("last night", "time", "2025-03-18TNI")]
        ),
        t!(
            "this morning",
            "Sirens sounded this morning.",
            PUB,
            [("this morning", "time", "2025-03-19TMO")]
        ),
        t!(
            "yesterday evening",
            "It was quiet yesterday evening.",
            PUB,
            [("yesterday evening", "time", "2025-03-18TEV")]
        ),
    ]);
}

#[test]
fn durations() {
    run(&[
        t!("hyphen days", "A 30-day ceasefire began.", PUB, [("30-day", "duration", "P30D")]),
        t!("hour-long", "They held an hour-long call.", PUB, [("hour-long", "duration", "PT1H")]),
        t!("two weeks", "The talks lasted two weeks.", PUB, [("two weeks", "duration", "P2W")]),
        t!(
            "over the: a preposition",
            "Prices rose over the past 20 years.",
            PUB,
            [("the past 20 years", "duration", "P20Y")]
        ),
        t!(
            "over a quantity",
            "The hearing lasted over an hour.",
            PUB,
            [("over an hour", "duration", "PT1H")]
        ),
        t!("within", "The plant will reopen within a week.", PUB, [("a week", "duration", "P1W")]),
        t!(
            "just",
            "The border opened just two years ago.",
            PUB,
            [("two years ago", "date", "2023")]
        ),
        t!(
            "one day after a modal",
            "The region could one day supply half the grid.",
            PUB,
            [("one day", "date", "FUTURE_REF")]
        ),
        t!(
            "one day as a length",
            "The strike lasted one day.",
            PUB,
            [("one day", "duration", "P1D")]
        ),
        t!(
            "or so",
            "Prices may stay high for the next two years or so.",
            PUB,
            [("the next two years or so", "duration", "P2Y")]
        ),
        t!(
            "or so before ago",
            "The mayor resigned a month or so ago.",
            PUB,
            [("a month or so ago", "date", "2025-02")]
        ),
        t!(
            "unit or so",
            "Rates should fall over the next year or so.",
            PUB,
            [("the next year or so", "date", "2026")]
        ),
        t!("a decade", "He ruled for a decade.", PUB, [("a decade", "duration", "P10Y")]),
        t!("for years", "He served for 10 years.", PUB, [("10 years", "duration", "P10Y")]),
        t!(
            "approx",
            "The call lasted approximately one hour.",
            PUB,
            [("approximately one hour", "duration", "PT1H")]
        ),
        t!(
            "past n",
            "Prices doubled in the past two years.",
            PUB,
            [("the past two years", "duration", "P2Y")]
        ),
        t!("vague", "It took several months.", PUB, [("several months", "duration", "PXM")]),
        t!(
            "first months",
            "Sales in the first nine months rose.",
            PUB,
            [("the first nine months", "duration", "P9M")]
        ),
        t!("age is not a duration", "A 30-year-old man was held.", PUB, []),
        t!(
            "compound number",
            "It lasted twenty-five years.",
            PUB,
            [("twenty-five years", "duration", "P25Y")]
        ),
    ]);
}

#[test]
fn sets() {
    run(&[
        t!("every year", "The fair is held every year.", PUB, [("every year", "set", "P1Y")]),
        t!("weekly", "They meet weekly.", PUB, [("weekly", "set", "P1W")]),
        t!(
            "each monday",
            "Rallies take place each Monday.",
            PUB,
            [("each Monday", "set", "XXXX-WXX-1")]
        ),
        t!("twice a year", "The board meets twice a year.", PUB, [("a year", "set", "P1Y")]),
        t!(
            "plural weekday",
            "The market is closed on Sundays.",
            PUB,
            [("Sundays", "set", "XXXX-WXX-7")]
        ),
        t!(
            "weekday and plural part",
            "He hosts a show Saturday mornings.",
            PUB,
            [("Saturday mornings", "set", "XXXX-WXX-6TMO")]
        ),
        t!(
            "coordinated weekdays share the plural part",
            "Ferries sail on Monday and Thursday nights.",
            PUB,
            [("Monday", "set", "XXXX-WXX-1TNI"), ("Thursday nights", "set", "XXXX-WXX-4TNI")]
        ),
        t!(
            "an abbreviation ending in s is one day",
            "The hearing resumed Thurs., officials said.",
            PUB,
            [("Thurs", "date", "2025-03-13")]
        ),
    ]);
}

#[test]
fn holidays() {
    run(&[
        t!(
            "christmas past",
            "Shops were busy before Christmas.",
            Some("2025-01-10"),
            [("Christmas", "date", "2024-12-25")]
        ),
        t!(
            "thanksgiving rule",
            "They met on Thanksgiving Day.",
            Some("2025-12-01"),
            [("Thanksgiving Day", "date", "2025-11-27")]
        ),
        t!(
            "labor day future",
            "The strike will end by Labor Day.",
            PUB,
            [("Labor Day", "date", "2025-09-01")]
        ),
        t!(
            "new year's eve",
            "Fireworks lit up New Year's Eve.",
            Some("2025-01-02"),
            [("New Year's Eve", "date", "2024-12-31")]
        ),
        t!(
            "last thanksgiving",
            "He arrived last Thanksgiving.",
            PUB,
            [("last Thanksgiving", "date", "2024-11-28")]
        ),
        t!("party not holiday", "The Labor Party won.", PUB, []),
        t!(
            "no publication date",
            "Markets close on Christmas.",
            None,
            [("Christmas", "date", "XXXX-12-25")]
        ),
    ]);
}

#[test]
fn month_and_year_boundaries() {
    run(&[
        t!(
            "yesterday over new year",
            "Markets fell yesterday.",
            Some("2025-01-01"),
            [("yesterday", "date", "2024-12-31")]
        ),
        t!(
            "december in january",
            "Sales fell in December.",
            Some("2025-01-10"),
            [("December", "date", "2024-12")]
        ),
        t!(
            "past date crosses year",
            "The deal was signed on Dec. 30.",
            Some("2025-01-03"),
            [("Dec. 30", "date", "2024-12-30")]
        ),
        t!(
            "future date crosses year",
            "Talks will resume on Jan. 5.",
            Some("2024-12-20"),
            [("Jan. 5", "date", "2025-01-05")]
        ),
        t!(
            "last month in january",
            "Prices rose last month.",
            Some("2025-01-15"),
            [("last month", "date", "2024-12")]
        ),
        t!(
            "next month in december",
            "Voting will start next month.",
            Some("2024-12-15"),
            [("next month", "date", "2025-01")]
        ),
        t!(
            "weekday over month",
            "The summit ended on Friday.",
            Some("2025-03-03"),
            [("Friday", "date", "2025-02-28")]
        ),
        t!(
            "last quarter in january",
            "Profit fell in the quarter.",
            Some("2025-01-20"),
            [("the quarter", "date", "2024-Q4")]
        ),
    ]);
}

#[test]
fn leap_years() {
    run(&[
        t!(
            "feb 29 exists",
            "It was signed on Feb. 29, 2024.",
            PUB,
            [("Feb. 29, 2024", "date", "2024-02-29")]
        ),
        t!(
            "feb 29 invalid",
            "Signed on Feb. 29, 2025.",
            PUB,
            [("Feb. 29", "date", "2024-02-29"), ("2025", "date", "2025")]
        ),
        t!(
            "day after feb 28 leap",
            "He left yesterday.",
            Some("2024-03-01"),
            [("yesterday", "date", "2024-02-29")]
        ),
        t!(
            "bare feb 29 picks leap year",
            "It happened on Feb. 29.",
            Some("2025-03-10"),
            [("Feb. 29", "date", "2024-02-29")]
        ),
    ]);
}

#[test]
fn week_numbers() {
    run(&[
        t!(
            "week 1 in december",
            "Talks resume this week.",
            Some("2024-12-30"),
            [("this week", "date", "2025-W01")]
        ),
        t!(
            "week 53",
            "Talks resumed last week.",
            Some("2021-01-06"),
            [("last week", "date", "2020-W53")]
        ),
        t!(
            "next week over year",
            "Talks resume next week.",
            Some("2025-12-24"),
            [("next week", "date", "2026-W01")]
        ),
    ]);
}

#[test]
fn without_publication_date() {
    run(&[
        t!("weekday", "Putin spoke on Tuesday.", None, [("Tuesday", "date", "XXXX-WXX-2")]),
        t!("month day", "Talks began on March 11.", None, [("March 11", "date", "XXXX-03-11")]),
        t!(
            "full date kept",
            "Signed on March 11, 2025.",
            None,
            [("March 11, 2025", "date", "2025-03-11")]
        ),
        t!("relative", "Exports fell last year.", None, [("last year", "date", "XXXX")]),
        t!("this week", "Talks resume this week.", None, [("this week", "date", "XXXX-WXX")]),
        t!("yesterday", "He left yesterday.", None, [("yesterday", "date", "XXXX-XX-XX")]),
        t!("duration kept", "A 30-day truce.", None, [("30-day", "duration", "P30D")]),
        t!(
            "time",
            "Polls close at 8 p.m. Tuesday.",
            None,
            [("8 p.m. Tuesday", "time", "XXXX-WXX-2T20:00")]
        ),
    ]);
}

#[test]
fn earnings_reports() {
    let q = Some("1989-11-02");
    run(&[
        t!(
            "the quarter",
            "Profit rose 5% in the quarter.",
            q,
            [("the quarter", "date", "1989-Q3")]
        ),
        t!(
            "the quarter ended: the calendar quarter holding most of it",
            "The retailer lost money in the quarter ended July 31.",
            Some("2025-09-10"),
            [("the quarter", "date", "2025-Q2"), ("July 31", "date", "2025-07-31")]
        ),
        t!(
            "the quarter ending, ahead",
            "Margins will improve in the quarter ending Dec. 31.",
            Some("2025-10-08"),
            [("the quarter", "date", "2025-Q4"), ("Dec. 31", "date", "2025-12-31")]
        ),
        t!(
            "the quarter a year ago",
            "For the quarter a year ago, the bank earned $3 million.",
            Some("2025-10-22"),
            [("the quarter a year ago", "date", "2024-Q3")]
        ),
        t!(
            "latest period",
            "Sales in the latest period fell.",
            q,
            [("the latest period", "date", "1989-Q3")]
        ),
        t!(
            "year-earlier quarter",
            "Net fell from the year-earlier quarter.",
            q,
            [("the year-earlier quarter", "date", "1988-Q3")]
        ),
        t!(
            "a year ago with quarters",
            "Third-quarter net rose from $5 million a year ago.",
            q,
            [("Third-quarter", "date", "1989-Q3"), ("a year ago", "date", "1988-Q3")]
        ),
        t!(
            "a year ago alone",
            "He joined the firm a year ago.",
            q,
            [("a year ago", "date", "1988")]
        ),
        t!(
            "possessive year quarter",
            "Compare this year's third quarter.",
            q,
            [("this year's third quarter", "date", "1989-Q3")]
        ),
        t!(
            "year ended",
            "Net income for the year ended Sept. 30 rose.",
            q,
            [("the year", "duration", "P1Y"), ("Sept. 30", "date", "1989-09-30")]
        ),
        t!("year-end", "The deal should close by year-end.", q, [("year-end", "date", "1989")]),
    ]);
}

#[test]
fn not_temporal() {
    run(&[
        t!("age", "Mr. Smith, 52 years old, will retire.", PUB, []),
        t!("rate", "It will save $500 million a year.", PUB, []),
        t!("index level", "The index closed at 2082.1 points.", PUB, []),
        t!("fraction", "A quarter of the vote went to him.", PUB, []),
        t!("attributive quarterly", "It raised its quarterly dividend.", PUB, []),
        t!(
            "adverbial quarterly",
            "The reserve is adjusted quarterly.",
            PUB,
            [("quarterly", "set", "P3M")]
        ),
        t!("today's", "In today's world, that is rare.", PUB, []),
        t!("decimal", "Growth was 2.5 percent.", PUB, []),
        t!("ordinal second", "He won a second term.", PUB, []),
        t!("newspaper name", "He wrote for The Daily Telegraph.", PUB, []),
        t!("modal after this", "Economists say this may allow a cut.", PUB, []),
        t!("fraction of workers", "Nearly a quarter of workers quit.", PUB, []),
        t!("pounds a year", "That is over £1bn a year.", PUB, []),
        t!(
            "amounts of money",
            "Profit rose 6.4% to $1.13bn (£600m), from €3.5bn and $2.5% in 2004, #1 2 days on.",
            PUB,
            [("2004", "date", "2004"), ("2 days", "duration", "P2D")]
        ),
        t!(
            "money and a unit",
            "It cost $5 years of work and $1.5m a week.",
            PUB,
            [("5 years", "duration", "P5Y")]
        ),
    ]);
}

#[test]
fn regression() {
    run(&[
        t!(
            "colon after date",
            "It said on Saturday, April 25: no.",
            Some("1998-04-24"),
            [("Saturday, April 25", "date", "1998-04-25")]
        ),
        t!(
            "past plan",
            "It had been scheduled to expire at midnight Friday.",
            Some("1989-10-30"),
            [("midnight Friday", "time", "1989-10-27T24:00")]
        ),
        t!(
            "clock with date",
            "The offer expires at 5 p.m. EST, Nov. 6.",
            Some("1989-10-30"),
            [("5 p.m. EST, Nov. 6", "time", "1989-11-06T17:00")]
        ),
        t!(
            "month this year",
            "It began in January this year.",
            Some("1998-02-19"),
            [("January this year", "date", "1998-01")]
        ),
        t!(
            "more years",
            "They may stay for at least 20 more years.",
            PUB,
            [("at least 20 more years", "duration", "P20Y")]
        ),
        t!("attributive year", "Many led the 1992 protests.", PUB, [("1992", "date", "1992")]),
        t!(
            "recent plural",
            "Prices fell in recent years.",
            PUB,
            [("recent years", "duration", "PXY")]
        ),
        t!(
            "spoken years",
            "It was built in nineteen eighty-four and rebuilt in two thousand and two.",
            PUB,
            [("nineteen eighty-four", "date", "1984"), ("two thousand and two", "date", "2002")]
        ),
        t!(
            "month and spoken year",
            "March nineteen ninety-nine was wet.",
            PUB,
            [("March nineteen ninety-nine", "date", "1999-03")]
        ),
        t!(
            "the year in words",
            "Plans for the year two thousand were dropped.",
            PUB,
            [("the year two thousand", "date", "2000")]
        ),
        t!(
            "hundreds and thousands of units",
            "The vase is two thousand years old; the oak stood two hundred years.",
            PUB,
            [("two hundred years", "duration", "P200Y")]
        ),
        t!("nineteen as a count", "Nineteen people and nineteen ships came.", PUB, []),
        t!(
            "is to marks a plan",
            "Trading is to resume in Paris on Tuesday.",
            PUB,
            [("Tuesday", "date", "2025-03-25")]
        ),
        t!(
            "is to blame is no plan",
            "Who is to blame for Tuesday's blackout?",
            PUB,
            [("Tuesday", "date", "2025-03-18")]
        ),
        t!(
            "irregular past verb",
            "In May, the group bought two mills.",
            Some("2025-02-10"),
            [("May", "date", "2024-05")]
        ),
        t!(
            "payable marks the future",
            "The board declared a dividend payable Jan. 15.",
            Some("2024-11-20"),
            [("Jan. 15", "date", "2025-01-15")]
        ),
        t!(
            "last before a month and day",
            "The plant closed last Nov. 4 after a fire.",
            PUB,
            [("Nov. 4", "date", "2024-11-04")]
        ),
        t!(
            "current as the present",
            "Critics say the current rules favour incumbents.",
            PUB,
            [("current", "date", "PRESENT_REF")]
        ),
        t!("current account", "The current account deficit widened.", PUB, []),
        t!(
            "plural unit ahead",
            "Prices may rise in the months ahead.",
            PUB,
            [("the months ahead", "duration", "PXM")]
        ),
        t!(
            "these days",
            "Few people write letters these days.",
            PUB,
            [("these days", "date", "PRESENT_REF")]
        ),
    ]);
}

#[test]
fn decimals() {
    run(&[
        t!(
            "decimal tail is no day",
            "Shares rose 2.11 may 2025 see more gains.",
            PUB,
            [("2025", "date", "2025")]
        ),
        t!(
            "decimal tail before a capitalized month",
            "The index closed at 4.17 May 2024 futures.",
            PUB,
            [("May 2024", "date", "2024-05")]
        ),
        t!(
            "decimal years",
            "The project took 2.5 years to finish.",
            PUB,
            [("2.5 years", "duration", "P2Y6M")]
        ),
        t!(
            "decimal hours, hyphenated",
            "They held a 1.5-hour meeting.",
            PUB,
            [("1.5-hour", "duration", "PT1H30M")]
        ),
        t!(
            "decimal scaled to whole",
            "It lasted about 1.5 decades.",
            PUB,
            [("about 1.5 decades", "duration", "P15Y")]
        ),
        t!(
            "two decimals",
            "The repair took 0.75 hours.",
            PUB,
            [("0.75 hours", "duration", "PT45M")]
        ),
        t!(
            "decimal without a whole smaller unit",
            "The trial ran 1.5 weeks, then 2.5 days.",
            PUB,
            [("1.5 weeks", "duration", "P1.5W"), ("2.5 days", "duration", "P2DT12H")]
        ),
        t!(
            "slash fraction",
            "The flight took 7 1/2 hours.",
            PUB,
            [("7 1/2 hours", "duration", "PT7H30M")]
        ),
        t!(
            "and a half",
            "He served three and a half years; the vote came an hour and a half later.",
            PUB,
            [
                ("three and a half years", "duration", "P3Y6M"),
                ("an hour and a half", "duration", "PT1H30M")
            ]
        ),
        t!(
            "half a unit",
            "Talks lasted half an hour.",
            PUB,
            [("half an hour", "duration", "PT30M")]
        ),
        t!("fraction in a score", "They won 3/4 of the seats and 2 1/2 points.", PUB, []),
        t!("decimal age", "The 2.5-year-old colt won.", PUB, []),
        t!(
            "thousands",
            "The site is 1,000 years old and the wall 2,500 years.",
            PUB,
            [("2,500 years", "duration", "P2500Y")]
        ),
        t!("version numbers", "Release 1.2.3 days later.", PUB, []),
        t!(
            "dotted clock time",
            "It opened at 8.30 p.m. Tuesday.",
            PUB,
            [("8.30 p.m. Tuesday", "time", "2025-03-18T20:30")]
        ),
    ]);
}

#[test]
fn values_round_trip() {
    let values = [
        "2025-03-11",
        "XXXX-03-11",
        "XXXX-XX-11",
        "XXXX-XX-XX",
        "2025-03",
        "XXXX-XX",
        "2025",
        "XXXX",
        "199",
        "19",
        "2025-W12",
        "XXXX-WXX",
        "2025-W11-WE",
        "XXXX-WXX-2",
        "2025-Q3",
        "2025-QX",
        "2025-H1",
        "2024-SU",
        "2025-03-19TMO",
        "2025-03-18T20:30",
        "XXXX-WXX-3TNI",
        "XXXX-XX-XXT12:00",
        "P30D",
        "PT1H",
        "PXY",
        "PT5M",
        "P2Q",
        "P1.5W",
        "PT1.25S",
        "P2Y6M",
        "P1DT12H",
        "PT1H30M",
        "PT1M45S",
        "PRESENT_REF",
        "PAST_REF",
    ];
    for v in values {
        let parsed: super::DateValue = v.parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parsed.to_string(), v);
    }
    for bad in [
        "",
        "2025-13",
        "P",
        "PT",
        "2025-03-32x",
        "2025-W",
        "P2.0Y",
        "P1.2345D",
        "P2Y7M",
        "P2Y0M",
        "PT1H60M",
        "P1DT",
        "yesterday",
        "XXXX-WXX-2TZZ",
    ] {
        assert!(bad.parse::<super::DateValue>().is_err(), "{bad:?} parsed");
    }
}

#[test]
fn lexicon_rows_parse() {
    assert!(super::lexicon::all_rows_parse());
}

#[test]
fn hostile_input_does_not_panic() {
    let tagger = DateTagger::new();
    let long = "March 11 ".repeat(20_000) + &"1".repeat(100_000) + "é’ 2025-";
    let dates = tagger.tag(&long, Some(Date::constant(2025, 3, 19)));
    assert!(dates.len() >= 20_000);
    for d in &dates {
        assert!(
            d.span.start < d.span.end
                && long.is_char_boundary(d.span.start)
                && long.is_char_boundary(d.span.end)
        );
    }
    for text in ["", "1", "Q", "fy", "Mar.", "the", "’’’", "9999-99-99", "12:", "Tuesday,", "a-"]
    {
        let _ = tagger.tag(text, None);
    }
}

#[test]
fn sentence_indices() {
    let text = "Talks began on Monday. They ended on Tuesday.\nA vote follows next week.";
    let dates = DateTagger::new().tag(text, Some(Date::constant(2025, 3, 19)));
    let sentences: Vec<usize> = dates.iter().map(|d| d.sentence).collect();
    assert_eq!(sentences, [0, 1, 2]);
}

/// In the whole pipeline, a date word inside a longer actor name is part of the name:
/// every such date goes, whichever actor's name holds it and however the names of
/// several actors interleave, and the dates around them stay.
#[test]
fn dates_inside_actor_names_are_dropped() {
    let text = "India Today reported on Monday that Theresa May will visit Delhi. On Friday, \
                India Today said Theresa May had agreed in March to meet Modi.";
    let published = "2025-03-19".parse::<Date>().expect("valid test date");
    let doc = crate::Document::new(text).with_published(published);
    let analysis = crate::Extractor::new().extract(doc);
    let names: Vec<&str> = analysis.actors.iter().map(|a| a.name.as_str()).collect();
    assert!(names.contains(&"India Today") && names.contains(&"Theresa May"), "{names:?}");
    let dates: Vec<&str> = analysis.dates.iter().map(|d| &text[d.span]).collect();
    assert_eq!(dates, ["Monday", "Friday", "March"]);
    // Without the actor names, "Today" is a date.
    let plain = DateTagger::new().tag(text, Some(published));
    let words: Vec<&str> = plain.iter().map(|d| &text[d.span]).collect();
    assert_eq!(words, ["Today", "Monday", "Friday", "Today", "March"]);
}

/// A window read from a little before a point and then read back holds the tokens of
/// one read from the whole reach, wherever the point is, and cuts included ("x-y").
#[test]
fn reading_back_gives_the_whole_reach() {
    use super::{GRAMMAR_REACH, NEAR_BEFORE, Window, start_before};
    let article = include_str!("../../examples/data/article.txt");
    let text = format!("{article} x-y-z\u{201c}Tuesday, 30-day\n\nMarch 3 \u{e9}t\u{e9}2025");
    for s in (0..text.len()).filter(|&s| text.is_char_boundary(s)) {
        let e = (s + 1..=text.len()).find(|&e| text.is_char_boundary(e)).unwrap_or(s);
        let mut near = Window::default();
        near.cover(&text, s, e, (NEAR_BEFORE, GRAMMAR_REACH.1), None);
        let start = start_before(text.as_bytes(), s, GRAMMAR_REACH.0);
        if near.start > start {
            near.read_back(&text, start);
        }
        let mut whole = Window::default();
        whole.cover(&text, s, e, GRAMMAR_REACH, None);
        assert_eq!(near.toks, whole.toks, "at {s}");
        assert_eq!(near.memo.len(), near.toks.len());
    }
}
