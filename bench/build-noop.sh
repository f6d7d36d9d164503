#!/usr/bin/env bash
# No-op incremental `dotnet build` of a project with 5 functions, with and without the Substra packaging targets
# (median of N runs each, default 5), and the size of one function archive.
# Usage: bench/build-noop.sh [runs] [source|package] [native]
#   source  (default): the project imports eng/Substra.FromSource.targets (project references, as in this repo)
#   package: the project references the Substra.Tools package packed from this repo into a temporary feed (as users do)
#   native: the project sets PublishAot (NativeAOT archives) and builds in Release; the first build's time is printed too
set -euo pipefail
runs="${1:-5}"
mode="${2:-source}"
native="${3:-}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/substra-build-noop.XXXXXX)"
[ -n "${SUBSTRA_BENCH_KEEP:-}" ] && echo "keeping $work" >&2 || trap 'rm -rf "$work"' EXIT
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
    <ImplicitUsings>enable</ImplicitUsings>
    __NATIVE__
  </PropertyGroup>
  __SUBSTRA__
</Project>
XML
if [ "$mode" = package ]; then
  version="0.0.0-bench.$(date +%s)"
  dotnet pack "$repo/src/Substra.Tools" -nodeReuse:false -o "$work/feed" -p:PackageVersion="$version" > "$work/pack.log" 2>&1 || { cat "$work/pack.log"; exit 1; }
  cat > "$project/nuget.config" <<XML
<configuration>
  <packageSources><clear /><add key="feed" value="$work/feed" /></packageSources>
  <fallbackPackageFolders><add key="machine" value="${NUGET_PACKAGES:-$HOME/.nuget/packages}" /></fallbackPackageFolders>
</configuration>
XML
  export NUGET_PACKAGES="$work/packages"
  sed -i "s|__SUBSTRA__|<ItemGroup><PackageReference Include=\"Substra.Tools\" Version=\"$version\" /></ItemGroup>|" "$project/Bench.Functions.csproj"
else
  sed -i "s|__SUBSTRA__|<Import Project=\"$repo/eng/Substra.FromSource.targets\" />|" "$project/Bench.Functions.csproj"
fi
# Five ordinary functions, compiled with the real generator.
{
  echo 'using Substra.Tools;'
  echo 'namespace Bench;'
  echo 'public static partial class BenchFunctions'
  echo '{'
  for i in 1 2 3 4 5; do
    echo "    /// <summary>Function $i.</summary>"
    echo "    [SubstraFunction(\"fn$i\")]"
    echo "    public static void Fn$i([ModelInput(\"model\", Optional = true)] string? model, [ModelOutput(\"model\")] string output) => File.WriteAllText(output, model ?? \"$i\");"
  done
  echo '}'
} > "$project/Functions.cs"

configuration=Debug
if [ "$native" = native ]; then
  configuration=Release
  sed -i "s|__NATIVE__|<PublishAot>true</PublishAot>|" "$project/Bench.Functions.csproj"
else
  sed -i "s|__NATIVE__||" "$project/Bench.Functions.csproj"
fi
build() { dotnet build "$project" -c "$configuration" -nodeReuse:false --no-restore "$@" > "$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() { # $@: extra build arguments; prints the median wall time in ms
  build "$@"   # warm-up: brings everything up to date for these arguments
  for _ in $(seq "$runs"); do
    start=$(date +%s%N); build "$@"; end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
  done | median
}

dotnet restore "$project" > "$work/restore.log" 2>&1 || { cat "$work/restore.log"; exit 1; }
if [ "$native" = native ]; then
  start=$(date +%s%N); build; end=$(date +%s%N)
  echo "first build ($mode, native): $(( (end - start) / 1000000 )) ms"
fi
with=$(measure)
# Measured now: a build with SubstraPackage=false removes the artifacts of earlier builds (IncrementalClean).
archive="$project/bin/$configuration/net10.0/substra/functions/fn1.zip"
size="$(stat -c %s "$archive") bytes ($(unzip -l "$archive" | tail -1 | awk '{print $2}') entries)"
without=$(measure -p:SubstraPackage=false)
echo "no-op build ($mode${native:+, $native}), 5 functions, median of $runs: with packaging ${with} ms, without ${without} ms, ratio $(awk "BEGIN {printf \"%.2f\", $with/$without}")"
echo "archive size: $size"
