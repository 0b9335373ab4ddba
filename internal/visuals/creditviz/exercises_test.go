package creditviz

import (
	"math/rand/v2"
	"testing"

	"tutor/internal/visual/visualtest"
)

// TestExerciseHints: an answer in a form the exercise does not read gets a
// hint on the form; a well-formed answer, right or wrong, gets none.
func TestExerciseHints(t *testing.T) {
	number := map[string]string{"twelve": "in digits", "about 40": "in digits", "40 credits": "", "0": ""}
	cases := map[string]map[string]string{
		"credits.balance":    number,
		"credits.shortfall":  number,
		"credits.next-grant": {"grant a": "id alone", "the first": "id alone", "A": "", "none": "", "b": ""},
	}
	visualtest.Hints(t, exercises, cases, 10)
}

// TestNextGrantHasAChoice: the charge asked about always has two grants
// or more valid to choose from, so "which grant first" is a question.
func TestNextGrantHasAChoice(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 100 {
		if e := newNextGrant(r); e.Answer == "none" {
			t.Fatalf("no grant to use: %s", e.Question)
		}
	}
}
