package typeinferviz

import (
	"flag"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/ui/keys"
	"tutor/internal/visual"
	"tutor/internal/visual/visualtest"
	"tutor/solutions/typeinfer"
)

var update = flag.Bool("update", false, "rewrite the golden files under ../testdata/golden")

var goodInputs = [][]string{
	{"--fn", "[T1, [T1, int]] -> [T1, str]", "--args", "[float, [str, int]]"},
	{"--fn", "[T1] -> T1", "--args", "[int, str]"},
	{"--fn", "[] -> int", "--args", "[]"},
	{"--fn", "[] -> T1", "--args", "[]"},
	{"--fn", "[[T1, T2], T2] -> [T2, [T1]]", "--args", "[[int, [char, str]], [char, str]]"},
	{"--fn", "[Text, T1] -> [T1, Text]", "--args", "[str, int]", "--edit", "2"},
	{"--fn", "[[T1, int], T1] -> T1", "--args", "[[str, int, int], str]"},
	{"--fn", "[T1, T2, T3] -> [T3, T2, T1, [T1, T1, T1, T1, T1]]", "--args", "[[a_very_long_primitive_name, [another_long_one, and_more]], b, c]"},
	{"--fn", "[" + strings.Repeat("[", 20) + "T1" + strings.Repeat("]", 20) + "] -> T1", "--args", "[" + strings.Repeat("[", 20) + "int" + strings.Repeat("]", 20) + "]"},
}

var badInputs = [][]string{
	{"--fn", "[T1, [T1, int] -> [T1, str]", "--args", "[float]"},
	{"--fn", "[T1] -> T1", "--args", "int"},
	{"--fn", "[T1] -> T1"},
	{"--args", "[int]"},
	{"--fn", "T1 -> T1", "--args", "[int]"},
	{"--fn", "[T1] -> T1", "--args", "[int]", "--edit", "2"},
	{"--fn", "[T1] -> T1", "--args", "[int]", "--edit", "x"},
	{"--fn", "[T1] -> T1", "--args", "[名]"},
	{"--fn", "[T1] -> T1", "--args", "[int]", "stray"},
	{"--fn", "[T1] -> T1", "--args", "[" + strings.Repeat("int, ", 400) + "int]"},
	{"--nope"},
}

func TestGolden(t *testing.T) {
	visualtest.Golden(t, New(), "../testdata/golden", *update)
}

func TestSteps(t *testing.T) {
	visualtest.Steps(t, New())
}

func TestConformance(t *testing.T) {
	visualtest.Conformance(t, New(), goodInputs, badInputs)
}

func TestExercises(t *testing.T) {
	visualtest.Exercises(t, New(), 100)
}

func TestBadInputNamesTheValue(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{badInputs[0], `--fn "[T1, [T1, int] -> [T1, str]": offset 15: unexpected "-" (want , or ])`},
		{badInputs[1], `--args "int": offset 0: unexpected "int" (want [ to open the list)`},
		{badInputs[2], `no --args`},
		{badInputs[3], `no --fn`},
		{badInputs[5], `--edit 2: the call has 1 arguments`},
		{badInputs[6], `edit "x" is not an argument number`},
		{badInputs[7], `offset 1: unexpected "名" (want a type)`},
		{badInputs[8], `unexpected argument "stray"`},
		{badInputs[9], `the call has 403 type nodes; this step-by-step picture shows at most 300`},
	} {
		_, err := New().Run(tt.args)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Run(%q) error = %v, want it to contain %q", tt.args, err, tt.want)
		}
	}
}

func TestParseFormatRoundTrip(t *testing.T) {
	for _, args := range append(goodInputs, New().DefaultArgs(), []string{"--fn=[T1,T1]->T1", "--args=[ int , int ]", "--edit=+1"}) {
		in, err := parse(args)
		if err != nil {
			t.Fatalf("parse(%q): %v", args, err)
		}
		again, err := parse(format(in))
		if err != nil || !sameInput(in, again) {
			t.Errorf("parse(format(parse(%q))) = %+v, %v; want %+v", args, again, err, in)
		}
	}
}

// sameInput reports whether a and b are the same call and edit.
func sameInput(a, b input) bool {
	return a.edit == b.edit && a.fn.String() == b.fn.String() &&
		typeinfer.Equal(typeinfer.TupleOf(a.args...), typeinfer.TupleOf(b.args...))
}

// TestIllTypedIsAnAnswer checks each kind of ill-typed call is a run,
// not bad input, whose Final ends with "error: <kind>: <where>" and
// whose last frame is the error step; a well-typed one ends "returns T".
// The expected text is written here by hand.
func TestIllTypedIsAnAnswer(t *testing.T) {
	for _, tt := range []struct{ fn, args, step, last string }{
		{"[T1, [T1, int]] -> [T1, str]", "[float, [float, int]]", "return", "returns [float, str]"},
		{"[T1, [T1, int]] -> [T1, str]", "[float, [str, int]]", "conflict", "error: type conflict: param 2 → [0]"},
		{"[Text, T1] -> [T1, Text]", "[str, int]", "mismatch", "error: type mismatch: param 1"},
		{"[[T1, int], T1] -> T1", "[[str, int, int], str]", "structure", "error: structure mismatch: param 1"},
		{"[T1, T2] -> [T2, T1]", "[int]", "arg-count", "error: argument count: call"},
		{"[T1] -> [T1, T2]", "[int]", "unbound", "error: unbound generic: return → [1]"},
	} {
		r, err := New().Run([]string{"--fn", tt.fn, "--args", tt.args})
		if err != nil {
			t.Fatalf("%s with %s: %v", tt.fn, tt.args, err)
		}
		final := r.Final()
		if !strings.HasSuffix(final, "\n"+tt.last) && final != tt.last {
			t.Errorf("%s with %s: Final %q, want it to end with %q", tt.fn, tt.args, final, tt.last)
		}
		if got := r.Frame(r.Len() - 1).Step; got != tt.step {
			t.Errorf("%s with %s: last step %s, want %s", tt.fn, tt.args, got, tt.step)
		}
	}
}

// TestLastFrameIsTheSolutionsOutput checks that the last frame of each
// run shows what InferReturn gives without an observer: the status line
// of the plain drawing is "returns T" or the error's kind and place.
func TestLastFrameIsTheSolutionsOutput(t *testing.T) {
	th := visual.NewTheme(true, true)
	for _, args := range append(goodInputs, New().DefaultArgs()) {
		in, err := parse(args)
		if err != nil {
			t.Fatal(err)
		}
		ret, ierr := typeinfer.InferReturn(in.fn, in.args)
		want := "returns " + ret.String()
		if e, ok := ierr.(*typeinfer.InferError); ok {
			want = "error: " + e.Kind.String() + ": " + e.Where()
		}
		r, err := New().Run(args)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(ansi.Strip(r.Render(r.Len()-1, 200, 60, th)), "\n")
		got := ""
		if len(lines) >= 3 {
			got = strings.TrimSpace(lines[2])
		}
		// A status line too long for the box is cut, ending in an ellipsis.
		if cut, ok := strings.CutSuffix(got, "…"); ok && strings.HasPrefix(want, cut) {
			got = want
		}
		if got != want {
			t.Errorf("%q: status line %q, want %q", args, lines[min(2, len(lines)-1)], want)
		}
	}
}

// TestDrawShowsThePairAndBindings checks a conflict frame marks the pair
// in both columns and the broken binding.
func TestDrawShowsThePairAndBindings(t *testing.T) {
	r, err := New().Run(goodInputs[0])
	if err != nil {
		t.Fatal(err)
	}
	out := ansi.Strip(r.Render(r.Len()-1, 120, 40, visual.NewTheme(true, true)))
	for _, want := range []string{"✗   [0] T1", "│   [0] str", "✗ T1 = float ≠ str", "error: type conflict: param 2 → [0]"} {
		if !strings.Contains(out, want) {
			t.Errorf("conflict frame lacks %q:\n%s", want, out)
		}
	}
	// A generic bound to a tuple is rewritten to the whole tuple.
	r, _ = New().Run(goodInputs[4])
	if out := ansi.Strip(r.Render(r.Len()-1, 120, 40, visual.NewTheme(true, true))); !strings.Contains(out, "[0] T2 ⇒ [char, str]") {
		t.Errorf("last frame lacks the rewritten T2:\n%s", out)
	}
	r, _ = New().Run(New().DefaultArgs())
	out = ansi.Strip(r.Render(r.Len()-1, 120, 40, visual.NewTheme(true, true)))
	for _, want := range []string{"✓   [0] T1 ⇒ float", "✓   [1] str", "returns [float, str]"} {
		if !strings.Contains(out, want) {
			t.Errorf("last frame lacks %q:\n%s", want, out)
		}
	}
}

func TestKnobs(t *testing.T) {
	r, err := New().Run(New().DefaultArgs())
	if err != nil {
		t.Fatal(err)
	}
	turn := func(run visual.Run, k int, frame int) []string {
		t.Helper()
		tr, err := run.Turn(k, New().Knobs()[k].Keys()[0], frame)
		if err != nil {
			t.Fatalf("knob %d: %v", k, err)
		}
		if _, err := tr.Record(); err != nil {
			t.Fatalf("knob %d: %q does not run: %v", k, tr.Args, err)
		}
		return tr.Args
	}
	if got := turn(r, 0, 0); !slices.Equal(got, []string{"--fn", calls[1][0], "--args", calls[1][1]}) {
		t.Errorf("] gives %q", got)
	}
	if got := turn(r, 1, 0); !slices.Equal(got, []string{"--fn", calls[len(calls)-1][0], "--args", calls[len(calls)-1][1]}) {
		t.Errorf("[ gives %q", got)
	}
	if got := turn(r, 2, 0); got[len(got)-1] != "1" {
		t.Errorf("> gives %q", got)
	}
	// t with no argument picked edits the one the step is in: param 2
	// at the descend frame.
	got := turn(r, 4, 6)
	if !slices.Equal(got, []string{"--fn", "[T1, [T1, int]] -> [T1, str]", "--args", "[float, int]", "--edit", "2"}) {
		t.Errorf("t gives %q", got)
	}
	for _, k := range New().Knobs() {
		for _, app := range keys.Default().All() {
			for _, a := range app.Keys() {
				if slices.Contains(k.Keys(), a) {
					t.Errorf("knob %q shadows the app's key %q", k.Help().Key, a)
				}
			}
		}
	}
}

func BenchmarkRender(b *testing.B) {
	r, err := New().Run(goodInputs[4])
	if err != nil {
		b.Fatal(err)
	}
	th := visual.NewTheme(true, false)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i = (i + 1) % r.Len()
		_ = r.Render(i, 80, 24, th)
	}
}
