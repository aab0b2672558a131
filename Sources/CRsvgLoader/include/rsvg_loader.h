#ifndef BULLETIN_RSVG_LOADER_H
#define BULLETIN_RSVG_LOADER_H

/* librsvg is loaded when a build begins, on a thread of its own, or when the first SVG is read
   (CLibraryLoader), not linked: with libxml2 and ICU it took about 2.6 ms of every start,
   `bulletin --version` included. These are the few of its functions bulletin calls, declared
   as librsvg 2.54's rsvg.h declares them (gboolean is an int, gdouble a double); each loads
   the library the first time. */

typedef struct _RsvgHandle RsvgHandle;

typedef struct _RsvgRectangle {
    double x;
    double y;
    double width;
    double height;
} RsvgRectangle;

typedef enum {
    RSVG_UNIT_PERCENT,
    RSVG_UNIT_PX,
    RSVG_UNIT_EM,
    RSVG_UNIT_EX,
    RSVG_UNIT_IN,
    RSVG_UNIT_CM,
    RSVG_UNIT_MM,
    RSVG_UNIT_PT,
    RSVG_UNIT_PC
} RsvgUnit;

typedef struct {
    double length;
    RsvgUnit unit;
} RsvgLength;

typedef enum {
    RSVG_HANDLE_FLAGS_NONE = 0,
    RSVG_HANDLE_FLAG_UNLIMITED = 1 << 0,
    RSVG_HANDLE_FLAG_KEEP_IMAGE_DATA = 1 << 1
} RsvgHandleFlags;

struct _GInputStream;
struct _GFile;
struct _GCancellable;
struct _GError;
struct _cairo;

RsvgHandle *rsvg_handle_new_from_stream_sync(struct _GInputStream *input_stream, struct _GFile *base_file, RsvgHandleFlags flags,
                                             struct _GCancellable *cancellable, struct _GError **error);
void rsvg_handle_set_dpi(RsvgHandle *handle, double dpi);
int rsvg_handle_get_intrinsic_size_in_pixels(RsvgHandle *handle, double *out_width, double *out_height);
void rsvg_handle_get_intrinsic_dimensions(RsvgHandle *handle, int *out_has_width, RsvgLength *out_width, int *out_has_height,
                                          RsvgLength *out_height, int *out_has_viewbox, RsvgRectangle *out_viewbox);
int rsvg_handle_render_document(RsvgHandle *handle, struct _cairo *cr, const RsvgRectangle *viewport, struct _GError **error);

/* Loads librsvg if it is not loaded; NULL once it is, else what went wrong. */
const char *bulletin_rsvg_load(void);

/* Starts loading librsvg on a thread of its own, once per process. */
void bulletin_rsvg_load_ahead(void);

/* Whether librsvg is loaded into the process: for tests. */
int bulletin_rsvg_is_loaded(void);

#endif
