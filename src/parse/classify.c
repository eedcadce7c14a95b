/*
 * classify.c: recognizes what one entry of a synchronization log is, by its fixed
 * phrases, without regular expressions. Phrases are matched case-insensitively,
 * with British spellings (synchronise) accepted and any run of blanks between words.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/log.h"
#include "util/util.h"

/*
 * Phrases are written in lower case with American spelling: in a phrase, 'z'
 * also matches 's' (synchronise, organisation) and ' ' matches a run of one or
 * more blanks. Besides letters they hold only digits, blanks and the
 * punctuation between 0x20 and 0x3F, which spelled() relies on.
 */

/*
 * Are the eight bytes v the eight bytes p of a phrase, in any case? Setting bit
 * 0x20 folds upper-case letters onto lower-case ones and leaves the phrase's
 * other bytes as they are; it would also turn a control byte into a blank or
 * punctuation, so a byte below 0x20 fails the test.
 */
static inline bool
spelled8(uint64_t v, uint64_t p)
{
	return (v | BYTES(0x20)) == p &&
	    ((v - BYTES(0x20)) & ~v & BYTES(0x80)) == 0;
}

/* The same test on four bytes. */
static inline bool
spelled4(uint32_t v, uint32_t p)
{
	return (v | 0x20202020u) == p &&
	    ((v - 0x20202020u) & ~v & 0x80808080u) == 0;
}

/* Do the n bytes at s spell the phrase pat exactly, one blank a space? */
static bool
spelled(const char *s, const char *pat, size_t n)
{
	size_t i;

	if (n < 8) {
		/* Four bytes from each end, which may overlap. */
		if (n >= 4)
			return spelled4(load_u32(s), load_u32(pat)) &&
			    spelled4(load_u32(s + n - 4), load_u32(pat + n - 4));
		for (i = 0; i < n; i++) {
			unsigned char c = (unsigned char)s[i];

			if (c < 0x20 || (c | 0x20) != (unsigned char)pat[i])
				return false;
		}
		return true;
	}
	for (i = 0; i + 8 <= n; i += 8)
		if (!spelled8(load_u64(s + i), load_u64(pat + i)))
			return false;
	return i == n || spelled8(load_u64(s + n - 8), load_u64(pat + n - 8));
}

/* The general case of phrase(): British spellings and blank runs. */
static size_t
phrase_loose(const char *s, size_t len, const char *pat)
{
	size_t i = 0;

	for (; *pat != '\0'; pat++) {
		if (*pat == ' ') {
			if (i == len || (s[i] != ' ' && s[i] != '\t'))
				return 0;
			while (i < len && (s[i] == ' ' || s[i] == '\t'))
				i++;
			continue;
		}
		if (i == len)
			return 0;
		int c = ascii_lower((unsigned char)s[i]);
		if (c != *pat && !(*pat == 'z' && c == 's'))
			return 0;
		i++;
	}
	return i;
}

/*
 * Match the phrase pat, n bytes long, at the start of s. Returns the length of
 * s matched, or 0. Most text spells a phrase as written, which eight bytes at a
 * time settle; the rest takes the general way.
 */
static size_t
phrase_n(const char *s, size_t len, const char *pat, size_t n)
{
	if (n <= len && spelled(s, pat, n))
		return n;
	return phrase_loose(s, len, pat);
}

/* A literal's length is known when it is compiled. */
#define phrase(s, len, pat) phrase_n((s), (len), (pat), strlen(pat))

/*
 * Does the phrase occur in s (case-insensitively, any run of blanks where it
 * has a space)?
 */
static int
contains(const char *s, size_t len, const char *pat)
{
	for (size_t i = 0; i < len; i++)
		if (ascii_lower((unsigned char)s[i]) == pat[0] &&
		    phrase(s + i, len - i, pat) != 0)
			return 1;
	return 0;
}

static struct ostd_span
trim(const char *s, size_t len)
{
	struct ostd_span sp;

	while (len > 0 && ascii_isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && ascii_isspace((unsigned char)s[len - 1]))
		len--;
	sp.ptr = s;
	sp.len = len;
	return sp;
}

/* Length of the quote character at s (ASCII or typographic), or 0. */
static size_t
quote_len(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len >= 1 && (u[0] == '\'' || u[0] == '"' || u[0] == '`'))
		return 1;
	if (len >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] == 0x98 || u[2] == 0x99 || u[2] == 0x9C || u[2] == 0x9D))
		return 3;
	return 0;
}

/*
 * The name after a phrase: from an opening quote to the last quote on the line
 * (names may hold apostrophes), or the rest of the line when there is no quote.
 */
static struct ostd_span
quoted_name(const char *s, size_t len)
{
	struct ostd_span t = trim(s, len);
	size_t q = quote_len(t.ptr, t.len);

	if (q == 0) {
		while (t.len > 0 && t.ptr[t.len - 1] == '.')
			t.len--;
		return t;
	}
	for (size_t end = t.len; end > q; end--) {
		size_t ql = 0;

		if (end >= 1 && quote_len(t.ptr + end - 1, 1) == 1)
			ql = 1;
		else if (end >= q + 3 && quote_len(t.ptr + end - 3, 3) == 3)
			ql = 3;
		if (ql != 0) {
			t.ptr += q;
			t.len = end - ql - q;
			return t;
		}
	}
	t.ptr += q;
	t.len -= q;
	return t;
}

/* Find a bracketed code [h-h...] anywhere in s. */
static int
find_bracket_code(const char *s, size_t len, struct ostd_code *code,
    struct ostd_span *where)
{
	const char *p = s, *end = s + len;

	while ((p = memchr(p, '[', (size_t)(end - p))) != NULL) {
		const char *q = memchr(p, ']', (size_t)(end - p));

		if (q == NULL)
			return 0;
		if (q - p > 1 && q - p < 40) {
			struct ostd_span in = trim(p + 1, (size_t)(q - p - 1));

			if (memchr(in.ptr, '-', in.len) != NULL &&
			    ostd_code_parse(in.ptr, in.len, code) == 0) {
				where->ptr = p;
				where->len = (size_t)(q - p + 1);
				return 1;
			}
		}
		p++;
	}
	return 0;
}

/* Parse up to 8 hex digits at s; returns the digits used (exactly 8 wanted). */
static size_t
hex8(const char *s, size_t len, struct ostd_code *code)
{
	size_t n = 0;

	while (n < len && n < 9 && ascii_isxdigit((unsigned char)s[n]))
		n++;
	if (n != 8)
		return 0;
	return ostd_code_parse(s, 8, code) == 0 ? 8 : 0;
}

/*
 * Find an HRESULT written inline: "0x8004010F" (any case) or "Error : 80041004".
 */
static int
find_inline_code(const char *s, size_t len, struct ostd_code *code)
{
	for (size_t i = 0; i + 10 <= len; i++) {
		if (s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X') &&
		    (i == 0 || !ascii_isxdigit((unsigned char)s[i - 1])) &&
		    hex8(s + i + 2, len - i - 2, code))
			return 1;
	}
	for (size_t i = 0; i + 5 < len; i++) {
		size_t n = phrase(s + i, len - i, "error");

		if (n == 0)
			continue;
		size_t j = i + n;
		while (j < len && (s[j] == ' ' || s[j] == '\t'))
			j++;
		if (j < len && s[j] == ':') {
			j++;
			while (j < len && (s[j] == ' ' || s[j] == '\t'))
				j++;
			if (hex8(s + j, len - j, code))
				return 1;
		}
	}
	return 0;
}

/* Is the whole entry a code alone: "[8004010F-501-0-521]" or "0X8004010F"? */
static int
is_bare_code(struct ostd_span t, const struct ostd_span *bracket)
{
	if (bracket != NULL && bracket->ptr == t.ptr) {
		struct ostd_span rest = trim(bracket->ptr + bracket->len,
		    t.len - bracket->len);

		return rest.len == 0 || (rest.len == 1 && rest.ptr[0] == '.');
	}
	if (t.len >= 10 && t.len <= 11 && t.ptr[0] == '0' &&
	    (t.ptr[1] == 'x' || t.ptr[1] == 'X')) {
		struct ostd_code c;

		return hex8(t.ptr + 2, t.len - 2, &c) == 8 &&
		    (t.len == 10 || t.ptr[10] == '.');
	}
	return 0;
}

/*
 * Does "online" occur in s? The search goes by its 'n', which in a count line
 * ("12 item(s) added to offline folder") comes up less often than its 'o'.
 */
static bool
says_online(const char *s, size_t len)
{
	const char *p = s + 1, *end = s + len;

	while (p + 5 <= end && (p = memchr(p, 'n', (size_t)(end - p - 4))) != NULL) {
		if (p[-1] == 'o' && memcmp(p + 1, "line", 4) == 0)
			return true;
		p++;
	}
	return false;
}

static int
is_count(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && ascii_isdigit((unsigned char)s[i]))
		i++;
	if (i == 0)
		return 0;
	while (i < len && s[i] == ' ')
		i++;
	return phrase(s + i, len - i, "item(s)") ||
	    phrase(s + i, len - i, "folder(s)") ||
	    phrase(s + i, len - i, "view(s)") ||
	    phrase(s + i, len - i, "form(s)") ||
	    phrase(s + i, len - i, "item ") || phrase(s + i, len - i, "items ");
}

/* A phrase in a table, with its length. */
#define PHRASE(s) s, sizeof(s) - 1

struct scope_phrase {
	const char *pat;	/* after "synchronizing " */
	size_t len;
	enum ostd_scope scope;
	int named;
};

/* No phrase here starts another: the most common come first. */
static const struct scope_phrase scopes[] = {
	{ PHRASE("folder"), OSTD_SCOPE_FOLDER, 1 },
	{ PHRASE("local changes in folder"), OSTD_SCOPE_UPLOAD, 1 },
	{ PHRASE("server changes in folder"), OSTD_SCOPE_DOWNLOAD, 1 },
	{ PHRASE("hierarchy"), OSTD_SCOPE_HIERARCHY, 0 },
	{ PHRASE("favorites"), OSTD_SCOPE_FAVORITES, 0 },
	{ PHRASE("favourites"), OSTD_SCOPE_FAVORITES, 0 },
	{ PHRASE("views"), OSTD_SCOPE_VIEWS, 0 },
	{ PHRASE("organization forms"), OSTD_SCOPE_FORMS, 0 },
	{ PHRASE("forms"), OSTD_SCOPE_FORMS, 0 },
};

struct head_phrase {
	const char *pat;	/* after "error synchronizing " */
	enum ostd_head head;
	int named;
};

static const struct head_phrase heads[] = {
	{ "hierarchy for mailbox", OSTD_HEAD_HIERARCHY, 1 },
	{ "hierarchy", OSTD_HEAD_HIERARCHY, 0 },
	{ "folder", OSTD_HEAD_FOLDER, 1 },
	{ "message", OSTD_HEAD_MESSAGE, 1 },
	{ "view/form", OSTD_HEAD_VIEW_FORM, 0 },
	{ "view", OSTD_HEAD_VIEW_FORM, 0 },
	{ "form", OSTD_HEAD_VIEW_FORM, 0 },
	{ "", OSTD_HEAD_OTHER, 0 },
};

static const char *const providers[] = {
	"microsoft exchange server information store",
	"microsoft exchange information store",
	"microsoft exchange server",
	"microsoft exchange message store",
	"mapi 1.0",
};


static void
set_head(struct ostd_event *ev, enum ostd_head head, const char *rest,
    size_t len, int named)
{
	ev->kind = OSTD_EV_ERROR_HEAD;
	ev->sub = (int)head;
	if (!named)
		return;
	ev->arg = quoted_name(rest, len);
	/* An unquoted "[8004010F-...]" after the head is its code, not a name. */
	if (ev->arg.len > 0 && ev->arg.ptr[0] == '[' &&
	    ev->arg.ptr == trim(rest, len).ptr)
		ev->arg.len = 0;
}

/* What is being synchronized: s[n..] follows "Synchronizing ". */
static int
classify_sync_object(const char *s, size_t len, size_t n,
    struct ostd_event *ev)
{
	int next = n < len ? ascii_lower((unsigned char)s[n]) : 0;
	size_t m;

	if (next == 'm' && (m = phrase(s + n, len - n, "mailbox")) != 0) {
		ev->kind = OSTD_EV_MAILBOX;
		ev->arg = quoted_name(s + n + m, len - n - m);
		return 1;
	}
	for (size_t i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++) {
		if (scopes[i].pat[0] != next)
			continue;
		if ((m = phrase_n(s + n, len - n, scopes[i].pat,
		    scopes[i].len)) != 0) {
			ev->kind = OSTD_EV_SCOPE;
			ev->sub = (int)scopes[i].scope;
			if (scopes[i].named)
				ev->arg = quoted_name(s + n + m, len - n - m);
			return 1;
		}
	}
	return 0;
}

/* "Synchronizing ..." lines: session, scopes. */
static int
classify_synchronizing(const char *s, size_t len, struct ostd_event *ev)
{
	size_t n, m;

	/*
	 * Most lines spell "Synchronizing " as it is; others take one look at
	 * "synchroni", then the word that follows.
	 */
	if (len >= 14 && spelled(s, "synchronizing ", 14)) {
		for (n = 14; n < len && (s[n] == ' ' || s[n] == '\t'); n++)
			;
		return classify_sync_object(s, len, n, ev);
	}
	if ((n = phrase(s, len, "synchroni")) == 0)
		return 0;
	if ((m = phrase(s + n, len - n, "zer version")) != 0) {
		ev->kind = OSTD_EV_VERSION;
		ev->arg = trim(s + n + m, len - n - m);
		return 1;
	}
	if (phrase(s + n, len - n, "zation of some deletions failed")) {
		set_head(ev, OSTD_HEAD_DELETIONS, NULL, 0, 0);
		return 1;
	}
	if ((m = phrase(s + n, len - n, "zing ")) == 0)
		return 0;
	return classify_sync_object(s, len, n + m, ev);
}

/* "Error ..." lines, and the diagnostic sub-lines that start with e. */
static int
classify_error(const char *s, size_t len, struct ostd_event *ev)
{
	size_t n, m;

	if ((n = phrase(s, len, "error synchronizing")) != 0) {
		while (n < len && (s[n] == ' ' || s[n] == '\t'))
			n++;
		for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
			if (heads[i].pat[0] == '\0' ||
			    (m = phrase(s + n, len - n, heads[i].pat)) != 0) {
				if (heads[i].pat[0] == '\0')
					m = 0;
				set_head(ev, heads[i].head, s + n + m,
				    len - n - m, heads[i].named);
				return 1;
			}
		}
	}
	/* Outlook 2013's IMAP hierarchy errors: "Error in folder 'Name'". */
	if ((n = phrase(s, len, "error in folder")) != 0) {
		set_head(ev, OSTD_HEAD_FOLDER, s + n, len - n, 1);
		return 1;
	}
	if ((n = phrase(s, len, "error sending message")) != 0) {
		set_head(ev, OSTD_HEAD_SEND, s + n, len - n, 1);
		return 1;
	}
	if (phrase(s, len, "error with send/receive")) {
		set_head(ev, OSTD_HEAD_SEND_RECEIVE, NULL, 0, 0);
		return 1;
	}
	if (phrase(s, len, "end ctx")) {
		ev->kind = OSTD_EV_MARKER;
		return 1;
	}
	if (phrase(s, len, "entryid:") || phrase(s, len, "errctx:") ||
	    phrase(s, len, "ec:")) {
		ev->kind = OSTD_EV_ADDINFO;
		return 1;
	}
	return 0;
}

/*
 * A Send/Receive task error, as the progress dialog shows it: "Task 'Name'
 * reported error (0x8007007A): 'text'". The name may be unquoted (an
 * address). The name is the head's argument; the code is found inline.
 */
static int
classify_task(const char *s, size_t len, struct ostd_event *ev)
{
	static const char verb[] = "reported error";
	size_t n = phrase(s, len, "task "), i;

	if (n == 0)
		return 0;
	for (i = n; i + sizeof(verb) - 1 <= len; i++) {
		if (ascii_lower((unsigned char)s[i]) == 'r' &&
		    (s[i - 1] == ' ' || s[i - 1] == '\t') &&
		    phrase(s + i, len - i, verb) != 0) {
			ev->kind = OSTD_EV_ERROR_HEAD;
			ev->sub = OSTD_HEAD_TASK;
			ev->arg = quoted_name(s + n, i - n);
			return 1;
		}
	}
	return 0;
}

struct ostd_span
ostd_task_message(struct ostd_span text)
{
	const char *s = text.ptr, *end = text.ptr + text.len, *open, *close;
	struct ostd_span none = { end, 0 };

	/* The code's parenthesis: a name may hold others ('Jo (home)'). */
	for (open = s; (open = memchr(open, '(', (size_t)(end - open))) != NULL;
	    open++)
		if (end - open > 2 && open[1] == '0' &&
		    (open[2] == 'x' || open[2] == 'X'))
			break;
	if (open == NULL || (close = memchr(open, ')', (size_t)(end - open))) ==
	    NULL)
		return none;
	s = close + 1;
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s == end || *s != ':')
		return none;
	return quoted_name(s + 1, (size_t)(end - s - 1));
}

/* Lines that start with "Microsoft" or "MAPI", or another m. */
static int
classify_m(const char *s, size_t len, struct ostd_event *ev)
{
	if (phrase(s, len, "microsoft exchange offline address book") == len) {
		ev->kind = OSTD_EV_SCOPE;
		ev->sub = OSTD_SCOPE_OAB;
		return 1;
	}
	for (size_t i = 0; i < sizeof(providers) / sizeof(providers[0]); i++) {
		if (phrase(s, len, providers[i]) == len) {
			ev->kind = OSTD_EV_PROVIDER;
			return 1;
		}
	}
	if (phrase(s, len, "moved a message that failed")) {
		ev->kind = OSTD_EV_MOVED;
		return 1;
	}
	if (phrase(s, len, "message collection sync key")) {
		ev->kind = OSTD_EV_MARKER;
		return 1;
	}
	return 0;
}

/*
 * Recognize an entry by its fixed phrase. The first letter picks the few
 * phrases to try, so most lines cost a handful of comparisons.
 */
static void
classify_fixed(struct ostd_span t, struct ostd_event *ev)
{
	const char *s = t.ptr;
	size_t len = t.len, n;

	switch (ascii_lower((unsigned char)s[0])) {
	case 's':
		if (classify_synchronizing(s, len, ev))
			return;
		if (phrase(s, len, "sending off-line mail") ||
		    phrase(s, len, "sending offline mail")) {
			ev->kind = OSTD_EV_SCOPE;
			ev->sub = OSTD_SCOPE_SENDING;
			return;
		}
		break;
	case 'e':
		if (classify_error(s, len, ev))
			return;
		break;
	case 't':
		if ((n = phrase(s, len,
		    "there was an error synchronizing your folder hierarchy"))) {
			set_head(ev, OSTD_HEAD_HIERARCHY, NULL, 0, 0);
			return;
		}
		if (phrase(s, len, "terminated in error")) {
			ev->kind = OSTD_EV_TERMINATED;
			return;
		}
		if (classify_task(s, len, ev))
			return;
		break;
	case 'u':
	case 'd':
		if ((n = phrase(s, len, "uploading to server")) != 0 ||
		    (n = phrase(s, len, "downloading from server")) != 0) {
			ev->kind = OSTD_EV_TRANSFER;
			ev->sub = ascii_lower((unsigned char)s[0]) == 'u' ? 1 : 2;
			ev->arg = quoted_name(s + n, len - n);
			return;
		}
		if (phrase(s, len, "done") == len ||
		    (len == 5 && phrase(s, len, "done.") == 5)) {
			ev->kind = OSTD_EV_DONE;
			return;
		}
		break;
	case 'm':
		if (classify_m(s, len, ev))
			return;
		break;
	case 'f':
		if (phrase(s, len, "for more information on this failure")) {
			ev->kind = OSTD_EV_HELP;
			return;
		}
		if (phrase(s, len, "fncall:")) {
			ev->kind = OSTD_EV_ADDINFO;
			return;
		}
		if (phrase(s, len, "folder collection sync key")) {
			ev->kind = OSTD_EV_MARKER;
			return;
		}
		break;
	case 'h':
		if (phrase(s, len, "http://") || phrase(s, len, "https://")) {
			ev->kind = OSTD_EV_HELP;
			ev->arg = t;
			return;
		}
		if (phrase(s, len, "hresult:")) {
			ev->kind = OSTD_EV_ADDINFO;
			return;
		}
		break;
	case 'a':
		if (phrase(s, len, "additional info")) {
			ev->kind = OSTD_EV_ADDINFO;
			return;
		}
		break;
	case 'b':
		if (phrase(s, len, "begin ctx")) {
			ev->kind = OSTD_EV_MARKER;
			return;
		}
		break;
	case 'l':
		if (phrase(s, len, "lid:")) {
			ev->kind = OSTD_EV_ADDINFO;
			return;
		}
		break;
	default:
		if (ascii_isdigit((unsigned char)s[0]) && is_count(s, len)) {
			ev->kind = OSTD_EV_COUNT;
			ev->count = 0;
			for (size_t i = 0; i < len && ascii_isdigit(
			    (unsigned char)s[i]) && ev->count < 100000000; i++)
				ev->count = ev->count * 10 + (unsigned long)(s[i] -
				    '0');
			ev->sub = says_online(s, len) ? 1 : 2;
			return;
		}
		break;
	}
	/* Every spelling of the phrase has "ddress" in it. */
	if (len >= 20 && mem_find(s, len, "ddress", 6) != NULL &&
	    contains(s, len, "offline address book")) {
		if (phrase(s, len, "not downloading") ||
		    contains(s, len, "could not") || contains(s, len, "failed"))
			ev->kind = OSTD_EV_OAB_ERROR;
		else
			ev->kind = OSTD_EV_OAB;
	}
}

void
ostd_classify(const char *text, size_t len, struct ostd_event *ev)
{
	struct ostd_span t = trim(text, len), bracket = { NULL, 0 };
	int bracketed;

	memset(&ev->arg, 0, sizeof(ev->arg));
	ev->kind = OSTD_EV_UNKNOWN;
	ev->sub = 0;
	ev->count = 0;
	ev->text = t;
	ev->has_code = false;
	if (t.len == 0) {
		ev->kind = OSTD_EV_BLANK;
		return;
	}
	bracketed = memchr(t.ptr, '[', t.len) != NULL &&
	    find_bracket_code(t.ptr, t.len, &ev->code, &bracket);
	if (is_bare_code(t, bracketed ? &bracket : NULL)) {
		if (!bracketed)
			hex8(t.ptr + 2, t.len - 2, &ev->code);
		ev->kind = OSTD_EV_CODE;
		ev->has_code = true;
		return;
	}
	classify_fixed(t, ev);
	/*
	 * A name on a head line ('[FB-1234] Release notes') is no code: a code
	 * of the head stands after the name.
	 */
	if (ev->kind == OSTD_EV_ERROR_HEAD && ev->arg.len > 0) {
		const char *after = ev->arg.ptr + ev->arg.len;
		size_t rest = (size_t)(t.ptr + t.len - after);

		bracketed = find_bracket_code(after, rest, &ev->code, &bracket);
		if (!bracketed && memchr(after, '0', rest) != NULL &&
		    find_inline_code(after, rest, &ev->code))
			ev->has_code = true;
		if (bracketed)
			ev->has_code = true;
		return;
	}
	if (bracketed) {
		ev->has_code = true;
		return;
	}
	/*
	 * Inline HRESULTs count on heads and unknown lines ("Error : 80041004.",
	 * "reported error 0x00040820") and on the Hresult: line of Additional Info,
	 * not on other diagnostic sub-lines (ErrCtx: 0x09010801 is no HRESULT).
	 */
	if (ev->kind == OSTD_EV_ADDINFO) {
		size_t n = phrase(t.ptr, t.len, "hresult:");

		if (n != 0 && find_inline_code(t.ptr + n, t.len - n, &ev->code))
			ev->has_code = true;
		return;
	}
	if ((ev->kind == OSTD_EV_ERROR_HEAD || ev->kind == OSTD_EV_UNKNOWN ||
	    ev->kind == OSTD_EV_OAB_ERROR || ev->kind == OSTD_EV_TERMINATED) &&
	    memchr(t.ptr, '0', t.len) != NULL &&
	    find_inline_code(t.ptr, t.len, &ev->code))
		ev->has_code = true;
}

static const char *const kind_names[OSTD_EV_KIND_COUNT] = {
	"unknown", "blank", "version", "mailbox", "scope", "transfer", "count",
	"error-head", "code", "provider", "help", "additional-info", "oab",
	"oab-error", "done", "terminated", "marker", "moved",
};

static const char *const scope_names[OSTD_SCOPE_COUNT] = {
	"none", "hierarchy", "favorites", "views", "forms", "folder", "upload",
	"download", "sending", "oab",
};

static const char *const head_names[OSTD_HEAD_COUNT] = {
	"none", "folder", "message", "view-form", "hierarchy", "send",
	"deletions", "send-receive", "terminated", "oab", "code", "other",
	"task",
};

const char *
ostd_event_kind_name(enum ostd_event_kind kind)
{
	return (unsigned)kind < OSTD_EV_KIND_COUNT ? kind_names[kind] : "?";
}

const char *
ostd_scope_name(enum ostd_scope scope)
{
	return (unsigned)scope < OSTD_SCOPE_COUNT ? scope_names[scope] : "?";
}

const char *
ostd_head_name(enum ostd_head head)
{
	return (unsigned)head < OSTD_HEAD_COUNT ? head_names[head] : "?";
}

static int
name_lookup(const char *const *names, int n, const char *name, size_t len)
{
	for (int i = 0; i < n; i++)
		if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0)
			return i;
	return -1;
}

int
ostd_scope_from_name(const char *name, size_t len)
{
	return name_lookup(scope_names, OSTD_SCOPE_COUNT, name, len);
}

int
ostd_head_from_name(const char *name, size_t len)
{
	return name_lookup(head_names, OSTD_HEAD_COUNT, name, len);
}
