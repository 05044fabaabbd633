//! Resolution within a document: candidates become actors; short forms, all-caps words,
//! pronouns and role nouns join the actors they refer to, and are left out when that
//! actor cannot be told.
//!
//! Actors are assembled from borrowed parts (gazetteer entries, slices of the text, the
//! candidates' titles and countries), their mentions kept in one list in the order
//! found. The names and words actors are keyed on (names the gazetteer does not list,
//! short forms, the words of guessed names) are interned in one open-addressing table of
//! text slices, so each is hashed once per lookup and no map is built per document.
//! At the end each output [`Actor`] is written over one of the previous document's (its
//! strings, roles and vectors reused), and the mentions are appended to their actors'
//! in one pass, so that a document's actors cost no allocation once the buffers have
//! grown. The vectors and the table are kept on each thread from one document to the
//! next.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use jiff::civil::Date;

use super::gazetteer::{Entry, Gender, Role};
use super::lexicon::Cue;
use super::patterns::{Cand, Target};
use super::{Actor, ActorKind, Found, Inner, Mention, MentionForm};
use crate::Span;
use crate::ascii;
use crate::order::Cursor;
use crate::reuse::{KEPT_MENTIONS, keeps, recycle, set_option};
use crate::segment::Sentence;

/// How many earlier mentions a pronoun or role noun looks back over.
const LOOK_BACK: usize = 64;

/// What makes two candidates the same actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Key<'t> {
    /// A gazetteer entry.
    Entry(u32),
    /// The government of a country (its code).
    Government(&'t str),
    /// A name the gazetteer does not list, with the kind of actor it names.
    New(ActorKind, &'t str),
}

/// Where an actor's id and name come from (its strings are written once, when the
/// document's actors are output).
#[derive(Clone, Copy, Debug)]
enum Source<'a> {
    /// A gazetteer entry: its id and name.
    Entry(u32),
    /// The government of a country the gazetteer lists no government for.
    Government(&'a str),
    /// A name the gazetteer does not know: a document-local id.
    New(&'a str),
}

/// An actor being assembled: everything borrowed from the gazetteer, the text and
/// the candidates, its mentions linked through [`Book::mentions`].
struct Building<'a> {
    /// Where its id and name come from.
    source: Source<'a>,
    /// What sort of actor it is.
    kind: ActorKind,
    /// Its country code, if known.
    country: Option<&'a str>,
    /// Its CAMEO sector code, if known.
    sector: Option<&'a str>,
    /// The entry whose roles valid at publication the actor holds (none when it holds
    /// none).
    entry_roles: Option<u32>,
    /// The one role a title in the text gives an actor holding no other: (title,
    /// country, sector).
    /// (Kept as the candidate whose title gives it.)
    learned: Option<&'a Cand>,
    gender: Option<Gender>,
    /// The first of the lowercase titles the text gives it ("spokesman"), in
    /// [`Book::titles`] (`NONE` for none).
    titles: u32,
    /// The last of its names read for short forms, in [`Book::mentions`] (`NONE`
    /// before one is read): repeats of it are not looked up again.
    last_name: u32,
    /// The form of its own name, for a name the gazetteer does not know (`NONE` for
    /// the others): its mentions by that name are not looked up again.
    form: u32,
    /// How many mentions it has (duplicates included).
    count: u32,
    /// The earliest start of its mentions.
    min_start: usize,
    /// Whether a mention other than a demonym names it.
    named: bool,
}

/// No index: no actor, mention or form.
const NONE: u32 = u32::MAX;

/// The document's actors as they are assembled.
struct Book<'a> {
    /// The compiled tagger (gazetteer, governments, role holders).
    inner: &'a Inner,
    /// The publication date roles are read at.
    published: Option<Date>,
    /// The actors, in the order created.
    actors: Vec<Building<'a>>,
    /// The names and words the actors are keyed on.
    forms: Forms<'a>,
    /// Per gazetteer entry, the index of its actor (`NONE` before it has one).
    by_entry: Vec<u32>,
    /// Every mention, in the order found, with its actor.
    mentions: Vec<(Mention, u32)>,
    /// The mentions in text order, as (start, sentence, actor).
    seen: Vec<Seen>,
    /// The short forms (and one-word people) read after the names, by index, in order.
    shorts: Vec<u32>,
    /// The pronouns and role nouns read last, by index, in order.
    refs: Vec<u32>,
    /// The candidates whose kind is a guess, by index, in order.
    guessed: Vec<u32>,
    /// The titles the text gives actors, each with the next of its actor's (`NONE` for
    /// the last).
    titles: Vec<(&'static str, u32)>,
}

/// The vectors of a [`Book`], kept on each thread between documents so that they are
/// not allocated again: empty, except `by_entry` (as long as the largest gazetteer used
/// on the thread, every slot `NONE`).
#[derive(Default)]
struct Scratch {
    /// [`Book::actors`].
    actors: Vec<Building<'static>>,
    /// [`Book::by_entry`].
    by_entry: Vec<u32>,
    /// [`Book::mentions`].
    mentions: Vec<(Mention, u32)>,
    /// Per actor, its place in the output (in [`Book::finish`]).
    places: Vec<u32>,
    /// [`Book::seen`].
    seen: Vec<Seen>,
    /// [`Book::shorts`].
    shorts: Vec<u32>,
    /// [`Book::refs`].
    refs: Vec<u32>,
    /// [`Book::guessed`].
    guessed: Vec<u32>,
    /// [`Book::titles`].
    titles: Vec<(&'static str, u32)>,
    /// [`Forms::forms`] of [`Book::forms`].
    forms: Vec<Form<'static>>,
    /// [`Forms::slots`] of [`Book::forms`] (every slot `NONE`).
    slots: Vec<u32>,
    /// The output order of the actors, as (first mention, actor) (in [`Book::finish`]).
    order: Vec<(usize, u32)>,
    /// Actors to write the next documents' into, their strings and vectors kept.
    spare: Vec<Actor>,
    /// Strings for the optional fields of actors, their buffers kept.
    strings: Vec<String>,
    /// Roles to write the next documents' into, their strings kept.
    roles: Vec<Role>,
    /// A short form in capitals (for all-caps words).
    capitals: String,
    /// The spellings of the all-caps words, each once, with the first mention and the
    /// actor of the first short form spelled so in capitals.
    spelled: Vec<(Span, usize, u32)>,
    /// Room for merging mentions into text order (see [`text_order`]).
    merged: Vec<Seen>,
}

thread_local! {
    /// This thread's [`Scratch`] (borrowed in place: the vectors are moved out and
    /// back one by one, never the whole of it).
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Form slots a thread always keeps between documents (see [`keeps`]).
const KEPT_SLOTS: usize = 1 << 14;

/// A fast hash of a name: its first and last eight bytes (four, or three single bytes,
/// for shorter names) and length, and any bytes between them eight at a time. No output
/// depends on the hashes (they only place names in tables).
#[inline]
fn name_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let n = bytes.len();
    let (head, tail) = if n >= 8 {
        (word_at(bytes, 0), word_at(bytes, n - 8))
    } else if n >= 4 {
        (u64::from(half_at(bytes, 0)), u64::from(half_at(bytes, n - 4)))
    } else if n > 0 {
        let b = |i: usize| u64::from(bytes[i]);
        (b(0) | b(n / 2) << 8 | b(n - 1) << 16, 0)
    } else {
        (0, 0)
    };
    let mut h = (head ^ n as u64).wrapping_mul(K);
    let mut at = 8;
    while at + 8 < n {
        h = (h.rotate_left(23) ^ word_at(bytes, at)).wrapping_mul(K);
        at += 8;
    }
    (h.rotate_left(23) ^ tail).wrapping_mul(K)
}

/// The eight bytes from `at`, little-endian (0 past the end).
#[inline]
fn word_at(bytes: &[u8], at: usize) -> u64 {
    bytes.get(at..at + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()).map_or(0, u64::from_le_bytes)
}

/// The four bytes from `at`, little-endian (0 past the end).
#[inline]
fn half_at(bytes: &[u8], at: usize) -> u32 {
    bytes.get(at..at + 4).and_then(|c| <[u8; 4]>::try_from(c).ok()).map_or(0, u32::from_le_bytes)
}

/// Whether two names are the same, names of up to 16 bytes compared a word or two at a
/// time rather than through a call.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        0..4 => a.iter().zip(b).all(|(x, y)| x == y),
        4..8 => half_at(a, 0) == half_at(b, 0) && half_at(a, n - 4) == half_at(b, n - 4),
        8..=16 => word_at(a, 0) == word_at(b, 0) && word_at(a, n - 8) == word_at(b, n - 8),
        _ => a == b,
    }
}

/// A hasher for the report verbs, with [`name_hash`].
#[derive(Clone, Copy, Debug, Default)]
struct FormHasher(u64);

impl Hasher for FormHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.0 = (self.0.rotate_left(5) ^ name_hash(bytes)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A name or word resolution keys on (a slice of the text, or a country code), with what
/// the document says about it so far.
struct Form<'a> {
    /// The name's bytes.
    name: &'a [u8],
    /// Its hash ([`name_hash`]).
    hash: u64,
    /// Its slot in [`Forms::slots`].
    slot: u32,
    /// Per [`ActorKind`], the actor of the name as one the gazetteer does not list
    /// (`NONE` before it has one).
    new: [u32; KINDS],
    /// The actor of the government of the country whose code the name is, when the
    /// gazetteer lists none (`NONE` before it has one).
    government: u32,
    /// The actor the name is a short form of: `NONE` when it is no short form,
    /// `AMBIGUOUS` when it is one of several actors'.
    short: u32,
    /// The earliest start of the mentions the short form is taken from.
    first_at: usize,
    /// For the first and last words of guessed names: whether the word also stands
    /// alone as a name in the text (`None` for the other forms).
    alone: Option<bool>,
}

/// How many kinds of actor there are.
const KINDS: usize = 6;

/// [`Form::short`]: the short form of more than one actor.
const AMBIGUOUS: u32 = u32::MAX - 1;

/// The document's forms, interned: each name hashed once per lookup into a table of
/// indexes into `forms`, kept on the thread between documents (instead of hash maps
/// made for each document).
struct Forms<'a> {
    /// The forms, in the order first seen.
    forms: Vec<Form<'a>>,
    /// Open addressing with linear probing: the index of a form, or `NONE`; the length
    /// is a power of two, at most half of it used.
    slots: Vec<u32>,
}

/// The slots a thread's form table starts with.
const MIN_SLOTS: usize = 256;

impl<'a> Forms<'a> {
    /// The first slot to probe for `hash` (the high bits: the hash ends in a multiply).
    fn home(&self, hash: u64) -> usize {
        (hash >> 32) as usize & (self.slots.len() - 1)
    }

    /// The index of the form `name`, if it was interned.
    fn find(&self, name: &[u8]) -> Option<usize> {
        let hash = name_hash(name);
        let mask = self.slots.len() - 1;
        let mut at = self.home(hash);
        loop {
            match self.slots[at] {
                NONE => return None,
                i => {
                    let f = &self.forms[i as usize];
                    if f.hash == hash && same(f.name, name) {
                        return Some(i as usize);
                    }
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// The index of the form `name`, interned on first use.
    fn intern(&mut self, name: &'a [u8]) -> usize {
        let hash = name_hash(name);
        let mask = self.slots.len() - 1;
        let mut at = self.home(hash);
        loop {
            match self.slots[at] {
                NONE => break,
                i => {
                    let f = &self.forms[i as usize];
                    if f.hash == hash && same(f.name, name) {
                        return i as usize;
                    }
                }
            }
            at = (at + 1) & mask;
        }
        let i = self.forms.len();
        self.slots[at] = i as u32;
        self.forms.push(Form {
            name,
            hash,
            slot: at as u32,
            new: [NONE; KINDS],
            government: NONE,
            short: NONE,
            first_at: usize::MAX,
            alone: None,
        });
        if 2 * self.forms.len() > self.slots.len() {
            self.grow();
        }
        i
    }

    /// Doubles the table.
    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let len = 2 * self.slots.len();
        self.slots.clear();
        self.slots.resize(len, NONE);
        let mask = len - 1;
        for i in 0..self.forms.len() {
            let mut at = self.home(self.forms[i].hash);
            while self.slots[at] != NONE {
                at = (at + 1) & mask;
            }
            self.slots[at] = i as u32;
            self.forms[i].slot = at as u32;
        }
    }

    /// Empties the table, visiting only the slots in use.
    fn clear(&mut self) {
        for f in &self.forms {
            self.slots[f.slot as usize] = NONE;
        }
        self.forms.clear();
    }
}

impl<'a> Book<'a> {
    /// The actor for `key`, created on first use.
    #[inline]
    fn actor(&mut self, key: Key<'a>) -> usize {
        // (An entry met before, the commonest case, is found without a call.)
        if let Key::Entry(e) = key {
            let a = self.by_entry[e as usize];
            if a != NONE {
                return a as usize;
            }
        }
        self.find_or_create(key)
    }

    /// [`Book::actor`] for a key that is not an entry met before.
    #[inline(never)]
    fn find_or_create(&mut self, key: Key<'a>) -> usize {
        // Where the actor's index is kept: the entry's slot, or a form's.
        let (f, kind) = match key {
            Key::Entry(e) => {
                let a = self.create(key);
                self.by_entry[e as usize] = a as u32;
                return a;
            }
            Key::Government(country) => (self.forms.intern(country.as_bytes()), None),
            Key::New(kind, name) => (self.forms.intern(name.as_bytes()), Some(kind as usize)),
        };
        let form = &mut self.forms.forms[f];
        let slot = match kind {
            Some(k) => &mut form.new[k],
            None => &mut form.government,
        };
        if *slot != NONE {
            return *slot as usize;
        }
        *slot = self.actors.len() as u32;
        let a = self.create(key);
        if kind.is_some() {
            self.actors[a].form = f as u32;
        }
        a
    }

    /// A new actor for `key`.
    fn create(&mut self, key: Key<'a>) -> usize {
        let inner = self.inner;
        let entries = inner.gazetteer.entries();
        let published = self.published;
        let mut b = Building {
            source: Source::New(""),
            kind: ActorKind::Person,
            country: None,
            sector: None,
            entry_roles: None,
            learned: None,
            gender: None,
            titles: NONE,
            last_name: NONE,
            form: NONE,
            count: 0,
            min_start: usize::MAX,
            named: false,
        };
        match key {
            Key::Entry(e) => {
                b.set_entry(entries, e, published);
                b.gender = entries[e as usize].gender;
            }
            Key::Government(country) => match inner.governments.get(country) {
                Some(&g) => b.set_entry(entries, g, published),
                None => {
                    b.source = Source::Government(country);
                    b.kind = ActorKind::Government;
                    b.country = Some(country);
                    b.sector = Some("GOV");
                }
            },
            Key::New(kind, name) => {
                b.source = Source::New(name);
                b.kind = kind;
            }
        }
        self.actors.push(b);
        self.actors.len() - 1
    }

    /// Adds a mention of `actor`.
    #[inline]
    fn mention(&mut self, actor: usize, span: Span, sent: u32, form: MentionForm, found: Found) {
        let m = Mention { span, sentence: sent as usize, form, found };
        self.mentions.push((m, actor as u32));
        let b = &mut self.actors[actor];
        b.count += 1;
        b.min_start = b.min_start.min(span.start);
        b.named |= form != MentionForm::Demonym;
    }

    /// Whether `name` is the actor's name (asked of people only: a government not listed
    /// answers no).
    fn is_named(&self, b: &Building, name: &str) -> bool {
        match b.source {
            Source::Entry(e) => self.inner.gazetteer.entries()[e as usize].name == name,
            Source::Government(_) => false,
            Source::New(own) => own == name,
        }
    }

    /// Whether one of the roles the actor holds passes `f` (given its title and country).
    fn any_role(&self, b: &Building, f: impl Fn(&str, Option<&str>) -> bool) -> bool {
        match (b.entry_roles, b.learned_role()) {
            (Some(e), _) => {
                let entry = &self.inner.gazetteer.entries()[e as usize];
                entry.roles_at(self.published).any(|r| f(&r.title, r.country.as_deref()))
            }
            (None, Some((title, country, _))) => f(title, country),
            (None, None) => false,
        }
    }

    /// The titles the text gives an actor.
    fn titles(&self, b: &Building) -> impl Iterator<Item = &'static str> {
        let mut at = b.titles;
        std::iter::from_fn(move || {
            let &(title, next) = self.titles.get(at as usize)?;
            at = next;
            Some(title)
        })
    }

    /// Records what a candidate's context says about its actor (most say nothing).
    #[inline(always)]
    fn learn(&mut self, actor: usize, c: &'a Cand) {
        if c.title.is_some() || c.gender.is_some() || c.affiliation.is_some() {
            self.learn_from(actor, c);
        }
    }

    /// [`Book::learn`] from a candidate with a title, gender or country.
    fn learn_from(&mut self, actor: usize, c: &'a Cand) {
        let entries = self.inner.gazetteer.entries();
        if self.actors[actor].gender.is_none() {
            self.actors[actor].gender = c.gender;
        }
        if let Some((title, t)) = c.title {
            if !self.titles(&self.actors[actor]).any(|known| known == title) {
                let b = &mut self.actors[actor];
                self.titles.push((title, b.titles));
                b.titles = (self.titles.len() - 1) as u32;
            }
            let b = &self.actors[actor];
            let fresh = match b.source {
                Source::Entry(e) => {
                    !matches!(entries[e as usize].id.split(':').next(), Some("per" | "phoenix"))
                }
                _ => true,
            };
            let b = &self.actors[actor];
            if fresh && !t.honorific && !self.any_role(b, |r, _| r == title) {
                let holds = b.entry_roles.is_some() || b.learned.is_some();
                let b = &mut self.actors[actor];
                b.sector = b.sector.or(t.sector);
                if b.kind == ActorKind::Person && !holds {
                    b.learned = Some(c);
                }
            }
        }
        let b = &mut self.actors[actor];
        if b.country.is_none() {
            b.country = c.affiliation.as_deref();
        }
    }

    /// Writes the actors that have mentions into `out`, in the order of their first
    /// mentions. The actors `out` holds (the previous document's) are overwritten, their
    /// strings and vectors reused; the ones left over are kept for later documents.
    fn finish(self, out: &mut Vec<Actor>) {
        SCRATCH.with_borrow_mut(|scratch| self.finish_in(out, scratch));
    }

    /// [`Book::finish`] with the thread's scratch, where the vectors go back.
    fn finish_in(mut self, out: &mut Vec<Actor>, scratch: &mut Scratch) {
        for b in &self.actors {
            if let Source::Entry(e) = b.source {
                self.by_entry[e as usize] = NONE;
            }
        }
        let mut order = std::mem::take(&mut scratch.order);
        // By first mention (then by creation: two actors can start at one place).
        order.extend(
            (self.actors.iter().enumerate())
                .filter(|(_, b)| b.count > 0)
                .map(|(i, b)| (b.min_start, i as u32)),
        );
        // (Indices rise in creation order: sorted by first mention is sorted.)
        if !order.is_sorted_by_key(|&(start, _)| start) {
            order.sort_unstable();
        }
        // Each actor's place in the output (actors without mentions have none, and no
        // mention asks for theirs).
        let mut places = std::mem::take(&mut scratch.places);
        places.resize(self.actors.len(), NONE);
        out.reserve(order.len().saturating_sub(out.len()));
        for (k, &(_, i)) in order.iter().enumerate() {
            if k == out.len() {
                out.push(scratch.spare.pop().unwrap_or_else(empty_actor));
            }
            places[i as usize] = k as u32;
            let b = &self.actors[i as usize];
            self.write(b, &mut out[k], &mut scratch.strings, &mut scratch.roles);
        }
        // The mentions, each actor's in the order found.
        for &(m, a) in &self.mentions {
            out[places[a as usize] as usize].mentions.push(m);
        }
        for actor in &mut out[..order.len()] {
            let mentions = &mut actor.mentions;
            if !mentions.is_sorted_by_key(|m| m.span.start) {
                mentions.sort_by_key(|m| m.span.start);
            }
            mentions.dedup_by_key(|m| m.span);
        }
        places.clear();
        if out.len() > order.len() {
            let room = KEPT_ACTORS.saturating_sub(scratch.spare.len());
            let keep = (out.len() - order.len()).min(room);
            scratch.spare.extend(out.drain(order.len()..).take(keep));
            out.truncate(order.len());
        }
        // (The form table is full at half its slots.)
        let (forms, slots) = (self.forms.forms.len(), self.forms.slots.len());
        let mentions = (self.mentions.len(), self.mentions.capacity());
        if keeps(mentions.0, mentions.1, KEPT_MENTIONS) && keeps(2 * forms, slots, KEPT_SLOTS) {
            order.clear();
            self.mentions.clear();
            self.seen.clear();
            self.shorts.clear();
            self.refs.clear();
            self.guessed.clear();
            self.titles.clear();
            self.forms.clear();
            scratch.actors = recycle(self.actors);
            scratch.mentions = self.mentions;
            scratch.places = places;
            scratch.seen = self.seen;
            scratch.shorts = self.shorts;
            scratch.refs = self.refs;
            scratch.guessed = self.guessed;
            scratch.titles = self.titles;
            scratch.forms = recycle(self.forms.forms);
            scratch.slots = self.forms.slots;
            scratch.order = order;
        }
        scratch.by_entry = self.by_entry;
    }

    /// Writes the actor `b` into `actor` with no mentions yet (room made for them),
    /// reusing its strings and vectors (and the `strings` and `spare` roles kept for its
    /// optional fields and roles).
    fn write(
        &self,
        b: &Building,
        actor: &mut Actor,
        strings: &mut Vec<String>,
        spare: &mut Vec<Role>,
    ) {
        let gazetteer = &self.inner.gazetteer;
        let entries = gazetteer.entries();
        match b.source {
            Source::Entry(e) => {
                let e = &entries[e as usize];
                actor.id.clone_from(&e.id);
                actor.name.clone_from(&e.name);
            }
            Source::Government(country) => {
                actor.name.clear();
                actor.name.push_str("Government of ");
                actor.name.push_str(gazetteer.get(country).map_or(country, |c| &c.name));
                actor.id.clear();
                actor.id.push_str("gov:");
                actor.id.push_str(&country.to_lowercase());
            }
            Source::New(name) => {
                local_id(b.kind, name, &mut actor.id);
                actor.name.clear();
                actor.name.push_str(name);
            }
        }
        actor.kind = b.kind;
        set_option(&mut actor.country, b.country, strings);
        set_option(&mut actor.sector, b.sector, strings);
        let roles = &mut actor.roles;
        match (b.entry_roles, b.learned_role()) {
            (Some(e), _) => {
                let mut n = 0;
                for r in entries[e as usize].roles_at(self.published) {
                    if n == roles.len() {
                        roles.push(spare.pop().unwrap_or_else(empty_role));
                    }
                    let role = &mut roles[n];
                    role.title.clone_from(&r.title);
                    role.country.clone_from(&r.country);
                    role.sector.clone_from(&r.sector);
                    role.from = r.from;
                    role.to = r.to;
                    n += 1;
                }
                keep_roles(roles, n, spare);
            }
            (None, Some((title, country, sector))) => {
                keep_roles(roles, 1, spare);
                if roles.is_empty() {
                    roles.push(spare.pop().unwrap_or_else(empty_role));
                }
                let role = &mut roles[0];
                role.title.clear();
                role.title.push_str(title);
                set_option(&mut role.country, country, strings);
                set_option(&mut role.sector, sector, strings);
                role.from = None;
                role.to = None;
            }
            (None, None) => keep_roles(roles, 0, spare),
        }
        actor.mentions.clear();
        actor.mentions.reserve(b.count as usize);
    }
}

/// Roles a thread keeps between documents beyond those its last output held.
const KEPT_ROLES: usize = 256;

/// A role with empty strings, to be written.
fn empty_role() -> Role {
    Role { title: String::new(), country: None, sector: None, from: None, to: None }
}

/// Truncates `roles` to `n`, the roles past it kept in `spare` (as many as it has room
/// for) so that their strings are written over rather than allocated again.
fn keep_roles(roles: &mut Vec<Role>, n: usize, spare: &mut Vec<Role>) {
    if roles.len() > n {
        let room = KEPT_ROLES.saturating_sub(spare.len());
        spare.extend(roles.drain(n..).take(room));
    }
}

/// Actors a thread keeps between documents beyond those its last output held.
const KEPT_ACTORS: usize = 256;

/// An actor with empty strings and vectors, to be written.
fn empty_actor() -> Actor {
    Actor {
        id: String::new(),
        name: String::new(),
        kind: ActorKind::Person,
        country: None,
        sector: None,
        roles: Vec::new(),
        mentions: Vec::new(),
    }
}

impl<'a> Building<'a> {
    /// The role a title in the text gives the actor: (title, country, sector).
    fn learned_role(&self) -> Option<(&'static str, Option<&'a str>, Option<&'static str>)> {
        let c = self.learned?;
        let (title, t) = c.title?;
        Some((title, c.affiliation.as_deref(), t.sector))
    }

    /// Makes this the actor of gazetteer entry `e`, with its roles at `published`.
    fn set_entry(&mut self, entries: &'a [Entry], e: u32, published: Option<Date>) {
        let entry = &entries[e as usize];
        self.source = Source::Entry(e);
        self.kind = entry.kind;
        self.entry_roles = entry.roles_at(published).next().map(|_| e);
        self.sector = entry
            .roles_at(published)
            .find_map(|r| r.sector.as_deref())
            .or_else(|| (entry.kind == ActorKind::Government).then_some("GOV"));
        self.country = entry
            .country
            .as_deref()
            .or_else(|| entry.roles_at(published).find_map(|r| r.country.as_deref()));
    }
}

/// Writes a document-local id, `local:<kind>:<slug>`, into `id`.
fn local_id(kind: ActorKind, name: &str, id: &mut String) {
    let prefix = match kind {
        ActorKind::Person => "local:per:",
        ActorKind::Country => "local:cty:",
        ActorKind::Government => "local:gov:",
        ActorKind::Organization => "local:org:",
        ActorKind::Location => "local:loc:",
        ActorKind::Group => "local:grp:",
    };
    id.clear();
    id.reserve(prefix.len() + name.len());
    id.push_str(prefix);
    if plain_slug(name, id) {
        return;
    }
    // The slug: the runs of letters and digits, lowercased, joined by single dashes.
    let slug = id.len();
    let bytes = name.as_bytes();
    // ASCII runs are copied whole (found eight bytes at a time) and lowercased at the
    // end, other characters lowercased one at a time.
    // Whether a slug character was written (a dash never leads the slug).
    let mut started = false;
    let mut dash = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            let end = alnum_end(bytes, i);
            if dash && started {
                id.push('-');
            }
            id.push_str(&name[i..end]);
            started = true;
            dash = false;
            i = end;
        } else if b.is_ascii() {
            dash = true;
            i += 1;
        } else {
            let Some(c) = name.get(i..).and_then(|rest| rest.chars().next()) else { break };
            for c in c.to_lowercase() {
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
            i += c.len_utf8();
        }
    }
    id[slug..].make_ascii_lowercase();
}

/// Appends the slug of a name of up to 64 ASCII letters and digits in words split by
/// single spaces (most names), and answers whether it did (writing nothing for another
/// name). Such a name is checked and its slug built eight bytes at a time (lowercased, a
/// dash where a space is), then appended in one copy.
fn plain_slug(name: &str, id: &mut String) -> bool {
    let bytes = name.as_bytes();
    let n = bytes.len();
    if n == 0 || n > 64 || bytes[n - 1] == b' ' {
        return false;
    }
    let mut slug = [0u8; 64];
    // Bit k: byte k is a space.
    let mut spaces = 0u64;
    let mut at = 0;
    while at < n {
        let w = ascii::load8(bytes, at);
        let valid = ascii::low_bytes(ascii::HIGHS, n - at);
        let space = space_flags(w) & valid;
        if ascii::alnum_mask(w) | space != valid {
            return false;
        }
        spaces |= ascii::flag_bits(space) << at;
        // A space (0x20) turns into a dash (0x2d); the bytes past the name are not kept.
        let out = ascii::lower8(w) ^ ((space >> 7) * 0x0d);
        slug[at..at + 8].copy_from_slice(&out.to_le_bytes());
        at += 8;
    }
    // No leading space, no two in a row.
    if spaces & (spaces << 1 | 1) != 0 {
        return false;
    }
    // (Letters, digits and dashes: always ASCII.)
    match std::str::from_utf8(&slug[..n]) {
        Ok(slug) => {
            id.push_str(slug);
            true
        }
        Err(_) => false,
    }
}

/// The mentions that start before `limit` as [`Seen`] records, sorted, into `seen` (no
/// later one is read), with `merged` as room. They were found in three runs (names,
/// short forms, capitals, split at `a` and `b`), the first two in text order as the
/// candidates are and the last as the all-caps words are: the runs are merged by start
/// (in linear time, however long the document), then mentions sharing a start sorted.
fn text_order(
    mentions: &[(Mention, u32)],
    (a, b): (usize, usize),
    limit: usize,
    seen: &mut Vec<Seen>,
    merged: &mut Vec<Seen>,
) {
    let key = |i: usize| {
        let (m, actor) = mentions[i];
        (m.span.start, m.sentence as u32, actor as usize, i as u32)
    };
    let a = a.min(mentions.len());
    let b = b.clamp(a, mentions.len());
    let before = |from: usize, to: usize| {
        from + mentions[from..to].partition_point(|(m, _)| m.span.start < limit)
    };
    let (names, shorts) = (0..before(0, a), a..before(a, b));
    merge_by_start(names.map(key), shorts.map(key), seen);
    let capitals = &mentions[b..];
    if !capitals.is_empty() {
        if capitals.is_sorted_by_key(|(m, _)| m.span.start) {
            let capitals = b..before(b, mentions.len());
            merge_by_start(seen.drain(..), capitals.map(key), merged);
            std::mem::swap(seen, merged);
        } else {
            seen.extend((b..mentions.len()).filter(|&k| mentions[k].0.span.start < limit).map(key));
            seen.sort_unstable();
            return;
        }
    }
    let mut i = 1;
    while i < seen.len() {
        if seen[i].0 != seen[i - 1].0 {
            i += 1;
            continue;
        }
        // Mentions sharing a start (rare): sorted.
        let first = i - 1;
        let mut end = i + 1;
        while end < seen.len() && seen[end].0 == seen[first].0 {
            end += 1;
        }
        seen[first..end].sort_unstable();
        i = end + 1;
    }
}

/// The records of two runs sorted by start, merged by start into `out` (emptied first;
/// on equal starts the first run's come first).
fn merge_by_start(
    first: impl Iterator<Item = Seen>,
    second: impl Iterator<Item = Seen>,
    out: &mut Vec<Seen>,
) {
    out.clear();
    let (mut first, mut second) = (first.peekable(), second.peekable());
    loop {
        let next = match (first.peek(), second.peek()) {
            (Some(x), Some(y)) if y.0 < x.0 => second.next(),
            (Some(_), _) => first.next(),
            (None, _) => second.next(),
        };
        match next {
            Some(record) => out.push(record),
            None => return,
        }
    }
}

/// A mention in text order: (start, sentence, actor, index in [`Book::mentions`]).
type Seen = (usize, u32, usize, u32);

/// The end of the run of ASCII letters and digits at `i` in a name, eight bytes at a
/// time (the last eight bytes of the name read for its end).
fn alnum_end(bytes: &[u8], mut i: usize) -> usize {
    let n = bytes.len();
    if n < 8 {
        return bytes[i..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(n, |k| i + k);
    }
    while i < n {
        let x = match i + 8 <= n {
            true => word_at(bytes, i),
            false => word_at(bytes, n - 8) >> (8 * (i + 8 - n)),
        };
        let stop = !ascii::alnum_mask(x) & ascii::low_bytes(ascii::HIGHS, n - i);
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    n
}

/// The flag (`0x80`) of each space among eight bytes.
#[inline]
fn space_flags(w: u64) -> u64 {
    ascii::zero_bytes(w ^ (ascii::ONES * u64::from(b' ')))
}

/// Where the first space of a name is, eight bytes at a time.
fn first_space(bytes: &[u8]) -> Option<usize> {
    let n = bytes.len();
    if n < 8 {
        return bytes.iter().position(|&b| b == b' ');
    }
    let mut start = 0;
    loop {
        // The last chunk overlaps the one before, whose bytes hold no space.
        let at = start.min(n - 8);
        let flags = space_flags(word_at(bytes, at));
        if flags != 0 {
            return Some(at + (flags.trailing_zeros() / 8) as usize);
        }
        if at + 8 == n {
            return None;
        }
        start += 8;
    }
}

/// Where the last space of a name is, eight bytes at a time from the end.
fn last_space(bytes: &[u8]) -> Option<usize> {
    let n = bytes.len();
    if n < 8 {
        return bytes.iter().rposition(|&b| b == b' ');
    }
    let mut end = n;
    loop {
        // The first chunk overlaps the one after, whose bytes hold no space.
        let at = end.saturating_sub(8);
        let flags = space_flags(word_at(bytes, at));
        if flags != 0 {
            return Some(at + (63 - flags.leading_zeros() as usize) / 8);
        }
        if at == 0 {
            return None;
        }
        end = at;
    }
}

/// Whether a name has more than one word.
fn has_space(name: &[u8]) -> bool {
    first_space(name).is_some()
}

/// The first word of a name (all of it when it is one word).
fn first_word(name: &[u8]) -> &[u8] {
    first_space(name).map_or(name, |i| &name[..i])
}

/// The last word of a name (all of it when it is one word).
fn last_word(name: &[u8]) -> &[u8] {
    last_space(name).map_or(name, |i| &name[i + 1..])
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
    cands: &mut [Cand],
    caps_words: &[Span],
    out: &mut Vec<Actor>,
) {
    // Candidates come sentence by sentence, mostly in order already.
    if !cands.is_sorted_by_key(|c| c.span.start) {
        cands.sort_by_key(|c| c.span.start);
    }
    let cands = &*cands;
    // The text's bytes at a span (names are looked up by their bytes).
    let bytes = text.as_bytes();
    let of = |span: Span| &bytes[span.start..span.end];
    let entries = inner.gazetteer.entries().len();
    let mut book = SCRATCH.with_borrow_mut(|scratch| {
        if scratch.by_entry.len() < entries {
            scratch.by_entry.resize(entries, NONE);
        }
        if scratch.slots.len() < MIN_SLOTS {
            scratch.slots = vec![NONE; MIN_SLOTS];
        }
        Book {
            inner,
            published,
            actors: recycle(std::mem::take(&mut scratch.actors)),
            forms: Forms {
                forms: recycle(std::mem::take(&mut scratch.forms)),
                slots: std::mem::take(&mut scratch.slots),
            },
            by_entry: std::mem::take(&mut scratch.by_entry),
            mentions: std::mem::take(&mut scratch.mentions),
            seen: std::mem::take(&mut scratch.seen),
            shorts: std::mem::take(&mut scratch.shorts),
            refs: std::mem::take(&mut scratch.refs),
            guessed: std::mem::take(&mut scratch.guessed),
            titles: std::mem::take(&mut scratch.titles),
        }
    });
    // Names first: gazetteer entries, governments, new actors. The other candidates
    // are noted for the passes after.
    for (i, c) in cands.iter().enumerate() {
        if c.guessed {
            book.guessed.push(i as u32);
        }
        let (key, found) = match &c.target {
            Target::Entry(e) => (
                Key::Entry(*e),
                if c.form == MentionForm::Metonym { Found::Metonym } else { Found::Gazetteer },
            ),
            Target::Government(capital) => {
                let entries = inner.gazetteer.entries();
                let country = entries.get(*capital as usize).and_then(|e| e.country.as_deref());
                let Some(country) = country else { continue };
                (Key::Government(country), Found::Metonym)
            }
            // One-word people may be short forms of a full name: see below.
            Target::New(ActorKind::Person) if !has_space(of(c.span)) => {
                book.shorts.push(i as u32);
                continue;
            }
            Target::New(kind) => (Key::New(*kind, &text[c.span]), Found::Pattern),
            Target::Short(_) => {
                book.shorts.push(i as u32);
                continue;
            }
            // "It" opening a sentence is most often about a thing ("It lasted an
            // hour"): it is not read.
            Target::Pronoun(Cue::It) if of(c.span).starts_with(b"I") => continue,
            Target::Pronoun(_) | Target::Nominal(..) => {
                book.refs.push(i as u32);
                continue;
            }
        };
        let a = book.actor(key);
        book.learn(a, c);
        book.mention(a, c.span, c.sent, c.form, found);
    }
    // A guessed person whose first word, not its last, also stands alone in the text
    // is an organization named by its short form ("Pernod Ricard" ... "Pernod said").
    let guessed = std::mem::take(&mut book.guessed);
    let shorts = std::mem::take(&mut book.shorts);
    let refs = std::mem::take(&mut book.refs);
    if !guessed.is_empty() {
        // The first and last words of guessed names: whether they stand alone.
        for c in guessed.iter().map(|&i| &cands[i as usize]) {
            let surface = of(c.span);
            for word in [first_word(surface), last_word(surface)] {
                let f = book.forms.intern(word);
                book.forms.forms[f].alone = Some(false);
            }
        }
        for c in shorts.iter().map(|&i| &cands[i as usize]) {
            if matches!(c.target, Target::Short(_)) && c.form == MentionForm::Name {
                if let Some(f) = book.forms.find(of(c.span)) {
                    let alone = &mut book.forms.forms[f].alone;
                    if alone.is_some() {
                        *alone = Some(true);
                    }
                }
            }
        }
        let alone =
            |forms: &Forms, word: &[u8]| forms.find(word).and_then(|f| forms.forms[f].alone);
        for c in guessed.iter().map(|&i| &cands[i as usize]) {
            let surface = of(c.span);
            let first = first_word(surface);
            let last = last_word(surface);
            if alone(&book.forms, first) == Some(true) && alone(&book.forms, last) == Some(false) {
                let a = book
                    .forms
                    .find(surface)
                    .map_or(NONE, |f| book.forms.forms[f].new[ActorKind::Person as usize]);
                if a != NONE {
                    // The id follows the kind (it is written at the end).
                    let b = &mut book.actors[a as usize];
                    b.kind = ActorKind::Organization;
                    b.sector = None;
                    b.learned = None;
                }
            }
        }
    }
    // Short forms: the last word of a person's name, the first word of an
    // organization's, or a whole one-word name. (So far every mention is a name found
    // above.) Each form notes its actor (or that it has several) and the first mention
    // it is taken from. (Only the short forms and capitals below read them.)
    let names =
        if shorts.is_empty() && caps_words.is_empty() { &[][..] } else { &book.mentions[..] };
    for (k, &(m, a)) in names.iter().enumerate() {
        if m.form != MentionForm::Name && m.form != MentionForm::Alias {
            continue;
        }
        let b = &mut book.actors[a as usize];
        let surface = of(m.span);
        // An actor's names are read in text order, so a repeat of the last one changes
        // nothing.
        let last = book.mentions.get(b.last_name as usize).map(|(last, _)| of(last.span));
        if last.is_some_and(|last| same(last, surface)) {
            continue;
        }
        let short_form = match b.kind {
            ActorKind::Person => Some(last_word(surface)),
            ActorKind::Organization if matches!(b.source, Source::New(_)) => {
                Some(first_word(surface))
            }
            _ => None,
        };
        b.last_name = k as u32;
        let f = match b.source {
            Source::New(name) if same(name.as_bytes(), surface) => b.form,
            _ => book.forms.intern(surface) as u32,
        };
        let g = match short_form.filter(|s| s.len() < surface.len()) {
            Some(short) => book.forms.intern(short) as u32,
            None => NONE,
        };
        for f in [f, g] {
            let Some(form) = book.forms.forms.get_mut(f as usize) else { continue };
            form.short = match form.short {
                NONE => a,
                s if s == a => s,
                _ => AMBIGUOUS,
            };
            form.first_at = form.first_at.min(m.span.start);
        }
    }
    let names_end = book.mentions.len();
    for c in shorts.iter().map(|&i| &cands[i as usize]) {
        let fallback = match &c.target {
            Target::Short(fallback) => fallback,
            // (One-word people: the others are names.)
            Target::New(ActorKind::Person) => &Some(ActorKind::Person),
            _ => continue,
        };
        let surface = &text[c.span];
        let short = book.forms.find(of(c.span)).map_or(NONE, |f| book.forms.forms[f].short);
        if short != NONE && short != AMBIGUOUS {
            let a = short as usize;
            let b = &book.actors[a];
            let form = if b.kind == ActorKind::Person && !book.is_named(b, surface) {
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
    let short_end = book.mentions.len();
    if !caps_words.is_empty() {
        let (mut capitals, mut spelled) = SCRATCH.with_borrow_mut(|scratch| {
            (std::mem::take(&mut scratch.capitals), std::mem::take(&mut scratch.spelled))
        });
        // The spellings of the all-caps words, each once: far fewer than the forms,
        // so each form in capitals is looked up among them (no sort of every form).
        spelled.clear();
        spelled.extend(caps_words.iter().map(|&span| (span, usize::MAX, NONE)));
        spelled.sort_unstable_by(|x, y| text[x.0].cmp(&text[y.0]));
        spelled.dedup_by(|later, first| text[later.0] == text[first.0]);
        for form in &book.forms.forms {
            if form.short == NONE || form.short == AMBIGUOUS {
                continue;
            }
            capitals.clear();
            match std::str::from_utf8(form.name) {
                Ok(name) if name.is_ascii() => {
                    capitals.push_str(name);
                    capitals.make_ascii_uppercase();
                }
                // (Every form is a slice of the text or a code: whole characters.)
                _ => {
                    let name = String::from_utf8_lossy(form.name);
                    capitals.extend(name.chars().flat_map(char::to_uppercase));
                }
            }
            let Ok(k) = spelled.binary_search_by(|x| text[x.0].cmp(&capitals)) else { continue };
            let best = &mut spelled[k];
            if (form.first_at, form.short) < (best.1, best.2) {
                (best.1, best.2) = (form.first_at, form.short);
            }
        }
        let cursor = Cursor::default();
        for &span in caps_words {
            let Ok(k) = spelled.binary_search_by(|x| text[x.0].cmp(&text[span])) else { continue };
            let a = spelled[k].2;
            if a != NONE {
                let sent = cursor.partition_point(sentences, |s| s.span.end <= span.start);
                book.mention(a as usize, span, sent as u32, MentionForm::Name, Found::Alias);
            }
        }
        SCRATCH
            .with_borrow_mut(|scratch| (scratch.capitals, scratch.spelled) = (capitals, spelled));
    }
    // Pronouns and role nouns, in text order.
    let mut seen = std::mem::take(&mut book.seen);
    if !refs.is_empty() {
        // (No window reaches past the last reference.)
        let limit = refs.last().map_or(0, |&i| cands[i as usize].span.start);
        let mut merged = SCRATCH.with_borrow_mut(|scratch| std::mem::take(&mut scratch.merged));
        text_order(&book.mentions, (names_end, short_end), limit, &mut seen, &mut merged);
        // (The room is kept as the other vectors are.)
        if keeps(merged.len(), merged.capacity(), KEPT_MENTIONS) {
            merged.clear();
            SCRATCH.with_borrow_mut(|scratch| scratch.merged = merged);
        }
    }
    // Where the windows below start and end in `seen`, kept from one candidate to the
    // next: they come in text order, so the ends move a little forward each time.
    let from_at = [Cursor::default(), Cursor::default()];
    let to_at = Cursor::default();
    for c in refs.iter().map(|&i| &cands[i as usize]) {
        match &c.target {
            Target::Pronoun(cue) => {
                // "he" and "she" look back one sentence; "it" only within its own.
                // "It" later in a sentence refers to the subject of the verb right
                // before it ("Iraq said it would", "Iraq says that it"), else to the
                // actor that opens the sentence.
                let back = if *cue == Cue::It { 0 } else { 1 };
                let mut from = from_at[back]
                    .partition_point(&seen, |&(_, s, _, _)| s as usize + back < c.sent as usize);
                let mut to = to_at.partition_point(&seen, |&(p, _, _, _)| p < c.span.start);
                if *cue == Cue::It {
                    // The mention itself is at hand (no walk over the actor's mentions),
                    // and only the last mentions are read: bounded work on hostile input.
                    let subject = (from.max(to.saturating_sub(LOOK_BACK))..to).rev().find(|&k| {
                        let (_, _, a, i) = seen[k];
                        let b = &book.actors[a];
                        let m = &book.mentions[i as usize].0;
                        matches!(
                            b.kind,
                            ActorKind::Organization | ActorKind::Government | ActorKind::Country
                        ) && m.form != MentionForm::Demonym
                            && verb_between(text, m.span.end, c.span.start)
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
                for &(_, _, a, _) in seen.get(from..to).unwrap_or(&[]) {
                    let b = &book.actors[a];
                    let fits = match cue {
                        Cue::He => b.kind == ActorKind::Person && b.gender != Some(Gender::Female),
                        Cue::She => b.kind == ActorKind::Person && b.gender != Some(Gender::Male),
                        _ => {
                            matches!(
                                b.kind,
                                ActorKind::Organization
                                    | ActorKind::Government
                                    | ActorKind::Country
                            ) && b.named
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
                let to = to_at.partition_point(&seen, |&(p, _, _, _)| p < c.span.start);
                let country = country.as_deref();
                let fits = |b: &Building| {
                    b.kind == ActorKind::Person
                        && (book.any_role(b, |r, rc| {
                            title_fits(r, title) && (country.is_none() || rc == country)
                        }) || (country.is_none() || b.country == country)
                            && book.titles(b).any(|t| title_fits(t, title)))
                };
                let recent = seen[to.saturating_sub(LOOK_BACK)..to]
                    .iter()
                    .rev()
                    .find(|&&(_, _, a, _)| fits(&book.actors[a]))
                    .map(|&(_, _, a, _)| a);
                let known = match (recent, country) {
                    (Some(a), _) => Some(a),
                    (None, None) => None,
                    (None, Some(country)) => {
                        let entries = inner.gazetteer.entries();
                        let head = title.rsplit(' ').next().unwrap_or(title);
                        let mut holders =
                            inner.by_title.get(head).into_iter().flatten().filter(|&&e| {
                                entries[e as usize].roles.iter().any(|r| {
                                    title_fits(&r.title, title)
                                        && r.country.as_deref() == Some(country)
                                        && r.valid_at(published)
                                })
                            });
                        match holders.next() {
                            Some(&first) if holders.all(|&e| e == first) => {
                                Some(book.actor(Key::Entry(first)))
                            }
                            _ => None,
                        }
                    }
                };
                if let Some(a) = known {
                    book.mention(a, c.span, c.sent, MentionForm::Nominal, Found::Nominal);
                }
            }
            _ => {}
        }
    }
    book.seen = seen;
    book.shorts = shorts;
    book.refs = refs;
    book.guessed = guessed;
    book.finish(out);
}

/// Verbs of saying and stance whose subject a following "it" refers to.
static REPORT_VERBS: LazyLock<HashSet<&'static str, BuildHasherDefault<FormHasher>>> =
    LazyLock::new(|| {
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
    // Most gaps fail here, before their words are read.
    if !gap.starts_with(' ') || !gap.ends_with(' ') {
        return false;
    }
    let mut words = gap.split_ascii_whitespace();
    let verb = words.next().is_some_and(|w| REPORT_VERBS.contains(w));
    let rest = words.next();
    verb && words.next().is_none()
        && rest.is_none_or(|w| w == "that")
        && gap.starts_with(' ')
        && gap.ends_with(' ')
}

/// The slug fast path and the name hasher.
#[cfg(test)]
mod tests {
    use super::*;

    /// Mentions in three runs (names, short forms, capitals), each in text order, with
    /// starts shared within and across runs: merged, they read as one full sort does,
    /// and only those before the limit are kept.
    #[test]
    fn text_order_merges_the_three_runs_as_a_sort_would() {
        use crate::actor::{Found, Mention, MentionForm};
        let mention = |start: usize, sentence: usize| Mention {
            span: Span::new(start, start + 3),
            sentence,
            form: MentionForm::Name,
            found: Found::Gazetteer,
        };
        let names = [(0, 0, 2), (10, 0, 1), (40, 1, 0), (90, 3, 4)];
        let shorts = [(10, 0, 3), (12, 0, 1), (40, 1, 2), (70, 2, 0)];
        let capitals = [(0, 0, 5), (10, 0, 0), (41, 1, 1), (95, 3, 2)];
        let mentions: Vec<(Mention, u32)> = names
            .iter()
            .chain(&shorts)
            .chain(&capitals)
            .map(|&(start, sentence, actor)| (mention(start, sentence), actor))
            .collect();
        for limit in [0, 11, 41, 80, 1000] {
            let (mut seen, mut merged) = (Vec::new(), Vec::new());
            text_order(&mentions, (4, 8), limit, &mut seen, &mut merged);
            let mut sorted: Vec<Seen> = (mentions.iter().enumerate())
                .filter(|(_, (m, _))| m.span.start < limit)
                .map(|(i, &(m, a))| (m.span.start, m.sentence as u32, a as usize, i as u32))
                .collect();
            sorted.sort_unstable();
            assert_eq!(seen, sorted, "limit {limit}");
        }
    }

    /// The slug rule spelled out a character at a time: runs of letters and digits,
    /// lowercased, joined by single dashes.
    fn slug(name: &str) -> String {
        let mut out = String::new();
        let mut dash = false;
        for c in name.chars().flat_map(char::to_lowercase) {
            if c.is_alphanumeric() {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                out.push(c);
                dash = false;
            } else {
                dash = true;
            }
        }
        out
    }

    /// Each path of [`local_id`] (eight bytes at a time, a character at a time) gives
    /// the slug of the rule.
    #[test]
    fn local_ids_follow_the_slug_rule_on_every_path() {
        let names = [
            "Anna Kovacs",
            "ANNA KOVACS",
            "Anna  Kovacs",
            " Anna",
            "Anna ",
            "AT&T",
            "St. Louis",
            "Kovacs-Smith Ltd",
            "Zo\u{eb} Smith",
            "\u{dc}ber Corp",
            "x\u{a0}y",
            "A",
            "",
            "  ",
            "a b c d e f g h i j",
            "ABCDEFGH IJKLMNOP",
            "1234567 8",
            "abcdefg  hij",
            "abcdefgh ijk",
            "abcdefg hijklmn opq",
            "abcdefghijklmnop",
            "Abcdefg Hijklmno Pqrstuvw X",
            "Q2 2025 Results",
        ];
        for name in names {
            let want = format!("local:org:{}", slug(name));
            // Written over a longer id, as when an actor is reused.
            let mut id = "local:per:a-much-longer-earlier-name".to_string();
            local_id(ActorKind::Organization, name, &mut id);
            assert_eq!(id, want, "{name:?}");
        }
        let mut id = String::new();
        local_id(ActorKind::Person, "Anna Kovacs", &mut id);
        assert_eq!(id, "local:per:anna-kovacs");
    }

    /// The first and last spaces and the ends of runs of letters are found on every
    /// path (short names, chunks, the overlapping last chunk), as a byte at a time finds
    /// them.
    #[test]
    fn spaces_are_found_as_a_byte_at_a_time() {
        let names = [
            "",
            " ",
            "Anna",
            "Anna Kovacs",
            "Ministry of Defence",
            "abcdefgh ",
            " abcdefgh",
            "abcdefghijklmnop q",
            "a bcdefghijklmnopq",
            "abcdefghijklmnopqrstuvwxyz",
            "Zo\u{eb} Smith-Jones Ltd",
        ];
        for name in names {
            let bytes = name.as_bytes();
            assert_eq!(first_space(bytes), name.find(' '), "{name:?}");
            assert_eq!(last_space(bytes), name.rfind(' '), "{name:?}");
            for i in 0..bytes.len() {
                let want = (i..bytes.len()).find(|&k| !bytes[k].is_ascii_alphanumeric());
                assert_eq!(alnum_end(bytes, i), want.unwrap_or(bytes.len()), "{name:?} {i}");
            }
        }
    }

    /// Names that differ in length or bytes hash apart, the short ones included, and
    /// [`same`] tells them apart on each of its paths.
    #[test]
    fn names_hash_and_compare_apart() {
        let hash = |s: &str| name_hash(s.as_bytes());
        let names = [
            "",
            "a",
            "ab",
            "abc",
            "abd",
            "abcd",
            "abce",
            "abcde",
            "abcdefgh",
            "abcdefgi",
            "abcdefghi",
            "abcdefghabcdefgh",
            "abcdefghabcdefgi",
            "abcdefghXbcdefghabcdefgh",
            "abcdefghYbcdefghabcdefgh",
        ];
        for (i, a) in names.iter().enumerate() {
            assert!(same(a.as_bytes(), a.as_bytes()), "{a:?}");
            for b in &names[i + 1..] {
                assert_ne!(hash(a), hash(b), "{a:?} {b:?}");
                assert!(!same(a.as_bytes(), b.as_bytes()), "{a:?} {b:?}");
            }
        }
    }
}
