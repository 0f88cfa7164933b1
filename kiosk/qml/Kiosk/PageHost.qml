import QtQuick

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
    readonly property bool current: showOnly > -2 ? index === showOnly : kiosk.page === index
    objectName: "page-" + pageId
    opacity: current ? 1 : 0
    visible: opacity > 0
    enabled: current && showOnly === -2
    layer.enabled: opacity > 0 && opacity < 1
    Behavior on opacity {
        enabled: !kiosk.reducedMotion
        NumberAnimation { duration: 450; easing.type: Easing.InOutQuad }
    }
    Accessible.role: Accessible.Pane
    Accessible.name: title
    // A screen reader says the new page's title when the page changes (the focus stays on the Next button).
    onCurrentChanged: if (current && showOnly === -2 && !kiosk.attract) Accessible.announce(title)
    // What a screen reader says after the title: each page kind sums itself up in `summary`.
    Accessible.description: body.item && body.item.summary ? body.item.summary : ""

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
