"""`kiosk studio FOLDER`: a pack shown live, side by side at the sizes it will meet, while its author edits it.

Each preview is a real kiosk (a KioskView with its own controller, in its own QML engine, so each has its own
`Controller` and `Theme`), placed in the studio's window and scaled to fit: taps, keys and the page list drive it.
A preview never runs the idle timeout, counts nothing, writes no outbox and takes no single-instance lock.

Every save of a file of the pack reloads it (FolderWatch: notifications plus a slow look for changes nobody
announced); a good pack replaces what every preview shows, on the page the author was looking at, and a broken
one leaves the last good one on screen, dimmed, with the problems beside it. Texts that do not fit their box on a
preview are outlined there (kiosk.ui.fit). A click in edit mode finds the pack.toml field of the text under it
(kiosk.core.text_fields) and writes the new words back with kiosk.core.pack_edit.set_text.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    Property,
    QCoreApplication,
    QEvent,
    QFileSystemWatcher,
    QObject,
    QPointF,
    QRectF,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import (
    QJSEngine,
    QQmlApplicationEngine,
    QQmlComponent,
    QQmlEngine,
    QQmlIncubationController,
    qmlRegisterSingletonType,
)
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.core import limits
from kiosk.core.checks import check_pack
from kiosk.core.config import audience_pages
from kiosk.core.pack import PACK_FILE, FieldPath, Pack, Page, _field_name, validate
from kiosk.core.qr_reach import CHECK_SIZE
from kiosk.core.text_fields import Locator, find_field, page_index, page_texts, value_at
from kiosk.core.vocab import PageKind, RunMode
from kiosk.ui import app as qtapp
from kiosk.ui import fit
from kiosk.ui.admin import AdminController
from kiosk.ui.art import ArtCache
from kiosk.ui.controller import KioskController
from kiosk.ui.due import DueTimer
from kiosk.ui.items import walk
from kiosk.ui.scene import lay_out_now, memory_admin
from kiosk.ui.stats_bridge import StatsRecorder

log = logging.getLogger(__name__)

QML_MODULE = "Studio"
VARIANTS = (RunMode.FOYER, RunMode.PARENTS, RunMode.ASSEMBLY)
# Files an editor writes beside the real one while saving (swap, backup, lock files): no reason to reload.
_SCRATCH_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".kate-swp", ".part")


# --- the files of the pack -----------------------------------------------------------------------------------------


def _scratch(name: str) -> bool:
    return name.startswith((".", "#")) or name.endswith(_SCRATCH_SUFFIXES)


def folder_signature(root: Path, max_files: int = limits.BUNDLE_MAX_FILES) -> tuple[tuple[str, int, int, int], ...]:
    """What the pack's files are now (path, size, mtime, inode): a save, a rename over a file, a truncation or a
    file deleted and made again all change it; an editor's scratch files do not."""
    out: list[tuple[str, int, int, int]] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not _scratch(d))
        for name in sorted(files):
            if _scratch(name):
                continue
            path = Path(folder) / name
            try:
                st = path.stat()
            except OSError:  # gone between the listing and the look: the next look sees what came instead
                continue
            out.append((str(path.relative_to(root)), st.st_size, st.st_mtime_ns, st.st_ino))
            if len(out) >= max_files:
                return tuple(out)
    return tuple(out)


class FolderWatch(QObject):
    """Says `changed` once a burst of saves in the pack folder is over. Notifications (QFileSystemWatcher on the
    folders and files, re-armed after each look, since a file replaced by rename-on-save drops out of it) plus a
    look every STUDIO_POLL_MS for what no notification announced; it only says `changed` when the files differ."""

    changed = Signal()

    def __init__(self, root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = root
        self._signature = folder_signature(root)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self.settle = DueTimer(self.look, self)
        self._poll = QTimer(self)
        self._poll.setInterval(limits.STUDIO_POLL_MS)
        self._poll.timeout.connect(self.look)
        self._poll.start()
        self._rewatch()

    def _poke(self, _path: str) -> None:
        self.settle.arm(limits.STUDIO_SETTLE_MS)

    def _rewatch(self) -> None:
        wanted: set[str] = set()
        if self.root.is_dir():
            wanted.add(str(self.root))
            for folder, dirs, files in os.walk(self.root):
                dirs[:] = [d for d in dirs if not _scratch(d)]
                wanted.update(str(Path(folder) / d) for d in dirs)
                wanted.update(str(Path(folder) / f) for f in files if not _scratch(f))
                if len(wanted) > limits.BUNDLE_MAX_FILES:
                    break
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        if gone := watched - wanted:
            self._watcher.removePaths(sorted(gone))
        if new := wanted - watched:
            self._watcher.addPaths(sorted(new))

    def look(self) -> None:
        """Compare the files with the last look; say `changed` if they differ."""
        try:
            self._rewatch()
            signature = folder_signature(self.root)
        except OSError as error:  # the folder itself vanished or cannot be read: the next look tries again
            log.info("studio: %s not readable now (%s)", self.root, error)
            return
        if signature != self._signature:
            self._signature = signature
            self.changed.emit()

    def stop(self) -> None:
        self._poll.stop()
        self.settle.disarm()


class FreshArt(ArtCache):
    """The studio's pictures: always the file as it is now. The URL carries the file's size and time, so a saved
    SVG is drawn again instead of coming from Qt's image cache; nothing is kept on disk."""

    @Slot(str, int, int, result=str)
    def url(self, source: str, width: int, height: int) -> str:
        address = QUrl(source)
        if not source or not address.isLocalFile():
            return source
        try:
            st = Path(address.toLocalFile()).stat()
        except OSError:
            return source
        address.setQuery(f"v={st.st_mtime_ns}-{st.st_size}")
        return address.toString()


class Incubator(QQmlIncubationController):
    """Builds a preview's pages off screen a few milliseconds at a time between frames, as a kiosk window's own
    controller does. A preview's engine has no window of its own, and without a controller Qt builds every
    `asynchronous` Loader at once: a reload of the cumbria pack took ~0.6 s instead of the page on screen only."""

    SLICE_MS = 8

    def __init__(self) -> None:
        super().__init__()
        self._timer = QTimer()
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._work)

    def incubatingObjectCountChanged(self, count: int) -> None:  # noqa: N802 - Qt's name
        if count > 0:
            self._timer.start()
        else:
            self._timer.stop()

    def _work(self) -> None:
        if self.incubatingObjectCount() > 0:
            self.incubateFor(self.SLICE_MS)
        else:
            self._timer.stop()

    def stop(self) -> None:
        self._timer.stop()


# --- where the author is -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Position:
    """A state worth looking at: a page (by id, so a reload that moves pages keeps it), its revealed story
    panels, an open tip, the plan's choices."""

    page: int
    page_id: str = ""
    panel: int = 0
    detail: int = -1
    plan: tuple[str, ...] = ()


def position_of(controller: KioskController) -> Position:
    s = controller.state
    pages = controller.loop_pages
    page_id = pages[s.page].id if 0 <= s.page < len(pages) else ""
    return Position(s.page, page_id, s.panel, s.detail, tuple(s.plan))


def go(controller: KioskController, where: Position) -> None:
    """Bring a preview to `where`, as near as its pages allow (a page that went is replaced by the one now there)."""
    pages = controller.loop_pages
    if not pages:
        return
    index = next((n for n, p in enumerate(pages) if p.id == where.page_id), min(where.page, len(pages) - 1))
    page = pages[index]
    if controller.state.page != index:
        controller.goTo(index)
    state = controller.state
    if page.kind == PageKind.STORY:
        wanted = max(1, min(where.panel, page.panel_count))
        while controller.state.panel > wanted:
            controller.prev()
        while controller.state.panel < wanted:
            controller.next()
    tips = len(page.data.get("tips", ())) if page.kind == PageKind.TIPS else 0
    detail = where.detail if 0 <= where.detail < tips else -1
    if state.detail != detail:
        controller.openDetail(detail) if detail >= 0 else controller.closeDetail()
    options = [o["id"] for o in page.data.get("options", ())] if page.kind == PageKind.PLAN else []
    plan = tuple(o for o in where.plan if o in options)
    if tuple(controller.state.plan) != plan:
        controller.clearPlan()
        for option in plan:
            controller.togglePlan(option)


def entries(pages: list[Page]) -> list[dict[str, Any]]:
    """The page list: every page, and within it each story panel, tip and plan step, in loop order."""
    out: list[dict[str, Any]] = []
    for n, page in enumerate(pages):
        out.append(
            {
                "label": f"{n + 1}. {page.title}",
                "depth": 0,
                "page": n,
                "panel": 1 if page.panel_count else 0,
                "detail": -1,
                "plan": [],
            }
        )
        if page.kind == PageKind.STORY:
            for k in range(2, page.panel_count + 1):
                out.append({"label": f"panel {k}", "depth": 1, "page": n, "panel": k, "detail": -1, "plan": []})
        elif page.kind == PageKind.TIPS:
            for t, tip in enumerate(page.data["tips"]):
                out.append(
                    {"label": f"tip: {tip['title']}", "depth": 1, "page": n, "panel": 0, "detail": t, "plan": []}
                )
        elif page.kind == PageKind.PLAN:
            chosen: list[str] = []
            for option in page.data["options"]:
                chosen = chosen + [option["id"]]
                out.append(
                    {
                        "label": f"plan: + {option['label']}",
                        "depth": 1,
                        "page": n,
                        "panel": 0,
                        "detail": -1,
                        "plan": list(chosen),
                    }
                )
    return out


def _entry_position(entry: dict[str, Any], pages: list[Page]) -> Position:
    page = pages[entry["page"]]
    return Position(entry["page"], page.id, entry["panel"], entry["detail"], tuple(entry["plan"]))


# --- one preview -----------------------------------------------------------------------------------------------------


class Preview:
    """One real kiosk at one size, in its own QML engine; its view is placed in the studio window by the caller."""

    def __init__(
        self,
        pack: Pack,
        pages: list[Page],
        size: tuple[int, int],
        mode: RunMode,
        icons: dict[str, str],
        clock: Callable[[], float],
    ) -> None:
        self.size = size
        self.controller = KioskController(
            pack, pages, clock=clock, idle_timeout=None, auto_advance=False, run_mode=mode
        )
        self.controller.set_reduced_motion(True)  # cuts: a page appears at once after a jump or a reload
        self.admin: AdminController = memory_admin(self.controller)
        self.stats = StatsRecorder(self.controller, None, enabled=lambda: False)  # no store: nothing is counted
        self.engine: QQmlApplicationEngine = qtapp.create_engine(
            self.controller, self.admin, icons, self.stats, art=FreshArt(), main=None
        )
        self.incubator = Incubator()
        self.engine.setIncubationController(self.incubator)
        for owned in (self.controller, self.admin, self.stats):
            owned.setParent(self.engine)
        self.component = QQmlComponent(self.engine)
        self.component.loadFromModule(qtapp.QML_MODULE, "KioskView")
        view = self.component.create()
        component = self.component
        if not isinstance(view, QQuickItem):
            raise RuntimeError(f"the kiosk view did not load: {component.errorString()}")
        QJSEngine.setObjectOwnership(view, QJSEngine.ObjectOwnership.CppOwnership)
        view.setParent(self.engine)  # kept alive by its engine; shown wherever the studio puts it (setParentItem)
        view.setWidth(size[0])
        view.setHeight(size[1])
        self.view = view
        self.controller.touch()  # interactive, as a visitor sees it; no idle timeout ever returns it to the loop

    @property
    def label(self) -> str:
        return f"{self.size[0]}x{self.size[1]}"

    def detach(self) -> None:
        """Take the view out of the studio's window and delete it; the engine goes later (StudioSession.close)."""
        self.incubator.stop()
        self.view.setParentItem(None)  # type: ignore[arg-type]  # the stub forgets that None takes it out
        self.view.deleteLater()


# --- the studio ------------------------------------------------------------------------------------------------------


def _guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    """A slot QML calls must never take the studio down: the error is logged and said in the status line."""

    @functools.wraps(method)
    def wrapper(self: StudioController, *args: Any) -> Any:
        try:
            return method(self, *args)
        except Exception as error:
            log.exception("studio: %s failed", method.__name__)
            self._say(f"Something went wrong ({type(error).__name__}: {error}); see the log")
            return None

    return wrapper


class StudioController(QObject):
    """The Studio module's `Studio` singleton: the pack, the previews' list, the problems, the editor."""

    changed = Signal()  # pack, page list, problems, variant
    positionChanged = Signal()
    outlinesChanged = Signal()
    editChanged = Signal()
    reloaded = Signal()  # after each reload, good or broken (tests wait for it)
    _checked = Signal(object, int)  # from the checks' worker thread: findings, generation

    def __init__(
        self,
        root: Path,
        sizes: tuple[tuple[int, int], ...] = limits.STUDIO_SIZES,
        clock: Callable[[], float] = time.monotonic,
        sources: Path | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.root = Path(root)
        self.sizes = tuple(sizes)
        self._clock = clock
        self._sources = sources
        self._today = today
        self.pack: Pack | None = None
        self._variant = RunMode.FOYER
        self._problems: list[str] = []
        self._findings: list[str] = []
        self._status = ""
        self.previews: list[Preview] = []
        self._outlines: list[list[dict[str, Any]]] = [[] for _ in self.sizes]
        self._fit_notes: list[str] = []
        self._syncing = False
        self._generation = 0
        self._edit: dict[str, Any] = {}
        self._large_text = False
        self._high_contrast = False
        self._checked.connect(self._on_checked)
        self.measure = DueTimer(self.measure_fit, self)
        self.watch = FolderWatch(self.root, self)
        self.watch.changed.connect(self.reload)

    # --- loading ---------------------------------------------------------------------------------------------

    def load_first(self) -> Pack | None:
        """The pack as it is at start; None (with the problems set) when it cannot be shown yet."""
        pack, problems = validate(self.root)
        self._problems = [str(p) for p in problems]
        self.pack = pack
        if pack is not None:
            self._run_checks(pack)
        return pack

    def attach(self, previews: list[Preview]) -> None:
        self.previews = previews
        for preview in previews:
            preview.controller.stateChanged.connect(functools.partial(self._follow, preview))
        self.changed.emit()
        self.measure_soon()

    @property
    def loop(self) -> list[Page]:
        if self.pack is None:
            return []
        return list(audience_pages(self.pack, self._variant))

    @Slot()
    @_guarded
    def reload(self) -> None:
        """Read the pack again: a good one is shown at every size on the same page, a broken one is listed and the
        last good one stays, dimmed. Never raises: validation reports a half-written file as a problem."""
        started = time.perf_counter()
        pack, problems = validate(self.root)
        self._problems = [str(p) for p in problems]
        if pack is not None:
            first = self.pack is None
            self.pack = pack
            try:
                self._show(pack)
            except Exception as error:  # the pack passed validation but a preview could not take it
                log.exception("studio: the pack could not be shown")
                self._problems = [f"{self.root / PACK_FILE}:0: (studio): could not be shown ({error})"]
            self._run_checks(pack)
            if first:
                self.changed.emit()
        log.info(
            "studio: reloaded in %.0f ms (%s)",
            (time.perf_counter() - started) * 1000,
            "good" if pack else f"{len(problems)} problem(s)",
        )
        self.changed.emit()
        self.positionChanged.emit()  # after the page list: a list view resets its current row when its model changes
        self.reloaded.emit()

    def _show(self, pack: Pack) -> None:
        where = self._position()
        pages = self.loop
        self._syncing = True
        try:
            for preview in self.previews:
                preview.controller.set_pack(pack, pages, None, False)
                preview.controller.touch()
                go(preview.controller, where)
        finally:
            self._syncing = False
        self.positionChanged.emit()
        self.measure_soon()

    def _position(self) -> Position:
        return position_of(self.previews[0].controller) if self.previews else Position(0)

    def _run_checks(self, pack: Pack) -> None:
        """kiosk.core.checks' findings on a worker thread (a readability score or a source search must never hold
        up the preview); a newer reload's findings win."""
        self._generation += 1
        generation = self._generation

        def work() -> None:
            try:
                found = [str(f) for f in check_pack(pack, self.root, today=self._today(), sources=self._sources)]
            except Exception as error:
                log.exception("studio: the checks failed")
                found = [f"{self.root / PACK_FILE}:0: (checks): could not be run ({type(error).__name__})"]
            try:
                self._checked.emit(found, generation)
            except RuntimeError:  # the studio closed while the checks ran
                log.debug("studio: findings after close dropped")

        threading.Thread(target=work, name="studio-checks", daemon=True).start()

    def _on_checked(self, found: list[str], generation: int) -> None:
        if generation == self._generation:
            self._findings = found
            self.changed.emit()

    # --- the previews follow one another -------------------------------------------------------------------------

    def _follow(self, source: Preview) -> None:
        """A tap in one preview moves the others to the same place."""
        if self._syncing:
            return
        self._go_all(position_of(source.controller), but=source)

    @Slot(int)
    @_guarded
    def goToEntry(self, index: int) -> None:  # noqa: N802 - QML name
        rows = entries(self.loop)
        if not 0 <= index < len(rows) or not self.previews:
            return
        self._go_all(_entry_position(rows[index], self.loop))

    def _go_all(self, where: Position, but: Preview | None = None) -> None:
        """Every preview (but the one a tap moved) to `where`, without each move echoing back through _follow."""
        self._syncing = True
        try:
            for preview in self.previews:
                if preview is not but:
                    go(preview.controller, where)
        finally:
            self._syncing = False
        self.positionChanged.emit()
        self.measure_soon()

    @Slot(int)
    @_guarded
    def step(self, by: int) -> None:
        """Next or back on every preview (the studio's Page Down and Page Up), as the kiosk's own buttons do."""
        if self.previews:
            c = self.previews[0].controller
            c.next() if by > 0 else c.prev()  # the other previews follow (_follow)

    @Slot(bool, bool)
    @_guarded
    def setAppearance(self, large_text: bool, high_contrast: bool) -> None:  # noqa: N802 - QML name
        """150 % text and the high-contrast theme, as staff can choose them on a kiosk: every preview at once."""
        self._large_text, self._high_contrast = large_text, high_contrast
        scale = max(limits.TEXT_SIZES) / 100 if large_text else 1.0
        for preview in self.previews:
            preview.controller.set_appearance(high_contrast=high_contrast, text_scale=scale)
        self.changed.emit()
        self.measure_soon()

    @Property(bool, notify=changed)
    def largeText(self) -> bool:  # noqa: N802 - QML name
        return self._large_text

    @Property(bool, notify=changed)
    def highContrast(self) -> bool:  # noqa: N802 - QML name
        return self._high_contrast

    @Slot(str)
    @_guarded
    def setVariant(self, name: str) -> None:  # noqa: N802 - QML name
        """Foyer (students), parents' evening or assembly: every preview switches, on the same page if it is there."""
        mode = RunMode(name)
        if mode == self._variant:
            return
        self._variant = mode
        if self.pack is not None:
            where = self._position()
            self._syncing = True
            try:
                for preview in self.previews:
                    preview.controller.set_run_mode(mode)
                    preview.controller.set_pack(self.pack, self.loop, None, False)
                    preview.controller.touch()
                    go(preview.controller, where)
            finally:
                self._syncing = False
        self.changed.emit()
        self.positionChanged.emit()
        self.measure_soon()

    # --- what QML reads ------------------------------------------------------------------------------------------

    @Property(str, notify=changed)
    def packName(self) -> str:  # noqa: N802 - QML name
        return self.pack.name if self.pack else self.root.name

    @Property(str, constant=True)
    def folder(self) -> str:
        return str(self.root)

    @Property(list, constant=True)
    def previewSizes(self) -> list[dict[str, Any]]:  # noqa: N802 - QML name
        return [{"label": f"{w}x{h}", "width": w, "height": h} for w, h in self.sizes]

    @Property(str, notify=changed)
    def variant(self) -> str:
        return str(self._variant)

    @Property(list, notify=changed)
    def pageList(self) -> list[dict[str, Any]]:  # noqa: N802 - QML name
        return [{"label": e["label"], "depth": e["depth"]} for e in entries(self.loop)]

    @Property(int, notify=positionChanged)
    def currentEntry(self) -> int:  # noqa: N802 - QML name
        if not self.previews:
            return -1
        where = self._position()
        best = -1
        for n, e in enumerate(entries(self.loop)):
            if e["page"] != where.page:
                continue
            if best < 0:
                best = n
            if e["detail"] >= 0 and e["detail"] == where.detail:
                return n
            if e["panel"] > 1 and e["panel"] == where.panel:
                return n
            if e["plan"] and tuple(e["plan"]) == where.plan:
                return n
        return best

    @Property(bool, notify=changed)
    def broken(self) -> bool:
        return bool(self._problems)

    @Property(bool, notify=changed)
    def shown(self) -> bool:
        """A good version has been shown (a pack broken from the start has nothing to dim)."""
        return self.pack is not None

    @Property(list, notify=changed)
    def problems(self) -> list[str]:
        return list(self._problems)

    @Property(list, notify=changed)
    def findings(self) -> list[str]:
        return list(self._findings)

    @Property(str, notify=changed)
    def status(self) -> str:
        return self._status

    def _say(self, text: str) -> None:
        self._status = text
        self.changed.emit()

    # --- fit on the previews -------------------------------------------------------------------------------------

    def measure_soon(self) -> None:
        self.measure.arm(50)

    @Slot()
    @_guarded
    def measure_fit(self) -> None:
        """Outline every text that does not fit on each preview, and list them (a screen reader reads the list)."""
        outlines: list[list[dict[str, Any]]] = []
        notes: list[str] = []
        for preview in self.previews:
            window = preview.view.window()
            if window is not None:
                lay_out_now(window)
            found = []
            for problem in fit.text_problems(preview.view):
                if problem.kind not in (fit.Misfit.CUT, fit.Misfit.SPILLS, fit.Misfit.OUTSIDE):
                    continue
                r = problem.rect
                found.append({"x": r.x(), "y": r.y(), "width": r.width(), "height": r.height(), "text": problem.text})
                notes.append(f"{preview.label}: {problem.message}")
            if preview.size == CHECK_SIZE:
                notes += [f"{preview.label}: {note}" for note in self._unreadable_codes(preview)]
            outlines.append(found)
        self._outlines = outlines
        self._fit_notes = notes
        self.outlinesChanged.emit()

    def _unreadable_codes(self, preview: Preview) -> list[str]:
        """`kiosk check`'s QR test-read (kiosk.core.checks.check_qr_reach) on the codes a 1024x768 preview shows, in
        the squares its help page gives them: the checks' worker has no layout to measure them on."""
        from kiosk.core.qr_reach import reach

        scale = max(limits.TEXT_SIZES) / 100 if self._large_text else 1.0
        out = []
        for url, side in fit.qr_codes(preview.view):
            try:
                found = reach(url, side)
            except ImportError:  # zxing-cpp not installed: kiosk check says so
                return []
            if not found.readable:
                out.append(f"a phone 2 m away cannot read the QR code of {url}: {found.describe(scale)}")
        return out

    @Property(list, notify=outlinesChanged)
    def outlines(self) -> list[list[dict[str, Any]]]:
        return [list(o) for o in self._outlines]

    @Property(list, notify=outlinesChanged)
    def fitNotes(self) -> list[str]:  # noqa: N802 - QML name
        return list(self._fit_notes)

    # --- editing a text in place ---------------------------------------------------------------------------------

    def text_at(self, preview: int, x: float, y: float) -> QQuickItem | None:
        """The text drawn at (x, y) of a preview (the kiosk's own coordinates), the topmost one."""
        point = QPointF(x, y)
        view = self.previews[preview].view
        hit = None
        for item in fit.visible_texts(view):
            if fit.box(item, view).contains(point):
                hit = item
        return hit

    def field_of(self, preview: int, item: QQuickItem) -> FieldPath | None:
        if self.pack is None:
            return None
        c = self.previews[preview].controller
        pages = c.loop_pages
        s = c.state
        page = page_index(self.pack, pages[s.page]) if 0 <= s.page < len(pages) else None
        return find_field(self.pack, item.property("text") or "", page, s.detail)

    @Slot(int, float, float)
    @_guarded
    def pickText(self, preview: int, x: float, y: float) -> None:  # noqa: N802 - QML name
        """Edit mode: a click on a preview opens the editor over the text there, with its field named."""
        item = self.text_at(preview, x, y)
        if item is None:
            self._say("No text there: click on a text to change it")
            return
        path = self.field_of(preview, item)
        if path is None:
            self._say(f"{(item.property('text') or '')[:40]!r} is the kiosk's own wording, not the pack's")
            return
        self.begin_edit(path, preview, fit.box(item, self.previews[preview].view))

    @Slot(int)
    @_guarded
    def editEntry(self, index: int) -> None:  # noqa: N802 - QML name
        """Keyboard route to the editor: the n-th text of the page on screen (see pageTexts)."""
        texts = self._page_texts()
        if 0 <= index < len(texts):
            self.begin_edit(texts[index][0], 0, None)

    def _page_texts(self) -> list[tuple[FieldPath, str]]:
        if self.pack is None or not self.previews:
            return []
        c = self.previews[0].controller
        pages = c.loop_pages
        if not 0 <= c.state.page < len(pages):
            return []
        return page_texts(self.pack, page_index(self.pack, pages[c.state.page]))

    @Property(list, notify=positionChanged)
    def pageTexts(self) -> list[str]:  # noqa: N802 - QML name
        return [f"{_field_name(p)}: {t}" for p, t in self._page_texts()]

    def begin_edit(self, path: FieldPath, preview: int, rect: QRectF | None) -> None:
        assert self.pack is not None
        value = value_at(self.pack, path)
        if value is None:
            self._say(f"{_field_name(path)} is not a text of the pack")
            return
        if rect is None:  # from the keyboard: over the same words on the first preview, if they are on screen
            view = self.previews[preview].view
            hit = next((i for i in fit.visible_texts(view) if (i.property("text") or "").strip() == value), None)
            rect = fit.box(hit, view) if hit is not None else QRectF(0, 0, self.sizes[preview][0], 0)
        place = Locator(self.pack).place(path)
        self._edit = {
            "path": path,
            "preview": preview,
            "value": value,
            "error": "",
            "field": f"{Path(place.file).name}:{place.line}: {place.field}",
            "rect": {"x": rect.x(), "y": rect.y(), "width": rect.width(), "height": rect.height()},
        }
        self._say("")
        self.editChanged.emit()

    @Property(bool, notify=editChanged)
    def editing(self) -> bool:
        return bool(self._edit)

    @Property(str, notify=editChanged)
    def editField(self) -> str:  # noqa: N802 - QML name
        return str(self._edit.get("field", ""))

    @Property(str, notify=editChanged)
    def editValue(self) -> str:  # noqa: N802 - QML name
        return str(self._edit.get("value", ""))

    @Property(str, notify=editChanged)
    def editError(self) -> str:  # noqa: N802 - QML name
        return str(self._edit.get("error", ""))

    @Property(int, notify=editChanged)
    def editPreview(self) -> int:  # noqa: N802 - QML name
        return int(self._edit.get("preview", -1))

    @Property(dict, notify=editChanged)
    def editRect(self) -> dict[str, float]:  # noqa: N802 - QML name
        return dict(self._edit.get("rect", {}))

    @Slot(str)
    @_guarded
    def commitEdit(self, value: str) -> None:  # noqa: N802 - QML name
        """Write the new words into pack.toml (that value only; comments and layout stay) and show them at once."""
        if not self._edit:
            return
        from kiosk.core.pack_edit import PackEditError, set_text

        path: FieldPath = self._edit["path"]
        try:
            set_text(self.root / PACK_FILE, path, value)
        except (PackEditError, OSError) as error:
            self._edit = dict(self._edit, error=str(error), value=value)
            self.editChanged.emit()
            return
        self._edit = {}
        self.editChanged.emit()
        self.watch.look()  # the save is ours: show it now rather than when the notification comes
        self._say(f"Saved {_field_name(path)}")

    @Slot()
    def cancelEdit(self) -> None:  # noqa: N802 - QML name
        self._edit = {}
        self.editChanged.emit()


# --- the window ----------------------------------------------------------------------------------------------------


_ENGINE_PROPERTY = "studioSingleton"


@functools.cache
def register_studio_types() -> None:
    def create(engine: QQmlEngine) -> QObject:
        instance = engine.property(_ENGINE_PROPERTY)
        if not isinstance(instance, QObject):
            raise RuntimeError("QML asked for Studio in an engine start_studio did not make")
        return instance

    qmlRegisterSingletonType(StudioController, QML_MODULE, 1, 0, "Studio", create)  # type: ignore[call-overload]


# Registered when this module is imported, before any QML engine of the process has loaded anything (the kiosk's own
# types are registered with its first engine): a type registered after an engine has loaded QML leaves every later
# engine unable to make a `Connections` ("Cannot assign object of type QQmlConnections_QML_N"; PySide 6.11), and the
# tests make many kiosk engines before the studio's.
register_studio_types()


@dataclass
class StudioSession:
    """What start_studio built; `close()` takes the previews down before the window they sit in."""

    app: QGuiApplication
    studio: StudioController
    engine: QQmlApplicationEngine
    window: QQuickWindow

    @property
    def previews(self) -> list[Preview]:
        return self.studio.previews

    def close(self) -> None:
        """Views first (out of the window), then the window and its engine, then the previews' engines: a preview
        engine destroyed while the studio's window lives deletes that window with it (seen with Qt 6.11)."""
        self.studio.watch.stop()
        self.studio.measure.disarm()
        previews, self.studio.previews = self.studio.previews, []
        for preview in previews:
            preview.detach()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.window.close()
        self.engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        for preview in previews:
            preview.engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def slots(window: QQuickWindow) -> Iterator[QQuickItem]:
    for item in walk(window.contentItem()):
        if item.objectName().startswith("previewHolder-"):
            yield item


def start_studio(
    root: Path,
    sizes: tuple[tuple[int, int], ...] = limits.STUDIO_SIZES,
    window_size: tuple[int, int] = (1600, 900),
    clock: Callable[[], float] = time.monotonic,
    sources: Path | None = None,
) -> StudioSession:
    """The studio window with one preview per size, not yet shown. The QGuiApplication must exist."""
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication), "create the QGuiApplication first"
    qtapp.load_resources()
    qtapp.load_fonts()
    # Every type registered before the first engine: one registered after an engine has loaded QML leaves the
    # next engine unable to make the kiosk's `Connections` ("Cannot assign object of type QQmlConnections_QML_N").
    qtapp.register_qml_types()
    register_studio_types()
    studio = StudioController(root, sizes, clock=clock, sources=sources)
    pack = studio.load_first()
    engine = QQmlApplicationEngine()
    studio.setParent(engine)
    QJSEngine.setObjectOwnership(studio, QJSEngine.ObjectOwnership.CppOwnership)
    engine.setProperty(_ENGINE_PROPERTY, studio)
    engine.setInitialProperties({"width": window_size[0], "height": window_size[1]})
    engine.loadFromModule(QML_MODULE, "StudioWindow")
    if not engine.rootObjects():
        raise RuntimeError("the studio's QML did not load (see the log for the QML errors)")
    window = engine.rootObjects()[0]
    assert isinstance(window, QQuickWindow)
    # The previews' QML sees this window (PageHost's `Window.window`); a window without a parent reached from an
    # engine that did not make it would be that engine's to delete when it collects garbage or is destroyed.
    QJSEngine.setObjectOwnership(window, QJSEngine.ObjectOwnership.CppOwnership)
    session = StudioSession(app, studio, engine, window)
    if pack is not None:
        show_previews(session, pack)
    else:  # broken from the start: the previews come with the first good save
        studio.reloaded.connect(functools.partial(_first_good, session))
    return session


def show_previews(session: StudioSession, pack: Pack) -> None:
    studio = session.studio
    holders = sorted(slots(session.window), key=lambda i: int(i.objectName().rsplit("-", 1)[1]))
    assert len(holders) == len(studio.sizes), "one holder per size in StudioWindow.qml"
    icons = qtapp.load_icon_font()
    previews = []
    for size, holder in zip(studio.sizes, holders, strict=True):
        preview = Preview(pack, studio.loop, size, studio._variant, icons, studio._clock)
        preview.view.setParentItem(holder)
        previews.append(preview)
    studio.attach(previews)


def _first_good(session: StudioSession) -> None:
    if not session.studio.previews and session.studio.pack is not None:
        show_previews(session, session.studio.pack)


def run_studio(
    root: Path, sizes: tuple[tuple[int, int], ...], sources: Path | None = None, exit_after_first_frame: bool = False
) -> int:
    """`kiosk studio`: the window until it is closed. `exit_after_first_frame` (the frozen build's test): exit 0
    once the window has drawn its previews, 1 if a good pack's previews are missing."""
    qtapp.prepare_environment()
    app = qtapp.make_application()
    qtapp.install_qt_logging()
    session = start_studio(root, sizes, sources=sources)
    if exit_after_first_frame:

        def drawn() -> None:
            shown = len(session.previews) == len(sizes) or session.studio.pack is None
            log.info("studio: first frame with %d preview(s)", len(session.previews))
            app.exit(0 if shown else 1)

        session.window.frameSwapped.connect(drawn, Qt.ConnectionType.QueuedConnection)
    session.window.show()
    try:
        return app.exec()
    finally:
        session.close()
