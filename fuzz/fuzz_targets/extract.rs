//! Fuzzes `Extractor::extract` with arbitrary text and publication dates.
//!
//! Input layout: one control byte, then the date bytes it asks for (see
//! `newsextract_fuzz::published`), then the text (invalid UTF-8 replaced by U+FFFD). The
//! control byte's top bit asks for tokens; bit 6 extracts twice, the second time into a
//! reused analysis, and requires identical results.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use newsextract::{Document, Extractor};
use newsextract_fuzz::{check_analysis, published};

static PLAIN: LazyLock<Extractor> = LazyLock::new(Extractor::new);
static TOKENS: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::builder().tokens(true).build().expect("default data"));

fuzz_target!(
    // Build both extractors before the first input: on a loaded machine compiling the
    // automata can take longer than libFuzzer's per-input timeout.
    init: {
        LazyLock::force(&PLAIN);
        LazyLock::force(&TOKENS);
    },
    |data: &[u8]| {
        let Some((&control, rest)) = data.split_first() else {
            return;
        };
        let (date, rest) = published(control, rest);
        let text = String::from_utf8_lossy(rest);
        let extractor = if control & 0x80 != 0 { &*TOKENS } else { &*PLAIN };
        let mut doc = Document::new(&text).with_id("fuzz");
        if let Some(date) = date {
            doc = doc.with_published(date);
        }
        let analysis = extractor.extract(doc);
        check_analysis(&text, &analysis);
        if control & 0x40 != 0 {
            // A reused analysis full of another document's records must not leak into this one.
            let mut reused = extractor.extract("Putin met Trump in Moscow on Tuesday, he said.");
            extractor.extract_into(doc, &mut reused);
            assert!(reused == analysis, "extraction is not deterministic");
        }
    }
);
