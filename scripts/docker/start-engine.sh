#!/usr/bin/env bash
# Starts a local Docker engine for the docker backend and its tests (idempotent).
# Installs Debian's docker.io when dockerd is missing, then runs dockerd in the background without a bridge
# network (containers get no network anyway) and waits until it answers.
# Env: SUBSTRA_DOCKERD_LOG (default /var/log/substra-dockerd.log), SUBSTRA_DOCKERD_WAIT_SECONDS (default 60).
set -euo pipefail

log_file="${SUBSTRA_DOCKERD_LOG:-/var/log/substra-dockerd.log}"
wait_seconds="${SUBSTRA_DOCKERD_WAIT_SECONDS:-60}"

engine_answers() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if engine_answers; then
  echo "docker engine already running (server $(docker version --format '{{.Server.Version}}'))"
  exit 0
fi

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v dockerd >/dev/null 2>&1; then
  echo "installing docker.io with apt..."
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends docker.io >/dev/null
fi

# The engine needs cgroups mounted; cgroup v1 hierarchies are mounted by the machine, nothing to do there.
echo "starting dockerd (log: $log_file)..."
as_root mkdir -p "$(dirname "$log_file")"
as_root sh -c "nohup dockerd --bridge=none --iptables=false --ip-masq=false >>'$log_file' 2>&1 &"

for _ in $(seq 1 "$wait_seconds"); do
  if engine_answers; then
    echo "docker engine ready (server $(docker version --format '{{.Server.Version}}'))"
    exit 0
  fi
  sleep 1
done

echo "dockerd did not answer within ${wait_seconds}s; last lines of $log_file:" >&2
tail -n 30 "$log_file" >&2 || true
exit 1
