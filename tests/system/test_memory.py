"""Memory a kiosk gives back: what it frees must not stay resident for the weeks it runs (bench/memory.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

# In a fresh interpreter, so glibc's malloc starts from its defaults: an 8 MiB block (a 1080p page image) is
# freed once (which is what raises glibc's dynamic threshold), then one is made again, pinned below a small
# block, and freed. Prints how much of it stayed resident.
PROGRAM = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    if {fix}:
        from kiosk.ui.app import return_big_blocks_to_the_system
        assert return_big_blocks_to_the_system()

    def rss_kib():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])

    first = bytearray(8 << 20)
    del first
    before = rss_kib()
    image = bytearray(8 << 20)
    pin = bytearray(64 << 10)
    del image
    print(rss_kib() - before)
    """
)


def _kept_kib(fix: bool) -> int:
    from ..conftest import ROOT

    code = PROGRAM.format(root=str(ROOT), fix=fix)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    return int(out.stdout.strip())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_a_freed_page_image_is_given_back_to_the_system() -> None:
    assert _kept_kib(fix=False) > 6 * 1024, "the measure sees glibc keep the freed block by default"
    assert _kept_kib(fix=True) < 1024


# Many blocks too small for mmap (a page's worth of Qt and Python objects), freed below one that stays: glibc
# keeps their pages until malloc_trim. Prints how much stayed resident before and after give_back_free_memory.
HOLES = textwrap.dedent(
    """
    import ctypes, sys
    sys.path.insert(0, {root!r})
    from kiosk.ui.app import give_back_free_memory

    def rss_kib():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])

    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    before = rss_kib()
    blocks = [libc.malloc(4000) for _ in range(4000)]  # 16 MB of the heap
    for b in blocks:
        ctypes.memset(b, 1, 4000)
    pin = libc.malloc(4000)
    for b in blocks:
        libc.free(b)
    kept = rss_kib() - before
    give_back_free_memory()
    print(kept, rss_kib() - before)
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_freed_small_blocks_are_given_back_when_asked() -> None:
    from ..conftest import ROOT

    code = HOLES.format(root=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    kept, after = (int(v) for v in out.stdout.split())
    assert kept > 12 * 1024, "the measure sees glibc keep the freed pages below a live block"
    assert after < 2 * 1024
