/* test_stream_hint.c - geo_stream_size_hint(), which lets the text reader
 * read a file into one allocation: the bytes left in a regular file
 * before and after peeking and reading, and no hint for a pipe. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "text_internal.h"

static void test_regular_file(void **state)
{
	char path[] = "/tmp/geo-hint-XXXXXX";
	char buf[4096];
	const unsigned char *p;
	geo_stream *s = NULL;
	geo_error err = {0};
	size_t total = 0;
	ssize_t k;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(write(fd, "0123456789", 10), 10);
	close(fd);
	assert_int_equal(geo_stream_open(&s, path, &err), GEO_OK);
	assert_int_equal(geo_stream_size_hint(s), 10000);
	/* Peeked bytes are not consumed: still the whole file. */
	assert_int_equal(geo_stream_peek(s, &p, 100), 100);
	assert_int_equal(geo_stream_size_hint(s), 10000);
	/* Part of the peeked bytes read, then part of the file past them. */
	assert_int_equal(geo_stream_read(s, buf, 40), 40);
	assert_int_equal(geo_stream_size_hint(s), 10000 - 40);
	assert_int_equal(geo_stream_read(s, buf, 60), 60);
	assert_int_equal(geo_stream_read(s, buf, 900), 900);
	assert_int_equal(geo_stream_size_hint(s), 9000);
	total = 1000;
	while ((k = geo_stream_read(s, buf, sizeof buf)) > 0)
		total += (size_t)k;
	assert_int_equal(total, 10000);
	assert_int_equal(geo_stream_size_hint(s), 0);
	geo_stream_close(s);
	unlink(path);
}

static void test_empty_file_and_pipe(void **state)
{
	char path[] = "/tmp/geo-hint-XXXXXX";
	geo_stream *s = NULL;
	geo_error err = {0};
	int fd = mkstemp(path), pfd[2];

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(geo_stream_open(&s, path, &err), GEO_OK);
	assert_int_equal(geo_stream_size_hint(s), 0);
	geo_stream_close(s);
	unlink(path);

	/* A pipe has no size: no hint, as for standard input. */
	assert_int_equal(pipe(pfd), 0);
	assert_int_equal(write(pfd[1], "abc", 3), 3);
	close(pfd[1]);
	{
		char name[64];
		snprintf(name, sizeof name, "/dev/fd/%d", pfd[0]);
		assert_int_equal(geo_stream_open(&s, name, &err), GEO_OK);
	}
	assert_int_equal(geo_stream_size_hint(s), 0);
	geo_stream_close(s);
	close(pfd[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regular_file),
		cmocka_unit_test(test_empty_file_and_pipe),
	};

	return cmocka_run_group_tests_name("stream_hint", tests, NULL, NULL);
}
