/* test_match.c: scoring, specificity, ties, client versions, runaway patterns. */
#include "testutil.h"

#define RULE(id, extra) \
	"id: " id "\ntitle: " id "\nproducts: p\nlevel: error\n" \
	"category: sync-error-code\nservers: s\n" extra \
	"cause: c\nfix: f\nexample:\n  x\n"
#define ANY "clients: any\n"

static const char *const rules[] = {
	RULE("EXACT", ANY "code: 8004010F-501-0-521\nhead: folder\nscope: forms\n"),
	RULE("EXACT-TWIN", ANY "code: 8004010F-501-0-521\nhead: folder\n"
	    "scope: forms\n"),
	RULE("WILD", ANY "code: 8004010F-501-*-521\n"),
	RULE("HRESULT", ANY "code: 8004010F\n"),
	RULE("VIEWFORM", ANY "code: 80070005-508-0-322\nhead: view-form\n"),
	RULE("MESSAGE", ANY "code: 80070005-508-0-322\nhead: message\n"),
	RULE("NEWCLIENT", "code: 80040600\nclients: 14-16\n"),
	RULE("OLDCLIENT", "code: 80040600\nclients: 4-8\n"),
	RULE("TERMINATED", ANY "code: 80040600-501-80040600-560\n"
	    "session: terminated\n"),
	RULE("RUNAWAY", ANY "code: 80004005\nmessage: ^(a+)+$\n"),
	/* Applicability: an old rule that fits the code better than a new one. */
	RULE("OLDSPECIFIC", "clients: 4-8\ncode: 80040115-501-0-322\n"
	    "head: message\n"),
	RULE("NEWVAGUE", "clients: 16\ncode: 80040115\n"),
	RULE("OLDSTALL", "clients: 4-8\nsymptom: long-gap\n"),
	RULE("OLDTIMEOUTS", "clients: 4-9\nsymptom: repeated-timeout\n"),
	/* Provenance: a sourced rule ranks above field experience. */
	RULE("Q900001", "clients: any\ncode: 80040119\n"),
	RULE("FIELD", "clients: any\ncode: 80040119-501-0-0\n"),
	/* A saved item known by its subject. */
	RULE("SYNCMON", "clients: any\ntext: ^\\s*Sync Monitor\\b\n"),
	/* A Send/Receive task, told apart by its name. */
	RULE("SPTASK", "clients: any\ncode: 8004010F\nhead: task\n"
	    "folder: ^SharePoint$\nmessage: HTTP 404\n"),
};

static int
setup(void **state)
{
	struct ostd_ruleset *rs = ostd_ruleset_new();

	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		char *err = NULL;

		if (ostd_ruleset_load_text(rs, "test", rules[i],
		    strlen(rules[i]), &err) != 0) {
			print_error("%s\n", err);
			return -1;
		}
	}
	*state = rs;
	return 0;
}

static int
teardown(void **state)
{
	struct ostd_ruleset *rs = *state;

	ostd_ruleset_free(&rs);
	return 0;
}

struct diag_capture {
	struct ostd_diagnosis d[8];
	char ids[8][8][32];
	size_t n;
};

static void
capture(const struct ostd_finding *f, void *ctx)
{
	struct diag_capture *c = ctx;

	if (c->n < 8) {
		c->d[c->n] = *f->diag;
		for (size_t i = 0; i < f->diag->n; i++)
			snprintf(c->ids[c->n][i], 32, "%s",
			    f->diag->cand[i].rule->id);
		c->n++;
	}
}

static void
run(const struct ostd_ruleset *rs, const char *log, struct diag_capture *c)
{
	struct ostd_report *rep = ostd_report_new_fn(capture, c);
	struct ostd_analyzer *a = ostd_analyzer_new(rs, rep);

	memset(c, 0, sizeof(*c));
	assert_int_equal(ostd_analyze_buffer(a, log, strlen(log), "t.log"), 0);
	ostd_analyzer_free(&a);
	ostd_report_free(&rep);
}

static void
test_code_pattern_scores(void **state)
{
	struct ostd_code_pattern cp;
	struct ostd_code code;
	int score = 0;

	(void)state;
	memset(&cp, 0, sizeof(cp));
	cp.nfields = 4;
	cp.field[0] = 0x80070005;
	cp.field[1] = 0x508;
	cp.field[3] = 0x322;
	ostd_code_parse("80070005-508-0-322", 18, &code);
	assert_true(ostd_code_pattern_match(&cp, &code, &score));
	assert_int_equal(score, 50);
	/* The server's own HRESULT in field 3 still matches a rule written with 0. */
	ostd_code_parse("80070005-508-80070005-322", 25, &code);
	assert_true(ostd_code_pattern_match(&cp, &code, &score));
	assert_int_equal(score, 48);
	ostd_code_parse("80070005-508-4B9-322", 20, &code);
	assert_false(ostd_code_pattern_match(&cp, &code, &score));
	ostd_code_parse("80070005-508-0-324", 18, &code);
	assert_false(ostd_code_pattern_match(&cp, &code, &score));
	cp.wild = 1u << 3;
	assert_true(ostd_code_pattern_match(&cp, &code, &score));
	assert_int_equal(score, 40);
	ostd_code_parse("80070005", 8, &code);
	assert_false(ostd_code_pattern_match(&cp, &code, &score));
}

static void
test_specific_outranks_vague_and_ties_are_kept(void **state)
{
	struct diag_capture c;

	run(*state, "Synchronizing Organization Forms\nError synchronizing folder\n"
	    "[8004010F-501-0-521]\n", &c);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.d[0].n, 4);
	assert_int_equal(c.d[0].ntop, 2);
	assert_string_equal(c.ids[0][0], "EXACT");
	assert_string_equal(c.ids[0][1], "EXACT-TWIN");
	assert_int_equal(c.d[0].cand[0].score, 80);
	assert_true(c.d[0].cand[0].evidence == (OSTD_EVID_CODE | OSTD_EVID_HEAD |
	    OSTD_EVID_SCOPE));
	assert_string_equal(c.ids[0][2], "WILD");
	assert_int_equal(c.d[0].cand[2].score, 40);
	assert_string_equal(c.ids[0][3], "HRESULT");
	assert_true(c.d[0].cand[3].evidence == OSTD_EVID_HRESULT);
}

static void
test_context_decides(void **state)
{
	struct diag_capture c;

	run(*state, "Error synchronizing view/form\n[80070005-508-0-322]\n"
	    "Error synchronizing message 'x'\n[80070005-508-00-322]\n", &c);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.d[0].n, 1);
	assert_string_equal(c.ids[0][0], "VIEWFORM");
	assert_int_equal(c.d[1].n, 1);
	assert_string_equal(c.ids[1][0], "MESSAGE");
}

static void
test_client_version_ranks(void **state)
{
	struct diag_capture c;

	run(*state, "Synchronizer Version 16.0.1\nSynchronizing Hierarchy\n"
	    "Error synchronizing folder\n[80040600-501-0-0]\nDone\n", &c);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.d[0].ntop, 1);
	assert_string_equal(c.ids[0][0], "NEWCLIENT");
	assert_int_equal(c.d[0].cand[0].score, 25);
	assert_int_equal(c.d[0].cand[0].applies, OSTD_APPLIES_MATCHES);
	assert_string_equal(c.ids[0][1], "OLDCLIENT");
	assert_int_equal(c.d[0].cand[1].score, 20);
	assert_int_equal(c.d[0].cand[1].applies, OSTD_APPLIES_MISMATCH);
	assert_true(c.d[0].cand[1].evidence & OSTD_EVID_CLIENT_OTHER);
	assert_int_equal(c.d[0].log_clients, 1u << 16);
}

/*
 * A rule written for another client never outranks one that fits, however
 * much more of the error it matches; shown alone, it is still there, marked.
 */
static void
test_mismatch_never_outranks(void **state)
{
	struct diag_capture c;

	run(*state, "Synchronizer Version 16.0.17328\nSynchronizing Hierarchy\n"
	    "Error synchronizing message 'x'\n[80040115-501-0-322]\nDone\n",
	    &c);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.d[0].ntop, 1);
	assert_string_equal(c.ids[0][0], "NEWVAGUE");
	assert_int_equal(c.d[0].cand[0].score, 25);
	assert_string_equal(c.ids[0][1], "OLDSPECIFIC");
	assert_int_equal(c.d[0].cand[1].score, 65);
	assert_int_equal(c.d[0].cand[1].applies, OSTD_APPLIES_MISMATCH);

	/* Without a version line the old rule may fit, and leads again. */
	run(*state, "Synchronizing Hierarchy\nError synchronizing message 'x'\n"
	    "[80040115-501-0-322]\nDone\n", &c);
	assert_string_equal(c.ids[0][0], "OLDSPECIFIC");
	assert_int_equal(c.d[0].cand[0].applies, OSTD_APPLIES_UNKNOWN);
	assert_int_equal(c.d[0].cand[1].applies, OSTD_APPLIES_UNKNOWN);
}

/* How the log's client is read: the version line, or the era's folder lines. */
static void
test_log_clients(void **state)
{
	struct ostd_rule r;
	struct ostd_session s;
	char version[] = "16.0.17328";

	memset(&s, 0, sizeof(s));
	assert_int_equal(ostd_session_clients(&s), 0);
	s.folder_lines = true;
	assert_int_equal(ostd_session_clients(&s), OSTD_CLIENTS_BEFORE_2003);
	s.version = version;
	s.client_major = 16;
	assert_int_equal(ostd_session_clients(&s), 1u << 16);
	(void)state;

	memset(&r, 0, sizeof(r));
	r.clients = 0x3F0u;	/* 4-9 */
	assert_int_equal(ostd_rule_applies(&r, 1u << 16),
	    OSTD_APPLIES_MISMATCH);
	assert_int_equal(ostd_rule_applies(&r, 1u << 8), OSTD_APPLIES_MATCHES);
	assert_int_equal(ostd_rule_applies(&r, 0), OSTD_APPLIES_UNKNOWN);
	assert_int_equal(ostd_rule_applies(&r, OSTD_CLIENTS_BEFORE_2003),
	    OSTD_APPLIES_UNKNOWN);
	r.clients = OSTD_CLIENTS_BEFORE_2003;
	assert_int_equal(ostd_rule_applies(&r, OSTD_CLIENTS_BEFORE_2003),
	    OSTD_APPLIES_MATCHES);
	r.clients = 0;
	assert_int_equal(ostd_rule_applies(&r, 1u << 16), OSTD_APPLIES_MATCHES);
}

/* The symptom findings of a log, as the ids of their diagnoses. */
static size_t
symptom_ids(const struct ostd_ruleset *rs, const char *log, char ids[8][32])
{
	struct diag_capture c;
	size_t n = 0;

	run(rs, log, &c);
	for (size_t i = 0; i < c.n; i++)
		for (size_t k = 0; k < c.d[i].n && n < 8; k++)
			if (c.d[i].cand[k].evidence & OSTD_EVID_SYMPTOM)
				snprintf(ids[n++], 32, "%s", c.ids[i][k]);
	return n;
}

/*
 * A rule with no code of its own is not offered on a log of another client
 * at all; and a long pause that ends in progress is no stall.
 */
static void
test_symptoms_gated_by_version_and_progress(void **state)
{
	char ids[8][32];

	/* A stall (the pause ends in the next folder) in a log of no version. */
	assert_int_equal(symptom_ids(*state, "10:00:00 Synchronizing Hierarchy\n"
	    "10:00:01 Synchronizing Folder 'Inbox'\n"
	    "10:30:01 Synchronizing Folder 'Sent Items'\n10:30:02 Done\n",
	    ids), 1);
	assert_string_equal(ids[0], "OLDSTALL");
	/* The same stall in an Outlook 16.0 log: the 4-8 rule is not offered. */
	assert_int_equal(symptom_ids(*state, "10:00:00 Synchronizer Version "
	    "16.0.17328\n10:00:00 Synchronizing Hierarchy\n"
	    "10:00:01 Synchronizing server changes in folder 'Inbox'\n"
	    "10:30:01 Synchronizing server changes in folder 'Sent Items'\n"
	    "10:30:02 Done\n", ids), 0);
	/* A pause that ends with items added is a slow download. */
	assert_int_equal(symptom_ids(*state, "10:00:00 Synchronizing Hierarchy\n"
	    "10:00:01 Synchronizing Folder 'Inbox'\n"
	    "10:30:01 1379 item(s) added to offline folder\n"
	    "10:30:02 Done\n", ids), 0);
	/* Three time-outs: offered without a version, not on 16.0. */
	assert_int_equal(symptom_ids(*state, "Synchronizing Hierarchy\n"
	    "Error synchronizing folder\n[80040115-501-0-0]\n"
	    "Error synchronizing folder\n[80040115-501-0-0]\n"
	    "Error synchronizing folder\n[80040115-501-0-0]\nDone\n", ids), 1);
	assert_string_equal(ids[0], "OLDTIMEOUTS");
	assert_int_equal(symptom_ids(*state, "Synchronizer Version 16.0.1\n"
	    "Synchronizing Hierarchy\n"
	    "Error synchronizing folder\n[80040115-501-0-0]\n"
	    "Error synchronizing folder\n[80040115-501-0-0]\n"
	    "Error synchronizing folder\n[80040115-501-0-0]\nDone\n", ids), 0);
}

/*
 * The subject of a saved item is matched as loose text; a Send/Receive task
 * line is a finding of its own kind, told apart by its name and text.
 */
static void
test_item_subject_and_task_findings(void **state)
{
	struct diag_capture c;
	static const char item[] = "From:\tDana Ruiz\r\n"
	    "Sent:\tTuesday, March 3, 2026 9:15 AM\r\n"
	    "To:\tDana Ruiz\r\n"
	    "Subject:\tSync Monitor\r\n\r\n"
	    "Some diagnostics the item holds.\r\n";

	run(*state, item, &c);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.ids[0][0], "SYNCMON");
	run(*state, "Task 'SharePoint' reported error (0x8004010F) : 'The "
	    "SharePoint List (A - B) cannot be found. HTTP 404.'\n"
	    "Task 'Dana Ruiz' reported error (0x8004010F): 'The operation "
	    "failed.'\n", &c);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.ids[0][0], "SPTASK");
	/* The other task has the same code, but neither name nor text. */
	assert_string_equal(c.ids[1][0], "HRESULT");
}

/* A rule with a public source ranks above field experience. */
static void
test_sourced_ranks_above_field_experience(void **state)
{
	struct diag_capture c;

	run(*state, "Synchronizing Hierarchy\nError synchronizing folder\n"
	    "[80040119-501-0-0]\nDone\n", &c);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.d[0].ntop, 1);
	assert_string_equal(c.ids[0][0], "Q900001");
	assert_int_equal(c.d[0].cand[0].score, 20);
	assert_string_equal(c.ids[0][1], "FIELD");
	assert_int_equal(c.d[0].cand[1].score, 50);
}

static void
test_session_condition(void **state)
{
	struct diag_capture c;

	run(*state, "Synchronizing Hierarchy\nError synchronizing folder\n"
	    "[80040600-501-80040600-560]\nTerminated in error\n", &c);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.ids[0][0], "TERMINATED");
	assert_int_equal(c.d[0].cand[0].score, 60);
	/* The Terminated line is an error of its own, caused by the one before. */
	assert_string_equal(c.ids[1][0], "TERMINATED");

	run(*state, "Synchronizing Hierarchy\nTerminated in error\n", &c);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.d[0].n, 0);

	run(*state, "Synchronizing Hierarchy\nError synchronizing folder\n"
	    "[80040600-501-80040600-560]\nDone\n", &c);
	assert_int_equal(c.n, 1);
	assert_string_not_equal(c.ids[0][0], "TERMINATED");
}

/* A catastrophic pattern is stopped by the match limit, never hangs. */
static void
test_runaway_pattern_is_contained(void **state)
{
	struct diag_capture c;
	char log[200];

	snprintf(log, sizeof(log), "Error synchronizing folder\n"
	    "[80004005-501-0-0]\n%s\n", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab");
	run(*state, log, &c);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.d[0].n, 0);
	assert_non_null(c.d[0].costly);
	assert_string_equal(c.d[0].costly->id, "RUNAWAY");
}

struct limit_log {
	unsigned calls;
	unsigned hits[8];
	bool retired[8];
	unsigned long line;
	char limit[64];
};

static void
log_limit(const struct ostd_limit_hit *hit, void *ctx)
{
	struct limit_log *l = ctx;

	if (l->calls < 8) {
		l->hits[l->calls] = hit->hits;
		l->retired[l->calls] = hit->retired;
	}
	l->calls++;
	l->line = hit->line;
	snprintf(l->limit, sizeof(l->limit), "%s", hit->limit);
	assert_string_equal(hit->rule->id, "RUNAWAY-TEXT");
	assert_string_equal(hit->pattern, "^(c+)+$");
}

/*
 * A pattern that gives up is told to the watch each time, with its rule and
 * line, and is retired after the third time on one input; the next input
 * tries it again.
 */
static void
test_costly_pattern_told_and_retired(void **state)
{
	static const char rule[] =
	    RULE("RUNAWAY-TEXT", ANY "text: ^(c+)+$\n");
	static const char costly[] = "ccccccccccccccccccccccccccccccccccccccd";
	struct ostd_ruleset *rs = ostd_ruleset_new();
	struct limit_log log = { 0 };
	struct ostd_limit_watch w = { 1, log_limit, &log };
	struct ostd_diagnosis d;

	(void)state;
	assert_int_equal(ostd_ruleset_load_text(rs, "runaway.rule", rule,
	    strlen(rule), NULL), 0);
	ostd_ruleset_watch(rs, &w);
	for (int i = 0; i < 5; i++) {
		ostd_match_text(rs, costly, strlen(costly), 0, &d);
		assert_int_equal(d.n, 0);
		assert_non_null(d.costly);
	}
	assert_int_equal(log.calls, 3);
	assert_int_equal(log.hits[0], 1);
	assert_int_equal(log.hits[2], 3);
	assert_false(log.retired[1]);
	assert_true(log.retired[2]);
	assert_int_equal(log.line, 8);	/* the text: line of the rule */
	assert_string_equal(log.limit, "more than 100,000 steps");
	/* Retired: not even a text it would match is tried. */
	ostd_match_text(rs, "ccc", 3, 0, &d);
	assert_int_equal(d.n, 0);
	/* Another input: tried again, and matches. */
	w.input = 2;
	ostd_match_text(rs, "ccc", 3, 0, &d);
	assert_int_equal(d.n, 1);
	ostd_match_text(rs, costly, strlen(costly), 0, &d);
	assert_int_equal(log.calls, 4);
	assert_int_equal(log.hits[3], 1);
	ostd_ruleset_watch(rs, NULL);
	ostd_ruleset_free(&rs);
}

static void
test_unknown_code_is_still_a_finding(void **state)
{
	struct diag_capture c;

	run(*state, "Error synchronizing folder\n[8004FFFF-1-2-3]\n"
	    "Error sending message\n", &c);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.d[0].n, 0);
	assert_int_equal(c.d[1].n, 0);
}

/* The folder error that repeats an item error's code takes its diagnosis. */
static void
test_folder_repeat_takes_item_diagnosis(void **state)
{
	struct diag_capture c;

	run(*state, "Error synchronizing message 'x'\n[80070005-508-0-322]\n"
	    "Error synchronizing folder\n[80070005-508-0-322]\n"
	    "Error synchronizing folder\n[80070005-508-0-324]\n", &c);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.ids[0][0], "MESSAGE");
	assert_string_equal(c.ids[1][0], "MESSAGE");
	assert_int_equal(c.d[2].n, 0);
}

struct memo_check {
	const struct ostd_ruleset *rs;
	char first[8][32];	/* best rule of each error finding, "" if none */
	bool costly[8];
	bool full[8];		/* FULL among the candidates */
	size_t n;
};

/* Each finding's diagnosis must be what matching its block afresh gives. */
static void
check_against_fresh(const struct ostd_finding *f, void *ctx)
{
	struct memo_check *m = ctx;
	struct ostd_diagnosis fresh;

	if (f->kind != OSTD_FINDING_ERROR || m->n == 8)
		return;
	ostd_match_block(m->rs, f->session, f->block, &fresh);
	assert_int_equal(f->diag->n, fresh.n);
	assert_int_equal(f->diag->ntop, fresh.ntop);
	assert_ptr_equal(f->diag->costly, fresh.costly);
	for (size_t i = 0; i < fresh.n; i++) {
		assert_ptr_equal(f->diag->cand[i].rule, fresh.cand[i].rule);
		assert_int_equal(f->diag->cand[i].score, fresh.cand[i].score);
		assert_int_equal(f->diag->cand[i].evidence,
		    fresh.cand[i].evidence);
		if (strcmp(fresh.cand[i].rule->id, "FULL") == 0)
			m->full[m->n] = true;
	}
	snprintf(m->first[m->n], 32, "%s",
	    fresh.n > 0 ? fresh.cand[0].rule->id : "");
	m->costly[m->n] = fresh.costly != NULL;
	m->n++;
}

/*
 * Text patterns are run once per distinct text and remembered: blocks that
 * repeat a message, and blocks whose text made a pattern hit its limits, get
 * the same diagnosis as matching them afresh.
 */
static void
test_repeated_texts_match_as_fresh(void **state)
{
	static const char *const text_rules[] = {
		RULE("FULL", ANY "text: mailbox is (full|over)\n"),
		RULE("RUNAWAY-TEXT", ANY "text: ^(c+)+$\n"),
		RULE("WILD", ANY "code: 8004010F-501-*-521\n"),
	};
	static const char log[] =
	    "Error synchronizing folder\n[8004010F-501-0-521]\n"
	    "Your mailbox is full.\n\n"
	    "Error synchronizing folder\n[8004010F-501-0-521]\n"
	    "Your mailbox is full.\n\n"
	    "Error synchronizing folder\n[80040115-501-0-1]\n"
	    "cccccccccccccccccccccccccccccccccccccccccd\n\n"
	    "Error synchronizing folder\n[80040115-501-0-1]\n"
	    "cccccccccccccccccccccccccccccccccccccccccd\n\n"
	    "Error synchronizing folder\n[8004010F-501-0-521]\n"
	    "The client operation failed.\n";
	struct ostd_ruleset *rs = ostd_ruleset_new();
	struct memo_check m = { .rs = rs };
	struct ostd_report *rep = ostd_report_new_fn(check_against_fresh, &m);
	struct ostd_analyzer *a;

	(void)state;
	for (size_t i = 0; i < sizeof(text_rules) / sizeof(text_rules[0]); i++)
		assert_int_equal(ostd_ruleset_load_text(rs, "test", text_rules[i],
		    strlen(text_rules[i]), NULL), 0);
	a = ostd_analyzer_new(rs, rep);
	ostd_analyzer_set_merge(a, false);
	assert_int_equal(ostd_analyze_buffer(a, log, sizeof(log) - 1, "t.log"),
	    0);
	assert_int_equal(m.n, 5);
	assert_string_equal(m.first[0], "WILD");
	assert_string_equal(m.first[1], "WILD");
	assert_string_equal(m.first[2], "");
	assert_string_equal(m.first[3], "");
	assert_string_equal(m.first[4], "WILD");
	assert_true(m.full[0]);
	assert_true(m.full[1]);
	assert_false(m.full[4]);
	assert_false(m.costly[0]);
	assert_true(m.costly[2]);
	assert_true(m.costly[3]);
	/*
	 * Memo and fresh matching made the pattern give up three times by the
	 * fourth block, so it is not tried on the fifth either.
	 */
	assert_true(m.costly[4]);
	ostd_analyzer_free(&a);
	ostd_report_free(&rep);
	ostd_ruleset_free(&rs);
}

/* Rules loaded into the set while an analyzer uses it count at once. */
static void
test_rules_added_later_are_matched(void **state)
{
	static const char log[] = "Error synchronizing folder\n"
	    "[8004010F-501-0-521]\nYour mailbox is full.\n";
	static const char full[] = RULE("FULL", ANY "text: mailbox is full\n");
	struct ostd_ruleset *rs = ostd_ruleset_new();
	struct memo_check m = { .rs = rs };
	struct ostd_report *rep = ostd_report_new_fn(check_against_fresh, &m);
	struct ostd_analyzer *a;

	(void)state;
	assert_int_equal(ostd_ruleset_load_text(rs, "test", full,
	    sizeof(full) - 1, NULL), 0);
	a = ostd_analyzer_new(rs, rep);
	assert_int_equal(ostd_analyze_buffer(a, log, sizeof(log) - 1, "t.log"),
	    0);
	assert_int_equal(m.n, 1);
	assert_string_equal(m.first[0], "FULL");
	/* Enough rules to need a second word of bits; the last one wins. */
	for (int i = 0; i < 70; i++) {
		char id[16], text[256];

		snprintf(id, sizeof(id), "MORE%d", i);
		snprintf(text, sizeof(text), RULE("%s", ANY "%s"), id, id, i == 69 ?
		    "code: 8004010F-501-0-521\ntext: mailbox\n" : "text: zzz\n");
		assert_int_equal(ostd_ruleset_load_text(rs, "test", text,
		    strlen(text), NULL), 0);
	}
	assert_int_equal(ostd_analyze_buffer(a, log, sizeof(log) - 1, "t.log"),
	    0);
	assert_int_equal(m.n, 2);
	assert_string_equal(m.first[1], "MORE69");
	ostd_analyzer_free(&a);
	ostd_report_free(&rep);
	ostd_ruleset_free(&rs);
}

static void
test_leads(void **state)
{
	struct ostd_ruleset *rs = *state;
	struct ostd_diagnosis d;

	(void)rs;
	memset(&d, 0, sizeof(d));
	assert_false(ostd_diagnosis_leads(&d, ostd_ruleset_find(rs, "EXACT")));
	d.cand[0].rule = ostd_ruleset_find(rs, "EXACT");
	d.cand[0].score = 80;
	d.cand[1].rule = ostd_ruleset_find(rs, "WILD");
	d.cand[1].score = 40;
	d.n = 2;
	d.ntop = 1;
	assert_true(ostd_diagnosis_leads(&d, ostd_ruleset_find(rs, "EXACT")));
	assert_false(ostd_diagnosis_leads(&d, ostd_ruleset_find(rs, "WILD")));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_pattern_scores),
		cmocka_unit_test(test_specific_outranks_vague_and_ties_are_kept),
		cmocka_unit_test(test_context_decides),
		cmocka_unit_test(test_client_version_ranks),
		cmocka_unit_test(test_mismatch_never_outranks),
		cmocka_unit_test(test_log_clients),
		cmocka_unit_test(test_symptoms_gated_by_version_and_progress),
		cmocka_unit_test(test_sourced_ranks_above_field_experience),
		cmocka_unit_test(test_item_subject_and_task_findings),
		cmocka_unit_test(test_session_condition),
		cmocka_unit_test(test_costly_pattern_told_and_retired),
		cmocka_unit_test(test_runaway_pattern_is_contained),
		cmocka_unit_test(test_unknown_code_is_still_a_finding),
		cmocka_unit_test(test_folder_repeat_takes_item_diagnosis),
		cmocka_unit_test(test_repeated_texts_match_as_fresh),
		cmocka_unit_test(test_rules_added_later_are_matched),
		cmocka_unit_test(test_leads),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
