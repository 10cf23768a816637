/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * bench/console: two figures from one run on the same tiny guest.
 *
 * 1. Console throughput through corrald's tunnel against the guest's VNC
 *    socket itself: a small RFB client asks for whole raw frames as fast as
 *    they come, for R seconds each way, in interleaved rounds; the ratio is
 *    tunnel MB/s over direct MB/s (goal >= 0.9). The tunnel is the client's
 *    (protocol/console-tunnel.c): TLS to corrald, corrald's relay, the unix
 *    socket.
 * 2. Viewer CPU time per frame update, CorralVncView (corral-vnc-viewer)
 *    against gvncviewer, as RIG.md measures it: the guest runs
 *    `hexdump -C /dev/urandom` on its text console (typed in by the same
 *    RFB client), QEMU's trace event vnc_job_nrects counts the updates it
 *    sends (one line each in the guest's libvirt log), and each viewer in
 *    turn, alone, runs under Xvfb at 1:1 as its users run it: no
 *    GSK_RENDERER, GDK_DEBUG or CORRAL_GL, so corral-vnc-viewer draws as
 *    the client does, with GTK's cairo renderer and OpenGL off
 *    (client/main.c), and gvncviewer with GTK 3's cairo: after W
 *    seconds of warm-up, its utime+stime over S seconds divided by the
 *    updates in that window. The viewers ask for different encodings
 *    (gvncviewer Tight, ours raw) and keep up at different rates, so the
 *    figure is per update QEMU sent, and beside it the viewer's whole CPU
 *    time in the window (of the same length for both), Xvfb's per update
 *    and QEMU's per update (the guest's work included: compare, do not
 *    read it alone). The ratio is ours over gvncviewer's per update (goal
 *    <= 0.8). Both reach the guest's unix socket through a loopback bridge
 *    of this program's (gvncviewer speaks TCP only).
 *
 * Build it without sanitizers for figures that mean anything. Needs root,
 * libvirtd (scripts/services start), Xvfb and gvncviewer.
 *   console [--seconds S] [--warmup W] [--rounds N]
 */
#include "config.h"

#include "hostd/domain-xml.h"
#include "protocol/client.h"
#include "protocol/console-tunnel.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define PASSWORD    "correct horse battery"
#define GOAL_CPU    0.8
#define GOAL_THRU   0.9
#define BOOT_WAIT_S 90

static int seconds = 30, warmup = 8, rounds = 3;
static char *state_dir, *guest_name, *serial_log;
static GPid corrald_pid, xvfb_pid;
static virConnectPtr conn;
static virDomainPtr domain;

static void G_GNUC_NORETURN G_GNUC_PRINTF(1, 2) die(const char *format, ...);

static void
cleanup(void)
{
    if (domain != NULL) {
        virDomainDestroy(domain);
        virDomainFree(domain);
        domain = NULL;
    }
    if (corrald_pid > 0) {
        kill(corrald_pid, SIGTERM);
        waitpid(corrald_pid, NULL, 0);
        corrald_pid = 0;
    }
    if (xvfb_pid > 0) {
        kill(xvfb_pid, SIGTERM);
        waitpid(xvfb_pid, NULL, 0);
        xvfb_pid = 0;
    }
    if (serial_log != NULL)
        g_unlink(serial_log);
}

static void
die(const char *format, ...)
{
    va_list ap;

    va_start(ap, format);
    fprintf(stderr, "bench/console: ");
    vfprintf(stderr, format, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    cleanup();
    exit(1);
}

static char *
run_out(const char *const *argv)
{
    char *out = NULL;
    int status = 0;

    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                      &status, NULL) ||
        !g_spawn_check_wait_status(status, NULL))
        die("%s failed", argv[0]);
    return out;
}

/* corrald, from this build tree */

static CorralClient *
start_corrald(void)
{
    g_autofree char *config = g_build_filename(state_dir, "corrald.conf", NULL);
    g_autofree char *sock = g_build_filename(state_dir, "corrald.sock", NULL);
    g_autofree char *port_file = g_build_filename(state_dir, "port", NULL);
    g_autofree char *thumb = NULL, *port = NULL, *url = NULL, *token = NULL;
    const char *print[] = {CORRALD_BIN, "--state-dir", state_dir, "--print-thumbprint", NULL};
    const char *argv[] = {CORRALD_BIN, "--state-dir", state_dir,  "--config", config,
                          "--listen",  "127.0.0.1:0", "--socket", sock,       NULL};
    g_autoptr(CorralClient) local = NULL;
    g_autoptr(json_object) body = NULL, answer = NULL;
    json_object *value;
    CorralClient *client;

    g_file_set_contents(config, "[auth]\nfailure-delay-ms = 0\n", -1, NULL);
    thumb = g_strstrip(run_out(print));
    if (!g_spawn_async(NULL, (char **)argv, NULL,
                       G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL |
                           G_SPAWN_DO_NOT_REAP_CHILD,
                       NULL, NULL, &corrald_pid, NULL))
        die("cannot start corrald");
    for (int i = 0; i < 300 && !g_file_get_contents(port_file, &port, NULL, NULL); i++)
        g_usleep(100 * 1000);
    if (port == NULL)
        die("corrald did not start");
    local = corral_client_new_unix(sock);
    body = json_object_new_object();
    json_object_object_add(body, "password", json_object_new_string(PASSWORD));
    if (!corral_client_request(local, "PATCH", "/users/root", body, NULL, NULL, NULL))
        die("cannot set root's password");
    url = g_strdup_printf("https://127.0.0.1:%s", g_strstrip(port));
    client = corral_client_new(url, NULL);
    corral_client_set_pinned_thumbprint(client, thumb, NULL);
    json_object_put(body);
    body = json_object_new_object();
    json_object_object_add(body, "username", json_object_new_string("root"));
    json_object_object_add(body, "password", json_object_new_string(PASSWORD));
    if (!corral_client_request(client, "POST", "/session", body, NULL, &answer, NULL) ||
        !json_object_object_get_ex(answer, "token", &value))
        die("cannot log in");
    corral_client_set_token(client, json_object_get_string(value), NULL);
    return client;
}

/* The guest */

static gboolean
serial_has(const char *needle)
{
    g_autofree char *log = NULL;

    return g_file_get_contents(serial_log, &log, NULL, NULL) && strstr(log, needle) != NULL;
}

static void
start_guest(void)
{
    const char *build[] = {SOURCE_ROOT "/scripts/guest", "build", NULL};
    const char *xml_argv[] = {SOURCE_ROOT "/scripts/guest", "xml", guest_name, NULL};
    g_autofree char *built = run_out(build);
    g_autofree char *xml = run_out(xml_argv);
    GString *s = g_string_new(xml);
    const char *graphics = strstr(s->str, "<graphics type='vnc'");
    const char *end = graphics != NULL ? strstr(graphics, "/>") : NULL;
    g_autofree char *text = NULL;

    if (end == NULL)
        die("scripts/guest xml has no VNC graphics");
    g_string_erase(s, graphics - s->str, end + 2 - graphics);
    g_string_insert(s, graphics - s->str,
                    "<graphics type='vnc'><listen type='socket'/></graphics>");
    text = g_string_free(s, FALSE);
    domain = virDomainCreateXML(conn, text, 0);
    if (domain == NULL)
        die("the guest does not start");
    for (int i = 0; i < BOOT_WAIT_S * 5 && !serial_has("corral-guest: ready"); i++)
        g_usleep(200 * 1000);
    if (!serial_has("corral-guest: ready"))
        die("the guest did not boot");
    g_usleep(2 * G_USEC_PER_SEC); /* the shell prompt */
}

static char *
vnc_socket(void)
{
    g_autofree char *xml = virDomainGetXMLDesc(domain, 0);
    char *path = xml != NULL ? corrald_domain_xml_vnc_socket(xml) : NULL;

    if (path == NULL)
        die("the guest has no VNC socket");
    return path;
}

static int
connect_unix(const char *path)
{
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

    g_strlcpy(sun.sun_path, path, sizeof sun.sun_path);
    if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof sun) < 0)
        die("connecting to %s: %s", path, g_strerror(errno));
    return fd;
}

/* A small RFB client: handshake, whole raw frames, keys */

static void
read_all(int fd, void *buf, gsize len)
{
    guint8 *p = buf;

    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n <= 0)
            die("the console closed");
        p += n;
        len -= (gsize)n;
    }
}

static void
write_all(int fd, const void *buf, gsize len)
{
    if (send(fd, buf, len, MSG_NOSIGNAL) != (ssize_t)len)
        die("writing to the console: %s", g_strerror(errno));
}

typedef struct {
    guint16 width, height;
    guint bpp;
} Screen;

static Screen
rfb_handshake(int fd)
{
    guint8 version[12], n, type = 1, init[24], shared = 1;
    guint8 types[256], result[4];
    guint8 encodings[8] = {2, 0, 0, 1, 0, 0, 0, 0}; /* SetEncodings: raw only */
    guint32 name_len;
    Screen s;

    read_all(fd, version, 12);
    write_all(fd, "RFB 003.008\n", 12);
    read_all(fd, &n, 1);
    if (n == 0)
        die("the console refused the connection");
    read_all(fd, types, n);
    write_all(fd, &type, 1);
    read_all(fd, result, 4);
    write_all(fd, &shared, 1);
    read_all(fd, init, 24);
    s.width = (guint16)(init[0] << 8 | init[1]);
    s.height = (guint16)(init[2] << 8 | init[3]);
    s.bpp = init[4] / 8;
    name_len =
        (guint32)init[20] << 24 | (guint32)init[21] << 16 | (guint32)init[22] << 8 | init[23];
    if (name_len > 4096)
        die("the console's name is too long");
    {
        g_autofree guint8 *name = g_malloc(name_len + 1);
        read_all(fd, name, name_len);
    }
    write_all(fd, encodings, sizeof encodings);
    return s;
}

/* Asks for the whole screen and reads the raw update; returns its bytes. */
static gsize
rfb_frame(int fd, const Screen *s, guint8 *scratch, gsize scratch_len)
{
    guint8 req[10] = {3,
                      0,
                      0,
                      0,
                      0,
                      0,
                      (guint8)(s->width >> 8),
                      (guint8)s->width,
                      (guint8)(s->height >> 8),
                      (guint8)s->height};
    guint8 head[4], rect[12];
    gsize bytes = 4;
    guint n;

    write_all(fd, req, sizeof req);
    read_all(fd, head, 4);
    if (head[0] != 0)
        die("unexpected message %u from the console", head[0]);
    n = (guint)(head[2] << 8 | head[3]);
    for (guint i = 0; i < n; i++) {
        guint w, h;
        gsize len;

        read_all(fd, rect, 12);
        w = (guint)(rect[4] << 8 | rect[5]);
        h = (guint)(rect[6] << 8 | rect[7]);
        if (rect[8] != 0 || rect[9] != 0 || rect[10] != 0 || rect[11] != 0)
            die("the console sent an encoding other than raw");
        len = (gsize)w * h * s->bpp;
        for (gsize done = 0; done < len;) {
            gsize chunk = MIN(scratch_len, len - done);
            read_all(fd, scratch, chunk);
            done += chunk;
        }
        bytes += 12 + len;
    }
    return bytes;
}

/* Types @text with KeyEvents (keysyms; Shift for capitals). */
static void
rfb_type(int fd, const char *text)
{
    for (const char *p = text; *p != '\0'; p++) {
        guint32 keysym = *p == '\n' ? 0xff0d : (guint8)*p;
        gboolean shift = g_ascii_isupper(*p);
        guint8 ev[8] = {4, 1, 0, 0, 0, 0, 0, 0};

        if (shift) {
            guint8 down[8] = {4, 1, 0, 0, 0, 0, 0xff, 0xe1};
            write_all(fd, down, 8);
        }
        ev[4] = (guint8)(keysym >> 24);
        ev[5] = (guint8)(keysym >> 16);
        ev[6] = (guint8)(keysym >> 8);
        ev[7] = (guint8)keysym;
        write_all(fd, ev, 8);
        ev[1] = 0;
        write_all(fd, ev, 8);
        if (shift) {
            guint8 up[8] = {4, 0, 0, 0, 0, 0, 0xff, 0xe1};
            write_all(fd, up, 8);
        }
        g_usleep(30 * 1000);
    }
}

/* MB/s of whole raw frames on @fd for @secs seconds. */
static double
throughput(int fd, double secs)
{
    Screen s = rfb_handshake(fd);
    gsize scratch_len = 1 << 20;
    g_autofree guint8 *scratch = g_malloc(scratch_len);
    gint64 start, end;
    guint64 bytes = 0;

    rfb_frame(fd, &s, scratch, scratch_len); /* warm */
    start = g_get_monotonic_time();
    end = start + (gint64)(secs * G_USEC_PER_SEC);
    while (g_get_monotonic_time() < end)
        bytes += rfb_frame(fd, &s, scratch, scratch_len);
    return bytes / 1e6 / ((g_get_monotonic_time() - start) / 1e6);
}

static int
compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, compare_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The loopback bridge: TCP on 127.0.0.1:59NN to the guest's socket. */

typedef struct {
    int a, b;
} Pair;

static gpointer
pump(gpointer data)
{
    Pair *p = data;
    guint8 buf[65536];
    ssize_t n;

    while ((n = read(p->a, buf, sizeof buf)) > 0)
        if (send(p->b, buf, (size_t)n, MSG_NOSIGNAL) != n)
            break;
    shutdown(p->b, SHUT_WR);
    g_free(p);
    return NULL;
}

static gpointer
bridge(gpointer data)
{
    int listener = GPOINTER_TO_INT(data);
    g_autofree char *path = vnc_socket();

    for (;;) {
        int c = accept(listener, NULL, NULL);
        int g;
        Pair *up, *down;

        if (c < 0)
            continue;
        g = connect_unix(path);
        up = g_new(Pair, 1);
        down = g_new(Pair, 1);
        *up = (Pair){c, g};
        *down = (Pair){g, c};
        g_thread_unref(g_thread_new("up", pump, up));
        g_thread_unref(g_thread_new("down", pump, down));
    }
    return NULL;
}

static int
start_bridge(void)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;

    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    for (int port = 5950; port < 6000; port++) {
        struct sockaddr_in in = {.sin_family = AF_INET, .sin_port = htons((guint16)port)};
        in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (bind(fd, (struct sockaddr *)&in, sizeof in) == 0 && listen(fd, 4) == 0) {
            g_thread_unref(g_thread_new("bridge", bridge, GINT_TO_POINTER(fd)));
            return port;
        }
    }
    die("no free loopback port in 5950–5999 for the bridge");
}

/* CPU and update counts */

static double
cpu_s(GPid pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/stat", (int)pid);
    g_autofree char *stat = NULL;
    unsigned long utime = 0, stime = 0;
    const char *p;

    if (!g_file_get_contents(path, &stat, NULL, NULL) || (p = strrchr(stat, ')')) == NULL)
        return 0;
    /* After the name: state, then fields 4–13; utime and stime are 14, 15. */
    sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime);
    return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

static guint64
qemu_updates(void)
{
    g_autofree char *path = g_strdup_printf("/var/log/libvirt/qemu/%s.log", guest_name);
    g_autofree char *log = NULL;
    guint64 n = 0;

    if (!g_file_get_contents(path, &log, NULL, NULL))
        return 0;
    for (const char *p = strstr(log, "vnc_job_nrects"); p != NULL;
         p = strstr(p + 1, "vnc_job_nrects"))
        n++;
    return n;
}

static GPid
qemu_pid(void)
{
    g_autofree char *path = g_strdup_printf("/var/run/libvirt/qemu/%s.pid", guest_name);
    g_autofree char *text = NULL;

    return g_file_get_contents(path, &text, NULL, NULL) ? (GPid)atoi(text) : 0;
}

typedef struct {
    double ms_per_update, cpu_s, xvfb_ms_per_update, qemu_ms_per_update, updates_per_s;
} ViewerFigure;

static ViewerFigure
measure_viewer(const char *const *argv, const char *display)
{
    g_auto(GStrv) env = g_get_environ();
    GPid pid, qemu = qemu_pid();
    double c0, x0, q0, c1, x1, q1;
    guint64 u0, u1, n;
    ViewerFigure f;

    env = g_environ_setenv(env, "DISPLAY", display, TRUE);
    env = g_environ_setenv(env, "GDK_BACKEND", "x11", TRUE);
    env = g_environ_setenv(env, "GTK_A11Y", "none", TRUE);
    env = g_environ_unsetenv(env, "GSK_RENDERER");
    env = g_environ_unsetenv(env, "GDK_DEBUG");
    env = g_environ_unsetenv(env, "CORRAL_GL");
    env = g_environ_setenv(env, "NO_AT_BRIDGE", "1", TRUE);
    if (!g_spawn_async(NULL, (char **)argv, env,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                           G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, &pid, NULL))
        die("cannot start %s", argv[0]);
    g_usleep((gulong)warmup * G_USEC_PER_SEC);
    c0 = cpu_s(pid);
    x0 = cpu_s(xvfb_pid);
    q0 = cpu_s(qemu);
    u0 = qemu_updates();
    g_usleep((gulong)seconds * G_USEC_PER_SEC);
    c1 = cpu_s(pid);
    x1 = cpu_s(xvfb_pid);
    q1 = cpu_s(qemu);
    u1 = qemu_updates();
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
    if (u1 <= u0)
        die("%s: QEMU sent no updates (is the trace event on?)", argv[0]);
    n = u1 - u0;
    f.cpu_s = c1 - c0;
    f.ms_per_update = f.cpu_s * 1000 / (double)n;
    f.xvfb_ms_per_update = (x1 - x0) * 1000 / (double)n;
    f.qemu_ms_per_update = (q1 - q0) * 1000 / (double)n;
    f.updates_per_s = (double)n / seconds;
    return f;
}

static void
print_viewer(const char *name, const ViewerFigure *f)
{
    printf("  %-14s %6.2f ms/update  (%.1f updates/s; %.2f s CPU in %d s; Xvfb %.2f, QEMU %.1f "
           "ms/update)\n",
           name, f->ms_per_update, f->updates_per_s, f->cpu_s, seconds, f->xvfb_ms_per_update,
           f->qemu_ms_per_update);
}

static void
on_signal(int sig)
{
    cleanup();
    _exit(128 + sig);
}

int
main(int argc, char **argv)
{
    GOptionEntry entries[] = {
        {"seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "measuring window per viewer (30)", "S"},
        {"warmup", 0, 0, G_OPTION_ARG_INT, &warmup, "warm-up before it (8)", "W"},
        {"rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "throughput rounds each way (3)", "N"},
        {NULL},
    };
    g_autoptr(GOptionContext) context = g_option_context_new(NULL);
    g_autoptr(CorralClient) client = NULL;
    g_autofree char *path = NULL, *display = NULL, *viewer_url = NULL, *gvnc_arg = NULL;
    g_autofree char *trace = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    double direct[16], tunnel[16], d, t;
    ViewerFigure ours, theirs;
    int port, fd, n;

    g_option_context_add_main_entries(context, entries, NULL);
    if (!g_option_context_parse(context, &argc, &argv, NULL) || rounds < 1 || rounds > 16 ||
        seconds < 1 || warmup < 0)
        die("bad options");
    if (geteuid() != 0)
        die("needs root (libvirt's qemu:///system)");
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGPIPE, SIG_IGN);
    state_dir = g_dir_make_tmp("corral-bench-console-XXXXXX", NULL);
    guest_name = g_strdup_printf("corral-bench-console-%d", (int)getpid());
    serial_log = g_strdup_printf("/var/log/libvirt/qemu/%s-serial.log", guest_name);
    conn = virConnectOpen("qemu:///system");
    if (conn == NULL)
        die("no libvirtd on qemu:///system (scripts/services start)");
    client = start_corrald();
    start_guest();
    path = vnc_socket();
    virDomainGetUUIDString(domain, uuid);

    /* 1. Throughput, interleaved rounds. */
    for (int i = 0; i < rounds; i++) {
        g_autoptr(CorralConsoleTunnel) tun = NULL;
        g_autoptr(GError) error = NULL;
        int tfd;

        fd = connect_unix(path);
        direct[i] = throughput(fd, 5);
        close(fd);
        tun = corral_console_tunnel_open(client, uuid, &error);
        if (tun == NULL)
            die("the tunnel does not open: %s", error->message);
        tfd = corral_console_tunnel_steal_fd(tun);
        tunnel[i] = throughput(tfd, 5);
        close(tfd);
    }
    d = median(direct, rounds);
    t = median(tunnel, rounds);

    /* 2. Viewer CPU per update under load. */
    fd = connect_unix(path);
    rfb_handshake(fd);
    rfb_type(fd, "hexdump -C /dev/urandom\n");
    close(fd);
    {
        const char *argv_trace[] = {"virsh",
                                    "-c",
                                    "qemu:///system",
                                    "qemu-monitor-command",
                                    guest_name,
                                    "{\"execute\":\"trace-event-set-state\",\"arguments\":"
                                    "{\"name\":\"vnc_job_nrects\",\"enable\":true}}",
                                    NULL};
        trace = run_out(argv_trace);
    }
    port = start_bridge();
    for (n = 120; n < 199; n++) {
        g_autofree char *lock = g_strdup_printf("/tmp/.X%d-lock", n);
        if (!g_file_test(lock, G_FILE_TEST_EXISTS))
            break;
    }
    display = g_strdup_printf(":%d", n);
    {
        const char *xvfb[] = {"Xvfb",        display,     "-screen", "0",
                              "1280x800x24", "-nolisten", "tcp",     NULL};
        if (!g_spawn_async(NULL, (char **)xvfb, NULL,
                           G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                               G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                           NULL, NULL, &xvfb_pid, NULL))
            die("cannot start Xvfb");
        g_usleep(G_USEC_PER_SEC);
    }
    viewer_url = g_strdup_printf("vnc://127.0.0.1:%d", port);
    gvnc_arg = g_strdup_printf("127.0.0.1:%d", port - 5900);
    {
        const char *gvnc[] = {"gvncviewer", gvnc_arg, NULL};
        const char *corral[] = {CORRAL_VNC_VIEWER, "--one-to-one", viewer_url, NULL};
        theirs = measure_viewer(gvnc, display);
        ours = measure_viewer(corral, display);
    }

    printf("bench/console (guest %s, TCG; text console under `hexdump -C /dev/urandom`)\n",
           guest_name);
    printf("viewer CPU per frame update QEMU sent (%d s after %d s warm-up, each viewer alone, "
           "1:1, both drawing with cairo as their users get):\n",
           seconds, warmup);
    print_viewer("gvncviewer", &theirs);
    print_viewer("CorralVncView", &ours);
    printf("  ratio          %6.2f  (goal <= %.1f); whole CPU time over equal windows: %.2f\n",
           ours.ms_per_update / theirs.ms_per_update, GOAL_CPU, ours.cpu_s / theirs.cpu_s);
    printf("console throughput, whole raw frames (median of %d rounds of 5 s):\n", rounds);
    printf("  direct socket  %7.1f MB/s\n", d);
    printf("  corrald tunnel %7.1f MB/s\n", t);
    printf("  ratio          %6.2f  (goal >= %.1f)\n", t / d, GOAL_THRU);
    cleanup();
    return 0;
}
