pragma ComponentBehavior: Bound

import QtQuick

// What the law says: an intro and a few plain statements as cards.
Item {
    id: page
    // Empty until PageHost's Loader hands the page its content (onLoaded): an off-screen page is built in the
    // background and its bindings first run before that; a build cut short (new pack, session closed) prints
    // their errors, so they must have none on an empty page.
    property var content: ({})
    property int pageIndex
    readonly property string summary: {
        var words = [content.intro || ""]
        for (var i = 0; i < count; i++) words.push(content.points.get(i).heading + ": " + content.points.get(i).text)
        return words.join(" ").trim()
    }
    readonly property bool landscape: width >= height * 1.1
    readonly property int count: content.points ? content.points.rowCount() : 0
    readonly property int columns: count === 4 && landscape ? 2
        : Math.max(1, Math.min(count, Math.floor(width / (Theme.unit * 15))))
    readonly property int rows: Math.ceil(count / Math.max(1, columns))

    FitText {
        id: intro
        objectName: "lawIntro"
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: Theme.boundedTextHeight(text, width, Theme.body, 4, page.height * 0.14)
        text: page.content.intro || ""
        font.bold: true
    }
    Grid {
        id: grid
        anchors { left: parent.left; right: parent.right; top: intro.bottom; topMargin: intro.height > 0 ? Theme.gap : 0; bottom: parent.bottom }
        columns: page.columns
        spacing: Theme.gap
        readonly property real cellWidth: (width - spacing * (columns - 1)) / Math.max(1, columns)
        readonly property real cellHeight: (height - spacing * (page.rows - 1)) / Math.max(1, page.rows)
        Repeater {
            model: page.content.points
            delegate: Rectangle {
                id: point
                required property string heading
                required property string text
                width: grid.cellWidth
                height: grid.cellHeight
                radius: Theme.radius
                color: Theme.paper
                border.color: "#c9d0db"
                border.width: Math.max(1, Theme.unit * 0.05)
                Accessible.role: Accessible.Grouping
                Accessible.name: heading
                Row {
                    id: head
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.unit * 0.5 }
                    spacing: Theme.unit * 0.4
                    Icon { id: mark; name: "scale"; size: Theme.body; color: Theme.accent; anchors.verticalCenter: parent.verticalCenter }
                    FitText {
                        width: parent.width - mark.width - parent.spacing
                        height: Theme.unit * 1.3 * Math.min(Theme.textScale, 1.1)
                        text: point.heading
                        font.bold: true
                        color: Theme.accent
                        maximumLineCount: 1
                        verticalAlignment: Text.AlignVCenter
                        Accessible.role: Accessible.Heading
                    }
                }
                FitText {
                    objectName: "lawText"
                    anchors { left: parent.left; right: parent.right; top: head.bottom; bottom: parent.bottom; margins: Theme.unit * 0.5; topMargin: Theme.unit * 0.2; bottomMargin: Theme.unit * 0.3 }
                    text: parent.text
                }
            }
        }
    }
}
