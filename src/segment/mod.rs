//! Segmentation: paragraphs, sentences and word tokens.
//!
//! Consumes the raw text; produces [`Paragraph`]s, [`Sentence`]s and [`Token`]s as byte
//! spans. Each level is usable on its own through [`Segmenter`].
//!
//! - Paragraphs: every line break ends one (a blank line or a single one). Headlines,
//!   bylines, datelines and bullets are units of their own, marked by [`ParagraphKind`].
//! - Sentences: a rule-based splitter for news English that never crosses a paragraph.
//!   One byte scan finds candidate terminators; each is judged on its local context
//!   (abbreviations, initials, numbers, ellipses, closing quotes, the next word), with the
//!   word lists in `data/segment/`. Boundaries inside quotations are found like any other.
//! - Tokens: Unicode word bounds, with hyphenated words, initialisms and possessives
//!   handled the way news needs them. Computed only on request.
//!
//! ```
//! use newsextract::segment::{ParagraphKind, Segmenter};
//!
//! let text = "Talks stall\nGen. Smith arrived at 9 a.m. Tuesday. “Is it over?” he asked.";
//! let segmenter = Segmenter::new();
//! let paragraphs = segmenter.paragraphs(text);
//! assert_eq!(paragraphs[0].kind, ParagraphKind::Headline);
//! let sentences: Vec<&str> = segmenter.sentences(text).into_iter().map(|s| &text[s]).collect();
//! assert_eq!(sentences, ["Talks stall", "Gen. Smith arrived at 9 a.m. Tuesday.", "“Is it over?” he asked."]);
//! ```

mod bytes;
mod lexicon;
mod paragraph;
mod sentence;
mod token;

#[cfg(test)]
mod tests;

use crate::Span;
use crate::analysis::Analysis;
use lexicon::Lexicon;

/// What kind of unit a paragraph is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum ParagraphKind {
    /// Running text.
    Body,
    /// A title line.
    Headline,
    /// An author or source credit ("by India Today News Desk").
    Byline,
    /// A place-and-date line opening wire copy ("TOKYO, March 2 -").
    Dateline,
    /// A bulleted or numbered list item.
    Bullet,
}

/// A paragraph of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Paragraph {
    /// Where it is, without surrounding whitespace.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub span: Span,
    /// What kind of unit it is.
    pub kind: ParagraphKind,
}

/// A sentence of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Sentence {
    /// Where it is, without surrounding whitespace.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub span: Span,
    /// Index of the paragraph it belongs to.
    pub paragraph: usize,
}

/// A word token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Token {
    /// Where it is.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub span: Span,
}

/// Splits text into paragraphs, sentences and tokens.
///
/// Build it once ([`Segmenter::new`] parses the embedded word lists) and reuse it; every
/// method takes `&self`. Spans never include surrounding whitespace, sentences never cross
/// paragraphs, and together the sentences cover all non-space text.
///
/// ```
/// use newsextract::segment::{ParagraphKind, Segmenter};
///
/// let text = "Talks resume in Riyadh\n\nRIYADH, March 24 - U.S. and Ukrainian officials met \
///             on Monday. \u{201c}We made progress. More talks follow,\u{201d} Sen. Smith said.";
/// let segmenter = Segmenter::new();
/// let kinds: Vec<_> = segmenter.paragraphs(text).iter().map(|p| p.kind).collect();
/// assert_eq!(
///     kinds,
///     [ParagraphKind::Headline, ParagraphKind::Dateline, ParagraphKind::Body]
/// );
/// let sentences: Vec<&str> = segmenter.sentences(text).into_iter().map(|s| &text[s]).collect();
/// assert_eq!(
///     sentences,
///     [
///         "Talks resume in Riyadh",
///         "RIYADH, March 24 -",
///         "U.S. and Ukrainian officials met on Monday.",
///         "\u{201c}We made progress.",
///         "More talks follow,\u{201d} Sen. Smith said.",
///     ]
/// );
/// ```
#[derive(Clone, Debug)]
pub struct Segmenter {
    lexicon: Lexicon,
}

impl Default for Segmenter {
    fn default() -> Segmenter {
        Segmenter::new()
    }
}

impl Segmenter {
    /// A segmenter with the embedded abbreviation, sentence-starter and byline lists.
    pub fn new() -> Segmenter {
        Segmenter { lexicon: Lexicon::new() }
    }

    /// The paragraphs of `text`, in order. Every line break ends a paragraph; a dateline
    /// opening wire copy is split off as a unit of its own.
    ///
    /// ```
    /// use newsextract::segment::{ParagraphKind, Segmenter};
    ///
    /// let text = "Ceasefire holds\nBy Jane Doe\n- Both sides agreed\nThe truce held overnight.";
    /// let kinds: Vec<_> = Segmenter::new().paragraphs(text).iter().map(|p| p.kind).collect();
    /// assert_eq!(
    ///     kinds,
    ///     [
    ///         ParagraphKind::Headline,
    ///         ParagraphKind::Byline,
    ///         ParagraphKind::Bullet,
    ///         ParagraphKind::Body,
    ///     ]
    /// );
    /// ```
    pub fn paragraphs(&self, text: &str) -> Vec<Paragraph> {
        let mut out = Vec::new();
        paragraph::paragraphs(&self.lexicon, text, &mut out);
        out
    }

    /// The sentences of `text` as byte spans, in order.
    ///
    /// ```
    /// use newsextract::segment::Segmenter;
    ///
    /// let text = "Mr. Putin spoke at 5 p.m. on Tuesday. He called it \"a step.\" Talks go on.";
    /// let spans = Segmenter::new().sentences(text);
    /// let sentences: Vec<&str> = spans.into_iter().map(|s| &text[s]).collect();
    /// assert_eq!(
    ///     sentences,
    ///     ["Mr. Putin spoke at 5 p.m. on Tuesday.", "He called it \"a step.\"", "Talks go on."]
    /// );
    /// ```
    pub fn sentences(&self, text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut ellipsis = sentence::NextEllipsis::default();
        for p in self.paragraphs(text) {
            sentence::split_paragraph(&self.lexicon, text, p.span, &mut ellipsis, &mut |span| {
                out.push(span);
            });
        }
        out
    }

    /// The word tokens of `text[span]` (spans index into `text`). Punctuation yields no
    /// token; hyphenated words and initialisms stay whole, and a possessive "’s" is a token
    /// of its own. An out-of-range span yields nothing.
    ///
    /// ```
    /// use newsextract::{Span, segment::Segmenter};
    ///
    /// let text = "Ukraine\u{2019}s 30-day truce, the U.S. said.";
    /// let tokens = Segmenter::new().tokens(text, Span::new(0, text.len()));
    /// let words: Vec<&str> = tokens.iter().map(|t| &text[t.span]).collect();
    /// assert_eq!(words, ["Ukraine", "\u{2019}s", "30-day", "truce", "the", "U.S.", "said"]);
    /// ```
    pub fn tokens(&self, text: &str, span: Span) -> Vec<Token> {
        let mut out = Vec::new();
        token::tokens(text, span, &mut out);
        out
    }

    /// Fills `analysis.paragraphs` and `analysis.sentences` (and tokens when asked).
    pub(crate) fn run(&self, text: &str, with_tokens: bool, analysis: &mut Analysis) {
        paragraph::paragraphs(&self.lexicon, text, &mut analysis.paragraphs);
        let sentences = &mut analysis.sentences;
        let mut ellipsis = sentence::NextEllipsis::default();
        for (i, p) in analysis.paragraphs.iter().enumerate() {
            sentence::split_paragraph(&self.lexicon, text, p.span, &mut ellipsis, &mut |span| {
                sentences.push(Sentence { span, paragraph: i });
            });
        }
        if with_tokens {
            for s in &analysis.sentences {
                token::tokens(text, s.span, &mut analysis.tokens);
            }
        }
    }
}
