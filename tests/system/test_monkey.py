"""A child pressing everything: 10,000 random taps, swipes, keys and idle gaps on a fake clock.

No exception may escape, every kind of state must be reachable, and an idle gap always ends in the loop
with the plan cleared.
"""

from __future__ import annotations

import random

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.core.pack import load
from kiosk.core.vocab import Phase
from kiosk.ui.render import settle
from kiosk.ui.scene import start_scene

from ..conftest import MINIMAL

KEYS = [
    Qt.Key.Key_Right,
    Qt.Key.Key_Left,
    Qt.Key.Key_Home,
    Qt.Key.Key_F1,
    Qt.Key.Key_Escape,
    Qt.Key.Key_A,
    Qt.Key.Key_Space,
    Qt.Key.Key_Return,
    Qt.Key.Key_Tab,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Backspace,
]


def test_ten_thousand_random_inputs(qapp, clock, caplog) -> None:
    pack = load(MINIMAL)
    s = start_scene(pack, list(pack.pages), clock=clock, reduced_motion=True, size=(1024, 768))
    s.window.show()
    settle(s.window)
    c = s.controller
    engine = c.engine
    rng = random.Random(20261124)
    reached: set[tuple[str, str, bool, bool, int]] = set()
    w, h = s.window.width(), s.window.height()
    try:
        for step in range(10_000):
            roll = rng.random()
            if roll < 0.45:
                QTest.mouseClick(
                    s.window,
                    Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier,
                    QPoint(rng.randrange(w), rng.randrange(h)),
                )
            elif roll < 0.6:
                y = rng.randrange(h)
                x0, x1 = (rng.randrange(w), rng.randrange(w))
                QTest.mousePress(s.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x0, y))
                QTest.mouseMove(s.window, QPoint((x0 + x1) // 2, y))
                QTest.mouseMove(s.window, QPoint(x1, y))
                QTest.mouseRelease(s.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x1, y))
            elif roll < 0.85:
                QTest.keyClick(s.window, rng.choice(KEYS))
            elif roll < 0.97:
                clock.advance(rng.uniform(0.5, 20))
                c.run_due()
            else:  # walk away
                clock.advance(pack.idle_timeout + 0.01)
                engine.update()
                # idle always returns to the loop, and nothing of the visitor's session is left
                st = engine.state
                assert (st.phase, st.plan, st.detail, st.warning) == (Phase.ATTRACT, (), -1, False)
            st = engine.state
            assert 0 <= st.page < len(engine.pages)
            page = engine.pages[st.page]
            reached.add((page.kind, st.phase, st.detail >= 0, st.warning, min(len(st.plan), 1)))
            if step % 100 == 0:
                settle(s.window)
    finally:
        s.close()
    kinds = {r[0] for r in reached}
    assert kinds == {p.kind for p in pack.pages}, "every page was reached"
    assert any(r[2] for r in reached), "a tip detail was opened"
    assert any(r[3] for r in reached), "the idle warning showed"
    assert any(r[4] for r in reached), "a plan was made"
    assert {"attract", "interactive"} <= {r[1] for r in reached}
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")], "no handler failed"
