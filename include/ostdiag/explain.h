/*
 * ostdiag/explain.h: explanations for people at a help desk: what a code means
 * field by field and which rules can match it, or one diagnosis in full, for
 * whatever names them: a code, a rule or article id, an HRESULT name, or text
 * pasted from a log.
 */
#ifndef OSTDIAG_EXPLAIN_H
#define OSTDIAG_EXPLAIN_H

#include <stdbool.h>
#include <stdio.h>

#include "ostdiag/rules.h"
#include "ostdiag/source.h"

/*
 * Parse what a user typed as a code: "[8004010F-501-0-521]", "0x8004010F",
 * "8004010f-501-00-521". Returns 0 or -1.
 */
int ostd_explain_parse_code(const char *arg, struct ostd_code *code);

/* How explanations are written. */
struct ostd_explain_options {
	bool json;		/* JSON, else text for people */
	int width;		/* columns text is wrapped at; 0: not wrapped */
};

/*
 * Explain what each of the nargs arguments names, to out:
 *  - a code: 8004010F, 0x8004010F, [8004010F-501-0-521];
 *  - a rule id, or an article id (Q168734, KB2665915, in any case): the rule
 *    of that id, else every rule that cites the article;
 *  - an HRESULT name (MAPI_E_NOT_FOUND, in any case);
 *  - a bare number: an article, Q and the number up to six digits, KB from
 *    seven (the other prefix is tried next), or an HRESULT written without
 *    its leading zeros (5 to 8 hex digits). One that can be both is taken as
 *    the article, and a note says how to ask for the code;
 *  - text from a log (one line, or several in one argument, or "-": the
 *    lines of the source in, ostdiag/source.h): each code the log's reader
 *    finds on its lines, once, and each line that is one word naming one of
 *    the above.
 * Notes and refusals go to err as "ostdiag: explain: ..." lines. As JSON: one
 * object when one argument names one thing, else an array of them, in order
 * (each with kind, input, input_line and input_note; README.md, "explain"). Returns the
 * number of arguments that name nothing (the others are explained all the
 * same).
 */
size_t ostd_explain(FILE *out, FILE *err, struct ostd_source *in,
    const struct ostd_ruleset *rs, char *const *args, size_t nargs,
    const struct ostd_explain_options *opts);

/*
 * Decode code field by field and list the rules that can match it, with what
 * else each needs and what it was written for; as JSON when json is set (one
 * object, as ostd_explain writes it). Text is not wrapped.
 */
void ostd_explain_code(FILE *out, const struct ostd_ruleset *rs,
    const struct ostd_code *code, bool json);

/*
 * Print one rule or reference entry of rs in full: where it applies and comes
 * from, conditions, cause, fix steps with their cautions, questions, the
 * rules that cite it, example; as JSON when json is set (one object, as
 * ostd_explain writes it). Text is not wrapped.
 */
void ostd_explain_rule(FILE *out, const struct ostd_ruleset *rs,
    const struct ostd_rule *rule, bool json);

/*
 * The rules of rs, one after another (ostdiag rules): id, level, category,
 * title and products, wrapped; as JSON, {"rules":[...]} with each one's id,
 * title, products, level, category and whether it is a reference entry.
 */
void ostd_explain_list(FILE *out, const struct ostd_ruleset *rs,
    const struct ostd_explain_options *opts);

#endif
