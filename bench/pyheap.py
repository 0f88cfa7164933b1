"""The Python side of a running kiosk's memory, after N s of the attract loop (source install only).

    python3 bench/pyheap.py [--seconds 60] [--size 1920x1080] [--tracemalloc]

Starts `python -m kiosk --pack cumbria` on a private Xvfb through a wrapper whose timer thread, after --seconds,
writes what bench/memmap.py cannot see from outside: Python's object arenas (sys._debugmallocstats), glibc's heap
(mallinfo2: in use, free), the objects the collector tracks by type, the lines linecache holds (shiboken's import
hook reads every module's source into it: kiosk.ui.app.forget_source_lines), and the modules loaded. With
--tracemalloc (slower, more memory) also the Python memory by the file that allocated it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

WRAPPER = r"""
import collections, ctypes, gc, linecache, os, runpy, sys, threading

def report():
    out = open(os.environ["PYHEAP_OUT"], "w")
    r, w = os.pipe()
    saved = os.dup(2); os.dup2(w, 2); sys._debugmallocstats(); os.dup2(saved, 2); os.close(w)
    stats = os.read(r, 1 << 20).decode(); os.close(r)
    for line in stats.splitlines():
        if "arenas allocated current" in line or "bytes in allocated blocks" in line:
            out.write("obmalloc: " + " ".join(line.split()) + "\n")

    class MallInfo2(ctypes.Structure):
        _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                                    "fsmblks", "uordblks", "fordblks", "keepcost")]
    try:
        libc = ctypes.CDLL(None)
        libc.mallinfo2.restype = MallInfo2
        mi = libc.mallinfo2()
        out.write(f"malloc: in use {mi.uordblks / 2**20:.1f} MiB, free {mi.fordblks / 2**20:.1f} MiB, "
                  f"mmapped {mi.hblkhd / 2**20:.1f} MiB in {mi.hblks} blocks\n")
    except (OSError, AttributeError):
        pass
    lines = sum(len(v[2]) for v in linecache.cache.values() if len(v) > 2)
    out.write(f"linecache: {len(linecache.cache)} files, {lines} lines\n")
    objects = gc.get_objects()
    out.write(f"gc-tracked objects: {len(objects)}; modules: {len(sys.modules)}\n")
    for name, n in collections.Counter(type(o).__name__ for o in objects).most_common(15):
        out.write(f"  {n:7d} {name}\n")
    import tracemalloc
    if tracemalloc.is_tracing():
        stats = tracemalloc.take_snapshot().statistics("filename")
        out.write(f"tracemalloc: {sum(s.size for s in stats) / 2**20:.1f} MiB\n")
        for s in stats[:25]:
            out.write(f"  {s.size / 1024:8.0f} KiB {s.traceback[0].filename}\n")
    out.write("modules: " + " ".join(sorted(sys.modules)) + "\n")
    out.close()

threading.Timer(float(os.environ["PYHEAP_SECONDS"]), report).start()
sys.argv = ["kiosk", "--pack", "cumbria"]
runpy.run_module("kiosk", run_name="__main__", alter_sys=True)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--tracemalloc", action="store_true")
    args = parser.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    with common.scratch("pyheap") as tmp, common.xvfb((w, h)) as display:
        out = tmp / "report.txt"
        runtime = tmp / "run"
        runtime.mkdir(mode=0o700)
        env = common.kiosk_env(
            tmp / "home",
            {
                "DISPLAY": display,
                "QT_QPA_PLATFORM": "xcb",
                "XDG_RUNTIME_DIR": str(runtime),
                "PYHEAP_OUT": str(out),
                "PYHEAP_SECONDS": str(args.seconds),
            },
        )
        python = [sys.executable, *(["-X", "tracemalloc=1"] if args.tracemalloc else []), "-c", WRAPPER]
        proc = subprocess.Popen(python, env=env, cwd=common.ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + args.seconds + 60
            while not out.exists() or not out.read_text().endswith("\n"):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("the kiosk ended before its report")
                time.sleep(0.5)
            time.sleep(0.5)
            memory = common.memory(proc.pid)
            print(common.machine())
            print(
                f"kiosk from source, {w}x{h}, after {args.seconds:.0f} s: "
                f"PSS {memory.pss_mb} MiB, RSS {memory.rss_mb} MiB"
            )
            print(out.read_text(), end="")
        finally:
            common.stop(proc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
