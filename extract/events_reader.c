/* events_reader.c - reads events JSON Lines, from geograph or any coder. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "extract_internal.h"

/*
 * Reading speed: most lines are flat objects of ASCII strings, numbers and
 * literals, which a small scanner (geo_events_flat_parse) reads without
 * building a jansson tree - that tree's allocations were most of the
 * reading time.  Any line the scanner is not sure of (nesting, \u
 * escapes, non-ASCII bytes, duplicate keys, long integers, anything
 * malformed) goes to jansson as before, so what is accepted, rejected and
 * reported is unchanged; parse_event reads members through member_get()
 * either way.
 */
#define FLAT_MAX_MEMBERS 32

typedef enum vkind { V_ABSENT, V_NULL, V_STRING, V_INTEGER, V_REAL, V_TRUE, V_FALSE, V_OTHER } vkind;

/* A member's value, from the scanner or from jansson. */
typedef struct value {
	vkind kind;
	const char *s; /* V_STRING */
	long long i;   /* V_INTEGER */
	double d;      /* V_INTEGER and V_REAL */
	json_t *j;     /* the jansson value, on the jansson path */
} value;

struct flat_member {
	const char *key;
	size_t klen;
	value v;
};

struct geo_reader {
	geo_reader_ctx *ctx;
	geo_lines lines;
	json_t *cur;   /* the object the current event borrows from (jansson path) */
	struct flat_member flat[FLAT_MAX_MEMBERS]; /* the members (scanner path) */
	size_t nflat;
	char *strbuf;  /* the scanner's decoded strings */
	size_t strcap;
	geo_event ev;
	char cameo[8]; /* a numeric "cameo" written back as a string */
};

bool geo_events_sniff(const unsigned char *p, size_t n)
{
	size_t i = 0;

	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	while (i < n && isspace(p[i]))
		i++;
	return i < n && p[i] == '{';
}

static ssize_t read_stream(void *ctx, void *buf, size_t n)
{
	return geo_stream_read(ctx, buf, n);
}

static geo_err events_open(geo_reader **out, geo_reader_ctx *ctx, geo_error *err)
{
	geo_reader *r = calloc(1, sizeof *r);

	if (!r)
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	r->ctx = ctx;
	r->lines.read = read_stream;
	r->lines.ctx = ctx->stream;
	*out = r;
	return GEO_OK;
}

static void member_get(const geo_reader *r, const char *key, value *v)
{
	*v = (value){.kind = V_ABSENT};
	if (!r->cur) {
		size_t klen = strlen(key);
		for (size_t i = 0; i < r->nflat; i++)
			if (r->flat[i].klen == klen && memcmp(r->flat[i].key, key, klen) == 0) {
				*v = r->flat[i].v;
				return;
			}
		return;
	}
	v->j = json_object_get(r->cur, key);
	if (!v->j)
		return;
	if (json_is_null(v->j)) {
		v->kind = V_NULL;
	} else if (json_is_string(v->j)) {
		v->kind = V_STRING;
		v->s = json_string_value(v->j);
	} else if (json_is_integer(v->j)) {
		v->kind = V_INTEGER;
		v->i = json_integer_value(v->j);
		v->d = json_number_value(v->j);
	} else if (json_is_real(v->j)) {
		v->kind = V_REAL;
		v->d = json_real_value(v->j);
	} else if (json_is_true(v->j)) {
		v->kind = V_TRUE;
	} else if (json_is_false(v->j)) {
		v->kind = V_FALSE;
	} else {
		v->kind = V_OTHER;
	}
}

/* Reads an optional string member; returns false (and sets *why) when it is
 * there with another type. */
static bool opt_str(const geo_reader *r, const char *key, const char **out, const char **why)
{
	value v;

	member_get(r, key, &v);
	*out = NULL;
	if (v.kind == V_ABSENT || v.kind == V_NULL)
		return true;
	if (v.kind != V_STRING) {
		*why = key;
		return false;
	}
	*out = v.s;
	return true;
}

static bool opt_num(const geo_reader *r, const char *key, double *out, const char **why)
{
	value v;

	member_get(r, key, &v);
	if (v.kind == V_ABSENT || v.kind == V_NULL)
		return true;
	if ((v.kind != V_INTEGER && v.kind != V_REAL) || !isfinite(v.d)) {
		*why = key;
		return false;
	}
	*out = v.d;
	return true;
}

static bool get_span(json_t *spans, const char *key, geo_span *sp)
{
	json_t *a = json_object_get(spans, key);
	json_int_t s, e;

	if (!a)
		return true;
	if (!json_is_array(a) || json_array_size(a) != 2 ||
	    !json_is_integer(json_array_get(a, 0)) || !json_is_integer(json_array_get(a, 1)))
		return false;
	s = json_integer_value(json_array_get(a, 0));
	e = json_integer_value(json_array_get(a, 1));
	if (s < 0 || e < s || e > UINT32_MAX)
		return false;
	sp->start = (uint32_t)s;
	sp->end = (uint32_t)e;
	return true;
}

/* keys[]: the id, label, affiliation and type members of one side (static
 * arrays: a key named in a message outlives the call that found it wrong).
 * On a wrong type *why names the key; on an unknown type name msg says so
 * and *why is NULL. */
static bool get_actor(const geo_reader *r, const char *const keys[4], geo_actor_ref *a, const char **why,
		      char *msg, size_t msglen)
{
	const char *type = NULL;

	if (!opt_str(r, keys[0], &a->id, why) || !opt_str(r, keys[1], &a->label, why) ||
	    !opt_str(r, keys[2], &a->affiliation, why) || !opt_str(r, keys[3], &type, why))
		return false;
	a->type = GEO_ACTOR_UNKNOWN;
	if (type && !geo_actor_type_parse(type, &a->type)) {
		snprintf(msg, msglen, "unknown \"%s\" \"%.40s\" (country, igo, person, institution, group)",
			 keys[3], type);
		*why = NULL;
		return false;
	}
	return true;
}

/*
 * Fills r->ev from the object.  Returns NULL on success, or what is wrong
 * with the record; *skip_as receives how to count it.
 */
static const char *parse_event(geo_reader *r, geo_skip *skip_as, char *msg, size_t msglen)
{
	static const char *const source_keys[4] = {"source", "source_label", "source_affiliation", "source_type"};
	static const char *const target_keys[4] = {"target", "target_label", "target_affiliation", "target_type"};
	geo_event *ev = &r->ev;
	const char *why = NULL, *s;
	const geo_dict *dict = r->ctx->opts->dict;
	value v;
	double num;

	*skip_as = GEO_SKIP_MALFORMED;
	geo_event_init(ev);
	if (!get_actor(r, source_keys, &ev->source, &why, msg, msglen) ||
	    !get_actor(r, target_keys, &ev->target, &why, msg, msglen)) {
		if (!why)
			return msg;
		goto wrong_type;
	}
	if (!ev->source.id || !ev->target.id || !*ev->source.id || !*ev->target.id) {
		*skip_as = GEO_SKIP_ONE_ACTOR;
		return "record with fewer than two actors (\"source\" and \"target\")";
	}
	if (!opt_str(r, "relation", &ev->relation, &why) || !opt_str(r, "doc", &ev->doc, &why) ||
	    !opt_str(r, "modality", &s, &why) || !opt_str(r, "evidence", &ev->evidence, &why) ||
	    !opt_str(r, "via", &ev->via, &why) || !opt_str(r, "url", &ev->url, &why))
		goto wrong_type;
	if (s && !geo_modality_parse(s, &ev->modality)) {
		snprintf(msg, msglen, "unknown modality \"%.40s\"", s);
		return msg;
	}

	member_get(r, "cameo", &v);
	if (v.kind == V_STRING) {
		ev->cameo = v.s;
	} else if (v.kind == V_INTEGER && v.i >= 0 && v.i < 100000) {
		/* Some coders write CAMEO codes as numbers, losing the leading
		 * zero of the root: 43 is "043", 1712 is "1712". */
		long long c = v.i;
		snprintf(r->cameo, sizeof r->cameo, c < 100 ? "%03lld" : "%lld", c);
		ev->cameo = r->cameo;
	} else if (v.kind == V_INTEGER) {
		return "\"cameo\" is not a CAMEO event code";
	} else if (v.kind != V_ABSENT && v.kind != V_NULL) {
		why = "cameo";
		goto wrong_type;
	}

	const geo_relation_info *info = NULL;
	if (dict && ev->relation)
		info = geo_dict_relation(dict, ev->relation);
	if (dict && !ev->relation && ev->cameo) {
		info = geo_dict_relation_by_cameo(dict, ev->cameo);
		if (info)
			ev->relation = info->label;
	}
	if (!ev->relation || !*ev->relation)
		return "record without \"relation\" (or a known \"cameo\")";
	if (info) {
		ev->goldstein = info->goldstein;
		ev->quad = info->quad;
		if (!ev->cameo)
			ev->cameo = info->cameo;
	}

	if (!opt_num(r, "goldstein", &ev->goldstein, &why) || !opt_num(r, "weight", &ev->weight, &why))
		goto wrong_type;
	if (ev->goldstein < -10 || ev->goldstein > 10)
		return "\"goldstein\" outside -10..10";
	if (ev->weight < 0)
		return "negative \"weight\"";
	num = ev->quad;
	if (!opt_num(r, "quad", &num, &why))
		goto wrong_type;
	if (num != floor(num) || num < 0 || num > 4)
		return "\"quad\" is not 1, 2, 3 or 4";
	ev->quad = (int)num;
	num = -1;
	if (!opt_num(r, "sent", &num, &why))
		goto wrong_type;
	if (num != floor(num) || num < -1 || num > INT32_MAX)
		return "\"sent\" is not a sentence index";
	ev->sent = (int32_t)num;

	if (!opt_str(r, "date", &s, &why))
		goto wrong_type;
	if (s) {
		if (!geo_date_valid(s)) {
			snprintf(msg, msglen, "\"date\" is not YYYY-MM-DD: \"%.40s\"", s);
			return msg;
		}
		memcpy(ev->date, s, 11);
	}
	member_get(r, "negated", &v);
	if (v.kind != V_ABSENT && v.kind != V_NULL) {
		if (v.kind != V_TRUE && v.kind != V_FALSE) {
			why = "negated";
			goto wrong_type;
		}
		ev->negated = v.kind == V_TRUE;
	}
	/* An object only reaches here through jansson: the scanner leaves
	 * nested values to it. */
	member_get(r, "span", &v);
	if (v.kind != V_ABSENT && v.kind != V_NULL) {
		if (!v.j || !json_is_object(v.j) || !get_span(v.j, "trigger", &ev->span_trigger) ||
		    !get_span(v.j, "source", &ev->span_source) || !get_span(v.j, "target", &ev->span_target))
			return "\"span\" is not an object of [start, end] byte offsets";
	}
	if (!ev->doc)
		ev->doc = r->ctx->doc;
	return NULL;

wrong_type:
	snprintf(msg, msglen, "\"%s\" has the wrong type", why ? why : "?");
	return msg;
}

/* ------------------------------------------------------------------ */
/* The scanner of flat lines                                          */

static bool json_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool ends_token(const char *p, const char *end)
{
	return p == end || json_ws(*p) || *p == ',' || *p == '}';
}

/* A string at *pp (at its opening quote), decoded into *out; NULL-free
 * ASCII with the short escapes only. */
static bool flat_string(const char **pp, const char *end, char **out)
{
	const char *p = *pp + 1;
	char *o = *out;

	for (;;) {
		unsigned char c;
		if (p == end)
			return false;
		c = (unsigned char)*p++;
		if (c == '"')
			break;
		if (c < 0x20 || c >= 0x80)
			return false;
		if (c == '\\') {
			if (p == end)
				return false;
			switch (*p++) {
			case '"': c = '"'; break;
			case '\\': c = '\\'; break;
			case '/': c = '/'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			default: return false; /* \u and errors: jansson's */
			}
		}
		*o++ = (char)c;
	}
	*o++ = '\0';
	*pp = p;
	*out = o;
	return true;
}

/* A number by JSON's grammar: an integer of at most 18 digits, or a finite
 * real (strtod, as jansson converts it). */
static bool flat_number(const char **pp, const char *end, value *v)
{
	const char *p = *pp, *start = p;
	bool real = false;
	int digits = 0;
	long long i = 0;

	if (*p == '-')
		p++;
	if (p == end || !isdigit((unsigned char)*p))
		return false;
	if (*p == '0') {
		p++;
		digits = 1;
		if (p != end && isdigit((unsigned char)*p))
			return false;
	} else {
		while (p != end && isdigit((unsigned char)*p)) {
			/* 18 digits always fit in a long long; longer ones are
			 * jansson's to convert or refuse. */
			if (++digits > 18)
				return false;
			i = i * 10 + (*p++ - '0');
		}
	}
	if (p != end && *p == '.') {
		p++;
		if (p == end || !isdigit((unsigned char)*p))
			return false;
		while (p != end && isdigit((unsigned char)*p))
			p++;
		real = true;
	}
	if (p != end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p != end && (*p == '+' || *p == '-'))
			p++;
		if (p == end || !isdigit((unsigned char)*p))
			return false;
		while (p != end && isdigit((unsigned char)*p))
			p++;
		real = true;
	}
	if (!ends_token(p, end))
		return false;
	if (real) {
		char *stop;
		errno = 0;
		/* The line is NUL-terminated and the token is followed by a
		 * character strtod stops at. */
		v->d = strtod(start, &stop);
		if (stop != p || ((v->d == HUGE_VAL || v->d == -HUGE_VAL) && errno == ERANGE))
			return false;
		v->kind = V_REAL;
	} else {
		v->i = *start == '-' ? -i : i;
		v->d = (double)v->i;
		v->kind = V_INTEGER;
	}
	*pp = p;
	return true;
}

static bool flat_literal(const char **pp, const char *end, value *v)
{
	static const struct {
		const char *word;
		size_t len;
		vkind kind;
	} lits[] = {{"true", 4, V_TRUE}, {"false", 5, V_FALSE}, {"null", 4, V_NULL}};
	const char *p = *pp;

	for (size_t k = 0; k < 3; k++)
		if ((size_t)(end - p) >= lits[k].len && memcmp(p, lits[k].word, lits[k].len) == 0 &&
		    ends_token(p + lits[k].len, end)) {
			v->kind = lits[k].kind;
			*pp = p + lits[k].len;
			return true;
		}
	return false;
}

/*
 * Reads line (len bytes, NUL-terminated) into r->flat when it is one
 * object of at most FLAT_MAX_MEMBERS distinct keys whose values are
 * strings, numbers or literals, written as jansson would accept it.
 * false: leave the line to jansson.
 */
GEO_STATIC bool geo_events_flat_parse(geo_reader *r, const char *line, size_t len);
GEO_STATIC bool geo_events_flat_parse(geo_reader *r, const char *line, size_t len)
{
	const char *p = line, *end = line + len;
	char *o;

	r->nflat = 0;
	if (len + 1 > r->strcap) {
		size_t cap = len + 1 > 2 * r->strcap ? len + 1 : 2 * r->strcap;
		char *b = realloc(r->strbuf, cap);
		if (!b)
			return false;
		r->strbuf = b;
		r->strcap = cap;
	}
	o = r->strbuf;
	if (p == end || *p++ != '{')
		return false;
	while (p != end && json_ws(*p))
		p++;
	if (p != end && *p == '}') {
		p++;
	} else {
		for (;;) {
			struct flat_member *m;
			if (p == end || *p != '"' || r->nflat == FLAT_MAX_MEMBERS)
				return false;
			m = &r->flat[r->nflat];
			m->key = o;
			if (!flat_string(&p, end, &o))
				return false;
			m->klen = (size_t)(o - m->key) - 1;
			for (size_t k = 0; k < r->nflat; k++)
				if (r->flat[k].klen == m->klen && memcmp(r->flat[k].key, m->key, m->klen) == 0)
					return false;
			while (p != end && json_ws(*p))
				p++;
			if (p == end || *p++ != ':')
				return false;
			while (p != end && json_ws(*p))
				p++;
			if (p == end)
				return false;
			m->v = (value){.kind = V_ABSENT};
			if (*p == '"') {
				m->v.kind = V_STRING;
				m->v.s = o;
				if (!flat_string(&p, end, &o))
					return false;
			} else if (*p == '-' || isdigit((unsigned char)*p)) {
				if (!flat_number(&p, end, &m->v))
					return false;
			} else if (!flat_literal(&p, end, &m->v)) {
				return false;
			}
			r->nflat++;
			while (p != end && json_ws(*p))
				p++;
			if (p == end)
				return false;
			if (*p == '}') {
				p++;
				break;
			}
			if (*p++ != ',')
				return false;
			while (p != end && json_ws(*p))
				p++;
		}
	}
	while (p != end && json_ws(*p))
		p++;
	return p == end;
}

static geo_err events_next(geo_reader *r, const geo_event **out, geo_error *err)
{
	geo_reader_ctx *ctx = r->ctx;

	*out = NULL;
	json_decref(r->cur);
	r->cur = NULL;
	for (;;) {
		const char *line, *why;
		size_t len, i = 0;
		json_error_t jerr;
		geo_skip skip_as;
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
		if (rc != GEO_OK)
			return geo_error_set(err, rc, "%s: read failed", ctx->path);
		if (!line)
			return GEO_OK;
		ctx->stats->records++;
		if (r->lines.lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
			i = 3;
		while (i < len && isspace((unsigned char)line[i]))
			i++;
		if (i == len)
			continue; /* blank lines are allowed */
		if (geo_events_flat_parse(r, line + i, len - i)) {
			why = parse_event(r, &skip_as, msg, sizeof msg);
			if (why) {
				rc = geo_reader_skip(ctx, skip_as, r->lines.lineno, err, "%s", why);
				if (rc != GEO_OK)
					return rc;
				continue;
			}
			*out = &r->ev;
			return GEO_OK;
		}
		r->nflat = 0;
		r->cur = json_loadb(line + i, len - i, JSON_REJECT_DUPLICATES, &jerr);
		/* jansson stops at a NUL byte and reports whatever the cut leaves:
		 * name the NUL instead when it is what jansson tripped on. */
		const char *nul = memchr(line + i, '\0', len - i);
		if (nul && (r->cur || (size_t)jerr.position + i >= (size_t)(nul - line))) {
			json_decref(r->cur);
			r->cur = NULL;
			rc = geo_reader_skip(ctx, GEO_SKIP_MALFORMED, r->lines.lineno, err,
					     "a NUL byte at column %zu", (size_t)(nul - line) + 1);
			if (rc != GEO_OK)
				return rc;
			continue;
		}
		if (!r->cur) {
			/* jansson names the flag that would allow it; say what is wrong. */
			const char *what = strstr(jerr.text, "JSON_ALLOW_NUL") ? "a NUL character (\\u0000) in a string"
									   : jerr.text;
			/* jansson counts the bytes it accepted; a byte it cannot
			 * decode is the next one. */
			int col = jerr.column + (int)i + (strncmp(jerr.text, "unable to decode", 16) == 0);
			rc = geo_reader_skip(ctx, GEO_SKIP_MALFORMED, r->lines.lineno, err,
					     "invalid JSON at column %d: %s", col, what);
			if (rc != GEO_OK)
				return rc;
			continue;
		}
		if (!json_is_object(r->cur)) {
			why = "not a JSON object";
			skip_as = GEO_SKIP_MALFORMED;
		} else {
			why = parse_event(r, &skip_as, msg, sizeof msg);
		}
		if (why) {
			json_decref(r->cur);
			r->cur = NULL;
			rc = geo_reader_skip(ctx, skip_as, r->lines.lineno, err, "%s", why);
			if (rc != GEO_OK)
				return rc;
			continue;
		}
		*out = &r->ev;
		return GEO_OK;
	}
}

static void events_close(geo_reader *r)
{
	if (!r)
		return;
	json_decref(r->cur);
	geo_lines_free(&r->lines);
	free(r->strbuf);
	free(r);
}

const geo_reader_ops geo_events_reader_ops = {
	.name = "events",
	.open = events_open,
	.next = events_next,
	.close = events_close,
};
