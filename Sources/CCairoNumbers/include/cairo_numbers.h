#ifndef BULLETIN_CAIRO_NUMBERS_H
#define BULLETIN_CAIRO_NUMBERS_H

#include <stddef.h>

/* Whether the numbers cairo writes into a PDF (its __snprintf_chk calls for "%d", "%ld", "%f",
   "%.18f" and "%.*f") are formatted here (1, the default) or by glibc (0): the same bytes,
   in a fraction of glibc's time (Sources/CCairoNumbers/cairo_numbers.c). */
void bulletin_cairo_numbers_taken_over(int taken_over);

/* How many of cairo's numbers were formatted here: for tests. */
unsigned long bulletin_cairo_numbers_formatted(void);

/* `value` with `precision` (0-18) digits after the point, as "%.*f" prints it in the C
   locale, into `out` (64 bytes): its length, or -1 for a number left to glibc (not finite,
   or 2^63 and more in magnitude). For tests, which compare it with glibc's. */
int bulletin_format_fixed(double value, int precision, char *out);

#endif
