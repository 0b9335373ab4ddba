package visualtest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
)

// Golden pins what a learner sees of v against the files in dir, which
// `go test -update` rewrites: `tutor trace` of every input
// dir/NAME.inputs.jsonl lists (a JSON array a line: the visual's name,
// then its input words), byte for byte, in NAME.trace; the first, middle and last frames
// of v's default run in the plain theme at 40, 80 and 120 columns in
// NAME.frames; and the input each knob gives at those frames in NAME.knobs.
func Golden(t *testing.T, v visual.Visual, dir string, update bool) {
	t.Helper()
	file := filepath.Join(dir, v.Name()+".inputs.jsonl")
	ins := goldenInputs(t, file)[v.Name()]
	if len(ins) == 0 {
		t.Errorf("%s has no input for %s", file, v.Name())
	}
	var b bytes.Buffer
	for _, args := range ins {
		fmt.Fprintf(&b, "$ tutor trace %s %s\n", v.Name(), visual.JoinArgs(args))
		r, err := v.Run(args)
		if err != nil {
			fmt.Fprintf(&b, "refused: %v\n\n", err)
			continue
		}
		if err := visual.Trace(&b, r); err != nil {
			t.Fatal(err)
		}
		b.WriteByte('\n')
	}
	checkGolden(t, dir, v.Name()+".trace", b.Bytes(), update)

	th := visual.NewTheme(true, true)
	r, err := v.Run(v.DefaultArgs())
	if err != nil {
		t.Fatal(err)
	}
	frames := []int{0, r.Len() / 2, r.Len() - 1}
	b.Reset()
	for _, w := range []int{40, 80, 120} {
		for _, i := range frames {
			fmt.Fprintf(&b, "== %s frame %d/%d at %dx24: %s\n", v.Name(), i+1, r.Len(), w, r.Frame(i).Step)
			for _, l := range strings.Split(r.Render(i, w, 24, th), "\n") {
				b.WriteString(strings.TrimRight(ansi.Strip(l), " ") + "\n")
			}
		}
	}
	checkGolden(t, dir, v.Name()+".frames", b.Bytes(), update)

	b.Reset()
	for _, i := range frames {
		for k, binding := range v.Knobs() {
			for _, key := range binding.Keys() {
				turned, err := r.Turn(k, key, i)
				if err != nil {
					fmt.Fprintf(&b, "frame %d key %s: refused: %v\n", i+1, key, err)
					continue
				}
				fmt.Fprintf(&b, "frame %d key %s: %s\n", i+1, key, visual.JoinArgs(turned.Args))
			}
		}
	}
	checkGolden(t, dir, v.Name()+".knobs", b.Bytes(), update)
}

// goldenInputs reads a file of inputs: one JSON array a line, the
// visual's name and then its input words.
func goldenInputs(t *testing.T, file string) map[string][][]string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ins := map[string][][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var words []string
		if err := json.Unmarshal(sc.Bytes(), &words); err != nil || len(words) == 0 {
			t.Fatalf("inputs.jsonl: %q: %v", sc.Text(), err)
		}
		ins[words[0]] = append(ins[words[0]], words[1:])
	}
	return ins
}

func checkGolden(t *testing.T, dir, name string, got []byte, update bool) {
	t.Helper()
	path := filepath.Join(dir, name)
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			g, w := "", ""
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs first at line %d:\n got %q\nwant %q", path, i+1, g, w)
			}
		}
	}
}

// Steps checks both directions of the step contract for v: every step id a
// frame of v's default run, of its examples or of its exercises' inputs
// names is marked "// step: <id>" in v's source, and every id marked there
// is named by some frame of those runs.
func Steps(t *testing.T, v visual.Visual) {
	t.Helper()
	file, src := v.Source()
	marked := visual.StepLines(src)
	inputs := append([][]string{v.DefaultArgs()}, v.Examples()...)
	for _, k := range v.Exercises() {
		rng := rand.New(rand.NewPCG(11, uint64(len(k.ID))))
		for range 20 {
			if e := k.New(rng); e.Args != nil {
				inputs = append(inputs, e.Args)
			}
		}
	}
	reached := map[string]bool{}
	for _, args := range inputs {
		r, err := v.Run(args)
		if err != nil {
			t.Errorf("%s %q: %v", v.Name(), args, err)
			continue
		}
		for i := range r.Len() {
			step := r.Frame(i).Step
			if _, ok := marked[step]; !ok && !reached[step] {
				t.Errorf("%s %q frame %d: step %q has no %q line in %s", v.Name(), args, i+1, step, visual.StepMarker+step, file)
			}
			reached[step] = true
		}
	}
	var missed []string
	for id := range marked {
		if !reached[id] {
			missed = append(missed, id)
		}
	}
	if len(missed) > 0 {
		slices.Sort(missed)
		t.Errorf("%s: no default input, example or exercise reaches the steps marked in %s: %s", v.Name(), file, strings.Join(missed, ", "))
	}
}
