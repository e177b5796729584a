/* unit_lines.h - what the line reader's unit tests share: input in
 * memory handed out a few bytes per read, and two line readers read side
 * by side that must agree on every result.  Include after cmocka.h and
 * extract_internal.h; static inline, so a test that uses one of them
 * only is warning-free. */
#ifndef UNIT_LINES_H
#define UNIT_LINES_H

/* Input in memory, handed out at most chunk bytes per read (to cross the
 * reader's buffer boundaries). */
struct mem {
	const char *p;
	size_t n, chunk;
};

static inline ssize_t read_mem(void *ctx, void *buf, size_t n)
{
	struct mem *m = ctx;
	size_t k = m->n < n ? m->n : n;

	if (k > m->chunk)
		k = m->chunk;
	memcpy(buf, m->p, k);
	m->p += k;
	m->n -= k;
	return (ssize_t)k;
}

/* Reads x and y to their ends: the same results, line numbers, lines and
 * lengths each time; each (may be NULL) is called with every line of y. */
static inline void lines_agree(geo_lines *x, geo_lines *y, void (*each)(const char *line, size_t n, void *ctx),
			void *ctx)
{
	for (;;) {
		const char *l1, *l2;
		size_t n1, n2;
		geo_err r1 = geo_lines_next(x, &l1, &n1, NULL);
		geo_err r2 = geo_lines_next(y, &l2, &n2, NULL);

		assert_int_equal(r1, r2);
		assert_int_equal(x->lineno, y->lineno);
		if (r1 != GEO_OK)
			continue;
		if (!l1) {
			assert_null(l2);
			return;
		}
		assert_non_null(l2);
		assert_int_equal(n1, n2);
		assert_memory_equal(l1, l2, n1);
		if (each)
			each(l2, n2, ctx);
	}
}

#endif
