//! Actors: people, countries, governments, organizations, places and groups.
//!
//! Consumes the text and its sentences; produces [`Actor`]s, each with the
//! [`Mention`]s that refer to it (names, aliases, demonyms, metonyms, role nouns and
//! pronouns), resolved to one canonical entry per actor.

use crate::Span;
use crate::analysis::Analysis;

/// What sort of thing an actor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum ActorKind {
    /// A person.
    Person,
    /// A country or territory as such.
    Country,
    /// A government or state apparatus (the Kremlin, the White House).
    Government,
    /// An organization: company, party, agency, international body.
    Organization,
    /// A place: city, region, landmark.
    Location,
    /// A group: armed group, ethnic or religious group, movement.
    Group,
}

/// How a mention names its actor (the protocol's `form`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum MentionForm {
    /// The actor's name or a listed variant ("Volodymyr Zelenskyy").
    Name,
    /// A short form of a name mentioned earlier ("Zelenskyy").
    Alias,
    /// A nationality adjective or demonym ("Ukrainian").
    Demonym,
    /// A place or building standing for a government ("the Kremlin", "Kyiv").
    Metonym,
    /// A role noun phrase ("the president").
    Nominal,
    /// A pronoun ("he").
    Pronoun,
}

/// One place in the text that refers to an actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Mention {
    /// Where the mention is.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub span: Span,
    /// Index of the sentence containing it.
    pub sentence: usize,
    /// How it names the actor.
    pub form: MentionForm,
}

/// An actor of the document, with all its mentions.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Actor {
    /// A stable id: the gazetteer id for known actors, a document-local one otherwise.
    pub id: String,
    /// The canonical display name.
    pub name: String,
    /// What sort of actor it is.
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-3 code of the actor's country (or an IGO code such as `IGO`).
    pub country: Option<String>,
    /// The mentions, in text order.
    pub mentions: Vec<Mention>,
}

/// Finds and resolves actors.
#[derive(Clone, Debug, Default)]
pub struct ActorTagger {}

impl ActorTagger {
    /// The tagger with the default gazetteer.
    pub fn new() -> ActorTagger {
        ActorTagger {}
    }

    /// Fills `analysis.actors`; needs `analysis.sentences`.
    pub(crate) fn run(&self, _text: &str, _analysis: &mut Analysis) {}
}
