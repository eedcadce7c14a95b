/*
 * redact.c: stable placeholders for names. Names are kept in a hash table per
 * kind; free text is scanned for registered names (longest first), mail addresses,
 * URL hosts and host names.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/redact.h"
#include "util/util.h"

#define BUCKETS 4096

struct name {
	char *text;
	size_t len;
	char *placeholder;
	struct name *next;	/* in its bucket */
};

struct ostd_redactor {
	struct name *bucket[BUCKETS];
	struct name **all;	/* every name, for scanning text */
	size_t n, cap;
	unsigned counter[OSTD_REDACT_KINDS];
	bool sorted;		/* all[] is sorted longest first */
};

static const char *const kind_words[OSTD_REDACT_KINDS] = {
	"mailbox", "subject", "folder", "host", "address", "file",
};

/*
 * The extension of path s[0..n) with its dot (".msg"), kept in a file's
 * placeholder so that it still says what the input was; "" when it has none
 * of up to 8 letters and digits.
 */
static size_t
extension(const char *s, size_t n, const char **ext)
{
	size_t i = n;

	while (i > 0 && s[i - 1] != '.' && s[i - 1] != '/' &&
	    ((s[i - 1] >= 'a' && s[i - 1] <= 'z') ||
	    (s[i - 1] >= 'A' && s[i - 1] <= 'Z') || ascii_isdigit(s[i - 1])))
		i--;
	if (i == 0 || s[i - 1] != '.' || n - i == 0 || n - i > 8 ||
	    (i >= 2 && s[i - 2] == '/'))
		return 0;
	*ext = s + i - 1;
	return n - i + 1;
}

struct ostd_redactor *
ostd_redactor_new(void)
{
	return xcalloc(1, sizeof(struct ostd_redactor));
}

void
ostd_redactor_free(struct ostd_redactor **rp)
{
	struct ostd_redactor *r;

	if (rp == NULL || (r = *rp) == NULL)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->all[i]->text);
		free(r->all[i]->placeholder);
		free(r->all[i]);
	}
	free(r->all);
	free(r);
	*rp = NULL;
}

static unsigned
hash(const char *s, size_t n)
{
	return fnv1a(FNV_START, s, n) % BUCKETS;
}

static const char *
lookup_add(struct ostd_redactor *r, enum ostd_redact_kind kind, const char *s,
    size_t n)
{
	unsigned h = hash(s, n);
	struct name *nm;

	for (nm = r->bucket[h]; nm != NULL; nm = nm->next)
		if (nm->len == n && memcmp(nm->text, s, n) == 0)
			return nm->placeholder;
	nm = xcalloc(1, sizeof(*nm));
	nm->text = xstrndup(s, n);
	nm->len = n;
	if (kind == OSTD_REDACT_FILE) {
		const char *ext = "";
		size_t elen = extension(s, n, &ext);

		nm->placeholder = xasprintf("%s-%u%.*s", kind_words[kind],
		    ++r->counter[kind], (int)elen, ext);
	} else {
		nm->placeholder = xasprintf("%s-%u", kind_words[kind],
		    ++r->counter[kind]);
	}
	nm->next = r->bucket[h];
	r->bucket[h] = nm;
	grow_array((void **)&r->all, &r->cap, r->n + 1, sizeof(*r->all));
	r->all[r->n++] = nm;
	r->sorted = false;
	return nm->placeholder;
}

const char *
ostd_redact_name(struct ostd_redactor *r, enum ostd_redact_kind kind,
    const char *name)
{
	return lookup_add(r, kind, name, strlen(name));
}

static int
longest_first(const void *a, const void *b)
{
	size_t la = (*(struct name *const *)a)->len;
	size_t lb = (*(struct name *const *)b)->len;

	return la < lb ? 1 : la > lb ? -1 : 0;
}

static bool
host_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    ascii_isdigit(c) || c == '-' || c == '.';
}

static bool
local_char(int c)
{
	return host_char(c) || c == '_' || c == '%' || c == '+';
}

/*
 * A host name at s: labels of letters, digits and '-', at least two dots-joined
 * labels, the last all letters (2 or more). Returns its length or 0.
 */
static size_t
host_at(const char *s)
{
	size_t n = 0, dots = 0, last = 0;

	while (host_char((unsigned char)s[n]))
		n++;
	while (n > 0 && (s[n - 1] == '.' || s[n - 1] == '-'))
		n--;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '.') {
			dots++;
			last = i + 1;
		}
	if (dots == 0 || n - last < 2)
		return 0;
	for (size_t i = last; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
			return 0;
	return n;
}

char *
ostd_redact_text(struct ostd_redactor *r, const char *text)
{
	struct strbuf out;
	const char *p = text;

	if (text == NULL)
		return NULL;
	if (!r->sorted) {
		qsort(r->all, r->n, sizeof(*r->all), longest_first);
		r->sorted = true;
	}
	strbuf_init(&out, 0);
	while (*p != '\0') {
		size_t i, n;
		bool at_word = p == text || !local_char((unsigned char)p[-1]);

		/* Registered names, longest first. */
		for (i = 0; i < r->n; i++) {
			struct name *nm = r->all[i];

			if (nm->len > 0 && strncmp(p, nm->text, nm->len) == 0)
				break;
		}
		if (i < r->n) {
			strbuf_adds(&out, r->all[i]->placeholder);
			p += r->all[i]->len;
			continue;
		}
		/* A mail address: local@host. */
		if (at_word && local_char((unsigned char)*p)) {
			n = 0;
			while (local_char((unsigned char)p[n]))
				n++;
			if (p[n] == '@' && host_at(p + n + 1) > 0) {
				size_t hl = host_at(p + n + 1);

				strbuf_adds(&out, lookup_add(r, OSTD_REDACT_ADDRESS,
				    p, n + 1 + hl));
				p += n + 1 + hl;
				continue;
			}
		}
		/* A URL's host, or a bare host name. */
		if (at_word && (n = host_at(p)) > 0) {
			strbuf_adds(&out, lookup_add(r, OSTD_REDACT_HOST, p, n));
			p += n;
			continue;
		}
		if (strncmp(p, "://", 3) == 0) {
			strbuf_add(&out, p, 3);
			p += 3;
			n = strcspn(p, "/:?#'\" \t");
			if (n > 0) {
				strbuf_adds(&out, lookup_add(r, OSTD_REDACT_HOST, p,
				    n));
				p += n;
			}
			continue;
		}
		strbuf_addc(&out, *p++);
	}
	return strbuf_detach(&out);
}

/* Replace *s by its redacted copy. */
static void
scrub(struct ostd_redactor *r, char **s)
{
	char *t;

	if (*s == NULL)
		return;
	t = ostd_redact_text(r, *s);
	free(*s);
	*s = t;
}

void
ostd_redact_block(struct ostd_redactor *r, struct ostd_block *b)
{
	/* Register the names first, so that free text finds them. */
	if (b->folder != NULL)
		(void)ostd_redact_name(r, OSTD_REDACT_FOLDER, b->folder);
	if (b->subject != NULL)
		(void)ostd_redact_name(r, b->head == OSTD_HEAD_HIERARCHY ?
		    OSTD_REDACT_MAILBOX : OSTD_REDACT_SUBJECT, b->subject);
	scrub(r, &b->head_text);
	scrub(r, &b->subject);
	scrub(r, &b->message);
	scrub(r, &b->provider);
	scrub(r, &b->help_url);
	scrub(r, &b->addinfo);
	scrub(r, &b->scope_text);
	scrub(r, &b->folder);
	scrub(r, &b->evidence);
}
