"""Which files of the frozen build does the kiosk ever open? Runs every command the frozen build offers under
`strace -f -e trace=openat,open,execve` and lists the bundled files none of them opened, largest first.

    python bench/loaded_files.py [--folder dist/campaign-kiosk] [--out trace.txt]

The kiosk, the studio and the assembly mode (with the presenter view on a second screen) run on Xvfb for a
few seconds each; everything else offscreen. Each run has its own KIOSK_HOME and XDG_RUNTIME_DIR. A file no
command opened is a candidate to leave out of the build (issue 20; docs/installer.md "What the size round cut").
Python modules inside the executable's archive are not files: `python -X importtime` from source lists those.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OPENED = re.compile(r'(?:openat|open|execve)\((?:AT_FDCWD, )?"([^"]+)"')


def outbox(root: Path) -> Path:
    """Six schools, four weeks of counts (as tests/system/test_report_cli.py makes them)."""
    import datetime as dt

    from kiosk.core.outbox_format import DayCounts, Row, to_json

    end = dt.date(2026, 11, 27)
    for i, label in enumerate(("st-bees", "keswick", "penrith", "workington", "carlisle", "kendal")):
        folder = root / label
        folder.mkdir(parents=True, exist_ok=True)
        for d in range(28):
            day = end - dt.timedelta(days=d)
            rows = (
                Row("cumbria", "foyer", "session", str(30 * (d % 8)), str(1 + d % 6), 3 + (i + d) % 9),
                Row("cumbria", "foyer", "page-shown-tap", "tips", "", 10 + d),
                Row("cumbria", "foyer", "plan-option", "tell-an-adult", "", 5 + i),
                Row("cumbria", "foyer", "feedback", "useful", "yes", 4 + d % 3),
            )
            (folder / f"{day}.json").write_text(to_json(DayCounts(label, day, f"{day}T16", rows)), encoding="utf-8")
    return root


def commands(tmp: Path) -> list[tuple[str, list[str], float | None, int]]:
    """(name, arguments, seconds to let it run on Xvfb before ending it or None to wait, screens)."""
    packs = ROOT / "assets" / "packs"
    (tmp / "pw").write_text("a passphrase\n")
    return [
        ("selftest", ["--selftest"], None, 0),
        ("help", ["--help"], None, 0),
        ("render cumbria", ["render", "--pack", "cumbria", "--size", "1024x768", "--out", str(tmp / "r1")], None, 0),
        (
            "render derbyshire",
            [
                "render",
                "--pack",
                "derbyshire",
                "--size",
                "1080x1920",
                "--out",
                str(tmp / "r2"),
                "--high-contrast",
                "--text-size",
                "150",
                "--lang",
                "cy",
                "--audience",
                "parents",
            ],
            None,
            0,
        ),
        ("check", ["check", str(packs / "cumbria")], None, 0),
        ("new", ["new", str(tmp / "newpack"), "--from", "cumbria"], None, 0),
        ("handout", ["handout", "--pack", "cumbria", "--out", str(tmp / "h.pdf")], None, 0),
        ("stats export", ["stats", "export", "--out", str(tmp / "s.csv")], None, 0),
        (
            "report",
            ["report", str(outbox(tmp / "outbox")), "--out", str(tmp / "r.html"), "--csv", str(tmp / "r.csv")],
            None,
            0,
        ),
        ("keys new", ["keys", "new", "--out", str(tmp), "--passphrase-file", str(tmp / "pw")], None, 0),
        ("bundle build", ["bundle", "build", str(packs / "cumbria"), "--out", str(tmp / "c.kioskpack")], None, 0),
        (
            "bundle sign",
            [
                "bundle",
                "sign",
                str(tmp / "c.kioskpack"),
                "--key",
                str(tmp / "minisign.key"),
                "--passphrase-file",
                str(tmp / "pw"),
            ],
            None,
            0,
        ),
        (
            "bundle verify",
            ["bundle", "verify", str(tmp / "c.kioskpack"), "--trust", str(tmp / "minisign.pub")],
            None,
            0,
        ),
        ("kiosk foyer", ["--windowed", "--size", "1920x1080"], 12.0, 1),
        ("kiosk parents cy", ["--mode", "parents", "--lang", "cy"], 8.0, 1),
        ("kiosk assembly", ["--mode", "assembly", "--screen", "1"], 10.0, 2),
        ("studio", ["studio", str(tmp / "newpack"), "--sizes", "1024x768,1080x1920"], 15.0, 1),
    ]


def run(executable: Path, name: str, args: list[str], seconds: float | None, screens: int, tmp: Path) -> set[str]:
    home = Path(tempfile.mkdtemp(prefix="home-", dir=tmp))
    runtime = Path(tempfile.mkdtemp(prefix="run-", dir=tmp))
    runtime.chmod(0o700)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "KIOSK_HOME": str(home), "XDG_RUNTIME_DIR": str(runtime)}
    log = tmp / f"strace-{name.replace(' ', '-')}.txt"
    xvfb = None
    if screens:
        display = f":{90 + os.getpid() % 100}"
        screen_args = []
        for n in range(screens):
            screen_args += ["-screen", str(n), "1920x1080x24"]
        xvfb = subprocess.Popen(["Xvfb", display, *screen_args, "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        env["DISPLAY"] = display
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    try:
        command = ["strace", "-f", "-qq", "-e", "trace=openat,open,execve", "-o", str(log), str(executable), *args]
        if seconds is None:
            result = subprocess.run(command, cwd=tmp, env=env, capture_output=True, text=True, timeout=600)
            status = f"exit {result.returncode}"
            if result.returncode:
                status += ": " + (result.stderr.strip().splitlines() or [""])[-1]
        else:
            process = subprocess.Popen(command, cwd=tmp, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            time.sleep(seconds)
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            status = f"ran {seconds:.0f} s"
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    opened = {m.group(1) for line in log.read_text(errors="replace").splitlines() if (m := OPENED.search(line))}
    if "ENOENT" in status:
        status += " (see log)"
    print(f"{name}: {status}, {len(opened)} paths opened", flush=True)
    return opened


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "dist" / "campaign-kiosk")
    parser.add_argument("--out", type=Path, help="write the list of never-opened files here too")
    args = parser.parse_args()
    folder = args.folder.resolve()
    executable = folder / "campaign-kiosk"
    if shutil.which("strace") is None or not executable.exists():
        print("needs strace and a one-folder build", file=sys.stderr)
        return 2
    opened: set[Path] = set()
    with tempfile.TemporaryDirectory(prefix="kiosk-trace-") as name:
        tmp = Path(name)
        for label, arguments, seconds, screens in commands(tmp):
            for path in run(executable, label, arguments, seconds, screens, tmp):
                full = Path(path) if path.startswith("/") else tmp / path
                try:
                    opened.add(full.resolve())
                except OSError:
                    continue
    files = sorted(
        (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()), key=lambda p: -p.stat().st_size
    )
    never = [p for p in files if p.resolve() not in opened]
    lines = [f"{p.stat().st_size / 1e6:8.3f} MB  {p.relative_to(folder)}" for p in never]
    total = sum(p.stat().st_size for p in never)
    whole = sum(p.stat().st_size for p in files)
    summary = f"{len(never)} of {len(files)} files never opened, {total / 1e6:.1f} MB of {whole / 1e6:.1f} MB"
    print("\n".join(lines + [summary]))
    if args.out:
        args.out.write_text("\n".join(lines + [summary]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
