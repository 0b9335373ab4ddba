package kvviz

import (
	"testing"

	"tutor/internal/visual/visualtest"
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
	visualtest.Hints(t, exercises, cases, 20)
}
