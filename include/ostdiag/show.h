/*
 * ostdiag/show.h: how ostdiag shows what it read: text from the input made
 * safe for a terminal, times of day and dates. Every report and message uses
 * these; they belong to no stage of the analysis.
 */
#ifndef OSTDIAG_SHOW_H
#define OSTDIAG_SHOW_H

/*
 * A copy of s (a file name, a value from the command line) to show in a
 * message or a text report: control characters and bytes that are not UTF-8
 * are shown escaped, newline, carriage return and tab as \n, \r and \t, any
 * other as \xHH (ESC as \x1b). Free it with free(); NULL gives "".
 */
char *ostd_visible(const char *s);

/* Format a time of day as HH:MM:SS into buf (at least 9 bytes); "" for -1. */
const char *ostd_format_time(int secs, char *buf);
/* Format seconds since 1970 as "YYYY-MM-DD<sep>HH:MM:SS" (buf: 32 bytes). */
const char *ostd_format_timestamp(long long t, char sep, char *buf);

#endif
