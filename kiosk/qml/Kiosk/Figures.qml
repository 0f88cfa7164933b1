import QtQuick

// A number a person must copy off the screen (a phone number, a short code): bold open-zero figures on one
// line, shrunk to fit rather than wrapped, with the gaps between its groups widened so that neither an eye nor
// a phone camera's text recognition runs two groups together ("711 777" read as "711777"). Every number a
// person dials is set with this; digits in page text (FitText) get the same figures from Theme.figureFont.
FitText {
    id: figures
    // the widest the number is at its preferred size, gaps included: what a layout leaves for it
    readonly property real naturalWidth: metrics.advanceWidth
    preferred: Theme.display
    font.family: Theme.figureFont
    font.bold: true
    font.wordSpacing: preferred * 0.12
    color: Theme.danger
    maximumLineCount: 1
    verticalAlignment: Text.AlignVCenter
    // a screen reader says the digits one by one ("0 8 0 0"), never "eight hundred"
    Accessible.name: text.replace(/(\d)(?=\d)/g, "$1 ")

    TextMetrics {
        id: metrics
        font.family: figures.font.family
        font.bold: true
        font.pixelSize: figures.preferred
        font.wordSpacing: figures.font.wordSpacing
        text: figures.text
    }
}
