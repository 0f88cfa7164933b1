import QtQuick

// Always reachable in interactive mode: home, back, next, help. In the loop it invites a tap instead.
Rectangle {
    id: bar
    implicitHeight: Math.max(Theme.unit * 2.9, Theme.target + Theme.unit * 0.8)
    color: Theme.paper

    Rectangle {
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: Math.max(1, Theme.unit * 0.06)
        color: "#c9d0db"
    }

    Row {
        id: buttons
        objectName: "navButtons"
        visible: !Controller.attract
        anchors { left: parent.left; leftMargin: Theme.margin; verticalCenter: parent.verticalCenter }
        spacing: Theme.gap
        TapButton { objectName: "homeButton"; label: bar.compact ? "" : qsTr("Home"); icon: "home"; description: qsTr("Go to the first page"); onClicked: Controller.home(); Accessible.name: qsTr("Home") }
        TapButton { objectName: "backButton"; label: bar.compact ? "" : qsTr("Back"); icon: "back"; description: qsTr("Previous page"); onClicked: Controller.prev(); Accessible.name: qsTr("Back") }
    }
    // Words on the buttons only when all four and the page counter fit at full size: a long language (Welsh,
    // Polish) or 150% text drops to icons with their accessible names rather than squeezing the words.
    readonly property real buttonPad: Theme.control * 2.6   // icon, the gap after it and the button's side padding
    // Each pair of buttons fits in its half beside the centred page counter; if not, the counter gives way
    // first (the words matter more), and only then the words.
    readonly property real leftNeeds: mHome.advanceWidth + mBack.advanceWidth + 2 * buttonPad + 2 * Theme.gap + Theme.margin
    readonly property real rightNeeds: mNext.advanceWidth + mHelp.advanceWidth + 2 * buttonPad + 2 * Theme.gap + Theme.margin
    readonly property bool counterFits: Math.max(leftNeeds, rightNeeds) <= (width - mCount.advanceWidth) / 2
    readonly property bool compact: leftNeeds + rightNeeds > width
    TextMetrics { id: mHome; font.family: Theme.bodyFont; font.pixelSize: Theme.control; font.bold: true; text: qsTr("Home") }
    TextMetrics { id: mBack; font: mHome.font; text: qsTr("Back") }
    TextMetrics { id: mNext; font: mHome.font; text: qsTr("Next") }
    TextMetrics { id: mHelp; font: mHome.font; text: qsTr("Get help") }
    TextMetrics { id: mCount; font: mHome.font; text: counter.text }

    Text {
        id: counter
        objectName: "pageCounter"
        visible: !Controller.attract && (bar.counterFits || bar.compact)
        anchors.centerIn: parent
        text: (Controller.page + 1) + " / " + Controller.pageCount
        font.family: Theme.bodyFont
        font.pixelSize: Theme.control
        color: Theme.inkSoft
        Accessible.role: Accessible.StaticText
        Accessible.name: qsTr("Page %1 of %2").arg(Controller.page + 1).arg(Controller.pageCount)
    }

    Row {
        visible: !Controller.attract
        anchors { right: parent.right; rightMargin: Theme.margin; verticalCenter: parent.verticalCenter }
        spacing: Theme.gap
        TapButton { objectName: "nextButton"; label: bar.compact ? "" : qsTr("Next"); icon: "next"; description: qsTr("Next page"); onClicked: Controller.next(); Accessible.name: qsTr("Next") }
        TapButton { objectName: "helpButton"; label: bar.compact ? "" : qsTr("Get help"); icon: "help"; tint: Theme.danger; description: qsTr("Where to get help and how to report"); onClicked: Controller.help(); Accessible.name: qsTr("Get help") }
    }

    Row {
        objectName: "attractHint"
        visible: Controller.attract
        anchors.centerIn: parent
        spacing: Theme.unit * 0.5
        Icon { name: "tap"; size: Theme.controlLarge; color: Theme.accent; anchors.verticalCenter: parent.verticalCenter }
        Text {
            text: qsTr("Tap the screen to explore")
            font.family: Theme.bodyFont
            font.pixelSize: Theme.controlLarge
            font.bold: true
            color: Theme.accent
            anchors.verticalCenter: parent.verticalCenter
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
    }
}
