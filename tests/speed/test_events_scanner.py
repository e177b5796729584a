#!/usr/bin/python3
"""The events reader's two paths agree: flat ASCII lines go through its own
scanner, every other line through jansson.  Each generated line is read
as it is and again with a first member "\\u007a": 0 (key "z", unknown to
the reader), whose \\u escape sends the line to jansson.  Events written
and skip messages (minus the column of a JSON syntax error, which the
extra member moves) must be the same.  Lines mix every member type, the
escapes, numbers at the edges of JSON's grammar, literals, duplicates,
nesting and syntax errors.  Prints TAP lines.
"""
import os
import random
import re
import subprocess
import sys
import tempfile

GEOGRAPH = os.environ.get("GEOGRAPH") or os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "build", "geograph")
failures = 0

GOOD = {
    "source": ['"US"', '"CHN"', '"RUS"', '"A\\"B"'],
    "target": ['"IRN"', '"CHN"', '"x\\/y"', '"t\\tab"'],
    "relation": ['"sanction"', '"meet"', '"tariff"', '"war"', '"not_a_relation"'],
    "date": ['"2024-01-05"', '"2024-13-01"', 'null', '"2024-1-5"'],
    "doc": ['"d1"', '"a\\\\b"', '""'],
    "cameo": ['43', '"043"', '1712', 'null', '"190"', '100000', '-1', '4.0'],
    "goldstein": ['-3', '1.5', '-0', '1e1', '2.5e-1', '-10', '10', '0', '10.5', '1E+0', '-0.0'],
    "weight": ['1', '2.5', '0', '3e0', '100', '-1', '1e-400'],
    "quad": ['1', '2', '3', '4', '0', '3.0', '2.5', '5'],
    "sent": ['0', '5', '-1', '12', '-2', '1.5', '2147483648'],
    "negated": ['true', 'false', 'null', '0'],
    "modality": ['"planned"', '"asserted"', '"reported"', '"maybe"'],
    "evidence": ['"He said \\"no\\"."', '"plain text"', '"tab\\there"', '"line\\nbreak \\b\\f\\r"'],
    "via": ['"x"', 'null'],
    "url": ['"http://a/b"', '"http:\\/\\/a"'],
    "source_label": ['"United States"', 'null', '7'],
    "target_affiliation": ['"NATO"', 'false'],
    "target_type": ['"state"', '"person"', '"bogus"'],
    "source_type": ['"state"', '"igo"'],
    "span": ['{"trigger":[0,3]}', 'null', '[0,3]', '5'],
    "extra": ['[1,2]', '{"a":1}', '"y"', '7', 'true'],
}
BAD_VALUES = ['01', '1.', '1e', '1e400', '-1e400', '-', '+1', '.5', '123456789012345678',
              '1234567890123456789', '99999999999999999999', '-9223372036854775809', 'nul', 'truex',
              'True', '"\\q"', '"\\u0041"', '"\\u0000"', '"caf\u00e9"', '"tab\there"', '"a', '0x10']
WS = ['', '', '', ' ', '  ', '\t', '\r']


def tap(ok, name, detail=""):
    global failures
    print(("ok - " if ok else "not ok - ") + name + (": " + detail if detail and not ok else ""))
    if not ok:
        failures += 1


def make_lines(seed, n):
    rnd = random.Random(seed)
    keys = list(GOOD)
    lines = []
    for _ in range(n):
        chosen = rnd.sample(keys, rnd.randint(0, 9))
        if rnd.random() < 0.8:
            for must in ("source", "target", "relation"):
                if must not in chosen:
                    chosen.append(must)
        rnd.shuffle(chosen)
        parts = []
        for k in chosen:
            v = rnd.choice(BAD_VALUES) if rnd.random() < 0.03 else rnd.choice(GOOD[k])
            parts.append('"%s"%s:%s%s' % (k, rnd.choice(WS), rnd.choice(WS), v))
        if parts and rnd.random() < 0.02:
            parts.append(parts[0])
        body = rnd.choice([",", ", ", " ,"]).join(parts)
        line = "{" + rnd.choice(WS) + body + rnd.choice(WS) + "}"
        r = rnd.random()
        if r < 0.01:
            line += ","
        elif r < 0.02:
            line = line[:-1]
        elif r < 0.03:
            line += " x"
        elif r < 0.04:
            line = "[" + line + "]"
        elif r < 0.05:
            line = line.replace(",", ",,", 1)
        elif r < 0.07:
            line = rnd.choice(WS) + line + rnd.choice(WS)
        elif r < 0.08:
            line = line + "\x0b"
        lines.append(line)
    return lines


def to_jansson(line):
    """The same record with a first member that only jansson reads."""
    i = line.find("{")
    if i < 0:
        return line
    rest = line[i + 1:]
    sep = "" if rest.lstrip(" \t\r").startswith("}") else ","
    return line[:i + 1] + '"\\u007a":0' + sep + rest


def run(path):
    p = subprocess.run([GEOGRAPH, "extract", "--input-format", "events", path, "-o", "-"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    err = re.sub(r"invalid JSON at column \d+", "invalid JSON at column N", p.stderr.decode("utf-8", "replace"))
    return p.returncode, p.stdout, err


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for seed in (1, 2, 3):
            lines = make_lines(seed, 3000)
            # One file name (the default "doc") in two folders.
            for d in ("flat", "jansson"):
                os.makedirs(os.path.join(tmp, d), exist_ok=True)
            a = os.path.join(tmp, "flat", "events%d.jsonl" % seed)
            b = os.path.join(tmp, "jansson", "events%d.jsonl" % seed)
            with open(a, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            with open(b, "w", encoding="utf-8") as f:
                f.write("\n".join(to_jansson(l) for l in lines) + "\n")
            ra, rb = run(a), run(b)
            events = ra[1].count(b"\n")
            tap(ra[0] == rb[0] == 0, "seed %d: both read" % seed, "%s %s" % (ra[0], rb[0]))
            tap(ra[1] == rb[1] and events > 500, "seed %d: same %d events" % (seed, events))
            ea = ra[2].replace(a, "F").splitlines()
            eb = rb[2].replace(b, "F").splitlines()
            diff = [(x, y) for x, y in zip(ea, eb) if x != y]
            tap(len(ea) == len(eb) and not diff and len(ea) > 300,
                "seed %d: same %d skip messages" % (seed, len(ea)), repr(diff[:3]))
    print("%d failure(s)" % failures if failures else "# scanner and jansson agree", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
