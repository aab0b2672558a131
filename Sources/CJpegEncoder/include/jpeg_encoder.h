#ifndef BULLETIN_JPEG_ENCODER_H
#define BULLETIN_JPEG_ENCODER_H

#include <stddef.h>
#include <stdint.h>

/* Encodes `height` rows of `width` pixels, each a native-endian 32-bit word 0x__RRGGBB (cairo's
   RGB24 and ARGB32 formats; the top byte is not read), as a baseline JPEG at `quality` (1-100)
   with `components` 1 (grey: the blue byte of each pixel, which is its red and green byte too
   in a grey picture) or 3 (red, green and blue as YCbCr). Rows are `stride` bytes apart.

   On success returns 0 and sets *out to the JPEG's bytes, from malloc, for the caller to free,
   and *length to their count; on failure (memory, a size libjpeg refuses) returns -1 and
   writes nothing. Nothing is printed either way. */
int bulletin_jpeg_encode(const uint8_t *pixels, int width, int height, size_t stride, int components, int quality,
                         uint8_t **out, size_t *length);

#endif
