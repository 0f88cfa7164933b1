import QtQuick

// A plain button for the studio's side panel: mouse, Tab plus Enter or Space, and a screen reader's press.
Rectangle {
    id: button
    property string label
    property string description
    property bool checkable: false
    property bool checked: false
    signal clicked()

    implicitWidth: caption.implicitWidth + 24
    implicitHeight: 36
    radius: 6
    color: checked ? "#0a5c32" : (area.containsMouse ? "#dde3ec" : "#ffffff")
    border.color: activeFocus ? "#000000" : "#8a94a6"
    border.width: activeFocus ? 3 : 1
    activeFocusOnTab: true

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

    Text {
        id: caption
        anchors.centerIn: parent
        text: button.label
        color: button.checked ? "#ffffff" : "#111827"
        font.pixelSize: 15
        font.bold: button.checked
        Accessible.ignored: true
    }
    // the focus ring's yellow inner line (the kiosk's colours: black outside, yellow inside)
    Rectangle {
        anchors.fill: parent
        anchors.margins: 3
        visible: button.activeFocus
        color: "transparent"
        radius: 4
        border.color: "#ffdd00"
        border.width: 2
    }
    MouseArea {
        id: area
        anchors.fill: parent
        hoverEnabled: true
        onClicked: button.clicked()
    }
}
