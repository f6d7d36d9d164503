#!/usr/bin/env bash
# Process start to exit of a trivial Substra function (reads a 1 KB input, writes a 1 KB output, through the entry point
# and an @arguments file, as the local worker runs it) next to a plain `dotnet hello.dll`: median wall time over N runs.
# Usage: bench/runtime-start.sh [runs=20]
set -euo pipefail
runs="${1:-20}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/substra-runtime-start.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

echo "building (Release)..." >&2
dotnet publish "$repo/tests/fixtures/Substra.Tools.Fixture.Functions" -c Release -o "$work/function" >/dev/null
# The recommended publish of a function app (docs/runtime.md): ReadyToRun for the platform's linux-x64 image.
dotnet publish "$repo/tests/fixtures/Substra.Tools.Fixture.Functions" -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -o "$work/function-r2r" >/dev/null

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
mkdir -p "$task/inputs" "$task/outputs" "$task/cli-args"
head -c 1024 /dev/urandom > "$task/inputs/model"
cat > "$task/cli-args/arguments.txt" <<ARGS
--function-name
copy
--task-properties
{"rank": 0}
--inputs
[{"id": "model", "value": "$task/inputs/model", "multiple": false}]
--outputs
[{"id": "model", "value": "$task/outputs/model", "multiple": false}]
--log-level
warning
ARGS

median_ms() { # runs "$@" $runs times after one warm-up; prints the median wall time in ms
  "$@" >/dev/null
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'
}

cpu_ms() { # mean CPU time (user + system) per run over $runs runs: less sensitive than wall time to a busy machine
  local TIMEFORMAT='%U %S'
  local total
  total=$( { time (for _ in $(seq "$runs"); do "$@" >/dev/null; done) ; } 2>&1 )
  awk -v t="$total" -v n="$runs" 'BEGIN { split(t, a, " "); printf "%.1f", (a[1] + a[2]) * 1000 / n }'
}

hello=$(median_ms dotnet "$work/hello/out/hello.dll")
hello_cpu=$(cpu_ms dotnet "$work/hello/out/hello.dll")
hello_invariant=$(median_ms dotnet "$work/hello-invariant/out/hello.dll")
function_ms=$(median_ms dotnet "$work/function/Substra.Tools.Fixture.Functions.dll" "@$task/cli-args/arguments.txt")
cmp -s "$task/inputs/model" "$task/outputs/model" || { echo "the function did not copy its input" >&2; exit 1; }
rm "$task/outputs/model"
function_r2r_ms=$(median_ms dotnet "$work/function-r2r/Substra.Tools.Fixture.Functions.dll" "@$task/cli-args/arguments.txt")
function_cpu=$(cpu_ms dotnet "$work/function/Substra.Tools.Fixture.Functions.dll" "@$task/cli-args/arguments.txt")
function_r2r_cpu=$(cpu_ms dotnet "$work/function-r2r/Substra.Tools.Fixture.Functions.dll" "@$task/cli-args/arguments.txt")
cmp -s "$task/inputs/model" "$task/outputs/model" || { echo "the ReadyToRun function did not copy its input" >&2; exit 1; }

echo "runs per case: $runs (median wall time, process start to exit)"
echo "dotnet hello.dll                          : ${hello} ms"
echo "dotnet hello.dll (InvariantGlobalization) : ${hello_invariant} ms"
echo "substra function copy 1 KB (entry point)  : ${function_ms} ms"
echo "same, published ReadyToRun (linux-x64)    : ${function_r2r_ms} ms"
awk -v f="$function_ms" -v r="$function_r2r_ms" -v h="$hello" 'BEGIN {
  printf "ratio function / plain hello              : %.2fx\n", f / h
  printf "ratio ReadyToRun function / plain hello   : %.2fx (goal < 1.5x)\n", r / h }'
echo "CPU time per run (user + system, mean): hello ${hello_cpu} ms, function ${function_cpu} ms, ReadyToRun function ${function_r2r_cpu} ms"
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
