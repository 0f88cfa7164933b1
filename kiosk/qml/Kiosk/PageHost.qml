import QtQuick
import QtQuick.Window

// One page: its heading band and its content. Fades in and out; during the fade the page is drawn into a
// layer once so the software renderer composites one texture per frame instead of re-rasterising text.
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
    objectName: "page-" + pageId
    // The fade follows `shown`, which follows `current` one frame late: in that frame the page that is leaving
    // is drawn into its layer while it is still fully on screen, so the first frame of the fade only has the
    // arriving page's layer to draw. Drawing both in one frame took 17 ms of CPU at 1080p, over one 60 Hz frame
    // (bench/frames.py, bench/README.md); staged, neither frame does. Reduced motion switches at once.
    property bool shown: current
    property bool staging: false
    opacity: shown ? 1 : 0
    visible: opacity > 0
    enabled: current && showOnly === -2
    layer.enabled: visible && (staging || !shown || opacity < 1)
    // A layer with no effect looks the same either way; unmirrored, the software renderer draws it without
    // first making a flipped copy of the whole page every frame.
    layer.textureMirroring: ShaderEffectSource.NoMirroring
    Behavior on opacity {
        enabled: !Controller.reducedMotion
        NumberAnimation { duration: 450; easing.type: Easing.InOutQuad }
    }
    onCurrentChanged: {
        // A screen reader says the new page's title when the page changes (the focus stays on the Next button).
        if (current && showOnly === -2 && !Controller.attract) Accessible.announce(title)
        if (Controller.reducedMotion || !host.Window.window || !host.Window.window.visible) {
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
    Accessible.role: Accessible.Pane
    Accessible.name: title
    // What a screen reader says after the title: each page kind sums itself up in `summary` (the Loader's item
    // is typed QObject for qmllint, which cannot know that every page kind declares it).
    Accessible.description: body.item && body.item.summary ? body.item.summary : "" // qmllint disable missing-property

    Rectangle {
        id: band
        anchors { left: parent.left; right: parent.right; top: parent.top }
        // A poster carries its own headline, so it has no heading band.
        height: host.kind === "poster" ? 0 : Theme.unit * 2.8
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
            maximumLineCount: 1
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
