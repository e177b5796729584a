#!/usr/bin/env bash
# CLI tests: runs the real binary as a user would and compares with
# expected files.  Each case is a folder tests/cli/cases/NAME holding
#   cmd     the command line (sh), run in a fresh scratch folder in which
#           data/ is tests/data and samples/ is samples/
#   status  the expected exit status (default 0)
#   stdout  the expected standard output, exactly (optional)
#   stderr  the expected standard error, exactly (optional)
#   check   a script run afterwards in the scratch folder, with $CASE set
#           to the case folder; it fails the case by exiting non-zero
#           (optional)
# UPDATE=1 writes stdout, stderr and status from the actual run instead.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${GEOGRAPH:=$root/build/geograph}"
export GEOGRAPH
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for case in "$here"/cases/*/; do
	name=$(basename "$case")
	scratch="$work/$name"
	mkdir -p "$scratch"
	ln -s "$root/tests/data" "$scratch/data"
	ln -s "$root/samples" "$scratch/samples"
	(cd "$scratch" && PATH="$(dirname "$GEOGRAPH"):$PATH" sh "$case/cmd" >"$work/$name.out" 2>"$work/$name.err" </dev/null)
	status=$?
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$work/$name.out" "$case/stdout"
		cp "$work/$name.err" "$case/stderr"
		echo "$status" >"$case/status"
	fi
	want=$(cat "$case/status" 2>/dev/null || echo 0)
	why=
	if [ "$status" != "$want" ]; then
		why="exit status $status, expected $want"
	elif [ -f "$case/stdout" ] && ! diff -u "$case/stdout" "$work/$name.out" >"$work/$name.diff"; then
		why="stdout differs"
	elif [ -f "$case/stderr" ] && ! diff -u "$case/stderr" "$work/$name.err" >"$work/$name.diff"; then
		why="stderr differs"
	elif [ -f "$case/check" ] && ! (cd "$scratch" && CASE="$case" sh "$case/check" >"$work/$name.diff" 2>&1); then
		why="check failed"
	fi
	if [ -z "$why" ]; then
		echo "ok - $name"
	else
		echo "not ok - $name: $why"
		sed 's/^/#   /' "$work/$name.diff" 2>/dev/null | head -n 40
		sed 's/^/#   stderr: /' "$work/$name.err" | head -n 10
	fi
done
