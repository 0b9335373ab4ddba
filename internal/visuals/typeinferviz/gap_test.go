package typeinferviz

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
)

// TestShortPictureMarksTheRowsLeftOut is the tester's finding: in a box
// too short for the walk, the window of rows around the focus dropped the
// bindings' rows from under their title with no mark ("bindings", then
// "return [T2, [T1]]"), which read as no bindings. Every row left out is
// counted by a "⋮ N more rows", "⋮ N rows above" or (with room for one
// row) "⋮ N other rows" mark in its place: the
// lines shown plus those the marks count are the lines of the frame drawn
// tall.
func TestShortPictureMarksTheRowsLeftOut(t *testing.T) {
	mark := regexp.MustCompile(`^⋮ (\d+) (more rows|rows above|other rows)$`)
	th := visual.NewTheme(true, true)
	inputs := append([][]string{{"--fn", "[[T1, T2], T2] -> [T2, [T1]]", "--args", "[[int, [char, str]], [char, str]]"}}, goodInputs...)
	seen := false
	for _, args := range inputs {
		r, err := New().Run(args)
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		for i := range r.Len() {
			for _, w := range []int{40, 64, 100} {
				tall := strings.Split(ansi.Strip(r.Render(i, w, 1000, th)), "\n")
				for h := 6; h < len(tall); h++ {
					shown := strings.Split(ansi.Strip(r.Render(i, w, h, th)), "\n")
					if !strings.Contains(strings.Join(shown, "\n"), "formal") {
						continue // no room for the walk at all
					}
					n := len(shown)
					for _, l := range shown {
						if m := mark.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
							k, _ := strconv.Atoi(m[1])
							n += k - 1
							seen = true
						}
					}
					if n != len(tall) {
						t.Fatalf("%q frame %d at %dx%d: %d lines shown and marked, the frame has %d:\n%s", args, i+1, w, h, n, len(tall), strings.Join(shown, "\n"))
					}
				}
			}
		}
	}
	// The tester's frame, at the pane of a 120x40 lesson: the bindings'
	// title and its two rows are one mark.
	r, _ := New().Run(inputs[0])
	out := ansi.Strip(r.Render(r.Len()-1, 64, 14, th))
	if !strings.Contains(out, "✓ 2 T2     │ 2 [char, str]    \n⋮ 3 more rows\nreturn [T2, [T1]]") {
		t.Errorf("the last frame at 64x14 does not mark the bindings left out:\n%s", out)
	}
	if !seen {
		t.Error("no frame was drawn short enough to leave rows out: the test proves nothing")
	}
}
