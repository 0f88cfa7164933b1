pragma ComponentBehavior: Bound

import QtQuick

// What the law says: an intro and a few plain statements as cards. On a foyer screen the cards are as tall as
// their words and the words as large as the page allows (Theme.fitCards), in the number of columns that sets
// them largest; on a projector (words do not grow there) the cards share the page as they always have.
// With larger text, where the cards do not fit one screen at the size the reader chose, they keep that size and
// the page scrolls (ScrollPage): a screenful at a time by Next, the clicker or the loop, freely by a finger.
Item {
    id: page
    // Empty until PageHost's Loader hands the page its content (onLoaded): an off-screen page is built in the
    // background and its bindings first run before that; a build cut short (new pack, session closed) prints
    // their errors, so they must have none on an empty page.
    property var content: ({})
    property int pageIndex: -1   // until PageHost says (ScrollPage steers the kiosk only for its own page)
    readonly property string summary: {
        var words = [content.intro || ""]
        for (var i = 0; i < count; i++) words.push(content.points.get(i).heading + ": " + content.points.get(i).text)
        return words.join(" ").trim()
    }
    readonly property bool landscape: width >= height * 1.1
    readonly property int count: content.points ? content.points.rowCount() : 0
    readonly property var texts: {
        var t = []
        for (var i = 0; i < count; i++) t.push(content.points.get(i).text)
        return t
    }
    readonly property real pad: Theme.unit * 0.5
    readonly property real room: height - introHeight - (introHeight > 0 ? Theme.gap : 0)
    // with larger text the intro has the room its words need at their size (tests/ui/test_text_size.py)
    readonly property real introHeight: Math.max(Theme.introHeight(intro.text, width, Theme.body, "bold", 4, page.height * 0.16),
                                                 Theme.textScale > 1 ? scrollIntroHeight : 0)
    // a card around its words: margins above, between heading and words, below; and the heading's line
    readonly property real perCard: Theme.unit * (Theme.scale.grow > 1 ? 1.2 : 1.05)   // a little slack where room allows
    readonly property real perSize: Math.max(Theme.headingLeading, Theme.naturalLeading("bold")) * 1.1
    function textWidth(cols) { return (width - Theme.gap * (cols - 1)) / cols - pad * 2 }
    // the 100 % size: larger text gives back size down to it rather than cut words off
    readonly property real minSize: Theme.body / Theme.textScale
    function fitsAt(cols) {
        return Theme.cardsHeight(texts, cols, textWidth(cols), minSize, "regular", Theme.leading, perCard, perSize, Theme.gap) <= room
    }
    readonly property int evenColumns: count === 4 && landscape ? 2
        : Math.max(1, Math.min(count, Math.floor(width / (Theme.unit * 15))))
    // {columns, size, hug}: hug = cards as tall as their words (on a projector only with larger text, which
    // needs every line the cards can spare)
    // Larger text that does not fit one screen at its size in any number of columns: the cards keep the size and
    // the page scrolls, in as many columns as still hold a paragraph's line (the type scale's measure), else one.
    readonly property bool scrolls: Theme.textScale > 1 && count > 0 && width > 0 && room > 0 && !fitsFull
    readonly property bool fitsFull: {
        for (var c = 1; c <= Math.min(count, 3); c++)
            if (Theme.cardsHeight(texts, c, textWidth(c), Theme.body, "regular", Theme.leading, perCard, perSize, Theme.gap) <= room)
                return true
        return false
    }
    readonly property int scrollColumns: {
        var perChar = Theme.body * Theme.metrics("regular").advanceWidth(Theme.sample) / Theme.sample.length / 100
        var c = Math.min(count, 3)
        while (c > 1 && textWidth(c) < Theme.scale.measure[0] * perChar) c--
        return c
    }
    // the scrolling page: the intro at its size, then the cards, each as tall as its words
    readonly property real scrollIntroHeight: intro.text === "" ? 0 : Theme.blockHeight(intro.text, width, Theme.body, "bold") + Theme.body * 0.2
    readonly property real scrollHeight: scrollIntroHeight + (scrollIntroHeight > 0 ? Theme.gap : 0)
        + Theme.cardsHeight(texts, scrollColumns, textWidth(scrollColumns), Theme.body, "regular", Theme.leading, perCard, perSize, Theme.gap)
    readonly property var rowTops: {
        var out = []
        var y = scrollIntroHeight + (scrollIntroHeight > 0 ? Theme.gap : 0)
        for (var r = 0; r < rows; r++) { out.push(y); y += rowHeight(r) + Theme.gap }
        return out
    }
    readonly property var layout: {
        if (scrolls) return { columns: scrollColumns, size: Theme.body, hug: true }
        if ((Theme.scale.grow <= 1 && Theme.textScale <= 1) || count === 0 || width <= 0 || room <= 0)
            return { columns: evenColumns, size: Theme.body, hug: false }
        var best = null
        for (var c = 1; c <= Math.min(count, 3); c++) {
            if (!fitsAt(c)) continue
            var s = Theme.fitCards(texts, c, textWidth(c), room, Theme.body, "regular", Theme.leading, perCard, perSize, Theme.gap, minSize)
            if (!best || s > best.size + 0.5) best = { columns: c, size: s }
        }
        return best ? { columns: best.columns, size: best.size, hug: true } : { columns: evenColumns, size: Theme.body, hug: false }
    }
    readonly property int columns: layout.columns
    readonly property int rows: Math.ceil(count / Math.max(1, columns))
    function rowHeight(n) {
        var tallest = 0
        for (var c = 0; c < columns && n * columns + c < count; c++)
            tallest = Math.max(tallest, Theme.blockHeight(texts[n * columns + c], textWidth(columns), layout.size, "regular"))
        return tallest + perCard + perSize * layout.size
    }

    ScrollPage {
        id: scroller
        anchors.fill: parent
        pageIndex: page.pageIndex
        sheetHeight: page.scrolls ? page.scrollHeight : height
        tops: page.scrolls ? page.rowTops : []

        FitText {
            id: intro
            objectName: "lawIntro"
            anchors { left: parent.left; right: parent.right; top: parent.top }
            height: page.scrolls ? page.scrollIntroHeight : page.introHeight
            text: page.content.intro || ""
            font.bold: true
            grows: !page.scrolls
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
                    readonly property bool scrollBlock: true   // a screenful starts at its top (ScrollPage: tops)
                    required property int index
                    required property string heading
                    required property string text
                    width: grid.cellWidth
                    height: page.layout.hug ? page.rowHeight(Math.floor(index / page.columns)) : grid.cellHeight
                    radius: Theme.radius
                    color: Theme.paper
                    border.color: "#c9d0db"
                    border.width: Math.max(1, Theme.unit * 0.05)
                    Accessible.role: Accessible.Grouping
                    Accessible.name: heading
                    Row {
                        id: head
                        anchors { left: parent.left; right: parent.right; top: parent.top; margins: page.pad }
                        spacing: Theme.unit * 0.4
                        Icon { id: mark; name: "scale"; size: headText.font.pixelSize; color: Theme.accent; anchors.verticalCenter: parent.verticalCenter }
                        FitText {
                            id: headText
                            objectName: "lawHeading"
                            width: parent.width - mark.width - parent.spacing
                            height: page.layout.hug ? page.layout.size * page.perSize : Theme.unit * 1.3 * Math.min(Theme.textScale, 1.1)
                            text: point.heading
                            preferred: page.layout.size
                            font.bold: true
                            color: Theme.accent
                            maximumLineCount: 1
                            verticalAlignment: Text.AlignVCenter
                            Accessible.role: Accessible.Heading
                        }
                    }
                    FitText {
                        objectName: "lawText"
                        anchors { left: parent.left; right: parent.right; top: head.bottom; bottom: parent.bottom; margins: page.pad; topMargin: Theme.unit * 0.2; bottomMargin: Theme.unit * 0.3 }
                        text: parent.text
                        preferred: page.layout.size
                        verticalAlignment: Text.AlignTop
                    }
                }
            }
        }
    }
}
