"""QR codes for help links, made offline with segno. Returns the module matrix; drawing is the UI's job."""

from __future__ import annotations

import functools

QUIET_ZONE = 4  # modules of white around the code, as ISO/IEC 18004 asks


@functools.lru_cache(maxsize=64)
def matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The code's dark/light modules including the quiet zone; medium error correction survives glare."""
    import segno  # here, not at the top: segno pulls in urllib and http (~24 ms) on the way to the first frame

    code = segno.make_qr(data, error="m")
    return tuple(tuple(bool(m) for m in row) for row in code.matrix_iter(scale=1, border=QUIET_ZONE))
