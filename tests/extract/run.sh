#!/usr/bin/env bash
# Data-driven extraction tests.
#
#   tests/extract/cases/NAME.txt   a case: options, text, then expected events
#   samples/*.expected, tests/extract/*.expected
#                                  expected edges of whole sample articles
#
# A case file:
#   % level actor                  optional lines: --level, --actors FILE
#   % actors fixtures/mini.txt     (relative to tests/extract; also
#   % relations fixtures/x.txt      % relations)
#   text of the document ...
#   ---
#   SOURCE TARGET RELATION [negated] [MODALITY]    one line per event, any
#                                  order; nothing after --- means no event
# The events must be exactly these (modality omitted = asserted).
#
# An .expected file checks an article (same name, .txt) at both levels:
#   required SOURCE TARGET REL|REL...   an event with one of these labels
#   negated SOURCE TARGET REL           such an event, marked negated
#   forbidden SOURCE TARGET [REL]       no such event that is not negated
#   forbidden-sentence N                no event from sentence N
#   actor ID AFFILIATION                at --level actor, ID appears in an
#                                       event with that affiliation
# and always: no self-loops.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${GEOGRAPH:=$root/build/geograph}"
export GEOGRAPH HERE="$here" ROOT="$root"
exec /usr/bin/python3 - "$@" <<'PY'
import glob, json, os, subprocess, sys, tempfile

here, root, geograph = os.environ["HERE"], os.environ["ROOT"], os.environ["GEOGRAPH"]
failed = 0


def report(ok, name, why=""):
    global failed
    if ok:
        print("ok - %s" % name)
    else:
        failed += 1
        print("not ok - %s%s" % (name, ": " + why if why else ""))


def extract(path, opts):
    p = subprocess.run([geograph, "extract"] + opts + [path], capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("exit %d: %s" % (p.returncode, p.stderr.strip()))
    return [json.loads(l) for l in p.stdout.splitlines()]


def line_of(e):
    s = "%s %s %s" % (e["source"], e["target"], e["relation"])
    if e["negated"]:
        s += " negated"
    if e["modality"] != "asserted":
        s += " " + e["modality"]
    return s


for case in sorted(glob.glob(os.path.join(here, "cases", "*.txt"))):
    name = "case/" + os.path.basename(case)[:-4]
    opts, text, want, part = [], [], [], 0
    for raw in open(case, encoding="utf-8").read().split("\n"):
        if part == 0 and raw.startswith("% "):
            k, v = raw[2:].split(None, 1)
            opts += ["--" + k, os.path.join(here, v) if k in ("actors", "relations") else v]
        elif part == 0 and raw == "---":
            part = 1
        elif part == 0:
            text.append(raw)
        elif raw.strip():
            want.append(" ".join(raw.split()))
    with tempfile.TemporaryDirectory() as tmp:
        doc = os.path.join(tmp, "case.txt")
        with open(doc, "w", encoding="utf-8") as f:
            f.write("\n".join(text))
        try:
            got = sorted({line_of(e) for e in extract(doc, opts)})
        except RuntimeError as e:
            report(False, name, str(e))
            continue
    want = sorted(set(want))
    report(got == want, name, "got %s, want %s" % (got, want))


def check_article(expected, article):
    base = "article/" + os.path.basename(expected)[:-9]
    if not os.path.exists(article):
        report(False, base, "no article " + article)
        return
    country = extract(article, [])
    actor = extract(article, ["--level", "actor"])
    for raw in open(expected, encoding="utf-8"):
        f = raw.split()
        if not f or f[0].startswith("#"):
            continue
        if f[0] == "required":
            labels = f[3].split("|")
            hit = [e for e in country if e["source"] == f[1] and e["target"] == f[2] and e["relation"] in labels]
            report(bool(hit), "%s: required %s %s %s" % (base, f[1], f[2], f[3]))
        elif f[0] == "negated":
            hit = [e for e in country if e["source"] == f[1] and e["target"] == f[2] and
                   e["relation"] == f[3] and e["negated"]]
            report(bool(hit), "%s: negated %s %s %s" % (base, f[1], f[2], f[3]))
        elif f[0] == "forbidden":
            hit = [e for e in country if e["source"] == f[1] and e["target"] == f[2] and
                   (len(f) < 4 or e["relation"] == f[3]) and not e["negated"]]
            report(not hit, "%s: forbidden %s" % (base, " ".join(f[1:])), hit and line_of(hit[0]) or "")
        elif f[0] == "forbidden-sentence":
            hit = [e for e in country if e["sent"] == int(f[1])]
            report(not hit, "%s: nothing from sentence %s" % (base, f[1]), hit and line_of(hit[0]) or "")
        elif f[0] == "actor":
            hit = [1 for e in actor for side in ("source", "target")
                   if e[side] == f[1] and e.get(side + "_affiliation") == f[2]]
            report(bool(hit), "%s: actor %s of %s" % (base, f[1], f[2]))
        else:
            report(False, base, "bad line: " + raw.strip())
    loops = [e for e in country + actor if e["source"] == e["target"] or
             e.get("source_affiliation") == e["target"] or e.get("target_affiliation") == e["source"]]
    report(not loops, "%s: no self-loops" % base, loops and line_of(loops[0]) or "")


for exp in sorted(glob.glob(os.path.join(root, "samples", "*.expected"))):
    check_article(exp, exp[:-9] + ".txt")
for exp in sorted(glob.glob(os.path.join(here, "*.expected"))):
    check_article(exp, os.path.join(root, "samples", os.path.basename(exp)[:-9] + ".txt"))
sys.exit(1 if failed else 0)
PY
