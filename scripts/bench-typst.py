#!/usr/bin/env python3
"""Times Typst and `bulletin make` on the same newsletter issue, side by side.

    python3 scripts/bench-typst.py [ISSUE ...] [--runs N] [--stress PAGES] [--keep DIR]

    python3 scripts/bench-typst.py                              # examples/sample, 7 runs of each
    python3 scripts/bench-typst.py examples/sample examples/research-digest --runs 11 --stress 50

Needs `pip install typst pyyaml` (the PyPI package "typst": Typst's compiler as a Python module),
poppler-utils (pdfinfo, pdftotext) for page and word counts and fontconfig (fc-list) to find fonts.

For each issue the script reads issue.yaml, the stories (YAML front matter and Markdown) and the
layout the issue names (the issue's own layouts/ first, then bulletin's layouts/), and writes an
equivalent Typst document into a temporary folder: the layout's paper, margins, columns, gutter,
fonts, sizes and leading; the masthead, an "In this issue" list, each story's kicker, headline
across its columns, deck and byline, its body justified and hyphenated in its own language,
pictures with captions, block quotes, lists, subheads and links; the running head, the footer
with "page N of M" and an imprint. Typst cannot balance columns (0.15 has no such option), so the
document is written twice, and both are timed:

- balanced (main.typ): the document balances each story's last columns itself, from heights it
  measures in Typst (`measure`), as a Typst user would by hand. Its pages are laid out like
  bulletin's, but Typst then lays every paragraph out twice (the measured one-column layout is not
  reused in the columns), about double the work of plain columns.
- plain (plain.typ): the same stories in plain Typst columns, which fill from the left and are not
  balanced: more pages, but the least work Typst can do for this text.

What is timed, as the project's target says ("Typst's own engine, timed inside the process on its
first compile and without the Python start-up"):

- Typst: a fresh Python process per run imports typst (not timed), then times one call of
  typst.compile(...) to PDF bytes, the first compile in that process (a cold compile: fonts are
  found and read, nothing is cached). Fonts come from the folders that hold the layout's families
  (fc-list), not from a scan of every system font (--system-fonts adds those).
- bulletin: the whole process `bulletin make ISSUE -o TMP.pdf`, wall time measured with
  time.perf_counter around subprocess.run, with an empty XDG_CACHE_HOME per run as
  scripts/bench.sh does. This figure includes the process's own start-up; Typst's excludes
  Python's start-up and the import of the module.

The runs go in turns (one run of each of the three a round, which goes first rotating), because
the machine's speed drifts. Each is reported as median (min–max) in ms, with pages and words
(pdftotext) of the PDF each made, and the ratios of the medians typst_ms / bulletin_ms. Compare
the word counts before the times: they should agree within a few per cent (Typst's PDFs have no
"Continued on page N" lines, and plain columns make more pages, so more running heads and footers).
`--keep DIR` keeps the Typst documents and all three PDFs to look at.
"""

import argparse
import collections
import datetime
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# ---------------------------------------------------------------------------------------------
# Reading an issue
# ---------------------------------------------------------------------------------------------

PAPER = {"a4": (595.276, 841.89), "a3": (841.89, 1190.551), "a5": (419.528, 595.276),
         "letter": (612.0, 792.0), "legal": (612.0, 1008.0), "tabloid": (792.0, 1224.0)}
UNITS = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}

# The words bulletin prints around the stories' own (bylines, page numbers, box titles), in
# English for every issue: a few words a page, the same work in any language, and no copy of
# bulletin's tables of them in other languages to keep in step.
WORDS = {"written_by": "Written by {names}", "edited_by": "Edited by {names}", "and": " and ", "comma": ", ",
         "page": "page {page}", "page_of": "page {page} of {pages}", "volume": "Volume {volume}",
         "number": "Number {number}", "volume_number": "Volume {volume}, Number {number}",
         "editors": "Editors: {editors}", "telephone": "Tel. {telephone}", "contents": "In this issue",
         "imprint": "Imprint", "quote_open": "“", "quote_close": "”"}
MONTHS = "January February March April May June July August September October November December".split()
CJK = ("zh", "ja", "ko")


def base_lang(lang):
    return str(lang or "en").split("-")[0].lower()


def read_yaml(path):
    import yaml
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


def read_story(path):
    """A story file: its front matter (a dict) and its Markdown body."""
    import yaml
    text = open(path, encoding="utf-8").read().lstrip("\ufeff")
    meta, body = {}, text
    if text.startswith("---"):
        end = re.search(r"^---\s*$", text[3:], re.M)
        if end:
            meta = yaml.safe_load(text[3:3 + end.start()]) or {}
            body = text[3 + end.end():]
    return meta, body


def read_issue(folder):
    """issue.yaml and the stories in bulletin's order: by file name, `order: N` at place N,
    fillers and narrow stories last (bulletin sets them in the free space it finds)."""
    issue = read_yaml(os.path.join(folder, "issue.yaml"))
    names = sorted(n for n in os.listdir(os.path.join(folder, "stories")) if n.endswith((".md", ".markdown")))
    stories = []
    for place, name in enumerate(names, 1):
        path = os.path.join(folder, "stories", name)
        meta, body = read_story(path)
        if meta.get("draft"):
            continue
        meta["_path"], meta["_body"] = path, body
        # `order: N` puts a story at place N, before the story that is there by its file name.
        meta["_place"] = (float(meta["order"]), 0) if "order" in meta else (float(place), 1)
        stories.append(meta)
    stories.sort(key=lambda s: s["_place"])
    main = [s for s in stories if not s.get("filler") and not s.get("columns")]
    small = [s for s in stories if s.get("filler") or s.get("columns")]
    return issue, main, small


def find_layout(folder, name):
    for base in (os.path.join(folder, "layouts"), os.environ.get("BULLETIN_HOME", REPO) + "/layouts"):
        path = os.path.join(base, f"{name}.yaml")
        if os.path.exists(path):
            return read_yaml(path)
    sys.exit(f"layout {name!r} not found for {folder}")


def pt(value, em=None):
    """A layout length in points: '15mm', '11pt', '1em' (of `em` points) or a bare number."""
    if isinstance(value, (int, float)):
        return float(value)
    m = re.fullmatch(r"\s*(-?[\d.]+)\s*(pt|mm|cm|in|em)?\s*", str(value))
    if not m:
        sys.exit(f"not a length: {value!r}")
    number, unit = float(m.group(1)), m.group(2) or "pt"
    return number * (em if unit == "em" else UNITS[unit])


def month_words(date, lang):
    """'2026-11' or a date → 'November 2026' in the issue's language (2026年11月 in Chinese)."""
    if isinstance(date, (datetime.date, datetime.datetime)):
        year, month = date.year, date.month
    else:
        m = re.match(r"(\d{4})-(\d{1,2})", str(date or ""))
        if not m:
            return str(date or "")
        year, month = int(m.group(1)), int(m.group(2))
    if base_lang(lang) in CJK:
        return f"{year}年{month}月"
    return f"{MONTHS[month - 1]} {year}"


def join_names(names):
    if isinstance(names, str):
        names = [names]
    names = [str(n) for n in names or []]
    if len(names) <= 1:
        return "".join(names)
    return WORDS["comma"].join(names[:-1]) + WORDS["and"] + names[-1]


# ---------------------------------------------------------------------------------------------
# Typst text: escaping, Markdown inline and block conversion
# ---------------------------------------------------------------------------------------------

def esc(text):
    """Plain text as Typst markup: every ASCII punctuation mark escaped, so nothing is markup."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


def tstr(text):
    """A Typst string literal."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


URL = r"(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?'\"”’)\]]"
EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
INLINE = re.compile(
    r"(?P<code>`[^`]+`)"
    r"|(?P<link>\[(?P<ltext>[^\]]+)\]\((?P<lurl>[^)\s]+)(?:\s+\"[^\"]*\")?\))"
    r"|(?P<span>\[(?P<stext>[^\]]+)\]\{lang=(?P<slang>[\w-]+)\})"
    r"|(?P<strong>\*\*(?P<stx>.+?)\*\*|__(?P<stx2>.+?)__)"
    r"|(?P<em>\*(?P<etx>[^*\s](?:.*?[^*\s])?)\*|(?<!\w)_(?P<etx2>[^_]+?)_(?!\w))"
    rf"|(?P<url>{URL})"
    rf"|(?P<email>{EMAIL})")


def inline(text):
    """Markdown inline text → Typst markup: emphasis, strong, code, links, bare URLs and
    addresses, and Pandoc spans `[words]{lang=xx}`."""
    out, pos = [], 0
    for m in INLINE.finditer(text):
        out.append(esc(text[pos:m.start()]))
        pos = m.end()
        if m.group("code"):
            out.append(f"#raw({tstr(m.group('code')[1:-1])})")
        elif m.group("link"):
            url = m.group("lurl")
            out.append(f"#link({tstr(url)})[{inline(m.group('ltext'))}]")
        elif m.group("span"):
            out.append(f"#text(lang: {tstr(base_lang(m.group('slang')))})[{inline(m.group('stext'))}]")
        elif m.group("strong"):
            out.append(f"#strong[{inline(m.group('stx') or m.group('stx2'))}]")
        elif m.group("em"):
            out.append(f"#emph[{inline(m.group('etx') or m.group('etx2'))}]")
        elif m.group("url"):
            url = m.group("url")
            target = url if url.startswith("http") else "http://" + url
            out.append(f"#link({tstr(target)})[{esc(url)}]")
        elif m.group("email"):
            out.append(f"#link({tstr('mailto:' + m.group('email'))})[{esc(m.group('email'))}]")
    out.append(esc(text[pos:]))
    return "".join(out)


LANG_ATTR = re.compile(r"\s*\{lang=([\w-]+)\}\s*$")
LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
IMAGE_LINE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<path>[^)\s]+)(?:\s+\"(?P<title>[^\"]*)\")?\)\s*$")


class Story:
    """Converts one story's Markdown body to Typst, block by block."""

    def __init__(self, meta, cjk, picture):
        self.meta, self.cjk, self.picture = meta, cjk, picture
        self.paragraphs = 0

    def role(self, name):
        return f"r-{name}(cjk: true)" if self.cjk else f"r-{name}"

    def blocks(self, lines):
        """A list of Markdown lines → Typst markup, one block a line."""
        out, i = [], 0
        while i < len(lines):
            line = lines[i]
            stripped = line.strip()
            if not stripped:
                i += 1
            elif stripped.startswith(":::"):                    # fenced div ::: {lang=xx}
                lang = LANG_ATTR.search(" " + stripped[3:])
                j = i + 1
                while j < len(lines) and lines[j].strip() != ":::":
                    j += 1
                inner = self.blocks(lines[i + 1:j])
                out.append(f"#text(lang: {tstr(base_lang(lang.group(1)))})[\n{inner}\n]" if lang else inner)
                i = j + 1
            elif stripped.startswith("```") or stripped.startswith("~~~"):   # code block
                j = i + 1
                while j < len(lines) and not lines[j].strip().startswith(stripped[:3]):
                    j += 1
                out.append(f"#r-code(raw(block: true, {tstr(chr(10).join(lines[i + 1:j]))}))")
                i = j + 1
            elif re.match(r"#{1,6}\s", stripped):                # subhead
                text, lang = self.lang_of(stripped.lstrip("#").strip())
                out.append(self.with_lang(f"#{self.role('subhead')}[{inline(text)}]", lang))
                i += 1
            elif stripped.startswith(">"):                       # block quote
                j = i
                while j < len(lines) and lines[j].strip().startswith(">"):
                    j += 1
                inner = [re.sub(r"^\s*>\s?", "", x) for x in lines[i:j]]
                out.append(f"#{self.role('quote')}[\n{self.blocks(inner)}\n]")
                i = j
            elif LIST_ITEM.match(line):                          # bullet or numbered list
                j = i + 1
                while j < len(lines):
                    here, after = lines[j], lines[j + 1] if j + 1 < len(lines) else ""
                    if here.strip() and (LIST_ITEM.match(here) or here[:1].isspace()):
                        j += 1          # an item, or an indented line belonging to one
                    elif not here.strip() and after.strip() and (LIST_ITEM.match(after) or after[:1].isspace()):
                        j += 1          # a blank line inside a loose list
                    else:
                        break
                out.append(self.list(lines[i:j]))
                i = j
            elif IMAGE_LINE.match(stripped):                     # a picture one column wide
                m = IMAGE_LINE.match(stripped)
                out.append(self.picture(m.group("path"), m.group("title"), None, m.group("alt")))
                i += 1
            else:                                                # a paragraph: lines up to a blank or a block
                j = i + 1
                while j < len(lines) and lines[j].strip() and not re.match(r"\s*(#{1,6}\s|>|:::|```)", lines[j]) \
                        and not LIST_ITEM.match(lines[j]):
                    j += 1
                text, lang = self.lang_of(" ".join(x.strip() for x in lines[i:j]))
                out.append(self.with_lang(inline(text), lang))
                self.paragraphs += 1
                if self.paragraphs == 2 and self.meta.get("pull_quote"):
                    quote = WORDS["quote_open"] + str(self.meta["pull_quote"]) + WORDS["quote_close"]
                    out.append(f"#{self.role('pull_quote')}[{esc(quote)}]")
                i = j
        return "\n\n".join(out)

    def list(self, lines):
        """Lines of one list (items and their indented continuations) → #list or #enum."""
        indent = len(LIST_ITEM.match(lines[0]).group(1))
        items, ordered, start = [], LIST_ITEM.match(lines[0]).group(2)[0].isdigit(), 1
        if ordered:
            start = int(re.match(r"\d+", LIST_ITEM.match(lines[0]).group(2)).group())
        for line in lines:
            m = LIST_ITEM.match(line)
            if m and len(m.group(1)) <= indent:
                items.append([m.group(3)])
            elif items:
                items[-1].append(line[indent + 2:] if line[:indent + 2].isspace() else line.strip())
        cells = []
        for item in items:
            first, rest = item[0], item[1:]
            j = 0
            while j < len(rest) and rest[j].strip() and not LIST_ITEM.match(rest[j]):
                first += " " + rest[j].strip()    # lazy continuation of the item's first paragraph
                j += 1
            body = inline(first)
            if rest[j:]:
                body += "\n\n" + self.blocks(rest[j:])
            cells.append(f"[{body}]")
        if ordered:
            return f"#enum(start: {start}, {', '.join(cells)})"
        return f"#list({', '.join(cells)})"

    @staticmethod
    def lang_of(text):
        m = LANG_ATTR.search(text)
        return (text[:m.start()], base_lang(m.group(1))) if m else (text, None)

    @staticmethod
    def with_lang(markup, lang):
        return f"#text(lang: {tstr(lang)})[{markup}]" if lang else markup


# ---------------------------------------------------------------------------------------------
# The Typst document
# ---------------------------------------------------------------------------------------------

# The part of the document that is the same for every issue: how stories are placed.
ENGINE = r"""
// Round a height up to whole lines of the baseline grid.
#let ceil-step(h) = calc.ceil(h / step - 0.01) * step

// What n columns of height h hold of a story measured in one column: whole lines, less one
// line a column for what a column break costs (widows, orphans, a subhead kept with its text).
#let holds(h, n) = calc.max(0pt, (calc.floor(h / step + 0.01) * step - step) * n)

// A story's head and its body in n balanced columns, where `rem` is left on the page: returns
// the content and what is left on the page after it. A story longer than the page fills the
// page's columns and goes on on the next pages; its last page's columns are balanced.
#let place-story(head, body, n, rem, slack) = {
  let w = n * colw + (n - 1) * gut
  let hh = ceil-step(measure(block(width: w, head)).height)
  let bh = measure(block(width: colw, body)).height
  let out = block(width: w, height: hh, breakable: false, head)
  rem -= hh
  let last = ceil-step(bh / n) + slack
  let x = 0pt
  if last <= rem or bh <= holds(rem, n) {
    x = calc.min(last, rem)
    rem -= x
  } else {
    let left = bh - holds(rem, n)
    x = rem
    rem = full-h
    while true {
      last = ceil-step(left / n) + slack
      if last <= full-h - 2 * step { x += last; rem = full-h - last; break }
      x += full-h
      left -= holds(full-h, n)
      rem = 0pt
      if left <= 0pt { break }
      rem = full-h
    }
  }
  out += block(width: w, height: x, breakable: true, columns(n, gutter: gut, body))
  (out, rem)
}

// The rule between two stories, in the middle of the gap.
#let story-rule = {
  v(gap / 2 - rule-w / 2)
  line(length: 100%, stroke: rule-w + c-rule)
  v(gap / 2 - rule-w / 2)
}

// Sets the masthead and then every item: a story across the columns, or a row of small ones
// (narrow stories, fillers, the imprint) side by side.
#let set-issue(masthead, items) = context {
  set block(spacing: 0pt)
  masthead
  let rem = full-h + top-h - measure(block(width: textw, masthead)).height
  let fresh = true
  for it in items {
    if it.kind == "story" {
      let w = it.n * colw + (it.n - 1) * gut
      let need = ceil-step(measure(block(width: w, it.head)).height) + 3 * step
      if not fresh and gap + need > rem { pagebreak(); rem = full-h; fresh = true }
      if not fresh { story-rule; rem -= gap }
      let (content, left) = place-story(it.head, it.body, it.n, rem, step)
      content
      rem = left
      fresh = rem >= full-h - 0.1pt
    } else {
      // A row: each cell a head and its body balanced in the cell's columns, on one page.
      let cells = ()
      let height = 0pt
      for c in it.cells {
        let w = c.n * colw + (c.n - 1) * gut
        let hh = ceil-step(measure(block(width: w, c.head)).height)
        let x = ceil-step(measure(block(width: colw, c.body)).height / c.n) + 2 * step
        cells.push(block(width: w, { block(height: hh, c.head); block(height: x, columns(c.n, gutter: gut, c.body)) }))
        height = calc.max(height, hh + x)
      }
      if not fresh and gap + height > rem { pagebreak(); rem = full-h; fresh = true }
      if not fresh { story-rule; rem -= gap }
      grid(columns: it.cells.map(c => c.n * colw + (c.n - 1) * gut), column-gutter: gut, ..cells)
      rem -= height
      fresh = false
    }
  }
}

// The same items in plain Typst columns: nothing measured, nothing balanced. A story's columns
// fill from the left, so a story that reaches its second column on a page takes that page.
#let set-issue-plain(masthead, items) = {
  set block(spacing: 0pt)
  masthead
  for it in items {
    if it.kind == "story" {
      block(width: it.n * colw + (it.n - 1) * gut, breakable: false, it.head)
      columns(it.n, gutter: gut, it.body)
      story-rule
    } else {
      grid(columns: it.cells.map(c => c.n * colw + (c.n - 1) * gut), column-gutter: gut,
        ..it.cells.map(c => { c.head; columns(c.n, gutter: gut, c.body) }))
    }
  }
}
"""


def find_fonts(families):
    """The folders that hold each family's files (fc-list), and the families not found."""
    folders, missing = set(), []
    for family in families:
        try:
            files = subprocess.run(["fc-list", family, "file"], capture_output=True, text=True).stdout.split()
        except FileNotFoundError:
            return [], []
        files = [f.rstrip(":") for f in files if f.strip()]
        if not files:
            missing.append(family)
        folders.update(os.path.dirname(f) for f in files)
    return sorted(folders), missing


def resolve_family(name):
    """A generic family (serif, sans-serif, monospace) as the family fontconfig gives it."""
    if name.lower() in ("serif", "sans-serif", "sans", "monospace", "mono"):
        try:
            return subprocess.run(["fc-match", "-f", "%{family[0]}", name], capture_output=True, text=True).stdout
        except FileNotFoundError:
            return name
    return name


class Document:
    """Writes one issue as Typst documents (main.typ, plain.typ and their pictures) in a folder."""

    def __init__(self, folder, out):
        self.folder, self.out = os.path.abspath(folder), out
        self.issue, self.main, self.small = read_issue(self.folder)
        self.layout = find_layout(self.folder, self.issue.get("layout", "classic"))
        langs = collections.Counter(base_lang(s.get("lang")) for s in self.main + self.small)
        self.lang = base_lang(self.issue.get("lang") or (langs.most_common(1)[0][0] if langs else "en"))
        self.pictures = 0
        self.families = set()
        os.makedirs(os.path.join(out, "img"), exist_ok=True)

    # -- layout ----------------------------------------------------------------------------------

    def geometry(self):
        page = self.layout.get("page", {})
        size = page.get("size", "A4")
        width, height = (pt(size[0]), pt(size[1])) if isinstance(size, list) else PAPER[str(size).lower()]
        margins = page.get("margins", "15mm")
        if isinstance(margins, dict):
            m = {side: pt(margins.get(side, "15mm")) for side in ("top", "bottom", "left", "right")}
        else:
            m = dict.fromkeys(("top", "bottom", "left", "right"), pt(margins))
        grid = self.layout["grid"]
        cols, gutter = int(grid["columns"]), pt(grid["gutter"])
        text_w = width - m["left"] - m["right"]
        head_h = pt(self.layout.get("running_head", {}).get("height", "22pt"))
        foot_h = pt(self.layout.get("footer", {}).get("height", "28pt"))
        return dict(width=width, height=height, margins=m, cols=cols, gutter=gutter, text_w=text_w,
                    col_w=(text_w - (cols - 1) * gutter) / cols, step=pt(grid["baseline"]),
                    head_h=head_h, foot_h=foot_h, full_h=height - m["top"] - m["bottom"] - head_h - foot_h)

    def styles(self):
        """The layout's styles by role, the optional ones derived as layouts/README.md says."""
        s = {k: dict(v) for k, v in self.layout["styles"].items()}
        byline, deck, subhead = s["byline"], s["deck"], s["subhead"]
        plain = {"space_before": 0, "space_after": 0, "uppercase": False}
        s.setdefault("caption", {**byline, **plain, "align": "left", "indent": 0})
        s.setdefault("box_title", {**subhead, **plain})
        s.setdefault("box_text", {**byline, **plain, "align": "left", "leading": s["body"].get("leading")})
        size, leading = pt(deck["size"]), pt(deck.get("leading", pt(deck["size"]) * 1.2), pt(deck["size"]))
        s.setdefault("pull_quote", {**deck, **plain, "size": f"{size * 1.15}pt", "leading": f"{leading * 1.1}pt",
                                    "align": "left", "colour": "accent"})
        s.setdefault("code", {**s["body"], "family": "Liberation Mono", "align": "left", "indent": 0})
        return s

    def role_function(self, name, style):
        """A Typst function that sets its body in one role's style, with the role's leading as a
        fixed distance between baselines (the line box is exactly `leading` high)."""
        size = pt(style["size"])
        leading = pt(style.get("leading", size * 1.2), size)
        families = [resolve_family(f.strip()) for f in str(style["family"]).split(",")]
        fallback = [str(f) for f in (self.layout.get("fonts") or {}).get("fallback", [])]
        cjk = [f for f in fallback if "CJK" in f]
        self.families.update(families + fallback)
        latin = families + [f for f in fallback if f not in families]
        # CJK text takes the CJK faces first; a byline keeps its own family first (README, fonts).
        cjk_first = families + cjk + latin if name == "byline" else cjk + latin
        cjk_first = list(dict.fromkeys(cjk_first))               # each family once, first place kept
        colour = style.get("colour", "text")
        weight = "bold" if style.get("weight") == "bold" else "regular"
        italic = "italic" if style.get("style") == "italic" else "normal"
        tracking = pt(style.get("tracking", 0), size) / size
        align = {"justify": "left", "centre": "center"}.get(style.get("align", "left"), style.get("align", "left"))
        justify = style.get("align") == "justify"
        hyphen = justify and (self.layout.get("hyphenation") or {}).get("enabled", True) \
            and name in ("body", "quote", "code")
        indent = pt(style.get("indent", 0), size)
        below = (leading - size) / 2 + 0.22 * size                # the baseline's place in the line box
        body = "upper(it)" if style.get("uppercase") else "it"
        # `scale` makes a narrow story's head smaller (by the square root of its share of the columns).
        return (f"#let r-{name}(cjk: false, scale: 1, it) = {{\n"
                f"  set text(font: if cjk {{ ({', '.join(map(tstr, cjk_first))},) }} "
                f"else {{ ({', '.join(map(tstr, latin))},) }}, size: scale * {size:.3f}pt, weight: \"{weight}\", "
                f"style: \"{italic}\", fill: c-{colour}, tracking: {tracking:.4f}em, "
                f"top-edge: scale * {leading - below:.3f}pt, bottom-edge: scale * {-below:.3f}pt, "
                f"hyphenate: {str(hyphen).lower()})\n"
                f"  set par(leading: 0pt, spacing: 0pt, justify: {str(justify).lower()}, "
                f"first-line-indent: {indent:.3f}pt, linebreaks: \"optimized\")\n"
                f"  set align({align})\n"
                f"  {body}\n}}\n")

    # -- issue fields and templates --------------------------------------------------------------

    def fields(self):
        i, contact = self.issue, self.issue.get("contact") or {}
        values = {"title": i.get("title"), "subtitle": i.get("subtitle"), "volume": i.get("volume"),
                  "number": i.get("number"), "month": month_words(i.get("date"), self.lang), "date": i.get("date"),
                  "editors": join_names(i.get("editors")), "copyright": i.get("copyright")}
        for key in ("organisation", "address", "telephone", "email", "web"):
            values[key] = contact.get(key)
        return {k: ("" if v is None else str(v)) for k, v in values.items()}

    def template(self, text, lang=None):
        """A layout template → Typst markup: parts between ' · ' whose fields are empty left out;
        {page} and {pages} become the page counter (the markup is used inside `context`)."""
        fields = self.fields()
        parts = []
        for part in str(text).split(" · "):
            names = re.findall(r"\{(\w+)\}", part)
            if any(n not in ("page", "pages") and not fields.get(n) for n in names):
                continue
            markup = ""
            for piece in re.split(r"(\{\w+\})", part):
                key = piece[1:-1] if piece.startswith("{") else None
                if key == "page":
                    markup += "#counter(page).display()"
                elif key == "pages":
                    markup += "#counter(page).final().first()"
                elif key == "email":
                    markup += f"#link({tstr('mailto:' + fields['email'])})[{esc(fields['email'])}]"
                elif key == "web":
                    web = fields["web"]
                    markup += f"#link({tstr(web if '://' in web else 'https://' + web)})[{esc(web)}]"
                elif key:
                    markup += esc(fields.get(key, ""))
                else:
                    markup += esc(piece)
            parts.append(markup)
        return " · ".join(parts)

    # -- pictures ----------------------------------------------------------------------------------

    def copy_picture(self, path, story_path):
        """Copies a picture (beside the story first, then in the issue folder) into img/."""
        for base in (os.path.dirname(story_path), self.folder):
            source = os.path.normpath(os.path.join(base, path))
            if os.path.isfile(source):
                self.pictures += 1
                name = f"img/{self.pictures}{os.path.splitext(source)[1].lower()}"
                shutil.copyfile(source, os.path.join(self.out, name))
                return name
        sys.exit(f"picture {path} not found for {story_path}")

    def picture_maker(self, story, cjk):
        def picture(path, caption, credit, alt):
            name = self.copy_picture(path, story["_path"])
            role = "r-caption(cjk: true)" if cjk else "r-caption"
            text = f"#{role}[{inline(caption)}]" if caption else ""
            if credit:
                text += f"#{role}[#emph[{inline(credit)}]]"
            return f"#fig({tstr(name)}, {tstr(alt or '')}, [{text}])"
        return picture

    # -- stories -----------------------------------------------------------------------------------

    def story(self, meta, number, n):
        """One story as a Typst dictionary: its head (kicker, headline, deck, byline, a wide
        picture) and its body."""
        lang = base_lang(meta.get("lang") or self.lang)
        cjk = lang in CJK
        role = (lambda r, more="": f"r-{r}(cjk: {str(cjk).lower()}{more})")
        g = self.geo
        scale = math.sqrt(n / g["cols"])           # narrow stories: smaller heads, by sqrt of their share
        head = [f"[#metadata(none)<s{number}>]"]
        if meta.get("kicker"):
            head.append(f"{role('kicker')}[{inline(str(meta['kicker']))}]")
        head.append(f"{role('headline', f', scale: {scale:.4f}')}[{inline(str(meta['title']))}]")
        if meta.get("deck"):
            deck_cols = n - 1 if n >= 3 else n
            width = deck_cols * g["col_w"] + (deck_cols - 1) * g["gutter"]
            head.append(f"block(width: {width:.3f}pt, {role('deck', f', scale: {scale:.4f}')}[{inline(str(meta['deck']))}])")
        byline = []
        if meta.get("written_by"):
            byline.append(WORDS["written_by"].replace("{names}", join_names(meta["written_by"])))
        if meta.get("edited_by"):
            byline.append(WORDS["edited_by"].replace("{names}", join_names(meta["edited_by"])))
        if byline:
            head.append(f"{role('byline')}[{esc(' · '.join(byline))}]")
        head.append(f"v({self.geo['step'] / 2:.3f}pt)")

        picture = self.picture_maker(meta, cjk)
        body_parts = []
        image = meta.get("image")
        if image:
            if isinstance(image, str):
                image = {"path": image}
            span = image.get("span", 1)
            span = n if span == "all" else min(int(span), n)
            fig = picture(image["path"], image.get("caption"), image.get("credit"), image.get("alt"))
            if span > 1:                            # across columns, under the headline
                width = span * g["col_w"] + (span - 1) * g["gutter"]
                head.append(f"block(width: {width:.3f}pt, [{fig}])")
            else:                                   # at the top of the text, one column wide
                body_parts.append(fig)
        converter = Story(meta, cjk, picture)
        body_parts.append(converter.blocks(meta["_body"].splitlines()))
        body = "\n".join(body_parts)
        return (f"(kind: \"story\", n: {n}, head: {{\n  " + "\n  ".join(head) + "\n}, "
                f"body: {role('body')}[#text(lang: {tstr(lang)})[\n{body}\n]])")

    def contents(self):
        """'In this issue': each story that is not a filler and its page."""
        entries = []
        for number, meta in enumerate(self.main + self.small, 1):
            if meta.get("filler"):
                continue
            page = f"#context {{ let q = query(<s{number}>); if q.len() > 0 [#q.first().location().page()] }}"
            entries.append(f"#entry[{inline(str(meta['title']))}][{page}]")
        title = (self.layout.get("contents") or {}).get("title", WORDS["contents"])
        return (f"(kind: \"story\", n: {self.geo['cols']}, head: r-box_title[{esc(title)}], "
                f"body: r-box_text[\n" + "\n".join(entries) + "\n])")

    def imprint(self):
        imprint = self.layout.get("imprint") or {}
        lines = imprint.get("lines", ["{title} · Volume {volume}, Number {number} · {month}", "Editors: {editors}",
                                      "{organisation}", "{address}", "Tel. {telephone}", "{email}", "{web}",
                                      "{copyright}"])
        lines = [self.template(line) for line in lines]
        body = "\n\n".join(f"#context [{line}]" for line in lines if line)
        title = self.template(imprint.get("title", "Imprint"))
        return f"(n: 1, head: r-box_title[#context [{title}]], body: r-box_text[\n{body}\n])"

    def write(self):
        g = self.geo = self.geometry()
        lay = self.layout
        colours = {"text": "#000000", "accent": "#000000", "rule": "#000000", "muted": "#000000"}
        colours.update(lay.get("colours") or {})
        out = [f"// Written by scripts/bench-typst.py from {self.folder}; the layout is {lay.get('name')}.\n"]
        out.append(f"#let textw = {g['text_w']:.3f}pt\n#let colw = {g['col_w']:.3f}pt\n#let gut = {g['gutter']:.3f}pt\n"
                   f"#let step = {g['step']:.3f}pt\n#let full-h = {g['full_h']:.3f}pt\n#let top-h = {g['head_h']:.3f}pt\n")
        story = lay.get("story") or {}
        gap, rule = pt(story.get("gap", "11pt")), max(pt(story.get("rule", "0.75pt")), 0.01)
        out.append(f"#let gap = {gap:.3f}pt\n#let rule-w = {rule:.3f}pt\n")
        for name, value in colours.items():
            out.append(f"#let c-{name} = rgb({tstr(value)})\n")
        links = lay.get("links") or {}
        # Links: in the layout's colour, with a line under them.
        link_rule = f"set text(fill: c-{links['colour']}); " if links.get("colour") else ""
        if links.get("underline"):
            link_rule += f"underline(stroke: {pt(links['underline']):.3f}pt, offset: 1.5pt, it)"
        else:
            link_rule += "it"
        for name, style in self.styles().items():
            out.append(self.role_function(name, style))
        out.append(ENGINE)
        # Pictures, contents entries, subheads, quotes: the blocks inside a story's columns.
        step = g["step"]
        subhead_above = pt(self.styles()["subhead"].get("space_before", 0))
        out.append(f"""
#let fig(path, alt, caption) = block(breakable: false, below: {step:.3f}pt, {{
  image(path, width: 100%, alt: alt)
  v({step / 4:.3f}pt)
  caption
}})
#let entry(title, page) = block(below: {step / 2:.3f}pt, grid(columns: (1fr, 2em), strong(title), align(right, page)))
#show link: it => {{ {link_rule} }}
#set list(indent: 0pt, body-indent: 0.5em, spacing: 0pt, tight: true)
#set enum(indent: 0pt, body-indent: 0.5em, spacing: 0pt, tight: true)
#set raw(theme: none)
#show raw: set text(font: "Liberation Mono", size: 0.9em)
#let r-subhead-base = r-subhead
#let r-subhead(cjk: false, it) = block(above: {subhead_above:.3f}pt, below: 0pt, sticky: true,
  r-subhead-base(cjk: cjk, it))
#let r-quote-base = r-quote
#let r-quote(cjk: false, it) = block(above: {step / 2:.3f}pt, below: {step / 2:.3f}pt, inset: (x: 1em),
  r-quote-base(cjk: cjk, it))
#let r-pull_quote-base = r-pull_quote
#let r-pull_quote(cjk: false, it) = block(above: {step:.3f}pt, below: {step:.3f}pt, breakable: false, {{
  line(length: 100%, stroke: rule-w + c-rule); v({step / 2:.3f}pt); r-pull_quote-base(cjk: cjk, it); v({step / 2:.3f}pt)
  line(length: 100%, stroke: rule-w + c-rule) }})
#let r-code-base = r-code
#let r-code(cjk: false, it) = block(above: {step / 2:.3f}pt, below: {step / 2:.3f}pt, r-code-base(cjk: cjk, it))
""")
        # The page: running head on pages after the first, footer on every page.
        running = lay.get("running_head") or {}
        footer = lay.get("footer") or {}
        foot_lines = footer.get("lines", ["{organisation} · {address}",
                                          "Tel. {telephone} · {email} · {web} · {copyright}"])
        foot_lines = [self.template(line) for line in foot_lines]
        page_no = self.template(footer.get("page", "page {page} of {pages}"))
        head_rule, foot_rule = pt(running.get("rule", "0.5pt")), pt(footer.get("rule", "0.5pt"))
        m = g["margins"]
        first_foot = f"grid(columns: (1fr, auto), r-footer[{foot_lines[0] if foot_lines else ''}], r-footer[{page_no}])"
        rest_foot = "".join(f"\n    r-footer[{line}]" for line in foot_lines[1:])
        out.append(f"""
#set document(title: {tstr(self.issue.get('title', ''))})
#set text(lang: {tstr(self.lang)})
#set page(width: {g['width']:.3f}pt, height: {g['height']:.3f}pt,
  margin: (top: {m['top'] + g['head_h']:.3f}pt, bottom: {m['bottom'] + g['foot_h']:.3f}pt,
    left: {m['left']:.3f}pt, right: {m['right']:.3f}pt),
  header-ascent: 0pt, footer-descent: 0pt,
  header: context if here().page() > 1 {{ block(height: {g['head_h']:.3f}pt, width: 100%, {{
    r-running_head[{self.template(running.get('text', '{title} · {month} · page {page}'))}]
    v(2pt)
    {'line(length: 100%, stroke: ' + f'{head_rule:.3f}pt + c-rule)' if head_rule else ''}
  }}) }},
  footer: context block(height: {g['foot_h']:.3f}pt, width: 100%, align(bottom, {{
    {'line(length: 100%, stroke: ' + f'{foot_rule:.3f}pt + c-rule)' if foot_rule else ''}
    v(4pt)
    {first_foot}{rest_foot}
  }})))
""")
        out.append(self.masthead())
        items = []
        if (lay.get("contents") or {}).get("place", "rail") != "none" and g["cols"] >= 2:
            items.append(self.contents())
        numbered = list(enumerate(self.main + self.small, 1))
        for number, meta in numbered[:len(self.main)]:
            items.append(self.story(meta, number, g["cols"]))
        # Narrow stories, fillers and the imprint: rows of cells, as many as the columns hold.
        cells = [(int(meta.get("columns") or 1), self.story(meta, number, int(meta.get("columns") or 1)))
                 for number, meta in numbered[len(self.main):]]
        if (lay.get("imprint") or {}).get("place", "end") != "none":
            cells.append((1, self.imprint()))
        row, used = [], 0
        for n, cell in cells:
            n = min(n, g["cols"])
            if used + n > g["cols"]:
                items.append("(kind: \"row\", cells: (" + ", ".join(row) + ",))")
                row, used = [], 0
            row.append(cell)
            used += n
        if row:
            items.append("(kind: \"row\", cells: (" + ", ".join(row) + ",))")
        call = "(masthead, (\n" + ",\n".join(items) + ",\n))\n"
        # main.typ balances the columns; plain.typ is the same document in plain Typst columns.
        for name, engine in (("main.typ", "#set-issue"), ("plain.typ", "#set-issue-plain")):
            with open(os.path.join(self.out, name), "w", encoding="utf-8") as f:
                f.write("".join(out) + engine + call)
        return os.path.join(self.out, "main.typ"), os.path.join(self.out, "plain.typ")

    def masthead(self):
        """Page 1's masthead: logo, title, subtitle, rules and the masthead line, at the top of the
        text area (page 1 has no running head: the masthead starts where it would be)."""
        mast = self.layout.get("masthead") or {}
        logo = ""
        if self.issue.get("logo"):
            name = self.copy_picture(self.issue["logo"], os.path.join(self.folder, "issue.yaml"))
            logo = f"image({tstr(name)}, height: 44pt), "
        title = f"r-masthead_title[{esc(str(self.issue.get('title', '')))}]"
        subtitle = f"r-masthead_subtitle[{esc(str(self.issue.get('subtitle', '')))}]" if self.issue.get("subtitle") else "[]"
        line = self.template(mast.get("line", "Volume {volume} · Number {number} · {month}"))
        thick, thin = pt(mast.get("rule", "2pt")), pt(mast.get("thin_rule", "0.5pt"))
        after = pt(mast.get("space_after", "12pt"))
        columns = "(auto, 1fr)" if logo else "(1fr,)"
        return f"""
#let masthead = {{
  v(-top-h)
  grid(columns: {columns}, column-gutter: 10pt, align: horizon, {logo}{{ {title}; {subtitle} }})
  v(4pt)
  {'line(length: 100%, stroke: ' + f'{thick:.3f}pt + c-rule)' if thick else ''}
  v(2pt)
  context r-masthead_line[{line}]
  {'line(length: 100%, stroke: ' + f'{thin:.3f}pt + c-rule)' if thin else ''}
  v({after:.3f}pt)
}}
"""


# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------

def child(main, root, fonts, system_fonts, output):
    """Runs in a fresh process: imports typst (not timed), times the first typst.compile to PDF
    bytes, prints the milliseconds, then writes the PDF."""
    import typst
    start = time.perf_counter()
    pdf = typst.compile(main, root=root, font_paths=fonts, ignore_system_fonts=not system_fonts, format="pdf")
    ms = (time.perf_counter() - start) * 1000
    print(f"{ms:.3f}")
    if output:
        with open(output, "wb") as f:
            f.write(pdf)


def check(main, root, fonts, system_fonts, output):
    """One untimed compile in a fresh process that reports Typst's warnings (missing fonts)."""
    import typst
    pdf, warnings = typst.compile_with_warnings(main, root=root, font_paths=fonts,
                                                ignore_system_fonts=not system_fonts, format="pdf")
    with open(output, "wb") as f:
        f.write(pdf)
    for w in warnings:
        print(f"typst warning: {getattr(w, 'message', w)}", file=sys.stderr)


def run_typst(doc_main, root, fonts, system_fonts, output=None, mode="--child"):
    command = [sys.executable, os.path.abspath(__file__), mode, doc_main, root, os.pathsep.join(fonts),
               "1" if system_fonts else "0", output or ""]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"typst failed on {doc_main}:\n{result.stderr}")
    return result


def run_bulletin(binary, folder, work):
    """One cold `bulletin make` (empty cache folder), timed around the whole process."""
    cache = tempfile.mkdtemp(dir=work, prefix="cache-")
    output = os.path.join(work, f"bulletin-{time.monotonic_ns()}.pdf")
    env = dict(os.environ, XDG_CACHE_HOME=cache)
    start = time.perf_counter()
    result = subprocess.run([binary, "make", folder, "-o", output], env=env, capture_output=True)
    ms = (time.perf_counter() - start) * 1000
    if result.returncode != 0:
        sys.exit(f"bulletin failed on {folder}:\n{result.stderr.decode()}")
    return ms, output


def pdf_counts(path):
    """Pages (pdfinfo) and words (pdftotext, split on white space) of a PDF; '?' without poppler."""
    try:
        info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
        text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
    except FileNotFoundError:
        return "?", "?"
    pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return (int(pages.group(1)) if pages else "?"), len(text.split())


def spread(values):
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("issues", nargs="*", help="issue folders (default examples/sample)")
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per tool and issue (default 7)")
    parser.add_argument("--stress", type=int, action="append", default=[],
                        help="also a generated issue of about PAGES pages (scripts/make-stress-issue.py)")
    parser.add_argument("--bulletin", default=os.environ.get("BULLETIN", os.path.join(REPO, ".build/release/bulletin")),
                        help="the bulletin binary (default .build/release/bulletin, or $BULLETIN)")
    parser.add_argument("--system-fonts", action="store_true", help="let Typst scan all system fonts too")
    parser.add_argument("--keep", help="keep the Typst documents and both PDFs in this folder")
    args = parser.parse_args()

    import typst
    version = ".".join(re.findall(r"\d+", typst.eval(b"", "sys.version")))   # the compiler's own version
    work = tempfile.mkdtemp(prefix="bench-typst-")
    cases = [(os.path.basename(os.path.normpath(f)), os.path.abspath(f))
             for f in (args.issues or [os.path.join(REPO, "examples/sample")])]
    for pages in args.stress:
        folder = os.path.join(work, f"stress{pages}")
        subprocess.run([sys.executable, os.path.join(REPO, "scripts/make-stress-issue.py"), str(pages), folder],
                       check=True, stderr=subprocess.DEVNULL)
        cases.append((f"stress {pages}", folder))
    has_bulletin = os.access(args.bulletin, os.X_OK)
    if not has_bulletin:
        print(f"note: no bulletin binary at {args.bulletin}: Typst alone is timed", file=sys.stderr)

    rows = []
    try:
        for name, folder in cases:
            out = os.path.join(work, "typst-" + re.sub(r"\W", "-", name))
            doc = Document(folder, out)
            documents = dict(zip(("balanced", "plain"), doc.write()))
            fonts, missing = find_fonts(sorted(doc.families))
            for family in missing:
                print(f"warning: font family {family!r} is not installed", file=sys.stderr)
            # One untimed compile of each document: Typst's warnings, and the PDFs to count.
            pdfs = {}
            for variant, typ in documents.items():
                pdfs[variant] = os.path.join(out, f"typst-{variant}.pdf")
                run_typst(typ, out, fonts, args.system_fonts, pdfs[variant], mode="--check")
            # The tools in turns, one run of each a round; which goes first rotates.
            tools = ["balanced", "plain"] + (["bulletin"] if has_bulletin else [])
            times = {tool: [] for tool in tools}
            for run in range(args.runs):
                for tool in tools[run % len(tools):] + tools[:run % len(tools)]:
                    if tool == "bulletin":
                        ms, pdfs["bulletin"] = run_bulletin(args.bulletin, folder, work)
                    else:
                        ms = float(run_typst(documents[tool], out, fonts, args.system_fonts).stdout)
                    times[tool].append(ms)
            counts = {tool: pdf_counts(pdfs[tool]) for tool in tools}
            rows.append((name, times, counts))
            print(f"{name}: " + ", ".join(f"{tool} {spread(times[tool])} ms" for tool in tools), file=sys.stderr)
            if args.keep:
                target = os.path.join(args.keep, re.sub(r"\W", "-", name))
                shutil.copytree(out, target, dirs_exist_ok=True)
                if "bulletin" in pdfs:
                    shutil.copyfile(pdfs["bulletin"], os.path.join(target, "bulletin.pdf"))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\nTypst {version} (Python package typst {typst.__version__}) against {args.bulletin}; "
          f"{args.runs} fresh processes each, in turns; ms, median (min–max)")
    print("Typst: one typst.compile to PDF bytes, the first in its process (import and Python start-up not timed);")
    print("  balanced: the stories' columns balanced by the document itself (measure), as bulletin balances them;")
    print("  plain: the same document in plain Typst columns, unbalanced (more pages; Typst's least work).")
    print("bulletin: the whole `bulletin make` process, its start-up included, empty XDG_CACHE_HOME each run.\n")
    print("| issue | Typst balanced ms | pages | words | Typst plain ms | pages | words "
          "| bulletin ms | pages | words | balanced / bulletin | plain / bulletin |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, times, counts in rows:
        cells = []
        for tool in ("balanced", "plain", "bulletin"):
            if times.get(tool):
                cells += [spread(times[tool]), *map(str, counts[tool])]
            else:
                cells += ["-", "-", "-"]
        for tool in ("balanced", "plain"):
            cells.append(f"{statistics.median(times[tool]) / statistics.median(times['bulletin']):.2f}"
                         if times.get("bulletin") else "-")
        print(f"| {name} | " + " | ".join(cells) + " |")

if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] in ("--child", "--check"):
        _, mode, main_typ, root, fonts, system, output = sys.argv
        (child if mode == "--child" else check)(main_typ, root, [f for f in fonts.split(os.pathsep) if f],
                                                system == "1", output)
    else:
        main()
