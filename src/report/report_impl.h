/*
 * report_impl.h: what each output format provides to report.c. Internal.
 */
#ifndef OSTD_REPORT_IMPL_H
#define OSTD_REPORT_IMPL_H

#include "ostdiag/report.h"

struct report_ops {
	void (*begin)(struct ostd_report *r);
	void (*finding)(struct ostd_report *r, const struct ostd_finding *f);
	void (*note)(struct ostd_report *r, const char *file,
	    unsigned long line, const char *message);	/* may be NULL;
							 * stderr gets it anyway */
	void (*session)(struct ostd_report *r,
	    const struct ostd_session_record *rec);	/* may be NULL */
	void (*file)(struct ostd_report *r,
	    const struct ostd_file_record *rec);	/* may be NULL */
	void (*end)(struct ostd_report *r, const struct ostd_summary *sum);
	void (*free_state)(void *state);
};

struct ostd_report {
	const struct report_ops *ops;
	FILE *out;
	FILE *err;
	void *state;		/* the format's own */
	struct ostd_report_options opts;
	unsigned long nfindings;
	ostd_finding_fn fn;	/* for the callback report */
	void *fn_ctx;
	int spool_error;	/* errno of a list that could not be kept */
};

struct spool;
/* Keep rec in s for the end of the report; a failure fails the report. */
void report_keep(struct ostd_report *r, struct spool *s, const void *rec,
    size_t size);
/* Fail the report if reading s back failed. */
void report_check_spool(struct ostd_report *r, const struct spool *s);

extern const struct report_ops report_text_ops;
extern const struct report_ops report_json_ops;
extern const struct report_ops report_jsonl_ops;
extern const struct report_ops report_checklist_ops;
extern const struct report_ops report_html_ops;
extern const struct report_ops report_brief_ops;
extern const struct report_ops report_files_with_ops;
extern const struct report_ops report_files_without_ops;

/* Facts about findings that every format shows the same way. */
const char *finding_kind_name(enum ostd_finding_kind kind);
/* The scope line of a finding, or NULL. */
const char *finding_context(const struct ostd_finding *f);
/* Describe symptom bits in words ("paused 24 minutes"); into buf. */
const char *symptom_words(const struct ostd_finding *f, char *buf, size_t size);
/*
 * Whether candidate c was written for the client that wrote the log of f, in
 * words: what it was written for and what the log shows; into buf.
 */
const char *applicability_words(const struct ostd_finding *f,
    const struct ostd_candidate *c, char *buf, size_t size);
/* A one-word verdict for c: "fits", "may fit" or "another version". */
const char *applicability_verdict(const struct ostd_candidate *c);
/* one when n is 1, else many. */
const char *report_plural(unsigned long n, const char *one, const char *many);
struct strbuf;
/*
 * The totals of a run in words, as the text report ends: "1 file, 2
 * sessions, 6 errors: 6 findings, 5 diagnosed, 1 unrecognized", then what
 * filters left out and the inputs that failed or were skipped; appended to b.
 */
void report_counts(struct strbuf *b, const struct ostd_summary *s);


#endif
