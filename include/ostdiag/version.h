/*
 * ostdiag/version.h: the version of libostdiag and of the program, as the
 * reports and --version give it.
 */
#ifndef OSTDIAG_VERSION_H
#define OSTDIAG_VERSION_H

#define OSTDIAG_VERSION "0.1.0"

#endif
