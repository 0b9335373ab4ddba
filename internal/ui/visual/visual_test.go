package visual

import (
	"flag"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

func TestSplitArgs(t *testing.T) {
	tests := map[string][]string{
		"":                               nil,
		"  --put A=BC  --chunk 8 ":       {"--put", "A=BC", "--chunk", "8"},
		`--tree '1(2(4), 3)' --op count`: {"--tree", "1(2(4), 3)", "--op", "count"},
		`--put "key with space=v"`:       {"--put", "key with space=v"},
		`--put ''`:                       {"--put", ""},
		"--put 名字=值":                     {"--put", "名字=值"},
	}
	for in, want := range tests {
		got, err := SplitArgs(in)
		if err != nil || strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("SplitArgs(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := SplitArgs(`--put 'A=B`); err == nil || !strings.Contains(err.Error(), "unclosed quote") {
		t.Errorf("unclosed quote: %v", err)
	}
}

func TestJoinSplitRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		args := rapid.SliceOf(rapid.StringMatching(`[a-zA-Z0-9=:@+ '"()名-]{0,12}`)).Draw(t, "args")
		// A word holding both kinds of quote cannot be quoted by JoinArgs.
		for _, a := range args {
			if strings.Contains(a, "'") && strings.Contains(a, `"`) {
				t.Skip("both quotes")
			}
		}
		got, err := SplitArgs(JoinArgs(args))
		if err != nil {
			t.Fatalf("SplitArgs(JoinArgs(%q)): %v", args, err)
		}
		if len(got) != len(args) {
			t.Fatalf("round trip of %q gave %q", args, got)
		}
		for i := range args {
			if got[i] != args[i] {
				t.Fatalf("round trip of %q gave %q", args, got)
			}
		}
	})
}

func TestStepLines(t *testing.T) {
	src := "package x\n\nfunc f() {\n\ta := 1 // step: init\n\tb := 2 // step: add extra words\n\tc := 3 // step: init\n\t// stepping: not a marker\n}\n"
	got := StepLines(src)
	if got["init"] != 4 || got["add"] != 5 || len(got) != 2 {
		t.Errorf("StepLines = %v", got)
	}
}

type fakeRun struct{}

func (fakeRun) Len() int { return 2 }
func (fakeRun) Frame(i int) Frame {
	return []Frame{{"a", "First.", "x=1\ny=2"}, {"b", "Second.", ""}}[i]
}
func (fakeRun) Render(int, int, int, Theme) string { return "" }
func (fakeRun) Final() string                      { return "done\n" }

func TestTrace(t *testing.T) {
	var b strings.Builder
	if err := Trace(&b, fakeRun{}); err != nil {
		t.Fatal(err)
	}
	want := "step 1/2  a\n  First.\n    x=1\n    y=2\n\nstep 2/2  b\n  Second.\n\ndone\n"
	if b.String() != want {
		t.Errorf("Trace:\n%q\nwant\n%q", b.String(), want)
	}
}

func TestThemeFields(t *testing.T) {
	for _, th := range []Theme{NewTheme(true, false), NewTheme(false, false), NewTheme(true, true)} {
		if len(th.Fields) < 6 {
			t.Fatalf("%d fields", len(th.Fields))
		}
		_ = th.Field(-7).Render("x") // any index, never a panic
		if th.Plain && th.FieldColor(0) != nil {
			t.Error("a plain theme has colours")
		}
		if !th.Plain && th.FieldColor(0) == nil {
			t.Error("a colour theme has no field colour")
		}
	}
}

func TestParseFlags(t *testing.T) {
	newFS := func() *flag.FlagSet {
		fs := flag.NewFlagSet("x", flag.ContinueOnError)
		fs.Int("n", 0, "")
		return fs
	}
	if err := ParseFlags(newFS(), []string{"--n", "3"}, "--n N"); err != nil {
		t.Fatal(err)
	}
	tests := map[string][]string{
		"flag provided but not defined: -0000 0 (usage: --n N)":     {"-0000\n0"},
		`invalid value "x" for flag -n: parse error (usage: --n N)`: {"--n", "x"},
		`unexpected argument "extra" (usage: --n N)`:                {"--n", "1", "extra"},
		"usage: --n N": {"--help"},
	}
	for want, args := range tests {
		err := ParseFlags(newFS(), args, "--n N")
		if err == nil || err.Error() != want {
			t.Errorf("ParseFlags(%q) = %v, want %q", args, err, want)
		}
	}
}
