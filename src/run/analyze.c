/*
 * analyze.c: drives one input through the reader, the parser, the matcher and the
 * reporter, and keeps the totals.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ostdiag/analyze.h"
#include "ostdiag/reader.h"
#include "ostdiag/report.h"
#include "ostdiag/input.h"
#include "ostdiag/pstfile.h"
#include "ostdiag/redact.h"
#include "input/pstitem.h"
#include "kb/textmemo.h"
#include "parse/readahead.h"
#include "report/kept.h"
#include "report/repeat.h"
#include "util/platform.h"
#include "util/spool.h"
#include "util/util.h"

struct ostd_analyzer {
	const struct ostd_ruleset *rs;
	struct ostd_report *report;
	struct ostd_summary sum;
	const char *file;	/* name of the input being read */
	struct repeat_table *repeats;	/* NULL: every occurrence on its own */
	struct text_memo *texts;	/* text-pattern hits of recent strings */
	struct ostd_limit_watch watch;	/* of the patterns that give up */
	unsigned long match_line;	/* the line being matched */
	struct ostd_reader *reader;	/* kept from one input to the next */
	bool read_ahead;	/* long files may be read on a second thread */
	bool record_sessions;	/* a recording keeps session records */
	unsigned sessions;	/* sessions of the input being read (of all the
				 * logs of an Outlook data file so far) */
	unsigned session_base;	/* sessions before the log being read, of the
				 * logs that share its repeat table */
	bool in_store;		/* reading the logs of an Outlook data file:
				 * their repeats are merged together */
	struct ostd_session_record rec;	/* the session being read, for the timeline */
	bool rec_pending;
	struct ostd_redactor *redactor;	/* NULL: names as they are */
	int input_format;	/* enum ostd_input_format */
	int encoding;		/* enum ostd_encoding */
	enum ostd_utf8_check utf8_check;	/* of the input being read */
	bool found;		/* inputs are found in a folder, not named */
	unsigned long input_findings;	/* of the input, before merging */
	unsigned long log_entries;	/* of the input: see no_log */
	unsigned long long input_bytes;	/* read of the input's text */
	unsigned long utf8_bad;	/* of the input: see note_utf8 */
	bool note_reason;	/* note the file record's reason after it */
	struct ostd_parser *parser;	/* of the input being read */
	long long local_date;	/* the input message's local date, or -1 */
	int date_slack;		/* seconds the log may run past that date */
	struct ostd_file_record file_rec;	/* of the input being read */
	struct ostd_diagnosis_count *counts;	/* per diagnosis, for the summary */
	size_t ncounts, counts_cap;
	struct ostd_recording *recording;	/* NULL: report as we go */
	size_t recording_limit;		/* bytes; 0: none */
	struct tally *tally;	/* findings of inputs whose record is to come */
	size_t ntally, tally_cap;
	enum ostd_level min_level;	/* filters */
	const char *const *only;
	size_t nonly;
	const char *const *exclude;
	size_t nexclude;
};

/*
 * Findings reported of an input whose record is still to come: an input's
 * record says how many it had. The logs of an Outlook data file have theirs
 * after the last one's, when their merged findings are out.
 */
struct tally {
	char *file;
	unsigned long findings;
};

enum recorded_kind { REC_FINDING, REC_SESSION, REC_FILE, REC_NOTE };

struct recorded {
	enum recorded_kind kind;
	union {
		struct kept_finding finding;
		struct ostd_session_record session;
		struct ostd_file_record file;
		struct {
			char *file;
			unsigned long line;
			char *message;
		} note;
	} u;
};

struct ostd_recording {
	struct recorded **items;
	size_t n, cap;
	struct arena arena;	/* the items and their strings */
	struct ostd_summary sum;	/* the totals the reader kept */
	int status;
	bool overflowed;	/* outgrew its bound: holds nothing */
};

/*
 * Is the input being recorded given up (its recording overflowed)? Then
 * nothing more of it is kept, and its reading stops.
 */
static bool
given_up(const struct ostd_analyzer *a)
{
	return a->recording != NULL && a->recording->overflowed;
}

/* Give the input being recorded up: empty its recording, mark it overflowed. */
static void
give_up(struct ostd_analyzer *a)
{
	struct ostd_recording *rec = a->recording;

	rec->overflowed = true;
	rec->n = 0;
	rec->cap = 0;
	free(rec->items);
	rec->items = NULL;
	arena_free(&rec->arena);
}

/*
 * A new item of the recording, or NULL when the recording would outgrow its
 * bound: it is emptied and marked overflowed instead.
 */
static struct recorded *
record(struct ostd_analyzer *a, enum recorded_kind kind)
{
	static const size_t sizes[] = {
		[REC_FINDING] = sizeof(struct kept_finding),
		[REC_SESSION] = sizeof(struct ostd_session_record),
		[REC_FILE] = sizeof(struct ostd_file_record),
		[REC_NOTE] = sizeof(((struct recorded *)NULL)->u.note),
	};
	struct ostd_recording *rec = a->recording;
	struct recorded *r;

	if (rec->overflowed)
		return NULL;
	if (a->recording_limit > 0 &&
	    ostd_recording_bytes(rec) > a->recording_limit) {
		give_up(a);
		return NULL;
	}
	r = arena_alloc(&rec->arena, offsetof(struct recorded, u) +
	    sizes[kind]);
	r->kind = kind;
	grow_array((void **)&rec->items, &rec->cap, rec->n + 1,
	    sizeof(*rec->items));
	rec->items[rec->n++] = r;
	return r;
}

void
ostd_recording_free(struct ostd_recording **rp)
{
	struct ostd_recording *rec;

	if (rp == NULL || (rec = *rp) == NULL)
		return;
	arena_free(&rec->arena);
	free(rec->items);
	free(rec);
	*rp = NULL;
}

void
ostd_recording_set_status(struct ostd_recording *rec, int status)
{
	rec->status = status;
}

bool
ostd_recording_overflowed(const struct ostd_recording *rec)
{
	return rec->overflowed;
}

size_t
ostd_recording_bytes(const struct ostd_recording *rec)
{
	return sizeof(*rec) + rec->arena.allocated +
	    rec->cap * sizeof(*rec->items);
}

void
ostd_analyzer_limit_recording(struct ostd_analyzer *a, size_t limit)
{
	a->recording_limit = limit;
}

void
ostd_analyzer_start_recording(struct ostd_analyzer *a)
{
	if (a->recording == NULL)
		a->recording = xcalloc(1, sizeof(*a->recording));
	memset(&a->sum, 0, sizeof(a->sum));
}

struct ostd_recording *
ostd_analyzer_take_recording(struct ostd_analyzer *a)
{
	struct ostd_recording *rec = a->recording;

	rec->sum = a->sum;
	a->recording = xcalloc(1, sizeof(*a->recording));
	memset(&a->sum, 0, sizeof(a->sum));
	return rec;
}

static void pattern_gave_up(const struct ostd_limit_hit *hit, void *ctx);

struct ostd_analyzer *
ostd_analyzer_new(const struct ostd_ruleset *rs, struct ostd_report *report)
{
	struct ostd_analyzer *a = xcalloc(1, sizeof(*a));

	a->rs = rs;
	a->report = report;
	a->repeats = repeat_new();
	a->texts = text_memo_new(rs);
	a->watch.hit = pattern_gave_up;
	a->watch.ctx = a;
	a->local_date = -1;
	a->record_sessions = true;
	return a;
}

const struct ostd_ruleset *
ostd_analyzer_ruleset(const struct ostd_analyzer *a)
{
	return a->rs;
}

bool
ostd_analyzer_wants_sessions(const struct ostd_analyzer *a)
{
	/* Redaction numbers names in the order they are reported. */
	return a->report == NULL || a->redactor != NULL ||
	    ostd_report_shows_sessions(a->report);
}

void
ostd_analyzer_record_sessions(struct ostd_analyzer *a, bool on)
{
	a->record_sessions = on;
}

void
ostd_analyzer_set_merge(struct ostd_analyzer *a, bool merge)
{
	if (merge && a->repeats == NULL)
		a->repeats = repeat_new();
	else if (!merge)
		repeat_free(&a->repeats);
}

void
ostd_analyzer_set_input(struct ostd_analyzer *a, int format, int encoding)
{
	a->input_format = format;
	a->encoding = encoding;
}

void
ostd_analyzer_set_found(struct ostd_analyzer *a, bool found)
{
	a->found = found;
}

void
ostd_analyzer_set_read_ahead(struct ostd_analyzer *a, bool read_ahead)
{
	a->read_ahead = read_ahead;
}

void
ostd_analyzer_set_redact(struct ostd_analyzer *a, bool redact)
{
	if (redact && a->redactor == NULL)
		a->redactor = ostd_redactor_new();
	else if (!redact)
		ostd_redactor_free(&a->redactor);
}

void
ostd_analyzer_set_filter(struct ostd_analyzer *a, enum ostd_level min_level,
    const char *const *only, size_t nonly, const char *const *exclude,
    size_t nexclude)
{
	a->min_level = min_level;
	a->only = only;
	a->nonly = nonly;
	a->exclude = exclude;
	a->nexclude = nexclude;
}

static bool
listed(const char *const *ids, size_t n, const struct ostd_rule *r)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(ids[i], r->id) == 0 ||
		    (r->article != NULL && strcasecmp(ids[i], r->article) == 0))
			return true;
	return false;
}

/* A finding's level: its best diagnosis's; an unrecognized one is an error. */
static enum ostd_level
finding_level(const struct ostd_finding *f)
{
	return f->diag->n > 0 ? f->diag->cand[0].rule->level :
	    OSTD_LEVEL_ERROR;
}

/* Does the finding pass --min-level, --only and --exclude? */
static bool
wanted(const struct ostd_analyzer *a, const struct ostd_finding *f)
{
	const struct ostd_diagnosis *d = f->diag;
	bool only = a->nonly == 0;

	if (finding_level(f) < a->min_level)
		return false;
	for (size_t i = 0; i < d->ntop; i++) {
		if (listed(a->exclude, a->nexclude, d->cand[i].rule))
			return false;
		if (listed(a->only, a->nonly, d->cand[i].rule))
			only = true;
	}
	return only;
}

void
ostd_analyzer_free(struct ostd_analyzer **ap)
{
	if (ap == NULL || *ap == NULL)
		return;
	repeat_free(&(*ap)->repeats);
	text_memo_free(&(*ap)->texts);
	ostd_reader_free(&(*ap)->reader);
	ostd_redactor_free(&(*ap)->redactor);
	ostd_recording_free(&(*ap)->recording);
	for (size_t i = 0; i < (*ap)->ncounts; i++)
		free((char *)(*ap)->counts[i].id);
	free((*ap)->counts);
	for (size_t i = 0; i < (*ap)->ntally; i++)
		free((*ap)->tally[i].file);
	free((*ap)->tally);
	free(*ap);
	*ap = NULL;
}

static int
most_first(const void *x, const void *y)
{
	const struct ostd_diagnosis_count *a = x, *b = y;

	if (a->occurrences != b->occurrences)
		return a->occurrences < b->occurrences ? 1 : -1;
	return strcmp(a->id, b->id);
}

const struct ostd_summary *
ostd_analyzer_summary(struct ostd_analyzer *a)
{
	if (a->ncounts > 1)
		qsort(a->counts, a->ncounts, sizeof(*a->counts), most_first);
	a->sum.by_diagnosis = a->counts;
	a->sum.nby_diagnosis = a->ncounts;
	return &a->sum;
}

/* Count a reported finding against its best diagnosis. */
static void
count_diagnosis(struct ostd_analyzer *a, const struct ostd_finding *f)
{
	const char *id = f->diag->n > 0 ? f->diag->cand[0].rule->id : "";
	size_t i;

	for (i = 0; i < a->ncounts; i++)
		if (strcmp(a->counts[i].id, id) == 0)
			break;
	if (i == a->ncounts) {
		grow_array((void **)&a->counts, &a->counts_cap, a->ncounts + 1,
		    sizeof(*a->counts));
		a->counts[i].id = xstrdup(id);	/* rules may go first */
		a->counts[i].findings = 0;
		a->counts[i].occurrences = 0;
		a->ncounts++;
	}
	a->counts[i].findings++;
	a->counts[i].occurrences += f->count;
}

/* Has writing the report failed (a recording analyzer has no report)? */
static bool
report_failed(const struct ostd_analyzer *a)
{
	return a->report != NULL && ostd_report_failed(a->report);
}

bool
ostd_analyzer_failed(const struct ostd_analyzer *a)
{
	return report_failed(a);
}

/* The name of an input as reported: its placeholder when redacting. */
static const char *
shown_file(struct ostd_analyzer *a, const char *file)
{
	if (a->redactor == NULL || file == NULL)
		return file;
	return ostd_redact_name(a->redactor, OSTD_REDACT_FILE, file);
}

static void
note(struct ostd_analyzer *a, unsigned long line, const char *fmt, ...)
    OSTD_PRINTF(3, 4);

static void
note(struct ostd_analyzer *a, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	ostd_analyzer_note(a, a->file, line, msg);
	free(msg);
}

void
ostd_analyzer_note(struct ostd_analyzer *a, const char *file,
    unsigned long line, const char *message)
{
	if (a->recording != NULL) {
		struct recorded *r = record(a, REC_NOTE);

		if (r == NULL)
			return;
		r->u.note.file = arena_strdup(&a->recording->arena, file);
		r->u.note.line = line;
		r->u.note.message = arena_strdup(&a->recording->arena,
		    message);
		return;
	}
	a->sum.notes++;
	if (a->redactor != NULL) {
		char *shown = ostd_redact_text(a->redactor, message);

		ostd_report_note(a->report, shown_file(a, file), line, shown);
		free(shown);
		return;
	}
	ostd_report_note(a->report, file, line, message);
}

/*
 * A rule's pattern gave up on the line being matched: say so at once, with
 * where the rule is, whether or not a finding comes of the line.
 */
static void
pattern_gave_up(const struct ostd_limit_hit *hit, void *ctx)
{
	struct ostd_analyzer *a = ctx;
	const struct ostd_rule *r = hit->rule;
	char after[96] = "";

	if (hit->retired)
		snprintf(after, sizeof(after), "; it gave up on %u lines, so it "
		    "is not tried again on this input", hit->hits);
	note(a, a->match_line, "rule %s (%s:%lu): its pattern /%.80s%s/ gave "
	    "up here (%s) and was taken as not matching%s",
	    r != NULL ? r->id : "?", r != NULL && r->source != NULL ?
	    r->source : "?", hit->line, hit->pattern,
	    strlen(hit->pattern) > 80 ? "..." : "", hit->limit, after);
}

/* Matching from here tells a of the patterns that give up, as at line. */
static void
watch_patterns(struct ostd_analyzer *a, unsigned long line)
{
	a->match_line = line;
	ostd_ruleset_watch(a->rs, &a->watch);
}

static void
unwatch_patterns(struct ostd_analyzer *a)
{
	ostd_ruleset_watch(a->rs, NULL);
}

/* Report a copy of f whose names are replaced by placeholders. */
static void
report_redacted(struct ostd_analyzer *a, const struct ostd_finding *f)
{
	struct ostd_finding copy = *f;
	struct ostd_session session = *f->session;
	struct ostd_block block;

	copy.file = shown_file(a, f->file);
	copy.last_file = shown_file(a, f->last_file);
	session.blocks = NULL;
	session.nblocks = 0;
	if (session.mailbox != NULL)
		session.mailbox = (char *)ostd_redact_name(a->redactor,
		    OSTD_REDACT_MAILBOX, session.mailbox);
	copy.session = &session;
	if (f->block != NULL) {
		ostd_block_copy(&block, f->block);
		ostd_redact_block(a->redactor, &block);
		copy.block = &block;
	}
	ostd_report_finding(a->report, &copy);
	if (f->block != NULL)
		ostd_block_clear(&block);
}

/* Count a finding reported of the input named file. */
static void
tally_finding(struct ostd_analyzer *a, const char *file)
{
	size_t i = a->ntally;

	if (file == NULL)
		return;
	/* Most findings are of the input reported last. */
	while (i > 0 && strcmp(a->tally[i - 1].file, file) != 0)
		i--;
	if (i == 0) {
		grow_array((void **)&a->tally, &a->tally_cap, a->ntally + 1,
		    sizeof(*a->tally));
		a->tally[a->ntally].file = xstrdup(file);
		a->tally[a->ntally].findings = 0;
		i = ++a->ntally;
	}
	a->tally[i - 1].findings++;
}

/* The findings reported of the input named file, forgotten as they are told. */
static unsigned long
take_tally(struct ostd_analyzer *a, const char *file)
{
	unsigned long n;

	for (size_t i = a->ntally; i > 0; i--) {
		if (strcmp(a->tally[i - 1].file, file) != 0)
			continue;
		n = a->tally[i - 1].findings;
		free(a->tally[i - 1].file);
		memmove(&a->tally[i - 1], &a->tally[i],
		    (a->ntally - i) * sizeof(*a->tally));
		a->ntally--;
		return n;
	}
	return 0;
}

/* Hand a (merged) finding to the reporter. */
static void
emit(const struct ostd_finding *f, void *ctx)
{
	struct ostd_analyzer *a = ctx;

	if (a->recording != NULL) {
		struct recorded *r = record(a, REC_FINDING);

		if (r != NULL)
			kept_finding_init(&r->u.finding, f,
			    &a->recording->arena);
		return;
	}
	if (!wanted(a, f)) {
		a->sum.filtered++;
		return;
	}
	a->sum.findings++;
	if (finding_level(f) == OSTD_LEVEL_INFO)
		a->sum.info++;
	tally_finding(a, f->file);
	count_diagnosis(a, f);
	if (f->diag->n > 0)
		a->sum.diagnosed++;
	else
		a->sum.unrecognized++;
	if (a->redactor != NULL)
		report_redacted(a, f);
	else
		ostd_report_finding(a->report, f);
}

/*
 * Hand the merged findings of the input out. Returns 0, or -1 when repeats
 * could not be merged in their temporary file (noted; the input failed).
 */
static int
flush_repeats(struct ostd_analyzer *a)
{
	int error;

	if (a->repeats == NULL ||
	    (error = repeat_flush(a->repeats, a->sessions, emit, a)) == 0)
		return 0;
	note(a, 0, "repeated findings could not be merged in a temporary file "
	    "in %s: %s", spool_dir(), strerror(error));
	a->file_rec.failed = true;
	snprintf(a->file_rec.reason, sizeof(a->file_rec.reason),
	    "repeated findings could not be merged: %s", strerror(error));
	return -1;
}

/*
 * The local date and time of a finding, when the input message gave a date. The
 * message is written when the synchronization ends, so the log began on the last
 * day on which its first time of day is not later than the message (with a
 * little slack; 14 hours when the message's date is UTC and its time zone is not
 * known, as in .msg files); midnights passed since are counted by the parser.
 */
static long long
timestamp(const struct ostd_analyzer *a, const struct ostd_finding *f)
{
	long long day;
	int first;

	if (a->local_date < 0 || f->time < 0)
		return -1;
	first = ostd_parser_first_time(a->parser);
	if (first < 0)
		first = f->time;
	day = (a->local_date + a->date_slack - first) / 86400;
	if (f->block != NULL)
		day += f->block->day;
	return day * 86400 + f->time;
}

/* A new finding: merged with its earlier occurrences, or reported now. */
static void
report(struct ostd_analyzer *a, struct ostd_finding *f)
{
	a->input_findings++;
	f->timestamp = timestamp(a, f);
	f->count = 1;
	f->last_line = f->line;
	f->last_file = NULL;
	f->last_time = f->time;
	f->sessions_with = 1;
	if (a->repeats == NULL) {
		emit(f, a);
		return;
	}
	/* A failure shows at the flush. */
	(void)repeat_add(a->repeats, f, a->session_base + f->session->index);
	/*
	 * Merged findings would be recorded at the end of the input: when they
	 * are already more than a recording may hold, give up now.
	 */
	if (a->recording != NULL && a->recording_limit > 0 &&
	    !a->recording->overflowed &&
	    repeat_bytes(a->repeats) > a->recording_limit)
		give_up(a);
}

/*
 * A message-level error is usually followed by a folder-level error with the same
 * code: the folder error repeats it, so it takes the item error's diagnosis when
 * that one is better. Likewise a "Terminated in error" with no code of its own
 * is the end the error before it caused.
 */
static bool
repeats_item_error(const struct ostd_block *prev, const struct ostd_block *b)
{
	if (prev != NULL && b->head == OSTD_HEAD_TERMINATED && !b->has_code)
		return true;
	return prev != NULL && b->head == OSTD_HEAD_FOLDER &&
	    (prev->head == OSTD_HEAD_MESSAGE || prev->head == OSTD_HEAD_VIEW_FORM ||
	    prev->head == OSTD_HEAD_SEND) && prev->has_code && b->has_code &&
	    strcmp(prev->code.text, b->code.text) == 0;
}

/* Copy src (NULL: empty) into dst of size bytes, cut to fit. */
static void
copy_cut(char *dst, size_t size, const char *src)
{
	size_t n = src != NULL ? strnlen(src, size - 1) : 0;

	memcpy(dst, src != NULL ? src : "", n);
	dst[n] = '\0';
}

/* Report a session's record (redacted as asked). */
static void
report_session(struct ostd_analyzer *a, struct ostd_session_record *rec)
{
	if (a->recording != NULL) {
		struct recorded *r;

		if (a->record_sessions && (r = record(a, REC_SESSION)) != NULL)
			r->u.session = *rec;
		return;
	}
	if (a->redactor != NULL) {
		copy_cut(rec->file, sizeof(rec->file), shown_file(a, rec->file));
		if (rec->mailbox[0] != '\0')
			copy_cut(rec->mailbox, sizeof(rec->mailbox),
			    ostd_redact_name(a->redactor, OSTD_REDACT_MAILBOX,
			    rec->mailbox));
		for (size_t i = 0; i < rec->nerror_folders; i++) {
			char *name = rec->error_folders[i].name, *t;

			if (rec->error_folders[i].is_folder)
				(void)ostd_redact_name(a->redactor,
				    OSTD_REDACT_FOLDER, name);
			t = ostd_redact_text(a->redactor, name);
			copy_cut(name, sizeof(rec->error_folders[i].name), t);
			free(t);
		}
	}
	ostd_report_session(a->report, rec);
}

/* Hand the finished session's record on. */
static void
flush_record(struct ostd_analyzer *a)
{
	if (a->rec_pending)
		report_session(a, &a->rec);
	a->rec_pending = false;
}

/*
 * Report a copy of an input's record with its names replaced. Its subject is
 * registered first (whole, and as far as a note quotes it), so that the
 * reason, and the note that repeats it, say the placeholder.
 */
static void
report_file_redacted(struct ostd_analyzer *a,
    const struct ostd_file_record *rec)
{
	struct ostd_file_record copy = *rec;
	char *reason;

	copy_cut(copy.file, sizeof(copy.file),
	    shown_file(a, rec->path != NULL ? rec->path : rec->file));
	copy.path = NULL;
	if (rec->subject[0] != '\0') {
		char cut[81];

		copy_cut(cut, sizeof(cut), rec->subject);
		(void)ostd_redact_name(a->redactor, OSTD_REDACT_SUBJECT, cut);
		copy_cut(copy.subject, sizeof(copy.subject),
		    ostd_redact_name(a->redactor, OSTD_REDACT_SUBJECT,
		    rec->subject));
	}
	if (rec->folder[0] != '\0')
		copy_cut(copy.folder, sizeof(copy.folder),
		    ostd_redact_name(a->redactor, OSTD_REDACT_FOLDER,
		    rec->folder));
	reason = ostd_redact_text(a->redactor, rec->reason);
	copy_cut(copy.reason, sizeof(copy.reason), reason);
	free(reason);
	ostd_report_file(a->report, &copy);
}

/*
 * Report an input's record (kept while recording), with the findings
 * reported of it.
 */
static void
report_file(struct ostd_analyzer *a, const struct ostd_file_record *rec)
{
	struct recorded *r;

	if (a->recording == NULL) {
		struct ostd_file_record told = *rec;

		told.findings = take_tally(a, rec->path != NULL ? rec->path :
		    rec->file);
		if (a->redactor != NULL)
			report_file_redacted(a, &told);
		else
			ostd_report_file(a->report, &told);
	} else if ((r = record(a, REC_FILE)) != NULL) {
		r->u.file = *rec;
		if (rec->path != NULL)
			r->u.file.path = arena_strdup(&a->recording->arena,
			    rec->path);
	}
}

/* Count an error against its folder (or section) in the session's record. */
static void
record_error_place(struct ostd_session_record *rec, const struct ostd_block *b)
{
	const char *name = b->folder != NULL ? b->folder :
	    b->scope_text != NULL ? b->scope_text : "(no section)";
	size_t i;

	for (i = 0; i < rec->nerror_folders; i++)
		if (strncmp(rec->error_folders[i].name, name,
		    sizeof(rec->error_folders[i].name) - 1) == 0)
			break;
	if (i == rec->nerror_folders) {
		if (i == OSTD_RECORD_FOLDERS)
			return;
		copy_cut(rec->error_folders[i].name,
		    sizeof(rec->error_folders[i].name), name);
		rec->error_folders[i].is_folder = b->folder != NULL;
		rec->nerror_folders++;
	}
	rec->error_folders[i].errors++;
}

/* Start or extend the timeline record of session s. */
static void
update_record(struct ostd_analyzer *a, const struct ostd_session *s)
{
	struct ostd_session_record *rec = &a->rec;

	if (!s->continued) {
		flush_record(a);
		memset(rec, 0, sizeof(*rec));
		copy_cut(rec->file, sizeof(rec->file), a->file);
		rec->index = s->index;
		rec->first_line = s->first_line;
		a->rec_pending = true;
	}
	rec->last_line = s->last_line;
	rec->start_time = s->start_time;
	rec->end_time = s->end_time;
	rec->duration = -1;
	if (s->start_time >= 0 && s->end_time >= 0) {
		rec->duration = s->end_time - s->start_time;
		if (rec->duration < 0)
			rec->duration += 24 * 3600;
	}
	copy_cut(rec->version, sizeof(rec->version), s->version);
	copy_cut(rec->mailbox, sizeof(rec->mailbox), s->mailbox);
	rec->end = s->end;
	rec->folders = s->folders;
	rec->items_up = s->items_up;
	rec->items_down = s->items_down;
	rec->errors = s->errors;
	rec->longest_gap = s->longest_gap;
	for (size_t i = 0; i < s->nblocks; i++) {
		const struct ostd_block *b = &s->blocks[i];

		if (b->head == OSTD_HEAD_NONE)
			continue;
		record_error_place(rec, b);
		if (b->time >= 0 && rec->nerror_times < 8)
			rec->error_times[rec->nerror_times++] = b->time;
	}
}

/* Called by the parser for each finished session (or part of one). */
static int
on_session(const struct ostd_session *s, void *ctx)
{
	struct ostd_analyzer *a = ctx;
	struct ostd_diagnosis d, prev_d;
	const struct ostd_block *prev = NULL;
	struct ostd_finding f;

	if (!s->continued) {
		a->sum.sessions++;
		a->sessions++;
		a->file_rec.sessions++;
	}
	update_record(a, s);
	watch_patterns(a, s->first_line);
	for (size_t i = 0; i < s->nblocks; i++) {
		const struct ostd_block *b = &s->blocks[i];

		memset(&f, 0, sizeof(f));
		f.file = a->file;
		f.line = b->line;
		f.time = b->time;
		f.session = s;
		f.block = b;
		f.diag = &d;
		a->match_line = b->line;
		if (b->head == OSTD_HEAD_NONE) {
			if (b->message == NULL)
				continue;
			ostd_match_text(a->rs, b->message, strlen(b->message),
			    ostd_session_clients(s), &d);
			if (d.n == 0)
				continue;
			f.kind = OSTD_FINDING_TEXT;
		} else {
			a->sum.errors++;
			a->file_rec.errors++;
			match_block_memo(a->rs, s, b, a->texts, &d);
			if (repeats_item_error(prev, b) && prev_d.n > 0 &&
			    (d.n == 0 || d.cand[0].score < prev_d.cand[0].score))
				d = prev_d;
			prev = b;
			prev_d = d;
			f.kind = b->head == OSTD_HEAD_TASK ? OSTD_FINDING_TASK :
			    OSTD_FINDING_ERROR;
		}
		report(a, &f);
	}
	a->match_line = s->first_line;
	ostd_match_session(a->rs, s, &d);
	if (d.n > 0) {
		memset(&f, 0, sizeof(f));
		f.kind = OSTD_FINDING_SYMPTOM;
		f.file = a->file;
		f.session = s;
		f.symptoms = ostd_session_symptoms(s);
		f.line = (f.symptoms & OSTD_SYMPTOM_LONG_GAP) ? s->stall_line :
		    s->first_line;
		f.time = s->start_time;
		f.diag = &d;
		report(a, &f);
	}
	unwatch_patterns(a);
	return report_failed(a) || given_up(a) ? -2 : 0;
}

/* Note that line number was cut to OSTD_LINE_MAX bytes. */
static void
note_cut(struct ostd_analyzer *a, unsigned long number, size_t full_len)
{
	note(a, number, "line of %zu bytes is longer than %d; only its first %d "
	    "bytes were read", full_len, OSTD_LINE_MAX, OSTD_LINE_MAX);
}

/* Note a read error after line number; the input counts as failed. */
static int
note_read_error(struct ostd_analyzer *a, unsigned long number, int error)
{
	note(a, number, "read error: %s", strerror(error));
	a->file_rec.failed = true;
	snprintf(a->file_rec.reason, sizeof(a->file_rec.reason),
	    "read error: %s", strerror(error));
	return -1;
}

/* Note the bytes of the input that were not UTF-8, from the reader's tally. */
static void
note_utf8(struct ostd_analyzer *a, const struct ostd_utf8_tally *t)
{
	const char *s = t->bytes == 1 ? "" : "s", *ls = t->lines == 1 ? "" : "s";

	if (t->bytes == 0)
		return;
	if (a->utf8_check == OSTD_UTF8_CP1252) {
		note(a, t->first_line, "%lu byte%s on %lu line%s from here on "
		    "are not UTF-8, as the start of the file was, and were read "
		    "as windows-1252", t->bytes, s, t->lines, ls);
		/* No character past ASCII was UTF-8: the file is Windows text. */
		if (t->multibyte == 0)
			a->file_rec.encoding =
			    ostd_encoding_name(OSTD_ENC_CP1252);
		return;
	}
	note(a, t->first_line, "%lu byte%s on %lu line%s from here on are not "
	    "valid UTF-8 and were replaced by U+FFFD", t->bytes, s, t->lines,
	    ls);
}

/*
 * Parse the rest of the input as a reading thread splits and classifies it.
 * Returns as run; *got is what the reader returned last.
 */
static int
parse_ahead(struct ostd_analyzer *a, struct ostd_parser *p,
    struct readahead *ra, int *got)
{
	const struct ahead_batch *b;
	int rc = 0;

	while (rc == 0 && !given_up(a) && (b = readahead_next(ra)) != NULL) {
		for (size_t i = 0; i < b->nlines && rc == 0; i++) {
			const struct ahead_line *l = &b->lines[i];
			unsigned long number = b->first_number + i;
			struct ostd_event ev;

			if (l->cut)
				note_cut(a, number, b->full_lens[i]);
			if (l->nentries == 0)
				rc = ostd_parser_line(p, number,
				    ahead_text(b, l), l->len);
			for (size_t e = 0; e < l->nentries && rc == 0; e++) {
				ahead_event(b, l, e, &ev);
				rc = ostd_parser_event(p, number, &ev);
			}
			if (rc == 0)
				a->sum.lines++;
		}
		if (rc == 0 && b->status != 1) {
			*got = b->status;
			if (b->status < 0)
				rc = note_read_error(a, b->error_line, b->error);
		}
	}
	readahead_stop(&ra);
	return rc;
}

/* Is raw read from a regular file (whose reads never wait for a writer)? */
static bool
regular_source(struct ostd_source *raw)
{
	struct platform_stat st;

	if (raw->regular < 0)
		raw->regular = raw->fd >= 0 &&
		    platform_fstat(raw->fd, &st) == 0 &&
		    st.kind == PLATFORM_REGULAR;
	return raw->regular == 1;
}

/*
 * Read and parse the input from src. When raw (the source src reads, or src
 * itself) is not NULL and is a regular file longer than READ_AHEAD_AFTER, the
 * rest is read on a second thread. Whether raw is a regular file is found out
 * only once the input is long enough for it to matter.
 */
/* Buys 39% on a 1 GiB log (1.22 against 2.02 s, best of 7, 2 cores). */
#define READ_AHEAD_AFTER (1024 * 1024)

static int
run(struct ostd_analyzer *a, struct ostd_source *src,
    const unsigned char *prefix, size_t prefix_len, struct ostd_source *raw)
{
	struct ostd_reader *rd = a->reader;
	struct ostd_parser *p = ostd_parser_new(on_session, a);
	struct ostd_line line = { NULL, 0, 0, 0, false, false };
	struct readahead *ra;
	struct ostd_utf8_tally tally;
	int rc = 0, got;

	a->parser = p;
	if (!a->in_store)
		a->sessions = 0;
	a->session_base = a->sessions;
	if (rd == NULL)
		rd = a->reader = ostd_reader_new(src);
	else
		ostd_reader_restart(rd, src);
	if (prefix_len > 0)
		ostd_reader_replay(rd, prefix, prefix_len);
	ostd_reader_check_utf8(rd, a->utf8_check);
	while ((got = ostd_reader_next(rd, &line)) == 1) {
		if (given_up(a)) {
			rc = -2;
			break;
		}
		if (line.cut)
			note_cut(a, line.number, line.full_len);
		if ((rc = ostd_parser_line(p, line.number, line.ptr,
		    line.len)) != 0)
			break;
		a->sum.lines++;
		if (raw != NULL && ostd_reader_bytes(rd) >= READ_AHEAD_AFTER) {
			if (!regular_source(raw) ||
			    (ra = readahead_start(rd,
			    READAHEAD_BALANCED)) == NULL) {
				raw = NULL;
				continue;
			}
			rc = parse_ahead(a, p, ra, &got);
			break;
		}
	}
	if (got < 0 && rc == 0)
		rc = note_read_error(a, line.number, errno);
	tally = ostd_reader_utf8_tally(rd);
	note_utf8(a, &tally);
	a->utf8_bad = tally.bytes;
	if (rc != -2) {
		int frc = ostd_parser_finish(p);

		if (frc != 0)
			rc = frc;
	}
	flush_record(a);
	if (!a->in_store && flush_repeats(a) != 0 && rc == 0)
		rc = -1;
	if (rc == 0 && report_failed(a))
		rc = -2;
	a->sum.bytes += ostd_reader_bytes(rd);
	a->input_bytes = ostd_reader_bytes(rd);
	a->log_entries = ostd_parser_log_entries(p);
	ostd_parser_free(&p);
	a->parser = NULL;
	return rc;
}

/*
 * A saved item is known by its subject as much as by its text: a Sync Issues
 * item titled "Sync Monitor" holds diagnostics. The subject is matched as
 * loose text; when a rule knows it, it is a finding of the item's first line.
 */
static void
report_subject(struct ostd_analyzer *a, const char *subject)
{
	struct ostd_diagnosis d;
	struct ostd_session s;
	struct ostd_block b;
	struct ostd_finding f;

	if (subject == NULL || *subject == '\0')
		return;
	watch_patterns(a, 1);
	ostd_match_text(a->rs, subject, strlen(subject), 0, &d);
	unwatch_patterns(a);
	if (d.n == 0)
		return;
	memset(&s, 0, sizeof(s));
	memset(&b, 0, sizeof(b));
	memset(&f, 0, sizeof(f));
	s.index = 1;
	s.start_time = s.end_time = -1;
	b.line = 1;
	b.time = -1;
	b.message = (char *)subject;
	b.subject = (char *)subject;
	f.kind = OSTD_FINDING_TEXT;
	f.file = a->file;
	f.line = 1;
	f.time = -1;
	f.session = &s;
	f.block = &b;
	f.diag = &d;
	report(a, &f);
}

/*
 * The input holds no synchronization log: no entry only a log writes and no
 * finding (or what shows it to be something else, when not NULL). Found in a
 * folder, it is skipped; named, it is trouble. Either way it is said in a
 * note, and its sessions (text cut into pieces) are not counted. Returns 0
 * when it was skipped, -1 when it failed.
 */
static int
no_log(struct ostd_analyzer *a, const struct ostd_input *in, const char *what)
{
	const char *subject = in->msg.subject;
	char reason[sizeof(a->file_rec.reason)];

	if (what != NULL)
		snprintf(reason, sizeof(reason), "not a synchronization log: %s",
		    what);
	else if (subject != NULL && *subject != '\0')
		snprintf(reason, sizeof(reason), "no synchronization log found "
		    "in the message '%.80s'", subject);
	else if (a->encoding != OSTD_ENC_AUTO && in->format == OSTD_INPUT_TEXT)
		snprintf(reason, sizeof(reason), "no synchronization log found, "
		    "reading it as %s (--encoding auto tells the encoding from "
		    "the bytes)", ostd_encoding_name(a->encoding));
	else if (a->input_bytes == 0)
		snprintf(reason, sizeof(reason), "no synchronization log found: "
		    "the input is empty");
	else
		snprintf(reason, sizeof(reason), "no synchronization log found");
	a->note_reason = true;	/* after the file's record: see report_file */
	a->sum.sessions -= a->file_rec.sessions;
	a->file_rec.sessions = 0;
	copy_cut(a->file_rec.reason, sizeof(a->file_rec.reason), reason);
	if (a->found) {
		a->file_rec.skipped = true;
		a->sum.files_skipped++;
		return 0;
	}
	a->file_rec.failed = true;
	return -1;
}

/*
 * Text read in an encoding given with --encoding, of which more than one byte
 * in a hundred (and at least 16) was not valid: the encoding is likely wrong,
 * and what was read of the log with it cannot be trusted. The input fails,
 * with a note naming the encoding. Returns 0, or -1 when it failed.
 */
static int
check_forced_encoding(struct ostd_analyzer *a, const struct ostd_input *in)
{
	unsigned long bad = in->bad + a->utf8_bad;
	char reason[sizeof(a->file_rec.reason)];

	if (a->encoding == OSTD_ENC_AUTO || in->format != OSTD_INPUT_TEXT ||
	    bad < 16 || (unsigned long long)bad * 100 <= a->input_bytes)
		return 0;
	snprintf(reason, sizeof(reason), "%lu of %llu bytes are not valid %s: "
	    "the encoding is likely wrong (--encoding auto tells it from the "
	    "bytes)", bad, a->input_bytes, ostd_encoding_name(a->encoding));
	note(a, 0, "%s", reason);
	copy_cut(a->file_rec.reason, sizeof(a->file_rec.reason), reason);
	a->file_rec.failed = true;
	return -1;
}

/* Inputs read so far by every analyzer, to number each. */
static atomic_ulong inputs_begun;

/*
 * A new input: patterns that gave up on the last one are tried again, and
 * hits remembered from it are forgotten (their notes were the last input's).
 */
static void
begin_input(struct ostd_analyzer *a)
{
	a->watch.input = atomic_fetch_add(&inputs_begun, 1) + 1;
	text_memo_forget(a->texts);
}

/* What an item under Sync Issues that is no log is, for its note. */
static const char *
item_words(enum ostd_pst_kind kind)
{
	switch (kind) {
	case OSTD_PST_CONFLICT:
		return "a conflict, not a log: Outlook keeps here the version "
		    "of an item it did not choose when the item was changed "
		    "in two places";
	case OSTD_PST_LOCAL_FAILURE:
		return "a local failure, not a log: an item Outlook could not "
		    "send to the server";
	case OSTD_PST_SERVER_FAILURE:
		return "a server failure, not a log: an item the server could "
		    "not send to Outlook";
	default:
		return "an item under Sync Issues that is no synchronization "
		    "log; it was not read";
	}
}

/*
 * Analyze the log of item of the Outlook data file p as the input named name,
 * and keep its record in *rec for when the logs' merged findings are out.
 * Returns as run_input.
 */
static int
run_log(struct ostd_analyzer *a, struct ostd_pst *p,
    const struct ostd_pst_item *item, const char *name,
    struct ostd_file_record *rec)
{
	struct ostd_message msg;
	char *err = NULL;
	struct ostd_source body;
	int rc;

	memset(&msg, 0, sizeof(msg));
	a->file = name;
	memset(&a->file_rec, 0, sizeof(a->file_rec));
	copy_cut(a->file_rec.file, sizeof(a->file_rec.file), name);
	a->file_rec.path = name;
	a->file_rec.format = ostd_input_format_name(OSTD_INPUT_PST);
	copy_cut(a->file_rec.subject, sizeof(a->file_rec.subject),
	    item->subject);
	copy_cut(a->file_rec.folder, sizeof(a->file_rec.folder), item->folder);
	a->file_rec.date = item->date;
	a->sum.files++;
	begin_input(a);
	a->input_findings = a->log_entries = a->utf8_bad = 0;
	a->input_bytes = 0;
	if ((rc = ostd_pst_body(p, item, &msg, &err)) < 0) {
		note(a, 0, "%s", err);
		copy_cut(a->file_rec.reason, sizeof(a->file_rec.reason), err);
		a->file_rec.failed = true;
		free(err);
		goto done;
	}
	if (rc == 1)	/* read around damage */
		note(a, 0, "%s", err);
	free(err);
	/* The delivery time is UTC, the log's times local: as for .msg. */
	a->local_date = msg.date;
	a->date_slack = 14 * 3600;
	report_subject(a, a->file_rec.subject);
	a->utf8_check = OSTD_UTF8_TRUST;
	ostd_source_buffer(&body, msg.body, msg.body_len);
	rc = run(a, &body, NULL, 0, NULL);
	if (rc == 0 && a->log_entries == 0 && a->input_findings == 0) {
		a->sum.sessions -= a->file_rec.sessions;
		a->file_rec.sessions = 0;
		a->file_rec.skipped = true;
		a->sum.files_skipped++;
		copy_cut(a->file_rec.reason, sizeof(a->file_rec.reason),
		    "no synchronization log found in the message");
		note(a, 0, "%s", a->file_rec.reason);
	}
done:
	if (a->file_rec.failed) {
		a->sum.files_failed++;
		rc = rc == -2 ? -2 : -1;
	}
	*rec = a->file_rec;
	ostd_message_free(&msg);
	a->local_date = -1;
	return rc;
}

/*
 * The Outlook data file named a->file has no log to read (or could not be
 * searched: failed): its record says why, as no_log does for other inputs.
 * Returns as run_input.
 */
static int
store_without_logs(struct ostd_analyzer *a, const char *reason, bool failed)
{
	copy_cut(a->file_rec.reason, sizeof(a->file_rec.reason), reason);
	a->sum.files++;
	if (!failed && a->found) {
		a->file_rec.skipped = true;
		a->sum.files_skipped++;
	} else {
		a->file_rec.failed = true;
		a->sum.files_failed++;
	}
	report_file(a, &a->file_rec);
	note(a, 0, "%s", reason);
	return a->file_rec.failed ? -1 : 0;
}

/*
 * Read every synchronization log of the Outlook data file named a->file, in
 * time order, each as an input of its own named FILE:FOLDER/SUBJECT@TIME.
 * Their findings are merged together (a persistent error shows as such) and
 * handed out after the last log; then come the logs' records. Items of
 * Conflicts, Local Failures and Server Failures get a note each. Returns as
 * run_input.
 */
static int
run_store(struct ostd_analyzer *a)
{
	const char *path = a->file;
	struct ostd_pst *p = NULL;
	struct ostd_pst_list list;
	struct ostd_file_record rec;
	struct spool recs;
	char **names, *err = NULL, reason[sizeof(a->file_rec.reason)];
	struct platform_stat st;
	unsigned dup = 1;
	int rc = 0, one;

	memset(&list, 0, sizeof(list));
	if (strcmp(path, "(stdin)") == 0)
		err = xstrdup("an Outlook data file is read by its name, not "
		    "from standard input: give the file's path");
	else if (platform_stat(path, &st) != 0 || st.kind != PLATFORM_REGULAR)
		err = xstrdup("an Outlook data file is read in random order: "
		    "it must be a regular file");
	if (err != NULL || ostd_pst_open(path, &p, &err) != 0 ||
	    ostd_pst_find(p, &list, &err) != 0) {
		/* Found by -R in a build that cannot read it: skipped. */
		rc = store_without_logs(a, err, ostd_pst_supported());
		free(err);
		ostd_pst_list_free(&list);
		ostd_pst_close(&p);
		return rc;
	}
	if (list.unreadable > 0)
		note(a, 0, "%lu folder%s or message%s could not be read, the "
		    "file may be damaged; the first: %s", list.unreadable,
		    list.unreadable == 1 ? "" : "s",
		    list.unreadable == 1 ? "" : "s", list.problem);
	names = xcalloc(list.n + 1, sizeof(*names));
	memset(&recs, 0, sizeof(recs));
	a->in_store = true;
	a->sessions = 0;
	for (size_t i = 0; i < list.n && rc != -2; i++) {
		const struct ostd_pst_item *it = &list.items[i];

		dup = i > 0 && it->date == list.items[i - 1].date &&
		    strcmp(it->folder, list.items[i - 1].folder) == 0 &&
		    strcmp(it->subject, list.items[i - 1].subject) == 0 ?
		    dup + 1 : 1;
		names[i] = pst_item_name(path, it->folder, it->subject,
		    it->date, dup);
		if (it->kind != OSTD_PST_LOG) {
			ostd_analyzer_note(a, names[i], 0, item_words(it->kind));
			continue;
		}
		if ((one = run_log(a, p, it, names[i], &rec)) != 0)
			rc = one;
		(void)spool_put(&recs, &rec, sizeof(rec));
	}
	a->in_store = false;
	a->file = path;
	if (flush_repeats(a) != 0 && rc == 0)
		rc = -1;
	spool_rewind(&recs);
	while (spool_next(&recs, &rec, sizeof(rec)))
		report_file(a, &rec);
	if (recs.error != 0) {
		note(a, 0, "the records of the logs could not be kept in a "
		    "temporary file in %s: %s", spool_dir(),
		    strerror(recs.error));
		rc = rc == 0 ? -1 : rc;
	}
	spool_close(&recs);
	if (list.logs == 0) {
		snprintf(reason, sizeof(reason), "no synchronization log found "
		    "in the Outlook data file (%lu folders and %lu messages "
		    "searched)", list.folders, list.messages);
		rc = store_without_logs(a, reason, false);
	}
	if (rc == 0 && report_failed(a))
		rc = -2;
	for (size_t i = 0; i < list.n; i++)
		free(names[i]);
	free(names);
	ostd_pst_list_free(&list);
	ostd_pst_close(&p);
	return rc;
}

/* Open the input as text, analyze it, and report the file's record. */
static int
run_input(struct ostd_analyzer *a, struct ostd_source *raw)
{
	struct ostd_input in;
	char *err = NULL, *problem;
	int rc;

	memset(&a->file_rec, 0, sizeof(a->file_rec));
	copy_cut(a->file_rec.file, sizeof(a->file_rec.file), a->file);
	a->file_rec.path = a->file;
	a->file_rec.date = -1;
	a->sum.files++;
	begin_input(a);
	if (ostd_input_open(&in, raw, (enum ostd_input_format)a->input_format,
	    (enum ostd_encoding)a->encoding, &err) != 0) {
		note(a, 0, "%s", err);
		copy_cut(a->file_rec.reason, sizeof(a->file_rec.reason), err);
		free(err);
		a->file_rec.format = ostd_input_format_name(in.format);
		a->file_rec.failed = true;
		a->sum.files_failed++;
		report_file(a, &a->file_rec);
		ostd_input_close(&in);
		return -1;
	}
	a->file_rec.format = ostd_input_format_name(in.format);
	if (in.format == OSTD_INPUT_PST) {
		a->sum.files--;		/* counted as its logs */
		ostd_input_close(&in);
		return run_store(a);
	}
	a->input_findings = a->log_entries = a->utf8_bad = 0;
	a->input_bytes = 0;
	if (in.not_log != NULL) {
		a->file_rec.format = NULL;	/* none ostdiag reads */
		rc = no_log(a, &in, in.not_log);
		goto done;
	}
	if (in.warning != NULL)
		note(a, 0, "%s", in.warning);
	a->file_rec.encoding = in.format == OSTD_INPUT_TEXT ?
	    ostd_encoding_name(in.encoding) : NULL;
	copy_cut(a->file_rec.subject, sizeof(a->file_rec.subject),
	    in.msg.subject);
	a->local_date = in.msg.date >= 0 ?
	    in.msg.date + (long long)in.msg.utc_offset * 60 : -1;
	a->date_slack = in.format == OSTD_INPUT_MSG && !in.msg.has_offset ?
	    14 * 3600 : 600;
	a->file_rec.date = a->local_date;
	report_subject(a, a->file_rec.subject);
	a->utf8_check = in.format != OSTD_INPUT_TEXT ||
	    in.encoding != OSTD_ENC_UTF8 ? OSTD_UTF8_TRUST :
	    in.utf8_guessed ? OSTD_UTF8_CP1252 : OSTD_UTF8_REPLACE;
	rc = run(a, in.text, in.prefix, in.prefix_len,
	    a->read_ahead ? raw : NULL);
	if ((problem = ostd_encoding_problem(in.encoding, in.bad)) != NULL) {
		note(a, 0, "%s", problem);
		free(problem);
	}
	if (rc == 0 && a->log_entries == 0 && a->input_findings == 0)
		rc = no_log(a, &in, NULL);
	else if (rc == 0)
		rc = check_forced_encoding(a, &in);
done:
	if (a->file_rec.failed)
		a->sum.files_failed++;
	report_file(a, &a->file_rec);
	if (a->note_reason)
		note(a, 0, "%s", a->file_rec.reason);
	a->note_reason = false;
	ostd_input_close(&in);
	a->local_date = -1;
	return rc;
}

void
ostd_analyzer_account(struct ostd_analyzer *a, const char *path,
    bool failed, const char *reason)
{
	struct ostd_file_record rec;

	memset(&rec, 0, sizeof(rec));
	copy_cut(rec.file, sizeof(rec.file), path);
	rec.path = path;
	copy_cut(rec.reason, sizeof(rec.reason), reason);
	rec.date = -1;
	rec.failed = failed;
	rec.skipped = !failed;
	ostd_analyzer_note(a, path, 0, reason);
	a->sum.files++;
	if (failed)
		a->sum.files_failed++;
	else
		a->sum.files_skipped++;
	report_file(a, &rec);
}

int
ostd_analyze_source(struct ostd_analyzer *a, struct ostd_source *src,
    const char *name)
{
	a->file = strcmp(name, "-") == 0 ? "(stdin)" : name;
	return run_input(a, src);
}

int
ostd_analyze_buffer(struct ostd_analyzer *a, const char *text, size_t len,
    const char *name)
{
	struct ostd_source src;

	a->file = name;
	ostd_source_buffer(&src, text, len);
	return run_input(a, &src);
}

int
ostd_analyzer_replay(struct ostd_analyzer *a, struct ostd_recording *rec)
{
	const struct ostd_summary *d = &rec->sum;

	for (size_t i = 0; i < rec->n; i++) {
		struct recorded *r = rec->items[i];

		switch (r->kind) {
		case REC_FINDING:
			a->file = r->u.finding.f.file;
			emit(&r->u.finding.f, a);
			break;
		case REC_SESSION:
			report_session(a, &r->u.session);
			break;
		case REC_FILE:
			report_file(a, &r->u.file);
			break;
		case REC_NOTE:
			ostd_analyzer_note(a, r->u.note.file, r->u.note.line,
			    r->u.note.message);
			break;
		}
	}
	a->sum.files += d->files;
	a->sum.files_failed += d->files_failed;
	a->sum.files_skipped += d->files_skipped;
	a->sum.sessions += d->sessions;
	a->sum.errors += d->errors;
	a->sum.lines += d->lines;
	a->sum.bytes += d->bytes;
	return rec->status;
}
