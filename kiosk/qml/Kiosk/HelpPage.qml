pragma ComponentBehavior: Bound

import QtQuick

// Help and report: phone numbers in large type, and every link as a QR code with its address printed under it.
Item {
    id: page
    // Empty until PageHost's Loader hands the page its content (onLoaded): an off-screen page is built in the
    // background and its bindings first run before that; a build cut short (new pack, session closed) prints
    // their errors, so they must have none on an empty page.
    property var content: ({})
    property int pageIndex: -1   // until PageHost says (ScrollPage steers the kiosk only for its own page)
    // The codes' images (a few MB at 1080p) are let go while the page cannot come on screen next (kiosk/core/memory.py)
    readonly property bool keepsPictures: Controller.picturePages.indexOf(pageIndex) >= 0 || visible
    readonly property string summary: {
        var words = [content.intro || ""]
        for (var i = 0; i < phoneCount; i++) words.push(content.phones.get(i).label + ": " + content.phones.get(i).number)
        for (var j = 0; j < linkCount; j++) words.push(content.links.get(j).label)
        return words.join(". ").replace(/^\. /, "")
    }
    // side by side on a landscape screen; one above the other where the page scrolls (larger text)
    readonly property bool landscape: width >= height * 1.1 && scroller.stretch <= 1
    // the height the page is laid out in: its own, or with larger text that does not fit, a taller sheet that
    // scrolls (ScrollPage)
    readonly property real tall: scroller.layoutHeight
    readonly property int phoneCount: content.phones ? content.phones.rowCount() : 0
    readonly property int linkCount: content.links ? content.links.rowCount() : 0

    ScrollPage {
        id: scroller
        anchors.fill: parent
        pageIndex: page.pageIndex
        stretches: true

        FitText {
            id: intro
            objectName: "helpIntro"
            anchors { left: parent.left; right: parent.right; top: parent.top }
            height: Theme.introHeight(text, width, Theme.body, "regular", 3, page.tall * 0.16)
            grows: true
            text: page.content.intro || ""
        }

        Grid {
            id: phones
            objectName: "phones"
            visible: page.phoneCount > 0
            anchors { left: parent.left; top: intro.bottom; topMargin: intro.height > 0 ? Theme.gap : 0 }
            // Beside the codes in landscape; above them in portrait, one number per row.
            readonly property bool beside: page.landscape && page.linkCount > 0 && page.phoneCount > 0
            readonly property real free: page.tall - intro.height - Theme.gap
            // with larger text the numbers need the width more (at 125 % half the page, as at 150 %)
        width: beside ? page.width * Math.min(0.5, 0.36 * Math.pow(Theme.textScale, 1.5)) : page.width
            height: page.phoneCount === 0 ? 0 : (beside || page.linkCount === 0 ? free
                    : Math.min(free * 0.45, page.phoneCount * (rowHeight + spacing)))
            // a row holds three lines of its label beside the number (the number, in figures with wide gaps, takes
            // about half a portrait screen's width)
            readonly property real rowHeight: Math.max(Theme.unit * 4.2, Theme.body * Theme.leading * 3 + Theme.unit * 0.6, largeLabels,
                                                   largeNumber)
        // with larger text: room for the number at a heading's size where it stands above its label (45 % of the tile)
        readonly property real largeNumber: Theme.textScale > 1 ? Math.min(Theme.display, Theme.heading) * 1.3 / 0.45 + Theme.unit * 0.6 : 0
        // with larger text: the longest label's lines at its size beside the number (or under it), so it keeps its size
        readonly property real largeLabels: {
            if (Theme.textScale <= 1) return 0
            var w = width - Math.min(numberWidth, width * (Theme.textScale > 1.5 ? 0.45 : 0.6)) - Theme.unit * 2.3
            var most = 0
            for (var i = 0; i < page.phoneCount; i++) {
                var p = page.content.phones.get(i)
                most = Math.max(most, Theme.blockHeight(p.note ? p.label + ": " + p.note : p.label, w, Theme.body, "regular"))
            }
            return most + Theme.unit * 0.9
        }
            columns: !beside && page.linkCount === 0 && page.landscape ? Math.min(page.phoneCount, 3) : 1
            spacing: Theme.gap
            readonly property int rowsNeeded: Math.ceil(page.phoneCount / Math.max(1, columns))
            readonly property real cellWidth: (width - spacing * (columns - 1)) / Math.max(1, columns)
            readonly property real cellHeight: Math.min(page.landscape ? Theme.unit * 6 : Math.max(Theme.unit * 6, rowHeight), (height - spacing * (rowsNeeded - 1)) / Math.max(1, rowsNeeded))
            readonly property real numberWidth: widest.naturalWidth
            Figures {
                id: widest  // measures only: the longest number at the size a tile sets it
                visible: false
                text: {
                    var longest = ""
                    for (var i = 0; i < page.phoneCount; i++) {
                        var number = page.content.phones.get(i).number
                        if (number.length > longest.length) longest = number
                    }
                    return longest
                }
                Accessible.ignored: true
            }
            Repeater {
                model: page.content.phones
                delegate: Rectangle {
                    id: phoneTile
                    objectName: "phoneTile"
                    readonly property bool scrollBlock: true   // a screenful starts at its top (ScrollPage)
                    required property string label
                    required property string number
                    required property string note
                    // wide and short: the number on the left, the words on the right; otherwise stacked
                    // (with larger text only where the number beside its label keeps a heading's size, else it stands above it)
                readonly property bool sideBySide: width > height * 3.5 && (Theme.textScale <= 1
                    || width * (Theme.textScale > 1.5 ? 0.45 : 0.6) >= phones.numberWidth * Math.min(1, Theme.heading / Theme.display))
                    width: phones.cellWidth
                    height: phones.cellHeight
                    radius: Theme.radius
                    color: Theme.paper
                    border.color: Theme.danger
                    border.width: Theme.unit * 0.1
                    Accessible.role: Accessible.StaticText
                    Accessible.name: label + ": " + number.split("").join(" ") + (note ? ". " + note : "")
                    Figures {
                        id: numberText
                        objectName: "phoneNumber"
                        x: Theme.unit * 0.4
                        y: Theme.unit * 0.3
                        // side by side: as wide as the widest number, so every label starts a clear unit after it
                        // (at 200 % text the words need the room more: the number then shrinks into 45 % of the tile)
                        width: phoneTile.sideBySide ? Math.min(phones.numberWidth, phoneTile.width * (Theme.textScale > 1.5 ? 0.45 : 0.6)) : phoneTile.width - Theme.unit * 0.8
                        height: phoneTile.sideBySide ? phoneTile.height - Theme.unit * 0.6 : (phoneTile.height - Theme.unit * 0.6) * 0.45
                        text: phoneTile.number
                        Accessible.ignored: true
                    }
                    // side by side, a rule in a clear gap keeps the number and its label apart (to the eye, and to a
                    // phone camera, which otherwise reads the label's first letters as more digits)
                    Rectangle {
                        visible: phoneTile.sideBySide
                        x: numberText.x + numberText.width + Theme.unit * 0.75 - width / 2
                        y: Theme.unit * 0.5
                        width: Math.max(1, Theme.unit * 0.08)
                        height: phoneTile.height - Theme.unit
                        color: Theme.danger
                    }
                    FitText {
                        objectName: "phoneLabel"
                        x: phoneTile.sideBySide ? numberText.x + numberText.width + Theme.unit * 1.5 : Theme.unit * 0.4
                        y: phoneTile.sideBySide ? Theme.unit * 0.3 : numberText.y + numberText.height
                        width: phoneTile.width - x - Theme.unit * 0.4
                        height: phoneTile.height - y - Theme.unit * 0.3
                        text: phoneTile.note ? phoneTile.label + ": " + phoneTile.note : phoneTile.label
                        verticalAlignment: Text.AlignVCenter
                        Accessible.ignored: true
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
            // as many columns as fit at 11 units each; four codes go two by two rather than three and one
            // (11 units times the text size: larger text needs the width for a long address's words)
        readonly property int fitting: Math.max(1, Math.min(page.linkCount, Math.floor(width / (Theme.unit * 11 * Theme.textScale))))
            columns: page.linkCount === 4 && fitting === 3 ? 2 : fitting
            spacing: Theme.gap
            readonly property int rowsNeeded: Math.ceil(page.linkCount / Math.max(1, columns))
            readonly property real cellWidth: (width - spacing * (columns - 1)) / Math.max(1, columns)
            readonly property real cellHeight: (height - spacing * (rowsNeeded - 1)) / Math.max(1, rowsNeeded)
            Repeater {
                model: page.content.links
                delegate: Rectangle {
                    id: tile
                    objectName: "linkTile"
                    readonly property bool scrollBlock: true   // a screenful starts at its top (ScrollPage)
                    required property string label
                    required property string url
                    required property string note
                    required property real leastUnits   // the least square its code reads in from 2 m (kiosk/core/qr_reach.py)
                    readonly property string address: url.replace(/^https:\/\//, "").replace(/\/$/, "")
                    // wide tiles: the code on the left, the words beside it; tall tiles: the code under the name
                    readonly property bool wide: width > height * 1.4
                    readonly property real pad: Theme.unit * 0.4
                    // two sizes kept apart so the words' height (which depends on their width) never loops back
                    // with larger text the words beside the code need the width more (the code stays over 1/6 screen)
                    readonly property real sideWide: Math.max(0, Math.min(height - pad * 2, width * 0.5)) * (Theme.textScale > 1 ? 0.85 : 1)
                    readonly property real textWidth: wide ? width - sideWide - pad * 3 : width - pad * 2
                    readonly property real wordsHeight: linkLabel.height + addressText.height + pad
                    readonly property real sideTall: Math.max(0, Math.min(width - pad * 2, height - wordsHeight - pad * 3))
                    // Where the page scrolls (larger text) the code, its name and its address fit one screenful
                    // together (ScrollPage's view, less a little room), so a phone can scan it whole: never a code
                    // cut by a screenful's edge. Where a long address leaves the code less than `codeFloor`, the
                    // code and its name fit one (the address's last lines follow on the next).
                    readonly property real room: scroller.viewHeight - Theme.unit * 0.5 - pad * 2
                    // (the address's lines as laid out, not its box: a stretched tile's box has room for seven)
                    readonly property real fitsAll: wide ? room
                        : room - linkLabel.height - Math.min(addressText.height, addressText.contentHeight) - pad * 2
                    readonly property real fits: !scroller.scrolls ? Infinity
                        : fitsAll >= codeFloor || wide ? fitsAll : room - linkLabel.height - pad
                    // the smallest a phone reads from 2 m (kiosk.core.qr_reach.LEAST_SIDE_UNITS)
                    readonly property real codeFloor: Theme.unit * leastUnits
                    readonly property real side: Math.min(wide ? sideWide : sideTall, Math.max(fits, codeFloor))
                    // the code is what a visitor came for: in a tall tile the words never take more than what leaves it
                    // 45 % of the tile (larger text shrinks the words first, down to the smallest size)
                    readonly property real codeMin: Math.max(Theme.unit * 3, Math.min(width - pad * 2, (height - pad * 3) * 0.45))
                    width: links.cellWidth
                    height: links.cellHeight
                    radius: Theme.radius
                    color: Theme.paper
                    Accessible.role: Accessible.Link
                    Accessible.name: label
                    Accessible.description: qsTr("QR code for %1").arg(address)
                    Image {
                        id: code
                        objectName: "qr"
                        property string link: tile.url
                        readonly property bool loading: status === Image.Loading
                        x: tile.wide ? tile.pad : (tile.width - width) / 2
                        // in a wide tile taller than what it holds, where the page scrolls, at its top (one screenful)
                        y: tile.wide ? (scroller.scrolls ? tile.pad : (tile.height - height) / 2) : linkLabel.y + linkLabel.height + tile.pad
                        source: tile.side > 0 && page.keepsPictures ? "image://qr/" + encodeURIComponent(tile.url) : ""
                        sourceSize.width: Math.round(tile.side)
                        sourceSize.height: Math.round(tile.side)
                        // the provider returns whole pixels per module at or under `side`; never let it overflow the tile
                        width: Math.min(implicitWidth, tile.side)
                        height: width
                        smooth: false
                        mipmap: false
                        cache: true
                        // Made on the GUI thread (0.5 ms a code): in Qt's loading thread the Python provider could
                        // deadlock, waiting for the interpreter while the GUI thread waits for the loader.
                        asynchronous: false
                        Accessible.ignored: true
                    }
                    FitText {
                        id: linkLabel
                        x: tile.wide ? tile.side + tile.pad * 2 : tile.pad
                        y: tile.wide ? (scroller.scrolls ? tile.pad + Math.max(0, (tile.side - tile.wordsHeight) / 2)
                                                         : (tile.height - tile.wordsHeight) / 2) : tile.pad
                        width: tile.textWidth
                        // with larger text the name gives back size before the address under it has to
                        height: Math.min(Theme.textHeight(text, width, Theme.body, 2), (tile.height - tile.pad * 3) * 0.3,
                                         Math.max(Theme.textHeight(text, width, Theme.unit, 2),
                                                  tile.height - tile.pad * 3 - Theme.textHeight(tile.address, width, Theme.unit, 7)))
                        text: tile.label
                        font.bold: true
                        color: Theme.accent
                        horizontalAlignment: tile.wide ? Text.AlignLeft : Text.AlignHCenter
                        Accessible.ignored: true
                    }
                    FitText {
                        id: addressText
                        objectName: "linkAddress"
                        x: linkLabel.x
                        // where the page scrolls, right under the code: the three are seen together
                        y: tile.wide ? linkLabel.y + linkLabel.height + tile.pad
                           : scroller.scrolls ? code.y + code.height + tile.pad : tile.height - height - tile.pad
                        width: tile.textWidth
                        // with larger text the room its lines take at their size (wrapped at its slashes), not an estimate
                    height: Math.min(Math.max(Theme.textHeight(tile.address, width, Theme.caption, 7),
                                              Theme.textScale > 1 ? Theme.blockHeight(tile.address.replace(/\//g, "/ "), width, Theme.caption, "regular") : 0),
                                         tile.height - tile.pad * 3 - linkLabel.height - (tile.wide ? 0 : tile.codeMin))
                        text: tile.address.replace(/\//g, "/\u200b")
                        preferred: Theme.caption
                        horizontalAlignment: tile.wide ? Text.AlignLeft : Text.AlignHCenter
                        wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                        Accessible.ignored: true
                    }
                }
            }
        }
    }
}
