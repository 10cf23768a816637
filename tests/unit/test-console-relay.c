/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The console relay over socketpairs: bytes arrive intact both ways, a side
 * that closes ends it, stop ends it from another thread, and a client that
 * stops reading holds the guest up instead of growing the relay's buffers.
 */
#include "check-tap.h"
#include "hostd/console-relay.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUFFER 4096

typedef struct {
    int client[2]; /* [0] the test's end, [1] the relay's */
    int guest[2];
    CorraldConsoleRelay *relay;
    GThread *thread;
    gboolean ok;
} Rig;

static gpointer
run(gpointer data)
{
    Rig *rig = data;

    rig->ok = corrald_console_relay_run(rig->relay, NULL);
    return NULL;
}

static void
rig_start(Rig *rig, const char *extra)
{
    CorraldStream stream = {0};

    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, rig->client), 0);
    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, rig->guest), 0);
    stream.fd = rig->client[1];
    stream.extra = extra;
    stream.extra_len = extra != NULL ? strlen(extra) : 0;
    rig->relay = corrald_console_relay_new(&stream, rig->guest[1], BUFFER, NULL);
    ck_assert_ptr_nonnull(rig->relay);
    rig->thread = g_thread_new("relay", run, rig);
}

static void
rig_finish(Rig *rig)
{
    g_thread_join(rig->thread);
    corrald_console_relay_free(rig->relay);
    close(rig->client[0]);
    close(rig->client[1]);
    close(rig->guest[0]);
}

static void
read_exactly(int fd, char *buf, gsize len)
{
    gsize got = 0;

    while (got < len) {
        ssize_t n = read(fd, buf + got, len - got);
        ck_assert_int_gt(n, 0);
        got += (gsize)n;
    }
}

START_TEST(test_both_ways)
{
    Rig rig = {0};
    char buf[64] = {0};
    g_autofree char *big = g_malloc(1 << 20);
    g_autofree char *back = g_malloc(1 << 20);
    guint64 up, down;

    for (gsize i = 0; i < (1 << 20); i++)
        big[i] = (char)(i * 7 + i / 251);
    rig_start(&rig, "early");
    /* What the client sent with its request comes first. */
    read_exactly(rig.guest[0], buf, 5);
    ck_assert_str_eq(buf, "early");
    ck_assert_int_eq(write(rig.client[0], "RFB 003.008\n", 12), 12);
    read_exactly(rig.guest[0], buf, 12);
    ck_assert(memcmp(buf, "RFB 003.008\n", 12) == 0);

    /* A megabyte through a 4 KiB buffer, intact. */
    for (gsize off = 0; off < (1 << 20);) {
        ssize_t n = write(rig.guest[0], big + off, MIN(65536, (1 << 20) - off));
        gsize got;
        ck_assert_int_gt(n, 0);
        got = 0;
        while (got < (gsize)n) {
            ssize_t r = read(rig.client[0], back + off + got, (gsize)n - got);
            ck_assert_int_gt(r, 0);
            got += (gsize)r;
        }
        off += (gsize)n;
    }
    ck_assert(memcmp(big, back, 1 << 20) == 0);

    /* The guest going away ends the relay cleanly. */
    close(rig.guest[0]);
    g_thread_join(rig.thread);
    ck_assert(rig.ok);
    corrald_console_relay_get_counts(rig.relay, &up, &down);
    ck_assert_uint_eq(up, 17);
    ck_assert_uint_eq(down, 1 << 20);
    corrald_console_relay_free(rig.relay);
    close(rig.client[0]);
    close(rig.client[1]);
}
END_TEST

START_TEST(test_client_closes)
{
    Rig rig = {0};
    char c;

    rig_start(&rig, NULL);
    close(rig.client[0]);
    g_thread_join(rig.thread);
    ck_assert(rig.ok);
    /* The relay closed the guest's socket: the guest reads EOF. */
    corrald_console_relay_free(rig.relay);
    ck_assert_int_eq(read(rig.guest[0], &c, 1), 0);
    close(rig.client[1]);
    close(rig.guest[0]);
}
END_TEST

START_TEST(test_stop)
{
    Rig rig = {0};

    rig_start(&rig, NULL);
    g_usleep(20000);
    corrald_console_relay_stop(rig.relay);
    rig_finish(&rig);
    ck_assert(rig.ok);
}
END_TEST

/* A client that reads nothing: the guest's writes stall once the relay's
 * buffer and the sockets' own buffers are full, and the relay holds at most
 * its buffer. */
START_TEST(test_slow_reader_bounded)
{
    Rig rig = {0};
    char chunk[4096];
    gsize accepted = 0, before;
    int sndbuf = 0, rcvbuf = 0;
    socklen_t len = sizeof sndbuf;

    memset(chunk, 'x', sizeof chunk);
    rig_start(&rig, NULL);
    fcntl(rig.guest[0], F_SETFL, O_NONBLOCK);
    for (int idle = 0; idle < 50;) {
        ssize_t n = write(rig.guest[0], chunk, sizeof chunk);
        if (n > 0) {
            accepted += (gsize)n;
            idle = 0;
        } else {
            ck_assert(errno == EAGAIN);
            g_usleep(2000);
            idle++;
        }
        ck_assert_uint_lt(accepted, 64 * 1024 * 1024);
    }
    before = accepted;
    g_usleep(100000);
    ck_assert_int_lt(write(rig.guest[0], chunk, sizeof chunk), 0);
    ck_assert_uint_eq(accepted, before);
    /* What went in is held by the kernel's socket buffers and at most one
     * relay buffer. */
    getsockopt(rig.guest[0], SOL_SOCKET, SO_SNDBUF, &sndbuf, &len);
    getsockopt(rig.client[0], SOL_SOCKET, SO_RCVBUF, &rcvbuf, &len);
    ck_assert_uint_le(corrald_console_relay_get_peak_buffered(rig.relay), BUFFER);
    ck_assert_uint_le(accepted, (gsize)(4 * (sndbuf + rcvbuf)) + BUFFER);

    corrald_console_relay_stop(rig.relay);
    rig_finish(&rig);
}
END_TEST

/* The greeting: RFB 3.8 and security None to the client; 3.3 gets its
 * own form; something that is not RFB is refused. */
static gpointer
greet(gpointer data)
{
    Rig *rig = data;

    rig->ok = corrald_console_relay_greet(rig->relay, 2000, NULL);
    return NULL;
}

static void
greet_start(Rig *rig)
{
    CorraldStream stream = {0};

    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, rig->client), 0);
    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, rig->guest), 0);
    stream.fd = rig->client[1];
    rig->relay = corrald_console_relay_new(&stream, rig->guest[1], BUFFER, NULL);
    rig->thread = g_thread_new("greet", greet, rig);
}

START_TEST(test_greet)
{
    static const struct {
        const char *version;
        gsize reply_len;
        const char *reply; /* after the server's version */
        gboolean ok;
    } cases[] = {
        {"RFB 003.008\n", 2, "\x01\x01", TRUE},
        {"RFB 003.007\n", 2, "\x01\x01", TRUE},
        {"RFB 003.003\n", 4, "\x00\x00\x00\x01", TRUE},
        {"HTTP/1.1 200", 0, "", FALSE},
    };

    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        Rig rig = {0};
        char buf[16] = {0};

        greet_start(&rig);
        read_exactly(rig.client[0], buf, 12);
        ck_assert(memcmp(buf, "RFB 003.008\n", 12) == 0);
        ck_assert_int_eq(write(rig.client[0], cases[i].version, 12), 12);
        if (cases[i].reply_len > 0) {
            read_exactly(rig.client[0], buf, cases[i].reply_len);
            ck_assert(memcmp(buf, cases[i].reply, cases[i].reply_len) == 0);
        }
        if (g_str_has_suffix(cases[i].version, "008\n") ||
            g_str_has_suffix(cases[i].version, "007\n")) {
            ck_assert_int_eq(write(rig.client[0], "\x01", 1), 1);
            if (g_str_has_suffix(cases[i].version, "008\n")) {
                read_exactly(rig.client[0], buf, 4);
                ck_assert(memcmp(buf, "\0\0\0\0", 4) == 0);
            }
        }
        g_thread_join(rig.thread);
        ck_assert_int_eq(rig.ok, cases[i].ok);
        corrald_console_relay_free(rig.relay);
        close(rig.client[0]);
        close(rig.client[1]);
        close(rig.guest[0]);
    }
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("console-relay");
    TCase *tc = tcase_create("relay");

    tcase_add_test(tc, test_both_ways);
    tcase_add_test(tc, test_client_closes);
    tcase_add_test(tc, test_stop);
    tcase_add_test(tc, test_slow_reader_bounded);
    tcase_add_test(tc, test_greet);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
