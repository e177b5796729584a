#!/usr/bin/env bash
# A large text corpus through `geograph run`: does it finish, how long does
# it take, how much memory does it hold?
#
#   bench/bigrun.sh [MB]      default 1000 (about 1 GB)
#
# The corpus is news-like text from bench/gen.py (seed 1), in files of
# about 1 MB, 100 to a folder, as a real corpus comes: it is generated once
# into build/bench/bigtext-MB and kept for the next run.  The run writes
# into build/bench/bigrun-MB, removed at the end (7.5 GB for 1 GB of text)
# unless KEEP=1.  Printed: the corpus
# size, wall and CPU time, peak resident memory (from /usr/bin/time -v),
# and the documents, events, actors and edges of geograph's summary.
# Memory should be bounded by the graph (actors, edges, three evidence
# sentences per edge), not by the text: compare `bench/bigrun.sh 100` with
# the full run.  Timings are reported, never asserted.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
geograph=${GEOGRAPH:-$root/build/geograph}
mb=${1:-1000}
py=/usr/bin/python3
work=$root/build/bench
corpus=$work/bigtext-$mb
out=$work/bigrun-$mb

case $mb in
'' | *[!0-9]*) echo "bench/bigrun.sh: MB must be a whole number, not '$mb'" >&2; exit 2 ;;
esac
[ -x "$geograph" ] || { echo "bench/bigrun.sh: build first (make)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/bigrun.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

mkdir -p "$work"
if [ ! -d "$corpus" ]; then
	# Into a temporary name first: an interrupted generation is not reused.
	rm -rf "$corpus.tmp"
	"$py" "$root/bench/gen.py" text --bytes $((mb * 1000000)) --file-bytes 1000000 --seed 1 \
		--out "$corpus.tmp"
	mv "$corpus.tmp" "$corpus"
fi
files=$(find "$corpus" -type f | wc -l)
bytes=$(du -sb "$corpus" | cut -f1)
echo "bench/bigrun.sh: $corpus: $files files, $bytes bytes"

rm -rf "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
log=$tmp/stdout
cat "$corpus"/*/* >/dev/null # warm the page cache
status=0
/usr/bin/time -v -o "$log.time" "$geograph" run --quiet "$corpus" -o "$out" >"$log" 2>"$log.err" || status=$?
if [ "$status" != 0 ]; then
	echo "bench/bigrun.sh: geograph run failed (exit $status):" >&2
	cat "$log.err" "$log.time" >&2
	exit 1
fi

awk -v bytes="$bytes" '
	/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); wall = 0; for (i = 1; i <= n; i++) wall = wall * 60 + p[i] }
	/User time/ { user = $NF }
	/System time/ { sys = $NF }
	/Maximum resident set size/ { rss = $NF }
	END {
		printf "wall %.1f s, cpu %.1f s (user %.1f, system %.1f), %.1f MB/s of cpu\n",
		       wall, user + sys, user, sys, bytes / (user + sys) / 1e6
		printf "peak RSS %.0f MB\n", rss / 1024
	}' "$log.time"
# The summary's first line: "D documents, E events: A actors, N edges".
head -n 1 "$log"
echo "events.jsonl: $(wc -l <"$out/events.jsonl") lines, $(stat -c %s "$out/events.jsonl") bytes;" \
	"output folder $(du -sb "$out" | cut -f1) bytes"
[ "${KEEP:-0}" = 1 ] || rm -rf "$out"
