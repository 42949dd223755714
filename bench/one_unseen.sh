#!/bin/sh
# Start-up as a user meets it: `danvan parse` of a one-file corpus never seen before, with a cache that already
# holds the gazetteer and segmentation data (as after any earlier run). For farm-bench; DANVAN_SRC picks another
# checkout of danvan.
#   sh bench/one_unseen.sh            (the first run fills the cache with the data built once)
#   farm-bench -n 7 --vs "sh bench/one_unseen.sh old" -- sh bench/one_unseen.sh
# Needs /tmp/short from: python -c "from bench.speed_corpora import make_short; from pathlib import Path; make_short(Path('/tmp/short'), 3)"
root=$(cd "$(dirname "$0")/.." && pwd)
tag=${1:-new}
work=/tmp/danvan-unseen-$tag
mkdir -p "$work/corpus"
rm -rf "$work/cache/runs" "$work/cache"/[0-9a-f][0-9a-f] "$work/out"
sed "s/\$/ Lần $(date +%s%N)./" /tmp/short/short_000001.txt | head -3 > "$work/corpus/a.txt"
cd "$work" && PYTHONPATH=${DANVAN_SRC:-} exec "$root/.venv/bin/python" -m danvan.cli parse corpus --out out -q --cache cache
