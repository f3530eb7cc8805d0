#!/usr/bin/env bash
# Run ServiceOrders locally.
#   ./run.sh        the development entry point (ServiceOrders.AppHost): Azurite, the host on http://127.0.0.1:7071
#                   (HOST_PORT overrides), the operator console on http://127.0.0.1:7072 (CONSOLE_PORT overrides)
#                   and the Aspire dashboard on http://127.0.0.1:18888 (DASHBOARD_PORT overrides)
#   ./run.sh host   the bare host on http://127.0.0.1:7071 with Azurite, without the AppHost and its dashboard
#   ./run.sh demo   throw-away Azurite + host on a free port, then the CLI demo against it; with --keep, Azurite, the
#                   host and the operator console stay up afterwards (console on 7072 or a free port) until Ctrl-C
#   ./run.sh integration   the same, then a check of every integration edge
#   ./run.sh chaos  fault injection: 500 orders while the host is killed 5 times and Azurite restarted once
#   ./run.sh liveness   5,000 orders with instant outside systems, no faults: every order must end
#   ./run.sh bench  throughput, latency and memory: each workload on its own throw-away Azurite + host(s);
#                   ./run.sh bench --quick covers every workload at small sizes in a few minutes
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/common.sh
source scripts/common.sh

CONSOLE_DLL="ServiceOrders.OperatorConsole/bin/Release/net10.0/ServiceOrders.OperatorConsole.dll"
# The operator console's development people, as ServiceOrders.AppHost's DevelopmentConsole.Users names them for
# ./run.sh; ./run.sh demo --keep signs in the same people. CONSOLE_PEOPLE says who they are.
CONSOLE_USERS="dana:Reader,Operator;ali:Reader,Operator,Approver;rita:Reader;sam:Reader,Operator,Approver,Admin"
CONSOLE_PEOPLE="sign in as dana (Operator), ali (Operator, Approver), rita (Reader) or sam (all roles)"

trap cleanup EXIT
trap 'printf "\n"; step "stopping…"; exit 130' INT
trap 'exit 143' TERM

usage() {
  echo "usage: ./run.sh [host|demo|integration|chaos|liveness|bench]" >&2
  echo "  (no argument)  run Azurite, the host and the Aspire dashboard until Ctrl-C: API on http://127.0.0.1:7071" >&2
  echo "                 (HOST_PORT overrides), operator console on http://127.0.0.1:7072 (CONSOLE_PORT overrides)," >&2
  echo "                 dashboard on http://127.0.0.1:18888 (DASHBOARD_PORT overrides)" >&2
  echo "  host           run the bare host on http://127.0.0.1:7071 (HOST_PORT overrides) until Ctrl-C, without the dashboard" >&2
  echo "  demo           run the end-to-end demo against a throw-away host; --keep leaves it running with the operator" >&2
  echo "                 console (on http://127.0.0.1:7072, else a free port; CONSOLE_PORT overrides) until Ctrl-C" >&2
  echo "  integration    check intake, replies, events, webhooks and security against a throw-away host" >&2
  echo "  chaos          fault injection: orders through the intake while the host is killed and Azurite restarted" >&2
  echo "  liveness       5,000 orders with instant outside systems: all must end, none stuck" >&2
  echo "  (options after the mode go to the CLI verb; ./run.sh chaos --help lists them)" >&2
  echo "  bench          measure throughput, latency and memory; options: --quick (every workload at small sizes, a few" >&2
  echo "                 minutes), --orders N, --workloads LIST, --open-orders N, --disconnects N, --burst N, --hosts N," >&2
  echo "                 --shape A,E,T (see: dotnet ServiceOrders.Cli.dll bench --help);" >&2
  echo "                 --workloads readmodel times the order list and order page with --index-orders N (default 100,000)" >&2
}

# end_of FILE: the position (for tail -c +N) where what is appended to FILE from now on starts, so that the terminal
# follows this run's part of a log that keeps every run.
end_of() { echo $(($(stat -c %s "$1" 2>/dev/null || echo 0) + 1)); }

# banner LINE...: once the system runs, the LINEs (what runs, where), then how to call its API.
banner() {
  echo
  printf '%s\n' "$@"
  echo "  API key: $SERVICEORDERS_API_KEY  (header x-functions-key; kept in .azurite/api-key)"
  echo "  CLI: export SERVICEORDERS_API_KEY=$SERVICEORDERS_API_KEY"
  echo
}

# follow WHAT LOG POSITION WATCHED RUNNER: shows LOG from POSITION on until the process WATCHED ends, then waits for
# RUNNER (a child of this shell, which ends with it), says how WHAT ended and returns RUNNER's exit code.
follow() {
  local what="$1" log="$2" position="$3" watched="$4" runner="$5" rc
  # In the background + wait, so that signals are handled at once.
  tail -c "+$position" -f --pid="$watched" "$log" &
  track_pid $!
  wait $! 2>/dev/null || true
  wait "$runner" 2>/dev/null && rc=0 || rc=$?
  if ((rc != 0)); then
    err "$what exited with code $rc"
  else
    step "$what stopped"
  fi
  return "$rc"
}

# The development entry point in the foreground: Azurite, the host and the dashboard; streams the host's log until
# Ctrl-C or until the AppHost exits.
run_apphost() {
  local port="${HOST_PORT:-7071}" dashboard_port="${DASHBOARD_PORT:-18888}" console_port="${CONSOLE_PORT:-7072}" log="$LOG_DIR/apphost.log"
  local host_log="$LOG_DIR/host.log" token offset rc
  setup
  port_is_free "$port" || { err "port $port on 127.0.0.1 is already in use (set HOST_PORT to use another)"; return 1; }
  if ! port_is_free "$dashboard_port"; then
    [[ -z "${DASHBOARD_PORT:-}" ]] || { err "port $dashboard_port on 127.0.0.1 is already in use"; return 1; }
    dashboard_port="$(free_port)"
  fi
  # The key stays with the data it guards, so it is the same after a restart; SERVICEORDERS_API_KEY overrides it.
  SERVICEORDERS_API_KEY="${SERVICEORDERS_API_KEY:-$(stored_api_key .azurite/api-key)}"
  export SERVICEORDERS_API_KEY
  # The operator console's development sign-in: one password, made once and kept beside the data like the key.
  port_is_free "$console_port" || { err "port $console_port on 127.0.0.1 is already in use (set CONSOLE_PORT to use another)"; return 1; }
  SERVICEORDERS_CONSOLE_PASSWORD="${SERVICEORDERS_CONSOLE_PASSWORD:-$(stored_api_key .azurite/console-password)}"
  # The console's own key is a delegating key: the host acts for the person signed in, with that person's roles.
  SERVICEORDERS_CONSOLE_KEY="${SERVICEORDERS_CONSOLE_KEY:-$(stored_api_key .azurite/console-key)}"
  export SERVICEORDERS_CONSOLE_PASSWORD SERVICEORDERS_CONSOLE_KEY CONSOLE_PORT="$console_port"
  token="$(new_api_key)"
  # The AppHost appends each resource's console output to $LOG_DIR/NAME.log; the terminal follows the host's.
  offset="$(end_of "$host_log")"
  start_apphost "$port" "$dashboard_port" "$token" "$log"
  banner "ServiceOrders is running (Ctrl-C to stop)" \
    "  Dashboard: http://127.0.0.1:$dashboard_port/login?t=$token" \
    "             (resources, console logs, traces and metrics of the host; a new login token each run)" \
    "  API: http://127.0.0.1:$port   reference: http://127.0.0.1:$port/scalar" \
    "  Operator console: http://127.0.0.1:$console_port" \
    "             $CONSOLE_PEOPLE" \
    "             password: $SERVICEORDERS_CONSOLE_PASSWORD  (kept in .azurite/console-password)" \
    "  Azurite data: .azurite/   logs: $LOG_DIR/ (host.log, azurite.log, apphost.log)"
  follow "the AppHost (log: $log)" "$host_log" "$offset" "$APPHOST_PID" "$APPHOST_PID" && rc=0 || rc=$?
  APPHOST_PID=""
  return "$rc"
}

# Bare host in the foreground: stream its log until Ctrl-C or until it exits.
run_host() {
  local port="${HOST_PORT:-7071}" log="$LOG_DIR/host.log" offset rc
  setup
  offset="$(end_of "$log")"
  start_azurite disk
  # The key stays with the data it guards, so it is the same after a restart; SERVICEORDERS_API_KEY overrides it.
  SERVICEORDERS_API_KEY="${SERVICEORDERS_API_KEY:-$(stored_api_key .azurite/api-key)}"
  start_host "$port" "$log"
  banner "ServiceOrders is running on http://127.0.0.1:$port (Ctrl-C to stop)" \
    "  Azurite data: .azurite/   logs: $LOG_DIR/ (host: $log)" \
    "  API reference: http://127.0.0.1:$port/scalar"
  follow "the host (log: $log)" "$log" "$offset" "$HOST_PID" "$HOST_RUNNER_PID" && rc=0 || rc=$?
  HOST_RUNNER_PID=""
  HOST_PID=""
  return "$rc"
}

# run_cli VERB [ARGS...]: throw-away Azurite + host on a free port, then
# `ServiceOrders.Cli VERB --api URL ARGS...` in the foreground; returns the CLI's exit code.
# With KEEP_RUNNING=1, what the CLI left stays up with the operator console until Ctrl-C (see keep_running).
run_cli() {
  local verb="$1" port log rc console_key=""
  shift
  log="$LOG_DIR/$verb-host.log"
  setup
  start_azurite memory
  port="$(free_port)"
  # Each verb runs the host with its own settings file, if it has one (appsettings.Demo.json for demo).
  if [[ -n "${KEEP_RUNNING:-}" ]]; then
    # The console acts for the signed-in person: its key is a delegating key of this host, never a system key. In the
    # environment, where other users' ps does not show it.
    console_key="$(new_api_key)"
    Security__DelegatingKeys__0="$console_key" start_host "$port" "$log" "DOTNET_ENVIRONMENT=${verb^}"
  else
    start_host "$port" "$log" "DOTNET_ENVIRONMENT=${verb^}"
  fi
  echo
  # Verbs that read the storage queues (integration) take the account from SERVICEORDERS_STORAGE.
  SERVICEORDERS_STORAGE="$AZURITE_CONNECTION_STRING" \
    dotnet "$CLI_DLL" "$verb" --api "http://127.0.0.1:$port" "$@" && rc=0 || rc=$?
  if ((rc == 0)) && [[ -n "$console_key" ]]; then
    keep_running "$port" "$console_key" && rc=0 || rc=$?
  fi
  cleanup
  if ((rc != 0)); then
    err "$verb failed (exit code $rc); host log: $log"
  fi
  return "$rc"
}

# keep_running API_PORT CONSOLE_KEY: starts the operator console against the host on API_PORT (on CONSOLE_PORT, else
# 7072 when free, else a free port), says where it is and how to sign in, and waits until Ctrl-C or until the console
# or the host ends. The people are those of ./run.sh (ServiceOrders.AppHost's DevelopmentConsole.Users); the password
# is new each run, as the demo's data is.
keep_running() {
  local api_port="$1" console_key="$2" console_port="${CONSOLE_PORT:-7072}" log="$LOG_DIR/demo-console.log" deadline console_pid
  local password
  [[ -f "$CONSOLE_DLL" ]] || { err "$CONSOLE_DLL not found; run the build first"; return 1; }
  if ! port_is_free "$console_port"; then
    [[ -z "${CONSOLE_PORT:-}" ]] || { err "port $console_port on 127.0.0.1 is already in use"; return 1; }
    console_port="$(free_port)"
  fi
  password="$(new_api_key)"
  step "starting the operator console on http://127.0.0.1:$console_port…"
  # The key and the password go in the environment, where other users' ps does not show them.
  (cd "$(dirname "$CONSOLE_DLL")" &&
    Console__ApiBaseUrl="http://127.0.0.1:$api_port/" Console__ApiKey="$console_key" Console__DevelopmentPassword="$password" \
      Console__DevelopmentUsers="$CONSOLE_USERS" ASPNETCORE_URLS="http://127.0.0.1:$console_port" DOTNET_ENVIRONMENT=Production \
      exec dotnet "$(basename "$CONSOLE_DLL")") </dev/null >>"$log" 2>&1 &
  console_pid=$!
  track_pid "$console_pid"
  deadline=$((SECONDS + 60))
  until curl -fs -o /dev/null -m 2 "http://127.0.0.1:$console_port/signin"; do
    if ! kill -0 "$console_pid" 2>/dev/null || ((SECONDS >= deadline)); then
      err "the operator console did not start; last lines of $log:"
      show_tail "$log"
      return 1
    fi
    sleep 0.2
  done
  echo
  echo "The demo's orders stay up (Ctrl-C to stop)"
  echo "  Operator console: http://127.0.0.1:$console_port"
  echo "             $CONSOLE_PEOPLE"
  echo "             password: $password  (new each run)"
  echo "  API: http://127.0.0.1:$api_port   reference: http://127.0.0.1:$api_port/scalar"
  echo "  API key: $SERVICEORDERS_API_KEY  (header x-functions-key)"
  echo "  Azurite: in memory, gone when this stops   logs: $LOG_DIR/ (demo-host.log, demo-console.log)"
  echo
  # In the background + wait, so that Ctrl-C is handled at once; the host ending ends the wait too.
  tail -f /dev/null --pid="$HOST_PID" &
  track_pid $!
  wait -n "$console_pid" $! 2>/dev/null || true
  kill -0 "$console_pid" 2>/dev/null || { err "the operator console stopped; its log: $log"; return 1; }
  err "the host stopped; its log: $LOG_DIR/demo-host.log"
  return 1
}

# run_chaos [ARGS...]: the CLI's chaos verb, which starts (and kills, and restarts) its own Azurite and host.
run_chaos() {
  local rc
  setup
  echo
  # The work directory is this script's own: what an earlier run left there goes.
  rm -rf artifacts/chaos/data
  dotnet "$CLI_DLL" chaos --host-dll "$HOST_DLL" --azurite node_modules/.bin/azurite \
    --work artifacts/chaos/data --logs "$LOG_DIR" "$@" && rc=0 || rc=$?
  if ((rc != 0)); then
    err "chaos run failed (exit code $rc); logs: $LOG_DIR/chaos-*.log"
  fi
  return "$rc"
}

# run_bench [ARGS...]: the CLI's plan lists the host runs (name, hosts, lifecycle, then host settings); each run gets
# a fresh Azurite (three processes) and its hosts with those settings, so that its memory peak and task hub are its own.
# Lifecycle "keep" leaves them running for the next run; "restart" reuses them, killing the host with SIGKILL and
# starting it again. With hosts > 1 the other hosts share the Azurite and task hub, without the simulators. The CLI
# then gathers the runs into artifacts/bench/results.json and timeline.svg and prints the table.
run_bench() {
  local plan name hosts lifecycle settings port otlp_port log rc=0 i=0 total killed_at
  local -a host_env run_args
  setup
  # Help lists the bench's options and workloads (the readmodel one too); it starts nothing.
  if [[ " $* " == *" --help "* || " $* " == *" -h "* ]]; then
    dotnet "$CLI_DLL" bench --help
    return $?
  fi
  plan="$(dotnet "$CLI_DLL" bench --stage plan "$@")" || return $?
  total="$(grep -c . <<<"$plan")"
  rm -rf artifacts/bench/runs
  while IFS=$'\t' read -r name hosts lifecycle settings <&3; do
    i=$((i + 1))
    echo
    step "bench run $i/$total: $name"
    # A run that exports telemetry does so to a receiver the CLI opens on a free port.
    otlp_port="$(free_port)"
    host_env=()
    read -r -a host_env <<<"${settings//@OTLP_PORT@/$otlp_port}"
    log="$LOG_DIR/bench-$name-host.log"
    run_args=()
    if [[ "$lifecycle" == restart && -n "$AZURITE_PID" ]]; then
      step "killing the host (SIGKILL) and starting it again on the same storage…"
      killed_at="$(date +%s%3N)"
      kill_host
      run_args+=(--killed-at "$killed_at")
    else
      cleanup
      start_azurite split
    fi
    port="$(free_port)"
    if ! start_host "$port" "$log" DOTNET_ENVIRONMENT=Bench ${host_env[@]+"${host_env[@]}"}; then
      rc=1
      cleanup
      continue
    fi
    if ((hosts > 1)); then
      if ! start_more_hosts $((hosts - 1)) "$LOG_DIR/bench-$name-host" DOTNET_ENVIRONMENT=Bench ${host_env[@]+"${host_env[@]}"}; then
        rc=1
        cleanup
        continue
      fi
      run_args+=(--peer-apis "$(IFS=,; echo "${MORE_HOST_URLS[*]}")" --peer-pids "$(IFS=,; echo "${MORE_HOST_PIDS[*]}")")
    fi
    SERVICEORDERS_STORAGE="$AZURITE_CONNECTION_STRING" \
      dotnet "$CLI_DLL" bench --stage run --run "$name" --api "http://127.0.0.1:$port" --host-pid "$HOST_PID" --otlp-port "$otlp_port" \
      --azurite-pid "$AZURITE_PID" ${run_args[@]+"${run_args[@]}"} "$@" </dev/null ||
      { rc=$?; err "bench run $name failed (exit code $rc); host log: $log"; }
    [[ "$lifecycle" == keep ]] || cleanup
  done 3<<<"$plan"
  cleanup
  dotnet "$CLI_DLL" bench --stage report "$@" || rc=$?
  return "$rc"
}

mode="${1:-}"
(($# > 0)) && shift
case "$mode" in
  "") run_apphost ;;
  host) run_host ;;
  demo)
    args=()
    for arg in "$@"; do
      if [[ "$arg" == --keep ]]; then KEEP_RUNNING=1; else args+=("$arg"); fi
    done
    run_cli demo ${args[@]+"${args[@]}"}
    ;;
  integration) run_cli integration "$@" ;;
  chaos) run_chaos "$@" ;;
  liveness) run_chaos --orders 5000 --kills 0 --restarts 0 --storage memory --instant yes --rate 20 --timeout 5400 "$@" ;;
  bench) run_bench "$@" ;;
  -h | --help) usage; exit 0 ;;
  *) usage; exit 2 ;;
esac
