/*
 * ostdiag/ostdiag.h: the whole public interface of libostdiag, which reads Outlook /
 * Exchange offline-folder synchronization logs and diagnoses their errors.
 *
 *   version.h  the version of libostdiag
 *   code.h     four-part codes and HRESULT names
 *   source.h   where an input's bytes are read from: a descriptor, a buffer
 *   reader.h   lines from a source, bounded memory
 *   log.h      events, error blocks, sessions: the line parser
 *   rules.h    the knowledge base of diagnoses
 *   match.h    ranking rules against an error
 *   finding.h  what an analysis hands its report: findings, records, totals
 *   analyze.h  input -> findings
 *   batch.h    the inputs of a run: files, directories, threads
 *   report.h   findings -> text or JSON
 *   selftest.h checking a rule against its own example
 *   explain.h  a code or a diagnosis explained
 *   encoding.h text encodings: detection, conversion to UTF-8
 *   message.h  a saved mail message: subject, date, body
 *   input.h    an input found by its content and opened as UTF-8 text
 *   msgfile.h  Outlook .msg files
 *   rtf.h      RTF to text
 *   mime.h     MIME mail (.eml)
 *   txtheader.h the header block of a message saved as .txt
 *   redact.h   placeholders for names
 */
#ifndef OSTDIAG_OSTDIAG_H
#define OSTDIAG_OSTDIAG_H

#include "ostdiag/version.h"
#include "ostdiag/show.h"
#include "ostdiag/code.h"
#include "ostdiag/source.h"
#include "ostdiag/reader.h"
#include "ostdiag/log.h"
#include "ostdiag/rules.h"
#include "ostdiag/match.h"
#include "ostdiag/finding.h"
#include "ostdiag/analyze.h"
#include "ostdiag/batch.h"
#include "ostdiag/report.h"
#include "ostdiag/selftest.h"
#include "ostdiag/explain.h"
#include "ostdiag/encoding.h"
#include "ostdiag/message.h"
#include "ostdiag/input.h"
#include "ostdiag/msgfile.h"
#include "ostdiag/rtf.h"
#include "ostdiag/mime.h"
#include "ostdiag/txtheader.h"
#include "ostdiag/redact.h"

#endif
