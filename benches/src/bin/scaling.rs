//! Does the cost per byte stay flat as documents grow? Joins `NEWS_CORPUS` articles into
//! 50 MB of text and times the whole pipeline on one thread over that same text cut into
//! documents of 1 KB, 100 KB, 10 MB and 50 MB (so only the document size changes), then
//! over hostile shapes at a tenth of their size and in full (one 10 MB sentence, 100,000
//! quote marks, a million capitalized words), and prints nanoseconds per byte with the
//! spread between the largest and smallest figure of each family.
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

/// Seconds taken to extract `docs` one after the other, and the records found.
fn one_round(extractor: &Extractor, docs: &[&str], analysis: &mut Analysis) -> (f64, usize) {
    let start = Instant::now();
    let mut records = 0;
    for doc in docs {
        extractor.extract_into(Document::new(doc), analysis);
        records += analysis.sentences.len()
            + analysis.actors.len()
            + analysis.dates.len()
            + analysis.quotes.len()
            + analysis.events.len();
    }
    (start.elapsed().as_secs_f64(), records)
}

/// Prints one family (label, documents) and the spread of its cost per byte. The members
/// are timed in turns (a round of each, again and again, for about four seconds per
/// member and at least three rounds), and each one's best round counts: a slow spell
/// of a shared machine then falls on every member alike rather than on one. Each turn
/// starts with the member's first document, untimed, so that a member is not charged
/// for the previous member's records and buffers, which the pipeline drops or frees
/// when the next document comes.
fn family(extractor: &Extractor, name: &str, family: &[(&str, Vec<&str>)]) {
    let mut analysis = Analysis::default();
    let mut best = vec![f64::INFINITY; family.len()];
    let mut records = vec![0; family.len()];
    let start = Instant::now();
    let mut rounds = 0;
    while rounds < 3 || start.elapsed().as_secs_f64() < 4.0 * family.len() as f64 {
        for (k, (_, docs)) in family.iter().enumerate() {
            one_round(extractor, &docs[..1], &mut analysis);
            let (seconds, found) = one_round(extractor, docs, &mut analysis);
            best[k] = best[k].min(seconds);
            records[k] = found;
        }
        rounds += 1;
    }
    let mut figures = Vec::new();
    for (k, (label, docs)) in family.iter().enumerate() {
        let records = records[k];
        assert!(records > 0, "{name} {label}: no records");
        let bytes: usize = docs.iter().map(|d| d.len()).sum();
        let ns = best[k] * 1e9 / bytes as f64;
        println!(
            "{name:<22} {label:>7}  {:>6} docs {bytes:>9} bytes  {ns:6.2} ns/byte  {:6.1} MB/s  {records} records",
            docs.len(),
            1e3 / ns
        );
        figures.push(ns);
    }
    let min = figures.iter().copied().fold(f64::INFINITY, f64::min);
    let max = figures.iter().copied().fold(0.0, f64::max);
    println!(
        "{name:<22} spread  {:+.1}% (largest over smallest ns/byte)\n",
        (max / min - 1.0) * 100.0
    );
}

fn main() {
    let corpus: Vec<String> = load_corpus().into_iter().map(|a| a.text).collect();
    let extractor = Extractor::new();
    let text = joined(&corpus, 50_000_000);
    let sizes =
        [("1 KB", 1_000), ("100 KB", 100_000), ("10 MB", 10_000_000), ("50 MB", 50_000_000)];
    let news: Vec<(&str, Vec<&str>)> =
        sizes.iter().map(|&(label, size)| (label, pieces(&text, size))).collect();
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
        family(&extractor, name, &[("1/10", vec![tenth.as_str()]), ("full", vec![full.as_str()])]);
    }
}
