/*
 * fuzz_msg.c: libFuzzer harness for Outlook .msg files: the compound-file layer,
 * compressed RTF, and the message reader.
 *
 * Checks, for any bytes: cfb_open either fails with a message or gives a
 * directory whose every entry and stream can be listed and read within limits;
 * lzfu_decompress either fails with a message or gives no more than it may;
 * ostd_msg_read either fails with a message or gives a NUL-terminated body of
 * the length it says (with a message when it read around damage).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/message.h"
#include "ostdiag/msgfile.h"
#include "input/cfb.h"
#include "input/lzfu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
visit(const struct cfb_entry *e, void *ctx)
{
	(void)ctx;
	return e->name[sizeof(e->name) - 1] != '\0';	/* names are terminated */
}

static void
fuzz_cfb(const uint8_t *data, size_t size)
{
	struct cfb *c = NULL;
	char *err = NULL;

	if (cfb_open(data, size, &c, &err) != 0) {
		if (err == NULL)
			abort();
		free(err);
		return;
	}
	for (uint32_t id = 0; id < cfb_entries(c) && id < 64; id++) {
		struct cfb_entry e;
		unsigned char *buf = NULL;
		size_t len = 0;

		if (cfb_entry(c, id, &e) != 0)
			continue;
		if (e.type == CFB_STORAGE || e.type == CFB_ROOT_STORAGE) {
			if (cfb_children(c, id, visit, NULL, &err) < 0)
				free(err), err = NULL;
		} else if (e.type == CFB_STREAM) {
			if (cfb_read(c, id, 1 << 20, &buf, &len, &err) == 0) {
				if (buf[len] != '\0')
					abort();
				free(buf);
			} else {
				free(err);
				err = NULL;
			}
		}
	}
	cfb_free(&c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ostd_message m;
	char *err = NULL, *out = NULL;
	size_t outlen = 0;
	int rc;

	fuzz_cfb(data, size);

	if (lzfu_decompress(data, size, 1 << 20, &out, &outlen, &err) == 0) {
		if (outlen > 1 << 20 || out[outlen] != '\0')
			abort();
		free(out);
	} else {
		if (err == NULL)
			abort();
		free(err);
		err = NULL;
	}

	memset(&m, 0, sizeof(m));
	rc = ostd_msg_read(data, size, &m, &err);
	if (rc >= 0) {
		/* Read around damage (1) or not, the body is whole. */
		if (m.body == NULL || strlen(m.body) != m.body_len)
			abort();
		if ((rc == 1) != (err != NULL))
			abort();
		free(err);
	} else {
		if (err == NULL)
			abort();
		free(err);
	}
	ostd_message_free(&m);
	return 0;
}
