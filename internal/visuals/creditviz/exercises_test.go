package creditviz

import (
	"math/rand/v2"
	"strings"
	"testing"
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
	r := rand.New(rand.NewPCG(1, 2))
	for _, k := range exercises {
		want, ok := cases[k.ID]
		if !ok {
			t.Errorf("%s: no hint cases", k.ID)
			continue
		}
		for range 10 {
			e := k.New(r)
			for answer, w := range want {
				got := e.Hint(answer)
				if (w == "") != (got == "") || !strings.Contains(got, w) {
					t.Errorf("%s: hint for %q is %q, want %q", k.ID, answer, got, w)
				}
			}
		}
	}
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
