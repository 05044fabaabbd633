//! The `extract` example's contract: one output line per input line, error records in
//! place of bad lines, clear messages, and exit codes.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};

/// The example binary cargo built beside this test binary (`cargo test` builds examples).
fn extract_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile_dir = exe.parent().and_then(|deps| deps.parent()).expect("target profile dir");
    let bin = profile_dir.join("examples").join(format!("extract{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.exists(), "{} is missing: run `cargo test`, which builds examples", bin.display());
    bin
}

/// Starts the extractor with every standard stream piped.
fn spawn(args: &[&str]) -> Child {
    Command::new(extract_bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn extract")
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = spawn(args);
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
fn piped_stdin_without_a_file_speaks_the_protocol() {
    let out = run(&[], b"{\"id\":\"p\",\"text\":\"One. Two.\"}\n");
    assert!(out.status.success());
    let got = lines(&out);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["id"], "p");
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
    for args in [
        &["--bogus"][..],
        &["--jsonl", "file.txt"][..],
        &["--published"][..],
        &["--published", "2025-03-19"][..],
    ] {
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
        let cut = (0..=cut).rev().find(|&c| article.is_char_boundary(c)).unwrap_or(0);
        let text = &article[..cut];
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

/// The error records and the analyses of a JSONL run, by output line.
fn split_records(out: &Output) -> Vec<Result<serde_json::Value, String>> {
    lines(out)
        .into_iter()
        .map(|v| match v.get("error") {
            Some(e) => Err(e.as_str().expect("error is a string").to_string()),
            None => Ok(v),
        })
        .collect()
}

#[test]
fn jsonl_under_load_answers_every_line() {
    // 100,000 lines, every hundredth broken in one of five ways.
    const LINES: usize = 100_000;
    let broken: [&[u8]; 5] = [
        b"{\"id\":\"x\",\"text\":\"unterminated",
        b"{\"id\":\"x\"}",
        b"{\"id\":\"x\",\"text\":\"Talks.\",\"published\":\"2025-02-30\"}",
        b"{\"id\":\"x\",\"text\":\"Caf\xe9.\"}",
        b"",
    ];
    let mut input = Vec::new();
    for n in 1..=LINES {
        if n % 100 == 0 {
            input.extend_from_slice(broken[(n / 100) % broken.len()]);
        } else {
            let day = 1 + n % 28;
            let line = format!(
                "{{\"id\":\"d{n}\",\"text\":\"Talks resumed on Tuesday. Putin met Trump.\",\"published\":\"2025-03-{day:02}\"}}"
            );
            input.extend_from_slice(line.as_bytes());
        }
        input.push(b'\n');
    }
    let out = run(&["--jsonl", "--threads", "2"], &input);
    assert_eq!(out.status.code(), Some(1));
    let records = split_records(&out);
    assert_eq!(records.len(), LINES, "exactly one output line per input line");
    for (i, record) in records.iter().enumerate() {
        let n = i + 1;
        match record {
            Ok(analysis) => {
                assert!(n % 100 != 0, "broken line {n} was analyzed");
                assert_eq!(analysis["id"], format!("d{n}"), "line {n} out of order");
                assert_eq!(analysis["sentences"].as_array().map(Vec::len), Some(2));
            }
            Err(error) => {
                assert!(n % 100 == 0, "good line {n} failed: {error}");
                assert!(error.starts_with(&format!("line {n}: ")), "{error:?} names line {n}");
            }
        }
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), LINES / 100, "one message per broken line");
}

#[test]
fn jsonl_truncated_last_line() {
    let good = b"{\"id\":\"a\",\"text\":\"Talks resumed.\"}\n";
    // Complete JSON without the final newline is a line like any other.
    let mut input = good.to_vec();
    input.extend_from_slice(b"{\"id\":\"b\",\"text\":\"No newline.\"}");
    let out = run(&["--jsonl"], &input);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records = split_records(&out);
    assert_eq!(records.len(), 2);
    assert_eq!(records[1].as_ref().expect("analysis")["id"], "b");
    assert!(out.stdout.ends_with(b"}\n"), "the last output line is terminated");

    // A line cut off inside the JSON (a killed producer) is an error record for that line.
    let mut input = good.repeat(3);
    input.extend_from_slice(b"{\"id\":\"d\",\"text\":\"Cut off in the mid");
    let out = run(&["--jsonl"], &input);
    assert_eq!(out.status.code(), Some(1));
    let records = split_records(&out);
    assert_eq!(records.len(), 4);
    assert!(records[..3].iter().all(Result::is_ok));
    let error = records[3].as_ref().expect_err("error record");
    assert!(error.starts_with("line 4: not a JSON object"), "{error}");
}

#[test]
fn jsonl_non_utf8_bytes_inside_lines() {
    let cases: [&[u8]; 5] = [
        b"{\"id\":\"a\",\"text\":\"Caf\xe9 talks.\"}", // Latin-1
        b"{\"id\":\"b\",\"text\":\"\xed\xa0\x80 surrogate\"}", // an encoded surrogate
        b"{\"id\":\"c\",\"text\":\"cut \xe2\x80\"}",   // a truncated sequence
        b"{\"id\":\"d\",\"text\":\"ok\"}\xff",         // after the object
        b"\xef\xbb\xbf{\"id\":\"e\",\"text\":\"BOM\"}", // a byte order mark (valid UTF-8, not JSON)
    ];
    let mut input = Vec::new();
    for case in cases {
        input.extend_from_slice(case);
        input.extend_from_slice(b"\n{\"id\":\"ok\",\"text\":\"Fine.\"}\n");
    }
    let out = run(&["--jsonl"], &input);
    assert_eq!(out.status.code(), Some(1));
    let records = split_records(&out);
    assert_eq!(records.len(), 2 * cases.len());
    for (i, pair) in records.chunks(2).enumerate() {
        let error = pair[0].as_ref().expect_err("error record");
        let n = 2 * i + 1;
        let expected =
            if i < 4 { "not UTF-8: invalid byte at offset" } else { "not a JSON object" };
        assert!(error.starts_with(&format!("line {n}: {expected}")), "{error}");
        assert_eq!(pair[1].as_ref().expect("analysis")["id"], "ok", "line {}", n + 1);
    }
}

#[test]
fn jsonl_crlf_and_lone_cr() {
    // CRLF line ends are one line end; the CR never reaches the JSON parser.
    let input = b"{\"id\":\"a\",\"text\":\"One.\"}\r\n{\"id\":\"b\",\"text\":\"Two.\"}\r\n";
    let out = run(&["--jsonl"], input);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records = split_records(&out);
    assert_eq!(records.len(), 2);
    assert_eq!(records[1].as_ref().expect("analysis")["id"], "b");
    assert!(!out.stdout.contains(&b'\r'), "output lines end with LF only");

    // JSON Lines ends lines with LF only: two objects separated by a lone CR are one bad line.
    let input = b"{\"id\":\"a\",\"text\":\"One.\"}\r{\"id\":\"b\",\"text\":\"Two.\"}\r";
    let out = run(&["--jsonl"], input);
    assert_eq!(out.status.code(), Some(1));
    let records = split_records(&out);
    assert_eq!(records.len(), 1);
    let error = records[0].as_ref().expect_err("error record");
    assert!(error.starts_with("line 1: not a JSON object"), "{error}");

    // CRs inside the text (JSON-escaped) are the article's own line breaks.
    let input = b"{\"id\":\"c\",\"text\":\"Putin spoke.\\r\\nTrump spoke.\\rZelenskyy spoke.\"}\n";
    let out = run(&["--jsonl"], input);
    assert!(out.status.success());
    let records = split_records(&out);
    assert_eq!(
        records[0].as_ref().expect("analysis")["sentences"].as_array().map(Vec::len),
        Some(3)
    );
}

#[test]
fn jsonl_long_names_and_lines() {
    let name = "Vladimirovich".repeat(50_000);
    let text = format!("President {name} said talks resumed. \u{201c}Yes,\u{201d} {name} said.");
    let line = serde_json::json!({"id": "long", "text": text, "published": "2025-03-19"});
    let input = format!("{line}\n{line}\n");
    let out = run(&["--jsonl"], input.as_bytes());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records = split_records(&out);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0], records[1], "same line, same record");
}

#[test]
fn jsonl_output_into_a_closed_pipe_ends_quietly() {
    // Like `extract --jsonl < big.jsonl | head -n 1`: the reader goes away after one line.
    let line = b"{\"id\":\"x\",\"text\":\"Talks resumed on Tuesday. Putin met Trump.\"}\n";
    let input = line.repeat(50_000);
    let mut child = spawn(&["--jsonl"]);
    let mut pipe = child.stdin.take().expect("stdin");
    // The writer may itself hit a closed pipe once extract has exited: that is expected.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut first).expect("first line");
    assert!(first.starts_with("{\"id\":\"x\""), "{first}");
    drop(stdout);
    let out = child.wait_with_output().expect("wait for extract");
    writer.join().expect("writer thread");
    assert!(out.status.success(), "exit status {:?}", out.status);
    assert!(out.stderr.is_empty(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn jsonl_answers_a_live_feed_line_by_line() {
    // Like `tail -f feed.jsonl | extract`: each analysis must come out while the input
    // stays open, not once a batch of lines has gathered or the input has ended.
    for threads in ["1", "2"] {
        let mut child = spawn(&["--jsonl", "--threads", threads]);
        let mut pipe = child.stdin.take().expect("stdin");
        let stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        let (sender, answers) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in std::io::BufRead::lines(stdout) {
                if sender.send(line.expect("read stdout")).is_err() {
                    break;
                }
            }
        });
        for id in ["first", "second"] {
            let line = format!("{{\"id\":\"{id}\",\"text\":\"Putin met Trump on Tuesday.\"}}\n");
            pipe.write_all(line.as_bytes()).expect("write a line");
            pipe.flush().expect("flush stdin");
            // A generous bound, only so that a held-back answer fails the test instead
            // of hanging it.
            let answer =
                answers.recv_timeout(std::time::Duration::from_secs(120)).unwrap_or_else(|_| {
                    panic!("--threads {threads}: no answer to {id:?} while stdin is open")
                });
            let record: serde_json::Value = serde_json::from_str(&answer).expect("JSON");
            assert_eq!(record["id"], id, "--threads {threads}");
            assert_eq!(record["actors"].as_array().map(Vec::len), Some(2), "{answer}");
        }
        drop(pipe);
        let status = child.wait().expect("wait for extract");
        assert!(status.success(), "--threads {threads}: {status:?}");
        reader.join().expect("stdout reader");
        assert!(answers.try_recv().is_err(), "nothing after the end of the input");
    }
}

/// The ids of the actors of one analysis record.
fn actor_ids(record: &serde_json::Value) -> Vec<String> {
    let actors = record["actors"].as_array().expect("actors list");
    actors.iter().map(|a| a["id"].as_str().expect("actor id").to_string()).collect()
}

#[test]
fn actor_files_extend_the_default_gazetteer() {
    let tsv = temp_file(
        "actors.tsv",
        "# id\tkind\tcountry\tname\taliases\tdemonyms\troles\tflags\n\
         org:zephyr-grain\torganization\tKEN\tZephyr Grain Cooperative\tZephyr Grain\t\t\t\n"
            .as_bytes(),
    );
    let phoenix = temp_file("phoenix.txt", b"REPUBLIC_OF_FREEDONIA_  [FRE]\n+FREEDONIA_\n");
    let input = "{\"id\":\"g\",\"text\":\"Freedonia accused Zephyr Grain of hoarding wheat.\"}\n";
    let (tsv_arg, phoenix_arg) = (tsv.to_str().expect("path"), phoenix.to_str().expect("path"));
    let with = run(
        &["--jsonl", "--gazetteer", tsv_arg, "--phoenix-actors", phoenix_arg],
        input.as_bytes(),
    );
    let without = run(&["--jsonl"], input.as_bytes());
    std::fs::remove_file(&tsv).ok();
    std::fs::remove_file(&phoenix).ok();
    assert!(with.status.success(), "{}", String::from_utf8_lossy(&with.stderr));
    let ids = actor_ids(&lines(&with)[0]);
    assert!(ids.iter().any(|id| id == "org:zephyr-grain"), "{ids:?}");
    assert!(ids.iter().any(|id| id == "phoenix:republic_of_freedonia"), "{ids:?}");
    let ids = actor_ids(&lines(&without)[0]);
    assert!(
        !ids.iter().any(|id| id == "org:zephyr-grain" || id.starts_with("phoenix:")),
        "{ids:?}"
    );
}

#[test]
fn a_malformed_actor_file_stops_the_run_naming_file_and_line() {
    let bad = temp_file("bad.txt", b"# a comment\n\t[FRE]\n");
    let out = run(&["--jsonl", "--phoenix-actors", bad.to_str().expect("path")], b"");
    let missing = run(&["--jsonl", "--gazetteer", "/no/such/actors.tsv"], b"");
    let bare = run(&["--jsonl", "--gazetteer"], b"");
    std::fs::remove_file(&bad).ok();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{}, line 2:", bad.display())), "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no/such/actors.tsv"));
    assert_eq!(bare.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bare.stderr).contains("--gazetteer needs a FILE"));
}
