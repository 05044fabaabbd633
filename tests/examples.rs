//! The teaching examples run and print what they promise; `extract --html` writes the view.

use std::path::PathBuf;
use std::process::{Command, Output};

/// An example binary cargo built beside this test binary (`cargo test` builds examples).
fn example(name: &str) -> Command {
    let exe = std::env::current_exe().expect("test binary path");
    let profile_dir = exe.parent().and_then(|deps| deps.parent()).expect("target profile dir");
    let bin = profile_dir.join("examples").join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.exists(), "{} is missing: run `cargo test`, which builds examples", bin.display());
    let mut command = Command::new(bin);
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn succeed(command: &mut Command) -> Output {
    let out = command.output().expect("run example");
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn temp_path(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("newsextract-examples-{}-{name}", std::process::id()))
}

#[test]
fn quickstart_prints_one_line_per_accusation() {
    let out = succeed(&mut example("quickstart"));
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    let text = include_str!("../examples/data/article.txt");
    let analysis = newsextract::Extractor::new().extract(
        newsextract::Document::new(text)
            .with_published(newsextract::Document::parse_published("2025-03-19").expect("date")),
    );
    assert_eq!(stdout.lines().count(), analysis.accusations.len());
    assert!(stdout.lines().all(|l| l.contains(" accused ")), "{stdout}");
}

#[test]
fn custom_gazetteer_resolves_the_user_actors() {
    let out = succeed(&mut example("custom_gazetteer"));
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    let (with, without) = stdout.split_once("With the default gazetteer only:").expect("two parts");
    let ids = |part: &str| -> Vec<String> {
        part.lines().filter_map(|l| l.split_whitespace().next()).map(str::to_string).collect()
    };
    let (with, without) = (ids(with), ids(without));
    for id in ["per:ana-ruiz-vidal", "org:valle-water"] {
        assert!(with.iter().any(|i| i == id), "{id} with the user gazetteer: {with:?}");
        assert!(!without.iter().any(|i| i == id), "{id} without it: {without:?}");
    }
}

#[test]
fn custom_gazetteer_reports_a_bad_line() {
    let bad = temp_path("bad.tsv");
    std::fs::write(&bad, "# comment\nper:x\tperson\tESP\n").expect("write");
    let out = example("custom_gazetteer").arg(&bad).output().expect("run");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 2") && stderr.contains("8 tab-separated columns"), "{stderr}");
}

#[test]
fn batch_reads_a_directory_and_a_jsonl_file() {
    let dir = temp_path("batch-dir");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let texts = ["Russia accused Ukraine of shelling.", "Talks resumed. Both sides met.", ""];
    for (i, text) in texts.iter().enumerate() {
        std::fs::write(dir.join(format!("{i}.txt")), text).expect("write");
    }
    std::fs::write(dir.join("notes.md"), "not an article").expect("write");
    let out = succeed(example("batch").arg(&dir).args(["--threads", "2"]));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().expect("id")).collect();
    assert_eq!(ids, ["0.txt", "1.txt", "2.txt"]);
    assert_eq!(lines[1]["sentences"].as_array().map(Vec::len), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("3 documents"));

    let jsonl = temp_path("batch.jsonl");
    let mut input = String::new();
    for i in 0..600 {
        let line = serde_json::json!({"id": format!("d{i}"), "text": texts[i % 3], "published": "2025-03-19"});
        input.push_str(&format!("{line}\n"));
    }
    std::fs::write(&jsonl, input).expect("write");
    let out = succeed(example("batch").arg(&jsonl));
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(stdout.lines().count(), 600);
    let last: serde_json::Value =
        serde_json::from_str(stdout.lines().last().expect("a line")).expect("JSON");
    assert_eq!(last["id"], "d599");
    assert_eq!(last["published"], "2025-03-19");
}

#[test]
fn extract_html_writes_the_view() {
    let page_path = temp_path("view.html");
    succeed(
        example("extract")
            .args(["examples/data/article.txt", "--published", "2025-03-19", "--html"])
            .arg(&page_path),
    );
    let page = std::fs::read_to_string(&page_path).expect("the page was written");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<table id=\"events\">") && page.contains("<tr id=\"ev0\""));
    assert!(page.contains("<mark class=\"m person\""));
    assert!(!page.contains("http://") && !page.contains("https://"), "no network resources");
}

#[test]
fn extract_jsonl_lines_validate_against_the_schema() {
    use std::io::Write;
    use std::process::Stdio;

    let validator = crate::schema::Validator::new();
    let mut child = example("extract")
        .arg("--jsonl")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn extract");
    let input = "{\"id\":\"a\",\"text\":\"Russia accused Ukraine on Monday.\"}\nnot json\n";
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
    let out = child.wait_with_output().expect("wait");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(validator.errors(&lines[0]), Vec::<String>::new());
    assert_eq!(validator.errors_of("ErrorLine", &lines[1]), Vec::<String>::new());
    assert!(!validator.errors_of("ErrorLine", &lines[0]).is_empty(), "an analysis is no error");
}
