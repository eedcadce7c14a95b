/*
 * ostdiag/html.h: an HTML document, as Outlook or Word write a message saved
 * as HTML ("Save as HTML", .htm), reduced to a struct ostd_message whose body
 * is the document's text.
 *
 * The charset is the one the document gives: a byte-order mark (UTF-8,
 * UTF-16LE, UTF-16BE), UTF-16 without a mark when its NUL bytes show it, else
 * a <meta charset> or <meta http-equiv=Content-Type content="...; charset=">
 * near its start; with none, UTF-8 when the bytes are valid UTF-8, else
 * Windows-1252. The text is what html_to_text (textconv.h) makes of it: one
 * line per paragraph or <br>, Word's tab spans as tabs, entities decoded.
 * Included by any user of libostdiag.
 */
#ifndef OSTDIAG_HTML_H
#define OSTDIAG_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "ostdiag/message.h"

/*
 * Do the first n bytes of an input, s, start an HTML document? After a
 * byte-order mark, blanks, comments and an <?xml ...?> declaration, the first
 * thing must be <!DOCTYPE html ...> or an html, head, body, meta or title
 * tag (in any case); UTF-16 is converted first. Text that only mentions a tag
 * later on is not HTML.
 */
bool ostd_html_sniff(const unsigned char *s, size_t n);

/*
 * Read the HTML document buf[0..len) into *out (overwritten): body its text
 * (UTF-8, NUL-terminated), body_source "html", subject NULL, date -1. Returns
 * 0, or -1 with *err (malloc'd) set when the document holds no text; *out is
 * then empty (ostd_message_free is still safe).
 */
int ostd_html_read(const char *buf, size_t len, struct ostd_message *out,
    char **err);

#endif
