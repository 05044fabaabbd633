//! Actors: people, countries, governments, organizations, places and groups.
//!
//! Consumes the text and its sentences; produces [`Actor`]s, each with the
//! [`Mention`]s that refer to it (names, aliases, demonyms, metonyms, role nouns and
//! pronouns), resolved to one canonical entry per actor.
//!
//! Three sources feed it: the [`Gazetteer`] (every listed name, variant and demonym,
//! looked up at word starts in a map of names and name prefixes built once; with 15,000
//! surface forms an aho-corasick DFA took 0.3 s to build against a few milliseconds for the
//! map, at no gain in search speed here), name patterns for actors no list knows ("Kremlin spokesman
//! Dmitry Peskov", "Ministry of Defence", "in Jeddah"), and resolution within the document
//! (short forms, pronouns, role nouns, capitals acting for their governments).
//!
//! Sentences are read in chunks of a few thousand words: each chunk is tokenized,
//! matched and scanned for candidate mentions while its words are in cache, and only the
//! candidates are kept for resolution, so the cost per byte does not grow with the
//! document.
//!
//! ```
//! use newsextract::{Document, Extractor};
//! use newsextract::actor::ActorKind;
//!
//! let text = "Foreign Minister Anna Kovacs met officials in Geneva. She said talks went well.";
//! let analysis = Extractor::new().extract(Document::new(text));
//! let anna = analysis.actors.iter().find(|a| a.name == "Anna Kovacs").expect("found");
//! assert_eq!(anna.kind, ActorKind::Person);
//! assert_eq!(anna.mentions.len(), 2); // "Anna Kovacs" and "She"
//! ```

use std::collections::HashMap;
use std::sync::Arc;

use jiff::civil::Date;

use crate::Span;
use crate::analysis::Analysis;
use crate::reuse::keeps;
use crate::segment::{ParagraphKind, Sentence};

mod gazetteer;
mod lexicon;
mod matcher;
mod patterns;
mod phoenix;
mod resolve;
#[cfg(test)]
mod tests;

pub use gazetteer::{Entry, Gazetteer, Gender, Role};

use lexicon::Lexicon;
use matcher::{Hit, Matcher};
use patterns::{Cand, Scanner, Target, Word};

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

/// How a mention was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Found {
    /// A gazetteer name, variant or demonym.
    Gazetteer,
    /// A name pattern (title + name, organization form, capitalized sequence).
    Pattern,
    /// A short form of a name found elsewhere in the document.
    Alias,
    /// A pronoun resolved to an earlier actor.
    Pronoun,
    /// A capital or building acting for its government.
    Metonym,
    /// A role noun resolved by role and date.
    Nominal,
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
    /// How it was found.
    pub found: Found,
}

/// An actor of the document, with all its mentions.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Actor {
    /// A stable id: the gazetteer id for known actors (`per:vladimir-putin`, `RUS`,
    /// `gov:kremlin`), a document-local one otherwise (`local:per:anna-kovacs`).
    pub id: String,
    /// The canonical display name ("Vladimir Putin").
    pub name: String,
    /// What sort of actor it is.
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-3 code of the actor's country (`RUS`), or a CAMEO code for
    /// international actors (`IGO`, `NGO`, `MNC`).
    pub country: Option<String>,
    /// CAMEO sector code of the actor's role at publication time (GOV, MIL, REB, ...).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub sector: Option<String>,
    /// The roles the actor holds at publication time (from the gazetteer or a title in
    /// the text).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub roles: Vec<Role>,
    /// The mentions, in text order.
    pub mentions: Vec<Mention>,
}

/// Finds and resolves actors. Built once (it compiles the gazetteer automaton); cheap to
/// clone and share.
///
/// ```
/// use newsextract::actor::{ActorTagger, Gazetteer};
///
/// let mut gazetteer = Gazetteer::empty();
/// gazetteer.add_tsv("mine.tsv", "org:acme\torganization\tUSA\tAcme Corp\tAcme\t\t\t\n")?;
/// let tagger = ActorTagger::with_gazetteer(gazetteer);
/// let actors = tagger.tag("Acme said profits rose.", None);
/// assert_eq!(actors[0].id, "org:acme");
/// # Ok::<(), newsextract::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct ActorTagger {
    inner: Arc<Inner>,
}

/// The compiled tagger.
#[derive(Debug)]
struct Inner {
    gazetteer: Gazetteer,
    matcher: Matcher,
    lexicon: Lexicon,
    /// Last word of a lowercase role title ("minister") -> people holding or having
    /// held such a role.
    by_title: HashMap<String, Vec<u32>>,
    /// Country code -> the entry for its government as a whole, if listed.
    governments: HashMap<String, u32>,
    /// What the first byte of a word says (0 standing for a non-ASCII one): bit `n`
    /// (below 16) if a word of `n` bytes may be a pronoun or "the".
    starts: Box<[u32; 256]>,
}

impl Inner {
    /// Reads the sentences of `pieces` (see [`split_long`]) in turn, up to the first in
    /// capitals (left unread) or until `words` holds [`CHUNK_WORDS`] words: their words
    /// into `words`, their gazetteer hits into `hits`, their marks into `marks` from
    /// `*marked` on (the room written as needed; `*marked` then counts the marks in use)
    /// and their ranges into `ranges`. Gives how many pieces it read.
    ///
    /// Names start where words start; a word is tied to the hit covering its first byte.
    /// The marks are decided as the words are read. (A function of its own, reading
    /// sentence after sentence, so that the word loop's state is kept in registers and
    /// set up once for many sentences.)
    ///
    /// Whether a word is searched for a name and whether it is marked turn on its
    /// letters, which a branch predictor cannot guess: both are worked out as integers,
    /// so that the only branch is the rarely taken one into a search, and a word's index
    /// is written as the next mark whatever it is but kept only if it is one.
    #[inline(never)]
    fn read_sentences(
        &self,
        text: &str,
        pieces: &[(usize, Span)],
        words: &mut Vec<Word>,
        hits: &mut Vec<Hit>,
        (marks, marked): (&mut Vec<u32>, &mut usize),
        ranges: &mut Vec<SentenceRange>,
    ) -> usize {
        for (k, &(s, span)) in pieces.iter().enumerate() {
            let Some(body) = text.get(span.start..span.end) else { continue };
            if patterns::is_all_caps(body) {
                return k;
            }
            let (first_word, first_mark) = (words.len(), *marked);
            make_room(marks, first_mark, body.len());
            let mut covered = 0;
            // (The sentence's own count, kept in a register by the word loop.)
            let mut mark_at = first_mark;
            patterns::tokenize(text, span, s as u32, words, |w, i, run| {
                // The run's first byte is the word's, or 0 where that is not ASCII.
                let starts = self.starts[usize::from(run as u8)];
                let len = w.span.end - w.span.start;
                // (None yet.)
                let mut hit = w.hit;
                if w.span.start >= covered {
                    if self.matcher.start_bit(run) != 0 {
                        let at = w.span.start;
                        if let Some(found) = self.matcher.find_at_run(text, at, span.end, run) {
                            covered = found.span.end;
                            hits.push(found);
                            hit = (hits.len() - 1) as u32;
                        }
                    }
                } else {
                    hit = (hits.len() - 1) as u32;
                }
                let name_like = matches!(w.shape, patterns::Shape::Cap | patterns::Shape::Upper);
                // (Taken modulo 16, the length marks a few long words too: the scanner
                // rules them out as it does any word that is no pronoun.)
                let pronoun_or_the = starts >> (len % 16) & 1;
                let mark = u32::from(hit != u32::MAX) | u32::from(name_like) | pronoun_or_the;
                if let Some(slot) = marks.get_mut(mark_at) {
                    *slot = i as u32;
                    mark_at += mark as usize;
                }
                hit
            });
            *marked = mark_at;
            ranges.push((first_word, words.len(), first_mark, mark_at, false));
            if words.len() >= CHUNK_WORDS {
                return k + 1;
            }
        }
        pieces.len()
    }
}

/// Makes room in `marks` for a mark per word of a sentence of `len` bytes whose marks
/// start at `first`: a piece of `len` bytes has at most `len / 2 + 1` words (a word and
/// a separator each take a byte at least).
fn make_room(marks: &mut Vec<u32>, first: usize, len: usize) {
    let room = first + len / 2 + 1;
    if marks.len() < room {
        marks.resize(room, 0);
    }
}

/// A sentence as read: its words, its marks, and whether it is in capitals.
type SentenceRange = (usize, usize, usize, usize, bool);

impl Default for ActorTagger {
    fn default() -> ActorTagger {
        ActorTagger::new()
    }
}

impl ActorTagger {
    /// The tagger with the default (embedded) gazetteer.
    pub fn new() -> ActorTagger {
        ActorTagger::with_gazetteer(Gazetteer::embedded())
    }

    /// A tagger over the given gazetteer.
    pub fn with_gazetteer(gazetteer: Gazetteer) -> ActorTagger {
        let lexicon = Lexicon::new();
        let matcher = Matcher::new(&gazetteer);
        let mut by_title: HashMap<String, Vec<u32>> = HashMap::new();
        let mut governments = HashMap::new();
        for (i, e) in gazetteer.entries().iter().enumerate() {
            if e.kind == ActorKind::Person {
                for r in &e.roles {
                    let head = r.title.rsplit(' ').next().unwrap_or(&r.title);
                    match by_title.get_mut(head) {
                        Some(list) if !list.contains(&(i as u32)) => list.push(i as u32),
                        Some(_) => {}
                        None => {
                            by_title.insert(head.to_string(), vec![i as u32]);
                        }
                    }
                }
            }
            // The government as a whole ("Government of Russia", "Russian government"):
            // what a capital acting stands for. Ministries and parliaments are not it.
            let whole = |name: &str| {
                let lower = name.to_lowercase();
                lower.starts_with("government of") || lower.ends_with(" government")
            };
            if e.kind == ActorKind::Government && whole(&e.name) {
                if let Some(c) = &e.country {
                    // The national government ("Government" role) wins over a devolved one
                    // of the same country ("Scottish Government").
                    let national = |e: &Entry| {
                        e.roles.iter().any(|r| r.title.eq_ignore_ascii_case("government"))
                    };
                    let slot = governments.entry(c.clone()).or_insert(i as u32);
                    if !national(&gazetteer.entries()[*slot as usize]) && national(e) {
                        *slot = i as u32;
                    }
                }
            }
        }
        let mut starts = Box::new([0u32; 256]);
        for (b, slot) in (0..=255u8).zip(starts.iter_mut()) {
            // (0 stands for a non-ASCII first byte: no pronoun.)
            for len in 0..16 {
                if b != 0 && lexicon.may_be_pronoun_or_the_start(b, len) {
                    *slot |= 1 << len;
                }
            }
        }
        let inner = Inner { gazetteer, matcher, lexicon, by_title, governments, starts };
        ActorTagger { inner: Arc::new(inner) }
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.inner.gazetteer
    }

    /// Tags `text` taken as one sentence per line; `published` anchors role lookups.
    pub fn tag(&self, text: &str, published: Option<Date>) -> Vec<Actor> {
        let mut sentences = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim_end();
            if !trimmed.trim().is_empty() {
                sentences
                    .push(Sentence { span: Span::new(start, start + trimmed.len()), paragraph: 0 });
            }
            start += line.len();
        }
        let mut actors = Vec::new();
        self.tag_into(text, published, &sentences, &|_| false, &mut actors);
        actors
    }

    /// Fills `analysis.actors`, writing over the actors it holds (the previous
    /// document's, whose strings and vectors are reused); needs `analysis.sentences`.
    pub(crate) fn run(&self, text: &str, analysis: &mut Analysis) {
        let mut actors = std::mem::take(&mut analysis.actors);
        // Credit lines ("by India Today News Desk") name desks and sections, not actors:
        // only listed names are taken from them.
        let (sentences, paragraphs) = (&analysis.sentences, &analysis.paragraphs);
        let byline = |s: usize| {
            let paragraph = sentences.get(s).and_then(|s| paragraphs.get(s.paragraph));
            paragraph.is_some_and(|p| p.kind == ParagraphKind::Byline)
        };
        self.tag_into(text, analysis.published, sentences, &byline, &mut actors);
        analysis.actors = actors;
    }

    /// Tags the given sentences of `text` into `actors`, writing over the actors it
    /// holds (their strings and vectors reused); in sentences for which `byline` holds
    /// only gazetteer names are kept.
    fn tag_into(
        &self,
        text: &str,
        published: Option<Date>,
        sentences: &[Sentence],
        byline: &dyn Fn(usize) -> bool,
        actors: &mut Vec<Actor>,
    ) {
        // The thread's buffers are used in place (moving them out and back would copy
        // them for every document).
        BUFFERS.with_borrow_mut(|buffers| {
            self.tag_with(buffers, text, published, sentences, byline, actors);
        });
    }

    /// [`ActorTagger::tag_into`] with the thread's `buffers`.
    fn tag_with(
        &self,
        buffers: &mut Buffers,
        text: &str,
        published: Option<Date>,
        sentences: &[Sentence],
        byline: &dyn Fn(usize) -> bool,
        actors: &mut Vec<Actor>,
    ) {
        let inner = &*self.inner;
        buffers.clear();
        let Buffers {
            words,
            hits,
            marks,
            ranges,
            infos,
            cands,
            caps_words,
            segs,
            lower,
            pieces,
            scratch,
            found,
            recased,
            merged,
        } = &mut *buffers;
        // Sentences as read: a sentence too long for one chunk is read in pieces.
        for (s, sentence) in sentences.iter().enumerate() {
            split_long(text.as_bytes(), sentence.span, |piece| pieces.push((s, piece)));
        }
        // Words are read and scanned a chunk of sentences at a time, so that the word
        // buffers stay small (in cache) however long the document.
        let chunk = text.len().min(CHUNK_BYTES);
        words.reserve(chunk / 5);
        hits.reserve(chunk / 64);
        marks.reserve(chunk / 32);
        cands.reserve(text.len() / 32);
        // The marks in use: `marks` is longer, room written once and kept (see below).
        let mut marked = 0;
        let lex = &inner.lexicon;
        let mut k = 0;
        while k < pieces.len() {
            k +=
                inner.read_sentences(text, &pieces[k..], words, hits, (marks, &mut marked), ranges);
            // The piece there, if any and the chunk is not full, is in capitals.
            if let (Some(&(s, span)), true) = (pieces.get(k), words.len() < CHUNK_WORDS) {
                let first_word = words.len();
                let first_mark = marked;
                make_room(marks, first_mark, span.len());
                patterns::tokenize(text, span, s as u32, words, |w, _, _| w.hit);
                // Names as written (acronyms) and re-cased ("UNITED STATES").
                found.clear();
                inner.matcher.find(text, span, found);
                patterns::title_case_ascii(&text[span], scratch);
                recased.clear();
                inner.matcher.find(scratch, Span::new(0, scratch.len()), recased);
                for h in recased.iter_mut() {
                    h.span = Span::new(h.span.start + span.start, h.span.end + span.start);
                }
                merge_hits(found, recased, merged);
                // Tie each word to the hit covering its first byte.
                let base = hits.len();
                hits.extend_from_slice(found);
                let mut h = 0;
                for (i, w) in words.iter_mut().enumerate().skip(first_word) {
                    while h < found.len() && found[h].span.end <= w.span.start {
                        h += 1;
                    }
                    if h < found.len() && found[h].span.start <= w.span.start {
                        w.hit = (base + h) as u32;
                        if let Some(slot) = marks.get_mut(marked) {
                            *slot = i as u32;
                            marked += 1;
                        }
                    } else {
                        caps_words.push(w.span);
                    }
                }
                ranges.push((first_word, words.len(), first_mark, marked, true));
                k += 1;
            }
            if words.len() >= CHUNK_WORDS || k == pieces.len() {
                // The sentences read so far: candidates, then empty buffers.
                let mut scanner = Scanner {
                    text,
                    words,
                    hits,
                    lex,
                    matcher: &inner.matcher,
                    entries: inner.gazetteer.entries(),
                    lower: std::mem::take(lower),
                    infos: {
                        infos.resize(words.len(), std::cell::Cell::new(patterns::UNKNOWN));
                        std::mem::take(infos)
                    },
                    scratch: std::cell::Cell::new(std::mem::take(scratch)),
                    segs: std::mem::take(segs),
                };
                scan(&mut scanner, ranges, marks, byline, cands);
                *infos = scanner.infos;
                *segs = scanner.segs;
                *lower = scanner.lower;
                *scratch = scanner.scratch.into_inner();
                words.clear();
                hits.clear();
                marked = 0;
                ranges.clear();
                infos.clear();
            }
        }
        resolve::resolve(inner, text, published, sentences, cands, caps_words, actors);
        buffers.keep();
    }
}

/// Words read before the sentences so far are scanned and the word buffers emptied
/// (about 20 KB of text: documents shorter than that are one chunk).
const CHUNK_WORDS: usize = 4096;

/// Text bytes of a chunk, for sizing the word buffers.
const CHUNK_BYTES: usize = CHUNK_WORDS * 6;

/// Calls `each` with the pieces a sentence at `span` is read in: the whole sentence, or,
/// when it is longer than [`CHUNK_BYTES`] (a text without sentence ends), pieces of
/// about that length, so that the word buffers stay in cache however long the
/// sentence. A piece ends before a space between two lowercase words where there is
/// one nearby (no name or title is cut), else before a space, else at the sentence end.
fn split_long(bytes: &[u8], span: Span, mut each: impl FnMut(Span)) {
    let end = span.end.min(bytes.len());
    let mut start = span.start;
    while end - start.min(end) > CHUNK_BYTES {
        let from = start + CHUNK_BYTES;
        let near = (from + 4096).min(end - 1);
        let between_lowercase = |i: &usize| {
            bytes[*i] == b' '
                && bytes[i - 1].is_ascii_lowercase()
                && bytes[i + 1].is_ascii_lowercase()
        };
        let cut = (from..near)
            .find(between_lowercase)
            .or_else(|| (from..end - 1).find(|&i| bytes[i] == b' ' && bytes[i + 1] != b' '));
        let Some(cut) = cut else { break };
        each(Span::new(start, cut));
        start = cut + 1;
    }
    each(Span::new(start, span.end));
}

/// Scans the sentences of `ranges` (words, marks and whether in capitals) into `cands`;
/// in sentences for which `byline` holds only gazetteer names are kept.
fn scan(
    scanner: &mut Scanner<'_>,
    ranges: &[SentenceRange],
    marks: &[u32],
    byline: &dyn Fn(usize) -> bool,
    cands: &mut Vec<Cand>,
) {
    for &(a, b, ma, mb, all_caps) in ranges {
        if a == b {
            continue;
        }
        let s = scanner.words[a].sent;
        let first_cand = cands.len();
        scanner.sentence(a, b, &marks[ma..mb], all_caps, cands);
        if byline(s as usize) {
            let mut kept = first_cand;
            for i in first_cand..cands.len() {
                if !matches!(cands[i].target, Target::New(_) | Target::Short(_)) {
                    cands.swap(kept, i);
                    kept += 1;
                }
            }
            cands.truncate(kept);
        }
    }
}

/// The per-document buffers of [`ActorTagger::tag_into`], kept on each thread from one
/// document to the next so that they are not allocated again (and, for the vectors
/// sized by the text, not consolidated out of the allocator's free lists again).
#[derive(Default)]
struct Buffers {
    /// Every word of the document.
    words: Vec<Word>,
    /// The gazetteer hits.
    hits: Vec<Hit>,
    /// The words the scanner visits: capitalized words, words under a gazetteer hit and
    /// possible pronouns or "the" (a word in ten or so); the others are read only as
    /// context of these. Only a prefix is in use (counted in [`ActorTagger::tag_into`]):
    /// the vector is the room written so far, kept from one document to the next.
    marks: Vec<u32>,
    /// Per sentence: its words, its marks, and whether it is in capitals.
    ranges: Vec<SentenceRange>,
    /// The scanner's word-list slots, one per word.
    infos: Vec<std::cell::Cell<u32>>,
    /// The candidate mentions resolution reads.
    cands: Vec<Cand>,
    /// Words of all-caps sentences that no hit covers.
    caps_words: Vec<Span>,
    /// The scanner's buffer for the segments of a run.
    segs: Vec<patterns::Seg>,
    /// The scanner's buffer for lowercased words.
    lower: String,
    /// The sentences as read, each with its index (see [`split_long`]).
    pieces: Vec<(usize, Span)>,
    /// The text of an all-caps sentence re-cased, and the scanner's buffer for re-cased
    /// words.
    scratch: String,
    /// The hits of an all-caps sentence as written.
    found: Vec<Hit>,
    /// The hits of an all-caps sentence re-cased.
    recased: Vec<Hit>,
    /// Both, in [`merge_hits`].
    merged: Vec<Hit>,
}

/// Words a thread always keeps room for between documents (a few MB; see
/// [`keeps`]).
const KEPT_WORDS: usize = 1 << 16;

impl Buffers {
    /// Empties the buffers (but for the room of `marks`) for a document: the last one
    /// left them empty unless a panic cut it short.
    fn clear(&mut self) {
        self.words.clear();
        self.hits.clear();
        self.ranges.clear();
        self.infos.clear();
        self.cands.clear();
        self.caps_words.clear();
        self.pieces.clear();
    }

    /// Keeps the buffers for the thread's next document, unless they are large and the
    /// document used little of them ([`keeps`]): then they are given back.
    fn keep(&mut self) {
        if !keeps(self.words.len(), self.words.capacity(), KEPT_WORDS) {
            *self = Buffers::default();
        }
    }
}

thread_local! {
    /// This thread's [`Buffers`].
    static BUFFERS: std::cell::RefCell<Buffers> = std::cell::RefCell::new(Buffers::default());
}

/// Adds the re-cased hits of an all-caps sentence to the ones found as written,
/// keeping the longer of overlapping hits (`all` is a buffer).
fn merge_hits(hits: &mut Vec<Hit>, recased: &[Hit], all: &mut Vec<Hit>) {
    all.clear();
    all.extend(hits.iter().chain(recased));
    all.sort_by_key(|h| (h.span.start, usize::MAX - h.span.len()));
    hits.clear();
    for &h in all.iter() {
        match hits.last_mut() {
            Some(last) if last.span.overlaps(h.span) => {
                if h.span.len() > last.span.len() {
                    *last = h;
                }
            }
            _ => hits.push(h),
        }
    }
}
