/* A picture's pixels encoded as JPEG with libjpeg itself, for what gdk-pixbuf's JPEG saver
   cannot write: it writes three components a pixel, always, so a grey picture scaled down for
   the email edition went into the PDF as RGB, three samples a pixel where one holds it all.
   libjpeg is loaded in any case, by gdk-pixbuf's JPEG loader. Its errors end in a jump back to
   the call: libjpeg's own handler would end the process. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <jpeglib.h>
#include <jerror.h>
#include "jpeg_encoder.h"

struct failure {
    struct jpeg_error_mgr manager;
    jmp_buf back;
};

static void fail(j_common_ptr info) { longjmp(((struct failure *)info->err)->back, 1); }

/* Warnings and traces are not printed. */
static void say_nothing(j_common_ptr info) { (void)info; }

/* The JPEG's bytes, in a buffer of ours that doubles as it fills (libjpeg's own memory
   destination keeps its buffer to itself until the end, so a failure could not free it). */
struct destination {
    struct jpeg_destination_mgr manager;
    unsigned char *bytes;
    size_t capacity;
};

static void start_buffer(j_compress_ptr info) {
    struct destination *destination = (struct destination *)info->dest;
    destination->capacity = 65536;
    destination->bytes = malloc(destination->capacity);
    if (destination->bytes == NULL) {
        info->err->msg_code = JERR_OUT_OF_MEMORY;
        info->err->error_exit((j_common_ptr)info);
    }
    destination->manager.next_output_byte = destination->bytes;
    destination->manager.free_in_buffer = destination->capacity;
}

static boolean grow_buffer(j_compress_ptr info) {
    struct destination *destination = (struct destination *)info->dest;
    unsigned char *larger = realloc(destination->bytes, destination->capacity * 2);
    if (larger == NULL) {
        info->err->msg_code = JERR_OUT_OF_MEMORY;
        info->err->error_exit((j_common_ptr)info);
    }
    destination->bytes = larger;
    destination->manager.next_output_byte = larger + destination->capacity;
    destination->manager.free_in_buffer = destination->capacity;
    destination->capacity *= 2;
    return TRUE;
}

static void end_buffer(j_compress_ptr info) { (void)info; }

int bulletin_jpeg_encode(const uint8_t *pixels, int width, int height, size_t stride, int components, int quality,
                         uint8_t **out, size_t *length) {
    if (width <= 0 || height <= 0 || (components != 1 && components != 3)) return -1;
    struct jpeg_compress_struct info;
    struct failure failure;
    /* Volatile: set between setjmp and a longjmp, and read after it. */
    struct destination *volatile destination = calloc(1, sizeof(struct destination));
    JSAMPLE *volatile row = NULL;
    if (destination == NULL) return -1;
    info.err = jpeg_std_error(&failure.manager);
    failure.manager.error_exit = fail;
    failure.manager.output_message = say_nothing;
    if (setjmp(failure.back)) {
        jpeg_destroy_compress(&info);
        free(destination->bytes);
        free(destination);
        free(row);
        return -1;
    }
    jpeg_create_compress(&info);
    destination->manager.init_destination = start_buffer;
    destination->manager.empty_output_buffer = grow_buffer;
    destination->manager.term_destination = end_buffer;
    info.dest = &destination->manager;
    info.image_width = (JDIMENSION)width;
    info.image_height = (JDIMENSION)height;
    info.input_components = components;
    info.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality < 1 ? 1 : quality > 100 ? 100 : quality, TRUE);
    row = malloc((size_t)width * (size_t)components);
    if (row == NULL) longjmp(failure.back, 1);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        const uint32_t *from = (const uint32_t *)(pixels + (size_t)info.next_scanline * stride);
        JSAMPLE *to = row;
        if (components == 1) {
            for (int column = 0; column < width; column++) to[column] = (JSAMPLE)(from[column] & 0xFF);
        } else {
            for (int column = 0; column < width; column++, to += 3) {
                uint32_t pixel = from[column];
                to[0] = (JSAMPLE)(pixel >> 16 & 0xFF);
                to[1] = (JSAMPLE)(pixel >> 8 & 0xFF);
                to[2] = (JSAMPLE)(pixel & 0xFF);
            }
        }
        JSAMPROW rows[1] = {row};
        jpeg_write_scanlines(&info, rows, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    free(row);
    *out = destination->bytes;
    *length = destination->capacity - destination->manager.free_in_buffer;
    free(destination);
    return 0;
}
