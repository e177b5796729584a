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

/* Adds key: string unless s is NULL; fails on invalid UTF-8. */
static int set_str(json_t *o, const char *key, const char *s)
{
	if (!s)
		return 0;
	return json_object_set_new(o, key, json_string(s));
}

static int set_span(json_t *o, const char *key, geo_span sp)
{
	json_t *a;

	if (sp.start == sp.end)
		return 0;
	a = json_pack("[II]", (json_int_t)sp.start, (json_int_t)sp.end);
	return json_object_set_new(o, key, a);
}

static json_t *actor_json(const geo_actor_ref *a, const char *prefix, json_t *o, int *bad)
{
	char key[32];

	*bad |= set_str(o, prefix, a->id);
	snprintf(key, sizeof key, "%s_label", prefix);
	*bad |= set_str(o, key, a->label);
	snprintf(key, sizeof key, "%s_affiliation", prefix);
	*bad |= set_str(o, key, a->affiliation);
	if (a->type != GEO_ACTOR_UNKNOWN) {
		snprintf(key, sizeof key, "%s_type", prefix);
		*bad |= set_str(o, key, geo_actor_type_name(a->type));
	}
	return o;
}

geo_err geo_event_write_json(FILE *fp, const geo_event *ev, geo_error *err)
{
	json_t *o = json_object();
	json_t *span = NULL;
	char *s = NULL;
	int bad = 0;
	geo_err rc = GEO_OK;

	if (!o)
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	if (!ev->source.id || !ev->target.id || !ev->relation) {
		rc = geo_error_set(err, GEO_EDATA, "event without source, target or relation");
		goto out;
	}
	if (!isfinite(ev->goldstein) || !isfinite(ev->weight)) {
		rc = geo_error_set(err, GEO_EDATA, "event with a non-finite number");
		goto out;
	}
	bad |= set_str(o, "doc", ev->doc);
	if (ev->sent >= 0)
		bad |= json_object_set_new(o, "sent", json_integer(ev->sent));
	if (ev->date[0])
		bad |= set_str(o, "date", ev->date);
	actor_json(&ev->source, "source", o, &bad);
	actor_json(&ev->target, "target", o, &bad);
	bad |= set_str(o, "relation", ev->relation);
	bad |= set_str(o, "cameo", ev->cameo);
	bad |= json_object_set_new(o, "goldstein", json_real(ev->goldstein));
	if (ev->quad)
		bad |= json_object_set_new(o, "quad", json_integer(ev->quad));
	bad |= json_object_set_new(o, "negated", json_boolean(ev->negated));
	bad |= set_str(o, "modality", geo_modality_name(ev->modality));
	bad |= set_str(o, "evidence", ev->evidence);
	if (ev->evidence) {
		span = json_object();
		if (!span) {
			rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
			goto out;
		}
		bad |= set_span(span, "trigger", ev->span_trigger);
		bad |= set_span(span, "source", ev->span_source);
		bad |= set_span(span, "target", ev->span_target);
		if (json_object_size(span) > 0)
			bad |= json_object_set(o, "span", span);
	}
	bad |= set_str(o, "via", ev->via);
	if (ev->weight != 1.0)
		bad |= json_object_set_new(o, "weight", json_real(ev->weight));
	bad |= set_str(o, "url", ev->url);
	if (bad) {
		rc = geo_error_set(err, GEO_EDATA, "event in %s holds text that is not valid UTF-8",
				   ev->doc ? ev->doc : "(no document)");
		goto out;
	}
	s = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT | JSON_REAL_PRECISION(15));
	if (!s) {
		rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
		goto out;
	}
	if (fputs(s, fp) == EOF || putc('\n', fp) == EOF)
		rc = geo_error_set(err, GEO_EIO, "write failed: %s", strerror(errno));
out:
	free(s);
	json_decref(span);
	json_decref(o);
	return rc;
}
