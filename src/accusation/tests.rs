//! Accusation tests on hand-tagged sentences, and the fixture builder the event tests share.

use jiff::civil::date;

use super::*;
use crate::accusation::matcher::{Matcher, Starts};
use crate::accusation::tagged::MAX_PIECE;
use crate::actor::{Actor, ActorKind, Found, Mention, MentionForm};
use crate::quote::{Quote, QuoteKind};
use crate::segment::Segmenter;

/// A hand-tagged document: actors as `(id, country or "", surfaces)` (every whole-word
/// occurrence of a surface is a mention), dates as `(surface, value)`, quotes as
/// `(content, speaker id)`. Sentences come from the real segmenter; published 2025-03-19.
pub(crate) fn tagged(
    text: &str,
    actors: &[(&str, &str, &[&str])],
    dates: &[(&str, &str)],
    quotes: &[(&str, &str)],
) -> Analysis {
    let mut a = Analysis { published: Some(date(2025, 3, 19)), ..Analysis::default() };
    Segmenter::new().run(text, false, &mut a);
    let find = |surface: &str| -> Vec<Span> {
        text.match_indices(surface)
            .map(|(i, s)| Span::new(i, i + s.len()))
            .filter(|s| {
                let before = text[..s.start].chars().next_back();
                let after = text[s.end..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
            .collect()
    };
    for &(id, country, surfaces) in actors {
        let mut mentions: Vec<Mention> = surfaces
            .iter()
            .flat_map(|s| find(s))
            .map(|span| Mention {
                span,
                sentence: a.sentence_at(span.start).unwrap_or(0),
                form: MentionForm::Name,
                found: Found::Gazetteer,
            })
            .collect();
        mentions.sort_by_key(|m| m.span.start);
        // An empty country makes an organization without one ("Blues", "BBC").
        let (kind, country) = match country {
            "" => (ActorKind::Organization, None),
            c => (ActorKind::Country, Some(c.to_string())),
        };
        a.actors.push(Actor {
            id: id.to_string(),
            name: id.to_string(),
            kind,
            country,
            sector: None,
            roles: Vec::new(),
            mentions,
        });
    }
    for &(surface, value) in dates {
        for span in find(surface) {
            a.dates.push(DateMention {
                span,
                sentence: a.sentence_at(span.start).unwrap_or(0),
                kind: TimexKind::Date,
                value: value.parse().expect("a TIMEX3 value"),
            });
        }
    }
    for &(content, speaker) in quotes {
        for span in find(content) {
            a.quotes.push(Quote {
                span,
                kind: QuoteKind::Direct,
                speaker: Some(speaker.to_string()),
                speaker_span: None,
                cue: None,
                sentence: a.sentence_at(span.start).unwrap_or(0),
            });
        }
    }
    a
}

/// An expected record: accuser ids, accused ids, allegation text, kind, negated.
type Expected =
    (&'static [&'static str], &'static [&'static str], Option<&'static str>, AccusationKind, bool);

/// One accusation test: text, actors, dates, expected `(accuser, accused, allegation,
/// kind, negated)` records in order.
struct Case {
    name: &'static str,
    text: &'static str,
    actors: &'static [(&'static str, &'static str, &'static [&'static str])],
    dates: &'static [(&'static str, &'static str)],
    expect: &'static [Expected],
}

const A: AccusationKind = AccusationKind::Accusation;
const C: AccusationKind = AccusationKind::Criticism;

const CASES: &[Case] = &[
    Case {
        name: "reciprocal: one record each way",
        text: "Moscow and Kyiv accused each other on Wednesday of launching airstrikes that damaged infrastructure.",
        actors: &[("RUS", "RUS", &["Moscow"]), ("UKR", "UKR", &["Kyiv"])],
        dates: &[("Wednesday", "2025-03-19")],
        expect: &[
            (
                &["RUS"],
                &["UKR"],
                Some("launching airstrikes that damaged infrastructure"),
                A,
                false,
            ),
            (
                &["UKR"],
                &["RUS"],
                Some("launching airstrikes that damaged infrastructure"),
                A,
                false,
            ),
        ],
    },
    Case {
        name: "accuse of, with titles and an attribution tail",
        text: "Russia accused Kyiv of attacking equipment near one of its pipelines, the ministry said.",
        actors: &[("RUS", "RUS", &["Russia"]), ("UKR", "UKR", &["Kyiv"])],
        dates: &[],
        expect: &[(
            &["RUS"],
            &["UKR"],
            Some("attacking equipment near one of its pipelines"),
            A,
            false,
        )],
    },
    Case {
        name: "passive with by-agent",
        text: "Serbia was accused by Croatia of violating the border agreement.",
        actors: &[("SRB", "SRB", &["Serbia"]), ("HRV", "HRV", &["Croatia"])],
        dates: &[],
        expect: &[(&["HRV"], &["SRB"], Some("violating the border agreement"), A, false)],
    },
    Case {
        name: "compound accusers",
        text: "The United States and France accused Syria of using chemical weapons.",
        actors: &[
            ("USA", "USA", &["United States"]),
            ("FRA", "FRA", &["France"]),
            ("SYR", "SYR", &["Syria"]),
        ],
        dates: &[],
        expect: &[(&["USA", "FRA"], &["SYR"], Some("using chemical weapons"), A, false)],
    },
    Case {
        name: "blame for",
        text: "Iran blamed Israel for the explosion at the nuclear site.",
        actors: &[("IRN", "IRN", &["Iran"]), ("ISR", "ISR", &["Israel"])],
        dates: &[],
        expect: &[(&["IRN"], &["ISR"], Some("the explosion at the nuclear site"), A, false)],
    },
    Case {
        name: "blame on",
        text: "Pakistan blamed the bombing on India.",
        actors: &[("PAK", "PAK", &["Pakistan"]), ("IND", "IND", &["India"])],
        dates: &[],
        expect: &[(&["PAK"], &["IND"], Some("the bombing"), A, false)],
    },
    Case {
        name: "alleged that",
        text: "Venezuela alleged that Colombia had sheltered the rebels.",
        actors: &[("VEN", "VEN", &["Venezuela"]), ("COL", "COL", &["Colombia"])],
        dates: &[],
        expect: &[(&["VEN"], &["COL"], Some("Colombia had sheltered the rebels"), A, false)],
    },
    Case {
        name: "indirect: said Y had violated, accuser in an agent phrase",
        text: "Officials in Kyiv said Russia had violated the truce.",
        actors: &[("UKR", "UKR", &["Kyiv"]), ("RUS", "RUS", &["Russia"])],
        dates: &[],
        expect: &[(&["UKR"], &["RUS"], Some("violated the truce"), A, false)],
    },
    Case {
        name: "noun: accusations by X that Y",
        text: "Baku dismissed accusations by Armenia that Azerbaijani troops shelled border villages.",
        actors: &[("AZE", "AZE", &["Baku", "Azerbaijani"]), ("ARM", "ARM", &["Armenia"])],
        dates: &[],
        expect: &[(
            &["ARM"],
            &["AZE"],
            Some("Azerbaijani troops shelled border villages"),
            A,
            false,
        )],
    },
    Case {
        name: "noun: who rejects accusations is accused",
        text: "Iran rejected accusations by the United States that it was arming rebels in Yemen.",
        actors: &[
            ("IRN", "IRN", &["Iran"]),
            ("USA", "USA", &["United States"]),
            ("YEM", "YEM", &["Yemen"]),
        ],
        dates: &[],
        expect: &[(&["USA"], &["IRN"], Some("it was arming rebels in Yemen"), A, false)],
    },
    Case {
        name: "criticism with for",
        text: "Germany condemned Belarus for the forced landing of the plane.",
        actors: &[("DEU", "DEU", &["Germany"]), ("BLR", "BLR", &["Belarus"])],
        dates: &[],
        expect: &[(&["DEU"], &["BLR"], Some("the forced landing of the plane"), C, false)],
    },
    Case {
        name: "criticism of a thing",
        text: "France criticized the decision to close the border.",
        actors: &[("FRA", "FRA", &["France"])],
        dates: &[],
        expect: &[(&["FRA"], &[], Some("the decision to close the border"), C, false)],
    },
    Case {
        name: "denied accusing",
        text: "China denied accusing Japan of espionage.",
        actors: &[("CHN", "CHN", &["China"]), ("JPN", "JPN", &["Japan"])],
        dates: &[],
        expect: &[(&["CHN"], &["JPN"], Some("espionage"), A, true)],
    },
    Case {
        name: "no accusation without a reporting frame",
        text: "Russia attacked Ukraine on Monday.",
        actors: &[("RUS", "RUS", &["Russia"]), ("UKR", "UKR", &["Ukraine"])],
        dates: &[],
        expect: &[],
    },
    Case {
        name: "self-reference is no accusation",
        text: "Russia claimed that Russia had ceased targeting energy facilities.",
        actors: &[("RUS", "RUS", &["Russia"])],
        dates: &[],
        expect: &[],
    },
    Case {
        name: "March is a month, charge in a noun phrase needs an accuser",
        text: "In March the charges were dropped.",
        actors: &[],
        dates: &[],
        expect: &[],
    },
];

fn run(text: &str, a: &mut Analysis) {
    AccusationFinder::new().run(text, a, &mut Default::default(), None);
}

#[test]
fn accusation_table() {
    for case in CASES {
        let mut a = tagged(case.text, case.actors, case.dates, &[]);
        run(case.text, &mut a);
        let got: Vec<_> = a
            .accusations
            .iter()
            .map(|r| {
                (
                    r.accuser.clone(),
                    r.accused.clone(),
                    r.allegation.map(|s| case.text[s].to_string()),
                    r.kind,
                    r.negated,
                )
            })
            .collect();
        let want: Vec<_> = case
            .expect
            .iter()
            .map(|(s, t, al, k, n)| {
                (
                    s.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
                    t.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
                    al.map(str::to_string),
                    *k,
                    *n,
                )
            })
            .collect();
        assert_eq!(got, want, "{}", case.name);
    }
}

#[test]
fn date_from_clause_else_publication() {
    let text = "Moscow and Kyiv accused each other on Wednesday of shelling. Later Russia accused Kyiv of sabotage.";
    let mut a = tagged(
        text,
        &[("RUS", "RUS", &["Moscow", "Russia"]), ("UKR", "UKR", &["Kyiv"])],
        &[("Wednesday", "2025-03-19TMO")],
        &[],
    );
    run(text, &mut a);
    assert_eq!(a.accusations.len(), 3);
    assert_eq!(a.accusations[0].date.as_deref(), Some("2025-03-19"));
    assert_eq!(a.accusations[0].date_source, Some(DateSource::Expression));
    assert_eq!(a.accusations[2].date.as_deref(), Some("2025-03-19"));
    assert_eq!(a.accusations[2].date_source, Some(DateSource::Publication));
    assert_eq!(a.accusations[2].sentence, 1);
}

#[test]
fn quoted_accusation_links_quote_and_speaker() {
    let text = "Peskov said: \"We accuse Kyiv of sabotage.\"";
    let mut a = tagged(
        text,
        &[("peskov", "RUS", &["Peskov"]), ("UKR", "UKR", &["Kyiv"])],
        &[],
        &[("We accuse Kyiv of sabotage.", "peskov")],
    );
    run(text, &mut a);
    assert_eq!(a.accusations.len(), 1);
    let r = &a.accusations[0];
    assert_eq!(r.accuser, ["peskov"]);
    assert_eq!(r.accused, ["UKR"]);
    assert_eq!(r.quote, Some(0));
}

#[test]
fn allegation_topics() {
    assert_eq!(allegation_code("launching airstrikes on the city"), "1123");
    assert_eq!(allegation_code("war crimes and attacks"), "1124");
    assert_eq!(allegation_code("corruption"), "1121");
    assert_eq!(allegation_code("lying"), "112");
}

/// A sentence is one piece unless it is longer than [`MAX_PIECE`] bytes; pieces follow
/// each other, cover the sentence, end at spaces and never cut a mention.
#[test]
fn pieces_cover_the_sentence_and_keep_mentions_whole() {
    let short = "Iran accused Iraq.";
    let ments = [(0, Span::new(0, 4), 0), (0, Span::new(13, 17), 1)];
    let got: Vec<_> = Pieces::new(short, Span::new(0, short.len()), &ments).collect();
    assert_eq!(got, [(Span::new(0, short.len()), 0..2)]);

    let text = "the United States of America met ".repeat(MAX_PIECE / 10);
    let ments: Vec<(usize, Span, usize)> = text
        .match_indices("United States of America")
        .map(|(i, m)| (0, Span::new(i, i + m.len()), 0))
        .collect();
    let pieces: Vec<_> = Pieces::new(&text, Span::new(0, text.len()), &ments).collect();
    assert!(pieces.len() >= 3, "{}", pieces.len());
    let (mut at, mut k) = (0, 0);
    for (piece, range) in &pieces {
        assert_eq!((piece.start, range.start), (at, k));
        assert!(piece.len() <= MAX_PIECE + 64);
        assert!(piece.end == text.len() || text.as_bytes()[piece.end] == b' ');
        for &(_, m, _) in &ments[range.clone()] {
            assert!(piece.start <= m.start && m.end <= piece.end, "{m:?} cut");
        }
        (at, k) = (piece.end, range.end);
    }
    assert_eq!((at, k), (text.len(), ments.len()));
}

#[test]
fn hostile_input_does_not_panic() {
    let text = "accused ".repeat(2000) + &"\"“’ ".repeat(2000);
    let mut a = tagged(&text, &[], &[], &[]);
    run(&text, &mut a);
    assert!(a.accusations.is_empty());
}

/// The matches of an aho-corasick leftmost-longest scan that do not start inside a word
/// (with a word character after another): what [`Matcher::for_each`] must report.
fn automaton_matches(patterns: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
    let automaton = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(patterns)
        .expect("short literals");
    automaton
        .find_iter(text)
        .filter(|m| {
            let inside = |c: Option<char>| c.is_some_and(is_word_char);
            !(inside(text[..m.start()].chars().next_back())
                && inside(text[m.start()..].chars().next()))
        })
        .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
        .collect()
}

fn matcher_matches(patterns: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    Matcher::new(patterns).for_each(text, |s, e, p| out.push((s, e, p)));
    out
}

/// The matches of two matchers searched in one pass.
fn pair_matches(a: &[&str], b: &[&str], text: &str) -> [Vec<(usize, usize, usize)>; 2] {
    pair_matches_in(a, b, text, &[crate::Span::new(0, text.len())])
}

/// The matches of two matchers searched in one pass over `spans` of the text.
fn pair_matches_in(
    a: &[&str],
    b: &[&str],
    text: &str,
    spans: &[crate::Span],
) -> [Vec<(usize, usize, usize)>; 2] {
    let mut out = [Vec::new(), Vec::new()];
    let (a, b) = (Matcher::new(a), Matcher::new(b));
    let starts = Starts::of(&[&a, &b]);
    a.for_each_with(&b, &starts, text, spans.iter().copied(), |w, s, e, p| {
        out[w].push((s, e, p));
    });
    out
}

/// Checks a search of some spans of `text` against the search of the whole `text`
/// (`expected`): every match found starting in a span, and no other than the whole
/// search finds.
fn check_spans(
    found: &[(usize, usize, usize)],
    expected: &[(usize, usize, usize)],
    spans: &[crate::Span],
    text: &str,
) {
    let inside = |m: &&(usize, usize, usize)| spans.iter().any(|s| s.start <= m.0 && m.0 < s.end);
    let kept: Vec<_> = found.iter().filter(inside).collect();
    assert_eq!(kept, expected.iter().filter(inside).collect::<Vec<_>>(), "{text} {spans:?}");
    assert!(found.iter().all(|m| expected.contains(m)), "{text} {spans:?}");
}

/// Checks one text against the automaton: the patterns alone, and with the patterns
/// without two-byte first words ("u." of "u.s. forces") in one pass.
fn check_matcher(text: &str) {
    let others: Vec<&str> =
        MATCHER_PATTERNS.iter().copied().filter(|p| !p.starts_with("u.")).collect();
    let expected = automaton_matches(MATCHER_PATTERNS, text);
    assert_eq!(matcher_matches(MATCHER_PATTERNS, text), expected, "{text}");
    let [a, b] = pair_matches(MATCHER_PATTERNS, &others, text);
    assert_eq!(a, expected, "{text}");
    let expected_others = automaton_matches(&others, text);
    assert_eq!(b, expected_others, "{text}");
    // Two spans: the second and the fourth quarter of the text.
    let boundary = |k: usize| (k * text.len() / 4..).find(|&i| text.is_char_boundary(i));
    if let [Some(q1), Some(q2), Some(q3)] = [1, 2, 3].map(boundary) {
        let spans = [crate::Span::new(q1, q2), crate::Span::new(q3, text.len())];
        let [a, b] = pair_matches_in(MATCHER_PATTERNS, &others, text, &spans);
        check_spans(&a, &expected, &spans, text);
        check_spans(&b, &expected_others, &spans, text);
    }
}

const MATCHER_PATTERNS: &[&str] = &[
    "hold talks",
    "talks",
    "open fire",
    "fire",
    "'ll",
    "will",
    "hit",
    "said",
    "say that",
    "talks with",
    "decline to comment",
    "to",
    "comment",
    "x.",
    "de-escalate",
    "it",
    "ção a",
    "a",
    "hold",
    "holds talks",
    "withhold",
    "charge that",
    "that",
    "él",
    "u.s. forces",
    "is ready",
    "ready",
];

#[test]
fn matcher_reports_what_an_automaton_reports() {
    let texts = [
        "Withhold talks with Iran; they 'll hit back, Putin said that talks withdrawn.",
        "we'll WILL xhold talks to comment decline to comments ax. x.'ll it's",
        "reopen fire. opened fire, unhold  talks; xdecline to comment. U.S. forces",
        "Ação a él ÉL hitting-hit -hit hit- withholds talks hold talks",
        "",
        "a",
        "'",
        "'ll",
        "holdtalks",
        "x.x. x.'ll",
        // A three-byte first word starting inside a word hides the match after it.
        "this ready, his  ready; is ready: -is ready éis ready 9is ready Is Ready",
    ];
    for text in texts {
        check_matcher(text);
    }
    // Random texts over fragments of the patterns.
    let pieces = [
        "hold", " ", "talks", "with", "'", "ll", "x", ".", "to", "comment", "de", "-", "it", "h",
        "T", "a", "ção", "él", "U.S.", "fire", "open", "re", "that", ", ", "charge", "s", "9",
        "HOLD", "  ", "Talks", "willing", "x-", "\u{2019}", "is", "ready", "th", "é",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..12 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        check_matcher(&text);
    }
}

#[test]
fn word_classes_fold_ascii_case_only() {
    use words::{AUX, DET, NEG, RECIP, REPORT, class};
    assert_eq!(class("SAID"), REPORT);
    assert_eq!(class("Said"), REPORT);
    assert_eq!(class("said,"), 0);
    assert_eq!(class("DIDN'T"), NEG);
    assert_eq!(class("Didn\u{2019}t"), NEG);
    assert_eq!(class("supercalifragilisticn't"), NEG);
    assert_eq!(class("supercalifragilisticexpin't"), 0);
    assert_eq!(class("n't"), NEG);
    assert_eq!(class("'t"), 0);
    assert_eq!(class("TEMPORARILY"), words::ADVERB);
    assert_eq!(class("Each"), DET | RECIP);
    assert_eq!(class("will") & AUX, AUX);
    assert_eq!(class("ÉACH"), 0);
    assert_eq!(class(""), 0);
}

#[test]
fn tokenizer_classes_words_as_the_word_table_does() {
    // Words of at most eight ASCII letters and digits are keyed by the tokenizer itself
    // (from the bytes that found their end); the others go through the table's own
    // reading. Both must give every word its class, in any case.
    use crate::accusation::tagged::View;
    let text = "ALTHOUGH Moscow's envoy said 13,000 troops were WITHDRAWN, the Kremlin did \
                not confirm it, whereas Kyiv\u{2014}which Moscow accuses\u{2014}said the U.S. \
                and AT&T\u{2019}s staff weren't told, According to 3 officials.";
    let mut view = View::empty(text);
    view.load(Span::new(0, text.len()), &[]);
    let words: Vec<&str> = (0..view.toks.len())
        .filter(|&i| view.toks[i].punct.is_none())
        .map(|i| view.word(i))
        .collect();
    assert_eq!(words[..6], ["ALTHOUGH", "Moscow's", "envoy", "said", "13,000", "troops"]);
    assert!(words.contains(&"AT&T\u{2019}s") && words.contains(&"U.S"), "{words:?}");
    for (i, t) in view.toks.iter().enumerate() {
        assert_eq!(t.class, words::class(view.word(i)), "{:?}", view.word(i));
    }
    let class_of = |word: &str| view.toks[first_token_reading(&view, word)].class;
    assert_eq!(class_of("ALTHOUGH") & words::SUB, words::SUB);
    assert_eq!(class_of("whereas") & words::SUB, words::SUB);
    assert_eq!(class_of("said"), words::REPORT);
    assert_eq!(class_of("weren't"), words::NEG);
    assert_eq!(class_of("envoy"), 0);
}

/// The index of the first token of `view` reading `word`.
fn first_token_reading(view: &crate::accusation::tagged::View<'_>, word: &str) -> usize {
    (0..view.toks.len()).find(|&i| view.word(i) == word).unwrap_or(usize::MAX)
}
