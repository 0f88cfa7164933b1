pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Window

// One page: its heading band and its content. In the loop it fades in and out; during the fade the page is drawn
// into a layer once so the software renderer composites one texture per frame instead of re-rasterising text.
// Before a timed change (the loop) both pages are drawn into their layers ahead, while nothing moves, so the
// fade itself only blends two finished images: a 4K page takes 50-100 ms to draw without a GPU (bench/frames.py).
// A visitor's change slides the arriving page in, as a finished image, over the leaving page (see `slideChange`).
Item {
    id: host
    required property int index
    required property string pageId
    required property string kind
    required property string title
    required property var content

    // -2: follow the kiosk; otherwise show only that page (the presenter view's previews)
    property int showOnly: -2
    readonly property bool current: showOnly > -2 ? index === showOnly : Controller.page === index
    // The fade follows `shown`, which follows `current` one frame late when the page was not drawn ahead: in that
    // frame the page that is leaving is drawn into its layer while it is still fully on screen, so the first frame
    // of the fade only has the arriving page's layer to draw. Drawing both in one frame took 17 ms of CPU at
    // 1080p, over one 60 Hz frame (bench/frames.py, bench/README.md); staged, neither frame does. Reduced motion
    // switches at once.
    // (Set, never bound: a binding to `current` would turn it off for a moment at a slide's start, which made the
    // leaving page take a layer and give it up again within the same change, and so be drawn whole again.)
    property bool shown: false
    property bool staging: false
    // 0..1: how much of the page is on screen (the fade animates it)
    property real level: shown ? 1 : 0
    property bool instant: false   // a slide's pages appear and go at once: the slide is the animation
    Behavior on level {
        enabled: !Controller.reducedMotion && !host.instant
        NumberAnimation { duration: 450; easing.type: Easing.InOutQuad }
    }
    // Drawn ahead: the controller names the page a timed change shows next a second before it
    // (Controller.upcoming, kiosk.core.engine.Engine.predraw); that page and the one on screen keep their layers
    // from then until the change's fade is over. Latched here, not bound, so the layers are never dropped for a
    // moment while the change's bindings settle (a dropped layer is a whole page to draw again).
    property bool drawnAhead: false
    // The next page while it is drawn ahead: at full opacity (the scene graph updates no layer of a page at
    // opacity 0) but seen through a slot of no size, so nothing of it reaches the screen before its fade.
    readonly property bool unseen: drawnAhead && !current && !shown && Controller.upcoming === index
    function updateAhead() {
        var wanted = showOnly === -2 && !Controller.reducedMotion && Controller.upcoming >= 0
            && (Controller.upcoming === index || current)
        host.drawnAhead = wanted || (host.drawnAhead && host.level !== (host.shown ? 1 : 0))
    }
    Connections {
        target: Controller
        function onUpcomingChanged() { host.updateAhead() }
    }
    // In the loop the arriving page keeps its layer after its fade: dropping it makes the renderer draw the whole
    // page again (50-80 ms at 4K), which at the fade's last frame was a visible stall. It is let go at the
    // controller's still moment (Controller.becameStill, limits.MOTION_SECONDS after the change), in the same
    // frame as the pictures the change loads and lets go: one redraw of the same pixels on a still screen, well
    // after the fade's last frame, not two (a 400 ms timer of its own made a second one, 150 ms after the first,
    // which the X server saw as frames 150-250 ms apart: bench/xframes_trace.py).
    property bool holding: false
    property bool stillSinceChange: false
    Connections {
        target: Controller
        function onBecameStill() {
            host.stillSinceChange = true
            host.letLayerGo()
        }
    }
    function letLayerGo() {
        if (!host.stillSinceChange || !host.shown || host.level !== 1 || !(host.holding || host.drawnAhead))
            return
        host.holding = false
        host.updateAhead()
    }
    onLevelChanged: {
        if (level !== (shown ? 1 : 0))
            return
        if (shown)
            letLayerGo()
        else
            updateAhead()
    }

    // A page that leaves from full view stays whole under the arriving one, which fades in over it (the arriving
    // page is on top, and every page is opaque): each frame of the fade blends one finished page image over another
    // instead of two over the background, half the work at 4K (bench/frames.py). A page that leaves in the middle
    // of its own fade fades out as before.
    property bool leavingWhole: false
    // A fade puts the arriving page above the leaving one. Set by a fade only, never by a slide: a change of z
    // re-stacks the pages, and the renderer then draws every page on screen again, the leaving page too (70-100 ms
    // at 4K); a slide's arriving image lies above the pages anyway, in `overlay`.
    property real stack: 0
    z: stack
    Component.onCompleted: {
        host.instant = true
        host.shown = host.current
        host.instant = false
        host.stack = host.current ? 1 : 0
    }
    // Where an arriving page's image slides (KioskView.qml: an item above all pages); without one, in the page.
    property Item overlay: null
    onCurrentChanged: {
        host.stillSinceChange = false
        host.leavingWhole = !current && host.level === 1
        // A screen reader says the new page's title when the page changes (the focus stays on the Next button).
        if (current && showOnly === -2 && !Controller.attract) face.Accessible.announce(title)
        // Only in the loop, whose next change is seconds away: a visitor may tap Next on a story at once, and a
        // panel sliding on a page drawn from its layer draws the whole layer again every frame.
        // A visitor's change (Next, Back, a swipe, Home, a link) slides; the loop's timed changes fade.
        if (showOnly === -2 && !Controller.reducedMotion && !Controller.attract) {
            host.slideChange()
            return
        }
        host.endSlide()
        host.stack = current ? 1 : 0
        if (current && showOnly === -2 && !Controller.reducedMotion && Controller.attract) {
            host.holding = true   // let go at the still moment (letLayerGo), even with no fade (already in view)
        }
        if (Controller.reducedMotion || host.drawnAhead || !host.Window.window || !host.Window.window.visible) {
            host.finishStaging()
            return
        }
        host.staging = true
        stageFallback.restart()
    }
    function finishStaging() {
        stageFallback.stop()
        host.shown = host.current   // first: the layer stays on throughout (`!shown`), never rebuilt in between
        host.staging = false
    }
    Connections {
        target: host.staging ? host.Window.window : null
        function onFrameSwapped() { host.finishStaging() }
    }
    // If no frame comes (a window not exposed yet), the page changes anyway.
    Timer { id: stageFallback; interval: 100; onTriggered: host.finishStaging() }

    // --- A visitor's change: the arriving page slides in over the leaving page, which stays as it is under it ---
    // The arriving page is on screen as its image (`shot`, opaque): each frame of the slide copies the part of that
    // finished image that is in view, and the renderer draws nothing under it, so the leaving page is neither drawn
    // again nor needs a layer. The pages a tap would most likely bring (Controller.nextAhead and prevAhead) are drawn
    // (and Controller.homeAhead) into their images ahead, while the visitor reads, so a tap's first frame has nothing
    // to draw but a sliver of a finished image; any other page (Help, a link) is drawn in the slide's first frame. Once the screen is
    // still (Controller.settled), or as soon as something on the page changes, the page is drawn as itself again
    // and its image let go. The images are live: a page that changes while drawn ahead (text size, language,
    // contrast, a new pack) is drawn again, never shown as it was.
    readonly property int slideMs: 400
    // (Not `!current`: the controller clears these after the change, so the page that arrives is still a target while
    // its change starts, and its image is kept, not dropped and drawn again.)
    readonly property bool tapTarget: showOnly === -2 && !Controller.reducedMotion && !Controller.attract
        && (Controller.nextAhead === index || Controller.prevAhead === index || Controller.homeAhead === index)
    property bool viaShot: false   // on screen as its image: sliding in, or arrived and not yet settled
    property bool frozen: false    // leaving as its image: kept as it was at the tap (its buttons are not dimmed)
    // Arriving as the image drawn ahead: it slides in as drawn, not drawn again. The page itself changes as it
    // becomes the page on screen (it turns visible, a story asks for its next panel's picture, a button's label
    // follows its icon's visibility), and a live image drew the whole page again for each such change in the
    // slide's first frames (83 and 48 ms of CPU at 4K for the story: bench/README.md); none of them changes
    // what the image shows. A change the visitor makes (`inner`) or the still moment (`settledHere`, 0.9 s after
    // the tap) shows the page itself; live again in between, the image was drawn whole once more as it came to
    // rest (56-93 ms at 4K: bench/frames.py).
    // (Not while a picture of the page is still loading: the image stays live and takes it in as it comes.)
    property bool sealed: false
    function loadingIn(item) {
        if (item.loading === true) return true // qmllint disable missing-property
        for (var i = 0; i < item.children.length; i++)
            if (host.loadingIn(item.children[i])) return true
        return false
    }
    property real slide: 0         // how far the image lies off its place, in page widths (+ from the right)
    readonly property bool shotWanted: tapTarget || viaShot
    // The image's Loader follows `shotWanted` only after the image has let go of the page: a Loader's item is deleted
    // later and its bindings stop at once, so until then it kept the page hidden (`hideSource`): a blank page.
    property bool shotHeld: false
    onShotWantedChanged: {
        if (!shotWanted && shotLoader.item) {
            shotLoader.item.hideSource = false
            shotLoader.item.sourceItem = null
        }
        host.shotHeld = shotWanted
    }
    // what the visitor can change on the page on screen; a change while it is shown as its image ends that
    function innerNow() { return Controller.panel + "/" + Controller.detail + "/" + Controller.plan.join(",") }
    readonly property string inner: current ? innerNow() : ""
    property string arrivedInner: ""
    onInnerChanged: if (current && viaShot && inner !== arrivedInner) host.showItself()
    readonly property bool settledHere: current && (Controller.settled || Controller.reducedMotion || Controller.attract)
    onSettledHereChanged: if (settledHere && !slideIn.running) host.showItself()

    function slideChange() {
        stageFallback.stop()
        host.staging = false
        if (host.current) {
            slideIn.stop()
            hold.stop()
            host.drawnAhead = false
            host.holding = false
            host.leavingWhole = false
            host.frozen = false
            host.sealed = host.tapTarget && shotLoader.item !== null && !host.loadingIn(face)   // drawn ahead: as it is
            host.viaShot = true
            host.arrivedInner = host.innerNow()   // (the binding `inner` may not have followed this change yet)
            host.instant = true
            host.shown = true   // at once: no fade under the slide
            host.instant = false
            // from a sliver in view: the tap's first frame already shows the page coming
            host.slide = Controller.direction * (host.LayoutMirroring.enabled ? -1 : 1) * 0.97
            slideIn.start()
            return
        }
        if (host.level === 0 && !hold.running) {
            host.shown = false
            return
        }
        slideIn.complete()       // a page still sliding in when the next tap comes takes its place at once
        host.frozen = host.viaShot
        host.instant = true
        host.shown = true        // and stays, whole and as it is, until the arriving page covers it
        host.instant = false
        hold.restart()
    }
    function showItself() {
        slideIn.complete()
        host.viaShot = false
        host.sealed = false
    }
    function endSlide() {
        slideIn.complete()
        hold.stop()
        host.viaShot = false
        host.frozen = false
        host.sealed = false
    }
    function hide() {
        host.instant = true
        host.shown = false
        host.instant = false
        host.viaShot = false
        host.frozen = false
        host.sealed = false
        host.holding = false
    }
    NumberAnimation {
        id: slideIn
        target: host
        property: "slide"
        to: 0
        duration: host.slideMs
        easing.type: Easing.OutCubic
        onFinished: if (host.settledHere) host.showItself()
    }
    SequentialAnimation {
        id: hold
        PauseAnimation { duration: host.slideMs }
        ScriptAction { script: host.hide() }
    }

    // The page is tucked into a slot that shows nothing whenever it is drawn ahead (for the loop or a tap) or hidden:
    // a page drawn into an image has its parts in the scene even when it is not visible, and where they were not
    // clipped away, adding or dropping them (a tap's other page let go) made the renderer draw the whole page on
    // screen again under them (100 ms at 4K, in a slide's first frames). An arriving page stays tucked while its image
    // slides in, and takes taps once the image covers the screen (untucking it dirties the whole page, which an
    // opaque image in full view makes a copy of that image, not a redraw of the leaving page under it).
    // The slot is one pixel just off the screen, not of no size: Qt's software renderer takes an empty clip for no
    // clip at all where another clip lies inside it (qsgsoftwarerenderablenodeupdater.cpp), and pages clip inside.
    readonly property bool tucked: unseen || host.level === 0 || slideIn.running
    // Always clipping, the clip only moved: a clip that comes and goes left the software renderer drawing a page,
    // once untucked, still through its old one-pixel clip (a blank page after a slide, in a test).
    Item {
        id: slot
        clip: true
        x: host.tucked ? -1 : 0
        y: host.tucked ? -1 : 0
        width: host.tucked ? 1 : host.width
        height: host.tucked ? 1 : host.height

        Item {
            id: face
            objectName: "page-" + host.pageId
            width: host.width
            height: host.height
            readonly property bool current: host.current
            opacity: host.unseen || host.shotWanted || (host.leavingWhole && !host.shown && host.level > 0) ? 1 : host.level
            visible: host.level > 0 || host.drawnAhead
            // In the loop a tap only wakes the kiosk (the overlay takes it), so a page drawn ahead may look enabled, as it
            // will when it arrives: its buttons are not dimmed in its layer, and the layer is not drawn again at the change.
            // A page drawn ahead for a tap looks enabled too, as it will when it arrives; it is not visible (only its
            // image is drawn), so it takes no tap, key or screen reader's attention.
            enabled: host.showOnly === -2 && (host.current || (host.drawnAhead && Controller.attract) || host.tapTarget)
            layer.enabled: visible && (host.drawnAhead || host.holding || host.staging || !host.shown || host.level < 1)
            // Upright and without a flipped copy: the software renderer draws an unmirrored layer upside down (every
            // fade showed both pages upside down, seen on Xvfb), and a mirrored one through a flipped copy of the whole
            // page; taking the item bottom to top draws it the right way up, as it is.
            layer.textureMirroring: ShaderEffectSource.NoMirroring
            layer.sourceRect: Qt.rect(0, face.height, face.width, -face.height)
            Accessible.role: Accessible.Pane
            Accessible.name: host.title
            // What a screen reader says after the title: each page kind sums itself up in `summary` (the Loader's item
            // is typed QObject for qmllint, which cannot know that every page kind declares it).
            Accessible.description: body.item && body.item.summary ? body.item.summary : "" // qmllint disable missing-property

            // Opaque, the colour the window shows behind the pages: a static page looks the same, and its layer is
            // drawn during a fade as an opaque image, which the renderer copies instead of blending.
            Rectangle { anchors.fill: parent; color: Theme.surface }

            Rectangle {
                id: band
                anchors { left: parent.left; right: parent.right; top: parent.top }
                // A poster carries its own headline, so it has no heading band.
                // as tall as the title needs at larger text (200 %: a heading of 3 units, on two lines where one does not
                // hold it), never less than it always was
                readonly property int lines: Theme.textScale > 1 ? Math.min(2, Theme.lines(host.title, width - Theme.margin * 2, Theme.heading, "bold")) : 1
                height: host.kind === "poster" ? 0 : Math.max(Theme.unit * 2.8, Theme.heading * 1.3 * lines)
                visible: height > 0
                color: Theme.accent
                FitText {
                    objectName: "pageTitle"
                    anchors { fill: parent; leftMargin: Theme.margin; rightMargin: Theme.margin }
                    text: host.title
                    preferred: Theme.heading
                    font.bold: true
                    color: Theme.paper
                    verticalAlignment: Text.AlignVCenter
                    maximumLineCount: band.lines
                    leading: Theme.headingLeading
                    Accessible.role: Accessible.Heading
                }
            }

            Loader {
                id: body
                anchors { left: parent.left; right: parent.right; top: band.bottom; bottom: parent.bottom; margins: Theme.margin }
                active: true
                // Pages not on screen are built after the first frame, not before it (start-up ~35 % less CPU; see
                // bench/README.md). A page that becomes current mid-build is finished at once (synchronously).
                asynchronous: !host.current
                source: {
                    var files = { poster: "PosterPage.qml", story: "StoryPage.qml", info: "InfoPage.qml", tips: "TipsPage.qml",
                                  law: "LawPage.qml", plan: "PlanPage.qml", help: "HelpPage.qml" }
                    return files[host.kind] || ""
                }
                onLoaded: {
                    item.content = Qt.binding(function() { return host.content })
                    item.pageIndex = host.index
                    if (item.hasOwnProperty("title")) item.title = host.title
                }
            }
        }
    }

    // The page as an image, for a slide: drawn ahead in a slot of no size (nothing of it is seen), then in full view.
    Item {
        id: shotSlot
        parent: host.viaShot && host.overlay ? host.overlay : host
        visible: host.shotWanted
        clip: true
        x: host.viaShot ? Math.round(host.slide * host.width) : -1
        y: host.viaShot ? 0 : -1
        width: host.viaShot ? host.width : 1
        height: host.viaShot ? host.height : 1
        Loader {
            id: shotLoader
            active: host.shotHeld   // an image of the whole page (33 MB at 4K) only while it is wanted
            sourceComponent: ShaderEffectSource {
                objectName: "pageShot"
                width: host.width
                height: host.height
                sourceItem: face
                hideSource: true
                live: !host.frozen && !host.sealed
                // upright without a flipped copy, as the layer above
                textureMirroring: ShaderEffectSource.NoMirroring
                sourceRect: Qt.rect(0, host.height, host.width, -host.height)
            }
        }
    }
}
