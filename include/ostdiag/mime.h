/*
 * ostdiag/mime.h: a saved Internet message (.eml, RFC 5322 with MIME) or web
 * archive (.mht) reduced to a struct ostd_message: its subject, its date and
 * the text of its body.
 *
 * Header fields are unfolded. The subject has its RFC 2047 encoded-words decoded
 * (B and Q; utf-8, us-ascii, iso-8859-1, windows-1252, utf-16; any other charset
 * is read as windows-1252). The date comes from Date: (RFC 5322 date-time,
 * obsolete forms too: two-digit years, zone names such as GMT or EST, comments),
 * or from the newest Received: when there is no usable Date:.
 *
 * The body is the first text/plain part found walking the multipart parts in
 * order (at most OSTD_MIME_DEPTH_MAX levels deep: deeper parts are skipped),
 * else the first text/rtf (or application/rtf) converted with
 * ostd_rtf_to_text, else the first text/html reduced to text; parts marked as
 * attachments come after all inline ones. Quoted-printable and base64 are
 * decoded (base64 that goes on after padding, as two encoded texts joined, is
 * decoded to its end) and the part's charset converted to UTF-8. body_source
 * says which kind of part it was.
 * Included by any user of libostdiag.
 */
#ifndef OSTDIAG_MIME_H
#define OSTDIAG_MIME_H

#include <stddef.h>

#include "ostdiag/message.h"

#define OSTD_MIME_DEPTH_MAX 20

/*
 * Read the message buf[0..len) into *out (which is overwritten). Returns 0 with
 * *out filled: subject NULL when there is none, date -1 when there is no
 * readable date, body "" and body_source NULL when no part holds text. Returns
 * 1 with *out filled the same way when damage was read around (parts nested
 * too deep skipped, base64 going on after padding, damaged RTF); *err
 * (malloc'd) then says what, as one line. Returns -1 when buf is not a message
 * (it does not start with a header field), or when the only text is nested too
 * deep or is RTF that cannot be read; *err (malloc'd) then says why and *out is
 * empty (ostd_message_free is still safe). *err is NULL when 0 is returned.
 * err may be NULL.
 */
int ostd_mime_read(const char *buf, size_t len, struct ostd_message *out,
    char **err);

/*
 * Read the web archive buf[0..len) (MHTML, .mht: a multipart/related message
 * whose root part is the page, as Internet Explorer and Word save it) into
 * *out, as ostd_mime_read does, but with text/html before text/plain and
 * text/rtf: the body is the text of the page. The date is always -1: an
 * archive's Date: field is when the page was saved. The subject is its
 * Subject: field (the page's title), or NULL. Returns as ostd_mime_read.
 */
int ostd_mht_read(const char *buf, size_t len, struct ostd_message *out,
    char **err);

#endif
