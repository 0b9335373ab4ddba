package visuals

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/ui/visual"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenInputs reads testdata/golden/inputs.jsonl: one JSON array a line,
// the visual's name and then its input words.
func goldenInputs(t *testing.T) map[string][][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "golden", "inputs.jsonl"))
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

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
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

// TestGoldenTraces pins `tutor trace` of every visual on the inputs of
// testdata/golden/inputs.jsonl (the README's among them), byte for byte.
func TestGoldenTraces(t *testing.T) {
	ins := goldenInputs(t)
	for _, v := range All() {
		var b bytes.Buffer
		for _, args := range ins[v.Name()] {
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
		if len(ins[v.Name()]) == 0 {
			t.Errorf("inputs.jsonl has no input for %s", v.Name())
		}
		checkGolden(t, v.Name()+".trace", b.Bytes())
	}
}

// TestGoldenFrames pins what a learner sees of every visual's default run:
// its first, middle and last frames in the plain theme at 40, 80 and 120
// columns, and the input each knob gives at those frames.
func TestGoldenFrames(t *testing.T) {
	th := visual.NewTheme(true, true)
	for _, v := range All() {
		r, err := v.Run(v.DefaultArgs())
		if err != nil {
			t.Fatal(err)
		}
		frames := []int{0, r.Len() / 2, r.Len() - 1}
		var b bytes.Buffer
		for _, w := range []int{40, 80, 120} {
			for _, i := range frames {
				fmt.Fprintf(&b, "== %s frame %d/%d at %dx24: %s\n", v.Name(), i+1, r.Len(), w, r.Frame(i).Step)
				for _, l := range strings.Split(r.Render(i, w, 24, th), "\n") {
					b.WriteString(strings.TrimRight(ansi.Strip(l), " ") + "\n")
				}
			}
		}
		checkGolden(t, v.Name()+".frames", b.Bytes())

		b.Reset()
		for _, i := range frames {
			for _, k := range v.Knobs() {
				for _, key := range k.Key.Keys() {
					args, err := k.Apply(key, r, i, v.DefaultArgs())
					if err != nil {
						fmt.Fprintf(&b, "frame %d key %s: refused: %v\n", i+1, key, err)
						continue
					}
					fmt.Fprintf(&b, "frame %d key %s: %s\n", i+1, key, visual.JoinArgs(args))
				}
			}
		}
		checkGolden(t, v.Name()+".knobs", b.Bytes())
	}
}
