/*
 * main.c: the ostdiag command: options, subcommands, exit status. All the work
 * is done by libostdiag.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/ostdiag.h"
#include "util/platform.h"

enum exit_status {
	EXIT_CLEAN = 0,		/* no errors in the input */
	EXIT_FINDINGS = 1,	/* errors found */
	EXIT_TROUBLE = 2	/* usage, unreadable input, bad rules, write error */
};

static void
usage(FILE *out)
{
	fputs("usage: ostdiag [-lLnqRtv] [-f format] [-j jobs] [-r path] "
	    "[--color when] [--redact]\n"
	    "               [--input-format format] [--encoding encoding]\n"
	    "               [--min-level level] [--only id] [--exclude id] "
	    "[file ...]\n"
	    "       ostdiag rules [-f text|json] [-r path] [--check path]\n"
	    "       ostdiag explain [-f text|json] [-r path] code|id|name|text|- "
	    "...\n"
	    "       ostdiag -h | -V\n", out);
}

static void
help(void)
{
	usage(stdout);
	fputs("\n"
	    "Reads Outlook / Exchange offline-folder synchronization logs and explains\n"
	    "every error: where it happened, what its code means, the knowledge-base\n"
	    "diagnoses that fit, their fix steps, and the questions that decide between\n"
	    "diagnoses that fit equally well. With no file, or file '-', reads stdin.\n"
	    "An input with no entry only a synchronization log writes (a session, a\n"
	    "Synchronizing section, an error head or code, Done) and no finding holds\n"
	    "no log: named, it fails (exit 2); found by -R, it is skipped. Either way\n"
	    "it is listed with the reason, never reported as 0 errors.\n"
	    "\n"
	    "Each diagnosis says whether it was written for the client that wrote the\n"
	    "log (from its Synchronizer Version line, or the older folder lines):\n"
	    "fits, may fit (the log does not say), or written for another version,\n"
	    "which never outranks one that fits. Each says where it comes from (an\n"
	    "article, another public source, or field experience, ranked lower);\n"
	    "fix steps marked [practice] are advice beyond the source. A step that\n"
	    "can lose or change data comes after a CAUTION saying what is at stake,\n"
	    "and an offline folder file is only rebuilt after a step that saves what\n"
	    "only it holds.\n"
	    "\n"
	    "  -f, --format FORMAT  text (default), brief (a finding a line:\n"
	    "                       FILE:LINE: LEVEL: CODE NAME: TITLE [ID]), json\n"
	    "                       (one document), jsonl (one\n"
	    "                       object per line), checklist (Markdown for a\n"
	    "                       ticket: questions and fix steps as boxes to tick),\n"
	    "                       or html (one self-contained page with the session\n"
	    "                       timeline drawn)\n"
	    "  -n, --no-merge       report every occurrence of a repeated error; by\n"
	    "                       default it is reported once, with its count\n"
	    "  -q, --quiet          text: print only the summary line\n"
	    "  -v, --verbose        text: quote each error's log lines with their numbers\n"
	    "  -l, --files-with-findings\n"
	    "                       print only the names of inputs with findings\n"
	    "  -L, --files-without-findings\n"
	    "                       print only the names of inputs read with none\n"
	    "  -t, --timeline       list the sessions (start, end, folders, items,\n"
	    "                       errors, how each ended): text after the findings,\n"
	    "                       json and jsonl as session objects; html always\n"
	    "      --color WHEN     auto (default: on a terminal, unless NO_COLOR is\n"
	    "                       set and not empty or TERM is dumb), always, or\n"
	    "                       never\n"
	    "      --redact         replace mailbox, subject, folder, server and host\n"
	    "                       names, mail addresses and the inputs' paths by\n"
	    "                       stable placeholders (folder-1, file-1.msg, ...);\n"
	    "                       codes, times and structure stay\n"
	    "      --min-level L    report only findings of level L or above: info,\n"
	    "                       warning, error\n"
	    "      --only ID        report only findings diagnosed as ID (repeatable;\n"
	    "                       a comma-separated list is fine)\n"
	    "      --exclude ID     leave out findings diagnosed as ID (repeatable)\n"
	    "  -R, --recursive      read directories given as FILE, and the directories\n"
	    "                       in them; files there that hold no log are skipped\n"
	    "      --include GLOB   with -R, read only files whose name matches GLOB\n"
	    "                       (repeatable)\n"
	    "      --exclude-file GLOB  with -R, leave out files whose name matches\n"
	    "                       GLOB (repeatable)\n"
	    "  -j, --jobs N         threads to use, 1 to 256 (default: one per\n"
	    "                       processor): N inputs are read at a time, and a\n"
	    "                       long file is read ahead on a second thread; the\n"
	    "                       report is the same, in input order; 1 uses no\n"
	    "                       threads\n"
	    "      --input-format F auto (default: found from the content), text, msg\n"
	    "                       (Outlook), rtf, eml (MIME mail), html (a page, as\n"
	    "                       Outlook saves a message as HTML), mht (a web\n"
	    "                       archive), or pst (every log in an Outlook .pst\n"
	    "                       or .ost, read by name)\n"
	    "      --encoding E     of text: auto (default: from the bytes), utf-8,\n"
	    "                       utf-16le, utf-16be, windows-1252\n"
	    "  -r, --rules PATH     add rules from a .rule file or a directory of them;\n"
	    "                       a rule with the id of a built-in rule replaces it\n"
	    "  -h, --help           show this help\n"
	    "  -V, --version        show the version\n"
	    "\n"
	    "ostdiag rules lists the knowledge base (id, level, category, title,\n"
	    "products). ostdiag rules --check PATH loads the rule file or directory\n"
	    "PATH, reports every problem of every file as file:line, runs the example\n"
	    "log of each of PATH's rules (it must yield its own rule first; a failure\n"
	    "is told at its example's line) and counts PATH's rules. Exit 0 when all\n"
	    "pass, 1 when an example fails, 2 when a rule file is broken (a step that\n"
	    "can lose data without a caution breaks it too).\n"
	    "ostdiag explain ARG... explains each ARG: a code (8004010F,\n"
	    "0x8004010F, 8004010F-501-0-521) field by field with the rules that can\n"
	    "match it; a rule or article id (Q168734, KB2665915, or the bare number:\n"
	    "168734) in full, with the rules that cite it; an HRESULT name\n"
	    "(MAPI_E_NOT_FOUND); or text from a log (a pasted line, several lines in\n"
	    "one argument, or - for standard input), each code in it. A bare number\n"
	    "that can be an article or a code is taken as the article, with a note\n"
	    "saying how to ask for the code (0x00168734). -f json writes one object,\n"
	    "or, for several arguments or text from a log, an array of them.\n"
	    "Only -f text|json and -r go with rules and explain, --check with rules.\n"
	    "\n"
	    "Exit status: 0 no errors in the input, 1 errors found, 2 trouble (bad\n"
	    "usage, unreadable input, broken rules file, or output could not be written).\n"
	    "\n"
	    "Examples:\n"
	    "  ostdiag sync.log                    explain every error, for people\n"
	    "  ostdiag -f brief -R logs/           one line a finding, FILE:LINE:\n"
	    "  ostdiag -l -R tickets/              which logs have findings\n"
	    "  ostdiag -f json a.log | jq .summary  for scripts\n"
	    "  ostdiag -f html sync.log > r.html   one page for the ticket\n"
	    "  ostdiag explain 8004010F-501-0-521  what a code means\n"
	    "\n"
	    "The manual has the rest: man ostdiag.\n",
	    stdout);
}

/*
 * Print "ostdiag: BEFORE'VALUE'AFTER", the value from the command line with its
 * control characters shown escaped; returns EXIT_TROUBLE.
 */
static int
refuse(const char *before, const char *value, const char *after)
{
	char *shown = ostd_visible(value);

	fprintf(stderr, "ostdiag: %s'%s'%s\n", before, shown, after);
	free(shown);
	return EXIT_TROUBLE;
}

/*
 * A usage error: "ostdiag: COMMAND: BEFORE VALUE AFTER" (no "COMMAND: " when
 * it is NULL, no value when it is NULL), the value from the command line with
 * its control characters shown escaped, then where help is. Returns
 * EXIT_TROUBLE.
 */
static int
usage_error(const char *command, const char *before, const char *value,
    const char *after)
{
	char *shown = value != NULL ? ostd_visible(value) : NULL;

	fprintf(stderr, "ostdiag: %s%s%s%s%s\n", command ? command : "",
	    command ? ": " : "", before, shown ? shown : "", after);
	fputs("Try 'ostdiag --help' for more information.\n", stderr);
	free(shown);
	return EXIT_TROUBLE;
}

/*
 * Load the built-in rules and every --rules path, printing every problem of
 * every file, one a line; *broken gets the number of files (or paths) that
 * could not be loaded.
 */
static struct ostd_ruleset *
load_rules(const char *const *paths, int n, int *broken)
{
	struct ostd_ruleset *rs = ostd_ruleset_new();

	*broken = 0;
	ostd_ruleset_load_builtin(rs);
	for (int i = 0; i < n; i++) {
		char *err = NULL, *line, *save;
		int rc = ostd_ruleset_load_path(rs, paths[i], &err);

		if (rc == 0)
			continue;
		*broken += rc < 0 ? 1 : rc;
		for (line = strtok_r(err, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save))
			fprintf(stderr, "ostdiag: %s\n", line);
		free(err);
	}
	return rs;
}

/* Was rule r read from path, a rule file or a directory of them? */
static bool
read_from(const struct ostd_rule *r, const char *path)
{
	size_t len = strlen(path);

	return !r->builtin && (strcmp(r->source, path) == 0 ||
	    (strncmp(r->source, path, len) == 0 &&
	    platform_is_separator(r->source[len])));
}

/*
 * ostdiag rules --check PATH: run the example of every rule read from path,
 * and look up every id it cites; print failures, each at its file and line,
 * then the count. broken files of path were not loaded.
 */
static int
check_rules(const struct ostd_ruleset *rs, const char *path, int broken)
{
	size_t n = ostd_ruleset_count(rs), checked = 0;
	int failed = 0;

	for (size_t i = 0; i < n; i++) {
		const struct ostd_rule *r = ostd_ruleset_get(rs, i);
		char *why = NULL, *source;
		bool ok;

		if (!read_from(r, path))
			continue;
		checked++;
		ok = true;
		/* The see: line comes before the example in a rule file. */
		for (size_t k = 0; k < r->nsee; k++) {
			if (ostd_ruleset_find(rs, r->see[k]) != NULL)
				continue;
			source = ostd_visible(r->source);
			fprintf(stderr, "ostdiag: %s:%lu: rule %s cites %s, "
			    "which is neither a rule nor a reference entry\n",
			    source, r->see_line ? r->see_line : r->source_line,
			    r->id, r->see[k]);
			free(source);
			ok = false;
		}
		if (ostd_rule_selftest(rs, r, &why) != 0) {
			fprintf(stderr, "ostdiag: %s\n", why);
			ok = false;
		}
		free(why);
		failed += !ok;
	}
	printf("%zu %s checked, %d failed", checked, checked == 1 ? "rule" :
	    "rules", failed);
	if (broken > 0)
		printf(", %d %s broken", broken, broken == 1 ? "file" : "files");
	putchar('\n');
	return broken > 0 ? EXIT_TROUBLE : failed > 0 ? EXIT_FINDINGS :
	    EXIT_CLEAN;
}

/* ostdiag explain ARG...: each argument explained; 2 when one names nothing. */
static int
explain(const struct ostd_ruleset *rs, int argc, char *argv[],
    const struct ostd_explain_options *opts)
{
	struct ostd_source in;

	if (argc == 0)
		return usage_error("explain", "nothing to explain: give a code, a "
		    "rule or article id, an HRESULT name, or text from a log",
		    NULL, "");
	ostd_source_fd(&in, platform_stdin());
	return ostd_explain(stdout, stderr, &in, rs, argv, (size_t)argc,
	    opts) > 0 ? EXIT_TROUBLE : EXIT_CLEAN;
}

static int
finish_output(int status)
{
	int error;

	if (ferror(stdout) || fclose(stdout) != 0) {
		error = errno != 0 ? errno : EIO;
		/* A reader that went away: the run ends quietly. */
		if (!platform_broken_pipe(error))
			fprintf(stderr, "ostdiag: write error on standard "
			    "output: %s\n", strerror(error));
		return EXIT_TROUBLE;
	}
	return status;
}

/* What the command line asked for. */
struct options {
	int format;
	bool merge;
	const char *rules_path[16];
	int nrules;
	const char *check_path;
	struct ostd_report_options report;
	const char *color;		/* auto, always, never */
	bool redact;
	bool recursive;
	int jobs;			/* threads reading inputs; 0: one per processor */
	int input_format;		/* enum ostd_input_format */
	int encoding;			/* enum ostd_encoding */
	enum ostd_level min_level;
	const char *only[64], *exclude[64];
	size_t nonly, nexclude;
	bool format_given;		/* -f was given */
	int files_list;			/* -l, -L: enum ostd_format; 0: none */
	const char *include_files[64], *exclude_files[64];	/* globs, -R */
	size_t ninclude_files, nexclude_files;
};

/* Add a glob to globs; false when there are too many. */
static bool
add_glob(const char **globs, size_t *n, size_t max, const char *glob)
{
	if (*n == max)
		return false;
	globs[(*n)++] = glob;
	return true;
}

/* Add each id of a comma-separated list to ids; false when there are too many. */
static bool
add_ids(const char **ids, size_t *n, size_t max, char *list)
{
	char *save;

	for (char *id = strtok_r(list, ",", &save); id != NULL;
	    id = strtok_r(NULL, ",", &save)) {
		if (*n == max)
			return false;
		ids[(*n)++] = id;
	}
	return true;
}

static int
parse_level(const char *s)
{
	if (strcmp(s, "info") == 0)
		return OSTD_LEVEL_INFO;
	if (strcmp(s, "warning") == 0)
		return OSTD_LEVEL_WARNING;
	if (strcmp(s, "error") == 0)
		return OSTD_LEVEL_ERROR;
	return -1;
}

/*
 * Does standard output take colour by default? A terminal does, unless
 * NO_COLOR is set to something (no-color.org: an empty value does not count)
 * or TERM says it cannot show any.
 */
static bool
color_terminal(void)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");

	return platform_terminal_colour(fileno(stdout)) &&
	    (no_color == NULL || *no_color == '\0') &&
	    (term == NULL || strcmp(term, "dumb") != 0);
}

/*
 * Options that shape one format only, given with another: a usage error
 * rather than silently ignored. Returns -1 when all agree, else the exit
 * status.
 */
static int
check_format_options(const struct options *o)
{
	const char *clash = NULL;

	if (o->files_list != 0 && o->format_given)
		clash = o->files_list == OSTD_FORMAT_FILES_WITH ?
		    "-l does not go with --format" :
		    "-L does not go with --format";
	else if (o->report.quiet && o->format != OSTD_FORMAT_TEXT)
		clash = "-q applies to the text format only";
	else if (o->report.verbose && o->format != OSTD_FORMAT_TEXT)
		clash = "-v applies to the text format only";
	else if (o->report.timeline && o->format == OSTD_FORMAT_BRIEF)
		clash = "-t does not apply to the brief format";
	if (clash == NULL)
		return -1;
	fprintf(stderr, "ostdiag: %s\nTry 'ostdiag --help' for more "
	    "information.\n", clash);
	return EXIT_TROUBLE;
}

#define JOBS_MAX 256
#define TEXT_OF(n) DIGITS_OF(n)	/* a number macro as a string literal */
#define DIGITS_OF(n) #n
#define COLUMNS_MIN 40
#define COLUMNS_MAX 65535	/* what a terminal can report (ws_col) */

/*
 * The decimal number s, from min to max (min >= 0): digits only, with no sign,
 * space or suffix. -1 when s is anything else, or out of range.
 */
static long
parse_number(const char *s, long min, long max)
{
	long n = 0;

	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || n > (max - (*s - '0')) / 10)
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n >= min ? n : -1;
}

/* Processors online, for the default number of jobs (1 to JOBS_MAX). */
static int
processors(void)
{
	int n = platform_processors();

	return n > JOBS_MAX ? JOBS_MAX : n;
}

/*
 * Columns of the terminal on stdout: COLUMNS when it is a number from
 * COLUMNS_MIN to COLUMNS_MAX (anything else in it is passed over), else the
 * terminal's own width, else 80.
 */
static int
terminal_width(void)
{
	const char *cols = getenv("COLUMNS");
	long n;

	if (cols != NULL &&
	    (n = parse_number(cols, COLUMNS_MIN, COLUMNS_MAX)) >= 0)
		return (int)n;
	if ((n = platform_terminal_columns(fileno(stdout))) >= COLUMNS_MIN &&
	    n <= COLUMNS_MAX)
		return (int)n;
	return 80;
}

/*
 * Tell what was wrong with the option getopt_long stopped at (ch: '?', or ':'
 * for a missing argument), named as it was typed, and where help is. Returns
 * EXIT_TROUBLE.
 */
static int
bad_option(char *const argv[], const struct option *longopts, int ch)
{
	const char *arg = argv[optind - 1];
	char name[64], matches[256] = "";
	size_t n = 0, nmatch = 0;
	bool typed_long = false, takes_none = false;

	/* A long option ("--name" or "--name=value") unless it was a short one. */
	if (strncmp(arg, "--", 2) == 0 && arg[2] != '\0') {
		n = strcspn(arg + 2, "=");
		typed_long = optopt == 0;
		for (const struct option *lo = longopts; lo->name != NULL; lo++) {
			if (strncmp(lo->name, arg + 2, n) != 0)
				continue;
			typed_long |= lo->val == optopt;
			takes_none |= lo->val == optopt &&
			    lo->has_arg == no_argument;
			if (optopt == 0 && strlen(matches) + strlen(lo->name) + 6 <
			    sizeof(matches))
				snprintf(matches + strlen(matches), sizeof(matches) -
				    strlen(matches), "%s--%s", nmatch++ ? ", " : "",
				    lo->name);
		}
	}
	if (typed_long)
		snprintf(name, sizeof(name), "%.*s", (int)(n + 2 < 60 ? n + 2 : 60),
		    arg);
	else
		snprintf(name, sizeof(name), "-%c", optopt);
	/*
	 * A BSD getopt_long (mingw-w64's) says ':' too of a value given to an
	 * option that takes none.
	 */
	if (ch == ':' && !(typed_long && takes_none && arg[2 + n] == '='))
		return usage_error(NULL, "option '", name, "' requires an "
		    "argument");
	if (typed_long && optopt != 0)
		return usage_error(NULL, "option '", name, "' takes no argument");
	if (nmatch > 1) {
		char after[sizeof(matches) + 32];

		snprintf(after, sizeof(after), "' is ambiguous (can be %s)",
		    matches);
		return usage_error(NULL, "option '", name, after);
	}
	return usage_error(NULL, "unknown option '", name, "'");
}

/*
 * Does option ch (longopts[longindex] when that is not -1) go with command
 * (rules, explain, or NULL: the analysis)? check is --check's value. Returns
 * -1 when it does, else says it does not and returns EXIT_TROUBLE.
 */
static int
option_applies(const char *command, const struct option *longopts,
    int longindex, int ch, int check)
{
	char typed[64];

	if (command == NULL ? ch != check : ch == 'f' || ch == 'r' ||
	    ch == 'h' || ch == 'V' || (ch == check &&
	    strcmp(command, "rules") == 0))
		return -1;
	if (longindex >= 0)
		snprintf(typed, sizeof(typed), "--%s", longopts[longindex].name);
	else
		snprintf(typed, sizeof(typed), "-%c", ch);
	if (command == NULL)
		return usage_error(NULL, typed, NULL, " goes with 'ostdiag "
		    "rules'");
	return usage_error(command, typed, NULL, " does not apply here");
}

/* Returns -1 when the options are fine, else the exit status to end with. */
static int
parse_options(int *argcp, char ***argvp, const char *command,
    struct options *o)
{
	enum { OPT_COLOR = 256, OPT_MIN_LEVEL, OPT_ONLY, OPT_EXCLUDE, OPT_CHECK,
		OPT_REDACT, OPT_ENCODING, OPT_INPUT_FORMAT, OPT_INCLUDE,
		OPT_EXCLUDE_FILE };
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "rules", required_argument, NULL, 'r' },
		{ "no-merge", no_argument, NULL, 'n' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "timeline", no_argument, NULL, 't' },
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "min-level", required_argument, NULL, OPT_MIN_LEVEL },
		{ "only", required_argument, NULL, OPT_ONLY },
		{ "exclude", required_argument, NULL, OPT_EXCLUDE },
		{ "check", required_argument, NULL, OPT_CHECK },
		{ "redact", no_argument, NULL, OPT_REDACT },
		{ "recursive", no_argument, NULL, 'R' },
		{ "files-with-findings", no_argument, NULL, 'l' },
		{ "files-without-findings", no_argument, NULL, 'L' },
		{ "include", required_argument, NULL, OPT_INCLUDE },
		{ "exclude-file", required_argument, NULL, OPT_EXCLUDE_FILE },
		{ "jobs", required_argument, NULL, 'j' },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ "input-format", required_argument, NULL, OPT_INPUT_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int ch, level, longindex = -1, status;
	long n;

	/* Messages of getopt's own would not name ostdiag: these do. */
	opterr = 0;
	while ((ch = getopt_long(*argcp, *argvp, ":f:j:r:lLnqRvthV", longopts,
	    &longindex)) != -1) {
		if (ch == '?' || ch == ':')
			return bad_option(*argvp, longopts, ch);
		if ((status = option_applies(command, longopts, longindex, ch,
		    OPT_CHECK)) >= 0)
			return status;
		switch (ch) {
		case 'f':
			if ((o->format = ostd_format_from_name(optarg)) < 0)
				return refuse("unknown format ", optarg, " (want "
				    "text, brief, json, jsonl, checklist or html)");
			if (command != NULL && o->format != OSTD_FORMAT_TEXT &&
			    o->format != OSTD_FORMAT_JSON)
				return usage_error(command, longindex >= 0 ?
				    "--format " : "-f ", optarg, " does not "
				    "apply here (text or json)");
			o->format_given = true;
			break;
		case 'l':
		case 'L':
			o->files_list = ch == 'l' ? OSTD_FORMAT_FILES_WITH :
			    OSTD_FORMAT_FILES_WITHOUT;
			break;
		case OPT_CHECK:
			if (o->check_path != NULL)
				return usage_error(command, "--check is given "
				    "once (a directory holds many rule files)",
				    NULL, "");
			o->check_path = optarg;
			/* FALLTHROUGH */
		case 'r':
			if (o->nrules == (int)(sizeof(o->rules_path) /
			    sizeof(o->rules_path[0]))) {
				fprintf(stderr, "ostdiag: too many --rules\n");
				return EXIT_TROUBLE;
			}
			o->rules_path[o->nrules++] = optarg;
			break;
		case 'n':
			o->merge = false;
			break;
		case OPT_REDACT:
			o->redact = true;
			break;
		case 'R':
			o->recursive = true;
			break;
		case OPT_INCLUDE:
		case OPT_EXCLUDE_FILE:
			if (!(ch == OPT_INCLUDE ? add_glob(o->include_files,
			    &o->ninclude_files, 64, optarg) :
			    add_glob(o->exclude_files, &o->nexclude_files, 64,
			    optarg))) {
				fprintf(stderr, "ostdiag: too many file patterns\n");
				return EXIT_TROUBLE;
			}
			break;
		case 'j':
			if ((n = parse_number(optarg, 1, JOBS_MAX)) < 0)
				return refuse("--jobs takes a number from 1 to "
				    TEXT_OF(JOBS_MAX) ", not ", optarg, "");
			o->jobs = (int)n;
			break;
		case OPT_ENCODING:
			if ((o->encoding = ostd_encoding_from_name(optarg)) < 0)
				return refuse("unknown encoding ", optarg, " (want "
				    "utf-8, utf-16le, utf-16be or windows-1252)");
			break;
		case OPT_INPUT_FORMAT:
			if ((o->input_format = ostd_input_format_from_name(
			    optarg)) < 0)
				return refuse("unknown input format ", optarg,
				    " (want auto, text, msg, rtf, eml, html, mht "
				    "or pst)");
			break;
		case 'q':
			o->report.quiet = true;
			break;
		case 'v':
			o->report.verbose = true;
			break;
		case 't':
			o->report.timeline = true;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") != 0 &&
			    strcmp(optarg, "always") != 0 &&
			    strcmp(optarg, "never") != 0) {
				fprintf(stderr, "ostdiag: --color takes auto, "
				    "always or never\n");
				return EXIT_TROUBLE;
			}
			o->color = optarg;
			break;
		case OPT_MIN_LEVEL:
			if ((level = parse_level(optarg)) < 0) {
				fprintf(stderr, "ostdiag: --min-level takes info, "
				    "warning or error\n");
				return EXIT_TROUBLE;
			}
			o->min_level = (enum ostd_level)level;
			break;
		case OPT_ONLY:
		case OPT_EXCLUDE:
			if (!(ch == OPT_ONLY ? add_ids(o->only, &o->nonly, 64,
			    optarg) : add_ids(o->exclude, &o->nexclude, 64,
			    optarg))) {
				fprintf(stderr, "ostdiag: too many ids\n");
				return EXIT_TROUBLE;
			}
			break;
		case 'h':
			help();
			return finish_output(EXIT_CLEAN);
		case 'V':
			printf("ostdiag %s\n", OSTDIAG_VERSION);
			return finish_output(EXIT_CLEAN);
		default:
			usage(stderr);
			return EXIT_TROUBLE;
		}
		longindex = -1;
	}
	if (o->check_path != NULL && o->format != OSTD_FORMAT_TEXT)
		return usage_error(command, "--check writes text: --format json "
		    "does not apply with it", NULL, "");
	*argcp -= optind;
	*argvp += optind;
	if ((status = check_format_options(o)) >= 0)
		return status;
	if (o->jobs == 0)
		o->jobs = processors();
	o->report.width = terminal_width();
	o->report.color = strcmp(o->color, "always") == 0 ||
	    (strcmp(o->color, "auto") == 0 && color_terminal());
	return -1;
}

/* Set an analyzer up as the options say (redaction and filters apart). */
static void
configure(struct ostd_analyzer *a, void *ctx)
{
	const struct options *o = ctx;

	ostd_analyzer_set_merge(a, o->merge);
	ostd_analyzer_set_input(a, o->input_format, o->encoding);
}

/*
 * Is every id of option (--only, --exclude) a rule's or an article's? One
 * that is not is refused with the nearest names: a filter that matches
 * nothing would leave every finding out, or none.
 */
static bool
known_ids(const struct ostd_ruleset *rs, const char *option,
    const char *const *ids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *near[3];
		size_t nnear;
		char *id;

		if (ostd_ruleset_knows(rs, ids[i]))
			continue;
		id = ostd_visible(ids[i]);
		fprintf(stderr, "ostdiag: %s %s: no rule or article has this id",
		    option, id);
		free(id);
		nnear = ostd_ruleset_nearest(rs, ids[i], near, 3);
		for (size_t k = 0; k < nnear; k++)
			fprintf(stderr, "%s%s", k == 0 ? " (nearest: " : ", ",
			    near[k]);
		fputs(nnear > 0 ? "; 'ostdiag rules' lists them all)\n" :
		    " ('ostdiag rules' lists them all)\n", stderr);
		return false;
	}
	return true;
}

/* ostdiag [options] [file ...] */
static int
analyze(const struct ostd_ruleset *rs, struct options *o, int argc,
    char *argv[])
{
	struct ostd_batch batch = { o->recursive, o->jobs, o->include_files,
		o->ninclude_files, o->exclude_files, o->nexclude_files,
		configure, o };
	struct ostd_report *rep;
	struct ostd_analyzer *a;
	const struct ostd_summary *sum;
	int trouble, status;

	/* Nothing named and nothing piped in: say how to use it, not wait. */
	if (argc == 0 && platform_is_terminal(fileno(stdin))) {
		usage(stderr);
		fputs("ostdiag: no input: name a log file, or pipe one in "
		    "('ostdiag -h' for help)\n", stderr);
		return EXIT_TROUBLE;
	}
	rep = ostd_report_new((enum ostd_format)(o->files_list != 0 ?
	    o->files_list : o->format), stdout, stderr);
	ostd_report_set_options(rep, &o->report);
	a = ostd_analyzer_new(rs, rep);
	configure(a, o);
	ostd_analyzer_set_read_ahead(a, o->jobs > 1);
	ostd_analyzer_set_redact(a, o->redact);
	ostd_analyzer_set_filter(a, o->min_level, o->only, o->nonly, o->exclude,
	    o->nexclude);
	ostd_report_begin(rep);
	trouble = ostd_analyze_batch(a, &batch, argv, argc) != 0;
	sum = ostd_analyzer_summary(a);
	ostd_report_end(rep, sum);
	if (ostd_report_spool_error(rep) != 0) {
		fprintf(stderr, "ostdiag: cannot keep the report's lists in a "
		    "temporary file in %s: %s\n", ostd_report_spool_dir(),
		    strerror(ostd_report_spool_error(rep)));
		trouble = 1;
	}
	/*
	 * Errors that filters left out of the report are errors all the same;
	 * findings of level info alone (a Sync Monitor item) are none.
	 */
	status = finish_output(trouble ? EXIT_TROUBLE :
	    sum->errors > 0 || sum->findings > sum->info ? EXIT_FINDINGS :
	    EXIT_CLEAN);
	ostd_analyzer_free(&a);
	ostd_report_free(&rep);
	return status;
}

int
main(int argc, char *argv[])
{
	struct options o;
	struct ostd_ruleset *rs;
	struct ostd_explain_options eo;
	const char *command = NULL;
	int status, broken;

	platform_start();
	memset(&o, 0, sizeof(o));
	o.format = OSTD_FORMAT_TEXT;
	o.jobs = 0;
	o.merge = true;
	o.color = "auto";
	if (argc > 1 && (strcmp(argv[1], "rules") == 0 ||
	    strcmp(argv[1], "explain") == 0)) {
		command = argv[1];
		argc--;
		argv++;
	}
	if ((status = parse_options(&argc, &argv, command, &o)) >= 0)
		return status;

	/*
	 * Every rule is loaded and checked before any input is read; a broken
	 * rule file stops all but rules --check, which goes on to the examples.
	 */
	rs = load_rules(o.rules_path, o.nrules, &broken);
	if (broken > 0 && o.check_path == NULL) {
		ostd_ruleset_free(&rs);
		return EXIT_TROUBLE;
	}
	if (!known_ids(rs, "--only", o.only, o.nonly) ||
	    !known_ids(rs, "--exclude", o.exclude, o.nexclude)) {
		ostd_ruleset_free(&rs);
		return EXIT_TROUBLE;
	}
	eo.json = o.format == OSTD_FORMAT_JSON;
	eo.width = o.report.width;
	if (command == NULL) {
		status = analyze(rs, &o, argc, argv);
	} else if (strcmp(command, "explain") == 0) {
		status = finish_output(explain(rs, argc, argv, &eo));
	} else if (argc > 0) {
		status = usage_error("rules", "unexpected argument '", argv[0],
		    "'");
	} else if (o.check_path != NULL) {
		status = finish_output(check_rules(rs, o.check_path, broken));
	} else {
		ostd_explain_list(stdout, rs, &eo);
		status = finish_output(EXIT_CLEAN);
	}
	ostd_ruleset_free(&rs);
	return status;
}
