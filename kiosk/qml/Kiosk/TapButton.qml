import QtQuick

// A large touch target with an icon and a word, usable by touch, mouse and keyboard (Tab, Enter, Space).
Rectangle {
    id: button
    property string label
    property string icon
    property string description
    property bool checked: false
    property bool checkable: false
    property color tint: Theme.accent
    property bool filled: true
    property real fontSize: Theme.body
    signal clicked()

    implicitHeight: Theme.target
    implicitWidth: Math.max(height, row.implicitWidth + fontSize * 1.2)
    radius: Theme.radius
    color: checked ? Theme.chosen : (filled ? tint : "transparent")
    border.color: activeFocus ? Theme.focus : (filled || checked ? "transparent" : tint)
    border.width: activeFocus ? Theme.unit * 0.2 : Theme.unit * 0.08
    opacity: enabled ? 1 : 0.4
    activeFocusOnTab: true
    scale: area.pressed ? 0.96 : 1

    Accessible.role: checkable ? Accessible.CheckBox : Accessible.Button
    Accessible.name: label
    Accessible.description: description
    Accessible.checkable: checkable
    Accessible.checked: checked
    Accessible.onPressAction: button.clicked()
    Accessible.onToggleAction: button.clicked()
    Keys.onReturnPressed: button.clicked()
    Keys.onEnterPressed: button.clicked()
    Keys.onSpacePressed: button.clicked()

    Row {
        id: row
        anchors.centerIn: parent
        spacing: Theme.unit * 0.4
        Icon {
            name: button.checked ? "check" : button.icon
            visible: name !== "" && text !== ""
            size: button.fontSize
            color: button.filled || button.checked ? Theme.paper : button.tint
            anchors.verticalCenter: parent.verticalCenter
        }
        Text {
            text: button.label
            visible: text !== ""
            font.family: Theme.bodyFont
            font.pixelSize: button.fontSize
            font.bold: true
            color: button.filled || button.checked ? Theme.paper : button.tint
            anchors.verticalCenter: parent.verticalCenter
            Accessible.ignored: true
        }
    }
    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: button.clicked()
    }
}
