pragma ComponentBehavior: Bound

import QtQuick

// A page's content at the text size the reader chose, when it does not fit one screen (200 % text): the page
// scrolls in one direction (WCAG 2.2 1.4.10, reflow) instead of shrinking its words below that size (1.4.4).
// It moves a screenful at a time: Next, the clicker's button and the arrow keys show the next screenful before the
// next page (Controller.screen, as a story shows its panels), the loop steps through it in the page's time and
// never leaves it half scrolled, and a finger flicks it freely (it settles on the nearest screenful). A strip under
// it says there is more, and how far the reader is; it is a button too. Where the content fits (always at 100 %
// text) this is a plain box: nothing moves, nothing is drawn differently, no strip.
Item {
    id: scroller
    objectName: "scrollPage"
    property int pageIndex: -1
    // How tall the page's content is (the page works it out); no taller than the box when it fits.
    property real sheetHeight: stretches ? Math.round(Math.max(0, height - cue.height - Theme.gap * 0.5) * stretch) : height
    // A page whose boxes are shares of its height (a quote beside its paragraphs, a tip above its cards) does not
    // work out its height: it is laid out on a sheet `stretch` screens tall, the fewest of `ladder` at which none
    // of its words is set below the size it asks for (FitText shrinks a text that does not fit its box).
    property bool stretches: false
    property real stretch: 1
    readonly property var ladder: [1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 5, 6]
    // the height the page lays itself out in
    readonly property real layoutHeight: scrolls ? sheetHeight : height
    // Where the blocks start (card tops, in the content): a screenful starts at one where it can, so a card is
    // seen whole rather than cut at the top.
    property var tops: []
    // The blocks a page that stretches is made of (its cards, tiles and boxes: items with `scrollBlock: true`),
    // [top, bottom, box's bottom] in the content (bottom: under its words), measured once its layout has settled
    // (grow()).
    property var spans: []
    // Every line of text in the content, [top, bottom] (its line height, leading and all), measured once the layout
    // has settled (measureLines()): a screenful inside a block taller than the screen starts between two lines.
    property var lines: []
    // and every picture, [top, bottom]: what is left of a block below the screen is read only if it holds some
    property var pictures: []
    // and every button (an item with `wholeBox: true`, or a card Tab reaches that fits the view), [top, bottom]
    // of its box and the focus ring drawn outside it: a screenful shows a button whole, ring and all, or ends
    // above it and the next starts at it (a pupil on the keyboard sees the ring whole wherever the focus is); one
    // taller than the view, from its top
    property var boxes: []
    default property alias content: sheet.data
    readonly property bool scrolls: sheetHeight > height + 1 && height > 0
    // the room the content is seen in: the box, less the strip under it
    readonly property real viewHeight: scrolls ? height - cue.height - Theme.gap * 0.5 : height
    // the page's blocks, top to bottom: the ones it measured, or its rows' tops, each down to the next
    readonly property var blocks: {
        if (tops.length === 0) return spans
        var out = []
        for (var i = 0; i < tops.length; i++) out.push([tops[i], i + 1 < tops.length ? tops[i + 1] - Theme.gap : sheetHeight])
        return out
    }
    // Where each screenful starts. The next one starts at the top of the first block the screen's bottom edge cuts
    // (or that lies below it), so a block that fits a screen is seen whole. Inside a block taller than the screen
    // (or content without blocks) it starts at the first line of text the screen's bottom edge cut, so no screenful
    // starts through a line and none is skipped (the screenful before ends above that line: `ends`). Never on
    // blank room either: there it starts at the next line or block (onInk). Where little is left (half a screen of lines, a page's small last block such as "All tips"),
    // or what is left after an empty stretch fits one screenful, the last screenful ends with the content's end and
    // shows the words above it again rather than room. A block whose words are all seen is read (the room under
    // them is not a screenful). Never through a line (lineAt).
    readonly property var stops: {
        if (!scrolls || viewHeight <= 0) return [0]
        var end = Math.ceil(sheetHeight - viewHeight)
        var within = viewHeight - Theme.unit * 1.5
        // a block's end is its last words' and a little room (measureBlocks): that room may fall off the screen
        var slack = Theme.unit * 0.5
        var out = [0]
        var pos = 0
        var seenTo = -1   // blocks ending above this are read: what of them is off the screen holds no words
        for (var guard = 0; guard < 200; guard++) {
            var next = -1
            var cut = null
            for (var i = 0; i < blocks.length; i++) {
                var b = blocks[i]
                if ((b[1] > pos + viewHeight + slack || unseenIn(b, pos)) && b[1] > seenTo && (!cut || b[0] < cut[0]))
                    cut = b
            }
            var unseen = firstUnseen(pos)
            if (cut && cut[0] < pos + viewHeight && (unseen < 0 || unseen >= cut[1])) {
                seenTo = cut[1]   // a block on screen to its last words: what is left of it is room
                continue
            }
            if (cut && (cut[0] > pos + 1) && (cut[1] - cut[0] <= viewHeight + slack || cut[0] >= pos + viewHeight * 0.25))
                next = startAt(cut, pos)   // a block starts here: the next screenful starts at its top
            else if (!cut && blocks.length > 0)
                break   // every block seen whole: below them there is only room
            else if (pos >= end)
                break
            else
                next = onWithin(pos, cut ? cut[1] : sheetHeight, end, within)
            next = onInk(next, pos)
            if (next <= pos + 1) break   // (a line taller than the screen: cannot happen at any text size)
            pos = Math.round(next)
            out.push(pos)
        }
        return out
    }
    // whether the block `b` holds a line, picture or button not wholly seen on the screenful from `pos`: the room
    // under its last words may fall off the screen (slack), but not a button's lower edge or its focus ring (which
    // lies outside the button: a button that is a block holds it by its middle)
    function unseenIn(b, pos) {
        var ink = wholeInk()
        for (var i = 0; i < ink.length; i++) {
            var mid = (ink[i][0] + ink[i][1]) / 2
            if (mid >= b[0] - 1 && mid <= (b.length > 2 ? b[2] : b[1]) + 1 && ink[i][1] > pos + viewHeight + 2)
                return true
        }
        return false
    }
    // `y`, or where it lies in blank room (the empty line between two paragraphs, the gap between two cards, a
    // card's room above its first words), the top of the next line, picture, block or button below it; inside a
    // button, its top: a screenful never opens on blank room or a cut button, and nothing is skipped (the next
    // thing not seen whole lies at or below that top).
    function onInk(y, pos) {
        for (var b = 0; b < boxes.length; b++)   // inside a button: at its top
            if (boxes[b][0] + 1 < y && y < boxes[b][1] - 1 && boxes[b][0] > pos + 1) return boxes[b][0]
        var ink = lines.concat(pictures)
        for (var i = 0; i < ink.length; i++)
            if (ink[i][0] - 1 <= y && y < ink[i][1] - 1) return y
        var next = -1
        var all = ink.concat(blocks).concat(boxes)
        for (var j = 0; j < all.length; j++)
            if (all[j][0] >= y - 1 && (next < 0 || all[j][0] < next)) next = all[j][0]
        return next > y + 1 ? next : y
    }
    // Where each screenful's view ends, in the content: above the first line (or picture) its bottom edge would cut,
    // or above the top of the block or button that line opens (no empty edge of a card), so no reader sees half a
    // line; the next screenful starts at or above it. Below that the view is blank (the cover, in the colour the
    // page lies on), under which the strip says there is more.
    readonly property var ends: {
        var out = []
        for (var k = 0; k < stops.length; k++) out.push(endOf(stops[k], k + 1 < stops.length ? stops[k + 1] : -1))
        return out
    }
    // the end of the screenful from `pos`; `next`: where the one after it starts (-1: none)
    function endOf(pos, next) {
        var full = pos + viewHeight
        if (!scrolls) return full
        var cut = firstUnseen(pos)
        var end = cut >= 0 && cut < full - 1 ? cut : full
        var ink = lines.concat(pictures)
        var edges = blocks.concat(boxes).sort(function(x, y) { return x[0] - y[0] })
        for (var i = 0; i < edges.length; i++) {
            var e = edges[i]
            if (e[0] <= pos + 1 || e[0] >= end) continue
            // A block (a card) ends the screenful above its top where none of its words is seen above the end (its
            // box's edge alone would show) or where the next screenful starts at its top and shows it whole (not
            // its heading alone here, over an empty box); a button, where any of its words is not seen.
            var button = boxes.indexOf(e) >= 0
            var seen = false
            var unseen = false
            for (var j = 0; j < ink.length; j++) {
                if (ink[j][0] < e[0] - 1 || ink[j][0] >= e[1]) continue
                if (ink[j][0] < end - 1 && ink[j][1] <= end + 2) seen = true
                else unseen = true
            }
            if (!seen && !unseen) continue   // nothing in it measured: shown as it is
            if (button ? unseen : (!seen || Math.abs(next - e[0]) <= 1)) end = e[0]
        }
        return Math.round(end)
    }
    // The top of the screenful after the one at `pos` where `block` starts; but where it is the page's last, and
    // small (a button, a short line) and would be alone there, that screenful ends with it instead, and shows what
    // is above it again (the lines of the block before).
    function startAt(block, pos) {
        var top = cleanAbove(block[0], pos)
        if (block[1] - block[0] > viewHeight / 3 || block[1] < inkEnd() - 1) return top
        var bottom = block.length > 2 ? block[2] : block[1]   // all of it: a button's edge too, and its focus ring
        for (var i = 0; i < boxes.length; i++) {
            var mid = (boxes[i][0] + boxes[i][1]) / 2
            if (mid >= block[0] - 1 && mid <= bottom + 1) bottom = Math.max(bottom, boxes[i][1])
        }
        return tail(pos, top, bottom)
    }
    // where the content's words (or its blocks) end
    function inkEnd() {
        var last = 0
        for (var i = 0; i < blocks.length; i++) last = Math.max(last, blocks[i][1])
        for (var j = 0; j < lines.length; j++) last = Math.max(last, lines[j][1])
        return last > 0 ? Math.min(last, sheetHeight) : sheetHeight
    }
    // The last screenful, after the one at `pos`, where only a little is left from `top` on (a button, a line):
    // it ends at `end` (the content's) instead, from between two lines, skipping nothing.
    function tail(pos, top, end) {
        var at = cleanBelow(end - viewHeight)
        return at > pos + 1 && at < top && at <= pos + viewHeight ? at : top
    }
    // the line `y` falls inside (not at its edge), or null
    function lineAt(y) {
        for (var i = 0; i < lines.length; i++)
            if (lines[i][0] + 1 < y && y < lines[i][1] - 1) return lines[i]
        return null
    }
    // `y`, or above it the nearest place no line is cut (the top of the line it falls in), but below `floor`
    function cleanAbove(y, floor) {
        var at = y
        for (var guard = 0; guard < 50; guard++) {
            var l = lineAt(at)
            if (!l) return at
            if (l[0] <= floor + 1) return y
            at = l[0]
        }
        return y
    }
    // `y`, or below it the nearest place no line is cut
    function cleanBelow(y) {
        var at = y
        for (var guard = 0; guard < 50; guard++) {
            var l = lineAt(at)
            if (!l) return at
            at = l[1]
        }
        return y
    }
    // what a screenful shows whole or not at all: each line, picture, and button (box and ring) no taller than the view
    function wholeInk() {
        var out = lines.concat(pictures)
        for (var i = 0; i < boxes.length; i++) if (boxes[i][1] - boxes[i][0] <= viewHeight) out.push(boxes[i])
        return out
    }
    // the top of the first line, picture or button not wholly seen on the screenful from `pos` (cut or below), or
    // -1; a line whose band is cut by a pixel or two (rounding, in the leading under its words) is seen
    function firstUnseen(pos) {
        var first = -1
        var ink = wholeInk()
        for (var i = 0; i < ink.length; i++) {
            var l = ink[i]
            if (l[1] > pos + viewHeight + 2 && l[0] > pos + 1 && (first < 0 || l[0] < first)) first = l[0]
        }
        return first
    }
    // The next screenful's top within content taller than the screen, from the screenful at `pos`; `until`: where
    // the block being read (or the content) ends.
    function onWithin(pos, until, end, within) {
        var first = firstUnseen(pos)
        if (first >= 0 && first <= pos + viewHeight * 1.5) {
            // A line the bottom edge cuts starts the next screenful (this one ends above it: `ends`), so nothing
            // is read twice; so does the next line below blank room the bottom edge lies in (the empty line
            // between two paragraphs). Where only a few lines are left, the last screenful ends with them instead.
            if (inkEnd() - first <= viewHeight / 2) return tail(pos, first, inkEnd())   // a few lines left: not alone
            return first
        }
        // nothing cut at the bottom edge: what comes next lies below an empty stretch
        var ink = Math.min(until, sheetHeight)
        var next = ink - viewHeight <= pos + viewHeight ? cleanBelow(Math.max(0, ink - viewHeight))
                 : (end <= pos + within ? end : pos + within)
        if (first >= 0) next = Math.min(next, first)   // never past a line not yet seen
        if (next <= pos + 1) next = first >= 0 ? first : Math.min(end, pos + within)
        return cleanAbove(next, pos)
    }
    readonly property int screens: stops.length
    // Only the kiosk's own page steers the kiosk: not the presenter view's previews of it (PageHost.showOnly).
    property bool steers: true
    readonly property bool showing: steers && pageIndex >= 0 && Controller.page === pageIndex
    // The screenful a page not on show rests at: its top, or where Back onto it arrives (a story's last caption).
    property int restScreen: 0
    readonly property int screen: Math.max(0, Math.min(showing ? Controller.screen : restScreen, screens - 1))
    readonly property bool atEnd: screen >= screens - 1
    Component.onCompleted: {
        for (var p = parent; p; p = p.parent)
            // PageHost's, found by name: an item here is typed Item for qmllint
            if (p["showOnly"] !== undefined) { steers = p["showOnly"] === -2; break } // qmllint disable missing-property
        report()
    }

    function report() { if (showing) Controller.setScreens(screens) }

    // --- stretching: only with larger text, and only while a page is laid out again (no timer ticks) ----------
    readonly property bool mayStretch: stretches && Theme.textScale > 1 && width > 0 && height > 0
    readonly property string shape: [width, height, Theme.textScale, Theme.unit, mayStretch].join(" ")
    onShapeChanged: restart()
    // Measured again in the next turn of the event loop, never inside the change that asks for it (a page's own
    // bindings are still settling then: a tip's detail opening, a plan's choice).
    function restart() {
        measured = ""
        if (mayStretch) again.restart()
        else {
            stretch = 1
            revealing = null
            if (scrolls) again.restart()   // a page laid out taller by itself (the law's rows): its lines only
        }
    }
    // a page that works out its own height: its lines are measured again when its rows move
    onTopsChanged: if (!stretches && scrolls) restart()
    onScrollsChanged: if (!stretches && scrolls) restart()
    // the shape the stretch was measured for: a page off screen (its words not laid out) is measured when it shows
    property string measured: ""
    // How far the page's words are set below the sizes they ask for, in px summed: FitText gives back size to fit its
    // box, and so does a button's label. No word needs more than a heading's size (a headline or a phone number
    // is large whatever it gives back: tests/ui/test_text_size.py holds them to the same).
    function deficit(item) {
        var total = 0
        var kids = item.children
        for (var i = 0; i < kids.length; i++) {
            var k = kids[i]
            if (!k.visible) continue
            k.ensurePolished()
            var asks = 0
            // `wants`: a text whose page works out a size to fit (a tip's cards) and may ask less than its role's
            if (k["wants"] !== undefined && k["wants"] > 0) asks = k["wants"]
            else if (k["preferred"] !== undefined) asks = k["preferred"]
            else if (k["fontSizeMode"] === Text.Fit && k["font"]) asks = k["font"]["pixelSize"]
            if (asks > 0 && k["text"]) {
                total += Math.max(0, Math.min(asks, Theme.heading) * 0.97 - k["fontInfo"].pixelSize)
                // words cut off, or pushed off the sheet's end, are worse than any size given back
                if (k["truncated"] || k.mapToItem(sheet, 0, k.height).y > sheet.height + 1) total += 10000
            }
            total += deficit(k)
        }
        return total
    }
    // The fewest screens at which the words are set at their size, or as near to it as any number gets (a text
    // whose box does not follow the sheet's height keeps what it had).
    function grow() {
        if (!mayStretch || !visible) return
        measured = shape
        var best = stretch
        var least = deficit(sheet)
        for (var i = 0; i < ladder.length && least > 0; i++) {
            if (ladder[i] <= best) continue
            stretch = ladder[i]
            var d = deficit(sheet)
            if (d < least - 1) { least = d; best = stretch }
        }
        stretch = best
        measureBlocks()
    }
    // The blocks' spans in the content, once the stretch is settled (positioners placed: ensurePolished).
    function measureBlocks() {
        var found = []
        var visit = function(item) {
            var kids = item.children
            for (var i = 0; i < kids.length; i++) {
                var k = kids[i]
                if (!k.visible) continue
                k.ensurePolished()
                if (k["scrollBlock"] === true && k.height > 0) {
                    var top = k.mapToItem(sheet, 0, 0).y
                    // a box taller than what is in it (a plan's box, stretched to the sheet's end) ends, for
                    // reading, under its last words or picture: no screenful of its empty lower part
                    var ink = inkBottom(k)
                    var bottom = ink > top ? Math.min(top + k.height, ink + Theme.unit * 0.5) : top + k.height
                    found.push([Math.round(top), Math.round(bottom), Math.round(top + k.height)])
                } else {
                    visit(k)
                }
            }
        }
        visit(sheet)
        found.sort(function(a, b) { return a[0] - b[0] })
        spans = found
        measureLines()
        if (revealing) {
            var item = revealing
            var top = item.mapToItem(sheet, 0, 0).y
            revealing = null
            var at = 0
            for (var s = 0; s < stops.length; s++) if (stops[s] <= top + 1) at = s
            if (scrolls && showing && at !== screen) {
                Controller.showScreen(at)
                revealed(item)
            }
        }
    }
    // Where each line of text lies in the content, once its layout has settled: a text's lines are its laid-out
    // height (contentHeight) in equal shares, placed as its vertical alignment puts them in its box.
    function measureLines() {
        measured = shape
        var found = []
        var seen = []
        var held = []
        var visit = function(item) {
            var kids = item.children
            for (var i = 0; i < kids.length; i++) {
                var k = kids[i]
                if (!k.visible || k.height <= 0) continue
                k.ensurePolished()
                if (k["sourceSize"] !== undefined || k["wholeBox"] === true) {
                    var y = k.mapToItem(sheet, 0, 0).y
                    var span = [Math.round(y), Math.round(y + k.height)]
                    if (k["wholeBox"] === true) held.push(ringed(k, span))
                    else seen.push(span)
                } else if (k.activeFocusOnTab) {
                    // a card Tab reaches (a tip): seen whole with its ring where it fits, as a button
                    var at = k.mapToItem(sheet, 0, 0).y
                    var ring = ringed(k, [Math.round(at), Math.round(at + k.height)])
                    if (ring[1] - ring[0] <= viewHeight) held.push(ring)
                }
                var n = k["lineCount"]
                if (n !== undefined && n > 0 && k["text"] && k["contentHeight"] !== undefined
                        && k["verticalAlignment"] !== undefined) {
                    var used = k["contentHeight"]
                    var off = k["verticalAlignment"] === Text.AlignBottom ? k.height - used
                            : k["verticalAlignment"] === Text.AlignVCenter ? (k.height - used) / 2 : 0
                    var top = k.mapToItem(sheet, 0, off).y
                    var blank = blankLines(k, n)
                    for (var j = 0; j < n; j++)
                        if (!blank[j]) found.push([Math.round(top + used * j / n), Math.round(top + used * (j + 1) / n)])
                }
                visit(k)
            }
        }
        visit(sheet)
        found.sort(function(a, b) { return a[0] - b[0] })
        pictures = seen
        boxes = held
        lines = found
    }
    // Which of a text's `n` lines are blank (the empty line between two paragraphs, "\n\n"), as a set of their
    // numbers: laid out again in `probe`, paragraph by paragraph, at the size the text was set at. Blank room is no
    // line: a screenful does not start on it (onInk) and may cut it.
    function blankLines(k, n) {
        var out = ({})
        var paragraphs = String(k["text"]).split("\n")
        if (paragraphs.indexOf("") < 0 || k["textFormat"] !== Text.PlainText) return out
        probe.font = k["font"]
        probe.font.pixelSize = k["fontInfo"].pixelSize
        probe.wrapMode = k["wrapMode"]
        probe.width = k.width - k["leftPadding"] - k["rightPadding"]
        probe.text = k["text"]
        if (probe.lineCount === n) {
            for (var p = 0; p < paragraphs.length; p++) {
                if (paragraphs[p] !== "") continue
                probe.text = paragraphs.slice(0, p).join("\n")
                out[p === 0 ? 0 : probe.lineCount] = true
            }
        }
        probe.text = ""
        return out
    }
    // a button's span `span` widened to its focus ring (drawn outside its box, shown or not: its place is laid out)
    function ringed(item, span) {
        var kids = item.children
        for (var i = 0; i < kids.length; i++) {
            if (kids[i].objectName !== "focusRing") continue
            var r = kids[i].mapToItem(sheet, 0, 0).y
            return [Math.min(span[0], Math.round(r)), Math.max(span[1], Math.round(r + kids[i].height))]
        }
        return span
    }
    Text { id: probe; visible: false; textFormat: Text.PlainText; padding: 0 }
    // The lowest words (as laid out, not their box) or picture in `item`, in the content; -1 if none.
    function inkBottom(item) {
        var low = -1
        var kids = item.children
        for (var i = 0; i < kids.length; i++) {
            var k = kids[i]
            if (!k.visible || k.height <= 0) continue
            var y = k.mapToItem(sheet, 0, 0).y
            if (k["contentHeight"] !== undefined && k["text"] !== undefined && k["verticalAlignment"] !== undefined) {
                if (!k["text"]) continue
                var used = Math.min(k.height, k["contentHeight"])
                var off = k["verticalAlignment"] === Text.AlignBottom ? k.height - used
                        : k["verticalAlignment"] === Text.AlignVCenter ? (k.height - used) / 2 : 0
                low = Math.max(low, y + off + used)
            } else if (k["sourceSize"] !== undefined) {
                low = Math.max(low, y + k.height)
            } else {
                low = Math.max(low, inkBottom(k))
            }
        }
        return low
    }
    // Bring `item` (a block of the content) into view once the page is laid out again: the screenful it starts on
    // (a plan's "My plan" after a choice). Glides there, or cuts with reduced motion (moveTo).
    property Item revealing: null
    function reveal(item) { if (mayStretch) revealing = item }
    // `item` was brought into view (reveal): the page moves the keyboard's focus after it where it was left behind
    signal revealed(Item item)
    // A screen reader says `words`, from `item` (a page's, where the focus moved: a plan's "My plan"). Through the
    // Controller too (Controller.announced): Qt's accessibility events cannot be heard in the kiosk's own process.
    function announce(item, words) {
        Controller.announce(words)
        item.Accessible.announce(words)
    }
    // whether `item` is in the content, and (shows) on the screenful now shown (above its end)
    function holds(item) {
        for (var p = item; p; p = p.parent) if (p === sheet) return true
        return false
    }
    function shows(item) {
        var top = item.mapToItem(sheet, 0, 0).y
        var k = Math.min(screen, stops.length - 1)
        var y = stops[k] || 0
        return top + item.height > y + 1 && top < (ends[k] || y + viewHeight) - 1
    }
    // The keyboard's focus (Tab, Shift+Tab, a screen reader's SetFocus) moved onto a control of the content that the
    // screenful shown does not show whole (under the cover, or off the view): the screenful holding it is shown at
    // once, cut rather than glided to, so no frame shows the focus hidden; the engine's screenful follows, so Next,
    // Back and the counter agree.
    readonly property Item focusedItem: Window.window ? Window.window.activeFocusItem : null
    onFocusedItemChanged: follow(focusedItem)
    property bool cutting: false   // a screenful shown for the focus: no glide (moveTo)
    function follow(item) {
        if (!item || !scrolls || !showing || !holds(item) || showsWhole(item, screen)) return
        var k = screenOf(item)
        if (k === screen) return
        cutting = true
        Controller.showScreen(k)
        cutting = false
    }
    // whether the screenful `k` shows `item` whole (its top, where it is taller than the view; a button with its
    // focus ring, as the screenfuls are made: ringed)
    function showsWhole(item, k) {
        var y = item.mapToItem(sheet, 0, 0).y
        var span = item["wholeBox"] === true ? ringed(item, [y, y + item.height]) : [y, y + item.height]
        var bottom = Math.min(span[1], span[0] + viewHeight)
        return span[0] >= (stops[k] || 0) - 1 && bottom <= (ends[k] || 0) + 2
    }
    // the first screenful that shows `item` whole, or else the last that starts above its top
    function screenOf(item) {
        var top = item.mapToItem(sheet, 0, 0).y
        var last = 0
        for (var k = 0; k < stops.length; k++) {
            if (showsWhole(item, k)) return k
            if (stops[k] <= top + 1) last = k
        }
        return last
    }
    // Once the page's bindings have settled, in the next turn of the event loop: single shot, started only by a
    // change of layout (Qt.callLater would run one of the kiosk's pages only: it keeps one call per function).
    Timer {
        id: again
        interval: 0
        onTriggered: {
            if (!scroller.mayStretch) {
                if (scroller.visible) scroller.measureLines()
                return
            }
            scroller.stretch = 1
            scroller.grow()
        }
    }
    // the page's content changed (another tip, a plan choice): lay it out afresh
    function relayout() { if (mayStretch) restart() }
    onScreensChanged: { report(); moveTo(false) }
    onShowingChanged: { report(); moveTo(false) }
    onScreenChanged: moveTo(!cutting)
    // The page off screen goes back to its resting screenful (its top); a page shown again is measured if its shape
    // changed meanwhile.
    onVisibleChanged: {
        if (!visible) moveTo(false)
        else if ((mayStretch || (scrolls && !stretches)) && measured !== shape) restart()
    }
    function moveTo(animate) {
        var y = stops[Math.min(screen, stops.length - 1)] || 0
        glide.stop()
        if (animate && !Controller.reducedMotion && visible && Math.abs(view.contentY - y) > 0.5) {
            glide.to = y
            glide.start()
        } else {
            view.contentY = y
        }
    }
    // a flick ends: settle on the screenful nearest to where it stopped, and Next goes on from there
    function settle() {
        var best = 0
        for (var i = 1; i < stops.length; i++)
            if (Math.abs(stops[i] - view.contentY) < Math.abs(stops[best] - view.contentY)) best = i
        if (best !== screen) Controller.showScreen(best)
        else moveTo(true)
    }

    // How much of the view a screenful shows: down to its end (`ends`); the whole view while a finger moves the
    // content (no screenful is on show then). Gliding to a screenful, its own end: the content moves under an edge
    // that stays put. Where the page fits, the whole box.
    readonly property real shownHeight: !scrolls ? height
        : view.dragging || view.flicking ? viewHeight
        : Math.max(0, Math.min(viewHeight, (ends[screen] || 0) - (stops[screen] || 0)))
    Flickable {
        id: view
        objectName: "scrollView"
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: scroller.viewHeight
        contentWidth: width
        // room below the content's end where the last screenful starts at a block's top
        contentHeight: Math.max(sheet.height, scroller.stops[scroller.stops.length - 1] + height)
        interactive: scroller.scrolls && scroller.showing
        clip: scroller.scrolls
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        // the room under the content comes and goes with the layout: the view never animates back into bounds
        rebound: Transition {}
        onMovementEnded: scroller.settle()
        Item {
            id: sheet
            width: view.width
            height: scroller.scrolls ? scroller.sheetHeight : scroller.height
        }
        NumberAnimation { id: glide; target: view; property: "contentY"; duration: 450; easing.type: Easing.OutCubic }
    }

    // Below a screenful's end the view is blank: covered in the colour the page lies on (PageHost's face), so no
    // reader sees half a line. A cover, not a clip: a finger that presses there still moves the content.
    Rectangle {
        objectName: "scrollCover"
        visible: scroller.scrolls && scroller.shownHeight < scroller.viewHeight - 0.5
        anchors { left: parent.left; right: parent.right }
        y: scroller.shownHeight
        height: scroller.viewHeight - scroller.shownHeight
        color: Theme.surface
    }

    // where the reader is: a bar beside the content, as long as the share of it on screen
    Rectangle {
        objectName: "scrollBar"
        visible: scroller.scrolls
        anchors.right: parent.right
        width: Math.max(2, Theme.unit * 0.18)
        radius: width / 2
        y: view.contentHeight > 0 ? view.contentY / view.contentHeight * view.height : 0
        height: view.contentHeight > 0 ? view.height * view.height / view.contentHeight : 0
        color: Theme.accent
        opacity: 0.75
    }

    // There is more: below the content, an arrow and the words, a button that shows the next screenful (or
    // goes back to the top from the last one).
    Rectangle {
        id: cue
        objectName: "scrollCue"
        visible: scroller.scrolls
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: Theme.target
        radius: Theme.radius
        color: Theme.paper
        border.color: Theme.accent
        border.width: Theme.unit * 0.08
        activeFocusOnTab: visible
        readonly property string label: scroller.atEnd ? qsTr("Back to the top") : qsTr("More below")
        Accessible.role: Accessible.Button
        Accessible.name: label
        Accessible.description: qsTr("Screen %1 of %2").arg(scroller.screen + 1).arg(scroller.screens)
        Accessible.onPressAction: press()
        Keys.onReturnPressed: press()
        Keys.onEnterPressed: press()
        Keys.onSpacePressed: press()
        function press() { if (scroller.atEnd) Controller.showScreen(0); else Controller.next() }
        Row {
            anchors.centerIn: parent
            spacing: Theme.unit * 0.4
            Icon { name: scroller.atEnd ? "up" : "down"; size: Theme.control; color: Theme.accent; anchors.verticalCenter: parent.verticalCenter }
            Text {
                text: cue.label + "  \u00b7  " + (scroller.screen + 1) + " / " + scroller.screens
                font.family: Theme.bodyFont
                font.bold: true
                font.pixelSize: Theme.control
                color: Theme.accent
                anchors.verticalCenter: parent.verticalCenter
                Accessible.ignored: true
            }
        }
        MouseArea { anchors.fill: parent; onClicked: cue.press() }
        FocusRing {}
    }
}
