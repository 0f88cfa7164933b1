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

    Canvas {
        id: tail
        objectName: "bubbleTail"
        visible: bubble.style !== "message"
        // Where the tail starts (under the bubble), where it ends (towards the speaker) and how wide it is, in
        // panel coordinates. The canvas covers only the tail's own box: a canvas the size of the panel held a
        // panel-sized image per bubble (28 MB for the story's nine bubbles at 1080p, bench/README.md).
        readonly property real bx: bubble.x + bubble.width / 2
        readonly property real by: bubble.y + bubble.height * 0.8
        readonly property real ex: bx + (bubble.model.tail_x * bubble.panelWidth - bx) * 0.7
        readonly property real ey: by + (bubble.model.tail_y * bubble.panelHeight - by) * 0.7
        readonly property real spread: Math.max(8, bubble.width * 0.08)
        readonly property real lineWidth: Math.max(2, bubble.panelHeight * 0.006)
        // room for the stroke's mitred tip too (a miter reaches at most 10 half line widths out)
        readonly property real margin: spread + lineWidth * 5
        readonly property real boxLeft: Math.floor(Math.min(bx, ex) - margin)
        readonly property real boxTop: Math.floor(Math.min(by, ey) - margin)
        x: boxLeft - bubble.x; y: boxTop - bubble.y
        width: Math.ceil(Math.max(bx, ex) + margin) - boxLeft
        height: Math.ceil(Math.max(by, ey) + margin) - boxTop
        onWidthChanged: requestPaint()
        onHeightChanged: requestPaint()
        onBoxLeftChanged: requestPaint()
        onBoxTopChanged: requestPaint()
        onPaint: {
            var ctx = getContext("2d")
            ctx.reset()
            ctx.translate(-boxLeft, -boxTop)   // draw in panel coordinates
            ctx.lineWidth = lineWidth
            ctx.strokeStyle = "#1a1a2e"
            ctx.fillStyle = "#ffffff"
            if (bubble.style === "thought") {
                for (var i = 1; i <= 3; i++) {
                    var f = i / 4, r = spread * (1 - f * 0.6) * 0.7
                    ctx.beginPath()
                    ctx.ellipse(bx + (ex - bx) * f - r, by + (ey - by) * f - r, r * 2, r * 2)
                    ctx.fill(); ctx.stroke()
                }
                return
            }
            ctx.beginPath()
            ctx.moveTo(bx - spread, by)
            ctx.lineTo(ex, ey)
            ctx.lineTo(bx + spread, by)
            ctx.closePath()
            ctx.fill()
            ctx.stroke()
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
