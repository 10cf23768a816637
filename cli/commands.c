/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The table of corral-cli's commands and of the options they take, and what
 * is done with the tables: finding a command, parsing its options, printing
 * the help (see commands.h).
 */
#include "cli/commands.h"

#include <glib/gi18n.h>
#include <string.h>

/* Each row: words, handler, fewest and most arguments, their names, the
 * options taken and those required, flags, help. */
/* clang-format off */
#define NONE 0
#define AUTH CLI_COMMAND_AUTH
#define REMOTE CLI_COMMAND_REMOTE
static const CliCommand commands[] = {
    {"login", cli_cmd_login, 0, 0, "", NONE, NONE, REMOTE,
     N_("Log in and keep the session for later commands")},
    {"logout", cli_cmd_logout, 0, 0, "", NONE, NONE, REMOTE,
     N_("End the kept session")},
    {"host show", cli_cmd_host_show, 0, 0, "", NONE, NONE, AUTH,
     N_("Show the host: hardware, network, usage, certificate")},
    {"vm list", cli_cmd_vm_list, 0, 0, "", CLI_OPT_TAG, NONE, AUTH,
     N_("List the guests, or those with every tag given")},
    {"vm show", cli_cmd_vm_show, 1, 1, "ID-or-NAME", NONE, NONE, AUTH,
     N_("Show a guest's settings and state")},
    {"vm create", cli_cmd_vm_create, 0, 0, "",
     CLI_OPT_NAME | CLI_OPT_VCPUS | CLI_OPT_MEMORY | CLI_OPT_DISK | CLI_OPT_CDROM |
     CLI_OPT_NETWORK | CLI_OPT_TAG | CLI_OPT_FOLDER,
     CLI_OPT_NAME | CLI_OPT_MEMORY, AUTH,
     N_("Create a guest, wait for it and print its id")},
    {"vm tag", cli_cmd_vm_tag, 3, 34, "ID-or-NAME add|remove TAG...", NONE, NONE, AUTH,
     N_("Give a guest tags, or take them away")},
    {"vm folder", cli_cmd_vm_folder, 2, 2, "ID-or-NAME /FOLDER/PATH", NONE, NONE, AUTH,
     N_("Put a guest in a folder (/ for the top)")},
    {"vm cdrom", cli_cmd_vm_cdrom, 2, 3, "ID-or-NAME insert DATASTORE:PATH|eject", NONE, NONE,
     AUTH, N_("Put an ISO file of a datastore in a guest's CD-ROM drive, or eject it")},
    {"vm power", cli_cmd_vm_power, 2, 2, "ID-or-NAME on|off|shutdown|reboot|reset|suspend|resume",
     NONE, NONE, AUTH,
     N_("Change a guest's power state")},
    {"vm delete", cli_cmd_vm_delete, 1, 1, "ID-or-NAME", CLI_OPT_FORCE | CLI_OPT_KEEP_DISKS, NONE,
     AUTH, N_("Delete a guest and the disks made for it")},
    {"user list", cli_cmd_user_list, 0, 0, "", NONE, NONE, AUTH,
     N_("List the local users and their roles")},
    {"user add", cli_cmd_user_add, 1, 1, "NAME", CLI_OPT_ROLE | CLI_OPT_PASSWORD_FILE,
     CLI_OPT_ROLE, AUTH,
     N_("Add a user with a role on the host")},
    {"user passwd", cli_cmd_user_passwd, 1, 1, "NAME", CLI_OPT_PASSWORD_FILE, NONE, AUTH,
     N_("Set a user's password")},
    {"user role", cli_cmd_user_role, 2, 2, "NAME ROLE", CLI_OPT_ON | CLI_OPT_PROPAGATE, NONE, AUTH,
     N_("Set a user's role on the host, or on a pool or guest")},
    {"user rm", cli_cmd_user_rm, 1, 1, "NAME", NONE, NONE, AUTH,
     N_("Remove a user")},
    {"passwd", cli_cmd_user_passwd, 1, 1, "NAME", CLI_OPT_PASSWORD_FILE, NONE, AUTH,
     N_("Set a user's password (on the socket: the first root password)")},
    {"datastore list", cli_cmd_datastore_list, 0, 0, "", NONE, NONE, AUTH,
     N_("List the datastores with their capacity and free space")},
    {"datastore add", cli_cmd_datastore_add, 3, 5, "NAME dir|nfs|iscsi SOURCE...", NONE, NONE, AUTH,
     N_("Add a datastore: dir PATH, nfs HOST EXPORT, iscsi HOST[:PORT] IQN [INITIATOR]")},
    {"datastore rm", cli_cmd_datastore_rm, 1, 2, "NAME [PATH]", NONE, NONE, AUTH,
     N_("Remove a datastore (its files stay), or a file or empty folder in it")},
    {"datastore ls", cli_cmd_datastore_ls, 1, 2, "NAME [FOLDER]", NONE, NONE, AUTH,
     N_("List a folder of a datastore, or the LUNs of an iSCSI datastore")},
    {"datastore mkdir", cli_cmd_datastore_mkdir, 2, 2, "NAME FOLDER", NONE, NONE, AUTH,
     N_("Make a folder in a datastore")},
    {"datastore put", cli_cmd_datastore_put, 3, 3, "NAME LOCAL-FILE PATH", CLI_OPT_FORCE, NONE,
     AUTH, N_("Upload a file to a datastore (--force replaces one)")},
    {"datastore get", cli_cmd_datastore_get, 3, 3, "NAME PATH LOCAL-FILE", NONE, NONE, AUTH,
     N_("Download a file from a datastore")},
    {"vm move", cli_cmd_vm_move, 2, 2, "ID-or-NAME POOL", NONE, NONE, AUTH,
     N_("Move a guest that is not running to a resource pool")},
    {"vm resources", cli_cmd_vm_resources, 1, 8, "ID-or-NAME [SETTING=VALUE...]", NONE, NONE, AUTH,
     N_("Show or set a guest's shares, reservations and limits (cpu.limit=MHZ, ...)")},
    {"pool list", cli_cmd_pool_list, 0, 0, "", NONE, NONE, AUTH,
     N_("List the resource pools with their shares, reservations and limits")},
    {"pool create", cli_cmd_pool_create, 1, 8, "PATH [SETTING=VALUE...]", NONE, NONE, AUTH,
     N_("Make a resource pool (cpu.shares=high, memory.reservation=4G, expandable=no, ...)")},
    {"pool edit", cli_cmd_pool_edit, 2, 10, "PATH SETTING=VALUE...", NONE, NONE, AUTH,
     N_("Change a pool's settings, name=NAME or parent=PATH")},
    {"pool rm", cli_cmd_pool_rm, 1, 1, "PATH", CLI_OPT_FORCE, NONE, AUTH,
     N_("Remove a pool (--force hands its pools and guests to its parent)")},
    {"tasks", cli_cmd_tasks, 0, 0, "", NONE, NONE, AUTH,
     N_("List the recent tasks, newest first")},
    {"events", cli_cmd_events, 0, 0, "", CLI_OPT_FOLLOW, NONE, AUTH,
     N_("Print the event log; --follow keeps printing new events")},
};
#undef NONE
#undef AUTH
#undef REMOTE
/* clang-format on */

typedef struct {
    CliOptionSet flag;
    const char *long_name;
    GOptionArg arg;
    gsize offset; /* of the value in CliContext */
    const char *arg_help;
    const char *help;
} CliOption;

/* clang-format off */
static const CliOption options[] = {
    {CLI_OPT_NAME, "name", G_OPTION_ARG_STRING, G_STRUCT_OFFSET(CliContext, name), "NAME",
     N_("The guest's name")},
    {CLI_OPT_VCPUS, "vcpus", G_OPTION_ARG_INT, G_STRUCT_OFFSET(CliContext, vcpus), "N",
     N_("Virtual CPUs (default 1)")},
    {CLI_OPT_MEMORY, "memory", G_OPTION_ARG_STRING, G_STRUCT_OFFSET(CliContext, memory), "SIZE",
     N_("Memory, such as 512M or 4G")},
    {CLI_OPT_DISK, "disk", G_OPTION_ARG_STRING_ARRAY, G_STRUCT_OFFSET(CliContext, disks),
     "DATASTORE:SIZE", N_("A new disk on a datastore; may be repeated")},
    {CLI_OPT_CDROM, "cdrom", G_OPTION_ARG_STRING_ARRAY, G_STRUCT_OFFSET(CliContext, cdroms),
     "DATASTORE:PATH", N_("A CD-ROM drive holding an ISO file of a datastore; may be repeated")},
    {CLI_OPT_NETWORK, "network", G_OPTION_ARG_STRING_ARRAY, G_STRUCT_OFFSET(CliContext, networks),
     "NET", N_("A network card on a network; may be repeated")},
    {CLI_OPT_TAG, "tag", G_OPTION_ARG_STRING_ARRAY, G_STRUCT_OFFSET(CliContext, tags), "TAG",
     N_("A tag; may be repeated")},
    {CLI_OPT_FOLDER, "folder", G_OPTION_ARG_STRING, G_STRUCT_OFFSET(CliContext, folder),
     "/FOLDER/PATH", N_("The guest's folder, such as /Production/Web")},
    {CLI_OPT_FORCE, "force", G_OPTION_ARG_NONE, G_STRUCT_OFFSET(CliContext, force), NULL,
     N_("Power the guest off first if it runs")},
    {CLI_OPT_KEEP_DISKS, "keep-disks", G_OPTION_ARG_NONE, G_STRUCT_OFFSET(CliContext, keep_disks),
     NULL, N_("Keep the disks that were made for the guest")},
    {CLI_OPT_ROLE, "role", G_OPTION_ARG_STRING, G_STRUCT_OFFSET(CliContext, role), "ROLE",
     N_("admin, operator, read-only or no-access")},
    {CLI_OPT_ON, "on", G_OPTION_ARG_STRING, G_STRUCT_OFFSET(CliContext, on), "OBJECT",
     N_("A pool path, or a guest's id or name")},
    {CLI_OPT_PROPAGATE, "propagate", G_OPTION_ARG_NONE, G_STRUCT_OFFSET(CliContext, propagate),
     NULL, N_("The role also applies below the object")},
    {CLI_OPT_FOLLOW, "follow", G_OPTION_ARG_NONE, G_STRUCT_OFFSET(CliContext, follow), NULL,
     N_("Keep waiting for new events until Ctrl-C")},
    {CLI_OPT_PASSWORD_FILE, "password-file", G_OPTION_ARG_FILENAME,
     G_STRUCT_OFFSET(CliContext, new_password_file), "FILE",
     N_("Read the new password from the first line of FILE")},
};
/* clang-format on */

/* Whether @argv starts with the words of @words. */
static guint
match_words(const char *words, char **argv, guint argc)
{
    g_auto(GStrv) parts = g_strsplit(words, " ", -1);
    guint n = g_strv_length(parts);

    if (n > argc)
        return 0;
    for (guint i = 0; i < n; i++)
        if (!g_str_equal(parts[i], argv[i]))
            return 0;
    return n;
}

const CliCommand *
cli_command_find(char **argv, guint argc, guint *n_words)
{
    const CliCommand *best = NULL;
    guint best_n = 0;

    for (gsize i = 0; i < G_N_ELEMENTS(commands); i++) {
        guint n = match_words(commands[i].words, argv, argc);

        if (n > best_n) {
            best = &commands[i];
            best_n = n;
        }
    }
    *n_words = best_n;
    return best;
}

gboolean
cli_command_is_group(const char *word)
{
    gsize len = strlen(word);

    for (gsize i = 0; i < G_N_ELEMENTS(commands); i++)
        if (strncmp(commands[i].words, word, len) == 0 && commands[i].words[len] == ' ')
            return TRUE;
    return FALSE;
}

gboolean
cli_command_parse_options(const CliCommand *command, CliContext *ctx, int *argc, char ***argv,
                          GError **error)
{
    g_autofree GOptionEntry *entries = g_new0(GOptionEntry, G_N_ELEMENTS(options) + 2);
    g_autoptr(GOptionContext) context = g_option_context_new(NULL);
    g_autoptr(GError) local = NULL;
    guint n = 0;

    for (gsize i = 0; i < G_N_ELEMENTS(options); i++) {
        if (!(command->options & options[i].flag))
            continue;
        entries[n++] = (GOptionEntry){
            .long_name = options[i].long_name,
            .arg = options[i].arg,
            .arg_data = (char *)ctx + options[i].offset,
            .description = _(options[i].help),
            .arg_description = options[i].arg_help,
        };
    }
    /* "vm list --json" reads as well as "--json vm list". */
    entries[n++] = (GOptionEntry){
        .long_name = "json",
        .arg = G_OPTION_ARG_NONE,
        .arg_data = &ctx->json,
        .description = _("Print the API's JSON"),
    };
    g_option_context_set_help_enabled(context, FALSE);
    g_option_context_add_main_entries(context, entries, NULL);
    if (!g_option_context_parse(context, argc, argv, &local)) {
        g_autofree char *usage = cli_command_usage(command);

        g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "%s (usage: corral-cli %s)", local->message,
                    usage);
        return FALSE;
    }
    for (gsize i = 0; i < G_N_ELEMENTS(options); i++) {
        if ((command->required & options[i].flag) &&
            *(char **)((char *)ctx + options[i].offset) == NULL) {
            g_autofree char *usage = cli_command_usage(command);

            g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                        _("%1$s needs --%2$s (usage: corral-cli %3$s)"), command->words,
                        options[i].long_name, usage);
            return FALSE;
        }
    }
    return TRUE;
}

char *
cli_command_usage(const CliCommand *command)
{
    GString *usage = g_string_new(command->words);

    if (*command->args_help != '\0')
        g_string_append_printf(usage, " %s", command->args_help);
    for (gsize i = 0; i < G_N_ELEMENTS(options); i++) {
        if (!(command->options & options[i].flag))
            continue;
        if (command->required & options[i].flag)
            g_string_append_printf(usage, " --%s %s", options[i].long_name, options[i].arg_help);
        else if (options[i].arg_help != NULL)
            g_string_append_printf(usage, " [--%s %s]", options[i].long_name, options[i].arg_help);
        else
            g_string_append_printf(usage, " [--%s]", options[i].long_name);
    }
    return g_string_free(usage, FALSE);
}

void
cli_commands_print_help(FILE *stream)
{
    fprintf(stream, "%s\n\n",
            _("Usage: corral-cli [--host HOST[:PORT] | --socket PATH] [--user USER] "
              "[--password-file FILE] [--trust THUMBPRINT] [--json] COMMAND …"));
    fprintf(stream, "%s\n", _("Commands:"));
    for (gsize i = 0; i < G_N_ELEMENTS(commands); i++) {
        g_autofree char *usage = cli_command_usage(&commands[i]);

        fprintf(stream, "  %s\n      %s\n", usage, _(commands[i].help));
    }
    fprintf(stream, "\n%s\n",
            _("Options:\n"
              "  --host HOST[:PORT]     the host to manage over HTTPS (port 443 by default)\n"
              "  --socket PATH          corrald's unix socket on this host (root only)\n"
              "  --user USER            the user to log in as (default root)\n"
              "  --password-file FILE   the password of USER for this run; on the socket,\n"
              "                         the new password of passwd and user add\n"
              "  --trust THUMBPRINT     trust an unknown host whose certificate has this\n"
              "                         SHA-256 thumbprint, and remember it\n"
              "  --json                 print the API's JSON instead of tables\n"
              "  --help, --version"));
}

json_object *
cli_answer_array(json_object *answer, const char *name, GError **error)
{
    json_object *array = NULL;

    if (answer == NULL || !json_object_object_get_ex(answer, name, &array) ||
        !json_object_is_type(array, json_type_array)) {
        g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID,
                    "the answer has no “%s” list", name);
        return NULL;
    }
    return array;
}

char *
cli_path_segment(const char *name)
{
    return g_uri_escape_string(name, NULL, FALSE);
}

json_object *
cli_encode_only(const CorralType *type, gconstpointer object, const char *const *keep)
{
    json_object *json = corral_codec_to_json(type, object);
    g_autoptr(GPtrArray) drop = g_ptr_array_new_with_free_func(g_free);

    json_object_object_foreach (json, key, value) {
        (void)value;
        if (!g_strv_contains(keep, key))
            g_ptr_array_add(drop, g_strdup(key));
    }
    for (guint i = 0; i < drop->len; i++)
        json_object_object_del(json, drop->pdata[i]);
    return json;
}
