//! The input: one article's text with its optional id and publication date.

use jiff::civil::Date;

use crate::Error;

/// One news article to analyze. It borrows the text; nothing is copied.
///
/// The publication date anchors relative expressions ("on Tuesday", "last year"): without
/// it they stay underspecified (`XXXX-WXX-2`) rather than guessed.
///
/// ```
/// use newsextract::Document;
///
/// let doc = Document::new("Putin spoke on Tuesday.")
///     .with_id("doc-1")
///     .with_published(Document::parse_published("2025-03-19")?);
/// assert_eq!(doc.id, Some("doc-1"));
/// # Ok::<(), newsextract::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Document<'a> {
    /// The article's text (UTF-8). Every span in the analysis indexes into it.
    pub text: &'a str,
    /// A caller-chosen identifier, echoed in the analysis.
    pub id: Option<&'a str>,
    /// The publication date, the anchor for relative temporal expressions.
    pub published: Option<Date>,
}

impl<'a> Document<'a> {
    /// A document with only its text.
    pub const fn new(text: &'a str) -> Document<'a> {
        Document { text, id: None, published: None }
    }

    /// Sets the identifier.
    pub const fn with_id(mut self, id: &'a str) -> Document<'a> {
        self.id = Some(id);
        self
    }

    /// Sets the publication date.
    pub const fn with_published(mut self, date: Date) -> Document<'a> {
        self.published = Some(date);
        self
    }

    /// Parses a publication date as news feeds write it, keeping the calendar date the
    /// writer gave (a timestamp's time and offset are dropped, not converted):
    /// - ISO 8601: `2025-03-19`, or a timestamp starting with it
    ///   (`2025-03-19T08:00:00Z`, `2025-03-19 08:00:00`);
    /// - ISO 8601 basic, as in GDELT: `20250319`, `20250319T080000Z`, `20250319080000`;
    /// - RFC 2822, as in RSS `pubDate` and e-mail: `Wed, 19 Mar 2025 08:00:00 GMT`.
    ///
    /// # Errors
    ///
    /// When the text is none of these or not a real calendar date (`2025-02-30`,
    /// `19/03/2025`).
    ///
    /// ```
    /// use newsextract::Document;
    ///
    /// let date = Document::parse_published("Wed, 19 Mar 2025 23:30:00 -0500")?;
    /// assert_eq!(date.to_string(), "2025-03-19");
    /// assert_eq!(Document::parse_published("20250319103000")?, date);
    /// assert!(Document::parse_published("2025-02-30").is_err());
    /// # Ok::<(), newsextract::Error>(())
    /// ```
    pub fn parse_published(text: &str) -> Result<Date, Error> {
        let trimmed = text.trim();
        iso_date(trimmed)
            .or_else(|| basic_iso_date(trimmed))
            .or_else(|| jiff::fmt::rfc2822::parse(trimmed).ok().map(|zoned| zoned.date()))
            .ok_or_else(|| Error::invalid_date(text))
    }
}

/// `YYYY-MM-DD`, alone or before a time (`T` or a space and what follows).
fn iso_date(text: &str) -> Option<Date> {
    let date = text.get(..10)?;
    match text.as_bytes().get(10) {
        None | Some(b'T' | b' ') => date.parse().ok(),
        Some(_) => None,
    }
}

/// `YYYYMMDD`, alone, before a `T` and a time, or before six digits of time (`HHMMSS`).
fn basic_iso_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let shaped = match digits {
        8 => matches!(bytes.get(8), None | Some(b'T')),
        14 => bytes.len() == 14,
        _ => false,
    };
    if !shaped {
        return None;
    }
    let (year, month, day) =
        (text[..4].parse().ok()?, text[4..6].parse().ok()?, text[6..8].parse().ok()?);
    Date::new(year, month, day).ok()
}

impl<'a> From<&'a str> for Document<'a> {
    fn from(text: &'a str) -> Document<'a> {
        Document::new(text)
    }
}

impl<'a> From<&'a String> for Document<'a> {
    fn from(text: &'a String) -> Document<'a> {
        Document::new(text)
    }
}
