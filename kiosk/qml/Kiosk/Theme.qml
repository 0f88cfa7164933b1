pragma Singleton
import QtQuick

// Sizes follow the screen: `unit` is 1/30 of the shorter side, the smallest body text allowed, so a page
// reads the same from the back of a hall on a 1024x768 projector and on a 4K screen.
QtObject {
    property real unit: 36
    property real textScale: 1.0
    property bool highContrast: false
    property color packAccent: "#1d4e89"
    readonly property color accent: highContrast ? "#000000" : packAccent

    readonly property real body: unit * textScale
    readonly property real large: unit * 1.25 * textScale
    readonly property real heading: unit * 1.5 * textScale
    readonly property real display: unit * 2.4 * textScale
    readonly property real gap: unit * 0.6
    readonly property real margin: unit * 0.8
    readonly property real radius: unit * 0.35
    // touch targets: 2.1 units is 76 px at 1080p (48 px minimum); taller with larger text, so words still fit
    readonly property real target: Math.max(unit * 2.1, body * 1.9)

    // High contrast: pure black on white, black bands and buttons with white text, no tints.
    readonly property color ink: highContrast ? "#000000" : "#111827"
    readonly property color inkSoft: highContrast ? "#000000" : "#374151"
    readonly property color paper: "#ffffff"
    readonly property color surface: highContrast ? "#ffffff" : "#eef1f6"
    readonly property color line: highContrast ? "#000000" : "#1a1a2e"
    // white words on these, and these as words on white, are at least 7:1 (WCAG AAA body text)
    readonly property color chosen: highContrast ? "#000000" : "#0a5c32"
    readonly property color danger: highContrast ? "#000000" : "#a11a1a"
    // The focus ring: yellow inside a black line (FocusRing.qml), the same in both themes.
    readonly property color focus: "#ffdd00"
    readonly property color focusOuter: "#000000"

    // Room for `text` wrapped in `width` at `size`: an estimate (average glyph 0.55 em, line 1.3 em) that
    // FitText then tightens. Used for intros and web addresses whose length varies by pack.
    function textHeight(text, width, size, maxLines) {
        if (!text || width <= 0) return 0
        var perLine = Math.max(1, Math.floor(width / (size * 0.55)))
        var lines = Math.min(maxLines || 6, Math.ceil(text.length / perLine))
        return lines * size * 1.3
    }

    // The same, but with larger text never more than `limit` high (an intro must not crowd out the page it
    // introduces); it always gets the room it needs at 100%, and FitText sets it as large as the room allows.
    function boundedTextHeight(text, width, size, maxLines, limit) {
        var full = textHeight(text, width, size, maxLines)
        var base = textHeight(text, width, size / textScale, maxLines)
        return Math.max(base, Math.min(full, limit))
    }

    readonly property string bodyFont: "Atkinson Hyperlegible"
    // Open-zero figures (IBM Plex Sans's digits, tools/make_figures_font.py) with every other character from
    // Atkinson Hyperlegible (its substitute, kiosk/ui/app.py), whose slashed zero a phone's camera reads as 9 or
    // 8. Set on page text (FitText) and numbers to dial (Figures), where a phone number may be copied.
    readonly property string figureFont: "Kiosk Figures"
    readonly property string comicFont: "Comic Neue"
    readonly property string iconFont: "Font Awesome 6 Free Solid"
}
