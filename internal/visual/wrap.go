package visual

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Wrap packs items into lines of at most width columns, the way a legend
// or a sentence is laid out under a picture: sep between two items on a
// line, and indent (a hanging indent) before every line after the first
// when at least half the width is left beside it. An item is kept whole
// on a line where it fits; one wider than a line is broken at its spaces,
// and a word wider than a line is cut with "…", so that nothing is lost
// without a mark. Items may carry styles (escape sequences count for no
// width); one that may be broken should be styled word by word, so that
// each line closes what it opens. An empty item is skipped, and no items
// give no lines. A width
// below 1 counts as 1.
//
// Wrap(20, "  ", " · ", "held 70", "owed 0", "shortfall 10") gives
// "held 70 · owed 0" and "  shortfall 10".
func Wrap(width int, indent, sep string, items ...string) []string {
	width = max(width, 1)
	if ansi.StringWidth(indent)*2 > width {
		indent = ""
	}
	room := width - ansi.StringWidth(indent) // of every line after the first
	type token struct {
		s, join string
		w       int
	}
	var toks []token
	for _, item := range items {
		w := ansi.StringWidth(item)
		switch {
		case w == 0:
		case w <= room:
			toks = append(toks, token{item, sep, w})
		default:
			for i, word := range strings.Fields(item) {
				join := " "
				if i == 0 {
					join = sep
				}
				if ansi.StringWidth(word) > room {
					word = ansi.Truncate(word, room, "…")
				}
				toks = append(toks, token{word, join, ansi.StringWidth(word)})
			}
		}
	}
	var lines []string
	var b strings.Builder
	used := -1 // the width of the line under way, -1 before its first token
	for _, t := range toks {
		limit := room
		if len(lines) == 0 {
			limit = width
		}
		if used >= 0 && used+ansi.StringWidth(t.join)+t.w <= limit {
			b.WriteString(t.join)
			b.WriteString(t.s)
			used += ansi.StringWidth(t.join) + t.w
			continue
		}
		if used >= 0 {
			lines = append(lines, b.String())
			b.Reset()
			b.WriteString(indent)
		}
		b.WriteString(t.s)
		used = t.w
	}
	if used >= 0 {
		lines = append(lines, b.String())
	}
	return lines
}

// Shorten joins parts with sep in one line of at most width columns,
// leaving parts out from the end until the rest fits: a header lists its
// parts most useful first, and a narrow box drops the least useful. A first
// part too wide alone is cut with "…". Empty parts are skipped.
//
// Shorten(24, " · ", "count", "step 3/21", "in flight 2") gives
// "count · step 3/21"; at 40 columns, all three.
func Shorten(width int, sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	for len(kept) > 1 && ansi.StringWidth(strings.Join(kept, sep)) > width {
		kept = kept[:len(kept)-1]
	}
	s := strings.Join(kept, sep)
	if ansi.StringWidth(s) > width {
		s = ansi.Truncate(s, max(width, 1), "…")
	}
	return s
}

// Cut returns lines with each one wider than width cut to it with "…", as
// Clip cuts at the box's edge: for the rows of a picture, which may be cut
// where text wraps (Wrap) or drops a part (Shorten). It changes lines in
// place.
func Cut(width int, lines ...string) []string {
	for j, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[j] = ansi.Truncate(l, max(width, 1), "…")
		}
	}
	return lines
}
