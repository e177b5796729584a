#!/usr/bin/python3
"""bench/gen.py gdelt --like EXPORT: the benchmark's rows with a real
export's mix.  The same seed gives the same bytes, another seed other
bytes; every row has the 61 columns of GDELT 2.0 and geograph reads every
one (none malformed); each row's Actor1 columns, Actor2 columns and event
columns are those of some real row; the option's misuse fails with a
message.  Prints TAP lines.
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "graph"))
from taplib import failed, tap  # noqa: E402  (the path is set just above)

GEOGRAPH = os.environ.get("GEOGRAPH") or os.path.join(ROOT, "build", "geograph")
GEN = os.path.join(ROOT, "bench", "gen.py")
EXPORT = os.path.join(ROOT, "..", "shared", "data", "gdelt", "20191024143000.export.CSV")


def gen(out, *args):
    return subprocess.run([sys.executable, GEN, "gdelt", "--out", out] + list(args),
                          capture_output=True, text=True)


def rows_of(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def main():
    if not os.path.exists(EXPORT):
        print("ok - gen-gdelt-like # SKIP no real export at %s" % EXPORT)
        return 0
    real = rows_of(EXPORT)
    with tempfile.TemporaryDirectory() as tmp:
        one, again, other = (os.path.join(tmp, n) for n in ("one.CSV", "again.CSV", "other.CSV"))
        ran = [gen(p, "--rows", "3000", "--like", EXPORT, "--seed", s)
               for p, s in ((one, "7"), (again, "7"), (other, "8"))]
        bad = [r.stderr for r in ran if r.returncode != 0]
        tap(not bad, "gen-like-runs", "; ".join(bad)[:300])
        if bad:
            return 1
        with open(one, "rb") as a, open(again, "rb") as b, open(other, "rb") as c:
            x, y, z = a.read(), b.read(), c.read()
        tap(x == y, "gen-like-same-seed-same-bytes")
        tap(x != z, "gen-like-other-seed-other-bytes")

        rows = rows_of(one)
        tap(len(rows) == 3000, "gen-like-row-count", "%d rows" % len(rows))
        tap(all(len(r) == 61 for r in rows), "gen-like-61-columns")
        a1 = {tuple(r[5:15]) for r in real}
        a2 = {tuple(r[15:25]) for r in real}
        ev = {tuple(r[26:31]) for r in real}
        stray = [r[0] for r in rows
                 if tuple(r[5:15]) not in a1 or tuple(r[15:25]) not in a2 or tuple(r[26:31]) not in ev]
        tap(not stray, "gen-like-columns-from-real-rows", "rows %s" % stray[:5])
        ids = [r[0] for r in rows]
        tap(len(set(ids)) == len(ids), "gen-like-distinct-event-ids")

        # geograph reads every row: the only rows it passes over are those
        # with fewer than two actors.
        p = subprocess.run([GEOGRAPH, "stats", "--input-format", "gdelt", one],
                           capture_output=True, text=True)
        tap(p.returncode == 0, "gen-like-stats-runs", p.stderr[:300])
        m = re.search(r"^skipped: +(.*)$", p.stdout, re.M)
        skipped = m.group(1) if m else ""
        tap(m is not None and re.fullmatch(r"\d+ with fewer than two actors|none", skipped) is not None,
            "gen-like-nothing-malformed", "skipped: %r" % skipped)
        m = re.search(r"^events: +(\d+) read", p.stdout, re.M)
        tap(m is not None and int(m.group(1)) > 300, "gen-like-has-events",
            "events line: %r" % (m.group(0) if m else p.stdout[:200]))

        r = gen(os.path.join(tmp, "x.CSV"), "--rows", "10", "--like", EXPORT, "--edges", "5")
        tap(r.returncode != 0 and "--like and --edges cannot be used together" in r.stderr,
            "gen-like-with-edges-refused", r.stderr[-200:])
        empty = os.path.join(tmp, "empty.CSV")
        with open(empty, "w") as f:
            f.write("a\tb\tc\n")
        r = gen(os.path.join(tmp, "y.CSV"), "--rows", "10", "--like", empty)
        tap(r.returncode != 0 and "has no GDELT 2.0 rows of 61 columns" in r.stderr,
            "gen-like-no-real-rows-refused", r.stderr[-200:])
    return 1 if failed() else 0


if __name__ == "__main__":
    sys.exit(main())
