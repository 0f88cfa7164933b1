import QtQuick

// A Font Awesome glyph: vector, sharp at any size. Decorative: the control around it carries the name.
Text {
    property string name
    property real size: Theme.body
    text: icons[name] || ""
    font.family: Theme.iconFont
    font.pixelSize: size
    color: Theme.ink
    horizontalAlignment: Text.AlignHCenter
    verticalAlignment: Text.AlignVCenter
    Accessible.ignored: true
}
