/* event.c - the event type: names of its enums and the JSON Lines writer. */
#include <errno.h>
#include <ctype.h>
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
 * An event's object has at most these keys; they are listed here in strcmp
 * order, which is the order JSON_SORT_KEYS would give, so the object is
 * built in that order and dumped as it stands: no sort per event.
 */
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
 * The writer keeps one object from event to event.  Events of one stream
 * mostly have the same keys, so the object keeps its keys and only its
 * values change in place (strings only when they differ); when the set of
 * keys changes, the object is emptied and filled again in key order.
 * val[k] are the object's values (borrowed: the object owns them).
 */
struct geo_event_writer {
	FILE *fp;
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
static int span_fill(geo_event_writer *w, const wvalues *v)
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
static json_t *new_value(geo_event_writer *w, const wvalues *v, int k)
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
static int rebuild(geo_event_writer *w, const wvalues *v)
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

/* geo_utf8_valid(), with ASCII taken eight bytes at a time: most event
 * strings are ASCII all through. */
GEO_STATIC bool geo_event_utf8_valid(const char *s, size_t n);
GEO_STATIC bool geo_event_utf8_valid(const char *s, size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & UINT64_C(0x8080808080808080))
			break;
	}
	while (i < n && (unsigned char)s[i] < 0x80)
		i++;
	return i == n || geo_utf8_valid(s + i, n - i);
}

/* Sets the object's values to v's; the keys are the same.  A string that
 * is not valid UTF-8 leaves its old value and makes the result non-zero. */
static int update(geo_event_writer *w, const wvalues *v)
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
				/* Checked here, not again by jansson, which
				 * takes a code point at a time. */
				size_t n = strlen(v->s[k]);
				bad |= !geo_event_utf8_valid(v->s[k], n) ||
				       json_string_setn_nocheck(x, v->s[k], n);
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

geo_err geo_event_writer_new(geo_event_writer **out, FILE *fp, geo_error *err)
{
	geo_event_writer *w = calloc(1, sizeof *w);

	*out = NULL;
	/* A buffer most lines fit: a line is dumped once, not measured first. */
	if (!w || !(w->obj = json_object()) || !(w->buf = malloc(1024))) {
		geo_event_writer_free(w);
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	}
	w->cap = 1024;
	w->fp = fp;
	*out = w;
	return GEO_OK;
}

void geo_event_writer_free(geo_event_writer *w)
{
	if (!w)
		return;
	json_decref(w->obj);
	json_decref(w->span);
	free(w->buf);
	free(w);
}

geo_err geo_event_writer_write(geo_event_writer *w, const geo_event *ev, geo_error *err)
{
	const size_t flags = JSON_PRESERVE_ORDER | JSON_COMPACT | JSON_REAL_PRECISION(15);
	wvalues v;
	size_t n;

	if (!ev->source.id || !ev->target.id || !ev->relation)
		return geo_error_set(err, GEO_EDATA, "event without source, target or relation");
	if (!isfinite(ev->goldstein) || !isfinite(ev->weight))
		return geo_error_set(err, GEO_EDATA, "event with a non-finite number");
	collect(ev, &v);
	if (w->ready && v.keys == w->keys ? update(w, &v) : rebuild(w, &v)) {
		/* Out of memory is rarer than bad text; both leave nothing
		 * written, and the next event rebuilds from scratch. */
		w->ready = false;
		for (int k = 0; k < K_COUNT; k++)
			if (v.keys & 1u << k && key_is_string(k) && !geo_utf8_valid(v.s[k], strlen(v.s[k])))
				return geo_error_set(err, GEO_EDATA, "event in %s holds text that is not valid UTF-8",
						     ev->doc ? ev->doc : "(no document)");
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	}
	/* json_dumpb gives the size it needs; a line longer than the kept
	 * buffer grows it and is dumped again. */
	n = json_dumpb(w->obj, w->buf, w->cap, flags);
	if (n + 1 > w->cap) {
		size_t cap = w->cap ? w->cap : 1024;
		char *p;
		while (cap < n + 1)
			cap *= 2;
		if (!n || !(p = realloc(w->buf, cap)))
			return geo_error_set(err, GEO_ENOMEM, "out of memory");
		w->buf = p;
		w->cap = cap;
		n = json_dumpb(w->obj, w->buf, w->cap, flags);
	}
	if (!n)
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	w->buf[n] = '\n';
	if (fwrite(w->buf, 1, n + 1, w->fp) != n + 1)
		return geo_error_set(err, GEO_EIO, "write failed: %s", strerror(errno));
	return GEO_OK;
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
