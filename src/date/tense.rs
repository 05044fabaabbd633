//! The tense of the clause around an expression, which decides whether a bare
//! "Tuesday" is the last one or the next one.

use super::grammar::Parser;
use super::lexicon::Tense;
use super::scan::{Kind, Tok};

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
        match self.text.as_bytes().get(t.start..t.end).unwrap_or_default() {
            b"!" | b"?" | b";" | b"\n" => true,
            b"." => {
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
        let s = self.text.as_bytes().get(t.start..t.end).unwrap_or_default();
        // "we'll": only after an apostrophe.
        if s.eq_ignore_ascii_case(b"ll") {
            let quote =
                i > 0 && self.toks[i - 1].end == t.start && self.toks[i - 1].kind == Kind::Punct;
            return quote.then_some(Tense::Future);
        }
        // The text of a token, and whether it is `w` (ASCII case-insensitively).
        let text_of = |t: &Tok| self.text.as_bytes().get(t.start..t.end).unwrap_or_default();
        let next_is = |w: &str| {
            self.tok(i + 1).is_some_and(|t| text_of(t).eq_ignore_ascii_case(w.as_bytes()))
        };
        // "is to resume", "are to meet": a plan ("is to blame" is not).
        if (s.eq_ignore_ascii_case(b"is") || s.eq_ignore_ascii_case(b"are"))
            && next_is("to")
            && !self.tok(i + 2).is_some_and(|t| text_of(t).eq_ignore_ascii_case(b"blame"))
        {
            return Some(Tense::Future);
        }
        let before = |k: usize, words: &[&str]| {
            i >= k && {
                let p = text_of(&self.toks[i - k]);
                words.iter().any(|a| p.eq_ignore_ascii_case(a.as_bytes()))
            }
        };
        let word = self.word(i);
        if word.is_some_and(|w| w.future_to) {
            if !next_is("to") {
                return None;
            }
            // "had been due to expire", "was set to open": a plan in the past; "were
            // planning to" still looks ahead.
            let past_plan =
                !s.ends_with(b"ing") && (1..=2).any(|k| before(k, &["had", "was", "were"]));
            return Some(if past_plan { Tense::Past } else { Tense::Future });
        }
        let tense = match word.and_then(|w| w.tense) {
            Some(t) => t,
            // Regular past forms: "agreed", "announced" (not "need", "speed", "hundred").
            None if s.len() >= 5
                && s.ends_with(b"ed")
                && !s.ends_with(b"eed")
                && !s.ends_with(b"dred")
                && s[0].is_ascii_lowercase() =>
            {
                Tense::Past
            }
            None => return None,
        };
        if tense == Tense::Future && before(1, &["to"]) {
            // "made it hard to meet demand": an infinitive takes the tense of its verb.
            return None;
        }
        if tense == Tense::Future {
            // "had been scheduled", "was expected": a plan in the past.
            let past_plan =
                s.ends_with(b"ed") && (1..=2).any(|k| before(k, &["had", "was", "were"]));
            return Some(if past_plan { Tense::Past } else { tense });
        }
        // A participle after "be", "is", "are" is passive, not past ("will be held",
        // "are held"), and after "stays" or "remains" a state ("stays closed").
        let passive = (1..=2).any(|k| {
            before(k, &["be", "being", "is", "are", "am", "stay", "stays", "remain", "remains"])
        });
        (!passive).then_some(Tense::Past)
    }

    /// The nearest tense marker of the clause around tokens `start..end` (before,
    /// else after, within the sentence) and its token.
    fn marker(&self, start: usize, end: usize) -> Option<(usize, Tense)> {
        let lo = start.saturating_sub(REACH);
        for i in (lo..start).rev() {
            if self.boundary(i) {
                break;
            }
            if let Some(t) = self.tense_word(i) {
                return Some((i, t));
            }
        }
        for i in end..end + REACH {
            if self.tok(i).is_none() || self.boundary(i) {
                break;
            }
            if let Some(t) = self.tense_word(i) {
                return Some((i, t));
            }
        }
        None
    }

    /// Whether the clause around tokens `start..end` has the word `w`.
    fn clause_has(&self, start: usize, end: usize, w: &str) -> bool {
        let is = |i: usize| {
            let t = &self.toks[i];
            self.text
                .as_bytes()
                .get(t.start..t.end)
                .unwrap_or_default()
                .eq_ignore_ascii_case(w.as_bytes())
        };
        let lo = start.saturating_sub(REACH);
        let before = (lo..start).rev().take_while(|&i| !self.boundary(i)).any(is);
        before
            || (end..end + REACH)
                .take_while(|&i| self.tok(i).is_some() && !self.boundary(i))
                .any(is)
    }

    /// The tense of the clause around tokens `start..end`: that of its nearest
    /// marker. "until" looks ahead ("closed until Thursday", "postponed until
    /// Tuesday") unless the clause is in the past perfect ("until Thursday, they had
    /// not named ..."), where it is a point in the past.
    pub fn tense(&self, start: usize, end: usize) -> Option<Tense> {
        let (i, tense) = self.marker(start, end)?;
        let t = &self.toks[i];
        let s = self.text.as_bytes().get(t.start..t.end).unwrap_or_default();
        let until = s.eq_ignore_ascii_case(b"until") || s.eq_ignore_ascii_case(b"till");
        if until && self.clause_has(start, end, "had") {
            return Some(Tense::Past);
        }
        Some(tense)
    }
}
