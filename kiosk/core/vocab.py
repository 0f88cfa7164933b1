"""One vocabulary: the few words the whole kiosk shares, each as an enum with one meaning.

They are `StrEnum`s, so each member *is* its string (`RunMode.FOYER == "foyer"`): settings files, the counts
database, QML and the command line keep the words they have always used, while Python code names them once.

- A *run mode* is how the kiosk is used today: a foyer touchscreen, an assembly with a clicker, a parents' evening.
- A *phase* is where the engine is within a run: the attract loop, or a visitor's interactive visit.
- An *audience* is who a page is written for.
- An *action* is what a key, clicker or button asks the engine to do.
- A *scene* is the Qt side's window, QML engine and controllers (kiosk.ui.scene); a *visit* is one student's
  time at the screen, from the first tap to the return to the loop (kiosk.core.visit). Neither means the other.
"""

from __future__ import annotations

from enum import StrEnum


class RunMode(StrEnum):
    """How the kiosk is used: chosen by settings, schedule, policy or `--mode`."""

    FOYER = "foyer"
    ASSEMBLY = "assembly"
    PARENTS = "parents"


class Phase(StrEnum):
    """Where the engine is: the loop that runs by itself, or a visitor's visit."""

    ATTRACT = "attract"
    INTERACTIVE = "interactive"


class Audience(StrEnum):
    """Who a page is for; `ALL` pages are in every loop."""

    STUDENTS = "students"
    PARENTS = "parents"
    ALL = "all"


class PageKind(StrEnum):
    POSTER = "poster"
    STORY = "story"
    INFO = "info"
    TIPS = "tips"
    LAW = "law"
    PLAN = "plan"
    HELP = "help"


class Action(StrEnum):
    """What a key, a clicker or an on-screen button asks for. `GOTO` carries a page number (kiosk.core.keys)."""

    NEXT = "next"
    PREV = "prev"
    HOME = "home"
    END = "end"
    HELP = "help"
    BLACK = "black"
    WHITE = "white"
    UNBLANK = "unblank"
    DIGIT = "digit"  # a digit of a page number was typed (assembly); nothing moves yet
    GOTO = "goto"


class Blank(StrEnum):
    """An assembly's blanked screen, or NONE when the page shows."""

    NONE = ""
    BLACK = "black"
    WHITE = "white"


# The interface's own translations (translations/*.ts) that settings.toml and the staff screen offer.
INTERFACE_LANGUAGES = ("en", "cy")


def audience_for(mode: RunMode | str) -> Audience:
    """The audience whose pages a run mode shows: parents' evenings the parents' pages, all else the students'."""
    return Audience.PARENTS if mode == RunMode.PARENTS else Audience.STUDENTS
