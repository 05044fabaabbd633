//! Load your own actors from a TSV gazetteer (format: `data/gazetteer/README.md`) and see
//! them resolved in a local news story the default gazetteer knows nothing about.
//!
//! ```text
//! cargo run --example custom_gazetteer [GAZETTEER.tsv [ARTICLE.txt]]
//! ```

use std::path::Path;
use std::process::ExitCode;

use newsextract::{Analysis, Extractor};

fn main() -> ExitCode {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let mut args = std::env::args_os().skip(1);
    let gazetteer = args.next().map_or_else(|| data.join("my_actors.tsv"), Into::into);
    let article = args.next().map_or_else(|| data.join("local_news.txt"), Into::into);
    let text = match std::fs::read_to_string(&article) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("custom_gazetteer: cannot read {}: {err}", article.display());
            return ExitCode::FAILURE;
        }
    };
    // A malformed file is reported with its line number, as an `Error` from `build`.
    let extractor = match Extractor::builder().gazetteer_file(&gazetteer).build() {
        Ok(extractor) => extractor,
        Err(err) => {
            eprintln!("custom_gazetteer: {err}");
            return ExitCode::FAILURE;
        }
    };
    let with = extractor.extract(&text);
    let without = Extractor::new().extract(&text);
    println!("With {}:", gazetteer.display());
    print_actors(&text, &with);
    println!("\nWith the default gazetteer only:");
    print_actors(&text, &without);
    ExitCode::SUCCESS
}

fn print_actors(text: &str, analysis: &Analysis) {
    for actor in &analysis.actors {
        let mentions: Vec<&str> = actor.mentions.iter().map(|m| &text[m.span]).collect();
        println!(
            "  {:<28} {:<14} {:<4} {:?}",
            actor.id,
            format!("{:?}", actor.kind),
            actor.sector.as_deref().unwrap_or("-"),
            mentions
        );
    }
    for acc in &analysis.accusations {
        println!("  accusation: {:?} -> {:?}", acc.accuser, acc.accused);
    }
}
