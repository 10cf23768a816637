/* SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The generic encoder, decoder and free of the API's objects. Each walks an
 * object's field table; nothing here knows any particular object. The
 * decoder builds the path of the field it is in ("vm.disks[1].bus") as it
 * descends, so that every refusal names the field it refuses.
 */
#include "protocol/codec.h"

#include <arpa/inet.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#define NAME_MAX_BYTES  255
#define PATH_MAX_BYTES  4096
#define QUOTE_MAX_BYTES 64

typedef struct {
    CorralDecodeFlags flags;
    GString *path;
} Decoder;

static gboolean decode_object(Decoder *decoder, const CorralType *type, json_object *json,
                              gpointer object, GError **error);

static gpointer
field_slot(gconstpointer object, const CorralField *field)
{
    return (guint8 *)object + field->offset;
}

static guint64 *
present_bits(gconstpointer object)
{
    /* CORRAL_DEFINE_OBJECT asserts that `present` opens every struct. */
    return (guint64 *)object;
}

static gboolean
kind_is_string(CorralFieldKind kind)
{
    switch (kind) {
    case CORRAL_KIND_STRING:
    case CORRAL_KIND_NAME:
    case CORRAL_KIND_PATH:
    case CORRAL_KIND_UUID:
    case CORRAL_KIND_ADDRESS:
    case CORRAL_KIND_MAC:
    case CORRAL_KIND_TAG:
    case CORRAL_KIND_FOLDER:
        return TRUE;
    default:
        return FALSE;
    }
}

/* A value from the document, made safe to show in a message. */
static char *
quote(const char *text)
{
    g_autofree char *escaped = g_strescape(text, NULL);

    if (strlen(escaped) > QUOTE_MAX_BYTES)
        return g_strdup_printf("\"%.*s\"…", QUOTE_MAX_BYTES, escaped);
    return g_strdup_printf("\"%s\"", escaped);
}

static const char *
json_type_phrase(json_object *json)
{
    switch (json_object_get_type(json)) {
    case json_type_null:
        return "null";
    case json_type_boolean:
        return "a boolean";
    case json_type_double:
        return "a real number";
    case json_type_int:
        return "an integer";
    case json_type_object:
        return "an object";
    case json_type_array:
        return "an array";
    case json_type_string:
        return "a string";
    }
    return "something else";
}

static void set_invalid(GError **error, const char *format, ...) G_GNUC_PRINTF(2, 3);

static void
set_invalid(GError **error, const char *format, ...)
{
    va_list args;
    g_autofree char *message = NULL;

    va_start(args, format);
    message = g_strdup_vprintf(format, args);
    va_end(args);
    g_set_error_literal(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID, message);
}

/* Refuses the field the decoder is in: "path: message". */
static gboolean refuse(Decoder *decoder, GError **error, const char *format, ...)
    G_GNUC_PRINTF(3, 4);

static gboolean
refuse(Decoder *decoder, GError **error, const char *format, ...)
{
    va_list args;
    g_autofree char *message = NULL;

    va_start(args, format);
    message = g_strdup_vprintf(format, args);
    va_end(args);
    g_set_error(error, CORRAL_PROTOCOL_ERROR, CORRAL_PROTOCOL_ERROR_INVALID, "%s: %s",
                decoder->path->str, message);
    return FALSE;
}

static gboolean
refuse_type(Decoder *decoder, const char *expected, json_object *json, GError **error)
{
    return refuse(decoder, error, "expected %s, got %s", expected, json_type_phrase(json));
}

/* Enums */

const char *
corral_enum_to_string(const CorralEnum *enumeration, int value)
{
    if (value < 0 || (guint)value >= enumeration->n_values)
        return NULL;
    return enumeration->names[value];
}

gboolean
corral_enum_from_string(const CorralEnum *enumeration, const char *text, int *value)
{
    for (guint i = 0; i < enumeration->n_values; i++) {
        if (g_strcmp0(enumeration->names[i], text) == 0) {
            *value = (int)i;
            return TRUE;
        }
    }
    return FALSE;
}

/* "a, b or c", for messages. */
static char *
enum_choices(const CorralEnum *enumeration)
{
    GString *choices = g_string_new(NULL);

    for (guint i = 0; i < enumeration->n_values; i++) {
        if (i > 0)
            g_string_append(choices, i + 1 == enumeration->n_values ? " or " : ", ");
        g_string_append(choices, enumeration->names[i]);
    }
    return g_string_free(choices, FALSE);
}

/* The checks of string kinds. Messages carry no path; the decoder adds it. */

gboolean
corral_name_validate(const char *name, GError **error)
{
    gsize len = strlen(name);

    if (len == 0) {
        set_invalid(error, "is empty");
        return FALSE;
    }
    if (len > NAME_MAX_BYTES) {
        set_invalid(error, "is longer than %d bytes", NAME_MAX_BYTES);
        return FALSE;
    }
    if (!g_utf8_validate_len(name, len, NULL)) {
        set_invalid(error, "is not valid UTF-8");
        return FALSE;
    }
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        set_invalid(error, "\"%s\" is not a name", name);
        return FALSE;
    }
    for (const char *c = name; *c != '\0'; c++) {
        guchar byte = (guchar)*c;

        if (byte == '/') {
            set_invalid(error, "contains \"/\"");
            return FALSE;
        }
        if (byte < 0x20 || byte == 0x7f) {
            set_invalid(error, "contains a control character (0x%02x)", byte);
            return FALSE;
        }
    }
    return TRUE;
}

gboolean
corral_path_validate(const char *path, GError **error)
{
    g_auto(GStrv) components = NULL;

    if (path[0] != '/') {
        set_invalid(error, "must start with \"/\"");
        return FALSE;
    }
    if (strlen(path) > PATH_MAX_BYTES) {
        set_invalid(error, "is longer than %d bytes", PATH_MAX_BYTES);
        return FALSE;
    }
    if (strcmp(path, "/") == 0)
        return TRUE;
    components = g_strsplit(path + 1, "/", -1);
    for (guint i = 0; components[i] != NULL; i++) {
        if (!corral_name_validate(components[i], error)) {
            g_prefix_error(error, "component %u ", i + 1);
            return FALSE;
        }
    }
    return TRUE;
}

/* A tag, or one label of a folder path: 1–64 characters, no control
 * characters, no space at either end; tags also no "," (lists of tags are
 * written with commas). */
static gboolean
label_validate(const char *text, gboolean is_tag, GError **error)
{
    glong chars = g_utf8_strlen(text, -1);

    if (chars == 0) {
        set_invalid(error, "is empty");
        return FALSE;
    }
    if (chars > CORRAL_TAG_MAX_CHARS) {
        set_invalid(error, "is longer than %d characters", CORRAL_TAG_MAX_CHARS);
        return FALSE;
    }
    for (const char *c = text; *c != '\0'; c = g_utf8_next_char(c)) {
        gunichar ch = g_utf8_get_char(c);

        if (g_unichar_iscntrl(ch)) {
            set_invalid(error, "contains a control character (0x%02x)", ch);
            return FALSE;
        }
        if (is_tag && ch == ',') {
            set_invalid(error, "contains \",\" (tags are listed with commas)");
            return FALSE;
        }
    }
    if (g_unichar_isspace(g_utf8_get_char(text)) ||
        g_unichar_isspace(g_utf8_get_char(g_utf8_prev_char(text + strlen(text))))) {
        set_invalid(error, "begins or ends with a space");
        return FALSE;
    }
    return TRUE;
}

gboolean
corral_tag_validate(const char *tag, GError **error)
{
    if (!g_utf8_validate(tag, -1, NULL)) {
        set_invalid(error, "is not valid UTF-8");
        return FALSE;
    }
    return label_validate(tag, TRUE, error);
}

gboolean
corral_folder_validate(const char *folder, GError **error)
{
    g_auto(GStrv) labels = NULL;

    if (!g_utf8_validate(folder, -1, NULL)) {
        set_invalid(error, "is not valid UTF-8");
        return FALSE;
    }
    /* "" and "/" are both the top. */
    if (folder[0] == '\0' || strcmp(folder, "/") == 0)
        return TRUE;
    if (folder[0] != '/') {
        set_invalid(error, "must start with \"/\"");
        return FALSE;
    }
    labels = g_strsplit(folder + 1, "/", -1);
    if (g_strv_length(labels) > CORRAL_FOLDER_MAX_DEPTH) {
        set_invalid(error, "is more than %d folders deep", CORRAL_FOLDER_MAX_DEPTH);
        return FALSE;
    }
    for (guint i = 0; labels[i] != NULL; i++) {
        if (strcmp(labels[i], ".") == 0 || strcmp(labels[i], "..") == 0) {
            set_invalid(error, "component %u \"%s\" is not a name", i + 1, labels[i]);
            return FALSE;
        }
        if (!label_validate(labels[i], FALSE, error)) {
            g_prefix_error(error, "component %u ", i + 1);
            return FALSE;
        }
    }
    return TRUE;
}

static gboolean
uuid_validate(const char *text, GError **error)
{
    g_autofree char *quoted = NULL;

    if (g_uuid_string_is_valid(text))
        return TRUE;
    quoted = quote(text);
    set_invalid(error, "%s is not a UUID", quoted);
    return FALSE;
}

static gboolean
address_validate(const char *text, int family, GError **error)
{
    guint8 buffer[16];
    g_autofree char *quoted = NULL;

    if ((family != AF_INET6 && inet_pton(AF_INET, text, buffer) == 1) ||
        (family != AF_INET && inet_pton(AF_INET6, text, buffer) == 1))
        return TRUE;
    quoted = quote(text);
    set_invalid(error, "%s is not an %s address", quoted,
                family == AF_INET    ? "IPv4"
                : family == AF_INET6 ? "IPv6"
                                     : "IP");
    return FALSE;
}

static gboolean
mac_validate(const char *text, GError **error)
{
    g_autofree char *quoted = NULL;
    gboolean valid = strlen(text) == 17;

    for (guint i = 0; valid && i < 17; i++)
        valid = i % 3 == 2 ? text[i] == ':' : g_ascii_isxdigit(text[i]);
    if (valid)
        return TRUE;
    quoted = quote(text);
    set_invalid(error, "%s is not a MAC address", quoted);
    return FALSE;
}

static gboolean
string_validate(const CorralField *field, const char *text, GError **error)
{
    switch (field->kind) {
    case CORRAL_KIND_NAME:
        return corral_name_validate(text, error);
    case CORRAL_KIND_PATH:
        return corral_path_validate(text, error);
    case CORRAL_KIND_UUID:
        return uuid_validate(text, error);
    case CORRAL_KIND_ADDRESS:
        return address_validate(text, field->family, error);
    case CORRAL_KIND_MAC:
        return mac_validate(text, error);
    case CORRAL_KIND_TAG:
        return label_validate(text, TRUE, error);
    case CORRAL_KIND_FOLDER:
        return corral_folder_validate(text, error);
    default:
        return TRUE;
    }
}

/* Decoding */

static gboolean
decode_string(Decoder *decoder, const CorralField *field, json_object *json, char **slot,
              GError **error)
{
    const char *text;
    gsize len;
    GError *local_error = NULL;

    if (!json_object_is_type(json, json_type_string))
        return refuse_type(decoder, "a string", json, error);
    text = json_object_get_string(json);
    len = (gsize)json_object_get_string_len(json);
    if (strlen(text) != len)
        return refuse(decoder, error, "contains a NUL character");
    if (!g_utf8_validate_len(text, len, NULL))
        return refuse(decoder, error, "is not valid UTF-8");
    if (!string_validate(field, text, &local_error)) {
        g_prefix_error(&local_error, "%s: ", decoder->path->str);
        g_propagate_error(error, local_error);
        return FALSE;
    }
    *slot = g_strndup(text, len);
    return TRUE;
}

static gboolean
decode_int(Decoder *decoder, const CorralField *field, json_object *json, gint64 *slot,
           GError **error)
{
    gint64 value;

    if (!json_object_is_type(json, json_type_int))
        return refuse_type(decoder, "an integer", json, error);
    /* json-c clamps what does not fit to the ends of the range; a value at
     * either end is only genuine when it is INT64_MAX spelled exactly. */
    value = json_object_get_int64(json);
    if ((value == G_MAXINT64 && json_object_get_uint64(json) != (guint64)G_MAXINT64) ||
        value == G_MININT64)
        return refuse(decoder, error, "%s does not fit in 64 bits",
                      json_object_to_json_string(json));
    if (value < field->min || value > field->max)
        return refuse(decoder, error,
                      "%" G_GINT64_FORMAT " is out of range %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT,
                      value, field->min, field->max);
    *slot = value;
    return TRUE;
}

static gboolean
decode_double(Decoder *decoder, const CorralField *field, json_object *json, double *slot,
              GError **error)
{
    double value;

    if (!json_object_is_type(json, json_type_double) && !json_object_is_type(json, json_type_int))
        return refuse_type(decoder, "a number", json, error);
    value = json_object_get_double(json);
    if (!isfinite(value))
        return refuse(decoder, error, "%s is not a finite number",
                      json_object_to_json_string(json));
    if (value < field->dmin || value > field->dmax)
        return refuse(decoder, error, "%g is out of range %g–%g", value, field->dmin, field->dmax);
    *slot = value;
    return TRUE;
}

static gboolean
decode_enum(Decoder *decoder, const CorralField *field, json_object *json, int *slot,
            GError **error)
{
    g_autofree char *quoted = NULL;
    g_autofree char *choices = NULL;

    if (!json_object_is_type(json, json_type_string))
        return refuse_type(decoder, "a string", json, error);
    if (corral_enum_from_string(field->enumeration, json_object_get_string(json), slot))
        return TRUE;
    quoted = quote(json_object_get_string(json));
    choices = enum_choices(field->enumeration);
    return refuse(decoder, error, "unknown value %s (expected %s)", quoted, choices);
}

static GDestroyNotify
element_free_func(const CorralField *element)
{
    return element->kind == CORRAL_KIND_OBJECT ? element->type->free : g_free;
}

static gboolean decode_value(Decoder *decoder, const CorralField *field, json_object *json,
                             gpointer slot, GError **error);

/* Whether string element @i of @array differs from those before it. */
static gboolean
is_unique(GPtrArray *array, Decoder *decoder, gsize i, GError **error)
{
    gsize mark = decoder->path->len;
    g_autofree char *quoted = NULL;

    for (gsize k = 0; k < i; k++) {
        if (strcmp(array->pdata[k], array->pdata[i]) != 0)
            continue;
        quoted = quote(array->pdata[i]);
        g_string_append_printf(decoder->path, "[%" G_GSIZE_FORMAT "]", i);
        refuse(decoder, error, "%s is already in the list (at %" G_GSIZE_FORMAT ")", quoted, k);
        g_string_truncate(decoder->path, mark);
        return FALSE;
    }
    return TRUE;
}

static gboolean
decode_array(Decoder *decoder, const CorralField *field, json_object *json, GPtrArray **slot,
             GError **error)
{
    const CorralField *element = field->element;
    gsize mark = decoder->path->len;
    gsize n;

    if (!json_object_is_type(json, json_type_array))
        return refuse_type(decoder, "an array", json, error);
    n = json_object_array_length(json);
    if (field->max > 0 && n > (gsize)field->max)
        return refuse(decoder, error,
                      "has %" G_GSIZE_FORMAT " elements, at most %" G_GINT64_FORMAT " are allowed",
                      n, field->max);
    /* The array is in place before its elements are decoded, so a refusal
     * halfway leaves an object that corral_codec_free() can take apart. */
    *slot = g_ptr_array_new_full((guint)n, element_free_func(element));
    for (gsize i = 0; i < n; i++) {
        gpointer value = NULL;
        gboolean ok;

        if (element->kind == CORRAL_KIND_OBJECT) {
            value = g_malloc0(element->type->size);
            g_ptr_array_add(*slot, value);
        }
        g_string_append_printf(decoder->path, "[%" G_GSIZE_FORMAT "]", i);
        ok = decode_value(decoder, element, json_object_array_get_idx(json, i),
                          element->kind == CORRAL_KIND_OBJECT ? value : (gpointer)&value, error);
        g_string_truncate(decoder->path, mark);
        if (!ok)
            return FALSE;
        if (element->kind != CORRAL_KIND_OBJECT)
            g_ptr_array_add(*slot, value);
        if ((field->flags & CORRAL_FIELD_UNIQUE) && !is_unique(*slot, decoder, i, error))
            return FALSE;
    }
    return TRUE;
}

static gboolean
decode_value(Decoder *decoder, const CorralField *field, json_object *json, gpointer slot,
             GError **error)
{
    switch (field->kind) {
    case CORRAL_KIND_STRING:
    case CORRAL_KIND_NAME:
    case CORRAL_KIND_PATH:
    case CORRAL_KIND_UUID:
    case CORRAL_KIND_ADDRESS:
    case CORRAL_KIND_MAC:
    case CORRAL_KIND_TAG:
    case CORRAL_KIND_FOLDER:
        return decode_string(decoder, field, json, slot, error);
    case CORRAL_KIND_INT:
        return decode_int(decoder, field, json, slot, error);
    case CORRAL_KIND_DOUBLE:
        return decode_double(decoder, field, json, slot, error);
    case CORRAL_KIND_BOOL:
        if (!json_object_is_type(json, json_type_boolean))
            return refuse_type(decoder, "a boolean", json, error);
        *(gboolean *)slot = json_object_get_boolean(json);
        return TRUE;
    case CORRAL_KIND_ENUM:
        return decode_enum(decoder, field, json, slot, error);
    case CORRAL_KIND_OBJECT:
        return decode_object(decoder, field->type, json, slot, error);
    case CORRAL_KIND_ARRAY:
        return decode_array(decoder, field, json, slot, error);
    }
    g_assert_not_reached();
}

static const CorralField *
find_field(const CorralType *type, const char *name)
{
    for (guint i = 0; i < type->n_fields; i++) {
        if (strcmp(type->fields[i].name, name) == 0)
            return &type->fields[i];
    }
    return NULL;
}

static gboolean
decode_object(Decoder *decoder, const CorralType *type, json_object *json, gpointer object,
              GError **error)
{
    gsize mark = decoder->path->len;

    if (!json_object_is_type(json, json_type_object))
        return refuse_type(decoder, "an object", json, error);

    if (decoder->flags & CORRAL_DECODE_STRICT) {
        json_object_object_foreach (json, key, unused) {
            g_autofree char *escaped = NULL;

            if (find_field(type, key) != NULL)
                continue;
            escaped = g_strescape(key, NULL);
            g_string_append_printf(decoder->path, ".%.*s", QUOTE_MAX_BYTES, escaped);
            return refuse(decoder, error, "unknown field");
        }
    }

    for (guint i = 0; i < type->n_fields; i++) {
        const CorralField *field = &type->fields[i];
        gpointer slot = field_slot(object, field);
        json_object *member = NULL;
        gboolean found = json_object_object_get_ex(json, field->name, &member);
        gboolean ok;

        /* A null optional field is as good as an absent one; a null
         * required field is refused below as the wrong type. */
        if (!found || (member == NULL && !(field->flags & CORRAL_FIELD_REQUIRED))) {
            if (field->kind == CORRAL_KIND_INT)
                *(gint64 *)slot = field->fallback;
            if (!(field->flags & CORRAL_FIELD_REQUIRED) || (decoder->flags & CORRAL_DECODE_PARTIAL))
                continue;
        }
        /* Not printf: this runs for every field of every object. */
        g_string_append_c(decoder->path, '.');
        g_string_append(decoder->path, field->name);
        ok = found ? decode_value(decoder, field, member, slot, error)
                   : refuse(decoder, error, "missing");
        g_string_truncate(decoder->path, mark);
        if (!ok)
            return FALSE;
        *present_bits(object) |= G_GUINT64_CONSTANT(1) << i;
    }

    if (type->check != NULL && !(decoder->flags & CORRAL_DECODE_PARTIAL))
        return type->check(object, decoder->path->str, error);
    return TRUE;
}

gpointer
corral_codec_from_json(const CorralType *type, json_object *json, CorralDecodeFlags flags,
                       GError **error)
{
    Decoder decoder = {flags, NULL};
    gpointer object = g_malloc0(type->size);
    gboolean ok;

    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    decoder.path = g_string_new(type->name);
    ok = decode_object(&decoder, type, json, object, error);
    g_string_free(decoder.path, TRUE);
    if (!ok) {
        corral_codec_free(type, object);
        return NULL;
    }
    return object;
}

/* Documents */

static struct json_tokener *
tokener_new(void)
{
    struct json_tokener *tokener = json_tokener_new_ex(CORRAL_JSON_MAX_DEPTH);

    json_tokener_set_flags(tokener, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    return tokener;
}

/* Runs the tokener over all of text; a NUL byte after it ends a document
 * that could still go on, such as a bare number. */
static json_object *
tokener_run(struct json_tokener *tokener, const char *text, gsize len)
{
    json_object *json = json_tokener_parse_ex(tokener, text, (int)len);

    if (json == NULL && json_tokener_get_error(tokener) == json_tokener_continue)
        json = json_tokener_parse_ex(tokener, "", 1);
    return json;
}

/* Whether text is one complete document, to tell trailing garbage (which
 * json-c's strict mode reports as an unexpected character) from the rest. */
static gboolean
is_complete_document(const char *text, gsize len)
{
    struct json_tokener *tokener = tokener_new();
    json_object *json = tokener_run(tokener, text, len);
    gboolean complete = json != NULL;

    json_object_put(json);
    json_tokener_free(tokener);
    return complete;
}

json_object *
corral_json_parse(const char *text, gsize len, const char *what, GError **error)
{
    struct json_tokener *tokener;
    json_object *json;
    enum json_tokener_error status;
    gsize end;

    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    if (len > G_MAXINT) {
        set_invalid(error, "%s: document too large", what);
        return NULL;
    }
    tokener = tokener_new();
    json = json_tokener_parse_ex(tokener, text, (int)len);
    status = json_tokener_get_error(tokener);
    end = json_tokener_get_parse_end(tokener);
    if (json == NULL && status == json_tokener_continue) {
        json = json_tokener_parse_ex(tokener, "", 1);
        status = json_tokener_get_error(tokener);
        end = len;
    }
    json_tokener_free(tokener);

    if (json == NULL) {
        if (status == json_tokener_error_depth)
            set_invalid(error, "%s: nesting deeper than %d levels", what, CORRAL_JSON_MAX_DEPTH);
        else if (status == json_tokener_error_parse_eof || len == 0)
            set_invalid(error, "%s: empty or truncated document", what);
        else if (status == json_tokener_error_parse_unexpected && end > 0 &&
                 is_complete_document(text, end))
            set_invalid(error,
                        "%s: trailing garbage after the document (offset %" G_GSIZE_FORMAT ")",
                        what, end);
        else
            set_invalid(error, "%s: not valid JSON: %s (offset %" G_GSIZE_FORMAT ")", what,
                        json_tokener_error_desc(status), end);
        return NULL;
    }
    if (end < len) {
        /* json-c stops at a NUL byte as if the text ended there. */
        set_invalid(error, "%s: trailing garbage after the document (offset %" G_GSIZE_FORMAT ")",
                    what, end);
        json_object_put(json);
        return NULL;
    }
    if (!json_object_is_type(json, json_type_object)) {
        set_invalid(error, "%s: expected an object, got %s", what, json_type_phrase(json));
        json_object_put(json);
        return NULL;
    }
    return json;
}

gpointer
corral_codec_parse(const CorralType *type, const char *text, gsize len, CorralDecodeFlags flags,
                   GError **error)
{
    g_autoptr(json_object) json = corral_json_parse(text, len, type->name, error);

    if (json == NULL)
        return NULL;
    return corral_codec_from_json(type, json, flags, error);
}

/* Encoding */

/* The shortest decimal form that reads back as the same double, so that
 * 12.5 stays "12.5" rather than json-c's 17 significant digits. */
static json_object *
encode_double(double value)
{
    char buffer[G_ASCII_DTOSTR_BUF_SIZE];

    for (int digits = 15; digits <= 17; digits++) {
        g_autofree char *format = g_strdup_printf("%%.%dg", digits);

        g_ascii_formatd(buffer, sizeof buffer, format, value);
        if (g_ascii_strtod(buffer, NULL) == value)
            break;
    }
    if (strpbrk(buffer, ".eEni") == NULL)
        g_strlcat(buffer, ".0", sizeof buffer);
    return json_object_new_double_s(value, buffer);
}

static json_object *encode_object(const CorralType *type, gconstpointer object);

static json_object *
encode_value(const CorralField *field, gconstpointer slot)
{
    switch (field->kind) {
    case CORRAL_KIND_STRING:
    case CORRAL_KIND_NAME:
    case CORRAL_KIND_PATH:
    case CORRAL_KIND_UUID:
    case CORRAL_KIND_ADDRESS:
    case CORRAL_KIND_MAC:
    case CORRAL_KIND_TAG:
    case CORRAL_KIND_FOLDER: {
        const char *text = *(char *const *)slot;

        return text != NULL ? json_object_new_string(text) : NULL;
    }
    case CORRAL_KIND_INT:
        return json_object_new_int64(*(const gint64 *)slot);
    case CORRAL_KIND_DOUBLE:
        return encode_double(*(const double *)slot);
    case CORRAL_KIND_BOOL:
        return json_object_new_boolean(*(const gboolean *)slot);
    case CORRAL_KIND_ENUM: {
        const char *name = corral_enum_to_string(field->enumeration, *(const int *)slot);

        return name != NULL ? json_object_new_string(name) : NULL;
    }
    case CORRAL_KIND_OBJECT:
        return encode_object(field->type, slot);
    case CORRAL_KIND_ARRAY: {
        GPtrArray *array = *(GPtrArray *const *)slot;
        json_object *json = json_object_new_array();

        for (guint i = 0; array != NULL && i < array->len; i++) {
            gconstpointer element = field->element->kind == CORRAL_KIND_OBJECT
                                        ? array->pdata[i]
                                        : (gconstpointer)&array->pdata[i];

            json_object_array_add(json, encode_value(field->element, element));
        }
        return json;
    }
    }
    g_assert_not_reached();
}

/* Required fields are always written (an unset string as null, an unset
 * array as []); optional strings and arrays when set, other optional fields
 * when their present bit is. */
static gboolean
field_is_written(const CorralField *field, guint index, gconstpointer object)
{
    if (field->flags & CORRAL_FIELD_REQUIRED)
        return TRUE;
    if (kind_is_string(field->kind) || field->kind == CORRAL_KIND_ARRAY)
        return *(gpointer *)field_slot(object, field) != NULL;
    return (*present_bits(object) & (G_GUINT64_CONSTANT(1) << index)) != 0;
}

static json_object *
encode_object(const CorralType *type, gconstpointer object)
{
    json_object *json = json_object_new_object();

    for (guint i = 0; i < type->n_fields; i++) {
        const CorralField *field = &type->fields[i];

        if (field_is_written(field, i, object))
            json_object_object_add(json, field->name,
                                   encode_value(field, field_slot(object, field)));
    }
    return json;
}

json_object *
corral_codec_to_json(const CorralType *type, gconstpointer object)
{
    g_return_val_if_fail(object != NULL, NULL);

    return encode_object(type, object);
}

char *
corral_codec_format(const CorralType *type, gconstpointer object)
{
    g_autoptr(json_object) json = corral_codec_to_json(type, object);
    int flags = JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE;

    return g_strconcat(json_object_to_json_string_ext(json, flags), "\n", NULL);
}

/* Freeing */

static void
wipe(char *secret)
{
    /* A volatile store the compiler may not drop as dead. */
    volatile char *byte = secret;

    while (*byte != '\0')
        *byte++ = '\0';
}

void
corral_codec_clear(const CorralType *type, gpointer object)
{
    for (guint i = 0; i < type->n_fields; i++) {
        const CorralField *field = &type->fields[i];
        gpointer slot = field_slot(object, field);

        if (kind_is_string(field->kind)) {
            char **text = slot;

            if (*text != NULL && (field->flags & CORRAL_FIELD_SECRET))
                wipe(*text);
            g_clear_pointer(text, g_free);
        } else if (field->kind == CORRAL_KIND_OBJECT) {
            corral_codec_clear(field->type, slot);
        } else if (field->kind == CORRAL_KIND_ARRAY) {
            g_clear_pointer((GPtrArray **)slot, g_ptr_array_unref);
        }
    }
    *present_bits(object) = 0;
}

void
corral_codec_free(const CorralType *type, gpointer object)
{
    if (object == NULL)
        return;
    corral_codec_clear(type, object);
    g_free(object);
}
