/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Guest consoles end to end, on real libvirtd, QEMU, corrald and GTK under
 * Xvfb. A tiny real guest (scripts/guest) boots with VNC on a unix socket
 * only. Through corrald's HTTPS port: a read-only user gets no ticket; a
 * used, an expired and another user's ticket are refused; no VNC port
 * listens on any address. Then corral-vnc-viewer opens the console through
 * corrald and xdotool types into it: `echo corral-$((6*7)) | tee /dev/ttyS0`
 * lands in the guest's serial log as corral-42 and changes the screen; the
 * same with the client on a Hungarian layout (and the guest given the
 * Hungarian console keymap, as a Hungarian host would have), where -, $, (,
 * *, | and / sit on other keys; Ctrl+Alt+Del reaches the guest (its kernel
 * is told to reboot on it, and boots again), and typing works after the
 * reboot. Needs root and libvirtd on qemu:///system; skipped otherwise.
 */
#include "check-tap.h"
#include "corrald-fixture.h"
#include "protocol/console-tunnel.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define PASSWORD    "correct horse battery"
#define KMAP_SOURCE TEST_FIXTURES "/console/hu.bkeymap"
#define BOOT_WAIT_S 90

static CorraldFixture *fixture;
static virConnectPtr conn;
static virDomainPtr domain;
static char *vm_id;
static char *serial_log;
static char *kmap_path;

/* Runs @argv (NULL-terminated), with DISPLAY=@display when set; returns
 * its exit status and its standard output. */
static int
run(const char *display, char **out, const char *first, ...)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_auto(GStrv) envp = g_get_environ();
    g_autoptr(GError) error = NULL;
    int status = -1;
    va_list ap;

    va_start(ap, first);
    for (const char *a = first; a != NULL; a = va_arg(ap, const char *))
        g_ptr_array_add(argv, (char *)a);
    va_end(ap);
    g_ptr_array_add(argv, NULL);
    if (display != NULL)
        envp = g_environ_setenv(envp, "DISPLAY", display, TRUE);
    ck_assert_msg(g_spawn_sync(NULL, (char **)argv->pdata, envp,
                               G_SPAWN_SEARCH_PATH | (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0),
                               NULL, NULL, out, NULL, &status, &error),
                  "%s: %s", first, error != NULL ? error->message : "");
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *
read_serial(void)
{
    char *text = NULL;

    if (!g_file_get_contents(serial_log, &text, NULL, NULL))
        return g_strdup("");
    return text;
}

static guint
count_of(const char *haystack, const char *needle)
{
    guint n = 0;

    for (const char *p = strstr(haystack, needle); p != NULL; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* Waits until the serial log holds @needle @times times. */
static gboolean
await_serial(const char *needle, guint times, guint seconds)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)seconds * G_USEC_PER_SEC;

    while (g_get_monotonic_time() < deadline) {
        g_autofree char *log = read_serial();
        if (count_of(log, needle) >= times)
            return TRUE;
        g_usleep(200 * 1000);
    }
    return FALSE;
}

/* The guest's domain XML: scripts/guest's, with VNC on a libvirt-made unix
 * socket (as corrald makes its guests) and the Hungarian keymap as a
 * read-only disk. */
static char *
guest_xml(const char *name)
{
    g_autofree char *xml = NULL;
    g_autofree char *disk = NULL;
    GString *s;
    const char *graphics, *end;

    ck_assert_int_eq(run(NULL, NULL, TEST_SRCROOT "/scripts/guest", "build", NULL), 0);
    ck_assert_int_eq(run(NULL, &xml, TEST_SRCROOT "/scripts/guest", "xml", name, NULL), 0);
    s = g_string_new(xml);
    graphics = strstr(s->str, "<graphics type='vnc'");
    ck_assert_ptr_nonnull(graphics);
    end = strstr(graphics, "/>");
    ck_assert_ptr_nonnull(end);
    g_string_erase(s, graphics - s->str, end + 2 - graphics);
    /* A VNC password, as corrald gives the guests it creates: QEMU then
     * offers VNC authentication only, and corrald answers it. */
    disk = g_strdup_printf("<graphics type='vnc' passwd='Test%04x'><listen type='socket'/>"
                           "</graphics>\n"
                           "    <disk type='file' device='disk'>\n"
                           "      <driver name='qemu' type='raw'/>\n"
                           "      <source file='%s'/>\n"
                           "      <target dev='vda' bus='virtio'/>\n"
                           "      <readonly/>\n"
                           "    </disk>",
                           (guint)g_random_int_range(0, 0xffff), kmap_path);
    g_string_insert(s, graphics - s->str, disk);
    return g_string_free(s, FALSE);
}

static void
start(void)
{
    g_autofree char *name = g_strdup_printf("corral-console-%d", (int)getpid());
    g_autofree char *xml = NULL;
    g_autofree char *kmap = NULL;
    gsize kmap_len;
    char uuid[VIR_UUID_STRING_BUFLEN];

    fixture = corrald_fixture_start("qemu:///system", "[console]\nticket-s = 5\n"
                                                      "[auth]\nfailure-delay-ms = 0\n");
    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);
    corrald_fixture_add_user(fixture, "opal", "operator", PASSWORD);
    corrald_fixture_add_user(fixture, "rita", "read-only", PASSWORD);

    kmap_path = g_strdup_printf("/var/lib/libvirt/images/%s.kmap", name);
    ck_assert(g_file_get_contents(KMAP_SOURCE, &kmap, &kmap_len, NULL));
    ck_assert(g_file_set_contents(kmap_path, kmap, (gssize)kmap_len, NULL));
    g_chmod(kmap_path, 0644);
    serial_log = g_strdup_printf("/var/log/libvirt/qemu/%s-serial.log", name);
    g_unlink(serial_log);

    conn = virConnectOpen("qemu:///system");
    ck_assert_ptr_nonnull(conn);
    xml = guest_xml(name);
    domain = virDomainCreateXML(conn, xml, 0);
    ck_assert_msg(domain != NULL, "the guest does not start");
    ck_assert_int_eq(virDomainGetUUIDString(domain, uuid), 0);
    vm_id = g_strdup(uuid);
    ck_assert_msg(await_serial("corral-guest: ready", 1, BOOT_WAIT_S), "the guest did not boot");
}

static void
stop(void)
{
    if (domain != NULL) {
        virDomainDestroy(domain);
        virDomainFree(domain);
        domain = NULL;
    }
    g_clear_pointer(&conn, virConnectClose);
    if (kmap_path != NULL)
        g_unlink(kmap_path);
    if (serial_log != NULL)
        g_unlink(serial_log);
    g_clear_pointer(&kmap_path, g_free);
    g_clear_pointer(&serial_log, g_free);
    g_clear_pointer(&vm_id, g_free);
    g_clear_pointer(&fixture, corrald_fixture_stop);
}

static CorralClient *
client_of(const char *user)
{
    return corrald_fixture_session(fixture, user, PASSWORD);
}

static char *
ticket_for(CorralClient *client)
{
    g_autofree char *path = g_strdup_printf("/vms/%s/console", vm_id);
    g_autoptr(json_object) answer = NULL;
    json_object *ticket, *expires;

    ck_assert_uint_eq(corrald_fixture_call(client, "POST", path, NULL, &answer), 200);
    ck_assert(json_object_object_get_ex(answer, "ticket", &ticket));
    ck_assert(json_object_object_get_ex(answer, "expires_in", &expires));
    ck_assert_int_eq(json_object_get_int(expires), 5);
    return g_strdup(json_object_get_string(ticket));
}

/* The RFB banner the guest's VNC server sends first, through the tunnel. */
static void
assert_rfb(CorralConsoleTunnel *tunnel)
{
    int fd = corral_console_tunnel_steal_fd(tunnel);
    char banner[13] = {0};
    gsize got = 0;

    while (got < 12) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        ssize_t n;
        ck_assert_int_eq(poll(&p, 1, 10000), 1);
        n = read(fd, banner + got, 12 - got);
        ck_assert_int_gt(n, 0);
        got += (gsize)n;
    }
    ck_assert_str_eq(banner, "RFB 003.008\n");
    close(fd);
}

static void
assert_refused(CorralClient *client, const char *ticket, const char *why)
{
    g_autoptr(GError) error = NULL;
    guint status = 0;
    CorralConsoleTunnel *t = corral_console_tunnel_open_ticket(client, ticket, &status, &error);

    ck_assert_msg(t == NULL, "a %s ticket opened the console", why);
    ck_assert_uint_eq(status, 403);
    ck_assert_ptr_nonnull(strstr(error->message, why));
    /* Errors never quote the ticket. */
    ck_assert_ptr_null(strstr(error->message, ticket));
}

/* The guest's own socket asks for the VNC password: reaching the socket
 * is not enough to see or type. */
static void
assert_password_only(const char *xml)
{
    const char *at = strstr(xml, "<listen type='socket' socket='");
    g_autofree char *path = NULL;
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    guint8 buf[16];
    int fd;

    ck_assert_ptr_nonnull(at);
    at += strlen("<listen type='socket' socket='");
    path = g_strndup(at, strcspn(at, "'"));
    g_strlcpy(sun.sun_path, path, sizeof sun.sun_path);
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
    ck_assert_int_eq(connect(fd, (struct sockaddr *)&sun, sizeof sun), 0);
    ck_assert_int_eq(read(fd, buf, 12), 12);
    ck_assert_int_eq(write(fd, "RFB 003.008\n", 12), 12);
    ck_assert_int_eq(read(fd, buf, 2), 2);
    ck_assert_uint_eq(buf[0], 1); /* one security type */
    ck_assert_uint_eq(buf[1], 2); /* VNC authentication */
    close(fd);
}

START_TEST(test_tickets)
{
    g_autoptr(CorralClient) root = client_of("root");
    g_autoptr(CorralClient) opal = client_of("opal");
    g_autoptr(CorralClient) rita = client_of("rita");
    g_autoptr(CorralConsoleTunnel) tunnel = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_strdup_printf("/vms/%s/console", vm_id);
    g_autofree char *ticket = NULL, *roots = NULL, *old = NULL, *log = NULL;
    g_autofree char *listening = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *pid_file =
        g_strdup_printf("/run/libvirt/qemu/%s.pid", virDomainGetName(domain));
    g_autofree char *qemu_pid = NULL, *pid_needle = NULL;
    guint status = 0;

    /* A read-only user has no console rights. */
    ck_assert_uint_eq(corrald_fixture_call(rita, "POST", path, NULL, NULL), 403);

    /* An operator's ticket opens the console once. */
    ticket = ticket_for(opal);
    tunnel = corral_console_tunnel_open_ticket(opal, ticket, &status, &error);
    ck_assert_msg(tunnel != NULL, "%s", error != NULL ? error->message : "");
    ck_assert_uint_eq(status, 101);
    assert_rfb(tunnel);
    assert_refused(opal, ticket, "used already");

    /* Another user's ticket is refused, and then gone for its owner too. */
    roots = ticket_for(root);
    assert_refused(opal, roots, "another user");
    assert_refused(root, roots, "used already");

    /* An expired ticket is refused. */
    old = ticket_for(opal);
    g_usleep(6 * G_USEC_PER_SEC);
    assert_refused(opal, old, "expired");

    /* Without "Upgrade: vnc" there is no console, and no ticket is spent. */
    g_free(ticket);
    ticket = ticket_for(opal);
    g_free(path);
    path = g_strdup_printf("/console/%s", ticket);
    ck_assert_uint_eq(corrald_fixture_call(opal, "GET", path, NULL, NULL), 400);
    g_clear_pointer(&tunnel, corral_console_tunnel_free);
    tunnel = corral_console_tunnel_open_ticket(opal, ticket, &status, NULL);
    ck_assert_ptr_nonnull(tunnel);
    assert_rfb(tunnel);

    /* The whole console through the tunnel helper, and corrald's log never
     * holds a ticket. */
    g_clear_pointer(&tunnel, corral_console_tunnel_free);
    tunnel = corral_console_tunnel_open(opal, vm_id, &error);
    ck_assert_msg(tunnel != NULL, "%s", error != NULL ? error->message : "");
    assert_rfb(tunnel);
    log = corrald_fixture_log(fixture);
    ck_assert_ptr_null(strstr(log, ticket));
    ck_assert_ptr_null(strstr(log, roots));
    ck_assert_ptr_nonnull(strstr(log, "console opened; user=opal"));

    /* No VNC port on any address: the guest's QEMU listens on no TCP port
     * at all, and the live XML names a socket. */
    ck_assert(g_file_get_contents(pid_file, &qemu_pid, NULL, NULL));
    g_strstrip(qemu_pid);
    pid_needle = g_strdup_printf("pid=%s,", qemu_pid);
    ck_assert_int_eq(run(NULL, &listening, "ss", "-ltnp", NULL), 0);
    ck_assert_msg(strstr(listening, pid_needle) == NULL, "the guest's QEMU listens on TCP:\n%s",
                  listening);
    xml = virDomainGetXMLDesc(domain, 0);
    ck_assert_ptr_nonnull(strstr(xml, "<listen type='socket'"));
    ck_assert_ptr_null(strstr(xml, "port='59"));
    /* The password stays out of the XML that readers get. */
    ck_assert_ptr_null(strstr(xml, "passwd="));
    assert_password_only(xml);
}
END_TEST

/* X and the viewer */

typedef struct {
    GPid xvfb;
    GPid viewer;
    char *display;
    char *token_file;
} Desktop;

static void
desktop_start(Desktop *d)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *token = NULL;
    g_autofree char *port = NULL;
    g_autofree char *host = NULL;
    g_autofree char *out = NULL;
    g_auto(GStrv) env = g_get_environ();
    guint status;
    int n;

    for (n = 90; n < 190; n++) {
        g_autofree char *lock = g_strdup_printf("/tmp/.X%d-lock", n);
        if (!g_file_test(lock, G_FILE_TEST_EXISTS))
            break;
    }
    d->display = g_strdup_printf(":%d", n);
    {
        const char *argv[] = {"Xvfb",        d->display,  "-screen", "0",
                              "1280x800x24", "-nolisten", "tcp",     NULL};
        ck_assert(g_spawn_async(NULL, (char **)argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                                    G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &d->xvfb, &error));
    }
    for (int i = 0; i < 100 && run(d->display, NULL, "xdotool", "getmouselocation", NULL) != 0; i++)
        g_usleep(100 * 1000);
    ck_assert_int_eq(run(d->display, NULL, "setxkbmap", "us", NULL), 0);

    token = corrald_fixture_login(fixture, "opal", PASSWORD, &status);
    ck_assert_uint_eq(status, 200);
    d->token_file = g_build_filename(fixture->state_dir, "viewer-token", NULL);
    ck_assert(
        g_file_set_contents_full(d->token_file, token, -1, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
    host = g_strdup_printf("https://127.0.0.1:%u", fixture->port);
    env = g_environ_setenv(env, "DISPLAY", d->display, TRUE);
    env = g_environ_setenv(env, "GDK_BACKEND", "x11", TRUE);
    env = g_environ_setenv(env, "GTK_A11Y", "none", TRUE);
    env = g_environ_setenv(env, "GSK_RENDERER", "cairo", TRUE);
    env = g_environ_setenv(env, "ASAN_OPTIONS", "detect_leaks=0", TRUE);
    {
        const char *argv[] = {CORRAL_VNC_VIEWER,
                              "--host",
                              host,
                              "--thumbprint",
                              fixture->thumbprint,
                              "--token-file",
                              d->token_file,
                              "--vm",
                              vm_id,
                              "--one-to-one",
                              NULL};
        ck_assert(g_spawn_async(NULL, (char **)argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &d->viewer, &error));
    }
    /* The window once mapped (focus on a window found by name before it is
     * mapped fails), then focus on it (no window manager: it sits at 0,0). */
    for (int i = 0; i < 100; i++) {
        g_clear_pointer(&out, g_free);
        run(d->display, &out, "xdotool", "search", "--onlyvisible", "--name", vm_id, NULL);
        if (out != NULL && out[0] != '\0')
            break;
        g_usleep(100 * 1000);
    }
    ck_assert_msg(out != NULL && out[0] != '\0', "no viewer window");
    g_strstrip(out);
    if (strchr(out, '\n') != NULL)
        *strchr(out, '\n') = '\0';
    ck_assert_int_eq(run(d->display, NULL, "xdotool", "windowfocus", out, NULL), 0);
    g_usleep(2 * G_USEC_PER_SEC);
}

static void
desktop_stop(Desktop *d)
{
    if (d->viewer > 0) {
        kill(d->viewer, SIGTERM);
        waitpid(d->viewer, NULL, 0);
    }
    if (d->xvfb > 0) {
        kill(d->xvfb, SIGTERM);
        waitpid(d->xvfb, NULL, 0);
    }
    g_free(d->display);
    g_free(d->token_file);
}

static void
type_line(Desktop *d, const char *text)
{
    ck_assert_int_eq(run(d->display, NULL, "xdotool", "type", "--delay", "30", text, NULL), 0);
    ck_assert_int_eq(run(d->display, NULL, "xdotool", "key", "Return", NULL), 0);
}

static char *
screen(Desktop *d, const char *name)
{
    char *path = g_build_filename(fixture->state_dir, name, NULL);

    ck_assert_int_eq(run(d->display, NULL, "import", "-window", "root", path, NULL), 0);
    return path;
}

START_TEST(test_typing)
{
    Desktop d = {0};
    g_autofree char *before = NULL, *after = NULL, *diff = NULL, *compare = NULL, *log = NULL;
    int differ;

    desktop_start(&d);
    before = screen(&d, "before.png");
    type_line(&d, "echo corral-$((6*7)) | tee /dev/ttyS0");
    ck_assert_msg(await_serial("corral-42", 1, 20), "corral-42 did not reach the guest");
    after = screen(&d, "after.png");
    /* The view's framebuffer changed: the typed line and its answer. */
    compare = g_strdup_printf("compare -metric AE %s %s null: 2>&1; true", before, after);
    differ = run(NULL, &diff, "sh", "-c", compare, NULL);
    ck_assert_int_eq(differ, 0);
    ck_assert_msg(g_ascii_strtoull(diff, NULL, 10) > 100, "the screen did not change: %s", diff);

    /* Told now (on the US layout) to reboot on Ctrl+Alt+Del, below. */
    type_line(&d, "echo 1 >/proc/sys/kernel/ctrl-alt-del; echo cad-armed >/dev/ttyS0");
    ck_assert_msg(await_serial("cad-armed", 1, 20), "the guest was not told about Ctrl+Alt+Del");

    /* Hungarian: the guest loads the Hungarian console keymap (typed on
     * the US layout), then the client switches to hu and types the line:
     * -, $, (, *, ), | and / are on other keys, some behind AltGr. */
    type_line(&d, "loadkmap </dev/vda");
    g_usleep(G_USEC_PER_SEC / 2);
    ck_assert_int_eq(run(d.display, NULL, "setxkbmap", "hu", NULL), 0);
    type_line(&d, "echo hu-corral-$((6*7)) | tee /dev/ttyS0");
    ck_assert_msg(await_serial("hu-corral-42", 1, 20), "hu-corral-42 did not reach the guest");

    /* Ctrl+Alt+Del: the guest's kernel reboots on it, as told above; the
     * new boot's shell has the US keymap again. */
    log = read_serial();
    ck_assert_uint_eq(count_of(log, "corral-guest: ready"), 1);
    ck_assert_int_eq(run(d.display, NULL, "xdotool", "key", "ctrl+alt+Delete", NULL), 0);
    ck_assert_msg(await_serial("corral-guest: ready", 2, BOOT_WAIT_S),
                  "Ctrl+Alt+Del did not reboot the guest");
    ck_assert_int_eq(run(d.display, NULL, "setxkbmap", "us", NULL), 0);

    /* The console carries on after the reboot. */
    g_usleep(3 * G_USEC_PER_SEC);
    type_line(&d, "echo after-reboot-$((6*7)) | tee /dev/ttyS0");
    ck_assert_msg(await_serial("after-reboot-42", 1, 20), "typing after the reboot failed");
    desktop_stop(&d);
}
END_TEST

static gboolean
rig_here(void)
{
    virConnectPtr c;
    g_autofree char *xvfb = g_find_program_in_path("Xvfb");
    g_autofree char *xdotool = g_find_program_in_path("xdotool");

    if (geteuid() != 0 || xvfb == NULL || xdotool == NULL)
        return FALSE;
    c = virConnectOpen("qemu:///system");
    if (c == NULL)
        return FALSE;
    virConnectClose(c);
    return TRUE;
}

int
main(void)
{
    Suite *s = suite_create("console");
    TCase *tc = tcase_create("qemu");

    if (!rig_here()) {
        printf("1..0 # SKIP needs root, Xvfb, xdotool and libvirtd on qemu:///system\n");
        return 0;
    }
    tcase_set_timeout(tc, 300);
    tcase_add_unchecked_fixture(tc, start, stop);
    tcase_add_test(tc, test_tickets);
    tcase_add_test(tc, test_typing);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
