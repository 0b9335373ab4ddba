package mvccviz

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tutor/internal/ui/keys"
	"tutor/internal/visual"
	"tutor/internal/visual/visualtest"
	"tutor/solutions/mvcc"
)

var update = flag.Bool("update", false, "rewrite the golden files under ../testdata/golden")

var goodInputs = [][]string{
	{"--engine", "postgres", "--level", "ser", "--script", "g2-item"},
	{"--engine", "innodb", "--level", "ser", "--script", "g-single"},
	{"--engine", "innodb", "--level", "ser", "--script", "g2-fekete"},
	{"--engine", "postgres", "--level", "rr", "--script", "g-single-write.rr"},
	{"--engine", "innodb", "--level", "rc", "--sql", "begin; -- T1 | select * from test where value % 10 = 0 for update; -- T1 | delete from test where id in (1, 2); -- T1 | rollback; -- T1"},
	{"--engine", "postgres", "--level", "rc", "--sql", "begin; -- T1 | insert into test (id, value) values (3, 30); -- T1 | begin; -- T2 | insert into test (id, value) values (3, 31); -- T2 | rollback; -- T1"},
	{"--table"},
}

var badInputs = [][]string{
	{"--engine", "oracle"},
	{"--level", "snapshot"},
	{"--engine", "postgres", "--level", "ru"},
	{"--script", "g3"},
	{"--script", "g0", "--sql", "begin; -- T1"},
	{"--table", "--script", "g0"},
	{"--sql", "begin; -- either"},
	{"--sql", "begin; -- T1 | begin; -- T1"},
	{"--file", "/nonexistent/script.sql"},
	{"stray"},
}

func TestGolden(t *testing.T) { visualtest.Golden(t, New(), "../testdata/golden", *update) }

func TestSteps(t *testing.T) { visualtest.Steps(t, New()) }

func TestConformance(t *testing.T) { visualtest.Conformance(t, New(), goodInputs, badInputs) }

func TestExercises(t *testing.T) { visualtest.Exercises(t, New(), 15) }

// Bad input is refused naming the bad value.
func TestBadInputNamesTheValue(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--engine", "oracle"}, `"oracle"`},
		{[]string{"--level", "snapshot"}, `"snapshot"`},
		{[]string{"--script", "g3"}, `--script "g3"`},
		{[]string{"--sql", "begin; -- either"}, `"either"`},
		{[]string{"--sql", "begin; -- T1 | begin; -- T1"}, "line 2"},
	} {
		_, err := New().Run(tt.args)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Run(%q) = %v, want one line with %q", tt.args, err, tt.want)
		}
	}
}

// The last frame agrees with the solution's plain output, computed
// without the observer: the final text is the outcome's, and the last
// frame's results are the outcome's results.
func TestLastFrameAgreesWithOutcome(t *testing.T) {
	for _, c := range mvcc.Hermitage() {
		for _, l := range c.Engine.Levels() {
			in := input{engine: c.Engine, level: l, script: c.Name}
			rec, err := record(in)
			if err != nil {
				t.Fatal(err)
			}
			o, err := mvcc.Run(c.Script, mvcc.Options{Engine: c.Engine, Level: l})
			if o == nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(rec.Final(), o.String()) {
				t.Errorf("%s at %s: final %q, outcome %q", c.Name, l, rec.Final(), o.String())
			}
			last := rec.frames[len(rec.frames)-1].State.Results
			for i, x := range last {
				if x.Err != o.Results[i].Err || (x.Done && x.Stmt.Kind == mvcc.KindSelect && mvcc.FormatRows(x.Rows) != mvcc.FormatRows(o.Results[i].Rows)) {
					t.Errorf("%s at %s: statement %d: frame %+v, outcome %+v", c.Name, l, i, x, o.Results[i])
				}
			}
		}
	}
}

// --file runs a script file as --sql runs its text.
func TestFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "my.sql")
	text := "begin; -- T1\nupdate test set value = 11 where id = 1; -- T1\nbegin; -- T2\nselect * from test; -- T2\ncommit; -- T1\nselect * from test; -- T2\n"
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := New().Run([]string{"--engine", "postgres", "--level", "rr", "--file", p})
	if err != nil {
		t.Fatal(err)
	}
	b, err := New().Run([]string{"--engine", "postgres", "--level", "rr", "--sql", strings.ReplaceAll(strings.TrimSpace(text), "\n", " | ")})
	if err != nil {
		t.Fatal(err)
	}
	if a.Final() != b.Final() || !strings.Contains(a.Final(), "T2: select * from test -> 1 => 10, 2 => 20\nT2: select * from test -> 1 => 10, 2 => 20") {
		t.Errorf("--file %q\n--sql %q", a.Final(), b.Final())
	}
}

// The level knob turns G-single from seen (read committed) to prevented
// (repeatable read) on the same script.
func TestLevelKnob(t *testing.T) {
	r, err := New().Run([]string{"--engine", "innodb", "--level", "rc", "--script", "g-single"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Final(), "T1: select * from test where id = 2 -> 2 => 18") {
		t.Fatalf("rc: %s", r.Final())
	}
	tu, err := r.Turn(2, "]", 0)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := tu.Record()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r2.Final(), "T1: select * from test where id = 2 -> 2 => 20") || visual.JoinArgs(r2.Args()) != "--engine innodb --level rr --script g-single" {
		t.Errorf("rr %q: %s", r2.Args(), r2.Final())
	}
}

func TestKnobsDoNotShadowAppKeys(t *testing.T) {
	app := keys.Default()
	for _, k := range New().Knobs() {
		for _, a := range app.All() {
			for _, x := range k.Keys() {
				for _, y := range a.Keys() {
					if x == y {
						t.Errorf("knob %q shadows app key %q", x, a.Help().Desc)
					}
				}
			}
		}
	}
}

func BenchmarkRender(b *testing.B) {
	r, err := New().Run(spec.Default)
	if err != nil {
		b.Fatal(err)
	}
	th := visual.NewTheme(true, false)
	for i := 0; b.Loop(); i++ {
		_ = r.Render(i%r.Len(), 80, 24, th)
	}
}
