//! The [`Extractor`]: every stage built once, run in order on each document, or stage by
//! stage over a group of short documents.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::accusation::{AccusationFinder, Shared};
use crate::actor::{ActorTagger, Gazetteer};
use crate::analysis::Analysis;
use crate::date::DateTagger;
use crate::document::Document;
use crate::error::Error;
use crate::event::EventCoder;
use crate::quote::QuoteFinder;
use crate::segment::Segmenter;

/// Runs the whole pipeline on documents.
///
/// Build it once (it compiles automata and patterns), then share it freely: it is
/// `Send + Sync` and extraction takes `&self`. Extraction never fails and never panics;
/// odd input yields empty record lists.
///
/// ```
/// use newsextract::{Document, Extractor};
///
/// let extractor = Extractor::new();
/// let analysis = extractor.extract(Document::new("First sentence. Second one."));
/// assert_eq!(analysis.sentences.len(), 2);
/// ```
#[derive(Clone, Debug)]
pub struct Extractor {
    tokens: bool,
    last_stage: Stage,
    segmenter: Segmenter,
    actors: ActorTagger,
    dates: DateTagger,
    quotes: QuoteFinder,
    accusations: AccusationFinder,
    events: EventCoder,
}

impl Default for Extractor {
    fn default() -> Extractor {
        Extractor::new()
    }
}

impl Extractor {
    /// The extractor with every default: embedded gazetteer and lexicons, no tokens in
    /// the output.
    ///
    /// # Panics
    ///
    /// Only if the embedded data were malformed, which the crate's tests rule out. Use
    /// [`ExtractorBuilder::build`] to handle errors in user-supplied files.
    pub fn new() -> Extractor {
        Extractor::builder().build().expect("the embedded data is valid")
    }

    /// A builder to configure an extractor.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Analyzes one document.
    ///
    /// Never fails and never panics: text the stages cannot read yields empty record
    /// lists.
    pub fn extract<'a>(&self, doc: impl Into<Document<'a>>) -> Analysis {
        let mut analysis = Analysis::default();
        self.extract_into(doc, &mut analysis);
        analysis
    }

    /// Analyzes one document into `analysis`, reusing its buffers. Whatever `analysis`
    /// held before is cleared.
    ///
    /// For many short documents on one thread, [`Extractor::extract_each`] gives the
    /// same analyses faster.
    pub fn extract_into<'a>(&self, doc: impl Into<Document<'a>>, analysis: &mut Analysis) {
        self.extract_group(&[doc.into()], std::slice::from_mut(analysis));
    }

    /// Analyzes `docs` on this thread and hands each analysis, in input order, to `each`
    /// with the document's index. The analyses are identical to [`Extractor::extract`]
    /// on each document.
    ///
    /// It is faster than [`Extractor::extract_into`] one document after the other for
    /// short documents (news articles of a few KB): each stage runs over a group of
    /// documents (up to 64 KB of text or 64 documents) before the next stage starts, so a
    /// stage's code is read from the instruction cache many times over instead of being
    /// evicted by the other stages after every article. On the news corpus this saves
    /// 5-9% of the time. The analyses of a group live in buffers the thread keeps and
    /// reuses (so they stay in the data caches): copy out of an analysis whatever should
    /// outlive the call of `each`.
    ///
    /// ```
    /// use newsextract::{Document, Extractor};
    ///
    /// let extractor = Extractor::new();
    /// let texts = ["Putin met Trump.", "Talks ended.", "Kyiv said no."];
    /// let docs: Vec<Document> = texts.iter().map(|t| Document::new(t)).collect();
    /// let mut sentences = Vec::new();
    /// let mut json = Vec::new();
    /// extractor.extract_each(&docs, |i, analysis| {
    ///     sentences.push((i, analysis.sentences.len()));
    ///     analysis.write_json(&mut json);
    ///     json.push(b'\n');
    /// });
    /// assert_eq!(sentences, [(0, 1), (1, 1), (2, 1)]);
    /// assert_eq!(json.iter().filter(|&&b| b == b'\n').count(), 3);
    /// ```
    pub fn extract_each(&self, docs: &[Document<'_>], mut each: impl FnMut(usize, &Analysis)) {
        // Taken from the thread (a call from within `each` finds none and makes its own).
        let mut pool = POOL.take();
        let mut longest = 0;
        for range in groups(docs, GROUP_BYTES) {
            let (group, first) = (&docs[range.clone()], range.start);
            if pool.len() < group.len() {
                pool.resize_with(group.len(), Analysis::default);
            }
            self.extract_group(group, &mut pool[..group.len()]);
            for (k, analysis) in pool[..group.len()].iter().enumerate() {
                each(first + k, analysis);
            }
            longest = group.iter().map(|doc| doc.text.len()).fold(longest, usize::max);
        }
        // The records of a very long document are not worth keeping room for.
        if longest <= KEPT_DOCUMENT {
            POOL.set(pool);
        }
    }

    /// Runs the pipeline stage by stage over `docs`, the analysis of each going into the
    /// analysis of `analyses` at the same place (the two are as long).
    fn extract_group(&self, docs: &[Document<'_>], analyses: &mut [Analysis]) {
        debug_assert_eq!(docs.len(), analyses.len());
        let last = self.last_stage;
        for (doc, analysis) in docs.iter().zip(&mut *analyses) {
            reset(analysis, doc);
            self.segmenter.run(doc.text, self.tokens, analysis);
        }
        for (doc, analysis) in docs.iter().zip(&mut *analyses) {
            if last >= Stage::Actors {
                self.actors.run(doc.text, analysis);
            } else {
                analysis.actors.clear();
            }
        }
        if last >= Stage::Dates {
            for (doc, analysis) in docs.iter().zip(&mut *analyses) {
                self.dates.run(doc.text, doc.published, analysis);
            }
        }
        for (doc, analysis) in docs.iter().zip(&mut *analyses) {
            if last >= Stage::Quotes {
                self.quotes.run(doc.text, analysis);
            } else {
                analysis.quotes.clear();
            }
        }
        // The accusation stage leaves the event stage of each document the index of the
        // actor mentions, the sentences read and (in its pass over the text) the triggers.
        let mut shared = Shared::kept(docs.len());
        if last >= Stage::Accusations {
            let triggers = (last >= Stage::Events).then(|| self.events.matcher());
            for ((doc, analysis), shared) in docs.iter().zip(&mut *analyses).zip(&mut shared) {
                self.accusations.run(doc.text, analysis, shared, triggers);
            }
        }
        for ((doc, analysis), shared) in docs.iter().zip(&mut *analyses).zip(&mut shared) {
            if last >= Stage::Events {
                self.events.run(doc.text, analysis, shared);
            } else {
                analysis.events.clear();
            }
        }
        Shared::keep(shared, docs.len());
    }
}

/// The most text a group of [`Extractor::extract_each`] holds (unless one document
/// alone is longer): enough for a stage's code to be read many times over from the
/// instruction cache, little enough for the group's text and records to stay in the
/// data caches between stages.
const GROUP_BYTES: usize = 64 << 10;

/// The most documents a group holds.
const GROUP_DOCS: usize = 64;

/// The longest document whose analysis [`Extractor::extract_each`] keeps for the next
/// call on the thread.
const KEPT_DOCUMENT: usize = 1 << 20;

thread_local! {
    /// The analyses [`Extractor::extract_each`] fills, kept between calls on a thread.
    static POOL: std::cell::Cell<Vec<Analysis>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The places in `docs` of the groups they make, in order: each holds one document, then
/// as many more as fit in `budget` bytes of text and [`GROUP_DOCS`].
fn groups<'a>(docs: &'a [Document<'_>], budget: usize) -> impl Iterator<Item = Range<usize>> + 'a {
    let mut start = 0;
    std::iter::from_fn(move || {
        let rest = docs.get(start..).filter(|rest| !rest.is_empty())?;
        let mut bytes = 0;
        let fits = rest.iter().take(GROUP_DOCS).take_while(|doc| {
            bytes += doc.text.len();
            bytes <= budget
        });
        let range = start..start + fits.count().max(1);
        start = range.end;
        Some(range)
    })
}

/// Clears `analysis` for `doc`, keeping the actor, quote and event records (the stages
/// write over them, reusing their strings and vectors) and the id's string.
fn reset(analysis: &mut Analysis, doc: &Document<'_>) {
    let actors = std::mem::take(&mut analysis.actors);
    let quotes = std::mem::take(&mut analysis.quotes);
    let events = std::mem::take(&mut analysis.events);
    let mut id = analysis.id.take();
    analysis.clear();
    analysis.actors = actors;
    analysis.quotes = quotes;
    analysis.events = events;
    match (id.as_mut(), doc.id) {
        (Some(id), Some(new)) => {
            id.clear();
            id.push_str(new);
        }
        (_, new) => id = new.map(str::to_string),
    }
    analysis.id = id;
    analysis.published = doc.published;
}

impl Extractor {
    /// Analyzes many documents on `threads` threads (0: one per available core) and
    /// returns the analyses in input order, identical to calling [`Extractor::extract`]
    /// on each.
    ///
    /// # Panics
    ///
    /// Only if a worker thread cannot be spawned (the operating system is out of
    /// threads); extraction itself does not panic.
    ///
    /// ```
    /// use newsextract::{Document, Extractor};
    ///
    /// let texts = ["One. Two.", "Three.", "Four. Five. Six."];
    /// let docs: Vec<Document> = texts.iter().map(|t| Document::new(t)).collect();
    /// let analyses = Extractor::new().extract_batch(&docs, 2);
    /// let counts: Vec<usize> = analyses.iter().map(|a| a.sentences.len()).collect();
    /// assert_eq!(counts, [2, 1, 3]);
    /// ```
    pub fn extract_batch(&self, docs: &[Document<'_>], threads: usize) -> Vec<Analysis> {
        let threads = match threads {
            0 => std::thread::available_parallelism().map_or(1, usize::from),
            n => n,
        };
        let mut out: Vec<Analysis> = Vec::with_capacity(docs.len());
        out.resize_with(docs.len(), Analysis::default);
        // With several threads, groups small enough for four per thread where the text
        // allows.
        let total: usize = docs.iter().map(|doc| doc.text.len()).sum();
        let budget =
            if threads <= 1 { GROUP_BYTES } else { GROUP_BYTES.min(total / (4 * threads)) };
        let groups: Vec<Range<usize>> = groups(docs, budget).collect();
        if threads <= 1 || groups.len() < 2 {
            for range in groups {
                self.extract_group(&docs[range.clone()], &mut out[range]);
            }
            return out;
        }
        // Threads take the next group from a shared counter, so one long or slow article
        // never leaves the other threads idle; results go back to input order.
        let next = AtomicUsize::new(0);
        let done: Vec<Vec<(usize, Vec<Analysis>)>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads.min(groups.len()))
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        while let Some(range) = groups.get(next.fetch_add(1, Ordering::Relaxed)) {
                            let mut analyses = Vec::new();
                            analyses.resize_with(range.len(), Analysis::default);
                            self.extract_group(&docs[range.clone()], &mut analyses);
                            mine.push((range.start, analyses));
                        }
                        mine
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect()
        });
        for (from, analyses) in done.into_iter().flatten() {
            for (slot, analysis) in out[from..].iter_mut().zip(analyses) {
                *slot = analysis;
            }
        }
        out
    }
}

/// Configures and builds an [`Extractor`].
///
/// ```
/// use newsextract::Extractor;
///
/// let extractor = Extractor::builder().tokens(true).build()?;
/// let analysis = extractor.extract("Talks resumed.");
/// assert_eq!(analysis.tokens.len(), 2);
/// # Ok::<(), newsextract::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct ExtractorBuilder {
    tokens: bool,
    last_stage: Stage,
    gazetteers: Vec<(PathBuf, bool)>,
    event_lexicons: Vec<PathBuf>,
}

/// The pipeline's stages, in the order they run; each needs the ones before it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Paragraphs, sentences and (when asked) tokens.
    Segment,
    /// Actors and their mentions.
    Actors,
    /// Temporal expressions.
    Dates,
    /// Quotations and their speakers.
    Quotes,
    /// Accusations.
    Accusations,
    /// Coded events: the whole pipeline.
    #[default]
    Events,
}

impl ExtractorBuilder {
    /// Runs the pipeline only up to `stage` (default: every stage); the record lists of
    /// later stages stay empty. Useful when only sentences, or only actors and dates,
    /// are wanted, and for measuring each stage's cost.
    ///
    /// ```
    /// use newsextract::{Extractor, Stage};
    ///
    /// let extractor = Extractor::builder().last_stage(Stage::Segment).build()?;
    /// let analysis = extractor.extract("Putin met Trump. They talked.");
    /// assert_eq!(analysis.sentences.len(), 2);
    /// assert!(analysis.actors.is_empty());
    /// # Ok::<(), newsextract::Error>(())
    /// ```
    pub fn last_stage(&mut self, stage: Stage) -> &mut ExtractorBuilder {
        self.last_stage = stage;
        self
    }

    /// Whether to list word tokens in the analysis (off by default: tokens are many and
    /// most users want records).
    pub fn tokens(&mut self, yes: bool) -> &mut ExtractorBuilder {
        self.tokens = yes;
        self
    }

    /// Adds a gazetteer file in newsextract's TSV format (see
    /// [`Gazetteer::add_tsv`](crate::actor::Gazetteer::add_tsv)); its entries extend the
    /// defaults and replace those with the same id.
    pub fn gazetteer_file(&mut self, path: impl Into<PathBuf>) -> &mut ExtractorBuilder {
        self.gazetteers.push((path.into(), false));
        self
    }

    /// Adds a Phoenix/PETRARCH actor dictionary file (see
    /// [`Gazetteer::add_phoenix`](crate::actor::Gazetteer::add_phoenix)).
    pub fn phoenix_actors_file(&mut self, path: impl Into<PathBuf>) -> &mut ExtractorBuilder {
        self.gazetteers.push((path.into(), true));
        self
    }

    /// Adds a user event lexicon file, in the format of `data/event/verbs.tsv` (phrase,
    /// CAMEO code, options; the `noun` option marks nouns). Its lines extend the default
    /// lexicon and override default lines with the same phrase. The file is read by
    /// [`build`](ExtractorBuilder::build).
    pub fn event_lexicon(&mut self, path: impl Into<PathBuf>) -> &mut ExtractorBuilder {
        self.event_lexicons.push(path.into());
        self
    }

    /// Compiles the extractor, reading the files given to
    /// [`gazetteer_file`](ExtractorBuilder::gazetteer_file),
    /// [`phoenix_actors_file`](ExtractorBuilder::phoenix_actors_file) and
    /// [`event_lexicon`](ExtractorBuilder::event_lexicon).
    ///
    /// # Errors
    ///
    /// When a user-supplied file cannot be read (the error names the path) or a line of it
    /// is malformed (the error names the file and the line, see [`Error::line`]).
    ///
    /// ```
    /// use newsextract::Extractor;
    ///
    /// let err = Extractor::builder().gazetteer_file("/no/such/actors.tsv").build().unwrap_err();
    /// assert!(err.to_string().contains("/no/such/actors.tsv"));
    /// ```
    pub fn build(&self) -> Result<Extractor, Error> {
        let actors = if self.gazetteers.is_empty() {
            ActorTagger::new()
        } else {
            let mut gazetteer = Gazetteer::embedded();
            for (path, phoenix) in &self.gazetteers {
                if *phoenix {
                    gazetteer.add_phoenix_file(path)?;
                } else {
                    gazetteer.add_file(path)?;
                }
            }
            ActorTagger::with_gazetteer(gazetteer)
        };
        let mut lexicons = Vec::new();
        for path in &self.event_lexicons {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
            lexicons.push((path.display().to_string(), text));
        }
        let events = if lexicons.is_empty() {
            EventCoder::new()
        } else {
            EventCoder::with_lexicons(&lexicons)?
        };
        Ok(Extractor {
            tokens: self.tokens,
            last_stage: self.last_stage,
            segmenter: Segmenter::new(),
            actors,
            dates: DateTagger::new(),
            quotes: QuoteFinder::new(),
            accusations: AccusationFinder::new(),
            events,
        })
    }
}
