/*
 * ostdiag/analyze.h: reads an input, parses it, matches every error against the
 * rules and hands each finding to a reporter as soon as its session is complete.
 * Every error block becomes a finding, recognized or not; loose text and session
 * symptoms become findings when a rule recognizes them.
 */
#ifndef OSTDIAG_ANALYZE_H
#define OSTDIAG_ANALYZE_H

#include <stdbool.h>
#include <stdio.h>

#include "ostdiag/log.h"
#include "ostdiag/match.h"
#include "ostdiag/rules.h"
#include "ostdiag/source.h"

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
	unsigned long diagnosed;	/* findings with at least one diagnosis */
	unsigned long unrecognized;
	unsigned long notes;		/* problems with the input itself */
	unsigned long filtered;		/* findings left out by --min-level etc. */
	unsigned long lines;
	unsigned long long bytes;
	const struct ostd_diagnosis_count *by_diagnosis;	/* most first */
	size_t nby_diagnosis;
};

struct ostd_report;
struct ostd_analyzer;

/* An analyzer that reports to report. Never returns NULL. */
struct ostd_analyzer *ostd_analyzer_new(const struct ostd_ruleset *rs,
    struct ostd_report *report);

/*
 * Merge repeated findings of an input into one with a count (the default), or
 * report every occurrence on its own (merge false).
 */
void ostd_analyzer_set_merge(struct ostd_analyzer *a, bool merge);

/* How inputs are read: their format and text encoding (AUTO: detect). */
void ostd_analyzer_set_input(struct ostd_analyzer *a, int format, int encoding);

/*
 * Are the inputs from here on found in a folder (true) or named (false, the
 * start)? An input that holds no synchronization log is skipped when found,
 * and fails (trouble) when named.
 */
void ostd_analyzer_set_found(struct ostd_analyzer *a, bool found);

/*
 * Let a long regular file be read, split and classified on a second thread
 * while this one parses and reports (off by default). The report is the same.
 */
void ostd_analyzer_set_read_ahead(struct ostd_analyzer *a, bool read_ahead);

/*
 * Replace names (mailboxes, subjects, folders, hosts, addresses) by stable
 * placeholders in everything reported.
 */
void ostd_analyzer_set_redact(struct ostd_analyzer *a, bool redact);

/*
 * Report only findings at min_level or above whose best diagnosis is one of only
 * (when nonly > 0) and not one of exclude. A finding no rule recognizes has level
 * error. The id lists are borrowed: they must outlive the analyzer.
 */
void ostd_analyzer_set_filter(struct ostd_analyzer *a, enum ostd_level min_level,
    const char *const *only, size_t nonly, const char *const *exclude,
    size_t nexclude);
void ostd_analyzer_free(struct ostd_analyzer **a);

/*
 * Analyze one input read from src (ostdiag/source.h) and named name ("-"
 * shows as "(stdin)"): a log as text in any encoding, or a saved message (see
 * ostdiag/input.h). A long input from a regular file (src->regular, or found
 * from src->fd when -1) may be read ahead on a second thread. Returns 0, -1
 * when reading or decoding failed (reported as a note; findings before the
 * failure are kept), or -2 when the reporter could not write.
 */
int ostd_analyze_source(struct ostd_analyzer *a, struct ostd_source *src,
    const char *name);

/*
 * Account for an input that is not read: noted with reason, and listed among
 * the files as failed (it could not be read) or skipped (it is not a file to
 * read, such as a FIFO a directory walk found).
 */
void ostd_analyzer_account(struct ostd_analyzer *a, const char *path,
    bool failed, const char *reason);

/* Analyze text in memory (used to test rule examples). Same returns. */
int ostd_analyze_buffer(struct ostd_analyzer *a, const char *text, size_t len,
    const char *name);

/* The rules a analyzes with. */
const struct ostd_ruleset *ostd_analyzer_ruleset(const struct ostd_analyzer *a);

/* The run's totals, with the counts per diagnosis sorted most first. */
const struct ostd_summary *ostd_analyzer_summary(struct ostd_analyzer *a);

/* Has writing the report failed (so reading more is pointless)? */
bool ostd_analyzer_failed(const struct ostd_analyzer *a);

/* A problem with an input that the caller found (it could not be opened). */
void ostd_analyzer_note(struct ostd_analyzer *a, const char *file,
    unsigned long line, const char *message);

/*
 * Inputs read on several threads: each thread has its own ruleset and an
 * analyzer (with no report) in recording mode, which keeps what it would report
 * (findings after merging, sessions, files, notes, totals) in order. The thread
 * that reports replays each recording, in input order, into its own analyzer,
 * which filters, redacts, counts and reports as if it had read the input. The
 * rules a recording points to must outlive its replay.
 */
struct ostd_recording;

void ostd_analyzer_start_recording(struct ostd_analyzer *a);
/*
 * Bound a recording to about limit bytes (0: no bound). An input whose
 * recording would grow past it is given up at once: its recording is marked
 * overflowed and holds nothing of it, and the reporting thread reads that
 * input itself, as it comes, in bounded memory.
 */
void ostd_analyzer_limit_recording(struct ostd_analyzer *a, size_t limit);
/* Did the recording outgrow its bound (its input must be read again)? */
bool ostd_recording_overflowed(const struct ostd_recording *rec);
/* The memory a recording holds, in bytes. */
size_t ostd_recording_bytes(const struct ostd_recording *rec);
/*
 * What was recorded since the start (the analyzer records on, afresh). spare,
 * when not NULL, is a recording already replayed: it is emptied and records
 * what comes next, which saves allocating a new one.
 */
struct ostd_recording *ostd_analyzer_take_recording(struct ostd_analyzer *a,
    struct ostd_recording *spare);
/*
 * Does replaying into a need the recorded session records? Not when its report
 * shows no sessions and nothing is redacted; then a recording analyzer may be
 * told to leave them out (they are kept by default).
 */
bool ostd_analyzer_wants_sessions(const struct ostd_analyzer *a);
void ostd_analyzer_record_sessions(struct ostd_analyzer *a, bool on);
/* Report a recording; returns what ostd_analyze_source returned for it. */
int ostd_analyzer_replay(struct ostd_analyzer *a, struct ostd_recording *rec);
void ostd_recording_free(struct ostd_recording **rec);
/* Set the status of the recorded input (as ostd_analyze_source returns). */
void ostd_recording_set_status(struct ostd_recording *rec, int status);

#endif
