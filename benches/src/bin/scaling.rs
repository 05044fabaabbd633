//! Does the cost per byte stay flat as documents grow? Times the whole pipeline on one
//! thread over documents of 1 KB, 100 KB, 10 MB and 50 MB made by joining `NEWS_CORPUS`
//! articles, and over hostile shapes at two sizes each (one sentence with no end, runs of
//! quote marks, runs of capitalized words), and prints nanoseconds per byte with the
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

/// Nanoseconds per byte of extracting `text` (best of the rounds run within about two
/// seconds, at least two rounds), and the number of records of the last run.
fn ns_per_byte(extractor: &Extractor, text: &str, analysis: &mut Analysis) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut records = 0;
    let start = Instant::now();
    let mut rounds = 0;
    while rounds < 2 || start.elapsed().as_secs_f64() < 2.0 {
        let t = Instant::now();
        extractor.extract_into(Document::new(text), analysis);
        best = best.min(t.elapsed().as_secs_f64());
        records = analysis.sentences.len()
            + analysis.actors.len()
            + analysis.dates.len()
            + analysis.quotes.len()
            + analysis.events.len();
        rounds += 1;
    }
    (best * 1e9 / text.len() as f64, records)
}

/// Prints one family of documents and the spread of its cost per byte.
fn family(extractor: &Extractor, name: &str, docs: &[(&str, String)]) {
    let mut analysis = Analysis::default();
    let mut figures = Vec::new();
    for (label, text) in docs {
        let (ns, records) = ns_per_byte(extractor, text, &mut analysis);
        assert!(records > 0, "{name} {label}: no records");
        println!(
            "{name:<24} {label:>7}  {:>10} bytes  {ns:7.2} ns/byte  {:7.1} MB/s  {records} records",
            text.len(),
            1e3 / ns
        );
        figures.push(ns);
    }
    let min = figures.iter().copied().fold(f64::INFINITY, f64::min);
    let max = figures.iter().copied().fold(0.0, f64::max);
    println!(
        "{name:<24} spread  {:+.1}% (largest over smallest ns/byte)\n",
        (max / min - 1.0) * 100.0
    );
}

fn main() {
    let corpus: Vec<String> = load_corpus().into_iter().map(|a| a.text).collect();
    let extractor = Extractor::new();
    let sizes =
        [("1 KB", 1_000), ("100 KB", 100_000), ("10 MB", 10_000_000), ("50 MB", 50_000_000)];
    let news: Vec<(&str, String)> =
        sizes.iter().map(|&(label, size)| (label, joined(&corpus, size))).collect();
    family(&extractor, "joined news", &news);

    // Each shape at its full size (one 10 MB sentence, 100,000 quote marks, a million
    // capitalized words) and at a tenth of it.
    let shapes: [(&str, &str, usize); 3] = [
        ("one 10 MB sentence", "officials in Kyiv said the talks went on and ", 10_000_000 / 45),
        ("100,000 quote marks", "\u{201c}a\u{201d} \"b\" ", 25_000),
        ("1M capitalized words", "Word ", 1_000_000),
    ];
    for (name, unit, repeats) in shapes {
        let docs = [("1/10", unit.repeat(repeats / 10)), ("full", unit.repeat(repeats))];
        family(&extractor, name, &docs);
    }
}
