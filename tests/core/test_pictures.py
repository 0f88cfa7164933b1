"""kiosk.core.pictures: a pack picture is checked for what it is, and may refer to nothing outside itself."""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

import pytest

from kiosk.core import pictures
from kiosk.core.limits import IMAGE_MAX_PIXELS

ROOT = Path(__file__).resolve().parents[2]
PICTURES = ROOT / "tests" / "fixtures" / "pictures"
PNG = (PICTURES / "drawing.png").read_bytes()
PALETTE_PNG = (PICTURES / "palette.png").read_bytes()
JPEG = (PICTURES / "photo.jpg").read_bytes()
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'


def svg(body: str, before: str = "") -> bytes:
    return f"{before}{SVG_OPEN}{body}</svg>".encode()


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(
    width: int, height: int, colour: int = 2, depth: int = 8, interlace: int = 0, data: bytes | None = None
) -> bytes:
    """A PNG whose image data is exactly as long as the size needs (every row filter 0, all pixels 0)."""
    if data is None:
        data = zlib.compress(b"\0" * pictures._png_data_size(width, height, depth, colour, interlace))
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace)
    plte = chunk(b"PLTE", b"\0\0\0") if colour == 3 else b""
    return pictures.PNG_SIGNATURE + chunk(b"IHDR", header) + plte + chunk(b"IDAT", data) + chunk(b"IEND", b"")


# --- what passes ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["drawing.png", "palette.png", "photo.jpg"])
def test_pictures_qt_wrote_pass(name: str) -> None:
    assert pictures.problem((PICTURES / name).read_bytes(), Path(name).suffix) is None


def test_every_builtin_picture_passes() -> None:
    files = sorted((ROOT / "assets" / "packs").glob("*/art/*"))
    assert files
    assert {f.name: pictures.problem(f.read_bytes(), f.suffix) for f in files} == {f.name: None for f in files}


@pytest.mark.parametrize(
    "body",
    [
        '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" style="fill: url( \'#g\' )"/>',
        '<use href="#g"/><use xlink:href="#g"/><a href=""/>',
        '<style>rect { fill: url(#g) }</style><rect class="a"/>',
        '<image href="data:image/png;base64,' + base64.b64encode(PNG).decode() + '"/>',
        '<image xlink:href="data:image/jpeg;base64,\n' + base64.encodebytes(JPEG).decode() + '"/>',
        "<text>\u0645\u0631\u062d\u0628\u0627 Croeso</text>",
    ],
)
def test_svgs_that_refer_only_to_themselves_pass(body: str) -> None:
    assert pictures.problem(svg(body), ".svg") is None


def test_a_doctype_without_entities_passes() -> None:
    """Older exporters write the SVG 1.1 DOCTYPE line; it declares nothing and nothing is fetched."""
    doctype = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    )
    assert pictures.problem(svg("<rect/>", doctype), ".svg") is None


@pytest.mark.parametrize(("width", "height"), [(1, 1), (7, 3), (9, 17), (33, 8)])
@pytest.mark.parametrize(("colour", "depth"), [(0, 1), (0, 16), (2, 8), (3, 4), (4, 8), (6, 16)])
def test_every_png_layout_is_measured_right(width: int, height: int, colour: int, depth: int) -> None:
    for interlace in (0, 1):
        good = png(width, height, colour, depth, interlace)
        assert pictures.problem(good, ".png") is None
        short = zlib.compress(b"\0" * (pictures._png_data_size(width, height, depth, colour, interlace) - 1))
        assert "cut short" in str(pictures.problem(png(width, height, colour, depth, interlace, short), ".png"))


# --- what is refused ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('<image href="../../elsewhere/x.png"/>', "'../../elsewhere/x.png'"),
        ('<image href="/etc/hostname"/>', "'/etc/hostname'"),
        ('<image xlink:href="file:///etc/hostname"/>', "file:///etc/hostname"),
        ('<image href="http://example.org/x.png"/>', "http://example.org"),
        ('<image href="HTTPS://example.org/x.png"/>', "HTTPS://example.org"),
        ('<image href=" art/other.svg"/>', "art/other.svg"),
        ('<use href="other.svg#g"/>', "other.svg#g"),
        ('<image href="data:image/svg+xml;base64,PHN2Zy8+"/>', "data:image/svg+xml"),
        ('<image href="data:image/png;base64,AAAA"/>', "embedded PNG"),
        ('<image href="data:image/png;base64,%%%"/>', "not valid base64"),
        ('<rect style="fill: url(/etc/x.png)"/>', "url(/etc/x.png)"),
        ("<rect fill=\"url('file:///x.png')\"/>", "url(file:///x.png)"),
        ('<rect filter="url(https://example.org/f.svg#blur)"/>', "example.org"),
        ("<style>@import 'https://example.org/a.css';</style>", "@import"),
        ('<style>rect { background: url("x.png") }</style>', "url(x.png)"),
        ("<style>rect { fill: url(x.png</style>", "url("),
        ('<rect style="fill: url(#a) ; stroke: url (x.png)"/>', "url(x.png)"),
        ('<rect style="fill: u\\72l(x.png)"/>', "CSS escape"),
        ("<style>rect { fill: \\75rl(x.png) }</style>", "CSS escape"),
        ('<image href="#a"><set attributeName="xlink:href" to="file:///etc/x.png"/></image>', "animates a reference"),
        ('<image href="#a"><animate attributeName="href" values="x.png;y.png"/></image>', "animates a reference"),
        ('<script href="x.js"/>', "<script>"),
        ("<script>alert(1)</script>", "<script>"),
        ("<foreignObject><p>hi</p></foreignObject>", "<foreignObject>"),
        ('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="x.svg"/>', "XInclude"),
        ('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" parse="text"/>', "XInclude"),
    ],
)
def test_svg_references_outside_the_picture_are_refused(body: str, words: str) -> None:
    found = pictures.problem(svg(body), ".svg")
    assert found is not None and words in found, found


@pytest.mark.parametrize(
    ("before", "words"),
    [
        ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/hostname">]>', "entities"),
        ('<!DOCTYPE svg [<!ENTITY x "x"><!ENTITY y "&x;&x;&x;&x;">]>', "entities"),
        ('<!DOCTYPE svg [<!ENTITY % p SYSTEM "https://example.org/p.dtd"> %p;]>', "entities"),
        ('<!DOCTYPE svg [<!ATTLIST image href CDATA "file:///etc/x.png">]>', "file:///etc/x.png"),
        ('<?xml-stylesheet href="https://example.org/a.css"?>', "style sheet"),
    ],
)
def test_entities_and_outside_style_sheets_are_refused(before: str, words: str) -> None:
    found = pictures.problem(svg("<image/>", before), ".svg")
    assert found is not None and words in found, found


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"   \n", "not a readable SVG"),
        (b"<svg", "not a readable SVG"),
        (b"<html xmlns='http://www.w3.org/1999/xhtml'/>", "not an SVG"),
        (b"\x89PNG\r\n\x1a\n", "named .svg but is a PNG"),
        (bytes(range(256)), "not a readable SVG"),
    ],
)
def test_svgs_that_are_not_pictures_are_refused(data: bytes, words: str) -> None:
    found = pictures.problem(data, ".svg")
    assert found is not None and words in found, found


def test_every_truncation_of_a_png_or_jpeg_is_refused() -> None:
    for data, suffix in ((PNG, ".png"), (PALETTE_PNG, ".png"), (JPEG, ".jpg")):
        for end in range(len(data)):
            assert pictures.problem(data[:end], suffix) is not None, (suffix, end)


def test_a_flipped_byte_in_a_png_is_refused() -> None:
    for at in range(8, len(PNG) - 4):
        damaged = bytearray(PNG)
        damaged[at] ^= 0x40
        assert pictures.problem(bytes(damaged), ".png") is not None, at


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (png(4, 4, data=b"not zlib"), "cannot be decompressed"),
        (png(0, 4), "impossible size"),
        (png(4, 4, colour=2, depth=4, data=b""), "does not exist"),
        (png(4, 4, colour=9, data=b""), "does not exist"),
        (pictures.PNG_SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 3, 0, 0, 0)), "cut short"),
        (png(4, 4)[: -len(chunk(b"IEND", b""))], "cut short"),
        (png(4, 4).replace(chunk(b"IDAT", png(4, 4)[33:-12][8:-4]), b""), "no image data"),
        (png(100_000, 100_000, colour=0, depth=1, data=b""), f"at most {IMAGE_MAX_PIXELS:,} pixels"),
        (JPEG, "named .png but is a JPEG"),
        (b"GIF89a" + bytes(40), "named .png but is not a picture"),
    ],
)
def test_broken_pngs_are_refused(data: bytes, words: str) -> None:
    found = pictures.problem(data, ".png")
    assert found is not None and words in found, found


def test_a_palette_png_without_its_palette_is_refused() -> None:
    broken = png(4, 4, colour=3).replace(chunk(b"PLTE", b"\0\0\0"), b"")
    assert "without its palette" in str(pictures.problem(broken, ".png"))


def test_a_png_bomb_is_measured_without_being_held() -> None:
    """Data that would decompress to far more than its size needs is counted only as far as it needs."""
    needed = pictures._png_data_size(4000, 4000, 8, 2, 0)
    bomb = png(4000, 4000, data=zlib.compress(b"\0" * (needed * 4), 9))
    assert pictures.problem(bomb, ".png") is None


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xff\xd8\xff\xd9", "no image data"),
        (b"\xff\xd8", "cut short"),
        (JPEG.replace(b"\xff\xda", b"\xff\xfe", 1), "damaged"),  # the scan read as a comment: then garbage
        (JPEG[:2] + b"\x00" + JPEG[3:], "no marker"),
        (PNG, "named .jpg but is a PNG"),
    ],
)
def test_broken_jpegs_are_refused(data: bytes, words: str) -> None:
    found = pictures.problem(data, ".jpg")
    assert found is not None and words in found, found


def test_a_huge_jpeg_frame_is_refused() -> None:
    at = JPEG.index(b"\xff\xc0") + 5  # SOFn: length(2) precision(1) height(2) width(2)
    huge = JPEG[:at] + struct.pack(">HH", 65000, 65000) + JPEG[at + 4 :]
    assert "pixels" in str(pictures.problem(huge, ".jpeg"))


def test_an_unknown_suffix_is_refused() -> None:
    assert "pictures must be" in str(pictures.problem(PNG, ".gif"))
