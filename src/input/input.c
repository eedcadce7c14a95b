/*
 * input.c: finding what an input is from its first bytes, and opening it as
 * UTF-8 text.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ostdiag/html.h"
#include "ostdiag/input.h"
#include "ostdiag/mime.h"
#include "ostdiag/msgfile.h"
#include "ostdiag/rtf.h"
#include "ostdiag/txtheader.h"
#include "input/filekind.h"
#include "util/util.h"

static const char *const format_names[] = {
	"auto", "text", "msg", "rtf", "eml", "html", "mht", "pst",
};

const char *
ostd_input_format_name(enum ostd_input_format f)
{
	return (unsigned)f < sizeof(format_names) / sizeof(format_names[0]) ?
	    format_names[f] : "?";
}

int
ostd_input_format_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]);
	    i++)
		if (strcmp(name, format_names[i]) == 0)
			return (int)i;
	return -1;
}

/*
 * Header fields of mail. The first ones are also in the block Outlook writes at
 * the top of a message saved as text (From:, Sent:, To:, Cc:, Subject:); the
 * others only a mail system or a MIME writer adds.
 */
static const char *const mail_fields[] = {
	"from", "to", "cc", "bcc", "subject", "date", "sender", "reply-to",
};
/* Fields of mail that was sent, which a saved web archive does not have. */
static const char *const sent_fields[] = {
	"to", "cc", "bcc", "message-id", "received",
};
static const char *const mime_fields[] = {
	"message-id", "mime-version", "content-type",
	"content-transfer-encoding", "received", "return-path", "delivered-to",
	"in-reply-to", "references", "dkim-signature", "authentication-results",
	"thread-topic", "thread-index",
};

/* Whether name[0..len) is one of the n field names in names, in any case. */
static bool
field_in(const char *name, size_t len, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(names[i]) == len && ascii_strncaseeq(name, names[i],
		    len))
			return true;
	return false;
}

/*
 * The length of the field name that starts line[0..len), up to its colon, or
 * 0 when the line is no header field. RFC 5322 allows any printable character
 * but the colon in a name; blanks before the colon are its obsolete syntax.
 */
static size_t
field_name(const unsigned char *line, size_t len)
{
	size_t i = 0, name;

	while (i < len && line[i] > 0x20 && line[i] < 0x7F && line[i] != ':')
		i++;
	name = i;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return name > 0 && i < len && line[i] == ':' ? name : 0;
}

/* Whether the field value v[0..n) starts with word, after blanks. */
static bool
value_starts(const unsigned char *v, size_t n, const char *word)
{
	size_t len = strlen(word);

	while (n > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	return n >= len && ascii_strncaseeq((const char *)v, word, len);
}

/* What the header block of a mail message or a web archive shows. */
struct mime_head {
	size_t fields;		/* fields of mail */
	size_t mime;		/* of them, fields only a MIME writer adds */
	bool related;		/* Content-Type: multipart/related */
	bool sent;		/* a field of mail that was sent */
	bool saved;		/* From: <Saved by ...>, as a browser writes */
	bool type_next;		/* Content-Type's value is on the next line */
};

/* Note the field line[0..len), whose name is line[0..name). */
static void
note_field(struct mime_head *h, const unsigned char *line, size_t len,
    size_t name)
{
	const unsigned char *colon = memchr(line, ':', len), *v = colon + 1;
	size_t vl = len - (size_t)(v - line);

	h->type_next = false;
	if (field_in((const char *)line, name, mime_fields,
	    sizeof(mime_fields) / sizeof(mime_fields[0]))) {
		h->fields++;
		h->mime++;
	} else if (field_in((const char *)line, name, mail_fields,
	    sizeof(mail_fields) / sizeof(mail_fields[0]))) {
		h->fields++;
	}
	if (field_in((const char *)line, name, sent_fields,
	    sizeof(sent_fields) / sizeof(sent_fields[0]))) {
		h->sent = true;
	} else if (name == 12 && ascii_strncaseeq((const char *)line,
	    "content-type", 12)) {
		h->related = value_starts(v, vl, "multipart/related");
		while (vl > 0 && (*v == ' ' || *v == '\t')) {
			v++;
			vl--;
		}
		h->type_next = vl == 0;
	} else if (name == 4 && ascii_strncaseeq((const char *)line, "from",
	    4)) {
		h->saved = value_starts(v, vl, "<Saved by ");
	}
}

/*
 * Does the text s[0..n) start with the header block of a mail message? Every
 * line up to the first blank one must be a header field or a folded
 * continuation, and the block must hold two fields of mail, one of them a
 * field that Outlook's text saves do not have. An mbox "From " line may come
 * first. When s is not the whole input (whole false), a last line cut short
 * is not judged. Returns OSTD_INPUT_TEXT when it does not; OSTD_INPUT_MHT for
 * a web archive, whose Content-Type is multipart/related and which has no
 * field of sent mail (To, Message-ID, Received, ...) or says it was saved
 * ("From: <Saved by Windows Internet Explorer 8>"); else OSTD_INPUT_EML.
 */
static enum ostd_input_format
mime_kind(const unsigned char *s, size_t n, bool whole)
{
	struct mime_head h = { 0 };
	size_t lines = 0;

	if (n >= 5 && memcmp(s, "From ", 5) == 0) {
		const unsigned char *nl = memchr(s, '\n', n);

		if (nl == NULL)
			return OSTD_INPUT_TEXT;
		n -= (size_t)(nl + 1 - s);
		s = nl + 1;
	}
	while (n > 0) {
		const unsigned char *nl = memchr(s, '\n', n);
		size_t len = nl != NULL ? (size_t)(nl - s) : n, name;

		if (len > 0 && s[len - 1] == '\r')
			len--;
		if (len == 0)
			break;		/* the end of the header block */
		if (nl == NULL && !whole)
			break;		/* cut where the sniffed bytes end */
		if (s[0] == ' ' || s[0] == '\t') {
			if (lines == 0)
				return OSTD_INPUT_TEXT;
			if (h.type_next)
				h.related = value_starts(s, len,
				    "multipart/related");
			h.type_next = false;
		} else if ((name = field_name(s, len)) == 0) {
			return OSTD_INPUT_TEXT;
		} else {
			note_field(&h, s, len, name);
		}
		lines++;
		if (nl == NULL)
			break;
		n -= (size_t)(nl + 1 - s);
		s = nl + 1;
	}
	if (h.fields < 2 || h.mime < 1)
		return OSTD_INPUT_TEXT;
	return h.related && (!h.sent || h.saved) ? OSTD_INPUT_MHT :
	    OSTD_INPUT_EML;
}

/*
 * The format of an input from its first n bytes s; whole says whether they
 * are all of it.
 */
static enum ostd_input_format
sniff(const unsigned char *s, size_t n, bool whole)
{
	static const unsigned char cfb[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1,
		0x1A, 0xE1 };
	size_t i = 0;

	if (n >= sizeof(cfb) && memcmp(s, cfb, sizeof(cfb)) == 0)
		return OSTD_INPUT_MSG;
	if (n >= 4 && memcmp(s, "!BDN", 4) == 0)
		return OSTD_INPUT_PST;	/* the header of a .pst or .ost */
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && ascii_isspace(s[i]))
		i++;
	if (n - i >= 5 && memcmp(s + i, "{\\rtf", 5) == 0)
		return OSTD_INPUT_RTF;
	if (ostd_html_sniff(s, n))
		return OSTD_INPUT_HTML;
	return mime_kind(s + i, n - i, whole);
}

/* Read the rest of raw after the sniffed bytes, whole and capped. */
static unsigned char *
read_whole(struct ostd_source *raw, const unsigned char *head, size_t nhead,
    size_t *len, char **err)
{
	struct strbuf b;
	char chunk[65536];
	size_t n;

	strbuf_init(&b, OSTD_INPUT_MESSAGE_MAX);
	strbuf_add(&b, (const char *)head, nhead);
	while (!b.truncated &&
	    (n = ostd_source_read(raw, chunk, sizeof(chunk))) > 0)
		strbuf_add(&b, chunk, n);
	if (raw->error != 0 || b.truncated) {
		*err = raw->error != 0 ?
		    xasprintf("read error: %s", strerror(raw->error)) :
		    xasprintf("message file larger than %d MiB",
		    OSTD_INPUT_MESSAGE_MAX >> 20);
		strbuf_free(&b);
		return NULL;
	}
	*len = b.len;
	return (unsigned char *)strbuf_detach(&b);
}

/* Make in->text read the decoded body. */
static int
open_body(struct ostd_input *in, char **err)
{
	if (in->msg.body == NULL || in->msg.body_len == 0) {
		*err = xstrdup("the message has no text body");
		return -1;
	}
	ostd_source_buffer(&in->own_source, in->msg.body, in->msg.body_len);
	in->text = &in->own_source;
	return 0;
}

/*
 * Take the subject and date of a page's text from the header block at its top,
 * as Outlook writes it when it saves a message as HTML; as for a .txt save,
 * the Sent: time is local time of no known zone.
 */
static void
take_header_block(struct ostd_message *m)
{
	struct ostd_message h;
	size_t body_offset;

	if (ostd_txt_header_read(m->body, m->body_len, &h, &body_offset) != 1)
		return;
	free(m->subject);
	m->subject = h.subject;
	m->date = h.date;
	m->utc_offset = 0;
	m->has_offset = 0;
}

static int
open_message(struct ostd_input *in, struct ostd_source *raw,
    const unsigned char *head, size_t nhead, char **err)
{
	size_t len = 0;
	unsigned char *buf = read_whole(raw, head, nhead, &len, err);
	char *text = NULL;
	size_t text_len = 0;
	int rc = -1;

	if (buf == NULL)
		return -1;
	switch (in->format) {
	case OSTD_INPUT_MSG:
		rc = ostd_msg_read(buf, len, &in->msg, err);
		if (rc == 1) {	/* read around damage */
			in->warning = *err;
			*err = NULL;
			rc = 0;
		}
		break;
	case OSTD_INPUT_EML:
	case OSTD_INPUT_MHT:
		rc = in->format == OSTD_INPUT_EML ?
		    ostd_mime_read((const char *)buf, len, &in->msg, err) :
		    ostd_mht_read((const char *)buf, len, &in->msg, err);
		if (rc == 1) {	/* read around damage */
			in->warning = *err;
			*err = NULL;
			rc = 0;
		}
		if (rc == 0 && in->format == OSTD_INPUT_MHT)
			take_header_block(&in->msg);
		break;
	case OSTD_INPUT_HTML:
		rc = ostd_html_read((const char *)buf, len, &in->msg, err);
		if (rc == 0)
			take_header_block(&in->msg);
		break;
	case OSTD_INPUT_RTF:
		rc = ostd_rtf_to_text((const char *)buf, len, &text, &text_len,
		    err);
		if (rc >= 0) {
			in->msg.body = text;
			in->msg.body_len = text_len;
			in->msg.body_source = "rtf";
			if (rc == 1) {	/* damaged, but the text was recovered */
				in->warning = *err;
				*err = NULL;
			}
			rc = 0;
		}
		break;
	default:
		break;
	}
	free(buf);
	if (rc != 0)
		return -1;
	return open_body(in, err);
}

/* Could the text start with the header block of a message saved as .txt? */
static bool
may_have_header(const unsigned char *head, size_t nhead, enum ostd_encoding enc)
{
	static const char *const words[] = { "from:", "sent:", "date:", "to:",
		"subject:" };
	size_t len = 0;
	char *start = ostd_to_utf8(head, nhead < 64 ? nhead : 64, enc, &len,
	    NULL);
	const char *p = start;
	bool found = false;

	if (start == NULL)
		return false;
	while (len > 0 && ascii_isspace((unsigned char)*p)) {
		p++;
		len--;
	}
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (len >= strlen(words[i]) &&
		    ascii_strncaseeq(p, words[i], strlen(words[i])))
			found = true;
	free(start);
	return found;
}

static int
open_text(struct ostd_input *in, struct ostd_source *raw,
    const unsigned char *head, size_t nhead, enum ostd_encoding encoding,
    char **err)
{
	size_t bom = 0, ulen = 0;
	char *utf8;

	in->encoding = encoding != OSTD_ENC_AUTO ? encoding :
	    ostd_encoding_detect(head, nhead, &bom);
	/* The header block of a message saved as .txt gives subject and date. */
	if (may_have_header(head, nhead, in->encoding) &&
	    (utf8 = ostd_to_utf8(head, nhead, in->encoding, &ulen, NULL)) !=
	    NULL) {
		size_t body_offset = 0;

		if (ostd_txt_header_read(utf8, ulen, &in->msg, &body_offset) != 1)
			ostd_message_free(&in->msg);
		free(utf8);
	}
	if (in->encoding == OSTD_ENC_UTF8) {
		/*
		 * No conversion: the reader takes raw after the sniffed bytes,
		 * and checks the lines past ASCII.
		 */
		in->utf8_guessed = encoding == OSTD_ENC_AUTO && bom == 0;
		memcpy(in->prefix, head, nhead);
		in->prefix_len = nhead;
		in->text = raw;
		return 0;
	}
	if (ostd_utf8_source(&in->own_source, raw, in->encoding, head, nhead,
	    &in->bad) != 0) {
		*err = xasprintf("cannot read: %s", strerror(errno));
		return -1;
	}
	in->text = &in->own_source;
	return 0;
}

int
ostd_input_open(struct ostd_input *in, struct ostd_source *raw,
    enum ostd_input_format format, enum ostd_encoding encoding, char **err)
{
	unsigned char head[OSTD_ENC_SNIFF];
	size_t n;

	memset(in, 0, sizeof(*in));
	in->msg.date = -1;
	*err = NULL;
	n = ostd_source_read_full(raw, head, sizeof(head));
	if (raw->error != 0) {
		*err = xasprintf("read error: %s", strerror(raw->error));
		return -1;
	}
	if (format == OSTD_INPUT_AUTO &&
	    (in->not_log = file_kind_not_log(head, n)) != NULL) {
		in->format = OSTD_INPUT_TEXT;
		return 0;
	}
	in->format = format != OSTD_INPUT_AUTO ? format :
	    sniff(head, n, n < sizeof(head));
	if (in->format == OSTD_INPUT_TEXT)
		return open_text(in, raw, head, n, encoding, err);
	if (in->format == OSTD_INPUT_PST)
		return 0;	/* read by its name, in random order */
	return open_message(in, raw, head, n, err);
}

char *
ostd_input_describe(const struct ostd_input *in)
{
	char date[32] = "";

	if (in->msg.date >= 0) {
		time_t t = (time_t)(in->msg.date + in->msg.utc_offset * 60);
		struct tm tm;

		if (gmtime_r(&t, &tm) != NULL)
			strftime(date, sizeof(date), ", dated %Y-%m-%d %H:%M", &tm);
	}
	switch (in->format) {
	case OSTD_INPUT_MSG:
		return xasprintf("Outlook message '%s'%s, body from %s",
		    in->msg.subject ? in->msg.subject : "", date,
		    in->msg.body_source ? in->msg.body_source : "?");
	case OSTD_INPUT_EML:
		return xasprintf("mail message '%s'%s, body from %s",
		    in->msg.subject ? in->msg.subject : "", date,
		    in->msg.body_source ? in->msg.body_source : "?");
	case OSTD_INPUT_RTF:
		return xstrdup("RTF document");
	case OSTD_INPUT_HTML:
	case OSTD_INPUT_MHT:
		return xasprintf("%s '%s'%s", in->format == OSTD_INPUT_HTML ?
		    "HTML document" : "web archive",
		    in->msg.subject ? in->msg.subject : "", date);
	case OSTD_INPUT_PST:
		return xstrdup("Outlook data file");
	default:
		if (in->msg.subject != NULL || in->msg.date >= 0)
			return xasprintf("%s text saved from Outlook, '%s'%s",
			    ostd_encoding_name(in->encoding),
			    in->msg.subject ? in->msg.subject : "", date);
		if (in->encoding != OSTD_ENC_UTF8)
			return xasprintf("%s text",
			    ostd_encoding_name(in->encoding));
		return NULL;
	}
}

void
ostd_input_close(struct ostd_input *in)
{
	if (in->text == &in->own_source)
		ostd_source_close(&in->own_source);
	ostd_message_free(&in->msg);
	free(in->body);
	free(in->warning);
	memset(in, 0, sizeof(*in));
}
