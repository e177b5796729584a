/*
 * gdelt_writer.c - what the JSON Lines writer costs in `geograph extract`
 * on GDELT input, beside a second direct writer kept here as a check.
 *
 *   gdelt_writer FILE...   (GDELT exports)
 *
 * Reads the events of the files four times through geo_source: reading
 * only; reading and writing each event with geo_event_write_json() (a
 * writer made and freed per event) to /dev/null; with a geo_event_writer
 * (kept for the stream, what `geograph extract` uses); and with
 * direct_write_json() below, which prints the same keys in their sorted
 * order with snprintf into a growing buffer.  Both library writers write
 * the line themselves since they stopped going through jansson (whose
 * bytes test builds still check them against); this one, written apart,
 * is a second check.  A last pass writes every event all three ways and
 * checks the bytes are identical.  Prints
 * CPU seconds per pass.  A measuring tool for bench/gdelt, not part of the
 * library.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "extract.h"

/* Well-formed UTF-8, as jansson's json_string() demands. */
static bool utf8_ok(const unsigned char *s)
{
	while (*s) {
		unsigned char c = *s;
		unsigned lo = 0x80, hi = 0xBF;
		size_t n;

		if (c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3;
		else
			return false;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
		else if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
		for (size_t i = 1; i <= n; i++) {
			unsigned char d = s[i];
			if (d < (i == 1 ? lo : 0x80) || d > (i == 1 ? hi : 0xBF))
				return false;
		}
		s += n + 1;
	}
	return true;
}

/* The line being built; bad: out of memory or invalid UTF-8. */
struct out {
	char *p;
	size_t len, cap;
	bool bad, first;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->len + n > o->cap) {
		size_t cap = o->cap ? o->cap : 512;
		char *np;
		while (cap < o->len + n)
			cap *= 2;
		if (!(np = realloc(o->p, cap))) {
			o->bad = true;
			return;
		}
		o->p = np;
		o->cap = cap;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
}

/* A JSON string escaped as jansson escapes it (\uXXXX in upper case, "/"
 * and non-ASCII left as they are). */
static void put_str(struct out *o, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *run = s;

	if (!utf8_ok((const unsigned char *)s)) {
		o->bad = true;
		return;
	}
	put(o, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
		const char *esc = u;
		size_t n = 2;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(o, run, (size_t)(s - run));
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default: n = 6;
		}
		put(o, esc, n);
		run = s + 1;
	}
	put(o, run, (size_t)(s - run));
	put(o, "\"", 1);
}

static void key(struct out *o, const char *k)
{
	if (!o->first)
		put(o, ",", 1);
	o->first = false;
	put(o, "\"", 1);
	put(o, k, strlen(k));
	put(o, "\":", 2);
}

static void kstr(struct out *o, const char *k, const char *v)
{
	if (!v)
		return;
	key(o, k);
	put_str(o, v);
}

/* A real as jansson writes it with JSON_REAL_PRECISION(15): %.15g, ".0"
 * added to whole numbers, the exponent without "+" or leading zeros. */
static void kreal(struct out *o, const char *k, double v)
{
	char b[64], *e;
	int n = snprintf(b, sizeof b, "%.15g", v);

	key(o, k);
	if (!strpbrk(b, ".e")) {
		memcpy(b + n, ".0", 3);
		n += 2;
	}
	if ((e = strchr(b, 'e'))) {
		char *from = e + 1, *to = e + 1;
		if (*from == '+')
			from++;
		else if (*from == '-')
			from++, to++;
		while (*from == '0' && from[1])
			from++;
		memmove(to, from, strlen(from) + 1);
		n = (int)strlen(b);
	}
	put(o, b, (size_t)n);
}

static void kint(struct out *o, const char *k, long long v)
{
	char b[32];
	int n = snprintf(b, sizeof b, "%lld", v);

	key(o, k);
	put(o, b, (size_t)n);
}

static void kspan(struct out *o, const char *k, geo_span sp)
{
	char b[48];
	int n;

	if (sp.start == sp.end)
		return;
	key(o, k);
	n = snprintf(b, sizeof b, "[%u,%u]", (unsigned)sp.start, (unsigned)sp.end);
	put(o, b, (size_t)n);
}

/* An actor's keys, in sorted order: id, _affiliation, _label, _type. */
static void actor(struct out *o, const geo_actor_ref *a, const char *k)
{
	char kk[32];

	kstr(o, k, a->id);
	snprintf(kk, sizeof kk, "%s_affiliation", k);
	kstr(o, kk, a->affiliation);
	snprintf(kk, sizeof kk, "%s_label", k);
	kstr(o, kk, a->label);
	snprintf(kk, sizeof kk, "%s_type", k);
	if (a->type != GEO_ACTOR_UNKNOWN)
		kstr(o, kk, geo_actor_type_name(a->type));
}

static bool has_span(geo_span sp)
{
	return sp.start != sp.end;
}

/* geo_event_write_json()'s output, byte for byte, without jansson: the
 * keys are known, so they are written in sorted order as they come. */
static geo_err direct_write_json(FILE *fp, const geo_event *ev, geo_error *err)
{
	struct out o = {.first = true};
	geo_err rc = GEO_OK;

	if (!ev->source.id || !ev->target.id || !ev->relation)
		return geo_error_set(err, GEO_EDATA, "event without source, target or relation");
	if (!isfinite(ev->goldstein) || !isfinite(ev->weight))
		return geo_error_set(err, GEO_EDATA, "event with a non-finite number");
	put(&o, "{", 1);
	kstr(&o, "cameo", ev->cameo);
	if (ev->date[0])
		kstr(&o, "date", ev->date);
	kstr(&o, "doc", ev->doc);
	kstr(&o, "evidence", ev->evidence);
	kreal(&o, "goldstein", ev->goldstein);
	kstr(&o, "modality", geo_modality_name(ev->modality));
	key(&o, "negated");
	put(&o, ev->negated ? "true" : "false", ev->negated ? 4 : 5);
	if (ev->quad)
		kint(&o, "quad", ev->quad);
	kstr(&o, "relation", ev->relation);
	if (ev->sent >= 0)
		kint(&o, "sent", ev->sent);
	actor(&o, &ev->source, "source");
	if (ev->evidence &&
	    (has_span(ev->span_source) || has_span(ev->span_target) || has_span(ev->span_trigger))) {
		key(&o, "span");
		put(&o, "{", 1);
		o.first = true;
		kspan(&o, "source", ev->span_source);
		kspan(&o, "target", ev->span_target);
		kspan(&o, "trigger", ev->span_trigger);
		put(&o, "}", 1);
		o.first = false;
	}
	actor(&o, &ev->target, "target");
	kstr(&o, "url", ev->url);
	kstr(&o, "via", ev->via);
	if (ev->weight != 1.0)
		kreal(&o, "weight", ev->weight);
	put(&o, "}\n", 2);
	if (o.bad) {
		rc = geo_error_set(err, GEO_EDATA, "event in %s holds text that is not valid UTF-8",
				   ev->doc ? ev->doc : "(no document)");
		goto out;
	}
	if (fwrite(o.p, 1, o.len, fp) != o.len)
		rc = geo_error_set(err, GEO_EIO, "write failed");
out:
	free(o.p);
	return rc;
}

static double cpu_seconds(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

enum pass { READ_ONLY, ONE_SHOT, STREAM, DIRECT, COMPARE };

/* One pass over the files; returns the number of events, or -1. */
static long pass(char **paths, int n, const geo_dict *dict, enum pass how, FILE *null, long *differ)
{
	geo_source_opts opts = {.format = GEO_INPUT_GDELT, .dict = dict};
	geo_source *src = NULL;
	geo_error err = {0};
	const geo_event *ev;
	long events = 0;
	char *a = NULL, *b = NULL, *c = NULL;
	size_t alen = 0, blen = 0, clen = 0;
	FILE *fa = NULL, *fb = NULL, *fc = NULL;
	geo_event_writer *w = NULL;

	if (how == COMPARE && (!(fa = open_memstream(&a, &alen)) || !(fb = open_memstream(&b, &blen)) ||
			       !(fc = open_memstream(&c, &clen))))
		goto fail;
	if ((how == STREAM || how == COMPARE) && geo_event_writer_new(&w, how == STREAM ? null : fc, &err) != GEO_OK)
		goto fail;
	if (geo_source_open(&src, (const char *const *)paths, (size_t)n, &opts, &err) != GEO_OK)
		goto fail;
	for (;;) {
		if (geo_source_next(src, &ev, &err) != GEO_OK)
			goto fail;
		if (!ev)
			break;
		events++;
		if (how == ONE_SHOT && geo_event_write_json(null, ev, &err) != GEO_OK)
			goto fail;
		if (how == STREAM && geo_event_writer_write(w, ev, &err) != GEO_OK)
			goto fail;
		if (how == DIRECT && direct_write_json(null, ev, &err) != GEO_OK)
			goto fail;
		if (how == COMPARE) {
			rewind(fa);
			rewind(fb);
			rewind(fc);
			if (geo_event_write_json(fa, ev, &err) != GEO_OK || direct_write_json(fb, ev, &err) != GEO_OK ||
			    geo_event_writer_write(w, ev, &err) != GEO_OK)
				goto fail;
			fflush(fa);
			fflush(fb);
			fflush(fc);
			if (ftell(fa) != ftell(fb) || ftell(fa) != ftell(fc) || memcmp(a, b, (size_t)ftell(fa)) != 0 ||
			    memcmp(a, c, (size_t)ftell(fa)) != 0)
				(*differ)++;
		}
	}
	goto out;
fail:
	fprintf(stderr, "gdelt_writer: %s\n", err.msg[0] ? err.msg : "cannot set up");
	events = -1;
out:
	geo_source_free(src);
	geo_event_writer_free(w);
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	if (fc)
		fclose(fc);
	free(a);
	free(b);
	free(c);
	return events;
}

int main(int argc, char **argv)
{
	static const char *const names[] = {"read only", "read + one-shot writer", "read + stream writer",
					    "read + bench's writer"};
	geo_dict *dict = NULL;
	FILE *null = fopen("/dev/null", "w");
	double t[4];
	long events = 0, differ = 0;
	int status = 1;

	if (argc < 2) {
		fprintf(stderr, "usage: gdelt_writer FILE...\n");
		return 2;
	}
	if (!null || geo_dict_new_builtin(&dict, NULL) != GEO_OK)
		goto out;
	for (int p = READ_ONLY; p <= DIRECT; p++) {
		double t0 = cpu_seconds();
		if ((events = pass(argv + 1, argc - 1, dict, (enum pass)p, null, &differ)) < 0)
			goto out;
		t[p] = cpu_seconds() - t0;
	}
	if (pass(argv + 1, argc - 1, dict, COMPARE, null, &differ) < 0)
		goto out;
	for (int p = READ_ONLY; p <= DIRECT; p++)
		printf("%-24s cpu %6.3f s %10.0f events/s\n", names[p], t[p],
		       (double)events / (t[p] > 0 ? t[p] : 1e-3));
	printf("writer per event: one-shot (geo_event_write_json) %.2f us, stream (geo_event_writer) %.2f us, "
	       "bench's writer %.2f us; %ld of %ld events written differently\n",
	       (t[ONE_SHOT] - t[READ_ONLY]) * 1e6 / (double)(events ? events : 1),
	       (t[STREAM] - t[READ_ONLY]) * 1e6 / (double)(events ? events : 1),
	       (t[DIRECT] - t[READ_ONLY]) * 1e6 / (double)(events ? events : 1), differ, events);
	status = differ ? 1 : 0;
out:
	geo_dict_free(dict);
	if (null)
		fclose(null);
	return status;
}
