package kvviz

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
	"tutor/solutions/kvstore"
)

// fieldLetters mark the field of each byte under the hex row, so the
// fields show without colour: k key length, K key, v value length, V value.
var fieldLetters = [...]byte{'k', 'K', 'v', 'V'}

// palette is the theme as paints, made once per Draw.
type palette struct {
	field          [4]visual.Paint
	muted          visual.Paint
	accent, cursor visual.Paint
	good           visual.Paint
	plain          bool
}

func newPalette(th visual.Theme) palette {
	p := palette{
		muted: visual.NewPaint(th.Muted), accent: visual.NewPaint(th.Accent),
		cursor: visual.NewPaint(th.Cursor), good: visual.NewPaint(th.Good), plain: th.Plain,
	}
	for i := range p.field {
		p.field[i] = visual.NewPaint(th.Field(i))
	}
	return p
}

// hexWidth is the width of a hex row of b bytes: a 4-digit offset, a gap
// and two digits per byte, two spaces, and the ASCII column.
func hexWidth(b int) int { return 4 + 3*b + 2 + b }

// Draw draws frame i: a header naming the phase, a legend, the hex dump
// with its marker lines, and the panel (the map, the chunks, the metadata)
// beside it when wide or below it when narrow.
func (r *recording) Draw(i, width, height int, th visual.Theme) []string {
	f := r.frames[i]
	p := newPalette(th)

	lines := []string{r.header(f, p, width)}
	// The legend wraps between its items; it shows whole or not at all,
	// leaving the dump two rows.
	if legend := visual.Wrap(width, "  ", "  ", r.legend(p)...); height >= 3+len(legend) {
		lines = append(lines, legend...)
	}
	avail := height - len(lines)
	side := width >= hexWidth(16)+3+26
	bpr := 16
	if !side {
		for bpr > 1 && hexWidth(bpr) > width {
			bpr /= 2
		}
	}
	panel := r.panel(f, p)
	pw := width // the panel's width: all of it below the dump, the rest beside
	if side {
		pw = width - hexWidth(bpr) - 3
	}
	for j, l := range panel {
		// A long pair or chunk name ends in … rather than past the edge.
		if ansi.StringWidth(l) > pw {
			panel[j] = ansi.Truncate(l, pw, "…")
		}
	}
	hexAvail := avail
	if !side {
		rows := (len(r.stream) + bpr - 1) / bpr
		if want := max(rows, 1) * 2; want+len(panel) > avail {
			hexAvail = max(avail-min(len(panel), avail/2), min(2, avail))
		} else {
			hexAvail = want
		}
	}
	hex := r.hexBlock(f, p, bpr, hexAvail)
	if len(r.stream) == 0 && !side {
		hex = nil
		for _, l := range visual.Wrap(width, " ", " ", "(empty stream:", "no pairs,", "0 bytes)") {
			hex = append(hex, p.muted.On(l))
		}
	}
	if !side {
		return append(append(lines, hex...), panel...)
	}
	w := hexWidth(bpr)
	for j := 0; j < max(len(hex), len(panel)) && j < avail; j++ {
		left, right := "", ""
		if j < len(hex) {
			left = hex[j]
		}
		if j < len(panel) {
			right = panel[j]
		}
		pad := max(0, w-ansi.StringWidth(left))
		lines = append(lines, left+strings.Repeat(" ", pad)+p.muted.On(" │ ")+right)
	}
	return lines
}

// header names the phases, the current one bracketed, and where the step
// is. A narrow pane drops the other phases' names, then the progress's
// unit words, before anything is cut.
func (r *recording) header(f frame, p palette, width int) string {
	var parts []string
	current := ""
	for ph, name := range phaseNames {
		if !r.chunked && (phase(ph) == phCut || phase(ph) == phJoin) {
			continue
		}
		if phase(ph) == f.phase {
			current = p.accent.On("[" + name + "]")
			parts = append(parts, current)
		} else {
			parts = append(parts, p.muted.On(name))
		}
	}
	phases := strings.Join(parts, p.muted.On(" › "))
	n := len(r.stream)
	var progress, short string
	switch f.phase {
	case phEncode:
		progress, short = fmt.Sprintf("%d/%d B written", f.visible, n), fmt.Sprintf("%d/%d B", f.visible, n)
	case phCut:
		progress, short = fmt.Sprintf("%d/%d chunks cut", f.cut, len(r.chunks)), fmt.Sprintf("%d/%d cut", f.cut, len(r.chunks))
	case phJoin:
		progress, short = fmt.Sprintf("%d/%d B joined", f.visible, n), fmt.Sprintf("%d/%d B", f.visible, n)
	case phDecode:
		progress, short = fmt.Sprintf("cursor %d/%d", f.cursor, n), fmt.Sprintf("%d/%d", f.cursor, n)
	}
	for _, s := range []string{phases + "  " + progress, current + "  " + progress, current + " " + short} {
		if ansi.StringWidth(s) <= width {
			return s
		}
	}
	return ansi.Truncate(current+" "+short, width, "…")
}

// legend names the field of each letter and colour, and the markers, an
// item each.
func (r *recording) legend(p palette) []string {
	names := [...]string{"key length", "key", "value length", "value"}
	var parts []string
	for k, name := range names {
		parts = append(parts, p.field[k].On(string(fieldLetters[k])+" "+name))
	}
	parts = append(parts, p.cursor.On("^")+" this step")
	if r.chunked {
		parts = append(parts, p.accent.On("┃")+" chunk border")
	}
	return parts
}

// hexBlock is the hex dump in at most avail lines: each row of bpr bytes,
// then, room allowing, its marker line. Rows scroll to keep the step's
// bytes in view.
func (r *recording) hexBlock(f frame, p palette, bpr, avail int) []string {
	if avail < 1 {
		return nil
	}
	if len(r.stream) == 0 {
		return []string{p.muted.On("(empty stream: no pairs, 0 bytes)")}
	}
	shown := r.bytes(f)
	rows := (len(r.stream) + bpr - 1) / bpr
	markers := p.plain || avail >= 2*min(rows, 2)
	per := 1
	if markers && avail >= 2 {
		per = 2
	} else {
		markers = false
	}
	visible := max(1, min(rows, avail/per))
	focus := f.lo
	switch {
	case f.hi > f.lo:
		focus = f.hi - 1
	case f.phase == phDecode:
		focus = f.cursor
	case f.phase == phEncode || f.phase == phJoin:
		focus = f.visible - 1
	}
	start := max(0, min(focus/bpr-visible/2, rows-visible))

	borders := r.borders(f)
	var out []string
	for row := start; row < start+visible && row < rows; row++ {
		var hexb, mark, asc strings.Builder
		hexb.WriteString(p.muted.On(fmt.Sprintf("%04x", row*bpr%0x10000)))
		mark.WriteString("    ")
		for j := range bpr {
			o := row*bpr + j
			gap := " "
			if borders[o] {
				gap = p.accent.On("┃")
			}
			hexb.WriteString(gap)
			mark.WriteString(" ")
			if o >= len(shown) {
				hexb.WriteString("  ")
				mark.WriteString("  ")
				asc.WriteString(" ")
				continue
			}
			b := shown[o]
			touched := o >= f.lo && o < f.hi
			field := p.field[int(r.kinds[o])%4]
			pt := field
			if f.phase == phDecode && o >= f.cursor && !touched {
				pt = p.muted
			}
			if touched {
				pt = p.cursor
			}
			hexb.WriteString(pt.On(fmt.Sprintf("%02x", b)))
			ch := "."
			if b >= 0x20 && b < 0x7f {
				ch = string(rune(b))
			}
			asc.WriteString(pt.On(ch))
			mark.WriteString(field.On(string(fieldLetters[int(r.kinds[o])%4])))
			if touched {
				mark.WriteString(p.cursor.On("^"))
			} else {
				mark.WriteString(" ")
			}
		}
		out = append(out, hexb.String()+"  "+asc.String())
		if markers {
			out = append(out, strings.TrimRight(mark.String(), " "))
		}
	}
	return out
}

// borders are the stream offsets where a chunk that frame f has cut or
// joined ends and the next begins.
func (r *recording) borders(f frame) map[int]bool {
	if !r.chunked {
		return nil
	}
	n := r.chunksShown(f)
	m := make(map[int]bool, n)
	for _, c := range r.chunks[:n] {
		if end := c.off + c.n; end < len(r.stream) {
			m[end] = true
		}
	}
	return m
}

// panel is the right-hand (or lower) side: the store being encoded, the
// chunks and metadata, or the map being rebuilt.
func (r *recording) panel(f frame, p palette) []string {
	var out []string
	switch f.phase {
	case phEncode:
		out = append(out, p.accent.On("store, in key order"))
		if len(r.pairs) == 0 {
			out = append(out, p.muted.On("(empty)"))
		}
		for j, pr := range r.pairs {
			switch {
			case j == f.pair:
				out = append(out, p.accent.On("▶ "+pairText(pr)))
			case j < f.pair:
				out = append(out, p.good.On("✓")+" "+pairText(pr))
			default:
				out = append(out, "  "+pairText(pr))
			}
		}
	case phCut, phJoin:
		title := "cut into chunks"
		if f.phase == phJoin {
			title = "join the chunks"
		}
		out = append(out, p.accent.On(title))
		n, cur := r.chunksShown(f), -1
		switch {
		case f.phase == phCut && f.meta == nil:
			cur = f.cut - 1
		case f.phase == phJoin && !f.checked:
			cur = f.joined - 1
		}
		for j, c := range r.chunks {
			line := fmt.Sprintf("%s  %d-%d", c.name, c.off, c.off+c.n-1)
			switch {
			case j == cur:
				out = append(out, p.accent.On("▶ "+line))
			case j < n:
				out = append(out, p.good.On("✓")+" "+line)
			default:
				out = append(out, p.muted.On("  "+line))
			}
		}
		if m := f.meta; m != nil {
			out = append(out,
				p.accent.On(fmt.Sprintf("%s, %d B", m.name, len(m.bytes))),
				fmt.Sprintf("size %d · chunks %d", m.fields.ChunkSize, m.fields.Chunks),
				fmt.Sprintf("length %d · crc %08x", m.fields.Length, m.fields.CRC),
			)
		}
		if f.checked {
			out = append(out, p.good.On("✓ length and CRC-32 match"))
		}
	case phDecode:
		out = append(out, p.accent.On("rebuilt map"))
		if f.rebuilt == 0 {
			out = append(out, p.muted.On("(empty)"))
		}
		for j, pr := range r.rebuilt[:f.rebuilt] {
			if f.added && j == f.rebuilt-1 {
				out = append(out, p.good.On("+ "+pairText(pr)))
			} else {
				out = append(out, "  "+pairText(pr))
			}
		}
	}
	return out
}

// pairText shows a pair as key = value, quoting text a terminal would
// not show as it is.
func pairText(pr kvstore.Pair) string {
	return showText(pr.Key) + " = " + showText(pr.Value)
}
