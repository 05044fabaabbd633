//! Table tests of the actor stage: loaders, matching, patterns and resolution, on
//! sentences written for these tests.

use jiff::civil::Date;

use super::{Actor, ActorKind, ActorTagger, Gazetteer, MentionForm};
use crate::Span;

/// A small gazetteer in our TSV format, written for these tests.
const GAZ: &str = "\
# id\tkind\tcountry\tname\taliases\tdemonyms\troles\tflags
RUS\tcountry\tRUS\tRussia\tRussian Federation\tRussian|Russians\t\t
UKR\tcountry\tUKR\tUkraine\t\tUkrainian|Ukrainians\t\t
USA\tcountry\tUSA\tUnited States\tUS|U.S.|America\tAmerican|Americans\t\t
NLD\tcountry\tNLD\tNetherlands\t\tDutch\t\t
loc:moscow\tlocation\tRUS\tMoscow\t\t\t\tcapital
loc:kyiv\tlocation\tUKR\tKyiv\tKiev\t\t\tcapital
loc:new-york\tlocation\tUSA\tNew York\t\t\t\t
loc:york\tlocation\tGBR\tYork\t\t\t\t
gov:kremlin\tgovernment\tRUS\tKremlin\t\t\tPresidential administration|RUS|GOV||\tmetonym
org:new-york-times\torganization\tUSA\tNew York Times\t\t\t\t
per:vladimir-putin\tperson\tRUS\tVladimir Putin\tPutin\t\tPresident|RUS|GOV|2000-05-07|2008-05-07;Prime Minister|RUS|GOV|2008-05-08|2012-05-07;President|RUS|GOV|2012-05-07|\tmale
per:olena-marchenko\tperson\tUKR\tOlena Marchenko\tMarchenko\t\tForeign Minister|UKR|GOV|2024-01-01|\tfemale
per:john-old\tperson\tUSA\tJohn Old\t\t\tPresident|USA|GOV|2017|2021\tmale
per:mary-new\tperson\tUSA\tMary New\t\t\tPresident|USA|GOV|2021|\tfemale
";

fn tagger() -> ActorTagger {
    let mut g = Gazetteer::empty();
    g.add_tsv("test.tsv", GAZ).expect("test gazetteer is valid");
    ActorTagger::with_gazetteer(g)
}

fn date(s: &str) -> Option<Date> {
    Some(s.parse().expect("valid date"))
}

/// The surfaces of an actor's mentions with their forms.
fn mentions<'t>(text: &'t str, actor: &Actor) -> Vec<(&'t str, MentionForm)> {
    actor.mentions.iter().map(|m| (&text[m.span], m.form)).collect()
}

/// The actor one of whose mentions is exactly `surface`.
fn actor_of<'a>(text: &str, actors: &'a [Actor], surface: &str) -> Option<&'a Actor> {
    actors.iter().find(|a| a.mentions.iter().any(|m| &text[m.span] == surface))
}

#[test]
fn tsv_loader_reads_entries_and_overrides_by_id() {
    let mut g = Gazetteer::empty();
    g.add_tsv("a.tsv", GAZ).unwrap();
    let putin = g.get("per:vladimir-putin").unwrap();
    assert_eq!(putin.roles.len(), 3);
    assert_eq!(putin.roles[0].title, "president");
    assert_eq!(putin.roles[2].to, None);
    assert_eq!(putin.gender, Some(super::Gender::Male));
    assert!(g.get("loc:moscow").unwrap().capital);
    let before = g.len();
    g.add_tsv("b.tsv", "loc:moscow\tlocation\tRUS\tMoskva City\t\t\t\t\n").unwrap();
    assert_eq!(g.len(), before);
    assert_eq!(g.get("loc:moscow").unwrap().name, "Moskva City");
    // A year-month date means its first day, or its last as an end date.
    g.add_tsv("c.tsv", "per:x\tperson\t\tX Y\t\t\tMayor|FRA|GOV|2020-02|2020-02\t\n").unwrap();
    let role = &g.get("per:x").unwrap().roles[0];
    assert_eq!(role.from, date("2020-02-01"));
    assert_eq!(role.to, date("2020-02-29"));
}

#[test]
fn tsv_loader_rejects_malformed_lines_naming_file_and_line() {
    let cases: &[(&str, &str, usize, &str)] = &[
        ("too few columns", "# c\nx\tperson\tUSA\tX\n", 2, "8 tab-separated columns"),
        ("bad kind", "x\tpeople\tUSA\tX\t\t\t\t\n", 1, "unknown kind"),
        ("bad country", "x\tperson\tusa\tX\t\t\t\t\n", 1, "three-letter"),
        ("empty name", "x\tperson\tUSA\t\t\t\t\t\n", 1, "empty name"),
        ("short role", "\nx\tperson\tUSA\tX\t\t\tPresident|USA\t\n", 2, "5 '|'-separated"),
        ("bad date", "x\tperson\tUSA\tX\t\t\tPresident|USA|GOV|2020-13-01|\t\n", 1, "bad date"),
        ("bad sector", "x\tperson\tUSA\tX\t\t\tPresident|USA|government||\t\n", 1, "CAMEO"),
        ("bad flag", "x\tperson\tUSA\tX\t\t\t\ttall\n", 1, "unknown flag"),
    ];
    for (name, text, line, message) in cases {
        let err = Gazetteer::empty().add_tsv("user.tsv", text).expect_err(name);
        assert_eq!(err.line(), Some(*line), "{name}");
        let shown = err.to_string();
        assert!(shown.starts_with(&format!("user.tsv, line {line}:")), "{name}: {shown}");
        assert!(shown.contains(message), "{name}: {shown}");
    }
}

#[test]
fn missing_file_is_an_io_error_naming_the_path() {
    let err = Gazetteer::empty().add_file("/no/such/dir/gazetteer.tsv").unwrap_err();
    assert!(err.to_string().contains("/no/such/dir/gazetteer.tsv"));
    assert_eq!(err.line(), None);
}

#[test]
fn phoenix_loader_reads_records() {
    let dict = "\
# a comment line
<!-- a comment
spanning lines -->
REPUBLIC_OF_FREEDONIA_  [FRE]
+FREEDONIA_
+FREEDONIAN_
RUFUS_T._FIREFLY_  # a note
+FIREFLY_
\t[FREGOV 330101-331231]
\t[FREELI]
NORTHERN_ALLIANCE_ [FREREB]
WORLD_FOOD_BODY_
\t[IGOUNOAGR]
U.N._
";
    let mut g = Gazetteer::empty();
    g.add_phoenix("dict.txt", dict).unwrap();
    let country = g.get("phoenix:republic_of_freedonia").unwrap();
    assert_eq!(country.kind, ActorKind::Country);
    assert_eq!(country.name, "Republic of Freedonia");
    assert!(country.aliases.iter().any(|a| a == "Freedonia"));
    let person = g.get("phoenix:rufus_t._firefly").unwrap();
    assert_eq!(person.kind, ActorKind::Person);
    assert_eq!(person.country.as_deref(), Some("FRE"));
    assert_eq!(person.roles[0].from, date("1933-01-01"));
    assert_eq!(person.roles[0].sector.as_deref(), Some("GOV"));
    assert_eq!(g.get("phoenix:northern_alliance").unwrap().kind, ActorKind::Group);
    assert_eq!(g.get("phoenix:world_food_body").unwrap().kind, ActorKind::Organization);
    // A record with no code is skipped.
    assert!(g.get("phoenix:u.n.").is_none());
}

#[test]
fn phoenix_loader_rejects_malformed_lines() {
    let cases: &[(&str, &str, usize)] = &[
        ("synonym first", "+FREEDONIA_\n", 1),
        ("code first", "# x\n\t[FRE]\n", 2),
        ("unclosed", "FREEDONIA_ [FRE\n", 1),
        ("bad date", "FIREFLY_\n\t[FREGOV 33O101-331231]\n", 2),
    ];
    for (name, text, line) in cases {
        let err = Gazetteer::empty().add_phoenix("dict.txt", text).expect_err(name);
        assert_eq!(err.line(), Some(*line), "{name}");
        assert!(err.to_string().starts_with(&format!("dict.txt, line {line}:")), "{name}");
    }
}

#[test]
fn matching_finds_whole_words_longest_first() {
    // (text, expected (surface, actor id) pairs in text order)
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("Russia and Ukraine met.", &[("Russia", "RUS"), ("Ukraine", "UKR")]),
        ("Ukraine’s grid and Russia's army.", &[("Ukraine", "UKR"), ("Russia", "RUS")]),
        ("The New York Times reported it.", &[("New York Times", "org:new-york-times")]),
        // A longer pattern goes on past a name but not in the text: the name counts,
        // before a space or punctuation.
        ("Officials in New York said so.", &[("New York", "loc:new-york")]),
        ("In New York, officials said so.", &[("New York", "loc:new-york")]),
        // The longest pattern ends inside a word: the shorter one still counts.
        ("NEW YORK TIMESQUARE", &[("NEW YORK", "loc:new-york")]),
        ("Russians and Russian-backed forces.", &[("Russians", "RUS"), ("Russian", "RUS")]),
        ("Officials in the U.S. said so.", &[("U.S.", "USA")]),
        // No match inside a longer word.
        ("Yorkshire and Ukrainianness are not names here.", &[]),
        ("RUSSIA AND UKRAINE SIGN DEAL", &[("RUSSIA", "RUS"), ("UKRAINE", "UKR")]),
        ("NEW YORK TIMES SOLD", &[("NEW YORK TIMES", "org:new-york-times")]),
    ];
    let t = tagger();
    for (text, want) in cases {
        let actors = t.tag(text, None);
        let mut got: Vec<(usize, &str, &str)> = actors
            .iter()
            .filter(|a| !a.id.starts_with("local:"))
            .flat_map(|a| {
                a.mentions
                    .iter()
                    .filter(|m| {
                        matches!(
                            m.form,
                            MentionForm::Name | MentionForm::Alias | MentionForm::Demonym
                        )
                    })
                    .map(move |m| (m.span.start, &text[m.span], a.id.as_str()))
            })
            .collect();
        got.sort_unstable();
        let got: Vec<(&str, &str)> = got.into_iter().map(|(_, s, id)| (s, id)).collect();
        assert_eq!(&got, want, "{text}");
    }
}

#[test]
fn patterns_find_unlisted_actors() {
    // (text, surface, kind, country)
    let cases: &[(&str, &str, ActorKind, Option<&str>)] = &[
        (
            "Kremlin spokesman Dmitri Sokolov said no.",
            "Dmitri Sokolov",
            ActorKind::Person,
            Some("RUS"),
        ),
        ("Secretary of State Jane Parker flew home.", "Jane Parker", ActorKind::Person, None),
        ("Russian President Ivan Petrov spoke.", "Ivan Petrov", ActorKind::Person, Some("RUS")),
        ("Prime Minister Kofi Mensah resigned.", "Kofi Mensah", ActorKind::Person, None),
        (
            "President Arkady Volkov of Ukraine spoke.",
            "Arkady Volkov",
            ActorKind::Person,
            Some("UKR"),
        ),
        ("They met Mr Tobias Grint at noon.", "Tobias Grint", ActorKind::Person, None),
        (
            "The Ministry of Agriculture said so.",
            "Ministry of Agriculture",
            ActorKind::Organization,
            None,
        ),
        ("Shares of Zentrix Corp fell.", "Zentrix Corp", ActorKind::Organization, None),
        ("The Liberty Reform Party won.", "Liberty Reform Party", ActorKind::Organization, None),
        (
            "She studied at Halden University last year.",
            "Halden University",
            ActorKind::Organization,
            None,
        ),
        ("Talks on the Volta River dam stalled.", "Volta River", ActorKind::Location, None),
        ("Fighting was reported in Kramatorsk on Monday.", "Kramatorsk", ActorKind::Location, None),
        ("A deal with the NRB was signed.", "NRB", ActorKind::Organization, None),
        ("Moscow Dynamo beat the visitors.", "Moscow Dynamo", ActorKind::Organization, None),
        (
            "Talks with Ivo Brandt, the foreign minister of Ukraine, ended.",
            "Ivo Brandt",
            ActorKind::Person,
            Some("UKR"),
        ),
        (
            "Talks with Ivo Brandt, Russia's defence minister, ended.",
            "Ivo Brandt",
            ActorKind::Person,
            Some("RUS"),
        ),
        (
            "Talks with Ivo Brandt, the Ukrainian envoy, ended.",
            "Ivo Brandt",
            ActorKind::Person,
            Some("UKR"),
        ),
    ];
    let t = tagger();
    for (text, surface, kind, country) in cases {
        let actors = t.tag(text, None);
        let a = actor_of(text, &actors, surface).unwrap_or_else(|| panic!("{text}: no {surface}"));
        assert_eq!(a.kind, *kind, "{text}");
        assert_eq!(a.country.as_deref(), *country, "{text}");
    }
}

#[test]
fn patterns_leave_common_words_and_sentence_starts_alone() {
    let cases: &[(&str, &str)] = &[
        ("However, talks resumed.", "However"),
        ("On Monday the talks resumed.", "Monday"),
        ("Unfortunately, it rained.", "Unfortunately"),
        ("He said: “Nothing changed.”", "Nothing"),
    ];
    let t = tagger();
    for (text, surface) in cases {
        let actors = t.tag(text, None);
        assert!(actor_of(text, &actors, surface).is_none(), "{text}: {surface} tagged");
    }
}

#[test]
fn resolution_joins_short_forms_pronouns_and_role_nouns() {
    // (text, published, surface of the actor, mentions it must have)
    type Case<'a> = (&'a str, &'a str, &'a str, &'a [(&'a str, MentionForm)]);
    let cases: &[Case] = &[
        (
            "Vladimir Putin spoke.\nLater Putin left.",
            "2025-03-19",
            "Vladimir Putin",
            &[("Vladimir Putin", MentionForm::Name), ("Putin", MentionForm::Alias)],
        ),
        (
            "Analyst Karl Brenner wrote a note.\nBrenner expects growth.",
            "2025-03-19",
            "Karl Brenner",
            &[("Karl Brenner", MentionForm::Name), ("Brenner", MentionForm::Alias)],
        ),
        (
            "Olena Marchenko arrived.\nShe met reporters.",
            "2025-03-19",
            "Olena Marchenko",
            &[("Olena Marchenko", MentionForm::Name), ("She", MentionForm::Pronoun)],
        ),
        (
            "Vladimir Putin spoke.\nThe president said talks went well.",
            "2025-03-19",
            "Vladimir Putin",
            &[("The president", MentionForm::Nominal)],
        ),
        // A role noun resolved by the roles valid at the publication date.
        ("Talks stalled.\nThe Russian president left.", "2025-03-19", "The Russian president", &[]),
        (
            "Talks stalled.\nThe American president spoke.",
            "2019-06-01",
            "The American president",
            &[],
        ),
        (
            "Moscow and Kyiv accused each other.",
            "2025-03-19",
            "Moscow",
            &[("Moscow", MentionForm::Metonym)],
        ),
        (
            "The Kremlin said it would reply.",
            "2025-03-19",
            "Kremlin",
            &[("Kremlin", MentionForm::Metonym), ("it", MentionForm::Pronoun)],
        ),
    ];
    let t = tagger();
    for (text, published, surface, want) in cases {
        let actors = t.tag(text, date(published));
        let a = actor_of(text, &actors, surface).unwrap_or_else(|| panic!("{text}: no {surface}"));
        let got = mentions(text, a);
        for w in *want {
            assert!(got.contains(w), "{text}: {w:?} not in {got:?}");
        }
    }
    // The dated role lookups themselves.
    let text = "Talks stalled.\nThe American president spoke.";
    let old = t.tag(text, date("2019-06-01"));
    assert_eq!(
        actor_of(text, &old, "The American president").map(|a| a.id.as_str()),
        Some("per:john-old")
    );
    let new = t.tag(text, date("2023-06-01"));
    assert_eq!(
        actor_of(text, &new, "The American president").map(|a| a.id.as_str()),
        Some("per:mary-new")
    );
    let text = "Talks stalled.\nThe Russian president left.";
    let putin = t.tag(text, date("2025-03-19"));
    assert_eq!(
        actor_of(text, &putin, "The Russian president").map(|a| a.id.as_str()),
        Some("per:vladimir-putin")
    );
    // In 2010 Putin was prime minister: no Russian president is known, none is guessed.
    let none = t.tag(text, date("2010-01-01"));
    assert!(actor_of(text, &none, "The Russian president").is_none());
}

#[test]
fn resolution_does_not_guess_ambiguous_pronouns() {
    let text = "Karl Brenner met Hans Vogel.\nHe said little.";
    let actors = tagger().tag(text, None);
    assert!(actor_of(text, &actors, "He").is_none(), "{actors:?}");
    // Gender tells them apart.
    let text = "Karl Brenner met Anna Vogel.\nShe said little.";
    let actors = tagger().tag(text, None);
    assert_eq!(actor_of(text, &actors, "She").map(|a| a.name.as_str()), Some("Anna Vogel"));
}

#[test]
fn metonyms_and_demonyms_point_at_their_country() {
    let text = "Moscow said Ukrainian drones struck.";
    let actors = tagger().tag(text, None);
    let gov = actor_of(text, &actors, "Moscow").unwrap();
    assert_eq!((gov.kind, gov.country.as_deref()), (ActorKind::Government, Some("RUS")));
    let ukr = actor_of(text, &actors, "Ukrainian").unwrap();
    assert_eq!(ukr.id, "UKR");
    assert_eq!(mentions(text, ukr), vec![("Ukrainian", MentionForm::Demonym)]);
    // A capital that does not act is a place.
    let text = "Snow fell in Moscow overnight.";
    let actors = tagger().tag(text, None);
    assert_eq!(actor_of(text, &actors, "Moscow").map(|a| a.kind), Some(ActorKind::Location));
}

#[test]
fn capitals_act_past_auxiliaries_but_not_after_prepositions() {
    // A devolved government listed before the national one must not stand for London.
    let extra = "\
GBR\tcountry\tGBR\tUnited Kingdom\tUK|Britain\tBritish\t\t
loc:london\tlocation\tGBR\tLondon\t\t\t\tcapital
gov:scottish-government\tgovernment\tGBR\tScottish Government\t\t\tDevolved government|GBR|GOV||\t
gov:gbr-government\tgovernment\tGBR\tBritish government\t\t\tGovernment|GBR|GOV||\t
";
    let mut g = Gazetteer::empty();
    g.add_tsv("test.tsv", &format!("{GAZ}{extra}")).unwrap();
    let t = ActorTagger::with_gazetteer(g);
    // (sentence, capital, its kind, its country)
    let cases = [
        ("Moscow has repeatedly denied the report.", "Moscow", ActorKind::Government, "RUS"),
        ("Kyiv has not yet responded.", "Kyiv", ActorKind::Government, "UKR"),
        ("Moscow also has many parks.", "Moscow", ActorKind::Location, "RUS"),
        ("Kyiv is a large city.", "Kyiv", ActorKind::Location, "UKR"),
        ("London said the talks had failed.", "London", ActorKind::Government, "GBR"),
        ("Traders in London said the pound fell.", "London", ActorKind::Location, "GBR"),
        ("The Mayor of London would say sorry.", "London", ActorKind::Location, "GBR"),
    ];
    for (text, capital, kind, country) in cases {
        let actors = t.tag(text, None);
        let actor = actor_of(text, &actors, capital).unwrap_or_else(|| panic!("{text}"));
        assert_eq!((actor.kind, actor.country.as_deref()), (kind, Some(country)), "{text}");
        if capital == "London" && kind == ActorKind::Government {
            assert_eq!(actor.name, "British government", "{text}");
        }
    }
}

#[test]
fn sector_comes_from_the_role_at_publication() {
    let text = "Vladimir Putin spoke.";
    let actors = tagger().tag(text, date("2025-03-19"));
    assert_eq!(actors[0].sector.as_deref(), Some("GOV"));
    assert_eq!(actors[0].roles.len(), 1);
    assert_eq!(actors[0].roles[0].title, "president");
}

#[test]
fn hostile_input_never_panics_and_spans_stay_on_char_boundaries() {
    let t = tagger();
    let long_caps = "Aa ".repeat(20_000);
    let dots = "A.".repeat(20_000);
    let cases = [
        "",
        "’",
        "Ü",
        "’s 's ' s",
        "É Ö Ñ ÅÅÅ Łódź Kyiv’s",
        "RUSSIA’S",
        long_caps.as_str(),
        dots.as_str(),
        "He he HE she It its\nThe the THE president President",
        "- - – — “ ” ‘ ’ ( ) [ ]",
        "Mr. Mr Mrs. Dr",
        "U.S.-Russian U.S.A. U.S",
    ];
    for text in cases {
        for a in t.tag(text, None) {
            for m in &a.mentions {
                assert!(m.span.start < m.span.end && m.span.end <= text.len());
                assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            }
        }
    }
}

#[test]
fn builder_loads_user_gazetteers_and_reports_bad_ones() {
    let dir = std::env::temp_dir().join(format!("newsextract-actor-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("mine.tsv");
    std::fs::write(&good, "org:zentrix\torganization\tDEU\tZentrix Holdings\tZentrix\t\t\t\n")
        .unwrap();
    let extractor = crate::Extractor::builder().gazetteer_file(&good).build().unwrap();
    let text = "Zentrix said profits rose.";
    let analysis = extractor.extract(text);
    let zentrix = actor_of(text, &analysis.actors, "Zentrix").expect("user entry found");
    assert_eq!((zentrix.id.as_str(), zentrix.country.as_deref()), ("org:zentrix", Some("DEU")));
    let bad = dir.join("bad.tsv");
    std::fs::write(&bad, "# header\norg:x\torganization\n").unwrap();
    let err = crate::Extractor::builder().gazetteer_file(&bad).build().unwrap_err();
    assert_eq!(err.line(), Some(2));
    assert!(err.to_string().contains("bad.tsv"), "{err}");
    let bad_phoenix = dir.join("bad.txt");
    std::fs::write(&bad_phoenix, "+SYNONYM_FIRST_\n").unwrap();
    let err = crate::Extractor::builder().phoenix_actors_file(&bad_phoenix).build().unwrap_err();
    assert!(err.to_string().contains("bad.txt, line 1"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_name_shortened_to_its_first_word_is_an_organization() {
    let text = "Shares of Zorvex Minerals rose.\nAnalysts said Zorvex would grow.";
    let actors = tagger().tag(text, None);
    let a = actor_of(text, &actors, "Zorvex Minerals").unwrap();
    assert_eq!(a.kind, ActorKind::Organization);
    assert_eq!(
        mentions(text, a),
        vec![("Zorvex Minerals", MentionForm::Name), ("Zorvex", MentionForm::Name)]
    );
    // A person is shortened to the last word.
    let text = "Talks with Baltasar Oyelaran ended.\nOyelaran said little.";
    let actors = tagger().tag(text, None);
    let a = actor_of(text, &actors, "Baltasar Oyelaran").unwrap();
    assert_eq!(a.kind, ActorKind::Person);
    assert!(mentions(text, a).contains(&("Oyelaran", MentionForm::Alias)));
}

#[cfg(feature = "embedded-gazetteers")]
#[test]
fn embedded_gazetteer_loads() {
    let g = Gazetteer::embedded();
    assert!(g.len() > 1000, "{}", g.len());
    assert_eq!(g.get("RUS").map(|e| e.name.as_str()), Some("Russia"));
    assert!(g.get("gov:kremlin").is_some_and(|e| e.metonym));
}

/// A capitalized headline word that spells two short forms alike ("Usair", "USAir")
/// goes to the one mentioned first, whatever the order of any map.
#[test]
fn headline_word_goes_to_the_short_form_mentioned_first() {
    let t = tagger();
    for (first, second) in [("John Usair", "USAir Group"), ("USAir Group", "John Usair")] {
        let text = format!("USAIR TALKS END\n{first} said talks ended.\n{second} agreed.\n");
        let actors = t.tag(&text, None);
        let headline = actors
            .iter()
            .find(|a| a.mentions.iter().any(|m| m.span.start == 0))
            .expect("the headline word is a mention");
        assert_eq!(headline.name, first, "{text}");
    }
}

/// Capitals of names outside ASCII spell them too ("ÖZTÜRK" for "Öztürk").
#[test]
fn headline_word_in_capitals_outside_ascii() {
    let t = tagger();
    let text = "ÖZTÜRK WINS AGAIN\nMehmet Öztürk said the vote was fair.\n";
    let actors = t.tag(text, None);
    let headline = actors
        .iter()
        .find(|a| a.mentions.iter().any(|m| m.span.start == 0))
        .expect("the headline word is a mention");
    assert_eq!(headline.name, "Mehmet Öztürk");
}

#[test]
fn a_lone_word_inside_a_longer_name_is_not_an_organization() {
    // (text, surface, an organization?)
    let cases: &[(&str, &str, bool)] = &[
        ("Staff of Zentra Moscow went on strike.", "Zentra", false),
        ("Leaders met at the Orvel Week summit.", "Orvel", false),
        ("Envoys of the Order of Varnholm arrived.", "Varnholm", false),
        ("Crowds cheered Torvane and Belmark.", "Torvane", true),
        ("Crowds cheered Torvane and Belmark.", "Belmark", true),
        ("Later Qarsa of Russia beat Pelvo.", "Qarsa", true),
        ("Later Qarsa of Russia beat Pelvo.", "Pelvo", true),
    ];
    let t = tagger();
    for &(text, surface, org) in cases {
        let actors = t.tag(text, None);
        let kind = actor_of(text, &actors, surface).map(|a| a.kind);
        assert_eq!(kind == Some(ActorKind::Organization), org, "{text}: {surface}: {kind:?}");
    }
}

#[test]
fn a_lone_common_noun_or_organization_word_is_not_an_organization() {
    // (text, surface, kind of its actor)
    let cases: &[(&str, &str, Option<ActorKind>)] = &[
        ("That Statement will be put out on Monday.", "Statement", None),
        ("ISSUE: Bonds due 2030", "ISSUE", None),
        ("Prices fell as Oil traders waited.", "Oil", None),
        ("Tickets for the Final sold out.", "Final", None),
        ("Staff at Air Russia walked out.", "Air", None),
        ("Talks at the Commission ended late.", "Commission", None),
        ("Shares of Zorvex Corp rose.", "Zorvex Corp", Some(ActorKind::Organization)),
        ("Talks at Summit Partners ended.\nLater the Summit began.", "Summit", None),
        ("Mr Hope said nothing.", "Hope", Some(ActorKind::Person)),
        ("Analysts said Zorvex would grow.", "Zorvex", Some(ActorKind::Organization)),
        ("Traders said ZVX shares rose.", "ZVX", Some(ActorKind::Organization)),
    ];
    let t = tagger();
    for &(text, surface, kind) in cases {
        let actors = t.tag(text, None);
        let got = actor_of(text, &actors, surface).map(|a| a.kind);
        assert_eq!(got, kind, "{text}: {surface}");
    }
}

#[test]
fn a_lone_first_name_is_a_person() {
    let cases: &[(&str, &str, ActorKind)] = &[
        ("Fans cheered when Roberto scored.", "Roberto", ActorKind::Person),
        ("The crowd chanted for Maria all night.", "Maria", ActorKind::Person),
        ("Fans cheered when Torvane scored.", "Torvane", ActorKind::Organization),
    ];
    let t = tagger();
    for &(text, surface, kind) in cases {
        let actors = t.tag(text, None);
        let got = actor_of(text, &actors, surface).map(|a| a.kind);
        assert_eq!(got, Some(kind), "{text}: {surface}");
    }
}

#[test]
fn a_listed_description_is_a_nominal_mention() {
    let mut g = Gazetteer::empty();
    g.add_tsv("test.tsv", GAZ).unwrap();
    let army =
        "gov:rus-army\tgovernment\tRUS\tRussian Armed Forces\tRussian troops|Russian Army\t\t\t\n";
    g.add_tsv("army.tsv", army).unwrap();
    let t = ActorTagger::with_gazetteer(g);
    let cases: &[(&str, &str, MentionForm)] = &[
        ("Later Russian troops crossed the river.", "Russian troops", MentionForm::Nominal),
        ("Later the Russian Army denied it.", "Russian Army", MentionForm::Name),
        ("Later the Russian Armed Forces denied it.", "Russian Armed Forces", MentionForm::Name),
    ];
    for &(text, surface, form) in cases {
        let actors = t.tag(text, None);
        let a = actor_of(text, &actors, surface).expect(text);
        assert_eq!(a.id, "gov:rus-army", "{text}");
        assert!(mentions(text, a).contains(&(surface, form)), "{text}: {:?}", mentions(text, a));
    }
}

#[cfg(feature = "embedded-gazetteers")]
#[test]
fn ethnic_and_religious_adjectives_are_groups_not_organizations() {
    let t = ActorTagger::new();
    let cases: &[(&str, &str, ActorKind, MentionForm)] = &[
        ("Later Moslem clerics met.", "Moslem", ActorKind::Group, MentionForm::Demonym),
        ("Talks with Chechen fighters began.", "Chechen", ActorKind::Group, MentionForm::Demonym),
        ("Leaders said Arab states agreed.", "Arab", ActorKind::Group, MentionForm::Demonym),
        (
            "Later Christian Brandt said no.",
            "Christian Brandt",
            ActorKind::Person,
            MentionForm::Name,
        ),
    ];
    for &(text, surface, kind, form) in cases {
        let actors = t.tag(text, None);
        let a = actor_of(text, &actors, surface).expect(text);
        assert_eq!(a.kind, kind, "{text}");
        assert!(mentions(text, a).contains(&(surface, form)), "{text}: {:?}", mentions(text, a));
    }
}

#[test]
fn embedded_gazetteer_knows_communities_and_former_names() {
    let tagger = ActorTagger::new();
    let text = "Bosnian Serbs rejected the plan the European Community put forward, and UNITA \
                said it would not sign.";
    let actors = tagger.tag(text, date("1994-05-02"));
    let bosnian_serbs = actor_of(text, &actors, "Bosnian Serbs").expect("found");
    assert_eq!(
        (bosnian_serbs.kind, bosnian_serbs.country.as_deref()),
        (ActorKind::Group, Some("BIH"))
    );
    assert_eq!(
        actor_of(text, &actors, "European Community").map(|a| a.id.as_str()),
        Some("org:eu")
    );
    let unita = actor_of(text, &actors, "UNITA").expect("found");
    assert_eq!((unita.country.as_deref(), unita.sector.as_deref()), (Some("AGO"), Some("REB")));
}

#[test]
fn it_after_a_verb_of_saying_is_its_subject() {
    let tagger = tagger();
    // Without the verb the sentence's first actor is taken; after "said" its subject.
    let text = "In a note to the New York Times, Ukraine said it would reply.";
    let actors = tagger.tag(text, None);
    let ukraine = actor_of(text, &actors, "Ukraine").expect("found");
    assert_eq!(
        mentions(text, ukraine),
        [("Ukraine", MentionForm::Name), ("it", MentionForm::Pronoun)]
    );
    let text = "The New York Times wrote to Ukraine because it needed a reply.";
    let actors = tagger.tag(text, None);
    let times = actor_of(text, &actors, "New York Times").expect("found");
    assert_eq!(mentions(text, times).len(), 2, "{actors:?}");
}

#[test]
fn a_role_noun_with_of_takes_that_country() {
    let tagger = tagger();
    // "the president of Ukraine" is not the Russian president mentioned before.
    let text = "Vladimir Putin offered to meet the president of Ukraine.";
    let actors = tagger.tag(text, date("2025-03-19"));
    let putin = actor_of(text, &actors, "Vladimir Putin").expect("found");
    assert_eq!(mentions(text, putin), [("Vladimir Putin", MentionForm::Name)]);
}

#[test]
fn an_unlisted_place_takes_the_country_after_its_comma() {
    let tagger = tagger();
    let text = "Shelling hit homes in Avdiivka, Ukraine, on Sunday. Officials in Kursk, Russia and Ukraine met.";
    let actors = tagger.tag(text, None);
    let town = actor_of(text, &actors, "Avdiivka").expect("found");
    assert_eq!((town.kind, town.country.as_deref()), (ActorKind::Location, Some("UKR")));
    // A list, not an address: "Kursk, Russia and Ukraine".
    let kursk = actor_of(text, &actors, "Kursk").expect("found");
    assert_eq!(kursk.country, None);
}

#[test]
fn a_lone_cabinet_is_no_organization_but_names_one() {
    let tagger = tagger();
    let text = "Russia's Cabinet met on Monday. The Security Cabinet voted late.";
    let actors = tagger.tag(text, None);
    assert!(actor_of(text, &actors, "Cabinet").is_none(), "{actors:?}");
    let security = actor_of(text, &actors, "Security Cabinet").expect("found");
    assert_eq!(security.kind, ActorKind::Organization);
}

#[test]
fn capitalized_abbreviations_of_things_are_no_organizations() {
    let tagger = tagger();
    let text = "Shares rose 2% by 1200 GMT as sales of PCs and DVD players grew, MPs heard.";
    let actors = tagger.tag(text, None);
    assert!(actors.is_empty(), "{actors:?}");
}

#[test]
fn holidays_and_awards_are_no_actors_but_rating_agencies_are() {
    let tagger = ActorTagger::new();
    let text =
        "Before Christmas, Moody's and Standard & Poor's cut the rating; the film won an Oscar.";
    let actors = tagger.tag(text, None);
    let names: Vec<&str> = actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Moody's", "Standard & Poor's"]);
}

#[test]
fn names_with_an_ampersand_match_whole() {
    let mut g = Gazetteer::empty();
    g.add_tsv("amp.tsv", "org:pg\torganization\tUSA\tProcter & Gamble\tP&G\t\t\t\n")
        .expect("valid");
    let tagger = ActorTagger::with_gazetteer(g);
    let text = "Shares of Procter & Gamble rose after P&G beat forecasts.";
    let actors = tagger.tag(text, None);
    assert_eq!(actors.len(), 1, "{actors:?}");
    assert_eq!(mentions(text, &actors[0]).len(), 2);
}

#[test]
fn demonym_and_force_noun_name_that_countrys_force() {
    let tagger = ActorTagger::new();
    let text = "Afghan rebels attacked Burmese troops, and Nigerian police arrested them.";
    let actors = tagger.tag(text, None);
    let code = |surface: &str| {
        actor_of(text, &actors, surface).map(|a| (a.country.clone(), a.sector.clone()))
    };
    let expect = |c: &str, s: &str| Some((Some(c.to_string()), Some(s.to_string())));
    assert_eq!(code("Afghan rebels"), expect("AFG", "REB"));
    assert_eq!(code("Burmese troops"), expect("MMR", "MIL"));
    assert_eq!(code("Nigerian police"), expect("NGA", "COP"));
}

#[test]
fn a_dateline_in_capitals_names_its_place() {
    let tagger = tagger();
    let text = "NEW YORK, March 5 - Shares rose. MOSCOW (Reuters) - The rouble fell.";
    let actors = tagger.tag(text, None);
    let york = actor_of(text, &actors, "NEW YORK").expect("found");
    assert_eq!(york.id, "loc:new-york");
    assert_eq!(actor_of(text, &actors, "MOSCOW").map(|a| a.id.as_str()), Some("loc:moscow"));
    // A team in a results table is no place.
    let text = "Results on Sunday:\nMOSCOW 3 Dynamo Kyiv 2";
    let actors = tagger.tag(text, None);
    assert!(actor_of(text, &actors, "MOSCOW").is_none_or(|a| a.kind != ActorKind::Location));
}

#[test]
fn the_town_of_x_is_a_place() {
    let tagger = tagger();
    let text = "A bomb exploded near the town of Samarra, and rebels held the province of Zabul.";
    let actors = tagger.tag(text, None);
    for name in ["Samarra", "Zabul"] {
        assert_eq!(actor_of(text, &actors, name).map(|a| a.kind), Some(ActorKind::Location));
    }
}

#[test]
fn a_name_before_a_noun_of_armed_groups_is_a_group() {
    let tagger = tagger();
    let text = "Troops attacked a Karen guerrilla base while Karen Smith watched.";
    let actors = tagger.tag(text, None);
    assert_eq!(actor_of(text, &actors, "Karen").map(|a| a.kind), Some(ActorKind::Group));
    assert_eq!(actor_of(text, &actors, "Karen Smith").map(|a| a.kind), Some(ActorKind::Person));
}

#[test]
fn officials_of_a_nationality_are_its_government() {
    let tagger = ActorTagger::new();
    let text = "Egyptian officials said the talks would resume.";
    let actors = tagger.tag(text, None);
    let officials = actor_of(text, &actors, "Egyptian officials").expect("found");
    assert_eq!(
        (officials.kind, officials.country.as_deref(), officials.sector.as_deref()),
        (ActorKind::Government, Some("EGY"), Some("GOV"))
    );
}

#[test]
fn an_arabic_article_joins_the_name() {
    let tagger = tagger();
    let text = "Officials said Saad al-Hariri met Abdel Fattah el-Sisi, a well-known figure.";
    let actors = tagger.tag(text, None);
    let names: Vec<&str> = actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Saad al-Hariri", "Abdel Fattah el-Sisi"]);
}

#[test]
fn longer_names_around_listed_organizations() {
    let mut g = Gazetteer::empty();
    let tsv = "org:democrats\torganization\tUSA\tDemocratic Party\t\t\t\t\norg:acme\torganization\tUSA\tAcme\t\t\t\t\n";
    g.add_tsv("orgs.tsv", tsv).expect("valid");
    let tagger = ActorTagger::with_gazetteer(g);
    let text = "The Kurdistan Democratic Party met Acme Holdings Inc on Monday.";
    let actors = tagger.tag(text, None);
    // A name before a listed party's name makes another party.
    let kdp = actor_of(text, &actors, "Kurdistan Democratic Party").expect("found");
    assert!(kdp.id.starts_with("local:"), "{}", kdp.id);
    // A listed company's longer name is the company.
    assert_eq!(
        actor_of(text, &actors, "Acme Holdings Inc").map(|a| a.id.as_str()),
        Some("org:acme")
    );
}

#[test]
fn capitalized_names_joined_by_an_ampersand_are_one_company() {
    let tagger = tagger();
    let text = "Shares of Douglas & Lomason rose while Cable & Wireless fell.";
    let actors = tagger.tag(text, None);
    let names: Vec<(&str, ActorKind)> = actors.iter().map(|a| (a.name.as_str(), a.kind)).collect();
    assert_eq!(
        names,
        [
            ("Douglas & Lomason", ActorKind::Organization),
            ("Cable & Wireless", ActorKind::Organization)
        ]
    );
}

#[test]
fn two_capitalized_words_led_by_a_common_noun_are_no_person() {
    let tagger = tagger();
    let text =
        "Fans watched the World Series while the Data Protection Act kept Karl Brenner busy.";
    let actors = tagger.tag(text, None);
    let names: Vec<&str> = actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Karl Brenner"]);
}

#[test]
fn capitalized_words_ending_in_a_common_noun_are_no_person_without_a_first_name() {
    let tagger = tagger();
    let text = "Zorvan Quell won the Grand Slam and a Golden Globe at the Consumer Electronics \
                Show, and John Field watched.";
    let actors = tagger.tag(text, None);
    let names: Vec<(&str, ActorKind)> = actors.iter().map(|a| (a.name.as_str(), a.kind)).collect();
    assert_eq!(names, [("Zorvan Quell", ActorKind::Person), ("John Field", ActorKind::Person)]);
}

#[test]
fn titles_with_of_the_take_their_portfolio() {
    let tagger = tagger();
    // (sentence, the person, the title the text gives)
    let cases = [
        (
            "Chancellor of the Exchequer Zoltan Brand said rates would fall.",
            "Zoltan Brand",
            "chancellor of the exchequer",
        ),
        ("Minister of Finance Karl Brenner agreed.", "Karl Brenner", "minister of finance"),
        ("Leader of the Opposition Anna Vogel left.", "Anna Vogel", "leader of the opposition"),
    ];
    for (text, name, title) in cases {
        let actors = tagger.tag(text, None);
        assert_eq!(actors.len(), 1, "{text}: {actors:?}");
        assert_eq!(actors[0].name, name, "{text}");
        assert_eq!(actors[0].roles[0].title, title, "{text}");
    }
    // "of the" inside a capitalized name keeps it whole.
    let text = "Figures from the Office of the Deputy Registrar were published.";
    let actors = tagger.tag(text, None);
    let names: Vec<&str> = actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Office of the Deputy Registrar"]);
}

#[test]
fn a_demonym_after_a_first_name_is_a_surname() {
    let tagger = tagger();
    let text = "Ron Dutch said the Dutch team left, and Ukrainian officials agreed.";
    let actors = tagger.tag(text, None);
    let person = actor_of(text, &actors, "Ron Dutch").expect("a person");
    assert_eq!(person.kind, ActorKind::Person);
    let nld = actor_of(text, &actors, "Dutch").expect("the demonym");
    assert_eq!(nld.id, "NLD");
    assert!(actor_of(text, &actors, "Ukrainian").is_some_and(|a| a.id == "UKR"));
}

#[test]
fn lone_adjectives_of_place_are_no_organizations() {
    let tagger = tagger();
    let text =
        "Fans cheered as the Welsh side won, and African leaders and Republican senators met.";
    let actors = tagger.tag(text, None);
    assert!(actors.is_empty(), "{actors:?}");
}

#[test]
fn a_sentence_longer_than_a_chunk_is_read_whole_in_pieces() {
    let tagger = tagger();
    // One sentence of about 90 KB (no sentence end): read in pieces, every mention found.
    let unit = "officials in Kyiv said Foreign Minister Anna Kovacs met them and ";
    let text = unit.repeat(1_400);
    let actors = tagger.tag(&text, None);
    let kyiv = actor_of(&text, &actors, "Kyiv").expect("Kyiv");
    assert_eq!(kyiv.mentions.len(), 1_400);
    let anna = actors.iter().find(|a| a.name == "Anna Kovacs").expect("the minister");
    assert_eq!(anna.mentions.len(), 1_400);
    assert!(anna.mentions.iter().all(|m| &text[m.span.start..m.span.end] == "Anna Kovacs"));
    assert_eq!(anna.roles[0].title, "foreign minister");
}

#[test]
fn long_sentences_are_cut_between_lowercase_words() {
    let text = "Officials said the talks went on and ".repeat(2_000);
    let mut pieces = Vec::new();
    super::split_long(text.as_bytes(), Span::new(0, text.len()), |p| pieces.push(p));
    assert!(pieces.len() > 2, "{}", pieces.len());
    // The pieces cover the sentence, one space apart, each cut between lowercase words.
    assert_eq!(pieces[0].start, 0);
    assert_eq!(pieces.last().map(|p| p.end), Some(text.len()));
    for pair in pieces.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        assert_eq!(b.start, a.end + 1);
        assert_eq!(&text[a.end..b.start], " ");
        assert!(text.as_bytes()[a.end - 1].is_ascii_lowercase());
        assert!(text.as_bytes()[b.start].is_ascii_lowercase());
    }
    // A short sentence is one piece, as given.
    let mut one = Vec::new();
    super::split_long(b"Talks resumed.", Span::new(0, 14), |p| one.push(p));
    assert_eq!(one, [Span::new(0, 14)]);
}
