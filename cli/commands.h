/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * corral-cli's commands as one table: the words that name a command, its
 * handler, how many arguments it takes, the options it accepts, whether it
 * needs a login, and its help line. main.c finds a command in the table,
 * parses its options and arguments by what the table says, and --help lists
 * the table; nothing else knows the command names.
 */
#pragma once

#include "cli/context.h"

#include <stdio.h>

G_BEGIN_DECLS

typedef gboolean (*CliHandler)(CliContext *ctx, GError **error);

/* The options a command may take after its words; see the option table in
 * commands.c. */
typedef enum {
    CLI_OPT_NAME = 1 << 0,
    CLI_OPT_VCPUS = 1 << 1,
    CLI_OPT_MEMORY = 1 << 2,
    CLI_OPT_DISK = 1 << 3,
    CLI_OPT_NETWORK = 1 << 4,
    CLI_OPT_FORCE = 1 << 5,
    CLI_OPT_ROLE = 1 << 6,
    CLI_OPT_ON = 1 << 7,
    CLI_OPT_PROPAGATE = 1 << 8,
    CLI_OPT_FOLLOW = 1 << 9,
    CLI_OPT_PASSWORD_FILE = 1 << 10,
    CLI_OPT_KEEP_DISKS = 1 << 11,
    CLI_OPT_CDROM = 1 << 12,
    CLI_OPT_TAG = 1 << 13,
    CLI_OPT_FOLDER = 1 << 14,
} CliOptionSet;

typedef enum {
    CLI_COMMAND_AUTH = 1 << 0,   /* needs a login (none on the unix socket) */
    CLI_COMMAND_REMOTE = 1 << 1, /* only over HTTPS (--host) */
} CliCommandFlags;

typedef struct {
    const char *words; /* "vm power" */
    CliHandler handler;
    guint min_args;
    guint max_args;
    const char *args_help; /* "ID-or-NAME ACTION", for the usage line */
    CliOptionSet options;
    CliOptionSet required; /* options that must be given: string options only */
    CliCommandFlags flags;
    const char *help; /* one line, N_() */
} CliCommand;

/* The command that the first words of @argv name, and how many words that
 * took; NULL if none does. */
const CliCommand *cli_command_find(char **argv, guint argc, guint *n_words);

/* Whether @word starts some command ("vm"), for a better message. */
gboolean cli_command_is_group(const char *word);

/* Parses the options that @command takes (and --json) out of @argv, leaving
 * its arguments; an unknown option is a CLI_ERROR_USAGE. */
gboolean cli_command_parse_options(const CliCommand *command, CliContext *ctx, int *argc,
                                   char ***argv, GError **error);

/* "vm power ID-or-NAME ACTION" and its options, for messages. */
char *cli_command_usage(const CliCommand *command);

/* The usage of corral-cli and the table of commands. */
void cli_commands_print_help(FILE *stream);

/* The handlers, in commands-*.c. */
gboolean cli_cmd_login(CliContext *ctx, GError **error);
gboolean cli_cmd_logout(CliContext *ctx, GError **error);
gboolean cli_cmd_host_show(CliContext *ctx, GError **error);
gboolean cli_cmd_tasks(CliContext *ctx, GError **error);
gboolean cli_cmd_events(CliContext *ctx, GError **error);
gboolean cli_cmd_vm_list(CliContext *ctx, GError **error);
gboolean cli_cmd_vm_show(CliContext *ctx, GError **error);
gboolean cli_cmd_vm_create(CliContext *ctx, GError **error);
gboolean cli_cmd_vm_tag(CliContext *ctx, GError **error);
gboolean cli_cmd_vm_folder(CliContext *ctx, GError **error);
gboolean cli_cmd_vm_power(CliContext *ctx, GError **error);
gboolean cli_cmd_vm_cdrom(CliContext *ctx, GError **error);
gboolean cli_cmd_datastore_list(CliContext *ctx, GError **error);
gboolean cli_cmd_datastore_add(CliContext *ctx, GError **error);
gboolean cli_cmd_datastore_rm(CliContext *ctx, GError **error);
gboolean cli_cmd_datastore_ls(CliContext *ctx, GError **error);
gboolean cli_cmd_datastore_mkdir(CliContext *ctx, GError **error);
gboolean cli_cmd_datastore_put(CliContext *ctx, GError **error);
gboolean cli_cmd_datastore_get(CliContext *ctx, GError **error);
gboolean cli_cmd_vm_delete(CliContext *ctx, GError **error);
gboolean cli_cmd_user_list(CliContext *ctx, GError **error);
gboolean cli_cmd_user_add(CliContext *ctx, GError **error);
gboolean cli_cmd_user_passwd(CliContext *ctx, GError **error);
gboolean cli_cmd_user_role(CliContext *ctx, GError **error);
gboolean cli_cmd_user_rm(CliContext *ctx, GError **error);
gboolean cli_cmd_pool_list(CliContext *ctx, GError **error);
gboolean cli_cmd_pool_create(CliContext *ctx, GError **error);
gboolean cli_cmd_pool_edit(CliContext *ctx, GError **error);
gboolean cli_cmd_pool_rm(CliContext *ctx, GError **error);
gboolean cli_cmd_vm_move(CliContext *ctx, GError **error);
gboolean cli_cmd_vm_resources(CliContext *ctx, GError **error);

/* Helpers the handlers share. */

/* The array member @name of a list answer ({"vms": [...]}). */
json_object *cli_answer_array(json_object *answer, const char *name, GError **error);

/* @name escaped for a path segment. */
char *cli_path_segment(const char *name);

/* Encodes @object with the codec, keeping only the members named in @keep:
 * PATCH bodies carry just what changes. */
json_object *cli_encode_only(const CorralType *type, gconstpointer object, const char *const *keep);

G_END_DECLS
