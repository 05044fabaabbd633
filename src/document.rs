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

    /// Parses a publication date written `YYYY-MM-DD`; a longer ISO 8601 timestamp
    /// (`2025-03-19T08:00:00Z`) is accepted and its date part kept.
    ///
    /// # Errors
    ///
    /// When the text is not a real calendar date (`2025-02-30`, `19/03/2025`).
    ///
    /// ```
    /// use newsextract::Document;
    ///
    /// assert!(Document::parse_published("2025-03-19").is_ok());
    /// assert!(Document::parse_published("2025-02-30").is_err());
    /// ```
    pub fn parse_published(text: &str) -> Result<Date, Error> {
        let trimmed = text.trim();
        let date_part = trimmed.get(..10).filter(|_| {
            trimmed.len() == 10 || trimmed.as_bytes()[10] == b'T' || trimmed.as_bytes()[10] == b' '
        });
        date_part.and_then(|d| d.parse::<Date>().ok()).ok_or_else(|| Error::invalid_date(text))
    }
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
