//! The result of extraction: every record of one document.

use jiff::civil::Date;

use crate::accusation::Accusation;
use crate::actor::Actor;
use crate::date::DateMention;
use crate::event::Event;
use crate::order::Cursor;
use crate::quote::Quote;
use crate::segment::{Paragraph, Sentence, Token};

/// Everything extracted from one [`Document`](crate::Document).
///
/// Records point into the document's text with byte [`Span`](crate::Span)s and at each
/// other with indices (`sentence`) and actor ids. With the `serde` feature it serializes
/// to the JSON shape of the evaluation protocol (one object per document).
///
/// An `Analysis` can be reused across documents with
/// [`Extractor::extract_into`](crate::Extractor::extract_into), which keeps its buffers.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Analysis {
    /// The document's id, if it had one.
    pub id: Option<String>,
    /// The publication date the relative dates were resolved against.
    pub published: Option<Date>,
    /// Paragraphs (headlines, bylines, datelines and bullets are paragraphs of their own).
    pub paragraphs: Vec<Paragraph>,
    /// Sentences, in text order, never overlapping.
    pub sentences: Vec<Sentence>,
    /// Word tokens; filled only when the extractor was built with
    /// [`ExtractorBuilder::tokens`](crate::ExtractorBuilder::tokens).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub tokens: Vec<Token>,
    /// Actors (people, countries, governments, organizations, places, groups), each with
    /// every mention that refers to it.
    pub actors: Vec<Actor>,
    /// Temporal expressions with TIMEX3 values.
    pub dates: Vec<DateMention>,
    /// Direct, partial and indirect quotations with their speakers.
    pub quotes: Vec<Quote>,
    /// Who accused whom of what.
    pub accusations: Vec<Accusation>,
    /// CAMEO/PLOVER-typed who-did-what-to-whom records.
    pub events: Vec<Event>,
}

impl Analysis {
    /// Empties every record list, keeping the allocated capacity.
    pub fn clear(&mut self) {
        self.id = None;
        self.published = None;
        self.paragraphs.clear();
        self.sentences.clear();
        self.tokens.clear();
        self.actors.clear();
        self.dates.clear();
        self.quotes.clear();
        self.accusations.clear();
        self.events.clear();
    }

    /// The index of the sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    /// [`Analysis::sentence_at`] for offsets asked about mostly in text order: the search
    /// walks on from the `cursor`'s last answer.
    pub(crate) fn sentence_at_from(&self, offset: usize, cursor: &Cursor) -> Option<usize> {
        let i = cursor.partition_point(&self.sentences, |s| s.span.end <= offset);
        self.sentences.get(i).is_some_and(|s| s.span.start <= offset).then_some(i)
    }

    /// The actor with the given id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }
}
