/*
 * winpeak.c: runs a Windows program and tells its peak working set, the
 * measure of memory Windows' Task Manager shows (for make bench-win, under
 * wine). Standard input, output and error are the program's; the exit status
 * is its own.
 *
 *   winpeak PROGRAM [ARG...]
 *
 * prints "peak working set: N KiB" on standard error when it has ended.
 */
#include <windows.h>
#include <psapi.h>

#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The command line of argv, each argument quoted as the C runtime reads it. */
static char *
command_line(int argc, char **argv)
{
	size_t cap = 1;
	char *line, *p;

	for (int i = 1; i < argc; i++)
		cap += 2 * strlen(argv[i]) + 3;
	if ((line = p = malloc(cap)) == NULL) {
		fprintf(stderr, "winpeak: out of memory\n");
		exit(2);
	}
	for (int i = 1; i < argc; i++) {
		size_t slashes = 0;

		*p++ = '"';
		for (const char *s = argv[i]; *s != '\0'; s++) {
			if (*s == '\\') {
				slashes++;
			} else {
				/* Backslashes before a quote are doubled. */
				if (*s == '"')
					for (size_t k = 0; k < slashes + 1; k++)
						*p++ = '\\';
				slashes = 0;
			}
			*p++ = *s;
		}
		for (size_t k = 0; k < slashes; k++)
			*p++ = '\\';
		*p++ = '"';
		*p++ = i + 1 < argc ? ' ' : '\0';
	}
	if (argc < 2)
		*p = '\0';
	return line;
}

int
main(int argc, char **argv)
{
	STARTUPINFOA si = { .cb = sizeof(si) };
	PROCESS_INFORMATION pi;
	PROCESS_MEMORY_COUNTERS pmc = { .cb = sizeof(pmc) };
	SIZE_T peak = 0;
	DWORD status;
	char *line;

	if (argc < 2) {
		fprintf(stderr, "usage: winpeak PROGRAM [ARG...]\n");
		return 2;
	}
	/* Its line ends in LF alone, as the program's. */
	_setmode(2, _O_BINARY);
	line = command_line(argc, argv);
	si.dwFlags = STARTF_USESTDHANDLES;
	si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
	si.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
	si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
	if (!CreateProcessA(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &si,
	    &pi)) {
		fprintf(stderr, "winpeak: cannot run %s: error %lu\n", argv[1],
		    GetLastError());
		return 2;
	}
	/*
	 * Asked while it runs too: wine knows nothing of a process that has
	 * ended.
	 */
	do {
		if (GetProcessMemoryInfo(pi.hProcess, &pmc, sizeof(pmc)) &&
		    pmc.PeakWorkingSetSize > peak)
			peak = pmc.PeakWorkingSetSize;
	} while (WaitForSingleObject(pi.hProcess, 20) == WAIT_TIMEOUT);
	if (GetProcessMemoryInfo(pi.hProcess, &pmc, sizeof(pmc)) &&
	    pmc.PeakWorkingSetSize > peak)
		peak = pmc.PeakWorkingSetSize;
	if (!GetExitCodeProcess(pi.hProcess, &status) || peak == 0) {
		fprintf(stderr, "winpeak: %s: no measure (error %lu)\n",
		    argv[1], GetLastError());
		return 2;
	}
	fprintf(stderr, "peak working set: %llu KiB\n",
	    (unsigned long long)peak / 1024);
	free(line);
	return (int)status;
}
