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
