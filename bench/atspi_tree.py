"""What a Linux screen reader (Orca) is given: the kiosk's AT-SPI tree on a real X display, read over D-Bus.

Usage: python bench/atspi_tree.py [--pack minimal|cumbria|PATH] [--size 1024x768]
Needs Xvfb, dbus-run-session, at-spi2-core (/usr/libexec/at-spi-bus-launcher) and gdbus (libglib2.0-bin).
It starts its own session bus, accessibility bus and X server, runs the kiosk windowed on the xcb platform,
presses "Tap to explore" through AT-SPI (as a switch or screen-reader user would), walks the tree, and prints
every showing control with its role and name, then the pages' names and descriptions; exit 1 when a control
has no name. The offscreen platform the tests use never reaches AT-SPI (see shared/measured.md), hence this.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTROLS = {"push button", "check box", "toggle button", "link", "radio button"}
STATE_SHOWING = 25


def gdbus(address: str, dest: str, path: str, method: str, *args: str) -> object:
    out = subprocess.run(
        ["gdbus", "call", "--address", address, "--dest", dest, "--object-path", path, "--method", method, *args],
        capture_output=True,
        text=True,
        timeout=10,
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    text = re.sub(r"\b(objectpath|uint32|int32) |@[a-z(){}]+ ", "", out.stdout.strip())
    text = re.sub(r"<(.*)>", r"\1", text)  # a variant: <'Home'> -> 'Home'
    text = re.sub(r"\btrue\b", "True", re.sub(r"\bfalse\b", "False", text))
    return ast.literal_eval(text)[0]


def prop(address: str, dest: str, path: str, name: str) -> str:
    value = gdbus(address, dest, path, "org.freedesktop.DBus.Properties.Get", "org.a11y.atspi.Accessible", name)
    return str(value)


def walk(address: str, dest: str, path: str, depth: int = 0) -> list[dict[str, str]]:
    role = str(gdbus(address, dest, path, "org.a11y.atspi.Accessible.GetRoleName"))
    states = gdbus(address, dest, path, "org.a11y.atspi.Accessible.GetState")
    assert isinstance(states, list)
    showing = bool(states[0] >> STATE_SHOWING & 1)
    node = {"path": path, "role": role, "name": prop(address, dest, path, "Name"), "showing": str(showing)}
    node["description"] = prop(address, dest, path, "Description")
    found = [node]
    if depth > 40 or not showing and depth > 1:
        return found
    children = gdbus(address, dest, path, "org.a11y.atspi.Accessible.GetChildren")
    assert isinstance(children, list)
    for child_dest, child_path in children:
        found += walk(address, child_dest, child_path, depth + 1)
    return found


def child(args: argparse.Namespace) -> int:
    launcher = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"])
    kiosk = None
    try:
        time.sleep(1)
        address = str(gdbus_session("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus.GetAddress"))
        env = dict(os.environ, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_QPA_PLATFORM="xcb")
        env["KIOSK_HOME"] = tempfile.mkdtemp(prefix="atspi-kiosk-")
        pack = str(ROOT / "tests" / "fixtures" / "packs" / "minimal") if args.pack == "minimal" else args.pack
        command = [sys.executable, "-m", "kiosk", "--windowed", "--size", args.size, "--pack", pack]
        kiosk = subprocess.Popen([*command, "--idle-timeout", "600"], cwd=ROOT, env=env)
        time.sleep(5)
        apps = gdbus(
            address,
            "org.a11y.atspi.Registry",
            "/org/a11y/atspi/accessible/root",
            "org.a11y.atspi.Accessible.GetChildren",
        )
        assert isinstance(apps, list) and apps, "the kiosk did not register with AT-SPI"
        app_dest, app_path = apps[-1]
        tree = walk(address, app_dest, app_path)
        wake = [n for n in tree if n["role"] == "push button" and n["name"] == "Tap to explore"]
        print(f"attract loop: {len(tree)} accessible objects; 'Tap to explore' button: {bool(wake)}")
        if wake:
            gdbus(address, app_dest, wake[0]["path"], "org.a11y.atspi.Action.DoAction", "0")
            time.sleep(1)
            tree = walk(address, app_dest, app_path)
        shown = [n for n in tree if n["showing"] == "True"]
        controls = [n for n in shown if n["role"] in CONTROLS]
        print(f"after pressing it through AT-SPI: {len(shown)} showing objects, {len(controls)} controls")
        for n in controls:
            print(f"  {n['role']:<14} {n['name']!r}  {n['description'][:60]!r}")
        for n in shown:
            if n["role"] in ("panel", "filler") and n["description"]:
                print(f"  page/pane      {n['name']!r}: {n['description'][:70]!r}")
        unnamed = [n for n in controls if not n["name"].strip()]
        print(f"controls without a name: {len(unnamed)}")
        return 1 if unnamed or not controls else 0
    finally:
        if kiosk is not None:
            kiosk.terminate()
            kiosk.wait(10)
        launcher.terminate()
        launcher.wait(10)


def gdbus_session(dest: str, path: str, method: str) -> object:
    out = subprocess.run(
        ["gdbus", "call", "--session", "--dest", dest, "--object-path", path, "--method", method],
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    )
    return ast.literal_eval(out.stdout.strip())[0]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pack", default="minimal")
    parser.add_argument("--size", default="1024x768")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    screen = f"-screen 0 {args.size}x24"
    command = ["dbus-run-session", "--", "xvfb-run", "-a", "-s", screen, sys.executable, __file__, "--child"]
    return subprocess.run([*command, "--pack", args.pack, "--size", args.size], timeout=300).returncode


if __name__ == "__main__":
    sys.exit(main())
