package stepper

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tutor/internal/visuals"
)

var update = flag.Bool("update", false, "rewrite the golden panes under testdata/")

// golden compares got with testdata/name.golden, or writes it with
// -update (read the diff before committing).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if got != strings.TrimSuffix(string(want), "\n") {
		t.Errorf("%s differs from %s:\n%s", name, path, got)
	}
}

// TestGoldenTimeline keeps a long run's pane as a learner sees it at 80
// and 160 columns: a TCP transfer of 20,000 bytes with a lost segment,
// 139 steps of 25 kinds, in buckets at 80 columns, the caret on the
// out-of-order segment before step 40's, reached by its kind; then the
// same pane in predict mode.
func TestGoldenTimeline(t *testing.T) {
	v, _ := visuals.Lookup("tcp")
	for _, w := range []int{80, 160} {
		m := open(t, v, []string{"--send", "20000", "--drop", "3"})
		m = goTo(t, m, 40)
		m = press(t, m, ",") // the last step of step 40's kind before it
		name := "tcp_" + itoa(w)
		golden(t, name+"_jump", view(m, w, 24))
		m = press(t, m, "P")
		golden(t, name+"_predict", view(m, w, 24))
	}
}

func itoa(n int) string {
	s := ""
	for n > 0 || s == "" {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}
