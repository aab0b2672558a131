#!/usr/bin/env bash
# `make bench`: times the release build on the sample issue and on generated stress issues, each
# against the floor (the same text set by plain Pango and cairo, scripts/bench-floor.c, compiled
# here), and prints a table: median wall time and its spread (min–max) over RUNS cold runs,
# ms per page, pages per second, peak resident memory, the ratio to the floor, and the median of
# each phase `bulletin make --timings` reports. Then the `--watch` rebuild of the sample after
# one paragraph is edited (scripts/bench-watch.py).
#
#   scripts/bench.sh                      # the sample (or $1), then stress issues of 50, 100 and 200 pages
#   RUNS=9 STRESS="50" scripts/bench.sh   # more runs, fewer issues; STRESS="" for the sample alone
#   LAYOUT=narrow-test scripts/bench.sh   # another layout for the sample
#   BULLETIN=/tmp/old/bulletin scripts/bench.sh   # another build of bulletin (no build then)
#   WATCH_EDITS=31 scripts/bench.sh       # more edits for the --watch rebuild (scripts/bench-watch.py)
#
# Every run is a cold process with an empty cache folder (XDG_CACHE_HOME). bulletin and the floor
# run in turns (one run of each, again and again), so that the machine's drift, which is large on
# shared machines, falls on both. The stress issues are made by scripts/make-stress-issue.py in a
# temporary folder and deleted afterwards.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
issue=${1:-examples/sample}
runs=${RUNS:-5}
stress=${STRESS-50 100 200}
layout=${LAYOUT:-}
bin=${BULLETIN:-"$(cd "$here" && swift build -c release --show-bin-path)/bulletin"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck disable=SC2046
"${CC:-cc}" -O2 -o "$work/floor" "$here/scripts/bench-floor.c" $(pkg-config --cflags --libs pangocairo)
# The issue is built as `bulletin make ISSUE` builds it, naming its PDF from the title in
# ISSUE/out: from a copy, so that the bench writes nothing into the issue.
cp -R "$issue" "$work/sample"
cases=("sample|$work/sample")
for pages in $stress; do
  python3 "$here/scripts/make-stress-issue.py" "$pages" "$work/stress-$pages" 2> /dev/null
  cases+=("stress $pages|$work/stress-$pages")
done

RUNS=$runs LAYOUT=$layout BIN=$bin WORK=$work FLOOR="$work/floor" python3 - "${cases[@]}" <<'PY'
import os, re, statistics, subprocess, sys, time

runs, layout, binary, work, floor = int(os.environ["RUNS"]), os.environ["LAYOUT"], os.environ["BIN"], os.environ["WORK"], os.environ["FLOOR"]
PHASES = ["load", "shape", "hyphenate", "break", "distribute", "render", "write"]


def run_once(command):
    """Runs `command` once, a cold process with an empty cache folder: wall seconds, standard
    output and standard error."""
    cache = os.path.join(work, f"cache-{time.monotonic_ns()}")
    os.makedirs(cache)
    env = dict(os.environ, XDG_CACHE_HOME=cache)
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = process.communicate()
    wall = time.perf_counter() - start
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{err.decode()}")
    return (wall, out.decode(), err.decode())


def timed_in_turns(commands, n):
    """Runs each of `commands` n times, one run of each in turn: for each command, its runs."""
    results = [[] for _ in commands]
    for i in range(n):
        for k, command in enumerate(commands):
            results[k].append(run_once(command))
    return results


def rss_of(command):
    """Peak resident kilobytes of one run (ru_maxrss of the child)."""
    cache = os.path.join(work, f"cache-rss-{time.monotonic_ns()}")
    os.makedirs(cache)
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execve(command[0], command, dict(os.environ, XDG_CACHE_HOME=cache))
    _, status, usage = os.wait4(pid, 0)
    return usage.ru_maxrss


def story_text(folder):
    """The stories' text without front matter and Markdown marks, paragraphs apart, for the floor."""
    paragraphs = []
    stories = os.path.join(folder, "stories")
    for name in sorted(os.listdir(stories)):
        if not name.endswith(".md"):
            continue
        text = open(os.path.join(stories, name), encoding="utf-8").read()
        if text.startswith("---"):
            text = text.split("\n---", 1)[1] if "\n---" in text else text
        for block in re.split(r"\n\s*\n", text):
            block = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", block)
            block = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block)
            block = re.sub(r"^[#>\-\*\d\.\s]+", "", block, flags=re.M)
            block = block.replace("**", "").replace("*", "").replace("_", " ").strip()
            if block and not block.startswith("---"):
                paragraphs.append(" ".join(block.split()))
    return "\n\n".join(paragraphs) + "\n"


def spread(values):
    return f"{min(values) * 1000:.0f}–{max(values) * 1000:.0f}"


rows = []
for case in sys.argv[1:]:
    name, folder = case.split("|", 1)
    command = [binary, "make", folder, "--timings"] + (["--layout", layout] if layout else [])
    text = os.path.join(work, "floor.txt")
    open(text, "w", encoding="utf-8").write(story_text(folder))
    floor_command = [floor, text, os.path.join(work, "floor.pdf"), "Liberation Serif", "9", "11", "595.28", "841.89", "42.52", "3", "14.17"]
    results, floor_results = timed_in_turns([command, floor_command], runs)
    walls = [r[0] for r in results]
    pages = int(re.search(r"· (\d+) pages?", results[-1][2]).group(1))
    phases = {}
    for phase in PHASES:
        values = [float(m.group(1)) for r in results for m in [re.search(rf"^timing: {phase}: ([\d.]+) ms$", r[2], re.M)] if m]
        phases[phase] = statistics.median(values) if values else float("nan")
    rss = rss_of(command)
    floor_walls = [r[0] for r in floor_results]
    floor_pages = int(floor_results[-1][1].strip())
    floor_rss = rss_of(floor_command)
    rows.append((name, pages, walls, rss, phases, floor_pages, floor_walls, floor_rss))

print(f"bulletin make, release build, {runs} cold runs each (empty cache folder), in turns with the floor's; wall time in ms, median (min–max)")
print()
header = f"{'issue':<11} {'pages':>5} {'wall ms':>17} {'ms/page':>8} {'pages/s':>8} {'peak MB':>8} {'floor ms':>15} {'floor pp':>8} {'× floor':>8}"
print(header)
print("-" * len(header))
for name, pages, walls, rss, phases, floor_pages, floor_walls, floor_rss in rows:
    median = statistics.median(walls)
    floor_median = statistics.median(floor_walls)
    # The floor sets the text alone, on its own number of pages: compare per page of text.
    ratio = (median / pages) / (floor_median / floor_pages)
    print(f"{name:<11} {pages:>5} {median * 1000:>6.0f} ({spread(walls):>9}) {median * 1000 / pages:>8.1f} {pages / median:>8.1f}"
          f" {rss / 1024:>8.0f} {floor_median * 1000:>4.0f} ({spread(floor_walls):>8}) {floor_pages:>8} {ratio:>8.2f}")
print()
print("phases (bulletin make --timings), median ms:")
header = f"{'issue':<11} " + " ".join(f"{p:>10}" for p in PHASES)
print(header)
print("-" * len(header))
for name, pages, walls, rss, phases, *_ in rows:
    print(f"{name:<11} " + " ".join(f"{phases[p]:>10.1f}" for p in PHASES))
print()
print("floor: scripts/bench-floor.c, the same words in justified paragraphs of the same column width and font,"
      " no pictures; floor peak MB: " + ", ".join(f"{r[0]} {r[7] / 1024:.0f}" for r in rows))
print("× floor: ms per page over the floor's ms per page of the same text")
PY

# The --watch rebuild after one paragraph is edited (WATCH_EDITS=0 leaves it out).
edits=${WATCH_EDITS:-15}
if [ "$edits" -gt 0 ]; then
  echo
  python3 "$here/scripts/bench-watch.py" "$bin" "$issue" --edits "$edits" ${layout:+--layout "$layout"}
fi
