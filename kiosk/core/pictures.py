"""Pack pictures checked for what they are, so a pack that passes `kiosk check` shows every picture it names and
nothing from outside it.

An SVG is parsed with defusedxml (the Python documentation's answer to XML's entity and external-reference
attacks; pure Python over the standard library's expat, no start-up cost worth measuring) and refused when it
declares entities or refers to anything outside itself: only `#fragment` references and `data:` URIs holding a
PNG or JPEG (themselves checked) are allowed; no scripts, foreign objects, XInclude or style sheet imports.
A PNG or JPEG is checked without Qt and without Pillow: a PNG's chunks, their checksums and its image data,
decompressed as a stream (never held whole) and counted against width x height x bit depth; a JPEG's markers are
walked from the start of the image through its frame and scans to the end-of-image marker. That finds the empty,
truncated, damaged and mislabelled files that Qt would show as blank space, and costs no import on the kiosk's
start-up path (the built-in packs' 13 SVGs take a few milliseconds).
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
import struct
import zlib
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from kiosk.core.limits import IMAGE_MAX_PIXELS

log = logging.getLogger(__name__)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_START = b"\xff\xd8"
SVG_NS = "{http://www.w3.org/2000/svg}"
XINCLUDE_NS = "{http://www.w3.org/2001/XInclude}"
# Elements that run code or pull in other documents: no pack picture needs them.
FORBIDDEN_ELEMENTS = {"script", "foreignObject", "iframe", "object", "embed", "audio", "video", "handler", "listener"}
# Attributes whose value is a reference to another resource.
REFERENCE_ATTRIBUTES = {"href", "src"}
DATA_URI = re.compile(r"data:image/(png|jpeg|jpg);base64,(.*)", re.DOTALL | re.IGNORECASE)
CSS_URL = re.compile(r"url\s*\(\s*(['\"]?)(.*?)\1\s*\)", re.DOTALL | re.IGNORECASE)
CSS_URL_START = re.compile(r"url\s*\(", re.IGNORECASE)
_SHOWN = 60  # characters of a refused reference quoted back to the editor


def problem(data: bytes, suffix: str) -> str | None:
    """What is wrong with a picture's bytes for its file suffix (".svg", ".png", ".jpg", ".jpeg"), or None."""
    if not data:
        return "is empty"
    suffix = suffix.lower()
    kind = _sniff(data)
    expected = {".svg": "SVG", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}.get(suffix)
    if expected is None:
        return f"is a {suffix or 'file without a suffix'}; pictures must be .svg, .png, .jpg or .jpeg"
    if kind != expected and (kind != "text" or expected != "SVG"):
        found = "a PNG picture" if kind == "PNG" else "a JPEG picture" if kind == "JPEG" else "not a picture"
        return f"is named {suffix} but is {found}"
    try:
        if expected == "SVG":
            return svg_problem(data)
        if expected == "PNG":
            return png_problem(data)
        return jpeg_problem(data)
    except Exception as error:  # a checker's own bug must not stop the load: the picture is refused instead
        log.exception("pictures: checking a %s failed", expected)
        return f"could not be checked ({type(error).__name__})"


def _sniff(data: bytes) -> str:
    if data.startswith(PNG_SIGNATURE):
        return "PNG"
    if data.startswith(JPEG_START):
        return "JPEG"
    return "text"


# --- SVG ------------------------------------------------------------------------------------------------------


def svg_problem(data: bytes) -> str | None:
    """Parse an SVG with entities and external references refused, then refuse any reference outside itself."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    builder = _Builder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as error:
        what = type(error).__name__
        if what == "EntitiesForbidden":
            return "declares XML entities; a picture may not (see docs/pack-format.md)"
        return f"refers to something outside itself ({what}); a picture must be self-contained"
    except ParseError as error:
        return f"is not a readable SVG picture ({_expat_words(error)})"
    if not isinstance(root, Element) or _local(root.tag) != "svg":
        return "is not an SVG picture (its outermost element is not <svg>)"
    for target, text in builder.instructions:
        if "stylesheet" in target.lower() or "href" in text.lower():
            return f"links a style sheet (<?{target}?>); a picture must be self-contained"
    for element in root.iter():
        name = _local(element.tag)
        if element.tag.startswith(XINCLUDE_NS):
            return "includes another file (XInclude); a picture must be self-contained"
        if name in FORBIDDEN_ELEMENTS:
            return f"contains <{name}>; a picture may not hold scripts or other documents"
        for attribute, value in element.attrib.items():
            local = _local(attribute)
            if local == "style":
                found = _style_problem(value)
            elif local == "attributeName" and _local(value.replace(":", "}")) in REFERENCE_ATTRIBUTES:
                found = "animates a reference; a picture must be self-contained"
            else:
                found = _reference_problem(local, value)
            if found:
                return f"<{name} {local}=...> {found}"
        if name == "style" and element.text:
            found = _style_problem(element.text)
            if found:
                return f"<style> {found}"
    return None


class _Builder(TreeBuilder):
    """A tree builder that also keeps the processing instructions, wherever they are (an <?xml-stylesheet
    href=...?> before the root is a reference too)."""

    def __init__(self) -> None:
        super().__init__()
        self.instructions: list[tuple[str, str]] = []

    def pi(self, target: str, text: str | None = None) -> Element:
        self.instructions.append((target, text or ""))
        return super().pi(target, text)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _expat_words(error: ParseError) -> str:
    line, column = getattr(error, "position", (0, 0))
    message = str(error).split(":")[0]
    return f"{message}, line {line} column {column + 1}"


def _show(value: str) -> str:
    value = value.strip()
    return repr(value if len(value) <= _SHOWN else value[:_SHOWN] + "...")


def _reference_problem(attribute: str, value: str) -> str | None:
    if attribute in REFERENCE_ATTRIBUTES:
        target = value.strip()
        if not target or target.startswith("#"):
            return None
        data = DATA_URI.fullmatch(target)
        if data:
            return _embedded_problem(data.group(1), data.group(2))
        return f"refers to {_show(value)}; only #names inside the picture and embedded PNG or JPEG data are allowed"
    return _css_problem(value)


def _css_problem(css: str) -> str | None:
    if "(" not in css and "@" not in css:  # most attribute values: no url( and no @import (keeps checks fast)
        return None
    if "@import" in css.lower():
        return "imports a style sheet (@import); a picture must be self-contained"
    found = 0
    for match in CSS_URL.finditer(css):
        found += 1
        target = match.group(2).strip()
        if not target.startswith("#"):
            return f"uses url({_show(target)[1:-1]}); only url(#name) inside the picture is allowed"
    if len(CSS_URL_START.findall(css)) != found:
        return "has a url( that is never closed"
    return None


def _style_problem(css: str) -> str | None:
    """A style attribute or <style> sheet: as any value, and no CSS escapes, which could spell a url( in disguise."""
    if "\\" in css:
        return "uses a CSS escape (\\); write the style plainly"
    return _css_problem(css)


def _embedded_problem(kind: str, payload: str) -> str | None:
    try:
        data = base64.b64decode(re.sub(r"\s+", "", payload), validate=True)
    except (binascii.Error, ValueError):
        return "holds embedded picture data that is not valid base64"
    found = png_problem(data) if kind.lower() == "png" else jpeg_problem(data)
    return f"holds an embedded {kind.upper()} that {found}" if found else None


# --- PNG ------------------------------------------------------------------------------------------------------

# colour type -> (channels, allowed bit depths)
_PNG_TYPES = {0: (1, (1, 2, 4, 8, 16)), 2: (3, (8, 16)), 3: (1, (1, 2, 4, 8)), 4: (2, (8, 16)), 6: (4, (8, 16))}
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))
_INFLATE_STEP = 1 << 20  # at most this much decompressed data is held at once


def png_problem(data: bytes) -> str | None:
    """Walk a PNG's chunks (their checksums included) and decompress its image data as a stream,
    counting it against what its size, colour type and bit depth need."""
    if not data.startswith(PNG_SIGNATURE):
        return "is not a PNG picture"
    pos = len(PNG_SIGNATURE)
    header: tuple[int, ...] | None = None
    palette = False
    inflater = zlib.decompressobj()
    produced = 0
    needed = 0
    idat_done = False
    seen_idat = False
    while True:
        if pos + 8 > len(data):
            return "is cut short (it ends before its last chunk)"
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 8 + length + 4
        if length > 0x7FFFFFFF or end > len(data):
            return f"is cut short (its {kind.decode('latin-1')!r} chunk runs past the end of the file)"
        body = data[pos + 8 : pos + 8 + length]
        if not kind.isalpha() or not kind.isascii():
            return f"is damaged (a chunk named {kind!r} at byte {pos:,})"
        if zlib.crc32(kind + body) != struct.unpack(">I", data[end - 4 : end])[0]:
            return f"is damaged (the checksum of its {kind.decode('latin-1')!r} chunk is wrong)"
        pos = end
        if header is None:
            if kind != b"IHDR" or length != 13:
                return "is damaged (it does not start with its header)"
            header = struct.unpack(">IIBBBBB", body)
            width, height, depth, colour, compression, filtering, interlace = header
            found = _png_header_problem(width, height, depth, colour, compression, filtering, interlace)
            if found:
                return found
            needed = _png_data_size(width, height, depth, colour, interlace)
            continue
        if kind == b"PLTE":
            palette = True
        elif kind == b"IDAT":
            if idat_done:
                return "is damaged (its image data is split by other chunks)"
            if header[3] == 3 and not palette:
                return "is damaged (a palette picture without its palette)"
            seen_idat = True
            try:
                produced += _inflate(inflater, body, needed - produced)
            except zlib.error:
                return "is damaged (its image data cannot be decompressed)"
        elif kind == b"IEND":
            if not seen_idat:
                return "has no image data"
            if produced < needed:
                return f"is cut short (its image data holds {produced:,} of {needed:,} bytes)"
            return None
        elif seen_idat:
            idat_done = True


def _png_header_problem(
    width: int, height: int, depth: int, colour: int, compression: int, filtering: int, interlace: int
) -> str | None:
    if not (0 < width < 2**31 and 0 < height < 2**31):
        return f"has an impossible size ({width} x {height})"
    if colour not in _PNG_TYPES or depth not in _PNG_TYPES[colour][1]:
        return f"is damaged (colour type {colour} with bit depth {depth} does not exist)"
    if compression != 0 or filtering != 0 or interlace not in (0, 1):
        return "is damaged (unknown compression, filter or interlace method)"
    if width * height > IMAGE_MAX_PIXELS:
        return f"is {width} x {height} pixels; at most {IMAGE_MAX_PIXELS:,} pixels are shown (make it smaller)"
    return None


def _png_data_size(width: int, height: int, depth: int, colour: int, interlace: int) -> int:
    """Bytes of filtered image data: per row one filter byte and the row's packed pixels, per Adam7 pass."""
    bits = _PNG_TYPES[colour][0] * depth
    passes = _ADAM7 if interlace else ((0, 0, 1, 1),)
    total = 0
    for x0, y0, dx, dy in passes:
        w = (width - x0 + dx - 1) // dx
        h = (height - y0 + dy - 1) // dy
        if w > 0 and h > 0:
            total += h * (1 + (w * bits + 7) // 8)
    return total


def _inflate(inflater: zlib._Decompress, chunk: bytes, wanted: int) -> int:
    """Decompress `chunk`, holding at most _INFLATE_STEP bytes at once; stop counting past `wanted`."""
    produced = 0
    pending = chunk
    while pending and produced <= wanted:
        out = inflater.decompress(pending, _INFLATE_STEP)
        produced += len(out)
        pending = inflater.unconsumed_tail
        if not out and pending:
            break
    return produced


# --- JPEG -----------------------------------------------------------------------------------------------------

_SOF = set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE = set(range(0xD0, 0xD8)) | {0x01}


def jpeg_problem(data: bytes) -> str | None:
    """Walk a JPEG's markers from start of image through its frame header and scans to end of image."""
    if not data.startswith(JPEG_START):
        return "is not a JPEG picture"
    pos = 2
    frame = False
    scans = 0
    while True:
        while pos < len(data) and data[pos] == 0xFF and pos + 1 < len(data) and data[pos + 1] == 0xFF:
            pos += 1  # fill bytes
        if pos + 2 > len(data):
            return "is cut short (it ends before its end-of-image marker)"
        if data[pos] != 0xFF:
            return f"is damaged (no marker where one belongs, at byte {pos:,})"
        marker = data[pos + 1]
        pos += 2
        if marker == 0xD9:
            if not frame or not scans:
                return "has no image data"
            return None
        if marker in _STANDALONE:
            continue
        if pos + 2 > len(data):
            return "is cut short (it ends inside a header)"
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        if length < 2 or pos + length > len(data):
            return "is cut short (a header runs past the end of the file)"
        body = data[pos + 2 : pos + length]
        pos += length
        if marker in _SOF:
            if len(body) < 6:
                return "is damaged (its frame header is too short)"
            _, height, width, components = struct.unpack(">BHHB", body[:6])
            if width == 0 or height == 0 or components not in (1, 2, 3, 4):
                return f"has an impossible size or colour layout ({width} x {height}, {components} components)"
            if width * height > IMAGE_MAX_PIXELS:
                return f"is {width} x {height} pixels; at most {IMAGE_MAX_PIXELS:,} pixels are shown (make it smaller)"
            frame = True
        elif marker == 0xDA:
            if not frame:
                return "is damaged (a scan before its frame header)"
            scans += 1
            pos = _scan_end(data, pos)
            if pos < 0:
                return "is cut short (its image data ends before its end-of-image marker)"


def _scan_end(data: bytes, pos: int) -> int:
    """The position of the next marker after entropy-coded data (0xFF not followed by 0x00 or a restart), or -1."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            return -1
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            pos += 1
            continue
        return pos
