#!/usr/bin/env python3
"""Makes the sample issue's logo and three pictures in examples/sample/images/.

All three are original: drawn here from code, not taken from anywhere, so they carry no one
else's rights. The files are committed; run this again only to change them:

    python3 scripts/make-sample-images.py        # needs cjpeg: apt-get install libjpeg-turbo-progs

- harbour-at-dusk.jpg    a "photograph": a harbour at dusk with a lit building, water and film
                         grain, computed pixel by pixel, written as a PPM and compressed by
                         cjpeg (libjpeg-turbo) as a baseline JPEG, quality 80.
- scholarship-awards.png a pictogram of the 42 scholarship holders (26 postgraduate, 16
                         undergraduate), drawn with 4x4 supersampling and written as a PNG with
                         Python's zlib.
- logo.svg               the masthead's logo: a globe of meridians and parallels crossed by an
                         arc, written by hand as SVG text.
- students-by-region.svg a bar chart of where this year's 412 exchange students are, written by
                         hand as SVG text.

Only Python's standard library is used, and cjpeg for the JPEG; the output is the same on every
run (the grain comes from a seeded generator).
"""

import math
import os
import random
import struct
import subprocess
import sys
import tempfile
import zlib

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples", "sample", "images")

ACCENT = (0x1A, 0x4A, 0x7A)     # the classic layout's accent colour
WARM = (0xD9, 0x7B, 0x29)
PAPER = (0xFF, 0xFF, 0xFF)


def write_png(path, width, height, pixel_rows):
    """An 8-bit RGB PNG: signature, IHDR, one IDAT, IEND."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(row) for row in pixel_rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def mix(a, b, t):
    t = max(0.0, min(1.0, t))
    return tuple(a[i] + (b[i] - a[i]) * t for i in range(3))


# MARK: - The photograph

def harbour_pixel(x, y, w, h, rng):
    """The colour at (x, y) of a harbour at dusk, as floats 0-255."""
    u, v = x / w, y / h
    horizon = 0.58
    sun_x, sun_y = 0.70, 0.50
    if v < horizon:
        # Sky: deep blue above, orange at the horizon, a glow round the low sun.
        sky = mix((38, 52, 96), (236, 150, 84), (v / horizon) ** 1.6)
        d = math.hypot((u - sun_x) * 1.6, v - sun_y)
        sky = mix(sky, (255, 214, 150), math.exp(-d * 9) * 0.9)
        # Thin clouds.
        band = math.sin(u * 9 + math.sin(v * 40) * 0.6) * math.sin(v * 55 + u * 3)
        if band > 0.75 and v < horizon - 0.08:
            sky = mix(sky, (120, 90, 110), (band - 0.75) * 1.6)
        colour = sky
        # Hills behind the harbour.
        hill = horizon - 0.06 - 0.04 * math.sin(u * 5.3 + 1) - 0.025 * math.sin(u * 13.1)
        if v > hill:
            colour = mix((44, 40, 58), (70, 58, 70), (v - hill) * 8)
        # The harbour building: a long block with a tower, windows lit.
        if 0.12 < u < 0.52 and v > horizon - 0.13:
            colour = (30, 30, 42)
            if 0.14 < u < 0.50 and v < horizon - 0.015 and int(u * 160) % 3 == 0 and int(v * 120) % 3 == 0:
                colour = (255, 204, 120)
        if 0.40 < u < 0.45 and v > horizon - 0.27:
            colour = (28, 28, 40)
            if abs(u - 0.425) < 0.008 and abs(v - (horizon - 0.23)) < 0.012:
                colour = (255, 236, 170)
    else:
        # Water: the sky mirrored and darkened, broken by ripples, the sun's path on it.
        mirror = 2 * horizon - v
        base = mix((38, 52, 96), (236, 150, 84), (mirror / horizon) ** 1.6)
        base = mix(base, (20, 28, 52), (v - horizon) * 1.8)
        ripple = math.sin(v * 420 + math.sin(u * 30) * 2.5) * 0.5 + 0.5
        path = math.exp(-abs(u - sun_x) * 14) * (1 - (v - horizon) * 1.5)
        colour = mix(base, (255, 200, 130), path * ripple * 0.8)
        # The building's lit windows, drawn out by the water.
        if 0.14 < u < 0.50 and v < horizon + 0.12 and int(u * 160) % 3 == 0 and ripple > 0.6:
            colour = mix(colour, (230, 180, 110), 0.5 * (1 - (v - horizon) * 8))
    grain = rng.gauss(0, 4.5)
    return tuple(max(0, min(255, c + grain)) for c in colour)


def make_photo(path, width=900, height=600):
    rng = random.Random(2026)
    rows = []
    for y in range(height):
        row = bytearray()
        for x in range(width):
            row.extend(int(c) for c in harbour_pixel(x + 0.5, y + 0.5, width, height, rng))
        rows.append(row)
    with tempfile.NamedTemporaryFile(suffix=".ppm", delete=False) as ppm:
        ppm.write(b"P6\n%d %d\n255\n" % (width, height))
        for row in rows:
            ppm.write(bytes(row))
    try:
        with open(path, "wb") as out:
            subprocess.run(["cjpeg", "-quality", "80", "-optimize", ppm.name], stdout=out, check=True)
    except FileNotFoundError:
        sys.exit("cjpeg not found: apt-get install libjpeg-turbo-progs")
    finally:
        os.unlink(ppm.name)


# MARK: - The pictogram

def person_coverage(px, py, cx, cy, s):
    """Whether (px, py) is inside a person figure centred at (cx, cy), `s` tall."""
    head = math.hypot(px - cx, py - (cy - 0.30 * s)) <= 0.16 * s
    # Shoulders and body: a rounded rectangle from the neck down.
    bx, by, bw, bh, r = cx - 0.26 * s, cy - 0.10 * s, 0.52 * s, 0.55 * s, 0.16 * s
    inside_x = bx <= px <= bx + bw
    inside_y = by <= py <= by + bh
    body = False
    if inside_x and inside_y:
        # Round the two top corners.
        if py < by + r and (px < bx + r or px > bx + bw - r):
            corner_x = bx + r if px < bx + r else bx + bw - r
            body = math.hypot(px - corner_x, py - (by + r)) <= r
        else:
            body = True
    return head or body


def make_pictogram(path, width=560, height=390):
    columns, rows_of_people = 7, 6
    cell_w, cell_h = width / columns, height / rows_of_people
    size = min(cell_w, cell_h) * 0.92
    colours = [ACCENT] * 26 + [WARM] * 16
    samples = 4
    rows = []
    for y in range(height):
        row = bytearray()
        for x in range(width):
            column, line = int(x // cell_w), int(y // cell_h)
            index = line * columns + column
            cx, cy = (column + 0.5) * cell_w, (line + 0.5) * cell_h + 0.05 * size
            hits = 0
            for sy in range(samples):
                for sx in range(samples):
                    if person_coverage(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples, cx, cy, size):
                        hits += 1
            colour = mix(PAPER, colours[index], hits / samples ** 2)
            row.extend(int(round(c)) for c in colour)
        rows.append(row)
    write_png(path, width, height, rows)


# MARK: - The chart

def make_chart(path):
    regions = [("Europe", 187), ("North America", 94), ("East Asia", 68), ("Australia and NZ", 41), ("Latin America", 22)]
    width, height = 320, 200
    left, top, bar, gap, scale = 104, 30, 22, 10, 180 / 200
    colour = "#%02x%02x%02x" % ACCENT
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        '  <title>Exchange students abroad in 2026–27, by region</title>',
        f'  <text x="0" y="14" font-family="Liberation Sans" font-size="12" font-weight="bold" fill="{colour}">'
        'Students abroad, 2026–27</text>',
    ]
    for i, (name, count) in enumerate(regions):
        y = top + i * (bar + gap)
        length = count * scale
        parts.append(f'  <text x="{left - 6}" y="{y + 15}" font-family="Liberation Sans" font-size="10" fill="#333333" '
                     f'text-anchor="end">{name.replace("&", "&amp;")}</text>')
        parts.append(f'  <rect x="{left}" y="{y}" width="{length:.1f}" height="{bar}" fill="{colour}"/>')
        parts.append(f'  <text x="{left + length + 4:.1f}" y="{y + 15}" font-family="Liberation Sans" font-size="10" '
                     f'fill="#333333">{count}</text>')
    parts.append(f'  <line x1="{left}" y1="{top - 4}" x2="{left}" y2="{top + 5 * (bar + gap) - gap + 4}" stroke="#333333" '
                 'stroke-width="1"/>')
    parts.append('</svg>')
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(parts) + "\n")


# MARK: - The logo

def make_logo(path):
    """A globe of meridians and parallels in the accent colour, crossed by a warm arc: shapes
    only, no text, so it draws the same whatever fonts are installed."""
    accent = "#%02x%02x%02x" % ACCENT
    warm = "#%02x%02x%02x" % WARM
    size, c, r = 100, 50, 44
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}">',
        '  <title>Global Campus</title>',
        f'  <circle cx="{c}" cy="{c}" r="{r}" fill="none" stroke="{accent}" stroke-width="5"/>',
    ]
    for rx in (14, 30):
        parts.append(f'  <ellipse cx="{c}" cy="{c}" rx="{rx}" ry="{r}" fill="none" stroke="{accent}" stroke-width="3"/>')
    parts.append(f'  <line x1="{c}" y1="{c - r}" x2="{c}" y2="{c + r}" stroke="{accent}" stroke-width="3"/>')
    for dy in (-22, 0, 22):
        half = math.sqrt(r * r - dy * dy)
        parts.append(f'  <line x1="{c - half:.1f}" y1="{c + dy}" x2="{c + half:.1f}" y2="{c + dy}" stroke="{accent}" stroke-width="3"/>')
    parts.append(f'  <path d="M 4 72 Q 50 30 96 28" fill="none" stroke="{warm}" stroke-width="7" stroke-linecap="round"/>')
    parts.append('</svg>')
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    make_logo(os.path.join(OUT, "logo.svg"))
    make_chart(os.path.join(OUT, "students-by-region.svg"))
    make_pictogram(os.path.join(OUT, "scholarship-awards.png"))
    make_photo(os.path.join(OUT, "harbour-at-dusk.jpg"))
    for name in sorted(os.listdir(OUT)):
        print(f"{name}: {os.path.getsize(os.path.join(OUT, name)):,} bytes")
