#!/usr/bin/env bash
# Creates the base images of the docker backend without any image registry (idempotent):
#   mcr.microsoft.com/dotnet/runtime:<major>.0  the default base image of the function archives built by dotnet build:
#                                               Debian minbase + ICU, OpenSSL, CA certificates + this machine's .NET runtime
#                                               (runtime only, no SDK) at /usr/share/dotnet, dotnet on PATH.
#   substra-dotnet-python:<major>.0             the .NET runtime image plus Debian's python3, python3-numpy and python3-pandas:
#                                               the base of functions that read Python openers (SubstraPythonBaseImage), so
#                                               that their Dockerfile skips installing Python (it would need the network).
#   substra-python:3.11                         Debian minbase + python3 (Debian's 3.11), for Python functions (tests);
#                                               also tagged python:3.11-slim so archives written for the platform build as they are.
#   mcr.microsoft.com/dotnet/runtime-deps:<major>.0  the base image of native (NativeAOT) function archives: the
#                                               runtime image's root filesystem without the .NET runtime (no dotnet).
# All are root filesystems made by mmdebstrap from the apt mirror this machine already uses, then `docker import`ed.
# All have a non-root user `app` (uid/gid 1000, APP_UID=1000) and no network tools.
# Options: --force rebuilds images that exist. Env: SUBSTRA_DEBIAN_MIRROR (default: the host's apt source),
# DOTNET_ROOT (the runtime to copy, default the dotnet on PATH).
set -euo pipefail

force=false
[ "${1:-}" = "--force" ] && force=true

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. /etc/os-release
suite="${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release: this script needs a Debian host}"

if ! docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
  echo "No Docker engine answers. Start one with: $script_dir/start-engine.sh" >&2
  exit 1
fi

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# The first apt source serving "$suite" (deb822 .sources files or one-line sources.list entries).
host_mirror() {
  local file uri
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    uri="$(awk -v s="$suite" '
      /^URIs:/ { u = $2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) found = 1 }
      /^$/ { if (found && u != "" && !printed) { print u; printed = 1 } u = ""; found = 0 }
      END { if (found && u != "" && !printed) print u }' "$file")"
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$file" ] || continue
    uri="$(awk -v s="$suite" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i ~ /:\/\//) { if ($(i+1) == s && !printed) { print $i; printed = 1 } break } }' "$file")"
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
}

mirror="${SUBSTRA_DEBIAN_MIRROR:-$(host_mirror)}"
if [ -z "$mirror" ]; then
  echo "Found no apt source for '$suite' in /etc/apt; set SUBSTRA_DEBIAN_MIRROR to a Debian mirror URL." >&2
  exit 1
fi

# mmdebstrap installs with apt in one go and unsafe dpkg I/O: about twice as fast as debootstrap here.
if ! command -v mmdebstrap >/dev/null 2>&1; then
  echo "installing mmdebstrap with apt..."
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq mmdebstrap >/dev/null \
    || { as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq mmdebstrap >/dev/null; }
fi

# make_rootfs DIR PACKAGES: a minimal Debian tree (minbase) with the packages and the user app (1000:1000).
make_rootfs() {
  local root="$1" packages="$2"
  as_root mmdebstrap --mode=root --variant=minbase --include="$packages" --dpkgopt=force-unsafe-io \
    "$suite" "$root" "$mirror" > "$root.mmdebstrap.log" 2>&1 || { tail -n 40 "$root.mmdebstrap.log" >&2; return 1; }
  echo 'app:x:1000:1000:app:/home/app:/bin/sh' | as_root tee -a "$root/etc/passwd" >/dev/null
  echo 'app:x:1000:' | as_root tee -a "$root/etc/group" >/dev/null
  echo 'app:*:19000:0:99999:7:::' | as_root tee -a "$root/etc/shadow" >/dev/null
  as_root install -d -o 1000 -g 1000 "$root/home/app"
  # What an image never needs: package lists, downloaded packages, docs, man pages, logs.
  as_root rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
    "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/var/log/*
}

# import_rootfs DIR TAG CHANGES...: the tree as a single-layer image.
import_rootfs() {
  local root="$1" tag="$2"; shift 2
  local changes=(--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
                 --change 'ENV APP_UID=1000' --change 'ENV LANG=C.UTF-8')
  local change
  for change in "$@"; do changes+=(--change "$change"); done
  as_root tar --numeric-owner -C "$root" -c . | docker import "${changes[@]}" - "$tag" >/dev/null
}

work="$(mktemp -d /var/tmp/substra-base-images.XXXXXX)"
trap 'as_root rm -rf "$work"' EXIT

# --- the .NET runtime image ---
dotnet_root="${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}"
runtime_dir="$(ls -d "$dotnet_root"/shared/Microsoft.NETCore.App/*/ 2>/dev/null | sort -V | tail -n 1)"
runtime_dir="${runtime_dir%/}"
if [ -z "$runtime_dir" ]; then
  echo "No .NET runtime under $dotnet_root/shared/Microsoft.NETCore.App; set DOTNET_ROOT to a .NET installation." >&2
  exit 1
fi
runtime_version="$(basename "$runtime_dir")"
dotnet_tag="mcr.microsoft.com/dotnet/runtime:${runtime_version%%.*}.0"

# make_dotnet_image TAG EXTRA_PACKAGES: minbase + the runtime's native dependencies (+ extras) + this machine's runtime.
make_dotnet_image() {
  local tag="$1" extra="$2" start end root
  start=$(date +%s.%N)
  root="$work/$(echo "$tag" | tr '/:' '__')"
  make_rootfs "$root" "ca-certificates,libicu72,libssl3,tzdata${extra:+,$extra}"
  fxr_dir="$(ls -d "$dotnet_root"/host/fxr/*/ | sort -V | tail -n 1)"
  as_root mkdir -p "$root/usr/share/dotnet/host/fxr" "$root/usr/share/dotnet/shared/Microsoft.NETCore.App"
  as_root cp -a "$dotnet_root/dotnet" "$root/usr/share/dotnet/"
  [ -f "$dotnet_root/LICENSE.txt" ] && as_root cp -a "$dotnet_root/LICENSE.txt" "$dotnet_root/ThirdPartyNotices.txt" "$root/usr/share/dotnet/" || true
  as_root cp -a "${fxr_dir%/}" "$root/usr/share/dotnet/host/fxr/"
  as_root cp -a "$runtime_dir" "$root/usr/share/dotnet/shared/Microsoft.NETCore.App/"
  as_root ln -sf /usr/share/dotnet/dotnet "$root/usr/bin/dotnet"
  local changes=('ENV DOTNET_RUNNING_IN_CONTAINER=true' "ENV DOTNET_VERSION=$runtime_version" 'ENV DOTNET_ROOT=/usr/share/dotnet')
  [ -n "$extra" ] && changes+=('ENV PYTHONDONTWRITEBYTECODE=1')
  import_rootfs "$root" "$tag" "${changes[@]}"
  as_root rm -rf "$root"
  docker run --rm --network none "$tag" dotnet --list-runtimes
  end=$(date +%s.%N)
  printf '%s created in %.1f s (runtime %s)\n' "$tag" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$runtime_version"
}

if image_exists "$dotnet_tag" && ! $force; then
  echo "$dotnet_tag exists (use --force to rebuild)"
else
  make_dotnet_image "$dotnet_tag" ""
fi

# --- the .NET runtime with Python, numpy and pandas (functions that read Python openers) ---
dotnet_python_tag="substra-dotnet-python:${runtime_version%%.*}.0"
if image_exists "$dotnet_python_tag" && ! $force; then
  echo "$dotnet_python_tag exists (use --force to rebuild)"
else
  make_dotnet_image "$dotnet_python_tag" "python3,python3-numpy,python3-pandas"
  docker run --rm --network none "$dotnet_python_tag" python3 -c "import numpy, pandas; print('numpy', numpy.__version__, 'pandas', pandas.__version__)"
fi

# --- the runtime-deps image (native function archives): the runtime image's tree without .NET ---
deps_tag="mcr.microsoft.com/dotnet/runtime-deps:${runtime_version%%.*}.0"
if image_exists "$deps_tag" && ! $force; then
  echo "$deps_tag exists (use --force to rebuild)"
else
  start=$(date +%s.%N)
  root="$work/runtime-deps"
  as_root mkdir -p "$root"
  container="$(docker create "$dotnet_tag" /bin/true)"
  docker export "$container" | as_root tar --numeric-owner -C "$root" -x
  docker rm "$container" >/dev/null
  as_root rm -rf "$root/usr/share/dotnet" "$root/usr/bin/dotnet" "$root/.dockerenv"
  import_rootfs "$root" "$deps_tag" 'ENV DOTNET_RUNNING_IN_CONTAINER=true'
  if docker run --rm --network none "$deps_tag" sh -c 'command -v dotnet' >/dev/null 2>&1; then
    echo "$deps_tag still has dotnet" >&2
    exit 1
  fi
  end=$(date +%s.%N)
  printf '%s created in %.1f s\n' "$deps_tag" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
fi

# --- the Python image ---
python_tag="substra-python:3.11"
if image_exists "$python_tag" && ! $force; then
  echo "$python_tag exists (use --force to rebuild)"
else
  start=$(date +%s.%N)
  root="$work/python"
  make_rootfs "$root" ca-certificates,python3
  import_rootfs "$root" "$python_tag" 'ENV PYTHONDONTWRITEBYTECODE=1' 'CMD ["python3"]'
  docker run --rm --network none "$python_tag" python3 --version
  end=$(date +%s.%N)
  printf '%s created in %.1f s\n' "$python_tag" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
fi

# Archives written for the platform start FROM python:3.11-slim: the offline Python image stands in for it.
if ! image_exists python:3.11-slim || $force; then
  docker tag "$python_tag" python:3.11-slim
  echo "python:3.11-slim -> $python_tag"
fi
