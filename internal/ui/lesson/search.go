package lesson

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// hit is one place the search is found in the rendered note: a line and
// the columns [from, to) its text covers.
type hit struct{ line, from, to int }

// find returns the columns [from, to) of each place q (lower case runes)
// is in line (text without escape sequences), ignoring case, from the left,
// not overlapping, leaving out a place that starts or ends inside a
// grapheme cluster or takes no column. A no-break
// space matches a space: glamour pads inline code with them. Columns count
// wide runes as two, as the terminal does.
func find(line string, q []rune) [][2]int {
	if len(q) == 0 {
		return nil
	}
	rs := []rune(line)
	low := make([]rune, len(rs))
	for i, r := range rs {
		if r == '\u00a0' {
			r = ' '
		}
		low[i] = unicode.ToLower(r)
	}
	var out [][2]int
	var col []int
	for i := 0; i+len(q) <= len(low); i++ {
		if !runesEqual(low[i:i+len(q)], q) {
			continue
		}
		if col == nil {
			col = columns(line, len(rs))
		}
		from, to := col[i], col[i+len(q)]
		if from < 0 || to <= from {
			// It starts or ends inside a character drawn from several
			// runes, or takes no column: nothing to highlight.
			continue
		}
		out = append(out, [2]int{from, to})
		i += len(q) - 1
	}
	return out
}

// columns is, for each rune index of line (and its end), the column where
// it starts on screen, or -1 for a rune inside a grapheme cluster (a
// letter and its accent, a flag): the terminal draws clusters whole.
func columns(line string, n int) []int {
	col := make([]int, n+1)
	for i := range col {
		col[i] = -1
	}
	i, c := 0, 0
	for s := line; s != ""; {
		cl, w := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
		if cl == "" {
			break
		}
		col[i] = c
		i += utf8.RuneCountInString(cl)
		c += w
		s = s[len(cl):]
	}
	col[n] = c
	return col
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// query is the search as find takes it: lower case, trimmed, no-break
// spaces as spaces.
func query(s string) []rune {
	rs := []rune(strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " ")))
	for i, r := range rs {
		rs[i] = unicode.ToLower(r)
	}
	return rs
}

// findMatches finds the search in the rendered note. The current match
// keeps its number when the note is rendered again at another width.
func (m *Model) findMatches() {
	m.matches = nil
	q := query(m.query)
	for i, line := range m.plain {
		for _, c := range find(line, q) {
			m.matches = append(m.matches, hit{i, c[0], c[1]})
		}
	}
	m.match = max(0, min(m.match, len(m.matches)-1))
}

// gotoMatch makes match i (modulo their number) the current one and
// scrolls the note to two lines above it.
func (m *Model) gotoMatch(i int) {
	if len(m.matches) == 0 {
		return
	}
	m.match = (i%len(m.matches) + len(m.matches)) % len(m.matches)
	m.note.SetYOffset(max(m.matches[m.match].line-2, 0))
	if !m.wide() {
		m.focus = NotePane
	}
}

// markMatches draws the search's matches on lines, the note's lines from
// line off: each match's text highlighted in the text itself (the current
// one underlined as well), and its line marked in the note's left margin
// (glamour indents by two): ▶ the current match's, › the others'.
func (m Model) markMatches(lines []string, off int) []string {
	st := m.c.Styles
	other, cur := st.Current, st.Current.Underline(true)
	out := make([]string, len(lines))
	copy(out, lines)
	// The matches on screen are a run of m.matches, in line order.
	for i := 0; i < len(m.matches); {
		h := m.matches[i]
		if h.line < off || h.line >= off+len(lines) {
			i++
			continue
		}
		j := i
		for j < len(m.matches) && m.matches[j].line == h.line {
			j++
		}
		line, mark := lines[h.line-off], "›"
		var b strings.Builder
		at := 0
		for k := i; k < j; k++ {
			style := other
			if k == m.match {
				style, mark = cur, "▶"
			}
			x := m.matches[k]
			b.WriteString(ansi.Cut(line, at, x.from))
			b.WriteString(style.Render(ansi.Strip(ansi.Cut(line, x.from, x.to))))
			at = x.to
		}
		b.WriteString(ansi.Cut(line, at, m.noteKey.Width))
		line = b.String()
		if strings.HasPrefix(m.plain[h.line], " ") && m.matches[i].from > 0 {
			line = st.Accent.Render(mark) + ansi.Cut(line, 1, m.noteKey.Width)
		}
		out[h.line-off] = line
		i = j
	}
	return out
}
