#!/usr/bin/env bash
# A real single-node Apache Kafka broker (KRaft, combined broker+controller) as a plain Java process,
# from jars resolved off Maven Central: no container engine needed. See tools/infra/README.md.
#
# Usage: tools/infra/kafka.sh start|stop|status|env
set -euo pipefail

readonly KAFKA_VERSION=4.1.1
# Fixed so storage is formatted once and a restart on the same data directory keeps topics and offsets.
readonly CLUSTER_ID=4L6g3nShT-eMCtK--X86sw

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
readonly SCRIPT_DIR REPO_ROOT
readonly POM=$SCRIPT_DIR/kafka/pom.xml
readonly PROBE=$SCRIPT_DIR/kafka/probe.cjs
readonly CACHE_DIR=${PHARMA_RADAR_CACHE:-$HOME/.cache/pharma-radar}/kafka-$KAFKA_VERSION
readonly LIBS_DIR=$CACHE_DIR/libs
readonly INFRA_DIR=${PHARMA_RADAR_INFRA_DIR:-$REPO_ROOT/.infra}
readonly PORT=${KAFKA_PORT:-19092}
readonly CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-19093}
readonly START_TIMEOUT=${KAFKA_START_TIMEOUT:-90}
readonly STOP_TIMEOUT=${KAFKA_STOP_TIMEOUT:-30}
readonly HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}
readonly JAVA=${JAVA:-java}

log() { echo "kafka: $*" >&2; }
die() { log "$*"; exit 1; }
now() { echo "${EPOCHREALTIME/,/.}"; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# log.dirs must be absolute, and PHARMA_RADAR_INFRA_DIR may be given relative.
state_dir() {
  mkdir -p "$INFRA_DIR/kafka"
  (cd "$INFRA_DIR/kafka" && pwd)
}
STATE_DIR=$(state_dir)
readonly STATE_DIR
readonly PID_FILE=$STATE_DIR/broker.pid
readonly PORT_FILE=$STATE_DIR/broker.port
readonly BROKER_LOG=$STATE_DIR/broker.log

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# kill -0 also succeeds on a zombie, which is what a broker that died under this very script is.
alive() {
  [[ -r /proc/$1/stat ]] || return 1
  local state
  state=$(sed -E 's/^.*\) (.).*$/\1/' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ $state != Z ]]
}

# Prints the recorded pid when that process is alive and is our broker; a recycled pid is never trusted.
broker_pid() {
  [[ -f $PID_FILE ]] || return 1
  local pid
  pid=$(<"$PID_FILE")
  [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $STATE_DIR/server.properties" || return 1
  echo "$pid"
}

recorded_port() { if [[ -f $PORT_FILE ]]; then cat "$PORT_FILE"; else echo "$PORT"; fi; }

tail_log() {
  [[ -f $BROKER_LOG ]] || return 0
  log "last lines of $BROKER_LOG:"
  tail -n 40 "$BROKER_LOG" >&2
}

# Its output is kept so that a timeout can say why the admin call kept failing.
probe() {
  (cd "$REPO_ROOT" && timeout 20 npx --no-install node "$PROBE" "127.0.0.1:$1") >"$STATE_DIR/probe.log" 2>&1
}

# Both the port and a real admin call, within START_TIMEOUT; fails early if the process dies.
wait_ready() {
  local pid=$1 port=$2 deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! alive "$pid"; then
      log "broker (pid $pid) exited during startup"
      tail_log
      return 1
    fi
    if port_open "$port" && probe "$port"; then
      return 0
    fi
    sleep 0.5
  done
  log "broker (pid $pid) not ready after ${START_TIMEOUT}s"
  tail_log
  if [[ -s $STATE_DIR/probe.log ]]; then
    log "last readiness probe (kafkajs admin listTopics) said:"
    tail -n 10 "$STATE_DIR/probe.log" >&2
  fi
  return 1
}

require() {
  command -v "$1" >/dev/null 2>&1 || die "$1 not found; install it with: apt-get install -y $2"
}

# The jars are the same for one POM, so they are resolved once per POM hash and shared by every checkout.
ensure_jars() {
  local want
  want=$(sha256sum "$POM" | cut -d' ' -f1)
  if [[ -f $LIBS_DIR/.pom-sha256 && $(<"$LIBS_DIR/.pom-sha256") == "$want" ]]; then
    return 0
  fi
  require mvn maven
  mkdir -p "$CACHE_DIR"
  exec 8>"$CACHE_DIR/.resolve.lock"
  flock 8
  # Another checkout may have resolved while we waited for the lock.
  if [[ -f $LIBS_DIR/.pom-sha256 && $(<"$LIBS_DIR/.pom-sha256") == "$want" ]]; then
    exec 8>&-
    return 0
  fi
  log "resolving Kafka $KAFKA_VERSION jars from Maven Central into $LIBS_DIR (once per POM)"
  local t0 work
  t0=$(now)
  # A scratch copy keeps target/ out of the repository.
  work=$(mktemp -d "$CACHE_DIR/resolve.XXXXXX")
  cp "$POM" "$work/pom.xml"
  # Maven 3.8 -q still prints colour resets; strip them so logs stay readable.
  if ! (cd "$work" && mvn -B -q package 2>&1 | sed -E $'s/\x1b\\[[0-9;]*m//g' >&2); then
    rm -rf "$work"
    die "maven could not resolve the Kafka jars (is Maven Central reachable?)"
  fi
  echo "$want" >"$work/target/libs/.pom-sha256"
  rm -rf "$LIBS_DIR"
  mv "$work/target/libs" "$LIBS_DIR"
  rm -rf "$work"
  exec 8>&-
  log "resolved $(find "$LIBS_DIR" -name '*.jar' | wc -l) jars ($(du -sh "$LIBS_DIR" | cut -f1)) in $(elapsed "$t0") s"
}

write_config() {
  cat >"$STATE_DIR/server.properties" <<EOF
# Written by tools/infra/kafka.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$STATE_DIR/data
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=2
EOF
  cat >"$STATE_DIR/log4j2.properties" <<'EOF'
status = warn
appender.out.type = Console
appender.out.name = STDOUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.out.ref = STDOUT
EOF
}

# Stops the given broker pid: SIGTERM for a controlled shutdown, SIGKILL after STOP_TIMEOUT.
terminate() {
  local pid=$1 t0 deadline=$((SECONDS + STOP_TIMEOUT))
  t0=$(now)
  kill -TERM "$pid" 2>/dev/null || true
  while alive "$pid" && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if alive "$pid"; then
    log "broker (pid $pid) still running after ${STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE" "$PORT_FILE"
  log "stopped broker (pid $pid) in $(elapsed "$t0") s"
}

lock_state() {
  exec 9>"$STATE_DIR/.lock"
  # A concurrent start holds the lock through its readiness wait; outlast it rather than race it.
  flock -w $((START_TIMEOUT + STOP_TIMEOUT + 10)) 9 || die "timed out waiting for another kafka.sh on $STATE_DIR"
}

cmd_start() {
  lock_state
  local pid port t0
  if pid=$(broker_pid); then
    port=$(recorded_port)
    if [[ $port != "$PORT" ]]; then
      die "a broker from $STATE_DIR already runs on port $port (pid $pid); stop it first, or use KAFKA_PORT=$port"
    fi
    t0=$(now)
    wait_ready "$pid" "$port" || die "the running broker (pid $pid) does not answer; try: $0 stop"
    log "reusing running broker pid $pid on 127.0.0.1:$port (checked in $(elapsed "$t0") s)"
    return 0
  fi
  rm -f "$PID_FILE" "$PORT_FILE"

  local p
  for p in "$PORT" "$CONTROLLER_PORT"; do
    if port_open "$p"; then
      die "port $p is already in use by another process; choose free ports with KAFKA_PORT / KAFKA_CONTROLLER_PORT"
    fi
  done
  require "$JAVA" openjdk-17-jre-headless
  ensure_jars
  write_config

  local classpath="$LIBS_DIR/*" log_opt="-Dlog4j2.configurationFile=$STATE_DIR/log4j2.properties"
  # meta.properties is what format writes; skipping the tool then saves a JVM start (about 1 s).
  if [[ ! -f $STATE_DIR/data/meta.properties ]] &&
    ! "$JAVA" "$log_opt" -cp "$classpath" kafka.tools.StorageTool format -t "$CLUSTER_ID" \
      -c "$STATE_DIR/server.properties" --ignore-formatted >"$STATE_DIR/format.log" 2>&1; then
    cat "$STATE_DIR/format.log" >&2
    die "formatting $STATE_DIR/data failed"
  fi

  local heap
  read -r -a heap <<<"$HEAP_OPTS"
  t0=$(now)
  # setsid: the broker outlives the shell (or jest) that started it; it is stopped only by its pid.
  # Closing fds 8/9 keeps the broker from holding this script's locks for its whole life.
  setsid "$JAVA" "${heap[@]}" -XX:+UseG1GC -Djava.awt.headless=true "$log_opt" -Dkafka.logs.dir="$STATE_DIR" \
    -cp "$classpath" kafka.Kafka "$STATE_DIR/server.properties" >"$BROKER_LOG" 2>&1 </dev/null 8>&- 9>&- &
  pid=$!
  echo "$pid" >"$PID_FILE"
  echo "$PORT" >"$PORT_FILE"
  log "started broker pid $pid on 127.0.0.1:$PORT (controller $CONTROLLER_PORT), state in $STATE_DIR"

  if ! wait_ready "$pid" "$PORT"; then
    alive "$pid" && terminate "$pid"
    rm -f "$PID_FILE" "$PORT_FILE"
    die "broker failed to become ready"
  fi
  log "broker ready in $(elapsed "$t0") s"
}

cmd_stop() {
  lock_state
  local pid
  if ! pid=$(broker_pid); then
    rm -f "$PID_FILE" "$PORT_FILE"
    log "no broker running from $STATE_DIR"
    return 0
  fi
  terminate "$pid"
}

cmd_status() {
  local pid port
  if ! pid=$(broker_pid); then
    echo "stopped"
    return 3
  fi
  port=$(recorded_port)
  if port_open "$port"; then
    echo "running pid=$pid port=$port"
    return 0
  fi
  echo "starting pid=$pid port=$port (port not answering yet)"
  return 1
}

cmd_env() {
  local port=$PORT
  if broker_pid >/dev/null; then
    port=$(recorded_port)
  fi
  echo "KAFKA_BROKERS=127.0.0.1:$port"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *)
    echo "usage: $0 start|stop|status|env" >&2
    exit 2
    ;;
esac
