//! The stages together on the bundled article (examples/data/article.txt, published
//! 2025-03-19): the records a reader of the article would list.

use newsextract::{Analysis, Document, Extractor};
use std::sync::LazyLock;

const ARTICLE: &str = include_str!("../examples/data/article.txt");

static ANALYSIS: LazyLock<Analysis> = LazyLock::new(|| {
    let published = Document::parse_published("2025-03-19").expect("valid date");
    Extractor::new().extract(Document::new(ARTICLE).with_published(published))
});

fn actor_country(id: &str) -> Option<&'static str> {
    ANALYSIS.actor(id).and_then(|a| a.country.as_deref())
}

#[test]
fn dates_resolve_against_publication() {
    let dates: Vec<(&str, String)> =
        ANALYSIS.dates.iter().map(|d| (&ARTICLE[d.span], d.value.to_string())).collect();
    for (text, value) in [
        ("Tuesday", "2025-03-18"),
        ("March 11", "2025-03-11"),
        ("yesterday", "2025-03-18"),
        ("this year", "2025"),
        ("30-day", "P30D"),
        ("Wednesday morning", "2025-03-19TMO"),
    ] {
        assert!(dates.contains(&(text, value.to_string())), "{text} = {value} in {dates:?}");
    }
    assert!(
        !dates.iter().any(|(text, _)| *text == "Today"),
        "the 'Today' of 'India Today' is part of a name"
    );
}

#[test]
fn quotes_have_their_speakers() {
    let speaker_of = |needle: &str| {
        let quote = ANALYSIS
            .quotes
            .iter()
            .find(|q| ARTICLE[q.span].contains(needle))
            .unwrap_or_else(|| panic!("no quote containing {needle:?}"));
        ANALYSIS.actor(quote.speaker.as_deref().expect("a speaker")).map(|a| a.name.as_str())
    };
    assert_eq!(speaker_of("Just completed a very good telephone call"), Some("Donald Trump"));
    assert_eq!(speaker_of("We agreed that Ukraine"), Some("Volodymyr Zelenskyy"));
    assert_eq!(speaker_of("no reciprocity from the Kyiv regime"), Some("Dmitry Peskov"));
}

#[test]
fn mutual_accusation_gives_one_record_each_way() {
    let pairs: Vec<(Option<&str>, Option<&str>)> = ANALYSIS
        .accusations
        .iter()
        .filter(|a| a.allegation.is_some_and(|s| ARTICLE[s].contains("launching airstrikes")))
        .flat_map(|a| {
            a.accuser.iter().flat_map(move |x| {
                a.accused.iter().map(move |y| (actor_country(x), actor_country(y)))
            })
        })
        .collect();
    assert!(pairs.contains(&(Some("RUS"), Some("UKR"))), "{pairs:?}");
    assert!(pairs.contains(&(Some("UKR"), Some("RUS"))), "{pairs:?}");
}

#[test]
fn refusal_and_calls_are_coded() {
    let codes: Vec<&str> = ANALYSIS.events.iter().map(|e| e.code.as_str()).collect();
    assert!(codes.iter().any(|c| c.starts_with("12")), "a refusal (12x) in {codes:?}");
    assert!(codes.iter().any(|c| c.starts_with("04")), "a consultation (04x) in {codes:?}");
    assert!(codes.iter().any(|c| c.starts_with("11")), "an accusation (11x) in {codes:?}");
}

#[test]
fn credit_lines_name_no_new_actors() {
    let text = "Talks resume in Geneva\nBy Jane Smith, World Affairs Desk\nRussian and Ukrainian officials met in Geneva on Monday.";
    let analysis = Extractor::new().extract(text);
    let names: Vec<&str> = analysis.actors.iter().map(|a| a.name.as_str()).collect();
    assert!(!names.iter().any(|n| n.contains("Desk")), "{names:?}");
    assert!(names.contains(&"Geneva"), "{names:?}");
}
