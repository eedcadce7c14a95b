/*
 * ostdiag/message.h: a saved mail message (Outlook .msg, .eml / MIME, .rtf, or a
 * .txt saved from Outlook with its header block) reduced to what ostdiag needs:
 * subject, sent/received date, and the body as UTF-8 text.
 *
 * Ownership: the decoder that fills a message allocates every string with malloc;
 * ostd_message_free releases them (and accepts a zeroed message).
 */
#ifndef OSTDIAG_MESSAGE_H
#define OSTDIAG_MESSAGE_H

#include <stddef.h>

struct ostd_message {
	char *subject;		/* UTF-8, or NULL */
	char *body;		/* UTF-8 text, NUL-terminated; lines end in \n or \r\n */
	size_t body_len;
	long long date;		/* sent (else received) time, seconds since 1970 UTC; -1 none */
	int utc_offset;		/* minutes east of UTC the date was written in
				 * (the sender's local time), 0 when unknown */
	int has_offset;		/* 1 when utc_offset is known */
	const char *body_source; /* static: "unicode", "ansi", "rtf", "html",
				  * "text/plain", "text/rtf", "text/html", "text" */
};

void ostd_message_free(struct ostd_message *m);

#endif
