/*
 * batch.c: the inputs of a run: files, standard input and directories, read on
 * the calling thread or on several threads whose recordings are replayed in
 * input order.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/batch.h"
#include "input/filesource.h"
#include "util/platform.h"
#include "util/util.h"

#define MAX_DEPTH 64		/* directories nested deeper are refused */

/*
 * An input of the run: a file to read, or one already judged not to be read
 * (reason says why; failed: it could not be, else it was skipped), accounted
 * for in its turn so that every thread count reports the same.
 */
struct input {
	char *path;
	char *reason;		/* NULL: read it */
	bool failed;
	bool found;		/* in a folder, not named */
};

/* Why an input could not be opened, in words, for errno error. */
static const char *
open_failure(int error)
{
	switch (error) {
	case ENODEV:
		return "is a device, not a file (give its content on "
		    "standard input)";
	case ETIMEDOUT:
		return "is a FIFO that no program wrote to within "
		    FIFO_WAIT_TEXT;
	default:
		return strerror(error);
	}
}

/*
 * Analyze the file at path, read through fs. Returns 0, -1 when the input
 * could not be read, 1 when it is a directory.
 */
static int
analyze_file(struct ostd_analyzer *a, struct file_source *fs,
    const char *path)
{
	long long had, now;
	struct ostd_source *src;
	int rc;

	if (strcmp(path, "-") == 0)
		return ostd_analyze_source(a, file_source_stdin(fs), "-") ==
		    -1 ? -1 : 0;
	if ((src = file_source_open(fs, path)) == NULL) {
		if (errno == EISDIR)
			return 1;
		ostd_analyzer_account(a, path, true, open_failure(errno));
		return -1;
	}
	rc = ostd_analyze_source(a, src, path);
	if (file_source_shrank(fs, &had, &now)) {
		char *msg = xasprintf("the file was cut from %lld to %lld bytes "
		    "while it was read: what was cut off was not read",
		    had, now);

		ostd_analyzer_note(a, path, 0, msg);
		free(msg);
	}
	file_source_close(fs);
	return rc == -1 ? -1 : 0;
}

/* Account for an input judged not to be read; -1 when it failed. */
static int
account(struct ostd_analyzer *a, const struct input *in)
{
	ostd_analyzer_account(a, in->path, in->failed, in->reason);
	return in->failed ? -1 : 0;
}

/* Analyze an input of the list (where directories are only given without -R). */
static int
analyze_listed(struct ostd_analyzer *a, struct file_source *fs,
    const struct input *in)
{
	int rc;

	if (in->reason != NULL)
		return account(a, in);
	ostd_analyzer_set_found(a, in->found);
	if ((rc = analyze_file(a, fs, in->path)) == 1) {
		ostd_analyzer_account(a, in->path, true,
		    "is a directory (use --recursive)");
		return -1;
	}
	return rc;
}

static int
by_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* What to do with each input a walk finds. */
struct walk {
	const struct ostd_batch *b;	/* which names to take */
	struct ostd_analyzer *a;	/* for notes, and to analyze now */
	struct file_source *fs;		/* to read files with now */
	bool recursive;
	bool collect;			/* list the inputs instead */
	int depth;			/* of the directory being walked; 0: none */
	struct input *list;
	size_t n, cap;
};

/*
 * Take an input: listed (with threads) or dealt with now. reason, when not
 * NULL, says why it is not read. Returns 0, or -1 when it could not be read.
 */
static int
take(struct walk *w, const char *path, const char *reason, bool failed)
{
	struct input in = { (char *)path, (char *)reason, failed, w->depth > 0 };

	if (!w->collect)
		return reason != NULL ? account(w->a, &in) :
		    analyze_listed(w->a, w->fs, &in);
	grow_array((void **)&w->list, &w->cap, w->n + 1, sizeof(*w->list));
	w->list[w->n].path = xstrdup(path);
	w->list[w->n].reason = reason != NULL ? xstrdup(reason) : NULL;
	w->list[w->n].failed = failed;
	w->list[w->n].found = in.found;
	w->n++;
	return failed ? -1 : 0;
}

/* The kind of file kind is, for a note. */
static const char *
file_kind(enum platform_kind kind)
{
	switch (kind) {
	case PLATFORM_FIFO:
		return "a FIFO";
	case PLATFORM_SOCKET:
		return "a socket";
	case PLATFORM_CHAR_DEVICE:
	case PLATFORM_BLOCK_DEVICE:
		return "a device";
	default:
		return "not a regular file";
	}
}

static int walk_dir(struct walk *w, const char *path, int depth);

/* Does b take the file at path (by its name, as --include/--exclude-file say)? */
static bool
wanted_name(const struct ostd_batch *b, const char *path)
{
	const char *name = platform_base_name(path);
	bool included = b->ninclude == 0;

	for (size_t i = 0; i < b->ninclude && !included; i++)
		included = platform_name_matches(b->include[i], name);
	for (size_t i = 0; i < b->nexclude && included; i++)
		included = !platform_name_matches(b->exclude[i], name);
	return included;
}

/*
 * An entry a directory walk found: a regular file is read (also through a
 * symbolic link), a directory walked; links to directories are not followed
 * (so no loop can form), and FIFOs, sockets, devices and dangling links are
 * accounted for as skipped, with the reason.
 */
static int
walk_entry(struct walk *w, const char *path, int depth)
{
	struct platform_stat st, target;
	char why[96];

	if (platform_lstat(path, &st) != 0)
		return take(w, path, strerror(errno), true);
	if (st.kind == PLATFORM_DIRECTORY)
		return walk_dir(w, path, depth);
	if (!wanted_name(w->b, path))
		return 0;
	if (st.kind == PLATFORM_REGULAR)
		return take(w, path, NULL, false);
	if (st.kind != PLATFORM_LINK) {
		snprintf(why, sizeof(why), "%s, not read", file_kind(st.kind));
		return take(w, path, why, false);
	}
	if (platform_stat(path, &target) != 0)
		return take(w, path, errno == ENOENT ?
		    "a symbolic link to nothing, not read" : strerror(errno),
		    false);
	if (target.kind == PLATFORM_REGULAR)
		return take(w, path, NULL, false);
	snprintf(why, sizeof(why), "a symbolic link to %s, not followed",
	    target.kind == PLATFORM_DIRECTORY ? "a directory" :
	    file_kind(target.kind));
	return take(w, path, why, false);
}

/* Walk a directory's entries in name order. */
static int
walk_dir(struct walk *w, const char *path, int depth)
{
	struct platform_dir *dir;
	const char *name;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (depth > MAX_DEPTH)
		return take(w, path, "directories nested too deep", true);
	if ((dir = platform_dir_open(path)) == NULL)
		return take(w, path, strerror(errno), true);
	while ((name = platform_dir_next(dir)) != NULL) {
		grow_array((void **)&names, &cap, n + 1, sizeof(*names));
		names[n++] = platform_path_join(path, name);
	}
	platform_dir_close(&dir);
	if (n > 1)
		qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		if (!ostd_analyzer_failed(w->a)) {
			w->depth = depth + 1;
			rc |= walk_entry(w, names[i], depth + 1);
		}
		free(names[i]);
	}
	free(names);
	w->depth = depth;
	return rc;
}

/*
 * Walk a path from the command line: with recursive, a directory (also
 * through a symbolic link) is walked; anything else is an input to read,
 * which says for itself when it cannot be. Returns 0, or -1 when any input
 * could not be read.
 */
static int
walk_path(struct walk *w, const char *path)
{
	struct platform_stat st;

	if (w->recursive && strcmp(path, "-") != 0 &&
	    platform_stat(path, &st) == 0 && st.kind == PLATFORM_DIRECTORY)
		return walk_dir(w, path, 0);
	return take(w, path, NULL, false);
}

/*
 * Inputs read on several threads, reported in input order. A reader takes the
 * next input and hands its recording over. The reporting thread is a reader
 * too: while the recording it needs next is not in, it reads the next input
 * itself rather than sleep, so -j N runs N threads. Two buy 35% on 10,000 logs
 * of 2 KB (182 against 278 ms with -j 1, 2 cores).
 *
 * Memory with threads is bounded: a recording is given up past
 * OSTD_RECORDING_LIMIT (the reporting thread then reads that input itself, as
 * it comes), and readers take no new inputs while the recordings waiting to
 * be replayed hold more than that many bytes a thread.
 */

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t ready;	/* the recording the reporter waits for is in */
	pthread_cond_t room;	/* readers may take inputs again */
	const struct ostd_batch *batch;
	const struct input *inputs;
	struct ostd_recording **recs;	/* done when non-NULL */
	size_t n, next, replayed, window;
	size_t waiting;		/* the input the reporter waits for, or n */
	size_t blocked;		/* readers waiting for room */
	bool stop;
	bool sessions;		/* the reporter needs session records */
	bool *reread;		/* the reporter reads the input itself */
	size_t waiting_bytes;	/* held by recordings not yet replayed */
	size_t budget;		/* waiting_bytes past it: no new inputs */
};

/* A reader and what it owns. */
struct worker {
	struct pool *pool;
	struct ostd_ruleset *rs;	/* its own rules; NULL: the reporter's */
	struct ostd_analyzer *a;	/* recording */
	struct file_source *fs;
};

/* What a reader can do now. */
enum turn { TURN_READ, TURN_WAIT, TURN_DONE };

/*
 * Claim the next input: sets *i and returns TURN_READ, or says to wait for
 * room (or the recording awaited) or that nothing is left. Called with p->mu
 * held.
 */
static enum turn
claim_input(struct pool *p, size_t *i)
{
	if (p->stop || p->next >= p->n)
		return TURN_DONE;
	/*
	 * Recordings wait only for inputs before p->next: when the one the
	 * reporter needs is not claimed yet, none wait and the budget is free.
	 */
	if (p->next >= p->replayed + p->window || p->waiting_bytes > p->budget)
		return TURN_WAIT;
	*i = p->next++;
	return TURN_READ;
}

/*
 * Can a reading thread read path? Only a regular file (or what cannot be
 * found, which it notes): a pipe or a device could not be read again when
 * its recording overflows, so the reporting thread reads those itself.
 */
static bool
readable_anywhere(const char *path)
{
	struct platform_stat st;

	return platform_stat(path, &st) != 0 || st.kind == PLATFORM_REGULAR ||
	    st.kind == PLATFORM_DIRECTORY;
}

/*
 * Read input i and hand its recording over. Called with p->mu held, which is
 * let go while reading.
 */
static void
read_input(struct worker *w, size_t i)
{
	struct pool *p = w->pool;
	const struct input *in = &p->inputs[i];
	struct ostd_recording *rec;
	bool reread;
	int status = 0;

	pthread_mutex_unlock(&p->mu);
	reread = in->reason == NULL && !readable_anywhere(in->path);
	if (!reread)
		status = analyze_listed(w->a, w->fs, in);
	rec = ostd_analyzer_take_recording(w->a);
	ostd_recording_set_status(rec, status);
	reread |= ostd_recording_overflowed(rec);
	pthread_mutex_lock(&p->mu);
	p->recs[i] = rec;
	p->reread[i] = reread;
	p->waiting_bytes += ostd_recording_bytes(rec);
	if (p->waiting == i)
		pthread_cond_signal(&p->ready);
}

/* Set w up to record with the rules rs. */
static void
worker_start(struct worker *w, const struct ostd_ruleset *rs)
{
	struct pool *p = w->pool;

	w->a = ostd_analyzer_new(rs, NULL);
	w->fs = file_source_new();
	p->batch->configure(w->a, p->batch->ctx);
	ostd_analyzer_record_sessions(w->a, p->sessions);
	ostd_analyzer_start_recording(w->a);
	ostd_analyzer_limit_recording(w->a, OSTD_RECORDING_LIMIT);
}

static void
worker_stop(struct worker *w)
{
	ostd_analyzer_free(&w->a);
	file_source_free(&w->fs);
}

/* A reading thread: takes the next input, records what it finds. */
static void *
read_inputs(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;
	size_t i;
	enum turn turn;

	worker_start(w, w->rs);
	pthread_mutex_lock(&p->mu);
	while ((turn = claim_input(p, &i)) != TURN_DONE) {
		if (turn == TURN_READ) {
			read_input(w, i);
			continue;
		}
		p->blocked++;
		pthread_cond_wait(&p->room, &p->mu);
		p->blocked--;
	}
	pthread_mutex_unlock(&p->mu);
	worker_stop(w);
	return NULL;
}

/*
 * Read the listed inputs on jobs threads, this one among them, and replay
 * them, in order, into a. This thread reads with a's rules: no other thread
 * uses them.
 */
static int
analyze_parallel(struct ostd_analyzer *a, const struct ostd_batch *b,
    const struct input *inputs, size_t n, size_t jobs)
{
	struct pool p;
	pthread_t *threads = xcalloc(jobs, sizeof(*threads));
	struct worker *workers = xcalloc(jobs, sizeof(*workers));
	struct worker *self = &workers[jobs - 1];
	int trouble = 0;

	memset(&p, 0, sizeof(p));
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.ready, NULL);
	pthread_cond_init(&p.room, NULL);
	p.batch = b;
	p.sessions = ostd_analyzer_wants_sessions(a);
	p.inputs = inputs;
	p.n = n;
	p.waiting = n;
	p.window = jobs * 64;	/* recordings waiting at most */
	p.budget = jobs * OSTD_RECORDING_LIMIT;
	p.recs = xcalloc(n, sizeof(*p.recs));
	p.reread = xcalloc(n, sizeof(*p.reread));
	for (size_t t = 0; t < jobs; t++)
		workers[t].pool = &p;
	/* Each thread's rules, cloned while no thread uses a's. */
	for (size_t t = 0; t + 1 < jobs; t++)
		workers[t].rs = ostd_ruleset_clone(ostd_analyzer_ruleset(a));
	for (size_t t = 0; t + 1 < jobs; t++) {
		if (pthread_create(&threads[t], NULL, read_inputs, &workers[t])) {
			fprintf(stderr, "ostdiag: cannot start a thread\n");
			exit(2);
		}
	}
	worker_start(self, ostd_analyzer_ruleset(a));
	for (size_t i = 0; i < n; i++) {
		struct ostd_recording *rec;
		size_t k;
		bool reread;

		pthread_mutex_lock(&p.mu);
		while (p.recs[i] == NULL) {
			if (claim_input(&p, &k) == TURN_READ) {
				read_input(self, k);
				continue;
			}
			p.waiting = i;
			pthread_cond_wait(&p.ready, &p.mu);
			p.waiting = n;
		}
		rec = p.recs[i];
		reread = p.reread[i];
		pthread_mutex_unlock(&p.mu);
		if (reread)
			trouble |= analyze_listed(a, self->fs, &inputs[i]) != 0;
		else
			trouble |= ostd_analyzer_replay(a, rec) == -1;
		pthread_mutex_lock(&p.mu);
		p.waiting_bytes -= ostd_recording_bytes(rec);
		p.recs[i] = NULL;
		p.replayed++;
		p.stop = ostd_analyzer_failed(a);
		if (p.blocked > 0)
			pthread_cond_broadcast(&p.room);
		pthread_mutex_unlock(&p.mu);
		ostd_recording_free(&rec);
		if (p.stop)
			break;
	}
	for (size_t t = 0; t + 1 < jobs; t++)
		pthread_join(threads[t], NULL);
	worker_stop(self);
	for (size_t i = 0; i < n; i++)
		ostd_recording_free(&p.recs[i]);
	for (size_t t = 0; t < jobs; t++)
		ostd_ruleset_free(&workers[t].rs);	/* after its recordings */
	free(p.recs);
	free(p.reread);
	free(threads);
	free(workers);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.ready);
	pthread_cond_destroy(&p.room);
	return trouble ? -1 : 0;
}

int
ostd_analyze_batch(struct ostd_analyzer *a, const struct ostd_batch *b,
    char *const *paths, int npaths)
{
	struct walk w;
	struct ostd_source in;
	bool uses_stdin = false;
	int trouble = 0;

	if (npaths == 0) {
		ostd_source_fd(&in, platform_stdin());
		return ostd_analyze_source(a, &in, "-") == -1 ? -1 : 0;
	}
	memset(&w, 0, sizeof(w));
	w.b = b;
	w.a = a;
	w.recursive = b->recursive;
	w.collect = b->jobs > 1;
	w.fs = file_source_new();
	for (int i = 0; i < npaths && !ostd_analyzer_failed(a); i++)
		trouble |= walk_path(&w, paths[i]) != 0;
	for (size_t i = 0; i < w.n; i++)
		uses_stdin |= strcmp(w.list[i].path, "-") == 0;
	if (!w.collect) {
		/* Read as walked. */
	} else if (uses_stdin || w.n < 2) {
		/* Standard input cannot be shared out; one input needs no threads. */
		for (size_t i = 0; i < w.n && !ostd_analyzer_failed(a); i++)
			trouble |= analyze_listed(a, w.fs, &w.list[i]) != 0;
	} else {
		trouble |= analyze_parallel(a, b, w.list, w.n,
		    (size_t)b->jobs < w.n ? (size_t)b->jobs : w.n) != 0;
	}
	for (size_t i = 0; i < w.n; i++) {
		free(w.list[i].path);
		free(w.list[i].reason);
	}
	free(w.list);
	file_source_free(&w.fs);
	return trouble ? -1 : 0;
}
