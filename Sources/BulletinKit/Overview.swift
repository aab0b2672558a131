// BulletinKit: the whole pipeline as one call, used by the command line and end-to-end tests.
//
// `Bulletin.make` loads the issue folder, resolves and loads its layout, checks that every font
// family the layout names is installed, reads the stories' pictures, composes the document and
// writes the PDF atomically.
