#!/usr/bin/env bash
# Compiles and lints the Bicep in infra/ with a pinned Bicep compiler from NuGet.
# Any compiler or linter diagnostic (warnings included) fails the check.
set -euo pipefail

BICEP_VERSION="0.49.2"
BICEP_PACKAGE="Azure.Bicep.CommandLine.linux-x64"

infra_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$infra_dir"

# The package ships the compiler as tools/bicep; restoring a throwaway project puts it in the
# NuGet global packages folder, which is also our cache.
packages_dir="$(dotnet nuget locals global-packages --list | sed -e 's/^global-packages: *//')"
bicep="${packages_dir%/}/$(echo "$BICEP_PACKAGE" | tr '[:upper:]' '[:lower:]')/${BICEP_VERSION}/tools/bicep"

if [[ -f "$bicep" ]]; then
  echo "bicep: ${BICEP_VERSION} found in the NuGet cache"
else
  echo "bicep: restoring ${BICEP_PACKAGE} ${BICEP_VERSION} from NuGet"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  # Empty Directory.*.props stop MSBuild from picking up any found above the temp folder.
  echo '<Project />' > "$work/Directory.Build.props"
  echo '<Project />' > "$work/Directory.Packages.props"
  cat > "$work/bicep-restore.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="${BICEP_PACKAGE}" Version="${BICEP_VERSION}" ExcludeAssets="all" GeneratePathProperty="true" />
  </ItemGroup>
</Project>
EOF
  if ! dotnet restore "$work/bicep-restore.csproj" --nologo --verbosity quiet > "$work/restore.log" 2>&1; then
    cat "$work/restore.log" >&2
    echo "infra: could not restore ${BICEP_PACKAGE} ${BICEP_VERSION}" >&2
    exit 1
  fi
  if [[ ! -f "$bicep" ]]; then
    echo "infra: ${bicep} missing after restore" >&2
    exit 1
  fi
fi
chmod u+x "$bicep"

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
