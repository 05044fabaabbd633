//! Properties that hold for any input: no panic, spans on char boundaries inside the text,
//! ordered non-overlapping sentences, references that point at existing records, and
//! deterministic output.

use newsextract::{Analysis, Document, Extractor, Span};
use proptest::prelude::*;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// Pieces that exercise every stage: names, titles, quote marks, dates, abbreviations,
/// line breaks and multibyte characters.
const PIECES: &[&str] = &[
    "Putin",
    "Trump",
    "Zelenskyy",
    "Russia",
    "Ukraine's",
    "the Kremlin",
    "Moscow",
    "Kyiv",
    "President",
    "Secretary of State",
    "Mr.",
    "U.S.",
    "he",
    "she",
    "said",
    "told reporters",
    "accused",
    "of",
    "attacking",
    "agreed to",
    "refused to",
    "met",
    "on Tuesday",
    "March 11",
    "2025",
    "30-day",
    "last year",
    "yesterday",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    ".",
    ",",
    "?",
    "!",
    "...",
    ":",
    ";",
    "(",
    ")",
    "-",
    "\n",
    "\n\n",
    " ",
    "  ",
    "é",
    "Ω",
    "中国",
    "🙂",
    "\u{200d}",
    "\u{202e}",
    "\u{0301}",
    "\0",
    "\r\n",
    "\r",
    "3.5",
    "Jan.",
    "No. 1",
    "a.m.",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|parts| {
            let mut text = String::new();
            for (i, part) in parts.iter().enumerate() {
                if i % 3 == 0 {
                    text.push(' ');
                }
                text.push_str(part);
            }
            text
        }),
        any::<String>(),
    ]
}

fn check_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} out of text");
    prop_assert!(text.is_char_boundary(span.start), "{what} {span:?} start not on a char");
    prop_assert!(text.is_char_boundary(span.end), "{what} {span:?} end not on a char");
    Ok(())
}

fn check_analysis(text: &str, a: &Analysis) -> Result<(), TestCaseError> {
    let mut previous_end = 0;
    for s in &a.sentences {
        check_span(text, s.span, "sentence")?;
        prop_assert!(s.span.start >= previous_end, "sentences overlap or are out of order");
        prop_assert!(!s.span.is_empty(), "empty sentence");
        prop_assert!(s.paragraph < a.paragraphs.len());
        previous_end = s.span.end;
    }
    // Sentences cover every non-space character.
    let mut covered = vec![false; text.len()];
    for s in &a.sentences {
        covered[s.span.start..s.span.end].iter_mut().for_each(|c| *c = true);
    }
    for (i, c) in text.char_indices() {
        prop_assert!(c.is_whitespace() || covered[i], "char {c:?} at {i} is in no sentence");
    }
    for p in &a.paragraphs {
        check_span(text, p.span, "paragraph")?;
    }
    let sentences = a.sentences.len();
    let actor_ids: Vec<&str> = a.actors.iter().map(|x| x.id.as_str()).collect();
    for actor in &a.actors {
        for m in &actor.mentions {
            check_span(text, m.span, "mention")?;
            prop_assert!(m.sentence < sentences);
        }
    }
    for d in &a.dates {
        check_span(text, d.span, "date")?;
        prop_assert!(d.sentence < sentences);
    }
    for q in &a.quotes {
        check_span(text, q.span, "quote")?;
        prop_assert!(q.sentence < sentences);
        if let Some(span) = q.speaker_span {
            check_span(text, span, "speaker")?;
        }
        if let Some(id) = &q.speaker {
            prop_assert!(actor_ids.contains(&id.as_str()), "quote speaker {id} is no actor");
        }
    }
    for acc in &a.accusations {
        prop_assert!(acc.sentence < sentences);
        check_span(text, acc.cue, "accusation cue")?;
        for id in acc.accuser.iter().chain(&acc.accused) {
            prop_assert!(actor_ids.contains(&id.as_str()), "accusation actor {id} is no actor");
        }
    }
    for e in &a.events {
        prop_assert!(e.sentence < sentences);
        check_span(text, e.trigger, "event trigger")?;
        for id in e.source.iter().chain(&e.target) {
            prop_assert!(actor_ids.contains(&id.as_str()), "event actor {id} is no actor");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_text_gives_a_consistent_analysis(text in text_strategy(), day in 0i32..3000) {
        let published = jiff::civil::date(2020, 1, 1)
            .checked_add(jiff::Span::new().days(day))
            .expect("date in range");
        let doc = Document::new(&text).with_published(published);
        let analysis = EXTRACTOR.extract(doc);
        check_analysis(&text, &analysis)?;
        let again = EXTRACTOR.extract(doc);
        prop_assert_eq!(
            serde_json::to_string(&analysis).unwrap(),
            serde_json::to_string(&again).unwrap()
        );
        let undated = EXTRACTOR.extract(Document::new(&text));
        check_analysis(&text, &undated)?;
    }
}
