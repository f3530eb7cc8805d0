#!/usr/bin/env bash
# Build, start a throw-away Azurite and run all tests against it.
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter Domain
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/common.sh
source scripts/common.sh

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

RESULTS_DIR="artifacts/test-results"

setup

# The operator console's browser tests drive Debian's Chromium (Playwright downloads nothing here).
chromium="${SERVICEORDERS_CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x "$chromium" && $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
  step "installing chromium for the operator console's browser tests…"
  { apt-get update -qq && apt-get install -y -qq chromium; } >/dev/null || err "could not install chromium"
fi
if [[ ! -x "$chromium" ]]; then
  err "no Chromium at $chromium: the operator console's browser tests are skipped (install Debian's chromium package, or set SERVICEORDERS_CHROMIUM)"
fi

start_azurite memory
export SERVICEORDERS_TEST_STORAGE="$AZURITE_CONNECTION_STRING"

rm -rf "$RESULTS_DIR"
step "running tests…"
test_rc=0
dotnet test "$(solution_file)" -c Release --no-build \
  --logger "trx;LogFileName=tests.trx" --logger "console;verbosity=minimal" \
  --results-directory "$RESULTS_DIR" "$@" || test_rc=$?

cleanup

counts="$(trx_counts "$RESULTS_DIR")" && parse_rc=0 || parse_rc=$?

if ((parse_rc != 0)); then
  if ((parse_rc == 3)); then
    err "no test results (*.trx) found under $RESULTS_DIR"
  else
    err "could not read the test results under $RESULTS_DIR"
  fi
  echo "0 passed, 0 failed"
  exit 1
fi

read -r total failed passed skipped <<<"$counts"
summary="$passed passed, $failed failed"
((skipped > 0)) && summary+=", $skipped skipped"

status=0
if ((test_rc != 0)); then
  err "dotnet test exited with code $test_rc"
  status=1
elif ((total == 0)); then
  err "no tests were run"
  status=1
elif ((failed > 0)); then
  status=1
fi
echo "$summary"
exit "$status"
