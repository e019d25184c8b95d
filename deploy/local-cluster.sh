#!/usr/bin/env bash
# deploy/local-cluster.sh (also `./gatehouse cluster up`): the split deployment on one machine, for a human.
# redis-server, the session, auth and world services, two gateways and nginx balancing FiveM (UDP + TCP) and
# Hytale (UDP) in front of them, all on 127.0.0.1, each its own process with its own log and data dir.
# Prints the addresses; Ctrl-C (or SIGTERM) stops everything in reverse order.
#
# Environment: GATEHOUSE_CLUSTER_DIR (state and logs; default ./.gatehouse/cluster),
#   FIVEM_PORT (balancer, default 30120), HYTALE_PORT (balancer, default 5520), BASE_PORT (internal ports, default 31000),
#   JAVA_OPTS (per JVM, default small heaps). Extra arguments are passed to every service as --key=value properties.
# Modes: FiveM LAN (no Cfx tickets) and Hytale insecure (no session service) unless you pass other properties.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/launcher/target/gatehouse.jar"
DIR="${GATEHOUSE_CLUSTER_DIR:-$ROOT/.gatehouse/cluster}"
FIVEM_PORT="${FIVEM_PORT:-30120}"
HYTALE_PORT="${HYTALE_PORT:-5520}"
BASE="${BASE_PORT:-31000}"
JAVA_OPTS="${JAVA_OPTS:--Xms64m -Xmx384m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
STREAM_MODULE=/usr/lib/nginx/modules/ngx_stream_module.so

log() { printf '[cluster] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

command -v redis-server >/dev/null || die "redis-server is missing: apt-get install redis-server"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[[ -x "$NGINX" ]] || die "nginx is missing: apt-get install nginx libnginx-mod-stream"
[[ -f "$STREAM_MODULE" ]] || die "nginx's stream module is missing ($STREAM_MODULE): apt-get install libnginx-mod-stream"
[[ -f "$JAR" ]] || die "no $JAR: build it with ./mvnw -q -B -DskipTests package -pl launcher -am (or run ./gatehouse once)"

# Internal ports: BASE+0 redis, +1/+2/+3 session/auth/world gRPC, +11/+12/+13 their admin ports,
# gateway-a FiveM +20 Hytale +21 admin +22, gateway-b FiveM +30 Hytale +31 admin +32.
REDIS=$BASE; SESSION=$((BASE + 1)); AUTH=$((BASE + 2)); WORLD=$((BASE + 3))
GA_FIVEM=$((BASE + 20)); GA_HYTALE=$((BASE + 21)); GA_ADMIN=$((BASE + 22))
GB_FIVEM=$((BASE + 30)); GB_HYTALE=$((BASE + 31)); GB_ADMIN=$((BASE + 32))

mkdir -p "$DIR"
PIDS=()
NAMES=()
stop_all() {
  trap - INT TERM EXIT
  log "stopping (reverse order)"
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill -TERM "${PIDS[i]}" 2>/dev/null || true
    for _ in $(seq 1 200); do kill -0 "${PIDS[i]}" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "${PIDS[i]}" 2>/dev/null; then
      log "${NAMES[i]} (pid ${PIDS[i]}) ignored SIGTERM for 20 s: SIGKILL"; kill -KILL "${PIDS[i]}" 2>/dev/null || true
    fi
  done
  log "stopped; logs in $DIR"
}
trap stop_all INT TERM EXIT

start() { # name command...
  local name=$1; shift
  "$@" >"$DIR/$name.log" 2>&1 &
  PIDS+=($!); NAMES+=("$name")
  log "$name started (pid $!, log $DIR/$name.log)"
}

common=(
  --gatehouse.fivem.lan=true --gatehouse.hytale.auth-mode=insecure
  --gatehouse.services.session.target=127.0.0.1:$SESSION
  --gatehouse.services.auth.target=127.0.0.1:$AUTH
  --gatehouse.services.world.target=127.0.0.1:$WORLD
  "$@"
)
service() { # name role admin-port args...
  local name=$1 role=$2 admin=$3; shift 3
  mkdir -p "$DIR/$name"
  start "$name" java $JAVA_OPTS -jar "$JAR" service "$role" --gatehouse.admin.port="$admin" \
    --gatehouse.data-dir="$DIR/$name/data" "${common[@]}" "$@"
}

mkdir -p "$DIR/redis"
start redis redis-server --port "$REDIS" --bind 127.0.0.1 --save '' --appendonly yes --dir "$DIR/redis"
service session session $((BASE + 11)) --gatehouse.grpc.port=$SESSION --gatehouse.redis.url=redis://127.0.0.1:$REDIS
service auth auth $((BASE + 12)) --gatehouse.grpc.port=$AUTH
service world world $((BASE + 13)) --gatehouse.grpc.port=$WORLD \
  --gatehouse.world.assets-dir="$ROOT/world/assets" --gatehouse.world.resources-dir="$ROOT/world/resources"
service gateway-a gateway $GA_ADMIN --gatehouse.fivem.port=$GA_FIVEM --gatehouse.hytale.port=$GA_HYTALE \
  --gatehouse.hytale.gateway-id=gateway-a
service gateway-b gateway $GB_ADMIN --gatehouse.fivem.port=$GB_FIVEM --gatehouse.hytale.port=$GB_HYTALE \
  --gatehouse.hytale.gateway-id=gateway-b

log "waiting for readiness (first start of five JVMs takes a minute on 2 cores)"
for admin in $((BASE + 11)) $((BASE + 12)) $((BASE + 13)) $GA_ADMIN $GB_ADMIN; do
  for _ in $(seq 1 900); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "127.0.0.1:$admin/actuator/health/readiness" || true)" == 200 ]] && break
    for i in "${!PIDS[@]}"; do
      kill -0 "${PIDS[i]}" 2>/dev/null || die "${NAMES[i]} exited; see $DIR/${NAMES[i]}.log"
    done
    sleep 0.2
  done
done

# nginx: see launcher/src/test/java/io/gatehouse/launcher/cluster/Nginx.java for why each line is there.
mkdir -p "$DIR/nginx"
cat >"$DIR/nginx/nginx.conf" <<CONF
load_module $STREAM_MODULE;
worker_processes 1;
pid $DIR/nginx/nginx.pid;
events { worker_connections 4096; }
stream {
    # Players on one machine share 127.0.0.1: hash the port too. With real players use "hash \$remote_addr consistent".
    upstream fivem_udp   { hash \$remote_addr:\$remote_port consistent; server 127.0.0.1:$GA_FIVEM max_fails=1 fail_timeout=5s; server 127.0.0.1:$GB_FIVEM max_fails=1 fail_timeout=5s; }
    upstream fivem_http  { hash \$remote_addr:\$remote_port consistent; server 127.0.0.1:$GA_FIVEM; server 127.0.0.1:$GB_FIVEM; }
    upstream hytale_quic { hash \$remote_addr:\$remote_port consistent; server 127.0.0.1:$GA_HYTALE max_fails=1 fail_timeout=5s; server 127.0.0.1:$GB_HYTALE max_fails=1 fail_timeout=5s; }
    server { listen 127.0.0.1:$FIVEM_PORT udp; proxy_pass fivem_udp; proxy_timeout 90s; }
    server { listen 127.0.0.1:$FIVEM_PORT;     proxy_pass fivem_http; }
    server { listen 127.0.0.1:$HYTALE_PORT udp; proxy_pass hytale_quic; proxy_timeout 90s; }
}
CONF
"$NGINX" -p "$DIR/nginx" -e "$DIR/nginx/error.log" -c "$DIR/nginx/nginx.conf" -t >/dev/null 2>&1 \
  || die "nginx refused $DIR/nginx/nginx.conf: $("$NGINX" -p "$DIR/nginx" -e "$DIR/nginx/error.log" -c "$DIR/nginx/nginx.conf" -t 2>&1 | tail -2)"
start nginx "$NGINX" -p "$DIR/nginx" -e "$DIR/nginx/error.log" -c "$DIR/nginx/nginx.conf" -g 'daemon off;'

cat <<TXT

Gatehouse cluster on 127.0.0.1 (state and logs in $DIR)
  players (nginx)   FiveM  127.0.0.1:$FIVEM_PORT (TCP + UDP)    Hytale 127.0.0.1:$HYTALE_PORT (UDP)
  gateway-a         FiveM  127.0.0.1:$GA_FIVEM   Hytale $GA_HYTALE   admin http://127.0.0.1:$GA_ADMIN/actuator/health/readiness
  gateway-b         FiveM  127.0.0.1:$GB_FIVEM   Hytale $GB_HYTALE   admin http://127.0.0.1:$GB_ADMIN/actuator/health/readiness
  session/auth/world gRPC $SESSION/$AUTH/$WORLD, admin $((BASE + 11))/$((BASE + 12))/$((BASE + 13))
  redis             redis://127.0.0.1:$REDIS   (redis-cli -p $REDIS smembers gatehouse:fivem:connected)
Try:  ./gatehouse bot fivem --lan --target=127.0.0.1:$FIVEM_PORT
      ./gatehouse bot hytale --insecure --target=127.0.0.1:$HYTALE_PORT
Ctrl-C stops everything.
TXT

# Stay in the foreground until Ctrl-C or until any process dies.
while true; do
  for i in "${!PIDS[@]}"; do
    if ! kill -0 "${PIDS[i]}" 2>/dev/null; then
      log "${NAMES[i]} exited; see $DIR/${NAMES[i]}.log"; exit 1
    fi
  done
  sleep 1
done
