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
    property int pageIndex: -1   // until PageHost says (ScrollPage steers the kiosk only for its own page)
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
    readonly property bool captionFitsBeside: {
        if (!landscape || Theme.textScale <= 1) return true
        var size = Math.min(Theme.story, Theme.heading) * 1.05
        var w = width * captionShare - captionPad * 2
        for (var i = 0; i < captions.length; i++)
            if (Theme.blockHeight(captions[i], w, size, "comic", Theme.headingLeading) > height - captionPad * 2 - Theme.unit * 0.3) return false
        return true
    }

    // --- larger text: a panel in one or two screenfuls --------------------------------------------------------
    // A bubble's words are text a pupil reads: they follow the text size like every other text (Bubble.qml). They
    // sit in a panel's calm top 40 % (docs/pack-format.md), over no face. Where, with larger text, the caption at its
    // size does not fit beside (or under) the art, or the speech at its size does not fit the art's top 40 %, the
    // story is split: each panel's art with its speech beside it (under it, portrait), and its caption under the
    // speech where it fits there (one screenful), or else on a screenful of its own across the page (two:
    // ScrollPage). Next, the clicker and the loop step through them (Engine.next, Engine.set_panel_screens), a finger
    // flicks between them, and "More below" says the caption is there.
    readonly property real screenHeight: Math.max(0, height - Theme.target - Theme.gap * 0.5)   // ScrollPage's view
    readonly property real dotsHeight: Theme.unit * 0.7
    // the words of each panel's bubbles
    readonly property var speech: {
        var all = []
        for (var i = 0; i < count; i++) {
            var b = content.panels.get(i).bubbles
            var words = []
            for (var j = 0; b && j < b.rowCount(); j++) words.push({ text: b.get(j).text, width: b.get(j).width })
            all.push(words)
        }
        return all
    }
    // A bubble's height at the body size in a box `inner` wide (Bubble.qml: its words, and its padding).
    function bubbleNeeds(words, inner, pad) {
        return Theme.blockHeight(words, inner, Theme.body, "comic", Theme.naturalLeading("comic")) + pad * 2
    }
    // Does every panel's speech fit its place in a panel `w` x `h` at the body size (and not below its top 40 %)?
    function speechFitsArt(w, h) {
        var pad = h * 0.025
        for (var i = 0; i < speech.length; i++)
            for (var j = 0; j < speech[i].length; j++)
                if (bubbleNeeds(speech[i][j].text, speech[i][j].width * w - pad * 3.2, pad) > h * 0.42) return false
        return true
    }
    // The height panel `i`'s speech takes docked: beside the art, one bubble under another in a column `w` wide, or
    // under it (portrait), side by side across `w`, so each tail goes straight up to its speaker. 0 without speech.
    function speechHeight(i, w) {
        var total = 0
        var n = Math.max(1, speech[i].length)
        var each = landscape ? w : (w - Theme.gap * (n - 1)) / n
        for (var j = 0; j < speech[i].length; j++) {
            var h = bubbleNeeds(speech[i][j].text, each - dockPad * 3.2, dockPad)
            total = landscape ? total + h + Theme.gap : Math.max(total, h)
        }
        return total
    }
    // the most any panel's speech takes
    function speechColumn(w) {
        var most = 0
        for (var i = 0; i < speech.length; i++) most = Math.max(most, speechHeight(i, w))
        return most
    }
    readonly property real dockPad: Theme.unit * 0.4
    // the art's size as the page lays it out on one screen (viewport below)
    readonly property real oneScreenArtWidth: landscape ? Math.min(width * (1 - captionShare) - Theme.unit, (height - dotsHeight - Theme.gap) * 4 / 3)
                                                        : Math.min(width, (height * 0.66 - dotsHeight - Theme.gap) * 4 / 3)
    readonly property bool split: Theme.textScale > 1 && count > 0 && width > 0 && screenHeight > 0
        && (!captionFitsBeside || !portraitCaptionFits || !speechFitsArt(oneScreenArtWidth, oneScreenArtWidth * 3 / 4))
    // Split: the art as large as leaves its speech room beside it (landscape) or under it (portrait).
    readonly property real largestArtWidth: {
        if (!split) return 0
        var room = screenHeight - dotsHeight - Theme.gap
        for (var f = 1; f >= 0.45; f -= 0.05) {
            if (landscape) {
                var w = Math.min(room * 4 / 3, width * 0.66) * f
                if (speechColumn(width - w - Theme.unit) <= screenHeight) return w
            } else {
                var v = Math.min(width, room * 4 / 3) * f
                if (v * 3 / 4 + dotsHeight + Theme.gap * 2 + speechColumn(width) <= screenHeight) return v
            }
        }
        return (landscape ? Math.min(room * 4 / 3, width * 0.66) : Math.min(width, room * 4 / 3)) * 0.45
    }
    // Portrait: the art gives way to the captions, for the whole story at once, down to 60 % of the page's width, so
    // a panel whose caption then fits under its speech is one screenful (kiosk/core/storylayout.py decides).
    readonly property var portraitFit: {
        if (!split || landscape) return null
        var needs = []
        for (var i = 0; i < count; i++) needs.push(captions[i] !== "" ? captionNeed(i, width) : 0)
        return Controller.portraitStory(height, width, largestArtWidth * 3 / 4,
                                        speechColumn(width) + dotsHeight + Theme.gap * 3, needs)
    }
    readonly property real splitArtWidth: portraitFit ? portraitFit.art * 4 / 3 : largestArtWidth
    // the top of the second screenful, the caption's
    readonly property real captionTop: screenHeight + Theme.gap * 0.5
    // Split: every caption of the story at one size, a heading's (as beside the art), less only where one would not
    // fit even a screenful of its own; whether it goes under the speech or on its own screenful, it is the same size.
    readonly property real splitCaptionSize: {
        if (!split) return 0
        var size = Math.min(Theme.story, Theme.heading)
        var room = screenHeight - captionPad * 2
        for (var guard = 0; guard < 40 && size > Theme.minimum; guard++) {
            var fits = true
            for (var i = 0; i < captions.length && fits; i++)
                fits = Theme.blockHeight(captions[i], width - captionPad * 2, size, "comic", Theme.headingLeading) <= room
            if (fits) break
            size *= 0.96
        }
        return Math.max(size, Theme.minimum)
    }
    // Split: the speech's place beside the art (landscape: the column right of it) or under it (portrait: across the
    // page), and the caption's there under the speech. The dots go under the tallest speech (portrait), where no
    // bubble's tail crosses them on its way up to its speaker.
    readonly property real dockWidth: landscape ? width - splitArtWidth - Theme.unit * 1.4 : width
    // portrait: the art's, speech's and dots' heights, and the tallest caption under them (a panel whose caption does
    // not fit there has none)
    readonly property real portraitBlock: splitArtWidth * 3 / 4 + Theme.gap + speechColumn(width) + Theme.gap + dotsHeight + Theme.gap
    // A panel's caption box at the story's caption size in a box `w` wide: its words and padding.
    function captionNeed(i, w) {
        return Theme.blockHeight(captions[i], w - captionPad * 2, splitCaptionSize, "comic", Theme.headingLeading) + captionPad * 2
    }
    // The room under panel `i`'s speech for its caption: a panel on one screenful has the whole page (no "More
    // below" strip).
    function roomUnderSpeech(i) {
        if (landscape) return height - speechHeight(i, dockWidth)   // (speechHeight counts a gap under each bubble)
        return height - portraitBlock
    }
    // Beside the art, the column holds a caption's lines at a readable measure (the fewest letters a caption's
    // line may hold, as beside the art at 100 %), not a word or two a line.
    readonly property bool dockMeasure: !landscape
        || (dockWidth - captionPad * 2) / (splitCaptionSize * Theme.metrics("comic").advanceWidth(Theme.sample) / Theme.sample.length / 100)
           >= Theme.scale.measure_label
    // How many screenfuls each panel takes: one where its caption fits under its speech, else two (portrait: as the
    // art gave way, portraitFit).
    readonly property var panelScreens: {
        if (portraitFit) return portraitFit.screens
        var all = []
        for (var i = 0; i < count; i++)
            all.push(split && captions[i] !== "" && (!dockMeasure || captionNeed(i, dockWidth) > roomUnderSpeech(i)) ? 2 : 1)
        return all
    }
    // A caption under its speech: one box height for the story (as tall as the tallest such caption needs), so the
    // box does not jump as the panels turn, never taller than a panel's room; on a screenful of its own, the same.
    function tallestCaption(screens, w) {
        var most = 0
        for (var i = 0; i < count; i++) if (panelScreens[i] === screens) most = Math.max(most, captionNeed(i, w))
        return most
    }
    readonly property real underSpeechHeight: split ? tallestCaption(1, dockWidth) : 0
    readonly property real ownScreenHeight: split ? Math.min(screenHeight, tallestCaption(2, width)) : 0
    readonly property bool oneScreen: !split || count === 0 || panelScreens[Math.max(0, Math.min(shown, count) - 1)] === 1
    // the caption box's height under the speech of the panel on show
    readonly property real underHeight: split && count > 0 ? Math.min(underSpeechHeight, roomUnderSpeech(shown - 1)) : 0
    // Portrait: art, speech, dots and caption together in the middle of the first screenful, at one place for the
    // whole story (the art does not jump as the panels turn).
    readonly property real splitTop: landscape ? 0 : Math.max(0, (screenHeight - portraitBlock - underSpeechHeight) / 2)
    readonly property real speechTop: splitTop + splitArtWidth * 3 / 4 + Theme.gap   // portrait, under the art
    readonly property real splitDotsTop: speechTop + speechColumn(width) + Theme.gap   // portrait
    // Only the kiosk's own page steers the kiosk (not the presenter view's previews): it tells the engine how many
    // screenfuls each panel takes, for every story, so Back onto one arrives at its last panel's last screenful.
    readonly property string screensSaid: scroller.steers && pageIndex >= 0 ? pageIndex + ":" + panelScreens.join(",") : ""
    onScreensSaidChanged: if (screensSaid !== "") Controller.setPanelScreens(pageIndex, panelScreens)
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
        if (landscape && Theme.textScale > 1 && !split) return besideSize
        if (Theme.scale.grow <= 1 || landscape) return Theme.story
        var longest = ""
        var most = 0
        for (var i = 0; i < captions.length; i++) {
            var h = Theme.blockHeight(captions[i], captionWidth, Theme.story, "comic", Theme.headingLeading)
            if (h > most) { most = h; longest = captions[i] }
        }
        return Theme.fit(longest, captionWidth, captionRoom - captionPad * 2, Theme.story, "comic", Theme.headingLeading, Theme.scale.measure_short)
    }
    // Landscape, larger text: every caption beside the art at one size (each grown into its box on its own, a
    // short one was set larger than the rest): the largest up to the ceiling at which each fits, never below the
    // size captionShare made room for. (At 100 % each still grows on its own, as it always has.)
    readonly property real besideSize: {
        var w = width - viewport.width - Theme.unit - captionPad * 2
        var h = height - captionPad * 2
        var lo = Math.min(Theme.story, Theme.heading)
        var size = Math.max(lo, Theme.ceiling(Theme.story, w, "comic", Theme.scale.measure_label))
        for (var i = 0; i < captions.length; i++) {
            if (Theme.blockHeight(captions[i], w, size, "comic", Theme.headingLeading) <= h) continue
            var low = lo, high = size
            for (var k = 0; k < 12; k++) {
                var mid = (low + high) / 2
                if (Theme.blockHeight(captions[i], w, mid, "comic", Theme.headingLeading) <= h) low = mid
                else high = mid
            }
            size = low
        }
        return size
    }
    // portrait, larger text: the longest caption fits under the art at its size (a heading's, at most)
    readonly property bool portraitCaptionFits: landscape || Theme.textScale <= 1
        || captionSize >= Math.min(Theme.story, Theme.heading) * 0.97
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
        page.captionVia = onScreen && visible && !Controller.reducedMotion && Controller.picturePanelsPage === pageIndex
            && Controller.panelsAhead.indexOf(shown - 1) >= 0 ? shown - 1 : -1
    }
    // The panel whose caption is on screen as its image drawn ahead (the caption box, below), from a tap until the
    // screen is still; -1: the caption is drawn as itself.
    property int captionVia: -1
    Connections {
        target: Controller
        function onBecameStill() { page.captionVia = -1 }
    }

    ScrollPage {
        id: scroller
        anchors.fill: parent
        pageIndex: page.pageIndex
        // the panel on show's caption on a screenful of its own, or none (Controller.prevAhead: its last one, the
        // screenful Back onto the story arrives at)
        sheetHeight: page.oneScreen ? height : page.captionTop + page.screenHeight
        tops: page.oneScreen ? [] : [page.captionTop]
        restScreen: Controller.prevAhead === page.pageIndex ? 1 : 0

        Item {
            id: viewport
            objectName: "storyViewport"
            // 4:3 panels, as large as the page allows next to (or above) the caption.
            readonly property real maxW: page.landscape ? page.width * (1 - page.captionShare) - Theme.unit : page.width
            readonly property real maxH: page.landscape ? page.height - dots.height - Theme.gap : page.height * 0.66 - dots.height - Theme.gap
            width: page.split ? page.splitArtWidth : Math.min(maxW, maxH * 4 / 3)
            height: width * 3 / 4
            // split (larger text): the art and its dots in the middle of the first screenful's height (landscape),
            // or across its top (portrait)
            y: !page.split ? page.portraitTop : page.landscape ? Math.max(0, (page.screenHeight - height - page.dotsHeight - Theme.gap) / 2) : page.splitTop
            // the left edge, or the right where the layout is mirrored (right to left)
            x: page.split && !page.landscape ? (page.width - width) / 2 : page.LayoutMirroring.enabled ? page.width - width : 0
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
                    // Which panels, the controller says (picturePanels): they change once the screen is still, so a
                    // panel's picture is decoded and its tails made before it slides in, never in a slide's frames.
                    readonly property bool keep: page.keepsPictures
                        && (Controller.picturePanelsPage === page.pageIndex ? Controller.picturePanels.indexOf(panel.index) >= 0
                                                                           : panel.index === page.shown - 1)
                    PackImage {
                        anchors.fill: parent
                        source: panel.image
                        keep: panel.keep
                        alt: panel.alt
                    }
                    Repeater {
                        model: panel.bubbles
                        delegate: Bubble {
                            visible: !page.split   // split: beside the art instead (storySpeech)
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
            // under the art; split in portrait, under the speech that hangs from it
            anchors { top: viewport.bottom; topMargin: page.split && !page.landscape ? page.splitDotsTop - viewport.y - viewport.height : Theme.gap
                      horizontalCenter: viewport.horizontalCenter }
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
            // beside the art in landscape: to its right, or to its left where the layout is mirrored (right to left);
            // split, under the panel's speech (beside the art in landscape) or on a screenful of its own
            readonly property bool under: page.split && page.oneScreen
            x: under && page.landscape ? viewport.x + docked.columnX
               : page.landscape && !page.split && !page.LayoutMirroring.enabled ? viewport.width + Theme.unit : 0
            y: under ? (page.landscape ? docked.columnTop + viewport.y + docked.speechShare : page.splitDotsTop + page.dotsHeight + Theme.gap)
               : page.split ? page.captionTop + (page.screenHeight - height) / 2 : page.landscape ? 0 : dots.y + dots.height + Theme.gap
            width: under && page.landscape ? docked.columnWidth : page.landscape && !page.split ? page.width - viewport.width - Theme.unit : page.width
            height: under ? page.underHeight : page.split ? page.ownScreenHeight : page.captionHeight
            visible: !under || captionText.text !== ""
            color: "#fff4c2"
            border.color: Theme.line
            border.width: Theme.unit * 0.1
            radius: Theme.radius * 0.5
            FitText {
                id: captionText
                objectName: "storyCaption"
                visible: page.captionVia < 0   // else its image drawn ahead is shown (below)
                anchors { fill: parent; margins: page.captionPad }
                text: page.content.panels && page.count > 0 ? page.content.panels.get(page.shown - 1).caption || "" : ""
                preferred: page.split ? page.splitCaptionSize : page.captionSize
                leading: Theme.headingLeading
                // beside the art (landscape) the caption box is the page's height: a short caption grows into it
                grows: page.landscape && !page.split && Theme.textScale <= 1
                minChars: Theme.scale.measure_label
                font.family: Theme.comicFont
                font.bold: true
                verticalAlignment: page.landscape || page.split ? Text.AlignVCenter : Text.AlignTop
            }
            // The captions Next and Back bring, each drawn ahead into an image while the screen is still
            // (Controller.panelsAhead), set as the caption above is: a tap shows the finished image instead of drawing
            // the caption's large letters in the slide's first frame (10-20 ms at 4K, bench/frames.py); the caption
            // itself is drawn again at the still moment. Unseen until then, through a one-pixel clip in the box's
            // padding (the image is drawn only at full opacity and in the scene).
            Repeater {
                model: 2
                delegate: Item {
                    id: aheadSlot
                    required property int index
                    readonly property int panelIndex: Controller.picturePanelsPage === page.pageIndex && page.onScreen
                        && !Controller.reducedMotion ? Controller.panelsAhead[index] : -1
                    readonly property bool showing: panelIndex >= 0 && page.captionVia === panelIndex
                    visible: panelIndex >= 0 && panelIndex < page.captions.length
                    clip: true
                    x: showing ? 0 : captionText.x - 1
                    y: showing ? 0 : captionText.y - 1
                    width: showing ? captionBox.width : 1
                    height: showing ? captionBox.height : 1
                    FitText {
                        objectName: "storyCaptionAhead"
                        // tucked, its first pixel (blank) in the clip: a clip that holds none of it is taken for no
                        // clip, and each image drawn ahead then counted the whole box as drawn again (PageHost.qml)
                        x: aheadSlot.showing ? captionText.x : 0
                        y: aheadSlot.showing ? captionText.y : 0
                        width: captionText.width
                        height: captionText.height
                        text: aheadSlot.visible ? page.captions[aheadSlot.panelIndex] : ""
                        preferred: captionText.preferred
                        leading: captionText.leading
                        grows: captionText.grows
                        minChars: captionText.minChars
                        font.family: captionText.font.family
                        font.bold: captionText.font.bold
                        verticalAlignment: captionText.verticalAlignment
                        Accessible.ignored: true
                        layer.enabled: aheadSlot.visible
                        // upright without a flipped copy (PageHost.qml)
                        layer.textureMirroring: ShaderEffectSource.NoMirroring
                        layer.sourceRect: Qt.rect(0, height, width, -height)
                    }
                }
            }
        }

        // Split (larger text): the panel's speech beside the art, each bubble's tail into it towards its speaker.
        Item {
            id: docked
            objectName: "storySpeech"
            visible: page.split
            x: viewport.x
            y: viewport.y
            width: viewport.width
            height: viewport.height
            readonly property real columnX: !page.landscape ? -viewport.x
                                            : page.LayoutMirroring.enabled ? -viewport.x : viewport.width + Theme.unit
            readonly property real columnWidth: page.landscape ? page.width - viewport.width - Theme.unit * 1.4 : page.width
            // landscape: the speech (and the caption under it, on one screenful) in the middle of the screenful's height
            readonly property real speechShare: speechStack.count > 0 ? speechStack.height + Theme.gap : 0
            readonly property real columnTop: page.landscape ? Math.max(0, (page.screenHeight - (captionBox.under ? speechShare + captionBox.height : speechStack.height)) / 2) - viewport.y
                                                             : page.speechTop - viewport.y
            Grid {
                id: speechStack
                x: docked.columnX
                y: docked.columnTop
                width: docked.columnWidth
                spacing: Theme.gap
                readonly property var bubbles: page.split && page.count > 0 ? page.content.panels.get(page.shown - 1).bubbles : null
                readonly property int count: bubbles ? bubbles.rowCount() : 0
                columns: page.landscape ? 1 : Math.max(1, count)
                readonly property real each: (width - spacing * (columns - 1)) / columns
                Repeater {
                    model: speechStack.bubbles
                    delegate: Bubble {
                        docked: true
                        panelWidth: viewport.width
                        panelHeight: viewport.height
                        // in the panel's coordinates (the tail is drawn there): the column's place, less the art's
                        origin: Qt.point(docked.columnX, docked.columnTop)
                        width: speechStack.each
                    }
                }
            }
        }
    }
}
