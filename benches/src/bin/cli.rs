//! The command-line extractor timed as users run it: `extract --jsonl` over the
//! `NEWS_CORPUS` file, JSON parsing and writing included, on one thread and on every
//! core. Prints the best wall time of several runs, MB/s and the peak RSS, and checks
//! that every run answers each input line once and that the threaded output is
//! byte-identical to the one-thread output, so no run can get faster by doing less.
//!
//! ```text
//! cargo build --release --examples          # in the crate root: builds extract
//! NEWS_CORPUS=../../shared/corpus/news.jsonl cargo run --release --bin cli
//! ```
//!
//! `EXTRACT` names another extract binary (default `../target/release/examples/extract`).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Runs of each configuration; the best wall time is reported.
const ROUNDS: usize = 5;

/// One run: wall time, peak RSS (KB, sampled while it ran) and its output.
struct Run {
    wall: Duration,
    peak_rss_kb: u64,
    output: Vec<u8>,
}

fn main() {
    let corpus = PathBuf::from(std::env::var("NEWS_CORPUS").unwrap_or_else(|_| {
        fail("set NEWS_CORPUS to a JSON Lines corpus (../../shared/corpus/news.jsonl)")
    }));
    let extract = PathBuf::from(
        std::env::var("EXTRACT").unwrap_or_else(|_| "../target/release/examples/extract".into()),
    );
    if !extract.is_file() {
        fail(&format!(
            "{} is missing: run `cargo build --release --examples` in the crate root",
            extract.display()
        ));
    }
    let input = std::fs::read(&corpus)
        .unwrap_or_else(|err| fail(&format!("cannot read {}: {err}", corpus.display())));
    let lines = input.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
    let mb = input.len() as f64 / 1e6;
    println!("corpus: {lines} lines, {mb:.2} MB; extract: {}", extract.display());
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let mut reference: Option<Vec<u8>> = None;
    for threads in [1, cores] {
        let mut best: Option<Run> = None;
        for _ in 0..ROUNDS {
            let run = run(&extract, &corpus, threads);
            let answered = run.output.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
            assert_eq!(answered, lines, "{threads} thread(s): one output line per input line");
            if best.as_ref().is_none_or(|b| run.wall < b.wall) {
                best = Some(run);
            }
        }
        let Some(best) = best else { return };
        match &reference {
            None => reference = Some(best.output.clone()),
            Some(one) => assert!(*one == best.output, "{threads} threads: output differs"),
        }
        let secs = best.wall.as_secs_f64();
        println!(
            "extract --jsonl --threads {threads}: {secs:.3} s, {:.1} MB/s, peak RSS {:.1} MB",
            mb / secs,
            best.peak_rss_kb as f64 / 1024.0
        );
        if cores == 1 {
            break;
        }
    }
}

/// Runs `extract --jsonl --threads N` with `corpus` as stdin and its output in a
/// temporary file, sampling the child's peak RSS every few milliseconds.
fn run(extract: &Path, corpus: &Path, threads: usize) -> Run {
    let out_path =
        std::env::temp_dir().join(format!("newsextract-cli-{}.jsonl", std::process::id()));
    let stdin = File::open(corpus).unwrap_or_else(|err| fail(&format!("{err}")));
    let stdout = File::create(&out_path).unwrap_or_else(|err| fail(&format!("{err}")));
    let start = Instant::now();
    let mut child = Command::new(extract)
        .args(["--jsonl", "--threads", &threads.to_string()])
        .stdin(stdin)
        .stdout(stdout)
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|err| fail(&format!("cannot run {}: {err}", extract.display())));
    let status_path = format!("/proc/{}/status", child.id());
    let done = AtomicBool::new(false);
    let (status, wall, peak_rss_kb) = std::thread::scope(|scope| {
        // The peak is sampled on a thread of its own, so that the wait below ends the
        // timing as soon as the child exits.
        let sampler = scope.spawn(|| {
            let mut peak = 0;
            while !done.load(Ordering::Relaxed) {
                peak = high_water_mark_kb(&status_path).max(peak);
                std::thread::sleep(Duration::from_millis(2));
            }
            peak
        });
        let status = child.wait().unwrap_or_else(|err| fail(&format!("{err}")));
        let wall = start.elapsed();
        done.store(true, Ordering::Relaxed);
        (status, wall, sampler.join().unwrap_or(0))
    });
    assert!(status.success(), "extract exited with {status}");
    let output = std::fs::read(&out_path).unwrap_or_else(|err| fail(&format!("{err}")));
    let _ = std::fs::remove_file(&out_path);
    Run { wall, peak_rss_kb, output }
}

/// The `VmHWM` (peak resident set) of a process's `/proc/PID/status`, in KB; 0 when it
/// cannot be read (the process has ended, or no /proc).
fn high_water_mark_kb(status_path: &str) -> u64 {
    std::fs::read_to_string(status_path)
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

fn fail(message: &str) -> ! {
    eprintln!("cli bench: {message}");
    std::process::exit(2);
}
