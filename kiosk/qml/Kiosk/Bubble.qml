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
        visible: bubble.style !== "message"
        // Drawn in panel coordinates so the tail can reach the speaker.
        x: -bubble.x; y: -bubble.y
        width: bubble.panelWidth; height: bubble.panelHeight
        onWidthChanged: requestPaint()
        onHeightChanged: requestPaint()
        onPaint: {
            var ctx = getContext("2d")
            ctx.reset()
            var bx = bubble.x + bubble.width / 2, by = bubble.y + bubble.height * 0.8
            var tx = bubble.model.tail_x * width, ty = bubble.model.tail_y * height
            var ex = bx + (tx - bx) * 0.7, ey = by + (ty - by) * 0.7
            var spread = Math.max(8, bubble.width * 0.08)
            ctx.lineWidth = Math.max(2, bubble.panelHeight * 0.006)
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
