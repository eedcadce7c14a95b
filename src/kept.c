/*
 * kept.c: deep copies of findings.
 */
#include <stdlib.h>
#include <string.h>

#include "kept.h"
#include "util.h"

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void
kept_finding_init(struct kept_finding *k, const struct ostd_finding *src)
{
	memset(k, 0, sizeof(*k));
	k->f = *src;
	k->session = *src->session;
	k->session.blocks = NULL;
	k->session.nblocks = 0;
	k->session.version = dup_or_null(src->session->version);
	k->session.mailbox = dup_or_null(src->session->mailbox);
	k->f.session = &k->session;
	if (src->block != NULL) {
		ostd_block_copy(&k->block, src->block);
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
