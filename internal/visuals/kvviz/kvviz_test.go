package kvviz

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/ui/keys"
	"tutor/internal/visual"
	"tutor/internal/visual/visualtest"
	"tutor/solutions/kvstore"
)

var update = flag.Bool("update", false, "rewrite the golden files under ../testdata/golden")

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
	visualtest.Exercises(t, New(), 50)
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
	// The refused --put is reported as it is, not in the flag package's
	// wrapping of it.
	if _, err := parse([]string{"--put", "A=BC", "--put", "novalue", "--put", "x"}); err == nil || err.Error() != `--put "novalue": want KEY=VALUE (no = found)` {
		t.Errorf("a bad --put among good ones: %v", err)
	}
}

// TestParseFormatRoundTrip checks that Format writes an input back as
// words Parse reads as the same input.
func TestParseFormatRoundTrip(t *testing.T) {
	for _, args := range append(goodInputs, New().DefaultArgs(), []string{"--chunk=+08", "--put=k=v"}) {
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

// sameInput reports whether a and b are the same input.
func sameInput(a, b input) bool {
	return a.chunk == b.chunk && slices.Equal(a.puts, b.puts)
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

// TestLastFrameIsTheSolutionsOutput checks that the last frame shows the
// whole stream the solution writes and the map Restore rebuilds, both
// found by running the solution without an observer, and that Final is
// that stream.
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
		last := r.State(r.Len() - 1)
		wantStream := fmt.Sprintf("% x", want)
		if len(want) == 0 {
			wantStream = "(empty)"
		}
		if got := stateLine(t, last, "stream"); got != wantStream {
			t.Errorf("%q: last frame's stream %q, solution wrote % x", args, got, want)
		}
		if got, w := stateLine(t, last, "rebuilt"), pairList(back.Pairs()); got != w {
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

// recordArgs records args directly, for tests that look at the frames.
func recordArgs(t *testing.T, args []string) *recording {
	t.Helper()
	in, err := parse(args)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := record(in)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestChunkedRunShowsBothDirections checks the order of phases: encode,
// cut, join, decode, and that the cut frames draw chunk borders and the
// metadata record.
func TestChunkedRunShowsBothDirections(t *testing.T) {
	args := []string{"--put", "A=BC", "--put", "名字=值", "--chunk", "8"}
	rec := recordArgs(t, args)
	var phases []string
	for _, f := range rec.frames {
		if name := phaseNames[f.phase]; len(phases) == 0 || phases[len(phases)-1] != name {
			phases = append(phases, name)
		}
	}
	if got := strings.Join(phases, " "); got != "encode cut join decode" {
		t.Fatalf("phases %q", got)
	}
	if len(rec.chunks) != 4 {
		t.Fatalf("%d chunks, want 4 for 28 bytes in 8s", len(rec.chunks))
	}
	r, err := New().Run(args)
	if err != nil {
		t.Fatal(err)
	}
	plain := visual.NewTheme(true, true)
	var cutFrame int
	for i, f := range rec.frames {
		if f.step == kvstore.StepChunkMeta {
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

// TestMetaPanelShowsTheSavedRecord checks the metadata the join frames
// show against the record the solution saved, read from its storage
// without an observer.
func TestMetaPanelShowsTheSavedRecord(t *testing.T) {
	args := []string{"--put", "A=BC", "--put", "key=value", "--chunk", "8"}
	in, _ := parse(args)
	s, _ := in.store()
	st := &kvstore.MemStorage{}
	if err := s.Shutdown(st); err != nil {
		t.Fatal(err)
	}
	raw, err := st.Load(kvstore.MetaName(kvstore.DefaultName))
	if err != nil {
		t.Fatal(err)
	}
	m, err := kvstore.ParseMeta(raw)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := New().Run(args)
	found := false
	for i := range r.Len() {
		if r.Frame(i).Step != string(kvstore.StepChunkJoin) {
			continue
		}
		found = true
		out := ansi.Strip(r.Render(i, 120, 30, visual.NewTheme(true, true)))
		for _, want := range []string{
			fmt.Sprintf("kvstore.meta, %d B", len(raw)),
			fmt.Sprintf("size %d · chunks %d", m.ChunkSize, m.Chunks),
			fmt.Sprintf("length %d · crc %08x", m.Length, m.CRC),
		} {
			if !strings.Contains(out, want) {
				t.Errorf("frame %d lacks %q:\n%s", i, want, out)
			}
		}
		if got := stateLine(t, r.State(i), "meta kvstore.meta"); got != fmt.Sprintf("% x", raw) {
			t.Errorf("frame %d traces the record %s, saved % x", i, got, raw)
		}
	}
	if !found {
		t.Fatal("no join frame")
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
// decode step is where the solution's next read begins, and that it ends
// at the end of the stream the solution marshals.
func TestDecodeCursorFollowsSolution(t *testing.T) {
	args := New().DefaultArgs()
	rec := recordArgs(t, args)
	next := 0
	for _, f := range rec.frames {
		if f.phase != phDecode || f.step == kvstore.StepDecodeBegin || f.step == kvstore.StepDecodePair {
			continue
		}
		if f.lo != next {
			t.Fatalf("%s reads at %d, but the last step left the cursor at %d", f.step, f.lo, next)
		}
		next = f.cursor
	}
	in, _ := parse(args)
	s, _ := in.store()
	stream, _ := s.MarshalBinary()
	if next != len(rec.stream) || next != len(stream) {
		t.Fatalf("cursor ends at %d of %d (the solution marshals %d)", next, len(rec.stream), len(stream))
	}
	if len(rec.rebuilt) != 3 || rec.rebuilt[2].Key != "名字" {
		t.Fatalf("rebuilt %q", rec.rebuilt)
	}
}

// TestEncodePanelFollowsThePairs checks the store panel of each encode
// frame: the pair the step writes is the one the step's key belongs to.
func TestEncodePanelFollowsThePairs(t *testing.T) {
	r, _ := New().Run([]string{"--put", "b=2", "--put", "a=1"})
	th := visual.NewTheme(true, true)
	for i := range r.Len() {
		step := r.Frame(i).Step
		if !strings.HasPrefix(step, "encode-") || step == "encode-begin" {
			continue
		}
		want := "▶ a = 1"
		if i > 4 {
			want = "▶ b = 2"
		}
		if out := r.Render(i, 120, 24, th); !strings.Contains(out, want) {
			t.Errorf("frame %d (%s) lacks %q:\n%s", i, step, want, out)
		}
	}
}

func TestKnobs(t *testing.T) {
	v := New()
	turn := func(k int, args []string) string {
		t.Helper()
		r, err := v.Run(args)
		if err != nil {
			t.Fatalf("Run(%q): %v", args, err)
		}
		turned, err := r.Turn(k, v.Knobs()[k].Keys()[0], 0)
		if err != nil {
			t.Fatalf("knob %d on %q: %v", k, args, err)
		}
		return strings.Join(turned.Args, " ")
	}
	if on := turn(0, []string{"--put", "A=BC"}); on != "--put A=BC --chunk 8" {
		t.Fatalf("x: %q", on)
	}
	if off := turn(0, []string{"--put", "A=BC", "--chunk", "8"}); off != "--put A=BC" {
		t.Fatalf("x twice: %q", off)
	}
	if smaller := turn(1, []string{"--put", "A=BC", "--chunk", "8"}); smaller != "--put A=BC --chunk 7" {
		t.Fatalf("[: %q", smaller)
	}
	if one := turn(1, []string{"--chunk", "1"}); one != "--chunk 1" {
		t.Fatalf("[ at 1: %q", one)
	}
	if on := turn(2, []string{"--put", "A=BC"}); on != "--put A=BC --chunk 8" {
		t.Fatalf("] unchunked: %q", on)
	}
	// A knob works on the typed input and leaves it as it was; bad input
	// gives no run to turn a knob on.
	in, _ := parse([]string{"--put", "A=BC", "--chunk", "3"})
	for _, k := range knobs {
		if _, err := k.Turn(in, nil, 0, k.Key.Keys()[0]); err != nil || in.chunk != 3 || len(in.puts) != 1 {
			t.Errorf("knob %s: %v, input now %+v", k.Key.Help().Key, err, in)
		}
	}
	if _, err := v.Run([]string{"--put", "x"}); err == nil {
		t.Fatal("bad input gave a run")
	}
	taken := strings.Fields("q ? tab h l j k left right up down space + - r e / esc enter pgup pgdown g G s")
	for _, b := range keys.Default().All() {
		taken = append(taken, b.Keys()...)
	}
	for _, k := range v.Knobs() {
		for _, key := range k.Keys() {
			if slices.Contains(taken, key) {
				t.Errorf("knob key %q is taken by the app", key)
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

// BenchmarkRender draws frames of a chunked run at 80x24, a new frame
// each time so the kernel's memo does not answer: Render runs on every
// View and must stay well under a millisecond.
func BenchmarkRender(b *testing.B) {
	r, _ := New().Run([]string{"--put", "k=" + strings.Repeat("v", 400), "--put", "名字=值", "--chunk", "32"})
	th := visual.NewTheme(true, false)
	i := 0
	for b.Loop() {
		_ = r.Render(i%r.Len(), 80, 24, th)
		i++
	}
}

// BenchmarkRecord records the same chunked run: the frames only, no
// trace text.
func BenchmarkRecord(b *testing.B) {
	in, _ := parse([]string{"--put", "k=" + strings.Repeat("v", 400), "--put", "名字=值", "--chunk", "32"})
	for b.Loop() {
		_, _ = record(in)
	}
}
