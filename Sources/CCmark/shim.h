// cmark-gfm: CommonMark, plus GitHub's extensions (only autolink is attached; see MarkdownReader).
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
