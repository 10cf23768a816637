/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The stderr log writer (see log.h). Runs in whatever thread logs; the line
 * is written with one write(2) so lines from threads do not interleave.
 */
#include "common/log.h"

#include <stdio.h>
#include <unistd.h>

static const char *log_program = "corral";
static gboolean log_verbose;
static gboolean log_timestamps;

static const char *
level_name(GLogLevelFlags level)
{
    static const struct {
        GLogLevelFlags flag;
        const char *name;
    } names[] = {
        {G_LOG_LEVEL_ERROR, "error"},     {G_LOG_LEVEL_CRITICAL, "critical"},
        {G_LOG_LEVEL_WARNING, "warning"}, {G_LOG_LEVEL_MESSAGE, "notice"},
        {G_LOG_LEVEL_INFO, "info"},       {G_LOG_LEVEL_DEBUG, "debug"},
    };

    for (gsize i = 0; i < G_N_ELEMENTS(names); i++)
        if (level & names[i].flag)
            return names[i].name;
    return "log";
}

static GLogWriterOutput
write_line(GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
    const char *domain = NULL, *message = NULL;
    g_autoptr(GString) line = g_string_new(NULL);

    if (!log_verbose && (level & (G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG)))
        return G_LOG_WRITER_HANDLED;

    for (gsize i = 0; i < n_fields; i++) {
        if (g_str_equal(fields[i].key, "GLIB_DOMAIN"))
            domain = fields[i].value;
        else if (g_str_equal(fields[i].key, "MESSAGE"))
            message = fields[i].value;
    }
    if (log_timestamps) {
        g_autoptr(GDateTime) now = g_date_time_new_now_local();
        g_autofree char *stamp = g_date_time_format(now, "%F %T");
        g_string_append_printf(line, "%s ", stamp);
    }
    g_string_append_printf(line, "%s[%d]: %s: ", log_program, (int)getpid(), level_name(level));
    if (domain != NULL)
        g_string_append_printf(line, "%s: ", domain);
    g_string_append_printf(line, "%s\n", message != NULL ? message : "");
    if (write(STDERR_FILENO, line->str, line->len) < 0)
        return G_LOG_WRITER_UNHANDLED;
    return G_LOG_WRITER_HANDLED;
}

void
corral_log_init(const char *program, gboolean verbose)
{
    log_program = program;
    log_verbose = verbose;
    log_timestamps = g_getenv("JOURNAL_STREAM") == NULL;
    g_log_set_writer_func(write_line, NULL, NULL);
}
