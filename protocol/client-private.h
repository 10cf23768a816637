/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What the rest of libcorral-protocol uses of the HTTP client beyond its
 * public API: a connection of its own to the host, made exactly as requests
 * make theirs (the unix socket, or TLS with the pin checked inside the
 * handshake), for a protocol that leaves HTTP after one request (the console
 * tunnel).
 */
#pragma once

#include <curl/curl.h>

#include "protocol/client.h"

G_BEGIN_DECLS

/* A new libcurl handle connected (CURLOPT_CONNECT_ONLY) to @client's host,
 * for curl_easy_send()/curl_easy_recv(); nothing is sent. Failures read like
 * those of requests, with @what (a path under /api/v1, "/console") named:
 * CORRAL_PROTOCOL_ERROR_PIN_MISMATCH, _UNTRUSTED, _CONNECT, _TLS, … The
 * caller frees the handle with curl_easy_cleanup(). */
CURL *corral_client_connect_only(CorralClient *client, const char *what, GError **error);

G_END_DECLS
