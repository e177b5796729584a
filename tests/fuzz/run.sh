#!/usr/bin/env bash
# Replays every fuzz harness over its seeds and over every crash saved in
# tests/fuzz/regressions/NAME/ (see tests/fuzz/seeds).  TAP lines; a crash
# or sanitizer report fails.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${GEO_BUILD:-$root/build}
cd "$root"
status=0
while read -r name files; do
	case $name in ''|'#'*) continue ;; esac
	bin=$build/fuzz-replay/$name
	if [ ! -x "$bin" ]; then
		echo "not ok - $name: $bin not built"
		status=1
		continue
	fi
	# shellcheck disable=SC2086
	out=$("$bin" $files tests/fuzz/regressions/$name 2>&1)
	rc=$?
	n=$(printf '%s\n' "$out" | grep -c '^ok ')
	if [ $rc -eq 0 ] && ! printf '%s' "$out" | grep -q 'runtime error\|ERROR: AddressSanitizer\|LeakSanitizer'; then
		echo "ok - $name replays $n inputs"
	else
		echo "not ok - $name"
		printf '%s\n' "$out" | grep -v '^ok ' | head -n 30 | sed 's/^/#   /'
		status=1
	fi
done <tests/fuzz/seeds
exit $status
