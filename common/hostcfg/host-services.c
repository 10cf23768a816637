/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One table of the host's switchable services: where each keeps its
 * state in host.json and which command of the configuration drives it.
 */
#include "config.h"

#include "common/hostcfg/host-services.h"

#include "common/error.h"
#include "common/hostcfg/host-command.h"
#include "common/hostcfg/service-timer.h"

#include <glib/gi18n-lib.h>
#include <string.h>

typedef struct {
    const char *name;
    gsize on;      /* gboolean in CorralHostServices */
    gsize timeout; /* gint64 minutes in CorralHostServices */
    gsize command; /* char * in CorralConfig */
    const char *start_failed, *stop_failed, *timer_failed;
} Service;

#define SERVICE(name, on, timeout, command)                                                        \
    name, G_STRUCT_OFFSET(CorralHostServices, on), G_STRUCT_OFFSET(CorralHostServices, timeout),   \
        G_STRUCT_OFFSET(CorralConfig, command)

static const Service services[] = {
    {SERVICE("ssh", ssh, ssh_timeout_min, ssh_command), N_("Starting SSH failed"),
     N_("Stopping SSH failed"), N_("SSH was stopped again because its timeout could not be set")},
    {SERVICE("shell", shell, shell_timeout_min, shell_command),
     N_("Starting the local shell failed"), N_("Stopping the local shell failed"),
     N_("The local shell was stopped again because its timeout could not be set")},
};

#undef SERVICE

#define ON(s, sv)      G_STRUCT_MEMBER(gboolean, sv, (s)->on)
#define TIMEOUT(s, sv) G_STRUCT_MEMBER(gint64, sv, (s)->timeout)

static const Service *
find_service(const char *name)
{
    for (gsize i = 0; i < G_N_ELEMENTS(services); i++)
        if (strcmp(services[i].name, name) == 0)
            return &services[i];
    return NULL;
}

static gboolean
run(const CorralConfig *config, const Service *s, const char *action, GError **error)
{
    const char *vars[] = {"action", action, "service", s->name, NULL};

    return corral_host_command_run(G_STRUCT_MEMBER(char *, config, s->command), vars, error);
}

static void
add_failure(GString *failures, const char *what, const GError *error)
{
    if (failures->len > 0)
        g_string_append_c(failures, '\n');
    g_string_append_printf(failures, "%s: %s", _(what), error->message);
}

/* Arms @s's timer from now: the stop command, @minutes from now. */
static gboolean
arm(const CorralConfig *config, const char *state_dir, const Service *s, gint64 minutes,
    const char *guard_program, GError **error)
{
    const char *vars[] = {"action", "stop", "service", s->name, NULL};
    g_auto(GStrv) argv =
        corral_host_command_argv(G_STRUCT_MEMBER(char *, config, s->command), vars, error);

    return argv != NULL &&
           corral_service_timer_arm(state_dir, s->name, (guint)(minutes * 60),
                                    (const char *const *)argv, guard_program, error);
}

/* Brings one service from @previous to @next; FALSE (and @next back to
 * @previous) when that failed. */
static gboolean
apply_one(const CorralConfig *config, const char *state_dir, const Service *s,
          const CorralHostServices *previous, CorralHostServices *next, const char *guard_program,
          GString *failures)
{
    gboolean was = ON(s, previous), on = ON(s, next);
    gint64 minutes = TIMEOUT(s, next);
    g_autoptr(GError) error = NULL;

    if (was == on && (!on || minutes == TIMEOUT(s, previous)))
        return TRUE;
    if (!on) {
        corral_service_timer_cancel(state_dir, s->name);
        if (run(config, s, "stop", &error))
            return TRUE;
        add_failure(failures, s->stop_failed, error);
    } else if (!was && !run(config, s, "start", &error)) {
        add_failure(failures, s->start_failed, error);
    } else if (minutes == 0) {
        corral_service_timer_cancel(state_dir, s->name);
        return TRUE;
    } else if (arm(config, state_dir, s, minutes, guard_program, &error)) {
        return TRUE;
    } else {
        /* Never leave a service on that was meant to turn itself off. */
        run(config, s, "stop", NULL);
        add_failure(failures, s->timer_failed, error);
        ON(s, next) = FALSE;
        TIMEOUT(s, next) = TIMEOUT(s, previous);
        return FALSE;
    }
    ON(s, next) = was;
    TIMEOUT(s, next) = TIMEOUT(s, previous);
    return FALSE;
}

gboolean
corral_host_services_apply(const CorralConfig *config, const char *state_dir,
                           const CorralHostServices *previous, CorralHostServices *next,
                           const char *guard_program, GError **error)
{
    g_autoptr(GString) failures = g_string_new(NULL);

    for (gsize i = 0; i < G_N_ELEMENTS(services); i++)
        apply_one(config, state_dir, &services[i], previous, next, guard_program, failures);
    if (failures->len == 0)
        return TRUE;
    g_set_error_literal(error, CORRAL_ERROR, CORRAL_ERROR_FAILED, failures->str);
    return FALSE;
}

gboolean
corral_host_services_expired(const char *state_dir, const char *service, GError **error)
{
    const Service *s = find_service(service);
    g_autoptr(CorralHostConfig) host = NULL;

    if (s == NULL) {
        g_set_error(error, CORRAL_ERROR, CORRAL_ERROR_INVALID, "unknown service %s", service);
        return FALSE;
    }
    host = corral_host_config_load(state_dir, error);
    if (host == NULL)
        return FALSE;
    ON(s, &host->services) = FALSE;
    corral_host_config_normalize(host);
    return corral_host_config_save(host, state_dir, error);
}
