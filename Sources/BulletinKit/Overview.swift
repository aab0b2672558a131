// BulletinKit: the whole pipeline as one call, used by the command line and end-to-end tests.
//
// `Bulletin.make` loads the issue folder, resolves and loads its layout, checks that every font
// family the layout names is installed, reads the stories' pictures, composes the document and
// writes the PDF atomically: the email edition, or with `--for print` the print edition
// (`PrintEdition`: its sheets, slug, and warnings about blank pages and pictures below 200 dpi).
