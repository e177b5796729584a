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
node "$here/check-report.js" "$out/run/report.html" "$out/report.png" || status=1

# More relations than one page shows: 25 actors, each acting on the next
# ten (250 edges), actor i's edges with i+1 events so the order is known.
actors=(USA CHN RUS IND EU JPN KOR DEU FRA GBR BRA ZAF TUR IRN ISR SAU ARE EGY NGA MEX CAN AUS IDN PAK UKR)
rels=(tariff sanction buys_oil trade_talks meet accuse threaten agreement aid reject)
for ((i = 0; i < 25; i++)); do
	for ((k = 1; k <= 10; k++)); do
		for ((c = 0; c <= i % 3; c++)); do
			printf '{"doc":"d%d","source":"%s","target":"%s","relation":"%s","evidence":"e%d-%d"}\n' \
				"$i" "${actors[i]}" "${actors[(i + k) % 25]}" "${rels[k - 1]}" "$i" "$k"
		done
	done
done >"$out/many.jsonl"
if ! "$GEOGRAPH" run -o "$out/many" "$out/many.jsonl" >/dev/null 2>"$out/many.stderr"; then
	echo "not ok - report: geograph run failed on many.jsonl"
	exit 1
fi
node "$here/check-report.js" --paging "$out/many/report.html" || status=1
exit "${status:-0}"
