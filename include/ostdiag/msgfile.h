/*
 * ostdiag/msgfile.h: reading an Outlook .msg file (MS-OXMSG: message properties
 * stored as streams of a compound file) into a struct ostd_message.
 *
 * The caller reads the whole file into memory (at most OSTD_MSG_MAX_FILE bytes)
 * and keeps ownership of it; the message's strings are newly allocated.
 */
#ifndef OSTDIAG_MSGFILE_H
#define OSTDIAG_MSGFILE_H

#include <stddef.h>

#include "ostdiag/message.h"

/* The largest .msg file accepted. */
#define OSTD_MSG_MAX_FILE	((size_t)64 << 20)

/*
 * Decode buf[0..len) into *out. The subject is PR_SUBJECT; the body the first
 * non-empty one of PR_BODY in Unicode ("unicode") or ANSI ("ansi"),
 * PR_RTF_COMPRESSED made plain text ("rtf"), or PR_HTML with its tags removed
 * ("html"); with none, body is "" and body_source NULL. ANSI text is read in
 * PR_MESSAGE_CODEPAGE, else PR_INTERNET_CPID, else Windows-1252. The date is
 * PR_CLIENT_SUBMIT_TIME, else PR_MESSAGE_DELIVERY_TIME; for a message still
 * flagged unsent (a draft, whose delivery time is not one), its last
 * modification, else creation time; else -1. Its offset is unknown (.msg times
 * are UTC).
 *
 * Returns 0; 1 when the body was read around damage (an RTF body's), with *err
 * saying what; or -1 with *err set to an allocated message saying what is wrong
 * with the file (and *out zeroed with date -1). Never reads outside buf.
 */
int ostd_msg_read(const unsigned char *buf, size_t len, struct ostd_message *out,
    char **err);

#endif
