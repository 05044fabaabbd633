//! The grammar words of temporal expressions, read from `data/date/*.tsv`, and the
//! word table that finds them.
//!
//! Every grammar word is a short run of ASCII letters, so the table packs a word into
//! two `u64`s (lowercased in place, no allocation) and finds it by open addressing.
//! The same table tells the trigger scan which words may head an expression.

use super::value::{DateValue, DayPart, Reference, Season, Unit};
use crate::ascii::{load8, low_bytes, lower8};
use crate::hash::WordMap;

/// A unit word as the grammar sees it (wider than [`Unit`]: decades, weekends).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitWord {
    Plain(Unit),
    Decade,
    Century,
    Weekend,
    Fortnight,
    /// "half" (of a year, after an ordinal).
    Half,
    /// "period": an accounting period, a quarter in earnings reports ("the latest
    /// period").
    Period,
}

/// A part-of-day word: a part ("morning") or a fixed clock time ("noon").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PartWord {
    Part(DayPart),
    Clock(i8, i8),
}

/// What a modifier word does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Modifier {
    /// "last" -1, "next" +1, "this" 0.
    pub shift: Option<i8>,
    /// "early", "late", "mid".
    pub point: bool,
    /// "about", "nearly".
    pub approx: bool,
    /// "every", "each".
    pub every: bool,
    /// "fiscal".
    pub fiscal: bool,
    /// A word between an amount and its unit ("20 more years", "eight trading days").
    pub filler: bool,
    /// Points back to the period last talked about, moved by N ("that year" 0, "the
    /// following year" +1).
    pub anaphor: Option<i8>,
}

/// Tense marked by a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
}

/// Everything the grammar knows about one lowercase word.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Word {
    pub month: Option<i8>,
    /// The month reading needs a capital or a date pattern ("may", "march").
    pub month_cap: bool,
    pub weekday: Option<i8>,
    pub unit: Option<UnitWord>,
    /// The word is plural ("days"): a bare plural unit is a vague duration.
    pub plural: bool,
    /// Cardinal value; `Some(None)` for vague amounts ("several").
    pub number: Option<Option<u32>>,
    pub ordinal: Option<u32>,
    pub part: Option<PartWord>,
    /// Day offset from the publication date and an optional part ("tonight").
    pub deictic: Option<(i8, Option<DayPart>)>,
    pub reference: Option<Reference>,
    /// A season and whether it stands alone as one ("summer" but not "fall").
    pub season: Option<(Season, bool)>,
    pub set: Option<DateValue>,
    /// The frequency word is a recurrence only as an adverb ("paid quarterly").
    pub set_adverb: bool,
    pub modifier: Modifier,
    pub tense: Option<Tense>,
    /// Marks the future only before "to" ("set to", "due to").
    pub future_to: bool,
    /// A time-zone abbreviation ("EST"), valid when written in capitals.
    pub zone: bool,
    /// The word starts a holiday name ("Christmas", "Labor Day").
    pub holiday: bool,
    /// The word may head an expression: the scan tries the grammar around it.
    pub trigger: bool,
}

/// When a holiday falls in a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct HolidayRule {
    pub month: i8,
    pub day: i8,
    /// The first such weekday on or after `month`-`day` (Monday = 1), for holidays
    /// on a weekday ("the fourth Thursday of November").
    pub weekday: Option<i8>,
}

/// A holiday: its name as lowercase words and its rule.
#[derive(Clone, Debug)]
pub(crate) struct Holiday {
    pub words: Vec<Box<str>>,
    pub rule: HolidayRule,
}

fn holiday_rule(code: &str) -> Option<HolidayRule> {
    let (date, weekday) = match code.split_once('+') {
        Some((d, w)) => (d, Some(w.parse().ok()?)),
        None => (code, None),
    };
    let (m, d) = date.split_once('-')?;
    Some(HolidayRule { month: m.parse().ok()?, day: d.parse().ok()?, weekday })
}

type Words = WordMap<Box<[u8]>, Word>;

/// The longest word the table can hold; longer words are not looked up.
const MAX_WORD: usize = 16;

/// A word packed for the table: its bytes, lowercased and zero-padded, in two
/// little-endian `u64`s.
type Key = [u64; 2];

/// The key of `bytes[s..e]` (at most [`MAX_WORD`] bytes), lowercased.
#[inline(always)]
fn key_at(bytes: &[u8], s: usize, e: usize) -> Key {
    let n = e - s;
    if n <= 8 {
        [lower8(low_bytes(load(bytes, s), n)), 0]
    } else {
        [lower8(load(bytes, s)), lower8(low_bytes(load(bytes, s + 8), n - 8))]
    }
}

/// [`load8`], with the copy near the end of `bytes` out of line.
#[inline(always)]
fn load(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        Some(chunk) => u64::from_le_bytes(chunk),
        None => load_end(bytes, at),
    }
}

/// [`load8`] near the end of `bytes`.
#[cold]
#[inline(never)]
fn load_end(bytes: &[u8], at: usize) -> u64 {
    load8(bytes, at)
}

/// The home slot of a key in a table of `mask + 1` slots.
#[inline]
fn slot_of(key: Key, len: usize, mask: usize) -> usize {
    let h = (key[0] ^ key[1].rotate_left(31) ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 40) as usize & mask
}

/// The slot of [`Lexicon::may_trigger`]'s filter for a word's first two bytes;
/// letters of either case share one.
fn shape_slot(first: u8, second: u8) -> usize {
    usize::from(first & 31) << 5 | usize::from(second & 31)
}

/// The word of [`Lexicon::may_start`]'s filter for a run whose first two bytes are
/// `first` and `second`: bits 0-4 and 6 of the first byte and bits 0-4 of the second,
/// so that letters of either case share one and a digit first byte shares none with a
/// letter. Bits 0-4 of the third byte pick the bit in the word.
fn start_slot(first: u8, second: u8) -> usize {
    usize::from(first & 0x5F) << 5 | usize::from(second & 0x1F)
}

/// One slot of [`WordTable`]; `len == 0` marks an empty slot.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: Key,
    len: u32,
    id: u32,
}

/// Lowercase words (ASCII, at most [`MAX_WORD`] bytes) -> entry ids, by open
/// addressing with linear probing, at most a quarter full.
#[derive(Clone, Debug)]
struct WordTable {
    slots: Box<[Slot]>,
    mask: usize,
}

impl WordTable {
    fn new<'w>(words: impl ExactSizeIterator<Item = (&'w [u8], u32)>) -> WordTable {
        let size = (words.len() * 4).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); size].into_boxed_slice();
        let mask = size - 1;
        for (word, id) in words {
            if word.is_empty() || word.len() > MAX_WORD {
                continue;
            }
            let key = key_at(word, 0, word.len());
            let mut i = slot_of(key, word.len(), mask);
            while slots[i].len != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = Slot { key, len: word.len() as u32, id };
        }
        WordTable { slots, mask }
    }

    /// The id of `bytes[s..e]`, compared ASCII case-insensitively.
    #[inline]
    fn get(&self, bytes: &[u8], s: usize, e: usize) -> Option<u32> {
        let len = e - s;
        if len == 0 || len > MAX_WORD {
            return None;
        }
        let key = key_at(bytes, s, e);
        let mut i = slot_of(key, len, self.mask);
        loop {
            let slot = &self.slots[i];
            if slot.len == 0 {
                return None;
            }
            if slot.key == key && slot.len as usize == len {
                return Some(slot.id);
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// The embedded grammar words.
#[derive(Clone, Debug)]
pub(crate) struct Lexicon {
    /// Word -> index into `entries`.
    words: WordTable,
    entries: Vec<Word>,
    /// Two-word approximators ("more than", "at least").
    approx_pairs: Vec<(Box<str>, Box<str>)>,
    /// Holiday names, longest first.
    pub holidays: Vec<Holiday>,
    /// A filter on trigger words and codes: slot [`shape_slot`] of the first two bytes
    /// has bit `last % 32` set for each one's last byte.
    trigger_shapes: Box<[u32; 1024]>,
    /// The same filter on lengths: bit `min(len, 31)` for each one's length.
    trigger_lens: Box<[u32; 1024]>,
    /// Bit `len` is set for the length of each approximator pair's first word.
    approx_lens: u32,
    /// A filter on the first three bytes of a run of letters and digits: word
    /// [`start_slot`] of the first two has bit `third % 32` set for those of each
    /// trigger word (any third byte for a two-letter word or code, which "FY2026"
    /// starts with too) and of each number.
    trigger_starts: Box<[u32; START_SLOTS]>,
}

/// The number of words of [`Lexicon::may_start`]'s filter (see [`start_slot`]).
const START_SLOTS: usize = 0x60 << 5;

const MONTHS: &str = include_str!("../../data/date/months.tsv");
const WEEKDAYS: &str = include_str!("../../data/date/weekdays.tsv");
const UNITS: &str = include_str!("../../data/date/units.tsv");
const NUMBERS: &str = include_str!("../../data/date/numbers.tsv");
const ORDINALS: &str = include_str!("../../data/date/ordinals.tsv");
const DAY_PARTS: &str = include_str!("../../data/date/day_parts.tsv");
const DEICTIC: &str = include_str!("../../data/date/deictic.tsv");
const REFERENCES: &str = include_str!("../../data/date/references.tsv");
const SEASONS: &str = include_str!("../../data/date/seasons.tsv");
const SETS: &str = include_str!("../../data/date/sets.tsv");
const MODIFIERS: &str = include_str!("../../data/date/modifiers.tsv");
const TENSE: &str = include_str!("../../data/date/tense.tsv");
const ZONES: &str = include_str!("../../data/date/zones.tsv");
const HOLIDAYS: &str = include_str!("../../data/date/holidays.tsv");

/// The data rows of a tab-separated file: non-empty, non-comment lines split on tabs.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn unit_word(code: &str) -> Option<UnitWord> {
    Some(match code {
        "Y" => UnitWord::Plain(Unit::Year),
        "Q" => UnitWord::Plain(Unit::Quarter),
        "M" => UnitWord::Plain(Unit::Month),
        "W" => UnitWord::Plain(Unit::Week),
        "D" => UnitWord::Plain(Unit::Day),
        "H" => UnitWord::Plain(Unit::Hour),
        "MIN" => UnitWord::Plain(Unit::Minute),
        "S" => UnitWord::Plain(Unit::Second),
        "DE" => UnitWord::Decade,
        "CE" => UnitWord::Century,
        "WE" => UnitWord::Weekend,
        "FN" => UnitWord::Fortnight,
        "HALF" => UnitWord::Half,
        "PERIOD" => UnitWord::Period,
        _ => return None,
    })
}

/// Parses a set value written as the duration between occurrences (`P1W`, `PT1H`), with
/// the TIMEX3 parser of [`DateValue`].
fn set_value(code: &str) -> Option<DateValue> {
    match code.parse().ok()? {
        DateValue::Duration { amount: Some(amount), unit } => {
            Some(DateValue::Every { amount, unit })
        }
        _ => None,
    }
}

fn part_word(code: &str) -> Option<PartWord> {
    if let Some(part) = DayPart::from_code(code) {
        return Some(PartWord::Part(part));
    }
    let (h, m) = code.split_once(':')?;
    Some(PartWord::Clock(h.parse().ok()?, m.parse().ok()?))
}

fn add(words: &mut Words, word: &str, f: impl FnOnce(&mut Word)) {
    f(words.entry(word.as_bytes().into()).or_default());
}

impl Lexicon {
    /// Reads the embedded files. They are part of the crate, so a malformed row is a
    /// bug caught by the tests (`lexicon_rows_parse`), not a user error: it is skipped.
    pub fn new() -> Lexicon {
        let mut words = Words::default();
        let mut approx_pairs = Vec::new();
        let mut triggers: Vec<&'static str> = Vec::new();
        for r in rows(MONTHS) {
            if let Some(m) = r.get(1).and_then(|v| v.parse().ok()) {
                let cap = r.get(2) == Some(&"cap");
                add(&mut words, r[0], |w| (w.month, w.month_cap) = (Some(m), cap));
                triggers.push(r[0]);
            }
        }
        for r in rows(WEEKDAYS) {
            if let Some(d) = r.get(1).and_then(|v| v.parse().ok()) {
                add(&mut words, r[0], |w| w.weekday = Some(d));
                triggers.push(r[0]);
            }
        }
        for r in rows(UNITS) {
            if let Some(u) = r.get(1).and_then(|v| unit_word(v)) {
                let plural = r[0].ends_with('s') && r[0] != "hrs" || r[0] == "centuries";
                add(&mut words, r[0], |w| (w.unit, w.plural) = (Some(u), plural));
                triggers.push(r[0]);
            }
        }
        for r in rows(NUMBERS) {
            let Some(v) = r.get(1) else { continue };
            let n = if *v == "X" { None } else { v.parse().ok() };
            if *v == "X" || n.is_some() {
                add(&mut words, r[0], |w| w.number = Some(n));
                if r.get(2) == Some(&"year") {
                    triggers.push(r[0]);
                }
            }
        }
        for r in rows(ORDINALS) {
            if let Some(n) = r.get(1).and_then(|v| v.parse().ok()) {
                add(&mut words, r[0], |w| w.ordinal = Some(n));
            }
        }
        for r in rows(DAY_PARTS) {
            if let Some(p) = r.get(1).and_then(|v| part_word(v)) {
                add(&mut words, r[0], |w| w.part = Some(p));
                triggers.push(r[0]);
            }
        }
        for r in rows(DEICTIC) {
            if let Some(off) = r.get(1).and_then(|v| v.parse().ok()) {
                let part = r.get(2).and_then(|p| DayPart::from_code(p));
                add(&mut words, r[0], |w| w.deictic = Some((off, part)));
                triggers.push(r[0]);
            }
        }
        for r in rows(REFERENCES) {
            let reference = match r.get(1) {
                Some(&"PRESENT_REF") => Reference::Present,
                Some(&"PAST_REF") => Reference::Past,
                Some(&"FUTURE_REF") => Reference::Future,
                _ => continue,
            };
            add(&mut words, r[0], |w| w.reference = Some(reference));
            triggers.push(r[0]);
        }
        for r in rows(SEASONS) {
            if let Some(s) = r.get(1).and_then(|v| Season::from_code(v)) {
                let bare = r.get(2) == Some(&"bare");
                add(&mut words, r[0], |w| w.season = Some((s, bare)));
                triggers.push(r[0]);
            }
        }
        for r in rows(SETS) {
            if let Some(v) = r.get(1).and_then(|v| set_value(v)) {
                let adverb = r.get(2) == Some(&"adverb");
                add(&mut words, r[0], |w| (w.set, w.set_adverb) = (Some(v), adverb));
                triggers.push(r[0]);
            }
        }
        for r in rows(MODIFIERS) {
            if let Some((a, b)) = r[0].split_once(' ') {
                if r.get(1) == Some(&"approx") {
                    approx_pairs.push((a.into(), b.into()));
                }
                continue;
            }
            add(&mut words, r[0], |w| match (r.get(1).copied(), r.get(2)) {
                (Some("shift"), Some(n)) => w.modifier.shift = n.parse().ok(),
                (Some("point"), _) => w.modifier.point = true,
                (Some("approx"), _) => w.modifier.approx = true,
                (Some("every"), _) => w.modifier.every = true,
                (Some("fiscal"), _) => w.modifier.fiscal = true,
                (Some("filler"), _) => w.modifier.filler = true,
                (Some("anaphor"), Some(n)) => w.modifier.anaphor = n.parse().ok(),
                _ => {}
            });
        }
        for r in rows(TENSE) {
            if r.get(1) == Some(&"T") {
                add(&mut words, r[0], |w| w.future_to = true);
                continue;
            }
            let tense = match r.get(1) {
                Some(&"F") => Tense::Future,
                Some(&"P") => Tense::Past,
                _ => continue,
            };
            add(&mut words, r[0], |w| w.tense = Some(tense));
        }
        for r in rows(ZONES) {
            add(&mut words, &r[0].to_ascii_lowercase(), |w| w.zone = true);
        }
        let mut holidays = Vec::new();
        for r in rows(HOLIDAYS) {
            let Some(rule) = r.get(1).and_then(|c| holiday_rule(c)) else { continue };
            let name: Vec<&'static str> = r[0].split(' ').collect();
            add(&mut words, name[0], |w| w.holiday = true);
            if name.len() == 1 {
                triggers.push(name[0]);
            }
            holidays.push(Holiday { words: name.into_iter().map(Box::from).collect(), rule });
        }
        holidays.sort_by_key(|h| core::cmp::Reverse(h.words.len()));
        // "FY" heads "FY2026" and "FY 2026" (the scan reads "Q3" and "H1" itself).
        triggers.push("fy");
        for t in &triggers {
            add(&mut words, t, |w| w.trigger = true);
        }
        let mut trigger_shapes = Box::new([0u32; 1024]);
        let mut trigger_lens = Box::new([0u32; 1024]);
        let codes = ["q1", "q2", "q3", "q4", "h1", "h2"];
        for t in triggers.iter().chain(&codes) {
            if let (&[first, second, ..], Some(&last)) = (t.as_bytes(), t.as_bytes().last()) {
                trigger_shapes[shape_slot(first, second)] |= 1 << (last & 31);
                trigger_lens[shape_slot(first, second)] |= 1 << t.len().min(31);
            }
        }
        // "FY2026": any run that starts with "FY".
        trigger_shapes[shape_slot(b'f', b'y')] = u32::MAX;
        trigger_lens[shape_slot(b'f', b'y')] = u32::MAX;
        let mut trigger_starts = Box::new([0u32; START_SLOTS]);
        let mut set = |b0: u8, b1: u8, b2: u8| trigger_starts[start_slot(b0, b1)] |= 1 << (b2 & 31);
        for t in triggers.iter().chain(&codes) {
            match *t.as_bytes() {
                [b0, b1] => (0..32).for_each(|b2| set(b0, b1, b2)),
                [b0, b1, b2, ..] => set(b0, b1, b2),
                _ => {}
            }
        }
        for b0 in b'0'..=b'9' {
            (0..32 * 32).for_each(|k| set(b0, (k / 32) as u8, (k % 32) as u8));
        }
        let approx_lens = approx_pairs
            .iter()
            .fold(0u32, |m, (a, _): &(Box<str>, Box<str>)| m | 1 << a.len().min(31));
        let mut keys = Vec::with_capacity(words.len());
        let mut entries = Vec::with_capacity(words.len());
        for (k, w) in words {
            keys.push(k);
            entries.push(w);
        }
        let words = WordTable::new(keys.iter().enumerate().map(|(id, k)| (&**k, id as u32)));
        Lexicon {
            words,
            entries,
            approx_pairs,
            holidays,
            trigger_shapes,
            trigger_lens,
            approx_lens,
            trigger_starts,
        }
    }

    /// Whether a run of ASCII letters and digits of `len` bytes that starts with
    /// `first`, `second` and ends with `last` may be a trigger word, a quarter code or
    /// an "FY" code (a cheap filter before the lookup; case does not matter).
    pub fn may_trigger(&self, first: u8, second: u8, last: u8, len: usize) -> bool {
        let slot = shape_slot(first, second);
        self.trigger_shapes[slot] & (1 << (last & 31)) != 0
            && self.trigger_lens[slot] & (1 << len.min(31)) != 0
    }

    /// Whether a run of ASCII letters and digits whose first three bytes are `first`,
    /// `second` and `third` (those past the run are whatever follows it) may be a
    /// trigger word or code, or is a number (a cheap filter before finding its end).
    #[inline]
    pub fn may_start(&self, first: u8, second: u8, third: u8) -> bool {
        self.trigger_starts[start_slot(first, second)] >> (third & 31) & 1 != 0
    }

    /// The entry with the given id.
    pub fn entry(&self, id: u32) -> &Word {
        &self.entries[id as usize]
    }

    /// The id of the entry of the word `bytes[s..e]`, looked up case-insensitively
    /// (ASCII).
    pub fn id_at(&self, bytes: &[u8], s: usize, e: usize) -> Option<u32> {
        self.words.get(bytes, s, e)
    }

    /// Whether a word of `len` bytes may be the first of an approximator pair.
    pub fn may_start_approx_pair(&self, len: usize) -> bool {
        self.approx_lens & (1 << len.min(31)) != 0
    }

    /// Whether the two words form an approximator ("more than").
    pub fn is_approx_pair(&self, first: &str, second: &str) -> bool {
        self.approx_lens & (1 << first.len().min(31)) != 0
            && self
                .approx_pairs
                .iter()
                .any(|(a, b)| a.eq_ignore_ascii_case(first) && b.eq_ignore_ascii_case(second))
    }
}

#[cfg(test)]
pub(crate) fn all_rows_parse() -> bool {
    let files = [MONTHS, WEEKDAYS, UNITS, NUMBERS, ORDINALS, DAY_PARTS, DEICTIC, HOLIDAYS];
    let typed = files.iter().all(|f| rows(f).all(|r| r.len() >= 2));
    typed
        && rows(SETS).all(|r| r.get(1).and_then(|v| set_value(v)).is_some())
        && rows(UNITS).all(|r| r.get(1).and_then(|v| unit_word(v)).is_some())
        && rows(DAY_PARTS).all(|r| r.get(1).and_then(|v| part_word(v)).is_some())
        && rows(SEASONS).all(|r| r.get(1).and_then(|v| Season::from_code(v)).is_some())
        && rows(HOLIDAYS).all(|r| r.get(1).and_then(|v| holiday_rule(v)).is_some())
}
