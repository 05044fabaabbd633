//! A tagged sentence: words, clause numbers and the actor mentions that fall in it, with
//! the searches both the accusation and the event stage use to find who acted on whom.
//!
//! Nothing here parses: the subject is the nearest actor before a cue in its clause that
//! is not inside a prepositional phrase, the object the first actor after it that is
//! either a direct object or introduced by a target preposition. Every search looks at a
//! bounded window, so a sentence of any length costs time linear in its words.

use std::ops::Range;

use crate::Span;
use crate::analysis::Analysis;
use crate::ascii::{HIGHS, ONES, alnum_mask, alnum_run_end, load8};
use crate::order::{Cursor, sort_by_sentence};

use super::words::{
    self, ADVERB, AUX, BE, COMMASUB, COORD, Class, DET, NEG, PREP, PRON, RECIP, REPORT, SUB, TARGET,
};

/// How far back a subject is searched (words).
const SUBJECT_WINDOW: usize = 40;
/// How far after a cue an object may start (words).
const OBJECT_WINDOW: usize = 14;
/// The most words of a bracketed gloss that stays in its clause.
const GLOSS_WORDS: usize = 4;
/// How many words a noun phrase may extend left of its head mention.
const NP_WINDOW: usize = 8;
/// The most bytes (up to the next space) of a sentence read as one piece. A longer
/// sentence (a run-on text without a sentence end) is read in pieces of about this size,
/// cut at spaces outside actor mentions, each as a sentence of its own: its words and
/// mentions then stay in cache, and no search spans megabytes. No real news sentence
/// comes near it (the longest of the corpora read has about 1,100 bytes), and no clause a
/// cue reads needs more than a few hundred of its words.
pub(crate) const MAX_PIECE: usize = 8 * 1024;

/// The most mentions a coordinated group ("X, Y and Z") holds: the searches stop there.
pub(crate) const MAX_GROUP: usize = 8;

/// At most [`MAX_GROUP`] items held in place, with no allocation: the mentions of a
/// coordinated group (indices into [`View::ments`]) or their actors' ids. Used as a
/// slice. Adding to a full one is a bug (no caller does: groups are built up to
/// [`MAX_GROUP`] and ids are at most as many as the mentions they come from).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Few<T> {
    len: usize,
    items: [T; MAX_GROUP],
}

/// Mentions of a coordinated group.
pub(crate) type Group = Few<usize>;

impl<T: Copy + Default> Default for Few<T> {
    fn default() -> Few<T> {
        Few { len: 0, items: [T::default(); MAX_GROUP] }
    }
}

impl<T: Copy + Default> Few<T> {
    /// Holding `item` alone.
    pub(crate) fn one(item: T) -> Few<T> {
        let mut few = Few::default();
        few.push(item);
        few
    }

    /// Whether it holds [`MAX_GROUP`] items.
    pub(crate) fn is_full(&self) -> bool {
        self.len == MAX_GROUP
    }

    /// Adds `item` at the end (the caller keeps within [`MAX_GROUP`]).
    pub(crate) fn push(&mut self, item: T) {
        debug_assert!(!self.is_full(), "a group holds at most {MAX_GROUP} items");
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = item;
            self.len += 1;
        }
    }

    /// Removes every item.
    pub(crate) fn clear(&mut self) {
        self.len = 0;
    }

    /// Reverses the order of the items.
    pub(crate) fn reverse(&mut self) {
        self.items[..self.len].reverse();
    }
}

impl<T> std::ops::Deref for Few<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.items[..self.len]
    }
}

impl<'a, T> IntoIterator for &'a Few<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T: Copy + Default> FromIterator<T> for Few<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Few<T> {
        let mut few = Few::default();
        items.into_iter().for_each(|item| few.push(item));
        few
    }
}

impl<T: Copy + Default> Extend<T> for Few<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        items.into_iter().for_each(|item| self.push(item));
    }
}

/// One word or punctuation mark of the sentence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    /// Where it is.
    pub span: Span,
    /// Grammar classes of the word.
    pub class: Class,
    /// The mark, for punctuation.
    pub punct: Option<char>,
    /// Whether the word starts with an upper-case letter or a digit.
    pub cap: bool,
}

/// An actor mention placed on the words.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ment {
    /// First word.
    pub first: usize,
    /// One past the last word.
    pub end: usize,
    /// Index of the actor in `analysis.actors`.
    pub actor: usize,
}

/// The actor mentions of the sentences of a document the stages read, grouped by
/// sentence: `(sentence, span, actor)`, and the sentences the accusation stage read, kept
/// for the event stage so that no sentence is tokenized twice.
#[derive(Debug, Default)]
pub(crate) struct MentionIndex {
    items: Vec<(usize, Span, usize)>,
    /// Whether each sentence of the document is read: only their mentions are indexed.
    read_sentences: Vec<bool>,
    /// For each sentence `i` of the document and one past the last, the first of `items`
    /// in sentence `i` or after: sentence `i`'s mentions are found without a search.
    firsts: Vec<usize>,
    /// Room for putting `items` in text order (see [`sort_by_sentence`]).
    room: Vec<(usize, Span, usize)>,
    counts: Vec<usize>,
    /// Sentences read as words, by increasing sentence index, their words in `store`.
    read: Vec<KeptSentence>,
    /// The words of the sentences kept, one after the other in each buffer: keeping a
    /// sentence copies its words here rather than holding buffers of its own (thousands
    /// of small allocations in a long document).
    store: Words,
    /// Where the search of [`MentionIndex::load`] in `read` last ended: the stages ask
    /// sentence after sentence, so each search walks on from there instead of searching
    /// the whole list.
    read_cursor: Cursor,
}

/// A sentence kept for the event stage: its index, the span read, and where its words end
/// in each buffer of the store (they start where the previous sentence's end).
#[derive(Clone, Copy, Debug)]
struct KeptSentence {
    sentence: usize,
    span: Span,
    ends: [usize; 6],
}

/// The buffers of a [`View`] holding one sentence read with its mentions.
#[derive(Debug, Default)]
pub(crate) struct Words {
    span: Span,
    toks: Vec<Tok>,
    clause: Vec<u32>,
    clause_starts: Vec<usize>,
    sub_clause: Vec<bool>,
    participles: Vec<usize>,
    ments: Vec<Ment>,
}

impl Drop for View<'_> {
    fn drop(&mut self) {
        self.put_words(Words::default()).keep();
    }
}

/// Sets of sentence buffers a thread keeps between documents.
const KEPT_WORDS: usize = 64;

/// Words of a sentence a kept buffer may hold: a longer one's buffers are freed.
const KEPT_TOKS: usize = 1 << 12;

thread_local! {
    /// Sentence buffers, empty, that this thread's views take before allocating.
    static WORDS: std::cell::RefCell<Vec<Words>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Words {
    /// Empties the buffers, keeping their room.
    fn clear(&mut self) {
        self.toks.clear();
        self.clause.clear();
        self.clause_starts.clear();
        self.sub_clause.clear();
        self.participles.clear();
        self.ments.clear();
    }

    /// Empty buffers the thread kept, if any.
    fn kept() -> Words {
        WORDS.with_borrow_mut(Vec::pop).unwrap_or_default()
    }

    /// Gives the buffers to the thread, emptied, for the next sentence read.
    fn keep(mut self) {
        if self.toks.capacity() == 0 || self.toks.capacity() > KEPT_TOKS {
            return;
        }
        self.clear();
        WORDS.with_borrow_mut(|kept| {
            if kept.len() < KEPT_WORDS {
                kept.push(self);
            }
        });
    }
}

impl MentionIndex {
    /// Indexes the mentions of `analysis.actors` in the sentences `read` (after
    /// [`MentionIndex::clear`]): [`MentionIndex::of`] another sentence of the document is
    /// empty. (About half the mentions of a news article lie in sentences with a cue or
    /// a trigger: the others are not sorted.)
    pub(crate) fn fill(&mut self, analysis: &Analysis, read: impl IntoIterator<Item = usize>) {
        let wanted = &mut self.read_sentences;
        wanted.clear();
        wanted.resize(analysis.sentences.len(), false);
        for i in read {
            if let Some(w) = wanted.get_mut(i) {
                *w = true;
            }
        }
        let items = &mut self.items;
        items.clear();
        for (a, actor) in analysis.actors.iter().enumerate() {
            for m in &actor.mentions {
                // (Mentions past the document's sentences are kept: see `of`.)
                if wanted.get(m.sentence).is_none_or(|&w| w) {
                    items.push((m.sentence, m.span, a));
                }
            }
        }
        let key = |&(s, span, a): &(usize, Span, usize)| (s, span.start, span.end, a);
        let sentences = analysis.sentences.len();
        sort_by_sentence(items, sentences, |m| m.0, key, &mut self.room, &mut self.counts);
        self.firsts.clear();
        let mut k = 0;
        for i in 0..=sentences {
            k += items[k..].iter().take_while(|m| m.0 < i).count();
            self.firsts.push(k);
        }
    }

    /// The length and the capacity of the index's three large buffers: the mentions,
    /// where each sentence's mentions start, and the words of the sentences kept.
    pub(crate) fn filled(&self) -> [(usize, usize); 3] {
        let (items, firsts, words) = (&self.items, &self.firsts, &self.store.toks);
        [
            (items.len(), items.capacity()),
            (firsts.len(), firsts.capacity()),
            (words.len(), words.capacity()),
        ]
    }

    /// Empties the index.
    pub(crate) fn clear(&mut self) {
        self.items.clear();
        self.firsts.clear();
        self.read.clear();
        self.store.clear();
    }

    /// Keeps sentence `i`, read into `view` (by [`View::load`] with [`MentionIndex::of`]),
    /// for [`MentionIndex::load`]; sentences are kept in increasing order.
    pub(crate) fn keep(&mut self, i: usize, view: &View<'_>) {
        if self.read.last().is_none_or(|last| last.sentence < i) {
            let s = &mut self.store;
            s.toks.extend_from_slice(&view.toks);
            s.clause.extend_from_slice(&view.clause);
            s.clause_starts.extend_from_slice(&view.clause_starts);
            s.sub_clause.extend_from_slice(&view.sub_clause);
            s.participles.extend_from_slice(&view.participles);
            s.ments.extend_from_slice(&view.ments);
            let ends = [
                s.toks.len(),
                s.clause.len(),
                s.clause_starts.len(),
                s.sub_clause.len(),
                s.participles.len(),
                s.ments.len(),
            ];
            self.read.push(KeptSentence { sentence: i, span: view.span, ends });
        }
    }

    /// Loads `piece` of sentence `i` into `view` with its mentions (`ments`, from
    /// [`MentionIndex::of`] as [`Pieces`] cuts them): the words kept for it if any, else
    /// read now.
    pub(crate) fn load(
        &self,
        i: usize,
        (piece, ments): (Span, &[(usize, Span, usize)]),
        view: &mut View<'_>,
    ) {
        let k = self.read_cursor.partition_point(&self.read, |r| r.sentence < i);
        match self.read.get(k) {
            Some(kept) if kept.sentence == i && kept.span == piece => {
                let starts = k.checked_sub(1).map_or([0; 6], |p| self.read[p].ends);
                let (s, [t, c, cs, sc, p, m]) = (&self.store, starts);
                let ends = kept.ends;
                view.span = piece;
                copy_into(&mut view.toks, &s.toks[t..ends[0]]);
                copy_into(&mut view.clause, &s.clause[c..ends[1]]);
                copy_into(&mut view.clause_starts, &s.clause_starts[cs..ends[2]]);
                copy_into(&mut view.sub_clause, &s.sub_clause[sc..ends[3]]);
                copy_into(&mut view.participles, &s.participles[p..ends[4]]);
                copy_into(&mut view.ments, &s.ments[m..ends[5]]);
            }
            _ => view.load(piece, ments),
        }
    }

    /// The mentions of sentence `i` (one of those indexed), in text order.
    pub(crate) fn of(&self, i: usize) -> &[(usize, Span, usize)] {
        match (self.firsts.get(i), self.firsts.get(i + 1)) {
            (Some(&lo), Some(&hi)) => &self.items[lo..hi],
            _ => {
                // Past the document's sentences: mentions there, if any, come last.
                let rest = &self.items[self.firsts.last().map_or(0, |&k| k)..];
                let lo = rest.partition_point(|&(s, ..)| s < i);
                let hi = rest.partition_point(|&(s, ..)| s <= i);
                &rest[lo..hi]
            }
        }
    }
}

/// Makes `out` a copy of `items`, in the room it has.
fn copy_into<T: Copy>(out: &mut Vec<T>, items: &[T]) {
    out.clear();
    out.extend_from_slice(items);
}

/// The pieces a sentence is read in, each with the range of its mentions in those of the
/// sentence: the whole sentence when it has at most [`MAX_PIECE`] bytes, else pieces of
/// about that size (see there), in text order.
pub(crate) struct Pieces<'a> {
    bytes: &'a [u8],
    /// Where the next piece starts (`None` after the last).
    start: Option<usize>,
    end: usize,
    /// The sentence's mentions (from [`MentionIndex::of`]), the first not passed yet and
    /// the furthest end of those passed: no cut falls inside a mention.
    mentions: &'a [(usize, Span, usize)],
    next: usize,
    reach: usize,
}

impl<'a> Pieces<'a> {
    /// The pieces of the sentence at `span` of `text` with its `mentions`.
    pub(crate) fn new(text: &'a str, span: Span, mentions: &'a [(usize, Span, usize)]) -> Self {
        let end = span.end.min(text.len());
        Pieces { bytes: text.as_bytes(), start: Some(span.start), end, mentions, next: 0, reach: 0 }
    }
}

impl Iterator for Pieces<'_> {
    type Item = (Span, Range<usize>);

    fn next(&mut self) -> Option<(Span, Range<usize>)> {
        let start = self.start?;
        let first = self.next;
        let mut cut = start.saturating_add(MAX_PIECE);
        while cut < self.end {
            // The next space, unless a mention goes on over it.
            let Some(k) = self.bytes[cut..self.end].iter().position(|&b| b == b' ') else {
                cut = self.end;
                break;
            };
            cut += k;
            while let Some(&(_, m, _)) = self.mentions.get(self.next) {
                if m.start >= cut {
                    break;
                }
                self.reach = self.reach.max(m.end);
                self.next += 1;
            }
            if self.reach <= cut {
                break;
            }
            cut = self.reach;
        }
        if cut >= self.end {
            // The last piece has the other mentions.
            self.start = None;
            self.next = self.mentions.len();
            return Some((Span::new(start, self.end.max(start)), first..self.next));
        }
        while self.mentions.get(self.next).is_some_and(|&(_, m, _)| m.start < cut) {
            self.next += 1;
        }
        self.start = Some(cut);
        Some((Span::new(start, cut), first..self.next))
    }
}

/// Spans sorted by start, each with the largest end so far: answers "does a span overlap
/// or contain this one" in logarithmic time, and in a few steps for questions asked in
/// text order.
#[derive(Debug, Default)]
pub(crate) struct SpanIndex {
    /// `(start, end, largest end up to here, caller's index)`, sorted by start.
    items: Vec<(usize, usize, usize, usize)>,
    /// Where the last search ended.
    cursor: Cursor,
}

impl SpanIndex {
    /// Indexes `spans` in place of what the index held, remembering each one's position.
    pub(crate) fn fill(&mut self, spans: impl IntoIterator<Item = Span>) {
        let items = &mut self.items;
        items.clear();
        items.extend(spans.into_iter().enumerate().map(|(i, s)| (s.start, s.end, 0, i)));
        items.sort_unstable();
        let mut max_end = 0;
        for item in items.iter_mut() {
            max_end = max_end.max(item.1);
            item.2 = max_end;
        }
    }

    /// Empties the index.
    pub(crate) fn clear(&mut self) {
        self.items.clear();
    }

    /// Whether some span overlaps `span`.
    pub(crate) fn overlaps(&self, span: Span) -> bool {
        let hi = self.cursor.partition_point(&self.items, |it| it.0 < span.end);
        hi > 0 && self.items[hi - 1].2 > span.start
    }

    /// Whether some span contains `span`.
    pub(crate) fn contains(&self, span: Span) -> bool {
        let hi = self.cursor.partition_point(&self.items, |it| it.0 <= span.start);
        hi > 0 && self.items[hi - 1].2 >= span.end
    }

    /// The position of a span containing `span` (the latest starting of the few nearest).
    pub(crate) fn containing(&self, span: Span) -> Option<usize> {
        if !self.contains(span) {
            return None;
        }
        let hi = self.cursor.partition_point(&self.items, |it| it.0 <= span.start);
        self.items[..hi].iter().rev().take(16).find(|it| it.1 >= span.end).map(|it| it.3)
    }
}

/// One sentence read as words, clauses and mentions.
#[derive(Debug)]
pub(crate) struct View<'t> {
    /// The document text.
    pub text: &'t str,
    /// The sentence or piece of a sentence read.
    pub span: Span,
    /// The words and marks.
    pub toks: Vec<Tok>,
    /// Clause number of each word.
    pub clause: Vec<u32>,
    /// First word of each clause (clause numbers are consecutive, from 0).
    clause_starts: Vec<usize>,
    /// Whether each clause is subordinate (opened by "after", "who", ", while" ...).
    sub_clause: Vec<bool>,
    /// First word of each participial adjunct clause (", accusing him of ..."), whose
    /// subject is the main clause's.
    participles: Vec<usize>,
    /// Actor mentions, in text order.
    pub ments: Vec<Ment>,
}

impl<'t> View<'t> {
    /// A view of no sentence yet, to [`load`](View::load) sentences into one after the
    /// other, reusing its buffers.
    pub(crate) fn empty(text: &'t str) -> View<'t> {
        let mut view = View {
            text,
            span: Span::default(),
            toks: Vec::new(),
            clause: Vec::new(),
            clause_starts: Vec::new(),
            sub_clause: Vec::new(),
            participles: Vec::new(),
            ments: Vec::new(),
        };
        view.put_words(Words::kept());
        view
    }

    /// Reads the sentence at `span` with its `mentions` (from [`MentionIndex::of`]).
    pub(crate) fn load(&mut self, span: Span, mentions: &[(usize, Span, usize)]) {
        self.span = span;
        let last_comma = tokenize(self.text, span, &mut self.toks);
        self.clause.clear();
        self.clause_starts.clear();
        self.sub_clause.clear();
        self.participles.clear();
        self.ments.clear();
        self.number_clauses(last_comma);
        // The mentions come in text order: each one's words are found by walking on from
        // the last one's (`tok_range` without a search from scratch).
        let mut first = 0;
        for &(_, m, actor) in mentions {
            while self.toks.get(first).is_some_and(|t| t.span.end <= m.start) {
                first += 1;
            }
            let mut end = first;
            while self.toks.get(end).is_some_and(|t| t.span.start < m.end) {
                end += 1;
            }
            // An actor inside a hyphenated modifier ("EU-brokered talks", "NATO-member
            // Norway", "pro-Russian") is no participant.
            let hyphened = first < end && {
                let (a, b) = (self.toks[first].span, self.toks[end - 1].span);
                let text = self.text.as_bytes();
                (a.start < m.start && text.get(m.start - 1) == Some(&b'-'))
                    || (b.end > m.end && text.get(m.end) == Some(&b'-'))
            };
            if first < end && !hyphened {
                self.ments.push(Ment { first, end, actor });
            }
        }
    }

    /// Makes the view hold the sentence `words` were taken from; gives back the buffers
    /// it held.
    fn put_words(&mut self, words: Words) -> Words {
        let Words { span, toks, clause, clause_starts, sub_clause, participles, ments } = words;
        Words {
            span: std::mem::replace(&mut self.span, span),
            toks: std::mem::replace(&mut self.toks, toks),
            clause: std::mem::replace(&mut self.clause, clause),
            clause_starts: std::mem::replace(&mut self.clause_starts, clause_starts),
            sub_clause: std::mem::replace(&mut self.sub_clause, sub_clause),
            participles: std::mem::replace(&mut self.participles, participles),
            ments: std::mem::replace(&mut self.ments, ments),
        }
    }

    /// The words overlapping `span`, as a half-open word range.
    pub(crate) fn tok_range(&self, span: Span) -> (usize, usize) {
        let first = self.toks.partition_point(|t| t.span.end <= span.start);
        let end = self.toks.partition_point(|t| t.span.start < span.end);
        (first, end.max(first))
    }

    /// The text of word `i`.
    pub(crate) fn word(&self, i: usize) -> &'t str {
        self.toks.get(i).map_or("", |t| self.text.get(t.span.start..t.span.end).unwrap_or(""))
    }

    /// Whether word `i` has class `c`.
    pub(crate) fn is(&self, i: usize, c: Class) -> bool {
        self.toks.get(i).is_some_and(|t| t.class & c != 0)
    }

    /// Whether word `i` is the punctuation mark `p`.
    pub(crate) fn is_punct(&self, i: usize, p: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.punct == Some(p))
    }

    /// Whether word `i` is in a subordinate clause (opened by "if", "who", "after", ...).
    pub(crate) fn is_sub(&self, i: usize) -> bool {
        self.clause
            .get(i)
            .is_some_and(|&c| self.sub_clause.get(c as usize).copied().unwrap_or(false))
    }

    /// Word range `[start, end)` of the clause containing word `i`.
    pub(crate) fn clause_range(&self, i: usize) -> (usize, usize) {
        let Some(&c) = self.clause.get(i) else { return (i, i) };
        self.clause_bounds(c)
    }

    /// Word range `[start, end)` of clause `c` (empty if the sentence opens a clause
    /// before its first word).
    fn clause_bounds(&self, c: u32) -> (usize, usize) {
        let c = c as usize;
        let start = self.clause_starts.get(c).copied().unwrap_or(self.toks.len());
        let end = self.clause_starts.get(c + 1).copied().unwrap_or(self.toks.len());
        (start, end)
    }

    /// Numbers the clauses of the words read, `last_comma` the last comma among them.
    fn number_clauses(&mut self, last_comma: Option<usize>) {
        let n = self.toks.len();
        let attribution = self.attribution_comma(last_comma);
        let mut id = 0u32;
        // A sentence opening with a prepositional phrase ("In a letter handed over to the
        // UN on Monday, Iraq said") keeps it apart up to the first comma.
        let mut open_sub = self.toks.first().is_some_and(|t| t.class & PREP != 0);
        self.clause.reserve(n);
        self.clause_starts.push(0);
        self.sub_clause.push(open_sub);
        // The closing bracket of a short gloss ("Hizbollah (Party of God) group"), which
        // stays in its clause.
        let mut gloss_end = None;
        let mut i = 0;
        while i < n {
            // Only marks and subordinators can open a clause: the words up to the next
            // one take the current number in one go.
            let plain = self.toks[i..]
                .iter()
                .take_while(|t| t.punct.is_none() && t.class & SUB == 0)
                .count();
            i += plain;
            self.clause.resize(i, id);
            let Some(&t) = self.toks.get(i) else { break };
            let mut new_clause = None;
            match t.punct {
                Some('(') if gloss_end.is_none() => match self.gloss_end(i) {
                    Some(e) => gloss_end = Some(e),
                    None => new_clause = Some(false),
                },
                Some(')') if gloss_end == Some(i) => gloss_end = None,
                Some(';' | ':' | '—' | '–' | '(' | ')') => new_clause = Some(false),
                Some(',') => {
                    let participle = self.toks.get(i + 1).is_some_and(|t| {
                        !t.cap && t.punct.is_none() && self.word(i + 1).ends_with("ing")
                    });
                    let w = self.word(i + 1);
                    let main = w.eq_ignore_ascii_case("but")
                        || (self.is(i + 1, COORD) && self.is(i + 2, PRON));
                    if main {
                        new_clause = Some(false);
                    } else if self.is(i + 1, COMMASUB) || participle {
                        new_clause = Some(true);
                        if participle {
                            self.participles.push(i + 1);
                        }
                    } else if open_sub || Some(i) == attribution {
                        new_clause = Some(false);
                    }
                }
                Some(_) => {}
                None if t.class & SUB != 0 && i > 0 && !self.is_punct(i - 1, ',') => {
                    new_clause = Some(true);
                }
                None => {}
            }
            if let Some(sub) = new_clause {
                id += 1;
                open_sub = sub;
                self.clause_starts.push(i);
                self.sub_clause.push(sub);
            }
            self.clause.push(id);
            i += 1;
        }
    }

    /// The closing bracket of a gloss opened at token `open`: up to [`GLOSS_WORDS`]
    /// words, no other punctuation ("(Party of God)", "(PLO)").
    fn gloss_end(&self, open: usize) -> Option<usize> {
        let end = (open + GLOSS_WORDS + 2).min(self.toks.len());
        let close = (open + 1..end).find(|&j| self.toks[j].punct.is_some())?;
        (close > open + 1 && self.toks[close].punct == Some(')')).then_some(close)
    }

    /// The comma before a closing attribution (", the ministry said on Monday."), given
    /// the sentence's last comma.
    fn attribution_comma(&self, last_comma: Option<usize>) -> Option<usize> {
        // Only a comma among the last 17 words can be one.
        let last = self.toks.len().saturating_sub(17);
        let comma = last_comma.filter(|&comma| comma >= last)?;
        // Words after the comma, and how many come after the last reporting verb.
        let (mut words, mut report) = (0, None);
        for i in comma + 1..self.toks.len() {
            if self.toks[i].punct.is_none() {
                words += 1;
                if self.is(i, REPORT) {
                    report = Some(words);
                }
            }
        }
        let report = report?;
        (words - report < 4 && report > 1).then_some(comma)
    }

    /// The first word of the noun phrase whose last mention word is `head_first`: walks
    /// left over capitalized words, determiners, numbers and hyphenated modifiers.
    pub(crate) fn np_start(&self, head_first: usize) -> usize {
        let mut j = head_first;
        let floor = head_first.saturating_sub(NP_WINDOW);
        while j > floor {
            let t = self.toks[j - 1];
            if t.punct.is_some() || self.clause[j - 1] != self.clause[head_first] {
                break;
            }
            let modifier = (t.cap && t.class & (PREP | SUB | COORD) == 0)
                || (t.class & DET != 0 && t.class & PREP == 0);
            if !modifier {
                break;
            }
            j -= 1;
        }
        j
    }

    /// The preposition governing mention `m` (its word index), if it sits in a
    /// prepositional phrase of its clause.
    pub(crate) fn governing_prep(&self, m: &Ment) -> Option<usize> {
        let start = self.np_start(m.first);
        let p = start.checked_sub(1)?;
        (self.is(p, PREP) && self.clause[p] == self.clause[m.first]).then_some(p)
    }

    /// The distinct ids, in order, of the actors of mentions `ments` (indices into
    /// `self.ments`) of the analysis the view was built from.
    pub(crate) fn actor_ids(&self, analysis: &Analysis, ments: &[usize]) -> Vec<String> {
        self.actor_names(analysis, ments).iter().map(|id| id.to_string()).collect()
    }

    /// [`View::actor_ids`], borrowed from `analysis`: as many as `ments` at most (a
    /// [`Group`]'s).
    pub(crate) fn actor_names<'a>(&self, analysis: &'a Analysis, ments: &[usize]) -> Few<&'a str> {
        let mut out = Few::default();
        for &k in ments {
            let id = analysis.actors[self.ments[k].actor].id.as_str();
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }

    /// Index in `ments` of the first mention starting at or after word `i`.
    pub(crate) fn ment_from(&self, i: usize) -> usize {
        self.ments.partition_point(|m| m.first < i)
    }

    /// The mention whose last word ends right before word `i`, if any.
    pub(crate) fn ment_ending_at(&self, i: usize) -> Option<usize> {
        let hi = self.ment_from(i);
        (hi.saturating_sub(4)..hi).rev().find(|&k| self.ments[k].end == i)
    }

    /// The subject of a cue starting at word `cue`: the nearest mention before it in its
    /// clause and after word `floor`, not inside a prepositional phrase; else an actor of
    /// an agent phrase opening the clause ("forces in X", "thousands of X"); else the
    /// nearest such mention of an earlier main clause.
    pub(crate) fn subject(&self, cue: usize, floor: usize) -> Option<usize> {
        let (clause_start, _) = self.clause_range(cue);
        if floor == 0 && self.vp_coordinated(cue) {
            // "Russia claimed it had ceased targeting Ukraine's facilities and accused
            // Kyiv": a coordinated verb shares the clause's subject.
            let first = (self.ment_from(clause_start)..self.ments.len())
                .take_while(|&k| self.ments[k].end <= cue)
                .find(|&k| self.governing_prep(&self.ments[k]).is_none());
            if let Some(k) = first {
                return Some(self.head(k));
            }
        }
        let lo = floor.max(clause_start).max(cue.saturating_sub(SUBJECT_WINDOW));
        let hi = self.ments.partition_point(|m| m.end <= cue);
        let mut agent = None;
        for k in (0..hi).rev() {
            let m = &self.ments[k];
            if m.first < lo {
                break;
            }
            match self.governing_prep(m) {
                None => return Some(k),
                Some(p)
                    if agent.is_none()
                        && is_word(self.word(p), &["of", "in", "from"])
                        && p <= clause_start + 4
                        && !(clause_start..p).any(|i| self.is(i, PREP)) =>
                {
                    agent = Some(k)
                }
                Some(_) => {}
            }
        }
        if agent.is_some() || floor > clause_start {
            return agent;
        }
        if self.is_sub(cue) {
            // ", accusing him of ...": the participle's subject is the main clause's.
            return if self.participles.contains(&cue) { self.main_subject(cue) } else { None };
        }
        self.main_subject(cue)
    }

    /// Whether the verb at word `cue` follows a coordinator ("... and accused"), not an
    /// actor ("X and Y accused").
    pub(crate) fn vp_coordinated(&self, cue: usize) -> bool {
        let mut i = cue;
        while i > 0 && self.is(i - 1, ADVERB | AUX) && cue - i < 3 {
            i -= 1;
        }
        i > 0 && self.is(i - 1, COORD)
    }

    /// The subject of the nearest earlier main clause: its first actor outside
    /// prepositional phrases ("Putin, who met Trump, agreed"; "Sudan expelled the envoy,
    /// accusing him"; "Trump described his call, following his talks with Putin").
    pub(crate) fn main_subject(&self, cue: usize) -> Option<usize> {
        let &c = self.clause.get(cue)?;
        let main =
            (0..c).rev().find(|&k| !self.sub_clause.get(k as usize).copied().unwrap_or(true))?;
        let (start, end) = self.clause_bounds(main);
        (self.ment_from(start)..self.ments.len())
            .take_while(|&k| {
                self.ments[k].first < end && self.ments[k].first < start + SUBJECT_WINDOW
            })
            .find(|&k| self.governing_prep(&self.ments[k]).is_none())
            .map(|k| self.head(k))
    }

    /// Mentions coordinated before mention `k` ("X and Y", "X, Y and Z"), with `k`, in
    /// text order.
    pub(crate) fn coordinated_before(&self, k: usize) -> Group {
        let mut out = Group::one(k);
        let mut cur = k;
        while !out.is_full() {
            let start = self.np_start(self.ments[cur].first);
            let Some(conj) = start.checked_sub(1) else { break };
            if !(self.is(conj, COORD) || self.is_punct(conj, ',')) {
                break;
            }
            // The previous mention must end right before the conjunction, allowing a few
            // lower-case head words ("the Israeli army and Hamas").
            let Some(prev) = (0..cur).rev().find(|&p| self.ments[p].end <= conj) else { break };
            let gap = conj - self.ments[prev].end;
            let clean = (self.ments[prev].end..conj).all(|i| {
                let t = self.toks[i];
                t.punct.is_none() && t.class & (PREP | SUB | REPORT) == 0
            });
            if gap > 3 || !clean || self.clause[self.ments[prev].first] != self.clause[conj] {
                break;
            }
            if self.governing_prep(&self.ments[prev]).is_some() {
                break;
            }
            out.push(prev);
            cur = prev;
        }
        out.reverse();
        out
    }

    /// Mentions coordinated after mention `k` ("Iraq and Libya", "US and British forces"),
    /// with `k`, in text order. The head of each conjunct is its last mention.
    pub(crate) fn coordinated_after(&self, k: usize) -> Group {
        let mut out = Group::one(self.head(k));
        let mut cur = *out.last().unwrap_or(&k);
        while !out.is_full() {
            let mut i = self.ments[cur].end;
            let mut words = 0;
            while i < self.toks.len()
                && words < 3
                && self.toks[i].punct.is_none()
                && self.toks[i].class & (COORD | PREP | SUB | REPORT) == 0
            {
                i += 1;
                words += 1;
            }
            if !(self.is(i, COORD) || self.is_punct(i, ',')) {
                break;
            }
            let next = self.ment_from(i + 1);
            let Some(m) = self.ments.get(next) else { break };
            if self.np_start(m.first) != i + 1
                || self.clause[m.first] != self.clause[self.ments[cur].first]
            {
                break;
            }
            cur = self.head(next);
            out.push(cur);
        }
        out
    }

    /// The last mention of the noun phrase starting with mention `k` ("Japanese Prime
    /// Minister Hashimoto" -> Hashimoto).
    pub(crate) fn head(&self, k: usize) -> usize {
        let mut h = k;
        while let Some(next) = self.ments.get(h + 1) {
            let gap = self.ments[h].end..next.first;
            let joined = gap.len() <= 3
                && gap.clone().all(|i| self.toks[i].cap && self.toks[i].class & PREP == 0);
            if !joined || next.first < self.ments[h].end {
                break;
            }
            h += 1;
        }
        h
    }

    /// The object of a cue ending before word `from`: the first mention up to word
    /// `limit` that is introduced by a target preposition (or "of" after a noun: "scores
    /// of X") or, after a verb (`direct`), a direct object at most three words after it
    /// ("accused the United States", "demanded that the US"). With `places`, a location
    /// phrase ("in X", "across X") is accepted when nothing better comes.
    pub(crate) fn object(
        &self,
        from: usize,
        limit: usize,
        direct: bool,
        places: bool,
    ) -> Option<usize> {
        let &c = self.clause.get(from.saturating_sub(1))?;
        let limit = limit.min(from + OBJECT_WINDOW);
        let mut place = None;
        for k in self.ment_from(from)..self.ments.len() {
            let m = &self.ments[k];
            if m.first >= limit || self.clause[m.first] != c {
                break;
            }
            match self.governing_prep(m) {
                Some(p) if p >= from => {
                    let w = self.word(p);
                    if self.is(p, TARGET)
                        || (w.eq_ignore_ascii_case("of") && self.of_chain(from, p))
                    {
                        return Some(k);
                    }
                    if !w.eq_ignore_ascii_case("by") && place.is_none() && places {
                        place = Some(k);
                    }
                }
                // The cue ends with its preposition ("fired at X").
                Some(_) => return Some(k),
                None if direct && self.np_start(m.first) <= from + 3 => return Some(k),
                // The subject of a that-clause ("demand today that Israel ease").
                None if self.np_start(m.first) > from
                    && self.word(self.np_start(m.first) - 1).eq_ignore_ascii_case("that")
                    && self.np_start(m.first) <= from + 4 =>
                {
                    return Some(k);
                }
                None => {}
            }
        }
        place
    }

    /// Whether "of" at word `of` hangs on an object of the cue ending before `from`: the
    /// words between are a direct object or a target phrase ("tortured scores of X",
    /// "negotiate with the president of X"), not another phrase ("as part of X").
    fn of_chain(&self, from: usize, of: usize) -> bool {
        let mut i = of;
        while i > from && of - i < 5 {
            i -= 1;
            let t = self.toks[i];
            if t.punct.is_some() {
                return false;
            }
            if t.class & PREP != 0 {
                return t.class & TARGET != 0;
            }
        }
        i == from
    }

    /// The agent of a passive cue: the mention after "by" between `from` and `limit`.
    pub(crate) fn by_agent(&self, from: usize, limit: usize) -> Option<usize> {
        let limit = limit.min(from + OBJECT_WINDOW);
        (self.ment_from(from)..self.ments.len())
            .take_while(|&k| self.ments[k].first < limit)
            .find(|&k| self.governing_prep(&self.ments[k]).is_some_and(|p| self.word(p) == "by"))
    }

    /// Whether the cue at word `cue` is passive: "was/were/been" (adverbs allowed) before it.
    pub(crate) fn passive_before(&self, cue: usize) -> bool {
        let mut i = cue;
        while i > 0 && cue - i < 3 {
            i -= 1;
            let t = self.toks[i];
            if t.class & BE != 0 {
                return true;
            }
            if t.class & (words::ADVERB | NEG) == 0 && !self.word(i).ends_with("ly") {
                return false;
            }
        }
        false
    }

    /// Whether a negation cue sits in the words `[from, cue)`, at most four back.
    pub(crate) fn negated(&self, from: usize, cue: usize) -> bool {
        let lo = from.max(cue.saturating_sub(4));
        (lo..cue).any(|i| self.is(i, NEG) && self.clause[i] == self.clause[cue])
    }

    /// Whether "each other" or "one another" follows word `i` (skipping a date phrase
    /// is the caller's job).
    pub(crate) fn reciprocal_at(&self, i: usize) -> bool {
        self.is(i, RECIP)
            && matches!(self.word(i + 1).to_ascii_lowercase().as_str(), "other" | "another")
    }

    /// Byte span of words `[first, end)`.
    pub(crate) fn span_of(&self, first: usize, end: usize) -> Option<Span> {
        let a = self.toks.get(first)?;
        let b = self.toks.get(end.checked_sub(1)?)?;
        (first < end).then(|| Span::new(a.span.start, b.span.end))
    }

    /// The words from `from` to the end of its clause, without closing punctuation or
    /// quote marks: the content of an allegation or complement.
    pub(crate) fn rest_of_clause(&self, from: usize) -> Option<Span> {
        if from >= self.toks.len() {
            return None;
        }
        let (_, mut end) = self.clause_range(from);
        while end > from && self.toks[end - 1].punct.is_some_and(|p| p != ')' && p != '\'') {
            end -= 1;
        }
        self.span_of(from, end)
    }
}

fn is_word(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// Splits the sentence at `span` into words and punctuation marks. Apostrophes, hyphens,
/// periods and ampersands between letters or digits stay inside a word ("Ukraine’s",
/// "30-day", "U.S", "AT&T"), and so do thousands separators ("13,000").
///
/// A word starting with an ASCII letter or digit is read eight bytes at a time: its first
/// eight bytes, loaded once, give where its first run of letters and digits ends and, for
/// a word of at most eight letters and digits (most words), its class key, so the word
/// is read once. Characters are decoded only at bytes of 0x80 or more.
///
/// Returns the index of the last comma, which clause numbering asks for (noted here, it
/// needs no search).
fn tokenize(text: &str, span: Span, out: &mut Vec<Tok>) -> Option<usize> {
    out.clear();
    let s = text.get(span.start..span.end)?;
    let bytes = s.as_bytes();
    let n = bytes.len();
    // About one token per four bytes: one allocation where growing would take several
    // (capped, so a long run of letters does not reserve more than it fills).
    out.reserve((n / 4).min(1024));
    let base = span.start;
    let classes = words::classes();
    let mut last_comma = None;
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        if !b.is_ascii_alphanumeric() {
            // (A word starts with a letter or digit: a comma here is a mark.)
            if b == b',' {
                last_comma = Some(out.len());
            }
            i = mark_or_word(s, i, base, out);
            continue;
        }
        let head = load8(bytes, i);
        // The flags of the bytes ending the first run (the zero padding past the text
        // ends it too), and the bytes before the first of them.
        let stop = !alnum_mask(head) & HIGHS;
        let run = ((stop & stop.wrapping_neg()) >> 7).wrapping_sub(1);
        let run_end = if stop == 0 {
            alnum_run_end(bytes, i + 8, n)
        } else {
            i + (stop.trailing_zeros() / 8) as usize
        };
        // Where the word ends and the next token starts: most words end at a space,
        // which needs no second look.
        let (end, next) = match bytes.get(run_end) {
            Some(b' ') => (run_end, run_end + 1),
            None => (run_end, run_end),
            Some(_) => {
                let end = joined_end(s, run_end);
                (end, end)
            }
        };
        let class = if end == run_end && end - i <= 8 {
            // Only letters and digits: setting bit 5 lower-cases the letters and keeps
            // the digits.
            classes.class_of_key((head | (ONES * 0x20)) & run)
        } else {
            classes.class_at(bytes, i, end)
        };
        let cap = !b.is_ascii_lowercase();
        out.push(Tok { span: Span::new(base + i, base + end), class, punct: None, cap });
        i = next;
    }
    last_comma
}

/// Reads the token at byte `i` of the sentence `s` (at offset `base` in the text), which
/// is not an ASCII letter or digit, into `out`: a punctuation mark, nothing for
/// whitespace, or a word starting with another letter or digit ("État"). Returns where
/// the next token starts.
fn mark_or_word(s: &str, i: usize, base: usize, out: &mut Vec<Tok>) -> usize {
    let (c, len) = char_at(s, i);
    if c.is_alphanumeric() {
        let bytes = s.as_bytes();
        let end = joined_end(s, alnum_run_end(bytes, i + len, bytes.len()));
        let class = words::classes().class_at(bytes, i, end);
        let span = Span::new(base + i, base + end);
        out.push(Tok { span, class, punct: None, cap: c.is_uppercase() });
        return end;
    }
    if !c.is_whitespace() {
        let span = Span::new(base + i, base + i + len);
        out.push(Tok { span, class: 0, punct: Some(c), cap: false });
    }
    i + len
}

/// The end of a word whose letters and digits run to byte `end` of `s`: past joiners
/// between letters or digits, other letters and digits, and thousands separators.
#[inline]
fn joined_end(s: &str, mut end: usize) -> usize {
    let bytes = s.as_bytes();
    let n = bytes.len();
    while end < n && bytes[end] != b' ' {
        let (d, dl) = char_at(s, end);
        if d.is_alphanumeric() {
            end = alnum_run_end(bytes, end + dl, n);
            continue;
        }
        let joiner = matches!(d, '\'' | '’' | '-' | '.' | '&');
        if !joiner && d != ',' {
            break;
        }
        let Some(&b) = bytes.get(end + dl) else { break };
        let joined = if joiner {
            b.is_ascii_alphanumeric() || b >= 0x80 && char_at(s, end + dl).0.is_alphanumeric()
        } else {
            bytes[end - 1].is_ascii_digit() && b.is_ascii_digit()
        };
        if !joined {
            break;
        }
        end = alnum_run_end(bytes, end + dl, n);
    }
    end
}

/// The character at byte `i` of `s` (a character boundary) and its length, without
/// decoding ASCII.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    match s.as_bytes()[i] {
        b if b < 0x80 => (char::from(b), 1),
        _ => s[i..].chars().next().map_or((' ', 1), |c| (c, c.len_utf8())),
    }
}
