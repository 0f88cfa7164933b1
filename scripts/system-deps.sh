#!/usr/bin/env bash
# Debian/Ubuntu libraries Qt needs at run time (xcb for a real screen, offscreen for tests and rendering).
# Windows and the frozen Linux builds need none of this. Skips quietly where apt-get or root is missing.
set -euo pipefail
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: no apt-get here; install Qt's xcb and GL libraries with your package manager" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "system-deps: not root and no sudo; skipping" >&2; exit 0; fi
fi
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt (an unattended upgrade) instead of failing at once on its lock.
APT_LOCK="-o DPkg::Lock::Timeout=300"
$SUDO apt-get $APT_LOCK update -qq
$SUDO apt-get $APT_LOCK install -y -qq --no-install-recommends \
  libgl1 libegl1 libopengl0 libfontconfig1 libfreetype6 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 libglib2.0-0 \
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-randr0 \
  libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libx11-xcb1 fonts-dejavu-core binutils \
  poppler-utils python3-venv >/dev/null
# poppler-utils: pdftoppm, pdftotext, pdfinfo read the handout PDF back in tests. python3-venv: the README installs
# into a virtual environment (Debian 12 and Ubuntu 24.04 refuse pip installs into their own Python, PEP 668).
# tests/ui/test_lockdown.py starts a private session bus to check the screen-saver inhibition, and a real X screen
# (Xvfb, with XTest from libxtst6) to send a window manager's close and real key presses
$SUDO apt-get $APT_LOCK install -y -qq --no-install-recommends dbus-daemon xvfb libxtst6 >/dev/null
# minisign: tests/system/test_bundle_cli.py checks the kiosk's bundle signatures against the standard tool, both ways
$SUDO apt-get $APT_LOCK install -y -qq --no-install-recommends minisign >/dev/null
# chromium: tests/system/test_report_cli.py opens `kiosk report`'s HTML headless (screenshot and DOM); it skips without
$SUDO apt-get $APT_LOCK install -y -qq --no-install-recommends chromium >/dev/null
# tesseract-ocr: tests/ui/test_figures_ocr.py reads every phone number back off the rendered pages and the handout,
# as a phone camera would (a slashed zero once read as 9); it skips without
$SUDO apt-get $APT_LOCK install -y -qq --no-install-recommends tesseract-ocr tesseract-ocr-eng >/dev/null
