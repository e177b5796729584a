# geograph - build, test, install.
#
#   make                 build build/libgeograph.a and build/geograph
#   make check           install missing packages, build, run every test
#   make demo            install missing packages, build, run on samples/
#   make eval            score the text extractor on ../shared/data/eval-dev
#   make check SANITIZE=address,undefined
#   make install PREFIX=/usr/local DESTDIR=
#
# Warnings are errors when CI=true (or WERROR=1).

PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= cc
SANITIZE ?=

PKGS := igraph jansson libcgraph libgvc libutf8proc zlib libzip

ifneq ($(SANITIZE),)
BUILD ?= build/sanitize
SANFLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
else
BUILD ?= build
SANFLAGS :=
endif

ifeq ($(CI),true)
WERROR ?= 1
endif

WARN := -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wno-format-nonliteral -Wvla
ifeq ($(WERROR),1)
WARN += -Werror
endif

MODULES  := core extract graph render
INCLUDES := $(addprefix -I,$(MODULES)) -Icli
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))

CFLAGS   ?= -O2 -g
# The text extractor's per-token files at -O3 (HOT_OPT= turns it off):
# the same events, and about 3% less CPU on event-dense text
# (bench/README.md, "Event-dense text, seventh round").
HOT_OPT  ?= -O3
HOT_C    := extract/text.c extract/match.c extract/token.c extract/sentence.c extract/event.c \
	extract/text_reader.c extract/text_lex.c extract/text_norm.c
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) $(SANFLAGS) $(FUZZFLAGS) $(INCLUDES) \
	$(PKG_CFLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)
LIBS = $(PKG_LIBS) -lm -lpthread
# The program opens libzip itself when it meets a zip archive
# (extract/gdelt.c), so it does not load it, and libcrypto, at every start;
# and Graphviz (libgvc, libcgraph) when it first draws (render/draw.c).
BIN_LIBS = $(shell pkg-config --libs $(filter-out libzip libcgraph libgvc,$(PKGS))) -lm -lpthread

LIB_C    := $(sort $(foreach m,$(MODULES),$(wildcard $(m)/*.c)))
LIB_S    := extract/dict_data.S
CLI_C    := $(sort $(wildcard cli/*.c))
TEST_C   := $(sort $(wildcard tests/unit/test_*.c))
HEADERS  := core/geo.h extract/extract.h graph/graph.h render/render.h

OBJ      := $(BUILD)/obj
TOBJ     := $(BUILD)/testobj
LIB_O    := $(LIB_C:%.c=$(OBJ)/%.o) $(OBJ)/extract/dict_data.o
$(HOT_C:%.c=$(OBJ)/%.o): ALL_CFLAGS += $(HOT_OPT)
TLIB_O   := $(LIB_C:%.c=$(TOBJ)/%.o) $(OBJ)/extract/dict_data.o
# The HTML report's template, style sheet and script (render/report/).
LIB_O    += $(OBJ)/render/report_data.o
TLIB_O   += $(OBJ)/render/report_data.o
CLI_O    := $(CLI_C:%.c=$(OBJ)/%.o)
TESTS    := $(TEST_C:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_C   := $(filter-out tests/fuzz/fuzz_common.c,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
REPLAYS  := $(FUZZ_C:tests/fuzz/%.c=$(BUILD)/fuzz-replay/%)
FUZZERS  := $(FUZZ_C:tests/fuzz/%.c=$(BUILD)/fuzzers/%)
FUZZ_SECONDS ?= 60

LIB      := $(BUILD)/libgeograph.a
TLIB     := $(BUILD)/libgeograph-test.a
BIN      := $(BUILD)/geograph

.PHONY: all tests check check-valgrind demo bench bench-big eval deps install uninstall clean fuzz fuzzers
.DELETE_ON_ERROR:

all: $(LIB) $(BIN)

$(OBJ)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Test builds of the library see internal helpers (GEO_STATIC).
$(TOBJ)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DGEO_TESTING -c -o $@ $<

$(OBJ)/extract/dict_data.o: extract/dict_data.S extract/dict/actors.txt extract/dict/relations.txt
	@mkdir -p $(@D)
	$(CC) -c -Wa,-I. -o $@ $<

$(OBJ)/render/report_data.o: render/report_data.S render/report/report.html \
		render/report/report.css render/report/report.js
	@mkdir -p $(@D)
	$(CC) -c -Wa,-I. -o $@ $<

$(LIB): $(LIB_O)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

$(TLIB): $(TLIB_O)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(CLI_O) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_O) $(LIB) $(BIN_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(TLIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DGEO_TESTING $(shell pkg-config --cflags cmocka) $(ALL_LDFLAGS) -o $@ $< \
		$(TLIB) $(LIBS) $(shell pkg-config --libs cmocka)

# Fuzz harnesses: replayed over their seeds and saved crashes by `make
# check` (no libFuzzer needed), run for real by `make fuzz`.
$(BUILD)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/fuzz_common.c tests/fuzz/replay.c $(TLIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz $(ALL_LDFLAGS) -o $@ $< tests/fuzz/fuzz_common.c \
		tests/fuzz/replay.c $(TLIB) $(LIBS)

$(BUILD)/fuzzers/%: tests/fuzz/%.c tests/fuzz/fuzz_common.c $(TLIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $< \
		tests/fuzz/fuzz_common.c $(TLIB) $(LIBS)

tests: all $(TESTS) $(REPLAYS)

fuzzers: $(FUZZERS)

# libFuzzer with ASan and UBSan, FUZZ_SECONDS per harness.  New crashes are
# left in build/fuzz/crashes/NAME/; copy each into
# tests/fuzz/regressions/NAME/ once fixed, and `make check` replays it.
fuzz: deps
	$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang SANITIZE=address,undefined \
		FUZZFLAGS=-fsanitize=fuzzer-no-link WERROR=0 fuzzers
	tests/fuzz/run-fuzzers build/fuzz $(FUZZ_SECONDS)

deps:
	scripts/install-deps

# The two commands of README.md.  Each installs what is missing first, then
# builds in a fresh make so pkg-config sees the new packages.
check: deps
	$(MAKE) --no-print-directory tests
	BUILD=$(BUILD) tests/run

# The unit tests and every CLI case under valgrind: any memory error or
# definite leak fails the test (exit status 99 instead of the expected one).
check-valgrind: deps
	$(MAKE) --no-print-directory tests
	@mkdir -p $(BUILD)/valgrind
	printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --suppressions=$(CURDIR)/tests/valgrind.supp $(CURDIR)/$(BIN) "$$@"\n' \
		> $(BUILD)/valgrind/geograph
	chmod +x $(BUILD)/valgrind/geograph
	GEOGRAPH=$(CURDIR)/$(BUILD)/valgrind/geograph tests/cli/run.sh | tee $(BUILD)/valgrind/cli.log | { grep -v '^ok ' || true; }
	@for t in $(TESTS); do valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
		--suppressions=$(CURDIR)/tests/valgrind.supp $$t >/dev/null 2>$(BUILD)/valgrind/unit.log \
		|| { cat $(BUILD)/valgrind/unit.log; echo "not ok - $$t"; exit 1; }; echo "ok - $$t"; done
	@! grep -q '^not ok' $(BUILD)/valgrind/cli.log
	@echo "check-valgrind: $$(grep -c '^ok' $(BUILD)/valgrind/cli.log) CLI cases and $(words $(TESTS)) unit programs clean"

# Timings beside reference runs (wc, python-igraph, NetworkX): see
# bench/README.md.  Never part of `make check`.
bench: deps
	$(MAKE) --no-print-directory all
	GEOGRAPH=$(CURDIR)/$(BIN) /usr/bin/python3 bench/bench.py

# About 1 GB of generated text through `geograph run`: time, peak memory,
# events and edges (bench/bigrun.sh; BIGRUN_MB sets the size).
bench-big: deps
	$(MAKE) --no-print-directory all
	GEOGRAPH=$(CURDIR)/$(BIN) bench/bigrun.sh $(or $(BIGRUN_MB),1000)

demo: deps
	$(MAKE) --no-print-directory all
	$(BIN) run samples/ -o out/

# Scores the text extractor on ../shared/data/eval-dev (see bench/eval.py).
eval: all
	bench/eval.py --geograph $(BIN)

# Phony: PREFIX changes from one install to the next, and a stale file would
# point at the old one.
.PHONY: geograph.pc
geograph.pc: geograph.pc.in Makefile
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(shell sed -n 's/^#define GEO_VERSION "\(.*\)"/\1/p' core/geo.h)|g' \
		-e 's|@REQUIRES@|$(PKGS)|g' $< > $@

install: all geograph.pc
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
		$(DESTDIR)$(PREFIX)/include/geograph
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/geograph
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libgeograph.a
	install -m 644 $(HEADERS) $(DESTDIR)$(PREFIX)/include/geograph/
	install -m 644 geograph.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/geograph.pc
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 geograph.1 $(DESTDIR)$(PREFIX)/share/man/man1/geograph.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/geograph $(DESTDIR)$(PREFIX)/lib/libgeograph.a \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig/geograph.pc
	rm -f $(DESTDIR)$(PREFIX)/share/man/man1/geograph.1
	rm -rf $(DESTDIR)$(PREFIX)/include/geograph

clean:
	rm -rf build geograph.pc

-include $(LIB_O:.o=.d) $(TLIB_O:.o=.d) $(CLI_O:.o=.d) $(TESTS:=.d) $(REPLAYS:=.d) $(FUZZERS:=.d)
