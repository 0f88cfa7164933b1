"""The kiosk as a school runs it with a policy naming a source folder: it imports and shows the signed pack, and
it still opens no network socket (TCP or UDP), only local ones."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.core import paths
from kiosk.core.signing import generate_keypair

from ..bundle_standin import signed

NET_TABLES = ("tcp", "tcp6", "udp", "udp6", "raw", "raw6", "udplite", "udplite6")


def socket_inodes(pid: int) -> set[str]:
    """The inodes of every socket the process holds open (all threads share the table)."""
    found: set[str] = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if match := re.fullmatch(r"socket:\[(\d+)\]", target):
            found.add(match.group(1))
    return found


def network_inodes(pid: int) -> dict[str, str]:
    """inode -> table for every TCP/UDP/raw socket in the process's network namespace."""
    found: dict[str, str] = {}
    for table in NET_TABLES:
        path = Path(f"/proc/{pid}/net/{table}")
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            if len(fields) > 9:
                found[fields[9]] = table
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_running_kiosk_imports_from_its_source_and_opens_no_network_socket(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (tmp_path / "keys").mkdir()
    secret, public = generate_keypair(tmp_path / "keys", None)
    signed(tmp_path, share, secret, 3)
    key_line = public.read_text().strip().splitlines()[-1]
    policy = tmp_path / "policy.toml"
    policy.write_text(f'[packs]\nsources = ["{share}"]\ntrusted_keys = ["{key_line}"]\npack = "cumbria"\n')
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_POLICY": str(policy)}
    log_file = paths.log_dir() / "kiosk.log"
    child = subprocess.Popen([sys.executable, "-m", "kiosk", "--windowed"], env=env)
    held: set[str] = set()
    try:
        deadline = time.monotonic() + 90  # seconds on an idle PC; the margin is for a loaded machine
        while "pack cumbria (new pack version" not in (log_file.read_text() if log_file.exists() else ""):
            assert child.poll() is None and time.monotonic() < deadline, "the kiosk did not show the signed pack"
            held |= socket_inodes(child.pid)
            time.sleep(0.2)
        for _ in range(10):  # and a couple of seconds more of running
            held |= socket_inodes(child.pid)
            time.sleep(0.2)
        network = network_inodes(child.pid)
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
    text = log_file.read_text()
    assert "store: imported cumbria version 3" in text
    assert held, "the kiosk holds its local sockets (the signal wake-up pair), so the check sees sockets at all"
    opened = {inode: network[inode] for inode in held if inode in network}
    assert opened == {}, f"network sockets opened by the kiosk: {opened}"
