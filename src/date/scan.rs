//! The trigger scan, which finds where an expression may be, and a small tokenizer for
//! the text around triggers: words, digit runs and single punctuation marks, as byte
//! spans. Line breaks are kept as punctuation tokens so that no expression or tense
//! window runs across paragraphs.

use super::grammar::{LEFT_JOINERS, key, word_joins};
use super::lexicon::{Lexicon, Word};
use crate::ascii::{HIGHS, alnum_bits, alnum_run_end, letter_mask, load8, low_bytes, lower8};

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
    let whole = text.as_bytes();
    let bytes = &whole[..to.min(whole.len())];
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        let start = i;
        let class = CLASS[usize::from(b)];
        // Most tokens are words: test for them first.
        let kind = if class == LETTER {
            i = word_end(bytes, whole, i + 1);
            Kind::Word
        } else if class == SPACE {
            i += 1;
            continue;
        } else if class == PUNCT {
            i += 1;
            Kind::Punct
        } else if class == DIGIT {
            i += 1;
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            Kind::Num
        } else {
            match separator_len(&bytes[i..]) {
                0 => {
                    i = word_end(bytes, whole, i);
                    Kind::Word
                }
                n => {
                    i += n;
                    if n == 2 || bytes[start + 2] <= 0x8A {
                        continue; // a space
                    }
                    Kind::Punct
                }
            }
        };
        out.push(Tok { start, end: i, kind });
        // Most tokens are followed by one plain space.
        if bytes.get(i) == Some(&b' ') {
            i += 1;
        }
    }
}

/// The end of the word continuing at `i` in `bytes` (the text up to where tokenizing
/// stops; `whole` is all of it, read eight bytes at a time): ASCII letters and
/// non-ASCII letters.
#[inline(always)]
fn word_end(bytes: &[u8], whole: &[u8], mut i: usize) -> usize {
    loop {
        let w = match whole.get(i..i + 8) {
            Some(chunk) => <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes),
            // Past the end, `load8` reads zeros, which are not letters.
            None => load8(whole, i),
        };
        let n = (!letter_mask(w) & HIGHS).trailing_zeros() as usize / 8;
        if i + n >= bytes.len() {
            // The letters reach the end of `bytes`, which cuts the word.
            return bytes.len();
        }
        i += n;
        if n == 8 {
            continue;
        }
        // `bytes[i]` is not an ASCII letter.
        match bytes.get(i) {
            Some(&b) if b >= 0x80 && separator_len(&bytes[i..]) == 0 => {
                // The whole multi-byte character.
                i += 1;
                while i < bytes.len() && (bytes[i] & 0xC0) == 0x80 {
                    i += 1;
                }
            }
            _ => return i,
        }
    }
}

/// Appends the triggers of `text` to `out`, in order: byte spans where the grammar is
/// tried.
///
/// One pass reads the text 64 bytes at a time into a bit mask of its ASCII letters and
/// digits (one bit a byte, see [`alnum_bits`]) and visits the start of each run of them.
/// One bit of a table on the run's first three bytes ([`Lexicon::may_start`]) rules
/// out most runs (nine in ten) without finding where they end. The rest pass a second
/// filter on their first two and last bytes and length ([`may_trigger`]), and a run is
/// a trigger when it stands alone (no letter or digit of any script glued to it) and is
/// - a word that the lexicon marks as a trigger (a month, a unit, "today"), looked up
///   in place, but for a lowercase "may" or "march" that no word before joins to an
///   expression;
/// - a quarter or half code ("Q3", "H1"), or "FY" glued to a number ("FY2026");
/// - a number that may start an expression (see [`number_may_start`]; not a plain
///   amount such as "4.5%") and is not the tail of a decimal ("2.5", "1,000").
pub(crate) fn triggers(text: &str, lex: &Lexicon, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    // Whether the byte before the chunk is a letter or digit.
    let mut carry = 0u64;
    let mut o = 0;
    // The text's last bytes, padded with zeros (never alphanumeric), which end the last
    // run.
    let mut padded = [0u8; 72];
    loop {
        // The chunk and the eight bytes after it, read in place but near the end.
        let buf: &[u8; 72] = match bytes.get(o..o + 72).and_then(|c| c.try_into().ok()) {
            Some(buf) => buf,
            None => {
                let rest = bytes.get(o..).unwrap_or_default();
                let k = rest.len().min(72);
                padded[..k].copy_from_slice(&rest[..k]);
                padded[k..].fill(0);
                &padded
            }
        };
        let chunk: &[u8; 64] = buf[..64].try_into().unwrap_or(&[0; 64]);
        let m = alnum_bits(chunk);
        let mut starts = m & !(m << 1 | carry);
        carry = m >> 63;
        while starts != 0 {
            let i = (starts.trailing_zeros() & 63) as usize;
            starts &= starts - 1;
            if !lex.may_start(buf[i], buf[i + 1], buf[i + 2]) {
                continue;
            }
            // The run's end: in the chunk, or in a later one.
            let s = o + i;
            let n = (!(m >> i)).trailing_zeros() as usize;
            let e = if i + n < 64 { s + n } else { run_end(bytes, o + 64) };
            if may_trigger(bytes, lex, s, e) {
                if let Some(t) = trigger(text, lex, s, e) {
                    out.push(t);
                }
            }
        }
        if o + 64 > bytes.len() {
            return;
        }
        o += 64;
    }
}

/// The end of the run of ASCII letters and digits that goes on at `i`.
#[cold]
#[inline(never)]
fn run_end(bytes: &[u8], i: usize) -> usize {
    alnum_run_end(bytes, i, bytes.len())
}

/// A cheap filter on the run of ASCII letters and digits `s..e`: numbers pass, and
/// runs shaped like a trigger word or code (first two and last bytes and length, see
/// [`Lexicon::may_trigger`]).
fn may_trigger(bytes: &[u8], lex: &Lexicon, s: usize, e: usize) -> bool {
    match bytes.get(s..e) {
        Some(&[first, ..]) if first.is_ascii_digit() => true,
        Some(&[first, second, ref rest @ ..]) => {
            lex.may_trigger(first, second, rest.last().copied().unwrap_or(second), e - s)
        }
        _ => false,
    }
}

/// The trigger in the run of ASCII letters and digits `s..e`, if any.
fn trigger(text: &str, lex: &Lexicon, s: usize, e: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    // Not after a non-ASCII letter or digit.
    if s > 0 && bytes[s - 1] >= 0x80 && alphanumeric_before(text, s) {
        return None;
    }
    let first = bytes[s];
    if first.is_ascii_digit() {
        // "2.5", "1,000": the digits after the separator are not a new number.
        let tail = s >= 2 && matches!(bytes[s - 1], b'.' | b',') && bytes[s - 2].is_ascii_digit();
        return (!tail && number_may_start(bytes, s, lex)).then_some((s, s + 1));
    }
    let n = e - s;
    let second = bytes.get(s + 1).copied().unwrap_or(0);
    if n == 2 && second.is_ascii_digit() {
        // "Q3", "H1"
        let code = match first | 0x20 {
            b'q' => (b'1'..=b'4').contains(&second),
            b'h' => (b'1'..=b'2').contains(&second),
            _ => false,
        };
        return (code && !alphanumeric_at(text, e)).then_some((s, e));
    }
    if n > 2 && bytes[s..s + 2].eq_ignore_ascii_case(b"fy") && bytes[s + 2].is_ascii_digit() {
        return Some((s, s + 2)); // "FY2026"
    }
    // A whole word (a run with digits is in no entry).
    if alphanumeric_at(text, e) {
        return None;
    }
    let id = lex.id_at(bytes, s, e)?;
    let word = lex.entry(id);
    // "it may rain", "to march on": no month (see `Parser::month`).
    let verb = bytes[s].is_ascii_lowercase()
        && only_capitalized_month(word)
        && nothing_joins_before(bytes, s, lex);
    (word.trigger && !verb).then_some((s, e))
}

/// Whether the word is a month only when capitalized ("May", "March") and has no other
/// role in the grammar but a tense or a holiday's first word (holidays are capitalized
/// too), so that in lowercase no expression starts at it.
fn only_capitalized_month(word: &Word) -> bool {
    word.month.is_some()
        && word.month_cap
        && word.modifier == Default::default()
        && word.number.is_none()
        && word.ordinal.is_none()
        && word.weekday.is_none()
        && word.unit.is_none()
        && word.part.is_none()
        && word.deictic.is_none()
        && word.reference.is_none()
        && word.season.is_none()
        && word.set.is_none()
}

/// Whether the character at `i`, after a run of ASCII letters and digits, is a letter
/// or digit of another script.
fn alphanumeric_at(text: &str, i: usize) -> bool {
    text.as_bytes().get(i).is_some_and(|&b| b >= 0x80)
        && text[i..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Whether the character before `i` is alphanumeric.
fn alphanumeric_before(text: &str, i: usize) -> bool {
    text[..i].chars().next_back().is_some_and(char::is_alphanumeric)
}

/// A quick look at the bytes after a number at `s`: only a year, a number glued to a
/// date or time separator or suffix ("30-day", "8:30", "3/11", "11th") that is not
/// [`plain_amount`], or a number followed by a grammar word ("two weeks", "11 March",
/// "8 p.m.") can start an expression. Most numbers in news ("$5 billion", "40 people",
/// "4.5%", "$600m") are passed over without tokenizing their line.
fn number_may_start(bytes: &[u8], s: usize, lex: &Lexicon) -> bool {
    let end = s + bytes[s..].iter().take_while(|b| b.is_ascii_digit()).count();
    if end - s == 4 {
        return true;
    }
    match bytes.get(end) {
        Some(b':' | b'/') => return true,
        Some(b) if *b == b'-' || *b == b'.' || b.is_ascii_alphabetic() => {
            return !plain_amount(bytes, s, end, lex);
        }
        Some(b' ') => {}
        _ => return false,
    }
    let word = end + 1;
    let len = bytes[word..].iter().take(17).take_while(|b| b.is_ascii_alphabetic()).count();
    lex.id_at(bytes, word, word + len).is_some()
        || (1..=2).contains(&len) && matches!(bytes[word] | 0x20, b'a' | b'p')
}

/// Whether the number `s..end` (not a year's four digits) is plainly an amount that no
/// expression starts at or takes in: what follows it is an amount's ([`amount_tail`])
/// and nothing before it joins an expression ([`nothing_joins_before`]), so that the
/// grammar would try it alone and find nothing.
fn plain_amount(bytes: &[u8], s: usize, end: usize, lex: &Lexicon) -> bool {
    end - s != 4 && amount_tail(bytes, end, lex) && nothing_joins_before(bytes, s, lex)
}

/// Words after a number that the grammar reads with it in context: ordinal suffixes,
/// "and" ("two and a half"), and a.m. and p.m.
const NUMBER_WORDS: [u64; 9] = [
    key("st"),
    key("nd"),
    key("rd"),
    key("th"),
    key("and"),
    key("a"),
    key("am"),
    key("p"),
    key("pm"),
];

/// Whether what follows the digits ending at `end` makes them an amount that no rule
/// on a number takes (see `Parser::numeric`, `Parser::ordinal_period` and
/// `Parser::quantity_phrase`):
/// - a glued word the grammar does not know ("600m", "10bn");
/// - a period and no digit ("rose to 80.");
/// - a decimal and a percent sign, a mark, or a word that is no unit, glued or after
///   spaces ("4.5%", "1.5bn", "2.25 million");
/// - a hyphen and a glued word that is no unit ("60-employee"), or an age
///   ("32-year-old").
fn amount_tail(bytes: &[u8], end: usize, lex: &Lexicon) -> bool {
    // The whole word at `i..e` is none of the number words and no unit.
    let no_unit = |i: usize, e: usize| {
        let (k, word) = word_at(bytes, i, e, lex);
        !NUMBER_WORDS.contains(&k) && word.is_none_or(|w| w.unit.is_none())
    };
    match bytes.get(end) {
        Some(b) if b.is_ascii_alphabetic() => ascii_word_end(bytes, end).is_some_and(|e| {
            let (k, word) = word_at(bytes, end, e, lex);
            word.is_none() && !NUMBER_WORDS.contains(&k)
        }),
        Some(b'.') => {
            let places = bytes[end + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
            let x = end + 1 + places;
            if places == 0 {
                return true;
            }
            // The token after the decimal.
            let y = x + bytes[x..].iter().take_while(|&&b| is_space(b)).count();
            match bytes.get(y) {
                None => true,
                // "1.2.3", "1.5-hour"
                Some(b'.') if y == x => !bytes.get(x + 1).is_some_and(u8::is_ascii_digit),
                Some(b'-') if y == x => false,
                Some(b) if b.is_ascii_alphabetic() => {
                    ascii_word_end(bytes, y).is_some_and(|e| no_unit(y, e))
                }
                Some(&b) => b < 0x80,
            }
        }
        Some(b'-') => ascii_word_end(bytes, end + 1).is_some_and(|e| {
            let age = bytes.get(e) == Some(&b'-')
                && ascii_word_end(bytes, e + 1)
                    .is_some_and(|o| bytes[e + 1..o].eq_ignore_ascii_case(b"old"));
            age || no_unit(end + 1, e)
        }),
        _ => false,
    }
}

/// Whether the tokens before the number at `s` join no expression that may take it in
/// (see `Parser::leftmost`): the first token before it that joins nothing is none, a
/// mark other than a hyphen, an apostrophe, a comma or a slash, a pound or euro sign
/// glued to the number, or a word that joins nothing ([`word_joins`]; "'s" and "and"
/// may), and the words between are joiners outside the lexicon ("of", "the", "up to"),
/// at which no expression starts when a word or number follows.
fn nothing_joins_before(bytes: &[u8], s: usize, lex: &Lexicon) -> bool {
    let mut s = s;
    loop {
        let p = s - bytes[..s].iter().rev().take_while(|&&b| is_space(b)).count();
        let Some(&b) = p.checked_sub(1).and_then(|i| bytes.get(i)) else { return true };
        if !b.is_ascii_alphabetic() {
            return mark_joins_nothing(bytes, s, p, b);
        }
        let start = p - bytes[..p].iter().rev().take_while(|b| b.is_ascii_alphabetic()).count();
        // A non-ASCII letter before would be part of the word.
        if start > 0 && bytes[start - 1] >= 0x80 {
            return false;
        }
        let (k, word) = word_at(bytes, start, p, lex);
        if word.is_none() && LEFT_JOINERS.contains(&k) {
            s = start;
            continue;
        }
        return k != key("s") && k != key("and") && !word_joins(k, word);
    }
}

/// Whether the token ending at `p` before the number or word at `s`, which ends in
/// `b` and is not a word of ASCII letters, joins nothing (see [`nothing_joins_before`]).
fn mark_joins_nothing(bytes: &[u8], s: usize, p: usize, b: u8) -> bool {
    if b >= 0x80 {
        // "£5m": the sign is a word of its own when no letter comes before it.
        let sign = ["£", "€"].iter().find(|c| bytes[..p].ends_with(c.as_bytes()));
        return p == s
            && sign.is_some_and(|c| {
                let i = p - c.len();
                i == 0 || bytes[i - 1] < 0x80 && !bytes[i - 1].is_ascii_alphabetic()
            });
    }
    !b.is_ascii_digit() && !matches!(b, b'-' | b'\'' | b',' | b'/')
}

/// Whether `b` is an ASCII space the tokenizer skips (a line break is a token).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | 0x0C)
}

/// The end of the word of ASCII letters at `i` when it is a whole token: its letters
/// end at an ASCII byte (a non-ASCII letter would go on with them) or at the end of the
/// text.
fn ascii_word_end(bytes: &[u8], i: usize) -> Option<usize> {
    let e = i + bytes[i..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
    (e > i && bytes.get(e).is_none_or(|&b| b < 0x80)).then_some(e)
}

/// The grammar's view of the word `bytes[s..e]`: its key (see [`key`]; 0 past eight
/// bytes) and its lexicon entry.
fn word_at<'l>(bytes: &[u8], s: usize, e: usize, lex: &'l Lexicon) -> (u64, Option<&'l Word>) {
    let k = if e - s <= 8 { lower8(low_bytes(load8(bytes, s), e - s)) } else { 0 };
    (k, lex.id_at(bytes, s, e).map(|id| lex.entry(id)))
}

#[cfg(test)]
mod tests {
    use core::cell::Cell;

    use super::{
        Kind, nothing_joins_before, only_capitalized_month, plain_amount, tokenize, trigger,
        triggers,
    };
    use crate::date::grammar::Parser;
    use crate::date::lexicon::Lexicon;

    /// The triggers by definition: every run of ASCII letters and digits that
    /// [`trigger`] takes, with no filter before it.
    fn every_run(text: &str, lex: &Lexicon) -> Vec<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let s = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i > s {
                out.extend(trigger(text, lex, s, i));
            } else {
                i += 1;
            }
        }
        out
    }

    /// The filters of the scan drop no trigger, wherever the 64-byte chunks cut.
    #[test]
    fn scan_finds_every_trigger() {
        let lex = Lexicon::new();
        let words = "Monday TUESDAY wed. Sept sept 11th 2025-03-11 30-day fortnights Fridays \
            yesterday tonight Christmas FY2026 fy26 Fy Q3 q4 H1 h2 Q5 hr yrs 5pm 8:30 3/11 1,000 \
            2.5 years nineteen ninety-six thousand spring autumn daily quarterly now recently \
            may March mar. decade centuries half period future past midday noon overnight \
            the for that than more after over market 600m 1.13bn 6.4% é2025 Tuesdayé x1 \
            2025\u{2019}s";
        let article = include_str!("../../examples/data/article.txt");
        for pad in 0..70 {
            let text = format!("{}{words}", "x ".repeat(pad / 2) + &" ".repeat(pad % 2));
            assert_eq!(triggers_of(&text, &lex), every_run(&text, &lex), "pad {pad}");
        }
        assert_eq!(triggers_of(article, &lex), every_run(article, &lex));
        let long = "2025".repeat(40) + " Tuesday" + &"a".repeat(100) + " 7";
        assert_eq!(triggers_of(&long, &lex), every_run(&long, &lex));
    }

    /// Every number the scan passes over as a plain amount, and every lowercase "may"
    /// or "march" it passes over, is one the grammar finds nothing at: with the tokens
    /// of the whole text, no expression from as far back as it may start covers it.
    #[test]
    fn passed_over_words_start_nothing() {
        let lex = Lexicon::new();
        let cases = "Sales rose 4.5% to $600m (£1.13bn), up 4.5% on 2.25 million units; \
            the 32-year-old sold 60-employee firms for 10bn yen and 800m euros. It fell to \
            80. Then 1.5 years, 3.30 pm, 3.30pm, 8.30 a.m., 30-day, 1.5-hour, 2.5yrs, 11th, \
            5pm, 12.5 PM, on 3/11, 1.2.3, (4.5%), \u{201c}£5m, 14-19, Tuesday 3.5%, March 3.5%, \
            fiscal 12.5%, about 2.5 weeks, the 30-year-old, a 16.4% rise, 24hrs, 7days, \
            20m-year, 40-odd years, 2 1/2 years, 1,000.5 days and 9.75%. It sold 30-day bills \
            and saw 2.5 yrs pass; 8.30 pm came. It went from 11.2% to 9.6% last month, \
            up to 1.4m workers, prices of 7.1% at $31.22. or the 4.5% rise, of the 30-day \
            bills, up to 20m-year, the 8.30 pm and the 2.5 years. It may rain; they march \
            on, may. On 5 may 2025, the may 5 vote, troops march 3 miles, of may.";
        let article = include_str!("../../examples/data/article.txt");
        let local = include_str!("../../examples/data/local_news.txt");
        let mut passed_over = 0;
        for text in [cases, article, local] {
            let bytes = text.as_bytes();
            let mut toks = Vec::new();
            tokenize(text, 0, text.len(), &mut toks);
            let memo = vec![Cell::new(0); toks.len()];
            let edge = Cell::new(false);
            let parser = Parser { text, toks: &toks, lex: &lex, memo: &memo, edge: &edge };
            for (head, t) in toks.iter().enumerate() {
                let tail = t.start >= 2
                    && matches!(bytes[t.start - 1], b'.' | b',')
                    && bytes[t.start - 2].is_ascii_digit();
                let amount =
                    t.kind == Kind::Num && !tail && plain_amount(bytes, t.start, t.end, &lex);
                let verb = t.kind == Kind::Word
                    && bytes[t.start].is_ascii_lowercase()
                    && lex
                        .id_at(bytes, t.start, t.end)
                        .is_some_and(|id| only_capitalized_month(lex.entry(id)))
                    && nothing_joins_before(bytes, t.start, &lex);
                if amount || verb {
                    passed_over += 1;
                    let parsed = parser.parse_covering(parser.leftmost(head), head);
                    assert_eq!(parsed, None, "{:?}", &text[t.start..(t.end + 12).min(text.len())]);
                }
            }
        }
        assert!(passed_over >= 6, "{passed_over}");
    }

    fn triggers_of(text: &str, lex: &Lexicon) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        triggers(text, lex, &mut out);
        out
    }
}
