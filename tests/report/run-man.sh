#!/usr/bin/env bash
# The man page: groff formats it without a warning, and it names every
# command of `geograph --help` and every long option of each command's
# --help, so the page cannot fall behind the program unnoticed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
: "${GEOGRAPH:=$root/build/geograph}"
page="$root/geograph.1"

warnings=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" 2>&1)
if [ -z "$warnings" ]; then
	echo "ok - man: groff formats geograph.1 without warnings"
else
	echo "not ok - man: groff warns about geograph.1"
	printf '%s\n' "$warnings" | sed 's/^/#   /'
fi

# The page as plain text, so that \- and font escapes do not matter.
text=$(LC_ALL=C.UTF-8 groff -man -Tascii -P-cbou -rLL=300n -rHY=0 "$page" 2>/dev/null)
commands=$("$GEOGRAPH" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
if [ -z "$commands" ]; then
	echo "not ok - man: no commands in geograph --help"
	exit 1
fi
for cmd in $commands; do
	if printf '%s\n' "$text" | grep -Eq "^       $cmd( |\$)"; then
		echo "ok - man: command $cmd has its entry"
	else
		echo "not ok - man: command $cmd has no entry under COMMANDS"
	fi
	missing=
	# Options are the lines of the help that start with one.
	for opt in $("$GEOGRAPH" "$cmd" --help | sed -n 's/^  *\(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' | sort -u); do
		printf '%s\n' "$text" | grep -q -- "$opt\\b" || missing="$missing $opt"
	done
	if [ -z "$missing" ]; then
		echo "ok - man: every option of $cmd is described"
	else
		echo "not ok - man: options of $cmd missing from geograph.1:$missing"
	fi
done
