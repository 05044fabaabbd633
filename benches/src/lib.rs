//! The benchmark corpus: the JSONL file named by `NEWS_CORPUS` (for example
//! `../shared/corpus/news.jsonl`, protocol lines `{"id","text","published"}`), or the
//! bundled seed article when the variable is unset.

use jiff::civil::Date;
use newsextract::Document;

/// One corpus article, owned.
pub struct Article {
    /// The article's text.
    pub text: String,
    /// Its publication date, when the corpus gives one.
    pub published: Option<Date>,
}

impl Article {
    /// The article as a [`Document`].
    pub fn document(&self) -> Document<'_> {
        let doc = Document::new(&self.text);
        match self.published {
            Some(date) => doc.with_published(date),
            None => doc,
        }
    }
}

/// Loads the corpus; panics with a clear message when `NEWS_CORPUS` names a bad file.
pub fn load_corpus() -> Vec<Article> {
    let Ok(path) = std::env::var("NEWS_CORPUS") else {
        let text = include_str!("../../examples/data/article.txt").to_string();
        return vec![Article { text, published: Some(jiff::civil::date(2025, 3, 19)) }];
    };
    let data = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("NEWS_CORPUS={path}: cannot read: {err}"));
    data.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let value: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|err| panic!("{path}, line {}: {err}", i + 1));
            let text = value["text"].as_str().unwrap_or_default().to_string();
            let published =
                value["published"].as_str().and_then(|p| Document::parse_published(p).ok());
            Article { text, published }
        })
        .collect()
}

/// Total text bytes of the corpus.
pub fn corpus_bytes(corpus: &[Article]) -> u64 {
    corpus.iter().map(|a| a.text.len() as u64).sum()
}
