/* The numbers cairo writes into a PDF, formatted without glibc's printf.

   Cairo 1.16 writes every number of a page's content, of its fonts' widths and of its
   structure through snprintf (cairo-output-stream.c: "%d" for integers, and _cairo_dtostr's
   "%f", or "%.18f" then "%.*f" below 0.1, for reals): for the sample issue about 26,000 calls,
   and at 200 pages about a sixth of the drawing thread's time in glibc's formatting (its
   multi-precision arithmetic for a double, its stream machinery for an integer). Debian builds
   cairo with _FORTIFY_SOURCE, so the calls are to __snprintf_chk.

   So this file defines __snprintf_chk ahead of glibc's (the executable's symbols come first).
   A call from libcairo with one of those five formats is formatted here, to the same bytes as
   glibc's: a double is exactly its 53-bit mantissa times a power of two, so its digits to 18
   places come from 128-bit integer arithmetic, rounded as glibc rounds (to nearest, a tie to
   even); the C locale's decimal point only. Every other call, and any number this does not
   take (not finite, 2^63 or more), goes to glibc's __vsnprintf_chk. */

#define _GNU_SOURCE
#include "cairo_numbers.h"

#include "library_loader.h"
#include <langinfo.h>
#include <math.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int __vsnprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, va_list ap);

static atomic_int taken_over = 1;
static atomic_ulong formatted;

void bulletin_cairo_numbers_taken_over(int on) { atomic_store(&taken_over, on); }

unsigned long bulletin_cairo_numbers_formatted(void) { return atomic_load(&formatted); }

static const uint64_t powers_of_ten[19] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
    1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
    100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
    1000000000000000000ULL,
};

/* The decimal digits of `value`, written to end at `end`: their start. */
static char *decimal(uint64_t value, char *end)
{
    do {
        *--end = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    return end;
}

int bulletin_format_fixed(double value, int precision, char *out)
{
    if (!isfinite(value) || precision < 0 || precision > 18 || fabs(value) >= 0x1p63) return -1;
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    int biased = (int)((bits >> 52) & 0x7ff);
    uint64_t mantissa = bits & ((1ULL << 52) - 1);
    if (biased) mantissa |= 1ULL << 52;
    else biased = 1;
    /* |value| = mantissa * 2^exponent, exactly; below 2^63 the exponent is at most 10. */
    int exponent = biased - 1075;
    /* |value| * 10^precision, exactly: under 2^53 * 2^60 before the shift, under 2^123 after. */
    unsigned __int128 scaled = (unsigned __int128)mantissa * powers_of_ten[precision];
    unsigned __int128 whole;
    if (exponent >= 0) {
        whole = scaled << exponent;
    } else if (-exponent >= 120) {
        /* Under 2^113, less than half of 2^120: rounds to 0. */
        whole = 0;
    } else {
        int shift = -exponent;
        whole = scaled >> shift;
        unsigned __int128 rest = scaled - (whole << shift), half = (unsigned __int128)1 << (shift - 1);
        if (rest > half || (rest == half && (whole & 1))) whole++;
    }
    uint64_t integer = (uint64_t)(whole / powers_of_ten[precision]);
    uint64_t fraction = (uint64_t)(whole % powers_of_ten[precision]);
    char buffer[64], *end = buffer + sizeof buffer, *start = end;
    if (precision > 0) {
        start = decimal(fraction, end);
        while (end - start < precision) *--start = '0';
        *--start = '.';
    }
    start = decimal(integer, start);
    /* glibc writes the sign of a negative number that rounds to zero, and of -0. */
    if (bits >> 63) *--start = '-';
    int length = (int)(end - start);
    memcpy(out, start, (size_t)length);
    out[length] = '\0';
    return length;
}

/* Writes `text` as snprintf does into `s` of `maxlen` bytes (cut short, always ended); the
   length of all of it. */
static int put(char *s, size_t maxlen, const char *text, int length)
{
    if (maxlen > 0) {
        size_t count = (size_t)length < maxlen - 1 ? (size_t)length : maxlen - 1;
        memcpy(s, text, count);
        s[count] = '\0';
    }
    return length;
}

static int put_integer(char *s, size_t maxlen, long value)
{
    char buffer[24], *end = buffer + sizeof buffer;
    char *start = decimal(value < 0 ? 0 - (uint64_t)value : (uint64_t)value, end);
    if (value < 0) *--start = '-';
    return put(s, maxlen, start, (int)(end - start));
}

int __snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int result = -1;
    /* A buffer smaller than the caller says is glibc's to report. */
    if (slen >= maxlen && format[0] == '%' && atomic_load_explicit(&taken_over, memory_order_relaxed)
        && bulletin_address_in_library(__builtin_return_address(0), "libcairo.so")) {
        char text[64];
        /* The five formats, told apart by their bytes after the '%'. */
        const char *spec = format + 1;
        int precision = -1;
        if (spec[0] == 'd' && spec[1] == '\0') {
            result = put_integer(s, maxlen, va_arg(ap, int));
        } else if (spec[0] == 'l' && spec[1] == 'd' && spec[2] == '\0') {
            result = put_integer(s, maxlen, va_arg(ap, long));
        } else if (spec[0] == 'f' && spec[1] == '\0') {
            precision = 6;
        } else if (strcmp(spec, ".18f") == 0) {
            precision = 18;
        } else if (strcmp(spec, ".*f") == 0) {
            precision = -2;
        }
        const char *point = precision != -1 ? nl_langinfo(RADIXCHAR) : NULL;
        if (point && point[0] == '.' && point[1] == '\0') {
            /* Read from a copy: a number this does not take is glibc's, from the first argument. */
            va_list peek;
            va_copy(peek, ap);
            if (precision == -2) precision = va_arg(peek, int);
            int length = bulletin_format_fixed(va_arg(peek, double), precision, text);
            va_end(peek);
            if (length >= 0) result = put(s, maxlen, text, length);
        }
        if (result >= 0) atomic_fetch_add_explicit(&formatted, 1, memory_order_relaxed);
    }
    if (result < 0) result = __vsnprintf_chk(s, maxlen, flag, slen, format, ap);
    va_end(ap);
    return result;
}
