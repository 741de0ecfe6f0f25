#!/usr/bin/env bash
# Installs the Debian packages listed in packaging/debian-packages.txt that are not installed yet.
# Idempotent and silent when everything is present. Run as root (or with sudo available).
set -euo pipefail

list="$(dirname "$0")/debian-packages.txt"
missing=()
while read -r name _; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    status=$(dpkg-query -W -f='${Status}' "$name" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$name")
done < "$list"

((${#missing[@]} == 0)) && exit 0

as_root=()
if ((EUID != 0)); then
    command -v sudo >/dev/null || { echo "install-deps: need root to install: ${missing[*]}" >&2; exit 1; }
    as_root=(sudo)
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
