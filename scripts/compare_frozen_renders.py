"""Render every page with the frozen build and with the source install, and compare them pixel by pixel.

    python scripts/compare_frozen_renders.py [--frozen dist/campaign-kiosk/campaign-kiosk] [--out DIR]
        [--pack cumbria derbyshire] [--size 1024x768 1080x1920]

Proves that what the build leaves out (docs/installer.md) changes nothing a visitor sees: `kiosk render` writes
every page, story panel, tip detail and plan step of a pack as PNG; both installs render the same packs at the
same sizes in the same environment, and every picture must be identical (same size, same pixels). Prints one
line per difference and a summary; exit 0 when all match. tests/system/test_installer.py runs it on a build.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FROZEN = ROOT / "dist" / "campaign-kiosk" / "campaign-kiosk"
PACKS = ("cumbria", "derbyshire")
SIZES = ("1024x768", "1080x1920")


def render(command: Sequence[str], pack: str, size: str, out: Path, home: Path) -> None:
    """`kiosk render` of one pack at one size into `out`, from a clean home, with no window."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "KIOSK_HOME": str(home / "kiosk-home"),
        "XDG_RUNTIME_DIR": str(home / "run"),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }
    (home / "run").mkdir(parents=True, exist_ok=True, mode=0o700)
    result = subprocess.run(
        [*command, "render", "--pack", pack, "--size", size, "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=home,
        timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} render {pack} {size} failed: {result.stderr.strip()}")


def differences(a: Path, b: Path) -> tuple[int, list[str]]:
    """(pictures compared, problems): PNGs missing from either folder, or differing in size or any pixel."""
    from PySide6.QtGui import QImage

    problems = []
    names_a = {p.relative_to(a) for p in a.rglob("*.png")}
    names_b = {p.relative_to(b) for p in b.rglob("*.png")}
    problems += [f"only in {a}: {name}" for name in sorted(names_a - names_b)]
    problems += [f"only in {b}: {name}" for name in sorted(names_b - names_a)]
    for name in sorted(names_a & names_b):
        x = QImage(str(a / name)).convertToFormat(QImage.Format.Format_ARGB32)
        y = QImage(str(b / name)).convertToFormat(QImage.Format.Format_ARGB32)
        if x.isNull() or x.size() != y.size() or x != y:
            problems.append(f"differs: {name}")
    return len(names_a & names_b), problems


def compare(
    frozen: Path, out: Path, packs: Sequence[str] = PACKS, sizes: Sequence[str] = SIZES
) -> tuple[int, list[str]]:
    """Render with both installs into out/frozen and out/source, and compare; (pictures compared, problems)."""
    installs = {"frozen": [str(frozen)], "source": [sys.executable, "-P", "-m", "kiosk"]}  # -P: not the cwd's
    for label, command in installs.items():
        for pack in packs:
            for size in sizes:
                render(command, pack, size, out / label / f"{pack}-{size}", out / "home" / label)
    return differences(out / "frozen", out / "source")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frozen", type=Path, default=FROZEN, help="the frozen executable")
    parser.add_argument("--out", type=Path, default=None, help="keep the pictures here (default: a temporary folder)")
    parser.add_argument("--pack", nargs="+", default=list(PACKS))
    parser.add_argument("--size", nargs="+", default=list(SIZES))
    args = parser.parse_args(argv)
    if not args.frozen.exists():
        raise SystemExit(f"no frozen build at {args.frozen}: python build_installer.py --no-packages")
    with tempfile.TemporaryDirectory(prefix="kiosk-compare-") as tmp:
        out = args.out or Path(tmp)
        count, problems = compare(args.frozen, out, args.pack, args.size)
    for problem in problems:
        print(problem)
    print(f"{count} pictures compared ({', '.join(args.pack)} at {', '.join(args.size)}): {len(problems)} problems")
    return 1 if problems or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
