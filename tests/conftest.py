"""Test set-up: Qt offscreen with the software renderer, per-test user folders, fresh compiled resources."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

# Before any Qt import: no display on CI, and the software renderer foyer PCs without a GPU use.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_QUICK_BACKEND"] = "software"
os.environ.setdefault("LC_CTYPE", "C.UTF-8")
os.environ["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"
# The machine's own policy (/etc/campaign-kiosk/policy.toml) never reaches a test; a test that wants one names it.
os.environ["KIOSK_POLICY"] = "/nonexistent/campaign-kiosk-tests/policy.toml"

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

# Property-based tests: CI runs a fixed seed and a bounded budget so every run checks the same cases; a longer,
# random hunt on demand with `pytest --hypothesis-profile=long`.
settings.register_profile(
    "ci", derandomize=True, max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("long", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")

if TYPE_CHECKING:
    from kiosk.ui.scene import Scene

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "packs" / "minimal"
# The campaigns' own texts (not part of the project: they stay with the police forces' documents) that the
# built-in packs must quote word for word; given with --campaign-sources DIR or this variable, else those tests skip.
CAMPAIGN_SOURCES_ENV = "KIOSK_CAMPAIGN_SOURCES"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--campaign-sources",
        metavar="DIR",
        help=f"folder of the campaigns' source texts (*.txt) for the provenance tests (or ${CAMPAIGN_SOURCES_ENV})",
    )


def _resources_stale() -> bool:
    """True when a file listed in resources.qrc is newer than the compiled module (a developer edited QML)."""
    import re

    module = ROOT / "kiosk" / "ui" / "resources_rc.py"
    if not module.exists():
        return True
    qrc = ROOT / "resources.qrc"
    listed = [ROOT / f for f in re.findall(r">([^<]+)</file>", qrc.read_text())]
    if any(not f.exists() for f in listed):
        return True  # e.g. a .qm that lrelease has not written yet
    listed += list((ROOT / "translations").glob("*.ts"))  # the sources of the listed .qm files
    newest = max([qrc.stat().st_mtime] + [f.stat().st_mtime for f in listed])
    return newest > module.stat().st_mtime


def _compile_resources_if_stale() -> None:
    """Two test runs at once (CI beside a developer, or two in parallel to prove the suite under load) must not
    both write the module, nor one read it half written: the check and the compile hold a lock on resources.qrc."""
    try:
        import fcntl
    except ImportError:  # Windows: one run at a time
        fcntl = None  # type: ignore[assignment]
    with open(ROOT / "resources.qrc", "rb") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        if _resources_stale():
            sys.path.insert(0, str(ROOT))
            from setup import compile_resources

            compile_resources(ROOT / "kiosk" / "ui" / "resources_rc.py")


_compile_resources_if_stale()


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    """The kiosk is a QGuiApplication (no widgets); pytest-qt's qapp makes one of these."""
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication


@pytest.fixture(autouse=True)
def collected_on_the_main_thread() -> Iterator[None]:
    """Cycles are collected on the main thread after each test, never during one by a collection another thread's
    allocations set off (the art cache's drawing thread): a previous test's controller freed there took its armed
    timers' Qt objects with it on the wrong thread, and a timer fired later into freed memory, a segmentation fault
    in QTimerInfoList::activateTimers (docs/testing.md). The kiosk itself collects at its still moments
    (kiosk.core.startgc.collect_due). Set up first, so it is torn down after every other fixture (the scenes)."""
    import gc

    was = gc.isenabled()
    gc.disable()
    yield
    gc.collect()
    if was:
        gc.enable()


@pytest.fixture(autouse=True)
def kiosk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Config, logs, data and caches of each test in its own folder, never the developer's own."""
    home = tmp_path / "kiosk-home"
    monkeypatch.setenv("KIOSK_HOME", str(home))
    return home


class FakeClock:
    """A clock the test moves by hand: a week of kiosk time runs in milliseconds."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def campaign_sources(request: pytest.FixtureRequest, record_property: Callable[[str, object], None]) -> str:
    """The campaign source texts, joined: skips the test when none were given (a fresh clone has none); a folder
    that was given but holds no texts fails it, so CI never passes by skipping."""
    given = request.config.getoption("--campaign-sources") or os.environ.get(CAMPAIGN_SOURCES_ENV)
    if not given:
        pytest.skip(f"no campaign sources given: pass --campaign-sources DIR or set {CAMPAIGN_SOURCES_ENV}")
    texts = sorted(Path(given).glob("*.txt"))
    assert texts, f"no campaign source texts (*.txt) in {given}"
    record_property("campaign_sources", given)  # .ci/run counts the tests that ran on them
    return " ".join(t.read_text(encoding="utf-8") for t in texts)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_kiosk(qapp, clock) -> Iterator[Callable[..., Scene]]:
    """A shown kiosk on the fake clock, reduced motion unless asked otherwise; closed after the test."""
    from kiosk.core.pack import load
    from kiosk.ui.render import settle
    from kiosk.ui.scene import start_scene

    sessions: list[Scene] = []

    def make(pack: Path = MINIMAL, size: tuple[int, int] = (1920, 1080), **kw) -> Scene:
        loaded = load(pack)
        kw.setdefault("reduced_motion", True)
        kw.setdefault("idle_timeout", loaded.idle_timeout)
        s = start_scene(loaded, list(loaded.pages), clock=clock, size=size, **kw)
        s.window.show()
        settle(s.window)
        sessions.append(s)
        return s

    yield make
    from .qml_helpers import finish_loading

    for s in sessions:
        finish_loading(s.window)
        s.close()
