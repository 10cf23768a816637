/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * bench/client: how fast the desktop client shows a big inventory and how
 * much memory it takes, next to virt-manager (Debian's package) showing
 * the same guests of the same libvirt in the same run under the same Xvfb.
 * For each size (1000 and 5000 by default) it defines that many shut-off
 * guests (corral-clientbench-NNNN) on qemu:///system, starts this build's
 * corrald on them, and then, in turn:
 *   - corral --timing --password-file F 127.0.0.1:PORT (the host pinned in
 *     a fresh HOME's known_hosts): "shown" is when it prints "inventory
 *     shown: N guests in X ms", which it does after the first frame drawn
 *     with the whole inventory in its tree (the bench measures from the
 *     spawn itself, so process start counts too, and checks N);
 *   - virt-manager --connect qemu:///system --no-fork: "shown" is the last
 *     moment its CPU was busy before 1 s of idleness (utime+stime from
 *     /proc/PID/stat sampled every 50 ms, idle meaning under 20 ms of CPU
 *     in that second), counted only after its main window is mapped. It
 *     fills its list from libvirt as it goes and has nothing else to do
 *     once the list is full; a screenshot of the screen at that moment
 *     (bench-client-virt-manager-N.png, with CORRAL_BENCH_SHOTS=DIR), and
 *     one after End was pressed in its list (…-N-end.png), are there to
 *     check that the list was indeed full: the last guest is in it. With
 *     5000 guests here it is not: virt-manager's main loop is busy so long
 *     building its list that libvirtd's keepalive drops its connection,
 *     and it ends "Not Connected" with an empty list; its --debug log says
 *     "changed to state=Disconnected", and that is reported as such (the
 *     time ratio is then a lower bound).
 * RSS is VmRSS once shown and 2 s later (the larger is reported). Then the
 * ratios virt-manager / corral (goal: 5 or more for both). Build without
 * sanitizers for figures that mean something (ASan multiplies RSS).
 *
 * The guests are undefined at the end, also after a failure or on SIGINT,
 * SIGTERM or SIGHUP (a thread of its own waits for those); every process it
 * started is stopped by its PID. Needs root, libvirtd, Xvfb, virt-manager.
 */
#include "config.h"

#include "bench/bench-guests.h"
#include "common/tls-cert.h"
#include "protocol/client.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define LIBVIRT_URI     "qemu:///system"
#define GUEST_PREFIX    "corral-clientbench-"
#define GOAL_RATIO      5.0
#define SAMPLE_MS       50
#define IDLE_WINDOW_MS  1000
#define IDLE_CPU_MS     20
#define SETTLE_MS       2000
#define START_WAIT_S    60
#define DEFAULT_LIMIT_S 900

#define BENCH_ERROR (bench_error_quark())
static GQuark
bench_error_quark(void)
{
    return g_quark_from_static_string("bench-client-error");
}

typedef struct {
    char *sizes;
    int limit_s;
} Options;

/* Processes this program started, stopped by PID; shared with the signal
 * thread. */
enum { PROC_XVFB, PROC_CORRALD, PROC_CLIENT, PROC_LAST };

static struct {
    GMutex lock; /* held while a guest is defined, and by the cleanup */
    gboolean cleaned;
    virConnectPtr conn;
    GPid pids[PROC_LAST];
    char *work_dir;
} bench;

typedef struct {
    double shown_ms;
    double rss_mib;
    guint guests;     /* as the program said, or 0 */
    const char *lost; /* why the list never showed (virt-manager), or NULL */
} Figure;

/* Processes */

static void
stop_process(int which)
{
    GPid pid = bench.pids[which];
    int status;

    if (pid <= 0)
        return;
    kill(pid, SIGTERM);
    for (int i = 0; i < 50; i++) {
        if (waitpid(pid, &status, WNOHANG) == pid)
            break;
        if (i == 49) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
        }
        g_usleep(100 * 1000);
    }
    bench.pids[which] = 0;
}

static void
child_setup(gpointer data)
{
    sigset_t none;

    /* The signals the parent keeps for its own thread are the child's again;
     * its own process group, so its children can be stopped with it. */
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, NULL);
    setpgid(0, 0);
    if (data != NULL) {
        int fd = open(data, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);

        if (fd >= 0) {
            dup2(fd, STDERR_FILENO);
            if (g_str_has_suffix(data, ".log"))
                dup2(fd, STDOUT_FILENO);
        }
    }
}

/* Starts @argv with @envp as process @which; @log gets its stderr (and its
 * stdout when @out is NULL). */
static gboolean
spawn(int which, const char *const *argv, char **envp, const char *log, int *out, GError **error)
{
    GPid pid;

    if (!g_spawn_async_with_pipes(NULL, (char **)argv, envp,
                                  G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH, child_setup,
                                  (gpointer)log, &pid, NULL, out, NULL, error))
        return FALSE;
    bench.pids[which] = pid;
    return TRUE;
}

/* Guests */

static char *
guest_xml(const char *name, gpointer data)
{
    return g_strdup_printf("<domain type='qemu'><name>%s</name>"
                           "<memory unit='MiB'>64</memory><vcpu>1</vcpu>"
                           "<os><type>hvm</type></os></domain>",
                           name);
}

/* The bench's guests, on its connection. */
static BenchGuests
bench_guests(void)
{
    return (BenchGuests){bench.conn, GUEST_PREFIX, guest_xml, NULL, &bench.lock, &bench.cleaned};
}

static int
count_domains(void)
{
    virDomainPtr *domains = NULL;
    int n = virConnectListAllDomains(bench.conn, &domains, 0);

    bench_free_domains(domains, MAX(n, 0));
    return n;
}

static void
remove_tree(const char *path)
{
    g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
        g_autofree char *child = g_build_filename(path, name, NULL);

        if (g_file_test(child, G_FILE_TEST_IS_DIR) && !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
            remove_tree(child);
        else
            g_unlink(child);
    }
    g_rmdir(path);
}

/* Runs once, from main or from the signal thread. */
static void
cleanup(void)
{
    g_mutex_lock(&bench.lock);
    if (!bench.cleaned) {
        bench.cleaned = TRUE;
        for (int i = PROC_LAST - 1; i >= 0; i--)
            stop_process(i);
        if (bench.conn != NULL) {
            BenchGuests guests = bench_guests();

            printf("bench/client: undefined %d bench guests\n",
                   bench_guests_undefine(&guests, "bench/client"));
        }
        if (bench.work_dir != NULL && g_getenv("CORRAL_KEEP_BENCH_STATE") == NULL)
            remove_tree(bench.work_dir);
        fflush(stdout);
    }
    g_mutex_unlock(&bench.lock);
}

static gpointer
wait_for_signals(gpointer data)
{
    sigset_t *set = data;
    int signal_number = 0;

    if (sigwait(set, &signal_number) == 0) {
        fprintf(stderr, "bench/client: %s: cleaning up\n", strsignal(signal_number));
        cleanup();
        _exit(128 + signal_number);
    }
    return NULL;
}

/* Measurements */

static double
ms_since(gint64 start_us)
{
    return (double)(g_get_monotonic_time() - start_us) / 1000.0;
}

static double
rss_mib(GPid pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/status", (int)pid);
    g_autofree char *text = NULL;
    const char *line;

    if (!g_file_get_contents(path, &text, NULL, NULL) || (line = strstr(text, "\nVmRSS:")) == NULL)
        return -1;
    return (double)g_ascii_strtoll(line + strlen("\nVmRSS:"), NULL, 10) / 1024.0;
}

/* utime + stime of @pid in milliseconds, or -1 once it is gone. */
static double
cpu_ms(GPid pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/stat", (int)pid);
    g_autofree char *text = NULL;
    g_auto(GStrv) fields = NULL;
    const char *paren;

    if (!g_file_get_contents(path, &text, NULL, NULL) || (paren = strrchr(text, ')')) == NULL)
        return -1;
    /* After "pid (comm)": state is field 3, utime 14, stime 15. */
    fields = g_strsplit(paren + 2, " ", 0);
    if (g_strv_length(fields) < 13)
        return -1;
    return (double)(g_ascii_strtoull(fields[11], NULL, 10) +
                    g_ascii_strtoull(fields[12], NULL, 10)) *
           1000.0 / (double)sysconf(_SC_CLK_TCK);
}

static gboolean
exited(GPid pid)
{
    int status;

    return waitpid(pid, &status, WNOHANG) == pid;
}

/* Whether a window named @name is mapped on the display. */
static gboolean
window_mapped(const char *display, const char *name)
{
    g_autofree char *out = NULL;
    const char *argv[] = {"xdotool", "search", "--onlyvisible", "--name", name, NULL};
    g_autofree char *env_display = g_strdup_printf("DISPLAY=%s", display);
    char *envp[] = {env_display, NULL};
    int status = 0;

    return g_spawn_sync(NULL, (char **)argv, envp, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, &out, NULL, &status, NULL) &&
           g_spawn_check_wait_status(status, NULL) && out != NULL && *out != '\0';
}

/* Runs @script with sh on the display (xdotool keys and clicks). */
static void
on_display(const char *display, const char *script)
{
    g_autofree char *env_display = g_strdup_printf("DISPLAY=%s", display);
    char *envp[] = {env_display, "PATH=/usr/local/bin:/usr/bin:/bin", NULL};
    const char *argv[] = {"/bin/sh", "-c", script, NULL};

    g_spawn_sync(NULL, (char **)argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, NULL, NULL, NULL, NULL);
}

static void
screenshot(const char *display, const char *name)
{
    const char *dir = g_getenv("CORRAL_BENCH_SHOTS");
    g_autofree char *path = NULL;
    g_autofree char *env_display = g_strdup_printf("DISPLAY=%s", display);
    char *envp[] = {env_display, NULL};
    const char *argv[] = {"import", "-window", "root", NULL, NULL};

    if (dir == NULL)
        return;
    path = g_build_filename(dir, name, NULL);
    argv[3] = path;
    g_spawn_sync(NULL, (char **)argv, envp, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                 NULL, NULL, NULL, NULL, NULL);
}

/* The larger of the RSS now and after SETTLE_MS. */
static double
settled_rss(GPid pid)
{
    double first = rss_mib(pid);

    g_usleep(SETTLE_MS * 1000);
    return MAX(first, rss_mib(pid));
}

static char **
gui_env(const char *display, const char *home)
{
    char **envp = g_get_environ();

    envp = g_environ_setenv(envp, "DISPLAY", display, TRUE);
    envp = g_environ_setenv(envp, "HOME", home, TRUE);
    envp = g_environ_setenv(envp, "GDK_BACKEND", "x11", TRUE);
    envp = g_environ_setenv(envp, "GTK_A11Y", "none", TRUE);
    envp = g_environ_setenv(envp, "NO_AT_BRIDGE", "1", TRUE);
    envp = g_environ_setenv(envp, "GSK_RENDERER", "cairo", TRUE);
    envp = g_environ_setenv(envp, "LANGUAGE", "en", TRUE);
    envp = g_environ_unsetenv(envp, "DBUS_SESSION_BUS_ADDRESS");
    envp = g_environ_unsetenv(envp, "XDG_CONFIG_HOME");
    envp = g_environ_unsetenv(envp, "GSETTINGS_SCHEMA_DIR");
    return envp;
}

static gboolean
make_home(const char *name, char **home, GError **error)
{
    *home = g_build_filename(bench.work_dir, name, NULL);
    remove_tree(*home);
    return g_mkdir_with_parents(*home, 0700) == 0 ||
           (g_set_error(error, BENCH_ERROR, 0, "mkdir %s: %s", *home, g_strerror(errno)), FALSE);
}

/* corral: from the spawn to its "inventory shown" line. */
static gboolean
measure_corral(const char *display, guint16 port, const char *thumbprint, const char *password_file,
               int limit_s, Figure *figure, GError **error)
{
    g_autofree char *home = NULL, *pins_dir = NULL, *pins = NULL, *pin = NULL, *host = NULL;
    g_autofree char *log = g_build_filename(bench.work_dir, "corral.err", NULL);
    g_auto(GStrv) envp = NULL;
    g_autoptr(GIOChannel) channel = NULL;
    g_autofree char *line = NULL;
    gint64 start;
    int out = -1;

    if (!make_home("home-corral", &home, error))
        return FALSE;
    pins_dir = g_build_filename(home, ".config", "corral", NULL);
    pins = g_build_filename(pins_dir, "known_hosts", NULL);
    host = g_strdup_printf("127.0.0.1:%u", port);
    pin = g_strdup_printf("%s %s\n", host, thumbprint);
    if (g_mkdir_with_parents(pins_dir, 0700) != 0 || !g_file_set_contents(pins, pin, -1, error))
        return FALSE;
    envp = gui_env(display, home);
    {
        const char *argv[] = {CORRAL_BIN, "--timing", "--password-file", password_file, host, NULL};

        start = g_get_monotonic_time();
        if (!spawn(PROC_CLIENT, argv, envp, log, &out, error))
            return FALSE;
    }
    channel = g_io_channel_unix_new(out);
    g_io_channel_set_close_on_unref(channel, TRUE);
    /* A blocking read: corral prints its line once, or exits. */
    while (g_io_channel_read_line(channel, &line, NULL, NULL, NULL) == G_IO_STATUS_NORMAL) {
        if (sscanf(line, "inventory shown: %u guests", &figure->guests) == 1)
            break;
        g_clear_pointer(&line, g_free);
        if (ms_since(start) > limit_s * 1000.0)
            break;
    }
    figure->shown_ms = ms_since(start);
    if (line == NULL) {
        g_autofree char *text = NULL;

        g_file_get_contents(log, &text, NULL, NULL);
        g_set_error(error, BENCH_ERROR, 0, "corral never said the inventory was shown:\n%s",
                    text != NULL ? text : "");
        return FALSE;
    }
    figure->rss_mib = settled_rss(bench.pids[PROC_CLIENT]);
    screenshot(display, "bench-client-corral.png");
    stop_process(PROC_CLIENT);
    return TRUE;
}

/* virt-manager: from the spawn to the last busy moment before 1 s idle,
 * its main window mapped. */
static gboolean
measure_virt_manager(const char *display, int limit_s, int size, Figure *figure, GError **error)
{
    g_autofree char *home = NULL;
    g_autofree char *log = g_build_filename(bench.work_dir, "virt-manager.log", NULL);
    g_auto(GStrv) envp = NULL;
    const char *argv[] = {"virt-manager", "--connect", LIBVIRT_URI, "--no-fork", "--debug", NULL};
    g_autofree char *shot = NULL;
    double idle_since_cpu = 0;
    gint64 start, last_busy = 0, idle_start = 0;
    gboolean mapped = FALSE;
    GPid pid;

    if (!make_home("home-virt-manager", &home, error))
        return FALSE;
    envp = gui_env(display, home);
    envp = g_environ_setenv(envp, "GSETTINGS_BACKEND", "memory", TRUE);
    start = g_get_monotonic_time();
    if (!spawn(PROC_CLIENT, argv, envp, log, NULL, error))
        return FALSE;
    pid = bench.pids[PROC_CLIENT];
    for (;;) {
        gint64 now = g_get_monotonic_time();
        double cpu = cpu_ms(pid);

        if (cpu < 0 || exited(pid)) {
            bench.pids[PROC_CLIENT] = 0;
            g_set_error(error, BENCH_ERROR, 0, "virt-manager exited (see %s)", log);
            return FALSE;
        }
        if (!mapped && window_mapped(display, "^Virtual Machine Manager$")) {
            mapped = TRUE;
            last_busy = idle_start = now;
            idle_since_cpu = cpu;
        }
        if (mapped) {
            if (cpu - idle_since_cpu > IDLE_CPU_MS) {
                /* Busy: a new idle window starts now. */
                last_busy = idle_start = now;
                idle_since_cpu = cpu;
            } else if (now - idle_start >= IDLE_WINDOW_MS * 1000) {
                break;
            }
        }
        if (ms_since(start) > limit_s * 1000.0) {
            /* A lower bound, not a failure of the run. */
            figure->shown_ms = ms_since(start);
            figure->rss_mib = rss_mib(pid);
            figure->lost = "still busy at the --limit";
            shot = g_strdup_printf("bench-client-virt-manager-%d.png", size);
            screenshot(display, shot);
            stop_process(PROC_CLIENT);
            return TRUE;
        }
        g_usleep(SAMPLE_MS * 1000);
    }
    figure->shown_ms = (double)(last_busy - start) / 1000.0;
    figure->rss_mib = settled_rss(pid);
    figure->guests = 0;
    /* Idle because it gave up? Its --debug log says so. */
    {
        g_autofree char *text = NULL;

        if (g_file_get_contents(log, &text, NULL, NULL) &&
            strstr(text, "changed to state=Disconnected") != NULL)
            figure->lost = "lost its libvirt connection: \"Not Connected\", an empty list";
    }
    shot = g_strdup_printf("bench-client-virt-manager-%d.png", size);
    screenshot(display, shot);
    /* The end of its list, to see that the last guest is in it. */
    on_display(display, "w=$(xdotool search --onlyvisible --name '^Virtual Machine Manager$' "
                        "| head -1) && xdotool windowfocus $w && sleep 0.3 && "
                        "xdotool mousemove 200 140 click 1 && sleep 0.3 && xdotool key End && "
                        "sleep 1");
    g_free(shot);
    shot = g_strdup_printf("bench-client-virt-manager-%d-end.png", size);
    screenshot(display, shot);
    stop_process(PROC_CLIENT);
    return TRUE;
}

/* Setup */

static gboolean
start_xvfb(char **display, GError **error)
{
    g_autofree char *log = g_build_filename(bench.work_dir, "xvfb.log", NULL);

    for (int n = 200 + (int)(getpid() % 300);; n++) {
        g_autofree char *lock = g_strdup_printf("/tmp/.X%d-lock", n);
        g_autofree char *name = g_strdup_printf(":%d", n);
        const char *argv[] = {"Xvfb",        name,        "-screen", "0",
                              "1280x800x24", "-nolisten", "tcp",     NULL};

        if (g_file_test(lock, G_FILE_TEST_EXISTS))
            continue;
        if (!spawn(PROC_XVFB, argv, NULL, log, NULL, error))
            return FALSE;
        for (int i = 0; i < 100; i++) {
            const char *probe[] = {"xdotool", "getdisplaygeometry", NULL};
            g_autofree char *env_display = g_strdup_printf("DISPLAY=%s", name);
            char *envp[] = {env_display, NULL};
            int status = 0;

            if (g_spawn_sync(NULL, (char **)probe, envp,
                             G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                                 G_SPAWN_STDERR_TO_DEV_NULL,
                             NULL, NULL, NULL, NULL, &status, NULL) &&
                g_spawn_check_wait_status(status, NULL)) {
                *display = g_steal_pointer(&name);
                return TRUE;
            }
            g_usleep(100 * 1000);
        }
        g_set_error(error, BENCH_ERROR, 0, "Xvfb %s did not start", name);
        return FALSE;
    }
}

/* corrald on qemu:///system with a root password; its port and thumbprint. */
static gboolean
start_corrald(const char *password, guint16 *port, char **thumbprint, GError **error)
{
    g_autofree char *state = g_build_filename(bench.work_dir, "corrald", NULL);
    g_autofree char *socket_path = g_build_filename(state, "corrald.sock", NULL);
    g_autofree char *log = g_build_filename(state, "corrald.log", NULL);
    g_autofree char *config = g_build_filename(state, "corrald.conf", NULL);
    g_autofree char *port_path = g_build_filename(state, "port", NULL);
    g_autofree char *cert = g_build_filename(state, "tls", "cert.pem", NULL);
    g_autofree char *port_text = NULL;
    const char *argv[] = {CORRALD_BIN, "--state-dir",   state,         "--config",
                          config,      "--listen",      "127.0.0.1:0", "--socket",
                          socket_path, "--libvirt-uri", LIBVIRT_URI,   NULL};
    g_autoptr(CorralClient) local = NULL;
    g_autoptr(json_object) patch = json_object_new_object();

    remove_tree(state);
    if (g_mkdir_with_parents(state, 0700) != 0 || !g_file_set_contents(config, "", 0, error) ||
        !spawn(PROC_CORRALD, argv, NULL, log, NULL, error))
        return FALSE;
    for (int i = 0; i < START_WAIT_S * 10 && port_text == NULL; i++) {
        if (exited(bench.pids[PROC_CORRALD])) {
            bench.pids[PROC_CORRALD] = 0;
            g_set_error(error, BENCH_ERROR, 0, "corrald exited at start (see %s)", log);
            return FALSE;
        }
        if (!g_file_test(socket_path, G_FILE_TEST_EXISTS) ||
            !g_file_get_contents(port_path, &port_text, NULL, NULL))
            g_usleep(100 * 1000);
    }
    if (port_text == NULL) {
        g_set_error(error, BENCH_ERROR, 0, "corrald did not start in %d s", START_WAIT_S);
        return FALSE;
    }
    *port = (guint16)g_ascii_strtoull(port_text, NULL, 10);
    *thumbprint = corral_tls_cert_thumbprint_file(cert, error);
    if (*thumbprint == NULL)
        return FALSE;
    /* The first password, over the unix socket, as corral-cli passwd does. */
    local = corral_client_new_unix(socket_path);
    json_object_object_add(patch, "password", json_object_new_string(password));
    return corral_client_request(local, "PATCH", "/users/root", patch, NULL, NULL, error);
}

/* The run */

static void
print_row(const char *who, const Figure *f)
{
    printf("  %-13s %s %8.0f ms   RSS %7.1f MiB", who,
           f->lost != NULL ? "not shown " : "shown in  ", f->shown_ms, f->rss_mib);
    if (f->guests > 0)
        printf("   (%u guests in its inventory)", f->guests);
    if (f->lost != NULL)
        printf("   (%s)", f->lost);
    printf("\n");
}

static gboolean
run_size(const Options *opt, const char *display, int size, const char *password_file,
         const char *password, gboolean *met, GError **error)
{
    g_autofree char *thumbprint = NULL;
    Figure corral = {0}, vmm = {0};
    gint64 start = g_get_monotonic_time();
    guint16 port = 0;
    BenchGuests guests = bench_guests();
    int total;
    double time_ratio, rss_ratio;

    if (bench_guests_define(&guests, size, error) < 0)
        return FALSE;
    total = count_domains();
    printf("bench/client: %d bench guests (%d in libvirt in all) defined in %.1f s\n", size, total,
           ms_since(start) / 1000.0);
    if (!start_corrald(password, &port, &thumbprint, error))
        return FALSE;
    if (!measure_corral(display, port, thumbprint, password_file, opt->limit_s, &corral, error))
        return FALSE;
    /* The same libvirt, without corrald's own work in the way. */
    stop_process(PROC_CORRALD);
    if (!measure_virt_manager(display, opt->limit_s, size, &vmm, error))
        return FALSE;
    if (corral.guests < (guint)size) {
        g_set_error(error, BENCH_ERROR, 0, "corral showed %u guests, not the %d defined",
                    corral.guests, size);
        return FALSE;
    }
    time_ratio = vmm.shown_ms / corral.shown_ms;
    rss_ratio = vmm.rss_mib / corral.rss_mib;
    printf("%d guests (%d in libvirt):\n", size, total);
    print_row("corral", &corral);
    print_row("virt-manager", &vmm);
    /* When virt-manager never showed the list, its time is a lower bound. */
    printf("  ratio virt-manager / corral: time %s%.1fx, RSS %.1fx (goal >= %.0fx on both: %s)\n",
           vmm.lost != NULL ? "more than " : "", time_ratio, rss_ratio, GOAL_RATIO,
           time_ratio >= GOAL_RATIO && rss_ratio >= GOAL_RATIO ? "met" : "MISSED");
    *met = *met && time_ratio >= GOAL_RATIO && rss_ratio >= GOAL_RATIO;
    return TRUE;
}

static gboolean
run(const Options *opt, gboolean *met, GError **error)
{
    g_auto(GStrv) sizes = g_strsplit(opt->sizes, ",", 0);
    g_autofree char *display = NULL, *password_file = NULL, *uuid = g_uuid_string_random();
    g_autofree char *password = g_strdup_printf("bench %s", uuid);

    for (guint i = 0; sizes[i] != NULL; i++) {
        guint64 n = 0;

        if (!g_ascii_string_to_unsigned(sizes[i], 10, 1, 9999, &n, NULL)) {
            g_set_error(error, BENCH_ERROR, 0, "--guests: %s is not a number from 1 to 9999",
                        sizes[i]);
            return FALSE;
        }
    }
    bench.work_dir = g_dir_make_tmp("corral-bench-client-XXXXXX", error);
    if (bench.work_dir == NULL)
        return FALSE;
    password_file = g_build_filename(bench.work_dir, "password", NULL);
    if (!g_file_set_contents(password_file, password, -1, error) || !start_xvfb(&display, error))
        return FALSE;
    printf("bench/client: corral %s, corrald %s, virt-manager, Xvfb %s\n", CORRAL_BIN, CORRALD_BIN,
           display);
    *met = TRUE;
    for (guint i = 0; sizes[i] != NULL; i++)
        if (!run_size(opt, display, atoi(sizes[i]), password_file, password, met, error))
            return FALSE;
    return TRUE;
}

static void
quiet_libvirt(void *data, virErrorPtr error)
{
}

int
main(int argc, char **argv)
{
    Options opt = {.sizes = NULL, .limit_s = DEFAULT_LIMIT_S};
    const GOptionEntry entries[] = {
        {"guests", 0, 0, G_OPTION_ARG_STRING, &opt.sizes, "Sizes, comma-separated (1000,5000)",
         "N,…"},
        {"limit", 0, 0, G_OPTION_ARG_INT, &opt.limit_s, "Seconds a program may take (900)", "S"},
        {NULL},
    };
    g_autoptr(GOptionContext) context =
        g_option_context_new("- the client's inventory against virt-manager's");
    g_autoptr(GError) error = NULL;
    sigset_t signals;
    gboolean ok, met = FALSE;

    /* Before any thread: only the signal thread takes these. */
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, NULL);
    g_mutex_init(&bench.lock);
    g_thread_unref(g_thread_new("signals", wait_for_signals, &signals));

    setvbuf(stdout, NULL, _IOLBF, 0);
    g_option_context_add_main_entries(context, entries, NULL);
    if (!g_option_context_parse(context, &argc, &argv, &error) || opt.limit_s < 1) {
        fprintf(stderr, "bench/client: %s\n",
                error != NULL ? error->message : "--limit takes 1 or more");
        return 2;
    }
    if (opt.sizes == NULL)
        opt.sizes = g_strdup("1000,5000");
    virSetErrorFunc(NULL, quiet_libvirt);
    bench.conn = virConnectOpen(LIBVIRT_URI);
    if (bench.conn == NULL) {
        fprintf(stderr,
                "bench/client: connecting to %s: %s (as root, after scripts/services start)\n",
                LIBVIRT_URI, virGetLastErrorMessage());
        return 1;
    }
    ok = run(&opt, &met, &error);
    if (!ok)
        fprintf(stderr, "bench/client: %s\n", error->message);
    cleanup();
    g_free(opt.sizes);
    return ok ? (met ? 0 : 3) : 1;
}
