package visual

import (
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Theme is what a visualization draws with: styles that adapt to a dark or
// light background, and a Plain flag for NO_COLOR terminals.
//
// When Plain is set the styles carry no colour (bold, underline and reverse
// remain), and a visualization must show every distinction some other way as
// well: brackets, a marker character, a legend.
type Theme struct {
	// Plain reports whether colour is off (NO_COLOR).
	Plain bool
	// Dark reports whether the background is dark.
	Dark bool

	Text   lipgloss.Style // ordinary text
	Muted  lipgloss.Style // labels, offsets, legends
	Accent lipgloss.Style // titles, the thing being talked about
	Cursor lipgloss.Style // the element the current step touches
	Good   lipgloss.Style // success, a result
	Bad    lipgloss.Style // an error, a shortfall
	// Fields are distinct styles for categories of things (a key length,
	// a key, a value length, a value; a grant; a network bit...). There are
	// at least six; index them modulo len(Fields).
	Fields []lipgloss.Style
}

// NewTheme returns the theme for a dark or light background, plain when
// colour is off.
func NewTheme(dark, plain bool) Theme {
	th := Theme{Plain: plain, Dark: dark}
	if plain {
		th.Text = lipgloss.NewStyle()
		th.Muted = lipgloss.NewStyle()
		th.Accent = lipgloss.NewStyle().Bold(true)
		th.Cursor = lipgloss.NewStyle().Reverse(true)
		th.Good = lipgloss.NewStyle().Bold(true)
		th.Bad = lipgloss.NewStyle().Bold(true)
		th.Fields = make([]lipgloss.Style, 6)
		for i := range th.Fields {
			th.Fields[i] = lipgloss.NewStyle()
		}
		th.Fields[1] = th.Fields[1].Bold(true)
		th.Fields[3] = th.Fields[3].Underline(true)
		return th
	}
	c := lipgloss.LightDark(dark)
	fg := func(light, darkHex string) lipgloss.Style {
		return lipgloss.NewStyle().Foreground(c(lipgloss.Color(light), lipgloss.Color(darkHex)))
	}
	th.Text = lipgloss.NewStyle()
	th.Muted = fg("#6C6C6C", "#8A8A8A")
	th.Accent = fg("#5A3FC0", "#B7A6FF").Bold(true)
	th.Cursor = lipgloss.NewStyle().Reverse(true).Bold(true)
	th.Good = fg("#1B7F3B", "#6BD88A").Bold(true)
	th.Bad = fg("#B3261E", "#FF7A70").Bold(true)
	pairs := [][2]string{
		{"#0B6BCB", "#6CB6FF"}, // blue
		{"#8A5A00", "#F2C46D"}, // amber
		{"#7B2FA8", "#D59BFF"}, // violet
		{"#00796B", "#5FE0C8"}, // teal
		{"#B3261E", "#FF8F85"}, // red
		{"#4E6A00", "#B8E063"}, // olive
	}
	for _, p := range pairs {
		th.Fields = append(th.Fields, fg(p[0], p[1]))
	}
	return th
}

// Field returns the i-th category style, wrapping around.
func (th Theme) Field(i int) lipgloss.Style {
	if len(th.Fields) == 0 {
		return lipgloss.NewStyle()
	}
	if i < 0 {
		i = -i
	}
	return th.Fields[i%len(th.Fields)]
}

// FieldColor returns the foreground colour of the i-th category, or nil when
// the theme is plain.
func (th Theme) FieldColor(i int) color.Color {
	if th.Plain {
		return nil
	}
	return th.Field(i).GetForeground()
}

// Clip keeps the first height lines and cuts each to width columns, the
// last step of a Render that must stay inside its box.
func Clip(lines []string, width, height int) string {
	if len(lines) > height {
		lines = lines[:max(height, 0)]
	}
	for j, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[j] = ansi.Truncate(l, width, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// Paint is a style reduced to the escape sequences it wraps text in, so
// that drawing a cell is a string concatenation rather than a
// lipgloss.Style.Render: a frame of a few hundred cells stays well inside
// the View budget. The zero Paint leaves text as it is.
type Paint struct{ pre, post string }

// paintMark is a private-use rune that styles leave alone.
const paintMark = "\uE000"

// NewPaint returns the paint of st, found by rendering a mark once.
func NewPaint(st lipgloss.Style) Paint {
	pre, post, ok := strings.Cut(st.Render(paintMark), paintMark)
	if !ok {
		return Paint{}
	}
	return Paint{pre, post}
}

// On returns s in the paint's style.
func (p Paint) On(s string) string {
	if p.pre == "" && p.post == "" {
		return s
	}
	return p.pre + s + p.post
}
