/*
 * geo.h - errors, diagnostics and version: the base every geograph module
 * shares.
 *
 * Every library function that can fail returns a geo_err and, when given a
 * non-NULL geo_error, leaves a message in it.  The library never prints and
 * never exits; warnings (skipped records, replaced bytes) go to the
 * diagnostic handler, which the caller installs.
 */
#ifndef GEO_H
#define GEO_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GEO_VERSION "0.1.0"

/* Error codes.  The comment names the geograph command exit status that
 * geo_err_exit_status() maps each to. */
typedef enum geo_err {
	GEO_OK = 0,
	GEO_EDATA,        /* bad input data: malformed record, bad file    (1) */
	GEO_ELIMIT,       /* input exceeds a documented limit              (1) */
	GEO_EUSAGE,       /* bad argument or option value                  (2) */
	GEO_EUNSUPPORTED, /* feature or format not available               (2) */
	GEO_EIO,          /* read or write failure, missing file           (3) */
	GEO_ENOMEM,       /* allocation failed                             (3) */
	GEO_EINTERNAL     /* a library call failed unexpectedly            (3) */
} geo_err;

#define GEO_ERRMSG_MAX 1024

/* An error: its code and a message a user can act on ("FILE:LINE: what").
 * Callers own the struct; it needs no cleanup. */
typedef struct geo_error {
	geo_err code;
	char msg[GEO_ERRMSG_MAX];
} geo_error;

/* Records code and a printf-style message in err (which may be NULL) and
 * returns code, so callers can write `return geo_error_set(err, ...)`. */
geo_err geo_error_set(geo_error *err, geo_err code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Clears err to GEO_OK with an empty message.  err may be NULL. */
void geo_error_clear(geo_error *err);

/* Short constant name of a code ("bad input data"). */
const char *geo_err_str(geo_err code);

/* The geograph command's exit status for a code: 0 ok, 1 bad input data,
 * 2 usage, 3 I/O or internal failure. */
int geo_err_exit_status(geo_err code);

/* Diagnostics.  Levels above GEO_DIAG_WARN are informational. */
typedef enum geo_diag_level {
	GEO_DIAG_WARN = 0, /* something was skipped or repaired */
	GEO_DIAG_INFO = 1, /* progress and summaries (--verbose) */
} geo_diag_level;

typedef void (*geo_diag_fn)(void *user, geo_diag_level level, const char *msg);

/* Installs the process-wide diagnostic handler; NULL discards diagnostics
 * (the default).  Not thread-safe: set it once at start-up. */
void geo_set_diag_handler(geo_diag_fn fn, void *user);

/* Sends a diagnostic to the installed handler. */
void geo_diag(geo_diag_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The library version, GEO_VERSION of the build. */
const char *geo_version(void);

/*
 * Output files that never leave a half-written result.
 *
 * A regular file (or a path that does not exist yet) is written to a
 * temporary file beside the target and renamed over it on commit, so a
 * failure leaves the old file, if any, untouched.  Anything else - "-"
 * (stdout), /dev/stdout, a FIFO, a device such as /dev/full - is written in
 * place and never replaced.  Commit flushes, checks for write errors (a full
 * disk is an error) and closes.
 */
typedef struct geo_outfile geo_outfile;

/* Opens path for writing; "-" means standard output.  On success *out owns
 * the file until geo_outfile_commit() or geo_outfile_abort(). */
geo_err geo_outfile_open(geo_outfile **out, const char *path, geo_error *err);

/* The stream to write to; valid until commit or abort. */
FILE *geo_outfile_fp(geo_outfile *of);

/* The path given to geo_outfile_open(). */
const char *geo_outfile_path(const geo_outfile *of);

/* Finishes the file: flush, close, rename into place.  Frees of whatever
 * the outcome; on failure the target is left as it was (GEO_EIO). */
geo_err geo_outfile_commit(geo_outfile *of, geo_error *err);

/* Discards the file: removes the temporary, leaves the target as it was.
 * Frees of; NULL is allowed. */
void geo_outfile_abort(geo_outfile *of);

/* Removes the temporary file of every output still open (up to 64 at a
 * time are tracked), leaving their targets as they were.  Only calls
 * unlink(), so a signal handler may call it before the process dies
 * (geograph does on SIGINT, SIGTERM and SIGHUP); the outputs themselves
 * must then not be used again. */
void geo_outfile_remove_temporaries(void);

#ifdef __cplusplus
}
#endif

#endif
