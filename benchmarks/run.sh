#!/usr/bin/env bash
# Builds the registry and the benchmarks, runs the standard suite, prints one table and the verdict.
#
#   benchmarks/run.sh            the standard suite (about 27 minutes on 2 cores)
#   benchmarks/run.sh --quick    a smoke run of every kind of benchmark (under 3 minutes)
#
# Results go to benchmarks/results/ (or $RESULTS): JMH's JSON (jmh-*.json) and logs, load.json,
# heap.json, report.txt (the printed table and verdict) and percentiles.svg. Exit status: 0 when the
# verdict passes, 1 when a target fails or (standard run only) was not measured, 2 when a benchmark
# could not run. The load run starts redis-server (if installed) and its servers in processes of their
# own, and stops them before it ends.
set -euo pipefail
cd "$(dirname "$0")"

quick=false
case "${1:-}" in
  --quick) quick=true ;;
  "") ;;
  *) echo "usage: $0 [--quick]" >&2; exit 64 ;;
esac

results="${RESULTS:-results}"
jar=target/benchmarks.jar
# The same JDK-internal access the service jar's manifest grants (Hazelcast reads these for speed).
jvm=(-Xms1g -Xmx2g
  --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.management/sun.management=ALL-UNNAMED
  --add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED)

started=$SECONDS
step() { printf '[%4ds] %s\n' $((SECONDS - started)) "$*"; }

step "Installing the registry artifact (mvn -B -q install -DskipTests in $(cd .. && pwd))"
(cd .. && mvn -B -q install -DskipTests)
step "Building $jar"
mvn -B -q clean package
rm -rf "$results"
mkdir -p "$results"

broken=0
# jmh NAME [JMH options...]: one JMH run, its JSON to jmh-NAME.json, its output to jmh-NAME.log
jmh() {
  local name=$1; shift
  step "JMH $name: $*"
  if ! java -jar "$jar" "$@" -rf json -rff "$results/jmh-$name.json" >"$results/jmh-$name.log" 2>&1 \
      || grep -q '<failure>' "$results/jmh-$name.log"; then
    echo "       FAILED: see $results/jmh-$name.log" >&2
    broken=1
  fi
}

if $quick; then
  short=(-f 1 -wi 1 -w 1 -i 1 -r 1)
  jmh get-model GetModelBenchmark "${short[@]}" -p models=5000 -p keys=ZIPF -p impl=CONCURRENT_HASH_MAP,REGISTRY
  jmh remote-get RemoteGetBenchmark "${short[@]}" -p models=5000 -p keys=UNIFORM -p impl=REGISTRY,IMAP_GET_ASYNC
  jmh http-get HttpGetBenchmark "${short[@]}" -p models=5000 -p keys=ZIPF -p impl=REGISTRY,BARE_VERTX -prof gc
  jmh writes 'WriteBenchmark.updateModel' "${short[@]}" -p models=5000 -p keys=UNIFORM -p impl=REGISTRY,IMAP_SET_ASYNC,GRID_CHAIN
  jmh list-models ListModelsBenchmark "${short[@]}" -p page=FIRST -p impl=REGISTRY,SKIP_LIST
  jmh alias-resolve AliasResolveBenchmark "${short[@]}"
  jmh http-resolve HttpResolveBenchmark "${short[@]}"
  jmh metric-append MetricAppendBenchmark "${short[@]}" -t 4
  load=(--models 5000 --rates 2000,10000 --duration 3 --warmup 2 --saturation 2 --saturation-warmup 1 --rounds 3 --warmup-requests 30000 --sweep 2000,10000,20000 --sweep-duration 2
    --bare-work 2000)
  heap=(--models 5000)
else
  jmh get-model GetModelBenchmark -p models=1000,5000,100000 -p keys=ZIPF,UNIFORM \
    -p impl=CONCURRENT_HASH_MAP,REGISTRY
  jmh get-model-layers GetModelBenchmark -p models=5000 -p keys=ZIPF -p impl=NEAR_CACHE,REGISTRY_AWAITED
  jmh get-model-avgt GetModelBenchmark -bm avgt -p models=5000 -p keys=ZIPF,UNIFORM \
    -p impl=CONCURRENT_HASH_MAP,REGISTRY
  jmh remote-get RemoteGetBenchmark -p models=5000 -p keys=UNIFORM -p impl=REGISTRY,IMAP_GET_ASYNC
  # -prof gc: bytes allocated per GET, for the allocation target (registry beyond the bare server)
  jmh http-get HttpGetBenchmark -p models=5000,100000 -p keys=ZIPF -p impl=REGISTRY -prof gc
  jmh http-get-bare HttpGetBenchmark -p models=5000 -p keys=ZIPF -p impl=BARE_VERTX -prof gc
  jmh writes WriteBenchmark -p models=5000 -p keys=UNIFORM -p impl=REGISTRY,IMAP_SET_ASYNC,GRID_CHAIN
  jmh list-models ListModelsBenchmark -p models=5000
  jmh alias-resolve AliasResolveBenchmark -i 2
  jmh http-resolve HttpResolveBenchmark -i 2
  jmh metric-append MetricAppendBenchmark -t 4 -i 2
  load=(--models 5000 --rates 2000,10000 --duration 30 --warmup 5 --saturation 8 --saturation-warmup 3 --rounds 5 --warmup-requests 1000000 --bare-work 1000,2000
    --sweep 1000,2000,4000,8000,12000,16000,24000,32000,48000 --sweep-duration 8)
  heap=(--models 5000,100000)
fi

step "Load run: ${load[*]}"
if ! java "${jvm[@]}" -cp "$jar" io.sophra.registry.bench.load.LoadRun "${load[@]}" \
    --out "$results/load.json" 2>"$results/load.log"; then
  echo "       FAILED: see $results/load.log" >&2
  broken=1
fi
step "Heap per model: ${heap[*]}"
if ! java "${jvm[@]}" -cp "$jar" io.sophra.registry.bench.memory.HeapPerModel "${heap[@]}" \
    --out "$results/heap.json" 2>"$results/heap.log"; then
  echo "       FAILED: see $results/heap.log" >&2
  broken=1
fi

step "Report"
echo
status=0
report=("$results")
$quick && report+=(--quick)
java -cp "$jar" io.sophra.registry.bench.report.Report "${report[@]}" || status=$?
step "Done"
if [ "$broken" -ne 0 ]; then
  echo "Some benchmarks could not run (see the FAILED lines above); their targets show as SKIP." >&2
  exit 2
fi
exit "$status"
