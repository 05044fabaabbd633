//! Accusations: who accused whom of what.
//!
//! Consumes the text, sentences, actors, dates and quotes; produces [`Accusation`]s.
//!
//! Cues come from `data/accusation/cues.tsv` ("accuse", "blame", "alleged that",
//! "accusations by", "condemn") and `data/accusation/offenses.tsv` (offense verbs of
//! reported accusations: "X said Y had violated ..."). One word-start trie finds
//! them in the sentences with an actor mention or a quote (nobody accuses in the
//! others); only sentences with a cue are read, as words, clauses and actor mentions (a
//! run-on sentence of more than 8 KiB in pieces of about that size, each read as a
//! sentence of its own):
//!
//! - "X accused Y of Z", "X blamed Y for Z", "X condemned Y for Z" (criticism);
//! - "Y was accused by X of Z" (passive);
//! - "X and Y accused each other of Z": one record each way;
//! - "X blamed Z on Y", "X alleged that Y ...", "X charged that Y ...";
//! - "accusations by X that Y ...", "X's accusations against Y";
//! - "X said Y had violated ..." and indirect quotes of X whose content accuses Y.
//!
//! ```
//! use newsextract::Extractor;
//!
//! let text = "Russia and Ukraine accused each other of shelling the nuclear plant.";
//! let analysis = Extractor::new().extract(text);
//! assert_eq!(analysis.accusations.len(), 2); // one record each way
//! let first = &analysis.accusations[0];
//! assert_eq!(&text[first.allegation.expect("an allegation")], "shelling the nuclear plant");
//! ```

use std::fmt::Write;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::Span;
use crate::analysis::Analysis;
use crate::date::{DateMention, DateValue, TimexKind};
use crate::order::Cursor;
use crate::reuse::keeps;

pub(crate) mod matcher;
pub(crate) mod tagged;
pub(crate) mod words;

use matcher::{Matcher, Starts, is_word_char};
use tagged::{Group, MentionIndex, Pieces, SpanIndex, View};
use words::{DENY, Form, PREP, REPORT};

const CUES: &str = include_str!("../../data/accusation/cues.tsv");
const OFFENSES: &str = include_str!("../../data/accusation/offenses.tsv");
const TOPICS: &str = include_str!("../../data/accusation/topics.tsv");

/// Whether a record accuses (of a wrong) or criticizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum AccusationKind {
    /// An allegation of a wrong: "accused", "blamed", "alleged".
    Accusation,
    /// Disapproval: "condemned", "denounced", "criticized".
    Criticism,
}

/// Where the date of a record comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum DateSource {
    /// A temporal expression of the same clause ("on Tuesday").
    Expression,
    /// The publication date of the document (no expression in the clause).
    Publication,
}

/// An accusation or criticism.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Accusation {
    /// Ids of the accusing actors (`["gov:rus-government"]`).
    pub accuser: Vec<String>,
    /// Ids of the accused actors (`["gov:ukr-government"]`).
    pub accused: Vec<String>,
    /// What they are accused of ("launching airstrikes that damaged infrastructure").
    pub allegation: Option<Span>,
    /// The cue word ("accused", "blamed").
    pub cue: Span,
    /// Index of the sentence in `analysis.sentences`.
    pub sentence: usize,
    /// Whether the accusation is denied or negated ("denied accusing").
    pub negated: bool,
    /// Accusation or criticism.
    pub kind: AccusationKind,
    /// TIMEX3 date value (a day, month or year: `2025-03-19`) of the accusation, if known.
    pub date: Option<String>,
    /// Where `date` comes from.
    pub date_source: Option<DateSource>,
    /// Index in `analysis.quotes` of the quote the accusation is made in, if any.
    pub quote: Option<usize>,
}

/// How a cue finds its accuser, accused and allegation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pattern {
    /// X CUE Y of/for Z.
    Object,
    /// X CUE Y for Z, or X CUE Z on Y.
    Blame,
    /// X CUE that Y ...
    Clause,
    /// accusations by X that Y / X's accusations against Y.
    Noun,
    /// X said Y had OFFENSE ...
    Offense,
}

#[derive(Clone, Copy, Debug)]
struct Cue {
    pattern: Pattern,
    kind: AccusationKind,
    form: Form,
}

/// Finds accusations.
#[derive(Clone, Debug)]
pub struct AccusationFinder {
    lexicon: &'static CueLexicon,
}

impl Default for AccusationFinder {
    fn default() -> AccusationFinder {
        AccusationFinder::new()
    }
}

/// The cue lexicon: the matcher of every cue form and the cue of each.
#[derive(Debug)]
struct CueLexicon {
    matcher: Matcher,
    cues: Vec<Cue>,
}

/// The cue lexicon, built once (the event lexicon's [`Triggers`] filter is made with
/// its matcher).
static CUE_LEXICON: LazyLock<CueLexicon> = LazyLock::new(CueLexicon::new);

/// The matcher of the accusation cues.
pub(crate) fn cue_matcher() -> &'static Matcher {
    &CUE_LEXICON.matcher
}

/// The event triggers' matcher with [`Starts::of`] the cue matcher and it: what the
/// accusation stage needs to find the triggers in its pass over the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Triggers<'a> {
    /// The matcher of the triggers.
    pub(crate) matcher: &'a Matcher,
    /// Where a cue or a trigger may start.
    pub(crate) starts: &'a Starts,
}

impl CueLexicon {
    fn new() -> CueLexicon {
        let mut forms: Vec<String> = Vec::new();
        let mut cues = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut push = |form: String, cue: Cue, forms: &mut Vec<String>, cues: &mut Vec<Cue>| {
            if seen.insert(form.clone()) {
                forms.push(form);
                cues.push(cue);
            }
        };
        for line in CUES.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut f = line.split('\t');
            let (Some(phrase), Some(pattern), Some(kind)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let pattern = match pattern {
                "object" => Pattern::Object,
                "blame" => Pattern::Blame,
                "clause" => Pattern::Clause,
                "noun" => Pattern::Noun,
                _ => continue,
            };
            let kind = if kind == "criticism" {
                AccusationKind::Criticism
            } else {
                AccusationKind::Accusation
            };
            if pattern == Pattern::Noun {
                for form in [phrase.to_string(), words::plural(phrase)] {
                    push(form, Cue { pattern, kind, form: Form::Plain }, &mut forms, &mut cues);
                }
            } else {
                for (form, f) in words::phrase_forms(phrase) {
                    push(form, Cue { pattern, kind, form: f }, &mut forms, &mut cues);
                }
            }
        }
        for lemma in OFFENSES.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            for (form, f) in words::verb_forms(lemma.trim()) {
                // Only past forms report a completed offense ("had violated", "attacked").
                if f == Form::Participle {
                    let cue = Cue {
                        pattern: Pattern::Offense,
                        kind: AccusationKind::Accusation,
                        form: f,
                    };
                    push(form, cue, &mut forms, &mut cues);
                }
            }
        }
        CueLexicon { matcher: Matcher::new(&forms), cues }
    }
}

impl AccusationFinder {
    /// The finder with the default cue lexicon.
    pub fn new() -> AccusationFinder {
        prepare();
        AccusationFinder { lexicon: &CUE_LEXICON }
    }

    /// Fills `analysis.accusations`; needs sentences, actors, dates and quotes. What it
    /// finds on the way is left in `shared` for the event stage: the index of the actor
    /// mentions and the sentences read, and, with the event lexicon's matcher as
    /// `triggers`, the event triggers, found in the same pass over the text as the cues.
    pub(crate) fn run(
        &self,
        text: &str,
        analysis: &mut Analysis,
        shared: &mut Shared,
        triggers: Option<Triggers<'_>>,
    ) {
        // Nobody accuses without an actor or a quote (whose speaker may): no need to look.
        if !has_participants(analysis) {
            analysis.accusations.clear();
            return;
        }
        let mut hits = std::mem::take(&mut shared.cues);
        match triggers {
            Some(triggers) => {
                let out = [&mut hits, &mut shared.triggers];
                let readable = &mut shared.readable;
                find_cues_with(&self.lexicon.matcher, triggers, text, analysis, readable, out);
                shared.triggers_found = true;
            }
            None => find_cues(&self.lexicon.matcher, text, analysis, &mut hits),
        }
        if hits.is_empty() {
            shared.cues = hits;
            return;
        }
        shared.index(analysis, hits.iter().map(|h| h.0));
        let Shared { mentions, dates, quotes, pieces, .. } = shared;
        let (dates, quotes) = (&*dates, &*quotes);
        let mut out = Vec::new();
        let mut view = View::empty(text);
        let mut i = 0;
        while i < hits.len() {
            let sentence = hits[i].0;
            let j = i + hits[i..].iter().take_while(|h| h.0 == sentence).count();
            let span = analysis.sentences[sentence].span;
            // Without an actor or a quote (whose speaker may accuse) nobody accuses here.
            if mentions.of(sentence).is_empty() && !quotes.overlaps(span) {
                i = j;
                continue;
            }
            pieces.clear();
            pieces.extend(Pieces::new(text, span, mentions.of(sentence)));
            let mut k = i;
            for (piece, ments) in pieces.drain(..) {
                let l = k + hits[k..j].iter().take_while(|h| h.1.start < piece.end).count();
                if l == k {
                    continue;
                }
                view.load(piece, &mentions.of(sentence)[ments]);
                for &(_, cue_span, pattern) in &hits[k..l] {
                    let cue = self.lexicon.cues[pattern];
                    let ctx = Ctx { view: &view, analysis, dates, quotes, sentence };
                    ctx.read(cue, cue_span, &mut out);
                }
                k = l;
                // The event stage reads most of these sentences too (not pieces: they are
                // read again rather than all held).
                if piece == span {
                    mentions.keep(sentence, &view);
                }
            }
            i = j;
        }
        analysis.accusations = out;
        shared.cues = hits;
    }
}

/// What the accusation stage leaves for the event stage of the same document, in
/// buffers each thread keeps from one document to the next.
#[derive(Debug, Default)]
pub(crate) struct Shared {
    /// Whether `mentions`, `dates` and `quotes` index the document (see
    /// [`Shared::index`]).
    indexed: bool,
    /// The index of the actor mentions, with the sentences read.
    pub(crate) mentions: MentionIndex,
    /// The index of the dates.
    pub(crate) dates: DateIndex,
    /// The index of the quotes.
    pub(crate) quotes: SpanIndex,
    /// The event triggers, when the accusation stage searched for them with its cues.
    pub(crate) triggers: Vec<Hit>,
    /// Whether it did (else `triggers` is empty).
    pub(crate) triggers_found: bool,
    /// The accusation cues.
    cues: Vec<Hit>,
    /// The pieces a sentence is read in, with their mentions.
    pub(crate) pieces: Vec<(Span, std::ops::Range<usize>)>,
    /// Whether each sentence may hold an accusation or an event (see
    /// [`readable_sentences`]).
    readable: Vec<bool>,
}

/// The most mentions or cue hits a thread keeps room for between documents.
const KEPT_HITS: usize = 1 << 16;

thread_local! {
    /// This thread's [`Shared`] buffers, empty, while no document is read on it (one for
    /// each document of a group read at once).
    static SHARED: std::cell::Cell<Vec<Shared>> = const { std::cell::Cell::new(Vec::new()) };
}

impl Shared {
    /// Buffers the thread kept, at least `docs` of them: one for each document of a group.
    pub(crate) fn kept(docs: usize) -> Vec<Shared> {
        let mut kept = SHARED.take();
        if kept.len() < docs {
            kept.resize_with(docs, Shared::default);
        }
        kept
    }

    /// Gives the buffers back to the thread, the first `used` emptied (the others are);
    /// those that long documents have grown past [`KEPT_HITS`] entries and the document
    /// just read filled less than a quarter of one (see [`keeps`]) are freed.
    pub(crate) fn keep(mut kept: Vec<Shared>, used: usize) {
        for shared in kept.iter_mut().take(used) {
            if shared.worth_keeping() {
                shared.clear();
            } else {
                *shared = Shared::default();
            }
        }
        SHARED.set(kept);
    }

    /// Whether the buffers are small, or filled to a quarter at least.
    fn worth_keeping(&self) -> bool {
        let [mentions, firsts, words] = self.mentions.filled();
        let triggers = (self.triggers.len(), self.triggers.capacity());
        let cues = (self.cues.len(), self.cues.capacity());
        let readable = (self.readable.len(), self.readable.capacity());
        let filled = [mentions, firsts, words, triggers, cues, readable];
        filled.iter().all(|&(len, cap)| keeps(len, cap, KEPT_HITS))
    }

    /// Empties the buffers, keeping their memory.
    fn clear(&mut self) {
        self.indexed = false;
        self.mentions.clear();
        self.dates.clear();
        self.quotes.clear();
        self.triggers.clear();
        self.triggers_found = false;
        self.cues.clear();
        self.pieces.clear();
        self.readable.clear();
    }

    /// Indexes the actor mentions, dates and quotes of `analysis`, unless done: the
    /// mentions of the sentences with an event trigger or in `read` (those of the cues
    /// or the accusations), the only ones the stages read.
    pub(crate) fn index(&mut self, analysis: &Analysis, read: impl IntoIterator<Item = usize>) {
        if !self.indexed {
            let triggers = self.triggers.iter().map(|h| h.0);
            self.mentions.fill(analysis, triggers.chain(read));
            self.dates.fill(&analysis.dates);
            self.quotes.fill(analysis.quotes.iter().map(|q| q.span));
            self.indexed = true;
        }
    }
}

/// Whether the document has an actor mention or a quote: without either, neither an
/// accusation nor an event can name anybody.
pub(crate) fn has_participants(analysis: &Analysis) -> bool {
    !analysis.quotes.is_empty() || analysis.actors.iter().any(|a| !a.mentions.is_empty())
}

/// A lexicon match on word boundaries: `(sentence, span, pattern)`.
pub(crate) type Hit = (usize, Span, usize);

/// Finds lexicon matches on word boundaries, returned in text order. A match starting
/// with a capital letter counts only as the first word of its sentence ("March 11" is no
/// march).
pub(crate) fn find_cues(matcher: &Matcher, text: &str, analysis: &Analysis, out: &mut Vec<Hit>) {
    out.clear();
    let sentences = Cursor::default();
    matcher.for_each(text, |s, e, pattern| {
        keep_cue(text, (analysis, &sentences), s, e, pattern, out);
    });
}

/// [`find_cues`] of `matcher` (the cue matcher) into `out[0]` and of `triggers` into
/// `out[1]`, in one pass over the text, but only in the sentences that may hold an
/// accusation or an event ([`readable_sentences`], marked in `readable`): the others' matches are
/// read by neither stage.
fn find_cues_with(
    matcher: &Matcher,
    triggers: Triggers<'_>,
    text: &str,
    analysis: &Analysis,
    readable: &mut Vec<bool>,
    mut out: [&mut Vec<Hit>; 2],
) {
    out.iter_mut().for_each(|o| o.clear());
    readable_sentences(analysis, readable);
    let sentences = &analysis.sentences;
    // The runs of readable sentences.
    let mut k = 0;
    let spans = std::iter::from_fn(|| {
        let first = k + readable[k..].iter().position(|&r| r)?;
        k = first + readable[first..].iter().take_while(|&&r| r).count();
        Some(Span::new(sentences[first].span.start, sentences[k - 1].span.end))
    });
    let cursor = Cursor::default();
    matcher.for_each_with(triggers.matcher, triggers.starts, text, spans, |w, s, e, pattern| {
        keep_cue(text, (analysis, &cursor), s, e, pattern, out[w]);
    });
}

/// Marks in `readable` the sentences that may hold an accusation or an event: those with
/// an actor mention or overlapping a quote (whose speaker may accuse or act). The stages
/// read no other sentence.
fn readable_sentences(analysis: &Analysis, readable: &mut Vec<bool>) {
    let sentences = &analysis.sentences;
    readable.clear();
    readable.resize(sentences.len(), false);
    for m in analysis.actors.iter().flat_map(|a| &a.mentions) {
        if let Some(r) = readable.get_mut(m.sentence) {
            *r = true;
        }
    }
    for q in &analysis.quotes {
        let first = sentences.partition_point(|s| s.span.end <= q.span.start);
        let overlapped = sentences[first..].iter().take_while(|s| s.span.start < q.span.end);
        readable[first..first + overlapped.count()].iter_mut().for_each(|r| *r = true);
    }
}

/// Adds the match `s..e` of `pattern` to `out` if it is a cue: on word boundaries, not
/// after an apostrophe, and capitalized only at the start of its sentence. The matches
/// come in text order: the search of the sentence walks on with `cursor`.
fn keep_cue(
    text: &str,
    (analysis, cursor): (&Analysis, &Cursor),
    s: usize,
    e: usize,
    pattern: usize,
    out: &mut Vec<Hit>,
) {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    if before.is_some_and(is_word_char) || after.is_some_and(is_word_char) {
        return;
    }
    // "Russia's" is a word boundary for the matcher but not a verb.
    if before.is_some_and(|c| c == '\'' || c == '’') {
        return;
    }
    let Some(sentence) = analysis.sentence_at_from(s, cursor) else { return };
    if text.as_bytes()[s].is_ascii_uppercase() {
        let first =
            text[analysis.sentences[sentence].span.start..s].chars().all(|c| !c.is_alphanumeric());
        if !first {
            return;
        }
    }
    out.push((sentence, Span::new(s, e), pattern));
}

/// Dates of a document grouped by sentence: `(sentence, start, index into dates)`.
#[derive(Debug, Default)]
pub(crate) struct DateIndex {
    items: Vec<(usize, usize, usize)>,
    /// Where the searches of [`DateIndex::date_of`] for the first and the last date of a
    /// sentence last ended: the stages ask in text order.
    first_cursor: Cursor,
    last_cursor: Cursor,
}

impl DateIndex {
    /// Indexes `dates`.
    pub(crate) fn fill(&mut self, dates: &[DateMention]) {
        self.items.clear();
        self.items.extend(dates.iter().enumerate().map(|(i, d)| (d.sentence, d.span.start, i)));
        self.items.sort_unstable();
    }

    /// Empties the index.
    fn clear(&mut self) {
        self.items.clear();
    }

    /// The calendar date of the clause of word `cue` in `view` (nearest date or time
    /// expression of the clause), else the publication date: where it comes from, its
    /// value written into `value` (else left empty).
    pub(crate) fn date_of(
        &self,
        view: &View<'_>,
        analysis: &Analysis,
        sentence: usize,
        cue: usize,
        value: &mut String,
    ) -> Option<DateSource> {
        value.clear();
        // The dates of the sentence (or of the piece of it the view holds).
        let (start, end) = (view.span.start, view.span.end);
        let before = |&(s, at, _): &(usize, usize, usize), offset| (s, at) < (sentence, offset);
        let lo = self.first_cursor.partition_point(&self.items, |d| before(d, start));
        let hi = self.last_cursor.partition_point(&self.items, |d| before(d, end));
        let (c0, c1) = view.clause_range(cue);
        // "now", "recently" say nothing about the day.
        let usable = |i: usize| {
            let d = &analysis.dates[i];
            matches!(d.kind, TimexKind::Date | TimexKind::Time)
                && !matches!(d.value, DateValue::Reference(_))
        };
        // The nearest usable date of the clause, the earliest of equally near ones: the
        // dates before `p` start at or before the cue's word, the others at or after it, so
        // each side is walked from the cue only until its distance passes the best.
        let dates = &self.items[lo..hi];
        let at = view.toks.get(cue).map_or(end, |t| t.span.start);
        let p = dates.partition_point(|&(_, s, _)| s < at);
        let mut best: Option<(usize, usize)> = None;
        for &(_, _, i) in dates[..p].iter().rev() {
            let (first, _) = view.tok_range(analysis.dates[i].span);
            let dist = first.abs_diff(cue);
            if first < c0 || best.is_some_and(|(b, _)| dist > b) {
                break;
            }
            if first < c1 && usable(i) {
                best = Some((dist, i));
            }
        }
        for &(_, _, i) in &dates[p..] {
            let (first, _) = view.tok_range(analysis.dates[i].span);
            let dist = first.abs_diff(cue);
            if first >= c1 || best.is_some_and(|(b, _)| dist >= b) {
                break;
            }
            if first >= c0 && usable(i) {
                best = Some((dist, i));
                break;
            }
        }
        if let Some((_, i)) = best {
            // (Writing to a string does not fail.)
            let _ = write!(value, "{}", analysis.dates[i].value);
            cut_to_calendar(value);
            return Some(DateSource::Expression);
        }
        let published = analysis.published?;
        let _ = write!(value, "{published}");
        Some(DateSource::Publication)
    }
}

/// Cuts a TIMEX3 value to its calendar part: "2025-03-19TMO" -> "2025-03-19".
fn cut_to_calendar(value: &mut String) {
    if let Some(t) = value.find('T') {
        if t >= 4 && value.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            value.truncate(t);
        }
    }
}

/// The speaker of a direct or partial quote when the subject before word `cue` is "we"
/// or "I" ("We will release the prisoners," Peskov said).
pub(crate) fn first_person_speaker<'a>(
    v: &View<'_>,
    analysis: &'a Analysis,
    quote: Option<usize>,
    cue: usize,
) -> Option<&'a str> {
    let q = &analysis.quotes[quote?];
    if q.kind == crate::quote::QuoteKind::Indirect {
        return None;
    }
    let (start, _) = v.clause_range(cue);
    let first_person = (start.max(cue.saturating_sub(6))..cue)
        .any(|i| matches!(v.word(i), "we" | "We" | "I" | "our" | "Our" | "my" | "My"));
    first_person.then_some(q.speaker.as_deref()).flatten()
}

/// Builds the tables the accusation and event stages share (grammar words, allegation
/// topics) now, when the stage is built, rather than while the first document is read.
pub(crate) fn prepare() {
    LazyLock::force(&CUE_LEXICON);
    LazyLock::force(&TOPIC_AUTOMATON);
    words::prepare();
}

/// Allegation topics: phrase automaton (leftmost-first) and the CAMEO code of each.
static TOPIC_AUTOMATON: LazyLock<(AhoCorasick, Vec<&'static str>)> = LazyLock::new(|| {
    let pairs: Vec<(&str, &str)> =
        TOPICS.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once('\t')).collect();
    let automaton = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(pairs.iter().map(|p| p.0))
        .expect("topic patterns are short literals");
    (automaton, pairs.iter().map(|p| p.1).collect())
});

/// The CAMEO accusation code of an allegation text (1121-1125), or 112.
pub(crate) fn allegation_code(allegation: &str) -> &'static str {
    let (automaton, codes) = &*TOPIC_AUTOMATON;
    automaton
        .find_overlapping_iter(allegation)
        .filter(|m| {
            let before = allegation[..m.start()].chars().next_back();
            let after = allegation[m.end()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .map(|m| m.pattern().as_usize())
        .min()
        .map_or("112", |p| codes[p])
}

/// One sentence being read.
struct Ctx<'a, 't> {
    view: &'a View<'t>,
    analysis: &'a Analysis,
    dates: &'a DateIndex,
    quotes: &'a SpanIndex,
    sentence: usize,
}

impl Ctx<'_, '_> {
    fn ids(&self, ments: &[usize]) -> Vec<String> {
        self.view.actor_ids(self.analysis, ments)
    }

    /// The quote containing `span`, if any.
    fn quote_of(&self, span: Span) -> Option<usize> {
        self.quotes.containing(span)
    }

    /// The word after `i` skipping a date or adverb ("accused each other on Wednesday of").
    fn find_word(&self, from: usize, limit: usize, words: &[&str]) -> Option<usize> {
        (from..limit.min(self.view.toks.len()))
            .find(|&i| words.iter().any(|w| self.view.word(i).eq_ignore_ascii_case(w)))
    }

    fn read(&self, cue: Cue, span: Span, out: &mut Vec<Accusation>) {
        let v = self.view;
        let (first, end) = v.tok_range(span);
        if first >= end {
            return;
        }
        let (clause_start, clause_end) = v.clause_range(first);
        let denied = (first.saturating_sub(3)..first).any(|i| v.is(i, DENY));
        let negated = denied || v.negated(clause_start, first);
        let quote = self.quote_of(span);
        let speaker: Vec<String> = first_person_speaker(v, self.analysis, quote, first)
            .map(str::to_string)
            .into_iter()
            .collect();
        let mut date = String::new();
        let date_source = self.dates.date_of(v, self.analysis, self.sentence, first, &mut date);
        let date = date_source.map(|_| date);
        let mut emit = |accuser: Vec<String>, accused: Vec<String>, allegation: Option<Span>| {
            if accuser.is_empty() || accuser.iter().any(|a| accused.contains(a)) {
                return;
            }
            out.push(Accusation {
                accuser,
                accused,
                allegation,
                cue: span,
                sentence: self.sentence,
                negated,
                kind: cue.kind,
                date: date.clone(),
                date_source,
                quote,
            });
        };
        let subject = |floor: usize| -> Vec<String> {
            match v.subject(first, floor) {
                Some(k) => self.ids(&v.coordinated_before(k)),
                None => speaker.clone(),
            }
        };
        match cue.pattern {
            Pattern::Object | Pattern::Blame => {
                let passive = cue.form == Form::Participle && v.passive_before(first);
                if passive {
                    let accused = v.subject(first, 0).map(|k| self.ids(&v.coordinated_before(k)));
                    let accuser =
                        v.by_agent(end, clause_end).map(|k| self.ids(&v.coordinated_after(k)));
                    let of = self.find_word(end, clause_end, &["of", "for", "over"]);
                    let allegation = of.and_then(|i| v.rest_of_clause(i + 1));
                    if let (Some(accuser), Some(accused)) = (accuser, accused) {
                        emit(accuser, accused, allegation);
                    }
                    return;
                }
                let accusers = match v.subject(first, 0) {
                    Some(k) => v.coordinated_before(k),
                    None => Group::default(),
                };
                let accuser_ids =
                    if accusers.is_empty() { speaker.clone() } else { self.ids(&accusers) };
                if v.reciprocal_at(end) {
                    let of = self.find_word(end + 2, clause_end, &["of", "for", "over"]);
                    let allegation = of.and_then(|i| v.rest_of_clause(i + 1));
                    for a in &accuser_ids {
                        for b in &accuser_ids {
                            if a != b {
                                emit(vec![a.clone()], vec![b.clone()], allegation);
                            }
                        }
                    }
                    return;
                }
                // The accused is the direct object, right after the cue.
                let direct = v.object(end, clause_end, true, false).filter(|&k| {
                    let m = &v.ments[k];
                    v.np_start(m.first) == end && v.governing_prep(m).is_none()
                });
                match direct {
                    Some(k) => {
                        let accused = v.coordinated_after(k);
                        let after = v.ments[*accused.last().unwrap_or(&k)].end;
                        let preps: &[&str] = if cue.pattern == Pattern::Blame {
                            &["for", "over"]
                        } else {
                            &["of", "for", "over", "after"]
                        };
                        let of = self.find_word(after, clause_end, preps);
                        let allegation = of.and_then(|i| v.rest_of_clause(i + 1));
                        emit(accuser_ids, self.ids(&accused), allegation);
                    }
                    None if cue.pattern == Pattern::Blame => {
                        // "X blamed the attacks on Y".
                        let on = self.find_word(end, clause_end, &["on"]);
                        let accused = on.and_then(|i| v.object(i, clause_end, false, false));
                        let allegation = on.and_then(|i| v.span_of(end, i));
                        let accused = accused.map(|k| self.ids(&v.coordinated_after(k)));
                        emit(accuser_ids, accused.unwrap_or_default(), allegation);
                    }
                    None => emit(accuser_ids, Vec::new(), v.rest_of_clause(end)),
                }
            }
            Pattern::Clause => {
                let start = if v.word(end).eq_ignore_ascii_case("that") { end + 1 } else { end };
                let Some(k) = v.object(start, clause_end, true, false) else { return };
                if v.governing_prep(&v.ments[k]).is_some()
                    || v.np_start(v.ments[k].first) > start + 1
                {
                    return;
                }
                let accused = v.coordinated_after(k);
                let accuser = subject(0);
                emit(accuser, self.ids(&accused), v.rest_of_clause(start));
            }
            Pattern::Noun => self.read_noun(first, end, clause_end, &mut emit),
            Pattern::Offense => {
                // The offender right before the verb ("Y had violated", "Y attacked").
                let mut i = first;
                while i > clause_start && first - i < 3 {
                    let w = v.word(i - 1);
                    if !["had", "has", "have", "was", "were", "is", "are", "been"]
                        .iter()
                        .any(|x| w.eq_ignore_ascii_case(x))
                    {
                        break;
                    }
                    i -= 1;
                }
                let Some(k) = v.ment_ending_at(i) else { return };
                let offender = &v.ments[k];
                if v.governing_prep(offender).is_some() {
                    return;
                }
                // A reporting verb (or an indirect quote) before the offender.
                let np = v.np_start(offender.first);
                let mut r = np;
                if r > 0 && v.word(r - 1).eq_ignore_ascii_case("that") {
                    r -= 1;
                }
                let accuser = if r > 0 && v.is(r - 1, REPORT) && !v.is(r - 1, PREP) {
                    match v.subject(r - 1, 0) {
                        Some(a) => self.ids(&v.coordinated_before(a)),
                        None => speaker.clone(),
                    }
                } else if quote.is_some() && np == v.clause_range(np).0 {
                    speaker.clone()
                } else {
                    return;
                };
                let accused = self.ids(&v.coordinated_before(k));
                emit(accuser, accused, v.rest_of_clause(first));
            }
        }
    }

    /// "accusations by X that Y ...", "X's accusations against Y", "X made accusations
    /// against Y".
    fn read_noun(
        &self,
        first: usize,
        end: usize,
        clause_end: usize,
        emit: &mut impl FnMut(Vec<String>, Vec<String>, Option<Span>),
    ) {
        let v = self.view;
        // Accuser: "by/from X" after the noun, a possessive right before it, or the
        // subject of a light verb ("made", "levelled", "repeated") right before it.
        let after =
            Some(v.ment_from(end)).filter(|&k| v.ments.get(k).is_some_and(|m| m.first <= end + 3));
        let by = after.filter(|&k| {
            v.governing_prep(&v.ments[k])
                .is_some_and(|p| p >= end && matches!(v.word(p), "by" | "from"))
        });
        let possessive = (first.saturating_sub(2)..=first).rev().find_map(|i| {
            let k = v.ment_ending_at(i)?;
            let w = v.word(i - 1);
            (w.ends_with("'s") || w.ends_with("’s") || w.ends_with('\'')).then_some(k)
        });
        let light = first > 0
            && (first.saturating_sub(3)..first).any(|i| {
                [
                    "made", "make", "makes", "levelled", "leveled", "repeated", "renewed",
                    "voiced", "traded",
                ]
                .iter()
                .any(|light| v.word(i).eq_ignore_ascii_case(light))
            });
        let accuser = match (by, possessive) {
            (Some(k), _) | (None, Some(k)) => Some(v.coordinated_before(k)),
            (None, None) if light => v.subject(first, 0).map(|k| v.coordinated_before(k)),
            _ => None,
        };
        let Some(accuser) = accuser else { return };
        let from = by.map_or(end, |k| v.ments[k].end);
        let link = self.find_word(from, (from + 3).min(clause_end), &["that", "against"]);
        let Some(link) = link else { return };
        // The accused opens the that-clause; an untagged pronoun there ("that it was
        // arming rebels") leaves the accused unknown rather than a later actor.
        let k = v.object(link + 1, clause_end, true, false).filter(|&k| {
            v.word(link).eq_ignore_ascii_case("against") || v.np_start(v.ments[k].first) <= link + 2
        });
        let mut accused = k.map(|k| v.coordinated_after(k)).unwrap_or_default();
        if accused.is_empty() {
            // "Iran rejected accusations by the US that ...": who rejects is accused.
            let rejecting = (first.saturating_sub(3)..first).find(|&i| {
                v.is(i, DENY)
                    || ["rejected", "rejects", "dismissed", "dismisses", "refuted", "rebuffed"]
                        .iter()
                        .any(|w| v.word(i).eq_ignore_ascii_case(w))
            });
            if let Some(k) = rejecting.and_then(|i| v.subject(i, 0)) {
                accused = v.coordinated_before(k);
            }
        }
        let allegation = if v.word(link).eq_ignore_ascii_case("that") {
            v.rest_of_clause(link + 1)
        } else {
            let after = accused.last().map_or(link + 1, |&k| v.ments[k].end);
            let of = self.find_word(after, clause_end, &["of", "for", "over"]);
            of.and_then(|i| v.rest_of_clause(i + 1))
        };
        emit(self.ids(&accuser), self.ids(&accused), allegation);
    }
}

#[cfg(test)]
pub(crate) mod tests;
