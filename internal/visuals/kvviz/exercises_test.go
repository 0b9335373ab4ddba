package kvviz

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestExerciseHints: an answer in a form the exercise does not read gets a
// hint on the form; a well-formed answer, right or wrong, gets none.
func TestExerciseHints(t *testing.T) {
	cases := map[string]map[string]string{
		"kvstore.put-hex": {"00 00 00 01 zz": "in hex", "put(a, b)": "in hex", "00 00 00 01 41": "", "ff": ""},
		"kvstore.decode":  {"a:b": "key=value", "a=b c=d": "", "a=": ""},
		"kvstore.length":  {"twelve": "in digits", "12 bytes": "in digits", "12": "", " 7 ": ""},
		"kvstore.chunks":  {"two": "in digits", "3": ""},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, k := range exercises {
		want, ok := cases[k.ID]
		if !ok {
			t.Errorf("%s: no hint cases", k.ID)
			continue
		}
		for range 20 {
			e := k.New(r)
			for answer, w := range want {
				got := e.Hint(answer)
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
