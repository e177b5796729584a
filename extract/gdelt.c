/*
 * gdelt.c - the GDELT 1.0/2.0 event export reader.
 *
 * An export is TAB-separated, one event per line, no header: 61 columns in
 * GDELT 2.0, 58 in GDELT 1.0 daily files, 57 in the 1.0 back-file (no
 * SOURCEURL).  The version is told per row by its column count, so files
 * can be concatenated.  Files come plain, as GDELT ships them (a .zip
 * holding one .CSV), or gzip-compressed; the reader decompresses as it
 * goes, so memory stays constant whatever the file size, and no row
 * allocates: event strings point into the line buffer or into small
 * buffers of the reader.
 *
 * Actors.  GDELT gives each actor a full CAMEO code (IGOUNODEVWBK), a
 * country code (mostly ISO 3166 alpha-3) and a known-group code.  An actor
 * becomes, in this order:
 *   1. the organisation named by its IGO code, most specific part first
 *      (IGOUNODEVWBK -> WB, IGOAFRAFU -> AU), since GDELT puts a region in
 *      the country column of regional bodies (AFR for the African Union);
 *   2. the organisation named by its known-group code (UNO -> UN);
 *   3. its country code, with CAMEO's non-ISO codes translated (EUR -> EU,
 *      ROM -> ROU); other codes, such as CAMEO regions (AFR, MEA), are kept;
 *   4. its known-group code as is (TAL), typed as a group;
 *   5. an IGO code no table knows, as is.
 * An actor with none of these (GOV, COP: a role without a country) is not
 * resolvable.  A row needs two resolvable, different actors: rows with
 * fewer, including domestic rows whose two actors are the same state, are
 * counted as GEO_SKIP_ONE_ACTOR without a warning each (they are most of
 * GDELT), and --strict does not stop at them.  Malformed rows - wrong
 * column count, bad numbers, dates or codes - are warned with file:line.
 *
 * Fields.  EventCode is kept as the string it is ("043") and names the
 * relation through the dictionary's taxonomy; GoldsteinScale, QuadClass,
 * SQLDATE (as YYYY-MM-DD), GLOBALEVENTID (the event's doc), SOURCEURL and
 * NumMentions (the event's weight) are copied.  Actor labels stay NULL:
 * the dictionary names the ids it knows, and GDELT's actor names (a city
 * for a country, say) are not names of the actor.
 *
 * A zip archive is read with libzip, which needs the file's path: a zip
 * on standard input is refused with a message saying what to do instead.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>
#include <zip.h>
#include <zlib.h>

#include "gdelt_internal.h"

/* Columns (0-based) shared by every version; the URL is the last column
 * of 58- and 61-column rows. */
enum {
	COL_ID = 0,
	COL_SQLDATE = 1,
	COL_A1CODE = 5,
	COL_A1COUNTRY = 7,
	COL_A1GROUP = 8,
	COL_A2CODE = 15,
	COL_A2COUNTRY = 17,
	COL_A2GROUP = 18,
	COL_EVENTCODE = 26,
	COL_QUAD = 29,
	COL_GOLDSTEIN = 30,
	COL_MENTIONS = 31,
	NCOLS_MAX = 61,
};

#define RELCACHE_SIZE 11100 /* see relation_of() */

/*
 * libzip, opened when a zip archive is met.  Linked, it made every run of
 * geograph load it and libcrypto, libbz2 and liblzma behind it: 1.6 ms of
 * the 5.5 ms the dynamic loader takes at each start (measured with an
 * empty program linked as geograph is), for the few runs that read a zip.
 * The members have the types of libzip's own declarations.
 */
struct zip_api {
	void *handle;
	__typeof__(zip_open) *zip_open;
	__typeof__(zip_error_init_with_code) *zip_error_init_with_code;
	__typeof__(zip_error_strerror) *zip_error_strerror;
	__typeof__(zip_error_fini) *zip_error_fini;
	__typeof__(zip_get_num_entries) *zip_get_num_entries;
	__typeof__(zip_get_name) *zip_get_name;
	__typeof__(zip_stat_index) *zip_stat_index;
	__typeof__(zip_fopen_index) *zip_fopen_index;
	__typeof__(zip_strerror) *zip_strerror;
	__typeof__(zip_fread) *zip_fread;
	__typeof__(zip_file_strerror) *zip_file_strerror;
	__typeof__(zip_fclose) *zip_fclose;
	__typeof__(zip_discard) *zip_discard;
};

struct geo_reader {
	geo_reader_ctx *ctx;
	geo_lines lines;
	char dataerr[256]; /* why the decompressor failed, for the message */
	/* gzip */
	z_stream z;
	bool z_ready, z_member_done, z_in_eof;
	unsigned char *zin;
	/* zip */
	struct zip_api zip;
	zip_t *za;
	zip_file_t *zf;
	zip_uint64_t zip_comp_size;
	/* EventCode -> relation, filled as codes are met: see relation_of() */
	const geo_relation_info **relcache;
	gdelt_split split; /* of the row last read, by the line reader's scan */
	geo_buf url;       /* the URL, NUL-terminated, when lines are not */
	/* the current event and the strings it borrows */
	geo_event ev;
	char doc[24];
	char cameo[8];
	char source_id[GDELT_ID_MAX];
	char target_id[GDELT_ID_MAX];
};

bool geo_gdelt_sniff(const unsigned char *p, size_t n)
{
	size_t tabs = 0;

	if (n >= 4 && memcmp(p, "PK\3\4", 4) == 0)
		return true;
	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return true;
	/* A plain export: a numeric event id, then 56 or more TABs on the first line. */
	if (n == 0 || p[0] < '0' || p[0] > '9')
		return false;
	for (size_t i = 0; i < n && p[i] != '\n'; i++)
		tabs += p[i] == '\t';
	return tabs >= 56;
}

/* ------------------------------------------------------------------ */
/* Code tables                                                         */

/*
 * A 3-byte code as one number, ordered as memcmp orders the bytes, and
 * its slot in a table of 64: the multiplier puts every code of both
 * tables below in a slot of its own (a shared slot would be an
 * initializer overridden, which -Wextra reports).  Looking a code up is
 * one read and one compare; a binary search was a twentieth of `stats`
 * on GDELT rows.
 */
#define CODE3(a, b, c) ((uint32_t)(unsigned char)(a) << 16 | (uint32_t)(unsigned char)(b) << 8 | \
			(uint32_t)(unsigned char)(c))
#define CODE_BITS 6
#define CODE_SLOT(k) ((uint32_t)((uint32_t)(k) * 0xDB65AD51u) >> (32 - CODE_BITS))

/* CAMEO known-group and IGO codes of the organisations that have one of
 * the project's fixed ids. */
#define GDELT_ORGS(X) \
	X('A', 'D', 'B', "ADB") \
	X('A', 'F', 'U', "AU") \
	X('A', 'R', 'L', "ARABLEAGUE") \
	X('A', 'S', 'N', "ASEAN") \
	X('C', 'I', 'S', "CIS") \
	X('C', 'O', 'E', "COE") \
	X('E', 'B', 'R', "EBRD") \
	X('E', 'E', 'C', "EU") \
	X('F', 'A', 'O', "FAO") \
	X('G', 'C', 'C', "GCC") \
	X('H', 'C', 'R', "UNHCR") \
	X('I', 'A', 'E', "IAEA") \
	X('I', 'C', 'C', "ICC") \
	X('I', 'C', 'J', "ICJ") \
	X('I', 'L', 'O', "ILO") \
	X('I', 'M', 'F', "IMF") \
	X('I', 'O', 'M', "IOM") \
	X('I', 'T', 'P', "INTERPOL") \
	X('K', 'I', 'D', "UNICEF") \
	X('N', 'A', 'T', "NATO") \
	X('O', 'A', 'S', "OAS") \
	X('O', 'I', 'C', "OIC") \
	X('O', 'P', 'C', "OPEC") \
	X('U', 'N', 'O', "UN") \
	X('W', 'A', 'S', "ECOWAS") \
	X('W', 'B', 'K', "WB") \
	X('W', 'F', 'P', "WFP") \
	X('W', 'H', 'O', "WHO") \
	X('W', 'T', 'O', "WTO")

/* CAMEO country codes that are not the ISO 3166 alpha-3 code of the same
 * actor.  GDELT codes the European Union's actors with EUR. */
#define GDELT_COUNTRIES(X) \
	X('E', 'U', 'R', "EU") \
	X('G', 'Z', 'S', "PSE") \
	X('K', 'S', 'V', "XKX") \
	X('R', 'O', 'M', "ROU") \
	X('T', 'M', 'P', "TLS") \
	X('W', 'S', 'B', "PSE") \
	X('Z', 'A', 'R', "COD")

struct code_slot {
	uint32_t code; /* CODE3 of the code; 0: an empty slot */
	const char *id;
};

#define AS_SLOT(a, b, c, id) [CODE_SLOT(CODE3(a, b, c))] = {CODE3(a, b, c), id},
static const struct code_slot gdelt_orgs[1u << CODE_BITS] = {GDELT_ORGS(AS_SLOT)};
static const struct code_slot gdelt_countries[1u << CODE_BITS] = {GDELT_COUNTRIES(AS_SLOT)};
#undef AS_SLOT

static uint32_t code3(const char *c)
{
	return CODE3(c[0], c[1], c[2]);
}

/* The id a 3-byte code maps to in table, or NULL. */
static const char *lookup3(const struct code_slot *table, const char *code)
{
	uint32_t key = code3(code);
	const struct code_slot *e = &table[CODE_SLOT(key)];

	return e->code == key ? e->id : NULL;
}

#define LOOKUP(table, code) lookup3(table, code)

#ifdef GEO_TESTING
/* Whether every code of both lists is found, with its id, and nothing
 * else is in the tables. */
bool gdelt_tables_sorted(void)
{
	size_t n = 0, filled = 0;
	bool ok = true;

#define CHECK(a, b, c, id)                                                                  \
	{                                                                                    \
		const char code[3] = {a, b, c};                                              \
		const char *got = lookup3(table, code);                                      \
		ok = ok && got && strcmp(got, id) == 0;                                      \
		n++;                                                                         \
	}
	{
		const struct code_slot *table = gdelt_orgs;
		GDELT_ORGS(CHECK)
	}
	{
		const struct code_slot *table = gdelt_countries;
		GDELT_COUNTRIES(CHECK)
	}
#undef CHECK
	for (size_t i = 0; i < 1u << CODE_BITS; i++)
		filled += (gdelt_orgs[i].code != 0) + (gdelt_countries[i].code != 0);
	return ok && filled == n;
}
#endif

static bool is_code(const char *s, size_t n)
{
	if (n == 0 || n >= GDELT_ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			return false;
	}
	return true;
}

/*
 * Resolves an actor from its CAMEO code, country code and known-group code
 * (see the top of the file).  The id is a constant or copied into buf
 * (GDELT_ID_MAX bytes).  GDELT_ACTOR_BAD_* when the code that would be kept
 * holds characters no CAMEO code has (the id must be safe to write as JSON)
 * or is too long.
 */
GEO_STATIC enum gdelt_resolved gdelt_resolve_actor(const char *code, size_t code_len, const char *country,
					     size_t country_len, const char *group, size_t group_len,
					     char *buf, const char **id, geo_actor_type *type)
{
	const char *known;
	bool igo = code_len >= 3 && memcmp(code, "IGO", 3) == 0;
	enum gdelt_resolved bad = GDELT_ACTOR_BAD_CODE;

	*id = NULL;
	*type = GEO_ACTOR_UNKNOWN;
	if (igo) {
		/* IGO, then 3-letter parts from general to specific: take the
		 * most specific part that names an organisation. */
		for (size_t k = (code_len / 3) * 3; k > 3; k -= 3) {
			if ((known = LOOKUP(gdelt_orgs, code + k - 3))) {
				*id = known;
				return GDELT_ACTOR_OK;
			}
		}
	}
	if (group_len == 3 && (known = LOOKUP(gdelt_orgs, group))) {
		*id = known;
		return GDELT_ACTOR_OK;
	}
	if (country_len > 0) {
		if (country_len == 3 && (known = LOOKUP(gdelt_countries, country))) {
			*id = known;
			return GDELT_ACTOR_OK;
		}
		code = country;
		code_len = country_len;
		bad = GDELT_ACTOR_BAD_COUNTRY;
	} else if (group_len > 0) {
		code = group;
		code_len = group_len;
		bad = GDELT_ACTOR_BAD_GROUP;
		*type = GEO_ACTOR_GROUP;
	} else if (igo && code_len > 3) {
		*type = GEO_ACTOR_IGO;
	} else {
		return GDELT_ACTOR_NONE;
	}
	if (!is_code(code, code_len)) {
		*type = GEO_ACTOR_UNKNOWN;
		return bad;
	}
	memcpy(buf, code, code_len);
	buf[code_len] = '\0';
	*id = buf;
	return GDELT_ACTOR_OK;
}

/* ------------------------------------------------------------------ */
/* Field parsing                                                       */

GEO_STATIC bool gdelt_all_digits(const char *s, size_t n)
{
	const uint64_t high = 0x8080808080808080ULL;
	size_t i = 0;

	/* Eight at a time: a byte is a digit when it is below 0x80, and
	 * neither subtracting '0' borrows into its top bit nor adding
	 * 0x7F - '9' carries into it.  A borrow or carry that crosses into
	 * the next byte comes from a byte already found wrong. */
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if ((x | (x - 0x3030303030303030ULL) | (x + 0x4646464646464646ULL)) & high)
			return false;
	}
	for (; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* YYYYMMDD -> "YYYY-MM-DD" in out[11]; false unless a real calendar date. */
GEO_STATIC bool gdelt_parse_date(const char *s, size_t n, char *out)
{
	static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int year, month, day;

	if (n != 8 || !gdelt_all_digits(s, n))
		return false;
	year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	month = (s[4] - '0') * 10 + (s[5] - '0');
	day = (s[6] - '0') * 10 + (s[7] - '0');
	if (month < 1 || month > 12 || day < 1 || day > days[month - 1])
		return false;
	if (month == 2 && day == 29 && !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
		return false;
	memcpy(out, s, 4);
	out[4] = '-';
	memcpy(out + 5, s + 4, 2);
	out[7] = '-';
	memcpy(out + 8, s + 6, 2);
	out[10] = '\0';
	return true;
}

/*
 * A decimal number as GDELT writes GoldsteinScale ("-7.0", "10", "3.4"):
 * optional sign, digits, optional fraction.  Parsed by hand because strtod
 * needs a NUL-terminated copy and is locale-dependent.
 */
GEO_STATIC bool gdelt_parse_decimal(const char *s, size_t n, double *out)
{
	size_t i = 0, digits = 0;
	double v = 0, scale = 1;
	bool neg = false;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	for (; i < n && s[i] >= '0' && s[i] <= '9' && digits < 15; i++, digits++)
		v = v * 10 + (s[i] - '0');
	if (i < n && s[i] == '.') {
		for (i++; i < n && s[i] >= '0' && s[i] <= '9' && digits < 15; i++, digits++) {
			v = v * 10 + (s[i] - '0');
			scale *= 10;
		}
	}
	if (i != n || digits == 0)
		return false;
	*out = neg ? -v / scale : v / scale;
	return true;
}

/*
 * GoldsteinScale as GDELT writes nearly every value: an optional minus,
 * one digit, a point and one digit, or "10.0".  A table-free shortcut in
 * front of gdelt_parse_decimal(), whose loop over the digits (exits at
 * counts no predictor foresees) and range check were a third of a row's
 * field checks.  The value is the one gdelt_parse_decimal() gives: tenths
 * divided by 10, negated after, so "-0.0" stays -0.0.  False when s has
 * another form (then the general parse decides).
 */
static inline bool parse_goldstein_short(const char *s, size_t n, double *out)
{
	/* Without branches on the bytes: the sign and the form are as good
	 * as random from row to row, and each mispredicted branch cost more
	 * than the checks.  Four bytes are read after the sign: the field is
	 * followed by 26 or more more columns, so they are in the row. */
	unsigned neg = s[0] == '-';
	const unsigned char *d = (const unsigned char *)s + neg;
	size_t k = n - neg;
	unsigned d0 = (unsigned)d[0] - '0', d2 = (unsigned)d[2] - '0';
	unsigned short3 = (k == 3) & (d[1] == '.') & (d0 <= 9) & (d2 <= 9);
	unsigned ten = (k == 4) & (d[0] == '1') & (d[1] == '0') & (d[2] == '.') & (d[3] == '0');
	unsigned t = ten ? 100 : d0 * 10 + d2;
	double v = (double)t / 10;
	uint64_t bits;

	memcpy(&bits, &v, sizeof bits);
	bits ^= (uint64_t)neg << 63; /* the negation, -0.0 included */
	memcpy(out, &bits, sizeof bits);
	return (short3 | ten) != 0;
}

/* GoldsteinScale: a decimal number in -10..10.  s must have five bytes
 * that can be read (a field followed by others has). */
GEO_STATIC bool gdelt_parse_goldstein(const char *s, size_t n, double *out)
{
	return parse_goldstein_short(s, n, out) ||
	       (gdelt_parse_decimal(s, n, out) && *out >= -10 && *out <= 10);
}

/* A non-negative count below one billion. */
static bool parse_count(const char *s, size_t n, double *out)
{
	long v = 0;

	if (n == 0 || n > 9 || !gdelt_all_digits(s, n))
		return false;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	*out = (double)v;
	return true;
}

/* ------------------------------------------------------------------ */
/* Finding a row's end and its TABs                                    */

/*
 * Scanning a row.  Only twelve of the first 32 columns are read, but
 * every TAB must be counted (the column count tells the version, and a
 * wrong count is a malformed row), so the scan keeps the offsets of the
 * first GDELT_SPLIT_POS TABs and only counts the rest, noting on the way
 * where the last TAB is (the URL follows it) and whether any byte after
 * it is non-ASCII (an ASCII URL needs no UTF-8 check).  The same pass finds the row's end for the line
 * reader (a geo_scan_fn), so a row is read once, not three times
 * (memchr for its end, the split, memrchr for the URL).
 */

/* The scan of s[i..n) continued one byte at a time, from nt TABs seen. */
static size_t scan_bytes(const char *s, size_t n, size_t i, size_t nt, uint32_t last, bool ascii,
			 gdelt_split *sp)
{
	for (; i < n && s[i] != '\n'; i++) {
		if (s[i] == '\t') {
			if (nt < GDELT_SPLIT_POS)
				sp->pos[nt] = (uint32_t)i;
			nt++;
			last = (uint32_t)i;
			ascii = true;
		} else if ((unsigned char)s[i] >= 0x80) {
			ascii = false;
		}
	}
	sp->ntabs = nt;
	sp->last = last;
	sp->ascii = ascii;
	return i;
}

#if defined(__SSE2__) && defined(__GNUC__)
#define GDELT_SSE2 1
#include <immintrin.h>
#endif

#if !defined(GDELT_SSE2) || defined(GEO_TESTING)
/* The portable scan, and the reference the vector ones are tested
 * against. */
GEO_STATIC size_t gdelt_scan_scalar(void *sp, const char *s, size_t n)
{
	return scan_bytes(s, n, 0, 0, 0, true, sp);
}
#endif

#ifdef GDELT_SSE2

/* bit_offsets[b]: in byte k, the offset of the k-th bit set in b (the
 * bytes past b's count are 0); bit_counts[b]: how many bits b has. */
static uint64_t bit_offsets[256];
static uint8_t bit_counts[256];
/* The same offsets as 32-bit numbers, for the AVX2 scan to add and store
 * in one instruction each. */
static uint32_t bit_offsets32[256][8] __attribute__((aligned(32)));
static pthread_once_t bit_tables_once = PTHREAD_ONCE_INIT;

static void bit_tables_init(void)
{
	for (unsigned b = 0; b < 256; b++) {
		unsigned k = 0;
		for (unsigned bit = 0; bit < 8; bit++) {
			if (b >> bit & 1) {
				bit_offsets32[b][k] = bit;
				bit_offsets[b] |= (uint64_t)bit << (8 * k++);
			}
		}
		bit_counts[b] = (uint8_t)k;
	}
}

/* The offsets of the bits of byte b, plus base, into out[0..8) (only the
 * first bit_counts[b] mean anything): no branch on how many there are. */
static inline void store_offsets(uint32_t *out, unsigned b, uint32_t base)
{
	const __m128i zero = _mm_setzero_si128(), add = _mm_set1_epi32((int)base);
	__m128i x = _mm_unpacklo_epi8(_mm_loadl_epi64((const __m128i *)(const void *)&bit_offsets[b]), zero);

	_mm_storeu_si128((__m128i *)(void *)out, _mm_add_epi32(_mm_unpacklo_epi16(x, zero), add));
	_mm_storeu_si128((__m128i *)(void *)(out + 4), _mm_add_epi32(_mm_unpackhi_epi16(x, zero), add));
}

/* What a vector scan carries from block to block. */
struct scan {
	size_t nt;     /* TABs so far */
	uint32_t last; /* offset of the last one */
	uint32_t high; /* high bits seen past the last TAB */
};

/* The last TAB and the high bytes after it, past a block whose TABs are t
 * and high bytes h: no branch, and no read of an offset just stored. */
static inline void scan_last(struct scan *st, uint32_t t, uint32_t h, uint32_t base)
{
	unsigned k = t ? 31 - (unsigned)__builtin_clz(t) : 0;

	st->last = t ? base + k : st->last;
	st->high = t ? h & (uint32_t)~((2ull << k) - 1) : st->high | h;
}

/*
 * One block of w (16 or 32) bytes at offset base: t holds a bit per TAB,
 * h per byte >= 0x80, both cut at the row's end.  While TABs are kept,
 * each byte of t stores eight offsets from a table and the count moves on
 * by its bit count (a loop over t's bits ended at an unforeseeable count
 * in every block: its mispredicted exits were most of the split); pos has
 * room for 32 entries past GDELT_SPLIT_POS, so a block is stored whole
 * without checking the count.  After that, TABs are only counted.
 */
static inline void scan_block(gdelt_split *sp, struct scan *st, uint32_t t, uint32_t h, uint32_t base,
			      unsigned w)
{
	if (st->nt < GDELT_SPLIT_POS) {
		for (unsigned j = 0; j < w; j += 8) {
			unsigned b = t >> j & 0xFF;
			store_offsets(&sp->pos[st->nt], b, base + j);
			st->nt += bit_counts[b];
		}
	} else {
		/* By table: x86-64 without popcnt makes __builtin_popcount a call. */
		for (unsigned j = 0; j < w; j += 8)
			st->nt += bit_counts[t >> j & 0xFF];
	}
	scan_last(st, t, h, base);
}

/* The scan of the rest, after the last whole block: the end of a read,
 * not of a row, so rare. */
static size_t scan_finish(const char *s, size_t n, size_t i, const struct scan *st, gdelt_split *sp)
{
	return scan_bytes(s, n, i, st->nt, st->last, st->high == 0, sp);
}

static size_t scan_found(size_t end, const struct scan *st, gdelt_split *sp)
{
	sp->ntabs = st->nt;
	sp->last = st->last;
	sp->ascii = st->high == 0;
	return end;
}

/* Sixteen bytes at a time. */
GEO_STATIC size_t gdelt_scan_sse2(void *spv, const char *s, size_t n)
{
	const __m128i tab = _mm_set1_epi8('\t'), nl = _mm_set1_epi8('\n');
	gdelt_split *sp = spv;
	struct scan st = {0, 0, 0};
	size_t i = 0;

	(void)pthread_once(&bit_tables_once, bit_tables_init);
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		uint32_t t = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, tab));
		uint32_t e = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl));
		uint32_t h = (uint32_t)_mm_movemask_epi8(v);

		if (e) {
			uint32_t before = (e & -e) - 1;
			scan_block(sp, &st, t & before, h & before, (uint32_t)i, 16);
			return scan_found(i + (size_t)__builtin_ctz(e), &st, sp);
		}
		scan_block(sp, &st, t, h, (uint32_t)i, 16);
	}
	return scan_finish(s, n, i, &st, sp);
}

/* scan_block() for 32 bytes with AVX2: the four bytes of t store their
 * offsets at places counted independently (popcnt of t's lower bytes),
 * not one after the other. */
__attribute__((target("avx2,popcnt"))) static inline void scan_block32(gdelt_split *sp, struct scan *st,
									 uint32_t t, uint32_t h,
									 uint32_t base)
{
	if (st->nt < GDELT_SPLIT_POS) {
		uint32_t *o = &sp->pos[st->nt];
		const __m256i b0 = _mm256_set1_epi32((int)base);

#define STORE_BYTE(j, before)                                                                        \
	_mm256_storeu_si256((__m256i *)(void *)(o + (before)),                                       \
			    _mm256_add_epi32(_mm256_load_si256((const __m256i *)(const void *)           \
								bit_offsets32[t >> (8 * (j)) & 0xFF]), \
					     _mm256_add_epi32(b0, _mm256_set1_epi32(8 * (j)))))
		STORE_BYTE(0, 0);
		STORE_BYTE(1, __builtin_popcount(t & 0xFFu));
		STORE_BYTE(2, __builtin_popcount(t & 0xFFFFu));
		STORE_BYTE(3, __builtin_popcount(t & 0xFFFFFFu));
#undef STORE_BYTE
	}
	st->nt += (size_t)__builtin_popcount(t);
	scan_last(st, t, h, base);
}

/* Thirty-two bytes at a time, on processors that have AVX2 (the
 * dispatch is at run time: the build targets plain x86-64). */
__attribute__((target("avx2,popcnt"))) GEO_STATIC size_t gdelt_scan_avx2(void *spv, const char *s,
									   size_t n)
{
	const __m256i tab = _mm256_set1_epi8('\t'), nl = _mm256_set1_epi8('\n');
	gdelt_split *sp = spv;
	struct scan st = {0, 0, 0};
	size_t i = 0;

	(void)pthread_once(&bit_tables_once, bit_tables_init);
	for (; i + 32 <= n; i += 32) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
		uint32_t t = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, tab));
		uint32_t e = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, nl));
		uint32_t h = (uint32_t)_mm256_movemask_epi8(v);

		if (e) {
			uint32_t before = (e & -e) - 1;
			scan_block32(sp, &st, t & before, h & before, (uint32_t)i);
			return scan_found(i + (size_t)__builtin_ctz(e), &st, sp);
		}
		scan_block32(sp, &st, t, h, (uint32_t)i);
	}
	return scan_finish(s, n, i, &st, sp);
}

/* Sixty-four bytes at a time with AVX-512 (BW for the masks, VBMI2 for
 * vpcompressw): the offsets of a block's TABs come from compressing the
 * numbers 0..31 of each half under its mask, four stores a block instead
 * of eight table reads and stores. */
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi2,popcnt"))) GEO_STATIC size_t
gdelt_scan_avx512(void *spv, const char *s, size_t n)
{
	const __m512i tab = _mm512_set1_epi8('\t'), nl = _mm512_set1_epi8('\n');
	const __m512i iota = _mm512_set_epi16(31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15,
					      14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
	gdelt_split *sp = spv;
	size_t i = 0, nt = 0;
	uint32_t last = 0;
	uint64_t high = 0;

	for (; i < n; i += 64) {
		/* The last block is loaded under a mask: no byte past n is read. */
		__mmask64 in = n - i >= 64 ? ~(__mmask64)0 : ((__mmask64)1 << (n - i)) - 1;
		__m512i v = _mm512_maskz_loadu_epi8(in, s + i);
		uint64_t t = _mm512_mask_cmpeq_epi8_mask(in, v, tab);
		uint64_t e = _mm512_mask_cmpeq_epi8_mask(in, v, nl);
		uint64_t h = _mm512_movepi8_mask(v);
		unsigned k;

		if (e) {
			uint64_t before = (e & -e) - 1;
			t &= before;
			h &= before;
		}
		if (nt < GDELT_SPLIT_POS) {
			uint32_t *o = &sp->pos[nt];
			const __m512i b0 = _mm512_set1_epi32((int)i), b1 = _mm512_set1_epi32((int)i + 32);
			__m512i c0 = _mm512_maskz_compress_epi16((__mmask32)t, iota);
			__m512i c1 = _mm512_maskz_compress_epi16((__mmask32)(t >> 32), iota);
			unsigned n0 = (unsigned)__builtin_popcount((uint32_t)t);

			_mm512_storeu_si512(o, _mm512_add_epi32(_mm512_cvtepu16_epi32(_mm512_castsi512_si256(c0)), b0));
			_mm512_storeu_si512(o + 16, _mm512_add_epi32(_mm512_cvtepu16_epi32(_mm512_extracti64x4_epi64(c0, 1)), b0));
			_mm512_storeu_si512(o + n0, _mm512_add_epi32(_mm512_cvtepu16_epi32(_mm512_castsi512_si256(c1)), b1));
			_mm512_storeu_si512(o + n0 + 16,
					    _mm512_add_epi32(_mm512_cvtepu16_epi32(_mm512_extracti64x4_epi64(c1, 1)), b1));
		}
		nt += (size_t)__builtin_popcountll(t);
		k = t ? 63 - (unsigned)__builtin_clzll(t) : 0;
		last = t ? (uint32_t)i + k : last;
		high = t ? h & ~((2ull << k) - 1) : high | h; /* k = 63: 2 << 63 is 0, none past */
		if (e || n - i <= 64) {
			sp->ntabs = nt;
			sp->last = last;
			sp->ascii = high == 0;
			return e ? i + (size_t)__builtin_ctzll(e) : n;
		}
	}
	sp->ntabs = nt;
	sp->last = last;
	sp->ascii = true;
	return n;
}

GEO_STATIC bool gdelt_have_avx512(void)
{
	return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
	       __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vbmi2");
}

GEO_STATIC bool gdelt_have_avx2(void)
{
	return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
}

#endif

/* ------------------------------------------------------------------ */
/* Decompression: read functions for geo_lines                         */

static ssize_t read_plain(void *ctx, void *buf, size_t n)
{
	return geo_stream_read(ctx, buf, n);
}

#define ZIN_SIZE 65536

static ssize_t read_gzip(void *ctx, void *buf, size_t n)
{
	geo_reader *r = ctx;
	z_stream *z = &r->z;

	if (n > UINT_MAX)
		n = UINT_MAX;
	z->next_out = buf;
	z->avail_out = (uInt)n;
	while (z->avail_out == n) {
		int zr;

		if (z->avail_in == 0 && !r->z_in_eof) {
			ssize_t got = geo_stream_read(r->ctx->stream, r->zin, ZIN_SIZE);
			if (got < 0)
				return -1;
			if (got == 0)
				r->z_in_eof = true;
			z->next_in = r->zin;
			z->avail_in = (uInt)got;
		}
		if (r->z_member_done) {
			if (z->avail_in == 0 && r->z_in_eof)
				return 0;
			/* Another gzip member follows (as `cat a.gz b.gz` makes). */
			if (inflateReset(z) != Z_OK)
				goto corrupt;
			r->z_member_done = false;
		}
		if (z->avail_in == 0 && r->z_in_eof) {
			snprintf(r->dataerr, sizeof r->dataerr, "truncated gzip data (unexpected end of file)");
			errno = EIO;
			return -1;
		}
		zr = inflate(z, Z_NO_FLUSH);
		if (zr == Z_STREAM_END) {
			r->z_member_done = true;
		} else if (zr == Z_MEM_ERROR) {
			errno = ENOMEM;
			return -1;
		} else if (zr != Z_OK && zr != Z_BUF_ERROR) {
			goto corrupt;
		}
	}
	return (ssize_t)(n - z->avail_out);
corrupt:
	snprintf(r->dataerr, sizeof r->dataerr, "corrupt gzip data: %s", z->msg ? z->msg : "inflate failed");
	errno = EIO;
	return -1;
}

static ssize_t read_zip(void *ctx, void *buf, size_t n)
{
	geo_reader *r = ctx;
	zip_int64_t got = r->zip.zip_fread(r->zf, buf, n);

	if (got < 0) {
		snprintf(r->dataerr, sizeof r->dataerr, "corrupt zip data: %s", r->zip.zip_file_strerror(r->zf));
		errno = EIO;
		return -1;
	}
	return (ssize_t)got;
}

/* libzip's sonames: Debian 12's, newer releases', and the development
 * link. */
static const char *const zip_sonames[] = {"libzip.so.4", "libzip.so.5", "libzip.so"};

static geo_err load_zip(geo_reader *r, geo_error *err)
{
	static const struct {
		const char *name;
		size_t offset;
	} syms[] = {
#define SYM(name) {#name, offsetof(struct zip_api, name)}
		SYM(zip_open),       SYM(zip_error_init_with_code), SYM(zip_error_strerror),
		SYM(zip_error_fini), SYM(zip_get_num_entries),      SYM(zip_get_name),
		SYM(zip_stat_index), SYM(zip_fopen_index),          SYM(zip_strerror),
		SYM(zip_fread),      SYM(zip_file_strerror),        SYM(zip_fclose),
		SYM(zip_discard),
#undef SYM
	};
	struct zip_api *api = &r->zip;

	for (size_t i = 0; i < sizeof zip_sonames / sizeof *zip_sonames && !api->handle; i++)
		api->handle = dlopen(zip_sonames[i], RTLD_NOW | RTLD_LOCAL);
	if (!api->handle)
		return geo_error_set(err, GEO_EUNSUPPORTED,
				     "%s: reading a zip archive needs libzip, which cannot be loaded: %s",
				     r->ctx->path, dlerror());
	for (size_t i = 0; i < sizeof syms / sizeof *syms; i++) {
		void *sym = dlsym(api->handle, syms[i].name);
		if (!sym)
			return geo_error_set(err, GEO_EUNSUPPORTED, "%s: the libzip found has no %s", r->ctx->path,
					     syms[i].name);
		/* POSIX: a function's address fits in a void *. */
		memcpy((char *)api + syms[i].offset, &sym, sizeof sym);
	}
	return GEO_OK;
}

static geo_err open_zip(geo_reader *r, geo_error *err)
{
	geo_err rc;

	const char *path = r->ctx->path;
	zip_int64_t n, member = -1, files = 0;
	zip_stat_t st;
	int zerr = 0;

	/* libzip reads the central directory at the end of the file, which a
	 * pipe cannot give. */
	if (strcmp(path, "<stdin>") == 0)
		return geo_error_set(err, GEO_EUNSUPPORTED,
				     "%s: a zip archive cannot be read from standard input; "
				     "give its path, or pipe `unzip -p FILE` instead", path);
	if ((rc = load_zip(r, err)) != GEO_OK)
		return rc;
	if (!(r->za = r->zip.zip_open(path, ZIP_RDONLY, &zerr))) {
		zip_error_t ze;
		r->zip.zip_error_init_with_code(&ze, zerr);
		rc = geo_error_set(err, zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ ? GEO_EIO : GEO_EDATA,
				   "%s: not a readable zip archive: %s", path, r->zip.zip_error_strerror(&ze));
		r->zip.zip_error_fini(&ze);
		return rc;
	}
	n = r->zip.zip_get_num_entries(r->za, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = r->zip.zip_get_name(r->za, (zip_uint64_t)i, 0);
		size_t len = name ? strlen(name) : 0;
		if (len > 0 && name[len - 1] == '/')
			continue; /* a directory entry */
		files++;
		member = i;
	}
	if (files != 1)
		return geo_error_set(err, GEO_EDATA,
				     "%s: zip archive holds %lld files; a GDELT export archive holds one",
				     path, (long long)files);
	if (r->zip.zip_stat_index(r->za, (zip_uint64_t)member, 0, &st) == 0 && (st.valid & ZIP_STAT_COMP_SIZE))
		r->zip_comp_size = st.comp_size;
	if (!(r->zf = r->zip.zip_fopen_index(r->za, (zip_uint64_t)member, 0)))
		return geo_error_set(err, GEO_EDATA, "%s: cannot read the archive's file: %s", path,
				     r->zip.zip_strerror(r->za));
	r->lines.read = read_zip;
	r->lines.ctx = r;
	return GEO_OK;
}

static void gdelt_close(geo_reader *r)
{
	if (!r)
		return;
	if (r->zf) {
		r->zip.zip_fclose(r->zf);
		/* The source counts what it read from the stream; a zip is read
		 * by libzip, so count the member's compressed bytes here. */
		r->ctx->stats->bytes += (size_t)r->zip_comp_size;
	}
	if (r->za)
		r->zip.zip_discard(r->za);
	if (r->zip.handle)
		dlclose(r->zip.handle);
	if (r->z_ready)
		inflateEnd(&r->z);
	free(r->zin);
	free(r->relcache);
	geo_buf_free(&r->url);
	geo_lines_free(&r->lines);
	free(r);
}

static geo_err gdelt_open(geo_reader **out, geo_reader_ctx *ctx, geo_error *err)
{
	geo_reader *r = NULL;
	const unsigned char *head;
	ssize_t n;
	geo_err rc = GEO_OK;

	*out = NULL;
	if (!ctx->opts->dict)
		return geo_error_set(err, GEO_EUSAGE,
				     "%s: GDELT input needs a dictionary (for relation labels)", ctx->path);
	if (!(r = calloc(1, sizeof *r))) {
		rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
		goto out;
	}
	r->ctx = ctx;
	geo_event_init(&r->ev);
	if (!(r->relcache = calloc(RELCACHE_SIZE, sizeof *r->relcache))) {
		rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
		goto out;
	}
	n = geo_stream_peek(ctx->stream, &head, 4);
	if (n < 0) {
		rc = geo_error_set(err, GEO_EIO, "%s: read failed: %s", ctx->path, strerror(errno));
		goto out;
	}
	if (n >= 4 && memcmp(head, "PK\3\4", 4) == 0) {
		rc = open_zip(r, err);
	} else if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b) {
		if (!(r->zin = malloc(ZIN_SIZE))) {
			rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
			goto out;
		}
		/* 16 + MAX_WBITS: gzip wrapper only. */
		if (inflateInit2(&r->z, 16 + MAX_WBITS) != Z_OK) {
			rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
			goto out;
		}
		r->z_ready = true;
		r->lines.read = read_gzip;
		r->lines.ctx = r;
	} else if (!geo_lines_map(&r->lines, ctx->stream)) {
		r->lines.read = read_plain;
		r->lines.ctx = ctx->stream;
	}
#ifdef GDELT_SSE2
	r->lines.scan = gdelt_have_avx512() ? gdelt_scan_avx512 : gdelt_have_avx2() ? gdelt_scan_avx2 : gdelt_scan_sse2;
#else
	r->lines.scan = gdelt_scan_scalar;
#endif
	r->lines.sctx = &r->split;
out:
	if (rc != GEO_OK) {
		gdelt_close(r);
		return rc;
	}
	*out = r;
	return GEO_OK;
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */


/*
 * The relation of an EventCode (2 to 4 digits), through a table with one
 * slot per code: slots 0-99 for 2-digit codes, 100-1099 for 3-digit,
 * 1100-11099 for 4-digit.  A slot is NULL until its code is looked up in
 * the dictionary, then the relation or &no_relation.  GDELT uses a few
 * hundred codes, and the dictionary's lookup hashes and may try three
 * keys: this is one array read.
 */
static const geo_relation_info no_relation;

static const geo_relation_info *relation_of(geo_reader *r, const char *code, size_t n)
{
	size_t v = 0;
	const geo_relation_info **c;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (size_t)(code[i] - '0');
	c = &r->relcache[(n == 2 ? 0 : n == 3 ? 100 : 1100) + v];
	if (!*c) {
		const geo_relation_info *rel = geo_dict_relation_by_cameo(r->ctx->opts->dict, code);
		*c = rel ? rel : &no_relation;
	}
	return *c == &no_relation ? NULL : *c;
}

/* strcmp(x, y) == 0 for actor ids, a few bytes long and mostly unequal
 * from the first: a call to strcmp was 2.5% of `stats`. */
static inline bool same_id(const char *x, const char *y)
{
	while (*x && *x == *y) {
		x++;
		y++;
	}
	return *x == *y;
}

/* Outcome of one row: an event, a row to skip quietly, or a malformed row
 * (with its message in msg). */
enum row { ROW_EVENT, ROW_NO_ACTORS, ROW_MALFORMED, ROW_COLUMNS, ROW_NOMEM };

static enum row parse_row(geo_reader *r, const char *line, size_t len, char *msg, size_t msglen)
{
	const gdelt_split *sp = &r->split;
	size_t nf;
	const geo_relation_info *rel;
	geo_event *ev = &r->ev;
	enum gdelt_resolved a1, a2;

	nf = sp->ntabs + 1;
	if (nf != 57 && nf != 58 && nf != 61) {
		snprintf(msg, msglen, "%zu column%s; a GDELT export row has 57, 58 or 61", nf,
			 nf == 1 ? "" : "s");
		return ROW_COLUMNS;
	}
	/* Column k of the row (k <= COL_MENTIONS; the row has 57 or more). */
#define F(k) (line + ((k) ? sp->pos[(k) - 1] + 1 : 0))
#define FL(k) (sp->pos[k] - ((k) ? sp->pos[(k) - 1] + 1 : 0))

	/* The event was initialised once, when the reader opened; here every
	 * field a row sets is set again (the URL below, or NULL), so no
	 * value of an earlier row survives into this one. */
	ev->url = NULL;
	if (!gdelt_all_digits(F(COL_ID), FL(COL_ID)) || FL(COL_ID) >= sizeof r->doc) {
		snprintf(msg, msglen, "GLOBALEVENTID is not an event number: \"%.*s\"",
			 (int)(FL(COL_ID) < 40 ? FL(COL_ID) : 40), F(COL_ID));
		return ROW_MALFORMED;
	}
	memcpy(r->doc, F(COL_ID), FL(COL_ID));
	r->doc[FL(COL_ID)] = '\0';
	ev->doc = r->doc;
	if (!gdelt_parse_date(F(COL_SQLDATE), FL(COL_SQLDATE), ev->date)) {
		snprintf(msg, msglen, "SQLDATE is not a date YYYYMMDD: \"%.*s\"",
			 (int)(FL(COL_SQLDATE) < 40 ? FL(COL_SQLDATE) : 40), F(COL_SQLDATE));
		return ROW_MALFORMED;
	}
	if (FL(COL_EVENTCODE) < 2 || FL(COL_EVENTCODE) > 4 ||
	    !gdelt_all_digits(F(COL_EVENTCODE), FL(COL_EVENTCODE))) {
		snprintf(msg, msglen, "EventCode is not a CAMEO event code: \"%.*s\"",
			 (int)(FL(COL_EVENTCODE) < 40 ? FL(COL_EVENTCODE) : 40), F(COL_EVENTCODE));
		return ROW_MALFORMED;
	}
	memcpy(r->cameo, F(COL_EVENTCODE), FL(COL_EVENTCODE));
	r->cameo[FL(COL_EVENTCODE)] = '\0';
	ev->cameo = r->cameo;
	if (FL(COL_QUAD) != 1 || F(COL_QUAD)[0] < '1' || F(COL_QUAD)[0] > '4') {
		snprintf(msg, msglen, "QuadClass is not 1, 2, 3 or 4: \"%.*s\"",
			 (int)(FL(COL_QUAD) < 40 ? FL(COL_QUAD) : 40), F(COL_QUAD));
		return ROW_MALFORMED;
	}
	ev->quad = F(COL_QUAD)[0] - '0';
	if (!gdelt_parse_goldstein(F(COL_GOLDSTEIN), FL(COL_GOLDSTEIN), &ev->goldstein)) {
		snprintf(msg, msglen, "GoldsteinScale is not a number in -10..10: \"%.*s\"",
			 (int)(FL(COL_GOLDSTEIN) < 40 ? FL(COL_GOLDSTEIN) : 40), F(COL_GOLDSTEIN));
		return ROW_MALFORMED;
	}
	if (!parse_count(F(COL_MENTIONS), FL(COL_MENTIONS), &ev->weight)) {
		snprintf(msg, msglen, "NumMentions is not a count: \"%.*s\"",
			 (int)(FL(COL_MENTIONS) < 40 ? FL(COL_MENTIONS) : 40), F(COL_MENTIONS));
		return ROW_MALFORMED;
	}

	a1 = gdelt_resolve_actor(F(COL_A1CODE), FL(COL_A1CODE), F(COL_A1COUNTRY), FL(COL_A1COUNTRY),
				 F(COL_A1GROUP), FL(COL_A1GROUP), r->source_id, &ev->source.id,
				 &ev->source.type);
	a2 = gdelt_resolve_actor(F(COL_A2CODE), FL(COL_A2CODE), F(COL_A2COUNTRY), FL(COL_A2COUNTRY),
				 F(COL_A2GROUP), FL(COL_A2GROUP), r->target_id, &ev->target.id,
				 &ev->target.type);
	if (a1 > GDELT_ACTOR_OK || a2 > GDELT_ACTOR_OK) {
		static const char *const cols[] = {
			[GDELT_ACTOR_BAD_CODE] = "Code", [GDELT_ACTOR_BAD_COUNTRY] = "CountryCode",
			[GDELT_ACTOR_BAD_GROUP] = "KnownGroupCode",
		};
		snprintf(msg, msglen, "Actor%d%s is not a CAMEO code", a1 > GDELT_ACTOR_OK ? 1 : 2,
			 cols[a1 > GDELT_ACTOR_OK ? a1 : a2]);
		return ROW_MALFORMED;
	}
	if (a1 != GDELT_ACTOR_OK || a2 != GDELT_ACTOR_OK || same_id(ev->source.id, ev->target.id))
		return ROW_NO_ACTORS;

	/* Only rows that become events pay for the relation lookup and the
	 * URL check. */
	rel = relation_of(r, r->cameo, FL(COL_EVENTCODE));
	if (!rel) {
		snprintf(msg, msglen, "EventCode %s has no relation in the taxonomy", r->cameo);
		return ROW_MALFORMED;
	}
	ev->relation = rel->label;
	if (nf >= 58) {
		/* The last column, after the last TAB (before a CR: the
		 * scan saw the line with it, len does not count it). */
		const char *url = line + sp->last + 1;
		size_t url_len = len - (sp->last + 1);
		if (url_len > 0 && !sp->ascii && !geo_utf8_valid(url, url_len)) {
			snprintf(msg, msglen, "SOURCEURL is not valid UTF-8");
			return ROW_MALFORMED;
		}
		if (url_len > 0 && r->lines.map_stream) {
			/* A mapped line has no NUL after it: a copy that has. */
			geo_buf_reset(&r->url);
			if (geo_buf_append(&r->url, url, url_len) != GEO_OK)
				return ROW_NOMEM;
			url = r->url.data;
		}
		ev->url = url_len > 0 ? url : NULL;
	}
	return ROW_EVENT;
#undef F
#undef FL
}

static geo_err gdelt_next(geo_reader *r, const geo_event **out, geo_error *err)
{
	geo_reader_ctx *ctx = r->ctx;

	*out = NULL;
	for (;;) {
		const char *line;
		size_t len;
		char msg[200];
		geo_err rc;

		rc = geo_lines_next(&r->lines, &line, &len, err);
		if (rc == GEO_ELIMIT) {
			rc = geo_reader_skip(ctx, GEO_SKIP_TOO_LONG, r->lines.lineno, err,
					     "line longer than %u bytes", GEO_MAX_LINE);
			if (rc != GEO_OK)
				return rc;
			continue;
		}
		if (rc != GEO_OK) {
			char why[GEO_ERRMSG_MAX];
			if (r->dataerr[0])
				return geo_error_set(err, GEO_EDATA, "%s: %s", ctx->path, r->dataerr);
			snprintf(why, sizeof why, "%s", err ? err->msg : "read failed");
			return geo_error_set(err, rc, "%s: %s", ctx->path, why);
		}
		if (!line)
			return GEO_OK;
		if (len == 0)
			continue; /* a blank line holds no row */
		ctx->stats->records++;
		ctx->stats->documents++;
		switch (parse_row(r, line, len, msg, sizeof msg)) {
		case ROW_EVENT:
			*out = &r->ev;
			return GEO_OK;
		case ROW_NO_ACTORS:
			ctx->stats->skipped[GEO_SKIP_ONE_ACTOR]++;
			break;
		case ROW_COLUMNS:
			rc = geo_reader_skip(ctx, GEO_SKIP_COLUMNS, r->lines.lineno, err, "%s", msg);
			if (rc != GEO_OK)
				return rc;
			break;
		case ROW_MALFORMED:
			rc = geo_reader_skip(ctx, GEO_SKIP_MALFORMED, r->lines.lineno, err, "%s", msg);
			if (rc != GEO_OK)
				return rc;
			break;
		case ROW_NOMEM:
			return geo_error_set(err, GEO_ENOMEM, "out of memory");
		}
	}
}

const geo_reader_ops geo_gdelt_reader_ops = {
	.name = "gdelt",
	.open = gdelt_open,
	.next = gdelt_next,
	.close = gdelt_close,
};
