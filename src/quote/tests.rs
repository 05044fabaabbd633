//! Table tests for the quote stage, one table per family, on sentences written for them.

use crate::Extractor;
use crate::quote::{Quote, QuoteKind};

/// A fixed pseudo-random sequence (xorshift64) for the property tests of the quote
/// stage: each call gives a number below its argument.
pub(super) fn pseudo_random(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |n| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    }
}

/// One expected quote: its exact text, kind and the text of its speaker span.
type Want = (&'static str, QuoteKind, Option<&'static str>);

struct Case {
    name: &'static str,
    text: &'static str,
    quotes: &'static [Want],
}

macro_rules! case {
    ($name:expr, $text:expr, [$(($q:expr, $k:ident, $s:expr)),* $(,)?]) => {
        Case { name: $name, text: $text, quotes: &[$(($q, QuoteKind::$k, $s)),*] }
    };
}

fn quotes(text: &str) -> Vec<Quote> {
    Extractor::new().extract(text).quotes
}

fn check(cases: &[Case]) {
    for case in cases {
        let got = quotes(case.text);
        for &(want, kind, speaker) in case.quotes {
            let found = got.iter().find(|q| &case.text[q.span] == want);
            let Some(q) = found else {
                let all: Vec<&str> = got.iter().map(|q| &case.text[q.span]).collect();
                panic!("{}: no quote {want:?}; got {all:?}", case.name);
            };
            assert_eq!(q.kind, kind, "{}: kind of {want:?}", case.name);
            let got_speaker = q.speaker_span.map(|s| &case.text[s]);
            assert_eq!(got_speaker, speaker, "{}: speaker of {want:?}", case.name);
        }
    }
}

/// Every span of every quote lies on char boundaries inside the text.
fn assert_valid(text: &str, quotes: &[Quote]) {
    for q in quotes {
        for s in [Some(q.span), q.speaker_span, q.cue].into_iter().flatten() {
            assert!(s.start <= s.end && s.end <= text.len(), "span {s:?} out of range");
            assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "span {s:?} splits a char"
            );
        }
    }
}

const DIRECT: &[Case] = &[
    case!(
        "curly, speaker after",
        "“We will not back down,” the minister said.",
        [("“We will not back down,”", Direct, Some("the minister")),]
    ),
    case!(
        "straight, inverted order",
        "\"The talks are over,\" said Peskov.",
        [("\"The talks are over,\"", Direct, Some("Peskov")),]
    ),
    case!(
        "pronoun speaker",
        "“Nobody expected this,” she added. “It came overnight.”",
        [
            ("“Nobody expected this,”", Direct, Some("she")),
            ("“It came overnight.”", Direct, Some("she")),
        ]
    ),
    case!(
        "speaker before with comma",
        "Kremlin spokesman Dmitry Peskov stated, “There is no reciprocity.”",
        [("“There is no reciprocity.”", Direct, Some("Kremlin spokesman Dmitry Peskov")),]
    ),
    case!(
        "question mark then name",
        "“Why now?” Rivera asked. “Nobody can say.”",
        [("“Why now?”", Direct, Some("Rivera")), ("“Nobody can say.”", Direct, Some("Rivera")),]
    ),
    case!(
        "multi-sentence quote",
        "“The plant is closed. Workers were sent home. We wait,” a union leader said.",
        [(
            "“The plant is closed. Workers were sent home. We wait,”",
            Direct,
            Some("a union leader")
        ),]
    ),
    case!(
        "appositive speaker",
        "“Prices will rise,” Ana Ruiz, an economist at the bank, said on Monday.",
        [("“Prices will rise,”", Direct, Some("Ana Ruiz, an economist at the bank")),]
    ),
    case!(
        "dash attribution",
        "“I will vote for change.” ― Maria Lopez",
        [("“I will vote for change.”", Direct, Some("Maria Lopez")),]
    ),
    case!(
        "title and parenthesis",
        "“We need answers,” Sen. Tom Baker (R-Ohio) said.",
        [("“We need answers,”", Direct, Some("Sen. Tom Baker")),]
    ),
];

const PARAGRAPHS: &[Case] = &[
    case!(
        "speaker in the previous paragraph",
        "The governor said:\n“Help is on the way. Stay indoors.”",
        [("“Help is on the way. Stay indoors.”", Direct, Some("The governor")),]
    ),
    case!(
        "quote continues into the next paragraph",
        "“The first part ends here.\n“The second part closes it,” the mayor said.",
        [("“The first part ends here.\n“The second part closes it,”", Direct, Some("the mayor"))]
    ),
    case!(
        "orphan quote paragraph after a reported statement",
        "Trump stated that the call went well.\n“Just finished a great call with the president.”",
        [
            ("that the call went well", Indirect, Some("Trump")),
            ("“Just finished a great call with the president.”", Direct, Some("Trump")),
        ]
    ),
];

const SINGLE_QUOTES: &[Case] = &[
    case!(
        "single quotes beside apostrophes",
        "Zelenskyy described Ukraine’s talks as ‘positive’ and the ’90s as over.",
        [("Ukraine’s talks as ‘positive’ and the ’90s as over", Partial, Some("Zelenskyy"))]
    ),
    case!(
        "rock ’n’ roll is no quote",
        "He said rock ’n’ roll was back.",
        [("rock ’n’ roll was back", Indirect, Some("He")),]
    ),
    case!(
        "straight single quotes",
        "She called the plan 'a disaster' on Friday.",
        [("the plan 'a disaster' on Friday", Partial, Some("She")),]
    ),
];

const PARTIAL: &[Case] = &[
    case!(
        "fragment inside a that-clause",
        "Zelenskyy stated that the promise was “very much at odds with reality,” after the strikes.",
        [(
            "that the promise was “very much at odds with reality,” after the strikes",
            Partial,
            Some("Zelenskyy")
        )]
    ),
    case!(
        "described as",
        "The president described his call with the chancellor as \"very good.\"",
        [("his call with the chancellor as \"very good.\"", Partial, Some("The president"))]
    ),
    case!(
        "social media context",
        "In a post on his Truth Social account, Trump stated that the call aimed to “align both sides.”",
        [("that the call aimed to “align both sides.”", Partial, Some("Trump"))]
    ),
];

const INDIRECT: &[Case] = &[
    case!(
        "said that",
        "The ministry said that talks would resume next week.",
        [("that talks would resume next week", Indirect, Some("The ministry")),]
    ),
    case!(
        "said without that",
        "Officials also said the border would stay closed.",
        [("the border would stay closed", Indirect, Some("Officials")),]
    ),
    case!(
        "according to, after",
        "The army lost three tanks, according to a senior officer.",
        [("The army lost three tanks", Indirect, Some("a senior officer")),]
    ),
    case!(
        "according to, before",
        "According to the report, exports fell by a third.",
        [("exports fell by a third", Indirect, Some("the report")),]
    ),
    case!(
        "told reporters",
        "Lopez told reporters that the deal was dead.",
        [("that the deal was dead", Indirect, Some("Lopez")),]
    ),
    case!(
        "trailing attribution",
        "The bridge will reopen in May, a city spokeswoman said on Tuesday.",
        [("The bridge will reopen in May", Indirect, Some("a city spokeswoman")),]
    ),
    case!(
        "inverted trailing",
        "Growth will slow next year, said Batista.",
        [("Growth will slow next year", Indirect, Some("Batista")),]
    ),
    case!(
        "claimed and warned",
        "Russia claimed it had stopped the strikes. Kyiv warned that attacks continued.",
        [
            ("it had stopped the strikes", Indirect, Some("Russia")),
            ("that attacks continued", Indirect, Some("Kyiv")),
        ]
    ),
    case!(
        "participle takes the subject",
        "Moreno attacked the plan on Monday, saying it would cost jobs.",
        [("it would cost jobs", Indirect, Some("Moreno")),]
    ),
    case!(
        "coordinated verb",
        "Chen visited the plant and said production would double.",
        [("production would double", Indirect, Some("Chen")),]
    ),
    case!(
        "parenthetical attribution",
        "The new rules, she said, will hurt small farms badly.",
        [
            ("The new rules", Indirect, Some("she")),
            ("will hurt small farms badly", Indirect, Some("she")),
        ]
    ),
    case!(
        "paragraph quoted after a colon",
        "The senator wrote:\nThe program has failed and must end now.",
        [("The program has failed and must end now", Indirect, Some("The senator")),]
    ),
    case!(
        "transcript turn",
        "MORENO: We will open the border crossings next week.",
        [("We will open the border crossings next week", Indirect, Some("MORENO")),]
    ),
    case!(
        "took to a platform",
        "Zelenskyy took to X to share details of the meeting.",
        [("details of the meeting", Indirect, Some("Zelenskyy")),]
    ),
    case!(
        "subject with an appositive before the cue",
        "The board met on Monday. A spokeswoman for the port, Ana Ruiz, said the ferry \
         would resume service in March.",
        [(
            "the ferry would resume service in March",
            Indirect,
            Some("A spokeswoman for the port, Ana Ruiz")
        ),]
    ),
    case!(
        "partitive relative subject",
        "The farmers met the mayor, many of whom say the new canal has dried their fields.",
        [("the new canal has dried their fields", Indirect, Some("whom")),]
    ),
];

const REGRESSION: &[Case] = &[
    case!(
        "name with a cue word is no cue",
        "In an interview with the Washington Post Ortiz said the vote was fair.",
        [("the vote was fair", Indirect, Some("the Washington Post Ortiz")),]
    ),
    case!("noun cue needs a named speaker", "His early tweets drew criticism.", []),
    case!(
        "intro clause is not content",
        "When the mine closed, Mr. Clarke said he expected to sell it.",
        [("he expected to sell it", Indirect, Some("Mr. Clarke")),]
    ),
    case!(
        "demonstrative that ends the clause",
        "Rain fell all week. Lopez said the new levee would stop that.",
        [("the new levee would stop that", Indirect, Some("Lopez")),]
    ),
    case!(
        "impersonal passive has no speaker",
        "The week was calm. It was announced on Monday that the old mill would close in June.",
        [("that the old mill would close in June", Indirect, None),]
    ),
    case!(
        "role noun with noun modifiers after the content",
        "The new toll will not cut traffic, transport planning experts say.",
        [("The new toll will not cut traffic", Indirect, Some("transport planning experts")),]
    ),
    case!("function words are no modifiers", "Prices rose by half, more than analysts say.", []),
];

/// Attribution constructions added for recall: one case per family.
const CONSTRUCTIONS: &[Case] = &[
    case!(
        "participle after a direct quote takes its speaker",
        "“The plant is safe,” the mayor said, adding that inspectors would return in May.",
        [
            ("“The plant is safe,”", Direct, Some("the mayor")),
            ("that inspectors would return in May", Indirect, Some("the mayor")),
        ]
    ),
    case!(
        "participle after a quote introduced by a colon",
        "Acme said: “Our mill was profitable for years,” adding that its shares had tripled.",
        [
            ("“Our mill was profitable for years,”", Direct, Some("Acme")),
            ("that its shares had tripled", Indirect, Some("Acme")),
        ]
    ),
    case!(
        "progressive cue",
        "The governor is warning residents that the dam could fail.",
        [("that the dam could fail", Indirect, Some("The governor")),]
    ),
    case!(
        "negated progressive cue",
        "The prosecutor isn’t saying whether the charity broke any laws.",
        [("whether the charity broke any laws", Indirect, Some("The prosecutor")),]
    ),
    case!(
        "opening prepositional phrase is no content",
        "In the end, Halvorsen agreed to lend the county $5 million.",
        [("to lend the county $5 million", Indirect, Some("Halvorsen")),]
    ),
    case!(
        "lower-case modifiers before a name after a quoted fragment",
        "The mayor “has done nothing for the harbor,” retired navy captain Ines Falk said.",
        [(
            "The mayor “has done nothing for the harbor,”",
            Partial,
            Some("retired navy captain Ines Falk")
        ),]
    ),
    case!(
        "lower-case modifiers before a name after a straight quotation mark or a comma",
        "The mayor \"has done nothing for the harbor,\" retired navy captain Ines Falk said. \
         The harbor needs work, senior port engineer Ola Berg said.",
        [
            (
                "The mayor \"has done nothing for the harbor,\"",
                Partial,
                Some("retired navy captain Ines Falk")
            ),
            ("The harbor needs work", Indirect, Some("senior port engineer Ola Berg")),
        ]
    ),
    case!(
        "two-apostrophe fragment before an inverted attribution",
        "For small towns, the levy ''is a heavy burden,'' said Mr. Ostrow.",
        [("For small towns, the levy ''is a heavy burden,''", Indirect, Some("Mr. Ostrow")),]
    ),
    case!(
        "a speaker inside a conditional content does not cut it",
        "Farmers feared that if the dam failed, the county could lose its wells.",
        [("that if the dam failed, the county could lose its wells", Indirect, Some("Farmers")),]
    ),
    case!(
        "according to a source longer than a name",
        "According to a new survey by the port authority, freight traffic fell by a third.",
        [("freight traffic fell by a third", Indirect, Some("a new survey by the port authority")),]
    ),
    case!(
        "according to after a dash",
        "Half of the wells are dry — according to the state water board.",
        [("Half of the wells are dry", Indirect, Some("the state water board")),]
    ),
    case!(
        "possessive with a noun cue",
        "Reporters checked Maria Lopez’s claim that the river had doubled in width.",
        [("that the river had doubled in width", Indirect, Some("Maria Lopez’s")),]
    ),
    case!(
        "possessive pronoun with a modifier, content ends at the comma",
        "Despite his repeated assertion that the mill was safe, workers left.",
        [("that the mill was safe", Indirect, Some("his")),]
    ),
    case!(
        "trailing attribution with a named addressee",
        "The bridge will not reopen before May, Mayor Ann Ruiz told The Valley Courier.",
        [("The bridge will not reopen before May", Indirect, Some("Mayor Ann Ruiz")),]
    ),
    case!(
        "a share of people as speakers",
        "Prices rose again, and 63 percent said the new tariff was a mistake.",
        [("the new tariff was a mistake", Indirect, Some("63 percent")),]
    ),
    case!(
        "intention with an infinitive",
        "The Port Authority plans to dredge the northern channel next spring.",
        [("to dredge the northern channel next spring", Indirect, Some("The Port Authority")),]
    ),
    case!(
        "speech verb with about",
        "The minister spoke about the drought in the southern provinces.",
        [("the drought in the southern provinces", Indirect, Some("The minister")),]
    ),
    case!(
        "participle subject after an opening phrase",
        "During a rally in Leeds, Okafor attacked the budget, saying it would close clinics.",
        [("it would close clinics", Indirect, Some("Okafor")),]
    ),
    case!(
        "a parenthesis before an appositive",
        "“We were never told,” Rep. Ann Cole (R-Ohio), a member of the panel, said on Friday.",
        [("“We were never told,”", Direct, Some("Rep. Ann Cole (R-Ohio), a member of the panel")),]
    ),
    case!(
        "a document as the subject of a verb that is also a noun",
        "Another chart shows that most of the rice is grown in the delta.",
        [("that most of the rice is grown in the delta", Indirect, Some("Another chart")),]
    ),
    case!(
        "a bare plural subject",
        "The mine reopened, but ecologists worry that the river will suffer.",
        [("that the river will suffer", Indirect, Some("ecologists")),]
    ),
];

#[test]
fn attribution_constructions() {
    check(CONSTRUCTIONS);
    // A noun cue reports only after a possessive.
    assert!(quotes("The assertion that the river rose is odd.").is_empty());
    // "that" opening a relative clause is no complementizer.
    assert!(quotes("It spared them any criminal charges that might have followed.").is_empty());
}

#[test]
fn direct_quotes() {
    check(DIRECT);
}

#[test]
fn paragraph_continuations_and_leads() {
    check(PARAGRAPHS);
}

#[test]
fn single_quotes_and_apostrophes() {
    check(SINGLE_QUOTES);
}

#[test]
fn partial_quotes() {
    check(PARTIAL);
}

#[test]
fn indirect_speech() {
    check(INDIRECT);
}

#[test]
fn regressions() {
    check(REGRESSION);
    assert!(quotes("His early tweets drew criticism.").is_empty());
}

#[test]
fn single_quoted_titles_are_no_quotes() {
    assert!(quotes("‘Coal Is Not the Villain.’\nThe mine reopened in May.").is_empty());
    let text = "‘We are ready,’ she said.";
    let got = quotes(text);
    assert_eq!(got.len(), 1);
    assert_eq!(
        (got[0].kind, got[0].speaker_span.map(|s| &text[s])),
        (QuoteKind::Direct, Some("she"))
    );
}

#[test]
fn labels_before_a_colon_are_no_speakers() {
    assert!(quotes("Update: the bridge reopened on Monday afternoon.").is_empty());
}

#[test]
fn apostrophes_open_no_quote() {
    for text in
        ["Ukraine’s energy and the ’90s.", "Rock ’n’ roll, the players’ union and O’Neill’s car."]
    {
        assert!(quotes(text).is_empty(), "{text:?}");
    }
}

#[test]
fn two_apostrophe_quotes_are_attributed() {
    let text = "''We are ready,'' Mr. Ortiz said.";
    let got = quotes(text);
    assert_eq!(got.len(), 1);
    assert_eq!(&text[got[0].span], "''We are ready,''");
    assert_eq!(got[0].speaker_span.map(|s| &text[s]), Some("Mr. Ortiz"));
}

#[test]
fn seed_article_quotes() {
    let text = include_str!("../../examples/data/article.txt");
    let got = quotes(text);
    assert_valid(text, &got);
    let find = |needle: &str| {
        let at = text.find(needle).expect("needle in the article");
        got.iter()
            .find(|q| q.span.start <= at && at < q.span.end)
            .map(|q| (q.kind, q.speaker_span.map(|s| &text[s])))
    };
    assert_eq!(find("Just completed a very good").map(|q| q.0), Some(QuoteKind::Direct));
    assert_eq!(find("We are very much on track"), Some((QuoteKind::Direct, Some("he"))));
    assert_eq!(
        find("there is no reciprocity"),
        Some((QuoteKind::Direct, Some("Kremlin spokesman Dmitry Peskov")))
    );
    assert_eq!(find("very much at odds with reality").map(|q| q.0), Some(QuoteKind::Partial));
}

#[test]
fn unbalanced_and_unclosed_quotes() {
    for text in [
        "“This never closes, the mayor said.",
        "He said ” nothing “ at all ” here.",
        "\"\"\"\"\" said \"\" \"",
        "‘‘‘ ’’’ ‘ said",
        "''''''''' Mr. X said ''",
        "“",
        "”",
        "said",
        "according to",
        "",
        "   \n\n  ",
    ] {
        let got = quotes(text);
        assert_valid(text, &got);
    }
    let text = "“This never closes, the mayor said.\nNext paragraph is plain.";
    let got = quotes(text);
    assert!(
        got.iter().all(|q| q.span.end <= text.find('\n').unwrap()),
        "an unclosed quote stops at its paragraph"
    );
}

/// The quote stage alone, after segmentation (no actors): what the hostile inputs time.
fn quotes_only(text: &str) -> Vec<Quote> {
    let mut analysis = crate::Analysis::default();
    crate::segment::Segmenter::new().run(text, false, &mut analysis);
    crate::quote::QuoteFinder::new().run(text, &mut analysis);
    analysis.quotes
}

#[test]
fn hostile_inputs_stay_linear() {
    let quotes = quotes_only;
    // Each of these would take minutes if any step were quadratic.
    let marks = "\"".repeat(100_000);
    assert_valid(&marks, &quotes(&marks));
    let curly = "“a ".repeat(50_000) + &"” said he. ".repeat(50_000);
    assert_valid(&curly, &quotes(&curly));
    let singles = "‘x ’s ".repeat(50_000);
    assert_valid(&singles, &quotes(&singles));
    let cues = "he said that ".repeat(100_000);
    assert_valid(&cues, &quotes(&cues));
    let caps = "Aaa ".repeat(500_000) + "said it.";
    assert_valid(&caps, &quotes(&caps));
    let commas = "X, ".repeat(200_000) + "said Bob.";
    assert_valid(&commas, &quotes(&commas));
    let long_sentence = "word ".repeat(400_000) + "said the man “and a quote";
    assert_valid(&long_sentence, &quotes(&long_sentence));
    let paragraphs = "He said:\n“Yes.”\n".repeat(20_000);
    assert_valid(&paragraphs, &quotes(&paragraphs));
}

/// A leftmost-longest, ASCII case-insensitive automaton over the cue list, filtered to word
/// boundaries: the search the cue matcher must agree with.
fn reference_cues(text: &str) -> Vec<(usize, usize, super::lexicon::CueClass)> {
    use super::lexicon::{CueClass, char_after, char_before};
    static REFERENCE: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<CueClass>)> =
        std::sync::OnceLock::new();
    let (ac, classes) = REFERENCE.get_or_init(|| {
        let mut forms = Vec::new();
        let mut classes = Vec::new();
        for line in include_str!("../../data/quote/cues.tsv").lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (form, class) = line.split_once('\t').unwrap_or((line, "say"));
            forms.push(form.trim());
            classes.push(match class.trim() {
                "tell" => CueClass::Tell,
                "sayn" => CueClass::SayNoun,
                "according" => CueClass::According,
                "noun" => CueClass::Noun,
                _ => CueClass::Say,
            });
        }
        let ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&forms)
            .expect("the cue list compiles");
        (ac, classes)
    });
    ac.find_iter(text)
        .filter(|m| {
            char_before(text, m.start()).is_none_or(|c| !c.is_alphanumeric())
                && char_after(text, m.end()).is_none_or(|c| !c.is_alphanumeric())
        })
        .map(|m| (m.start(), m.end(), classes[m.pattern().as_usize()]))
        .collect()
}

#[test]
fn cue_matcher_agrees_with_automaton() {
    let lex = super::lexicon::Lexicon::new();
    // Pieces that meet inside words and across the words of multi-word forms.
    const PIECES: &[&str] = &[
        "went",
        "Gwent",
        "on",
        "to",
        "say",
        "says",
        "saying",
        "SAID",
        "said",
        "x",
        "G",
        "re",
        "called",
        "recalled",
        "onion",
        "for",
        "according",
        "point",
        "points",
        "out",
        "ward",
        "spoke",
        "of",
        "railed",
        "de",
        "against",
        "told",
        "tell",
        "Ask",
        "2",
        "é",
        "’",
        "-",
        ".",
        ",",
        "\"",
        "  ",
    ];
    const SEPARATORS: &[&str] = &[" ", " ", " ", "", "", "\n", "é"];
    let mut next = pseudo_random(0x2545_f491_4f6c_dd1d);
    for _ in 0..20_000 {
        let mut text = String::new();
        for _ in 0..next(14) + 1 {
            text.push_str(PIECES[next(PIECES.len())]);
            text.push_str(SEPARATORS[next(SEPARATORS.len())]);
        }
        let mut got = Vec::new();
        lex.cues(&text, &[], &mut got);
        assert_eq!(got, reference_cues(&text), "{text:?}");
    }
    for text in ["Gwent on to say so", "xwent on to saywent on to says", "he went on to say it"] {
        let mut got = Vec::new();
        lex.cues(text, &[], &mut got);
        assert_eq!(got, reference_cues(text), "{text:?}");
    }
}

/// Outside the quoted segments, the cues found while skipping them are those found over the
/// whole text: also where a segment never closes and ends in the middle of a multi-word
/// form ("went on to say").
#[test]
fn cues_skip_quotes_exactly() {
    use crate::Span;
    let lex = super::lexicon::Lexicon::new();
    const PIECES: &[&str] =
        &["went on to", "say", "said", "according", "to", "told", "“", "”", "\"", "x", "\n\n"];
    let mut next = pseudo_random(0x9e37_79b9_7f4a_7c15);
    let mut skipped_some = 0;
    for _ in 0..5_000 {
        let mut text = String::new();
        for _ in 0..next(16) + 1 {
            text.push_str(PIECES[next(PIECES.len())]);
            text.push(' ');
        }
        let paras: Vec<Span> = text
            .split("\n\n")
            .scan(0, |at, p| {
                let span = Span::new(*at, *at + p.len());
                *at += p.len() + 2;
                Some(span)
            })
            .collect();
        let quoted = quoted_spans(&text, &paras);
        let outside = |c: &(usize, usize, _)| !quoted.iter().any(|g| g.start < c.0 && c.0 < g.end);
        let mut all = Vec::new();
        lex.cues(&text, &[], &mut all);
        all.retain(outside);
        let mut skipping = Vec::new();
        lex.cues(&text, &quoted, &mut skipping);
        skipping.retain(outside);
        assert_eq!(skipping, all, "{text:?}");
        skipped_some += usize::from(!quoted.is_empty());
    }
    assert!(skipped_some > 1_000);
}

/// Sentence ends found while skipping quoted spans are those found without skipping, less
/// the ones strictly inside a span.
#[test]
fn sentence_ends_skip_quotes_exactly() {
    use super::lexicon::Lexicon;
    use super::words::sentence_ends;
    use crate::Span;
    let lex = Lexicon::new();
    let texts = [
        "He said. “We left. Then we came back.” She stayed. “Why? Because!” Done.",
        "“Go.” “Stop.” “Mr. Smith arrived.” The U.S. agreed. “It is over,” he said.",
        "A “quote. With” ends. “Open. Never closed. Still going. Really.",
        "Odd “…!?” marks. “.” “!” She said: “No. (Yes.) Maybe.” End.",
    ];
    for text in texts {
        let para = Span::new(0, text.len());
        let quoted = quoted_spans(text, &[para]);
        let inside = |c: usize| quoted.iter().any(|g| g.start < c && c < g.end);
        let mut all = Vec::new();
        sentence_ends(text, para, (&[], &[]), &lex, &mut all);
        all.retain(|&c| !inside(c));
        let mut skipped = Vec::new();
        sentence_ends(text, para, (&quoted, &[]), &lex, &mut skipped);
        skipped.retain(|&c| !inside(c));
        assert_eq!(all, skipped, "{text}");
    }
}

/// Sentence ends found while leaving out those on known cuts, with the known cuts, are the
/// ends found without them, with the known cuts: whichever ends are known, and known cuts
/// that are no ends too.
#[test]
fn sentence_ends_known_cuts_change_nothing() {
    use super::lexicon::Lexicon;
    use super::words::sentence_ends;
    use crate::Span;
    let lex = Lexicon::new();
    let texts = [
        "He said. “We left. Then we came back.” She stayed. “Why? Because!” Done.",
        "“Go.” “Stop.” “Mr. Smith arrived.” The U.S. agreed. “It is over,” he said.",
        "It rose 3.5 percent. (Really.) Prices fell!! Then?  What next... Nothing. 'Yes.' No",
        "Odd “…!?” marks. “.” “!” She said: “No. (Yes.) Maybe.” End.",
        "Go. Hi. Ok! We? So. Up. At.” “Be. On.",
    ];
    for text in texts {
        let para = Span::new(0, text.len());
        let quoted = quoted_spans(text, &[para]);
        let mut all = Vec::new();
        sentence_ends(text, para, (&quoted, &[]), &lex, &mut all);
        assert!(all.len() >= 3, "{text}: {all:?}");
        // Every pattern of known ends, with offsets that are no ends among them.
        for pattern in 0u32..64 {
            let mut known: Vec<usize> = all
                .iter()
                .enumerate()
                .filter(|(n, _)| pattern >> (n % 6) & 1 == 1)
                .map(|(_, &c)| c)
                .collect();
            known.extend((pattern as usize..text.len()).step_by(7));
            known.sort_unstable();
            known.dedup();
            let mut found = Vec::new();
            sentence_ends(text, para, (&quoted, &known), &lex, &mut found);
            assert!(found.iter().all(|c| !known.contains(c)), "{text}: {found:?}");
            let mut with = [found, known.clone()].concat();
            with.sort_unstable();
            with.dedup();
            let mut without = [all.clone(), known].concat();
            without.sort_unstable();
            without.dedup();
            assert_eq!(with, without, "{text}, pattern {pattern}");
        }
    }
}

/// A run-on sentence with a cue every few words: every cue finds its speaker next to it
/// and its content reaches the sentence's end (or the next comma, after a possessive), all
/// the way along. The windows around the cues overlap and share their tokens, and the
/// searches for a comma keep their answers, so this checks that nothing is lost on the way.
#[test]
fn long_sentence_with_many_cues() {
    let unit = "officials in Kyiv said the talks went on and ";
    let n = 3000;
    let text: &str = &unit.repeat(n);
    let got = quotes(text);
    assert_eq!(got.len(), n);
    for (i, q) in got.iter().enumerate() {
        let at = i * unit.len();
        assert_eq!(q.kind, QuoteKind::Indirect);
        assert_eq!(q.speaker_span.map(|s| (s.start - at, &text[s])), Some((13, "Kyiv")));
        assert_eq!(q.speaker.as_deref(), Some("loc:kyiv"));
        assert_eq!(q.cue.map(|c| &text[c]), Some("said"));
        assert_eq!((q.span.start - at, q.span.end), (23, text.trim_end().len()));
    }
    let unit = "Zelenskyy’s claim that the talks went on, ";
    let text: &str = &unit.repeat(n);
    let got = quotes(text);
    assert_eq!(got.len(), n);
    for (i, q) in got.iter().enumerate() {
        let at = i * unit.len();
        assert_eq!(&text[q.span], "that the talks went on", "quote {i}");
        assert_eq!(q.speaker_span.map(|s| s.start - at), Some(0));
        assert_eq!(q.cue.map(|c| &text[c]), Some("claim"));
    }
}

/// The spans of the quoted segments of `text` in `paras`, in text order.
fn quoted_spans(text: &str, paras: &[crate::Span]) -> Vec<crate::Span> {
    let mut segs = Vec::new();
    super::marks::segments(text, paras, &mut Vec::new(), &mut segs);
    segs.iter().map(|g| g.span).collect()
}
