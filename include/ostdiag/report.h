/*
 * ostdiag/report.h: writes findings for people (text) or programs (JSON). A report
 * is streamed: begin, then each finding as it comes, then end with the totals, so
 * memory does not grow with the number of findings.
 * The report does not own its FILEs.
 *
 * Stage 5 of 6, report (src/report/). Takes: struct ostd_finding, session and
 * file records and the totals (finding.h). Hands on: text, JSON, a checklist
 * or HTML on the output. Must not include: the headers of run (analyze.h,
 * batch.h, explain.h, selftest.h).
 */
#ifndef OSTDIAG_REPORT_H
#define OSTDIAG_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "ostdiag/finding.h"
#include "ostdiag/show.h"

enum ostd_format {
	OSTD_FORMAT_TEXT,
	OSTD_FORMAT_JSON,
	OSTD_FORMAT_JSONL,	/* one JSON object per line */
	OSTD_FORMAT_CHECKLIST,	/* Markdown for a ticket */
	OSTD_FORMAT_HTML,	/* one self-contained page */
	OSTD_FORMAT_BRIEF,	/* a finding a line, FILE:LINE: LEVEL: ... */
	OSTD_FORMAT_FILES_WITH,	/* the names of inputs with findings (-l) */
	OSTD_FORMAT_FILES_WITHOUT	/* of inputs read with none (-L) */
};

/*
 * Parse "text" / "json" / "jsonl" / "checklist" / "html" / "brief"; -1 when
 * unknown (the file lists have no name: they are options of their own).
 */
int ostd_format_from_name(const char *name);

struct ostd_report;

/* A report writing to out; problems with the input go to err (text) or into out. */
struct ostd_report *ostd_report_new(enum ostd_format format, FILE *out,
    FILE *err);
/* A report that hands each finding to fn instead of writing it (for tests, tools). */
typedef void (*ostd_finding_fn)(const struct ostd_finding *f, void *ctx);
struct ostd_report *ostd_report_new_fn(ostd_finding_fn fn, void *ctx);
void ostd_report_free(struct ostd_report **r);

/* How a report looks; zeroed means the defaults. */
struct ostd_report_options {
	int width;		/* text columns; 0: 80 */
	bool color;		/* ANSI colours in text */
	bool quiet;		/* text: the summary line only */
	bool verbose;		/* text: quote each error's log lines */
	bool timeline;		/* text: the session timeline after the findings */
};

void ostd_report_set_options(struct ostd_report *r,
    const struct ostd_report_options *opts);

void ostd_report_begin(struct ostd_report *r);
void ostd_report_finding(struct ostd_report *r, const struct ostd_finding *f);
/* An input is done (for the summary table of a run over several). */
void ostd_report_file(struct ostd_report *r, const struct ostd_file_record *rec);
/* A session has ended (for the timeline). */
void ostd_report_session(struct ostd_report *r,
    const struct ostd_session_record *rec);
/* Does the report show session records (a timeline, or HTML's table)? */
bool ostd_report_shows_sessions(const struct ostd_report *r);
/* A problem with the input itself, at file:line (line 0: the whole file). */
void ostd_report_note(struct ostd_report *r, const char *file,
    unsigned long line, const char *message);
void ostd_report_end(struct ostd_report *r, const struct ostd_summary *sum);

/*
 * Non-zero once writing to out has failed (full disk, closed pipe), or a list
 * the report prints at its end could not be kept.
 */
int ostd_report_failed(const struct ostd_report *r);
/*
 * The errno of a list that could not be kept in its temporary file, or 0; the
 * directory such files go to ($TMPDIR, or /tmp).
 */
int ostd_report_spool_error(const struct ostd_report *r);
const char *ostd_report_spool_dir(void);

/*
 * Write s[0..len) as a JSON string, quotes included; bytes that are not valid UTF-8
 * become U+FFFD, so the output is valid JSON for any input.
 */
void ostd_json_string(FILE *out, const char *s, size_t len);

#endif
