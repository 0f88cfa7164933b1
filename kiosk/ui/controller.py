"""The QObject that QML talks to: the engine's state as properties, its actions as slots.

One single-shot QTimer is armed for the engine's next deadline, so between page changes nothing ticks.
Every slot is guarded: an exception in a handler is logged and the kiosk goes back to the loop instead of
freezing on a half-updated screen.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.core import limits, storylayout, typescale
from kiosk.core.engine import Engine, State
from kiosk.core.keys import Command, KeyInput
from kiosk.core.limits import MOTION_SECONDS
from kiosk.core.memory import (
    pages_holding_pictures,
    pages_holding_pictures_while_moving,
    panels_drawn_ahead,
    panels_holding_pictures,
    panels_holding_pictures_while_moving,
    tap_pages_drawn_ahead,
    tip_focus_settles_at,
    tips_face_drawn_ahead,
)
from kiosk.core.pack import Pack, Page
from kiosk.core.vocab import Action, Blank, PageKind, Phase, RunMode
from kiosk.ui.due import DueTimer
from kiosk.ui.models import PageModel

log = logging.getLogger(__name__)


def _guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: KioskController, *args: Any) -> Any:
        try:
            return method(self, *args)
        except Exception:
            log.exception("error in %s; returning to the loop", method.__name__)
            self.recover()
            return None

    return wrapper


class KioskController(QObject):
    """Exposes the engine to QML as the Kiosk module's `Controller` singleton (kiosk.ui.app.QML_SINGLETONS)."""

    stateChanged = Signal()
    packChanged = Signal()
    settingsChanged = Signal()
    upcomingChanged = Signal()
    aheadChanged = Signal()
    picturePagesChanged = Signal()
    # The screen is still after a change (limits.MOTION_SECONDS): pictures loaded and let go; memory given back.
    becameStill = Signal()
    # Words the view had a screen reader say (announce): Qt gives no hook on its accessibility events in-process,
    # so a test (and the log) hears them here.
    announced = Signal(str)

    def __init__(
        self,
        pack: Pack,
        pages: list[Page],
        clock: Callable[[], float] = time.monotonic,
        idle_timeout: float | None = 60.0,
        auto_advance: bool = True,
        parent: QObject | None = None,
        run_mode: RunMode | str = RunMode.FOYER,
    ) -> None:
        super().__init__(parent)
        self._run_mode = RunMode(run_mode)
        self.keys = KeyInput(self._run_mode)
        self._clock = clock
        self.due = DueTimer(self.run_due, self)  # the engine's next deadline; nothing else ticks
        # Once per timed page change, a little before it: the next page is drawn ahead (PageHost.qml).
        self.predraw_due = DueTimer(self.run_predraw, self)
        self._upcoming = -1
        # A visit: once the screen is still, step by step, the pages Next and Back would show are drawn ahead, so a
        # tap slides in a finished image (PageHost.qml). Step 1: the page on screen is drawn as itself again (it
        # arrived as an image); 2: the page Next shows; 3: the page Back shows; 4: the first page (Home).
        self.tap_due = DueTimer(self.run_tap_ahead, self)
        self._tap_step = 0
        self._tap_targets: tuple[int, int, int] = (-1, -1, -1)
        self._ahead_page = -1  # the page on screen when they were named
        # A tips page's detail opens and closes as a cut: the face it brings is drawn ahead into an image
        # (TipsPage.qml), as kiosk.core.memory.tips_face_drawn_ahead says: the pressed tip's detail, or the list.
        self._pressed_tip = -1
        self._tips_ahead: tuple[int, bool] = (-1, False)
        # The tile the keyboard's (or a screen reader's) focus is on, since when, and the one it rests on once the
        # screen is still (tip_focus_settles_at): its detail is drawn ahead for Enter, Space or a reader's press.
        self._focused_tip = -1
        self._focused_at = 0.0
        self._settled_focus = -1
        self.focus_due = DueTimer(self.run_focus_ahead, self)
        self._direction = 1
        self._picture_pages: list[int] = []
        # The story whose panels' pictures follow kiosk.core.memory's panel rule, and those panels (picturePanels).
        self._picture_panels: tuple[int, tuple[int, ...]] = (-1, ())
        self._panels_ahead: tuple[int, int] = (-1, -1)  # the captions it draws ahead (panelsAhead)
        # Pictures are loaded and let go once the screen is still after a change (kiosk.core.memory).
        self.pictures_due = DueTimer(self._settle, self)
        self._reduced_motion = False
        self._high_contrast = False
        self._text_scale = 1.0
        self._pages_model: PageModel | None = None
        self.engine: Engine | None = None
        self.set_pack(pack, pages, idle_timeout, auto_advance)

    # --- setup -------------------------------------------------------------------------------------------

    def set_pack(self, pack: Pack, pages: list[Page], idle_timeout: float | None, auto_advance: bool = True) -> None:
        old = self._pages_model
        self.pack = pack
        self._pages_model = PageModel(pack, pages, self)
        self.engine = Engine(
            pages,
            self._clock,
            idle_timeout=idle_timeout,
            auto_advance=auto_advance,
            wrap=self._run_mode != RunMode.ASSEMBLY,
        )
        self.engine.subscribe(self._on_state)
        self._set_upcoming(-1)
        self._focused_tip = self._settled_focus = -1
        self._set_tap_step(0)
        self.packChanged.emit()
        self.stateChanged.emit()
        self._update_picture_pages()
        # A new pack is a change too: its still moment lets go what its first page holds for a fade (PageHost.qml)
        self.pictures_due.arm(0 if self._reduced_motion else int(MOTION_SECONDS * 1000))
        self._arm()
        if old is not None:
            old.deleteLater()

    def _on_state(self, _: State) -> None:
        self.stateChanged.emit()
        # With reduced motion a change is a cut, still at once: pictures follow it in the same moment, so nothing
        # on screen is touched again while it is still (tests/ui/test_access.py counts the frames after a cut).
        self.pictures_due.arm(0 if self._reduced_motion else int(MOTION_SECONDS * 1000))
        # After stateChanged, so a page that was drawn ahead is still marked so while QML starts its fade.
        self._set_upcoming(-1)
        self._pressed_tip = -1  # a press ends with the change it made (a tip opened) or any other
        if self.engine is not None and self.engine.state.page != self._ahead_page:
            self._focused_tip = self._settled_focus = -1  # another page: its tiles' focus is no more
        self._set_tap_step(0, keep=True)
        self._update_picture_pages(moving=True)
        self._arm()

    def _arm(self) -> None:
        """Set the one timer for the next thing that will happen by itself, or stop it if nothing will."""
        assert self.engine is not None
        deadline = self.engine.next_deadline()
        if deadline is None:
            self.due.disarm()
        else:
            self.due.arm(max(0, int((deadline - self._clock()) * 1000) + 1))
        ahead = None if self._reduced_motion else self.engine.predraw()  # cuts need nothing drawn ahead
        if ahead is None or self._upcoming >= 0:
            self.predraw_due.disarm()
        else:
            self.predraw_due.arm(max(0, int((ahead[0] - self._clock()) * 1000) + 1))
        at = self.tap_ahead_at()
        if at is None:
            self.tap_due.disarm()
        else:
            self.tap_due.arm(max(0, int((at - self._clock()) * 1000) + 1))

    def tap_ahead_at(self) -> float | None:
        """When the next step of drawing ahead for a visitor's tap is due, or None (done, not a visit, cuts)."""
        assert self.engine is not None
        if self._reduced_motion or self._tap_step >= 4 or self.engine.state.phase != Phase.INTERACTIVE:
            return None
        return self.engine.last_change + limits.MOTION_SECONDS + self._tap_step * limits.TAP_AHEAD_STEP_SECONDS

    @property
    def clock(self) -> Callable[[], float]:
        """The engine's clock: a visit's length is measured on the same time as its pages."""
        return self._clock

    @_guarded
    def run_due(self) -> None:
        """Apply what has fallen due by the clock (the timer calls this), then arm for the next change."""
        assert self.engine is not None
        self.engine.update()
        self._arm()

    @_guarded
    def run_predraw(self) -> None:
        """Mark the page the loop shows next, so QML draws it (and the page leaving) before the change."""
        assert self.engine is not None
        ahead = None if self._reduced_motion else self.engine.predraw()
        if ahead is not None and ahead[0] <= self._clock() + 0.002:
            self.predraw_due.disarm()
            self._set_upcoming(ahead[1])
        else:
            self._arm()  # fired early, or the deadline moved: arm again for the right moment

    @_guarded
    def run_tap_ahead(self) -> None:
        """The next step of drawing ahead for a visitor's tap, when it is due (the timer calls this)."""
        assert self.engine is not None
        at = self.tap_ahead_at()
        if at is not None and at <= self._clock() + 0.002:
            self._set_tap_step(self._tap_step + 1, keep=True)
        self._arm()

    def _set_tap_step(self, step: int, keep: bool = False) -> None:
        """Step `step` of drawing ahead for a visitor's tap; `keep`: a page already drawn for a key stays drawn
        while that key still leads there on the same page (kiosk.core.memory.tap_pages_drawn_ahead)."""
        assert self.engine is not None
        s = self.engine.state
        same_page = keep and s.page == self._ahead_page
        # a change of page: the page it brought, which may be one drawn ahead (kiosk.core.memory.tap_pages_drawn_ahead)
        arrived = s.page if keep and step == 0 and s.page != self._ahead_page else -1
        self._ahead_page = s.page
        tips = tips_face_drawn_ahead(
            s.phase,
            self.engine.pages[s.page].kind == PageKind.TIPS,
            s.detail,
            self._pressed_tip,
            step,
            self._text_scale,
            self._reduced_motion,
            self._settled_focus,
        )
        pressed = tips[0] >= 0 and tips[0] == self._pressed_tip  # (a tile with focus keeps Back's page: a key's Back)
        wanted = tap_pages_drawn_ahead(
            self.engine.tap_targets(), self._tap_targets, step, same_page, pressed, arrived=arrived
        )
        if step != self._tap_step or wanted != self._tap_targets or tips != self._tips_ahead:
            self._tap_step = step
            self._tap_targets = wanted
            self._tips_ahead = tips
            self.aheadChanged.emit()

    def _set_upcoming(self, page: int) -> None:
        if page != self._upcoming:
            self._upcoming = page
            self.upcomingChanged.emit()
            self._update_picture_pages(moving=self.pictures_due.armed)

    def _settle(self) -> None:
        self._update_picture_pages()
        self.becameStill.emit()

    def _update_picture_pages(self, moving: bool = False) -> None:
        """Which pages keep their pictures in memory (kiosk.core.memory); QML lets the others' go."""
        if self.engine is None:
            return
        s = self.engine.state
        if moving:
            kept = list(pages_holding_pictures_while_moving(self._picture_pages, s.page, self._upcoming))
        else:
            count = len(self.engine.pages)
            kept = list(pages_holding_pictures(s.phase, s.page, count, self._upcoming, self.engine.wrap))
        panels = self._panels_kept(moving)
        ahead = self._panels_ahead
        if not moving:
            count = self.engine.pages[panels[0]].panel_count if panels[0] >= 0 else 0
            ahead = panels_drawn_ahead(s.panel, count, s.phase == Phase.INTERACTIVE)
        if kept != self._picture_pages or panels != self._picture_panels or ahead != self._panels_ahead:
            self._picture_pages = kept
            self._picture_panels = panels
            self._panels_ahead = ahead
            self.picturePagesChanged.emit()

    def _panels_kept(self, moving: bool) -> tuple[int, tuple[int, ...]]:
        """The story whose panels keep pictures by the panel rule, and which. While a change moves, a story that is
        leaving keeps what it held and one arriving only the panel it shows (StoryPage.qml); still, the story on
        screen takes the panels next to the one shown."""
        assert self.engine is not None
        s = self.engine.state
        count = self.engine.pages[s.page].panel_count if 0 <= s.page < len(self.engine.pages) else 0
        page, before = self._picture_panels
        if moving:
            if page == s.page and count:
                return page, panels_holding_pictures_while_moving(before, s.panel, count)
            return page, before
        return (s.page, panels_holding_pictures(s.panel, count)) if count else (-1, ())

    def recover(self) -> None:
        """After an error: back to a known screen, the start of the loop."""
        try:
            if self.engine is not None:
                self.engine.reset()
            self.stateChanged.emit()
            self._arm()
        except Exception:  # pragma: no cover - last line of defence
            log.exception("recovery failed")

    @property
    def state(self) -> State:
        assert self.engine is not None
        return self.engine.state

    # --- properties for QML --------------------------------------------------------------------------------

    @Property(QObject, notify=packChanged)
    def pages(self) -> QObject | None:
        return self._pages_model

    @property
    def loop_pages(self) -> list[Page]:
        """The pages of the loop on screen, in order (the engine's, with everything the pack says of them)."""
        return list(self._pages_model.pages) if self._pages_model else []

    @Property(int, notify=packChanged)
    def pageCount(self) -> int:
        return self._pages_model.rowCount() if self._pages_model else 0

    @Property(bool, notify=packChanged)
    def hasPlanPage(self) -> bool:  # noqa: N802 - QML name
        """The poster's "make your plan" button needs a plan page to go to (the parents' loop has none)."""
        return any(p.kind == PageKind.PLAN for p in (self._pages_model.pages if self._pages_model else []))

    @Property(str, notify=packChanged)
    def accent(self) -> str:
        return self.pack.accent

    @Property(str, notify=packChanged)
    def packName(self) -> str:
        return self.pack.name

    @Property(str, notify=packChanged)
    def organisation(self) -> str:
        return self.pack.organisation

    @Property(str, notify=stateChanged)
    def mode(self) -> str:
        """The engine's phase (attract or interactive); QML's name for it predates kiosk.core.vocab.Phase."""
        return str(self.state.phase)

    @Property(bool, notify=stateChanged)
    def attract(self) -> bool:
        return self.state.phase == Phase.ATTRACT

    @Property(int, notify=stateChanged)
    def page(self) -> int:
        return self.state.page

    @Property(int, notify=upcomingChanged)
    def upcoming(self) -> int:
        """The page a timed change shows next, once it is time to draw it ahead (kiosk.core.engine.Engine.predraw);
        -1 otherwise. Set once per change and cleared by it, so nothing is drawn ahead while nothing is due."""
        return self._upcoming

    @Property(bool, notify=aheadChanged)
    def settled(self) -> bool:
        """A visit's page has been still since its change's animation ended: a page that arrived as an image is
        drawn as itself again (PageHost.qml), before anything in it moves."""
        return self._tap_step >= 1

    @Property(int, notify=aheadChanged)
    def nextAhead(self) -> int:  # noqa: N802 - QML name
        """The page a visitor's Next would show, once it is time to draw it ahead; -1 otherwise."""
        return self._tap_targets[0]

    @Property(int, notify=aheadChanged)
    def prevAhead(self) -> int:  # noqa: N802 - QML name
        """The page a visitor's Back would show (a story at its last panel), once it is time to draw it ahead."""
        return self._tap_targets[1]

    @Property(int, notify=aheadChanged)
    def homeAhead(self) -> int:  # noqa: N802 - QML name
        """The first page, which a visitor's Home shows, once it is time to draw it ahead (when it is not Next's or
        Back's page already); -1 otherwise."""
        return self._tap_targets[2]

    @Property(int, notify=aheadChanged)
    def tipAhead(self) -> int:  # noqa: N802 - QML name
        """The tip whose detail the tips page on screen draws ahead (the one a finger presses); -1 otherwise."""
        return self._tips_ahead[0]

    @Property(bool, notify=aheadChanged)
    def listAhead(self) -> bool:  # noqa: N802 - QML name
        """The tips page on screen draws its list ahead (a detail is read: Back and "All tips" bring the list)."""
        return self._tips_ahead[1]

    @Property(int, notify=stateChanged)
    def direction(self) -> int:
        """Where the last page a visitor asked for lies: 1 onwards (Next, Help, a page further on), -1 back (Back,
        Home, a page before): a page slides in from that side."""
        return self._direction

    @Property(list, notify=picturePagesChanged)
    def picturePages(self) -> list[int]:  # noqa: N802 - QML name
        """The pages that keep their pictures in memory: on screen, next, drawn ahead, and in a visit the page
        before and the first (kiosk.core.memory.pages_holding_pictures). The others let theirs go."""
        return list(self._picture_pages)

    @Property(int, notify=picturePagesChanged)
    def picturePanelsPage(self) -> int:  # noqa: N802 - QML name
        """The story whose panels keep their pictures as `picturePanels` says; -1 for none. The other stories keep
        only the panel they show (or would arrive at)."""
        return self._picture_panels[0]

    @Property(list, notify=picturePagesChanged)
    def picturePanels(self) -> list[int]:  # noqa: N802 - QML name
        """The panels (from 0) of `picturePanelsPage` that keep their pictures and tails: once the screen is still,
        the panel shown and those next to it; while a panel slides in, those and no more
        (kiosk.core.memory.panels_holding_pictures)."""
        return list(self._picture_panels[1])

    @Property(list, notify=picturePagesChanged)
    def panelsAhead(self) -> list[int]:  # noqa: N802 - QML name
        """The panels (from 0) of `picturePanelsPage` whose captions are drawn ahead: [Next's, Back's], -1 for
        none. They change only once the screen is still (kiosk.core.memory.panels_drawn_ahead)."""
        return list(self._panels_ahead)

    @Property(int, notify=stateChanged)
    def panel(self) -> int:
        return self.state.panel

    @Property(int, notify=stateChanged)
    def detail(self) -> int:
        return self.state.detail

    @Property(int, notify=stateChanged)
    def screen(self) -> int:
        """Which screenful of a page taller than the screen is on show (kiosk.core.engine.State.screen)."""
        return self.state.screen

    @Property(list, notify=stateChanged)
    def plan(self) -> list[str]:
        return list(self.state.plan)

    @Property(str, notify=settingsChanged)
    def runMode(self) -> str:
        """foyer, assembly or parents: how the kiosk is being used."""
        return str(self._run_mode)

    @property
    def run_mode(self) -> RunMode:
        return self._run_mode

    @Property(bool, notify=settingsChanged)
    def presenting(self) -> bool:
        """An assembly: a presenter drives the pages with a clicker; no auto-advance, no swipe, no touch-to-start."""
        return self._run_mode == RunMode.ASSEMBLY

    def set_run_mode(self, mode: RunMode | str) -> None:
        """Switch mode live (staff screen, schedule); call set_pack after it so the engine follows."""
        self._run_mode = RunMode(mode)
        self.keys = KeyInput(self._run_mode)
        self.settingsChanged.emit()

    def _page_at(self, index: int) -> Page | None:
        pages = self._pages_model.pages if self._pages_model else []
        return pages[index] if 0 <= index < len(pages) else None

    @Property(str, notify=stateChanged)
    def currentTitle(self) -> str:
        page = self._page_at(self.state.page)
        return page.title if page else ""

    @Property(str, notify=stateChanged)
    def nextTitle(self) -> str:
        page = self._page_at(self.state.page + 1)
        return page.title if page else ""

    @Property(str, notify=stateChanged)
    def notes(self) -> str:
        page = self._page_at(self.state.page)
        return page.notes if page else ""

    @Property(list, notify=stateChanged)
    def questions(self) -> list[str]:
        page = self._page_at(self.state.page)
        return list(page.questions) if page else []

    @Property(str, notify=stateChanged)
    def blank(self) -> str:
        return str(self.state.blank)

    @Property(str, notify=stateChanged)
    def pendingNumber(self) -> str:
        return self.keys.pending_number

    @Property(bool, notify=stateChanged)
    def warning(self) -> bool:
        return self.state.warning

    @Property(int, notify=stateChanged)
    def idleSecondsLeft(self) -> int:
        assert self.engine is not None
        deadline = self.engine.idle_deadline()
        return max(0, round(deadline - self._clock())) if deadline is not None else 0

    @Property(bool, notify=settingsChanged)
    def reducedMotion(self) -> bool:
        return self._reduced_motion

    def set_reduced_motion(self, on: bool) -> None:
        self._reduced_motion = on
        self.settingsChanged.emit()
        if on:
            self._set_upcoming(-1)
            self._set_tap_step(0)
        self._arm()

    @Property(bool, notify=settingsChanged)
    def highContrast(self) -> bool:
        return self._high_contrast

    @Property(float, notify=settingsChanged)
    def textScale(self) -> float:
        return self._text_scale

    @Slot(float, float, result="QVariantMap")
    def typeScale(self, width: float, height: float) -> dict[str, object]:  # noqa: N802 - QML name
        """The type scale of a view `width` x `height` (kiosk.core.typescale): Theme.qml's sizes come from here."""
        return typescale.for_qml(width, height)

    @Slot(float, float, float, float, list, result="QVariantMap")
    def portraitStory(  # noqa: N802 - QML name
        self, page_height: float, page_width: float, largest_art: float, around: float, needs: list[float]
    ) -> dict[str, object]:
        """A split story's art height and each panel's screenfuls on a portrait page (kiosk.core.storylayout):
        StoryPage.qml measures the words, the core says how far the art gives way to them."""
        fit = storylayout.portrait_story(page_height, page_width, largest_art, around, [float(n) for n in needs])
        return {"art": fit.art_height, "screens": list(fit.screens)}

    def set_appearance(self, high_contrast: bool | None = None, text_scale: float | None = None) -> None:
        if high_contrast is not None:
            self._high_contrast = high_contrast
        if text_scale is not None:
            self._text_scale = text_scale
        self.settingsChanged.emit()
        self.redraw_ahead()

    def redraw_ahead(self) -> None:
        """After a change to how pages look (text size, contrast, language): a page drawn ahead is let go at once
        and drawn again as it now looks. A layer follows changes to its page by itself, but once (a contrast change
        in the frame after a page was first drawn ahead, a scratch run) the fade showed the old colours: the kiosk
        does not rely on it (tests/ui/test_frames.py)."""
        if self._upcoming >= 0:
            self._set_upcoming(-1)
            self._arm()  # the moment to draw ahead has passed: the timer fires at once, in the next turn
        self._pressed_tip = -1  # a tip's detail drawn ahead on a press: let go (its next press draws it again)
        if self._settled_focus >= 0:  # and one drawn for the tile with focus: drawn again at once, as it now looks
            self._settled_focus = -1
            self._arm_focus()
        if self._tap_step >= 2:  # the same for a visit's pages drawn ahead for a tap: let go, drawn again
            self._set_tap_step(1)
            self._arm()
        else:
            self._set_tap_step(self._tap_step)

    # --- actions from QML and keys -------------------------------------------------------------------------

    @Slot()
    @_guarded
    def touch(self) -> None:
        assert self.engine is not None
        self.engine.touch()

    @Slot()
    @_guarded
    def next(self) -> None:
        assert self.engine is not None
        self._direction = 1
        self.engine.next()

    @Slot()
    @_guarded
    def prev(self) -> None:
        assert self.engine is not None
        self._direction = -1
        self.engine.prev()

    @Slot()
    @_guarded
    def home(self) -> None:
        assert self.engine is not None
        self._direction = -1
        self.engine.home()

    @Slot()
    @_guarded
    def help(self) -> None:
        assert self.engine is not None
        self._direction = 1
        self.engine.help()

    @Slot(int)
    @_guarded
    def goTo(self, index: int) -> None:  # noqa: N802 - QML name
        assert self.engine is not None
        self._direction = 1 if index >= self.engine.state.page else -1
        self.engine.go_to(index)

    @Slot(str)
    @_guarded
    def goToKind(self, kind: str) -> None:  # noqa: N802 - QML name
        assert self.engine is not None
        self._direction = 1
        self.engine.go_to_kind(kind)

    @Slot(int)
    @_guarded
    def openDetail(self, index: int) -> None:
        assert self.engine is not None
        self.engine.open_detail(index)

    @Slot(int)
    @_guarded
    def pressTip(self, index: int) -> None:  # noqa: N802 - QML name
        """A finger is on tip `index`'s tile (-1: lifted without a tap, or drawn away): its detail may be drawn
        ahead before the release opens it (kiosk.core.memory.tips_face_drawn_ahead)."""
        assert self.engine is not None
        self._pressed_tip = index
        self._set_tap_step(self._tap_step, keep=True)

    @Slot(int, bool)
    @_guarded
    def focusTip(self, index: int, on: bool) -> None:  # noqa: N802 - QML name
        """The keyboard's (or a screen reader's) focus came to tip `index`'s tile (`on`), or left it. Nothing
        changes now (the focus's own frame): once it rests there and the screen is still, the tile's detail is
        drawn ahead (run_focus_ahead; kiosk.core.memory.tips_face_drawn_ahead)."""
        if on:
            self._focused_tip = index
        elif index == self._focused_tip:
            self._focused_tip = -1
        else:
            return  # another tile's focus left: the one that has it now has said so
        self._focused_at = self._clock()
        self._arm_focus()

    def focus_ahead_at(self) -> float | None:
        """When the focus's tile counts as resting (kiosk.core.memory.tip_focus_settles_at), or None when it does
        already."""
        assert self.engine is not None
        if self._focused_tip == self._settled_focus:
            return None
        return tip_focus_settles_at(self._focused_at, self.engine.last_change)

    def _arm_focus(self) -> None:
        at = self.focus_ahead_at()
        if at is None:
            self.focus_due.disarm()
        else:
            self.focus_due.arm(max(0, int((at - self._clock()) * 1000) + 1))

    @_guarded
    def run_focus_ahead(self) -> None:
        """The focus rests on a tile (or on none) now the screen is still: what is drawn ahead follows (the timer
        calls this)."""
        at = self.focus_ahead_at()
        if at is not None and at <= self._clock() + 0.002:
            self._settled_focus = self._focused_tip
            self._set_tap_step(self._tap_step, keep=True)
        self._arm_focus()

    @Slot()
    @_guarded
    def closeDetail(self) -> None:
        assert self.engine is not None
        self.engine.close_detail()

    @Slot(str)
    @_guarded
    def togglePlan(self, option: str) -> None:
        assert self.engine is not None
        self.engine.toggle_plan(option)

    @Slot()
    @_guarded
    def clearPlan(self) -> None:
        assert self.engine is not None
        self.engine.clear_plan()

    @Slot(int)
    @_guarded
    def setScreens(self, count: int) -> None:
        """The page on show takes `count` screenfuls at this size and text size (QML measures; ScrollPage)."""
        assert self.engine is not None
        if count != self.engine.screens:
            self.engine.set_screens(count)
            # What a tap would show changed (Next now shows another screenful, not the next page): a visit's pages
            # drawn ahead follow at once, so no page is drawn that the next tap does not bring.
            self._set_tap_step(self._tap_step)
            self._arm()  # the loop's next step moved

    @Slot(str)
    def announce(self, words: str) -> None:
        """The view has a screen reader say `words` (ScrollPage.announce calls Accessible.announce with them too)."""
        log.debug("announced: %s", words)
        self.announced.emit(words)

    @Slot(int, list)
    @_guarded
    def setPanelScreens(self, page: int, counts: list[int]) -> None:  # noqa: N802 - QML name
        """The story `page` takes `counts[k]` screenfuls for its panel k+1 at this size and text size (StoryPage.qml
        measures): two where a panel's caption does not fit beside its art, so Next and Back step through them."""
        assert self.engine is not None
        if page == self.engine.state.page:
            before = self.engine.screens
            self.engine.set_panel_screens(page, counts)
            if self.engine.screens != before:
                self._arm()  # the loop's next step moved
        else:
            self.engine.set_panel_screens(page, counts)

    @Slot(int)
    @_guarded
    def showScreen(self, screen: int) -> None:
        """A visitor scrolled a tall page by hand to `screen`."""
        assert self.engine is not None
        self.engine.show_screen(screen)

    @Slot(str)
    @_guarded
    def act(self, action: str) -> None:
        """A named action from QML's buttons: next, prev, home, end, help, black, white, unblank."""
        self.run(Command(Action(action)))

    @_guarded
    def run(self, command: Command) -> None:
        """Do what a key, clicker or button asks (kiosk.core.keys.Command)."""
        assert self.engine is not None
        engine = self.engine
        if command.action in (Action.PREV, Action.HOME):
            self._direction = -1
        elif command.action == Action.GOTO and command.page is not None:
            self._direction = 1 if command.page - 1 >= engine.state.page else -1
        else:
            self._direction = 1
        match command.action:
            case Action.GOTO:
                if command.page is not None:
                    engine.go_to(command.page - 1)  # the presenter types page numbers from 1
            case Action.DIGIT:
                self.stateChanged.emit()  # the typed number is shown to the presenter
            case Action.BLACK:
                engine.set_blank(Blank.BLACK)
            case Action.WHITE:
                engine.set_blank(Blank.WHITE)
            case Action.UNBLANK:
                engine.set_blank(Blank.NONE)
            case Action.NEXT:
                engine.next()
            case Action.PREV:
                engine.prev()
            case Action.HOME:
                engine.home()
            case Action.END:
                engine.end()
            case Action.HELP:
                engine.help()

    def press_key(self, key_name: str) -> bool:
        """A key from the input filter; True when it meant something in this mode."""
        command = self.keys.press(key_name)
        if command is None:
            return False
        self.run(command)
        return True
