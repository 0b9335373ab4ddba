package common

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestFit(t *testing.T) {
	red := lipgloss.NewStyle().Foreground(lipgloss.Color("#ff0000")).Render
	in := "short\n" + red("a styled line that is much too long") + "\n名字名字名字\nfour\nfive"
	for _, w := range []int{1, 3, 6, 12, 40} {
		for _, h := range []int{1, 2, 4, 6} {
			out := Fit(in, w, h)
			lines := strings.Split(out, "\n")
			if len(lines) != h {
				t.Errorf("%dx%d: %d lines", w, h, len(lines))
			}
			for _, line := range lines {
				if ansi.StringWidth(line) != w {
					t.Errorf("%dx%d: %q is %d wide", w, h, ansi.Strip(line), ansi.StringWidth(line))
				}
			}
		}
	}
	if Fit("x", 0, 3) != "" || Fit("x", 3, 0) != "" {
		t.Error("an empty box is not empty")
	}
}

// TestFitSaysWhereItCuts: a line cut at the box's edge ends in an
// ellipsis, so a learner never reads a cut line as a whole one; a line
// that fits is left as it is.
func TestFitSaysWhereItCuts(t *testing.T) {
	got := strings.Split(ansi.Strip(Fit("exactly ten\nten chars!\n名字名字名字", 10, 3)), "\n")
	want := []string{"exactly t…", "ten chars!", "名字名字… "}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d: %q, want %q", i, got[i], want[i])
		}
	}
}
