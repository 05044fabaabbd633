//! One aho-corasick automaton over every gazetteer surface form, with word-boundary
//! checks that never lose a shorter valid match to a longer invalid one.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

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
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .expect("gazetteer automaton fits in memory")
        });
        Matcher { automaton, candidates }
    }

    /// The entries pattern `p` may stand for.
    pub(crate) fn candidates(&self, p: u32) -> &[Candidate] {
        self.candidates.get(p as usize).map_or(&[], Vec::as_slice)
    }

    /// Appends the whole-word hits in `hay[range]` to `out`, leftmost-longest. `hay` must
    /// have the same byte length as the text the spans refer to (it may be a re-cased copy).
    pub(crate) fn find(&self, hay: &str, range: Span, out: &mut Vec<Hit>) {
        let Some(ac) = &self.automaton else { return };
        let end = range.end.min(hay.len());
        let mut pos = range.start;
        while pos < end {
            let Some(m) = ac.find(Input::new(hay).range(pos..end)) else { break };
            let start = m.start();
            let mut stop = m.end();
            let mut pattern = m.pattern().as_u32();
            let mut found = None;
            if is_boundary_before(hay, start) {
                // Leftmost-longest may hand back a long match that ends inside a word; a
                // shorter pattern at the same start can still be a whole word.
                loop {
                    if is_boundary_after(hay, stop) {
                        found = Some(stop);
                        break;
                    }
                    let shorter = (stop > start + 1)
                        .then(|| ac.find(Input::new(hay).range(start..stop - 1)))
                        .flatten()
                        .filter(|m| m.start() == start);
                    match shorter {
                        Some(m) => {
                            stop = m.end();
                            pattern = m.pattern().as_u32();
                        }
                        None => break,
                    }
                }
            }
            match found {
                Some(stop) => {
                    out.push(Hit { span: Span::new(start, stop), pattern });
                    pos = stop;
                }
                None => pos = next_char(hay, start),
            }
        }
    }
}

/// The byte offset of the char after the one at `i`.
fn next_char(s: &str, i: usize) -> usize {
    let mut j = i + 1;
    while j < s.len() && !s.is_char_boundary(j) {
        j += 1;
    }
    j
}

/// Whether a word may start at `i` (no letter or digit just before it).
fn is_boundary_before(s: &str, i: usize) -> bool {
    s.get(..i).and_then(|p| p.chars().next_back()).is_none_or(|c| !c.is_alphanumeric())
}

/// Whether a word may end at `i` (no letter or digit just after it).
fn is_boundary_after(s: &str, i: usize) -> bool {
    s.get(i..).and_then(|p| p.chars().next()).is_none_or(|c| !c.is_alphanumeric())
}
