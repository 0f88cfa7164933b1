pragma ComponentBehavior: Bound

import QtQuick

// The staff screen: a PIN pad, then pack, mode, idle time and accessibility choices, and the only way to
// exit the kiosk. Opened by holding the top-left corner for three seconds or Ctrl+Alt+Shift+K.
Rectangle {
    id: screen
    objectName: "adminScreen"
    visible: Admin.open
    color: "#111827"
    property string entry: ""
    property string firstPin: ""
    Accessible.role: Accessible.Dialog
    Accessible.name: qsTr("Staff settings")

    onVisibleChanged: { entry = ""; firstPin = ""; if (visible) closeTimer.restart() }

    // Left alone, the staff screen closes itself: a foyer kiosk must never sit on its settings.
    Timer { id: closeTimer; objectName: "staffCloseTimer"; interval: 60000; running: screen.visible; onTriggered: Admin.close() }
    Connections { target: Admin; function onActivity() { closeTimer.restart() } }  // keys count as much as taps
    MouseArea { anchors.fill: parent; onPressed: (mouse) => { closeTimer.restart(); mouse.accepted = false } }

    readonly property real u: Theme.unit
    readonly property var modeNames: ({ "foyer": qsTr("Foyer touchscreen"), "assembly": qsTr("Assembly presenter"), "parents": qsTr("Parents' evening") })

    // A setting the school's IT locked in the machine policy is shown, never offered for change.
    function locked(name: string): bool { return Admin.lockedSettings.indexOf(name) >= 0 }

    // Its buttons sit on this dark screen: in high contrast they are filled white, not black (TapButton.onDark).
    component StaffButton: TapButton { onDark: true }

    component Label: Text {
        color: "#f9fafb"
        font.family: Theme.bodyFont
        font.pixelSize: Theme.body
        wrapMode: Text.WordWrap
        Accessible.role: Accessible.StaticText
        Accessible.name: text
    }

    component LockedNote: Label {
        required property string setting
        property string value: ""
        objectName: "locked-" + setting
        visible: Admin.lockedSettings.indexOf(setting) >= 0
        color: "#93c5fd"
        text: value === "" ? qsTr("Set by the school's IT") : qsTr("Set by the school's IT: %1").arg(value)
    }

    // --- PIN -----------------------------------------------------------------------------------------------
    Column {
        objectName: "pinPad"
        visible: !Admin.unlocked
        anchors.centerIn: parent
        spacing: screen.u * 0.5
        width: Math.min(parent.width - screen.u * 2, screen.u * 14)
        Label {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            font.bold: true
            font.pixelSize: Theme.heading
            text: Admin.needsNewPin ? (screen.firstPin === "" ? qsTr("Choose a staff PIN") : qsTr("Type the PIN again"))
                                    : qsTr("Staff PIN")
        }
        Label {
            objectName: "pinDots"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: screen.entry.length > 0 ? "\u25cf ".repeat(screen.entry.length) : " "
            font.pixelSize: Theme.heading
            Accessible.name: qsTr("%n digit(s) typed", "", screen.entry.length)
        }
        Label { objectName: "adminMessage"; width: parent.width; horizontalAlignment: Text.AlignHCenter; color: "#fca5a5"; text: Admin.message; visible: text !== "" }
        Grid {
            columns: 3
            spacing: screen.u * 0.4
            anchors.horizontalCenter: parent.horizontalCenter
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "del", "0", "ok"]
                delegate: StaffButton {
                    required property string modelData
                    objectName: "pin-" + modelData
                    width: screen.u * 4.4  // room for "Iawn" at 150% text
                    height: screen.u * 2.6
                    label: modelData === "del" ? "" : (modelData === "ok" ? qsTr("OK") : modelData)
                    icon: modelData === "del" ? "back" : ""  // OK is a word alone: beside a tick it was cut to "…" on a key this narrow
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
        StaffButton {
            anchors.horizontalCenter: parent.horizontalCenter
            label: qsTr("Cancel")
            icon: "close"
            filled: false
            tint: "#e5e7eb"
            onClicked: Admin.close()
        }
    }

    function submit() {
        if (Admin.needsNewPin) {
            if (firstPin === "") { firstPin = entry; entry = ""; return }
            Admin.choosePin(firstPin, entry)
            firstPin = ""
        } else {
            Admin.unlock(entry)
        }
        entry = ""
    }

    // --- settings ------------------------------------------------------------------------------------------
    Flickable {
        objectName: "adminSettings"
        visible: Admin.unlocked
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
                visible: Admin.packProblem !== ""
                color: "#fca5a5"
                text: qsTr("The chosen pack could not be shown, so the built-in pack is on screen:") + "\n" + Admin.packProblem
            }
            Label {
                objectName: "adminStoreWarning"
                width: parent.width
                visible: Admin.storeWarning !== ""
                color: "#fcd34d"
                text: Admin.storeWarning
            }
            Label {
                objectName: "adminStoreStatus"
                width: parent.width
                visible: Admin.storeStatus !== ""
                text: qsTr("Pack from the campaign's signed bundles:") + "\n" + Admin.storeStatus
            }
            Label {
                objectName: "adminSettingsProblem"
                width: parent.width
                visible: Admin.settingsProblem !== ""
                color: "#fca5a5"
                text: Admin.settingsProblem
            }
            Label {
                objectName: "adminPolicyProblem"
                width: parent.width
                visible: Admin.policyProblem !== ""
                color: "#fca5a5"
                text: qsTr("The school's IT policy file has problems; the kiosk runs on what it could use:") + "\n" + Admin.policyProblem
            }
            Label { text: qsTr("Campaign pack") }
            LockedNote { setting: "pack"; value: Admin.pack; width: parent.width }
            Flow {
                objectName: "packChoices"
                visible: !screen.locked("pack")
                width: parent.width
                spacing: screen.u * 0.4
                Repeater {
                    model: Admin.packs
                    delegate: StaffButton {
                        required property string modelData
                        objectName: "pack-" + modelData
                        label: modelData; checkable: true; checked: Admin.pack === modelData; filled: false; tint: "#e5e7eb"
                        onClicked: Admin.setChoice("pack", modelData)
                    }
                }
            }
            Label { text: qsTr("Mode") }
            LockedNote { setting: "mode"; value: screen.modeNames[Admin.mode] ?? Admin.mode; width: parent.width }
            Flow {
                objectName: "modeChoices"
                visible: !screen.locked("mode")
                width: parent.width
                spacing: screen.u * 0.4
                Repeater {
                    model: [["foyer", qsTr("Foyer touchscreen")], ["assembly", qsTr("Assembly presenter")], ["parents", qsTr("Parents' evening")]]
                    delegate: StaffButton {
                        required property var modelData
                        objectName: "mode-" + modelData[0]
                        label: modelData[1]; checkable: true; checked: Admin.mode === modelData[0]; filled: false; tint: "#e5e7eb"
                        onClicked: Admin.setChoice("mode", modelData[0])
                    }
                }
            }
            Row {
                id: idleRow
                width: parent.width
                spacing: screen.u * 0.4
                Label {
                    // wraps rather than pushing its buttons off the screen (Welsh at larger text did)
                    width: Math.min(implicitWidth, idleRow.width - idleShorter.width - idleLonger.width - idleRow.spacing * 2)
                    text: qsTr("Back to the loop after %1 s without a touch").arg(Admin.idleTimeout)
                    anchors.verticalCenter: parent.verticalCenter
                }
                StaffButton { id: idleShorter; objectName: "idleShorter"; visible: !screen.locked("idleTimeout"); label: "\u2212"; Accessible.name: qsTr("Shorter"); onClicked: Admin.stepIdleTimeout(-1) }
                StaffButton { id: idleLonger; objectName: "idleLonger"; visible: !screen.locked("idleTimeout"); label: "+"; Accessible.name: qsTr("Longer"); onClicked: Admin.stepIdleTimeout(1) }
            }
            LockedNote { setting: "idleTimeout"; width: parent.width }
            Label {
                objectName: "idleLayerNote"
                width: parent.width
                visible: Admin.idleLayer === "command line"
                color: "#93c5fd"
                text: qsTr("This run's idle time, from the command line (--idle-timeout); Save and close keeps it")
            }
            Label {
                objectName: "adminScheduleNote"
                width: parent.width
                visible: Admin.scheduleNote !== ""
                color: "#fde68a"
                text: Admin.scheduleNote
            }
            Label { text: qsTr("Time each page stays up in the loop") }
            LockedNote { setting: "durations"; width: parent.width }
            Column {
                objectName: "durationList"
                width: Math.min(parent.width, screen.u * 26)  // on a wide screen the buttons stay near their page
                spacing: screen.u * 0.2
                Repeater {
                    model: Admin.pageDurations
                    delegate: Row {
                        id: durationRow
                        required property var modelData
                        width: parent.width
                        spacing: screen.u * 0.4
                        Label {
                            width: durationRow.width - shorter.width - seconds.width - longer.width - durationRow.spacing * 3
                            anchors.verticalCenter: parent.verticalCenter
                            text: durationRow.modelData.title
                        }
                        StaffButton {
                            id: shorter
                            visible: !screen.locked("durations")
                            anchors.verticalCenter: parent.verticalCenter
                            objectName: "shorter-" + durationRow.modelData.id
                            label: "\u2212"
                            Accessible.name: qsTr("Shorter: %1").arg(durationRow.modelData.title)
                            onClicked: Admin.stepDuration(durationRow.modelData.id, -1)
                        }
                        Label {
                            id: seconds
                            objectName: "seconds-" + durationRow.modelData.id
                            width: Theme.body * 3.5
                            anchors.verticalCenter: parent.verticalCenter
                            horizontalAlignment: Text.AlignHCenter
                            font.bold: durationRow.modelData.changed
                            color: durationRow.modelData.changed ? "#fde68a" : "#f9fafb"
                            text: qsTr("%1 s").arg(durationRow.modelData.seconds)
                        }
                        StaffButton {
                            id: longer
                            visible: !screen.locked("durations")
                            anchors.verticalCenter: parent.verticalCenter
                            objectName: "longer-" + durationRow.modelData.id
                            label: "+"
                            Accessible.name: qsTr("Longer: %1").arg(durationRow.modelData.title)
                            onClicked: Admin.stepDuration(durationRow.modelData.id, 1)
                        }
                    }
                }
            }
            Label { text: qsTr("Language") }
            LockedNote { setting: "language"; value: Admin.language === "cy" ? "Cymraeg" : "English"; width: parent.width }
            Flow {
                objectName: "languageChoices"
                visible: !screen.locked("language")
                width: parent.width
                spacing: screen.u * 0.4
                Repeater {
                    model: [["en", "English"], ["cy", "Cymraeg"]]
                    delegate: StaffButton {
                        required property var modelData
                        objectName: "lang-" + modelData[0]
                        label: modelData[1]; checkable: true; checked: Admin.language === modelData[0]; filled: false; tint: "#e5e7eb"
                        onClicked: Admin.setChoice("language", modelData[0])
                    }
                }
            }
            Flow {
                width: parent.width
                spacing: screen.u * 0.4
                StaffButton { objectName: "toggle-reducedMotion"; visible: !screen.locked("reducedMotion"); label: qsTr("Reduced motion"); checkable: true; checked: Admin.reducedMotion; filled: false; tint: "#e5e7eb"; onClicked: Admin.setChoice("reducedMotion", !Admin.reducedMotion) }
                StaffButton { objectName: "toggle-highContrast"; visible: !screen.locked("highContrast"); label: qsTr("High contrast"); checkable: true; checked: Admin.highContrast; filled: false; tint: "#e5e7eb"; onClicked: Admin.setChoice("highContrast", !Admin.highContrast) }
                StaffButton { objectName: "toggle-statsEnabled"; visible: !screen.locked("statsEnabled"); label: qsTr("Anonymous counts"); checkable: true; checked: Admin.statsEnabled; filled: false; tint: "#e5e7eb"; onClicked: Admin.setChoice("statsEnabled", !Admin.statsEnabled) }
                Repeater {
                    model: Admin.textSizes
                    delegate: StaffButton {
                        required property int modelData
                        objectName: "text-" + modelData
                        visible: !screen.locked("textSize")
                        label: qsTr("Text %1%").arg(modelData); checkable: true; checked: Admin.textSize === modelData; filled: false; tint: "#e5e7eb"
                        onClicked: Admin.setChoice("textSize", modelData)
                    }
                }
            }
            LockedNote { setting: "reducedMotion"; value: qsTr("Reduced motion") + " " + (Admin.reducedMotion ? qsTr("on") : qsTr("off")); width: parent.width }
            LockedNote { setting: "highContrast"; value: qsTr("High contrast") + " " + (Admin.highContrast ? qsTr("on") : qsTr("off")); width: parent.width }
            LockedNote { setting: "statsEnabled"; value: qsTr("Anonymous counts") + " " + (Admin.statsEnabled ? qsTr("on") : qsTr("off")); width: parent.width }
            LockedNote { setting: "textSize"; value: qsTr("Text %1%").arg(Admin.textSize); width: parent.width }
            Label { width: parent.width; color: "#fca5a5"; text: Admin.message; visible: text !== "" }
            Flow {
                width: parent.width
                spacing: screen.u * 0.4
                StaffButton { objectName: "adminApply"; label: qsTr("Save and close"); icon: "check"; tint: Theme.chosen; onClicked: Admin.applyAndClose() }
                StaffButton { objectName: "adminClose"; label: qsTr("Close"); icon: "close"; filled: false; tint: "#e5e7eb"; onClicked: Admin.close() }
                StaffButton { objectName: "adminStats"; label: qsTr("Statistics"); icon: "chart"; filled: false; tint: "#e5e7eb"; onClicked: statsPanel.shown = true }
                StaffButton { objectName: "adminExit"; label: qsTr("Exit the kiosk"); icon: "close"; tint: Theme.danger; onClicked: Admin.exitKiosk() }
            }
        }
    }

    StatsPanel { id: statsPanel; anchors.fill: parent }
}
