//! The event lexicon: verb and noun phrases with their CAMEO codes, compiled into one
//! word-start [`Matcher`] over every inflected form.

use crate::Error;
use crate::accusation::matcher::{Matcher, Starts};
use crate::accusation::words::{Form, phrase_forms, plural};
use crate::hash::WordMap;

use super::code::Modal;

/// The default verb lexicon.
pub(crate) const VERBS: &str = include_str!("../../data/event/verbs.tsv");
/// The default noun lexicon.
pub(crate) const NOUNS: &str = include_str!("../../data/event/nouns.tsv");

/// One lexicon line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The CAMEO code; `None` for a pure modal ("will").
    pub code: Option<String>,
    /// The modal kind, when the entry takes an event as complement.
    pub modal: Option<Modal>,
    /// Whether compound subjects act on each other.
    pub recip: bool,
    /// Whether the entry is a noun (an object of an earlier event is not coded again).
    pub noun: bool,
    /// PLOVER mode given by the entry.
    pub mode: Option<String>,
    /// Whether "from" introduces the target ("withdrew from X").
    pub from: bool,
    /// Whether the entry is a no-event phrase (code `x`) hiding the triggers inside it.
    pub stop: bool,
    /// Whether a sense outside politics is common: the event then needs an actor with a
    /// country.
    pub weak: bool,
    /// Whether the source is the reporter of the clause ("X said Y must ..."): the
    /// entry's subject is then the target.
    pub reported: bool,
}

/// One matchable form: which entry, and whether it is a participle.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pattern {
    /// Index into the entries.
    pub entry: u32,
    /// Participle or plain.
    pub form: Form,
    /// The entry of the other part of speech when the form is both a verb and a noun
    /// ("release", "attacks"); the sentence decides which is meant.
    pub alt: Option<u32>,
}

/// Lexicon text gathered before compiling: form -> pattern, later entries override.
#[derive(Clone, Debug, Default)]
pub(crate) struct LexiconBuilder {
    entries: Vec<Entry>,
    /// Form -> when it was first added (its pattern id) and its pattern.
    forms: WordMap<String, (u32, Pattern)>,
}

impl LexiconBuilder {
    /// Adds the lines of a lexicon file. `nouns` makes every line a noun; otherwise the
    /// `noun` option does. `source` names the file in errors.
    pub(crate) fn add(&mut self, source: &str, text: &str, nouns: bool) -> Result<(), Error> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |msg: &str| Error::parse(source, n + 1, msg.to_string());
            let mut fields = line.split('\t');
            let phrase = fields.next().unwrap_or("").trim().to_lowercase();
            let code = fields.next().map(str::trim).unwrap_or("");
            let options = fields.next().unwrap_or("").trim();
            if phrase.is_empty() || phrase.split_whitespace().count() == 0 {
                return Err(err("empty phrase"));
            }
            // Words joined by single spaces (most lines are already).
            let phrase = if phrase.split(' ').eq(phrase.split_whitespace()) {
                phrase
            } else {
                phrase.split_whitespace().collect::<Vec<_>>().join(" ")
            };
            let stop = code == "x";
            let code = match code {
                "-" | "x" => None,
                c if (2..=4).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit()) => {
                    Some(c.to_string())
                }
                "" => return Err(err("missing CAMEO code (second tab-separated field)")),
                c => {
                    return Err(err(&format!(
                        "invalid CAMEO code {c:?}: expected 2 to 4 digits, - or x"
                    )));
                }
            };
            let mut entry = Entry {
                code,
                modal: None,
                recip: false,
                noun: nouns,
                mode: None,
                reported: false,
                stop,
                weak: false,
                from: false,
            };
            let mut fixed = false;
            let mut noplural = false;
            for opt in options.split(',').map(str::trim).filter(|o| !o.is_empty()) {
                match opt.split_once('=') {
                    Some(("modal", kind)) => {
                        entry.modal = Some(
                            Modal::parse(kind)
                                .ok_or_else(|| err(&format!("unknown modal kind {kind:?}")))?,
                        )
                    }
                    Some(("mode", mode)) if !mode.is_empty() => entry.mode = Some(mode.to_string()),
                    None if opt == "recip" => entry.recip = true,
                    None if opt == "reported" => entry.reported = true,
                    None if opt == "weak" => entry.weak = true,
                    None if opt == "from" => entry.from = true,
                    None if opt == "fixed" => fixed = true,
                    None if opt == "noun" => entry.noun = true,
                    None if opt == "noplural" => noplural = true,
                    _ => return Err(err(&format!("unknown option {opt:?}"))),
                }
            }
            if entry.code.is_none() && entry.modal.is_none() && !entry.stop {
                return Err(err("code - is only allowed with a modal option"));
            }
            let id = self.entries.len() as u32;
            let noun = entry.noun;
            self.entries.push(entry);
            let forms: Vec<(String, Form)> = if fixed || (noun && noplural) {
                vec![(phrase.clone(), Form::Plain)]
            } else if noun {
                let plural_phrase = match phrase.rsplit_once(' ') {
                    Some((head, last)) => [head, " ", &plural(last)].concat(),
                    None => plural(&phrase),
                };
                vec![(phrase.clone(), Form::Plain), (plural_phrase, Form::Plain)]
            } else {
                phrase_forms(&phrase)
            };
            for (form, kind) in forms {
                let pattern = Pattern { entry: id, form: kind, alt: None };
                let next = self.forms.len() as u32;
                match self.forms.get_mut(&form) {
                    // A homograph of the other part of speech: keep both readings.
                    Some((_, old)) if self.entries[old.entry as usize].noun != noun => {
                        if noun {
                            old.alt = Some(id);
                        } else {
                            *old = Pattern { alt: Some(old.entry), ..pattern };
                        }
                    }
                    Some((_, old)) => *old = Pattern { alt: old.alt, ..pattern },
                    None => {
                        self.forms.insert(form, (next, pattern));
                    }
                }
            }
        }
        Ok(())
    }

    /// Compiles the matcher.
    pub(crate) fn build(self) -> Lexicon {
        let mut forms: Vec<(String, (u32, Pattern))> = self.forms.into_iter().collect();
        forms.sort_unstable_by_key(|&(_, (id, _))| id);
        let (order, patterns): (Vec<String>, Vec<Pattern>) =
            forms.into_iter().map(|(form, (_, pattern))| (form, pattern)).unzip();
        let matcher = Matcher::new(&order);
        let with_cues = Starts::of(&[crate::accusation::cue_matcher(), &matcher]);
        Lexicon { entries: self.entries, patterns, matcher, with_cues }
    }
}

/// The compiled lexicon.
#[derive(Clone, Debug)]
pub(crate) struct Lexicon {
    /// Entries, in file order.
    pub entries: Vec<Entry>,
    /// Pattern id -> entry and form.
    pub patterns: Vec<Pattern>,
    /// One matcher over every form.
    pub matcher: Matcher,
    /// Where an accusation cue or a form may start, to search both in one pass.
    pub with_cues: Starts,
}

impl Lexicon {
    /// Whether pattern `p` can code an event by itself (not a bare modal like "will").
    pub(crate) fn coded(&self, p: usize) -> bool {
        let pattern = &self.patterns[p];
        let has =
            |e: u32| self.entries[e as usize].code.is_some() && !self.entries[e as usize].stop;
        has(pattern.entry) || pattern.alt.is_some_and(has)
    }

    /// Whether every reading of pattern `p` is weak (needs a political actor).
    pub(crate) fn weak(&self, p: usize) -> bool {
        let pattern = &self.patterns[p];
        let weak = |e: u32| self.entries[e as usize].weak;
        weak(pattern.entry) && pattern.alt.is_none_or(weak)
    }

    /// The default lexicon plus user files `(source name, text)`; user lines override
    /// default lines with the same form.
    pub(crate) fn new(user: &[(String, String)]) -> Result<Lexicon, Error> {
        let mut builder = LexiconBuilder::default();
        builder.add("data/event/verbs.tsv", VERBS, false)?;
        builder.add("data/event/nouns.tsv", NOUNS, true)?;
        for (source, text) in user {
            builder.add(source, text, false)?;
        }
        crate::accusation::prepare();
        super::code::prepare();
        Ok(builder.build())
    }
}
