/*
 * fuzz_pst.c: libFuzzer harness for what ostdiag itself makes of the items of
 * an Outlook data file (pstitem.c): entry ids, the special folders' property,
 * folder ids, folder names and subjects, the names logs are reported under,
 * and bodies in each form (plain text, stored RTF of either kind, HTML).
 *
 * Checks, for any bytes: every reference has a known kind, and a value only
 * with one; the special folders' property never gives more values than its
 * count; a subject without its marker is a suffix of it; a subject that marks
 * a log is a log in any folder; a name starts with the file's and holds no
 * line break; a body read is valid UTF-8 of the length it says, and a body
 * not read comes with a reason.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/pstitem.h"
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SUBJECT_MAX 4096

static void
check_ref(struct pst_ref r)
{
	if (r.kind != PST_REF_NONE && r.kind != PST_REF_NODE &&
	    r.kind != PST_REF_COUNTER)
		abort();
	if ((r.kind == PST_REF_NONE) != (r.value == 0))
		abort();
}

static void
check_utf8(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		size_t n = utf8_sequence((const unsigned char *)s + i, len - i);

		if (n == 0)
			abort();
		i += n;
	}
}

/* A body read (rc from a pst_text_from_ function) must be whole and valid. */
static void
check_body(int rc, struct ostd_message *m, char *err, bool valid_utf8)
{
	if (rc >= 0) {
		if (m->body == NULL || strlen(m->body) != m->body_len ||
		    m->body_len == 0 || m->body_source == NULL)
			abort();
		if (valid_utf8)
			check_utf8(m->body, m->body_len);
		if ((rc == 1) != (err != NULL))
			abort();
	} else if (err == NULL || m->body != NULL) {
		abort();
	}
	free(err);
	ostd_message_free(m);
	memset(m, 0, sizeof(*m));
}

static void
fuzz_names(const char *s)
{
	char *subject = pst_subject(s), *name;

	if (strlen(subject) > strlen(s) ||
	    strcmp(s + strlen(s) - strlen(subject), subject) != 0)
		abort();
	for (int role = PST_ROLE_OTHER; role <= PST_ROLE_SYNC_OTHER; role++) {
		enum ostd_pst_kind kind = pst_classify((enum pst_role)role,
		    subject);

		if (pst_subject_is_log(subject) && kind != OSTD_PST_LOG)
			abort();
		/* A message passed over by its listed subject is no log. */
		if (pst_listed_is_no_log((enum pst_role)role, s) &&
		    (kind != OSTD_PST_NONE || pst_subject_is_log(subject)))
			abort();
		if ((unsigned)pst_role_by_name(s, (enum pst_role)role) >
		    PST_ROLE_SYNC_OTHER)
			abort();
	}
	name = pst_item_name("f.pst", s, subject, (long long)strlen(s) * 86400,
	    (unsigned)strlen(subject) % 3);
	if (strncmp(name, "f.pst:", 6) != 0 || strchr(name, '\n') != NULL ||
	    strchr(name, '\r') != NULL)
		abort();
	free(name);
	free(subject);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pst_ref refs[4];
	struct ostd_message m;
	char *s, *err = NULL;
	size_t count;
	int rc;

	check_ref(pst_entry_ref(data, size));
	count = pst_special_folders(data, size, refs, 4);
	for (size_t i = 0; i < 4; i++) {
		check_ref(refs[i]);
		if (i >= count && refs[i].kind != PST_REF_NONE)
			abort();
	}
	(void)pst_folder_counter(data, size);

	s = xstrndup((const char *)data, size < SUBJECT_MAX ? size :
	    SUBJECT_MAX);
	fuzz_names(s);
	free(s);

	memset(&m, 0, sizeof(m));
	rc = pst_text_from_rtf(data, size, &m, &err);
	check_body(rc, &m, err, false);
	err = NULL;
	rc = pst_text_from_plain((const char *)data, size, &m, &err);
	check_body(rc, &m, err, true);
	err = NULL;
	rc = pst_text_from_html((const char *)data, size, &m, &err);
	check_body(rc, &m, err, true);
	return 0;
}
