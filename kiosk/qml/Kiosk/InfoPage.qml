import QtQuick

// Paragraphs and, if the pack has one, a quote with who said it.
Item {
    id: page
    // Empty until PageHost's Loader hands the page its content (onLoaded): an off-screen page is built in the
    // background and its bindings first run before that; a build cut short (new pack, session closed) prints
    // their errors, so they must have none on an empty page.
    property var content: ({})
    property int pageIndex: -1   // until PageHost says (ScrollPage steers the kiosk only for its own page)
    // the quote beside the paragraphs on a landscape screen; under them where the page scrolls (larger text)
    readonly property bool landscape: width >= height * 1.1 && scroller.stretch <= 1
    // the height the page is laid out in: its own, or with larger text that does not fit, a taller sheet that
    // scrolls (ScrollPage)
    readonly property real tall: scroller.layoutHeight
    readonly property bool hasQuote: (content.quote || "") !== ""
    readonly property string summary: (content.body || []).join(" ")

    // On a foyer screen (words grow there) the quote's box is as tall as its words, and the paragraphs take the
    // rest; on a projector the two share the page as they always have.
    readonly property bool hug: Theme.scale.grow > 1 && hasQuote
    // Where the page scrolls (larger text) the quote's box is as tall as its words too, so who said it follows
    // the quote's last line rather than a screenful of the box's empty room (ScrollPage steps over room under it).
    readonly property bool quoteHugs: hug || (hasQuote && scroller.stretch > 1)
    readonly property string quoteText: "\u201c" + (content.quote || "") + "\u201d"
    readonly property string byText: content.quote_by ? "\u2014 " + content.quote_by : ""
    readonly property real quotePad: Theme.unit * 0.7
    readonly property real quoteWidth: (landscape ? width * 0.4 - Theme.unit / 2 : width) - quotePad * 2
    readonly property real quoteRoom: landscape ? tall : tall * 0.38
    readonly property real quoteSize: Theme.fit(quoteText, quoteWidth, quoteRoom - byHeight - quotePad * 3,
                                                Theme.large, "italic")
    readonly property real byHeight: byText === "" ? 0
        : Theme.blockHeight(byText, quoteWidth, Theme.caption, "bold") + Theme.caption * 0.3
    readonly property real quoteHeight: Math.min(quoteRoom,
        Theme.blockHeight(quoteText, quoteWidth, quoteSize, "italic") + byHeight + quotePad * 3)

    // Portrait, with a quote: the paragraphs' box ends under their last line, the quote follows, and the room
    // left over stays below it.
    readonly property string bodyText: (content.body || []).join("\n\n")
    readonly property real bodyRoom: tall - (hug ? quoteHeight : tall * 0.38) - Theme.gap
    readonly property real bodySize: Theme.fit(bodyText, width, bodyRoom, Theme.large, "regular")
    readonly property bool bodyHugs: hug && !landscape

    ScrollPage {
        id: scroller
        anchors.fill: parent
        pageIndex: page.pageIndex
        stretches: true

        FitText {
            id: body
            objectName: "infoBody"
            readonly property bool scrollBlock: true   // a screenful starts at its top (ScrollPage)
            anchors { left: parent.left; top: parent.top }
            width: page.landscape && page.hasQuote ? page.width * 0.6 - Theme.unit / 2 : page.width
            height: page.landscape || !page.hasQuote ? page.tall
                : page.bodyHugs ? Math.min(page.bodyRoom, Theme.blockHeight(page.bodyText, width, page.bodySize, "regular"))
                : page.bodyRoom
            text: page.bodyText
            preferred: page.bodyHugs ? page.bodySize : Theme.large
            grows: !page.bodyHugs
            verticalAlignment: Text.AlignTop
        }

        Rectangle {
            id: quoteBox
            readonly property bool scrollBlock: true   // a screenful starts at its top (ScrollPage)
            visible: page.hasQuote
            anchors {
                left: page.landscape ? body.right : parent.left
                leftMargin: page.landscape ? Theme.unit : 0
                right: parent.right
                top: page.landscape ? parent.top : body.bottom
                topMargin: page.landscape ? 0 : Theme.gap
            }
            height: page.quoteHugs ? page.quoteHeight : page.tall - (page.landscape ? 0 : body.height + Theme.gap)
            radius: Theme.radius
            color: Theme.paper
            border.color: Theme.accent
            border.width: Theme.unit * 0.12
            FitText {
                id: quote
                objectName: "infoQuote"
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: page.quotePad }
                height: parent.height - by.height - page.quotePad * (page.quoteHugs ? 2.5 : 1.6 / 0.7)
                text: page.quoteText
                preferred: page.quoteHugs ? page.quoteSize : Theme.large
                font.italic: true
                verticalAlignment: Text.AlignTop
            }
            FitText {
                id: by
                objectName: "infoQuoteBy"
                anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: page.quotePad }
                height: text === "" ? 0 : page.quoteHugs ? page.byHeight : Theme.caption * 2.9
                text: page.byText
                preferred: Theme.caption
                color: Theme.inkSoft
                font.bold: true
            }
        }
    }
}
