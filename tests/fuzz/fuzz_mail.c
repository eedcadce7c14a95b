/*
 * fuzz_mail.c: libFuzzer harness for the text-message readers: RTF, MIME mail
 * and web archives, HTML, and the header block of text saved from Outlook, and
 * for the input layer that picks among them by content.
 *
 * Checks, for any bytes: each reader either fails with a message or gives
 * NUL-terminated text of the length it says (with a message when it read around
 * damage, and only then), the HTML reader's ending in a line end, a web
 * archive's with no date; ostd_input_open on the bytes (found by content, and
 * forced to each format) either fails with a message, finds no log in them, or
 * gives a stream that reads to its end.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostdiag/html.h"
#include "ostdiag/input.h"
#include "ostdiag/message.h"
#include "ostdiag/mime.h"
#include "ostdiag/rtf.h"
#include "ostdiag/txtheader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_input(const uint8_t *data, size_t size, enum ostd_input_format f)
{
	struct ostd_input in;
	char *err = NULL, buf[4096];
	struct ostd_source raw;

	ostd_source_buffer(&raw, data, size);
	if (ostd_input_open(&in, &raw, f, OSTD_ENC_AUTO, &err) == 0) {
		/*
		 * An input found to be no log is not opened further, nor is an
		 * Outlook data file, which is read by its name.
		 */
		bool streamed = in.not_log == NULL &&
		    in.format != OSTD_INPUT_PST;

		if (streamed && in.text == NULL)
			abort();
		while (streamed && ostd_source_read(in.text, buf,
		    sizeof(buf)) > 0)
			;
	} else {
		if (err == NULL)
			abort();
		free(err);
	}
	ostd_input_close(&in);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct ostd_message m;
	char *err = NULL, *text = NULL;
	size_t len = 0, off = 0;
	int rc;

	rc = ostd_rtf_to_text(s, size, &text, &len, &err);
	if (rc >= 0 && (text == NULL || strlen(text) > len))
		abort();
	if (rc != 0 && err == NULL)
		abort();
	free(text);
	free(err);
	err = NULL;

	for (int mht = 0; mht < 2; mht++) {
		memset(&m, 0, sizeof(m));
		rc = mht ? ostd_mht_read(s, size, &m, &err) :
		    ostd_mime_read(s, size, &m, &err);
		if (rc >= 0 && (m.body == NULL || strlen(m.body) > m.body_len))
			abort();
		if ((rc != 0) != (err != NULL) || (mht && m.date != -1))
			abort();
		free(err);
		err = NULL;
		ostd_message_free(&m);
	}

	memset(&m, 0, sizeof(m));
	rc = ostd_html_read(s, size, &m, &err);
	if (rc == 0 && (m.body == NULL || strlen(m.body) > m.body_len ||
	    m.body_len == 0 || m.body[m.body_len - 1] != '\n'))
		abort();
	if ((rc != 0) != (err != NULL))
		abort();
	free(err);
	err = NULL;
	ostd_message_free(&m);
	(void)ostd_html_sniff(data, size);

	memset(&m, 0, sizeof(m));
	if (ostd_txt_header_read(s, size, &m, &off) == 1 && off > size)
		abort();
	ostd_message_free(&m);

	if (size > 0) {
		fuzz_input(data, size, OSTD_INPUT_AUTO);
		fuzz_input(data, size, (enum ostd_input_format)(1 +
		    data[0] % OSTD_INPUT_MHT));
	}
	return 0;
}
