/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The known_hosts store (see known-hosts.h). The file is small, so it is
 * read whole into a list of lines, each a pin or a line kept verbatim
 * (comments, blank lines), plus an index from host to pin.
 */
#include "protocol/known-hosts.h"

#include "common/atomic-file.h"
#include "protocol/protocol-error.h"
#include "protocol/thumbprint.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

typedef struct {
    char *verbatim;   /* a comment or blank line, or NULL for a pin */
    char *host;       /* "host:port", host in lower case */
    char *thumbprint; /* canonical "AA:BB:…" */
    guint number;     /* its line in the loaded file, 0 for new pins */
} Line;

struct CorralKnownHosts {
    char *path;
    GPtrArray *lines;  /* Line */
    GHashTable *index; /* host → Line, borrowed from lines */
};

static void
line_free(Line *line)
{
    g_free(line->verbatim);
    g_free(line->host);
    g_free(line->thumbprint);
    g_free(line);
}

char *
corral_known_hosts_default_path(void)
{
    return g_build_filename(g_get_user_config_dir(), "corral", "known_hosts", NULL);
}

CorralKnownHosts *
corral_known_hosts_new(const char *path)
{
    CorralKnownHosts *hosts = g_new0(CorralKnownHosts, 1);

    g_return_val_if_fail(path != NULL, NULL);

    hosts->path = g_strdup(path);
    hosts->lines = g_ptr_array_new_with_free_func((GDestroyNotify)line_free);
    hosts->index = g_hash_table_new(g_str_hash, g_str_equal);
    return hosts;
}

void
corral_known_hosts_free(CorralKnownHosts *hosts)
{
    if (hosts == NULL)
        return;
    g_hash_table_unref(hosts->index);
    g_ptr_array_unref(hosts->lines);
    g_free(hosts->path);
    g_free(hosts);
}

const char *
corral_known_hosts_get_path(CorralKnownHosts *hosts)
{
    return hosts->path;
}

/* A port of 1 to 65535, in decimal without a sign or leading zeros. */
static gboolean
valid_port(const char *port)
{
    guint64 value = 0;

    if (*port == '\0' || *port == '0' || strlen(port) > 5)
        return FALSE;
    for (const char *p = port; *p != '\0'; p++) {
        if (!g_ascii_isdigit(*p))
            return FALSE;
        value = value * 10 + (guint64)(*p - '0');
    }
    return value <= 65535;
}

gboolean
corral_known_hosts_validate_host(const char *host_port, GError **error)
{
    const char *colon = strrchr(host_port, ':');
    gsize host_len;

    for (const guchar *p = (const guchar *)host_port; *p != '\0'; p++) {
        if (*p <= ' ' || *p == 0x7f || *p == '#' || *p == '/') {
            g_set_error_literal(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                                "a host may not contain blanks, control characters, # or /");
            return FALSE;
        }
    }
    if (colon == NULL || !valid_port(colon + 1)) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                    "“%s” is not of the form HOST:PORT with a port from 1 to 65535", host_port);
        return FALSE;
    }
    host_len = (gsize)(colon - host_port);
    if (host_len == 0 || (host_port[0] == '[') != (host_port[host_len - 1] == ']') ||
        (host_port[0] != '[' && memchr(host_port, ':', host_len) != NULL) ||
        (host_port[0] == '[' && host_len < 3)) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                    "“%s” names no host before its port (IPv6 addresses go in brackets: "
                    "[::1]:8443)",
                    host_port);
        return FALSE;
    }
    return TRUE;
}

/* The key of a host: its name in lower case, the port as it is. */
static char *
host_key(const char *host_port)
{
    return g_ascii_strdown(host_port, -1);
}

static void
append_line(CorralKnownHosts *hosts, Line *line)
{
    g_ptr_array_add(hosts->lines, line);
    if (line->host != NULL)
        g_hash_table_insert(hosts->index, line->host, line);
}

/* Reads one line of the file into a new Line; @number names it in errors. */
static Line *
parse_line(CorralKnownHosts *hosts, const char *text, guint number, GError **error)
{
    g_autofree char *stripped = g_strstrip(g_strdup(text));
    g_auto(GStrv) fields = NULL;
    g_autoptr(GError) why = NULL;
    Line *line, *earlier;
    guint n = 0;

    if (*stripped == '\0' || *stripped == '#') {
        line = g_new0(Line, 1);
        line->verbatim = g_strdup(text);
        line->number = number;
        return line;
    }

    fields = g_strsplit_set(stripped, " \t", -1);
    for (guint i = 0; fields[i] != NULL; i++)
        if (*fields[i] != '\0')
            fields[n++] = fields[i];
        else
            g_free(fields[i]);
    fields[n] = NULL;
    if (n != 2) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                    "%s:%u: expected “HOST:PORT THUMBPRINT”, found %u %s", hosts->path, number, n,
                    n == 1 ? "field" : "fields");
        return NULL;
    }
    if (!corral_known_hosts_validate_host(fields[0], &why)) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID, "%s:%u: %s",
                    hosts->path, number, why->message);
        return NULL;
    }

    line = g_new0(Line, 1);
    line->host = host_key(fields[0]);
    line->number = number;
    line->thumbprint = corral_thumbprint_normalize(fields[1], &why);
    if (line->thumbprint == NULL) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                    "%s:%u: the thumbprint of %s: %s", hosts->path, number, fields[0],
                    why->message);
        line_free(line);
        return NULL;
    }
    earlier = g_hash_table_lookup(hosts->index, line->host);
    if (earlier != NULL) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                    "%s:%u: %s is already pinned on line %u", hosts->path, number, fields[0],
                    earlier->number);
        line_free(line);
        return NULL;
    }
    return line;
}

CorralKnownHosts *
corral_known_hosts_parse(const char *path, const char *text, gsize len, GError **error)
{
    g_autoptr(CorralKnownHosts) hosts = corral_known_hosts_new(path);
    const char *p = text, *end = text + len;
    guint number = 0;

    while (p < end) {
        const char *nl = memchr(p, '\n', (gsize)(end - p));
        const char *stop = nl != NULL ? nl : end;
        g_autofree char *raw = NULL;
        Line *line;

        number++;
        if (memchr(p, '\0', (gsize)(stop - p)) != NULL ||
            !g_utf8_validate(p, (gssize)(stop - p), NULL)) {
            g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                        "%s:%u: the line is not UTF-8 text", path, number);
            return NULL;
        }
        raw = g_strndup(p, (gsize)(stop - p));
        if (g_str_has_suffix(raw, "\r"))
            raw[strlen(raw) - 1] = '\0';
        line = parse_line(hosts, raw, number, error);
        if (line == NULL)
            return NULL;
        append_line(hosts, line);
        p = stop + 1;
    }
    return g_steal_pointer(&hosts);
}

CorralKnownHosts *
corral_known_hosts_load(const char *path, GError **error)
{
    g_autofree char *text = NULL;
    g_autoptr(GError) local = NULL;
    gsize len = 0;

    if (!g_file_get_contents(path, &text, &len, &local)) {
        if (g_error_matches(local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
            return corral_known_hosts_new(path);
        g_propagate_error(error, g_steal_pointer(&local));
        return NULL;
    }
    return corral_known_hosts_parse(path, text, len, error);
}

const char *
corral_known_hosts_lookup(CorralKnownHosts *hosts, const char *host_port)
{
    g_autofree char *key = host_key(host_port);
    Line *line = g_hash_table_lookup(hosts->index, key);

    return line != NULL ? line->thumbprint : NULL;
}

CorralKnownHostVerdict
corral_known_hosts_check(CorralKnownHosts *hosts, const char *host_port, const char *thumbprint)
{
    const char *pinned = corral_known_hosts_lookup(hosts, host_port);

    if (pinned == NULL)
        return CORRAL_KNOWN_HOST_UNKNOWN;
    return corral_thumbprint_equal(pinned, thumbprint) ? CORRAL_KNOWN_HOST_MATCH
                                                       : CORRAL_KNOWN_HOST_MISMATCH;
}

gboolean
corral_known_hosts_add(CorralKnownHosts *hosts, const char *host_port, const char *thumbprint,
                       GError **error)
{
    g_autofree char *canonical = NULL;
    const char *pinned;
    Line *line;

    if (!corral_known_hosts_validate_host(host_port, error))
        return FALSE;
    canonical = corral_thumbprint_normalize(thumbprint, error);
    if (canonical == NULL)
        return FALSE;
    pinned = corral_known_hosts_lookup(hosts, host_port);
    if (pinned != NULL && g_str_equal(pinned, canonical))
        return TRUE;
    if (pinned != NULL) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_PIN_MISMATCH,
                    "%s is already pinned to SHA-256 %s in %s; a pin is never replaced: edit "
                    "that file if the host's certificate really changed",
                    host_port, pinned, hosts->path);
        return FALSE;
    }
    line = g_new0(Line, 1);
    line->host = host_key(host_port);
    line->thumbprint = g_steal_pointer(&canonical);
    append_line(hosts, line);
    return TRUE;
}

gboolean
corral_known_hosts_save(CorralKnownHosts *hosts, GError **error)
{
    g_autoptr(GString) text = g_string_new(NULL);
    g_autofree char *dir = g_path_get_dirname(hosts->path);

    if (g_mkdir_with_parents(dir, 0700) < 0) {
        int saved = errno;

        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(saved), "making %s: %s", dir,
                    g_strerror(saved));
        return FALSE;
    }
    for (guint i = 0; i < hosts->lines->len; i++) {
        const Line *line = hosts->lines->pdata[i];

        if (line->verbatim != NULL)
            g_string_append_printf(text, "%s\n", line->verbatim);
        else
            g_string_append_printf(text, "%s %s\n", line->host, line->thumbprint);
    }
    return corral_atomic_write(hosts->path, text->str, text->len, 0600, error);
}
