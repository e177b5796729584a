#!/usr/bin/python3
"""Scores geograph's text extractor on the shared development set.

    bench/eval.py [--geograph BIN] [--shared DIR] [--keep DIR] [--errors]

For each ../shared/data/eval-dev/*.jsonl (relative to the repository root),
writes every record's text to NNNNN.txt in a temporary folder, runs
`geograph extract` on the folder, maps each event's doc back to the record
id, and prints ../shared/tools/score.py's scores.  --errors lists, per
record, the pairs missed and the pairs predicted wrongly (ordered pairs).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Specialised agencies of the UN system that the dictionary keeps as
# actors of their own (they are no organs of the UN, and do not fold into
# it in the graph), but that CAMEO codes under the UN (IGOUNO...).
UN_SYSTEM = {"WB", "WHO", "ILO", "FAO", "UNESCO"}

# Armed and political movements that the dictionary keeps as actors of
# their own but that the gold, as CAMEO does, codes under the country they
# belong to (Hamas and Islamic Jihad as PSE, the Tamil Tigers as LKA).  Only
# movements bound to one country are listed; al-Qaeda or Islamic State are not.
GROUP_HOME = {
    "HAMAS": "PSE", "FATAH": "PSE", "PIJ": "PSE", "PFLP": "PSE",
    "HEZBOLLAH": "LBN", "LTTE": "LKA", "PKK": "TUR", "FARC": "COL",
    "SHININGPATH": "PER", "KHMERROUGE": "KHM", "CONTRAS": "NIC", "UNITA": "AGO",
    "HOUTHIS": "YEM", "TTP": "PAK", "SDF": "SYR", "YPG": "SYR", "HTS": "SYR",
    "RSF": "SDN", "M23": "COD", "KATAIBHEZBOLLAH": "IRQ", "KDP": "IRQ",
    "PUK": "IRQ", "KRG": "IRQ", "BOKOHARAM": "NGA", "ABUSAYYAF": "PHL",
    "MILF": "PHL", "ALSHABAAB": "SOM",
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--geograph", default=os.path.join(ROOT, "build", "geograph"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--keep", help="write the predictions here")
    ap.add_argument("--errors", action="store_true", help="list misses and false alarms")
    args = ap.parse_args()

    data = os.path.join(args.shared, "data", "eval-dev")
    score = os.path.join(args.shared, "tools", "score.py")
    if not os.path.isdir(data) or not os.path.isfile(score):
        print("eval: %s not found; nothing to score" % data, file=sys.stderr)
        return 0
    sys.path.insert(0, os.path.join(args.shared, "tools"))
    try:
        import cameo_codes  # noqa: E402
        canon = cameo_codes.canonical
    except Exception:  # the scorer's own reduction is only used for --errors
        canon = lambda c: c  # noqa: E731
    # Organisation ids the scorer does not know are written as the CAMEO
    # actor code the dictionary gives them (ARABLEAGUE -> ARL).
    cameo = {}
    countries = set()
    try:
        with open(os.path.join(ROOT, "extract", "dict", "actors.txt"), encoding="utf-8") as f:
            for line in f:
                fields = line.rstrip("\n").split("\t")
                if fields[0] == "actor" and len(fields) > 2 and fields[2] == "country":
                    countries.add(fields[1])
                if fields[0] == "actor":
                    for opt in fields[4:]:
                        if opt.startswith("cameo="):
                            cameo[fields[1]] = opt[6:]
                    # An organ or agency of the UN system (UNSC, UNHCR, the
                    # World Bank) is scored as the UN: CAMEO codes nest them
                    # under it (IGOUNOREFHCR, IGOUNODEVWBK), and the scorer
                    # reduces those to UNO.  Another organ without a code of
                    # its own is scored as the organisation it belongs to.
                    for opt in fields[4:]:
                        if opt.startswith("affiliation=") and fields[2] == "igo" and \
                                (fields[1] not in cameo or opt == "affiliation=UN"):
                            cameo[fields[1]] = opt[12:]
                    if fields[1] in UN_SYSTEM:
                        cameo[fields[1]] = "UN"
    except OSError:
        pass

    def code(a):
        if a in GROUP_HOME:
            return GROUP_HOME[a]
        c = canon(a)
        # Countries keep their ISO code; only organisation ids fall back.
        if c == a and a in cameo and a not in countries:
            return code(cameo[a]) if cameo[a] in cameo and cameo[a] != a else canon(cameo[a])
        return c

    rc = 0
    for name in sorted(os.listdir(data)):
        if not name.endswith(".jsonl"):
            continue
        gold_path = os.path.join(data, name)
        records = [json.loads(l) for l in open(gold_path, encoding="utf-8") if l.strip()]
        with tempfile.TemporaryDirectory() as tmp:
            docs = os.path.join(tmp, "docs")
            os.mkdir(docs)
            ids = {}
            for i, r in enumerate(records):
                doc = "%05d" % i
                ids[doc] = r["id"]
                with open(os.path.join(docs, doc + ".txt"), "w", encoding="utf-8") as f:
                    f.write(r["text"])
            out = os.path.join(tmp, "events.jsonl")
            p = subprocess.run([args.geograph, "extract", docs, "-o", out], capture_output=True, text=True)
            if p.returncode != 0:
                print("eval: geograph failed on %s: %s" % (name, p.stderr.strip()), file=sys.stderr)
                rc = 1
                continue
            pred_path = args.keep and os.path.join(args.keep, name.replace(".jsonl", ".pred.jsonl")) or \
                os.path.join(tmp, "pred.jsonl")
            if args.keep:
                os.makedirs(args.keep, exist_ok=True)
            preds = {}
            with open(out, encoding="utf-8") as f, open(pred_path, "w", encoding="utf-8") as w:
                for line in f:
                    e = json.loads(line)
                    rec = {"doc": ids[e["doc"]], "source": code(e["source"]), "target": code(e["target"]),
                           "cameo": e.get("cameo"), "relation": e["relation"]}
                    preds.setdefault(rec["doc"], set()).add((canon(rec["source"]), canon(rec["target"])))
                    w.write(json.dumps(rec, sort_keys=True) + "\n")
            print("== %s (%d records)" % (name, len(records)))
            sys.stdout.flush()
            s = subprocess.run([sys.executable, score, gold_path, pred_path])
            rc |= s.returncode
            if args.errors:
                for r in records:
                    gold = {(canon(g["source"]), canon(g["target"])) for g in r.get("expected", [])
                            if g.get("source") and g.get("target") and
                            canon(g["source"]) != canon(g["target"])}
                    got = preds.get(r["id"], set())
                    if gold != got:
                        print("-- %s\n   %s\n   missed %s\n   wrong  %s" % (
                            r["id"], r["text"], sorted(gold - got), sorted(got - gold)))
    return rc


if __name__ == "__main__":
    sys.exit(main())
