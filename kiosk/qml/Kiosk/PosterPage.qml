import QtQuick

// A poster: one strong image, the headline, one call to action. Side by side in landscape, stacked in portrait.
Item {
    id: page
    property var content
    property int pageIndex
    readonly property bool landscape: width >= height * 1.1

    PackImage {
        id: art
        objectName: "posterImage"
        source: page.content.image
        alt: page.content.image_alt
        width: page.landscape ? Math.min(page.height, page.width * 0.48) : page.width
        height: page.landscape ? page.height : Math.min(page.width, page.height * 0.5)
        anchors.left: parent.left
        anchors.top: parent.top
    }

    Column {
        id: words
        anchors {
            left: page.landscape ? art.right : parent.left
            leftMargin: page.landscape ? Theme.unit : 0
            right: parent.right
            top: page.landscape ? parent.top : art.bottom
            topMargin: page.landscape ? 0 : Theme.gap
            bottom: parent.bottom
        }
        spacing: Theme.gap
        readonly property real free: height - cta.height - attribution.height - spacing * 3

        FitText {
            id: subtitle
            objectName: "posterSubtitle"
            width: parent.width
            height: words.free
            text: page.content.subtitle
            preferred: Theme.display * 0.75
            font.bold: true
            verticalAlignment: page.landscape ? Text.AlignVCenter : Text.AlignTop
        }
        Rectangle {
            id: cta
            objectName: "callToAction"
            visible: page.content.call_to_action !== ""
            width: Math.min(parent.width, ctaText.implicitWidth + Theme.unit * 2)
            height: visible ? Math.max(Theme.target, ctaText.height + Theme.unit) : 0
            radius: Theme.radius
            color: Theme.danger
            FitText {
                id: ctaText
                anchors.centerIn: parent
                width: Math.min(implicitWidth, words.width - Theme.unit * 2)
                height: Theme.large * 2.6
                text: page.content.call_to_action
                preferred: Theme.large
                font.bold: true
                color: Theme.paper
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
        }
        FitText {
            id: attribution
            width: parent.width
            height: text === "" ? 0 : Theme.body * 2.4
            text: page.content.attribution
            color: Theme.inkSoft
            verticalAlignment: Text.AlignVCenter
        }
    }
}
