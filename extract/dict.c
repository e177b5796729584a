/*
 * dict.c - the dictionary files: actors (states, organisations, people,
 * institutions, their names, adjectives and seats of power) and relations
 * (taxonomy label, CAMEO code, Goldstein value, quad class, triggers).
 *
 * Format, one record per line, fields separated by TABs:
 *
 *   # a comment
 *   actor	ID	TYPE	LABEL	[cameo=CODE]	[affiliation=ID]
 *   	name	United States; U.S.; America      (lines that start with a TAB
 *   	adj	American; Americans                belong to the block above)
 *   relation	LABEL	DISPLAY	CAMEO	GOLDSTEIN	QUAD	[FLAG]...
 *     FLAG: trade, symmetric, or a keyword of rel_words below
 *   	verb	sanction; impose ... sanctions on   (also noun, phrase, and
 *   	                                            received: a verb read
 *   	                                            the other way round)
 *   	object	oil; crude                          (words the triggers
 *   	                                            after it need)
 *   role	Treasury Secretary	Secretary of the Treasury; Treasury chief
 *   media	Reuters; Associated Press
 *
 * A repeated actor id or relation label updates the earlier entry's
 * attributes and adds its lines.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract_internal.h"

/* Keywords after QUAD that tell the grammar how to read the triggers. */
static const struct {
	const char *word;
	unsigned bit;
} rel_words[] = {
	{"mutual", GEO_REL_MUTUAL}, {"host", GEO_REL_HOST},     {"meet", GEO_REL_MEET},
	{"visit", GEO_REL_VISIT},   {"words", GEO_REL_WORDS},   {"nested", GEO_REL_NESTED},
	{"deploy", GEO_REL_DEPLOY}, {"that", GEO_REL_THAT},
};

/* The GEO_REL_* bit of a flag keyword; 0 for trade, symmetric and
 * unknown words. */
static unsigned rel_word(const char *w)
{
	for (size_t i = 0; i < sizeof rel_words / sizeof rel_words[0]; i++)
		if (strcmp(rel_words[i].word, w) == 0)
			return rel_words[i].bit;
	return 0;
}

/* Which line kinds each block accepts, and which keywords stand alone. */
static const char *const actor_kinds[] = {"name", "adj", "seat", "city", "bare", "not", NULL};
static const char *const relation_kinds[] = {"verb", "noun", "phrase", "object", "received", NULL};
static const char *const toplevel_kinds[] = {"role", "media", NULL};

struct geo_dict {
	geo_dict_entry **entries;
	size_t nentries, cap_entries;
	geo_actor_info **actors;
	size_t nactors, cap_actors;
	geo_relation_info **relations;
	size_t nrelations, cap_relations;
	geo_strmap *actor_ids;      /* id -> index in actors */
	geo_strmap *relation_ids;   /* label -> index in relations */
	geo_strmap *cameo_ids;      /* cameo code -> first relation index */
};

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

static geo_err grow_array(void **arr, size_t *cap, size_t need, size_t size)
{
	void *p;
	size_t ncap;

	if (need <= *cap)
		return GEO_OK;
	ncap = *cap ? *cap * 2 : 64;
	while (ncap < need)
		ncap *= 2;
	p = realloc(*arr, ncap * size);
	if (!p)
		return GEO_ENOMEM;
	*arr = p;
	*cap = ncap;
	return GEO_OK;
}

static void free_fields(char **fields, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(fields[i]);
	free(fields);
}

static void entry_free(geo_dict_entry *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->nlines; i++) {
		free((char *)e->lines[i].kind);
		free_fields(e->lines[i].fields, e->lines[i].nfields);
	}
	free(e->lines);
	free((char *)e->kind);
	free_fields(e->fields, e->nfields);
	free((char *)e->file);
	free(e);
}

geo_err geo_dict_new_empty(geo_dict **out, geo_error *err)
{
	geo_dict *d = calloc(1, sizeof *d);

	*out = NULL;
	if (!d || !(d->actor_ids = geo_strmap_new()) || !(d->relation_ids = geo_strmap_new()) ||
	    !(d->cameo_ids = geo_strmap_new())) {
		geo_dict_free(d);
		return geo_error_set(err, GEO_ENOMEM, "out of memory");
	}
	*out = d;
	return GEO_OK;
}

void geo_dict_free(geo_dict *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nentries; i++)
		entry_free(d->entries[i]);
	for (size_t i = 0; i < d->nactors; i++)
		free(d->actors[i]);
	for (size_t i = 0; i < d->nrelations; i++)
		free(d->relations[i]);
	free(d->entries);
	free(d->actors);
	free(d->relations);
	geo_strmap_free(d->actor_ids);
	geo_strmap_free(d->relation_ids);
	geo_strmap_free(d->cameo_ids);
	free(d);
}

/* Splits line (NUL-terminated, no newline) at TABs into fresh strings. */
static geo_err split_tabs(const char *line, char ***out, size_t *n)
{
	size_t count = 1, i = 0;
	char **fields;

	for (const char *p = line; *p; p++)
		count += *p == '\t';
	fields = calloc(count, sizeof *fields);
	if (!fields)
		return GEO_ENOMEM;
	for (const char *p = line;; i++) {
		const char *tab = strchr(p, '\t');
		size_t len = tab ? (size_t)(tab - p) : strlen(p);
		/* Trim spaces around each field: hand-edited files have them. */
		while (len && isspace((unsigned char)*p))
			p++, len--;
		while (len && isspace((unsigned char)p[len - 1]))
			len--;
		fields[i] = geo_strndup(p, len);
		if (!fields[i]) {
			free_fields(fields, i);
			return GEO_ENOMEM;
		}
		if (!tab)
			break;
		p = tab + 1;
	}
	*out = fields;
	*n = count;
	return GEO_OK;
}

static bool valid_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (isspace((unsigned char)*s) || *s == '"')
			return false;
	return true;
}

static bool valid_label(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_'))
			return false;
	return true;
}

static bool valid_cameo(const char *s)
{
	size_t n = strlen(s);

	if (n < 2 || n > 4)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* Checks an entry's own fields; returns NULL or what is wrong. */
static const char *check_entry(const geo_dict_entry *e, char *msg, size_t msglen)
{
	geo_actor_type type;

	if (strcmp(e->kind, "actor") == 0) {
		if (e->nfields < 3)
			return "actor needs ID, TYPE and LABEL";
		if (!valid_id(e->fields[0]))
			return "actor ID is empty or holds spaces";
		if (!geo_actor_type_parse(e->fields[1], &type) || type == GEO_ACTOR_UNKNOWN) {
			snprintf(msg, msglen, "unknown actor type \"%.40s\" (country, igo, person, institution, group)",
				 e->fields[1]);
			return msg;
		}
		if (!*e->fields[2])
			return "actor LABEL is empty";
		for (size_t i = 3; i < e->nfields; i++) {
			const char *f = e->fields[i];
			if (!*f)
				continue;
			if (strncmp(f, "cameo=", 6) != 0 && strncmp(f, "affiliation=", 12) != 0) {
				snprintf(msg, msglen, "unknown actor option \"%.40s\" (cameo=, affiliation=)", f);
				return msg;
			}
		}
	} else if (strcmp(e->kind, "relation") == 0) {
		char *end;
		double g;
		if (e->nfields < 5)
			return "relation needs LABEL, DISPLAY, CAMEO, GOLDSTEIN and QUAD";
		if (!valid_label(e->fields[0]))
			return "relation LABEL must be lower-case letters, digits and _";
		if (!*e->fields[1])
			return "relation DISPLAY is empty";
		if (!valid_cameo(e->fields[2]))
			return "relation CAMEO must be 2 to 4 digits";
		errno = 0;
		g = strtod(e->fields[3], &end);
		if (errno || end == e->fields[3] || *end || !isfinite(g) || g < -10 || g > 10)
			return "relation GOLDSTEIN must be a number from -10 to 10";
		if (strlen(e->fields[4]) != 1 || e->fields[4][0] < '1' || e->fields[4][0] > '4')
			return "relation QUAD must be 1, 2, 3 or 4";
		for (size_t i = 5; i < e->nfields; i++) {
			if (*e->fields[i] && strcmp(e->fields[i], "trade") != 0 &&
			    strcmp(e->fields[i], "symmetric") != 0 && !rel_word(e->fields[i])) {
				snprintf(msg, msglen,
					 "unknown relation flag \"%.40s\" (trade, symmetric, mutual, host, meet, "
					 "visit, words, nested, deploy, that)",
					 e->fields[i]);
				return msg;
			}
		}
	} else if (e->nfields < 1 || !*e->fields[0]) {
		snprintf(msg, msglen, "%s needs a value", e->kind);
		return msg;
	}
	return NULL;
}

static const char *option(const geo_dict_entry *e, const char *key)
{
	size_t n = strlen(key);

	for (size_t i = 3; i < e->nfields; i++)
		if (strncmp(e->fields[i], key, n) == 0 && e->fields[i][n] == '=')
			return e->fields[i][n + 1] ? e->fields[i] + n + 1 : NULL;
	return NULL;
}

/* Makes e's actor or relation known to d (new, or updating one of the same
 * id). */
static geo_err apply_entry(geo_dict *d, geo_dict_entry *e)
{
	size_t idx;

	if (strcmp(e->kind, "actor") == 0) {
		geo_actor_info *a;
		idx = d->nactors;
		if (geo_strmap_put(d->actor_ids, e->fields[0], strlen(e->fields[0]), &idx, NULL))
			return GEO_ENOMEM;
		if (idx == d->nactors) {
			if (grow_array((void **)&d->actors, &d->cap_actors, d->nactors + 1, sizeof *d->actors))
				return GEO_ENOMEM;
			if (!(d->actors[d->nactors] = calloc(1, sizeof **d->actors)))
				return GEO_ENOMEM;
			d->nactors++;
		}
		a = d->actors[idx];
		a->id = e->fields[0];
		geo_actor_type_parse(e->fields[1], &a->type);
		a->label = e->fields[2];
		a->cameo = option(e, "cameo");
		a->affiliation = option(e, "affiliation");
		e->index = idx;
	} else if (strcmp(e->kind, "relation") == 0) {
		geo_relation_info *r;
		idx = d->nrelations;
		if (geo_strmap_put(d->relation_ids, e->fields[0], strlen(e->fields[0]), &idx, NULL))
			return GEO_ENOMEM;
		if (idx == d->nrelations) {
			if (grow_array((void **)&d->relations, &d->cap_relations, d->nrelations + 1,
				       sizeof *d->relations))
				return GEO_ENOMEM;
			if (!(d->relations[d->nrelations] = calloc(1, sizeof **d->relations)))
				return GEO_ENOMEM;
			d->nrelations++;
		}
		r = d->relations[idx];
		r->label = e->fields[0];
		r->display = e->fields[1];
		r->cameo = e->fields[2];
		r->goldstein = strtod(e->fields[3], NULL);
		r->quad = e->fields[4][0] - '0';
		r->trade = r->symmetric = false;
		r->grammar = 0;
		for (size_t i = 5; i < e->nfields; i++) {
			r->trade |= strcmp(e->fields[i], "trade") == 0;
			r->symmetric |= strcmp(e->fields[i], "symmetric") == 0;
			r->grammar |= rel_word(e->fields[i]);
		}
		size_t first = idx;
		if (geo_strmap_put(d->cameo_ids, r->cameo, strlen(r->cameo), &first, NULL))
			return GEO_ENOMEM;
		e->index = idx;
	}
	return GEO_OK;
}

geo_err geo_dict_load_buffer(geo_dict *d, const char *name, const char *data, size_t len,
			     geo_error *err)
{
	geo_dict_entry **fresh = NULL, *cur = NULL;
	size_t nfresh = 0, capfresh = 0, lineno = 0;
	const char *p = data, *end = data + len;
	char *line = NULL;
	geo_err rc = GEO_OK;
	char msg[160];

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char **fields = NULL;
		size_t nfields = 0;
		const char *why;

		lineno++;
		if (n && p[n - 1] == '\r')
			n--;
		free(line);
		line = geo_strndup(p, n);
		p = nl ? nl + 1 : end;
		if (!line) {
			rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
			goto out;
		}
		if (lineno == 1 && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
			memmove(line, line + 3, n - 2);
			n -= 3;
		}
		if (strlen(line) != n) {
			rc = geo_error_set(err, GEO_EDATA, "%s:%zu: NUL byte in dictionary line", name, lineno);
			goto out;
		}
		if (!geo_utf8_valid(line, strlen(line))) {
			rc = geo_error_set(err, GEO_EDATA, "%s:%zu: not valid UTF-8", name, lineno);
			goto out;
		}
		{
			const char *q = line;
			while (*q == ' ')
				q++;
			if (*q == '\0' || *q == '#')
				continue;
		}
		if (split_tabs(line, &fields, &nfields)) {
			rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
			goto out;
		}
		if (line[0] == '\t' || line[0] == ' ') {
			/* A line of the current block: fields[0] is empty, [1] the kind. */
			const char *const *kinds;
			geo_dict_line *dl;
			if (!cur || (strcmp(cur->kind, "actor") != 0 && strcmp(cur->kind, "relation") != 0)) {
				free_fields(fields, nfields);
				rc = geo_error_set(err, GEO_EDATA, "%s:%zu: indented line outside an actor or relation block",
						   name, lineno);
				goto out;
			}
			kinds = strcmp(cur->kind, "actor") == 0 ? actor_kinds : relation_kinds;
			if (nfields < 3 || !in_list(kinds, fields[1]) || !*fields[2]) {
				int bad_kind = nfields >= 2 && !in_list(kinds, fields[1]);
				rc = geo_error_set(err, GEO_EDATA, bad_kind ? "%s:%zu: unknown %s line kind \"%.40s\""
									    : "%s:%zu: %s line needs KIND and a value%.0s",
						   name, lineno, cur->kind, nfields >= 2 ? fields[1] : "");
				free_fields(fields, nfields);
				goto out;
			}
			dl = realloc(cur->lines, (cur->nlines + 1) * sizeof *cur->lines);
			if (!dl) {
				free_fields(fields, nfields);
				rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
				goto out;
			}
			cur->lines = dl;
			dl = &cur->lines[cur->nlines];
			dl->kind = fields[1];
			free(fields[0]);
			memmove(fields, fields + 2, (nfields - 2) * sizeof *fields);
			dl->fields = fields;
			dl->nfields = nfields - 2;
			dl->file = cur->file;
			dl->lineno = lineno;
			cur->nlines++;
			continue;
		}
		if (strcmp(fields[0], "actor") != 0 && strcmp(fields[0], "relation") != 0 &&
		    !in_list(toplevel_kinds, fields[0])) {
			rc = geo_error_set(err, GEO_EDATA, "%s:%zu: unknown keyword \"%.40s\"", name, lineno, fields[0]);
			free_fields(fields, nfields);
			goto out;
		}
		cur = calloc(1, sizeof *cur);
		if (!cur || grow_array((void **)&fresh, &capfresh, nfresh + 1, sizeof *fresh) ||
		    !(cur->file = strdup(name))) {
			free(cur);
			cur = NULL;
			free_fields(fields, nfields);
			rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
			goto out;
		}
		fresh[nfresh++] = cur;
		cur->kind = fields[0];
		cur->nfields = nfields - 1;
		cur->lineno = lineno;
		memmove(fields, fields + 1, (nfields - 1) * sizeof *fields);
		cur->fields = fields;
		if ((why = check_entry(cur, msg, sizeof msg))) {
			rc = geo_error_set(err, GEO_EDATA, "%s:%zu: %s", name, lineno, why);
			goto out;
		}
	}

	/* Everything parsed: now commit, so a bad file changes nothing. */
	if (grow_array((void **)&d->entries, &d->cap_entries, d->nentries + nfresh, sizeof *d->entries)) {
		rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < nfresh; i++) {
		if (apply_entry(d, fresh[i]) != GEO_OK) {
			/* Entries applied so far stay; the rest are freed below. */
			rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
			memmove(fresh, fresh + i, (nfresh - i) * sizeof *fresh);
			nfresh -= i;
			goto out;
		}
		d->entries[d->nentries++] = fresh[i];
	}
	nfresh = 0;
out:
	for (size_t i = 0; i < nfresh; i++)
		entry_free(fresh[i]);
	free(fresh);
	free(line);
	return rc;
}

geo_err geo_dict_load_file(geo_dict *d, const char *path, geo_error *err)
{
	FILE *fp = fopen(path, "rb");
	geo_buf b = {0};
	char chunk[65536];
	size_t n;
	geo_err rc;

	if (!fp)
		return geo_error_set(err, GEO_EIO, "%s: cannot open: %s", path, strerror(errno));
	errno = 0;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		/* A dictionary is held whole, so its size is bounded (a text
		 * document is not: it is read in windows). */
		if (b.len + n > GEO_MAX_DOCUMENT) {
			rc = geo_error_set(err, GEO_ELIMIT, "%s: dictionary larger than %u bytes", path,
					   GEO_MAX_DOCUMENT);
			goto out;
		}
		if (geo_buf_append(&b, chunk, n) != GEO_OK) {
			rc = geo_error_set(err, GEO_ENOMEM, "out of memory");
			goto out;
		}
	}
	if (ferror(fp)) {
		rc = geo_error_set(err, GEO_EIO, "%s: read failed: %s", path, strerror(errno ? errno : EIO));
		goto out;
	}
	rc = geo_dict_load_buffer(d, path, b.data ? b.data : "", b.len, err);
out:
	fclose(fp);
	geo_buf_free(&b);
	return rc;
}

geo_err geo_dict_new_builtin(geo_dict **out, geo_error *err)
{
	geo_err rc = geo_dict_new_empty(out, err);

	if (rc == GEO_OK)
		rc = geo_dict_load_buffer(*out, "actors.txt (built in)", geo_dict_actors_data,
					  geo_dict_actors_size, err);
	if (rc == GEO_OK)
		rc = geo_dict_load_buffer(*out, "relations.txt (built in)", geo_dict_relations_data,
					  geo_dict_relations_size, err);
	if (rc != GEO_OK) {
		geo_dict_free(*out);
		*out = NULL;
	}
	return rc;
}

const geo_actor_info *geo_dict_actor(const geo_dict *d, const char *id)
{
	size_t i;

	return geo_strmap_get(d->actor_ids, id, strlen(id), &i) ? d->actors[i] : NULL;
}

const geo_relation_info *geo_dict_relation(const geo_dict *d, const char *label)
{
	size_t i;

	return geo_strmap_get(d->relation_ids, label, strlen(label), &i) ? d->relations[i] : NULL;
}

const geo_relation_info *geo_dict_relation_by_cameo(const geo_dict *d, const char *cameo)
{
	size_t i, n = strlen(cameo);

	if (geo_strmap_get(d->cameo_ids, cameo, n, &i))
		return d->relations[i];
	/* "0874" -> "087"; then the root's own code, "08" -> "080". */
	if (n == 4 && geo_strmap_get(d->cameo_ids, cameo, 3, &i))
		return d->relations[i];
	if (n >= 2) {
		char root[4] = {cameo[0], cameo[1], '0', '\0'};
		if (geo_strmap_get(d->cameo_ids, root, 3, &i))
			return d->relations[i];
	}
	return NULL;
}

size_t geo_dict_relation_count(const geo_dict *d)
{
	return d->nrelations;
}

const geo_relation_info *geo_dict_relation_at(const geo_dict *d, size_t i)
{
	return i < d->nrelations ? d->relations[i] : NULL;
}

size_t geo_dict_actor_count(const geo_dict *d)
{
	return d->nactors;
}

const geo_actor_info *geo_dict_actor_at(const geo_dict *d, size_t i)
{
	return i < d->nactors ? d->actors[i] : NULL;
}

size_t geo_dict_entry_count(const geo_dict *d)
{
	return d->nentries;
}

const geo_dict_entry *geo_dict_entry_at(const geo_dict *d, size_t i)
{
	return i < d->nentries ? d->entries[i] : NULL;
}

geo_err geo_dict_each_alias(const char *field, geo_err (*fn)(void *user, const char *s, size_t n),
			    void *user)
{
	const char *p = field;

	while (*p) {
		const char *semi = strchr(p, ';');
		size_t n = semi ? (size_t)(semi - p) : strlen(p);
		const char *s = p;
		geo_err rc;

		while (n && isspace((unsigned char)*s))
			s++, n--;
		while (n && isspace((unsigned char)s[n - 1]))
			n--;
		if (n && (rc = fn(user, s, n)) != GEO_OK)
			return rc;
		if (!semi)
			break;
		p = semi + 1;
	}
	return GEO_OK;
}
