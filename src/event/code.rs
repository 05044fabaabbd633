//! CAMEO code arithmetic: recoding a complement under a modal verb ("agreed to" + release
//! -> 0353), PLOVER types and modes of codes.

use std::collections::HashMap;
use std::sync::LazyLock;

const MODES: &str = include_str!("../../data/event/modes.tsv");

/// A verb that takes an event as its complement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Modal {
    /// agree, offer, promise, pledge: intent to cooperate (CAMEO 03).
    Agree,
    /// will, would, plan to, be ready to.
    Future,
    /// refuse, reject, decline (CAMEO 12).
    Refuse,
    /// threaten, warn (CAMEO 13).
    Threaten,
    /// demand, insist (CAMEO 10).
    Demand,
    /// appeal, urge, call for (CAMEO 02).
    Appeal,
    /// stop, cease, halt, suspend: ends the complement ("ceased targeting" 087).
    Halt,
}

impl Modal {
    /// Parses the lexicon's `modal=` value.
    pub(crate) fn parse(kind: &str) -> Option<Modal> {
        Some(match kind {
            "agree" => Modal::Agree,
            "future" => Modal::Future,
            "refuse" => Modal::Refuse,
            "threaten" => Modal::Threaten,
            "demand" => Modal::Demand,
            "appeal" => Modal::Appeal,
            "halt" => Modal::Halt,
            _ => return None,
        })
    }
}

/// Whether a code is a hostile act (protest, force, sanctions, coercion, violence).
fn hostile(c: &str) -> bool {
    matches!(&c[..2.min(c.len())], "14" | "15" | "16" | "17" | "18" | "19" | "20")
}

/// The code of complement `c` (a CAMEO code) under `modal`.
pub(crate) fn combine(modal: Modal, c: &str) -> String {
    let code = match modal {
        // "will ask", "would call for": an announced statement or appeal is one, and a
        // recoded complement keeps its code under a modal of its kind.
        Modal::Agree | Modal::Future if ["01", "02", "03"].iter().any(|p| c.starts_with(p)) => c,
        Modal::Refuse if c.starts_with("12") => c,
        Modal::Threaten if c.starts_with("13") => c,
        Modal::Demand if c.starts_with("10") => c,
        Modal::Appeal if c.starts_with("02") => c,
        Modal::Agree | Modal::Future if hostile(c) => threat(c),
        Modal::Agree | Modal::Future => intent(c),
        Modal::Threaten => threat(c),
        Modal::Refuse => refusal(c),
        Modal::Demand => request(c, Modal::Demand),
        Modal::Appeal => request(c, Modal::Appeal),
        Modal::Halt => halt(c),
    };
    code.to_string()
}

/// Picks the code of the first prefix of `c` listed in `table`, else `default`.
fn by_prefix(c: &str, table: &[(&str, &'static str)], default: &'static str) -> &'static str {
    table.iter().find(|(p, _)| c.starts_with(p)).map_or(default, |&(_, code)| code)
}

fn intent(c: &str) -> &'static str {
    by_prefix(
        c,
        &[
            ("0611", "0311"),
            ("061", "0311"),
            ("062", "0312"),
            ("063", "0313"),
            ("064", "0314"),
            ("06", "031"),
            ("05", "032"),
            ("071", "0331"),
            ("072", "0332"),
            ("073", "0333"),
            ("074", "0334"),
            ("07", "033"),
            ("083", "034"),
            ("081", "0351"),
            ("082", "0352"),
            ("084", "0353"),
            ("085", "0354"),
            ("086", "0355"),
            ("087", "0356"),
            ("08", "035"),
            ("045", "039"),
            ("04", "036"),
            ("12", "120"),
            ("13", "130"),
            ("11", "110"),
        ],
        "030",
    )
}

fn halt(c: &str) -> &'static str {
    by_prefix(
        c,
        &[
            ("045", "165"),
            ("04", "164"),
            ("07", "162"),
            ("06", "160"),
            ("05", "160"),
            ("14", "082"),
            ("163", "085"),
            ("16", "080"),
            ("17", "080"),
            ("18", "087"),
            ("19", "087"),
            ("20", "087"),
        ],
        "080",
    )
}

fn threat(c: &str) -> &'static str {
    by_prefix(
        c,
        &[
            ("161", "1313"),
            ("162", "1311"),
            ("163", "1312"),
            ("164", "134"),
            ("165", "135"),
            ("166", "136"),
            ("16", "131"),
            ("1721", "1321"),
            ("1722", "1322"),
            ("1723", "1323"),
            ("1724", "1324"),
            ("172", "132"),
            ("175", "137"),
            ("17", "130"),
            ("14", "133"),
            ("191", "1381"),
            ("192", "1382"),
            ("204", "1385"),
            ("18", "1383"),
            ("19", "138"),
            ("20", "138"),
            ("15", "138"),
        ],
        "130",
    )
}

fn refusal(c: &str) -> &'static str {
    by_prefix(
        c,
        &[
            ("061", "1211"),
            ("062", "1212"),
            ("063", "1213"),
            ("064", "1214"),
            ("06", "121"),
            ("071", "1221"),
            ("072", "1222"),
            ("073", "1223"),
            ("074", "1224"),
            ("07", "122"),
            ("083", "123"),
            ("081", "1241"),
            ("082", "1242"),
            ("084", "1243"),
            ("085", "1244"),
            ("086", "1245"),
            ("087", "1246"),
            ("08", "124"),
            ("045", "126"),
            ("04", "125"),
            ("057", "127"),
        ],
        "120",
    )
}

fn request(c: &str, modal: Modal) -> &'static str {
    let demand = modal == Modal::Demand;
    let table: &[(&str, &'static str)] = if demand {
        &[
            ("061", "1011"),
            ("062", "1012"),
            ("063", "1013"),
            ("064", "1014"),
            ("06", "101"),
            ("05", "102"),
            ("071", "1031"),
            ("072", "1032"),
            ("073", "1033"),
            ("074", "1034"),
            ("07", "103"),
            ("0831", "1041"),
            ("083", "104"),
            ("081", "1051"),
            ("082", "1052"),
            ("084", "1053"),
            ("085", "1054"),
            ("086", "1055"),
            ("087", "1056"),
            ("08", "105"),
            ("045", "108"),
            ("04", "106"),
        ]
    } else {
        &[
            ("061", "0211"),
            ("062", "0212"),
            ("063", "0213"),
            ("064", "0214"),
            ("06", "021"),
            ("05", "022"),
            ("071", "0231"),
            ("072", "0232"),
            ("073", "0233"),
            ("074", "0234"),
            ("07", "023"),
            ("0831", "0241"),
            ("083", "024"),
            ("081", "0251"),
            ("082", "0252"),
            ("084", "0253"),
            ("085", "0254"),
            ("086", "0255"),
            ("087", "0256"),
            ("08", "025"),
            ("045", "028"),
            ("04", "026"),
        ]
    };
    by_prefix(c, table, if demand { "100" } else { "020" })
}

/// The PLOVER 2021 type of a CAMEO code (`None` for statements and appeals, which PLOVER
/// drops).
pub(crate) fn plover(code: &str) -> Option<&'static str> {
    let sub = |p: &str| code.starts_with(p);
    Some(match code.get(..2)? {
        "03" => "AGREE",
        "04" => "CONSULT",
        "05" => "SUPPORT",
        "06" => "COOPERATE",
        "07" => "AID",
        "08" if sub("0813") || sub("0814") || sub("084") || sub("085") => "RETREAT",
        "08" if sub("086") || sub("087") => "RETREAT",
        "08" => "CONCEDE",
        "09" | "11" => "ACCUSE",
        "10" => "REQUEST",
        "12" => "REJECT",
        "13" => "THREATEN",
        "14" => "PROTEST",
        "15" => "MOBILIZE",
        "16" if sub("163") => "COERCE",
        "16" => "SANCTION",
        "17" if sub("1712") || sub("175") => "ASSAULT",
        "17" => "COERCE",
        "19" if sub("191") || sub("192") => "COERCE",
        "18" | "19" | "20" => "ASSAULT",
        _ => return None,
    })
}

/// Code prefix -> PLOVER mode, from `data/event/modes.tsv` (the first line of a prefix
/// wins).
static MODE_TABLE: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut table = HashMap::new();
    for (prefix, mode) in
        MODES.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once('\t'))
    {
        table.entry(prefix).or_insert(mode);
    }
    table
});

/// Builds the mode table now rather than at the first lookup.
pub(crate) fn prepare() {
    LazyLock::force(&MODE_TABLE);
}

/// The default PLOVER mode of a CAMEO code: that of its longest listed prefix.
pub(crate) fn mode(code: &str) -> Option<&'static str> {
    (0..=code.len()).rev().find_map(|n| MODE_TABLE.get(code.get(..n)?).copied())
}
