"""The first page is laid out at the window's size before the window is shown (start-up round 3, issue 20).

A QQuickWindow sizes its root item only when it is shown: until then the whole kiosk was 0 x 0, the layout pass
before the first frame (kiosk.ui.scene.lay_out_now) had nothing to lay out, and the first page's pictures were
asked for only inside the first frame. Now they are asked for at their final size before the window is mapped.
"""

from __future__ import annotations

from kiosk.core import paths
from kiosk.core.pack import load
from kiosk.ui.scene import start_scene

from ..qml_helpers import find, finish_loading


def test_the_first_page_has_its_size_before_the_window_is_shown(qapp, clock, kiosk_home) -> None:
    pack = load(paths.builtin_packs_dir() / "cumbria")
    s = start_scene(pack, list(pack.pages), clock=clock, size=(1280, 720), reduced_motion=True)
    try:
        assert not s.window.isVisible()
        view = find(s.window, "kioskView")
        assert (view.width(), view.height()) == (1280, 720)
        poster = find(s.window, "posterImage")
        assert poster.width() > 100 and poster.height() > 100, "its picture is asked for at its final size"
    finally:
        finish_loading(s.window)
        s.close()
