#!/usr/bin/env bash
# Renders an issue RUNS times with the release build and reports the median wall time.
set -euo pipefail
issue=${1:-examples/sample}
runs=${RUNS:-5}
bin="$(swift build -c release --show-bin-path)/bulletin"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
times=()
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$bin" make "$issue" -o "$out/bench.pdf" > /dev/null
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc -l)")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
pages=$(pdfinfo "$out/bench.pdf" | awk '/^Pages:/ {print $2}')
printf 'issue: %s\nruns: %d\npages: %s\nmedian: %.3f s\nall: %s\n' "$issue" "$runs" "$pages" "$median" "$(echo $sorted | tr '\n' ' ')"
