import QtQuick

// A few seconds before an idle return: say so, count down, and let any tap cancel it.
Item {
    id: warning
    objectName: "idleWarning"
    visible: Controller.warning
    property int secondsLeft: 0
    onVisibleChanged: if (visible) secondsLeft = Controller.idleSecondsLeft

    Timer {
        interval: 1000
        repeat: true
        running: warning.visible && warning.secondsLeft > 0
        onTriggered: warning.secondsLeft -= 1
    }
    Rectangle { anchors.fill: parent; color: "#000000"; opacity: 0.55 }
    MouseArea { anchors.fill: parent; onClicked: Controller.touch() }
    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.margin * 2, Theme.unit * 22)
        height: column.implicitHeight + Theme.unit * 2
        radius: Theme.radius * 2
        color: Theme.paper
        Column {
            id: column
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: Theme.unit }
            spacing: Theme.gap
            Text {
                width: parent.width
                text: qsTr("Still there?")
                font.family: Theme.bodyFont; font.pixelSize: Theme.controlHeading; font.bold: true
                color: Theme.ink; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
                Accessible.role: Accessible.Heading; Accessible.name: text
            }
            Text {
                width: parent.width
                text: qsTr("Going back to the start in %n second(s). Your plan will be cleared.", "", warning.secondsLeft)
                font.family: Theme.bodyFont; font.pixelSize: Theme.control
                color: Theme.ink; horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
                Accessible.role: Accessible.AlertMessage; Accessible.name: text
            }
            TapButton {
                anchors.horizontalCenter: parent.horizontalCenter
                label: qsTr("Keep going")
                icon: "tap"
                onClicked: Controller.touch()
            }
        }
    }
}
