import QtQuick

// Text that wraps and shrinks to its box, but never below the body minimum. If it still does not fit it
// elides, and `truncated` tells the tests (and the log) that a pack's text is too long for the layout.
Text {
    property real preferred: Theme.body
    font.family: Theme.bodyFont
    font.pixelSize: preferred
    minimumPixelSize: Math.min(preferred, Theme.body)
    // Fit needs a real box; while a layout is still settling (zero or negative size) keep the set size.
    fontSizeMode: width > 0 && height > 0 ? Text.Fit : Text.FixedSize
    // One-line text (a phone number, a heading) shrinks to fit instead of wrapping into an elided second line.
    wrapMode: maximumLineCount === 1 ? Text.NoWrap : Text.WordWrap
    elide: Text.ElideRight
    color: Theme.ink
    textFormat: Text.PlainText
    Accessible.role: Accessible.StaticText
    Accessible.name: text
}
