/*
 * test_property.c: a property test of the whole analysis. A generator driven by a
 * fixed pseudo-random sequence writes synchronization logs whose error blocks it
 * knows (the head kind of each, and its normalized code or none), mixed with the
 * lines a clean log holds. Each log is then damaged the way logs reach a help desk:
 * one kind of damage alone, or all of them together. However it is damaged, the
 * analyzer (merging off) must report exactly the generated errors, in order, each
 * with its head kind and code. A failure prints the damage, the case number, the
 * errors wanted and found, and the log's bytes.
 *
 * Names that look like codes ('[FB-1234] Release notes', 'Invoice 0x80070005')
 * and runs of blanks inside fixed phrases ("Offline  address book") are
 * generated too: the parser once took the first for codes and missed the second.
 */
#include "testutil.h"

#include <ctype.h>
#include <stdbool.h>

#define CASES 600		/* generated logs per kind of damage */
#define MAX_ENTRIES 512
#define MAX_ERRORS 64
#define MAX_PIECES 16
#define TEXT_MAX 320
#define CODE_WRITTEN 64		/* a code as a log writes it, with its NUL */

/* A pseudo-random sequence (splitmix64): the same seed gives the same log. */
struct rng {
	uint64_t s;
};

/* Next 64 bits of the sequence. */
static uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static unsigned
rng_below(struct rng *r, unsigned n)
{
	return (unsigned)(rng_next(r) % n);
}

/* True with probability pct percent. */
static bool
rng_chance(struct rng *r, unsigned pct)
{
	return rng_below(r, 100) < pct;
}

#define PICK(r, arr) ((arr)[rng_below((r), sizeof(arr) / sizeof((arr)[0]))])

/* What an entry of the generated log is; only message text may be cut. */
enum role {
	ROLE_LINE,		/* any line but message text */
	ROLE_MESSAGE		/* message text of an error: may be cut or wrapped */
};

struct entry {
	int time;
	enum role role;
	char indent[8];		/* blank between the time and the text */
	char text[TEXT_MAX];
};

struct expected {
	enum ostd_head head;
	char code[OSTD_CODE_TEXT];	/* normalized, "" for none */
};

/* A generated log before damage: its entries and the errors it holds. */
struct genlog {
	struct entry e[MAX_ENTRIES];
	size_t n;
	int clock;
	struct expected err[MAX_ERRORS];
	size_t nerr;
};

/* Kinds of damage, alone or together. */
enum {
	DMG_CUT = 1 << 0,	/* a message line cut in two at a space */
	DMG_WRAP = 1 << 1,	/* messages re-wrapped at a random width */
	DMG_INDENT = 1 << 2,	/* tabs and spaces of any width around the time */
	DMG_QUOTE_ALL = 1 << 3,	/* "> " before every line */
	DMG_QUOTE_FIRST = 1 << 4, /* "> " before the first line only */
	DMG_EOL = 1 << 5,	/* CRLF, LF and CR mixed */
	DMG_BLANK = 1 << 6,	/* blank lines between lines */
	DMG_FLAT = 1 << 7,	/* the whole log on one line */
	DMG_GLUE = 1 << 8,	/* time glued to the text: 13:21:53[8004...] */
	DMG_LOWER = 1 << 9,	/* every phrase in lower case */
	DMG_BRITISH = 1 << 10,	/* synchronising, organisation, favourites */
	DMG_ANSI = 1 << 11	/* Windows-1252, after 5,000 bytes of ASCII */
};
#define DMG_ALL 0xFFF

/* A growable byte buffer for the damaged log. */
struct buf {
	char *p;
	size_t len, cap;
};

/* Append n bytes to b. */
static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 1024;

		while (b->len + n + 1 > cap)
			cap *= 2;
		b->p = realloc(b->p, cap);
		assert_non_null(b->p);
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Append a NUL-terminated string to b. */
static void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Add an entry a few seconds after the last one. */
static void add_entry(struct genlog *g, struct rng *r, enum role role,
    const char *indent, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
add_entry(struct genlog *g, struct rng *r, enum role role, const char *indent,
    const char *fmt, ...)
{
	struct entry *e;
	va_list ap;

	assert_true(g->n < MAX_ENTRIES);
	e = &g->e[g->n++];
	g->clock = (g->clock + (int)rng_below(r, 3)) % (24 * 3600);
	e->time = g->clock;
	e->role = role;
	snprintf(e->indent, sizeof(e->indent), "%s", indent);
	va_start(ap, fmt);
	vsnprintf(e->text, sizeof(e->text), fmt, ap);
	va_end(ap);
}

/* Note an error the analyzer must report. */
static void
expect_error(struct genlog *g, enum ostd_head head, const char *code)
{
	assert_true(g->nerr < MAX_ERRORS);
	g->err[g->nerr].head = head;
	snprintf(g->err[g->nerr].code, OSTD_CODE_TEXT, "%s", code);
	g->nerr++;
}

static const char *const hresults[] = {
	"8004010F", "80040115", "80004005", "80070005", "80040305", "80040600",
	"8000FFFF", "80070057", "80041004", "8004ABCD", "80040119", "80030070",
};

/* Hex digits of v, upper or lower case, with leading zeros up to 8 digits. */
static void
write_hex(struct rng *r, char *out, size_t size, uint32_t v, bool lower)
{
	int digits = snprintf(out, size, "%X", v);
	int zeros = (int)rng_below(r, 3);

	if (zeros > 8 - digits)
		zeros = 8 - digits;
	snprintf(out, size, lower ? "%.*s%x" : "%.*s%X", zeros, "00", v);
}

/*
 * A four-part code as a log writes it (written) and as ostdiag normalizes it
 * (norm): field 1 keeps its eight digits, fields 2-4 lose their leading zeros.
 */
static void
make_code(struct rng *r, char *written, char *norm)
{
	const char *hr = PICK(r, hresults);
	uint32_t f2 = PICK(r, ((const uint32_t[]){ 0x501, 0x508, 0x3EE, 0x54A,
	    0x507, 0x0 }));
	uint32_t f3 = rng_chance(r, 40) ? (uint32_t)strtoul(hr, NULL, 16) :
	    PICK(r, ((const uint32_t[]){ 0x0, 0x4B9, 0x4DE }));
	uint32_t f4 = PICK(r, ((const uint32_t[]){ 0x521, 0x522, 0x560, 0x322,
	    0x324, 0x0, 0x1380, 0x430 }));
	bool lower = rng_chance(r, 20);
	char a[16], b[16], c[16], first[16];

	snprintf(first, sizeof(first), "%s", hr);
	if (lower)
		for (char *p = first; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
	write_hex(r, a, sizeof(a), f2, lower);
	write_hex(r, b, sizeof(b), f3, lower);
	write_hex(r, c, sizeof(c), f4, lower);
	snprintf(written, CODE_WRITTEN, "%s-%s-%s-%s", first, a, b, c);
	snprintf(norm, OSTD_CODE_TEXT, "%s-%X-%X-%X", hr, f2, f3, f4);
}

/*
 * Message texts as Outlook writes them. None holds a phrase ostdiag knows, a code
 * or a time, so a cut anywhere between words leaves plain text on both sides.
 */
static const char *const messages[] = {
	"The client operation failed.",
	"The operation failed.",
	"An object could not be found.",
	"An unexpected error has occurred.",
	"The message contains invalid properties.",
	"The contents of this public folder are currently unavailable. Either "
	    "the server is down or the folder is not replicated.",
	"Your server administrator has limited the number of items you can "
	    "open simultaneously. Try closing messages you have opened or "
	    "removing attachments and images from unsent messages you are "
	    "composing.",
	"You do not have sufficient permission to perform this operation on "
	    "this object. See the folder contact or your system administrator.",
	"The item cannot be saved because it was changed by another user or "
	    "in another window.",
	"The server is not available. Contact your administrator if this "
	    "condition persists.",
};

static const char *const providers[] = {
	"Microsoft Exchange Information Store",
	"Microsoft Exchange Server Information Store",
	"Microsoft Exchange Server",
};

static const char *const folders[] = {
	"Inbox", "Sent Items", "Calendar", "Deleted Items", "Contacts",
	"Projekt \xE2\x80\x98Nord\xE2\x80\x99", "Dana's Notes", "Purchase Approvals",
};

static const char *const subjects[] = {
	"Budget 2027", "Q3 plan", "new Modified", "Re: Offsite agenda",
	"Weekly report (draft)", "Invoice 4471", "Dana's notes",
	/* typographic quotes; \x42 is the B that follows a hex escape */
	"\xE2\x80\x9C\x42oard pack\xE2\x80\x9D v2",
	/* names that look like codes */
	"[FB-1234] Release notes", "Invoice 0x80070005", "Error: 80070005 again",
};

/* The indentation of detail lines: one space, or the tabs of newer clients. */
static const char *
detail_indent(struct rng *r)
{
	return rng_chance(r, 50) ? " " : " \t\t ";
}

/* A line a clean log holds between errors. */
static void
add_normal(struct genlog *g, struct rng *r)
{
	switch (rng_below(r, 7)) {
	case 0:
		add_entry(g, r, ROLE_LINE, " ", "Synchronizing %s",
		    PICK(r, ((const char *const[]){ "Hierarchy", "Favorites",
		    "Views", "Organization Forms", "Forms" })));
		break;
	case 1:
		add_entry(g, r, ROLE_LINE, " ", "Synchronizing %s '%s'",
		    PICK(r, ((const char *const[]){ "Folder",
		    "server changes in folder", "local changes in folder" })),
		    PICK(r, folders));
		break;
	case 2:
		add_entry(g, r, ROLE_LINE, PICK(r, ((const char *const[]){ " ",
		    " \t   " })), "%u %s %s in %s %s", rng_below(r, 40) + 1,
		    PICK(r, ((const char *const[]){ "item(s)", "folder(s)",
		    "view(s)/form(s)" })), PICK(r, ((const char *const[]){
		    "added", "updated", "deleted", "changed read-state" })),
		    PICK(r, ((const char *const[]){ "offline", "online" })),
		    PICK(r, ((const char *const[]){ "folder", "store" })));
		break;
	case 3:
		add_entry(g, r, ROLE_LINE, " ", "%s server '%s'",
		    PICK(r, ((const char *const[]){ "Downloading from",
		    "Uploading to" })), "https://outlook.office365.com/mapi/"
		    "emsmdb/?MailboxId=7f3a2c1e@example.com");
		break;
	case 4:
		add_entry(g, r, ROLE_LINE, " ", "Folder Collection Sync Key: %u",
		    rng_below(r, 9));
		break;
	default:
		add_entry(g, r, ROLE_LINE, " ", "Synchronizing %s '%s'",
		    "server changes in folder", PICK(r, folders));
		break;
	}
}

/* Code, message text and the tail lines of an error with a four-part code. */
static void
add_details(struct genlog *g, struct rng *r, const char *written, bool code_line)
{
	const char *in = detail_indent(r);

	if (code_line)
		add_entry(g, r, ROLE_LINE, in, "[%s]", written);
	add_entry(g, r, ROLE_MESSAGE, in, "%s", PICK(r, messages));
	if (rng_chance(r, 70))
		add_entry(g, r, ROLE_LINE, in, "%s", PICK(r, providers));
	if (rng_chance(r, 30)) {
		add_entry(g, r, ROLE_LINE, in, "For more information on this "
		    "failure, click the URL below:");
		add_entry(g, r, ROLE_LINE, in, "http://www.microsoft.com/support/"
		    "prodredirect/outlook2000_us.asp?err=%s", written);
	}
	if (rng_chance(r, 20)) {
		add_entry(g, r, ROLE_LINE, in, "Additional Info:");
		add_entry(g, r, ROLE_LINE, in, "EntryID: 00000000ABCD%04X",
		    rng_below(r, 65536));
		add_entry(g, r, ROLE_LINE, in, "ErrCtx: 0x09010801");
		add_entry(g, r, ROLE_LINE, in, "Hresult: 0x%s", PICK(r, hresults));
	}
}

/* Kinds of error the generator writes. */
enum gen_error {
	GEN_FOLDER,
	GEN_FOLDER_NOCODE,
	GEN_MESSAGE,
	GEN_VIEW_FORM,
	GEN_HIERARCHY,
	GEN_SEND,
	GEN_DELETIONS,
	GEN_SEND_RECEIVE,
	GEN_INLINE,
	GEN_OAB,
	GEN_KINDS
};

/* One error block of kind k, with the scope line that usually comes before it. */
static void
add_error(struct genlog *g, struct rng *r, enum gen_error k)
{
	char written[CODE_WRITTEN], norm[OSTD_CODE_TEXT];
	bool on_head = rng_chance(r, 15);

	make_code(r, written, norm);
	switch (k) {
	case GEN_FOLDER:
		if (on_head) {
			add_entry(g, r, ROLE_LINE, " ", "Error synchronizing "
			    "folder [%s]", written);
			add_details(g, r, written, false);
		} else {
			add_entry(g, r, ROLE_LINE, " ", "Error synchronizing "
			    "folder");
			add_details(g, r, written, true);
		}
		expect_error(g, OSTD_HEAD_FOLDER, norm);
		break;
	case GEN_FOLDER_NOCODE:
		add_entry(g, r, ROLE_LINE, " ", "Error synchronizing folder");
		expect_error(g, OSTD_HEAD_FOLDER, "");
		break;
	case GEN_MESSAGE:
		add_entry(g, r, ROLE_LINE, " ", "Error synchronizing message "
		    "'%s'", PICK(r, subjects));
		add_details(g, r, written, true);
		expect_error(g, OSTD_HEAD_MESSAGE, norm);
		break;
	case GEN_VIEW_FORM:
		add_entry(g, r, ROLE_LINE, " ", "Synchronizing Views");
		add_entry(g, r, ROLE_LINE, " ", "Error synchronizing view/form");
		add_details(g, r, written, true);
		expect_error(g, OSTD_HEAD_VIEW_FORM, norm);
		break;
	case GEN_HIERARCHY:
		add_entry(g, r, ROLE_LINE, " ", "Error Synchronizing Hierarchy "
		    "for Mailbox '%s'", PICK(r, ((const char *const[]){
		    "Sales Team", "TeamShared", "Dana Ruiz" })));
		add_details(g, r, written, true);
		expect_error(g, OSTD_HEAD_HIERARCHY, norm);
		break;
	case GEN_SEND:
		add_entry(g, r, ROLE_LINE, " ", "Sending off-line mail");
		if (rng_chance(r, 50))
			add_entry(g, r, ROLE_LINE, " ", "Error sending message");
		else
			add_entry(g, r, ROLE_LINE, " ", "Error sending message "
			    "'%s'", PICK(r, subjects));
		add_details(g, r, written, true);
		expect_error(g, OSTD_HEAD_SEND, norm);
		break;
	case GEN_DELETIONS:
		add_entry(g, r, ROLE_LINE, " ", "Synchronizing local changes in "
		    "folder '%s'", PICK(r, folders));
		add_entry(g, r, ROLE_LINE, " ", "Synchronization of some "
		    "deletions failed.");
		if (rng_chance(r, 70)) {
			unsigned v = PICK(r, ((const unsigned[]){ 0x130, 0x2A0,
			    0x1 }));

			add_entry(g, r, ROLE_LINE, " ", "[%s-%x]",
			    PICK(r, ((const char *const[]){ "0", "00" })), v);
			snprintf(norm, sizeof(norm), "0-%X", v);
			expect_error(g, OSTD_HEAD_DELETIONS, norm);
		} else {
			expect_error(g, OSTD_HEAD_DELETIONS, "");
		}
		break;
	case GEN_SEND_RECEIVE:
		add_entry(g, r, ROLE_LINE, " ", "Error with Send/Receive.");
		if (rng_chance(r, 50)) {
			add_entry(g, r, ROLE_LINE, detail_indent(r), "[%s]",
			    written);
			expect_error(g, OSTD_HEAD_SEND_RECEIVE, norm);
		} else {
			expect_error(g, OSTD_HEAD_SEND_RECEIVE, "");
		}
		break;
	case GEN_INLINE:
		add_entry(g, r, ROLE_LINE, " ", "There was an error synchronizing "
		    "your folder hierarchy. Error%s: %.8s.",
		    rng_chance(r, 50) ? " " : "", norm);
		norm[8] = '\0';
		expect_error(g, OSTD_HEAD_HIERARCHY, norm);
		break;
	case GEN_OAB:
		add_entry(g, r, ROLE_LINE, " ", "Microsoft Exchange offline "
		    "address book");
		add_entry(g, r, ROLE_LINE, " ", "Not downloading Offline%s"
		    "address book files. A server (URL) could not be located.",
		    rng_chance(r, 70) ? " " : rng_chance(r, 50) ? "  " : "\t");
		if (rng_chance(r, 80)) {
			add_entry(g, r, ROLE_LINE, " ", "0X%.8s", norm);
			norm[8] = '\0';
			expect_error(g, OSTD_HEAD_OAB, norm);
		} else {
			expect_error(g, OSTD_HEAD_OAB, "");
		}
		break;
	case GEN_KINDS:
		break;
	}
}

/*
 * A log of one to three sessions, each from Synchronizer Version (on newer
 * clients) to Done or Terminated in error, with errors of every kind among clean
 * lines.
 */
static void
generate(struct genlog *g, struct rng *r)
{
	unsigned sessions = 1 + rng_below(r, 3);

	memset(g, 0, sizeof(*g));
	g->clock = (int)rng_below(r, 24 * 3600);
	for (unsigned s = 0; s < sessions; s++) {
		unsigned nerr = rng_below(r, 7);

		if (rng_chance(r, 70)) {
			add_entry(g, r, ROLE_LINE, " ", "Synchronizer Version "
			    "%s", PICK(r, ((const char *const[]){ "16.0.14326",
			    "14.0.7268", "12.0.6529", "11.0.8169" })));
			add_entry(g, r, ROLE_LINE, " ", "Synchronizing Mailbox "
			    "'%s'", PICK(r, ((const char *const[]){ "Dana Ruiz",
			    "Doe, John", "dana.ruiz@hotmail.com" })));
		}
		add_entry(g, r, ROLE_LINE, " ", "Synchronizing Hierarchy");
		for (unsigned i = 0; i < nerr; i++) {
			for (unsigned k = rng_below(r, 3); k > 0; k--)
				add_normal(g, r);
			add_error(g, r, (enum gen_error)rng_below(r, GEN_KINDS));
		}
		for (unsigned k = rng_below(r, 3); k > 0; k--)
			add_normal(g, r);
		if (rng_chance(r, 15)) {
			add_entry(g, r, ROLE_LINE, " ", "Terminated in error");
			expect_error(g, OSTD_HEAD_TERMINATED, "");
		} else {
			add_entry(g, r, ROLE_LINE, " ", "Done");
		}
	}
}

/* Replace every occurrence of from by to in s, a buffer of TEXT_MAX bytes. */
static void
replace_all(char *s, const char *from, const char *to)
{
	char out[TEXT_MAX];
	size_t fl = strlen(from), w = 0;
	const char *p = s, *hit;

	while ((hit = strstr(p, from)) != NULL) {
		w += (size_t)snprintf(out + w, sizeof(out) - w, "%.*s%s",
		    (int)(hit - p), p, to);
		assert_true(w < sizeof(out));
		p = hit + fl;
	}
	snprintf(out + w, sizeof(out) - w, "%s", p);
	memcpy(s, out, TEXT_MAX);
}

/* British spellings of the fixed phrases. */
static void
britishize(char *s)
{
	static const char *const pairs[][2] = {
		{ "Synchronizing", "Synchronising" },
		{ "synchronizing", "synchronising" },
		{ "Synchronizer", "Synchroniser" },
		{ "Synchronization", "Synchronisation" },
		{ "Organization", "Organisation" },
		{ "Favorites", "Favourites" },
	};

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		replace_all(s, pairs[i][0], pairs[i][1]);
}

/* Blanks of any width: tabs and spaces, at least one. */
static void
random_blank(struct rng *r, struct buf *b, unsigned min)
{
	unsigned n = min + rng_below(r, 6);

	for (unsigned i = 0; i < n; i++)
		buf_adds(b, rng_chance(r, 40) ? "\t" : " ");
}

/* Time of day as a log writes it: H:MM:SS, or HH:MM:SS for 10 and later. */
static void
add_time(struct buf *b, int t)
{
	char tb[16];

	snprintf(tb, sizeof(tb), "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60);
	buf_adds(b, tb);
}

/*
 * Split a message into pieces at spaces: one cut at a random space, or a re-wrap
 * at a random width. Returns the number of pieces, each NUL-terminated in out.
 */
static size_t
split_message(struct rng *r, const char *text, bool wrap,
    char out[MAX_PIECES][TEXT_MAX])
{
	size_t len = strlen(text), n = 0, start = 0;
	size_t spaces[64], ns = 0;

	for (size_t i = 0; i < len && ns < 64; i++)
		if (text[i] == ' ')
			spaces[ns++] = i;
	if (ns == 0) {
		snprintf(out[0], TEXT_MAX, "%s", text);
		return 1;
	}
	if (!wrap) {
		size_t at = spaces[rng_below(r, (unsigned)ns)];

		snprintf(out[0], TEXT_MAX, "%.*s", (int)at, text);
		snprintf(out[1], TEXT_MAX, "%s", text + at + 1);
		return 2;
	}
	size_t width = 12 + rng_below(r, 60);
	while (start < len && n < MAX_PIECES - 1) {
		size_t cut = 0;

		if (len - start <= width)
			break;
		/* The last space within width, else the first after it. */
		for (size_t i = 0; i < ns; i++) {
			if (spaces[i] <= start)
				continue;
			if (spaces[i] - start <= width || cut == 0)
				cut = spaces[i];
			if (spaces[i] - start > width)
				break;
		}
		if (cut == 0)
			break;
		snprintf(out[n++], TEXT_MAX, "%.*s", (int)(cut - start),
		    text + start);
		start = cut + 1;
	}
	snprintf(out[n++], TEXT_MAX, "%s", text + start);
	return n;
}

/* The log with damage dmg, as the bytes the analyzer reads. */
/*
 * The log as Windows-1252 writes it: the typographic quotes, the only
 * characters past ASCII the generator writes, become one byte each.
 */
static void
to_cp1252(struct buf *b)
{
	size_t w = 0;

	for (size_t i = 0; i < b->len; i++) {
		if (i + 2 < b->len && (unsigned char)b->p[i] == 0xE2 &&
		    (unsigned char)b->p[i + 1] == 0x80 &&
		    (unsigned char)b->p[i + 2] >= 0x98 &&
		    (unsigned char)b->p[i + 2] <= 0x9D) {
			/* U+2018-U+201D; U+201B has no byte in 1252 */
			static const unsigned char ansi[] = { 0x91, 0x92, 0x82,
			    0x00, 0x93, 0x94 };

			assert_true(ansi[(unsigned char)b->p[i + 2] - 0x98] != 0);
			b->p[w++] = (char)ansi[(unsigned char)b->p[i + 2] - 0x98];
			i += 2;
			continue;
		}
		assert_true((unsigned char)b->p[i] < 0x80);
		b->p[w++] = b->p[i];
	}
	b->len = w;
	b->p[w] = '\0';
}

static void
render(const struct genlog *g, struct rng *r, unsigned dmg, struct buf *out)
{
	struct buf lines = { NULL, 0, 0 };	/* physical lines, '\n' after each */
	char pieces[MAX_PIECES][TEXT_MAX];
	bool quote_first = (dmg & DMG_QUOTE_FIRST) != 0;
	bool quote_all = (dmg & DMG_QUOTE_ALL) != 0;
	const char *quote = PICK(r, ((const char *const[]){ "> ", "> ", ">",
	    ">> ", "> > " }));

	if (quote_first && quote_all) {
		/* Together: one or the other for this log. */
		quote_first = rng_chance(r, 50);
		quote_all = !quote_first;
	}
	/* Past the bytes the encoding is told from: ASCII lines with no error. */
	while ((dmg & DMG_ANSI) && lines.len < 5000) {
		add_time(&lines, g->n > 0 ? g->e[0].time : 0);
		buf_adds(&lines, " Synchronizing server changes in folder "
		    "'Inbox'\n");
	}
	for (size_t i = 0; i < g->n; i++) {
		const struct entry *e = &g->e[i];
		char text[TEXT_MAX];
		size_t np = 1;

		snprintf(text, sizeof(text), "%s", e->text);
		if (dmg & DMG_BRITISH)
			britishize(text);
		if (dmg & DMG_LOWER)
			for (char *p = text; *p != '\0'; p++)
				*p = (char)tolower((unsigned char)*p);
		if (e->role == ROLE_MESSAGE && (dmg & (DMG_CUT | DMG_WRAP)) &&
		    rng_chance(r, 70)) {
			bool wrap = (dmg & DMG_WRAP) && (!(dmg & DMG_CUT) ||
			    rng_chance(r, 50));

			np = split_message(r, text, wrap, pieces);
		} else {
			snprintf(pieces[0], TEXT_MAX, "%s", text);
		}
		for (size_t k = 0; k < np; k++) {
			if ((dmg & DMG_INDENT) && rng_chance(r, 30))
				random_blank(r, &lines, 1);
			if (k == 0) {
				bool glued = (dmg & DMG_GLUE) &&
				    rng_chance(r, 50);

				add_time(&lines, e->time);
				if (!glued && (dmg & DMG_INDENT))
					random_blank(r, &lines, 1);
				else if (!glued)
					buf_adds(&lines, e->indent);
			} else if ((dmg & DMG_INDENT) && rng_chance(r, 50)) {
				random_blank(r, &lines, 1);
			}
			buf_adds(&lines, pieces[k]);
			if ((dmg & DMG_INDENT) && rng_chance(r, 20))
				random_blank(r, &lines, 1);
			buf_adds(&lines, "\n");
		}
	}

	/* Physical damage: flatten, quote, blank lines, line ends. */
	if (dmg & DMG_FLAT)
		for (size_t i = 0; i + 1 < lines.len; i++)
			if (lines.p[i] == '\n')
				lines.p[i] = ' ';
	const char *p = lines.p, *end = lines.p + lines.len;
	bool first = true;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)(nl - p);
		const char *eol = "\n";

		if ((dmg & DMG_BLANK) && !first && rng_chance(r, 30)) {
			for (unsigned k = 1 + rng_below(r, 2); k > 0; k--) {
				if (quote_all)
					buf_adds(out, ">");
				else if (rng_chance(r, 30))
					random_blank(r, out, 1);
				buf_adds(out, "\n");
			}
		}
		if (quote_all || (quote_first && first))
			buf_adds(out, quote);
		buf_add(out, p, n);
		if (dmg & DMG_EOL)
			eol = PICK(r, ((const char *const[]){ "\n", "\r\n",
			    "\r" }));
		if (nl + 1 < end || rng_chance(r, 80))
			buf_adds(out, eol);
		p = nl + 1;
		first = false;
	}
	free(lines.p);
	if (dmg & DMG_ANSI)
		to_cp1252(out);
}

/* The error findings of one analysis, copied. */
struct got {
	struct expected err[MAX_ERRORS];
	size_t n;
	size_t overflow;
	size_t not_utf8;	/* findings with a text that is not UTF-8 */
};

/* Is s (NULL: none) well-formed UTF-8? */
static bool
well_formed(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	while (u != NULL && *u != '\0') {
		size_t need = *u < 0x80 ? 0 : *u >= 0xC2 && *u <= 0xDF ? 1 :
		    *u >= 0xE0 && *u <= 0xEF ? 2 : *u >= 0xF0 && *u <= 0xF4 ?
		    3 : 4;

		if (need == 4)
			return false;
		for (size_t k = 1; k <= need; k++)
			if ((u[k] & 0xC0) != 0x80)
				return false;
		u += need + 1;
	}
	return true;
}

/* Finding callback: keep head and code of every error finding. */
static void
on_finding(const struct ostd_finding *f, void *ctx)
{
	struct got *g = ctx;

	if (f->kind != OSTD_FINDING_ERROR)
		return;
	if (!well_formed(f->block->head_text) ||
	    !well_formed(f->block->subject) ||
	    !well_formed(f->block->message) || !well_formed(f->block->folder))
		g->not_utf8++;
	if (g->n == MAX_ERRORS) {
		g->overflow++;
		return;
	}
	g->err[g->n].head = f->block->head;
	snprintf(g->err[g->n].code, OSTD_CODE_TEXT, "%s",
	    f->block->has_code ? f->block->code.text : "");
	g->n++;
}

/* Print bytes with C escapes, for a failure message. */
static void
print_escaped(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			print_message("\\n\"\n\"");
		else if (c == '\r')
			print_message("\\r");
		else if (c == '\t')
			print_message("\\t");
		else if (c == '"' || c == '\\')
			print_message("\\%c", c);
		else if (c < 0x20 || c >= 0x7F)
			print_message("\\x%02X", c);
		else
			print_message("%c", c);
	}
	print_message("\"\n");
}

/* Does the analysis of the log agree with what was generated? */
static bool
same(const struct genlog *g, const struct got *got)
{
	if (got->n != g->nerr || got->overflow != 0 || got->not_utf8 != 0)
		return false;
	for (size_t i = 0; i < g->nerr; i++)
		if (got->err[i].head != g->err[i].head ||
		    strcmp(got->err[i].code, g->err[i].code) != 0)
			return false;
	return true;
}

/* Analyze text with merging off and collect the error findings. */
static void
analyze(const struct ostd_ruleset *rs, const char *text, size_t len,
    struct got *got)
{
	struct ostd_report *rep = ostd_report_new_fn(on_finding, got);
	struct ostd_analyzer *a = ostd_analyzer_new(rs, rep);

	memset(got, 0, sizeof(*got));
	ostd_analyzer_set_merge(a, false);
	assert_int_equal(ostd_analyze_buffer(a, text, len, "gen.log"), 0);
	ostd_analyzer_free(&a);
	ostd_report_free(&rep);
}

/* Generate CASES logs, damage each with dmg, and check every analysis. */
static void
run_cases(const struct ostd_ruleset *rs, unsigned dmg)
{
	static struct genlog g;
	struct got got;
	struct buf out = { NULL, 0, 0 };
	unsigned long errors = 0;

	for (unsigned c = 0; c < CASES; c++) {
		struct rng r = { ((uint64_t)dmg << 32) | c };

		generate(&g, &r);
		out.len = 0;
		render(&g, &r, dmg, &out);
		analyze(rs, out.p, out.len, &got);
		if (!same(&g, &got)) {
			print_error("damage 0x%X, case %u: want %zu errors, got "
			    "%zu (%zu with a text not UTF-8)\n", dmg, c, g.nerr,
			    got.n, got.not_utf8);
			for (size_t i = 0; i < g.nerr || i < got.n; i++)
				print_error("  %2zu: want %-12s %-22s got %-12s "
				    "%s\n", i, i < g.nerr ?
				    ostd_head_name(g.err[i].head) : "-",
				    i < g.nerr ? g.err[i].code : "",
				    i < got.n ? ostd_head_name(got.err[i].head) :
				    "-", i < got.n ? got.err[i].code : "");
			print_message("\"");
			print_escaped(out.p, out.len);
			free(out.p);
			fail();
		}
		errors += g.nerr;
	}
	free(out.p);
	/* The generator must really produce errors of every kind. */
	assert_true(errors > CASES * 3);
}

/* The generator itself: fixed seed, fixed log; every kind of error occurs. */
static void
test_generator(void **state)
{
	static struct genlog g;
	unsigned heads = 0, coded = 0, uncoded = 0;

	(void)state;
	for (unsigned c = 0; c < CASES; c++) {
		struct rng r = { c };

		generate(&g, &r);
		for (size_t i = 0; i < g.nerr; i++) {
			heads |= 1u << g.err[i].head;
			if (g.err[i].code[0] != '\0')
				coded++;
			else
				uncoded++;
		}
	}
	assert_int_equal(heads, (1u << OSTD_HEAD_FOLDER) |
	    (1u << OSTD_HEAD_MESSAGE) | (1u << OSTD_HEAD_VIEW_FORM) |
	    (1u << OSTD_HEAD_HIERARCHY) | (1u << OSTD_HEAD_SEND) |
	    (1u << OSTD_HEAD_DELETIONS) | (1u << OSTD_HEAD_SEND_RECEIVE) |
	    (1u << OSTD_HEAD_TERMINATED) | (1u << OSTD_HEAD_OAB));
	assert_true(coded > uncoded);
	assert_true(uncoded > 0);
}

/* Merged findings: where each was first seen, and how often. */
struct merged {
	unsigned long *line, *count;
	size_t n, cap;
	unsigned long errors;	/* occurrences of errors, all findings */
};

static void
on_merged(const struct ostd_finding *f, void *ctx)
{
	struct merged *m = ctx;

	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 1024;
		m->line = realloc(m->line, m->cap * sizeof(*m->line));
		m->count = realloc(m->count, m->cap * sizeof(*m->count));
		assert_non_null(m->line);
		assert_non_null(m->count);
	}
	m->line[m->n] = f->line;
	m->count[m->n++] = f->count;
	if (f->kind == OSTD_FINDING_ERROR || f->kind == OSTD_FINDING_TASK)
		m->errors += f->count;
}

static void
analyze_merged(const struct ostd_ruleset *rs, const char *text, size_t len,
    struct merged *m)
{
	struct ostd_report *rep = ostd_report_new_fn(on_merged, m);
	struct ostd_analyzer *a = ostd_analyzer_new(rs, rep);

	memset(m, 0, sizeof(*m));
	assert_int_equal(ostd_analyze_buffer(a, text, len, "gen.log"), 0);
	assert_int_equal(ostd_analyzer_summary(a)->errors, m->errors);
	ostd_analyzer_free(&a);
	ostd_report_free(&rep);
}

/*
 * Merging accounts for every error, however many distinct findings: all the
 * generated logs as one input (more distinct findings than the table of
 * repeats holds in memory), then the same input twice over, give the same
 * findings at the same first lines, each counted twice as often.
 */
static void
test_merging_many_distinct(void **state)
{
	static struct genlog g;
	struct buf once = { NULL, 0, 0 }, twice = { NULL, 0, 0 };
	struct merged m1, m2;

	for (unsigned c = 0; c < 4 * CASES; c++) {
		struct rng r = { 0xABCD0000u + c };

		generate(&g, &r);
		render(&g, &r, 0, &once);
	}
	buf_add(&twice, once.p, once.len);
	buf_add(&twice, once.p, once.len);
	analyze_merged(*state, once.p, once.len, &m1);
	analyze_merged(*state, twice.p, twice.len, &m2);
	assert_true(m1.n > 4096);
	assert_int_equal(m2.n, m1.n);
	assert_int_equal(m2.errors, 2 * m1.errors);
	for (size_t i = 0; i < m1.n; i++) {
		assert_int_equal(m2.line[i], m1.line[i]);
		assert_int_equal(m2.count[i], 2 * m1.count[i]);
	}
	free(m1.line);
	free(m1.count);
	free(m2.line);
	free(m2.count);
	free(once.p);
	free(twice.p);
}

#define DAMAGE_TEST(name, dmg) \
	static void name(void **state) { run_cases(*state, (dmg)); }

DAMAGE_TEST(test_clean, 0)
DAMAGE_TEST(test_cut_lines, DMG_CUT)
DAMAGE_TEST(test_rewrapped, DMG_WRAP)
DAMAGE_TEST(test_indentation, DMG_INDENT)
DAMAGE_TEST(test_quoted_every_line, DMG_QUOTE_ALL)
DAMAGE_TEST(test_quoted_first_line, DMG_QUOTE_FIRST)
DAMAGE_TEST(test_mixed_line_ends, DMG_EOL)
DAMAGE_TEST(test_blank_lines, DMG_BLANK)
DAMAGE_TEST(test_flattened, DMG_FLAT)
DAMAGE_TEST(test_glued_times, DMG_GLUE)
DAMAGE_TEST(test_lower_case, DMG_LOWER)
DAMAGE_TEST(test_british, DMG_BRITISH)
DAMAGE_TEST(test_windows_1252_late, DMG_ANSI)
DAMAGE_TEST(test_all_together, DMG_ALL)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generator),
		cmocka_unit_test(test_merging_many_distinct),
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_cut_lines),
		cmocka_unit_test(test_rewrapped),
		cmocka_unit_test(test_indentation),
		cmocka_unit_test(test_quoted_every_line),
		cmocka_unit_test(test_quoted_first_line),
		cmocka_unit_test(test_mixed_line_ends),
		cmocka_unit_test(test_blank_lines),
		cmocka_unit_test(test_flattened),
		cmocka_unit_test(test_glued_times),
		cmocka_unit_test(test_lower_case),
		cmocka_unit_test(test_british),
		cmocka_unit_test(test_windows_1252_late),
		cmocka_unit_test(test_all_together),
	};

	return cmocka_run_group_tests(tests, builtin_rules_setup,
	    rules_teardown);
}
