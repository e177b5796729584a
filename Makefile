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
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) $(SANFLAGS) $(INCLUDES) \
	$(PKG_CFLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)
LIBS = $(PKG_LIBS) -lm -lpthread

LIB_C    := $(sort $(foreach m,$(MODULES),$(wildcard $(m)/*.c)))
LIB_S    := extract/dict_data.S
CLI_C    := $(sort $(wildcard cli/*.c))
TEST_C   := $(sort $(wildcard tests/unit/test_*.c))
HEADERS  := core/geo.h extract/extract.h graph/graph.h render/render.h

OBJ      := $(BUILD)/obj
TOBJ     := $(BUILD)/testobj
LIB_O    := $(LIB_C:%.c=$(OBJ)/%.o) $(OBJ)/extract/dict_data.o
TLIB_O   := $(LIB_C:%.c=$(TOBJ)/%.o) $(OBJ)/extract/dict_data.o
CLI_O    := $(CLI_C:%.c=$(OBJ)/%.o)
TESTS    := $(TEST_C:tests/unit/%.c=$(BUILD)/tests/%)

LIB      := $(BUILD)/libgeograph.a
TLIB     := $(BUILD)/libgeograph-test.a
BIN      := $(BUILD)/geograph

.PHONY: all tests check demo deps install uninstall clean eval
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

$(LIB): $(LIB_O)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

$(TLIB): $(TLIB_O)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(CLI_O) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_O) $(LIB) $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(TLIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DGEO_TESTING $(shell pkg-config --cflags cmocka) $(ALL_LDFLAGS) -o $@ $< \
		$(TLIB) $(LIBS) $(shell pkg-config --libs cmocka)

tests: all $(TESTS)

deps:
	scripts/install-deps

# The two commands of README.md.  Each installs what is missing first, then
# builds in a fresh make so pkg-config sees the new packages.
check: deps
	$(MAKE) --no-print-directory tests
	BUILD=$(BUILD) tests/run

demo: deps
	$(MAKE) --no-print-directory all
	@mkdir -p out
	$(BIN) extract samples/ -o out/events.jsonl
	@echo "demo: wrote out/events.jsonl"

# Scores the text extractor on ../shared/data/eval-dev (see bench/eval.py).
eval: all
	bench/eval.py --geograph $(BIN)

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

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/geograph $(DESTDIR)$(PREFIX)/lib/libgeograph.a \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig/geograph.pc
	rm -rf $(DESTDIR)$(PREFIX)/include/geograph

clean:
	rm -rf build geograph.pc

-include $(LIB_O:.o=.d) $(TLIB_O:.o=.d) $(CLI_O:.o=.d) $(TESTS:=.d)
