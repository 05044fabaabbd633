//! The extractor's JSON output validates against `schema/analysis.schema.json`.
//!
//! The validator below implements the subset of JSON Schema 2020-12 the schema uses (`type`,
//! `enum`, `properties`, `required`, `additionalProperties: false`, `items`, `$ref` into
//! `$defs`, `anyOf`, `oneOf`, `pattern`, `minimum`, `minLength`) and rejects any other
//! keyword, so the schema cannot silently rely on something unchecked.

use std::collections::BTreeSet;

use newsextract::{Document, Extractor};
use serde_json::Value;

const SCHEMA: &str = include_str!("../schema/analysis.schema.json");
const CHANGELOG: &str = include_str!("../CHANGELOG.md");

/// Keywords that only annotate.
const ANNOTATIONS: &[&str] =
    &["$schema", "$id", "$defs", "title", "description", "x-output-version"];

pub(crate) struct Validator {
    root: Value,
}

impl Validator {
    pub(crate) fn new() -> Validator {
        Validator { root: serde_json::from_str(SCHEMA).expect("the schema is JSON") }
    }

    /// Every violation of the schema by `value`, as `path: message`.
    pub(crate) fn errors(&self, value: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.check(&self.root, value, "$", &mut errors);
        errors
    }

    /// Every violation by `value` of the definition `$defs/name`.
    pub(crate) fn errors_of(&self, name: &str, value: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.check(&self.root["$defs"][name], value, name, &mut errors);
        errors
    }

    fn check(&self, schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
        let Some(schema) = schema.as_object() else {
            errors.push(format!("{path}: schema is not an object"));
            return;
        };
        for (keyword, arg) in schema {
            match keyword.as_str() {
                k if ANNOTATIONS.contains(&k) => {}
                "$ref" => {
                    let target = arg
                        .as_str()
                        .and_then(|r| r.strip_prefix("#/$defs/"))
                        .and_then(|name| self.root["$defs"].get(name));
                    match target {
                        Some(def) => self.check(def, value, path, errors),
                        None => errors.push(format!("{path}: unresolvable $ref {arg}")),
                    }
                }
                "type" => {
                    let types: Vec<&str> = match arg {
                        Value::String(t) => vec![t.as_str()],
                        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                        _ => vec![],
                    };
                    if !types.iter().any(|t| has_type(value, t)) {
                        errors.push(format!("{path}: {value} is not of type {arg}"));
                    }
                }
                "enum" => {
                    if !arg.as_array().is_some_and(|options| options.contains(value)) {
                        errors.push(format!("{path}: {value} is not one of {arg}"));
                    }
                }
                "pattern" => {
                    let re = regex::Regex::new(arg.as_str().unwrap_or("(")).expect("valid pattern");
                    if value.as_str().is_some_and(|s| !re.is_match(s)) {
                        errors.push(format!("{path}: {value} does not match {arg}"));
                    }
                }
                "minimum" => {
                    if let (Some(v), Some(min)) = (value.as_f64(), arg.as_f64()) {
                        if v < min {
                            errors.push(format!("{path}: {v} is below {min}"));
                        }
                    }
                }
                "minLength" => {
                    let min = arg.as_u64().unwrap_or(0) as usize;
                    if value.as_str().is_some_and(|s| s.chars().count() < min) {
                        errors.push(format!("{path}: {value} is shorter than {min}"));
                    }
                }
                "properties" => {
                    let (Some(props), Some(object)) = (arg.as_object(), value.as_object()) else {
                        continue;
                    };
                    for (name, sub) in props {
                        if let Some(v) = object.get(name) {
                            self.check(sub, v, &format!("{path}.{name}"), errors);
                        }
                    }
                }
                "required" => {
                    let Some(object) = value.as_object() else { continue };
                    for name in arg.as_array().into_iter().flatten().filter_map(Value::as_str) {
                        if !object.contains_key(name) {
                            errors.push(format!("{path}: missing required {name:?}"));
                        }
                    }
                }
                "additionalProperties" => {
                    assert_eq!(arg, &Value::Bool(false), "only additionalProperties: false");
                    let Some(object) = value.as_object() else { continue };
                    let known = schema.get("properties").and_then(Value::as_object);
                    for name in object.keys() {
                        if !known.is_some_and(|k| k.contains_key(name)) {
                            errors.push(format!("{path}: unexpected property {name:?}"));
                        }
                    }
                }
                "items" => {
                    for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                        self.check(arg, item, &format!("{path}[{i}]"), errors);
                    }
                }
                "anyOf" | "oneOf" => {
                    let options = arg.as_array().map_or(&[][..], Vec::as_slice);
                    let passing = options
                        .iter()
                        .filter(|option| {
                            let mut sub = Vec::new();
                            self.check(option, value, path, &mut sub);
                            sub.is_empty()
                        })
                        .count();
                    let ok = if keyword == "anyOf" { passing > 0 } else { passing == 1 };
                    if !ok {
                        errors.push(format!("{path}: {value} matches {passing} of {keyword}"));
                    }
                }
                other => errors.push(format!("{path}: unsupported keyword {other:?}")),
            }
        }
    }
}

fn has_type(value: &Value, ty: &str) -> bool {
    match ty {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => false,
    }
}

/// Short articles written for this test, covering datelines, bylines, bullets, direct and
/// indirect quotes, accusations, criticism, events and non-ASCII text.
const ARTICLES: &[(&str, &str)] = &[
    (
        "wire",
        "Russia accuses Ukraine of power plant attack\n\
         MOSCOW, March 18 (Wire) - Russia accused Ukraine on Tuesday of shelling a power \
         plant in the Kursk region, while Kremlin spokesman Dmitry Peskov said talks would \
         resume next week.\n\n\
         \"We are ready to talk,\" Peskov told reporters. He added that the latest proposal \
         was \"unacceptable\".\n\n\
         Ukrainian Foreign Minister Andrii Sybiha condemned the strikes and urged the \
         European Union to impose new sanctions on Moscow.",
    ),
    (
        "trade",
        "By Staff Reporter\n\
         BRUSSELS - The European Union threatened on 12 June 2024 to impose tariffs on \
         Chinese electric vehicles, officials said. China's Commerce Ministry denied that it \
         subsidised carmakers and warned of retaliation.\n\
         - Tariffs could reach 38 percent\n\
         - Beijing called the move protectionism\n\
         \u{201c}This is pure protectionism,\u{201d} a ministry spokesperson said on Wednesday.",
    ),
    (
        "unicode",
        "Zelenskyy met Macron in Paris on Friday. \u{ab}C\u{2019}est historique\u{bb}, Macron \
         said. Protesters in Tbilisi clashed with police for a third night; Georgia\u{2019}s \
         government blamed the opposition for the violence. Caf\u{e9} owners \u{2014} \u{5317}\u{4eac} \
         \u{1f600} \u{2014} closed early.",
    ),
    ("empty", ""),
];

fn outputs() -> Vec<(String, Value)> {
    let plain = Extractor::new();
    let with_tokens = Extractor::builder().tokens(true).build().expect("builds");
    let published = Document::parse_published("2025-03-19").expect("valid date");
    let bundled = include_str!("../examples/data/article.txt");
    let mut out = Vec::new();
    let mut push = |name: &str, analysis: &newsextract::Analysis| {
        out.push((name.to_string(), serde_json::to_value(analysis).expect("serializes")));
    };
    push("bundled", &plain.extract(Document::new(bundled).with_published(published)));
    push("bundled, no date", &plain.extract(Document::new(bundled).with_id("doc-1")));
    push("bundled, tokens", &with_tokens.extract(Document::new(bundled)));
    for (name, text) in ARTICLES {
        push(name, &plain.extract(Document::new(text).with_id(name).with_published(published)));
    }
    out
}

#[test]
fn output_validates_against_the_schema() {
    let validator = Validator::new();
    let mut seen = BTreeSet::new();
    for (name, value) in outputs() {
        let errors = validator.errors(&value);
        assert!(errors.is_empty(), "{name}: {} violations:\n{}", errors.len(), errors.join("\n"));
        for (field, records) in value.as_object().expect("an object") {
            if records.as_array().is_some_and(|r| !r.is_empty()) {
                seen.insert(field.clone());
            }
        }
    }
    // The articles exercise every record definition.
    for field in
        ["paragraphs", "sentences", "tokens", "actors", "dates", "quotes", "accusations", "events"]
    {
        assert!(seen.contains(field), "no article produced {field}");
    }
}

/// A change that makes valid output invalid.
type Mutation = fn(&mut Value);

#[test]
fn the_validator_rejects_what_the_schema_forbids() {
    let validator = Validator::new();
    let text = include_str!("../examples/data/article.txt");
    let good = serde_json::to_value(Extractor::new().extract(text)).expect("serializes");
    assert!(validator.errors(&good).is_empty());
    let cases: &[(&str, Mutation)] = &[
        ("extra field", |v| v["surprise"] = Value::Bool(true)),
        ("missing field", |v| {
            v.as_object_mut().unwrap().remove("events");
        }),
        ("bad enum", |v| v["actors"][0]["kind"] = "planet".into()),
        ("bad type", |v| v["sentences"][0]["start"] = "0".into()),
        ("negative offset", |v| v["sentences"][0]["end"] = (-1).into()),
        ("bad date", |v| v["published"] = "19/03/2025".into()),
        ("bad nullable", |v| v["quotes"][0]["speaker_span"] = 3.into()),
    ];
    for (name, mutate) in cases {
        let mut bad = good.clone();
        mutate(&mut bad);
        assert!(!validator.errors(&bad).is_empty(), "{name} was accepted");
    }
}

#[test]
fn schema_version_is_in_the_changelog() {
    let root: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
    let version = root["x-output-version"].as_str().expect("x-output-version");
    let description = root["description"].as_str().expect("description");
    assert!(description.contains(&format!("Output format version {version}")));
    assert!(
        CHANGELOG.contains(&format!("JSON output format {version}")),
        "CHANGELOG.md names output format {version}"
    );
}
