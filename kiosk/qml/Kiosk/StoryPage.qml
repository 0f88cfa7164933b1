pragma ComponentBehavior: Bound

import QtQuick

// The comic: one panel at a time, large, each sliding in from the right as it is revealed; the caption beside
// it (landscape) or under it (portrait). Words are text laid over the art, never part of it.
Item {
    id: page
    // Empty until PageHost's Loader hands the page its content (onLoaded): an off-screen page is built in the
    // background and its bindings first run before that; a build cut short (new pack, session closed) prints
    // their errors, so they must have none on an empty page.
    property var content: ({})
    property int pageIndex
    readonly property bool landscape: width >= height * 1.1
    readonly property int count: content.panels ? content.panels.rowCount() : 0
    // The panel on screen. A page that is fading out keeps its panel (rewinding to the first one during the
    // fade showed the panels sweeping back and redrew the page's layer every frame, 8 ms each at 1080p); it goes
    // back to the first panel once it is hidden, without animating.
    property int held: 1
    readonly property bool onScreen: Controller.page === pageIndex
    // Not in view, it shows the panel it would arrive at: the last one when it is the page Back brings, drawn ahead
    // for that tap (PageHost.qml), so its image is the page as it arrives.
    readonly property int arrival: Controller.prevAhead === pageIndex ? Math.max(1, count) : 1
    readonly property bool keepsPictures: Controller.picturePages.indexOf(pageIndex) >= 0
    readonly property int shown: onScreen ? Math.max(1, Controller.panel) : (visible ? held : arrival)
    // A page hidden at once (reduced motion) can hide before it is off screen: it goes back to its first panel then.
    onOnScreenChanged: if (onScreen) held = Math.max(1, Controller.panel); else if (!visible) held = 1
    onVisibleChanged: if (!visible && !onScreen) held = 1
    // Beside the art, the caption takes a third of the page; with larger text as much more (up to 60 %) as its
    // longest caption needs to be set at its size (a heading's, at most: tests/ui/test_text_size.py), the art
    // giving way.
    readonly property real captionShare: {
        if (!landscape || Theme.textScale <= 1) return 0.34
        var size = Math.min(Theme.story, Theme.heading) * 1.05   // a little over: the estimate is not the layout
        var shares = [0.34, 0.4, 0.46]   // beyond, the panel's speech bubbles no longer fit it
        for (var s = 0; s < shares.length; s++) {
            var w = width * shares[s] - captionPad * 2
            var fits = true
            for (var i = 0; i < captions.length && fits; i++)
                fits = Theme.blockHeight(captions[i], w, size, "comic", Theme.headingLeading) <= height - captionPad * 2 - Theme.unit * 0.3
            if (fits) return shares[s]
        }
        return shares[shares.length - 1]
    }
    readonly property real captionPad: Theme.unit * 0.6
    // Portrait: art, dots and caption sit together in the middle of the page instead of leaving an empty box
    // under a short caption. The caption box is as tall as the longest caption needs at one size for every
    // panel (the art does not jump as the panels turn): on a foyer screen the largest size at which every caption
    // fits the room under the art; on a projector five lines of caption at most, as it always was.
    readonly property var captions: {
        var all = []
        for (var i = 0; i < count; i++) all.push(content.panels.get(i).caption || "")
        return all
    }
    readonly property real captionRoom: height - viewport.height - dots.height - 2 * Theme.gap
    readonly property real captionWidth: width - captionPad * 2
    readonly property real captionSize: {
        if (Theme.scale.grow <= 1 || landscape) return Theme.story
        var longest = ""
        var most = 0
        for (var i = 0; i < captions.length; i++) {
            var h = Theme.blockHeight(captions[i], captionWidth, Theme.story, "comic", Theme.headingLeading)
            if (h > most) { most = h; longest = captions[i] }
        }
        return Theme.fit(longest, captionWidth, captionRoom - captionPad * 2, Theme.story, "comic", Theme.headingLeading, Theme.scale.measure_short)
    }
    readonly property real captionHeight: {
        if (landscape) return height
        if (Theme.scale.grow <= 1) return Math.min(captionRoom, Theme.story * 1.3 * 5 + Theme.unit * 1.2)
        var most = 0
        for (var i = 0; i < captions.length; i++) most = Math.max(most, Theme.blockHeight(captions[i], captionWidth, captionSize, "comic", Theme.headingLeading))
        return Math.min(captionRoom, most + captionPad * 2)
    }
    readonly property real portraitTop: landscape ? 0
        : Math.max(0, (height - viewport.height - dots.height - 2 * Theme.gap - captionHeight) / 2)
    // A panel in words, for screen readers: what the picture shows, the caption, then who says what.
    function panelText(n) {
        if (!content.panels || n < 0 || n >= count) return ""
        var row = content.panels.get(n)
        var words = [row.alt || "", row.caption || ""]
        var bubbles = row.bubbles
        for (var i = 0; bubbles && i < bubbles.rowCount(); i++) {
            var b = bubbles.get(i)
            words.push((b.speaker ? b.speaker + ": " : "") + b.text)
        }
        return words.filter(function(w) { return w !== "" }).join(" ")
    }
    readonly property string summary: panelText(shown - 1)
    // each panel revealed is read out: its picture, caption and speech
    onShownChanged: {
        if (onScreen) held = shown
        if (onScreen && !Controller.attract && shown > 1) Accessible.announce(summary)
    }

    Item {
        id: viewport
        objectName: "storyViewport"
        // 4:3 panels, as large as the page allows next to (or above) the caption.
        readonly property real maxW: page.landscape ? page.width * (1 - page.captionShare) - Theme.unit : page.width
        readonly property real maxH: page.landscape ? page.height - dots.height - Theme.gap : page.height * 0.66 - dots.height - Theme.gap
        width: Math.min(maxW, maxH * 4 / 3)
        height: width * 3 / 4
        y: page.portraitTop
        anchors.left: parent.left
        clip: true

        Repeater {
            model: page.content.panels
            delegate: Item {
                id: panel
                required property int index
                required property string image
                required property string alt
                required property string caption
                required property var bubbles
                objectName: "panel-" + index
                width: viewport.width
                height: viewport.height
                x: (index - (page.shown - 1)) * (viewport.width + Theme.unit)
                visible: x > -width && x < viewport.width   // only while on screen or sliding
                // Only on the page on screen: a story that has left goes back to its first panel once hidden, and
                // `page.visible` alone let that rewind slide, unseen, for 600 ms of frames after every fade out of
                // a story (its binding was read before it followed the hiding; bench/xframes_trace.py).
                Behavior on x {
                    enabled: !Controller.reducedMotion && page.visible && page.onScreen
                    NumberAnimation { duration: 600; easing.type: Easing.OutCubic }
                }
                Accessible.role: Accessible.Graphic
                Accessible.name: qsTr("Panel %1 of %2").arg(index + 1).arg(page.count)
                Accessible.description: page.panelText(index)

                Rectangle { anchors.fill: parent; color: Theme.paper }
                // Only the panel on screen and those next to it hold their art in memory (4 MB each at 1080p, 17
                // at 4K); a story off screen that may come next only the panel it would show (kiosk/core/memory.py).
                readonly property bool keep: page.keepsPictures && Math.abs(panel.index - (page.shown - 1)) <= (page.onScreen ? 1 : 0)
                PackImage {
                    anchors.fill: parent
                    source: panel.image
                    keep: panel.keep
                    alt: panel.alt
                }
                Repeater {
                    model: panel.bubbles
                    delegate: Bubble {
                        panelWidth: panel.width
                        panelHeight: panel.height
                        keep: panel.keep   // and their tails' canvases
                    }
                }
            }
        }
    }

    Row {
        id: dots
        objectName: "storyDots"
        anchors { top: viewport.bottom; topMargin: Theme.gap; horizontalCenter: viewport.horizontalCenter }
        spacing: Theme.unit * 0.4
        height: Theme.unit * 0.7
        Accessible.role: Accessible.ProgressBar
        Accessible.name: qsTr("Panel %1 of %2").arg(page.shown).arg(page.count)
        Repeater {
            model: page.count
            delegate: Rectangle {
                required property int index
                width: Theme.unit * 0.7; height: width; radius: width / 2
                // seen panels filled, the rest outlined: told apart by shape, not by a pale colour
                color: index < page.shown ? Theme.accent : "transparent"
                border.color: Theme.accent
                border.width: Math.max(2, Theme.unit * 0.08)
            }
        }
    }

    Rectangle {
        id: captionBox
        objectName: "storyCaptionBox"
        // beside the art in landscape: to its right, or to its left where the layout is mirrored (right to left)
        x: page.landscape && !page.LayoutMirroring.enabled ? viewport.width + Theme.unit : 0
        y: page.landscape ? 0 : dots.y + dots.height + Theme.gap
        width: page.landscape ? page.width - viewport.width - Theme.unit : page.width
        height: page.captionHeight
        color: "#fff4c2"
        border.color: Theme.line
        border.width: Theme.unit * 0.1
        radius: Theme.radius * 0.5
        FitText {
            objectName: "storyCaption"
            anchors { fill: parent; margins: page.captionPad }
            text: page.content.panels && page.count > 0 ? page.content.panels.get(page.shown - 1).caption || "" : ""
            preferred: page.captionSize
            leading: Theme.headingLeading
            // beside the art (landscape) the caption box is the page's height: a short caption grows into it
            grows: page.landscape
            minChars: Theme.scale.measure_label
            font.family: Theme.comicFont
            font.bold: true
            verticalAlignment: page.landscape ? Text.AlignVCenter : Text.AlignTop
        }
    }
}
