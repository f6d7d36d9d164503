#!/usr/bin/env bash
# Removes what the docker backend left on the engine: the stopped containers labelled substra.framework=1 (kept
# failed containers). --running also kills and removes running ones (tasks of a process that died; do not use while
# a plan runs). --images also removes the function-<sha256> images (rebuilt on the next task that needs them).
# The base images are never touched.
set -euo pipefail

running=false images=false
for argument in "$@"; do
  case "$argument" in
    --running) running=true ;;
    --images) images=true ;;
    *) echo "usage: $0 [--running] [--images]" >&2; exit 2 ;;
  esac
done

if $running; then
  containers="$(docker ps -aq --filter label=substra.framework=1)"
else
  containers="$(docker ps -aq --filter label=substra.framework=1 --filter status=exited --filter status=created --filter status=dead)"
fi
if [ -n "$containers" ]; then
  # shellcheck disable=SC2086
  docker rm -f $containers >/dev/null
fi
echo "removed $(echo -n "$containers" | grep -c . || true) container(s)"

if $images; then
  images="$(docker images -q --filter label=substra.framework=1 | sort -u)"
  if [ -n "$images" ]; then
    # shellcheck disable=SC2086
    docker rmi -f $images >/dev/null
  fi
  echo "removed $(echo -n "$images" | grep -c . || true) image(s)"
fi
