package mvccviz

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
)

// TestAbortedTransactionIsMarked is the tester's three mvcc findings, on
// PostgreSQL's g0 at repeatable read in the pane of a 120x40 lesson (64
// columns): T2's failed updates lost their ✗ to the column's cut, T2's
// commit (a ROLLBACK, as PostgreSQL answers a failed transaction's commit)
// showed ✓, the header named the script g0.rc beside "repeatable read",
// the last step's statement had no ✓, and a session setting the run's own
// level read "asks for read committed, but this run holds every
// transaction at read committed".
func TestAbortedTransactionIsMarked(t *testing.T) {
	th := visual.NewTheme(true, true)
	r, err := New().Run([]string{"--engine", "postgres", "--level", "rr", "--script", "g0"})
	if err != nil {
		t.Fatal(err)
	}
	out := ansi.Strip(r.Render(r.Len()-1, 64, 40, th))
	line := func(n string) string {
		for _, l := range strings.Split(out, "\n") {
			if f := strings.Fields(strings.TrimPrefix(l, "›")); len(f) > 0 && f[0] == n {
				return l
			}
		}
		t.Fatalf("no script line %s:\n%s", n, out)
		return ""
	}
	for n, want := range map[string]string{"9": "✗", "13": "✗", "14": "commit ✗ rolled back", "11": "commit ✓", "15": "→"} {
		if l := line(n); !strings.Contains(l, want) {
			t.Errorf("line %s is %q, want it to hold %q", n, strings.TrimSpace(l), want)
		}
	}
	if flat := strings.Join(strings.Fields(out), " "); strings.Contains(out, "g0.rc") || !strings.Contains(flat, "hermitage g0 (the script Hermitage ran at read committed)") {
		t.Errorf("the title:\n%s", out)
	}
	// The last step of a run whose last statement is a commit: ✓.
	r, err = New().Run(New().DefaultArgs())
	if err != nil {
		t.Fatal(err)
	}
	out = ansi.Strip(r.Render(r.Len()-1, 160, 48, th))
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "› ") && !strings.HasSuffix(strings.TrimRight(l, " "), "✓") && !strings.Contains(l, "→") && !strings.Contains(l, "✗") {
			t.Errorf("the last step's statement has no mark: %q", l)
		}
	}
	// A session that sets the run's own level.
	r, err = New().Run([]string{"--engine", "innodb", "--level", "rc", "--script", "g-single"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range r.Len() {
		if e := r.Frame(i).Explain; strings.Contains(e, "asks for read committed, but") {
			t.Errorf("step %d: %q", i+1, e)
		}
	}
}
