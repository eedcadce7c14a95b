/*
 * ostdiag/pstfile.h: the synchronization logs kept in an Outlook data file
 * (.pst, or the .ost of an Exchange account), read with libpff when ostdiag
 * is built with it. The file is only read.
 *
 * Outlook puts each log in Sync Issues as a message titled "Synchronization
 * Log:", and items it could not synchronize in the subfolders Conflicts,
 * Local Failures and Server Failures; older versions put their logs in
 * Deleted Items. Every folder is searched: a message is a log when it is in
 * Sync Issues, or when its subject says so anywhere else.
 */
#ifndef OSTDIAG_PSTFILE_H
#define OSTDIAG_PSTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ostdiag/message.h"

/* What a message found is. */
enum ostd_pst_kind {
	OSTD_PST_NONE,			/* not one ostdiag reads */
	OSTD_PST_LOG,			/* a synchronization log */
	OSTD_PST_CONFLICT,		/* an item of Conflicts */
	OSTD_PST_LOCAL_FAILURE,		/* an item of Local Failures */
	OSTD_PST_SERVER_FAILURE,	/* an item of Server Failures */
	OSTD_PST_SYNC_ITEM		/* another item under Sync Issues */
};

/* A message found, to be read by ostd_pst_body. */
struct ostd_pst_item {
	char *folder;		/* its folder's path below the top of the
				 * mailbox or file ("Sync Issues/Conflicts") */
	char *subject;		/* without the stored prefix marker; "" none */
	long long date;		/* delivered, seconds since 1970 UTC; -1 */
	uint32_t id;		/* the message's node id in the file */
	uint32_t folder_id;	/* its folder's, and its place there */
	int index;
	enum ostd_pst_kind kind;
};

/* The messages of a file that ostdiag reads, in time order. */
struct ostd_pst_list {
	struct ostd_pst_item *items;
	size_t n;
	size_t logs;			/* items of kind OSTD_PST_LOG */
	unsigned long folders;		/* folders searched */
	unsigned long messages;		/* messages looked at */
	unsigned long unreadable;	/* folders or messages that could not
					 * be read (damage) */
	char *problem;			/* why the first of those could not,
					 * or NULL */
};

struct ostd_pst;

/* Can this build read Outlook data files? */
bool ostd_pst_supported(void);

/*
 * Open the Outlook data file at path for reading. Returns 0, or -1 with *err
 * set to an allocated message (not in this build, cannot be opened, damaged).
 */
int ostd_pst_open(const char *path, struct ostd_pst **p, char **err);

/*
 * Search every folder of p for the messages ostdiag reads, one message at a
 * time, into list (sorted by delivery time). Returns 0, or -1 with *err set
 * when not even the top folder could be read.
 */
int ostd_pst_find(struct ostd_pst *p, struct ostd_pst_list *list, char **err);

/*
 * Read item's body as UTF-8 text into m (its body and body_source; subject
 * and date from item). Returns 0, 1 when the text was read around damage
 * (*err says how), or -1 with *err set when the body cannot be read.
 */
int ostd_pst_body(struct ostd_pst *p, const struct ostd_pst_item *item,
    struct ostd_message *m, char **err);

void ostd_pst_list_free(struct ostd_pst_list *list);
void ostd_pst_close(struct ostd_pst **p);

#endif
