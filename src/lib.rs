/*!
newsextract turns English news articles into structured, source-linked records: sentences,
actors, dates, quotes, accusations and CAMEO/PLOVER-coded events, each pointing back at the
text with byte spans.

# Overview

- [`Extractor`] runs every stage; build it once with [`Extractor::new`] or
  [`Extractor::builder`], then call [`Extractor::extract`] per document,
  [`Extractor::extract_into`] to reuse an analysis's buffers, [`Extractor::extract_each`]
  for a list of documents on one thread (stage by stage: faster for short articles), or
  [`Extractor::extract_batch`] to spread a list over threads.
- [`Document`] is the input: borrowed text, an optional id and publication date.
- [`Analysis`] is the output: [`segment::Sentence`]s, [`actor::Actor`]s,
  [`date::DateMention`]s, [`quote::Quote`]s, [`accusation::Accusation`]s and
  [`event::Event`]s.
- [`Span`] is a half-open range of UTF-8 byte offsets into the text.
- [`Analysis::write_json`] appends an analysis as one line of compact JSON, byte for byte
  what serde_json writes with the `serde` feature, but without serde and several times
  faster (module `json`).

# Example

```
use newsextract::{Document, Extractor};

let text = "Russia and Ukraine held talks on Tuesday. Both sides said progress was made.";
let doc = Document::new(text).with_published(Document::parse_published("2025-03-19")?);
let analysis = Extractor::new().extract(doc);

let first = analysis.sentences[0].span;
assert_eq!(&text[first], "Russia and Ukraine held talks on Tuesday.");
# Ok::<(), newsextract::Error>(())
```

# Stages

Data flows one way; each stage reads what earlier ones wrote into the [`Analysis`]:
[`segment`] -> [`actor`] -> [`date`] -> [`quote`] -> [`accusation`] -> [`event`].
*/

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub use crate::analysis::Analysis;
pub use crate::document::Document;
pub use crate::error::Error;
pub use crate::extractor::{Extractor, ExtractorBuilder, Stage};
pub use crate::span::Span;

pub mod accusation;
pub mod actor;
pub mod date;
pub mod event;
#[cfg(feature = "html")]
#[cfg_attr(docsrs, doc(cfg(feature = "html")))]
pub mod html;
pub mod quote;
pub mod segment;

mod analysis;
mod ascii;
mod document;
mod error;
mod extractor;
mod hash;
mod json;
mod order;
mod reuse;
mod span;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(test)]
mod auto_traits {
    use core::panic::{RefUnwindSafe, UnwindSafe};

    fn assert_all<T: Send + Sync + UnwindSafe + RefUnwindSafe>() {}

    #[test]
    fn extractor_is_shareable() {
        assert_all::<crate::Extractor>();
        assert_all::<crate::Analysis>();
        assert_all::<crate::Error>();
    }
}
