//! A small tokenizer for the text around trigger words: words, digit runs and single
//! punctuation marks, as byte spans. Line breaks are kept as punctuation tokens so that
//! no expression or tense window runs across paragraphs.

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

const SPACE: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const PUNCT: u8 = 3;
const HIGH: u8 = 4;

/// The class of every byte.
static CLASS: [u8; 256] = {
    let mut table = [PUNCT; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphabetic() {
            LETTER
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c == b'\n' {
            PUNCT
        } else if c.is_ascii_whitespace() {
            SPACE
        } else if c >= 0x80 {
            HIGH
        } else {
            PUNCT
        };
        b += 1;
    }
    table
};

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
    let bytes = &text.as_bytes()[..to.min(text.len())];
    let mut i = from;
    while i < bytes.len() {
        let start = i;
        let class = CLASS[usize::from(bytes[i])];
        let kind = match class {
            SPACE => {
                i += 1;
                continue;
            }
            DIGIT => {
                i += 1;
                while i < bytes.len() && CLASS[usize::from(bytes[i])] == DIGIT {
                    i += 1;
                }
                Kind::Num
            }
            LETTER => {
                i = word_end(bytes, i + 1);
                Kind::Word
            }
            HIGH => match separator_len(&bytes[i..]) {
                0 => {
                    i = word_end(bytes, i);
                    Kind::Word
                }
                n => {
                    i += n;
                    if n == 2 || bytes[start + 2] <= 0x8A {
                        continue; // a space
                    }
                    Kind::Punct
                }
            },
            _ => {
                i += 1;
                Kind::Punct
            }
        };
        out.push(Tok { start, end: i, kind });
    }
}

/// The end of the word continuing at `i`: ASCII letters and non-ASCII letters.
fn word_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match CLASS[usize::from(bytes[i])] {
            LETTER => i += 1,
            HIGH if separator_len(&bytes[i..]) == 0 => {
                // The whole multi-byte character.
                i += 1;
                while i < bytes.len() && (bytes[i] & 0xC0) == 0x80 {
                    i += 1;
                }
            }
            _ => break,
        }
    }
    i
}
