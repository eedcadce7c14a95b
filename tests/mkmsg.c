/*
 * mkmsg.c: write a sync log as an Outlook .msg file, for ostdiag's fixtures.
 *
 *   mkmsg [-a | -r | -R] [-s subject] [-t time] log.txt out.msg
 *
 * The body is the log (UTF-8) as PR_BODY in Unicode (default), in ANSI
 * (Windows-1252, -a), or only as compressed RTF, stored (-r) or compressed (-R).
 * -t is the submit time in seconds since 1970 (default: none).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msgwriter.h"

/* Print the synopsis and fail. */
static void
usage(void)
{
	fprintf(stderr, "usage: mkmsg [-a | -r | -R] [-s subject] [-t time] "
	    "log.txt out.msg\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct msgw_options o;
	FILE *in, *out;
	char *body = NULL;
	size_t cap = 0, len = 0, n, outlen;
	unsigned char *msg;
	int ch;

	memset(&o, 0, sizeof(o));
	o.kind = MSGW_UNICODE;
	o.subject = "Synchronization Log:";
	o.submit_time = -1;
	while ((ch = getopt(argc, argv, "arRs:t:")) != -1) {
		switch (ch) {
		case 'a':
			o.kind = MSGW_ANSI;
			break;
		case 'r':
			o.kind = MSGW_RTF_STORED;
			break;
		case 'R':
			o.kind = MSGW_RTF_LZFU;
			break;
		case 's':
			o.subject = optarg;
			break;
		case 't':
			o.submit_time = strtoll(optarg, NULL, 10);
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 2)
		usage();
	if ((in = fopen(argv[optind], "rb")) == NULL) {
		perror(argv[optind]);
		return 1;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			if ((body = realloc(body, cap)) == NULL)
				abort();
		}
		n = fread(body + len, 1, cap - len, in);
		len += n;
	} while (n > 0);
	fclose(in);
	o.body = body;
	o.body_len = len;
	msg = msgw_build(&o, &outlen);
	if ((out = fopen(argv[optind + 1], "wb")) == NULL ||
	    fwrite(msg, 1, outlen, out) != outlen || fclose(out) != 0) {
		perror(argv[optind + 1]);
		return 1;
	}
	free(msg);
	free(body);
	return 0;
}
