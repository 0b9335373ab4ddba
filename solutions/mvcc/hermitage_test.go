package mvcc

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestHermitageTranscripts runs every transcribed Hermitage script at the
// level Hermitage ran it and checks each statement against what Hermitage
// recorded: whether it blocked, what it returned, which error it gave;
// and whether the anomaly showed, against Hermitage's "prevents" or "does
// not prevent".
func TestHermitageTranscripts(t *testing.T) {
	cases := Hermitage()
	if len(cases) < 40 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		t.Run(c.Engine.String()+"/"+c.Name, func(t *testing.T) {
			o, err := Run(c.Script, Options{Engine: c.Engine})
			if err != nil {
				t.Fatal(err)
			}
			for i, x := range c.Expect {
				r := o.Results[i]
				if r.Blocked != x.Blocks {
					t.Errorf("line %d %s: blocked %v, Hermitage %v", r.Line, r, r.Blocked, x.Blocks)
				}
				if r.Pending {
					t.Errorf("line %d %s: never returned", r.Line, r)
				}
				if x.Err != "" && r.Err != x.Err {
					t.Errorf("line %d %s: error %q, Hermitage %q", r.Line, r, r.Err, x.Err)
				}
				if x.Err == "" && r.Err != "" {
					t.Errorf("line %d %s: unexpected error", r.Line, r)
				}
				if x.HasRows && !slices.Equal(r.Rows, x.Rows) {
					t.Errorf("line %d %s: Hermitage shows %s", r.Line, r, FormatRows(x.Rows))
				}
			}
			if got := c.Anomalous(o); got == c.Prevented {
				t.Errorf("anomalous %v, but Hermitage says prevented %v\n%s", got, c.Prevented, o)
			}
		})
	}
}

// TestHermitageTable checks the table, computed by running every case at
// every level, against the cells of Hermitage's README (our copy in
// testdata/hermitage/table.txt).
func TestHermitageTable(t *testing.T) {
	f, err := os.Open("testdata/hermitage/table.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cells := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		w := strings.Fields(line)
		e, err := ParseEngine(w[0])
		if err != nil {
			t.Fatal(err)
		}
		n := len(w) - len(Anomalies)
		l, err := ParseLevel(strings.Join(w[1:n], " "))
		if err != nil {
			t.Fatal(err)
		}
		for i, a := range Anomalies {
			got, err := Judge(e, l, a)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != w[n+i] {
				t.Errorf("%s %s %s: got %s, Hermitage %s", e, l, a, got, w[n+i])
			}
			cells++
		}
	}
	if cells != 70 {
		t.Errorf("checked %d cells, want 70", cells)
	}
}
