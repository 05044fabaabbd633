//! Byte-level helpers shared by the paragraph and sentence scanners. They look at UTF-8
//! bytes directly and only ever return offsets on character boundaries.

/// The length of the whitespace character at `i`, or 0 when there is none. Covers ASCII
/// whitespace, no-break and typographic spaces (U+00A0, U+2000..U+200A, U+202F, U+205F,
/// U+3000), line and paragraph separators (U+2028, U+2029) and U+0085.
#[inline]
pub(crate) fn space_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) => 1,
        Some(0xC2) if matches!(b.get(i + 1), Some(0x85 | 0xA0)) => 2,
        Some(0xE2) => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) | (Some(0x81), Some(0x9F)) => 3,
            _ => 0,
        },
        Some(0xE3) if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => 3,
        _ => 0,
    }
}

/// The first offset at or after `i` (and before `end`) that is not whitespace.
#[inline]
pub(crate) fn skip_space(b: &[u8], mut i: usize, end: usize) -> usize {
    while i < end {
        match space_len(b, i) {
            0 => break,
            n => i += n,
        }
    }
    i.min(end)
}

/// The offset just past the last non-whitespace character of `b[start..end]` (or `start`).
pub(crate) fn trim_end(b: &[u8], start: usize, mut end: usize) -> usize {
    while end > start {
        let c = char_start(b, end - 1);
        if space_len(b, c) == 0 {
            break;
        }
        end = c;
    }
    end
}

/// The start of the character that contains byte `i`.
#[inline]
pub(crate) fn char_start(b: &[u8], mut i: usize) -> usize {
    while i > 0 && (b[i] & 0xC0) == 0x80 {
        i -= 1;
    }
    i
}

/// The character starting at `i` and its length in bytes, if `i` is in bounds.
#[inline]
pub(crate) fn char_at(b: &[u8], i: usize) -> Option<(char, usize)> {
    let first = *b.get(i)?;
    if first < 0x80 {
        return Some((first as char, 1));
    }
    let len = match first {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    let s = std::str::from_utf8(b.get(i..i + len)?).ok()?;
    s.chars().next().map(|c| (c, len))
}

/// The length of a closing quotation mark or bracket at `i` (`"` `'` `”` `’` `»` `›` `)`
/// `]` `}`), or 0.
#[inline]
pub(crate) fn closer_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"' | b'\'' | b')' | b']' | b'}') => 1,
        Some(0xC2) if b.get(i + 1) == Some(&0xBB) => 2,
        Some(0xE2) => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(0x99 | 0x9D | 0xBA)) => 3,
            _ => 0,
        },
        _ => 0,
    }
}

/// Whether the closer at `i` is a quotation mark (rather than a bracket).
#[inline]
pub(crate) fn is_quote_closer(b: &[u8], i: usize) -> bool {
    !matches!(b.get(i), Some(b')' | b']' | b'}'))
}

/// The length of an opening quotation mark or bracket at `i` (`"` `'` `“` `‘` `«` `‹` `(`
/// `[`), or 0.
#[inline]
pub(crate) fn opener_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"' | b'\'' | b'(' | b'[') => 1,
        Some(0xC2) if b.get(i + 1) == Some(&0xAB) => 2,
        Some(0xE2) => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(0x98 | 0x9C | 0xB9)) => 3,
            _ => 0,
        },
        _ => 0,
    }
}

/// Whether `i` holds the horizontal ellipsis `…` (U+2026).
#[inline]
pub(crate) fn is_ellipsis_char(b: &[u8], i: usize) -> bool {
    b.get(i) == Some(&0xE2) && b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA6)
}

/// The length of a list bullet glyph at `i` (`•` `◦` `▪` `‣` `⁃` `·` `►` `■` `-` `*` `–`
/// `—`), or 0.
pub(crate) fn bullet_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'-' | b'*') => 1,
        Some(0xC2) if b.get(i + 1) == Some(&0xB7) => 2,
        Some(0xE2) => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(0x93 | 0x94 | 0xA2 | 0xA3))
            | (Some(0x81), Some(0x83))
            | (Some(0x97), Some(0xA6))
            | (Some(0x96), Some(0xA0 | 0xAA))
            | (Some(0x96), Some(0xBA)) => 3,
            _ => 0,
        },
        _ => 0,
    }
}

/// Whether `word` is an initialism of one- or two-letter parts joined by periods ("U.S",
/// "a.m", "Ph.D"), as it appears before its final period.
pub(crate) fn is_initialism(word: &[u8]) -> bool {
    let mut parts = 0;
    for part in word.split(|&c| c == b'.') {
        if part.is_empty() || part.len() > 2 || !part.iter().all(u8::is_ascii_alphabetic) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}
