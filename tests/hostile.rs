//! Hostile input: every case must finish (in linear time) with a sane analysis.

use newsextract::{Analysis, Document, Extractor};
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fn extract(text: &str) -> Analysis {
    let published = Document::parse_published("2025-03-19").expect("valid date");
    let analysis = EXTRACTOR.extract(Document::new(text).with_published(published));
    if let Err(err) = crate::properties::check_analysis(text, &analysis) {
        panic!("inconsistent analysis of {:?}: {err}", text.get(..80).unwrap_or("(long text)"));
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
    for bad in [
        "2025-02-30",
        "2025-13-01",
        "yesterday",
        "",
        "19/03/2025",
        "2025-3-9",
        "20250230",
        "2025031",
        "1742378400",
        "20250319103",
        "Sun, 30 Feb 2025 10:00:00 GMT",
    ] {
        assert!(Document::parse_published(bad).is_err(), "{bad:?}");
    }
    assert!(Document::parse_published("2024-02-29").is_ok());
    assert!(Document::parse_published("2025-03-19T08:30:00Z").is_ok());
}

#[test]
fn publication_dates_in_feed_formats_keep_the_writers_calendar_date() {
    let march_19 = Document::parse_published("2025-03-19").expect("ISO date");
    for written in [
        "2025-03-19T23:30:00-05:00",
        " 2025-03-19 08:30:00 ",
        "20250319",
        "20250319T233000Z",
        "20250319233000",
        "Wed, 19 Mar 2025 23:30:00 -0500",
        "Wed, 19 Mar 2025 08:30:00 GMT",
        "19 Mar 2025 08:30 +0100",
    ] {
        assert_eq!(Document::parse_published(written).ok(), Some(march_19), "{written:?}");
    }
    let err = Document::parse_published("19.03.2025").expect_err("not a feed format");
    assert!(err.to_string().contains("20250319"), "the message lists the formats: {err}");
}

#[test]
fn line_endings_do_not_change_the_analysis() {
    let lf = "Talks resume in Riyadh\nBy Staff Reporter\n\nMOSCOW (Reuters) - Putin met Trump on \
              Tuesday.\nHe said \u{201c}we agreed\u{201d} to talks.\n\n- Russia accused Ukraine of \
              attacking energy sites\n- Zelenskyy denied it\n";
    let base = extract(lf);
    for ending in ["\r\n", "\r"] {
        let text = lf.replace('\n', ending);
        let a = extract(&text);
        assert_eq!(a.paragraphs.len(), base.paragraphs.len(), "paragraphs with {ending:?}");
        assert_eq!(a.sentences.len(), base.sentences.len(), "sentences with {ending:?}");
        for (p, q) in a.paragraphs.iter().zip(&base.paragraphs) {
            assert_eq!(p.kind, q.kind, "paragraph kinds with {ending:?}");
        }
        for s in &a.sentences {
            let sentence = &text[s.span.start..s.span.end];
            assert!(!sentence.ends_with(['\r', '\n']), "{sentence:?} keeps its line end");
        }
        let counts = |a: &Analysis| (a.actors.len(), a.quotes.len(), a.dates.len());
        assert_eq!(counts(&a), counts(&base), "records with {ending:?}");
    }
}

#[test]
fn every_kind_of_space_and_control_character() {
    let spaces: String = (0u32..0x3100)
        .filter_map(char::from_u32)
        .filter(|c| c.is_whitespace() || c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}'))
        .collect();
    extract(&spaces);
    let mixed: String = spaces.chars().flat_map(|c| [c, 'A', '.', c, 'b']).collect();
    assert!(!extract(&mixed).sentences.is_empty());
}

#[test]
fn combining_marks_and_joiners_without_a_base() {
    for text in [
        "\u{301}\u{301}\u{301}Putin said.",
        "\u{200d}".repeat(100_000).as_str(),
        &"e\u{301}\u{302}\u{303}".repeat(50_000),
        &"\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} ".repeat(20_000),
        &"\u{202e}Trump\u{202c} \u{200f}\u{5d8}\u{5e8}\u{5d0}\u{5de}\u{5e4} said. ".repeat(10_000),
    ] {
        extract(text);
    }
}

#[test]
fn long_runs_of_sentence_and_abbreviation_marks() {
    for text in [
        ".".repeat(1_000_000),
        "Mr. ".repeat(200_000),
        "A. ".repeat(300_000),
        "U.S.".repeat(200_000),
        "?!".repeat(500_000),
        "\u{2026}".repeat(300_000),
        "(".repeat(300_000),
        "- ".repeat(300_000),
        "\n".repeat(1_000_000),
        "\r".repeat(1_000_000),
    ] {
        extract(&text);
    }
}

#[test]
fn dense_cue_words_and_dates() {
    for text in [
        "said ".repeat(200_000),
        "accused ".repeat(200_000),
        "Russia accused Ukraine of ".repeat(40_000),
        "on Tuesday ".repeat(100_000),
        "March 11, 2025 ".repeat(50_000),
        "the Kremlin said he said she said ".repeat(30_000),
        "\u{201c}Yes,\u{201d} ".repeat(100_000),
    ] {
        extract(&text);
    }
}

#[test]
fn extreme_publication_dates() {
    let text = "Putin said on Tuesday that talks would resume next year, 30 days after the \
                March 11 meeting, as they had last week and every Monday since the 1990s.";
    for published in [jiff::civil::Date::MIN, jiff::civil::Date::MAX, jiff::civil::date(0, 1, 1)] {
        for doc in [Document::new(text).with_published(published), Document::new(text)] {
            let a = EXTRACTOR.extract(doc);
            if let Err(err) = crate::properties::check_analysis(text, &a) {
                panic!("published {published}: {err}");
            }
        }
    }
}
