package visual

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

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
	src := "package x\n\nfunc f() {\n\ta := 1 // step: init\n\tb := 2 // step: add extra words\n\tc := 3 // step: init\n\t// stepping: not a marker\n\t// see // step: <id>\n\td := 4 // step: Upper\n}\n"
	got := StepLines(src)
	if got["init"] != 4 || got["add"] != 5 || len(got) != 2 {
		t.Errorf("StepLines = %v", got)
	}
}

// counter is a Spec whose input is a start and a count: its run counts
// up from the start, a frame a number. Draws counts how often Draw ran.
type counter struct {
	from, n int
	draws   *int
}

func (c counter) Len() int { return c.n }
func (c counter) Frame(i int) Frame {
	return Frame{Step: "count", Explain: fmt.Sprintf("counted %d.", c.from+i)}
}
func (c counter) Draw(i, w, h int, th Theme) []string {
	*c.draws++
	return []string{strings.Repeat("#", c.from+i), "second line", "third line"}
}
func (c counter) State(i int) string { return fmt.Sprintf("at %d\nof %d", c.from+i, c.n) }
func (c counter) Final() string      { return "done\n" }

type counterIn struct{ from, n int }

func counterSpec(draws *int) Spec[counterIn, counter] {
	return Spec[counterIn, counter]{
		Name:    "counter",
		Usage:   "--from N --n N",
		Source:  "kvstore/codec.go",
		Default: []string{"--from", "1", "--n", "2"},
		Parse: func(args []string) (counterIn, error) {
			fs := flag.NewFlagSet("counter", flag.ContinueOnError)
			from, n := fs.Int("from", 0, ""), fs.Int("n", 1, "")
			if err := ParseFlags(fs, args, "--from N --n N"); err != nil {
				return counterIn{}, err
			}
			if *n < 0 {
				return counterIn{}, fmt.Errorf("--n %d: want 0 or more", *n)
			}
			return counterIn{*from, *n}, nil
		},
		Format: func(in counterIn) []string {
			return []string{"--from", strconv.Itoa(in.from), "--n", strconv.Itoa(in.n)}
		},
		Record: func(in counterIn) (counter, error) { return counter{in.from, in.n, draws}, nil },
		Knobs: []Knob[counterIn, counter]{{
			Key: key.NewBinding(key.WithKeys("]", "}"), key.WithHelp("]", "longer")),
			Turn: func(in counterIn, rec counter, frame int, pressed string) (counterIn, error) {
				if pressed == "}" {
					return counterIn{}, fmt.Errorf("not at frame %d", frame)
				}
				in.n += frame + 1
				return in, nil
			},
		}},
	}
}

func TestTrace(t *testing.T) {
	r, err := counterSpec(new(int)).Visual().Run([]string{"--from", "1", "--n", "2"})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := Trace(&b, r); err != nil {
		t.Fatal(err)
	}
	want := "step 1/2  count\n  counted 1.\n    at 1\n    of 2\n\nstep 2/2  count\n  counted 2.\n    at 2\n    of 2\n\ndone\n"
	if b.String() != want {
		t.Errorf("Trace:\n%q\nwant\n%q", b.String(), want)
	}
}

func TestSpecRun(t *testing.T) {
	draws := 0
	v := counterSpec(&draws).Visual()
	if v.Name() != "counter" || len(v.Knobs()) != 1 || v.Knobs()[0].Help().Key != "]" {
		t.Fatalf("visual: %s, knobs %v", v.Name(), v.Knobs())
	}
	if file, text := v.Source(); file != "solutions/kvstore/codec.go" || !strings.Contains(text, StepMarker) {
		t.Errorf("Source() = %q, %d bytes", file, len(text))
	}
	if _, err := v.Run([]string{"--n", "0"}); err == nil || !strings.Contains(err.Error(), "no step") {
		t.Errorf("a run of no frames: %v", err)
	}
	if _, err := v.Run([]string{"--n", "-1"}); err == nil || err.Error() != "--n -1: want 0 or more" {
		t.Errorf("a bad input: %v", err)
	}
	r, err := v.Run([]string{"--n=3", "--from=2"})
	if err != nil {
		t.Fatal(err)
	}
	if got := JoinArgs(r.Args()); got != "--from 2 --n 3" {
		t.Errorf("Args() = %q", got)
	}
	// Frames are clamped; drawing is clipped and the last one is kept.
	if r.Frame(-5).Explain != "counted 2." || r.Frame(99).Explain != "counted 4." {
		t.Errorf("clamped frames: %q, %q", r.Frame(-5).Explain, r.Frame(99).Explain)
	}
	th := NewTheme(true, true)
	if got := r.Render(2, 3, 2, th); got != "##…\nse…" { // cut lines say so
		t.Errorf("Render(2, 3x2) = %q", got)
	}
	r.Render(2, 3, 2, th)
	if draws != 1 {
		t.Errorf("the same frame at the same size drew %d times", draws)
	}
	r.Render(1, 3, 2, th)
	r.Render(1, 3, 2, NewTheme(true, false))
	if draws != 3 {
		t.Errorf("another frame and another theme: %d draws, want 3", draws)
	}
	if r.Render(0, 0, 5, th) != "" || r.Render(0, 5, 0, th) != "" {
		t.Error("an empty box draws something")
	}
	// A knob gives the new input at once and records it on demand.
	turned, err := r.Turn(0, "]", 1)
	if err != nil || JoinArgs(turned.Args) != "--from 2 --n 5" {
		t.Fatalf("Turn(]) = %q, %v", turned.Args, err)
	}
	r2, err := turned.Record()
	if err != nil || r2.Len() != 5 || r.Len() != 3 {
		t.Errorf("the turned run has %d frames (%v), the first %d", r2.Len(), err, r.Len())
	}
	if _, err := r.Turn(0, "}", 7); err == nil || err.Error() != "not at frame 2" {
		t.Errorf("a knob that refuses, at a clamped frame: %v", err)
	}
	if _, err := r.Turn(1, "]", 0); err == nil {
		t.Error("knob 1 of 1 turned")
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
		fs.Bool("v", false, "")
		fs.Duration("every", 0, "")
		fs.Func("add", "", func(string) error { return errors.New("amount -1 must be positive") })
		return fs
	}
	if err := ParseFlags(newFS(), []string{"--n", "3"}, "--n N"); err != nil {
		t.Fatal(err)
	}
	tests := map[string][]string{
		"--0000 0: no such option (usage: --n N)":             {"-0000\n0"},
		`--n "x": want a whole number`:                        {"--n", "x"},
		`--n "99999999999999999999": out of range`:            {"--n", "99999999999999999999"},
		`--v "maybe": want true or false`:                     {"--v=maybe"},
		`--every "soon": want a duration such as 250ms or 2s`: {"--every", "soon"},
		`--add "a:-1@0+10": amount -1 must be positive`:       {"-add", "a:-1@0+10"},
		`--add "a\"b": amount -1 must be positive`:            {"--add", `a"b`},
		"--n needs a value (usage: --n N)":                    {"--n"},
		"--bogus: no such option (usage: --n N)":              {"--bogus", "1"},
		`unexpected argument "extra" (usage: --n N)`:          {"--n", "1", "extra"},
		"usage: --n N": {"--help"},
	}
	for want, args := range tests {
		err := ParseFlags(newFS(), args, "--n N")
		if err == nil || err.Error() != want {
			t.Errorf("ParseFlags(%q) = %v, want %q", args, err, want)
		}
	}
}

func TestPaintMatchesRender(t *testing.T) {
	for _, th := range []Theme{NewTheme(true, false), NewTheme(false, true)} {
		for _, st := range append([]lipgloss.Style{th.Accent, th.Cursor, th.Text}, th.Fields...) {
			if got, want := NewPaint(st).On("名"), st.Render("名"); got != want {
				t.Errorf("paint %q, render %q", got, want)
			}
		}
	}
	if (Paint{}).On("x") != "x" {
		t.Error("the zero paint changes text")
	}
}
