//! Events: CAMEO/PLOVER-typed who-did-what-to-whom records.
//!
//! Consumes the text and every earlier record; produces [`Event`]s.
//!
//! Triggers come from a verb and noun lexicon (`data/event/verbs.tsv`,
//! `data/event/nouns.tsv`, extendable with user files through
//! [`ExtractorBuilder::event_lexicon`](crate::ExtractorBuilder::event_lexicon)), found by one
//! word-start trie over every inflected form, searched in the accusation stage's pass
//! over the text. Only sentences with a trigger that may be coded are read (not those
//! whose triggers are all weak senses, like "beat", without a political actor), once: the
//! sentences the accusation stage read are reused. They are read as words, clauses and
//! actor mentions (a run-on sentence of more than 8 KiB in pieces of about that size, as
//! the accusation stage reads it):
//!
//! - source: the subject actor (nearest actor before the trigger in its clause, outside
//!   prepositional phrases, with its coordinated actors); the agent after "by" in the
//!   passive; the quote's speaker for "we" inside a quote;
//! - target: the direct object or an actor after a target preposition ("with", "to",
//!   "against", "at", "on");
//! - modal verbs recode their complement: "agreed to release" 0353, "refused to meet" 125,
//!   "threatened to impose sanctions" 1312, "demanded the withdrawal" 1056, "will provide
//!   aid" 033;
//! - compound actors give one event per dyad; reciprocal ones ("X and Y met", "talks
//!   between X and Y") one per direction;
//! - every accusation of the accusation stage becomes an event (111 criticism, 112x).
//!
//! ```
//! use newsextract::Extractor;
//!
//! let text = "Russian President Vladimir Putin refused to meet Ukrainian President Volodymyr Zelenskyy.";
//! let analysis = Extractor::new().extract(text);
//! let event = &analysis.events[0];
//! assert!(event.code.starts_with("12")); // CAMEO 12x: reject
//! assert_eq!(event.source, ["per:vladimir-putin"]);
//! assert_eq!(event.target, ["per:volodymyr-zelenskyy"]);
//! ```

use std::borrow::Cow;
use std::ops::Range;

use crate::Span;
use crate::accusation::tagged::{Few, Group, Pieces, SpanIndex, View};
use crate::accusation::words::{ADVERB, AUX, BE, COORD, DET, Form, NEG, POSS, PREP, PRON, REPORT};
use crate::accusation::{self, AccusationKind, DateIndex, Shared, Triggers, find_cues};
use crate::analysis::Analysis;
use crate::error::Error;
use crate::order::sort_within_runs;
use crate::quote::QuoteKind;
use crate::reuse::{recycle, set_option, set_strings};

pub use crate::accusation::DateSource;

mod code;
mod lexicon;

use code::Modal;
use lexicon::{Entry, Lexicon};

/// How an event is asserted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Modality {
    /// Reported as done or happening.
    #[default]
    Asserted,
    /// Agreed, offered, promised or pledged ("agreed to halt attacks").
    Agreed,
    /// Announced for the future ("will provide", "plans to").
    Future,
    /// Refused or rejected ("refused to support a ceasefire").
    Refused,
    /// Threatened ("threatened to break relations").
    Threatened,
    /// Demanded or appealed for ("demanded the withdrawal").
    Requested,
}

/// A coded event.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Event {
    /// PLOVER type (`CONSULT`, `ACCUSE`, ...); `None` for CAMEO statements (01) and
    /// appeals (02), which PLOVER drops.
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub plover: Option<&'static str>,
    /// CAMEO code, 2 to 4 digits (`040`, `112`).
    pub code: String,
    /// PLOVER mode (`phone`, `ceasefire`, `allege`), when the code has one.
    pub mode: Option<String>,
    /// Whether the event is done, agreed, refused, threatened, planned or demanded.
    pub modality: Modality,
    /// Ids of the source actors.
    pub source: Vec<String>,
    /// Ids of the target actors.
    pub target: Vec<String>,
    /// TIMEX3 date value of the event, if known.
    pub date: Option<String>,
    /// Whether `date` comes from a temporal expression of the clause or the publication
    /// date.
    pub date_source: Option<DateSource>,
    /// Whether the event is negated ("did not agree").
    pub negated: bool,
    /// The trigger word or phrase.
    pub trigger: Span,
    /// Index of the sentence.
    pub sentence: usize,
    /// Index in `analysis.quotes` of the quote the event is reported in, if any.
    pub quote: Option<usize>,
    /// Index in `analysis.accusations` of the accusation this event codes, if any.
    pub accusation: Option<usize>,
}

/// Codes events.
#[derive(Clone, Debug)]
pub struct EventCoder {
    lexicon: Lexicon,
}

impl Default for EventCoder {
    fn default() -> EventCoder {
        EventCoder::new()
    }
}

/// Words a complement may start after its modal ("agreed on Tuesday to temporarily halt").
const COMPLEMENT_WINDOW: usize = 8;

impl EventCoder {
    /// The coder with the default lexicon.
    pub fn new() -> EventCoder {
        EventCoder { lexicon: Lexicon::new(&[]).expect("the embedded lexicon is valid") }
    }

    /// The coder with the default lexicon extended by user lexicons, each given as
    /// `(name for error messages, TSV text)` in the format of `data/event/verbs.tsv`
    /// (add the `noun` option for nouns). User lines override default ones.
    ///
    /// # Errors
    ///
    /// When a line is malformed: the error names the source and line.
    pub fn with_lexicons(user: &[(String, String)]) -> Result<EventCoder, Error> {
        Ok(EventCoder { lexicon: Lexicon::new(user)? })
    }

    /// The matcher of the lexicon's forms, for the accusation stage to find the triggers
    /// in its pass over the text.
    pub(crate) fn matcher(&self) -> Triggers<'_> {
        Triggers { matcher: &self.lexicon.matcher, starts: &self.lexicon.with_cues }
    }

    /// Fills `analysis.events`; needs every earlier record. `shared` holds what the
    /// accusation stage left: the index of the actor mentions (else built here when
    /// needed) and the triggers, if it found them (else searched here).
    pub(crate) fn run(&self, text: &str, analysis: &mut Analysis, shared: &mut Shared) {
        // Without an actor, a quote or an accusation no event names anybody.
        if analysis.accusations.is_empty() && !accusation::has_participants(analysis) {
            analysis.events.clear();
            return;
        }
        // The previous document's events are written over.
        let mut scratch = Scratch::kept();
        let mut events = std::mem::take(&mut analysis.events);
        scratch.spare.events.append(&mut events);
        if !shared.triggers_found {
            find_cues(&self.lexicon.matcher, text, analysis, &mut shared.triggers);
        }
        let accusations = &analysis.accusations;
        if !shared.triggers.is_empty() || !accusations.is_empty() {
            shared.index(analysis, accusations.iter().map(|a| a.sentence));
            let Shared { mentions, dates, quotes, pieces, triggers: hits, .. } = shared;
            let (dates, quotes, hits) = (&*dates, &*quotes, &*hits);
            // Sentences with a trigger or an accusation, in order (both lists are).
            let mut view = View::empty(text);
            let (mut i, mut j) = (0, 0);
            loop {
                let sentence = match (hits.get(i), accusations.get(j)) {
                    (None, None) => break,
                    (Some(h), Some(a)) => h.0.min(a.sentence),
                    (Some(h), None) => h.0,
                    (None, Some(a)) => a.sentence,
                };
                let i2 = i + hits[i..].iter().take_while(|h| h.0 == sentence).count();
                let j2 = j + accusations[j..].iter().take_while(|a| a.sentence == sentence).count();
                let Some(s) = analysis.sentences.get(sentence) else { break };
                let sentence_mentions = mentions.of(sentence);
                // Work only where an event can come out: a coded trigger (not only "will")
                // and an actor or a quote (for "we"), or an accusation.
                let coded = hits[i..i2].iter().any(|h| self.lexicon.coded(h.2));
                // Without a mention only the speaker of a direct or partial quote around a
                // trigger can take part (for "we").
                let actors = !sentence_mentions.is_empty()
                    || hits[i..i2].iter().any(|h| {
                        quotes.containing(h.1).is_some_and(|q| {
                            let q = &analysis.quotes[q];
                            q.kind != QuoteKind::Indirect && q.speaker.is_some()
                        })
                    });
                if j2 == j && !(coded && actors) {
                    (i, j) = (i2, j2);
                    continue;
                }
                pieces.clear();
                pieces.extend(Pieces::new(text, s.span, sentence_mentions));
                for (piece, ments) in pieces.drain(..) {
                    // The triggers and accusations of the piece.
                    let h = i + hits[i..i2].iter().take_while(|h| h.1.start < piece.end).count();
                    let a = j + accusations[j..j2]
                        .iter()
                        .take_while(|a| a.cue.start < piece.end)
                        .count();
                    if (h, a) == (i, j) {
                        continue;
                    }
                    // Weak triggers alone ("beat", "signed") code nothing without a
                    // political actor.
                    let weak = a == j
                        && hits[i..h].iter().all(|h| self.lexicon.weak(h.2))
                        && !sentence_mentions[ments.clone()]
                            .iter()
                            .any(|&(_, _, actor)| political(&analysis.actors[actor]));
                    if weak {
                        (i, j) = (h, a);
                        continue;
                    }
                    mentions.load(sentence, (piece, &sentence_mentions[ments]), &mut view);
                    let coder = SentenceCoder {
                        lexicon: &self.lexicon,
                        view: &view,
                        analysis,
                        dates,
                        quotes,
                        sentence,
                    };
                    coder.code(&hits[i..h], j..a, &mut events, &mut scratch);
                    (i, j) = (h, a);
                }
                (i, j) = (i2, j2);
            }
        }
        // The events come by sentence: only each sentence's are sorted by trigger.
        sort_within_runs(&mut events, |e| e.sentence, |e| (e.sentence, e.trigger.start));
        analysis.events = events;
        scratch.keep();
    }
}

/// Adds the events of one accusation record (one per accuser-accused pair) to `out`,
/// written over `spare` ones.
fn accusation_events(
    text: &str,
    index: usize,
    acc: &accusation::Accusation,
    spare: &mut Spare,
    mut out: impl FnMut(Event),
) {
    let code = match acc.kind {
        AccusationKind::Criticism => "111",
        AccusationKind::Accusation => {
            let allegation = acc.allegation.and_then(|s| text.get(s.start..s.end)).unwrap_or("");
            accusation::allegation_code(allegation)
        }
    };
    let draft = Draft {
        code,
        mode: code::mode(code),
        modality: Modality::Asserted,
        date: acc.date.as_deref(),
        date_source: acc.date_source,
        negated: acc.negated,
        trigger: acc.cue,
        sentence: acc.sentence,
        quote: acc.quote,
        accusation: Some(index),
    };
    for source in &acc.accuser {
        let source: &str = source;
        if acc.accused.is_empty() {
            out(draft.write(&[source], &[], spare));
        }
        for target in &acc.accused {
            out(draft.write(&[source], &[target], spare));
        }
    }
}

/// The fields of events to be made, borrowed: each event written from it takes its
/// source and target ids.
struct Draft<'s> {
    code: &'s str,
    mode: Option<&'s str>,
    modality: Modality,
    date: Option<&'s str>,
    date_source: Option<DateSource>,
    negated: bool,
    trigger: Span,
    sentence: usize,
    quote: Option<usize>,
    accusation: Option<usize>,
}

impl Draft<'_> {
    /// The event of `source` on `target`, written over a `spare` event (its strings and
    /// vectors reused) if there is one.
    fn write(&self, source: &[&str], target: &[&str], spare: &mut Spare) -> Event {
        let mut event = spare.events.pop().unwrap_or_default();
        let strings = &mut spare.strings;
        event.plover = code::plover(self.code);
        event.code.clear();
        event.code.push_str(self.code);
        set_option(&mut event.mode, self.mode, strings);
        event.modality = self.modality;
        set_strings(&mut event.source, source, strings);
        set_strings(&mut event.target, target, strings);
        set_option(&mut event.date, self.date, strings);
        event.date_source = self.date_source;
        event.negated = self.negated;
        event.trigger = self.trigger;
        event.sentence = self.sentence;
        event.quote = self.quote;
        event.accusation = self.accusation;
        event
    }
}

/// Events and strings to write new events with, kept from one document to the next.
#[derive(Default)]
struct Spare {
    /// Events to write over: the previous document's, and those not kept.
    events: Vec<Event>,
    /// Strings events no longer hold.
    strings: Vec<String>,
}

/// A trigger placed on the words of its sentence.
#[derive(Clone, Copy, Debug)]
struct Trigger<'l> {
    span: Span,
    first: usize,
    end: usize,
    entry: &'l Entry,
    form: Form,
}

/// An event found in the sentence, before it is split into dyads.
struct Found {
    clause: u32,
    end: usize,
    noun: bool,
    sources: Group,
    /// Actors of the targets.
    targets: Group,
}

/// Buffers of [`SentenceCoder::code`], reused from sentence to sentence (and kept by a
/// thread from one document to the next).
#[derive(Default)]
struct Scratch<'l> {
    triggers: Vec<Trigger<'l>>,
    fresh: Vec<bool>,
    consumed: Vec<bool>,
    found: Vec<Found>,
    produced: Vec<(Event, bool)>,
    /// Events and strings to write over: the previous document's, and those not kept.
    spare: Spare,
    /// The date value of the event at hand.
    date: String,
    /// The cues of the sentence's accusations.
    cues: SpanIndex,
    /// Their allegations.
    allegations: SpanIndex,
}

/// Events a thread keeps to write over beyond those of its last document.
const KEPT_EVENTS: usize = 256;

thread_local! {
    /// This thread's [`Scratch`], empty, while no coding runs on it.
    static SCRATCH: std::cell::Cell<Scratch<'static>> = std::cell::Cell::new(Scratch::default());
}

impl<'l> Scratch<'l> {
    /// The thread's scratch.
    fn kept() -> Scratch<'l> {
        SCRATCH.take()
    }

    /// Gives the scratch back to the thread, emptied (but for spare events).
    fn keep(mut self) {
        self.fresh.clear();
        self.consumed.clear();
        self.found.clear();
        let produced = self.produced.drain(..).map(|(event, _)| event);
        self.spare.events.extend(produced);
        self.spare.events.truncate(KEPT_EVENTS);
        self.cues.clear();
        self.allegations.clear();
        // (The triggers borrow the lexicon: their vector is kept empty, for any lifetime.)
        SCRATCH.set(Scratch { triggers: recycle(self.triggers), ..self });
    }
}

struct SentenceCoder<'l, 'a, 't> {
    lexicon: &'l Lexicon,
    view: &'a View<'t>,
    analysis: &'a Analysis,
    dates: &'a DateIndex,
    quotes: &'a SpanIndex,
    sentence: usize,
}

impl<'l, 'a> SentenceCoder<'l, 'a, '_> {
    fn code(
        &self,
        hits: &[(usize, Span, usize)],
        accs: Range<usize>,
        out: &mut Vec<Event>,
        scratch: &mut Scratch<'l>,
    ) {
        let v = self.view;
        let accusations = &self.analysis.accusations[accs.clone()];
        let Scratch { triggers, fresh, consumed, found, produced, spare, date, cues, allegations } =
            scratch;
        triggers.clear();
        found.clear();
        produced.clear();
        for (a, acc) in accs.zip(accusations) {
            let (first, _) = v.tok_range(acc.cue);
            accusation_events(v.text, a, acc, spare, |event| {
                let sub = (event.source.is_empty() || event.target.is_empty()) && v.is_sub(first);
                produced.push((event, sub));
            });
        }
        cues.fill(accusations.iter().map(|a| a.cue));
        allegations.fill(accusations.iter().filter_map(|a| a.allegation));
        for &(_, span, pattern) in hits {
            let p = self.lexicon.patterns[pattern];
            let (first, end) = v.tok_range(span);
            // Accusation cues are coded from their records; alleged acts are not events.
            let taken = cues.overlaps(span) || allegations.contains(span);
            if first < end && !taken {
                let mut entry = &self.lexicon.entries[p.entry as usize];
                // After a determiner, possessive, number or preposition a verb form is a
                // noun ("the release of", "British hits", "in charge"), unless a gerund.
                let noun = first.checked_sub(1).is_some_and(|b| {
                    let w = v.word(b);
                    v.is(b, DET | POSS)
                        || w.ends_with("'s")
                        || w.ends_with("’s")
                        || w.starts_with(|c: char| c.is_ascii_digit())
                        || (v.is(b, PREP)
                            && !w.eq_ignore_ascii_case("to")
                            && !v.word(first).ends_with("ing"))
                });
                if noun != entry.noun {
                    match p.alt {
                        Some(alt) => entry = &self.lexicon.entries[alt as usize],
                        None if noun => continue,
                        None => {}
                    }
                }
                if entry.stop {
                    continue;
                }
                triggers.push(Trigger { span, first, end, entry, form: p.form });
            }
        }
        fresh.clear();
        fresh.extend(triggers.iter().map(|t| self.fresh(t)));
        consumed.clear();
        consumed.resize(triggers.len(), false);
        let political = self.political();
        for t in 0..triggers.len() {
            if consumed[t] {
                continue;
            }
            let trig = triggers[t];
            let clause = v.clause[trig.first];
            let prev = found.iter().rev().find(|f| f.clause == clause);
            let between = self.between(trig.end);
            // After an event of the clause, a noun is its object and a verb without a
            // coordinator or subject of its own its complement ("met Y to discuss Z"); a
            // noun with participants of its own ("talks between X and Y") is an event
            // unless they are the earlier event's targets ("host a meeting between X and Y").
            let own = !between.is_empty()
                && prev.is_none_or(|p| {
                    !between.iter().all(|&k| p.targets.contains(&v.ments[k].actor))
                });
            if prev.is_some() && !own && (trig.entry.noun || !fresh[t]) {
                continue;
            }
            // A modal recodes the first trigger of its complement.
            let mut modality = Modality::Asserted;
            let mut code = trig.entry.code.as_deref().map(Cow::Borrowed);
            let mut complement: Option<Trigger<'_>> = None;
            if let Some(modal) = trig.entry.modal {
                if let Some((inner, u)) = self.complement(triggers, consumed, t, 0) {
                    // Stacked modals ("would be ready to host") go with the first.
                    consumed[t + 1..=u].iter_mut().for_each(|c| *c = true);
                    code = Some(Cow::Owned(code::combine(modal, &inner)));
                    complement = Some(triggers[u]);
                }
                modality = match modal {
                    Modal::Agree => Modality::Agreed,
                    Modal::Future => Modality::Future,
                    Modal::Refuse => Modality::Refused,
                    Modal::Threaten => Modality::Threatened,
                    Modal::Demand | Modal::Appeal => Modality::Requested,
                    Modal::Halt => Modality::Asserted,
                };
            }
            let Some(code) = code else { continue };
            let last = complement.unwrap_or(trig);
            // The clause's next verb trigger bounds the object search.
            // Objects lie before the clause's next trigger, which has arguments of its
            // own, unless that is the event's object noun ("host a meeting between X and Y").
            let limit = triggers[t + 1..]
                .iter()
                .find(|u| {
                    u.first >= last.end
                        && v.clause[u.first] == clause
                        && !(u.entry.noun && u.first <= last.end + 3)
                })
                .map_or(v.clause_range(trig.first).1, |u| u.first);
            let passive = trig.entry.modal.is_none()
                && trig.form == Form::Participle
                && v.passive_before(trig.first);
            let mut reciprocal = v.reciprocal_at(last.end) || v.reciprocal_at(trig.end);
            let (sources, mut targets);
            if !between.is_empty() {
                // "talks between X and Y".
                sources = between;
                targets = Group::default();
                reciprocal = true;
            } else if trig.entry.reported {
                // "X said Y must ...": Y is the target, the reporter X the source.
                let Some(k) = v.subject(trig.first, 0) else { continue };
                targets = v.coordinated_before(k);
                sources = self.reporter(v.ments[targets[0]].first);
            } else if passive {
                targets =
                    v.subject(trig.first, 0).map(|k| v.coordinated_before(k)).unwrap_or_default();
                sources =
                    v.by_agent(trig.end, limit).map(|k| v.coordinated_after(k)).unwrap_or_default();
            } else {
                sources = self.source(&trig, prev);
                let object = v
                    .object(
                        trig.end,
                        complement.map_or(limit, |c| c.first),
                        !trig.entry.noun,
                        false,
                    )
                    .or_else(|| {
                        v.object(
                            last.end,
                            limit,
                            !last.entry.noun,
                            placed(&code, !sources.is_empty()),
                        )
                    });
                let object = object.or_else(|| {
                    // "recalled its ambassador from X", "withdrew from X".
                    (trig.entry.from || last.entry.from)
                        .then(|| {
                            let k = v.ment_from(last.end);
                            let m = v.ments.get(k)?;
                            let p = v.governing_prep(m)?;
                            (p >= last.end && p < limit && v.word(p).eq_ignore_ascii_case("from"))
                                .then_some(k)
                        })
                        .flatten()
                });
                targets = object.map(|k| v.coordinated_after(k)).unwrap_or_default();
                if let (Some(Modal::Refuse), Some(c)) = (trig.entry.modal, complement) {
                    // "refused a demand from X": the requester is the target.
                    if let Some(k) = self.requester(&c) {
                        targets = v.coordinated_after(k);
                    }
                }
                let partner = self.partner(&targets);
                if !reciprocal && (trig.entry.recip || last.entry.recip) && !partner {
                    reciprocal = sources.len() >= 2;
                }
                if reciprocal && sources.len() >= 2 {
                    targets.clear();
                }
            }
            let source_end = sources.iter().map(|&k| v.ments[k].end).max().unwrap_or(0);
            let negated = v.negated(source_end, trig.first)
                || complement.is_some_and(|c| (trig.end..c.first).any(|i| v.is(i, NEG)));
            let quote = self.quotes.containing(trig.span);
            let mut source_ids = self.ids(&sources);
            if source_ids.is_empty() {
                source_ids.extend(accusation::first_person_speaker(
                    v,
                    self.analysis,
                    quote,
                    trig.first,
                ));
            }
            let target_ids: Few<&str> =
                self.ids(&targets).iter().copied().filter(|t| !source_ids.contains(t)).collect();
            found.push(Found {
                clause,
                end: last.end,
                noun: trig.entry.noun,
                sources,
                targets: targets.iter().map(|&k| v.ments[k].actor).collect(),
            });
            if source_ids.is_empty() && target_ids.is_empty() {
                continue;
            }
            // "its demand for travel": a request noun without content or addressee.
            if trig.entry.noun
                && trig.entry.modal.is_some()
                && complement.is_none()
                && target_ids.is_empty()
            {
                continue;
            }
            // "Blues fans targeted Gronkjaer": a weak sense needs a political sentence.
            if trig.entry.weak && last.entry.weak && !political {
                continue;
            }
            let date_source = self.dates.date_of(v, self.analysis, self.sentence, trig.first, date);
            let mode = (trig.entry.mode.as_deref())
                .or(last.entry.mode.as_deref())
                .or_else(|| code::mode(&code));
            // An event of a subordinate clause or a reduced relative ("property seized by
            // the army") without a full dyad is background.
            let infinitive = !trig.entry.noun
                && trig.first > 0
                && v.word(trig.first - 1).eq_ignore_ascii_case("to");
            let sub = (infinitive && v.is_sub(trig.first))
                || (source_ids.is_empty() || target_ids.is_empty())
                    && (v.is_sub(trig.first)
                        || trig.form == Form::Participle
                            && !passive
                            && v.word(trig.end).eq_ignore_ascii_case("by"));
            let draft = Draft {
                code: &code,
                mode,
                modality,
                date: date_source.map(|_| date.as_str()),
                date_source,
                negated,
                trigger: trig.span,
                sentence: self.sentence,
                quote,
                accusation: None,
            };
            let mut make = |source: &[&str], target: &[&str]| {
                produced.push((draft.write(source, target, spare), sub));
            };
            if reciprocal && source_ids.len() >= 2 {
                for a in &source_ids {
                    for b in &source_ids {
                        if a != b {
                            make(&[a], &[b]);
                        }
                    }
                }
            } else if source_ids.is_empty() {
                make(&[], &target_ids);
            } else {
                for s in &source_ids {
                    if target_ids.is_empty() {
                        make(&[s], &[]);
                    }
                    for tg in &target_ids {
                        make(&[s], &[tg]);
                    }
                }
            }
        }
        // Main-clause events win over background ones ("..., whom they had taken hostage");
        // the others are kept to be written over.
        let any_main = produced.iter().any(|(_, sub)| !sub);
        for (event, sub) in produced.drain(..) {
            if !any_main || !sub { out.push(event) } else { spare.events.push(event) }
        }
    }

    /// Whether a trigger starts a verb phrase of its own: at the start of its clause, or
    /// after a coordinator, an actor or a pronoun (auxiliaries and adverbs skipped).
    fn fresh(&self, trig: &Trigger<'_>) -> bool {
        let v = self.view;
        let mut i = trig.first;
        while i > 0
            && v.is(i - 1, ADVERB | NEG | AUX | BE)
            && !v.word(i - 1).eq_ignore_ascii_case("to")
        {
            i -= 1;
        }
        let Some(j) = i.checked_sub(1) else { return true };
        v.clause[j] != v.clause[trig.first]
            || v.is(j, COORD | PRON)
            || v.is_punct(j, ',')
            || v.ment_ending_at(i).is_some()
    }

    /// The code of the complement of modal trigger `t` and the index of its last trigger:
    /// the next trigger of the clause within a few words, itself recoded when it is a
    /// modal ("promise to refrain from targeting" -> halt(190) = 087 -> 0356).
    fn complement(
        &self,
        triggers: &[Trigger<'l>],
        consumed: &[bool],
        t: usize,
        depth: usize,
    ) -> Option<(Cow<'l, str>, usize)> {
        let v = self.view;
        let trig = &triggers[t];
        let clause = v.clause[trig.first];
        let u = (t + 1..triggers.len()).find(|&u| {
            !consumed[u]
                && triggers[u].first >= trig.end
                && triggers[u].first <= trig.end + COMPLEMENT_WINDOW
                && v.clause[triggers[u].first] == clause
        })?;
        let inner = &triggers[u];
        match inner.entry.modal {
            Some(modal) if depth < 3 => match self.complement(triggers, consumed, u, depth + 1) {
                Some((code, last)) => Some((Cow::Owned(code::combine(modal, &code)), last)),
                None => inner.entry.code.as_deref().map(|c| (Cow::Borrowed(c), u)),
            },
            _ => inner.entry.code.as_deref().map(|c| (Cow::Borrowed(c), u)),
        }
    }

    /// Whether the sentence names a political actor: one with a country (a state, its
    /// government, people or officials) or an international one.
    fn political(&self) -> bool {
        self.view.ments.iter().any(|m| political(&self.analysis.actors[m.actor]))
    }

    /// The actor after a request noun ("a demand from X", "a call by X").
    fn requester(&self, c: &Trigger<'_>) -> Option<usize> {
        let v = self.view;
        let code = c.entry.code.as_deref()?;
        if !(c.entry.noun && (code.starts_with("02") || code.starts_with("10"))) {
            return None;
        }
        let k = v.ment_from(c.end);
        let m = v.ments.get(k)?;
        let p = v.governing_prep(m)?;
        (p == c.end && matches!(v.word(p), "from" | "by")).then_some(k)
    }

    /// The subject of the reporting verb before word `i` ("X said (that) Y ..."), else none.
    fn reporter(&self, i: usize) -> Group {
        let v = self.view;
        let mut r = v.np_start(i);
        if r > 0 && v.word(r - 1).eq_ignore_ascii_case("that") {
            r -= 1;
        }
        match r.checked_sub(1) {
            Some(p) if v.is(p, REPORT) => {
                v.subject(p, 0).map(|k| v.coordinated_before(k)).unwrap_or_default()
            }
            _ => Group::default(),
        }
    }

    /// The subject mentions of a trigger; a later verb of the clause shares the subject
    /// of the clause's earlier event ("X agreed to A but refused B") unless an actor
    /// stands right before it ("X attacked Y and Z retaliated").
    fn source(&self, trig: &Trigger<'_>, prev: Option<&Found>) -> Group {
        let v = self.view;
        match prev {
            Some(p) if !p.noun || trig.entry.noun => {
                let own = v.subject(trig.first, p.end).filter(|&k| {
                    let m = &v.ments[k];
                    trig.first - m.end <= 2
                        && v.governing_prep(m).is_none()
                        && (m.end..trig.first).all(|i| !v.is(i, COORD) && !v.is_punct(i, ','))
                });
                match own {
                    Some(k) => v.coordinated_before(k),
                    None => p.sources,
                }
            }
            _ => {
                let own = v.subject(trig.first, 0).or_else(|| {
                    // "following his discussions with Putin": the possessor is the
                    // subject of the main clause.
                    let (start, _) = v.clause_range(trig.first);
                    let lo = start.max(trig.first.saturating_sub(6));
                    (lo..trig.first)
                        .any(|i| v.is(i, POSS))
                        .then(|| v.main_subject(trig.first))
                        .flatten()
                });
                own.map(|k| v.coordinated_before(k)).unwrap_or_default()
            }
        }
    }

    /// Actors of "between X and Y" right after word `end`.
    fn between(&self, end: usize) -> Group {
        let v = self.view;
        if !v.word(end).eq_ignore_ascii_case("between") {
            return Group::default();
        }
        let k = v.ment_from(end + 1);
        match v.ments.get(k) {
            Some(m) if m.first <= end + 4 => {
                let group = v.coordinated_after(k);
                if group.len() >= 2 { group } else { Group::default() }
            }
            _ => Group::default(),
        }
    }

    /// Whether the target group is a partner of a reciprocal act: a direct object or
    /// introduced by "with" ("X and Y met with Z"), not a topic ("talks on an Israeli
    /// pullback").
    fn partner(&self, targets: &[usize]) -> bool {
        let v = self.view;
        targets.first().is_some_and(|&k| {
            v.governing_prep(&v.ments[k]).is_none_or(|p| v.word(p).eq_ignore_ascii_case("with"))
        })
    }

    fn ids(&self, ments: &[usize]) -> Few<&'a str> {
        self.view.actor_names(self.analysis, ments)
    }
}

/// Whether an actor is political: it has a country (a state, its government, people or
/// officials) or is an international one.
fn political(actor: &crate::actor::Actor) -> bool {
    actor.country.is_some()
        || matches!(
            actor.kind,
            crate::actor::ActorKind::Country | crate::actor::ActorKind::Government
        )
}

/// Whether a place after "in"/"across" may be the target of an event of this code: physical
/// violence ("shelled towns in X") always; coercion ("imposed a state of siege in X"),
/// eased restrictions ("lifted a curfew in X"), reductions ("suspended aid in X") and
/// protest ("rallied in X") when the event has a source: acts on a place's people or
/// authorities.
fn placed(code: &str, has_source: bool) -> bool {
    violent(code)
        || has_source
            && (matches!(code.get(..2), Some("14" | "16" | "17")) || code.starts_with("081"))
}

/// Whether a code is physical violence.
fn violent(code: &str) -> bool {
    matches!(code.get(..2), Some("18" | "19" | "20"))
}

#[cfg(test)]
mod tests;
