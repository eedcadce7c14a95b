/*
 * message.c: releasing a decoded message.
 */
#include <stdlib.h>
#include <string.h>

#include "ostdiag/message.h"

void
ostd_message_free(struct ostd_message *m)
{
	if (m == NULL)
		return;
	free(m->subject);
	free(m->body);
	memset(m, 0, sizeof(*m));
	m->date = -1;
}
