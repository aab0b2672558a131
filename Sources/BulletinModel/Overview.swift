// BulletinModel: the value types every other module speaks.
//
// An `Issue` is what an office writes once a month: masthead facts, the contact footer and its
// `Story` values. A story's body is a tree of `Block` and `Inline` values read from CommonMark;
// its pictures are `ImageRef`s (path as written and as found, caption, credit, alt, span).
// A `LayoutSpec` is a design read from `layouts/NAME.yaml`: page, grid, text styles by role,
// colours and the templates of masthead, running head and footer; its `Wording` is the strings
// table of the words the pages print (bylines, jump lines, page numbers, month names) in each
// language. Nothing here touches a file
// or a C library; loading lives in BulletinSource, measuring and drawing in BulletinGraphics.
