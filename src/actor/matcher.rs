//! One aho-corasick automaton over every gazetteer surface form, with word-boundary
//! checks that never lose a shorter valid match to a longer invalid one.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

use super::gazetteer::Gazetteer;
use crate::Span;

/// How a surface form names its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Surface {
    /// The canonical name.
    Name,
    /// A listed variant.
    Alias,
    /// A demonym or nationality adjective.
    Demonym,
}

/// One entry a surface form may stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// Index into the gazetteer's entries.
    pub entry: u32,
    /// How the surface names it.
    pub surface: Surface,
}

/// A gazetteer hit in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Where it is.
    pub span: Span,
    /// Index of the matched pattern (see [`Matcher::candidates`]).
    pub pattern: u32,
}

/// The compiled surface-form automaton.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    automaton: Option<AhoCorasick>,
    candidates: Vec<Vec<Candidate>>,
    /// The bytes some pattern starts with.
    first: [bool; 256],
}

impl Matcher {
    /// Compiles every name, alias and demonym of `gazetteer` into one DFA.
    pub(crate) fn new(gazetteer: &Gazetteer) -> Matcher {
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut patterns: Vec<&str> = Vec::new();
        let mut candidates: Vec<Vec<Candidate>> = Vec::new();
        for (i, e) in gazetteer.entries().iter().enumerate() {
            let forms = std::iter::once((e.name.as_str(), Surface::Name))
                .chain(e.aliases.iter().map(|a| (a.as_str(), Surface::Alias)))
                .chain(e.demonyms.iter().map(|d| (d.as_str(), Surface::Demonym)));
            for (form, surface) in forms {
                if form.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                    continue;
                }
                let p = *index.entry(form).or_insert_with(|| {
                    patterns.push(form);
                    candidates.push(Vec::new());
                    patterns.len() - 1
                });
                let cand = Candidate { entry: i as u32, surface };
                if !candidates[p].iter().any(|c| c.entry == cand.entry) {
                    candidates[p].push(cand);
                }
            }
        }
        let mut first = [false; 256];
        for p in &patterns {
            first[p.as_bytes()[0] as usize] = true;
        }
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                // Searches start only where a word starts with a letter some name starts
                // with, so the automaton needs no unanchored start state.
                .start_kind(StartKind::Anchored)
                .build(&patterns)
                .expect("gazetteer automaton fits in memory")
        });
        Matcher { automaton, candidates, first }
    }

    /// The entries pattern `p` may stand for.
    pub(crate) fn candidates(&self, p: u32) -> &[Candidate] {
        self.candidates.get(p as usize).map_or(&[], Vec::as_slice)
    }

    /// Appends the whole-word hits in `hay[range]` to `out`, leftmost-longest. `hay` must
    /// have the same byte length as the text the spans refer to (it may be a re-cased copy).
    ///
    /// The automaton runs anchored at each word start whose first byte begins some
    /// name, so running text between names costs one table lookup per byte.
    pub(crate) fn find(&self, hay: &str, range: Span, out: &mut Vec<Hit>) {
        let Some(ac) = &self.automaton else { return };
        let bytes = hay.as_bytes();
        let end = range.end.min(hay.len());
        let mut pos = range.start;
        while pos < end {
            if !self.first[bytes[pos] as usize] || !is_boundary_before(hay, pos) {
                pos += 1;
                continue;
            }
            let anchored =
                |stop: usize| ac.find(Input::new(hay).range(pos..stop).anchored(Anchored::Yes));
            let mut found = None;
            let mut m = anchored(end);
            // Leftmost-longest may hand back a long match that ends inside a word; a
            // shorter pattern at the same start can still be a whole word.
            while let Some(hit) = m {
                if is_boundary_after(hay, hit.end()) {
                    found = Some(hit);
                    break;
                }
                m = (hit.end() > pos + 1).then(|| anchored(hit.end() - 1)).flatten();
            }
            match found {
                Some(hit) => {
                    out.push(Hit {
                        span: Span::new(pos, hit.end()),
                        pattern: hit.pattern().as_u32(),
                    });
                    pos = hit.end();
                }
                None => pos += 1,
            }
        }
    }
}

/// Whether a word may start at `i` (no letter or digit just before it).
fn is_boundary_before(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i.wrapping_sub(1)) {
        None => true,
        Some(&b) if b < 0x80 => !b.is_ascii_alphanumeric(),
        Some(_) => {
            s.get(..i).and_then(|p| p.chars().next_back()).is_none_or(|c| !c.is_alphanumeric())
        }
    }
}

/// Whether a word may end at `i` (no letter or digit just after it).
fn is_boundary_after(s: &str, i: usize) -> bool {
    s.get(i..).and_then(|p| p.chars().next()).is_none_or(|c| !c.is_alphanumeric())
}
