#!/usr/bin/env bash
# Interleaved A/B of two release builds with scripts/frame-cost.mjs: on a noisy machine only
# runs taken turn about compare. A benchmark that prints figures, not a test:
#   scripts/frame-ab.sh <dist-a> <dist-b> <rounds> '<query> [frame-cost options]'...
# e.g. cp -r dist /tmp/dist-before; (change, ./lab build);
#      scripts/frame-ab.sh /tmp/dist-before dist 3 '?tab=play --throttle 4' '?tab=play --speed 1'
# Prints one line per run: round | build | scenario | load average | fps, epochs/s | CPU per frame,
# then for each scenario and build the range (min–max over the rounds) of each figure.
set -euo pipefail

# Reads the run lines; prints "scenario | build | fps a–b | epochs/s a–b | CPU median a–b ms | mean a–b ms".
summarise() {
  awk -F' [|] ' '
    function span(k, s) { if (!(k in lo) || s + 0 < lo[k] + 0) lo[k] = s; if (!(k in hi) || s + 0 > hi[k] + 0) hi[k] = s }
    $5 ~ /^fps/ {
      key = $3 " | " $2
      if (!(key in seen)) { seen[key] = 1; order[++n] = key }
      split($5, f, /[ ]+/); span(key "fps", f[2]); span(key "eps", f[4])
      match($6, /median [0-9.]+/); span(key "med", substr($6, RSTART + 7, RLENGTH - 7))
      match($6, /mean [0-9.]+/); span(key "mean", substr($6, RSTART + 5, RLENGTH - 5))
    }
    END {
      print "summary (min–max over the rounds):"
      for (i = 1; i <= n; i++) {
        k = order[i]
        printf "%s | fps %s–%s | epochs/s %s–%s | CPU median %s–%s ms | mean %s–%s ms\n", k,
          lo[k "fps"], hi[k "fps"], lo[k "eps"], hi[k "eps"], lo[k "med"], hi[k "med"], lo[k "mean"], hi[k "mean"]
      }
    }'
}

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
[ $# -ge 4 ] || { sed -n '2,8p' "$0"; exit 2; }
a="$(realpath "$1")" b="$(realpath "$2")" rounds="$3"
runs="$(mktemp)"
trap 'rm -f "$runs"' EXIT
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
done | tee "$runs"
summarise <"$runs"
