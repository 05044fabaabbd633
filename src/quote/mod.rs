//! Quotes: direct, partial and indirect quotations, each with its speaker.
//!
//! Consumes the text, its sentences and paragraphs, and the actors; produces
//! [`Quote`]s with their speaker, cue and sentence.
//!
//! The stage works from two kinds of candidates found in one pass each: quotation marks
//! (a byte scan, paired per paragraph) and reporting cues (a lookup of the lexicon in
//! `data/quote/` at the start of each word, see `cues`). Everything else looks only at the
//! few words around a candidate, so the cost stays linear in the text.
//!
//! ```
//! use newsextract::Extractor;
//! use newsextract::quote::QuoteKind;
//!
//! let text = "Kremlin spokesman Dmitry Peskov said the talks were “useful”. \
//!             “We see no reciprocity,” he added.";
//! let analysis = Extractor::new().extract(text);
//! let kinds: Vec<QuoteKind> = analysis.quotes.iter().map(|q| q.kind).collect();
//! assert_eq!(kinds, [QuoteKind::Partial, QuoteKind::Direct]);
//! for quote in &analysis.quotes {
//!     assert_eq!(quote.speaker.as_deref(), Some("per:dmitry-peskov"));
//! }
//! ```

mod attribute;
mod cues;
mod lexicon;
mod marks;
mod words;

#[cfg(test)]
mod tests;

use crate::Span;
use crate::analysis::Analysis;
use crate::order::sort_within_runs;

use self::lexicon::Lexicon;

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
///
/// ```
/// use newsextract::Extractor;
/// use newsextract::quote::QuoteKind;
///
/// let text = "“We will not back down,” the minister said.";
/// let analysis = Extractor::new().extract(text);
/// let quote = &analysis.quotes[0];
/// assert_eq!(quote.kind, QuoteKind::Direct);
/// assert_eq!(&text[quote.span], "“We will not back down,”");
/// assert_eq!(&text[quote.speaker_span.unwrap()], "the minister");
/// ```
#[derive(Clone, Debug)]
pub struct QuoteFinder {
    lex: Lexicon,
}

impl Default for QuoteFinder {
    fn default() -> QuoteFinder {
        QuoteFinder::new()
    }
}

impl QuoteFinder {
    /// The finder with the default reporting-verb lexicon.
    pub fn new() -> QuoteFinder {
        QuoteFinder { lex: Lexicon::new() }
    }

    /// Fills `analysis.quotes`; needs sentences, paragraphs and actors.
    pub(crate) fn run(&self, text: &str, analysis: &mut Analysis) {
        // The previous document's quotes are written over.
        let mut quotes = std::mem::take(&mut analysis.quotes);
        attribute::find(&self.lex, text, analysis, &mut quotes);
        // The quotes come sorted by start: only those with one start are sorted by end.
        sort_within_runs(&mut quotes, |q| q.span.start, |q| (q.span.start, q.span.end));
        analysis.quotes = quotes;
    }
}
