// Package common is what every screen of the app shares: the size it may
// draw in, the styles, the key map and the cache of rendered notes.
package common

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"

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
