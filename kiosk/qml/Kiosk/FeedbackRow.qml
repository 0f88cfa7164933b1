pragma ComponentBehavior: Bound

import QtQuick

// The end-of-visit question (kiosk/ui/stats_bridge.py says when it appears): big faces in a card above the
// navigation bar, never a dialog. A face counts once; Skip, turning the page or the idle return takes it away.
Rectangle {
    id: card
    objectName: "feedbackRow"
    property real bottomGap: 0
    readonly property int answerCount: Math.max(1, Stats.feedbackAnswers.length)
    readonly property real faceHeight: Theme.unit * 3
    visible: Stats.feedbackVisible
    width: Math.min(parent.width - Theme.margin * 2, Theme.unit * 30)
    height: column.implicitHeight + Theme.unit
    anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: bottomGap + Theme.gap }
    radius: Theme.radius * 2
    color: Theme.paper
    border.color: Theme.accent
    border.width: Math.max(2, Theme.unit * 0.1)
    Accessible.role: Accessible.Grouping
    Accessible.name: Stats.feedbackQuestion

    // The card's own background swallows taps, so a near miss never presses the page underneath.
    MouseArea { anchors.fill: parent }

    Column {
        id: column
        anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: Theme.unit * 0.5 }
        spacing: Theme.unit * 0.4
        Text {
            objectName: "feedbackQuestion"
            width: parent.width
            text: Stats.feedbackThanks ? qsTr("Thank you!") : Stats.feedbackQuestion
            font.family: Theme.bodyFont; font.pixelSize: Theme.controlLarge; font.bold: true
            color: Theme.ink; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            Accessible.role: Accessible.Heading; Accessible.name: text
        }
        Row {
            id: faces
            visible: !Stats.feedbackThanks
            spacing: Theme.gap
            anchors.horizontalCenter: parent.horizontalCenter
            Repeater {
                model: Stats.feedbackAnswers
                delegate: Rectangle {
                    id: face
                    required property var modelData
                    objectName: "feedback-" + modelData.id
                    width: (column.width - skip.width - faces.spacing * card.answerCount) / card.answerCount
                    height: card.faceHeight
                    radius: Theme.radius
                    color: Theme.accent
                    border.color: activeFocus ? Theme.focus : "transparent"
                    border.width: Theme.unit * 0.2
                    scale: faceArea.pressed ? 0.94 : 1
                    activeFocusOnTab: true
                    Accessible.role: Accessible.Button
                    Accessible.name: modelData.label
                    Accessible.onPressAction: Stats.answer(modelData.id)
                    Keys.onReturnPressed: Stats.answer(modelData.id)
                    Keys.onEnterPressed: Stats.answer(modelData.id)
                    Keys.onSpacePressed: Stats.answer(modelData.id)
                    Column {
                        anchors.centerIn: parent
                        width: parent.width - Theme.unit * 0.4
                        Icon { name: face.modelData.icon; size: Theme.unit * 1.3; color: Theme.paper; width: parent.width }
                        Text {
                            width: parent.width
                            text: face.modelData.label
                            font.family: Theme.bodyFont; font.pixelSize: Theme.control; font.bold: true
                            color: Theme.paper; horizontalAlignment: Text.AlignHCenter
                            fontSizeMode: Text.HorizontalFit; minimumPixelSize: Theme.control
                            elide: Text.ElideRight
                            Accessible.ignored: true
                        }
                    }
                    MouseArea { id: faceArea; anchors.fill: parent; onClicked: Stats.answer(face.modelData.id) }
                }
            }
            TapButton {
                id: skip
                objectName: "feedbackSkip"
                height: card.faceHeight
                label: qsTr("Skip")
                icon: "close"
                filled: false
                tint: Theme.inkSoft
                Accessible.name: qsTr("Skip the question")
                onClicked: Stats.skip()
            }
        }
        Text {
            objectName: "feedbackThanks"
            visible: Stats.feedbackThanks
            width: parent.width
            text: qsTr("Only the number of answers is kept, never who gave them.")
            font.family: Theme.bodyFont; font.pixelSize: Theme.control
            color: Theme.inkSoft; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
            Accessible.role: Accessible.StaticText; Accessible.name: text
        }
    }
}
