// Package markdown renders lesson notes for the terminal with glamour and
// keeps each render, so a note is rendered once per width and style.
package markdown

import (
	"fmt"
	"regexp"
	"strings"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"

	"tutor/internal/lessons"
)

// What Render hands to glamour: a note beyond any of these is shown as
// plain text under a line that says which limit it passes. glamour's time
// and memory grow faster than the note past them (50,000 headings took 97 s
// and 2.1 GB, 100 KB of ">" more than two minutes and 1.6 GB), and deep
// nesting can overflow the stack, which no recover catches. The shipped
// lessons stay far below each (about 420 lines, 15 headings, 50 list
// items, depth 3).
const (
	MaxLines     = 5000  // lines
	MaxHeadings  = 500   // lines that start with #
	MaxListItems = 2000  // lines that start a list item
	MaxDepth     = 12    // block quotes and list items nested on one line
	MaxBrackets  = 5000  // [ (links, images, references)
	MaxEmphasis  = 10000 // * and _ (emphasis delimiters)
)

// Complexity returns why md is beyond what Render hands to glamour, or ""
// when it is not. It reads md once, line by line, and allocates nothing.
func Complexity(md string) string {
	var lines, headings, items, depth int
	for line := range strings.SplitSeq(md, "\n") {
		lines++
		d, heading := lineDepth(line)
		if heading {
			headings++
		}
		if d.items > 0 {
			items++
		}
		depth = max(depth, d.quotes+d.items+d.indent)
	}
	switch {
	case lines > MaxLines:
		return fmt.Sprintf("%d lines, more than the %d rendered", lines, MaxLines)
	case headings > MaxHeadings:
		return fmt.Sprintf("%d headings, more than the %d rendered", headings, MaxHeadings)
	case items > MaxListItems:
		return fmt.Sprintf("%d list items, more than the %d rendered", items, MaxListItems)
	case depth > MaxDepth:
		return fmt.Sprintf("quotes and lists nested %d deep, more than the %d rendered", depth, MaxDepth)
	}
	if n := strings.Count(md, "["); n > MaxBrackets {
		return fmt.Sprintf("%d brackets [, more than the %d rendered", n, MaxBrackets)
	}
	if n := strings.Count(md, "*") + strings.Count(md, "_"); n > MaxEmphasis {
		return fmt.Sprintf("%d emphasis marks * and _, more than the %d rendered", n, MaxEmphasis)
	}
	return ""
}

type nesting struct{ quotes, items, indent int }

// lineDepth measures how deep line opens blocks: the quote markers and
// list markers at its start, and its indentation in steps of two columns
// when it starts a list item (a nested list); heading reports a line that
// starts with #.
func lineDepth(line string) (d nesting, heading bool) {
	i, col := 0, 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		if line[i] == '\t' {
			col += 4
		} else {
			col++
		}
		i++
	}
	lead := col
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '>':
			d.quotes++
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			d.items++
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				d.items++
				i = j + 2
				continue
			}
			return d, false
		case c == '#':
			return d, d.quotes == 0 && d.items == 0
		default:
			if d.items > 0 {
				d.indent = lead / 2
			}
			return d, false
		}
	}
	if d.items > 0 {
		d.indent = lead / 2
	}
	return d, false
}

// Plain is md as plain text, every line wrapped to width, under a line
// that says why it is not rendered: what Render shows for a note beyond
// its limits. It takes time in proportion to md.
func Plain(md, why string, width int) string {
	width = max(width, 1)
	lines := []string{"This note is shown as plain text, not rendered: it has " + why + "."}
	lines = append(lines, "")
	for line := range strings.SplitSeq(strings.ReplaceAll(md, "\t", "    "), "\n") {
		lines = append(lines, line)
	}
	out := ansi.Hardwrap(ansi.Wrap(strings.Join(lines, "\n"), width, ""), width, true)
	return strings.TrimRight(out, "\n")
}

// Render renders md to fit width columns with a glamour standard style
// ("dark", "light" or "notty"). Every line of the result is at most width
// wide, with the padding glamour adds trimmed. Render is pure CPU work that
// takes milliseconds for a long note: the app calls it inside a tea.Cmd.
//
// A learner's note reads as its cards do (see Card): a comment in
// unfenced code is not a heading, and the code is fenced
// (lessons.FenceCode); a note with a line written in CJK, or with <br>,
// keeps its CJK line breaks, wraps CJK text between characters and breaks
// lines at <br>, as Card does. A note with none of these, as every
// built-in lesson is, renders as glamour renders it.
//
// A note beyond the limits above (see Complexity) is not handed to glamour
// and comes back as Plain text, quickly; a panic inside glamour comes back
// as an error.
func Render(md string, width int, style string) (out string, err error) {
	if width < 1 {
		width = 1
	}
	if why := Complexity(md); why != "" {
		return Plain(md, why, width), nil
	}
	defer func() {
		if r := recover(); r != nil {
			out, err = "", fmt.Errorf("markdown: the renderer failed on this note: %v", r)
		}
	}()
	// A note reads as its cards do (see Card): comments in unfenced code
	// are not headings, and the code is fenced.
	md = lessons.FenceCode(md)
	asCard := readsAsCard(md)
	// glamour indents the document by 2 and wraps at the wrap width, so the
	// wrap width is the width less that margin.
	opts := []glamour.TermRendererOption{
		styleOption(style),
		glamour.WithWordWrap(max(width-2, 8)),
		glamour.WithTableWrap(true),
	}
	if asCard {
		opts = append(opts, glamour.WithPreservedNewLines())
	}
	r, err := glamour.NewTermRenderer(opts...)
	if err != nil {
		return "", fmt.Errorf("markdown: %w", err)
	}
	// Tabs reach the terminal raw and glamour counts them as one column:
	// expand them (CommonMark's tab stop is 4).
	md = strings.ReplaceAll(md, "\t", "    ")
	if asCard {
		// A note written in CJK, or with <br>, reads as a card does (see
		// Card): CJK lines keep their breaks and wrap between
		// characters, <br> breaks a line, and in a table row is " · ".
		// glamour's paragraphs hold width-6 columns.
		md = CardLines(md, max(width-6, 4))
	} else {
		md = JoinListLines(md)
	}
	md = CutCodeLines(md, max(width-8, 4))
	out, err = glamourRender(r, md)
	if err != nil {
		return "", fmt.Errorf("markdown: %w", err)
	}
	// glamour writes links as OSC 8 hyperlinks, whose target the reader
	// cannot see: keep only its colours (SGR), so that a note can neither
	// hide a link's target nor send the terminal anything but colours.
	out = onlySGR(out)
	lines := strings.Split(strings.Trim(out, "\n"), "\n")
	for i, line := range lines {
		line = trimRightSpace(line)
		if ansi.StringWidth(line) > width {
			line = ansi.Truncate(line, width, "…")
		}
		lines[i] = line
	}
	return strings.Join(lines, "\n"), nil
}

// styleOption is glamour's standard style, except that "notty" shows
// strong and emphasised text bold and italic rather than between ** and *
// markers: a plain note carries no markup (tutor render --plain strips the
// escapes too; in the app without colour, bold and italic still show).
func styleOption(style string) glamour.TermRendererOption {
	if style != "notty" {
		return glamour.WithStandardStyle(style)
	}
	cfg := styles.NoTTYStyleConfig
	yes := true
	cfg.Strong.BlockPrefix, cfg.Strong.BlockSuffix, cfg.Strong.Bold = "", "", &yes
	cfg.Emph.BlockPrefix, cfg.Emph.BlockSuffix, cfg.Emph.Italic = "", "", &yes
	return glamour.WithStyles(cfg)
}

// glamourRender is glamour's render, a variable so a test can make it
// panic.
var glamourRender = (*glamour.TermRenderer).Render

var (
	listItemRE   = regexp.MustCompile(`^([-*+]|[0-9]{1,9}[.)])[ \t]+\S`)
	blockStartRE = regexp.MustCompile("^(#{1,6}[ \t]|>|\\||```|~~~|[-*_]{3,}[ \t]*$)")
)

// CutCodeLines cuts each line of a fenced code block that is wider than
// max columns to max, ending in "…". Glamour would wrap it, and a wrapped
// line of a diagram or of code reads as two lines; a cut one says that it
// goes on. (Glamour indents a code block inside the note's margin and
// wraps its text 8 columns short of the width: Render cuts at the width
// less 8, which a test holds at every width.)
func CutCodeLines(md string, max int) string {
	lines := strings.Split(md, "\n")
	fence := ""
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		switch {
		case fence != "":
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			} else if ansi.StringWidth(line) > max {
				lines[i] = ansi.Truncate(line, max, "…")
			}
		case strings.HasPrefix(trimmed, "```"), strings.HasPrefix(trimmed, "~~~"):
			fence = trimmed[:3]
		}
	}
	return strings.Join(lines, "\n")
}

// JoinListLines joins the soft-wrapped lines of each list item into one
// line, outside fenced code blocks. Glamour renders a soft line break inside
// a list item as a hard one, which leaves a sentence broken in the middle of
// the screen; in a paragraph it does not, and paragraphs are left alone.
func JoinListLines(md string) string {
	lines := strings.Split(md, "\n")
	out := make([]string, 0, len(lines))
	fence, inItem := "", false
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		switch {
		case fence != "":
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
		case strings.HasPrefix(trimmed, "```"), strings.HasPrefix(trimmed, "~~~"):
			fence, inItem = trimmed[:3], false
		case trimmed == "":
			inItem = false
		case listItemRE.MatchString(trimmed):
			inItem = true
		case inItem && !blockStartRE.MatchString(trimmed):
			out[len(out)-1] = strings.TrimRight(out[len(out)-1], " ") + " " + trimmed
			continue
		default:
			inItem = false
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// trimRightSpace drops the spaces glamour pads a line with, keeping the
// escape sequences that close styles.
func trimRightSpace(line string) string {
	if !strings.HasSuffix(ansi.Strip(line), " ") {
		return line
	}
	// Walk back over trailing spaces and SGR sequences.
	var tail []string
	s := line
	for {
		switch {
		case strings.HasSuffix(s, " "):
			s = s[:len(s)-1]
		case strings.HasSuffix(s, "m") && strings.LastIndex(s, "\x1b[") >= 0 && isSGR(s[strings.LastIndex(s, "\x1b["):]):
			i := strings.LastIndex(s, "\x1b[")
			tail = append(tail, s[i:])
			s = s[:i]
		default:
			for j := len(tail) - 1; j >= 0; j-- {
				s += tail[j]
			}
			return s
		}
	}
}

// onlySGR returns s without its escape sequences other than SGR (CSI
// parameters m): OSC, DCS, APC, PM and SOS strings go whole, through
// their terminator, and so does any other CSI or ESC sequence.
func onlySGR(s string) string {
	if !strings.ContainsRune(s, '\x1b') {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] != '\x1b' {
			j := strings.IndexByte(s[i:], '\x1b')
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		if i+1 >= len(s) {
			break
		}
		switch s[i+1] {
		case '[':
			j := i + 2
			for j < len(s) && s[j] >= 0x20 && s[j] <= 0x3f {
				j++
			}
			for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
				j++
			}
			if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7e {
				if s[j] == 'm' && isSGR(s[i:j+1]) {
					b.WriteString(s[i : j+1])
				}
				j++
			}
			i = j
		case ']', 'P', '_', '^', 'X':
			j := i + 2
			for j < len(s) && s[j] != '\a' && !(s[j] == '\x1b' && j+1 < len(s) && s[j+1] == '\\') {
				j++
			}
			switch {
			case j >= len(s):
				i = j
			case s[j] == '\a':
				i = j + 1
			default:
				i = j + 2
			}
		default:
			i += 2
		}
	}
	return b.String()
}

func isSGR(seq string) bool {
	body := strings.TrimSuffix(strings.TrimPrefix(seq, "\x1b["), "m")
	for _, r := range body {
		if (r < '0' || r > '9') && r != ';' && r != ':' {
			return false
		}
	}
	return true
}

// Key names one render of one document.
type Key struct {
	Doc   string
	Width int
	Style string
}

// MaxCached is how many renders a Cache keeps: a note rendered at every
// width a window is dragged through must not stay in memory at each.
const MaxCached = 16

// Cache holds renders by Key, at most MaxCached (the oldest goes first),
// and knows which documents have a render under way. The zero value is
// ready to use. It is not safe for concurrent use: the app touches it only
// in Update.
type Cache struct {
	m     map[Key]string
	order []Key
	busy  map[string]Key
}

// Get returns the render for k, if there is one.
func (c *Cache) Get(k Key) (string, bool) {
	s, ok := c.m[k]
	return s, ok
}

// Put stores the render for k, dropping the oldest render when the cache
// is full.
func (c *Cache) Put(k Key, s string) {
	if c.m == nil {
		c.m = map[Key]string{}
	}
	if _, ok := c.m[k]; !ok {
		c.order = append(c.order, k)
	}
	c.m[k] = s
	for len(c.order) > MaxCached {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
}

// Len is the number of renders kept.
func (c *Cache) Len() int { return len(c.m) }

// Begin records that a render of k is under way and reports true, or
// reports false when a render of the same document is already under way:
// the caller then waits for that one to finish (Done) and asks again for
// the size it wants by then. So however often the window is resized, at
// most one render per document runs at a time.
func (c *Cache) Begin(k Key) bool {
	if _, ok := c.busy[k.Doc]; ok {
		return false
	}
	if c.busy == nil {
		c.busy = map[string]Key{}
	}
	c.busy[k.Doc] = k
	return true
}

// Busy reports whether a render of doc is under way.
func (c *Cache) Busy(doc string) bool {
	_, ok := c.busy[doc]
	return ok
}

// Done records that the render of k has finished.
func (c *Cache) Done(k Key) {
	if b, ok := c.busy[k.Doc]; ok && b == k {
		delete(c.busy, k.Doc)
	}
}

// Heading is a heading of a note: its level (1 for #) and its text.
type Heading struct {
	Level int
	Text  string
}

var (
	atxRE     = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	linkRE    = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	markupRE  = regexp.MustCompile("[`*_\u00a0]")
	hashesRE  = regexp.MustCompile(`^#{1,6} `)
	spaceRunR = regexp.MustCompile(`\s+`)
)

// Headings returns the headings of md outside fenced code blocks, in
// order: ATX headings (lines that start with one to six #) and setext
// headings (a line alone in its paragraph over a line of = for level 1 or
// - for level 2). A comment in unfenced code is not one: Headings reads md
// as Render does (lessons.FenceCode). It takes time in proportion to md.
func Headings(md string) []Heading {
	md = lessons.FenceCode(md)
	var hs []Heading
	fence := ""
	lines := strings.Split(md, "\n")
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		switch {
		case fence != "":
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		case strings.HasPrefix(trimmed, "```"), strings.HasPrefix(trimmed, "~~~"):
			fence = trimmed[:3]
			continue
		}
		if m := atxRE.FindStringSubmatch(line); m != nil {
			if strings.TrimSpace(m[2]) != "" {
				hs = append(hs, Heading{Level: len(m[1]), Text: strings.TrimSpace(m[2])})
			}
			continue
		}
		if i+1 < len(lines) && (i == 0 || strings.TrimSpace(lines[i-1]) == "") && setextText(line) {
			if m := setextRE.FindStringSubmatch(lines[i+1]); m != nil {
				hs = append(hs, Heading{Level: map[byte]int{'=': 1, '-': 2}[m[1][0]], Text: trimmed})
			}
		}
	}
	return hs
}

var setextRE = regexp.MustCompile(`^ {0,3}(=+|-+)[ \t]*$`)

// setextText reports whether line can be the text of a setext heading:
// not blank, not indented code, not a list item, a quote, a table row or
// HTML.
func setextText(line string) bool {
	t := strings.TrimSpace(line)
	return t != "" && !strings.HasPrefix(line, "    ") && !strings.HasPrefix(line, "\t") &&
		!listItemRE.MatchString(t) && !strings.ContainsAny(t[:1], ">|<") && !setextRE.MatchString(line)
}

// Plain is the heading's text as a reader sees it: links as their text,
// without emphasis and code marks.
func (h Heading) Plain() string {
	s := linkRE.ReplaceAllString(h.Text, "$1")
	s = strings.NewReplacer("`", "", "**", "", "__", "", "*", "").Replace(s)
	return strings.TrimSpace(spaceRunR.ReplaceAllString(s, " "))
}

// plainHeading is a heading's text or a rendered line as HeadingLines
// compares them: links as their text, without emphasis and code marks or
// no-break spaces (glamour pads inline code with them), spaces collapsed.
func plainHeading(s string) string {
	s = linkRE.ReplaceAllString(s, "$1")
	s = markupRE.ReplaceAllString(s, " ")
	return strings.TrimSpace(spaceRunR.ReplaceAllString(s, " "))
}

// HeadingLines returns the line of a rendered note (lines, escape
// sequences allowed) where each of hs starts, in order, or -1 for a heading
// not found. A heading starts on the first line after the last heading
// found that holds the start of its text: with its level's # marks for
// levels 2 to 6 (glamour's standard styles show them), with or without
// them for level 1 (the dark and light styles show a title bar). It takes
// one pass over lines.
func HeadingLines(lines []string, hs []Heading) []int {
	at := make([]int, len(hs))
	from := 0
	for i, h := range hs {
		at[i] = -1
		want := plainHeading(h.Text)
		marks := strings.Repeat("#", h.Level) + " "
		for j := from; j < len(lines); j++ {
			line := lines[j]
			if strings.IndexByte(line, '\x1b') >= 0 {
				line = ansi.Strip(line)
			}
			if h.Level > 1 && !strings.HasPrefix(strings.TrimLeft(line, " "), "#") {
				continue // the common case, cheaply
			}
			line = strings.TrimSpace(strings.ReplaceAll(line, "\u00a0", " "))
			if line == marks[:h.Level] && j+1 < len(lines) {
				// A narrow note puts the marks on a line of their own
				// when the first word does not fit beside them.
				line = marks + strings.TrimSpace(ansi.Strip(lines[j+1]))
			}
			has := strings.HasPrefix(line, marks)
			if !has && (h.Level > 1 || hashesRE.MatchString(line)) {
				continue
			}
			if got := plainHeading(strings.TrimPrefix(line, marks)); got != "" && strings.HasPrefix(want, got) {
				at[i], from = j, j+1
				break
			}
		}
	}
	return at
}
