//! A quick throughput report without criterion: MB/s of sentence splitting, of the
//! pipeline cut after each stage, of the whole pipeline on one thread, and of
//! `extract_batch` on every core, over `NEWS_CORPUS`.
//!
//! ```text
//! NEWS_CORPUS=../../shared/corpus/news.jsonl cargo run --release --bin throughput
//! ```

use std::time::Instant;

use newsextract::segment::Segmenter;
use newsextract::{Analysis, Document, Extractor, Stage};
use newsextract_bench::{corpus_bytes, load_corpus};

/// Runs `work` until at least a second has passed and returns (MB/s, its last result).
fn measure(bytes: u64, mut work: impl FnMut() -> usize) -> (f64, usize) {
    let start = Instant::now();
    let mut rounds = 0u32;
    let mut count;
    loop {
        count = work();
        rounds += 1;
        if start.elapsed().as_secs_f64() >= 1.0 {
            break;
        }
    }
    let secs = start.elapsed().as_secs_f64() / f64::from(rounds);
    (bytes as f64 / 1e6 / secs, count)
}

fn main() {
    let corpus = load_corpus();
    let bytes = corpus_bytes(&corpus);
    println!("corpus: {} documents, {:.2} MB", corpus.len(), bytes as f64 / 1e6);

    let start = Instant::now();
    let extractor = Extractor::new();
    println!("build default extractor: {:.1} ms", start.elapsed().as_secs_f64() * 1e3);

    let segmenter = Segmenter::new();
    let (speed, count) =
        measure(bytes, || corpus.iter().map(|a| segmenter.sentences(&a.text).len()).sum());
    println!("sentences:            {speed:8.1} MB/s  ({count} sentences)");

    let mut analysis = Analysis::default();
    let stages = [Stage::Segment, Stage::Actors, Stage::Dates, Stage::Quotes, Stage::Accusations];
    for stage in stages {
        let partial = Extractor::builder().last_stage(stage).build().expect("default build");
        let (speed, _) = measure(bytes, || {
            corpus
                .iter()
                .map(|a| {
                    partial.extract_into(a.document(), &mut analysis);
                    analysis.sentences.len()
                })
                .sum()
        });
        println!("pipeline up to {stage:<11?} {speed:8.1} MB/s");
    }
    let mut count_records = || {
        let mut records = [0usize; 5];
        for article in &corpus {
            extractor.extract_into(article.document(), &mut analysis);
            records[0] += analysis.actors.len();
            records[1] += analysis.dates.len();
            records[2] += analysis.quotes.len();
            records[3] += analysis.accusations.len();
            records[4] += analysis.events.len();
        }
        records
    };
    let [actors, dates, quotes, accusations, events] = count_records();
    println!(
        "records: {actors} actors, {dates} dates, {quotes} quotes, {accusations} accusations, {events} events"
    );
    let (speed, count) = measure(bytes, || count_records().iter().sum());
    println!("end to end, 1 thread: {speed:8.1} MB/s  ({count} records)");

    let docs: Vec<Document> = corpus.iter().map(|a| a.document()).collect();
    let (speed, count) = measure(bytes, || {
        extractor.extract_batch(&docs, 0).iter().map(|a| a.actors.len() + a.events.len()).sum()
    });
    println!("extract_batch, all cores: {speed:8.1} MB/s  ({count} actors+events)");
}
