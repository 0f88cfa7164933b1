"""Pages built off screen (asynchronously) and cut short mid-build, or shown before they are built: no Qt warnings.

Qt holds back the errors of bindings that fail while an object is being built and forgets them if they evaluate
again without failing; when the build ends first, it prints them. A page gets its `content` from PageHost's Loader
once it is built (onLoaded), so its bindings first run on an empty page; when they failed on `undefined`, a new
pack (or a closed scene) mid-build printed "Cannot read property 'intro' of undefined", which on a loaded PC
failed tests at random. Here the builds advance one step at a time through the engine's incubation controller, so
many points of a build are cut short in turn: no clock, no frames, no luck. Any Qt warning fails a test (pytest-qt).
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
    from kiosk.ui.scene import start_scene

    from ..qml_helpers import finish_loading

    pack = load(paths.builtin_packs_dir() / "derbyshire")
    pages = list(pack.pages)
    assert {p.kind for p in pages} >= {"poster", "story", "info", "tips", "law", "plan", "help"}
    s = start_scene(pack, pages, clock=clock, size=(1080, 1920), reduced_motion=True)
    try:
        s.window.show()
        incubation = s.engine.incubationController()
        assert incubation is not None
        cuts = 0
        for steps in range(0, 5000, 41):  # cut short after 0, 41, 82, ... steps, until a build is left to finish
            assert _building(s.window) > 0, "the pages off screen are built in the background"
            for _ in range(steps):
                incubation.incubateFor(0)  # one step of building the pages off screen
            if _building(s.window) == 0:
                break
            s.controller.set_pack(pack, pages, None)  # a new pack from the staff screen: every page rebuilt
            cuts += 1
        assert _building(s.window) == 0, "the pages were built in the end"
        assert cuts > 10
    finally:
        finish_loading(s.window)
        s.close()


def test_a_page_shown_while_still_compiling_gets_its_content(qapp, clock) -> None:
    """Next tapped before the next page's file is even compiled: the page is finished at once, with its content."""
    from kiosk.core.pack import load
    from kiosk.ui.render import settle
    from kiosk.ui.scene import start_scene

    from ..qml_helpers import find, finish_loading

    pack = load(paths.builtin_packs_dir() / "derbyshire")
    pages = list(pack.pages)
    s = start_scene(pack, pages, clock=clock, size=(1080, 1920), reduced_motion=True)
    try:
        s.window.show()
        s.controller.touch()  # awake: Next goes to the next page
        s.controller.next()  # no events processed yet: the files of the pages off screen are still being compiled
        settle(s.window)
        assert s.controller.page == 1 and pages[1].kind == "info", s.controller.page
        assert find(s.window, "infoBody").property("text").startswith(pages[1].data["body"][0][:20])
    finally:
        finish_loading(s.window)
        s.close()
