"""Every limit in one table: what a value may be, in what unit, and what it is when nothing is said.

Pack validation, settings.toml, the machine policy, the staff screen, the command line and QML all read their
ranges from here, so a page time the staff screen offers is one that the pack and the settings file accept.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Range:
    """A number with a unit and an inclusive range; `problem` says in words what is wrong with a value."""

    name: str
    low: float
    high: float
    unit: str
    default: float

    def problem(self, value: object) -> str | None:
        """None when `value` is usable, else why not (a bool, text, NaN and infinity are never numbers)."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"must be a number of {self.unit}, not {shown(value)}"
        if isinstance(value, float) and not math.isfinite(value):
            return f"must be a finite number of {self.unit}, not {value!r}"
        if not self.low <= value <= self.high:
            return f"must be {self.low:g} to {self.high:g} {self.unit}, not {shown(value)}"
        return None

    def clamp(self, value: float) -> float:
        return min(self.high, max(self.low, value))


def shown(value: object, limit: int = 60) -> str:
    """A value as a message may quote it: short, one line, and never raising (a 5,000-digit number has no repr
    and no float)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        return "a number that large" if value > 0 else "a negative number that large"
    if isinstance(value, float):
        return f"{value:g}"
    try:
        text = repr(value)
    except (ValueError, RecursionError):
        return f"a {type(value).__name__} that cannot be shown"
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --- time -----------------------------------------------------------------------------------------------------
IDLE_TIMEOUT = Range("idle timeout", 10, 600, "seconds", 60)  # a visit's silence before the loop comes back
PAGE_DURATION = Range("page time", 3, 120, "seconds", 12)  # one page in the loop (pack, settings, staff screen)
PAGE_DURATION_STEP = 2.0  # the staff screen's shorter/longer buttons
IDLE_WARNING_SECONDS = 10.0  # "Still there?" counts down this long before the loop comes back
HEARTBEAT_LIMIT = Range("heartbeat limit", 15, 3600, "seconds", 30)  # the kiosk beats every 5 s
IDLE_TIMEOUT_STEP = 10.0  # the staff screen's shorter/longer buttons for the idle time
SCHEDULE_YEARS = (2000, 2199)  # a dated schedule entry's year: a typo like 9999 or 0202 is refused, not run
# A timed page change (the loop, an idle return) has its next page drawn this long before it, once the screen is
# still, so its fade only blends two finished images (PageHost.qml; bench/frames.py: a 4K page takes 30-55 ms to
# draw on the software renderer, three 60 Hz frames).
PREDRAW_LEAD_SECONDS = 1.0
# The screen is still this long after a change: the longest animation (a story panel slides 600 ms, a fade 450 ms)
# and then a quarter second more, so the one redraw of the still moment (pictures loaded and let go, a fade's
# layer let go: PageHost.qml) comes well after an animation's last frame, never as a late frame of it (at 0.7 s
# it came 240 ms after a fade's last frame: bench/xframes_trace.py).
MOTION_SECONDS = 0.9
# While a visitor reads a page (the screen still since MOTION_SECONDS), the pages Next, Back and Home would bring are
# drawn ahead one at a time, this far apart, so a tap slides in a finished image (PageHost.qml); a tap that comes
# while one is drawn waits for that one page only (bench/frames.py: a text page takes 50-100 ms to draw at 4K).
TAP_AHEAD_STEP_SECONDS = 0.15

# --- what a visit is --------------------------------------------------------------------------------------------
VISIT_MIN_SECONDS = 20.0  # a visit shorter than this is not asked the feedback question
VISIT_MIN_PAGES = 2
FEEDBACK_THANKS_SECONDS = 2.5

# --- counts -------------------------------------------------------------------------------------------------
SESSION_STEP_SECONDS = 30  # a visit's length is stored rounded to this ...
SESSION_MAX_SECONDS = 900  # ... and capped here
SESSION_MAX_PAGES = 20
STATS_KEEP_DAYS = 400
STATS_HOUR_DAYS = 14  # hours older than this are added up per day
STATS_MAX_BYTES = 32 * 1024 * 1024

# --- appearance and screens ---------------------------------------------------------------------------------------
TEXT_SIZES = (100, 125, 150, 200)  # percent; 200: WCAG 2.2 1.4.4 (resize text)
SCREEN_SIDE = Range("screen side", 200, 8000, "pixels", 1920)
SCREEN_INDEX = Range("screen number", 0, 15, "(0 is the first screen)", 0)  # --screen
FIT_SIZES = ((1024, 768), (1920, 1080), (1080, 1920), (3840, 2160))  # every text must fit at these (kiosk check)
FIT_TEXT_SCALES = (1.0, 1.5)  # ... at 100 % and at the largest text size
STUDIO_SIZES = ((1920, 1080), (1080, 1920), (1024, 768))  # kiosk studio's previews unless --sizes says otherwise
STUDIO_SETTLE_MS = 150  # kiosk studio reloads this long after the last change it was told of (saves come in bursts)
STUDIO_POLL_MS = 250  # ... and looks this often for changes it was not told of (no inotify left, network folders)

# --- the staff PIN ------------------------------------------------------------------------------------------------
PIN_LENGTH = (4, 8)  # digits
PIN_ATTEMPTS = 5  # wrong PINs before the staff screen closes

# --- files read from disk (a FIFO, a device or a huge file is never read) ---------------------------------------
PACK_FILE_MAX_BYTES = 1024 * 1024  # pack.toml
SETTINGS_FILE_MAX_BYTES = 256 * 1024  # settings.toml, policy.toml
IMAGE_MAX_BYTES = 8 * 1024 * 1024  # one picture in a pack
PACK_MAX_BYTES = 64 * 1024 * 1024  # a whole pack folder
IMAGE_MAX_PIXELS = 50_000_000  # one PNG or JPEG: a 50-megapixel photo; Qt refuses to decode over 256 MB anyway

# --- pack bundles and their signatures (kiosk/core/bundle.py, kiosk/core/signing.py) ---------------------------
BUNDLE_MAX_BYTES = PACK_MAX_BYTES + 8 * 1024 * 1024  # a .kioskpack file as it lies in a source folder
BUNDLE_FILE_MAX_BYTES = IMAGE_MAX_BYTES  # one file of a pack, unpacked (pack.toml is smaller still)
BUNDLE_MAX_FILES = 1000  # files in one bundle: a pack has tens
BUNDLE_MAX_RATIO = 200  # unpacked / packed size of one file over 64 KiB: a zip bomb packs thousands to one
BUNDLE_RATIO_FROM_BYTES = 64 * 1024  # smaller files may pack as tightly as they like
BUNDLE_PATH_MAX_CHARS = 200  # a path inside a pack, so it unpacks under Windows' 260-character limit
MANIFEST_MAX_BYTES = 1024 * 1024  # a bundle's manifest.json
SIGNATURE_FILE_MAX_BYTES = 16 * 1024  # a .minisig file (its trusted comment is at most 8 KiB)
KEY_FILE_MAX_BYTES = 4 * 1024  # a minisign .key or .pub file
PACK_VERSION = Range("pack version", 1, 999_999, "(a whole number that only goes up)", 1)

# --- pack sources and the local store (issue 17) -------------------------------------------------------------
STORE_VERSIONS_KEPT = 3  # versions of each pack kept in the local store (the one on screen and two to go back to)
SOURCES_RESCAN_SECONDS = 180.0  # a rescan of the source folders: network shares and sync clients miss notifications
SOURCES_SETTLE_SECONDS = 5.0  # a bundle that changed since the last look is looked at again this much later
SOURCES_QUIET_SECONDS = 30.0  # a bundle untouched this long is complete (no second look needed at start-up)
EXPIRY_WARNING_DAYS = 14  # the staff screen warns this many days before the pack on screen goes out of date

# --- the machine policy (policy.toml) ------------------------------------------------------------------------------
POLICY_MAX_SOURCES = 32  # [packs] sources: folders watched for bundles
POLICY_MAX_KEYS = 32  # [packs] trusted_keys

# --- the outbox and the campaign report (issue 19) ----------------------------------------------------------------
OUTBOX_FILE_MAX_BYTES = 4 * 1024 * 1024  # one kiosk's day of counts (a busy day is tens of KiB)
OUTBOX_MAX_ROWS = 50_000  # rows in one day's file
OUTBOX_RETRY_SECONDS = (60.0, 300.0, 900.0, 3600.0)  # a share that could not be written is tried again after these
OUTBOX_DAYS_BACK = 60  # days not yet written that are still caught up (older ones were never counted in full)
OUTBOX_DAY_END_SECONDS = 300  # the daily write runs this long after midnight, when the day that ended is complete
OUTBOX_START_MS = 10_000  # the first write after start, once the kiosk is on screen and counting
OUTBOX_USB_LOOK_SECONDS = 600.0  # with [stats] usb_outbox: a look for a newly inserted stick

REPORT_MIN_COUNT = Range("smallest count shown", 3, 1000, "(smaller counts read 'fewer than N')", 5)
REPORT_PERIOD_DAYS = 91  # `kiosk report` without --from: the 13 weeks up to --to (else the newest day found)
REPORT_MAX_FILES = 2_000_000  # files looked at under the report's folder: 300 kiosks keep ~120,000 days a year
