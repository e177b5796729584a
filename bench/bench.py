#!/usr/bin/python3
"""geograph's benchmark: every stage timed beside a reference run in the
same script, reported as ratios, never asserted.  `make bench` runs it.

Environment:
  BENCH_TEXT_MB     size of the generated text corpus (default 20)
  BENCH_CORPUS      a folder of real text to measure as well (optional)
  BENCH_GDELT_ROWS  rows of generated GDELT export (default 1000000)
  BENCH_SIZES       distinct-edge counts for centrality (default 1000,10000,100000,1000000)
  BENCH_TIMEOUT     seconds before a run is abandoned (default 600)
  BENCH_STAGES      the stages to run, in order (default extract,gdelt,centrality,memory)
  GEOGRAPH          the binary (default build/geograph)

Prints one table and writes bench/results.json.
"""
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "build", "bench")
GEOGRAPH = os.environ.get("GEOGRAPH", os.path.join(ROOT, "build", "geograph"))
PY = "/usr/bin/python3"
GDELT_EXPORT = os.path.join(ROOT, "..", "shared", "data", "gdelt", "20191024143000.export.CSV")
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "600"))


def run(cmd):
    """Runs cmd, returning (exit status or "timeout", stderr)."""
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, err = p.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        return "timeout", ""
    return p.returncode, err.decode("utf-8", "replace")


def measured(cmd, shell=False):
    """Runs cmd and returns its wall time and peak RSS: a small python parent
    spawns it and reads its rusage with wait4, so each run is measured alone.
    posix_spawn, not fork: a forked python child would spend a millisecond
    or two of its own CPU before exec, which the child's rusage counts and
    which is a tenth of a 10 ms run."""
    helper = ("import os,sys,time\n"
              "t=time.perf_counter()\n"
              "pid=os.posix_spawnp(sys.argv[1],sys.argv[1:],os.environ,\n"
              "  file_actions=[(os.POSIX_SPAWN_OPEN,1,os.devnull,os.O_WRONLY,0)])\n"
              "_,st,ru=os.wait4(pid,0)\n"
              "sys.stderr.write('\\nBENCH %f %d %d %f\\n'%(time.perf_counter()-t,ru.ru_maxrss,"
              "os.waitstatus_to_exitcode(st),ru.ru_utime+ru.ru_stime))\n")
    argv = ["sh", "-c", cmd] if shell else cmd
    rc, err = run([PY, "-c", helper] + argv)
    if rc == "timeout":
        return {"status": "timeout"}
    for line in err.splitlines()[::-1]:
        if line.startswith("BENCH "):
            _, s, rss, code, cpu = line.split()
            out = {"seconds": float(s), "rss_mb": int(rss) / 1024.0, "exit": int(code), "cpu_seconds": float(cpu)}
            if int(code) != 0:
                out["status"] = "failed"
                out["stderr"] = "\n".join(l for l in err.splitlines() if not l.startswith("BENCH "))[-400:]
            else:
                out["status"] = "ok"
            return out
    return {"status": "failed", "stderr": err[-400:]}


def gen(*args):
    subprocess.run([PY, os.path.join(ROOT, "bench", "gen.py")] + list(args), check=True)


def dir_bytes(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(d, f))
    return total


def ratio(ours, ref, key="seconds"):
    """ours/ref speed as a fraction of the reference's speed (wall time, or
    key="cpu_seconds" for CPU time)."""
    if ours.get("status") != "ok" or ref.get("status") != "ok" or not ours.get(key):
        return None
    return ref[key] / ours[key]


ROWS = []


def row(stage, what, res, ref=None, ref_name="", extra="", same_run=False):
    """same_run: res is the run of the row above, compared with another
    reference; its column is left blank."""
    ROWS.append((stage, what, res, ref, ref_name, extra, same_run))


def fmt(res):
    if res is None:
        return "-"
    if res.get("status") != "ok":
        return res.get("status", "?")
    return "%.2fs %.2fc %4.0fMB" % (res["seconds"], res["cpu_seconds"], res["rss_mb"])


def stage_extract(results):
    mb = float(os.environ.get("BENCH_TEXT_MB", "20"))
    corpora = []
    text = os.path.join(WORK, "text-%g" % mb)
    if not os.path.isdir(text):
        gen("text", "--bytes", str(int(mb * 1e6)), "--seed", "1", "--out", text)
    corpora.append(("generated", text))
    if os.environ.get("BENCH_CORPUS"):
        corpora.append(("corpus", os.environ["BENCH_CORPUS"]))
    for name, path in corpora:
        size = dir_bytes(path)
        ours = measured([GEOGRAPH, "extract", "--quiet", path, "-o", "/dev/null"])
        ref = measured("find '%s' -type f -print0 | xargs -0 wc -w" % path, shell=True)
        r = ratio(ours, ref)
        extra = ""
        if ours.get("status") == "ok":
            extra = "%.1f MB/s" % (size / 1e6 / ours["seconds"])
        results["extract_" + name] = {"bytes": size, "geograph": ours, "wc -w": ref, "ratio": r,
                                      "cpu_ratio": ratio(ours, ref, "cpu_seconds")}
        row("extract", "%s text, %.0f MB" % (name, size / 1e6), ours, ref, "wc -w", extra)
        # The same bytes as one file: opening files no longer dominates
        # wc, so this is the harder ratio.
        one = one_file(name, path)
        ours1 = measured([GEOGRAPH, "extract", "--quiet", one, "-o", "/dev/null"])
        ref1 = measured(["wc", "-w", one])
        results["extract_%s_one_file" % name] = {"bytes": size, "geograph": ours1, "wc -w": ref1,
                                                 "ratio": ratio(ours1, ref1),
                                                 "cpu_ratio": ratio(ours1, ref1, "cpu_seconds")}
        row("", "%s text as one file" % name, ours1, ref1, "wc -w",
            "%.1f MB/s" % (size / 1e6 / ours1["seconds"]) if ours1.get("status") == "ok" else "")


def one_file(name, path):
    """The files under path concatenated in sorted path order into
    build/bench (made once per corpus, rebuilt when the folder changes)."""
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs)
    out = os.path.join(WORK, "%s-one-file.txt" % name)
    stamp = "%d %d" % (len(files), sum(os.path.getsize(f) for f in files))
    if not (os.path.exists(out) and os.path.exists(out + ".stamp") and open(out + ".stamp").read() == stamp):
        with open(out, "wb") as o:
            for f in files:
                with open(f, "rb") as i:
                    o.write(i.read())
        with open(out + ".stamp", "w") as st:
            st.write(stamp)
    return out


def stage_gdelt(results):
    rows = int(os.environ.get("BENCH_GDELT_ROWS", "1000000"))
    path = os.path.join(WORK, "gdelt-%d.CSV" % rows)
    if not os.path.exists(path):
        gen("gdelt", "--rows", str(rows), "--seed", "1", "--out", path)
    # Ingest is reading rows into the graph (`stats`); `extract` adds the
    # JSON Lines writer (jansson), reported beside it.
    ours = measured([GEOGRAPH, "stats", "--quiet", "--input-format", "gdelt", path])
    ext = measured([GEOGRAPH, "extract", "--quiet", "--input-format", "gdelt", path, "-o", "/dev/null"])
    ref = measured(["wc", "-l", path])
    extra = "%.0f rows/s" % (rows / ours["seconds"]) if ours.get("status") == "ok" else ""
    results["gdelt"] = {"rows": rows, "geograph stats": ours, "geograph extract": ext, "wc -l": ref,
                        "ratio": ratio(ours, ref), "ratio_extract": ratio(ext, ref)}
    row("gdelt", "%d rows, ingest (stats)" % rows, ours, ref, "wc -l", extra)
    row("", "%d rows, extract to JSONL" % rows, ext, ref, "wc -l",
        "%.0f rows/s" % (rows / ext["seconds"]) if ext.get("status") == "ok" else "")
    # Rows with a real export's mix (one-actor rows, actors, codes): what
    # a longer run of GDELT looks like.  The rows above are the worst
    # case: every row two actors, four rows in five a new edge.
    if not os.path.exists(GDELT_EXPORT):
        results["gdelt_like"] = {"status": "skipped", "why": "no real export at %s" % GDELT_EXPORT}
        return
    like = os.path.join(WORK, "gdelt-like-%d.CSV" % rows)
    if not os.path.exists(like):
        gen("gdelt", "--rows", str(rows), "--like", GDELT_EXPORT, "--seed", "1", "--out", like)
    ours = measured([GEOGRAPH, "stats", "--quiet", "--input-format", "gdelt", like])
    ref = measured(["wc", "-l", like])
    results["gdelt_like"] = {"rows": rows, "geograph stats": ours, "wc -l": ref, "ratio": ratio(ours, ref)}
    row("", "%d rows, real mix (stats)" % rows, ours, ref, "wc -l",
        "%.0f rows/s" % (rows / ours["seconds"]) if ours.get("status") == "ok" else "")


def stage_centrality(results):
    sizes = [int(x) for x in os.environ.get("BENCH_SIZES", "1000,10000,100000,1000000").split(",")]
    for edges in sizes:
        path = os.path.join(WORK, "events-%d.jsonl" % edges)
        if not os.path.exists(path):
            gen("events", "--events", str(edges * 2), "--edges", str(edges), "--seed", "1", "--out", path)
        # Above 10^5 edges geograph cuts betweenness paths at distance
        # GEO_BETWEENNESS_CUTOFF (3); every run is given that cutoff
        # explicitly so that all of them do the same work.
        cutoff = [] if edges <= 100000 else ["--cutoff", "3"]
        ours = measured([GEOGRAPH, "centrality", "--quiet", "--all", "--measures",
                         "pagerank,betweenness,community", "--format", "csv", "-o", "/dev/null", path] + cutoff)
        ig = measured([PY, os.path.join(ROOT, "bench", "ref_centrality.py"), "igraph", path] + cutoff)
        nxr = {"status": "skipped"} if edges > 100000 else measured(
            [PY, os.path.join(ROOT, "bench", "ref_centrality.py"), "networkx", path] + cutoff)
        results["centrality_%d" % edges] = {"geograph": ours, "python-igraph": ig, "networkx": nxr,
                                            "ratio_igraph": ratio(ours, ig), "ratio_networkx": ratio(ours, nxr),
                                            "cpu_ratio_igraph": ratio(ours, ig, "cpu_seconds"),
                                            "cpu_ratio_networkx": ratio(ours, nxr, "cpu_seconds")}
        row("centrality", "%d edges" % edges, ours, ig, "python-igraph")
        row("", "", ours, nxr, "networkx", same_run=True)


def stage_memory(results):
    edges = 100000
    small = os.path.join(WORK, "mem-1x.jsonl")
    big = os.path.join(WORK, "mem-10x.jsonl")
    if not os.path.exists(small):
        gen("events", "--events", str(edges), "--edges", str(edges), "--seed", "2", "--out", small)
    if not os.path.exists(big):
        gen("events", "--events", str(edges * 10), "--edges", str(edges), "--seed", "2", "--out", big)
    a = measured([GEOGRAPH, "stats", "--quiet", small])
    b = measured([GEOGRAPH, "stats", "--quiet", big])
    growth = None
    if a.get("status") == "ok" and b.get("status") == "ok":
        growth = b["rss_mb"] / a["rss_mb"] - 1
    results["memory"] = {"1x": a, "10x": b, "rss_growth": growth}
    row("memory", "stats, 10x events, same edges", b, a, "1x events",
        "" if growth is None else "RSS %+.1f%%" % (growth * 100))


def main():
    os.makedirs(WORK, exist_ok=True)
    results = {"geograph": GEOGRAPH}
    stages = {"extract": stage_extract, "gdelt": stage_gdelt, "centrality": stage_centrality,
              "memory": stage_memory}
    wanted = os.environ.get("BENCH_STAGES", "extract,gdelt,centrality,memory").split(",")
    for name in wanted:
        if name not in stages:
            sys.exit("bench: BENCH_STAGES: no stage '%s' (stages: %s)" % (name, ",".join(stages)))
    for name in wanted:
        stages[name](results)
    # s: wall seconds, c: CPU seconds (user + system), MB: peak RSS.  The
    # machines are shared: CPU time is the steadier measure, wall time the
    # one a user waits (geograph may use two threads for betweenness).
    print("%-11s %-30s %-22s %-22s %-14s %s" % ("stage", "input", "geograph", "reference", "ref",
                                              "ratio wall (cpu) / rate"))
    for stage, what, res, ref, ref_name, extra, same_run in ROWS:
        r = ratio(res, ref) if res is not None and ref is not None else None
        rc = ratio(res, ref, "cpu_seconds") if res is not None and ref is not None else None
        rtxt = "" if r is None else "x%.2f (x%.2f) of ref speed" % (r, rc or 0)
        print("%-11s %-30s %-22s %-22s %-14s %s %s" % (stage, what, "" if same_run else fmt(res), fmt(ref),
                                                       ref_name, rtxt, extra))
    path = os.path.join(ROOT, "bench", "results.json")
    if "BENCH_STAGES" in os.environ and os.path.exists(path):
        # A run of some stages updates their entries and keeps the rest.
        with open(path) as f:
            kept = json.load(f)
        kept.update(results)
        results = kept
    with open(path, "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
