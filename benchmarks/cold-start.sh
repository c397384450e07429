#!/usr/bin/env bash
# Cold start: whole-process time of a fresh JVM that reads the first page of runs, through the SDK
# (SdkFirstPage) and through plain OkHttp + Gson (RawFirstPage), against a loopback server running
# in its own process. Runs the two alternately RUNS times (default 10) and prints, for each, the
# median wall time and the median CPU time (user + system, all threads: steadier on a busy machine).
#
# Usage: ./mvnw -B -q -pl benchmarks -am package -DskipTests && benchmarks/cold-start.sh [RUNS]
set -euo pipefail
RUNS=${1:-10}
JAR=$(dirname "$0")/target/benchmarks.jar
PKG=io.github.flowruns.benchmarks.coldstart
OUT=$(mktemp -d)
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$OUT"' EXIT

java -cp "$JAR" $PKG.ServePages > "$OUT/url" &
SERVER=$!
while [ ! -s "$OUT/url" ]; do sleep 0.1; done
URL=$(cat "$OUT/url")

# One untimed run of each, so both start with the jar in the page cache.
java -cp "$JAR" $PKG.SdkFirstPage "$URL" > /dev/null
java -cp "$JAR" $PKG.RawFirstPage "$URL" > /dev/null

TIMEFORMAT='%R %U %S'
for ((i = 0; i < RUNS; i++)); do
  for variant in SdkFirstPage RawFirstPage; do
    { time java -cp "$JAR" $PKG.$variant "$URL" > /dev/null; } 2>> "$OUT/$variant"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
for variant in SdkFirstPage RawFirstPage; do
  wall=$(awk '{printf "%d\n", $1 * 1000}' "$OUT/$variant" | median)
  cpu=$(awk '{printf "%d\n", ($2 + $3) * 1000}' "$OUT/$variant" | median)
  echo "$variant: median wall ${wall} ms, median CPU ${cpu} ms over $RUNS runs"
done
