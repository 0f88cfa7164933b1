pragma ComponentBehavior: Bound

import QtQuick

// The tips as big tiles; each taps through to a detail page: the tip, why it matters, what to do.
Item {
    id: page
    // Empty until PageHost's Loader hands the page its content (onLoaded): an off-screen page is built in the
    // background and its bindings first run before that; a build cut short (new pack, session closed) prints
    // their errors, so they must have none on an empty page.
    property var content: ({})
    property int pageIndex: -1   // until PageHost says (ScrollPage steers the kiosk only for its own page)
    readonly property string summary: showingDetail ? (tip.text || "")
        : content.intro || qsTr("%n tip(s). Each opens why it matters and what to do.", "", count)
    readonly property bool wide: width >= height * 1.1
    // side by side on a landscape screen; one above the other where the page scrolls (larger text)
    readonly property bool landscape: wide && scroller.stretch <= 1
    // the height the page is laid out in: its own, or with larger text that does not fit, a taller sheet that
    // scrolls (ScrollPage)
    readonly property real tall: scroller.layoutHeight
    onShowingDetailChanged: {
        scroller.relayout()
        cut()
    }
    onTipChanged: scroller.relayout()
    readonly property int count: content.tips ? content.tips.rowCount() : 0
    // with 200 % text a landscape grid of many tips goes three rows deep, so each title has the width it needs
    readonly property int columns: landscape ? (count <= 4 ? Math.max(1, count) : Math.ceil(count / 2)) : (count > 4 ? 2 : 1)
    readonly property int rows: Math.ceil(count / columns)
    // 200 % text on a projector: ten titles need every line a tile has, so the number goes into the title
    readonly property bool compactTiles: Theme.textScale > 1.5 && Theme.screenClass === "projector" && count > 4
    // Every tile's title at one size: the largest at which the longest fits its share of the page, from `large` up
    // to the type scale's ceiling for a label that wide (on a projector, whose words do not grow elsewhere, up to
    // `heading`: a tile's title is a heading of a kind; where the page scrolls, `large` there). The tiles are then as tall as the tallest title needs at
    // that size, no taller than their share (issue 21: words grow to fill a tile, a tile shrinks to what it holds),
    // and each title is centred in the room under its number.
    function tileTitle(i) { return compactTiles ? (i + 1) + ". " + content.tips.get(i).title : content.tips.get(i).title }
    readonly property real titleWidth: grid.cellWidth - Theme.unit * 0.8
    // a tile's room besides its title: the number's row (where it has one) and the margins
    readonly property real tileChrome: compactTiles ? Theme.unit * 0.8 : Math.max(Theme.unit * 1.7, Theme.control * 1.3) + Theme.unit * 1.2
    readonly property real titleSize: {
        if (!content.tips || count === 0) return Theme.large
        var w = titleWidth
        var h = grid.shareHeight - tileChrome
        // (where the page scrolls, larger text: as before, grown on a foyer screen only; more would add screenfuls)
        var grown = Theme.ceiling(Theme.large, w, "bold", Theme.scale.measure_label)
        var hi = !stretched ? Math.max(Theme.heading, grown) : Theme.scale.grow > 1 ? grown : Theme.large
        var size = hi
        for (var i = 0; i < count; i++) {
            var title = tileTitle(i)
            if (Theme.blockHeight(title, w, size, "bold") <= h) continue
            var lo = Theme.large
            if (Theme.blockHeight(title, w, lo, "bold") > h) return lo   // (FitText gives back size: larger text)
            var top = size
            for (var k = 0; k < 10; k++) {
                var mid = (lo + top) / 2
                if (Theme.blockHeight(title, w, mid, "bold") <= h) lo = mid
                else top = mid
            }
            size = lo
        }
        return size
    }
    // the tiles' height: the tallest title's block at its size, the chrome, and a little room to breathe
    readonly property real tileHeight: {
        if (!content.tips || count === 0) return grid.shareHeight
        var tallest = 0
        for (var i = 0; i < count; i++) tallest = Math.max(tallest, Theme.blockHeight(tileTitle(i), titleWidth, titleSize, "bold"))
        return Math.min(grid.shareHeight, Math.ceil(tallest + tileChrome + Theme.unit * 0.6))
    }
    // The open tip. A page that is leaving keeps it (a visitor's Next from a tip's detail leaves that detail on screen
    // under the arriving page, not the list); it goes back to the list once it is hidden.
    readonly property bool onScreen: Controller.page === pageIndex
    property int held: -1
    readonly property int openTip: onScreen ? Controller.detail : (visible ? held : -1)
    onOpenTipChanged: if (onScreen) held = openTip
    onVisibleChanged: {
        if (!visible && !onScreen) held = -1
        if (!visible) release()
    }
    readonly property bool showingDetail: openTip >= 0
    // The tip the detail is laid out for: the open one, or while the list shows, the one drawn ahead (`cut`).
    // (the kiosk's own page only, not the presenter view's previews of it: ScrollPage's `steers`)
    readonly property int aheadTip: onScreen && scroller.steers ? Controller.tipAhead : -1
    readonly property int detailTip: showingDetail ? openTip : aheadTip
    readonly property var tip: detailTip >= 0 && content.tips ? content.tips.get(detailTip) : ({})

    // The detail page of one tip. On a foyer screen (words grow there) the tip and its two cards are as tall as
    // their words, set as large as the page allows; on a projector they share the page as they always have.
    readonly property bool hug: Theme.scale.grow > 1
    // the cards hug their words where those fit at their size; where not (200 % text) they share the room
    readonly property bool partsHug: (hug || Theme.textScale > 1)
        && Theme.cardsHeight(partTexts, partColumns, partTextWidth, Theme.body / Theme.textScale, "regular", Theme.leading,
                             partPad * 2 + Theme.unit * 0.2, partPerSize, Theme.gap) <= partRoom
    readonly property real detailPad: Theme.unit * 0.6
    readonly property real partPad: Theme.unit * 0.5
    readonly property real tipRoom: tall * (landscape ? 0.3 : 0.34)
    readonly property real tipSize: Theme.fit(tip.text || "", width - detailPad * 2, tipRoom - detailPad * 2, Theme.heading, "bold",
                                              Theme.leading, Theme.scale.measure_short)
    // where the page scrolls (larger text) the tip's box is as tall as its words at their size, on any screen
    readonly property bool stretched: scroller.stretch > 1
    readonly property real tipHeight: stretched ? Theme.blockHeight(tip.text || "", width - detailPad * 2, Theme.heading, "bold") + detailPad * 2.4
        : hug ? Math.min(tipRoom, Theme.blockHeight(tip.text || "", width - detailPad * 2, tipSize, "bold") + detailPad * 2)
        : tall * (landscape ? 0.3 : 0.26)
    readonly property int partColumns: landscape ? 2 : 1
    readonly property var partTexts: [tip.why || "", tip.todo || ""]
    readonly property real partTextWidth: (width - Theme.gap * (partColumns - 1)) / partColumns - partPad * 2
    readonly property real partRoom: tall - tipHeight - Theme.gap * 2 - closeButton.height
    // a part's heading is the type scale's `large` to its `body`, on a line of its own
    readonly property real headRatio: Theme.scale.large / Theme.scale.body
    readonly property real partPerSize: headRatio * 1.4
    readonly property real partSize: Theme.fitCards(partTexts, partColumns, partTextWidth, partRoom, Theme.body, "regular",
                                                    Theme.leading, partPad * 2 + Theme.unit * 0.2, partPerSize, Theme.gap,
                                                    Theme.body / Theme.textScale)
    // how far down the parts' cards reach: as tall as their words where they hug them, else all their room
    readonly property real partsUsed: !partsHug ? partRoom
        : partColumns === 2 ? partHeight(0) : partHeight(0) + Theme.gap + partHeight(1)
    // each part as tall as its words; side by side, both as tall as the taller
    function partHeight(n) {
        var block = partColumns === 2
            ? Math.max(Theme.blockHeight(partTexts[0], partTextWidth, partSize, "regular"),
                       Theme.blockHeight(partTexts[1], partTextWidth, partSize, "regular"))
            : Theme.blockHeight(partTexts[n], partTextWidth, partSize, "regular")
        return block + partPad * 2 + Theme.unit * 0.2 + partPerSize * partSize
    }

    ScrollPage {
        id: scroller
        anchors.fill: parent
        pageIndex: page.pageIndex
        stretches: true

        // The list: the intro and the tiles, one item so it can be drawn ahead as one image (`cut`), in an item whose
        // origin lies on a whole pixel of the screen (`shift`)
        Item {
            id: listOrigin
            anchors { fill: parent; leftMargin: -page.shift.x; topMargin: -page.shift.y }
            visible: !page.showingDetail
            Rectangle { anchors.fill: parent; color: Theme.surface }   // opaque: its image hides what lies under it
            Item {
                id: list
                objectName: "tipList"
                x: page.shift.x
                y: page.shift.y
                width: listOrigin.parent ? listOrigin.parent.width : 0   // the sheet's, as the face's always was
                height: listOrigin.parent ? listOrigin.parent.height : 0

                FitText {
                    id: intro
                    anchors { left: parent.left; right: parent.right; top: parent.top }
                    height: Theme.introHeight(text, width, Theme.large, "bold", Theme.textScale > 1 ? 4 : 2, page.tall * 0.16)
                    grows: true
                    text: page.content.intro || ""
                    preferred: Theme.large
                    font.bold: true
                }

                Grid {
                    id: grid
                    objectName: "tipGrid"
                    anchors { left: parent.left; right: parent.right; top: intro.bottom; topMargin: intro.height > 0 ? Theme.gap : 0; bottom: parent.bottom }
                    columns: page.columns
                    spacing: Theme.gap
                    readonly property real cellWidth: (width - spacing * (columns - 1)) / Math.max(1, columns)
                    // a tile's share of the page; the tiles themselves are as tall as they need (page.tileHeight)
                    readonly property real shareHeight: (height - spacing * (page.rows - 1)) / Math.max(1, page.rows)
                    // tiles that need less than their share sit in the middle of the room, not at its top (where
                    // the page scrolls, at its top: a screenful starts there)
                    topPadding: page.stretched ? 0 : Math.max(0, Math.floor((height - page.rows * page.tileHeight - spacing * (page.rows - 1)) / 2))
                    Repeater {
                        model: page.content.tips
                        delegate: Rectangle {
                            id: tile
                            required property int index
                            required property string title
                            objectName: "tip-" + index
                            readonly property bool scrollBlock: true   // a screenful starts at its top (ScrollPage)
                            width: grid.cellWidth
                            height: page.tileHeight
                            radius: Theme.radius
                            color: Theme.paper
                            border.color: Theme.accent
                            border.width: Theme.unit * 0.08
                            activeFocusOnTab: true
                            Accessible.role: Accessible.Button
                            Accessible.name: title
                            Accessible.description: qsTr("Tip %1. Opens why it matters and what to do.").arg(index + 1)
                            Accessible.onPressAction: Controller.openDetail(index)
                            Keys.onReturnPressed: Controller.openDetail(index)
                            Keys.onSpacePressed: Controller.openDetail(index)
                            Keys.onEnterPressed: Controller.openDetail(index)
                            // the focus resting here: its detail is drawn ahead for Enter, Space or a reader's press
                            onActiveFocusChanged: if (page.onScreen && scroller.steers) Controller.focusTip(index, activeFocus)
                            Rectangle {
                                id: number
                                visible: !page.compactTiles
                                // as large as the tip's number and the arrow beside it need, so the title below never meets them
                                width: Math.max(Theme.unit * 1.7, Theme.control * 1.3); height: width; radius: width / 2
                                color: Theme.accent
                                anchors { left: parent.left; top: parent.top; margins: Theme.unit * 0.4 }
                                Text { anchors.centerIn: parent; text: tile.index + 1; color: Theme.paper; font.family: Theme.bodyFont; font.bold: true; font.pixelSize: Theme.control; Accessible.ignored: true }
                            }
                            Icon { name: "more"; visible: !page.compactTiles; size: Math.min(Theme.controlLarge, number.height); color: Theme.accent; anchors { right: parent.right; top: parent.top; margins: Theme.unit * 0.4 } }
                            FitText {
                                objectName: "tipTitle"
                                anchors { left: parent.left; right: parent.right; top: page.compactTiles ? parent.top : number.bottom; bottom: parent.bottom; margins: Theme.unit * 0.4 }
                                text: page.compactTiles ? (tile.index + 1) + ". " + tile.title : tile.title
                                preferred: page.titleSize
                                // where the page scrolls (larger text) it asks its role's size: grown is a bonus
                                readonly property real wants: Theme.large
                                // centred; where the page scrolls, from the top (a screenful starts between its lines)
                                verticalAlignment: page.stretched ? Text.AlignTop : Text.AlignVCenter
                                font.bold: true
                                Accessible.ignored: true
                            }
                            MouseArea {
                                anchors.fill: parent
                                // a finger on the tile: its detail is drawn ahead while it is pressed (`cut`)
                                onPressed: Controller.pressTip(tile.index)
                                onCanceled: Controller.pressTip(-1)
                                onReleased: if (!containsMouse) Controller.pressTip(-1)   // lifted off the tile: no tap
                                onClicked: Controller.openDetail(tile.index)
                            }
                            FocusRing {}
                        }
                    }
                }
            }
        }

        // The detail, likewise.
        Item {
            id: detailOrigin
            anchors { fill: parent; leftMargin: -page.shift.x; topMargin: -page.shift.y }
            visible: page.showingDetail
            Rectangle { anchors.fill: parent; color: Theme.surface }   // opaque: its image hides what lies under it
            Item {
                id: detail
                objectName: "tipDetail"
                x: page.shift.x
                y: page.shift.y
                width: detailOrigin.parent ? detailOrigin.parent.width : 0   // the sheet's, as the face's always was
                height: detailOrigin.parent ? detailOrigin.parent.height : 0
                Accessible.role: Accessible.Pane
                Accessible.name: page.tip.title || ""

                Rectangle {
                    id: tipBox
                    readonly property bool scrollBlock: true   // a screenful starts at its top (ScrollPage)
                    anchors { left: parent.left; right: parent.right; top: parent.top }
                    height: page.tipHeight
                    radius: Theme.radius
                    color: Theme.accent
                    FitText {
                        objectName: "tipText"
                        anchors { fill: parent; margins: page.detailPad }
                        text: page.tip.text || ""
                        preferred: page.hug && !page.stretched ? page.tipSize : Theme.heading
                        font.bold: true
                        color: Theme.paper
                        verticalAlignment: Text.AlignVCenter
                    }
                }
                Grid {
                    id: parts
                    anchors { left: parent.left; right: parent.right; top: tipBox.bottom; topMargin: Theme.gap }
                    height: page.partRoom
                    columns: page.partColumns
                    spacing: Theme.gap
                    readonly property real cellWidth: (width - spacing * (columns - 1)) / columns
                    readonly property real cellHeight: columns === 2 ? height : (height - spacing) / 2
                    Repeater {
                        model: [
                            { heading: qsTr("Why it matters"), body: page.tip.why || "", name: "tipWhy" },
                            { heading: qsTr("What to do"), body: page.tip.todo || "", name: "tipTodo" }
                        ]
                        delegate: Rectangle {
                            id: part
                            readonly property bool scrollBlock: true   // a screenful starts at its top (ScrollPage)
                            required property var modelData
                            required property int index
                            width: parts.cellWidth
                            height: page.partsHug ? page.partHeight(index) : parts.cellHeight
                            radius: Theme.radius
                            color: Theme.paper
                            FitText {
                                id: partHeading
                                anchors { left: parent.left; right: parent.right; top: parent.top; margins: page.partPad }
                                height: page.partsHug ? page.partSize * page.partPerSize : Theme.large * 1.4
                                text: part.modelData.heading
                                preferred: page.partsHug ? page.partSize * page.headRatio : Theme.large
                                // where the page scrolls (larger text) it takes as many screens as keep this size
                                readonly property real wants: Theme.large
                                font.bold: true
                                color: Theme.accent
                                maximumLineCount: 1
                                Accessible.role: Accessible.Heading
                            }
                            FitText {
                                objectName: part.modelData.name
                                anchors { left: parent.left; right: parent.right; top: partHeading.bottom; bottom: parent.bottom; margins: page.partPad; topMargin: page.partsHug ? Theme.unit * 0.2 : page.partPad }
                                text: part.modelData.body
                                preferred: page.partsHug ? page.partSize : Theme.body
                                readonly property real wants: Theme.body
                                verticalAlignment: Text.AlignTop
                            }
                        }
                    }
                }
                TapButton {
                    id: closeButton
                    objectName: "closeTip"
                    readonly property bool scrollBlock: true   // a screenful starts at its top (ScrollPage)
                    anchors.left: parent.left
                    // At the page's foot; where the page scrolls (larger text) right under the cards instead, so it is
                    // read with the last of them, not found alone on a screenful at the end of a stretched sheet.
                    y: page.stretched ? Math.min(parts.y + page.partsUsed + Theme.gap, detail.height - height)
                        : detail.height - height
                    label: qsTr("All tips")
                    icon: "back"
                    description: qsTr("Back to the list of tips")
                    onClicked: Controller.closeDetail()
                }
            }
        }
    }

    // --- A tip's detail opening or closing: a cut that shows a face drawn ahead -------------------------------------
    // At 4K the detail or the list takes 35-70 ms of CPU to draw on the software renderer, in the frame after the tap
    // (bench/frames.py). The controller names the face to draw ahead (kiosk.core.memory.tips_face_drawn_ahead): the
    // detail of the tip a finger presses, drawn between the press and the release that opens it, or of the tile the
    // keyboard's focus rests on, drawn at the still moment after it came there; the list, once a detail is read. It is drawn once (`live: false`) into an image in a slot of one pixel, unseen. The cut shows that
    // image in the face's place, opaque, so the renderer draws nothing under it: the cut's frame copies one finished
    // image. Once the screen is still (Controller.settled) the face is shown as itself and the image let go: a redraw
    // of the same pixels on a still screen, as a page that slid in (PageHost.qml). A face not drawn ahead (a tip opened
    // by a key before its tile's focus rested, or at larger text) is drawn at the cut, as before.
    readonly property Item wanted: aheadTip >= 0 ? detailOrigin
        : (onScreen && scroller.steers && Controller.listAhead ? listOrigin : null)
    // How far the page's content lies past a whole pixel of the screen (its margins, the heading band). Each face
    // sits in an item that far up and to the left, so its image is drawn on the screen's own pixel grid: drawn at a
    // fraction of a pixel off, every edge of its text was shaded differently from the face itself (Qt's software
    // layer takes whole pixels only). Measured when a face is drawn ahead; (0, 0) until then.
    property point shift: Qt.point(0, 0)
    property Item shotOf: null       // the face the image holds
    property int shotTip: -1         // and for the detail, whose: the focus may rest on one tile, then another
    property bool cutShown: false    // the image is on screen in its face's place, from the cut to the still moment
    onWantedChanged: if (!cutShown) keep(wanted)
    onAheadTipChanged: if (!cutShown) keep(wanted)
    function keep(face) {
        if (shotOf === face && (face !== detailOrigin || shotTip === aheadTip)) return
        shotOf = null   // a new image for another face (or tip): the old one is let go first
        shotTip = face === detailOrigin ? aheadTip : -1
        if (face) {
            var at = page.mapToItem(null, 0, 0)
            shift = Qt.point(at.x - Math.floor(at.x), at.y - Math.floor(at.y))
        }
        shotOf = face
    }
    function cut() {
        var shot = cutLoader.item
        var drawn = shot !== null && shot.drawn === true // qmllint disable missing-property
        // (a tip opened other than the one drawn ahead, by a key before its tile's focus rested: drawn at the cut)
        cutShown = onScreen && shotOf === (showingDetail ? detailOrigin : listOrigin) && drawn
            && (!showingDetail || shotTip === openTip)
        if (!cutShown) keep(wanted)
    }
    function release() {
        cutShown = false
        keep(wanted)
    }
    readonly property bool still: Controller.settled
    onStillChanged: if (still && cutShown) release()

    // Always clipping, the clip only moved (PageHost.qml's slot: a clip that comes and goes misleads the renderer).
    Item {
        id: cutSlot
        clip: true
        visible: page.shotOf !== null
        x: page.cutShown ? -page.shift.x : -1
        y: page.cutShown ? -page.shift.y : -1
        width: page.cutShown ? Math.ceil(page.width + page.shift.x) : 1
        height: page.cutShown ? Math.ceil(page.height + page.shift.y) : 1
        Loader {
            id: cutLoader
            active: page.shotOf !== null
            sourceComponent: ShaderEffectSource {
                objectName: "tipShot"
                property bool drawn: false
                width: Math.ceil(page.width + page.shift.x)
                height: Math.ceil(page.height + page.shift.y)
                sourceItem: page.shotOf
                live: false   // drawn once, as the face is before the cut, never again (PageHost.qml: `sealed`)
                // upright without a flipped copy, as PageHost.qml's images
                textureMirroring: ShaderEffectSource.NoMirroring
                sourceRect: Qt.rect(0, height, width, -height)
                onScheduledUpdateCompleted: drawn = true
                Component.onCompleted: scheduleUpdate()
            }
        }
    }
}
