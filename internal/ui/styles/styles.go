// Package styles holds the app's lipgloss styles in one struct, for a dark
// or light background, with or without colour.
package styles

import (
	"charm.land/lipgloss/v2"

	"tutor/internal/visual"
)

// Styles are the app's styles. Build them with New; the zero value draws
// everything unstyled.
type Styles struct {
	// Theme is what visualizations draw with.
	Theme visual.Theme
	// Glamour is the glamour standard style for notes: "dark", "light" or
	// "notty" (plain).
	Glamour string
	// Chroma is the chroma style for the source pane; empty when plain.
	Chroma string

	App        lipgloss.Style
	Header     lipgloss.Style
	HeaderDim  lipgloss.Style
	Pane       lipgloss.Style // an unfocused pane: a border
	PaneFocus  lipgloss.Style // the focused pane
	PaneTitle  lipgloss.Style
	Status     lipgloss.Style
	Error      lipgloss.Style
	Muted      lipgloss.Style
	Accent     lipgloss.Style
	Good       lipgloss.Style
	Bad        lipgloss.Style
	LineNumber lipgloss.Style
	Current    lipgloss.Style // the source line that runs
	Selected   lipgloss.Style
}

// New returns the styles for a dark or light background; plain turns
// colour off (NO_COLOR) and keeps distinctions with bold, reverse and
// border shapes.
func New(dark, plain bool) Styles {
	th := visual.NewTheme(dark, plain)
	s := Styles{Theme: th}
	if plain {
		s.Glamour = "notty"
		s.Pane = lipgloss.NewStyle().Border(lipgloss.NormalBorder())
		s.PaneFocus = lipgloss.NewStyle().Border(lipgloss.DoubleBorder())
		s.Current = lipgloss.NewStyle().Reverse(true)
		s.Selected = lipgloss.NewStyle().Reverse(true)
		s.Header = lipgloss.NewStyle().Bold(true)
	} else {
		c := lipgloss.LightDark(dark)
		accent := c(lipgloss.Color("#5A3FC0"), lipgloss.Color("#B7A6FF"))
		dim := c(lipgloss.Color("#C8C8C8"), lipgloss.Color("#4A4A4A"))
		s.Glamour = "light"
		s.Chroma = "github"
		if dark {
			s.Glamour = "dark"
			s.Chroma = "github-dark"
		}
		s.Pane = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(dim)
		s.PaneFocus = lipgloss.NewStyle().Border(lipgloss.ThickBorder()).BorderForeground(accent)
		s.Current = lipgloss.NewStyle().Background(c(lipgloss.Color("#FFF3B0"), lipgloss.Color("#4B3F00"))).Bold(true)
		s.Selected = lipgloss.NewStyle().Foreground(accent).Bold(true)
		s.Header = lipgloss.NewStyle().Bold(true).Foreground(accent)
	}
	s.App = lipgloss.NewStyle()
	s.HeaderDim = th.Muted
	s.PaneTitle = th.Accent
	s.Status = th.Muted
	s.Error = th.Bad
	s.Muted = th.Muted
	s.Accent = th.Accent
	s.Good = th.Good
	s.Bad = th.Bad
	s.LineNumber = th.Muted
	return s
}
