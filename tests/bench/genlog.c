/*
 * genlog.c: writes synthetic Outlook / Exchange offline-folder synchronization
 * logs for ostdiag's benchmark. The output mixes the dialects ostdiag reads: the
 * Exchange client and Outlook 97-2002 layout (Synchronizing Folder 'X',
 * Organization Forms, single-space details, wrapped messages) and the Outlook
 * 2003-365 layout (Synchronizer Version, Mailbox, local and server changes,
 * tab-indented counts and details, Forms, the offline address book trailer),
 * with British spellings, mail quote prefixes and the damage found in pasted
 * copies. About ERROR_PERCENT of the lines belong to error blocks built from
 * codes and contexts seen in real logs, plus a few codes no rule knows.
 *
 * The bytes written depend only on the seed, the error share, the line ends and
 * the size: the generator is a xorshift64* seeded through splitmix64, and no
 * library randomness, clock or locale is consulted. No expression draws more
 * than one random number, so the order is fixed whatever the compiler.
 *
 *   genlog [-s SEED] [-e ERROR_PERCENT] [--lf] SIZE
 *   genlog [-s SEED] [-e ERROR_PERCENT] [--lf] -n COUNT -d DIR SIZE
 *
 * SIZE takes a k, M or G suffix (powers of 1024). The first form writes about
 * SIZE bytes to stdout; the second writes COUNT logs of about SIZE bytes each
 * into DIR (created if missing) as log00000.log, log00001.log, ...
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define OUTBUF		(1024 * 1024)
#define WRAP		72	/* column where old clients' copies wrap messages */
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define PUT(g, lit)	put((g), (lit), sizeof(lit) - 1)

/* Where a line's text starts: after one space, or indented like a count or a detail. */
enum indent {
	IND_TOP,
	IND_COUNT,
	IND_DETAIL
};

enum quote {
	QUOTE_NONE,
	QUOTE_ALL,	/* "> " before every line */
	QUOTE_FIRST	/* "> " before the first line only */
};

/* Output buffer flushed in large blocks; counts the bytes of the current file. */
struct out {
	FILE *fp;
	const char *name;
	size_t len;
	unsigned long long written;
	char buf[OUTBUF];
};

struct gen {
	uint64_t rng;
	struct out *out;
	double share;			/* wanted share of error lines, 0..1 */
	int crlf;
	unsigned long long lines;	/* every line written, over all files */
	unsigned long long errlines;	/* those inside error blocks */
	int in_error;

	/* The style of the current session. */
	int modern;			/* Outlook 2003 and later layout */
	int major;			/* client major version: 8-10 old, 11-16 modern */
	int british;
	enum quote quote;
	int first;			/* no line of the session written yet */
	int spaces;			/* tabs turned into spaces by a copy */
	int blank;			/* a blank line after every line */
	int flat;			/* the whole session on one line */
	int glue;			/* times glued to counts now and then */
	unsigned secs;			/* time of day, seconds */
	char tbuf[8];			/* secs as H:MM:SS */
	size_t tlen;
};

static const char *const folders[] = {
	"Inbox", "Sent Items", "Calendar", "Contacts", "Tasks", "Drafts",
	"Deleted Items", "Outbox", "Junk E-mail", "Notes", "Journal", "Archive",
	"Conversation History", "RSS Feeds", "Customers", "Projects/2024",
	"Jo's calendar", "Suggested Contacts", "Team Site Documents", "Invoices",
	"Posteingang", "Gesendete Elemente", "Bo\303\256te de r\303\251ception",
	"\303\211l\303\251ments envoy\303\251s", "Bandeja de entrada",
	"\xE5\x8F\x97\xE4\xBF\xA1\xE3\x83\x88\xE3\x83\xAC\xE3\x82\xA4",
	"\xD0\x92\xD1\x85\xD0\xBE\xD0\xB4\xD1\x8F\xD1\x89\xD0\xB8\xD0\xB5",
	"Sync Issues", "Local Failures", "Server Failures"
};

static const char *const mailboxes[] = {
	"Dana Ruiz", "Moreau, Claire", "Kim Park", "J\xC3\xBCrgen Wei\xC3\x9F",
	"Ann Carter", "Weber, Tom", "Kramer, Ellen", "Ole H\xC3\xA5konsen",
	"Priya Natarajan", "Tom\xC3\xA1s O'Brien", "Helpdesk", "Reception"
};

static const char *const shared[] = {
	"Sales Team", "Support Shared", "Projects Archive", "Empfang",
	"Facilities Bookings"
};

static const char *const subjects[] = {
	"Budget review notes", "Weekly build status", "Q3 plan with slides",
	"RE: Invoice 4471", "FW: Offsite agenda", "Urlaubsplanung 2025",
	"R\xC3\xA9union lundi", "Signed contracts - batch 3",
	"Site photos (12 attachments)", "Meeting notes", "(no subject)",
	"Out of office: back Monday"
};

static const char *const servers[] = {
	"", "EXCH01", "mail.contoso.com", "exchange.fabrikam.local",
	("https://outlook.office365.com/mapi/emsmdb/?MailboxId="
	    "7f3a2c1e-4b5d-4e6f-8a9b-0c1d2e3f4a5b@contoso.com"),
	"3c1e9a7f-22b1-4c8e-9d0a-5b6e7f8a9c0d@fabrikam.com"
};

static const char *const builds[] = {
	"11.0.8313", "12.0.6778", "14.0.7268", "15.0.5553", "16.0.5435",
	"16.0.14326", "16.0.17928", "16.0.18025"
};

/* Codes no knowledge-base rule names; the first field may still be a known HRESULT. */
static const char *const unknown_codes[] = {
	"8004ABCD-3EE-0-1380", "80041234-501-0-0", "0-131",
	"8004DEAD-583-0-1900", "80040107-507-0-B20"
};

static const char *const down_counts[] = {
	" item(s) added to offline folder",
	" item(s) updated in offline folder",
	" item(s) deleted in offline folder",
	" item(s) changed read-state in offline folder"
};

static const char *const up_counts[] = {
	" item(s) added to online folder",
	" item(s) updated in online folder",
	" item(s) deleted in online folder",
	" item(s) changed read-state in online folder"
};

static const char T_FAILED[] = "The client operation failed.";
static const char T_OPFAILED[] = "The operation failed.";
static const char T_PERM[] = "You do not have sufficient permission to perform "
    "this operation on this object. See the folder contact or your system "
    "administrator.";
static const char T_NET[] = "Network problems are preventing connection to the "
    "Microsoft Exchange Server computer. Contact your system administrator if "
    "this condition persists.";
static const char T_LIMIT[] = "Your server administrator has limited the number "
    "of items you can open simultaneously. Try closing messages you have opened "
    "or removing attachments and images from unsent messages you are composing.";
static const char T_DISK[] = "There is insufficient disk space to complete "
    "operation.";
static const char T_PARAM[] = "One or more parameter values are not valid.";
static const char T_UNAVAIL[] = "The contents of this public folder are "
    "currently unavailable. Either the Microsoft Exchange Server computer "
    "servicing this public folder is down or the public folder has not been "
    "replicated to this site. See your administrator.";
static const char T_UNEXPECTED[] = "An unexpected error has occurred.";
static const char P_OLD[] = "Microsoft Exchange Server Information Store";
static const char P_NEW[] = "Microsoft Exchange Information Store";
static const char P_MAPI[] = "MAPI 1.0";

/* One step of splitmix64, used to turn any seed into a non-zero state. */
static uint64_t
splitmix(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ULL;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}

/* The next 64 random bits (xorshift64*). */
static uint64_t
rnd(struct gen *g)
{
	g->rng ^= g->rng >> 12;
	g->rng ^= g->rng << 25;
	g->rng ^= g->rng >> 27;
	return g->rng * 0x2545F4914F6CDD1DULL;
}

/* A uniform number in [0, n). */
static unsigned
below(struct gen *g, unsigned n)
{
	return (unsigned)(((rnd(g) >> 32) * n) >> 32);
}

/* True with a chance of pct in 100. */
static int
chance(struct gen *g, unsigned pct)
{
	return below(g, 100) < pct;
}

/* A random element of a string table. */
static const char *
pick(struct gen *g, const char *const *tab, size_t n)
{
	return tab[below(g, (unsigned)n)];
}

/* Write out the buffered bytes. */
static void
flush(struct out *o)
{
	if (o->len > 0 && fwrite(o->buf, 1, o->len, o->fp) != o->len)
		err(1, "%s", o->name);
	o->len = 0;
}

/* Append n bytes (n is always far below OUTBUF). */
static void
put(struct gen *g, const char *s, size_t n)
{
	struct out *o = g->out;

	if (o->len + n > OUTBUF)
		flush(o);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->written += n;
}

/* Append a NUL-terminated string. */
static void
put_str(struct gen *g, const char *s)
{
	put(g, s, strlen(s));
}

/* Append a decimal number. */
static void
put_uint(struct gen *g, unsigned v)
{
	char tmp[16];
	size_t i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	put(g, tmp + i, sizeof(tmp) - i);
}

/* Append a code, now and then in lower case as some copies have it. */
static void
put_code(struct gen *g, const char *code, int lower)
{
	char tmp[64];
	size_t i, n = strlen(code);

	if (!lower || n >= sizeof(tmp)) {
		put(g, code, n);
		return;
	}
	for (i = 0; i < n; i++)
		tmp[i] = (code[i] >= 'A' && code[i] <= 'F') ?
		    (char)(code[i] - 'A' + 'a') : code[i];
	put(g, tmp, n);
}

/* "Synchronizing" in the session's spelling; cap selects the capital S. */
static void
put_sync(struct gen *g, int cap)
{
	put(g, cap ? "Synchroni" : "synchroni", 9);
	put(g, g->british ? "sing" : "zing", 4);
}

/* A name in quotes, typographic ones in a few copies. */
static void
put_quoted(struct gen *g, const char *name)
{
	int typo = chance(g, 1);

	put(g, typo ? "\xE2\x80\x98" : "'", typo ? 3 : 1);
	put_str(g, name);
	put(g, typo ? "\xE2\x80\x99" : "'", typo ? 3 : 1);
}

/* Advance the clock by zero or more seconds and format it. */
static void
tick(struct gen *g)
{
	unsigned r = below(g, 100), h, m, s;
	char *p = g->tbuf;

	if (r < 30)
		g->secs += 1;
	else if (r < 33)
		g->secs += 2 + below(g, 120);
	g->secs %= 24 * 3600;
	h = g->secs / 3600;
	m = g->secs / 60 % 60;
	s = g->secs % 60;
	if (h >= 10)
		*p++ = (char)('0' + h / 10);
	*p++ = (char)('0' + h % 10);
	*p++ = ':';
	*p++ = (char)('0' + m / 10);
	*p++ = (char)('0' + m % 10);
	*p++ = ':';
	*p++ = (char)('0' + s / 10);
	*p++ = (char)('0' + s % 10);
	g->tlen = (size_t)(p - g->tbuf);
}

/* The quote prefix a line of the session starts with, if any. */
static void
prefix(struct gen *g)
{
	if (g->quote == QUOTE_ALL || (g->quote == QUOTE_FIRST && g->first))
		PUT(g, "> ");
	g->first = 0;
}

/* Start a timed line: prefix, time, and the separator of its indentation. */
static void
line_start(struct gen *g, enum indent ind)
{
	prefix(g);
	tick(g);
	put(g, g->tbuf, g->tlen);
	if (!g->modern || ind == IND_TOP) {
		PUT(g, " ");
		return;
	}
	if (ind == IND_COUNT) {
		if (g->glue && chance(g, 25))
			return;		/* "13:22:011 item(s) ..." */
		if (g->spaces)
			PUT(g, "      ");
		else
			PUT(g, " \t   ");
	} else {
		if (g->spaces)
			PUT(g, "        ");
		else
			PUT(g, " \t\t ");
	}
}

/* End a line and count it. */
static void
line_end(struct gen *g)
{
	if (g->flat)
		PUT(g, " ");
	else if (g->crlf)
		PUT(g, "\r\n");
	else
		PUT(g, "\n");
	g->lines++;
	if (g->in_error)
		g->errlines++;
	if (g->blank && !g->flat) {
		if (g->quote == QUOTE_ALL)
			PUT(g, ">");
		if (g->crlf)
			PUT(g, "\r\n");
		else
			PUT(g, "\n");
		g->lines++;
		if (g->in_error)
			g->errlines++;
	}
}

/* A whole timed line of fixed text. */
static void
say(struct gen *g, enum indent ind, const char *text)
{
	line_start(g, ind);
	put_str(g, text);
	line_end(g);
}

/*
 * A message text. Old clients' copies often wrap long messages at about WRAP
 * columns, the continuation lines carrying no time.
 */
static void
message(struct gen *g, const char *text)
{
	size_t n = strlen(text), cut;
	int first = 1;

	if (g->modern || g->flat || n <= WRAP || !chance(g, 50)) {
		say(g, IND_DETAIL, text);
		return;
	}
	while (n > 0) {
		cut = n;
		if (n > WRAP) {
			for (cut = WRAP; cut > 0 && text[cut] != ' '; cut--)
				continue;
			if (cut == 0)
				cut = WRAP;
		}
		if (first)
			line_start(g, IND_DETAIL);
		else
			prefix(g);
		put(g, text, cut);
		line_end(g);
		first = 0;
		while (cut < n && text[cut] == ' ')
			cut++;
		text += cut;
		n -= cut;
	}
}

/* "Synchronizing <what>" as a scope line. */
static void
scope(struct gen *g, const char *what)
{
	line_start(g, IND_TOP);
	put_sync(g, 1);
	PUT(g, " ");
	put_str(g, what);
	line_end(g);
}

/* A scope naming a folder: "Synchronizing <what> 'name'". */
static void
scope_folder(struct gen *g, const char *what, const char *name)
{
	line_start(g, IND_TOP);
	put_sync(g, 1);
	PUT(g, " ");
	put_str(g, what);
	PUT(g, " ");
	put_quoted(g, name);
	line_end(g);
}

/* "N <what>", indented as a count. */
static void
count(struct gen *g, unsigned n, const char *what)
{
	line_start(g, IND_COUNT);
	put_uint(g, n);
	put_str(g, what);
	line_end(g);
}

/* A few counts after a folder scope. */
static void
counts(struct gen *g, const char *const *tab, size_t ntab)
{
	unsigned i, n = below(g, 4);

	for (i = 0; i < n; i++) {
		unsigned v = chance(g, 80) ? 1 + below(g, 20) : 1 + below(g, 2000);

		count(g, v, tab[i % ntab]);
	}
}

/* True when an error block should come now to keep the share of error lines. */
static int
error_due(struct gen *g, unsigned pct)
{
	if (g->share <= 0)
		return 0;
	if ((double)g->errlines >= g->share * (double)g->lines)
		return 0;
	return chance(g, pct);
}

/* The bracketed code line of an error block. */
static void
code_line(struct gen *g, const char *code)
{
	line_start(g, IND_DETAIL);
	PUT(g, "[");
	put_code(g, code, chance(g, 3));
	PUT(g, "]");
	line_end(g);
}

/* The help link older clients add after an error. */
static void
help_link(struct gen *g, const char *code)
{
	say(g, IND_DETAIL, "For more information on this failure, click the URL "
	    "below:");
	line_start(g, IND_DETAIL);
	PUT(g, "http://www.microsoft.com/support/prodredirect/outlook2000_us.asp?err=");
	put_code(g, code, 1);
	line_end(g);
}

/* The provider line in the session's dialect. */
static void
provider(struct gen *g)
{
	say(g, IND_DETAIL, g->modern ? P_NEW : P_OLD);
}

/* "Error synchronizing folder". */
static void
head_folder(struct gen *g)
{
	line_start(g, IND_TOP);
	PUT(g, "Error ");
	put_sync(g, 0);
	PUT(g, " folder");
	line_end(g);
}

/* "Error synchronizing message 'subject'", the quotes missing in some copies. */
static void
head_message(struct gen *g, const char *subject)
{
	line_start(g, IND_TOP);
	PUT(g, "Error ");
	put_sync(g, 0);
	PUT(g, " message ");
	if (chance(g, 10))
		put_str(g, subject);
	else
		put_quoted(g, subject);
	line_end(g);
}

/* A folder error block: head, code, message, and optionally provider and link. */
static void
folder_error(struct gen *g, const char *code, const char *text,
    const char *prov)
{
	head_folder(g);
	code_line(g, code);
	message(g, text);
	if (prov != NULL)
		say(g, IND_DETAIL, prov);
	if (g->major >= 9 && g->major <= 10 && chance(g, 40))
		help_link(g, code);
}

/* Forms scope: org forms library missing, unreachable or without a replica. */
static void
err_forms(struct gen *g)
{
	if (g->modern && g->major >= 14 && chance(g, 50))
		folder_error(g, "80004005-501-4B9-560", T_FAILED, P_NEW);
	else if (!g->modern && chance(g, 30))
		folder_error(g, "80004005-507-0-522", T_UNAVAIL, NULL);
	else
		folder_error(g, "8004010F-501-0-521", T_FAILED,
		    g->modern ? P_NEW : P_OLD);
}

/* Views scope: a view or form the user may not read. */
static void
err_views(struct gen *g)
{
	line_start(g, IND_TOP);
	PUT(g, "Error ");
	put_sync(g, 0);
	PUT(g, " view/form");
	line_end(g);
	code_line(g, chance(g, 20) ? "80070005-508-00-322" : "80070005-508-0-322");
	message(g, T_PERM);
	provider(g);
}

/* Hierarchy of a shared mailbox with more folders than the server lets it open. */
static void
err_hierarchy(struct gen *g)
{
	line_start(g, IND_TOP);
	PUT(g, "Error ");
	put_sync(g, 1);
	PUT(g, " Hierarchy for Mailbox ");
	put_quoted(g, pick(g, shared, NELEM(shared)));
	line_end(g);
	code_line(g, "80040305-54A-4DE-0");
	message(g, T_LIMIT);
	say(g, IND_DETAIL, P_NEW);
}

/* A message the user may not change, then its folder with the same code. */
static void
err_message(struct gen *g)
{
	const char *code = "80070005-508-0-322";

	head_message(g, pick(g, subjects, NELEM(subjects)));
	code_line(g, code);
	message(g, T_PERM);
	provider(g);
	folder_error(g, code, T_PERM, g->modern ? P_NEW : P_OLD);
}

/* The network dropped during a download. */
static void
err_network(struct gen *g)
{
	if (chance(g, 50))
		folder_error(g, "80040115-501-0-0", T_FAILED, NULL);
	else
		folder_error(g, "80040115-501-0-0", T_NET, P_MAPI);
}

/* The disk holding the OST is full. */
static void
err_disk(struct gen *g)
{
	folder_error(g, "80030070-501-0-0", T_DISK, P_MAPI);
}

/* A code no rule knows. */
static void
err_unknown(struct gen *g)
{
	const char *code = pick(g, unknown_codes, NELEM(unknown_codes));
	const char *prov = chance(g, 50) ? NULL : (g->modern ? P_NEW : P_OLD);

	folder_error(g, code, T_OPFAILED, prov);
}

/* Local cache state damaged: E_UNEXPECTED, with an Additional Info block at times. */
static void
err_unexpected(struct gen *g)
{
	folder_error(g, "8000FFFF-3EE-8000FFFF-560", T_UNEXPECTED, P_NEW);
	if (chance(g, 50)) {
		say(g, IND_DETAIL, "Additional Info:");
		say(g, IND_DETAIL, "  ErrCtx: 0x09010801");
		say(g, IND_DETAIL, "  Hresult: 0x8000FFFF");
		say(g, IND_DETAIL, "  FnCall: 0x09010602");
	}
}

/* An upload the server rejected; the item goes to Local Failures. */
static void
err_upload(struct gen *g)
{
	head_message(g, pick(g, subjects, NELEM(subjects)));
	code_line(g, "80070057-501-80070057-322");
	message(g, T_PARAM);
	say(g, IND_DETAIL, P_NEW);
	say(g, IND_TOP, "Moved a message that failed synchronization to "
	    "'Local Failures'.");
}

/* Deletions that could not be uploaded. */
static void
err_deletions(struct gen *g)
{
	say(g, IND_TOP, "Synchronization of some deletions failed.");
	line_start(g, IND_TOP);
	PUT(g, "[0-130]");
	line_end(g);
}

/* A corrupt store: the whole run stops. */
static void
err_terminated(struct gen *g)
{
	const char *code = "80040600-501-80040600-560";

	head_folder(g);
	code_line(g, code);
	message(g, T_FAILED);
	provider(g);
	if (!g->modern || chance(g, 30))
		help_link(g, code);
	say(g, IND_TOP, "Terminated in error");
}

/* The offline address book trailer after Done: no download point found. */
static void
err_oab(struct gen *g)
{
	enum indent ind = chance(g, 50) ? IND_DETAIL : IND_TOP;

	say(g, IND_TOP, "Microsoft Exchange offline address book");
	say(g, ind, "Not downloading Offline address book files. A server (URL) "
	    "could not be located.");
	line_start(g, ind);
	put(g, chance(g, 80) ? "0X8004010F" : "0x8004010f", 10);
	line_end(g);
}

/*
 * An error block in a folder scope, picked among those that occur there.
 * Returns 1 when the block ended the session.
 */
static int
err_folder(struct gen *g, int upload, const char *name)
{
	unsigned r;
	int ret = 0;

	g->in_error = 1;
	if (upload) {
		r = below(g, 10);
		if (strcmp(name, "Deleted Items") == 0 || r < 4)
			err_deletions(g);
		else if (r < 7)
			err_upload(g);
		else if (r < 9)
			err_message(g);
		else
			err_network(g);
	} else {
		r = below(g, 12);
		if (r < 4)
			err_message(g);
		else if (r < 7)
			err_network(g);
		else if (r < 8)
			err_unknown(g);
		else if (r < 9)
			err_disk(g);
		else if (r < 11 && g->modern)
			err_unexpected(g);
		else if (r < 11)
			err_unknown(g);
		else {
			err_terminated(g);
			ret = 1;
		}
	}
	g->in_error = 0;
	return ret;
}

/* Pick the style of a new session and write nothing yet. */
static void
session_style(struct gen *g)
{
	unsigned r = below(g, 100);

	g->modern = r >= 30;
	if (g->modern)
		g->major = 0;	/* set from the build string */
	else
		g->major = 8 + (int)below(g, 3);
	g->british = chance(g, 8);
	r = below(g, 100);
	g->quote = r < 4 ? QUOTE_ALL : r < 6 ? QUOTE_FIRST : QUOTE_NONE;
	g->first = 1;
	g->spaces = g->modern && chance(g, 10);
	g->blank = chance(g, 2);
	g->flat = !g->blank && g->quote == QUOTE_NONE && chance(g, 1);
	g->glue = chance(g, 3);
	g->secs = below(g, 24 * 3600);
}

/* One synchronization run: from the first line to Done or Terminated in error. */
static void
session(struct gen *g, unsigned long long room)
{
	unsigned nfolders, i;
	const char *build;

	session_style(g);
	/* About 250 bytes of session frame and 120 per folder: end near the size. */
	nfolders = 2 + below(g, 12);
	if (room < 250 + 120 * (unsigned long long)nfolders)
		nfolders = room > 370 ? (unsigned)((room - 250) / 120) : 1;

	if (g->modern) {
		build = pick(g, builds, NELEM(builds));
		g->major = atoi(build);
		line_start(g, IND_TOP);
		put(g, "Synchroni", 9);
		put(g, g->british ? "ser" : "zer", 3);
		PUT(g, " Version ");
		put_str(g, build);
		line_end(g);
		line_start(g, IND_TOP);
		put_sync(g, 1);
		PUT(g, " Mailbox ");
		put_quoted(g, pick(g, mailboxes, NELEM(mailboxes)));
		line_end(g);
	}
	scope(g, "Hierarchy");
	if (chance(g, 40)) {
		unsigned n = 1 + below(g, 3);

		count(g, n, chance(g, 50) ? " folder(s) updated in offline store" :
		    " folder(s) added to offline store");
	}
	if (g->modern && error_due(g, 20)) {
		g->in_error = 1;
		err_hierarchy(g);
		g->in_error = 0;
	}
	if (!g->modern)
		scope(g, "Favorites");

	for (i = 0; i < nfolders; i++) {
		const char *name = pick(g, folders, NELEM(folders));
		int upload = g->modern && chance(g, 35);

		if (!g->modern) {
			scope_folder(g, "Folder", name);
			counts(g, down_counts, NELEM(down_counts));
		} else if (upload) {
			scope_folder(g, "local changes in folder", name);
			if (chance(g, 50)) {
				line_start(g, IND_TOP);
				PUT(g, "Uploading to server ");
				put_quoted(g, pick(g, servers, NELEM(servers)));
				line_end(g);
			}
			counts(g, up_counts, NELEM(up_counts));
		} else {
			scope_folder(g, "server changes in folder", name);
			if (chance(g, 40)) {
				line_start(g, IND_TOP);
				PUT(g, "Downloading from server ");
				put_quoted(g, pick(g, servers, NELEM(servers)));
				line_end(g);
			}
			counts(g, down_counts, NELEM(down_counts));
		}
		if (error_due(g, 30) && err_folder(g, upload, name))
			goto end;
	}

	if (!g->modern) {
		scope(g, "Views");
		if (chance(g, 30))
			count(g, 1 + below(g, 3),
			    " view(s)/form(s) added to offline folder");
		if (error_due(g, 40)) {
			g->in_error = 1;
			err_views(g);
			g->in_error = 0;
		}
	}
	scope(g, g->modern && g->major >= 14 ? "Forms" : "Organization Forms");
	if (error_due(g, 40)) {
		g->in_error = 1;
		err_forms(g);
		g->in_error = 0;
	}
	say(g, IND_TOP, "Done");
	if (g->modern && g->major >= 12 && error_due(g, 30)) {
		g->in_error = 1;
		err_oab(g);
		g->in_error = 0;
	}
end:
	if (g->flat) {
		g->flat = 0;
		if (g->crlf)
			PUT(g, "\r\n");
		else
			PUT(g, "\n");
	}
}

/*
 * Write sessions until the current file has about size bytes; a session never
 * fits in under 120 bytes, so less room than that ends the file.
 */
static void
fill(struct gen *g, unsigned long long size)
{
	struct out *o = g->out;

	while (o->written < size && (o->written == 0 || size - o->written >= 120))
		session(g, size - o->written);
	flush(g->out);
}

/* Parse a size with an optional k, M or G suffix; 0 on error. */
static unsigned long long
parse_size(const char *s)
{
	char *end;
	unsigned long long v, mul = 1;

	errno = 0;
	if (*s < '0' || *s > '9')
		return 0;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return 0;
	switch (*end) {
	case '\0':
		break;
	case 'k': case 'K':
		mul = 1ULL << 10;
		end++;
		break;
	case 'm': case 'M':
		mul = 1ULL << 20;
		end++;
		break;
	case 'g': case 'G':
		mul = 1ULL << 30;
		end++;
		break;
	default:
		return 0;
	}
	if (*end != '\0' || v > ULLONG_MAX / mul)
		return 0;
	return v * mul;
}

/* Print the usage and exit with status 2. */
static void
usage(void)
{
	fputs("usage: genlog [-s SEED] [-e ERROR_PERCENT] [--lf] SIZE\n"
	    "       genlog [-s SEED] [-e ERROR_PERCENT] [--lf] -n COUNT -d DIR SIZE\n",
	    stderr);
	exit(2);
}

/* Options, then one log to stdout or COUNT logs into DIR. */
int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lf", no_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 }
	};
	static struct out out;
	struct gen g;
	unsigned long long seed = 1, size, nfiles = 0, i;
	double pct = 2.0;
	const char *dir = NULL;
	char *end, path[PATH_MAX];
	int ch;

	memset(&g, 0, sizeof(g));
	g.crlf = 1;
	while ((ch = getopt_long(argc, argv, "d:e:n:s:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			dir = optarg;
			break;
		case 'e':
			errno = 0;
			pct = strtod(optarg, &end);
			if (errno != 0 || *end != '\0' || end == optarg ||
			    !(pct >= 0 && pct <= 100))
				errx(2, "-e %s: expected a percentage 0-100", optarg);
			break;
		case 'n':
			errno = 0;
			nfiles = strtoull(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || end == optarg ||
			    *optarg == '-' || nfiles == 0 || nfiles > 100000)
				errx(2, "-n %s: expected a count 1-100000", optarg);
			break;
		case 's':
			errno = 0;
			seed = strtoull(optarg, &end, 0);
			if (errno != 0 || *end != '\0' || end == optarg ||
			    *optarg == '-')
				errx(2, "-s %s: expected an unsigned number", optarg);
			break;
		case 'L':
			g.crlf = 0;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1 || (nfiles != 0) != (dir != NULL))
		usage();
	if ((size = parse_size(argv[0])) == 0)
		errx(2, "%s: expected a size such as 4096, 2k, 200M or 1G", argv[0]);

	g.rng = splitmix(seed);
	if (g.rng == 0)
		g.rng = 1;
	g.share = pct / 100.0;
	g.out = &out;

	if (dir == NULL) {
		out.fp = stdout;
		out.name = "stdout";
		fill(&g, size);
		if (fflush(stdout) != 0 || ferror(stdout))
			err(1, "stdout");
		return 0;
	}
	if (mkdir(dir, 0777) == -1 && errno != EEXIST)
		err(1, "%s", dir);
	for (i = 0; i < nfiles; i++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/log%05llu.log", dir,
		    i) >= sizeof(path))
			errx(1, "%s: path too long", dir);
		if ((out.fp = fopen(path, "w")) == NULL)
			err(1, "%s", path);
		out.name = path;
		out.written = 0;
		fill(&g, size);
		if (fclose(out.fp) != 0)
			err(1, "%s", path);
	}
	return 0;
}
