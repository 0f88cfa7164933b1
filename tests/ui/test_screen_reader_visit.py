"""A whole visit by someone who uses a screen reader alone: wake the kiosk, open a tip, go back, make a plan and
reach help, with nothing but what the accessibility tree offers.

Every step finds its control in the tree by role and spoken name (as a screen reader lists them), presses it with
its accessibility action (QAccessibleActionInterface: what Orca's or NVDA's "activate" sends over AT-SPI or UIA),
and checks the result by what the tree then says: never a tap, a key or a look at the QML items. The tree is Qt's
own QAccessibleInterface in this process; bench/atspi_tree.py reads the same tree over AT-SPI on a real X display.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleInterface

from kiosk.core import paths
from kiosk.core.pack import load
from kiosk.ui.render import settle
from kiosk.ui.scene import Scene

Role = QAccessible.Role
NAME, DESCRIPTION = QAccessible.Text.Name, QAccessible.Text.Description
PACKS = [paths.builtin_packs_dir() / n for n in ("cumbria", "derbyshire")]


def showing(iface: QAccessibleInterface) -> Iterator[QAccessibleInterface]:
    """What a screen reader can reach: the tree without the hidden parts (pages off screen, closed panels)."""
    yield iface
    for n in range(iface.childCount()):
        child = iface.child(n)
        if child is not None and child.isValid() and not child.state().invisible:
            yield from showing(child)


class Reader:
    """The screen reader's view of one kiosk window, and its one way of acting: an accessibility action."""

    def __init__(self, scene: Scene) -> None:
        self.scene = scene

    def nodes(self) -> list[QAccessibleInterface]:
        settle(self.scene.window)
        root = QAccessible.queryAccessibleInterface(self.scene.window)
        assert root is not None, "the window has no accessibility interface"
        return list(showing(root))

    def find(self, role: Role, name: str | re.Pattern[str], description: str = "") -> QAccessibleInterface | None:
        for node in self.nodes():
            said = node.text(NAME)
            if node.role() != role or not (name.search(said) if isinstance(name, re.Pattern) else said == name):
                continue
            if description and not node.text(DESCRIPTION).startswith(description):
                continue
            return node
        return None

    def get(self, role: Role, name: str | re.Pattern[str], description: str = "") -> QAccessibleInterface:
        node = self.find(role, name, description)
        assert node is not None, f"the screen reader finds no {role.name} {name!r}; it hears: {self.said()[:400]}"
        return node

    def act(self, node: QAccessibleInterface, action: str | None = None) -> None:
        action = action or QAccessibleActionInterface.pressAction()
        actions = node.actionInterface()
        assert actions is not None and action in actions.actionNames(), (
            f"{node.role().name} {node.text(NAME)!r} offers no {action!r} action"
        )
        actions.doAction(action)
        settle(self.scene.window)

    def press(self, role: Role, name: str | re.Pattern[str], description: str = "") -> None:
        self.act(self.get(role, name, description))

    def said(self) -> str:
        """Everything the screen reader can read out now: each showing node's name and description."""
        return " | ".join(
            " ".join(part for part in (n.text(NAME), n.text(DESCRIPTION)) if part.strip()) for n in self.nodes()
        )

    def page(self) -> str:
        """The name of the page on screen (the one page pane not hidden)."""
        panes = [
            n.text(NAME) for n in self.nodes() if n.role() == Role.Pane and n.object().objectName().startswith("page-")
        ]
        assert len(panes) == 1, f"one page at a time is reachable, not {panes}"
        return panes[0]

    def next_until(self, found: Role, name: str | re.Pattern[str], description: str = "", most: int = 30) -> None:
        """Press Next until a control appears (the way to a page when its place in the loop is not known)."""
        for _ in range(most):
            if self.find(found, name, description) is not None:
                return
            self.press(Role.Button, "Next")
        raise AssertionError(f"Next never reached a {found.name} {name!r}")


def spoken_digits(number: str) -> str:
    return " ".join(number)  # HelpPage reads a number digit by digit ("1 0 1", never "one hundred and one")


@pytest.mark.parametrize(
    ("size", "text"),
    [((1920, 1080), 1.0), ((1080, 1920), 1.0), ((1920, 1080), 2.0)],
    ids=["landscape", "portrait", "landscape-200"],
)
@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_a_whole_visit_through_accessibility_actions_alone(
    make_kiosk, pack: Path, size: tuple[int, int], text: float
) -> None:
    content = load(pack)
    tips_page = next(p for p in content.pages if p.kind == "tips")
    plan_page = next(p for p in content.pages if p.kind == "plan")
    law_page = next(p for p in content.pages if p.kind == "law")
    first_page = content.pages[0]
    s = make_kiosk(pack, size, auto_advance=False, idle_timeout=None)
    s.controller.set_appearance(text_scale=text)
    reader = Reader(s)

    # wake: in the loop the whole screen is one button
    assert reader.find(Role.Button, "Next") is None, "in the loop the navigation is not offered yet"
    reader.press(Role.Button, "Tap to explore")
    assert reader.find(Role.Button, "Tap to explore") is None
    assert s.controller.attract is False
    reader.get(Role.Button, "Next")

    # the law: every card is read, those below the screen's edge too (at 200 % the page scrolls); where it scrolls
    # its "More below" button steps through it, and Next goes on to the next page only after its last screenful
    reader.next_until(Role.Grouping, law_page.data["points"][0]["heading"])
    assert reader.page() == law_page.title
    heard = reader.said()
    for point in law_page.data["points"]:
        assert point["heading"] in heard and point["text"] in heard
    more = reader.find(Role.Button, "More below")
    assert (more is not None) == (text > 1), "the page scrolls at 200 % text only"
    steps = 0
    while reader.find(Role.Button, "More below") is not None:
        assert reader.get(Role.Button, "More below").text(DESCRIPTION).startswith(f"Screen {steps + 1} of ")
        reader.press(Role.Button, "More below")
        steps += 1
        assert reader.page() == law_page.title and steps < 10
    if text > 1:
        reader.get(Role.Button, "Back to the top", description=f"Screen {steps + 1} of {steps + 1}")

    # open a tip: its button says what it opens; the detail reads why it matters and what to do
    reader.next_until(Role.Button, re.compile("."), description="Tip 1.")
    assert reader.page() == tips_page.title
    tip = tips_page.data["tips"][-1]
    reader.press(Role.Button, tip["title"], description=f"Tip {len(tips_page.data['tips'])}.")
    detail = reader.get(Role.Pane, tip["title"])
    assert detail.object().objectName() == "tipDetail"
    heard = reader.said()
    assert tip["text"] in heard and tip["why"] in heard and tip["todo"] in heard

    # go back: Back closes the tip and the tips are offered again, on the same page
    reader.press(Role.Button, "Back")
    assert reader.find(Role.Pane, tip["title"]) is None
    assert reader.page() == tips_page.title
    reader.get(Role.Button, tip["title"])

    # make a plan: the responses are check boxes; the reader moves its focus to one and toggles it: it is checked
    # and the plan reads them back. Where the choice scrolls the page to My plan (200 %) the focus follows there
    # and the plan is said (what the reader hears: Controller.announced); where nothing scrolls, nothing is said.
    reader.next_until(Role.CheckBox, plan_page.data["options"][0]["label"])
    assert reader.page() == plan_page.title
    chosen = [plan_page.data["options"][0], plan_page.data["options"][-1]]
    heard: list[str] = []
    s.controller.announced.connect(heard.append)
    for n, option in enumerate(chosen):
        box = reader.get(Role.CheckBox, option["label"])
        assert not box.state().checked
        reader.act(box, QAccessibleActionInterface.setFocusAction())
        reader.act(box, QAccessibleActionInterface.toggleAction())
        assert reader.get(Role.CheckBox, option["label"]).state().checked, f"{option['label']} is not checked"
        said = (
            (plan_page.data.get("summary_title") or "My plan") + ": " + ", ".join(o["label"] for o in chosen[: n + 1])
        )
        assert heard == ([] if text == 1 else [said]), f"after choosing {option['label']!r} the reader heard {heard}"
        heard.clear()
    plan = reader.get(Role.Grouping, plan_page.data.get("summary_title") or "My plan")
    plan_words = " ".join(plan.child(n).text(NAME) for n in range(plan.childCount()))
    for option in chosen:
        assert option["label"] in plan_words, f"the plan does not read out {option['label']!r}: {plan_words!r}"
    assert sorted(s.controller.engine.state.plan) == sorted(o["id"] for o in chosen)

    # reach help: from any page, and every number is read digit by digit
    reader.press(Role.Button, "Get help")
    help_page = content.pages[s.controller.engine.state.page]
    assert help_page.kind == "help" and reader.page() == help_page.title
    heard = reader.said()
    for phone in help_page.data.get("phones", ()):
        assert f"{phone['label']}: {spoken_digits(phone['number'])}" in heard
    for link in help_page.data.get("links", ()):
        reader.get(Role.Link, link["label"])

    # and home again
    reader.press(Role.Button, "Home")
    assert reader.page() == first_page.title
