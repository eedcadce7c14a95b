/*
 * kept.c: deep copies of findings.
 */
#include <stdlib.h>
#include <string.h>

#include "report/kept.h"
#include "util/util.h"

static char *
arena_dup(void *ctx, const char *s)
{
	return arena_strdup(ctx, s);
}

void
kept_finding_init(struct kept_finding *k, const struct ostd_finding *src,
    struct arena *ar)
{
	char *(*dup)(void *, const char *) = ar != NULL ? arena_dup :
	    xstrdup_or_null;

	memset(k, 0, sizeof(*k));
	k->f = *src;
	/* A recording outlives the names of the logs of an Outlook data file. */
	if (ar != NULL && src->file != NULL)
		k->f.file = arena_strdup(ar, src->file);
	if (ar != NULL && src->last_file != NULL)
		k->f.last_file = arena_strdup(ar, src->last_file);
	k->session = *src->session;
	k->session.blocks = NULL;
	k->session.nblocks = 0;
	k->session.version = dup(ar, src->session->version);
	k->session.mailbox = dup(ar, src->session->mailbox);
	k->f.session = &k->session;
	if (src->block != NULL) {
		ostd_block_copy_with(&k->block, src->block, dup, ar);
		k->f.block = &k->block;
	}
	k->diag = *src->diag;
	k->f.diag = &k->diag;
}

void
kept_finding_clear(struct kept_finding *k)
{
	free(k->session.version);
	free(k->session.mailbox);
	ostd_block_clear(&k->block);
	memset(k, 0, sizeof(*k));
}
