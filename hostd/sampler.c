/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The stats sampler (see sampler.h). Each object keeps the counters of its
 * last reading; a sample is the difference to the previous reading divided
 * by the time between them, so the first reading of an object only primes
 * its counters. To have usage figures at once, the thread primes
 * everything, waits a second and takes the first real sample.
 */
#include "hostd/sampler.h"

#include <libvirt/virterror.h>
#include <stdio.h>
#include <string.h>

#define PRIME_WAIT_US (G_USEC_PER_SEC)
#define SECTOR_BYTES  512
#define FORGET_US     ((gint64)CORRALD_SAMPLE_KEEP * CORRALD_SAMPLE_INTERVAL_S * G_USEC_PER_SEC)

/* Cumulative counters of one object at one moment. */
typedef struct {
    gboolean valid;
    gint64 mono_us;
    guint64 cpu_busy;  /* host: jiffies; guest: nanoseconds */
    guint64 cpu_total; /* host: jiffies; guest: wall ns times vcpus, filled when sampled */
    guint64 cpus;      /* guest: vcpus */
    gint64 memory_used;
    guint64 disk_read, disk_write, net_rx, net_tx; /* bytes */
} Counters;

typedef struct {
    CorralSample samples[CORRALD_SAMPLE_KEEP];
    guint head; /* the next slot to write */
    guint count;
    Counters last;
} Ring;

struct CorraldSampler {
    virConnectPtr conn;
    GMutex lock; /* guards host and guests */
    Ring host;
    GHashTable *guests; /* UUID → Ring */

    GThread *thread;
    GMutex wait_lock;
    GCond wake;
    gboolean stopping;
};

CorraldSampler *
corrald_sampler_new(virConnectPtr conn)
{
    CorraldSampler *sampler = g_new0(CorraldSampler, 1);

    sampler->conn = conn;
    g_mutex_init(&sampler->lock);
    g_mutex_init(&sampler->wait_lock);
    g_cond_init(&sampler->wake);
    sampler->guests = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    return sampler;
}

/* Host readings */

static void
read_host_cpu(Counters *c)
{
    g_autofree char *text = NULL;
    guint64 v[8] = {0};

    if (!g_file_get_contents("/proc/stat", &text, NULL, NULL))
        return;
    if (sscanf(text,
               "cpu %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
               " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
               " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
               &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]) < 4)
        return;
    c->cpu_total = 0;
    for (guint i = 0; i < G_N_ELEMENTS(v); i++)
        c->cpu_total += v[i];
    c->cpu_busy = c->cpu_total - v[3] - v[4]; /* idle and iowait */
}

static void
read_host_memory(Counters *c)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    guint64 total = 0, available = 0;

    if (!g_file_get_contents("/proc/meminfo", &text, NULL, NULL))
        return;
    lines = g_strsplit(text, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++) {
        sscanf(lines[i], "MemTotal: %" G_GUINT64_FORMAT, &total);
        sscanf(lines[i], "MemAvailable: %" G_GUINT64_FORMAT, &available);
    }
    c->memory_used = (gint64)(total > available ? total - available : 0) * 1024;
}

/* Whole physical disks only: partitions, loop and device-mapper devices
 * would count the same bytes again. */
static void
read_host_disks(Counters *c)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    if (!g_file_get_contents("/proc/diskstats", &text, NULL, NULL))
        return;
    lines = g_strsplit(text, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++) {
        char name[64];
        guint64 read_sectors, write_sectors;
        g_autofree char *device = NULL;

        if (sscanf(lines[i],
                   " %*u %*u %63s %*u %*u %" G_GUINT64_FORMAT " %*u %*u %*u %" G_GUINT64_FORMAT,
                   name, &read_sectors, &write_sectors) != 3)
            continue;
        device = g_strdup_printf("/sys/block/%s/device", name);
        if (!g_file_test(device, G_FILE_TEST_EXISTS))
            continue;
        c->disk_read += read_sectors * SECTOR_BYTES;
        c->disk_write += write_sectors * SECTOR_BYTES;
    }
}

static void
read_host_network(Counters *c)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    if (!g_file_get_contents("/proc/net/dev", &text, NULL, NULL))
        return;
    lines = g_strsplit(text, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++) {
        char *colon = strchr(lines[i], ':');
        guint64 rx, tx;

        if (colon == NULL)
            continue;
        *colon = '\0';
        if (g_str_equal(g_strstrip(lines[i]), "lo"))
            continue;
        if (sscanf(colon + 1,
                   " %" G_GUINT64_FORMAT " %*u %*u %*u %*u %*u %*u %*u %" G_GUINT64_FORMAT, &rx,
                   &tx) == 2) {
            c->net_rx += rx;
            c->net_tx += tx;
        }
    }
}

static Counters
read_host(void)
{
    Counters c = {.valid = TRUE, .mono_us = g_get_monotonic_time()};

    read_host_cpu(&c);
    read_host_memory(&c);
    read_host_disks(&c);
    read_host_network(&c);
    return c;
}

/* Guest readings */

static guint64
param_number(const virTypedParameter *param)
{
    switch (param->type) {
    case VIR_TYPED_PARAM_INT:
        return param->value.i > 0 ? (guint64)param->value.i : 0;
    case VIR_TYPED_PARAM_UINT:
        return param->value.ui;
    case VIR_TYPED_PARAM_LLONG:
        return param->value.l > 0 ? (guint64)param->value.l : 0;
    case VIR_TYPED_PARAM_ULLONG:
        return param->value.ul;
    default:
        return 0;
    }
}

/* One guest's counters from its stats record. Memory in use: what the
 * guest's balloon driver reports as used, else QEMU's resident size, else
 * the balloon's size. */
static Counters
read_guest(const virDomainStatsRecord *record, gint64 mono_us)
{
    Counters c = {.valid = TRUE, .mono_us = mono_us, .cpus = 1};
    guint64 current = 0, rss = 0, available = 0, unused = 0;

    for (int i = 0; i < record->nparams; i++) {
        const char *field = record->params[i].field;
        guint64 value = param_number(&record->params[i]);

        if (g_str_equal(field, "cpu.time"))
            c.cpu_busy = value;
        else if (g_str_equal(field, "vcpu.current"))
            c.cpus = MAX(value, 1);
        else if (g_str_equal(field, "balloon.current"))
            current = value;
        else if (g_str_equal(field, "balloon.rss"))
            rss = value;
        else if (g_str_equal(field, "balloon.available"))
            available = value;
        else if (g_str_equal(field, "balloon.unused"))
            unused = value;
        else if (g_str_has_prefix(field, "block.") && g_str_has_suffix(field, ".rd.bytes"))
            c.disk_read += value;
        else if (g_str_has_prefix(field, "block.") && g_str_has_suffix(field, ".wr.bytes"))
            c.disk_write += value;
        else if (g_str_has_prefix(field, "net.") && g_str_has_suffix(field, ".rx.bytes"))
            c.net_rx += value;
        else if (g_str_has_prefix(field, "net.") && g_str_has_suffix(field, ".tx.bytes"))
            c.net_tx += value;
    }
    c.memory_used = (gint64)(available > unused ? available - unused
                             : rss > 0          ? rss
                                                : current) *
                    1024;
    return c;
}

static virDomainStatsRecordPtr *
read_guests(virConnectPtr conn, int *n)
{
    const unsigned int stats = VIR_DOMAIN_STATS_CPU_TOTAL | VIR_DOMAIN_STATS_BALLOON |
                               VIR_DOMAIN_STATS_VCPU | VIR_DOMAIN_STATS_INTERFACE |
                               VIR_DOMAIN_STATS_BLOCK;
    virDomainStatsRecordPtr *records = NULL;

    /* NOWAIT skips what a busy guest cannot answer now; drivers that do
     * not know the flag get the plain call. */
    *n = virConnectGetAllDomainStats(conn, stats, &records,
                                     VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE |
                                         VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT);
    if (*n < 0)
        *n = virConnectGetAllDomainStats(conn, stats, &records,
                                         VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE);
    if (*n < 0) {
        g_warning("sampling the vms: %s", virGetLastErrorMessage());
        *n = 0;
    }
    return records;
}

/* Rings */

static gint64
rate(guint64 now, guint64 before, double seconds)
{
    return now >= before ? (gint64)((double)(now - before) / seconds) : 0;
}

/* Records the sample between @ring's last counters and @now, then keeps
 * @now as the last counters. @is_host: CPU counters are jiffies of all
 * CPUs, not a guest's nanoseconds. */
static void
ring_record(Ring *ring, const Counters *now, gboolean is_host, gint64 time)
{
    const Counters *before = &ring->last;
    double seconds = (double)(now->mono_us - before->mono_us) / G_USEC_PER_SEC;
    CorralSample *sample;
    double cpu = 0;

    if (!before->valid || seconds <= 0) {
        ring->last = *now;
        return;
    }
    if (is_host && now->cpu_total > before->cpu_total)
        cpu = 100.0 * (double)(now->cpu_busy - MIN(before->cpu_busy, now->cpu_busy)) /
              (double)(now->cpu_total - before->cpu_total);
    else if (!is_host && now->cpu_busy >= before->cpu_busy)
        cpu = 100.0 * (double)(now->cpu_busy - before->cpu_busy) /
              (seconds * 1e9 * (double)now->cpus);

    sample = &ring->samples[ring->head];
    *sample = (CorralSample){
        .present = ~G_GUINT64_CONSTANT(0),
        .time = time,
        .cpu_pct = CLAMP(cpu, 0.0, 100.0),
        .memory_used_bytes = MAX(now->memory_used, 0),
        .disk_read_bps = rate(now->disk_read, before->disk_read, seconds),
        .disk_write_bps = rate(now->disk_write, before->disk_write, seconds),
        .net_rx_bps = rate(now->net_rx, before->net_rx, seconds),
        .net_tx_bps = rate(now->net_tx, before->net_tx, seconds),
    };
    ring->head = (ring->head + 1) % CORRALD_SAMPLE_KEEP;
    ring->count = MIN(ring->count + 1, CORRALD_SAMPLE_KEEP);
    ring->last = *now;
}

static const CorralSample *
ring_latest(const Ring *ring)
{
    if (ring->count == 0)
        return NULL;
    return &ring->samples[(ring->head + CORRALD_SAMPLE_KEEP - 1) % CORRALD_SAMPLE_KEEP];
}

void
corrald_sampler_sample_now(CorraldSampler *sampler)
{
    Counters host = read_host();
    int n = 0;
    virDomainStatsRecordPtr *records = read_guests(sampler->conn, &n);
    gint64 mono_us = g_get_monotonic_time();
    gint64 time = g_get_real_time() / G_USEC_PER_SEC;
    GHashTableIter iter;
    gpointer value;

    g_mutex_lock(&sampler->lock);
    ring_record(&sampler->host, &host, TRUE, time);
    for (int i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN];
        Counters guest = read_guest(records[i], mono_us);
        Ring *ring;

        if (virDomainGetUUIDString(records[i]->dom, uuid) < 0)
            continue;
        ring = g_hash_table_lookup(sampler->guests, uuid);
        if (ring == NULL) {
            ring = g_new0(Ring, 1);
            g_hash_table_insert(sampler->guests, g_strdup(uuid), ring);
        }
        ring_record(ring, &guest, FALSE, time);
    }
    /* Guests not running for an hour (or gone) have nothing left to show. */
    g_hash_table_iter_init(&iter, sampler->guests);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        const Ring *ring = value;

        if (mono_us - ring->last.mono_us > FORGET_US)
            g_hash_table_iter_remove(&iter);
    }
    g_mutex_unlock(&sampler->lock);
    if (records != NULL)
        virDomainStatsRecordListFree(records);
}

/* The thread */

/* Sleeps until @deadline (monotonic); FALSE when told to stop. */
static gboolean
sleep_until(CorraldSampler *sampler, gint64 deadline)
{
    gboolean go_on;

    g_mutex_lock(&sampler->wait_lock);
    while (!sampler->stopping && g_get_monotonic_time() < deadline)
        g_cond_wait_until(&sampler->wake, &sampler->wait_lock, deadline);
    go_on = !sampler->stopping;
    g_mutex_unlock(&sampler->wait_lock);
    return go_on;
}

static gpointer
run_sampler(gpointer data)
{
    CorraldSampler *sampler = data;
    gint64 next;

    corrald_sampler_sample_now(sampler); /* primes the counters */
    if (!sleep_until(sampler, g_get_monotonic_time() + PRIME_WAIT_US))
        return NULL;
    next = g_get_monotonic_time();
    do {
        corrald_sampler_sample_now(sampler);
        next += (gint64)CORRALD_SAMPLE_INTERVAL_S * G_USEC_PER_SEC;
    } while (sleep_until(sampler, next));
    return NULL;
}

void
corrald_sampler_start(CorraldSampler *sampler)
{
    g_return_if_fail(sampler->thread == NULL);

    sampler->thread = g_thread_new("sampler", run_sampler, sampler);
}

void
corrald_sampler_free(CorraldSampler *sampler)
{
    if (sampler == NULL)
        return;
    if (sampler->thread != NULL) {
        g_mutex_lock(&sampler->wait_lock);
        sampler->stopping = TRUE;
        g_cond_broadcast(&sampler->wake);
        g_mutex_unlock(&sampler->wait_lock);
        g_thread_join(sampler->thread);
    }
    g_hash_table_unref(sampler->guests);
    g_mutex_clear(&sampler->lock);
    g_mutex_clear(&sampler->wait_lock);
    g_cond_clear(&sampler->wake);
    g_free(sampler);
}

/* Readers */

static const Ring *
find_ring(CorraldSampler *sampler, const char *vm_id)
{
    return vm_id == NULL ? &sampler->host : g_hash_table_lookup(sampler->guests, vm_id);
}

gboolean
corrald_sampler_usage(CorraldSampler *sampler, const char *vm_id, CorralUsage *usage)
{
    const CorralSample *latest;

    memset(usage, 0, sizeof *usage);
    usage->present = ~G_GUINT64_CONSTANT(0);
    if (sampler == NULL)
        return FALSE;
    g_mutex_lock(&sampler->lock);
    latest = find_ring(sampler, vm_id) != NULL ? ring_latest(find_ring(sampler, vm_id)) : NULL;
    if (latest != NULL) {
        usage->cpu_pct = latest->cpu_pct;
        usage->memory_used_bytes = latest->memory_used_bytes;
    }
    g_mutex_unlock(&sampler->lock);
    return latest != NULL;
}

CorralStats *
corrald_sampler_stats(CorraldSampler *sampler, const char *vm_id)
{
    CorralStats *stats = g_new0(CorralStats, 1);
    const Ring *ring;

    stats->present = ~G_GUINT64_CONSTANT(0);
    stats->interval_s = CORRALD_SAMPLE_INTERVAL_S;
    stats->samples = g_ptr_array_new_with_free_func((GDestroyNotify)corral_sample_free);
    if (sampler == NULL)
        return stats;
    g_mutex_lock(&sampler->lock);
    ring = find_ring(sampler, vm_id);
    for (guint i = 0; ring != NULL && i < ring->count; i++) {
        guint slot = (ring->head + CORRALD_SAMPLE_KEEP - ring->count + i) % CORRALD_SAMPLE_KEEP;

        g_ptr_array_add(stats->samples, g_memdup2(&ring->samples[slot], sizeof(CorralSample)));
    }
    g_mutex_unlock(&sampler->lock);
    return stats;
}
