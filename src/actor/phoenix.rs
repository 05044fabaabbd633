//! A loader for TABARI/PETRARCH (Phoenix) actor dictionaries.
//!
//! A record is a primary phrase (`VLADIMIR_PUTIN_`), `+`-prefixed synonym lines, and
//! code lines (`[RUSGOV >20080508]`) on the phrase's line or on tab-indented lines below.
//! Phrases are uppercase with `_` between words; they become title-cased surface forms
//! ("Vladimir Putin"), short all-caps words being kept as written too ("NATO").

use jiff::civil::Date;

use super::ActorKind;
use super::gazetteer::{Entry, Gazetteer, Role};
use crate::Error;

/// One parsed `[CODE dates]` item.
struct Code {
    code: String,
    from: Option<Date>,
    to: Option<Date>,
}

/// A record being read.
#[derive(Default)]
struct Record {
    phrases: Vec<String>,
    codes: Vec<Code>,
}

/// Connecting words written lowercase inside title-cased names.
const SMALL_WORDS: &[&str] = &[
    "of", "the", "and", "for", "de", "del", "der", "la", "le", "al", "bin", "von", "van", "in",
    "on",
];

/// CAMEO sector codes recognized after the country code.
const SECTORS: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "PTY", "LEG", "JUD", "BUS", "MED", "JRN", "COP", "SPY", "ELI",
    "CVL", "EDU", "HLH", "LAB", "REL", "IGO", "NGO", "AGR", "REF", "CRM", "INS", "UAF", "MOD",
    "RAD",
];

impl Gazetteer {
    /// Parses a Phoenix/PETRARCH actor dictionary and adds its records as entries (ids
    /// `phoenix:<phrase>`). Records without any code are skipped; dated codes become roles.
    ///
    /// # Errors
    ///
    /// When a synonym or code line comes before any phrase, a `[` is not closed, or a date
    /// is not digits; the error names `source` and the line.
    ///
    /// ```
    /// use newsextract::actor::Gazetteer;
    ///
    /// let dict = "VLADIMIR_PUTIN_\n+PUTIN_\n\t[RUSGOV >20000507]\n";
    /// let mut g = Gazetteer::empty();
    /// g.add_phoenix("actors.txt", dict)?;
    /// let putin = g.get("phoenix:vladimir_putin").expect("loaded");
    /// assert_eq!(putin.name, "Vladimir Putin");
    /// assert_eq!(putin.country.as_deref(), Some("RUS"));
    /// # Ok::<(), newsextract::Error>(())
    /// ```
    pub fn add_phoenix(&mut self, source: &str, text: &str) -> Result<(), Error> {
        let mut record: Option<Record> = None;
        let mut in_comment = false;
        for (n, raw) in text.lines().enumerate() {
            let err = |m: String| Error::parse(source, n + 1, m);
            if in_comment {
                in_comment = !raw.contains("-->");
                continue;
            }
            let trimmed = raw.trim();
            if trimmed.starts_with("<!--") {
                in_comment = !trimmed.contains("-->");
                continue;
            }
            let line = raw.split('#').next().unwrap_or("");
            if line.trim().is_empty() {
                continue;
            }
            if let Some(synonym) = line.strip_prefix('+') {
                let rec = record.as_mut().ok_or_else(|| err("synonym before any phrase".into()))?;
                let (phrase, codes) = split_codes(synonym).map_err(err)?;
                push_phrase(&mut rec.phrases, phrase);
                rec.codes.extend(codes);
            } else if line.starts_with([' ', '\t']) {
                let rec =
                    record.as_mut().ok_or_else(|| err("code line before any phrase".into()))?;
                // An indented phrase before the codes reads as one more synonym, as in
                // the real dictionaries.
                let (rest, codes) = split_codes(line).map_err(err)?;
                push_phrase(&mut rec.phrases, rest);
                rec.codes.extend(codes);
            } else {
                if let Some(done) = record.take() {
                    self.add_record(done);
                }
                let (phrase, codes) = split_codes(line).map_err(err)?;
                let mut rec = Record::default();
                push_phrase(&mut rec.phrases, phrase);
                rec.codes.extend(codes);
                record = Some(rec);
            }
        }
        if let Some(done) = record {
            self.add_record(done);
        }
        Ok(())
    }

    /// Reads a Phoenix/PETRARCH actor dictionary file.
    ///
    /// # Errors
    ///
    /// When the file cannot be read or is malformed.
    pub fn add_phoenix_file(&mut self, path: impl AsRef<std::path::Path>) -> Result<(), Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
        self.add_phoenix(&path.display().to_string(), &text)
    }

    /// Turns a finished record into an entry.
    fn add_record(&mut self, rec: Record) {
        let Some(primary) = rec.phrases.first() else { return };
        // The code in force now: an open-ended dated code, else an undated one, else the
        // latest-ending one.
        let current = rec
            .codes
            .iter()
            .find(|c| c.to.is_none() && c.from.is_some())
            .or_else(|| rec.codes.iter().find(|c| c.to.is_none()))
            .or_else(|| rec.codes.iter().max_by_key(|c| c.to));
        let Some(current) = current else { return };
        let dated = rec.codes.iter().any(|c| c.from.is_some() || c.to.is_some());
        let (country, sector) = split_code(&current.code);
        let kind = match (country.as_deref(), sector.as_deref()) {
            (Some("IGO" | "NGO" | "MNC"), _) => ActorKind::Organization,
            (Some("IMG"), _) | (_, Some("REB" | "INS" | "UAF" | "RAD")) => ActorKind::Group,
            _ if dated || sector.as_deref() == Some("ELI") => ActorKind::Person,
            (_, None) if current.code.len() == 3 => ActorKind::Country,
            (_, Some("GOV")) => ActorKind::Government,
            _ => ActorKind::Organization,
        };
        let id = format!("phoenix:{}", primary.trim_matches('_').to_lowercase());
        let mut entry = Entry::new(id, kind, title_case(primary));
        entry.country = country;
        for phrase in &rec.phrases {
            let form = title_case(phrase);
            if form != entry.name && !entry.aliases.contains(&form) {
                entry.aliases.push(form);
            }
            let words: Vec<&str> = phrase.split(['_', ' ']).filter(|w| !w.is_empty()).collect();
            if let [word] = words[..] {
                if word.len() <= 5 && !entry.aliases.iter().any(|a| a == word) {
                    entry.aliases.push(word.to_string());
                }
            }
        }
        for c in rec.codes.iter().filter(|c| c.from.is_some() || c.to.is_some()) {
            let (country, sector) = split_code(&c.code);
            entry.roles.push(Role {
                title: c.code.to_lowercase(),
                country,
                sector,
                from: c.from,
                to: c.to,
            });
        }
        self.insert(entry);
    }
}

/// Keeps a non-empty phrase, dropping a leading `THE_`.
fn push_phrase(phrases: &mut Vec<String>, phrase: &str) {
    let phrase = phrase.trim();
    let phrase = phrase.strip_prefix("THE_").unwrap_or(phrase);
    if phrase.chars().any(char::is_alphanumeric) {
        phrases.push(phrase.to_string());
    }
}

/// Splits `PHRASE [CODE ..][CODE ..]` into the phrase and its codes.
fn split_codes(line: &str) -> Result<(&str, Vec<Code>), String> {
    let Some(first) = line.find('[') else { return Ok((line, Vec::new())) };
    let mut codes = Vec::new();
    let mut rest = &line[first..];
    while let Some(open) = rest.find('[') {
        if !rest[..open].trim().is_empty() {
            return Err(format!("unexpected text {:?} between codes", rest[..open].trim()));
        }
        let close = rest[open..].find(']').ok_or_else(|| format!("unclosed '[' in {line:?}"))?;
        codes.push(parse_code(&rest[open + 1..open + close])?);
        rest = &rest[open + close + 1..];
    }
    // Text after the last code is a note (the real dictionaries have some); it is ignored.
    Ok((&line[..first], codes))
}

/// Parses `CODE`, `CODE A-B`, `CODE >A` or `CODE <A`.
fn parse_code(item: &str) -> Result<Code, String> {
    let mut parts = item.split_whitespace();
    let code = parts.next().ok_or("empty code '[]'")?.to_uppercase();
    if !code.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(format!("bad code {code:?}"));
    }
    let (mut from, mut to) = (None, None);
    // Dates may be written with inner blanks ("> 140608").
    let dates: String = parts.collect();
    if !dates.is_empty() {
        if let Some(d) = dates.strip_prefix('>') {
            from = parse_date(d)?;
        } else if let Some(d) = dates.strip_prefix('<') {
            to = parse_date(d)?;
        } else if let Some((a, b)) = dates.split_once('-') {
            from = parse_date(a)?;
            to = parse_date(b)?;
        } else {
            // A bare date reads as a start date.
            from = parse_date(&dates)?;
        }
    }
    Ok(Code { code, from, to })
}

/// Parses YYYYMMDD or YYMMDD (YY <= 30 is 20YY); other digit strings are an unknown date,
/// as in the real dictionaries, which hold a few mistyped dates.
fn parse_date(d: &str) -> Result<Option<Date>, String> {
    if d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("bad date {d:?}: expected digits YYYYMMDD or YYMMDD"));
    }
    let num = |s: &str| s.parse::<i16>().unwrap_or(0);
    let (y, m, day) = match d.len() {
        8 => (num(&d[..4]), num(&d[4..6]), num(&d[6..])),
        6 => {
            let yy = num(&d[..2]);
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, num(&d[2..4]), num(&d[4..]))
        }
        _ => return Ok(None),
    };
    Ok(Date::new(y, m as i8, day as i8).ok())
}

/// Splits a CAMEO code into its country part and its first sector.
fn split_code(code: &str) -> (Option<String>, Option<String>) {
    let code = code.trim_start_matches('~');
    let country = code.get(..3).filter(|c| c.bytes().all(|b| b.is_ascii_alphabetic()));
    let sector = code.get(3..6).filter(|s| SECTORS.contains(s));
    (country.map(str::to_string), sector.map(str::to_string))
}

/// `VLADIMIR_PUTIN_` -> `Vladimir Putin`; `U.N._` stays `U.N.`.
fn title_case(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    for (i, word) in phrase.split(['_', ' ']).filter(|w| !w.is_empty()).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if word.contains('.') || (word.len() <= 3 && !word.contains(['A', 'E', 'I', 'O', 'U'])) {
            out.push_str(word);
        } else if i > 0 && SMALL_WORDS.contains(&lower.as_str()) {
            out.push_str(&lower);
        } else {
            let mut upper_next = true;
            for c in lower.chars() {
                if upper_next {
                    out.extend(c.to_uppercase());
                } else {
                    out.push(c);
                }
                upper_next = matches!(c, '-' | '\'');
            }
        }
    }
    out
}
