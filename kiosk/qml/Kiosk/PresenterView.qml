pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Window

// The teacher's laptop screen in an assembly: the page the hall sees and the next one, speaker notes and
// discussion questions from the pack, elapsed time, and big buttons for when there is no clicker.
Window {
    id: presenter
    objectName: "presenterWindow"
    title: qsTr("Presenter view") + " - " + Controller.packName
    width: 1280
    height: 800
    visible: false
    color: "#1f2430"
    property var audience  // the audience window, for the previews' proportions
    readonly property real u: Math.max(12, Math.min(width, height) / 40)
    property int elapsed: 0

    Timer {
        // the clock on the presenter's screen moves, so it may tick; nothing else in this window does
        interval: 1000
        repeat: true
        running: presenter.visible
        onTriggered: presenter.elapsed += 1
    }

    function clock(seconds) {
        var m = Math.floor(seconds / 60), s = seconds % 60
        return m + ":" + (s < 10 ? "0" : "") + s
    }

    component Preview: Item {
        id: preview
        property int pageIndex: -1
        property string label
        readonly property real sourceWidth: presenter.audience ? presenter.audience.width : 1920
        readonly property real sourceHeight: presenter.audience ? presenter.audience.height : 1080
        height: width * sourceHeight / sourceWidth + caption.height
        Text {
            id: caption
            text: preview.label
            color: "#e5e7eb"
            font.family: Theme.bodyFont
            font.pixelSize: presenter.u * 1.2
            font.bold: true
        }
        Rectangle {
            id: frame
            anchors { top: caption.bottom; left: parent.left; right: parent.right; bottom: parent.bottom }
            color: "#000000"
            clip: true
            Item {
                width: preview.sourceWidth
                height: preview.sourceHeight
                scale: frame.width / preview.sourceWidth
                transformOrigin: Item.TopLeft
                visible: preview.pageIndex >= 0
                Rectangle { anchors.fill: parent; color: Theme.surface }
                Repeater {
                    model: Controller.pages
                    delegate: PageHost {
                        width: preview.sourceWidth
                        height: preview.sourceHeight
                        showOnly: preview.pageIndex
                    }
                }
            }
            Text {
                anchors.centerIn: parent
                visible: preview.pageIndex < 0
                text: qsTr("End of the presentation")
                color: "#9ca3af"
                font.pixelSize: presenter.u
                font.family: Theme.bodyFont
            }
        }
    }

    Row {
        anchors { fill: parent; margins: presenter.u }
        spacing: presenter.u
        Column {
            id: left
            width: parent.width * 0.55
            spacing: presenter.u
            Preview {
                objectName: "previewNow"
                width: parent.width
                pageIndex: Controller.page
                label: qsTr("Now: %1 (%2 of %3)").arg(Controller.currentTitle).arg(Controller.page + 1).arg(Controller.pageCount)
            }
            Preview {
                objectName: "previewNext"
                width: parent.width * 0.6
                pageIndex: Controller.page + 1 < Controller.pageCount ? Controller.page + 1 : -1
                label: qsTr("Next: %1").arg(Controller.nextTitle || "-")
            }
        }
        Column {
            width: parent.width - left.width - presenter.u
            spacing: presenter.u * 0.8
            Row {
                spacing: presenter.u
                Text {
                    objectName: "elapsed"
                    text: presenter.clock(presenter.elapsed)
                    color: "#fbbf24"
                    font.pixelSize: presenter.u * 2.4
                    font.bold: true
                    font.family: Theme.bodyFont
                    Accessible.role: Accessible.StaticText
                    Accessible.name: qsTr("Elapsed time %1").arg(text)
                }
                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    text: Controller.blank === "" ? (Controller.pendingNumber ? qsTr("Go to page %1 (Enter)").arg(Controller.pendingNumber) : "")
                          : (Controller.blank === "black" ? qsTr("Screen is black (Esc)") : qsTr("Screen is white (Esc)"))
                    color: "#f87171"
                    font.pixelSize: presenter.u * 1.1
                    font.family: Theme.bodyFont
                }
            }
            Text {
                text: qsTr("Speaker notes")
                color: "#9ca3af"; font.pixelSize: presenter.u; font.bold: true; font.family: Theme.bodyFont
            }
            Text {
                objectName: "notes"
                width: parent.width
                text: Controller.notes || qsTr("No notes for this page.")
                color: "#f9fafb"
                wrapMode: Text.WordWrap
                font.pixelSize: presenter.u * 1.1
                font.family: Theme.bodyFont
            }
            Text {
                text: qsTr("Questions to discuss")
                color: "#9ca3af"; font.pixelSize: presenter.u; font.bold: true; font.family: Theme.bodyFont
                visible: Controller.questions.length > 0
            }
            Repeater {
                objectName: "questions"
                model: Controller.questions
                delegate: Text {
                    required property string modelData
                    required property int index
                    width: parent.width
                    text: (index + 1) + ". " + modelData
                    color: "#f9fafb"
                    wrapMode: Text.WordWrap
                    font.pixelSize: presenter.u * 1.05
                    font.family: Theme.bodyFont
                }
            }
            Flow {
                width: parent.width
                spacing: presenter.u * 0.5
                TapButton { label: qsTr("Back"); icon: "back"; fontSize: presenter.u * 1.1; height: presenter.u * 3; onClicked: Controller.prev() }
                TapButton { label: qsTr("Next"); icon: "next"; fontSize: presenter.u * 1.1; height: presenter.u * 3; onClicked: Controller.next() }
                TapButton { label: qsTr("Black"); filled: false; tint: "#e5e7eb"; fontSize: presenter.u * 1.1; height: presenter.u * 3; onClicked: Controller.act("black") }
                TapButton { label: qsTr("White"); filled: false; tint: "#e5e7eb"; fontSize: presenter.u * 1.1; height: presenter.u * 3; onClicked: Controller.act("white") }
            }
        }
    }
}
