#!/usr/bin/python3
"""Reference centrality runs for the benchmark: the same work geograph's
`centrality --measures pagerank,betweenness,community` does, from the same
events file, in python-igraph or NetworkX.

    bench/ref_centrality.py igraph|networkx EVENTS.jsonl [--cutoff K]

Aggregation: one edge per ordered (source, target) pair, weight = number of
events; betweenness uses distance 1/weight; communities are Louvain on the
undirected view with summed weights.
"""
import argparse
import json
import sys


def aggregate(path):
    weights = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            ev = json.loads(line)
            s, t = ev["source"], ev["target"]
            if s == t:
                continue
            weights[(s, t)] = weights.get((s, t), 0) + 1
    return weights


def run_igraph(weights, cutoff):
    import igraph
    names = sorted({a for pair in weights for a in pair})
    index = {n: i for i, n in enumerate(names)}
    pairs = sorted(weights)
    g = igraph.Graph(n=len(names), edges=[(index[s], index[t]) for s, t in pairs], directed=True)
    w = [float(weights[p]) for p in pairs]
    pr = g.pagerank(weights=w, damping=0.85, implementation="prpack")
    dist = [1.0 / x for x in w]
    bt = g.betweenness(weights=dist, cutoff=cutoff, directed=True)
    gu = g.copy()
    gu.es["weight"] = w
    gu.to_undirected(mode="collapse", combine_edges={"weight": "sum"})
    comm = gu.community_multilevel(weights="weight")
    return len(names), len(pairs), max(pr), max(bt) if bt else 0, len(comm)


def run_networkx(weights, cutoff):
    import networkx as nx
    g = nx.DiGraph()
    for (s, t), x in weights.items():
        g.add_edge(s, t, weight=float(x), dist=1.0 / x)
    pr = nx.pagerank(g, alpha=0.85, weight="weight")
    # NetworkX has no cutoff betweenness; beyond the cutoff size it samples
    # k sources, which is the nearest it offers.
    k = None if cutoff is None else min(len(g), 200)
    bt = nx.betweenness_centrality(g, k=k, weight="dist", normalized=False, seed=1)
    gu = nx.Graph()
    for (s, t), x in weights.items():
        if gu.has_edge(s, t):
            gu[s][t]["weight"] += x
        else:
            gu.add_edge(s, t, weight=float(x))
    comm = nx.community.louvain_communities(gu, weight="weight", seed=1)
    return len(g), g.number_of_edges(), max(pr.values()), max(bt.values()), len(comm)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("impl", choices=["igraph", "networkx"])
    p.add_argument("events")
    p.add_argument("--cutoff", type=float, default=None)
    a = p.parse_args()
    weights = aggregate(a.events)
    fn = run_igraph if a.impl == "igraph" else run_networkx
    n, m, pr, bt, nc = fn(weights, a.cutoff)
    print("%s: %d actors, %d edges, max pagerank %.6f, max betweenness %.3f, %d communities"
          % (a.impl, n, m, pr, bt, nc), file=sys.stderr)


if __name__ == "__main__":
    main()
