//! The surface-form matcher: every gazetteer name, variant and demonym, matched
//! case-sensitively as whole words, longest first, without losing a shorter valid match
//! to a longer one that ends inside a word.
//!
//! Names are matched only where a word starts, so the matcher is a trie over words: a
//! map from every pattern and every pattern prefix that ends before a space to what it
//! is. A search at a word start extends word by word while the text so far is a known
//! prefix, remembering the longest whole-word pattern seen. This was measured against
//! one aho-corasick automaton over the same 14.8k forms (277 kB): its DFA took ~1 G
//! instructions (0.3-0.4 s) to build and its contiguous NFA ~0.45 G, against a few
//! milliseconds here, and anchored searches at word starts gain nothing from a DFA.
//!
//! Before a search, three cheap tests rule out most word starts: the first run of ASCII
//! letters and digits (up to eight bytes, hashed into a bitmap: the tokenizer reads it
//! with the word, so that "The" or "But" cost a multiply and a load; words starting with
//! a lowercase letter are tested in a small bitmap of their own), the first byte and
//! the first two bytes. A first word that is that run alone before a space (most) is
//! looked up by the run, its bytes not read again. A search goes on past a space only if
//! the next word starts the way a word after a space in some pattern does (the same
//! bitmap, for those words).
//! Keys of 15 bytes or fewer are packed into one integer and looked up in an
//! open-addressing table ([`PackedMap`]).

use super::gazetteer::Gazetteer;
use super::lexicon::{self, PackedMap};
use crate::hash::WordMap;
use crate::{Span, ascii};

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

/// What a text prefix is in the pattern trie.
#[derive(Clone, Copy, Debug, Default)]
struct Node {
    /// The pattern it spells in full, if any.
    pattern: Option<u32>,
    /// Whether some longer pattern continues it after a space.
    prefix: bool,
}

/// A [`Node`] in four bytes, for [`Matcher::short`]: bit 31 is `prefix`, the low bits the
/// pattern plus one (0 for none). Its table's slots then take 24 bytes, not 32.
#[derive(Clone, Copy, Debug, Default)]
struct PackedNode(u32);

impl From<Node> for PackedNode {
    fn from(node: Node) -> PackedNode {
        let pattern = node.pattern.map_or(0, |p| p + 1);
        PackedNode(pattern | (u32::from(node.prefix) << 31))
    }
}

impl From<PackedNode> for Node {
    #[inline]
    fn from(packed: PackedNode) -> Node {
        let pattern = packed.0 & !(1 << 31);
        Node { pattern: pattern.checked_sub(1), prefix: packed.0 >> 31 != 0 }
    }
}

/// The compiled surface forms.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    /// Every pattern and every pattern prefix ending before a space, of 16 bytes or
    /// more (the others are only looked up in `short`).
    nodes: WordMap<Box<str>, Node>,
    /// Those of 15 bytes or fewer, packed by [`pack`] (most lookups).
    short: PackedMap<PackedNode>,
    /// The entries the patterns may stand for, pattern after pattern.
    candidates: Vec<Candidate>,
    /// Where the candidates of each pattern start and end in `candidates`.
    ranges: Vec<(u32, u32)>,
    /// Bitmap of the byte pairs some pattern starts with (the filter that keeps most
    /// word starts from being looked up).
    first: Box<[u64; 1024]>,
    /// The bytes some pattern starts with.
    first_byte: [bool; 256],
    /// Bitmap, by [`run_bit`] of [`first_run`], of the runs of ASCII letters and digits that
    /// patterns start with: most capitalized words that begin no name ("The", "But")
    /// are ruled out here without a search. Followed by a small bitmap, by the top
    /// [`LOWER_RUN_BITS`] bits of [`run_bit`], of the first runs of the few patterns
    /// that start with a lowercase ASCII letter ("al-Qaeda"): most words start so, and
    /// since names match case-sensitively only these patterns can start at such a word.
    /// It stays in cache where the large one would not; both are one array so that the
    /// choice between them is an index, not a branch.
    first_runs: Box<[u64; FIRST_RUN_WORDS + LOWER_RUN_WORDS]>,
    /// The same bitmap for the words after a space in a pattern: a search stops at a
    /// space after which no pattern goes on (after "The" in "The company said").
    next_runs: Box<[u64; FIRST_RUN_WORDS]>,
    /// The longest pattern, in bytes: no search looks further.
    max_len: usize,
}

impl Matcher {
    /// Compiles every name, alias and demonym of `gazetteer`.
    pub(crate) fn new(gazetteer: &Gazetteer) -> Matcher {
        let entries = gazetteer.entries();
        let forms = entries.iter().map(|e| 1 + e.aliases.len() + e.demonyms.len()).sum();
        let mut trie = TrieBuilder::default();
        trie.short.reserve(forms);
        trie.long.reserve(forms);
        // (pattern, candidate) in the order met; grouped by pattern at the end, so that
        // a pattern's candidates take no allocation of their own.
        let mut found: Vec<(u32, Candidate)> = Vec::with_capacity(forms);
        let mut patterns = 0;
        let mut first = Box::new([0u64; 1024]);
        let mut first_byte = [false; 256];
        let mut first_runs = Box::new([0u64; FIRST_RUN_WORDS + LOWER_RUN_WORDS]);
        let mut next_runs = Box::new([0u64; FIRST_RUN_WORDS]);
        let mut max_len = 0;
        for (i, e) in entries.iter().enumerate() {
            let forms = std::iter::once((e.name.as_str(), Surface::Name))
                .chain(e.aliases.iter().map(|a| (a.as_str(), Surface::Alias)))
                .chain(e.demonyms.iter().map(|d| (d.as_str(), Surface::Demonym)));
            for (form, surface) in forms {
                // Fewer than two letters or digits, or a space at an end: no pattern.
                if form.chars().filter(|c| c.is_alphanumeric()).nth(1).is_none()
                    || form.starts_with(char::is_whitespace)
                    || form.ends_with(char::is_whitespace)
                {
                    continue;
                }
                let pair = pair_index(form.as_bytes(), 0);
                first[pair / 64] |= 1 << (pair % 64);
                first_byte[form.as_bytes()[0] as usize] = true;
                let bit = run_bit(first_run(form.as_bytes(), 0, form.len()));
                first_runs[bit / 64] |= 1 << (bit % 64);
                if form.as_bytes()[0].is_ascii_lowercase() {
                    let small = lower_run_bit(bit);
                    first_runs[small / 64] |= 1 << (small % 64);
                }
                max_len = max_len.max(form.len());
                // (A byte loop: a `memchr` per space costs more in these short forms.)
                let spaces = form.bytes().enumerate().filter(|&(_, b)| b == b' ');
                for (k, _) in spaces {
                    trie.node(&form[..k]).prefix = true;
                    let bit = run_bit(first_run(form.as_bytes(), k + 1, form.len()));
                    next_runs[bit / 64] |= 1 << (bit % 64);
                }
                let node = trie.node(form);
                let p = *node.pattern.get_or_insert_with(|| {
                    patterns += 1;
                    patterns - 1
                });
                found.push((p, Candidate { entry: i as u32, surface }));
            }
        }
        // Stable: each pattern's candidates stay in the order met, the first of an entry
        // kept.
        found.sort_by_key(|&(p, _)| p);
        let mut candidates: Vec<Candidate> = Vec::with_capacity(found.len());
        let mut ranges: Vec<(u32, u32)> = Vec::with_capacity(patterns as usize);
        for &(p, cand) in &found {
            if ranges.len() == p as usize {
                // The first candidate of pattern `p`.
                let start = candidates.len() as u32;
                ranges.push((start, start));
            }
            let range = &mut ranges[p as usize];
            if !candidates[range.0 as usize..].iter().any(|c| c.entry == cand.entry) {
                candidates.push(cand);
                range.1 += 1;
            }
        }
        let short = PackedMap::new(trie.short.into_iter().map(|(k, n)| (k, PackedNode::from(n))));
        let nodes = trie.long.into_iter().map(|(k, n)| (Box::from(k), n)).collect();
        Matcher {
            nodes,
            short,
            candidates,
            ranges,
            first,
            first_byte,
            first_runs,
            next_runs,
            max_len,
        }
    }

    /// The entries pattern `p` may stand for.
    pub(crate) fn candidates(&self, p: u32) -> &[Candidate] {
        let range = self.ranges.get(p as usize).map_or(0..0, |&(a, b)| a as usize..b as usize);
        &self.candidates[range]
    }

    /// Appends the whole-word hits in `hay[range]` to `out`, longest first. `hay` must
    /// have the same byte length as the text the spans refer to (it may be a re-cased
    /// copy).
    pub(crate) fn find(&self, hay: &str, range: Span, out: &mut Vec<Hit>) {
        let bytes = hay.as_bytes();
        let end = range.end.min(hay.len());
        let mut pos = range.start;
        let mut prev = if pos > 0 { bytes.get(pos - 1).copied().unwrap_or(b' ') } else { b' ' };
        while pos < end {
            let b = bytes[pos];
            // A word start (after ASCII punctuation or space, or after a non-ASCII char
            // that is not a letter) whose first two bytes begin some pattern.
            let starts = self.first_byte[b as usize]
                && if prev < 0x80 {
                    !prev.is_ascii_alphanumeric()
                } else {
                    is_boundary_before(hay, pos)
                };
            if starts {
                let pair = pair_index(bytes, pos);
                if self.first[pair / 64] & (1 << (pair % 64)) != 0 {
                    let run = first_run(bytes, pos, end);
                    if let Some((stop, pattern)) = self.longest_at(hay, pos, end, run) {
                        out.push(Hit { span: Span::new(pos, stop), pattern });
                        prev = bytes[stop - 1];
                        pos = stop;
                        continue;
                    }
                }
            }
            prev = b;
            pos += 1;
        }
    }

    /// 0 if no pattern starts at a word whose first run of ASCII letters and digits,
    /// read up to the end of its sentence and at most eight bytes, is `run`
    /// (zero-padded; see [`first_run`]), else 1 (a hit there is possible). Worked out
    /// without a branch (whether a word starts in lower case is a coin toss to the
    /// branch predictor), for callers that combine it with other tests without one.
    #[inline]
    pub(crate) fn start_bit(&self, run: u64) -> u32 {
        let bit = run_bit(run);
        // All ones for a lowercase word, which reads the small bitmap instead.
        let lower = usize::from((run as u8).is_ascii_lowercase()).wrapping_neg();
        let at = (bit & !lower) | (lower_run_bit(bit) & lower);
        (self.first_runs[at / 64] >> (at % 64)) as u32 & 1
    }

    /// The hit starting at `pos` (a word start), if any ends by `end`.
    pub(crate) fn find_at(&self, hay: &str, pos: usize, end: usize) -> Option<Hit> {
        self.find_at_run(hay, pos, end, first_run(hay.as_bytes(), pos, end))
    }

    /// [`Matcher::find_at`] for a word whose [`first_run`] (read up to `end`), as the
    /// tokenizer read it, is `run`. The caller has checked [`Matcher::start_bit`] for the
    /// word.
    pub(crate) fn find_at_run(&self, hay: &str, pos: usize, end: usize, run: u64) -> Option<Hit> {
        let bytes = hay.as_bytes();
        if pos >= end.min(bytes.len()) || !self.first_byte[usize::from(bytes[pos])] {
            return None;
        }
        let pair = pair_index(bytes, pos);
        if self.first[pair / 64] & (1 << (pair % 64)) == 0 || !is_boundary_before(hay, pos) {
            return None;
        }
        let (stop, pattern) = self.longest_at(hay, pos, end.min(bytes.len()), run)?;
        Some(Hit { span: Span::new(pos, stop), pattern })
    }

    /// What `hay[start..e]` is in the pattern trie, if anything.
    #[inline]
    fn node(&self, hay: &str, start: usize, e: usize) -> Option<Node> {
        match pack_at(hay.as_bytes(), Span::new(start, e)) {
            Some(k) => self.short.get(k).map(Node::from),
            None => self.nodes.get(&hay[start..e]).copied(),
        }
    }

    /// The longest whole-word pattern starting at `start` and ending by `end`, where the
    /// [`first_run`] is `run`.
    fn longest_at(&self, hay: &str, start: usize, end: usize, run: u64) -> Option<(usize, u32)> {
        let bytes = hay.as_bytes();
        let end = end.min(start + self.max_len);
        let mut best = None;
        // Each chunk runs up to the next space; `run` is its first run of letters and
        // digits (read for the bitmaps before the chunk).
        let (mut i, mut run) = (start, run);
        loop {
            // Most chunks are their run alone, before a space: the run's end is the
            // chunk's, with no scan (and the first chunk's key is the run itself).
            let len = (71 - run.leading_zeros() as usize) / 8;
            let (chunk_end, prefix) =
                if len > 0 && len < 8 && i + len < end && bytes[i + len] == b' ' {
                    let e = i + len;
                    let node = match i == start {
                        true => {
                            self.short.get(u128::from(run) | (len as u128) << 120).map(Node::from)
                        }
                        false => self.node(hay, start, e),
                    };
                    let node = node.unwrap_or_default();
                    best = node.pattern.map(|p| (e, p)).or(best);
                    (e, node.prefix)
                } else {
                    self.chunk(hay, start, end, i, &mut best)
                };
            if !prefix || chunk_end + 1 >= end {
                return best;
            }
            i = chunk_end + 1;
            // Every pattern going on here starts the next word with the run there (as
            // for `first_runs`).
            run = first_run(bytes, i, end);
            let bit = run_bit(run);
            if self.next_runs[bit / 64] & (1 << (bit % 64)) == 0 {
                return best;
            }
        }
    }

    /// Reads the chunk of [`Matcher::longest_at`] from `i` (up to the next space or
    /// `end`), setting `best` to the longest pattern from `start` ending in it. Gives
    /// where it ends and whether the text up to there is a prefix of a longer pattern
    /// (never when the tries ran out).
    fn chunk(
        &self,
        hay: &str,
        start: usize,
        end: usize,
        i: usize,
        best: &mut Option<(usize, u32)>,
    ) -> (usize, bool) {
        let bytes = hay.as_bytes();
        // Each place in the chunk where a word ends is a possible end of a pattern
        // ("U.S." ends after "U", "U.S" and "U.S.").
        let mut prefix = false;
        // A few word ends per chunk at most ("U.S." has three): bounded work on hostile
        // input such as "A.A.A.A...".
        let mut tries = 0;
        let mut e = i;
        while e < end && bytes[e] != b' ' {
            // Inside a word (an ASCII letter or digit follows) no pattern ends: skip to
            // the end of the run of letters and digits (at most to `end`).
            e = ascii::alnum_run_end(bytes, e + 1, end);
            let next = bytes.get(e).copied();
            if next.is_some_and(|b| b.is_ascii_alphanumeric()) {
                continue;
            }
            // After an ASCII byte that is not a letter or digit, or at the end of the
            // text, a char and a word end here.
            let ends_word = match next {
                Some(b) if b >= 0x80 => hay.is_char_boundary(e) && is_boundary_after(hay, e),
                _ => true,
            };
            if !word_end(bytes[e - 1]) || !ends_word {
                continue;
            }
            tries += 1;
            if tries > 8 {
                break;
            }
            // No node is no pattern and no prefix: whether there is one is the branch
            // predictor's guess, so it is not branched on.
            let node = self.node(hay, start, e).unwrap_or_default();
            *best = node.pattern.map(|p| (e, p)).or(*best);
            prefix = (e >= end || bytes[e] == b' ') & node.prefix;
        }
        // A chunk that ends in no word ("&" of "Johnson & Johnson") may still lead on to
        // a longer pattern.
        if e < end && bytes[e] == b' ' && e > i && !word_end(bytes[e - 1]) && tries <= 8 {
            prefix = self.node(hay, start, e).is_some_and(|n| n.prefix);
        }
        (e, prefix)
    }
}

/// The trie while [`Matcher::new`] builds it: keys of 15 bytes or fewer as [`pack`] packs
/// them (for [`Matcher::short`]), longer ones as slices of the gazetteer's text (each
/// copied once, into [`Matcher::nodes`], however many forms reach it).
#[derive(Default)]
struct TrieBuilder<'a> {
    short: WordMap<u128, Node>,
    long: WordMap<&'a str, Node>,
}

impl<'a> TrieBuilder<'a> {
    /// The node of `key`, added if new.
    fn node(&mut self, key: &'a str) -> &mut Node {
        match pack(key.as_bytes()) {
            Some(k) => self.short.entry(k).or_default(),
            None => self.long.entry(key).or_default(),
        }
    }
}

/// A key of 15 bytes or fewer as one integer: the bytes, zero-padded, and the length in
/// the last byte.
#[inline]
fn pack(key: &[u8]) -> Option<u128> {
    let mut buf = [0u8; 16];
    buf.get_mut(..key.len()).filter(|_| key.len() < 16)?.copy_from_slice(key);
    buf[15] = key.len() as u8;
    Some(u128::from_le_bytes(buf))
}

/// [`pack`] of `hay[span]`, read with one 16-byte load where the text allows.
#[inline]
fn pack_at(hay: &[u8], span: Span) -> Option<u128> {
    let len = span.len();
    let key = lexicon::pack_at(hay, span).filter(|_| len < 16)?;
    Some(key | ((len as u128) << 120))
}

/// Bits in the main part of [`Matcher::first_runs`] (16 KiB).
const FIRST_RUN_BITS: u32 = 17;
/// Words of 64 bits in the main part of [`Matcher::first_runs`].
const FIRST_RUN_WORDS: usize = (1 << FIRST_RUN_BITS) / 64;

/// The run of ASCII letters and digits at `pos` (empty at a non-ASCII char), read up to
/// `end` and at most 8 bytes, as an integer (little-endian, zero-padded). A pattern that
/// matches at `pos` and ends by `end` starts with the same run: either the run ends
/// inside the pattern, at a byte the text shares, or with it, where the text has no
/// letter or digit next.
#[inline]
fn first_run(bytes: &[u8], pos: usize, end: usize) -> u64 {
    let avail = end.min(bytes.len()).saturating_sub(pos).min(8);
    // Bytes past `avail` are zero, which is no letter or digit: the run stops there.
    let x = ascii::low_bytes(ascii::load8(bytes, pos), avail);
    let stop = !ascii::alnum_mask(x) & ascii::HIGHS;
    let n = if stop == 0 { 8 } else { (stop.trailing_zeros() / 8) as usize };
    if n == 0 { 0 } else { x & (u64::MAX >> (64 - 8 * n)) }
}

/// Bits in the lowercase part of [`Matcher::first_runs`] (128 bytes).
const LOWER_RUN_BITS: u32 = 10;
/// Words of 64 bits in the lowercase part of [`Matcher::first_runs`].
const LOWER_RUN_WORDS: usize = (1 << LOWER_RUN_BITS) / 64;

/// The bit of [`Matcher::first_runs`] in its lowercase part of a run whose [`run_bit`]
/// is `bit`.
#[inline]
fn lower_run_bit(bit: usize) -> usize {
    (1 << FIRST_RUN_BITS) + (bit >> (FIRST_RUN_BITS - LOWER_RUN_BITS))
}

/// The bit in [`Matcher::first_runs`] of a [`first_run`].
#[inline]
fn run_bit(run: u64) -> usize {
    (run.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - FIRST_RUN_BITS)) as usize
}

/// The index of the byte pair at `i` (the second byte 0 at the end).
#[inline]
fn pair_index(bytes: &[u8], i: usize) -> usize {
    (usize::from(bytes[i]) << 8) | usize::from(bytes.get(i + 1).copied().unwrap_or(0))
}

/// Whether a pattern may end after byte `b` inside a chunk: after a letter, digit or a
/// period ("U.S."), not after other punctuation.
fn word_end(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'.' || b >= 0x80
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
