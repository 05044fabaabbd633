//! A self-contained HTML view of an analysis, in the spirit of displaCy but for events.
//!
//! [`render`] writes one page with no network resources (inline CSS and JavaScript): the
//! article with actor mentions, dates, quotes, event triggers and accusation cues
//! highlighted in distinct colors with a legend; each quote linked to its speaker
//! (hovering or clicking a quote or a mention highlights every mention of that actor); and
//! tables of actors, quotes, accusations and events whose rows link to their evidence sentences
//! (each sentence is an anchor, `#s0`, `#s1`, ...).
//!
//! ```
//! use newsextract::{Extractor, html};
//!
//! let text = "Russia accused Ukraine of shelling Kursk.";
//! let analysis = Extractor::new().extract(text);
//! let page = html::render(text, &analysis);
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! assert!(page.contains(r#"<span class="sent" id="s0">"#));
//! ```

use core::fmt::Write;

use crate::Analysis;
use crate::actor::ActorKind;
use crate::quote::QuoteKind;
use crate::span::Span;

/// Renders `analysis` of `text` as one self-contained HTML page.
///
/// Every piece of text is HTML-escaped. Spans that do not fit `text` (out of range or not
/// on character boundaries) are clipped or skipped, so any analysis renders.
pub fn render(text: &str, analysis: &Analysis) -> String {
    let mut page = String::with_capacity(text.len() * 3 + 16_384);
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str("<title>newsextract: ");
    let title = analysis.id.as_deref().unwrap_or_else(|| {
        analysis.sentences.first().and_then(|s| text.get(s.span.start..s.span.end)).unwrap_or("")
    });
    escape_into(&mut page, truncate(title, 90));
    page.push_str("</title>\n<style>");
    page.push_str(STYLE);
    page.push_str("</style>\n</head>\n<body>\n<header>\n<h1>newsextract</h1>\n");
    summary(&mut page, analysis);
    page.push_str(LEGEND);
    page.push_str("</header>\n<main>\n<article id=\"text\">\n");
    Annotator::new(text, analysis).write(&mut page);
    page.push_str("</article>\n");
    actor_table(&mut page, analysis);
    quote_table(&mut page, text, analysis);
    accusation_table(&mut page, text, analysis);
    event_table(&mut page, text, analysis);
    page.push_str("</main>\n<script>");
    page.push_str(SCRIPT);
    page.push_str("</script>\n</body>\n</html>\n");
    page
}

/// The first `max` characters of `s`.
fn truncate(s: &str, max: usize) -> &str {
    s.char_indices().nth(max).map_or(s, |(i, _)| &s[..i])
}

/// Appends `s` with `&`, `<`, `>`, `"` and `'` escaped.
fn escape_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// The text of `span`, or `""` when it does not fit `text`.
fn slice(text: &str, span: Span) -> &str {
    text.get(span.start..span.end).unwrap_or("")
}

fn kind_class(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "person",
        ActorKind::Country => "country",
        ActorKind::Government => "government",
        ActorKind::Organization => "organization",
        ActorKind::Location => "location",
        ActorKind::Group => "group",
    }
}

fn quote_class(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Indirect => "indirect",
    }
}

fn summary(out: &mut String, a: &Analysis) {
    let _ = writeln!(
        out,
        "<p class=\"summary\">{} sentences · {} actors · {} dates · {} quotes · \
         {} accusations · {} events{}</p>",
        a.sentences.len(),
        a.actors.len(),
        a.dates.len(),
        a.quotes.len(),
        a.accusations.len(),
        a.events.len(),
        a.published.map(|d| format!(" · published {d}")).unwrap_or_default(),
    );
}

/// One highlighted layer of the text, from the outermost (paragraph) to the innermost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    /// Text outside every paragraph that is not whitespace.
    Loose,
    Paragraph(usize),
    Sentence(usize),
    Quote(usize),
    /// A leaf highlight: its start and end (for nesting order), then what it is.
    Leaf(usize, core::cmp::Reverse<usize>, Leaf),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Leaf {
    /// Actor index, mention index.
    Mention(usize, usize),
    Date(usize),
    /// Quote index whose speaker is named here.
    Speaker(usize),
    /// Event index.
    Trigger(usize),
    /// Accusation index.
    Cue(usize),
}

/// Writes the text with every record's span as nested elements.
///
/// The text is cut at every span boundary; each piece is wrapped in the stack of layers
/// covering it. Between pieces the open elements are closed down to the first layer that
/// differs and the new ones opened, so crossing spans render as adjacent fragments (only
/// the first fragment of a sentence or quote carries its anchor id).
struct Annotator<'a> {
    text: &'a str,
    analysis: &'a Analysis,
    /// (offset, is_start, layer), sorted by offset.
    edges: Vec<(usize, bool, Layer)>,
}

impl<'a> Annotator<'a> {
    fn new(text: &'a str, analysis: &'a Analysis) -> Annotator<'a> {
        let mut edges = Vec::new();
        let mut add = |span: Span, layer: Layer| {
            let end = span.end.min(text.len());
            if span.start < end && text.is_char_boundary(span.start) && text.is_char_boundary(end) {
                edges.push((span.start, true, layer));
                edges.push((end, false, layer));
            }
        };
        let leaf =
            |span: Span, leaf: Leaf| Layer::Leaf(span.start, core::cmp::Reverse(span.end), leaf);
        for (i, p) in analysis.paragraphs.iter().enumerate() {
            add(p.span, Layer::Paragraph(i));
        }
        for (i, s) in analysis.sentences.iter().enumerate() {
            add(s.span, Layer::Sentence(i));
        }
        for (i, q) in analysis.quotes.iter().enumerate() {
            add(q.span, Layer::Quote(i));
            if let Some(span) = q.speaker_span {
                add(span, leaf(span, Leaf::Speaker(i)));
            }
        }
        for (a, actor) in analysis.actors.iter().enumerate() {
            for (m, mention) in actor.mentions.iter().enumerate() {
                add(mention.span, leaf(mention.span, Leaf::Mention(a, m)));
            }
        }
        for (i, d) in analysis.dates.iter().enumerate() {
            add(d.span, leaf(d.span, Leaf::Date(i)));
        }
        for (i, e) in analysis.events.iter().enumerate() {
            add(e.trigger, leaf(e.trigger, Leaf::Trigger(i)));
        }
        for (i, acc) in analysis.accusations.iter().enumerate() {
            add(acc.cue, leaf(acc.cue, Leaf::Cue(i)));
        }
        edges.sort_unstable_by_key(|&(offset, _, _)| offset);
        Annotator { text, analysis, edges }
    }

    fn write(&self, out: &mut String) {
        let mut active: Vec<Layer> = Vec::new();
        let mut open: Vec<Layer> = Vec::new();
        let mut desired: Vec<Layer> = Vec::new();
        let mut anchored_sentences = vec![false; self.analysis.sentences.len()];
        let mut anchored_quotes = vec![false; self.analysis.quotes.len()];
        let mut pos = 0;
        let mut e = 0;
        while pos < self.text.len() {
            while e < self.edges.len() && self.edges[e].0 <= pos {
                let (_, start, layer) = self.edges[e];
                if start {
                    let at = active.partition_point(|l| *l < layer);
                    active.insert(at, layer);
                } else if let Some(at) = active.iter().position(|l| *l == layer) {
                    active.remove(at);
                }
                e += 1;
            }
            let next = self.edges.get(e).map_or(self.text.len(), |edge| edge.0);
            let piece = &self.text[pos..next];
            // Text outside every paragraph is whitespace between paragraphs: drop it, but
            // keep anything else so no word of the article is lost.
            let outside = !matches!(active.first(), Some(Layer::Paragraph(_)));
            if !(outside && piece.trim().is_empty()) {
                desired.clear();
                if outside {
                    desired.push(Layer::Loose);
                }
                desired.extend_from_slice(&active);
                let common = open.iter().zip(&desired).take_while(|(a, b)| a == b).count();
                while open.len() > common {
                    let layer = open.pop().expect("non-empty");
                    out.push_str(closing(layer));
                }
                for &layer in &desired[common..] {
                    self.opening(out, layer, &mut anchored_sentences, &mut anchored_quotes);
                    open.push(layer);
                }
                escape_into(out, piece);
            }
            pos = next;
        }
        while let Some(layer) = open.pop() {
            out.push_str(closing(layer));
        }
    }

    fn opening(
        &self,
        out: &mut String,
        layer: Layer,
        anchored_sentences: &mut [bool],
        anchored_quotes: &mut [bool],
    ) {
        let a = self.analysis;
        match layer {
            Layer::Loose => out.push_str("<p class=\"para loose\">"),
            Layer::Paragraph(i) => {
                let kind = format!("{:?}", a.paragraphs[i].kind).to_ascii_lowercase();
                let _ = write!(out, "<p class=\"para {kind}\">");
            }
            Layer::Sentence(i) => {
                if core::mem::replace(&mut anchored_sentences[i], true) {
                    let _ = write!(out, "<span class=\"sent\" data-sentence=\"{i}\">");
                } else {
                    let _ = write!(out, "<span class=\"sent\" id=\"s{i}\">");
                }
            }
            Layer::Quote(i) => {
                let q = &a.quotes[i];
                let _ = write!(out, "<span class=\"quote {}\"", quote_class(q.kind));
                if !core::mem::replace(&mut anchored_quotes[i], true) {
                    let _ = write!(out, " id=\"q{i}\"");
                }
                let _ = write!(out, " data-quote=\"{i}\"");
                let speaker = q.speaker.as_deref().and_then(|id| a.actor(id));
                if let Some(speaker) = speaker {
                    out.push_str(" data-speaker=\"");
                    escape_into(out, &speaker.id);
                    out.push_str("\" title=\"");
                    let _ = write!(out, "{} quote by ", quote_class(q.kind));
                    escape_into(out, &speaker.name);
                } else {
                    let _ = write!(out, " title=\"{} quote, speaker unknown", quote_class(q.kind));
                }
                out.push_str("\">");
            }
            Layer::Leaf(_, _, Leaf::Mention(ai, mi)) => {
                let actor = &a.actors[ai];
                let mention = &actor.mentions[mi];
                let _ = write!(out, "<mark class=\"m {}\" data-actor=\"", kind_class(actor.kind));
                escape_into(out, &actor.id);
                out.push_str("\" title=\"");
                escape_into(out, &actor.name);
                let _ = write!(out, " ({}", kind_class(actor.kind));
                if let Some(country) = &actor.country {
                    out.push_str(", ");
                    escape_into(out, country);
                }
                let _ = write!(out, "; {:?} mention)\">", mention.form);
            }
            Layer::Leaf(_, _, Leaf::Date(i)) => {
                let d = &a.dates[i];
                out.push_str("<mark class=\"date\" title=\"");
                let _ = write!(out, "{:?} ", d.kind);
                escape_into(out, &d.value.to_string());
                out.push_str("\">");
            }
            Layer::Leaf(_, _, Leaf::Speaker(i)) => {
                let _ = write!(out, "<span class=\"speaker\" data-quote=\"{i}\"");
                if let Some(id) = &a.quotes[i].speaker {
                    out.push_str(" data-actor=\"");
                    escape_into(out, id);
                    out.push('"');
                }
                out.push('>');
            }
            Layer::Leaf(_, _, Leaf::Trigger(i)) => {
                let ev = &a.events[i];
                let _ = write!(out, "<span class=\"trigger\" data-event=\"{i}\" title=\"");
                escape_into(out, ev.plover.unwrap_or("(no PLOVER type)"));
                out.push(' ');
                escape_into(out, &ev.code);
                out.push_str("\">");
            }
            Layer::Leaf(_, _, Leaf::Cue(i)) => {
                let _ = write!(
                    out,
                    "<span class=\"cue\" data-accusation=\"{i}\" title=\"{:?} cue\">",
                    a.accusations[i].kind
                );
            }
        }
    }
}

fn closing(layer: Layer) -> &'static str {
    match layer {
        Layer::Loose | Layer::Paragraph(_) => "</p>\n",
        Layer::Leaf(_, _, Leaf::Mention(..) | Leaf::Date(_)) => "</mark>",
        _ => "</span>",
    }
}

/// Writes actor ids as hoverable names.
fn actor_list(out: &mut String, analysis: &Analysis, ids: &[String]) {
    if ids.is_empty() {
        out.push_str("<span class=\"none\">-</span>");
    }
    for (n, id) in ids.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        let actor = analysis.actor(id);
        let class = actor.map_or("unknown", |a| kind_class(a.kind));
        let _ = write!(out, "<span class=\"actor-ref {class}\" data-actor=\"");
        escape_into(out, id);
        out.push_str("\" title=\"");
        escape_into(out, id);
        out.push_str("\">");
        escape_into(out, actor.map_or(id.as_str(), |a| a.name.as_str()));
        out.push_str("</span>");
    }
}

fn sentence_link(out: &mut String, sentence: usize) {
    let _ = write!(out, "<td><a href=\"#s{sentence}\">s{sentence}</a></td>");
}

fn optional_cell(out: &mut String, value: Option<&str>) {
    out.push_str("<td>");
    escape_into(out, value.unwrap_or("-"));
    out.push_str("</td>");
}

fn actor_table(out: &mut String, a: &Analysis) {
    let _ = writeln!(out, "<section>\n<h2>Actors ({})</h2>", a.actors.len());
    out.push_str(
        "<table id=\"actors\">\n<thead><tr><th>name</th><th>id</th><th>kind</th>\
         <th>country</th><th>sector</th><th>mentions</th></tr></thead>\n<tbody>\n",
    );
    for actor in &a.actors {
        out.push_str("<tr><td>");
        actor_list(out, a, core::slice::from_ref(&actor.id));
        out.push_str("</td><td><code>");
        escape_into(out, &actor.id);
        let _ = write!(out, "</code></td><td>{}</td>", kind_class(actor.kind));
        optional_cell(out, actor.country.as_deref());
        optional_cell(out, actor.sector.as_deref());
        out.push_str("<td>");
        for (n, m) in actor.mentions.iter().enumerate() {
            if n > 0 {
                out.push(' ');
            }
            let _ = write!(out, "<a href=\"#s{0}\">s{0}</a>", m.sentence);
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn quote_table(out: &mut String, text: &str, a: &Analysis) {
    let _ = writeln!(out, "<section>\n<h2>Quotes ({})</h2>", a.quotes.len());
    out.push_str(
        "<table id=\"quotes\">\n<thead><tr><th>#</th><th>speaker</th><th>kind</th>\
         <th>quote</th><th>sentence</th></tr></thead>\n<tbody>\n",
    );
    for (i, q) in a.quotes.iter().enumerate() {
        let _ = write!(out, "<tr id=\"quote{i}\"><td><a href=\"#quote={i}\">q{i}</a></td><td>");
        actor_list(out, a, q.speaker.as_slice());
        let _ = write!(out, "</td><td>{}</td>", quote_class(q.kind));
        optional_cell(out, Some(truncate(slice(text, q.span), 160)));
        sentence_link(out, q.sentence);
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn accusation_table(out: &mut String, text: &str, a: &Analysis) {
    let _ = writeln!(out, "<section>\n<h2>Accusations ({})</h2>", a.accusations.len());
    out.push_str(
        "<table id=\"accusations\">\n<thead><tr><th>#</th><th>accuser</th><th>accused</th>\
         <th>kind</th><th>cue</th><th>allegation</th><th>date</th><th>negated</th>\
         <th>sentence</th></tr></thead>\n<tbody>\n",
    );
    for (i, acc) in a.accusations.iter().enumerate() {
        let _ = write!(out, "<tr id=\"acc{i}\" data-accusation=\"{i}\"><td>{i}</td><td>");
        actor_list(out, a, &acc.accuser);
        out.push_str("</td><td>");
        actor_list(out, a, &acc.accused);
        let _ = write!(out, "</td><td>{:?}</td>", acc.kind);
        optional_cell(out, Some(slice(text, acc.cue)));
        optional_cell(out, acc.allegation.map(|s| slice(text, s)));
        optional_cell(out, acc.date.as_deref());
        let _ = write!(out, "<td>{}</td>", if acc.negated { "yes" } else { "no" });
        sentence_link(out, acc.sentence);
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn event_table(out: &mut String, text: &str, a: &Analysis) {
    let _ = writeln!(out, "<section>\n<h2>Events ({})</h2>", a.events.len());
    out.push_str(
        "<table id=\"events\">\n<thead><tr><th>#</th><th>type</th><th>CAMEO</th><th>mode</th>\
         <th>modality</th><th>source</th><th>target</th><th>trigger</th><th>date</th>\
         <th>negated</th><th>sentence</th></tr></thead>\n<tbody>\n",
    );
    for (i, ev) in a.events.iter().enumerate() {
        let _ = write!(out, "<tr id=\"ev{i}\" data-event=\"{i}\"><td>{i}</td>");
        optional_cell(out, ev.plover);
        optional_cell(out, Some(&ev.code));
        optional_cell(out, ev.mode.as_deref());
        let _ = write!(out, "<td>{:?}</td><td>", ev.modality);
        actor_list(out, a, &ev.source);
        out.push_str("</td><td>");
        actor_list(out, a, &ev.target);
        out.push_str("</td>");
        optional_cell(out, Some(slice(text, ev.trigger)));
        optional_cell(out, ev.date.as_deref());
        let _ = write!(out, "<td>{}</td>", if ev.negated { "yes" } else { "no" });
        sentence_link(out, ev.sentence);
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

const LEGEND: &str = "<div class=\"legend\">\
<mark class=\"m person\">person</mark> <mark class=\"m country\">country</mark> \
<mark class=\"m government\">government</mark> <mark class=\"m organization\">organization</mark> \
<mark class=\"m location\">location</mark> <mark class=\"m group\">group</mark> \
<mark class=\"date\">date</mark> <span class=\"quote direct\">direct quote</span> \
<span class=\"quote partial\">partial quote</span> \
<span class=\"quote indirect\">indirect quote</span> \
<span class=\"speaker\">speaker</span> <span class=\"trigger\">event trigger</span> \
<span class=\"cue\">accusation cue</span>\
<p class=\"hint\">Hover or click a mention or a quote to highlight every mention of the actor \
(the quote's speaker); click a sentence link in a table to jump to the evidence; \
open <code>#quote=N</code> to start with quote N selected.</p>\
</div>\n";

const STYLE: &str = r#"
body { font: 16px/1.6 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2937;
  margin: 0 auto; max-width: 72rem; padding: 0 1.5rem 3rem; }
header { border-bottom: 1px solid #e5e7eb; margin-bottom: 1rem; }
h1 { font-size: 1.4rem; margin: 1rem 0 0.2rem; }
h2 { font-size: 1.1rem; margin-top: 2rem; }
.summary, .hint { color: #6b7280; font-size: 0.9rem; margin: 0.3rem 0; }
.legend { line-height: 2.2; font-size: 0.9rem; }
.para { margin: 0 0 0.8rem; white-space: pre-wrap; }
.para.headline { font-size: 1.3rem; font-weight: 700; }
.para.byline, .para.dateline { color: #6b7280; font-style: italic; }
.para.bullet { padding-left: 1rem; }
.sent { border-radius: 3px; }
.sent:target { background: #fef9c3; outline: 2px solid #facc15; }
mark { color: inherit; border-radius: 3px; padding: 0 2px; cursor: pointer; }
.m.person { background: #fde68a; }
.m.country { background: #bfdbfe; }
.m.government { background: #c7d2fe; }
.m.organization { background: #bbf7d0; }
.m.location { background: #e9d5ff; }
.m.group { background: #fecaca; }
mark.date { background: #fed7aa; box-shadow: inset 0 -2px #ea580c; }
.quote { background: #ecfeff; border-bottom: 2px solid #06b6d4; cursor: pointer; }
.quote.partial { border-bottom-style: dotted; }
.quote.indirect { background: #f0fdfa; border-bottom: 2px dashed #5eead4; }
.speaker { box-shadow: 0 0 0 1px #0891b2; border-radius: 3px; }
.trigger { font-weight: 650; border-bottom: 3px double #dc2626; }
.cue { outline: 1px dashed #b91c1c; border-radius: 2px; }
.hl, .hl mark { outline: 2px solid #111827; background: #fde047 !important; }
.quote.active { background: #a5f3fc; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #e5e7eb; padding: 0.25rem 0.5rem; text-align: left;
  vertical-align: top; }
th { background: #f9fafb; }
tr:target { background: #fef9c3; }
.actor-ref { border-radius: 3px; padding: 0 2px; cursor: pointer; }
.actor-ref.person { background: #fde68a; } .actor-ref.country { background: #bfdbfe; }
.actor-ref.government { background: #c7d2fe; } .actor-ref.organization { background: #bbf7d0; }
.actor-ref.location { background: #e9d5ff; } .actor-ref.group { background: #fecaca; }
.none { color: #9ca3af; }
"#;

const SCRIPT: &str = r#"
(function () {
  var byActor = {};
  document.querySelectorAll('[data-actor]').forEach(function (el) {
    (byActor[el.dataset.actor] = byActor[el.dataset.actor] || []).push(el);
  });
  var pinned = null;
  function clear() {
    document.querySelectorAll('.hl').forEach(function (el) { el.classList.remove('hl'); });
    document.querySelectorAll('.quote.active').forEach(function (el) {
      el.classList.remove('active');
    });
  }
  function show(el) {
    clear();
    var actor = el.dataset.actor || el.dataset.speaker;
    (byActor[actor] || []).forEach(function (m) { m.classList.add('hl'); });
    if (el.dataset.quote !== undefined) {
      document.querySelectorAll('[data-quote="' + el.dataset.quote + '"]').forEach(function (q) {
        if (q.classList.contains('quote')) { q.classList.add('active'); }
        else { q.classList.add('hl'); }
      });
    }
  }
  function target(ev) {
    var el = ev.target.closest('[data-actor], .quote');
    return el;
  }
  document.addEventListener('mouseover', function (ev) {
    var el = target(ev);
    if (el && !pinned) { show(el); }
  });
  document.addEventListener('mouseout', function (ev) {
    if (!pinned && target(ev)) { clear(); }
  });
  document.addEventListener('click', function (ev) {
    var el = target(ev);
    if (!el) { pinned = null; clear(); return; }
    pinned = pinned === el ? null : el;
    if (pinned) { show(el); } else { clear(); }
  });
  // `#quote=N` (on load or from the quotes table) selects quote N and its speaker.
  function fromHash() {
    var m = /^#quote=(\d+)$/.exec(location.hash);
    var quote = m && document.getElementById('q' + m[1]);
    if (quote) { pinned = quote; show(quote); quote.scrollIntoView({ block: 'nearest' }); }
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();
  document.documentElement.setAttribute('data-view', 'ready');
})();
"#;

#[cfg(test)]
mod tests;
