//! The `extract` example's contract: one output line per input line, error records in
//! place of bad lines, clear messages, and exit codes.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The example binary cargo built beside this test binary (`cargo test` builds examples).
fn extract_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile_dir = exe.parent().and_then(|deps| deps.parent()).expect("target profile dir");
    let bin = profile_dir.join("examples").join(format!("extract{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.exists(), "{} is missing: run `cargo test`, which builds examples", bin.display());
    bin
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(extract_bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn extract");
    let mut pipe = child.stdin.take().expect("stdin");
    let input = stdin.to_vec();
    // Write from another thread so a large input cannot deadlock against a full stdout.
    let writer = std::thread::spawn(move || pipe.write_all(&input));
    let output = child.wait_with_output().expect("wait for extract");
    writer.join().expect("writer thread").expect("write stdin");
    output
}

fn lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(output.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

fn temp_file(name: &str, content: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("newsextract-{}-{name}", std::process::id()));
    std::fs::write(&path, content).expect("write temp file");
    path
}

#[test]
fn jsonl_answers_every_line_in_order() {
    let input = concat!(
        r#"{"id":"a","text":"Talks resumed. Both sides met.","published":"2025-03-19"}"#,
        "\n",
        r#"{"id":"b","text":"No date here."}"#,
        "\n",
        r#"{"id":7,"text":"A numeric id."}"#,
        "\n",
    );
    let out = run(&["--jsonl"], input.as_bytes());
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let got = lines(&out);
    assert_eq!(got.len(), 3);
    assert_eq!(got[0]["id"], "a");
    assert_eq!(got[0]["published"], "2025-03-19");
    assert_eq!(got[0]["sentences"].as_array().map(Vec::len), Some(2));
    assert_eq!(got[1]["id"], "b");
    assert_eq!(got[2]["id"], "7");
}

#[test]
fn jsonl_bad_lines_become_error_records() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\":\"ok1\",\"text\":\"Fine.\"}\n");
    input.extend_from_slice(b"this is not json\n");
    input.extend_from_slice(b"{\"id\":\"no-text\"}\n");
    input.extend_from_slice(b"{\"id\":\"bad-date\",\"text\":\"x\",\"published\":\"2025-02-30\"}\n");
    input.extend_from_slice(b"{\"id\":\"latin1\",\"text\":\"caf\xe9\"}\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"{\"id\":\"ok2\",\"text\":\"Truncated last line, no newline.\"}");
    let out = run(&["--jsonl"], &input);
    assert_eq!(out.status.code(), Some(1), "any failed line makes the exit status 1");
    let got = lines(&out);
    assert_eq!(got.len(), 7, "one output line per input line");
    assert_eq!(got[0]["id"], "ok1");
    assert!(got[0].get("error").is_none());
    assert!(got[1]["error"].as_str().unwrap().starts_with("line 2: not a JSON object"));
    assert_eq!(got[2]["id"], "no-text");
    assert_eq!(got[2]["error"], "line 3: missing \"text\" field");
    assert_eq!(got[3]["id"], "bad-date");
    assert!(got[3]["error"].as_str().unwrap().contains("2025-02-30"));
    assert!(got[4]["error"].as_str().unwrap().starts_with("line 5: not UTF-8"));
    assert!(got[5]["error"].as_str().unwrap().starts_with("line 6: empty line"));
    assert_eq!(got[6]["id"], "ok2");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for n in 2..=6 {
        assert!(stderr.contains(&format!("line {n}:")), "stderr names line {n}: {stderr}");
    }
}

#[test]
fn file_mode_prints_pretty_json() {
    let path = temp_file("article.txt", b"Talks resumed on Tuesday. Both sides met.");
    let out = run(&[path.to_str().unwrap(), "--published", "2025-03-19", "--id", "x1"], b"");
    assert!(out.status.success());
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON value");
    assert_eq!(value["id"], "x1");
    assert_eq!(value["published"], "2025-03-19");
    assert!(String::from_utf8_lossy(&out.stdout).contains("\n  \"sentences\""), "pretty-printed");
}

#[test]
fn file_mode_errors_name_the_problem() {
    let latin1 = temp_file("latin1.txt", b"Caf\xe9 society.");
    let out = run(&[latin1.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("latin1.txt is not UTF-8: invalid byte at offset 3"), "{stderr}");

    let out = run(&["/nonexistent/article.txt"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/article.txt"));

    let ok = temp_file("ok.txt", b"Fine.");
    let out = run(&[ok.to_str().unwrap(), "--published", "19/03/2025"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid publication date"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [&["--bogus"][..], &[][..], &["--jsonl", "file.txt"][..], &["--published"][..]] {
        let out = run(args, b"");
        assert_eq!(out.status.code(), Some(2), "args {args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("usage: extract"));
    }
}

#[test]
fn threads_give_identical_output() {
    let article = include_str!("../examples/data/article.txt");
    let mut input = String::new();
    for i in 0..1200 {
        let cut = if i % 97 == 0 { 0 } else { (i * 37) % article.len() };
        let text = &article[..article.floor_char_boundary(cut)];
        let line =
            serde_json::json!({"id": format!("d{i}"), "text": text, "published": "2025-03-19"});
        input.push_str(&line.to_string());
        input.push('\n');
        if i % 250 == 3 {
            input.push_str("{broken\n");
        }
    }
    let one = run(&["--jsonl", "--threads", "1"], input.as_bytes());
    let three = run(&["--jsonl", "--threads", "3"], input.as_bytes());
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(one.stdout, three.stdout);
    assert_eq!(one.stderr, three.stderr);
    assert_eq!(lines(&one).len(), input.lines().count());
}
