package source

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

const src = "package x\n\n// Sum adds.\nfunc Sum(xs []int) int {\n\ts := 0 // step: init\n\tfor _, x := range xs {\n\t\ts += x // step: add\n\t}\n\treturn s\n}\n"

func TestRender(t *testing.T) {
	for _, style := range []string{"", "github-dark", "github", "no-such-style"} {
		l := New("x/sum.go", src, style)
		if l.Lines() != 10 {
			t.Fatalf("%d lines", l.Lines())
		}
		out := ansi.Strip(l.Render(40, 4, 5, 7, lipgloss.NewStyle(), lipgloss.NewStyle().Reverse(true)))
		lines := strings.Split(out, "\n")
		if len(lines) != 4 || !strings.HasPrefix(lines[0], "   5 ") || !strings.HasPrefix(lines[2], "▶  7         s += x") {
			t.Errorf("style %q:\n%s", style, out)
		}
		for w := 1; w < 50; w += 3 {
			for _, line := range strings.Split(l.Render(w, 20, 1, 5, lipgloss.NewStyle(), lipgloss.NewStyle()), "\n") {
				if ansi.StringWidth(line) > w {
					t.Errorf("width %d: %q", w, ansi.Strip(line))
				}
			}
		}
	}
	if got := New("x", src, "github").lines[4]; !strings.Contains(got, "\x1b[") {
		t.Error("no highlighting with a chroma style")
	}
}

func TestTopFor(t *testing.T) {
	l := New("x", src, "")
	if top := l.TopFor(7, 6); top != 5 {
		t.Errorf("TopFor(7, 6) = %d", top)
	}
	if top := l.TopFor(1, 6); top != 1 {
		t.Errorf("TopFor(1, 6) = %d", top)
	}
	if top := l.TopFor(10, 6); top != 5 {
		t.Errorf("TopFor(10, 6) = %d: must not scroll past the end", top)
	}
}

// TestRenderKeepsOnlyWhatIsAskedAgain: the kept drawing is returned for
// the same window alone; another current line, top, size or style draws
// anew (a step of the run moves the marker).
func TestRenderKeepsOnlyWhatIsAskedAgain(t *testing.T) {
	l := New("x/sum.go", src, "")
	plain, rev := lipgloss.NewStyle(), lipgloss.NewStyle().Reverse(true)
	marked := func(s string) string {
		for _, line := range strings.Split(ansi.Strip(s), "\n") {
			if strings.HasPrefix(line, "▶") {
				return line
			}
		}
		return ""
	}
	a := l.Render(40, 8, 1, 5, plain, rev)
	if l.Render(40, 8, 1, 5, plain, rev) != a {
		t.Error("the same window drew differently")
	}
	if got := marked(l.Render(40, 8, 1, 7, plain, rev)); !strings.HasPrefix(got, "▶  7") {
		t.Errorf("current 7 after 5: marked %q", got)
	}
	if got := marked(l.Render(40, 8, 1, 5, plain, rev)); !strings.HasPrefix(got, "▶  5") {
		t.Errorf("current 5 again: marked %q", got)
	}
	if got := l.Render(40, 8, 2, 5, plain, rev); strings.HasPrefix(ansi.Strip(got), "   1 ") {
		t.Errorf("top 2 drew from line 1:\n%s", ansi.Strip(got))
	}
	if got := l.Render(20, 8, 1, 5, plain, rev); got == a {
		t.Error("a narrower window drew the wider one")
	}
	l.Render(40, 8, 1, 5, plain, rev)
	if got := l.Render(40, 8, 1, 5, plain, plain); got == a {
		t.Error("another current style drew the old one")
	}
}
