#!/usr/bin/env bash
# No-op incremental `dotnet build` of a project with 5 functions, with the Substra packaging targets and of the same
# project with packaging off, interleaved (median of N runs each, default 5), and the size of one function archive.
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
  # Substra.Tools depends on exactly its Substra.Tools.Contracts: both go into the feed.
  for packed in Substra.Tools.Contracts Substra.Tools; do
    dotnet pack "$repo/src/$packed" -nodeReuse:false -o "$work/feed" -p:PackageVersion="$version" >> "$work/pack.log" 2>&1 || { cat "$work/pack.log"; exit 1; }
  done
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
# The plain project: the same files, packaging off (SubstraPackage=false in its file), in a folder of its own, so that
# the two are measured interleaved (alike under a changing load) and neither build undoes the other's outputs.
plain="$work/Plain.Functions"
mkdir -p "$plain"
cp "$project/Directory.Build.props" "$project/Directory.Build.targets" "$project/Functions.cs" "$plain/"
[ -f "$project/nuget.config" ] && cp "$project/nuget.config" "$plain/"
sed 's|<OutputType>Exe</OutputType>|<OutputType>Exe</OutputType><SubstraPackage>false</SubstraPackage><AssemblyName>Bench.Functions</AssemblyName>|' \
  "$project/Bench.Functions.csproj" > "$plain/Plain.Functions.csproj"

build() { dotnet build "$1" -c "$configuration" -nodeReuse:false --no-restore > "$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
timed() { start=$(date +%s%N); build "$1"; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }

dotnet restore "$project" > "$work/restore.log" 2>&1 || { cat "$work/restore.log"; exit 1; }
dotnet restore "$plain" > "$work/restore-plain.log" 2>&1 || { cat "$work/restore-plain.log"; exit 1; }
first=$(timed "$project")
[ "$native" = native ] && echo "first build ($mode, native): $first ms"
build "$plain"; build "$project"   # warm-up: both up to date
with_runs=""; without_runs=""
for _ in $(seq "$runs"); do
  with_runs+="$(timed "$project") "
  without_runs+="$(timed "$plain") "
done
with=$(median <<<"$with_runs"); without=$(median <<<"$without_runs")
archive="$project/bin/$configuration/net10.0/substra/functions/fn1.zip"
size="$(stat -c %s "$archive") bytes ($(unzip -l "$archive" | tail -1 | awk '{print $2}') entries)"
echo "no-op build ($mode${native:+, $native}), 5 functions, median of $runs: with packaging ${with} ms, without ${without} ms, ratio $(awk "BEGIN {printf \"%.2f\", $with/$without}")"
echo "archive size: $size"
