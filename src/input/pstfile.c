/*
 * pstfile.c: reading the folders and messages of an Outlook data file with
 * libpff, when ostdiag is built with it (OSTD_HAVE_LIBPFF); without it, every
 * file is refused with the reason. What the items mean to ostdiag is
 * pstitem.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "ostdiag/input.h"
#include "ostdiag/pstfile.h"
#include "input/pstitem.h"
#include "util/util.h"

void
ostd_pst_list_free(struct ostd_pst_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].folder);
		free(list->items[i].subject);
	}
	free(list->items);
	free(list->problem);
	memset(list, 0, sizeof(*list));
}

#ifdef OSTD_HAVE_LIBPFF

#include <libpff.h>

/* Property types read besides those libpff names. */
#define PROP_IPM_SUBTREE	0x35E0	/* the store's top of the mailbox */
#define PROP_SPECIAL_FOLDERS	0x36D8	/* Conflicts, Sync Issues, ... */
#define PROP_FOLDER_ID		0x67F4	/* an .ost folder's global counter */
#define PROP_RTF_COMPRESSED	0x1009
#define PROP_SUBJECT		0x0037
#define PROP_ROW_ID		0x67F2	/* a table row's node id */

#define SUBJECT_MAX		4096	/* longer names and subjects are not read */
#define FOLDERS_MAX		100000	/* a file with more is read this far */
#define DEPTH_MAX		64	/* folders nested deeper are not read */
#define LISTED_MAX		2000	/* a folder's table read, of at most */

struct ostd_pst {
	libpff_file_t *file;
	libpff_item_t *folder;	/* the folder of the last body read */
	uint32_t folder_id;
};

/* A folder, from the first pass over the tree. */
struct folder {
	uint32_t id;
	uint64_t counter;	/* 0: none */
	size_t parent;		/* index, or NO_PARENT */
	char *name;
	char *path;		/* below the top of the mailbox */
	enum pst_role role;
	bool top;		/* the top of the mailbox or file */
};

#define NO_PARENT ((size_t)-1)

/* The folder tree and what the store says of it. */
struct tree {
	struct folder *f;
	size_t n, cap;
	struct pst_ref top;		/* from the message store */
	struct pst_ref special[4];	/* Conflicts, Sync Issues, Local
					 * Failures, Server Failures */
	bool have_special;
	bool special_found;		/* Sync Issues is where special[1] says */
	struct ostd_pst_list *list;	/* for the damage met */
};

bool
ostd_pst_supported(void)
{
	return true;
}

/* The most specific words of a libpff error, freed with it. */
static char *
pff_reason(libpff_error_t **e)
{
	char buf[2048], *line, *last = NULL, *colon, *out;

	if (e == NULL || *e == NULL)
		return xstrdup("unknown error");
	buf[0] = '\0';
	(void)libpff_error_backtrace_sprint(*e, buf, sizeof(buf));
	libpff_error_free(e);
	/* The first line is the deepest cause; the rest say where it was met. */
	line = strtok(buf, "\n");
	if (line == NULL)
		return xstrdup("unknown error");
	last = line;
	while (*last == ' ' || *last == '\t')
		last++;
	/* Without the name of the function that met it ("libpff_...: "). */
	if ((colon = strstr(last, ": ")) != NULL &&
	    strcspn(last, " ") > (size_t)(colon - last))
		last = colon + 2;
	out = xstrdup(last);
	for (char *p = out + strlen(out); p > out && (p[-1] == '.' ||
	    p[-1] == ' '); p--)
		p[-1] = '\0';
	return out;
}

/* Remember the first damage met, and count it. */
static void
damage(struct ostd_pst_list *list, const char *what, libpff_error_t **e)
{
	char *why = pff_reason(e);

	list->unreadable++;
	if (list->problem == NULL)
		list->problem = xasprintf("%s: %s", what, why);
	free(why);
}

int
ostd_pst_open(const char *path, struct ostd_pst **pp, char **err)
{
	struct ostd_pst *p = xcalloc(1, sizeof(*p));
	libpff_error_t *e = NULL;
	char *why;

	*pp = NULL;
	*err = NULL;
	if (libpff_file_initialize(&p->file, &e) != 1) {
		why = pff_reason(&e);
		*err = xasprintf("cannot read the Outlook data file: %s", why);
		free(why);
		free(p);
		return -1;
	}
	/* ANSI files do not say their code page: Western European is usual. */
	if (libpff_file_open(p->file, path, LIBPFF_OPEN_READ, &e) != 1 ||
	    libpff_file_set_ascii_codepage(p->file,
	    LIBPFF_CODEPAGE_WINDOWS_1252, &e) != 1) {
		why = pff_reason(&e);
		*err = xasprintf("cannot open the Outlook data file (damaged, "
		    "or not a .pst or .ost): %s", why);
		free(why);
		ostd_pst_close(&p);
		return -1;
	}
	*pp = p;
	return 0;
}

void
ostd_pst_close(struct ostd_pst **pp)
{
	struct ostd_pst *p;

	if (pp == NULL || (p = *pp) == NULL)
		return;
	if (p->folder != NULL)
		(void)libpff_item_free(&p->folder, NULL);
	if (p->file != NULL) {
		(void)libpff_file_close(p->file, NULL);
		(void)libpff_file_free(&p->file, NULL);
	}
	free(p);
	*pp = NULL;
}

/*
 * The stored bytes of property type of item (any value type), at most max:
 * allocated, with *len; NULL when the item has none or it cannot be read.
 */
static unsigned char *
prop(libpff_item_t *item, uint32_t type, size_t max, size_t *len)
{
	libpff_record_set_t *rs = NULL;
	libpff_record_entry_t *re = NULL;
	unsigned char *data = NULL;
	size_t size = 0;

	*len = 0;
	if (libpff_item_get_record_set_by_index(item, 0, &rs, NULL) != 1)
		return NULL;
	if (libpff_record_set_get_entry_by_type(rs, type, 0, &re,
	    LIBPFF_ENTRY_VALUE_FLAG_MATCH_ANY_VALUE_TYPE, NULL) == 1 &&
	    libpff_record_entry_get_data_size(re, &size, NULL) == 1 &&
	    size > 0 && size <= max) {
		data = xmalloc(size);
		if (libpff_record_entry_get_data(re, data, size, NULL) != 1) {
			free(data);
			data = NULL;
		} else {
			*len = size;
		}
	}
	if (re != NULL)
		(void)libpff_record_entry_free(&re, NULL);
	(void)libpff_record_set_free(&rs, NULL);
	return data;
}

/* The folder's name as UTF-8, or NULL when it has none. */
static char *
folder_name(libpff_item_t *item)
{
	size_t size = 0;
	char *name;

	if (libpff_folder_get_utf8_name_size(item, &size, NULL) != 1 ||
	    size == 0 || size > SUBJECT_MAX)
		return NULL;
	name = xmalloc(size + 1);
	if (libpff_folder_get_utf8_name(item, (uint8_t *)name, size,
	    NULL) != 1) {
		free(name);
		return NULL;
	}
	name[size] = '\0';
	return name;
}

/* Where the store's entry id type points. */
static struct pst_ref
store_ref(libpff_file_t *file, uint32_t type)
{
	libpff_item_t *store = NULL;
	struct pst_ref r = pst_entry_ref(NULL, 0);
	unsigned char *id;
	size_t len;

	if (libpff_file_get_message_store(file, &store, NULL) != 1)
		return r;
	if ((id = prop(store, type, 64, &len)) != NULL)
		r = pst_entry_ref(id, len);
	free(id);
	(void)libpff_item_free(&store, NULL);
	return r;
}

/* Does ref point to folder f? */
static bool
points_to(const struct pst_ref *ref, const struct folder *f)
{
	return (ref->kind == PST_REF_NODE && ref->value == f->id) ||
	    (ref->kind == PST_REF_COUNTER && f->counter != 0 &&
	    ref->value == f->counter);
}

/* Add the folder item (child of parent) and those below it to t. */
static void
walk(struct tree *t, libpff_item_t *item, size_t parent, int depth)
{
	libpff_error_t *e = NULL;
	struct folder *f;
	unsigned char *data;
	size_t len, self = t->n;
	int nsub = 0;

	if (t->n >= FOLDERS_MAX)
		return;
	grow_array((void **)&t->f, &t->cap, t->n + 1, sizeof(*t->f));
	f = &t->f[t->n++];
	memset(f, 0, sizeof(*f));
	f->parent = parent;
	(void)libpff_item_get_identifier(item, &f->id, NULL);
	f->name = folder_name(item);
	if ((data = prop(item, PROP_FOLDER_ID, 8, &len)) != NULL)
		f->counter = pst_folder_counter(data, len);
	free(data);
	if (!t->have_special && (data = prop(item, PROP_SPECIAL_FOLDERS,
	    1 << 16, &len)) != NULL) {
		t->have_special = pst_special_folders(data, len, t->special,
		    4) > 1;
		free(data);
	}
	if (depth >= DEPTH_MAX)
		return;
	if (libpff_folder_get_number_of_sub_folders(item, &nsub, &e) != 1) {
		damage(t->list, "a folder's subfolders", &e);
		return;
	}
	for (int i = 0; i < nsub; i++) {
		libpff_item_t *sub = NULL;

		if (libpff_folder_get_sub_folder(item, i, &sub, &e) != 1) {
			damage(t->list, "a folder", &e);
			continue;
		}
		walk(t, sub, self, depth + 1);
		(void)libpff_item_free(&sub, NULL);
	}
}

/* The role of folder i, whose parent's role is known. */
static enum pst_role
role_of(const struct tree *t, size_t i)
{
	const struct folder *f = &t->f[i];
	enum pst_role parent = f->parent == NO_PARENT ? PST_ROLE_OTHER :
	    t->f[f->parent].role;
	static const enum pst_role sub[4] = { PST_ROLE_CONFLICTS,
	    PST_ROLE_SYNC_ISSUES, PST_ROLE_LOCAL_FAILURES,
	    PST_ROLE_SERVER_FAILURES };

	if (parent == PST_ROLE_SYNC_ISSUES && t->have_special)
		for (size_t k = 0; k < 4; k++)
			if (k != 1 && points_to(&t->special[k], f))
				return sub[k];
	if (parent != PST_ROLE_OTHER)
		return pst_role_by_name(f->name, parent);
	if (t->special_found)
		return points_to(&t->special[1], f) ? PST_ROLE_SYNC_ISSUES :
		    PST_ROLE_OTHER;
	/* By name only right below the top of the mailbox. */
	if (f->parent != NO_PARENT && t->f[f->parent].top)
		return pst_role_by_name(f->name, PST_ROLE_OTHER);
	return PST_ROLE_OTHER;
}

/*
 * Give each folder its role and path. Sync Issues is the folder the special
 * folders' entry ids name, else the one of that name below the top. Parents
 * come before their children in t, as the walk added them.
 */
static void
place_folders(struct tree *t)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->have_special && points_to(&t->special[1], &t->f[i]))
			t->special_found = true;
	for (size_t i = 0; i < t->n; i++) {
		struct folder *f = &t->f[i];
		const struct folder *up = f->parent != NO_PARENT ?
		    &t->f[f->parent] : NULL;
		const char *name = f->name != NULL ? f->name : "";

		f->top = points_to(&t->top, f) || (f->name != NULL &&
		    strcmp(f->name, "IPM_SUBTREE") == 0);
		f->role = role_of(t, i);
		if (up == NULL || up->top || up->parent == NO_PARENT)
			f->path = xstrdup(name);	/* below the top */
		else
			f->path = xasprintf("%s/%s", up->path, name);
	}
}

/* The delivery time of message, else its sending or creation time; or -1. */
static long long
message_date(libpff_item_t *m)
{
	uint64_t ft = 0;

	if (libpff_message_get_delivery_time(m, &ft, NULL) == 1 && ft != 0)
		return pst_filetime(ft);
	if (libpff_message_get_client_submit_time(m, &ft, NULL) == 1 &&
	    ft != 0)
		return pst_filetime(ft);
	if (libpff_message_get_creation_time(m, &ft, NULL) == 1 && ft != 0)
		return pst_filetime(ft);
	return -1;
}

/* The message's stored subject, as UTF-8 with its marker; NULL: none. */
static char *
stored_subject(libpff_item_t *m)
{
	size_t size = 0;
	char *s;

	if (libpff_message_get_utf8_subject_size(m, &size, NULL) != 1 ||
	    size == 0)
		return NULL;
	if (size > SUBJECT_MAX)
		size = SUBJECT_MAX;
	s = xmalloc(size + 1);
	if (libpff_message_get_utf8_subject(m, (uint8_t *)s, size,
	    NULL) != 1) {
		free(s);
		return NULL;
	}
	s[size] = '\0';
	return s;
}

/* A message as its folder's contents table lists it. */
struct listed {
	uint32_t id;
	char *subject;		/* as stored, with its marker */
};

static int
by_listed_id(const void *x, const void *y)
{
	const struct listed *a = x, *b = y;

	return a->id < b->id ? -1 : a->id > b->id;
}

/* The string property type of a table row as UTF-8; NULL when none. */
static char *
row_string(libpff_record_set_t *rs, uint32_t type)
{
	libpff_record_entry_t *re = NULL;
	size_t size = 0;
	char *s = NULL;

	if (libpff_record_set_get_entry_by_type(rs, type, 0, &re,
	    LIBPFF_ENTRY_VALUE_FLAG_MATCH_ANY_VALUE_TYPE, NULL) != 1)
		return NULL;
	if (libpff_record_entry_get_data_as_utf8_string_size(re, &size,
	    NULL) == 1 && size > 0 && size <= SUBJECT_MAX) {
		s = xmalloc(size + 1);
		if (libpff_record_entry_get_data_as_utf8_string(re,
		    (uint8_t *)s, size, NULL) != 1) {
			free(s);
			s = NULL;
		} else {
			s[size] = '\0';
		}
	}
	(void)libpff_record_entry_free(&re, NULL);
	return s;
}

/*
 * The messages folder's contents table lists with their subjects, by id, *n
 * of them; NULL when it lists none. Reading a message's subject makes libpff
 * read all its properties, its body whatever its size included, and keep
 * the index entries of every block of them until the file is closed: the
 * table gives the subjects of a folder's messages at the cost of one read.
 * libpff holds the whole table while it is read, about 130 bytes a cell
 * (10 KB a row of Outlook's 80 columns), hence LISTED_MAX.
 */
static struct listed *
listed_messages(libpff_item_t *folder, size_t *n)
{
	libpff_item_t *table = NULL;
	struct listed *rows = NULL;
	int count = 0;

	*n = 0;
	if (libpff_folder_get_sub_messages(folder, &table, NULL) != 1 ||
	    table == NULL)
		return NULL;
	if (libpff_item_get_number_of_record_sets(table, &count, NULL) == 1 &&
	    count > 0)
		rows = xcalloc((size_t)count, sizeof(*rows));
	for (int i = 0; rows != NULL && i < count; i++) {
		libpff_record_set_t *rs = NULL;
		libpff_record_entry_t *re = NULL;
		uint32_t id = 0;
		char *subject;

		if (libpff_item_get_record_set_by_index(table, i, &rs,
		    NULL) != 1)
			continue;
		if (libpff_record_set_get_entry_by_type(rs, PROP_ROW_ID, 0, &re,
		    LIBPFF_ENTRY_VALUE_FLAG_MATCH_ANY_VALUE_TYPE, NULL) == 1 &&
		    libpff_record_entry_get_data_as_32bit_integer(re, &id,
		    NULL) == 1 && (subject = row_string(rs,
		    PROP_SUBJECT)) != NULL) {
			rows[*n].id = id;
			rows[(*n)++].subject = subject;
		}
		if (re != NULL)
			(void)libpff_record_entry_free(&re, NULL);
		(void)libpff_record_set_free(&rs, NULL);
	}
	(void)libpff_item_free(&table, NULL);
	if (rows != NULL)
		qsort(rows, *n, sizeof(*rows), by_listed_id);
	return rows;
}

static void
listed_free(struct listed *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].subject);
	free(rows);
}

/*
 * Look at the messages of folder f, one at a time, for those ostdiag reads;
 * in a folder of at most LISTED_MAX messages, one its folder's table lists
 * with a subject that decides it is no log is not opened.
 */
static void
scan_folder(libpff_file_t *file, const struct folder *f,
    struct ostd_pst_list *list, size_t *cap)
{
	libpff_item_t *item = NULL;
	libpff_error_t *e = NULL;
	struct listed *rows = NULL;
	size_t nrows = 0;
	int n = 0;

	if (libpff_file_get_item_by_identifier(file, f->id, &item, &e) != 1) {
		damage(list, "a folder", &e);
		return;
	}
	if (libpff_folder_get_number_of_sub_messages(item, &n, &e) != 1) {
		damage(list, "a folder's messages", &e);
		n = 0;
	}
	if (f->role == PST_ROLE_OTHER && n > 0 && n <= LISTED_MAX)
		rows = listed_messages(item, &nrows);
	list->folders++;
	for (int i = 0; i < n; i++) {
		libpff_item_t *m = NULL;
		struct ostd_pst_item *it;
		struct listed key, *row;
		char *raw, *subject;
		enum ostd_pst_kind kind;

		if (libpff_folder_get_sub_message(item, i, &m, &e) != 1) {
			damage(list, "a message", &e);
			continue;
		}
		list->messages++;
		key.id = 0;
		(void)libpff_item_get_identifier(m, &key.id, NULL);
		row = nrows > 0 ? bsearch(&key, rows, nrows, sizeof(*rows),
		    by_listed_id) : NULL;
		if (row != NULL && pst_listed_is_no_log(f->role,
		    row->subject)) {
			(void)libpff_item_free(&m, NULL);
			continue;
		}
		raw = stored_subject(m);
		subject = pst_subject(raw);
		free(raw);
		if ((kind = pst_classify(f->role, subject)) == OSTD_PST_NONE) {
			free(subject);
			(void)libpff_item_free(&m, NULL);
			continue;
		}
		grow_array((void **)&list->items, cap, list->n + 1,
		    sizeof(*list->items));
		it = &list->items[list->n++];
		it->folder = xstrdup(f->path);
		it->subject = subject;
		it->date = message_date(m);
		it->kind = kind;
		it->folder_id = f->id;
		it->index = i;
		it->id = 0;
		(void)libpff_item_get_identifier(m, &it->id, NULL);
		if (kind == OSTD_PST_LOG)
			list->logs++;
		(void)libpff_item_free(&m, NULL);
	}
	listed_free(rows, nrows);
	(void)libpff_item_free(&item, NULL);
}

int
ostd_pst_find(struct ostd_pst *p, struct ostd_pst_list *list, char **err)
{
	struct tree t;
	libpff_item_t *root = NULL;
	libpff_error_t *e = NULL;
	size_t cap = 0;
	int rc;

	memset(list, 0, sizeof(*list));
	memset(&t, 0, sizeof(t));
	*err = NULL;
	if ((rc = libpff_file_get_root_folder(p->file, &root, &e)) != 1) {
		char *why = rc == 0 ? xstrdup("it has no top folder (cut short "
		    "or damaged)") : pff_reason(&e);

		*err = xasprintf("cannot read the folders of the Outlook data "
		    "file: %s", why);
		free(why);
		return -1;
	}
	t.list = list;
	t.top = store_ref(p->file, PROP_IPM_SUBTREE);
	walk(&t, root, NO_PARENT, 0);
	(void)libpff_item_free(&root, NULL);
	place_folders(&t);
	for (size_t i = 0; i < t.n; i++)
		scan_folder(p->file, &t.f[i], list, &cap);
	for (size_t i = 0; i < t.n; i++) {
		free(t.f[i].name);
		free(t.f[i].path);
	}
	free(t.f);
	pst_sort_items(list->items, list->n);
	return 0;
}

/* A body libpff gives as bytes: into *len, allocated; NULL when none. */
static char *
body_bytes(libpff_item_t *m, int (*size_of)(libpff_item_t *, size_t *,
    libpff_error_t **), int (*get)(libpff_item_t *, uint8_t *, size_t,
    libpff_error_t **), size_t *len)
{
	size_t size = 0;
	char *s;

	*len = 0;
	if (size_of(m, &size, NULL) != 1 || size == 0 ||
	    size > OSTD_INPUT_MESSAGE_MAX)
		return NULL;
	s = xmalloc(size + 1);
	if (get(m, (uint8_t *)s, size, NULL) != 1) {
		free(s);
		return NULL;
	}
	s[size] = '\0';
	*len = size;
	return s;
}

/*
 * The message of item, from its folder (kept for the next one: a lookup by
 * identifier goes through every item of the file); NULL when it is not there.
 */
static libpff_item_t *
folder_message(struct ostd_pst *p, const struct ostd_pst_item *item)
{
	libpff_item_t *m = NULL;
	uint32_t id = 0;

	if (p->folder == NULL || p->folder_id != item->folder_id) {
		if (p->folder != NULL)
			(void)libpff_item_free(&p->folder, NULL);
		p->folder_id = item->folder_id;
		if (libpff_file_get_item_by_identifier(p->file,
		    item->folder_id, &p->folder, NULL) != 1)
			return NULL;
	}
	if (libpff_folder_get_sub_message(p->folder, item->index, &m,
	    NULL) != 1)
		return NULL;
	if (libpff_item_get_identifier(m, &id, NULL) != 1 || id != item->id)
		(void)libpff_item_free(&m, NULL);
	return m;
}

int
ostd_pst_body(struct ostd_pst *p, const struct ostd_pst_item *item,
    struct ostd_message *msg, char **err)
{
	libpff_item_t *m;
	libpff_error_t *e = NULL;
	char *s, *why;
	size_t len;
	int rc = -1;

	*err = NULL;
	if ((m = folder_message(p, item)) == NULL &&
	    libpff_file_get_item_by_identifier(p->file, item->id, &m,
	    &e) != 1) {
		why = pff_reason(&e);
		*err = xasprintf("cannot read the message: %s", why);
		free(why);
		return -1;
	}
	msg->subject = xstrdup(item->subject);
	msg->date = item->date;
	if ((s = body_bytes(m, libpff_message_get_plain_text_body_size,
	    libpff_message_get_plain_text_body, &len)) != NULL) {
		rc = pst_text_from_plain(s, len, msg, err);
	} else if ((s = (char *)prop(m, PROP_RTF_COMPRESSED,
	    OSTD_INPUT_MESSAGE_MAX, &len)) != NULL) {
		rc = pst_text_from_rtf((unsigned char *)s, len, msg, err);
	} else if ((s = body_bytes(m, libpff_message_get_html_body_size,
	    libpff_message_get_html_body, &len)) != NULL) {
		rc = pst_text_from_html(s, len, msg, err);
	} else {
		*err = xstrdup("the message has no text, RTF or HTML body");
	}
	free(s);
	(void)libpff_item_free(&m, NULL);
	return rc;
}

#else	/* no libpff */

static const char not_built[] = "support for .ost/.pst is not in this build "
    "(ostdiag was built without libpff)";

bool
ostd_pst_supported(void)
{
	return false;
}

int
ostd_pst_open(const char *path, struct ostd_pst **pp, char **err)
{
	(void)path;
	*pp = NULL;
	*err = xstrdup(not_built);
	return -1;
}

int
ostd_pst_find(struct ostd_pst *p, struct ostd_pst_list *list, char **err)
{
	(void)p;
	memset(list, 0, sizeof(*list));
	*err = xstrdup(not_built);
	return -1;
}

int
ostd_pst_body(struct ostd_pst *p, const struct ostd_pst_item *item,
    struct ostd_message *msg, char **err)
{
	(void)p;
	(void)item;
	(void)msg;
	*err = xstrdup(not_built);
	return -1;
}

void
ostd_pst_close(struct ostd_pst **pp)
{
	if (pp != NULL)
		*pp = NULL;
}

#endif
