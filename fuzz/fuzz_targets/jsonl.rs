//! Fuzzes the JSON Lines reader of the `extract` example: arbitrary bytes as stdin, cut
//! into lines the way the example reads them, run through the example's own line handling
//! (`Worker::process`, compiled here from `examples/extract.rs`).
//!
//! The contract: exactly one output line per input line, each a JSON object, an error
//! record `{"id", "error": "line N: ..."}` for each line that could not be analyzed, and
//! one stderr message per error record.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use newsextract::Extractor;

#[allow(dead_code)]
#[path = "../../examples/extract.rs"]
mod cli;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fuzz_target!(
    // Build the extractor before the first input: on a loaded machine compiling the
    // automata can take longer than libFuzzer's per-input timeout.
    init: {
        LazyLock::force(&EXTRACTOR);
    },
    |data: &[u8]| {
        let lines: Vec<Vec<u8>> = data.split_inclusive(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
        let mut worker = cli::Worker::default();
        let first = 41;
        worker.process(&EXTRACTOR, first, &lines);
        assert_eq!(worker.output.last(), (!lines.is_empty()).then_some(&b'\n'));
        let output: Vec<&[u8]> = worker.output.split(|&b| b == b'\n').collect();
        assert_eq!(output.len(), lines.len() + 1, "one output line per input line");
        let mut errors = 0;
        for (i, line) in output[..lines.len()].iter().enumerate() {
            let value: serde_json::Value = serde_json::from_slice(line).expect("output line is JSON");
            let object = value.as_object().expect("output line is a JSON object");
            if let Some(error) = object.get("error") {
                let error = error.as_str().expect("error is a string");
                let prefix = format!("line {}: ", first + i + 1);
                assert!(error.starts_with(&prefix), "{error:?} does not name line {}", first + i + 1);
                assert_eq!(worker.errors.get(errors).map(String::as_str), Some(error));
                errors += 1;
            } else {
                assert!(object.contains_key("sentences"), "output line is neither analysis nor error");
            }
        }
        assert_eq!(errors, worker.errors.len(), "one stderr message per error record");
    }
);
