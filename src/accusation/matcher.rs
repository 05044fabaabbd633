//! The cue matcher of the accusation and event lexicons: a trie walked only where a cue
//! can begin.
//!
//! It reports the matches an ASCII-case-insensitive, leftmost-longest, non-overlapping
//! search over every byte would report (an aho-corasick scan), except those that start
//! inside a word: those are never cues, so nobody looks at them. Instead of stepping an
//! automaton through every byte, it classifies eight ASCII bytes at a time to find the
//! word starts, skips a word start unless its first four bytes (hashed into a table)
//! begin some pattern, and walks the trie from the rest, and from the few marks that
//! start a pattern ("'ll"); but not from a word whose first bytes up to eight begin no
//! pattern ("three" begins like "threaten" in four bytes, not in five), which a table of
//! the patterns' lengths by their first four bytes and a hashed set of their first
//! bytes tell without a walk. A match starting inside a word can still hide a cue of the
//! next word ("withhold talks": "hold talks" starts inside "withhold" and hides
//! "talks"), so the trie also holds, for each pattern of several words, its part from
//! the second word on ("talks" of "hold talks"), and a second trie holds the first words
//! backwards ("dloh "). Only when a word start matches such a part and the text before
//! it ends with such a first word starting inside a word, or a mark starts a pattern, is
//! the previous word searched byte by byte. A word start whose first four bytes begin
//! such parts but no pattern ("the " of "lift the ban") is not walked at all unless the
//! text before it ends that way (the backward trie is asked first, and only where the
//! four bytes before end some first word starting inside a word, by a second hashed
//! bit set). Every walk is
//! bounded by the longest pattern, so the scan is linear. Both tries are double arrays
//! (one 12-byte cell per node, the rows of the nodes interleaved): the event lexicon's
//! trie takes 150 KB instead of 1.5 MB of full rows, and a step of a walk reads one cell.
//! Two matchers can search in one pass ([`Matcher::for_each_with`]: the accusation cues
//! and the event triggers, in the sentences that may hold either, each search starting
//! afresh after a byte no pattern holds), which classifies the bytes and finds the word
//! starts once, and looks their filters up together ([`Starts`]: one lookup of the first
//! four bytes tells each matcher what may start there), turning most word starts away
//! for both.

use crate::Span;
use crate::ascii::{HIGHS, ONES};

/// No pattern ends at this node.
const NONE: u32 = u32::MAX;

/// Byte kinds: an ASCII byte outside words, an ASCII word byte (letter, digit, hyphen),
/// a byte of a multi-byte character.
const KIND: [u8; 256] = {
    let mut kind = [2u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        kind[b] = (c.is_ascii_alphanumeric() || c == b'-') as u8;
        b += 1;
    }
    kind
};

/// The trie of the patterns and the reversed trie of the first words, with the filters
/// that decide where a walk starts.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    /// Byte -> column: [`ABSENT`] for a byte in no pattern. ASCII upper-case letters share
    /// the column of their lower-case letter.
    column: [u8; 256],
    /// The trie of the lower-cased patterns and of their parts from the second word on;
    /// a cell's information bits are 1 + the pattern ending there, and [`TAIL`].
    next: Trie,
    /// The reversed trie of the first words with the marks after them ("hold " read
    /// backwards); a cell's information is 1 where a first word ends.
    back: Trie,
    /// The ASCII marks (not word bytes) some pattern starts with ("'" of "'ll"), each
    /// repeated in the eight bytes of a `u64`.
    marks: Vec<u64>,
    /// Bit [`prefix_hash`] of the first four bytes of every pattern and second-word part
    /// (every completion of three-byte ones), in the first word of each pair, and of
    /// every pattern, in the second: no walk starts where its bit is clear, unless a
    /// shorter one starts there.
    prefixes: Box<[[u64; 2]; 1024]>,
    /// Bit [`pair_key`] of the one- and two-byte patterns and parts (every completion of
    /// one-byte ones), as in `prefixes`.
    pairs: Box<[[u64; 2]; 1024]>,
    /// Bit [`prefix_hash`] of the last four bytes of every first word with the marks
    /// after it (of three-byte ones, every extension by a byte before that may end a word
    /// character: only one starting inside a word counts): no such word ends, starting
    /// inside a word, where the four bytes before have their bit clear.
    heads: Box<[u64; 1024]>,
    /// Whether some first word with its marks has two bytes: else `heads` decides.
    tiny_heads: bool,
    /// For each [`length_key`] of four bytes, the lengths of the patterns and parts of
    /// three bytes or more that start with them: bit 0 for three or four bytes (every
    /// completion of three-byte ones), bit `m - 4` for `m` bytes, `m` from 5 to 7, and
    /// bit 4 for eight or more.
    lengths: Box<[u8; 1 << 14]>,
    /// Bit [`beginning_hash`] of every pattern and part of five to seven bytes, and of
    /// the first eight bytes of every longer one: with `lengths` and `pairs`, what a walk
    /// needs to find anything.
    beginnings: Box<[u64; 1024]>,
    /// The filter of this matcher alone, for [`Matcher::for_each`].
    starts: Starts,
}

/// Where the walks of one or two matchers may start, in tables that answer for both at
/// once: one lookup per word start tells each matcher whether nothing, only the part of
/// a pattern from its second word on, or a pattern may start there, and turns most word
/// starts away for both (the matchers then look no further).
#[derive(Clone, Debug)]
pub(crate) struct Starts {
    /// For each [`prefix_hash`], the part and pattern bits of the `prefixes` of the first
    /// matcher (bits 0 and 1), then of the second (bits 2 and 3): a byte each, read
    /// without shifts or masks.
    prefixes: Box<[u8; 1 << 16]>,
    /// The same for each [`pair_key`], from the matchers' `pairs` (all zero where no
    /// matcher has one- or two-byte patterns or parts).
    pairs: Box<[u8; 1 << 16]>,
    /// For each [`prefix_hash`] `h`, two bits at bit `2 * (h % 32)` of entry `h / 32`:
    /// whether a first word, with its marks, of the first (bit 0) or the second matcher
    /// (bit 1) may end with those four bytes, starting inside a word, by its `heads`
    /// (every bit of a matcher with `tiny_heads`).
    heads: Box<[u64; 2048]>,
    /// The first mark of the matchers, or NUL (repeated) when they have none: a NUL
    /// byte only sends the scan to its exact path for marks.
    mark: u64,
    /// The other marks of the matchers.
    other_marks: Vec<u64>,
}

/// The bits of [`Starts::kinds`] that say a part may start, one per matcher.
const PARTS: u32 = 0b0101;
/// The bits of [`Starts::kinds`] that say a pattern may start, one per matcher.
const PATTERNS: u32 = 0b1010;

/// What may start at a word start, for each matcher of a [`Starts`].
#[derive(Clone, Copy)]
struct Start {
    /// [`Starts::kinds`] of the four bytes there.
    kinds: u32,
    /// [`Starts::heads_before`] there, where only a part may start for some matcher (else
    /// not needed, and 0).
    heads: u32,
    /// The bits of `kinds` that a pattern or part of one or two bytes set.
    short: u32,
}

impl Start {
    /// What may start for matcher `w`: [`NOTHING`], only a [`PART`], or (else) a pattern;
    /// whether one of its first words may end right before; and whether one of its
    /// patterns or parts of one or two bytes may start.
    #[inline(always)]
    fn of(self, w: usize) -> (u32, bool, bool) {
        let bit = |bits: u32, b: usize| bits >> b & 1 != 0;
        (self.kinds >> (2 * w) & 3, bit(self.heads, w), bit(self.short, 2 * w))
    }
}

impl Starts {
    /// The tables of `matchers` (at most two: the first's bits, then the second's).
    pub(crate) fn of(matchers: &[&Matcher]) -> Starts {
        assert!(matchers.len() <= 2, "the start tables serve at most two matchers");
        let mut starts = Starts {
            prefixes: Box::new([0; 1 << 16]),
            pairs: Box::new([0; 1 << 16]),
            heads: Box::new([0; 2048]),
            mark: 0,
            other_marks: Vec::new(),
        };
        let mut marks = Vec::new();
        for (w, m) in matchers.iter().enumerate() {
            // Only the set bits of the matcher's tables are read: they are sparse.
            let tables = [(&m.prefixes, &mut starts.prefixes), (&m.pairs, &mut starts.pairs)];
            for (table, joint) in tables {
                for (i, &[part, pattern]) in table.iter().enumerate() {
                    let mut bits = part | pattern;
                    while bits != 0 {
                        let b = bits.trailing_zeros() as usize;
                        bits &= bits - 1;
                        // The part and pattern bits of `h`, placed for `w`.
                        let kinds = (part >> b & 1) as u8 | ((pattern >> b & 1) as u8) << 1;
                        joint[i * 64 + b] |= kinds << (2 * w);
                    }
                }
            }
            let mut place_head = |h: usize| starts.heads[h / 32] |= 1 << (2 * (h % 32) + w);
            if m.tiny_heads {
                (0..1 << 16).for_each(place_head);
            } else {
                for (i, &word) in m.heads.iter().enumerate() {
                    let mut bits = word;
                    while bits != 0 {
                        place_head(i * 64 + bits.trailing_zeros() as usize);
                        bits &= bits - 1;
                    }
                }
            }
            for &mark in &m.marks {
                if !marks.contains(&mark) {
                    marks.push(mark);
                }
            }
        }
        if let Some((&first, others)) = marks.split_first() {
            starts.mark = first;
            starts.other_marks = others.to_vec();
        }
        starts
    }

    /// What may start where the next four bytes are `x`, packed first byte lowest: for
    /// matcher `w`, bit `2 * w` set where the part of a pattern from its second word on
    /// may, and bit `2 * w + 1` where a pattern may (a pattern's bits say its part may
    /// too); no false negatives.
    #[inline(always)]
    fn kinds(&self, x: u32) -> u32 {
        self.kinds_of_four(x) | self.kinds_of_two(x)
    }

    /// [`Starts::kinds`] by the first four bytes of `x` (the patterns and parts of three
    /// bytes or more).
    #[inline(always)]
    fn kinds_of_four(&self, x: u32) -> u32 {
        u32::from(self.prefixes[prefix_hash(x)])
    }

    /// [`Starts::kinds`] by the first two bytes of `x` (the patterns and parts of one or
    /// two bytes).
    #[inline(always)]
    fn kinds_of_two(&self, x: u32) -> u32 {
        // (The two bytes' [`pair_key`], taken from `x` at once.)
        u32::from(self.pairs[usize::from(x as u16 | 0x2020)])
    }

    /// Bit `w` set where a first word of matcher `w`, with its marks, may end at `at` of
    /// `bytes`, starting inside a word (no false negatives).
    #[inline(always)]
    fn heads_before(&self, bytes: &[u8], at: usize) -> u32 {
        match at.checked_sub(4).and_then(|j| bytes.get(j..at)) {
            Some(&[a, b, c, d]) => {
                let h = prefix_hash(u32::from_le_bytes([a, b, c, d]));
                (self.heads[h / 32] >> (2 * (h % 32)) & 3) as u32
            }
            _ => 3,
        }
    }

    /// What may start at the word start `at` of `bytes`, whose first four bytes are
    /// `four`; `None` where nothing may for any matcher: no pattern, and no part after a
    /// possible first word.
    #[inline(always)]
    fn at(&self, bytes: &[u8], at: usize, four: u32) -> Option<Start> {
        let short = self.kinds_of_two(four);
        let kinds = self.kinds_of_four(four) | short;
        if kinds == 0 {
            return None;
        }
        // The matchers for which only a part may start need to know about a first word.
        let parts_only = kinds & !(kinds >> 1) & PARTS;
        let heads = if parts_only != 0 { self.heads_before(bytes, at) } else { 0 };
        let nothing = kinds & PATTERNS == 0 && heads == 0;
        (!nothing).then_some(Start { kinds, heads, short })
    }

    /// Whether some byte of `x` (ASCII bytes only) may be a mark of some matcher (no
    /// false negatives; a NUL byte may say so too).
    #[inline(always)]
    fn may_mark(&self, x: u64) -> bool {
        ascii_eq_bytes(x, self.mark) | mark_bytes(&self.other_marks, x) != 0
    }
}

/// Whether the four bytes before `at` of `bytes` may end a first word with its marks,
/// starting inside a word, by the filter `heads` (which cannot tell if `tiny_heads`).
#[inline(always)]
fn head_before(heads: &[u64; 1024], tiny_heads: bool, bytes: &[u8], at: usize) -> bool {
    match at.checked_sub(4).and_then(|j| bytes.get(j..at)) {
        Some(&[a, b, c, d]) if !tiny_heads => {
            let h = prefix_hash(u32::from_le_bytes([a, b, c, d]));
            heads[h / 64] >> (h % 64) & 1 != 0
        }
        _ => true,
    }
}

/// A trie in double-array form: the child of the node in cell `n` by column `c` is the
/// cell `cells[n].base + c` if that cell's `check` is `n`. The rows of the nodes overlap
/// wherever their children do not collide, so the trie takes about one cell per node
/// instead of one row of every column per node, and a walk touches one cell per byte.
#[derive(Clone, Debug)]
struct Trie {
    /// The cells; the root is cell 0, and cells 0 and 1 are never a child.
    cells: Vec<Cell>,
}

/// One cell of a [`Trie`].
#[derive(Clone, Copy, Debug)]
struct Cell {
    /// Where the row of this node's children starts.
    base: u32,
    /// The parent of the node in this cell ([`EMPTY`] for a free cell).
    check: u32,
    /// The node's information bits (0: none).
    info: u32,
}

/// How many bases [`Trie::pack`] tries for a node before it takes the free cells at
/// the end.
const MAX_TRIES: usize = 256;

/// The `check` of a cell no node occupies.
const EMPTY: u32 = u32::MAX;

impl Trie {
    /// The child of node `node` by column `col` (0: none).
    #[inline(always)]
    fn child(&self, node: usize, col: u8) -> usize {
        let slot = self.cells[node].base as usize + usize::from(col);
        match self.cells.get(slot) {
            Some(c) if c.check as usize == node => slot,
            _ => 0,
        }
    }

    /// Packs the trie held as rows of `width` columns (a node is the offset of its row,
    /// the root 0, column [`INFO`] the information bits, the others the child or 0) into
    /// double-array cells, placing the children of each node, in breadth-first order, at
    /// the first base where all their cells are free (or after the last cell, when none
    /// of the next [`MAX_TRIES`] bases fits).
    fn pack(rows: &[u32], width: usize) -> Trie {
        let free = Cell { base: 0, check: EMPTY, info: 0 };
        let nodes = rows.len() / width;
        let mut cells = Vec::with_capacity(nodes + width);
        cells.extend([free; 2]);
        cells[0].info = rows[INFO];
        // Cells 0 and 1 are never a child: column 0 is no byte's and 1 only absent ones'.
        let mut first_free = 2;
        let mut queue = Vec::with_capacity(nodes);
        queue.push((0usize, 0usize));
        let mut head = 0;
        let mut kids = Vec::new();
        while let Some(&(row, cell)) = queue.get(head) {
            head += 1;
            children(&rows[row..row + width], &mut kids);
            let Some(&lowest) = kids.first() else { continue };
            while cells.get(first_free).is_some_and(|c| c.check != EMPTY) {
                first_free += 1;
            }
            let mut base = first_free.saturating_sub(lowest);
            let mut tries = 0;
            while !kids.iter().all(|&c| cells.get(base + c).is_none_or(|c| c.check == EMPTY)) {
                // Past a few tries, the free cells after the last row (a bounded search
                // keeps the packing linear in the size of the trie).
                tries += 1;
                base = if tries < MAX_TRIES { base + 1 } else { cells.len() };
            }
            if cells.len() < base + width {
                cells.resize(base + width, free);
            }
            cells[cell].base = base as u32;
            for &c in &kids {
                let child = rows[row + c] as usize;
                cells[base + c] = Cell { base: 0, check: cell as u32, info: rows[child + INFO] };
                queue.push((child, base + c));
            }
        }
        Trie { cells }
    }
}

/// Sets `kids` to the columns of the children in the trie row `row` (its non-zero
/// cells after [`ABSENT`]), in order.
fn children(row: &[u32], kids: &mut Vec<usize>) {
    const FIRST: usize = ABSENT as usize + 1;
    kids.clear();
    let mut add = |at: usize, cells: &[u32]| {
        let columns = cells.iter().enumerate().filter(|&(_, &child)| child != 0);
        kids.extend(columns.map(|(j, _)| at + j));
    };
    let mut chunks = row[FIRST..].chunks_exact(8);
    let mut at = FIRST;
    for chunk in &mut chunks {
        // Most cells are empty: eight of them are tested at once.
        if chunk.iter().fold(0, |any, &child| any | child) != 0 {
            add(at, chunk);
        }
        at += 8;
    }
    add(at, chunks.remainder());
}

/// The column of a node's information bits in the rows [`insert`] builds.
const INFO: usize = 0;
/// The column of bytes in no pattern: never a child.
const ABSENT: u8 = 1;
/// Information bit: the part of a pattern from its second word on ends here.
const TAIL: u32 = 1 << 31;

/// The index of two bytes in [`Matcher::pairs`].
#[inline]
fn pair_key(first: u8, second: u8) -> usize {
    usize::from(first | 0x20) | usize::from(second | 0x20) << 8
}

/// A 16-bit hash of four bytes (packed first byte lowest), each with bit 0x20 set:
/// letters are folded to lower case, and a byte and its folded form collide.
#[inline]
fn prefix_hash(x: u32) -> usize {
    // The high bits of a 64-bit product depend on every bit of the four bytes.
    (u64::from(x | 0x2020_2020).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 48) as usize
}

/// The index of four bytes in [`Matcher::lengths`]: a 14-bit [`prefix_hash`].
#[inline]
fn length_key(x: u32) -> usize {
    prefix_hash(x) >> 2
}

/// A 16-bit hash of the first `m` (5 to 8) of the eight bytes `x` (packed first byte
/// lowest), folded as in [`prefix_hash`].
#[inline]
fn beginning_hash(x: u64, m: usize) -> usize {
    let first = u64::MAX >> (64 - 8 * m);
    (((x | (ONES * 0x20)) & first).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 48) as usize
}

/// Whether the character before `j` (a character boundary) of `text` is a word
/// character.
#[cold]
#[inline(never)]
fn word_before(text: &str, j: usize) -> bool {
    text[..j].chars().next_back().is_some_and(is_word_char)
}

/// Whether `c` is part of a word for the boundary rules of the cue searches.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// Whether the byte at `i` (a character boundary) starts a word character, and the
/// length of its character.
#[inline]
fn word_at(text: &str, i: usize) -> (bool, usize) {
    match KIND[usize::from(text.as_bytes()[i])] {
        2 => {
            let c = text[i..].chars().next().unwrap_or(' ');
            (is_word_char(c), c.len_utf8())
        }
        k => (k == 1, 1),
    }
}

/// The byte offset where the second word of `pattern` starts, after its first word and
/// the marks or spaces that follow it; `None` for a one-word pattern or one that starts
/// with a mark.
fn second_word(pattern: &str) -> Option<usize> {
    let mut chars = pattern.char_indices();
    if !chars.next().is_some_and(|(_, c)| is_word_char(c)) {
        return None;
    }
    let mut gap = false;
    for (i, c) in chars {
        match (is_word_char(c), gap) {
            (false, _) => gap = true,
            (true, true) => return Some(i),
            (true, false) => {}
        }
    }
    None
}

/// What a walk of the trie from one position found.
#[derive(Clone, Copy)]
struct Walk {
    /// End of the longest pattern matching there (0 if none).
    end: usize,
    /// That pattern (`NONE` if none).
    pattern: u32,
    /// Whether the part from the second word on of some pattern matches there.
    tail: bool,
}

impl Matcher {
    /// Compiles `patterns` (pattern ids are their positions; an empty pattern never
    /// matches, and of two equal ones the first wins).
    pub(crate) fn new<S: AsRef<str>>(patterns: &[S]) -> Matcher {
        let lowered: Vec<String> =
            patterns.iter().map(|p| p.as_ref().to_ascii_lowercase()).collect();
        let mut column = [ABSENT; 256];
        let mut width = usize::from(ABSENT) + 1;
        for p in &lowered {
            for &b in p.as_bytes() {
                if column[usize::from(b)] == ABSENT {
                    // At most 256 - 26 distinct lower-cased bytes plus two: a column fits
                    // in a byte.
                    column[usize::from(b)] = width as u8;
                    if b.is_ascii_lowercase() {
                        column[usize::from(b.to_ascii_uppercase())] = width as u8;
                    }
                    width += 1;
                }
            }
        }
        // Room for a node per pattern byte, more than either trie takes in practice (the
        // patterns share their first words): the rows are not copied as they grow.
        let nodes = 1 + lowered.iter().map(String::len).sum::<usize>();
        let mut next = Vec::with_capacity(nodes * width);
        next.resize(width, 0);
        let mut back = Vec::with_capacity(nodes * width);
        back.resize(width, 0);
        let mut m = Matcher {
            column,
            next: Trie { cells: Vec::new() },
            back: Trie { cells: Vec::new() },
            marks: Vec::new(),
            prefixes: Box::new([[0; 2]; 1024]),
            pairs: Box::new([[0; 2]; 1024]),
            heads: Box::new([0; 1024]),
            tiny_heads: false,
            lengths: Box::new([0; 1 << 14]),
            beginnings: Box::new([0; 1024]),
            starts: Starts::of(&[]),
        };
        for (id, p) in lowered.iter().enumerate() {
            let Some(&b) = p.as_bytes().first() else { continue };
            let node = insert(&mut next, &column, width, p.bytes());
            if next[node + INFO] & !TAIL == 0 {
                next[node + INFO] |= id as u32 + 1;
            }
            let mark = ONES * u64::from(b);
            if b.is_ascii() && KIND[usize::from(b)] == 0 && !m.marks.contains(&mark) {
                m.marks.push(mark);
            }
        }
        for p in &lowered {
            m.add_prefix(p.as_bytes(), true);
            m.add_beginning(p.as_bytes());
            if let Some(o) = second_word(p) {
                let (head, tail) = p.as_bytes().split_at(o);
                m.add_prefix(tail, false);
                m.add_beginning(tail);
                let node = insert(&mut next, &column, width, tail.iter().copied());
                next[node + INFO] |= TAIL;
                m.add_head(head);
                let node = insert(&mut back, &column, width, head.iter().rev().copied());
                back[node + INFO] = 1;
            }
        }
        m.next = Trie::pack(&next, width);
        m.back = Trie::pack(&back, width);
        m.starts = Starts::of(&[&m]);
        m
    }

    /// Sets the prefix bits a walk matching `bytes`, a pattern or (not `pattern`) the
    /// part of one from its second word on, needs.
    fn add_prefix(&mut self, bytes: &[u8], pattern: bool) {
        let kinds = if pattern { 2 } else { 1 };
        let mut set = |x: u32| {
            let h = prefix_hash(x);
            for bits in &mut self.prefixes[h / 64][..kinds] {
                *bits |= 1 << (h % 64);
            }
        };
        let b = |k: usize| u32::from(bytes[k]);
        match bytes.len() {
            0 => {}
            1 | 2 => {
                for second in 0..=0xff {
                    let second = bytes.get(1).copied().unwrap_or(second);
                    let h = pair_key(bytes[0], second);
                    for bits in &mut self.pairs[h / 64][..kinds] {
                        *bits |= 1 << (h % 64);
                    }
                }
            }
            3 => (0..=0xff).for_each(|rest| set(b(0) | b(1) << 8 | b(2) << 16 | rest << 24)),
            _ => set(b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24),
        }
    }

    /// Sets the bits of `lengths` and `beginnings` a walk matching `bytes`, a pattern or
    /// the part of one, needs (one or two bytes: `pairs` has them).
    fn add_beginning(&mut self, bytes: &[u8]) {
        let b = |k: usize| u32::from(bytes[k]);
        match bytes.len() {
            0..=2 => {}
            3 => (0..=0xff).for_each(|rest| {
                self.lengths[length_key(b(0) | b(1) << 8 | b(2) << 16 | rest << 24)] |= 1;
            }),
            4 => self.lengths[length_key(b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24)] |= 1,
            n => {
                let m = n.min(8);
                let key = length_key(b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24);
                self.lengths[key] |= 1 << (m - 4);
                let mut eight = [0; 8];
                eight[..m].copy_from_slice(&bytes[..m]);
                let h = beginning_hash(u64::from_le_bytes(eight), m);
                self.beginnings[h / 64] |= 1 << (h % 64);
            }
        }
    }

    /// Whether a walk from `at` of `bytes` may find a pattern or the part of one (no
    /// false negatives), given whether one of one or two bytes may start there (`short`):
    /// whether the text there begins like one, in its first bytes up to eight. Most
    /// words that begin like a pattern in their first four bytes go on otherwise
    /// ("three", "threat"; "was a", "was willing to"): their walk is saved.
    #[inline(always)]
    fn may_match(&self, bytes: &[u8], at: usize, short: bool) -> bool {
        let Some(eight) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) else {
            return true;
        };
        let x = u64::from_le_bytes(*eight);
        let mut lengths = self.lengths[length_key(x as u32)];
        if short || lengths & 1 != 0 {
            return true;
        }
        lengths >>= 1;
        while lengths != 0 {
            let m = lengths.trailing_zeros() as usize + 5;
            lengths &= lengths - 1;
            let h = beginning_hash(x, m);
            if self.beginnings[h / 64] >> (h % 64) & 1 != 0 {
                return true;
            }
        }
        false
    }

    /// Sets the bits of `heads` a first word with its marks, `head`, needs.
    fn add_head(&mut self, head: &[u8]) {
        let mut set = |x: u32| {
            let h = prefix_hash(x);
            self.heads[h / 64] |= 1 << (h % 64);
        };
        match *head {
            [.., a, b, c, d] => set(u32::from_le_bytes([a, b, c, d])),
            [a, b, c] => (0..=0xff)
                .filter(|&x| KIND[usize::from(x)] != 0)
                .for_each(|x| set(u32::from_le_bytes([x, a, b, c]))),
            _ => self.tiny_heads = true,
        }
    }

    /// Walks the trie over `bytes` from `at`, whose first byte leads to node `first`.
    #[inline(always)]
    fn walk(&self, bytes: &[u8], at: usize, first: usize) -> Walk {
        let cells = &self.next.cells;
        let mut walk = Walk { end: 0, pattern: NONE, tail: false };
        let mut node = first;
        let Some(&(mut cell)) = cells.get(first) else { return walk };
        let mut i = at + 1;
        loop {
            if cell.info != 0 {
                if cell.info & !TAIL != 0 {
                    walk.end = i;
                    walk.pattern = (cell.info & !TAIL) - 1;
                }
                walk.tail |= cell.info & TAIL != 0;
            }
            let Some(&b) = bytes.get(i) else { break };
            let slot = cell.base as usize + usize::from(self.column[usize::from(b)]);
            match cells.get(slot) {
                Some(&child) if child.check as usize == node => {
                    node = slot;
                    cell = child;
                }
                _ => break,
            }
            i += 1;
        }
        walk
    }

    /// Whether the first word of a pattern of several words, with the marks after it,
    /// ends at `at`, starting inside a longer word ("with|hold talks").
    #[inline(never)]
    fn hidden(&self, text: &str, at: usize) -> bool {
        // The four bytes before `at` must end some first word with its marks.
        head_before(&self.heads, self.tiny_heads, text.as_bytes(), at) && self.hidden_walk(text, at)
    }

    /// [`Matcher::hidden`], by a walk of the reversed trie of the first words.
    #[inline(always)]
    fn hidden_walk(&self, text: &str, at: usize) -> bool {
        let bytes = text.as_bytes();
        let cells = &self.back.cells;
        let mut node = 0;
        let mut base = cells.first().map_or(0, |c| c.base as usize);
        let mut j = at;
        while j > 0 {
            j -= 1;
            let slot = base + usize::from(self.column[usize::from(bytes[j])]);
            match cells.get(slot) {
                Some(c) if c.check as usize == node => {
                    if c.info != 0 && word_before(text, j) {
                        return true;
                    }
                    node = slot;
                    base = c.base as usize;
                }
                _ => return false,
            }
        }
        false
    }

    /// The first node of a path starting with byte `b` (0 if none).
    #[inline(always)]
    fn root(&self, b: u8) -> usize {
        self.next.child(0, self.column[usize::from(b)])
    }

    /// The search position after the matches that start inside the word starting at `a`
    /// of `text`, given the position `pos` after those before.
    fn inside(&self, text: &str, a: usize, mut pos: usize) -> usize {
        let bytes = text.as_bytes();
        for (o, c) in text[a..].char_indices().skip(1) {
            if !is_word_char(c) {
                break;
            }
            let p = a + o;
            let first = self.root(bytes[p]);
            if p >= pos && first != 0 {
                let walk = self.walk(bytes, p, first);
                if walk.pattern != NONE {
                    pos = walk.end;
                }
            }
        }
        pos
    }

    /// The flag of each byte of `x` (ASCII bytes only) that is one of [`Matcher::marks`].
    #[inline(always)]
    fn mark_bytes(&self, x: u64) -> u64 {
        mark_bytes(&self.marks, x)
    }

    /// Calls `found(start, end, pattern)` for each match, in text order, that does not
    /// start inside a word (at a word character after another).
    pub(crate) fn for_each(&self, text: &str, mut found: impl FnMut(usize, usize, usize)) {
        let whole = [Span::new(0, text.len())];
        scan([self], &self.starts, text, whole, |_, s, e, p| found(s, e, p));
    }

    /// Calls `found(0, start, end, pattern)` for each match of `self` and
    /// `found(1, start, end, pattern)` for each match of `other`, each in text order, that
    /// does not start inside a word and starts in one of `spans` (in text order), and
    /// maybe for some others (never for one a search of the whole text would not find):
    /// both searches in one pass over the spans, which finds the word starts once for
    /// both and turns most of them away with `starts`, which must be [`Starts::of`]
    /// `[self, other]`, in this order.
    pub(crate) fn for_each_with(
        &self,
        other: &Matcher,
        starts: &Starts,
        text: &str,
        spans: impl IntoIterator<Item = Span>,
        found: impl FnMut(usize, usize, usize, usize),
    ) {
        scan([self, other], starts, text, spans, found);
    }

    /// Whether byte `b` is an ASCII byte outside words that no pattern holds: no match
    /// spans it, and no search looks across it.
    #[inline]
    fn breaks(&self, b: u8) -> bool {
        KIND[usize::from(b)] == 0 && self.column[usize::from(b)] == ABSENT
    }

    /// Looks at the word start `at`, where `kind` ([`Start::of`] this matcher) may start,
    /// after a first word if `head`, a pattern or part of one or two bytes if `short`,
    /// and returns the state of the search after it.
    #[inline(always)]
    fn word_start(
        &self,
        text: &str,
        at: usize,
        (kind, head, short): (u32, bool, bool),
        mut scan: Scan,
        found: &mut impl FnMut(usize, usize, usize),
    ) -> Scan {
        match kind {
            NOTHING => scan.last = at,
            // The part of a pattern from its second word on matters only where it
            // hides a match inside the last word.
            PART if at < scan.pos
                || scan.last == NO_WORD
                || !head
                || !self.hidden_walk(text, at) =>
            {
                scan.last = at;
            }
            // A walk that finds nothing leaves the search as this does.
            _ if !self.may_match(text.as_bytes(), at, short) => scan.last = at,
            _ => scan = self.visit(text, at, true, scan, found),
        }
        scan
    }

    /// Looks at `at`, a word start (`word`) or a mark that starts a pattern, and returns
    /// the state of the search after it.
    #[inline(never)]
    fn visit(
        &self,
        text: &str,
        at: usize,
        word: bool,
        mut scan: Scan,
        found: &mut impl FnMut(usize, usize, usize),
    ) -> Scan {
        let bytes = text.as_bytes();
        let first = self.root(bytes[at]);
        if first != 0 && at >= scan.pos {
            let walk = self.walk(bytes, at, first);
            if walk.pattern != NONE || walk.tail {
                scan = self.settle(text, at, word, walk, scan, found);
            }
        }
        if word {
            scan.last = at;
        }
        scan
    }

    /// Reports the match `walk` found at `at` (a word start if `word`), if any, after
    /// the matches inside the last word that a match here, or the second word of a
    /// pattern here, could depend on; returns the state of the search after it.
    #[inline(never)]
    fn settle(
        &self,
        text: &str,
        at: usize,
        word: bool,
        walk: Walk,
        mut scan: Scan,
        found: &mut impl FnMut(usize, usize, usize),
    ) -> Scan {
        // A match at a mark, or a pattern's second word where its first could end
        // inside the last word, needs the matches inside that word.
        if scan.last != NO_WORD
            && ((!word && walk.pattern != NONE) || (walk.tail && self.hidden(text, at)))
        {
            scan.pos = self.inside(text, scan.last, scan.pos);
            scan.last = NO_WORD;
        }
        if walk.pattern != NONE && at >= scan.pos {
            found(at, walk.end, walk.pattern as usize);
            scan.pos = walk.end;
        }
        scan
    }
}

/// The searches of [`Matcher::for_each_with`], one per matcher (`found` gets its index
/// first), in one pass over `spans` of the text (in text order); `starts` is
/// [`Starts::of`] the matchers.
///
/// A search starts afresh right after a byte no pattern holds (see [`Matcher::breaks`]):
/// no match spans it, so the matches after it are those a search from the start of the
/// text finds. Each span is searched from the last such byte before it, or, if there is
/// none since the last span searched, on from there.
fn scan<const N: usize>(
    matchers: [&Matcher; N],
    starts: &Starts,
    text: &str,
    spans: impl IntoIterator<Item = Span>,
    mut found: impl FnMut(usize, usize, usize, usize),
) {
    let bytes = text.as_bytes();
    let mut state = ([Scan { pos: 0, last: NO_WORD }; N], 0);
    // Where the search stopped.
    let mut at = 0;
    for span in spans {
        let (start, end) = (span.start.max(at), span.end.min(bytes.len()));
        if start >= end {
            continue;
        }
        let breaks = |j: &usize| matchers.iter().all(|m| m.breaks(bytes[*j]));
        if let Some(j) = (at..start).rev().find(breaks) {
            state = ([Scan { pos: 0, last: NO_WORD }; N], 0);
            at = j + 1;
        }
        at = scan_range(matchers, starts, text, at..end, &mut state, &mut found);
    }
}

/// [`scan`] from `range.start` (a character boundary) up to `range.end`, with the states of
/// the searches and the carry (bit 7 set when the character before is a word character)
/// in `state`: looks at the word starts and marks before `range.end`, and returns the
/// character boundary where it stopped, the first at or after `range.end`.
///
/// Eight ASCII bytes at a time are classified with word-wide bit operations; only word
/// starts and marks that start a pattern are looked at one by one, first by `starts`,
/// then, where it lets them through, by each matcher.
#[inline(always)]
fn scan_range<const N: usize>(
    matchers: [&Matcher; N],
    starts: &Starts,
    text: &str,
    range: std::ops::Range<usize>,
    state: &mut ([Scan; N], u64),
    found: &mut impl FnMut(usize, usize, usize, usize),
) -> usize {
    let bytes = text.as_bytes();
    let (mut scans, mut carry) = *state;
    let (mut i, end) = (range.start, range.end);
    // Where the chunks of eight bytes before `end`, with the eight after them, end.
    let chunks_end = end.saturating_sub(7).min(bytes.len().saturating_sub(15));
    while i < end {
        // Eight ASCII bytes, and the eight after them for the prefix filter.
        let window = if i < chunks_end { bytes[i..].first_chunk::<16>() } else { None };
        if let Some(window) = window {
            let x = u64::from_le_bytes(*window.first_chunk::<8>().unwrap_or(&[0x80; 8]));
            if x & HIGHS == 0 {
                let words = ascii_word_bytes(x);
                let word_starts = words & !((words << 8) | carry);
                carry = words >> 56;
                // The four bytes from byte `k` of the eight.
                let four = |k: usize| {
                    u32::from_le_bytes([window[k], window[k + 1], window[k + 2], window[k + 3]])
                };
                if !starts.may_mark(x) {
                    let mut word_starts = word_starts;
                    while word_starts != 0 {
                        let k = (word_starts.trailing_zeros() / 8) as usize;
                        word_starts &= word_starts - 1;
                        let at = i + k;
                        let Some(start) = starts.at(bytes, at, four(k)) else {
                            scans.iter_mut().for_each(|scan| scan.last = at);
                            continue;
                        };
                        for w in 0..N {
                            let mut found = |s, e, p| found(w, s, e, p);
                            let (m, scan) = (matchers[w], scans[w]);
                            scans[w] = m.word_start(text, at, start.of(w), scan, &mut found);
                        }
                    }
                } else {
                    let marks = matchers.map(|m| m.mark_bytes(x));
                    let mut events = marks.iter().fold(word_starts, |acc, &m| acc | m);
                    while events != 0 {
                        let bit = events.trailing_zeros();
                        events &= events - 1;
                        let (k, word) = ((bit / 8) as usize, (word_starts >> bit) & 1 != 0);
                        let at = i + k;
                        let kinds = starts.kinds(four(k));
                        let start = if word { starts.at(bytes, at, four(k)) } else { None };
                        for w in 0..N {
                            let (m, scan) = (matchers[w], scans[w]);
                            let mut found = |s, e, p| found(w, s, e, p);
                            if word {
                                let nothing = (NOTHING, false, false);
                                let of = start.map_or(nothing, |start| start.of(w));
                                scans[w] = m.word_start(text, at, of, scan, &mut found);
                            } else if (marks[w] >> bit) & 1 != 0 && kinds >> (2 * w + 1) & 1 != 0 {
                                // (Only a pattern starts with a mark: not the part of one from
                                // its second word on.)
                                scans[w] = m.visit(text, at, false, scan, &mut found);
                            }
                        }
                    }
                }
                i += 8;
                continue;
            }
        }
        let (word, len) = word_at(text, i);
        for w in 0..N {
            let (m, scan) = (matchers[w], scans[w]);
            if (word && carry == 0) || (!word && m.root(bytes[i]) != 0) {
                scans[w] = m.visit(text, i, word, scan, &mut |s, e, p| found(w, s, e, p));
            }
        }
        carry = u64::from(word) << 7;
        i += len;
    }
    *state = (scans, carry);
    i
}

/// [`Start::of`]: no walk starts here.
const NOTHING: u32 = 0;
/// [`Start::of`]: only the part of a pattern from its second word on may.
const PART: u32 = 1;

/// No word start in [`Scan::last`].
const NO_WORD: usize = usize::MAX;

/// The state of a search: where it goes on, and the last word start while the matches
/// inside that word are not yet known.
#[derive(Clone, Copy)]
struct Scan {
    /// Where the search goes on: matches starting before are overlapped by one found.
    pos: usize,
    /// The last word start, [`NO_WORD`] once the matches inside it are known.
    last: usize,
}

/// The flag of each byte of `x`, eight ASCII bytes (below 0x80), that is a word byte: a
/// letter, a digit or a hyphen. Without high bits no per-byte sum below carries into
/// the next byte, so each range test is two additions.
#[inline(always)]
fn ascii_word_bytes(x: u64) -> u64 {
    let folded = x | (ONES * 0x20);
    let letter = (folded + ONES * (0x80 - u64::from(b'a')))
        & !(folded + ONES * (0x80 - u64::from(b'z') - 1));
    let digit = (x + ONES * (0x80 - u64::from(b'0'))) & !(x + ONES * (0x80 - u64::from(b'9') - 1));
    (letter | digit | ascii_eq_bytes(x, ONES * u64::from(b'-'))) & HIGHS
}

/// The flag of each byte of `x`, eight ASCII bytes, that is one of `marks` (each an
/// ASCII byte repeated).
#[inline(always)]
fn mark_bytes(marks: &[u64], x: u64) -> u64 {
    match marks {
        [] => 0,
        [m] => ascii_eq_bytes(x, *m),
        marks => marks.iter().fold(0, |acc, &m| acc | ascii_eq_bytes(x, m)),
    }
}

/// The flag of each byte of `x`, eight ASCII bytes, that is the ASCII byte repeated in
/// `b`.
#[inline(always)]
fn ascii_eq_bytes(x: u64, b: u64) -> u64 {
    // A byte of `x ^ b` is below 0x80: adding 0x7F sets its high bit unless it is zero.
    !((x ^ b) + ONES * 0x7F) & HIGHS
}

/// Adds the path of `bytes` to the trie rows `rows` (`width` columns, bytes mapped by
/// `column`), returning its last node.
fn insert(
    rows: &mut Vec<u32>,
    column: &[u8; 256],
    width: usize,
    bytes: impl Iterator<Item = u8>,
) -> usize {
    let mut node = 0;
    for b in bytes {
        let slot = node + usize::from(column[usize::from(b)]);
        if rows[slot] == 0 {
            rows[slot] = rows.len() as u32;
            rows.resize(rows.len() + width, 0);
        }
        node = rows[slot] as usize;
    }
    node
}
