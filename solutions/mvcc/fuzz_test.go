package mvcc

import (
	"strings"
	"testing"
)

// FuzzScript parses any text as a script and, when it parses, runs it on
// both engines at every level: a run or a one-line error, never a panic;
// and the canonical text parses back to the same statements.
func FuzzScript(f *testing.F) {
	for _, c := range Hermitage() {
		f.Add(c.Text)
	}
	f.Add("begin; -- T1\ninsert into test (id, value) values (3, 30), (3, 31); -- T1\ncommit; -- T1")
	f.Add("start transaction with consistent snapshot; -- T1\nselect * from test where id in (2, 1, 2) for update; -- T1")
	f.Add("begin; -- T1\ndelete from test where value % 10 = 0; -- T1\ninsert into test (id, value) values (1, -5); -- T1")
	f.Fuzz(func(t *testing.T, src string) {
		s, err := ParseScript(src)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("two-line error %q", err)
			}
			return
		}
		back, err := ParseScript(s.String())
		if err != nil || back.String() != s.String() {
			t.Fatalf("round trip: %q -> %v", s.String(), err)
		}
		for _, e := range []Engine{InnoDB, Postgres} {
			for _, l := range e.Levels() {
				o, err := Run(s, Options{Engine: e, Level: l})
				if err != nil {
					if strings.Contains(err.Error(), "\n") {
						t.Fatalf("two-line error %q", err)
					}
					continue
				}
				if len(o.Results) != len(s.Lines) {
					t.Fatalf("%d results for %d statements", len(o.Results), len(s.Lines))
				}
			}
		}
	})
}
