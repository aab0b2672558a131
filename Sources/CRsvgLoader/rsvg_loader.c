#include "library_loader.h"
#include "rsvg_loader.h"

/* Debian 12's librsvg2-2. */
static bulletin_library rsvg = BULLETIN_LIBRARY("librsvg", "librsvg-2.so.2", "librsvg-2.so");

const char *bulletin_rsvg_load(void) { return bulletin_library_load(&rsvg); }

void bulletin_rsvg_load_ahead(void) { bulletin_library_load_ahead(&rsvg); }

int bulletin_rsvg_is_loaded(void) { return bulletin_library_is_loaded(&rsvg); }

/* `call`: librsvg's function of the same name, looked up the first time. */
#define CALL(name) \
    static __typeof__(&name) real; \
    __typeof__(&name) call = __atomic_load_n(&real, __ATOMIC_ACQUIRE); \
    if (!call) { \
        call = (__typeof__(&name))bulletin_library_symbol(&rsvg, #name); \
        __atomic_store_n(&real, call, __ATOMIC_RELEASE); \
    }

RsvgHandle *rsvg_handle_new_from_stream_sync(struct _GInputStream *input_stream, struct _GFile *base_file, RsvgHandleFlags flags,
                                             struct _GCancellable *cancellable, struct _GError **error)
{
    CALL(rsvg_handle_new_from_stream_sync)
    return call(input_stream, base_file, flags, cancellable, error);
}

void rsvg_handle_set_dpi(RsvgHandle *handle, double dpi)
{
    CALL(rsvg_handle_set_dpi)
    call(handle, dpi);
}

int rsvg_handle_get_intrinsic_size_in_pixels(RsvgHandle *handle, double *out_width, double *out_height)
{
    CALL(rsvg_handle_get_intrinsic_size_in_pixels)
    return call(handle, out_width, out_height);
}

void rsvg_handle_get_intrinsic_dimensions(RsvgHandle *handle, int *out_has_width, RsvgLength *out_width, int *out_has_height,
                                          RsvgLength *out_height, int *out_has_viewbox, RsvgRectangle *out_viewbox)
{
    CALL(rsvg_handle_get_intrinsic_dimensions)
    call(handle, out_has_width, out_width, out_has_height, out_height, out_has_viewbox, out_viewbox);
}

int rsvg_handle_render_document(RsvgHandle *handle, struct _cairo *cr, const RsvgRectangle *viewport, struct _GError **error)
{
    CALL(rsvg_handle_render_document)
    return call(handle, cr, viewport, error);
}
