package treeviz

import (
	"slices"
	"strings"
	"testing"

	"tutor/internal/visual"
)

// FuzzParse checks that any input line is parsed without a panic, that a
// refusal is one line, that an accepted input formats back to words that
// parse to the same input, and that recording it either works or is
// refused in one line.
func FuzzParse(f *testing.F) {
	for _, line := range []string{
		"--tree 1(2(4),3) --op count",
		"--tree '1(2(4),3)' --op topology --order lifo",
		"--random 30 --seed 4 --op topology --order random",
		"--tree 1(2(4),3) --op count --pick 0,1,1,0 --dup 3",
		"--tree=1(2,3) -op=topology -pick=0,1",
		"--tree 1 --dup 1",
		"--tree 1(2) --dup 9",
		"--tree '1( 2 , 3 )' --seed 0 --pick ' 1, 0'",
		"--random 200 --op count --order random --dup 100",
	} {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args, err := visual.SplitArgs(line)
		if err != nil {
			return
		}
		in, err := parse(args)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("parse(%q): error spans lines: %q", args, err)
			}
			return
		}
		words := in.args()
		back, err := parse(words)
		if err != nil {
			t.Fatalf("parse(%q) formats as %q, which is refused: %v", args, words, err)
		}
		if back.tree.String() != in.tree.String() || back.random != in.random || back.seed != in.seed ||
			back.op != in.op || back.order != in.order || !slices.Equal(back.picks, in.picks) || back.dup != in.dup ||
			!slices.Equal(back.args(), words) {
			t.Fatalf("parse(%q) formats as %q, which parses to %q", args, words, back.args())
		}
		if len(in.picks) > 1000 {
			return
		}
		if _, err := record(in); err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("record(%q): error spans lines: %q", words, err)
		}
	})
}
