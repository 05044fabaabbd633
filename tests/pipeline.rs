//! The stages together on the bundled article (examples/data/article.txt, published
//! 2025-03-19): the records a reader of the article would list.

use newsextract::{Analysis, Document, Extractor, Stage};
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

/// Documents of every kind for the batch tests: the bundled articles whole and cut at
/// different places (so that groups hold documents of many lengths), with and without a
/// publication date and an id, empty ones, one past the size of a group, and short ones
/// with a credit line and with a sentence in capitals (read apart by the actor stage).
fn batch_texts() -> Vec<String> {
    let local = include_str!("../examples/data/local_news.txt");
    let credit = "Talks resume in Geneva\nBy Jane Smith, World Affairs Desk\nRussian and Ukrainian officials met in Geneva on Monday. Smith said they agreed.";
    let capitals = "UKRAINE AND RUSSIA AGREE TO TALKS IN GENEVA\nPresident Volodymyr Zelensky said on Tuesday that Kyiv would send a delegation.";
    let mut texts: Vec<String> =
        ["", ARTICLE, credit, local, capitals].into_iter().map(String::from).collect();
    for cut in (0..ARTICLE.len()).step_by(37) {
        let cut = (cut..=ARTICLE.len()).find(|&c| ARTICLE.is_char_boundary(c)).unwrap_or(0);
        texts.push(ARTICLE[cut..].to_string());
        texts.push(ARTICLE[..cut].to_string());
    }
    texts.push([ARTICLE; 30].join("\n\n"));
    texts.push("Talks ended.".to_string());
    texts
}

fn batch_docs(texts: &[String]) -> Vec<Document<'_>> {
    let published = Document::parse_published("2025-03-19").expect("valid date");
    let ids: &[&str] = &["a", "b", "c"];
    let mut docs = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        docs.push(match i % 3 {
            0 => Document::new(text),
            1 => Document::new(text).with_published(published),
            _ => Document::new(text).with_published(published).with_id(ids[i % ids.len()]),
        });
    }
    docs
}

#[test]
fn batches_match_one_document_at_a_time() {
    let texts = batch_texts();
    let docs = batch_docs(&texts);
    assert!(docs.len() > 64 && texts.iter().map(String::len).sum::<usize>() > 2 << 16);
    for stage in [Stage::Segment, Stage::Actors, Stage::Quotes, Stage::Events] {
        let extractor = Extractor::builder().last_stage(stage).build().expect("defaults");
        let one_by_one: Vec<Analysis> = docs.iter().map(|doc| extractor.extract(*doc)).collect();
        assert!(one_by_one.iter().any(|a| !a.sentences.is_empty()));
        // Twice, the second time into the analyses the thread kept from the first.
        for round in ["first", "second"] {
            let mut each = Vec::new();
            extractor.extract_each(&docs, |i, analysis| each.push((i, analysis.clone())));
            assert!(each.iter().map(|(i, _)| *i).eq(0..docs.len()), "extract_each: indexes");
            let each = each.into_iter().map(|(_, analysis)| analysis);
            assert!(
                each.eq(one_by_one.iter().cloned()),
                "extract_each differs up to {stage:?} ({round} round)"
            );
        }
        for threads in [1, 3] {
            let batch = extractor.extract_batch(&docs, threads);
            assert!(batch == one_by_one, "extract_batch differs up to {stage:?} ({threads})");
        }
        extractor.extract_each(&[], |_, _| panic!("no document, no analysis"));
    }
}

#[test]
fn extract_each_can_be_called_from_its_callback() {
    let extractor = Extractor::new();
    let texts = ["Putin met Trump.", "Talks ended."];
    let docs: Vec<Document> = texts.iter().map(|t| Document::new(t)).collect();
    let mut inner = Vec::new();
    extractor.extract_each(&docs, |i, outer| {
        extractor.extract_each(&docs[i..=i], |_, analysis| inner.push(analysis.clone()));
        assert_eq!(outer, inner.last().expect("one analysis"));
    });
    assert_eq!(inner, [extractor.extract(texts[0]), extractor.extract(texts[1])]);
}
