//! Event tests on hand-tagged sentences.

use super::*;
use crate::accusation::AccusationFinder;
use crate::accusation::tagged::MAX_PIECE;
use crate::accusation::tests::tagged;

type Actors = &'static [(&'static str, &'static str, &'static [&'static str])];

/// One event test: expected `(code, source, target, modality, negated)` in order.
struct Case {
    name: &'static str,
    text: &'static str,
    actors: Actors,
    dates: &'static [(&'static str, &'static str)],
    expect: &'static [(&'static str, &'static str, &'static str, Modality, bool)],
}

const AS: Modality = Modality::Asserted;

const CASES: &[Case] = &[
    Case {
        name: "modal chain with shared subject and a prepositional target",
        text: "Russian President Vladimir Putin agreed on Tuesday to temporarily halt attacks on Ukrainian energy facilities but refused to support a full 30-day ceasefire.",
        actors: &[
            ("putin", "RUS", &["Vladimir Putin"]),
            ("RUS", "RUS", &["Russian"]),
            ("UKR", "UKR", &["Ukrainian"]),
        ],
        dates: &[("Tuesday", "2025-03-18")],
        expect: &[
            ("0356", "putin", "UKR", Modality::Agreed, false),
            ("120", "putin", "", Modality::Refused, false),
        ],
    },
    Case {
        name: "reciprocal call of a compound subject",
        text: "Trump and Zelenskyy held an hour-long call on Wednesday.",
        actors: &[("trump", "USA", &["Trump"]), ("zelenskyy", "UKR", &["Zelenskyy"])],
        dates: &[("Wednesday", "2025-03-19")],
        expect: &[
            ("041", "trump", "zelenskyy", AS, false),
            ("041", "zelenskyy", "trump", AS, false),
        ],
    },
    Case {
        name: "noun with a with-target",
        text: "Trump described his call with Zelenskyy as very good.",
        actors: &[("trump", "USA", &["Trump"]), ("zelenskyy", "UKR", &["Zelenskyy"])],
        dates: &[],
        expect: &[("041", "trump", "zelenskyy", AS, false)],
    },
    Case {
        name: "reciprocal negotiations, topic noun not coded",
        text: "Israel and Lebanon renewed negotiations on an Israeli troop pullback.",
        actors: &[("ISR", "ISR", &["Israel", "Israeli"]), ("LBN", "LBN", &["Lebanon"])],
        dates: &[],
        expect: &[("046", "ISR", "LBN", AS, false), ("046", "LBN", "ISR", AS, false)],
    },
    Case {
        name: "threat to break relations",
        text: "The Azerbaijani parliament threatened on Monday to break relations with Russia.",
        actors: &[("AZE", "AZE", &["Azerbaijani"]), ("RUS", "RUS", &["Russia"])],
        dates: &[("Monday", "2025-03-17")],
        expect: &[("1313", "AZE", "RUS", Modality::Threatened, false)],
    },
    Case {
        name: "offer to hand over",
        text: "Libya has offered to hand over two suspects to Britain.",
        actors: &[("LBY", "LBY", &["Libya"]), ("GBR", "GBR", &["Britain"])],
        dates: &[],
        expect: &[("0353", "LBY", "GBR", Modality::Agreed, false)],
    },
    Case {
        name: "passive with by-agent",
        text: "Serbia was attacked by Croatia.",
        actors: &[("SRB", "SRB", &["Serbia"]), ("HRV", "HRV", &["Croatia"])],
        dates: &[],
        expect: &[("190", "HRV", "SRB", AS, false)],
    },
    Case {
        name: "demand with a that-clause subject as target",
        text: "Palestinian officials demanded that the United States withdraw its troops.",
        actors: &[("PSE", "PSE", &["Palestinian"]), ("USA", "USA", &["United States"])],
        dates: &[],
        expect: &[("1056", "PSE", "USA", Modality::Requested, false)],
    },
    Case {
        name: "talks between X and Y",
        text: "The talks between Iran and Iraq resumed in Geneva.",
        actors: &[
            ("IRN", "IRN", &["Iran"]),
            ("IRQ", "IRQ", &["Iraq"]),
            ("CHE", "CHE", &["Geneva"]),
        ],
        dates: &[],
        expect: &[("040", "IRN", "IRQ", AS, false), ("040", "IRQ", "IRN", AS, false)],
    },
    Case {
        name: "negation",
        text: "China did not sign the agreement with India.",
        actors: &[("CHN", "CHN", &["China"]), ("IND", "IND", &["India"])],
        dates: &[],
        expect: &[("057", "CHN", "IND", AS, true)],
    },
    Case {
        name: "military posture against a target",
        text: "Britain mobilized army reservists for a possible war against Iraq on Tuesday.",
        actors: &[("GBR", "GBR", &["Britain"]), ("IRQ", "IRQ", &["Iraq"])],
        dates: &[],
        expect: &[("154", "GBR", "IRQ", AS, false)],
    },
    Case {
        name: "the month March is no march",
        text: "Iran and Iraq met in March.",
        actors: &[("IRN", "IRN", &["Iran"]), ("IRQ", "IRQ", &["Iraq"])],
        dates: &[],
        expect: &[("040", "IRN", "IRQ", AS, false), ("040", "IRQ", "IRN", AS, false)],
    },
    Case {
        name: "future aid to a prepositional target",
        text: "Japan will provide emergency food aid to Haiti.",
        actors: &[("JPN", "JPN", &["Japan"]), ("HTI", "HTI", &["Haiti"])],
        dates: &[],
        expect: &[("0333", "JPN", "HTI", Modality::Future, false)],
    },
    Case {
        name: "coordinated verbs share the subject, not the first object",
        text: "Rebels from Chad kidnapped three Sudanese workers and burned a village.",
        actors: &[("TCD", "TCD", &["Chad"]), ("SDN", "SDN", &["Sudanese"])],
        dates: &[],
        expect: &[("181", "TCD", "SDN", AS, false)],
    },
    Case {
        name: "trailing attribution is not an actor of the event",
        text: "Turkey shelled Kurdish positions, Syrian officials said.",
        actors: &[
            ("TUR", "TUR", &["Turkey"]),
            ("KRD", "IRQ", &["Kurdish"]),
            ("SYR", "SYR", &["Syrian"]),
        ],
        dates: &[],
        expect: &[("194", "TUR", "KRD", AS, false)],
    },
    Case {
        name: "an infinitive after the event is its complement",
        text: "Turkey will allow refugees from Syria to return home.",
        actors: &[("TUR", "TUR", &["Turkey"]), ("SYR", "SYR", &["Syria"])],
        dates: &[],
        expect: &[("035", "TUR", "", Modality::Future, false)],
    },
    Case {
        name: "background events of subordinate clauses yield to the main clause",
        text: "Germany lifted the curfew in Mali where soldiers from Chad were attacked.",
        actors: &[
            ("DEU", "DEU", &["Germany"]),
            ("MLI", "MLI", &["Mali"]),
            ("TCD", "TCD", &["Chad"]),
        ],
        dates: &[],
        expect: &[("0813", "DEU", "MLI", AS, false)],
    },
    Case {
        name: "X said Y must: a demand of the reporter",
        text: "The Red Cross said Britain must allow aid convoys.",
        actors: &[("ICRC", "IGO", &["Red Cross"]), ("GBR", "GBR", &["Britain"])],
        dates: &[],
        expect: &[("105", "ICRC", "GBR", Modality::Requested, false)],
    },
    Case {
        name: "homograph read as a noun after a determiner",
        text: "Iran demanded the release of sailors held by Britain.",
        actors: &[("IRN", "IRN", &["Iran"]), ("GBR", "GBR", &["Britain"])],
        dates: &[],
        expect: &[("1053", "IRN", "", Modality::Requested, false)],
    },
    Case {
        name: "homograph read as a verb after an auxiliary, stacked modals",
        text: "Morocco said it would be ready to release Spanish fishermen.",
        actors: &[("MAR", "MAR", &["Morocco"]), ("ESP", "ESP", &["Spanish"])],
        dates: &[],
        expect: &[("0353", "MAR", "ESP", Modality::Future, false)],
    },
    Case {
        name: "an accusation of a relative clause without a dyad is background",
        text: "Guinean police tortured Liberian refugees, whom officials blame for the unrest.",
        actors: &[
            ("GIN", "GIN", &["Guinean"]),
            ("LBR", "LBR", &["Liberian"]),
            ("OFF", "GIN", &["officials"]),
        ],
        dates: &[],
        expect: &[("1822", "GIN", "LBR", AS, false)],
    },
    Case {
        name: "a request noun takes a complement, its that-clause subject is the target",
        text: "The ILO repeated its demand today that Israel ease restrictions.",
        actors: &[("ILO", "IGO", &["ILO"]), ("ISR", "ISR", &["Israel"])],
        dates: &[],
        expect: &[("1051", "ILO", "ISR", Modality::Requested, false)],
    },
    Case {
        name: "of-phrases hang on the object, not on other phrases",
        text: "Iran negotiated with the president of Iraq as part of a Saudi plan.",
        actors: &[("IRN", "IRN", &["Iran"]), ("IRQ", "IRQ", &["Iraq"]), ("SAU", "SAU", &["Saudi"])],
        dates: &[],
        expect: &[("046", "IRN", "IRQ", AS, false)],
    },
    Case {
        name: "refusing a request: the requester is the target",
        text: "Hamas refused a demand from Egypt to adhere to the deal with Israel.",
        actors: &[
            ("HMS", "PSE", &["Hamas"]),
            ("EGY", "EGY", &["Egypt"]),
            ("ISR", "ISR", &["Israel"]),
        ],
        dates: &[],
        expect: &[("120", "HMS", "EGY", Modality::Refused, false)],
    },
    Case {
        name: "a participial adjunct is background",
        text: "Haiti declared a state of siege on Saturday, arresting opposition leaders.",
        actors: &[("HTI", "HTI", &["Haiti"])],
        dates: &[],
        expect: &[("1724", "HTI", "", AS, false)],
    },
    Case {
        name: "modal chains compose: promise + refrain from + targeting",
        text: "Putin's promise to refrain from targeting energy sites was welcomed.",
        actors: &[("putin", "RUS", &["Putin"])],
        dates: &[],
        expect: &[("0356", "putin", "", Modality::Agreed, false)],
    },
    Case {
        name: "a verb's object noun lends its participants",
        text: "Morocco would be ready to host a meeting between Israel and Egypt.",
        actors: &[
            ("MAR", "MAR", &["Morocco"]),
            ("ISR", "ISR", &["Israel"]),
            ("EGY", "EGY", &["Egypt"]),
        ],
        dates: &[],
        expect: &[
            ("036", "MAR", "ISR", Modality::Future, false),
            ("036", "MAR", "EGY", Modality::Future, false),
        ],
    },
    Case {
        name: "a weak sense needs a political actor in the sentence",
        text: "Blues fans targeted Gronkjaer after the match.",
        actors: &[("BLU", "", &["Blues"]), ("GRO", "", &["Gronkjaer"])],
        dates: &[],
        expect: &[],
    },
    Case {
        name: "the same verb with states is an event",
        text: "Iran targeted Kurdish positions in Iraq.",
        actors: &[
            ("IRN", "IRN", &["Iran"]),
            ("KRD", "IRQ", &["Kurdish"]),
            ("IRQ", "IRQ", &["Iraq"]),
        ],
        dates: &[],
        expect: &[("190", "IRN", "KRD", AS, false)],
    },
    Case {
        name: "stop phrases hide their triggers",
        text: "Ukraine will fight corruption with help from the European Union.",
        actors: &[("UKR", "UKR", &["Ukraine"]), ("EU", "IGO", &["European Union"])],
        dates: &[],
        expect: &[],
    },
    Case {
        name: "a verb form after a determiner is a noun",
        text: "The proposed deal with Iraq collapsed.",
        actors: &[("IRQ", "IRQ", &["Iraq"])],
        dates: &[],
        expect: &[],
    },
    Case {
        name: "a participial adjunct takes the main clause's subject",
        text: "Sudan expelled the envoy, accusing the United Nations of meddling.",
        actors: &[("SDN", "SDN", &["Sudan"]), ("UN", "IGO", &["United Nations"])],
        dates: &[],
        expect: &[("174", "SDN", "", AS, false), ("112", "SDN", "UN", AS, false)],
    },
    Case {
        name: "withdrawals take their target with from",
        text: "Venezuela recalled its ambassador from Colombia.",
        actors: &[("VEN", "VEN", &["Venezuela"]), ("COL", "COL", &["Colombia"])],
        dates: &[],
        expect: &[("161", "VEN", "COL", AS, false)],
    },
    Case {
        name: "an appeal to return to talks is an appeal to meet",
        text: "The United States urged North Korea to return to the six-party talks.",
        actors: &[("USA", "USA", &["United States"]), ("PRK", "PRK", &["North Korea"])],
        dates: &[],
        expect: &[("026", "USA", "PRK", Modality::Requested, false)],
    },
    Case {
        name: "actors in hyphenated modifiers are no participants",
        text: "Serbia and Kosovo resumed EU-brokered talks on Tuesday.",
        actors: &[("SRB", "SRB", &["Serbia"]), ("XKX", "XKX", &["Kosovo"]), ("EU", "IGO", &["EU"])],
        dates: &[("Tuesday", "2025-03-18")],
        expect: &[("040", "SRB", "XKX", AS, false), ("040", "XKX", "SRB", AS, false)],
    },
    Case {
        name: "a state of emergency declared in a place targets the place",
        text: "Peru declared a state of emergency in Puno on Friday.",
        actors: &[("PER", "PER", &["Peru"]), ("puno", "PER", &["Puno"])],
        dates: &[("Friday", "2025-03-14")],
        expect: &[("1724", "PER", "puno", AS, false)],
    },
    Case {
        name: "a sourceless arrest does not take its place as target",
        text: "Two journalists were arrested in Minsk on Sunday.",
        actors: &[("minsk", "BLR", &["Minsk"])],
        dates: &[("Sunday", "2025-03-16")],
        expect: &[],
    },
    Case {
        name: "a bracketed gloss stays in its clause",
        text: "The Houthi (Ansar Allah) movement declared a ceasefire with Saudi Arabia on Monday.",
        actors: &[("houthis", "YEM", &["Houthi"]), ("SAU", "SAU", &["Saudi Arabia"])],
        dates: &[("Monday", "2025-03-17")],
        expect: &[("0871", "houthis", "SAU", AS, false)],
    },
    Case {
        name: "no actors, no event",
        text: "A ceasefire was announced.",
        actors: &[],
        dates: &[],
        expect: &[],
    },
];

fn run(text: &str, a: &mut Analysis, coder: &EventCoder) {
    let mut shared = Default::default();
    AccusationFinder::new().run(text, a, &mut shared, Some(coder.matcher()));
    coder.run(text, a, &mut shared);
}

fn check(coder: &EventCoder, case: &Case) {
    let mut a = tagged(case.text, case.actors, case.dates, &[]);
    run(case.text, &mut a, coder);
    let got: Vec<_> = a
        .events
        .iter()
        .map(|e| (e.code.clone(), e.source.join("+"), e.target.join("+"), e.modality, e.negated))
        .collect();
    let want: Vec<_> = case
        .expect
        .iter()
        .map(|&(c, s, t, m, n)| (c.to_string(), s.to_string(), t.to_string(), m, n))
        .collect();
    assert_eq!(got, want, "{}", case.name);
}

#[test]
fn event_table() {
    let coder = EventCoder::new();
    for case in CASES {
        check(&coder, case);
    }
}

#[test]
fn dates_plover_and_links() {
    let text = "Trump and Putin spoke by phone on Tuesday. Moscow and Kyiv accused each other of launching airstrikes.";
    let mut a = tagged(
        text,
        &[
            ("trump", "USA", &["Trump"]),
            ("putin", "RUS", &["Putin", "Moscow"]),
            ("UKR", "UKR", &["Kyiv"]),
        ],
        &[("Tuesday", "2025-03-18")],
        &[],
    );
    run(text, &mut a, &EventCoder::new());
    let e = &a.events[0];
    assert_eq!(
        (e.code.as_str(), e.plover, e.mode.as_deref()),
        ("041", Some("CONSULT"), Some("phone"))
    );
    assert_eq!(e.date.as_deref(), Some("2025-03-18"));
    assert_eq!(e.date_source, Some(DateSource::Expression));
    assert_eq!(&text[e.trigger], "spoke by phone");
    let accusations: Vec<_> = a.events.iter().filter(|e| e.sentence == 1).collect();
    assert_eq!(accusations.len(), 2);
    assert_eq!(accusations[0].code, "1123");
    assert_eq!(accusations[0].plover, Some("ACCUSE"));
    assert_eq!(accusations[0].accusation, Some(0));
    assert_eq!(accusations[1].accusation, Some(1));
    assert_eq!(accusations[0].date_source, Some(DateSource::Publication));
    assert_eq!(accusations[0].date.as_deref(), Some("2025-03-19"));
}

#[test]
fn quote_speaker_is_the_source_of_we() {
    let text = "Peskov said: \"We will release the prisoners.\"";
    let mut a = tagged(
        text,
        &[("peskov", "RUS", &["Peskov"])],
        &[],
        &[("We will release the prisoners.", "peskov")],
    );
    run(text, &mut a, &EventCoder::new());
    assert_eq!(a.events.len(), 1);
    assert_eq!(a.events[0].code, "0353");
    assert_eq!(a.events[0].source, ["peskov"]);
    assert_eq!(a.events[0].quote, Some(0));
}

#[test]
fn user_lexicon_extends_and_overrides() {
    let text = "Iran snubbed the envoy from Oman. Iran met Oman.";
    let actors: Actors = &[("IRN", "IRN", &["Iran"]), ("OMN", "OMN", &["Oman"])];
    let default = EventCoder::new();
    let mut a = tagged(text, actors, &[], &[]);
    run(text, &mut a, &default);
    assert_eq!(a.events.iter().map(|e| e.code.as_str()).collect::<Vec<_>>(), ["040"]);

    let user = "# my additions\nsnub\t125\nmeet\t044\tmode=summit\n".to_string();
    let coder =
        EventCoder::with_lexicons(&[("user.tsv".to_string(), user)]).expect("valid lexicon");
    let mut a = tagged(text, actors, &[], &[]);
    run(text, &mut a, &coder);
    let got: Vec<_> = a.events.iter().map(|e| (e.code.as_str(), e.mode.as_deref())).collect();
    assert_eq!(got, [("125", Some("meet")), ("044", Some("summit"))]);
}

#[test]
fn user_lexicon_file_through_the_builder() {
    let dir = std::env::temp_dir().join(format!("newsextract-lexicon-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let good = dir.join("good.tsv");
    std::fs::write(&good, "snub\t125\nstandoff\t150\tnoun\n").expect("write");
    assert!(crate::Extractor::builder().event_lexicon(&good).build().is_ok());

    let bad = dir.join("bad.tsv");
    std::fs::write(&bad, "snub\t125\nparley\t4x\n").expect("write");
    let err = crate::Extractor::builder().event_lexicon(&bad).build().expect_err("bad code");
    assert_eq!(err.line(), Some(2));
    assert!(err.to_string().contains("bad.tsv"), "{err}");

    let missing = dir.join("missing.tsv");
    assert!(crate::Extractor::builder().event_lexicon(&missing).build().is_err());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn modal_recoding() {
    use code::{Modal, combine, plover};
    assert_eq!(combine(Modal::Refuse, "040"), "125");
    assert_eq!(combine(Modal::Threaten, "163"), "1312");
    assert_eq!(combine(Modal::Future, "191"), "1381");
    assert_eq!(combine(Modal::Appeal, "0871"), "0256");
    assert_eq!(combine(Modal::Demand, "0841"), "1053");
    assert_eq!(plover("0871"), Some("RETREAT"));
    assert_eq!(plover("163"), Some("COERCE"));
    assert_eq!(plover("020"), None);
}

#[test]
fn one_huge_sentence_of_quotes_and_accusations_stays_linear() {
    let coder = EventCoder::new();
    let text = "Iran accused Iraq of attacking \"Iran met Iraq\" and ".repeat(4000);
    let actors: Actors = &[("IRN", "IRN", &["Iran"]), ("IRQ", "IRQ", &["Iraq"])];
    let mut a = tagged(&text, actors, &[], &[("Iran met Iraq", "IRN")]);
    assert_eq!(a.sentences.len(), 1);
    let start = std::time::Instant::now();
    run(&text, &mut a, &coder);
    assert!(a.accusations.len() >= 4000);
    // Alleged acts are no events, but where a cut between two pieces of the sentence (see
    // `MAX_PIECE`) ends an allegation early.
    let acts = a.events.iter().filter(|e| e.accusation.is_none()).count();
    assert!(acts <= text.len() / MAX_PIECE, "{acts} alleged acts taken for events");
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

/// A run-on sentence longer than [`MAX_PIECE`] bytes is read in pieces: the clauses of
/// every piece, the first and the last, still give their accusation and their event.
#[test]
fn run_on_sentence_is_read_in_pieces() {
    let coder = EventCoder::new();
    let unit = "Iran accused Iraq of shelling the border; Syria met Jordan in Amman; ";
    let n = 4 * MAX_PIECE / unit.len();
    let text = unit.repeat(n);
    let actors: Actors = &[
        ("IRN", "IRN", &["Iran"]),
        ("IRQ", "IRQ", &["Iraq"]),
        ("SYR", "SYR", &["Syria"]),
        ("JOR", "JOR", &["Jordan"]),
    ];
    let mut a = tagged(&text, actors, &[], &[]);
    assert_eq!(a.sentences.len(), 1);
    run(&text, &mut a, &coder);
    // One accusation per unit, the last in the last piece.
    assert_eq!(a.accusations.len(), n);
    assert!(a.accusations.iter().all(|r| r.accuser == ["IRN"] && r.accused == ["IRQ"]));
    assert!(a.accusations[n - 1].cue.start > 3 * MAX_PIECE);
    // One meeting per unit besides the accusation events; only a clause cut in two (one
    // per cut at most) misses what is in the other piece.
    let met: Vec<&Event> =
        a.events.iter().filter(|e| &text[e.trigger.start..e.trigger.end] == "met").collect();
    assert_eq!(met.len(), n);
    assert!(met.iter().all(|e| e.source == ["SYR"]));
    let cut = met.iter().filter(|e| e.target != ["JOR"]).count();
    assert!(cut <= text.len() / MAX_PIECE, "{cut} meetings without their target");
    assert_eq!(a.events.iter().filter(|e| e.accusation.is_some()).count(), n);
}

#[test]
fn hostile_input_does_not_panic() {
    let coder = EventCoder::new();
    let mut text = "Iran met Iraq and attacked ".repeat(3000);
    text.push_str(&"“ ’ — ; ".repeat(1000));
    let mut a = tagged(&text, &[("IRN", "IRN", &["Iran"]), ("IRQ", "IRQ", &["Iraq"])], &[], &[]);
    run(&text, &mut a, &coder);
    assert!(!a.events.is_empty());
}

/// The seed article with actors, dates and quotes tagged by hand as the earlier stages
/// should: the required events and accusations of the seed check must come out.
#[test]
fn seed_article() {
    let text = include_str!("../../examples/data/article.txt");
    let actors: Actors = &[
        ("trump", "USA", &["Trump"]),
        ("zelenskyy", "UKR", &["Zelenskyy"]),
        ("putin", "RUS", &["Putin"]),
        ("peskov", "RUS", &["Peskov"]),
        ("rubio", "USA", &["Marco Rubio"]),
        ("RUS", "RUS", &["Russia", "Russian", "Moscow", "Kremlin"]),
        ("UKR", "UKR", &["Ukraine", "Ukrainian", "Kyiv"]),
        ("USA", "USA", &["US", "United States", "America", "American"]),
    ];
    let dates = &[
        ("Tuesday", "2025-03-18"),
        ("Wednesday", "2025-03-19"),
        ("March 11", "2025-03-11"),
        ("yesterday", "2025-03-18"),
        ("this year", "2025"),
    ];
    let quotes = &[(
        "Unfortunately, we see that, for now, there is no reciprocity from the Kyiv regime.",
        "peskov",
    )];
    let mut a = tagged(text, actors, dates, quotes);
    run(text, &mut a, &EventCoder::new());
    let country = |id: &String| a.actor(id).and_then(|x| x.country.clone()).unwrap_or_default();
    let has_event = |roots: &[&str], countries: &[&str], date: &str| {
        a.events.iter().any(|e| {
            let involved: Vec<String> = e.source.iter().chain(&e.target).map(country).collect();
            !e.negated
                && roots.iter().any(|r| e.code.starts_with(r))
                && countries.iter().all(|c| involved.iter().any(|i| i == c))
                && e.date.as_deref() == Some(date)
        })
    };
    let summary: Vec<String> = a
        .events
        .iter()
        .map(|e| {
            format!("{} {:?}->{:?} {:?} «{}»", e.code, e.source, e.target, e.date, &text[e.trigger])
        })
        .collect();
    assert!(has_event(&["04"], &["USA", "UKR"], "2025-03-19"), "{summary:#?}");
    assert!(has_event(&["04"], &["USA", "RUS"], "2025-03-18"), "{summary:#?}");
    assert!(has_event(&["03", "05", "08"], &["RUS"], "2025-03-18"), "{summary:#?}");
    assert!(has_event(&["12"], &["RUS"], "2025-03-18"), "{summary:#?}");
    assert!(has_event(&["11"], &["RUS", "UKR"], "2025-03-19"), "{summary:#?}");
    let has_accusation = |from: &str, to: &str, what: &str| {
        a.accusations.iter().any(|r| {
            r.accuser.iter().any(|x| country(x) == from)
                && r.accused.iter().any(|x| country(x) == to)
                && r.allegation.is_some_and(|s| text[s].contains(what))
        })
    };
    assert!(has_accusation("RUS", "UKR", "launching airstrikes"), "{:#?}", a.accusations);
    assert!(has_accusation("UKR", "RUS", "launching airstrikes"), "{:#?}", a.accusations);
    assert!(has_accusation("RUS", "UKR", "attacking equipment"), "{:#?}", a.accusations);
    eprintln!("{summary:#?}");
}

#[test]
fn events_written_over_earlier_ones_equal_fresh_ones() {
    // Documents with more and fewer events, sources and targets than the one before:
    // the reused records (and the thread's spare ones) must not leak into the next.
    let docs = [
        "Russia and Ukraine accused each other of shelling the plant on Tuesday. \
         Germany and France met with Poland in Berlin.",
        "Trump called Zelenskyy.",
        "Iraq refused to meet Iran, and Syria threatened to attack Turkey and Greece. \
         Japan agreed to release the sailors to China on Monday. Canada criticized Mexico.",
        "Nothing happened on Friday.",
    ];
    let extractor = crate::Extractor::new();
    let published = jiff::civil::date(2025, 3, 19);
    let mut reused = Analysis::default();
    for text in docs.iter().chain(docs.iter().rev()).chain(&docs) {
        let doc = crate::Document::new(text).with_published(published);
        extractor.extract_into(doc, &mut reused);
        let fresh = extractor.extract(doc);
        assert_eq!(reused.events, fresh.events, "{text}");
        assert_eq!(reused.accusations, fresh.accusations, "{text}");
    }
    // (The test means something only if the documents have events.)
    let counts: Vec<usize> = docs.iter().map(|t| extractor.extract(*t).events.len()).collect();
    assert!(counts[0] >= 3 && counts[2] >= 3 && counts[3] == 0, "{counts:?}");
}
