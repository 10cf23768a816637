/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Tags and folder through virDomainSetMetadata (see vm-labels.h). libvirt
 * replaces the whole element of a namespace at once, so each definition's
 * element is made from that definition's own XML: Corral's other entries
 * there (the guest OS, the volumes it made) stay as they are in each.
 */
#include "hostd/vm-labels.h"

#include "hostd/domain-xml.h"
#include "hostd/hostd-error.h"
#include "hostd/inventory.h"

#include <libvirt/virterror.h>

/* The prefix libvirt gives the element's namespace in the XML. */
#define METADATA_KEY "corral"

/* The definitions a change goes to, in the order it goes: the settings,
 * then the running guest. */
typedef enum { TARGET_CONFIG, TARGET_LIVE, TARGET_LAST } Target;

static const struct {
    unsigned int xml_flags;
    unsigned int affect;
    const char *what; /* for messages */
} targets[TARGET_LAST] = {
    [TARGET_CONFIG] = {VIR_DOMAIN_XML_INACTIVE, VIR_DOMAIN_AFFECT_CONFIG, "the settings of"},
    [TARGET_LIVE] = {0, VIR_DOMAIN_AFFECT_LIVE, "the running"},
};

struct CorraldVmLabelsUndo {
    virDomainPtr domain;         /* a reference */
    char *elements[TARGET_LAST]; /* what was there, where the change went */
};

void
corrald_vm_labels_read(virDomainPtr domain, CorralVm *vm)
{
    static const unsigned int flags[] = {VIR_DOMAIN_AFFECT_CONFIG, VIR_DOMAIN_AFFECT_CURRENT};
    g_autofree char *element = NULL;

    /* A transient guest has no settings: its live definition then. */
    for (gsize i = 0; i < G_N_ELEMENTS(flags) && element == NULL; i++) {
        element =
            virDomainGetMetadata(domain, VIR_DOMAIN_METADATA_ELEMENT, CORRALD_XMLNS_VM, flags[i]);
        if (element == NULL && virGetLastErrorCode() == VIR_ERR_NO_DOMAIN_METADATA)
            break;
    }
    if (element == NULL || !corrald_metadata_xml_labels(element, vm, NULL)) {
        g_clear_pointer(&vm->tags, g_ptr_array_unref);
        g_free(vm->folder);
        vm->tags = g_ptr_array_new_with_free_func(g_free);
        vm->folder = g_strdup("/");
    }
}

void
corrald_vm_labels_undo_free(CorraldVmLabelsUndo *undo)
{
    if (undo == NULL)
        return;
    for (guint i = 0; i < TARGET_LAST; i++)
        g_free(undo->elements[i]);
    virDomainFree(undo->domain);
    g_free(undo);
}

/* Writes @element to @target's definition of @domain. */
static gboolean
write_element(virDomainPtr domain, Target target, const char *element, GError **error)
{
    g_autofree char *what = NULL;

    if (virDomainSetMetadata(domain, VIR_DOMAIN_METADATA_ELEMENT, element, METADATA_KEY,
                             CORRALD_XMLNS_VM, targets[target].affect) == 0)
        return TRUE;
    what = g_strdup_printf("changing the tags and folder of %s vm %s", targets[target].what,
                           virDomainGetName(domain));
    corrald_error_from_libvirt(error, what);
    return FALSE;
}

void
corrald_vm_labels_undo(CorraldVmLabelsUndo *undo)
{
    for (guint i = 0; undo != NULL && i < TARGET_LAST; i++) {
        g_autoptr(GError) error = NULL;

        if (undo->elements[i] != NULL && !write_element(undo->domain, i, undo->elements[i], &error))
            g_warning("putting back: %s", error->message);
    }
    corrald_vm_labels_undo_free(undo);
}

gboolean
corrald_vm_labels_apply(virDomainPtr domain, const CorralVmSpec *patch, CorraldVmLabelsUndo **undo,
                        GError **error)
{
    g_autoptr(CorraldVmLabelsUndo) done = g_new0(CorraldVmLabelsUndo, 1);
    gboolean wanted[TARGET_LAST] = {
        [TARGET_CONFIG] = virDomainIsPersistent(domain) == 1,
        [TARGET_LIVE] = virDomainIsActive(domain) == 1,
    };

    virDomainRef(domain);
    done->domain = domain;
    if (!CORRAL_HAS(patch, CORRAL_VM_SPEC_FIELD_TAGS) &&
        !CORRAL_HAS(patch, CORRAL_VM_SPEC_FIELD_FOLDER)) {
        *undo = g_steal_pointer(&done);
        return TRUE;
    }
    for (guint i = 0; i < TARGET_LAST; i++) {
        g_autofree char *xml = NULL;
        g_autofree char *old = NULL;
        g_autofree char *new = NULL;

        if (!wanted[i])
            continue;
        xml = virDomainGetXMLDesc(domain, targets[i].xml_flags);
        if (xml == NULL) {
            g_autofree char *what =
                g_strdup_printf("reading %s vm %s", targets[i].what, virDomainGetName(domain));

            corrald_error_from_libvirt(error, what);
        }
        if (xml == NULL || (old = corrald_domain_xml_metadata_element(xml, NULL, error)) == NULL ||
            (new = corrald_domain_xml_metadata_element(xml, patch, error)) == NULL ||
            !write_element(domain, i, new, error)) {
            /* What went to one definition comes back from it. */
            corrald_vm_labels_undo(g_steal_pointer(&done));
            return FALSE;
        }
        done->elements[i] = g_steal_pointer(&old);
    }
    *undo = g_steal_pointer(&done);
    return TRUE;
}
