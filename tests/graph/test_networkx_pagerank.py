#!/usr/bin/python3
"""geograph's PageRank against NetworkX 2.8 (nx.pagerank with weights).

A seeded random event set with self-loops, repeated pairs and several
relations per pair; geograph merges the relations of an ordered pair into
one edge weighted by events (or mentions), NetworkX gets that DiGraph.
Every actor must agree to 1e-6.  Also checks --top N keeps the N highest.
Prints TAP lines.
"""
import json
import os
import random
import subprocess
import sys
import tempfile

import networkx as nx

GEOGRAPH = os.environ.get("GEOGRAPH") or os.path.join(
    os.path.dirname(__file__), "..", "..", "build", "geograph")
from taplib import failed, tap  # noqa: E402 (the folder of this script)


def geograph(path, *args):
    out = subprocess.run([GEOGRAPH, "centrality", "--format", "json", "--measures", "pagerank"]
                         + list(args) + [path], stdout=subprocess.PIPE, check=True)
    return json.loads(out.stdout)["actors"]


def main():
    rng = random.Random(7)
    ids = ["N%02d" % i for i in range(60)]
    events = []
    for k in range(900):
        s = rng.choice(ids[:10]) if rng.random() < 0.5 else rng.choice(ids)
        t = rng.choice(ids)
        events.append({"doc": "d%d" % (k // 3), "source": s, "target": t,
                       "relation": rng.choice(["meet", "tariff", "accuse"]),
                       "weight": rng.randint(1, 9)})
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "events.jsonl")
        with open(path, "w") as f:
            for e in events:
                f.write(json.dumps(e) + "\n")
        for mode, key in [("count", None), ("mentions", "weight")]:
            g = nx.DiGraph()
            for e in events:
                if e["source"] == e["target"]:
                    continue  # geograph drops self-loops by default
                w = 1 if key is None else e[key]
                if g.has_edge(e["source"], e["target"]):
                    g[e["source"]][e["target"]]["weight"] += w
                else:
                    g.add_edge(e["source"], e["target"], weight=w)
            want = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-13, max_iter=1000)
            got = {a["id"]: a["pagerank"] for a in geograph(path, "--all", "--weight", mode)}
            tap(set(got) == set(want), "weight %s: same actors" % mode)
            bad = [(a, got.get(a), p) for a, p in sorted(want.items())
                   if a not in got or abs(got[a] - p) > 1e-6]
            tap(not bad, "weight %s: pagerank agrees with networkx on %d actors" % (mode, len(want)),
                str(bad[:3]))
            top = [a["id"] for a in geograph(path, "--top", "5", "--weight", mode)]
            best = sorted(want, key=lambda a: (-want[a], a))[:5]
            tap(top == best, "weight %s: --top 5 lists networkx's five highest" % mode,
                "%s vs %s" % (top, best))
    return 1 if failed() else 0


if __name__ == "__main__":
    sys.exit(main())
