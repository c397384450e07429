#!/bin/sh
# Cold start: whole-process time of a fresh JVM that reads the first page of runs, through the SDK
# (SdkFirstPage) and through plain OkHttp + Gson (RawFirstPage), against a loopback server running
# in its own process. Runs the two alternately RUNS times (default 10) and prints each median.
#
# Usage: ./mvnw -B -q -pl benchmarks -am package -DskipTests && benchmarks/cold-start.sh [RUNS]
set -eu
RUNS=${1:-10}
JAR=$(dirname "$0")/target/benchmarks.jar
PKG=io.github.flowruns.benchmarks.coldstart
OUT=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$OUT"' EXIT

java -cp "$JAR" $PKG.ServePages > "$OUT/url" &
SERVER=$!
while [ ! -s "$OUT/url" ]; do sleep 0.1; done
URL=$(cat "$OUT/url")

# One untimed run of each, so both start with the jar in the page cache.
java -cp "$JAR" $PKG.SdkFirstPage "$URL" > /dev/null
java -cp "$JAR" $PKG.RawFirstPage "$URL" > /dev/null

i=0
while [ "$i" -lt "$RUNS" ]; do
  for variant in SdkFirstPage RawFirstPage; do
    start=$(date +%s%N)
    java -cp "$JAR" $PKG.$variant "$URL" > /dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 )) >> "$OUT/$variant"
  done
  i=$((i + 1))
done

median() { sort -n "$1" | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
for variant in SdkFirstPage RawFirstPage; do
  echo "$variant: median $(median "$OUT/$variant") ms over $RUNS runs (all: $(sort -n "$OUT/$variant" | tr '\n' ' '))"
done
