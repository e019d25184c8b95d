#!/usr/bin/env bash
# The benchmark suite: every Gatehouse number next to its reference, measured in the same run, interleaved
# (reference, Gatehouse, reference, Gatehouse, ...) so both see the same noise. Loopback only; every step is
# bounded in count and time; every process it starts is stopped by it.
#
#   benchmarks/bench-suite.sh [SECTION...]     sections: enet enet-idle hytale hytale-auth fivem (default: all)
#
# Knobs (environment): OUT (results folder), RUNS (interleaved repetitions, default 3), SMOKE=1 (seconds-long
# version with small N: proves the suite works, asserts nothing about speed).
# Needs: gcc and libenet-dev (the reference ENet peer), the built jars:
#   ./mvnw -q -B -DskipTests -pl launcher,benchmarks -am package
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
NODE_JAR="$ROOT/launcher/target/gatehouse.jar"
OUT="${OUT:-$ROOT/benchmarks/target/results/$(date -u +%Y%m%d-%H%M%S)}"
RUNS="${RUNS:-3}"
JAVA_OPTS="${JAVA_OPTS:--XX:+UseG1GC -XX:MaxRAMPercentage=50 -Xss512k}"
SECTIONS=("$@")
((${#SECTIONS[@]})) || SECTIONS=(enet enet-idle hytale hytale-auth fivem)

if [[ "${SMOKE:-0}" == 1 ]]; then
  RUNS=1; ENET_PEERS=200; ENET_ROUNDS=2; ECHO_PEERS=50; ECHO_MESSAGES=5000; IDLE_PEERS=300; IDLE_HOLD=2
  WARMUP=50; JOINS=100; CONC=8; RATES="20,40"; RATE_JOINS=40; QUIC_IDLE=50; FIVEM_IDLE=50; AUTH_WARMUP=20; AUTH_JOINS=40
else
  ENET_PEERS="${ENET_PEERS:-2000}"; ENET_ROUNDS="${ENET_ROUNDS:-5}"; ECHO_PEERS="${ECHO_PEERS:-256}"
  ECHO_MESSAGES="${ECHO_MESSAGES:-200000}"; IDLE_PEERS="${IDLE_PEERS:-10000}"; IDLE_HOLD="${IDLE_HOLD:-8}"
  WARMUP="${WARMUP:-10000}"; JOINS="${JOINS:-3000}"; CONC="${CONC:-32}"; RATES="${RATES:-100,200,400,600,800,1000}"
  RATE_JOINS="${RATE_JOINS:-2000}"; QUIC_IDLE="${QUIC_IDLE:-2000}"; FIVEM_IDLE="${FIVEM_IDLE:-120}"
  AUTH_WARMUP="${AUTH_WARMUP:-$WARMUP}"; AUTH_JOINS="${AUTH_JOINS:-$JOINS}"
fi

# the nodes' ports: away from the defaults so a developer's own node (./gatehouse up) does not collide
FIVEM_PORT="${FIVEM_PORT:-34120}"; HYTALE_PORT="${HYTALE_PORT:-36520}"; ADMIN_PORT="${ADMIN_PORT:-39190}"
SESSION_PORT="${SESSION_PORT:-36580}"; QUIC_ECHO_PORT="${QUIC_ECHO_PORT:-37520}"
mkdir -p "$OUT/raw" "$OUT/native"
log() { printf '[bench-suite %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

STARTED=()
cleanup() {
  for pid in "${STARTED[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap "exit 143" INT TERM

stop() { kill "$1" 2>/dev/null || true; for _ in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; kill -9 "$1" 2>/dev/null || true; }

[[ -f "$BENCH_JAR" && -f "$NODE_JAR" ]] || { log "build first: ./mvnw -q -B -DskipTests -pl launcher,benchmarks -am package"; exit 2; }
# private copies: a rebuild during the run must not swap classes under the running JVMs
mkdir -p "$OUT/jars"
cp "$BENCH_JAR" "$OUT/jars/benchmarks.jar"; cp "$NODE_JAR" "$OUT/jars/gatehouse.jar"
BENCH_JAR="$OUT/jars/benchmarks.jar"; NODE_JAR="$OUT/jars/gatehouse.jar"
log "results in $OUT (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
{ echo "cpus=$(nproc)"; grep -m1 'model name' /proc/cpuinfo; java -version 2>&1 | head -1; uname -r; } > "$OUT/machine.txt"

gcc -O2 -o "$OUT/native/enet_echo_server" "$ROOT/benchmarks/src/main/c/enet_echo_server.c" -lenet
gcc -O2 -o "$OUT/native/enet_load" "$ROOT/benchmarks/src/main/c/enet_load.c" -lenet
ENET_LOAD="$OUT/native/enet_load"

FAILED=0
# a step with failed joins is reported (and fails the suite at the end), the other steps still run
bench() {
  java -XX:+UseG1GC -cp "$BENCH_JAR" io.gatehouse.bot.bench.BenchMain "$@" --out="$OUT/raw" --quiet \
    || { log "FAILED JOINS in: $*"; FAILED=1; }
}

# waits until a UDP or TCP port is bound on 127.0.0.1
wait_port() { for _ in $(seq 1 300); do ss -Hlnu "sport = :$1" | grep -q . && return 0; ss -Hlnt "sport = :$1" | grep -q . && return 0; sleep 0.1; done; log "port $1 never bound"; return 1; }

# the start_* helpers print the pid: call them as pid=$(start_x ...); track $pid
track() { STARTED+=("$1"); }
start_c_enet() { "$OUT/native/enet_echo_server" "$1" "${2:-1}" > "$OUT/c-enet-$1.log" 2>&1 & echo $!; }
start_java_enet() {
  java $JAVA_OPTS -cp "$BENCH_JAR" io.gatehouse.benchmarks.reference.JavaEnetEchoServer "$1" "${2:-1}" \
    > "$OUT/java-enet-$1.log" 2>&1 & echo $!
}
start_quic_echo() {
  java $JAVA_OPTS -cp "$BENCH_JAR" io.gatehouse.benchmarks.reference.QuicEchoServer "$1" > "$OUT/quic-echo.log" 2>&1 &
  echo $!
}
# start_node NAME EXTRA_ARGS...: an all-in-one node on its own ports and data dir; prints its pid when ready
start_node() {
  local name=$1; shift
  mkdir -p "$OUT/$name"
  java $JAVA_OPTS -jar "$NODE_JAR" up --gatehouse.data-dir="$OUT/$name/data" --gatehouse.fivem.port=$FIVEM_PORT \
    --gatehouse.hytale.port=$HYTALE_PORT --gatehouse.admin.port=$ADMIN_PORT --gatehouse.dev.session-service.port=$SESSION_PORT \
    --gatehouse.fivem.max-clients=2048 "$@" > "$OUT/$name/node.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 300); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' localhost:$ADMIN_PORT/actuator/health/readiness)" == 200 ]] && { echo $pid; return 0; }
    kill -0 $pid 2>/dev/null || break
    sleep 1
  done
  log "node $name did not become ready; see $OUT/$name/node.log"; kill $pid 2>/dev/null; return 1
}

section_enet() {
  log "ENet transport: libenet C echo server vs Java ENet echo server (same C load client)"
  local cport=41000 jport=42000 cpid jpid
  cpid=$(start_c_enet $cport); track $cpid; jpid=$(start_java_enet $jport); track $jpid; wait_port $cport; wait_port $jport
  log "warming the Java server (discarded)"
  $ENET_LOAD connect 127.0.0.1 $jport 1 "$ENET_PEERS" "$ENET_ROUNDS" "$jpid" > /dev/null
  $ENET_LOAD echo 127.0.0.1 $jport 1 "$ECHO_PEERS" "$ECHO_MESSAGES" "$jpid" > /dev/null
  for run in $(seq 1 "$RUNS"); do
    for side in c java; do
      local port=$cport pid=$cpid; [[ $side == java ]] && { port=$jport; pid=$jpid; }
      $ENET_LOAD connect 127.0.0.1 $port 1 "$ENET_PEERS" "$ENET_ROUNDS" "$pid" 2>/dev/null \
        | sed "s/^{/{\"server\":\"$side\",\"run\":$run,/" >> "$OUT/raw/enet.jsonl"
    done
    for side in c java; do
      local port=$cport pid=$cpid; [[ $side == java ]] && { port=$jport; pid=$jpid; }
      $ENET_LOAD echo 127.0.0.1 $port 1 "$ECHO_PEERS" "$ECHO_MESSAGES" "$pid" 2>/dev/null \
        | sed "s/^{/{\"server\":\"$side\",\"run\":$run,/" >> "$OUT/raw/enet.jsonl"
    done
    log "run $run/$RUNS done"
  done
  stop $cpid; stop $jpid
}

# memory of idle peers: the server's footprint with IDLE_PEERS connected minus its footprint with none
section_enet_idle() {
  log "ENet idle capacity: $IDLE_PEERS idle peers"
  local hosts=$(( (IDLE_PEERS + 4094) / 4095 ))
  for side in c java; do
    local port=43000 pid
    if [[ $side == c ]]; then pid=$(start_c_enet $port $hosts); else pid=$(start_java_enet $port $hosts); fi
    track $pid
    wait_port $port; sleep 1
    local heap0=-1 rss0 heap1=-1 rss1
    [[ $side == java ]] && heap0=$(jcmd $pid GC.class_histogram | awk '/^Total/{print $3}')
    rss0=$(awk '/VmRSS/{print $2*1024}' /proc/$pid/status)
    $ENET_LOAD idle 127.0.0.1 $port $hosts "$IDLE_PEERS" 1 "$pid" $((IDLE_HOLD + 30)) > "$OUT/idle-$side.out" 2>&1 &
    local lpid=$!
    for _ in $(seq 1 600); do grep -q '"ready"' "$OUT/idle-$side.out" && break; sleep 0.1; done
    sleep "$IDLE_HOLD"
    local cpu0 cpu1; cpu0=$(awk '{print $14+$15}' /proc/$pid/stat); sleep 2; cpu1=$(awk '{print $14+$15}' /proc/$pid/stat)
    [[ $side == java ]] && heap1=$(jcmd $pid GC.class_histogram | awk '/^Total/{print $3}')
    rss1=$(awk '/VmRSS/{print $2*1024}' /proc/$pid/status)
    echo "{\"server\":\"$side\",\"peers\":$IDLE_PEERS,\"hosts\":$hosts,\"rssBefore\":$rss0,\"rssAfter\":$rss1,\"heapBefore\":$heap0,\"heapAfter\":$heap1,\"idleCpuUtilization\":$(awk "BEGIN{print ($cpu1-$cpu0)/200}")}" >> "$OUT/raw/enet-idle.jsonl"
    kill $lpid 2>/dev/null || true; wait $lpid 2>/dev/null || true
    stop $pid
  done
}

# Hytale: the bare QUIC echo server's handshake (ceiling) and Gatehouse's insecure join, interleaved, warm
section_hytale() {
  log "Hytale insecure joins vs bare Netty QUIC handshakes"
  local qpid npid
  qpid=$(start_quic_echo $QUIC_ECHO_PORT); track $qpid; wait_port $QUIC_ECHO_PORT
  npid=$(start_node hytale-insecure --gatehouse.hytale.auth-mode=insecure); track $npid
  log "warming both ($WARMUP joins each, discarded)"
  bench quic-handshake --target=127.0.0.1:$QUIC_ECHO_PORT --count="$WARMUP" --concurrency="$CONC" --label=warm-quic >/dev/null || true
  bench hytale-insecure --target=127.0.0.1:$HYTALE_PORT --count="$WARMUP" --concurrency="$CONC" --label=warm-hytale >/dev/null || true
  for run in $(seq 1 "$RUNS"); do
    bench quic-handshake --target=127.0.0.1:$QUIC_ECHO_PORT --count="$JOINS" --concurrency="$CONC" --server-pid=$qpid --label=quic-handshake-run$run
    bench hytale-insecure --target=127.0.0.1:$HYTALE_PORT --count="$JOINS" --concurrency="$CONC" --server-pid=$npid --label=hytale-insecure-run$run
  done
  bench quic-handshake --target=127.0.0.1:$QUIC_ECHO_PORT --rates="$RATES" --count="$RATE_JOINS" --server-pid=$qpid --label=quic-handshake-sweep || true
  bench hytale-insecure --target=127.0.0.1:$HYTALE_PORT --rates="$RATES" --count="$RATE_JOINS" --server-pid=$npid --label=hytale-insecure-sweep || true
  log "idle QUIC capacity: $QUIC_IDLE held connections"
  bench quic-handshake --target=127.0.0.1:$QUIC_ECHO_PORT --count="$QUIC_IDLE" --concurrency="$CONC" --hold --hold-seconds=5 --server-pid=$qpid --server-jvm --label=quic-handshake-idle || true
  bench hytale-insecure --target=127.0.0.1:$HYTALE_PORT --count="$QUIC_IDLE" --concurrency="$CONC" --hold --hold-seconds=5 --server-pid=$npid --server-jvm --label=hytale-insecure-idle || true
  stop $npid; stop $qpid
}

section_hytale_auth() {
  log "Hytale authenticated joins"
  local npid
  npid=$(start_node hytale-auth --gatehouse.hytale.auth-mode=authenticated); track $npid
  bench hytale-auth --target=127.0.0.1:$HYTALE_PORT --session-service=http://127.0.0.1:$SESSION_PORT --count="$AUTH_WARMUP" --concurrency="$CONC" --label=warm-hytale-auth >/dev/null || true
  for run in $(seq 1 "$RUNS"); do
    bench hytale-auth --target=127.0.0.1:$HYTALE_PORT --session-service=http://127.0.0.1:$SESSION_PORT --count="$AUTH_JOINS" --concurrency="$CONC" --server-pid=$npid --label=hytale-auth-run$run
  done
  stop $npid
}

# FiveM full joins; the libenet C server's bare connect rate (section enet) is the ceiling of the UDP part
# FiveM holds at most the slot table (128 players, FXServer's slot IDs) whatever sv_maxclients says: FIVEM_IDLE <= 120
section_fivem() {
  log "FiveM full joins (all-in-one)"
  local npid cpid
  cpid=$(start_c_enet 41000); track $cpid; wait_port 41000
  npid=$(start_node fivem); track $npid
  local key="$OUT/fivem/data/dev/cfx-ticket-key.pem"
  bench fivem --target=127.0.0.1:$FIVEM_PORT --ticket-key="$key" --count="$WARMUP" --concurrency="$CONC" --label=warm-fivem >/dev/null || true
  for run in $(seq 1 "$RUNS"); do
    $ENET_LOAD connect 127.0.0.1 41000 1 "$ENET_PEERS" "$ENET_ROUNDS" "$cpid" 2>/dev/null \
      | sed "s/^{/{\"server\":\"c\",\"run\":$run,\"during\":\"fivem\",/" >> "$OUT/raw/enet.jsonl"
    bench fivem --target=127.0.0.1:$FIVEM_PORT --ticket-key="$key" --count="$JOINS" --concurrency="$CONC" --server-pid=$npid --label=fivem-run$run
  done
  bench fivem --target=127.0.0.1:$FIVEM_PORT --ticket-key="$key" --rates="$RATES" --count="$RATE_JOINS" --server-pid=$npid --label=fivem-sweep || true
  bench fivem --target=127.0.0.1:$FIVEM_PORT --ticket-key="$key" --count="$FIVEM_IDLE" --concurrency="$CONC" --hold --hold-seconds=5 --server-pid=$npid --server-jvm --label=fivem-idle || true
  stop $npid; stop $cpid
}

for s in "${SECTIONS[@]}"; do
  case "$s" in
    enet) section_enet ;;
    enet-idle) section_enet_idle ;;
    hytale) section_hytale ;;
    hytale-auth) section_hytale_auth ;;
    fivem) section_fivem ;;
    *) log "unknown section $s"; exit 2 ;;
  esac
done

python3 "$ROOT/benchmarks/summarize.py" "$OUT" | tee "$OUT/summary.md"
log "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if ((FAILED)); then log "RESULT: some joins failed (see FAILED JOINS above)"; exit 1; fi
log "RESULT: suite completed, every join succeeded"
