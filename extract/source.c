/*
 * source.c - turns a list of paths into one stream of events: expands
 * directories, detects each file's format, runs the matching reader, and
 * keeps the counts of what was read and skipped.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "extract_internal.h"

/* One input file, or a path that failed before it could be opened. */
struct input {
	char *path;
	bool explicit; /* named by the user, not found in a directory */
};

struct geo_source {
	geo_source_opts opts;
	struct input *inputs;
	size_t ninputs, cap, next_input;
	char **roots;  /* the paths as given, expanded lazily */
	size_t nroots, next_root;
	geo_source_stats stats;
	geo_extractor *x;
	/* the file being read */
	geo_stream *stream;
	const geo_reader_ops *ops;
	geo_reader *reader;
	geo_reader_ctx ctx;
	char *doc;
	bool failed;
};

static const char *const skip_names[GEO_SKIP_NREASONS] = {
	[GEO_SKIP_MALFORMED] = "malformed",
	[GEO_SKIP_COLUMNS] = "with the wrong column count",
	[GEO_SKIP_ONE_ACTOR] = "with fewer than two actors",
	[GEO_SKIP_TOO_LONG] = "over the size limit",
	[GEO_SKIP_UNREADABLE] = "unreadable",
};

const char *geo_skip_name(geo_skip why)
{
	return (unsigned)why < GEO_SKIP_NREASONS ? skip_names[why] : "unknown";
}

static const char *const format_names[] = {
	[GEO_INPUT_AUTO] = "auto", [GEO_INPUT_TEXT] = "text",
	[GEO_INPUT_EVENTS] = "events", [GEO_INPUT_GDELT] = "gdelt",
};

const char *geo_input_format_name(geo_input_format f)
{
	return (unsigned)f < sizeof format_names / sizeof *format_names ? format_names[f] : "unknown";
}

bool geo_input_format_parse(const char *s, geo_input_format *out)
{
	for (size_t i = 0; i < sizeof format_names / sizeof *format_names; i++) {
		if (strcmp(s, format_names[i]) == 0) {
			*out = (geo_input_format)i;
			return true;
		}
	}
	return false;
}

geo_err geo_reader_skip(geo_reader_ctx *ctx, geo_skip why, size_t line, geo_error *err,
			const char *fmt, ...)
{
	char what[512], where[64] = "";
	va_list ap;

	ctx->stats->skipped[why]++;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (line)
		snprintf(where, sizeof where, ":%zu", line);
	if (ctx->opts->strict)
		return geo_error_set(err, GEO_EDATA, "%s%s: %s", ctx->path, where, what);
	geo_diag(GEO_DIAG_WARN, "%s%s: %s (skipped)", ctx->path, where, what);
	return GEO_OK;
}

/* File name extensions a directory walk picks up (case-insensitive). */
static bool wanted_name(const char *name)
{
	static const char *const exts[] = {".txt", ".md", ".text", ".jsonl", ".ndjson",
					   ".csv", ".tsv", ".zip", ".gz", NULL};
	size_t n = strlen(name);

	if (name[0] == '.')
		return false;
	for (size_t i = 0; exts[i]; i++) {
		size_t k = strlen(exts[i]);
		if (n > k && strcasecmp(name + n - k, exts[i]) == 0)
			return true;
	}
	return false;
}

static geo_err add_input(geo_source *src, const char *path, size_t len, bool explicit)
{
	struct input *in;

	if (src->ninputs == src->cap) {
		size_t cap = src->cap ? src->cap * 2 : 16;
		in = realloc(src->inputs, cap * sizeof *in);
		if (!in)
			return GEO_ENOMEM;
		src->inputs = in;
		src->cap = cap;
	}
	in = &src->inputs[src->ninputs];
	if (!(in->path = geo_strndup(path, len)))
		return GEO_ENOMEM;
	in->explicit = explicit;
	src->ninputs++;
	return GEO_OK;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directories on the way down, to stop at symlink loops. */
struct visit {
	dev_t dev;
	ino_t ino;
	const struct visit *up;
};

static geo_err walk(geo_source *src, const char *dir, const struct visit *up, geo_error *err)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	geo_err rc = GEO_OK;
	geo_reader_ctx ctx = {.path = dir, .opts = &src->opts, .stats = &src->stats};

	if (!d)
		return geo_reader_skip(&ctx, GEO_SKIP_UNREADABLE, 0, err, "cannot read directory: %s",
				       strerror(errno));
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **nn = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
			if (!nn) {
				rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
				goto out;
			}
			names = nn;
		}
		if (!(names[n] = strdup(de->d_name))) {
			rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
			goto out;
		}
		n++;
	}
	if (n > 1) /* an empty folder has no array at all */
		qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n && rc == GEO_OK; i++) {
		geo_buf path = {0};
		struct stat st;

		if (geo_buf_printf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[i])) {
			rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
			break;
		}
		if (stat(path.data, &st) != 0) {
			ctx.path = path.data;
			rc = geo_reader_skip(&ctx, GEO_SKIP_UNREADABLE, 0, err, "%s", strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			const struct visit *v;
			struct visit here = {st.st_dev, st.st_ino, up};
			for (v = up; v; v = v->up)
				if (v->dev == st.st_dev && v->ino == st.st_ino)
					break;
			if (v) {
				ctx.path = path.data;
				rc = geo_reader_skip(&ctx, GEO_SKIP_UNREADABLE, 0, err,
						     "directory loop (symbolic link to a parent)");
			} else {
				rc = walk(src, path.data, &here, err);
			}
		} else if (S_ISREG(st.st_mode) && wanted_name(names[i])) {
			if (add_input(src, path.data, path.len, false))
				rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
		}
		geo_buf_free(&path);
	}
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return rc;
}

geo_err geo_source_open(geo_source **out, const char *const *paths, size_t npaths,
			const geo_source_opts *opts, geo_error *err)
{
	geo_source *src = calloc(1, sizeof *src);

	*out = NULL;
	if (!src || !(src->roots = calloc(npaths ? npaths : 1, sizeof *src->roots))) {
		free(src);
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	}
	src->opts = *opts;
	for (size_t i = 0; i < npaths; i++) {
		if (!(src->roots[i] = strdup(paths[i]))) {
			geo_source_free(src);
			return geo_error_set(err, GEO_ENOMEM, "out of memory");
		}
		src->nroots++;
	}
	*out = src;
	return GEO_OK;
}

/* Expands the next root path into inputs.  A root that is missing or
 * unreadable is an error: the user named it. */
static geo_err expand_next_root(geo_source *src, geo_error *err)
{
	const char *root = src->roots[src->next_root++];
	struct stat st;

	if (strcmp(root, "-") == 0)
		return add_input(src, root, 1, true) ? geo_error_set(err, GEO_ENOMEM, "out of memory") : GEO_OK;
	if (stat(root, &st) != 0)
		return geo_error_set(err, GEO_EIO, "%s: %s", root, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		struct visit top = {st.st_dev, st.st_ino, NULL};
		return walk(src, root, &top, err);
	}
	return add_input(src, root, strlen(root), true) ? geo_error_set(err, GEO_ENOMEM, "out of memory")
							 : GEO_OK;
}

static char *doc_name(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	if (strcmp(path, "-") == 0)
		return strdup("stdin");
	base = base ? base + 1 : path;
	dot = strchr(base, '.');
	/* "x.export.CSV.zip" -> "x"; a name that is all extension keeps it. */
	return geo_strndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

static void close_current(geo_source *src)
{
	if (src->reader)
		src->ops->close(src->reader);
	if (src->stream) {
		src->stats.bytes += geo_stream_offset(src->stream);
		geo_stream_close(src->stream);
	}
	free(src->doc);
	src->reader = NULL;
	src->stream = NULL;
	src->doc = NULL;
	src->ops = NULL;
}

static geo_err open_input(geo_source *src, const struct input *in, geo_error *err)
{
	const unsigned char *head;
	ssize_t n;
	geo_input_format fmt = src->opts.format;
	geo_err rc;

	rc = geo_stream_open(&src->stream, in->path, err);
	if (rc != GEO_OK) {
		geo_reader_ctx ctx = {.path = in->path, .opts = &src->opts, .stats = &src->stats};
		const char *why = "cannot open";
		size_t plen = strlen(in->path);
		if (in->explicit)
			return rc;
		/* The skip message names the path itself. */
		if (err) {
			why = err->msg;
			if (strncmp(why, in->path, plen) == 0 && strncmp(why + plen, ": ", 2) == 0)
				why += plen + 2;
		}
		char msg[GEO_ERRMSG_MAX];
		snprintf(msg, sizeof msg, "%s", why);
		return geo_reader_skip(&ctx, GEO_SKIP_UNREADABLE, 0, err, "%s", msg);
	}
	src->stats.files++;
	/* Detection looks at the first 4 KB; a forced format needs only to
	 * know the file is not empty, and a pipe should not wait for more. */
	n = geo_stream_peek(src->stream, &head, fmt == GEO_INPUT_AUTO ? 4096 : 1);
	if (n < 0) {
		/* Like a file that cannot be opened: fatal when named, skipped when
		 * found in a folder. */
		geo_reader_ctx ctx = {.path = in->path, .opts = &src->opts, .stats = &src->stats};
		int e = errno;
		close_current(src);
		if (in->explicit)
			return geo_error_set(err, GEO_EIO, "%s: read failed: %s", in->path, strerror(e));
		return geo_reader_skip(&ctx, GEO_SKIP_UNREADABLE, 0, err, "read failed: %s", strerror(e));
	}
	if (n == 0) {
		/* An empty file holds no events in any format: no reader needed
		 * (nor the text extractor built for nothing). */
		close_current(src);
		return GEO_OK;
	}
	if (fmt == GEO_INPUT_AUTO) {
		if (geo_gdelt_sniff(head, (size_t)n))
			fmt = GEO_INPUT_GDELT;
		else if (geo_events_sniff(head, (size_t)n))
			fmt = GEO_INPUT_EVENTS;
		else
			fmt = GEO_INPUT_TEXT;
	}
	src->ops = fmt == GEO_INPUT_GDELT ? &geo_gdelt_reader_ops
		 : fmt == GEO_INPUT_EVENTS ? &geo_events_reader_ops : &geo_text_reader_ops;
	if (fmt == GEO_INPUT_TEXT && !src->x) {
		geo_extract_opts xo = {.level = src->opts.level};
		if (!src->opts.dict) {
			close_current(src);
			return geo_error_set(err, GEO_EUSAGE, "%s: text input needs a dictionary", in->path);
		}
		rc = geo_extractor_new(&src->x, src->opts.dict, &xo, err);
		if (rc != GEO_OK) {
			close_current(src);
			return rc;
		}
	}
	if (!(src->doc = doc_name(in->path))) {
		close_current(src);
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	}
	src->ctx = (geo_reader_ctx){
		.path = geo_stream_name(src->stream),
		.doc = src->doc,
		.stream = src->stream,
		.opts = &src->opts,
		.stats = &src->stats,
		.x = src->x,
	};
	rc = src->ops->open(&src->reader, &src->ctx, err);
	if (rc != GEO_OK)
		close_current(src);
	return rc;
}

geo_err geo_source_next(geo_source *src, const geo_event **ev, geo_error *err)
{
	geo_err rc;

	*ev = NULL;
	if (src->failed)
		return geo_error_set(err, GEO_EINTERNAL, "event source used after an error");
	for (;;) {
		if (src->reader) {
			rc = src->ops->next(src->reader, ev, err);
			if (rc != GEO_OK)
				goto fail;
			if (*ev) {
				src->stats.events++;
				return GEO_OK;
			}
			close_current(src);
			continue;
		}
		if (src->next_input < src->ninputs) {
			rc = open_input(src, &src->inputs[src->next_input++], err);
			if (rc != GEO_OK)
				goto fail;
			continue;
		}
		if (src->next_root < src->nroots) {
			rc = expand_next_root(src, err);
			if (rc != GEO_OK)
				goto fail;
			continue;
		}
		return GEO_OK;
	}
fail:
	src->failed = true;
	close_current(src);
	return rc;
}

const geo_source_stats *geo_source_get_stats(const geo_source *src)
{
	return &src->stats;
}

void geo_source_free(geo_source *src)
{
	if (!src)
		return;
	close_current(src);
	for (size_t i = 0; i < src->ninputs; i++)
		free(src->inputs[i].path);
	for (size_t i = 0; i < src->nroots; i++)
		free(src->roots[i]);
	free(src->inputs);
	free(src->roots);
	geo_extractor_free(src->x);
	free(src);
}

size_t geo_source_bytes_read(const geo_source *src)
{
	return src->stats.bytes + (src->stream ? geo_stream_offset(src->stream) : 0);
}

/* walk() without the reading: sums sizes and stays silent, since the source
 * itself reports what cannot be read when it gets there. */
static geo_err measure_dir(const char *dir, const struct visit *up, geo_source_size *out)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	geo_err rc = GEO_OK;

	if (!d) {
		out->exact = false;
		return GEO_OK;
	}
	while (rc == GEO_OK && (de = readdir(d))) {
		geo_buf path = {0};
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		if (geo_buf_printf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", de->d_name)) {
			rc = GEO_ENOMEM;
			break;
		}
		if (stat(path.data, &st) != 0) {
			out->exact = false;
		} else if (S_ISDIR(st.st_mode)) {
			const struct visit *v;
			struct visit here = {st.st_dev, st.st_ino, up};
			for (v = up; v && !(v->dev == st.st_dev && v->ino == st.st_ino); v = v->up)
				;
			if (!v)
				rc = measure_dir(path.data, &here, out);
		} else if (S_ISREG(st.st_mode) && wanted_name(de->d_name)) {
			out->bytes += (size_t)st.st_size;
			out->files++;
		}
		geo_buf_free(&path);
	}
	closedir(d);
	return rc;
}

geo_err geo_source_measure(const char *const *paths, size_t npaths, geo_source_size *out, geo_error *err)
{
	geo_err rc = GEO_OK;

	*out = (geo_source_size){.exact = true};
	for (size_t i = 0; i < npaths && rc == GEO_OK; i++) {
		struct stat st;

		if (strcmp(paths[i], "-") == 0) {
			out->exact = false;
			out->files++;
		} else if (stat(paths[i], &st) != 0) {
			out->exact = false;
		} else if (S_ISDIR(st.st_mode)) {
			struct visit top = {st.st_dev, st.st_ino, NULL};
			rc = measure_dir(paths[i], &top, out);
		} else {
			/* A named file is read whatever it is; a pipe or device
			 * has no size to add. */
			if (S_ISREG(st.st_mode))
				out->bytes += (size_t)st.st_size;
			else
				out->exact = false;
			out->files++;
		}
	}
	if (rc != GEO_OK)
		return geo_error_set(err, rc, "out of memory");
	return GEO_OK;
}
