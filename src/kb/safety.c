/*
 * safety.c: the words that make a fix step hazardous. Each hazard is a
 * pattern over one step's text; a step matches a hazard when some clause of it
 * (up to a full stop or semicolon) joins a verb that loses or changes data to
 * what it acts on. The lists err on the side of a caution too many: a caution
 * costs the reader a sentence, a missing one can cost a mailbox.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kb/safety.h"

/* The rest of a clause: anything but a sentence end. */
#define CLAUSE "[^.;]*"

/* A step that deletes, renames or rebuilds the OST (or its .scd). */
#define REBUILD \
    "\\b(delet|renam|remov|replac|rebuild|re-?creat)\\w*" CLAUSE \
    "(\\.(ost|scd)\\b|\\bOST\\b|offline folders? file|offline store)" \
    "|(\\.(ost|scd)\\b|\\bOST\\b)" CLAUSE "\\b(delet|renam|remov)\\w*"

static const struct hazard {
	const char *what;
	const char *pattern;
} hazards[] = {
	{ "deletes, renames or rebuilds the offline folder file", REBUILD },
	{ "deletes or renames a personal folders file",
	    "\\b(delet|renam|remov)\\w*" CLAUSE "\\.pst\\b" },
	{ "purges Deleted Items",
	    "\\bempt(y|ies|ied|ying)\\b" CLAUSE "\\bdeleted items\\b" },
	/* "Deleted Items" names a folder: no verb by itself. */
	{ "deletes items or folders",
	    "\\b(delet(?!ed items?\\b)|remov|discard|purg|clear|wip)\\w*" CLAUSE
	    "\\b(items?|messages?|mail|appointments?|meetings?|drafts?|"
	    "folders?|contents|replicas?|forms?|library|calendars?|"
	    "offline items)\\b" },
	{ "turns off virus scanning",
	    "\\b(disabl|turn\\w* off|stop|uninstall)\\w*" CLAUSE
	    "\\b(anti-?virus|virus)" "|\\benabled\\b" CLAUSE "\\bto 0\\b" },
	{ "stops or restarts a server service",
	    "\\b(restart|stop)\\w*" CLAUSE
	    "\\b(services?|information store|MSExchange\\w*)\\b" },
	{ "edits the registry",
	    "\\b(set|creat|add|chang|edit|delet|modif)\\w*" CLAUSE
	    "\\b(regedit\\w*|regedt32|registry|HKEY_\\w+|REG_DWORD|DWORD)\\b"
	    "|\\b(regedit\\w*|regedt32|HKEY_\\w+)\\b" CLAUSE
	    "\\b(set|creat|add|chang|edit|delet|modif)\\w*" },
	{ "runs a store repair or low-level store editor",
	    "\\b(isinteg|eseutil|mfcmapi)\\b" },
	{ "changes an organization-wide setting",
	    "(?-i)\\b(Set|New|Remove|Add)-[A-Z][A-Za-z]+"
	    "|(?i)\\borganization-wide\\b" },
	{ "changes permissions others depend on",
	    "\\b(chang|set|grant|remov|revok)\\w*" CLAUSE
	    "\\b(permissions?|role)\\b" },
};
#define NHAZARDS (sizeof(hazards) / sizeof(hazards[0]))

static const char rebuild_pattern[] = REBUILD;
static const char save_pattern[] =
    "\\b(cop(y|ies|ying)|sav(e|es|ing)|export\\w*|mov(e|es|ing)|drag)\\b"
    "[^.]*\\b(pst|personal folders|outlook data file|outbox|drafts|"
    "local failures)\\b";
static const char close_pattern[] =
    "\\b(close|closes|closing|quit|quits|exit|exits|shut down)\\b"
    "[^.;]{0,24}\\b(outlook|client)\\b";

static pcre2_code *hazard_code[NHAZARDS];
static pcre2_code *rebuild_code, *save_code, *close_code;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static pcre2_code *
compile_fixed(const char *pattern)
{
	int errcode;
	PCRE2_SIZE erroff;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern,
	    PCRE2_ZERO_TERMINATED, PCRE2_CASELESS, &errcode, &erroff, NULL);

	if (code == NULL) {
		fprintf(stderr, "ostdiag: step pattern does not compile "
		    "(error %d at offset %zu)\n", errcode, (size_t)erroff);
		exit(2);
	}
	return code;
}

static void
compile_all(void)
{
	for (size_t i = 0; i < NHAZARDS; i++)
		hazard_code[i] = compile_fixed(hazards[i].pattern);
	rebuild_code = compile_fixed(rebuild_pattern);
	save_code = compile_fixed(save_pattern);
	close_code = compile_fixed(close_pattern);
}

/* Does code match s? A step too costly to read counts as a match. */
static bool
matches(pcre2_code *code, const char *s)
{
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	int rc;

	if (md == NULL) {
		fprintf(stderr, "ostdiag: out of memory (pcre2 match data)\n");
		exit(2);
	}
	rc = pcre2_match(code, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
	pcre2_match_data_free(md);
	return rc != PCRE2_ERROR_NOMATCH;
}

const char *
step_hazard(const char *step)
{
	pthread_once(&once, compile_all);
	for (size_t i = 0; i < NHAZARDS; i++)
		if (matches(hazard_code[i], step))
			return hazards[i].what;
	return NULL;
}

bool
step_rebuilds_ost(const char *step)
{
	pthread_once(&once, compile_all);
	return matches(rebuild_code, step);
}

bool
step_saves_offline_items(const char *step)
{
	pthread_once(&once, compile_all);
	return matches(save_code, step);
}

bool
step_closes_outlook(const char *step)
{
	pthread_once(&once, compile_all);
	return matches(close_code, step);
}
