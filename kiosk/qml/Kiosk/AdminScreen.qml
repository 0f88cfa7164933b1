import QtQuick

// The staff screen: a PIN pad, then pack, mode, idle time and accessibility choices, and the only way to
// exit the kiosk. Opened by holding the top-left corner for three seconds or Ctrl+Alt+Shift+K.
Rectangle {
    id: screen
    objectName: "adminScreen"
    visible: admin.open
    color: "#111827"
    property string entry: ""
    property string firstPin: ""
    Accessible.role: Accessible.Dialog
    Accessible.name: qsTr("Staff settings")

    onVisibleChanged: { entry = ""; firstPin = ""; if (visible) closeTimer.restart() }

    // Left alone, the staff screen closes itself: a foyer kiosk must never sit on its settings.
    Timer { id: closeTimer; interval: 60000; running: screen.visible; onTriggered: admin.close() }
    MouseArea { anchors.fill: parent; onPressed: (mouse) => { closeTimer.restart(); mouse.accepted = false } }

    readonly property real u: Theme.unit

    component Label: Text {
        color: "#f9fafb"
        font.family: Theme.bodyFont
        font.pixelSize: Theme.body
        wrapMode: Text.WordWrap
        Accessible.role: Accessible.StaticText
        Accessible.name: text
    }

    // --- PIN -----------------------------------------------------------------------------------------------
    Column {
        objectName: "pinPad"
        visible: !admin.unlocked
        anchors.centerIn: parent
        spacing: screen.u * 0.5
        width: Math.min(parent.width - screen.u * 2, screen.u * 14)
        Label {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            font.bold: true
            font.pixelSize: Theme.heading
            text: admin.needsNewPin ? (screen.firstPin === "" ? qsTr("Choose a staff PIN") : qsTr("Type the PIN again"))
                                    : qsTr("Staff PIN")
        }
        Label {
            objectName: "pinDots"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: screen.entry.length > 0 ? "\u25cf ".repeat(screen.entry.length) : " "
            font.pixelSize: Theme.heading
            Accessible.name: qsTr("%1 digits typed").arg(screen.entry.length)
        }
        Label { objectName: "adminMessage"; width: parent.width; horizontalAlignment: Text.AlignHCenter; color: "#fca5a5"; text: admin.message; visible: text !== "" }
        Grid {
            columns: 3
            spacing: screen.u * 0.4
            anchors.horizontalCenter: parent.horizontalCenter
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "del", "0", "ok"]
                delegate: TapButton {
                    required property string modelData
                    objectName: "pin-" + modelData
                    width: screen.u * 4
                    height: screen.u * 2.6
                    label: modelData === "del" ? "" : (modelData === "ok" ? qsTr("OK") : modelData)
                    icon: modelData === "del" ? "back" : (modelData === "ok" ? "check" : "")
                    Accessible.name: modelData === "del" ? qsTr("Delete") : label
                    tint: modelData === "ok" ? Theme.chosen : "#374151"
                    fontSize: Theme.large
                    onClicked: {
                        if (modelData === "del") screen.entry = screen.entry.slice(0, -1)
                        else if (modelData === "ok") screen.submit()
                        else if (screen.entry.length < 8) screen.entry += modelData
                    }
                }
            }
        }
        TapButton {
            anchors.horizontalCenter: parent.horizontalCenter
            label: qsTr("Cancel")
            icon: "close"
            filled: false
            tint: "#e5e7eb"
            onClicked: admin.close()
        }
    }

    function submit() {
        if (admin.needsNewPin) {
            if (firstPin === "") { firstPin = entry; entry = ""; return }
            admin.choosePin(firstPin, entry)
            firstPin = ""
        } else {
            admin.unlock(entry)
        }
        entry = ""
    }

    // --- settings ------------------------------------------------------------------------------------------
    Flickable {
        objectName: "adminSettings"
        visible: admin.unlocked
        anchors { fill: parent; margins: screen.u }
        contentHeight: settings.implicitHeight
        clip: true
        Column {
            id: settings
            width: parent.width
            spacing: screen.u * 0.6

            Label { text: qsTr("Staff settings"); font.bold: true; font.pixelSize: Theme.heading }
            Label {
                objectName: "adminPackProblem"
                width: parent.width
                visible: admin.packProblem !== ""
                color: "#fca5a5"
                text: qsTr("The chosen pack could not be shown, so the built-in pack is on screen:") + "\n" + admin.packProblem
            }
            Label { text: qsTr("Campaign pack") }
            Flow {
                width: parent.width
                spacing: screen.u * 0.4
                Repeater {
                    model: admin.packs
                    delegate: TapButton {
                        required property string modelData
                        label: modelData; checkable: true; checked: admin.pack === modelData; filled: false; tint: "#e5e7eb"
                        onClicked: admin.setChoice("pack", modelData)
                    }
                }
            }
            Label { text: qsTr("Mode") }
            Flow {
                width: parent.width
                spacing: screen.u * 0.4
                Repeater {
                    model: [["foyer", qsTr("Foyer touchscreen")], ["assembly", qsTr("Assembly presenter")], ["parents", qsTr("Parents' evening")]]
                    delegate: TapButton {
                        required property var modelData
                        objectName: "mode-" + modelData[0]
                        label: modelData[1]; checkable: true; checked: admin.mode === modelData[0]; filled: false; tint: "#e5e7eb"
                        onClicked: admin.setChoice("mode", modelData[0])
                    }
                }
            }
            Row {
                spacing: screen.u * 0.4
                Label { text: qsTr("Back to the loop after %1 s without a touch").arg(admin.idleTimeout); anchors.verticalCenter: parent.verticalCenter }
                TapButton { label: "\u2212"; Accessible.name: qsTr("Shorter"); onClicked: admin.setChoice("idleTimeout", Math.max(10, admin.idleTimeout - 10)) }
                TapButton { label: "+"; Accessible.name: qsTr("Longer"); onClicked: admin.setChoice("idleTimeout", Math.min(600, admin.idleTimeout + 10)) }
            }
            Flow {
                width: parent.width
                spacing: screen.u * 0.4
                TapButton { label: qsTr("Reduced motion"); checkable: true; checked: admin.reducedMotion; filled: false; tint: "#e5e7eb"; onClicked: admin.setChoice("reducedMotion", !admin.reducedMotion) }
                TapButton { label: qsTr("High contrast"); checkable: true; checked: admin.highContrast; filled: false; tint: "#e5e7eb"; onClicked: admin.setChoice("highContrast", !admin.highContrast) }
                TapButton { label: qsTr("Anonymous counts"); checkable: true; checked: admin.statsEnabled; filled: false; tint: "#e5e7eb"; onClicked: admin.setChoice("statsEnabled", !admin.statsEnabled) }
                Repeater {
                    model: [100, 125, 150]
                    delegate: TapButton {
                        required property int modelData
                        label: qsTr("Text %1%").arg(modelData); checkable: true; checked: admin.textSize === modelData; filled: false; tint: "#e5e7eb"
                        onClicked: admin.setChoice("textSize", modelData)
                    }
                }
            }
            Label { width: parent.width; color: "#fca5a5"; text: admin.message; visible: text !== "" }
            Flow {
                width: parent.width
                spacing: screen.u * 0.4
                TapButton { objectName: "adminApply"; label: qsTr("Save and close"); icon: "check"; tint: Theme.chosen; onClicked: admin.applyAndClose() }
                TapButton { objectName: "adminClose"; label: qsTr("Close"); icon: "close"; filled: false; tint: "#e5e7eb"; onClicked: admin.close() }
                TapButton { objectName: "adminStats"; label: qsTr("Statistics"); icon: "chart"; filled: false; tint: "#e5e7eb"; onClicked: statsPanel.shown = true }
                TapButton { objectName: "adminExit"; label: qsTr("Exit the kiosk"); icon: "close"; tint: Theme.danger; onClicked: admin.exitKiosk() }
            }
        }
    }

    StatsPanel { id: statsPanel; anchors.fill: parent }
}
