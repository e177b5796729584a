#!/usr/bin/python3
"""Limits: GEO_MAX_LINE (16 MiB, one events JSON Lines line or GDELT row).
Past it, geograph names the file and line, skips the record (an error under
--strict) and goes on, in memory that does not grow with the record: a 200
MB line costs what a 50 MB line does.  A text document has no such limit:
one past 64 MiB is read in windows of whole paragraphs, in memory that does
not grow with it.  One TAP line per check.
"""
import os
import re
import subprocess
import sys
import tempfile

GEOGRAPH = os.environ.get("GEOGRAPH") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "build", "geograph")
MAX_LINE = 16 << 20
MB = 1 << 20
NL = b"\n"
GOOD = b'{"source":"USA","target":"CHN","relation":"tariff"}\n'

failed = 0


def report(ok, name, why=""):
    global failed
    if ok:
        print(f"ok - {name}")
    else:
        failed += 1
        print(f"not ok - {name}: {why}")


def skip(name, why):
    print(f"ok - {name} # SKIP {why}")


def run(args, feed=None, path=None):
    """Runs geograph; feed, if given, is a generator of byte chunks written
    to its standard input.  Returns (status, stdout, stderr, peak RSS in
    bytes) of that one process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        p = subprocess.Popen([GEOGRAPH] + args, stdin=subprocess.PIPE if feed else subprocess.DEVNULL,
                             stdout=out, stderr=err)
        if feed:
            try:
                for chunk in feed:
                    p.stdin.write(chunk)
            except BrokenPipeError:
                pass
            p.stdin.close()
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return p.returncode, out.read(), err.read().decode("utf-8", "replace"), usage.ru_maxrss * 1024


def filler(n, byte=b"x"):
    """n bytes of byte, in 1 MB chunks."""
    block = byte * MB
    while n > 0:
        yield block[:min(n, MB)]
        n -= MB


def long_jsonl(evidence_len):
    """A good line, one line whose evidence is evidence_len bytes, a good line."""
    yield GOOD
    yield b'{"source":"USA","target":"CHN","relation":"tariff","evidence":"'
    yield from filler(evidence_len)
    yield b'"}\n'
    yield GOOD


def exact_line(total):
    """One valid events line of exactly total bytes (without its newline)."""
    head = b'{"source":"USA","target":"CHN","relation":"tariff","evidence":"'
    tail = b'"}'
    yield head
    yield from filler(total - len(head) - len(tail))
    yield tail + b"\n"


sanitized = b"libasan" in subprocess.run(["ldd", GEOGRAPH], capture_output=True).stdout

# --- GEO_MAX_LINE: the boundary ---------------------------------------
st, out, err, _ = run(["extract", "--input-format", "events", "-"], exact_line(MAX_LINE))
report(st == 0 and out.count(b"\n") == 1 and err == "", "line of exactly 16 MiB is read",
       f"status {st}, {out.count(NL)} events, stderr {err!r}")
st, out, err, _ = run(["extract", "--input-format", "events", "-"], exact_line(MAX_LINE + 1))
want = ("geograph extract: warning: <stdin>:1: line longer than 16777216 bytes (skipped)\n"
        "geograph extract: skipped 1 record or file (1 over the size limit)\n")
report(st == 0 and out == b"" and err == want, "line of 16 MiB + 1 byte is skipped, named",
       f"status {st}, stderr {err!r}")

# --- GEO_MAX_LINE: message, --strict, memory ---------------------------
rss = {}
for mb in (50, 200):
    st, out, err, rss[mb] = run(["extract", "-"], long_jsonl(mb * MB))
    want = ("geograph extract: warning: <stdin>:2: line longer than 16777216 bytes (skipped)\n"
            "geograph extract: skipped 1 record or file (1 over the size limit)\n")
    report(st == 0 and out.count(b"\n") == 2 and err == want,
           f"{mb} MB events line: skipped with file:line, the lines around it read",
           f"status {st}, {out.count(NL)} events, stderr {err!r}")
report(rss[200] < rss[50] + 8 * MB, "memory does not grow with the line (200 MB line vs 50 MB)",
       f"peak RSS {rss[200] // MB} MB vs {rss[50] // MB} MB")
if sanitized:
    skip("50 MB line read in under 4 x GEO_MAX_LINE", "sanitizer build")
else:
    report(rss[50] < 4 * MAX_LINE, "50 MB line read in under 4 x GEO_MAX_LINE",
           f"peak RSS {rss[50] // MB} MB")
    print(f"# peak RSS: 50 MB line {rss[50] // MB} MB, 200 MB line {rss[200] // MB} MB")

st, out, err, _ = run(["extract", "--strict", "-"], long_jsonl(50 * MB))
report(st == 1 and out.count(b"\n") == 1 and
       err == "geograph extract: <stdin>:2: line longer than 16777216 bytes\n",
       "--strict: an over-long line is an error (status 1)", f"status {st}, stderr {err!r}")

# The same limit in the graph commands and the GDELT reader.
st, out, err, _ = run(["stats", "--input-format", "events", "-"], long_jsonl(50 * MB))
report(st == 0 and "<stdin>:2: line longer than 16777216 bytes (skipped)" in err
       and re.search(rb"skipped: +1 over the size limit", out) is not None,
       "stats counts the over-long line", f"status {st}, stderr {err!r}")
gdelt_row = open(os.path.join(os.path.dirname(__file__), "..", "data", "gdelt-v2.CSV"), "rb").readline()
for mb in (50, 200):
    st, out, err, rss[mb] = run(["extract", "--input-format", "gdelt", "-"],
                                iter([gdelt_row, *filler(mb * MB, b"\t"), b"\n", gdelt_row]))
    report(st == 0 and out.count(b"\n") == 2 and
           "<stdin>:2: line longer than 16777216 bytes (skipped)" in err,
           f"{mb} MB GDELT row: skipped with file:line", f"status {st}, stderr {err!r}")
report(rss[200] < rss[50] + 8 * MB, "GDELT: memory does not grow with the row",
       f"peak RSS {rss[200] // MB} MB vs {rss[50] // MB} MB")

# --- Text documents past 64 MiB -----------------------------------------
st, _, err, _ = run(["extract", "--input-format", "text", "-"], iter([b"The US imposed tariffs on China.\n"]))
if "not available" in err:
    for name in ("text document past 64 MiB: read in windows", "text: memory does not grow with the document",
                 "--strict: a document past 64 MiB is no error"):
        skip(name, "text extraction is not in this build")
else:
    # A document past 64 MiB is read in windows of whole paragraphs: one
    # event a megabyte, each with its sentence number in the whole document.
    SENT = b"The United States imposed tariffs on China.\n\n"

    def paragraphs(mb):
        for _ in range(mb):
            yield SENT + NL * (MB - len(SENT))

    for mb in (80, 240):
        st, out, err, rss[mb] = run(["extract", "--input-format", "text", "-"], paragraphs(mb))
        sents = [int(m) for m in re.findall(rb'"sent":([0-9]+)', out)]
        report(st == 0 and err == "" and sents == list(range(mb)) and out.count(b'"relation":"tariff"') == mb,
               f"text document of {mb} MB: read in windows, {mb} events",
               f"status {st}, stderr {err!r}, {len(sents)} events")
    report(rss[240] < rss[80] + 8 * MB, "text: memory does not grow with the document",
           f"peak RSS {rss[240] // MB} MB vs {rss[80] // MB} MB")
    st, out, err, _ = run(["extract", "--strict", "--input-format", "text", "-"], paragraphs(80))
    report(st == 0 and err == "" and out.count(NL) == 80,
           "--strict: a document past 64 MiB is no error", f"status {st}, stderr {err!r}")

sys.exit(1 if failed else 0)
