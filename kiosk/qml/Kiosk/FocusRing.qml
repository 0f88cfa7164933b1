import QtQuick

// The keyboard focus ring: black outside, yellow inside (as GOV.UK draws it), so it stands out at 3:1 or more
// against white, the page tint, the accent bands and the red help button alike. Drawn just outside the
// control, never over its words. Put one inside any control that takes focus: `FocusRing {}`.
Rectangle {
    objectName: "focusRing"
    readonly property real thickness: Math.max(3, Theme.unit * 0.14)
    anchors.fill: parent
    anchors.margins: -thickness * 2
    visible: parent.activeFocus
    color: "transparent"
    radius: ((parent as Rectangle)?.radius ?? 0) + thickness * 2
    border.color: Theme.focusOuter
    border.width: thickness
    z: 100
    Rectangle {
        anchors.fill: parent
        anchors.margins: parent.thickness
        color: "transparent"
        radius: Math.max(0, parent.radius - parent.thickness)
        border.color: Theme.focus
        border.width: parent.thickness
    }
}
