/* text_reader.c - reads one text document and hands its events out one at a
 * time, so text files flow through geo_source like any other input. */
#define _GNU_SOURCE /* MADV_HUGEPAGE */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "text_internal.h"

/* The string fields of an event, in one order for collect() and
 * text_next(). */
enum { NSTR = 12 };
#define NO_STR SIZE_MAX

struct geo_reader {
	geo_reader_ctx *ctx;
	/* The events of the sentence last read, with their strings in
	 * pool: one copy of each, not twelve allocations per event.
	 * events[i]'s string fields are set from off[i] when it is handed
	 * out (pool may move while the sentence is read). */
	geo_event *events;
	size_t (*off)[NSTR]; /* offsets in pool, NO_STR for NULL */
	size_t n, cap, next;
	geo_buf pool;
	bool done;  /* the document was opened */
	bool more;  /* sentences are left to read */
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

static void str_fields(geo_event *ev, const char **f[NSTR])
{
	f[0] = &ev->doc;
	f[1] = &ev->source.id;
	f[2] = &ev->source.label;
	f[3] = &ev->source.affiliation;
	f[4] = &ev->target.id;
	f[5] = &ev->target.label;
	f[6] = &ev->target.affiliation;
	f[7] = &ev->relation;
	f[8] = &ev->cameo;
	f[9] = &ev->evidence;
	f[10] = &ev->via;
	f[11] = &ev->url;
}

static geo_err collect(void *user, const geo_event *ev, geo_error *err)
{
	geo_reader *r = user;
	const char **f[NSTR];
	geo_event *c;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		geo_event *p = realloc(r->events, cap * sizeof *p);
		size_t(*o)[NSTR];
		if (!p)
			return geo_error_set(err, GEO_ENOMEM, "out of memory");
		r->events = p;
		if (!(o = realloc(r->off, cap * sizeof *o)))
			return geo_error_set(err, GEO_ENOMEM, "out of memory");
		r->off = o;
		r->cap = cap;
	}
	c = &r->events[r->n];
	*c = *ev;
	str_fields(c, f);
	for (int k = 0; k < NSTR; k++) {
		const char *s = *f[k];
		size_t prev = r->n ? r->off[r->n - 1][k] : NO_STR;
		*f[k] = NULL;
		if (!s) {
			r->off[r->n][k] = NO_STR;
			continue;
		}
		/* The document, its URL, a sentence with several events, a
		 * side that acts again: most strings repeat the previous
		 * event's, and are kept once. */
		if (prev != NO_STR && strcmp(r->pool.data + prev, s) == 0) {
			r->off[r->n][k] = prev;
			continue;
		}
		r->off[r->n][k] = r->pool.len;
		if (geo_buf_append(&r->pool, s, strlen(s) + 1) != GEO_OK)
			return geo_error_set(err, GEO_ENOMEM, "out of memory");
	}
	r->n++;
	return GEO_OK;
}

void geo_text_hugepages(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t page = 4096;
	uintptr_t a = (uintptr_t)p & ~(page - 1), e = ((uintptr_t)p + n + page - 1) & ~(page - 1);

	/* The whole pages the buffer touches: a block this large is a
	 * mapping of its own, which the advice then covers whole, so that
	 * realloc() can still move it without a copy (advice on a part
	 * splits a mapping, and mremap() refuses to move the pieces).  Advice
	 * only: where it is refused, the pages are small ones. */
	if (p && n >= (size_t)8 << 20)
		(void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}

/* Reads the whole document, refusing one over GEO_MAX_DOCUMENT. */
/* Reads straight into the buffer's free space (no copy through a chunk
 * on the stack: a large document is read once, not copied twice). */
static geo_err slurp(geo_reader *r, geo_buf *b, bool *too_long, geo_error *err)
{
	const size_t chunk = 65536;
	ssize_t k;

	*too_long = false;
	size_t hint = geo_stream_size_hint(r->ctx->stream);

	/* A file's size, known: one allocation. */
	if (hint && hint <= GEO_MAX_DOCUMENT && geo_buf_reserve(b, hint + chunk))
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	geo_text_hugepages(b->data, b->cap);
	for (;;) {
		size_t cap = b->cap;
		if (geo_buf_reserve(b, chunk))
			return geo_error_set(err, GEO_ENOMEM, "out of memory");
		if (b->cap != cap)
			geo_text_hugepages(b->data, b->cap);
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

/* Opens the document: reads it whole, and the extractor normalises it in
 * the same block and keeps it (one copy of a long document, not two). */
static geo_err text_begin(geo_reader *r, geo_error *err)
{
	geo_reader_ctx *ctx = r->ctx;
	geo_buf b = {0};
	bool too_long;
	size_t nsent = 0, replaced = 0;
	geo_err rc;

	rc = slurp(r, &b, &too_long, err);
	if (rc == GEO_OK && too_long) {
		geo_buf_free(&b);
		return geo_reader_skip(ctx, GEO_SKIP_TOO_LONG, 0, err, "document larger than %u bytes",
				       GEO_MAX_DOCUMENT);
	}
	if (rc == GEO_OK)
		rc = geo_text_doc_begin(ctx->x, ctx->doc, NULL, &b, false, collect, r, &nsent, &replaced, err);
	geo_buf_free(&b);
	if (rc != GEO_OK)
		return rc;
	r->more = nsent > 0;
	ctx->stats->documents++;
	ctx->stats->sentences += nsent;
	if (replaced) {
		ctx->stats->replaced_bytes += replaced;
		geo_diag(GEO_DIAG_WARN, "%s: %zu invalid UTF-8 byte%s replaced", ctx->path, replaced,
			 replaced == 1 ? "" : "s");
	}
	return GEO_OK;
}

static geo_err text_next(geo_reader *r, const geo_event **ev, geo_error *err)
{
	*ev = NULL;
	if (!r->done) {
		geo_err rc;
		r->done = true;
		if ((rc = text_begin(r, err)) != GEO_OK)
			return rc;
	}
	/* Sentences are read until one gives events: only a sentence's
	 * events are held, however long the document. */
	while (r->next == r->n && r->more) {
		geo_err rc;
		r->n = r->next = 0;
		geo_buf_reset(&r->pool);
		if ((rc = geo_text_doc_step(r->ctx->x, &r->more, err)) != GEO_OK) {
			r->more = false;
			return rc;
		}
	}
	if (r->next < r->n) {
		geo_event *c = &r->events[r->next];
		const char **f[NSTR];
		str_fields(c, f);
		for (int k = 0; k < NSTR; k++)
			*f[k] = r->off[r->next][k] == NO_STR ? NULL : r->pool.data + r->off[r->next][k];
		r->next++;
		*ev = c;
	}
	return GEO_OK;
}

static void text_close(geo_reader *r)
{
	if (!r)
		return;
	free(r->events);
	free(r->off);
	geo_buf_free(&r->pool);
	free(r);
}

const geo_reader_ops geo_text_reader_ops = {
	.name = "text",
	.open = text_open,
	.next = text_next,
	.close = text_close,
};
