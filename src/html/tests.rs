use super::{escape_into, render};
use crate::{Analysis, Document, Extractor, Span};

const ARTICLE: &str = include_str!("../../examples/data/article.txt");

fn bundled() -> (Analysis, String) {
    let published = Document::parse_published("2025-03-19").expect("valid date");
    let analysis = Extractor::new().extract(Document::new(ARTICLE).with_published(published));
    let page = render(ARTICLE, &analysis);
    (analysis, page)
}

fn count(page: &str, needle: &str) -> usize {
    page.matches(needle).count()
}

#[test]
fn escapes_markup() {
    let table = [
        ("plain", "plain"),
        ("a < b && c > d", "a &lt; b &amp;&amp; c &gt; d"),
        ("\"quoted\" 'single'", "&quot;quoted&quot; &#39;single&#39;"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("Zelenskyy’s «mot»", "Zelenskyy’s «mot»"),
    ];
    for (input, want) in table {
        let mut out = String::new();
        escape_into(&mut out, input);
        assert_eq!(out, want, "{input:?}");
    }
}

#[test]
fn bundled_article_has_highlights_and_tables() {
    let (analysis, page) = bundled();
    assert!(page.starts_with("<!DOCTYPE html>"));
    // Every sentence is an anchor, exactly once.
    for i in 0..analysis.sentences.len() {
        assert_eq!(count(&page, &format!(" id=\"s{i}\"")), 1, "sentence {i}");
    }
    // Actor mentions are highlighted with their kind and id.
    let putin = analysis.actors.iter().find(|a| a.name == "Vladimir Putin").expect("Putin");
    assert!(count(&page, &format!("<mark class=\"m person\" data-actor=\"{}\"", putin.id)) >= 2);
    // Quotes carry their speaker.
    let spoken = analysis.quotes.iter().position(|q| q.speaker.is_some()).expect("a quote");
    let speaker = analysis.quotes[spoken].speaker.as_deref().expect("speaker");
    assert!(
        page.contains(&format!(
            "id=\"q{spoken}\" data-quote=\"{spoken}\" data-speaker=\"{speaker}\""
        ))
    );
    // One table row per accusation and per event, each linking to its sentence.
    assert!(page.contains("<table id=\"events\">"));
    assert!(page.contains("<table id=\"accusations\">"));
    assert!(!analysis.events.is_empty() && !analysis.accusations.is_empty());
    for (i, ev) in analysis.events.iter().enumerate() {
        let row = format!("<tr id=\"ev{i}\" data-event=\"{i}\">");
        let at = page.find(&row).unwrap_or_else(|| panic!("row of event {i}"));
        let end = at + page[at..].find("</tr>").expect("row end");
        assert!(page[at..end].contains(&format!("<a href=\"#s{0}\">s{0}</a>", ev.sentence)));
    }
    assert_eq!(count(&page, "<tr id=\"acc"), analysis.accusations.len());
    assert_eq!(count(&page, "<tr id=\"quote"), analysis.quotes.len());
    assert!(page.contains(&format!("<a href=\"#quote={spoken}\">q{spoken}</a>")));
    // Every event's trigger is highlighted in the text.
    for i in 0..analysis.events.len() {
        assert!(page.contains(&format!("<span class=\"trigger\" data-event=\"{i}\"")), "{i}");
    }
}

#[test]
fn the_text_survives_rendering() {
    // Stripping the tags of the article part and unescaping gives back every word.
    let (_, page) = bundled();
    let start = page.find("<article id=\"text\">").expect("article");
    let end = page.find("</article>").expect("article end");
    let mut text = String::new();
    let mut in_tag = false;
    for c in page[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
    let text = text.replace("&#39;", "'").replace("&amp;", "&");
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(words(&text), words(ARTICLE));
}

#[test]
fn hostile_markup_and_bad_spans_render_safely() {
    let text = "<b>Putin</b> & \"Trump\" met. <script>x</script> é";
    let mut analysis = Extractor::new().extract(text);
    // Spans past the end or inside a character are skipped, not a panic.
    analysis.events.clear();
    if let Some(actor) = analysis.actors.first_mut() {
        actor.mentions[0].span = Span::new(text.len() - 1, text.len() + 10);
    }
    analysis.sentences.push(crate::segment::Sentence { span: Span::new(48, 500), paragraph: 0 });
    let page = render(text, &analysis);
    assert!(!page.contains("<b>") && !page.contains("<script>x"));
    assert!(page.contains("&lt;script&gt;x&lt;/script&gt;"));
    assert!(page.contains("é"));
    // Text outside every paragraph still appears.
    let bare = Analysis::default();
    assert!(render("orphan words", &bare).contains("<p class=\"para loose\">orphan words</p>"));
}

#[test]
fn crossing_spans_nest_properly() {
    // Open and close tags balance however the spans cross.
    let (_, page) = bundled();
    let body = &page[page.find("<article").expect("a")..page.find("</article>").expect("b")];
    for (open, close) in [("<span", "</span>"), ("<mark", "</mark>"), ("<p ", "</p>")] {
        assert_eq!(count(body, open), count(body, close), "{open}");
    }
    let mut depth = 0i64;
    for (i, _) in body.match_indices('<') {
        if body[i..].starts_with("</") {
            depth -= 1;
        } else if !body[i..].starts_with("<article") {
            depth += 1;
        }
        assert!(depth >= 0, "a closing tag before its opening at {i}");
    }
}

#[test]
fn hostile_input_renders_in_linear_time() {
    // Many quotes, many actors, one huge paragraph: must finish quickly and stay balanced.
    let text = "\"Russia\" said \"Ukraine\" <&> ".repeat(20_000);
    let analysis = Extractor::new().extract(text.as_str());
    let start = std::time::Instant::now();
    let page = render(&text, &analysis);
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
    let body = &page[page.find("<article").expect("a")..page.find("</article>").expect("b")];
    assert_eq!(count(body, "<span"), count(body, "</span>"));
    assert_eq!(count(body, "&lt;&amp;&gt;"), 20_000);
}
