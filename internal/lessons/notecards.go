package lessons

import (
	"fmt"
	"strings"
	"sync"
	"unsafe"

	"github.com/charmbracelet/x/ansi"
)

// MaxCardRows is how long a note's card may be before it is split: rows of
// 76 columns, about two screens of a quiz at 80x24. A section longer than
// that becomes several cards, "(1/3)", "(2/3)", "(3/3)", split at blank
// lines outside code blocks.
const MaxCardRows = 40

// section is the text under one heading of a note, up to the next heading.
type section struct {
	// path is the headings the text is under, outermost first; empty for
	// the text before the first heading.
	path []string
	// lines are the note's lines under the heading: a piece of the
	// note's lines (cap(lines) == len(lines), so that an append copies).
	lines []string
	// head is the heading's own lines (two for a setext heading).
	head []string
}

// outline is a note read into its sections in one pass over its lines.
type outline struct {
	// title is the text of the first one-# heading that is a heading (see
	// isCommentHeading), or "".
	title    string
	sections []section
}

// readOutline splits a note's lines (strings.Split of its text at "\n")
// at its headings. Lines inside ``` or ~~~ fences are never headings, nor
// are comments in unfenced code (isCommentHeading): those stay in the text
// of their section, escaped (\#) in lines, so that they show as text. The
// sections and heads are pieces of lines, which every line is in one of,
// in order. It reads each line a bounded number of times.
func readOutline(lines []string) outline {
	return (&scratch{lines: lines}).readOutline()
}

// scratch is the memory a note is parsed in, kept in scratches for the
// next: its lines, and the outline made of them, which the cards are made
// from and nothing keeps after.
type scratch struct {
	lines    []string
	sections []section
	levels   []int
	texts    []string
	paths    []string
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// put empties sc, so that it holds no note alive, and gives it and the
// memory of o back to scratches.
func (sc *scratch) put(o outline) {
	clear(sc.lines)
	clear(o.sections)
	clear(sc.texts[:cap(sc.texts)]) // popped texts are past its length
	clear(sc.paths)
	sc.lines, sc.sections = sc.lines[:0], o.sections[:0]
	sc.texts, sc.paths = sc.texts[:0], sc.paths[:0]
	scratches.Put(sc)
}

// readOutline is readOutline(sc.lines), in sc's memory.
func (sc *scratch) readOutline() outline {
	lines := sc.lines
	var (
		o        = outline{sections: sc.sections[:0]}
		fence    string
		levels   = sc.levels[:0] // the levels of the open headings, outermost first
		texts    = sc.texts[:0]  // and their texts
		paths    = sc.paths[:0]  // the sections' paths, one after the other
		cur      section
		start    int // the current section's lines start here
		prevComm bool
		chainEnd int
		hasTitle bool
	)
	skip := -1         // the underline of a setext heading
	prevBlank := false // lines[i-1] is blank (an escape leaves it not blank)
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		afterBlank := prevBlank
		prevBlank = trimmed == ""
		if i == skip {
			continue
		}
		switch {
		case fence != "":
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			prevComm = false
			continue
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			fence = trimmed[:3]
			prevComm = false
			continue
		}
		level, htext := headingLine(line)
		htext = SanitizeLine(htext)
		setext := false
		if level == 0 && i+1 < len(lines) && (i == 0 || afterBlank) {
			if level = setextLevel(line, lines[i+1]); level > 0 {
				htext, setext, skip = SanitizeLine(line), true, i+1
			}
		}
		if level == 0 {
			prevComm = false
			continue
		}
		if setext && readsAsCode(htext) {
			continue // the line and its underline stay text
		}
		if !setext && isCommentHeading(lines, i, level, htext, prevComm, &chainEnd) {
			// Nothing reads lines[i] again as it was: the next heading
			// is a comment too (prevComm), and the chain of headings
			// below has been read.
			lines[i] = `\` + line
			prevComm = true
			continue
		}
		prevComm = false
		cur.lines = lines[start:i:i]
		o.sections = append(o.sections, cur)
		for len(levels) > 0 && levels[len(levels)-1] >= level {
			levels, texts = levels[:len(levels)-1], texts[:len(texts)-1]
		}
		levels, texts = append(levels, level), append(texts, htext)
		// The paths are copies of texts, made in one slice that grows.
		paths = append(paths, texts...)
		cur = section{path: paths[len(paths)-len(texts) : len(paths) : len(paths)], head: lines[i : i+1 : i+1]}
		start = i + 1
		if setext {
			cur.head, start = lines[i:i+2:i+2], i+2
		}
		if level == 1 && !hasTitle && htext != "" {
			o.title, hasTitle = htext, true
		}
	}
	cur.lines = lines[start:len(lines):len(lines)]
	o.sections = append(o.sections, cur)
	sc.levels, sc.texts, sc.paths = levels, texts, paths
	return o
}

// noteCards makes the recall cards of a note titled title: one for each
// section with text (see readOutline), whose front is the title and the
// path of headings it is under, "Title › Q3 › Logic Framework" (a heading
// that is the title is left out of the path), and whose back is the text.
//
// Nothing written is lost: the text before the first heading is a card
// whose front is the title, and so is the text under a one-# heading that
// is the title (the two are one card when both are there); the text
// directly under a heading with sub-headings is a card of that heading;
// two sections with one path are told apart by " (2)", " (3)" after the
// second and third; and a section longer than MaxCardRows is split into
// parts, all kept.
//
// Each item's IDText is the text its card id is made from when it is not
// the front (the parts after the first of a split section), and Former is
// the text the card id was made from before fronts held the heading path
// ("Title › Logic Framework"), when that was this card alone.
func noteCards(title, text string, o outline) []Item {
	type card struct {
		front, former string
		lines         []string
	}
	cards := make([]card, 0, len(o.sections))
	titleCard := -1 // the card whose front is the title alone
	var count, leaves tally
	for _, s := range o.sections {
		if len(s.path) > 0 && hasText(s.lines) {
			leaves.add(s.path[len(s.path)-1])
		}
	}
	for _, s := range o.sections {
		if !hasText(s.lines) {
			continue
		}
		path := s.path // the headings but the title
		for k, h := range s.path {
			if h == title {
				path = path[:k:k]
				for _, h := range s.path[k:] {
					if h != title {
						path = append(path, h)
					}
				}
				break
			}
		}
		front := joinPath(title, path)
		if len(path) == 0 && titleCard >= 0 {
			// The text before the first heading and the text under the
			// title: one card. (No other card's front is the title: a
			// front with a path or a " (2)" is longer.)
			c := &cards[titleCard]
			c.lines = append(append(c.lines[:len(c.lines):len(c.lines)], ""), trimBlank(s.lines)...)
			continue
		}
		if n := count.add(front); n > 1 {
			front = fmt.Sprintf("%s (%d)", front, n)
		}
		c := card{front: front, lines: trimBlank(s.lines)}
		if len(s.path) > 0 {
			leaf := s.path[len(s.path)-1]
			switch {
			case leaves.get(leaf) != 1:
			case leaf == title:
				if front != title {
					c.former = title
				}
			case !isPath(front, title, leaf):
				c.former = joinPath(title, s.path[len(s.path)-1:])
			}
		}
		if front == title {
			titleCard = len(cards)
		}
		cards = append(cards, c)
	}
	items := make([]Item, 0, len(cards))
	for _, c := range cards {
		var one [1][]string
		parts := one[:0]
		if fenced := fenceCode(c.lines); fitsRows(fenced, MaxCardRows) {
			if part := trimBlank(fenced); len(part) > 0 {
				parts = append(parts, part) // what splitRows makes of it
			}
		} else {
			parts = splitRows(fenced, MaxCardRows)
		}
		for k, part := range parts {
			it := Item{Kind: Recall, Front: c.front, Back: joinLines(text, part), Markdown: true}
			if len(parts) > 1 {
				it.Front = fmt.Sprintf("%s (%d/%d)", c.front, k+1, len(parts))
				// The first part keeps the id the whole section had, so
				// a section that grows past the limit keeps its history.
				it.IDText = c.front
				if k > 0 {
					it.IDText = fmt.Sprintf("%s (part %d)", c.front, k+1)
				}
			}
			if k == 0 {
				it.Former = c.former
			}
			items = append(items, it)
		}
	}
	return items
}

// tally counts strings: in a few slots searched in turn, as most notes
// need, and in a map once there are more.
type tally struct {
	n    int
	keys [8]string
	vals [8]int
	m    map[string]int
}

// add counts one more k and returns how many there are.
func (t *tally) add(k string) int {
	if t.m == nil {
		for i := range t.n {
			if t.keys[i] == k {
				t.vals[i]++
				return t.vals[i]
			}
		}
		if t.n < len(t.keys) {
			t.keys[t.n], t.vals[t.n] = k, 1
			t.n++
			return 1
		}
		t.m = make(map[string]int, 2*len(t.keys))
		for i := range t.n {
			t.m[t.keys[i]] = t.vals[i]
		}
	}
	t.m[k]++
	return t.m[k]
}

// get returns how many k there are.
func (t *tally) get(k string) int {
	if t.m != nil {
		return t.m[k]
	}
	for i := range t.n {
		if t.keys[i] == k {
			return t.vals[i]
		}
	}
	return 0
}

// joinPath is title and the headings of path joined by " › ", in one
// allocation (none for the title alone).
func joinPath(title string, path []string) string {
	if len(path) == 0 {
		return title
	}
	n := len(title)
	for _, h := range path {
		n += len(" › ") + len(h)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(title)
	for _, h := range path {
		b.WriteString(" › ")
		b.WriteString(h)
	}
	return b.String()
}

// isPath reports whether front is joinPath(title, []string{leaf}), without
// making it.
func isPath(front, title, leaf string) bool {
	rest, ok := strings.CutPrefix(front, title)
	return ok && len(rest) == len(" › ")+len(leaf) && strings.HasPrefix(rest, " › ") && strings.HasSuffix(rest, leaf)
}

// joinLines is strings.Join(lines, "\n"), without a copy when lines are
// consecutive lines of text as strings.Split cut them: then it is the
// piece of text they span. That is told by where the lines are in memory:
// each line that is not empty must start where text has it, and text must
// hold a newline between each two, so that the piece has the very bytes
// of the join. (An empty line is empty wherever it is.)
func joinLines(text string, lines []string) string {
	f := 0 // the first line that is not empty
	for f < len(lines) && lines[f] == "" {
		f++
	}
	if f == len(lines) {
		return strings.Join(lines, "\n")
	}
	base := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	first, ok := pieceAt(text, lines[f])
	if !ok || first < f {
		return strings.Join(lines, "\n")
	}
	start := first - f // the f empty lines and their newlines come first
	at := start        // where lines[k] starts in text
	for k, l := range lines {
		if k > 0 {
			if at >= len(text) || text[at] != '\n' {
				return strings.Join(lines, "\n")
			}
			at++
		}
		if l != "" && uintptr(unsafe.Pointer(unsafe.StringData(l))) != base+uintptr(at) || len(l) > len(text)-at {
			return strings.Join(lines, "\n")
		}
		at += len(l)
	}
	return text[start:at]
}

// pieceAt reports whether s, not empty, is a piece of text in memory, not
// only in content, and where it starts.
func pieceAt(text, s string) (int, bool) {
	base := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	if s == "" || p < base || p-base > uintptr(len(text)) || uintptr(len(s)) > uintptr(len(text))-(p-base) {
		return 0, false
	}
	return int(p - base), true
}

// fitsRows reports whether lines take at most limit rows (see rows),
// which splitRows then leaves whole, by their length: a line is never
// wider than it is long, so it takes at most 1 + len/76 rows.
func fitsRows(lines []string, limit int) bool {
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	return len(lines)+n/76 <= limit
}

// setextLevel reads a setext heading, a line of text alone in its
// paragraph underlined with = (level 1) or - (level 2); it returns 0 when
// line and under are not one. (A paragraph of several lines over an
// underline is a heading too to CommonMark; here its text stays text.)
func setextLevel(line, under string) int {
	t := strings.TrimSpace(line)
	if t == "" || strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t") || isListItem(line) ||
		strings.HasPrefix(t, ">") || strings.HasPrefix(t, "|") || strings.HasPrefix(t, "<") {
		return 0
	}
	u := strings.TrimRight(under, " \t")
	if len(u)-len(strings.TrimLeft(u, " ")) > 3 {
		return 0
	}
	u = strings.TrimLeft(u, " ")
	switch {
	case u != "" && strings.Trim(u, "=") == "":
		return 1
	case u != "" && strings.Trim(u, "-") == "":
		return 2
	}
	return 0
}

// hasText reports whether any of lines is not blank.
func hasText(lines []string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			return true
		}
	}
	return false
}

// trimBlank drops the blank lines at both ends of lines, and the spaces at
// the end of the last.
func trimBlank(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// rows is how many rows of 76 columns line takes. A line of printable
// ASCII, as most are, is as wide as it is long; only others are measured
// by grapheme.
func rows(line string) int {
	w := len(line)
	for i := 0; i < len(line); i++ {
		if c := line[i]; c < 0x20 || c >= 0x7f {
			w = ansi.StringWidth(line)
			break
		}
	}
	return max(1, (w+75)/76)
}

// splitRows splits lines into parts of at most limit rows where it can: at
// blank lines outside ``` and ~~~ fences, or where there is none, before a
// line outside them. A code block longer than the limit stays whole. Each
// part is trimmed of blank lines at its ends. It reads each line once.
func splitRows(lines []string, limit int) [][]string {
	var (
		parts      [][]string
		start      int // the current part starts here
		cut        = -1
		used, upTo int // rows from start to cut, and to the line before i
		fence      string
	)
	for i, line := range lines {
		t := strings.TrimSpace(line)
		outside := fence == "" // line i starts outside a code block
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			fence = t[:3]
		case t == "":
			cut, used = i, upTo
		}
		upTo += rows(line)
		switch {
		case upTo > limit && cut > start:
			parts = append(parts, trimBlank(lines[start:cut]))
			start, upTo, cut = cut+1, upTo-used-1, -1
		case upTo > limit && outside && i > start && t != "":
			// A paragraph longer than the limit, with no blank line to
			// cut at: cut before this line.
			parts = append(parts, trimBlank(lines[start:i]))
			start, upTo, cut = i, rows(line), -1
		}
	}
	parts = append(parts, trimBlank(lines[start:]))
	out := parts[:0]
	for _, p := range parts {
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	return out
}
