"""200 signed bundles in one source folder: how long the kiosk takes to choose and import the right one.

The folder holds versions 1-200 of one pack, real .kioskpack files signed in minisign's format: version 200 is
signed by a key the kiosk does not trust and 199 is out of date, so the right one is 198 (two refusals on the
way, as a busy share would have). Measured with kiosk.core.sources.Scanner as kiosk.ui.pack_watch runs it:

- first scan: a new kiosk, empty store: list 200 files, read 200 manifests, verify and refuse 200 and 199,
  copy, verify again and unpack 198, switch;
- rescan: the same folder again, nothing new (what every rescan costs: stat and cached manifests);
- rescan after one new file: 201 dropped in, signed by the trusted key.

Prints a Markdown table; asserts nothing. `python3 bench/bundles.py [--runs 5] [--count 200]`
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.core.bundle import build_bundle  # noqa: E402
from kiosk.core.signing import PublicKey, generate_keypair, sign_file  # noqa: E402
from kiosk.core.sources import Scanner  # noqa: E402
from kiosk.core.store import Store  # noqa: E402

MINIMAL = ROOT / "tests" / "fixtures" / "packs" / "minimal"
TODAY = dt.date(2026, 12, 2)


def make_pack(root: Path, version: int, valid_until: dt.date | None) -> Path:
    import shutil

    folder = root / f"v{version}"
    shutil.copytree(MINIMAL, folder)
    text = (folder / "pack.toml").read_text("utf-8")
    extra = f'version = {version}\npublisher = "Bench Constabulary"\n'
    if valid_until:
        extra += f"valid_until = {valid_until.isoformat()}\n"
    (folder / "pack.toml").write_text(text.replace('id = "minimal"\n', 'id = "bench"\n' + extra, 1), "utf-8")
    return folder


def publish(work: Path, share: Path, secret: Path, version: int, valid_until: dt.date | None = None) -> None:
    out = share / f"bench-{version}.kioskpack"
    build_bundle(make_pack(work / "src", version, valid_until), out)
    sign_file(out, secret, None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # the two refusals are expected: not printed five times
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        share = work / "share"
        share.mkdir()
        for name in ("trusted", "other"):
            (work / name).mkdir()
        secret, public = generate_keypair(work / "trusted", None)
        other, _ = generate_keypair(work / "other", None)
        keys = [PublicKey.parse(public.read_text())]
        started = time.perf_counter()
        for version in range(1, args.count - 1):
            publish(work, share, secret, version)
        publish(work, share, secret, args.count - 1, valid_until=TODAY - dt.timedelta(days=1))
        publish(work, share, other, args.count)
        made = time.perf_counter() - started
        size = sum(p.stat().st_size for p in share.glob("*.kioskpack"))
        first, again, newer = [], [], []
        for run in range(args.runs):
            store = Store(work / f"store-{run}" / "packs")
            scanner = Scanner(store, keys, [share], usb=False, today=lambda: TODAY, wall=lambda: time.time() + 3600)
            t0 = time.perf_counter()
            result = scanner.scan()
            first.append(time.perf_counter() - t0)
            assert [v.version for v in result.imported] == [args.count - 2], result
            assert len(result.refused) == 2, result.refused
            t0 = time.perf_counter()
            assert scanner.scan().imported == []
            again.append(time.perf_counter() - t0)
            publish(work, share, secret, args.count + 1 + run)
            t0 = time.perf_counter()
            assert [v.version for v in scanner.scan().imported] == [args.count + 1 + run]
            newer.append(time.perf_counter() - t0)
            (share / f"bench-{args.count + 1 + run}.kioskpack").unlink()
            (share / f"bench-{args.count + 1 + run}.kioskpack.minisig").unlink()

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:.0f} ms (max {max(values) * 1000:.0f})"

    print(f"{args.count} bundles, {size / 1024:.0f} KiB in all, built and signed in {made:.1f} s; {args.runs} runs\n")
    print("| scan | median (max) | target |")
    print("|---|---|---|")
    print(f"| first scan: choose, refuse 2, import the right one | {ms(first)} | < 1 s |")
    print(f"| rescan, nothing new | {ms(again)} | |")
    print(f"| rescan after one newer bundle: import it | {ms(newer)} | |")


if __name__ == "__main__":
    main()
