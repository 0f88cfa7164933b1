import QtQuick

// Text that wraps and shrinks to its box, but never below the body minimum. If it still does not fit it
// elides, and `truncated` tells the tests (and the log) that a pack's text is too long for the layout.
Text {
    property real preferred: Theme.body
    font.family: Theme.bodyFont
    font.pixelSize: preferred
    minimumPixelSize: Math.min(preferred, Theme.body)
    fontSizeMode: Text.Fit
    wrapMode: Text.WordWrap
    elide: Text.ElideRight
    color: Theme.ink
    textFormat: Text.PlainText
    lineHeight: 1.1
    Accessible.role: Accessible.StaticText
    Accessible.name: text
}
