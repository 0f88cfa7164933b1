import QtQuick

// A poster: a strong headline, one image, one call to action, the help route. Image beside the words in
// landscape; headline, image, words stacked in portrait.
Item {
    id: page
    // Empty until PageHost's Loader hands the page its content (onLoaded): an off-screen page is built in the
    // background and its bindings first run before that; a build cut short (new pack, session closed) prints
    // their errors, so they must have none on an empty page.
    property var content: ({})
    property int pageIndex: -1   // until PageHost says (ScrollPage steers the kiosk only for its own page)
    property string title
    // side by side on a landscape screen; one above the other where the page scrolls (larger text)
    readonly property bool landscape: width >= height * 1.1 && scroller.stretch <= 1
    // the height the page is laid out in: its own, or with larger text that does not fit, a taller sheet that
    // scrolls (ScrollPage)
    readonly property real tall: scroller.layoutHeight
    readonly property string summary: [content.subtitle || "", content.attribution || ""].join(" ").trim()

    ScrollPage {
        id: scroller
        anchors.fill: parent
        pageIndex: page.pageIndex
        stretches: true

        Rectangle {
            // the poster's own colour field behind the words
            anchors.fill: parent
            radius: Theme.radius
            color: Theme.paper
        }

        PackImage {
            id: art
            objectName: "posterImage"
            source: page.content.image || ""
            keep: Controller.picturePages.indexOf(page.pageIndex) >= 0
            alt: page.content.image_alt || ""
            anchors { left: parent.left; top: page.landscape ? parent.top : headline.bottom; margins: Theme.unit * 0.5 }
            width: page.landscape ? Math.min(page.height - Theme.unit, page.width * 0.46) : page.width - Theme.unit
            // the screen's height, not the sheet's: on a page that scrolls the picture stays a share of one screen
            height: page.landscape ? page.height - Theme.unit : Math.min(width, page.height * 0.42)
        }

        FitText {
            id: headline
            objectName: "posterHeadline"
            anchors {
                left: page.landscape ? art.right : parent.left
                right: parent.right
                top: parent.top
                margins: Theme.unit * 0.8
            }
            // larger text takes its room from the headline, which is large anyway, before the words below it
            height: (page.landscape ? page.tall * 0.36 : page.tall * 0.2) * (1 - (Theme.textScale - 1) * 0.25)
            text: page.title
            preferred: Theme.headline
            // with larger text the face's own line height (Qt's fitting to a box reckons without the leading)
            leading: Theme.textScale > 1 ? 0 : Theme.leading
            font.bold: true
            color: Theme.accent
            verticalAlignment: Text.AlignVCenter
            Accessible.role: Accessible.Heading
        }

        FitText {
            id: subtitle
            objectName: "posterSubtitle"
            anchors {
                left: headline.left
                right: headline.right
                top: page.landscape ? headline.bottom : art.bottom
                topMargin: Theme.gap
                bottom: cta.top
                bottomMargin: Theme.gap
            }
            text: page.content.subtitle || ""
            preferred: Theme.heading
            grows: true
            verticalAlignment: Text.AlignTop
        }

        Rectangle {
            id: cta
            objectName: "callToAction"
            readonly property bool wholeBox: true   // a screenful shows the button or none of it (ScrollPage)
            // a tap target needs a plan page to lead to, and a finger: not on an assembly's projected page
            readonly property bool shows: (page.content.call_to_action || "") !== "" && Controller.hasPlanPage && Controller.runMode !== "assembly"
            visible: shows
            anchors { left: headline.left; bottom: attribution.top; bottomMargin: Theme.gap }
            width: Math.min(headline.width, ctaText.implicitWidth + Theme.unit * 2)
            // two lines of words where larger text needs them (one at 100 %: the height it always had)
            // not `visible`: a page drawn ahead is laid out unseen (PageHost.qml)
            height: shows ? Math.max(Theme.target * 1.2, Theme.lines(ctaText.text, headline.width - Theme.unit * 2, Theme.large, "bold")
                                       * Theme.linePx(Theme.large, "bold", Theme.naturalLeading("bold")) + Theme.unit * 0.6) : 0
            radius: Theme.radius
            color: Theme.danger
            activeFocusOnTab: true
            Accessible.role: Accessible.Button
            Accessible.name: ctaText.text
            Accessible.description: qsTr("Opens the page where you make your plan")
            Accessible.onPressAction: Controller.goToKind("plan")
            Keys.onReturnPressed: Controller.goToKind("plan")
            Keys.onSpacePressed: Controller.goToKind("plan")
            Keys.onEnterPressed: Controller.goToKind("plan")
            MouseArea { anchors.fill: parent; onClicked: Controller.goToKind("plan") }
            FocusRing {}
            FitText {
                id: ctaText
                Accessible.ignored: true
                anchors { fill: parent; leftMargin: Theme.unit; rightMargin: Theme.unit }
                text: page.content.call_to_action || ""
                preferred: Theme.large
                font.bold: true
                color: Theme.paper
                maximumLineCount: 2
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
        }

        FitText {
            id: attribution
            anchors { left: headline.left; right: headline.right; bottom: parent.bottom; bottomMargin: Theme.unit * 0.5 }
            height: Theme.textHeight(text, width, Theme.caption, 2)
            text: page.content.attribution || ""
            preferred: Theme.caption
            color: Theme.inkSoft
            verticalAlignment: Text.AlignVCenter
        }
    }
}
