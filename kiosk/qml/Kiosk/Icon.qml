import QtQuick

// A Font Awesome glyph: vector, sharp at any size. Decorative: the control around it carries the name.
Text {
    property string name
    property real size: Theme.body
    // Arrows point the way the page turns: in a right-to-left language "back" points right.
    readonly property var mirrored: ({ back: "next", next: "back", more: "more-rtl" })
    text: Icons.glyphs[Application.layoutDirection === Qt.RightToLeft ? (mirrored[name] || name) : name] || ""
    font.family: Theme.iconFont
    font.pixelSize: size
    color: Theme.ink
    horizontalAlignment: Text.AlignHCenter
    verticalAlignment: Text.AlignVCenter
    Accessible.ignored: true
}
