#!/usr/bin/env bash
# Opt-in browser test of the HTML view (`extract FILE --html OUT.html`).
#
# Renders the page for the bundled article in headless Chromium (Debian's package, installed
# with apt-get when missing) and checks the rendered DOM: the script ran, actor/date/quote
# highlights and the event and accusation tables are there with one row per record, and
# opening `#quote=N` highlights the speaker's mentions.
#
#   tests/browser/run.sh               check only
#   tests/browser/run.sh --screenshot  also write docs/view.png (1200x1600)
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null 2>&1; then
  apt-get update && apt-get install -y chromium
fi

cargo build --release --example extract
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
extract=target/release/examples/extract
"$extract" examples/data/article.txt --published 2025-03-19 > "$work/analysis.json"
"$extract" examples/data/article.txt --published 2025-03-19 --html "$work/view.html"

chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --disable-sync \
    --user-data-dir="$(mktemp -d -p "$work")" "$@" 2>>"$work/chromium.log"
}

speaker_quote=$(python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
print(next((i for i, q in enumerate(a["quotes"]) if q["speaker"]), -1))
' "$work/analysis.json")

chrome --dump-dom "file://$work/view.html" > "$work/dom.html"
chrome --dump-dom "file://$work/view.html#quote=$speaker_quote" > "$work/dom-quote.html"

python3 - "$work/analysis.json" "$work/dom.html" "$work/dom-quote.html" "$speaker_quote" <<'PY'
import json, re, sys
from html.parser import HTMLParser

analysis = json.load(open(sys.argv[1]))
quote_index = int(sys.argv[4])

class Dom(HTMLParser):
    """Collects the elements of the rendered DOM: (tag, attributes, class set)."""
    def __init__(self):
        super().__init__()
        self.elements = []
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs, set((attrs.get("class") or "").split())))

def parse(path):
    dom = Dom()
    dom.feed(open(path, encoding="utf-8").read())
    return dom.elements

failures = []
def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)

els = parse(sys.argv[2])
html_el = next(e for e in els if e[0] == "html")
check(html_el[1].get("data-view") == "ready", "the page script ran (data-view=ready)")
mentions = sum(len(a["mentions"]) for a in analysis["actors"])
marks = [e for e in els if e[0] == "mark" and "m" in e[2] and e[1].get("data-actor")]
check(len({e[1]["data-actor"] for e in marks}) == len(analysis["actors"]),
      f"every one of the {len(analysis['actors'])} actors is highlighted in the text")
check(len(marks) >= mentions, f"at least {mentions} actor highlight elements (found {len(marks)})")
kinds = {k for e in marks for k in e[2]} & {"person", "country", "government", "organization", "location", "group"}
check(len(kinds) >= 2, f"actors of several kinds are colored ({sorted(kinds)})")
dates = [e for e in els if e[0] == "mark" and "date" in e[2]]
check(len(dates) >= len(analysis["dates"]), f"{len(analysis['dates'])} dates highlighted")
quotes = {e[1].get("data-quote") for e in els if "quote" in e[2] and e[1].get("data-quote")}
check(len(quotes) == len(analysis["quotes"]), f"{len(analysis['quotes'])} quotes highlighted")
sentences = {e[1]["id"] for e in els if "sent" in e[2] and e[1].get("id")}
check(len(sentences) == len(analysis["sentences"]), "every sentence is an anchor")
for table, prefix, key in [("events", "ev", "events"), ("accusations", "acc", "accusations"),
                           ("quotes", "quote", "quotes")]:
    check(any(e[0] == "table" and e[1].get("id") == table for e in els), f"the {table} table")
    rows = [e for e in els if e[0] == "tr" and (e[1].get("id") or "").startswith(prefix)]
    check(len(rows) == len(analysis[key]), f"{len(analysis[key])} {table} rows (found {len(rows)})")
links = {e[1]["href"] for e in els if e[0] == "a" and (e[1].get("href") or "").startswith("#s")}
check(all(h[1:] in sentences for h in links), "every evidence link points at a sentence anchor")
check(all(not (e[1].get("src") or e[1].get("href") or "#").startswith(("http", "//")) for e in els),
      "no network resources")

if quote_index >= 0:
    speaker = analysis["quotes"][quote_index]["speaker"]
    els = parse(sys.argv[3])
    lit = [e for e in els if "hl" in e[2]]
    check(lit and all(e[1].get("data-actor") == speaker or e[1].get("data-quote") == str(quote_index) for e in lit),
          f"#quote={quote_index} highlights its speaker {speaker} ({len(lit)} elements)")
    check(any(e[0] == "mark" for e in lit), "the speaker's mentions in the text are highlighted")
    check(any("quote" in e[2] and "active" in e[2] for e in els), "the quote itself is marked active")

sys.exit(1 if failures else 0)
PY

if [[ "${1:-}" == "--screenshot" ]]; then
  mkdir -p docs
  chrome --hide-scrollbars --window-size=1200,1600 --screenshot="$PWD/docs/view.png" \
    "file://$work/view.html#quote=$speaker_quote"
  echo "wrote docs/view.png"
fi
echo "browser test passed"
