#!/usr/bin/env bash
# Interleaved A/B of two release builds with scripts/frame-cost.mjs: on a noisy machine only
# runs taken turn about compare. A benchmark that prints figures, not a test:
#   scripts/frame-ab.sh <dist-a> <dist-b> <rounds> '<query> [frame-cost options]'...
# e.g. cp -r dist /tmp/dist-before; (change, ./lab build);
#      scripts/frame-ab.sh /tmp/dist-before dist 3 '?tab=play --throttle 4' '?tab=play --speed 1'
# Prints one line per run: round | build | scenario | load average | fps, epochs/s | CPU per frame.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
[ $# -ge 4 ] || { sed -n '2,7p' "$0"; exit 2; }
a="$(realpath "$1")" b="$(realpath "$2")" rounds="$3"
shift 3
for r in $(seq "$rounds"); do
  for scenario in "$@"; do
    read -r query options <<<"$scenario"
    for dist in "$a" "$b"; do
      # shellcheck disable=SC2086 # the options are words
      out="$(LAB_DIST="$dist" node scripts/frame-cost.mjs "$query" $options 2>&1)"
      load="$(sed -n 's/^load average: //p' <<<"$out")"
      fps="$(grep '^fps' <<<"$out" || true)"
      cpu="$(sed -n 's/^main thread per frame, CPU: *//p' <<<"$out")"
      echo "$r | $dist | $scenario | $load | ${fps:-no figures: $(tail -1 <<<"$out")} | $cpu"
    done
  done
done
