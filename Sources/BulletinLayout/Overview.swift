// BulletinLayout: turns an Issue and a LayoutSpec into a Document of positioned text and rules.
//
// Steps:
// 1. typeset/ — `InlineRuns` flattens a block's inlines into styled runs; `ParagraphBuilder` cuts
//    them into words, asks the `TextShaper` for widths and the `Hyphenating` service for break
//    points, and builds Knuth–Plass items; `Typesetter` breaks them into `TypesetLine`s.
// 2. compose/ — `Composer` places the masthead, each story's spanning head and its body lines in
//    columns on a baseline grid, moving lines to avoid widows and orphans, balancing a story's
//    last columns, and paginating; `PageFurniture` adds running heads and footers.
//    Pictures become `Figure`s: a frame on the grid and a caption, one column element in the
//    body, or under the head across its columns for a story's lead picture.
// 3. output/ — `Document` is the result: pages of `PlacedText`, `Rule`s and `PlacedImage`s in
//    reading order, plus metadata and outline. `Document.dump()` prints it as text for tests.
//    `SheetPlan` says where the pages go on the PDF's pages: as they are, or for print with
//    trim, bleed and room for marks, one to a sheet or imposed as a booklet.
//
// Pure Swift: measuring comes through the `TextShaper` and `ImageMeasuring` protocols, so tests
// can use a fake shaper whose glyphs all have one width and pictures of sizes they choose, and
// BulletinGraphics supplies the real ones (Pango, the image library).
