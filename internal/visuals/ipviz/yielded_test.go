package ipviz

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
)

// TestYieldedFillsItsLines is the tester's finding: the four addresses of
// 255.255.255.252/30 were listed 1 then 3. The list fills its lines from
// the oldest: no line but the last could take the address after it.
func TestYieldedFillsItsLines(t *testing.T) {
	r, err := New().Run([]string{"--cidr", "255.255.255.252/30"})
	if err != nil {
		t.Fatal(err)
	}
	th := visual.NewTheme(true, true)
	for _, w := range []int{34, 40, 50, 64, 80} {
		out := strings.Split(ansi.Strip(r.Render(r.Len()-1, w, 40, th)), "\n")
		at := -1
		for i, l := range out {
			if strings.HasPrefix(l, "yielded 4:") {
				at = i
			}
		}
		if at < 0 {
			t.Fatalf("at %d columns no yielded list:\n%s", w, strings.Join(out, "\n"))
		}
		var lines []string
		for _, l := range out[at+1:] {
			if !strings.HasPrefix(l, " ") || strings.TrimSpace(l) == "" {
				break
			}
			lines = append(lines, strings.TrimRight(l, " "))
		}
		n := 0
		for k, l := range lines {
			n += len(strings.Fields(l))
			if k+1 < len(lines) {
				next := strings.Fields(lines[k+1])[0]
				if ansi.StringWidth(l)+1+ansi.StringWidth(next) <= w {
					t.Errorf("at %d columns line %q could take %q:\n%s", w, l, next, strings.Join(lines, "\n"))
				}
			}
		}
		if n != 4 {
			t.Errorf("at %d columns %d addresses listed:\n%s", w, n, strings.Join(lines, "\n"))
		}
	}
}
