#!/usr/bin/env bash
# Browser test of the HTML report: runs `geograph run` on hostile.jsonl
# (real events whose evidence and names carry markup), then opens
# report.html in Debian's headless chromium through playwright-core
# (check-report.js) and prints its TAP lines.  The screenshots go to
# $GEO_BUILD/report/.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${GEOGRAPH:=$root/build/geograph}"
: "${GEO_BUILD:=$root/build}"
out="$GEO_BUILD/report"

if [ ! -x /usr/bin/chromium ]; then
	echo "not ok - report: /usr/bin/chromium is missing (run scripts/install-deps)"
	exit 1
fi
if ! command -v node >/dev/null 2>&1; then
	echo "not ok - report: node is missing (run scripts/install-deps)"
	exit 1
fi
if ! "$here/setup"; then
	echo "not ok - report: playwright-core could not be installed (tests/report/setup)"
	exit 1
fi

rm -rf "$out"
mkdir -p "$out"
if ! "$GEOGRAPH" run --title 'geograph report: test <events> & "quotes"' -o "$out/run" \
	"$here/hostile.jsonl" >"$out/run.stdout" 2>"$out/run.stderr"; then
	echo "not ok - report: geograph run failed"
	sed 's/^/#   /' "$out/run.stderr"
	exit 1
fi
echo "ok - report: geograph run wrote report.html"
node "$here/check-report.js" "$out/run/report.html" "$out/report.png"
