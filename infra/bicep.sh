#!/usr/bin/env bash
# Runs the pinned Bicep compiler (NuGet package Azure.Bicep.CommandLine.linux-x64), restoring it into the NuGet
# global packages folder, which is also its cache, the first time. `bicep.sh --path` prints where the compiler is;
# any other arguments go to the compiler, e.g. `bicep.sh build main.bicep --stdout`. Messages of its own go to stderr.
set -euo pipefail

BICEP_VERSION="0.49.2"
BICEP_PACKAGE="Azure.Bicep.CommandLine.linux-x64"

packages_dir="$(dotnet nuget locals global-packages --list | sed -e 's/^global-packages: *//')"
bicep="${packages_dir%/}/$(echo "$BICEP_PACKAGE" | tr '[:upper:]' '[:lower:]')/${BICEP_VERSION}/tools/bicep"

if [[ -f "$bicep" ]]; then
  echo "bicep: ${BICEP_VERSION} found in the NuGet cache" >&2
else
  echo "bicep: restoring ${BICEP_PACKAGE} ${BICEP_VERSION} from NuGet" >&2
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  # Empty Directory.*.props stop MSBuild from picking up any found above the temp folder.
  echo '<Project />' > "$work/Directory.Build.props"
  echo '<Project />' > "$work/Directory.Packages.props"
  cat > "$work/bicep-restore.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="${BICEP_PACKAGE}" Version="${BICEP_VERSION}" ExcludeAssets="all" GeneratePathProperty="true" />
  </ItemGroup>
</Project>
PROJECT
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

if [[ "${1:-}" == "--path" ]]; then
  echo "$bicep"
else
  exec "$bicep" "$@"
fi
