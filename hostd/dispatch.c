/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The transport-independent half of the server (see dispatch.h).
 */
#include "hostd/dispatch.h"

#include "hostd/auth.h"
#include "hostd/daemon.h"
#include "hostd/hostd-error.h"
#include "hostd/route-table.h"
#include "protocol/codec.h"

#include <string.h>

#define API_PREFIX "/api/v1"

const char *
corrald_call_query(CorraldCall *call, const char *name)
{
    return call->query != NULL ? g_hash_table_lookup(call->query, name) : NULL;
}

gboolean
corrald_call_reply(CorraldCall *call, guint status, json_object *reply)
{
    call->status = status;
    json_object_put(call->reply);
    call->reply = reply;
    return TRUE;
}

gpointer
corrald_call_decode_body(CorraldCall *call, const CorralType *type, CorralDecodeFlags flags,
                         GError **error)
{
    if (call->body == NULL) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST, "body: expected a %s object",
                    type->name);
        return NULL;
    }
    return corral_codec_from_json(type, call->body, CORRAL_DECODE_STRICT | flags, error);
}

/* Percent-decodes one path segment or query value. Refuses encoded NUL or
 * "/", control characters and invalid UTF-8, naming @what. */
static char *
decode_component(const char *raw, const char *what, GError **error)
{
    g_autofree char *text = g_uri_unescape_string(raw, "/");

    if (text == NULL || !g_utf8_validate(text, -1, NULL)) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                    "%s: bad percent-encoding, an encoded \"/\" or NUL, or invalid UTF-8", what);
        return NULL;
    }
    for (const char *p = text; *p != '\0'; p++) {
        if ((guchar)*p < 0x20 || *p == 0x7f) {
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                        "%s: contains a control character", what);
            return NULL;
        }
    }
    return g_steal_pointer(&text);
}

/* The decoded segments of @url after /api/v1, without the query. */
static GStrv
split_path(const char *url, GError **error)
{
    g_autofree char *path = NULL;
    g_auto(GStrv) raw = NULL;
    g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
    const char *q;

    if (!g_str_has_prefix(url, API_PREFIX "/")) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_NOT_FOUND,
                    "no such resource: the API is under " API_PREFIX "/");
        return NULL;
    }
    url += strlen(API_PREFIX "/");
    q = strchr(url, '?');
    path = g_strndup(url, q != NULL ? (gsize)(q - url) : strlen(url));
    raw = g_strsplit(path, "/", -1);
    for (guint i = 0; raw[i] != NULL; i++) {
        char *seg = decode_component(raw[i], "path", error);
        if (seg == NULL)
            return NULL;
        if (seg[0] == '\0' || g_str_equal(seg, ".") || g_str_equal(seg, "..")) {
            g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                        "path: empty, \".\" and \"..\" segments are not allowed");
            g_free(seg);
            return NULL;
        }
        g_ptr_array_add(out, seg);
    }
    g_ptr_array_add(out, NULL);
    return (GStrv)g_ptr_array_free(g_steal_pointer(&out), FALSE);
}

static gboolean
decode_query(GHashTable *raw, GHashTable **decoded, GError **error)
{
    GHashTableIter iter;
    gpointer key, value;

    *decoded = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    if (raw == NULL)
        return TRUE;
    g_hash_table_iter_init(&iter, raw);
    while (g_hash_table_iter_next(&iter, &key, &value)) {
        g_autofree char *what = g_strdup_printf("query parameter %.40s", (char *)key);
        char *k = decode_component(key, "query parameter name", error);
        char *v;

        if (k == NULL)
            return FALSE;
        v = decode_component(value != NULL ? value : "", what, error);
        if (v == NULL) {
            g_free(k);
            return FALSE;
        }
        g_hash_table_replace(*decoded, k, v);
    }
    return TRUE;
}

static gboolean
decode_body(const CorraldRequest *request, CorraldCall *call, GError **error)
{
    if (request->body_len == 0)
        return TRUE;
    if (request->content_type == NULL ||
        !g_str_has_prefix(request->content_type, "application/json")) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_UNSUPPORTED_MEDIA,
                            "the request body must be application/json");
        return FALSE;
    }
    call->body = corral_json_parse(request->body, request->body_len, "body", error);
    return call->body != NULL;
}

static void
call_clear(CorraldCall *call)
{
    for (guint i = 0; i < CORRALD_MAX_PARAMS; i++)
        g_free(call->params[i]);
    g_clear_pointer(&call->query, g_hash_table_unref);
    json_object_put(call->body);
    g_free(call->user);
    if (call->token != NULL)
        explicit_bzero(call->token, strlen(call->token));
    g_free(call->token);
}

static gboolean
route_call(CorraldDaemon *daemon, const CorraldRequest *request, CorraldCall *call, GError **error)
{
    g_auto(GStrv) segments = split_path(request->url, error);

    if (segments == NULL)
        return FALSE;
    switch (corrald_route_match(request->method, segments, &call->route, call->params)) {
    case CORRALD_MATCH_FOUND:
        break;
    case CORRALD_MATCH_NO_METHOD:
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_METHOD_NOT_ALLOWED,
                    "%s is not allowed on this resource", request->method);
        return FALSE;
    case CORRALD_MATCH_NO_PATH:
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_NOT_FOUND, "no such resource");
        return FALSE;
    }
    return decode_query(request->query, &call->query, error) &&
           corrald_auth_authorize(daemon, call, request->authorization, error) &&
           decode_body(request, call, error) && call->route->handler(call, error);
}

json_object *
corrald_dispatch(CorraldDaemon *daemon, const CorraldRequest *request, guint *status)
{
    CorraldCall call = {
        .daemon = daemon,
        .peer = request->peer,
        .server_address = request->server_address,
        .local = request->local,
        .upgrade = request->upgrade,
        .transfer = request->transfer,
    };
    g_autoptr(GError) error = NULL;
    json_object *reply;

    if (route_call(daemon, request, &call, &error) &&
        (call.switch_to.run == NULL || request->switched != NULL)) {
        *status = call.status != 0 ? call.status : 200;
        reply = g_steal_pointer(&call.reply);
        if (call.switch_to.run != NULL)
            *request->switched = call.switch_to;
    } else {
        if (error == NULL)
            g_set_error_literal(&error, CORRALD_ERROR, CORRALD_ERROR_BAD_REQUEST,
                                "this transport cannot switch protocols");
        if (call.switch_to.run != NULL && call.switch_to.free != NULL)
            call.switch_to.free(call.switch_to.data);
        reply = corrald_error_reply(error, status);
        if (*status >= 500)
            g_warning("%s %s: %s", request->method, call.route != NULL ? call.route->pattern : "?",
                      error->message);
        json_object_put(call.reply);
    }
    call_clear(&call);
    return reply;
}
