#!/usr/bin/env bash
# The Python opener bridge's cost: process start to exit of a C# function that reads a pandas opener's DataFrame (as a
# DataFrame, and as double[,]), next to the same opener run by Python alone (import, get_data, nothing written), for a
# DataFrame of 1,000 rows and one of 1,000,000 rows, 10 float64 columns each. Median wall time, cases interleaved.
# Usage: bench/python-opener.sh [runs for 1,000 rows=10] [runs for 1,000,000 rows=3]. Env: SUBSTRA_PYTHON (default
# /usr/bin/python3 when it has numpy and pandas, else python3).
set -euo pipefail
small_runs="${1:-10}"
large_runs="${2:-3}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/substra-python-opener.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
export MSBUILDUSESERVER=0 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false MSBUILDDISABLENODEREUSE=1
if [ -z "${SUBSTRA_PYTHON:-}" ]; then
  if /usr/bin/python3 -c "import numpy, pandas" >/dev/null 2>&1; then SUBSTRA_PYTHON=/usr/bin/python3; else SUBSTRA_PYTHON=python3; fi
fi
export SUBSTRA_PYTHON
if ! "$SUBSTRA_PYTHON" -c "import numpy, pandas" >/dev/null 2>&1; then
  echo "$SUBSTRA_PYTHON cannot import numpy and pandas: run scripts/install-python-deps.sh or set SUBSTRA_PYTHON" >&2
  exit 1
fi

echo "building (Release)..." >&2
dotnet publish "$repo/bench/Substra.Bench.PythonOpener/Substra.Bench.PythonOpener.csproj" -c Release -o "$work/function" >/dev/null
app="$work/function/Substra.Bench.PythonOpener.dll"
opener="$work/function/frame_opener.py"

declare -a labels commands
for rows in 1000 1000000; do
  task="$work/task-$rows"
  mkdir -p "$task/sample" "$task/outputs"
  echo "$rows" > "$task/sample/rows.txt"
  for function in frame matrix; do
    cat > "$task/$function.txt" <<ARGS
--function-name
$function
--task-properties
{"rank": 0}
--inputs
[{"id": "opener", "value": "$opener", "multiple": false}, {"id": "datasamples", "value": "$task/sample", "multiple": true}]
--outputs
[{"id": "shape", "value": "$task/outputs/$function", "multiple": false}]
--log-level
warning
ARGS
  done
  labels+=("$rows rows: python alone" "$rows rows: C# DataFrame" "$rows rows: C# double[,]")
  commands+=("$SUBSTRA_PYTHON $work/function/opener_alone.py $opener $task/sample"
             "dotnet $app @$task/frame.txt"
             "dotnet $app @$task/matrix.txt")
done

# Every case once (warm-up, and a check of the shape each received).
for i in "${!commands[@]}"; do
  output="$(${commands[$i]})"
  rows="${labels[$i]%% *}"
  case "${labels[$i]}" in
    *"python alone") shape="$output" ;;
    *DataFrame) shape="$(cat "$work/task-$rows/outputs/frame")" ;;
    *) shape="$(cat "$work/task-$rows/outputs/matrix")" ;;
  esac
  if [ "$shape" != "${rows}x10" ]; then
    echo "'${labels[$i]}' got $shape, expected ${rows}x10" >&2
    exit 1
  fi
done

declare -a samples
run_cases() { # $1 = runs, then the case indexes
  local runs="$1"; shift
  for _ in $(seq "$runs"); do
    for i in "$@"; do
      start=$(date +%s%N)
      ${commands[$i]} >/dev/null
      end=$(date +%s%N)
      samples[$i]+="$(( (end - start) / 1000 )) "
    done
  done
}
run_cases "$small_runs" 0 1 2
run_cases "$large_runs" 3 4 5
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'; }

echo "runs: $small_runs (1,000 rows), $large_runs (1,000,000 rows); median wall time, process start to exit; python: $SUBSTRA_PYTHON ($("$SUBSTRA_PYTHON" -c 'import numpy, pandas; print("numpy", numpy.__version__, "pandas", pandas.__version__)'))"
for i in "${!commands[@]}"; do
  printf '%-32s: %8.1f ms\n' "${labels[$i]}" "$(median "${samples[$i]}")"
done
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
