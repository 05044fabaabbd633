//! Resolution within a document: candidates become actors; short forms, all-caps words,
//! pronouns and role nouns join the actors they refer to, and are left out when that
//! actor cannot be told.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use jiff::civil::Date;

use super::gazetteer::{Entry, Gender, Role};
use super::lexicon::{Cue, WordMap};
use super::patterns::{Cand, Target};
use super::{Actor, ActorKind, Found, Inner, Mention, MentionForm};
use crate::Span;
use crate::ascii::alnum_run_end;
use crate::segment::Sentence;

/// How many earlier mentions a pronoun or role noun looks back over.
const LOOK_BACK: usize = 64;

/// What makes two candidates the same actor.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key<'t> {
    Entry(u32),
    Government(&'t str),
    New(ActorKind, &'t str),
}

/// An actor being assembled.
struct Building {
    actor: Actor,
    gender: Option<Gender>,
    /// Lowercase titles the text gives it ("spokesman").
    titles: Vec<&'static str>,
}

/// The document's actors as they are assembled.
struct Book<'a> {
    inner: &'a Inner,
    published: Option<Date>,
    actors: Vec<Building>,
    keys: WordMap<Key<'a>, usize>,
}

impl<'a> Book<'a> {
    /// The actor for `key`, created on first use.
    fn actor(&mut self, key: Key<'a>) -> usize {
        // One hash of the key, whether or not the actor exists.
        let slot = match self.keys.entry(key) {
            std::collections::hash_map::Entry::Occupied(o) => return *o.get(),
            std::collections::hash_map::Entry::Vacant(v) => v,
        };
        let entries = self.inner.gazetteer.entries();
        let published = self.published;
        let (actor, gender) = match slot.key() {
            Key::Entry(e) => {
                let e = &entries[*e as usize];
                (entry_actor(e, published), e.gender)
            }
            Key::Government(country) => match self.inner.governments.get(*country) {
                Some(&g) => (entry_actor(&entries[g as usize], published), None),
                None => {
                    let name = match self.inner.gazetteer.get(country) {
                        Some(c) => format!("Government of {}", c.name),
                        None => format!("Government of {country}"),
                    };
                    let actor = Actor {
                        id: format!("gov:{}", country.to_lowercase()),
                        name,
                        kind: ActorKind::Government,
                        country: Some(country.to_string()),
                        sector: Some("GOV".to_string()),
                        roles: Vec::new(),
                        mentions: Vec::with_capacity(4),
                    };
                    (actor, None)
                }
            },
            Key::New(kind, name) => {
                let actor = Actor {
                    id: local_id(*kind, name),
                    name: name.to_string(),
                    kind: *kind,
                    country: None,
                    sector: None,
                    roles: Vec::new(),
                    mentions: Vec::with_capacity(4),
                };
                (actor, None)
            }
        };
        slot.insert(self.actors.len());
        self.actors.push(Building { actor, gender, titles: Vec::new() });
        self.actors.len() - 1
    }

    fn mention(&mut self, actor: usize, span: Span, sent: u32, form: MentionForm, found: Found) {
        let m = Mention { span, sentence: sent as usize, form, found };
        self.actors[actor].actor.mentions.push(m);
    }

    /// Records what a candidate's context says about its actor.
    fn learn(&mut self, actor: usize, c: &Cand) {
        let b = &mut self.actors[actor];
        if b.gender.is_none() {
            b.gender = c.gender;
        }
        if let Some((title, t)) = c.title {
            if !b.titles.contains(&title) {
                b.titles.push(title);
            }
            let fresh = !matches!(b.actor.id.split(':').next(), Some("per" | "phoenix"));
            if fresh && !t.honorific && b.actor.roles.iter().all(|r| r.title != title) {
                b.actor.sector = b.actor.sector.take().or(t.sector.map(str::to_string));
                if b.actor.kind == ActorKind::Person && b.actor.roles.is_empty() {
                    b.actor.roles.push(Role {
                        title: title.to_string(),
                        country: c.affiliation.clone(),
                        sector: t.sector.map(str::to_string),
                        from: None,
                        to: None,
                    });
                }
            }
        }
        if b.actor.country.is_none() {
            b.actor.country = c.affiliation.clone();
        }
    }
}

/// The actor for gazetteer entry `e`, with its roles at `published`.
fn entry_actor(e: &Entry, published: Option<Date>) -> Actor {
    let roles: Vec<Role> = e.roles_at(published).cloned().collect();
    let sector = roles
        .iter()
        .find_map(|r| r.sector.clone())
        .or_else(|| (e.kind == ActorKind::Government).then(|| "GOV".to_string()));
    let country = e.country.clone().or_else(|| roles.iter().find_map(|r| r.country.clone()));
    Actor {
        id: e.id.clone(),
        name: e.name.clone(),
        kind: e.kind,
        country,
        sector,
        roles,
        mentions: Vec::with_capacity(4),
    }
}

/// A document-local id: `local:<kind>:<slug>`.
fn local_id(kind: ActorKind, name: &str) -> String {
    let kind = match kind {
        ActorKind::Person => "per",
        ActorKind::Country => "cty",
        ActorKind::Government => "gov",
        ActorKind::Organization => "org",
        ActorKind::Location => "loc",
        ActorKind::Group => "grp",
    };
    let mut id = String::with_capacity(10 + name.len());
    id.push_str("local:");
    id.push_str(kind);
    id.push(':');
    // Whether a slug character was written (a dash never leads the slug).
    let mut started = false;
    let mut dash = false;
    if name.is_ascii() {
        // The runs of letters and digits, joined by dashes: copied a run at a time.
        let bytes = name.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            i = alnum_run_end(bytes, i, bytes.len());
            if started {
                id.push('-');
            }
            let at = id.len();
            id.push_str(&name[start..i]);
            id[at..].make_ascii_lowercase();
            started = true;
        }
        return id;
    }
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && started {
                id.push('-');
            }
            id.push(c);
            started = true;
            dash = false;
        } else {
            dash = true;
        }
    }
    id
}

/// Whether a name has more than one word.
fn has_space(name: &str) -> bool {
    name.bytes().any(|b| b == b' ')
}

/// The first word of a name (all of it when it is one word).
fn first_word(name: &str) -> &str {
    name.bytes().position(|b| b == b' ').map_or(name, |i| &name[..i])
}

/// The last word of a name (all of it when it is one word).
fn last_word(name: &str) -> &str {
    name.bytes().rposition(|b| b == b' ').map_or(name, |i| &name[i + 1..])
}

/// Whether a role title fits a role noun ("foreign minister" fits "minister").
fn title_fits(role: &str, noun: &str) -> bool {
    role == noun || role.strip_suffix(noun).is_some_and(|rest| rest.ends_with(' '))
}

/// Turns the candidates into `out`'s actors.
pub(crate) fn resolve(
    inner: &Inner,
    text: &str,
    published: Option<Date>,
    sentences: &[Sentence],
    mut cands: Vec<Cand>,
    caps_words: &[Span],
    out: &mut Vec<Actor>,
) {
    let _ = sentences;
    // Candidates come sentence by sentence, mostly in order already.
    if !cands.is_sorted_by_key(|c| c.span.start) {
        cands.sort_by_key(|c| c.span.start);
    }
    let keys = WordMap::with_capacity_and_hasher(cands.len(), Default::default());
    // Most documents name a few dozen actors: no regrowth (an actor is ~200 bytes).
    let actors = Vec::with_capacity(cands.len().min(64));
    let mut book = Book { inner, published, actors, keys };
    // Names first: gazetteer entries, governments, new actors.
    for c in &cands {
        let (key, found) = match &c.target {
            Target::Entry(e) => (
                Key::Entry(*e),
                if c.form == MentionForm::Metonym { Found::Metonym } else { Found::Gazetteer },
            ),
            Target::Government(country) => (Key::Government(country.as_str()), Found::Metonym),
            // One-word people may be short forms of a full name: see below.
            Target::New(ActorKind::Person) if !has_space(&text[c.span]) => continue,
            Target::New(kind) => (Key::New(*kind, &text[c.span]), Found::Pattern),
            _ => continue,
        };
        let a = book.actor(key);
        book.learn(a, c);
        book.mention(a, c.span, c.sent, c.form, found);
    }
    // A guessed person whose first word, not its last, also stands alone in the text
    // is an organization named by its short form ("Pernod Ricard" ... "Pernod said").
    let mut alone: WordMap<&str, ()> = WordMap::default();
    if cands.iter().any(|c| c.guessed) {
        alone.extend(
            cands
                .iter()
                .filter(|c| matches!(c.target, Target::Short(_)) && c.form == MentionForm::Name)
                .map(|c| (&text[c.span], ())),
        );
    }
    for c in cands.iter().filter(|c| c.guessed) {
        let surface = &text[c.span];
        let first = first_word(surface);
        let last = last_word(surface);
        if alone.contains_key(first) && !alone.contains_key(last) {
            if let Some(&a) = book.keys.get(&Key::New(ActorKind::Person, surface)) {
                let actor = &mut book.actors[a].actor;
                actor.kind = ActorKind::Organization;
                actor.id = local_id(ActorKind::Organization, surface);
                actor.sector = None;
                actor.roles.clear();
            }
        }
    }
    // Short forms: the last word of a person's name, the first word of an
    // organization's, or a whole one-word name.
    let mentions: usize = book.actors.iter().map(|b| b.actor.mentions.len()).sum();
    let mut short: WordMap<&str, Option<usize>> =
        WordMap::with_capacity_and_hasher(2 * mentions, Default::default());
    // With all-caps words: where each short form is first taken from a mention.
    let mut first_at: WordMap<&str, usize> = WordMap::default();
    // (form, start of the mention it is taken from)
    let mut forms: Vec<(&str, usize)> = Vec::new();
    for (i, b) in book.actors.iter().enumerate() {
        forms.clear();
        for m in &b.actor.mentions {
            if m.form == MentionForm::Name || m.form == MentionForm::Alias {
                let surface = &text[m.span];
                forms.push((surface, m.span.start));
                let short = match b.actor.kind {
                    ActorKind::Person => Some(last_word(surface)),
                    ActorKind::Organization if b.actor.id.starts_with("local:") => {
                        Some(first_word(surface))
                    }
                    _ => None,
                };
                forms.extend(short.filter(|s| s.len() < surface.len()).map(|s| (s, m.span.start)));
            }
        }
        for &(f, at) in &forms {
            let slot = short.entry(f).or_insert(Some(i));
            if *slot != Some(i) {
                *slot = None;
            }
            if !caps_words.is_empty() {
                let first = first_at.entry(f).or_insert(at);
                *first = (*first).min(at);
            }
        }
    }
    for c in &cands {
        let fallback = match &c.target {
            Target::Short(fallback) => fallback,
            Target::New(ActorKind::Person) if !has_space(&text[c.span]) => &Some(ActorKind::Person),
            _ => continue,
        };
        let surface = &text[c.span];
        if let Some(&Some(a)) = short.get(surface) {
            let form = if book.actors[a].actor.kind == ActorKind::Person
                && book.actors[a].actor.name != surface
            {
                MentionForm::Alias
            } else {
                MentionForm::Name
            };
            book.learn(a, c);
            book.mention(a, c.span, c.sent, form, Found::Alias);
        } else if let Some(kind) = fallback {
            let a = book.actor(Key::New(*kind, surface));
            book.learn(a, c);
            book.mention(a, c.span, c.sent, MentionForm::Name, Found::Pattern);
        }
    }
    // All-caps words (headlines) that spell a name found elsewhere. Among short forms
    // that spell the same in capitals ("USAir", "USAIR") the one first mentioned wins
    // (then the earlier actor): a rule, not the order of a hash map.
    // Capitals -> (first mention of the form, actor).
    let mut upper: HashMap<String, (usize, usize)> = HashMap::new();
    for (form, actor) in &short {
        let (Some(a), Some(&at)) = (*actor, first_at.get(form)) else { continue };
        let best = upper.entry(form.to_uppercase()).or_insert((at, a));
        *best = (*best).min((at, a));
    }
    for &span in caps_words {
        if let Some(&(_, a)) = upper.get(&text[span]) {
            let sent = sentences.partition_point(|s| s.span.end <= span.start) as u32;
            book.mention(a, span, sent, MentionForm::Name, Found::Alias);
        }
    }
    // Pronouns and role nouns, in text order.
    // (start, sentence, actor)
    let mut seen: Vec<(usize, u32, usize)> = Vec::with_capacity(mentions);
    for (i, b) in book.actors.iter().enumerate() {
        for m in &b.actor.mentions {
            seen.push((m.span.start, m.sentence as u32, i));
        }
    }
    seen.sort_unstable();
    for c in &cands {
        match &c.target {
            Target::Pronoun(cue) => {
                // "he" and "she" look back one sentence; "it" only within its own.
                let back = if *cue == Cue::It { 0 } else { 1 };
                let mut from = seen.partition_point(|&(_, s, _)| s + back < c.sent);
                let mut to = seen.partition_point(|&(p, _, _)| p < c.span.start);
                if *cue == Cue::It {
                    // "It" opening a sentence is most often about a thing ("It lasted an
                    // hour"); "it" later in one refers to the subject of the verb right
                    // before it ("Iraq said it would", "Iraq says that it"), else to the
                    // actor that opens the sentence.
                    if text[c.span].starts_with('I') {
                        continue;
                    }
                    let subject = (from..to).rev().find(|&k| {
                        let (start, _, a) = seen[k];
                        let fits = book.actors[a].actor.mentions.iter().any(|m| {
                            m.span.start == start
                                && m.form != MentionForm::Demonym
                                && verb_between(text, m.span.end, c.span.start)
                        });
                        fits && matches!(
                            book.actors[a].actor.kind,
                            ActorKind::Organization | ActorKind::Government | ActorKind::Country
                        )
                    });
                    match subject {
                        Some(k) => (from, to) = (k, k + 1),
                        None => to = to.min(from + 1),
                    }
                }
                // Only the last mentions count: bounded work on hostile input.
                let from = from.max(to.saturating_sub(LOOK_BACK));
                let mut pick: Option<usize> = None;
                let mut ambiguous = false;
                for &(_, _, a) in seen.get(from..to).unwrap_or(&[]) {
                    let b = &book.actors[a];
                    let fits = match cue {
                        Cue::He => {
                            b.actor.kind == ActorKind::Person && b.gender != Some(Gender::Female)
                        }
                        Cue::She => {
                            b.actor.kind == ActorKind::Person && b.gender != Some(Gender::Male)
                        }
                        _ => {
                            matches!(
                                b.actor.kind,
                                ActorKind::Organization
                                    | ActorKind::Government
                                    | ActorKind::Country
                            ) && b.actor.mentions.iter().any(|m| m.form != MentionForm::Demonym)
                        }
                    };
                    if fits && pick != Some(a) {
                        ambiguous |= pick.is_some();
                        pick = Some(a);
                    }
                }
                if let (Some(a), false) = (pick, ambiguous) {
                    book.mention(a, c.span, c.sent, MentionForm::Pronoun, Found::Pronoun);
                }
            }
            Target::Nominal(title, country) => {
                let to = seen.partition_point(|&(p, _, _)| p < c.span.start);
                let fits = |b: &Building| {
                    b.actor.kind == ActorKind::Person
                        && (b.actor.roles.iter().any(|r| {
                            title_fits(&r.title, title)
                                && (country.is_none() || r.country == *country)
                        }) || (country.is_none() || b.actor.country == *country)
                            && b.titles.iter().any(|t| title_fits(t, title)))
                };
                let recent = seen[to.saturating_sub(LOOK_BACK)..to]
                    .iter()
                    .rev()
                    .find(|&&(_, _, a)| fits(&book.actors[a]))
                    .map(|&(_, _, a)| a);
                let known = recent.or_else(|| {
                    let country = country.as_ref()?;
                    let entries = inner.gazetteer.entries();
                    let head = title.rsplit(' ').next().unwrap_or(title);
                    let mut holders =
                        inner.by_title.get(head).into_iter().flatten().filter(|&&e| {
                            entries[e as usize].roles.iter().any(|r| {
                                title_fits(&r.title, title)
                                    && r.country.as_ref() == Some(country)
                                    && r.valid_at(published)
                            })
                        });
                    let first = *holders.next()?;
                    holders.all(|&e| e == first).then(|| book.actor(Key::Entry(first)))
                });
                if let Some(a) = known {
                    book.mention(a, c.span, c.sent, MentionForm::Nominal, Found::Nominal);
                }
            }
            _ => {}
        }
    }
    out.extend(book.actors.into_iter().map(|mut b| {
        b.actor.mentions.sort_by_key(|m| m.span.start);
        b.actor.mentions.dedup_by_key(|m| m.span);
        b.actor
    }));
    out.retain(|a| !a.mentions.is_empty());
    out.sort_by_key(|a| a.mentions[0].span.start);
}

/// Verbs of saying and stance whose subject a following "it" refers to.
static REPORT_VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/actor/report_verbs.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_ascii_whitespace)
        .collect()
});

/// Whether the text between a mention ending at `end` and a pronoun at `pronoun` is a
/// verb of saying, alone or with "that", whose subject is the mention ("said", "says
/// that").
fn verb_between(text: &str, end: usize, pronoun: usize) -> bool {
    let Some(gap) = text.get(end..pronoun) else { return false };
    let mut words = gap.split_ascii_whitespace();
    let verb = words.next().is_some_and(|w| REPORT_VERBS.contains(w));
    let rest = words.next();
    verb && words.next().is_none()
        && rest.is_none_or(|w| w == "that")
        && gap.starts_with(' ')
        && gap.ends_with(' ')
}
