pragma ComponentBehavior: Bound

import QtQuick

// The whole screen: pages stacked with crossfades, the navigation bar, the tap-to-explore overlay in the
// attract loop, and the idle warning.
Item {
    id: root
    objectName: "kioskView"
    readonly property real unit: Math.min(width, height) / 30
    readonly property bool landscape: width >= height
    // Right-to-left interface languages (kiosk.ui.i18n sets the application's direction): the whole layout
    // mirrors, so navigation, grids and text alignment read from the right.
    LayoutMirroring.enabled: Application.layoutDirection === Qt.RightToLeft
    LayoutMirroring.childrenInherit: true

    Binding { target: Theme; property: "unit"; value: root.unit > 0 ? root.unit : 36 }
    Binding { target: Theme; property: "packAccent"; value: Controller.accent }
    Binding { target: Theme; property: "highContrast"; value: Controller.highContrast }
    Binding { target: Theme; property: "textScale"; value: Controller.textScale }
    // The type scale of this screen's class (projector, landscape, portrait): kiosk/core/typescale.py
    Binding { target: Theme; property: "scale"; value: Controller.typeScale(root.width, root.height); when: root.width > 0 && root.height > 0 }

    Rectangle { anchors.fill: parent; color: Theme.surface }

    Item {
        id: stage
        objectName: "stage"
        enabled: !Admin.open   // Tab stays inside the staff screen while it is open
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: nav.top }
        // While the question is up the page gives it room, so it never hides a QR code or a phone number.
        anchors.bottomMargin: feedback.visible ? Math.ceil(feedback.height + Theme.gap * 2) : 0
        Repeater {
            model: Controller.pages
            delegate: PageHost {
                width: stage.width
                height: stage.height
                overlay: slides
            }
        }
        // A visitor's change: the arriving page's image slides in here, above every page (PageHost.qml).
        Item {
            id: slides
            objectName: "slides"
            anchors.fill: parent
            z: 3
        }
        DragHandler {
            id: swipe
            target: null
            xAxis.enabled: true
            yAxis.enabled: false
            onActiveChanged: {
                if (!active && !Controller.attract) {
                    var dx = centroid.position.x - centroid.pressPosition.x
                    if (dx < -Theme.unit * 2) Controller.next()
                    else if (dx > Theme.unit * 2) Controller.prev()
                }
            }
        }
    }

    NavBar {
        id: nav
        objectName: "nav"
        // An assembly audience sees the page only: the teacher drives it from a clicker or the presenter view.
        visible: !Controller.presenting
        enabled: !Admin.open
        // Whole pixels, so the stage above it is too: a page of a fractional height is drawn into its layer (the
        // loop's drawing ahead, a fade) flipped about that height, and so shown a fraction of a pixel off where it is
        // drawn as itself; the screen changed under a still page (tests/ui/test_frames.py).
        height: visible ? Math.ceil(implicitHeight) : 0
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }

    // In the loop, the first tap only wakes the kiosk; it does not press whatever lies under the finger.
    MouseArea {
        objectName: "attractOverlay"
        anchors.fill: parent
        enabled: Controller.attract && !Controller.presenting
        visible: enabled
        onClicked: Controller.touch()
        Accessible.role: Accessible.Button
        Accessible.name: qsTr("Tap to explore")
        Accessible.onPressAction: Controller.touch()
    }

    // In an assembly a click on the projected page moves on, as in presentation software.
    MouseArea {
        objectName: "presenterClick"
        anchors.fill: parent
        enabled: Controller.presenting
        visible: enabled
        acceptedButtons: Qt.LeftButton | Qt.RightButton
        onClicked: (mouse) => mouse.button === Qt.RightButton ? Controller.prev() : Controller.next()
    }

    IdleWarning {
        anchors.fill: parent
    }

    // The optional end-of-visit question, above the warning's dimming so its faces stay tappable.
    FeedbackRow { id: feedback; bottomGap: nav.height }

    // Staff only: hold the top-left corner for three seconds. A short tap there still wakes the kiosk.
    MouseArea {
        objectName: "adminCorner"
        x: 0; y: 0
        width: Theme.unit * 2.5; height: Theme.unit * 2.5
        pressAndHoldInterval: 3000
        onPressAndHold: Admin.show()
        onClicked: if (Controller.attract) Controller.touch()
        Accessible.role: Accessible.Button
        Accessible.name: qsTr("Staff settings (hold for three seconds)")
        Accessible.onPressAction: Admin.show()
    }

    Rectangle {
        objectName: "blankScreen"
        anchors.fill: parent
        visible: Controller.blank !== ""
        color: Controller.blank === "white" ? "#ffffff" : "#000000"
        Accessible.role: Accessible.Pane
        Accessible.name: Controller.blank === "white" ? qsTr("White screen") : qsTr("Black screen")
        MouseArea { anchors.fill: parent; onClicked: Controller.act("unblank") }
    }

    // Built the first time staff open it, then kept: not at start-up, where it cost ~10 ms before the first
    // frame (bench/startup.py).
    Loader {
        id: adminLoader
        anchors.fill: parent
        active: false
        sourceComponent: AdminScreen {}
        Connections {
            target: Admin
            function onChanged() { if (Admin.open) adminLoader.active = true }
        }
    }
}
