//! Word lists that drive the name patterns: titles and role nouns, first names, words
//! that mark organizations and places, common capitalized words, and context cues.
//! The lists are data files under `data/actor/`, embedded at compile time.
//!
//! Everything the lists say about one word is packed into an [`Info`], found by one
//! lookup of the word's lowercase form (first names too: the scanner then checks that
//! the word is written as the name is). Words of eight bytes or fewer, most of them, are
//! looked up as one `u64` in a [`ShortMap`], after a table of first two bytes and
//! lengths has ruled out most unlisted ones; titles are looked up as one packed integer;
//! pronouns and "the" are told apart by one multiply into a table with no collisions.

use super::gazetteer::Gender;
use crate::Span;
use crate::ascii::{HIGHS, ONES, load8, low_bytes, lower8};
use crate::hash::WordMap;

/// A title or role noun ("president", "foreign minister", "Mr").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Title {
    /// CAMEO sector of the office, if it has one.
    pub sector: Option<&'static str>,
    /// Gender the title implies ("Mrs", "spokeswoman").
    pub gender: Option<Gender>,
    /// An honorific ("Mr", "Dr"): says "person", names no office.
    pub honorific: bool,
}

/// A context cue word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cue {
    /// A preposition before places ("in", "near").
    Place,
    /// A verb whose subject acts ("said", "accused"): capitals before it are governments.
    Act,
    /// A verb whose object is acted on ("accused Kyiv of"): capitals after it are governments.
    ActObject,
    /// A noun after a capital that makes it a government ("regime", "authorities").
    Regime,
    /// A lowercase particle inside names ("de", "van", "bin").
    Particle,
    /// A male pronoun.
    He,
    /// A female pronoun.
    She,
    /// A neuter singular pronoun ("it", "its").
    It,
    /// A noun of armed groups after their name ("Karen guerrillas", "Houthi rebels").
    Force,
    /// An auxiliary, modal or adverb between a subject and its verb ("has", "will",
    /// "also", "not"): "Moscow has repeatedly denied" acts as "Moscow denied" does.
    Aux,
}

/// A read-only map from short words packed into a `u128` (see the `pack` functions) to
/// small values: open addressing with a multiply-shift hash, at most half full, so a
/// lookup is one multiply and one or two compares. The key 0 (the empty word) is never
/// stored and marks empty slots. A key is kept as two `u64` halves, so that a slot with
/// a value of up to four bytes takes 24 bytes, not the 32 of a 16-aligned `u128`: the
/// gazetteer matcher's table of about 16,000 name prefixes takes 768 KB, not 2 MB, and
/// stays in cache.
#[derive(Clone, Debug)]
pub(crate) struct PackedMap<V> {
    slots: Box<[([u64; 2], V)]>,
    /// 64 minus the number of index bits.
    shift: u32,
}

impl<V: Copy + Default> PackedMap<V> {
    /// The map holding `items` (a later duplicate key replaces an earlier one).
    pub(crate) fn new(items: impl IntoIterator<Item = (u128, V)>) -> PackedMap<V> {
        let items = items.into_iter().filter(|&(k, _)| k != 0).map(|(k, v)| (split(k), v));
        let (slots, shift) = open_slots(items.collect(), 2, |h: [u64; 2]| mix(h[0], h[1]));
        PackedMap { slots, shift }
    }

    /// The first slot to probe for `key`.
    #[inline]
    fn home(&self, key: u128) -> usize {
        (mix(key as u64, (key >> 64) as u64).wrapping_mul(HASH) >> self.shift) as usize
    }

    /// The value stored for `key`.
    #[inline]
    pub(crate) fn get(&self, key: u128) -> Option<V> {
        if key == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let halves = split(key);
        let mut i = self.home(key);
        loop {
            let (k, v) = self.slots[i];
            // Found or not is one branch, nearly always taken (few keys share a home):
            // which of the two is the branch predictor's guess, so it is not branched on.
            let found = (k[0] == halves[0]) & (k[1] == halves[1]);
            if found | ((k[0] | k[1]) == 0) {
                return found.then_some(v);
            }
            i = (i + 1) & mask;
        }
    }
}

/// A read-only map from words of eight bytes or fewer, each as one `u64` (the bytes
/// little-endian, zero-padded), to small values: [`PackedMap`] with half the slot size,
/// for the lookups the scanner makes on most words. The key 0 is never stored.
#[derive(Clone, Debug)]
pub(crate) struct ShortMap<V> {
    slots: Box<[(u64, V)]>,
    /// 64 minus the number of index bits.
    shift: u32,
}

impl<V: Copy + Default> ShortMap<V> {
    /// The map holding `items` (a later duplicate key replaces an earlier one).
    fn new(items: impl IntoIterator<Item = (u64, V)>) -> ShortMap<V> {
        let items = items.into_iter().filter(|&(k, _)| k != 0);
        let (slots, shift) = open_slots(items.collect(), 4, |k: u64| k);
        ShortMap { slots, shift }
    }

    /// The first slot to probe for `key`.
    #[inline(always)]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(HASH) >> self.shift) as usize
    }

    /// The value stored for `key`, else the default value (also for the key 0).
    ///
    /// A key is found in its first slot or that slot is empty, most of the time: the
    /// branch taken then does not depend on whether the key is stored, and the value is
    /// picked without a branch.
    #[inline(always)]
    fn get_or_default(&self, key: u64) -> V {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let (k, v) = self.slots[i & mask];
            if k == key || k == 0 {
                let found = k == key && key != 0;
                return if found { v } else { V::default() };
            }
            i += 1;
        }
    }
}

/// The multiplier of the tables' multiply-shift hash.
const HASH: u64 = 0x9e37_79b9_7f4a_7c15;

/// A 16-byte key's two halves mixed into the one word [`HASH`] multiplies.
#[inline]
fn mix(low: u64, high: u64) -> u64 {
    low ^ high.rotate_left(29)
}

/// The slots of an open-addressing table holding `items` (non-zero keys; a later
/// duplicate replaces an earlier one), `spread` times as many as items rounded up to a
/// power of two, each item in the first free slot from its home (the top bits of
/// `word(key) * HASH`), and the shift that takes those bits.
fn open_slots<K, V>(
    items: Vec<(K, V)>,
    spread: usize,
    word: impl Fn(K) -> u64,
) -> (Box<[(K, V)]>, u32)
where
    K: Copy + Default + PartialEq,
    V: Copy + Default,
{
    let len = (items.len() * spread).next_power_of_two().max(16);
    let shift = 64 - len.trailing_zeros();
    let mut slots = vec![(K::default(), V::default()); len];
    for (key, value) in items {
        let mut i = (word(key).wrapping_mul(HASH) >> shift) as usize;
        while slots[i].0 != K::default() && slots[i].0 != key {
            i = (i + 1) & (len - 1);
        }
        slots[i] = (key, value);
    }
    (slots.into(), shift)
}

/// A packed key as its low and high halves (a [`PackedMap`] slot's key).
#[inline]
fn split(key: u128) -> [u64; 2] {
    [key as u64, (key >> 64) as u64]
}

/// The word at `span` of `text` as a [`ShortMap`] key when it has one to eight bytes
/// (one load), else `None`.
#[inline(always)]
fn short_key(text: &[u8], span: Span) -> Option<u64> {
    let len = span.len();
    (len.wrapping_sub(1) < 8).then(|| low_bytes(load8(text, span.start), len))
}

/// Lowercases the ASCII letters of a packed key of up to 16 bytes.
#[inline]
fn ascii_lower(x: u128) -> u128 {
    u128::from(lower8(x as u64)) | u128::from(lower8((x >> 64) as u64)) << 64
}

/// A closed-class word the patterns test for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Function {
    The,
    Of,
    For,
    And,
}

/// Everything the lists say about one lowercase word, packed into the bits of a `u32`
/// (the `INFO_*` constants): a word is looked up once, and each question about it is a
/// bit test. The unlisted word is 0.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Info(u32);

/// [`Info`] bit: a common word (`common_words.txt`).
const INFO_COMMON: u32 = 1;
/// [`Info`] bit: a common noun (`common_nouns.txt`): alone, it is no organization.
const INFO_NOUN: u32 = 1 << 1;
/// [`Info`] bit: the first word of some title.
const INFO_TITLE_FIRST: u32 = 1 << 2;
/// [`Info`] bit: the last word of some title.
const INFO_TITLE_LAST: u32 = 1 << 3;
/// [`Info`] bit: the last word of organization names ("Corp", "Party").
const INFO_ORG_SUFFIX: u32 = 1 << 4;
/// [`Info`] bit: the first word of organization names, usually before "of" ("Ministry").
const INFO_ORG_HEAD: u32 = 1 << 5;
/// [`Info`] bit: the last word of place names ("River").
const INFO_PLACE_SUFFIX: u32 = 1 << 6;
/// [`Info`] bit: the first word of place names ("Gulf").
const INFO_PLACE_HEAD: u32 = 1 << 7;
/// [`Info`] bits: the context cue, 1 + its index in [`CUES`], or 0.
const INFO_CUE_SHIFT: u32 = 8;
/// [`Info`] bits: the closed-class function, 1 + its index in [`FUNCTIONS`], or 0.
const INFO_FUNCTION_SHIFT: u32 = 12;
/// [`Info`] bit: the lowercase form of a first name written as a capital and no other
/// capitals ("Alan"), all ASCII.
const INFO_FIRST_NAME: u32 = 1 << 15;
/// [`Info`] bits: the gender of the [`INFO_FIRST_NAME`] name, 1 + its index in
/// [`GENDERS`], or 0.
const INFO_GENDER_SHIFT: u32 = 16;
/// [`Info`] bit: the lowercase form of a first name written otherwise (not ASCII, or
/// with more capitals): [`Lexicon::irregular_first_name`] knows it.
const INFO_IRREGULAR_NAME: u32 = 1 << 18;
/// [`Info`] bits: the id of the one-word title the word is (see
/// [`Lexicon::title_entry`]), plus 1, or 0.
const INFO_TITLE_SHIFT: u32 = 19;

/// The genders in the order [`Info`] numbers them.
const GENDERS: [Gender; 2] = [Gender::Male, Gender::Female];

/// The cues in the order [`Info`] numbers them.
const CUES: [Cue; 10] = [
    Cue::Place,
    Cue::Act,
    Cue::ActObject,
    Cue::Regime,
    Cue::Particle,
    Cue::He,
    Cue::She,
    Cue::It,
    Cue::Force,
    Cue::Aux,
];

/// The functions in the order [`Info`] numbers them.
const FUNCTIONS: [Function; 4] = [Function::The, Function::Of, Function::For, Function::And];

impl Info {
    /// The info held in `bits` (as [`Info::bits`] gave them).
    #[inline]
    pub(crate) fn from_bits(bits: u32) -> Info {
        Info(bits)
    }

    /// The packed bits.
    #[inline]
    pub(crate) fn bits(self) -> u32 {
        self.0
    }

    /// A common word (`common_words.txt`).
    #[inline]
    pub(crate) fn common(self) -> bool {
        self.0 & INFO_COMMON != 0
    }

    /// A common noun (`common_nouns.txt`): alone, it is no organization.
    #[inline]
    pub(crate) fn noun(self) -> bool {
        self.0 & INFO_NOUN != 0
    }

    /// The first word of some title.
    #[inline]
    pub(crate) fn title_first(self) -> bool {
        self.0 & INFO_TITLE_FIRST != 0
    }

    /// The last word of some title.
    #[inline]
    pub(crate) fn title_last(self) -> bool {
        self.0 & INFO_TITLE_LAST != 0
    }

    /// A word that ends (`suffix`) or starts (else) organization names.
    #[inline]
    pub(crate) fn org(self, suffix: bool) -> bool {
        self.0 & if suffix { INFO_ORG_SUFFIX } else { INFO_ORG_HEAD } != 0
    }

    /// A word that ends (`suffix`) or starts (else) place names.
    #[inline]
    pub(crate) fn place(self, suffix: bool) -> bool {
        self.0 & if suffix { INFO_PLACE_SUFFIX } else { INFO_PLACE_HEAD } != 0
    }

    /// The context cue the word gives.
    #[inline]
    pub(crate) fn cue(self) -> Option<Cue> {
        let n = (self.0 >> INFO_CUE_SHIFT) & 0xf;
        CUES.get((n as usize).wrapping_sub(1)).copied()
    }

    /// The closed-class function of the word.
    #[inline]
    pub(crate) fn function(self) -> Option<Function> {
        let n = (self.0 >> INFO_FUNCTION_SHIFT) & 0x7;
        FUNCTIONS.get((n as usize).wrapping_sub(1)).copied()
    }

    /// The gender of a first name whose lowercase form this word is, if written as a
    /// capital and no other capitals (see [`INFO_FIRST_NAME`]).
    #[inline]
    pub(crate) fn first_name(self) -> Option<Option<Gender>> {
        let n = (self.0 >> INFO_GENDER_SHIFT) & 0x3;
        (self.0 & INFO_FIRST_NAME != 0).then(|| GENDERS.get((n as usize).wrapping_sub(1)).copied())
    }

    /// The id of the one-word title the word is (see [`Lexicon::title_entry`]): what
    /// [`Lexicon::title`] gives for the word alone, with no key to build.
    #[inline]
    pub(crate) fn title_id(self) -> Option<u32> {
        (self.0 >> INFO_TITLE_SHIFT).checked_sub(1)
    }

    /// The lowercase form of a first name written otherwise (see [`INFO_IRREGULAR_NAME`]).
    #[inline]
    pub(crate) fn irregular_name(self) -> bool {
        self.0 & INFO_IRREGULAR_NAME != 0
    }

    /// Sets the cue.
    fn set_cue(&mut self, cue: Cue) {
        let n = CUES.iter().position(|&c| c == cue).map_or(0, |i| i as u32 + 1);
        self.0 = self.0 & !(0xf << INFO_CUE_SHIFT) | n << INFO_CUE_SHIFT;
    }

    /// Sets the function.
    fn set_function(&mut self, function: Function) {
        let n = FUNCTIONS.iter().position(|&f| f == function).map_or(0, |i| i as u32 + 1);
        self.0 = self.0 & !(0x7 << INFO_FUNCTION_SHIFT) | n << INFO_FUNCTION_SHIFT;
    }
}

/// The compiled word lists (keys are lowercase, except the first names not written as
/// a capital and no other capitals).
#[derive(Clone, Debug)]
pub(crate) struct Lexicon {
    /// Each title (lowercase, words joined by single spaces) and its index in
    /// `title_list`, its id.
    pub titles: WordMap<&'static str, u32>,
    /// The ids of the titles of 16 bytes or fewer (all ASCII), packed by [`pack`].
    titles_packed: PackedMap<u32>,
    /// The titles with what they say, by id.
    title_list: Vec<(&'static str, Title)>,
    pub max_title_words: usize,
    /// The first names (as written) that are not written as a capital and no other
    /// capitals in ASCII, and the gender each implies; the others are in `index`.
    irregular_names: WordMap<&'static str, Option<Gender>>,
    /// Lowercase word -> what the lists say about it.
    index: WordMap<Box<[u8]>, Info>,
    /// The keys of `index` of 16 bytes or fewer, packed by [`pack`]: one multiply and
    /// compare per lookup.
    packed: PackedMap<Info>,
    /// The keys of `index` of eight bytes or fewer, as [`short_key`] reads them: most
    /// lookups.
    short: ShortMap<Info>,
    /// For each lowercase ASCII letter, bit `n` is set when a pronoun or "the" starts
    /// with it and has `n` bytes: most words are ruled out on their first byte and
    /// length alone.
    pronoun_or_the: [u16; 128],
    /// The words [`Lexicon::may_be_pronoun_or_the_start`] stands for: the pronouns of eight
    /// bytes or fewer starting with "h", "s" or "i", each with its cue, and "the" with
    /// none; lowercase, as [`short_key`] reads them, in a table with no collisions: a
    /// key's slot is the top six bits of its product with `pronoun_mul`.
    pronoun_keys: Box<[(u64, Option<Cue>); 64]>,
    /// The multiplier that spreads the keys of `pronoun_keys` over distinct slots.
    pronoun_mul: u64,
    /// For the first two bytes of each ASCII key of `index`, ASCII case folded away (the
    /// low five bits of each, the second 0 for a key of one byte), bit `n` is set when
    /// such a key has `n` bytes: most words that are not listed are ruled out by one
    /// bit test.
    listed: Box<[u32; 1024]>,
    /// The longest key of `index` in bytes (at most 24): longer words are not looked up.
    max_key_len: usize,
    /// The words of eight ASCII bytes or fewer that start some title.
    title_firsts: WordFilter,
    /// The words of eight ASCII bytes or fewer that end some title.
    title_lasts: WordFilter,
    /// The words of eight ASCII bytes or fewer that are nouns of armed groups
    /// ([`Cue::Force`]).
    forces: WordFilter,
    /// The words of eight ASCII bytes or fewer that are prepositions before places or
    /// "of" (see [`place_or_of`]).
    places: WordFilter,
}

/// A set of words of one to eight ASCII bytes that answers with one multiply and a bit
/// test whether a word may be in it, in any case: a bit per hash of the word with the
/// 0x20 bit of each byte set (which lowercases letters and may merge a few other bytes),
/// so a few words not in it pass too. It rules out most words before the scanner looks
/// them up in full.
#[derive(Clone, Debug)]
struct WordFilter {
    bits: Box<[u64; 128]>,
}

impl WordFilter {
    /// The filter holding `keys` (as [`short_key`] reads them).
    fn new(keys: impl IntoIterator<Item = u64>) -> WordFilter {
        let mut bits = Box::new([0u64; 128]);
        for key in keys {
            let len = 8 - key.leading_zeros() as usize / 8;
            let bit = WordFilter::bit((key | (ONES * 0x20)) & (u64::MAX >> (64 - 8 * len)));
            bits[bit / 64] |= 1 << (bit % 64);
        }
        WordFilter { bits }
    }

    /// The bit of a folded key: the top 13 bits of its product with [`HASH`].
    #[inline(always)]
    fn bit(folded: u64) -> usize {
        (folded.wrapping_mul(HASH) >> 51) as usize
    }

    /// Whether the word at `span` of `text` may be in the set, in any ASCII case: `false`
    /// only for a word of one to eight ASCII bytes whose lowercase form is not in it.
    #[inline(always)]
    fn may_hold(&self, text: &[u8], span: Span) -> bool {
        let len = span.len();
        let Some(chunk) = text.get(span.start..span.start + 8) else { return true };
        if len.wrapping_sub(1) >= 8 {
            return true;
        }
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let mask = u64::MAX >> (64 - 8 * len);
        let word = u64::from_le_bytes(word) & mask;
        if word & HIGHS != 0 {
            return true;
        }
        let bit = WordFilter::bit((word | (ONES * 0x20)) & mask);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// A key of 16 bytes or fewer as one integer, zero-padded (words hold no zero bytes).
fn pack(key: &[u8]) -> Option<u128> {
    let mut buf = [0u8; 16];
    buf.get_mut(..key.len())?.copy_from_slice(key);
    Some(u128::from_le_bytes(buf))
}

/// A key of one to eight bytes as one integer, zero-padded (a [`ShortMap`] key).
fn short_of(key: &[u8]) -> Option<u64> {
    let len = key.len();
    (len.wrapping_sub(1) < 8).then(|| load8(key, 0))
}

/// The bytes `text[span]` packed as [`pack`] does, read with one 16-byte load where the
/// text allows; `None` when longer than 16 bytes.
#[inline]
pub(crate) fn pack_at(text: &[u8], span: Span) -> Option<u128> {
    let len = span.end.checked_sub(span.start).filter(|&n| n <= 16)?;
    match text.get(span.start..span.start + 16).and_then(|c| <[u8; 16]>::try_from(c).ok()) {
        Some(chunk) => {
            let x = u128::from_le_bytes(chunk);
            Some(if len == 16 { x } else { x & ((1u128 << (8 * len)) - 1) })
        }
        None => pack(text.get(span.start..span.end)?),
    }
}

/// A 64-slot table holding `keys` (nonzero, distinct) with no two in one slot, and its
/// multiplier: a key's slot is the top six bits of its product with the multiplier.
/// Empty slots hold the key 0, which no word has. Multipliers are tried in a fixed
/// order; the embedded lists need a few (the tests check that every key is found).
fn collision_free<V: Copy + Default>(keys: &[(u64, V)]) -> (Box<[(u64, V); 64]>, u64) {
    let mut table = Box::new([(0u64, V::default()); 64]);
    let mut mul = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..100_000 {
        table.fill((0, V::default()));
        let mut clash = false;
        for &(key, value) in keys {
            let slot = &mut table[(key.wrapping_mul(mul) >> 58) as usize];
            clash |= slot.0 != 0 && slot.0 != key;
            *slot = (key, value);
        }
        if !clash {
            break;
        }
        // The next odd multiplier of a fixed sequence (splitmix64's increment).
        mul = mul.wrapping_add(0x9e37_79b9_7f4a_7c15).rotate_left(17) | 1;
    }
    (table, mul)
}

/// Whether a word is a preposition before places ("in", "near") or "of": a lone name
/// after it is read as a place.
pub(crate) fn place_or_of(info: Info) -> bool {
    info.cue() == Some(Cue::Place) || info.function() == Some(Function::Of)
}

/// Lines of a data file that carry data (no blank or `#` lines), split on tabs.
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn gender(code: &str) -> Option<Gender> {
    match code {
        "m" => Some(Gender::Male),
        "f" => Some(Gender::Female),
        _ => None,
    }
}

/// The [`Info`] bits of a marker word's position code in a name: `suffix` (last word,
/// "Acme Corp"), `head` (first word, usually before "of": "Ministry of Defence") or
/// `both`, each given as the (suffix, head) bits.
fn position(code: &str, suffix: u32, head: u32) -> u32 {
    match code {
        "head" => head,
        "both" => suffix | head,
        _ => suffix,
    }
}

impl Lexicon {
    /// What the lists say about `word` (any case).
    pub(crate) fn lookup(&self, word: &str, scratch: &mut String) -> Info {
        if word.is_ascii() {
            return self.lookup_ascii(word);
        }
        if word.len() > 24 {
            return Info::default();
        }
        scratch.clear();
        scratch.extend(word.chars().flat_map(char::to_lowercase));
        self.get(scratch.as_bytes())
    }

    /// [`Lexicon::lookup`] for the word at `span` of `text` when it is ASCII and 16 bytes
    /// or shorter (most words: one load, no copy), else `None`.
    #[inline]
    pub(crate) fn info_at(&self, text: &[u8], span: Span) -> Option<Info> {
        // Most words: eight bytes or fewer, one 8-byte load and 64-bit arithmetic.
        if let Some(key) = short_key(text, span) {
            if key & HIGHS != 0 {
                return None;
            }
            return Some(self.short_info(key, span.len()));
        }
        self.info_at_long(text, span)
    }

    /// What the lists say about the ASCII word of `len` bytes (one to eight) held in
    /// `key` as [`short_key`] reads it, in any case.
    #[inline(always)]
    pub(crate) fn short_info(&self, key: u64, len: usize) -> Info {
        if !self.may_be_listed(key as u8, (key >> 8) as u8, len) {
            return Info::default();
        }
        self.short.get_or_default(lower8(key))
    }

    /// Whether an ASCII word of `len` bytes starting with the bytes `first` and `second`
    /// (0 for a word of one byte) may be a key of `index`, in any case; `false` rules it
    /// out without a lookup.
    #[inline(always)]
    fn may_be_listed(&self, first: u8, second: u8, len: usize) -> bool {
        let cell = usize::from(first & 0x1f) << 5 | usize::from(second & 0x1f);
        self.listed[cell] & (1u32 << (len & 31)) != 0
    }

    /// [`Lexicon::info_at`] for a word of more than eight bytes.
    #[inline(never)]
    fn info_at_long(&self, text: &[u8], span: Span) -> Option<Info> {
        let key = pack_at(text, span)?;
        if key & (u128::MAX / 255 * 0x80) != 0 {
            return None;
        }
        if span.len() > self.max_key_len
            || !self.may_be_listed(key as u8, (key >> 8) as u8, span.len())
        {
            return Some(Info::default());
        }
        Some(self.packed.get(ascii_lower(key)).unwrap_or_default())
    }

    /// [`Lexicon::lookup`] for an ASCII `word`, with no buffer.
    #[inline]
    pub(crate) fn lookup_ascii(&self, word: &str) -> Info {
        if word.len() > self.max_key_len {
            return Info::default();
        }
        if let Some(key) = pack(word.as_bytes()) {
            return self.packed.get(ascii_lower(key)).unwrap_or_default();
        }
        let mut buf = [0u8; 24];
        let buf = &mut buf[..word.len()];
        buf.copy_from_slice(word.as_bytes());
        buf.make_ascii_lowercase();
        self.get(buf)
    }

    /// What the lists say about the lowercase `key`.
    fn get(&self, key: &[u8]) -> Info {
        let found = match pack(key) {
            Some(k) => self.packed.get(k),
            None => self.index.get(key).copied(),
        };
        found.unwrap_or_default()
    }

    /// Whether `word` (as written) is a listed first name not written as a capital and
    /// no other capitals in ASCII, and the gender it implies (see [`Info::first_name`] for
    /// the others).
    pub(crate) fn irregular_first_name(&self, word: &str) -> Option<Option<Gender>> {
        self.irregular_names.get(word).copied()
    }

    /// Whether the word at `span` of `text` is "the" (`Some(None)`) or a pronoun
    /// (`Some(Some(cue))`), in any ASCII case: one load, a multiply and a compare, no
    /// lookup.
    #[inline(always)]
    pub(crate) fn pronoun_or_the_at(&self, text: &[u8], span: Span) -> Option<Option<Cue>> {
        let len = span.len();
        if len.wrapping_sub(1) >= 8 {
            return None;
        }
        let mask = u64::MAX >> (64 - 8 * len);
        // With the 0x20 bit of every byte set, a byte equals a lowercase letter only when
        // it is that letter in either case, and the keys are all letters: the compare is
        // one in any case, as if the word were lowercased.
        let key = (load8(text, span.start) | (ONES * 0x20)) & mask;
        let (k, cue) = self.pronoun_keys[(key.wrapping_mul(self.pronoun_mul) >> 58) as usize];
        (k == key).then_some(cue)
    }

    /// The id of the title whose lowercase ASCII form of 16 bytes or fewer is packed in
    /// `key` (as [`pack`] packs it).
    #[inline]
    pub(crate) fn title(&self, key: u128) -> Option<u32> {
        self.titles_packed.get(key)
    }

    /// The title with the id `id` (from [`Lexicon::title`] or `titles`), and what it says.
    #[inline]
    pub(crate) fn title_entry(&self, id: u32) -> (&'static str, Title) {
        self.title_list[id as usize]
    }

    /// Whether a word of `len` bytes whose first byte is `first` may be a pronoun or
    /// "the" (any case); `false` rules both out, as does any byte that is no letter,
    /// such as 0.
    #[inline]
    pub(crate) fn may_be_pronoun_or_the_start(&self, first: u8, len: usize) -> bool {
        first < 0x80 && len < 16 && self.pronoun_or_the[usize::from(first | 0x20)] & (1 << len) != 0
    }

    /// Whether the word at `span` of `text` may start a title (its [`Info::title_first`]):
    /// `false` rules it out without a lookup.
    #[inline(always)]
    pub(crate) fn may_start_title(&self, text: &[u8], span: Span) -> bool {
        self.title_firsts.may_hold(text, span)
    }

    /// Whether the word at `span` of `text` may end a title (its [`Info::title_last`]):
    /// `false` rules it out without a lookup.
    #[inline(always)]
    pub(crate) fn may_end_title(&self, text: &[u8], span: Span) -> bool {
        self.title_lasts.may_hold(text, span)
    }

    /// Whether the word at `span` of `text` may be a noun of armed groups
    /// ([`Cue::Force`]): `false` rules it out without a lookup.
    #[inline(always)]
    pub(crate) fn may_be_force(&self, text: &[u8], span: Span) -> bool {
        self.forces.may_hold(text, span)
    }

    /// Whether the word at `span` of `text` may be a preposition before places or "of"
    /// (see [`place_or_of`]): `false` rules it out without a lookup.
    #[inline(always)]
    pub(crate) fn may_place_or_of(&self, text: &[u8], span: Span) -> bool {
        self.places.may_hold(text, span)
    }

    /// Loads the embedded lists.
    pub(crate) fn new() -> Lexicon {
        let mut titles = WordMap::default();
        let mut index: WordMap<Box<[u8]>, Info> = WordMap::default();
        let mut pronouns = Vec::new();
        fn slot<'m>(index: &'m mut WordMap<Box<[u8]>, Info>, word: &str) -> &'m mut Info {
            index.entry(word.as_bytes().into()).or_default()
        }
        let mut max_title_words = 1;
        for row in rows(include_str!("../../data/actor/titles.tsv")) {
            let sector = row.get(1).copied().filter(|s| *s != "-" && !s.is_empty());
            let title = Title {
                sector,
                gender: row.get(2).and_then(|g| gender(g)),
                honorific: row.get(3) == Some(&"honorific"),
            };
            max_title_words = max_title_words.max(row[0].split(' ').count());
            slot(&mut index, row[0].split(' ').next().unwrap_or("")).0 |= INFO_TITLE_FIRST;
            slot(&mut index, row[0].rsplit(' ').next().unwrap_or("")).0 |= INFO_TITLE_LAST;
            titles.insert(row[0], title);
        }
        let title_list: Vec<(&'static str, Title)> = titles.into_iter().collect();
        let titles: WordMap<&'static str, u32> =
            title_list.iter().enumerate().map(|(i, &(k, _))| (k, i as u32)).collect();
        for (id, &(title, _)) in title_list.iter().enumerate() {
            if !title.contains(' ') {
                slot(&mut index, title).0 |= (id as u32 + 1) << INFO_TITLE_SHIFT;
            }
        }
        let titles_packed = PackedMap::new(
            title_list
                .iter()
                .enumerate()
                .filter(|(_, (k, _))| k.len() <= 16 && k.is_ascii())
                .filter_map(|(i, (k, _))| Some((pack(k.as_bytes())?, i as u32))),
        );
        let mut first_names = WordMap::default();
        for row in rows(include_str!("../../data/actor/first_names.tsv")) {
            let g = gender(row[0]);
            for name in row.get(1).map_or("", |n| n).split_whitespace() {
                // A name listed for both genders says nothing about gender.
                let slot = first_names.entry(name).or_insert(g);
                if *slot != g {
                    *slot = None;
                }
            }
        }
        // Most first names are looked up with the other words, by their lowercase form.
        let mut irregular_names = WordMap::default();
        for (&name, &g) in &first_names {
            let bytes = name.as_bytes();
            let regular = name.is_ascii()
                && bytes.first().is_some_and(u8::is_ascii_uppercase)
                && !bytes[1..].iter().any(u8::is_ascii_uppercase);
            let lower: String = name.chars().flat_map(char::to_lowercase).collect();
            let info = slot(&mut index, &lower);
            if regular {
                let n = g.and_then(|g| GENDERS.iter().position(|&x| x == g)).map_or(0, |i| i + 1);
                info.0 |= INFO_FIRST_NAME | (n as u32) << INFO_GENDER_SHIFT;
            } else {
                info.0 |= INFO_IRREGULAR_NAME;
                irregular_names.insert(name, g);
            }
        }
        for r in rows(include_str!("../../data/actor/org_words.tsv")) {
            slot(&mut index, r[0]).0 |=
                position(r.get(1).copied().unwrap_or(""), INFO_ORG_SUFFIX, INFO_ORG_HEAD);
        }
        for r in rows(include_str!("../../data/actor/place_words.tsv")) {
            slot(&mut index, r[0]).0 |=
                position(r.get(1).copied().unwrap_or(""), INFO_PLACE_SUFFIX, INFO_PLACE_HEAD);
        }
        for line in rows(include_str!("../../data/actor/common_words.txt")) {
            for w in line.iter().flat_map(|l| l.split_whitespace()) {
                slot(&mut index, w).0 |= INFO_COMMON;
            }
        }
        for line in rows(include_str!("../../data/actor/common_nouns.txt")) {
            for w in line.iter().flat_map(|l| l.split_whitespace()) {
                slot(&mut index, w).0 |= INFO_NOUN;
            }
        }
        for r in rows(include_str!("../../data/actor/cues.tsv")) {
            let cue = match r.get(1).copied() {
                Some("place") => Cue::Place,
                Some("act") => Cue::Act,
                Some("act-object") => Cue::ActObject,
                Some("regime") => Cue::Regime,
                Some("particle") => Cue::Particle,
                Some("he") => Cue::He,
                Some("she") => Cue::She,
                Some("it") => Cue::It,
                Some("force") => Cue::Force,
                Some("aux") => Cue::Aux,
                _ => continue,
            };
            if matches!(cue, Cue::He | Cue::She | Cue::It) {
                pronouns.push((r[0], cue));
            }
            slot(&mut index, r[0]).set_cue(cue);
        }
        for (w, f) in [
            ("the", Function::The),
            ("of", Function::Of),
            ("for", Function::For),
            ("and", Function::And),
        ] {
            slot(&mut index, w).set_function(f);
        }
        let keys: Vec<(u64, Option<Cue>)> = pronouns
            .iter()
            .filter(|(p, _)| p.len() <= 8 && matches!(p.as_bytes()[0], b'h' | b's' | b'i'))
            .map(|&(p, cue)| (p, Some(cue)))
            .chain([("the", None)])
            .filter_map(|(p, cue)| Some((lower8(short_of(p.as_bytes())?), cue)))
            .collect();
        let (pronoun_keys, pronoun_mul) = collision_free(&keys);
        let mut pronoun_or_the = [0u16; 128];
        let quick = pronouns.iter().map(|&(p, _)| p).filter(|p| p.len() <= 8);
        for word in quick.filter(|p| matches!(p.as_bytes()[0], b'h' | b's' | b'i')).chain(["the"]) {
            if word.len() < 16 {
                pronoun_or_the[usize::from(word.as_bytes()[0] & 0x7f)] |= 1 << word.len();
            }
        }
        let max_key_len = index.keys().map(|k| k.len()).max().unwrap_or(0).min(24);
        let mut listed = Box::new([0u32; 1024]);
        for key in index.keys().filter(|k| k.is_ascii() && !k.is_empty()) {
            let second = key.get(1).copied().unwrap_or(0);
            let cell = usize::from(key[0] & 0x1f) << 5 | usize::from(second & 0x1f);
            listed[cell] |= 1u32 << (key.len() & 31);
        }
        let packed = PackedMap::new(index.iter().filter_map(|(k, &i)| Some((pack(k)?, i))));
        let short = ShortMap::new(index.iter().filter_map(|(k, &i)| Some((short_of(k)?, i))));
        // The keys a lookup finds (`short`'s), by what they say.
        let filter = |says: &dyn Fn(Info) -> bool| {
            WordFilter::new(
                index.iter().filter(|&(_, &i)| says(i)).filter_map(|(k, _)| short_of(k)),
            )
        };
        let title_firsts = filter(&Info::title_first);
        let title_lasts = filter(&Info::title_last);
        let forces = filter(&|i: Info| i.cue() == Some(Cue::Force));
        let places = filter(&place_or_of);
        Lexicon {
            titles,
            titles_packed,
            title_list,
            max_title_words,
            irregular_names,
            index,
            packed,
            short,
            pronoun_or_the,
            listed,
            pronoun_keys,
            pronoun_mul,
            max_key_len,
            title_firsts,
            title_lasts,
            forces,
            places,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A first name's lowercase form is looked up with the other words and carries the
    /// name's gender; a word that is not a first name carries none.
    #[test]
    fn first_names_are_looked_up_with_the_other_words() {
        let lex = Lexicon::new();
        let mut scratch = String::new();
        let alan = lex.lookup("ALAN", &mut scratch);
        assert_eq!(alan.first_name(), Some(Some(Gender::Male)));
        assert!(!alan.irregular_name());
        assert_eq!(lex.lookup("talks", &mut scratch).first_name(), None);
        assert_eq!(lex.irregular_first_name("Alan"), None);
    }

    /// A one-word title's id is found with the word's other info.
    #[test]
    fn one_word_titles_carry_their_id() {
        let lex = Lexicon::new();
        assert!(lex.title_list.len() < 1 << (32 - INFO_TITLE_SHIFT));
        let mut scratch = String::new();
        for (&title, &id) in &lex.titles {
            let found = lex.lookup(title, &mut scratch).title_id();
            assert_eq!(found, (!title.contains(' ')).then_some(id), "{title:?}");
        }
    }

    /// The title and force filters pass every word that starts or ends a title or is a
    /// noun of armed groups, in any case, and rule out most other words.
    #[test]
    fn filters_pass_every_listed_word() {
        let lex = Lexicon::new();
        let may = |word: &str, last: bool| {
            // Padded so that the filter reads eight bytes.
            let text = format!("{word}        ");
            let span = Span::new(0, word.len());
            if last {
                lex.may_end_title(text.as_bytes(), span)
            } else {
                lex.may_start_title(text.as_bytes(), span)
            }
        };
        for title in lex.titles.keys() {
            let first = title.split(' ').next().unwrap_or("");
            let last = title.rsplit(' ').next().unwrap_or("");
            for (word, is_last) in [(first, false), (last, true)] {
                assert!(may(word, is_last), "{word:?}");
                assert!(may(&word.to_uppercase(), is_last), "{word:?}");
            }
        }
        for (key, &info) in &lex.index {
            let text = format!("{}        ", String::from_utf8_lossy(key).to_uppercase());
            let span = Span::new(0, key.len());
            if info.cue() == Some(Cue::Force) {
                assert!(lex.may_be_force(text.as_bytes(), span), "{key:?}");
            }
            if place_or_of(info) {
                assert!(lex.may_place_or_of(text.as_bytes(), span), "{key:?}");
            }
        }
        let others = ["said", "talks", "on", "government", "city", "week", "oil", "its"];
        let passed = others.iter().filter(|w| may(w, false) || may(w, true)).count();
        assert!(passed <= 2, "{passed} of {others:?} pass");
    }

    /// Every pronoun and "the" has its own slot, in any case; other words have none.
    #[test]
    fn pronouns_and_the_are_found_in_any_case() {
        let lex = Lexicon::new();
        let text = "the The THE he his him her hers herself himself she it its itself \
                    them then they hi i s h ther";
        let mut found = Vec::new();
        let mut start = 0;
        for word in text.split(' ') {
            let span = Span::new(start, start + word.len());
            start += word.len() + 1;
            if let Some(cue) = lex.pronoun_or_the_at(text.as_bytes(), span) {
                found.push((word, cue));
            }
        }
        let expected = [
            ("the", None),
            ("The", None),
            ("THE", None),
            ("he", Some(Cue::He)),
            ("his", Some(Cue::He)),
            ("him", Some(Cue::He)),
            ("her", Some(Cue::She)),
            ("hers", Some(Cue::She)),
            ("herself", Some(Cue::She)),
            ("himself", Some(Cue::He)),
            ("she", Some(Cue::She)),
            ("it", Some(Cue::It)),
            ("its", Some(Cue::It)),
            ("itself", Some(Cue::It)),
        ];
        assert_eq!(found, expected);
    }
}
