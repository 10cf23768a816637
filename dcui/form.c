/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Forms. Text is kept as UTF-8 with the cursor counted in characters;
 * secrets are drawn as one '*' per character and wiped when freed.
 */
#include "config.h"

#include "dcui/form.h"

#include "dcui/screen.h"

#include <glib/gi18n.h>
#include <string.h>

static void
field_free(DcuiField *f)
{
    if (f->text != NULL) {
        memset(f->text->str, 0, f->text->allocated_len);
        g_string_free(f->text, TRUE);
    }
    g_free(f->error);
    g_free(f);
}

DcuiForm *
dcui_form_new(gpointer data)
{
    DcuiForm *form = g_new0(DcuiForm, 1);

    form->fields = g_ptr_array_new_with_free_func((GDestroyNotify)field_free);
    form->data = data;
    return form;
}

void
dcui_form_free(DcuiForm *form)
{
    if (form == NULL)
        return;
    g_ptr_array_unref(form->fields);
    g_free(form);
}

static guint
add(DcuiForm *form, DcuiFieldKind kind, const char *label)
{
    DcuiField *f = g_new0(DcuiField, 1);

    f->kind = kind;
    f->label = label;
    g_ptr_array_add(form->fields, f);
    return form->fields->len - 1;
}

DcuiField *
dcui_form_field(DcuiForm *form, guint index)
{
    return form->fields->pdata[index];
}

guint
dcui_form_add_text(DcuiForm *form, const char *label, const char *text, DcuiFieldCheck check)
{
    guint i = add(form, DCUI_FIELD_TEXT, label);
    DcuiField *f = dcui_form_field(form, i);

    f->text = g_string_new(text != NULL ? text : "");
    f->cursor = g_utf8_strlen(f->text->str, -1);
    f->check = check;
    return i;
}

guint
dcui_form_add_secret(DcuiForm *form, const char *label, DcuiFieldCheck check)
{
    guint i = dcui_form_add_text(form, label, "", check);

    dcui_form_field(form, i)->kind = DCUI_FIELD_SECRET;
    return i;
}

guint
dcui_form_add_choice(DcuiForm *form, const char *label, const char *const *choices, guint n_choices,
                     guint choice)
{
    guint i = add(form, DCUI_FIELD_CHOICE, label);
    DcuiField *f = dcui_form_field(form, i);

    f->choices = choices;
    f->n_choices = n_choices;
    f->choice = MIN(choice, n_choices - 1);
    return i;
}

guint
dcui_form_add_check(DcuiForm *form, const char *label, gboolean checked)
{
    guint i = add(form, DCUI_FIELD_CHECK, label);

    dcui_form_field(form, i)->checked = checked;
    return i;
}

const char *
dcui_form_text(DcuiForm *form, guint index)
{
    DcuiField *f = dcui_form_field(form, index);

    return f->text != NULL ? f->text->str : "";
}

void
dcui_form_set_hidden(DcuiForm *form, guint index, gboolean hidden)
{
    dcui_form_field(form, index)->hidden = hidden;
}

void
dcui_form_recheck(DcuiForm *form, guint index)
{
    DcuiField *f = dcui_form_field(form, index);
    g_autoptr(GError) error = NULL;

    g_clear_pointer(&f->error, g_free);
    if (f->check == NULL || f->hidden)
        return;
    if (!f->check(form, index, dcui_form_text(form, index), form->data, &error))
        f->error = g_strdup(error != NULL ? error->message : _("Not valid."));
}

gboolean
dcui_form_validate(DcuiForm *form)
{
    gboolean ok = TRUE;

    for (guint i = 0; i < form->fields->len; i++) {
        dcui_form_recheck(form, i);
        if (dcui_form_field(form, i)->error != NULL && ok) {
            ok = FALSE;
            form->focus = i;
        }
    }
    return ok;
}

static void
move_focus(DcuiForm *form, int step)
{
    guint n = form->fields->len;

    for (guint tries = 0; tries < n; tries++) {
        form->focus = (form->focus + n + step) % n;
        if (!dcui_form_field(form, form->focus)->hidden)
            return;
    }
}

static gboolean
edit(DcuiField *f, const DcuiKey *key)
{
    guint len = g_utf8_strlen(f->text->str, -1);
    char *at = g_utf8_offset_to_pointer(f->text->str, f->cursor);

    switch (key->action) {
    case DCUI_ACTION_LEFT:
        f->cursor = f->cursor > 0 ? f->cursor - 1 : 0;
        return TRUE;
    case DCUI_ACTION_RIGHT:
        f->cursor = MIN(f->cursor + 1, len);
        return TRUE;
    case DCUI_ACTION_HOME:
        f->cursor = 0;
        return TRUE;
    case DCUI_ACTION_END:
        f->cursor = len;
        return TRUE;
    case DCUI_ACTION_ERASE_BACK:
        if (f->cursor > 0) {
            char *prev = g_utf8_prev_char(at);

            g_string_erase(f->text, prev - f->text->str, at - prev);
            f->cursor--;
        }
        return TRUE;
    case DCUI_ACTION_ERASE:
        if (f->cursor < len)
            g_string_erase(f->text, at - f->text->str, g_utf8_next_char(at) - at);
        return TRUE;
    case DCUI_ACTION_CHAR:
        if (len < DCUI_FIELD_MAX_CHARS) {
            g_string_insert_unichar(f->text, at - f->text->str, key->ch);
            f->cursor++;
        }
        return TRUE;
    default:
        return FALSE;
    }
}

guint
dcui_form_key(DcuiForm *form, const DcuiKey *key)
{
    DcuiField *f;

    if (form->fields->len == 0)
        return DCUI_UNHANDLED;
    f = dcui_form_field(form, form->focus);
    switch (key->action) {
    case DCUI_ACTION_UP:
    case DCUI_ACTION_PREVIOUS:
        move_focus(form, -1);
        return DCUI_REDRAW;
    case DCUI_ACTION_DOWN:
    case DCUI_ACTION_NEXT:
        move_focus(form, 1);
        return DCUI_REDRAW;
    default:
        break;
    }
    if (f->kind == DCUI_FIELD_CHOICE) {
        if (key->action == DCUI_ACTION_LEFT)
            f->choice = (f->choice + f->n_choices - 1) % f->n_choices;
        else if (key->action == DCUI_ACTION_RIGHT ||
                 (key->action == DCUI_ACTION_CHAR && key->ch == ' '))
            f->choice = (f->choice + 1) % f->n_choices;
        else
            return DCUI_UNHANDLED;
        return DCUI_REDRAW;
    }
    if (f->kind == DCUI_FIELD_CHECK) {
        if (key->action != DCUI_ACTION_CHAR || key->ch != ' ')
            return DCUI_UNHANDLED;
        f->checked = !f->checked;
        return DCUI_REDRAW;
    }
    if (!edit(f, key))
        return DCUI_UNHANDLED;
    dcui_form_recheck(form, form->focus);
    return DCUI_REDRAW;
}

/* The text as shown: secrets masked, scrolled so the cursor is visible. */
static char *
visible_text(const DcuiField *f, int w, int *cursor_col)
{
    g_autoptr(GString) shown = g_string_new(NULL);
    guint len = g_utf8_strlen(f->text->str, -1);
    guint first = f->cursor >= (guint)w ? f->cursor - w + 1 : 0;
    const char *p = g_utf8_offset_to_pointer(f->text->str, first);

    for (guint i = first; i < len && (int)(i - first) < w; i++, p = g_utf8_next_char(p)) {
        if (f->kind == DCUI_FIELD_SECRET)
            g_string_append_c(shown, '*');
        else
            g_string_append_unichar(shown, g_utf8_get_char(p));
    }
    *cursor_col = (int)(f->cursor - first);
    return g_string_free(g_steal_pointer(&shown), FALSE);
}

int
dcui_form_draw(DcuiForm *form, DcuiRect area)
{
    int label_w = 0, y = area.y;

    for (guint i = 0; i < form->fields->len; i++)
        label_w = MAX(label_w, dcui_paint_width(dcui_form_field(form, i)->label));
    label_w = MIN(label_w + 2, area.w / 2);
    for (guint i = 0; i < form->fields->len && y < area.y + area.h; i++) {
        DcuiField *f = dcui_form_field(form, i);
        gboolean focus = i == form->focus;
        DcuiRole role = focus ? DCUI_ROLE_FIELD_FOCUS : DCUI_ROLE_FIELD;
        int vx = area.x + label_w, vw = area.w - label_w;

        if (f->hidden)
            continue;
        dcui_paint_text(y, area.x, label_w - 1, DCUI_ROLE_LABEL, f->label);
        if (f->kind == DCUI_FIELD_TEXT || f->kind == DCUI_FIELD_SECRET) {
            int cursor_col;
            g_autofree char *shown = visible_text(f, vw - 3, &cursor_col);

            dcui_paint_fill(y, vx, 1, vw - 1, role);
            dcui_paint_text(y, vx + 1, vw - 3, role, shown);
            if (focus) {
                /* A block where the next character goes. */
                attrset(dcui_crt_attr(role) | A_REVERSE);
                mvaddch(y, vx + 1 + cursor_col, ' ');
                if (cursor_col < dcui_paint_width(shown)) {
                    g_autofree char *under = g_utf8_substring(shown, cursor_col, cursor_col + 1);

                    dcui_paint_text(y, vx + 1 + cursor_col, 1, DCUI_ROLE_SELECTED, under);
                }
                attrset(A_NORMAL);
            }
        } else if (f->kind == DCUI_FIELD_CHOICE) {
            int x = vx;

            for (guint c = 0; c < f->n_choices; c++) {
                g_autofree char *item =
                    g_strdup_printf("%s %s ", c == f->choice ? "(o)" : "( )", _(f->choices[c]));

                x += dcui_paint_text(y, x, vx + vw - x, c == f->choice ? role : DCUI_ROLE_DIALOG,
                                     item) +
                     1;
            }
        } else {
            dcui_paint_text(y, vx, vw, role, f->checked ? "[X]" : "[ ]");
        }
        y++;
        if (f->error != NULL)
            y += dcui_paint_wrap(y, vx, vw, 2, DCUI_ROLE_ERROR, f->error);
    }
    return y - area.y;
}

void
dcui_form_draw_dialog(DcuiForm *form, const char *title, const char *intro, const char *hints,
                      const char *message, DcuiRole role)
{
    DcuiRect r;
    int y;

    dcui_paint_backdrop();
    r = dcui_paint_dialog(LINES - 4, MIN(COLS - 4, 90), title, hints);
    y = r.y;
    if (intro != NULL)
        y += dcui_paint_wrap(y, r.x, r.w, 4, DCUI_ROLE_DIALOG, intro) + 1;
    y += dcui_form_draw(form, (DcuiRect){y, r.x, r.y + r.h - y - 2, r.w});
    if (message != NULL)
        dcui_paint_wrap(MAX(y + 1, r.y + r.h - 2), r.x, r.w, 2, role, message);
}
