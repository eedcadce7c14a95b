/*
 * ostdiag/finding.h: what an analysis hands its report: each finding with its
 * diagnoses, the records of sessions and inputs, and the run's totals. The
 * reports read these and nothing of the analysis itself (ostdiag/analyze.h),
 * which makes them.
 */
#ifndef OSTDIAG_FINDING_H
#define OSTDIAG_FINDING_H

#include <stdbool.h>
#include <stddef.h>

#include "ostdiag/log.h"
#include "ostdiag/match.h"

enum ostd_finding_kind {
	OSTD_FINDING_ERROR,	/* an error block of the log */
	OSTD_FINDING_TEXT,	/* loose text a rule recognizes (a pasted dialog) */
	OSTD_FINDING_SYMPTOM,	/* a session that hung, paused or timed out */
	OSTD_FINDING_TASK	/* a Send/Receive task error ("Task 'x' reported
				 * error (0x...)") */
};

/* One finding; everything it points to is valid only while it is reported. */
struct ostd_finding {
	enum ostd_finding_kind kind;
	const char *file;
	unsigned long line;
	int time;			/* -1 when unknown */
	const struct ostd_session *session;
	const struct ostd_block *block;	/* NULL for a symptom */
	unsigned symptoms;		/* for a symptom: enum ostd_symptom bits */
	const struct ostd_diagnosis *diag;

	/*
	 * Repeats: the same finding (kind, error line, code, folder or section,
	 * best diagnosis) seen count times is reported once, at its first place.
	 */
	unsigned long count;		/* occurrences, at least 1 */
	unsigned long last_line;	/* line of the last occurrence */
	const char *last_file;		/* its input when not file's (the logs
					 * of one Outlook data file are merged
					 * together), else NULL */
	int last_time;			/* its time, or -1 */
	unsigned sessions_with;		/* sessions it occurs in */
	unsigned sessions_total;	/* sessions of its input */
	long long timestamp;		/* local date and time as seconds since
					 * 1970, when the input gave a date; -1 */
};

/* One session, for the timeline. Strings are copies, cut to their size. */
#define OSTD_RECORD_FOLDERS 5
struct ostd_session_record {
	char file[256];			/* cut when longer */
	unsigned index;
	unsigned long first_line, last_line;
	int start_time, end_time;	/* -1 when unknown */
	int duration;			/* seconds (across midnight), -1 unknown */
	char version[32];		/* "" when unknown */
	char mailbox[128];
	enum ostd_session_end end;
	unsigned long folders;		/* folders synchronized */
	unsigned long items_up, items_down;
	unsigned long errors;
	int longest_gap;
	struct {
		char name[96];		/* folder, or the section line */
		bool is_folder;
		unsigned long errors;
	} error_folders[OSTD_RECORD_FOLDERS];	/* where the errors were */
	size_t nerror_folders;
	int error_times[8];		/* times of the first errors, for the timeline */
	size_t nerror_times;
};

/* One input, for the run's summary table. */
struct ostd_file_record {
	char file[256];			/* cut when longer */
	/*
	 * The whole name, valid while the record is handed to the report (a
	 * report that keeps records keeps file); NULL: file is whole.
	 */
	const char *path;
	const char *format;		/* "text", "msg", "rtf", "eml", "pst" */
	const char *encoding;		/* of text, or NULL */
	char subject[128];		/* of a message, "" when none */
	char folder[128];		/* of a log in an Outlook data file,
					 * "" otherwise */
	long long date;			/* local, seconds since 1970; -1 none */
	unsigned long sessions, errors, findings;
	bool failed;			/* could not be read or decoded */
	bool skipped;			/* not read: not a file to read */
	char reason[160];		/* why it failed or was skipped, or "" */
};

/* How many findings (counting repeats) each diagnosis got in a run. */
struct ostd_diagnosis_count {
	const char *id;			/* "" for unrecognized (the analyzer's copy) */
	unsigned long findings;
	unsigned long occurrences;
};

/* Totals over a run. */
struct ostd_summary {
	unsigned long files;
	unsigned long files_failed;
	unsigned long files_skipped;	/* found by a walk, not read */
	unsigned long sessions;
	unsigned long errors;		/* error blocks */
	unsigned long findings;
	unsigned long info;		/* findings of level info: no trouble */
	unsigned long diagnosed;	/* findings with at least one diagnosis */
	unsigned long unrecognized;
	unsigned long notes;		/* problems with the input itself */
	unsigned long filtered;		/* findings left out by --min-level etc. */
	unsigned long lines;
	unsigned long long bytes;
	const struct ostd_diagnosis_count *by_diagnosis;	/* most first */
	size_t nby_diagnosis;
};

#endif
