//! Properties that hold for any input: no panic, spans on char boundaries inside the text,
//! ordered non-overlapping sentences, references that point at existing records, and
//! deterministic output.

use jiff::civil::{Date, date};
use newsextract::{Analysis, Document, Extractor, Span};
use proptest::prelude::*;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);
static TOKENS: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::builder().tokens(true).build().expect("default data"));

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

/// Checks that `a` is a consistent analysis of `text` (shared with the hostile-input tests).
pub(crate) fn check_analysis(text: &str, a: &Analysis) -> Result<(), TestCaseError> {
    let mut previous_end = 0;
    for p in &a.paragraphs {
        check_span(text, p.span, "paragraph")?;
        prop_assert!(p.span.start >= previous_end, "paragraphs overlap or are out of order");
        previous_end = p.span.end;
    }
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
    for t in &a.tokens {
        check_span(text, t.span, "token")?;
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
        for span in q.speaker_span.iter().chain(&q.cue) {
            check_span(text, *span, "speaker or cue")?;
        }
        if let Some(id) = &q.speaker {
            prop_assert!(actor_ids.contains(&id.as_str()), "quote speaker {id} is no actor");
        }
    }
    for acc in &a.accusations {
        prop_assert!(acc.sentence < sentences);
        check_span(text, acc.cue, "accusation cue")?;
        if let Some(span) = acc.allegation {
            check_span(text, span, "allegation")?;
        }
        prop_assert!(acc.quote.is_none_or(|q| q < a.quotes.len()), "accusation quote missing");
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
        prop_assert!(e.quote.is_none_or(|q| q < a.quotes.len()), "event quote missing");
        let accusations = a.accusations.len();
        prop_assert!(e.accusation.is_none_or(|x| x < accusations), "event accusation missing");
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

    #[test]
    fn any_date_and_reused_buffers(
        text in text_strategy(),
        edge in prop_oneof![Just(Date::MIN), Just(Date::MAX), Just(date(1, 1, 1))],
        offset in -400i32..400,
    ) {
        // Relative dates ("next year", "last Tuesday") near the ends of the calendar.
        let published = edge.checked_add(jiff::Span::new().days(offset)).unwrap_or(edge);
        let doc = Document::new(&text).with_published(published);
        let fresh = TOKENS.extract(doc);
        check_analysis(&text, &fresh)?;
        prop_assert!(!text.contains(char::is_alphanumeric) || !fresh.tokens.is_empty());
        // A reused analysis full of another document's records gives the same result.
        let mut reused = TOKENS.extract("Putin met Trump in Moscow on Tuesday, he said.");
        TOKENS.extract_into(doc, &mut reused);
        prop_assert_eq!(fresh, reused);
    }
}
