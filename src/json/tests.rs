//! `Analysis::write_json` writes the very bytes of `serde_json::to_vec`: on extracted
//! articles and sentences, and on hand-built analyses with every enum variant, every
//! `Option` as `None` and `Some`, empty and full skipped fields, and strings that need
//! every kind of escape.

use jiff::civil::{Date, date};

use crate::accusation::{Accusation, AccusationKind, DateSource};
use crate::actor::{Actor, ActorKind, Found, Mention, MentionForm, Role};
use crate::analysis::Analysis;
use crate::date::{DateMention, DateValue, DayPart, DayRef, Reference, TimeOfDay, TimexKind, Unit};
use crate::event::{Event, Modality};
use crate::quote::{Quote, QuoteKind};
use crate::segment::{Paragraph, ParagraphKind, Sentence, Token};
use crate::{Document, Extractor, Span};

/// Asserts that `write_json` appends exactly serde_json's bytes, after a prefix that must
/// stay untouched.
fn check(analysis: &Analysis) {
    let want = serde_json::to_vec(analysis).expect("serializes");
    let mut got = b"prefix\n".to_vec();
    analysis.write_json(&mut got);
    assert_eq!(
        String::from_utf8_lossy(&got[7..]),
        String::from_utf8_lossy(&want),
        "write_json differs from serde_json"
    );
    assert_eq!(&got[..7], b"prefix\n");
    assert_eq!(got[7..], want[..]);
}

fn extract(text: &str, published: Option<Date>, id: Option<&str>, tokens: bool) -> Analysis {
    let extractor = Extractor::builder().tokens(tokens).build().expect("default extractor");
    let mut doc = Document::new(text);
    if let Some(published) = published {
        doc = doc.with_published(published);
    }
    if let Some(id) = id {
        doc = doc.with_id(id);
    }
    extractor.extract(doc)
}

#[test]
fn seed_article() {
    let text = include_str!("../../examples/data/article.txt");
    for tokens in [false, true] {
        let analysis = extract(text, Some(date(2025, 3, 19)), Some("seed"), tokens);
        assert!(!analysis.actors.is_empty() && !analysis.dates.is_empty());
        assert!(!analysis.quotes.is_empty() && !analysis.events.is_empty());
        assert!(!analysis.accusations.is_empty());
        assert_eq!(analysis.tokens.is_empty(), !tokens);
        check(&analysis);
        check(&extract(text, None, None, tokens));
    }
}

/// Sentences with every record kind: dated and undated events, direct, partial and
/// indirect quotes with and without speakers, accusations and criticism, known actors
/// with roles and sectors, and pattern actors without.
const SENTENCES: &str = "\
Russia Accuses Ukraine\n\n\
MOSCOW, March 18 (Reuters) - Russian President Vladimir Putin accused Ukraine on Monday \
of attacking energy sites, the Kremlin said. \"We will not back down,\" Kremlin spokesman \
Dmitry Peskov told reporters. He said that \"talks are useless\" at this stage.\n\n\
- Ukrainian President Volodymyr Zelenskyy condemned the strikes last week.\n\
- The European Union agreed to provide $1 billion in aid every year.\n\n\
\"It is a lie,\" said Anna Kovacs, a spokeswoman for the Acme Workers Party. \
Officials will meet in Geneva at 8 p.m. on Tuesday for two weeks of talks. \
China and India did not sign the deal in the summer of 2024. \
Turkey threatened to expel the envoy; Iran demanded an apology in the 1990s.\n";

#[test]
fn sentences_with_every_record_kind() {
    for published in [None, Some(date(2025, 3, 19))] {
        let analysis = extract(SENTENCES, published, Some("every-kind"), false);
        assert!(analysis.quotes.iter().any(|q| q.speaker.is_some()));
        assert!(analysis.actors.iter().any(|a| a.sector.is_some() && !a.roles.is_empty()));
        assert!(analysis.actors.iter().any(|a| a.sector.is_none() && a.roles.is_empty()));
        assert!(!analysis.accusations.is_empty() && !analysis.events.is_empty());
        check(&analysis);
        // Each sentence alone, too.
        for line in SENTENCES.split(". ") {
            check(&extract(line, published, None, true));
        }
    }
}

#[test]
fn empty_analysis() {
    check(&Analysis::default());
    check(&extract("", None, None, true));
    check(&extract(" \n\t", Some(date(2025, 1, 1)), Some(""), false));
}

/// Every byte that needs an escape, in a run, between and around plain and non-ASCII text.
fn awkward_strings() -> Vec<String> {
    let controls: String = (0u8..0x20).map(char::from).collect();
    vec![
        String::new(),
        "plain".to_string(),
        "\"".to_string(),
        "\\".to_string(),
        "say \"hi\"\\n".to_string(),
        controls.clone(),
        format!("a{controls}b\u{7f}c"),
        "tab\there, newline\nthere\r\n, form\u{c}feed, back\u{8}space".to_string(),
        "Zelenskyy’s “peace” plan – ça va? 中文 😀 \u{2028}\u{2029}\u{feff}".to_string(),
        "\u{0}\u{1f}\u{1}\u{10}\u{1a}".to_string(),
        "\\\"\\\"".to_string(),
        "end with escape\n".to_string(),
    ]
}

fn span(start: usize, end: usize) -> Span {
    Span::new(start, end)
}

/// Every number shape the integer routine has: one to twenty digits, each length's
/// smallest and largest.
fn numbers() -> Vec<usize> {
    let mut numbers = vec![0, usize::MAX];
    let mut power = 1usize;
    while let Some(next) = power.checked_mul(10) {
        numbers.extend([power - 1, power, power + 1, next / 2]);
        power = next;
    }
    numbers.extend([power - 1, power, power + 7]);
    numbers
}

/// An analysis built by hand with every variant and option.
fn hand_built() -> Analysis {
    let strings = awkward_strings();
    let paragraph_kinds = [
        ParagraphKind::Body,
        ParagraphKind::Headline,
        ParagraphKind::Byline,
        ParagraphKind::Dateline,
        ParagraphKind::Bullet,
    ];
    let actor_kinds = [
        ActorKind::Person,
        ActorKind::Country,
        ActorKind::Government,
        ActorKind::Organization,
        ActorKind::Location,
        ActorKind::Group,
    ];
    let forms = [
        MentionForm::Name,
        MentionForm::Alias,
        MentionForm::Demonym,
        MentionForm::Metonym,
        MentionForm::Nominal,
        MentionForm::Pronoun,
    ];
    let founds = [
        Found::Gazetteer,
        Found::Pattern,
        Found::Alias,
        Found::Pronoun,
        Found::Metonym,
        Found::Nominal,
    ];
    let timex = [TimexKind::Date, TimexKind::Time, TimexKind::Duration, TimexKind::Set];
    let values = [
        DateValue::Day { year: Some(2025), month: Some(3), day: Some(11) },
        DateValue::Day { year: None, month: None, day: Some(1) },
        DateValue::Month { year: Some(-44), month: None },
        DateValue::Year(None),
        DateValue::Decade(199),
        DateValue::Century(19),
        DateValue::Week { year: Some(2025), week: Some(12) },
        DateValue::Weekend { year: None, week: None },
        DateValue::Weekday(2),
        DateValue::Quarter { year: Some(2025), quarter: None },
        DateValue::Time {
            day: DayRef::Date(date(2025, 3, 18)),
            time: TimeOfDay::Clock { hour: 20, minute: 5 },
        },
        DateValue::Time { day: DayRef::Unknown, time: TimeOfDay::Part(DayPart::Night) },
        DateValue::Duration { amount: None, unit: Unit::Year },
        DateValue::FractionalDuration { thousandths: 2500, unit: Unit::Hour },
        DateValue::Every { amount: 1, unit: Unit::Week },
        DateValue::EveryWeekday { weekday: 3, part: Some(DayPart::Morning) },
        DateValue::EveryMonth(7),
        DateValue::Reference(Reference::Present),
    ];
    let quote_kinds = [QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Indirect];
    let modalities = [
        Modality::Asserted,
        Modality::Agreed,
        Modality::Future,
        Modality::Refused,
        Modality::Threatened,
        Modality::Requested,
    ];
    let sources = [None, Some(DateSource::Expression), Some(DateSource::Publication)];
    let numbers = numbers();
    let n = |i: usize| numbers[i % numbers.len()];
    let s = |i: usize| strings[i % strings.len()].clone();
    let opt = |i: usize| (i % 2 == 1).then(|| s(i));
    let dates = [None, Some(date(2024, 2, 29)), Some(date(-9999, 1, 1)), Some(date(9999, 12, 31))];

    let mut analysis = Analysis {
        id: Some(strings[6].clone()),
        published: Some(date(2025, 3, 19)),
        ..Analysis::default()
    };
    for (i, &kind) in paragraph_kinds.iter().enumerate() {
        analysis.paragraphs.push(Paragraph { span: span(n(i), n(i + 1)), kind });
    }
    for i in 0..numbers.len() {
        analysis.sentences.push(Sentence { span: span(n(i), n(i + 3)), paragraph: n(i + 5) });
        analysis.tokens.push(Token { span: span(n(i + 1), n(i)) });
    }
    for i in 0..12 {
        let roles = (0..i % 3)
            .map(|r| Role {
                title: s(i + r),
                country: opt(i + r),
                sector: opt(i + r + 1),
                from: dates[(i + r) % dates.len()],
                to: dates[(i + r + 1) % dates.len()],
            })
            .collect();
        let mentions = (0..i % 4)
            .map(|m| Mention {
                span: span(n(i + m), n(i + m + 2)),
                sentence: n(m),
                form: forms[(i + m) % forms.len()],
                found: founds[(i + 2 * m) % founds.len()],
            })
            .collect();
        analysis.actors.push(Actor {
            id: s(i),
            name: s(i + 1),
            kind: actor_kinds[i % actor_kinds.len()],
            country: opt(i),
            sector: opt(i / 2),
            roles,
            mentions,
        });
    }
    for (i, &value) in values.iter().enumerate() {
        analysis.dates.push(DateMention {
            span: span(n(i), n(i + 2)),
            sentence: n(i + 4),
            kind: timex[i % timex.len()],
            value,
        });
    }
    for i in 0..8 {
        analysis.quotes.push(Quote {
            span: span(n(i), n(i + 1)),
            kind: quote_kinds[i % quote_kinds.len()],
            speaker: opt(i),
            speaker_span: (i % 4 < 2).then(|| span(n(i + 2), n(i + 3))),
            cue: (i % 3 == 0).then(|| span(n(i + 4), n(i))),
            sentence: n(i + 7),
        });
    }
    for i in 0..8 {
        analysis.accusations.push(Accusation {
            accuser: (0..i % 3).map(|k| s(i + k)).collect(),
            accused: (0..(i + 1) % 3).map(|k| s(i + k + 5)).collect(),
            allegation: (i % 2 == 0).then(|| span(n(i), n(i + 1))),
            cue: span(n(i + 2), n(i + 3)),
            sentence: n(i),
            negated: i % 4 == 1,
            kind: if i % 2 == 0 { AccusationKind::Accusation } else { AccusationKind::Criticism },
            date: opt(i + 1),
            date_source: sources[i % sources.len()],
            quote: (i % 3 == 1).then(|| n(i)),
        });
    }
    for i in 0..12 {
        analysis.events.push(Event {
            plover: ["CONSULT", "say \"x\"\n", ""].get(i % 4).copied(),
            code: s(i),
            mode: opt(i + 1),
            modality: modalities[i % modalities.len()],
            source: (0..i % 3).map(|k| s(i + k)).collect(),
            target: (0..(i / 2) % 3).map(|k| s(i + k + 1)).collect(),
            date: opt(i),
            date_source: sources[(i + 1) % sources.len()],
            negated: i % 3 == 0,
            trigger: span(n(i), n(i + 9)),
            sentence: n(i + 2),
            quote: (i % 2 == 0).then(|| n(i + 1)),
            accusation: (i % 4 == 3).then(|| n(i + 6)),
        });
    }
    analysis
}

#[test]
fn hand_built_records() {
    let analysis = hand_built();
    check(&analysis);
    // Without the skipped-when-empty fields, and with every top-level option `None`.
    let mut bare = analysis.clone();
    bare.tokens.clear();
    bare.id = None;
    bare.published = None;
    for actor in &mut bare.actors {
        actor.sector = None;
        actor.roles.clear();
    }
    check(&bare);
    // Each string alone as the id.
    for id in awkward_strings() {
        check(&Analysis { id: Some(id), ..Analysis::default() });
    }
}

#[test]
fn every_number() {
    for n in numbers().into_iter().chain(0..1_000).chain((0..64).map(|b| 1usize << b)) {
        let sentence = Sentence { span: span(n, n / 3), paragraph: n.wrapping_mul(7) };
        check(&Analysis { sentences: vec![sentence], ..Analysis::default() });
    }
}

#[test]
fn every_byte_and_date() {
    for b in 0u8..0x80 {
        let text = format!("a{}b{}", char::from(b), char::from(b));
        check(&Analysis { id: Some(text), ..Analysis::default() });
    }
    // An escape at every place of strings of every length around the eight-byte words.
    for len in 0..=26 {
        for at in 0..=len {
            for c in ['"', '\\', '\n', '\u{1}', '\u{1f}', ' ', 'é', '\u{7f}'] {
                let text = format!("{}{c}{}", "x".repeat(at), "y".repeat(len - at));
                check(&Analysis { id: Some(text), ..Analysis::default() });
            }
        }
    }
    for published in [date(1, 1, 1), date(-9999, 12, 31), date(9999, 1, 2), date(2025, 10, 5)] {
        check(&Analysis { published: Some(published), ..Analysis::default() });
    }
}
