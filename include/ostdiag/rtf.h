/*
 * ostdiag/rtf.h: the text of an RTF document, as Outlook writes message bodies
 * (a synchronization log is RTF with one \par per log line and red error lines).
 *
 * What comes out: the document's characters as UTF-8; \par, \line, \sect, \page
 * and \row end a line ("\n"); \tab and \cell give "\t"; \'xx is read in the code
 * page \ansicpg names (1252 is known; any other is read as 1252); \uN (surrogate
 * pairs joined) then skips the \ucN fallback characters; \~ is U+00A0, \_ is '-',
 * \- is dropped. Font, colour and style tables, document information, pictures,
 * objects, headers, footers, field instructions and every \* destination are
 * skipped. A document with encapsulated HTML (\fromhtml1) is read the way
 * [MS-OXRTFEX] describes: the HTML is rebuilt from the \*\htmltag groups and the
 * text outside \htmlrtf, then reduced to plain text.
 *
 * Groups nest at most OSTD_RTF_DEPTH_MAX deep: a group deeper than that is
 * skipped whole, with the groups inside it and their text, and the text around
 * it is read as usual; the document then counts as damaged.
 * Included by any user of libostdiag.
 */
#ifndef OSTDIAG_RTF_H
#define OSTDIAG_RTF_H

#include <stddef.h>

#define OSTD_RTF_DEPTH_MAX 256

/*
 * Convert rtf[0..len) to plain text. Returns
 *    0  *text (malloc'd, NUL-terminated, *text_len bytes) holds the text;
 *    1  the same, but the document was damaged (groups nested too deep were
 *       skipped, or it ends inside a group, or in the middle of \bin data):
 *       *err (malloc'd) says how;
 *   -1  nothing could be read: *text is NULL and *err (malloc'd) says why (it
 *       is not RTF).
 * *err is NULL when 0 is returned. err may be NULL when the caller does not
 * want the message.
 */
int ostd_rtf_to_text(const char *rtf, size_t len, char **text, size_t *text_len,
    char **err);

#endif
