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
    // Beside the art rather than on it (StoryPage's split, larger text): the page places it and sets its width;
    // `origin` is where its parent lies in the panel's coordinates, so the tail still reaches the speaker.
    property bool docked: false
    property point origin: Qt.point(0, 0)
    readonly property string style: model.style || "speech"
    readonly property real pad: docked ? Theme.unit * 0.4 : panelHeight * 0.025
    // Its words follow the text size like any text a pupil reads: the panel's lettering size (a share of its
    // height, never under the body size) times the text size; on the art it gives back size down to the body size
    // to stay in the panel's top 40 %, over no face (StoryPage splits the panel where even that does not fit).
    readonly property real fontSize: docked ? Theme.body : Math.max(Theme.body, panelHeight / 17 * Theme.textScale)

    objectName: "bubble"
    x: docked ? 0 : model.x * panelWidth
    y: docked ? 0 : model.y * panelHeight
    width: model.width * panelWidth
    height: docked ? measure.implicitHeight + pad * 2 : Math.min(measure.implicitHeight + pad * 2, panelHeight * 0.42)
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
            // Docked beside the art (to its right), the tail leaves the bubble's side; under it, its top. Either way it
            // points at the speaker and stops just inside the art's edge, over no face.
            readonly property bool beside: bubble.docked && (atX >= bubble.panelWidth || atX + bubble.width <= 0)
            readonly property bool onLeft: atX + bubble.width <= 0   // beside it on the left (right to left)
            readonly property real atX: bubble.origin.x + bubble.x
            readonly property real atY: bubble.origin.y + bubble.y
            // Docked under the art, it leaves the bubble's top as near below its speaker as the top's straight part
            // allows, so it points up at them, not across at someone else.
            readonly property real round: Math.min(bubble.width / 2, Math.min(bubble.width, bubble.height) / 2.2 + spread)
            readonly property real bx: beside ? (onLeft ? atX + bubble.width - bubble.pad * 2 : atX + bubble.pad * 2)
                                     : bubble.docked ? Math.max(atX + round, Math.min(atX + bubble.width - round, sx)) : atX + bubble.width / 2
            readonly property real by: beside ? atY + bubble.height / 2 : bubble.docked ? atY + bubble.pad * 2 : atY + bubble.height * 0.8
            readonly property real sx: bubble.model.tail_x * bubble.panelWidth
            readonly property real sy: bubble.model.tail_y * bubble.panelHeight
            readonly property real inside: Theme.unit * 0.4
            readonly property real reach: !bubble.docked ? 0.7
                : Math.max(0, Math.min(1, beside ? (bx - (onLeft ? inside : bubble.panelWidth - inside)) / ((bx - sx) || 1)
                                                 : (by - bubble.panelHeight + inside) / Math.max(1, by - sy)))
            readonly property real ex: bx + (sx - bx) * reach
            readonly property real ey: by + (sy - by) * reach
            readonly property real spread: bubble.docked ? Math.min(bubble.height * 0.3, Theme.unit * 0.5) : Math.max(8, bubble.width * 0.08)
            readonly property real lineWidth: Math.max(2, bubble.panelHeight * 0.006)
            // room for the stroke's mitred tip too (a miter reaches at most 10 half line widths out)
            readonly property real margin: spread + lineWidth * 5
            readonly property real boxLeft: Math.floor(Math.min(bx, ex) - margin)
            readonly property real boxTop: Math.floor(Math.min(by, ey) - margin)
            x: boxLeft - bubble.origin.x - bubble.x; y: boxTop - bubble.origin.y - bubble.y
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
                if (beside) ctx.moveTo(bx, by - spread); else ctx.moveTo(bx - spread, by)
                ctx.lineTo(ex, ey)
                if (beside) ctx.lineTo(bx, by + spread); else ctx.lineTo(bx + spread, by)
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
