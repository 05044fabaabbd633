//! Helpers shared by the fuzz targets: turning fuzz bytes into a publication date, and the
//! invariants every analysis must satisfy (the same ones `tests/properties.rs` checks).

use jiff::civil::Date;
use newsextract::{Analysis, Span};

/// A publication date chosen by the fuzz input, and the bytes left over.
///
/// The low two bits of `control` pick the kind of date, so the fuzzer reaches every kind
/// cheaply: none; a day within ~180 years of 2000 (two bytes); any day jiff can represent
/// (four bytes); or a day within 256 days of jiff's first or last date (one byte), where
/// arithmetic on relative dates ("next year", "in 30 days") runs out of calendar.
pub fn published(control: u8, rest: &[u8]) -> (Option<Date>, &[u8]) {
    match control & 0b11 {
        0 => (None, rest),
        1 => match rest {
            [a, b, tail @ ..] => {
                let days = i32::from(u16::from_le_bytes([*a, *b])) - 32_768;
                (add_days(Date::constant(2000, 1, 1), days), tail)
            }
            _ => (None, rest),
        },
        2 => match rest {
            [a, b, c, d, tail @ ..] => {
                let span = Date::MIN.until(Date::MAX).expect("jiff's range").get_days();
                let n = u32::from_le_bytes([*a, *b, *c, *d]) % (span as u32 + 1);
                (add_days(Date::MIN, n as i32), tail)
            }
            _ => (None, rest),
        },
        _ => match rest {
            [a, tail @ ..] => {
                let n = i32::from(*a >> 1);
                let date =
                    if a & 1 == 0 { add_days(Date::MIN, n) } else { add_days(Date::MAX, -n) };
                (date, tail)
            }
            _ => (None, rest),
        },
    }
}

fn add_days(date: Date, days: i32) -> Option<Date> {
    date.checked_add(jiff::Span::new().days(days)).ok()
}

fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} out of text");
    assert!(text.is_char_boundary(span.start), "{what} {span:?} start not on a char");
    assert!(text.is_char_boundary(span.end), "{what} {span:?} end not on a char");
}

/// Panics unless `a` is a consistent analysis of `text`: every span on char boundaries
/// inside the text; paragraphs and sentences ordered, non-empty and non-overlapping,
/// covering every non-space character; every record pointing at an existing sentence,
/// actor, quote or accusation.
pub fn check_analysis(text: &str, a: &Analysis) {
    let mut previous_end = 0;
    for p in &a.paragraphs {
        check_span(text, p.span, "paragraph");
        assert!(p.span.start >= previous_end, "paragraphs overlap or are out of order");
        previous_end = p.span.end;
    }
    let mut previous_end = 0;
    let mut covered = 0;
    for s in &a.sentences {
        check_span(text, s.span, "sentence");
        assert!(s.span.start >= previous_end, "sentences overlap or are out of order");
        assert!(!s.span.is_empty(), "empty sentence {:?}", s.span);
        assert!(s.paragraph < a.paragraphs.len(), "sentence in no paragraph");
        let gap = &text[covered..s.span.start];
        assert!(
            gap.chars().all(char::is_whitespace),
            "{gap:?} before {:?} is in no sentence",
            s.span
        );
        previous_end = s.span.end;
        covered = s.span.end;
    }
    let tail = &text[covered..];
    assert!(tail.chars().all(char::is_whitespace), "{tail:?} at the end is in no sentence");
    for t in &a.tokens {
        check_span(text, t.span, "token");
    }
    let sentences = a.sentences.len();
    let is_actor = |id: &str| a.actors.iter().any(|x| x.id == id);
    for actor in &a.actors {
        for m in &actor.mentions {
            check_span(text, m.span, "mention");
            assert!(m.sentence < sentences, "mention in sentence {} of {sentences}", m.sentence);
        }
    }
    for d in &a.dates {
        check_span(text, d.span, "date");
        assert!(d.sentence < sentences, "date in sentence {} of {sentences}", d.sentence);
    }
    for q in &a.quotes {
        check_span(text, q.span, "quote");
        assert!(q.sentence < sentences, "quote in sentence {} of {sentences}", q.sentence);
        for span in q.speaker_span.iter().chain(&q.cue) {
            check_span(text, *span, "quote speaker or cue");
        }
        if let Some(id) = &q.speaker {
            assert!(is_actor(id), "quote speaker {id} is no actor");
        }
    }
    for acc in &a.accusations {
        assert!(acc.sentence < sentences, "accusation in sentence {} of {sentences}", acc.sentence);
        check_span(text, acc.cue, "accusation cue");
        if let Some(span) = acc.allegation {
            check_span(text, span, "allegation");
        }
        for id in acc.accuser.iter().chain(&acc.accused) {
            assert!(is_actor(id), "accusation actor {id} is no actor");
        }
        assert!(acc.quote.is_none_or(|q| q < a.quotes.len()), "accusation quote out of range");
    }
    for e in &a.events {
        assert!(e.sentence < sentences, "event in sentence {} of {sentences}", e.sentence);
        check_span(text, e.trigger, "event trigger");
        for id in e.source.iter().chain(&e.target) {
            assert!(is_actor(id), "event actor {id} is no actor");
        }
        assert!(e.quote.is_none_or(|q| q < a.quotes.len()), "event quote out of range");
        let accusations = a.accusations.len();
        assert!(e.accusation.is_none_or(|x| x < accusations), "event accusation out of range");
    }
}
