// BulletinGraphics: the only module that touches cairo, Pango, fontconfig and libhyphen.
//
// `FontLibrary` owns a private fontconfig configuration (the project's and the issue's `fonts/`
// folders first, then the installed system fonts) and the Pango font map and context built on
// it, with glyph-position rounding and hint metrics off so that shaped widths are the widths
// drawn in the PDF. `PangoShaper` measures text for the layout engine (it implements
// `TextShaper`); `Hyphenator` finds hyphenation points with libhyphen and TeX-derived patterns;
// `CairoRenderer` draws a `Document` to PDF or PNG. C pointers never leave this module: each
// is owned by a class that frees it.
