# shellcheck shell=bash
# Shared helpers for run.sh and test.sh. Source this file; do not execute it.
#
# Callers are expected to `cd` to the repository root first and to install
#   trap cleanup EXIT; trap 'exit 130' INT; trap 'exit 143' TERM
# so that everything started here is stopped again.

# Paths are relative to the repository root.
LOG_DIR="artifacts/logs"
HOST_DLL="ServiceOrders.DevHost/bin/Release/net10.0/ServiceOrders.DevHost.dll"
# shellcheck disable=SC2034 # used by run.sh
CLI_DLL="ServiceOrders.Cli/bin/Release/net10.0/ServiceOrders.Cli.dll"

# Well-known development account of the storage emulator (public, not a secret).
AZURITE_ACCOUNT="devstoreaccount1"
AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

AZURITE_PID=""
_AZURITE_PIDS=()
_AZURITE_LOGS=()
HOST_PID=""
_AZURITE_TMP_DIR=""
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

# True when something accepts TCP connections on 127.0.0.1:PORT.
port_is_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_azurite memory|disk|split
#   memory: one Azurite process, everything in memory (thrown away when it stops).
#   disk:   one Azurite process, data kept in .azurite/.
#   split:  blob, queue and table each in a process of their own, so that the queue and table
#           services (the durable engine's two busiest) use two cores, not one; thrown away when
#           they stop. Queues keep their messages on disk in a temporary directory: in memory,
#           Azurite stores every message as an extent of its own and its once-a-minute clean-up
#           removes them one by one, which stops the queue service for tens of seconds once a few
#           thousand messages a minute went through it.
# Exports AZURITE_PID (the first process), AZURITE_CONNECTION_STRING.
start_azurite() {
  local mode="${1:-}" log ports blob queue table port
  mkdir -p "$LOG_DIR"
  case "$mode" in
    memory | split)
      # Azurite refuses --location together with --inMemoryPersistence, so it runs
      # inside a temporary directory instead (removed again by stop_azurite).
      _AZURITE_TMP_DIR="$(mktemp -d "${TMPDIR:-/tmp}/serviceorders-azurite.XXXXXX")"
      log="$LOG_DIR/azurite-$mode.log"
      ports="$(_free_ports 3)"
      ;;
    disk)
      mkdir -p .azurite
      log="$LOG_DIR/azurite.log"
      if port_is_free 10000 && port_is_free 10001 && port_is_free 10002; then
        ports=$'10000\n10001\n10002'
      else
        ports="$(_free_ports 3)"
      fi
      ;;
    *)
      err "start_azurite: mode must be 'memory', 'disk' or 'split' (got '$mode')"
      return 2
      ;;
  esac
  { read -r blob; read -r queue; read -r table; } <<<"$ports"

  [[ -x node_modules/.bin/azurite ]] || { err "Azurite is not installed; run setup first"; return 1; }

  step "starting Azurite ($mode)…"
  _AZURITE_PIDS=()
  _AZURITE_LOGS=()
  case "$mode" in
    memory) _start_azurite_process "$_AZURITE_TMP_DIR" "$log" azurite --inMemoryPersistence \
      --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
      --tableHost 127.0.0.1 --tablePort "$table" ;;
    disk) _start_azurite_process "$PWD" "$log" azurite --location "$PWD/.azurite" \
      --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
      --tableHost 127.0.0.1 --tablePort "$table" ;;
    split)
      mkdir -p "$_AZURITE_TMP_DIR/blob" "$_AZURITE_TMP_DIR/queue" "$_AZURITE_TMP_DIR/table"
      _start_azurite_process "$_AZURITE_TMP_DIR/blob" "${log%.log}-blob.log" azurite-blob --inMemoryPersistence \
        --blobHost 127.0.0.1 --blobPort "$blob"
      _start_azurite_process "$_AZURITE_TMP_DIR/queue" "${log%.log}-queue.log" azurite-queue \
        --location "$_AZURITE_TMP_DIR/queue" --queueHost 127.0.0.1 --queuePort "$queue"
      _start_azurite_process "$_AZURITE_TMP_DIR/table" "${log%.log}-table.log" azurite-table --inMemoryPersistence \
        --tableHost 127.0.0.1 --tablePort "$table"
      ;;
  esac
  AZURITE_PID="${_AZURITE_PIDS[0]}"
  export AZURITE_PID

  local deadline=$((SECONDS + 30)) i=0 n plog
  for port in "$blob" "$queue" "$table"; do
    # In split mode the ports belong to the processes in order; otherwise all to the one.
    plog="${_AZURITE_LOGS[$((i < ${#_AZURITE_LOGS[@]} ? i : 0))]}"
    i=$((i + 1))
    until port_is_open "$port"; do
      for ((n = 0; n < ${#_AZURITE_PIDS[@]}; n++)); do
        if ! kill -0 "${_AZURITE_PIDS[n]}" 2>/dev/null; then
          err "Azurite exited during startup (${_AZURITE_LOGS[n]#"$PWD"/}):"
          show_tail "${_AZURITE_LOGS[n]}"
          stop_azurite
          return 1
        fi
      done
      if ((SECONDS >= deadline)); then
        err "Azurite did not open port $port within 30 s (${plog#"$PWD"/}):"
        show_tail "$plog"
        return 1
      fi
      sleep 0.2
    done
  done

  AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=$AZURITE_ACCOUNT;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$blob/$AZURITE_ACCOUNT;QueueEndpoint=http://127.0.0.1:$queue/$AZURITE_ACCOUNT;TableEndpoint=http://127.0.0.1:$table/$AZURITE_ACCOUNT;"
  export AZURITE_CONNECTION_STRING
}

# _start_azurite_process DIR LOG PROGRAM [ARGS...]: starts one Azurite program from
# node_modules/.bin in DIR, output to LOG; adds its pid to _AZURITE_PIDS, its log to _AZURITE_LOGS.
_start_azurite_process() {
  local dir="$1" log="$PWD/$2" program="$PWD/node_modules/.bin/$3"
  shift 3
  (
    cd "$dir" || exit 1
    exec "$program" --silent --skipApiVersionCheck --loose --disableTelemetry "$@"
  ) >"$log" 2>&1 </dev/null &
  _AZURITE_PIDS+=($!)
  _AZURITE_LOGS+=("$log")
}

# stop_pid PID: SIGTERM, wait up to 10 s, then SIGKILL. Quiet; never fails.
stop_pid() {
  local pid="${1:-}" i
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
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
# Starts the host in the background (working directory: its output folder, so that
# appsettings*.json are found) and waits until /api/health answers 200.
# The host's API key is SERVICEORDERS_API_KEY, or a new random one for this run;
# either way SERVICEORDERS_API_KEY is exported, so that the CLI sends it.
# Exports HOST_PID.
start_host() {
  local port="$1" log="$2"
  shift 2
  local dll_dir logfile url
  command -v curl >/dev/null || { err "curl is required"; return 1; }
  if [[ ! -f "$HOST_DLL" ]]; then
    err "$HOST_DLL not found; run the build first"
    return 1
  fi
  [[ -n "${AZURITE_CONNECTION_STRING:-}" ]] || { err "start_host: Azurite is not running"; return 1; }
  port_is_free "$port" || { err "port $port on 127.0.0.1 is already in use"; return 1; }
  mkdir -p "$(dirname "$log")"
  logfile="$(cd "$(dirname "$log")" && pwd)/$(basename "$log")"
  dll_dir="$(dirname "$HOST_DLL")"
  url="http://127.0.0.1:$port"

  SERVICEORDERS_API_KEY="${SERVICEORDERS_API_KEY:-$(new_api_key)}"
  export SERVICEORDERS_API_KEY

  step "starting host on $url…"
  (
    cd "$dll_dir" || exit 1
    # Exported rather than put on the command line, where other users' ps would show it.
    export Security__ApiKeys__0="$SERVICEORDERS_API_KEY"
    exec env AzureWebJobsStorage="$AZURITE_CONNECTION_STRING" Simulators__Enabled=true "$@" \
      dotnet "$(basename "$HOST_DLL")" --urls "$url"
  ) >"$logfile" 2>&1 </dev/null &
  HOST_PID=$!
  export HOST_PID

  local deadline=$((SECONDS + 90)) code
  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/api/health" || true)"
    if ! kill -0 "$HOST_PID" 2>/dev/null; then
      wait "$HOST_PID" 2>/dev/null && code=0 || code=$?
      HOST_PID=""
      err "host exited during startup (exit code $code); last lines of $log:"
      show_tail "$logfile"
      return 1
    fi
    [[ "$code" == 200 ]] && return 0
    if ((SECONDS >= deadline)); then
      err "host did not report healthy on $url/api/health within 90 s; last lines of $log:"
      show_tail "$logfile"
      return 1
    fi
    sleep 0.5
  done
}

stop_host() {
  stop_pid "$HOST_PID"
  HOST_PID=""
}

stop_azurite() {
  local pid
  for pid in ${_AZURITE_PIDS[@]+"${_AZURITE_PIDS[@]}"}; do
    stop_pid "$pid"
  done
  _AZURITE_PIDS=()
  _AZURITE_LOGS=()
  AZURITE_PID=""
  if [[ -n "$_AZURITE_TMP_DIR" ]]; then
    rm -rf "$_AZURITE_TMP_DIR"
    _AZURITE_TMP_DIR=""
  fi
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

# Stop everything started through this file (other tracked processes, the host,
# then Azurite). Idempotent.
cleanup() {
  local pid
  for pid in ${_OTHER_PIDS[@]+"${_OTHER_PIDS[@]}"}; do
    stop_pid "$pid"
  done
  _OTHER_PIDS=()
  stop_host
  stop_azurite
}
