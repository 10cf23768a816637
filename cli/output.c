/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Tables, fields, JSON and units for corral-cli's output (see output.h).
 * Widths are counted in characters, which is what a terminal shows for the
 * names and states the API returns.
 */
#include "cli/output.h"

#include "protocol/protocol-error.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

struct CliTable {
    guint n_columns;
    GPtrArray *rows; /* GStrv, the header first */
};

CliTable *
cli_table_new(const char *const *headers)
{
    CliTable *table = g_new0(CliTable, 1);

    table->n_columns = g_strv_length((char **)headers);
    table->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    g_ptr_array_add(table->rows, g_strdupv((char **)headers));
    return table;
}

void
cli_table_add_row(CliTable *table, const char *const *cells)
{
    char **row = g_new0(char *, table->n_columns + 1);

    for (guint i = 0; i < table->n_columns; i++)
        row[i] = g_strdup(cells[i] != NULL && *cells[i] != '\0' ? cells[i] : "-");
    g_ptr_array_add(table->rows, row);
}

static void
print_padded(const char *text, gsize width)
{
    glong chars = g_utf8_strlen(text, -1);

    fputs(text, stdout);
    for (glong i = chars; i < (glong)width; i++)
        putchar(' ');
}

void
cli_table_print(CliTable *table)
{
    g_autofree gsize *widths = g_new0(gsize, table->n_columns);

    for (guint r = 0; r < table->rows->len; r++) {
        char **row = table->rows->pdata[r];

        for (guint c = 0; c < table->n_columns; c++)
            widths[c] = MAX(widths[c], (gsize)g_utf8_strlen(row[c], -1));
    }
    for (guint r = 0; r < table->rows->len; r++) {
        char **row = table->rows->pdata[r];

        for (guint c = 0; c < table->n_columns; c++) {
            if (c + 1 < table->n_columns) {
                print_padded(row[c], widths[c]);
                fputs("  ", stdout);
            } else {
                fputs(row[c], stdout);
            }
        }
        putchar('\n');
    }
}

void
cli_table_free(CliTable *table)
{
    if (table == NULL)
        return;
    g_ptr_array_unref(table->rows);
    g_free(table);
}

void
cli_print_fields(const char *const *pairs, guint n_pairs)
{
    gsize width = 0;

    for (guint i = 0; i < n_pairs; i++)
        width = MAX(width, (gsize)g_utf8_strlen(pairs[2 * i], -1) + 1);
    for (guint i = 0; i < n_pairs; i++) {
        const char *value = pairs[2 * i + 1];
        g_autofree char *key = g_strconcat(pairs[2 * i], ":", NULL);

        print_padded(key, width);
        printf(" %s\n", value != NULL && *value != '\0' ? value : "-");
    }
}

void
cli_print_json(json_object *json, gboolean one_line)
{
    int flags =
        JSON_C_TO_STRING_NOSLASHESCAPE |
        (one_line ? JSON_C_TO_STRING_PLAIN : JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED);

    if (json == NULL)
        puts("{}");
    else
        puts(json_object_to_json_string_ext(json, flags));
}

static const struct {
    char suffix;
    int shift;
} size_units[] = {{'K', 10}, {'M', 20}, {'G', 30}, {'T', 40}};

gboolean
cli_size_parse(const char *text, gint64 *bytes, GError **error)
{
    g_autofree char *copy = g_strstrip(g_strdup(text));
    char *end = NULL;
    gboolean seen_dot = FALSE;
    double number;
    int shift = 0;

    /* Plain decimals only: strtod would also take "0x10", "1e3" or "inf". */
    for (end = copy; g_ascii_isdigit(*end) || (*end == '.' && !seen_dot); end++)
        seen_dot |= *end == '.';
    if (end == copy || (end == copy + 1 && seen_dot))
        goto bad;
    {
        g_autofree char *digits = g_strndup(copy, (gsize)(end - copy));

        number = g_ascii_strtod(digits, NULL);
    }
    while (*end == ' ')
        end++;
    if (*end != '\0') {
        char unit = g_ascii_toupper(*end);
        gboolean found = FALSE;

        for (gsize i = 0; i < G_N_ELEMENTS(size_units); i++) {
            if (size_units[i].suffix == unit) {
                shift = size_units[i].shift;
                found = TRUE;
            }
        }
        if (!found)
            goto bad;
        end++;
        if (g_ascii_strcasecmp(end, "iB") != 0 && g_ascii_strcasecmp(end, "B") != 0 && *end != '\0')
            goto bad;
    } else if (floor(number) != number) {
        goto bad;
    }
    number = ldexp(number, shift);
    if (number >= 9.2e18) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                    "the size “%s” is too large", text);
        return FALSE;
    }
    *bytes = (gint64)llround(number);
    return TRUE;

bad:
    g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                "“%s” is not a size: expected a number with an optional K, M, G or T suffix, "
                "such as 512M or 20G",
                text);
    return FALSE;
}

char *
cli_size_format(gint64 bytes)
{
    if (bytes < 0)
        return g_strdup("-");
    return g_format_size_full((guint64)bytes, G_FORMAT_SIZE_IEC_UNITS);
}

char *
cli_time_format(gint64 unix_time)
{
    g_autoptr(GDateTime) when = NULL;

    if (unix_time <= 0)
        return g_strdup("-");
    when = g_date_time_new_from_unix_local(unix_time);
    if (when == NULL)
        return g_strdup("-");
    return g_date_time_format(when, "%Y-%m-%d %H:%M:%S");
}
