#!/usr/bin/env bash
# Renders an issue RUNS times (default 5) with the release build and reports medians:
# wall time, the steps `bulletin make --timings` reports, and line breaking's share.
# The first run of all is a cold one (empty hyphenation cache) and is reported on its own.
set -euo pipefail
issue=${1:-examples/sample}
runs=${RUNS:-5}
layout=${LAYOUT:-}
bin="$(swift build -c release --show-bin-path)/bulletin"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
args=(make "$issue" -o "$work/bench.pdf" --timings)
[ -n "$layout" ] && args+=(--layout "$layout")

now() { date +%s%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
start=$(now)
XDG_CACHE_HOME="$work/cold-cache" "$bin" "${args[@]}" > /dev/null 2> "$work/cold.txt"
cold=$(elapsed "$start")

# Warm runs share one cache, filled by an untimed run first.
XDG_CACHE_HOME="$work/cache" "$bin" "${args[@]}" > /dev/null 2>&1
for i in $(seq "$runs"); do
  start=$(now)
  XDG_CACHE_HOME="$work/cache" "$bin" "${args[@]}" > /dev/null 2> "$work/run-$i.txt"
  elapsed "$start" >> "$work/wall.txt"; echo >> "$work/wall.txt"
done


median() { local fmt=${1:-%.3f}; sort -n | awk -v fmt="$fmt" '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf fmt, m }'; }
pages=$(pdfinfo "$work/bench.pdf" | awk '/^Pages:/ {print $2}')
echo "issue: $issue${layout:+ (layout $layout)}, $pages pages, $runs runs (release build)"
printf 'cold run (no hyphenation cache): %.3f s\n' "$cold"
echo "median wall time: $(median < "$work/wall.txt") s"
grep -h '^timing:' "$work"/run-*.txt | sed 's/^timing: //' | awk -F': ' '{ print $1 }' | awk '!seen[$0]++' > "$work/steps.txt"
while IFS= read -r step; do
  value=$(grep -h "^timing: $step: " "$work"/run-*.txt | sed 's/.*: \([0-9]*\) ms$/\1/' | median %.0f)
  echo "  $step: $value ms"
done < "$work/steps.txt"
