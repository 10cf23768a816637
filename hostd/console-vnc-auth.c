/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * VNC passwords and corrald's side of the guest's RFB handshake (see
 * console-vnc-auth.h). VNC authentication encrypts the challenge with DES
 * (nettle), keyed by the password with each byte's bits reversed, as
 * RealVNC first did and every server since expects.
 */
#include "hostd/console-vnc-auth.h"

#include "common/random.h"
#include "hostd/hostd-error.h"

#include <errno.h>
#include <nettle/des.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define SEC_NONE 1
#define SEC_VNC  2

static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

char *
corrald_vnc_password_new(GError **error)
{
    guint8 bytes[CORRALD_VNC_PASSWORD_LEN];
    char *password = g_malloc(CORRALD_VNC_PASSWORD_LEN + 1);

    if (!corral_random_bytes(bytes, sizeof bytes, error)) {
        g_free(password);
        return NULL;
    }
    /* 256 is a multiple of nothing here; the bias of a modulo over 57
     * letters costs under 0.1 bit of the 46. */
    for (gsize i = 0; i < sizeof bytes; i++)
        password[i] = alphabet[bytes[i] % (sizeof alphabet - 1)];
    password[CORRALD_VNC_PASSWORD_LEN] = '\0';
    explicit_bzero(bytes, sizeof bytes);
    return password;
}

static guint8
reverse_bits(guint8 b)
{
    b = (guint8)((b & 0xf0) >> 4 | (b & 0x0f) << 4);
    b = (guint8)((b & 0xcc) >> 2 | (b & 0x33) << 2);
    return (guint8)((b & 0xaa) >> 1 | (b & 0x55) << 1);
}

void
corrald_vnc_auth_response(const char *password, const guint8 challenge[16], guint8 response[16])
{
    guint8 key[DES_KEY_SIZE] = {0};
    struct des_ctx ctx;

    for (gsize i = 0; i < DES_KEY_SIZE && password[i] != '\0'; i++)
        key[i] = reverse_bits((guint8)password[i]);
    des_set_key(&ctx, key);
    des_encrypt(&ctx, 16, response, challenge);
    explicit_bzero(key, sizeof key);
    explicit_bzero(&ctx, sizeof ctx);
}

static gboolean
wait_for(int fd, short events, gint64 deadline, GError **error)
{
    struct pollfd p = {.fd = fd, .events = events};
    gint64 left = (deadline - g_get_monotonic_time()) / 1000;

    if (left > 0 && poll(&p, 1, (int)MIN(left, G_MAXINT)) > 0)
        return TRUE;
    g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_UNAVAILABLE,
                        "the guest's VNC server did not answer in time");
    return FALSE;
}

static gboolean
read_exactly(int fd, void *buf, gsize len, gint64 deadline, GError **error)
{
    guint8 *p = buf;

    while (len > 0) {
        ssize_t n;

        if (!wait_for(fd, POLLIN, deadline, error))
            return FALSE;
        n = recv(fd, p, len, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (n <= 0) {
            g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_UNAVAILABLE,
                                "the guest's VNC server closed the connection");
            return FALSE;
        }
        p += n;
        len -= (gsize)n;
    }
    return TRUE;
}

static gboolean
write_all(int fd, const void *buf, gsize len, GError **error)
{
    if (send(fd, buf, len, MSG_NOSIGNAL) != (ssize_t)len) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_UNAVAILABLE,
                    "writing to the guest's VNC server: %s", g_strerror(errno));
        return FALSE;
    }
    return TRUE;
}

gboolean
corrald_vnc_auth_server(int fd, const char *password, guint timeout_ms, GError **error)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * G_TIME_SPAN_MILLISECOND;
    guint8 version[12], n, types[255], result[4], challenge[16], response[16];
    guint8 chosen = 0;

    if (!read_exactly(fd, version, sizeof version, deadline, error))
        return FALSE;
    if (memcmp(version, "RFB 003.008\n", 12) != 0) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_UNAVAILABLE,
                            "the guest's VNC server does not speak RFB 3.8");
        return FALSE;
    }
    if (!write_all(fd, "RFB 003.008\n", 12, error) || !read_exactly(fd, &n, 1, deadline, error))
        return FALSE;
    if (n == 0) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_UNAVAILABLE,
                            "the guest's VNC server refused the connection");
        return FALSE;
    }
    if (!read_exactly(fd, types, n, deadline, error))
        return FALSE;
    for (guint i = 0; i < n; i++) {
        if (types[i] == SEC_NONE || (types[i] == SEC_VNC && password != NULL && chosen == 0))
            chosen = types[i];
    }
    if (chosen == 0) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_UNAVAILABLE,
                            "the guest's VNC server asks for an authentication corrald cannot "
                            "give (no password known)");
        return FALSE;
    }
    if (!write_all(fd, &chosen, 1, error))
        return FALSE;
    if (chosen == SEC_VNC) {
        if (!read_exactly(fd, challenge, sizeof challenge, deadline, error))
            return FALSE;
        corrald_vnc_auth_response(password, challenge, response);
        if (!write_all(fd, response, sizeof response, error))
            return FALSE;
    }
    if (!read_exactly(fd, result, sizeof result, deadline, error))
        return FALSE;
    if (result[0] | result[1] | result[2] | result[3]) {
        g_set_error_literal(error, CORRALD_ERROR, CORRALD_ERROR_UNAVAILABLE,
                            "the guest's VNC server refused corrald's password");
        return FALSE;
    }
    return TRUE;
}
