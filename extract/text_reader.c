/* text_reader.c - reads one text document and hands its events out one at a
 * time, so text files flow through geo_source like any other input. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "extract_internal.h"

struct geo_reader {
	geo_reader_ctx *ctx;
	geo_event *events; /* deep copies; strings owned here */
	size_t n, cap, next;
	bool done;
};

static geo_err text_open(geo_reader **out, geo_reader_ctx *ctx, geo_error *err)
{
	geo_reader *r = calloc(1, sizeof *r);

	if (!r)
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	r->ctx = ctx;
	*out = r;
	return GEO_OK;
}

static char *dup_or_null(const char *s, bool *fail)
{
	char *p;

	if (!s)
		return NULL;
	p = strdup(s);
	if (!p)
		*fail = true;
	return p;
}

static void free_event_strings(geo_event *ev)
{
	free((char *)ev->doc);
	free((char *)ev->source.id);
	free((char *)ev->source.label);
	free((char *)ev->source.affiliation);
	free((char *)ev->target.id);
	free((char *)ev->target.label);
	free((char *)ev->target.affiliation);
	free((char *)ev->relation);
	free((char *)ev->cameo);
	free((char *)ev->evidence);
	free((char *)ev->via);
	free((char *)ev->url);
}

static geo_err collect(void *user, const geo_event *ev, geo_error *err)
{
	geo_reader *r = user;
	geo_event *c;
	bool fail = false;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		geo_event *p = realloc(r->events, cap * sizeof *p);
		if (!p)
			return geo_error_set(err, GEO_ENOMEM, "out of memory");
		r->events = p;
		r->cap = cap;
	}
	c = &r->events[r->n];
	*c = *ev;
	c->doc = dup_or_null(ev->doc, &fail);
	c->source.id = dup_or_null(ev->source.id, &fail);
	c->source.label = dup_or_null(ev->source.label, &fail);
	c->source.affiliation = dup_or_null(ev->source.affiliation, &fail);
	c->target.id = dup_or_null(ev->target.id, &fail);
	c->target.label = dup_or_null(ev->target.label, &fail);
	c->target.affiliation = dup_or_null(ev->target.affiliation, &fail);
	c->relation = dup_or_null(ev->relation, &fail);
	c->cameo = dup_or_null(ev->cameo, &fail);
	c->evidence = dup_or_null(ev->evidence, &fail);
	c->via = dup_or_null(ev->via, &fail);
	c->url = dup_or_null(ev->url, &fail);
	if (fail) {
		free_event_strings(c);
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	}
	r->n++;
	return GEO_OK;
}

/* Reads the whole document, refusing one over GEO_MAX_DOCUMENT. */
/* Reads straight into the buffer's free space (no copy through a chunk
 * on the stack: a large document is read once, not copied twice). */
static geo_err slurp(geo_reader *r, geo_buf *b, bool *too_long, geo_error *err)
{
	const size_t chunk = 65536;
	ssize_t k;

	*too_long = false;
	for (;;) {
		if (geo_buf_reserve(b, chunk))
			return geo_error_set(err, GEO_ENOMEM, "out of memory");
		if ((k = geo_stream_read(r->ctx->stream, b->data + b->len, chunk)) <= 0)
			break;
		if (b->len + (size_t)k > GEO_MAX_DOCUMENT) {
			*too_long = true;
			return GEO_OK;
		}
		b->len += (size_t)k;
	}
	b->data[b->len] = '\0';
	if (k < 0)
		return geo_error_set(err, GEO_EIO, "%s: read failed: %s", r->ctx->path, strerror(errno));
	return GEO_OK;
}

static geo_err text_next(geo_reader *r, const geo_event **ev, geo_error *err)
{
	geo_reader_ctx *ctx = r->ctx;

	*ev = NULL;
	if (!r->done) {
		geo_buf b = {0};
		bool too_long;
		size_t nsent = 0, replaced = 0;
		geo_err rc;

		r->done = true;
		rc = slurp(r, &b, &too_long, err);
		if (rc == GEO_OK && too_long) {
			geo_buf_free(&b);
			return geo_reader_skip(ctx, GEO_SKIP_TOO_LONG, 0, err,
					       "document larger than %u bytes", GEO_MAX_DOCUMENT);
		}
		if (rc == GEO_OK)
			rc = geo_extract_text(ctx->x, ctx->doc, NULL, b.data ? b.data : "", b.len, collect, r,
					      &nsent, &replaced, err);
		geo_buf_free(&b);
		if (rc != GEO_OK)
			return rc;
		ctx->stats->documents++;
		ctx->stats->sentences += nsent;
		if (replaced) {
			ctx->stats->replaced_bytes += replaced;
			geo_diag(GEO_DIAG_WARN, "%s: %zu invalid UTF-8 byte%s replaced", ctx->path, replaced,
				 replaced == 1 ? "" : "s");
		}
	}
	if (r->next < r->n)
		*ev = &r->events[r->next++];
	return GEO_OK;
}

static void text_close(geo_reader *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		free_event_strings(&r->events[i]);
	free(r->events);
	free(r);
}

const geo_reader_ops geo_text_reader_ops = {
	.name = "text",
	.open = text_open,
	.next = text_next,
	.close = text_close,
};
