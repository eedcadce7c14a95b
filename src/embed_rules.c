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
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ostdiag/rules.h"
#include "builtin_rules.h"

/* This program carries no rules of its own. */
const struct builtin_rule builtin_rules[] = { { .id = NULL } };

/* Write s as a C string literal (or NULL), split into lines of some 72 bytes. */
static void
put_string(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	int col = 0;

	if (s == NULL) {
		fputs("NULL", stdout);
		return;
	}
	putchar('"');
	for (; *u != '\0'; u++) {
		if (col >= 72) {
			fputs("\"\n\t    \"", stdout);
			col = 0;
		}
		/* '?' is escaped so that no "??x" reads as a trigraph. */
		if (*u == '\\' || *u == '"' || *u == '?') {
			printf("\\%c", *u);
			col += 2;
		} else if (*u == '\n') {
			fputs("\\n", stdout);
			col += 2;
		} else if (*u < 0x20 || *u >= 0x7F) {
			printf("\\%03o", *u);
			col += 4;
		} else {
			putchar(*u);
			col++;
		}
	}
	putchar('"');
}

/* static const char *const NAME_K[] = { ..., NULL }; */
static void
put_strings(const char *name, size_t k, char *const *v, size_t n)
{
	printf("static const char *const %s_%zu[] = {\n", name, k);
	for (size_t i = 0; i < n; i++) {
		putchar('\t');
		put_string(v[i]);
		puts(",");
	}
	puts("\tNULL\n};");
}

static void
put_codes(size_t k, const struct ostd_code_pattern *c, size_t n)
{
	printf("static const struct ostd_code_pattern codes_%zu[] = {\n", k);
	for (size_t i = 0; i < n; i++) {
		printf("\t{ %d, {", c[i].nfields);
		for (int f = 0; f < OSTD_CODE_FIELDS; f++)
			printf(" 0x%lXu,", (unsigned long)c[i].field[f]);
		printf(" }, 0x%Xu, ", c[i].wild);
		put_string(c[i].text);
		puts(" },");
	}
	puts("\t{ 0, { 0 }, 0, \"\" }\n};");
}

/* The arrays rule k points to. */
static void
put_arrays(size_t k, const struct ostd_rule *r)
{
	char **texts = calloc(r->ntexts + 1, sizeof(*texts));

	if (texts == NULL) {
		perror("embed_rules");
		exit(1);
	}
	for (size_t i = 0; i < r->ntexts; i++)
		texts[i] = (char *)ostd_pattern_source(r->texts[i]);
	put_codes(k, r->codes, r->ncodes);
	put_strings("texts", k, texts, r->ntexts);
	put_strings("fix", k, r->fix, r->nfix);
	put_strings("ask", k, r->ask, r->nask);
	put_strings("see", k, r->see, r->nsee);
	free(texts);
}

static void
put_field(const char *name, const char *s)
{
	printf("\t\t.%s = ", name);
	put_string(s);
	puts(",");
}

static void
put_rule(size_t k, const struct ostd_rule *r)
{
	puts("\t{");
	put_field("id", r->id);
	put_field("article", r->article);
	put_field("title", r->title);
	put_field("products", r->products);
	put_field("fixed_in", r->fixed_in);
	put_field("category", r->category);
	put_field("group", r->group);
	printf("\t\t.level = %d, .clients = 0x%lXu,\n", (int)r->level,
	    (unsigned long)r->clients);
	printf("\t\t.codes = codes_%zu, .ncodes = %zu,\n", k, r->ncodes);
	printf("\t\t.heads = 0x%Xu, .scopes = 0x%Xu,\n", r->heads, r->scopes);
	put_field("folder", r->folder != NULL ?
	    ostd_pattern_source(r->folder) : NULL);
	put_field("message", r->message != NULL ?
	    ostd_pattern_source(r->message) : NULL);
	printf("\t\t.texts = texts_%zu, .ntexts = %zu,\n", k, r->ntexts);
	printf("\t\t.session = %d, .symptoms = 0x%Xu,\n", (int)r->session,
	    r->symptoms);
	put_field("cause", r->cause);
	put_field("summary", r->summary);
	printf("\t\t.fix = fix_%zu, .nfix = %zu,\n", k, r->nfix);
	printf("\t\t.ask = ask_%zu, .nask = %zu,\n", k, r->nask);
	printf("\t\t.see = see_%zu, .nsee = %zu,\n", k, r->nsee);
	put_field("example", r->example);
	put_field("source", r->source);
	printf("\t\t.source_line = %lu,\n", r->source_line);
	puts("\t},");
}

/* Read the whole file at path; NULL (reported) on failure. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (fp == NULL) {
		fprintf(stderr, "embed_rules: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	do {
		if (n == cap) {
			char *grown = realloc(buf, cap = cap ? cap * 2 : 65536);

			if (grown == NULL) {
				perror("embed_rules");
				exit(1);
			}
			buf = grown;
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	if (ferror(fp)) {
		fprintf(stderr, "embed_rules: %s: read error\n", path);
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	*len = n;
	return buf;
}

int
main(int argc, char *argv[])
{
	struct ostd_ruleset *rs = ostd_ruleset_new();
	size_t n;

	for (int i = 1; i < argc; i++) {
		const char *base = strrchr(argv[i], '/');
		char *err = NULL, *text;
		size_t len, before = ostd_ruleset_count(rs);

		if ((text = slurp(argv[i], &len)) == NULL)
			return 1;
		if (ostd_ruleset_load_text(rs, base != NULL ? base + 1 :
		    argv[i], text, len, &err) != 0) {
			fprintf(stderr, "embed_rules: %s\n", err);
			return 1;
		}
		free(text);
		if (ostd_ruleset_count(rs) == before) {
			fprintf(stderr, "embed_rules: %s: an earlier file has "
			    "its id\n", argv[i]);
			return 1;
		}
	}
	n = ostd_ruleset_count(rs);
	puts("/* Generated by embed_rules from the rule files: do not edit. */\n"
	    "#include <stddef.h>\n#include \"builtin_rules.h\"\n");
	for (size_t k = 0; k < n; k++)
		put_arrays(k, ostd_ruleset_get(rs, k));
	puts("\nconst struct builtin_rule builtin_rules[] = {");
	for (size_t k = 0; k < n; k++)
		put_rule(k, ostd_ruleset_get(rs, k));
	puts("\t{ .id = NULL }\n};");
	ostd_ruleset_free(&rs);
	return ferror(stdout) || fflush(stdout) != 0;
}
