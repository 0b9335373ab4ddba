package stepper

import (
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// FuzzGoToStep types anything into the go-to-step prompt and presses
// enter: a number of the run goes there and closes the prompt; anything
// else is refused in one line naming it, with the prompt open and the
// frame kept. The pane always fits its box.
func FuzzGoToStep(f *testing.F) {
	for _, s := range []string{"1", "30", "31", "0", "-1", " 7 ", "+3", "1e3", "٣", "99999999999999999999", "", "12abc", "\x1b[31m5"} {
		f.Add(s)
	}
	base := open(f, manyVisual, []string{"--n", "30"})
	f.Fuzz(func(t *testing.T, s string) {
		m := press(t, base, "l", "l", ":")
		for _, r := range s {
			m, _ = feed(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
		}
		typed := m.goTo.Value()
		m, _ = feed(t, m, keyPress("enter"))
		n, err := strconv.Atoi(strings.TrimSpace(typed))
		if err == nil && n >= 1 && n <= 30 {
			if m.Frame() != n-1 || m.Capturing() {
				t.Fatalf("%q: frame %d, prompt open %v", typed, m.Frame(), m.Capturing())
			}
		} else if m.Frame() != 2 || !m.Capturing() || !strings.Contains(m.goErr, "want a whole number from 1 to 30") || strings.Contains(m.goErr, "\n") {
			t.Fatalf("%q: frame %d, prompt open %v, error %q", typed, m.Frame(), m.Capturing(), m.goErr)
		}
		checkBox(t, "after "+strconv.Quote(s), m.View(40, 12, plain), 40, 12)
	})
}
