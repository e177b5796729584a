/* test_stream_map.c - the line reader on a mapped file (geo_lines_map):
 * the same lines, line numbers and errors as reading the file, with and
 * without a scan function, for short and over-long lines, CRLF, a last
 * line without its newline, lines across the 4 MB windows and longer
 * than one; files that cannot be mapped are refused; a file that grows
 * while read is read to its new end, one that shrinks past what is mapped
 * to where it now ends; the stream's offset ends at the file's size. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmocka.h>

#include "extract_internal.h"
#include "unit_lines.h"

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/geo-map-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char path[128];

	(void)state;
	snprintf(path, sizeof path, "%s/f", tmpdir);
	unlink(path);
	return rmdir(tmpdir);
}

static const char *write_file(const char *data, size_t n)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/f", tmpdir);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	return path;
}

static ssize_t read_stream(void *ctx, void *buf, size_t n)
{
	return geo_stream_read(ctx, buf, n);
}

/* The scan the GDELT reader would pass, reduced to finding the end. */
static size_t scan_nl(void *sctx, const char *p, size_t n)
{
	const char *nl = memchr(p, '\n', n);

	(*(size_t *)sctx)++;
	return nl ? (size_t)(nl - p) : n;
}

/* Reads path both ways and checks every result is the same. */
static void check_file(const char *path, size_t size, size_t max, bool scan)
{
	geo_stream *a = NULL, *b = NULL;
	size_t calls = 0;
	geo_lines rd = {.read = read_stream, .max = max};
	geo_lines mp = {.max = max};
	const unsigned char *head;

	assert_int_equal(geo_stream_open(&a, path, NULL), GEO_OK);
	assert_int_equal(geo_stream_open(&b, path, NULL), GEO_OK);
	rd.ctx = a;
	/* Peeking, as format detection does, leaves the file mappable. */
	assert_true(geo_stream_peek(b, &head, 4) >= 0);
	assert_true(geo_lines_map(&mp, b));
	if (scan) {
		rd.scan = mp.scan = scan_nl;
		rd.sctx = mp.sctx = &calls;
	}
	lines_agree(&rd, &mp, NULL, NULL);
	assert_int_equal(geo_stream_offset(b), size);
	assert_int_equal(geo_stream_offset(a), size);
	geo_lines_free(&rd);
	geo_lines_free(&mp);
	geo_stream_close(a);
	geo_stream_close(b);
}

static void check_data(const char *data, size_t n, size_t max)
{
	const char *path = write_file(data, n);

	check_file(path, n, max, false);
	check_file(path, n, max, true);
}

static void test_small_files(void **state)
{
	static const char *const texts[] = {
		"\n",
		"one line without end",
		"a\nbb\n\nccc\r\nlast",
		"a\tb\tc\r\nd\te\n",
		"12345678\n123456789\n12345678\r\n123456789\r\nend",
		"x\n123456789012345\nyz\r\n\r\n",
		"123456789012345",
	};

	(void)state;
	for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
		check_data(texts[t], strlen(texts[t]), 8);
		check_data(texts[t], strlen(texts[t]), 0);
	}
}

/* 11 MB of lines of every length up to 3,000 bytes (some CRLF), so lines
 * cross the windows' ends at many offsets; then one line of 6 MB (longer
 * than a window) between short ones; then over-long lines skipped across
 * windows (max 1,000). */
static void test_large_files(void **state)
{
	size_t cap = 11u << 20, n = 0;
	char *data = malloc(cap);
	unsigned seed = 7;

	(void)state;
	assert_non_null(data);
	while (n + 3002 < cap) {
		size_t len;
		seed = seed * 1103515245u + 12345u;
		len = (seed >> 8) % 3000;
		memset(data + n, 'a' + (int)(seed % 26), len);
		n += len;
		if ((seed >> 4) % 7 == 0)
			data[n++] = '\r';
		data[n++] = '\n';
	}
	check_data(data, n, 0);
	check_data(data, n, 1000);
	memset(data, 'b', cap);
	memcpy(data, "first\n", 6);
	data[6 + (6u << 20)] = '\n';
	memcpy(data + 7 + (6u << 20), "last\n", 5);
	check_data(data, 12 + (6u << 20), 0);
	check_data(data, 12 + (6u << 20), 1000);
	check_data(data, 10 + (6u << 20), 1000); /* the over-long line is cut at the end */
	free(data);
}

/* Empty files and what is not a regular file are read, not mapped; a
 * stream something was read from already is not mapped either. */
static void test_refused(void **state)
{
	geo_stream *s = NULL;
	geo_lines l = {0};
	char buf[4];
	const char *path = write_file("", 0);

	(void)state;
	assert_int_equal(geo_stream_open(&s, path, NULL), GEO_OK);
	assert_false(geo_lines_map(&l, s));
	geo_stream_close(s);
	assert_int_equal(geo_stream_open(&s, "/dev/null", NULL), GEO_OK);
	assert_false(geo_lines_map(&l, s));
	geo_stream_close(s);
	path = write_file("abc\n", 4);
	assert_int_equal(geo_stream_open(&s, path, NULL), GEO_OK);
	assert_int_equal(geo_stream_read(s, buf, 2), 2);
	assert_false(geo_lines_map(&l, s));
	geo_stream_close(s);
	assert_null(l.map_stream);
}

/*
 * A regular file the kernel will not map (a sysfs attribute: a size of a
 * page, mmap fails) is refused, and the lines read the usual way are the
 * file's: it is read from its start, as if no mapping had been tried.
 * Skipped where no such file is at hand.
 */
static void test_unmappable(void **state)
{
	static const char path[] = "/sys/kernel/mm/transparent_hugepage/enabled";
	geo_stream *s = NULL;
	geo_lines l = {.read = read_stream};
	char want[4096];
	size_t nwant = 0, got = 0;
	const char *line;
	size_t len;
	struct stat st = {0};
	void *m = MAP_FAILED;
	int fd;
	FILE *f;

	(void)state;
	if ((fd = open(path, O_RDONLY)) < 0)
		skip();
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m != MAP_FAILED || !S_ISREG(st.st_mode) || st.st_size <= 0) {
		/* Mapped after all, or not the kind of file this is about. */
		if (m != MAP_FAILED)
			munmap(m, (size_t)st.st_size);
		skip();
	}
	assert_non_null(f = fopen(path, "rb"));
	nwant = fread(want, 1, sizeof want, f);
	fclose(f);
	assert_true(nwant > 0);

	assert_int_equal(geo_stream_open(&s, path, NULL), GEO_OK);
	assert_false(geo_lines_map(&l, s));
	assert_null(l.map_stream);
	l.ctx = s;
	while (geo_lines_next(&l, &line, &len, NULL) == GEO_OK && line) {
		assert_true(got + len < nwant);
		assert_memory_equal(line, want + got, len);
		got += len;
		assert_int_equal(want[got], '\n');
		got++;
	}
	assert_int_equal(got, nwant);
	geo_lines_free(&l);
	geo_stream_close(s);
}

/* Lines appended after the file was mapped are read, as read() would. */
static void test_grows(void **state)
{
	const char *path = write_file("one\ntwo\nthr", 11);
	geo_stream *s = NULL;
	geo_lines l = {0};
	const char *line;
	size_t len;
	FILE *f;

	(void)state;
	assert_int_equal(geo_stream_open(&s, path, NULL), GEO_OK);
	assert_true(geo_lines_map(&l, s));
	assert_int_equal(geo_lines_next(&l, &line, &len, NULL), GEO_OK);
	assert_int_equal(len, 3);
	assert_memory_equal(line, "one", 3);
	f = fopen(path, "ab");
	assert_non_null(f);
	fputs("ee\nfour\n", f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(geo_lines_next(&l, &line, &len, NULL), GEO_OK);
	assert_memory_equal(line, "two", 3);
	assert_int_equal(geo_lines_next(&l, &line, &len, NULL), GEO_OK);
	assert_int_equal(len, 5);
	assert_memory_equal(line, "three", 5);
	assert_int_equal(geo_lines_next(&l, &line, &len, NULL), GEO_OK);
	assert_memory_equal(line, "four", 4);
	assert_int_equal(geo_lines_next(&l, &line, &len, NULL), GEO_OK);
	assert_null(line);
	assert_int_equal(l.lineno, 4);
	assert_int_equal(geo_stream_offset(s), 19);
	geo_lines_free(&l);
	geo_stream_close(s);
}

/* A file cut short past the window being read ends where it now ends:
 * the next window is mapped to the size the file has then. */
static void test_shrinks(void **state)
{
	size_t n = 100000 * 100, lines = 0;
	char *data = malloc(n);
	const char *path, *line;
	geo_stream *s = NULL;
	geo_lines l = {0};
	size_t len;

	(void)state;
	assert_non_null(data);
	for (size_t i = 0; i < n; i += 100) {
		memset(data + i, 'x', 99);
		data[i + 99] = '\n';
	}
	path = write_file(data, n);
	assert_int_equal(geo_stream_open(&s, path, NULL), GEO_OK);
	assert_true(geo_lines_map(&l, s));
	assert_int_equal(geo_lines_next(&l, &line, &len, NULL), GEO_OK);
	lines++;
	/* The first window is 4 MB: cut the file at 6 MB + 50 bytes, in
	 * the middle of a line. */
	assert_int_equal(truncate(path, (6 << 20) + 50), 0);
	for (;;) {
		assert_int_equal(geo_lines_next(&l, &line, &len, NULL), GEO_OK);
		if (!line)
			break;
		lines++;
	}
	/* Whole lines up to the cut, then the cut one's first bytes. */
	assert_int_equal(lines, ((6u << 20) + 50) / 100 + 1);
	assert_int_equal(len, 0);
	assert_int_equal(geo_stream_offset(s), (6u << 20) + 50);
	geo_lines_free(&l);
	geo_stream_close(s);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_files),
		cmocka_unit_test(test_large_files),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_unmappable),
		cmocka_unit_test(test_grows),
		cmocka_unit_test(test_shrinks),
	};
	return cmocka_run_group_tests_name("stream_map", tests, setup, teardown);
}
