// cmark-gfm: CommonMark, plus GitHub's extensions (autolink, table, strikethrough and tasklist are attached; see MarkdownReader).
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
