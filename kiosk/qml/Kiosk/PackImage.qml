import QtQuick

// A pack's picture, rasterised at its on-screen size (SVG stays sharp at 4K). A missing or broken file shows
// a neutral placeholder instead of a hole.
Item {
    id: holder
    property alias source: img.source
    property string alt
    readonly property bool loading: img.status === Image.Loading   // kiosk render waits for this
    Accessible.role: Accessible.Graphic
    Accessible.name: alt

    Image {
        id: img
        anchors.fill: parent
        sourceSize.width: Math.max(1, Math.round(width))
        sourceSize.height: Math.max(1, Math.round(height))
        fillMode: Image.PreserveAspectFit
        asynchronous: true
        smooth: true
        visible: status === Image.Ready
    }
    Rectangle {
        anchors.fill: parent
        visible: img.status === Image.Error || img.source == ""
        color: "#d8dde6"
        radius: Theme.radius
        Icon { anchors.centerIn: parent; name: "info"; size: Math.min(parent.width, parent.height) / 4; color: "#8a94a6" }
    }
}
