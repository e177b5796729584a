/* error.c - error records, the diagnostic channel, version. */
#include <stdio.h>
#include <string.h>

#include "geo.h"

geo_err geo_error_set(geo_error *err, geo_err code, const char *fmt, ...)
{
	if (err) {
		va_list ap;

		err->code = code;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return code;
}

void geo_error_clear(geo_error *err)
{
	if (err) {
		err->code = GEO_OK;
		err->msg[0] = '\0';
	}
}

const char *geo_err_str(geo_err code)
{
	switch (code) {
	case GEO_OK: return "success";
	case GEO_EDATA: return "bad input data";
	case GEO_ELIMIT: return "input exceeds a limit";
	case GEO_EUSAGE: return "usage error";
	case GEO_EUNSUPPORTED: return "not supported";
	case GEO_EIO: return "I/O error";
	case GEO_ENOMEM: return "out of memory";
	case GEO_EINTERNAL: return "internal error";
	}
	return "unknown error";
}

int geo_err_exit_status(geo_err code)
{
	switch (code) {
	case GEO_OK: return 0;
	case GEO_EDATA:
	case GEO_ELIMIT: return 1;
	case GEO_EUSAGE:
	case GEO_EUNSUPPORTED: return 2;
	case GEO_EIO:
	case GEO_ENOMEM:
	case GEO_EINTERNAL: return 3;
	}
	return 3;
}

static geo_diag_fn diag_fn;
static void *diag_user;

void geo_set_diag_handler(geo_diag_fn fn, void *user)
{
	diag_fn = fn;
	diag_user = user;
}

void geo_diag(geo_diag_level level, const char *fmt, ...)
{
	char msg[GEO_ERRMSG_MAX];
	va_list ap;

	if (!diag_fn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_fn(diag_user, level, msg);
}

const char *geo_version(void)
{
	return GEO_VERSION;
}
