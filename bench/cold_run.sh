#!/bin/sh
# A cold run as bench.speed times it: `danvan parse CORPUS --jobs JOBS` of a corpus not seen before, with a cache
# that keeps only the data built once (gazetteer, segmentation data, vocabulary, own place names). For
# farm-bench; DANVAN_SRC picks another checkout of danvan (each checkout gets its own cache).
#   sh bench/cold_run.sh 1 /tmp/short200            (the first run fills the cache with the data built once)
#   farm-bench -n 10 --vs "sh bench/cold_run.sh 2 /tmp/short200" -- sh bench/cold_run.sh 1 /tmp/short200
# A corpus of short articles: python -c "from bench.speed_corpora import make_short; from pathlib import Path; make_short(Path('/tmp/short200'), 200)"
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$1
corpus=$(cd "$2" && pwd)
work=/tmp/danvan-cold-$(echo "${DANVAN_SRC:-$root}" | cksum | cut -d' ' -f1)
mkdir -p "$work/cache"
for entry in "$work/cache"/*; do
  case $(basename "$entry") in
    gazetteer|segmentation|vocabulary|own-place-names|"*") ;;
    *) rm -rf "$entry" ;;
  esac
done
cd "$work" && PYTHONPATH=${DANVAN_SRC:-} exec "$root/.venv/bin/python" -m danvan.cli parse "$corpus" --out "out-$jobs" -q --jobs "$jobs" --cache cache
