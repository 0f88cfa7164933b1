import QtQuick
import QtQuick.Window

// One page: its heading band and its content. Fades in and out; during the fade the page is drawn into a
// layer once so the software renderer composites one texture per frame instead of re-rasterising text.
// Before a timed change (the loop) both pages are drawn into their layers ahead, while nothing moves, so the
// fade itself only blends two finished images: a 4K page takes 30-55 ms to draw without a GPU (bench/frames.py).
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
    property bool shown: current
    property bool staging: false
    // 0..1: how much of the page is on screen (the fade animates it)
    property real level: shown ? 1 : 0
    Behavior on level {
        enabled: !Controller.reducedMotion
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
    // In the loop the arriving page keeps its layer a moment after its fade: dropping it makes the renderer draw
    // the whole page again (50-80 ms at 4K), which at the fade's last frame was a visible stall; once the screen
    // has been still for a moment the same pixels are drawn again unseen.
    property bool holding: false
    Timer {
        id: release
        objectName: "layerRelease"
        interval: 400
        onTriggered: {
            host.holding = false
            host.updateAhead()
        }
    }
    onLevelChanged: {
        if (level !== (shown ? 1 : 0))
            return
        if (shown && (holding || drawnAhead))
            release.restart()
        else if (!shown)
            updateAhead()
    }

    // A page that leaves from full view stays whole under the arriving one, which fades in over it (the arriving
    // page is on top, and every page is opaque): each frame of the fade blends one finished page image over another
    // instead of two over the background, half the work at 4K (bench/frames.py). A page that leaves in the middle
    // of its own fade fades out as before.
    property bool leavingWhole: false
    z: current ? 1 : 0
    onCurrentChanged: {
        host.leavingWhole = !current && host.level === 1
        // A screen reader says the new page's title when the page changes (the focus stays on the Next button).
        if (current && showOnly === -2 && !Controller.attract) face.Accessible.announce(title)
        // Only in the loop, whose next change is seconds away: a visitor may tap Next on a story at once, and a
        // panel sliding on a page drawn from its layer draws the whole layer again every frame.
        if (current && showOnly === -2 && !Controller.reducedMotion && Controller.attract)
            host.holding = true
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

    Item {
        id: slot
        clip: host.unseen
        width: host.unseen ? 0 : host.width
        height: host.unseen ? 0 : host.height

        Item {
            id: face
            objectName: "page-" + host.pageId
            width: host.width
            height: host.height
            readonly property bool current: host.current
            opacity: host.unseen || (host.leavingWhole && !host.shown && host.level > 0) ? 1 : host.level
            visible: host.level > 0 || host.drawnAhead
            // In the loop a tap only wakes the kiosk (the overlay takes it), so a page drawn ahead may look enabled, as it
            // will when it arrives: its buttons are not dimmed in its layer, and the layer is not drawn again at the change.
            enabled: host.showOnly === -2 && (host.current || (host.drawnAhead && Controller.attract))
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
}
