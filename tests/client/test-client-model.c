/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The desktop client's model without a display: formats of figures and
 * states, the inventory tree built from API lists (guests under their
 * pools, nodes kept across refreshes, moves and removals), what events make
 * stale, and search matching.
 */
#include "client/corral-format.h"
#include "client/corral-host-connection.h"
#include "client/corral-host-list.h"
#include "client/corral-inventory.h"
#include "client/corral-labels.h"
#include "check-tap.h"

#include <check.h>
#include <locale.h>

static const struct {
    gint64 bytes;
    const char *text;
} bytes_cases[] = {
    {0, "0 bytes"},
    /* GLib puts a no-break space before the unit. */
    {1536, "1.5\xc2\xa0KiB"},
    {(gint64)3 << 30, "3.0\xc2\xa0GiB"},
    {CORRAL_UNLIMITED, "Unlimited"},
};

static const struct {
    CorralVmDisk disk;
    const char *text;
} disk_cases[] = {
    {{.datastore = "local",
      .volume = "web.qcow2",
      .size_bytes = (gint64)8 << 30,
      .bus = CORRAL_DISK_BUS_VIRTIO},
     "[local] web.qcow2  8.0\xc2\xa0GiB (virtio)"},
    {{.datastore = "iso",
      .volume = "debian.iso",
      .bus = CORRAL_DISK_BUS_SATA,
      .device = CORRAL_DISK_DEVICE_CDROM},
     "CD/DVD: [iso] debian.iso (sata)"},
    {{.bus = CORRAL_DISK_BUS_IDE, .device = CORRAL_DISK_DEVICE_CDROM}, "CD/DVD: empty (ide)"},
};

START_TEST(test_format_disk)
{
    g_autofree char *text = corral_format_disk(&disk_cases[_i].disk);

    ck_assert_str_eq(text, disk_cases[_i].text);
}
END_TEST

START_TEST(test_format_bytes)
{
    g_autofree char *text = corral_format_bytes(bytes_cases[_i].bytes);

    ck_assert_str_eq(text, bytes_cases[_i].text);
}
END_TEST

static const struct {
    gint64 value;
    char *(*format)(gint64);
    const char *text;
} figure_cases[] = {
    {800, corral_format_mhz, "800 MHz"},
    {2400, corral_format_mhz, "2.40 GHz"},
    {CORRAL_UNLIMITED, corral_format_mhz, "Unlimited"},
    {42, corral_format_duration, "42 seconds"},
    {61, corral_format_duration, "1 minute"},
    {3 * 86400 + 4 * 3600 + 5, corral_format_duration, "3 days, 4 hours"},
    {3600 + 120, corral_format_duration, "1 hour, 2 minutes"},
    {1, corral_format_vcpus, "1 vCPU"},
    {4, corral_format_vcpus, "4 vCPUs"},
};

START_TEST(test_format_figures)
{
    g_autofree char *text = figure_cases[_i].format(figure_cases[_i].value);

    ck_assert_str_eq(text, figure_cases[_i].text);
}
END_TEST

START_TEST(test_format_states_and_thumbprint)
{
    const char *tp = "6A:97:31:09:62:4F:90:C2:9F:5F:08:D3:6C:6B:A3:F9:3F:53:D4:13:C6:64:8E:B6:"
                     "17:96:75:EF:6A:28:18:70";
    g_autofree char *lines = corral_format_thumbprint(tp);
    g_autofree char *pct = corral_format_percent(12.34);
    g_autofree char *small = corral_format_percent(2.5);
    CorralShares shares = {0};
    g_autofree char *normal = NULL, *custom = NULL;

    ck_assert_str_eq(lines, "6A:97:31:09:62:4F:90:C2:9F:5F:08:D3:6C:6B:A3:F9\n"
                            "3F:53:D4:13:C6:64:8E:B6:17:96:75:EF:6A:28:18:70");
    ck_assert_str_eq(pct, "12 %");
    ck_assert_str_eq(small, "2.5 %");
    ck_assert_str_eq(corral_format_vm_state(CORRAL_VM_STATE_RUNNING), "Powered on");
    ck_assert_str_eq(corral_format_vm_state(CORRAL_VM_STATE_SHUTOFF), "Powered off");
    ck_assert_str_eq(corral_format_vm_state((CorralVmState)99), "Unknown");
    ck_assert_str_eq(corral_format_task_state(CORRAL_TASK_STATE_ERROR), "Failed");
    shares.level = CORRAL_SHARES_LEVEL_NORMAL;
    normal = corral_format_shares(&shares);
    ck_assert_str_eq(normal, "Normal");
    shares.level = CORRAL_SHARES_LEVEL_CUSTOM;
    shares.value = 3000;
    CORRAL_SET_PRESENT(&shares, CORRAL_SHARES_FIELD_VALUE);
    custom = corral_format_shares(&shares);
    ck_assert_str_eq(custom, "Custom (3000)");
}
END_TEST

static CorralVm *
vm(const char *id, const char *name, const char *pool, CorralVmState state)
{
    CorralVm *v = g_new0(CorralVm, 1);

    v->id = g_strdup(id);
    v->name = g_strdup(name);
    v->pool = g_strdup(pool);
    v->state = state;
    return v;
}

static CorralPool *
pool(const char *path, const char *name, const char *parent)
{
    CorralPool *p = g_new0(CorralPool, 1);

    p->path = g_strdup(path);
    p->name = g_strdup(name);
    p->parent = g_strdup(parent);
    return p;
}

/* The labels of @node's children, joined by commas. */
static char *
labels(CorralNode *node)
{
    GListModel *children = G_LIST_MODEL(corral_node_get_children(node));
    GString *text = g_string_new(NULL);

    for (guint i = 0; i < g_list_model_get_n_items(children); i++) {
        g_autoptr(CorralNode) child = g_list_model_get_item(children, i);

        g_string_append_printf(text, "%s%s", i > 0 ? "," : "", corral_node_get_label(child));
    }
    return g_string_free(text, FALSE);
}

#define UUID(n) "00000000-0000-0000-0000-00000000000" n

START_TEST(test_inventory_tree)
{
    g_autoptr(CorralInventory) inv = corral_inventory_new("h:443");
    GPtrArray *pools = g_ptr_array_new_with_free_func((GDestroyNotify)corral_pool_free);
    GPtrArray *vms = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_free);
    CorralNode *root = corral_inventory_get_root(inv), *web, *kept;
    g_autofree char *top = NULL, *in_web = NULL, *after = NULL, *moved = NULL, *gone = NULL;

    g_ptr_array_add(pools, pool("/", "root", NULL));
    g_ptr_array_add(pools, pool("/web", "web", "/"));
    g_ptr_array_add(pools, pool("/web/front", "front", "/web"));
    corral_inventory_set_pools(inv, pools);
    g_ptr_array_add(vms, vm(UUID("1"), "zeta", "/", CORRAL_VM_STATE_RUNNING));
    g_ptr_array_add(vms, vm(UUID("2"), "alpha", "/", CORRAL_VM_STATE_SHUTOFF));
    g_ptr_array_add(vms, vm(UUID("3"), "nginx", "/web", CORRAL_VM_STATE_RUNNING));
    corral_inventory_set_vms(inv, vms);

    /* Pools, then guests by name, then the groups. */
    top = labels(root);
    ck_assert_str_eq(top, "web,alpha,zeta,Datastores,Networks");
    web = corral_inventory_lookup_pool(inv, "/web");
    ck_assert_ptr_nonnull(web);
    in_web = labels(web);
    ck_assert_str_eq(in_web, "front,nginx");
    ck_assert_uint_eq(g_list_model_get_n_items(corral_inventory_get_vms(inv)), 3);
    ck_assert_int_eq(corral_node_get_state(corral_inventory_lookup_vm(inv, UUID("2"))),
                     CORRAL_VM_STATE_SHUTOFF);

    /* A refresh keeps the nodes that stay and updates them in place. */
    kept = corral_inventory_lookup_vm(inv, UUID("2"));
    vms = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_free);
    g_ptr_array_add(vms, vm(UUID("2"), "alpha", "/", CORRAL_VM_STATE_RUNNING));
    g_ptr_array_add(vms, vm(UUID("3"), "nginx", "/web", CORRAL_VM_STATE_RUNNING));
    corral_inventory_set_vms(inv, vms);
    ck_assert_ptr_eq(corral_inventory_lookup_vm(inv, UUID("2")), kept);
    ck_assert_int_eq(corral_node_get_state(kept), CORRAL_VM_STATE_RUNNING);
    ck_assert_ptr_null(corral_inventory_lookup_vm(inv, UUID("1")));
    after = labels(root);
    ck_assert_str_eq(after, "web,alpha,Datastores,Networks");

    /* One guest's answer moves it to its new pool. */
    corral_inventory_update_vm(inv, vm(UUID("2"), "alpha", "/web/front", CORRAL_VM_STATE_PAUSED));
    moved = labels(corral_inventory_lookup_pool(inv, "/web/front"));
    ck_assert_str_eq(moved, "alpha");
    ck_assert_int_eq(corral_node_get_state(kept), CORRAL_VM_STATE_PAUSED);
    ck_assert_str_eq(corral_node_get_icon_name(kept), "media-playback-pause-symbolic");

    corral_inventory_remove_vm(inv, UUID("2"));
    gone = labels(corral_inventory_lookup_pool(inv, "/web/front"));
    ck_assert_str_eq(gone, "");
    ck_assert_uint_eq(g_list_model_get_n_items(corral_inventory_get_vms(inv)), 1);
}
END_TEST

static const struct {
    const char *kind;
    CorralRefresh refresh;
} event_cases[] = {
    {"vm-started", CORRAL_REFRESH_VM},
    {"vm-undefined", CORRAL_REFRESH_VM_GONE | CORRAL_REFRESH_POOLS},
    {"vm-create", CORRAL_REFRESH_VMS | CORRAL_REFRESH_POOLS},
    {"pool-edit", CORRAL_REFRESH_POOLS},
    {"task-succeeded", CORRAL_REFRESH_TASK},
    {"datastore-added", CORRAL_REFRESH_DATASTORES},
    {"user-added", CORRAL_REFRESH_NONE},
};

START_TEST(test_refresh_for_event)
{
    CorralEvent event = {0};

    event.kind = (char *)event_cases[_i].kind;
    ck_assert_int_eq(corral_inventory_refresh_for_event(&event), event_cases[_i].refresh);
}
END_TEST

START_TEST(test_format_task_kind)
{
    ck_assert_str_eq(corral_format_task_kind("datastore-upload"), "Upload");
    ck_assert_str_eq(corral_format_task_kind("vm-create"), "Create guest");
    /* The client's own tasks come described already. */
    ck_assert_str_eq(corral_format_task_kind("Power on"), "Power on");
    ck_assert_str_eq(corral_format_task_kind(NULL), "");
}
END_TEST

START_TEST(test_search_matches)
{
    g_autoptr(CorralNode) node = corral_node_new(CORRAL_NODE_VM, UUID("1"), "Web-Ágens 01");
    g_autofree char *q1 = corral_node_fold_query("web");
    g_autofree char *q2 = corral_node_fold_query("ÁGENS");
    g_autofree char *q3 = corral_node_fold_query("db");
    g_autofree char *empty = corral_node_fold_query("");

    ck_assert(corral_node_matches(node, q1));
    ck_assert(corral_node_matches(node, q2));
    ck_assert(!corral_node_matches(node, q3));
    ck_assert(corral_node_matches(node, empty));
}
END_TEST

static CorralVm *
labelled_vm(const char *id, const char *name, const char *folder, const char *tags)
{
    CorralVm *v = vm(id, name, "/", CORRAL_VM_STATE_SHUTOFF);
    g_auto(GStrv) split = g_strsplit(tags, ",", -1);

    v->folder = g_strdup(folder);
    v->tags = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; split[i] != NULL; i++)
        if (*split[i] != '\0')
            g_ptr_array_add(v->tags, g_strdup(split[i]));
    return v;
}

/* The search matches a guest's tags: plain text anywhere in a tag, and
 * "tag:NAME" the whole tag only, in any case. */
START_TEST(test_search_tags)
{
    static const struct {
        const char *query;
        gboolean matches;
    } cases[] = {
        {"tag:web", TRUE},       {"TAG:Web", TRUE},   {"tag:we", FALSE},    {"tag:prod-db", FALSE},
        {"tag:", FALSE},         {"webserver", TRUE}, {"server", TRUE},     {"alpha", TRUE},
        {"tag:éles", TRUE},      {"ÉLES", TRUE},      {"tag:alpha", FALSE}, {"nothing", FALSE},
        {"tag:webserver", TRUE},
    };
    g_autoptr(CorralNode) node = corral_node_new(CORRAL_NODE_VM, UUID("1"), "alpha");
    g_autoptr(CorralNode) bare = corral_node_new(CORRAL_NODE_VM, UUID("2"), "beta");
    g_autofree char *tag_query = corral_node_fold_query("tag:web");

    corral_node_set_payload(node, &corral_vm_type,
                            labelled_vm(UUID("1"), "alpha", "/", "web,webserver,Éles"));
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *folded = corral_node_fold_query(cases[i].query);

        ck_assert_msg(corral_node_matches(node, folded) == cases[i].matches, "%s", cases[i].query);
    }
    /* A guest without tags (or a host that predates them) matches none. */
    corral_node_set_payload(bare, &corral_vm_type, vm(UUID("2"), "beta", "/", 0));
    ck_assert(!corral_node_matches(bare, tag_query));
    /* New tags from the host take the old ones' place. */
    corral_node_set_payload(node, &corral_vm_type, labelled_vm(UUID("1"), "alpha", "/", "db"));
    ck_assert(!corral_node_matches(node, tag_query));
}
END_TEST

/* What an operator types for tags and folder: tags split at commas,
 * trimmed, repeats dropped; a folder given a leading "/" and no trailing
 * one; what is not a tag or folder refused before anything is sent. */
START_TEST(test_labels_parse)
{
    static const struct {
        const char *text;
        const char *tags; /* joined by "|", or NULL: refused */
    } tag_cases[] = {
        {"web, db", "web|db"}, {" web ,web,, db ", "web|db"}, {"", ""},
        {"a b, c", "a b|c"},   {"ünï, cödé", "ünï|cödé"},     {"tab\there", NULL},
    };
    static const struct {
        const char *text;
        const char *folder; /* or NULL: refused */
    } folder_cases[] = {
        {"", "/"},
        {"/", "/"},
        {"Production/Web", "/Production/Web"},
        {" /Production/Web/ ", "/Production/Web"},
        {"/a//b", NULL},
        {"/1/2/3/4/5/6/7/8/9", NULL},
        {"/a/../b", NULL},
    };
    GString *many = g_string_new(NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) none = NULL;
    g_autofree char *many_text = NULL;

    for (guint i = 0; i < G_N_ELEMENTS(tag_cases); i++) {
        g_autoptr(GError) why = NULL;
        g_autoptr(GPtrArray) tags = corral_labels_parse_tags(tag_cases[i].text, &why);
        g_autofree char *joined = NULL;

        if (tag_cases[i].tags == NULL) {
            ck_assert_msg(tags == NULL && why != NULL, "%s", tag_cases[i].text);
            continue;
        }
        ck_assert_msg(tags != NULL, "%s: %s", tag_cases[i].text, why->message);
        g_ptr_array_add(tags, NULL);
        joined = g_strjoinv("|", (char **)tags->pdata);
        ck_assert_str_eq(joined, tag_cases[i].tags);
    }
    for (guint i = 0; i < G_N_ELEMENTS(folder_cases); i++) {
        g_autoptr(GError) why = NULL;
        g_autofree char *folder = corral_labels_parse_folder(folder_cases[i].text, &why);

        ck_assert_str_eq(folder != NULL ? folder : "(refused)",
                         folder_cases[i].folder != NULL ? folder_cases[i].folder : "(refused)");
    }
    for (int i = 0; i <= CORRAL_TAGS_MAX; i++)
        g_string_append_printf(many, "t%d,", i);
    many_text = g_string_free(many, FALSE);
    none = corral_labels_parse_tags(many_text, &error);
    ck_assert_ptr_null(none);
    ck_assert_str_eq(error->message, "A guest has at most 32 tags.");
}
END_TEST

/* "a{b,c}" for a node with children: its label and its children's, deep. */
static void
outline(CorralNode *node, GString *text)
{
    GListStore *children = corral_node_get_children(node);

    g_string_append(text, corral_node_get_label(node));
    if (children == NULL || g_list_model_get_n_items(G_LIST_MODEL(children)) == 0)
        return;
    g_string_append_c(text, '{');
    for (guint i = 0; i < g_list_model_get_n_items(G_LIST_MODEL(children)); i++) {
        g_autoptr(CorralNode) child = g_list_model_get_item(G_LIST_MODEL(children), i);

        if (i > 0)
            g_string_append_c(text, ',');
        outline(child, text);
    }
    g_string_append_c(text, '}');
}

static char *
folder_outline(CorralInventory *inv)
{
    GString *text = g_string_new(NULL);

    outline(corral_inventory_get_folder_root(inv), text);
    return g_string_free(text, FALSE);
}

/* The folder view: folders first then guests, nested by path, the same
 * guest nodes as the host tree; a guest that moves takes its place and
 * leaves no empty folder behind; the root follows the host's label. */
START_TEST(test_folder_view)
{
    g_autoptr(CorralInventory) inv = corral_inventory_new("h:443");
    GPtrArray *vms = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_free);
    g_autofree char *first = NULL, *moved = NULL, *renamed = NULL, *gone = NULL, *again = NULL;
    CorralNode *web_folder;
    CorralHost *host = g_new0(CorralHost, 1);

    g_ptr_array_add(vms, labelled_vm(UUID("1"), "web2", "/Production/Web", "web"));
    g_ptr_array_add(vms, labelled_vm(UUID("2"), "web1", "/Production/Web", "web"));
    g_ptr_array_add(vms, labelled_vm(UUID("3"), "db1", "/Production", "db"));
    g_ptr_array_add(vms, labelled_vm(UUID("4"), "scratch", "/", ""));
    g_ptr_array_add(vms, vm(UUID("5"), "old-host", "/", CORRAL_VM_STATE_RUNNING));
    corral_inventory_set_vms(inv, vms);
    first = folder_outline(inv);
    ck_assert_str_eq(first, "h:443{Production{Web{web1,web2},db1},old-host,scratch}");
    web_folder = corral_inventory_lookup_folder(inv, "/Production/Web");
    ck_assert_int_eq(corral_node_get_kind(web_folder), CORRAL_NODE_FOLDER);
    ck_assert_str_eq(corral_node_get_icon_name(web_folder), "folder-symbolic");
    {
        g_autoptr(CorralNode) web1 =
            g_list_model_get_item(G_LIST_MODEL(corral_node_get_children(web_folder)), 0);

        ck_assert_ptr_eq(web1, corral_inventory_lookup_vm(inv, UUID("2")));
    }

    /* One guest changes folder: the emptied folders go. */
    corral_inventory_update_vm(inv, labelled_vm(UUID("3"), "db1", "/Test", "db"));
    moved = folder_outline(inv);
    ck_assert_str_eq(moved, "h:443{Production{Web{web1,web2}},Test{db1},old-host,scratch}");
    corral_inventory_update_vm(inv, labelled_vm(UUID("1"), "aaa", "/Production/Web", "web"));
    renamed = folder_outline(inv);
    ck_assert_str_eq(renamed, "h:443{Production{Web{aaa,web1}},Test{db1},old-host,scratch}");
    corral_inventory_remove_vm(inv, UUID("3"));
    gone = folder_outline(inv);
    ck_assert_str_eq(gone, "h:443{Production{Web{aaa,web1}},old-host,scratch}");

    /* A whole list again keeps the folder nodes that stay. */
    vms = g_ptr_array_new_with_free_func((GDestroyNotify)corral_vm_free);
    g_ptr_array_add(vms, labelled_vm(UUID("2"), "web1", "/Production/Web", "web"));
    g_ptr_array_add(vms, labelled_vm(UUID("6"), "new", "/Production/Web/Canary", ""));
    corral_inventory_set_vms(inv, vms);
    again = folder_outline(inv);
    ck_assert_str_eq(again, "h:443{Production{Web{Canary{new},web1}}}");
    ck_assert_ptr_eq(corral_inventory_lookup_folder(inv, "/Production/Web"), web_folder);

    host->name = g_strdup("esx1");
    corral_inventory_set_host(inv, host);
    ck_assert_str_eq(corral_node_get_label(corral_inventory_get_folder_root(inv)),
                     corral_node_get_label(corral_inventory_get_root(inv)));
}
END_TEST

/* Remembered hosts: added once each in first-connected order, a new user
 * replaces the old in place, removal leaves the others as they were. */
static const struct {
    const char *op; /* "+host user" or "-host" */
    const char *after;
} host_list_cases[] = {
    {"+a:443 root", "[('a:443', 'root')]"},
    {"+b:8443 ops", "[('a:443', 'root'), ('b:8443', 'ops')]"},
    {"+a:443 admin", "[('a:443', 'admin'), ('b:8443', 'ops')]"},
    {"-a:443", "[('b:8443', 'ops')]"},
    {"-c:443", "[('b:8443', 'ops')]"},
    {"-b:8443", "@a(ss) []"},
};

START_TEST(test_host_list)
{
    g_autoptr(GVariant) list =
        g_variant_ref_sink(g_variant_new_array(G_VARIANT_TYPE("(ss)"), NULL, 0));

    for (gsize i = 0; i < G_N_ELEMENTS(host_list_cases); i++) {
        const char *op = host_list_cases[i].op;
        g_auto(GStrv) words = g_strsplit(op + 1, " ", 2);
        GVariant *next = op[0] == '+' ? corral_host_list_add(list, words[0], words[1])
                                      : corral_host_list_remove(list, words[0]);
        g_autofree char *text = NULL;

        g_variant_unref(list);
        list = g_variant_ref_sink(next);
        text = g_variant_print(list, TRUE);
        ck_assert_msg(g_str_equal(text, host_list_cases[i].after), "after %s: %s", op, text);
    }
}
END_TEST

/* A host being reached again says so in the tree, before and after it
 * has a name; the pause between attempts grows as a dropped host's. */
START_TEST(test_host_reconnecting)
{
    g_autoptr(CorralInventory) inv = corral_inventory_new("h:443");
    CorralNode *root = corral_inventory_get_root(inv);
    CorralHost *host = g_new0(CorralHost, 1);
    static const guint pauses[] = {1, 2, 4, 8, 16, 30, 30};
    guint pause = 0;

    corral_inventory_set_reconnecting(inv, TRUE);
    ck_assert_str_eq(corral_node_get_label(root), "h:443 — reconnecting…");
    host->name = g_strdup("esx1");
    corral_inventory_set_host(inv, host);
    ck_assert_str_eq(corral_node_get_label(root), "esx1 (h:443) — reconnecting…");
    corral_inventory_set_reconnecting(inv, FALSE);
    ck_assert_str_eq(corral_node_get_label(root), "esx1 (h:443)");
    for (gsize i = 0; i < G_N_ELEMENTS(pauses); i++) {
        pause = corral_host_connection_next_retry_s(pause);
        ck_assert_uint_eq(pause, pauses[i]);
    }
}
END_TEST

static Suite *
model_suite(void)
{
    Suite *s = suite_create("client-model");
    TCase *tc = tcase_create("model");

    tcase_add_loop_test(tc, test_format_bytes, 0, G_N_ELEMENTS(bytes_cases));
    tcase_add_loop_test(tc, test_format_disk, 0, G_N_ELEMENTS(disk_cases));
    tcase_add_loop_test(tc, test_format_figures, 0, G_N_ELEMENTS(figure_cases));
    tcase_add_test(tc, test_format_states_and_thumbprint);
    tcase_add_test(tc, test_inventory_tree);
    tcase_add_loop_test(tc, test_refresh_for_event, 0, G_N_ELEMENTS(event_cases));
    tcase_add_test(tc, test_search_matches);
    tcase_add_test(tc, test_search_tags);
    tcase_add_test(tc, test_folder_view);
    tcase_add_test(tc, test_labels_parse);
    tcase_add_test(tc, test_host_list);
    tcase_add_test(tc, test_format_task_kind);
    tcase_add_test(tc, test_host_reconnecting);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    /* English texts, whatever the environment says. */
    g_setenv("LANGUAGE", "C", TRUE);
    setlocale(LC_ALL, "C.UTF-8");
    return corral_check_run(model_suite());
}
