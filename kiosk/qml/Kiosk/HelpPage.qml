import QtQuick

// Help and report: phone numbers in large type, and every link as a QR code with its address printed under it.
Item {
    id: page
    property var content
    property int pageIndex
    readonly property bool landscape: width >= height * 1.1
    readonly property int phoneCount: content.phones ? content.phones.rowCount() : 0
    readonly property int linkCount: content.links ? content.links.rowCount() : 0

    FitText {
        id: intro
        objectName: "helpIntro"
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: text === "" ? 0 : Theme.body * 2.4
        text: page.content.intro || ""
    }

    Grid {
        id: phones
        objectName: "phones"
        visible: page.phoneCount > 0
        anchors { left: parent.left; top: intro.bottom; topMargin: intro.height > 0 ? Theme.gap : 0 }
        readonly property bool beside: page.landscape && page.linkCount > 0
        width: page.linkCount === 0 ? page.width : (beside ? page.width * 0.36 : page.width)
        height: page.phoneCount === 0 ? 0 : (page.linkCount === 0 ? page.height - intro.height - Theme.gap
                : (beside ? page.height - intro.height - Theme.gap : Math.min(page.height * 0.3, Theme.unit * 4.2 * Math.ceil(page.phoneCount / columns))))
        columns: beside ? 1 : Math.min(page.phoneCount, page.linkCount === 0 && !page.landscape ? 1 : 3)
        spacing: Theme.gap
        readonly property int rowsNeeded: Math.ceil(page.phoneCount / Math.max(1, columns))
        readonly property real cellWidth: (width - spacing * (columns - 1)) / Math.max(1, columns)
        readonly property real cellHeight: Math.min(Theme.unit * 6, (height - spacing * (rowsNeeded - 1)) / Math.max(1, rowsNeeded))
        Repeater {
            model: page.content.phones
            delegate: Rectangle {
                required property string label
                required property string number
                required property string note
                width: phones.cellWidth
                height: phones.cellHeight
                radius: Theme.radius
                color: Theme.paper
                border.color: Theme.danger
                border.width: Theme.unit * 0.1
                Accessible.role: Accessible.StaticText
                Accessible.name: label + ": " + number.split("").join(" ") + (note ? ". " + note : "")
                Column {
                    anchors { fill: parent; margins: Theme.unit * 0.4 }
                    FitText {
                        objectName: "phoneNumber"
                        width: parent.width
                        height: parent.height * 0.5
                        text: number
                        preferred: Theme.display
                        font.bold: true
                        color: Theme.danger
                        maximumLineCount: 1
                        verticalAlignment: Text.AlignVCenter
                        Accessible.ignored: true
                    }
                    FitText {
                        width: parent.width
                        height: parent.height * 0.5
                        text: note ? label + ": " + note : label
                        maximumLineCount: 2
                        Accessible.ignored: true
                    }
                }
            }
        }
    }

    Grid {
        id: links
        objectName: "links"
        visible: page.linkCount > 0
        anchors {
            left: phones.beside ? phones.right : parent.left
            leftMargin: phones.beside ? Theme.unit : 0
            right: parent.right
            top: phones.beside || page.phoneCount === 0 ? intro.bottom : phones.bottom
            topMargin: Theme.gap
            bottom: parent.bottom
        }
        columns: page.landscape ? Math.min(page.linkCount, phones.beside ? 2 : 4) : Math.min(page.linkCount, 2)
        spacing: Theme.gap
        readonly property int rowsNeeded: Math.ceil(page.linkCount / Math.max(1, columns))
        readonly property real cellWidth: (width - spacing * (columns - 1)) / Math.max(1, columns)
        readonly property real cellHeight: (height - spacing * (rowsNeeded - 1)) / Math.max(1, rowsNeeded)
        Repeater {
            model: page.content.links
            delegate: Rectangle {
                id: tile
                required property string label
                required property string url
                required property string note
                readonly property string address: url.replace(/^https:\/\//, "").replace(/\/$/, "")
                width: links.cellWidth
                height: links.cellHeight
                radius: Theme.radius
                color: Theme.paper
                Accessible.role: Accessible.Link
                Accessible.name: label
                Accessible.description: qsTr("QR code for %1").arg(address)
                FitText {
                    id: linkLabel
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.unit * 0.4 }
                    height: Theme.body * 1.3
                    text: tile.label
                    font.bold: true
                    color: Theme.accent
                    maximumLineCount: 1
                    horizontalAlignment: Text.AlignHCenter
                    Accessible.ignored: true
                }
                Image {
                    id: code
                    objectName: "qr"
                    property string link: tile.url
                    readonly property bool loading: status === Image.Loading
                    readonly property real side: Math.max(0, Math.min(tile.width - Theme.unit * 0.8, tile.height - linkLabel.height - addressText.height - Theme.unit * 1.6))
                    anchors { horizontalCenter: parent.horizontalCenter; top: linkLabel.bottom; topMargin: Theme.unit * 0.3 }
                    source: side > 0 ? "image://qr/" + encodeURIComponent(tile.url) : ""
                    sourceSize.width: Math.round(side)
                    sourceSize.height: Math.round(side)
                    smooth: false
                    mipmap: false
                    cache: true
                    Accessible.ignored: true
                }
                FitText {
                    id: addressText
                    objectName: "linkAddress"
                    anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: Theme.unit * 0.4 }
                    height: Theme.body * (tile.address.length > 40 ? 3.4 : 2.3)
                    text: tile.address.replace(/\//g, "/\u200b")
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                    wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                    Accessible.ignored: true
                }
            }
        }
    }
}
