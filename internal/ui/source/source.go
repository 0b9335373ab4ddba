// Package source draws a solution's Go source with chroma highlighting and
// the line that is running marked, as Python Tutor and VisuAlgo do.
package source

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	chromastyles "github.com/alecthomas/chroma/v2/styles"
	"github.com/charmbracelet/x/ansi"
)

// Listing is a highlighted source file, split into lines once so drawing a
// window of it is cheap.
type Listing struct {
	File  string
	plain []string // tabs expanded
	lines []string // highlighted; equal to plain when there is no style
	last  rendered // the latest Render, which a step often asks for again
}

// rendered is one Render's arguments and result.
type rendered struct {
	width, height, top, current int
	styles                      string // the two styles, as they draw "x"
	s                           string
	ok                          bool
}

// New highlights text as Go with the chroma style named style; an empty or
// unknown style gives a plain listing.
func New(file, text, style string) *Listing {
	text = strings.ReplaceAll(strings.TrimRight(text, "\n"), "\t", "    ")
	l := &Listing{File: file, plain: strings.Split(text, "\n")}
	l.lines = l.plain
	if style == "" {
		return l
	}
	st := chromastyles.Get(style)
	lexer := lexers.Get("go")
	if st == nil || lexer == nil {
		return l
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, text)
	if err != nil {
		return l
	}
	cache := map[chroma.TokenType]lipgloss.Style{}
	var lines []string
	for _, toks := range chroma.SplitTokensIntoLines(it.Tokens()) {
		var b strings.Builder
		for _, t := range toks {
			s, ok := cache[t.Type]
			if !ok {
				e := st.Get(t.Type)
				s = lipgloss.NewStyle()
				if e.Colour.IsSet() {
					s = s.Foreground(lipgloss.Color(e.Colour.String()))
				}
				if e.Bold == chroma.Yes {
					s = s.Bold(true)
				}
				if e.Italic == chroma.Yes {
					s = s.Italic(true)
				}
				cache[t.Type] = s
			}
			b.WriteString(s.Render(strings.TrimRight(t.Value, "\n")))
		}
		lines = append(lines, b.String())
	}
	if len(lines) == len(l.plain) {
		l.lines = lines
	}
	return l
}

// Lines is the number of lines.
func (l *Listing) Lines() int { return len(l.plain) }

// Render draws at most height lines of at most width columns, starting at
// line top (1-based, clamped), with line numbers; line current (1-based, 0
// for none) is drawn with the current style and a ▶ marker. The latest
// drawing is kept, so asking again for the same window costs nothing; a
// Listing is for one goroutine at a time.
func (l *Listing) Render(width, height, top, current int, number, cur lipgloss.Style) string {
	if width < 1 || height < 1 {
		return ""
	}
	top = max(1, min(top, len(l.plain)-height+1))
	styles := number.Render("x") + cur.Render("x")
	if k := l.last; k.ok && k.width == width && k.height == height && k.top == top && k.current == current && k.styles == styles {
		return k.s
	}
	digits := len(fmt.Sprint(len(l.plain)))
	out := make([]string, 0, height)
	for n := top; n < top+height && n <= len(l.plain); n++ {
		mark := "  "
		if n == current {
			mark = "▶ "
		}
		gutter := mark + fmt.Sprintf("%*d ", digits, n)
		room := width - ansi.StringWidth(gutter)
		if room < 1 {
			out = append(out, ansi.Truncate(gutter, width, ""))
			continue
		}
		var code string
		if n == current {
			code = cur.Render(padRight(ansi.Truncate(l.plain[n-1], room, "…"), room))
		} else {
			code = ansi.Truncate(l.lines[n-1], room, "…")
		}
		out = append(out, number.Render(gutter)+code)
	}
	l.last = rendered{width: width, height: height, top: top, current: current, styles: styles, s: strings.Join(out, "\n"), ok: true}
	return l.last.s
}

// TopFor returns the first line to show so that line current sits a third
// of the way down a window of height lines.
func (l *Listing) TopFor(current, height int) int {
	if current <= 0 {
		return 1
	}
	return max(1, min(current-height/3, len(l.plain)-height+1))
}

func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
