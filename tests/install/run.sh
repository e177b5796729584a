#!/usr/bin/env bash
# make install and make uninstall into a scratch DESTDIR, and the library
# as a user embeds it: the files laid down, each installed header compiled
# on its own, examples/embed.c built with nothing but the installed tree and
# `pkg-config --cflags --libs geograph`, run on fixtures with exact expected
# output, then uninstalled without a trace.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${GEO_BUILD:=$root/build}"
: "${GEOGRAPH:=$GEO_BUILD/geograph}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dest="$work/dest"
prefix=/usr/local
top="$dest$prefix"

ok() { echo "ok - $1"; }
fail() {
	echo "not ok - $1"
	[ $# -gt 1 ] && [ -s "$2" ] && sed 's/^/#   /' "$2" | head -n 30
	return 0
}

# The build under test: tests/run passes $GEO_BUILD (build/sanitize for a
# sanitizer run).  This script may itself run under make: the inner make
# must not inherit its jobserver.
# BUILD relative to the root, as the outer make named it, so that the
# dependency files written by that make still apply.
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -C "$root" \
		BUILD="${GEO_BUILD#"$root"/}" SANITIZE="${SANITIZE:-}" "$@"
}

# A sanitizer build of the library needs the same runtime in the program.
lib="$GEO_BUILD/libgeograph.a"
san=
nm "$lib" 2>/dev/null | grep -q '__asan_' && san="$san,address"
nm "$lib" 2>/dev/null | grep -q '__ubsan_' && san="$san,undefined"
sanflags=
[ -n "$san" ] && sanflags="-fsanitize=${san#,} -fno-omit-frame-pointer"

if ! mk install DESTDIR="$dest" PREFIX="$prefix" >"$work/install.log" 2>&1; then
	fail "make install DESTDIR=... PREFIX=$prefix" "$work/install.log"
	exit 1
fi
ok "make install DESTDIR=... PREFIX=$prefix"

# Exactly these files, each equal to its source.
(cd "$dest" && find . -type f | sed 's|^\./|/|' | LC_ALL=C sort) >"$work/files"
cat >"$work/files.want" <<EOF
$prefix/bin/geograph
$prefix/include/geograph/extract.h
$prefix/include/geograph/geo.h
$prefix/include/geograph/graph.h
$prefix/include/geograph/render.h
$prefix/lib/libgeograph.a
$prefix/lib/pkgconfig/geograph.pc
$prefix/share/man/man1/geograph.1
EOF
if diff -u "$work/files.want" "$work/files" >"$work/files.diff"; then
	ok "install lays down the binary, the library, 4 headers, geograph.pc, the man page"
else
	fail "installed files differ from the list" "$work/files.diff"
fi
same=1
for pair in "bin/geograph:$GEO_BUILD/geograph" "lib/libgeograph.a:$lib" \
	"include/geograph/geo.h:$root/core/geo.h" "include/geograph/extract.h:$root/extract/extract.h" \
	"include/geograph/graph.h:$root/graph/graph.h" "include/geograph/render.h:$root/render/render.h" \
	"share/man/man1/geograph.1:$root/geograph.1"; do
	cmp -s "$top/${pair%%:*}" "${pair#*:}" || { same=0; echo "#   $top/${pair%%:*} differs from ${pair#*:}"; }
done
if [ $same = 1 ]; then
	ok "installed files are the built ones"
else
	fail "installed files are not the built ones"
fi

version=$(sed -n 's/^#define GEO_VERSION "\(.*\)"/\1/p' "$root/core/geo.h")
out=$("$top/bin/geograph" --version 2>&1)
if [ "$out" = "geograph $version" ]; then
	ok "installed geograph --version says $version"
else
	fail "installed geograph --version said '$out', expected 'geograph $version'"
fi

pc="$top/lib/pkgconfig/geograph.pc"
if grep -qx "prefix=$prefix" "$pc" && grep -qx "Version: $version" "$pc"; then
	ok "geograph.pc names prefix $prefix and version $version"
else
	fail "geograph.pc: wrong prefix or version" "$pc"
fi

# Headers: the install is flat (include/geograph/*.h), so a header may only
# include standard headers and its installed siblings, and must compile on
# its own, twice included, with nothing but the installed tree.
for h in "$top"/include/geograph/*.h; do
	name=$(basename "$h")
	bad=
	while IFS= read -r inc; do
		[ -f "$top/include/geograph/$inc" ] || bad="$bad $inc"
	done < <(sed -n 's/^#include "\(.*\)"/\1/p' "$h")
	if [ -n "$bad" ]; then
		fail "header $name includes headers that are not installed:$bad"
		continue
	fi
	printf '#include <geograph/%s>\n#include <geograph/%s>\n' "$name" "$name" >"$work/h.c"
	if cc -std=c11 -pedantic -Wall -Wextra -Werror -I"$top/include" -fsyntax-only "$work/h.c" \
		>"$work/h.log" 2>&1; then
		ok "header $name compiles on its own (C11, -pedantic)"
	else
		fail "header $name does not compile on its own" "$work/h.log"
	fi
done

# The example, built as its comment tells a user to.  PKG_CONFIG_SYSROOT_DIR
# maps the .pc's /usr/local paths into DESTDIR.
if flags=$(PKG_CONFIG_PATH="$top/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$dest" \
	pkg-config --cflags --libs geograph 2>"$work/pc.log"); then
	ok "pkg-config --cflags --libs geograph"
else
	fail "pkg-config --cflags --libs geograph" "$work/pc.log"
	exit 1
fi
case " $flags " in
*" -I$top/include "*" -L$top/lib -lgeograph "*) ok "pkg-config flags point into the installed tree" ;;
*) fail "pkg-config flags do not point into the installed tree: $flags" ;;
esac
embed="$work/embed"
# shellcheck disable=SC2086
if cc -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror $sanflags \
	-o "$embed" "$root/examples/embed.c" $flags >"$work/cc.log" 2>&1; then
	ok "examples/embed.c compiles and links against the installed tree"
else
	fail "examples/embed.c does not build against the installed tree" "$work/cc.log"
	exit 1
fi

# Runs the example in the repository root (fixture paths are relative) and
# compares stdout, stderr and the exit status with what is expected.
check_embed() {
	local name=$1 want_status=$2 want_out=$3 want_err=$4 status
	shift 4
	(cd "$root" && "$embed" "$@" >"$work/out" 2>"$work/err")
	status=$?
	if [ "$status" != "$want_status" ]; then
		fail "embed $name: exit status $status, expected $want_status" "$work/err"
	elif ! diff -u "$want_out" "$work/out" >"$work/diff"; then
		fail "embed $name: stdout differs" "$work/diff"
	elif ! diff -u "$want_err" "$work/err" >"$work/diff"; then
		fail "embed $name: stderr differs" "$work/diff"
	else
		ok "embed $name"
	fi
}

check_embed "ranks two events files" 0 "$here/embed-trade.out" /dev/null \
	tests/data/graph-trade.jsonl tests/data/render-basic.jsonl
check_embed "reports skipped lines through its diagnostic handler" 0 "$here/embed-bad.out" \
	"$here/embed-bad.err" tests/data/events-bad.jsonl
printf 'embed: tests/data/no-such-file.jsonl: No such file or directory\n' >"$work/missing.err"
check_embed "missing file: message and exit status 3" 3 /dev/null "$work/missing.err" \
	tests/data/no-such-file.jsonl
printf 'usage: embed INPUT...\n' >"$work/usage.err"
check_embed "no input: usage and exit status 2" 2 /dev/null "$work/usage.err"
(cd "$root" && "$embed" - <tests/data/render-basic.jsonl >"$work/stdin.out" 2>&1 &&
	"$embed" tests/data/render-basic.jsonl >"$work/file.out" 2>&1)
if cmp -s "$work/stdin.out" "$work/file.out" && [ -s "$work/file.out" ]; then
	ok "embed reads - as standard input"
else
	fail "embed - differs from the file"
fi

# The code a developer copies frees what it makes.  (A sanitizer build
# checks this through LeakSanitizer in the runs above instead.)
if [ -z "$san" ] && command -v valgrind >/dev/null 2>&1; then
	if (cd "$root" && valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		"$embed" tests/data/graph-trade.jsonl tests/data/events-bad.jsonl tests/data/gdelt-v2.CSV.zip \
		>/dev/null 2>"$work/vg.log"); then
		ok "embed is clean under valgrind (no memory error, no leak)"
	else
		grep '^==' "$work/vg.log" >"$work/vg.err"
		fail "embed under valgrind" "$work/vg.err"
	fi
fi

# The example's ranking is the command's: same actors in the same order,
# same PageRank to the four decimals it prints.
(cd "$root" && "$GEOGRAPH" centrality --all --measures pagerank --format csv \
	tests/data/graph-trade.jsonl tests/data/render-basic.jsonl) 2>&1 |
	awk -F, 'NR > 1 { printf "%s %.4f\n", $1, $3 }' >"$work/cli.rank"
awk 'NR > 1 { print $3, $2 }' "$here/embed-trade.out" >"$work/embed.rank"
if [ -s "$work/cli.rank" ] && diff -u "$work/cli.rank" "$work/embed.rank" >"$work/diff"; then
	ok "embed's ranking equals geograph centrality's"
else
	fail "embed's ranking differs from geograph centrality's" "$work/diff"
fi

# Another prefix gets its own geograph.pc (not the one left by the last
# install).
if mk install DESTDIR="$work/opt" PREFIX=/opt/geo >"$work/install2.log" 2>&1 &&
	grep -qx 'prefix=/opt/geo' "$work/opt/opt/geo/lib/pkgconfig/geograph.pc"; then
	ok "make install PREFIX=/opt/geo writes prefix=/opt/geo into geograph.pc"
else
	fail "make install PREFIX=/opt/geo: geograph.pc has the wrong prefix" "$work/install2.log"
fi

if mk uninstall DESTDIR="$dest" PREFIX="$prefix" >"$work/uninstall.log" 2>&1; then
	left=$(cd "$dest" && find . -type f -o -type l)
	if [ -z "$left" ] && [ ! -e "$top/include/geograph" ]; then
		ok "make uninstall removes every installed file"
	else
		printf '%s\n' "$left" >"$work/left"
		fail "make uninstall left files behind" "$work/left"
	fi
else
	fail "make uninstall" "$work/uninstall.log"
fi
