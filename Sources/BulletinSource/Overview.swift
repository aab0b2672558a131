// BulletinSource: reads an issue folder and a layout file into BulletinModel values.
//
// `IssueLoader` reads `issue.yaml` and `stories/*.md`; `FrontMatter` splits a story file into its
// YAML head and CommonMark body; `MarkdownReader` (the only importer of cmark-gfm, whose autolink
// extension makes bare web and e-mail addresses links) turns the body into `Block` values, with
// `Attributes` reading Pandoc's `{lang=…}` after a paragraph, on a fenced div or a span;
// `LayoutLoader` reads `layouts/NAME.yaml`. Every problem is an `InputError` naming
// the file and line, or a `Warning` when the issue can still be made.
//
// Hostile input is stopped where it enters: `TextFile` reads only regular UTF-8 files, within
// `Limits`, with every line ending made "\n"; `CleanedText` takes out characters that cannot be
// set in type (`Unprintable`); `YAMLProblem` turns Yams' errors into one located line with a
// hint; `IssueFolder` refuses files that links take outside the issue folder; `ImageLocator`
// finds each picture beside its story or in the issue folder, and refuses paths that leave it.
