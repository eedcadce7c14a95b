/*
 * filekind.c: the signatures of files a help desk finds beside a log in a
 * ticket (screenshots, archives, documents, programs) and the marks of
 * ostdiag's own reports, which hold a log's lines and codes but are no log
 * to read again.
 */
#include <stdbool.h>
#include <string.h>

#include "input/filekind.h"

struct signature {
	size_t offset;
	const char *bytes;
	size_t len;
	const char *kind;
};

#define SIG(off, b, kind) { off, b, sizeof(b) - 1, kind }

static const struct signature signatures[] = {
	SIG(0, "\x89PNG\r\n\x1A\n", "a PNG image"),
	SIG(0, "\xFF\xD8\xFF", "a JPEG image"),
	SIG(0, "GIF87a", "a GIF image"),
	SIG(0, "GIF89a", "a GIF image"),
	SIG(0, "II*\0", "a TIFF image"),
	SIG(0, "MM\0*", "a TIFF image"),
	SIG(0, "%PDF-", "a PDF document"),
	SIG(0, "PK\x03\x04", "a ZIP archive or Office document"),
	SIG(0, "PK\x05\x06", "a ZIP archive"),
	SIG(0, "\x1F\x8B", "a gzip archive"),
	SIG(0, "BZh", "a bzip2 archive"),
	SIG(0, "\xFD" "7zXZ\0", "an xz archive"),
	SIG(0, "7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
	SIG(0, "Rar!\x1A\x07", "a RAR archive"),
	SIG(0, "\x28\xB5\x2F\xFD", "a zstd archive"),
	SIG(257, "ustar", "a tar archive"),
	SIG(0, "\x7F" "ELF", "a program (ELF)"),
};

/* Does head[0..n) hold sig at its offset? */
static bool
has(const unsigned char *head, size_t n, const struct signature *sig)
{
	return n >= sig->offset + sig->len &&
	    memcmp(head + sig->offset, sig->bytes, sig->len) == 0;
}

/* Does s[0..n) hold word? */
static bool
holds(const unsigned char *s, size_t n, const char *word)
{
	size_t len = strlen(word);

	for (size_t i = 0; len <= n && i <= n - len; i++)
		if (s[i] == (unsigned char)word[0] &&
		    memcmp(s + i, word, len) == 0)
			return true;
	return false;
}

/* The start of the first line after blanks and a UTF-8 byte-order mark. */
static size_t
text_start(const unsigned char *s, size_t n)
{
	size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
	    s[i] == '\n'))
		i++;
	return i;
}

/*
 * A text report's finding line, "FILE:LINE: error at ..." (or task,
 * symptom, text), followed by its indented fields.
 */
static bool
text_report(const unsigned char *s, size_t n)
{
	static const char *const kinds[] = { ": error", ": task", ": symptom",
	    ": text" };
	const unsigned char *eol = memchr(s, '\n', n);
	size_t len = eol != NULL ? (size_t)(eol - s) : n;
	bool finding = false;

	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		size_t klen = strlen(kinds[k]);

		for (size_t i = 1; !finding && i + klen <= len; i++)
			finding = s[i - 1] >= '0' && s[i - 1] <= '9' &&
			    memcmp(s + i, kinds[k], klen) == 0 &&
			    (i + klen == len || s[i + klen] == ' ' ||
			    s[i + klen] == ',');
	}
	return finding && (holds(s, n, "\n  code:") ||
	    holds(s, n, "\n  error:") || holds(s, n, "\n  text:"));
}

const char *
file_kind_not_log(const unsigned char *head, size_t n)
{
	size_t i;

	for (size_t k = 0; k < sizeof(signatures) / sizeof(signatures[0]); k++)
		if (has(head, n, &signatures[k]))
			return signatures[k].kind;
	if (n >= 12 && memcmp(head, "RIFF", 4) == 0 &&
	    memcmp(head + 8, "WEBP", 4) == 0)
		return "a WebP image";
	/* A Windows program: "MZ", then binary header fields. */
	if (n >= 64 && head[0] == 'M' && head[1] == 'Z' &&
	    memchr(head + 2, '\0', 62) != NULL)
		return "a Windows program";
	i = text_start(head, n);
	if (n - i >= 1 && head[i] == '{' &&
	    holds(head + i, n - i < 256 ? n - i : 256, "\"tool\":\"ostdiag"))
		return "an ostdiag report (JSON)";
	if (holds(head, n, "<meta name=\"generator\" content=\"ostdiag"))
		return "an ostdiag report (HTML)";
	if (n - i >= 19 && memcmp(head + i, "# ostdiag checklist", 19) == 0)
		return "an ostdiag report (checklist)";
	if (text_report(head + i, n - i))
		return "an ostdiag report (text)";
	return NULL;
}
