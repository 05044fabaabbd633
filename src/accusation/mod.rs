//! Accusations: who accused whom of what.
//!
//! Consumes the text, sentences, actors, dates and quotes; produces [`Accusation`]s.

use crate::Span;
use crate::analysis::Analysis;

/// An accusation or criticism.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Accusation {
    /// Ids of the accusing actors.
    pub accuser: Vec<String>,
    /// Ids of the accused actors.
    pub accused: Vec<String>,
    /// What they are accused of.
    pub allegation: Option<Span>,
    /// The cue word ("accused", "blamed").
    pub cue: Span,
    /// Index of the sentence.
    pub sentence: usize,
    /// Whether the accusation is denied or negated ("denied accusing").
    pub negated: bool,
}

/// Finds accusations.
#[derive(Clone, Debug, Default)]
pub struct AccusationFinder {}

impl AccusationFinder {
    /// The finder with the default cue lexicon.
    pub fn new() -> AccusationFinder {
        AccusationFinder {}
    }

    /// Fills `analysis.accusations`; needs sentences, actors, dates and quotes.
    pub(crate) fn run(&self, _text: &str, _analysis: &mut Analysis) {}
}
