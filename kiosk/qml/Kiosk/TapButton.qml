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
    property real fontSize: Theme.control
    // On a dark surface (the staff screen) the high-contrast theme's black fills would vanish into it: there a
    // filled or chosen button is white with black words instead.
    property bool onDark: false
    readonly property bool inverted: onDark && Theme.highContrast
    // the words and icon on a filled or chosen button
    readonly property color ink: inverted ? "#000000" : Theme.paper
    signal clicked()
    // a page that scrolls (ScrollPage) never shows a strip of a button's edge without its words
    readonly property bool wholeBox: true

    implicitHeight: Theme.target
    implicitWidth: Math.max(height, row.implicitWidth + fontSize * 1.2)
    radius: Theme.radius
    color: inverted && (checked || filled) ? "#ffffff" : (checked ? Theme.chosen : (filled ? tint : "transparent"))
    border.color: filled || checked ? "transparent" : tint
    border.width: Theme.unit * 0.08
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
            id: iconItem
            name: button.checked ? "check" : button.icon
            visible: name !== "" && text !== ""
            size: button.fontSize
            color: button.filled || button.checked ? button.ink : button.tint
            anchors.verticalCenter: parent.verticalCenter
        }
        Text {
            id: labelText
            text: button.label
            visible: text !== ""
            width: Math.min(implicitWidth, button.width - (iconItem.visible ? iconItem.width + row.spacing : 0) - button.fontSize)
            height: Math.max(1, button.height - button.fontSize * 0.3)
            font.family: Theme.bodyFont
            font.pixelSize: button.fontSize
            font.bold: true
            fontSizeMode: width > 0 && height > 0 ? Text.Fit : Text.FixedSize
            minimumPixelSize: Math.min(button.fontSize, Theme.unit)
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
            verticalAlignment: Text.AlignVCenter
            color: button.filled || button.checked ? button.ink : button.tint
            anchors.verticalCenter: parent.verticalCenter
            Accessible.ignored: true
        }
    }
    FocusRing {}
    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: button.clicked()
    }
}
