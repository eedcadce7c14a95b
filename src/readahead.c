/*
 * readahead.c: a reading thread that fills a ring of batches with copied,
 * split and classified lines, and hands them to the parsing thread in order.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "readahead.h"
#include "util.h"

#define BATCH_LINES 1024	/* lines in a batch at most */
#define LINE_ENTRIES 64		/* entries stored of one line at most */
#define BATCH_EVENTS (BATCH_LINES + LINE_ENTRIES)

/*
 * A batch and its storage. The reading thread writes the counts of the batch it
 * fills with every line while the parser reads those of the one before, so each
 * slot has cache lines of its own.
 */
struct slot {
	_Alignas(64) struct ahead_batch b;
	struct ahead_line *lines;
	struct ostd_event *events;
	size_t nevents;
	char *text;
	size_t used, cap;
	bool full;		/* filled and not yet released by the parser */
};

struct readahead {
	pthread_mutex_t mu;
	pthread_cond_t filled;	/* a slot became full */
	pthread_cond_t emptied;	/* a slot was released, or stop was set */
	pthread_t thread;
	bool started;		/* thread runs (until joined) */
	struct ostd_reader *rd;
	struct slot slots[READAHEAD_SLOTS];
	size_t fill;		/* batches filled so far; the next goes in
				 * slots[fill % READAHEAD_SLOTS] */
	size_t take;		/* batches taken so far */
	bool held;		/* the parser holds the batch taken last */
	bool last_taken;	/* the batch with the end of input was taken */
	bool stop;
	size_t split_when;	/* batches waiting that make this thread split */
	/* A line read that did not fit its batch; it starts the next one. */
	struct ostd_line pending;
	bool has_pending;
	unsigned long last_number;
};

static void
slot_reset(struct slot *s)
{
	s->b.nlines = 0;
	s->b.status = 1;
	s->b.error = 0;
	s->b.error_line = 0;
	s->nevents = 0;
	s->used = 0;
}

/* Does line fit in s? An empty batch takes any line, growing its text. */
static bool
slot_room(struct slot *s, const struct ostd_line *line)
{
	if (s->b.nlines == 0) {
		if (line->len > s->cap) {
			s->text = xreallocarray(s->text, line->len, 1);
			s->cap = line->len;
		}
		return true;
	}
	return s->b.nlines < BATCH_LINES &&
	    BATCH_EVENTS - s->nevents >= LINE_ENTRIES &&
	    line->len <= s->cap - s->used;
}

/* Copy line into s and, when split, split it into entries. */
static void
slot_add(struct slot *s, const struct ostd_line *line, bool split)
{
	struct ahead_line *al = &s->lines[s->b.nlines++];
	char *text = s->text + s->used;

	if (line->len > 0)
		memcpy(text, line->ptr, line->len);
	s->used += line->len;
	al->number = line->number;
	al->text = text;
	al->len = line->len;
	al->full_len = line->full_len;
	al->cut = line->cut;
	al->first = s->nevents;
	al->nevents = split ? ostd_line_entries(text, line->len,
	    s->events + s->nevents, LINE_ENTRIES) : 0;
	s->nevents += al->nevents;
}

/* Fill s with lines (split when split) until it is full or the input ends. */
static void
slot_fill(struct readahead *ra, struct slot *s, bool split)
{
	struct ostd_line line;
	int got;

	slot_reset(s);
	if (ra->has_pending) {
		ra->has_pending = false;
		(void)slot_room(s, &ra->pending);
		slot_add(s, &ra->pending, split);
	}
	for (;;) {
		if ((got = ostd_reader_next(ra->rd, &line)) != 1) {
			s->b.status = got;
			s->b.error = got < 0 ? errno : 0;
			s->b.error_line = ra->last_number;
			return;
		}
		ra->last_number = line.number;
		if (!slot_room(s, &line)) {
			ra->pending = line;	/* valid: rd is not read again */
			ra->has_pending = true;
			return;
		}
		slot_add(s, &line, split);
	}
}

/*
 * Splitting and classifying cost about twice what parsing does, so this thread
 * takes them on only while the parser falls behind (split_when batches wait for
 * it), and otherwise leaves them to the parser: the work balances itself.
 */
static void *
read_ahead(void *arg)
{
	struct readahead *ra = arg;

	for (;;) {
		struct slot *s;
		bool stop, split;

		pthread_mutex_lock(&ra->mu);
		s = &ra->slots[ra->fill % READAHEAD_SLOTS];
		while (!ra->stop && s->full)
			pthread_cond_wait(&ra->emptied, &ra->mu);
		stop = ra->stop;
		split = ra->fill - ra->take >= ra->split_when;
		pthread_mutex_unlock(&ra->mu);
		if (stop)
			break;
		slot_fill(ra, s, split);	/* the parser does not touch s now */
		pthread_mutex_lock(&ra->mu);
		s->full = true;
		ra->fill++;
		pthread_cond_signal(&ra->filled);
		pthread_mutex_unlock(&ra->mu);
		if (s->b.status != 1)
			break;
	}
	return NULL;
}

struct readahead *
readahead_start(struct ostd_reader *rd, size_t split_when)
{
	struct readahead *ra = xcalloc(1, sizeof(*ra));

	ra->rd = rd;
	ra->split_when = split_when;
	for (size_t i = 0; i < READAHEAD_SLOTS; i++) {
		struct slot *s = &ra->slots[i];

		s->lines = xmalloc(BATCH_LINES * sizeof(*s->lines));
		s->events = xmalloc(BATCH_EVENTS * sizeof(*s->events));
		s->text = xmalloc(READAHEAD_TEXT);
		s->cap = READAHEAD_TEXT;
		s->b.lines = s->lines;
		s->b.events = s->events;
	}
	pthread_mutex_init(&ra->mu, NULL);
	pthread_cond_init(&ra->filled, NULL);
	pthread_cond_init(&ra->emptied, NULL);
	ra->started = pthread_create(&ra->thread, NULL, read_ahead, ra) == 0;
	if (!ra->started)
		readahead_stop(&ra);
	return ra;
}

const struct ahead_batch *
readahead_next(struct readahead *ra)
{
	struct slot *s;

	pthread_mutex_lock(&ra->mu);
	if (ra->held) {
		ra->slots[(ra->take - 1) % READAHEAD_SLOTS].full = false;
		ra->held = false;
		pthread_cond_signal(&ra->emptied);
	}
	if (ra->last_taken) {
		pthread_mutex_unlock(&ra->mu);
		return NULL;
	}
	s = &ra->slots[ra->take % READAHEAD_SLOTS];
	while (!s->full)
		pthread_cond_wait(&ra->filled, &ra->mu);
	ra->take++;
	ra->held = true;
	ra->last_taken = s->b.status != 1;
	pthread_mutex_unlock(&ra->mu);
	return &s->b;
}

void
readahead_stop(struct readahead **rap)
{
	struct readahead *ra;

	if (rap == NULL || (ra = *rap) == NULL)
		return;
	pthread_mutex_lock(&ra->mu);
	ra->stop = true;
	pthread_cond_broadcast(&ra->emptied);
	pthread_mutex_unlock(&ra->mu);
	if (ra->started)
		pthread_join(ra->thread, NULL);
	for (size_t i = 0; i < READAHEAD_SLOTS; i++) {
		free(ra->slots[i].lines);
		free(ra->slots[i].events);
		free(ra->slots[i].text);
	}
	pthread_mutex_destroy(&ra->mu);
	pthread_cond_destroy(&ra->filled);
	pthread_cond_destroy(&ra->emptied);
	free(ra);
	*rap = NULL;
}
