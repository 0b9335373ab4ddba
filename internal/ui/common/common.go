// Package common is what every screen of the app shares: the size it may
// draw in, the styles, the key map and the cache of rendered notes.
package common

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/ui/keys"
	"tutor/internal/ui/markdown"
	"tutor/internal/ui/styles"
)

// Common is handed to every screen by the root model.
type Common struct {
	Width, Height int
	Styles        styles.Styles
	Keys          keys.Map
	Notes         *markdown.Cache
	// Help draws key bindings, styled for the background.
	Help help.Model
}

// Fit makes s exactly width columns by height rows: longer lines are cut,
// shorter ones padded with spaces, missing rows added and extra rows
// dropped. Screens use it so that a layout never grows past its box.
func Fit(s string, width, height int) string {
	if width < 1 || height < 1 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	for i, line := range lines {
		w := ansi.StringWidth(line)
		switch {
		case w > width:
			lines[i] = ansi.Truncate(line, width, "…")
			if w2 := ansi.StringWidth(lines[i]); w2 < width {
				lines[i] += strings.Repeat(" ", width-w2)
			}
		case w < width:
			lines[i] = line + strings.Repeat(" ", width-w)
		}
	}
	return strings.Join(lines, "\n")
}

// Wrap wraps plain or styled text to width columns, breaking at spaces
// where it can.
func Wrap(s string, width int) string {
	if width < 1 {
		return ""
	}
	return ansi.Wrap(s, width, "")
}

// SteadyCursor turns off a text input's cursor blink: a steady cursor needs
// no timer, so the screen is redrawn only when something changes.
func SteadyCursor(in *textinput.Model) {
	s := in.Styles()
	s.Cursor.Blink = false
	in.SetStyles(s)
}

// Indent puts one space before every line of s.
func Indent(s string) string {
	return " " + strings.ReplaceAll(s, "\n", "\n ")
}

// Scroll moves vp for one of the app's scrolling keys (a line, a page, the
// top or the bottom) and reports whether msg was one. Screens clear the
// viewport's own key map and scroll through this, so that every pane
// that scrolls takes the same keys.
func Scroll(vp *viewport.Model, msg tea.KeyPressMsg, k keys.Map) bool {
	switch {
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.PageDown):
		vp.PageDown()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	default:
		return false
	}
	return true
}
