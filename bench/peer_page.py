"""The peer: the same pack as one web page for Chromium's kiosk mode, as a signage player (Anthias, FullPageOS)
would show it. Same text, same SVG art, the same QR codes as PNG (segno), the same page durations, story panels
revealed at the kiosk engine's interval (duration / (panels + 1)), a 450 ms CSS crossfade between pages and a
600 ms slide between panels.

    python3 bench/peer_page.py [--pack cumbria] [--out /tmp/peer]     # writes index.html and its images

The page reads its mode from the URL fragment:
    #loop      the attract loop (default)
    #static    the first page, no timer and no animation (idle load)
    #fast=N    N page transitions, one per frame, driven as fast as the browser paints (memory growth)
It logs "BENCH first-frame" after its first frame is painted (two requestAnimationFrame callbacks after load),
and "BENCH fast=K" 1.5 s after transitions 500 and N (fades ended), so the harness can time them from
Chromium's stderr.
"""

from __future__ import annotations

import argparse
import html
import shutil
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.core import paths  # noqa: E402
from kiosk.core.pack import Page, load  # noqa: E402

CSS = """
html, body { margin: 0; height: 100%; overflow: hidden; background: #fff; color: #111;
  font-family: 'Atkinson Hyperlegible', sans-serif; font-size: 3.33vmin; }
@font-face { font-family: 'Atkinson Hyperlegible'; src: url(fonts/AtkinsonHyperlegible_400Regular.ttf); }
@font-face { font-family: 'Atkinson Hyperlegible'; font-weight: bold;
  src: url(fonts/AtkinsonHyperlegible_700Bold.ttf); }
@font-face { font-family: 'Comic Neue'; src: url(fonts/ComicNeue_400Regular.ttf); }
.page { position: absolute; inset: 0; opacity: 0; transition: opacity 450ms ease-in-out; display: flex;
  flex-direction: column; }
.page.current { opacity: 1; }
.page:not(.current) { pointer-events: none; }
.band { background: ACCENT; color: #fff; font-weight: bold; font-size: 1.6rem; padding: 0.5rem 1.5rem; }
.body { flex: 1; padding: 1rem 1.5rem; overflow: hidden; }
.poster { display: flex; height: 100%; }
.poster img { height: 100%; max-width: 55%; object-fit: contain; }
.poster .text { padding: 2rem; display: flex; flex-direction: column; justify-content: center; }
.poster h1 { font-size: 2.4rem; margin: 0 0 1rem; }
.cta { background: ACCENT; color: #fff; padding: 0.6rem 1rem; border-radius: 0.5rem; align-self: flex-start; }
.story { position: relative; height: 100%; overflow: hidden; }
.panel { position: absolute; inset: 0; transform: translateX(100%);
  transition: transform 600ms cubic-bezier(.33,1,.68,1); }
.panel.shown { transform: translateX(0); }
.panel img { width: 100%; height: 85%; object-fit: contain; }
.bubble { position: absolute; background: #fff; border: 3px solid #111; border-radius: 1rem; padding: 0.4rem 0.8rem;
  font-family: 'Comic Neue', sans-serif; }
.caption { text-align: center; font-size: 1.2rem; }
blockquote { border-left: 0.4rem solid ACCENT; margin: 1rem 0; padding-left: 1rem; font-style: italic; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0.6rem; }
.tile { border: 2px solid ACCENT; border-radius: 0.5rem; padding: 0.5rem; }
.qr { width: 8rem; height: 8rem; image-rendering: pixelated; }
"""

JS = """
const pages = Array.from(document.querySelectorAll('.page'));
const durations = pages.map(p => parseFloat(p.dataset.duration) * 1000);
const mode = location.hash.slice(1) || 'loop';
let page = 0, panel = 1;
function show(index, panelCount) {
  pages[page].classList.remove('current');
  page = index;
  const el = pages[page];
  el.classList.add('current');
  const panels = el.querySelectorAll('.panel');
  panels.forEach((p, i) => p.classList.toggle('shown', i < panelCount));
}
function step() {  // the kiosk engine's next(): the next story panel, else the next page (wrapping)
  const panels = pages[page].querySelectorAll('.panel');
  if (panels.length && panel < panels.length) { panel += 1; panels[panel - 1].classList.add('shown'); }
  else { panel = 1; show((page + 1) % pages.length, 1); }
}
function schedule() {
  const panels = pages[page].querySelectorAll('.panel').length;
  const wait = panels && panel < panels ? durations[page] / (panels + 1) : durations[page];
  setTimeout(() => { step(); schedule(); }, wait);
}
show(0, 1);
requestAnimationFrame(() => requestAnimationFrame(() => console.log('BENCH first-frame')));
if (mode === 'loop') schedule();
if (mode.startsWith('fast=')) {
  const total = parseInt(mode.slice(5)); let done = 0;
  function fast() {
    step(); done += 1;
    if (done === 500 || done === total) {  // measured after 1.5 s, once the fades in flight have ended (as the kiosk)
      setTimeout(() => { console.log('BENCH fast=' + done); if (done < total) setTimeout(fast, 0); }, 1500);
      return;
    }
    setTimeout(fast, 0);
  }
  requestAnimationFrame(fast);
}
"""


def e(text: Any) -> str:
    return html.escape(str(text))


def page_html(page: Page, qr_files: dict[str, str]) -> str:
    d = page.data
    band = "" if page.kind == "poster" else f'<div class="band">{e(page.title)}</div>'
    parts: list[str] = []
    if page.kind == "poster":
        parts.append(
            f'<div class="poster"><img src="art/{Path(d["image"]).name}" alt="{e(d.get("image_alt", ""))}">'
            f'<div class="text"><h1>{e(page.title)}</h1><p>{e(d.get("subtitle", ""))}</p>'
            f'<p>{e(d.get("attribution", ""))}</p><div class="cta">{e(d.get("call_to_action", ""))}</div></div></div>'
        )
    elif page.kind == "story":
        parts.append(f"<p>{e(d.get('intro', ''))}</p><div class='story'>")
        for panel in d["panels"]:
            bubbles = "".join(
                f'<div class="bubble" style="left:{b["x"] * 100}%;top:{b["y"] * 100}%;width:{b["width"] * 100}%">'
                f"{e(b['text'])}<br><small>{e(b.get('speaker', ''))}</small></div>"
                for b in panel.get("bubbles", ())
            )
            parts.append(
                f'<div class="panel"><img src="art/{Path(panel["image"]).name}" alt="{e(panel.get("alt", ""))}">'
                f'{bubbles}<div class="caption">{e(panel.get("caption", ""))}</div></div>'
            )
        parts.append("</div>")
    else:
        for key in ("intro",):
            if d.get(key):
                parts.append(f"<p>{e(d[key])}</p>")
        parts += [f"<p>{e(p)}</p>" for p in d.get("body", ())]
        if d.get("quote"):
            parts.append(f"<blockquote>{e(d['quote'])}<br><small>{e(d.get('quote_by', ''))}</small></blockquote>")
        tiles = [f"<div class='tile'><b>{e(p['heading'])}</b><p>{e(p['text'])}</p></div>" for p in d.get("points", ())]
        tiles += [f"<div class='tile'><b>{e(t['title'])}</b></div>" for t in d.get("tips", ())]
        tiles += [
            f"<div class='tile'><b>{e(o['label'])}</b><p>{e(o.get('detail', ''))}</p></div>"
            for o in d.get("options", ())
        ]
        tiles += [
            f"<div class='tile'><img class='qr' src='{qr_files[link['url']]}' alt=''><b>{e(link['label'])}</b>"
            f"<p>{e(link.get('note', ''))}</p></div>"
            for link in d.get("links", ())
        ]
        tiles += [
            f"<div class='tile'><b>{e(p['label'])}: {e(p['number'])}</b><p>{e(p.get('note', ''))}</p></div>"
            for p in d.get("phones", ())
        ]
        if tiles:
            parts.append(f"<div class='tiles'>{''.join(tiles)}</div>")
    return (
        f'<section class="page" data-duration="{page.duration}" id="{e(page.id)}">{band}'
        f'<div class="body">{"".join(parts)}</div></section>'
    )


def generate(pack_name: str, out: Path, audience: str = "students") -> Path:
    """Write out/index.html with art/, qr/ and fonts/ beside it; returns the page's path."""
    import segno

    pack = load(paths.resolve_pack(pack_name))
    pages = list(pack.pages_for(audience))
    out.mkdir(parents=True, exist_ok=True)
    for sub in ("art", "qr", "fonts"):
        (out / sub).mkdir(exist_ok=True)
    for svg in (pack.root / "art").glob("*.svg"):
        shutil.copy(svg, out / "art" / svg.name)
    for font in (paths.assets_dir() / "fonts").glob("*.ttf"):
        shutil.copy(font, out / "fonts" / font.name)
    qr_files: dict[str, str] = {}
    for page in pages:
        for n, link in enumerate(page.data.get("links", ()) if page.kind == "help" else ()):
            name = f"qr/{page.id}-{n}.png"
            segno.make_qr(link["url"], error="m").save(str(out / name), scale=8, border=4)
            qr_files[link["url"]] = name
    body = "\n".join(page_html(p, qr_files) for p in pages)
    document = (
        f'<!doctype html><html lang="{e(pack.language)}"><head><meta charset="utf-8"><title>{e(pack.name)}</title>'
        f"<style>{CSS.replace('ACCENT', pack.accent)}</style></head><body>\n{body}\n<script>{JS}</script></body></html>"
    )
    index = out / "index.html"
    index.write_text(document, encoding="utf-8")
    return index


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pack", default="cumbria")
    parser.add_argument("--out", default="/tmp/bench-peer")
    args = parser.parse_args()
    index = generate(args.pack, Path(args.out))
    print(index)
    return 0


if __name__ == "__main__":
    sys.exit(main())
