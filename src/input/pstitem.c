/*
 * pstitem.c: the folders and messages of an Outlook data file as ostdiag sees
 * them: special folders found by entry id or by name, logs told by folder
 * and subject, the names logs are reported under, and bodies made text.
 */
#include <stdlib.h>
#include <string.h>

#include "ostdiag/show.h"
#include "ostdiag/rtf.h"
#include "input/lzfu.h"
#include "input/pstitem.h"
#include "input/textconv.h"
#include "util/bytes.h"
#include "util/util.h"

/* Bytes of an entry id of each form, and where its reference is. */
#define PST_ID_LEN		24	/* flags, store uid, node id */
#define EXCHANGE_ID_LEN		46	/* flags, store uid, type, database
					 * guid, global counter, padding */
#define EXCHANGE_COUNTER_AT	38
#define COUNTER_LEN		6

/* A big-endian counter of COUNTER_LEN bytes at p. */
static uint64_t
counter_at(const unsigned char *p)
{
	uint64_t v = 0;

	for (size_t i = 0; i < COUNTER_LEN; i++)
		v = v << 8 | p[i];
	return v;
}

struct pst_ref
pst_entry_ref(const unsigned char *id, size_t len)
{
	struct pst_ref r = { PST_REF_NONE, 0 };

	if (id == NULL)
		return r;
	if (len == PST_ID_LEN) {
		r.kind = PST_REF_NODE;
		r.value = le32(id + 20);
	} else if (len == EXCHANGE_ID_LEN) {
		r.kind = PST_REF_COUNTER;
		r.value = counter_at(id + EXCHANGE_COUNTER_AT);
	}
	if (r.value == 0)
		r.kind = PST_REF_NONE;
	return r;
}

size_t
pst_special_folders(const unsigned char *data, size_t len,
    struct pst_ref *refs, size_t n)
{
	uint32_t count;

	for (size_t i = 0; i < n; i++)
		refs[i] = pst_entry_ref(NULL, 0);
	if (data == NULL || len < 4)
		return 0;
	count = le32(data);
	/* Each value has an offset of 4 bytes after the count. */
	if (count > (len - 4) / 4)
		return 0;
	for (size_t i = 0; i < count && i < n; i++) {
		uint32_t start = le32(data + 4 + 4 * i);
		uint32_t end = i + 1 < count ? le32(data + 8 + 4 * i) :
		    (uint32_t)(len < UINT32_MAX ? len : UINT32_MAX);

		if (start < 4 + 4 * (size_t)count || start > end || end > len)
			continue;
		refs[i] = pst_entry_ref(data + start, end - start);
	}
	return count;
}

uint64_t
pst_folder_counter(const unsigned char *data, size_t len)
{
	return data != NULL && len == 8 ? counter_at(data + 2) : 0;
}

/* A folder's names in the languages known, for one role. */
struct role_names {
	enum pst_role role;
	const char *names[3];	/* English, German, French */
};

static const struct role_names sync_issues = {
	PST_ROLE_SYNC_ISSUES,
	{ "Sync Issues", "Synchronisierungsprobleme",
	  "Probl\xC3\xA8mes de synchronisation" },
};

static const struct role_names sync_subfolders[] = {
	{ PST_ROLE_CONFLICTS, { "Conflicts", "Konflikte", "Conflits" } },
	{ PST_ROLE_LOCAL_FAILURES, { "Local Failures", "Lokale Fehler",
	  "\xC3\x89" "checs locaux" } },
	{ PST_ROLE_SERVER_FAILURES, { "Server Failures", "Serverfehler",
	  "\xC3\x89" "checs du serveur" } },
};

/* Is name one of rn's names (ASCII letters in any case)? */
static bool
named(const char *name, const struct role_names *rn)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < 3; i++)
		if (strlen(rn->names[i]) == len &&
		    ascii_strncaseeq(name, rn->names[i], len))
			return true;
	return false;
}

enum pst_role
pst_role_by_name(const char *name, enum pst_role parent)
{
	if (name == NULL)
		return parent == PST_ROLE_OTHER ? PST_ROLE_OTHER :
		    PST_ROLE_SYNC_OTHER;
	if (parent == PST_ROLE_OTHER)
		return named(name, &sync_issues) ? PST_ROLE_SYNC_ISSUES :
		    PST_ROLE_OTHER;
	if (parent != PST_ROLE_SYNC_ISSUES)
		return PST_ROLE_SYNC_OTHER;
	for (size_t i = 0; i < sizeof(sync_subfolders) /
	    sizeof(sync_subfolders[0]); i++)
		if (named(name, &sync_subfolders[i]))
			return sync_subfolders[i].role;
	return PST_ROLE_SYNC_OTHER;
}

char *
pst_subject(const char *subject)
{
	if (subject == NULL)
		return xstrdup("");
	if (subject[0] == '\x01' && subject[1] != '\0')
		subject += 2;
	return xstrdup(subject);
}

/* The subjects Outlook gives its logs: English, German, French. */
static const char *const log_subjects[] = {
	"Synchronization Log",
	"Synchronisierungsprotokoll",
	"Journal de synchronisation",
};

/*
 * Past a reply or forward prefix ("RE: ", "FW: ", "Fwd: ", "AW: ", "WG: ",
 * "TR: "): two or three letters and a colon; s itself when there is none.
 */
static const char *
past_prefix(const char *s)
{
	size_t i = 0;

	while (i < 3 && ((s[i] >= 'A' && s[i] <= 'Z') ||
	    (s[i] >= 'a' && s[i] <= 'z')))
		i++;
	if (i < 2 || s[i] != ':')
		return s;
	for (i++; s[i] == ' ' || s[i] == '\t'; i++)
		;
	return s + i;
}

bool
pst_subject_is_log(const char *subject)
{
	const char *s = subject, *next;

	if (s == NULL)
		return false;
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		for (size_t i = 0; i < sizeof(log_subjects) /
		    sizeof(log_subjects[0]); i++) {
			size_t n = strlen(log_subjects[i]);

			if (ascii_strncaseeq(s, log_subjects[i], n) &&
			    (s[n] == ':' || s[n] == ' ' || s[n] == '\0'))
				return true;
		}
		if ((next = past_prefix(s)) == s)
			return false;
		s = next;
	}
}

enum ostd_pst_kind
pst_classify(enum pst_role role, const char *subject)
{
	if (pst_subject_is_log(subject))
		return OSTD_PST_LOG;
	switch (role) {
	case PST_ROLE_SYNC_ISSUES:
		return OSTD_PST_LOG;	/* whatever its language calls it */
	case PST_ROLE_CONFLICTS:
		return OSTD_PST_CONFLICT;
	case PST_ROLE_LOCAL_FAILURES:
		return OSTD_PST_LOCAL_FAILURE;
	case PST_ROLE_SERVER_FAILURES:
		return OSTD_PST_SERVER_FAILURE;
	case PST_ROLE_SYNC_OTHER:
		return OSTD_PST_SYNC_ITEM;
	default:
		return OSTD_PST_NONE;
	}
}

bool
pst_listed_is_no_log(enum pst_role role, const char *stored)
{
	char *subject;
	bool no_log;

	if (role != PST_ROLE_OTHER || stored == NULL)
		return false;
	subject = pst_subject(stored);
	no_log = pst_classify(role, subject) == OSTD_PST_NONE;
	free(subject);
	return no_log;
}

/* Longest subject a name quotes, in bytes (cut at a character's start). */
#define NAME_SUBJECT_MAX 120

/* Append s[0..n) with its line breaks and tabs made blanks. */
static void
add_one_line(struct strbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		strbuf_addc(b, s[i] == '\r' || s[i] == '\n' || s[i] == '\t' ?
		    ' ' : s[i]);
}

char *
pst_item_name(const char *file, const char *folder, const char *subject,
    long long date, unsigned dup)
{
	struct strbuf b;
	size_t n = subject != NULL ? strlen(subject) : 0;
	char when[32];

	while (n > 0 && (subject[n - 1] == ' ' || subject[n - 1] == '\t' ||
	    subject[n - 1] == '\r' || subject[n - 1] == '\n'))
		n--;
	if (n > NAME_SUBJECT_MAX) {
		n = NAME_SUBJECT_MAX;
		while (n > 0 && ((unsigned char)subject[n] & 0xC0) == 0x80)
			n--;
	}
	strbuf_init(&b, 0);
	strbuf_adds(&b, file);
	strbuf_addc(&b, ':');
	if (folder != NULL && *folder != '\0') {
		add_one_line(&b, folder, strlen(folder));
		strbuf_addc(&b, '/');
	}
	add_one_line(&b, subject, n);
	if (date >= 0) {
		strbuf_addc(&b, '@');
		strbuf_adds(&b, ostd_format_timestamp(date, 'T', when));
	}
	if (dup > 1) {
		strbuf_addc(&b, '#');
		strbuf_add_uint(&b, dup);
	}
	return strbuf_detach(&b);
}

/* 100-ns intervals from 1601-01-01 to 1970-01-01. */
#define FILETIME_1970 116444736000000000ULL

long long
pst_filetime(uint64_t filetime)
{
	if (filetime < FILETIME_1970)
		return -1;
	return (long long)((filetime - FILETIME_1970) / 10000000);
}

static int
by_time(const void *x, const void *y)
{
	const struct ostd_pst_item *a = x, *b = y;
	int c;

	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if ((c = strcmp(a->folder, b->folder)) != 0)
		return c;
	if ((c = strcmp(a->subject, b->subject)) != 0)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

void
pst_sort_items(struct ostd_pst_item *items, size_t n)
{
	if (n > 1)
		qsort(items, n, sizeof(*items), by_time);
}

/* Hand the text in b to m as its body from source. */
static int
give_body(struct strbuf *b, struct ostd_message *m, const char *source,
    char **err)
{
	if (b->len == 0) {
		strbuf_free(b);
		*err = xasprintf("the %s body is empty", source);
		return -1;
	}
	m->body_len = b->len;
	m->body = strbuf_detach(b);
	m->body_source = source;
	return 0;
}

int
pst_text_from_plain(const char *s, size_t len, struct ostd_message *m,
    char **err)
{
	struct strbuf b;

	*err = NULL;
	len = strnlen(s, len);	/* the stored string ends at its NUL */
	strbuf_init(&b, 0);
	(void)utf8_repair(&b, s, len, true);
	return give_body(&b, m, "text", err);
}

int
pst_text_from_rtf(const unsigned char *s, size_t len, struct ostd_message *m,
    char **err)
{
	char *rtf = NULL, *text = NULL;
	size_t rtf_len = 0, text_len = 0;
	int rc;

	*err = NULL;
	if (lzfu_decompress(s, len, LZFU_MAX_OUT, &rtf, &rtf_len, err) != 0)
		return -1;
	rc = ostd_rtf_to_text(rtf, rtf_len, &text, &text_len, err);
	free(rtf);
	if (rc < 0)
		return -1;
	if (text_len == 0) {
		free(text);
		free(*err);
		*err = xstrdup("the RTF body holds no text");
		return -1;
	}
	m->body = text;
	m->body_len = text_len;
	m->body_source = "rtf";
	return rc;
}

int
pst_text_from_html(const char *s, size_t len, struct ostd_message *m,
    char **err)
{
	struct strbuf utf, b;

	*err = NULL;
	len = strnlen(s, len);
	strbuf_init(&utf, 0);
	charset_to_utf8(&utf, s, len, OSTD_CS_UTF8);
	strbuf_init(&b, 0);
	html_to_text(&b, utf.data != NULL ? utf.data : "", utf.len);
	strbuf_free(&utf);
	return give_body(&b, m, "html", err);
}
