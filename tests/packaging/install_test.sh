#!/usr/bin/env bash
# install_test.sh BUILD_DIR: builds the Debian package, installs it, checks that every file is where the
# desktop and systemd look for it, then removes and purges it again.
# As root it installs into the running system with dpkg; otherwise it unpacks into a temporary root and checks
# the files there. Exit 77 (skipped) when neither is possible.
set -euo pipefail

build_dir=$1
command -v dpkg-deb >/dev/null || { echo "install_test: dpkg-deb missing; skipped"; exit 77; }

cmake --build "$build_dir" --target package
deb=$(ls -t "$build_dir"/ringshare_*.deb | head -n 1)
echo "install_test: $deb"
dpkg-deb -f "$deb" Package Version Depends Installed-Size

failures=0
check() {
    if "$@"; then echo "ok: $*"; else echo "FAILED: $*"; failures=$((failures + 1)); fi
}

if ((EUID == 0)); then
    root=
    installed_by_us=1
    # Whatever fails below, the system is left as it was found.
    trap 'dpkg --purge ringshare >/dev/null 2>&1 || true' EXIT
    dpkg -i "$deb"
else
    root=$(mktemp -d)
    installed_by_us=0
    trap 'rm -rf "$root"' EXIT
    dpkg-deb -x "$deb" "$root"
fi

files=(
    /usr/bin/ringshare
    /usr/bin/ringshare-node
    /usr/share/applications/ringshare.desktop
    /usr/share/metainfo/example.ringshare.Ringshare.metainfo.xml
    /usr/share/icons/hicolor/scalable/apps/ringshare.svg
    /usr/share/man/man1/ringshare.1.gz
    /usr/share/man/man1/ringshare-node.1.gz
    /usr/lib/systemd/system/ringshare-node.service
    /etc/ringshare/ringshare-node.conf
)
for size in 16 24 32 48 64 128 256 512; do
    files+=("/usr/share/icons/hicolor/${size}x${size}/apps/ringshare.png")
done
for file in "${files[@]}"; do
    check test -s "$root$file"
done
check test -x "$root/usr/bin/ringshare-node"
check grep -qx "ringshare-node $(dpkg-deb -f "$deb" Version)" <("$root/usr/bin/ringshare-node" --version)
if command -v desktop-file-validate >/dev/null; then
    check desktop-file-validate "$root/usr/share/applications/ringshare.desktop"
fi
if command -v appstreamcli >/dev/null; then
    check appstreamcli validate --no-net "$root/usr/share/metainfo/example.ringshare.Ringshare.metainfo.xml"
fi
check gzip -t "$root/usr/share/man/man1/ringshare-node.1.gz"
check bash -c "dpkg-deb -I '$deb' conffiles | grep -qx /etc/ringshare/ringshare-node.conf"

if ((installed_by_us)); then
    check bash -c "getent passwd ringshare >/dev/null"
    if command -v systemd-analyze >/dev/null; then
        check systemd-analyze verify /usr/lib/systemd/system/ringshare-node.service
    fi
    dpkg -r ringshare
    # A plain remove keeps the conffile, as dpkg should; purge takes it, the user and the state too.
    check test -e /etc/ringshare/ringshare-node.conf
    dpkg --purge ringshare
    for file in "${files[@]}"; do
        check test ! -e "$file"
    done
    check bash -c '! getent passwd ringshare'
    check test ! -e /var/lib/ringshare-node
    check test ! -e /etc/ringshare
fi

((failures == 0)) || { echo "install_test: $failures check(s) failed"; exit 1; }
echo "install_test: all checks passed"
