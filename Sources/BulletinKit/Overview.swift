// BulletinKit: the whole pipeline as one call, used by the command line and end-to-end tests.
//
// `Bulletin.make` loads the issue folder, resolves and loads its layout, checks that every font
// family the layout names is installed, reads the stories' pictures, composes the document and
// writes the PDF atomically: the email edition, or with `--for print` the print edition
// (`PrintEdition`: its sheets, slug, and warnings about blank pages and pictures below 200 dpi).
//
// The email edition has its pictures scaled down to the layout's `email.image_dpi`, large CJK
// fonts cut down to the glyphs drawn, and a warning when the file is over `email.size_budget`
// (SizeBudget.swift). `Bulletin.preview` draws pages as PNGs with the same renderer
// (Preview.swift); `Bulletin.mail` writes the issue as a MIME message with the PDF attached (Mail/).
//
// `Bulletin.check` reads every story on its own, collecting their errors instead of stopping at
// the first, composes what could be read and lists every problem (Check.swift);
// `Bulletin.newIssue` starts an issue folder (NewIssue.swift); `Bulletin.layouts` and
// `Bulletin.fonts` list what a layout may name (Listing.swift). `Bulletin.homes` says where
// bulletin's own layouts, fonts and sample are: beside the installed binary, in BULLETIN_HOME,
// or in the source checkout. A `BuildSession` keeps fonts and measured widths between the builds
// of `make --watch`.
