"""Everyone can use it: screen readers, keyboards and switches, low vision, reduced motion, other languages.

Each test looks at what a user meets: the accessibility tree a screen reader walks, the rendered pixels, the
focus ring a keyboard user follows, the frames drawn during a page change, the words on the buttons.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface, QImage
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.core import paths
from kiosk.ui import i18n
from kiosk.ui.render import settle, states, walk
from kiosk.ui.scene import Scene

from ..conftest import MINIMAL, ROOT
from ..qml_helpers import find, layout_problems, scene_rect
from .test_gui import key

BUILTIN = [paths.builtin_packs_dir() / n for n in paths.builtin_pack_names()]
INTERACTIVE = (QAccessible.Role.Button, QAccessible.Role.CheckBox, QAccessible.Role.Link)
STAFF_ONLY = ("adminCorner",)  # held for three seconds by staff; the keyboard route is Ctrl+Alt+Shift+K


@pytest.fixture(autouse=True)
def english_afterwards(qapp) -> Iterator[None]:
    """A test that switches language must not leave the next test in Welsh or mirrored."""
    yield
    i18n.set_language(qapp, None, "en")


def _kiosk(make_kiosk, pack: Path = MINIMAL, size: tuple[int, int] = (1920, 1080), **kw) -> Scene:
    s = make_kiosk(pack, size, auto_advance=False, idle_timeout=None, **kw)
    s.controller.touch()
    settle(s.window)
    return s


# --- the accessibility tree -------------------------------------------------------------------------------------


def _tree(iface: QAccessibleInterface) -> Iterator[QAccessibleInterface]:
    yield iface
    for n in range(iface.childCount()):
        child = iface.child(n)
        if child is not None and child.isValid() and not child.state().invisible:
            yield from _tree(child)


def _label(iface: QAccessibleInterface) -> str:
    obj = iface.object()
    return f"{iface.role().name} {obj.objectName() if obj else ''!r}"


@pytest.mark.parametrize("pack", [MINIMAL, *BUILTIN], ids=lambda p: p.name)
def test_screen_reader_finds_a_name_for_every_control_and_page(make_kiosk, pack: Path) -> None:
    s = _kiosk(make_kiosk, pack)
    problems: dict[str, list[str]] = {}
    controls = pages = 0
    for state in states(s, list(s.controller.engine.pages)):
        settle(s.window)
        root = QAccessible.queryAccessibleInterface(s.window)
        assert root is not None
        found = []
        for iface in _tree(root):
            role = iface.role()
            name = iface.text(QAccessible.Text.Name).strip()
            if role in INTERACTIVE:
                controls += 1
                if not name:
                    found.append(f"{_label(iface)} has no name")
                if not iface.actionInterface() or not iface.actionInterface().actionNames():
                    found.append(f"{_label(iface)} cannot be pressed by assistive technology")
            obj = iface.object()
            if role == QAccessible.Role.Pane and obj is not None and obj.objectName().startswith("page-"):
                pages += 1
                if not name or not iface.text(QAccessible.Text.Description).strip():
                    found.append(f"page {obj.objectName()} has no name or description")
        if found:
            problems[state] = found
    assert problems == {}
    assert controls > 50 and pages >= len(s.controller.engine.pages)


def test_story_panels_carry_their_caption_and_speech_as_text(make_kiosk) -> None:
    s = _kiosk(make_kiosk)
    story = next(n for n, p in enumerate(s.controller.engine.pages) if p.kind == "story")
    page = s.controller.engine.pages[story]
    s.controller.goTo(story)
    settle(s.window)
    root = QAccessible.queryAccessibleInterface(s.window)
    panels = [i for i in _tree(root) if i.role() == QAccessible.Role.Graphic and i.object().objectName() == "panel-0"]
    assert len(panels) == 1
    said = panels[0].text(QAccessible.Text.Description)
    first = page.data["panels"][0]
    assert first["caption"] in said
    for bubble in first["bubbles"]:
        assert bubble["text"] in said and bubble["speaker"] in said
    host = QAccessible.queryAccessibleInterface(find(s.window, f"page-{page.id}"))
    assert first["caption"] in host.text(QAccessible.Text.Description)


# --- contrast from the rendered pixels --------------------------------------------------------------------------


def _luminance(rgb: int) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: int, b: int) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _effectively_shown(item: QQuickItem) -> bool:
    node: QQuickItem | None = item
    while node is not None:
        if not node.isVisible() or node.opacity() < 0.99 or not node.isEnabled():
            return False  # faded or disabled controls are exempt (WCAG 1.4.3); hidden ones are not seen
        node = node.parentItem()
    return True


def text_contrast(image: QImage, item: QQuickItem) -> float | None:
    """The contrast of a Text item's ink against its background, measured in the grabbed frame.

    Background: the commonest colour in the text's box. Ink: the colour furthest from it that covers at least a
    few pixels (anti-aliased edges sit between the two and are ignored by taking the extreme).
    """
    box = scene_rect(item).intersected(QRectF(0, 0, image.width(), image.height())).toRect()
    if box.width() < 3 or box.height() < 3:
        return None
    xs, ys = range(box.left(), box.right() + 1), range(box.top(), box.bottom() + 1)
    pixels = Counter(image.pixel(x, y) & 0xFFFFFF for y in ys for x in xs)
    background, _ = pixels.most_common(1)[0]
    minimum = max(3, sum(pixels.values()) // 2000)
    inks = [c for c, n in pixels.items() if n >= minimum and c != background]
    if not inks:
        return None
    return max(contrast(background, c) for c in inks)


def contrast_problems(s: Scene, state: str, words: float = 4.5) -> list[tuple[float, str]]:
    image = s.window.grabWindow()
    out = []
    for item in walk(s.window.contentItem()):
        if not item.inherits("QQuickText") or not (item.property("text") or "").strip():
            continue
        if not _effectively_shown(item):
            continue
        ratio = text_contrast(image, item)
        icon = item.property("font").family().startswith("Font Awesome")
        needed = 3.0 if icon else words  # icons are graphics (WCAG 1.4.11); words 4.5:1 (1.4.3) or 7:1 (1.4.6)
        if ratio is not None and ratio < needed:
            out.append((round(ratio, 2), f"{state}: {(item.property('text') or '')[:40]!r}"))
    return out


@pytest.mark.parametrize("high_contrast", [False, True], ids=["standard", "high-contrast"])
@pytest.mark.parametrize("pack", [MINIMAL, *BUILTIN], ids=lambda p: p.name)
def test_every_text_has_enough_contrast_in_the_pixels(make_kiosk, pack: Path, high_contrast: bool) -> None:
    s = _kiosk(make_kiosk, pack, (1024, 768))
    s.controller.set_appearance(high_contrast=high_contrast)
    problems: list[tuple[float, str]] = []
    measured = 0
    for state in states(s, list(s.controller.engine.pages)):
        settle(s.window)
        # every word of the built-in packs meets the AAA level (7:1), in both themes; 4.5:1 is the legal floor
        problems += contrast_problems(s, state, 7.0)
        measured += 1
    s.controller.touch()
    assert measured > 5
    assert sorted(problems)[:15] == [], "worst offenders first"


def test_contrast_measure_sees_a_pale_text(make_kiosk) -> None:
    """The measure itself: a pale blue title on the accent band is well under 3:1 and must be reported."""
    s = _kiosk(make_kiosk)
    s.controller.goTo(2)
    settle(s.window)
    title = find(s.window, "pageTitle")
    title.setProperty("color", "#7f9ab9")  # pale on the accent band
    settle(s.window)
    ratio = text_contrast(s.window.grabWindow(), title)
    assert ratio is not None and ratio < 3
    assert contrast(0xFFFFFF, 0x000000) == pytest.approx(21.0)
    assert contrast(0xFFFFFF, 0x767676) == pytest.approx(4.54, abs=0.01)


# --- larger text and the pseudo-locales: reflow without clipping --------------------------------------------------


@pytest.fixture(scope="module")
def pseudo_dir(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "scripts"))
    from pseudo_locale import build

    out = tmp_path_factory.mktemp("pseudo")
    build(out)
    return out


def _layout(s: Scene) -> dict[str, list[str]]:
    problems = {name: layout_problems(s.window) for name in states(s, list(s.controller.engine.pages))}
    return {k: v for k, v in problems.items() if v}


LAYOUT_SIZES = [(1024, 768), (1080, 1920)]


@pytest.mark.parametrize("size", LAYOUT_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", [1.25, 1.5, 2.0])
def test_larger_text_reflows_without_clipping(make_kiosk, scale: float, size: tuple[int, int]) -> None:
    problems = {}
    sizes: dict[float, list[float]] = {1.0: [], scale: []}
    for pack in [MINIMAL, *BUILTIN]:
        s = _kiosk(make_kiosk, pack, size)
        sizes[1.0] += _text_sizes(s)
        s.controller.set_appearance(text_scale=scale)
        settle(s.window)
        assert find(s.window, "homeButton").property("fontSize") == pytest.approx(min(size) / 30 * scale)
        problems.update({f"{pack.name}/{k}": v for k, v in _layout(s).items()})
        sizes[scale] += _text_sizes(s)
    assert problems == {}
    # and the text really is larger: on average most of the way to the chosen size (a box that cannot hold
    # the larger size gives some back rather than cut words off; at 200 % on a 1024x768 projector, where ten tips
    # or four law cards share 40 lines, more than half the way)
    grown = statistics.mean(sizes[scale]) / statistics.mean(sizes[1.0])
    print(f"{size}: text at {scale:.0%} drawn {grown:.2f}x the 100% size on average")
    assert grown >= 1 + (scale - 1) * (0.6 if scale <= 1.5 else 0.55), f"text grew by {grown:.2f} only"


def _text_sizes(s: Scene) -> list[float]:
    """The pixel size each visible word is drawn at (after FitText's fitting), over every state of the loop."""
    out = []
    for _ in states(s, list(s.controller.engine.pages)):
        settle(s.window)
        s.window.grabWindow()
        for item in walk(s.window.contentItem()):
            if item.inherits("QQuickText") and (item.property("text") or "").strip() and _effectively_shown(item):
                if not item.property("font").family().startswith("Font Awesome"):
                    out.append(item.property("fontInfo").property("pixelSize").toNumber())
    return out


@pytest.mark.parametrize("size", LAYOUT_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("code", ["en-XA", "ar-XB", "cy"])
def test_long_and_right_to_left_languages_fit(make_kiosk, pseudo_dir: Path, code: str, size) -> None:
    problems = {}
    for pack in [MINIMAL, *BUILTIN]:
        s = _kiosk(make_kiosk, pack, size)
        assert i18n.set_language(s.app, s.engine, code, (pseudo_dir,))
        settle(s.window)
        problems.update({f"{pack.name}/{k}": v for k, v in _layout(s).items()})
    assert problems == {}


def test_interface_switches_language_live(make_kiosk, clock) -> None:
    s = make_kiosk(MINIMAL, (1920, 1080))
    s.controller.touch()
    settle(s.window)
    home = find(s.window, "homeButton")
    assert home.property("label") == "Home"
    assert s.set_language("cy")
    settle(s.window)
    assert home.property("label") == "Hafan" and find(s.window, "helpButton").property("label") == "Cael help"
    assert QAccessible.queryAccessibleInterface(home).text(QAccessible.Text.Name) == "Hafan"
    assert i18n.current_language() == "cy"
    assert not s.set_language("xx"), "an unknown language is refused and nothing changes"
    assert home.property("label") == "Hafan"
    assert s.set_language("en")
    settle(s.window)
    assert home.property("label") == "Home"
    assert set(i18n.available_languages()) >= {"en", "cy"}


def test_idle_countdown_uses_plural_forms(make_kiosk, clock) -> None:
    s = make_kiosk(MINIMAL, (1920, 1080))
    s.controller.goTo(2)
    clock.advance(26)
    s.controller.engine.update()
    settle(s.window)
    warning = find(s.window, "idleWarning")
    countdown = next(i for i in walk(warning) if "start in" in (i.property("text") or ""))
    assert "in 4 seconds." in countdown.property("text")
    warning.setProperty("secondsLeft", 1)
    assert "in 1 second." in countdown.property("text")
    s.set_language("cy")
    settle(s.window)
    assert "mewn 1 eiliad." in countdown.property("text")


def test_right_to_left_mirrors_the_layout(make_kiosk, pseudo_dir: Path) -> None:
    s = _kiosk(make_kiosk)
    home, nxt = find(s.window, "homeButton"), find(s.window, "nextButton")
    assert scene_rect(home).x() < scene_rect(nxt).x()
    assert i18n.set_language(s.app, s.engine, "ar-XB", (pseudo_dir,))
    settle(s.window)
    assert s.app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert scene_rect(home).x() > scene_rect(nxt).x(), "home sits on the right in a right-to-left language"
    assert home.property("label").startswith("\u200f")
    assert i18n.set_language(s.app, s.engine, "en")
    settle(s.window)
    assert scene_rect(home).x() < scene_rect(nxt).x()


# --- keyboard and switch access -----------------------------------------------------------------------------------


def _pressables(s: Scene) -> list[QQuickItem]:
    """What a finger could press now: the items a screen reader calls buttons, check boxes or links."""
    out = []
    for item in walk(s.window.contentItem()):
        if item.objectName() in STAFF_ONLY or not _effectively_shown(item):
            continue
        iface = QAccessible.queryAccessibleInterface(item)
        if iface is not None and iface.role() in (QAccessible.Role.Button, QAccessible.Role.CheckBox):
            out.append(item)
    return out


def _tab_cycle(s: Scene, backwards: bool = False) -> list[QQuickItem]:
    """Press Tab (or Shift+Tab) until focus comes back round; the items focused, in order."""
    seen: list[QQuickItem] = []
    for _ in range(60):
        key(s, Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab)
        focused = s.window.activeFocusItem()
        assert focused is not None, "Tab left nothing focused"
        if seen and focused == seen[0]:
            return seen
        seen.append(focused)
    raise AssertionError("focus never came back round")


def _ring_shows(s: Scene, item: QQuickItem) -> bool:
    rings = [c for c in item.childItems() if c.objectName() == "focusRing"]
    if not rings or not rings[0].isVisible():
        return False
    # the ring is really drawn: its yellow shows in the pixels just outside the control
    image = s.window.grabWindow()
    r = scene_rect(rings[0]).toRect()
    yellow = 0xFFDD00
    y = r.top() + int(rings[0].property("thickness") * 1.5)  # the middle of the yellow band
    edge = [image.pixel(x, y) & 0xFFFFFF for x in range(r.left() + r.width() // 4, r.right() - r.width() // 4)]
    return edge.count(yellow) > len(edge) // 2


@pytest.mark.parametrize("pack", [MINIMAL, *BUILTIN], ids=lambda p: p.name)
def test_every_page_works_by_keyboard_alone(make_kiosk, pack: Path) -> None:
    s = make_kiosk(pack, (1920, 1080), auto_advance=False, idle_timeout=None)
    s.window.requestActivate()
    c = s.controller
    key(s, Qt.Key.Key_Tab)
    assert not c.attract and c.page == 0, "the first key wakes the kiosk and presses nothing"
    pages = list(c.engine.pages)
    for n, page in enumerate(pages):
        assert c.page == n
        cycle = _tab_cycle(s)
        missing = [i.objectName() or i.metaObject().className() for i in _pressables(s) if i not in cycle]
        assert missing == [], f"{page.id}: Tab never reaches {missing}"
        assert list(reversed(_tab_cycle(s, backwards=True)))[-1] in cycle
        for item in cycle[:3]:
            while s.window.activeFocusItem() != item:
                key(s, Qt.Key.Key_Tab)
            assert _ring_shows(s, item), f"{page.id}: no visible focus ring on {item.objectName()}"
        if page.kind == "tips":
            _focus(s, "tip-0")
            key(s, Qt.Key.Key_Return)
            assert c.detail == 0
            _focus(s, "closeTip")
            key(s, Qt.Key.Key_Space)
            assert c.detail == -1
        if page.kind == "plan":
            first = page.data["options"][0]["id"]
            _focus(s, f"option-{first}")
            key(s, Qt.Key.Key_Space)
            assert c.plan == [first]
            _focus(s, "clearPlan")
            key(s, Qt.Key.Key_Return)
            assert c.plan == []
        _focus(s, "nextButton")
        while c.page == n and n < len(pages) - 1:
            key(s, Qt.Key.Key_Return)  # a story takes one press per panel
    _focus(s, "homeButton")
    key(s, Qt.Key.Key_Space)
    assert c.page == 0


def _focus(s: Scene, name: str) -> None:
    target = find(s.window, name)
    for _ in range(60):
        if s.window.activeFocusItem() == target:
            return
        key(s, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reaches {name}")


# --- motion and flashing ------------------------------------------------------------------------------------------


def _moving_items(s: Scene, change) -> tuple[int, list[str]]:
    """Frames drawn, and items still gliding (position, opacity or scale changing) over about 560 ms from 150 ms
    after `change()`'s first frame: a cut has settled by its first frame or two; an animation is still on its way."""
    frames: list[int] = []
    s.window.frameSwapped.connect(lambda: frames.append(1))
    seen: dict[int, set[tuple[float, ...]]] = {}
    names: dict[int, str] = {}
    keep: list[QQuickItem] = []  # holds the wrappers, so id() names one item throughout

    def sample() -> None:
        for item in walk(s.window.contentItem()):
            pos = item.mapToScene(item.position() * 0)
            if id(item) not in names:
                keep.append(item)
                names[id(item)] = item.objectName() or item.metaObject().className()
            seen.setdefault(id(item), set()).add(
                (round(pos.x(), 1), round(pos.y(), 1), round(item.opacity(), 3), round(item.scale(), 3))
            )

    change()
    deadline = time.monotonic() + 20
    while not frames and time.monotonic() < deadline:  # the first frame, late on a loaded machine
        QTest.qWait(5)
    QTest.qWait(150)
    frames.clear()
    for _ in range(28):
        sample()
        QTest.qWait(20)
    return len(frames), sorted({names[k] for k, values in seen.items() if len(values) > 1})


def test_reduced_motion_cuts_instead_of_animating(make_kiosk) -> None:
    still = _kiosk(make_kiosk, reduced_motion=True)
    still.controller.goTo(1)
    settle(still.window)
    QTest.qWait(100)
    for change in (still.controller.next, still.controller.next, still.controller.help):  # a panel, a page
        frames, gliding = _moving_items(still, change)
        assert gliding == [] and frames == 0, "a cut: after its first frame or two nothing moves"

    moving = _kiosk(make_kiosk, reduced_motion=False)
    moving.controller.goTo(1)
    settle(moving.window)
    QTest.qWait(700)
    frames, gliding = _moving_items(moving, moving.controller.next)
    # frames drawn while it glides: 20 or so on an idle PC, fewer on a loaded one (the slide takes the same time)
    assert "panel-1" in gliding and frames >= 2, "the measure sees the panel slide in when motion is allowed"
    frames, gliding = _moving_items(moving, moving.controller.help)
    assert any(n.startswith("page-") for n in gliding), "and the crossfade"


def _objects(root: QObject) -> Iterator[QObject]:
    yield root
    for child in root.children():
        yield from _objects(child)


def test_nothing_flashes_more_than_three_times_a_second(make_kiosk, clock) -> None:
    """Timers and looping animations anywhere in the scene: none repeats faster than three times a second,
    including the idle warning's countdown."""
    s = make_kiosk(MINIMAL, (1920, 1080))
    s.controller.goTo(5)
    clock.advance(26)
    s.controller.engine.update()
    settle(s.window)
    assert find(s.window, "idleWarning").isVisible()
    fast = []
    for o in {id(o): o for i in walk(s.window.contentItem()) for o in _objects(i)}.values():
        if o.inherits("QQmlTimer") and o.property("repeat") and o.property("interval") < 334:
            fast.append(("Timer", o.property("interval")))
        if o.inherits("QQuickAbstractAnimation") and o.property("loops") not in (None, 1):
            fast.append((o.metaObject().className(), o.property("loops")))
    assert fast == []
    # and measured: the screen's brightness over 1.5 s of the warning changes no more than three times a second
    levels = []
    for _ in range(15):
        image = s.window.grabWindow().scaled(64, 36)
        levels.append(sum(_luminance(image.pixel(x, y)) for x in range(64) for y in range(36)) / (64 * 36))
        QTest.qWait(100)
    swings = sum(1 for a, b in zip(levels, levels[1:], strict=False) if abs(a - b) > 0.1)
    assert swings <= 4


def test_a_right_to_left_pack_mirrors_the_layout_with_english_chrome(make_kiosk, tmp_path: Path) -> None:
    """A school's Urdu pack (a pack per language, docs/pack-format.md) before anyone translates the chrome."""
    import shutil

    pack = tmp_path / "minimal-ur"
    shutil.copytree(MINIMAL, pack)
    toml = (pack / "pack.toml").read_text(encoding="utf-8")
    assert "language" not in toml
    (pack / "pack.toml").write_text(toml.replace("[pack]\n", '[pack]\nlanguage = "ur"\n', 1), encoding="utf-8")
    s = _kiosk(make_kiosk, pack)
    assert s.controller.pack.language == "ur" and i18n.current_language() == "en"
    assert s.app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    home, nxt = find(s.window, "homeButton"), find(s.window, "nextButton")
    assert scene_rect(home).x() > scene_rect(nxt).x() and home.property("label") == "Home"


def test_a_pack_colour_too_pale_for_white_words_is_refused(tmp_path: Path) -> None:
    import shutil

    from kiosk.core.pack import contrast_ratio, validate

    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    pack = tmp_path / "pale"
    shutil.copytree(MINIMAL, pack)
    toml = (pack / "pack.toml").read_text(encoding="utf-8")
    (pack / "pack.toml").write_text(toml.replace("[pack]\n", '[pack]\naccent = "#6fa8dc"\n', 1), encoding="utf-8")
    loaded, problems = validate(pack)
    assert loaded is None and len(problems) == 1
    assert problems[0].line == 3 and "accent" in problems[0].field and "darker" in problems[0].message


def test_tab_stays_inside_the_staff_screen(make_kiosk) -> None:
    s = _kiosk(make_kiosk)
    s.admin.show()
    settle(s.window)
    screen = find(s.window, "adminScreen")
    cycle = _tab_cycle(s)
    outside = [i.objectName() or i.metaObject().className() for i in cycle if not screen.isAncestorOf(i)]
    assert outside == [] and len(cycle) >= 12, "PIN digits, delete, OK and cancel; nothing hidden behind"


@pytest.mark.parametrize("size", LAYOUT_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_idle_warning_fits_with_large_text_and_long_words(make_kiosk, clock, pseudo_dir: Path, size) -> None:
    s = make_kiosk(MINIMAL, size)
    s.controller.touch()
    s.controller.set_appearance(text_scale=1.5)
    assert i18n.set_language(s.app, s.engine, "en-XA", (pseudo_dir,))
    clock.advance(26)
    s.controller.engine.update()
    settle(s.window)
    warning = find(s.window, "idleWarning")
    assert warning.isVisible()
    problems = [p for p in layout_problems(s.window) if "overlaps" not in p]  # the dimmed page shows through
    inside = [i for i in walk(warning) if i.inherits("QQuickText") and i.isVisible() and i.property("text")]
    for n, a in enumerate(inside):  # but the warning's own words must not overlap each other
        for b in inside[n + 1 :]:
            overlap = scene_rect(a).intersected(scene_rect(b))
            if overlap.width() > 2 and overlap.height() > 2:
                problems.append(f"{a.property('text')[:20]!r} overlaps {b.property('text')[:20]!r}")
    assert problems == [] and len(inside) >= 3


def test_an_unknown_language_falls_back_to_english(make_kiosk, caplog) -> None:
    s = make_kiosk(MINIMAL, (1024, 768), language="xx")
    s.controller.touch()
    settle(s.window)
    assert i18n.current_language() == "en" and find(s.window, "homeButton").property("label") == "Home"
    assert "no interface translation for 'xx'" in caplog.text


@pytest.mark.parametrize("ts", sorted((ROOT / "translations").glob("*.ts")), ids=lambda p: p.name)
def test_every_translation_keeps_its_placeholders(ts: Path) -> None:
    """A translation that drops %1 or %n shows the wrong number or none; unfinished ones show English."""
    import re
    import xml.etree.ElementTree as ET

    wrong = []
    for message in ET.parse(ts).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") == "unfinished":
            wrong.append(f"{source!r} is not translated yet")
            continue
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for form in forms:
            if sorted(re.findall(r"%\d|%n", form)) != sorted(re.findall(r"%\d|%n", source)):
                wrong.append(f"{source!r} -> {form!r}")
    assert wrong == []
