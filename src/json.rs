//! JSON output without serde: [`Analysis::write_json`] appends one analysis as compact JSON
//! to a byte buffer.
//!
//! It consumes an [`Analysis`] and produces exactly the bytes `serde_json::to_writer` writes
//! for it with the `serde` feature: the same field order, the same skipped fields (`tokens`
//! when empty, an actor's `sector` when `None` and `roles` when empty), `null` for `None`,
//! lowercase enum names, spans flattened into their records (`"start":..,"end":..`) or
//! nested where a record holds one as a field, dates as their ISO or TIMEX3 strings, and
//! serde_json's string escaping (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other bytes
//! below 0x20 as `\u00xx`, everything else raw). It needs no feature.
//!
//! Every record type has a [`Json`] writer that appends its object: keys and enum names are
//! pre-built byte fragments with their punctuation (`,"kind":"person","country":`), integers
//! are split into eight digit lanes of a `u64` without a loop and appended in one fixed
//! eight-byte copy that is then trimmed, and strings are checked and copied a word at a
//! time while no byte needs an escape. The serde path costs about eighteen instructions per
//! output byte on the corpus (127M instructions for 7.1 MB); this one about four and a half
//! (32M).

use core::fmt::Display;
use std::io::Write;

use crate::Span;
use crate::accusation::{Accusation, AccusationKind, DateSource};
use crate::actor::{Actor, ActorKind, Found, Mention, MentionForm, Role};
use crate::analysis::Analysis;
use crate::ascii::{ONES, low_bytes, zero_bytes};
use crate::date::{DateMention, TimexKind};
use crate::event::{Event, Modality};
use crate::quote::{Quote, QuoteKind};
use crate::segment::{Paragraph, ParagraphKind, Sentence, Token};

impl Analysis {
    /// Appends the analysis to `out` as one line of compact JSON, without the newline.
    ///
    /// The bytes are exactly those `serde_json::to_writer` writes for the analysis with the
    /// `serde` feature (the evaluation protocol's shape), but this method needs no feature
    /// and is several times faster. It never fails: appending to a `Vec` cannot.
    ///
    /// ```
    /// use newsextract::{Analysis, Extractor};
    ///
    /// let mut out = Vec::new();
    /// Analysis::default().write_json(&mut out);
    /// assert_eq!(
    ///     String::from_utf8_lossy(&out),
    ///     r#"{"id":null,"published":null,"paragraphs":[],"sentences":[],"actors":[],"dates":[],"quotes":[],"accusations":[],"events":[]}"#,
    /// );
    ///
    /// out.clear();
    /// Extractor::new().extract("Talks ended.").write_json(&mut out);
    /// assert!(out.starts_with(
    ///     br#"{"id":null,"published":null,"paragraphs":[{"start":0,"end":12,"kind":"body"}],"sentences":[{"start":0,"end":12,"paragraph":0}],"#
    /// ));
    /// ```
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"id\":");
        option(out, self.id.as_deref());
        out.extend_from_slice(b",\"published\":");
        match &self.published {
            Some(date) => display(out, date),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"paragraphs\":");
        array(out, &self.paragraphs);
        out.extend_from_slice(b",\"sentences\":");
        array(out, &self.sentences);
        if !self.tokens.is_empty() {
            out.extend_from_slice(b",\"tokens\":");
            array(out, &self.tokens);
        }
        out.extend_from_slice(b",\"actors\":");
        array(out, &self.actors);
        out.extend_from_slice(b",\"dates\":");
        array(out, &self.dates);
        out.extend_from_slice(b",\"quotes\":");
        array(out, &self.quotes);
        out.extend_from_slice(b",\"accusations\":");
        array(out, &self.accusations);
        out.extend_from_slice(b",\"events\":");
        array(out, &self.events);
        out.push(b'}');
    }
}

/// A value that appends itself to a buffer as JSON.
trait Json {
    /// Appends `self` as JSON.
    fn write(&self, out: &mut Vec<u8>);
}

/// Appends `items` as a JSON array.
fn array<T: Json>(out: &mut Vec<u8>, items: &[T]) {
    out.push(b'[');
    let mut comma = false;
    for item in items {
        if comma {
            out.push(b',');
        }
        comma = true;
        item.write(out);
    }
    out.push(b']');
}

/// Appends `value`, or `null` for `None`.
fn option<T: Json + ?Sized>(out: &mut Vec<u8>, value: Option<&T>) {
    match value {
        Some(value) => value.write(out),
        None => out.extend_from_slice(b"null"),
    }
}

/// The start and end of a span as the first two fields of an object, opening brace
/// included: `{"start":1,"end":5`.
#[inline]
fn span_fields(out: &mut Vec<u8>, span: Span) {
    out.extend_from_slice(b"{\"start\":");
    uint(out, span.start);
    out.extend_from_slice(b",\"end\":");
    uint(out, span.end);
}

impl Json for Span {
    fn write(&self, out: &mut Vec<u8>) {
        span_fields(out, *self);
        out.push(b'}');
    }
}

impl Json for str {
    fn write(&self, out: &mut Vec<u8>) {
        out.push(b'"');
        escaped(out, self.as_bytes());
        out.push(b'"');
    }
}

impl Json for String {
    fn write(&self, out: &mut Vec<u8>) {
        self.as_str().write(out);
    }
}

impl Json for usize {
    fn write(&self, out: &mut Vec<u8>) {
        uint(out, *self);
    }
}

impl Json for Paragraph {
    fn write(&self, out: &mut Vec<u8>) {
        span_fields(out, self.span);
        match self.kind {
            ParagraphKind::Body => out.extend_from_slice(b",\"kind\":\"body\"}"),
            ParagraphKind::Headline => out.extend_from_slice(b",\"kind\":\"headline\"}"),
            ParagraphKind::Byline => out.extend_from_slice(b",\"kind\":\"byline\"}"),
            ParagraphKind::Dateline => out.extend_from_slice(b",\"kind\":\"dateline\"}"),
            ParagraphKind::Bullet => out.extend_from_slice(b",\"kind\":\"bullet\"}"),
        }
    }
}

impl Json for Sentence {
    fn write(&self, out: &mut Vec<u8>) {
        span_fields(out, self.span);
        out.extend_from_slice(b",\"paragraph\":");
        uint(out, self.paragraph);
        out.push(b'}');
    }
}

impl Json for Token {
    fn write(&self, out: &mut Vec<u8>) {
        self.span.write(out);
    }
}

impl Json for Actor {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"id\":");
        self.id.write(out);
        out.extend_from_slice(b",\"name\":");
        self.name.write(out);
        match self.kind {
            ActorKind::Person => out.extend_from_slice(b",\"kind\":\"person\",\"country\":"),
            ActorKind::Country => out.extend_from_slice(b",\"kind\":\"country\",\"country\":"),
            ActorKind::Government => {
                out.extend_from_slice(b",\"kind\":\"government\",\"country\":")
            }
            ActorKind::Organization => {
                out.extend_from_slice(b",\"kind\":\"organization\",\"country\":")
            }
            ActorKind::Location => out.extend_from_slice(b",\"kind\":\"location\",\"country\":"),
            ActorKind::Group => out.extend_from_slice(b",\"kind\":\"group\",\"country\":"),
        }
        option(out, self.country.as_deref());
        if let Some(sector) = &self.sector {
            out.extend_from_slice(b",\"sector\":");
            sector.write(out);
        }
        if !self.roles.is_empty() {
            out.extend_from_slice(b",\"roles\":");
            array(out, &self.roles);
        }
        out.extend_from_slice(b",\"mentions\":");
        array(out, &self.mentions);
        out.push(b'}');
    }
}

impl Json for Role {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"title\":");
        self.title.write(out);
        out.extend_from_slice(b",\"country\":");
        option(out, self.country.as_deref());
        out.extend_from_slice(b",\"sector\":");
        option(out, self.sector.as_deref());
        for (key, date) in [(&b",\"from\":"[..], self.from), (&b",\"to\":"[..], self.to)] {
            out.extend_from_slice(key);
            match date {
                Some(date) => display(out, &date),
                None => out.extend_from_slice(b"null"),
            }
        }
        out.push(b'}');
    }
}

impl Json for Mention {
    fn write(&self, out: &mut Vec<u8>) {
        span_fields(out, self.span);
        out.extend_from_slice(b",\"sentence\":");
        uint(out, self.sentence);
        match self.form {
            MentionForm::Name => out.extend_from_slice(b",\"form\":\"name\",\"found\":"),
            MentionForm::Alias => out.extend_from_slice(b",\"form\":\"alias\",\"found\":"),
            MentionForm::Demonym => out.extend_from_slice(b",\"form\":\"demonym\",\"found\":"),
            MentionForm::Metonym => out.extend_from_slice(b",\"form\":\"metonym\",\"found\":"),
            MentionForm::Nominal => out.extend_from_slice(b",\"form\":\"nominal\",\"found\":"),
            MentionForm::Pronoun => out.extend_from_slice(b",\"form\":\"pronoun\",\"found\":"),
        }
        match self.found {
            Found::Gazetteer => out.extend_from_slice(b"\"gazetteer\"}"),
            Found::Pattern => out.extend_from_slice(b"\"pattern\"}"),
            Found::Alias => out.extend_from_slice(b"\"alias\"}"),
            Found::Pronoun => out.extend_from_slice(b"\"pronoun\"}"),
            Found::Metonym => out.extend_from_slice(b"\"metonym\"}"),
            Found::Nominal => out.extend_from_slice(b"\"nominal\"}"),
        }
    }
}

impl Json for DateMention {
    fn write(&self, out: &mut Vec<u8>) {
        span_fields(out, self.span);
        out.extend_from_slice(b",\"sentence\":");
        uint(out, self.sentence);
        match self.kind {
            TimexKind::Date => out.extend_from_slice(b",\"kind\":\"date\",\"value\":"),
            TimexKind::Time => out.extend_from_slice(b",\"kind\":\"time\",\"value\":"),
            TimexKind::Duration => out.extend_from_slice(b",\"kind\":\"duration\",\"value\":"),
            TimexKind::Set => out.extend_from_slice(b",\"kind\":\"set\",\"value\":"),
        }
        display(out, &self.value);
        out.push(b'}');
    }
}

impl Json for Quote {
    fn write(&self, out: &mut Vec<u8>) {
        span_fields(out, self.span);
        match self.kind {
            QuoteKind::Direct => out.extend_from_slice(b",\"kind\":\"direct\",\"speaker\":"),
            QuoteKind::Partial => out.extend_from_slice(b",\"kind\":\"partial\",\"speaker\":"),
            QuoteKind::Indirect => out.extend_from_slice(b",\"kind\":\"indirect\",\"speaker\":"),
        }
        option(out, self.speaker.as_deref());
        out.extend_from_slice(b",\"speaker_span\":");
        option(out, self.speaker_span.as_ref());
        out.extend_from_slice(b",\"cue\":");
        option(out, self.cue.as_ref());
        out.extend_from_slice(b",\"sentence\":");
        uint(out, self.sentence);
        out.push(b'}');
    }
}

/// The `date_source` field's value: `"expression"`, `"publication"` or `null`.
fn date_source(source: Option<DateSource>) -> &'static [u8] {
    match source {
        Some(DateSource::Expression) => b"\"expression\"",
        Some(DateSource::Publication) => b"\"publication\"",
        None => b"null",
    }
}

impl Json for Accusation {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"accuser\":");
        array(out, &self.accuser);
        out.extend_from_slice(b",\"accused\":");
        array(out, &self.accused);
        out.extend_from_slice(b",\"allegation\":");
        option(out, self.allegation.as_ref());
        out.extend_from_slice(b",\"cue\":");
        self.cue.write(out);
        out.extend_from_slice(b",\"sentence\":");
        uint(out, self.sentence);
        if self.negated {
            out.extend_from_slice(b",\"negated\":true,\"kind\":");
        } else {
            out.extend_from_slice(b",\"negated\":false,\"kind\":");
        }
        match self.kind {
            AccusationKind::Accusation => out.extend_from_slice(b"\"accusation\",\"date\":"),
            AccusationKind::Criticism => out.extend_from_slice(b"\"criticism\",\"date\":"),
        }
        option(out, self.date.as_deref());
        out.extend_from_slice(b",\"date_source\":");
        out.extend_from_slice(date_source(self.date_source));
        out.extend_from_slice(b",\"quote\":");
        option(out, self.quote.as_ref());
        out.push(b'}');
    }
}

impl Json for Event {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"type\":");
        option(out, self.plover);
        out.extend_from_slice(b",\"code\":");
        self.code.write(out);
        out.extend_from_slice(b",\"mode\":");
        option(out, self.mode.as_deref());
        match self.modality {
            Modality::Asserted => out.extend_from_slice(b",\"modality\":\"asserted\",\"source\":"),
            Modality::Agreed => out.extend_from_slice(b",\"modality\":\"agreed\",\"source\":"),
            Modality::Future => out.extend_from_slice(b",\"modality\":\"future\",\"source\":"),
            Modality::Refused => out.extend_from_slice(b",\"modality\":\"refused\",\"source\":"),
            Modality::Threatened => {
                out.extend_from_slice(b",\"modality\":\"threatened\",\"source\":")
            }
            Modality::Requested => {
                out.extend_from_slice(b",\"modality\":\"requested\",\"source\":")
            }
        }
        array(out, &self.source);
        out.extend_from_slice(b",\"target\":");
        array(out, &self.target);
        out.extend_from_slice(b",\"date\":");
        option(out, self.date.as_deref());
        out.extend_from_slice(b",\"date_source\":");
        out.extend_from_slice(date_source(self.date_source));
        if self.negated {
            out.extend_from_slice(b",\"negated\":true,\"trigger\":");
        } else {
            out.extend_from_slice(b",\"negated\":false,\"trigger\":");
        }
        self.trigger.write(out);
        out.extend_from_slice(b",\"sentence\":");
        uint(out, self.sentence);
        out.extend_from_slice(b",\"quote\":");
        option(out, self.quote.as_ref());
        out.extend_from_slice(b",\"accusation\":");
        option(out, self.accusation.as_ref());
        out.push(b'}');
    }
}

/// Appends `n` in decimal.
///
/// Eight digits at a time without a loop or a table: the number's value below 10^8 is
/// split into eight one-digit byte lanes of a `u64` (two four-digit halves, then four
/// two-digit quarters, then the digits, each split a multiply and a shift), the leading
/// zero lanes are shifted out, and all eight bytes are appended in one fixed-size copy
/// whose unused tail is cut off again. Larger numbers write their high part first.
#[inline]
fn uint(out: &mut Vec<u8>, n: usize) {
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    if n >= 100_000_000 {
        large(out, n as u64);
        return;
    }
    let lanes = digit_lanes(n as u32);
    // `n >= 10`: the last lane that is not a leading zero is one of the first seven.
    let leading = (lanes.trailing_zeros() / 8) as usize;
    let digits = (lanes >> (8 * leading)) | (ONES * u64::from(b'0'));
    let len = out.len();
    out.extend_from_slice(&digits.to_le_bytes());
    out.truncate(len + 8 - leading);
}

/// Appends `n`, 10^8 or more: its high part, then eight digits with leading zeros.
#[cold]
fn large(out: &mut Vec<u8>, n: u64) {
    let high = n / 100_000_000;
    if high >= 100_000_000 {
        large(out, high);
    } else {
        uint(out, high as usize);
    }
    let low = digit_lanes((n % 100_000_000) as u32) | (ONES * u64::from(b'0'));
    out.extend_from_slice(&low.to_le_bytes());
}

/// The eight decimal digits of `n` (below 10^8, with leading zeros) as the bytes 0 to 9
/// of a little-endian `u64`, most significant digit first.
#[inline]
fn digit_lanes(n: u32) -> u64 {
    // Two 32-bit lanes of four digits each, the high half in the low lane.
    let x = u64::from(n / 10_000) | (u64::from(n % 10_000) << 32);
    // Each lane v < 10^4 into 16-bit lanes (v / 100, v % 100): v * 5243 >> 19 is v / 100
    // for every v below 43,699, and v * 5243 < 2^32 keeps the lanes apart.
    let high = ((x * 5243) >> 19) & 0x0000_007F_0000_007F;
    let x = high | ((x - high * 100) << 16);
    // Each lane v < 100 into bytes (v / 10, v % 10): v * 103 >> 10 is v / 10 below 179.
    let high = ((x * 103) >> 10) & 0x000F_000F_000F_000F;
    high | ((x - high * 10) << 8)
}

/// What follows the backslash in serde_json's escape of each byte: `0` for bytes written
/// as they are, `u` for `\u00xx`.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Appends the contents of a JSON string holding `bytes` (no quotes).
///
/// Eight bytes at a time: each word is checked for bytes that need an escape and appended
/// in one fixed-size copy; the last, partial word is read as a whole (the string's last
/// eight bytes shifted, or its bytes one by one when it is shorter), appended whole and
/// trimmed. From the first word that needs an escape on, [`escaped_from`] takes over.
fn escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut chunks = bytes.chunks_exact(8);
    for (i, chunk) in chunks.by_ref().enumerate() {
        let chunk: [u8; 8] = chunk.try_into().unwrap_or_default();
        if escapes(u64::from_le_bytes(chunk)) != 0 {
            return escaped_from(out, bytes, 8 * i);
        }
        out.extend_from_slice(&chunk);
    }
    let rest = chunks.remainder();
    if rest.is_empty() {
        return;
    }
    let tail = match bytes.len().checked_sub(8).and_then(|at| bytes.get(at..)) {
        Some(last) => {
            let last: [u8; 8] = last.try_into().unwrap_or_default();
            u64::from_le_bytes(last) >> (8 * (8 - rest.len()))
        }
        None => rest.iter().rev().fold(0, |w, &b| (w << 8) | u64::from(b)),
    };
    if low_bytes(escapes(tail), rest.len()) != 0 {
        return escaped_from(out, bytes, bytes.len() - rest.len());
    }
    let len = out.len();
    out.extend_from_slice(&tail.to_le_bytes());
    out.truncate(len + rest.len());
}

/// Appends the contents of a JSON string holding `bytes[from..]`, byte by byte: each run
/// of bytes that needs no escape is copied in one piece.
fn escaped_from(out: &mut Vec<u8>, bytes: &[u8], from: usize) {
    let mut run = from;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        let escape = ESCAPE[usize::from(b)];
        if escape == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[run..i]);
        run = i + 1;
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let b = usize::from(b);
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[b >> 4], HEX[b & 0xF]]);
        } else {
            out.extend_from_slice(&[b'\\', escape]);
        }
    }
    out.extend_from_slice(&bytes[run..]);
}

/// The flag (0x80) of each byte of `w` that needs an escape: below 0x20, `"` or `\`.
#[inline]
fn escapes(w: u64) -> u64 {
    zero_bytes(w & (ONES * 0xE0)) | zero_bytes(w ^ (ONES * 0x22)) | zero_bytes(w ^ (ONES * 0x5C))
}

/// Appends `value`'s `Display` text as a JSON string, as serde's `collect_str` does (dates
/// and TIMEX3 values): written in place, and escaped afterwards only if it needs it.
fn display(out: &mut Vec<u8>, value: &impl Display) {
    out.push(b'"');
    let at = out.len();
    // Never fails: `Vec` accepts every write and these `Display`s do not fail.
    let _ = write!(out, "{value}");
    if out[at..].iter().any(|&b| ESCAPE[usize::from(b)] != 0) {
        let raw = out.split_off(at);
        escaped_from(out, &raw, 0);
    }
    out.push(b'"');
}

#[cfg(all(test, feature = "serde"))]
mod tests;
