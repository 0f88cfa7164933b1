import QtQuick

// Text that wraps and shrinks to its box, but never below the body minimum. If it still does not fit it
// elides, and `truncated` tells the tests (and the log) that a pack's text is too long for the layout.
// With larger text (125%, 150%) it is set larger wherever the box allows; where a box cannot hold it, it gives
// back size down to the 100% minimum rather than cut words off.
// With `grows`, a page's words are set larger than `preferred` where the box has room, up to the type scale's
// ceiling for this screen (Theme.ceiling: never a line shorter than the measure), so a tall screen's box is
// filled by its words rather than left blank. Line height is the type scale's (`leading`, in em).
Text {
    property real preferred: Theme.body
    property bool grows: false
    property int minChars: 0   // fewest letters a line may hold as it grows (0: the type scale's measure)
    property real leading: maximumLineCount === 1 ? Theme.headingLeading : Theme.leading
    // Which of Theme's metrics measure it, read once: a binding on `font` would loop through font.pixelSize.
    property string face: "regular"
    Component.onCompleted: face = font.family === Theme.comicFont ? "comic" : font.bold ? "bold" : font.italic ? "italic" : "regular"
    font.family: Theme.figureFont  // Atkinson Hyperlegible with open-zero digits: page text may hold a phone number
    font.pixelSize: grows ? Theme.ceiling(preferred, width, face, minChars) : preferred
    lineHeightMode: Text.ProportionalHeight
    lineHeight: maximumLineCount === 1 ? 1 : Theme.lineHeightFor(face, leading)
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
