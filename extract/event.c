/* event.c - the event type: names of its enums and the JSON Lines writer. */
#include <errno.h>
#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "extract_internal.h"

static const char *const modality_names[] = {
	[GEO_MOD_ASSERTED] = "asserted",   [GEO_MOD_PLANNED] = "planned",
	[GEO_MOD_THREATENED] = "threatened", [GEO_MOD_REPORTED] = "reported",
	[GEO_MOD_HYPOTHETICAL] = "hypothetical",
};

const char *geo_modality_name(geo_modality m)
{
	if ((unsigned)m >= sizeof modality_names / sizeof *modality_names)
		return NULL;
	return modality_names[m];
}

bool geo_modality_parse(const char *s, geo_modality *out)
{
	for (size_t i = 0; i < sizeof modality_names / sizeof *modality_names; i++) {
		if (strcmp(s, modality_names[i]) == 0) {
			*out = (geo_modality)i;
			return true;
		}
	}
	return false;
}

static const char *const actor_type_names[] = {
	[GEO_ACTOR_UNKNOWN] = "unknown", [GEO_ACTOR_COUNTRY] = "country",
	[GEO_ACTOR_IGO] = "igo",         [GEO_ACTOR_PERSON] = "person",
	[GEO_ACTOR_INSTITUTION] = "institution", [GEO_ACTOR_GROUP] = "group",
};

const char *geo_actor_type_name(geo_actor_type t)
{
	if ((unsigned)t >= sizeof actor_type_names / sizeof *actor_type_names)
		return "unknown";
	return actor_type_names[t];
}

bool geo_actor_type_parse(const char *s, geo_actor_type *out)
{
	for (size_t i = 0; i < sizeof actor_type_names / sizeof *actor_type_names; i++) {
		if (strcmp(s, actor_type_names[i]) == 0) {
			*out = (geo_actor_type)i;
			return true;
		}
	}
	return false;
}

/* "2025-02-31" is a typo, not a day: the GDELT reader holds SQLDATE to the
 * same rule. */
bool geo_date_valid(const char *s)
{
	static const char shape[] = "dddd-dd-dd";
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int year, month, day;
	bool leap;

	if (strlen(s) != 10)
		return false;
	for (int i = 0; i < 10; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != '-')
			return false;
	year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	month = (s[5] - '0') * 10 + (s[6] - '0');
	day = (s[8] - '0') * 10 + (s[9] - '0');
	if (month < 1 || month > 12 || day < 1)
		return false;
	leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return day <= days[month - 1] + (month == 2 && leap);
}

void geo_event_init(geo_event *ev)
{
	memset(ev, 0, sizeof *ev);
	ev->sent = -1;
	ev->weight = 1.0;
}

/*
 * The JSON Lines writer.
 *
 * Each line is written straight into a buffer, in the bytes jansson 2.14
 * gives for the same object dumped with JSON_PRESERVE_ORDER |
 * JSON_COMPACT | JSON_REAL_PRECISION(15) after being built in sorted key
 * order (what this writer did until it wrote the bytes itself): no spaces,
 * keys in strcmp order, strings escaped as jansson escapes them, reals as
 * "%.15g" with ".0" added to whole numbers.  On event-dense text jansson's
 * dump was half of `geograph extract`'s time.  Test builds still build
 * each event's jansson object, dump it, and abort on any difference
 * (writer_check() below); tests/unit/test_event_json.c holds the writer to
 * it on adversarial events.
 */

/* The eight-byte word with every byte set to b. */
#define BYTES(b) (UINT64_C(0x0101010101010101) * (b))

/* Non-zero when a byte of w needs an escape: below 0x20, '"' or '\\'.
 * Each term is the usual "has a byte below n / equal to c" test, exact as
 * a yes or no (a borrow only starts at a byte that matches); bytes of 0x80
 * and above, which go out as they are, are masked off by ~w. */
static inline uint64_t needs_escape(uint64_t w)
{
	uint64_t q = w ^ BYTES('"'), b = w ^ BYTES('\\');

	return ((w - BYTES(0x20)) | (q - BYTES(1)) | (b - BYTES(1))) & ~w & BYTES(0x80);
}

/* The last r (1 to 7) bytes of s (n bytes) in the low bytes of a word
 * (little-endian: in memory order), the others zero: from one load of
 * the last eight when the string is that long, else a byte at a time. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
static inline uint64_t tail_word(const char *s, size_t n, size_t r)
{
	uint64_t w = 0;

	if (n >= 8) {
		memcpy(&w, s + n - 8, 8);
		return w >> (8 * (8 - r));
	}
	for (size_t k = 0; k < r; k++)
		w |= (uint64_t)(unsigned char)s[n - r + k] << (8 * k);
	return w;
}
#endif

/* Writes s (n bytes) at o as a JSON string, as jansson's dump_string()
 * does without JSON_ENSURE_ASCII or JSON_ESCAPE_SLASH: '"' and '\\'
 * escaped, the controls with a short escape where JSON has one and
 * \u00XX (upper-case hex) otherwise, everything else (DEL, '/', U+2028,
 * any non-ASCII) as it is.  Checks the UTF-8 on the way (one pass, not a
 * check and then a copy): returns NULL at the first invalid sequence.
 * Writes at most 6 n + 2 bytes and returns their end; may also store
 * scratch up to seven bytes past that end (the caller keeps room). */
static char *put_string(char *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i = 0;

	*o++ = '"';
	while (i < n) {
		size_t end;
		for (; i + 8 <= n; i += 8) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (needs_escape(w) | (w & BYTES(0x80)))
				break;
			memcpy(o, s + i, 8);
			o += 8;
		}
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		if (i < n && i + 8 > n) {
			/* The last one to seven bytes as one word: a short string
			 * (an id, a code) or the end of a longer one.  Bytes past
			 * the string stand in as 'a', which needs nothing, and
			 * the whole word is stored: up to seven bytes past the
			 * string's end, inside the 1024 spare bytes the line's
			 * buffer keeps (geo_event_writer_write()). */
			size_t r = n - i;
			uint64_t w = tail_word(s, n, r) | (BYTES('a') << (8 * r));
			if (!(needs_escape(w) | (w & BYTES(0x80)))) {
				memcpy(o, &w, 8);
				o += r;
				break;
			}
		}
#endif
		/* Byte by byte up to the end of the word that stopped the
		 * run (a character may reach past it). */
		end = i + 8 < n ? i + 8 : n;
		while (i < end) {
			unsigned char c = (unsigned char)s[i];
			if (c >= 0x80) {
				size_t k = geo_utf8_decode((const unsigned char *)s + i, n - i, NULL);
				if (!k)
					return NULL;
				memcpy(o, s + i, k);
				o += k;
				i += k;
				continue;
			}
			i++;
			if (c >= 0x20 && c != '"' && c != '\\') {
				*o++ = (char)c;
				continue;
			}
			*o++ = '\\';
			switch (c) {
			case '"': *o++ = '"'; break;
			case '\\': *o++ = '\\'; break;
			case '\b': *o++ = 'b'; break;
			case '\f': *o++ = 'f'; break;
			case '\n': *o++ = 'n'; break;
			case '\r': *o++ = 'r'; break;
			case '\t': *o++ = 't'; break;
			default:
				memcpy(o, "u00", 3);
				o[3] = hex[c >> 4];
				o[4] = hex[c & 15];
				o += 5;
			}
		}
	}
	*o++ = '"';
	return o;
}

/* v in decimal at o; returns the end (at most 20 bytes).  Two digits a
 * step, written from the end, which the digit count gives first: no copy
 * of a variable length (a call) for the spans and sentence numbers of
 * every event. */
static char *put_uint(char *o, unsigned long long v)
{
	static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
				    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
				    "8081828384858687888990919293949596979899";
	size_t len = 1;
	char *p;

	for (unsigned long long t = v; t >= 10; t /= 10)
		len++;
	p = o + len;
	while (v >= 100) {
		unsigned d = (unsigned)(v % 100) * 2;
		v /= 100;
		*--p = pairs[d + 1];
		*--p = pairs[d];
	}
	if (v >= 10) {
		*--p = pairs[v * 2 + 1];
		*--p = pairs[v * 2];
	} else {
		*--p = (char)('0' + v);
	}
	return o + len;
}

/* v as "%lld" writes it; returns the end (at most 20 bytes). */
static char *put_int(char *o, long long v)
{
	if (v < 0) {
		*o++ = '-';
		return put_uint(o, 0ULL - (unsigned long long)v);
	}
	return put_uint(o, (unsigned long long)v);
}

/* The longest real geo_json_real() writes, with its NUL: "%.15g" gives at
 * most 22 bytes ("-1.23456789012345e-308"). */
#define REAL_MAX 32

/*
 * A finite v at b as jansson's jsonp_dtostr() writes it with precision 15:
 * "%.15g", the locale's decimal point turned into '.', ".0" appended when
 * there is neither '.' nor 'e', and the exponent's '+' and leading zeros
 * dropped.  Returns the length (b holds REAL_MAX bytes; no NUL written on
 * the fast path).
 *
 * Fast path: v the double nearest to k / 10 for an integer k below 10^10
 * (Goldstein scores, mention counts).  Such a decimal has at most 11
 * significant digits, so "%.15g" gives it back exactly, in fixed notation
 * (its exponent is between -1 and 8), with its trailing zeros dropped:
 * "3.4", "-8" (then "-8.0"), "0.5", "-0" for -0.0 (then "-0.0").
 */
GEO_STATIC size_t geo_json_real(char *b, double v);
GEO_STATIC size_t geo_json_real(char *b, double v)
{
	double a = fabs(v);
	char *p = b, *e;
	const char *point;
	int n;

	if (a < 1e9) {
		unsigned long long k = (unsigned long long)(a * 10 + 0.5);
		if ((double)k / 10 == a) {
			if (signbit(v))
				*p++ = '-';
			p = put_uint(p, k / 10);
			*p++ = '.';
			*p++ = (char)('0' + k % 10);
			return (size_t)(p - b);
		}
	}
	n = snprintf(b, REAL_MAX, "%.15g", v);
	if (n < 0 || n >= REAL_MAX - 3)
		n = 0; /* cannot happen for a finite double */
	b[n] = '\0';
	point = localeconv()->decimal_point;
	if (*point != '.' && (p = strchr(b, *point)))
		*p = '.';
	if (!strchr(b, '.') && !strchr(b, 'e')) {
		memcpy(b + n, ".0", 3);
		n += 2;
	}
	if ((e = strchr(b, 'e'))) {
		char *from, *to = e + 1;
		if (*to == '-')
			to++;
		from = e + 2;
		while (*from == '0')
			from++;
		if (from != to) {
			memmove(to, from, strlen(from) + 1);
			n = (int)strlen(b);
		}
	}
	return (size_t)n;
}

#ifdef GEO_TESTING
struct jw;
GEO_STATIC struct jw *geo_event_oracle_new(void);
GEO_STATIC void geo_event_oracle_free(struct jw *j);
static void writer_check(struct jw *j, const geo_event *ev, const char *line, size_t n);
#endif

struct geo_event_writer {
	FILE *fp;
	char *buf; /* the line, kept from event to event */
	size_t cap;
#ifdef GEO_TESTING
	struct jw *oracle; /* jansson's line for each event */
#endif
};

geo_err geo_event_writer_new(geo_event_writer **out, FILE *fp, geo_error *err)
{
	geo_event_writer *w = calloc(1, sizeof *w);

	*out = NULL;
	if (!w || !(w->buf = malloc(1024))) {
		geo_event_writer_free(w);
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	}
	w->cap = 1024;
	w->fp = fp;
#ifdef GEO_TESTING
	if (!(w->oracle = geo_event_oracle_new())) {
		geo_event_writer_free(w);
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	}
#endif
	*out = w;
	return GEO_OK;
}

void geo_event_writer_free(geo_event_writer *w)
{
	if (!w)
		return;
#ifdef GEO_TESTING
	geo_event_oracle_free(w->oracle);
#endif
	free(w->buf);
	free(w);
}

/* The string values of an event, in key order: NULL for an absent key. */
enum { W_CAMEO, W_DATE, W_DOC, W_EVIDENCE, W_MODALITY, W_RELATION, W_SOURCE, W_SOURCE_AFF,
       W_SOURCE_LABEL, W_SOURCE_TYPE, W_TARGET, W_TARGET_AFF, W_TARGET_LABEL, W_TARGET_TYPE,
       W_URL, W_VIA, W_NSTR };

/* Appends ,"KEY": (a string literal) at p. */
#define PUT_KEY(p, lit)                                      \
	do {                                                 \
		memcpy((p), ",\"" lit "\":", sizeof(lit) + 3); \
		(p) += sizeof(lit) + 3;                      \
	} while (0)

/* Appends ,"KEY":"value" when string i is present; to invalid when it
 * is not UTF-8. */
#define PUT_STR(p, lit, i)                                              \
	do {                                                            \
		if (s[i]) {                                             \
			PUT_KEY(p, lit);                                \
			if (!((p) = put_string((p), s[i], len[i])))     \
				goto invalid;                           \
		}                                                       \
	} while (0)

/* Appends a span's ,"KEY":[start,end] when it is not empty. */
static char *put_span(char *p, const char *key, size_t klen, geo_span sp)
{
	if (sp.start == sp.end)
		return p;
	*p++ = ',';
	memcpy(p, key, klen);
	p += klen;
	*p++ = '[';
	p = put_uint(p, sp.start);
	*p++ = ',';
	p = put_uint(p, sp.end);
	*p++ = ']';
	return p;
}

geo_err geo_event_writer_write(geo_event_writer *w, const geo_event *ev, geo_error *err)
{
	const char *s[W_NSTR];
	size_t len[W_NSTR], need = 1024;
	char *p;
	size_t n;

	if (!ev->source.id || !ev->target.id || !ev->relation)
		return geo_error_set(err, GEO_EDATA, "event without source, target or relation");
	if (!isfinite(ev->goldstein) || !isfinite(ev->weight))
		return geo_error_set(err, GEO_EDATA, "event with a non-finite number");
	s[W_CAMEO] = ev->cameo;
	s[W_DATE] = ev->date[0] ? ev->date : NULL;
	s[W_DOC] = ev->doc;
	s[W_EVIDENCE] = ev->evidence;
	s[W_MODALITY] = geo_modality_name(ev->modality);
	s[W_RELATION] = ev->relation;
	s[W_SOURCE] = ev->source.id;
	s[W_SOURCE_AFF] = ev->source.affiliation;
	s[W_SOURCE_LABEL] = ev->source.label;
	s[W_SOURCE_TYPE] = ev->source.type != GEO_ACTOR_UNKNOWN ? geo_actor_type_name(ev->source.type) : NULL;
	s[W_TARGET] = ev->target.id;
	s[W_TARGET_AFF] = ev->target.affiliation;
	s[W_TARGET_LABEL] = ev->target.label;
	s[W_TARGET_TYPE] = ev->target.type != GEO_ACTOR_UNKNOWN ? geo_actor_type_name(ev->target.type) : NULL;
	s[W_URL] = ev->url;
	s[W_VIA] = ev->via;
	for (int i = 0; i < W_NSTR; i++) {
		if (!s[i])
			continue;
		len[i] = strlen(s[i]);
		/* An escape takes at most six bytes for one. */
		if (len[i] > (SIZE_MAX - need) / 6 - 2)
			return geo_error_set(err, GEO_ENOMEM, "out of memory");
		need += 6 * len[i] + 2;
	}
	/* Keys, punctuation and numbers take less than 1024 bytes. */
	if (need > w->cap) {
		size_t cap = w->cap;
		char *nb;
		while (cap < need)
			cap = cap > SIZE_MAX / 2 ? need : cap * 2;
		if (!(nb = realloc(w->buf, cap)))
			return geo_error_set(err, GEO_ENOMEM, "out of memory");
		w->buf = nb;
		w->cap = cap;
	}

	/* Every key is written with a comma before it; the first comma
	 * becomes the brace ("goldstein" is always there). */
	p = w->buf;
	PUT_STR(p, "cameo", W_CAMEO);
	PUT_STR(p, "date", W_DATE);
	PUT_STR(p, "doc", W_DOC);
	PUT_STR(p, "evidence", W_EVIDENCE);
	PUT_KEY(p, "goldstein");
	p += geo_json_real(p, ev->goldstein);
	PUT_STR(p, "modality", W_MODALITY);
	if (ev->negated) {
		memcpy(p, ",\"negated\":true", 15);
		p += 15;
	} else {
		memcpy(p, ",\"negated\":false", 16);
		p += 16;
	}
	if (ev->quad) {
		PUT_KEY(p, "quad");
		p = put_int(p, ev->quad);
	}
	PUT_STR(p, "relation", W_RELATION);
	if (ev->sent >= 0) {
		PUT_KEY(p, "sent");
		p = put_int(p, ev->sent);
	}
	PUT_STR(p, "source", W_SOURCE);
	PUT_STR(p, "source_affiliation", W_SOURCE_AFF);
	PUT_STR(p, "source_label", W_SOURCE_LABEL);
	PUT_STR(p, "source_type", W_SOURCE_TYPE);
	/* Spans locate the evidence: none without it. */
	if (ev->evidence && (ev->span_source.start != ev->span_source.end ||
			     ev->span_target.start != ev->span_target.end ||
			     ev->span_trigger.start != ev->span_trigger.end)) {
		char *first;
		PUT_KEY(p, "span");
		first = p;
		p = put_span(p, "\"source\":", 9, ev->span_source);
		p = put_span(p, "\"target\":", 9, ev->span_target);
		p = put_span(p, "\"trigger\":", 10, ev->span_trigger);
		*first = '{';
		*p++ = '}';
	}
	PUT_STR(p, "target", W_TARGET);
	PUT_STR(p, "target_affiliation", W_TARGET_AFF);
	PUT_STR(p, "target_label", W_TARGET_LABEL);
	PUT_STR(p, "target_type", W_TARGET_TYPE);
	PUT_STR(p, "url", W_URL);
	PUT_STR(p, "via", W_VIA);
	if (ev->weight != 1.0) {
		PUT_KEY(p, "weight");
		p += geo_json_real(p, ev->weight);
	}
	*p++ = '}';
	w->buf[0] = '{';
	n = (size_t)(p - w->buf);
#ifdef GEO_TESTING
	writer_check(w->oracle, ev, w->buf, n);
#endif
	*p = '\n';
	if (fwrite(w->buf, 1, n + 1, w->fp) != n + 1)
		return geo_error_set(err, GEO_EIO, "write failed: %s", strerror(errno));
	return GEO_OK;
invalid:
#ifdef GEO_TESTING
	writer_check(w->oracle, ev, NULL, 0);
#endif
	return geo_error_set(err, GEO_EDATA, "event in %s holds text that is not valid UTF-8",
			     ev->doc ? ev->doc : "(no document)");
}

geo_err geo_event_write_json(FILE *fp, const geo_event *ev, geo_error *err)
{
	geo_event_writer *w = NULL;
	geo_err rc = geo_event_writer_new(&w, fp, err);

	if (rc == GEO_OK)
		rc = geo_event_writer_write(w, ev, err);
	geo_event_writer_free(w);
	return rc;
}

/*
 * The oracle: the jansson writer this file had before it wrote lines
 * itself, kept whole in test builds (where writer_check() holds every line
 * to it) and reduced to nothing in the others.  It keeps one object from
 * event to event: values change in place while the keys stay the same, a
 * new set of keys empties and refills the object.
 */
#ifdef GEO_TESTING

enum wkey {
	K_CAMEO, K_DATE, K_DOC, K_EVIDENCE, K_GOLDSTEIN, K_MODALITY, K_NEGATED, K_QUAD,
	K_RELATION, K_SENT, K_SOURCE, K_SOURCE_AFF, K_SOURCE_LABEL, K_SOURCE_TYPE, K_SPAN,
	K_TARGET, K_TARGET_AFF, K_TARGET_LABEL, K_TARGET_TYPE, K_URL, K_VIA, K_WEIGHT, K_COUNT
};

static const char *const key_names[K_COUNT] = {
	[K_CAMEO] = "cameo", [K_DATE] = "date", [K_DOC] = "doc", [K_EVIDENCE] = "evidence",
	[K_GOLDSTEIN] = "goldstein", [K_MODALITY] = "modality", [K_NEGATED] = "negated",
	[K_QUAD] = "quad", [K_RELATION] = "relation", [K_SENT] = "sent", [K_SOURCE] = "source",
	[K_SOURCE_AFF] = "source_affiliation", [K_SOURCE_LABEL] = "source_label",
	[K_SOURCE_TYPE] = "source_type", [K_SPAN] = "span", [K_TARGET] = "target",
	[K_TARGET_AFF] = "target_affiliation", [K_TARGET_LABEL] = "target_label",
	[K_TARGET_TYPE] = "target_type", [K_URL] = "url", [K_VIA] = "via", [K_WEIGHT] = "weight",
};

/* The span object's keys, in strcmp order too. */
enum { S_SOURCE, S_TARGET, S_TRIGGER, S_COUNT };
static const char *const span_names[S_COUNT] = {"source", "target", "trigger"};

/* What kind of value a key holds. */
static bool key_is_string(int k)
{
	return k != K_GOLDSTEIN && k != K_NEGATED && k != K_QUAD && k != K_SENT && k != K_SPAN &&
	       k != K_WEIGHT;
}

/*
 * The oracle keeps one object from event to event.  Events of one stream
 * mostly have the same keys, so the object keeps its keys and only its
 * values change in place (strings only when they differ); when the set of
 * keys changes, the object is emptied and filled again in key order.
 * val[k] are the object's values (borrowed: the object owns them).
 */
struct jw {
	json_t *obj;
	json_t *val[K_COUNT];
	uint32_t keys;      /* the keys obj holds, one bit per enum wkey */
	bool ready;         /* keys and val[] describe obj */
	json_t *span;       /* the "span" object (also obj's while there), or NULL */
	json_t *span_val[S_COUNT][2];
	unsigned span_keys;
	char *buf;          /* the dumped line, kept from event to event */
	size_t cap;
};

/* One event's values, by key. */
typedef struct wvalues {
	uint32_t keys;
	const char *s[K_COUNT];
	json_int_t i[K_COUNT];
	double r[K_COUNT];
	bool negated;
	unsigned span_keys;
	geo_span span[S_COUNT];
} wvalues;

static void put_str(wvalues *v, int k, const char *s)
{
	if (s) {
		v->keys |= 1u << k;
		v->s[k] = s;
	}
}

static void put_actor(wvalues *v, int k, const geo_actor_ref *a)
{
	put_str(v, k, a->id);
	put_str(v, k + 1, a->affiliation);
	put_str(v, k + 2, a->label);
	if (a->type != GEO_ACTOR_UNKNOWN)
		put_str(v, k + 3, geo_actor_type_name(a->type));
}

static void collect(const geo_event *ev, wvalues *v)
{
	const geo_span spans[S_COUNT] = {ev->span_source, ev->span_target, ev->span_trigger};

	v->keys = 0;
	put_str(v, K_CAMEO, ev->cameo);
	if (ev->date[0])
		put_str(v, K_DATE, ev->date);
	put_str(v, K_DOC, ev->doc);
	put_str(v, K_EVIDENCE, ev->evidence);
	v->keys |= 1u << K_GOLDSTEIN | 1u << K_NEGATED;
	v->r[K_GOLDSTEIN] = ev->goldstein;
	put_str(v, K_MODALITY, geo_modality_name(ev->modality));
	v->negated = ev->negated;
	if (ev->quad) {
		v->keys |= 1u << K_QUAD;
		v->i[K_QUAD] = ev->quad;
	}
	put_str(v, K_RELATION, ev->relation);
	if (ev->sent >= 0) {
		v->keys |= 1u << K_SENT;
		v->i[K_SENT] = ev->sent;
	}
	put_actor(v, K_SOURCE, &ev->source);
	v->span_keys = 0;
	if (ev->evidence)
		for (int k = 0; k < S_COUNT; k++)
			if (spans[k].start != spans[k].end) {
				v->span_keys |= 1u << k;
				v->span[k] = spans[k];
			}
	if (v->span_keys)
		v->keys |= 1u << K_SPAN;
	put_actor(v, K_TARGET, &ev->target);
	put_str(v, K_URL, ev->url);
	put_str(v, K_VIA, ev->via);
	if (ev->weight != 1.0) {
		v->keys |= 1u << K_WEIGHT;
		v->r[K_WEIGHT] = ev->weight;
	}
}

/* Empties the span object and fills it with v's spans, in key order. */
static int span_fill(struct jw *w, const wvalues *v)
{
	int bad = 0;

	/* Made with the first span: GDELT events have none. */
	if (!w->span && !(w->span = json_object()))
		return -1;
	bad |= json_object_clear(w->span);
	w->span_keys = 0;
	for (int k = 0; k < S_COUNT && !bad; k++) {
		json_t *a, *x, *y;
		if (!(v->span_keys & 1u << k))
			continue;
		a = json_array();
		x = json_integer((json_int_t)v->span[k].start);
		y = json_integer((json_int_t)v->span[k].end);
		bad |= json_array_append_new(a, x) | json_array_append_new(a, y) |
		       json_object_set_new(w->span, span_names[k], a);
		w->span_val[k][0] = x;
		w->span_val[k][1] = y;
	}
	if (!bad)
		w->span_keys = v->span_keys;
	return bad;
}

/* The value of key k as a new reference, or NULL (out of memory, invalid
 * UTF-8, a non-finite real). */
static json_t *new_value(struct jw *w, const wvalues *v, int k)
{
	switch (k) {
	case K_GOLDSTEIN:
	case K_WEIGHT:
		return json_real(v->r[k]);
	case K_QUAD:
	case K_SENT:
		return json_integer(v->i[k]);
	case K_NEGATED:
		return json_boolean(v->negated);
	case K_SPAN:
		if (span_fill(w, v))
			return NULL;
		return json_incref(w->span);
	default:
		return json_string(v->s[k]);
	}
}

/* Empties the object and fills it with v's keys in order.  Returns
 * non-zero when a value could not be made; the object is then not ready. */
static int rebuild(struct jw *w, const wvalues *v)
{
	w->ready = false;
	if (json_object_clear(w->obj))
		return -1;
	for (int k = 0; k < K_COUNT; k++) {
		json_t *x;
		if (!(v->keys & 1u << k))
			continue;
		if (!(x = new_value(w, v, k)) || json_object_set_new_nocheck(w->obj, key_names[k], x))
			return -1;
		w->val[k] = x;
	}
	w->keys = v->keys;
	w->ready = true;
	return 0;
}

/* Sets the object's values to v's; the keys are the same.  A string that
 * is not valid UTF-8 leaves its old value and makes the result non-zero. */
static int update(struct jw *w, const wvalues *v)
{
	int bad = 0;

	for (int k = 0; k < K_COUNT; k++) {
		json_t *x = w->val[k];
		if (!(v->keys & 1u << k))
			continue;
		if (key_is_string(k)) {
			/* Most values repeat from event to event (codes,
			 * relations, actor ids): an equal string stays. */
			if (strcmp(json_string_value(x), v->s[k]) != 0) {
				size_t n = strlen(v->s[k]);
				bad |= json_string_setn(x, v->s[k], n);
			}
			continue;
		}
		switch (k) {
		case K_GOLDSTEIN:
		case K_WEIGHT:
			bad |= json_real_set(x, v->r[k]);
			break;
		case K_QUAD:
		case K_SENT:
			bad |= json_integer_set(x, v->i[k]);
			break;
		case K_NEGATED:
			if (json_is_true(x) != v->negated) {
				/* true and false are jansson's constants: the key's
				 * value is replaced where it stands. */
				bad |= json_object_set_new_nocheck(w->obj, key_names[k], json_boolean(v->negated));
				w->val[k] = json_object_get(w->obj, key_names[k]);
			}
			break;
		case K_SPAN:
			if (v->span_keys != w->span_keys) {
				bad |= span_fill(w, v);
				break;
			}
			for (int s = 0; s < S_COUNT; s++)
				if (v->span_keys & 1u << s)
					bad |= json_integer_set(w->span_val[s][0], (json_int_t)v->span[s].start) |
					       json_integer_set(w->span_val[s][1], (json_int_t)v->span[s].end);
			break;
		}
	}
	return bad;
}


/* The oracle, for the writer and for tests; NULL when out of memory. */
GEO_STATIC struct jw *geo_event_oracle_new(void)
{
	struct jw *j = calloc(1, sizeof *j);

	if (j && !(j->obj = json_object())) {
		free(j);
		j = NULL;
	}
	return j;
}

GEO_STATIC void geo_event_oracle_free(struct jw *j)
{
	if (!j)
		return;
	json_decref(j->obj);
	json_decref(j->span);
	free(j->buf);
	free(j);
}

/* ev's line as jansson dumps it (no newline), in j->buf; 0 when jansson
 * refuses the event (invalid UTF-8) or runs out of memory, and then the
 * next event rebuilds the object. */
GEO_STATIC size_t geo_event_oracle_line(struct jw *j, const geo_event *ev, const char **line);
GEO_STATIC size_t geo_event_oracle_line(struct jw *j, const geo_event *ev, const char **line)
{
	const size_t flags = JSON_PRESERVE_ORDER | JSON_COMPACT | JSON_REAL_PRECISION(15);
	wvalues v;
	size_t n;

	*line = NULL;
	collect(ev, &v);
	if (j->ready && v.keys == j->keys ? update(j, &v) : rebuild(j, &v)) {
		j->ready = false;
		return 0;
	}
	n = json_dumpb(j->obj, NULL, 0, flags);
	if (n + 1 > j->cap) {
		char *p = realloc(j->buf, n + 1);
		if (!p)
			return 0;
		j->buf = p;
		j->cap = n + 1;
	}
	if (!n || json_dumpb(j->obj, j->buf, j->cap, flags) != n)
		return 0;
	*line = j->buf;
	return n;
}

/* Aborts when the writer's line (NULL: the writer refused ev as invalid
 * UTF-8) is not jansson's. */
static void writer_check(struct jw *j, const geo_event *ev, const char *line, size_t n)
{
	const char *want;
	size_t m = geo_event_oracle_line(j, ev, &want);

	if (line ? m != n || memcmp(line, want, n) != 0 : m != 0)
		abort();
}
#endif
