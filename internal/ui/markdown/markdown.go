// Package markdown renders lesson notes for the terminal with glamour and
// keeps each render, so a note is rendered once per width and style.
package markdown

import (
	"fmt"
	"regexp"
	"strings"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"
)

// Render renders md to fit width columns with a glamour standard style
// ("dark", "light" or "notty"). Every line of the result is at most width
// wide, with the padding glamour adds trimmed. Render is pure CPU work that
// takes milliseconds for a long note: the app calls it inside a tea.Cmd.
func Render(md string, width int, style string) (string, error) {
	if width < 1 {
		width = 1
	}
	// glamour indents the document by 2 and wraps at the wrap width, so the
	// wrap width is the width less that margin.
	r, err := glamour.NewTermRenderer(
		glamour.WithStandardStyle(style),
		glamour.WithWordWrap(max(width-2, 8)),
		glamour.WithTableWrap(true),
	)
	if err != nil {
		return "", fmt.Errorf("markdown: %w", err)
	}
	// Tabs reach the terminal raw and glamour counts them as one column:
	// expand them (CommonMark's tab stop is 4).
	out, err := r.Render(JoinListLines(strings.ReplaceAll(md, "\t", "    ")))
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
			line = ansi.Truncate(line, width, "")
		}
		lines[i] = line
	}
	return strings.Join(lines, "\n"), nil
}

var (
	listItemRE   = regexp.MustCompile(`^([-*+]|[0-9]{1,9}[.)])[ \t]+\S`)
	blockStartRE = regexp.MustCompile("^(#{1,6}[ \t]|>|\\||```|~~~|[-*_]{3,}[ \t]*$)")
)

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
	if ansi.Strip(line) == strings.TrimRight(ansi.Strip(line), " ") {
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

// Cache holds renders by Key. The zero value is ready to use. It is not
// safe for concurrent use: the app touches it only in Update.
type Cache struct {
	m map[Key]string
}

// Get returns the render for k, if there is one.
func (c *Cache) Get(k Key) (string, bool) {
	s, ok := c.m[k]
	return s, ok
}

// Put stores the render for k.
func (c *Cache) Put(k Key, s string) {
	if c.m == nil {
		c.m = map[Key]string{}
	}
	c.m[k] = s
}
