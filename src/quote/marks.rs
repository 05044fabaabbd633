//! Quotation marks: one byte scan finds them, one pass per paragraph pairs them.

use crate::Span;
use crate::ascii::{ONES, zero_bytes};

use super::lexicon::is_alnum;

/// A quotation mark's glyph family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Glyph {
    /// “ „ «
    DoubleOpen,
    /// ” »
    DoubleClose,
    /// "
    DoubleStraight,
    /// '' (two apostrophes, as some archives write a double quote)
    DoubleApos,
    /// ‘
    SingleOpen,
    /// ’
    SingleClose,
    /// '
    SingleStraight,
}

impl Glyph {
    fn is_double(self) -> bool {
        matches!(
            self,
            Glyph::DoubleOpen | Glyph::DoubleClose | Glyph::DoubleStraight | Glyph::DoubleApos
        )
    }
}

/// One quotation mark in the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mark {
    start: usize,
    end: usize,
    glyph: Glyph,
}

/// A quoted stretch of text, marks included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Segment {
    /// From the opening mark to the closing mark (or to the end of the paragraph where the
    /// quote never closes).
    pub(crate) span: Span,
    /// Whether a closing mark was found.
    pub(crate) closed: bool,
    /// Whether the quote opens with two apostrophes ('').
    pub(crate) apostrophes: bool,
    /// Whether single quotation marks delimit it.
    pub(crate) single: bool,
}

/// Finds the quotation marks of `text` with one pass over its bytes, made in steps: each
/// step reads on from where the last one stopped, so the marks of a paragraph are found
/// just before they are paired, while its text is still in cache (in a long document a
/// pass over all of it first would leave the start evicted by the time it is paired).
#[derive(Default)]
struct Scan {
    /// Where the pass goes on.
    at: usize,
    /// No byte 0xC2 (which opens « and ») lies from `at` to here: the next one, or the end
    /// of the stretch searched for one.
    c2: usize,
}

/// How far ahead of the pass [`Scan`] looks for the rare byte 0xC2 at a time, so that a
/// long document is not read ahead of its pairing.
const C2_STRETCH: usize = 4096;

impl Scan {
    /// Adds to `marks` the marks of `text` from where the pass stopped, going on at least
    /// until every mark starting before `limit` is found.
    fn until(&mut self, text: &str, limit: usize, marks: &mut Vec<Mark>) {
        let bytes = text.as_bytes();
        let mut i = self.at;
        // Whether the last search found its byte within eight bytes (see `next_lead_byte`).
        let mut close = false;
        while i < bytes.len().min(limit) {
            // The first bytes of the marks are `"` `'` 0xE2, found by one search, and 0xC2,
            // by another, made again only once passed; the match below passes over the
            // other characters starting so.
            if self.c2 < i {
                let stretch = &bytes[i..bytes.len().min(i + C2_STRETCH)];
                self.c2 = memchr::memchr(0xC2, stretch).map_or(i + stretch.len(), |k| i + k);
            }
            let from = i;
            i = next_lead_byte(bytes, i, self.c2, close);
            close = i < from + 8;
            let Some(&b) = bytes.get(i) else { break };
            let (len, glyph) = match b {
                b'"' => (1, Glyph::DoubleStraight),
                b'\'' if bytes.get(i + 1) == Some(&b'\'') => (2, Glyph::DoubleApos),
                b'\'' => (1, Glyph::SingleStraight),
                0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                    Some(0x9C) | Some(0x9E) => (3, Glyph::DoubleOpen),
                    Some(0x9D) => (3, Glyph::DoubleClose),
                    Some(0x98) => (3, Glyph::SingleOpen),
                    Some(0x99) => (3, Glyph::SingleClose),
                    _ => {
                        i += 1;
                        continue;
                    }
                },
                0xC2 => match bytes.get(i + 1) {
                    Some(0xAB) => (2, Glyph::DoubleOpen),
                    Some(0xBB) => (2, Glyph::DoubleClose),
                    _ => {
                        i += 1;
                        continue;
                    }
                },
                _ => {
                    i += 1;
                    continue;
                }
            };
            marks.push(Mark { start: i, end: i + len, glyph });
            i += len;
        }
        self.at = i;
    }
}

/// The first offset in `from..end` whose byte is `"`, `'` or 0xE2, else `end`.
///
/// With `close` (the last search found its byte within eight bytes), the eight bytes at
/// `from` are looked at in one word first: where marks come close together, that finds
/// the next one without the call and setup of a vector search; in text where they are
/// far apart, the look would mostly be wasted.
#[inline]
fn next_lead_byte(bytes: &[u8], from: usize, end: usize, close: bool) -> usize {
    let mut from = from;
    let chunk = if close { bytes.get(from..end).and_then(|b| b.first_chunk::<8>()) } else { None };
    if let Some(chunk) = chunk {
        let w = u64::from_le_bytes(*chunk);
        let hits =
            [b'"', b'\'', 0xE2].iter().fold(0, |m, &b| m | zero_bytes(w ^ (ONES * u64::from(b))));
        if hits != 0 {
            return from + (hits.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    memchr::memchr3(b'"', b'\'', 0xE2, &bytes[from..end]).map_or(end, |k| from + k)
}

/// What the characters around a mark say about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
    /// An apostrophe inside or before a word ("Ukraine’s", "’90s", "rock ’n’ roll").
    Apostrophe,
}

fn is_opening_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '['
                        | '{'
                        | '—'
                        | '–'
                        | '-'
                        | '/'
                        | '“'
                        | '‘'
                        | '"'
                        | '\''
                        | '„'
                        | '«'
                        | ':'
                )
        }
    }
}

fn is_closing_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '…'
                        | '—'
                        | '–'
                        | '-'
                        | '”'
                        | '’'
                        | '"'
                        | '\''
                        | '»'
                )
        }
    }
}

fn role(text: &str, mark: Mark, para: Span) -> Role {
    let before =
        if mark.start > para.start { super::lexicon::char_before(text, mark.start) } else { None };
    let after = if mark.end < para.end { super::lexicon::char_after(text, mark.end) } else { None };
    let alnum_before = before.is_some_and(is_alnum);
    let alnum_after = after.is_some_and(is_alnum);
    if !mark.glyph.is_double() {
        if alnum_before && alnum_after {
            return Role::Apostrophe;
        }
        // ’90s, ’em, ’n’
        if alnum_after && !alnum_before {
            let rest = text.get(mark.end..).unwrap_or("");
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 2
                && rest.as_bytes().get(2).is_none_or(|&b| b == b's' || !b.is_ascii_alphanumeric())
            {
                return Role::Apostrophe;
            }
        }
    }
    let open_ctx = is_opening_context(before);
    let close_ctx = is_closing_context(after);
    match (open_ctx && !close_ctx, close_ctx && !open_ctx) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => match mark.glyph {
            Glyph::DoubleOpen | Glyph::SingleOpen => Role::Open,
            Glyph::DoubleClose | Glyph::SingleClose => Role::Close,
            _ => Role::Either,
        },
    }
}

/// Quoted segments of `text`, outermost only, sorted and non-overlapping.
///
/// Double quotes nest; a double quote still open at the end of a paragraph continues when
/// the next paragraph opens with a quotation mark, and otherwise closes with the paragraph.
/// Single quotes count only when an opening mark finds its closing mark in the same
/// paragraph, so apostrophes never open a quote. Linear in the number of marks.
///
/// `marks` is a buffer for the marks of the paragraph at hand.
pub(crate) fn segments(
    text: &str,
    paragraphs: &[Span],
    marks: &mut Vec<Mark>,
    out: &mut Vec<Segment>,
) {
    marks.clear();
    let mut scan = Scan::default();
    let mut m = 0;
    // A double quote carried over from the previous paragraph: its start.
    let mut carried: Option<usize> = None;
    for (pi, &para) in paragraphs.iter().enumerate() {
        // The marks paired already are dropped: the buffer holds a paragraph's at most.
        marks.drain(..m);
        m = 0;
        scan.until(text, para.end, marks);
        while m < marks.len() && marks[m].start < para.start {
            m += 1;
        }
        let mut depth = 0usize;
        let mut double_start = None;
        let mut single_start: Option<usize> = None;
        let mut singles: Vec<Segment> = Vec::new();
        let para_first = out.len();
        if let Some(start) = carried.take() {
            // The paragraph opens with a quotation mark (checked by the previous round).
            depth = 1;
            double_start = Some(start);
            m += 1;
        }
        while m < marks.len() && marks[m].end <= para.end {
            let mark = marks[m];
            m += 1;
            let r = role(text, mark, para);
            if mark.glyph.is_double() {
                let opens = match r {
                    Role::Open => true,
                    Role::Close => false,
                    _ => depth == 0,
                };
                if opens {
                    if depth == 0 {
                        double_start = Some(mark.start);
                    }
                    depth = depth.saturating_add(1).min(8);
                } else if depth > 0 {
                    depth -= 1;
                    if depth == 0 {
                        if let Some(start) = double_start.take() {
                            out.push(Segment {
                                span: Span::new(start, mark.end),
                                closed: true,
                                apostrophes: apos_at(text, start),
                                single: false,
                            });
                        }
                    }
                }
            } else {
                match r {
                    Role::Apostrophe => {}
                    Role::Open => single_start = Some(mark.start),
                    Role::Close | Role::Either => {
                        if let Some(start) = single_start.take() {
                            if text.get(start..mark.start).is_some_and(|t| {
                                t.chars().filter(|&c| is_alnum(c)).nth(1).is_some()
                            }) {
                                singles.push(Segment {
                                    span: Span::new(start, mark.end),
                                    closed: true,
                                    apostrophes: false,
                                    single: true,
                                });
                            }
                        } else if r == Role::Either {
                            single_start = Some(mark.start);
                        }
                    }
                }
            }
        }
        if depth > 0 {
            if let Some(start) = double_start {
                let next_opens = paragraphs.get(pi + 1).is_some_and(|next| {
                    // The marks up to the next paragraph's first are there to look at.
                    scan.until(text, next.start + 1, marks);
                    marks.get(m).is_some_and(|mk| {
                        mk.start == next.start
                            && mk.glyph.is_double()
                            && role(text, *mk, *next) != Role::Close
                    })
                });
                if next_opens {
                    carried = Some(start);
                } else {
                    out.push(Segment {
                        span: Span::new(start, para.end),
                        closed: false,
                        apostrophes: apos_at(text, start),
                        single: false,
                    });
                }
            }
        }
        // Single-quoted segments count when they lie outside every double-quoted one.
        if !singles.is_empty() {
            let doubles_end = out.len();
            for s in singles {
                let inside = out[para_first..doubles_end].iter().any(|d| d.span.overlaps(s.span));
                if !inside {
                    out.push(s);
                }
            }
        }
    }
    // Keep the output sorted and free of overlaps (a quote carried across paragraphs is
    // pushed when it closes, after what it encloses).
    out.sort_by_key(|s| (s.span.start, core::cmp::Reverse(s.span.end)));
    let mut last_end = 0;
    out.retain(|s| {
        let keep = s.span.start >= last_end;
        if keep {
            last_end = s.span.end;
        }
        keep
    });
}

/// Whether the quote at `start` opens with two apostrophes.
fn apos_at(text: &str, start: usize) -> bool {
    text.as_bytes().get(start..start + 2) == Some(b"''")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The marks of `text` as a look at each character finds them: (start, end).
    fn marks_by_character(text: &str) -> Vec<(usize, usize)> {
        let mut each = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            let len = ["''", "«", "»", "“", "„", "”", "‘", "’", "\"", "'"]
                .iter()
                .find(|m| rest.starts_with(*m))
                .map_or(0, |m| m.len());
            if len > 0 {
                each.push((i, i + len));
            }
            i += len.max(rest.chars().next().map_or(1, char::len_utf8));
        }
        each
    }

    /// The marks one pass over `text` finds: (start, end).
    fn scanned(text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        Scan::default().until(text, usize::MAX, &mut found);
        found.iter().map(|m| (m.start, m.end)).collect()
    }

    /// The pass finds every mark a look at each byte finds, also where « and » lie
    /// further ahead than one search for their first byte reaches.
    #[test]
    fn scan_finds_every_mark() {
        let pad = "x’y — z ".repeat(C2_STRETCH / 8 + 3);
        let text = format!("«a» {pad}“b” «c» {pad}\u{a0}'d' ''e'' {pad}»");
        let each = marks_by_character(&text);
        assert!(each.len() > 2 * C2_STRETCH / 8, "{}", each.len());
        assert_eq!(scanned(&text), each);
    }

    /// Where marks come close together (the searches look at the next eight bytes in one
    /// word first) and where they stand apart, with every gap between them up to beyond
    /// eight bytes, the pass finds the marks a look at each character finds.
    #[test]
    fn scan_finds_close_marks() {
        let pieces = ["“", "”", "\"", "'", "''", "‘", "’", "«", "»", "—", "a", " ", "bc de"];
        let mut text = String::new();
        // A fixed pseudo-random sequence of pieces, and runs of letters of every length.
        let mut next = crate::quote::tests::pseudo_random(0x2545_F491_4F6C_DD1D);
        for k in 0..4000 {
            text.push_str(pieces[next(pieces.len())]);
            if k % 50 == 0 {
                text.push_str(&"x".repeat(k % 23));
            }
        }
        let each = marks_by_character(&text);
        assert!(each.len() > 2000, "{}", each.len());
        assert_eq!(scanned(&text), each);
    }

    /// A pass made in steps, stopping at every offset (inside two-byte and three-byte marks
    /// and between the two apostrophes of a '' too), finds the marks one pass finds.
    #[test]
    fn scan_in_steps_finds_what_one_pass_finds() {
        let text = "“A ‘b’ c,” he said. ''Old'' «d» don't \"e\" „f“ x' ’90s ''";
        let mut whole = Vec::new();
        Scan::default().until(text, usize::MAX, &mut whole);
        let found: Vec<(usize, usize)> = whole.iter().map(|m| (m.start, m.end)).collect();
        assert_eq!(found.len(), 16, "{found:?}");
        for step in 1..=text.len() {
            let (mut scan, mut marks) = (Scan::default(), Vec::new());
            let mut limit = 0;
            while limit < text.len() {
                limit += step;
                scan.until(text, limit, &mut marks);
                // Every mark starting before the limit is there.
                let before = found.iter().filter(|m| m.0 < limit).count();
                assert!(marks.len() >= before, "step {step}, limit {limit}");
            }
            let stepped: Vec<(usize, usize)> = marks.iter().map(|m| (m.start, m.end)).collect();
            assert_eq!(stepped, found, "step {step}");
        }
    }
}
