/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Directory datastores and their files through a real corrald on real
 * libvirtd: add and list a datastore, make and list folders, upload a
 * 256 MiB file streamed over the socket while the upload's task is read
 * (progress 0 → 100), download it over HTTPS and compare byte for byte,
 * ranged downloads; refusals that change nothing: paths that leave the
 * datastore (.., absolute, NUL, a link pointing out), an upload larger than
 * the free space (refused before any body is sent), an upload cut off
 * midway (no file under the final name, no partial file left, the task
 * failed), a read-only user's upload, removing a folder that is not empty.
 *
 * Needs root and libvirtd on qemu:///system; skipped otherwise.
 */
#include "check-tap.h"
#include "tests/common/test-util.h"
#include "tests/integration/corrald-fixture.h"
#include "tests/integration/host-fixture.h"

#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#define PASSWORD  "correct horse battery"
#define BIG_BYTES ((guint64)256 * 1024 * 1024)
#define CHUNK     (1024 * 1024)

static CorraldFixture *fixture;
static char *work_dir;
static char *store_dir;
static char *datastore;

static void
start(void)
{
    host_fixture_quiet_libvirt();
    work_dir = g_dir_make_tmp("corral-ds-XXXXXX", NULL);
    ck_assert_ptr_nonnull(work_dir);
    store_dir = g_build_filename(work_dir, "store", NULL);
    datastore = g_strdup_printf("it-ds-%d", (int)getpid());
    fixture = corrald_fixture_start("qemu:///system", NULL);
    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);
    corrald_fixture_add_user(fixture, "viewer", "read-only", PASSWORD);
}

/* In the parent, even after a failure: the pool and the files go. */
static void
stop(void)
{
    host_fixture_remove_pool(datastore);
    g_clear_pointer(&fixture, corrald_fixture_stop);
    corral_test_remove_tree(work_dir);
}

static void
add_datastore(CorralClient *api)
{
    g_autofree char *body =
        g_strdup_printf("{\"name\": \"%s\", \"type\": \"dir\", \"source\": {\"path\": \"%s\"}}",
                        datastore, store_dir);
    g_autoptr(json_object) added = NULL;

    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/datastores", body, &added), 201);
    ck_assert_str_eq(corrald_json_member(added, "accessible"), "true");
    ck_assert(g_file_test(store_dir, G_FILE_TEST_IS_DIR));
}

static char *ds_path(const char *format, ...) G_GNUC_PRINTF(1, 2);

static char *
ds_path(const char *format, ...)
{
    va_list args;
    g_autofree char *rest = NULL;

    va_start(args, format);
    rest = g_strdup_vprintf(format, args);
    va_end(args);
    return g_strdup_printf("/datastores/%s%s", datastore, rest);
}

/* The names in the store directory (including hidden ones). */
static char *
store_listing(void)
{
    g_autoptr(GDir) dir = g_dir_open(store_dir, 0, NULL);
    g_autoptr(GString) names = g_string_new(NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL)
        g_string_append_printf(names, "%s ", name);
    return g_string_free(g_steal_pointer(&names), FALSE);
}

/* The upload task of @target ("DATASTORE/PATH"), newest first, or NULL. */
static json_object *
find_task(CorralClient *api, const char *target)
{
    g_autoptr(json_object) answer = NULL;
    json_object *tasks;

    ck_assert_uint_eq(corrald_fixture_call(api, "GET", "/tasks", NULL, &answer), 200);
    ck_assert(json_object_object_get_ex(answer, "tasks", &tasks));
    for (size_t i = 0; i < json_object_array_length(tasks); i++) {
        json_object *task = json_object_array_get_idx(tasks, i);

        if (g_str_equal(corrald_json_member(task, "kind"), "datastore-upload") &&
            g_str_equal(corrald_json_member(task, "target"), target))
            return json_object_get(task);
    }
    return NULL;
}

/* A plain HTTP connection to corrald's unix socket, for requests whose
 * body the test sends piece by piece. */
static GSocketConnection *
open_socket(void)
{
    g_autoptr(GSocketClient) client = g_socket_client_new();
    g_autoptr(GSocketAddress) address = g_unix_socket_address_new(fixture->socket_path);
    g_autoptr(GError) error = NULL;
    GSocketConnection *connection =
        g_socket_client_connect(client, G_SOCKET_CONNECTABLE(address), NULL, &error);

    ck_assert_msg(connection != NULL, "%s", error != NULL ? error->message : "?");
    return connection;
}

static void
send_all(GSocketConnection *connection, const void *data, gsize len)
{
    g_autoptr(GError) error = NULL;
    GOutputStream *out = g_io_stream_get_output_stream(G_IO_STREAM(connection));

    ck_assert_msg(g_output_stream_write_all(out, data, len, NULL, NULL, &error), "%s",
                  error != NULL ? error->message : "?");
}

/* Reads the answer's status line. */
static guint
read_status(GSocketConnection *connection)
{
    GInputStream *in = g_io_stream_get_input_stream(G_IO_STREAM(connection));
    char buffer[4096];
    gsize got = 0;

    while (got < sizeof buffer - 1) {
        gssize n = g_input_stream_read(in, buffer + got, sizeof buffer - 1 - got, NULL, NULL);

        if (n <= 0)
            break;
        got += (gsize)n;
        buffer[got] = '\0';
        if (strstr(buffer, "\r\n\r\n") != NULL)
            break;
    }
    buffer[got] = '\0';
    ck_assert_msg(g_str_has_prefix(buffer, "HTTP/1.1 "), "no answer: %s", buffer);
    return (guint)g_ascii_strtoull(buffer + 9, NULL, 10);
}

static char *
put_headers(const char *path, guint64 length)
{
    return g_strdup_printf("PUT /api/v1%s HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                           "application/octet-stream\r\nContent-Length: %" G_GUINT64_FORMAT
                           "\r\n\r\n",
                           path, length);
}

/* Deterministic bytes that no two offsets repeat cheaply. */
static void
fill(guint8 *buffer, gsize len, guint64 *state)
{
    for (gsize i = 0; i < len; i += 8) {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        memcpy(buffer + i, state, MIN(8, len - i));
    }
}

static char *
sha256_of(const char *path)
{
    g_autoptr(GChecksum) sum = g_checksum_new(G_CHECKSUM_SHA256);
    g_autoptr(GFile) file = g_file_new_for_path(path);
    g_autoptr(GFileInputStream) in = g_file_read(file, NULL, NULL);
    g_autofree guint8 *buffer = g_malloc(CHUNK);
    gssize n;

    ck_assert_ptr_nonnull(in);
    while ((n = g_input_stream_read(G_INPUT_STREAM(in), buffer, CHUNK, NULL, NULL)) > 0)
        g_checksum_update(sum, buffer, n);
    return g_strdup(g_checksum_get_string(sum));
}

START_TEST(test_big_round_trip)
{
    g_autoptr(CorralClient) api = corrald_fixture_session(fixture, "root", PASSWORD);
    g_autofree char *put = ds_path("/files/images/big.bin");
    g_autofree char *headers = put_headers(put, BIG_BYTES);
    g_autofree char *target = g_strdup_printf("%s/images/big.bin", datastore);
    g_autofree guint8 *chunk = g_malloc(CHUNK);
    g_autoptr(GChecksum) sent = g_checksum_new(G_CHECKSUM_SHA256);
    g_autoptr(GSocketConnection) connection = NULL;
    g_autoptr(GArray) seen = g_array_new(FALSE, FALSE, sizeof(int));
    g_autoptr(json_object) task = NULL;
    g_autoptr(json_object) listing = NULL;
    g_autofree char *mkdir = ds_path("/files/images?mkdir");
    g_autofree char *list = ds_path("/files?path=images");
    g_autofree char *down_path = g_build_filename(work_dir, "down.bin", NULL);
    g_autofree char *down_sum = NULL;
    g_autoptr(GFile) down_file = g_file_new_for_path(down_path);
    g_autoptr(GFileOutputStream) down = NULL;
    g_autoptr(GError) error = NULL;
    json_object *files, *entry;
    guint64 state = 0x9e3779b97f4a7c15ULL;
    gint64 began;
    guint status = 0;

    add_datastore(api);
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", mkdir, NULL, NULL), 201);

    /* Headers first: the task exists at 0 % before any body is sent. */
    connection = open_socket();
    send_all(connection, headers, strlen(headers));
    for (int i = 0; i < 50 && task == NULL; i++) {
        task = find_task(api, target);
        if (task == NULL)
            g_usleep(20 * 1000);
    }
    ck_assert_msg(task != NULL, "no upload task for %s", target);
    ck_assert_int_eq(g_ascii_strtoll(corrald_json_member(task, "progress"), NULL, 10), 0);
    g_array_append_val(seen, (int){0});
    g_clear_pointer(&task, json_object_put);

    began = g_get_monotonic_time();
    for (guint64 sent_bytes = 0; sent_bytes < BIG_BYTES; sent_bytes += CHUNK) {
        fill(chunk, CHUNK, &state);
        g_checksum_update(sent, chunk, CHUNK);
        send_all(connection, chunk, CHUNK);
        if ((sent_bytes / CHUNK) % 32 == 31) {
            int progress;

            /* corrald may not have written the last chunks yet. */
            g_usleep(50 * 1000);
            task = find_task(api, target);
            ck_assert_ptr_nonnull(task);
            progress = (int)g_ascii_strtoll(corrald_json_member(task, "progress"), NULL, 10);
            ck_assert_int_ge(progress, g_array_index(seen, int, seen->len - 1));
            g_array_append_val(seen, progress);
            g_clear_pointer(&task, json_object_put);
        }
    }
    ck_assert_uint_eq(read_status(connection), 201);
    printf("# 256 MiB upload over the unix socket: %.2f s\n",
           (double)(g_get_monotonic_time() - began) / G_USEC_PER_SEC);
    task = find_task(api, target);
    ck_assert_str_eq(corrald_json_member(task, "state"), "success");
    ck_assert_int_eq(g_ascii_strtoll(corrald_json_member(task, "progress"), NULL, 10), 100);
    /* The progress moved through the middle, not from 0 straight to 100. */
    ck_assert_uint_ge(seen->len, 8);
    ck_assert_int_gt(g_array_index(seen, int, 4), 0);
    ck_assert_int_lt(g_array_index(seen, int, 4), 100);

    ck_assert_uint_eq(corrald_fixture_call(api, "GET", list, NULL, &listing), 200);
    ck_assert(json_object_object_get_ex(listing, "files", &files));
    ck_assert_uint_eq(json_object_array_length(files), 1);
    entry = json_object_array_get_idx(files, 0);
    ck_assert_str_eq(corrald_json_member(entry, "name"), "big.bin");
    ck_assert_str_eq(corrald_json_member(entry, "type"), "file");
    ck_assert_uint_eq(g_ascii_strtoull(corrald_json_member(entry, "size_bytes"), NULL, 10),
                      BIG_BYTES);

    /* Download over HTTPS, streamed to a file, byte for byte the same. */
    down = g_file_replace(down_file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL);
    began = g_get_monotonic_time();
    ck_assert_msg(corral_client_request_raw(api, "GET", put, NULL, NULL, 0, G_OUTPUT_STREAM(down),
                                            NULL, NULL, &status, &error),
                  "%s", error != NULL ? error->message : "?");
    ck_assert(g_output_stream_close(G_OUTPUT_STREAM(down), NULL, NULL));
    printf("# 256 MiB download over HTTPS: %.2f s\n",
           (double)(g_get_monotonic_time() - began) / G_USEC_PER_SEC);
    ck_assert_uint_eq(status, 200);
    down_sum = sha256_of(down_path);
    ck_assert_str_eq(down_sum, g_checksum_get_string(sent));
}
END_TEST

/* Runs curl against the unix socket; returns the status, body in @body. */
static guint
curl_socket(const char *extra, const char *path, char **body)
{
    g_autofree char *out_path = g_build_filename(work_dir, "curl.out", NULL);
    g_autofree char *command = g_strdup_printf(
        "curl -s -o %s -w %%{http_code} --unix-socket %s %s 'http://localhost/api/v1%s'", out_path,
        fixture->socket_path, extra, path);
    g_autofree char *code = NULL;
    int wait = -1;

    ck_assert(g_spawn_command_line_sync(command, &code, NULL, &wait, NULL));
    if (body != NULL)
        ck_assert(g_file_get_contents(out_path, body, NULL, NULL));
    return (guint)g_ascii_strtoull(code, NULL, 10);
}

/* Uploads local file @local to @path with curl -T. */
static guint
curl_put(const char *local, const char *path)
{
    g_autofree char *extra = g_strdup_printf("-T %s", local);

    return curl_socket(extra, path, NULL);
}

START_TEST(test_ranges_and_files)
{
    g_autoptr(CorralClient) api = corrald_fixture_session(fixture, "root", PASSWORD);
    g_autoptr(CorralClient) viewer = corrald_fixture_session(fixture, "viewer", PASSWORD);
    g_autofree char *put = ds_path("/files/small.txt");
    g_autofree char *text = NULL;
    g_autofree char *local = g_build_filename(work_dir, "small.txt", NULL);
    g_autofree char *data = g_strdup("0123456789abcdefghij");
    g_autofree char *folder = ds_path("/files/sub?mkdir");
    g_autofree char *inner = ds_path("/files/sub/x");
    g_autofree char *sub = ds_path("/files/sub");
    g_autofree char *overwrite = ds_path("/files/small.txt?overwrite=true");
    g_autoptr(GInputStream) in = NULL;
    g_autoptr(GError) error = NULL;
    guint status = 0;

    add_datastore(api);
    /* Over HTTPS with the client's raw upload. */
    in = g_memory_input_stream_new_from_data(data, (gssize)strlen(data), NULL);
    ck_assert_msg(corral_client_request_raw(api, "PUT", put, "application/octet-stream", in,
                                            (goffset)strlen(data), NULL, NULL, NULL, &status,
                                            &error),
                  "%s", error != NULL ? error->message : "?");
    ck_assert_uint_eq(status, 201);

    ck_assert_uint_eq(curl_socket("-H 'Range: bytes=3-7'", put, &text), 206);
    ck_assert_str_eq(text, "34567");
    g_clear_pointer(&text, g_free);
    ck_assert_uint_eq(curl_socket("-H 'Range: bytes=-4'", put, &text), 206);
    ck_assert_str_eq(text, "ghij");
    g_clear_pointer(&text, g_free);
    ck_assert_uint_eq(curl_socket("-H 'Range: bytes=15-'", put, &text), 206);
    ck_assert_str_eq(text, "fghij");
    ck_assert_uint_eq(curl_socket("-H 'Range: bytes=20-'", put, NULL), 416);
    ck_assert_uint_eq(curl_socket("", put, NULL), 200);

    /* An existing file is replaced only on request. */
    ck_assert(g_file_set_contents(local, "new", -1, NULL));
    ck_assert_uint_eq(curl_put(local, put), 409);
    ck_assert_uint_eq(curl_put(local, overwrite), 201);
    g_clear_pointer(&text, g_free);
    ck_assert_uint_eq(curl_socket("", put, &text), 200);
    ck_assert_str_eq(text, "new");

    /* A read-only user may read but not write; refused before the body. */
    ck_assert_uint_eq(corrald_fixture_call(viewer, "GET", put, NULL, NULL), 200);
    g_clear_object(&in);
    in = g_memory_input_stream_new_from_data(data, (gssize)strlen(data), NULL);
    ck_assert(!corral_client_request_raw(viewer, "PUT", put, "application/octet-stream", in,
                                         (goffset)strlen(data), NULL, NULL, NULL, &status, NULL));
    ck_assert_uint_eq(status, 403);
    ck_assert_uint_eq(corrald_fixture_call(viewer, "DELETE", put, NULL, NULL), 403);

    /* Folders: made, refused when not empty, removed when empty. */
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", folder, NULL, NULL), 201);
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", folder, NULL, NULL), 409);
    ck_assert_uint_eq(curl_put(local, inner), 201);
    ck_assert_uint_eq(corrald_fixture_call(api, "DELETE", sub, NULL, NULL), 409);
    ck_assert_uint_eq(corrald_fixture_call(api, "DELETE", inner, NULL, NULL), 204);
    ck_assert_uint_eq(corrald_fixture_call(api, "DELETE", sub, NULL, NULL), 204);
    ck_assert_uint_eq(corrald_fixture_call(api, "DELETE", put, NULL, NULL), 204);
    ck_assert_uint_eq(corrald_fixture_call(api, "GET", put, NULL, NULL), 404);
}
END_TEST

START_TEST(test_escapes)
{
    g_autoptr(CorralClient) api = corrald_fixture_session(fixture, "root", PASSWORD);
    g_autofree char *link_out = NULL, *link_file = NULL, *local = NULL, *before = NULL;
    g_autofree char *after = NULL;
    g_autofree char *through_link = ds_path("/files/out/x.txt");
    g_autofree char *root = ds_path("/files");
    static const struct {
        const char *method;
        const char *path; /* after /datastores/NAME */
        guint status;
    } refused[] = {
        {"GET", "/files/out/passwd", 403},     {"GET", "/files/passwd-link", 403},
        {"GET", "/files?path=out", 403},       {"GET", "/files?path=..", 400},
        {"GET", "/files?path=sub/../..", 400}, {"GET", "/files?path=/etc", 400},
        {"GET", "/files?path=a%00b", 400},     {"GET", "/files/%2e%2e/%2e%2e/etc/passwd", 400},
        {"GET", "/files/a%00b", 400},          {"GET", "/files/a%2fb", 400},
        {"DELETE", "/files/out/passwd", 403},  {"POST", "/files/out/newdir?mkdir", 403},
    };

    add_datastore(api);
    link_out = g_build_filename(store_dir, "out", NULL);
    link_file = g_build_filename(store_dir, "passwd-link", NULL);
    ck_assert_int_eq(symlink("/etc", link_out), 0);
    ck_assert_int_eq(symlink("../../../../../../../../etc/passwd", link_file), 0);
    before = store_listing();
    for (gsize i = 0; i < G_N_ELEMENTS(refused); i++) {
        g_autofree char *path = ds_path("%s", refused[i].path);
        g_autoptr(json_object) answer = NULL;

        ck_assert_msg(corrald_fixture_call(api, refused[i].method, path, NULL, &answer) ==
                          refused[i].status,
                      "%s %s: %s", refused[i].method, path, json_object_to_json_string(answer));
    }
    /* An upload through a link that points out. */
    local = g_build_filename(work_dir, "x.txt", NULL);
    ck_assert(g_file_set_contents(local, "x", -1, NULL));
    ck_assert_uint_eq(curl_put(local, through_link), 403);
    ck_assert(!g_file_test("/etc/x.txt", G_FILE_TEST_EXISTS));
    after = store_listing();
    ck_assert_str_eq(after, before);
    /* Links are not listed. */
    {
        g_autoptr(json_object) listing = NULL;
        json_object *files;

        ck_assert_uint_eq(corrald_fixture_call(api, "GET", root, NULL, &listing), 200);
        ck_assert(json_object_object_get_ex(listing, "files", &files));
        ck_assert_uint_eq(json_object_array_length(files), 0);
    }
}
END_TEST

START_TEST(test_oversize_and_cut_off)
{
    g_autoptr(CorralClient) api = corrald_fixture_session(fixture, "root", PASSWORD);
    g_autofree char *huge = ds_path("/files/huge.bin");
    g_autofree char *cut = ds_path("/files/cut.bin");
    g_autofree char *target = g_strdup_printf("%s/cut.bin", datastore);
    g_autofree char *huge_target = g_strdup_printf("%s/huge.bin", datastore);
    g_autofree char *headers = NULL;
    g_autofree char *before = NULL, *after = NULL;
    g_autofree guint8 *chunk = g_malloc0(CHUNK);
    g_autoptr(GSocketConnection) connection = NULL;
    g_autoptr(json_object) task = NULL;
    struct statvfs vfs;
    guint64 free_bytes;

    add_datastore(api);
    before = store_listing();

    /* Larger than the free space: refused with the headers alone. */
    ck_assert_int_eq(statvfs(store_dir, &vfs), 0);
    free_bytes = (guint64)vfs.f_bavail * vfs.f_frsize;
    headers = put_headers(huge, free_bytes + 1024 * 1024 * 1024);
    connection = open_socket();
    send_all(connection, headers, strlen(headers));
    ck_assert_uint_eq(read_status(connection), 413);
    g_clear_object(&connection);
    after = store_listing();
    ck_assert_str_eq(after, before);
    ck_assert_ptr_null(find_task(api, huge_target));

    /* Cut off after 3 of 10 MiB: no file, no partial file, a failed task. */
    g_free(headers);
    headers = put_headers(cut, 10 * CHUNK);
    connection = open_socket();
    send_all(connection, headers, strlen(headers));
    for (int i = 0; i < 3; i++)
        send_all(connection, chunk, CHUNK);
    g_usleep(200 * 1000);
    g_free(after);
    after = store_listing();
    ck_assert_msg(strstr(after, ".cut.bin.partial-") != NULL, "no partial file while uploading: %s",
                  after);
    ck_assert_ptr_null(strstr(after, "cut.bin "));
    ck_assert(g_io_stream_close(G_IO_STREAM(connection), NULL, NULL));
    for (int i = 0; i < 100; i++) {
        g_clear_pointer(&task, json_object_put);
        task = find_task(api, target);
        if (task != NULL && g_str_equal(corrald_json_member(task, "state"), "error"))
            break;
        g_usleep(50 * 1000);
    }
    ck_assert_str_eq(corrald_json_member(task, "state"), "error");
    ck_assert_msg(strstr(corrald_json_member(task, "error"), "cut off") != NULL, "%s",
                  corrald_json_member(task, "error"));
    g_free(after);
    after = store_listing();
    ck_assert_str_eq(after, before);
    ck_assert_uint_eq(corrald_fixture_call(api, "GET", cut, NULL, NULL), 404);
}
END_TEST

START_TEST(test_datastore_refusals)
{
    g_autoptr(CorralClient) api = corrald_fixture_session(fixture, "root", PASSWORD);
    g_autofree char *same_source =
        g_strdup_printf("{\"name\": \"%s-2\", \"type\": \"dir\", \"source\": {\"path\": \"%s\"}}",
                        datastore, store_dir);
    g_autoptr(json_object) answer = NULL;
    g_autoptr(json_object) list = NULL;
    g_autofree char *self = ds_path("%s", "");

    add_datastore(api);
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/datastores", same_source, &answer), 409);
    ck_assert_uint_eq(
        corrald_fixture_call(api, "POST", "/datastores",
                             "{\"name\": \"x\", \"type\": \"nfs\", \"source\": {\"host\": \"h\"}}",
                             NULL),
        400);
    ck_assert_uint_eq(corrald_fixture_call(api, "POST", "/datastores",
                                           "{\"name\": \"a/b\", \"type\": \"dir\", \"source\": "
                                           "{\"path\": \"/tmp\"}}",
                                           NULL),
                      400);
    ck_assert_uint_eq(corrald_fixture_call(api, "GET", "/datastores", NULL, &list), 200);
    ck_assert_uint_eq(corrald_fixture_call(api, "DELETE", self, NULL, NULL), 204);
    ck_assert_uint_eq(corrald_fixture_call(api, "DELETE", self, NULL, NULL), 404);
    /* The files stay where they were. */
    ck_assert(g_file_test(store_dir, G_FILE_TEST_IS_DIR));
}
END_TEST

/* Each test adds the datastore afresh. */
static void
forget_datastore(void)
{
    host_fixture_remove_pool(datastore);
    corral_test_remove_tree(store_dir);
}

int
main(void)
{
    Suite *s = suite_create("datastores");
    TCase *tc = tcase_create("dir");

    if (!host_fixture_have_libvirt()) {
        printf("1..0 # SKIP needs root and libvirtd on qemu:///system\n");
        return 0;
    }
    tcase_set_timeout(tc, 240);
    tcase_add_unchecked_fixture(tc, start, stop);
    tcase_add_checked_fixture(tc, NULL, forget_datastore);
    tcase_add_test(tc, test_big_round_trip);
    tcase_add_test(tc, test_ranges_and_files);
    tcase_add_test(tc, test_escapes);
    tcase_add_test(tc, test_oversize_and_cut_off);
    tcase_add_test(tc, test_datastore_refusals);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
