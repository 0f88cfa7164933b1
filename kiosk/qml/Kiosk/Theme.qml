pragma Singleton
import QtQuick

// Sizes follow the screen: `unit` is 1/30 of the shorter side, the smallest body text allowed, so a page
// reads the same from the back of a hall on a 1024x768 projector and on a 4K screen. The words' sizes are one
// type scale per class of screen (projector, landscape, portrait: kiosk/core/typescale.py, docs/type-scale.md);
// KioskView feeds `scale` from Controller.typeScale for its size. No page sets a size of its own.
QtObject {
    id: theme
    property real unit: 36
    property real textScale: 1.0
    property bool highContrast: false
    property color packAccent: "#1d4e89"
    readonly property color accent: highContrast ? "#000000" : packAccent

    // The projector's scale until KioskView has a size (kiosk/core/typescale.py TYPE_SCALES).
    property var scale: ({ screenClass: "projector", caption: 1.0, body: 1.0, large: 1.25, heading: 1.5, story: 1.92,
                           display: 2.4, headline: 3.0, grow: 1.0, measure: [45, 75], measure_short: 24, measure_label: 14, leading: 0,
                           heading_leading: 0 })
    readonly property string screenClass: scale.screenClass
    readonly property real caption: unit * scale.caption * textScale
    readonly property real body: unit * scale.body * textScale
    readonly property real large: unit * scale.large * textScale
    readonly property real heading: unit * scale.heading * textScale
    readonly property real story: unit * scale.story * textScale
    readonly property real display: unit * scale.display * textScale
    readonly property real headline: unit * scale.headline * textScale
    // Buttons, the navigation bar and the staff screen: read at arm's length by the one who taps, not from
    // across the foyer, so the same on every class of screen.
    readonly property real control: unit * textScale
    readonly property real controlLarge: unit * 1.25 * textScale
    readonly property real controlHeading: unit * 1.5 * textScale
    // A button's words in a button `height` tall: 40 % of it, from `control` up to `controlLarge`.
    function buttonText(height) { return Math.max(control, Math.min(controlLarge, height * 0.4)) }
    // The smallest any word is ever set at: the 100 % body size of a projector (tests check it).
    readonly property real minimum: unit
    // Line height in em: paragraphs get room between lines (1.3-1.5 em reads best), headings stay tight.
    readonly property real leading: scale.leading
    readonly property real headingLeading: scale.heading_leading
    readonly property real gap: unit * 0.6
    readonly property real margin: unit * 0.8
    readonly property real radius: unit * 0.35
    // touch targets: 2.1 units is 76 px at 1080p (48 px minimum); taller with larger text, so words still fit
    readonly property real target: Math.max(unit * 2.1, control * 1.9)

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

    // Room for `text` wrapped in `width` at `size`: a quick estimate (average glyph 0.55 em, line 1.3 em or the
    // type scale's leading) that FitText then tightens. Used for intros and web addresses whose length varies.
    function textHeight(text, width, size, maxLines) {
        if (!text || width <= 0) return 0
        var perLine = Math.max(1, Math.floor(width / (size * 0.55)))
        var lines = Math.min(maxLines || 6, Math.ceil(text.length / perLine))
        return lines * Math.max(size * 1.3, linePx(size, "regular", leading))
    }

    // The same, but with larger text never more than `limit` high (an intro must not crowd out the page it
    // introduces); it always gets the room it needs at 100%, and FitText sets it as large as the room allows.
    function boundedTextHeight(text, width, size, maxLines, limit) {
        var full = textHeight(text, width, size, maxLines)
        var base = textHeight(text, width, size / textScale, maxLines)
        return Math.max(base, Math.min(full, limit))
    }

    // An intro above a page's cards: the room `boundedTextHeight` gives it, or where words grow (not on a
    // projector), the room it needs at its ceiling, up to `limit`.
    function introHeight(text, width, size, face, maxLines, limit) {
        var old = boundedTextHeight(text, width, size, maxLines, limit)
        if (scale.grow <= 1 || !text) return old
        return Math.max(old, Math.min(blockHeight(text, width, ceiling(size, width, face), face) + size * 0.2, limit))
    }

    // --- words that fill their box -------------------------------------------------------------------------
    // The faces' own metrics at 100 px: a line's words wrapped the way Text.WordWrap wraps them, so a page can
    // size a card to what it holds before the card exists (FitText's own fitting stays the safety net).
    readonly property FontMetrics regularMetrics: FontMetrics { font.family: theme.bodyFont; font.pixelSize: 100 }
    readonly property FontMetrics boldMetrics: FontMetrics { font.family: theme.bodyFont; font.pixelSize: 100; font.bold: true }
    readonly property FontMetrics italicMetrics: FontMetrics { font.family: theme.bodyFont; font.pixelSize: 100; font.italic: true }
    readonly property FontMetrics comicMetrics: FontMetrics { font.family: theme.comicFont; font.pixelSize: 100; font.bold: true }
    // An ordinary English sentence: its average letter (0.43 em) says how many letters a line holds.
    readonly property string sample: "It is important to remember that once an image is sent, all control of it is lost."
    function metrics(face) {
        return face === "bold" ? boldMetrics : face === "italic" ? italicMetrics : face === "comic" ? comicMetrics
                                                                                                 : regularMetrics
    }
    // The face's line height at 100 %, in em (Atkinson Hyperlegible 1.24, Comic Neue 1.15): Text.lineHeight is a
    // multiple of it.
    function naturalLeading(face) { return metrics(face).lineSpacing / 100 }
    // A leading of 0 is the face's own (the projector's scale: its pages keep the spacing they always had).
    function lineHeightFor(face, leadingEm) { return leadingEm > 0 ? leadingEm / naturalLeading(face) : 1 }

    // How many lines `text` takes in `width` at `size`, wrapped at spaces; "\n" starts a new line.
    function lines(text, width, size, face) {
        if (!text || width <= 0 || size <= 0) return 0
        var m = metrics(face)
        var k = size / 100
        var room = width * 0.97   // kerning and hinting: never promise a line more than it holds
        var space = m.advanceWidth(" ") * k
        var count = 0
        var paragraphs = text.split("\n")
        for (var p = 0; p < paragraphs.length; p++) {
            var words = paragraphs[p].split(" ").filter(function(w) { return w !== "" })
            count += 1
            var x = 0
            for (var i = 0; i < words.length; i++) {
                var w = m.advanceWidth(words[i]) * k
                if (x > 0 && x + space + w > room) { count += 1; x = w }
                else x = x > 0 ? x + space + w : w
                if (w > room) count += Math.ceil(w / room) - 1
            }
        }
        return count
    }
    // One line's height as Text lays it out: the face's line spacing in whole pixels, times Text.lineHeight.
    function linePx(size, face, leadingEm) {
        return Math.ceil(size * naturalLeading(face)) * lineHeightFor(face, leadingEm || leading) + 0.5
    }
    function blockHeight(text, width, size, face, leadingEm) {
        return lines(text, width, size, face) * linePx(size, face, leadingEm)
    }
    // The largest size a role may grow to in a box `width` wide: `grow` times its size at 100 %, while a line
    // still holds the measure's fewest letters; never below the size itself (larger text always wins).
    // `minChars`: a statement of a few lines at heading size (a tip, a caption) reads in shorter lines than a
    // paragraph: the type scale's `measure_short`.
    function ceiling(size, width, face, minChars) {
        var grown = size / textScale * scale.grow
        var byMeasure = width / ((minChars || scale.measure[0]) * metrics(face).advanceWidth(sample) / sample.length / 100)
        return Math.max(size, Math.min(grown, byMeasure))
    }
    // The largest size from `size` up to its ceiling at which `text` fits `height`; `size` when even that does
    // not fit (FitText then gives back size down to the 100 % minimum).
    function fit(text, width, height, size, face, leadingEm, minChars) {
        var hi = ceiling(size, width, face, minChars)
        if (blockHeight(text, width, hi, face, leadingEm) <= height) return hi
        var lo = size
        if (blockHeight(text, width, lo, face, leadingEm) > height) return lo
        for (var i = 0; i < 10; i++) {
            var mid = (lo + hi) / 2
            if (blockHeight(text, width, mid, face, leadingEm) <= height) lo = mid
            else hi = mid
        }
        return lo
    }
    // Cards in `columns` columns, each `textWidth` wide inside: the height they take at `size`, each card its
    // text's block plus `perCard` pixels and `perSize` times the size (a heading line), rows as tall as their
    // tallest card, `spacing` between rows.
    function cardsHeight(texts, columns, textWidth, size, face, leadingEm, perCard, perSize, spacing) {
        var total = 0
        var rows = Math.ceil(texts.length / Math.max(1, columns))
        for (var r = 0; r < rows; r++) {
            var tallest = 0
            for (var c = 0; c < columns && r * columns + c < texts.length; c++)
                tallest = Math.max(tallest, blockHeight(texts[r * columns + c], textWidth, size, face, leadingEm))
            total += tallest + perCard + perSize * size
        }
        return total + spacing * Math.max(0, rows - 1)
    }
    // The largest common size from `size` up to its ceiling at which the cards fit `height`.
    // `minSize`: where they do not fit at `size` (larger text), the size they may give back to (the 100 % size).
    function fitCards(texts, columns, textWidth, height, size, face, leadingEm, perCard, perSize, spacing, minSize) {
        var hi = ceiling(size, textWidth, face)
        var fits = function(s) { return cardsHeight(texts, columns, textWidth, s, face, leadingEm, perCard, perSize, spacing) <= height }
        if (fits(hi)) return hi
        var lo = fits(size) ? size : Math.min(size, minSize || size)
        if (!fits(lo)) return lo
        for (var i = 0; i < 10; i++) {
            var mid = (lo + hi) / 2
            if (fits(mid)) lo = mid
            else hi = mid
        }
        return lo
    }

    readonly property string bodyFont: "Atkinson Hyperlegible"
    // Open-zero figures (IBM Plex Sans's digits, tools/make_figures_font.py) with every other character from
    // Atkinson Hyperlegible (its substitute, kiosk/ui/app.py), whose slashed zero a phone's camera reads as 9 or
    // 8. Set on page text (FitText) and numbers to dial (Figures), where a phone number may be copied.
    readonly property string figureFont: "Kiosk Figures"
    readonly property string comicFont: "Comic Neue"
    readonly property string iconFont: "Font Awesome 6 Free Solid"
}
