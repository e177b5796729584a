#!/usr/bin/python3
"""Deterministic, seedable generators of benchmark inputs for geograph.

    bench/gen.py text   --bytes N [--seed S] [--file-bytes F] --out DIR
                                                          news-like articles
    bench/gen.py gdelt  --rows N  [--edges E] [--seed S] --out FILE
                                                          GDELT 2.0 export rows
    bench/gen.py gdelt  --rows N  --like EXPORT [--seed S] --out FILE
                                                          rows with a real
                                                          export's mix
    bench/gen.py events --events N --edges E [--seed S] --out FILE
                                                          events JSON Lines

Text is built from the project's own dictionaries (actor names, adjectives,
seats of power from extract/dict/actors.txt; relation display phrases from
extract/dict/relations.txt) with the noise real wire copy has: datelines,
quotes, numbers, sentences that name no actor.  The same seed gives the
same bytes.
"""
import argparse
import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_dictionaries():
    actors = []   # (id, [names], [adjectives], [seats])
    relations = []  # (label, display, cameo, goldstein, quad)
    cur = None
    with open(os.path.join(ROOT, "extract/dict/actors.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = line.split("\t")
            if fields[0] == "actor" and fields[2] in ("country", "igo"):
                cur = (fields[1], [], [], [])
                actors.append(cur)
            elif fields[0] == "actor":
                cur = None
            elif fields[0] == "" and cur is not None and len(fields) >= 3:
                items = [a.strip() for a in fields[2].split(";") if a.strip()]
                slot = {"name": 1, "adj": 2, "seat": 3}.get(fields[1])
                if slot:
                    cur[slot].extend(items)
            elif fields[0] != "":
                cur = None
    with open(os.path.join(ROOT, "extract/dict/relations.txt"), encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if fields[0] == "relation":
                relations.append((fields[1], fields[2], fields[3], float(fields[4]), int(fields[5])))
    actors = [a for a in actors if a[1]]
    return actors, relations


FILLER = [
    "Markets were little changed in early trading.",
    "The figures were in line with analysts' forecasts of {n} percent growth.",
    "Officials declined to comment further on the matter.",
    "\"We will see what happens next week,\" one official said.",
    "Shares rose {n} percent to {m} dollars in heavy trading.",
    "The meeting was expected to last until Thursday.",
    "No date has been set for the next round.",
    "Analysts said the outcome remained uncertain.",
]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.",
          "Sept.", "Oct.", "Nov.", "Dec."]
CITIES = ["WASHINGTON", "BEIJING", "MOSCOW", "BRUSSELS", "TOKYO", "LONDON",
          "GENEVA", "NEW DELHI", "STOCKHOLM", "PARIS"]


def sentence(rng, actors, relations):
    a, b = rng.sample(actors, 2) if len(actors) > 1 else (actors[0], actors[0])
    rel = rng.choice(relations)
    src = rng.choice(a[1] + a[3]) if a[3] and rng.random() < 0.3 else rng.choice(a[1])
    tgt = rng.choice(b[1])
    verb = rel[1]
    # "buys oil from" -> "bought oil from" style variation is left to the
    # lexicon; the display phrase is already a present-tense verb phrase.
    form = rng.random()
    if form < 0.6:
        return "%s %s %s." % (src, verb, tgt)
    if form < 0.8 and a[2]:
        return "The %s government %s %s, officials said." % (rng.choice(a[2]), verb, tgt)
    return "\"%s %s %s,\" a spokesman said on %s." % (src, verb, tgt, rng.choice(["Monday", "Tuesday", "Friday"]))


def article(rng, actors, relations):
    lines = []
    a, b = rng.sample(actors, 2) if len(actors) > 1 else (actors[0], actors[0])
    lines.append("%s says talks with %s to resume" % (rng.choice(a[1]), rng.choice(b[1])))
    lines.append("")
    para = ["%s, %s %d (Reuters) -" % (rng.choice(CITIES), rng.choice(MONTHS), rng.randint(1, 28))]
    for _ in range(rng.randint(6, 14)):
        if rng.random() < 0.55:
            para.append(sentence(rng, actors, relations))
        else:
            para.append(rng.choice(FILLER).format(n=rng.randint(1, 9), m=rng.randint(10, 99)))
        if rng.random() < 0.25:
            lines.append(" ".join(para))
            para = []
    if para:
        lines.append(" ".join(para))
    return "\n".join(lines) + "\n"


def gen_text(args):
    actors, relations = load_dictionaries()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    if args.file_bytes:
        return gen_text_files(args, rng, actors, relations)
    written, i = 0, 0
    while written < args.bytes:
        body = article(rng, actors, relations).encode("utf-8")
        sub = os.path.join(args.out, "%03d" % (i // 1000))
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, "a%07d.txt" % i), "wb") as f:
            f.write(body)
        written += len(body)
        i += 1
    print("gen: %d articles, %d bytes in %s" % (i, written, args.out), file=sys.stderr)


def gen_text_files(args, rng, actors, relations):
    """Articles concatenated (a blank line between two) into files of about
    --file-bytes each, 100 files a folder: a large corpus without a million
    small files.  Each file is one document to geograph."""
    written, i, narticles = 0, 0, 0
    while written < args.bytes:
        sub = os.path.join(args.out, "%03d" % (i // 100))
        os.makedirs(sub, exist_ok=True)
        size = 0
        with open(os.path.join(sub, "f%05d.txt" % i), "wb") as f:
            while size < args.file_bytes and written + size < args.bytes:
                body = (("\n" if size else "") + article(rng, actors, relations)).encode("utf-8")
                f.write(body)
                size += len(body)
                narticles += 1
        written += size
        i += 1
    print("gen: %d articles in %d files, %d bytes in %s" % (narticles, i, written, args.out),
          file=sys.stderr)


def gen_gdelt(args):
    actors, relations = load_dictionaries()
    countries = [a[0] for a in actors if len(a[0]) == 3 and a[0].isupper()]
    rng = random.Random(args.seed)
    pool = []
    if args.edges:
        # A fixed number of distinct edges: one relation per CAMEO code
        # (the reader maps a code to one relation), N distinct (source,
        # target, code) triples, each used once in the first N rows, then
        # drawn at random.
        bycode = {}
        for rel in relations:
            bycode.setdefault(rel[2] if len(rel[2]) >= 3 else rel[2] + "0", rel)
        codes = sorted(bycode)
        if args.edges > len(countries) * (len(countries) - 1) * len(codes):
            sys.exit("gen: --edges %d is more than the %d possible" % (
                args.edges, len(countries) * (len(countries) - 1) * len(codes)))
        seen = set()
        while len(pool) < args.edges:
            c1, c2 = rng.sample(countries, 2)
            key = (c1, c2, rng.choice(codes))
            if key not in seen:
                seen.add(key)
                pool.append((key[0], key[1], bycode[key[2]]))
    with open(args.out, "w", encoding="utf-8") as f:
        for i in range(args.rows):
            if pool:
                c1, c2, rel = pool[i] if i < len(pool) else rng.choice(pool)
            else:
                rel = rng.choice(relations)
                c1, c2 = rng.sample(countries, 2)
            day = "2019%02d%02d" % (rng.randint(1, 12), rng.randint(1, 28))
            row = [""] * 61
            row[0] = str(800000000 + i)
            row[1], row[2], row[3] = day, day[:6], day[:4]
            row[4] = "%s.%04d" % (day[:4], rng.randint(0, 9999))
            row[5], row[6], row[7] = c1 + "GOV", c1 + " GOVERNMENT", c1
            row[15], row[16], row[17] = c2, c2, c2
            row[25] = "1"
            cameo = rel[2] if len(rel[2]) >= 3 else rel[2] + "0"
            row[26], row[27], row[28] = cameo, cameo[:3], cameo[:2]
            row[29] = str(rel[4])
            row[30] = "%.1f" % rel[3]
            row[31], row[32], row[33] = str(rng.randint(1, 20)), "1", str(rng.randint(1, 10))
            row[34] = "%.6f" % rng.uniform(-10, 10)
            row[59] = "20191024143000"
            row[60] = "https://example.org/news/%d" % i
            f.write("\t".join(row) + "\n")


def gen_gdelt_like(args):
    """Rows with the mix of a real export: each row takes one real row as
    its frame (so the share of rows with one actor, none or two, and the
    columns geograph does not read, are the export's), and draws its
    Actor1 columns, its Actor2 columns and its event columns (EventCode
    through GoldsteinScale) each from a different real row that has them.
    Drawn independently, actors and codes make more distinct edges than
    real news does (real pairs and codes go together), so this is no
    kinder to geograph than a longer run of real exports would be."""
    with open(args.like, encoding="utf-8") as f:
        real = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    real = [r for r in real if len(r) == 61]
    if not real:
        sys.exit("gen: %s has no GDELT 2.0 rows of 61 columns" % args.like)
    # Actor k's columns: Code .. Type3Code (5..14 and 15..24).
    a1 = [r[5:15] for r in real if any(r[5:15])]
    a2 = [r[15:25] for r in real if any(r[15:25])]
    ev = [r[26:31] for r in real]
    rng = random.Random(args.seed)
    with open(args.out, "w", encoding="utf-8") as f:
        for i in range(args.rows):
            row = list(rng.choice(real))
            if any(row[5:15]):
                row[5:15] = rng.choice(a1)
            if any(row[15:25]):
                row[15:25] = rng.choice(a2)
            row[26:31] = rng.choice(ev)
            day = "2019%02d%02d" % (rng.randint(1, 12), rng.randint(1, 28))
            row[0] = str(900000000 + i)
            row[1], row[2], row[3] = day, day[:6], day[:4]
            row[60] = "https://example.org/news/%d" % i
            f.write("\t".join(row) + "\n")


def gen_events(args):
    rng = random.Random(args.seed)
    _, relations = load_dictionaries()
    labels = [r[0] for r in relations]
    # Distinct edges first (a power-law-ish choice of actors), then events
    # drawn from them, so --events / --edges controls repetition.
    nact = max(10, int(args.actors or (args.edges ** 0.5) * 4))
    edges = set()
    while len(edges) < args.edges:
        s = int(nact * rng.random() ** 2)
        t = int(nact * rng.random() ** 2)
        if s != t:
            edges.add((s, t, rng.choice(labels)))
    edges = sorted(edges)
    with open(args.out, "w", encoding="utf-8") as f:
        for i in range(args.events):
            s, t, r = edges[i] if i < len(edges) else rng.choice(edges)
            f.write(json.dumps({"source": "A%06d" % s, "target": "A%06d" % t, "relation": r,
                                "doc": "d%d" % (i // 5),
                                "date": "2024-%02d-%02d" % (1 + i % 12, 1 + i % 28)},
                               sort_keys=True, separators=(",", ":")) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="what", required=True)
    t = sub.add_parser("text")
    t.add_argument("--bytes", type=int, required=True)
    t.add_argument("--file-bytes", type=int, default=0,
                   help="put articles together into files of about this size (default: one file each)")
    g = sub.add_parser("gdelt")
    g.add_argument("--rows", type=int, required=True)
    g.add_argument("--edges", type=int, default=0,
                   help="draw the rows' (source, target, code) from this many distinct ones "
                        "(default: every row drawn afresh)")
    g.add_argument("--like", metavar="EXPORT",
                   help="draw rows from the mix of this real GDELT 2.0 export (see gen_gdelt_like)")
    e = sub.add_parser("events")
    e.add_argument("--events", type=int, required=True)
    e.add_argument("--edges", type=int, required=True)
    e.add_argument("--actors", type=int, default=0)
    for s in (t, g, e):
        s.add_argument("--seed", type=int, default=1)
        s.add_argument("--out", required=True)
    args = p.parse_args()
    if args.what == "gdelt" and args.like:
        if args.edges:
            p.error("--like and --edges cannot be used together")
        gen_gdelt_like(args)
        return
    {"text": gen_text, "gdelt": gen_gdelt, "events": gen_events}[args.what](args)


if __name__ == "__main__":
    main()
