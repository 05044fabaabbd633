//! Events: CAMEO/PLOVER-typed who-did-what-to-whom records.
//!
//! Consumes the text and every earlier record; produces [`Event`]s.

use crate::Span;
use crate::analysis::Analysis;

/// A coded event.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Event {
    /// PLOVER type (`CONSULT`, `ACCUSE`, ...).
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub plover: String,
    /// CAMEO code, 2 to 4 digits (`040`, `112`).
    pub code: String,
    /// Ids of the source actors.
    pub source: Vec<String>,
    /// Ids of the target actors.
    pub target: Vec<String>,
    /// TIMEX3 date value of the event, if known.
    pub date: Option<String>,
    /// Whether the event is negated ("did not agree").
    pub negated: bool,
    /// The trigger word or phrase.
    pub trigger: Span,
    /// Index of the sentence.
    pub sentence: usize,
}

/// Codes events.
#[derive(Clone, Debug, Default)]
pub struct EventCoder {}

impl EventCoder {
    /// The coder with the default lexicon.
    pub fn new() -> EventCoder {
        EventCoder {}
    }

    /// Fills `analysis.events`; needs every earlier record.
    pub(crate) fn run(&self, _text: &str, _analysis: &mut Analysis) {}
}
