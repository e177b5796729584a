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
#define _GNU_SOURCE /* memrchr */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

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

struct geo_reader {
	geo_reader_ctx *ctx;
	geo_lines lines;
	char dataerr[256]; /* why the decompressor failed, for the message */
	/* gzip */
	z_stream z;
	bool z_ready, z_member_done, z_in_eof;
	unsigned char *zin;
	/* zip */
	zip_t *za;
	zip_file_t *zf;
	zip_uint64_t zip_comp_size;
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

struct code_map {
	char code[4];
	const char *id;
};

/* CAMEO known-group and IGO codes of the organisations that have one of
 * the project's fixed ids.  Sorted by code for bsearch. */
static const struct code_map gdelt_orgs[] = {
	{"ADB", "ADB"},    {"AFU", "AU"},   {"ARL", "ARABLEAGUE"}, {"ASN", "ASEAN"},
	{"CIS", "CIS"},    {"COE", "COE"},  {"EBR", "EBRD"},       {"EEC", "EU"},
	{"FAO", "FAO"},    {"GCC", "GCC"},  {"HCR", "UNHCR"},      {"IAE", "IAEA"},
	{"ICC", "ICC"},    {"ICJ", "ICJ"},  {"ILO", "ILO"},        {"IMF", "IMF"},
	{"IOM", "IOM"},    {"ITP", "INTERPOL"}, {"KID", "UNICEF"}, {"NAT", "NATO"},
	{"OAS", "OAS"},    {"OIC", "OIC"},  {"OPC", "OPEC"},       {"UNO", "UN"},
	{"WAS", "ECOWAS"}, {"WBK", "WB"},   {"WFP", "WFP"},        {"WHO", "WHO"},
	{"WTO", "WTO"},
};

/* CAMEO country codes that are not the ISO 3166 alpha-3 code of the same
 * actor.  GDELT codes the European Union's actors with EUR. */
static const struct code_map gdelt_countries[] = {
	{"EUR", "EU"},  {"GZS", "PSE"}, {"KSV", "XKX"}, {"ROM", "ROU"},
	{"TMP", "TLS"}, {"WSB", "PSE"}, {"ZAR", "COD"},
};

static int cmp_code(const void *key, const void *elem)
{
	return memcmp(key, ((const struct code_map *)elem)->code, 3);
}

/* The id a 3-letter code maps to in table, or NULL. */
static const char *lookup3(const struct code_map *table, size_t n, const char *code)
{
	const struct code_map *m = bsearch(code, table, n, sizeof *table, cmp_code);
	return m ? m->id : NULL;
}

#define LOOKUP(table, code) lookup3(table, sizeof table / sizeof *table, code)

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

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* YYYYMMDD -> "YYYY-MM-DD" in out[11]; false unless a real calendar date. */
GEO_STATIC bool gdelt_parse_date(const char *s, size_t n, char *out)
{
	static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int year, month, day;

	if (n != 8 || !all_digits(s, n))
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

/* A non-negative count below one billion. */
static bool parse_count(const char *s, size_t n, double *out)
{
	long v = 0;

	if (n == 0 || n > 9 || !all_digits(s, n))
		return false;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	*out = (double)v;
	return true;
}

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
	zip_int64_t got = zip_fread(r->zf, buf, n);

	if (got < 0) {
		snprintf(r->dataerr, sizeof r->dataerr, "corrupt zip data: %s", zip_file_strerror(r->zf));
		errno = EIO;
		return -1;
	}
	return (ssize_t)got;
}

static geo_err open_zip(geo_reader *r, geo_error *err)
{
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
	if (!(r->za = zip_open(path, ZIP_RDONLY, &zerr))) {
		zip_error_t ze;
		geo_err rc;
		zip_error_init_with_code(&ze, zerr);
		rc = geo_error_set(err, zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ ? GEO_EIO : GEO_EDATA,
				   "%s: not a readable zip archive: %s", path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	n = zip_get_num_entries(r->za, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(r->za, (zip_uint64_t)i, 0);
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
	if (zip_stat_index(r->za, (zip_uint64_t)member, 0, &st) == 0 && (st.valid & ZIP_STAT_COMP_SIZE))
		r->zip_comp_size = st.comp_size;
	if (!(r->zf = zip_fopen_index(r->za, (zip_uint64_t)member, 0)))
		return geo_error_set(err, GEO_EDATA, "%s: cannot read the archive's file: %s", path,
				     zip_strerror(r->za));
	r->lines.read = read_zip;
	r->lines.ctx = r;
	return GEO_OK;
}

static void gdelt_close(geo_reader *r)
{
	if (!r)
		return;
	if (r->zf) {
		zip_fclose(r->zf);
		/* The source counts what it read from the stream; a zip is read
		 * by libzip, so count the member's compressed bytes here. */
		r->ctx->stats->bytes += (size_t)r->zip_comp_size;
	}
	if (r->za)
		zip_discard(r->za);
	if (r->z_ready)
		inflateEnd(&r->z);
	free(r->zin);
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
	} else {
		r->lines.read = read_plain;
		r->lines.ctx = ctx->stream;
	}
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

/* The TABs among the 8 bytes at s: bit 7 of each byte of the result is
 * set exactly where s holds a TAB.  A byte of x is zero where s holds a
 * TAB, and adding 0x7F to the low 7 bits of a byte never carries into the
 * next byte. */
static inline uint64_t tab_mask(const char *s)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
	uint64_t x;

	memcpy(&x, s, 8);
	x ^= 0x0909090909090909ULL;
	return ~(((x & low7) + low7) | x | low7);
}

/* The number of TABs in s[0..n), eight bytes at a time. */
GEO_STATIC size_t gdelt_count_tabs(const char *s, size_t n)
{
	size_t count = 0, i = 0;

	for (; i + 8 <= n; i += 8) {
		/* The multiply sums the bytes of mask >> 7 (each 0 or 1) into
		 * the top byte: a popcount without needing the instruction. */
		count += (size_t)(((tab_mask(s + i) >> 7) * 0x0101010101010101ULL) >> 56);
	}
	for (; i < n; i++)
		count += s[i] == '\t';
	return count;
}

/* Outcome of one row: an event, a row to skip quietly, or a malformed row
 * (with its message in msg). */
enum row { ROW_EVENT, ROW_NO_ACTORS, ROW_MALFORMED, ROW_COLUMNS };

static enum row parse_row(geo_reader *r, const char *line, size_t len, char *msg, size_t msglen)
{
	const char *f[NCOLS_MAX];
	size_t fl[NCOLS_MAX];
	size_t nf = 0;
	const char *p = line, *end = line + len;
	const geo_relation_info *rel;
	geo_event *ev = &r->ev;
	enum gdelt_resolved a1, a2;

	/* Split the columns up to NumMentions; past it, only count TABs and
	 * find the last column (SOURCEURL).  Fields are short, so a memchr
	 * per field costs more than scanning eight bytes at a time. */
	f[0] = p;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* On a little-endian machine the lowest set bit of the mask is the
	 * first TAB of the word. */
	while (nf <= COL_MENTIONS && end - p >= 8) {
		uint64_t tabs = tab_mask(p);
		for (; tabs && nf <= COL_MENTIONS; tabs &= tabs - 1) {
			const char *t = p + (__builtin_ctzll(tabs) >> 3);
			fl[nf] = (size_t)(t - f[nf]);
			f[++nf] = t + 1;
		}
		p = nf > COL_MENTIONS ? f[nf] : p + 8;
	}
#endif
	for (; p < end && nf <= COL_MENTIONS; p++) {
		if (*p == '\t') {
			fl[nf] = (size_t)(p - f[nf]);
			f[++nf] = p + 1;
		}
	}
	if (nf <= COL_MENTIONS) {
		fl[nf] = (size_t)(end - f[nf]);
		nf++;
	} else {
		size_t tabs = gdelt_count_tabs(p, (size_t)(end - p));
		if (tabs == 0) {
			fl[nf] = (size_t)(end - f[nf]);
		} else {
			const char *last = memrchr(p, '\t', (size_t)(end - p));
			f[NCOLS_MAX - 1] = last + 1; /* the last column, whatever its index */
		}
		nf += 1 + tabs;
	}
	if (nf != 57 && nf != 58 && nf != 61) {
		snprintf(msg, msglen, "%zu column%s; a GDELT export row has 57, 58 or 61", nf,
			 nf == 1 ? "" : "s");
		return ROW_COLUMNS;
	}

	geo_event_init(ev);
	if (!all_digits(f[COL_ID], fl[COL_ID]) || fl[COL_ID] >= sizeof r->doc) {
		snprintf(msg, msglen, "GLOBALEVENTID is not an event number: \"%.*s\"",
			 (int)(fl[COL_ID] < 40 ? fl[COL_ID] : 40), f[COL_ID]);
		return ROW_MALFORMED;
	}
	memcpy(r->doc, f[COL_ID], fl[COL_ID]);
	r->doc[fl[COL_ID]] = '\0';
	ev->doc = r->doc;
	if (!gdelt_parse_date(f[COL_SQLDATE], fl[COL_SQLDATE], ev->date)) {
		snprintf(msg, msglen, "SQLDATE is not a date YYYYMMDD: \"%.*s\"",
			 (int)(fl[COL_SQLDATE] < 40 ? fl[COL_SQLDATE] : 40), f[COL_SQLDATE]);
		return ROW_MALFORMED;
	}
	if (fl[COL_EVENTCODE] < 2 || fl[COL_EVENTCODE] > 4 ||
	    !all_digits(f[COL_EVENTCODE], fl[COL_EVENTCODE])) {
		snprintf(msg, msglen, "EventCode is not a CAMEO event code: \"%.*s\"",
			 (int)(fl[COL_EVENTCODE] < 40 ? fl[COL_EVENTCODE] : 40), f[COL_EVENTCODE]);
		return ROW_MALFORMED;
	}
	memcpy(r->cameo, f[COL_EVENTCODE], fl[COL_EVENTCODE]);
	r->cameo[fl[COL_EVENTCODE]] = '\0';
	ev->cameo = r->cameo;
	if (fl[COL_QUAD] != 1 || f[COL_QUAD][0] < '1' || f[COL_QUAD][0] > '4') {
		snprintf(msg, msglen, "QuadClass is not 1, 2, 3 or 4: \"%.*s\"",
			 (int)(fl[COL_QUAD] < 40 ? fl[COL_QUAD] : 40), f[COL_QUAD]);
		return ROW_MALFORMED;
	}
	ev->quad = f[COL_QUAD][0] - '0';
	if (!gdelt_parse_decimal(f[COL_GOLDSTEIN], fl[COL_GOLDSTEIN], &ev->goldstein) ||
	    ev->goldstein < -10 || ev->goldstein > 10) {
		snprintf(msg, msglen, "GoldsteinScale is not a number in -10..10: \"%.*s\"",
			 (int)(fl[COL_GOLDSTEIN] < 40 ? fl[COL_GOLDSTEIN] : 40), f[COL_GOLDSTEIN]);
		return ROW_MALFORMED;
	}
	if (!parse_count(f[COL_MENTIONS], fl[COL_MENTIONS], &ev->weight)) {
		snprintf(msg, msglen, "NumMentions is not a count: \"%.*s\"",
			 (int)(fl[COL_MENTIONS] < 40 ? fl[COL_MENTIONS] : 40), f[COL_MENTIONS]);
		return ROW_MALFORMED;
	}

	a1 = gdelt_resolve_actor(f[COL_A1CODE], fl[COL_A1CODE], f[COL_A1COUNTRY], fl[COL_A1COUNTRY],
				 f[COL_A1GROUP], fl[COL_A1GROUP], r->source_id, &ev->source.id,
				 &ev->source.type);
	a2 = gdelt_resolve_actor(f[COL_A2CODE], fl[COL_A2CODE], f[COL_A2COUNTRY], fl[COL_A2COUNTRY],
				 f[COL_A2GROUP], fl[COL_A2GROUP], r->target_id, &ev->target.id,
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
	if (a1 != GDELT_ACTOR_OK || a2 != GDELT_ACTOR_OK || strcmp(ev->source.id, ev->target.id) == 0)
		return ROW_NO_ACTORS;

	/* Only rows that become events pay for the relation lookup and the
	 * URL check. */
	rel = geo_dict_relation_by_cameo(r->ctx->opts->dict, r->cameo);
	if (!rel) {
		snprintf(msg, msglen, "EventCode %s has no relation in the taxonomy", r->cameo);
		return ROW_MALFORMED;
	}
	ev->relation = rel->label;
	if (nf >= 58) {
		const char *url = f[NCOLS_MAX - 1]; /* runs to the line's NUL */
		if (*url && !geo_utf8_valid(url, strlen(url))) {
			snprintf(msg, msglen, "SOURCEURL is not valid UTF-8");
			return ROW_MALFORMED;
		}
		ev->url = *url ? url : NULL;
	}
	return ROW_EVENT;
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
		}
	}
}

const geo_reader_ops geo_gdelt_reader_ops = {
	.name = "gdelt",
	.open = gdelt_open,
	.next = gdelt_next,
	.close = gdelt_close,
};
