#!/usr/bin/env bash
# Determinism: every line of tests/determinism/outputs runs four times and
# must give the same bytes each time:
#   1. in folder A, relative paths, to a file;
#   2. again, the same way (a second run of the same process image);
#   3. in folder B (another path, another depth), absolute input paths,
#      another time zone and locale, to a file;
#   4. in folder A, to standard output (-o -).
# A line writing into a folder ($DIR instead of $OUT) compares every file
# of the folder and has no standard-output run.  One TAP line per output.
# A command that fails is a failure.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
: "${GEOGRAPH:=$root/build/geograph}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
a=$work/a
b=$work/other/place/b
mkdir -p "$a" "$b"
for d in "$a" "$b"; do
	ln -s "$root/tests/data" "$d/data"
	ln -s "$root/samples" "$d/samples"
done
status=0

# Runs geograph with args, $OUT replaced by $2; with absolute=1 the data/
# and samples/ paths become absolute.  $1: folder; $3: absolute.
run() {
	local dir=$1 out=$2 absolute=$3 arg
	shift 3
	local args=()
	for arg in "$@"; do
		# shellcheck disable=SC2016 # the placeholders are literal
		case $arg in
		'$OUT' | '$DIR') arg=$out ;;
		data/*) [ "$absolute" = 1 ] && arg=$root/tests/$arg ;;
		samples/*) [ "$absolute" = 1 ] && arg=$root/$arg ;;
		esac
		args+=("$arg")
	done
	(cd "$dir" && "$GEOGRAPH" "${args[@]}")
}

while read -r name rest; do
	case $name in '' | '#'*) continue ;; esac
	# shellcheck disable=SC2206
	words=($rest)
	folder=0
	# shellcheck disable=SC2016
	case " $rest " in *' $DIR '*) folder=1 ;; esac
	if [ $folder = 1 ]; then
		mkdir -p "$work/$name.1" "$work/$name.2" "$work/$name.3"
	fi
	why=
	if ! run "$a" "$work/$name.1" 0 "${words[@]}" >/dev/null 2>"$work/$name.err"; then
		why="failed: $(head -n 3 "$work/$name.err")"
	elif ! run "$a" "$work/$name.2" 0 "${words[@]}" >/dev/null 2>&1; then
		why="second run failed"
	elif ! TZ=Pacific/Chatham LANG=C.UTF-8 LC_ALL=C.UTF-8 run "$b" "$work/$name.3" 1 "${words[@]}" >/dev/null 2>&1; then
		why="run from another folder failed"
	elif [ $folder = 0 ] && ! run "$a" - 0 "${words[@]}" >"$work/$name.4" 2>/dev/null; then
		why="run to standard output failed"
	elif [ -z "$(find "$work/$name.1" -type f -size +0 | head -n 1)" ]; then
		why="empty output"
	elif ! diff -r "$work/$name.1" "$work/$name.2" >/dev/null; then
		why="two runs differ: $(diff -rq "$work/$name.1" "$work/$name.2" 2>&1 | head -n 3)"
	elif ! diff -r "$work/$name.1" "$work/$name.3" >/dev/null; then
		why="another folder, time zone and locale differ: $(diff -rq "$work/$name.1" "$work/$name.3" 2>&1 | head -n 3)"
	elif [ $folder = 0 ] && ! cmp -s "$work/$name.1" "$work/$name.4"; then
		why="file and standard output differ: $(cmp "$work/$name.1" "$work/$name.4" 2>&1)"
	fi
	if [ -z "$why" ]; then
		echo "ok - $name"
	else
		echo "not ok - $name: $why"
		status=1
	fi
done <"$root/tests/determinism/outputs"

# A graph big enough for igraph's PageRank to split its sums over OpenMP
# threads (80,000 edges): the order in which the threads' parts were added
# changed the last digits from run to run.  Three runs of `run` must agree.
big=$work/big.jsonl
if ! /usr/bin/python3 "$root/bench/gen.py" events --events 150000 --edges 80000 --seed 5 --out "$big" 2>"$work/gen.err"; then
	echo "not ok - run-80k-edges: bench/gen.py failed: $(head -n 2 "$work/gen.err")"
	status=1
else
	why=
	for k in 1 2 3; do
		if ! "$GEOGRAPH" run --quiet "$big" -o "$work/big.$k" >/dev/null 2>"$work/big.err"; then
			why="run $k failed: $(head -n 2 "$work/big.err")"
			break
		fi
	done
	for k in 2 3; do
		[ -z "$why" ] && ! diff -r "$work/big.1" "$work/big.$k" >/dev/null &&
			why="runs 1 and $k differ: $(diff -rq "$work/big.1" "$work/big.$k" 2>&1 | head -n 1)"
	done
	if [ -z "$why" ]; then
		echo "ok - run-80k-edges: three runs give the same files"
	else
		echo "not ok - run-80k-edges: $why"
		status=1
	fi
fi
exit $status
