//! The cue matcher of the accusation and event lexicons: a trie walked only where a cue
//! can begin.
//!
//! It reports the matches an ASCII-case-insensitive, leftmost-longest, non-overlapping
//! search over every byte would report (an aho-corasick scan), except those that start
//! inside a word: those are never cues, so nobody looks at them. Instead of stepping an
//! automaton through every byte, it classifies eight ASCII bytes at a time to find the
//! word starts, skips a word start unless its first four bytes (hashed into a bit set)
//! begin some pattern, and walks the trie from the rest, and from the few marks that
//! start a pattern ("'ll"). A match starting inside a word can still hide a cue of the
//! next word ("withhold talks": "hold talks" starts inside "withhold" and hides
//! "talks"), so the trie also holds, for each pattern of several words, its part from
//! the second word on ("talks" of "hold talks"), and a second trie holds the first words
//! backwards ("dloh "). Only when a word start matches such a part and the text before
//! it ends with such a first word starting inside a word, or a mark starts a pattern, is
//! the previous word searched byte by byte. Every walk is bounded by the longest pattern,
//! so the scan is linear.

use crate::ascii::{HIGHS, ONES, alnum_mask, zero_bytes};

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

/// A trie over lower-cased pattern bytes, with one transition row per node, and a trie
/// over the reversed first words of the patterns of several words.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    /// Byte -> column: [`ABSENT`] for a byte in no pattern. ASCII upper-case letters share
    /// the column of their lower-case letter.
    column: [u8; 256],
    /// Rows of the trie, one per node; a node is the offset of its row, the root 0.
    /// Column [`INFO`] holds the node's information bits (1 + the pattern ending there,
    /// and [`TAIL`]), the others the child (0: none).
    next: Vec<u32>,
    /// The reversed trie of the first words with the marks after them ("hold "), rows
    /// as in `next`; column [`INFO`] is 1 where a first word (read backwards) ends.
    back: Vec<u32>,
    /// The ASCII marks (not word bytes) some pattern starts with ("'" of "'ll").
    marks: Vec<u8>,
    /// Bit [`prefix_hash`] of the first four bytes of every pattern and second-word part
    /// (every completion of three-byte ones): no walk starts where its bit is clear,
    /// unless a shorter one starts there.
    prefixes: Box<[u64; 1024]>,
    /// Bit `first | second << 8` (both with bit 0x20 set) of the two-byte patterns and
    /// parts.
    pairs: Box<[u64; 1024]>,
    /// First bytes of the one-byte patterns and parts.
    single: [bool; 256],
}

/// The column of a node's information bits.
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
        let mut m = Matcher {
            column,
            next: vec![0; width],
            back: vec![0; width],
            marks: Vec::new(),
            prefixes: Box::new([0; 1024]),
            pairs: Box::new([0; 1024]),
            single: [false; 256],
        };
        for (id, p) in lowered.iter().enumerate() {
            let Some(&b) = p.as_bytes().first() else { continue };
            let node = insert(&mut m.next, &column, width, p.bytes());
            if m.next[node + INFO] & !TAIL == 0 {
                m.next[node + INFO] |= id as u32 + 1;
            }
            if b.is_ascii() && KIND[usize::from(b)] == 0 && !m.marks.contains(&b) {
                m.marks.push(b);
            }
        }
        for p in &lowered {
            m.add_prefix(p.as_bytes());
            if let Some(o) = second_word(p) {
                let (head, tail) = p.as_bytes().split_at(o);
                m.add_prefix(tail);
                let node = insert(&mut m.next, &column, width, tail.iter().copied());
                m.next[node + INFO] |= TAIL;
                let node = insert(&mut m.back, &column, width, head.iter().rev().copied());
                m.back[node + INFO] = 1;
            }
        }
        m
    }

    /// Sets the prefix bits a walk matching `bytes` needs.
    fn add_prefix(&mut self, bytes: &[u8]) {
        let mut set = |x: u32| {
            let h = prefix_hash(x);
            self.prefixes[h / 64] |= 1 << (h % 64);
        };
        let b = |k: usize| u32::from(bytes[k]);
        match bytes.len() {
            0 => {}
            1 => {
                self.single[usize::from(bytes[0])] = true;
                self.single[usize::from(bytes[0].to_ascii_uppercase())] = true;
            }
            2 => {
                let h = pair_key(bytes[0], bytes[1]);
                self.pairs[h / 64] |= 1 << (h % 64);
            }
            3 => (0..=0xff).for_each(|rest| set(b(0) | b(1) << 8 | b(2) << 16 | rest << 24)),
            _ => set(b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24),
        }
    }

    /// Whether a pattern or a second-word part may start at `at` (no false negatives).
    #[inline]
    fn may_start(&self, bytes: &[u8], at: usize) -> bool {
        let x = match bytes.get(at..at + 4) {
            Some(four) => u32::from_le_bytes([four[0], four[1], four[2], four[3]]),
            None => {
                let byte = |k: usize| u32::from(bytes.get(at + k).copied().unwrap_or(0));
                byte(0) | byte(1) << 8 | byte(2) << 16
            }
        };
        let h = prefix_hash(x);
        let p = pair_key(x as u8, (x >> 8) as u8);
        self.prefixes[h / 64] & (1 << (h % 64)) != 0
            || self.pairs[p / 64] & (1 << (p % 64)) != 0
            || self.single[usize::from(bytes[at])]
    }

    /// Walks the trie over `bytes` from `at`, whose first byte leads to node `first`.
    #[inline(always)]
    fn walk(&self, bytes: &[u8], at: usize, first: usize) -> Walk {
        let mut walk = Walk { end: 0, pattern: NONE, tail: false };
        let mut node = first;
        let mut i = at + 1;
        loop {
            let info = self.next[node + INFO];
            if info != 0 {
                if info & !TAIL != 0 {
                    walk.end = i;
                    walk.pattern = (info & !TAIL) - 1;
                }
                walk.tail |= info & TAIL != 0;
            }
            let Some(&b) = bytes.get(i) else { break };
            node = self.next[node + usize::from(self.column[usize::from(b)])] as usize;
            if node == 0 {
                break;
            }
            i += 1;
        }
        walk
    }

    /// Whether the first word of a pattern of several words, with the marks after it,
    /// ends at `at`, starting inside a longer word ("with|hold talks").
    fn hidden(&self, text: &str, at: usize) -> bool {
        let bytes = text.as_bytes();
        let mut node = 0;
        for j in (0..at).rev() {
            node = self.back[node + usize::from(self.column[usize::from(bytes[j])])] as usize;
            if node == 0 {
                return false;
            }
            if self.back[node + INFO] != 0
                && text[..j].chars().next_back().is_some_and(is_word_char)
            {
                return true;
            }
        }
        false
    }

    /// The first node of a path starting with byte `b` (0 if none).
    #[inline]
    fn root(&self, b: u8) -> usize {
        self.next[usize::from(self.column[usize::from(b)])] as usize
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

    /// Calls `found(start, end, pattern)` for each match, in text order, that does not
    /// start inside a word (at a word character after another).
    ///
    /// Eight ASCII bytes at a time are classified with word-wide bit operations; only
    /// word starts and marks that start a pattern are looked at one by one.
    pub(crate) fn for_each(&self, text: &str, mut found: impl FnMut(usize, usize, usize)) {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut scan = Scan { pos: 0, last: None };
        // Whether the character before `i` is a word character.
        let mut after_word = false;
        let mut i = 0;
        while i < n {
            if let Some(chunk) = bytes.get(i..i + 8) {
                let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
                if x & HIGHS == 0 {
                    let words = word_bytes(x);
                    let mut marks = 0;
                    for &m in &self.marks {
                        marks |= zero_bytes(x ^ (u64::from(m) * ONES));
                    }
                    let starts = words & !((words << 8) | (u64::from(after_word) << 7));
                    let mut events = starts | marks;
                    while events != 0 {
                        let k = events.trailing_zeros() as usize / 8;
                        events &= events - 1;
                        let word = (words >> (8 * k + 7)) & 1 == 1;
                        if !word || self.may_start(bytes, i + k) {
                            self.visit(text, i + k, word, &mut scan, &mut found);
                        } else {
                            scan.last = Some(i + k);
                        }
                    }
                    after_word = words >> 63 == 1;
                    i += 8;
                    continue;
                }
            }
            let (word, len) = word_at(text, i);
            if (word && !after_word) || (!word && self.root(bytes[i]) != 0) {
                self.visit(text, i, word, &mut scan, &mut found);
            }
            after_word = word;
            i += len;
        }
    }

    /// Looks at `at`, a word start (`word`) or a mark that starts a pattern.
    #[inline]
    fn visit(
        &self,
        text: &str,
        at: usize,
        word: bool,
        scan: &mut Scan,
        found: &mut impl FnMut(usize, usize, usize),
    ) {
        let bytes = text.as_bytes();
        let first = self.root(bytes[at]);
        if first != 0 && at >= scan.pos {
            let walk = self.walk(bytes, at, first);
            // A match at a mark, or a pattern's second word where its first could end
            // inside the last word, needs the matches inside that word.
            if (!word && walk.pattern != NONE) || (walk.tail && self.hidden(text, at)) {
                if let Some(a) = scan.last.take() {
                    scan.pos = self.inside(text, a, scan.pos);
                }
            }
            if walk.pattern != NONE && at >= scan.pos {
                found(at, walk.end, walk.pattern as usize);
                scan.pos = walk.end;
            }
        }
        if word {
            scan.last = Some(at);
        }
    }
}

/// The state of a search: where it goes on, and the last word start while the matches
/// inside that word are not yet known.
struct Scan {
    pos: usize,
    last: Option<usize>,
}

/// The flag of each byte of `x` that is a word byte: a letter, a digit or a hyphen.
#[inline]
fn word_bytes(x: u64) -> u64 {
    alnum_mask(x) | zero_bytes(x ^ (u64::from(b'-') * ONES))
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
