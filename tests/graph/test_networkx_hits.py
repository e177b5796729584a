#!/usr/bin/python3
"""geograph's hub and authority scores against NetworkX 2.8 (nx.hits).

igraph 0.10.2, which geograph calls, answers some small graphs wrongly
(one edge: hub on the wrong end, authority NaN); geograph checks igraph's
answer and computes the scores itself when it is wrong.  NetworkX is an
independent reference: its scores sum to 1, geograph's (as igraph's) have
a largest entry of 1, so NetworkX's are rescaled before comparing.  Graphs
whose dominant eigenvalue is repeated (two separate edges) have no unique
answer and are left out (so is the plain path A -> B -> C: its two hubs
tie).  Prints TAP lines.
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import warnings

import networkx as nx

GEOGRAPH = os.environ.get("GEOGRAPH") or os.path.join(
    os.path.dirname(__file__), "..", "..", "build", "geograph")
from taplib import failed, tap  # noqa: E402 (the folder of this script)


def scaled(d):
    top = max(d.values())
    return {k: (v / top if top else 0.0) for k, v in d.items()}


def check(name, edges, tmp):
    """edges: (source, target, count) triples."""
    path = os.path.join(tmp, name + ".jsonl")
    with open(path, "w") as f:
        for k, (s, t, c) in enumerate(edges):
            for i in range(c):
                f.write(json.dumps({"doc": "d%d" % k, "source": s, "target": t, "relation": "meet"}) + "\n")
    out = subprocess.run([GEOGRAPH, "centrality", "--format", "json", "--all",
                          "--measures", "hub,authority", path],
                         stdout=subprocess.PIPE, check=True)
    got = {a["id"]: (a["hub"], a["authority"]) for a in json.loads(out.stdout)["actors"]}
    g = nx.DiGraph()
    for s, t, c in edges:
        g.add_edge(s, t, weight=c)
    hubs, auths = nx.hits(g, max_iter=10000, tol=1e-14)
    hubs, auths = scaled(hubs), scaled(auths)
    bad = [(a, got.get(a), (hubs[a], auths[a])) for a in sorted(g)
           if a not in got or abs(got[a][0] - hubs[a]) > 1e-6 or abs(got[a][1] - auths[a]) > 1e-6]
    tap(not bad and len(got) == len(g), "%s: hub and authority agree with networkx on %d actors"
        % (name, len(g)), str(bad[:3]))


def main():
    warnings.simplefilter("ignore", FutureWarning)  # nx 2.8 on its own scipy use
    rng = random.Random(11)
    ids = ["N%02d" % i for i in range(30)]
    rand = {}
    for _ in range(120):
        s, t = rng.choice(ids[:8]), rng.choice(ids)
        if s != t:
            rand[(s, t)] = rng.randint(1, 5)
    with tempfile.TemporaryDirectory() as tmp:
        check("one-edge", [("USA", "CHN", 1)], tmp)
        check("out-star", [("USA", "CHN", 1), ("USA", "RUS", 2), ("USA", "IND", 1)], tmp)
        check("in-star", [("CHN", "USA", 1), ("RUS", "USA", 1), ("IND", "USA", 3)], tmp)
        check("weighted-path", [("USA", "CHN", 2), ("CHN", "RUS", 1)], tmp)
        check("random", [(s, t, c) for (s, t), c in sorted(rand.items())], tmp)
    return 1 if failed() else 0


if __name__ == "__main__":
    sys.exit(main())
