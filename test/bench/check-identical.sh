#!/usr/bin/env bash
# Byte-identity check for detector changes: the JSON of every fixture, real export and simulated trace, plus the eval table.
# usage: test/bench/check-identical.sh OUT_DIR [REF_DIR]
#   writes OUT_DIR/{json,eval.txt} with this worktree's build (run `npm run build` first);
#   with REF_DIR (an OUT_DIR written by the reference build), diffs the two and exits 1 on any difference.
# Traces are simulated once into $TRACES (default /tmp/softshort-identical/traces) and reused.
set -u
here="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:?usage: check-identical.sh OUT_DIR [REF_DIR]}"
ref="${2:-}"
traces="${TRACES:-/tmp/softshort-identical/traces}"
bin="$here/bin/softshort.js"
mkdir -p "$out/json" "$traces"

# scenario rate polarity duration extra-options (every scenario, 10 Hz - 20 kHz, both polarities, nuisances)
sims=(
  "stable 10 + 3000 --all-nuisances"
  "stable 1000 - 300 --all-nuisances --mains 60"
  "stable 20000 + 40 --all-nuisances"
  "soft-short 10 - 3000 --all-nuisances"
  "soft-short 100 + 600 --all-nuisances"
  "soft-short 5000 - 120 --all-nuisances --autorange"
  "soft-short 20000 + 60 --drift --pink --quant"
  "soft-hard 100 - 600 --clip --all-nuisances"
  "soft-hard 1000 + 400 --all-nuisances"
  "soft-hard 20000 - 60 --mains --nan-rate --overflow-rate"
  "soft-hard-fuse 10 + 3000 --all-nuisances"
  "soft-hard-fuse 1000 - 400 --all-nuisances --autorange"
  "soft-hard-fuse 2000 + 200 --dropouts --duplicate-rate"
  "soft-hard-fuse 20000 + 60 --all-nuisances"
)
files=()
n=0
for s in "${sims[@]}"; do
  set -- $s
  n=$((n + 1))
  f="$traces/sim$(printf %02d $n)-$1-$2hz-$3.csv"
  if [ ! -s "$f" ]; then
    node "$bin" simulate --scenario "$1" --rate "$2" --polarity "$3" --duration "$4" --seed "$n" "${@:5}" -o "$f" || exit 2
  fi
  files+=("$f")
done
# fixtures are copied next to the traces: the JSON quotes the input path, which must not depend on the worktree
cp "$here"/fixtures/*.csv "$traces"/
for f in "$here"/fixtures/*.csv; do files+=("$traces/$(basename "$f")"); done
for f in /work/shared/real/*; do
  [ "$(basename "$f")" = MANIFEST.md ] || files+=("$f")
done

for f in "${files[@]}"; do
  b="$(basename "$f")"
  node "$bin" analyze "$f" --format json >"$out/json/$b.json" 2>"$out/json/$b.err"
  echo "exit $?" >>"$out/json/$b.err"
done
# the eval table, the detector-time line excepted (it reports a speed, not a result)
(cd "$here" && node dist/test/bench/eval.js 2>/dev/null | grep -v '^machine: ') >"$out/eval.txt"

if [ -n "$ref" ]; then
  if diff -r "$ref" "$out" >"$out.diff"; then
    echo "identical: ${#files[@]} files + eval table"
  else
    echo "DIFFERENT (see $out.diff):"
    head -40 "$out.diff"
    exit 1
  fi
fi
