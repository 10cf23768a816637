/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Bad input to corrald's real HTTPS port: malformed and oversize bodies,
 * oversize headers, names and paths with "/", "..", NUL and newlines. Each
 * gets a 4xx with a message saying what was wrong, and changes nothing: the
 * users and guests read back the same afterwards. Also the TLS versions the
 * port accepts.
 */
#include "check-tap.h"
#include "corrald-fixture.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define PASSWORD "correct horse battery"

static CorraldFixture *fixture;
static CorralClient *admin;

static void
start(void)
{
    g_autofree char *token = NULL;
    guint status;

    fixture = corrald_fixture_start("test:///default", "[auth]\nfailure-delay-ms=0\n");
    corrald_fixture_add_user(fixture, "root", NULL, PASSWORD);
    token = corrald_fixture_login(fixture, "root", PASSWORD, &status);
    admin = corrald_fixture_https(fixture);
    ck_assert(corral_client_set_token(admin, token, NULL));
}

static void
stop(void)
{
    g_clear_pointer(&admin, corral_client_unref);
    g_clear_pointer(&fixture, corrald_fixture_stop);
}

/* What a user and an admin would see of the host's state. */
static char *
snapshot_state(void)
{
    g_autoptr(json_object) users = NULL, vms = NULL;

    ck_assert_uint_eq(corrald_fixture_call(admin, "GET", "/users", NULL, &users), 200);
    ck_assert_uint_eq(corrald_fixture_call(admin, "GET", "/vms", NULL, &vms), 200);
    return g_strconcat(json_object_to_json_string(users), json_object_to_json_string(vms), NULL);
}

/* Raw requests through libcurl, so the test can send what no well-behaved
 * client would: bad bytes, wrong types, huge headers. */
typedef struct {
    long status;
    GString *body;
    CURLcode result;
} Raw;

static size_t
collect(char *data, size_t size, size_t n, void *user)
{
    g_string_append_len(((Raw *)user)->body, data, (gssize)(size * n));
    return size * n;
}

static Raw
send_raw(const char *method, const char *path, const char *content_type, const char *body,
         gsize body_len, const char *extra_header)
{
    g_autofree char *url = g_strdup_printf("https://127.0.0.1:%u/api/v1%s", fixture->port, path);
    g_autofree char *auth = NULL;
    struct curl_slist *headers = NULL;
    Raw raw = {0, g_string_new(NULL), CURLE_OK};
    CURL *curl = curl_easy_init();

    auth = g_strdup_printf("Authorization: Bearer %s", corral_client_get_token(admin));
    headers = curl_slist_append(headers, auth);
    if (content_type != NULL) {
        g_autofree char *ct = g_strdup_printf("Content-Type: %s", content_type);
        headers = curl_slist_append(headers, ct);
    }
    if (extra_header != NULL)
        headers = curl_slist_append(headers, extra_header);
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
    curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &raw);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    if (body != NULL) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)body_len);
    }
    raw.result = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &raw.status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return raw;
}

static const struct {
    const char *method, *path, *content_type, *body;
    long status;
    const char *message; /* a part of the answer that says what was wrong */
} cases[] = {
    /* bodies */
    {"POST", "/users", "application/json", "{\"name\": \"x\",", 400, "body"},
    {"POST", "/users", "application/json", "[1, 2, 3]", 400, "object"},
    {"POST", "/users", "application/json", "{} {}", 400, "body"},
    {"POST", "/users", "text/plain", "{\"name\": \"x\"}", 415, "application/json"},
    {"POST", "/users", "application/json",
     "{\"name\": 42, \"role\": \"admin\", \"password\": \"correct horse battery\"}", 400,
     "user.name"},
    {"POST", "/users", "application/json",
     "{\"name\": \"eve\", \"role\": \"superuser\", \"password\": \"correct horse battery\"}", 400,
     "user.role"},
    {"POST", "/users", "application/json",
     "{\"name\": \"eve\", \"role\": \"admin\", \"password\": \"correct horse battery\", \"admin\": "
     "true}",
     400, "admin"},
    {"POST", "/users", "application/json", "{\"name\": \"eve\", \"role\": \"admin\"}", 422,
     "password"},
    {"POST", "/users", "application/json",
     "{\"name\": \"eve\", \"role\": \"admin\", \"password\": \"short\"}", 422, "at least 12"},
    /* names: "/", "..", NUL, newline, too long */
    {"POST", "/users", "application/json",
     "{\"name\": \"a/b\", \"role\": \"admin\", \"password\": \"correct horse battery\"}", 400,
     "user.name"},
    {"POST", "/users", "application/json",
     "{\"name\": \"..\", \"role\": \"admin\", \"password\": \"correct horse battery\"}", 400,
     "user.name"},
    {"POST", "/users", "application/json",
     "{\"name\": \"a\\u0000b\", \"role\": \"admin\", \"password\": \"correct horse battery\"}", 400,
     "user.name"},
    {"POST", "/users", "application/json",
     "{\"name\": \"a\\nb\", \"role\": \"admin\", \"password\": \"correct horse battery\"}", 400,
     "user.name"},
    {"POST", "/vms", "application/json",
     "{\"name\": \"../../etc/passwd\", \"vcpus\": 1, \"memory_bytes\": 67108864}", 400, "name"},
    {"POST", "/vms", "application/json",
     "{\"name\": \"ok\", \"vcpus\": 0, \"memory_bytes\": 67108864}", 400, "vcpus"},
    {"POST", "/vms", "application/json", "{\"name\": \"ok\", \"vcpus\": 1, \"memory_bytes\": 1e30}",
     400, "memory_bytes"},
    {"POST", "/vms/6695eb01-f6a4-8304-79aa-97f2502e193f/power", "application/json",
     "{\"action\": \"explode\"}", 400, "action"},
    /* paths */
    {"GET", "/users/a%2Fb", NULL, NULL, 400, "path"},
    {"DELETE", "/users/%00", NULL, NULL, 400, "path"},
    {"DELETE", "/users/..", NULL, NULL, 400, "path"},
    {"DELETE", "/users/a%0Ab", NULL, NULL, 400, "control"},
    {"GET", "/vms/../users", NULL, NULL, 400, "path"},
    {"GET", "/nothing-here", NULL, NULL, 404, "no such"},
    {"PUT", "/vms", NULL, NULL, 405, "not allowed"},
    {"GET", "/events?after=-1", NULL, NULL, 400, "after"},
    {"GET", "/events?timeout=99999", NULL, NULL, 400, "timeout"},
};

START_TEST(test_bad_input_changes_nothing)
{
    g_autofree char *before = snapshot_state();
    g_autofree char *after = NULL;
    Raw raw = send_raw(cases[_i].method, cases[_i].path, cases[_i].content_type, cases[_i].body,
                       cases[_i].body != NULL ? strlen(cases[_i].body) : 0, NULL);

    ck_assert_msg(raw.status == cases[_i].status, "%s %s %s: %ld, expected %ld: %s",
                  cases[_i].method, cases[_i].path, cases[_i].body ? cases[_i].body : "",
                  raw.status, cases[_i].status, raw.body->str);
    ck_assert_msg(strstr(raw.body->str, cases[_i].message) != NULL, "%s: \"%s\" lacks \"%s\"",
                  cases[_i].path, raw.body->str, cases[_i].message);
    ck_assert_ptr_nonnull(strstr(raw.body->str, "\"code\""));
    g_string_free(raw.body, TRUE);
    after = snapshot_state();
    ck_assert_str_eq(before, after);
}
END_TEST

START_TEST(test_nul_inside_body)
{
    static const char body[] = "{\"name\": \"a\0b\", \"role\": \"admin\"}";
    Raw raw = send_raw("POST", "/users", "application/json", body, sizeof body - 1, NULL);

    ck_assert_int_eq(raw.status, 400);
    g_string_free(raw.body, TRUE);
}
END_TEST

START_TEST(test_oversize_body_and_headers)
{
    gsize big = 1024 * 1024 + 1;
    g_autofree char *body = g_malloc(big + 1);
    g_autofree char *header = NULL;
    g_autofree char *before = snapshot_state();
    g_autofree char *after = NULL;
    Raw raw;

    memset(body, ' ', big);
    body[0] = '{';
    body[big - 1] = '}';
    body[big] = '\0';
    raw = send_raw("POST", "/users", "application/json", body, big, NULL);
    ck_assert_int_eq(raw.status, 413);
    ck_assert_ptr_nonnull(strstr(raw.body->str, "1 MiB"));
    g_string_free(raw.body, TRUE);

    /* Just under the cap is read and judged on its content: an empty user. */
    body[big - 2] = '}';
    raw = send_raw("POST", "/users", "application/json", body, big - 1, NULL);
    ck_assert_int_eq(raw.status, 422);
    ck_assert_ptr_nonnull(strstr(raw.body->str, "name, role and password are required"));
    g_string_free(raw.body, TRUE);

    header = g_strnfill(64 * 1024, 'h');
    memcpy(header, "X-Big: ", 7);
    raw = send_raw("GET", "/vms", NULL, NULL, 0, header);
    /* The server answers 431 and closes; when it closes while curl is still
     * sending the header, curl sees the reset instead of the answer. */
    ck_assert_msg(
        raw.status == 431 || raw.status == 413 ||
            (raw.status == 0 && (raw.result == CURLE_SEND_ERROR || raw.result == CURLE_RECV_ERROR)),
        "64 KiB header: %ld (%s)", raw.status, curl_easy_strerror(raw.result));
    g_string_free(raw.body, TRUE);

    after = snapshot_state();
    ck_assert_str_eq(before, after);
}
END_TEST

/* Whether `openssl s_client` completes a handshake with @version. */
static gboolean
handshake(const char *version)
{
    g_autofree char *cmd =
        g_strdup_printf("openssl s_client -connect 127.0.0.1:%u %s </dev/null >/dev/null 2>&1",
                        fixture->port, version);
    int status = system(cmd);

    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

START_TEST(test_tls_versions)
{
    ck_assert(handshake("-tls1_3"));
    ck_assert(handshake("-tls1_2"));
    ck_assert(!handshake("-tls1_1"));
    ck_assert(!handshake("-tls1"));
    /* Mozilla intermediate: no CBC, no RSA key exchange. */
    ck_assert(!handshake("-tls1_2 -cipher AES128-SHA"));
    ck_assert(!handshake("-tls1_2 -cipher ECDHE-ECDSA-AES128-SHA"));
    ck_assert(handshake("-tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256"));
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("api-input");
    TCase *tc = tcase_create("core");

    curl_global_init(CURL_GLOBAL_DEFAULT);
    tcase_set_timeout(tc, 120);
    tcase_add_unchecked_fixture(tc, start, stop);
    tcase_add_loop_test(tc, test_bad_input_changes_nothing, 0, G_N_ELEMENTS(cases));
    tcase_add_test(tc, test_nul_inside_body);
    tcase_add_test(tc, test_oversize_body_and_headers);
    tcase_add_test(tc, test_tls_versions);
    suite_add_tcase(s, tc);
    return corral_check_run(s);
}
