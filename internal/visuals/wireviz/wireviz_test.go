package wireviz

import (
	"bytes"
	"flag"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"google.golang.org/protobuf/encoding/protowire"

	"tutor/internal/visual"
	"tutor/internal/visual/visualtest"
	"tutor/solutions/wire"
)

var update = flag.Bool("update", false, "rewrite the golden files under ../testdata/golden")

var goodInputs = [][]string{
	{"--msg", `a=150 b="hi" c=[-1,2]`},
	{"--msg", ""},
	{"--schema", "message T { int32 a = 1; }", "--msg", "a=0"},
	{"--schema", "message T { int32 a = 1; }", "--msg", "a=-1"},
	{"--schema", "message T { uint64 u = 536870911; sint64 s = 2; bool b = 3; }", "--msg", "u=18446744073709551615 s=-9223372036854775808 b=true"},
	{"--schema", "message T { repeated T t = 1; string s = 2; }", "--msg", `t=[{t=[{s="deep"}]},{}] s="名字"`},
	{"--schema", "message T { repeated double d = 1; bytes b = 2; }", "--msg", `d=[0,-0,inf,nan,1e300] b="\x00\x01\xff"`},
	{"--schema", `syntax = "proto3"; message T { string s = 1; }`, "--msg", `s="line\nbreak"`},
	spec.Examples[0],
}

var badInputs = [][]string{
	{"--schema", "message M { int3 a = 1; }"},
	{"--schema", ""},
	{"--msg", "a=1x"},
	{"--msg", "z=1"},
	{"--msg", "a=1 a=2"},
	{"--msg", "a=2147483648"},
	{"--msg", `b="\xff"`},
	{"--msg", "b=\"a\nb"},
	{"--schema", "message M { int32 a = 19999; }"},
	{"stray"},
	{"--nope"},
	{"--msg", strings.Repeat("a", maxInput+1)},
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

// TestTraceOfTheIssue is the issue's command: its steps, and last the
// line of bytes.
func TestTraceOfTheIssue(t *testing.T) {
	r, err := New().Run([]string{"--schema", "message M { int32 a = 1; string b = 2; repeated sint32 c = 3; }", "--msg", `a=150 b="hi" c=[-1,2]`})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := visual.Trace(&out, r); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out.String(), "\nbytes 08 96 01 12 02 68 69 1a 02 01 04\n") {
		t.Fatalf("trace does not end with the bytes:\n%s", out.String())
	}
	var steps []string
	for i := range r.Len() {
		steps = append(steps, r.Frame(i).Step)
	}
	want := "encode-begin field-begin tag-byte varint-byte varint-byte field-begin tag-byte length-byte payload " +
		"field-begin tag-byte length-byte zigzag varint-byte zigzag varint-byte encode-end"
	if got := strings.Join(steps, " "); got != want {
		t.Fatalf("steps %s\nwant %s", got, want)
	}
}

// TestLastFrameIsProtowiresBytes checks the last frame and Final against
// the bytes protowire writes for the same fields, appended by hand here.
func TestLastFrameIsProtowiresBytes(t *testing.T) {
	var want []byte
	want = protowire.AppendTag(want, 1, protowire.VarintType)
	want = protowire.AppendVarint(want, 150)
	want = protowire.AppendTag(want, 2, protowire.BytesType)
	want = protowire.AppendString(want, "hi")
	want = protowire.AppendTag(want, 3, protowire.BytesType)
	want = protowire.AppendBytes(want, protowire.AppendVarint(protowire.AppendVarint(nil, protowire.EncodeZigZag(-1)), protowire.EncodeZigZag(2)))
	r, err := New().Run(New().DefaultArgs())
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Final(); got != "bytes "+wire.Hex(want) {
		t.Fatalf("Final %q, protowire % x", got, want)
	}
	last := r.State(r.Len() - 1)
	if !strings.Contains(last, "bytes: "+wire.Hex(want)+"\n") {
		t.Fatalf("last frame:\n%s\nwant the bytes % x", last, want)
	}
	if !strings.Contains(last, "roles: t  p  p  t  l  p  p  t  l  p  p") {
		t.Fatalf("last frame's roles:\n%s", last)
	}
}

// TestSizeTableIsMeasured checks that the table shows what the solution's
// Sizes measured, and that its protobuf row is the length of the bytes.
func TestSizeTableIsMeasured(t *testing.T) {
	args := New().DefaultArgs()
	in, _ := parse(args)
	_, m, _ := in.message()
	sizes, err := wire.Sizes(m)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := New().Run(args)
	out := ansi.Strip(r.Render(r.Len()-1, 120, 40, visual.NewTheme(true, true)))
	for _, s := range sizes {
		row := s.Format + strings.Repeat(" ", 8-len(s.Format)) + " " + strings.Repeat(" ", 5-len(itoa(s.Bytes))) + itoa(s.Bytes) + " B"
		if !strings.Contains(out, row) {
			t.Errorf("no row %q in:\n%s", row, out)
		}
		if s.Format == "protobuf" && s.Bytes != 11 {
			t.Errorf("protobuf row %d, the message is 11 bytes", s.Bytes)
		}
	}
	narrow := ansi.Strip(r.Render(r.Len()-1, 60, 24, visual.NewTheme(true, true)))
	if !strings.Contains(narrow, "protobuf 11 B") {
		t.Errorf("narrow frame lacks the size line:\n%s", narrow)
	}
}

func itoa(n int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		if n /= 10; n == 0 {
			return string(b)
		}
	}
}

// TestBitsOfAVarintByte checks the bits panel of the second byte of 150:
// its continuation bit, its seven bits, the groups reassembled.
func TestBitsOfAVarintByte(t *testing.T) {
	r, _ := New().Run(New().DefaultArgs())
	out := ansi.Strip(r.Render(4, 80, 24, visual.NewTheme(true, true)))
	for _, want := range []string{"byte 01 = 0 0000001", "groups 0000001 0010110", "so far 150", "byte 01 = 0 0000001  bits 7-13", "continuation 0: the last byte"} {
		if !strings.Contains(out, want) {
			t.Errorf("frame 5 lacks %q:\n%s", want, out)
		}
	}
	tag := ansi.Strip(r.Render(2, 80, 24, visual.NewTheme(true, true)))
	if !strings.Contains(tag, "tag 8 = field 1 << 3 | type 0 VARINT") {
		t.Errorf("the tag frame lacks the tag's parts:\n%s", tag)
	}
}

// TestPlainMarksRoles checks that without colour the roles still show:
// the letters under the bytes and the ^ of the step.
func TestPlainMarksRoles(t *testing.T) {
	r, _ := New().Run(New().DefaultArgs())
	out := ansi.Strip(r.Render(8, 60, 24, visual.NewTheme(true, true))) // payload "hi"
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "0000 ") {
			if l != "0000 08 96 01 12 02 68 69" || lines[i+1] != "     t  p  p  t  l  p^ p^" {
				t.Fatalf("hex row %q\nletters %q", l, lines[i+1])
			}
			return
		}
	}
	t.Fatalf("no hex row:\n%s", out)
}

// TestTreeFollowsTheField checks the outline marks the field the step
// writes, and that a field at its default shows as not written.
func TestTreeFollowsTheField(t *testing.T) {
	r, err := New().Run(spec.Examples[0])
	if err != nil {
		t.Fatal(err)
	}
	th := visual.NewTheme(true, true)
	seen := map[string]bool{}
	for i := range r.Len() {
		out := ansi.Strip(r.Render(i, 120, 60, th))
		if r.Frame(i).Step == string(wire.StepFieldSkip) {
			seen["skip"] = true
			if !strings.Contains(out, "- q (Q, field 6)") && !strings.Contains(out, "▶ x = 0 (int32, field 1): not written") {
				t.Errorf("frame %d: the skipped field is not marked:\n%s", i, out)
			}
		}
		if r.Frame(i).Step == string(wire.StepSignExtend) {
			seen["sign"] = true
			if !strings.Contains(out, "▶ id = -1 (int32, field 1)") || !strings.Contains(out, "value to write 18446744073709551615") {
				t.Errorf("frame %d: sign extension:\n%s", i, out)
			}
		}
	}
	if !seen["skip"] || !seen["sign"] {
		t.Fatalf("the example reaches %v", seen)
	}
}

func TestKnobs(t *testing.T) {
	v := New()
	r, err := v.Run([]string{"--schema", "message T { int32 a = 1; repeated int64 r = 2; }", "--msg", "a=-1 r=[1]"})
	if err != nil {
		t.Fatal(err)
	}
	frameOf := func(step wire.Step, path string) int {
		for i := range r.Len() {
			if r.Frame(i).Step == string(step) && strings.Contains(r.State(i), "field "+path+"\n") {
				return i
			}
		}
		t.Fatalf("no %s frame of %s", step, path)
		return 0
	}
	turn := func(k, frame int) (string, error) {
		turned, err := r.Turn(k, v.Knobs()[k].Keys()[0], frame)
		if err != nil {
			return "", err
		}
		nr, err := turned.Record()
		if err != nil {
			t.Fatalf("the knob's input does not run: %v", err)
		}
		return strings.Join(turned.Args, " ") + " => " + nr.Final(), nil
	}
	a := frameOf(wire.StepFieldBegin, "a")
	got, err := turn(0, a)
	if err != nil || got != "--schema message T { sint32 a = 1; repeated int64 r = 2; } --msg a=-1 r=[1] => bytes 08 01 12 01 01" {
		t.Errorf("z on a: %q, %v", got, err)
	}
	rr := frameOf(wire.StepFieldBegin, "r")
	if got, err := turn(1, rr); err != nil || !strings.Contains(got, "repeated int64 r = 2 [packed = false];") || !strings.HasSuffix(got, "=> bytes 08 ff ff ff ff ff ff ff ff ff 01 10 01") {
		t.Errorf("u on r: %q, %v", got, err)
	}
	if got, err := turn(2, a); err != nil || !strings.Contains(got, "optional int32 a = 1;") {
		t.Errorf("o on a: %q, %v", got, err)
	}
	for _, tt := range []struct {
		k, frame int
		want     string
	}{{1, a, "no packing"}, {2, rr, "optional does not change"}, {0, 0, "step to a field first"}} {
		if _, err := turn(tt.k, tt.frame); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("knob %d at frame %d: %v, want %q", tt.k, tt.frame, err, tt.want)
		}
	}
}

// TestParseFormatRoundTrip checks that Format writes an input back as
// words Parse reads as the same input.
func TestParseFormatRoundTrip(t *testing.T) {
	for _, args := range append(goodInputs, New().DefaultArgs()) {
		in, err := parse(args)
		if err != nil {
			t.Fatalf("parse(%q): %v", args, err)
		}
		if again, err := parse(format(in)); err != nil || again != in {
			t.Errorf("parse(format(parse(%q))) = %+v, %v; want %+v", args, again, err, in)
		}
	}
}

func TestBadInputNamesTheValue(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--msg", "a=1x"}, `a "1x": want a whole number that fits int32`},
		{[]string{"--schema", "message M { int3 a = 1; }"}, `unknown type "int3"`},
		{[]string{"stray"}, `unexpected argument "stray"`},
		{[]string{"--msg", "b=\"a\nb"}, "not closed"},
	} {
		_, err := New().Run(tt.args)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Run(%q) error = %v, want one line with %q", tt.args, err, tt.want)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	r, err := New().Run(spec.Examples[0])
	if err != nil {
		b.Fatal(err)
	}
	th := visual.NewTheme(true, false)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		// A new frame each time, so the kernel's memo does not answer.
		_ = r.Render(i%r.Len(), 80, 24, th)
		i++
	}
}

// TestHints checks that an answer in the wrong form gets a hint and a
// well-formed wrong one none.
func TestHints(t *testing.T) {
	for _, tt := range []struct {
		hint func(string) string
		in   string
		want bool
	}{
		{hexHint, "ten", true}, {hexHint, "08 97 01", false}, {hexHint, "", false},
		{numberHint, "eleven", true}, {numberHint, "12", false}, {numberHint, "-3", false},
		{numberHint, "18446744073709551615", false},
	} {
		if got := tt.hint(tt.in) != ""; got != tt.want {
			t.Errorf("hint(%q) = %q", tt.in, tt.hint(tt.in))
		}
	}
}
