pragma ComponentBehavior: Bound

import QtQuick

// Staff screen: the anonymous counts of the last 7 or 30 days as plain bar charts (no QtCharts: a few
// Rectangles cost nothing in the bundle), and the outbox's status. `kiosk stats export --out FILE.csv` writes
// the same numbers.
Rectangle {
    id: panel
    objectName: "statsPanel"
    color: "#111827"
    property bool shown: false
    visible: shown && Admin.open && Admin.unlocked
    property int days: 7
    property var summary: ({})
    readonly property var rows: summary.days || []
    readonly property real u: Theme.unit
    // Closing or locking the staff screen also closes the panel, so it never greets the next person.
    Connections { target: Admin; function onChanged() { if (!Admin.open || !Admin.unlocked) panel.shown = false } }

    function refresh() { summary = Stats.summary(days) }
    onVisibleChanged: if (visible) refresh()
    onDaysChanged: if (visible) refresh()

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

    // Bars of one or two series per day (stacked), with the largest value written at the top.
    component BarChart: Item {
        id: chart
        property string title
        property var first: []     // values per day, drawn from the bottom
        property var second: []    // optional values stacked on top
        property color firstColour: "#60a5fa"
        property color secondColour: "#fbbf24"
        readonly property int count: first.length
        readonly property real peak: {
            var m = 0
            for (var i = 0; i < count; i++) m = Math.max(m, first[i] + (second.length ? second[i] : 0))
            return m
        }
        width: parent.width
        height: panel.u * 8
        Label { id: chartTitle; text: chart.title + "  (" + qsTr("most in a day: %1").arg(chart.peak) + ")"; width: parent.width }
        Item {
            id: plot
            anchors { left: parent.left; right: parent.right; top: chartTitle.bottom; topMargin: panel.u * 0.3; bottom: dayLabels.top }
            Rectangle { anchors { left: parent.left; right: parent.right; bottom: parent.bottom } height: 1; color: "#6b7280" }
            Repeater {
                model: chart.count
                delegate: Item {
                    required property int index
                    readonly property real slot: plot.width / Math.max(1, chart.count)
                    x: index * slot + slot * 0.15
                    width: slot * 0.7
                    height: plot.height
                    readonly property real a: chart.first[index] || 0
                    readonly property real b: chart.second.length ? (chart.second[index] || 0) : 0
                    Rectangle {
                        id: low
                        anchors.bottom: parent.bottom
                        width: parent.width
                        height: chart.peak > 0 ? parent.height * parent.a / chart.peak : 0
                        color: chart.firstColour
                    }
                    Rectangle {
                        anchors.bottom: low.top
                        width: parent.width
                        height: chart.peak > 0 ? parent.height * parent.b / chart.peak : 0
                        color: chart.secondColour
                    }
                }
            }
        }
        Item {
            id: dayLabels
            anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
            height: panel.u * 1.4
            Repeater {
                model: chart.count
                delegate: Label {
                    required property int index
                    readonly property real slot: plot.width / Math.max(1, chart.count)
                    readonly property int every: chart.count > 10 ? 7 : 1
                    visible: (chart.count - 1 - index) % every === 0
                    text: panel.rows[index] ? (chart.count > 10 ? panel.rows[index].day.slice(5) : panel.rows[index].day.slice(8)) : ""
                    width: implicitWidth
                    x: Math.max(0, Math.min(plot.width - width, index * slot + slot / 2 - width / 2))
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.NoWrap
                    color: "#d1d5db"
                }
            }
        }
    }

    function series(key) {
        var out = []
        for (var i = 0; i < rows.length; i++) out.push(rows[i][key])
        return out
    }

    Flickable {
        anchors { fill: parent; margins: panel.u }
        contentHeight: content.implicitHeight
        clip: true
        Column {
            id: content
            width: parent.width
            spacing: panel.u * 0.6

            Label { text: qsTr("Anonymous counts"); font.bold: true; font.pixelSize: Theme.heading }
            Label {
                objectName: "statsOff"
                visible: !Stats.available || !Admin.statsEnabled
                width: parent.width
                color: "#fca5a5"
                text: Stats.available ? qsTr("Counting is switched off in the settings: nothing new is counted.")
                                      : qsTr("Counting is off (the kiosk was started with --no-stats).")
            }
            Flow {
                width: parent.width
                spacing: panel.u * 0.4
                Repeater {
                    model: [7, 30]
                    delegate: StaffButton {
                        required property int modelData
                        objectName: "statsDays-" + modelData
                        label: qsTr("Last %1 days").arg(modelData); checkable: true; checked: panel.days === modelData
                        filled: false; tint: "#e5e7eb"
                        onClicked: panel.days = modelData
                    }
                }
                StaffButton { objectName: "statsBack"; label: qsTr("Back"); icon: "back"; filled: false; tint: "#e5e7eb"; onClicked: panel.shown = false }
            }
            Label {
                objectName: "statsTotals"
                width: parent.width
                text: qsTr("Pages shown: %1 by the loop, %2 by a tap. Visits: %3 (about %4 s and %5 pages each). Plans made: %6. Help pages opened: %7.")
                      .arg(panel.summary.shownLoop || 0).arg(panel.summary.shownTap || 0).arg(panel.summary.sessions || 0)
                      .arg(panel.summary.averageSeconds || 0).arg(panel.summary.averagePages || 0)
                      .arg(panel.summary.plansMade || 0).arg(panel.summary.helpOpened || 0)
            }
            BarChart {
                objectName: "pagesChart"
                title: qsTr("Pages shown per day: blue by the loop, yellow by a tap")
                first: panel.series("loop")
                second: panel.series("tap")
            }
            BarChart {
                objectName: "sessionsChart"
                title: qsTr("Visits per day")
                first: panel.series("sessions")
                firstColour: "#34d399"
            }
            Label { text: qsTr("Feedback answers"); font.bold: true; width: parent.width }
            Label { visible: !(panel.summary.feedback || []).length; text: qsTr("No answers yet."); color: "#d1d5db" }
            Repeater {
                model: panel.summary.feedback || []
                delegate: Column {
                    id: answer
                    required property var modelData
                    width: content.width
                    Label { width: parent.width; text: (answer.modelData.questionText || answer.modelData.question) + "  " + (answer.modelData.answerLabel || answer.modelData.answer) }
                    Row {
                        spacing: panel.u * 0.4
                        Rectangle {
                            readonly property int most: {
                                var m = 1, list = panel.summary.feedback || []
                                for (var i = 0; i < list.length; i++) m = Math.max(m, list[i].count)
                                return m
                            }
                            width: Math.max(2, (content.width - panel.u * 4) * answer.modelData.count / most)
                            height: panel.u * 0.9
                            anchors.verticalCenter: parent.verticalCenter
                            color: "#a78bfa"
                        }
                        Label { text: answer.modelData.count; wrapMode: Text.NoWrap }
                    }
                }
            }

            // Where the daily counts go (kiosk/core/outbox.py): the policy's outbox folder and USB sticks.
            Label { text: qsTr("Outbox"); font.bold: true; width: parent.width }
            Label {
                objectName: "outboxStatus"
                width: parent.width
                text: !Stats.outboxConfigured
                      ? qsTr("No outbox: the machine policy names none, so the counts stay on this kiosk.")
                      : qsTr("This kiosk writes its daily counts as \"%1\".").arg(Stats.outboxLabel) + " "
                        + (Stats.outboxLastWritten !== "" ? qsTr("Last written: %1.").arg(Stats.outboxLastWritten)
                                                          : qsTr("Not written yet."))
            }
            Repeater {
                model: Stats.outboxFolders
                delegate: Label {
                    required property var modelData
                    width: content.width
                    color: modelData.present ? "#f9fafb" : "#d1d5db"
                    text: modelData.present ? modelData.folder : qsTr("%1 (not there now)").arg(modelData.folder)
                }
            }
            Label {
                objectName: "outboxError"
                visible: Stats.outboxError !== ""
                width: parent.width
                color: "#fca5a5"
                text: qsTr("Last error (tried again later): %1").arg(Stats.outboxError)
            }
            StaffButton {
                objectName: "outboxWrite"
                visible: Stats.outboxConfigured
                label: Stats.outboxBusy ? qsTr("Writing the counts...") : qsTr("Write the counts now")
                filled: false; tint: "#e5e7eb"
                onClicked: Stats.writeOutbox()
            }
        }
    }
}
