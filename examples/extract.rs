//! The command-line extractor.
//!
//! ```text
//! extract FILE [--published YYYY-MM-DD] [--id ID]   analyze one plain-text article, pretty JSON
//! extract --jsonl [--progress]                      JSON Lines on stdin to JSON Lines on stdout
//! ```
//!
//! In `--jsonl` mode every input line gets exactly one output line, in order. A line that
//! is not valid JSON, lacks `"text"`, has an invalid `"published"` date or is not UTF-8 gets
//! `{"id": ..., "error": "line N: ..."}` in its place, a message on stderr, and the run goes
//! on; the exit status is then 1. Usage errors exit with 2.

use std::borrow::Cow;
use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use newsextract::{Analysis, Document, Extractor};

const USAGE: &str = "usage: extract FILE [--published YYYY-MM-DD] [--id ID]
       extract --jsonl [--progress]

  FILE            a UTF-8 plain-text article; prints its analysis as pretty JSON
  --published D   the article's publication date (anchors \"on Tuesday\", \"last year\")
  --id ID         an identifier echoed in the output
  --jsonl         read {\"id\",\"text\",\"published\"} lines on stdin, write one analysis per line
  --progress      report documents, MB and MB/s on stderr (default when stderr is a terminal)";

/// What the command line asked for.
enum Mode {
    File { path: String, published: Option<String>, id: Option<String> },
    Jsonl { progress: bool },
}

fn parse_args(args: &[String]) -> Result<Mode, String> {
    let mut path = None;
    let mut published = None;
    let mut id = None;
    let mut jsonl = false;
    let mut progress = io::stderr().is_terminal();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--jsonl" => jsonl = true,
            "--progress" => progress = true,
            "--published" | "--id" => {
                let value = it.next().ok_or_else(|| format!("{arg} needs a value"))?;
                if arg == "--id" {
                    id = Some(value.clone());
                } else {
                    published = Some(value.clone());
                }
            }
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            file if path.is_none() => path = Some(file.to_string()),
            extra => return Err(format!("unexpected argument {extra:?}")),
        }
    }
    match (jsonl, path) {
        (true, None) => Ok(Mode::Jsonl { progress }),
        (true, Some(_)) => Err("--jsonl reads stdin and takes no FILE".to_string()),
        (false, Some(path)) => Ok(Mode::File { path, published, id }),
        (false, None) => Err("give a FILE or --jsonl".to_string()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = match parse_args(&args) {
        Ok(mode) => mode,
        Err(message) if message.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("extract: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let extractor = Extractor::new();
    let result = match mode {
        Mode::File { path, published, id } => run_file(&extractor, &path, published, id),
        Mode::Jsonl { progress } => run_jsonl(&extractor, progress),
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

/// Reads protocol lines from stdin; `Ok(false)` when some line failed.
fn run_jsonl(extractor: &Extractor, progress: bool) -> io::Result<bool> {
    let mut input = io::stdin().lock();
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut line = Vec::new();
    let mut analysis = Analysis::default();
    let mut meter = Progress::new(progress);
    let mut all_ok = true;
    let mut number = 0usize;
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        number += 1;
        meter.add(line.len());
        let content = trim_line_end(&line);
        match analyze_line(extractor, content, &mut analysis) {
            Ok(()) => serde_json::to_writer(&mut out, &analysis)?,
            Err((id, message)) => {
                all_ok = false;
                let error = format!("line {number}: {message}");
                eprintln!("extract: {error}");
                serde_json::to_writer(&mut out, &ErrorLine { id: id.as_deref(), error: &error })?;
            }
        }
        out.write_all(b"\n")?;
    }
    out.flush()?;
    meter.finish();
    Ok(all_ok)
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
