//! A fast hasher for the stages' word tables.
//!
//! The lexicons look up short words (a few bytes) millions of times per megabyte of
//! text, where the standard library's SipHash costs more than the rest of a lookup. Their
//! keys are our own data, not attacker-chosen, and no output depends on the order a
//! map iterates in, so a multiply-rotate hash over eight bytes at a time does.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Multiply-rotate hashing of eight bytes at a time (the tail zero-padded).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    #[inline]
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let tail = chunks.remainder();
        if !tail.is_empty() {
            let mut word = [0u8; 8];
            word[..tail.len()].copy_from_slice(tail);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u128(&mut self, v: u128) {
        self.add(v as u64);
        self.add((v >> 64) as u64);
    }

    fn write_u32(&mut self, v: u32) {
        self.add(u64::from(v));
    }

    fn write_u64(&mut self, v: u64) {
        self.add(v);
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by words, with [`WordHasher`].
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// A set of words, with [`WordHasher`].
pub(crate) type WordSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_words_hash_alike_and_the_tail_counts() {
        let hash = |w: &[u8]| {
            let mut h = WordHasher::default();
            h.write(w);
            h.finish()
        };
        assert_eq!(hash(b"Sept"), hash(b"Sept"));
        assert_ne!(hash(b"Sept"), hash(b"Sep"));
        // Words longer than eight bytes differ in their tail too.
        assert_ne!(hash(b"Ministry of"), hash(b"Ministry or"));
        let set: WordSet<&[u8]> = [&b"Jan"[..], b"Feb"].into_iter().collect();
        assert!(set.contains(&&b"Feb"[..]) && !set.contains(&&b"Mar"[..]));
    }
}
