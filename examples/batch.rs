//! Analyze many articles in parallel with [`Extractor::extract_batch`], writing one JSON
//! analysis per line to stdout and a progress bar to stderr.
//!
//! ```text
//! batch PATH [--threads N] [--published YYYY-MM-DD]
//!
//!   PATH            a directory (its *.txt files, by name; each file name is the id) or a
//!                   JSON Lines file of {"id", "text", "published"} objects
//!   --threads N     worker threads (default 0: one per core)
//!   --published D   publication date for articles that do not give one
//! ```
//!
//! Articles are read and analyzed in chunks, so memory stays bounded however many there are.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use jiff::civil::Date;
use newsextract::{Document, Extractor};

/// Articles handed to `extract_batch` at a time.
const CHUNK: usize = 256;

/// One article read from the input.
struct Article {
    id: String,
    text: String,
    published: Option<Date>,
}

/// Where articles come from.
enum Source {
    Files(std::vec::IntoIter<PathBuf>),
    Lines { reader: BufReader<File>, number: usize },
}

impl Source {
    /// Opens `path`, returning the source and its size in bytes (for the progress bar).
    fn open(path: &Path) -> io::Result<(Source, u64)> {
        if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            files.sort();
            let bytes = files.iter().filter_map(|f| f.metadata().ok()).map(|m| m.len()).sum();
            Ok((Source::Files(files.into_iter()), bytes))
        } else {
            let file = File::open(path)?;
            let bytes = file.metadata()?.len();
            Ok((Source::Lines { reader: BufReader::new(file), number: 0 }, bytes))
        }
    }

    /// The next article and the bytes it took in the input; `Ok(None)` at the end.
    fn next(&mut self, default_date: Option<Date>) -> io::Result<Option<(Article, u64)>> {
        match self {
            Source::Files(files) => {
                let Some(path) = files.next() else { return Ok(None) };
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
                let id = path.file_name().map(|n| n.to_string_lossy().into_owned());
                let bytes = text.len() as u64;
                let article = Article { id: id.unwrap_or_default(), text, published: default_date };
                Ok(Some((article, bytes)))
            }
            Source::Lines { reader, number } => {
                let mut line = String::new();
                loop {
                    line.clear();
                    if reader.read_line(&mut line)? == 0 {
                        return Ok(None);
                    }
                    *number += 1;
                    if !line.trim().is_empty() {
                        break;
                    }
                }
                let bad = |message: String| io::Error::new(io::ErrorKind::InvalidData, message);
                let value: serde_json::Value = serde_json::from_str(&line)
                    .map_err(|e| bad(format!("line {number}: not JSON: {e}")))?;
                let text = value["text"]
                    .as_str()
                    .ok_or_else(|| bad(format!("line {number}: missing \"text\"")))?;
                let id = match &value["id"] {
                    serde_json::Value::String(id) => id.clone(),
                    serde_json::Value::Null => format!("line-{number}"),
                    other => other.to_string(),
                };
                let published = match value["published"].as_str() {
                    Some(date) => Some(
                        Document::parse_published(date)
                            .map_err(|e| bad(format!("line {number}: {e}")))?,
                    ),
                    None => default_date,
                };
                let article = Article { id, text: text.to_string(), published };
                Ok(Some((article, line.len() as u64)))
            }
        }
    }
}

/// A progress bar on stderr: `[#####.....] 120 documents, 1.2/2.4 MB, 3.1 MB/s`.
struct ProgressBar {
    total: u64,
    done: u64,
    docs: usize,
    start: Instant,
}

impl ProgressBar {
    fn update(&mut self, docs: usize, bytes: u64) {
        self.docs += docs;
        self.done += bytes;
        const WIDTH: u64 = 30;
        let filled = (self.done.min(self.total) * WIDTH).checked_div(self.total).unwrap_or(WIDTH);
        let bar: String = (0..WIDTH).map(|i| if i < filled { '#' } else { '.' }).collect();
        let mb = self.done as f64 / 1e6;
        let rate = mb / self.start.elapsed().as_secs_f64().max(1e-9);
        eprint!(
            "\r[{bar}] {} documents, {mb:.2}/{:.2} MB, {rate:.1} MB/s",
            self.docs,
            self.total as f64 / 1e6
        );
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("\nbatch: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> io::Result<()> {
    let usage = |m: &str| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{m}\nusage: batch PATH [--threads N] [--published YYYY-MM-DD]"),
        )
    };
    let mut path = None;
    let mut threads = 0;
    let mut published = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--threads" => {
                let n = args.next().ok_or_else(|| usage("--threads needs a value"))?;
                threads = n.parse().map_err(|_| usage("--threads takes a number"))?;
            }
            "--published" => {
                let d = args.next().ok_or_else(|| usage("--published needs a value"))?;
                let date = Document::parse_published(&d).map_err(|e| usage(&e.to_string()))?;
                published = Some(date);
            }
            _ if path.is_none() && !arg.starts_with("--") => path = Some(PathBuf::from(arg)),
            _ => return Err(usage(&format!("unexpected argument {arg:?}"))),
        }
    }
    let path = path.ok_or_else(|| usage("give a directory or a JSON Lines file"))?;
    let (mut source, total) = Source::open(&path)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;

    let extractor = Extractor::new();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut bar = ProgressBar { total, done: 0, docs: 0, start: Instant::now() };
    let mut chunk: Vec<Article> = Vec::with_capacity(CHUNK);
    loop {
        chunk.clear();
        let mut bytes = 0;
        while chunk.len() < CHUNK {
            let Some((article, size)) = source.next(published)? else { break };
            chunk.push(article);
            bytes += size;
        }
        if chunk.is_empty() {
            break;
        }
        let docs: Vec<Document<'_>> = chunk
            .iter()
            .map(|a| {
                let doc = Document::new(&a.text).with_id(&a.id);
                a.published.map_or(doc, |date| doc.with_published(date))
            })
            .collect();
        for analysis in extractor.extract_batch(&docs, threads) {
            serde_json::to_writer(&mut out, &analysis)?;
            out.write_all(b"\n")?;
        }
        bar.update(chunk.len(), bytes);
    }
    out.flush()?;
    eprintln!();
    Ok(())
}
