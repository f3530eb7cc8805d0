# shellcheck shell=bash
# Shared helpers for run.sh and test.sh. Source this file; do not execute it.
#
# Callers are expected to `cd` to the repository root first and to install
#   trap cleanup EXIT; trap 'exit 130' INT; trap 'exit 143' TERM
# so that everything started here is stopped again.

# Paths are relative to the repository root.
LOG_DIR="artifacts/logs"
HOST_DLL="ServiceOrders.DevHost/bin/Release/net10.0/ServiceOrders.DevHost.dll"
CLI_DLL="ServiceOrders.Cli/bin/Release/net10.0/ServiceOrders.Cli.dll"
APPHOST_DLL="ServiceOrders.AppHost/bin/Release/net10.0/ServiceOrders.AppHost.dll"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

AZURITE_PID=""
HOST_PID=""
HOST_RUNNER_PID=""
APPHOST_PID=""
_OTHER_PIDS=()

step() { printf '• %s\n' "$*"; }
err() { printf '✗ %s\n' "$*" >&2; }

# Last 30 lines of a log file on stderr, always ending with a newline.
show_tail() {
  tail -n 30 "$1" >&2
  [[ -z "$(tail -c 1 "$1")" ]] || echo >&2
}

# The solution file; falls back to the XML solution format if that is what exists.
solution_file() {
  if [[ ! -f ServiceOrders.sln && -f ServiceOrders.slnx ]]; then
    echo ServiceOrders.slnx
  else
    echo ServiceOrders.sln
  fi
}

# Install Azurite (when needed) and build the solution in Release.
setup() {
  mkdir -p "$LOG_DIR"
  if [[ ! -d node_modules/azurite || package-lock.json -nt node_modules/.package-lock.json ]]; then
    step "installing Azurite…"
    if ! npm ci --no-audit --no-fund --silent; then
      err "npm ci failed; run 'npm ci' to see the details"
      return 1
    fi
  fi

  local sln log started
  sln="$(solution_file)"
  log="$LOG_DIR/build.log"
  printf '• building… '
  started=$SECONDS
  if ! dotnet build "$sln" -c Release -nologo -v q -nodeReuse:false >"$log" 2>&1; then
    printf 'failed\n'
    err "build failed ($log):"
    # Show the distinct error lines; fall back to the tail of the log.
    if grep -qE ': (error|fatal error) ' "$log"; then
      grep -E ': (error|fatal error) ' "$log" | sed -E 's/ \[[^]]*\]$//' | sort -u | head -n 40 |
        while IFS= read -r line; do printf '  %s\n' "${line#"$PWD"/}"; done >&2
    else
      show_tail "$log"
    fi
    return 1
  fi
  printf 'done (%ss)\n' "$((SECONDS - started))"
}

# Print N distinct free TCP ports on 127.0.0.1, one per line (default 1).
_free_ports() {
  python3 - "${1:-1}" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print("\n".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
PY
}

# Print one free TCP port on 127.0.0.1.
free_port() { _free_ports 1; }

# True when PORT can be bound on 127.0.0.1.
port_is_free() {
  python3 - "$1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
}

# start_azurite memory|disk|split
#   memory: one Azurite process, everything in memory (thrown away when it stops).
#   disk:   one Azurite process, data kept in .azurite/ (on ports 10000-10002 when they are free).
#   split:  blob, queue and table each in a process of their own, so that the queue and table
#           services (the durable engine's two busiest) use two cores, not one.
# The CLI's `local azurite` starts it, the same starter the fault-injection run and the tests use,
# and stays in the background until stop_azurite; logs go to $LOG_DIR/azurite-MODE*.log.
# Exports AZURITE_PID (that runner), AZURITE_CONNECTION_STRING.
start_azurite() {
  local mode="${1:-}"
  case "$mode" in
    memory | disk | split) ;;
    *)
      err "start_azurite: mode must be 'memory', 'disk' or 'split' (got '$mode')"
      return 2
      ;;
  esac
  [[ -x node_modules/.bin/azurite ]] || { err "Azurite is not installed; run setup first"; return 1; }
  step "starting Azurite ($mode)…"
  _start_runner AZURITE_PID "Azurite" local azurite --mode "$mode" --bin node_modules/.bin --data .azurite --logs "$LOG_DIR" || return 1
  export AZURITE_PID AZURITE_CONNECTION_STRING
}

# _start_runner PID_VARIABLE WHAT CLI_ARGS...: starts `ServiceOrders.Cli CLI_ARGS... --ready-file F` in the
# background, sets PID_VARIABLE to its pid and waits until it has written F, whose assignments it then
# takes over. When the runner ends first, it has said why on stderr.
_start_runner() {
  local pid_variable="$1" what="$2" ready runner rc
  shift 2
  [[ -f "$CLI_DLL" ]] || { err "$CLI_DLL not found; run the build first"; return 1; }
  ready="$(mktemp -u "${TMPDIR:-/tmp}/serviceorders-ready.XXXXXX")"
  dotnet "$CLI_DLL" "$@" --ready-file "$ready" </dev/null &
  runner=$!
  printf -v "$pid_variable" '%s' "$runner"
  until [[ -f "$ready" ]]; do
    if ! kill -0 "$runner" 2>/dev/null; then
      wait "$runner" 2>/dev/null && rc=0 || rc=$?
      printf -v "$pid_variable" '%s' ""
      err "$what did not start (exit code $rc)"
      return 1
    fi
    sleep 0.2
  done
  # shellcheck disable=SC1090 # written by the runner: NAME='value' lines
  source "$ready"
  rm -f "$ready"
}

# stop_pid PID [SECONDS]: SIGTERM, wait up to SECONDS (default 10), then SIGKILL. Quiet; never fails.
stop_pid() {
  local pid="${1:-}" grace="${2:-10}" i
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

# A new random API key (43 URL-safe characters).
new_api_key() { python3 -c 'import secrets; print(secrets.token_urlsafe(32))'; }

# stored_api_key FILE: the key kept in FILE, made (readable by the owner only) if missing.
stored_api_key() {
  local file="$1"
  if [[ ! -s "$file" ]]; then
    mkdir -p "$(dirname "$file")"
    (umask 077 && new_api_key >"$file")
  fi
  tr -d '[:space:]' <"$file"
}

# start_host PORT LOGFILE [NAME=VALUE ...]
# Starts the host on Azurite through the CLI's `local host` (working directory: its output folder, so
# that appsettings*.json are found), which waits until /api/health answers 200 and stays in the
# background until stop_host. NAME=VALUE are host settings (environment variables).
# The host's API key is SERVICEORDERS_API_KEY, or a new random one for this run;
# either way SERVICEORDERS_API_KEY is exported, so that the CLI sends it.
# Exports HOST_PID (the host's own process, e.g. to read its memory) and HOST_RUNNER_PID (its runner,
# which ends with the host's exit code).
start_host() {
  local port="$1" log="$2" setting
  shift 2
  local -a settings=(--set Simulators__Enabled=true)
  if [[ ! -f "$HOST_DLL" ]]; then
    err "$HOST_DLL not found; run the build first"
    return 1
  fi
  [[ -n "${AZURITE_CONNECTION_STRING:-}" ]] || { err "start_host: Azurite is not running"; return 1; }
  port_is_free "$port" || { err "port $port on 127.0.0.1 is already in use"; return 1; }
  for setting in "$@"; do settings+=(--set "$setting"); done
  SERVICEORDERS_API_KEY="${SERVICEORDERS_API_KEY:-$(new_api_key)}"
  export SERVICEORDERS_API_KEY

  step "starting host on http://127.0.0.1:$port…"
  # The key and the storage go in the environment, where other users' ps does not show them.
  SERVICEORDERS_STORAGE="$AZURITE_CONNECTION_STRING" _start_runner HOST_RUNNER_PID "the host" \
    local host --host-dll "$HOST_DLL" --port "$port" --log "$log" "${settings[@]}" || return 1
  export HOST_PID HOST_RUNNER_PID
}

# start_more_hosts COUNT LOG_PREFIX [NAME=VALUE ...]: COUNT more hosts on the running Azurite (and so on the same task
# hub) beside the one start_host started, each on a free port with LOG_PREFIX-N.log (N from 2) and the simulators off,
# so that the outside systems are simulated once. HOST_PID and HOST_RUNNER_PID stay the first host's; cleanup stops
# the others. Sets MORE_HOST_URLS and MORE_HOST_PIDS (arrays).
MORE_HOST_URLS=()
MORE_HOST_PIDS=()
start_more_hosts() {
  local count="$1" prefix="$2" i port first_pid="$HOST_PID" first_runner="$HOST_RUNNER_PID" rc=0
  shift 2
  MORE_HOST_URLS=()
  MORE_HOST_PIDS=()
  for ((i = 2; i <= count + 1; i++)); do
    port="$(free_port)"
    if ! start_host "$port" "$prefix-$i.log" "$@" Simulators__Enabled=false; then
      rc=1
      break
    fi
    track_pid "$HOST_RUNNER_PID"
    MORE_HOST_URLS+=("http://127.0.0.1:$port")
    MORE_HOST_PIDS+=("$HOST_PID")
  done
  HOST_PID="$first_pid"
  HOST_RUNNER_PID="$first_runner"
  return "$rc"
}

# kill_host: the host process killed with SIGKILL (no shutdown of any kind), then its runner waited for.
kill_host() {
  [[ -n "$HOST_PID" ]] && kill -KILL "$HOST_PID" 2>/dev/null || true
  stop_pid "$HOST_RUNNER_PID"
  HOST_RUNNER_PID=""
  HOST_PID=""
}

stop_host() {
  stop_pid "$HOST_RUNNER_PID"
  HOST_RUNNER_PID=""
  HOST_PID=""
}

stop_azurite() {
  stop_pid "$AZURITE_PID"
  AZURITE_PID=""
}

# start_apphost HOST_PORT DASHBOARD_PORT TOKEN LOGFILE
# Starts the development entry point (ServiceOrders.AppHost): Azurite on .azurite/, the host with the simulators on
# HOST_PORT, and the dashboard on DASHBOARD_PORT over plain http with TOKEN as its login token; its own output goes to
# LOGFILE. Waits until the host reports healthy. The host's key is SERVICEORDERS_API_KEY, which must be set.
# Exports APPHOST_PID.
start_apphost() {
  local host_port="$1" dashboard_port="$2" token="$3" log="$4" otlp_port resource_port deadline
  [[ -f "$APPHOST_DLL" ]] || { err "$APPHOST_DLL not found; run the build first"; return 1; }
  [[ -n "${SERVICEORDERS_API_KEY:-}" ]] || { err "start_apphost: SERVICEORDERS_API_KEY is not set"; return 1; }
  { read -r otlp_port; read -r resource_port; } < <(_free_ports 2)
  step "starting Azurite, the host and the dashboard…"
  # Plain http on loopback, with a login token: no certificate is needed. The dashboard's OTLP receiver and resource
  # service take free ports; the AppHost hands the receiver's address to the host (OTEL_EXPORTER_OTLP_ENDPOINT).
  HOST_PORT="$host_port" ASPNETCORE_URLS="http://127.0.0.1:$dashboard_port" ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN="$token" \
    ASPIRE_ALLOW_UNSECURED_TRANSPORT=true ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$otlp_port" \
    ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://127.0.0.1:$resource_port" \
    dotnet "$APPHOST_DLL" </dev/null >>"$log" 2>&1 &
  APPHOST_PID=$!
  export APPHOST_PID
  deadline=$((SECONDS + 120))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$APPHOST_PID" 2>/dev/null; then
      wait "$APPHOST_PID" 2>/dev/null || true
      APPHOST_PID=""
      err "the AppHost exited during start-up; last lines of $log:"
      show_tail "$log"
      return 1
    fi
    if curl -fs -o /dev/null -m 2 "http://127.0.0.1:$host_port/api/health"; then
      return 0
    fi
    sleep 0.2
  done
  err "the host did not report healthy within 2 minutes (its log: $LOG_DIR/host.log); last lines of $log:"
  show_tail "$log"
  return 1
}

# The AppHost stops its resources itself before it ends; it gets longer than the default to do so.
stop_apphost() {
  stop_pid "$APPHOST_PID" 30
  APPHOST_PID=""
}

# trx_counts DIR: sum the results of every *.trx file under DIR and print
# "total failed passed skipped". Fails (exit 3) when there is no TRX file.
# failed includes error/timeout/aborted; skipped is notExecuted, or the number of
# results with outcome NotExecuted when the counters leave that at 0 (xUnit skips).
trx_counts() {
  python3 - "$1" <<'PY'
import pathlib, sys
import xml.etree.ElementTree as ET

root = pathlib.Path(sys.argv[1])
files = sorted(root.rglob("*.trx")) if root.is_dir() else []
if not files:
    sys.exit(3)
keys = ("total", "passed", "failed", "error", "timeout", "aborted")
sums = dict.fromkeys(keys, 0)
skipped = 0
for f in files:
    counters_not_executed = 0
    not_executed_results = 0
    for el in ET.parse(f).iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "Counters":
            for k in keys:
                sums[k] += int(el.get(k) or 0)
            counters_not_executed += int(el.get("notExecuted") or 0)
        elif tag == "UnitTestResult" and el.get("outcome") == "NotExecuted":
            not_executed_results += 1
    skipped += max(counters_not_executed, not_executed_results)
failed = sums["failed"] + sums["error"] + sums["timeout"] + sums["aborted"]
print(sums["total"], failed, sums["passed"], skipped)
PY
}

# track_pid PID: have cleanup stop this background process as well.
track_pid() { _OTHER_PIDS+=("$1"); }

# Stop everything started through this file (other tracked processes, the AppHost, the host,
# then Azurite). Idempotent.
cleanup() {
  local pid
  for pid in ${_OTHER_PIDS[@]+"${_OTHER_PIDS[@]}"}; do
    stop_pid "$pid"
  done
  _OTHER_PIDS=()
  stop_apphost
  stop_host
  stop_azurite
}
