/* The Flate streams of a PDF's last steps compressed whole by libdeflate.

   Two libraries compress with zlib at zlib's default level on the thread that writes a PDF,
   after its last page is drawn, while nothing else can go on:
   - cairo 1.16 each font it embeds, and each font's ToUnicode map, as it finishes the surface
     (the sample issue: 205 KB of fonts, 30 M instructions), handing zlib 16 KB at a time
     (cairo-deflate-stream.c: deflateInit, deflate with Z_NO_FLUSH for each full buffer and
     Z_FINISH at the close, deflateEnd);
   - qpdf the object streams it packs the email edition's objects into as it writes the
     finished file (the sample: its structure tree and the rest, 26 M instructions), handing
     zlib what it writes as it goes (Pl_Flate: deflate with Z_NO_FLUSH, then Z_FINISH until
     Z_STREAM_END, deflateEnd).
   libdeflate compresses the same bytes to the same format at the same level in about a third
   of the time, and no larger; but it takes its input whole.

   So this file defines zlib's deflateInit_, deflate and deflateEnd ahead of zlib's (the
   executable's symbols come first). A stream that cairo's or qpdf's code starts, on a thread
   that has asked for it (bulletin_streams_whole), is kept here: its input is gathered, and at
   Z_FINISH compressed whole by libdeflate and handed out as zlib hands out its output, as much
   as the caller's buffer takes each call, Z_STREAM_END with the last byte. Every other stream,
   those two libraries' on other threads and every other library's (libpng's, bulletin's own),
   goes to zlib untouched, through the functions dlsym finds after these. */

#define _GNU_SOURCE
#include "whole_streams.h"

#include "library_loader.h"
#include <libdeflate.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static __thread int whole_here;
/* The libraries whose streams are kept, and how many of each were made whole. */
static const char *const libraries[] = {"libcairo.so", "libqpdf.so"};
static atomic_ulong made_whole[2];
/* Streams kept here and not yet ended: while none is, zlib's calls go straight on. */
static atomic_long kept_count;

struct kept {
    z_streamp strm;
    int level;
    int library;
    unsigned char *in;
    size_t in_length, in_capacity;
    unsigned char *out;
    size_t out_length, out_sent;
    int compressed;
    struct kept *next;
};

static struct kept *kept_streams;
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;

typedef int (*init_fn)(z_streamp, int, const char *, int);
typedef int (*deflate_fn)(z_streamp, int);
typedef int (*end_fn)(z_streamp);

static void *zlib_init, *zlib_deflate, *zlib_end;

void bulletin_streams_whole(int on) { whole_here = on; }

unsigned long bulletin_streams_made_whole(const char *library) {
    for (int i = 0; i < 2; i++) {
        if (strcmp(library, libraries[i]) == 0) return atomic_load(&made_whole[i]);
    }
    return 0;
}

/* The kept stream for `strm`, taken out of the list when `unlink` is set; NULL if it is not one. */
static struct kept *find_kept(z_streamp strm, int unlink) {
    if (atomic_load_explicit(&kept_count, memory_order_acquire) == 0) return NULL;
    pthread_mutex_lock(&kept_lock);
    struct kept **link = &kept_streams;
    while (*link && (*link)->strm != strm) link = &(*link)->next;
    struct kept *found = *link;
    if (found && unlink) {
        *link = found->next;
        atomic_fetch_sub(&kept_count, 1);
    }
    pthread_mutex_unlock(&kept_lock);
    return found;
}

int deflateInit_(z_streamp strm, int level, const char *version, int stream_size) {
    void *caller = __builtin_return_address(0);
    int library = -1;
    if (whole_here && strm && level >= Z_DEFAULT_COMPRESSION && level <= 9) {
        for (int i = 0; i < 2 && library < 0; i++) {
            if (bulletin_address_in_library(caller, libraries[i])) library = i;
        }
    }
    if (library >= 0) {
        struct kept *kept = calloc(1, sizeof *kept);
        if (kept) {
            kept->strm = strm;
            kept->library = library;
            kept->level = level == Z_DEFAULT_COMPRESSION ? 6 : level;
            strm->msg = NULL;
            strm->state = NULL;
            strm->total_in = strm->total_out = 0;
            strm->adler = 1;
            strm->data_type = Z_UNKNOWN;
            pthread_mutex_lock(&kept_lock);
            kept->next = kept_streams;
            kept_streams = kept;
            atomic_fetch_add(&kept_count, 1);
            pthread_mutex_unlock(&kept_lock);
            return Z_OK;
        }
    }
    init_fn init = (init_fn)bulletin_next_definition(&zlib_init, "deflateInit_");
    return init ? init(strm, level, version, stream_size) : Z_VERSION_ERROR;
}

int deflate(z_streamp strm, int flush) {
    struct kept *kept = find_kept(strm, 0);
    if (!kept) {
        deflate_fn next = (deflate_fn)bulletin_next_definition(&zlib_deflate, "deflate");
        return next ? next(strm, flush) : Z_STREAM_ERROR;
    }
    /* Only the thread that started the stream uses it, as with zlib. */
    if (kept->compressed && strm->avail_in > 0) return Z_STREAM_ERROR;
    if (strm->avail_in > 0) {
        size_t wanted = kept->in_length + strm->avail_in;
        if (wanted > kept->in_capacity) {
            size_t capacity = kept->in_capacity ? kept->in_capacity : 65536;
            while (capacity < wanted) capacity *= 2;
            unsigned char *grown = realloc(kept->in, capacity);
            if (!grown) return Z_MEM_ERROR;
            kept->in = grown;
            kept->in_capacity = capacity;
        }
        memcpy(kept->in + kept->in_length, strm->next_in, strm->avail_in);
        kept->in_length += strm->avail_in;
        strm->total_in += strm->avail_in;
        strm->next_in += strm->avail_in;
        strm->avail_in = 0;
    } else if (flush != Z_FINISH) {
        return Z_BUF_ERROR;
    }
    if (flush != Z_FINISH) return Z_OK;
    if (!kept->compressed) {
        struct libdeflate_compressor *compressor = libdeflate_alloc_compressor(kept->level);
        if (!compressor) return Z_MEM_ERROR;
        size_t bound = libdeflate_zlib_compress_bound(compressor, kept->in_length);
        kept->out = malloc(bound ? bound : 1);
        if (!kept->out) {
            libdeflate_free_compressor(compressor);
            return Z_MEM_ERROR;
        }
        kept->out_length = libdeflate_zlib_compress(compressor, kept->in, kept->in_length, kept->out, bound);
        libdeflate_free_compressor(compressor);
        if (kept->out_length == 0) return Z_STREAM_ERROR;
        strm->adler = libdeflate_adler32(1, kept->in, kept->in_length);
        free(kept->in);
        kept->in = NULL;
        kept->in_length = kept->in_capacity = 0;
        kept->compressed = 1;
        atomic_fetch_add(&made_whole[kept->library], 1);
    }
    size_t left = kept->out_length - kept->out_sent;
    size_t count = left < strm->avail_out ? left : strm->avail_out;
    if (count == 0 && left > 0) return Z_BUF_ERROR;
    memcpy(strm->next_out, kept->out + kept->out_sent, count);
    kept->out_sent += count;
    strm->next_out += count;
    strm->avail_out -= (uInt)count;
    strm->total_out += count;
    return kept->out_sent == kept->out_length ? Z_STREAM_END : Z_OK;
}

int deflateEnd(z_streamp strm) {
    struct kept *kept = find_kept(strm, 1);
    if (!kept) {
        end_fn next = (end_fn)bulletin_next_definition(&zlib_end, "deflateEnd");
        return next ? next(strm) : Z_STREAM_ERROR;
    }
    int finished = kept->compressed && kept->out_sent == kept->out_length;
    free(kept->in);
    free(kept->out);
    free(kept);
    return finished ? Z_OK : Z_DATA_ERROR;
}
