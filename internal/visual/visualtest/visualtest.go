// Package visualtest checks that a visual.Visual keeps the contract of
// package visual. Each visualization's tests call Conformance.
package visualtest

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
)

// Conformance runs v on its default input and on each of inputs, and checks:
// every run has frames; every frame has a step id that is marked in the
// solution's source and a one-line explanation; every frame renders at sizes
// from 1x1 to 200x60 without a line wider than the width or more lines than
// the height, in dark, light and plain themes; and each of badInputs is
// refused with an error, never a panic.
func Conformance(t *testing.T, v visual.Visual, inputs [][]string, badInputs [][]string) {
	t.Helper()
	file, src := v.Source()
	if file == "" || src == "" {
		t.Fatalf("%s: Source() is empty", v.Name())
	}
	marked := visual.StepLines(src)
	themes := []visual.Theme{visual.NewTheme(true, false), visual.NewTheme(false, false), visual.NewTheme(true, true)}
	sizes := [][2]int{{1, 1}, {5, 3}, {20, 6}, {40, 12}, {60, 20}, {80, 24}, {120, 40}, {200, 60}}
	all := append([][]string{v.DefaultArgs()}, inputs...)
	for _, args := range all {
		r, err := v.Run(args)
		if err != nil {
			t.Fatalf("%s %q: %v", v.Name(), args, err)
		}
		if r.Len() < 1 {
			t.Fatalf("%s %q: no frames", v.Name(), args)
		}
		for i := range r.Len() {
			f := r.Frame(i)
			if _, ok := marked[f.Step]; !ok {
				t.Errorf("%s %q frame %d: step %q has no %q line in %s", v.Name(), args, i, f.Step, visual.StepMarker+f.Step, file)
			}
			if strings.TrimSpace(f.Explain) == "" || strings.Contains(f.Explain, "\n") {
				t.Errorf("%s %q frame %d: explanation must be one non-empty line, got %q", v.Name(), args, i, f.Explain)
			}
		}
		// Render every frame at one size, and a sample of frames at all sizes.
		for i := range r.Len() {
			checkRender(t, v.Name(), args, r, i, 80, 24, themes[0])
		}
		rng := rand.New(rand.NewPCG(1, 2))
		for _, sz := range sizes {
			for _, th := range themes {
				checkRender(t, v.Name(), args, r, 0, sz[0], sz[1], th)
				checkRender(t, v.Name(), args, r, r.Len()-1, sz[0], sz[1], th)
				checkRender(t, v.Name(), args, r, rng.IntN(r.Len()), sz[0], sz[1], th)
			}
		}
		if strings.TrimSpace(r.Final()) == "" {
			t.Errorf("%s %q: Final() is empty", v.Name(), args)
		}
	}
	for _, args := range badInputs {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s %q: panic %v", v.Name(), args, p)
				}
			}()
			if _, err := v.Run(args); err == nil {
				t.Errorf("%s %q: bad input accepted", v.Name(), args)
			} else if strings.Contains(err.Error(), "\n") {
				t.Errorf("%s %q: error must be one line, got %q", v.Name(), args, err)
			}
		}()
	}
}

func checkRender(t *testing.T, name string, args []string, r visual.Run, i, w, h int, th visual.Theme) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("%s %q frame %d at %dx%d: panic %v", name, args, i, w, h, p)
		}
	}()
	out := r.Render(i, w, h, th)
	lines := strings.Split(out, "\n")
	if len(lines) > h {
		t.Errorf("%s %q frame %d at %dx%d: %d lines", name, args, i, w, h, len(lines))
	}
	for n, line := range lines {
		if sw := ansi.StringWidth(line); sw > w {
			t.Errorf("%s %q frame %d at %dx%d: line %d is %d wide: %q", name, args, i, w, h, n, sw, ansi.Strip(line))
			return
		}
	}
}

// Exercises draws n exercises of every kind v offers and checks that each
// has a question and an answer, that its own answer is accepted (also in
// upper case and with extra spaces), that an empty answer is refused, and
// that its Args, when set, run; and that a Hint, when set, has nothing to
// say about its own answer.
func Exercises(t *testing.T, v visual.Visual, n int) {
	t.Helper()
	kinds := v.Exercises()
	if len(kinds) < 3 {
		t.Errorf("%s: %d exercise kinds, want at least 3", v.Name(), len(kinds))
	}
	seen := map[string]bool{}
	for _, k := range kinds {
		if k.ID == "" || seen[k.ID] || !strings.HasPrefix(k.ID, v.Name()+".") {
			t.Errorf("%s: exercise id %q must be unique and start with %q", v.Name(), k.ID, v.Name()+".")
		}
		seen[k.ID] = true
		rng := rand.New(rand.NewPCG(7, uint64(len(k.ID))))
		for range n {
			e := k.New(rng)
			if strings.TrimSpace(e.Question) == "" || strings.TrimSpace(e.Answer) == "" {
				t.Fatalf("%s: empty question or answer: %+v", k.ID, e)
			}
			if !e.Check(e.Answer) {
				t.Errorf("%s: its own answer %q is refused for %q", k.ID, e.Answer, e.Question)
			}
			if !e.Check("  " + strings.ToUpper(e.Answer) + " ") {
				t.Errorf("%s: answer %q in upper case with spaces is refused", k.ID, e.Answer)
			}
			if e.Check("") {
				t.Errorf("%s: empty answer accepted for %q", k.ID, e.Question)
			}
			if e.Hint != nil && e.Hint(e.Answer) != "" {
				t.Errorf("%s: its own answer %q, well formed, gets the hint %q", k.ID, e.Answer, e.Hint(e.Answer))
			}
			if e.Args != nil {
				if _, err := v.Run(e.Args); err != nil {
					t.Errorf("%s: Args %q do not run: %v", k.ID, e.Args, err)
				}
			}
		}
	}
}
