package visualtest

import (
	"math/rand/v2"
	"strings"
	"testing"

	"tutor/internal/visual"
)

// Hints checks the hints of kinds on n drawn exercises each: cases maps an
// exercise kind's ID to answers and the text each one's hint must hold,
// "" for an answer that gets no hint (well formed, right or wrong). A kind
// without cases is an error, and so is a hinted answer that Check accepts.
func Hints(t *testing.T, kinds []visual.ExerciseKind, cases map[string]map[string]string, n int) {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	for _, k := range kinds {
		want, ok := cases[k.ID]
		if !ok {
			t.Errorf("%s: no hint cases", k.ID)
			continue
		}
		for range n {
			e := k.New(r)
			for answer, w := range want {
				got := ""
				if e.Hint != nil {
					got = e.Hint(answer)
				}
				if (w == "") != (got == "") || !strings.Contains(got, w) {
					t.Errorf("%s: hint for %q is %q, want %q", k.ID, answer, got, w)
				}
				if got != "" && e.Check(answer) {
					t.Errorf("%s: %q accepted and hinted", k.ID, answer)
				}
			}
		}
	}
}
