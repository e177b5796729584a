#!/usr/bin/python3
"""The real GDELT 2.0 export in ../shared/data/gdelt, read by geograph.

The expected events are computed here from the TSV, independently of the C
reader: the column positions come from the export's README, the actor rules
and code tables are restated below from extract/gdelt.c's documentation,
and relation labels come from reading extract/dict/relations.txt.  Then
`$GEOGRAPH extract` must give exactly that set, plain, gzip-compressed and
zipped as GDELT ships it.
"""
import gzip
import json
import os
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SAMPLE = os.path.join(ROOT, "..", "shared", "data", "gdelt", "20191024143000.export.CSV")
GEOGRAPH = os.environ.get("GEOGRAPH", os.path.join(ROOT, "build", "geograph"))

# CAMEO codes of organisations with a fixed project id, and CAMEO country
# codes that are not ISO 3166 alpha-3.
ORGS = {
    "ADB": "ADB", "AFU": "AU", "ARL": "ARABLEAGUE", "ASN": "ASEAN", "CIS": "CIS", "COE": "COE",
    "EBR": "EBRD", "EEC": "EU", "FAO": "FAO", "GCC": "GCC", "HCR": "UNHCR", "IAE": "IAEA",
    "ICC": "ICC", "ICJ": "ICJ", "ILO": "ILO", "IMF": "IMF", "IOM": "IOM", "ITP": "INTERPOL",
    "KID": "UNICEF", "NAT": "NATO", "OAS": "OAS", "OIC": "OIC", "OPC": "OPEC", "UNO": "UN",
    "WAS": "ECOWAS", "WBK": "WB", "WFP": "WFP", "WHO": "WHO", "WTO": "WTO",
}
COUNTRIES = {"EUR": "EU", "GZS": "PSE", "KSV": "XKX", "ROM": "ROU", "TMP": "TLS", "WSB": "PSE",
             "ZAR": "COD"}

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok - " if ok else "not ok - ") + name)
    if not ok and detail:
        for line in str(detail).splitlines()[:20]:
            print("#   " + line)


def resolve(code, country, group):
    """(id, type written in the event or None) of one actor; id None when
    the actor cannot be resolved."""
    if code.startswith("IGO"):
        parts = [code[i:i + 3] for i in range(3, len(code) - len(code) % 3, 3)]
        for part in reversed(parts):
            if part in ORGS:
                return ORGS[part], None
    if group in ORGS:
        return ORGS[group], None
    if country:
        return COUNTRIES.get(country, country), None
    if group:
        return group, "group"
    if code.startswith("IGO") and len(code) > 3:
        return code, "igo"
    return None, None


def actor(code, country, group):
    return resolve(code, country, group)[0]


def relations():
    """CAMEO code -> the first relation label with that code."""
    first = {}
    with open(os.path.join(ROOT, "extract", "dict", "relations.txt"), encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if fields[0] == "relation":
                first.setdefault(fields[3], fields[1])
    return first


def relation_of(code, first):
    for c in (code, code[:3], code[:2] + "0"):
        if c in first:
            return first[c]
    return None


def run(path):
    p = subprocess.run([GEOGRAPH, "extract", path], capture_output=True)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def main():
    if not os.path.exists(SAMPLE):
        print("ok - real-export # SKIP ../shared/data/gdelt is not here")
        return 0
    with open(SAMPLE, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    first = relations()

    # The dictionary's facts: each relation's Goldstein value and quad
    # class are GDELT's for its code, wherever the export has that code.
    seen = {}
    for r in rows:
        seen.setdefault(r[26], set()).add((float(r[30]), int(r[29])))
    wrong, checked = [], 0
    with open(os.path.join(ROOT, "extract", "dict", "relations.txt"), encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if fields[0] == "relation" and fields[3] in seen:
                checked += 1
                if (float(fields[4]), int(fields[5])) not in seen[fields[3]]:
                    wrong.append("%s %s: %s %s, export %s" % (fields[1], fields[3], fields[4], fields[5],
                                                              sorted(seen[fields[3]])))
    check("the Goldstein value and quad class of the %d relations whose code the export uses "
          "are the export's" % checked, not wrong and checked > 50, "\n".join(wrong))

    status, out, err = run(SAMPLE)
    check("extract reads the real export (exit 0)", status == 0, err)
    events = [json.loads(line) for line in out.splitlines()]
    by_doc = {}
    for ev in events:
        by_doc.setdefault(ev["doc"], []).append(ev)

    # The property: every row with two different actor country
    # codes gives exactly one event, with that ordered pair, EventCode and date.
    pair_rows = [r for r in rows if r[7] and r[17] and r[7] != r[17]]
    bad = []
    for r in pair_rows:
        want = (actor(r[5], r[7], r[8]), actor(r[15], r[17], r[18]), r[26],
                "%s-%s-%s" % (r[1][:4], r[1][4:6], r[1][6:8]))
        got = [(e["source"], e["target"], e["cameo"], e["date"]) for e in by_doc.get(r[0], [])]
        if want[0] == want[1]:
            want = None  # one actor on both sides after mapping: no event
        if got != ([want] if want else []):
            bad.append("row %s: want %s, got %s" % (r[0], want, got))
    check("each of the %d rows with two different country codes gives exactly one event "
          "with that pair, EventCode and date" % len(pair_rows), not bad and len(pair_rows) > 400,
          "\n".join(bad))

    # The whole set: every row the actor rules resolve to two different
    # actors, and nothing else, with every mapped field.
    want = {}
    for r in rows:
        (a1, t1), (a2, t2) = resolve(r[5], r[7], r[8]), resolve(r[15], r[17], r[18])
        if a1 and a2 and a1 != a2:
            ev = {"doc": r[0], "source": a1, "target": a2, "cameo": r[26],
                  "date": "%s-%s-%s" % (r[1][:4], r[1][4:6], r[1][6:8]),
                  "relation": relation_of(r[26], first), "goldstein": float(r[30]),
                  "quad": int(r[29]), "negated": False, "modality": "asserted"}
            if int(r[31]) != 1:
                ev["weight"] = float(r[31])
            if r[60]:
                ev["url"] = r[60]
            if t1:
                ev["source_type"] = t1
            if t2:
                ev["target_type"] = t2
            want[r[0]] = ev
    got = {e["doc"]: e for e in events}
    diff = ["%s: want %s, got %s" % (d, want.get(d), got.get(d))
            for d in sorted(set(want) | set(got)) if want.get(d) != got.get(d)]
    check("the %d events are exactly the rows with two resolvable, different actors, "
          "every field mapped" % len(want), not diff and len(events) == len(want), "\n".join(diff))
    check("one event per GDELT event id", len(got) == len(events))

    skipped = len(rows) - len(want)
    summary = "geograph extract: skipped %d records or files (%d with fewer than two actors)\n" % (
        skipped, skipped)
    check("stderr is the one-line summary of the %d skipped rows" % skipped, err == summary, err)

    with tempfile.TemporaryDirectory() as tmp:
        data = open(SAMPLE, "rb").read()
        gz = os.path.join(tmp, "20191024143000.export.CSV.gz")
        with gzip.open(gz, "wb") as g:
            g.write(data)
        zp = os.path.join(tmp, "20191024143000.export.CSV.zip")
        with zipfile.ZipFile(zp, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("20191024143000.export.CSV", data)
        for name, path in (("gzip", gz), ("zip", zp)):
            s, o, e = run(path)
            check("the %s-compressed export gives the same events and summary" % name,
                  (s, o, e) == (status, out, err), e)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
