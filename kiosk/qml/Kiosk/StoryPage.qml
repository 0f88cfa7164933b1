import QtQuick

// The comic: one panel at a time, large, each sliding in from the right as it is revealed; the caption beside
// it (landscape) or under it (portrait). Words are text laid over the art, never part of it.
Item {
    id: page
    property var content
    property int pageIndex
    readonly property bool landscape: width >= height * 1.1
    readonly property int count: content.panels ? content.panels.rowCount() : 0
    readonly property int shown: kiosk.page === pageIndex ? Math.max(1, kiosk.panel) : 1
    readonly property real captionShare: 0.34

    Item {
        id: viewport
        objectName: "storyViewport"
        // 4:3 panels, as large as the page allows next to (or above) the caption.
        readonly property real maxW: page.landscape ? page.width * (1 - page.captionShare) - Theme.unit : page.width
        readonly property real maxH: page.landscape ? page.height - dots.height - Theme.gap : page.height * 0.66 - dots.height - Theme.gap
        width: Math.min(maxW, maxH * 4 / 3)
        height: width * 3 / 4
        anchors.top: parent.top
        anchors.left: parent.left
        clip: true

        Repeater {
            model: page.content.panels
            delegate: Item {
                id: panel
                required property int index
                required property string image
                required property string alt
                required property string caption
                required property var bubbles
                objectName: "panel-" + index
                width: viewport.width
                height: viewport.height
                x: (index - (page.shown - 1)) * (viewport.width + Theme.unit)
                visible: x > -width && x < viewport.width   // only while on screen or sliding
                Behavior on x {
                    enabled: !kiosk.reducedMotion
                    NumberAnimation { duration: 600; easing.type: Easing.OutCubic }
                }
                Accessible.role: Accessible.Graphic
                Accessible.name: qsTr("Panel %1 of %2").arg(index + 1).arg(page.count)
                Accessible.description: alt

                Rectangle { anchors.fill: parent; color: Theme.paper }
                // Only the panels on screen or next to it hold their art in memory (4 MB each at 1080p, 17 at 4K).
                PackImage {
                    anchors.fill: parent
                    source: Math.abs(panel.index - (page.shown - 1)) <= 1 ? panel.image : ""
                    alt: panel.alt
                }
                Repeater {
                    model: panel.bubbles
                    delegate: Bubble {
                        panelWidth: panel.width
                        panelHeight: panel.height
                    }
                }
            }
        }
    }

    Row {
        id: dots
        objectName: "storyDots"
        anchors { top: viewport.bottom; topMargin: Theme.gap; horizontalCenter: viewport.horizontalCenter }
        spacing: Theme.unit * 0.4
        height: Theme.unit * 0.7
        Accessible.role: Accessible.ProgressBar
        Accessible.name: qsTr("Panel %1 of %2").arg(page.shown).arg(page.count)
        Repeater {
            model: page.count
            delegate: Rectangle {
                required property int index
                width: Theme.unit * 0.7; height: width; radius: width / 2
                color: index < page.shown ? Theme.accent : "#c9d0db"
            }
        }
    }

    Rectangle {
        id: captionBox
        objectName: "storyCaptionBox"
        anchors {
            left: page.landscape ? viewport.right : parent.left
            leftMargin: page.landscape ? Theme.unit : 0
            right: parent.right
            top: page.landscape ? parent.top : dots.bottom
            topMargin: page.landscape ? 0 : Theme.gap
            bottom: parent.bottom
        }
        color: "#fff4c2"
        border.color: Theme.line
        border.width: Theme.unit * 0.1
        radius: Theme.radius * 0.5
        FitText {
            objectName: "storyCaption"
            anchors { fill: parent; margins: Theme.unit * 0.6 }
            text: page.content.panels && page.count > 0 ? page.content.panels.get(page.shown - 1).caption || "" : ""
            preferred: Theme.display * 0.8
            font.family: Theme.comicFont
            font.bold: true
            verticalAlignment: page.landscape ? Text.AlignVCenter : Text.AlignTop
        }
    }
}
