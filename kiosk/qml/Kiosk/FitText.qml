import QtQuick

// Text that wraps and shrinks to its box, but never below the body minimum. If it still does not fit it
// elides, and `truncated` tells the tests (and the log) that a pack's text is too long for the layout.
// With larger text (125%, 150%) it is set larger wherever the box allows; where a box cannot hold it, it gives
// back size down to the 100% minimum rather than cut words off.
Text {
    property real preferred: Theme.body
    font.family: Theme.figureFont  // Atkinson Hyperlegible with open-zero digits: page text may hold a phone number
    font.pixelSize: preferred
    minimumPixelSize: Math.min(preferred, Theme.unit)
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
