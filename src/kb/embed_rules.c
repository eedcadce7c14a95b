/*
 * embed_rules.c: a build tool. Reads the rule files named on the command line
 * with ostdiag's own rule parser and writes a C file that defines
 * builtin_rules[]: every rule as data, so that ostdiag carries its knowledge
 * base inside the binary and parses none of it when it starts.
 *
 * usage: embed_rules FILE.rule ... > builtin_rules.c
 *
 * A file that does not parse, or an id given twice, fails the build with the
 * parser's message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/rules.h"
#include "kb/builtin_rules.h"

/* This program carries no rules of its own. */
const char builtin_strings[] = "";
const uint32_t builtin_lists[] = { 0 };
const struct ostd_code_pattern builtin_codes[] = { { 0, { 0 }, 0, "" } };
const struct builtin_rule builtin_rules[] = { { .id = BUILTIN_NONE } };
const size_t builtin_rule_count = 0;

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL) {
		perror("embed_rules");
		exit(1);
	}
	return p;
}

/* Every string of every rule, each ended by a NUL, in the order kept. */
static char *strings;
static size_t nstrings, strings_cap;

/* The offset of a copy of s in strings, or BUILTIN_NONE for NULL. */
static uint32_t
string(const char *s)
{
	size_t n, off = nstrings;

	if (s == NULL)
		return BUILTIN_NONE;
	n = strlen(s) + 1;
	if (nstrings + n > strings_cap)
		strings = xrealloc(strings, strings_cap = (nstrings + n) * 2);
	memcpy(strings + nstrings, s, n);
	nstrings += n;
	if (nstrings >= BUILTIN_NONE) {
		fprintf(stderr, "embed_rules: the rules' text is too long\n");
		exit(1);
	}
	return (uint32_t)off;
}

/* Lists of strings, one after another: offsets in strings. */
static uint32_t *lists;
static size_t nlists, lists_cap;

/* Keep the n strings v as a list; returns where it starts. */
static uint32_t
list(char *const *v, size_t n)
{
	size_t first = nlists;

	if (nlists + n > lists_cap)
		lists = xrealloc(lists, (lists_cap = (nlists + n) * 2 + 1) *
		    sizeof(*lists));
	for (size_t i = 0; i < n; i++)
		lists[nlists++] = string(v[i]);
	return (uint32_t)first;
}

/* Write s as the text of a C string literal, split into lines. */
static void
put_chars(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	int col = 0;

	fputs("\t\"", stdout);
	for (size_t i = 0; i < n; i++) {
		if (col >= 72) {
			fputs("\"\n\t\"", stdout);
			col = 0;
		}
		/* '?' is escaped so that no "??x" reads as a trigraph. */
		if (u[i] == '\\' || u[i] == '"' || u[i] == '?') {
			printf("\\%c", u[i]);
			col += 2;
		} else if (u[i] == '\n') {
			fputs("\\n", stdout);
			col += 2;
		} else if (u[i] < 0x20 || u[i] >= 0x7F) {
			/* Octal, always three digits: no digit after it joins. */
			printf("\\%03o", u[i]);
			col += 4;
		} else {
			putchar(u[i]);
			col++;
		}
	}
	puts("\"");
}

static void
put_codes(const struct ostd_ruleset *rs, size_t n)
{
	puts("const struct ostd_code_pattern builtin_codes[] = {");
	for (size_t k = 0; k < n; k++) {
		const struct ostd_rule *r = ostd_ruleset_get(rs, k);

		for (size_t i = 0; i < r->ncodes; i++) {
			const struct ostd_code_pattern *c = &r->codes[i];

			printf("\t{ %d, {", c->nfields);
			for (int f = 0; f < OSTD_CODE_FIELDS; f++)
				printf(" 0x%lXu,", (unsigned long)c->field[f]);
			printf(" }, 0x%Xu, \"", c->wild);
			for (const char *t = c->text; *t != '\0'; t++)
				putchar(*t);	/* hex digits, '-', '*' */
			puts("\" },");
		}
	}
	puts("\t{ 0, { 0 }, 0, \"\" }\n};\n");
}

/* The name of the file at path, without its directory. */
static const char *
file_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* Rule r, whose codes start at builtin_codes[code]. */
static void
put_rule(const struct ostd_rule *r, size_t code)
{
	char **texts = xrealloc(NULL, (r->ntexts + 1) * sizeof(*texts));

	for (size_t i = 0; i < r->ntexts; i++)
		texts[i] = (char *)ostd_pattern_source(r->texts[i]);
	printf("\t{ .id = %lu, .article = %lu, .title = %lu,\n",
	    (unsigned long)string(r->id), (unsigned long)string(r->article),
	    (unsigned long)string(r->title));
	printf("\t  .products = %lu, .fixed_in = %lu, .category = %lu,\n",
	    (unsigned long)string(r->products),
	    (unsigned long)string(r->fixed_in),
	    (unsigned long)string(r->category));
	printf("\t  .group = %lu, .level = %d, .clients = 0x%lXu,\n",
	    (unsigned long)string(r->group), (int)r->level,
	    (unsigned long)r->clients);
	printf("\t  .codes = %zu, .ncodes = %zu, .heads = 0x%Xu, "
	    ".scopes = 0x%Xu,\n", code, r->ncodes, r->heads, r->scopes);
	printf("\t  .folder = %lu, .message = %lu,\n", (unsigned long)string(
	    r->folder != NULL ? ostd_pattern_source(r->folder) : NULL),
	    (unsigned long)string(r->message != NULL ?
	    ostd_pattern_source(r->message) : NULL));
	printf("\t  .texts = %lu, .ntexts = %zu, .session = %d, "
	    ".symptoms = 0x%Xu,\n", (unsigned long)list(texts, r->ntexts),
	    r->ntexts, (int)r->session, r->symptoms);
	printf("\t  .servers = %lu, .note = %lu, .public_source = %lu,\n",
	    (unsigned long)string(r->servers), (unsigned long)string(r->note),
	    (unsigned long)string(r->public_source));
	printf("\t  .cause = %lu, .summary = %lu,\n",
	    (unsigned long)string(r->cause), (unsigned long)string(r->summary));
	printf("\t  .fix = %lu, .nfix = %zu,", (unsigned long)list(r->fix,
	    r->nfix), r->nfix);
	printf(" .caution = %lu, .practice = 0x%llXu, .not_held = %s,\n",
	    (unsigned long)list(r->caution, r->nfix),
	    (unsigned long long)r->practice, r->not_held ? "true" : "false");
	printf(" .ask = %lu, .nask = %zu,", (unsigned long)list(r->ask,
	    r->nask), r->nask);
	printf(" .see = %lu, .nsee = %zu,\n", (unsigned long)list(r->see,
	    r->nsee), r->nsee);
	printf("\t  .example = %lu, .source = %lu, .source_line = %lu },\n",
	    (unsigned long)string(r->example), (unsigned long)string(file_name(
	    r->source)), r->source_line);
	free(texts);
}

int
main(int argc, char *argv[])
{
	struct ostd_ruleset *rs = ostd_ruleset_new();
	size_t n;

	for (int i = 1; i < argc; i++) {
		char *err = NULL;
		size_t before = ostd_ruleset_count(rs);

		/* Read as ostdiag reads a rule file given with --rules. */
		if (ostd_ruleset_load_path(rs, argv[i], &err) != 0) {
			fprintf(stderr, "embed_rules: %s\n", err);
			return 1;
		}
		if (ostd_ruleset_count(rs) == before) {
			fprintf(stderr, "embed_rules: %s: an earlier file has "
			    "its id\n", argv[i]);
			return 1;
		}
	}
	n = ostd_ruleset_count(rs);
	puts("/* Generated by embed_rules from the rule files: do not edit. */\n"
	    "#include <stddef.h>\n#include \"kb/builtin_rules.h\"\n");
	put_codes(rs, n);
	puts("const struct builtin_rule builtin_rules[] = {");
	for (size_t k = 0, code = 0; k < n; k++) {
		put_rule(ostd_ruleset_get(rs, k), code);
		code += ostd_ruleset_get(rs, k)->ncodes;
	}
	printf("};\n\nconst size_t builtin_rule_count = %zu;\n\n", n);
	puts("const uint32_t builtin_lists[] = {");
	for (size_t i = 0; i < nlists; i++)
		printf("%s%lu,%s", i % 10 == 0 ? "\t" : " ",
		    (unsigned long)lists[i], i % 10 == 9 ? "\n" : "");
	puts("\n\t0\n};\n\nconst char builtin_strings[] =");
	put_chars(strings, nstrings);
	puts(";");
	free(strings);
	free(lists);
	ostd_ruleset_free(&rs);
	return ferror(stdout) || fflush(stdout) != 0;
}
