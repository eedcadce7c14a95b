/*
 * ostdiag/redact.h: replaces what identifies people and systems with stable
 * placeholders, so a report can be shared: mailbox names, message subjects,
 * folder names, server and URL host names, mail addresses, and the paths of
 * the inputs (a user's name is often in a log's file name). The same name
 * always gets the same placeholder ("folder-2"); codes, times and the structure of
 * the report stay as they are.
 */
#ifndef OSTDIAG_REDACT_H
#define OSTDIAG_REDACT_H

#include "ostdiag/log.h"

enum ostd_redact_kind {
	OSTD_REDACT_MAILBOX,
	OSTD_REDACT_SUBJECT,
	OSTD_REDACT_FOLDER,
	OSTD_REDACT_HOST,
	OSTD_REDACT_ADDRESS,
	OSTD_REDACT_FILE,	/* an input's path: "file-1.msg", extension kept */
	OSTD_REDACT_KINDS
};

struct ostd_redactor;

struct ostd_redactor *ostd_redactor_new(void);
void ostd_redactor_free(struct ostd_redactor **r);

/* The placeholder for name (registering it): "mailbox-1", "folder-3", ... */
const char *ostd_redact_name(struct ostd_redactor *r, enum ostd_redact_kind kind,
    const char *name);

/*
 * A redacted copy of free text (malloc'd): every registered name, mail address,
 * URL host and host name in it replaced by its placeholder.
 */
char *ostd_redact_text(struct ostd_redactor *r, const char *text);

/* Redact a block and its session in place: the strings are replaced by copies. */
void ostd_redact_block(struct ostd_redactor *r, struct ostd_block *b);

#endif
