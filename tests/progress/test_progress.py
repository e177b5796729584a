#!/usr/bin/python3
"""The progress line on stderr, under a pseudo-terminal (the pty module).

Every command that reads INPUT draws it when stderr is a terminal: it must
appear (with MB, files, events, rate and, for files, time left), end erased
so that nothing is left on the screen, step aside for warnings, become a
summary under --verbose, and stay away under --quiet, when stdout is the
terminal that extract writes to, and when stderr is not a terminal.
GEOGRAPH_PROGRESS_DELAY=0 makes the line appear at once instead of after a
second; one case keeps the real delay with a slow writer on stdin.  Prints
TAP lines.
"""
import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time

GEOGRAPH = os.environ.get("GEOGRAPH") or os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "build", "geograph")
failures = 0

ERASE = "\r\x1b[K"
# One drawing of the line over files (total known) or standard input.
FILE_LINE = (r"\rgeograph (\w+): \d+\.\d/\d+\.\d MB \d+%, file \d+/\d+, \d+ events, "
             r"\d+\.\d MB/s(, \d+:\d\d left)?\x1b\[K")
STDIN_LINE = r"\rgeograph (\w+): \d+\.\d MB, \d+ files?, \d+ events, \d+\.\d MB/s\x1b\[K"


def tap(ok, name, detail=""):
    global failures
    print(("ok - " if ok else "not ok - ") + name + (": " + detail if detail and not ok else ""))
    if not ok:
        failures += 1


def events_lines(n, bad_at=None):
    out = []
    for i in range(n):
        if i == bad_at:
            out.append("{not json\n")
        out.append('{"source":"A%03d","target":"B%03d","relation":"sanction","date":"2024-01-%02d"}\n'
                   % (i % 50, i % 37, i % 28 + 1))
    return "".join(out)


def screen(term, line_re):
    """Reads what the terminal got as draws of the line, erasures and
    message lines.  Returns (draws, messages), or None when a message was
    printed over a drawn line or a line is left on the screen at the end."""
    pos, shown, draws, messages = 0, False, [], []
    while pos < len(term):
        m = re.compile(line_re).match(term, pos)
        if m:
            draws.append(m)
            shown, pos = True, m.end()
        elif term.startswith(ERASE, pos):
            shown, pos = False, pos + len(ERASE)
        else:
            if shown:
                return None
            end = term.find("\n", pos)
            if end < 0:
                return None
            messages.append(term[pos:end])
            pos = end + 1
    return None if shown else (draws, messages)


def run_pty(argv, env_extra=None, stdin_data=None, slow_stdin=False, stdout_tty=False, cols=160,
            typed=None):
    """Runs argv with stderr (and, if stdout_tty, stdout) on a new pty of
    cols columns; returns (exit status, what the terminal got, stdout)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
    env = dict(os.environ)
    env.update(env_extra or {})
    stdin = slave if typed is not None else subprocess.PIPE if stdin_data is not None else subprocess.DEVNULL
    p = subprocess.Popen(argv, stdin=stdin, stdout=slave if stdout_tty else subprocess.PIPE, stderr=slave,
                         env=env)
    os.close(slave)
    if typed is not None:
        # Typed at the terminal, line by line, then end of file (^D).
        for line in typed.splitlines(True):
            os.write(master, line.encode())
        os.write(master, b"\x04")
    got = bytearray()
    out = bytearray()

    def feed():
        try:
            if slow_stdin:
                half = len(stdin_data) // 2
                cut = stdin_data.rfind(b"\n", 0, half) + 1
                p.stdin.write(stdin_data[:cut])
                p.stdin.flush()
                time.sleep(1.5)
                p.stdin.write(stdin_data[cut:])
            else:
                p.stdin.write(stdin_data)
            p.stdin.close()
        except BrokenPipeError:
            pass

    def drain():
        out.extend(p.stdout.read())

    threads = []
    if stdin_data is not None:
        threads.append(threading.Thread(target=feed))
    if not stdout_tty:
        threads.append(threading.Thread(target=drain))
    for t in threads:
        t.start()
    deadline = time.time() + 120
    while time.time() < deadline:
        r, _, _ = select.select([master], [], [], 0.5)
        if r:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: every writer of the pty has gone
                break
            if not chunk:
                break
            got.extend(chunk)
        elif p.poll() is not None:
            break
    p.wait()
    for t in threads:
        t.join()
    os.close(master)
    return p.returncode, got.decode("utf-8", "replace").replace("\r\n", "\n"), bytes(out)


def run_pipe(argv, env_extra=None):
    env = dict(os.environ)
    env.update(env_extra or {})
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    return p.returncode, p.stderr.decode(), p.stdout


def main():
    now = {"GEOGRAPH_PROGRESS_DELAY": "0"}
    with tempfile.TemporaryDirectory() as tmp:
        ev = os.path.join(tmp, "events.jsonl")
        with open(ev, "w") as f:
            f.write(events_lines(5000))
        folder = os.path.join(tmp, "folder")
        os.mkdir(folder)
        for k in range(3):
            with open(os.path.join(folder, "part%d.jsonl" % k), "w") as f:
                f.write(events_lines(3000))
        bad = os.path.join(tmp, "bad.jsonl")
        with open(bad, "w") as f:
            f.write(events_lines(3000, bad_at=1000))

        size = "%.1f" % (os.path.getsize(ev) / 1e6)

        # stats: the line is drawn, then erased; nothing else on stderr.
        rc, term, out = run_pty([GEOGRAPH, "stats", ev], now)
        _, piped_err, piped_out = run_pipe([GEOGRAPH, "stats", ev], now)
        sc = screen(term, FILE_LINE)
        tap(rc == 0, "stats under a pty exits 0", "status %s" % rc)
        tap(sc is not None and sc[0] and not sc[1] and term.endswith(ERASE),
            "stats: progress lines, then the line erased and nothing more", repr(term[-300:]))
        tap(sc is not None and all(m.group(1) == "stats" for m in sc[0]), "stats: lines name the command")
        nums = [re.search(r"(\d+\.\d)/(\d+\.\d) MB (\d+)%, file (\d+)/(\d+), (\d+) events", m.group(0))
                for m in (sc[0] if sc else [])]
        tap(bool(nums) and all(n.group(2) == size and n.group(4) == "1" and n.group(5) == "1" for n in nums),
            "stats: the total is the input's size, file 1/1", repr(term[:200]))
        counts = [int(n.group(6)) for n in nums]
        tap(bool(counts) and counts == sorted(counts) and all(0 < c <= 5000 for c in counts),
            "stats: event counts grow and stay within the input", str(counts[:10]))
        tap(out == piped_out and piped_err == "", "stats: stdout as without a terminal; piped stderr empty",
            repr(piped_err[:200]))

        # A narrow terminal: the line is cut to fit, never wrapped.
        rc, term, _ = run_pty([GEOGRAPH, "stats", ev], now, cols=30)
        draws = [d for d in re.findall(r"\r([^\r\x1b]*)\x1b\[K", term) if d]
        tap(rc == 0 and draws and all(len(d) == 29 for d in draws) and term.endswith(ERASE),
            "30 columns: every draw fits in 29", repr(term[:200]))

        # A folder: file numbers out of the walked total.
        rc, term, _ = run_pty([GEOGRAPH, "centrality", "--all", folder], now)
        sc = screen(term, FILE_LINE)
        files = {(int(m.group(1)), int(m.group(2))) for m in re.finditer(r"file (\d+)/(\d+)", term)}
        tap(rc == 0 and sc is not None and sc[0] and files and all(t == 3 and 1 <= k <= 3 for k, t in files),
            "centrality over a folder: file k/3, erased at the end", repr(term[-200:]))

        # --verbose: the summary replaces the line, before the usual report.
        rc, term, _ = run_pty([GEOGRAPH, "stats", "--verbose", ev], now)
        sc = screen(term, FILE_LINE)
        want = re.compile(r"geograph stats: read (\d+\.\d) MB in 1 file, 5000 events, in \d+\.\d s "
                          r"\(\d+\.\d MB/s\)")
        tap(rc == 0 and sc is not None and sc[0] and sc[1] and want.fullmatch(sc[1][0])
            and want.fullmatch(sc[1][0]).group(1) == size,
            "stats --verbose: the summary comes first after the line", repr(term[-400:]))
        tap(sc is not None and "geograph stats: read 1 file, 0 documents, 5000 records; 5000 events" in sc[1],
            "stats --verbose: the usual report follows")

        # --quiet: nothing at all.
        rc, term, _ = run_pty([GEOGRAPH, "stats", "--quiet", ev], now)
        tap(rc == 0 and term == "", "stats --quiet: nothing on the terminal", repr(term[:200]))

        # A warning: the line is erased before it, so it starts a line.
        rc, term, _ = run_pty([GEOGRAPH, "stats", bad], now)
        sc = screen(term, FILE_LINE)
        tap(rc == 0 and sc is not None and sc[0] and len(sc[1]) == 2
            and sc[1][0].startswith("geograph stats: warning: ") and term.find("warning") > sc[0][0].end(),
            "a warning drawn after the line starts its own line; nothing left at the end",
            repr(term[-300:]))

        # extract: drawn when the events go to a file, not when they go to the
        # terminal the line would be drawn on.
        outfile = os.path.join(tmp, "out.jsonl")
        rc, term, _ = run_pty([GEOGRAPH, "extract", ev, "-o", outfile], now)
        sc = screen(term, FILE_LINE)
        tap(rc == 0 and sc is not None and sc[0] and not sc[1] and all(m.group(1) == "extract" for m in sc[0]),
            "extract -o FILE: progress lines, erased at the end", repr(term[-200:]))
        rc, term, _ = run_pty([GEOGRAPH, "extract", ev], now, stdout_tty=True)
        tap(rc == 0 and "\x1b[K" not in term and term.count("\n") == 5000,
            "extract to a terminal stdout: events only, no progress line", repr(term[:200]))

        # The real delay, on standard input: nothing in the first second,
        # then the line without a total (stdin has no size).
        data = events_lines(4000).encode()
        rc, term, _ = run_pty([GEOGRAPH, "stats", "-"], {"GEOGRAPH_PROGRESS_DELAY": ""}, stdin_data=data,
                              slow_stdin=True)
        sc = screen(term, STDIN_LINE)
        tap(rc == 0 and sc is not None and sc[0] and not sc[1],
            "stdin with a pause past the delay: lines without a total, erased", repr(term[-300:]))
        rc, term, _ = run_pty([GEOGRAPH, "stats", "-"], {"GEOGRAPH_PROGRESS_DELAY": ""}, stdin_data=data)
        tap(rc == 0 and term == "", "stdin read quickly: no line within the first second", repr(term[:200]))

        # Input typed at the terminal: no line over what is being typed.
        rc, term, _ = run_pty([GEOGRAPH, "stats", "--verbose", "-"], now, typed=events_lines(300))
        tap(rc == 0 and "\x1b[K" not in term and "300 events" in term,
            "stdin on the terminal: no progress line", repr(term[-300:]))

        # Reading fails: the line is erased before the error message.
        rc, term, _ = run_pty([GEOGRAPH, "stats", "--strict", bad], now)
        sc = screen(term, FILE_LINE)
        tap(rc == 1 and sc is not None and sc[0] and len(sc[1]) == 1
            and re.fullmatch(r"geograph stats: .*bad\.jsonl:1001: invalid JSON.*", sc[1][0]) is not None,
            "--strict failure: the error starts its own line", repr(term[-300:]))
    print("%d failure(s)" % failures if failures else "# all progress checks passed", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
