#!/usr/bin/env bash
# Regenerates the figures of the README and docs from the shipped experiments, so that they cannot drift from the
# code: each experiment named in docs/images/figures.tsv runs once (its full settings; classify runs read
# Fashion-MNIST from $FREQSCOPE_FASHION_MNIST, default /usr/share/datasets/fashion-mnist), its report is built, and the
# listed figures are copied to docs/images/. The run folders stay in runs/docs-figures/ for the numbers the README
# quotes.
#
#   scripts/docs-figures.sh                  # everything, full settings (tens of minutes on 2 cores)
#   scripts/docs-figures.sh --smoke          # the same in smoke mode (what the test runs; figures not fit for the docs)
#   scripts/docs-figures.sh --out DIR --images DIR   # other folders for the runs and the images
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
smoke=()
out="$here/runs/docs-figures"
images="$here/docs/images"
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=(--smoke); shift ;;
    --out) out="$2"; shift 2 ;;
    --images) images="$2"; shift 2 ;;
    *) echo "error: unknown argument \"$1\"; expected --smoke, --out DIR or --images DIR" >&2; exit 2 ;;
  esac
done
data="${FREQSCOPE_FASHION_MNIST:-/usr/share/datasets/fashion-mnist}"
# The command line to run: the checkout's ./freqscope (built when stale), or FREQSCOPE_CLI (e.g. "dotnet path/FreqScope.Cli.dll").
read -r -a cli <<< "${FREQSCOPE_CLI:-$here/freqscope}"
list="$here/docs/images/figures.tsv"
mkdir -p "$out" "$images"
declare -A done_runs=()
while IFS=$'\t' read -r image experiment figure; do
  case "$image" in ''|'#'*) continue ;; esac
  run="$out/${experiment%.json}"
  if [ -z "${done_runs[$experiment]:-}" ]; then
    rm -rf "$run"
    extra=()
    if grep -q '"experiment": *"classify"' "$here/experiments/$experiment"; then extra=(--data "$data"); fi
    echo "running $experiment ..." >&2
    "${cli[@]}" run "$here/experiments/$experiment" --out "$run" "${smoke[@]}" "${extra[@]}" >/dev/null
    done_runs[$experiment]=1
  fi
  if [ ! -f "$run/plots/$figure.png" ]; then
    echo "error: $experiment drew no figure \"$figure\" (docs/images/figures.tsv names it for $image)" >&2
    exit 1
  fi
  cp "$run/plots/$figure.png" "$images/$image"
done < "$list"
echo "figures written to $images" >&2
