//! The tense of the clause around an expression, which decides whether a bare
//! "Tuesday" is the last one or the next one.

use super::grammar::Parser;
use super::lexicon::Tense;
use super::scan::Kind;

/// How many tokens on each side of an expression are read for tense.
const REACH: usize = 14;

impl Parser<'_> {
    /// Whether token `i` ends a sentence (a period not closing an abbreviation or an
    /// initial, or `!`, `?`, `;`).
    fn boundary(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if t.kind != Kind::Punct {
            return false;
        }
        match &self.text[t.start..t.end] {
            "!" | "?" | ";" | "\n" => true,
            "." => {
                // "p.m.", "Mar.", "U.S." are not ends.
                i == 0 || {
                    let p = &self.toks[i - 1];
                    p.end != t.start || p.kind != Kind::Word || p.end - p.start > 3
                }
            }
            _ => false,
        }
    }

    /// The tense a word marks.
    fn tense_word(&self, i: usize) -> Option<Tense> {
        let t = &self.toks[i];
        if t.kind != Kind::Word {
            return None;
        }
        let s = &self.text[t.start..t.end];
        // "we'll": only after an apostrophe.
        if s.eq_ignore_ascii_case("ll") {
            let quote =
                i > 0 && self.toks[i - 1].end == t.start && self.toks[i - 1].kind == Kind::Punct;
            return quote.then_some(Tense::Future);
        }
        let next_is = |w: &str| {
            self.tok(i + 1).is_some_and(|t| self.text[t.start..t.end].eq_ignore_ascii_case(w))
        };
        // "is to resume", "are to meet": a plan ("is to blame" is not).
        if (s.eq_ignore_ascii_case("is") || s.eq_ignore_ascii_case("are"))
            && next_is("to")
            && !self
                .tok(i + 2)
                .is_some_and(|t| self.text[t.start..t.end].eq_ignore_ascii_case("blame"))
        {
            return Some(Tense::Future);
        }
        let word = self.word(i);
        if word.is_some_and(|w| w.future_to) {
            let to = self
                .tok(i + 1)
                .is_some_and(|t| self.text[t.start..t.end].eq_ignore_ascii_case("to"));
            return to.then_some(Tense::Future);
        }
        let tense = match word.and_then(|w| w.tense) {
            Some(t) => t,
            // Regular past forms: "agreed", "announced" (not "need", "speed", "hundred").
            None if s.len() >= 5
                && s.ends_with("ed")
                && !s.ends_with("eed")
                && !s.ends_with("dred")
                && s.as_bytes()[0].is_ascii_lowercase() =>
            {
                Tense::Past
            }
            None => return None,
        };
        let before = |k: usize, words: &[&str]| {
            i >= k && {
                let p = &self.toks[i - k];
                words.iter().any(|a| self.text[p.start..p.end].eq_ignore_ascii_case(a))
            }
        };
        if tense == Tense::Future {
            // "had been scheduled", "was expected": a plan in the past.
            let past_plan =
                s.ends_with("ed") && (1..=2).any(|k| before(k, &["had", "was", "were"]));
            return Some(if past_plan { Tense::Past } else { tense });
        }
        // A participle after "be", "is", "are" is passive, not past ("will be held",
        // "are held").
        let passive = (1..=2).any(|k| before(k, &["be", "being", "is", "are", "am"]));
        (!passive).then_some(Tense::Past)
    }

    /// The tense of the clause around tokens `start..end`: the nearest marker before,
    /// else the nearest after, within the sentence.
    pub fn tense(&self, start: usize, end: usize) -> Option<Tense> {
        let lo = start.saturating_sub(REACH);
        for i in (lo..start).rev() {
            if self.boundary(i) {
                break;
            }
            if let Some(t) = self.tense_word(i) {
                return Some(t);
            }
        }
        for i in end..end + REACH {
            if self.tok(i).is_none() || self.boundary(i) {
                break;
            }
            if let Some(t) = self.tense_word(i) {
                return Some(t);
            }
        }
        None
    }
}
