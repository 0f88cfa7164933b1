pragma ComponentBehavior: Bound

import QtQuick

// Make your plan: tap the responses you would use; the plan builds up beside them. Nothing is stored, and
// the engine clears it when the kiosk goes idle.
Item {
    id: page
    // Empty until PageHost's Loader hands the page its content (onLoaded): an off-screen page is built in the
    // background and its bindings first run before that; a build cut short (new pack, session closed) prints
    // their errors, so they must have none on an empty page.
    property var content: ({})
    property int pageIndex: -1   // until PageHost says (ScrollPage steers the kiosk only for its own page)
    readonly property string summary: content.intro
        || qsTr("Tap the responses you would use. Your plan appears here. Nothing is saved.")
    // side by side on a landscape screen; one above the other where the page scrolls (larger text)
    readonly property bool landscape: width >= height * 1.1 && scroller.stretch <= 1
    // the height the page is laid out in: its own, or with larger text that does not fit, a taller sheet that
    // scrolls (ScrollPage)
    readonly property real tall: scroller.layoutHeight
    readonly property var chosen: Controller.plan
    readonly property int count: content.options ? content.options.rowCount() : 0
    // Two columns of options where each is at least 12 units wide (14 with larger text, so a label of three words
    // keeps its size), else one
    readonly property int columns: (landscape ? width * 0.55 : width) / 2 >= Theme.unit * (Theme.textScale > 1 ? 14 : 12) * Theme.textScale ? 2 : 1
    readonly property int rows: Math.ceil(count / columns)

    function option(id) {
        for (var i = 0; i < count; i++) {
            var row = content.options.get(i)
            if (row.id === id) return row
        }
        return ({})
    }
    // Controller.plan is a new list at every change of the kiosk's state: the choices, compared as words, say
    // when the plan itself changed. After a choice, where the page scrolls (larger text), "My plan" comes into
    // view: what the pupil just made.
    readonly property string planKey: chosen.join("\n")
    onPlanKeyChanged: {
        scroller.relayout()
        if (chosen.length > 0 && scroller.showing) scroller.reveal(summary)
    }
    readonly property var focusOption: chosen.length > 0 ? option(chosen[chosen.length - 1]) : ({})
    // the plan as a screen reader says it
    readonly property string planSpoken: {
        var labels = []
        for (var i = 0; i < chosen.length; i++) labels.push(option(chosen[i]).label || "")
        return labels.join(", ")
    }
    // After a choice the page scrolled to "My plan" (larger text): the keyboard's and screen reader's focus, left
    // on the option now off screen, follows to it, and the plan is read out.
    function followFocus() {
        var focused = page.Window.window ? page.Window.window.activeFocusItem : null
        if (!focused || !scroller.holds(focused) || scroller.shows(focused)) return
        summary.forceActiveFocus(Qt.OtherFocusReason)
        scroller.announce(summary, summary.Accessible.name + ": " + planSpoken)
    }

    ScrollPage {
        id: scroller
        anchors.fill: parent
        pageIndex: page.pageIndex
        stretches: true
        onRevealed: page.followFocus()

        FitText {
            id: intro
            objectName: "planIntro"
            anchors { left: parent.left; top: parent.top }
            width: page.width
            height: Theme.introHeight(text, width, Theme.body, "regular", 4, page.tall * 0.16)
            grows: true
            text: page.content.intro || ""
        }
        Grid {
            id: grid
            objectName: "planOptions"
            anchors { left: parent.left; top: intro.bottom; topMargin: intro.height > 0 ? Theme.gap : 0 }
            // with larger text the plan beside the options needs the width more than the options do
            width: page.landscape ? page.width * (Theme.textScale > 1 ? 0.5 : 0.55) : page.width
            height: page.landscape ? page.tall - intro.height - Theme.gap
                                   : Math.min((page.tall - intro.height) * 0.5, page.rows * (Theme.target * 1.3 + Theme.gap))
            columns: page.columns
            spacing: Theme.gap
            readonly property real cellWidth: (width - spacing * (columns - 1)) / columns
            // never below a unit, even while a freshly loaded page has no size yet (a negative font size is an error)
            readonly property real cellHeight: Math.max(Theme.unit, Math.min(Theme.target * 1.6, (height - spacing * (page.rows - 1)) / Math.max(1, page.rows)))
            Repeater {
                model: page.content.options
                delegate: Item {
                    id: cell
                    readonly property bool scrollBlock: true   // a screenful starts at its top (ScrollPage)
                    required property string id
                    required property string label
                    required property string icon
                    required property string detail
                    width: grid.cellWidth
                    height: grid.cellHeight
                    TapButton {
                        objectName: "option-" + cell.id
                        anchors.fill: parent
                        checkable: true
                        checked: page.chosen.indexOf(cell.id) >= 0
                        filled: false
                        label: cell.label
                        icon: cell.icon
                        description: cell.detail
                        fontSize: Theme.buttonText(grid.cellHeight)
                        onClicked: Controller.togglePlan(cell.id)
                    }
                }
            }
        }

        Rectangle {
            id: summary
            objectName: "planSummary"
            readonly property bool scrollBlock: true   // a screenful starts at its top (ScrollPage)
            anchors {
                left: page.landscape ? grid.right : parent.left
                leftMargin: page.landscape ? Theme.unit : 0
                right: parent.right
                top: page.landscape ? intro.bottom : grid.bottom
                topMargin: Theme.gap
                bottom: parent.bottom
            }
            radius: Theme.radius
            color: Theme.paper
            border.color: Theme.accent
            border.width: Theme.unit * 0.1
            Accessible.role: Accessible.Grouping
            Accessible.name: page.content.summary_title || qsTr("My plan")
            Accessible.description: page.planSpoken
            // It takes the focus after a choice that scrolled the page to it (followFocus): shown as any control's,
            // but just inside its edge, which is the screenful's top (the view clips what is above it).
            FocusRing { anchors.margins: 0 }

            TextMetrics { id: startAgain; font.family: Theme.bodyFont; font.pixelSize: Theme.control; font.bold: true; text: qsTr("Start again") }
            TextMetrics { id: myPlan; font.family: Theme.bodyFont; font.pixelSize: Theme.minimum; font.bold: true; text: summaryTitle.text }
            FitText {
                id: summaryTitle
                anchors { left: parent.left; right: clear.visible ? clear.left : parent.right; top: parent.top; margins: Theme.unit * 0.6 }
                // with larger text as tall as a heading's line needs (at 100 % the same 1.95 units as always)
                height: Math.max(clear.visible ? clear.height : 0, Theme.unit * 1.95 * Math.min(Theme.textScale, 1.15), Theme.heading * 1.3)
                verticalAlignment: Text.AlignVCenter
                text: page.content.summary_title || qsTr("My plan")
                preferred: Theme.heading
                font.bold: true
                color: Theme.accent
                maximumLineCount: 1
                Accessible.role: Accessible.Heading
            }
            FitText {
                id: chosenList
                objectName: "planChosen"
                anchors { left: parent.left; right: parent.right; top: summaryTitle.bottom; margins: Theme.unit * 0.6 }
                // The list gets the room its lines need at full size, but leaves the chosen response's detail
                // (below it) the room that needs at 100%; FitText sets the list smaller when it must.
                readonly property real free: parent.height - summaryTitle.height - Theme.unit * 2.4
                // the box's width, not the text's: a Text's own width follows its words until its anchors apply
                readonly property real boxWidth: parent.width - Theme.unit * 1.2
                readonly property bool asAlways: Theme.scale.grow <= 1 && Theme.textScale <= 1   // a projector at 100 %
                readonly property real detailNeeds: Theme.textHeight(page.focusOption.detail || "", boxWidth, Theme.unit * 1.15, 6)
                                                    + Theme.unit * (asAlways ? 1 : 1.7)
                // on a foyer screen the list's words grow as far as the type scale lets them (Theme.ceiling)
                readonly property real lineSize: Theme.scale.grow > 1 ? Theme.ceiling(Theme.large, boxWidth, "bold", Theme.scale.measure_short) : Theme.large
                height: page.chosen.length > 0 && asAlways
                        ? Math.max(page.chosen.length * Theme.unit * 1.35, Math.min(page.chosen.length * Theme.large * 1.35, free - detailNeeds))
                        : page.chosen.length > 0
                        ? Math.max(page.chosen.length * Theme.linePx(Theme.unit, "bold", Theme.naturalLeading("bold")),
                                   Math.min(page.chosen.length * Theme.linePx(lineSize, "bold", Theme.naturalLeading("bold")), free - detailNeeds))
                        : parent.height - summaryTitle.height - Theme.unit * 2
                text: {
                    if (page.chosen.length === 0) return qsTr("Tap the responses you would use. Your plan appears here. Nothing is saved.")
                    var lines = []
                    for (var i = 0; i < page.chosen.length; i++) lines.push((i + 1) + ". " + (page.option(page.chosen[i]).label || ""))
                    return lines.join("\n")
                }
                preferred: page.chosen.length > 0 ? lineSize : Theme.large
                grows: page.chosen.length === 0   // the invitation fills the empty plan
                leading: page.chosen.length > 0 ? Theme.naturalLeading("bold") : Theme.leading   // a list: one short line each
                font.bold: page.chosen.length > 0
                color: page.chosen.length > 0 ? Theme.ink : Theme.inkSoft
            }
            FitText {
                objectName: "planDetail"
                visible: page.chosen.length > 0
                anchors { left: parent.left; right: parent.right; top: chosenList.bottom; bottom: parent.bottom; margins: Theme.unit * 0.6 }
                text: page.focusOption.detail || ""
                grows: true
            }
            TapButton {
                id: clear
                objectName: "clearPlan"
                visible: page.chosen.length > 0
                // beside the title, so the list and the detail below have the whole box
                anchors { right: parent.right; top: parent.top; margins: Theme.unit * 0.5 }
                // only its icon (and its accessible name) where its words would leave the title too little room
                label: summary.width - Theme.unit * 1.7 - startAgain.advanceWidth - Theme.control * 2.6 < myPlan.advanceWidth ? "" : qsTr("Start again")
                Accessible.name: qsTr("Start again")
                icon: "close"
                filled: false
                description: qsTr("Clear the plan")
                onClicked: Controller.clearPlan()
            }
        }
    }
}
