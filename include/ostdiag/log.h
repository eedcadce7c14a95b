/*
 * ostdiag/log.h: the data model of a synchronization log and the line parser.
 *
 * A log is read line by line. Each line becomes one or more events (a log flattened
 * onto one line holds many); events are grouped into error blocks inside sessions.
 * A session is handed to the caller when it ends (a new session starts, or the input
 * ends), with all of its blocks; the parser then forgets it, so memory does not grow
 * with the input.
 *
 * Ownership: events point into the caller's line buffer and live only during the
 * call. Sessions and blocks handed to the callback are owned by the parser and valid
 * only during the callback. Strings are NUL-terminated copies.
 *
 * Stage 3 of 6, parse (src/parse/, with reader.h and code.h). Takes: UTF-8
 * text from a source. Hands on: struct ostd_session, each with its struct
 * ostd_block errors, when the session ends. Must not include: the headers of
 * kb, report or run.
 */
#ifndef OSTDIAG_LOG_H
#define OSTDIAG_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "ostdiag/code.h"

/* What a line of a synchronization log is. */
enum ostd_event_kind {
	OSTD_EV_UNKNOWN,	/* not a known phrase: message text or continuation */
	OSTD_EV_BLANK,
	OSTD_EV_VERSION,	/* Synchronizer Version 16.0.14326 */
	OSTD_EV_MAILBOX,	/* Synchronizing Mailbox 'Name' */
	OSTD_EV_SCOPE,		/* Synchronizing Hierarchy / Forms / Folder 'X' / ... */
	OSTD_EV_TRANSFER,	/* Uploading to server '...' / Downloading from server */
	OSTD_EV_COUNT,		/* 3 item(s) added to offline folder */
	OSTD_EV_ERROR_HEAD,	/* Error synchronizing folder, ... */
	OSTD_EV_CODE,		/* [8004010F-501-0-521] alone on its line */
	OSTD_EV_PROVIDER,	/* Microsoft Exchange Server Information Store */
	OSTD_EV_HELP,		/* For more information ... / the help URL */
	OSTD_EV_ADDINFO,	/* Additional Info: and its sub-lines */
	OSTD_EV_OAB,		/* offline address book trailer line */
	OSTD_EV_OAB_ERROR,	/* Not downloading Offline address book files ... */
	OSTD_EV_DONE,
	OSTD_EV_TERMINATED,	/* Terminated in error */
	OSTD_EV_MARKER,		/* Begin CTX / End CTX / ... Sync Key */
	OSTD_EV_MOVED,		/* Moved a message that failed synchronization ... */
	OSTD_EV_KIND_COUNT
};

/* The section of a session a line belongs to. */
enum ostd_scope {
	OSTD_SCOPE_NONE,
	OSTD_SCOPE_HIERARCHY,
	OSTD_SCOPE_FAVORITES,
	OSTD_SCOPE_VIEWS,
	OSTD_SCOPE_FORMS,
	OSTD_SCOPE_FOLDER,	/* pre-2003: Synchronizing Folder 'X' */
	OSTD_SCOPE_UPLOAD,	/* Synchronizing local changes in folder 'X' */
	OSTD_SCOPE_DOWNLOAD,	/* Synchronizing server changes in folder 'X' */
	OSTD_SCOPE_SENDING,	/* Sending off-line mail */
	OSTD_SCOPE_OAB,		/* Microsoft Exchange offline address book */
	OSTD_SCOPE_COUNT
};

/* The kind of line that opened an error block. */
enum ostd_head {
	OSTD_HEAD_NONE,
	OSTD_HEAD_FOLDER,	/* Error synchronizing folder */
	OSTD_HEAD_MESSAGE,	/* Error synchronizing message 'subject' */
	OSTD_HEAD_VIEW_FORM,	/* Error synchronizing view/form */
	OSTD_HEAD_HIERARCHY,	/* Error Synchronizing Hierarchy for Mailbox / folder hierarchy */
	OSTD_HEAD_SEND,		/* Error sending message */
	OSTD_HEAD_DELETIONS,	/* Synchronization of some deletions failed. */
	OSTD_HEAD_SEND_RECEIVE,	/* Error with Send/Receive. */
	OSTD_HEAD_TERMINATED,	/* Terminated in error */
	OSTD_HEAD_OAB,		/* offline address book download failed */
	OSTD_HEAD_CODE,		/* a code with no head line before it */
	OSTD_HEAD_OTHER,	/* another "Error ..." line */
	OSTD_HEAD_TASK,		/* Task 'name' reported error (0x...): 'text' */
	OSTD_HEAD_COUNT
};

/* A byte range of the caller's line. */
struct ostd_span {
	const char *ptr;
	size_t len;
};

/* One classified entry of a line. */
struct ostd_event {
	enum ostd_event_kind kind;
	int time;		/* seconds since midnight, or -1 */
	bool time_padded;	/* its hour was written with two digits: 09:00:01 */
	int indent;		/* columns of blank after the time (tab = 8) */
	int sub;		/* enum ostd_scope for SCOPE, enum ostd_head for ERROR_HEAD,
				 * 1 = upload / 2 = download for TRANSFER and COUNT
				 * (to the online / the offline side) */
	unsigned long count;	/* the number of a COUNT line */
	struct ostd_span text;	/* the entry after time and indentation */
	struct ostd_span arg;	/* quoted name, version number, or URL; may be empty */
	bool has_code;		/* a code stands on this line */
	struct ostd_code code;
};

/*
 * Classify one entry (the text after any time stamp and quote prefix has been
 * split off by the parser; text must not contain a line end).
 */
void ostd_classify(const char *text, size_t len, struct ostd_event *ev);

/*
 * The message of a Send/Receive task line (text is the entry of an
 * OSTD_HEAD_TASK head): what follows "(0x...):", without its quotes; empty
 * when there is none.
 */
struct ostd_span ostd_task_message(struct ostd_span text);

/*
 * Parse a time of day at the start of s: H:MM:SS or HH:MM:SS. Returns the number of
 * bytes it spans and sets *secs, or returns 0 when s does not start with a time.
 */
size_t ostd_parse_time(const char *s, size_t len, int *secs);

/* Names used in reports and rule files: "folder", "forms", "error-head", ... */
const char *ostd_event_kind_name(enum ostd_event_kind kind);
const char *ostd_scope_name(enum ostd_scope scope);
const char *ostd_head_name(enum ostd_head head);
/* Reverse lookups; return -1 when the name is unknown. */
int ostd_scope_from_name(const char *name, size_t len);
int ostd_head_from_name(const char *name, size_t len);

/* How a session ended. */
enum ostd_session_end {
	OSTD_END_UNFINISHED,	/* the log stops before Done */
	OSTD_END_DONE,
	OSTD_END_TERMINATED	/* Terminated in error */
};

/*
 * One error of the log: its head line with the details that follow it. A block
 * whose head is OSTD_HEAD_NONE is a paragraph of loose text outside any error (a
 * pasted dialog, a note): not an error itself, but text rules may match it.
 */
struct ostd_block {
	unsigned long line;	/* line number of the head (or of the code) */
	int time;		/* -1 when the line had none */
	int day;		/* midnights passed since the input's first time */
	enum ostd_head head;
	char *head_text;	/* the head line as written (for loose text, its first line) */
	char *subject;		/* message subject or mailbox named by the head, or NULL */
	bool has_code;
	struct ostd_code code;
	unsigned long code_line;
	char *message;		/* message text, wrapped lines joined, or NULL */
	char *provider;		/* or NULL */
	char *help_url;		/* or NULL */
	char *addinfo;		/* Additional Info sub-lines joined by "; ", or NULL */
	enum ostd_scope scope;
	char *scope_text;	/* the Synchronizing ... line, or NULL */
	unsigned long scope_line;
	char *folder;		/* folder named by the scope line, or NULL */
	char *evidence;		/* the block's entries as read, "LINE\tTEXT" joined by
				 * '\n' (at most OSTD_EVIDENCE_LINES of them), or NULL */
};

/* A deep copy of src into dst (dst's old strings are not freed). */
void ostd_block_copy(struct ostd_block *dst, const struct ostd_block *src);
/*
 * The same, each string copied by dup(ctx, s), which must return NULL for
 * NULL: for copies kept in memory the caller manages.
 */
void ostd_block_copy_with(struct ostd_block *dst, const struct ostd_block *src,
    char *(*dup)(void *ctx, const char *s), void *ctx);
/* Free a block's strings (not the block itself) and zero it. */
void ostd_block_clear(struct ostd_block *b);

/* One synchronization run: from Synchronizer Version / Mailbox to Done. */
struct ostd_session {
	unsigned index;		/* 1-based, per input */
	unsigned long first_line;
	unsigned long last_line;
	int start_time;		/* first time stamp seen, or -1 */
	int end_time;		/* last time stamp seen, or -1 */
	char *version;		/* Synchronizer Version, or NULL */
	int client_major;	/* 16 for 16.0.x; 0 unknown */
	char *mailbox;		/* or NULL */
	enum ostd_session_end end;
	int longest_gap;	/* seconds between two consecutive time stamps */
	unsigned long gap_line;	/* line after the longest gap */
	/*
	 * The longest gap that did not end in progress (a count of items or
	 * folders, or Done): a pause that ends with work done is a slow
	 * download, not a stall.
	 */
	int longest_stall;
	unsigned long stall_line;
	bool folder_lines;	/* "Synchronizing Folder 'X'": a client before 2003 */
	unsigned long lines;	/* entries in the session */
	unsigned long errors;	/* blocks that are errors (not loose text) */
	unsigned long scopes;	/* Synchronizing ... lines */
	unsigned long folders;	/* folders synchronized (folder scopes) */
	unsigned long items_up;	/* items counted into online folders */
	unsigned long items_down; /* items counted into offline folders */
	struct ostd_block *blocks;
	size_t nblocks;
	bool continued;		/* an earlier part of this session was already handed out */
};

/* Something wrong with the input itself, reported with its line. */
struct ostd_input_note {
	unsigned long line;
	const char *message;
};

struct ostd_parser;

typedef int (*ostd_session_fn)(const struct ostd_session *s, void *ctx);

/* Limits that hold whatever the input. */
#define OSTD_BLOCKS_PER_SESSION 4096	/* more are handed out in parts */
#define OSTD_MESSAGE_MAX 4096		/* bytes kept of one message text */
#define OSTD_EVIDENCE_LINES 16		/* entries kept as a block's evidence */
#define OSTD_EVIDENCE_MAX 4096		/* bytes kept of them */

/* A parser that calls fn for each finished session. Never returns NULL. */
struct ostd_parser *ostd_parser_new(ostd_session_fn fn, void *ctx);
void ostd_parser_free(struct ostd_parser **p);

/*
 * Feed one physical line (without its line end) with its 1-based number.
 * Returns 0, or the first non-zero value a callback returned.
 */
int ostd_parser_line(struct ostd_parser *p, unsigned long lineno,
    const char *line, size_t len);

/*
 * The same in two steps, which may run on different threads. ostd_line_entries
 * splits a line into its classified entries (they point into line) and stores
 * them in evs; it returns how many there are, or 0 when there are more than max
 * (the line is then fed whole with ostd_parser_line). A line has at least one
 * entry. ostd_parser_event feeds one entry, as ostd_parser_line does.
 */
size_t ostd_line_entries(const char *line, size_t len, struct ostd_event *evs,
    size_t max);
int ostd_parser_event(struct ostd_parser *p, unsigned long lineno,
    const struct ostd_event *ev);

/* End of input: hand out the last session. Returns as ostd_parser_line. */
int ostd_parser_finish(struct ostd_parser *p);

/* Totals over the whole input so far. */
unsigned ostd_parser_sessions(const struct ostd_parser *p);
/*
 * Entries only a synchronization log writes (a session's start, a section,
 * a transfer or count, an error head, a code on its own line, the address
 * book's lines, Done, markers), as against text that could be anything.
 */
unsigned long ostd_parser_log_entries(const struct ostd_parser *p);
/* The first time stamp of the input, or -1. */
int ostd_parser_first_time(const struct ostd_parser *p);

#endif
