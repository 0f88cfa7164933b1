"""Pages built off screen (asynchronously) while the build is cut short: no page may read its content before it has it.

Qt holds back the errors of bindings that fail while an object is being built and forgets them if they evaluate
again without failing; when the build ends first, it prints them. Pages that got their `content` only after they
were built printed "Cannot read property 'intro' of undefined" whenever a new pack replaced the pages (or the
session closed) mid-build, which on a loaded PC failed tests at random. Here the builds advance one step at a
time through the engine's incubation controller, so every point of a build is cut short in turn: no clock, no
frames, no luck. Any Qt warning fails the test (pytest-qt).
"""

from __future__ import annotations

from PySide6.QtQuick import QQuickWindow

from kiosk.core import paths


def _building(window: QQuickWindow) -> int:
    """How many pages are still being built."""
    from kiosk.ui.render import walk

    return sum(
        1
        for i in walk(window.contentItem())
        if i.inherits("QQuickLoader") and not i.property("source").isEmpty() and not i.property("item")
    )


def test_a_new_pack_mid_build_reads_no_missing_content(qapp, clock) -> None:
    from kiosk.core.pack import load
    from kiosk.ui.session import start_session

    from ..qml_helpers import finish_loading

    pack = load(paths.builtin_packs_dir() / "derbyshire")
    pages = list(pack.pages)
    assert {p.kind for p in pages} >= {"poster", "story", "info", "tips", "law", "plan", "help"}
    s = start_session(pack, pages, clock=clock, size=(1080, 1920), reduced_motion=True)
    try:
        s.window.show()
        incubation = s.engine.incubationController()
        assert incubation is not None
        cut = 0
        for steps in range(0, 400, 3):
            assert _building(s.window) > 0, "the pages off screen are built in the background"
            for _ in range(steps):
                incubation.incubateFor(0)  # one step of the page being built
            s.controller.set_pack(pack, pages, None)  # a new pack from the staff screen: every page rebuilt
            cut += 1
            if _building(s.window) == 0:
                break
        assert cut > 10
    finally:
        finish_loading(s.window)
        s.close()
