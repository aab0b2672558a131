// BulletinGraphics: the only module that touches cairo, Pango, fontconfig, hyphenation pattern
// files, gdk-pixbuf, librsvg and libqpdf.
//
// `FontLibrary` owns a fontconfig configuration (the system's, with the project's and the
// issue's `fonts/` files added as application fonts) and the Pango font map and context built on
// it, with glyph-position rounding and hint metrics off so that shaped widths are the widths
// drawn in the PDF. `PangoShaper` measures text for the layout engine (it implements
// `TextShaper`); `Hyphenator` finds hyphenation points in TeX-derived patterns, read and applied as
// libhyphen does (`HyphenPatterns`);
// `ImageLibrary` reads and checks the stories' pictures (JPEG and PNG with gdk-pixbuf, SVG with
// librsvg, neither allowed to read other files or the network) and measures them for the
// layout (it implements `ImageMeasuring`); `CairoRenderer` draws a `Document` to PDF or PNG, the PDF's pages
// laid out on a `SheetPlan`'s sheets (`SheetDrawing`: the print edition's bleed, crop and
// registration marks and slug), with one link annotation per link and line and structure tags
// (`StructureTags`) for screen readers, keeping what cairo 1.16 cannot write (each article's
// /Lang, each figure's /Alt) in `StructureNotes`; `PDFFinishing` then sets with libqpdf what cairo
// 1.16 cannot write, the document's /Lang and the print edition's TrimBox and BleedBox. C pointers
// never leave this module: each is owned by a class that frees it.
