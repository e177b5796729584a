#!/usr/bin/python3
"""Read every export back with the tools people use (NetworkX, python-igraph,
Graphviz's own dot, Python's csv) and check it holds the actors, edges and
attributes the events fixture says - hostile names included.

The expected graph is computed here from the fixture itself, independently
of geograph: one edge per (source, target, relation) with its event count,
Goldstein mean and sum, first and last date and number of documents.

Prints TAP lines; exits non-zero when a check fails.
"""
import csv
import html
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import warnings
import xml.etree.ElementTree as ET

import igraph
import networkx as nx

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GEOGRAPH = os.environ.get("GEOGRAPH", os.path.join(ROOT, "build", "geograph"))
FIXTURES = [
    ("hostile", os.path.join(ROOT, "tests", "data", "render-hostile.jsonl")),
    ("basic", os.path.join(ROOT, "tests", "data", "render-basic.jsonl")),
]
FORMATS = ["graphml", "gml", "gexf", "json", "cytoscape", "csv", "pajek", "neo4j", "dot"]

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


def relation_displays():
    """label -> display text from the built-in relation dictionary."""
    out = {}
    with open(os.path.join(ROOT, "extract", "dict", "relations.txt"), encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 3 and cols[0] == "relation":
                out[cols[1]] = cols[2]
    return out


def expected_graph(path):
    """Aggregates the fixture: nodes {id: attrs}, edges {(s, t, rel): attrs}."""
    displays = relation_displays()
    nodes, edges = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            ev = json.loads(line)
            if ev.get("negated"):
                continue
            for side in ("source", "target"):
                nodes[ev[side]] = {"label": ev.get(side + "_label", ev[side]),
                                   "type": ev.get(side + "_type", "unknown")}
            key = (ev["source"], ev["target"], ev["relation"])
            e = edges.setdefault(key, {"count": 0, "goldstein_sum": 0.0, "dates": [], "docs": set(),
                                       "cameo": ev["cameo"], "quad": ev["quad"],
                                       "label": displays.get(ev["relation"], ev["relation"])})
            e["count"] += 1
            e["goldstein_sum"] += ev["goldstein"]
            if "date" in ev:
                e["dates"].append(ev["date"])
            e["docs"].add(ev.get("doc"))
    for e in edges.values():
        e["weight"] = float(e["count"])
        e["goldstein"] = e["goldstein_sum"] / e["count"]
        e["first_date"] = min(e["dates"]) if e["dates"] else None
        e["last_date"] = max(e["dates"]) if e["dates"] else None
        e["docs"] = len(e["docs"])
        del e["dates"]
    return nodes, edges


def run(args):
    return subprocess.run([GEOGRAPH] + args, capture_output=True)


def close(a, b):
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(b)))


def compare(name, nodes, edges, want_nodes, want_edges, xml_text=False, dot_text=False):
    """nodes: {id: attrs}; edges: list of (source, target, attrs)."""
    problems = []

    def text(s):
        # XML 1.0 cannot hold control bytes other than tab, newline, CR.
        if xml_text:
            return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", s)
        # DOT keeps newline (as \n) and tab, and drops other control bytes.
        if dot_text:
            return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", s)
        return s

    if set(nodes) != set(want_nodes):
        problems.append(f"actors differ: extra {set(nodes) - set(want_nodes)}, "
                        f"missing {set(want_nodes) - set(nodes)}")
    for nid, want in want_nodes.items():
        got = nodes.get(nid)
        if got is None:
            continue
        for k in ("label", "type"):
            if got.get(k) != text(want[k]):
                problems.append(f"actor {nid!r} {k}: {got.get(k)!r} != {want[k]!r}")
        if "pagerank" in got and not 0 < float(got["pagerank"]) < 1:
            problems.append(f"actor {nid!r} pagerank {got['pagerank']!r}")
    seen = {}
    for s, t, attrs in edges:
        key = (s, t, attrs.get("relation"))
        if key in seen:
            problems.append(f"edge {key!r} twice")
        seen[key] = attrs
    if set(seen) != set(want_edges):
        problems.append(f"edges differ: extra {set(seen) - set(want_edges)}, "
                        f"missing {set(want_edges) - set(seen)}")
    for key, want in want_edges.items():
        got = seen.get(key)
        if got is None:
            continue
        for k, v in want.items():
            g = got.get(k)
            if isinstance(v, float):
                ok = g is not None and close(g, v)
            elif isinstance(v, int):
                ok = g is not None and int(g) == v
            elif v is None:
                ok = g in (None, "")
            else:
                ok = g == text(v)
            if not ok:
                problems.append(f"edge {key!r} {k}: {g!r} != {v!r}")
    report(not problems, name, "\n".join(problems))


def export(fixture, fmt, out):
    r = run(["export", fixture, "--level", "actor", "--format", fmt, "-o", out])
    if r.returncode != 0:
        raise RuntimeError(f"geograph export --format {fmt} failed: {r.stderr.decode()}")


def check_graphml(tag, path, wn, we):
    g = nx.read_graphml(path)
    compare(f"{tag}: networkx read_graphml", {n: d for n, d in g.nodes(data=True)},
            [(s, t, d) for s, t, d in g.edges(data=True)], wn, we, xml_text=True)
    ig = igraph.Graph.Read_GraphML(path)
    # igraph 0.10 hands back the node id attribute with & as "&#38;" (libxml2
    # without entity substitution); the data elements come back decoded.
    names = [html.unescape(x) for x in ig.vs["id"]]
    compare(f"{tag}: igraph Read_GraphML",
            {names[v.index]: v.attributes() for v in ig.vs},
            [(names[e.source], names[e.target], e.attributes()) for e in ig.es], wn, we, xml_text=True)


def numeric_refs(s):
    return re.sub(r"&#([0-9]+);", lambda m: chr(int(m.group(1))), s)


def gml_text(d):
    # igraph 0.10 decodes &quot; and &amp; but leaves &#N; as written.
    return {k: numeric_refs(v) if isinstance(v, str) else v for k, v in d.items()}


def check_gml(tag, path, wn, we):
    with open(path, "rb") as f:
        raw = f.read()
    report(all(b < 0x80 for b in raw), f"{tag}: gml is ASCII", "non-ASCII byte in GML")
    g = nx.read_gml(path)  # nodes keyed by "label", which holds the actor id

    def node(d):
        d = dict(d)
        d["label"] = d.pop("name")
        return d
    compare(f"{tag}: networkx read_gml", {n: node(d) for n, d in g.nodes(data=True)},
            [(s, t, d) for s, t, d in g.edges(data=True)], wn, we)
    with warnings.catch_warnings():
        # igraph warns about each &#N; it leaves alone (handled below).
        warnings.simplefilter("ignore", RuntimeWarning)
        ig = igraph.Graph.Read_GML(path)
    ids = [numeric_refs(x) for x in ig.vs["label"]]
    compare(f"{tag}: igraph Read_GML",
            {ids[v.index]: node(gml_text(v.attributes())) for v in ig.vs},
            [(ids[e.source], ids[e.target], gml_text(e.attributes())) for e in ig.es], wn, we)


def check_gexf(tag, path, wn, we):
    root = ET.parse(path).getroot()
    report(root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3",
           f"{tag}: gexf is GEXF 1.3", f"{root.tag} version {root.get('version')}")
    # NetworkX 2.8 knows the 1.1draft and 1.2draft namespaces only; the
    # elements this file uses are the same in 1.2 and 1.3.
    with open(path, encoding="utf-8") as f:
        text = f.read().replace('xmlns="http://gexf.net/1.3"', 'xmlns="http://www.gexf.net/1.2draft"')
    g = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    edges = []
    bad = []
    for s, t, d in g.edges(data=True):
        d = dict(d)
        want = we.get((s, t, d.get("relation")))
        # The edge's time interval is its first and last dated event.
        if want and (d.get("start"), d.get("end")) != (want["first_date"], want["last_date"]):
            bad.append(f"{s}->{t} interval {d.get('start')}..{d.get('end')}")
        edges.append((s, t, d))
    report(not bad, f"{tag}: gexf edge intervals", "\n".join(bad))
    compare(f"{tag}: networkx read_gexf", {n: d for n, d in g.nodes(data=True)}, edges, wn, we,
            xml_text=True)


def check_json(tag, path, wn, we):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    report("links" in data and "edges" not in data, f"{tag}: json uses key links")
    g = nx.node_link_graph(data)
    compare(f"{tag}: networkx node_link_graph", {n: d for n, d in g.nodes(data=True)},
            [(s, t, d) for s, t, d in g.edges(data=True)], wn, we)


def check_cytoscape(tag, path, wn, we):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    g = nx.cytoscape_graph(data)

    def node(d):
        d = dict(d)
        d["label"] = d.get("name")
        return d
    compare(f"{tag}: networkx cytoscape_graph", {n: node(d) for n, d in g.nodes(data=True)},
            [(s, t, d) for s, t, d in g.edges(data=True)], wn, we)
    ids = [e["data"]["id"] for e in data["elements"]["edges"]]
    report(len(ids) == len(set(ids)), f"{tag}: cytoscape edge ids unique")


FORMULA = "=+-@\t\r"


def unguard(s):
    return s[1:] if s[:1] == "'" and s[1:2] and s[1] in FORMULA else s


def check_csv(tag, folder, wn, we):
    with open(os.path.join(folder, "nodes.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    with open(os.path.join(folder, "edges.csv"), newline="", encoding="utf-8") as f:
        erows = list(csv.reader(f))
    report(rows[0][:2] == ["Id", "Label"] and erows[0][:5] == ["Source", "Target", "Type", "Label", "Weight"],
           f"{tag}: csv Gephi headers", f"{rows[0]} / {erows[0]}")
    # No text cell may start with what a spreadsheet would evaluate; numbers
    # are written as numbers (a negative Goldstein stays -4.0).
    bad = []
    numeric = {"Weight", "Quad", "Count", "Goldstein", "GoldsteinSum", "Docs", "PageRank", "Community"}
    for table in (rows, erows):
        head = table[0]
        for row in table[1:]:
            for col, cell in zip(head, row):
                if col in numeric:
                    try:
                        float(cell)
                    except ValueError:
                        bad.append(f"{col} {cell!r} is not a number")
                elif cell[:1] in FORMULA and cell:
                    bad.append(f"{col} {cell!r} starts a formula")
    report(not bad, f"{tag}: csv formula injection neutralised, numbers stay numbers", "\n".join(bad))
    head = rows[0]
    nodes = {}
    for row in rows[1:]:
        d = dict(zip(head, row))
        nodes[unguard(d["Id"])] = {"label": unguard(d["Label"]), "type": d["Type"], "pagerank": d["PageRank"]}
    head = erows[0]
    edges = []
    for row in erows[1:]:
        d = dict(zip(head, row))
        if d["Type"] != "Directed":
            bad.append(d["Type"])
        edges.append((unguard(d["Source"]), unguard(d["Target"]), {
            "relation": unguard(d["Relation"]), "label": unguard(d["Label"]), "cameo": d["Cameo"],
            "quad": d["Quad"], "count": d["Count"], "weight": d["Weight"], "goldstein": d["Goldstein"],
            "goldstein_sum": d["GoldsteinSum"], "first_date": d["FirstDate"] or None,
            "last_date": d["LastDate"] or None, "docs": d["Docs"]}))
    compare(f"{tag}: csv read by Python's csv", nodes, edges, wn, we)


def pajek_decode(s):
    return re.sub(r"%([0-9A-F]{2})", lambda m: chr(int(m.group(1), 16)), s)


def check_pajek(tag, path, wn, we):
    g = igraph.Graph.Read_Pajek(path)
    ids = [pajek_decode(x) for x in g.vs["id"]]
    problems = []
    if sorted(ids) != sorted(wn):
        problems.append(f"actors {ids} != {sorted(wn)}")
    got = sorted((ids[e.source], ids[e.target], pajek_decode(e["label"]), e["weight"]) for e in g.es)
    want = sorted((s, t, r, e["weight"]) for (s, t, r), e in we.items())
    if got != want:
        problems.append(f"arcs {got} != {want}")
    report(not problems, f"{tag}: igraph Read_Pajek", "\n".join(problems))


def check_neo4j(tag, folder, wn, we):
    with open(os.path.join(folder, "nodes.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(os.path.join(folder, "relationships.csv"), newline="", encoding="utf-8") as f:
        erows = list(csv.DictReader(f))
    head_ok = ("actorId:ID" in rows[0] and ":LABEL" in rows[0] and ":START_ID" in erows[0]
               and ":END_ID" in erows[0] and ":TYPE" in erows[0])
    report(head_ok, f"{tag}: neo4j import headers", f"{list(rows[0])} / {list(erows[0])}")
    types_ok = all(re.fullmatch(r"[A-Z][A-Z0-9_]*", r[":TYPE"]) for r in erows)
    labels_ok = all(r[":LABEL"].startswith("Actor") for r in rows)
    report(types_ok and labels_ok, f"{tag}: neo4j types and labels are plain identifiers",
           [r[":TYPE"] for r in erows])
    nodes = {r["actorId:ID"]: {"label": r["label"], "type": r["type"], "pagerank": r["pagerank:double"]}
             for r in rows}
    edges = [(r[":START_ID"], r[":END_ID"], {
        "relation": r["relation"], "label": r["label"], "cameo": r["cameo"], "quad": r["quad:int"],
        "count": r["count:long"], "weight": r["weight:double"], "goldstein": r["goldstein:double"],
        "goldstein_sum": r["goldstein_sum:double"], "first_date": r["first_date:date"] or None,
        "last_date": r["last_date:date"] or None, "docs": r["docs:long"]}) for r in erows]
    compare(f"{tag}: neo4j CSV read exactly (no spreadsheet guard)", nodes, edges, wn, we)


def dot_unescape(s):
    # Graphviz escString: \\ is a backslash, \n a newline.
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), s)


def dot_objects(path):
    r = subprocess.run(["dot", "-Tjson", path], capture_output=True)
    if r.returncode != 0:
        raise RuntimeError(r.stderr.decode())
    return json.loads(r.stdout)


def check_dot(tag, path, wn, we):
    try:
        data = dot_objects(path)
    except (RuntimeError, ValueError) as e:
        report(False, f"{tag}: dot accepts the DOT export", e)
        return
    report(True, f"{tag}: dot accepts the DOT export")
    objs = data.get("objects", [])
    nodes = {}
    for o in objs:
        # Labels are Graphviz labels: entities are decoded there, so & is &amp;.
        nodes[dot_unescape(o["id"])] = {"label": html.unescape(dot_unescape(o["label"])), "type": o["type"],
                                        "pagerank": o.get("pagerank")}
    byg = {o["_gvid"]: dot_unescape(o["id"]) for o in objs}
    edges = []
    for e in data.get("edges", []):
        d = {k: dot_unescape(v) if isinstance(v, str) else v for k, v in e.items()}
        d["label"] = html.unescape(d["label"])
        d.setdefault("first_date", None)
        d.setdefault("last_date", None)
        edges.append((byg[e["tail"]], byg[e["head"]], d))
    compare(f"{tag}: dot -Tjson reads the DOT export", nodes, edges, wn, we, dot_text=True)


CHECKS = {
    "graphml": check_graphml, "gml": check_gml, "gexf": check_gexf, "json": check_json,
    "cytoscape": check_cytoscape, "csv": check_csv, "pajek": check_pajek, "neo4j": check_neo4j,
    "dot": check_dot,
}


def tree_bytes(path):
    if os.path.isdir(path):
        return {n: open(os.path.join(path, n), "rb").read() for n in sorted(os.listdir(path))}
    with open(path, "rb") as f:
        return f.read()


def json_model(path):
    """The node-link export as the expected graph for the other formats."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    nodes = {n["id"]: {"label": n["label"], "type": n["type"]} for n in data["nodes"]}
    keys = ("label", "cameo", "quad", "count", "weight", "goldstein", "goldstein_sum", "first_date",
            "last_date", "docs")
    edges = {(e["source"], e["target"], e["relation"]): {k: e.get(k) for k in keys} for e in data["links"]}
    return nodes, edges


def check_real(tmp):
    """A real GDELT export (from ../shared, when present): every format
    holds the same actors and edges as the node-link JSON."""
    gdelt = os.path.join(ROOT, "..", "shared", "data", "gdelt", "20191024143000.export.CSV")
    if not os.path.exists(gdelt):
        print("ok - real GDELT export in every format # SKIP ../shared is absent")
        return
    base = os.path.join(tmp, "real.json")
    r = run(["export", gdelt, "--quiet", "-f", "json", "-o", base])
    if r.returncode != 0:
        print(f"ok - real GDELT export in every format # SKIP {r.stderr.decode().strip()}")
        return
    wn, we = json_model(base)
    report(len(wn) > 50 and len(we) > 200, f"real GDELT: {len(wn)} actors, {len(we)} edges")
    for fmt in ("graphml", "gml", "gexf", "cytoscape", "csv", "neo4j", "dot"):
        out = os.path.join(tmp, f"real-{fmt}")
        if fmt in ("csv", "neo4j"):
            os.mkdir(out)
        r = run(["export", gdelt, "--quiet", "-f", fmt, "-o", out])
        if r.returncode != 0:
            report(False, f"real GDELT: export {fmt}", r.stderr.decode())
            continue
        try:
            CHECKS[fmt](f"real GDELT {fmt}", out, wn, we)
        except Exception as e:
            report(False, f"real GDELT {fmt}: read back", f"{type(e).__name__}: {e}")


def main():
    if not os.access(GEOGRAPH, os.X_OK):
        print(f"not ok - geograph binary at {GEOGRAPH}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        check_real(tmp)
        for tag, fixture in FIXTURES:
            wn, we = expected_graph(fixture)
            for fmt in FORMATS:
                outs = []
                for run_no in (1, 2):
                    out = os.path.join(tmp, f"{tag}-{fmt}-{run_no}")
                    if fmt in ("csv", "neo4j"):
                        os.mkdir(out)
                    try:
                        export(fixture, fmt, out)
                    except RuntimeError as e:
                        report(False, f"{tag}: export {fmt}", e)
                        break
                    outs.append(out)
                if len(outs) != 2:
                    continue
                report(tree_bytes(outs[0]) == tree_bytes(outs[1]), f"{tag}: {fmt} deterministic")
                try:
                    CHECKS[fmt](f"{tag} {fmt}", outs[0], wn, we)
                except Exception as e:  # a reader that throws is a failed read-back
                    report(False, f"{tag} {fmt}: read back", f"{type(e).__name__}: {e}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
