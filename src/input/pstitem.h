/*
 * pstitem.h: what ostdiag makes of the folders and messages of an Outlook data
 * file (.pst or .ost), whatever reads the file: which folder is Sync Issues
 * and which its subfolders, which message holds a synchronization log, the
 * name each is reported under, and the text of a message's body.
 * Internal to libostdiag.
 */
#ifndef OSTD_PSTITEM_H
#define OSTD_PSTITEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ostdiag/message.h"
#include "ostdiag/pstfile.h"

/* What a folder is to ostdiag. */
enum pst_role {
	PST_ROLE_OTHER,
	PST_ROLE_SYNC_ISSUES,
	PST_ROLE_CONFLICTS,
	PST_ROLE_LOCAL_FAILURES,
	PST_ROLE_SERVER_FAILURES,
	PST_ROLE_SYNC_OTHER		/* another subfolder of Sync Issues */
};

/*
 * Where an entry id points: a .pst's ids end in the folder's node id, an
 * .ost's (Exchange's long-term ids) in its global counter, which the folder
 * keeps in property 0x67F4.
 */
enum pst_ref_kind { PST_REF_NONE, PST_REF_NODE, PST_REF_COUNTER };

struct pst_ref {
	enum pst_ref_kind kind;
	uint64_t value;
};

/* The entry id id[0..len) as a reference; kind NONE when it is neither form. */
struct pst_ref pst_entry_ref(const unsigned char *id, size_t len);

/*
 * The references of the multi-valued binary property 0x36D8
 * (PidTagAdditionalRenEntryIds) as stored, data[0..len): a count, an offset
 * per value, the values. refs[i] (i < n) gets value i: 0 Conflicts, 1 Sync
 * Issues, 2 Local Failures, 3 Server Failures; a value missing or of no
 * known form gives kind NONE. Returns how many values the property holds.
 */
size_t pst_special_folders(const unsigned char *data, size_t len,
    struct pst_ref *refs, size_t n);

/* The global counter in property 0x67F4 (a folder id) data[0..len), or 0. */
uint64_t pst_folder_counter(const unsigned char *data, size_t len);

/*
 * The role of a folder named name (UTF-8) under a parent of role parent, by
 * name only: Outlook's names in English, German and French.
 */
enum pst_role pst_role_by_name(const char *name, enum pst_role parent);

/*
 * Copy of subject (UTF-8, may be NULL) without the two-byte marker (0x01 and
 * a prefix length) that stored subjects start with; never NULL.
 */
char *pst_subject(const char *subject);

/* Does the subject say the message is a synchronization log? */
bool pst_subject_is_log(const char *subject);

/* What a message in a folder of role role with subject subject is. */
enum ostd_pst_kind pst_classify(enum pst_role role, const char *subject);

/*
 * May a message in a folder of role role, listed in the folder's contents
 * table with subject stored (as stored, with its marker; NULL: the table
 * gives none), be passed over without being opened? Only where its subject
 * alone decides, and says it is no log.
 */
bool pst_listed_is_no_log(enum pst_role role, const char *stored);

/*
 * The name a message is reported under: FILE:FOLDER/SUBJECT@TIME, with the
 * subject's trailing blanks dropped and line breaks and tabs made blanks,
 * TIME the UTC date (seconds since 1970) as YYYY-MM-DDTHH:MM:SS, left out
 * with its @ when date < 0. dup > 1 adds "#dup" (a second message of the
 * same name).
 */
char *pst_item_name(const char *file, const char *folder, const char *subject,
    long long date, unsigned dup);

/* Seconds since 1970 of a FILETIME (100 ns since 1601), or -1 for 0. */
long long pst_filetime(uint64_t filetime);

/* Sort items by date (undated first), then folder, subject and id. */
void pst_sort_items(struct ostd_pst_item *items, size_t n);

/*
 * The text of a body into m (body, body_len, body_source): from plain text
 * (UTF-8, up to a NUL; bytes that are not are read as Windows-1252), from the
 * stored property 0x1009 (compressed RTF in either form, LZFu or MELA, read by
 * lzfu.c and rtf.c), or from HTML (UTF-8 or Windows-1252). Returns 0; 1
 * when the text was read around damage (*err says how); -1 with *err set
 * when there is no text.
 */
int pst_text_from_plain(const char *s, size_t len, struct ostd_message *m,
    char **err);
int pst_text_from_rtf(const unsigned char *s, size_t len,
    struct ostd_message *m, char **err);
int pst_text_from_html(const char *s, size_t len, struct ostd_message *m,
    char **err);

#endif
