#!/usr/bin/env python3
"""Makes a large issue for `make bench`: about PAGES pages of stories in OUT_DIR.

    python3 scripts/make-stress-issue.py 200 /tmp/stress-200

The text is made up here from syllables (English-like, and every fifth story German-like, so
both hyphenation pattern files are used), the pictures are drawn here: a PNG photograph-like
gradient with grain, and an SVG bar chart. Everything is original and the same on every run (a
seeded generator). The output is for benchmarking only; do not commit it.
"""

import os
import random
import struct
import sys
import zlib

WORDS_PER_PAGE = 820          # measured: the classic layout sets about 820 of these words a page, pictures included
STORY_WORDS = (700, 1600)

SYLLABLES = {
    "en": ["in", "ter", "na", "tion", "al", "com", "pu", "ta", "ble", "ex", "pe", "ri", "ence", "ly", "pro", "gram",
           "stu", "dent", "uni", "ver", "si", "ty", "part", "ner", "ship", "re", "search", "ex", "change", "of", "fice",
           "sum", "mer", "win", "ter", "con", "fer", "en", "ces", "fund", "ing", "lan", "guage", "cam", "pus", "ho", "use"],
    "de": ["ver", "ein", "ba", "rung", "zu", "sam", "men", "ar", "beit", "schaft", "lich", "keit", "über", "stra", "ße",
           "hoch", "schu", "le", "ge", "mein", "de", "for", "schung", "aus", "tausch", "stu", "di", "en", "gang", "jahr",
           "pro", "gramm", "part", "ner", "in", "sti", "tut", "lehr", "stuhl", "wis", "sen", "bü", "ro", "öf", "fent"],
}
SHORT = {
    "en": ["the", "a", "and", "of", "to", "in", "for", "with", "on", "at", "from", "by", "is", "was", "are", "this"],
    "de": ["der", "die", "das", "und", "mit", "von", "zu", "im", "für", "auf", "ist", "war", "ein", "eine", "den"],
}
KICKERS = ["Exchange", "Research", "Campus life", "Scholarships", "Notices", "Partnerships", "People"]


def word(rng, language):
    if rng.random() < 0.35:
        return rng.choice(SHORT[language])
    return "".join(rng.choice(SYLLABLES[language]) for _ in range(rng.choice([1, 2, 2, 3, 3, 4])))


def sentence(rng, language):
    words = [word(rng, language) for _ in range(rng.randint(6, 22))]
    if rng.random() < 0.15:
        words.insert(rng.randrange(len(words)), str(rng.randint(2, 2030)))
    text = " ".join(words)
    if rng.random() < 0.2:
        cut = rng.randrange(1, len(words))
        text = " ".join(words[:cut]) + ", " + " ".join(words[cut:])
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?", "!"])


def paragraph(rng, language):
    return " ".join(sentence(rng, language) for _ in range(rng.randint(2, 6)))


def title(rng, language, words):
    text = " ".join(word(rng, language) for _ in range(words))
    return text[0].upper() + text[1:]


def png(path, width, height, seed):
    rng = random.Random(seed)
    top = [rng.randint(20, 120) for _ in range(3)]
    bottom = [rng.randint(120, 250) for _ in range(3)]
    rows = []
    for y in range(height):
        row = bytearray([0])
        t = y / (height - 1)
        for x in range(width):
            for c in range(3):
                value = top[c] + (bottom[c] - top[c]) * t + 30 * ((x * 7 + y * 3) % 64 < 32) + rng.randint(-12, 12)
                row.append(max(0, min(255, int(value))))
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(b"".join(rows), 6)))
        f.write(chunk(b"IEND", b""))


def svg(path, seed):
    rng = random.Random(seed)
    bars = [rng.randint(10, 180) for _ in range(6)]
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="400" height="240" viewBox="0 0 400 240">',
             '<rect width="400" height="240" fill="#ffffff"/>']
    for i, value in enumerate(bars):
        parts.append(f'<rect x="{30 + i * 60}" y="{220 - value}" width="40" height="{value}" fill="#1a4a7a"/>')
    parts.append('<line x1="20" y1="220" x2="390" y2="220" stroke="#333333" stroke-width="2"/></svg>')
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: make-stress-issue.py PAGES OUT_DIR")
    pages, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(pages)
    os.makedirs(os.path.join(out, "stories"), exist_ok=True)
    os.makedirs(os.path.join(out, "images"), exist_ok=True)
    for name in os.listdir(os.path.join(out, "stories")):
        os.remove(os.path.join(out, "stories", name))
    for i in range(4):
        png(os.path.join(out, "images", f"photo-{i}.png"), 480, 320, i)
        svg(os.path.join(out, "images", f"chart-{i}.svg"), i)
    with open(os.path.join(out, "issue.yaml"), "w") as f:
        f.write(f"""title: Stress Test
subtitle: A generated issue of about {pages} pages for the benchmark
volume: 1
number: 1
date: 2026-11
layout: classic
editors:
  - Generated Editor
contact:
  organisation: Benchmark Office
  address: 1 Test Street
  telephone: +44 1632 960 000
  email: bench@example.org
  web: www.example.org
copyright: © 2026 Benchmark Office
""")
    total = pages * WORDS_PER_PAGE
    written = 0
    number = 0
    while written < total:
        number += 1
        language = "de" if number % 5 == 0 else "en"
        size = rng.randint(*STORY_WORDS)
        lines = ["---", f"title: {title(rng, language, rng.randint(4, 9))}", f"kicker: {rng.choice(KICKERS)}",
                 f"deck: {sentence(rng, language)}", "date: 2026-11-02", f"written_by: {title(rng, language, 2)}",
                 f"lang: {language}"]
        if number % 2 == 1:
            lines += ["image:", f"  path: ../images/photo-{number % 4}.png",
                      f"  caption: {sentence(rng, language)}", '  credit: "Picture: generated"']
        lines += ["---", ""]
        words = 0
        heading = rng.randint(3, 6)
        paragraphs = 0
        while words < size:
            text = paragraph(rng, language)
            words += len(text.split())
            paragraphs += 1
            lines += [text, ""]
            if paragraphs % heading == 0:
                lines += [f"## {title(rng, language, rng.randint(2, 5))}", ""]
            if paragraphs == 4 and number % 3 == 0:
                lines += [f'![A bar chart.](../images/chart-{number % 4}.svg "{sentence(rng, language)}")', ""]
        written += words
        with open(os.path.join(out, "stories", f"{number:04d}.md"), "w") as f:
            f.write("\n".join(lines))
    print(f"{out}: {number} stories, {written} words", file=sys.stderr)


if __name__ == "__main__":
    main()
