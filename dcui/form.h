/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A form: labelled fields (text, secret, a choice among values, a check
 * box) with one focus, edited by actions from the key table. Every text
 * field is checked as it is typed; its error shows under it at once. The
 * screen that owns a form decides what Enter and Esc do.
 */
#pragma once

#include <glib.h>

#include "dcui/keys.h"
#include "dcui/paint.h"

G_BEGIN_DECLS

typedef enum {
    DCUI_FIELD_TEXT,
    DCUI_FIELD_SECRET,
    DCUI_FIELD_CHOICE,
    DCUI_FIELD_CHECK,
} DcuiFieldKind;

typedef struct DcuiForm DcuiForm;

/* Checks the text of field @index as typed; sets an error to refuse it. */
typedef gboolean (*DcuiFieldCheck)(DcuiForm *form, guint index, const char *text, gpointer data,
                                   GError **error);

typedef struct {
    DcuiFieldKind kind;
    const char *label;          /* translated */
    GString *text;              /* text and secret fields */
    guint cursor;               /* in characters */
    const char *const *choices; /* untranslated (N_()), translated when drawn */
    guint n_choices;
    guint choice;
    gboolean checked;
    gboolean hidden;
    DcuiFieldCheck check;
    char *error;
} DcuiField;

struct DcuiForm {
    GPtrArray *fields; /* DcuiField * */
    guint focus;
    gpointer data; /* for the checks */
};

#define DCUI_FIELD_MAX_CHARS 512

DcuiForm *dcui_form_new(gpointer data);
void dcui_form_free(DcuiForm *form);

guint dcui_form_add_text(DcuiForm *form, const char *label, const char *text, DcuiFieldCheck check);
guint dcui_form_add_secret(DcuiForm *form, const char *label, DcuiFieldCheck check);
guint dcui_form_add_choice(DcuiForm *form, const char *label, const char *const *choices,
                           guint n_choices, guint choice);
guint dcui_form_add_check(DcuiForm *form, const char *label, gboolean checked);

DcuiField *dcui_form_field(DcuiForm *form, guint index);
const char *dcui_form_text(DcuiForm *form, guint index);
void dcui_form_set_hidden(DcuiForm *form, guint index, gboolean hidden);

/* Runs every visible field's check; focuses the first refused one. */
gboolean dcui_form_validate(DcuiForm *form);

/* Re-checks field @index (after another field it depends on changed). */
void dcui_form_recheck(DcuiForm *form, guint index);

/* Handles movement, editing and choices; DCUI_UNHANDLED for the rest. */
guint dcui_form_key(DcuiForm *form, const DcuiKey *key);

/* Draws the fields in @area; returns the lines used. */
int dcui_form_draw(DcuiForm *form, DcuiRect area);

/* The usual form screen: backdrop, a dialog titled @title with @hints,
 * @intro wrapped above the fields, and @message (when not NULL) in @role
 * under them. */
void dcui_form_draw_dialog(DcuiForm *form, const char *title, const char *intro, const char *hints,
                           const char *message, DcuiRole role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(DcuiForm, dcui_form_free)

G_END_DECLS
