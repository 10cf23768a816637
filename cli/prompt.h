/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * What corral-cli asks the person at the terminal: passwords (without echo)
 * and yes/no questions; and where it reads secrets otherwise, from a file or
 * from standard input. Questions go to standard error, so standard output
 * stays what scripts read. Secrets are wiped when freed: hold them in a
 * g_autoptr(CliSecret).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef char CliSecret;

/* Wipes and frees a secret string; NULL is ignored. */
void cli_secret_free(CliSecret *secret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CliSecret, cli_secret_free)

/* Whether standard input and standard error are a terminal, so questions
 * can be asked. */
gboolean cli_prompt_is_interactive(void);

/* Asks @question on the terminal and reads a line with echo off. */
CliSecret *cli_prompt_secret(const char *question, GError **error);

/* Asks @question, appending " [y/N] "; only "y" or "yes" answer yes. */
gboolean cli_prompt_yes_no(const char *question);

/* The first line of the file at @path, without its line end. */
CliSecret *cli_secret_read_file(const char *path, GError **error);

/* The first line of standard input, without its line end. */
CliSecret *cli_secret_read_stdin(GError **error);

G_END_DECLS
