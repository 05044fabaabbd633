//! Hostile input: every case must finish (in linear time) with a sane analysis.

use newsextract::{Analysis, Document, Extractor};
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fn extract(text: &str) -> Analysis {
    let published = Document::parse_published("2025-03-19").expect("valid date");
    let analysis = EXTRACTOR.extract(Document::new(text).with_published(published));
    for s in &analysis.sentences {
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
    }
    analysis
}

#[test]
fn empty_and_blank_texts_give_empty_records() {
    for text in ["", " ", "\n\n\n", "\t \r\n \u{a0}"] {
        let a = extract(text);
        assert!(a.sentences.is_empty(), "{text:?}");
        assert!(a.actors.is_empty() && a.dates.is_empty() && a.quotes.is_empty());
        assert!(a.events.is_empty() && a.accusations.is_empty());
    }
}

#[test]
fn only_punctuation() {
    let text = ".,;:!?-–—()[]{}\"'“”‘’«»…".repeat(2000);
    let a = extract(&text);
    assert!(!a.sentences.is_empty());
    assert!(a.actors.is_empty());
}

#[test]
fn ten_megabytes_without_a_space() {
    let text = "abcdefghij".repeat(1_000_000);
    let a = extract(&text);
    assert_eq!(a.sentences.len(), 1);
}

#[test]
fn unmatched_and_nested_quote_marks() {
    let text = "\"".repeat(100_000);
    extract(&text);
    let text = "“Putin said ".repeat(20_000);
    extract(&text);
    let mut nested = String::new();
    for _ in 0..2000 {
        nested.push_str("He said “she said ‘they said “");
    }
    extract(&nested);
}

#[test]
fn a_million_capitalized_words() {
    let text = "Alpha Bravo Charlie Delta ".repeat(250_000);
    extract(&text);
}

#[test]
fn mixed_scripts_and_control_characters() {
    let text = "Путин заявил. ترامب قال. 习近平说。 🙂👍🏽 e\u{301} \u{200d}\u{200f}\u{202e}x\0\u{7}\r\nPutin met Trump.\rZelenskyy spoke.\u{feff}";
    let a = extract(text);
    assert!(!a.sentences.is_empty());
}

#[test]
fn very_long_names_and_sentences() {
    let name = format!("President {} said.", "Vladimirovich".repeat(10_000));
    extract(&name);
    let sentence = "Trump met Putin and ".repeat(100_000);
    extract(&sentence);
}

#[test]
fn impossible_dates_in_metadata_are_errors() {
    for bad in ["2025-02-30", "2025-13-01", "yesterday", "", "19/03/2025", "2025-3-9"] {
        assert!(Document::parse_published(bad).is_err(), "{bad:?}");
    }
    assert!(Document::parse_published("2024-02-29").is_ok());
    assert!(Document::parse_published("2025-03-19T08:30:00Z").is_ok());
}
