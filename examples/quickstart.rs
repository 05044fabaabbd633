//! Build the extractor, analyze the bundled article and print who accused whom.
use newsextract::{Document, Extractor};

fn main() -> Result<(), newsextract::Error> {
    let text = include_str!("data/article.txt");
    let doc = Document::new(text).with_published(Document::parse_published("2025-03-19")?);
    let analysis = Extractor::new().extract(doc);
    let name = |id: &String| analysis.actor(id).map_or(id.clone(), |a| a.name.clone());
    for acc in &analysis.accusations {
        let who: Vec<String> = acc.accuser.iter().map(name).collect();
        let whom: Vec<String> = acc.accused.iter().map(name).collect();
        let what = acc.allegation.map_or("", |span| &text[span]);
        println!("{} accused {}: {what}", who.join(", "), whom.join(", "));
    }
    Ok(())
}
