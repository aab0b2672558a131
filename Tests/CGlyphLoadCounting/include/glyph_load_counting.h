#ifndef BULLETIN_GLYPH_LOAD_COUNTING_H
#define BULLETIN_GLYPH_LOAD_COUNTING_H

/// The glyphs FreeType has loaded on the calling thread (FT_Load_Glyph calls), since it started.
unsigned long bulletin_glyph_loads_on_this_thread(void);

#endif
