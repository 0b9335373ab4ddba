package treeviz

import (
	"math/rand/v2"
	"strings"
	"testing"

	"tutor/internal/visual/visualtest"
)

// TestExerciseHints: an answer in a form the exercise does not read gets a
// hint on the form; a well-formed answer, right or wrong, gets none.
func TestExerciseHints(t *testing.T) {
	number := map[string]string{"twelve": "in digits", "12 messages": "in digits", "1,024": "", "7": ""}
	cases := map[string]map[string]string{
		"tree.messages": number,
		"tree.reports":  number,
		"tree.rounds":   number,
		"tree.topology": {"2: 4": "braces", "{2: {4: {}}}": "", "{}": ""},
	}
	visualtest.Hints(t, exerciseKinds, cases, 10)
}

// TestReportsAskAMachineWithAParent: the machine asked about is never the
// root, which has no parent to report to.
func TestReportsAskAMachineWithAParent(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		e := newReports(r)
		if strings.Contains(e.Question, "machine 1 send") {
			t.Fatalf("asks about the root: %s", e.Question)
		}
	}
}
