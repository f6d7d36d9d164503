#!/usr/bin/env bash
# Process start to exit of a trivial Substra function through its generated entry point and an @arguments file, as the
# local worker runs it (reads a 1 KB model input, writes a 1 KB model output), next to a plain `dotnet hello.dll`:
# median wall time over N runs, the cases interleaved so that a change in machine load hits them all alike.
# Usage: bench/runtime-start.sh [runs=20]
set -euo pipefail
runs="${1:-20}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/substra-runtime-start.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# No compiler server or MSBuild node may linger and compete with the measured processes.
export MSBUILDUSESERVER=0 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false MSBUILDDISABLENODEREUSE=1
project="$repo/bench/Substra.Bench.TrivialFunction/Substra.Bench.TrivialFunction.csproj"
app=Substra.Bench.TrivialFunction.dll

echo "building (Release)..." >&2
# What the function archive ships: the framework-dependent build output, with the start-up settings of docs/runtime.md.
dotnet publish "$project" -c Release -o "$work/function" >/dev/null
# The same with the SDK's defaults instead of those settings.
dotnet publish "$project" -c Release -o "$work/function-defaults" \
  -p:InvariantGlobalization=false -p:TieredPGO=true -p:EventSourceSupport=true >/dev/null
# ReadyToRun for the platform's linux-x64 image.
dotnet publish "$project" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/function-r2r" >/dev/null
# The archives a Release build ships: ReadyToRun by default, NativeAOT with PublishAot (the same source file), unpacked
# as the local backends unpack them.
dotnet build "$project" -c Release >/dev/null
unzip -q -o "$repo/bench/Substra.Bench.TrivialFunction/bin/Release/net10.0/substra/functions/copy.zip" -d "$work/archive-r2r"
native_project="$repo/bench/Substra.Bench.TrivialFunction.Native/Substra.Bench.TrivialFunction.Native.csproj"
dotnet build "$native_project" -c Release >"$work/native-build.log" 2>&1 || { cat "$work/native-build.log" >&2; exit 1; }
unzip -q -o "$repo/bench/Substra.Bench.TrivialFunction.Native/bin/Release/net10.0/substra/functions/copy.zip" -d "$work/archive-native"
native_app="$work/archive-native/Substra.Bench.TrivialFunction.Native"

make_hello() { # $1 = folder, $2 = extra MSBuild properties
  mkdir -p "$1"
  cat > "$1/hello.csproj" <<CSPROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><AssemblyName>hello</AssemblyName>$2</PropertyGroup>
</Project>
CSPROJ
  echo 'System.Console.WriteLine("Hello, World!");' > "$1/Program.cs"
  dotnet publish "$1/hello.csproj" -c Release -o "$1/out" >/dev/null
}
make_hello "$work/hello" ""
make_hello "$work/hello-invariant" "<InvariantGlobalization>true</InvariantGlobalization>"

task="$work/task"
mkdir -p "$task/inputs" "$task/outputs"
head -c 1024 /dev/urandom > "$task/inputs/model"
write_arguments() { # $1 = function name; prints the arguments file's path
  cat > "$task/$1.txt" <<ARGS
--function-name
$1
--task-properties
{"rank": 0}
--inputs
[{"id": "model", "value": "$task/inputs/model", "multiple": false}]
--outputs
[{"id": "model", "value": "$task/outputs/model", "multiple": false}]
--log-level
warning
ARGS
  echo "$task/$1.txt"
}
copy_args="@$(write_arguments copy)"
injected_args="@$(write_arguments copy_injected)"

labels=(
  "dotnet hello.dll"
  "dotnet hello.dll (InvariantGlobalization)"
  "copy: build output, recommended settings"
  "copy: build output, SDK default settings"
  "copy: ReadyToRun (linux-x64)"
  "copy_injected: build output, recommended settings"
  "copy_injected: ReadyToRun (linux-x64)"
  "copy: Release archive (ReadyToRun)"
  "copy: native archive (NativeAOT)"
  "copy_injected: native archive (NativeAOT)"
)
commands=(
  "dotnet $work/hello/out/hello.dll"
  "dotnet $work/hello-invariant/out/hello.dll"
  "dotnet $work/function/$app $copy_args"
  "dotnet $work/function-defaults/$app $copy_args"
  "dotnet $work/function-r2r/$app $copy_args"
  "dotnet $work/function/$app $injected_args"
  "dotnet $work/function-r2r/$app $injected_args"
  "dotnet $work/archive-r2r/$app $copy_args"
  "$native_app $copy_args"
  "$native_app $injected_args"
)

# Every case once (warm-up, and a check that the functions copy their input), then $runs interleaved rounds.
for i in "${!commands[@]}"; do
  rm -f "$task/outputs/model"
  ${commands[$i]} >/dev/null
  if [[ $i -ge 2 ]] && ! cmp -s "$task/inputs/model" "$task/outputs/model"; then
    echo "'${labels[$i]}' did not copy its input" >&2
    exit 1
  fi
done
declare -a samples
for _ in $(seq "$runs"); do
  for i in "${!commands[@]}"; do
    start=$(date +%s%N)
    ${commands[$i]} >/dev/null
    end=$(date +%s%N)
    samples[$i]+="$(( (end - start) / 1000 )) "
  done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'; }

echo "runs per case: $runs (median wall time, process start to exit, cases interleaved)"
hello=$(median "${samples[0]}")
for i in "${!commands[@]}"; do
  value=$(median "${samples[$i]}")
  printf '%-52s: %6.1f ms (%.2fx plain hello)\n' "${labels[$i]}" "$value" "$(awk -v v="$value" -v h="$hello" 'BEGIN { print v / h }')"
done
echo "goals: the copy function's build output under 1.5x plain hello; native archive: copy <= 12 ms, copy_injected <= 20 ms"
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
