//! The [`Extractor`]: every stage built once, run in order on each document.

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
    pub fn extract_into<'a>(&self, doc: impl Into<Document<'a>>, analysis: &mut Analysis) {
        let doc = doc.into();
        // The actor, quote and event stages write over the previous document's records,
        // reusing their strings and vectors (as does the id).
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
        let text = doc.text;
        let last = self.last_stage;
        self.segmenter.run(text, self.tokens, analysis);
        if last >= Stage::Actors {
            self.actors.run(text, analysis);
        } else {
            analysis.actors.clear();
        }
        if last >= Stage::Dates {
            self.dates.run(text, doc.published, analysis);
        }
        if last >= Stage::Quotes {
            self.quotes.run(text, analysis);
        } else {
            analysis.quotes.clear();
        }
        // What the accusation stage finds for the event stage too: the index of the actor
        // mentions, the sentences read and (in its pass over the text) the triggers.
        let mut shared = Shared::kept();
        if last >= Stage::Accusations {
            let triggers = (last >= Stage::Events).then(|| self.events.matcher());
            self.accusations.run(text, analysis, &mut shared, triggers);
        }
        if last >= Stage::Events {
            self.events.run(text, analysis, &mut shared);
        } else {
            analysis.events.clear();
        }
        shared.keep();
    }
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
        if threads <= 1 || docs.len() < 2 {
            for (doc, analysis) in docs.iter().zip(&mut out) {
                self.extract_into(*doc, analysis);
            }
            return out;
        }
        // Threads take the next document from a shared counter, so one long or slow
        // article never leaves the other threads idle; results go back to input order.
        let next = AtomicUsize::new(0);
        let done: Vec<Vec<(usize, Analysis)>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads.min(docs.len()))
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(doc) = docs.get(i) else { break };
                            let mut analysis = Analysis::default();
                            self.extract_into(*doc, &mut analysis);
                            mine.push((i, analysis));
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
        for (i, analysis) in done.into_iter().flatten() {
            out[i] = analysis;
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
