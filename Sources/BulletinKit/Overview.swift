// BulletinKit: the whole pipeline as one call, used by the command line and end-to-end tests.
//
// `Bulletin.make` loads the issue folder, resolves and loads its layout, checks that every font
// family the layout names is installed, reads the stories' pictures, composes the document and
// writes the PDF atomically.
//
// The PDF is the email edition unless `MakeOptions` says otherwise: pictures scaled down to the
// layout's `email.image_dpi`, large CJK fonts cut down to the glyphs drawn, and a warning when
// the file is over `email.size_budget` (SizeBudget.swift). `Bulletin.preview` draws pages as PNGs
// with the same renderer (Preview.swift); `Bulletin.mail` writes the issue as a MIME message with
// the PDF attached (Mail/).
