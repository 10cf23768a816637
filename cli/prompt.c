/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Terminal questions and secret input (see prompt.h). Echo is turned off
 * with termios for the time of one line and turned back on even when the
 * line is cut short by Ctrl-C, through a signal handler that restores the
 * saved settings before dying of the same signal.
 */
#include "cli/prompt.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* The longest secret read, in bytes; the password policy allows 128
 * characters of up to 4 bytes. */
#define MAX_SECRET 1024

static struct termios saved_termios;
static volatile sig_atomic_t echo_off;

void
cli_secret_free(CliSecret *secret)
{
    if (secret == NULL)
        return;
    memset(secret, 0, strlen(secret));
    g_free(secret);
}

gboolean
cli_prompt_is_interactive(void)
{
    return isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
}

static void
restore_echo_and_die(int signum)
{
    if (echo_off)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
    signal(signum, SIG_DFL);
    raise(signum);
}

/* Reads one line of @stream into a new secret, without the line end. */
static CliSecret *
read_line(FILE *stream, const char *what, GError **error)
{
    char buffer[MAX_SECRET + 2];
    CliSecret *secret;
    gsize len;

    if (fgets(buffer, sizeof buffer, stream) == NULL) {
        if (ferror(stream))
            g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "reading %s: %s", what,
                        g_strerror(errno));
        else
            g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s is empty", what);
        memset(buffer, 0, sizeof buffer);
        return NULL;
    }
    len = strlen(buffer);
    if (len > 0 && buffer[len - 1] == '\n')
        buffer[--len] = '\0';
    else if (len > MAX_SECRET) {
        memset(buffer, 0, sizeof buffer);
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "the first line of %s is longer than %d bytes", what, MAX_SECRET);
        return NULL;
    }
    if (len > 0 && buffer[len - 1] == '\r')
        buffer[--len] = '\0';
    secret = g_strndup(buffer, len);
    memset(buffer, 0, sizeof buffer);
    return secret;
}

CliSecret *
cli_prompt_secret(const char *question, GError **error)
{
    struct termios quiet;
    struct sigaction action = {0}, old_int, old_term;
    CliSecret *secret;

    fprintf(stderr, "%s", question);
    fflush(stderr);
    if (tcgetattr(STDIN_FILENO, &saved_termios) < 0) {
        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "reading the terminal's settings: %s", g_strerror(errno));
        return NULL;
    }
    action.sa_handler = restore_echo_and_die;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int);
    sigaction(SIGTERM, &action, &old_term);

    quiet = saved_termios;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    quiet.c_lflag |= ECHONL;
    echo_off = 1;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    secret = read_line(stdin, "the terminal", error);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
    echo_off = 0;

    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    return secret;
}

gboolean
cli_prompt_yes_no(const char *question)
{
    char answer[16] = "";
    g_autofree char *word = NULL;

    fprintf(stderr, "%s [y/N] ", question);
    fflush(stderr);
    if (fgets(answer, sizeof answer, stdin) == NULL)
        return FALSE;
    word = g_ascii_strdown(g_strstrip(answer), -1);
    return g_str_equal(word, "y") || g_str_equal(word, "yes");
}

CliSecret *
cli_secret_read_file(const char *path, GError **error)
{
    FILE *stream = fopen(path, "re");
    CliSecret *secret;

    if (stream == NULL) {
        int saved = errno;

        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(saved), "opening %s: %s", path,
                    g_strerror(saved));
        return NULL;
    }
    /* No stdio buffer that would keep a copy of the secret. */
    setvbuf(stream, NULL, _IONBF, 0);
    secret = read_line(stream, path, error);
    fclose(stream);
    return secret;
}

CliSecret *
cli_secret_read_stdin(GError **error)
{
    return read_line(stdin, "standard input", error);
}
