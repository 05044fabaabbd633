//! Dates: temporal expressions normalized against the publication date.
//!
//! Consumes the text, its sentences and the publication date; produces
//! [`DateMention`]s with a TIMEX3 kind and value ("on Tuesday" -> `2025-03-18`,
//! "30-day" -> `P30D`).

use jiff::civil::Date;

use crate::Span;
use crate::analysis::Analysis;

/// The TIMEX3 type of a temporal expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum TimexKind {
    /// A calendar date or period ("March 11", "2025", "this week").
    Date,
    /// A time of day ("8 p.m.", "Wednesday morning").
    Time,
    /// A length of time ("30-day", "two weeks").
    Duration,
    /// A recurrence ("every year", "weekly").
    Set,
}

/// A temporal expression found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DateMention {
    /// Where the expression is.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub span: Span,
    /// Index of the sentence containing it.
    pub sentence: usize,
    /// The TIMEX3 type.
    pub kind: TimexKind,
    /// The TIMEX3 value (`2025-03-18`, `P30D`, `XXXX-WXX-2`, `PRESENT_REF`).
    pub value: String,
}

/// Finds temporal expressions and resolves them against a publication date.
#[derive(Clone, Debug, Default)]
pub struct DateTagger {}

impl DateTagger {
    /// The tagger with the default grammar.
    pub fn new() -> DateTagger {
        DateTagger {}
    }

    /// Fills `analysis.dates`; needs `analysis.sentences`.
    pub(crate) fn run(&self, _text: &str, _published: Option<Date>, _analysis: &mut Analysis) {}
}
