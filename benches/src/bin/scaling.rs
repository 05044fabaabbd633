//! Does the cost per byte stay flat as documents grow? Joins `NEWS_CORPUS` articles into
//! 50 MB of text and times the whole pipeline on one thread over that same text cut into
//! documents of 1 KB, 100 KB, 10 MB and 50 MB (so only the document size changes), one
//! document after the other with `extract_into` and (up to 10 MB) stage by stage with
//! `extract_each`, then over hostile shapes at a tenth of their size and in full (one
//! 10 MB sentence, 100,000 quote marks, a million capitalized words), and prints
//! nanoseconds per byte with the spread between the largest and smallest figure of each
//! family and API. First, 2 MB of that text as 1 KB and as 100 KB documents are timed in
//! rounds that alternate every few tens of milliseconds (medians of 25 rounds), which
//! resolves the difference between short and long documents more finely than the turns
//! of 50 MB.
//!
//! ```text
//! NEWS_CORPUS=../../shared/corpus/news.jsonl cargo run --release --bin scaling
//! ```
//!
//! Every run checks that extraction produced records (or, for shapes with nothing to
//! find, the sentences), so a flat line cannot come from skipping work.

use std::time::Instant;

use newsextract::{Analysis, Document, Extractor};
use newsextract_bench::load_corpus;

/// Joins corpus articles (separated by blank lines) up to `size` bytes, cut at a char
/// boundary.
fn joined(corpus: &[String], size: usize) -> String {
    let mut out = String::with_capacity(size + 4096);
    for text in corpus.iter().cycle() {
        if out.len() >= size {
            break;
        }
        out.push_str(text);
        out.push_str("\n\n");
    }
    let mut cut = size.min(out.len());
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out
}

/// `text` cut into documents of about `size` bytes, each ending at a space.
fn pieces(text: &str, size: usize) -> Vec<&str> {
    let mut out = Vec::with_capacity(text.len() / size + 1);
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = size.min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let cut = rest[cut..].find(' ').map_or(rest.len(), |k| cut + k + 1);
        out.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    out
}

/// How a family's documents are handed to the extractor.
#[derive(Clone, Copy, PartialEq)]
enum Api {
    /// `extract_into`, one document after the other.
    OneByOne,
    /// `extract_each`, stage by stage over groups of documents.
    Each,
}

impl Api {
    fn name(self) -> &'static str {
        match self {
            Api::OneByOne => "extract_into",
            Api::Each => "extract_each",
        }
    }
}

/// Seconds taken to extract `docs` with `api`, and the records found.
fn one_round(
    extractor: &Extractor,
    docs: &[Document<'_>],
    analysis: &mut Analysis,
    api: Api,
) -> (f64, usize) {
    let start = Instant::now();
    let mut records = 0;
    let count = |analysis: &Analysis| {
        analysis.sentences.len()
            + analysis.actors.len()
            + analysis.dates.len()
            + analysis.quotes.len()
            + analysis.events.len()
    };
    match api {
        Api::OneByOne => {
            for doc in docs {
                extractor.extract_into(*doc, analysis);
                records += count(analysis);
            }
        }
        Api::Each => extractor.extract_each(docs, |_, analysis| records += count(analysis)),
    }
    (start.elapsed().as_secs_f64(), records)
}

/// Prints one family (label, API, documents) and the spread of its cost per byte, for
/// each API. The members are timed in turns (a round of each, again and again, for
/// about four seconds per member and at least three rounds), and each one's best round
/// counts: a slow spell of a shared machine then falls on every member alike rather than
/// on one. Each turn starts with the member's first document, untimed, so that a member
/// is not charged for the previous member's records and buffers, which the pipeline
/// drops or frees when the next document comes.
fn family(extractor: &Extractor, name: &str, family: &[(&str, Api, Vec<&str>)]) {
    let family: Vec<(&str, Api, Vec<Document>)> = family
        .iter()
        .map(|(label, api, docs)| (*label, *api, docs.iter().map(|d| Document::new(d)).collect()))
        .collect();
    let mut analysis = Analysis::default();
    let mut best = vec![f64::INFINITY; family.len()];
    let mut records = vec![0; family.len()];
    let start = Instant::now();
    let mut rounds = 0;
    while rounds < 3 || start.elapsed().as_secs_f64() < 4.0 * family.len() as f64 {
        for (k, (_, api, docs)) in family.iter().enumerate() {
            one_round(extractor, &docs[..1], &mut analysis, *api);
            let (seconds, found) = one_round(extractor, docs, &mut analysis, *api);
            best[k] = best[k].min(seconds);
            records[k] = found;
        }
        rounds += 1;
    }
    let mut figures = Vec::new();
    for (k, (label, api, docs)) in family.iter().enumerate() {
        let records = records[k];
        assert!(records > 0, "{name} {label}: no records");
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        let ns = best[k] * 1e9 / bytes as f64;
        println!(
            "{name:<22} {label:>7} {:<18} {:>6} docs {bytes:>9} bytes  {ns:6.2} ns/byte  {:6.1} MB/s  {records} records",
            api.name(),
            docs.len(),
            1e3 / ns
        );
        figures.push((*api, ns));
    }
    for api in [Api::OneByOne, Api::Each] {
        let of_api = || figures.iter().filter(|(a, _)| *a == api).map(|(_, ns)| *ns);
        let min = of_api().fold(f64::INFINITY, f64::min);
        let max = of_api().fold(0.0, f64::max);
        if of_api().count() > 1 {
            println!(
                "{name:<22} spread {:<18} {:+.1}% (largest over smallest ns/byte)",
                api.name(),
                (max / min - 1.0) * 100.0
            );
        }
    }
    println!();
}

/// Rounds of [`short_against_long`] for each member.
const ALTERNATING_ROUNDS: usize = 25;

/// The same 2 MB of news as 1 KB and as 100 KB documents, through both APIs, in rounds
/// that alternate every few tens of milliseconds, so that the host's slow spells fall on
/// all four alike: prints each member's median (and best) round and, for each API, how
/// much longer per byte 1 KB documents take. Finer than the turns of [`family`], whose
/// rounds of 50 MB last seconds.
fn short_against_long(extractor: &Extractor, corpus: &[String]) {
    let text = joined(corpus, 2_000_000);
    let members: Vec<(&str, Api, Vec<Document>)> = [("1 KB", 1_000), ("100 KB", 100_000)]
        .into_iter()
        .flat_map(|(label, size)| {
            let docs: Vec<Document> = pieces(&text, size).into_iter().map(Document::new).collect();
            [(label, Api::OneByOne, docs.clone()), (label, Api::Each, docs)]
        })
        .collect();
    let mut analysis = Analysis::default();
    let mut rounds = vec![Vec::with_capacity(ALTERNATING_ROUNDS); members.len()];
    for _ in 0..ALTERNATING_ROUNDS {
        for (k, (label, api, docs)) in members.iter().enumerate() {
            let (seconds, found) = one_round(extractor, docs, &mut analysis, *api);
            assert!(found > 0, "2 MB as {label} documents: no records");
            rounds[k].push(seconds * 1e9 / text.len() as f64);
        }
    }
    let mut medians = Vec::new();
    for ((label, api, docs), times) in members.iter().zip(&mut rounds) {
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        println!(
            "2 MB of news cut into  {label:>7} {:<18} {:>6} docs  median {median:6.2} ns/byte (best {:.2}) of {ALTERNATING_ROUNDS} alternating rounds",
            api.name(),
            docs.len(),
            times[0]
        );
        medians.push((*api, median));
    }
    for api in [Api::OneByOne, Api::Each] {
        let of_api: Vec<f64> = medians.iter().filter(|(a, _)| *a == api).map(|(_, m)| *m).collect();
        println!(
            "2 MB of news cut into  1 KB over 100 KB {:<18} {:+.1}% (medians)",
            api.name(),
            (of_api[0] / of_api[1] - 1.0) * 100.0
        );
    }
    println!();
}

fn main() {
    let corpus: Vec<String> = load_corpus().into_iter().map(|a| a.text).collect();
    let extractor = Extractor::new();
    let text = joined(&corpus, 50_000_000);
    short_against_long(&extractor, &corpus);
    let sizes =
        [("1 KB", 1_000), ("100 KB", 100_000), ("10 MB", 10_000_000), ("50 MB", 50_000_000)];
    let mut news: Vec<(&str, Api, Vec<&str>)> =
        sizes.iter().map(|&(label, size)| (label, Api::OneByOne, pieces(&text, size))).collect();
    // The same documents (up to 10 MB) through the batch API, timed in turn with the
    // others: short documents then go stage by stage in groups, as long ones do alone.
    for k in 0..3 {
        news.push((news[k].0, Api::Each, news[k].2.clone()));
    }
    family(&extractor, "50 MB of news cut into", &news);

    // Each shape at its full size (one 10 MB sentence, 100,000 quote marks, a million
    // capitalized words) and at a tenth of it.
    let shapes: [(&str, &str, usize); 3] = [
        ("one 10 MB sentence", "officials in Kyiv said the talks went on and ", 10_000_000 / 45),
        ("100,000 quote marks", "\u{201c}a\u{201d} \"b\" ", 25_000),
        ("1M capitalized words", "Word ", 1_000_000),
    ];
    for (name, unit, repeats) in shapes {
        let (tenth, full) = (unit.repeat(repeats / 10), unit.repeat(repeats));
        let members = [
            ("1/10", Api::OneByOne, vec![tenth.as_str()]),
            ("full", Api::OneByOne, vec![full.as_str()]),
        ];
        family(&extractor, name, &members);
    }
}
