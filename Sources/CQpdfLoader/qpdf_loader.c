/* Written by scripts/make-qpdf-loader.py from qpdf-c.h: do not edit. */
#include "qpdf_loader_impl.h"

/* `call`: libqpdf's function of the same name, looked up the first time. */
#define CALL(name) \
    static __typeof__(&name) real; \
    __typeof__(&name) call = __atomic_load_n(&real, __ATOMIC_ACQUIRE); \
    if (!call) { \
        call = (__typeof__(&name))bulletin_qpdf_symbol(#name); \
        __atomic_store_n(&real, call, __ATOMIC_RELEASE); \
    }

void qpdf_cleanup(qpdf_data* qpdf)
{
    CALL(qpdf_cleanup)
    call(qpdf);
}

unsigned char const* qpdf_get_buffer(qpdf_data qpdf)
{
    CALL(qpdf_get_buffer)
    return call(qpdf);
}

size_t qpdf_get_buffer_length(qpdf_data qpdf)
{
    CALL(qpdf_get_buffer_length)
    return call(qpdf);
}

qpdf_error qpdf_get_error(qpdf_data qpdf)
{
    CALL(qpdf_get_error)
    return call(qpdf);
}

char const* qpdf_get_error_full_text(qpdf_data q, qpdf_error e)
{
    CALL(qpdf_get_error_full_text)
    return call(q, e);
}

char const* qpdf_get_error_message_detail(qpdf_data q, qpdf_error e)
{
    CALL(qpdf_get_error_message_detail)
    return call(q, e);
}

int qpdf_get_num_pages(qpdf_data qpdf)
{
    CALL(qpdf_get_num_pages)
    return call(qpdf);
}

qpdf_oh qpdf_get_object_by_id(qpdf_data qpdf, int objid, int generation)
{
    CALL(qpdf_get_object_by_id)
    return call(qpdf, objid, generation);
}

qpdf_oh qpdf_get_page_n(qpdf_data qpdf, size_t zero_based_index)
{
    CALL(qpdf_get_page_n)
    return call(qpdf, zero_based_index);
}

qpdf_oh qpdf_get_root(qpdf_data qpdf)
{
    CALL(qpdf_get_root)
    return call(qpdf);
}

QPDF_BOOL qpdf_has_error(qpdf_data qpdf)
{
    CALL(qpdf_has_error)
    return call(qpdf);
}

qpdf_data qpdf_init(void)
{
    CALL(qpdf_init)
    return call();
}

QPDF_ERROR_CODE qpdf_init_write_memory(qpdf_data qpdf)
{
    CALL(qpdf_init_write_memory)
    return call(qpdf);
}

QPDF_BOOL qpdf_more_warnings(qpdf_data qpdf)
{
    CALL(qpdf_more_warnings)
    return call(qpdf);
}

qpdf_error qpdf_next_warning(qpdf_data qpdf)
{
    CALL(qpdf_next_warning)
    return call(qpdf);
}

void qpdf_oh_append_item(qpdf_data qpdf, qpdf_oh oh, qpdf_oh item)
{
    CALL(qpdf_oh_append_item)
    call(qpdf, oh, item);
}

void qpdf_oh_begin_dict_key_iter(qpdf_data qpdf, qpdf_oh dict)
{
    CALL(qpdf_oh_begin_dict_key_iter)
    call(qpdf, dict);
}

QPDF_BOOL qpdf_oh_dict_more_keys(qpdf_data qpdf)
{
    CALL(qpdf_oh_dict_more_keys)
    return call(qpdf);
}

char const* qpdf_oh_dict_next_key(qpdf_data qpdf)
{
    CALL(qpdf_oh_dict_next_key)
    return call(qpdf);
}

qpdf_oh qpdf_oh_get_array_item(qpdf_data qpdf, qpdf_oh oh, int n)
{
    CALL(qpdf_oh_get_array_item)
    return call(qpdf, oh, n);
}

int qpdf_oh_get_array_n_items(qpdf_data qpdf, qpdf_oh oh)
{
    CALL(qpdf_oh_get_array_n_items)
    return call(qpdf, oh);
}

qpdf_oh qpdf_oh_get_dict(qpdf_data qpdf, qpdf_oh oh)
{
    CALL(qpdf_oh_get_dict)
    return call(qpdf, oh);
}

qpdf_oh qpdf_oh_get_key(qpdf_data qpdf, qpdf_oh oh, char const* key)
{
    CALL(qpdf_oh_get_key)
    return call(qpdf, oh, key);
}

char const* qpdf_oh_get_name(qpdf_data qpdf, qpdf_oh oh)
{
    CALL(qpdf_oh_get_name)
    return call(qpdf, oh);
}

int qpdf_oh_get_object_id(qpdf_data qpdf, qpdf_oh oh)
{
    CALL(qpdf_oh_get_object_id)
    return call(qpdf, oh);
}

QPDF_ERROR_CODE qpdf_oh_get_stream_data(qpdf_data qpdf, qpdf_oh stream_oh, enum qpdf_stream_decode_level_e decode_level, QPDF_BOOL* filtered, unsigned char** bufp, size_t* len)
{
    CALL(qpdf_oh_get_stream_data)
    return call(qpdf, stream_oh, decode_level, filtered, bufp, len);
}

QPDF_BOOL qpdf_oh_has_key(qpdf_data qpdf, qpdf_oh oh, char const* key)
{
    CALL(qpdf_oh_has_key)
    return call(qpdf, oh, key);
}

QPDF_BOOL qpdf_oh_is_array(qpdf_data qpdf, qpdf_oh oh)
{
    CALL(qpdf_oh_is_array)
    return call(qpdf, oh);
}

QPDF_BOOL qpdf_oh_is_dictionary(qpdf_data qpdf, qpdf_oh oh)
{
    CALL(qpdf_oh_is_dictionary)
    return call(qpdf, oh);
}

QPDF_BOOL qpdf_oh_is_name(qpdf_data qpdf, qpdf_oh oh)
{
    CALL(qpdf_oh_is_name)
    return call(qpdf, oh);
}

QPDF_BOOL qpdf_oh_is_null(qpdf_data qpdf, qpdf_oh oh)
{
    CALL(qpdf_oh_is_null)
    return call(qpdf, oh);
}

QPDF_BOOL qpdf_oh_is_stream(qpdf_data qpdf, qpdf_oh oh)
{
    CALL(qpdf_oh_is_stream)
    return call(qpdf, oh);
}

qpdf_oh qpdf_oh_new_array(qpdf_data qpdf)
{
    CALL(qpdf_oh_new_array)
    return call(qpdf);
}

qpdf_oh qpdf_oh_new_bool(qpdf_data qpdf, QPDF_BOOL value)
{
    CALL(qpdf_oh_new_bool)
    return call(qpdf, value);
}

qpdf_oh qpdf_oh_new_dictionary(qpdf_data qpdf)
{
    CALL(qpdf_oh_new_dictionary)
    return call(qpdf);
}

qpdf_oh qpdf_oh_new_name(qpdf_data qpdf, char const* name)
{
    CALL(qpdf_oh_new_name)
    return call(qpdf, name);
}

qpdf_oh qpdf_oh_new_null(qpdf_data qpdf)
{
    CALL(qpdf_oh_new_null)
    return call(qpdf);
}

qpdf_oh qpdf_oh_new_real_from_double(qpdf_data qpdf, double value, int decimal_places)
{
    CALL(qpdf_oh_new_real_from_double)
    return call(qpdf, value, decimal_places);
}

qpdf_oh qpdf_oh_new_stream(qpdf_data qpdf)
{
    CALL(qpdf_oh_new_stream)
    return call(qpdf);
}

qpdf_oh qpdf_oh_new_unicode_string(qpdf_data qpdf, char const* utf8_str)
{
    CALL(qpdf_oh_new_unicode_string)
    return call(qpdf, utf8_str);
}

qpdf_oh qpdf_oh_parse(qpdf_data qpdf, char const* object_str)
{
    CALL(qpdf_oh_parse)
    return call(qpdf, object_str);
}

void qpdf_oh_release_all(qpdf_data qpdf)
{
    CALL(qpdf_oh_release_all)
    call(qpdf);
}

void qpdf_oh_replace_key(qpdf_data qpdf, qpdf_oh oh, char const* key, qpdf_oh item)
{
    CALL(qpdf_oh_replace_key)
    call(qpdf, oh, key, item);
}

void qpdf_oh_replace_stream_data(qpdf_data qpdf, qpdf_oh stream_oh, unsigned char const* buf, size_t len, qpdf_oh filter, qpdf_oh decode_parms)
{
    CALL(qpdf_oh_replace_stream_data)
    call(qpdf, stream_oh, buf, len, filter, decode_parms);
}

void qpdf_oh_set_array_item(qpdf_data qpdf, qpdf_oh oh, int at, qpdf_oh item)
{
    CALL(qpdf_oh_set_array_item)
    call(qpdf, oh, at, item);
}

QPDF_ERROR_CODE qpdf_read_memory(qpdf_data qpdf, char const* description, char const* buffer, unsigned long long size, char const* password)
{
    CALL(qpdf_read_memory)
    return call(qpdf, description, buffer, size, password);
}

void qpdf_set_deterministic_ID(qpdf_data qpdf, QPDF_BOOL value)
{
    CALL(qpdf_set_deterministic_ID)
    call(qpdf, value);
}

void qpdf_set_object_stream_mode(qpdf_data qpdf, enum qpdf_object_stream_e mode)
{
    CALL(qpdf_set_object_stream_mode)
    call(qpdf, mode);
}

void qpdf_set_suppress_warnings(qpdf_data qpdf, QPDF_BOOL value)
{
    CALL(qpdf_set_suppress_warnings)
    call(qpdf, value);
}

void qpdf_silence_errors(qpdf_data qpdf)
{
    CALL(qpdf_silence_errors)
    call(qpdf);
}

QPDF_ERROR_CODE qpdf_write(qpdf_data qpdf)
{
    CALL(qpdf_write)
    return call(qpdf);
}
