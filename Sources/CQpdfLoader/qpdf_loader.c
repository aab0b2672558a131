/* Written by scripts/make-qpdf-loader.py from qpdf-c.h: do not edit. */
#include "qpdf_loader_impl.h"

void qpdf_cleanup(qpdf_data* qpdf)
{
    static void (*real)(qpdf_data*);
    void (*call)(qpdf_data*) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (void (*)(qpdf_data*))bulletin_qpdf_symbol("qpdf_cleanup");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    call(qpdf);
}

unsigned char const* qpdf_get_buffer(qpdf_data qpdf)
{
    static unsigned char const* (*real)(qpdf_data);
    unsigned char const* (*call)(qpdf_data) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (unsigned char const* (*)(qpdf_data))bulletin_qpdf_symbol("qpdf_get_buffer");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf);
}

size_t qpdf_get_buffer_length(qpdf_data qpdf)
{
    static size_t (*real)(qpdf_data);
    size_t (*call)(qpdf_data) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (size_t (*)(qpdf_data))bulletin_qpdf_symbol("qpdf_get_buffer_length");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf);
}

qpdf_error qpdf_get_error(qpdf_data qpdf)
{
    static qpdf_error (*real)(qpdf_data);
    qpdf_error (*call)(qpdf_data) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (qpdf_error (*)(qpdf_data))bulletin_qpdf_symbol("qpdf_get_error");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf);
}

char const* qpdf_get_error_full_text(qpdf_data q, qpdf_error e)
{
    static char const* (*real)(qpdf_data, qpdf_error);
    char const* (*call)(qpdf_data, qpdf_error) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (char const* (*)(qpdf_data, qpdf_error))bulletin_qpdf_symbol("qpdf_get_error_full_text");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(q, e);
}

char const* qpdf_get_error_message_detail(qpdf_data q, qpdf_error e)
{
    static char const* (*real)(qpdf_data, qpdf_error);
    char const* (*call)(qpdf_data, qpdf_error) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (char const* (*)(qpdf_data, qpdf_error))bulletin_qpdf_symbol("qpdf_get_error_message_detail");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(q, e);
}

int qpdf_get_num_pages(qpdf_data qpdf)
{
    static int (*real)(qpdf_data);
    int (*call)(qpdf_data) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (int (*)(qpdf_data))bulletin_qpdf_symbol("qpdf_get_num_pages");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf);
}

qpdf_oh qpdf_get_page_n(qpdf_data qpdf, size_t zero_based_index)
{
    static qpdf_oh (*real)(qpdf_data, size_t);
    qpdf_oh (*call)(qpdf_data, size_t) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (qpdf_oh (*)(qpdf_data, size_t))bulletin_qpdf_symbol("qpdf_get_page_n");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, zero_based_index);
}

qpdf_oh qpdf_get_root(qpdf_data qpdf)
{
    static qpdf_oh (*real)(qpdf_data);
    qpdf_oh (*call)(qpdf_data) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (qpdf_oh (*)(qpdf_data))bulletin_qpdf_symbol("qpdf_get_root");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf);
}

QPDF_BOOL qpdf_has_error(qpdf_data qpdf)
{
    static QPDF_BOOL (*real)(qpdf_data);
    QPDF_BOOL (*call)(qpdf_data) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (QPDF_BOOL (*)(qpdf_data))bulletin_qpdf_symbol("qpdf_has_error");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf);
}

qpdf_data qpdf_init(void)
{
    static qpdf_data (*real)(void);
    qpdf_data (*call)(void) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (qpdf_data (*)(void))bulletin_qpdf_symbol("qpdf_init");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call();
}

QPDF_ERROR_CODE qpdf_init_write_memory(qpdf_data qpdf)
{
    static QPDF_ERROR_CODE (*real)(qpdf_data);
    QPDF_ERROR_CODE (*call)(qpdf_data) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (QPDF_ERROR_CODE (*)(qpdf_data))bulletin_qpdf_symbol("qpdf_init_write_memory");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf);
}

QPDF_BOOL qpdf_more_warnings(qpdf_data qpdf)
{
    static QPDF_BOOL (*real)(qpdf_data);
    QPDF_BOOL (*call)(qpdf_data) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (QPDF_BOOL (*)(qpdf_data))bulletin_qpdf_symbol("qpdf_more_warnings");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf);
}

qpdf_error qpdf_next_warning(qpdf_data qpdf)
{
    static qpdf_error (*real)(qpdf_data);
    qpdf_error (*call)(qpdf_data) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (qpdf_error (*)(qpdf_data))bulletin_qpdf_symbol("qpdf_next_warning");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf);
}

void qpdf_oh_append_item(qpdf_data qpdf, qpdf_oh oh, qpdf_oh item)
{
    static void (*real)(qpdf_data, qpdf_oh, qpdf_oh);
    void (*call)(qpdf_data, qpdf_oh, qpdf_oh) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (void (*)(qpdf_data, qpdf_oh, qpdf_oh))bulletin_qpdf_symbol("qpdf_oh_append_item");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    call(qpdf, oh, item);
}

void qpdf_oh_begin_dict_key_iter(qpdf_data qpdf, qpdf_oh dict)
{
    static void (*real)(qpdf_data, qpdf_oh);
    void (*call)(qpdf_data, qpdf_oh) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (void (*)(qpdf_data, qpdf_oh))bulletin_qpdf_symbol("qpdf_oh_begin_dict_key_iter");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    call(qpdf, dict);
}

QPDF_BOOL qpdf_oh_dict_more_keys(qpdf_data qpdf)
{
    static QPDF_BOOL (*real)(qpdf_data);
    QPDF_BOOL (*call)(qpdf_data) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (QPDF_BOOL (*)(qpdf_data))bulletin_qpdf_symbol("qpdf_oh_dict_more_keys");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf);
}

char const* qpdf_oh_dict_next_key(qpdf_data qpdf)
{
    static char const* (*real)(qpdf_data);
    char const* (*call)(qpdf_data) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (char const* (*)(qpdf_data))bulletin_qpdf_symbol("qpdf_oh_dict_next_key");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf);
}

qpdf_oh qpdf_oh_get_array_item(qpdf_data qpdf, qpdf_oh oh, int n)
{
    static qpdf_oh (*real)(qpdf_data, qpdf_oh, int);
    qpdf_oh (*call)(qpdf_data, qpdf_oh, int) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (qpdf_oh (*)(qpdf_data, qpdf_oh, int))bulletin_qpdf_symbol("qpdf_oh_get_array_item");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, oh, n);
}

int qpdf_oh_get_array_n_items(qpdf_data qpdf, qpdf_oh oh)
{
    static int (*real)(qpdf_data, qpdf_oh);
    int (*call)(qpdf_data, qpdf_oh) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (int (*)(qpdf_data, qpdf_oh))bulletin_qpdf_symbol("qpdf_oh_get_array_n_items");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, oh);
}

qpdf_oh qpdf_oh_get_dict(qpdf_data qpdf, qpdf_oh oh)
{
    static qpdf_oh (*real)(qpdf_data, qpdf_oh);
    qpdf_oh (*call)(qpdf_data, qpdf_oh) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (qpdf_oh (*)(qpdf_data, qpdf_oh))bulletin_qpdf_symbol("qpdf_oh_get_dict");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, oh);
}

qpdf_oh qpdf_oh_get_key(qpdf_data qpdf, qpdf_oh oh, char const* key)
{
    static qpdf_oh (*real)(qpdf_data, qpdf_oh, char const*);
    qpdf_oh (*call)(qpdf_data, qpdf_oh, char const*) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (qpdf_oh (*)(qpdf_data, qpdf_oh, char const*))bulletin_qpdf_symbol("qpdf_oh_get_key");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, oh, key);
}

char const* qpdf_oh_get_name(qpdf_data qpdf, qpdf_oh oh)
{
    static char const* (*real)(qpdf_data, qpdf_oh);
    char const* (*call)(qpdf_data, qpdf_oh) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (char const* (*)(qpdf_data, qpdf_oh))bulletin_qpdf_symbol("qpdf_oh_get_name");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, oh);
}

int qpdf_oh_get_object_id(qpdf_data qpdf, qpdf_oh oh)
{
    static int (*real)(qpdf_data, qpdf_oh);
    int (*call)(qpdf_data, qpdf_oh) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (int (*)(qpdf_data, qpdf_oh))bulletin_qpdf_symbol("qpdf_oh_get_object_id");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, oh);
}

QPDF_ERROR_CODE qpdf_oh_get_stream_data(qpdf_data qpdf, qpdf_oh stream_oh, enum qpdf_stream_decode_level_e decode_level, QPDF_BOOL* filtered, unsigned char** bufp, size_t* len)
{
    static QPDF_ERROR_CODE (*real)(qpdf_data, qpdf_oh, enum qpdf_stream_decode_level_e, QPDF_BOOL*, unsigned char**, size_t*);
    QPDF_ERROR_CODE (*call)(qpdf_data, qpdf_oh, enum qpdf_stream_decode_level_e, QPDF_BOOL*, unsigned char**, size_t*) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (QPDF_ERROR_CODE (*)(qpdf_data, qpdf_oh, enum qpdf_stream_decode_level_e, QPDF_BOOL*, unsigned char**, size_t*))bulletin_qpdf_symbol("qpdf_oh_get_stream_data");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, stream_oh, decode_level, filtered, bufp, len);
}

QPDF_BOOL qpdf_oh_has_key(qpdf_data qpdf, qpdf_oh oh, char const* key)
{
    static QPDF_BOOL (*real)(qpdf_data, qpdf_oh, char const*);
    QPDF_BOOL (*call)(qpdf_data, qpdf_oh, char const*) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (QPDF_BOOL (*)(qpdf_data, qpdf_oh, char const*))bulletin_qpdf_symbol("qpdf_oh_has_key");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, oh, key);
}

QPDF_BOOL qpdf_oh_is_array(qpdf_data qpdf, qpdf_oh oh)
{
    static QPDF_BOOL (*real)(qpdf_data, qpdf_oh);
    QPDF_BOOL (*call)(qpdf_data, qpdf_oh) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (QPDF_BOOL (*)(qpdf_data, qpdf_oh))bulletin_qpdf_symbol("qpdf_oh_is_array");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, oh);
}

QPDF_BOOL qpdf_oh_is_dictionary(qpdf_data qpdf, qpdf_oh oh)
{
    static QPDF_BOOL (*real)(qpdf_data, qpdf_oh);
    QPDF_BOOL (*call)(qpdf_data, qpdf_oh) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (QPDF_BOOL (*)(qpdf_data, qpdf_oh))bulletin_qpdf_symbol("qpdf_oh_is_dictionary");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, oh);
}

QPDF_BOOL qpdf_oh_is_name(qpdf_data qpdf, qpdf_oh oh)
{
    static QPDF_BOOL (*real)(qpdf_data, qpdf_oh);
    QPDF_BOOL (*call)(qpdf_data, qpdf_oh) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (QPDF_BOOL (*)(qpdf_data, qpdf_oh))bulletin_qpdf_symbol("qpdf_oh_is_name");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, oh);
}

QPDF_BOOL qpdf_oh_is_null(qpdf_data qpdf, qpdf_oh oh)
{
    static QPDF_BOOL (*real)(qpdf_data, qpdf_oh);
    QPDF_BOOL (*call)(qpdf_data, qpdf_oh) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (QPDF_BOOL (*)(qpdf_data, qpdf_oh))bulletin_qpdf_symbol("qpdf_oh_is_null");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, oh);
}

QPDF_BOOL qpdf_oh_is_stream(qpdf_data qpdf, qpdf_oh oh)
{
    static QPDF_BOOL (*real)(qpdf_data, qpdf_oh);
    QPDF_BOOL (*call)(qpdf_data, qpdf_oh) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (QPDF_BOOL (*)(qpdf_data, qpdf_oh))bulletin_qpdf_symbol("qpdf_oh_is_stream");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, oh);
}

qpdf_oh qpdf_oh_new_array(qpdf_data qpdf)
{
    static qpdf_oh (*real)(qpdf_data);
    qpdf_oh (*call)(qpdf_data) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (qpdf_oh (*)(qpdf_data))bulletin_qpdf_symbol("qpdf_oh_new_array");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf);
}

qpdf_oh qpdf_oh_new_name(qpdf_data qpdf, char const* name)
{
    static qpdf_oh (*real)(qpdf_data, char const*);
    qpdf_oh (*call)(qpdf_data, char const*) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (qpdf_oh (*)(qpdf_data, char const*))bulletin_qpdf_symbol("qpdf_oh_new_name");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, name);
}

qpdf_oh qpdf_oh_new_null(qpdf_data qpdf)
{
    static qpdf_oh (*real)(qpdf_data);
    qpdf_oh (*call)(qpdf_data) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (qpdf_oh (*)(qpdf_data))bulletin_qpdf_symbol("qpdf_oh_new_null");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf);
}

qpdf_oh qpdf_oh_new_real_from_double(qpdf_data qpdf, double value, int decimal_places)
{
    static qpdf_oh (*real)(qpdf_data, double, int);
    qpdf_oh (*call)(qpdf_data, double, int) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (qpdf_oh (*)(qpdf_data, double, int))bulletin_qpdf_symbol("qpdf_oh_new_real_from_double");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, value, decimal_places);
}

qpdf_oh qpdf_oh_new_stream(qpdf_data qpdf)
{
    static qpdf_oh (*real)(qpdf_data);
    qpdf_oh (*call)(qpdf_data) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (qpdf_oh (*)(qpdf_data))bulletin_qpdf_symbol("qpdf_oh_new_stream");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf);
}

qpdf_oh qpdf_oh_new_unicode_string(qpdf_data qpdf, char const* utf8_str)
{
    static qpdf_oh (*real)(qpdf_data, char const*);
    qpdf_oh (*call)(qpdf_data, char const*) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (qpdf_oh (*)(qpdf_data, char const*))bulletin_qpdf_symbol("qpdf_oh_new_unicode_string");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, utf8_str);
}

void qpdf_oh_release_all(qpdf_data qpdf)
{
    static void (*real)(qpdf_data);
    void (*call)(qpdf_data) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (void (*)(qpdf_data))bulletin_qpdf_symbol("qpdf_oh_release_all");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    call(qpdf);
}

void qpdf_oh_replace_key(qpdf_data qpdf, qpdf_oh oh, char const* key, qpdf_oh item)
{
    static void (*real)(qpdf_data, qpdf_oh, char const*, qpdf_oh);
    void (*call)(qpdf_data, qpdf_oh, char const*, qpdf_oh) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (void (*)(qpdf_data, qpdf_oh, char const*, qpdf_oh))bulletin_qpdf_symbol("qpdf_oh_replace_key");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    call(qpdf, oh, key, item);
}

void qpdf_oh_replace_stream_data(qpdf_data qpdf, qpdf_oh stream_oh, unsigned char const* buf, size_t len, qpdf_oh filter, qpdf_oh decode_parms)
{
    static void (*real)(qpdf_data, qpdf_oh, unsigned char const*, size_t, qpdf_oh, qpdf_oh);
    void (*call)(qpdf_data, qpdf_oh, unsigned char const*, size_t, qpdf_oh, qpdf_oh) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (void (*)(qpdf_data, qpdf_oh, unsigned char const*, size_t, qpdf_oh, qpdf_oh))bulletin_qpdf_symbol("qpdf_oh_replace_stream_data");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    call(qpdf, stream_oh, buf, len, filter, decode_parms);
}

void qpdf_oh_set_array_item(qpdf_data qpdf, qpdf_oh oh, int at, qpdf_oh item)
{
    static void (*real)(qpdf_data, qpdf_oh, int, qpdf_oh);
    void (*call)(qpdf_data, qpdf_oh, int, qpdf_oh) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (void (*)(qpdf_data, qpdf_oh, int, qpdf_oh))bulletin_qpdf_symbol("qpdf_oh_set_array_item");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    call(qpdf, oh, at, item);
}

QPDF_ERROR_CODE qpdf_read_memory(qpdf_data qpdf, char const* description, char const* buffer, unsigned long long size, char const* password)
{
    static QPDF_ERROR_CODE (*real)(qpdf_data, char const*, char const*, unsigned long long, char const*);
    QPDF_ERROR_CODE (*call)(qpdf_data, char const*, char const*, unsigned long long, char const*) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (QPDF_ERROR_CODE (*)(qpdf_data, char const*, char const*, unsigned long long, char const*))bulletin_qpdf_symbol("qpdf_read_memory");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf, description, buffer, size, password);
}

void qpdf_set_deterministic_ID(qpdf_data qpdf, QPDF_BOOL value)
{
    static void (*real)(qpdf_data, QPDF_BOOL);
    void (*call)(qpdf_data, QPDF_BOOL) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (void (*)(qpdf_data, QPDF_BOOL))bulletin_qpdf_symbol("qpdf_set_deterministic_ID");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    call(qpdf, value);
}

void qpdf_set_object_stream_mode(qpdf_data qpdf, enum qpdf_object_stream_e mode)
{
    static void (*real)(qpdf_data, enum qpdf_object_stream_e);
    void (*call)(qpdf_data, enum qpdf_object_stream_e) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (void (*)(qpdf_data, enum qpdf_object_stream_e))bulletin_qpdf_symbol("qpdf_set_object_stream_mode");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    call(qpdf, mode);
}

void qpdf_set_suppress_warnings(qpdf_data qpdf, QPDF_BOOL value)
{
    static void (*real)(qpdf_data, QPDF_BOOL);
    void (*call)(qpdf_data, QPDF_BOOL) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (void (*)(qpdf_data, QPDF_BOOL))bulletin_qpdf_symbol("qpdf_set_suppress_warnings");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    call(qpdf, value);
}

void qpdf_silence_errors(qpdf_data qpdf)
{
    static void (*real)(qpdf_data);
    void (*call)(qpdf_data) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (void (*)(qpdf_data))bulletin_qpdf_symbol("qpdf_silence_errors");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    call(qpdf);
}

QPDF_ERROR_CODE qpdf_write(qpdf_data qpdf)
{
    static QPDF_ERROR_CODE (*real)(qpdf_data);
    QPDF_ERROR_CODE (*call)(qpdf_data) = __atomic_load_n(&real, __ATOMIC_ACQUIRE);
    if (!call) {
        call = (QPDF_ERROR_CODE (*)(qpdf_data))bulletin_qpdf_symbol("qpdf_write");
        __atomic_store_n(&real, call, __ATOMIC_RELEASE);
    }
    return call(qpdf);
}
