"""Draw the kiosk's original comic artwork as SVG: the story panels and posters of the built-in packs.

The art is generated from a small library of parts (characters, rooms, props) so that the same characters
look the same in every panel, and so that a change to a character is one edit. Output is plain SVG Tiny
(paths, circles, rects, no text, no filters, #RRGGBB colours) that QtSvg draws sharply at any size. Words are
never drawn: captions and bubbles come from the pack. The top 40 % of each panel stays calm for bubbles.

    python tools/draw_art.py            # writes assets/packs/*/art/*.svg
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INK = "#1a1a2e"
W, H = 1200, 900


def f(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


class Svg:
    def __init__(self, width: int = W, height: int = H) -> None:
        self.width, self.height = width, height
        self.parts: list[str] = []

    def add(self, s: str) -> None:
        self.parts.append(s)

    def rect(
        self, x: float, y: float, w: float, h: float, fill: str, rx: float = 0, stroke: str = INK, sw: float = 6
    ) -> None:
        self.add(
            f'<rect x="{f(x)}" y="{f(y)}" width="{f(w)}" height="{f(h)}" rx="{f(rx)}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{f(sw)}" stroke-linejoin="round"/>'
            if sw
            else f'<rect x="{f(x)}" y="{f(y)}" width="{f(w)}" height="{f(h)}" rx="{f(rx)}" fill="{fill}"/>'
        )

    def circle(self, cx: float, cy: float, r: float, fill: str, stroke: str = INK, sw: float = 6) -> None:
        extra = f' stroke="{stroke}" stroke-width="{f(sw)}"' if sw else ""
        self.add(f'<circle cx="{f(cx)}" cy="{f(cy)}" r="{f(r)}" fill="{fill}"{extra}/>')

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, fill: str, stroke: str = INK, sw: float = 6) -> None:
        extra = f' stroke="{stroke}" stroke-width="{f(sw)}"' if sw else ""
        self.add(f'<ellipse cx="{f(cx)}" cy="{f(cy)}" rx="{f(rx)}" ry="{f(ry)}" fill="{fill}"{extra}/>')

    def path(self, d: str, fill: str = "none", stroke: str = INK, sw: float = 6, opacity: float = 1) -> None:
        op = f' fill-opacity="{f(opacity)}"' if opacity < 1 else ""
        st = f' stroke="{stroke}" stroke-width="{f(sw)}" stroke-linejoin="round" stroke-linecap="round"' if sw else ""
        self.add(f'<path d="{d}" fill="{fill}"{op}{st}/>')

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str = INK, sw: float = 6) -> None:
        self.add(
            f'<line x1="{f(x1)}" y1="{f(y1)}" x2="{f(x2)}" y2="{f(y2)}" stroke="{stroke}" '
            f'stroke-width="{f(sw)}" stroke-linecap="round"/>'
        )

    def limb(self, points: list[tuple[float, float]], colour: str, width: float) -> None:
        """A thick rounded limb with a comic outline: the outline stroke first, the colour on top."""
        d = "M" + " L".join(f"{f(x)} {f(y)}" for x, y in points)
        self.add(
            f'<path d="{d}" fill="none" stroke="{INK}" stroke-width="{f(width + 12)}" '
            'stroke-linecap="round" stroke-linejoin="round"/>'
        )
        self.add(
            f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{f(width)}" '
            'stroke-linecap="round" stroke-linejoin="round"/>'
        )

    def frame(self) -> None:
        self.rect(5, 5, self.width - 10, self.height - 10, "none", rx=22, sw=10)

    def svg(self) -> str:
        body = "\n  ".join(self.parts)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {self.height}" '
            f'width="{self.width}" height="{self.height}">\n  {body}\n</svg>\n'
        )


# --- the cast ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Look:
    skin: str
    hair: str
    hair_style: str  # curly, messy, side, ponytail, hijab, plaits, bun
    top: str
    trousers: str
    glasses: bool = False
    freckles: bool = False
    hood: bool = False


JAY = Look("#8d5a3b", "#1b1b1b", "curly", "#f2c12e", "#3b5b92")
ALEX = Look("#f3d3b8", "#e8c65a", "messy", "#3f9d5a", "#3a3a48")
SAM = Look("#b07a4f", "#141414", "side", "#c8363d", "#2f3a56", glasses=True)
MIA = Look("#f6d9c4", "#c8502b", "ponytail", "#7b4fb3", "#28334d", freckles=True)
TOM = Look("#d9a77f", "#5a3a22", "side", "#2b7a8c", "#3d3d3d")
SHAH = Look("#c68f63", "#117a72", "hijab", "#8a8f98", "#4a4f5a")
PRIYA = Look("#a8683f", "#191919", "plaits", "#2f8f57", "#4b3f6b")
PARENT = Look("#7a4a2c", "#222222", "bun", "#b5473a", "#3b3b4f")
BROTHER = Look("#8f5a36", "#1c1c1c", "curly", "#3a7bd5", "#2d2d3a")


def face(s: Svg, x: float, y: float, r: float, look: Look, mood: str, turn: float = 0) -> None:
    """Head, hair and expression. `turn` shifts the features sideways (-1 left .. 1 right) for a 3/4 view."""
    if look.hair_style == "hijab":
        s.path(
            f"M{f(x - r * 1.25)} {f(y + r * 1.6)} Q{f(x - r * 1.35)} {f(y - r * 1.45)} {f(x)} {f(y - r * 1.3)} "
            f"Q{f(x + r * 1.35)} {f(y - r * 1.45)} {f(x + r * 1.25)} {f(y + r * 1.6)} Z",
            look.hair,
        )
    if look.hair_style == "plaits":
        for side in (-1, 1):
            s.limb(
                [(x + side * r * 0.85, y), (x + side * r * 0.95, y + r * 1.3), (x + side * r * 0.9, y + r * 2.0)],
                look.hair,
                r * 0.32,
            )
    if look.hair_style == "ponytail":
        s.ellipse(x + r * 1.05, y - r * 0.35, r * 0.45, r * 0.75, look.hair)
    if look.hair_style == "bun":
        s.circle(x, y - r * 1.15, r * 0.45, look.hair)
    # ears and head
    if look.hair_style != "hijab":
        s.circle(x - r * 0.98, y + r * 0.1, r * 0.22, look.skin, sw=5)
        s.circle(x + r * 0.98, y + r * 0.1, r * 0.22, look.skin, sw=5)
    s.ellipse(x, y, r, r * 1.08, look.skin)
    # hair on top
    hs = look.hair_style
    if hs == "curly":
        for i in range(9):
            a = math.pi * (1.05 + i * 0.11)
            s.circle(x + math.cos(a) * r * 0.92, y - r * 0.35 + math.sin(a) * r * 0.8, r * 0.3, look.hair, sw=4)
        s.path(
            f"M{f(x - r * 0.95)} {f(y - r * 0.25)} Q{f(x)} {f(y - r * 1.25)} {f(x + r * 0.95)} {f(y - r * 0.25)} "
            f"Q{f(x)} {f(y - r * 0.55)} {f(x - r * 0.95)} {f(y - r * 0.25)} Z",
            look.hair,
            sw=4,
        )
    elif hs == "messy":
        pts = []
        for i in range(11):
            a = math.pi * (1.0 + i * 0.1)
            rr = r * (1.12 if i % 2 else 0.9)
            pts.append(f"{f(x + math.cos(a) * rr)} {f(y - r * 0.15 + math.sin(a) * rr)}")
        s.path("M" + " L".join(pts) + f" Q{f(x)} {f(y - r * 0.55)} {pts[0]} Z", look.hair, sw=5)
    elif hs in ("side", "bun", "plaits", "ponytail"):
        s.path(
            f"M{f(x - r * 1.02)} {f(y + r * 0.05)} Q{f(x - r * 1.05)} {f(y - r * 1.2)} {f(x)} {f(y - r * 1.12)} "
            f"Q{f(x + r * 1.05)} {f(y - r * 1.2)} {f(x + r * 1.02)} {f(y + r * 0.05)} "
            f"Q{f(x + r * 0.7)} {f(y - r * 0.55)} {f(x - r * 0.2)} {f(y - r * 0.55)} "
            f"Q{f(x - r * 0.8)} {f(y - r * 0.4)} {f(x - r * 1.02)} {f(y + r * 0.05)} Z",
            look.hair,
            sw=5,
        )
    elif hs == "hijab":
        s.path(
            f"M{f(x - r * 1.05)} {f(y + r * 0.4)} Q{f(x - r * 1.1)} {f(y - r * 1.25)} {f(x)} {f(y - r * 1.2)} "
            f"Q{f(x + r * 1.1)} {f(y - r * 1.25)} {f(x + r * 1.05)} {f(y + r * 0.4)} "
            f"Q{f(x + r * 0.85)} {f(y - r * 0.7)} {f(x)} {f(y - r * 0.72)} Q{f(x - r * 0.85)} {f(y - r * 0.7)} "
            f"{f(x - r * 1.05)} {f(y + r * 0.4)} Z",
            look.hair,
            sw=5,
        )
    # features
    fx = x + turn * r * 0.3
    ey = y + r * 0.05
    for side in (-1, 1):
        ex = fx + side * r * 0.36
        if mood == "laugh":
            s.path(
                f"M{f(ex - r * 0.14)} {f(ey + r * 0.04)} Q{f(ex)} {f(ey - r * 0.16)} {f(ex + r * 0.14)} {f(ey + r * 0.04)}",
                sw=5,
            )
        else:
            s.ellipse(ex, ey, r * 0.09, r * 0.13, INK, sw=0)
            s.circle(ex + r * 0.03, ey - r * 0.04, r * 0.03, "#ffffff", sw=0)
        brow_tilt = {"sad": 0.12, "worried": 0.1, "angry": -0.12, "smirk": -0.06 * side}.get(mood, 0.0)
        s.line(
            ex - r * 0.16, ey - r * 0.3 - side * brow_tilt * r, ex + r * 0.16, ey - r * 0.3 + side * brow_tilt * r, sw=5
        )
    if look.glasses:
        for side in (-1, 1):
            s.circle(fx + side * r * 0.36, ey, r * 0.24, "none", sw=4)
        s.line(fx - r * 0.12, ey, fx + r * 0.12, ey, sw=4)
    if look.freckles:
        for dx in (-0.5, -0.4, -0.45, 0.4, 0.5, 0.45):
            s.circle(fx + dx * r, ey + r * (0.3 if abs(dx) != 0.45 else 0.38), r * 0.03, "#b5652f", sw=0)
    my = y + r * 0.55
    if mood in ("happy", "kind"):
        s.path(
            f"M{f(fx - r * 0.3)} {f(my - r * 0.05)} Q{f(fx)} {f(my + r * 0.22)} {f(fx + r * 0.3)} {f(my - r * 0.05)}",
            sw=5,
        )
    elif mood == "laugh":
        s.path(
            f"M{f(fx - r * 0.32)} {f(my - r * 0.1)} Q{f(fx)} {f(my + r * 0.4)} {f(fx + r * 0.32)} {f(my - r * 0.1)} Z",
            "#7a1f2b",
            sw=5,
        )
    elif mood in ("sad", "worried"):
        s.path(
            f"M{f(fx - r * 0.25)} {f(my + r * 0.12)} Q{f(fx)} {f(my - r * 0.1)} {f(fx + r * 0.25)} {f(my + r * 0.12)}",
            sw=5,
        )
    elif mood == "smirk":
        s.path(
            f"M{f(fx - r * 0.25)} {f(my)} Q{f(fx + r * 0.1)} {f(my + r * 0.12)} {f(fx + r * 0.32)} {f(my - r * 0.12)}",
            sw=5,
        )
    else:
        s.line(fx - r * 0.2, my, fx + r * 0.2, my, sw=5)
    if mood == "sad":
        s.path(
            f"M{f(fx + r * 0.42)} {f(ey + r * 0.15)} q{f(r * 0.06)} {f(r * 0.2)} 0 {f(r * 0.26)} q{f(-r * 0.06)} {f(-r * 0.06)} 0 {f(-r * 0.26)} Z",
            "#6fb7e8",
            sw=3,
        )


def torso(s: Svg, x: float, top: float, r: float, look: Look, height: float | None = None) -> tuple[float, float]:
    """The top half of a person: a hoodie/jumper shape. Returns (shoulder y, waist y)."""
    h = height if height is not None else r * 2.3
    w = r * 1.15
    s.path(
        f"M{f(x - w)} {f(top + h)} L{f(x - w * 1.05)} {f(top + r * 0.45)} Q{f(x - w)} {f(top)} {f(x - r * 0.4)} {f(top - r * 0.05)} "
        f"L{f(x + r * 0.4)} {f(top - r * 0.05)} Q{f(x + w)} {f(top)} {f(x + w * 1.05)} {f(top + r * 0.45)} L{f(x + w)} {f(top + h)} Z",
        look.top,
    )
    if look.hood:
        s.path(
            f"M{f(x - r * 0.7)} {f(top + r * 0.05)} Q{f(x)} {f(top + r * 0.6)} {f(x + r * 0.7)} {f(top + r * 0.05)}",
            sw=5,
        )
    return top + r * 0.3, top + h


def person_standing(
    s: Svg,
    x: float,
    head_y: float,
    r: float,
    look: Look,
    mood: str,
    turn: float = 0,
    arms: str = "down",
    phone: tuple[float, float] | None = None,
    screen: str = "glow",
    phone_size: float = 0.9,
) -> None:
    neck = head_y + r * 1.0
    shoulder, waist = torso(s, x, neck, r, look)
    legs_bottom = min(H - 40, waist + r * 2.6)
    for side in (-1, 1):
        s.limb([(x + side * r * 0.5, waist - 10), (x + side * r * 0.55, legs_bottom)], look.trousers, r * 0.62)
        s.ellipse(x + side * r * 0.62, legs_bottom + r * 0.08, r * 0.42, r * 0.2, "#f4f4f4", sw=5)
    arm(s, x, shoulder, r, look, arms, phone)
    face(s, x, head_y, r, look, mood, turn)
    if phone:
        draw_phone(s, phone[0], phone[1], r * phone_size, screen)
        hand(s, phone[0] - r * 0.05, phone[1] + r * phone_size * 0.7, r, look)


def arm(s: Svg, x: float, shoulder: float, r: float, look: Look, arms: str, phone: tuple[float, float] | None) -> None:
    left = (x - r * 1.1, shoulder)
    right = (x + r * 1.1, shoulder)
    if arms == "down":
        for sx, sy in (left, right):
            hx = sx + (-1 if sx < x else 1) * r * 0.15
            s.limb([(sx, sy), (hx, sy + r * 1.9)], look.top, r * 0.45)
            s.circle(hx, sy + r * 2.05, r * 0.2, look.skin, sw=5)
    elif arms == "phone" and phone:
        s.limb([left, (x - r * 1.2, shoulder + r * 1.6)], look.top, r * 0.45)
        s.circle(x - r * 1.2, shoulder + r * 1.78, r * 0.2, look.skin, sw=5)
        s.limb([right, (phone[0] + r * 0.1, phone[1] + r * 0.9)], look.top, r * 0.45)
    elif arms == "point":
        s.limb([left, (x - r * 1.2, shoulder + r * 1.6)], look.top, r * 0.45)
        s.limb([right, (x + r * 2.1, shoulder - r * 0.3)], look.top, r * 0.45)
        s.circle(x + r * 2.25, shoulder - r * 0.35, r * 0.2, look.skin, sw=5)
    elif arms == "hug":
        s.limb([left, (x - r * 0.2, shoulder + r * 1.1)], look.top, r * 0.45)
        s.limb([right, (x + r * 0.3, shoulder + r * 1.2)], look.top, r * 0.45)
        s.rect(x - r * 0.9, shoulder + r * 0.7, r * 1.5, r * 1.0, "#e76f51", rx=8)
    elif arms == "offer":
        s.limb([left, (x - r * 1.2, shoulder + r * 1.6)], look.top, r * 0.45)
        s.limb([right, (x + r * 1.9, shoulder + r * 0.9)], look.top, r * 0.45)
        s.circle(x + r * 2.05, shoulder + r * 0.95, r * 0.22, look.skin, sw=5)
    elif arms == "wave":
        s.limb([left, (x - r * 1.2, shoulder + r * 1.6)], look.top, r * 0.45)
        s.limb([right, (x + r * 1.7, shoulder - r * 1.0)], look.top, r * 0.45)
        s.circle(x + r * 1.8, shoulder - r * 1.15, r * 0.22, look.skin, sw=5)


def hand(s: Svg, x: float, y: float, r: float, look: Look) -> None:
    s.ellipse(x, y, r * 0.26, r * 0.2, look.skin, sw=5)


def person_sitting(
    s: Svg,
    x: float,
    head_y: float,
    r: float,
    look: Look,
    mood: str,
    turn: float = 0,
    phone: tuple[float, float] | None = None,
    screen: str = "glow",
    facing: int = 1,
    phone_size: float = 0.9,
) -> None:
    neck = head_y + r * 1.0
    shoulder, waist = torso(s, x, neck, r, look, height=r * 2.0)
    knee = (x + facing * r * 1.6, waist + r * 0.1)
    foot_y = min(H - 40, waist + r * 1.9)
    for dy in (0, 12):
        s.limb(
            [(x, waist - r * 0.2 + dy), (knee[0], knee[1] + dy), (knee[0] + facing * r * 0.1, foot_y)],
            look.trousers,
            r * 0.6,
        )
    s.ellipse(knee[0] + facing * r * 0.35, foot_y + r * 0.08, r * 0.45, r * 0.2, "#f4f4f4", sw=5)
    if phone:
        arm(s, x, shoulder, r, look, "phone", phone)
    else:
        arm(s, x, shoulder, r, look, "down", None)
    face(s, x, head_y, r, look, mood, turn)
    if phone:
        draw_phone(s, phone[0], phone[1], r * phone_size, screen)
        hand(s, phone[0] - r * 0.05, phone[1] + r * phone_size * 0.7, r, look)


# --- props -----------------------------------------------------------------------------------------------------


def silhouette(s: Svg, cx: float, cy: float, size: float) -> None:
    """The only picture ever shown: a grey placeholder with a generic person icon."""
    s.rect(cx - size / 2, cy - size / 2, size, size, "#c9ced6", rx=size * 0.08, sw=4)
    s.circle(cx, cy - size * 0.12, size * 0.16, "#8a93a3", sw=0)
    s.path(
        f"M{f(cx - size * 0.3)} {f(cy + size * 0.38)} Q{f(cx)} {f(cy - size * 0.05)} {f(cx + size * 0.3)} {f(cy + size * 0.38)} Z",
        "#8a93a3",
        sw=0,
    )


def tick(s: Svg, x: float, y: float, size: float, colour: str = "#1f6feb") -> None:
    for dx in (0, size * 0.45):
        s.path(
            f"M{f(x + dx)} {f(y)} L{f(x + dx + size * 0.3)} {f(y + size * 0.3)} L{f(x + dx + size * 0.85)} {f(y - size * 0.35)}",
            stroke=colour,
            sw=size * 0.18,
        )


def block_sign(s: Svg, cx: float, cy: float, r: float) -> None:
    s.circle(cx, cy, r, "#ffffff", stroke="#d62828", sw=r * 0.22)
    s.line(cx - r * 0.68, cy + r * 0.68, cx + r * 0.68, cy - r * 0.68, stroke="#d62828", sw=r * 0.22)


def cat(s: Svg, cx: float, cy: float, r: float) -> None:
    """A cartoon cat holding up a paw: a funny 'no'."""
    s.path(
        f"M{f(cx - r * 0.8)} {f(cy - r * 0.5)} L{f(cx - r * 0.6)} {f(cy - r * 1.2)} L{f(cx - r * 0.2)} {f(cy - r * 0.8)} Z",
        "#f4a261",
        sw=4,
    )
    s.path(
        f"M{f(cx + r * 0.8)} {f(cy - r * 0.5)} L{f(cx + r * 0.6)} {f(cy - r * 1.2)} L{f(cx + r * 0.2)} {f(cy - r * 0.8)} Z",
        "#f4a261",
        sw=4,
    )
    s.circle(cx, cy - r * 0.2, r * 0.85, "#f4a261", sw=4)
    s.circle(cx - r * 0.3, cy - r * 0.3, r * 0.1, INK, sw=0)
    s.circle(cx + r * 0.3, cy - r * 0.3, r * 0.1, INK, sw=0)
    s.path(f"M{f(cx - r * 0.2)} {f(cy + r * 0.1)} Q{f(cx)} {f(cy + r * 0.3)} {f(cx + r * 0.2)} {f(cy + r * 0.1)}", sw=4)
    s.ellipse(cx + r * 0.9, cy + r * 0.4, r * 0.32, r * 0.42, "#f4a261", sw=4)


def draw_phone(s: Svg, cx: float, cy: float, size: float, screen: str) -> None:
    """A phone `size` wide (height 1.8x), centred at (cx, cy); `screen` says what it shows."""
    w, h = size, size * 1.8
    x, y = cx - w / 2, cy - h / 2
    s.rect(x, y, w, h, "#2b2d42", rx=w * 0.14, sw=5)
    glow = {
        "glow": "#bde0fe",
        "sent": "#eef6ff",
        "forward": "#eef6ff",
        "cat": "#fff1d6",
        "block": "#ffffff",
        "message": "#e7f0ff",
        "down": "#2b2d42",
    }.get(screen, "#bde0fe")
    s.rect(x + w * 0.1, y + h * 0.08, w * 0.8, h * 0.84, glow, rx=w * 0.06, sw=0)
    if screen == "sent":
        silhouette(s, cx, cy - h * 0.08, w * 0.55)
        tick(s, cx - w * 0.28, cy + h * 0.3, w * 0.3)
    elif screen == "forward":
        silhouette(s, cx, cy - h * 0.1, w * 0.45)
        s.path(
            f"M{f(cx - w * 0.25)} {f(cy + h * 0.28)} L{f(cx + w * 0.2)} {f(cy + h * 0.28)} M{f(cx + w * 0.05)} {f(cy + h * 0.18)} "
            f"L{f(cx + w * 0.22)} {f(cy + h * 0.28)} L{f(cx + w * 0.05)} {f(cy + h * 0.38)}",
            stroke="#1f6feb",
            sw=w * 0.06,
        )
    elif screen == "cat":
        cat(s, cx, cy + h * 0.02, w * 0.28)
    elif screen == "block":
        block_sign(s, cx, cy, w * 0.3)
    elif screen == "message":
        s.rect(x + w * 0.18, y + h * 0.25, w * 0.55, h * 0.1, "#1f6feb", rx=w * 0.05, sw=0)
        s.rect(x + w * 0.3, y + h * 0.42, w * 0.52, h * 0.1, "#9aa5b1", rx=w * 0.05, sw=0)


def burst(s: Svg, cx: float, cy: float, colour: str, rays: int = 28) -> None:
    """Comic speed/burst lines radiating from a point."""
    for i in range(rays):
        a = 2 * math.pi * i / rays
        a2 = a + math.pi / rays
        far = 1400
        s.path(
            f"M{f(cx)} {f(cy)} L{f(cx + math.cos(a) * far)} {f(cy + math.sin(a) * far)} "
            f"L{f(cx + math.cos(a2) * far)} {f(cy + math.sin(a2) * far)} Z",
            colour,
            sw=0,
            opacity=0.35,
        )


def bedroom(s: Svg, lamp: bool) -> None:
    wall = "#e9c46a" if lamp else "#2f3e6b"
    s.rect(0, 0, W, H, wall, sw=0)
    s.rect(0, 690, W, 210, "#8d6e63" if lamp else "#4e3d52", sw=0)
    s.line(0, 690, W, 690, sw=6)
    # window top right, with the moon
    s.rect(900, 90, 220, 190, "#14213d" if not lamp else "#1d3557", rx=8)
    s.circle(1010, 160, 34, "#f1faee", sw=4)
    s.circle(1026, 148, 30, "#14213d" if not lamp else "#1d3557", sw=0)
    s.line(1010, 90, 1010, 280, sw=5)
    # bed
    s.rect(120, 600, 640, 120, "#5c7ec4" if not lamp else "#e76f51", rx=24)
    s.rect(110, 560, 160, 70, "#f1faee", rx=26)
    s.rect(120, 700, 24, 90, "#6d4c41", sw=5)
    s.rect(736, 700, 24, 90, "#6d4c41", sw=5)
    if lamp:
        s.rect(930, 560, 90, 130, "#6d4c41", rx=6)
        s.path("M945 470 L1005 470 L1030 540 L920 540 Z", "#fff3b0")
        s.line(975, 540, 975, 560, sw=6)


def corridor(s: Svg) -> None:
    s.rect(0, 0, W, H, "#cfe3e8", sw=0)
    s.rect(0, 720, W, 180, "#a3b1b8", sw=0)
    s.line(0, 720, W, 720, sw=6)
    for i in range(9):
        x = 20 + i * 130
        s.rect(x, 330, 120, 390, "#4f8fbf", rx=6)
        s.line(x + 20, 360, x + 100, 360, sw=4)
        s.line(x + 20, 378, x + 100, 378, sw=4)
        s.rect(x + 90, 500, 12, 40, "#d9d9d9", rx=4, sw=3)


def calm_room(s: Svg) -> None:
    s.rect(0, 0, W, H, "#d8f3dc", sw=0)
    s.rect(0, 700, W, 200, "#b7a58f", sw=0)
    s.line(0, 700, W, 700, sw=6)
    s.rect(1000, 560, 110, 140, "#e07a5f", rx=10)
    for dx, dy in ((-40, -60), (0, -90), (40, -60), (-20, -120), (25, -130)):
        s.ellipse(1055 + dx, 560 + dy, 36, 60, "#2d6a4f", sw=5)
    s.rect(150, 600, 900, 40, "#a26769", rx=12)  # bench/sofa back
    s.rect(140, 640, 920, 80, "#b5838d", rx=16)


def outdoors(s: Svg) -> None:
    s.rect(0, 0, W, H, "#a8dadc", sw=0)
    s.circle(1080, 110, 60, "#ffd166", sw=5)
    s.rect(0, 680, W, 220, "#95d5b2", sw=0)
    s.line(0, 680, W, 680, sw=6)
    for x in range(40, W, 90):  # school railings
        s.line(x, 420, x, 680, sw=8)
    s.line(0, 450, W, 450, sw=8)
    s.rect(0, 300, 180, 380, "#bc6c25", sw=6)


def living_room(s: Svg) -> None:
    s.rect(0, 0, W, H, "#f1dca7", sw=0)
    s.rect(0, 700, W, 200, "#9c6644", sw=0)
    s.line(0, 700, W, 700, sw=6)
    tree(s, 180, 700)


def tree(s: Svg, x: float, base: float) -> None:
    s.rect(x - 25, base - 60, 50, 60, "#6d4c41", sw=5)
    for i, (w, y) in enumerate(((170, base - 60), (140, base - 160), (105, base - 250))):
        s.path(f"M{f(x - w)} {f(y)} L{f(x)} {f(y - 150)} L{f(x + w)} {f(y)} Z", "#2d6a4f")
        for j in range(4):
            s.circle(
                x - w * 0.6 + j * w * 0.4,
                y - 20 - (j % 2) * 30,
                11,
                ["#e63946", "#ffd166", "#4cc9f0", "#f4a261"][(i + j) % 4],
                sw=3,
            )
    s.path(
        f"M{f(x)} {f(base - 440)} l14 30 l32 4 l-24 22 l8 32 l-30 -16 l-30 16 l8 -32 l-24 -22 l32 -4 Z", "#ffd166", sw=4
    )


# --- panels ----------------------------------------------------------------------------------------------------


def cumbria_panels() -> dict[str, Svg]:
    out: dict[str, Svg] = {}
    r = 62

    s = Svg()  # 1: the message
    bedroom(s, lamp=False)
    person_sitting(s, 432, 450, r, JAY, "worried", turn=0.4, phone=(552, 558), screen="message")
    s.frame()
    out["panel-1"] = s

    s = Svg()  # 2: one tap, close-up
    s.rect(0, 0, W, H, "#2f3e6b", sw=0)
    burst(s, 600, 520, "#4a5d96")
    s.limb([(1200, 900), (760, 700)], JAY.top, 170)
    s.ellipse(700, 640, 120, 95, JAY.skin)
    draw_phone(s, 600, 495, 300, "sent")
    s.ellipse(735, 560, 40, 70, JAY.skin)  # thumb
    s.frame()
    out["panel-2"] = s

    s = Svg()  # 3: forwarded
    s.rect(0, 0, W, H, "#a7c957", sw=0)
    s.rect(0, 700, W, 200, "#6a994e", sw=0)
    s.line(0, 700, W, 700, sw=6)
    for i, (tx, ty) in enumerate(((140, 430), (250, 330), (380, 400), (200, 560), (330, 560))):
        s.path(
            f"M560 560 Q{f((560 + tx) / 2)} {f(min(560, ty) - 60)} {f(tx + 30)} {f(ty + 30)}", stroke="#1f6feb", sw=6
        )
        draw_phone(s, tx, ty, 52, "forward" if i % 2 else "sent")
    look = Look(ALEX.skin, ALEX.hair, ALEX.hair_style, ALEX.top, ALEX.trousers)
    person_standing(s, 840, 432, r, look, "smirk", turn=-0.6, arms="phone", phone=(660, 560), screen="forward")
    s.frame()
    out["panel-3"] = s

    s = Svg()  # 4: it spreads
    corridor(s)
    person_standing(s, 216, 432, 56, SAM, "laugh", turn=0.3, arms="phone", phone=(320, 520), screen="sent")
    person_standing(s, 432, 414, 56, MIA, "laugh", turn=0.3, arms="point")
    person_standing(s, 620, 440, 52, TOM, "laugh", turn=0.2, arms="phone", phone=(700, 530), screen="sent")
    hooded = Look(JAY.skin, JAY.hair, "curly", JAY.top, JAY.trousers, hood=True)
    person_standing(s, 960, 500, 58, hooded, "sad", turn=-0.3, arms="hug")
    s.frame()
    out["panel-4"] = s

    s = Svg()  # 5: support
    calm_room(s)
    person_sitting(s, 384, 405, r, SHAH, "kind", turn=0.5, facing=1)
    s.limb([(440, 520), (560, 540)], SHAH.top, 26)
    s.circle(574, 542, 16, SHAH.skin, sw=5)
    person_sitting(s, 792, 468, r, JAY, "sad", turn=-0.5, facing=-1)
    s.frame()
    out["panel-5"] = s

    s = Svg()  # 6: with a plan
    bedroom(s, lamp=True)
    person_sitting(s, 432, 450, r, JAY, "happy", turn=0.4, phone=(576, 558), screen="cat")
    s.frame()
    out["panel-6"] = s

    s = Svg()  # 7: take control
    outdoors(s)
    person_standing(s, 300, 430, 56, SAM, "happy", turn=0.3, arms="down")
    person_standing(s, 900, 420, 56, MIA, "happy", turn=-0.3, arms="wave")
    person_standing(s, 600, 414, 62, JAY, "happy", turn=0, arms="phone", phone=(672, 520), screen="block")
    s.frame()
    out["panel-7"] = s
    return out


def derbyshire_panels() -> dict[str, Svg]:
    out: dict[str, Svg] = {}
    r = 60

    s = Svg()  # 1: Christmas morning
    living_room(s)
    for gx, gc in ((380, "#e63946"), (470, "#4cc9f0")):
        s.rect(gx, 620, 80, 80, gc, rx=6)
        s.line(gx + 40, 620, gx + 40, 700, stroke="#ffd166", sw=10)
    person_sitting(s, 744, 432, r, PRIYA, "laugh", turn=-0.3, phone=(640, 560), screen="glow", facing=-1)
    s.rect(560, 600, 150, 60, "#e63946", rx=8)  # torn wrapping paper
    s.frame()
    out["panel-1"] = s

    s = Svg()  # 2: just a joke?
    living_room(s)
    s.rect(380, 600, 720, 110, "#577590", rx=22)
    s.rect(370, 560, 120, 80, "#577590", rx=20)
    person_sitting(s, 480, 432, r, PRIYA, "worried", turn=0.3, phone=(600, 558), screen="message")
    s.frame()
    out["panel-2"] = s

    s = Svg()  # 3: anywhere
    s.rect(0, 0, W, H, "#14213d", sw=0)
    for sx, sy in ((100, 80), (300, 140), (1000, 60), (1120, 200), (700, 90), (500, 60)):
        s.circle(sx, sy, 5, "#f1faee", sw=0)
    s.circle(600, 560, 210, "#4cc9f0")
    s.path("M470 430 Q520 500 480 560 Q540 620 520 700 M650 380 Q700 460 760 470 Q740 560 800 620", "#52b788", sw=8)
    for i in range(10):
        a = 2 * math.pi * i / 10 - math.pi / 2
        px, py = 600 + math.cos(a) * 330, 560 + math.sin(a) * 270
        if py < 400:
            py = 400 + (py - 400) * 0.2
        s.line(600 + math.cos(a) * 200, 560 + math.sin(a) * 200, px, py, stroke="#ffd166", sw=4)
        draw_phone(s, px, py, 64, "sent")
    s.frame()
    out["panel-3"] = s

    s = Svg()  # 4: not for life
    living_room(s)
    s.rect(460, 640, 280, 30, "#8d5524", rx=8)
    s.rect(480, 670, 20, 80, "#6d4c41", sw=5)
    s.rect(700, 670, 20, 80, "#6d4c41", sw=5)
    s.rect(560, 622, 80, 20, "#2b2d42", rx=6, sw=4)  # the phone, face down
    person_standing(s, 400, 405, 62, PARENT, "kind", turn=0.4, arms="down")
    person_standing(s, 600, 414, 60, PRIYA, "happy", turn=0, arms="down")
    person_standing(s, 820, 500, 48, BROTHER, "laugh", turn=-0.3, arms="wave")
    s.frame()
    out["panel-4"] = s
    return out


def cumbria_poster() -> Svg:
    s = Svg(1000, 1000)
    s.rect(0, 0, 1000, 1000, "#1d4e89", sw=0)
    burst(s, 500, 560, "#2a9d8f", rays=32)
    s.circle(500, 560, 330, "#2a9d8f", sw=0)
    person_standing(
        s, 430, 420, 80, JAY, "happy", turn=0.3, arms="phone", phone=(640, 520), screen="block", phone_size=2.4
    )
    s.frame()
    return s


def derbyshire_poster() -> Svg:
    s = Svg(1000, 1000)
    s.rect(0, 0, 1000, 1000, "#14532d", sw=0)
    for sx, sy in ((120, 140), (860, 120), (150, 820), (880, 860), (500, 90), (90, 480), (920, 500)):
        for k in range(3):
            a = k * math.pi / 3
            s.line(
                sx - math.cos(a) * 28,
                sy - math.sin(a) * 28,
                sx + math.cos(a) * 28,
                sy + math.sin(a) * 28,
                stroke="#f1faee",
                sw=6,
            )
    # a phone wrapped like a present
    s.rect(330, 220, 340, 600, "#2b2d42", rx=48, sw=8)
    s.rect(360, 270, 280, 500, "#bde0fe", rx=20, sw=0)
    s.rect(475, 220, 50, 600, "#e63946", sw=6)
    s.rect(330, 480, 340, 50, "#e63946", sw=6)
    s.ellipse(440, 460, 70, 40, "#e63946")
    s.ellipse(560, 460, 70, 40, "#e63946")
    s.circle(500, 470, 28, "#c1121f")
    # gift tag
    s.line(600, 500, 700, 600, sw=5)
    s.path("M690 590 L800 590 L830 640 L800 690 L690 690 Z", "#fefae0")
    s.circle(708, 640, 10, "#14532d", sw=4)
    # holly
    for dx in (-50, 50):
        s.ellipse(250 + dx, 880, 55, 24, "#2d6a4f")
    for dx in (-18, 0, 18):
        s.circle(250 + dx, 862, 14, "#e63946", sw=4)
    s.frame()
    return s


def main() -> None:
    packs = ROOT / "assets" / "packs"
    outputs = {("cumbria", k): v for k, v in cumbria_panels().items()}
    outputs |= {("derbyshire", k): v for k, v in derbyshire_panels().items()}
    outputs[("cumbria", "poster")] = cumbria_poster()
    outputs[("derbyshire", "poster")] = derbyshire_poster()
    for (pack, name), svg in outputs.items():
        target = packs / pack / "art" / f"{name}.svg"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(svg.svg())
        print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
