// HarfBuzz's subsetter, with FreeType and cairo's FreeType faces: the email edition's compact
// CJK fonts (see CompactFonts.swift).
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_FONT_FORMATS_H
#include <hb.h>
#include <hb-ft.h>
#include <hb-subset.h>
#include <cairo-ft.h>
