/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * corrald's errors and their mapping to HTTP (see hostd-error.h).
 */
#include "hostd/hostd-error.h"

#include "common/error.h"
#include "protocol/protocol-error.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

/* clang-format off */
G_DEFINE_QUARK(corrald-error-quark, corrald_error)
/* clang-format on */

static const struct {
    guint status;
    const char *code;
} hostd_codes[] = {
#define CORRALD_ERROR_ROW(c, s, n) [CORRALD_ERROR_##c] = {s, n},
    CORRALD_ERROR_CODES(CORRALD_ERROR_ROW)
#undef CORRALD_ERROR_ROW
};

/* Errors of the shared libraries, by the corrald code they answer as. */
static CorraldErrorCode
foreign_code(const GError *error)
{
    if (error->domain == CORRAL_PROTOCOL_ERROR)
        return error->code == CORRAL_PROTOCOL_ERROR_INVALID ? CORRALD_ERROR_BAD_REQUEST
                                                            : CORRALD_ERROR_FAILED;
    if (error->domain == CORRAL_ERROR) {
        static const CorraldErrorCode map[CORRAL_ERROR_LAST] = {
            [CORRAL_ERROR_INVALID] = CORRALD_ERROR_INVALID,
            [CORRAL_ERROR_NOT_FOUND] = CORRALD_ERROR_NOT_FOUND,
            [CORRAL_ERROR_EXISTS] = CORRALD_ERROR_EXISTS,
            [CORRAL_ERROR_PERMISSION] = CORRALD_ERROR_FORBIDDEN,
        };
        if (error->code >= 0 && error->code < CORRAL_ERROR_LAST)
            return map[error->code];
    }
    return CORRALD_ERROR_FAILED;
}

json_object *
corrald_error_reply(const GError *error, guint *status)
{
    CorraldErrorCode code = CORRALD_ERROR_FAILED;
    json_object *body = json_object_new_object();
    json_object *inner = json_object_new_object();

    if (error->domain == CORRALD_ERROR && error->code >= 0 && error->code < CORRALD_ERROR_LAST)
        code = error->code;
    else
        code = foreign_code(error);

    *status = hostd_codes[code].status;
    json_object_object_add(inner, "code", json_object_new_string(hostd_codes[code].code));
    json_object_object_add(inner, "message", json_object_new_string(error->message));
    json_object_object_add(body, "error", inner);
    return body;
}

/* libvirt's error numbers that mean something a client can act on. */
static CorraldErrorCode
libvirt_code(int number)
{
    static const struct {
        int number;
        CorraldErrorCode code;
    } map[] = {
        {VIR_ERR_NO_DOMAIN, CORRALD_ERROR_VM_NOT_FOUND},
        {VIR_ERR_NO_DOMAIN_SNAPSHOT, CORRALD_ERROR_SNAPSHOT_NOT_FOUND},
        {VIR_ERR_NO_STORAGE_POOL, CORRALD_ERROR_DATASTORE_NOT_FOUND},
        {VIR_ERR_OPERATION_INVALID, CORRALD_ERROR_INVALID_STATE},
        {VIR_ERR_OPERATION_UNSUPPORTED, CORRALD_ERROR_INVALID_STATE},
        {VIR_ERR_NO_SUPPORT, CORRALD_ERROR_INVALID_STATE},
        {VIR_ERR_INVALID_ARG, CORRALD_ERROR_INVALID},
        {VIR_ERR_XML_ERROR, CORRALD_ERROR_INVALID},
        {VIR_ERR_CONFIG_UNSUPPORTED, CORRALD_ERROR_INVALID},
        {VIR_ERR_OPERATION_FAILED, CORRALD_ERROR_CONFLICT},
        {VIR_ERR_NO_CONNECT, CORRALD_ERROR_UNAVAILABLE},
        {VIR_ERR_SYSTEM_ERROR, CORRALD_ERROR_FAILED},
    };

    for (gsize i = 0; i < G_N_ELEMENTS(map); i++)
        if (map[i].number == number)
            return map[i].code;
    return CORRALD_ERROR_FAILED;
}

void
corrald_error_from_libvirt(GError **error, const char *what)
{
    virErrorPtr err = virGetLastError();

    if (err == NULL) {
        g_set_error(error, CORRALD_ERROR, CORRALD_ERROR_FAILED, "%s: libvirt failed", what);
        return;
    }
    g_set_error(error, CORRALD_ERROR, libvirt_code(err->code), "%s: %s", what,
                err->message != NULL ? err->message : "libvirt failed");
}
