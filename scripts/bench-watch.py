#!/usr/bin/env python3
"""Times `bulletin make --watch` rebuilding an issue after one paragraph is edited.

    python3 scripts/bench-watch.py BULLETIN [ISSUE] [--edits N] [--layout NAME]

`make bench` runs it on the sample. The issue is copied into a temporary folder, and bulletin
watches the copy. After its first build, one paragraph of the first story is edited N times (a
word added, then taken away again, so the story keeps its length), waiting for each rebuild to
end before the next edit. Each rebuild's time is what bulletin reports ("rebuilt in N ms": from
the change seen to the PDF written, the whole build), with the phases of `--timings`.

Reported: the median rebuild and its spread (min–max), the lower quartile (the machine's own
noise only ever adds time), and the median of each phase; and what the editor waits, from the
story's save to the rebuilt PDF: the change seen, the save let settle, the rebuild. Nothing is
asserted: people judge.
"""

import argparse
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

PHASES = ["load", "shape", "hyphenate", "break", "distribute", "render", "write"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bulletin")
    parser.add_argument("issue", nargs="?", default=os.path.join(os.path.dirname(__file__), "..", "examples", "sample"))
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--layout", default="")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="bench-watch-")
    try:
        issue = os.path.join(work, "issue")
        shutil.copytree(args.issue, issue, ignore=shutil.ignore_patterns("out"))
        rebuilds = watch(args.bulletin, issue, args.edits, work, args.layout)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(args.issue, rebuilds)


def edited_story(issue):
    """The first story's path, and the index of the longest paragraph of its body."""
    stories = os.path.join(issue, "stories")
    name = sorted(n for n in os.listdir(stories) if n.endswith(".md"))[0]
    path = os.path.join(stories, name)
    text = open(path, encoding="utf-8").read()
    blocks = text.split("\n\n")
    # A plain paragraph: not the front matter, a heading, a list, a quote or a picture.
    plain = [i for i, b in enumerate(blocks) if i > 0 and b.strip() and not re.match(r"\s*([#>\-*!|]|\d+\.|---)", b)]
    if not plain:
        sys.exit(f"{path}: no plain paragraph to edit")
    return path, max(plain, key=lambda i: len(blocks[i]))


def watch(bulletin, issue, edits, work, layout):
    """Starts the watch, makes the edits and returns each rebuild's (ms, phases)."""
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, "cache"))
    command = [bulletin, "make", issue, "--watch", "--timings"] + (["--layout", layout] if layout else [])
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, env=env)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stderr], daemon=True).start()

    def next_build(timeout=60):
        """The ms and phases of the next build bulletin reports, and when it reported it."""
        phases = {}
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                process.kill()
                sys.exit("bulletin --watch reported no build in time")
            timing = re.match(r"timing: (\w+): ([\d.]+) ms", line)
            if timing:
                phases[timing.group(1)] = float(timing.group(2))
            built = re.search(r"(re)?built in (\d+) ms", line)
            if built:
                return int(built.group(2)), phases, time.monotonic()
            if "failed" in line:
                process.kill()
                sys.exit(f"bulletin --watch: {line.strip()}")

    try:
        next_build()
        path, index = edited_story(issue)
        rebuilds = []
        for edit in range(edits):
            blocks = open(path, encoding="utf-8").read().split("\n\n")
            if edit % 2 == 0:
                blocks[index] = blocks[index].rstrip("\n") + " again"
            else:
                blocks[index] = blocks[index].rstrip("\n").removesuffix(" again")
            # Past the watch's polling of file times, which some file systems keep in seconds.
            time.sleep(0.3)
            with open(path, "w", encoding="utf-8") as story:
                story.write("\n\n".join(blocks))
            saved = time.monotonic()
            ms, phases, reported = next_build()
            rebuilds.append((ms, phases, (reported - saved) * 1000))
        return rebuilds
    finally:
        process.terminate()
        process.wait()


def report(issue, rebuilds):
    times = sorted(ms for ms, _, _ in rebuilds)
    quartile = times[len(times) // 4]
    print(f"bulletin make --watch, {os.path.basename(os.path.normpath(issue))}: {len(times)} rebuilds after a paragraph's edit;"
          f" ms, median (min–max): {statistics.median(times):.0f} ({times[0]}–{times[-1]}), lower quartile {quartile}")
    medians = [statistics.median([p.get(phase, 0) for _, p, _ in rebuilds]) for phase in PHASES]
    print("  phases, median ms: " + ", ".join(f"{phase} {value:.1f}" for phase, value in zip(PHASES, medians)))
    waits = sorted(wait for _, _, wait in rebuilds)
    print(f"  from the story's save to the rebuilt PDF (the change seen, the save let settle, the rebuild), ms:"
          f" median {statistics.median(waits):.0f} ({waits[0]:.0f}–{waits[-1]:.0f})")


if __name__ == "__main__":
    main()
