package creditviz

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
)

// FuzzRun checks that any input line is either refused with a one-line
// error or runs, and that every frame of a run then renders within its
// size, whatever the grant ids (wide, combining, odd runes) and times.
func FuzzRun(f *testing.F) {
	for _, s := range []string{
		"--add a:100@0+10 --add b:50@2+30 --charge 120@5 --at 12",
		"--add a:x@0+1",
		"--charge -5@1",
		"--add 日本:10@0+5 --charge 3@2 --at 2",
		"--add e\u0301:1@0+0 --at 0",
		"--add a:1@-9223372036854775808+0 --add b:2@9223372036854775000+807 --charge 1@0",
		"--add=a:1@0+1 --at=-3",
	} {
		f.Add(s)
	}
	th := []visual.Theme{visual.NewTheme(true, false), visual.NewTheme(false, true)}
	f.Fuzz(func(t *testing.T, line string) {
		args, err := visual.SplitArgs(line)
		if err != nil {
			return
		}
		r, err := New().Run(args)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error on two lines: %q", err)
			}
			return
		}
		for _, i := range []int{0, r.Len() / 2, r.Len() - 1} {
			for _, sz := range [][2]int{{1, 1}, {23, 7}, {80, 24}} {
				out := r.Render(i, sz[0], sz[1], th[i%2])
				lines := strings.Split(out, "\n")
				if len(lines) > sz[1] {
					t.Fatalf("frame %d at %dx%d: %d lines", i, sz[0], sz[1], len(lines))
				}
				for _, l := range lines {
					if w := ansi.StringWidth(l); w > sz[0] {
						t.Fatalf("frame %d at %dx%d: line %q is %d wide", i, sz[0], sz[1], ansi.Strip(l), w)
					}
				}
			}
		}
	})
}
