pragma ComponentBehavior: Bound

import QtQuick

// A speech bubble, thought bubble or phone message laid over a panel. Position, width and where the tail
// points come from the pack as fractions of the panel, so the layout scales with any screen.
Item {
    id: bubble
    required property var model
    readonly property string text: model.text
    readonly property string speaker: model.speaker
    property real panelWidth
    property real panelHeight
    // False lets the tail's canvas go while the bubble is not on screen, as a panel's picture goes (StoryPage.qml,
    // kiosk/core/memory.py): a canvas holds an image of its box, 0.1-0.4 MB at 1080p and four times that at 4K.
    property bool keep: true
    readonly property string style: model.style || "speech"
    readonly property real pad: panelHeight * 0.025
    readonly property real fontSize: Math.max(Theme.body, panelHeight / 17)

    objectName: "bubble"
    x: model.x * panelWidth
    y: model.y * panelHeight
    width: model.width * panelWidth
    height: Math.min(measure.implicitHeight + pad * 2, panelHeight * 0.42)
    z: 2
    Accessible.role: Accessible.StaticText
    Accessible.name: speaker + ": " + text

    Loader {
        active: bubble.style !== "message" && (bubble.keep || bubble.visible)
        sourceComponent: tailCanvas
    }
    Component {
        id: tailCanvas
        Canvas {
            id: tail
            objectName: "bubbleTail"
            // Where the tail starts (under the bubble), where it ends (towards the speaker) and how wide it is, in
            // panel coordinates. The canvas covers only the tail's own box: a canvas the size of the panel held a
            // panel-sized image per bubble (28 MB for the story's nine bubbles at 1080p, bench/README.md).
            readonly property real bx: bubble.x + bubble.width / 2
            readonly property real by: bubble.y + bubble.height * 0.8
            readonly property real ex: tail.bx + (bubble.model.tail_x * bubble.panelWidth - tail.bx) * 0.7
            readonly property real ey: tail.by + (bubble.model.tail_y * bubble.panelHeight - tail.by) * 0.7
            readonly property real spread: Math.max(8, bubble.width * 0.08)
            readonly property real lineWidth: Math.max(2, bubble.panelHeight * 0.006)
            // room for the stroke's mitred tip too (a miter reaches at most 10 half line widths out)
            readonly property real margin: tail.spread + tail.lineWidth * 5
            readonly property real boxLeft: Math.floor(Math.min(tail.bx, tail.ex) - tail.margin)
            readonly property real boxTop: Math.floor(Math.min(tail.by, tail.ey) - tail.margin)
            x: tail.boxLeft - bubble.x; y: tail.boxTop - bubble.y
            width: Math.ceil(Math.max(tail.bx, tail.ex) + tail.margin) - tail.boxLeft
            height: Math.ceil(Math.max(tail.by, tail.ey) + tail.margin) - tail.boxTop
            onWidthChanged: tail.requestPaint()
            onHeightChanged: tail.requestPaint()
            onBoxLeftChanged: tail.requestPaint()
            onBoxTopChanged: tail.requestPaint()
            onPaint: {
                var ctx = tail.getContext("2d")
                ctx.reset()
                ctx.translate(-tail.boxLeft, -tail.boxTop)   // draw in panel coordinates
                ctx.lineWidth = tail.lineWidth
                ctx.strokeStyle = "#1a1a2e"
                ctx.fillStyle = "#ffffff"
                if (bubble.style === "thought") {
                    for (var i = 1; i <= 3; i++) {
                        var f = i / 4, r = tail.spread * (1 - f * 0.6) * 0.7
                        ctx.beginPath()
                        ctx.ellipse(tail.bx + (tail.ex - tail.bx) * f - r, tail.by + (tail.ey - tail.by) * f - r, r * 2, r * 2)
                        ctx.fill(); ctx.stroke()
                    }
                    return
                }
                ctx.beginPath()
                ctx.moveTo(tail.bx - tail.spread, tail.by)
                ctx.lineTo(tail.ex, tail.ey)
                ctx.lineTo(tail.bx + tail.spread, tail.by)
                ctx.closePath()
                ctx.fill()
                ctx.stroke()
            }
        }
    }
    Rectangle {
        anchors.fill: parent
        radius: bubble.style === "message" ? bubble.pad * 1.2 : Math.min(width, height) / 2.2
        color: bubble.style === "message" ? "#1e40af" : "#ffffff"   // white words on it: 8.7:1
        border.color: "#1a1a2e"
        border.width: Math.max(2, bubble.panelHeight * 0.006)
    }
    Text {
        id: measure
        visible: false
        width: bubble.width - bubble.pad * 3.2
        text: bubble.text
        font: words.font
        wrapMode: Text.WordWrap
        textFormat: Text.PlainText
        Accessible.ignored: true
    }
    Text {
        id: words
        objectName: "bubbleText"
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: parent.bottom; margins: bubble.pad; leftMargin: bubble.pad * 1.6; rightMargin: bubble.pad * 1.6 }
        text: bubble.text
        font.family: Theme.comicFont
        font.bold: true
        font.pixelSize: bubble.fontSize
        fontSizeMode: Text.Fit
        minimumPixelSize: Theme.unit
        wrapMode: Text.WordWrap
        elide: Text.ElideRight
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        color: bubble.style === "message" ? "#ffffff" : "#1a1a2e"
        textFormat: Text.PlainText
        Accessible.ignored: true
    }
}
