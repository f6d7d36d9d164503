#!/usr/bin/env bash
# The one test command (README and .ci/run): sets up what the tests need on a fresh Debian 12 machine, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Build servers would outlive the run and keep task assemblies locked across the build tests.
export MSBUILDUSESERVER=0 DOTNET_CLI_USE_MSBUILD_SERVER=0

# The Docker tests need an engine and the offline base images; both scripts are idempotent.
bash scripts/docker/start-engine.sh
bash scripts/docker/make-base-images.sh
# The Python opener bridge tests need Python 3 with numpy and pandas on this machine (idempotent too).
bash scripts/install-python-deps.sh

# Native (NativeAOT) function archives are linked by clang: the native tests build the sample's functions with it.
if ! command -v clang >/dev/null 2>&1 || ! dpkg -s zlib1g-dev >/dev/null 2>&1; then
  echo "installing clang and zlib1g-dev (NativeAOT prerequisites) with apt..."
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq clang zlib1g-dev >/dev/null \
    || { as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq clang zlib1g-dev >/dev/null; }
fi

results="$(mktemp -d)"
# The build tasks first, on their own: the function projects' nested ReadyToRun/NativeAOT publishes reach them under
# other global properties, and two builds of one project in parallel race on its output files.
dotnet build msbuild/Substra.Build/Substra.Build.csproj -c Release -nodeReuse:false
dotnet build Substra.Framework.sln -c Release -nodeReuse:false
# The code style of .editorconfig (docs/contributing.md): any difference fails the run, before the tests.
dotnet format Substra.Framework.sln --verify-no-changes --no-restore
# The packages of this commit (versions from git tags, docs/packaging.md#versions), from the build just made.
rm -rf artifacts/packages
dotnet pack Substra.Framework.sln -c Release --no-build -o artifacts/packages -nodeReuse:false
set +e
# One test project at a time: several suites start processes and containers, and two cores are all CI has.
dotnet test Substra.Framework.sln -c Release --no-build -m:1 --logger "trx" --results-directory "$results" "$@"
status=$?
set -e

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
