/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * sd_notify over a datagram socket (see notify.h). An address starting with
 * "@" is in the abstract namespace.
 */
#include "hostd/notify.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

void
corrald_notify(const char *state)
{
    const char *path = g_getenv("NOTIFY_SOCKET");
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    socklen_t len;
    int fd;

    if (path == NULL || path[0] == '\0' || strlen(path) >= sizeof sun.sun_path)
        return;
    memcpy(sun.sun_path, path, strlen(path));
    if (path[0] == '@')
        sun.sun_path[0] = '\0';
    len = (socklen_t)(G_STRUCT_OFFSET(struct sockaddr_un, sun_path) + strlen(path));
    fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return;
    if (sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&sun, len) < 0)
        g_debug("sd_notify %s: %s", state, g_strerror(errno));
    close(fd);
}

static gboolean
ping(gpointer data)
{
    corrald_notify("WATCHDOG=1");
    return G_SOURCE_CONTINUE;
}

void
corrald_notify_start_watchdog(void)
{
    const char *usec = g_getenv("WATCHDOG_USEC");
    guint64 interval = usec != NULL ? g_ascii_strtoull(usec, NULL, 10) : 0;

    if (interval > 0)
        g_timeout_add(MAX(interval / 2000, 100), ping, NULL);
}
