package kvviz

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	visual "tutor/internal/visual/legacy"
	"tutor/internal/visual/visualtest"
	"tutor/solutions/kvstore"
)

var goodInputs = [][]string{
	{"--put", "A=BC"},
	{"--put", "A=BC", "--chunk", "4"},
	{"--put", "名字=值", "--put", "A=BC", "--put", "k=v", "--chunk", "5"},
	{"--put", "=", "--put", "empty="},
	{},
	{"--chunk", "3"},
	{"--put", "a=b=c", "--put", "a=second wins"},
	{"--put", "long=" + strings.Repeat("0123456789", 30), "--put", "line=two\nlines", "--chunk", "16"},
	{"--put", "x=y", "--chunk", "1"},
}

var badInputs = [][]string{
	{"--put", "novalue"},
	{"--chunk", "0"},
	{"--chunk", "-3"},
	{"--chunk", "many"},
	{"--put", "A=BC", "stray"},
	{"--nope"},
	{"--put", "bad\xff=v"},
	{"--put", "k=v", "--chunk", "99999999999"},
}

func TestConformance(t *testing.T) {
	visualtest.Conformance(t, visual.Adapt(New()), goodInputs, badInputs)
}

func TestExercises(t *testing.T) {
	visualtest.Exercises(t, visual.Adapt(New()), 50)
}

func TestBadInputNamesTheValue(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--put", "novalue"}, `--put "novalue": want KEY=VALUE`},
		{[]string{"--chunk", "0"}, `--chunk "0": a chunk size must be a whole number of at least 1`},
		{[]string{"--chunk", "-3"}, `--chunk "-3"`},
		{[]string{"--put", "A=BC", "stray"}, `unexpected argument "stray"`},
		{[]string{"--put", "bad\xff=v"}, `key "bad\xff" is not valid UTF-8`},
	} {
		_, err := New().Run(tt.args)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Run(%q) error = %v, want it to contain %q", tt.args, err, tt.want)
		}
	}
}

// stateLine returns the text after "name: " on its line of state.
func stateLine(t *testing.T, state, name string) string {
	t.Helper()
	for line := range strings.SplitSeq(state, "\n") {
		if v, ok := strings.CutPrefix(line, name+": "); ok {
			return v
		}
	}
	t.Fatalf("no %q line in state:\n%s", name, state)
	return ""
}

// TestLastFrameIsTheSolutionsOutput checks contract point 5: the last
// frame shows the whole stream the solution writes and the map Restore
// rebuilds, and Final is that stream.
func TestLastFrameIsTheSolutionsOutput(t *testing.T) {
	for _, args := range append(goodInputs, New().DefaultArgs()) {
		in, err := parse(args)
		if err != nil {
			t.Fatal(err)
		}
		s, err := in.store()
		if err != nil {
			t.Fatal(err)
		}
		st := &kvstore.MemStorage{}
		if err := s.Shutdown(st); err != nil {
			t.Fatal(err)
		}
		want, _ := s.MarshalBinary()
		back := &kvstore.Store{ChunkSize: in.chunk}
		if err := back.Restore(st); err != nil {
			t.Fatal(err)
		}

		r, err := New().Run(args)
		if err != nil {
			t.Fatal(err)
		}
		last := r.Frame(r.Len() - 1)
		wantStream := fmt.Sprintf("% x", want)
		if len(want) == 0 {
			wantStream = "(empty)"
		}
		if got := stateLine(t, last.State, "stream"); got != wantStream {
			t.Errorf("%q: last frame's stream %q, solution wrote % x", args, got, want)
		}
		if got, w := stateLine(t, last.State, "rebuilt"), pairList(back.Pairs()); got != w {
			t.Errorf("%q: last frame's map %q, Restore rebuilt %q", args, got, w)
		}
		wantFinal := fmt.Sprintf("% x", want)
		if len(want) == 0 {
			wantFinal = "(empty stream: 0 bytes)"
		}
		if r.Final() != wantFinal {
			t.Errorf("%q: Final %q, want %q", args, r.Final(), wantFinal)
		}
	}
}

func TestClassicTrace(t *testing.T) {
	r, err := New().Run([]string{"--put", "A=BC"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Final() != "00 00 00 01 41 00 00 00 02 42 43" {
		t.Fatalf("Final = %q", r.Final())
	}
	var steps []string
	for i := range r.Len() {
		steps = append(steps, r.Frame(i).Step)
	}
	want := "encode-begin encode-key-len encode-key encode-value-len encode-value " +
		"decode-begin decode-key-len decode-key decode-value-len decode-value decode-pair"
	if got := strings.Join(steps, " "); got != want {
		t.Fatalf("steps %s\nwant %s", got, want)
	}
	var out bytes.Buffer
	if err := visual.Trace(&out, r); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out.String(), "\n00 00 00 01 41 00 00 00 02 42 43\n") {
		t.Fatalf("trace does not end with the stream:\n%s", out.String())
	}
}

// TestChunkedRunShowsBothDirections checks the order of phases: encode,
// cut, join, decode, and that the cut frames draw chunk borders.
func TestChunkedRunShowsBothDirections(t *testing.T) {
	r, err := New().Run([]string{"--put", "A=BC", "--put", "名字=值", "--chunk", "8"})
	if err != nil {
		t.Fatal(err)
	}
	run := r.(*run)
	var phases []string
	for _, f := range run.frames {
		if name := phaseNames[f.phase]; len(phases) == 0 || phases[len(phases)-1] != name {
			phases = append(phases, name)
		}
	}
	if got := strings.Join(phases, " "); got != "encode cut join decode" {
		t.Fatalf("phases %q", got)
	}
	if len(run.chunks) != 4 {
		t.Fatalf("%d chunks, want 4 for 28 bytes in 8s", len(run.chunks))
	}
	plain := visual.NewTheme(true, true)
	var cutFrame int
	for i, f := range run.frames {
		if f.Step == "chunk-meta" {
			cutFrame = i
		}
	}
	out := r.Render(cutFrame, 120, 30, plain)
	if strings.Count(out, "┃") < 3 {
		t.Errorf("cut frame shows %d chunk borders, want 3:\n%s", strings.Count(out, "┃"), out)
	}
	for _, s := range []string{"kvstore.meta, 28 B", "size 8 · chunks 4", "[cut]"} {
		if !strings.Contains(out, s) {
			t.Errorf("cut frame lacks %q:\n%s", s, out)
		}
	}
}

// TestPlainMarksFields checks that without colour the fields are still
// told apart: by the letters under the bytes and the ^ of the step.
func TestPlainMarksFields(t *testing.T) {
	r, _ := New().Run([]string{"--put", "A=BC"})
	out := r.Render(3, 80, 24, visual.NewTheme(false, true)) // encode-value-len
	if ansi.Strip(out) != out && strings.Contains(out, "\x1b[3") {
		t.Errorf("plain render has colour:\n%q", out)
	}
	lines := strings.Split(ansi.Strip(out), "\n")
	var hexRow, markRow string
	for i, l := range lines {
		if strings.HasPrefix(l, "0000 ") && i+1 < len(lines) {
			hexRow, markRow = l, lines[i+1]
			break
		}
	}
	if !strings.HasPrefix(hexRow, "0000 00 00 00 01 41 00 00 00 02") || markRow != "     k  k  k  k  K  v^ v^ v^ v^" {
		t.Fatalf("hex row %q\nmarker row %q", hexRow, markRow)
	}
	if !strings.Contains(out, "k key length") || !strings.Contains(out, "V value") {
		t.Errorf("no legend:\n%s", out)
	}
}

// TestDecodeCursorFollowsSolution checks the cursor shown after each
// decode step is where the solution's next read begins.
func TestDecodeCursorFollowsSolution(t *testing.T) {
	r, _ := New().Run(New().DefaultArgs())
	run := r.(*run)
	next := 0
	for _, f := range run.frames {
		if f.phase != phDecode || f.Step == "decode-begin" || f.Step == "decode-pair" {
			continue
		}
		if f.lo != next {
			t.Fatalf("%s reads at %d, but the last step left the cursor at %d", f.Step, f.lo, next)
		}
		next = f.cursor
	}
	if next != len(run.stream) {
		t.Fatalf("cursor ends at %d of %d", next, len(run.stream))
	}
	if len(run.rebuilt) != 3 || run.rebuilt[2].Key != "名字" {
		t.Fatalf("rebuilt %q", run.rebuilt)
	}
}

func TestKnobs(t *testing.T) {
	v := New()
	knobs := v.Knobs()
	args := []string{"--put", "A=BC"}
	on, err := knobs[0].Turn(nil, 0, args)
	if err != nil || strings.Join(on, " ") != "--put A=BC --chunk 8" {
		t.Fatalf("c: %q %v", on, err)
	}
	off, _ := knobs[0].Turn(nil, 0, on)
	if strings.Join(off, " ") != "--put A=BC" {
		t.Fatalf("c twice: %q", off)
	}
	smaller, _ := knobs[1].Turn(nil, 0, on)
	if strings.Join(smaller, " ") != "--put A=BC --chunk 7" {
		t.Fatalf("[: %q", smaller)
	}
	one, _ := knobs[1].Turn(nil, 0, []string{"--chunk", "1"})
	if strings.Join(one, " ") != "--chunk 1" {
		t.Fatalf("[ at 1: %q", one)
	}
	if _, err := knobs[2].Turn(nil, 0, []string{"--put", "x"}); err == nil {
		t.Fatal("a knob on bad input gave no error")
	}
	taken := strings.Fields("q ? tab h l j k left right up down space + - r e / esc enter pgup pgdown g G s")
	for _, k := range knobs {
		for _, key := range k.Key.Keys() {
			for _, tk := range taken {
				if key == tk {
					t.Errorf("knob key %q is taken by the app", key)
				}
			}
		}
	}
}

func TestExerciseAnswersAreTheSolutions(t *testing.T) {
	kinds := New().Exercises()
	rng := rand.New(rand.NewPCG(3, 4))
	e := kinds[0].New(rng)
	if e.Check("00 00 00 01 41 00 00 00 02 42 43") {
		t.Error("put-hex accepted the bytes of another put")
	}
	if !e.Check(strings.ReplaceAll(e.Answer, " ", "")) || !e.Check(strings.ReplaceAll(e.Answer, " ", ", ")) {
		t.Errorf("put-hex refused %q without spaces or with commas", e.Answer)
	}
	d := kinds[1].New(rng)
	if d.Check(d.Answer + ", zz=z") {
		t.Error("decode accepted an extra pair")
	}
	if got, ok := parsePairs("b=2 ,A=1"); !ok || got != "a=1, b=2" {
		t.Errorf("parsePairs = %q, %v", got, ok)
	}
	l := kinds[2].New(rng)
	if l.Check("0") || l.Check("many") {
		t.Error("length accepted a wrong number")
	}
}

// BenchmarkRender draws frames of a chunked run at 80x24: Render runs on
// every View and must stay well under a millisecond.
func BenchmarkRender(b *testing.B) {
	r, _ := New().Run([]string{"--put", "k=" + strings.Repeat("v", 400), "--put", "名字=值", "--chunk", "32"})
	th := visual.NewTheme(true, false)
	i := 0
	for b.Loop() {
		_ = r.Render(i%r.Len(), 80, 24, th)
		i++
	}
}
