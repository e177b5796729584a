/*
 * extract_internal.h - what the readers inside extract/ share: byte streams,
 * the line reader, the per-format reader interface, skip accounting and the
 * dictionary's raw entries.  Not installed.
 */
#ifndef GEO_EXTRACT_INTERNAL_H
#define GEO_EXTRACT_INTERNAL_H

#include <sys/types.h>

#include "core_internal.h"
#include "extract.h"

/* ------------------------------------------------------------------ */
/* Byte streams                                                        */

/* A file or standard input, read forward, whose first bytes can be peeked
 * at before reading (for format detection). */
typedef struct geo_stream geo_stream;

/* Opens path ("-": standard input).  GEO_EIO names the path on failure. */
geo_err geo_stream_open(geo_stream **out, const char *path, geo_error *err);

/* The name for messages: the path, or "<stdin>". */
const char *geo_stream_name(const geo_stream *s);

/* Makes up to want bytes from the start of the stream available in *p
 * without consuming them; returns how many there are (fewer at EOF).  Only
 * valid before the first geo_stream_read().  -1 on a read error. */
ssize_t geo_stream_peek(geo_stream *s, const unsigned char **p, size_t want);

/* Reads up to n bytes; 0 at end of file, -1 on error (errno set). */
ssize_t geo_stream_read(geo_stream *s, void *buf, size_t n);

/* Bytes consumed so far. */
size_t geo_stream_offset(const geo_stream *s);

void geo_stream_close(geo_stream *s);

/* A function that reads like geo_stream_read(), so that decompressors can
 * sit between a stream and the line reader. */
typedef ssize_t (*geo_read_fn)(void *ctx, void *buf, size_t n);

/* Finds the end of a line in p[0..n): the offset of the first '\n', or n
 * when there is none.  A reader may use one to learn more of the line in
 * the same pass (where its fields start). */
typedef size_t (*geo_scan_fn)(void *sctx, const char *p, size_t n);

/* Splits what a geo_read_fn returns into lines.  Zero-initialise, then set
 * read, ctx and max (0: GEO_MAX_LINE), and scan and sctx to find line ends
 * with a scan function instead of memchr: it is called on the bytes from
 * the line's start, and its last call before a line is returned covered
 * exactly that line (up to its '\n', or all of it at the end of input). */
typedef struct geo_lines {
	geo_read_fn read;
	void *ctx;
	geo_scan_fn scan; /* NULL: memchr */
	void *sctx;
	size_t max;     /* longest line accepted, in bytes */
	size_t lineno;  /* 1-based number of the line last returned */
	char *buf;      /* what is read; for a mapped file, the window */
	size_t cap, start, end;
	bool eof;
	/* a file read through its pages (geo_lines_map): the window mapped
	 * (NULL when none), its offset in the file and its length */
	geo_stream *map_stream;
	char *map;
	size_t map_off, map_len;
} geo_lines;

/*
 * Returns the next line in *line (without "\n" or "\r\n"; NUL-terminated,
 * valid until the next call) and its length, or *line = NULL at end.  A line
 * longer than max is consumed and reported as GEO_ELIMIT (lineno set to it)
 * so the caller can skip it and go on.  GEO_EIO on a read error.
 */
geo_err geo_lines_next(geo_lines *l, const char **line, size_t *len, geo_error *err);
void geo_lines_free(geo_lines *l);

/*
 * Makes l read s, a regular file nothing was read from yet (peeking is
 * fine), through windows of its pages mapped in turn instead of copies
 * (read and ctx are then not used).  The lines geo_lines_next() returns
 * are then NOT NUL-terminated, and stay valid until the next call.  The
 * file's size is looked at again at its end, so a file that grows while
 * read is read to its new end, as with read().  Returns false, l
 * unchanged, when s cannot be mapped (standard input, a pipe, a device,
 * an empty file, a file the kernel will not map): then read as before.
 */
bool geo_lines_map(geo_lines *l, geo_stream *s);

/* ------------------------------------------------------------------ */
/* Readers: one per input format, one instance per file                */

typedef struct geo_reader geo_reader; /* defined by each format */

/* What a reader is given. */
typedef struct geo_reader_ctx {
	const char *path;         /* the file name for messages */
	const char *doc;          /* file name without directory and extension */
	geo_stream *stream;       /* positioned at the start; owned by the source */
	const geo_source_opts *opts;
	geo_source_stats *stats;  /* the reader updates its counters */
	geo_extractor *x;         /* for text: created on first use */
} geo_reader_ctx;

typedef struct geo_reader_ops {
	const char *name;
	geo_err (*open)(geo_reader **out, geo_reader_ctx *ctx, geo_error *err);
	/* *ev = NULL at the end of the file. */
	geo_err (*next)(geo_reader *r, const geo_event **ev, geo_error *err);
	void (*close)(geo_reader *r);
} geo_reader_ops;

extern const geo_reader_ops geo_text_reader_ops;
extern const geo_reader_ops geo_events_reader_ops;
extern const geo_reader_ops geo_gdelt_reader_ops;

/* True when the first bytes of a file look like a GDELT export (plain,
 * zip or gzip). */
bool geo_gdelt_sniff(const unsigned char *p, size_t n);

/* True when the first bytes look like events JSON Lines. */
bool geo_events_sniff(const unsigned char *p, size_t n);

/*
 * Accounts for a skipped record: counts it under why, and either warns
 * "path:line: message (skipped)" through geo_diag() and returns GEO_OK, or,
 * under opts->strict, returns GEO_EDATA with "path:line: message".  line 0
 * means no line number.
 */
geo_err geo_reader_skip(geo_reader_ctx *ctx, geo_skip why, size_t line, geo_error *err,
			const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* ------------------------------------------------------------------ */
/* Dictionary entries as loaded, for the extractor to build matchers   */

/* One line of a dictionary file after its keyword, split at TABs. */
typedef struct geo_dict_line {
	const char *kind;    /* "name", "adj", "verb", ... */
	size_t nfields;
	char **fields;
	const char *file;
	size_t lineno;
} geo_dict_line;

/* A top-level entry: an "actor" or "relation" block with its lines, or a
 * single top-level line such as "role" or "media". */
typedef struct geo_dict_entry {
	const char *kind;    /* "actor", "relation", "role", "media" */
	size_t nfields;
	char **fields;       /* the fields after the keyword */
	size_t nlines;
	geo_dict_line *lines;
	const char *file;
	size_t lineno;
	size_t index;        /* for actor/relation: index in geo_dict_*_at() */
} geo_dict_entry;

size_t geo_dict_entry_count(const geo_dict *d);
const geo_dict_entry *geo_dict_entry_at(const geo_dict *d, size_t i);

/* Splits an alias field "a; b; c" into its items, calling fn for each
 * (trimmed, non-empty).  Returns the first non-GEO_OK result of fn. */
geo_err geo_dict_each_alias(const char *field, geo_err (*fn)(void *user, const char *s, size_t n),
			    void *user);

/* The built-in dictionary files, embedded at build time. */
extern const char geo_dict_actors_data[];
extern const size_t geo_dict_actors_size;
extern const char geo_dict_relations_data[];
extern const size_t geo_dict_relations_size;

#endif
