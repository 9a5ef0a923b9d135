#!/usr/bin/env bash
# What each release-size setting is worth: builds the app binary once per step and prints a
# Markdown table of the served wasm's raw and gzip -9 size (after wasm-bindgen, as Trunk does).
#
#   bash scripts/size-steps.sh                 (from the crate root; takes 20-40 minutes)
#
# Steps (cumulative):
#   1  baseline: opt-level 3, lto false, codegen-units 16
#   2  opt-level "z"
#   3  + lto = true (fat)
#   4  + codegen-units = 1                 (= the Cargo.toml release profile)
#   5  + wasm-opt -Oz on step 4's output   (= what `trunk build --release` serves)
#   6a opt-level "s" + lto + cgu 1 + wasm-opt -Oz      (compared with step 5)
#   6b opt-level 3   + lto + cgu 1 + wasm-opt -O3      (compared with step 5; the speed option)
#
# The release profile is overridden with CARGO_PROFILE_RELEASE_* environment variables only
# (panic stays as Cargo.toml says). Builds go to their own target dir, so they never wait for
# the main target dir's lock:
#   SIZE_TARGET=/tmp/activation-lab-size  (default) the cargo target dir; delete it when done
#   SIZE_SNAPSHOT=1 (default) build a copy of the crate's files taken at the start,
#                   so that edits made to the tree during the run do not mix into the comparison;
#                   SIZE_SNAPSHOT=0 builds the working tree in place
#   SIZE_INCREMENTAL=0 (default) each step rebuilds every wasm crate from scratch (the build
#                   seconds are comparable); SIZE_INCREMENTAL=1 keeps what an earlier step built.
#                   Host build scripts and proc macros are kept: the preflight check builds them
#                   for lto false, and step 3 rebuilds them once for lto true (cargo hashes lto
#                   into them), so step 3's seconds include ~50 host crates that 4-6b reuse
#   WASM_BINDGEN, WASM_OPT  the tools (default: found on PATH, node_modules/.bin first)
# Cargo's output goes to $CARGO_TARGET_DIR/size-steps.log; progress goes to stderr and the
# table to stdout.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

TARGET=wasm32-unknown-unknown
BIN=activation-lab
export CARGO_TARGET_DIR="${SIZE_TARGET:-/tmp/activation-lab-size}"
WASM_BINDGEN="${WASM_BINDGEN:-wasm-bindgen}"
WASM_OPT="${WASM_OPT:-wasm-opt}"
# Rust >= 1.82 builds wasm32-unknown-unknown with reference-types and multivalue on, and
# wasm-bindgen then emits an externref table and multivalue shims: wasm-opt must be told both
# (it also reads them from the module's target_features section, but does not rely on it here).
WASM_OPT_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'size-steps: %s\n' "$*" >&2; exit 1; }

for tool in cargo "$WASM_BINDGEN" "$WASM_OPT" gzip awk; do
  command -v "$tool" >/dev/null || die "$tool not found (run ./lab setup)"
done
want_wbg="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ "$("$WASM_BINDGEN" --version)" = "wasm-bindgen $want_wbg" ] \
  || die "$WASM_BINDGEN is not version $want_wbg (the Cargo.lock version)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/size-steps.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$CARGO_TARGET_DIR"
LOG="$CARGO_TARGET_DIR/size-steps.log"
: >"$LOG"

CRATE="$ROOT"
if [ "${SIZE_SNAPSHOT:-1}" = 1 ]; then
  CRATE="$WORK/crate"
  mkdir -p "$CRATE"
  # The whole tree but build output and tools: src/ may include_str! files from elsewhere.
  tar -cf - --exclude=./target --exclude=./dist --exclude=./node_modules --exclude=./.git \
    --exclude=./.tools --exclude=./test-results . | tar -xf - -C "$CRATE"
  say "building a snapshot of the crate taken now ($(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' + uncommitted edits'))"
fi

# Offline builds: fetch only if some crate is missing (a no-op here normally).
(cd "$CRATE" && cargo fetch --offline --locked >>"$LOG" 2>&1) \
  || (cd "$CRATE" && cargo fetch --locked >>"$LOG" 2>&1) \
  || die "cargo fetch failed; see $LOG"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", b - a }'; }

# cargo_release OPT LTO CGU: builds the binary with that release profile.
# Sets BUILT_WASM (a copy of the output) and BUILD_SECS.
cargo_release() {
  local opt=$1 lto=$2 cgu=$3 t0
  if [ "${SIZE_INCREMENTAL:-0}" != 1 ]; then
    rm -rf "${CARGO_TARGET_DIR:?}/$TARGET/release"
  fi
  say "cargo build --release: opt-level $opt, lto $lto, codegen-units $cgu"
  printf '\n===== opt-level %s, lto %s, codegen-units %s =====\n' "$opt" "$lto" "$cgu" >>"$LOG"
  t0="$(now)"
  (cd "$CRATE" && CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt" CARGO_PROFILE_RELEASE_LTO="$lto" \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS="$cgu" \
    cargo build --release --offline --locked --target "$TARGET" --bin "$BIN" >>"$LOG" 2>&1) \
    || die "cargo build failed (opt-level $opt, lto $lto, codegen-units $cgu); see $LOG"
  BUILD_SECS="$(elapsed "$t0" "$(now)")"
  BUILT_WASM="$WORK/$opt-$lto-$cgu.wasm"
  cp "$CARGO_TARGET_DIR/$TARGET/release/$BIN.wasm" "$BUILT_WASM"
}

# bindgen IN NAME: runs wasm-bindgen as Trunk does; sets BG_WASM to the _bg.wasm.
bindgen() {
  local out="$WORK/bindgen-$2"
  "$WASM_BINDGEN" --target web --no-typescript --out-dir "$out" --out-name "$BIN" "$1" >>"$LOG" 2>&1 \
    || die "wasm-bindgen failed; see $LOG"
  BG_WASM="$out/${BIN}_bg.wasm"
}

# wasm_opt LEVEL IN OUT: sets OPT_SECS.
wasm_opt() {
  local t0
  say "wasm-opt -O$1"
  t0="$(now)"
  "$WASM_OPT" "-O$1" "${WASM_OPT_FEATURES[@]}" "$2" -o "$3" >>"$LOG" 2>&1 \
    || die "wasm-opt -O$1 failed; see $LOG"
  OPT_SECS="$(elapsed "$t0" "$(now)")"
}

ROWS=()
declare -A GZ
# row STEP SETTINGS FILE SECONDS COMPARE_WITH
row() {
  local raw gz change="—"
  raw="$(wc -c <"$3")"
  gz="$(gzip -9 -c "$3" | wc -c)"
  GZ[$1]=$gz
  if [ -n "$5" ]; then
    change="$(awk -v a="${GZ[$5]}" -v b="$gz" -v s="$5" 'BEGIN {
      d = (b - a) / 1024; p = (b - a) * 100 / a
      printf "%+.1f KiB (%+.1f %%) vs %s", d, p, s }')"
  fi
  ROWS+=("$(awk -v st="$1" -v se="$2" -v r="$raw" -v g="$gz" -v c="$change" -v t="$4" 'BEGIN {
    printf "| %s | %s | %.1f | %.1f | %s | %s |", st, se, r / 1024, g / 1024, c, t }')")
  say "step $1: raw $raw B, gzip -9 $gz B"
}

say "preflight: cargo check --release (fails fast if the crate does not compile now)"
(cd "$CRATE" && CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_PROFILE_RELEASE_LTO=false \
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  cargo check --release --offline --locked --target "$TARGET" --bin "$BIN" >>"$LOG" 2>&1) \
  || die "the crate does not compile now (cargo check failed); see $LOG"

cargo_release 3 false 16
bindgen "$BUILT_WASM" 1
row 1 'baseline: opt-level 3, lto false, codegen-units 16' "$BG_WASM" "$BUILD_SECS" ""

cargo_release z false 16
bindgen "$BUILT_WASM" 2
row 2 'opt-level "z"' "$BG_WASM" "$BUILD_SECS" 1

cargo_release z true 16
bindgen "$BUILT_WASM" 3
row 3 '+ lto = true (fat)' "$BG_WASM" "$BUILD_SECS" 2

cargo_release z true 1
bindgen "$BUILT_WASM" 4
row 4 '+ codegen-units = 1 (= Cargo.toml release)' "$BG_WASM" "$BUILD_SECS" 3
step4_secs=$BUILD_SECS

wasm_opt z "$BG_WASM" "$WORK/5.wasm"
row 5 '+ wasm-opt -Oz (= trunk build --release)' "$WORK/5.wasm" "$step4_secs + $OPT_SECS" 4

cargo_release s true 1
bindgen "$BUILT_WASM" 6a
wasm_opt z "$BG_WASM" "$WORK/6a.wasm"
row 6a 'opt-level "s", lto, cgu 1, wasm-opt -Oz' "$WORK/6a.wasm" "$BUILD_SECS + $OPT_SECS" 5

cargo_release 3 true 1
bindgen "$BUILT_WASM" 6b
wasm_opt 3 "$BG_WASM" "$WORK/6b.wasm"
row 6b 'opt-level 3, lto, cgu 1, wasm-opt -O3' "$WORK/6b.wasm" "$BUILD_SECS + $OPT_SECS" 5

echo "| step | settings | raw KiB | gzip -9 KiB | change (gzip) | build s (cargo + wasm-opt) |"
echo "|---|---|---:|---:|---|---:|"
printf '%s\n' "${ROWS[@]}"
echo
echo "Sizes are the ${BIN}_bg.wasm that wasm-bindgen --target web writes (what Trunk serves);"
echo "KiB = 1024 bytes. rustc $(rustc --version | cut -d' ' -f2), $("$WASM_BINDGEN" --version), $("$WASM_OPT" --version | head -1)."
echo "Build seconds are wall clock on this machine ($(nproc) cores) and from scratch for the wasm crates."
