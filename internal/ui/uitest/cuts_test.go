package uitest

import (
	"strings"
	"testing"
)

func TestCuts(t *testing.T) {
	words := NewWords("A lesson-title-in-one-chunk and a summary of it.", "╭──╮ 名字=值 x=1")
	cases := []struct {
		name, screen string
		cut          []string // the chunks found cut, in order
	}{
		{"fits with room", "A lesson   \n", nil},
		{"fits exactly", "│and a│summary│", nil},
		{"cut silently", "│A lesson-tit│and│", []string{"lesson-tit"}},
		{"cut with an ellipsis", "│A lesson-ti…│", nil},
		{"at the screen's edge", "a summ", []string{"summ"}},
		{"drawing", "│╭────│", nil},
		{"drawing after text", "│x=1────▶│x=1·┼··│", nil},
		{"text after drawing", "│────x=│", []string{"x="}},
		{"hard-wrapped", "│lesson-ti│\n│tle-in-on│\n│e-chunk  │", nil},
		{"next row is not its rest", "│lesson-ti│\n│and      │", []string{"lesson-ti"}},
		{"next row empty", "│lesson-ti│\n│         │", []string{"lesson-ti"}},
		{"wide runes", "│名字=│", []string{"名字="}},
		{"wide runes whole", "│名字=值│x=1│", nil},
		{"styled", "\x1b[1m│A lesson-tit\x1b[0m│", []string{"lesson-tit"}},
	}
	for _, tc := range cases {
		var got []string
		for _, c := range Cuts(tc.screen, words) {
			got = append(got, c.Chunk)
		}
		if strings.Join(got, ",") != strings.Join(tc.cut, ",") {
			t.Errorf("%s: cuts %q, want %q", tc.name, got, tc.cut)
		}
	}
	words.AddInner("│+2 more here│ x")
	if c := Cuts("│x +2 more│", words); len(c) != 0 {
		t.Errorf("a word seen inside a line is whole: %+v", c)
	}
	if c := Cuts("│x +2 mo│", words); len(c) != 1 {
		t.Errorf("the last chunk of a pane is not taken as whole: %+v", c)
	}
	if c := Cuts("ab\n│x=1│名字=", words); len(c) != 2 || c[0].Row != 0 || c[1].Row != 1 || c[1].Col != 9 {
		t.Errorf("rows and columns: %+v", c)
	}
}

// TestPress: every key a binding of the app names is pressed as itself.
func TestPress(t *testing.T) {
	for _, s := range []string{"ctrl+u", "ctrl+d", "ctrl+c", "home", "end", "pgdown", "pgup", "shift+tab", "tab", "esc", "enter", "space", "up", "left", "q", "G", "?", "+"} {
		if got := Press(s).String(); got != s {
			t.Errorf("Press(%q) is %q", s, got)
		}
	}
}
