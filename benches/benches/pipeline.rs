//! Throughput of each stage and of the whole pipeline over a news corpus.
//!
//! ```text
//! NEWS_CORPUS=../../shared/corpus/news.jsonl cargo bench --bench pipeline
//! ```
//!
//! Every benchmark checks the count of records it produced against a count taken once
//! before timing, so a speed-up cannot come from silently doing less.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsextract::segment::Segmenter;
use newsextract::{Analysis, Extractor, Stage};
use newsextract_bench::{corpus_bytes, load_corpus};

/// Counts one stage's records in an analysis.
type RecordCount = fn(&Analysis) -> usize;

fn pipeline(c: &mut Criterion) {
    let corpus = load_corpus();
    let bytes = corpus_bytes(&corpus);
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);

    let segmenter = Segmenter::new();
    let count_sentences =
        || -> usize { corpus.iter().map(|a| segmenter.sentences(&a.text).len()).sum() };
    let sentences = count_sentences();
    group.bench_function("sentences", |b| b.iter(|| assert_eq!(count_sentences(), sentences)));

    // The pipeline cut after each stage, counting that stage's records.
    let mut analysis = Analysis::default();
    let cuts: [(&str, Stage, RecordCount); 4] = [
        ("up_to_actors", Stage::Actors, |a| a.actors.len()),
        ("up_to_dates", Stage::Dates, |a| a.dates.len()),
        ("up_to_quotes", Stage::Quotes, |a| a.quotes.len()),
        ("up_to_accusations", Stage::Accusations, |a| a.accusations.len()),
    ];
    for (name, stage, count) in cuts {
        let partial = Extractor::builder().last_stage(stage).build().expect("default build");
        let mut run = || -> usize {
            corpus
                .iter()
                .map(|a| {
                    partial.extract_into(a.document(), &mut analysis);
                    count(&analysis)
                })
                .sum()
        };
        let expected = run();
        group.bench_function(name, |b| b.iter(|| assert_eq!(run(), expected)));
    }

    let extractor = Extractor::new();
    let mut count_records = || -> usize {
        corpus
            .iter()
            .map(|a| {
                extractor.extract_into(a.document(), &mut analysis);
                analysis.sentences.len()
                    + analysis.actors.len()
                    + analysis.dates.len()
                    + analysis.quotes.len()
                    + analysis.accusations.len()
                    + analysis.events.len()
            })
            .sum()
    };
    let records = count_records();
    group.bench_function("end_to_end", |b| b.iter(|| assert_eq!(count_records(), records)));
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
