/*
 * ostdiag/txtheader.h: the header block at the top of a message that Outlook
 * saved as text (File > Save As, "Text Only"):
 *
 *   From: Dana Ruiz
 *   Sent: Tuesday, March 3, 2026 9:14 AM
 *   To: Dana Ruiz
 *   Subject: Synchronization Log:
 *
 * followed by a blank line and the body. The block is recognized only when it
 * starts the text (after an optional UTF-8 byte-order mark), is made of
 * "Name: value" lines, and holds both Sent: (or Date:) and Subject:.
 *
 * The Sent: time is the sender's local wall-clock time and names no zone, so it
 * is stored as if it were UTC: date is that local time read as UTC,
 * utc_offset 0 and has_offset 0. Read in the common English Outlook forms:
 * "Tuesday, March 3, 2026 9:14 AM", "Tue 03/03/2026 09:14" (month first unless
 * the first number cannot be a month), "3 March 2026 09:14", "2026-03-03 09:14".
 *
 * The input is UTF-8 or an ANSI code page; a UTF-16 file must be converted
 * first. Included by any user of libostdiag.
 */
#ifndef OSTDIAG_TXTHEADER_H
#define OSTDIAG_TXTHEADER_H

#include <stddef.h>

#include "ostdiag/message.h"

/*
 * Look for the header block at the start of buf[0..len). *out is overwritten:
 * returns 1 when there is a block, with out->subject set (UTF-8, "" when the
 * Subject: line is empty), out->date set (-1 when the Sent: value cannot be
 * read), out->body NULL, and *body_offset at the first byte after the blank
 * line that ends the block (len when the text ends there). Returns 0 when
 * there is none: *out is empty and *body_offset is 0.
 */
int ostd_txt_header_read(const char *buf, size_t len, struct ostd_message *out,
    size_t *body_offset);

#endif
