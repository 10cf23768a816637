/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * How corral-cli shows answers: tables with aligned columns for people, the
 * API's own JSON for scripts (--json), and the units both read: sizes with
 * K/M/G/T suffixes (powers of 1024) and local times.
 */
#pragma once

#include <glib.h>
#include <json-c/json.h>

G_BEGIN_DECLS

typedef struct CliTable CliTable;

/* A table whose columns are named by the NULL-terminated @headers. */
CliTable *cli_table_new(const char *const *headers);

/* Adds a row of as many cells as there are columns; NULL cells print "-". */
void cli_table_add_row(CliTable *table, const char *const *cells);

/* Prints the header and the rows to standard output, each column as wide as
 * its widest cell, two spaces apart; the last column is not padded. */
void cli_table_print(CliTable *table);

void cli_table_free(CliTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CliTable, cli_table_free)

/* Prints "KEY: value" lines with the values aligned; @pairs alternates keys
 * and values and ends with NULL. A NULL value prints "-". */
void cli_print_fields(const char *const *pairs, guint n_pairs);

/* Prints @json as the API sent it, pretty-printed, or on one line. */
void cli_print_json(json_object *json, gboolean one_line);

/* Reads "512M", "20G", "1.5T", "4096": a number of bytes with an optional
 * K, M, G or T suffix (powers of 1024; "KiB", "MB" and lower case too). */
gboolean cli_size_parse(const char *text, gint64 *bytes, GError **error);

/* "512 MiB", "1.5 GiB". */
char *cli_size_format(gint64 bytes);

/* A Unix time as local "YYYY-MM-DD HH:MM:SS"; "-" for 0. */
char *cli_time_format(gint64 unix_time);

G_END_DECLS
