/* outfile.c - atomic output files (see geo.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "geo.h"

struct geo_outfile {
	FILE *fp;
	char *path;    /* as given, for messages */
	char *target;  /* what is replaced: path, or the file a symbolic link names */
	char *tmppath; /* NULL when written in place */
	int is_stdout;
};

/* The temporaries being written, for geo_outfile_remove_temporaries() from
 * a signal handler: a slot is filled once its path is complete and emptied
 * before the path is freed, so the handler sees whole paths only. */
#define MAX_TRACKED 64
static _Atomic(char *) tracked[MAX_TRACKED];

static void track(char *tmppath)
{
	for (int i = 0; i < MAX_TRACKED; i++) {
		char *none = NULL;
		if (atomic_compare_exchange_strong(&tracked[i], &none, tmppath))
			return;
	}
}

static void untrack(char *tmppath)
{
	for (int i = 0; tmppath && i < MAX_TRACKED; i++) {
		char *mine = tmppath;
		if (atomic_compare_exchange_strong(&tracked[i], &mine, NULL))
			return;
	}
}

void geo_outfile_remove_temporaries(void)
{
	for (int i = 0; i < MAX_TRACKED; i++) {
		char *p = atomic_load(&tracked[i]);
		if (p)
			unlink(p);
	}
}

FILE *geo_outfile_fp(geo_outfile *of)
{
	return of->fp;
}

const char *geo_outfile_path(const geo_outfile *of)
{
	return of->path;
}

static void outfile_free(geo_outfile *of)
{
	untrack(of->tmppath);
	free(of->path);
	free(of->target);
	free(of->tmppath);
	free(of);
}

/* Opens a temporary file in the target's directory, with the permissions
 * of the file it will replace (mode 0 when there is none: those a newly
 * created file would get), so that replacing a private file does not make
 * it readable by others. */
static geo_err open_temp(geo_outfile *of, mode_t mode, geo_error *err)
{
	size_t n = strlen(of->target) + sizeof ".tmp.XXXXXX";
	const char *slash = strrchr(of->target, '/');
	const char *base = slash ? slash + 1 : of->target;
	int dirlen = slash ? (int)(slash - of->target + 1) : 0;
	mode_t mask;
	int fd;

	of->tmppath = malloc(n + 1);
	if (!of->tmppath)
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	/* ".name.tmp.XXXXXX" hides the temporary from directory listings. */
	snprintf(of->tmppath, n + 1, "%.*s.%s.tmp.XXXXXX", dirlen, of->target, base);
	fd = mkstemp(of->tmppath);
	if (fd < 0) {
		int e = errno;
		free(of->tmppath);
		of->tmppath = NULL;
		return geo_error_set(err, GEO_EIO, "%s: cannot create: %s", of->path, strerror(e));
	}
	track(of->tmppath);
	if (!mode) {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	(void)fchmod(fd, mode);
	of->fp = fdopen(fd, "w");
	if (!of->fp) {
		close(fd);
		unlink(of->tmppath);
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	}
	return GEO_OK;
}

geo_err geo_outfile_open(geo_outfile **out, const char *path, geo_error *err)
{
	geo_outfile *of;
	struct stat st;
	geo_err rc = GEO_OK;

	*out = NULL;
	of = calloc(1, sizeof *of);
	if (!of || !(of->path = strdup(path))) {
		free(of);
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	}
	/* Write through a symbolic link: replace the file it names, not the
	 * link (a dangling link is replaced). */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && stat(path, &st) == 0)
		of->target = realpath(path, NULL);
	if (!of->target && !(of->target = strdup(path))) {
		outfile_free(of);
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	}
	if (strcmp(path, "-") == 0) {
		of->fp = stdout;
		of->is_stdout = 1;
	} else if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode)) {
			rc = geo_error_set(err, GEO_EIO, "%s: is a directory", path);
		} else if (!(of->fp = fopen(path, "w"))) {
			rc = geo_error_set(err, GEO_EIO, "%s: cannot open: %s", path, strerror(errno));
		}
	} else {
		rc = open_temp(of, stat(of->target, &st) == 0 ? st.st_mode & 07777 : 0, err);
	}
	if (rc != GEO_OK) {
		outfile_free(of);
		return rc;
	}
	*out = of;
	return GEO_OK;
}

geo_err geo_outfile_commit(geo_outfile *of, geo_error *err)
{
	geo_err rc = GEO_OK;
	int failed;

	failed = fflush(of->fp) != 0 || ferror(of->fp);
	if (failed)
		rc = geo_error_set(err, GEO_EIO, "%s: write failed: %s", of->path,
				   strerror(errno ? errno : EIO));
	if (!of->is_stdout && fclose(of->fp) != 0 && rc == GEO_OK)
		rc = geo_error_set(err, GEO_EIO, "%s: write failed: %s", of->path, strerror(errno));
	if (of->tmppath) {
		if (rc == GEO_OK && rename(of->tmppath, of->target) != 0)
			rc = geo_error_set(err, GEO_EIO, "%s: cannot replace: %s", of->path, strerror(errno));
		if (rc != GEO_OK)
			unlink(of->tmppath);
	}
	outfile_free(of);
	return rc;
}

void geo_outfile_abort(geo_outfile *of)
{
	if (!of)
		return;
	if (!of->is_stdout)
		fclose(of->fp);
	if (of->tmppath)
		unlink(of->tmppath);
	outfile_free(of);
}
