#!/usr/bin/env bash
# Removes what the docker backend left on the engine: every container labelled substra.framework=1 (kept failed
# containers, containers of killed runs). With --images, also the function-<sha256> images it built
# (they are rebuilt on the next task that needs them). The base images are never touched.
set -euo pipefail

containers="$(docker ps -aq --filter label=substra.framework=1)"
if [ -n "$containers" ]; then
  # shellcheck disable=SC2086
  docker rm -f $containers >/dev/null
fi
echo "removed $(echo -n "$containers" | grep -c . || true) container(s)"

if [ "${1:-}" = "--images" ]; then
  images="$(docker images -q --filter label=substra.framework=1 | sort -u)"
  if [ -n "$images" ]; then
    # shellcheck disable=SC2086
    docker rmi -f $images >/dev/null
  fi
  echo "removed $(echo -n "$images" | grep -c . || true) image(s)"
fi
