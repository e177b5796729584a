/*
 * replay.c - runs a fuzz harness over files without libFuzzer, for
 * `make check`: every file named on the command line, and every file in a
 * folder named there.  Prints a TAP line per file; a crash ends the program,
 * which the test runner counts as a failure.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;
	uint8_t chunk[65536];

	if (!fp) {
		printf("not ok - %s: cannot open\n", path);
		return 1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		if (len + n > cap) {
			uint8_t *p = realloc(buf, cap = (len + n) * 2);
			if (!p) {
				free(buf);
				fclose(fp);
				printf("not ok - %s: out of memory\n", path);
				return 1;
			}
			buf = p;
		}
		memcpy(buf + len, chunk, n);
		len += n;
	}
	fclose(fp);
	LLVMFuzzerTestOneInput(buf ? buf : (const uint8_t *)"", len);
	free(buf);
	printf("ok - %s\n", path);
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_dir(const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort), bad = 0;

	(void)cmp;
	if (n < 0)
		return 0; /* no such folder: nothing saved yet */
	for (int i = 0; i < n; i++) {
		char path[4096];
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
		if (names[i]->d_name[0] != '.' && stat(path, &st) == 0 && S_ISREG(st.st_mode))
			bad |= replay_file(path);
		free(names[i]);
	}
	free(names);
	return bad;
}

int main(int argc, char **argv)
{
	int bad = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			bad |= replay_dir(argv[i]);
		else
			bad |= replay_file(argv[i]);
	}
	return bad;
}
