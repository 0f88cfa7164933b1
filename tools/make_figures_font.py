"""Build "Kiosk Figures": the ten digits of IBM Plex Sans (open zero, a one with a foot, a plain seven), sized
and spaced to sit in Atkinson Hyperlegible's text.

Why: Atkinson Hyperlegible's zero is slashed, and text recognition (a phone camera getting a number off the
screen or the handout) reads it as 9 or 8: `0800 555 111` came back as `08090 555 111`, `101` as `191`. The
kiosk sets every text in the family "Kiosk Figures" (kiosk/ui/app.py registers Atkinson Hyperlegible as its
substitute), so Qt takes the digits from this face and every other character from Atkinson Hyperlegible.

What changes from IBM Plex Sans (OFL 1.1; "Plex" is a Reserved Font Name, hence the new name):
- only U+0030..U+0039 are kept (with .notdef), no layout features;
- outlines and advances are scaled so the digits' height is Atkinson Hyperlegible's cap height (668 of 1000);
- the vertical metrics are Atkinson Hyperlegible's, so a line of text is exactly as tall as before.

    npm pack @expo-google-fonts/ibm-plex-sans@0.4.1 && tar xzf expo-google-fonts-ibm-plex-sans-0.4.1.tgz
    python tools/make_figures_font.py package/    # writes assets/fonts/KioskFigures-*.ttf

Needs fontTools (the `dev` extra); the kiosk itself only loads the TTFs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "assets" / "fonts"
FAMILY = "Kiosk Figures"
DIGITS = [ord(c) for c in "0123456789"]
# (Plex file under the package, Atkinson file whose vertical metrics it takes, our style name, file name)
STYLES = (
    ("400Regular/IBMPlexSans_400Regular.ttf", "AtkinsonHyperlegible_400Regular.ttf", "Regular", "Regular"),
    ("700Bold/IBMPlexSans_700Bold.ttf", "AtkinsonHyperlegible_700Bold.ttf", "Bold", "Bold"),
    (
        "400Regular_Italic/IBMPlexSans_400Regular_Italic.ttf",
        "AtkinsonHyperlegible_400Regular_Italic.ttf",
        "Italic",
        "Italic",
    ),
)


def _scale_glyphs(font: TTFont, factor: float) -> None:
    glyf, hmtx = font["glyf"], font["hmtx"]
    glyph_set = font.getGlyphSet()
    for name in font.getGlyphOrder():
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(TransformPen(pen, (factor, 0, 0, factor, 0, 0)))
        glyf[name] = pen.glyph()
        glyf[name].recalcBounds(glyf)
        advance, lsb = hmtx[name]
        hmtx[name] = (round(advance * factor), round(lsb * factor))


def _rename(font: TTFont, style: str) -> None:
    name = font["name"]
    keep = {0, 7, 8, 9, 11, 12, 13, 14}  # copyright, trademark, makers, licence
    for record in list(name.names):
        if record.nameID not in keep:
            name.names.remove(record)
    full = FAMILY if style == "Regular" else f"{FAMILY} {style}"
    for name_id, text in (
        (1, FAMILY),
        (2, style),
        (3, f"{FAMILY.replace(' ', '')}-{style}"),
        (4, full),
        (5, "Version 1.0; digits of IBM Plex Sans 3.005, scaled for Atkinson Hyperlegible"),
        (6, f"{FAMILY.replace(' ', '')}-{style}"),
    ):
        name.setName(text, name_id, 3, 1, 0x409)
        name.setName(text, name_id, 1, 0, 0)
    font["OS/2"].achVendID = "NONE"


def _take_vertical_metrics(font: TTFont, model: TTFont, factor: float) -> None:
    hhea, os2, src_hhea, src_os2 = font["hhea"], font["OS/2"], model["hhea"], model["OS/2"]
    hhea.ascent, hhea.descent, hhea.lineGap = src_hhea.ascent, src_hhea.descent, src_hhea.lineGap
    for attr in ("sTypoAscender", "sTypoDescender", "sTypoLineGap", "usWinAscent", "usWinDescent", "sCapHeight"):
        setattr(os2, attr, getattr(src_os2, attr))
    os2.sxHeight = round(os2.sxHeight * factor)


def build(plex: Path, atkinson: Path, style: str, out: Path) -> None:
    font = TTFont(plex)
    model = TTFont(atkinson)
    options = Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["GPOS", "GSUB", "GDEF", "STAT", "DSIG"]
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=DIGITS)
    subsetter.subset(font)
    factor = model["OS/2"].sCapHeight / font["OS/2"].sCapHeight
    _scale_glyphs(font, factor)
    _take_vertical_metrics(font, model, factor)
    _rename(font, style)
    font["head"].fontRevision = 1.0
    font.recalcTimestamp = False  # the same sources give the same bytes
    font["head"].created = font["head"].modified = 0x0000_0000_E0B5_0000  # 2023-06-18, fixed
    font.save(out)
    print(
        f"{out.relative_to(ROOT)}: {len(font.getGlyphOrder())} glyphs, scaled {factor:.3f}, {out.stat().st_size} bytes"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the unpacked @expo-google-fonts/ibm-plex-sans package folder")
    args = parser.parse_args()
    for plex, atkinson, style, stem in STYLES:
        build(args.package / plex, FONTS / atkinson, style, FONTS / f"KioskFigures-{stem}.ttf")


if __name__ == "__main__":
    main()
