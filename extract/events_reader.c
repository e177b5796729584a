/* events_reader.c - reads events JSON Lines, from geograph or any coder. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "extract_internal.h"

struct geo_reader {
	geo_reader_ctx *ctx;
	geo_lines lines;
	json_t *cur;   /* the object the current event borrows from */
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

/* A real calendar date YYYY-MM-DD (Gregorian, leap years included), as
 * the GDELT reader requires of SQLDATE: "2025-02-31" is a typo, not a day. */
static bool valid_date(const char *s)
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

/* Reads an optional string member; returns false (and sets *why) when it is
 * there with another type. */
static bool opt_str(json_t *o, const char *key, const char **out, const char **why)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return true;
	if (!json_is_string(v)) {
		*why = key;
		return false;
	}
	*out = json_string_value(v);
	return true;
}

static bool opt_num(json_t *o, const char *key, double *out, const char **why)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return true;
	if (!json_is_number(v) || !isfinite(json_number_value(v))) {
		*why = key;
		return false;
	}
	*out = json_number_value(v);
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

/* The keys of each side.  Static: a key named in a message outlives the
 * call that found it wrong. */
static const char *const actor_keys[2][4] = {
	{"source", "source_label", "source_affiliation", "source_type"},
	{"target", "target_label", "target_affiliation", "target_type"},
};

/* Reads one side's (0 source, 1 target) id, label, affiliation and type.
 * On a wrong type *why names the key; on an unknown type name msg says so
 * and *why is NULL. */
static bool get_actor(json_t *o, int side, geo_actor_ref *a, const char **why, char *msg, size_t msglen)
{
	const char *const *key = actor_keys[side];
	const char *type = NULL;

	if (!opt_str(o, key[0], &a->id, why) || !opt_str(o, key[1], &a->label, why) ||
	    !opt_str(o, key[2], &a->affiliation, why) || !opt_str(o, key[3], &type, why))
		return false;
	a->type = GEO_ACTOR_UNKNOWN;
	if (type && !geo_actor_type_parse(type, &a->type)) {
		snprintf(msg, msglen, "unknown \"%s\" \"%.40s\" (country, igo, person, institution, group)",
			 key[3], type);
		*why = NULL;
		return false;
	}
	return true;
}

/*
 * Fills r->ev from the object.  Returns NULL on success, or what is wrong
 * with the record; *skip_as receives how to count it.
 */
static const char *parse_event(geo_reader *r, json_t *o, geo_skip *skip_as, char *msg, size_t msglen)
{
	geo_event *ev = &r->ev;
	const char *why = NULL, *s;
	const geo_dict *dict = r->ctx->opts->dict;
	json_t *v;
	double num;

	*skip_as = GEO_SKIP_MALFORMED;
	geo_event_init(ev);
	if (!get_actor(o, 0, &ev->source, &why, msg, msglen) || !get_actor(o, 1, &ev->target, &why, msg, msglen)) {
		if (!why)
			return msg;
		goto wrong_type;
	}
	if (!ev->source.id || !ev->target.id || !*ev->source.id || !*ev->target.id) {
		*skip_as = GEO_SKIP_ONE_ACTOR;
		return "record with fewer than two actors (\"source\" and \"target\")";
	}
	if (!opt_str(o, "relation", &ev->relation, &why) || !opt_str(o, "doc", &ev->doc, &why) ||
	    !opt_str(o, "modality", &s, &why) || !opt_str(o, "evidence", &ev->evidence, &why) ||
	    !opt_str(o, "via", &ev->via, &why) || !opt_str(o, "url", &ev->url, &why))
		goto wrong_type;
	if (s && !geo_modality_parse(s, &ev->modality)) {
		snprintf(msg, msglen, "unknown modality \"%.40s\"", s);
		return msg;
	}

	v = json_object_get(o, "cameo");
	if (json_is_string(v)) {
		ev->cameo = json_string_value(v);
	} else if (json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) < 100000) {
		/* Some coders write CAMEO codes as numbers, losing the leading
		 * zero of the root: 43 is "043", 1712 is "1712". */
		json_int_t c = json_integer_value(v);
		snprintf(r->cameo, sizeof r->cameo, c < 100 ? "%03lld" : "%lld", (long long)c);
		ev->cameo = r->cameo;
	} else if (json_is_integer(v)) {
		return "\"cameo\" is not a CAMEO event code";
	} else if (v && !json_is_null(v)) {
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

	if (!opt_num(o, "goldstein", &ev->goldstein, &why) || !opt_num(o, "weight", &ev->weight, &why))
		goto wrong_type;
	if (ev->goldstein < -10 || ev->goldstein > 10)
		return "\"goldstein\" outside -10..10";
	if (ev->weight < 0)
		return "negative \"weight\"";
	num = ev->quad;
	if (!opt_num(o, "quad", &num, &why))
		goto wrong_type;
	if (num != floor(num) || num < 0 || num > 4)
		return "\"quad\" is not 1, 2, 3 or 4";
	ev->quad = (int)num;
	num = -1;
	if (!opt_num(o, "sent", &num, &why))
		goto wrong_type;
	if (num != floor(num) || num < -1 || num > INT32_MAX)
		return "\"sent\" is not a sentence index";
	ev->sent = (int32_t)num;

	if (!opt_str(o, "date", &s, &why))
		goto wrong_type;
	if (s) {
		if (!valid_date(s)) {
			snprintf(msg, msglen, "\"date\" is not YYYY-MM-DD: \"%.40s\"", s);
			return msg;
		}
		memcpy(ev->date, s, 11);
	}
	v = json_object_get(o, "negated");
	if (v && !json_is_null(v)) {
		if (!json_is_boolean(v)) {
			why = "negated";
			goto wrong_type;
		}
		ev->negated = json_is_true(v);
	}
	v = json_object_get(o, "span");
	if (v && !json_is_null(v)) {
		if (!json_is_object(v) || !get_span(v, "trigger", &ev->span_trigger) ||
		    !get_span(v, "source", &ev->span_source) || !get_span(v, "target", &ev->span_target))
			return "\"span\" is not an object of [start, end] byte offsets";
	}
	if (!ev->doc)
		ev->doc = r->ctx->doc;
	return NULL;

wrong_type:
	snprintf(msg, msglen, "\"%s\" has the wrong type", why ? why : "?");
	return msg;
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
			why = parse_event(r, r->cur, &skip_as, msg, sizeof msg);
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
	free(r);
}

const geo_reader_ops geo_events_reader_ops = {
	.name = "events",
	.open = events_open,
	.next = events_next,
	.close = events_close,
};
