"""Shared helpers for the bench scripts: launching the kiosk and its peer, /proc memory and CPU, Xvfb, tables.

Nothing here imports Qt, so the scripts can measure a process from the outside without sharing its libraries.
Peers: `apt-get install -y chromium xvfb` (Debian 12). The frozen build: `python3 build_installer.py --no-packages`.
"""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
FROZEN = ROOT / "dist" / "campaign-kiosk" / "campaign-kiosk"
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024

# The flags that make Chromium behave as a signage player here (see shared/measured.md): no sandbox as root,
# no first-run UI, no background networking, no crash reporter, and a real window size without a window manager.
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-breakpad",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
    "--password-store=basic",
    "--use-mock-keychain",
    "--noerrdialogs",
    "--disable-session-crashed-bubble",
    "--autoplay-policy=no-user-gesture-required",
    "--allow-file-access-from-files",
    "--enable-logging=stderr",
    "--log-level=0",
)


class Clock:
    """The engine's clock, moved by hand: each timed change is made when the bench asks, not after 10-40 s."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def chromium_binary() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise SystemExit("Chromium is not installed: apt-get install -y chromium xvfb")
    return found


def chromium_command(url: str, size: tuple[int, int], profile: Path, headless: bool = False) -> list[str]:
    w, h = size
    command = [chromium_binary(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
    command += [f"--window-size={w},{h}", "--window-position=0,0"]
    command += ["--headless=new"] if headless else ["--kiosk"]
    return [*command, url]


def kiosk_command(frozen: bool, *args: str) -> list[str]:
    if frozen:
        if not FROZEN.exists():
            raise SystemExit(f"no frozen build at {FROZEN}: python3 build_installer.py --no-packages")
        return [str(FROZEN), *args]
    return [sys.executable, "-m", "kiosk", *args]


def kiosk_env(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """A clean kiosk home per run (settings, logs, QML cache), so runs do not see each other's files."""
    env = dict(os.environ, KIOSK_HOME=str(home))
    # This checkout's kiosk, not whichever one an editable install points to.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("QT_QUICK_BACKEND", None)
    if extra:
        env.update(extra)
    return env


# --- Xvfb ------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def xvfb(size: tuple[int, int] = (1920, 1080)) -> Iterator[str]:
    """A private X display of `size`; yields its DISPLAY name. The same display serves kiosk and peer."""
    if not shutil.which("Xvfb"):
        raise SystemExit("Xvfb is not installed: apt-get install -y xvfb")
    for number in range(91, 120):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            break
    else:
        raise SystemExit("no free X display number")
    w, h = size
    proc = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", f"{w}x{h}x24", "-nolisten", "tcp", "-noreset"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit("Xvfb did not start")
            time.sleep(0.02)
        time.sleep(0.1)
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(5)


# --- /proc ------------------------------------------------------------------------------------------------


def children_map() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants (Chromium's zygote, renderer, GPU and utility processes)."""
    tree = children_map()
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(tree.get(p, []))
    return found


@dataclass
class Memory:
    rss_mb: float
    pss_mb: float
    processes: int


def memory(pid: int) -> Memory:
    """RSS and PSS (shared pages divided among their users) summed over the process tree, in MiB."""
    rss = pss = 0
    n = 0
    for p in process_tree(pid):
        try:
            text = Path(f"/proc/{p}/smaps_rollup").read_text()
        except OSError:
            continue
        n += 1
        for line in text.splitlines():
            if line.startswith("Rss:"):
                rss += int(line.split()[1])
            elif line.startswith("Pss:"):
                pss += int(line.split()[1])
    return Memory(rss / 1024, pss / 1024, n)


def self_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pids: Sequence[int]) -> dict[int, float]:
    """User + system CPU seconds of each live process."""
    out = {}
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[p] = (int(fields[11]) + int(fields[12])) / CLK_TCK
    return out


# --- statistics and output ----------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table, so the output can be pasted into bench/README.md as it is."""
    cells = [[str(c) for c in headers]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return str(value)


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def machine() -> str:
    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg()
    mem = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**30
    return (
        f"{platform.node()}: {cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, {platform.platform()}, "
        f"Python {platform.python_version()}; load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )


@contextlib.contextmanager
def scratch(prefix: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix=f"bench-{prefix}-") as d:
        yield Path(d)


def stop(proc: subprocess.Popen[bytes] | subprocess.Popen[str]) -> None:
    """End a process we started, and its children (Chromium's helpers), by their ids."""
    pids = process_tree(proc.pid)
    for p in reversed(pids):
        with contextlib.suppress(ProcessLookupError):
            os.kill(p, 15)
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        for p in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(p, 9)
        proc.wait(5)


def start_to_first_frame(command: str, env: dict[str, str], pack: str = "cumbria") -> tuple[float, float, str]:
    """One start of `command` to its first frame (`--exit-after-first-frame`): wall seconds, CPU seconds of the
    process and its threads (from wait4) and what it printed on stderr. Stderr is read before the wait, so a chatty
    start cannot fill the pipe and stall."""
    began = time.monotonic()
    proc = subprocess.Popen(
        f"exec {command} --pack {pack} --exit-after-first-frame",
        shell=True,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command!r} failed: {err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, err
