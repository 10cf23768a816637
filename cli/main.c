/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * corral-cli: the command-line client of the Corral API, for scripts and
 * automation. The options before the command word say where the host is and
 * who logs in; the command and its own options come from the table in
 * commands.c. Errors are one line "corral-cli: what failed" on standard
 * error, with exit status 1, or 2 when the command line is wrong.
 */
#include "config.h"

#include "cli/commands.h"
#include "cli/context.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

/* The options before the command word; those that take a value, so that
 * the value is not taken for the command. */
static const char *const global_with_value[] = {
    "--host", "--socket", "--user", "--password-file", "--trust", NULL,
};

/* Where the command words start: after the options that precede them. */
static int
command_start(int argc, char **argv)
{
    int i = 1;

    while (i < argc) {
        const char *arg = argv[i];

        if (g_str_equal(arg, "--"))
            return i + 1;
        if (arg[0] != '-' || arg[1] == '\0')
            return i;
        if (g_strv_contains(global_with_value, arg))
            i++;
        i++;
    }
    return MIN(i, argc);
}

static gboolean
parse_global(CliContext *ctx, int argc, char **argv, gboolean *help, gboolean *version,
             GError **error)
{
    const GOptionEntry entries[] = {
        {"host", 0, 0, G_OPTION_ARG_STRING, &ctx->host, NULL, NULL},
        {"socket", 0, 0, G_OPTION_ARG_FILENAME, &ctx->socket_path, NULL, NULL},
        {"user", 0, 0, G_OPTION_ARG_STRING, &ctx->user, NULL, NULL},
        {"password-file", 0, 0, G_OPTION_ARG_FILENAME, &ctx->password_file, NULL, NULL},
        {"trust", 0, 0, G_OPTION_ARG_STRING, &ctx->trust, NULL, NULL},
        {"json", 0, 0, G_OPTION_ARG_NONE, &ctx->json, NULL, NULL},
        {"help", 'h', 0, G_OPTION_ARG_NONE, help, NULL, NULL},
        {"version", 0, 0, G_OPTION_ARG_NONE, version, NULL, NULL},
        {NULL},
    };
    g_autoptr(GOptionContext) context = g_option_context_new(NULL);
    g_autoptr(GError) local = NULL;
    /* A copy of the vector, which GOption rearranges; the strings stay
     * argv's. */
    g_autofree char **copy = g_memdup2(argv, sizeof(char *) * ((gsize)argc + 1));

    copy[argc] = NULL;
    argv = copy;
    g_option_context_set_help_enabled(context, FALSE);
    g_option_context_add_main_entries(context, entries, NULL);
    if (!g_option_context_parse(context, &argc, &argv, &local)) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, "%s (see corral-cli --help)",
                    local->message);
        return FALSE;
    }
    if (argc > 1) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                    _("unexpected “%s” before the command (see corral-cli --help)"), argv[1]);
        return FALSE;
    }
    return TRUE;
}

/* Finds the command in @words and parses its options and arguments. */
static const CliCommand *
parse_command(CliContext *ctx, int n_words, char **words, GError **error)
{
    const CliCommand *command;
    g_autofree char *usage = NULL;
    g_autofree char **rest = NULL;
    char **parse;
    int n_rest;
    guint taken = 0;

    command = cli_command_find(words, (guint)n_words, &taken);
    if (command == NULL) {
        if (cli_command_is_group(words[0]))
            g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                        _("“%s” needs a subcommand (see corral-cli --help)"), words[0]);
        else
            g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                        _("unknown command “%s” (see corral-cli --help)"), words[0]);
        return NULL;
    }

    /* GOption wants a program name first; it rearranges the vector it is
     * given, whose strings stay owned by argv. */
    n_rest = n_words - (int)taken + 1;
    rest = g_new0(char *, (gsize)n_rest + 1);
    rest[0] = (char *)"corral-cli";
    memcpy(rest + 1, words + taken, sizeof(char *) * (gsize)(n_rest - 1));
    parse = rest;
    if (!cli_command_parse_options(command, ctx, &n_rest, &parse, error))
        return NULL;
    usage = cli_command_usage(command);
    if ((guint)(n_rest - 1) < command->min_args || (guint)(n_rest - 1) > command->max_args) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE, _("usage: corral-cli %s"), usage);
        return NULL;
    }
    ctx->n_args = (guint)(n_rest - 1);
    ctx->args = g_new0(char *, ctx->n_args + 1);
    for (guint i = 0; i < ctx->n_args; i++)
        ctx->args[i] = parse[i + 1];
    return command;
}

static gboolean
run(CliContext *ctx, int argc, char **argv, GError **error)
{
    gboolean help = FALSE, version = FALSE;
    int start = command_start(argc, argv);
    const CliCommand *command;

    if (!parse_global(ctx, start, argv, &help, &version, error))
        return FALSE;
    if (help) {
        cli_commands_print_help(stdout);
        return TRUE;
    }
    if (version) {
        printf("corral-cli %s\n", PACKAGE_VERSION);
        return TRUE;
    }
    if (start >= argc) {
        cli_commands_print_help(stderr);
        g_set_error_literal(error, CLI_ERROR, CLI_ERROR_USAGE, _("no command given"));
        return FALSE;
    }
    if (g_str_equal(argv[start], "help")) {
        cli_commands_print_help(stdout);
        return TRUE;
    }

    command = parse_command(ctx, argc - start, argv + start, error);
    if (command == NULL)
        return FALSE;
    if ((command->flags & CLI_COMMAND_REMOTE) && ctx->socket_path != NULL) {
        g_set_error(error, CLI_ERROR, CLI_ERROR_USAGE,
                    _("%s is for hosts reached with --host: the unix socket needs no login"),
                    command->words);
        return FALSE;
    }
    if (!cli_context_connect(ctx, error))
        return FALSE;
    if ((command->flags & CLI_COMMAND_AUTH) && !cli_context_authenticate(ctx, error))
        return FALSE;
    return command->handler(ctx, error);
}

int
main(int argc, char **argv)
{
    CliContext ctx = {0};
    g_autoptr(GError) error = NULL;
    int status = 0;

    setlocale(LC_ALL, "");
    bindtextdomain(GETTEXT_PACKAGE, LOCALEDIR);
    bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
    textdomain(GETTEXT_PACKAGE);

    if (!run(&ctx, argc, argv, &error)) {
        fprintf(stderr, "corral-cli: %s\n", error->message);
        status = g_error_matches(error, CLI_ERROR, CLI_ERROR_USAGE) ? 2 : 1;
    }
    fflush(stdout);
    cli_context_clear(&ctx);
    g_free(ctx.args);
    return status;
}
