#!/usr/bin/env python3
"""Structure-aware fuzzing of `bulletin make`.

Each execution copies the sample issue, mutates it (YAML values and keys of issue.yaml, story
front matter and the layout; Markdown bodies by block; line endings and encodings; files and
folders; raw bytes), puts a known good PDF at the output path and runs

    bulletin make ISSUE -o OUT

with a time limit. What must come of it:

- exit 0: stdout names the output, stderr holds only located warnings, the output was replaced
  (a new file) by a readable PDF, no temporary file is left, and every word of every story's
  title, kicker, deck, byline and body is in the PDF's text (`pdftotext`);
- exit 1: stderr is exactly one `error:` line naming a file, with no raw control character, the
  earlier PDF is byte-identical and no temporary file is left;
- anything else (a signal, a time-out, another status, a sanitizer report) is a failure.

Failing inputs are saved under OUT/failures/<kind>-<n>/ (the issue folder, the earlier PDF,
reproduce.sh, stderr.txt, report.txt), one per kind and top message. Deterministic for a seed:
case N of seed S is always the same input (`--seed S --case N` makes just that one).

Needs Python 3 with PyYAML, pdftotext (poppler-utils) and libcmark-gfm (to know which text a
Markdown body holds, exactly as bulletin's own parser reads it).
"""

import argparse
import ctypes
import ctypes.util
import hashlib
import json
import os
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import unicodedata

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("fuzz.py needs PyYAML: python3 -m pip install pyyaml (or apt-get install python3-yaml)")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# ----------------------------------------------------------------------------------------------
# Unicode material
# ----------------------------------------------------------------------------------------------

NONCHARACTERS = ["\uFFFE", "\uFFFF", "\uFDD0", "\uFDEF", "\U0001FFFE", "\U0001FFFF", "\U0010FFFE", "\U0010FFFF"]
CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1b[31m", "\x7f", "\x80", "\x85", "\x9b", "\x9f"]
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\u180e"]
COMBINING = ["\u0301", "\u0308", "\u0327", "\u0332", "\u20dd", "\u0489", "\u1dc0", "\ufe20"]
SPACES = ["\u00a0", "\u2002", "\u2003", "\u2009", "\u200a", "\u202f", "\u205f", "\u3000", "\u1680", "\u2028", "\u2029", "\t"]
CJK = ["中文排版测试", "日本語のテキスト", "한국어 텍스트", "ｆｕｌｌｗｉｄｔｈ", "〆〇々", "漢字かなカナ混じり文"]
EMOJI = ["\U0001F600", "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466", "\U0001F1E9\U0001F1EA",
         "\U0001F44D\U0001F3FD", "1\ufe0f\u20e3", "\U0001F3F3\ufe0f\u200d\U0001F308", "\u2764\ufe0f"]
RTL = ["שלום עולם", "مرحبا بالعالم", "abc \u202eevil\u202c def", "עברית123", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629"]
# Scripts no installed font draws: Pango sets hex boxes. Rare, so that the class does not swamp the rest.
NO_FONT = ["नमस्ते", "สวัสดี", "ሰላም", "\U00020000\U00020001", "ᚠᛇᚻ"]
SPECIALS = ["\ufffd", "\ufffc", "\ufff9a\ufffab\ufffb", "\ue000", "\U000f0000", "\U000e0041\U000e0042", "\ufe0f",
            "\U000e0100", "ﬁﬂﬃ", "\U0001D400\U0001D401", "Ǆǅǆ", "İı", "ß", "ǰ", "ŉ", "ᾳ", "Ⅻ", "½", "\u2044"]

ODD_CLASSES = {
    "noncharacter": NONCHARACTERS, "control": CONTROLS, "bidi": BIDI, "zero-width": ZERO_WIDTH,
    "combining": COMBINING, "space": SPACES, "cjk": CJK, "emoji": EMOJI, "rtl": RTL, "special": SPECIALS,
}


def odd_piece(rng):
    """A short run of odd text: one class, sometimes several, sometimes a pile of marks."""
    r = rng.random()
    if r < 0.03:
        return rng.choice(NO_FONT)
    if r < 0.08:
        base = rng.choice("aeoxzäЖ字")
        return base + "".join(rng.choice(COMBINING) for _ in range(rng.choice([5, 50, 300])))
    if r < 0.15:
        return "".join(odd_piece(rng) for _ in range(rng.randint(2, 5)))
    return rng.choice(rng.choice(list(ODD_CLASSES.values())))


SYLLABLES = ["ka", "zo", "vu", "qi", "ny", "tre", "plo", "sk", "mur", "gex", "dwa", "fi", "lo", "bre", "yst", "ux"]


def marker(rng):
    """A word that appears nowhere else, so that its absence from the PDF means something."""
    return "zq" + "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def words(rng, n):
    plain = ["the", "office", "students", "exchange", "grant", "term", "Northbridge", "campus", "visa", "study"]
    return " ".join(marker(rng) if rng.random() < 0.4 else rng.choice(plain) for _ in range(n))


def long_word(rng):
    n = rng.choice([60, 200, 1000, 5000])
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(n))


def odd_string(rng):
    """A text value for a YAML key: unicode oddities, long, empty, shaped like other things."""
    r = rng.random()
    if r < 0.35:
        w = words(rng, rng.randint(1, 6)).split()
        i = rng.randint(0, len(w))
        return " ".join(w[:i] + [odd_piece(rng)] + w[i:])
    if r < 0.45:
        return long_word(rng)
    if r < 0.52:
        return words(rng, rng.choice([50, 300, 2000]))
    return rng.choice(["", " ", "~", "null", "true", "no", "0", "-1", "1e308", ".nan", ".inf", "[]", "{}",
                       "a: b", "- x", "#", "&a", "*a", "!!str", "%", "@", "`", "|", ">", "'", '"', "\\",
                       "\n", "x\n---\ny", "x\n...\ny", "{title}", "{page}", "<script>", "\t", "---", "...",
                       odd_piece(rng) * rng.randint(1, 40)])


ODD_NUMBERS = ["0", "-0", "-1", "-100", "1e308", "-1e308", "1e-320", "4.9e-324", "1e20", "99999999999999999999",
               "nan", "NaN", "-nan", "inf", "-inf", "infinity", ".nan", ".inf", "-.inf", "0x10", "1_000",
               "+5", ".5", "5.", "1e", "١٢", "１２", "Ⅻ", "", "~", "1e3", "9223372036854775807",
               "9223372036854775808", "-9223372036854775809", "2147483648", "0.0000001", "1/2"]


def odd_number(rng):
    if rng.random() < 0.6:
        return rng.choice(ODD_NUMBERS)
    return repr(rng.choice([rng.uniform(-1e3, 1e3), rng.uniform(0, 5), 10 ** rng.uniform(-12, 40)]))


UNITS = ["pt", "mm", "cm", "in", "em", ""]
LENGTH = re.compile(r"^\s*([-+0-9.eE]+)\s*(pt|mm|cm|in|em)?\s*$")

# ----------------------------------------------------------------------------------------------
# Markdown material
# ----------------------------------------------------------------------------------------------

URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(document.domain)", ") /S /JavaScript /JS (app.alert(1))",
        "x) /S /Launch /F (calc.exe", "<https://example.edu/a b>", "https://example.edu/(paren)",
        "https://example.edu/" + "a" * 3000, "mailto:x@y.example", "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd", "\\\\server\\share", "https://例え.テスト/パス", "https://example.edu/%00%0a%ff",
        "#", "<>", "()", "https://example.edu/\u202eexe.pdf", "http://[::1]:80/", "https://example.edu/?q=<script>",
        "https://example.edu/a\\)b", "(a)(b)", "https://user:pass@example.edu/", "<javascript:alert(1)>",
        "https://example.edu/\u0000", "https://example.edu/" + "\u0301" * 50, "'quoted'", '"dq"', "a b c",
        "<a\nb>", "https://ex.edu/" + "(" * 40 + ")" * 40]


def inline(rng):
    w = marker(rng)
    url = rng.choice(URLS)
    return rng.choice([
        f"*{w}*", f"**{w}**", f"***{w}***", f"_{w}_", f"__{w}__", f"~~{w}~~", "*" * rng.randint(2, 60) + w + "*" * rng.randint(0, 60),
        f"`{w} code`", f"`` a ` {w} ``", "`" * 5 + w,
        f"[{w}]({url})", f'[{w}]({url} "title {w}")', f"[{w}][ref]", f"<{url}>", f"<{w}@example.edu>", f"[{w}]",
        f"[[{w}]]({url})", f"[{w}](" + "(" * 30, f"[*{w}*]({url})", f"[{w} ![alt {marker(rng)}]({url})]({url})",
        f"![{w}]({url})", f"![]({url})", f"![{w}]", f"![[{w}]]({url})",
        f"<span>{w}</span>", f"<b>{w}", "<!-- comment -->", "<script>alert(1)</script>", f"<img src=x onerror=alert(1)>{w}",
        "&amp;", "&#0;", "&#xFFFF;", "&#x10FFFF;", "&#xD800;", "&#1114112;", "&nbsp;", "&eacute;", "&NotAnEntity;",
        "&#x202E;", "&#x200B;", f"\\*{w}\\*", "\\", f"{w}  \n{marker(rng)}", f"{w}\\\n{marker(rng)}", f"[^{w}]",
        f"${w}$", f"{w}\u00ad{marker(rng)}", odd_piece(rng), f"{w}{odd_piece(rng)}{marker(rng)}", long_word(rng),
        "http://" + "a/" * rng.randint(10, 800), f"{w}@{marker(rng)}.example.edu",
    ])


def paragraph(rng, n=None):
    ws = words(rng, n or rng.randint(4, 40)).split()
    for _ in range(rng.randint(0, 3)):
        ws.insert(rng.randint(0, len(ws)), inline(rng))
    return " ".join(ws)


def nested_list(rng, depth, ordered=False):
    lines = []
    for level in range(depth):
        marker_text = f"{level + 1}." if ordered else rng.choice("-*+")
        lines.append("   " * level + f"{marker_text} {words(rng, 3)}")
    return "\n".join(lines)


def block(rng):
    """A generated Markdown block."""
    r = rng.random()
    depth = rng.choice([2, 3, 5, 8, 12, 20, 40] if rng.random() < 0.9 else [100, 300, 1000])
    choices = [
        lambda: "#" * rng.randint(1, 7) + " " + paragraph(rng, rng.randint(1, 12)),
        lambda: paragraph(rng, rng.randint(1, 8)) + "\n" + rng.choice(["===", "---", "= = ="]),
        lambda: "#" * rng.randint(1, 6),
        lambda: paragraph(rng),
        lambda: paragraph(rng, rng.randint(200, 600)),
        lambda: "> " * depth + paragraph(rng),
        lambda: "\n".join(">" * (i + 1) + " " + words(rng, 3) for i in range(depth)),
        lambda: nested_list(rng, depth, ordered=rng.random() < 0.4),
        lambda: "\n".join(f"{rng.choice(['-', '1.'])} " * depth + words(rng, 2) for _ in range(2)),
        lambda: f"{rng.choice([0, 1, 7, 999999999, 1234567890])}. {words(rng, 4)}\n1. {words(rng, 3)}",
        lambda: "1) a\n2) b\n\n- " + paragraph(rng),
        lambda: "```" + rng.choice(["", "swift", "js {x}", "```"]) + "\n" + paragraph(rng) + "\n" + odd_piece(rng) + "\n```",
        lambda: "```\n" + paragraph(rng) + "\n(unclosed fence",
        lambda: "    " + paragraph(rng) + "\n    " + long_word(rng),
        lambda: "~~~\n" + "\n".join(words(rng, 5) for _ in range(rng.randint(1, 300))) + "\n~~~",
        lambda: f"<div>\n{paragraph(rng)}\n</div>",
        lambda: "<script>\nalert(1)\n</script>",
        lambda: "<!--\n" + paragraph(rng),
        lambda: f"<?php echo 1; ?>\n\n<![CDATA[ {words(rng, 2)} ]]>",
        lambda: f"| a | {marker(rng)} |\n|---|:-:|\n| {paragraph(rng, 4)} | {inline(rng)} |",
        lambda: rng.choice(["***", "- - -", "___", "* * * * *"]),
        lambda: f"[ref]: {rng.choice(URLS)} \"t\"\n\n[{marker(rng)}][ref]",
        lambda: "\n\n".join(marker(rng) for _ in range(rng.randint(50, 400))),
        lambda: " ".join(odd_piece(rng) for _ in range(rng.randint(1, 30))),
        lambda: rng.choice(["*" * 5000, "[" * 5000, "<" * 2000, "_" * 3000 + "x", "`" * 3000, "\\" * 3000, "&" * 1000,
                            "](" * 1000, "![" * 1000, "> - " * 500 + "x", "- > " * 500 + "x"]),
        lambda: long_word(rng),
        lambda: "\n".join(rng.choice(["", " ", "\t", "  ", "\u00a0"]) for _ in range(rng.randint(1, 20))),
    ]
    return choices[int(r * len(choices))]()


def body_blocks(body):
    return [b for b in re.split(r"\n[ \t]*\n", body) if b.strip()]


def join_blocks(blocks):
    return "\n\n".join(blocks) + "\n"


# ----------------------------------------------------------------------------------------------
# YAML: read as text-only trees (every scalar a string, as bulletin reads them) and write back
# ----------------------------------------------------------------------------------------------

class PlainDumper(yaml.emitter.Emitter, yaml.serializer.Serializer, yaml.representer.SafeRepresenter,
                  yaml.resolver.BaseResolver):
    """Writes strings plain wherever YAML allows: `12`, `~` and `true` stay as typed, as a person writes."""

    def __init__(self, stream, **kw):
        yaml.emitter.Emitter.__init__(self, stream, canonical=kw.get("canonical"), indent=kw.get("indent"),
                                      width=kw.get("width"), allow_unicode=kw.get("allow_unicode"),
                                      line_break=kw.get("line_break"))
        yaml.serializer.Serializer.__init__(self, encoding=kw.get("encoding"), explicit_start=kw.get("explicit_start"),
                                            explicit_end=kw.get("explicit_end"), version=kw.get("version"), tags=kw.get("tags"))
        yaml.representer.SafeRepresenter.__init__(self, default_style=kw.get("default_style"),
                                                  default_flow_style=kw.get("default_flow_style"),
                                                  sort_keys=kw.get("sort_keys", True))
        yaml.resolver.BaseResolver.__init__(self)


def load_tree(text):
    return yaml.load(text, Loader=yaml.BaseLoader)


def dump_tree(tree, raws):
    text = yaml.dump(tree, Dumper=PlainDumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=1 << 30)
    for token, raw in raws.items():
        text = text.replace(f"'{token}'", raw).replace(token, raw)
    return text


def tree_paths(tree, prefix=()):
    """Every (path, value) below `tree`; a path is a tuple of keys and indexes."""
    out = []
    if isinstance(tree, dict):
        for k, v in tree.items():
            out.append((prefix + (k,), v))
            out += tree_paths(v, prefix + (k,))
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            out.append((prefix + (i,), v))
            out += tree_paths(v, prefix + (i,))
    return out


def tree_get(tree, path):
    for p in path:
        tree = tree[p]
    return tree


def tree_set(tree, path, value):
    tree_get(tree, path[:-1])[path[-1]] = value


def tree_delete(tree, path):
    parent = tree_get(tree, path[:-1])
    del parent[path[-1]]


def rename_key(mapping, old, new):
    items = [(new if k == old else k, v) for k, v in mapping.items()]
    mapping.clear()
    mapping.update(items)


# ----------------------------------------------------------------------------------------------
# The input model and its mutations
# ----------------------------------------------------------------------------------------------

class Story:
    def __init__(self, name, front, body, fm_text=None):
        self.name = name
        self.front = front          # dict, or None when fm_text is used instead
        self.fm_text = fm_text      # front matter as raw text (after a text mutation)
        self.body = body
        self.open_fence = "---"
        self.close_fence = "---"
        self.no_front = False


class Model:
    def __init__(self, sample, layout_path):
        self.issue = load_tree(read_text(os.path.join(sample, "issue.yaml")))
        self.issue_text = None
        self.stories = []
        for name in sorted(os.listdir(os.path.join(sample, "stories"))):
            text = read_text(os.path.join(sample, "stories", name))
            fm, body = split_front_matter(text)
            self.stories.append(Story(name, load_tree(fm), body))
        # Pictures and other files the stories use, copied as they are (images/ of the sample).
        self.assets = {}
        for folder, _, names in os.walk(sample):
            relative = os.path.relpath(folder, sample)
            if relative.split(os.sep)[0] in ("stories", "layouts", "out") or relative == ".":
                continue
            for name in names:
                with open(os.path.join(folder, name), "rb") as f:
                    self.assets[os.path.join(relative, name)] = f.read()
        self.layout_source = read_text(layout_path)
        self.layout = None          # a tree once mutated; written to the issue's layouts/
        self.layout_text = None
        self.layout_name = "classic"
        self.raws = {}              # placeholder -> raw YAML text (deep nesting, aliases)
        self.files = {}             # path -> bytes, after serialising
        self.specials = []          # (kind, path, arg): symlink, fifo, dir, remove, chmod
        self.output = "out/earlier.pdf"
        self.output_kind = "pdf"    # pdf, png, dir, input, symlink
        self.make_args = []         # more options for `bulletin make`: the print edition
        self.ops = []

    def raw(self, text):
        token = f"RAWPLACEHOLDER{len(self.raws)}X"
        self.raws[token] = text
        return token

    def serialise(self):
        files = {}
        files["issue.yaml"] = self.issue_text if self.issue_text is not None else dump_tree(self.issue, self.raws)
        for s in self.stories:
            if s.no_front:
                text = s.body
            else:
                fm = s.fm_text if s.fm_text is not None else dump_tree(s.front, self.raws)
                text = f"{s.open_fence}\n{fm}{'' if fm.endswith(chr(10)) or not fm else chr(10)}{s.close_fence}\n{s.body}"
            files["stories/" + s.name] = text
        if self.layout is not None or self.layout_text is not None:
            text = self.layout_text if self.layout_text is not None else dump_tree(self.layout, self.raws)
            files[f"layouts/{self.layout_name}.yaml"] = text
        self.files = {k: v.encode("utf-8", "surrogatepass") for k, v in files.items()}


def read_text(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8")


def pick_story(m, rng):
    return rng.choice(m.stories) if m.stories else None


def ensure_layout(m):
    if m.layout is None and m.layout_text is None:
        m.layout = load_tree(m.layout_source)


def yaml_value(rng, m, key=""):
    """A value for a YAML key: odd text, an odd number, a list, a mapping, deep nesting."""
    r = rng.random()
    if r < 0.45:
        return odd_string(rng)
    if r < 0.65:
        return odd_number(rng)
    if r < 0.75:
        return [odd_string(rng) for _ in range(rng.choice([0, 1, 2, 50]))]
    if r < 0.82:
        return {rng.choice(["a", "title", key or "x", odd_string(rng) or "k"]): odd_string(rng)}
    if r < 0.9:
        n = rng.choice([5, 50, 500, 5000, 50000])
        return m.raw(rng.choice(["[" * n + "]" * n, "{a: " * n + "x" + "}" * n, "[{a: " * n + "x" + "}]" * n]))
    if r < 0.95:
        k = rng.randint(2, 9)
        lines = ["&a0 [x, x, x, x, x, x, x, x, x, x]"]
        bomb = "\n".join(f"  - &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, k))
        return m.raw(f"\n  - {lines[0]}\n{bomb}\n  - *a{k - 1}")
    return m.raw(rng.choice(["*undefined", "!!binary aGVsbG8=", "!!int x", "!custom x", "!!python/object:os.system x",
                             "!<tag:yaml.org,2002:str> x", "&anchor x", "? [a, b]", "|\n  block\n  text", ">-\n  folded\n  text",
                             "\"\\x00\\u202e\\uffff\"", "\"\\ud800\"", "'it''s'", "\"\\N\\_\\L\\P\""]))


def mutate_tree(rng, m, tree, label, known_keys):
    """One structure-aware mutation of a YAML tree; returns a short description."""
    paths = tree_paths(tree)
    if not isinstance(tree, dict):
        return label + ": not a mapping"
    r = rng.random()
    if r < 0.12 or not paths:
        key = rng.choice(known_keys + ["unknown_key", odd_string(rng) or "k", "Title", " title", "title ", "<<"])
        tree[key] = yaml_value(rng, m, key)
        return f"{label}: set {key!r}"
    path, value = rng.choice(paths)
    if r < 0.22:
        tree_delete(tree, path)
        return f"{label}: delete {path}"
    if r < 0.30 and isinstance(path[-1], str):
        parent = tree_get(tree, path[:-1])
        new = rng.choice([path[-1].upper(), path[-1] + "_", odd_string(rng) or "k", path[-1] + odd_piece(rng), "", "~"])
        if new not in parent:
            rename_key(parent, path[-1], new)
        return f"{label}: rename {path} to {new!r}"
    if r < 0.40:
        swapped = {str: lambda v: rng.choice([[v], {"k": v}, [v, v]]),
                   list: lambda v: rng.choice([", ".join(map(str, v)), {"k": v}, []]),
                   dict: lambda v: rng.choice([list(v.values()), "text", {}])}[type(value)](value)
        tree_set(tree, path, swapped)
        return f"{label}: {type(value).__name__} at {path} becomes {type(swapped).__name__}"
    if r < 0.62 and isinstance(value, str):
        match = LENGTH.match(value)
        if match:
            unit = match.group(2) or ""
            new = odd_number(rng) + (unit if rng.random() < 0.8 else rng.choice(UNITS))
        else:
            i = rng.randint(0, len(value))
            new = value[:i] + odd_piece(rng) + value[i:] if rng.random() < 0.7 else odd_string(rng)
        tree_set(tree, path, new)
        return f"{label}: {path} = {new[:60]!r}"
    if r < 0.70 and isinstance(path[-1], str):
        parent = tree_get(tree, path[:-1])
        parent[path[-1] + rng.choice(["", "_copy"])] = value
        return f"{label}: copy {path}"
    tree_set(tree, path, yaml_value(rng, m, str(path[-1])))
    return f"{label}: {path} replaced"


ISSUE_KEYS = ["title", "subtitle", "volume", "number", "date", "layout", "editors", "contact", "copyright"]
STORY_KEYS = ["title", "kicker", "deck", "date", "written_by", "edited_by", "order", "lang", "summary"]
LANGS = ["de", "zh", "en-US", "en-GB", "de-DE-1996", "de-CH", "ar", "he", "ja", "fr", "tlh", "EN", "qaa", "zh-Hant-TW",
         "de-CH-1901-x-private", "en-", "x", "i-default", "und", "de-AT", "sr-Latn", "zh-Hans", "ko"]
DATES = ["2026-02-30", "0000-00", "9999-12-31", "2026-13", "-1-01", "2026-11-04T10:00:00Z", "2026-1", "２０２６-１１",
         "2026-11-04 extra", "20261104", "2026/11", "1969-12", "10000-01", "2026-00-00", "2026-11-31"]
LAYOUT_NAMES = ["../../etc/passwd", "classic.yaml", "narrow-test", "/dev/null", "layouts/classic", "", ".", "..",
                "CLASSIC", "classic ", "narrow-test.yaml", "/nonexistent/x.yaml", "a/b", "classic\u202e"]


def op_issue_tree(rng, m):
    if m.issue_text is not None:
        return "issue: already text"
    r = rng.random()
    if r < 0.15:
        m.issue["date"] = rng.choice(DATES)
        return f"issue: date {m.issue['date']!r}"
    if r < 0.25:
        m.issue["layout"] = rng.choice(LAYOUT_NAMES)
        return f"issue: layout {m.issue['layout']!r}"
    return mutate_tree(rng, m, m.issue, "issue", ISSUE_KEYS)


def op_story_tree(rng, m):
    s = pick_story(m, rng)
    if s is None or s.front is None or not isinstance(s.front, dict):
        return "story: none"
    r = rng.random()
    if r < 0.1:
        s.front["lang"] = rng.choice(LANGS)
        return f"{s.name}: lang {s.front['lang']!r}"
    if r < 0.18:
        s.front["order"] = odd_number(rng)
        return f"{s.name}: order {s.front['order']!r}"
    if r < 0.24:
        s.front["date"] = rng.choice(DATES)
        return f"{s.name}: date {s.front['date']!r}"
    if r < 0.34:
        key = rng.choice(["title", "deck", "kicker"])
        s.front[key] = rng.choice([words(rng, rng.choice([1, 30, 120, 400])), long_word(rng), odd_string(rng),
                                   marker(rng) + " " + odd_piece(rng) + " " + marker(rng)])
        return f"{s.name}: {key} {s.front[key][:60]!r}"
    if r < 0.40:
        key = rng.choice(["written_by", "edited_by"])
        s.front[key] = rng.choice([[marker(rng) for _ in range(rng.choice([2, 30, 300]))], marker(rng) + odd_piece(rng),
                                   [[marker(rng)]], {"a": marker(rng)}, [], ""])
        return f"{s.name}: {key} replaced"
    return mutate_tree(rng, m, s.front, s.name, STORY_KEYS)


def op_layout_tree(rng, m):
    ensure_layout(m)
    if m.layout is None or not isinstance(m.layout, dict):
        return "layout: text"
    lay = m.layout
    r = rng.random()
    if r < 0.12:
        role = rng.choice(list(lay.get("styles", {}).keys()) or ["body"])
        style = lay.setdefault("styles", {}).setdefault(role, {})
        if isinstance(style, dict):
            style["family"] = rng.choice(["DejaVu Sans", "Noto Serif CJK SC", "Nonexistent Font", "", " ",
                                          "Liberation Serif, DejaVu Sans", "monospace", "sans-serif", "Liberation Serif,",
                                          "Liberation\u200bSerif", "liberation serif", ",", "DejaVu Serif" + odd_piece(rng)])
            return f"layout: styles.{role}.family {style['family']!r}"
    if r < 0.2:
        grid = lay.setdefault("grid", {})
        if isinstance(grid, dict):
            grid["columns"] = rng.choice(["0", "1", "2", "8", "9", "-1", "1000", "3.5", "nan", "99999999999999999999"])
            return f"layout: grid.columns {grid['columns']}"
    if r < 0.27:
        br = lay.setdefault("breaking", {})
        if isinstance(br, dict):
            key = rng.choice(["method", "emergency", "tolerance", "pretolerance", "line_penalty", "hyphen_penalty",
                              "max_consecutive_hyphens", "expansion", "letter_spacing", "space_stretch", "space_shrink",
                              "emergency_stretch", "adjacent_demerits", "protrusion"])
            br[key] = rng.choice(["first_fit", "total_fit", "stretch", "least_loose", "true", "-1", "0", "10000",
                                  "1e308", "-1e308", "nan", "inf", "-inf", "1", "5", "-0.5", "0.99", "1e-9"])
            return f"layout: breaking.{key} {br[key]}"
    if r < 0.32:
        hy = lay.setdefault("hyphenation", {})
        if isinstance(hy, dict):
            key = rng.choice(["min_word", "min_before", "min_after", "enabled", "capitalised"])
            hy[key] = rng.choice(["0", "-1", "1", "1000", "9223372036854775807", "-9223372036854775808", "false", "true"])
            return f"layout: hyphenation.{key} {hy[key]}"
    if r < 0.40:
        key = rng.choice(["masthead", "running_head", "footer"])
        part = lay.setdefault(key, {})
        if isinstance(part, dict):
            field = {"masthead": "line", "running_head": "text", "footer": "page"}[key]
            part[field] = rng.choice(["{unknown}", "{{title}}", "{", "}", "{page}" * 300, words(rng, 300), odd_string(rng),
                                      "%s%n%x", "", "{title}" + odd_piece(rng), "{pages} {page} {month}", "{ title }"])
            return f"layout: {key}.{field} {part[field][:50]!r}"
    if r < 0.45:
        page = lay.setdefault("page", {})
        if isinstance(page, dict):
            page["size"] = rng.choice([["1e6pt", "1e6pt"], ["10pt", "10pt"], ["-5pt", "5pt"], "A0", "a4", ["A4"], ["1pt"],
                                       ["200mm", "100000mm"], ["14400pt", "14400pt"], ["nan", "nan"], ["inf", "300pt"], "Tabloid"])
            return f"layout: page.size {page['size']}"
    if r < 0.52:
        styles = lay.get("styles", {})
        if isinstance(styles, dict) and styles:
            role = rng.choice(list(styles.keys()))
            if isinstance(styles[role], dict):
                key = rng.choice(["size", "leading", "indent", "tracking", "space_before", "space_after"])
                styles[role][key] = rng.choice(["399pt", "0.001pt", "1pt", "100pt", "-1em", "50em", "1e-300pt", "0",
                                                 "nanpt", "infpt", "-infpt", "1e308pt", "3em", "-5pt"])
                return f"layout: styles.{role}.{key} {styles[role][key]}"
    return mutate_tree(rng, m, lay, "layout", ["name", "description", "page", "grid", "colours", "fonts", "styles",
                                               "masthead", "running_head", "footer", "story", "hyphenation", "breaking"])


def op_layout_number(rng, m):
    """A number of the layout (a length, a count, a breaking parameter) made odd, keeping its unit mostly."""
    ensure_layout(m)
    if not isinstance(m.layout, dict):
        return "layout: text"
    leaves = [(p, v) for p, v in tree_paths(m.layout) if isinstance(v, str) and LENGTH.match(v)]
    path, value = rng.choice(leaves)
    unit = LENGTH.match(value).group(2) or ""
    new = odd_number(rng) + (unit if rng.random() < 0.85 else rng.choice(UNITS))
    tree_set(m.layout, path, new)
    return f"layout: {'.'.join(map(str, path))} {value} -> {new}"


def op_body(rng, m):
    s = pick_story(m, rng)
    if s is None:
        return "body: none"
    blocks = body_blocks(s.body)
    r = rng.random()
    desc = ""
    if r < 0.35 or not blocks:
        b = block(rng)
        blocks.insert(rng.randint(0, len(blocks)), b)
        desc = f"insert block {b[:50]!r}"
    elif r < 0.45:
        del blocks[rng.randrange(len(blocks))]
        desc = "delete block"
    elif r < 0.52:
        i = rng.randrange(len(blocks))
        blocks.insert(i, blocks[i])
        desc = "duplicate block"
    elif r < 0.60:
        i = rng.randrange(len(blocks))
        depth = rng.choice([1, 2, 4, 8, 16])
        if rng.random() < 0.5:
            blocks[i] = "\n".join("> " * depth + line for line in blocks[i].split("\n"))
            desc = f"quote block x{depth}"
        else:
            blocks[i] = "  " * depth + "- " + blocks[i].replace("\n", "\n" + "  " * (depth + 1))
            desc = f"list block x{depth}"
    elif r < 0.80:
        i = rng.randrange(len(blocks))
        text = blocks[i]
        spaces = [k for k, c in enumerate(text) if c == " "] or [len(text)]
        k = rng.choice(spaces) if rng.random() < 0.7 else rng.randint(0, len(text))
        piece = inline(rng) if rng.random() < 0.5 else odd_piece(rng)
        blocks[i] = text[:k] + (" " if rng.random() < 0.7 else "") + piece + text[k:]
        desc = f"inline {piece[:40]!r}"
    elif r < 0.86:
        i = rng.randrange(len(blocks))
        blocks[i] = "#" * rng.randint(1, 6) + " " + blocks[i].replace("\n", " ")
        desc = "heading"
    elif r < 0.92:
        s.body = rng.choice(["", "\n", "   \n\n", "# Only a heading\n", "<div>only html</div>\n", "```\n```\n", "---\n",
                             "> \n", "-\n", "[x]: /u\n"])
        return f"{s.name}: body {s.body!r}"
    else:
        i = rng.randrange(len(blocks))
        blocks[i] = (blocks[i] + " ") * rng.choice([5, 30, 100])
        desc = "long paragraph"
    s.body = join_blocks(blocks)
    return f"{s.name}: {desc}"


def op_new_story(rng, m):
    name = rng.choice(["99-fuzz.md", "00-first.md", "50-mid.md", "zz.md"])
    if any(s.name == name for s in m.stories):
        name = marker(rng) + ".md"
    front = {"title": words(rng, rng.randint(1, 8))}
    if rng.random() < 0.5:
        front["deck"] = words(rng, rng.randint(3, 20))
    if rng.random() < 0.3:
        front["lang"] = rng.choice(["en", "de", "zh"])
    body = join_blocks([block(rng) if rng.random() < 0.5 else paragraph(rng) for _ in range(rng.randint(1, 6))])
    m.stories.append(Story(name, front, body))
    return f"new story {name}"


def op_duplicate_stories(rng, m):
    s = pick_story(m, rng)
    n = rng.choice([1, 2, 5, 20])
    for i in range(n):
        c = Story(f"{i:02d}-copy-{s.name}", json.loads(json.dumps(s.front)), s.body)
        m.stories.append(c)
    return f"duplicate {s.name} x{n}"


def op_fences(rng, m):
    s = pick_story(m, rng)
    r = rng.random()
    if r < 0.2:
        s.open_fence = rng.choice(["--- ", "----", " ---", "---\t", "\ufeff---", "\n---", "- - -", "+++", "---x"])
        return f"{s.name}: open fence {s.open_fence!r}"
    if r < 0.4:
        s.close_fence = rng.choice(["...", "--- ", "----", "", "--", "  ---", "---\u00a0", "---\u0301", "---\u200b"])
        return f"{s.name}: close fence {s.close_fence!r}"
    if r < 0.5:
        s.no_front = True
        return f"{s.name}: no front matter"
    if r < 0.6:
        s.body = ""
        return f"{s.name}: front matter only"
    s.body = "---\n" + rng.choice(["title: second", "", "a: b"]) + "\n---\n" + s.body
    return f"{s.name}: second front matter block"


TEXT_FILES = ["issue.yaml", "story", "layout"]


def pick_file(rng, m, kinds=("issue.yaml", "stories", "layouts")):
    names = [k for k in m.files if any(k.startswith(p) for p in kinds)]
    return rng.choice(names) if names else None


def op_yaml_text(rng, m):
    """Text edits of YAML: duplicate or delete lines, tabs, anchors, tags, raw odd characters."""
    target = rng.choice(["issue", "story", "layout"])
    if target == "issue":
        text = m.issue_text if m.issue_text is not None else dump_tree(m.issue, m.raws)
    elif target == "story":
        s = pick_story(m, rng)
        text = s.fm_text if s.fm_text is not None else dump_tree(s.front, m.raws)
    else:
        ensure_layout(m)
        text = m.layout_text if m.layout_text is not None else dump_tree(m.layout, m.raws)
    lines = text.split("\n")
    i = rng.randrange(max(1, len(lines) - 1))
    r = rng.random()
    if r < 0.15:
        lines.insert(i, lines[i])
        desc = "duplicate line"
    elif r < 0.25:
        del lines[i]
        desc = "delete line"
    elif r < 0.35:
        lines[i] = rng.choice(["\t", "  ", " ", "\t\t"]) + lines[i]
        desc = "indent line"
    elif r < 0.55:
        k = rng.randint(0, len(lines[i]))
        lines[i] = lines[i][:k] + odd_piece(rng) + lines[i][k:]
        desc = "raw odd text"
    elif r < 0.62:
        lines.insert(i, rng.choice(["%YAML 1.2\n---", "%TAG ! tag:x,2000:", "--- !!map", "...", "---", "# comment",
                                    "? complex", "<<: *a", "&a", "!!", "{", "[", "'", '"', "- item", ": value"]))
        desc = "inserted directive or indicator"
    elif r < 0.70:
        lines.append(rng.choice(["---\nsecond: document", "...\ngarbage", "# trailing comment", "x: " + "y" * 200000]))
        desc = "appended document"
    elif r < 0.80:
        k = rng.randint(2, 9)
        lines.append("bomb: &a0 [x, x, x, x, x, x, x, x, x, x]")
        for j in range(1, k):
            lines.append(f"bomb{j}: &a{j} [" + ", ".join([f"*a{j - 1}"] * 10) + "]")
        desc = f"alias bomb 10^{k}"
    elif r < 0.90:
        k = rng.randint(0, len(lines[i]))
        lines[i] = lines[i][:k] + rng.choice(CONTROLS) + lines[i][k:]
        desc = "raw control"
    else:
        lines = [l.rstrip() + rng.choice(["  ", "\t", " # c"]) for l in lines]
        desc = "trailing blanks or comments"
    text = "\n".join(lines)
    if target == "issue":
        m.issue_text = text
    elif target == "story":
        s.fm_text = text
    else:
        m.layout_text = text
    return f"{target} yaml text: {desc}"


# ---- stages after serialising --------------------------------------------------------------

def op_line_endings(rng, m):
    name = pick_file(rng, m)
    text = m.files[name]
    how = rng.choice(["crlf", "cr", "mixed", "ls", "nel", "no-final", "lf-cr"])
    if how == "crlf":
        text = text.replace(b"\n", b"\r\n")
    elif how == "cr":
        text = text.replace(b"\n", b"\r")
    elif how == "mixed":
        text = b"".join(rng.choice([b"\n", b"\r\n", b"\r"]) + part if k else part for k, part in enumerate(text.split(b"\n")))
    elif how == "ls":
        text = text.replace(b"\n\n", "\u2029".encode()).replace(b"\n", "\u2028".encode(), rng.randint(1, 5))
    elif how == "nel":
        text = text.replace(b"\n", "\u0085".encode(), rng.randint(1, 5))
    elif how == "no-final":
        text = text.rstrip(b"\n")
    else:
        text = text.replace(b"\n", b"\n\r")
    m.files[name] = text
    return f"{name}: line endings {how}"


INVALID_UTF8 = [b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xff", b"\x80", b"\xe2\x82", b"\xf8\x88\x80\x80\x80",
                b"\xed\xa0\xbd\xed\xb8\x80", b"\xc3", b"\xfe\xff"]


def op_encoding(rng, m):
    name = pick_file(rng, m)
    data = m.files[name]
    how = rng.choice(["bom", "bom2", "bom-mid", "utf16le", "utf16be", "latin1", "invalid", "invalid-end", "utf32"])
    if how == "bom":
        data = b"\xef\xbb\xbf" + data
    elif how == "bom2":
        data = b"\xef\xbb\xbf\xef\xbb\xbf" + data
    elif how == "bom-mid":
        k = rng.randint(0, len(data))
        data = data[:k] + b"\xef\xbb\xbf" + data[k:]
    elif how in ("utf16le", "utf16be", "utf32"):
        enc = {"utf16le": "utf-16-le", "utf16be": "utf-16-be", "utf32": "utf-32"}[how]
        text = data.decode("utf-8", "replace")
        data = (b"\xff\xfe" if how == "utf16le" and rng.random() < 0.5 else b"") + text.encode(enc, "surrogatepass")
    elif how == "latin1":
        data = data.decode("utf-8", "replace").encode("latin-1", "replace")
    elif how == "invalid":
        k = rng.randint(0, len(data))
        data = data[:k] + rng.choice(INVALID_UTF8) + data[k:]
    else:
        data = data + rng.choice(INVALID_UTF8)
    m.files[name] = data
    return f"{name}: encoding {how}"


def op_bytes(rng, m):
    name = pick_file(rng, m)
    data = bytearray(m.files[name])
    how = rng.choice(["flip", "insert", "delete", "dup", "interesting", "truncate", "splice"])
    n = len(data)
    if n == 0:
        how = "insert"
    if how == "flip":
        for _ in range(rng.randint(1, 8)):
            k = rng.randrange(n)
            data[k] ^= 1 << rng.randrange(8)
    elif how == "insert":
        k = rng.randint(0, n)
        data[k:k] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    elif how == "delete":
        k = rng.randrange(n)
        del data[k:k + rng.randint(1, 200)]
    elif how == "dup":
        k = rng.randrange(n)
        chunk = data[k:k + rng.randint(1, 500)]
        j = rng.randint(0, n)
        data[j:j] = chunk * rng.randint(1, 4)
    elif how == "interesting":
        k = rng.randint(0, n)
        data[k:k] = rng.choice([b"---\n", b":", b"\n", b"\x00", b"\xff", b"- ", b"> ", b"`", b"{", b"[", b"&", b"*",
                                b"\t", b"\r", b"'", b'"', b"|", b"#", b"!", b"%", b"@"])
    elif how == "truncate":
        del data[rng.randrange(n):]
    else:
        other = m.files[pick_file(rng, m)]
        if other:
            k = rng.randrange(len(other))
            j = rng.randint(0, n)
            data[j:j] = other[k:k + rng.randint(1, 300)]
    m.files[name] = bytes(data)
    return f"{name}: bytes {how}"


def font_file():
    for path in ["/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
                 "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"]:
        if os.path.exists(path):
            return path
    return None


def op_files(rng, m):
    """Files and folders: missing, empty, special, linked, oddly named, duplicated."""
    story_names = [k for k in m.files if k.startswith("stories/")]
    some = rng.choice(story_names) if story_names else "stories/01.md"
    r = rng.random()
    choices = [
        ("remove issue.yaml", lambda: m.specials.append(("remove", "issue.yaml", None))),
        ("remove stories", lambda: m.specials.append(("remove", "stories", None))),
        ("remove every story", lambda: [m.specials.append(("remove", k, None)) for k in story_names]),
        ("empty issue.yaml", lambda: m.files.__setitem__("issue.yaml", rng.choice([b"", b"\n", b"---\n", b"~\n", b"# c\n"]))),
        ("empty story", lambda: m.files.__setitem__(some, rng.choice([b"", b"\n", b"---\n---\n", b"---\n"]))),
        ("story is a folder", lambda: m.specials.append(("dir", "stories/zz-folder.md", None))),
        ("issue.yaml is a folder", lambda: (m.specials.append(("remove", "issue.yaml", None)),
                                            m.specials.append(("dir", "issue.yaml", None)))),
        ("stories is a file", lambda: (m.specials.append(("remove", "stories", None)),
                                       m.files.__setitem__("stories", b"not a folder\n"))),
        ("story symlink to story", lambda: m.specials.append(("symlink", "stories/zz-link.md", os.path.basename(some)))),
        ("dangling story symlink", lambda: m.specials.append(("symlink", "stories/zz-dangling.md", "nowhere.md"))),
        ("story symlink loop", lambda: m.specials.append(("symlink", "stories/zz-loop.md", "zz-loop.md"))),
        ("story symlink to /dev/null", lambda: m.specials.append(("symlink", "stories/zz-null.md", "/dev/null"))),
        ("story symlink to folder", lambda: m.specials.append(("symlink", "stories/zz-dir.md", "."))),
        ("issue.yaml symlink to /dev/null", lambda: (m.specials.append(("remove", "issue.yaml", None)),
                                                     m.specials.append(("symlink", "issue.yaml", "/dev/null")))),
        ("FIFO in fonts", lambda: m.specials.append(("fifo", "fonts/pipe.ttf", None))),
        ("FIFO story", lambda: m.specials.append(("fifo", "stories/zz-pipe.md", None))),
        ("FIFO layout", lambda: (m.specials.append(("fifo", "layouts/fifo.yaml", None)),
                                 m.files.__setitem__("issue.yaml", re.sub(rb"(?m)^layout:.*$", b"layout: fifo", m.files["issue.yaml"])))),
        ("garbage font", lambda: m.files.__setitem__("fonts/garbage.ttf", bytes(rng.randrange(256) for _ in range(rng.choice([0, 4, 100, 5000]))))),
        ("truncated font", lambda: m.specials.append(("truncated-font", "fonts/Truncated.ttf", rng.random()))),
        ("font folder loop", lambda: m.specials.append(("symlink", "fonts/loop", "."))),
        ("fonts is a file", lambda: m.files.__setitem__("fonts", b"x")),
        ("layouts is a file", lambda: m.files.__setitem__("layouts", b"x")),
        ("empty layout", lambda: (m.files.__setitem__("layouts/classic.yaml", rng.choice([b"", b"\n", b"~\n", b"[]\n"])))),
        ("odd story file name", lambda: m.specials.append(("rename", some, rng.choice([
            "stories/a b c.md", "stories/ünïcødé.md", "stories/new\nline.md", "stories/colon:3: x.md", "stories/-dash.md",
            "stories/" + "l" * 240 + ".md", b"stories/\xff\xfe.md", "stories/.hidden.md", "stories/UPPER.MD", "stories/a.md.md",
            "stories/\u202eevil.md", "stories/tab\tname.md", "stories/back\\slash.md", "stories/esc\x1b[31m.md"])))),
        ("many stories", lambda: [m.files.__setitem__(f"stories/{100 + k}-many.md", f"---\ntitle: {words(rng, 3)}\n---\n{words(rng, 20)}\n".encode())
                                  for k in range(rng.choice([30, 100]))]),
        ("non-story files", lambda: (m.files.__setitem__("stories/notes.txt", b"\x00\xff"), m.files.__setitem__("stories/.DS_Store", b"\x00\x01"))),
    ]
    name, action = choices[int(r * len(choices))]
    action()
    return f"files: {name}"


def op_output(rng, m):
    how = rng.choice(["new-dir", "dir", "png", "input", "symlink", "unicode", "noext", "long", "trailing-slash", "in-issue"])
    if how == "new-dir":
        m.output, m.output_kind = "out/new/sub/x.pdf", "fresh"
    elif how == "dir":
        m.output, m.output_kind = "out/adir", "dir"
    elif how == "png":
        m.output, m.output_kind = "out/page.png", "png"
    elif how == "input":
        m.output, m.output_kind = rng.choice(["issue/issue.yaml", "issue/stories/" + m.stories[0].name]), "input"
    elif how == "symlink":
        m.output, m.output_kind = "out/earlier.pdf", "symlink"
    elif how == "unicode":
        m.output, m.output_kind = "out/ünï côdé\u202e x.pdf", "pdf"
    elif how == "noext":
        m.output, m.output_kind = "out/earlier", "pdf"
    elif how == "long":
        m.output, m.output_kind = "out/" + "l" * 250 + ".pdf", "pdf"
    elif how == "trailing-slash":
        m.output, m.output_kind = "out/x.pdf/", "fresh"
    else:
        m.output, m.output_kind = "issue/stories/out.pdf", "pdf"
    return f"output {how}: {m.output[:60]!r}"


def op_print(rng, m):
    """The print edition, perhaps imposed, perhaps with odd bleed and marks in the layout."""
    m.make_args = rng.choice([["--for", "print"], ["--for", "print", "--impose", "booklet"]])
    ensure_layout(m)
    if isinstance(m.layout, dict) and rng.random() < 0.6:
        part = m.layout.setdefault("print", {})
        if isinstance(part, dict):
            key = rng.choice(["bleed", "marks"])
            part[key] = rng.choice(["0", "3mm", "20mm", "20.1mm", "-1mm", "nan", "inf", "1e308pt", "true", "false", "", "5"])
            return f"print {' '.join(m.make_args)}: print.{key} {part[key]}"
    return f"print {' '.join(m.make_args)}"


# Stage order: model edits, then YAML text, then serialise, then text/bytes, then files, then output.
OPS = [  # (weight, stage, function)
    (14, 0, op_issue_tree), (18, 0, op_story_tree), (12, 0, op_layout_tree), (8, 0, op_layout_number),
    (26, 0, op_body), (5, 0, op_new_story),
    (2, 0, op_duplicate_stories), (3, 0, op_fences), (4, 0, op_print), (7, 1, op_yaml_text),
    (4, 2, op_line_endings), (3, 2, op_encoding), (6, 2, op_bytes), (5, 3, op_files), (3, 4, op_output),
]


def make_case(seed, index, sample, layout_path):
    rng = random.Random(f"{seed}:{index}")
    m = Model(sample, layout_path)
    n = rng.choices([1, 2, 3, 4, 5], weights=[60, 22, 10, 5, 3])[0]
    total = sum(w for w, _, _ in OPS)
    chosen = []
    for _ in range(n):
        x = rng.uniform(0, total)
        for w, stage, fn in OPS:
            x -= w
            if x <= 0:
                chosen.append((stage, fn))
                break
    chosen.sort(key=lambda c: c[0])
    serialised = False
    for stage, fn in chosen:
        if stage >= 2 and not serialised:
            m.serialise()
            serialised = True
        try:
            m.ops.append((fn.__name__[3:], fn(rng, m)))
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as e:
            m.ops.append((fn.__name__[3:], f"skipped ({type(e).__name__})"))
    if not serialised:
        m.serialise()
    return m


# ----------------------------------------------------------------------------------------------
# Writing a case to disk
# ----------------------------------------------------------------------------------------------

def bpath(*parts):
    return os.path.join(*[p if isinstance(p, bytes) else os.fsencode(p) for p in parts])


def write_case(m, issue):
    os.makedirs(issue)
    for name, data in list(getattr(m, "assets", {}).items()) + list(m.files.items()):
        path = bpath(issue, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if os.path.isdir(path):
            continue
        with open(path, "wb") as f:
            f.write(data)
    for kind, name, arg in m.specials:
        path = bpath(issue, name)
        if kind == "remove":
            if os.path.islink(path) or os.path.isfile(path):
                os.unlink(path)
            elif os.path.isdir(path):
                shutil.rmtree(path)
            continue
        if kind == "rename":
            if os.path.lexists(path):
                new = bpath(issue, arg)
                os.makedirs(os.path.dirname(new), exist_ok=True)
                os.rename(path, new)
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if os.path.lexists(path):
            continue
        if kind == "dir":
            os.makedirs(path)
        elif kind == "symlink":
            os.symlink(arg, path)
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "truncated-font":
            src = font_file()
            if src:
                with open(src, "rb") as f:
                    data = f.read()
                with open(path, "wb") as f:
                    f.write(data[:int(len(data) * arg)])


def copy_tree(src, dst):
    """Copies a case folder keeping symlinks as links and FIFOs as FIFOs (never opening them)."""
    os.makedirs(dst, exist_ok=True)
    for entry in os.scandir(os.fsencode(src)):
        s = entry.path
        d = bpath(dst, entry.name)
        if entry.is_symlink():
            os.symlink(os.readlink(s), d)
        elif entry.is_dir():
            copy_tree(s, d)
        elif stat.S_ISFIFO(entry.stat(follow_symlinks=False).st_mode):
            os.mkfifo(d)
        elif entry.is_file():
            shutil.copyfile(s, d)


def snapshot(root, skip):
    names = set()
    for folder, dirs, files in os.walk(root):
        if os.path.abspath(folder) == os.path.abspath(skip):
            dirs[:] = []
            continue
        for n in files + dirs:
            names.add(os.path.join(folder, n))
    return names


# ----------------------------------------------------------------------------------------------
# What a story holds: front matter as bulletin splits it, body text as cmark reads it
# ----------------------------------------------------------------------------------------------

WHITE_SPACE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                  "\u2028\u2029\u202f\u205f\u3000")


def is_extend(ch):
    return unicodedata.category(ch) in ("Mn", "Me", "Mc") or ch in "\u200c\u200d" or 0xFE00 <= ord(ch) <= 0xFE0F \
        or 0xE0100 <= ord(ch) <= 0xE01EF or 0x1F3FB <= ord(ch) <= 0x1F3FF or 0xE0020 <= ord(ch) <= 0xE007F


def clusters(s):
    out = []
    for ch in s:
        if out and is_extend(ch):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def swift_trim(s):
    """Trims as Swift's Character.isWhitespace does: a whole grapheme whose first scalar is a space."""
    c = clusters(s)
    while c and c[0][0] in WHITE_SPACE:
        c.pop(0)
    while c and c[-1][0] in WHITE_SPACE:
        c.pop()
    return "".join(c)


def split_front_matter(text):
    """(front matter, body) as a story file is meant to be read: any line ending, an optional BOM."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if swift_trim(lines[0]) != "---":
        return None, None
    for i in range(1, len(lines)):
        if swift_trim(lines[i]) in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:])
    return None, None


class Cmark:
    def __init__(self):
        name = ctypes.util.find_library("cmark-gfm")
        if not name:
            raise SystemExit("fuzz.py needs libcmark-gfm (apt-get install libcmark-gfm-dev)")
        lib = ctypes.CDLL(name)
        lib.cmark_parse_document.restype = ctypes.c_void_p
        lib.cmark_parse_document.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int]
        for fn in ("cmark_node_first_child", "cmark_node_next"):
            getattr(lib, fn).restype = ctypes.c_void_p
            getattr(lib, fn).argtypes = [ctypes.c_void_p]
        for fn in ("cmark_node_get_type_string", "cmark_node_get_literal", "cmark_node_get_title"):
            getattr(lib, fn).restype = ctypes.c_char_p
            getattr(lib, fn).argtypes = [ctypes.c_void_p]
        lib.cmark_node_free.argtypes = [ctypes.c_void_p]
        self.lib = lib

    SMART = 1 << 10

    def text_blocks(self, markdown):
        """The text bulletin sets from a body: paragraphs, headings, list items, quotes, code; no
        HTML, no link destinations. One (text, depth of quotes and lists) per block."""
        data = markdown.encode("utf-8", "surrogatepass")
        lib = self.lib
        doc = lib.cmark_parse_document(data, len(data), self.SMART)
        out = []
        try:
            iters = [(self._children(doc), 0)]
            while iters:
                try:
                    child = next(iters[-1][0])
                except StopIteration:
                    iters.pop()
                    continue
                depth = iters[-1][1]
                kind = lib.cmark_node_get_type_string(child).decode()
                if kind in ("paragraph", "heading"):
                    out.append((self.inline_text(child), depth))
                elif kind in ("block_quote", "list"):
                    iters.append((self._children(child), depth + 1))
                elif kind == "item":
                    iters.append((self._children(child), depth))
                elif kind == "code_block":
                    out.append(((lib.cmark_node_get_literal(child) or b"").decode("utf-8", "replace"), depth))
        finally:
            lib.cmark_node_free(doc)
        return out

    def inline_text(self, node):
        """A paragraph's or heading's text: text and code literals, the text of emphasis, links and
        images; breaks as spaces; raw HTML dropped. Walked with a stack of iterators, so that deep
        emphasis cannot exhaust Python's stack."""
        lib = self.lib
        parts = []
        iters = [self._children(node)]
        while iters:
            try:
                child = next(iters[-1])
            except StopIteration:
                iters.pop()
                continue
            kind = lib.cmark_node_get_type_string(child).decode()
            if kind in ("text", "code"):
                parts.append((lib.cmark_node_get_literal(child) or b"").decode("utf-8", "replace"))
            elif kind in ("softbreak", "linebreak"):
                parts.append(" ")
            elif kind in ("emph", "strong", "link"):
                iters.append(self._children(child))
            elif kind == "image":
                # A picture shows its title as the caption; its alt text is not printed.
                title = (lib.cmark_node_get_title(child) or b"").decode("utf-8", "replace")
                parts.append(" " + title + " ")
        return "".join(parts)

    def _children(self, node):
        child = self.lib.cmark_node_first_child(node)
        while child:
            yield child
            child = self.lib.cmark_node_next(child)


def tokens(text):
    """Words as runs of letters and digits: NFKC, case-folded; marks and format characters
    (soft hyphens, joiners, direction marks) dropped, everything else a separator."""
    s = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    out = []
    for ch in s:
        cat = unicodedata.category(ch)
        if cat[0] in "LN":
            out.append(ch)
        elif cat[0] != "M" and cat != "Cf":   # marks and format characters join, the rest separate
            out.append(" ")
    return "".join(out).split()


def is_rtl(token):
    return any(unicodedata.bidirectional(ch) in ("R", "AL", "AN") for ch in token)


def names(value):
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def story_expectations(path, cmark):
    """[(part, text, nesting depth)] a story must show, or None when it cannot be told safely."""
    try:
        with open(path, "rb") as f:
            raw = f.read(20_000_000)
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    fm, body = split_front_matter(text)
    if fm is None:
        return None
    try:
        front = yaml.load(fm, Loader=yaml.BaseLoader) if fm.strip() else None
    except yaml.YAMLError:
        return None
    except RecursionError:
        return None
    if not isinstance(front, dict) or not isinstance(front.get("title"), str):
        return None
    parts = [("title", front["title"], 0)]
    for key in ("kicker", "deck"):
        if isinstance(front.get(key), str):
            parts.append((key, front[key], 0))
    for key in ("written_by", "edited_by"):
        for n in names(front.get(key)):
            parts.append(("byline", n, 0))
    for b, depth in cmark.text_blocks(body):
        parts.append(("body", b, depth))
    return parts


# ----------------------------------------------------------------------------------------------
# Running a case and judging the outcome
# ----------------------------------------------------------------------------------------------

OUTCOMES = ["ok", "clean-error", "crash", "hang", "bad-status", "bad-error", "bad-warning", "silent-loss",
            "damaged-output", "leftover-temp"]
FAILURES = OUTCOMES[2:]

FONT_COVERAGE = {}


def has_font(ch):
    if ch not in FONT_COVERAGE:
        try:
            out = subprocess.run(["fc-list", "--format", "%{family}\n", f":charset={ord(ch):x}"], capture_output=True,
                                 timeout=20).stdout
            FONT_COVERAGE[ch] = bool(out.strip())
        except (OSError, subprocess.TimeoutExpired):
            FONT_COVERAGE[ch] = True
    return FONT_COVERAGE[ch]


def odd_classes(text):
    found = set()
    for ch in text:
        o = ord(ch)
        if (0xFDD0 <= o <= 0xFDEF) or (o & 0xFFFE) == 0xFFFE:
            found.add("noncharacter")
        elif unicodedata.category(ch) == "Cc" and ch not in "\n\t":
            found.add("control")
        elif ch in BIDI:
            found.add("bidi")
        elif ch in ZERO_WIDTH:
            found.add("zero-width")
        elif unicodedata.category(ch) in ("Mn", "Me"):
            found.add("combining")
        elif unicodedata.category(ch) == "Co":
            found.add("private-use")
        elif unicodedata.category(ch) == "Cn":
            found.add("unassigned")
        elif ch in "\ufff9\ufffa\ufffb\ufffc\ufffd":
            found.add("specials")
        elif 0xE0000 <= o <= 0xE007F:
            found.add("tag")
    return found


def swift_backtracer():
    """The toolchain's backtracer for statically linked programs, beside the `swift` on PATH; None if there is none."""
    swift = shutil.which("swift")
    if not swift:
        return None
    libexec = os.path.join(os.path.dirname(os.path.realpath(swift)), "..", "libexec", "swift", "linux")
    for name in ("swift-backtrace-static", "swift-backtrace"):
        path = os.path.normpath(os.path.join(libexec, name))
        if os.access(path, os.X_OK):
            return path
    return None


class Runner:
    def __init__(self, args):
        self.args = args
        self.bulletin = os.path.abspath(args.bulletin)
        self.cmark = Cmark()
        self.work = tempfile.mkdtemp(prefix="bulletin-fuzz-")
        # The cache folder every run starts from, as the sample's build leaves it (bulletin may
        # write nothing there: the folder is made here, so that copying it never fails).
        self.cache = os.path.join(self.work, "warm-cache")
        os.makedirs(self.cache, exist_ok=True)
        self.earlier = os.path.join(self.work, "earlier.pdf")
        self.earlier_png = os.path.join(self.work, "earlier.png")
        self.counts = {o: 0 for o in OUTCOMES}
        self.saved = {}
        self.failure_numbers = {}
        self.unchecked = 0
        self.env = dict(os.environ)
        # A release binary carries the Swift runtime (--static-swift-stdlib), which finds no
        # backtracer of its own and says so on every run: it is given the toolchain's, if any.
        backtrace = "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,sanitize=yes"
        backtracer = swift_backtracer()
        self.env.update({"SWIFT_BACKTRACE": backtrace + (f",swift-backtrace={backtracer}" if backtracer else ""),
                         "LC_ALL": "C.UTF-8"})
        self.env.pop("BULLETIN_HOME", None)
        if args.asan:
            # The caller's options (suppressions=...) first; exit code 86 so that a report is never status 1.
            given = os.environ.get("ASAN_OPTIONS", "")
            self.env["ASAN_OPTIONS"] = ":".join(x for x in [given, "detect_leaks=0:exitcode=86:symbolize=1"] if x)

    def prepare(self):
        """The earlier PDF (the sample, made once) and a warm hyphenation cache every run starts from."""
        env = dict(self.env, XDG_CACHE_HOME=self.cache)
        for target in (self.earlier, self.earlier_png):
            r = subprocess.run([self.bulletin, "make", self.args.sample, "-o", target], env=env, capture_output=True,
                               timeout=600)
            if r.returncode != 0:
                raise SystemExit(f"the sample does not make: {r.stderr.decode(errors='replace')}")
        if self.args.check_sample:
            issue = os.path.join(self.work, "sample-check")
            copy_tree(self.args.sample, issue)
            missing = self.missing_text(issue, self.earlier)
            if missing:
                raise SystemExit(f"the text check fails on the sample itself: {missing[:3]}")

    # ---- the text check ----

    def pdf_text(self, pdf):
        r = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], capture_output=True, timeout=120)
        if r.returncode != 0:
            return None
        return r.stdout.decode("utf-8", "replace")

    def missing_text(self, issue, pdf):
        """[(story file, part, missing word, source text, depth, all the story's text)] of words the PDF lacks."""
        text = self.pdf_text(pdf)
        if text is None:
            return [("-", "-", "pdftotext cannot read the PDF", "")]
        pdf_tokens = tokens(text)
        exact = set(pdf_tokens)
        joined = "".join(pdf_tokens)
        letters = set(joined)
        missing = []
        stories = bpath(issue, "stories")
        try:
            names_ = sorted(os.listdir(stories))
        except OSError:
            return []
        for name in names_:
            try:
                shown = name.decode("utf-8")
            except UnicodeDecodeError:
                self.unchecked += 1
                continue
            if not shown.endswith(".md") or shown.startswith("."):
                continue
            parts = story_expectations(os.path.join(stories, name), self.cmark)
            if parts is None:
                self.unchecked += 1
                continue
            everything = "\n".join(p[1] for p in parts)
            for part, source, depth in parts:
                for t in tokens(source):
                    if t in exact or t in joined:
                        continue
                    if is_rtl(t) and (t[::-1] in joined or all(c in letters for c in t)):
                        continue
                    # Han text has no spaces: a "word" is a whole run, which a page or column may
                    # break anywhere, with a jump line or the footer between its halves.
                    if any(0x2E80 <= ord(c) <= 0x9FFF or 0xF900 <= ord(c) <= 0xFAFF for c in t) and all(c in letters for c in t):
                        continue
                    missing.append((shown, part, t, source, depth, everything))
                    break
        return missing

    # ---- one run ----

    def run_case(self, m, keep=None):
        """Runs a case in a folder of its own; the caller removes it with `clean` when done."""
        root = tempfile.mkdtemp(prefix="case-", dir=self.work if not keep else None)
        return self._run(m, root, keep)

    @staticmethod
    def clean(root):
        subprocess.run(["chmod", "-R", "u+rwX", root], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)

    def _run(self, m, root, keep):
        issue = os.path.join(root, "issue")
        write_case(m, issue)
        cache = os.path.join(root, "cache")
        shutil.copytree(self.cache, cache)
        os.makedirs(os.path.join(root, "out"), exist_ok=True)
        output = os.path.join(root, m.output.rstrip("/")) + ("/" if m.output.endswith("/") else "")
        earlier_bytes = None
        guarded = None   # the file a failed run must leave alone
        if m.output_kind in ("pdf", "png"):
            src = self.earlier if m.output_kind == "pdf" else self.earlier_png
            os.makedirs(os.path.dirname(output), exist_ok=True)
            shutil.copyfile(src, output)
            guarded = output
        elif m.output_kind == "symlink":
            real = os.path.join(root, "out", "real.pdf")
            shutil.copyfile(self.earlier, real)
            os.symlink("real.pdf", output)
            guarded = real
        elif m.output_kind == "dir":
            os.makedirs(output)
            with open(os.path.join(output, "inside.txt"), "w") as f:
                f.write("keep\n")
            guarded = os.path.join(output, "inside.txt")
        elif m.output_kind == "input":
            guarded = output if os.path.isfile(output) and not os.path.islink(output) else None
        if guarded:
            with open(guarded, "rb") as f:
                earlier_bytes = f.read()
        earlier_inode = os.lstat(output).st_ino if os.path.lexists(output.rstrip("/")) else None
        before = snapshot(root, cache)
        argv = [self.bulletin, "make", "issue", "-o", m.output] + m.make_args
        env = dict(self.env, XDG_CACHE_HOME=cache, HOME=root)
        started = time.monotonic()
        proc = subprocess.Popen(argv, cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
        timed_out = False
        try:
            out, err = proc.communicate(timeout=self.args.timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
        elapsed = time.monotonic() - started
        stdout = out.decode("utf-8", "replace")
        stderr = err.decode("utf-8", "replace")
        status = proc.returncode
        problems = []   # (kind, key, detail)

        def problem(kind, key, detail):
            problems.append((kind, key, detail))

        if "ERROR: AddressSanitizer" in stderr or "runtime error:" in stderr and self.args.asan:
            line = next((l for l in stderr.splitlines() if "ERROR: AddressSanitizer" in l or "runtime error:" in l), "")
            problem("crash", "asan " + re.sub(r"0x[0-9a-f]+", "0x…", line.split("ERROR: ")[-1])[:120] + " " + top_frame(stderr),
                    line)
        if timed_out:
            problem("hang", "hang " + ", ".join(sorted({name for name, _ in m.ops})), f"killed after {self.args.timeout} s")
        elif status < 0 or "Program crashed" in stderr or "Fatal error" in stderr:
            sig = signal.Signals(-status).name if status < 0 else f"status {status}"
            reason = crash_reason(stderr)
            problem("crash", f"{sig} {reason} {top_frame(stderr)}", f"{sig}: {reason}")
        elif status not in (0, 1):
            problem("bad-status", f"status {status} {first_line(stderr)}", f"exit status {status}")
        else:
            temps = [p for p in snapshot(root, cache) - before
                     if ".tmp" in os.path.basename(p) or os.path.basename(p).startswith(".bulletin-")]
            if temps:
                problem("leftover-temp", "temporary " + re.sub(r"\d+", "N", os.path.basename(temps[0])),
                        f"left behind: {[os.path.relpath(t, root) for t in temps]}")
            lines = [l for l in stderr.split("\n") if l != ""]
            if any(ord(c) < 0x20 and c != "\t" or c == "\x7f" for c in stderr.replace("\n", "")):
                problem("bad-error" if status == 1 else "bad-warning", f"raw control character ({'error' if status == 1 else 'warning'})",
                        f"stderr holds a raw control character: {stderr[:300]!r}")
            if status == 1:
                errors = [l for l in lines if l.startswith("error: ")]
                if len(errors) != 1 or len(lines) != 1:
                    problem("bad-error", f"{len(errors)} error lines in {len(lines)} " + message_key(errors[0] if errors else (lines or [''])[0]),
                            f"stderr has {len(lines)} lines, {len(errors)} of them errors")
                elif not names_file(errors[0], m.output):
                    problem("bad-error", "names no file of the issue: " + message_key(re.sub(r"^error: /\S*?:", "error: PATH:", errors[0])),
                            f"the error does not start with a file of the issue: {errors[0]!r}")
                if any("cannot set the page boxes and language" in e for e in errors):
                    # The qpdf pass reads what cairo wrote: its failure is ours, never the input's.
                    problem("bad-error", "qpdf pass failed: " + message_key(errors[0].split("qpdf", 1)[-1]),
                            f"the PDF cairo wrote did not pass through qpdf: {errors[0]!r}")
                if guarded is not None and os.path.exists(guarded):
                    with open(guarded, "rb") as f:
                        if f.read() != earlier_bytes:
                            problem("damaged-output", f"earlier output changed ({m.output_kind})", f"{guarded} changed on a failed run")
                elif guarded is not None:
                    problem("damaged-output", f"earlier output removed ({m.output_kind})", f"{guarded} is gone after a failed run")
            else:
                # Besides warnings, one summary line: "out/x.pdf · 6 pages · 812 KB · 2 warnings",
                # "… · 8 pages on 4 sheet sides · …", "page.png · page 1 of 6 · …".
                stray = [l for l in lines if not re.match(r"^.+?(:\d+)?: warning: ", l)
                         and not re.match(r"^.+ · (\d+ pages?( on \d+ sheet sides?)?|page 1 of \d+) · [\d.]+ (bytes|KB|MB|GB)( · \d+ warnings?)?$", l)]
                if stray:
                    problem("bad-warning", "stray stderr " + message_key(stray[0]), f"stderr lines that are not warnings: {stray[:3]!r}")
                if m.output_kind == "input":
                    problem("damaged-output", "an input was replaced by the output", f"made {m.output} over an input file")
                elif m.output_kind == "dir":
                    problem("damaged-output", "output folder replaced", f"{m.output} was a folder")
                else:
                    target = output.rstrip("/")
                    if stdout.strip() != m.output.rstrip("/") and stdout.strip() != m.output:
                        problem("bad-warning", "stdout does not name the output", f"stdout: {stdout[:200]!r}")
                    if not os.path.isfile(target):
                        problem("damaged-output", "no output written", f"exit 0 but {m.output} is not a file")
                    else:
                        with open(target, "rb") as f:
                            head = f.read(8)
                        if m.output_kind == "png" or target.lower().endswith(".png"):
                            if not head.startswith(b"\x89PNG"):
                                problem("damaged-output", "not a PNG", f"{m.output} starts {head!r}")
                        elif not head.startswith(b"%PDF"):
                            problem("damaged-output", "not a PDF", f"{m.output} starts {head!r}")
                        elif earlier_inode is not None and not os.path.islink(target) and os.lstat(target).st_ino == earlier_inode:
                            # (An output that is a link is written through: the link stays, its file is replaced.)
                            problem("damaged-output", "output not replaced", f"exit 0 but {m.output} is the earlier file")
                        else:
                            for story, part, word, source, depth, everything in self.missing_text(issue, target)[:1]:
                                # Odd characters anywhere in the issue's text may be the cause: one
                                # can stop all drawing after it.
                                near = odd_classes(everything + dump_tree(m.issue, {}) if isinstance(m.issue, dict) else everything)
                                if m.layout is not None or m.layout_text is not None:
                                    near |= odd_classes(m.layout_text or dump_tree(m.layout, {}))
                                nofont = [c for c in dict.fromkeys(source) if not c.isspace() and unicodedata.category(c)[0] != "C"
                                          and not has_font(c)]
                                why = "no font draws some characters (hex boxes)" if nofont else \
                                    ("story has " + "+".join(sorted(near)) if near else "plain text")
                                if nofont and "no installed font has" in stderr:
                                    # Told, with file and line: boxes in the PDF, but not in silence.
                                    continue
                                if nofont:
                                    source = f"no font for {', '.join(f'U+{ord(c):04X}' for c in nofont[:5])}; " + source
                                if len(word) > 40:
                                    why += ", long word"
                                if depth > 4:
                                    why += f", nested {'deep' if depth > 30 else 'over 4'}"
                                    source = f"nested {depth} deep; " + source
                                lay = " (layout changed)" if any(n in ("layout_tree",) or "layout" in d for n, d in m.ops) else ""
                                problem("silent-loss", f"{part} {why}{lay}",
                                        f"{story}: the {part}'s word {word[:80]!r} is not in the PDF's text (source: {source[:200]!r})")
        if keep:
            print(f"kept {root}")
        return status, timed_out, elapsed, stdout, stderr, problems, root

    # ---- saving ----

    def save(self, m, kind, key, detail, stdout, stderr, root, seed, index, status, elapsed):
        folder_key = (kind, key)
        if folder_key in self.saved:
            self.saved[folder_key]["count"] += 1
            return None
        n = self.failure_numbers.get(kind, 0) + 1
        self.failure_numbers[kind] = n
        folder = os.path.join(self.args.out, "failures", f"{kind}-{n}")
        if os.path.exists(folder):
            shutil.rmtree(folder)
        os.makedirs(folder)
        copy_tree(os.path.join(root, "issue"), os.path.join(folder, "issue"))
        shutil.copyfile(self.earlier, os.path.join(folder, "earlier.pdf"))
        with open(os.path.join(folder, "stderr.txt"), "w", errors="replace") as f:
            f.write(stderr)
        with open(os.path.join(folder, "stdout.txt"), "w", errors="replace") as f:
            f.write(stdout)
        case = {"kind": kind, "key": key, "detail": detail, "seed": seed, "case": index, "status": status,
                "seconds": round(elapsed, 2), "output": m.output, "output_kind": m.output_kind,
                "ops": [f"{n_}: {d}" for n_, d in m.ops]}
        with open(os.path.join(folder, "case.json"), "w") as f:
            json.dump(case, f, indent=2, ensure_ascii=True)
        with open(os.path.join(folder, "report.txt"), "w", errors="replace") as f:
            f.write(f"kind:    {kind}\nkey:     {key}\ndetail:  {detail}\nstatus:  {status} after {elapsed:.1f} s\n"
                    f"again:   scripts/fuzz.py --seed {seed} --case {index}\nmutations:\n")
            for n_, d in m.ops:
                f.write(f"  - {n_}: {d!r}\n")
            f.write("\nstderr (first 40 lines):\n")
            f.write("\n".join(stderr.splitlines()[:40]) + "\n")
        script = os.path.join(folder, "reproduce.sh")
        setup = {"pdf": f"mkdir -p \"$(dirname '{sh(m.output)}')\" && cp earlier.pdf '{sh(m.output)}'",
                 "png": f"mkdir -p \"$(dirname '{sh(m.output)}')\" && cp earlier.pdf '{sh(m.output)}'",
                 "symlink": "cp earlier.pdf out/real.pdf && ln -s real.pdf out/earlier.pdf",
                 "dir": "mkdir -p out/adir && echo keep > out/adir/inside.txt",
                 "input": ":", "fresh": ":"}[m.output_kind]
        with open(script, "w") as f:
            f.write(f"""#!/bin/sh
# {kind}: {key}
# {detail}
# Copies the case to run/ and makes it as the fuzzer did; prints the exit status.
# BULLETIN=path/to/bulletin to try another build.
here=$(cd "$(dirname "$0")" && pwd)
BULLETIN=$(realpath "${{BULLETIN:-{self.bulletin}}}")
rm -rf "$here/run" && mkdir -p "$here/run/out" && cp -a "$here/issue" "$here/run/issue" && cp "$here/earlier.pdf" "$here/run/"
cd "$here/run" && {setup}
{"ASAN_OPTIONS='" + sh(self.env.get("ASAN_OPTIONS", "")) + "' " if self.args.asan else ""}XDG_CACHE_HOME="$here/run/cache" timeout {self.args.timeout} "$BULLETIN" make issue -o '{sh(m.output)}'{"".join(" " + a for a in m.make_args)}
echo "exit status $?"
""")
        os.chmod(script, 0o755)
        self.saved[folder_key] = {"folder": folder, "count": 1, "detail": detail}
        return folder


def sh(s):
    return s.replace("'", "'\\''")


def first_line(text):
    return next((l for l in text.splitlines() if l.strip()), "")[:120]


def message_key(line):
    """A message without its particulars, for telling failures apart."""
    line = re.sub(r"\"[^\"]*\"", '"…"', line)
    line = re.sub(r"issue/\S*?(:\d+)?:", "FILE:", line)
    line = re.sub(r"\d+", "N", line)
    return line[:100]


def names_file(line, output):
    """Whether an error line starts with a file of the run: the issue's, the output, a built-in layout.
    (Runs are made from the case's folder, so the issue's files show as issue/...)"""
    m_ = re.match(r"^error: (.+?)(?::\d+)?: ", line)
    if not m_:
        return False
    f = m_.group(1)
    return f in ("issue", "--layout", output, output.rstrip("/")) or f.startswith(("issue/", "out/", os.path.join(ROOT, "layouts") + "/"))


def crash_reason(stderr):
    for l in stderr.splitlines():
        for marker_ in ("Program crashed:", "Swift runtime failure:", "Fatal error:"):
            if marker_ in l:
                return re.sub(r"0x[0-9a-f]+", "0x…", l.split(marker_, 1)[1].strip(" *"))[:120]
    return ""


def top_frame(stderr):
    """The first frame of the backtrace in bulletin's own sources."""
    for l in stderr.splitlines():
        m_ = re.search(r"0x[0-9a-f]+ (.+?)(?: \+ \d+)? in bulletin at .*?/(Sources/[^:]+):(\d+)", l)
        if m_:
            return f"{m_.group(1).strip()} ({m_.group(2)})"
        m_ = re.search(r"#\d+ 0x[0-9a-f]+ in (\S+) .*?(Sources/[^:]+):\d+", l)
        if m_:
            return f"{m_.group(1)} ({m_.group(2)})"
    return ""


# ----------------------------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------------------------

def default_bulletin():
    return os.path.join(ROOT, ".build", "release", "bulletin")


FAKES = {  # a stand-in for bulletin -> the outcome the checks must report
    "crash": ("kill -SEGV $$", "crash"),
    "hang": ("sleep 60", "hang"),
    "status 3": ("exit 3", "bad-status"),
    "two error lines": ("echo 'error: issue/issue.yaml:1: one' >&2; echo 'error: issue/issue.yaml:2: two' >&2; exit 1", "bad-error"),
    "error without a file": ("echo 'error: something went wrong' >&2; exit 1", "bad-error"),
    "raw control character": ("printf 'error: issue/issue.yaml:1: a\\033b\\n' >&2; exit 1", "bad-error"),
    "earlier PDF changed": ("echo x >> \"$4\"; echo 'error: issue/issue.yaml:1: bad' >&2; exit 1", "damaged-output"),
    "earlier PDF removed": ("rm \"$4\"; echo 'error: issue/issue.yaml:1: bad' >&2; exit 1", "damaged-output"),
    "temporary left": ("touch \"$(dirname \"$4\")/.x.pdf.tmp-1\"; echo 'error: issue/issue.yaml:1: bad' >&2; exit 1", "leftover-temp"),
    "stray stderr": ("echo 'Pango-CRITICAL: oops' >&2; cp \"$FUZZ_SAMPLE_PDF\" \"$4.new\"; mv \"$4.new\" \"$4\"; echo \"$4\"", "bad-warning"),
    "output not replaced": ("echo \"$4\"", "damaged-output"),
    "story missing": ("cp \"$FUZZ_SAMPLE_PDF\" \"$4.new\"; mv \"$4.new\" \"$4\"; echo \"$4\"", "silent-loss"),
}


def self_test(args):
    """Proves the checks: stand-ins for bulletin that misbehave in each way must be caught, and the
    real bulletin on the sample (and on the sample with a story added) must pass."""
    runner = Runner(args)
    ok = True
    try:
        runner.prepare()
        real = runner.bulletin
        fakes = os.path.join(runner.work, "fakes")
        os.makedirs(fakes)
        runner.env["FUZZ_SAMPLE_PDF"] = runner.earlier
        runner.args.timeout = 5

        def model(extra_story):
            m = Model(args.sample, args.layout)
            if extra_story:
                m.stories.append(Story("99-extra.md", {"title": "zqextra story"}, "zqextra words in a body\n"))
            m.serialise()
            return m

        def check(name, bulletin, extra, want):
            nonlocal ok
            runner.bulletin = bulletin
            *_, problems, root = runner.run_case(model(extra))
            runner.clean(root)
            kinds = [k for k, _, _ in problems]
            good = (want in kinds) if want else not kinds
            ok &= good
            print(f"  {'ok  ' if good else 'FAIL'} {name}: {kinds or ['no problem']}" + ("" if good else f" (want {want or 'none'}): {[d for _, _, d in problems][:2]}"))

        check("the sample", real, False, None)
        check("the sample and a story", real, True, None)
        for name, (script, want) in FAKES.items():
            path = os.path.join(fakes, name.replace(" ", "-"))
            with open(path, "w") as f:
                f.write("#!/bin/sh\n# args: make ISSUE -o OUT\n" + script + "\n")
            os.chmod(path, 0o755)
            check(name, path, True, want)
    finally:
        Runner.clean(runner.work)
    print("self-test " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


def write_loader_seeds(folder, sample):
    """The sample's files with fuzz-loaders' selector byte: 0 story, 1 issue.yaml, 2 layout."""
    os.makedirs(folder, exist_ok=True)
    seeds = [(b"\x00", p) for p in sorted(os.path.join(sample, "stories", n) for n in os.listdir(os.path.join(sample, "stories")))]
    seeds.append((b"\x01", os.path.join(sample, "issue.yaml")))
    layouts = os.path.join(ROOT, "layouts")
    seeds += [(b"\x02", os.path.join(layouts, n)) for n in sorted(os.listdir(layouts)) if n.endswith(".yaml")]
    for selector, path in seeds:
        with open(path, "rb") as f:
            data = selector + f.read()
        with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
            f.write(data)
    print(f"{len(seeds)} seeds in {folder}")
    return 0


def main():
    p = argparse.ArgumentParser(description="Structure-aware fuzzing of bulletin make.")
    p.add_argument("--seconds", type=float, default=float(os.environ.get("FUZZ_SECONDS", 300)), help="how long to run (default 300)")
    p.add_argument("--runs", type=int, default=0, help="stop after this many executions (0: no limit)")
    p.add_argument("--seed", default=os.environ.get("FUZZ_SEED", "1"), help="the seed; case N of a seed is always the same input")
    p.add_argument("--case", type=int, default=None, help="make only case N of the seed and keep its folder")
    p.add_argument("--first", type=int, default=0, help="the first case number (to continue a run)")
    p.add_argument("--bulletin", default=os.environ.get("BULLETIN", default_bulletin()), help="the bulletin binary")
    p.add_argument("--sample", default=os.path.join(ROOT, "examples", "sample"), help="the issue to mutate")
    p.add_argument("--layout", default=os.path.join(ROOT, "layouts", "classic.yaml"), help="the layout to mutate")
    p.add_argument("--out", default=os.path.join(ROOT, "out", "fuzz"), help="where failures and the log go")
    p.add_argument("--timeout", type=float, default=30, help="seconds a run may take before it counts as a hang")
    p.add_argument("--asan", action="store_true", help="the binary is built with AddressSanitizer")
    p.add_argument("--no-check-sample", dest="check_sample", action="store_false", help="skip the text check of the sample")
    p.add_argument("--quiet", action="store_true")
    p.add_argument("--self-test", action="store_true", help="check the checks with stand-ins that misbehave, then stop")
    p.add_argument("--loader-seeds", metavar="DIR", help="write a seed corpus for Fuzz/'s fuzz-loaders to DIR and stop")
    args = p.parse_args()
    if args.loader_seeds:
        return write_loader_seeds(args.loader_seeds, args.sample)
    args.out = os.path.abspath(args.out)
    args.sample = os.path.abspath(args.sample)
    if not os.access(args.bulletin, os.X_OK):
        sys.exit(f"no bulletin binary at {args.bulletin}: build it with swift build -c release")
    if shutil.which("pdftotext") is None:
        sys.exit("fuzz.py needs pdftotext (apt-get install poppler-utils)")
    os.makedirs(args.out, exist_ok=True)
    if args.self_test:
        return self_test(args)
    runner = Runner(args)
    try:
        runner.prepare()
        return fuzz(runner, args)
    finally:
        subprocess.run(["chmod", "-R", "u+rwX", runner.work], capture_output=True)
        shutil.rmtree(runner.work, ignore_errors=True)


def fuzz(runner, args):
    log = open(os.path.join(args.out, "log.tsv"), "a")
    started = time.monotonic()
    executions = 0
    indexes = [args.case] if args.case is not None else None
    index = args.first
    new_failures = []
    print(f"fuzzing {args.bulletin} for {args.seconds:.0f} s, seed {args.seed}; failures go to {args.out}/failures", flush=True)
    while True:
        if indexes is not None:
            if not indexes:
                break
            index = indexes.pop()
        elif time.monotonic() - started > args.seconds or (args.runs and executions >= args.runs):
            break
        m = make_case(args.seed, index, args.sample, args.layout)
        keep = True if args.case is not None else None
        try:
            status, timed_out, elapsed, stdout, stderr, problems, root = runner.run_case(m, keep=keep)
        except KeyboardInterrupt:
            print("interrupted: the summary counts the executions finished so far")
            break
        executions += 1
        if problems:
            outcome = problems[0][0]
        else:
            outcome = "ok" if status == 0 else "clean-error"
        runner.counts[outcome] += 1
        for kind, key, detail in problems:
            folder = runner.save(m, kind, key, detail, stdout, stderr, root, args.seed, index, status, elapsed) if not keep else None
            if folder:
                new_failures.append(folder)
                if not args.quiet:
                    print(f"  [{executions}] {kind}: {key}\n      {detail[:200]}\n      -> {folder}", flush=True)
        if keep:
            for kind, key, detail in problems:
                print(f"{kind}: {key}\n  {detail}")
            print(f"status {status} in {elapsed:.1f} s\nmutations: {m.ops}\nstderr:\n{stderr[:3000]}")
        if not keep:
            runner.clean(root)
        said = problems[0][1] if problems else message_key(first_line(stderr)) if status == 1 else ""
        log.write(f"{args.seed}\t{index}\t{outcome}\t{status}\t{elapsed:.2f}\t{said}\t{' | '.join(d for _, d in m.ops)!r}\n")
        log.flush()
        if not args.quiet and executions % 50 == 0:
            rate = executions / (time.monotonic() - started)
            print(f"  {executions} executions, {rate:.2f}/s: " + ", ".join(f"{k} {v}" for k, v in runner.counts.items() if v), flush=True)
        index += 1
    seconds = time.monotonic() - started
    print()
    print(f"executions: {executions} in {seconds:.0f} s ({executions / max(seconds, 1e-9):.2f}/s), seed {args.seed}, "
          f"cases {args.first}..{index - 1}")
    for outcome in OUTCOMES:
        print(f"  {outcome:15} {runner.counts[outcome]}")
    if runner.unchecked:
        print(f"  (stories whose text could not be told and were not checked: {runner.unchecked})")
    failures = sum(runner.counts[k] for k in FAILURES)
    if runner.saved:
        print(f"distinct failures ({len(runner.saved)}), saved under {args.out}/failures:")
        for (kind, key), info in sorted(runner.saved.items()):
            print(f"  {os.path.basename(info['folder']):20} x{info['count']:<4} {key}")
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump({"executions": executions, "seconds": round(seconds, 1), "seed": args.seed, "counts": runner.counts,
                   "distinct": [{"folder": i["folder"], "kind": k, "key": key, "count": i["count"], "detail": i["detail"]}
                                for (k, key), i in sorted(runner.saved.items())]}, f, indent=2)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
