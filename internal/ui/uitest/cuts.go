package uitest

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// Words is the text a screen is made of, as whole chunks: the runs of
// characters between spaces and pane borders. Cuts asks it whether the text
// that ends at a pane's edge is a whole chunk, or the piece of one that goes
// on in the next row. The zero value knows no text; build it with NewWords.
type Words struct {
	whole  map[string]bool
	joined string // every chunk, each between \x00s, for substring lookups
}

// NewWords returns the chunks of texts, which may hold escape sequences
// and several lines.
func NewWords(texts ...string) *Words {
	w := &Words{whole: map[string]bool{}}
	w.Add(texts...)
	return w
}

// Add adds the chunks of texts.
func (w *Words) Add(texts ...string) {
	var b strings.Builder
	b.WriteString(w.joined)
	if b.Len() == 0 {
		b.WriteByte(0)
	}
	for _, t := range texts {
		for _, c := range strings.FieldsFunc(ansi.Strip(t), isGap) {
			if !w.whole[c] {
				w.whole[c] = true
				b.WriteString(c)
				b.WriteByte(0)
			}
		}
	}
	w.joined = b.String()
}

// AddInner adds the chunks of screen (a View) that are followed, in their
// pane, by more text: words the screen shows whole, since text goes on
// after them. The last chunk of each pane is left out, as it may be cut.
func (w *Words) AddInner(screen string) {
	var inner []string
	for _, r := range strings.Split(ansi.Strip(screen), "\n") {
		row := cellsOf(r)
		for _, p := range panes(row) {
			cs := strings.FieldsFunc(text(row[p.start:p.end]), isGap)
			if len(cs) > 1 {
				inner = append(inner, strings.Join(cs[:len(cs)-1], " "))
			}
		}
	}
	w.Add(inner...)
}

// Whole reports whether c is one of the chunks.
func (w *Words) Whole(c string) bool { return w.whole[c] }

// Inside reports whether s is part of one chunk (a hard-wrapped chunk's
// pieces are).
func (w *Words) Inside(s string) bool {
	return !strings.ContainsRune(s, 0) && strings.Contains(w.joined, s)
}

// Borders are the runes that end a pane: the vertical edges of lipgloss's
// normal, rounded, thick and double borders.
const Borders = "│┃║"

// isGap reports whether r separates chunks: a space, a border, or a rune
// of drawing (box drawing, blocks, geometric shapes, arrows, the middle
// dot), whose runs a picture stretches or shrinks with its width.
func isGap(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || strings.ContainsRune(Borders, r) || isDrawing(r)
}

func isDrawing(r rune) bool {
	return (r >= 0x2500 && r <= 0x25ff) || (r >= 0x2190 && r <= 0x21ff) || r == '·'
}

// Cut is a row of a screen whose text stops at a pane's edge in the middle
// of a chunk and says nothing of it: no "…", and no next row that goes on
// with the chunk.
type Cut struct {
	Row   int    // 0-based
	Col   int    // the 0-based column of the pane's last cell
	Line  string // the whole row
	Chunk string // the text at the edge
}

// Cuts returns the rows of screen (a View, escape sequences allowed) that
// are cut without an ellipsis, judged against words, the text the screen
// is drawn from. The rule:
//
// A row is split into panes at the border runes (Borders) and at the
// screen's right edge. A pane whose last cell is blank was not cut: its
// text ended before the edge; nor was one whose last cell is drawing (a
// rule, a bar, an arrow, a corner). Any other pane ends in a chunk (the
// run of cells before the edge that are neither blank nor drawing), and
// passes if that chunk
//   - ends in "…" (a cut that says so);
//   - has no letter or digit (punctuation);
//   - is whole in words (text that fits exactly); or
//   - goes on in the next row: the chunk followed by the first chunk of the
//     same columns of the next row is part of one chunk of words (a word
//     hard-wrapped because it is longer than the pane).
//
// Anything else is text that runs into the edge and stops: a cut. A cut
// that falls on a space, dropping whole words, leaves the last cell blank
// and is not seen; fixtures whose long texts are single chunks (joined by
// hyphens) make every cut land inside a chunk.
func Cuts(screen string, words *Words) []Cut {
	rows := strings.Split(ansi.Strip(screen), "\n")
	cells := make([][]cell, len(rows))
	for i, r := range rows {
		cells[i] = cellsOf(r)
	}
	var cuts []Cut
	for i, row := range cells {
		for _, p := range panes(row) {
			last := row[p.end-1]
			if isGap(last.r) {
				continue // blank, or drawing
			}
			start := p.end
			for start > p.start && !isGap(row[start-1].r) {
				start--
			}
			chunk := text(row[start:p.end])
			if strings.HasSuffix(chunk, "…") || !hasLetter(chunk) || words.Whole(chunk) {
				continue
			}
			if i+1 < len(cells) {
				if next := firstChunk(cells[i+1], row[p.start].col, last.col); next != "" && words.Inside(chunk+next) {
					continue
				}
			}
			cuts = append(cuts, Cut{Row: i, Col: last.col, Line: rows[i], Chunk: chunk})
		}
	}
	return cuts
}

// cell is a rune and the column it starts at.
type cell struct {
	r   rune
	col int
}

func cellsOf(row string) []cell {
	var cs []cell
	col := 0
	for _, r := range row {
		w := 1
		if r >= 0x300 { // below it every rune is one column
			w = ansi.StringWidth(string(r))
		}
		if w == 0 && len(cs) > 0 {
			continue // a combining mark belongs to the cell before
		}
		cs = append(cs, cell{r, col})
		col += max(w, 1)
	}
	return cs
}

type span struct{ start, end int } // cell indexes, end exclusive

// panes are the runs of cells between borders, each non-empty.
func panes(row []cell) []span {
	var out []span
	start := 0
	for i, c := range row {
		if strings.ContainsRune(Borders, c.r) {
			if i > start {
				out = append(out, span{start, i})
			}
			start = i + 1
		}
	}
	if len(row) > start {
		out = append(out, span{start, len(row)})
	}
	return out
}

// firstChunk is the first chunk of row within columns from to to.
func firstChunk(row []cell, from, to int) string {
	var b strings.Builder
	for _, c := range row {
		if c.col < from {
			continue
		}
		if c.col > to || (isGap(c.r) && b.Len() > 0) {
			break
		}
		if !isGap(c.r) {
			b.WriteRune(c.r)
		}
	}
	return b.String()
}

func text(cs []cell) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteRune(c.r)
	}
	return b.String()
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
