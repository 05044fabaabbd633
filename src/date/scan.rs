//! A small tokenizer for the text around trigger words: words, digit runs and single
//! punctuation marks, as byte spans.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (ASCII, or any non-ASCII letter).
    Word,
    /// ASCII digits.
    Num,
    /// One punctuation character (ASCII, or a general-punctuation one such as `’`).
    Punct,
}

/// One token: a byte span and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Length of the non-ASCII separator at the start of `bytes` (no-break space, the
/// U+2000-U+206F general punctuation block), or 0 when it is a letter.
fn separator_len(bytes: &[u8]) -> usize {
    match bytes {
        [0xC2, 0xA0, ..] => 2,
        [0xE2, 0x80 | 0x81, _, ..] => 3,
        _ => 0,
    }
}

/// Appends the tokens of `text[from..to]` to `out`. `from` and `to` must be char
/// boundaries.
pub(crate) fn tokenize(text: &str, from: usize, to: usize, out: &mut Vec<Tok>) {
    let bytes = text.as_bytes();
    let to = to.min(bytes.len());
    let mut i = from;
    while i < to {
        let b = bytes[i];
        let start = i;
        let kind = if b.is_ascii_digit() {
            while i < to && bytes[i].is_ascii_digit() {
                i += 1;
            }
            Kind::Num
        } else if b.is_ascii_alphabetic() || (b >= 0x80 && separator_len(&bytes[i..to]) == 0) {
            while i < to {
                let c = bytes[i];
                if c.is_ascii_alphabetic() {
                    i += 1;
                } else if c >= 0x80 && separator_len(&bytes[i..to]) == 0 {
                    // Skip the whole multi-byte character.
                    i += 1;
                    while i < to && (bytes[i] & 0xC0) == 0x80 {
                        i += 1;
                    }
                } else {
                    break;
                }
            }
            Kind::Word
        } else if b.is_ascii_whitespace() {
            i += 1;
            continue;
        } else if b >= 0x80 {
            let n = separator_len(&bytes[i..to]);
            i += n.max(1);
            if n == 2 || (n == 3 && bytes[start + 2] <= 0x8A) {
                continue; // a space
            }
            Kind::Punct
        } else {
            i += 1;
            Kind::Punct
        };
        out.push(Tok { start, end: i, kind });
    }
}
