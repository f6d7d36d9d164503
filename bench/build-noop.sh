#!/usr/bin/env bash
# No-op incremental `dotnet build` of a project with 5 functions, with and without the Substra packaging targets
# (median of N runs each, default 5), and the size of one function archive.
# Usage: bench/build-noop.sh [runs]
set -euo pipefail
runs="${1:-5}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/substra-build-noop.XXXXXX)"
trap 'rm -rf "$work"' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 MSBUILDUSESERVER=0 DOTNET_CLI_USE_MSBUILD_SERVER=0

project="$work/Bench.Functions"
mkdir -p "$project"
echo '<Project />' > "$project/Directory.Build.props"
echo '<Project />' > "$project/Directory.Build.targets"
cat > "$project/Bench.Functions.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <OutputType>Exe</OutputType>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <Import Project="$repo/eng/Substra.FromSource.targets" />
</Project>
XML
# Five functions; the metadata is what the generator emits (written by hand so the figure does not depend on it).
{
  echo 'using Substra.Tools.Metadata;'
  for i in 1 2 3 4 5; do
    echo "[assembly: SubstraFunctionMetadata(\"fn$i\", \"\"\"{\"name\":\"fn$i\",\"inputs\":[{\"identifier\":\"model\",\"kind\":\"ASSET_MODEL\",\"optional\":true,\"multiple\":false}],\"outputs\":[{\"identifier\":\"model\",\"kind\":\"ASSET_MODEL\",\"multiple\":false}]}\"\"\", \"Function $i.\")]"
  done
  echo 'public static class Program { public static int Main(string[] args) => 0; }'
} > "$project/Functions.cs"

build() { dotnet build "$project" -nodeReuse:false --no-restore "$@" > "$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() { # $@: extra build arguments; prints the median wall time in ms
  build "$@"   # warm-up: brings everything up to date for these arguments
  for _ in $(seq "$runs"); do
    start=$(date +%s%N); build "$@"; end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
  done | median
}

dotnet restore "$project" > "$work/restore.log" 2>&1 || { cat "$work/restore.log"; exit 1; }
with=$(measure)
without=$(measure -p:SubstraPackage=false)
archive="$project/bin/Debug/net10.0/substra/functions/fn1.zip"
echo "no-op build, 5 functions, median of $runs: with packaging ${with} ms, without ${without} ms, ratio $(awk "BEGIN {printf \"%.2f\", $with/$without}")"
echo "archive size: $(stat -c %s "$archive") bytes ($(unzip -l "$archive" | tail -1 | awk '{print $2}') entries)"
