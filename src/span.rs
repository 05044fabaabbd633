//! Byte spans into the original text.

use core::fmt;
use core::ops::{Index, Range};

/// A half-open range of UTF-8 byte offsets (`start..end`) into a document's text.
///
/// Every record newsextract produces points back at the text with spans instead of
/// owning substrings; `&text[span]` recovers the words.
///
/// ```
/// use newsextract::Span;
///
/// let text = "Putin spoke to Trump.";
/// let span = Span::new(15, 20);
/// assert_eq!(&text[span], "Trump");
/// assert_eq!(span.len(), 5);
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (end exclusive).
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Number of bytes covered.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether `other` lies entirely inside this span.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The range of `char` indices this span covers in `text`, for consumers whose
    /// strings are indexed by characters rather than bytes.
    ///
    /// ```
    /// use newsextract::Span;
    ///
    /// let text = "Ukraine’s energy";
    /// let span = Span::new(12, 18); // "energy", after a 3-byte apostrophe
    /// assert_eq!(span.char_range(text), 10..16);
    /// ```
    pub fn char_range(&self, text: &str) -> Range<usize> {
        let start = text.get(..self.start).map_or(0, |s| s.chars().count());
        let len = text.get(self.start..self.end).map_or(0, |s| s.chars().count());
        start..start + len
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

impl From<Span> for Range<usize> {
    fn from(span: Span) -> Range<usize> {
        span.start..span.end
    }
}

impl Index<Span> for str {
    type Output = str;

    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}
