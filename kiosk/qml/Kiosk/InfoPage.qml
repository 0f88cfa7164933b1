import QtQuick

// Paragraphs and, if the pack has one, a quote with who said it.
Item {
    id: page
    // Empty until PageHost's Loader hands the page its content (onLoaded): an off-screen page is built in the
    // background and its bindings first run before that; a build cut short (new pack, session closed) prints
    // their errors, so they must have none on an empty page.
    property var content: ({})
    property int pageIndex
    readonly property bool landscape: width >= height * 1.1
    readonly property bool hasQuote: (content.quote || "") !== ""
    readonly property string summary: (content.body || []).join(" ")

    FitText {
        id: body
        objectName: "infoBody"
        anchors { left: parent.left; top: parent.top }
        width: page.landscape && page.hasQuote ? page.width * 0.6 - Theme.unit / 2 : page.width
        height: page.landscape || !page.hasQuote ? page.height : page.height * 0.62 - Theme.gap
        text: (page.content.body || []).join("\n\n")
        preferred: Theme.large
    }

    Rectangle {
        id: quoteBox
        visible: page.hasQuote
        anchors {
            left: page.landscape ? body.right : parent.left
            leftMargin: page.landscape ? Theme.unit : 0
            right: parent.right
            top: page.landscape ? parent.top : body.bottom
            topMargin: page.landscape ? 0 : Theme.gap
            bottom: parent.bottom
        }
        radius: Theme.radius
        color: Theme.paper
        border.color: Theme.accent
        border.width: Theme.unit * 0.12
        FitText {
            id: quote
            objectName: "infoQuote"
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.unit * 0.7 }
            height: parent.height - by.height - Theme.unit * 1.6
            text: "\u201c" + (page.content.quote || "") + "\u201d"
            preferred: Theme.large
            font.italic: true
        }
        FitText {
            id: by
            objectName: "infoQuoteBy"
            anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: Theme.unit * 0.7 }
            height: text === "" ? 0 : Theme.body * 2.9
            text: page.content.quote_by ? "\u2014 " + page.content.quote_by : ""
            color: Theme.inkSoft
            font.bold: true
        }
    }
}
