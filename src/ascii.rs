//! ASCII bytes eight at a time: the word-at-a-time primitives the stages' scanners and
//! word tables share (loading up to eight bytes as one `u64`, lowercasing them, and
//! flagging letters, digits or given bytes among them).
//!
//! Every function works on any bytes: a byte of 0x80 or more is never taken for a letter
//! or digit and is left as it is. Flags are the top bit of each byte (`0x80`).

/// Eight copies of the byte 0x01.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// Eight copies of the byte 0x80: the flag bit of every byte.
pub(crate) const HIGHS: u64 = ONES * 0x80;

/// The eight bytes of `bytes` from `at`, little-endian, zero-padded past the end.
#[inline]
pub(crate) fn load8(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        Some(chunk) => u64::from_le_bytes(chunk),
        None => {
            let mut w = [0u8; 8];
            let rest = bytes.get(at..).unwrap_or(&[]);
            w[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(w)
        }
    }
}

/// The low `n` bytes of `w` (all of it from eight on).
#[inline]
pub(crate) fn low_bytes(w: u64, n: usize) -> u64 {
    if n >= 8 { w } else { w & ((1u64 << (8 * n)) - 1) }
}

/// `w` with its ASCII capitals lowercased; other bytes are kept.
#[inline]
pub(crate) fn lower8(w: u64) -> u64 {
    let low7 = w & (ONES * 0x7F);
    // Per byte, without carries between bytes: the flag is set from 'A' on and from
    // '[' on; a capital has the first and not the second.
    let from_a = low7 + ONES * (0x80 - u64::from(b'A'));
    let past_z = low7 + ONES * (0x80 - u64::from(b'Z') - 1);
    w | ((from_a & !past_z & !w & HIGHS) >> 2)
}

/// The flag of each zero byte of `v` (exact: no carries between bytes).
#[inline]
pub(crate) fn zero_bytes(v: u64) -> u64 {
    let low7 = ONES * 0x7F;
    !(((v & low7) + low7) | v | low7)
}

/// The flag of each byte of `w` that is an ASCII letter.
#[inline]
pub(crate) fn letter_mask(w: u64) -> u64 {
    let folded = (w & (ONES * 0x7F)) | (ONES * 0x20);
    let letter = (folded + ONES * (0x80 - 0x61)) & !(folded + ONES * (0x80 - 0x7B));
    letter & !w & HIGHS
}

/// The flag of each byte of `w` that is an ASCII letter or digit.
#[inline]
pub(crate) fn alnum_mask(w: u64) -> u64 {
    let low7 = w & (ONES * 0x7F);
    let digit = (low7 + ONES * (0x80 - 0x30)) & !(low7 + ONES * (0x80 - 0x3A));
    letter_mask(w) | (digit & !w & HIGHS)
}

/// The flags of `flags` (the top bit of each byte) as eight bits: bit `k` is the flag of
/// byte `k`.
#[inline]
pub(crate) fn flag_bits(flags: u64) -> u64 {
    // Byte k's flag, moved to bit 8k, lands on bit 56 + k; no two products share a bit
    // of the top byte, and carries from lower bits cannot reach it.
    ((flags >> 7) & ONES).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// A bit mask of the ASCII letters and digits among 64 bytes: bit `k` is set when
/// `chunk[k]` is one.
///
/// The bytes are first classified one by one into 0 or 1, a loop the compiler turns
/// into vector compares (about half the instructions of [`alnum_mask`] eight bytes at
/// a time); each eight flags are then gathered into a byte by one multiplication.
#[inline]
pub(crate) fn alnum_bits(chunk: &[u8; 64]) -> u64 {
    let mut flags = [0u8; 64];
    for (f, &b) in flags.iter_mut().zip(chunk) {
        *f = u8::from(((b | 0x20).wrapping_sub(b'a') < 26) | (b.wrapping_sub(b'0') < 10));
    }
    flags.chunks_exact(8).enumerate().fold(0, |m, (k, word)| {
        let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        m | flag_bits(w << 7) << (8 * k)
    })
}

/// The first index at or after `i` and before `limit` whose byte is not an ASCII letter
/// or digit, else `limit` (at most `bytes.len()`).
#[inline]
pub(crate) fn alnum_run_end(bytes: &[u8], mut i: usize, limit: usize) -> usize {
    let limit = limit.min(bytes.len());
    while i + 8 <= limit {
        let stop = !alnum_mask(load8(bytes, i)) & HIGHS;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < limit && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each primitive against a byte-by-byte version, on every byte value in every lane.
    #[test]
    fn masks_agree_with_bytewise_checks() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut bytes = *b"xY7 .\xc3Zq";
                bytes[lane] = b;
                let w = u64::from_le_bytes(bytes);
                let flags = |f: fn(u8) -> bool| {
                    bytes
                        .iter()
                        .enumerate()
                        .fold(0u64, |m, (i, &c)| if f(c) { m | 0x80 << (8 * i) } else { m })
                };
                assert_eq!(letter_mask(w), flags(|c| c.is_ascii_alphabetic()), "{bytes:?}");
                assert_eq!(alnum_mask(w), flags(|c| c.is_ascii_alphanumeric()), "{bytes:?}");
                assert_eq!(lower8(w), u64::from_le_bytes(bytes.map(|c| c.to_ascii_lowercase())));
                assert_eq!(zero_bytes(w), flags(|c| c == 0), "{bytes:?}");
                let bits = bytes
                    .iter()
                    .enumerate()
                    .fold(0u64, |m, (i, &c)| m | u64::from(c.is_ascii_alphanumeric()) << i);
                assert_eq!(flag_bits(alnum_mask(w)), bits, "{bytes:?}");
                let mut chunk = [b'a'; 64];
                chunk[8..16].copy_from_slice(&bytes);
                assert_eq!(alnum_bits(&chunk), !0xFF00 | bits << 8, "{bytes:?}");
            }
        }
    }

    #[test]
    fn loads_pad_with_zeros_and_runs_stop_at_non_alphanumerics() {
        assert_eq!(load8(b"abc", 1), u64::from_le_bytes(*b"bc\0\0\0\0\0\0"));
        assert_eq!(load8(b"abc", 9), 0);
        assert_eq!(low_bytes(load8(b"abcdefgh", 0), 2), u64::from_le_bytes(*b"ab\0\0\0\0\0\0"));
        let text = b"Zelenskyy2025 said";
        assert_eq!(alnum_run_end(text, 0, text.len()), 13);
        assert_eq!(alnum_run_end(text, 14, text.len()), text.len());
        assert_eq!(alnum_run_end(text, 0, 5), 5);
        assert_eq!(alnum_run_end("caf\u{e9}s".as_bytes(), 0, 6), 3);
    }
}
