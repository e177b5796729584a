/* text_reader.c - reads one text document and hands its events out one at a
 * time, so text files flow through geo_source like any other input. */
#define _GNU_SOURCE /* MADV_HUGEPAGE */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "text_internal.h"

struct geo_reader {
	geo_reader_ctx *ctx;
	/* The events of the sentence last read.  Their strings are not
	 * copied: they are the extractor's, which stay as they are until
	 * the next sentence is read (geo_text_doc_step()), and the reader
	 * reads the next one only once these are all handed out. */
	geo_event *events;
	size_t n, cap, next;
	bool done;  /* the document was opened */
	bool more;  /* sentences are left to read in the window */
	/* A document read in windows: text follows the window, what was read
	 * past its end, the quotation marks before it are odd in number, and
	 * the invalid bytes replaced so far. */
	bool continues, eof, odd;
	geo_buf rest;
	size_t replaced;
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

static geo_err collect(void *user, const geo_event *ev, geo_error *err)
{
	geo_reader *r = user;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		geo_event *p = realloc(r->events, cap * sizeof *p);
		if (!p)
			return geo_error_set(err, GEO_ENOMEM, "out of memory");
		r->events = p;
		r->cap = cap;
	}
	r->events[r->n++] = *ev;
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

/*
 * A document is read in windows of about this many bytes, so that memory
 * is bounded by the window, not the document: one that fits is read whole
 * (its events are those of the whole text, byte for byte).  Tests set a
 * small window.
 */
#ifdef GEO_TESTING
/* For tests/unit/test_text_window.c. */
extern size_t geo_text_window;
size_t geo_text_window_cut(const unsigned char *p, size_t n, bool *odd);
size_t geo_text_count_quotes(const unsigned char *p, size_t n);
#endif
GEO_STATIC size_t geo_text_window = (size_t)64 << 20;

/* Opening and closing quotation marks as the normaliser makes them '"':
 * the ASCII one, U+201C..U+201F, U+2033, U+00AB and U+00BB.  Counts those
 * whole within p[0, n).  Eight bytes at a time past those that start
 * none: the whole window is counted, and most of it is other text. */
GEO_STATIC size_t geo_text_count_quotes(const unsigned char *p, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	size_t q = 0, i = 0;

	for (;;) {
		while (i + 8 <= n) {
			uint64_t w, a, b, c;
			memcpy(&w, p + i, 8);
			a = w ^ (ones * '"');
			b = w ^ (ones * 0xE2);
			c = w ^ (ones * 0xC2);
			/* a zero byte in a, b or c: a byte that may start one */
			if (((a - ones) & ~a & highs) | ((b - ones) & ~b & highs) | ((c - ones) & ~c & highs))
				break;
			i += 8;
		}
		if (i >= n)
			break;
		for (size_t e = i + 8 < n ? i + 8 : n; i < e; i++) {
			unsigned char ch = p[i];
			if (ch == '"')
				q++;
			else if (ch == 0xE2 && i + 2 < n && p[i + 1] == 0x80 &&
				 ((p[i + 2] >= 0x9C && p[i + 2] <= 0x9F) || p[i + 2] == 0xB3))
				q++;
			else if (ch == 0xC2 && i + 1 < n && (p[i + 1] == 0xAB || p[i + 1] == 0xBB))
				q++;
		}
	}
	return q;
}

/* Does the line break whose '\n' is at p[k] end a blank line (only spaces
 * and tabs since the line break before it)? */
static bool blank_line_at(const unsigned char *p, size_t k)
{
	size_t q = k;

	if (q > 0 && p[q - 1] == '\r')
		q--;
	while (q > 0 && (p[q - 1] == ' ' || p[q - 1] == '\t'))
		q--;
	return q > 0 && (p[q - 1] == '\n' || p[q - 1] == '\r');
}

/*
 * Where a window of n > 0 bytes ends, in (0, n]: after the last blank
 * line that leaves no quotation open (counted from the document's start:
 * *odd is the parity of quotation marks before p, and becomes that at the
 * cut), in the window's second half; else after the last blank line; else
 * (one paragraph longer than the window) after the last line break; else
 * after the last space; else before the last character.  Never inside a
 * UTF-8 sequence or between CR and LF.
 */
GEO_STATIC size_t geo_text_window_cut(const unsigned char *p, size_t n, bool *odd)
{
	bool end_odd = *odd ^ (geo_text_count_quotes(p, n) & 1), tail_odd = false;
	size_t cut = 0, blank = 0, line = 0, from = n;
	const unsigned char *nl;

	/* Line breaks from the end, with the quotation marks after each. */
	while (from > 0 && (nl = memrchr(p, '\n', from)) != NULL) {
		size_t k = (size_t)(nl - p);
		tail_odd ^= geo_text_count_quotes(p + k + 1, from - k - 1) & 1;
		from = k;
		if (!line)
			line = k + 1;
		if (!blank_line_at(p, k))
			continue;
		if (!blank)
			blank = k + 1;
		if (k + 1 >= n / 2 && !(end_odd ^ tail_odd)) {
			cut = k + 1;
			break;
		}
		if (k + 1 < n / 2 && blank)
			break;
	}
	if (!cut)
		cut = blank ? blank : line;
	if (!cut) {
		const unsigned char *sp = memrchr(p, ' ', n);
		if (sp)
			cut = (size_t)(sp - p) + 1;
	}
	if (!cut) {
		/* One word as long as the window: before its last character. */
		cut = n - 1;
		while (cut > 0 && ((p[cut] & 0xC0) == 0x80 || (p[cut] == '\n' && p[cut - 1] == '\r')))
			cut--;
		if (!cut)
			cut = n;
	}
	/* The parity at the cut: at the end, less what follows the cut. */
	*odd = end_odd ^ (geo_text_count_quotes(p + cut, n - cut) & 1);
	return cut;
}

/* Reads until b holds at least the window's size or the document ends
 * (r->eof).  Reads straight into the buffer's free space (no copy through
 * a chunk on the stack: a large document is read once, not copied twice). */
static geo_err fill(geo_reader *r, geo_buf *b, geo_error *err)
{
	const size_t chunk = 65536;
	const size_t window = geo_text_window;
	size_t hint = geo_stream_size_hint(r->ctx->stream);
	ssize_t k = 0;

	/* A file's size, known: one allocation. */
	if (hint && geo_buf_reserve(b, (hint < window ? hint : window) + chunk))
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	geo_text_hugepages(b->data, b->cap);
	while (b->len < window) {
		size_t cap = b->cap;
		if (geo_buf_reserve(b, chunk))
			return geo_error_set(err, GEO_ENOMEM, "out of memory");
		if (b->cap != cap)
			geo_text_hugepages(b->data, b->cap);
		size_t want = window - b->len < chunk ? window - b->len : chunk;
		if ((k = geo_stream_read(r->ctx->stream, b->data + b->len, want)) <= 0)
			break;
		b->len += (size_t)k;
	}
	if (b->data)
		b->data[b->len] = '\0';
	if (k < 0)
		return geo_error_set(err, GEO_EIO, "%s: read failed: %s", r->ctx->path, strerror(errno));
	/* A window filled to the byte: whether more follows is known only
	 * from the next read. */
	r->eof = k == 0 && b->len < window;
	return GEO_OK;
}

/* Fills the next window in b (which holds what the last cut left) and
 * cuts it, keeping what follows the cut in r->rest.  *continues: text
 * follows the window. */
static geo_err next_window(geo_reader *r, geo_buf *b, bool *continues, geo_error *err)
{
	geo_err rc;

	if ((rc = fill(r, b, err)) != GEO_OK)
		return rc;
	*continues = false;
	geo_buf_reset(&r->rest);
	if (!r->eof && b->len) {
		size_t cut = geo_text_window_cut((const unsigned char *)b->data, b->len, &r->odd);
		if (geo_buf_append(&r->rest, b->data + cut, b->len - cut) != GEO_OK)
			return geo_error_set(err, GEO_ENOMEM, "out of memory");
		b->len = cut;
		b->data[cut] = '\0';
		*continues = true;
	}
	return GEO_OK;
}

/* Counts a window's invalid bytes; a document read in one window warns at
 * once (as it always has), a longer one after its last window. */
static void count_replaced(geo_reader *r, size_t replaced, bool last)
{
	geo_reader_ctx *ctx = r->ctx;

	ctx->stats->replaced_bytes += replaced;
	r->replaced += replaced;
	if (last && r->replaced)
		geo_diag(GEO_DIAG_WARN, "%s: %zu invalid UTF-8 byte%s replaced", ctx->path, r->replaced,
			 r->replaced == 1 ? "" : "s");
}

/* Opens the document and reads its first window; the extractor normalises
 * it in the same block and keeps it (one copy of the text, not two). */
static geo_err text_begin(geo_reader *r, geo_error *err)
{
	geo_reader_ctx *ctx = r->ctx;
	geo_buf b = {0};
	bool continues = false;
	size_t nsent = 0, replaced = 0;
	geo_err rc;

	rc = next_window(r, &b, &continues, err);
	if (rc == GEO_OK)
		rc = geo_text_doc_begin(ctx->x, ctx->doc, NULL, &b, continues, collect, r, &nsent, &replaced,
					err);
	geo_buf_free(&b);
	if (rc != GEO_OK)
		return rc;
	r->continues = continues;
	r->more = nsent > 0;
	ctx->stats->documents++;
	ctx->stats->sentences += nsent;
	count_replaced(r, replaced, !continues);
	return GEO_OK;
}

/* The document's next window, once the last one's sentences are read:
 * the last window's block is taken back and refilled, so that one window
 * is held at a time. */
static geo_err text_more(geo_reader *r, geo_error *err)
{
	geo_reader_ctx *ctx = r->ctx;
	geo_buf b = {0};
	bool continues = false;
	size_t nsent = 0, replaced = 0;
	geo_err rc;

	geo_text_doc_take(ctx->x, &b);
	if ((rc = geo_buf_append(&b, r->rest.data, r->rest.len)) != GEO_OK)
		rc = geo_error_set(err, rc, "out of memory");
	if (rc == GEO_OK)
		rc = next_window(r, &b, &continues, err);
	if (rc == GEO_OK)
		rc = geo_text_doc_more(ctx->x, &b, continues, &nsent, &replaced, err);
	geo_buf_free(&b);
	if (rc != GEO_OK)
		return rc;
	r->continues = continues;
	r->more = nsent > 0;
	ctx->stats->sentences += nsent;
	count_replaced(r, replaced, !continues);
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
	while (r->next == r->n && (r->more || r->continues)) {
		geo_err rc;
		r->n = r->next = 0;
		if (!r->more) {
			if ((rc = text_more(r, err)) != GEO_OK) {
				r->more = r->continues = false;
				return rc;
			}
			continue;
		}
		if ((rc = geo_text_doc_step(r->ctx->x, &r->more, err)) != GEO_OK) {
			r->more = r->continues = false;
			return rc;
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
	free(r->events);
	geo_buf_free(&r->rest);
	free(r);
}

const geo_reader_ops geo_text_reader_ops = {
	.name = "text",
	.open = text_open,
	.next = text_next,
	.close = text_close,
};
