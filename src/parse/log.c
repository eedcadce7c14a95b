/*
 * log.c: the line parser. Splits physical lines into timestamped entries, classifies
 * them, and groups error heads with their details into blocks within sessions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/log.h"
#include "util/util.h"

/* Where the open error block is in its sequence of detail lines. */
enum block_phase {
	PHASE_NONE,		/* no open block */
	PHASE_HEAD,		/* head seen, waiting for code or message */
	PHASE_TEXT,		/* collecting message text */
	PHASE_TAIL,		/* provider or help seen: text is over */
	PHASE_LOOSE		/* a paragraph of text outside any error */
};

struct ostd_parser {
	ostd_session_fn fn;
	void *ctx;
	struct ostd_session s;	/* the current session */
	bool active;		/* s holds at least one entry */
	bool has_scope;		/* a scope line was seen in s */
	size_t blocks_cap;
	enum block_phase phase;
	struct strbuf message;	/* text of the open block */
	struct strbuf addinfo;
	struct strbuf evidence;	/* its entries as read */
	unsigned evidence_lines;
	enum ostd_scope scope;
	struct strbuf scope_text;	/* the current scope line (no more than a line) */
	struct strbuf folder;	/* the folder it names */
	unsigned long scope_line;
	int last_time;		/* previous time stamp in the session */
	int first_time;		/* of the input */
	int day;		/* midnights passed since first_time */
	int day_time;		/* latest time seen in the input, for midnights */
	enum ostd_event_kind last_kind;
	unsigned sessions;
	unsigned long log_entries;	/* see ostd_parser_log_entries */
};

struct ostd_parser *
ostd_parser_new(ostd_session_fn fn, void *ctx)
{
	struct ostd_parser *p = xcalloc(1, sizeof(*p));

	p->fn = fn;
	p->ctx = ctx;
	p->last_time = -1;
	p->first_time = -1;
	p->day_time = -1;
	strbuf_init(&p->message, OSTD_MESSAGE_MAX);
	strbuf_init(&p->addinfo, OSTD_MESSAGE_MAX);
	strbuf_init(&p->evidence, OSTD_EVIDENCE_MAX);
	strbuf_init(&p->scope_text, 0);
	strbuf_init(&p->folder, 0);
	return p;
}

void
ostd_block_copy_with(struct ostd_block *dst, const struct ostd_block *src,
    char *(*dup)(void *ctx, const char *s), void *ctx)
{
	*dst = *src;
	dst->head_text = dup(ctx, src->head_text);
	dst->subject = dup(ctx, src->subject);
	dst->message = dup(ctx, src->message);
	dst->provider = dup(ctx, src->provider);
	dst->help_url = dup(ctx, src->help_url);
	dst->addinfo = dup(ctx, src->addinfo);
	dst->scope_text = dup(ctx, src->scope_text);
	dst->folder = dup(ctx, src->folder);
	dst->evidence = dup(ctx, src->evidence);
}

void
ostd_block_copy(struct ostd_block *dst, const struct ostd_block *src)
{
	ostd_block_copy_with(dst, src, xstrdup_or_null, NULL);
}

void
ostd_block_clear(struct ostd_block *b)
{
	free(b->head_text);
	free(b->subject);
	free(b->message);
	free(b->provider);
	free(b->help_url);
	free(b->addinfo);
	free(b->scope_text);
	free(b->folder);
	free(b->evidence);
	memset(b, 0, sizeof(*b));
}

static void
session_clear_blocks(struct ostd_parser *p)
{
	for (size_t i = 0; i < p->s.nblocks; i++)
		ostd_block_clear(&p->s.blocks[i]);
	p->s.nblocks = 0;
}

void
ostd_parser_free(struct ostd_parser **pp)
{
	struct ostd_parser *p;

	if (pp == NULL || (p = *pp) == NULL)
		return;
	session_clear_blocks(p);
	free(p->s.blocks);
	free(p->s.version);
	free(p->s.mailbox);
	strbuf_free(&p->scope_text);
	strbuf_free(&p->folder);
	strbuf_free(&p->message);
	strbuf_free(&p->addinfo);
	strbuf_free(&p->evidence);
	free(p);
	*pp = NULL;
}

unsigned
ostd_parser_sessions(const struct ostd_parser *p)
{
	return p->sessions;
}

unsigned long
ostd_parser_log_entries(const struct ostd_parser *p)
{
	return p->log_entries;
}

/* Is ev an entry only a synchronization log writes? */
static bool
log_entry(const struct ostd_event *ev)
{
	switch (ev->kind) {
	case OSTD_EV_UNKNOWN:
	case OSTD_EV_BLANK:
	case OSTD_EV_PROVIDER:	/* a name any mail may hold */
	case OSTD_EV_HELP:
	case OSTD_EV_ADDINFO:
	case OSTD_EV_KIND_COUNT:
		return false;
	default:
		return true;
	}
}

int
ostd_parser_first_time(const struct ostd_parser *p)
{
	return p->first_time;
}

static char *
span_dup(struct ostd_span sp)
{
	return sp.len > 0 ? xstrndup(sp.ptr, sp.len) : NULL;
}

/* A copy of the text in b, or NULL when it is empty. */
static char *
buf_dup(const struct strbuf *b)
{
	return b->len > 0 ? xstrndup(b->data, b->len) : NULL;
}

static struct ostd_block *
open_block(struct ostd_parser *p)
{
	return p->phase != PHASE_NONE ? &p->s.blocks[p->s.nblocks - 1] : NULL;
}

/* Finish the open block: keep its collected text. */
static void
close_block(struct ostd_parser *p)
{
	struct ostd_block *b = open_block(p);

	if (b == NULL)
		return;
	if (p->message.len > 0)
		b->message = xstrndup(p->message.data, p->message.len);
	if (p->addinfo.len > 0)
		b->addinfo = xstrndup(p->addinfo.data, p->addinfo.len);
	if (p->evidence.len > 0)
		b->evidence = xstrndup(p->evidence.data, p->evidence.len);
	strbuf_reset(&p->message);
	strbuf_reset(&p->addinfo);
	strbuf_reset(&p->evidence);
	p->evidence_lines = 0;
	p->phase = PHASE_NONE;
}

/* Hand the session (or the part of it gathered so far) to the callback. */
static int
emit_session(struct ostd_parser *p)
{
	int rc;

	close_block(p);
	rc = p->fn(&p->s, p->ctx);
	session_clear_blocks(p);
	return rc;
}

static int
end_session(struct ostd_parser *p)
{
	int rc = 0;

	if (p->active)
		rc = emit_session(p);
	free(p->s.version);
	free(p->s.mailbox);
	p->s.version = p->s.mailbox = NULL;
	strbuf_reset(&p->scope_text);
	strbuf_reset(&p->folder);
	p->scope = OSTD_SCOPE_NONE;
	p->active = false;
	p->has_scope = false;
	p->last_time = -1;
	return rc;
}

static void
begin_session(struct ostd_parser *p, unsigned long lineno, int time)
{
	struct ostd_block *blocks = p->s.blocks;

	memset(&p->s, 0, sizeof(p->s));
	p->s.blocks = blocks;
	p->s.index = ++p->sessions;
	p->s.first_line = lineno;
	p->s.start_time = time;
	p->s.end_time = -1;
	p->s.end = OSTD_END_UNFINISHED;
	p->active = true;
}

/* Open a new block; hands out a full session in parts to keep memory bounded. */
static int
new_block(struct ostd_parser *p, unsigned long lineno, int time,
    enum ostd_head head, struct ostd_span head_text)
{
	struct ostd_block *b;
	int rc = 0;

	close_block(p);
	if (p->s.nblocks == OSTD_BLOCKS_PER_SESSION) {
		rc = emit_session(p);
		p->s.continued = true;
	}
	grow_array((void **)&p->s.blocks, &p->blocks_cap, p->s.nblocks + 1,
	    sizeof(*p->s.blocks));
	b = &p->s.blocks[p->s.nblocks++];
	if (head != OSTD_HEAD_NONE)
		p->s.errors++;
	memset(b, 0, sizeof(*b));
	b->line = lineno;
	b->time = time;
	b->day = p->day;
	b->head = head;
	b->head_text = span_dup(head_text);
	b->scope = p->scope;
	b->scope_text = buf_dup(&p->scope_text);
	b->scope_line = p->scope_line;
	b->folder = buf_dup(&p->folder);
	p->phase = PHASE_HEAD;
	return rc;
}

static void
set_code(struct ostd_block *b, const struct ostd_event *ev, unsigned long lineno)
{
	b->has_code = true;
	b->code = ev->code;
	b->code_line = lineno;
}

static void
append_text(struct strbuf *sb, struct ostd_span t)
{
	if (sb->len > 0)
		strbuf_addc(sb, ' ');
	strbuf_add(sb, t.ptr, t.len);
}

/*
 * A Send/Receive task error stands apart from the synchronization around it:
 * its context is the task (a profile, an address, SharePoint), its subject
 * the task's name, its message the text on its own line.
 */
static void
begin_task(struct ostd_parser *p, struct ostd_block *b,
    const struct ostd_event *ev)
{
	struct strbuf ctx;

	free(b->folder);
	b->folder = NULL;
	free(b->scope_text);
	strbuf_init(&ctx, 0);
	strbuf_adds(&ctx, "Send/Receive task '");
	strbuf_add(&ctx, ev->arg.ptr, ev->arg.len);
	strbuf_addc(&ctx, '\'');
	b->scope_text = strbuf_detach(&ctx);
	b->scope = OSTD_SCOPE_NONE;
	append_text(&p->message, ostd_task_message(ev->text));
	p->phase = PHASE_TEXT;
}

static void
set_scope(struct ostd_parser *p, const struct ostd_event *ev,
    unsigned long lineno)
{
	p->scope = (enum ostd_scope)ev->sub;
	strbuf_reset(&p->scope_text);
	strbuf_add(&p->scope_text, ev->text.ptr, ev->text.len);
	strbuf_reset(&p->folder);
	strbuf_add(&p->folder, ev->arg.ptr, ev->arg.len);
	p->scope_line = lineno;
	p->has_scope = true;
	p->s.scopes++;
	if (p->scope == OSTD_SCOPE_FOLDER)
		p->s.folder_lines = true;
	if (p->scope == OSTD_SCOPE_FOLDER || p->scope == OSTD_SCOPE_UPLOAD ||
	    p->scope == OSTD_SCOPE_DOWNLOAD)
		p->s.folders++;
}

/*
 * Track time stamps: session span and the longest pause. Times have no date and
 * may go backwards (typos, pasted excerpts), so a pause is measured from the
 * latest time seen: a step back is ignored, a step back of over 12 hours is
 * midnight passing, a jump forward of over 12 hours is a step back.
 */
static void
note_time(struct ostd_parser *p, int time, unsigned long lineno,
    bool progress)
{
	int gap = -1;

	if (time < 0)
		return;
	if (p->first_time < 0)
		p->first_time = time;
	/* Over the whole input: a step back of over 12 hours is a new day. */
	if (p->day_time >= 0 && p->day_time - time > 12 * 3600)
		p->day++;
	if (p->day_time < 0 || time > p->day_time || p->day_time - time > 12 * 3600)
		p->day_time = time;
	if (p->s.start_time < 0)
		p->s.start_time = time;
	p->s.end_time = time;
	if (p->last_time < 0) {
		p->last_time = time;
		return;
	}
	if (time >= p->last_time && time - p->last_time <= 12 * 3600)
		gap = time - p->last_time;
	else if (time < p->last_time && p->last_time - time > 12 * 3600)
		gap = time + 24 * 3600 - p->last_time;
	if (gap < 0)
		return;
	if (gap > p->s.longest_gap) {
		p->s.longest_gap = gap;
		p->s.gap_line = lineno;
	}
	if (!progress && gap > p->s.longest_stall) {
		p->s.longest_stall = gap;
		p->s.stall_line = lineno;
	}
	p->last_time = time;
}

/* Does this entry start a new session? */
static bool
starts_session(const struct ostd_parser *p, const struct ostd_event *ev)
{
	if (!p->active)
		return false;
	switch (ev->kind) {
	case OSTD_EV_VERSION:
		return true;
	case OSTD_EV_MAILBOX:
		return p->s.mailbox != NULL || p->has_scope || p->s.errors > 0;
	case OSTD_EV_SCOPE:
		return p->s.end != OSTD_END_UNFINISHED &&
		    ev->sub != OSTD_SCOPE_OAB;
	default:
		return false;
	}
}

/* Keep an entry of the open error block as evidence, with its line number. */
static void
keep_evidence(struct ostd_parser *p, unsigned long lineno,
    const struct ostd_event *ev)
{
	char buf[32], *end = buf + sizeof(buf), *num;

	if (p->phase == PHASE_NONE || p->phase == PHASE_LOOSE ||
	    p->evidence_lines >= OSTD_EVIDENCE_LINES)
		return;
	if (p->evidence.len > 0)
		strbuf_addc(&p->evidence, '\n');
	num = decimal(end, lineno);
	strbuf_add(&p->evidence, num, (size_t)(end - num));
	strbuf_addc(&p->evidence, '\t');
	if (ev->time >= 0) {
		char t[9];

		if (ev->time_padded && ev->time < 10 * 3600)
			strbuf_addc(&p->evidence, '0');
		num = decimal(t + 2, (unsigned long)(ev->time / 3600));
		strbuf_add(&p->evidence, num, (size_t)(t + 2 - num));
		t[0] = ':';
		t[1] = (char)('0' + ev->time / 60 % 60 / 10);
		t[2] = (char)('0' + ev->time / 60 % 10);
		t[3] = ':';
		t[4] = (char)('0' + ev->time % 60 / 10);
		t[5] = (char)('0' + ev->time % 10);
		t[6] = ' ';
		strbuf_add(&p->evidence, t, 7);
	}
	strbuf_add(&p->evidence, ev->text.ptr, ev->text.len);
	p->evidence_lines++;
}

/* Is t only the "Additional Info:" title line? */
static bool
is_addinfo_title(struct ostd_span t)
{
	static const char title[] = "additional info";
	size_t n = sizeof(title) - 1;

	return t.len <= n + 1 && t.len >= n &&
	    ascii_strncaseeq(t.ptr, title, n);
}

/*
 * A code with no head right after one line of the log's own text, of the same
 * time ("Could not connect to public folder server." then "[0-0]"): that line
 * is the error's message, and its loose block becomes the error. Returns
 * whether it did.
 */
static bool
message_of_code(struct ostd_parser *p, unsigned long lineno,
    const struct ostd_event *ev)
{
	struct ostd_block *b = open_block(p);
	struct ostd_event line;

	if (b == NULL || b->head != OSTD_HEAD_NONE || b->line + 1 != lineno ||
	    b->time < 0 || b->time != ev->time)
		return false;
	b->head = OSTD_HEAD_CODE;
	set_code(b, ev, lineno);
	p->s.errors++;
	p->phase = PHASE_TEXT;
	/* The message line is quoted as the error's, before the code's. */
	line = *ev;
	line.text.ptr = b->head_text;
	line.text.len = b->head_text != NULL ? strlen(b->head_text) : 0;
	keep_evidence(p, b->line, &line);
	b->head_text = span_dup(ev->text);
	free((char *)line.text.ptr);
	return true;
}

static int
handle_event(struct ostd_parser *p, unsigned long lineno,
    const struct ostd_event *ev)
{
	struct ostd_block *b;
	int rc = 0;

	if (log_entry(ev))
		p->log_entries++;
	if (ev->kind == OSTD_EV_BLANK) {
		if (p->phase == PHASE_LOOSE)
			close_block(p);
		return 0;
	}
	if (starts_session(p, ev) && (rc = end_session(p)) != 0)
		return rc;
	if (!p->active)
		begin_session(p, lineno, ev->time);
	p->s.last_line = lineno;
	p->s.lines++;
	note_time(p, ev->time, lineno, ev->kind == OSTD_EV_COUNT ||
	    ev->kind == OSTD_EV_DONE);
	if (p->phase == PHASE_LOOSE && ev->kind == OSTD_EV_CODE &&
	    message_of_code(p, lineno, ev)) {
		keep_evidence(p, lineno, ev);
		p->last_kind = ev->kind;
		return 0;
	}
	if (p->phase == PHASE_LOOSE &&
	    (ev->kind != OSTD_EV_UNKNOWN || ev->has_code))
		close_block(p);
	/* A task error is one line: what follows is not its text. */
	if ((b = open_block(p)) != NULL && b->head == OSTD_HEAD_TASK)
		close_block(p);
	b = open_block(p);

	switch (ev->kind) {
	case OSTD_EV_VERSION:
		free(p->s.version);
		p->s.version = span_dup(ev->arg);
		p->s.client_major = ev->arg.len > 0 ? atoi(p->s.version) : 0;
		break;
	case OSTD_EV_MAILBOX:
		free(p->s.mailbox);
		p->s.mailbox = span_dup(ev->arg);
		break;
	case OSTD_EV_SCOPE:
		close_block(p);
		set_scope(p, ev, lineno);
		break;
	case OSTD_EV_COUNT:
		if (ev->sub == 1)
			p->s.items_up += ev->count;
		else
			p->s.items_down += ev->count;
		close_block(p);
		break;
	case OSTD_EV_TRANSFER:
		close_block(p);
		break;
	case OSTD_EV_ERROR_HEAD:
		rc = new_block(p, lineno, ev->time, (enum ostd_head)ev->sub,
		    ev->text);
		b = open_block(p);
		b->subject = span_dup(ev->arg);
		if (ev->has_code)
			set_code(b, ev, lineno);
		if (ev->sub == OSTD_HEAD_TASK)
			begin_task(p, b, ev);
		break;
	case OSTD_EV_OAB_ERROR:
		rc = new_block(p, lineno, ev->time, OSTD_HEAD_OAB, ev->text);
		b = open_block(p);
		if (ev->has_code)
			set_code(b, ev, lineno);
		append_text(&p->message, ev->text);
		break;
	case OSTD_EV_TERMINATED:
		p->s.end = OSTD_END_TERMINATED;
		rc = new_block(p, lineno, ev->time, OSTD_HEAD_TERMINATED,
		    ev->text);
		if (ev->has_code)
			set_code(open_block(p), ev, lineno);
		break;
	case OSTD_EV_DONE:
		close_block(p);
		if (p->s.end == OSTD_END_UNFINISHED)
			p->s.end = OSTD_END_DONE;
		break;
	case OSTD_EV_CODE:
		if (b == NULL || b->has_code) {
			rc = new_block(p, lineno, ev->time, OSTD_HEAD_CODE,
			    ev->text);
			b = open_block(p);
		}
		set_code(b, ev, lineno);
		if (p->phase == PHASE_HEAD)
			p->phase = PHASE_TEXT;
		break;
	case OSTD_EV_PROVIDER:
		if (b != NULL && b->provider == NULL) {
			b->provider = span_dup(ev->text);
			p->phase = PHASE_TAIL;
		}
		break;
	case OSTD_EV_HELP:
		if (b != NULL) {
			if (ev->arg.len > 0 && b->help_url == NULL)
				b->help_url = span_dup(ev->arg);
			p->phase = PHASE_TAIL;
		}
		break;
	case OSTD_EV_ADDINFO:
	case OSTD_EV_MOVED:
		if (b == NULL)
			break;
		if (ev->has_code && !b->has_code)
			set_code(b, ev, lineno);
		if (ev->kind == OSTD_EV_MOVED || !is_addinfo_title(ev->text)) {
			if (p->addinfo.len > 0)
				strbuf_add(&p->addinfo, "; ", 2);
			strbuf_add(&p->addinfo, ev->text.ptr, ev->text.len);
		}
		break;
	case OSTD_EV_UNKNOWN:
	case OSTD_EV_OAB:
		if (p->phase == PHASE_LOOSE) {
			append_text(&p->message, ev->text);
		} else if (b != NULL && b->head == OSTD_HEAD_CODE &&
		    b->has_code && ev->has_code) {
			/* A second code with no head: an error of its own. */
			rc = new_block(p, lineno, ev->time, OSTD_HEAD_CODE,
			    ev->text);
			set_code(open_block(p), ev, lineno);
			append_text(&p->message, ev->text);
			p->phase = PHASE_TEXT;
		} else if (b != NULL && p->phase != PHASE_TAIL) {
			if (ev->has_code && !b->has_code)
				set_code(b, ev, lineno);
			append_text(&p->message, ev->text);
			p->phase = PHASE_TEXT;
		} else if (ev->has_code) {
			/* An inline code outside any block is an error too. */
			rc = new_block(p, lineno, ev->time, OSTD_HEAD_CODE,
			    ev->text);
			set_code(open_block(p), ev, lineno);
			append_text(&p->message, ev->text);
			p->phase = PHASE_TEXT;
		} else if (b == NULL) {
			/* Loose text (a pasted dialog): kept for text rules. */
			rc = new_block(p, lineno, ev->time, OSTD_HEAD_NONE,
			    ev->text);
			append_text(&p->message, ev->text);
			p->phase = PHASE_LOOSE;
		}
		break;
	case OSTD_EV_MARKER:
	case OSTD_EV_BLANK:
	case OSTD_EV_KIND_COUNT:
		break;
	}
	keep_evidence(p, lineno, ev);
	p->last_kind = ev->kind;
	return rc;
}

/* The value of the decimal digit c, or a value above 9 when c is none. */
static inline unsigned
digit(char c)
{
	return (unsigned)(unsigned char)c - '0';
}

/* ostd_parse_time, inlined where the parser reads every entry's time. */
static inline size_t
parse_time(const char *s, size_t len, int *secs)
{
	unsigned h, m1, m2, s1, s2;
	size_t i;

	if (len < 7 || (h = digit(s[0])) > 9)
		return 0;
	i = 1;
	if (s[1] != ':') {
		unsigned h2 = digit(s[1]);

		if (h2 > 9 || len < 8)
			return 0;
		h = h * 10 + h2;
		i = 2;
	}
	if (s[i] != ':' || s[i + 3] != ':')
		return 0;
	m1 = digit(s[i + 1]);
	m2 = digit(s[i + 2]);
	s1 = digit(s[i + 4]);
	s2 = digit(s[i + 5]);
	if (h > 23 || m1 > 5 || m2 > 9 || s1 > 5 || s2 > 9)
		return 0;
	*secs = (int)(h * 3600 + (m1 * 10 + m2) * 60 + s1 * 10 + s2);
	return i + 6;
}

size_t
ostd_parse_time(const char *s, size_t len, int *secs)
{
	return parse_time(s, len, secs);
}

/* Columns of blank at s (a tab counts 8). */
static inline int
indent_width(const char *s, size_t len, size_t *used)
{
	size_t i = 0;
	int w = 0;

	/* Most entries stand one blank after their time. */
	if (len >= 2 && s[0] == ' ' && s[1] != ' ' && s[1] != '\t') {
		*used = 1;
		return 1;
	}
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		w += s[i++] == '\t' ? 8 : 1;
	*used = i;
	return w;
}

/*
 * Where the next entry of a flattened line starts: a time stamp after a blank,
 * not followed by another ':' (which would make it part of something else).
 * Returns len when there is none.
 */
static inline size_t
next_entry(const char *s, size_t len, size_t from)
{
	const char *c = s + from, *end = s + len;
	int secs;

	while ((c = memchr(c, ':', (size_t)(end - c))) != NULL) {
		size_t colon = (size_t)(c - s);

		for (size_t digits = 1; digits <= 2; digits++) {
			if (colon < digits + 1 || colon - digits <= from)
				continue;
			size_t start = colon - digits;
			char before = s[start - 1];
			size_t tl;

			if (before != ' ' && before != '\t')
				continue;
			tl = parse_time(s + start, len - start, &secs);
			if (tl != 0 && (start + tl == len || s[start + tl] != ':'))
				return start;
		}
		c++;
	}
	return len;
}

/* The entries of a physical line, one per time stamp, taken one at a time. */
struct line_split {
	const char *line;
	size_t len;
	size_t start;		/* of the next entry */
	bool blank;		/* the line is blank: one BLANK entry to come */
};

static inline void
split_start(struct line_split *sp, const char *line, size_t len)
{
	size_t i = 0;

	/* Mail quote prefixes ("> ", ">> ", "> > ") and leading blanks. */
	while (i < len && (line[i] == '>' || line[i] == ' ' || line[i] == '\t'))
		i++;
	sp->line = line;
	sp->len = len;
	sp->start = i;
	sp->blank = i == len;
}

/* The next entry, classified; false when the line has no more. */
static OSTD_INLINE bool
split_next(struct line_split *sp, struct ostd_event *ev)
{
	const char *line = sp->line;
	size_t len = sp->len, pos = sp->start, used, end;

	if (sp->blank) {
		sp->blank = false;
		memset(ev, 0, sizeof(*ev));
		ev->kind = OSTD_EV_BLANK;
		ev->time = -1;
		return true;
	}
	if (pos >= len)
		return false;
	ev->time = -1;
	used = parse_time(line + pos, len - pos, &ev->time);
	/* 9:00:01 and 09:00:01 are quoted as they were written. */
	ev->time_padded = used == 8 && line[pos] == '0';
	pos += used;
	end = next_entry(line, len, pos);
	ev->indent = indent_width(line + pos, end - pos, &used);
	ostd_classify(line + pos + used, end - pos - used, ev);
	sp->start = end;
	return true;
}

int
ostd_parser_line(struct ostd_parser *p, unsigned long lineno,
    const char *line, size_t len)
{
	struct line_split sp;
	struct ostd_event ev;
	int rc;

	split_start(&sp, line, len);
	while (split_next(&sp, &ev))
		if ((rc = handle_event(p, lineno, &ev)) != 0)
			return rc;
	return 0;
}

size_t
ostd_line_entries(const char *line, size_t len, struct ostd_event *evs,
    size_t max)
{
	struct line_split sp;
	struct ostd_event more;
	size_t n = 0;

	split_start(&sp, line, len);
	while (n < max && split_next(&sp, &evs[n]))
		n++;
	return n == max && split_next(&sp, &more) ? 0 : n;
}

int
ostd_parser_event(struct ostd_parser *p, unsigned long lineno,
    const struct ostd_event *ev)
{
	return handle_event(p, lineno, ev);
}

int
ostd_parser_finish(struct ostd_parser *p)
{
	return end_session(p);
}
