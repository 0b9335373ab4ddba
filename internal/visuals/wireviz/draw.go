package wireviz

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
	"tutor/solutions/wire"
)

// roleLetters mark the role of each byte under the hex row, so roles
// show without colour: t tag, l length, p payload.
var roleLetters = [...]string{"t", "l", "p"}

// roleNames name them in the legend.
var roleNames = [...]string{"tag", "length", "payload"}

// palette is the theme as paints, made once per Draw.
type palette struct {
	role                  [3]visual.Paint
	muted, accent, cursor visual.Paint
	good                  visual.Paint
}

func newPalette(th visual.Theme) palette {
	p := palette{
		muted: visual.NewPaint(th.Muted), accent: visual.NewPaint(th.Accent),
		cursor: visual.NewPaint(th.Cursor), good: visual.NewPaint(th.Good),
	}
	for i := range p.role {
		p.role[i] = visual.NewPaint(th.Field(i))
	}
	return p
}

// sideWidth is the least width that puts the field tree beside the bytes.
const sideWidth = 84

// rightWidth is the least width the bytes and bits keep beside the tree.
const rightWidth = 36

// Draw draws frame i: a header, a legend, then the field tree and the
// size table beside the bytes and the bits of the byte being written
// when wide, all stacked (bytes first) when narrow.
func (r *recording) Draw(i, width, height int, th visual.Theme) []string {
	f := r.frames[i]
	p := newPalette(th)
	lines := r.header(f, p, width)
	// The legend wraps between its items; it shows whole or not at all.
	if lg := visual.Wrap(width, "  ", "  ", legend(p)...); height >= len(lines)+2+len(lg) {
		lines = append(lines, lg...)
	}
	avail := height - len(lines)
	if width >= sideWidth {
		left := append(r.tree(f, p, avail-len(r.sizes)-2), "")
		left = append(left, r.sizeTable(p, 18)...)
		lw := 0
		for _, l := range left {
			lw = max(lw, ansi.StringWidth(l))
		}
		lw = min(lw, width-3-rightWidth)
		right := r.hexBlock(f, p, bytesPerRow(width-lw-3), max(2, avail-5))
		right = append(append(right, ""), r.bits(f, p, width-lw-3)...)
		for j := 0; j < max(len(left), len(right)) && j < avail; j++ {
			l, rt := "", ""
			if j < len(left) {
				l = ansi.Truncate(left[j], lw, "…")
			}
			if j < len(right) {
				rt = right[j]
			}
			lines = append(lines, l+strings.Repeat(" ", lw-ansi.StringWidth(l))+p.muted.On(" │ ")+rt)
		}
		return lines
	}
	bits := r.bits(f, p, width)
	hexRows := max(2, avail-len(bits)-1-min(4, len(r.outline)+1))
	top := len(lines)
	lines = append(lines, r.hexBlock(f, p, bytesPerRow(width), hexRows)...)
	lines = append(lines, bits...)
	lines = append(lines, r.sizeLine(p, width)...)
	// A field too long for the pane ends in …, as beside the bytes.
	return append(lines, visual.Cut(width, r.tree(f, p, max(2, avail-(len(lines)-top)))...)...)
}

// fit is whole when it fits in width, else items wrapped to it: a line of
// text keeps its layout where there is room and wraps where there is
// not.
func fit(width int, whole string, items ...string) []string {
	if ansi.StringWidth(whole) <= width {
		return []string{whole}
	}
	return visual.Wrap(width, "  ", " ", items...)
}

// bytesPerRow is the most bytes, 4, 8 or 16, whose hex row fits width.
func bytesPerRow(width int) int {
	for _, n := range []int{16, 8} {
		if hexWidth(n) <= width {
			return n
		}
	}
	return 4
}

// hexWidth is the width of a hex row of n bytes: a 4-digit offset and
// three columns a byte.
func hexWidth(n int) int { return 4 + 3*n }

// header names the message, how far the encode is and the field,
// wrapping between them on a narrow pane.
func (r *recording) header(f frame, p palette, width int) []string {
	items := []string{p.accent.On("encode " + r.message), fmt.Sprintf("%d/%d B", f.written, len(r.final))}
	if f.path != "" {
		items = append(items, p.accent.On(f.path))
	}
	return visual.Wrap(width, "  ", "  ", items...)
}

// legend names the role of each letter and colour, and the marker, an
// item each.
func legend(p palette) []string {
	var parts []string
	for k, name := range roleNames {
		parts = append(parts, p.role[k].On(roleLetters[k]+" "+name))
	}
	return append(parts, p.cursor.On("^")+" this step")
}

// hexBlock is the bytes written so far in at most avail lines: each row
// of bpr bytes over a line of role letters. Rows scroll to keep the
// step's bytes in view.
func (r *recording) hexBlock(f frame, p palette, bpr, avail int) []string {
	shown := r.bytes[:min(f.written, len(r.bytes))]
	if len(shown) == 0 {
		return []string{p.muted.On("(no bytes yet)")}
	}
	rows := (len(shown) + bpr - 1) / bpr
	visible := max(1, min(rows, avail/2))
	focus := max(f.hi-1, 0)
	start := max(0, min(focus/bpr-visible/2, rows-visible))
	var out []string
	for row := start; row < start+visible; row++ {
		var hex, mark strings.Builder
		hex.WriteString(p.muted.On(fmt.Sprintf("%04x", row*bpr%0x10000)))
		mark.WriteString("    ")
		for j := range bpr {
			o := row*bpr + j
			if o >= len(shown) {
				break
			}
			role := p.role[int(r.roles[o])%3]
			pt := role
			touched := o >= f.lo && o < f.hi
			if touched {
				pt = p.cursor
			}
			hex.WriteString(" " + pt.On(fmt.Sprintf("%02x", shown[o])))
			m := " "
			if touched {
				m = p.cursor.On("^")
			}
			mark.WriteString(" " + role.On(roleLetters[int(r.roles[o])%3]) + m)
		}
		out = append(out, hex.String(), strings.TrimRight(mark.String(), " "))
	}
	return out
}

// bits shows the byte being written in width columns: a varint byte as
// its continuation bit and seven payload bits with the groups so far, a
// fixed value as its number, a sign extension or zig-zag as the number it
// gives. A line too long for the width wraps.
func (r *recording) bits(f frame, p palette, width int) []string {
	switch {
	case f.varint:
		cont := "0: the last byte"
		if f.vb.More {
			cont = "1: more follow"
		}
		c := r.bytes[f.lo]
		b := fmt.Sprintf("byte %s = %s %s", p.cursor.On(fmt.Sprintf("%02x", c)), p.accent.On(fmt.Sprintf("%d", c>>7)), p.role[int(f.role)%3].On(fmt.Sprintf("%07b", f.vb.Bits)))
		group := p.muted.On(fmt.Sprintf("bits %d-%d", 7*f.vb.Group, 7*f.vb.Group+6))
		out := fit(width, b+"  "+group, b, group)
		out = append(out, fit(width, p.muted.On("continuation "+cont), p.muted.On("continuation"), p.muted.On(cont))...)
		// The groups so far, the last first as in the number, three a
		// line.
		var groups []string
		for k := len(f.groups) - 1; k >= 0; k-- {
			groups = append(groups, fmt.Sprintf("%07b", r.frames[f.groups[k]].vb.Bits))
		}
		for k := 0; k < len(groups); k += 3 {
			label := "groups "
			if k > 0 {
				label = "       "
			}
			out = append(out, p.muted.On(label)+strings.Join(groups[k:min(k+3, len(groups))], " "))
		}
		out = append(out, fmt.Sprintf("so far %d", f.vb.SoFar))
		if f.step == wire.StepTagByte && !f.vb.More {
			tag := fmt.Sprintf("tag %d = field %d << 3 | type %d", f.value, f.number, f.wt)
			out = append(out, fit(width, tag+p.muted.On(" "+f.wt.String()), append(strings.Fields(tag), p.muted.On(f.wt.String()))...)...)
		}
		return visual.Cut(width, out...)
	case f.fixed:
		hex := p.cursor.On(wire.Hex(r.bytes[f.lo:f.hi]))
		return append(fit(width, fmt.Sprintf("fixed %s = %d", hex, f.value), "fixed "+hex, fmt.Sprintf("= %d", f.value)),
			fit(width, p.muted.On("least significant byte first"), p.muted.On("least significant"), p.muted.On("byte first"))...)
	case f.step == wire.StepSignExtend || f.step == wire.StepZigZag:
		return fit(width, fmt.Sprintf("value to write %d ", f.value)+p.muted.On(fmt.Sprintf("(%#x)", f.value)),
			"value to write", fmt.Sprint(f.value), p.muted.On(fmt.Sprintf("(%#x)", f.value)))
	}
	return nil
}

// tree is the message's fields, the step's line marked, in at most avail
// lines around it.
func (r *recording) tree(f frame, p palette, avail int) []string {
	out := []string{p.accent.On("message " + r.message)}
	if len(r.outline) == 0 {
		return append(out, p.muted.On("(no field set)"))
	}
	visible := max(1, min(len(r.outline), avail-1))
	start := max(0, min(f.node-visible/2, len(r.outline)-visible))
	for j := start; j < start+visible; j++ {
		n := r.outline[j]
		indent := strings.Repeat("  ", n.Depth)
		switch {
		case j == f.node:
			out = append(out, indent+p.accent.On("▶ "+n.Text))
		case !n.Written:
			out = append(out, indent+p.muted.On("- "+n.Text))
		case j < f.node || f.step == wire.StepEncodeEnd:
			out = append(out, indent+p.good.On("✓")+" "+n.Text)
		default:
			out = append(out, indent+"  "+n.Text)
		}
	}
	return out
}

// sizeLine is the size table on one line, or two when width is too
// narrow for one, for a narrow box.
func (r *recording) sizeLine(p palette, width int) []string {
	var parts []string
	n := 0
	for _, s := range r.sizes {
		part := fmt.Sprintf("%s %d", s.Format, s.Bytes)
		n += len(part) + 3
		if s.Format == "protobuf" {
			part = p.good.On(part)
		}
		parts = append(parts, part)
	}
	sep := p.muted.On(" · ")
	if n+4 <= width || len(parts) < 4 {
		if one := p.muted.On("size ") + strings.Join(parts, sep) + " B"; ansi.StringWidth(one) <= width {
			return []string{one}
		}
	}
	if len(parts) >= 4 {
		two := []string{p.muted.On("size ") + strings.Join(parts[:2], sep) + " B", p.muted.On("     ") + strings.Join(parts[2:], sep) + " B"}
		if ansi.StringWidth(two[0]) <= width && ansi.StringWidth(two[1]) <= width {
			return two
		}
	}
	parts[len(parts)-1] += " B"
	return visual.Wrap(width, "     ", " ", append([]string{p.muted.On("size")}, parts...)...)
}

// sizeTable is the size of the message in each format, with a bar of at
// most bar columns.
func (r *recording) sizeTable(p palette, bar int) []string {
	out := []string{p.accent.On("same record, real encoders")}
	most := 1
	for _, s := range r.sizes {
		most = max(most, s.Bytes)
	}
	for _, s := range r.sizes {
		n := max(1, s.Bytes*bar/most)
		pt := p.muted
		if s.Format == "protobuf" {
			pt = p.good
		}
		out = append(out, fmt.Sprintf("%-8s %5d B %s", s.Format, s.Bytes, pt.On(strings.Repeat("█", n))))
	}
	return out
}
