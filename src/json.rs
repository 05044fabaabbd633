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
//! Every record type has a [`Json`] writer that appends its object: keys are pre-built
//! byte fragments with their punctuation (`,"end":`), integers go through a two-digits-at-a-
//! time routine that appends a fixed eight bytes and trims, and strings copy each run of
//! bytes that needs no escape in one piece. The serde path costs about twelve instructions
//! per output byte; this one a fraction of that.

use core::fmt::Display;
use std::io::Write;

use crate::Span;
use crate::accusation::{Accusation, AccusationKind, DateSource};
use crate::actor::{Actor, ActorKind, Found, Mention, MentionForm, Role};
use crate::analysis::Analysis;
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
        out.extend_from_slice(match self.kind {
            ParagraphKind::Body => b",\"kind\":\"body\"}",
            ParagraphKind::Headline => b",\"kind\":\"headline\"}",
            ParagraphKind::Byline => b",\"kind\":\"byline\"}",
            ParagraphKind::Dateline => b",\"kind\":\"dateline\"}",
            ParagraphKind::Bullet => b",\"kind\":\"bullet\"}",
        });
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
        out.extend_from_slice(match self.kind {
            ActorKind::Person => b",\"kind\":\"person\",\"country\":",
            ActorKind::Country => b",\"kind\":\"country\",\"country\":",
            ActorKind::Government => b",\"kind\":\"government\",\"country\":",
            ActorKind::Organization => b",\"kind\":\"organization\",\"country\":",
            ActorKind::Location => b",\"kind\":\"location\",\"country\":",
            ActorKind::Group => b",\"kind\":\"group\",\"country\":",
        });
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
        out.extend_from_slice(match self.form {
            MentionForm::Name => b",\"form\":\"name\",\"found\":",
            MentionForm::Alias => b",\"form\":\"alias\",\"found\":",
            MentionForm::Demonym => b",\"form\":\"demonym\",\"found\":",
            MentionForm::Metonym => b",\"form\":\"metonym\",\"found\":",
            MentionForm::Nominal => b",\"form\":\"nominal\",\"found\":",
            MentionForm::Pronoun => b",\"form\":\"pronoun\",\"found\":",
        });
        out.extend_from_slice(match self.found {
            Found::Gazetteer => b"\"gazetteer\"}",
            Found::Pattern => b"\"pattern\"}",
            Found::Alias => b"\"alias\"}",
            Found::Pronoun => b"\"pronoun\"}",
            Found::Metonym => b"\"metonym\"}",
            Found::Nominal => b"\"nominal\"}",
        });
    }
}

impl Json for DateMention {
    fn write(&self, out: &mut Vec<u8>) {
        span_fields(out, self.span);
        out.extend_from_slice(b",\"sentence\":");
        uint(out, self.sentence);
        out.extend_from_slice(match self.kind {
            TimexKind::Date => b",\"kind\":\"date\",\"value\":",
            TimexKind::Time => b",\"kind\":\"time\",\"value\":",
            TimexKind::Duration => b",\"kind\":\"duration\",\"value\":",
            TimexKind::Set => b",\"kind\":\"set\",\"value\":",
        });
        display(out, &self.value);
        out.push(b'}');
    }
}

impl Json for Quote {
    fn write(&self, out: &mut Vec<u8>) {
        span_fields(out, self.span);
        out.extend_from_slice(match self.kind {
            QuoteKind::Direct => b",\"kind\":\"direct\",\"speaker\":",
            QuoteKind::Partial => b",\"kind\":\"partial\",\"speaker\":",
            QuoteKind::Indirect => b",\"kind\":\"indirect\",\"speaker\":",
        });
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
        out.extend_from_slice(if self.negated {
            b",\"negated\":true,\"kind\":"
        } else {
            b",\"negated\":false,\"kind\":"
        });
        out.extend_from_slice(match self.kind {
            AccusationKind::Accusation => b"\"accusation\",\"date\":",
            AccusationKind::Criticism => b"\"criticism\",\"date\":",
        });
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
        out.extend_from_slice(match self.modality {
            Modality::Asserted => b",\"modality\":\"asserted\",\"source\":",
            Modality::Agreed => b",\"modality\":\"agreed\",\"source\":",
            Modality::Future => b",\"modality\":\"future\",\"source\":",
            Modality::Refused => b",\"modality\":\"refused\",\"source\":",
            Modality::Threatened => b",\"modality\":\"threatened\",\"source\":",
            Modality::Requested => b",\"modality\":\"requested\",\"source\":",
        });
        array(out, &self.source);
        out.extend_from_slice(b",\"target\":");
        array(out, &self.target);
        out.extend_from_slice(b",\"date\":");
        option(out, self.date.as_deref());
        out.extend_from_slice(b",\"date_source\":");
        out.extend_from_slice(date_source(self.date_source));
        out.extend_from_slice(if self.negated {
            b",\"negated\":true,\"trigger\":"
        } else {
            b",\"negated\":false,\"trigger\":"
        });
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

/// The decimal digits of 0 to 99, two bytes each.
const DIGIT_PAIRS: &[u8; 200] = b"\
    0001020304050607080910111213141516171819\
    2021222324252627282930313233343536373839\
    4041424344454647484950515253545556575859\
    6061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899";

/// Appends `n` in decimal.
///
/// Below 10^8 (every offset of a document under 100 MB) the digits are written into an
/// eight-byte array, two at a time from the right, all eight bytes are appended in one
/// fixed-size copy and the unused tail is cut off again; larger numbers take `Display`.
#[inline]
fn uint(out: &mut Vec<u8>, n: usize) {
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    if n >= 100_000_000 {
        // Never fails: `Vec` accepts every write.
        let _ = write!(out, "{n}");
        return;
    }
    let digits = match n {
        0..100 => 2,
        100..1_000 => 3,
        1_000..10_000 => 4,
        10_000..100_000 => 5,
        100_000..1_000_000 => 6,
        1_000_000..10_000_000 => 7,
        _ => 8,
    };
    let mut buf = [0u8; 8];
    let mut end = digits;
    let mut rest = n;
    while rest >= 10 {
        let pair = (rest % 100) * 2;
        rest /= 100;
        buf[end - 2..end].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
        end -= 2;
    }
    if end == 1 {
        buf[0] = b'0' + rest as u8;
    }
    let len = out.len();
    out.extend_from_slice(&buf);
    out.truncate(len + digits);
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

/// Appends the contents of a JSON string holding `bytes` (no quotes): each run of bytes
/// that needs no escape is copied in one piece.
fn escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
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

/// Appends `value`'s `Display` text as a JSON string, as serde's `collect_str` does (dates
/// and TIMEX3 values): written in place, and escaped afterwards only if it needs it.
fn display(out: &mut Vec<u8>, value: &impl Display) {
    out.push(b'"');
    let at = out.len();
    // Never fails: `Vec` accepts every write and these `Display`s do not fail.
    let _ = write!(out, "{value}");
    if out[at..].iter().any(|&b| ESCAPE[usize::from(b)] != 0) {
        let raw = out.split_off(at);
        escaped(out, &raw);
    }
    out.push(b'"');
}

#[cfg(all(test, feature = "serde"))]
mod tests;
