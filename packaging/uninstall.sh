#!/bin/sh
# Remove the campaign kiosk. Settings, added packs and statistics in users' own folders are kept, so a
# reinstall picks them up again; delete ~/.config/campaign-kiosk and ~/.local/share/campaign-kiosk to clear them.
set -eu
NAME=campaign-kiosk
PREFIX=${PREFIX:-/opt/$NAME}
BINDIR=${BINDIR:-/usr/local/bin}
APPDIR=${APPDIR:-/usr/share/applications}
AUTOSTART_DIR=${AUTOSTART_DIR:-/etc/xdg/autostart}
ICONDIR=${ICONDIR:-/usr/share/icons/hicolor/256x256/apps}
rm -rf "$PREFIX"
rm -f "$BINDIR/$NAME" "$APPDIR/$NAME.desktop" "$AUTOSTART_DIR/$NAME.desktop" "$ICONDIR/$NAME.png"
echo "removed $NAME (user settings and data kept)"
