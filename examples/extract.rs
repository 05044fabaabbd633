//! The command-line extractor.
//!
//! ```text
//! extract FILE [--published YYYY-MM-DD] [--id ID]   analyze one plain-text article, pretty JSON
//! extract FILE --html OUT.html [--published ...]   write a self-contained HTML view instead
//! extract --jsonl [--threads N] [--progress]        JSON Lines on stdin to JSON Lines on stdout
//! ```
//!
//! Either form takes `--gazetteer FILE.tsv` and `--phoenix-actors FILE`, each as often as
//! wanted, to add user actors to the default gazetteer; a file that cannot be read or has
//! a malformed line stops the run before any input is read, naming the file and line.
//!
//! Without a FILE, and with stdin not a terminal, `--jsonl` is implied.
//!
//! In `--jsonl` mode every input line gets exactly one output line, in order. A line that
//! is not valid JSON, lacks `"text"`, has an invalid `"published"` date or is not UTF-8 gets
//! `{"id": ..., "error": "line N: ..."}` in its place, a message on stderr, and the run goes
//! on; the exit status is then 1. Usage errors, and actor files that cannot be read or
//! have a malformed line, exit with 2.

use std::any::Any;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Instant;

use newsextract::{Document, Extractor};

const USAGE: &str =
    "usage: extract FILE [--published YYYY-MM-DD] [--id ID] [--html OUT.html] [ACTORS]
       extract --jsonl [--threads N] [--progress] [ACTORS]

  FILE            a UTF-8 plain-text article; prints its analysis as pretty JSON
  --published D   the article's publication date (anchors \"on Tuesday\", \"last year\")
  --id ID         an identifier echoed in the output
  --html OUT      write a self-contained HTML view of the analysis to OUT instead of JSON
  --jsonl         read {\"id\",\"text\",\"published\"} lines on stdin, write one analysis per line
  --threads N     analyze with N threads (default and 0: one per core); the output is
                  the same bytes for any N
  --progress      report documents, MB and MB/s on stderr (default when stderr is a terminal)

ACTORS, each as often as wanted, extend the default gazetteer (later files win on equal ids):
  --gazetteer F       a gazetteer in newsextract's TSV format (data/gazetteer/README.md)
  --phoenix-actors F  a Phoenix/PETRARCH actor dictionary";

/// What the command line asked for: the gazetteer files to add, and what to analyze.
struct Args {
    /// User actor files in the order given, each with whether it is a Phoenix dictionary.
    gazetteers: Vec<(String, bool)>,
    /// What to analyze, and how.
    mode: Mode,
}

/// What to analyze, and how.
enum Mode {
    File { path: String, published: Option<String>, id: Option<String>, html: Option<String> },
    Jsonl { threads: usize, progress: bool },
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut gazetteers = Vec::new();
    let mut path = None;
    let mut published = None;
    let mut id = None;
    let mut html = None;
    let mut jsonl = false;
    let one_per_core = || std::thread::available_parallelism().map_or(1, usize::from);
    let mut threads = one_per_core();
    let mut progress = io::stderr().is_terminal();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--jsonl" => jsonl = true,
            "--progress" => progress = true,
            "--threads" => {
                let value = it.next().ok_or("--threads needs a value")?;
                threads = match value.parse::<usize>() {
                    Ok(0) => one_per_core(),
                    Ok(n) => n,
                    Err(_) => return Err(format!("--threads takes a number, not {value:?}")),
                };
            }
            "--gazetteer" | "--phoenix-actors" => {
                let value = it.next().ok_or_else(|| format!("{arg} needs a FILE"))?;
                gazetteers.push((value.clone(), arg == "--phoenix-actors"));
            }
            "--published" | "--id" | "--html" => {
                let value = it.next().ok_or_else(|| format!("{arg} needs a value"))?;
                match arg.as_str() {
                    "--id" => id = Some(value.clone()),
                    "--html" => html = Some(value.clone()),
                    _ => published = Some(value.clone()),
                }
            }
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            file if path.is_none() => path = Some(file.to_string()),
            extra => return Err(format!("unexpected argument {extra:?}")),
        }
    }
    let mode = match (jsonl, path) {
        (true, _) if html.is_some() => Err("--html takes a FILE, not --jsonl".to_string()),
        (true, None) => Ok(Mode::Jsonl { threads, progress }),
        (true, Some(_)) => Err("--jsonl reads stdin and takes no FILE".to_string()),
        (false, Some(path)) => Ok(Mode::File { path, published, id, html }),
        // With no FILE the protocol is the default, unless a person is at the keyboard.
        (false, None) if html.is_none() && published.is_none() && id.is_none() => {
            if io::stdin().is_terminal() {
                Err("give a FILE, or pipe JSON Lines into stdin (--jsonl)".to_string())
            } else {
                Ok(Mode::Jsonl { threads, progress })
            }
        }
        (false, None) => Err("give a FILE to go with --published, --id or --html".to_string()),
    }?;
    Ok(Args { gazetteers, mode })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Args { gazetteers, mode } = match parse_args(&args) {
        Ok(args) => args,
        Err(message) if message.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("extract: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Extractor::builder();
    for (path, phoenix) in gazetteers {
        if phoenix {
            builder.phoenix_actors_file(path);
        } else {
            builder.gazetteer_file(path);
        }
    }
    // The extractor lives as long as the process: the analysis threads borrow it for as
    // long as they run, and freeing its tens of thousands of gazetteer and lexicon
    // allocations one by one at the end would only cost time (about 20 M instructions,
    // mostly cache misses); the operating system takes them back with the rest.
    let extractor: &'static Extractor = match builder.build() {
        Ok(extractor) => Box::leak(Box::new(extractor)),
        Err(err) => {
            eprintln!("extract: {err}");
            return ExitCode::from(2);
        }
    };
    let result = match mode {
        Mode::File { path, published, id, html } => run_file(extractor, &path, published, id, html),
        Mode::Jsonl { threads, progress } => run_jsonl(extractor, threads, progress),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("extract: {err}");
            ExitCode::from(1)
        }
    }
}

/// Analyzes one file; `Ok(false)` when the input was unusable (message already printed).
fn run_file(
    extractor: &Extractor,
    path: &str,
    published: Option<String>,
    id: Option<String>,
    html: Option<String>,
) -> io::Result<bool> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("extract: cannot read {path}: {err}");
            return Ok(false);
        }
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("extract: {path} is not UTF-8: invalid byte at offset {}", err.valid_up_to());
            return Ok(false);
        }
    };
    let mut doc = Document::new(text);
    if let Some(published) = &published {
        match Document::parse_published(published) {
            Ok(date) => doc = doc.with_published(date),
            Err(err) => {
                eprintln!("extract: --published: {err}");
                return Ok(false);
            }
        }
    }
    if let Some(id) = &id {
        doc = doc.with_id(id);
    }
    let analysis = extractor.extract(doc);
    if let Some(html) = html {
        let page = newsextract::html::render(text, &analysis);
        if let Err(err) = std::fs::write(&html, page) {
            eprintln!("extract: cannot write {html}: {err}");
            return Ok(false);
        }
        return Ok(true);
    }
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &analysis)?;
    writeln!(out)?;
    out.flush()?;
    Ok(true)
}

/// One input line of the protocol.
#[derive(serde::Deserialize)]
struct InputLine<'a> {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(borrow, default)]
    text: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    published: Option<Cow<'a, str>>,
}

/// The output line for an input line that could not be analyzed.
#[derive(serde::Serialize)]
struct ErrorLine<'a> {
    id: Option<&'a str>,
    error: &'a str,
}

/// Input text handed to a thread at a time: small enough that the threads stay evenly
/// loaded to the end of the input, large enough that handing it over costs nothing.
const JOB_BYTES: usize = 64 << 10;

/// The most output room a job keeps once written (that of 64 KB of news is about 250 KB).
const KEPT_OUTPUT: usize = 4 << 20;

/// Input lines handed to a thread at most at a time (for inputs of very short lines).
const JOB_LINES: usize = 256;

/// A run of consecutive input lines and, once analyzed, their output.
#[derive(Default)]
struct Job {
    /// The job's place in the input, counted in jobs.
    seq: usize,
    /// The number of input lines before the job's first.
    first: usize,
    /// Line buffers, reused from job to job; the first `filled` hold the job's lines.
    lines: Vec<Vec<u8>>,
    filled: usize,
    /// One output line per input line, and the error messages, once analyzed.
    output: Vec<u8>,
    errors: Vec<String>,
}

impl Job {
    /// Reads the next lines of `input` into the job, up to [`JOB_BYTES`] or [`JOB_LINES`],
    /// but without waiting for more input once it has a line: a line that arrives alone
    /// (a live feed) is analyzed at once. `Ok(false)` at the end of the input.
    fn read(&mut self, input: &mut BufReader<impl Read>, meter: &mut Progress) -> io::Result<bool> {
        self.filled = 0;
        let mut bytes = 0;
        while self.filled < JOB_LINES && bytes < JOB_BYTES {
            if self.filled > 0 && input.buffer().is_empty() {
                break;
            }
            if self.lines.len() == self.filled {
                self.lines.push(Vec::new());
            }
            let line = &mut self.lines[self.filled];
            line.clear();
            if input.read_until(b'\n', line)? == 0 {
                break;
            }
            meter.add(line.len());
            bytes += line.len();
            self.filled += 1;
        }
        Ok(self.filled > 0)
    }

    /// Analyzes the job's lines with `worker`, leaving their output in the job.
    fn run(&mut self, extractor: &Extractor, worker: &mut Worker) {
        worker.process(extractor, self.first, &self.lines[..self.filled]);
        std::mem::swap(&mut worker.output, &mut self.output);
        std::mem::swap(&mut worker.errors, &mut self.errors);
    }

    /// Writes the job's output and its error messages (to stderr), and empties both;
    /// `Ok(false)` when some line failed.
    fn write(&mut self, out: &mut impl Write) -> io::Result<bool> {
        let ok = self.errors.is_empty();
        for error in self.errors.drain(..) {
            eprintln!("extract: {error}");
        }
        out.write_all(&self.output)?;
        self.output.clear();
        // The output of a huge document is not worth keeping room for: jobs go round, and
        // each would keep its share.
        if self.output.capacity() > KEPT_OUTPUT {
            self.output = Vec::new();
        }
        Ok(ok)
    }
}

/// A job back from a thread: analyzed, or the payload of the panic that stopped it.
type Analyzed = Result<Job, Box<dyn Any + Send>>;

/// Reads protocol lines from stdin and writes one analysis line each to stdout, in input
/// order; `Ok(false)` when some line failed.
///
/// Output is flushed whenever the next step would wait for input, so a live feed gets
/// each analysis as soon as it is made. With several threads, a reader thread cuts the
/// input into jobs of a few dozen KB, the analysis threads take the jobs as they come
/// (each takes the next when it is done, so a long article does not hold the others up),
/// and this thread writes their output in input order: the output is byte-identical to a
/// single-threaded run.
fn run_jsonl(extractor: &'static Extractor, threads: usize, progress: bool) -> io::Result<bool> {
    let mut input = BufReader::with_capacity(INPUT_BUFFER, io::stdin());
    let mut out = io::BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout().lock());
    let mut meter = Progress::new(progress);
    let mut all_ok = true;
    if threads <= 1 {
        let (mut job, mut worker) = (Job::default(), Worker::default());
        while job.read(&mut input, &mut meter)? {
            job.run(extractor, &mut worker);
            all_ok &= job.write(&mut out)?;
            job.first += job.filled;
            if input.buffer().is_empty() {
                out.flush()?;
            }
        }
    } else {
        let (reader, done) = start_threads(extractor, threads, input, meter);
        all_ok = write_in_order(&mut out, done, reader.free)?;
        meter = match reader.thread.join() {
            Ok(read) => read?,
            Err(payload) => panic::resume_unwind(payload),
        };
    }
    out.flush()?;
    meter.finish();
    Ok(all_ok)
}

/// Input read ahead of the analysis (it is also the largest batch read at once).
const INPUT_BUFFER: usize = 256 << 10;

/// Output gathered before a write to stdout (unless a flush comes first).
const OUTPUT_BUFFER: usize = 64 << 10;

/// The reader thread of a `--threads` run, and how jobs go back to it once written.
struct Reader {
    /// Ends with the meter at the end of the input, or with the read error.
    thread: std::thread::JoinHandle<io::Result<Progress>>,
    /// Written jobs, for the reader to fill again.
    free: mpsc::Sender<Job>,
}

/// Starts a `--threads` run: a reader thread that fills jobs from `input` and hands them
/// to `threads` analysis threads, which send them back analyzed on the returned channel.
/// Two jobs per thread go round, so a slow writer holds up the reader rather than letting
/// the input pile up in memory.
///
/// The threads are not scoped: on a write error (a closed pipe) the process ends at once
/// instead of waiting for a reader blocked on a live input.
fn start_threads(
    extractor: &'static Extractor,
    threads: usize,
    mut input: BufReader<impl Read + Send + 'static>,
    mut meter: Progress,
) -> (Reader, mpsc::Receiver<Analyzed>) {
    let (free, free_jobs) = mpsc::channel::<Job>();
    for _ in 0..2 * threads {
        // The receiver is alive: it moves into the reader below.
        let _ = free.send(Job::default());
    }
    let (job_sender, jobs) = mpsc::channel::<Job>();
    let (done_sender, done) = mpsc::channel::<Analyzed>();
    let jobs = Arc::new(Mutex::new(jobs));
    for _ in 0..threads {
        let (jobs, done_sender) = (Arc::clone(&jobs), done_sender.clone());
        std::thread::spawn(move || {
            let mut worker = Worker::default();
            // Ends when the reader is done and the jobs are all taken, or once the main
            // thread has stopped taking them back (after a write error).
            while let Some(mut job) = jobs.lock().ok().and_then(|jobs| jobs.recv().ok()) {
                // A panic goes to the main thread, which re-raises it: left here, the
                // main thread would wait for this job for ever.
                let ran = panic::catch_unwind(AssertUnwindSafe(|| job.run(extractor, &mut worker)));
                let stop = ran.is_err();
                if done_sender.send(ran.map(|()| job)).is_err() || stop {
                    break;
                }
            }
        });
    }
    let thread = std::thread::spawn(move || {
        let (mut seq, mut lines) = (0, 0);
        // Ends at the end of the input, or when the main thread stops handing jobs back.
        while let Ok(mut job) = free_jobs.recv() {
            if !job.read(&mut input, &mut meter)? {
                break;
            }
            (job.seq, job.first) = (seq, lines);
            seq += 1;
            lines += job.filled;
            if job_sender.send(job).is_err() {
                break;
            }
        }
        Ok(meter)
    });
    (Reader { thread, free }, done)
}

/// The main thread's side of a `--threads` run: takes the jobs back analyzed from `done`,
/// writes them in input order to `out`, flushing before it waits, and hands them back to
/// the reader through `free`; `Ok(false)` when some line failed.
fn write_in_order(
    out: &mut impl Write,
    done: mpsc::Receiver<Analyzed>,
    free: mpsc::Sender<Job>,
) -> io::Result<bool> {
    let mut all_ok = true;
    // Analyzed jobs waiting for the ones before them, by `seq`.
    let mut waiting: BTreeMap<usize, Job> = BTreeMap::new();
    let mut written = 0;
    loop {
        let analyzed = match done.try_recv() {
            Ok(analyzed) => analyzed,
            Err(mpsc::TryRecvError::Empty) => {
                out.flush()?;
                match done.recv() {
                    Ok(analyzed) => analyzed,
                    Err(mpsc::RecvError) => break,
                }
            }
            // Every analysis thread has ended: the input is all read and analyzed.
            Err(mpsc::TryRecvError::Disconnected) => break,
        };
        let job = analyzed.unwrap_or_else(|payload| panic::resume_unwind(payload));
        waiting.insert(job.seq, job);
        while let Some(mut job) = waiting.remove(&written) {
            all_ok &= job.write(out)?;
            written += 1;
            // The reader may have stopped (at the end of the input): the job is not needed.
            let _ = free.send(job);
        }
    }
    Ok(all_ok)
}

/// One thread's reusable buffers. `pub(crate)`, like `process`, for the fuzz target
/// (`fuzz/fuzz_targets/jsonl.rs`), which compiles this file as a module.
#[derive(Default)]
pub(crate) struct Worker {
    pub(crate) output: Vec<u8>,
    pub(crate) errors: Vec<String>,
}

impl Worker {
    /// Analyzes `lines`, the first of which is input line `first + 1`, appending one output
    /// line each to `self.output` and error messages to `self.errors`.
    ///
    /// The lines are read first and their documents analyzed together
    /// ([`Extractor::extract_each`]: stage by stage, which is faster than one document
    /// after the other).
    pub(crate) fn process(&mut self, extractor: &Extractor, first: usize, lines: &[Vec<u8>]) {
        let read: Vec<Result<ReadLine<'_>, LineError>> =
            lines.iter().map(|line| read_line(trim_line_end(line))).collect();
        let docs_or_errors: Vec<Result<Document<'_>, LineError>> = read
            .iter()
            .map(|line| match line {
                Ok(line) => line.document(),
                Err(error) => Err(error.clone()),
            })
            .collect();
        let docs: Vec<Document<'_>> =
            docs_or_errors.iter().filter_map(|doc| doc.as_ref().ok().copied()).collect();
        // Writes the error lines from line `*next` on, up to the next document.
        let errors_up_to_a_document = |next: &mut usize, worker: &mut Worker| {
            while let Some(Err((id, message))) = docs_or_errors.get(*next) {
                worker.error_line(first + *next + 1, id.as_deref(), message);
                *next += 1;
            }
        };
        let mut next = 0;
        extractor.extract_each(&docs, |_, analysis| {
            errors_up_to_a_document(&mut next, self);
            analysis.write_json(&mut self.output);
            self.output.push(b'\n');
            next += 1;
        });
        errors_up_to_a_document(&mut next, self);
    }

    /// Writes the output line of input line `number`, which cannot be analyzed, and keeps
    /// its error message.
    fn error_line(&mut self, number: usize, id: Option<&str>, message: &str) {
        let error = format!("line {number}: {message}");
        let written = serde_json::to_writer(&mut self.output, &ErrorLine { id, error: &error });
        // Serializing an error line into a Vec cannot fail; keep the line count exact.
        if written.is_err() {
            self.output.extend_from_slice(b"{}");
        }
        self.output.push(b'\n');
        self.errors.push(error);
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Why a protocol line cannot be analyzed, with its id when one could be read.
type LineError = (Option<String>, String);

/// A protocol line as read, with its id as a string (a number or another JSON value as
/// its JSON text).
struct ReadLine<'a> {
    id: Option<String>,
    input: InputLine<'a>,
}

/// Reads one protocol line, or says why it cannot.
fn read_line(line: &[u8]) -> Result<ReadLine<'_>, LineError> {
    let text = std::str::from_utf8(line).map_err(|err| {
        (None, format!("not UTF-8: invalid byte at offset {} of the line", err.valid_up_to()))
    })?;
    if text.trim().is_empty() {
        return Err((None, "empty line: expected a JSON object".to_string()));
    }
    let input: InputLine<'_> =
        serde_json::from_str(text).map_err(|err| (None, format!("not a JSON object: {err}")))?;
    let id = input.id.as_ref().map(|id| match id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    Ok(ReadLine { id, input })
}

impl ReadLine<'_> {
    /// The document the line holds, or why it holds none.
    fn document(&self) -> Result<Document<'_>, LineError> {
        let Some(body) = self.input.text.as_deref() else {
            return Err((self.id.clone(), "missing \"text\" field".to_string()));
        };
        let mut doc = Document::new(body);
        if let Some(published) = self.input.published.as_deref().filter(|p| !p.is_empty()) {
            match Document::parse_published(published) {
                Ok(date) => doc = doc.with_published(date),
                Err(err) => return Err((self.id.clone(), err.to_string())),
            }
        }
        if let Some(id) = &self.id {
            doc = doc.with_id(id);
        }
        Ok(doc)
    }
}

/// A progress line on stderr, refreshed at most a few times a second.
struct Progress {
    enabled: bool,
    start: Instant,
    last: Instant,
    docs: usize,
    bytes: usize,
}

impl Progress {
    fn new(enabled: bool) -> Progress {
        let now = Instant::now();
        Progress { enabled, start: now, last: now, docs: 0, bytes: 0 }
    }

    fn add(&mut self, bytes: usize) {
        self.docs += 1;
        self.bytes += bytes;
        if self.enabled && self.last.elapsed().as_millis() >= 250 {
            self.last = Instant::now();
            self.print('\r');
        }
    }

    fn print(&self, end: char) {
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        let mb = self.bytes as f64 / 1e6;
        eprint!("\r{} documents, {mb:.1} MB, {:.1} MB/s{end}", self.docs, mb / secs);
    }

    fn finish(&self) {
        if self.enabled {
            self.print('\n');
        }
    }
}
