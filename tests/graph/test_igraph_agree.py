#!/usr/bin/python3
"""geograph centrality against python-igraph on a random event set.

Builds a seeded random events file, runs `geograph centrality --all
--format json` for every weight mode, computes the same measures with
python-igraph from the same events (same pair weights, same definitions)
and compares every actor to 1e-6 (relative for scores above 1).  Prints
TAP lines.
"""
import json
import os
import random
import subprocess
import sys
import tempfile

import igraph as ig

GEOGRAPH = os.environ.get("GEOGRAPH") or os.path.join(
    os.path.dirname(__file__), "..", "..", "build", "geograph")
RELATIONS = ["meet", "tariff", "accuse", "buys_oil", "sanction"]
from taplib import failed, tap  # noqa: E402 (the folder of this script)


def make_events(rng, nactors=40, nevents=400):
    ids = ["X%02d" % i for i in range(nactors)]
    events = []
    for k in range(nevents):
        # A few hubs make the ranking non-trivial.
        s = rng.choice(ids[:8]) if rng.random() < 0.4 else rng.choice(ids)
        t = rng.choice(ids)
        events.append({
            "doc": "d%03d" % (k // 5),
            "source": s,
            "target": t,
            "relation": rng.choice(RELATIONS),
            # Some neutral events: goldstein-abs leaves such pairs out.
            "goldstein": rng.choice([0.0, -10.0, -7.5, -2.0, 1.0, 3.4, 8.0]),
            "quad": rng.randint(1, 4),
            "weight": rng.randint(1, 20),
        })
    return events


def pair_graph(events, mode):
    """The pair graph geograph describes: one edge per ordered pair,
    self-loops dropped, weight per mode, zero-weight pairs left out."""
    kept = [e for e in events if e["source"] != e["target"]]
    ids = sorted({e["source"] for e in kept} | {e["target"] for e in kept})
    index = {a: i for i, a in enumerate(ids)}
    pairs = {}
    gin = [0.0] * len(ids)
    gout = [0.0] * len(ids)
    for e in kept:
        key = (index[e["source"]], index[e["target"]])
        w = {"count": 1.0, "mentions": float(e["weight"]),
             "goldstein-abs": abs(e["goldstein"]), "none": 0.0}[mode]
        pairs[key] = pairs.get(key, 0.0) + w
        gin[key[1]] += e["goldstein"]
        gout[key[0]] += e["goldstein"]
    if mode == "none":
        pairs = {k: 1.0 for k in pairs}
    else:
        pairs = {k: w for k, w in pairs.items() if w > 0}
    edges = sorted(pairs)
    g = ig.Graph(n=len(ids), edges=edges, directed=True)
    g.es["weight"] = [pairs[k] for k in edges]
    return ids, g, gin, gout


def expected(events, mode, normalize):
    ids, g, gin, gout = pair_graph(events, mode)
    n = g.vcount()
    weighted = mode != "none"
    w = g.es["weight"] if weighted else None
    dist = [1.0 / x for x in g.es["weight"]] if weighted else None
    u = g.as_undirected(mode="collapse", combine_edges={"weight": "sum"})
    uw = u.es["weight"] if weighted else None
    btw = g.betweenness(directed=True, weights=dist)
    if normalize:
        btw = [b / ((n - 1) * (n - 2)) for b in btw]
    res = {
        "degree_in": g.degree(mode="in"),
        "degree_out": g.degree(mode="out"),
        "degree": g.degree(mode="all"),
        "strength_in": g.strength(mode="in", weights=w),
        "strength_out": g.strength(mode="out", weights=w),
        "betweenness": btw,
        "closeness": g.harmonic_centrality(mode="out", weights=dist, normalized=True),
        "pagerank": g.pagerank(directed=True, damping=0.85, weights=w, implementation="prpack"),
        "hub": g.hub_score(weights=w, scale=True),
        "authority": g.authority_score(weights=w, scale=True),
        "eigenvector": u.eigenvector_centrality(directed=False, scale=True, weights=uw),
        "coreness": u.coreness(),
        "goldstein_in": gin,
        "goldstein_out": gout,
    }
    return ids, res, u, uw


def close(a, b):
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def run_geograph(path, args):
    out = subprocess.run([GEOGRAPH, "centrality", "--all", "--format", "json"] + args + [path],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if out.returncode != 0:
        raise RuntimeError("geograph exited %d: %s" % (out.returncode, out.stderr.decode()))
    return json.loads(out.stdout)


def compare(events, path, mode, normalize):
    args = ["--weight", mode] + (["--normalize"] if normalize else [])
    label = "weight %s%s" % (mode, ", normalized" if normalize else "")
    try:
        got = run_geograph(path, args)
    except (RuntimeError, ValueError) as exc:
        tap(False, label + ": geograph runs", str(exc))
        return
    ids, want, u, uw = expected(events, mode, normalize)
    actors = {a["id"]: a for a in got["actors"]}
    tap(sorted(actors) == ids, label + ": same actors", "%d vs %d" % (len(actors), len(ids)))
    for measure, values in want.items():
        bad = [(ids[i], actors.get(ids[i], {}).get(measure), v) for i, v in enumerate(values)
               if ids[i] not in actors or actors[ids[i]].get(measure) is None
               or not close(actors[ids[i]][measure], v)]
        tap(not bad, "%s: %s agrees on %d actors" % (label, measure, len(ids)),
            "first differences %s" % bad[:3])
    # Sorted by PageRank, ties by id.
    order = [a["id"] for a in got["actors"]]
    pr = {a["id"]: a["pagerank"] for a in got["actors"]}
    tap(order == sorted(order, key=lambda a: (-pr[a], a)), label + ": rows sorted by pagerank")
    # Communities: the partition geograph reports has the modularity it
    # reports (python-igraph's own computation), ids 0.. by size.
    memb = [actors[i]["community"] for i in ids]
    q = u.modularity(memb, weights=uw)
    tap(close(got["community"]["modularity"], q), label + ": modularity of the reported partition",
        "%r vs %r" % (got["community"]["modularity"], q))
    sizes = [memb.count(c) for c in range(max(memb) + 1)]
    tap(sizes == sorted(sizes, reverse=True) and all(sizes) and len(sizes) == got["community"]["count"],
        label + ": communities numbered by size", str(sizes))
    # Louvain is randomised and python-igraph draws from Python's RNG, so
    # the partitions may differ; their quality must not (a loose bound).
    ref = u.community_multilevel(weights=uw).modularity
    tap(q >= ref - 0.03, label + ": Louvain modularity close to python-igraph's",
        "%.4f vs %.4f" % (q, ref))


def compare_leiden(events, path):
    label = "leiden"
    got = run_geograph(path, ["--community", "leiden", "--measures", "community"])
    ids, _, u, uw = expected(events, "count", False)
    actors = {a["id"]: a for a in got["actors"]}
    memb = [actors[i]["community"] for i in ids]
    q = u.modularity(memb, weights=uw)
    tap(got["community"]["algorithm"] == "leiden", label + ": algorithm announced")
    tap(close(got["community"]["modularity"], q), label + ": modularity of the reported partition",
        "%r vs %r" % (got["community"]["modularity"], q))
    ref = u.community_leiden(objective_function="modularity", weights=uw, n_iterations=-1).modularity
    tap(q >= ref - 0.03, label + ": modularity close to python-igraph's Leiden",
        "%.4f vs %.4f" % (q, ref))


def main():
    rng = random.Random(20250729)
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(2):
            events = make_events(rng, nactors=30 + 20 * round_, nevents=300 + 300 * round_)
            path = os.path.join(tmp, "events%d.jsonl" % round_)
            with open(path, "w") as f:
                for e in events:
                    f.write(json.dumps(e) + "\n")
            for mode in ["count", "mentions", "goldstein-abs", "none"]:
                compare(events, path, mode, False)
            compare(events, path, "count", True)
            compare_leiden(events, path)
    return 1 if failed() else 0


if __name__ == "__main__":
    sys.exit(main())
