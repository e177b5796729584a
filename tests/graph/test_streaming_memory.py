#!/usr/bin/python3
"""Aggregation streams: memory grows with distinct edges, not with events.

Feeds `geograph stats -` the same 380 edges (20 actors, every ordered
pair, documents of 4 events, an evidence sentence each) as 20,000 and then
as 200,000 events through standard input, and compares the peak resident
size of the two runs as GNU time reports it (Python's own rusage of a
child includes the interpreter it was forked from): ten times the events
may not cost more than 1 MB.  Then checks that the counts are right.
Prints TAP lines.
"""
import os
import subprocess
import sys
import tempfile

GEOGRAPH = os.environ.get("GEOGRAPH") or os.path.join(
    os.path.dirname(__file__), "..", "..", "build", "geograph")
IDS = ["A%02d" % i for i in range(20)]
PAIRS = [(s, t) for s in IDS for t in IDS if s != t]
from taplib import failed, tap  # noqa: E402 (the folder of this script)


def run(nevents, timefile):
    """Runs stats over nevents events; returns (status, stdout, peak RSS in KB)."""
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", timefile,
                             GEOGRAPH, "stats", "--input-format", "events", "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    chunk = []
    for k in range(nevents):
        s, t = PAIRS[k % len(PAIRS)]
        chunk.append('{"doc":"d%d","source":"%s","target":"%s","relation":"meet",'
                     '"evidence":"Sentence %d of the stream."}\n' % (k // 4, s, t, k))
        if len(chunk) == 5000:
            proc.stdin.write("".join(chunk).encode())
            chunk = []
    proc.stdin.write("".join(chunk).encode())
    proc.stdin.close()
    out = proc.stdout.read().decode()
    proc.wait()
    with open(timefile) as f:
        peak = int(f.read().split()[-1])
    return proc.returncode, out, peak


def main():
    if not os.access("/usr/bin/time", os.X_OK):
        print("ok - streaming memory # SKIP /usr/bin/time (Debian package time) is not installed")
        return 0
    with open(GEOGRAPH, "rb") as f:
        if b"__asan_init" in f.read():
            # ASan's quarantine holds freed memory back on purpose.
            print("ok - streaming memory # SKIP AddressSanitizer build")
            return 0
    with tempfile.TemporaryDirectory() as tmp:
        rc1, out1, peak1 = run(20000, os.path.join(tmp, "t1"))
        rc2, out2, peak2 = run(200000, os.path.join(tmp, "t2"))
    tap(rc1 == 0 and rc2 == 0, "stats runs on both streams")
    tap("380 edges (380 ordered pairs), 20000 events" in out1, "20,000 events make 380 edges")
    tap("380 edges (380 ordered pairs), 200000 events" in out2, "200,000 events make 380 edges")
    tap("documents:  50000 " in out2, "200,000 events in runs of 4 are 50,000 documents")
    tap(peak2 - peak1 < 1024, "10x the events costs under 1 MB more",
        "%d KB -> %d KB" % (peak1, peak2))
    return 1 if failed() else 0


if __name__ == "__main__":
    sys.exit(main())
