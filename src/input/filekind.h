/*
 * filekind.h: inputs that are no synchronization log, told from their first
 * bytes: images, archives, programs, documents and ostdiag's own reports.
 * (Outlook data files hold logs: input.c tells them.) Internal to libostdiag.
 */
#ifndef OSTD_FILEKIND_H
#define OSTD_FILEKIND_H

#include <stddef.h>

/*
 * What head[0..n) (the first bytes of an input) shows it to be when it is
 * something other than a log or a message that may hold one, in words ("a
 * PNG image", "an ostdiag report (JSON)"); NULL when it may be a log.
 */
const char *file_kind_not_log(const unsigned char *head, size_t n);

#endif
