"""Where a running kiosk's memory goes: PSS, RSS and private memory by mapping, after N s of the attract loop.

    python3 bench/memmap.py [--seconds 60] [--size 1920x1080] [--frozen] [--top 25] [--env NAME=VALUE ...]

Starts the kiosk (`--pack cumbria`, foyer mode) on a private Xvfb, reads /proc/PID/smaps after --seconds and
prints it grouped: each shared library (code and data), the heap, anonymous mappings (glibc arenas, thread
stacks, Qt's big images: anything over 1 MiB malloc gives its own mapping), fonts and other files. PSS divides a
shared page among the processes that map it, so a library's PSS depends on what else runs on the machine; the
"private" column (Private_Clean + Private_Dirty) does not. Also prints the thread count and names.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

HEADER = re.compile(r"^[0-9a-f]+-[0-9a-f]+ ")


def group_of(path: str, size_kb: int) -> str:
    """A mapping's group: a library by its file name, anonymous memory by size (arenas are 64 MiB reservations)."""
    if not path:
        if size_kb >= 60 * 1024:
            return "[anon: 64 MiB reservation (malloc arena)]"
        if size_kb == 8192:
            return "[anon = 8 MiB (thread stacks)]"
        if size_kb % 1024 <= 32:
            # Python's arenas are 1 MiB each, and the kernel merges adjacent ones (and a stray page or two next to
            # them) into one mapping: 5,128 KiB is five arenas. Counted as "images" until 2026-12-02 (mem20), which
            # hid 5-10 MiB of Python objects there. malloc's big blocks and a thread's heap are rarely this close.
            return "[anon ~ n x 1 MiB (Python's object arenas)]"
        if size_kb >= 1024:
            return "[anon >= 1 MiB (mmapped blocks: images, layers)]"
        return "[anon < 1 MiB]"
    if path.startswith("["):
        return path
    name = os.path.basename(path.split(" (deleted)")[0])
    if ".so" in name:
        return re.sub(r"\.so[.0-9]*$", ".so", name)
    if name.endswith((".ttf", ".otf", ".ttc", ".pfb")):
        return "[font files]"
    return name


def read_smaps(pid: int) -> dict[str, dict[str, int]]:
    groups: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    current: dict[str, int] | None = None
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        if HEADER.match(line):
            fields = line.split(None, 5)
            start, end = (int(v, 16) for v in fields[0].split("-"))
            path = fields[5] if len(fields) > 5 else ""
            current = groups[group_of(path, (end - start) // 1024)]
            current["mappings"] += 1
            continue
        key, _, rest = line.partition(":")
        if current is not None and key in ("Rss", "Pss", "Private_Clean", "Private_Dirty", "Swap"):
            current[key] += int(rest.split()[0])
    return groups


def timeline(pid: int, seconds: float, every: float) -> str:
    """PSS and its big parts sampled every `every` s: the loop's pages differ, so one instant says little."""
    rows = []
    start = time.monotonic()
    while (t := time.monotonic() - start) < seconds:
        g = read_smaps(pid)
        big = sum(v["Pss"] for k, v in g.items() if k.startswith("[anon >="))
        rows.append([f"{t:.0f}", sum(v["Pss"] for v in g.values()) // 1024, g["[heap]"]["Pss"] // 1024, big // 1024])
        time.sleep(max(0.0, every - (time.monotonic() - start - t)))
    pss = [r[1] for r in rows]
    table = common.table(["s", "PSS MiB", "heap MiB", "anon >= 1 MiB"], rows)
    return f"{table}\nPSS over the run: min {min(pss)}, median {common.median(pss)}, max {max(pss)} MiB"


def threads(pid: int) -> list[str]:
    names = []
    for tid in sorted(os.listdir(f"/proc/{pid}/task"), key=int):
        try:
            names.append(Path(f"/proc/{pid}/task/{tid}/comm").read_text().strip())
        except OSError:
            pass
    return names


def report(pid: int, top: int) -> str:
    groups = read_smaps(pid)
    rows = []
    total = defaultdict(int)
    for name, g in groups.items():
        private = g["Private_Clean"] + g["Private_Dirty"]
        for k in ("Rss", "Pss"):
            total[k] += g[k]
        total["private"] += private
        rows.append((g["Pss"], name, g["mappings"], g["Rss"], private))
    rows.sort(reverse=True)
    out = [
        common.table(
            ["mapping", "n", "RSS KiB", "PSS KiB", "private KiB"],
            [[name, n, rss, pss, private] for pss, name, n, rss, private in rows[:top]],
        )
    ]
    rest = rows[top:]
    out.append(
        f"others ({len(rest)} groups): PSS {sum(r[0] for r in rest)} KiB; "
        f"total RSS {total['Rss'] / 1024:.1f} MiB, PSS {total['Pss'] / 1024:.1f} MiB, "
        f"private {total['private'] / 1024:.1f} MiB"
    )
    names = threads(pid)
    counts: dict[str, int] = defaultdict(int)
    for n in names:
        counts[n] += 1
    out.append(f"threads: {len(names)}: " + ", ".join(f"{n} x{c}" if c > 1 else n for n, c in counts.items()))
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--frozen", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the kiosk's environment")
    parser.add_argument("--warm", action="store_true", help="run the kiosk 15 s first in the same home (its caches)")
    parser.add_argument("--pid", type=int, help="report on a running process instead")
    parser.add_argument("--timeline", type=float, default=0, help="then sample every 2 s for this many s")
    args = parser.parse_args()
    if args.pid:
        print(report(args.pid, args.top))
        return 0
    w, h = (int(v) for v in args.size.split("x"))
    with common.scratch("memmap") as tmp, common.xvfb((w, h)) as display:
        extra = {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        extra.update(dict(e.split("=", 1) for e in args.env))
        env = common.kiosk_env(tmp / "home", extra)
        command = common.kiosk_command(args.frozen, "--pack", "cumbria")
        if args.warm:
            warm = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(15)
            common.stop(warm)
        proc = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(args.seconds)
            if proc.poll() is not None:
                raise SystemExit(f"the kiosk exited early ({proc.returncode})")
            print(common.machine())
            print(
                f"kiosk {'frozen' if args.frozen else 'source'}, {'warm' if args.warm else 'fresh'} home, "
                f"{w}x{h}, after {args.seconds:.0f} s"
            )
            print(report(proc.pid, args.top))
            if args.timeline:
                print(timeline(proc.pid, args.timeline, 2.0))
        finally:
            common.stop(proc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
