#!/usr/bin/env bash
# Installs Debian's Python 3 with numpy and pandas (idempotent): the Python opener bridge tests run Python openers with
# /usr/bin/python3 on the subprocess backend. Nothing is done when that Python already imports both.
set -euo pipefail

if /usr/bin/python3 -c "import numpy, pandas" >/dev/null 2>&1; then
  echo "python3 with numpy and pandas already installed ($(/usr/bin/python3 -c 'import numpy, pandas; print("numpy", numpy.__version__, "pandas", pandas.__version__)'))"
  exit 0
fi

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

echo "installing python3-numpy and python3-pandas with apt..."
export DEBIAN_FRONTEND=noninteractive
packages=(python3 python3-numpy python3-pandas)
as_root apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null \
  || { as_root apt-get update -qq && as_root apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null; }
/usr/bin/python3 -c "import numpy, pandas; print('numpy', numpy.__version__, 'pandas', pandas.__version__)"
