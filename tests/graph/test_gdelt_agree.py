#!/usr/bin/python3
"""The real GDELT 2.0 export in ../shared/data/gdelt, end to end: geograph
centrality read straight from the export (weights = NumMentions) agrees
with python-igraph on the graph built from `geograph extract`'s events of
the same file, for every actor, to 1e-6.  Skips when the shared data or the
GDELT reader is absent.  Prints TAP lines.
"""
import json
import os
import subprocess
import sys

import igraph as ig

ROOT = subprocess.run(["git", "-C", os.path.dirname(os.path.abspath(__file__)), "rev-parse",
                       "--show-toplevel"], stdout=subprocess.PIPE, check=False).stdout.decode().strip()
EXPORT = os.path.join(ROOT, "..", "shared", "data", "gdelt", "20191024143000.export.CSV")
GEOGRAPH = os.environ.get("GEOGRAPH") or os.path.join(ROOT, "build", "geograph")
from taplib import failed, tap  # noqa: E402 (the folder of this script)


def main():
    if not ROOT or not os.path.exists(EXPORT):
        print("ok - gdelt agreement # SKIP ../shared/data/gdelt is not there")
        return 0
    ext = subprocess.run([GEOGRAPH, "extract", "--quiet", EXPORT], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, check=False)
    if ext.returncode == 2:
        print("ok - gdelt agreement # SKIP this build cannot read GDELT yet")
        return 0
    tap(ext.returncode == 0, "geograph extract reads the export", ext.stderr.decode()[:200])
    events = [json.loads(line) for line in ext.stdout.decode().splitlines()]
    # Actor level: the dictionary may fold some ids into others (UN bodies
    # into UN) at country level, and the events carry the ids as coded.
    out = subprocess.run([GEOGRAPH, "centrality", "--quiet", "--level", "actor", "--all", "--format",
                          "json", "--weight",
                          "mentions", "--measures",
                          "degree,strength_in,strength_out,betweenness,closeness,pagerank,goldstein_in",
                          EXPORT], stdout=subprocess.PIPE, check=False)
    tap(out.returncode == 0, "geograph centrality reads the export")
    if out.returncode != 0:
        return 1
    got = {a["id"]: a for a in json.loads(out.stdout)["actors"]}

    pairs, gin = {}, {}
    for e in events:
        if e.get("negated") or e["source"] == e["target"]:
            continue
        key = (e["source"], e["target"])
        pairs[key] = pairs.get(key, 0.0) + e.get("weight", 1.0)
        gin[e["target"]] = gin.get(e["target"], 0.0) + e["goldstein"]
    names = sorted({a for p in pairs for a in p})
    index = {a: i for i, a in enumerate(names)}
    edges = sorted((index[s], index[t]) for s, t in pairs)
    w = [pairs[(names[s], names[t])] for s, t in edges]
    g = ig.Graph(n=len(names), edges=edges, directed=True)
    dist = [1.0 / x for x in w]
    want = {
        "degree": g.degree(mode="all"),
        "strength_in": g.strength(mode="in", weights=w),
        "strength_out": g.strength(mode="out", weights=w),
        "betweenness": g.betweenness(directed=True, weights=dist),
        "closeness": g.harmonic_centrality(mode="out", weights=dist, normalized=True),
        "pagerank": g.pagerank(directed=True, damping=0.85, weights=w, implementation="prpack"),
        "goldstein_in": [gin.get(a, 0.0) for a in names],
    }
    tap(sorted(got) == names, "same %d actors" % len(names), "%d vs %d" % (len(got), len(names)))
    for measure, values in want.items():
        bad = [(names[i], got.get(names[i], {}).get(measure), v) for i, v in enumerate(values)
               if names[i] not in got or abs(got[names[i]][measure] - v) > 1e-6 * max(1.0, abs(v))]
        tap(not bad, "%s agrees on the real export" % measure, str(bad[:3]))
    return 1 if failed() else 0


if __name__ == "__main__":
    sys.exit(main())
