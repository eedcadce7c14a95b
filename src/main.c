/*
 * main.c: the ostdiag command: options, inputs, exit status. All the work is
 * done by libostdiag.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ostdiag/ostdiag.h"

enum exit_status {
	EXIT_CLEAN = 0,		/* no errors in the input */
	EXIT_FINDINGS = 1,	/* errors found */
	EXIT_TROUBLE = 2	/* usage, unreadable input, bad rules, write error */
};

static void
usage(FILE *out)
{
	fputs("usage: ostdiag [--format text|json|checklist] [--no-merge] "
	    "[--rules PATH] [FILE ...]\n"
	    "       ostdiag rules [--format text|json] [--rules PATH] [--check PATH]\n"
	    "       ostdiag explain [--rules PATH] CODE|ID\n"
	    "       ostdiag --help | --version\n", out);
}

static void
help(void)
{
	usage(stdout);
	fputs("\n"
	    "Reads Outlook / Exchange offline-folder synchronization logs and explains\n"
	    "every error: where it happened, what its code means, the knowledge-base\n"
	    "diagnoses that fit, their fix steps, and the questions that decide between\n"
	    "diagnoses that fit equally well. With no FILE, or FILE '-', reads stdin.\n"
	    "\n"
	    "  -f, --format FORMAT  text (default), json, or checklist (Markdown for a\n"
	    "                       ticket: questions and fix steps as boxes to tick)\n"
	    "  -n, --no-merge       report every occurrence of a repeated error; by\n"
	    "                       default it is reported once, with its count\n"
	    "  -r, --rules PATH     add rules from a .rule file or a directory of them;\n"
	    "                       a rule with the id of a built-in rule replaces it\n"
	    "  -h, --help           show this help\n"
	    "  -V, --version        show the version\n"
	    "\n"
	    "ostdiag rules lists the knowledge base (id, level, category, title).\n"
	    "ostdiag rules --check PATH loads the rule file or directory PATH, reports\n"
	    "each problem as file:line, and runs every rule's example log: each must\n"
	    "yield its own rule first. Exit 0 when all pass, 1 when an example fails,\n"
	    "2 when a rule file is broken.\n"
	    "ostdiag explain CODE decodes a code field by field and lists the rules\n"
	    "that can match it; ostdiag explain ID (Q168734) prints that diagnosis.\n"
	    "\n"
	    "Exit status: 0 no errors in the input, 1 errors found, 2 trouble (bad\n"
	    "usage, unreadable input, broken rules file, or output could not be written).\n",
	    stdout);
}

/* Open and analyze one input; returns 0, or -1 when it could not be read. */
static int
analyze_path(struct ostd_analyzer *a, struct ostd_report *rep, const char *path)
{
	struct stat sb;
	FILE *fp;
	int rc;

	if (strcmp(path, "-") == 0)
		return ostd_analyze_stream(a, stdin, "-") == -1 ? -1 : 0;
	if ((fp = fopen(path, "rb")) == NULL) {
		ostd_report_note(rep, path, 0, strerror(errno));
		return -1;
	}
	if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		ostd_report_note(rep, path, 0, "is a directory");
		fclose(fp);
		return -1;
	}
	rc = ostd_analyze_stream(a, fp, path);
	fclose(fp);
	return rc == -1 ? -1 : 0;
}

static void
json_print_string(const char *s)
{
	ostd_json_string(stdout, s, strlen(s));
}

/* Load the built-in rules and every --rules path; NULL (reported) on error. */
static struct ostd_ruleset *
load_rules(const char *const *paths, int n)
{
	struct ostd_ruleset *rs = ostd_ruleset_new();

	ostd_ruleset_load_builtin(rs);
	for (int i = 0; i < n; i++) {
		char *err = NULL;

		if (ostd_ruleset_load_path(rs, paths[i], &err) != 0) {
			fprintf(stderr, "ostdiag: %s\n", err);
			free(err);
			ostd_ruleset_free(&rs);
			return NULL;
		}
	}
	return rs;
}

static void
list_rules(const struct ostd_ruleset *rs, int format)
{
	size_t n = ostd_ruleset_count(rs);

	if (format == OSTD_FORMAT_JSON)
		fputs("{\"rules\":[", stdout);
	for (size_t i = 0; i < n; i++) {
		const struct ostd_rule *r = ostd_ruleset_get(rs, i);

		if (format == OSTD_FORMAT_JSON) {
			printf("%s{\"id\":", i ? "," : "");
			json_print_string(r->id);
			fputs(",\"title\":", stdout);
			json_print_string(r->title);
			fputs(",\"products\":", stdout);
			json_print_string(r->products);
			printf(",\"level\":\"%s\",\"category\":",
			    ostd_level_name(r->level));
			json_print_string(r->category);
			printf(",\"reference\":%s}",
			    ostd_rule_is_reference(r) ? "true" : "false");
		} else {
			printf("%-24s %-7s %-21s %s\n%24s products: %s\n",
			    r->id, ostd_level_name(r->level), r->category,
			    r->title, "", r->products);
		}
	}
	if (format == OSTD_FORMAT_JSON)
		fputs("]}\n", stdout);
}

/* Run every rule's example; print failures. Returns the number that failed. */
static int
check_rules(const struct ostd_ruleset *rs)
{
	int failed = 0;
	size_t n = ostd_ruleset_count(rs);

	for (size_t i = 0; i < n; i++) {
		char *why = NULL;

		if (ostd_rule_selftest(rs, ostd_ruleset_get(rs, i), &why) != 0) {
			fprintf(stderr, "ostdiag: %s\n", why);
			failed++;
		}
		free(why);
	}
	return failed;
}

/* ostdiag explain CODE|ID */
static int
explain(const struct ostd_ruleset *rs, int argc, char *argv[])
{
	const struct ostd_rule *r;
	struct ostd_code code;

	if (argc != 1) {
		usage(stderr);
		return EXIT_TROUBLE;
	}
	if ((r = ostd_ruleset_find(rs, argv[0])) != NULL) {
		ostd_explain_rule(stdout, r);
		return EXIT_CLEAN;
	}
	if (ostd_explain_parse_code(argv[0], &code) == 0) {
		ostd_explain_code(stdout, rs, &code);
		return EXIT_CLEAN;
	}
	fprintf(stderr, "ostdiag: explain: '%s' is neither a code nor a rule id "
	    "(see 'ostdiag rules')\n", argv[0]);
	return EXIT_TROUBLE;
}

static int
finish_output(int status)
{
	if (ferror(stdout) || fclose(stdout) != 0) {
		fprintf(stderr, "ostdiag: write error on standard output: %s\n",
		    strerror(errno ? errno : EIO));
		return EXIT_TROUBLE;
	}
	return status;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "rules", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "check", required_argument, NULL, 'c' },
		{ "no-merge", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct ostd_ruleset *rs;
	struct ostd_report *rep;
	struct ostd_analyzer *a;
	const struct ostd_summary *sum;
	const char *rules_path[16];
	int nrules = 0, format = OSTD_FORMAT_TEXT, ch, trouble = 0;
	bool rules_cmd = false, checking = false, explain_cmd = false;
	bool merge = true;

	if (argc > 1 && strcmp(argv[1], "rules") == 0) {
		rules_cmd = true;
		argc--;
		argv++;
	} else if (argc > 1 && strcmp(argv[1], "explain") == 0) {
		explain_cmd = true;
		argc--;
		argv++;
	}
	while ((ch = getopt_long(argc, argv, "f:r:nhV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if ((format = ostd_format_from_name(optarg)) < 0) {
				fprintf(stderr, "ostdiag: unknown format '%s' "
				    "(want text, json or checklist)\n", optarg);
				return EXIT_TROUBLE;
			}
			break;
		case 'c':
			if (!rules_cmd) {
				fprintf(stderr, "ostdiag: --check goes with "
				    "'ostdiag rules'\n");
				return EXIT_TROUBLE;
			}
			checking = true;
			/* FALLTHROUGH */
		case 'r':
			if (nrules == (int)(sizeof(rules_path) /
			    sizeof(rules_path[0]))) {
				fprintf(stderr, "ostdiag: too many --rules\n");
				return EXIT_TROUBLE;
			}
			rules_path[nrules++] = optarg;
			break;
		case 'n':
			merge = false;
			break;
		case 'h':
			help();
			return fclose(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE;
		case 'V':
			printf("ostdiag %s\n", OSTDIAG_VERSION);
			return fclose(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE;
		default:
			usage(stderr);
			return EXIT_TROUBLE;
		}
	}
	argc -= optind;
	argv += optind;

	/* Every rule is loaded and checked before any input is read. */
	if ((rs = load_rules(rules_path, nrules)) == NULL)
		return EXIT_TROUBLE;
	if (explain_cmd) {
		int status = explain(rs, argc, argv);

		ostd_ruleset_free(&rs);
		return finish_output(status);
	}
	if (rules_cmd) {
		int status = EXIT_CLEAN;

		if (argc > 0) {
			usage(stderr);
			status = EXIT_TROUBLE;
		} else if (checking) {
			int failed = check_rules(rs);

			printf("%zu rules checked, %d failed\n",
			    ostd_ruleset_count(rs), failed);
			status = failed ? EXIT_FINDINGS : EXIT_CLEAN;
		} else {
			list_rules(rs, format);
		}
		ostd_ruleset_free(&rs);
		return finish_output(status);
	}

	rep = ostd_report_new((enum ostd_format)format, stdout, stderr);
	a = ostd_analyzer_new(rs, rep);
	ostd_analyzer_set_merge(a, merge);
	ostd_report_begin(rep);
	if (argc == 0)
		trouble |= analyze_path(a, rep, "-") != 0;
	for (int i = 0; i < argc && !ostd_report_failed(rep); i++)
		trouble |= analyze_path(a, rep, argv[i]) != 0;
	sum = ostd_analyzer_summary(a);
	ostd_report_end(rep, sum);

	int status = finish_output(trouble ? EXIT_TROUBLE :
	    sum->findings > 0 ? EXIT_FINDINGS : EXIT_CLEAN);
	ostd_analyzer_free(&a);
	ostd_report_free(&rep);
	ostd_ruleset_free(&rs);
	return status;
}
