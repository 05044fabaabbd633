//! The gazetteer: known actors with their names, variants, demonyms and dated roles.
//!
//! The file format is our own TSV (documented in `data/gazetteer/README.md`): one entry per
//! line, `#` comment lines and blank lines ignored, exactly eight tab-separated columns:
//!
//! ```text
//! id  kind  country  name  aliases  demonyms  roles  flags
//! ```
//!
//! `aliases` and `demonyms` are `|`-separated surface variants (matched case-sensitively),
//! `roles` are `;`-separated `title|country|sector|from|to` (dates `YYYY-MM-DD` or `YYYY`,
//! `to` empty while the role is held) and `flags` are `,`-separated words among `male`,
//! `female`, `capital` and `metonym`.

use std::hash::Hasher;
use std::path::Path;

use jiff::civil::Date;

use super::ActorKind;
use crate::Error;
use crate::hash::WordHasher;

/// A person's grammatical gender, used to resolve "he" and "she".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Referred to as "he".
    Male,
    /// Referred to as "she".
    Female,
}

/// An office or position held by an actor, possibly bounded in time.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Role {
    /// The office, lowercase ("president", "foreign minister").
    pub title: String,
    /// The ISO alpha-3 code (or IGO code) of the country or body the office belongs to.
    pub country: Option<String>,
    /// The CAMEO sector code of the office (GOV, MIL, LEG, ...).
    pub sector: Option<String>,
    /// First day the office was held, if known.
    pub from: Option<Date>,
    /// Last day the office was held; `None` while it is held.
    pub to: Option<Date>,
}

impl Role {
    /// Whether the role is held on `date`; without a date, whether it is held now (no end).
    pub fn valid_at(&self, date: Option<Date>) -> bool {
        match date {
            Some(d) => self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t),
            None => self.to.is_none(),
        }
    }
}

/// One known actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The stable id ("Q-style" or our own slug, e.g. `per:vladimir-putin`).
    pub id: String,
    /// What sort of actor it is.
    pub kind: ActorKind,
    /// ISO alpha-3 (or IGO/NGO/MNC/IMG) code of its country.
    pub country: Option<String>,
    /// The canonical display name.
    pub name: String,
    /// Other surface forms, matched case-sensitively.
    pub aliases: Vec<String>,
    /// Nationality adjectives and demonyms ("Ukrainian").
    pub demonyms: Vec<String>,
    /// Offices held, with dates.
    pub roles: Vec<Role>,
    /// Gender of a person, when known.
    pub gender: Option<Gender>,
    /// A capital city (acts for its country's government: "Moscow said").
    pub capital: bool,
    /// A building or place standing for a government ("the Kremlin").
    pub metonym: bool,
    /// A state or body that no longer exists.
    pub historic: bool,
}

impl Entry {
    /// A bare entry with only its id, kind and name.
    pub fn new(id: impl Into<String>, kind: ActorKind, name: impl Into<String>) -> Entry {
        Entry {
            id: id.into(),
            kind,
            country: None,
            name: name.into(),
            aliases: Vec::new(),
            demonyms: Vec::new(),
            roles: Vec::new(),
            gender: None,
            capital: false,
            metonym: false,
            historic: false,
        }
    }

    /// The roles held at `date` (or currently held when there is no date).
    pub fn roles_at(&self, date: Option<Date>) -> impl Iterator<Item = &Role> {
        self.roles.iter().filter(move |r| r.valid_at(date))
    }
}

/// A set of known actors, keyed by id. Later additions with the same id replace earlier
/// ones, so user files override the defaults.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_id: IdIndex,
}

/// Two gazetteers are equal when their entries are (the index follows from them).
impl PartialEq for Gazetteer {
    fn eq(&self, other: &Gazetteer) -> bool {
        self.entries == other.entries
    }
}

impl Eq for Gazetteer {}

/// The entries by id: an open-addressing table of entry positions found by the hash of
/// the id, which is read from the entry (not copied into the table).
#[derive(Clone, Debug, Default)]
struct IdIndex {
    /// 1 + the position of an entry, or 0 for a free slot; a power of two long, at most
    /// half full.
    slots: Vec<u32>,
}

impl IdIndex {
    /// The position of the entry of `entries` with id `id`.
    fn get(&self, entries: &[Entry], id: &str) -> Option<usize> {
        let slot = self.slot(entries, id)?;
        (self.slots[slot] as usize).checked_sub(1)
    }

    /// The slot holding `id`, or else the free slot where it goes; `None` while the table
    /// is empty.
    fn slot(&self, entries: &[Entry], id: &str) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut hasher = WordHasher::default();
        hasher.write(id.as_bytes());
        // (The high bits of the product depend on every bit of the id.)
        let mut at = hasher.finish().rotate_left(32) as usize & mask;
        loop {
            match self.slots[at] {
                0 => return Some(at),
                i if entries[i as usize - 1].id == id => return Some(at),
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// Makes room for `more` entries after `entries` (which the table holds).
    fn reserve(&mut self, entries: &[Entry], more: usize) {
        let len = (2 * (entries.len() + more)).next_power_of_two();
        if len <= self.slots.len() {
            return;
        }
        self.slots = vec![0; len];
        for (i, e) in entries.iter().enumerate() {
            let slot = self.slot(entries, &e.id).expect("the table is not empty");
            self.slots[slot] = i as u32 + 1;
        }
    }
}

impl Gazetteer {
    /// A gazetteer with no entries.
    pub fn empty() -> Gazetteer {
        Gazetteer::default()
    }

    /// The default gazetteer compiled into the crate (empty without the
    /// `embedded-gazetteers` feature).
    pub fn embedded() -> Gazetteer {
        #[cfg(feature = "embedded-gazetteers")]
        {
            let mut gazetteer = Gazetteer::empty();
            for (source, text) in EMBEDDED {
                gazetteer.add_tsv(source, text).expect("the embedded gazetteer is valid");
            }
            gazetteer
        }
        #[cfg(not(feature = "embedded-gazetteers"))]
        Gazetteer::empty()
    }

    /// The entries, in insertion order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with the given id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(&self.entries, id).map(|i| &self.entries[i])
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds an entry, replacing any entry with the same id.
    pub fn insert(&mut self, entry: Entry) {
        self.by_id.reserve(&self.entries, 1);
        let slot = self.by_id.slot(&self.entries, &entry.id).expect("room was made");
        match self.by_id.slots[slot] {
            0 => {
                self.entries.push(entry);
                self.by_id.slots[slot] = self.entries.len() as u32;
            }
            i => self.entries[i as usize - 1] = entry,
        }
    }

    /// Parses gazetteer TSV text and adds its entries; `source` names the text in errors.
    ///
    /// # Errors
    ///
    /// When a line does not have eight columns or a field is malformed; the error names
    /// `source` and the line.
    ///
    /// ```
    /// use newsextract::actor::Gazetteer;
    ///
    /// let mut g = Gazetteer::empty();
    /// g.add_tsv("mine.tsv", "org:acme\torganization\tUSA\tAcme Corp\tAcme\t\t\t\n")?;
    /// assert_eq!(g.get("org:acme").map(|e| e.name.as_str()), Some("Acme Corp"));
    /// assert!(g.add_tsv("bad.tsv", "x\tperson\n").is_err());
    /// # Ok::<(), newsextract::Error>(())
    /// ```
    pub fn add_tsv(&mut self, source: &str, text: &str) -> Result<(), Error> {
        // Room for an entry per line (a line holds one at most).
        let lines = count_byte(text, b'\n') + 1;
        self.entries.reserve(lines);
        self.by_id.reserve(&self.entries, lines);
        for (n, line) in split_byte(text, b'\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if trim(line).is_empty() || line.starts_with('#') {
                continue;
            }
            let entry = parse_line(line).map_err(|m| Error::parse(source, n + 1, m))?;
            self.insert(entry);
        }
        Ok(())
    }

    /// Reads a gazetteer TSV file and adds its entries.
    ///
    /// # Errors
    ///
    /// When the file cannot be read or is malformed.
    pub fn add_file(&mut self, path: impl AsRef<Path>) -> Result<(), Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
        self.add_tsv(&path.display().to_string(), &text)
    }
}

/// The default gazetteer files, embedded.
#[cfg(feature = "embedded-gazetteers")]
const EMBEDDED: &[(&str, &str)] = &[
    ("data/gazetteer/countries.tsv", include_str!("../../data/gazetteer/countries.tsv")),
    ("data/gazetteer/cities.tsv", include_str!("../../data/gazetteer/cities.tsv")),
    ("data/gazetteer/governments.tsv", include_str!("../../data/gazetteer/governments.tsv")),
    ("data/gazetteer/organizations.tsv", include_str!("../../data/gazetteer/organizations.tsv")),
    ("data/gazetteer/people.tsv", include_str!("../../data/gazetteer/people.tsv")),
];

/// Parses one non-comment line into an entry; the error is the message only.
fn parse_line(line: &str) -> Result<Entry, String> {
    let Some(cols) = split_exact::<8>(line, b'\t') else {
        let found = line.split('\t').count();
        return Err(format!("expected 8 tab-separated columns, found {found}"));
    };
    let id = trim(cols[0]);
    if id.is_empty() {
        return Err("empty id".to_string());
    }
    let kind = parse_kind(trim(cols[1]))?;
    let name = trim(cols[3]);
    if name.is_empty() {
        return Err(format!("entry {id:?} has an empty name"));
    }
    let mut entry = Entry::new(id, kind, name);
    entry.country = parse_country(trim(cols[2]))?;
    entry.aliases = split_list(cols[4], b'|');
    entry.demonyms = split_list(cols[5], b'|');
    if !trim(cols[6]).is_empty() {
        entry.roles.reserve(count_byte(cols[6], b';') + 1);
        for role in split_byte(cols[6], b';').filter(|r| !trim(r).is_empty()) {
            entry.roles.push(parse_role(role)?);
        }
    }
    for flag in split_byte(cols[7], b',').map(trim).filter(|f| !f.is_empty()) {
        match flag {
            "male" => entry.gender = Some(Gender::Male),
            "female" => entry.gender = Some(Gender::Female),
            "capital" => entry.capital = true,
            "metonym" => entry.metonym = true,
            "historic" => entry.historic = true,
            other => {
                return Err(format!(
                    "unknown flag {other:?} (male, female, capital, metonym, historic)"
                ));
            }
        }
    }
    Ok(entry)
}

/// Parses an actor kind word.
pub(crate) fn parse_kind(word: &str) -> Result<ActorKind, String> {
    Ok(match word {
        "person" => ActorKind::Person,
        "country" => ActorKind::Country,
        "government" => ActorKind::Government,
        "organization" => ActorKind::Organization,
        "location" => ActorKind::Location,
        "group" => ActorKind::Group,
        other => {
            return Err(format!(
                "unknown kind {other:?} (person, country, government, organization, location, group)"
            ));
        }
    })
}

/// Parses a country column: empty, or three uppercase ASCII letters.
fn parse_country(code: &str) -> Result<Option<String>, String> {
    if code.is_empty() {
        return Ok(None);
    }
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(Some(code.to_string()))
    } else {
        Err(format!("country {code:?} is not a three-letter uppercase code"))
    }
}

/// Splits a list column, dropping empty items.
fn split_list(field: &str, sep: u8) -> Vec<String> {
    if trim(field).is_empty() {
        return Vec::new();
    }
    let mut list = Vec::with_capacity(count_byte(field, sep) + 1);
    list.extend(split_byte(field, sep).map(trim).filter(|s| !s.is_empty()).map(String::from));
    list
}

/// `text.trim()`, without decoding a char when `text` starts and ends with a visible
/// ASCII one (most fields).
fn trim(text: &str) -> &str {
    match text.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        [only] if only.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// How many times the ASCII byte `b` occurs in `text`.
fn count_byte(text: &str, b: u8) -> usize {
    memchr::memchr_iter(b, text.as_bytes()).count()
}

/// The parts of `text` between the ASCII byte `sep`, as `text.split(sep)` gives them
/// (without the set-up of a `char` search, which costs more than these short parts).
fn split_byte(text: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut seps = memchr::memchr_iter(sep, text.as_bytes());
    // Where the next part starts; `None` after the last.
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        let end = seps.next();
        start = end.map(|e| e + 1);
        Some(&text[from..end.unwrap_or(text.len())])
    })
}

/// The `N` parts of `text` between the ASCII byte `sep`; `None` unless there are exactly
/// `N`.
fn split_exact<const N: usize>(text: &str, sep: u8) -> Option<[&str; N]> {
    let mut parts = [""; N];
    let mut n = 0;
    for part in split_byte(text, sep) {
        *parts.get_mut(n)? = part;
        n += 1;
    }
    (n == N).then_some(parts)
}

/// Parses `title|country|sector|from|to`.
fn parse_role(text: &str) -> Result<Role, String> {
    let Some(parts) = split_exact::<5>(text, b'|').map(|p| p.map(trim)) else {
        return Err(format!(
            "role {text:?} needs 5 '|'-separated fields: title|country|sector|from|to"
        ));
    };
    if parts[0].is_empty() {
        return Err(format!("role {text:?} has no title"));
    }
    let sector = match parts[2] {
        "" => None,
        s if s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()) => Some(s.to_string()),
        s => return Err(format!("sector {s:?} is not a three-letter CAMEO code")),
    };
    Ok(Role {
        title: parts[0].to_lowercase(),
        country: parse_country(parts[1])?,
        sector,
        from: parse_date(parts[3], false)?,
        to: parse_date(parts[4], true)?,
    })
}

/// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; a partial date means its first day, or with
/// `end` its last day.
fn parse_date(text: &str, end: bool) -> Result<Option<Date>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    let bad = || format!("bad date {text:?}: expected YYYY-MM-DD, YYYY-MM or YYYY");
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty();
    let mut parts = ["", "", ""];
    let mut n = 0;
    for part in split_byte(text, b'-') {
        if !digits(part) || n == 3 {
            return Err(bad());
        }
        parts[n] = part;
        n += 1;
    }
    if parts[0].len() != 4 {
        return Err(bad());
    }
    let year: i16 = parts[0].parse().map_err(|_| bad())?;
    let date = match n {
        1 => Date::new(year, if end { 12 } else { 1 }, if end { 31 } else { 1 }),
        2 => {
            let month: i8 = parts[1].parse().map_err(|_| bad())?;
            Date::new(year, month, 1).map(|d| if end { d.last_of_month() } else { d })
        }
        _ => text.parse::<Date>(),
    };
    date.map(Some).map_err(|_| bad())
}
