#!/usr/bin/python3
"""Checks that tests/extract/stockholm-talks.expected holds every required
and forbidden edge of ../shared/samples/stockholm-talks.gold.json (skips
when ../shared is absent)."""
import json
import os
import subprocess

here = os.path.dirname(os.path.abspath(__file__))
root = subprocess.run(["git", "-C", here, "rev-parse", "--show-toplevel"], capture_output=True,
                      text=True).stdout.strip() or os.path.dirname(os.path.dirname(here))
gold_path = os.path.join(root, "..", "shared", "samples", "stockholm-talks.gold.json")
if not os.path.exists(gold_path):
    print("ok - gold-fixture # SKIP ../shared not present")
    raise SystemExit(0)
gold = json.load(open(gold_path, encoding="utf-8"))
mine = [l.split() for l in open(os.path.join(here, "stockholm-talks.expected"), encoding="utf-8")
        if l.strip() and not l.startswith("#")]
required = {(f[1], f[2], frozenset(f[3].split("|"))) for f in mine if f[0] == "required"}
bad = 0
for r in gold["required"]:
    key = (r["source"], r["target"], frozenset(r["relations"]))
    ok = key in required
    bad += not ok
    print("%s - gold-fixture: required %s %s" % ("ok" if ok else "not ok", r["source"], r["target"]))
ok = ["CHN", "UKR", "war"] in [f[1:] for f in mine if f[0] == "forbidden"]
bad += not ok
print("%s - gold-fixture: forbidden denial edge" % ("ok" if ok else "not ok"))
people = {(a["name"], a["affiliation"]) for a in gold["actors_at_actor_level"]}
mine_people = {f[2] for f in mine if f[0] == "actor"}
ok = all(aff in mine_people for _, aff in people) and len([f for f in mine if f[0] == "actor"]) >= len(people)
bad += not ok
print("%s - gold-fixture: actors at actor level" % ("ok" if ok else "not ok"))
raise SystemExit(1 if bad else 0)
