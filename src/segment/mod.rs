//! Segmentation: paragraphs, sentences and word tokens.
//!
//! Consumes the raw text; produces [`Paragraph`]s, [`Sentence`]s and [`Token`]s as byte
//! spans. Each level is usable on its own through [`Segmenter`].

use crate::Span;
use crate::analysis::Analysis;

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
#[derive(Clone, Debug, Default)]
pub struct Segmenter {}

impl Segmenter {
    /// A segmenter with the default rules.
    pub fn new() -> Segmenter {
        Segmenter {}
    }

    /// Paragraphs of `text`: one per non-blank line.
    pub fn paragraphs(&self, text: &str) -> Vec<Paragraph> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                let offset = start + (line.len() - line.trim_start().len());
                out.push(Paragraph {
                    span: Span::new(offset, offset + trimmed.len()),
                    kind: ParagraphKind::Body,
                });
            }
            start += line.len();
        }
        out
    }

    /// Fills `analysis.paragraphs` and `analysis.sentences` (and tokens when asked).
    pub(crate) fn run(&self, text: &str, with_tokens: bool, analysis: &mut Analysis) {
        analysis.paragraphs = self.paragraphs(text);
        for (i, p) in analysis.paragraphs.iter().enumerate() {
            analysis.sentences.push(Sentence { span: p.span, paragraph: i });
        }
        if with_tokens {
            use unicode_segmentation::UnicodeSegmentation;
            for (offset, word) in text.split_word_bound_indices() {
                if word.chars().any(char::is_alphanumeric) {
                    analysis.tokens.push(Token { span: Span::new(offset, offset + word.len()) });
                }
            }
        }
    }
}
