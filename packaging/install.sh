#!/bin/sh
# Install or upgrade the campaign kiosk from this unpacked archive. Safe to run again.
#
#   sudo ./install.sh               install to /opt/campaign-kiosk, launcher in /usr/local/bin
#   sudo ./install.sh --autostart   also start it when any user logs in (XDG autostart)
#   PREFIX=$HOME/kiosk BINDIR=$HOME/bin ./install.sh     without root
#
# Each version goes in PREFIX/versions/VERSION. The new one becomes `current` only after its own --selftest
# passes on this machine; otherwise the previous version stays current and this script exits 1.
# Settings, packs a school added and statistics live in the user's own folders, never under PREFIX, so
# they survive upgrades and uninstall-reinstall.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
NAME=campaign-kiosk
PREFIX=${PREFIX:-/opt/$NAME}
BINDIR=${BINDIR:-/usr/local/bin}
APPDIR=${APPDIR:-/usr/share/applications}
ICONDIR=${ICONDIR:-/usr/share/icons/hicolor/256x256/apps}
AUTOSTART_DIR=${AUTOSTART_DIR:-/etc/xdg/autostart}
VERSION=$(cat "$HERE/VERSION")
AUTOSTART=no
[ "${1:-}" = "--autostart" ] && AUTOSTART=yes

target="$PREFIX/versions/$VERSION"
mkdir -p "$PREFIX/versions"
if [ -e "$target" ] && [ "$(readlink "$PREFIX/current" 2>/dev/null)" = "versions/$VERSION" ]; then
    echo "$NAME $VERSION is already installed and current"
else
    rm -rf "$target.new"
    cp -a "$HERE/$NAME" "$target.new"
    echo "checking $NAME $VERSION on this machine..."
    if ! QT_QPA_PLATFORM=offscreen KIOSK_HOME="$(mktemp -d)" "$target.new/$NAME" --selftest; then
        rm -rf "$target.new"
        echo "install: the new version failed its self-test; the installed version is unchanged" >&2
        exit 1
    fi
    rm -rf "$target"
    mv "$target.new" "$target"
    # switch atomically: a new symlink renamed over the old one
    ln -sfn "versions/$VERSION" "$PREFIX/current.new"
    mv -T "$PREFIX/current.new" "$PREFIX/current"
    # keep this version and the one before it
    ls -1t "$PREFIX/versions" | tail -n +3 | while read -r old; do rm -rf "$PREFIX/versions/$old"; done
fi

mkdir -p "$BINDIR" "$APPDIR"
printf '#!/bin/sh\nexec "%s/current/%s" "$@"\n' "$PREFIX" "$NAME" > "$BINDIR/$NAME"
chmod 755 "$BINDIR/$NAME"
sed "s|^Exec=.*|Exec=$BINDIR/$NAME|" "$HERE/$NAME.desktop" > "$APPDIR/$NAME.desktop"
if [ -f "$HERE/$NAME.png" ]; then mkdir -p "$ICONDIR" && cp "$HERE/$NAME.png" "$ICONDIR/$NAME.png"; fi
if [ "$AUTOSTART" = yes ]; then
    mkdir -p "$AUTOSTART_DIR"
    sed "s|^Exec=.*|Exec=$BINDIR/$NAME supervise|" "$HERE/$NAME.desktop" > "$AUTOSTART_DIR/$NAME.desktop"
fi
echo "installed $NAME $VERSION; run: $NAME"
