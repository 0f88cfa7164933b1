pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Window
import Studio

// The studio: a side panel (variants, the page list, editing, problems) and the previews side by side, each a
// real kiosk scaled to fit (kiosk/ui/studio.py places one KioskView in each `previewHolder-N`).
Window {
    id: window
    width: 1600
    height: 900
    visible: false
    color: "#2b303a"
    title: qsTr("Kiosk studio: %1").arg(Studio.packName)
    property bool editMode: false

    Shortcut {
        sequence: "Ctrl+E"
        onActivated: window.editMode = !window.editMode
    }
    // Page Down and Page Up step every preview, wherever the focus is (the kiosk's arrow keys go to its window's
    // key filter, which a preview does not have)
    Shortcut { sequence: StandardKey.MoveToNextPage; enabled: !Studio.editing; onActivated: Studio.step(1) }
    Shortcut { sequence: StandardKey.MoveToPreviousPage; enabled: !Studio.editing; onActivated: Studio.step(-1) }

    Rectangle {
        id: side
        objectName: "sidePanel"
        width: 360
        anchors { left: parent.left; top: parent.top; bottom: parent.bottom }
        color: "#f4f5f7"

        Column {
            id: head
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: 12 }
            spacing: 8
            Text {
                width: parent.width
                text: Studio.packName
                font.pixelSize: 20
                font.bold: true
                color: "#111827"
                elide: Text.ElideRight
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            Text {
                width: parent.width
                text: Studio.folder
                font.pixelSize: 12
                color: "#374151"
                elide: Text.ElideMiddle
            }
            Row {
                spacing: 6
                Repeater {
                    model: [{ mode: "foyer", label: qsTr("Foyer") }, { mode: "parents", label: qsTr("Parents") },
                            { mode: "assembly", label: qsTr("Assembly") }]
                    delegate: StudioButton {
                        required property var modelData
                        objectName: "variant-" + modelData.mode
                        label: modelData.label
                        description: qsTr("Show the pack as the %1 loop").arg(modelData.label)
                        checkable: true
                        checked: Studio.variant === modelData.mode
                        onClicked: Studio.setVariant(modelData.mode)
                    }
                }
            }
            Row {
                spacing: 6
                StudioButton {
                    objectName: "largeText"
                    label: qsTr("Text 150 %")
                    description: qsTr("Show the previews with the largest text size")
                    checkable: true
                    checked: Studio.largeText
                    onClicked: Studio.setAppearance(!Studio.largeText, Studio.highContrast)
                }
                StudioButton {
                    objectName: "highContrast"
                    label: qsTr("High contrast")
                    description: qsTr("Show the previews in the high-contrast theme")
                    checkable: true
                    checked: Studio.highContrast
                    onClicked: Studio.setAppearance(Studio.largeText, !Studio.highContrast)
                }
            }
            StudioButton {
                objectName: "editToggle"
                label: window.editMode ? qsTr("Editing: click a text (Ctrl+E)") : qsTr("Edit texts (Ctrl+E)")
                description: qsTr("Click a text on a preview to change it in pack.toml")
                checkable: true
                checked: window.editMode
                onClicked: window.editMode = !window.editMode
            }
            Text {
                width: parent.width
                visible: Studio.status !== ""
                text: Studio.status
                wrapMode: Text.Wrap
                font.pixelSize: 13
                color: "#111827"
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
        }

        ListView {
            id: pageList
            objectName: "pageList"
            anchors { left: parent.left; right: parent.right; top: head.bottom; topMargin: 8 }
            height: (side.height - head.height) * (problemsBox.visible ? 0.5 : 0.9)
            clip: true
            model: window.editMode ? Studio.pageTexts : Studio.pageList
            currentIndex: window.editMode ? -1 : Studio.currentEntry
            activeFocusOnTab: true
            keyNavigationEnabled: true
            highlightMoveDuration: 0
            Accessible.role: Accessible.List
            Accessible.name: window.editMode ? qsTr("Texts on this page: Enter edits one") : qsTr("Pages: Enter shows one")
            function activate(n) {
                if (window.editMode) Studio.editEntry(n)
                else Studio.goToEntry(n)
            }
            Keys.onReturnPressed: activate(currentIndex)
            Keys.onEnterPressed: activate(currentIndex)
            Keys.onSpacePressed: activate(currentIndex)
            delegate: Rectangle {
                id: row
                required property var modelData
                required property int index
                readonly property string words: window.editMode ? modelData : modelData.label
                width: ListView.view.width
                height: 30
                color: ListView.isCurrentItem ? (pageList.activeFocus ? "#ffdd00" : "#dde3ec") : "transparent"
                Text {
                    anchors { fill: parent; leftMargin: 12 + (window.editMode ? 0 : row.modelData.depth * 18); rightMargin: 8 }
                    verticalAlignment: Text.AlignVCenter
                    text: row.words
                    elide: Text.ElideRight
                    font.pixelSize: 14
                    color: "#111827"
                }
                Accessible.role: Accessible.ListItem
                Accessible.name: words
                Accessible.onPressAction: pageList.activate(index)
                MouseArea {
                    anchors.fill: parent
                    onClicked: { pageList.currentIndex = row.index; pageList.activate(row.index) }
                }
            }
        }

        Rectangle {
            id: problemsBox
            objectName: "problems"
            anchors { left: parent.left; right: parent.right; top: pageList.bottom; bottom: parent.bottom }
            visible: Studio.problems.length + Studio.findings.length + Studio.fitNotes.length > 0
            color: Studio.broken ? "#fde8e8" : "#fff8e1"
            Flickable {
                anchors { fill: parent; margins: 10 }
                contentHeight: lines.height
                clip: true
                Column {
                    id: lines
                    width: parent.width
                    spacing: 6
                    Text {
                        width: parent.width
                        visible: Studio.broken
                        text: Studio.shown ? qsTr("This save cannot be shown; the previews keep the last good version:")
                                           : qsTr("The pack cannot be shown yet:")
                        wrapMode: Text.Wrap
                        font.bold: true
                        font.pixelSize: 14
                        color: "#7f1d1d"
                    }
                    Repeater {
                        model: Studio.problems.concat(Studio.findings).concat(Studio.fitNotes)
                        delegate: Text {
                            required property string modelData
                            objectName: "problemLine"
                            width: lines.width
                            text: modelData
                            wrapMode: Text.Wrap
                            font.pixelSize: 13
                            font.family: "monospace"
                            color: "#111827"
                            Accessible.role: Accessible.StaticText
                            Accessible.name: text
                        }
                    }
                }
            }
        }
    }

    Item {
        id: stage
        objectName: "stage"
        anchors { left: side.right; right: parent.right; top: parent.top; bottom: parent.bottom; margins: 16 }
        readonly property real gap: 16
        readonly property real labelHeight: 24
        readonly property real aspects: {
            var sum = 0
            for (var i = 0; i < Studio.previewSizes.length; i++)
                sum += Studio.previewSizes[i].width / Studio.previewSizes[i].height
            return sum
        }
        // one height for every preview, as large as the stage allows them, side by side and wrapped into rows
        function fits(h) {
            var x = 0, rows = 1
            for (var i = 0; i < Studio.previewSizes.length; i++) {
                var w = Studio.previewSizes[i].width / Studio.previewSizes[i].height * h
                if (w > width) return false
                if (x > 0 && x + w > width) { rows++; x = 0 }
                x += w + gap
            }
            return rows * (h + labelHeight) + (rows - 1) * gap <= height
        }
        readonly property real rowHeight: {
            var h = height - labelHeight
            while (h > 10 && !fits(h)) h *= 0.97
            return Math.max(10, h)
        }
        Flow {
            anchors.fill: parent
            spacing: stage.gap
            Repeater {
                id: previewRepeater
                model: Studio.previewSizes
                delegate: Column {
                    id: slot
                    required property var modelData
                    required property int index
                    readonly property real fit: stage.rowHeight / modelData.height
                    readonly property var outlines: Studio.outlines[index] || []
                    spacing: 4
                    Text {
                        height: stage.labelHeight - 4
                        text: slot.modelData.label + (slot.outlines.length ? qsTr(": %n text(s) do not fit", "", slot.outlines.length) : "")
                        color: slot.outlines.length ? "#ffb4b4" : "#ffffff"
                        font.pixelSize: 14
                    }
                    Item {
                        id: frame
                        width: slot.modelData.width * slot.fit
                        height: slot.modelData.height * slot.fit
                        clip: true
                        Item {
                            id: holder
                            objectName: "previewHolder-" + slot.index
                            width: slot.modelData.width
                            height: slot.modelData.height
                            scale: slot.fit
                            transformOrigin: Item.TopLeft
                            Accessible.role: Accessible.Pane
                            Accessible.name: qsTr("Preview at %1").arg(slot.modelData.label)

                            Repeater {
                                model: slot.outlines
                                delegate: Rectangle {
                                    required property var modelData
                                    objectName: "fitOutline"
                                    z: 10
                                    x: modelData.x - border.width; y: modelData.y - border.width
                                    width: modelData.width + border.width * 2; height: modelData.height + border.width * 2
                                    color: "transparent"
                                    border.color: "#e11d48"
                                    border.width: Math.max(3, 3 / slot.fit)
                                }
                            }
                            MouseArea {
                                objectName: "editArea"
                                z: 20
                                anchors.fill: parent
                                enabled: window.editMode
                                visible: enabled
                                cursorShape: Qt.IBeamCursor
                                onClicked: (mouse) => Studio.pickText(slot.index, mouse.x, mouse.y)
                            }
                            Rectangle {
                                objectName: "dim-" + slot.index
                                z: 30
                                anchors.fill: parent
                                visible: Studio.broken && Studio.shown
                                color: "#b3ffffff"
                                MouseArea { anchors.fill: parent }   // the last good version is not to be used
                            }
                            Rectangle {
                                objectName: "editMark"
                                z: 25
                                visible: Studio.editing && Studio.editPreview === slot.index
                                x: (Studio.editRect.x || 0) - border.width; y: (Studio.editRect.y || 0) - border.width
                                width: (Studio.editRect.width || 0) + border.width * 2
                                height: (Studio.editRect.height || 0) + border.width * 2
                                color: "transparent"
                                border.color: "#ffdd00"
                                border.width: Math.max(3, 4 / slot.fit)
                            }
                        }
                    }
                }
            }
        }
    }

    // The editor, over the text being changed (unscaled, so its words are readable whatever the preview's scale).
    Rectangle {
        id: editor
        objectName: "editor"
        visible: Studio.editing
        z: 50
        width: Math.min(560, stage.width)
        height: editColumn.height + 20
        x: Math.min(window.width - width - 8, Math.max(side.width + 8, editorAnchor.x))
        y: Math.min(window.height - height - 8, Math.max(8, editorAnchor.y))
        color: "#ffffff"
        border.color: "#000000"
        border.width: 2
        radius: 6
        Item {
            id: editorAnchor
            // below the text being changed, in the window's coordinates
            readonly property Item slotItem: previewRepeater.count > Studio.editPreview && Studio.editPreview >= 0
                                             ? previewRepeater.itemAt(Studio.editPreview) : null
            readonly property real fit: slotItem && Studio.previewSizes.length
                                        ? stage.rowHeight / Studio.previewSizes[Studio.editPreview].height : 1
            readonly property point at: slotItem
                ? slotItem.mapToItem(null, (Studio.editRect.x || 0) * fit,
                                     stage.labelHeight + ((Studio.editRect.y || 0) + (Studio.editRect.height || 0)) * fit + 6)
                : Qt.point(0, 0)
            x: at.x
            y: at.y
        }
        Column {
            id: editColumn
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: 10 }
            spacing: 6
            Text {
                text: Studio.editField
                font.pixelSize: 13
                font.family: "monospace"
                color: "#374151"
            }
            Rectangle {
                width: parent.width
                height: input.contentHeight + 12
                border.color: "#000000"
                border.width: input.activeFocus ? 2 : 1
                TextInput {
                    id: input
                    objectName: "editInput"
                    anchors { fill: parent; margins: 6 }
                    font.pixelSize: 17
                    wrapMode: TextInput.Wrap
                    selectByMouse: true
                    activeFocusOnTab: true
                    Accessible.role: Accessible.EditableText
                    Accessible.name: qsTr("New text for %1").arg(Studio.editField)
                    Keys.onReturnPressed: Studio.commitEdit(text)
                    Keys.onEnterPressed: Studio.commitEdit(text)
                    Keys.onEscapePressed: Studio.cancelEdit()
                }
            }
            Text {
                width: parent.width
                visible: Studio.editError !== ""
                text: Studio.editError
                wrapMode: Text.Wrap
                font.pixelSize: 13
                color: "#a11a1a"
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
            Row {
                spacing: 8
                StudioButton { objectName: "saveEdit"; label: qsTr("Save (Enter)"); onClicked: Studio.commitEdit(input.text) }
                StudioButton { objectName: "cancelEdit"; label: qsTr("Cancel (Esc)"); onClicked: Studio.cancelEdit() }
            }
        }
        Connections {
            target: Studio
            function onEditChanged() {
                if (Studio.editing) {
                    input.text = Studio.editValue
                    input.forceActiveFocus()
                    input.selectAll()
                }
            }
        }
    }
}
