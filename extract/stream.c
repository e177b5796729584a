/* stream.c - byte streams with peeking, and the line reader. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text_internal.h" /* geo_stream_size_hint */

struct geo_stream {
	int fd;
	char *name;
	unsigned char *peek; /* bytes read ahead for geo_stream_peek() */
	size_t peek_len, peek_pos;
	size_t offset;
};

geo_err geo_stream_open(geo_stream **out, const char *path, geo_error *err)
{
	geo_stream *s;
	struct stat st;
	int fd;

	*out = NULL;
	if (strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return geo_error_set(err, GEO_EIO, "%s: cannot open: %s", path, strerror(errno));
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			close(fd);
			return geo_error_set(err, GEO_EIO, "%s: is a directory", path);
		}
	}
	s = calloc(1, sizeof *s);
	if (!s || !(s->name = strdup(fd == STDIN_FILENO ? "<stdin>" : path))) {
		free(s);
		if (fd != STDIN_FILENO)
			close(fd);
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	}
	s->fd = fd;
	*out = s;
	return GEO_OK;
}

const char *geo_stream_name(const geo_stream *s)
{
	return s->name;
}

static ssize_t read_fd(int fd, void *buf, size_t n)
{
	ssize_t r;

	do
		r = read(fd, buf, n);
	while (r < 0 && errno == EINTR);
	return r;
}

ssize_t geo_stream_peek(geo_stream *s, const unsigned char **p, size_t want)
{
	if (want > s->peek_len) {
		unsigned char *np = realloc(s->peek, want);
		if (!np) {
			errno = ENOMEM;
			return -1;
		}
		s->peek = np;
		while (s->peek_len < want) {
			ssize_t r = read_fd(s->fd, s->peek + s->peek_len, want - s->peek_len);
			if (r < 0)
				return -1;
			if (r == 0)
				break;
			s->peek_len += (size_t)r;
		}
	}
	*p = s->peek;
	return (ssize_t)(s->peek_len < want ? s->peek_len : want);
}

ssize_t geo_stream_read(geo_stream *s, void *buf, size_t n)
{
	ssize_t r;

	if (s->peek_pos < s->peek_len) {
		size_t k = s->peek_len - s->peek_pos;
		if (k > n)
			k = n;
		memcpy(buf, s->peek + s->peek_pos, k);
		s->peek_pos += k;
		s->offset += k;
		return (ssize_t)k;
	}
	r = read_fd(s->fd, buf, n);
	if (r > 0)
		s->offset += (size_t)r;
	return r;
}

size_t geo_stream_size_hint(const geo_stream *s)
{
	struct stat st;

	if (fstat(s->fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0)
		return 0;
	/* Peeked bytes count as unread: the offset is what was consumed. */
	return (size_t)st.st_size > s->offset ? (size_t)st.st_size - s->offset : 0;
}

size_t geo_stream_offset(const geo_stream *s)
{
	return s->offset;
}

void geo_stream_close(geo_stream *s)
{
	if (!s)
		return;
	if (s->fd != STDIN_FILENO)
		close(s->fd);
	free(s->peek);
	free(s->name);
	free(s);
}

/* Reads more input into l->buf, compacting first.  Returns bytes added, 0
 * at EOF, -1 on error. */
static ssize_t lines_fill(geo_lines *l)
{
	ssize_t r;

	if (l->start > 0) {
		memmove(l->buf, l->buf + l->start, l->end - l->start);
		l->end -= l->start;
		l->start = 0;
	}
	if (l->cap - l->end < 65536) {
		size_t cap = l->cap ? l->cap * 2 : 262144;
		char *nb = realloc(l->buf, cap + 1);
		if (!nb) {
			errno = ENOMEM;
			return -1;
		}
		l->buf = nb;
		l->cap = cap;
	}
	r = l->read(l->ctx, l->buf + l->end, l->cap - l->end);
	if (r > 0)
		l->end += (size_t)r;
	return r;
}

/*
 * Mapped input.  A window of the file from the page of the next line,
 * LINES_WINDOW bytes or more, populated as it is mapped (one call maps its
 * pages in, instead of a fault per 16 pages) and unmapped when the lines
 * move past it, so memory stays bounded whatever the file's size.  The
 * kernel's copy into a read buffer, and the page-cache lookups behind it,
 * were a third of the GDELT reader's time on plain files.  The window is
 * the lines' buffer (buf, start, end), so geo_lines_next() reads both the
 * same way.
 */
#define LINES_WINDOW ((size_t)4 << 20)

/* Maps the window for the bytes from the next line on, at least want of
 * them when the file has them; the file's size is taken now, so a window
 * never reaches past the end (where a read would fault).  Returns the
 * bytes mapped from the next line (0 at the end), or -1 with errno. */
static ssize_t map_window(geo_lines *l, size_t want)
{
	static size_t page;
	struct stat st;
	size_t pos = l->map_off + l->start, off, len, size;
	void *m;

	if (!page) {
		long ps = sysconf(_SC_PAGESIZE);
		page = ps > 0 ? (size_t)ps : 4096;
	}
	if (fstat(l->map_stream->fd, &st) != 0)
		return -1;
	size = st.st_size > 0 ? (size_t)st.st_size : 0;
	off = pos - pos % page;
	len = (pos - off) + (want > LINES_WINDOW ? want : LINES_WINDOW);
	if (off >= size)
		len = 0;
	else if (len > size - off)
		len = size - off;
	if (l->map)
		munmap(l->map, l->map_len);
	l->buf = l->map = NULL;
	l->map_len = 0;
	if (len <= pos - off) {
		l->map_off = pos;
		l->start = l->end = 0;
		return 0;
	}
	m = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, l->map_stream->fd, (off_t)off);
	if (m == MAP_FAILED) {
		l->map_off = pos;
		l->start = l->end = 0;
		return -1;
	}
	l->buf = l->map = m;
	l->map_off = off;
	l->map_len = len;
	l->start = pos - off;
	l->end = len;
	return (ssize_t)(len - l->start);
}

bool geo_lines_map(geo_lines *l, geo_stream *s)
{
	struct stat st;

	if (l->buf || s->fd == STDIN_FILENO || s->offset != 0 || s->peek_pos != 0 || fstat(s->fd, &st) != 0 ||
	    !S_ISREG(st.st_mode) || st.st_size <= 0)
		return false;
	l->map_stream = s;
	l->map = NULL;
	l->map_off = l->map_len = l->start = l->end = 0;
	/* A regular file may still refuse a mapping (a sysfs attribute, some
	 * FUSE file systems): it is read then, as before.  Mapping moved
	 * nothing, so the read path starts where it would have. */
	if (map_window(l, 0) < 0) {
		l->map_stream = NULL;
		l->buf = l->map = NULL;
		l->map_off = l->map_len = l->start = l->end = 0;
		return false;
	}
	return true;
}

/* More input after the scanned bytes of the line at start: the bytes
 * added (0 at the end of the input), or -1 with errno. */
static ssize_t lines_more(geo_lines *l, size_t scanned)
{
	ssize_t r;

	if (!l->map_stream)
		return lines_fill(l);
	/* A line that crosses the window's end: a window from its start,
	 * twice as long as what was seen of it. */
	r = map_window(l, 2 * scanned);
	if (r < 0)
		return -1;
	return (size_t)r > scanned ? r - (ssize_t)scanned : 0;
}

/* The next line starts at start: the stream's offset says so for a
 * mapped file (a read moves it for the others). */
static void lines_moved(geo_lines *l)
{
	if (l->map_stream)
		l->map_stream->offset = l->map_off + l->start;
}

geo_err geo_lines_next(geo_lines *l, const char **line, size_t *len, geo_error *err)
{
	size_t max = l->max ? l->max : GEO_MAX_LINE;
	size_t scanned = 0; /* bytes from start known to hold no newline */
	bool too_long = false;

	*line = NULL;
	*len = 0;
	for (;;) {
		char *nl = NULL;
		ssize_t r;

		if (l->end > l->start + scanned) {
			char *from = l->buf + l->start + scanned;
			size_t avail = l->end - l->start - scanned;

			if (l->scan) {
				size_t k = l->scan(l->sctx, from, avail);
				/* The scan's last call must cover the line from
				 * its start: again, when the line crossed the
				 * end of what was read before (rare). */
				if (k < avail) {
					nl = from + k;
					if (scanned > 0 && !too_long)
						(void)l->scan(l->sctx, l->buf + l->start, scanned + k + 1);
				}
			} else {
				nl = memchr(from, '\n', avail);
			}
		}
		if (nl || (l->eof && l->end > l->start)) {
			size_t n = nl ? (size_t)(nl - (l->buf + l->start)) : l->end - l->start;
			char *p = l->buf + l->start;

			if (!nl && l->scan && !too_long) /* the last line, without its '\n' */
				(void)l->scan(l->sctx, p, n);
			l->start += n + (nl ? 1 : 0);
			lines_moved(l);
			l->lineno++;
			/* The limit is on the line's content: a CRLF line of max
			 * bytes is as good as an LF one. */
			if (n > 0 && p[n - 1] == '\r')
				n--;
			if (too_long || n > max)
				return geo_error_set(err, GEO_ELIMIT, "line longer than %zu bytes", max);
			if (!l->map_stream) /* a mapped file's pages are read-only */
				p[n] = '\0';
			*line = p;
			*len = n;
			return GEO_OK;
		}
		if (l->eof) {
			if (!too_long)
				return GEO_OK;
			l->lineno++;
			return geo_error_set(err, GEO_ELIMIT, "line longer than %zu bytes", max);
		}
		scanned = l->end - l->start;
		if (scanned > max + 1) { /* + 1: room for the CR of a CRLF line */
			/* Drop what we have of an over-long line, keep looking for its end. */
			too_long = true;
			l->start = l->end;
			lines_moved(l);
			scanned = 0;
		}
		r = lines_more(l, scanned);
		if (r < 0)
			return geo_error_set(err, GEO_EIO, "read failed: %s", strerror(errno));
		if (r == 0)
			l->eof = true;
	}
}

void geo_lines_free(geo_lines *l)
{
	if (l->map)
		munmap(l->map, l->map_len);
	else if (!l->map_stream)
		free(l->buf);
	l->map = NULL;
	l->map_len = 0;
	l->buf = NULL;
	l->cap = l->start = l->end = 0;
}
