#!/usr/bin/env bash
# Compiles and lints the Bicep in infra/ with a pinned Bicep compiler from NuGet.
# Any compiler or linter diagnostic (warnings included) fails the check.
set -euo pipefail

infra_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$infra_dir"

# The pinned compiler, restored from NuGet the first time (see bicep.sh); its messages go to stderr.
bicep="$(bash "$infra_dir/bicep.sh" --path)"

# Bicep exits 0 on warnings, so its diagnostics (printed on stderr) are collected and judged.
run_bicep() {
  local step="$1"
  shift
  local diagnostics
  if ! diagnostics="$("$bicep" "$@" 2>&1 > /dev/null)"; then
    echo "$diagnostics" >&2
    echo "infra: ${step} failed" >&2
    exit 1
  fi
  if [[ -n "$diagnostics" ]]; then
    echo "$diagnostics" >&2
    echo "infra: ${step} reported diagnostics (warnings count as failures)" >&2
    exit 1
  fi
  echo "${step}: ok"
}

run_bicep "build main.bicep" build main.bicep --stdout
run_bicep "lint main.bicep (and its modules)" lint main.bicep
run_bicep "build-params main.bicepparam" build-params main.bicepparam --stdout

# Files stay as `bicep format` writes them, so diffs show only real changes.
unformatted=()
for file in *.bicep modules/*.bicep *.bicepparam; do
  if ! "$bicep" format "$file" --stdout 2> /dev/null | diff -q "$file" - > /dev/null; then
    unformatted+=("$file")
  fi
done
if ((${#unformatted[@]})); then
  echo "infra: not formatted (run: bicep format <file>): ${unformatted[*]}" >&2
  exit 1
fi
echo "format: ok"

# main.parameters.json is for tools that take only JSON; it must say what main.bicepparam says.
"$bicep" build-params main.bicepparam --stdout 2> /dev/null | python3 -c '
import json, sys
built = json.load(sys.stdin)
params = json.loads(built["parametersJson"])["parameters"]
with open("main.parameters.json") as f:
    plain = json.load(f)["parameters"]
if params != plain:
    sys.exit("infra: main.parameters.json differs from main.bicepparam:\n  bicepparam: %s\n  json:       %s"
             % (json.dumps(params, sort_keys=True), json.dumps(plain, sort_keys=True)))
'
echo "main.parameters.json: matches main.bicepparam"

echo "infra: Bicep compiles"
