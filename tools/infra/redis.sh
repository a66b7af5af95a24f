#!/usr/bin/env bash
# Redis for local runs and tests: the server already answering on 127.0.0.1:6379 if there is one,
# else Debian's redis-server on a free port, in memory only. See tools/infra/README.md.
#
# Usage: tools/infra/redis.sh start|stop|status|env
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
readonly SCRIPT_DIR REPO_ROOT
readonly INFRA_DIR=${PHARMA_RADAR_INFRA_DIR:-$REPO_ROOT/.infra}
# Overridable mainly to exercise the fallback on a machine where 6379 answers.
readonly SHARED_PORT=${REDIS_SHARED_PORT:-6379}
readonly START_TIMEOUT=${REDIS_START_TIMEOUT:-10}
readonly STOP_TIMEOUT=${REDIS_STOP_TIMEOUT:-10}

log() { echo "redis: $*" >&2; }
die() { log "$*"; exit 1; }

mkdir -p "$INFRA_DIR/redis"
STATE_DIR=$(cd "$INFRA_DIR/redis" && pwd)
readonly STATE_DIR
readonly PID_FILE=$STATE_DIR/redis.pid
readonly PORT_FILE=$STATE_DIR/redis.port
readonly REDIS_LOG=$STATE_DIR/redis.log

port_open() { timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# An answer other than +PONG (a password-protected server says -NOAUTH) means "not usable".
ping() {
  # shellcheck disable=SC2016
  timeout 1 bash -c 'exec 3<>/dev/tcp/127.0.0.1/$1; printf "PING\r\n" >&3; IFS= read -r line <&3; [[ $line == +PONG* ]]' _ "$1" 2>/dev/null
}

alive() {
  [[ -r /proc/$1/stat ]] || return 1
  local state
  state=$(sed -E 's/^.*\) (.).*$/\1/' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ $state != Z ]]
}

# Prints our own server's pid when it is alive and really is redis-server on the recorded port.
own_pid() {
  [[ -f $PID_FILE && -f $PORT_FILE ]] || return 1
  local pid port
  pid=$(<"$PID_FILE")
  port=$(<"$PORT_FILE")
  [[ $pid =~ ^[0-9]+$ ]] && alive "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qE "^redis-server .*:$port( |$)" || return 1
  echo "$pid"
}

# The URL of the Redis that start would use now, without starting anything.
current_url() {
  if ping "$SHARED_PORT"; then
    echo "redis://127.0.0.1:$SHARED_PORT"
    return 0
  fi
  if own_pid >/dev/null && ping "$(<"$PORT_FILE")"; then
    echo "redis://127.0.0.1:$(<"$PORT_FILE")"
    return 0
  fi
  return 1
}

free_port() {
  local port i
  for i in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! port_open "$port"; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

lock_state() {
  exec 9>"$STATE_DIR/.lock"
  flock -w $((START_TIMEOUT + STOP_TIMEOUT + 5)) 9 || die "timed out waiting for another redis.sh on $STATE_DIR"
}

cmd_start() {
  lock_state
  local url
  if url=$(current_url); then
    log "using the Redis already answering at $url"
    return 0
  fi
  command -v redis-server >/dev/null 2>&1 ||
    die "nothing answers PING on 127.0.0.1:$SHARED_PORT and redis-server is not installed; install it with: apt-get install -y redis-server"

  rm -f "$PID_FILE" "$PORT_FILE"
  local port=${REDIS_PORT:-}
  if [[ -z $port ]]; then
    port=$(free_port) || die "no free port found for redis-server"
  fi
  # In memory only (--save "" --appendonly no): test data must never outlive the server.
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --dir "$STATE_DIR" --pidfile "$PID_FILE" --logfile "$REDIS_LOG" </dev/null 9>&- ||
    die "redis-server failed to start; see $REDIS_LOG"
  echo "$port" >"$PORT_FILE"

  local deadline=$((SECONDS + START_TIMEOUT))
  until ping "$port"; do
    if ((SECONDS >= deadline)); then
      log "redis-server on port $port not answering after ${START_TIMEOUT}s; last lines of $REDIS_LOG:"
      tail -n 20 "$REDIS_LOG" >&2 || true
      exit 1
    fi
    sleep 0.1
  done
  log "started redis-server pid $(<"$PID_FILE") on 127.0.0.1:$port, state in $STATE_DIR"
}

cmd_stop() {
  lock_state
  local pid
  if ! pid=$(own_pid); then
    rm -f "$PID_FILE" "$PORT_FILE"
    log "no redis-server started by this script is running (a shared one on $SHARED_PORT is never stopped)"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while alive "$pid" && ((SECONDS < deadline)); do
    sleep 0.1
  done
  if alive "$pid"; then
    log "redis-server (pid $pid) still running after ${STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE" "$PORT_FILE"
  log "stopped redis-server (pid $pid)"
}

cmd_status() {
  local pid
  if pid=$(own_pid); then
    echo "running pid=$pid port=$(<"$PORT_FILE") (started by redis.sh)"
    return 0
  fi
  if ping "$SHARED_PORT"; then
    echo "shared port=$SHARED_PORT (not managed by redis.sh)"
    return 0
  fi
  echo "stopped"
  return 3
}

cmd_env() {
  local url
  url=$(current_url) || die "no Redis is answering; run: $0 start"
  echo "REDIS_URL=$url"
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
