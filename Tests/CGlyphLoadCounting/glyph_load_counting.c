// FreeType's FT_Load_Glyph, counted per thread, for the tests that check which thread loads
// the glyphs cairo draws (GlyphsAheadTests). Defined in the test binary, it comes before
// libfreetype's for cairo, and calls that one.
#define _GNU_SOURCE
#include <dlfcn.h>
#include "glyph_load_counting.h"

typedef int (*load_glyph_function)(void *face, unsigned int glyph_index, int load_flags);

static load_glyph_function freetypes;
static __thread unsigned long loads_on_this_thread;

int FT_Load_Glyph(void *face, unsigned int glyph_index, int load_flags)
{
    load_glyph_function load = __atomic_load_n(&freetypes, __ATOMIC_ACQUIRE);
    if (!load) {
        load = (load_glyph_function)dlsym(RTLD_NEXT, "FT_Load_Glyph");
        __atomic_store_n(&freetypes, load, __ATOMIC_RELEASE);
    }
    loads_on_this_thread++;
    return load(face, glyph_index, load_flags);
}

unsigned long bulletin_glyph_loads_on_this_thread(void) { return loads_on_this_thread; }
