import QtQuick
import QtQuick.Window

// The kiosk window. Python decides full screen or windowed and the size; this only hosts the view.
Window {
    id: window
    width: 1280
    height: 720
    visible: false
    color: "#000000"
    title: Controller.packName
    KioskView {
        anchors.fill: parent
    }
}
