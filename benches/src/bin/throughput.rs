//! A quick throughput report without criterion (best round of several): MB/s of sentence splitting, of the
//! pipeline cut after each stage, of the whole pipeline on one thread (document by
//! document with `extract_into`, and stage by stage with `extract_each`), and of
//! `extract_batch` on one thread and on every core (with the speed-up), over `NEWS_CORPUS`.
//!
//! ```text
//! NEWS_CORPUS=../../shared/corpus/news.jsonl cargo run --release --bin throughput
//! ```

use std::time::Instant;

use newsextract::segment::Segmenter;
use newsextract::{Analysis, Document, Extractor, Stage};
use newsextract_bench::{corpus_bytes, load_corpus};

/// Runs `work` for at least three rounds and two seconds and returns (MB/s of the
/// fastest round, its result): the best round is the figure least disturbed by other
/// work on a shared machine.
fn measure(bytes: u64, mut work: impl FnMut() -> usize) -> (f64, usize) {
    let start = Instant::now();
    let mut best = f64::INFINITY;
    let mut rounds = 0u32;
    let mut count;
    loop {
        let round = Instant::now();
        count = work();
        best = best.min(round.elapsed().as_secs_f64());
        rounds += 1;
        if rounds >= 3 && start.elapsed().as_secs_f64() >= 2.0 {
            break;
        }
    }
    (bytes as f64 / 1e6 / best, count)
}

fn main() {
    // Built first, so the peak RSS reported is the extractor's (plus the program's).
    let start = Instant::now();
    let extractor = Extractor::new();
    let build_ms = start.elapsed().as_secs_f64() * 1e3;
    println!("build default extractor: {build_ms:.1} ms, peak RSS {}", peak_rss());

    let corpus = load_corpus();
    let bytes = corpus_bytes(&corpus);
    println!("corpus: {} documents, {:.2} MB", corpus.len(), bytes as f64 / 1e6);

    let segmenter = Segmenter::new();
    let (speed, count) =
        measure(bytes, || corpus.iter().map(|a| segmenter.sentences(&a.text).len()).sum());
    println!("sentences:            {speed:8.1} MB/s  ({count} sentences)");

    let mut analysis = Analysis::default();
    // Record counts of the whole pipeline: each cut below must produce as many records
    // of its last stage, so no stage can get faster by doing less.
    let mut full = [0usize; 6];
    for article in &corpus {
        extractor.extract_into(article.document(), &mut analysis);
        for (total, n) in full.iter_mut().zip(record_counts(&analysis)) {
            *total += n;
        }
    }
    let [sentences, actors, dates, quotes, accusations, events] = full;
    println!(
        "records: {sentences} sentences, {actors} actors, {dates} dates, {quotes} quotes, \
         {accusations} accusations, {events} events"
    );
    let stages = [
        Stage::Segment,
        Stage::Actors,
        Stage::Dates,
        Stage::Quotes,
        Stage::Accusations,
        Stage::Events,
    ];
    for (i, stage) in stages.into_iter().enumerate() {
        let partial = Extractor::builder().last_stage(stage).build().expect("default build");
        let (speed, count) = measure(bytes, || {
            corpus
                .iter()
                .map(|a| {
                    partial.extract_into(a.document(), &mut analysis);
                    record_counts(&analysis)[i]
                })
                .sum()
        });
        assert_eq!(count, full[i], "pipeline up to {stage:?}: record count differs");
        println!("pipeline up to {stage:<11?} {speed:8.1} MB/s  ({count} records of the stage)");
    }
    let (speed, count) = measure(bytes, || {
        corpus
            .iter()
            .map(|a| {
                extractor.extract_into(a.document(), &mut analysis);
                record_counts(&analysis).iter().sum::<usize>()
            })
            .sum()
    });
    assert_eq!(count, full.iter().sum::<usize>(), "end to end: record count differs");
    println!("end to end, 1 thread: {speed:8.1} MB/s  ({count} records)");

    // The same documents stage by stage.
    let docs: Vec<Document> = corpus.iter().map(|a| a.document()).collect();
    let (speed, count) = measure(bytes, || {
        let mut count = 0;
        extractor.extract_each(&docs, |_, a| count += record_counts(a).iter().sum::<usize>());
        count
    });
    assert_eq!(count, full.iter().sum::<usize>(), "extract_each: record count differs");
    println!("end to end, extract_each, 1 thread: {speed:8.1} MB/s");

    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    // The same call on one thread and on every core: the speed-up of the batch API itself
    // (fresh analyses for every document in both).
    let batch = |threads: usize| {
        let (speed, count) = measure(bytes, || {
            extractor
                .extract_batch(&docs, threads)
                .iter()
                .map(|a| record_counts(a).iter().sum::<usize>())
                .sum()
        });
        assert_eq!(count, full.iter().sum::<usize>(), "extract_batch: record count differs");
        speed
    };
    let one = batch(1);
    println!("extract_batch, 1 thread: {one:8.1} MB/s");
    let all = batch(cores);
    println!("extract_batch, {cores} threads: {all:8.1} MB/s  ({:.2}x)", all / one);
}

/// Sentences, actors, dates, quotes, accusations and events of an analysis.
fn record_counts(analysis: &Analysis) -> [usize; 6] {
    [
        analysis.sentences.len(),
        analysis.actors.len(),
        analysis.dates.len(),
        analysis.quotes.len(),
        analysis.accusations.len(),
        analysis.events.len(),
    ]
}

/// The process's peak resident set size (Linux `VmHWM`), or "n/a" elsewhere.
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(format!("{:.1} MB", kb / 1024.0))
        })
        .unwrap_or_else(|| "n/a".to_string())
}
