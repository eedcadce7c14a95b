/*
 * show.c: times of day and dates as every report writes them.
 */
#include <stdio.h>
#include <time.h>

#include "ostdiag/show.h"

const char *
ostd_format_time(int secs, char *buf)
{
	if (secs < 0) {
		buf[0] = '\0';
		return buf;
	}
	int parts[3] = { secs / 3600 % 100, secs / 60 % 60, secs % 60 };

	for (int i = 0; i < 3; i++) {
		buf[3 * i] = (char)('0' + parts[i] / 10);
		buf[3 * i + 1] = (char)('0' + parts[i] % 10);
		buf[3 * i + 2] = i < 2 ? ':' : '\0';
	}
	return buf;
}

const char *
ostd_format_timestamp(long long t, char sep, char *buf)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t < 0 || gmtime_r(&tt, &tm) == NULL) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, 32, "%04d-%02d-%02d%c%02d:%02d:%02d",
	    (tm.tm_year + 1900) % 10000, tm.tm_mon + 1, tm.tm_mday, sep,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
	return buf;
}
