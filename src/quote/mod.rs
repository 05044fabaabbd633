//! Quotes: direct, partial and indirect quotations, each with its speaker.
//!
//! Consumes the text, its sentences and paragraphs, and the actors; produces
//! [`Quote`]s with their speaker, cue and sentence.

use crate::Span;
use crate::analysis::Analysis;

/// How a quotation reports speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum QuoteKind {
    /// Every word is inside quotation marks.
    Direct,
    /// Quoted fragments inside a reporting clause.
    Partial,
    /// Reported speech without quotation marks ("X said that ...").
    Indirect,
}

/// A quotation or reported statement.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Quote {
    /// The quoted or reported content.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub span: Span,
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// The speaking actor's id, when known.
    pub speaker: Option<String>,
    /// Where the speaker is named at this place ("he", "Peskov").
    pub speaker_span: Option<Span>,
    /// The reporting cue ("said", "according to").
    pub cue: Option<Span>,
    /// Index of the sentence where the quote starts.
    pub sentence: usize,
}

/// Finds quotations and attributes them.
#[derive(Clone, Debug, Default)]
pub struct QuoteFinder {}

impl QuoteFinder {
    /// The finder with the default reporting-verb lexicon.
    pub fn new() -> QuoteFinder {
        QuoteFinder {}
    }

    /// Fills `analysis.quotes`; needs sentences, paragraphs and actors.
    pub(crate) fn run(&self, _text: &str, _analysis: &mut Analysis) {}
}
