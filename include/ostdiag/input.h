/*
 * ostdiag/input.h: opens an input the way a help desk receives it and hands the
 * parser UTF-8 text. The kind of input is found from its content, not its name:
 * an Outlook .msg (compound file), RTF, a MIME message (.eml), a web archive
 * (.mht, MIME too), an HTML document, an Outlook data file (.pst or .ost, read
 * by the analyzer by its name: only its kind is found here), or text in UTF-8,
 * UTF-16 or Windows-1252, possibly starting with the header block Outlook
 * writes when a message is saved as .txt. Messages give their subject and
 * date; the date turns the log's times of day into full timestamps. A page
 * (HTML or MHT) gives them from the same header block at the top of its text,
 * as Outlook writes it when it saves a message as HTML.
 *
 * Plain text is converted as it is read, in constant memory; a message file is
 * read whole, up to OSTD_INPUT_MESSAGE_MAX bytes.
 *
 * Stage 2 of 6, input (src/input/). Takes: a path, standard input, or a
 * message of an Outlook data file, as a struct ostd_source of bytes. Hands on:
 * a struct ostd_source of UTF-8 text, and in struct ostd_input what was found
 * (format, encoding, subject, date). Must not include: the headers of parse,
 * kb, report or run.
 */
#ifndef OSTDIAG_INPUT_H
#define OSTDIAG_INPUT_H

#include <stdbool.h>

#include "ostdiag/encoding.h"
#include "ostdiag/message.h"
#include "ostdiag/source.h"

#define OSTD_INPUT_MESSAGE_MAX (64 * 1024 * 1024)

enum ostd_input_format {
	OSTD_INPUT_AUTO,
	OSTD_INPUT_TEXT,
	OSTD_INPUT_MSG,
	OSTD_INPUT_RTF,
	OSTD_INPUT_EML,
	OSTD_INPUT_HTML,
	OSTD_INPUT_MHT,
	OSTD_INPUT_PST		/* an Outlook data file: see ostdiag/pstfile.h */
};

const char *ostd_input_format_name(enum ostd_input_format f);
int ostd_input_format_from_name(const char *name);	/* -1 when unknown */

struct ostd_input {
	/* UTF-8 text for the parser: raw itself, or own_source */
	struct ostd_source *text;
	struct ostd_source own_source;	/* a decoder of raw, or the body's */
	unsigned char prefix[OSTD_ENC_SNIFF];	/* bytes of raw read before text's */
	size_t prefix_len;		/* (only when text is raw) */
	enum ostd_input_format format;	/* what was found (or forced) */
	enum ostd_encoding encoding;	/* of plain text; AUTO for messages */
	struct ostd_message msg;	/* subject and date, when known */
	unsigned long bad;		/* characters replaced by U+FFFD */
	/*
	 * UTF-8 text found so from its first bytes (no byte-order mark, no
	 * --encoding): a later byte that is not UTF-8 is Windows-1252's.
	 */
	bool utf8_guessed;
	char *body;			/* the decoded body behind text, if any */
	char *warning;			/* damage that was read around, or NULL */
	/*
	 * What the input was found to be when it is no log and holds none
	 * ("a PNG image"), or NULL; then it is not opened further.
	 */
	const char *not_log;
};

/*
 * Open raw (which stays the caller's) as format with encoding (AUTO: detect).
 * Returns 0, or -1 with *err set to an allocated message. in->text points
 * into in: in stays where it is until ostd_input_close.
 */
int ostd_input_open(struct ostd_input *in, struct ostd_source *raw,
    enum ostd_input_format format, enum ostd_encoding encoding, char **err);

/* A short note on what was found, when worth saying ("UTF-16LE text"), or NULL. */
char *ostd_input_describe(const struct ostd_input *in);

void ostd_input_close(struct ostd_input *in);

#endif
