#!/usr/bin/env python3
"""Check the gazetteer TSV files in this folder (format: README.md).

Usage: python3 data/gazetteer/check.py [FILE.tsv ...]   (default: all *.tsv here)
Errors (exit 1): wrong column count, duplicate ids, unknown kind/flag/sector, country codes
not in countries.tsv, malformed roles or dates. Warnings: a surface form listed by two
entries, all-lowercase surface forms, people without a gender flag.
"""
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"person": "per", "country": None, "government": "gov", "organization": "org",
         "location": "loc", "group": "grp"}
INTL = {"IGO", "NGO", "MNC", "IMG"}
SECTORS = {"GOV", "MIL", "LEG", "JUD", "PTY", "OPP", "REB", "BUS", "JRN", "COP", "SPY", "ELI",
           "EDU", "MED", "HLH", "CVL", "REL", "LAB", "AGR", "DEV", "HRI", "REF", "ENV", "NGO",
           "IGO", "INS", "SEP", "UAF", "CRM", "SPT", "MOD", "RAD"}
FLAGS = {"male", "female", "capital", "metonym", "historic"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def main():
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(HERE, "*.tsv")))
    rows = []
    errors = []
    for path in files:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.split("\t")
                where = f"{os.path.basename(path)}:{n}"
                if len(cols) != 8:
                    errors.append(f"{where}: {len(cols)} columns")
                    continue
                rows.append((where, cols))
    iso = {c[0] for _, c in rows if c[1] == "country"}
    ids = {}
    forms = {}
    warns = []
    for where, (id_, kind, country, name, aliases, demonyms, roles, flags) in rows:
        if id_ in ids:
            errors.append(f"{where}: duplicate id {id_} (first at {ids[id_]})")
        ids[id_] = where
        if kind not in KINDS:
            errors.append(f"{where}: bad kind {kind!r}")
            continue
        prefix = KINDS[kind]
        if prefix is None:
            if not re.fullmatch(r"[A-Z]{3}", id_) or country != id_:
                errors.append(f"{where}: country id/country mismatch {id_}")
        else:
            p, _, slug = id_.partition(":")
            if p != prefix or not SLUG.match(slug):
                errors.append(f"{where}: bad id {id_!r} for kind {kind}")
        if country and country not in iso and country not in INTL:
            errors.append(f"{where}: unknown country {country!r}")
        if not name or name != name.strip():
            errors.append(f"{where}: bad name {name!r}")
        surface = [name] + (aliases.split("|") if aliases else [])
        dem = demonyms.split("|") if demonyms else []
        for s in surface + dem:
            if not s or s != s.strip() or "\t" in s:
                errors.append(f"{where}: bad surface form {s!r}")
            elif s == s.lower():
                warns.append(f"{where}: all-lowercase form {s!r}")
            forms.setdefault(s, []).append(id_)
        if len(set(surface + dem)) != len(surface + dem):
            warns.append(f"{where}: form repeated within entry {id_}")
        for r in roles.split(";") if roles else []:
            parts = r.split("|")
            if len(parts) != 5:
                errors.append(f"{where}: role {r!r} needs 5 fields")
                continue
            title, rc, sector, frm, to = parts
            if not title:
                errors.append(f"{where}: role without title")
            if rc and rc not in iso and rc not in INTL:
                errors.append(f"{where}: role country {rc!r} unknown")
            if sector not in SECTORS:
                errors.append(f"{where}: role sector {sector!r} unknown")
            for d in (frm, to):
                if d and not DATE.match(d):
                    errors.append(f"{where}: bad date {d!r}")
            if frm and to and to < frm:
                errors.append(f"{where}: role {title} ends before it starts")
        fl = flags.split(",") if flags else []
        for f in fl:
            if f not in FLAGS:
                errors.append(f"{where}: unknown flag {f!r}")
        if kind == "person" and not ({"male", "female"} & set(fl)):
            warns.append(f"{where}: person without gender flag")
    for s, who in sorted(forms.items()):
        if len(set(who)) > 1:
            warns.append(f"form {s!r} shared by {', '.join(sorted(set(who)))}")
    for w in warns:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print(f"{len(rows)} entries in {len(files)} files, {len(errors)} errors, {len(warns)} warnings")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
