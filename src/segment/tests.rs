use super::*;

/// A splitter test: a name, a text and the sentences expected from it.
struct SplitTest {
    name: &'static str,
    text: &'static str,
    sentences: &'static [&'static str],
}

macro_rules! t {
    ($name:expr, $text:expr, [$($s:expr),* $(,)?]) => {
        SplitTest { name: $name, text: $text, sentences: &[$($s),*] }
    };
}

const BASICS: &[SplitTest] = &[
    t!("period", "Talks ended. Both sides left.", ["Talks ended.", "Both sides left."]),
    t!("question", "Will it hold? Nobody knows.", ["Will it hold?", "Nobody knows."]),
    t!("exclamation", "It held! Nobody expected it.", ["It held!", "Nobody expected it."]),
    t!("runs", "Really?! Yes!! Fine.", ["Really?!", "Yes!!", "Fine."]),
    t!("lowercase after !", "He joined Yahoo! in 2004.", ["He joined Yahoo! in 2004."]),
    t!(
        "brand with a lowercase start",
        "Sales fell at eBay. iPhone sales rose.",
        ["Sales fell at eBay.", "iPhone sales rose."]
    ),
    t!("no final stop", "Talks ended. Both sides left", ["Talks ended.", "Both sides left"]),
    t!(
        "number start",
        "Talks ended in 1987. 2003 was different.",
        ["Talks ended in 1987.", "2003 was different."]
    ),
    t!("extra spaces", "  One.   Two.  ", ["One.", "Two."]),
    t!("unicode spaces", "One.\u{a0}Two.\u{2009}Three.", ["One.", "Two.", "Three."]),
];

const ABBREVIATIONS: &[SplitTest] = &[
    t!(
        "titles",
        "Mr. Putin met Gen. Gerasimov and Sen. Graham.",
        ["Mr. Putin met Gen. Gerasimov and Sen. Graham."]
    ),
    t!(
        "title before a starter",
        "Gov. The Honourable Smith spoke.",
        ["Gov. The Honourable Smith spoke."]
    ),
    t!(
        "initialism mid-sentence",
        "The U.S. Senate and the U.N. agency met.",
        ["The U.S. Senate and the U.N. agency met."]
    ),
    t!(
        "initialism at the end",
        "He lives in the U.S. He likes it.",
        ["He lives in the U.S.", "He likes it."]
    ),
    t!(
        "time",
        "They met at 5 p.m. on Friday. At 9 a.m. The talks resumed.",
        ["They met at 5 p.m. on Friday.", "At 9 a.m.", "The talks resumed."]
    ),
    t!(
        "time inside",
        "It starts at 3 p.m. Tuesday and at 10 a.m. EST on Friday.",
        ["It starts at 3 p.m. Tuesday and at 10 a.m. EST on Friday."]
    ),
    t!("time opening a sentence", "At 9 a.m. Biden spoke.", ["At 9 a.m. Biden spoke."]),
    t!(
        "time ending a sentence",
        "The meeting ended at 3 p.m. Officials called it useful.",
        ["The meeting ended at 3 p.m.", "Officials called it useful."]
    ),
    t!(
        "time before a bracket",
        "The fire began at 6 p.m. (local time) and spread.",
        ["The fire began at 6 p.m. (local time) and spread."]
    ),
    t!(
        "months",
        "On Sept. 11 and Jan. 6 crowds gathered.",
        ["On Sept. 11 and Jan. 6 crowds gathered."]
    ),
    t!(
        "company",
        "Shares of Acme Inc. Chairman Bob Smith fell. He sold Acme Inc. It rose.",
        ["Shares of Acme Inc. Chairman Bob Smith fell.", "He sold Acme Inc.", "It rose."]
    ),
    t!(
        "suffix",
        "Martin Luther King Jr. Day is a holiday.",
        ["Martin Luther King Jr. Day is a holiday."]
    ),
    t!(
        "number prefix",
        "See No. 5 on p. 12 of Vol. 3. Then stop.",
        ["See No. 5 on p. 12 of Vol. 3.", "Then stop."]
    ),
    t!("number prefix as a word", "He said no. Talks ended.", ["He said no.", "Talks ended."]),
    t!(
        "inner",
        "Allies, e.g. France and Germany, agreed. Others, i.e. The rest, did not.",
        ["Allies, e.g. France and Germany, agreed.", "Others, i.e. The rest, did not."]
    ),
    t!(
        "saint and street",
        "St. Petersburg is far from Main St. The bus takes a day.",
        ["St. Petersburg is far from Main St.", "The bus takes a day."]
    ),
    t!(
        "state",
        "Born in Springfield, Ill., he moved to Peoria, Ill. The move paid off.",
        ["Born in Springfield, Ill., he moved to Peoria, Ill.", "The move paid off."]
    ),
    t!(
        "versus",
        "The ruling in Roe v. Wade stood. Later it fell.",
        ["The ruling in Roe v. Wade stood.", "Later it fell."]
    ),
    t!("apostrophe inside", "The Gov't. Office said so.", ["The Gov't. Office said so."]),
    t!("circa", "The chapel (c. 1450) survives.", ["The chapel (c. 1450) survives."]),
    t!("all caps title", "MR. SMITH LEFT. HE RETURNED.", ["MR. SMITH LEFT.", "HE RETURNED."]),
    t!(
        "all caps starter",
        "IT MOVED TO THE U.S. THE MOVE WORKED.",
        ["IT MOVED TO THE U.S.", "THE MOVE WORKED."]
    ),
];

const INITIALS: &[SplitTest] = &[
    t!(
        "initials",
        "J. K. Rowling and George W. Bush met.",
        ["J. K. Rowling and George W. Bush met."]
    ),
    t!("pronoun I", "It was you and I. Then we left.", ["It was you and I.", "Then we left."]),
    t!("initial I", "Albert I. Jones came.", ["Albert I. Jones came."]),
    t!(
        "letter before a starter",
        "They chose Plan B. The plan failed.",
        ["They chose Plan B.", "The plan failed."]
    ),
];

const NUMBERS: &[SplitTest] = &[
    t!(
        "decimals",
        "Growth was 3.5 percent. Prices rose 1,000.5 points.",
        ["Growth was 3.5 percent.", "Prices rose 1,000.5 points."]
    ),
    t!(
        "money",
        "She paid $100.00 in cash. It cost £3.50.",
        ["She paid $100.00 in cash.", "It cost £3.50."]
    ),
    t!("money at the end", "She has $100.00. It is enough.", ["She has $100.00.", "It is enough."]),
    t!(
        "version",
        "Update to version 2.4.1 now. It fixes bugs.",
        ["Update to version 2.4.1 now.", "It fixes bugs."]
    ),
];

const WEB: &[SplitTest] = &[
    t!(
        "url",
        "Read https://example.org/a.b/c.html. Then reply.",
        ["Read https://example.org/a.b/c.html.", "Then reply."]
    ),
    t!(
        "email",
        "Write to press.office@example.gov.uk. I will answer.",
        ["Write to press.office@example.gov.uk.", "I will answer."]
    ),
    t!("domain", "He founded Amazon.com in 1994.", ["He founded Amazon.com in 1994."]),
];

const ELLIPSES: &[SplitTest] = &[
    t!("before lowercase", "We waited... and waited.", ["We waited... and waited."]),
    t!("before capital", "We waited... Nobody came.", ["We waited...", "Nobody came."]),
    t!("unicode ellipsis", "We waited… Nobody came.", ["We waited…", "Nobody came."]),
    t!("before I", "We waited . . . I gave up.", ["We waited . . . I gave up."]),
    t!("four dots", "I never said that.... She left.", ["I never said that....", "She left."]),
    t!(
        "period then ellipsis",
        "It ended. . . . Then it began again.",
        ["It ended.", ". . . Then it began again."]
    ),
    t!(
        "omission",
        "\"The talks [...] failed\" (Smith 2020).",
        ["\"The talks [...] failed\" (Smith 2020)."]
    ),
];

const QUOTES: &[SplitTest] = &[
    t!(
        "period after a quoted word",
        "He called it \"theft\". The board disagreed.",
        ["He called it \"theft\".", "The board disagreed."]
    ),
    t!(
        "comma inside quote",
        "“We are on track,” he added. Talks resume.",
        ["“We are on track,” he added.", "Talks resume."]
    ),
    t!(
        "period inside quote",
        "He called it “a step.” Talks resume.",
        ["He called it “a step.”", "Talks resume."]
    ),
    t!(
        "question inside quote",
        "“Why now?” asked Smith. Nobody knew.",
        ["“Why now?” asked Smith.", "Nobody knew."]
    ),
    t!(
        "attribution after question",
        "“Why now?” Smith asked. Nobody knew.",
        ["“Why now?” Smith asked.", "Nobody knew."]
    ),
    t!(
        "lowercase after quote",
        "She said, 'This is great.' she smiled.",
        ["She said, 'This is great.' she smiled."]
    ),
    t!(
        "inside a long quotation",
        "“We agreed. We believe peace is near. It will come,” he said.",
        ["“We agreed.", "We believe peace is near.", "It will come,” he said."]
    ),
    t!(
        "quoted initials split inside",
        "“I met A. B. Smith. He agreed. We left.”",
        ["“I met A. B. Smith.", "He agreed.", "We left.”"]
    ),
    t!("next opens a quote", "He spoke. “We won,” he said.", ["He spoke.", "“We won,” he said."]),
    t!("possessive after abbreviation", "That is JFK Jr.'s book.", ["That is JFK Jr.'s book."]),
];

const BRACKETS: &[SplitTest] = &[
    t!(
        "parenthesized sentence",
        "He left (he had worked there for years.) at noon.",
        ["He left (he had worked there for years.) at noon."]
    ),
    t!(
        "bracket after a stop",
        "The war ended. (Photo: AP) Crowds gathered.",
        ["The war ended.", "(Photo: AP) Crowds gathered."]
    ),
    t!(
        "reference marks",
        "He was born in 1950. [1] [2] He died in 2014. [3]",
        ["He was born in 1950. [1] [2]", "He died in 2014. [3]"]
    ),
];

const LISTS: &[SplitTest] = &[
    t!("numbered", "1. Talks resume 2. Troops withdraw", ["1. Talks resume", "2. Troops withdraw"]),
    t!(
        "numbered with stops",
        "1. Talks resume. 2. Troops withdraw.",
        ["1. Talks resume.", "2. Troops withdraw."]
    ),
    t!(
        "parenthesis",
        "1) Talks resume 2) Troops withdraw",
        ["1) Talks resume", "2) Troops withdraw"]
    ),
    t!(
        "dot parenthesis",
        "1.) Talks resume 2.) Troops withdraw",
        ["1.) Talks resume", "2.) Troops withdraw"]
    ),
    t!(
        "lettered",
        "a. Talks resume b. Troops withdraw c. Aid flows",
        ["a. Talks resume", "b. Troops withdraw", "c. Aid flows"]
    ),
    t!(
        "bulleted",
        "• 9. Talks resume • 10. Troops withdraw",
        ["• 9. Talks resume", "• 10. Troops withdraw"]
    ),
    t!("section number", "2.1. Background of the talks", ["2.1. Background of the talks"]),
    t!("bulleted number", "- 12. Talks resume", ["- 12. Talks resume"]),
    t!("bulleted roman numeral", "- iv. Talks resume", ["- iv. Talks resume"]),
    t!(
        "year before a quotation",
        "Prices rose in 2023. \"We expect more,\" he said.",
        ["Prices rose in 2023.", "\"We expect more,\" he said."]
    ),
    t!(
        "number inside text",
        "The vote was 3 to 2. The bill failed.",
        ["The vote was 3 to 2.", "The bill failed."]
    ),
];

const PARAGRAPHS: &[SplitTest] = &[
    t!(
        "line break",
        "Talks ended\nBoth sides left. Nobody spoke",
        ["Talks ended", "Both sides left.", "Nobody spoke"]
    ),
    t!("blank line and CRLF", "One\r\n\r\nTwo. Three.\r\n", ["One", "Two.", "Three."]),
    t!("carriage returns", "One\rTwo. Three.\r", ["One", "Two.", "Three."]),
    t!("abbreviation at a line end", "He met Gen.\nSmith left.", ["He met Gen.", "Smith left."]),
    t!(
        "dateline",
        "Oil rises\nTOKYO, March 2 - Oil rose. It fell later.",
        ["Oil rises", "TOKYO, March 2 -", "Oil rose.", "It fell later."]
    ),
];

const REGRESSION: &[SplitTest] = &[
    t!("empty", "", []),
    t!("only space", " \n\t \u{a0}", []),
    t!("only punctuation", "... ?! .", ["... ?! ."]),
    t!("lone bracket", "[", ["["]),
    t!("unclosed citation", "It ended. [12 Then", ["It ended.", "[12 Then"]),
];

fn sentences<'t>(seg: &Segmenter, text: &'t str) -> Vec<&'t str> {
    seg.sentences(text).into_iter().map(|s| &text[s]).collect()
}

#[test]
fn splitter_tables() {
    let seg = Segmenter::new();
    let groups = [
        BASICS,
        ABBREVIATIONS,
        INITIALS,
        NUMBERS,
        WEB,
        ELLIPSES,
        QUOTES,
        BRACKETS,
        LISTS,
        PARAGRAPHS,
        REGRESSION,
    ];
    let mut failures = Vec::new();
    for test in groups.iter().flat_map(|g| g.iter()) {
        let got = sentences(&seg, test.text);
        if got != test.sentences {
            failures.push(format!(
                "{}: {:?}\n  want {:?}\n  got  {:?}",
                test.name, test.text, test.sentences, got
            ));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// A paragraph test: a text and the kinds and texts of its paragraphs.
struct ParagraphTest {
    name: &'static str,
    text: &'static str,
    paragraphs: &'static [(ParagraphKind, &'static str)],
}

const KINDS: &[ParagraphTest] = {
    use ParagraphKind::*;
    &[
        ParagraphTest {
            name: "headline, byline, bullets, body",
            text: "Trump speaks to Zelenskyy: Calls aimed to align Russia\nby India Today News Desk\n\
                   - Trump and Zelenskyy held an hour-long call\n* A second point\n\
                   The leaders spoke on Wednesday.",
            paragraphs: &[
                (Headline, "Trump speaks to Zelenskyy: Calls aimed to align Russia"),
                (Byline, "by India Today News Desk"),
                (Bullet, "- Trump and Zelenskyy held an hour-long call"),
                (Bullet, "* A second point"),
                (Body, "The leaders spoke on Wednesday."),
            ],
        },
        ParagraphTest {
            name: "wire copy",
            text: "JAPAN RAISES RATES\n\nTOKYO, March 2 - The Bank of Japan raised rates.\n\n\
                   LONDON - Markets fell.\n\nReporting by Jane Doe; Editing by John Roe",
            paragraphs: &[
                (Headline, "JAPAN RAISES RATES"),
                (Dateline, "TOKYO, March 2 -"),
                (Body, "The Bank of Japan raised rates."),
                (Body, "LONDON - Markets fell."),
                (Byline, "Reporting by Jane Doe; Editing by John Roe"),
            ],
        },
        ParagraphTest {
            name: "agency dateline with em dash",
            text: "Kyiv (Reuters) — Drones struck overnight.",
            paragraphs: &[(Dateline, "Kyiv (Reuters) —"), (Body, "Drones struck overnight.")],
        },
        ParagraphTest {
            name: "not a dateline",
            text: "Ukraine said the strike - its third - failed.\nBy the end, talks had stalled.",
            paragraphs: &[
                (Body, "Ukraine said the strike - its third - failed."),
                (Body, "By the end, talks had stalled."),
            ],
        },
        ParagraphTest {
            name: "numbered items and a subheading",
            text: "The plan has steps.\n1. Stop firing\n2) Talk\nWhat comes next\nMore talks.",
            paragraphs: &[
                (Body, "The plan has steps."),
                (Bullet, "1. Stop firing"),
                (Bullet, "2) Talk"),
                (Headline, "What comes next"),
                (Body, "More talks."),
            ],
        },
        ParagraphTest {
            name: "a single line is body",
            text: "  Talks resumed  ",
            paragraphs: &[(Body, "Talks resumed")],
        },
    ]
};

#[test]
fn paragraph_kinds() {
    let seg = Segmenter::new();
    for test in KINDS {
        let got: Vec<_> =
            seg.paragraphs(test.text).iter().map(|p| (p.kind, &test.text[p.span])).collect();
        assert_eq!(got, test.paragraphs, "{}", test.name);
    }
}

#[test]
fn tokens_table() {
    let cases: &[(&str, &[&str])] = &[
        ("Ukraine’s energy", &["Ukraine", "’s", "energy"]),
        ("Russia's 30-day ceasefire", &["Russia", "'s", "30-day", "ceasefire"]),
        ("an hour-long call", &["an", "hour-long", "call"]),
        ("3.5 percent of 1,000", &["3.5", "percent", "of", "1,000"]),
        ("the U.S. and U.N. said", &["the", "U.S.", "and", "U.N.", "said"]),
        ("at 5 a.m. today", &["at", "5", "a.m.", "today"]),
        ("pro- and anti-war", &["pro", "and", "anti-war"]),
        ("“Yes,” he said.", &["Yes", "he", "said"]),
        ("", &[]),
    ];
    let seg = Segmenter::new();
    for (text, want) in cases {
        let got: Vec<_> =
            seg.tokens(text, Span::new(0, text.len())).iter().map(|t| &text[t.span]).collect();
        assert_eq!(&got, want, "{text:?}");
    }
    let text = "Hello world.";
    assert_eq!(seg.tokens(text, Span::new(6, 11)), [Token { span: Span::new(6, 11) }]);
    assert!(seg.tokens(text, Span::new(3, 99)).is_empty());
}

#[test]
fn run_fills_the_analysis() {
    let text = "Talks resume\nMr. Smith spoke. He left.";
    let mut analysis = Analysis::default();
    Segmenter::new().run(text, true, &mut analysis);
    assert_eq!(analysis.paragraphs.len(), 2);
    let got: Vec<_> = analysis.sentences.iter().map(|s| (&text[s.span], s.paragraph)).collect();
    assert_eq!(got, [("Talks resume", 0), ("Mr. Smith spoke.", 1), ("He left.", 1)]);
    assert_eq!(analysis.tokens.len(), 7);
}

/// A deterministic generator of hostile text: words, abbreviations, punctuation runs,
/// quotes, brackets, list markers, line breaks, multibyte characters.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn text(&mut self, pieces: usize) -> String {
        const PIECES: &[&str] = &[
            "word",
            "The",
            "Mr.",
            "U.S.",
            "a.m.",
            "J.",
            "I.",
            "No.",
            "3.5",
            "1,000",
            "$",
            "ü",
            "Ukraine’s",
            "é",
            "日本",
            "😀",
            ".",
            ". ",
            "?",
            "!",
            "?!",
            "...",
            "…",
            ". . .",
            "\"",
            "'",
            "“",
            "”",
            "‘",
            "’",
            "(",
            ")",
            "[",
            "]",
            "[1]",
            "\n",
            "\n\n",
            "\r\n",
            " ",
            "  ",
            "\u{a0}",
            "\u{2009}",
            "\t",
            "1.",
            "2.",
            "a.",
            "b)",
            "• ",
            "- ",
            "TOKYO, March 2 - ",
            "By ",
            "-",
            "—",
            "e.g.",
            "Inc.",
            "http://x.org/a.b",
            "said",
            "asked",
        ];
        let mut s = String::new();
        for _ in 0..pieces {
            s.push_str(PIECES[(self.next() % PIECES.len() as u64) as usize]);
            if self.next() % 3 == 0 {
                s.push(' ');
            }
        }
        s
    }
}

/// Checks the invariants of a segmentation of `text`.
fn check_invariants(seg: &Segmenter, text: &str) {
    let non_space = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    let paragraphs = seg.paragraphs(text);
    let mut analysis = Analysis::default();
    seg.run(text, true, &mut analysis);
    assert_eq!(analysis.paragraphs, paragraphs);
    let sentences: Vec<Span> = analysis.sentences.iter().map(|s| s.span).collect();
    assert_eq!(sentences, seg.sentences(text), "{text:?}");
    for spans in [paragraphs.iter().map(|p| p.span).collect::<Vec<_>>(), sentences] {
        let mut last_end = 0;
        let mut covered = 0;
        for span in &spans {
            assert!(span.start < span.end && span.end <= text.len(), "{span:?} in {text:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            assert!(span.start >= last_end, "overlap at {span:?} in {text:?}");
            let inner = &text[*span];
            assert_eq!(inner.trim(), inner, "untrimmed {span:?} in {text:?}");
            assert_eq!(
                non_space(&text[last_end..span.start]),
                0,
                "gap before {span:?} in {text:?}"
            );
            covered += non_space(inner);
            last_end = span.end;
        }
        assert_eq!(covered, non_space(text), "{text:?}");
    }
    for s in &analysis.sentences {
        let p = paragraphs[s.paragraph].span;
        assert!(p.contains(s.span), "sentence {:?} outside paragraph {p:?}", s.span);
    }
    let mut last_end = 0;
    for t in &analysis.tokens {
        assert!(t.span.start >= last_end && t.span.start < t.span.end && t.span.end <= text.len());
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        last_end = t.span.end;
    }
}

#[test]
fn invariants_on_generated_text() {
    let seg = Segmenter::new();
    let mut g = Gen(0x9E37_79B9_7F4A_7C15);
    for round in 0..3000 {
        let text = g.text(1 + round % 60);
        check_invariants(&seg, &text);
    }
}

#[test]
fn invariants_on_hostile_text() {
    let seg = Segmenter::new();
    let hostile = [
        "\"".repeat(20_000),
        "“”".repeat(10_000),
        ". ".repeat(20_000),
        "U.S. ".repeat(10_000),
        "A. ".repeat(10_000),
        "1. ".repeat(5_000),
        "[1] ".repeat(10_000),
        "Word ".repeat(50_000),
        "….. ".repeat(5_000),
        "\n".repeat(10_000),
        "• ".repeat(10_000),
        "x".repeat(100_000),
    ];
    for text in &hostile {
        check_invariants(&seg, text);
    }
}

#[test]
fn invariants_on_the_seed_article() {
    let text = include_str!("../../examples/data/article.txt");
    let seg = Segmenter::new();
    check_invariants(&seg, text);
    let sentences = sentences(&seg, text);
    assert!(sentences.contains(&"It lasted approximately one hour."), "{sentences:#?}");
    let kinds: Vec<_> = seg.paragraphs(text).iter().map(|p| p.kind).take(6).collect();
    use ParagraphKind::*;
    assert_eq!(kinds, [Headline, Body, Byline, Bullet, Bullet, Bullet]);
}
