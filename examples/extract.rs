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

use std::borrow::Cow;
use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use newsextract::{Analysis, Document, Extractor};

const USAGE: &str =
    "usage: extract FILE [--published YYYY-MM-DD] [--id ID] [--html OUT.html] [ACTORS]
       extract --jsonl [--threads N] [--progress] [ACTORS]

  FILE            a UTF-8 plain-text article; prints its analysis as pretty JSON
  --published D   the article's publication date (anchors \"on Tuesday\", \"last year\")
  --id ID         an identifier echoed in the output
  --html OUT      write a self-contained HTML view of the analysis to OUT instead of JSON
  --jsonl         read {\"id\",\"text\",\"published\"} lines on stdin, write one analysis per line
  --threads N     analyze with N threads (0: one per core); output is identical to 1 thread
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
    let mut threads = 1;
    let mut progress = io::stderr().is_terminal();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--jsonl" => jsonl = true,
            "--progress" => progress = true,
            "--threads" => {
                let value = it.next().ok_or("--threads needs a value")?;
                threads = match value.parse::<usize>() {
                    Ok(0) => std::thread::available_parallelism().map_or(1, usize::from),
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
    let extractor = match builder.build() {
        Ok(extractor) => extractor,
        Err(err) => {
            eprintln!("extract: {err}");
            return ExitCode::from(2);
        }
    };
    let result = match mode {
        Mode::File { path, published, id, html } => {
            run_file(&extractor, &path, published, id, html)
        }
        Mode::Jsonl { threads, progress } => run_jsonl(&extractor, threads, progress),
    };
    // The process ends here: freeing the extractor's tens of thousands of gazetteer and
    // lexicon allocations one by one would only cost time (about 20 M instructions,
    // mostly cache misses), so the operating system takes them back with the rest.
    std::mem::forget(extractor);
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

/// Lines handed to the worker threads at a time in `--threads` mode.
const BATCH_LINES: usize = 512;

/// Reads protocol lines from stdin; `Ok(false)` when some line failed.
///
/// With several threads, lines are read in batches, each batch is cut into one contiguous
/// chunk per thread (balanced by bytes), and the chunks' output is written in input order, so the output is
/// byte-identical to a single-threaded run.
fn run_jsonl(extractor: &Extractor, threads: usize, progress: bool) -> io::Result<bool> {
    let mut input = io::stdin().lock();
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut meter = Progress::new(progress);
    let mut workers: Vec<Worker> = (0..threads.max(1)).map(|_| Worker::default()).collect();
    let mut batch: Vec<Vec<u8>> = Vec::new();
    let mut all_ok = true;
    let mut number = 0usize;
    loop {
        let mut filled = 0;
        while filled < BATCH_LINES {
            if batch.len() == filled {
                batch.push(Vec::new());
            }
            let line = &mut batch[filled];
            line.clear();
            if input.read_until(b'\n', line)? == 0 {
                break;
            }
            meter.add(line.len());
            filled += 1;
        }
        if filled == 0 {
            break;
        }
        let lines = &batch[..filled];
        if workers.len() == 1 || filled < 2 {
            workers[0].process(extractor, number, lines);
        } else {
            // One contiguous chunk per thread, balanced by bytes (articles vary in length).
            let total: usize = lines.iter().map(Vec::len).sum();
            let per_worker = total.div_ceil(workers.len());
            std::thread::scope(|scope| {
                let mut rest = lines;
                let mut first = number;
                for worker in &mut workers {
                    let mut n = 0;
                    let mut bytes = 0;
                    while n < rest.len() && (n == 0 || bytes < per_worker) {
                        bytes += rest[n].len();
                        n += 1;
                    }
                    let (part, tail) = rest.split_at(n);
                    rest = tail;
                    scope.spawn(move || worker.process(extractor, first, part));
                    first += n;
                }
            });
        }
        for worker in &mut workers {
            for error in worker.errors.drain(..) {
                all_ok = false;
                eprintln!("extract: {error}");
            }
            out.write_all(&worker.output)?;
            worker.output.clear();
        }
        number += filled;
    }
    out.flush()?;
    meter.finish();
    Ok(all_ok)
}

/// One thread's reusable buffers. `pub(crate)`, like `process`, for the fuzz target
/// (`fuzz/fuzz_targets/jsonl.rs`), which compiles this file as a module.
#[derive(Default)]
pub(crate) struct Worker {
    analysis: Analysis,
    pub(crate) output: Vec<u8>,
    pub(crate) errors: Vec<String>,
}

impl Worker {
    /// Analyzes `lines`, the first of which is input line `first + 1`, appending one output
    /// line each to `self.output` and error messages to `self.errors`.
    pub(crate) fn process(&mut self, extractor: &Extractor, first: usize, lines: &[Vec<u8>]) {
        for (i, line) in lines.iter().enumerate() {
            let number = first + i + 1;
            let written = match analyze_line(extractor, trim_line_end(line), &mut self.analysis) {
                Ok(()) => {
                    self.analysis.write_json(&mut self.output);
                    Ok(())
                }
                Err((id, message)) => {
                    let error = format!("line {number}: {message}");
                    let written = serde_json::to_writer(
                        &mut self.output,
                        &ErrorLine { id: id.as_deref(), error: &error },
                    );
                    self.errors.push(error);
                    written
                }
            };
            // Serializing an error line into a Vec cannot fail; keep the line count exact.
            if written.is_err() {
                self.output.extend_from_slice(b"{}");
            }
            self.output.push(b'\n');
        }
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Analyzes one protocol line into `analysis`, or says why it cannot (with the id when
/// one could be read).
fn analyze_line(
    extractor: &Extractor,
    line: &[u8],
    analysis: &mut Analysis,
) -> Result<(), (Option<String>, String)> {
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
    let Some(body) = input.text.as_deref() else {
        return Err((id, "missing \"text\" field".to_string()));
    };
    let mut doc = Document::new(body);
    if let Some(published) = input.published.as_deref().filter(|p| !p.is_empty()) {
        match Document::parse_published(published) {
            Ok(date) => doc = doc.with_published(date),
            Err(err) => return Err((id, err.to_string())),
        }
    }
    if let Some(id) = &id {
        doc = doc.with_id(id);
    }
    extractor.extract_into(doc, analysis);
    Ok(())
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
