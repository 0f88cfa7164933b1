import QtQuick

// A pack's picture, rasterised at its on-screen size (SVG stays sharp at 4K). A missing or broken file shows
// a neutral placeholder instead of a hole.
Item {
    id: holder
    property string source
    property string alt
    // False lets the decoded picture go while the item is not on screen (kiosk/core/memory.py): a page that may
    // come next keeps it, the others load it again when they become one of those. While on screen it is kept
    // whatever `keep` says, so a page that is leaving keeps its picture until its fade is over.
    property bool keep: true
    readonly property bool loading: img.status === Image.Loading   // kiosk render waits for this
    readonly property int pixelWidth: Math.max(1, Math.round(width))
    readonly property int pixelHeight: Math.max(1, Math.round(height))
    Accessible.role: Accessible.Graphic
    Accessible.name: alt

    Image {
        id: img
        anchors.fill: parent
        sourceSize.width: holder.pixelWidth
        sourceSize.height: holder.pixelHeight
        fillMode: Image.PreserveAspectFit
        // An SVG already drawn at this size comes from the cache as PNG (kiosk/ui/art.py). The size is read
        // from the holder: Image.sourceSize changes as an image loads, which would loop this binding.
        source: holder.keep || holder.visible ? ArtCache.url(holder.source, holder.pixelWidth, holder.pixelHeight) : ""
        asynchronous: true
        smooth: true
        visible: status === Image.Ready
    }
    Rectangle {
        anchors.fill: parent
        visible: img.status === Image.Error || holder.source === ""
        color: "#d8dde6"
        radius: Theme.radius
        Icon { anchors.centerIn: parent; name: "info"; size: Math.min(parent.width, parent.height) / 4; color: "#8a94a6" }
    }
}
