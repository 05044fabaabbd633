//! Pairs quotation marks and reporting cues with speakers and content spans.

use crate::Span;
use crate::actor::{ActorKind, MentionForm};
use crate::analysis::Analysis;
use crate::ascii::{alnum_run_end, flag_bits, letter_mask, load8};
use crate::order::{Cursor, sort_by_sentence, sort_stable_by_bucket};
use crate::reuse::{KEPT_MENTIONS, KEPT_STRINGS, keeps, string_from};

use super::lexicon::{CueClass, Lexicon, PronounKind, char_before, is_alnum};
use super::marks::{self, Segment};
use super::words::{
    Tok, is_capitalized, last_token, next_in_set, sentence_ends, tokenize_before, tokenize_some,
};
use super::{Quote, QuoteKind};

/// How far (bytes) a speaker may stand from its cue.
const SPEAKER_WINDOW: usize = 240;
/// How many tokens an attribution clause after a quote may hold before its cue.
const CLAUSE_TOKENS: usize = 36;
/// Longest speaker noun phrase, in tokens.
const NP_TOKENS: usize = 12;
/// Longest actor mention looked back for when matching a speaker span, in bytes.
const MAX_MENTION: usize = 200;
/// Longest appositive between a speaker and its cue, in tokens.
const APPOSITIVE_TOKENS: usize = 30;
/// Longest stretch of text whose tokens [`Ctx::load`] keeps for the next windows, in bytes
/// (the windows around a cue are at most [`SPEAKER_WINDOW`] long); longer windows are read
/// on their own.
const KEPT_WINDOW: usize = 4 * SPEAKER_WINDOW;
/// How far past a token's end (bytes) tokenizing may look to decide where the token ends:
/// a joiner of up to three bytes and the character after it ("O’Neill"), or a period and
/// the character after it ("R-Ky.,"). A token ending closer than this to the end of the
/// stretch it was read in may differ in a longer one.
const LOOKAHEAD: usize = 8;

/// A reporting cue found in the text.
#[derive(Clone, Copy, Debug)]
struct Cue {
    span: Span,
    class: CueClass,
    used: bool,
}

/// A quote before its speaker is resolved to an actor.
#[derive(Clone, Copy, Debug)]
struct Draft {
    span: Span,
    kind: QuoteKind,
    speaker: Option<Span>,
    cue: Option<Span>,
    para: usize,
    /// Whether the draft is one quoted segment standing as its own sentence.
    quoted: bool,
    /// Whether the span is known to hold two words or more (see [`word_count`]): counted
    /// when the draft was made, and not cut since.
    two_words: bool,
}

impl Draft {
    /// A reported quote of `kind` (indirect or partial, see [`Ctx::reported_kind`]), whose
    /// `content` holds two words or more.
    fn reported(
        kind: QuoteKind,
        content: Span,
        speaker: Option<Span>,
        cue: Option<Span>,
        para: usize,
    ) -> Draft {
        Draft { span: content, kind, speaker, cue, para, quoted: false, two_words: true }
    }
}

/// The text, its paragraphs, quoted segments, sentence cuts and cues, with the helpers
/// that read around a candidate.
struct Ctx<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    paras: Vec<Span>,
    segs: Vec<Segment>,
    /// Sorted offsets where a local sentence starts or ends (never inside a quote).
    cuts: Vec<usize>,
    cues: Vec<Cue>,
    /// The cues of class [`CueClass::Noun`].
    nouns: Vec<Cue>,
    /// The tokens of the window loaded last, as far as they have been read.
    toks: Vec<Tok>,
    /// That window, clamped to char boundaries.
    win: Span,
    /// Where tokenizing the window goes on (relative to its start).
    win_pos: usize,
    /// The tokens of a stretch of text around the windows loaded last (see [`Ctx::load`]).
    back: Vec<Tok>,
    /// That stretch.
    back_win: Span,
    /// The last search of [`Ctx::comma_after`]: its `from`, its `hi` and its answer.
    comma_memo: Option<(usize, usize, Option<usize>)>,
    /// A span known to hold three words or more (see [`word_count`]): the content that
    /// [`Ctx::reported_one`] counted last, which [`Ctx::reported`] then need not count.
    counted: Option<Span>,
    /// Where the searches in the document-wide lists last ended.
    cursors: Cursors,
}

/// Where each kind of search of a [`Ctx`] in a document-wide list last ended: the
/// candidates come in text order, so each search walks on from there (see [`Cursor`])
/// instead of searching the whole list, whose length grows with the document.
#[derive(Default)]
struct Cursors {
    /// For [`Ctx::cut_before`].
    cut_before: Cursor,
    /// For [`Ctx::cut_after`].
    cut_after: Cursor,
    /// For [`Ctx::para_of`].
    para: Cursor,
    /// For the start of [`Ctx::cues_in`].
    cues_from: Cursor,
    /// For the end of [`Ctx::cues_in`].
    cues_to: Cursor,
    /// For [`Ctx::inside_quote`].
    inside: Cursor,
    /// For the searches of quoted segments by their start.
    seg_start: Cursor,
    /// For [`Ctx::reported_kind`].
    fragment: Cursor,
}

/// The vectors [`find`] fills for each document, kept on the thread between documents so
/// that their memory is reused instead of allocated again (about a dozen allocations per
/// document otherwise).
#[derive(Default)]
struct Buffers {
    paras: Vec<Span>,
    segs: Vec<Segment>,
    marks: Vec<marks::Mark>,
    raw: Vec<(usize, usize, CueClass)>,
    title_case: Vec<Option<bool>>,
    cues: Vec<Cue>,
    nouns: Vec<Cue>,
    needed: Vec<bool>,
    cuts: Vec<usize>,
    bounds: Vec<usize>,
    merged: Vec<usize>,
    quoted: Vec<Span>,
    toks: Vec<Tok>,
    back: Vec<Tok>,
    drafts: Vec<Draft>,
    fragments: Vec<Span>,
    leads: Vec<Lead>,
    /// Room for putting the drafts in text order, and counts of drafts per block of text.
    draft_room: (Vec<Draft>, Vec<usize>),
    named: Vec<Span>,
    draft_spans: Vec<Span>,
    said: Vec<(usize, Span)>,
    next_in_para: Vec<Option<Span>>,
    mentions: Vec<Mention>,
    seen: Vec<Span>,
    /// Speaker ids of earlier quotes, their strings written over for new ones.
    names: Vec<String>,
    /// The length of the longest text the buffers held since they were last freed.
    sized_for: usize,
}

/// Text (bytes) whose buffers a thread always keeps for the next document: those of a
/// longer one are kept while documents still fill a quarter of them (see [`keeps`]), so
/// that one huge document does not hold its memory for the rest of the thread's life.
const KEPT_TEXT: usize = 1 << 20;

thread_local! {
    /// This thread's [`Buffers`], while no [`find`] runs on it.
    static BUFFERS: std::cell::Cell<Buffers> = std::cell::Cell::new(Buffers::default());
}

/// Finds every quote of `text` into `out`, writing over the quotes it holds (the
/// previous document's: their speaker strings are reused).
pub(super) fn find(lex: &Lexicon, text: &str, analysis: &Analysis, out: &mut Vec<Quote>) {
    if text.trim().is_empty() {
        out.clear();
        return;
    }
    let mut b = BUFFERS.take();
    // (All of them, for a document as long as the last, the first quote's on top, as
    // they are taken; the spares left at the end are cut down to the few every thread
    // keeps.)
    b.names.extend(out.drain(..).rev().filter_map(|q| q.speaker));
    let mut paras = std::mem::take(&mut b.paras);
    paras.clear();
    paras.extend(analysis.paragraphs.iter().map(|p| p.span));
    if paras.is_empty() {
        paras.push(Span::new(0, text.len()));
    }
    let mut segs = std::mem::take(&mut b.segs);
    segs.clear();
    marks::segments(text, &paras, &mut b.marks, &mut segs);
    let quoted = &mut b.quoted;
    quoted.clear();
    quoted.extend(segs.iter().map(|g| g.span));
    let raw = &mut b.raw;
    raw.clear();
    // No cue starting inside a quotation is kept (see below): most of their text is not
    // read for cues.
    lex.cues(text, quoted, raw);
    let title_case = &mut b.title_case;
    title_case.clear();
    title_case.resize(paras.len(), None);
    let mut cues = std::mem::take(&mut b.cues);
    cues.clear();
    let bytes = text.as_bytes();
    // The cues come in order, so one walk over the segments replaces a search per cue,
    // and their paragraphs are found walking on too.
    let mut si = 0;
    let para_cursor = Cursor::default();
    let kept = raw
        .iter()
        .copied()
        .filter(|&(s, _, _)| {
            while segs.get(si).is_some_and(|g| g.span.end <= s) {
                si += 1;
            }
            let inside = segs.get(si).is_some_and(|g| g.span.start < s && s < g.span.end);
            // A cue starts with an ASCII letter: its bytes are its characters.
            !inside && (s == 0 || bytes[s - 1] != b'-')
        })
        .filter(|&(s, _, _)| {
            // A capitalized cue after a capitalized word is a name ("the Washington Post
            // Trump said") unless the whole line is in title case (a headline).
            if !bytes[s].is_ascii_uppercase() || !prev_word_capitalized(text, s) {
                return true;
            }
            let pi = para_cursor.partition_point(&paras, |p| p.end <= s).min(paras.len() - 1);
            *title_case[pi].get_or_insert_with(|| {
                is_title_case(text.get(paras[pi].start..paras[pi].end).unwrap_or(""))
            })
        })
        .map(|(s, e, class)| Cue { span: Span::new(s, e), class, used: false });
    // The buffers of a long document may be new (see `KEPT_TEXT`): room for what they
    // will hold, as far as it is known, is taken at once rather than grown by copies.
    cues.reserve(raw.len());
    cues.extend(kept);
    // Sentence ends are looked for only in the paragraphs where a cut is asked for (see
    // `needed_paragraphs`).
    needed_paragraphs(&paras, &segs, &cues, &mut b.needed);
    // Nouns that report only after a possessive ("Trump's claim that …") are kept apart.
    let mut nouns = std::mem::take(&mut b.nouns);
    nouns.clear();
    nouns.extend(cues.iter().filter(|c| c.class == CueClass::Noun));
    cues.retain(|c| c.class != CueClass::Noun);
    let bounds = &mut b.bounds;
    bounds.clear();
    bounds.resize(2 * analysis.sentences.len(), 0);
    for (pair, s) in bounds.chunks_exact_mut(2).zip(&analysis.sentences) {
        pair.copy_from_slice(&[s.span.start, s.span.end]);
    }
    // The sentence bounds are cuts already: the sentence ends found on them are left out
    // (see `sentence_ends`), when they ascend, as they do.
    let known: &[usize] = if bounds.is_sorted() { bounds } else { &[] };
    let cuts = &mut b.cuts;
    cuts.clear();
    cuts.reserve(2 * paras.len() + analysis.sentences.len());
    let quoted = &b.quoted;
    for (&p, &need) in paras.iter().zip(&b.needed) {
        cuts.push(p.start);
        if need {
            // The cuts strictly inside a quoted segment are dropped below.
            sentence_ends(text, p, (quoted, known), lex, cuts);
        }
        cuts.push(p.end);
    }
    let mut cuts = std::mem::take(&mut b.merged);
    merge_sorted(&b.cuts, bounds, &mut cuts);
    cuts.dedup();
    // The cuts ascend, so one walk over the segments replaces a search per cut.
    let mut si = 0;
    cuts.retain(|&c| {
        while segs.get(si).is_some_and(|s| s.span.end <= c) {
            si += 1;
        }
        !segs.get(si).is_some_and(|s| s.span.start < c && c < s.span.end)
    });
    let mut toks = std::mem::take(&mut b.toks);
    toks.clear();
    let mut back = std::mem::take(&mut b.back);
    back.clear();
    let mut ctx = Ctx {
        lex,
        text,
        paras,
        segs,
        cuts,
        cues,
        nouns,
        toks,
        win: Span::new(0, 0),
        win_pos: 0,
        back,
        back_win: Span::new(0, 0),
        comma_memo: None,
        counted: None,
        cursors: Cursors::default(),
    };
    let drafts = &mut b.drafts;
    drafts.clear();
    drafts.reserve(ctx.segs.len() + ctx.cues.len());
    let fragments = &mut b.fragments;
    fragments.clear();
    fragments.reserve(ctx.segs.len());
    ctx.direct(drafts, fragments);
    let leads = &mut b.leads;
    leads.clear();
    ctx.reported(fragments, drafts, leads, (&mut b.draft_spans, &mut b.said));
    ctx.possessive_nouns(fragments, drafts);
    let mut mentions = Mentions::new(&mut b.mentions);
    ctx.colon_statements(fragments, analysis, (&mut mentions, &mut b.named), drafts);
    ctx.inherit(drafts, leads, &mut b.next_in_para, &mut b.draft_room);
    resolve(&ctx, drafts, analysis, (&mut mentions, &mut b.seen, &mut b.names), out);
    b.names.truncate(KEPT_STRINGS);
    let sized_for = b.sized_for.max(text.len());
    if keeps(text.len(), sized_for, KEPT_TEXT) {
        b.sized_for = sized_for;
        b.paras = ctx.paras;
        b.segs = ctx.segs;
        b.merged = ctx.cuts;
        b.cues = ctx.cues;
        b.nouns = ctx.nouns;
        b.toks = ctx.toks;
        b.back = ctx.back;
        BUFFERS.set(b);
    }
}

/// The paragraphs whose sentence ends can matter: those holding, strictly inside, an offset
/// where a cut is asked for (a quote's start, its end and the offset after it, a cue's
/// start and end).
///
/// Sentence ends lie strictly inside their paragraph, whose bounds are cuts themselves
/// (unless a quoted segment crosses them, and then that paragraph holds a segment's end or
/// start). So the last cut at or before an offset, and the first at or after it, never
/// come from inside a paragraph that does not hold the offset: leaving such paragraphs out
/// changes no answer.
fn needed_paragraphs(paras: &[Span], segs: &[Segment], cues: &[Cue], needed: &mut Vec<bool>) {
    needed.clear();
    needed.resize(paras.len(), false);
    // The offsets come mostly in ascending order: walk on from the last paragraph found.
    let mut i = 0;
    let mut mark = |x: usize| {
        if paras.get(i).is_none_or(|p| p.start >= x) {
            i = paras.partition_point(|p| p.end <= x);
        }
        while paras.get(i).is_some_and(|p| p.end <= x) {
            i += 1;
        }
        if paras.get(i).is_some_and(|p| p.start < x) {
            needed[i] = true;
        }
    };
    for s in segs {
        mark(s.span.start);
        mark(s.span.end);
        mark(s.span.end + 1);
    }
    for c in cues {
        mark(c.span.start);
        mark(c.span.end);
    }
}

/// `a` and `b` in one ascending vector `out`: one merge when both ascend (paragraph cuts
/// and sentence bounds do), a sort otherwise.
fn merge_sorted(a: &[usize], b: &[usize], out: &mut Vec<usize>) {
    out.clear();
    out.reserve(a.len() + b.len());
    if a.is_sorted() && b.is_sorted() {
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            if a[i] <= b[j] {
                out.push(a[i]);
                i += 1;
            } else {
                out.push(b[j]);
                j += 1;
            }
        }
        out.extend_from_slice(&a[i..]);
        out.extend_from_slice(&b[j..]);
    } else {
        out.extend_from_slice(a);
        out.extend_from_slice(b);
        out.sort_unstable();
    }
}

/// Whether the word before `offset` starts with a capital.
fn prev_word_capitalized(text: &str, offset: usize) -> bool {
    let prev = text.get(..offset).unwrap_or("").trim_end_matches([' ', '\u{a0}']);
    prev.char_indices()
        .rev()
        .take_while(|&(_, c)| is_alnum(c) || c == '.' || c == '-')
        .take(64)
        .last()
        .is_some_and(|(i, _)| prev[i..].starts_with(char::is_uppercase))
}

/// Whether most of the first words of a line are capitalized (a headline).
fn is_title_case(line: &str) -> bool {
    let words: Vec<bool> = line
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .take(20)
        .map(|w| w.starts_with(char::is_uppercase))
        .collect();
    words.len() >= 3 && words.iter().filter(|&&c| c).count() * 10 >= words.len() * 8
}

/// `text[start..end]` with surrounding whitespace removed, as a span. ASCII whitespace
/// goes by byte; characters are decoded only where other bytes meet the edges.
fn trim_span(text: &str, start: usize, end: usize) -> Span {
    let Some(s) = text.get(start..end) else { return Span::new(start, start) };
    let b = s.as_bytes();
    let space = |x: &u8| matches!(x, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
    let mut lead = b.iter().position(|x| !space(x)).unwrap_or(b.len());
    if b.get(lead).is_some_and(|&x| x >= 0x80) {
        lead += s[lead..].len() - s[lead..].trim_start().len();
    }
    let mut keep = b.iter().rposition(|x| !space(x)).map_or(0, |k| k + 1);
    if keep > 0 && b[keep - 1] >= 0x80 {
        keep = s[..keep].trim_end().len();
    }
    let trail = b.len() - keep;
    if lead + trail >= s.len() {
        return Span::new(start, start);
    }
    Span::new(start + lead, end - trail)
}

impl<'a> Ctx<'a> {
    fn slice(&self, span: Span) -> &'a str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// The paragraph holding `offset`.
    fn para_of(&self, offset: usize) -> usize {
        let i = self.cursors.para.partition_point(&self.paras, |p| p.end <= offset);
        i.min(self.paras.len().saturating_sub(1))
    }

    /// The last cut at or before `offset`.
    fn cut_before(&self, offset: usize) -> usize {
        let i = self.cursors.cut_before.partition_point(&self.cuts, |&c| c <= offset);
        if i == 0 { 0 } else { self.cuts[i - 1] }
    }

    /// The first cut at or after `offset`.
    fn cut_after(&self, offset: usize) -> usize {
        let i = self.cursors.cut_after.partition_point(&self.cuts, |&c| c < offset);
        self.cuts.get(i).copied().unwrap_or(self.text.len())
    }

    /// Indices of the cues starting in `start..end`.
    fn cues_in(&self, start: usize, end: usize) -> core::ops::Range<usize> {
        let a = self.cursors.cues_from.partition_point(&self.cues, |c| c.span.start < start);
        let b = self.cursors.cues_to.partition_point(&self.cues, |c| c.span.start < end);
        a..b.max(a)
    }

    /// Whether `offset` lies strictly inside one of the quoted segments.
    fn inside_quote(&self, offset: usize) -> bool {
        let i = self.cursors.inside.partition_point(&self.segs, |s| s.span.end <= offset);
        self.segs.get(i).is_some_and(|s| s.span.start < offset && offset < s.span.end)
    }

    /// The first quoted segment starting at or after `offset`, if any.
    fn seg_from(&self, offset: usize) -> Option<&Segment> {
        self.segs.get(self.cursors.seg_start.partition_point(&self.segs, |g| g.span.start < offset))
    }

    /// A reported clause is partial when a quoted fragment (sorted `fragments`) lies in it,
    /// indirect otherwise.
    fn reported_kind(&self, fragments: &[Span], content: Span) -> QuoteKind {
        let i = self.cursors.fragment.partition_point(fragments, |f| f.end <= content.start);
        if fragments.get(i).is_some_and(|f| f.start < content.end) {
            QuoteKind::Partial
        } else {
            QuoteKind::Indirect
        }
    }

    /// Tokenizes `start..end` (clamped to char boundaries) into `self.toks`.
    ///
    /// The helpers around a cue load several windows that end where the cue starts or
    /// near it (40, 60 and 240 bytes back), and the cues of a sentence lie close together:
    /// the windows overlap. So the tokens of a stretch of text read before are kept in
    /// `self.back`, the stretch grows forward to cover each window, and a window reuses its
    /// tokens. Tokenizing goes by position alone, so from the first token both
    /// tokenizations start at, the rest is the same, except within [`LOOKAHEAD`] bytes of
    /// an end that only one of them has: only the tokens before that first shared token
    /// and those near the window's end are read again.
    fn load(&mut self, start: usize, end: usize) {
        self.load_lazy(start, end);
        let (s, e) = (self.win.start, self.win.end);
        if e - s > KEPT_WINDOW {
            // A paragraph: read whole, with no copy of its tokens kept.
            self.fill(usize::MAX);
            return;
        }
        if s > self.back_win.end || e <= self.back_win.start {
            // No overlap: the stretch starts again as the window.
            self.fill(usize::MAX);
            self.back.clone_from(&self.toks);
            self.back_win = self.win;
            return;
        }
        if e > self.back_win.end {
            self.extend_back(e);
        }
        // The kept tokens that the window's own end leaves as they are.
        let usable = if e == self.back_win.end {
            self.back.len()
        } else {
            self.back.partition_point(|t| t.span.end + LOOKAHEAD <= e)
        };
        // The tokens before the kept stretch are new: read them in one go.
        let stop = self.back_win.start;
        tokenize_before(
            self.text,
            self.win,
            &mut self.win_pos,
            usize::MAX,
            stop,
            self.lex,
            &mut self.toks,
        );
        let mut k = self.back.partition_point(|t| t.span.start < s + self.win_pos);
        let mut synced = false;
        loop {
            let at = s + self.win_pos;
            while self.back.get(k).is_some_and(|t| t.span.start < at) {
                k += 1;
            }
            if k >= usable {
                // Nothing kept is left to reuse: the rest is read as it comes.
                self.fill(usize::MAX);
                break;
            }
            let next = self.back[k].span.start;
            if self.text.get(at..next).is_some_and(|gap| gap.chars().all(char::is_whitespace)) {
                let head = self.toks.len();
                self.toks.extend_from_slice(&self.back[k..usable]);
                if e == self.back_win.end {
                    // The stretch ends with the window: nothing but spaces follows.
                    self.win_pos = e - s;
                } else {
                    self.win_pos = self.back[usable - 1].span.end - s;
                    self.fill(usize::MAX);
                }
                if s < self.back_win.start {
                    // The stretch now starts with the window's own first tokens.
                    self.back.splice(..k, self.toks[..head].iter().copied());
                    self.back_win.start = s;
                }
                synced = true;
                break;
            }
            let before = self.toks.len();
            tokenize_some(self.text, s, e, &mut self.win_pos, 1, self.lex, &mut self.toks);
            if self.toks.len() == before {
                break;
            }
        }
        if !synced && s < self.back_win.start {
            self.back.clone_from(&self.toks);
            self.back_win = self.win;
        }
        self.trim_back();
    }

    /// Grows the kept stretch `self.back_win` forward to `end`: the tokens within
    /// [`LOOKAHEAD`] bytes of its old end are read again, with the new text after them.
    fn extend_back(&mut self, end: usize) {
        let old_end = self.back_win.end;
        let keep = self.back.partition_point(|t| t.span.end + LOOKAHEAD <= old_end);
        self.back.truncate(keep);
        let from = self.back.last().map_or(self.back_win.start, |t| t.span.end);
        let win = Span::new(self.back_win.start, end);
        let mut pos = from - win.start;
        tokenize_before(self.text, win, &mut pos, usize::MAX, usize::MAX, self.lex, &mut self.back);
        self.back_win.end = end;
    }

    /// Drops the front of the kept stretch once it is longer than [`KEPT_WINDOW`], keeping
    /// its last half: any kept token can start the stretch, as tokenizing goes by position.
    fn trim_back(&mut self) {
        if self.back_win.len() <= KEPT_WINDOW {
            return;
        }
        let from = self.back_win.end - KEPT_WINDOW / 2;
        let k = self.back.partition_point(|t| t.span.start < from);
        self.back.drain(..k);
        self.back_win.start = self.back.first().map_or(self.back_win.end, |t| t.span.start);
    }

    /// Makes `start..end` (clamped to char boundaries) the window of `self.toks`, with no
    /// token read yet: [`Ctx::fill`] and [`Ctx::has`] read as far as needed.
    fn load_lazy(&mut self, start: usize, end: usize) {
        self.toks.clear();
        self.win = self.window(start, end);
        self.win_pos = 0;
    }

    /// `start..end` clamped to char boundaries, as [`Ctx::load`] reads it.
    fn window(&self, start: usize, end: usize) -> Span {
        let mut s = start.min(self.text.len());
        while !self.text.is_char_boundary(s) {
            s += 1;
        }
        let mut e = end.min(self.text.len()).max(s);
        while !self.text.is_char_boundary(e) {
            e -= 1;
        }
        Span::new(s, e.max(s))
    }

    /// Reads tokens of the window until `self.toks` holds `n` or the window ends.
    fn fill(&mut self, n: usize) {
        if self.toks.len() < n {
            let more = n - self.toks.len();
            let (s, e) = (self.win.start, self.win.end);
            tokenize_some(self.text, s, e, &mut self.win_pos, more, self.lex, &mut self.toks);
        }
    }

    /// Whether the window has a token `i` (reading up to it).
    fn has(&mut self, i: usize) -> bool {
        self.fill(i.saturating_add(1));
        i < self.toks.len()
    }

    fn tok_text(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    /// Whether token `i` may stand inside a name-like noun phrase.
    fn is_np_word(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else { return false };
        let w = t.text(self.text);
        t.word && ((is_capitalized(w) && !self.lex.is_nonname(w)) || self.lex.is_role(w))
    }

    fn is_connector(&self, i: usize) -> bool {
        matches!(
            self.tok_text(i),
            "of" | "for"
                | "at"
                | "the"
                | "and"
                | "&"
                | "’s"
                | "'s"
                | "de"
                | "von"
                | "van"
                | "bin"
                | "al"
        )
    }

    /// The speaker noun phrase ending just before `end` (a cue), looking no further back
    /// than `lo`. Skips adverbs and auxiliaries between the two ("he also said").
    fn np_before(&mut self, lo: usize, end: usize) -> Option<Span> {
        self.np_before_cue(lo, end, false)
    }

    /// [`Ctx::np_before`] for a cue that may be a noun (`noun_cue`): the speaker must then
    /// be a name, a pronoun or a role noun.
    fn np_before_cue(&mut self, lo: usize, end: usize, noun_cue: bool) -> Option<Span> {
        let start = lo.max(end.saturating_sub(SPEAKER_WINDOW));
        self.load(start, end);
        let mut i = self.toks.len();
        self.skip_between_back(&mut i);
        // "Rep. John Mica (R-Fla.) said"
        if i > 0 && self.tok_text(i - 1) == ")" {
            let open =
                (i.saturating_sub(NP_TOKENS)..i - 1).rev().find(|&j| self.tok_text(j) == "(")?;
            i = open;
        }
        if i == 0 {
            return None;
        }
        let last = self.toks[i - 1];
        if last.word {
            return self.np_ending_at(i, noun_cue);
        }
        if last.text(self.text) != "," {
            return None;
        }
        // An appositive: "Rendell, a Clinton surrogate, said"; or an aside: "Trump, however, said".
        let close = i - 1;
        let Some(open) = (close.saturating_sub(APPOSITIVE_TOKENS)..close)
            .rev()
            .find(|&j| self.tok_text(j) == ",")
        else {
            return self.np_ending_at(close, noun_cue);
        };
        let aside =
            (open + 1..close).all(|j| self.toks[j].word && self.is_skippable(self.tok_text(j)));
        if aside {
            let mut k = open;
            self.skip_between_back(&mut k);
            return if k > 0 && self.toks[k - 1].word {
                self.np_ending_at(k, noun_cue)
            } else {
                None
            };
        }
        // The phrase before the first comma must name someone for this to be an appositive;
        // a parenthesis may close it ("Rep. Ann Cole (D-Ore.), a member of the panel, said").
        let mut named_end = open;
        if open > 0 && self.tok_text(open - 1) == ")" {
            named_end = (open.saturating_sub(NP_TOKENS)..open - 1)
                .rev()
                .find(|&j| self.tok_text(j) == "(")
                .unwrap_or(open);
        }
        let main = if named_end > 0 && self.toks[named_end - 1].word {
            self.np_ending_at(named_end, noun_cue)
        } else {
            None
        }?;
        let main_text = self.slice(main);
        if !main_text.starts_with(char::is_uppercase) && !self.is_np_word(named_end - 1) {
            return None;
        }
        Some(Span::new(main.start, self.toks[close].span.start))
    }

    /// Whether the word `w` may stand between a speaker and its cue.
    fn is_skippable(&self, w: &str) -> bool {
        self.lex.is_between(w)
            || (w.len() > 4 && w.ends_with("ly") && !is_capitalized(w))
            || ["however", "meanwhile", "too", "though"].iter().any(|s| s.eq_ignore_ascii_case(w))
    }

    /// Moves `i` back over words that may separate a speaker from its cue, and over
    /// "took to <platform> to" ("Zelenskyy took to X to share").
    fn skip_between_back(&self, i: &mut usize) {
        while *i > 0 {
            let j = *i - 1;
            // Each token's text is looked up once.
            let t = self.toks[j];
            let w = t.text(self.text);
            if t.word && self.is_skippable(w) {
                *i -= 1;
                continue;
            }
            // "on Saturday", "Tuesday night", "last week"
            if t.word && self.lex.is_time(w) {
                *i -= 1;
                let timed = |w: &str| {
                    self.lex.is_time(w)
                        || matches!(w, "on" | "in" | "last" | "this" | "early" | "late" | "next")
                };
                while *i > 0 && timed(self.tok_text(*i - 1)) {
                    *i -= 1;
                }
                continue;
            }
            if w == "to" && j >= 2 {
                // "took to X to"
                let mut k = j;
                while k > 0 && k + 4 > j && self.tok_text(k - 1) != "to" {
                    k -= 1;
                }
                if k >= 2
                    && self.tok_text(k - 1) == "to"
                    && self.toks[k - 2].text(self.text).starts_with("t")
                {
                    let took = self.tok_text(k - 2);
                    if matches!(took, "took" | "takes" | "take" | "taking")
                        && self
                            .lex
                            .platform_at(self.text.get(self.toks[k].span.start..).unwrap_or(""))
                            .is_some()
                    {
                        *i = k - 2;
                        continue;
                    }
                }
            }
            break;
        }
    }

    /// The noun phrase whose last token is `toks[i - 1]`.
    fn np_ending_at(&self, i: usize, noun_cue: bool) -> Option<Span> {
        if i == 0 || i > self.toks.len() {
            return None;
        }
        let head = self.toks[i - 1];
        let hw = head.text(self.text);
        if !head.word {
            return None;
        }
        if let Some(kind) = self.lex.pronoun(hw) {
            // "that" only as a relative pronoun right after a noun is too ambiguous.
            // "many of whom say …" is a subject too.
            let of_whom = hw.eq_ignore_ascii_case("whom") && i >= 2 && self.tok_text(i - 2) == "of";
            return (!matches!(kind, PronounKind::Relative)
                || hw.eq_ignore_ascii_case("who")
                || of_whom)
                .then_some(head.span);
        }
        if self.lex.is_determiner(hw)
            || self.lex.is_nonname(hw)
            || hw.ends_with("'s")
            || hw.ends_with("’s")
        {
            return None;
        }
        let mut j = i - 1;
        // The head is a word and no non-name: it is name-like (see `is_np_word`) when
        // capitalized or a role noun.
        let role = self.lex.is_role(hw);
        let name_like = is_capitalized(hw) || role;
        if noun_cue && !name_like {
            return None;
        }
        if !name_like {
            // A lower-case head needs a determiner or a name close before it ("the videos",
            // "Twelve percent").
            // A number opens a phrase of a share or of people ("63 percent said", "44
            // percent of voters", "three analysts").
            let counted = hw == "percent" || role;
            let number = |w: &str| counted && w.starts_with(|c: char| c.is_ascii_digit());
            let opener =
                (j.saturating_sub(3)..j).rev().take_while(|&k| self.toks[k].word).find(|&k| {
                    let w = self.tok_text(k);
                    self.lex.is_determiner(w)
                        || number(w)
                        || (is_capitalized(w) && !self.lex.is_nonname(w))
                })?;
            let all_lower = (opener + 1..j).all(|k| !self.lex.is_between(self.tok_text(k)));
            if !all_lower {
                return None;
            }
            let ow = self.tok_text(opener);
            if self.lex.is_determiner(ow) || number(ow) {
                return Some(Span::new(self.toks[opener].span.start, head.span.end));
            }
            // "the New York businessman": go on through the name.
            j = opener;
        }
        while j > 0 && i - j < NP_TOKENS {
            let p = j - 1;
            if !self.toks[p].word {
                // "Clinton’s campaign": a possessive joins; other punctuation ends the phrase.
                break;
            }
            let w = self.tok_text(p);
            if self.is_np_word(p) {
                j = p;
            } else if self.lex.is_determiner(w) {
                j = p;
                break;
            } else if self.is_connector(p) && p > 0 && self.is_np_word(p - 1) {
                j = p;
            } else {
                break;
            }
        }
        // "a city spokeswoman", "the top official": modifiers after a determiner.
        if j > 0 && !self.lex.is_determiner(self.tok_text(j)) {
            let det = (j.saturating_sub(3)..j).rev().take_while(|&k| {
                let w = self.tok_text(k);
                self.toks[k].word
                    && !is_capitalized(w)
                    && !self.lex.is_between(w)
                    && !self.lex.is_nonname(w)
                    || self.lex.is_determiner(w)
            });
            if let Some(k) = det.filter(|&k| self.lex.is_determiner(self.tok_text(k))).last() {
                j = k;
            } else if let Some(k) = role.then(|| self.modifiers_from_boundary(j)).flatten() {
                // "…, labor experts say": lower-case modifiers of a role noun that reach
                // back to a comma.
                j = k;
            }
        }
        Some(Span::new(self.toks[j].span.start, head.span.end))
    }

    /// Whether token `k` is a lower-case word that may modify a role noun after it ("labor"
    /// in "labor experts"): no preposition, adjunct, function word, determiner, pronoun or
    /// connector.
    fn lower_modifier(&self, k: usize) -> bool {
        let w = self.tok_text(k);
        self.toks[k].word
            && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            && !self.lex.is_between(w)
            && !self.lex.is_adjunct(w)
            && !self.lex.is_function_word(w)
            && !self.lex.is_determiner(w)
            && self.lex.pronoun(w).is_none()
            && !self.is_connector(k)
    }

    /// Where the lower-case modifiers before token `j` begin ("labor" in "labor experts",
    /// "state health" in "state health officials"), when at most two of them reach back
    /// to a comma; else `None`.
    fn modifiers_from_boundary(&self, j: usize) -> Option<usize> {
        let mut k = j;
        while k > 0 && j - k < 2 {
            let w = self.tok_text(k - 1);
            let modifier =
                self.lower_modifier(k - 1) && !self.lex.is_time(w) && !self.lex.is_nonname(w);
            if !modifier {
                break;
            }
            k -= 1;
        }
        (k < j && k > 0 && self.tok_text(k - 1) == ",").then_some(k)
    }

    /// The speaker noun phrase starting at `start` ("said Peskov", "according to the poll"),
    /// ending before `hi`.
    fn np_after(&mut self, start: usize, hi: usize) -> Option<Span> {
        self.load_lazy(start, hi.min(start + SPEAKER_WINDOW));
        // The phrase is read as far as it goes, and no further than its first NP_TOKENS
        // tokens.
        self.fill(1);
        let first = *self.toks.first()?;
        let fw = first.text(self.text);
        if !first.word {
            return None;
        }
        if let Some(kind) = self.lex.pronoun(fw) {
            return matches!(kind, PronounKind::Person | PronounKind::Group | PronounKind::Thing)
                .then_some(first.span);
        }
        let mut j = 0;
        let mut lower = 0;
        let mut has_det = false;
        if self.lex.is_determiner(fw) {
            j = 1;
            has_det = true;
        }
        let mut last = None;
        while j < NP_TOKENS && self.has(j) {
            let t = self.toks[j];
            if !t.word {
                break;
            }
            let w = t.text(self.text);
            if self.is_np_word(j) {
                last = Some(j);
            } else if self.is_connector(j) && last.is_some() {
            } else if has_det
                && lower < 3
                && !is_capitalized(w)
                && !self.lex.is_between(w)
                && !self.lex.is_nonname(w)
            {
                lower += 1;
                last = Some(j);
            } else {
                break;
            }
            j += 1;
        }
        let last = last?;
        Some(Span::new(first.span.start, self.toks[last].span.end))
    }

    /// Direct quotes: quoted segments that stand as a whole sentence, possibly with an
    /// attribution clause before ("X said:") or after ("…,” he said."). The other segments
    /// (quoted fragments inside a clause) go to `fragments`.
    fn direct(&mut self, drafts: &mut Vec<Draft>, fragments: &mut Vec<Span>) {
        let mut prev_end = 0;
        for k in 0..self.segs.len() {
            let seg = self.segs[k];
            let para = self.para_of(seg.span.start);
            let pspan = self.paras[para];
            let lo = self.cut_before(seg.span.start).max(prev_end).max(pspan.start);
            let end_para = self.paras[self.para_of(seg.span.end.saturating_sub(1))];
            let hi = if seg.closed {
                self.cut_after(seg.span.end).min(end_para.end.max(seg.span.end))
            } else {
                seg.span.end
            };
            let next_seg = self.segs.get(k + 1).map_or(usize::MAX, |s| s.span.start);
            prev_end = seg.span.end;
            let left = trim_span(self.text, lo, seg.span.start);
            let right = trim_span(self.text, seg.span.end, hi.min(next_seg).max(seg.span.end));
            let Some(left_attr) = self.left_context(left) else {
                if !seg.apostrophes {
                    fragments.push(seg.span);
                }
                continue;
            };
            let right_attr = if right.is_empty() && hi == seg.span.end && seg.closed {
                // "…?” Clinton said." : the splitter cut after the quote; an attribution
                // may still follow.
                let hi2 =
                    self.cut_after(seg.span.end + 1).min(pspan.end.max(seg.span.end)).min(next_seg);
                let right2 = trim_span(self.text, seg.span.end, hi2.max(seg.span.end));
                Some(self.right_context(seg, right2).unwrap_or((None, None)))
            } else {
                self.right_context(seg, right)
            };
            let Some(right_attr) = right_attr else {
                if !seg.apostrophes {
                    fragments.push(seg.span);
                }
                continue;
            };
            let (speaker, cue) = match (right_attr, left_attr) {
                ((Some(s), c), _) | (_, (Some(s), c)) => (Some(s), c),
                ((None, c @ Some(_)), _) | (_, (None, c)) => (None, c),
            };
            if inner_letters(self.slice(seg.span)) < 2 {
                continue;
            }
            if seg.single
                && speaker.is_none()
                && cue.is_none()
                && right.is_empty()
                && left.is_empty()
            {
                // A line all in single quotes with no one saying it is a title
                // ('Coal Isn't the Villain.'), not a quotation.
                continue;
            }
            // The protocol's kinds count “ ” " „ « » ‘ ’ as quotation marks; a quote
            // between '' pairs is found and attributed alike, but its kind says that no
            // word of it stands inside those marks.
            let kind = if seg.apostrophes { QuoteKind::Indirect } else { QuoteKind::Direct };
            let d =
                Draft { span: seg.span, kind, speaker, cue, para, quoted: true, two_words: false };
            drafts.push(d);
        }
    }

    /// What stands before a quote in its sentence: `None` when the quote is embedded in a
    /// clause, else the attribution found there (speaker, cue), possibly empty.
    fn left_context(&mut self, left: Span) -> Option<(Option<Span>, Option<Span>)> {
        if left.is_empty() {
            return Some((None, None));
        }
        let l = self.slice(left);
        let last = l.chars().next_back()?;
        if !matches!(last, ':' | ',') {
            // "Trump declared “…”": a speech verb right before the quote.
            let ci = self.cues_in(left.start, left.end).next_back()?;
            let cue = self.cues[ci];
            if cue.span.end != left.end || !matches!(cue.class, CueClass::Say | CueClass::Tell) {
                return None;
            }
            let speaker = self.np_before(left.start, cue.span.start)?;
            self.cues[ci].used = true;
            return Some((Some(speaker), Some(cue.span)));
        }
        let cues = self.cues_in(left.start, left.end);
        if let Some(ci) = cues.clone().next_back() {
            let cue = self.cues[ci];
            // "said that under Obama, “…”" and "tweeted that, “…”": the quote belongs to
            // the reported clause.
            self.load(cue.span.end, left.end);
            if self.toks.iter().any(|t| t.text(self.text) == "that") {
                return None;
            }
            self.cues[ci].used = true;
            let participle =
                self.slice(cue.span).ends_with("ing") && !self.after_be(left.start, cue.span.start);
            let speaker = match cue.class {
                CueClass::According => self.np_after(cue.span.end, left.end),
                // "He then defended the remark, saying, “…”"
                _ if participle => {
                    self.sentence_subject(left.start, left.end, cue.span.start, None)
                }
                _ => self
                    .np_before(left.start, cue.span.start)
                    .or_else(|| self.np_after(cue.span.end, left.end)),
            };
            return Some((speaker, Some(cue.span)));
        }
        if last == ':' {
            // "PENCE: …", "The statement read:"
            let colon = left.end - 1;
            self.load(left.start, colon);
            let n = self.toks.len();
            let speaker = if n <= 4 && n > 0 { self.np_ending_at(n, false) } else { None };
            let speaker = speaker.or_else(|| self.np_after(left.start, colon));
            return Some((speaker, None));
        }
        None
    }

    /// What stands after a quote in its sentence: `None` when the sentence goes on with
    /// other words, else the attribution found there.
    fn right_context(&mut self, seg: Segment, right: Span) -> Option<(Option<Span>, Option<Span>)> {
        let r = self.slice(right);
        if r.chars().all(|c| {
            matches!(c, '.' | ',' | ';' | '!' | '?' | '…' | ')' | ']') || c.is_whitespace()
        }) {
            return Some((None, None));
        }
        // "… ” ― Jorge Falcon"
        let first = r.chars().next()?;
        if matches!(first, '―' | '—' | '–' | '-') {
            let start = right.start + first.len_utf8();
            let np_start = trim_span(self.text, start, right.end).start;
            let speaker = self.np_after(np_start, right.end)?;
            let rest = trim_span(self.text, speaker.end, right.end);
            let tail_ok = self.slice(rest).chars().all(|c| !is_alnum(c));
            return tail_ok.then_some((Some(speaker), None));
        }
        let quote_text = self.slice(seg.span);
        let inner_end = quote_text.trim_end_matches(['"', '\'', '”', '’', '»']).chars().next_back();
        let clause_start = if first == ',' {
            right.start + 1
        } else if matches!(inner_end, Some(',' | '?' | '!' | '—' | '-' | '…')) {
            right.start
        } else {
            return None;
        };
        let cues = self.cues_in(clause_start, right.end);
        let ci = cues.clone().next()?;
        let cue = self.cues[ci];
        if trim_span(self.text, clause_start, cue.span.start).is_empty()
            && self.slice(cue.span).ends_with("ing")
        {
            // "…,” adding that …": the quote's speaker goes on; the participle reports a
            // clause of its own (see `reported`).
            return Some((None, None));
        }
        self.load(clause_start, cue.span.start);
        if self.toks.len() > CLAUSE_TOKENS
            || self
                .toks
                .iter()
                .any(|t| !t.word && matches!(t.text(self.text), "." | "!" | "?" | ";" | ":"))
        {
            return None;
        }
        let before = trim_span(self.text, clause_start, cue.span.start);
        let speaker = if before.is_empty() {
            self.np_after(cue.span.end, right.end).filter(|s| self.phrase_ends(s.end, right.end))
        } else {
            self.np_before(clause_start, cue.span.start)
        }?;
        self.cues[ci].used = true;
        Some((Some(speaker), Some(cue.span)))
    }

    /// Indirect and partial quotes from the cues not used by a direct quote. Cues with a
    /// speaker but no content that close their paragraph with a colon ("He said:") become
    /// leads for the quote paragraph that follows.
    ///
    /// `scratch` holds two buffers for the spans of the direct quotes and where their cues
    /// stand.
    fn reported(
        &mut self,
        fragments: &[Span],
        drafts: &mut Vec<Draft>,
        leads: &mut Vec<Lead>,
        scratch: (&mut Vec<Span>, &mut Vec<(usize, Span)>),
    ) {
        let mut last_speaker: Option<(usize, Span)> = None;
        let (quoted, said) = scratch;
        quoted.clear();
        quoted.extend(drafts.iter().map(|d| d.span));
        // Where the direct quotes' cues stand, with their speakers: a participle later in
        // the same sentence ("…,” the mayor said, adding that …") is theirs.
        said.clear();
        said.extend(drafts.iter().filter_map(|d| Some((d.cue?.start, d.speaker?))));
        said.sort_unstable_by_key(|&(at, _)| at);
        // The cues come in text order: the searches in both lists walk on.
        let (said_cursor, quoted_cursor) = (Cursor::default(), Cursor::default());
        for ci in 0..self.cues.len() {
            let cue = self.cues[ci];
            if cue.used {
                continue;
            }
            let lo = self.cut_before(cue.span.start);
            let hi = self.cut_after(cue.span.end);
            let para = self.para_of(cue.span.start);
            let k = said_cursor.partition_point(said, |&(at, _)| at < cue.span.start);
            let direct = k.checked_sub(1).map(|k| said[k]).filter(|&(at, _)| at >= lo);
            let subject = match last_speaker {
                Some((l, _)) if l == lo => last_speaker,
                _ => direct.map(|(_, s)| (lo, s)),
            };
            let Some((speaker, content)) = self.reported_one(cue, lo, hi, subject) else {
                continue;
            };
            if let Some(s) = speaker {
                last_speaker = Some((lo, s));
            }
            // Trimming leaves the words that hold a letter or digit as they are.
            let counted = self.counted == Some(content);
            let content = trim_content(self.text, content);
            if !counted && (content.is_empty() || word_count(self.slice(content), 2) < 2) {
                if let Some(speaker) = speaker {
                    let tail = trim_span(self.text, cue.span.end, self.paras[para].end);
                    let colon = self.slice(tail).ends_with(':');
                    leads.push(Lead { para, speaker, cue: cue.span, colon });
                    // "Limbaugh added:" and a paragraph quoted without quotation marks.
                    let unquoted = |next: &Span| {
                        self.seg_from(next.start).is_none_or(|g| g.span.start != next.start)
                    };
                    if let Some(next) =
                        self.paras.get(para + 1).copied().filter(|next| colon && unquoted(next))
                    {
                        let content = trim_content(self.text, next);
                        let kind = self.reported_kind(fragments, content);
                        let d = Draft {
                            span: content,
                            kind,
                            speaker: Some(speaker),
                            cue: Some(cue.span),
                            para: para + 1,
                            quoted: false,
                            two_words: false,
                        };
                        drafts.push(d);
                    }
                }
                continue;
            }
            // "African-Americans, he said, can …": the clause before the parenthesis too.
            if let Some(s) = speaker.filter(|_| content.start > cue.span.end) {
                let pre = trim_span(self.text, lo, s.start);
                let after = trim_span(self.text, cue.span.end, content.start);
                if self.slice(pre).ends_with(',')
                    && self.slice(after).starts_with(',')
                    && pre.len() > 1
                {
                    let first = trim_content(self.text, Span::new(pre.start, pre.end - 1));
                    if !first.is_empty() {
                        let d = Draft {
                            span: first,
                            kind: QuoteKind::Indirect,
                            speaker,
                            cue: Some(cue.span),
                            para,
                            quoted: false,
                            two_words: false,
                        };
                        drafts.push(d);
                    }
                }
            }
            // A content that is one quoted segment is already there.
            let k = quoted_cursor.partition_point(quoted, |q| q.start < content.start);
            if quoted
                .get(k)
                .is_some_and(|q| content.contains(*q) && q.len() * 10 >= content.len() * 9)
            {
                continue;
            }
            let kind = self.reported_kind(fragments, content);
            drafts.push(Draft::reported(kind, content, speaker, Some(cue.span), para));
        }
        // A reported clause stops where the next speaker of its sentence begins: "he wrote
        // his book, Mr. McKinley said that …" reports "his book" only.
        let first = quoted.len();
        for i in first..drafts.len().saturating_sub(1) {
            let (d, next) = (drafts[i], drafts[i + 1]);
            let Some(s) = next.speaker else { continue };
            let comma_before = self.text[..s.start].trim_end().ends_with(',');
            // "that if the deal failed, the firm could …": the comma closes a subordinate
            // clause of the content, and the speaker after it belongs to the content too.
            let c = self.slice(d.span);
            let c = c.strip_prefix("that ").unwrap_or(c);
            let w = first_word(c);
            let subordinate =
                w.bytes().all(|b| b.is_ascii_lowercase()) && self.lex.is_function_word(w);
            if d.span.start < s.start
                && !subordinate
                && s.start < d.span.end
                && next.span.start >= d.span.start
                && comma_before
            {
                let cut = trim_content(self.text, Span::new(d.span.start, s.start));
                drafts[i].span = cut;
                drafts[i].two_words = false;
            }
        }
        drafts.retain(|d| d.quoted || d.two_words || word_count(self.slice(d.span), 2) >= 2);
        for d in drafts[first..].iter_mut() {
            let i = self.cursors.fragment.partition_point(fragments, |f| f.end <= d.span.start);
            if d.kind == QuoteKind::Partial
                && fragments.get(i).is_none_or(|f| f.start >= d.span.end)
            {
                d.kind = QuoteKind::Indirect;
            }
        }
    }

    /// Reported clauses of noun cues after a possessive ("his warning that …").
    fn possessive_nouns(&mut self, fragments: &[Span], drafts: &mut Vec<Draft>) {
        for ni in 0..self.nouns.len() {
            let cue = self.nouns[ni];
            let lo = self.cut_before(cue.span.start);
            let hi = self.cut_after(cue.span.end);
            let Some((speaker, content)) = self.possessive_noun(cue, lo, hi) else { continue };
            let content = trim_content(self.text, content);
            if word_count(self.slice(content), 3) < 3 {
                continue;
            }
            let para = self.para_of(cue.span.start);
            let kind = self.reported_kind(fragments, content);
            drafts.push(Draft::reported(kind, content, speaker, Some(cue.span), para));
        }
    }

    /// "Trump’s claim that …", "his repeated warning that …": a noun cue after a possessive
    /// (and at most two modifiers), followed by "that" and a clause. The possessor speaks;
    /// the content runs from "that" to the end of the sentence `..hi`.
    fn possessive_noun(&mut self, cue: Cue, lo: usize, hi: usize) -> Option<(Option<Span>, Span)> {
        // The first token starts with the window's first character that is no space: it
        // can be "that" only when the text from there is.
        let win = self.window(cue.span.end, hi);
        let words = trim_span(self.text, win.start, win.end);
        if !self.slice(words).starts_with("that") {
            return None;
        }
        self.load_lazy(cue.span.end, hi);
        self.fill(2);
        if self.tok_text(0) != "that" || !self.toks.get(1).is_some_and(|t| t.word) {
            return None;
        }
        let that = self.toks[0].span.start;
        self.load(lo.max(cue.span.start.saturating_sub(80)), cue.span.start);
        let mut i = self.toks.len();
        while i > 0 && self.toks.len() - i < 2 && !self.is_possessive(i - 1) {
            let w = self.tok_text(i - 1);
            let modifier = self.toks[i - 1].word
                && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                && !self.lex.is_determiner(w)
                && !self.lex.is_function_word(w)
                && !self.lex.is_between(w);
            if !modifier {
                return None;
            }
            i -= 1;
        }
        if i == 0 || !self.is_possessive(i - 1) {
            return None;
        }
        let head = self.toks[i - 1];
        let hw = head.text(self.text);
        let mut j = i - 1;
        if is_capitalized(hw) {
            // "Donald Trump’s", "the Kremlin’s": the name before the possessive ending.
            while j > 0 && i - j < NP_TOKENS && self.toks[j - 1].word && self.is_np_word(j - 1) {
                j -= 1;
            }
        } else if !["his", "her", "their", "its"].iter().any(|p| p.eq_ignore_ascii_case(hw)) {
            // "the company’s": a lower-case possessor needs a determiner just before.
            j = (j.saturating_sub(2)..j)
                .rev()
                .take_while(|&k| self.toks[k].word)
                .find(|&k| self.lex.is_determiner(self.tok_text(k)))?;
        }
        let speaker = Span::new(self.toks[j].span.start, head.span.end);
        // The noun phrase is often a subject or sits in an opening phrase ("Contrary to his
        // claim that …, the …"): the content ends at the first comma outside quotation marks.
        let end = self.comma_after(that, hi);
        Some((Some(speaker), Span::new(that, end.unwrap_or(hi))))
    }

    /// The first comma outside quotation marks in `from..hi`.
    ///
    /// The answer of the last search is kept: the noun cues of a sentence ask in ascending
    /// order, and a comma found at or after `from` (or none found) for the same `hi` answers
    /// every later `from` up to it, so a long sentence without commas is read once, not once
    /// per cue.
    fn comma_after(&mut self, from: usize, hi: usize) -> Option<usize> {
        let c = self.text.get(from..hi)?;
        if let Some((f, h, found)) = self.comma_memo {
            if h == hi && f <= from && found.is_none_or(|k| k >= from) {
                return found;
            }
        }
        let found = c.match_indices(',').map(|(k, _)| from + k).find(|&k| !self.inside_quote(k));
        self.comma_memo = Some((from, hi, found));
        found
    }

    /// Whether token `i` is a possessive: "his", "their", or a word ending in "’s" or "'s".
    fn is_possessive(&self, i: usize) -> bool {
        let w = self.tok_text(i);
        ["his", "her", "their", "its"].iter().any(|p| p.eq_ignore_ascii_case(w))
            || w.ends_with("’s")
            || w.ends_with("'s")
    }

    /// "Pat Caddell: Voters Worried About …" and transcript turns ("PENCE: Well, …"): a
    /// paragraph opening with a short name and a colon reports what follows. The name must
    /// be an actor the actors stage found, or written in capitals (a transcript speaker).
    ///
    /// `named` is a buffer for the name mentions of the actors, taken from the `mentions`
    /// when a first speaker needs them.
    fn colon_statements(
        &mut self,
        fragments: &[Span],
        analysis: &Analysis,
        (mentions, named): (&mut Mentions<'_>, &mut Vec<Span>),
        drafts: &mut Vec<Draft>,
    ) {
        let mut gathered = false;
        // The paragraphs come in text order: the searches of the names walk on.
        let named_cursor = Cursor::default();
        for pi in 0..self.paras.len() {
            let para = self.paras[pi];
            let head = self.text.get(para.start..para.end.min(para.start + 80)).unwrap_or("");
            // Eight bytes at a time: a search set up for one character costs more here.
            let colon = next_in_set(head.as_bytes(), 0, [(0, b':')]);
            if colon == head.len() {
                continue;
            }
            let colon = para.start + colon;
            if self.inside_quote(colon) {
                continue;
            }
            self.load(para.start, colon);
            let n = self.toks.len();
            if n == 0 || n > 5 || self.toks.iter().any(|t| !t.word) {
                continue;
            }
            let Some(speaker) =
                self.np_ending_at(n, false).filter(|s| s.start == self.toks[0].span.start)
            else {
                continue;
            };
            let words = self.slice(speaker);
            let shouted =
                words.chars().any(char::is_alphabetic) && !words.chars().any(char::is_lowercase);
            if !shouted {
                if !gathered {
                    gathered = true;
                    gather_names(analysis, mentions.get(analysis), named);
                }
                let k = named_cursor.partition_point(named, |m| m.end <= speaker.start);
                let is_actor = named.get(k).is_some_and(|m| m.start < speaker.end);
                if !is_actor {
                    continue;
                }
            }
            let content = trim_content(self.text, Span::new(colon + 1, para.end));
            if word_count(self.slice(content), 3) < 3 {
                continue;
            }
            // A quotation after the colon is a direct quote already.
            let q =
                self.cursors.inside.partition_point(&self.segs, |g| g.span.end <= content.start);
            if self
                .segs
                .get(q)
                .is_some_and(|g| g.span.start <= content.start && g.span.end >= content.end)
            {
                continue;
            }
            let kind = self.reported_kind(fragments, content);
            drafts.push(Draft::reported(kind, content, Some(speaker), None, pi));
        }
    }

    /// Whether the words after a cue only say where or when ("in a statement", "on
    /// Tuesday"), so that the content must lie before the cue.
    fn adjunct_only(&mut self, cue: Cue, hi: usize) -> bool {
        self.load_lazy(cue.span.end, hi.min(cue.span.end + SPEAKER_WINDOW));
        // Whether there are more than two words needs no more than three.
        let mut words = 0;
        while words < 3 && self.has(self.toks.len()) {
            words += usize::from(self.toks[self.toks.len() - 1].word);
        }
        let Some(mut i) = self.toks.iter().position(|t| t.word) else { return true };
        if words <= 2 {
            return true;
        }
        if cue.class == CueClass::Tell {
            // "…, Graham told The Huffington Post on Monday.": past the addressee.
            self.fill(NP_TOKENS + 2);
            let w = self.tok_text(i);
            if is_object(w) {
                i += 1;
            } else if is_capitalized(w) || self.lex.is_determiner(w) {
                while i < NP_TOKENS
                    && self.toks.get(i).is_some_and(|t| t.word)
                    && (self.is_np_word(i)
                        || self.lex.is_determiner(self.tok_text(i))
                        || self.is_connector(i))
                {
                    i += 1;
                }
            }
            // A clause may still follow: "told Fox on Monday that …", "told CNN’s “Morning
            // Joe” that …", "he told me on Friday, is that …".
            self.fill(i + 12);
            let clause = (i..self.toks.len().min(i + 12)).any(|k| {
                matches!(
                    self.tok_text(k),
                    "that" | "how" | "why" | "what" | "whether" | "is" | "“" | "\"" | "«"
                )
            });
            if clause {
                return false;
            }
            match self.toks.get(i) {
                None => return true,
                Some(t) if !t.word => return self.tok_text(i) != ",",
                Some(_) => {}
            }
        }
        let first = self.tok_text(i);
        self.lex.is_adjunct(first) && !infinitive(self.lex, first, self.tok_text(i + 1))
    }

    /// The speaker and content span of a reporting cue in the sentence `lo..hi`.
    fn reported_one(
        &mut self,
        cue: Cue,
        lo: usize,
        hi: usize,
        last_speaker: Option<(usize, Span)>,
    ) -> Option<(Option<Span>, Span)> {
        let before = trim_span(self.text, lo, cue.span.start);
        if cue.class == CueClass::According {
            let speaker = self.np_after(cue.span.end, hi);
            let b = self.slice(before);
            if (b.ends_with(',') || b.ends_with(['—', '–'])) && word_count(b, 2) >= 2 {
                let end = before.end - b.chars().next_back().map_or(0, char::len_utf8);
                return Some((speaker, Span::new(before.start, end)));
            }
            let after = speaker.map_or(cue.span.end, |s| s.end);
            let rest = trim_span(self.text, after, hi);
            let r = self.slice(rest);
            if r.starts_with(',') {
                return Some((speaker, Span::new(rest.start + 1, rest.end)));
            }
            // "According to a new report by the agency, …": a source longer than a name
            // phrase reaches to the first comma, when the sentence opens with the cue.
            if word_count(b, 2) > 1 {
                return None;
            }
            let source = self.source_to_comma(cue.span.end, hi)?;
            let content = trim_span(self.text, source.end + 1, hi);
            return (word_count(self.slice(content), 3) >= 3).then_some((Some(source), content));
        }
        if cue.class == CueClass::SayNoun {
            if let Some(found) = self.possessive_noun(cue, lo, hi) {
                return Some(found);
            }
        }
        let cue_word = self.slice(cue.span);
        if cue_word.ends_with("ing") && !self.after_be(lo, cue.span.start) {
            // "…, saying …": the subject of the main clause speaks.
            let speaker = self.sentence_subject(lo, hi, cue.span.start, last_speaker)?;
            return Some((Some(speaker), self.content_after(cue, hi)));
        }
        // "Trump is demanding that …", "the mayor isn't saying whether …": a verb in the
        // progressive, even one that is also a noun; its subject stands before the be-form.
        let mut verb_start = cue.span.start;
        let mut cue = cue;
        if cue_word.ends_with("ing") {
            if let Some(b) = self.be_start(lo, cue.span.start) {
                verb_start = b;
                if cue.class == CueClass::SayNoun {
                    cue.class = CueClass::Say;
                }
            }
        }
        let b = self.slice(before);
        let trailing = (b.ends_with(',') || b.ends_with(['”', '"', '’']) || b.ends_with("''"))
            && word_count(b, 3) >= 3;
        if self.after_conjunction(lo, cue.span.start) {
            // "Machado promised … and said …": the subject of the first verb speaks.
            let speaker = self.sentence_subject(lo, hi, cue.span.start, last_speaker)?;
            return Some((Some(speaker), self.content_after(cue, hi)));
        }
        if b.ends_with(',') && trailing {
            // "…, said Batchelder."
            let inverted = self.np_after(cue.span.end, hi).filter(|s| {
                let w = self.slice(*s);
                (w.starts_with(char::is_uppercase) || self.lex.is_determiner(first_word(w)))
                    && self.phrase_ends(s.end, hi)
            });
            if let Some(speaker) = inverted {
                return Some((Some(speaker), Span::new(before.start, before.end - 1)));
            }
        }
        if cue.class == CueClass::SayNoun
            && !self.text[..cue.span.start].ends_with("to ")
            && !self.clause_follows(cue.span.end, hi)
        {
            // "Republican claims as false", "his tweets attacking …": a noun.
            return None;
        }
        if self.impersonal_passive(lo, cue.span.start) {
            // "It was announced on Monday that …": reported, with no speaker.
            let content = self.content_after(cue, hi);
            let c = self.slice(content);
            return (c.starts_with("that ") && word_count(c, 4) >= 4).then_some((None, content));
        }
        // "Another survey shows that …": a verb form ("-s") with "that" after it needs no
        // named speaker.
        let verb_that = cue.class == CueClass::SayNoun
            && cue_word.ends_with('s')
            && self.text.get(cue.span.end..).is_some_and(|r| {
                // "charges that might …" is a relative clause.
                r.strip_prefix(" that ").is_some_and(|c| !is_finite_aux(first_word(c)))
            });
        let noun_cue = cue.class == CueClass::SayNoun && !verb_that;
        match self.np_before_cue(lo, verb_start, noun_cue) {
            None if trailing => {
                // "…, said the official."
                let after = self.np_after(cue.span.end, hi);
                if let Some(speaker) = after.filter(|s| self.phrase_ends(s.end, hi)) {
                    let end = if b.ends_with(',') { before.end - 1 } else { before.end };
                    return Some((Some(speaker), Span::new(before.start, end)));
                }
                // "A lawyer for the outlets, David Schulz, said no decision …": a subject
                // with an appositive, and a clause after the cue. The words are counted
                // first: that stops after 16, where a search for the comma would read the
                // whole sentence before the cue.
                let subject =
                    b.strip_suffix(',').filter(|s| word_count(s, 16) <= 15 && s.contains(", "));
                if let Some(subject) = subject {
                    let content = self.content_after(cue, hi);
                    if word_count(self.slice(content), 3) >= 3 {
                        let speaker = Span::new(before.start, before.start + subject.len());
                        return Some((Some(speaker), content));
                    }
                }
                let speaker = after?;
                let end = if b.ends_with(',') { before.end - 1 } else { before.end };
                Some((Some(speaker), Span::new(before.start, end)))
            }
            None => {
                // "But environmentalists worry that …": a bare plural opening its clause.
                let speaker = self.bare_plural(lo, verb_start)?;
                let content = self.content_after(cue, hi);
                let c = self.slice(content);
                (c.starts_with("that ") && word_count(c, 4) >= 4)
                    .then_some((Some(speaker), content))
            }
            Some(s) => {
                // "…,” retired Air Force general Lloyd Newton said.": lower-case modifiers
                // of the name, after the comma or quotation mark.
                let s = self.modifiers_after_close(lo, s);
                let pre = trim_span(self.text, lo, s.start);
                let p = self.slice(pre);
                if (p.ends_with(',') || p.ends_with(['”', '"']) || p.ends_with("''"))
                    && word_count(p, 3) >= 3
                    && !self.opening_phrase(pre)
                    && self.adjunct_only(cue, hi)
                {
                    // "…, one official said."
                    let end = if p.ends_with(',') { pre.end - 1 } else { pre.end };
                    return Some((Some(s), Span::new(pre.start, end)));
                }
                let content = self.content_after(cue, hi);
                let c = self.slice(content);
                let first = c.split_whitespace().next().unwrap_or("");
                let second = || c.split_whitespace().nth(1).unwrap_or("");
                if word_count(c, 3) <= 2
                    || (self.lex.is_adjunct(first)
                        && !infinitive(self.lex, first, second())
                        && c.split_whitespace().nth(6).is_none())
                {
                    // "…, he said on Tuesday." with nothing reported after it (the speaker
                    // may still lead a quote paragraph: "He said:").
                    return Some((Some(s), Span::new(cue.span.end, cue.span.end)));
                }
                self.counted = Some(content);
                Some((Some(s), content))
            }
        }
    }

    /// The subject of the sentence `lo..hi`: the speaker already found in it, else the
    /// name or pronoun opening it.
    fn sentence_subject(
        &mut self,
        lo: usize,
        hi: usize,
        before: usize,
        last_speaker: Option<(usize, Span)>,
    ) -> Option<Span> {
        if let Some((_, s)) = last_speaker.filter(|&(l, _)| l == lo) {
            return Some(s);
        }
        // "…, but he refuses to …, aside from saying …": the nearest subject pronoun.
        self.load(lo.max(before.saturating_sub(SPEAKER_WINDOW)), before);
        let pronoun = self.toks.iter().rev().find(|t| {
            matches!(
                self.lex.pronoun(t.text(self.text)),
                Some(PronounKind::Person | PronounKind::Group)
            )
        });
        if let Some(p) = pronoun {
            return Some(p.span);
        }
        let mut start = trim_span(self.text, lo, hi).start;
        // "During a speech on Monday, Trump …", "Recently, the group …": the subject follows
        // an opening phrase.
        self.load_lazy(start, before);
        self.fill(16);
        let first = self.tok_text(0);
        let adverb = first.len() > 4 && (first.ends_with("ly") || first.ends_with("er"));
        let opening = self.toks.first().is_some_and(|t| t.word)
            && (self.lex.is_adjunct(first)
                || ["following", "despite", "amid", "unlike"]
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(first))
                || (self.tok_text(1) == "," && (adverb || self.lex.is_between(first))));
        let mut commas = [None; 3];
        if opening {
            let found = self.toks.iter().filter(|t| t.text(self.text) == ",").map(|t| t.span.end);
            for (slot, at) in commas.iter_mut().zip(found) {
                *slot = Some(at);
            }
        } else {
            commas[0] = Some(start);
        }
        for at in commas.into_iter().flatten() {
            start = trim_span(self.text, at, before).start;
            let subject = self.np_after(start, before).filter(|s| {
                let w = self.slice(*s);
                // "the Security Council", "the prosecutors": a determiner and a name or role.
                let head = w.rsplit(' ').next().unwrap_or("");
                let determined = self.lex.is_determiner(first_word(w))
                    && (is_capitalized(head) || self.lex.is_role(head));
                is_capitalized(w) || determined || self.lex.pronoun(w).is_some()
            });
            if subject.is_some() {
                return subject;
            }
        }
        None
    }

    /// `speaker` widened back over up to three lower-case modifiers ("retired", "senior")
    /// when a comma or a closing quotation mark stands just before them.
    fn modifiers_after_close(&mut self, lo: usize, speaker: Span) -> Span {
        let win = self.window(lo.max(speaker.start.saturating_sub(40)), speaker.start);
        // The last token ends with the window's last character that is no space: unless
        // that is a lower-case letter, no modifier stands there and no need to tokenize.
        let words = trim_span(self.text, win.start, win.end);
        if !char_before(self.text, words.end).is_some_and(|c| c.is_ascii_lowercase()) {
            return speaker;
        }
        // The modifiers are words of lower-case ASCII letters and hyphens, so the mark before
        // them stands where a walk back over such letters and ASCII spaces stops. Unless it
        // stops at a comma, an ASCII quotation mark or a character that is no ASCII (”, or
        // a space of another kind), nothing is widened: no need to tokenize either.
        let bytes = self.text.as_bytes();
        let stop = bytes[win.start..words.end].iter().rposition(|&b| {
            !(b.is_ascii_lowercase()
                || matches!(b, b'-' | b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'))
        });
        let may_close =
            stop.is_some_and(|k| matches!(bytes[win.start + k], b',' | b'"' | b'\'' | 0x80..));
        if !may_close {
            return speaker;
        }
        self.load(win.start, win.end);
        let mut i = self.toks.len();
        while i > 0 && self.toks.len() - i < 3 {
            if !self.lower_modifier(i - 1) {
                break;
            }
            i -= 1;
        }
        let closed =
            i > 0 && i < self.toks.len() && matches!(self.tok_text(i - 1), "," | "”" | "\"" | "'");
        if closed { Span::new(self.toks[i].span.start, speaker.end) } else { speaker }
    }

    /// The phrase from `start` to the first comma before `hi` (without the comma), when it
    /// holds at most 20 words, no other punctuation but hyphens, periods and apostrophes
    /// inside words, and no quotation.
    fn source_to_comma(&mut self, start: usize, hi: usize) -> Option<Span> {
        self.load_lazy(start, hi);
        self.fill(22);
        let comma = self.toks.iter().take(21).position(|t| !t.word)?;
        if comma < 2 || self.tok_text(comma) != "," {
            return None;
        }
        Some(Span::new(self.toks[0].span.start, self.toks[comma - 1].span.end))
    }

    /// A lower-case plural noun just before `end` (past adverbs) that opens its clause:
    /// after punctuation, a conjunction or the start of the sentence ("critics", "experts").
    fn bare_plural(&mut self, lo: usize, end: usize) -> Option<Span> {
        self.load(lo.max(end.saturating_sub(60)), end);
        let mut i = self.toks.len();
        self.skip_between_back(&mut i);
        let head = *self.toks.get(i.checked_sub(1)?)?;
        let w = head.text(self.text);
        let plural = w.len() > 4
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !self.lex.is_function_word(w)
            && !self.lex.is_between(w)
            && !self.lex.is_time(w);
        let opens = i == 1
            || !self.toks[i - 2].word
            || matches!(self.tok_text(i - 2), "and" | "but" | "But" | "And" | "while" | "as");
        (plural && opens && (i > 1 || self.toks[0].span.start == lo)).then_some(head.span)
    }

    /// Whether `span`, ending with a comma, is a short phrase that opens a sentence with a
    /// preposition ("In the end,", "In a statement on Tuesday,"): it says where or when the
    /// speaker spoke, and is no reported content.
    fn opening_phrase(&mut self, span: Span) -> bool {
        if !self.slice(span).ends_with(',') {
            return false;
        }
        self.load_lazy(span.start, span.end);
        self.fill(8);
        let n = self.toks.len();
        let first = self.tok_text(0);
        n <= 7
            && self.toks.first().is_some_and(|t| t.word)
            && self.lex.is_adjunct(first)
            && !["as", "while", "when", "to"].iter().any(|w| w.eq_ignore_ascii_case(first))
            && self.toks[..n - 1].iter().all(|t| t.word || t.text(self.text) == "-")
    }

    /// Whether "and", "but" or "or" stands just before `end` (past adverbs).
    fn after_conjunction(&mut self, lo: usize, end: usize) -> bool {
        let start = lo.max(end.saturating_sub(60));
        // Most often the words before `end` settle it without reading the window: its last
        // token is a plain word or punctuation (see `last_token`), and words that may be
        // skipped ("has", "also") are stepped over as `skip_between_back` does.
        let mut to = end;
        loop {
            match last_token(self.text, Span::new(start, to)) {
                Ok(None) => return false,
                Ok(Some(word)) => {
                    let w = self.slice(word);
                    if self.is_skippable(w) {
                        to = word.start;
                        continue;
                    }
                    if !self.lex.is_time(w) && w != "to" {
                        return matches!(w, "and" | "but" | "or");
                    }
                }
                Err(()) => {}
            }
            break;
        }
        // Without one of the words in the window no token is one: no need to tokenize.
        let bytes = self.text.as_bytes();
        let words: [&[u8]; 3] = [b"and", b"but", b"or"];
        if self.text.get(start..end).is_some_and(|_| !has_run(bytes, start, end, &words)) {
            return false;
        }
        self.load(start, end);
        let mut i = self.toks.len();
        self.skip_between_back(&mut i);
        i > 0 && matches!(self.tok_text(i - 1), "and" | "but" | "or")
    }

    /// Whether a clause or its opening seems to follow `start`: "that", a colon or comma, a
    /// pronoun, a determiner or a name ("Trump tweets that …", "Russia claims it …").
    fn clause_follows(&mut self, start: usize, hi: usize) -> bool {
        self.load_lazy(start, hi.min(start + 60));
        self.fill(1);
        let Some(t) = self.toks.first() else { return false };
        let w = t.text(self.text);
        // "plans to release …", "hopes to offset …"
        let to_verb = w == "to" && {
            self.fill(2);
            infinitive(self.lex, w, self.tok_text(1))
        };
        matches!(w, "that" | ":" | "," | "“" | "\"")
            || to_verb
            || self.lex.pronoun(w).is_some()
            || self.lex.is_determiner(w)
            || (is_capitalized(w) && !self.lex.is_nonname(w))
    }

    /// Whether a speaker phrase ending at `end` closes its clause: punctuation, the end of
    /// the sentence or an adjunct follows ("said the official, …", "said Lee on Monday").
    fn phrase_ends(&self, end: usize, hi: usize) -> bool {
        let rest = trim_span(self.text, end, hi);
        let r = self.slice(rest);
        let first = r.split_whitespace().next().unwrap_or("");
        r.is_empty()
            || r.starts_with(|c: char| !is_alnum(c))
            || (first != "to" && self.lex.is_adjunct(first))
    }

    /// Whether "it" and a be-form stand just before `end` ("it was announced", "it has
    /// been reported").
    fn impersonal_passive(&mut self, lo: usize, end: usize) -> bool {
        let start = lo.max(end.saturating_sub(40));
        // The last token ends where the window's text does, without its final whitespace:
        // unless that text ends with a be-form, no need to tokenize.
        let be = |w: &str| {
            let w = w.trim_end();
            w.ends_with("is") || w.ends_with("was") || w.ends_with("been")
        };
        if self.text.get(start..end).is_some_and(|w| !be(w)) {
            return false;
        }
        self.load(start, end);
        let n = self.toks.len();
        let word = |i: usize| self.toks[i].text(self.text);
        if n < 2 || !matches!(word(n - 1), "is" | "was" | "been") {
            return false;
        }
        let mut i = n - 1;
        if word(i) == "been" && i >= 1 && matches!(word(i - 1), "has" | "had") {
            i -= 1;
        }
        i >= 1 && word(i - 1).eq_ignore_ascii_case("it")
    }

    /// Whether a be-form stands just before `end` ("he was saying").
    fn after_be(&mut self, lo: usize, end: usize) -> bool {
        self.be_start(lo, end).is_some()
    }

    /// Where the be-form before `end` starts, past a negation ("is saying", "isn't saying",
    /// "was not saying", "has been saying" gives the start of "been").
    fn be_start(&mut self, lo: usize, end: usize) -> Option<usize> {
        self.load(lo.max(end.saturating_sub(40)), end);
        let mut i = self.toks.len();
        if i > 0 && matches!(self.tok_text(i - 1), "not" | "never") {
            i -= 1;
        }
        let t = *self.toks.get(i.checked_sub(1)?)?;
        let w = t.text(self.text);
        let w = w.strip_suffix("n't").or_else(|| w.strip_suffix("n’t")).unwrap_or(w);
        matches!(w, "is" | "was" | "are" | "were" | "am" | "been" | "be").then_some(t.span.start)
    }

    /// The reported clause after a cue: from "that" (or the first word after an addressee)
    /// to the end of the sentence.
    fn content_after(&mut self, cue: Cue, hi: usize) -> Span {
        self.load_lazy(cue.span.end, hi.min(cue.span.end + SPEAKER_WINDOW));
        // "said on Wednesday that …", "told reporters that …": such a word opens the content
        // only among the first seven tokens, and only after words or commas that are no
        // "of", "for", participle or auxiliary. So the tokens are read one at a time, up to
        // the first that opens or the first that no opening word may follow.
        let opens = |w: &str, j: usize| {
            w == "that"
                || (cue.class == CueClass::Tell
                    && j < 6
                    && matches!(
                        w,
                        "to" | "how" | "why" | "what" | "whether" | "when" | "if" | "about"
                    ))
        };
        let may_precede = |word: bool, w: &str| {
            (word || w == ",")
                && !matches!(w, "of" | "for")
                && !w.ends_with("ing")
                && !is_finite_aux(w)
        };
        let mut that = None;
        let mut k = 0;
        while k < 7 && self.has(k) {
            let w = self.tok_text(k);
            if opens(w, k) {
                that = Some(k);
                break;
            }
            if !may_precede(self.toks[k].word, w) {
                break;
            }
            k += 1;
        }
        let mut start = match that {
            Some(j)
                if self.cues_in(cue.span.end, self.toks[j].span.start).is_empty()
                    && self.has(j + 1)
                    && self.toks[j + 1].word =>
            {
                self.toks[j].span.start
            }
            _ => {
                let mut j = 0;
                // "agreed on Tuesday to …", "said last week …"
                while self.has(j) && self.toks[j].word {
                    let w = self.tok_text(j);
                    let timed = self.lex.is_time(w)
                        || (matches!(
                            w,
                            "on" | "last" | "this" | "early" | "late" | "next" | "earlier"
                        ) && self.has(j + 1)
                            && self.lex.is_time(self.tok_text(j + 1)));
                    if !timed {
                        break;
                    }
                    j += if self.lex.is_time(w) { 1 } else { 2 };
                }
                if cue.class == CueClass::Tell && self.has(j) && self.toks[j].word {
                    let w = self.tok_text(j);
                    if is_object(w) {
                        j += 1;
                    } else if is_capitalized(w) || self.lex.is_determiner(w) {
                        while j < NP_TOKENS
                            && self.has(j)
                            && self.toks[j].word
                            && (self.is_np_word(j)
                                || self.lex.is_determiner(self.tok_text(j))
                                || self.is_connector(j))
                        {
                            j += 1;
                        }
                    }
                }
                while self.has(j) && !self.toks[j].word && matches!(self.tok_text(j), "," | ":") {
                    j += 1;
                }
                if self.has(j) { self.toks[j].span.start } else { hi }
            }
        };
        start = start.min(hi);
        Span::new(start, hi)
    }

    /// Direct quotes without a speaker take the speaker of a neighbouring quote: the one
    /// before in the same or the previous paragraph ("…,” he said. “…”), else the next one
    /// in the same paragraph. The drafts are put in text order first (`room` is scratch
    /// space for that).
    fn inherit(
        &self,
        drafts: &mut [Draft],
        leads: &[Lead],
        next_in_para: &mut Vec<Option<Span>>,
        room: &mut (Vec<Draft>, Vec<usize>),
    ) {
        // A stable sort by start, linear however long the document: the drafts come in a few
        // runs in text order, which a plain sort merges at a cost growing with their number.
        let blocks = self.text.len() / DRAFT_BLOCK + 1;
        let block = |d: &Draft| d.span.start / DRAFT_BLOCK;
        sort_stable_by_bucket(drafts, blocks, block, |d| d.span.start, &mut room.0, &mut room.1);
        // The speaker of the next draft in the same paragraph, for each draft.
        next_in_para.clear();
        next_in_para.resize(drafts.len(), None);
        for i in (0..drafts.len().saturating_sub(1)).rev() {
            let n = &drafts[i + 1];
            next_in_para[i] =
                if n.para == drafts[i].para { n.speaker.or(next_in_para[i + 1]) } else { None };
        }
        // The last speaker seen: (paragraph, speaker span, where its quote started).
        let mut last: Option<(usize, Span, usize)> = None;
        // The drafts come in text order: the searches of the leads walk on.
        let lead_cursor = Cursor::default();
        for i in 0..drafts.len() {
            let d = drafts[i];
            if d.speaker.is_none() && d.quoted {
                // "X said in an interview." or "He said:" just before the quote.
                let k = lead_cursor.partition_point(leads, |l| l.cue.end <= d.span.start);
                let lead = k.checked_sub(1).map(|k| leads[k]).filter(|l| {
                    let near = l.para == d.para || (l.colon && l.para + 1 == d.para);
                    near && last.is_none_or(|(_, _, at)| at < l.cue.start)
                });
                if let Some(l) = lead {
                    drafts[i].speaker = Some(l.speaker);
                    drafts[i].cue = Some(l.cue);
                    last = Some((d.para, l.speaker, d.span.start));
                    continue;
                }
                let prev = last.filter(|&(p, _, _)| p + 1 >= d.para).map(|(_, s, _)| s);
                let next = next_in_para[i];
                drafts[i].speaker = prev.or(next);
            }
            if let Some(s) = drafts[i].speaker {
                last = Some((drafts[i].para, s, drafts[i].span.start));
            }
        }
    }
}

/// The bytes of text whose drafts [`Ctx::inherit`] sorts together (see
/// [`sort_stable_by_bucket`]): a few sentences, holding a few drafts at most.
const DRAFT_BLOCK: usize = 512;

/// A speaker named with a cue but no content ("He said:", "Jordan said in an interview."):
/// the quote that follows is theirs.
#[derive(Clone, Copy, Debug)]
struct Lead {
    para: usize,
    speaker: Span,
    cue: Span,
    /// Whether the paragraph ends with a colon, so the lead reaches the next paragraph.
    colon: bool,
}

/// Whether `w` is an auxiliary or modal that shows a clause has begun ("said the test
/// could change that": the "that" after it is no complementizer).
fn is_finite_aux(w: &str) -> bool {
    matches!(
        w,
        "is" | "was"
            | "are"
            | "were"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "should"
            | "must"
            | "does"
            | "did"
    )
}

/// Whether one of `words` (ASCII letters) is a whole run of ASCII letters inside
/// `bytes[start..end]` (a run cut by `start` or `end` counts as a whole one): a token of
/// the window `start..end` can be one of the words only then. The window holds at most 64
/// bytes: their letters make one bit mask, from whose bits the runs as long as each word
/// are picked, and only those are compared with it.
fn has_run(bytes: &[u8], start: usize, end: usize, words: &[&[u8]]) -> bool {
    debug_assert!(end <= start + 64, "a window of at most 64 bytes");
    debug_assert!(
        words.iter().all(|w| (1..64).contains(&w.len()) && w.iter().all(u8::is_ascii_alphabetic)),
        "words of 1 to 63 letters"
    );
    let n = end.min(bytes.len()).min(start + 64).saturating_sub(start);
    let mut mask = 0u64;
    for k in (0..n).step_by(8) {
        mask |= flag_bits(letter_mask(load8(bytes, start + k))) << k;
    }
    if n < 64 {
        mask &= (1u64 << n) - 1;
    }
    let starts = mask & !(mask << 1);
    words.iter().any(|w| {
        // The runs of exactly `w.len()` bytes: set from their start on, clear just after.
        let len = w.len();
        let mut runs = (1..len).fold(starts & !(mask >> len), |r, j| r & (mask >> j));
        while runs != 0 {
            let k = runs.trailing_zeros() as usize;
            runs &= runs - 1;
            if bytes[start + k..start + k + len] == **w {
                return true;
            }
        }
        false
    })
}

/// `s` up to its first space (all of it without one).
fn first_word(s: &str) -> &str {
    s.as_bytes().iter().position(|&b| b == b' ').map_or(s, |k| &s[..k])
}

/// Whether `w` is an addressee that needs no noun phrase reading ("told him", "told
/// reporters").
fn is_object(w: &str) -> bool {
    matches!(w, "him" | "her" | "them" | "me" | "us" | "you" | "reporters" | "journalists")
}

/// Whether `to` and `next` open an infinitive clause ("agreed to lend"), not a phrase
/// naming a place or an addressee ("said to reporters", "told to the court"): `next` is
/// a lower-case word that is no determiner, pronoun, role noun or plural.
fn infinitive(lex: &Lexicon, to: &str, next: &str) -> bool {
    to.eq_ignore_ascii_case("to")
        && !next.is_empty()
        && next.bytes().all(|b| b.is_ascii_lowercase())
        && !lex.is_determiner(next)
        && lex.pronoun(next).is_none()
        && !lex.is_role(next)
        && !lex.is_time(next)
        && (!next.ends_with('s') || next.ends_with("ss"))
}

/// Letters and digits inside a quote.
fn inner_letters(s: &str) -> usize {
    s.chars().filter(|&c| is_alnum(c)).take(2).count()
}

/// Whitespace-separated words holding a letter or digit, counted up to `cap` (the callers
/// only ask whether there are at least two or three). One pass over the bytes, stopping
/// at the cap: runs of ASCII letters and digits eight bytes at a time, other ASCII by
/// byte, other characters decoded.
fn word_count(s: &str, cap: usize) -> usize {
    let bytes = s.as_bytes();
    let mut n = 0;
    let mut alnum = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let space = if b.is_ascii_alphanumeric() {
            alnum = true;
            i = alnum_run_end(bytes, i + 1, bytes.len());
            continue;
        } else if b < 0x80 {
            i += 1;
            matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
        } else {
            let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else { break };
            i += c.len_utf8();
            alnum |= is_alnum(c);
            c.is_whitespace()
        };
        if space {
            if alnum {
                n += 1;
                if n == cap {
                    return n;
                }
            }
            alnum = false;
        }
    }
    n + usize::from(alnum)
}

/// A content span without surrounding spaces and without its final period.
fn trim_content(text: &str, span: Span) -> Span {
    let mut s = trim_span(text, span.start, span.end);
    let ends_with_mark =
        char_before(text, s.end).is_some_and(|c| matches!(c, '.' | ',' | ';' | ':'));
    if ends_with_mark && s.end > s.start {
        s.end -= 1;
    }
    trim_span(text, s.start, s.end)
}

/// Turns drafts into quotes: speaker spans are resolved to actor ids through the actors'
/// mentions; pronouns and role nouns without a mention take the most recent compatible
/// actor named before, outside quotation marks. The quotes are appended to `out`;
/// `scratch` holds buffers for the mentions and the spans seen, and strings to write
/// the speakers' ids into.
fn resolve(
    ctx: &Ctx<'_>,
    drafts: &[Draft],
    analysis: &Analysis,
    scratch: (&mut Mentions<'_>, &mut Vec<Span>, &mut Vec<String>),
    out: &mut Vec<Quote>,
) {
    let (mentions, seen, names) = scratch;
    out.reserve(drafts.len());
    // The spans taken so far among the drafts with the current start: the drafts come
    // sorted by start (see `Ctx::inherit`), and equal spans start alike, so the list holds
    // one run of starts at a time, rarely more than two spans, and a look through it
    // costs less than hashing.
    seen.clear();
    let mut run_start = usize::MAX;
    // The last resolved speaker: (actor, paragraph).
    let mut last: Option<(usize, usize)> = None;
    // The drafts come in text order: the searches of mentions and sentences walk on.
    let (mention_cursor, sentence_cursor) = (Cursor::default(), Cursor::default());
    for &d in drafts {
        if d.span.start != run_start {
            run_start = d.span.start;
            seen.clear();
        }
        if seen.contains(&d.span) {
            continue;
        }
        seen.push(d.span);
        let actor = match d.speaker {
            Some(s) => {
                let list = mentions.get(analysis);
                actor_for(ctx, analysis, (list, &mention_cursor), s, d.para, last)
            }
            None => None,
        };
        if let Some(a) = actor {
            last = Some((a, d.para));
        }
        let sentence = analysis.sentence_at_from(d.span.start, &sentence_cursor).unwrap_or(0);
        out.push(Quote {
            span: d.span,
            kind: d.kind,
            speaker: actor.and_then(|a| analysis.actors.get(a)).map(|a| string_from(names, &a.id)),
            speaker_span: d.speaker,
            cue: d.cue,
            sentence,
        });
    }
}

/// The document's actor mentions in text order (see [`gather_mentions`]), gathered when
/// first asked for: by a colon statement's speaker or a quote's.
struct Mentions<'b> {
    list: &'b mut Vec<Mention>,
    gathered: bool,
}

impl<'b> Mentions<'b> {
    /// None gathered yet, into `list`.
    fn new(list: &'b mut Vec<Mention>) -> Mentions<'b> {
        list.clear();
        Mentions { list, gathered: false }
    }

    /// The mentions of `analysis`, gathered at the first call.
    fn get(&mut self, analysis: &Analysis) -> &[Mention] {
        if !self.gathered {
            self.gathered = true;
            gather_mentions(analysis, self.list);
        }
        self.list
    }
}

/// Every actor mention into `mentions`, sorted by span and, for equal spans, by actor (as a
/// stable sort of the actors' mentions in order would leave them; mentions of one actor
/// with one span stand for the same actor whichever comes first).
fn gather_mentions(analysis: &Analysis, mentions: &mut Vec<Mention>) {
    for (ai, a) in analysis.actors.iter().enumerate() {
        for m in &a.mentions {
            mentions.push(Mention {
                span: m.span,
                sentence: m.sentence,
                actor: ai,
                person: a.kind == ActorKind::Person,
                form: m.form,
            });
        }
    }
    // In text order by sentence: linear however long the document (see
    // [`sort_by_sentence`]), with room kept on the thread.
    thread_local! {
        static ROOM: std::cell::Cell<(Vec<Mention>, Vec<usize>)> = Default::default();
    }
    let (mut room, mut counts) = ROOM.take();
    let key = |m: &Mention| (m.span.start, m.span.end, m.actor);
    let sentences = analysis.sentences.len();
    sort_by_sentence(mentions, sentences, |m| m.sentence, key, &mut room, &mut counts);
    if room.capacity() <= KEPT_MENTIONS {
        ROOM.set((room, counts));
    }
}

/// The name mentions (no pronouns) of the people, organizations and governments into
/// `named`, sorted by start: taken in order from the document's `mentions` (in text
/// order already), not sorted again.
fn gather_names(analysis: &Analysis, mentions: &[Mention], named: &mut Vec<Span>) {
    named.clear();
    let names = mentions.iter().filter(|m| {
        let kind = analysis.actors.get(m.actor).map(|a| a.kind);
        let named_kind = matches!(
            kind,
            Some(ActorKind::Person | ActorKind::Organization | ActorKind::Government)
        );
        named_kind && m.form != MentionForm::Pronoun
    });
    named.extend(names.map(|m| m.span));
}

/// An actor mention, flattened for lookups by position.
#[derive(Clone, Copy, Debug)]
struct Mention {
    span: Span,
    /// The sentence it is in.
    sentence: usize,
    actor: usize,
    person: bool,
    form: MentionForm,
}

/// The actor speaking at `span` (index into `analysis.actors`).
///
/// A name resolves through the mention it overlaps (in "Rendell, a Clinton surrogate," the
/// one before the comma; otherwise the last, the head: "Kremlin spokesman Dmitry Peskov").
/// A pronoun takes the previous quote's speaker when that one spoke in this or the two
/// paragraphs before and is compatible, else the actors stage's reading of the pronoun,
/// else the most recent compatible actor named before, outside quotation marks. A role noun
/// with "the" ("the minister") takes the most recent person; "a source" stays unresolved.
/// The `mentions` are searched from where their cursor stands.
fn actor_for(
    ctx: &Ctx<'_>,
    analysis: &Analysis,
    (mentions, cursor): (&[Mention], &Cursor),
    span: Span,
    para: usize,
    last: Option<(usize, usize)>,
) -> Option<usize> {
    let phrase = ctx.slice(span);
    let main = match phrase.find(',') {
        Some(c) => Span::new(span.start, span.start + c),
        None => span,
    };
    let from = main.start.saturating_sub(MAX_MENTION);
    let i = cursor.partition_point(mentions, |m| m.span.start < from);
    let overlapping = || {
        mentions[i..]
            .iter()
            .take_while(|m| m.span.start < main.end)
            .filter(|m| m.span.overlaps(main))
    };
    let named = overlapping()
        .filter(|m| m.form != MentionForm::Pronoun)
        .max_by_key(|m| (m.person, m.span.start))
        .map(|m| m.actor);
    if named.is_some() {
        return named;
    }
    // A possessive speaker ("his claim that …") refers like its subject pronoun.
    let pronoun = ctx.lex.pronoun(phrase).or_else(|| {
        let possessive = [
            ("his", PronounKind::Person),
            ("her", PronounKind::Person),
            ("their", PronounKind::Group),
            ("its", PronounKind::Thing),
        ];
        possessive.iter().find(|(p, _)| p.eq_ignore_ascii_case(phrase)).map(|&(_, k)| k)
    });
    let want_person = match pronoun {
        Some(PronounKind::Person) => Some(true),
        Some(PronounKind::Group | PronounKind::Thing) => Some(false),
        Some(PronounKind::Relative) => None,
        Some(PronounKind::SelfRef) => return None,
        None if phrase.starts_with("the ") || phrase.starts_with("The ") => Some(true),
        None => return None,
    };
    let compatible = |actor: usize| {
        analysis.actors.get(actor).is_some_and(|a| match want_person {
            Some(p) => (a.kind == ActorKind::Person) == p,
            None => true,
        })
    };
    if pronoun.is_some() && want_person.is_some() {
        if let Some((a, _)) = last.filter(|&(a, p)| p + 2 >= para && compatible(a)) {
            return Some(a);
        }
        if let Some(m) = overlapping().next() {
            return Some(m.actor);
        }
    }
    let j = cursor.partition_point(mentions, |m| m.span.start < span.start);
    mentions[..j]
        .iter()
        .rev()
        .take(200)
        .filter(|m| m.form != MentionForm::Pronoun && !ctx.inside_quote(m.span.start))
        .find(|m| compatible(m.actor))
        .map(|m| m.actor)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `has_run` answers as a split of the window into runs of ASCII letters does, on windows cut anywhere in a pseudo-random text (runs cut by the window's
    /// ends, runs longer than the words, words inside longer runs, case).
    #[test]
    fn has_run_agrees_with_a_split() {
        let pieces = ["and", "or", "but", "band", "ore", "And", "o", "r", "é", " ", ",", "x7"];
        let mut next = crate::quote::tests::pseudo_random(0x2545_F491_4F6C_DD1D);
        let mut text = Vec::new();
        for _ in 0..3000 {
            text.extend_from_slice(pieces[next(pieces.len())].as_bytes());
        }
        let words: [&[u8]; 3] = [b"and", b"but", b"or"];
        let (mut yes, mut no) = (0, 0);
        for start in (0..text.len() - 64).step_by(7) {
            for len in [0, 1, 2, 3, 10, 40, 63, 64] {
                let window = &text[start..start + len];
                let split =
                    window.split(|b| !b.is_ascii_alphabetic()).any(|run| words.contains(&run));
                assert_eq!(has_run(&text, start, start + len, &words), split, "{start} {len}");
                if split { yes += 1 } else { no += 1 }
            }
        }
        assert!(yes > 1000 && no > 1000, "{yes} {no}");
    }

    /// `Ctx::after_conjunction`, which settles most windows by their last words, answers as
    /// reading the window and stepping back over its skippable words does, for every end
    /// at a character boundary of pseudo-random texts (plain words, skippable and time
    /// words, "took to X to", joiners, punctuation, spaces of every kind).
    #[test]
    fn after_conjunction_agrees_with_reading_the_window() {
        let lex = Lexicon::new();
        let pieces = [
            "and",
            "but",
            "or",
            "has",
            "also",
            "not",
            "to",
            "took",
            "X",
            "Trump",
            "on",
            "Monday",
            "quickly",
            "U.S.",
            "Trump’s",
            "O'Neill",
            "band",
            "7",
            ",",
            "“",
            "”",
            ".",
            "(",
            " ",
            " ",
            " ",
            "\u{a0}",
            "\n",
            "é",
        ];
        let mut next = crate::quote::tests::pseudo_random(0x9E37_79B9_7F4A_7C15);
        let (mut yes, mut no) = (0, 0);
        for _ in 0..600 {
            let mut text = String::new();
            for _ in 0..next(40) + 1 {
                text.push_str(pieces[next(pieces.len())]);
            }
            let mut ctx = Ctx {
                lex: &lex,
                text: &text,
                paras: Vec::new(),
                segs: Vec::new(),
                cuts: Vec::new(),
                cues: Vec::new(),
                nouns: Vec::new(),
                toks: Vec::new(),
                win: Span::new(0, 0),
                win_pos: 0,
                back: Vec::new(),
                back_win: Span::new(0, 0),
                comma_memo: None,
                counted: None,
                cursors: Cursors::default(),
            };
            for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
                let lo = next(end + 1);
                let start = lo.max(end.saturating_sub(60));
                ctx.load(start, end);
                let mut i = ctx.toks.len();
                ctx.skip_between_back(&mut i);
                let read = i > 0 && matches!(ctx.tok_text(i - 1), "and" | "but" | "or");
                assert_eq!(ctx.after_conjunction(lo, end), read, "{text:?} {lo} {end}");
                if read { yes += 1 } else { no += 1 }
            }
        }
        assert!(yes > 300 && no > 3000, "{yes} {no}");
    }
}
