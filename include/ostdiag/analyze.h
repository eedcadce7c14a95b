/*
 * ostdiag/analyze.h: reads an input, parses it, matches every error against the
 * rules and hands each finding to a reporter as soon as its session is complete.
 * Every error block becomes a finding, recognized or not; loose text and session
 * symptoms become findings when a rule recognizes them.
 *
 * Stage 6 of 6, run (src/run/): drives the others. Takes: inputs, a ruleset
 * and a report. Hands on: each struct ostd_finding, session and file record
 * to the report as it is complete (with --jobs, in a struct ostd_recording
 * first). Must not include: src/main.c, the command line above it; it may
 * include every stage below.
 */
#ifndef OSTDIAG_ANALYZE_H
#define OSTDIAG_ANALYZE_H

#include <stdbool.h>
#include <stdio.h>

#include "ostdiag/finding.h"
#include "ostdiag/log.h"
#include "ostdiag/match.h"
#include "ostdiag/rules.h"
#include "ostdiag/source.h"

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
/* What was recorded since the start (the analyzer records on, afresh). */
struct ostd_recording *ostd_analyzer_take_recording(struct ostd_analyzer *a);
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
