"""`kiosk handout`: a pack's key messages, tips and help routes as a printable A4 PDF for parents' evenings.

Everything printed comes from the pack's own pages (the loop for one audience), in loop order, grouped as key
messages, tips, plan and help. Black on white only, so it prints the same on any school printer: emphasis is
bold type and black rules, never colour. Text is laid out line by line with QTextLayout against the PDF's own
font metrics and moved to the next page whole, so no line is ever cut; QR codes are drawn as filled module
rectangles (crisp at any printer resolution) with their full quiet zone and their address printed beside them.
"""

from __future__ import annotations

import functools
import logging
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextLayout,
    QTextOption,
)

from kiosk.core import qr
from kiosk.core.files import FileProblem, atomic_write, check_replaceable
from kiosk.core.pack import Pack, Page

log = logging.getLogger(__name__)

DPI = 300
MM = DPI / 25.4  # device pixels per millimetre
MARGIN_MM = 18.0  # wider than most printers' unprintable edge (about 5 mm)
FOOTER_MM = 10.0
QR_MM = 36.0  # the most a code may take, quiet zone included; at least 31 mm: scans at arm's length
QUIET_MM = 3.0  # about the quiet zone's width: the words beside a code line up with its dark modules
LINK_GAP_MM = 8.0
KEEP_MM = 13.0  # a heading moves to the next page unless two lines of what follows fit under it
# Atkinson Hyperlegible, with the open-zero digits of "Kiosk Figures" (kiosk/ui/app.py, tools/make_figures_font.py):
# text recognition reads its slashed zero as 9 (`101` as `191`) when a parent photographs the sheet.
FAMILIES = ["Kiosk Figures", "Atkinson Hyperlegible"]
PHONE_GAP_MM = 10.0  # between a phone number and its label: a phone's camera keeps them apart
ZWSP = "\u200b"  # a break opportunity inside web addresses; never drawn
AUDIENCE_LINE = {"parents": "For parents and carers", "students": "For students"}
BLACK = QColor(0, 0, 0)

Op = Callable[[QPainter], None]


class HandoutError(Exception):
    """The handout could not be written; the message says what to change."""


def _font(points: float, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FAMILIES)
    font.setPixelSize(round(points * DPI / 72))
    font.setBold(bold)
    font.setItalic(italic)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # same metrics on paper as measured
    return font


def _phone_font() -> QFont:
    """Numbers to dial: large bold figures, their groups a little further apart than words are."""
    font = _font(24, bold=True)
    font.setWordSpacing(font.pixelSize() * 0.12)
    return font


@dataclass
class Styles:
    title: QFont = field(default_factory=lambda: _font(24, bold=True))
    subtitle: QFont = field(default_factory=lambda: _font(14))
    heading: QFont = field(default_factory=lambda: _font(16, bold=True))
    strong: QFont = field(default_factory=lambda: _font(11.5, bold=True))
    body: QFont = field(default_factory=lambda: _font(11.5))
    quote: QFont = field(default_factory=lambda: _font(11.5, italic=True))
    small: QFont = field(default_factory=lambda: _font(10))
    phone: QFont = field(default_factory=_phone_font)
    footer: QFont = field(default_factory=lambda: _font(9))


@dataclass
class Lines:
    """A paragraph broken into lines for one column width: each line's text, baseline and height."""

    font: QFont
    texts: list[str]
    ascent: float
    step: float  # distance from one line's top to the next

    @property
    def height(self) -> float:
        return self.step * len(self.texts)

    def draw(self, painter: QPainter, x: float, top: float, first: int = 0, count: int | None = None) -> None:
        painter.setFont(self.font)
        painter.setPen(BLACK)
        chosen = self.texts[first : None if count is None else first + count]
        for n, text in enumerate(chosen):
            painter.drawText(QPointF(x, top + n * self.step + self.ascent), text)


class Flow:
    """Places blocks down the page's text area and starts a new page when the next one would not fit."""

    def __init__(self, device: QPdfWriter, width: float, height: float) -> None:
        self.device = device
        self.width = width
        self.height = height
        self.pages: list[list[Op]] = [[]]
        self.y = 0.0
        self.title = ""

    # --- measuring ---------------------------------------------------------------------------------------
    def lines(self, text: str, font: QFont, width: float) -> Lines:
        layout = QTextLayout(text, font, self.device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        texts: list[str] = []
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            piece = text[line.textStart() : line.textStart() + line.textLength()]
            texts.append(piece.replace(ZWSP, "").rstrip())
        layout.endLayout()
        metrics = QFontMetricsF(font, self.device)
        return Lines(font, texts, metrics.ascent(), metrics.height() * 1.2)

    # --- placing ------------------------------------------------------------------------------------------
    def new_page(self) -> None:
        if self.pages[-1]:
            self.pages.append([])
        self.y = 0.0

    def room(self) -> float:
        return self.height - self.y

    def need(self, height: float) -> None:
        """Start a new page unless `height` fits below what is already on this one."""
        if height > self.room() and self.y > 0:
            self.new_page()

    def space(self, mm: float) -> None:
        if self.y > 0:
            self.y = min(self.height, self.y + mm * MM)

    def add(self, op: Op) -> None:
        self.pages[-1].append(op)

    def paragraph(self, text: str, font: QFont, indent_mm: float = 0.0, keep_mm: float = 0.0) -> None:
        """Text wrapped to the column; lines that do not fit go to the next page. `keep_mm`: room wanted
        below the paragraph's first lines (a heading keeps its first following lines with it)."""
        if not text.strip():
            return
        x = indent_mm * MM
        lines = self.lines(text, font, self.width - x)
        self.need(min(lines.height, lines.step * 2) + keep_mm * MM)
        first = 0
        while first < len(lines.texts):
            if self.room() < lines.step:
                self.new_page()
            count = min(len(lines.texts) - first, max(1, int(self.room() // lines.step)))
            top = self.y
            self.add(functools.partial(lines.draw, x=x, top=top, first=first, count=count))
            self.y += count * lines.step
            first += count

    def rule(self, thickness_mm: float = 0.5) -> None:
        top, width, thick = self.y, self.width, thickness_mm * MM
        self.add(lambda p: p.fillRect(QRectF(0, top, width, thick), BLACK))
        self.y += thick

    def columns(self, left_width_mm: float, left: Sequence[Lines], right: Sequence[Lines], gap_mm: float = 6) -> None:
        """Two columns of text kept together on one page (a phone number beside its label)."""
        height = max(sum(b.height for b in left), sum(b.height for b in right))
        self.need(height)
        top, right_x = self.y, (left_width_mm + gap_mm) * MM
        self.add(lambda p: _stack(p, left, 0, top))
        self.add(lambda p: _stack(p, right, right_x, top))
        self.y += height


def _stack(painter: QPainter, blocks: Sequence[Lines], x: float, top: float) -> None:
    for block in blocks:
        block.draw(painter, x, top)
        top += block.height


def _qr_size(url: str) -> tuple[tuple[tuple[bool, ...], ...], int]:
    modules = qr.matrix(url)
    return modules, math.floor(QR_MM * MM / len(modules))  # whole device pixels per module: no seams


def _draw_qr(painter: QPainter, modules: tuple[tuple[bool, ...], ...], module: int, x: float, top: float) -> None:
    """Dark modules as filled rectangles, one per run along a row; the quiet zone is the matrix's own border."""
    x0, y0 = round(x), round(top)
    for r, row in enumerate(modules):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            painter.fillRect(x0 + start * module, y0 + r * module, (c - start) * module, module, BLACK)


def display_address(url: str) -> str:
    """The address as people type it, as the kiosk prints it: no scheme, no trailing slash."""
    return url.removeprefix("https://").rstrip("/")


# --- the handout's sections ----------------------------------------------------------------------------------


def _heading(flow: Flow, s: Styles, text: str) -> None:
    flow.space(7)
    flow.paragraph(text, s.heading, keep_mm=KEEP_MM + 2)
    flow.space(2)


def _quote(flow: Flow, s: Styles, text: str, by: str) -> None:
    """A quotation: italic with a black bar beside it, then who said it."""
    if not text:
        return
    flow.space(3)
    bar_x, indent = 1.0 * MM, 6.0
    lines = flow.lines(f"\u201c{text}\u201d", s.quote, flow.width - indent * MM)
    by_lines = flow.lines(f"\u2014 {by}", s.small, flow.width - indent * MM) if by else None
    height = lines.height + (by_lines.height if by_lines else 0)
    if height <= flow.height:
        flow.need(height)
        top = flow.y
        flow.add(lambda p: p.fillRect(QRectF(bar_x, top, 0.8 * MM, height), BLACK))
        flow.add(lambda p: _stack(p, [b for b in (lines, by_lines) if b], indent * MM, top))
        flow.y += height
    else:  # longer than a page (not possible within the pack's limits): flow it without the bar
        flow.paragraph(f"\u201c{text}\u201d", s.quote, indent)
        flow.paragraph(f"\u2014 {by}" if by else "", s.small, indent)


def _key_message(flow: Flow, s: Styles, page: Page) -> None:
    data = page.data
    if page.kind != "poster" or page.title != flow.title:  # the campaign's name is the sheet's title already
        _heading(flow, s, page.title)
    if page.kind == "poster":
        _quote(flow, s, data.get("subtitle", ""), data.get("attribution", ""))
    elif page.kind == "info":
        for paragraph in data.get("body", ()):
            flow.paragraph(paragraph, s.body)
            flow.space(2)
        _quote(flow, s, data.get("quote", ""), data.get("quote_by", ""))
    elif page.kind == "law":
        flow.paragraph(data.get("intro", ""), s.body)
        for point in data.get("points", ()):
            flow.space(3)
            flow.paragraph(point["heading"], s.strong, keep_mm=KEEP_MM)
            flow.paragraph(point["text"], s.body)


def _numbered(flow: Flow, s: Styles, number: int, first: str, second: str) -> None:
    """A numbered item: the number in the margin, `first` in bold, `second` below it."""
    indent = 9.0
    flow.space(3)
    head = flow.lines(first, s.strong, flow.width - indent * MM)
    flow.need(head.height + (2 * s.body.pixelSize() * 1.2 if second else 0))
    top = flow.y
    flow.add(lambda p: Lines(s.strong, [f"{number}."], head.ascent, head.step).draw(p, 0, top))
    flow.paragraph(first, s.strong, indent)
    flow.paragraph(second, s.body, indent)


def _tips(flow: Flow, s: Styles, page: Page) -> None:
    _heading(flow, s, page.title)
    for n, tip in enumerate(page.data.get("tips", ()), start=1):
        _numbered(flow, s, n, tip["text"], tip.get("todo", ""))


def _plan(flow: Flow, s: Styles, page: Page) -> None:
    _heading(flow, s, page.title)
    for n, option in enumerate(page.data.get("options", ()), start=1):
        _numbered(flow, s, n, option["label"], option.get("detail", ""))


def _help(flow: Flow, s: Styles, page: Page, seen: set[str]) -> None:
    links = [link for link in page.data.get("links", ()) if link["url"] not in seen]
    phones = [phone for phone in page.data.get("phones", ()) if phone["number"] not in seen]
    if not links and not phones:
        return
    _heading(flow, s, page.title)
    flow.paragraph(page.data.get("intro", ""), s.body)
    column = (flow.width - LINK_GAP_MM * MM) / 2  # two codes side by side: help fits on one sheet
    text_width = column - QR_MM * MM - 4 * MM
    for pair in (links[i : i + 2] for i in range(0, len(links), 2)):
        cells = []
        for link in pair:
            seen.add(link["url"])
            address = display_address(link["url"]).replace("/", "/" + ZWSP)  # break after a slash, not mid-word
            words = [flow.lines(link["label"], s.strong, text_width), flow.lines(address, s.body, text_width)]
            if link.get("note"):
                words.append(flow.lines(link["note"], s.small, text_width))
            cells.append((*_qr_size(link["url"]), words))
        height = max(max(len(m) * k, sum(w.height for w in words)) for m, k, words in cells)
        flow.space(4)
        flow.need(height)
        top = flow.y
        for n, (modules, module, words) in enumerate(cells):
            left = n * (column + LINK_GAP_MM * MM)
            flow.add(functools.partial(_draw_qr, modules=modules, module=module, x=left, top=top))
            flow.add(functools.partial(_stack, blocks=words, x=left + QR_MM * MM + 4 * MM, top=top + QUIET_MM * MM))
        flow.y += height
    # every label starts a clear gap after the widest number (never more than half the column), so the numbers
    # line up, each on one line, and none runs into its label
    metrics = QFontMetricsF(s.phone, flow.device)
    widest = max((metrics.horizontalAdvance(phone["number"]) for phone in phones), default=0.0)
    number_mm = min(widest / MM + 1, flow.width / MM / 2)
    words_width = flow.width - (number_mm + PHONE_GAP_MM) * MM
    for phone in phones:
        seen.add(phone["number"])
        flow.space(5)
        flow.columns(
            number_mm,
            [flow.lines(phone["number"], s.phone, number_mm * MM)],
            [flow.lines(phone["label"], s.strong, words_width)]
            + ([flow.lines(phone["note"], s.body, words_width)] if phone.get("note") else []),
            gap_mm=PHONE_GAP_MM,
        )


def _title(flow: Flow, s: Styles, pack: Pack, audience: str) -> None:
    flow.title = pack.name
    flow.paragraph(pack.name, s.title)
    flow.space(2)
    flow.paragraph(pack.organisation, s.subtitle)
    flow.paragraph(AUDIENCE_LINE.get(audience, ""), s.subtitle)
    flow.space(4)
    flow.rule()


def lay_out(pack: Pack, audience: str, flow: Flow, styles: Styles) -> None:
    """The handout's content, from the pack's pages for `audience`: key messages, tips, plan, then help."""
    pages = pack.pages_for(audience)
    _title(flow, styles, pack, audience)
    for page in pages:
        if page.kind in ("poster", "info", "law"):
            _key_message(flow, styles, page)
    for page in pages:
        if page.kind == "tips":
            _tips(flow, styles, page)
        elif page.kind == "plan":
            _plan(flow, styles, page)
    seen: set[str] = set()
    help_pages = [page for page in pages if page.kind == "help"]
    if help_pages:
        flow.new_page()  # help on a page of its own, to pin up or keep by the phone
        for page in help_pages:
            _help(flow, styles, page, seen)


def _footer(painter: QPainter, s: Styles, pack: Pack, width: float, top: float, number: int, total: int) -> None:
    painter.fillRect(QRectF(0, top, width, 0.25 * MM), BLACK)
    painter.setFont(s.footer)
    painter.setPen(BLACK)
    metrics = QFontMetricsF(s.footer, painter.device())
    baseline = top + 2 * MM + metrics.ascent()
    label = f"Page {number} of {total}"
    label_width = metrics.horizontalAdvance(label)
    source = metrics.elidedText(
        f"{pack.name} \u2014 {pack.organisation}", Qt.TextElideMode.ElideRight, width - label_width - 5 * MM
    )
    painter.drawText(QPointF(0, baseline), source)
    painter.drawText(QPointF(width - label_width, baseline), label)


def _check_output(out: Path) -> None:
    """Refuse, before any work, an output that could not be written as a regular file in a folder."""
    if out.is_dir() and not out.is_symlink():
        raise HandoutError(f"cannot write {out}: it is a folder; give a file name such as {out / 'handout.pdf'}")
    if not out.parent.is_dir():
        what = "is a file, not a folder" if out.parent.exists() else "does not exist"
        raise HandoutError(f"cannot write {out}: the folder {out.parent} {what}")
    try:
        check_replaceable(out)  # a link, FIFO or device is never replaced
    except FileProblem as error:
        raise HandoutError(f"cannot write {out}: it is not a regular file; give a new file name") from error
    if not os.access(out.parent, os.W_OK):
        raise HandoutError(f"cannot write {out}: no permission to write in {out.parent}")


def write_handout(pack: Pack, out: Path, audience: str = "parents") -> int:
    """Write the handout PDF (A4, 300 dpi); returns the number of pages. Raises HandoutError with the reason."""
    if audience not in AUDIENCE_LINE:
        raise HandoutError(f"audience must be one of {', '.join(AUDIENCE_LINE)}, not {audience!r}")
    if not pack.pages_for(audience):
        raise HandoutError(f"pack {pack.id} has no pages for the {audience} audience")
    out = Path(os.path.abspath(out))  # not resolve(): a link at `out` must be refused, not followed
    _check_output(out)
    pdf = QByteArray()
    buffer = QBuffer(pdf)  # the PDF is made in memory and written in one atomic step: whole or not at all
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setTitle(f"{pack.name} \u2014 {AUDIENCE_LINE[audience]}")
    writer.setCreator(pack.organisation)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    area = writer.pageLayout().paintRectPixels(DPI)
    styles = Styles()
    flow = Flow(writer, float(area.width()), area.height() - FOOTER_MM * MM)
    lay_out(pack, audience, flow, styles)
    painter = QPainter()
    if not painter.begin(writer):
        raise HandoutError(f"cannot write {out}: the PDF could not be started")
    try:
        for number, ops in enumerate(flow.pages, start=1):
            if number > 1:
                writer.newPage()
            for op in ops:
                op(painter)
            _footer(painter, styles, pack, flow.width, flow.height + 4 * MM, number, len(flow.pages))
    finally:
        painter.end()
    buffer.close()
    try:
        atomic_write(out, bytes(pdf.data()))
    except OSError as error:
        reason = str(error).removeprefix(f"{out}: ") if isinstance(error, FileProblem) else error.strerror
        raise HandoutError(f"cannot write {out}: {reason or error}") from error
    log.info("handout for %s (%s): %d pages written to %s", pack.id, audience, len(flow.pages), out)
    return len(flow.pages)


def make_handout(pack: Pack, out: Path, audience: str = "parents") -> int:
    """`kiosk handout`: a QGuiApplication offscreen (no window) with the bundled fonts, then the PDF."""
    from kiosk.ui import app as qtapp

    qtapp.prepare_environment(offscreen=True)
    qtapp.make_application()
    qtapp.load_resources()
    qtapp.load_fonts()
    return write_handout(pack, out, audience)
