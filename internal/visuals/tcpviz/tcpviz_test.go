package tcpviz

import (
	"bytes"
	"flag"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/ui/keys"
	"tutor/internal/visual"
	"tutor/internal/visual/visualtest"
	"tutor/solutions/tcp"
)

var update = flag.Bool("update", false, "rewrite the golden files under ../testdata/golden")

var goodInputs = [][]string{
	{"--send", "5000", "--drop", "2"},
	{"--send", "20000", "--loss", "3", "--mss", "1000", "--rwnd", "8000", "--close", "client-first"},
	{"--send", "0"},
	{"--send", "1", "--mss", "1", "--rwnd", "1"},
	{"--send", "3000", "--close", "none"},
	{"--send", "8000", "--bandwidth", "20000", "--queue", "2", "--profile", "linux"},
	{"--send", "3000", "--reorder", "50", "--seed", "9", "--delay", "0"},
	{"--send", "2000", "--isn", "4294967000,4294967295", "--drop-seg", "1,2,3"},
}

var badInputs = [][]string{
	{"--send", "-1"},
	{"--send", "many"},
	{"--send", "300000"},
	{"--send", "200000", "--mss", "1"},
	{"--mss", "0"},
	{"--rwnd", "70000"},
	{"--loss", "101"},
	{"--loss", "NaN"},
	{"--drop", "0"},
	{"--drop", "1,,2"},
	{"--close", "later"},
	{"--open", "half"},
	{"--profile", "bsd"},
	{"--isn", "1"},
	{"--isn", "1,99999999999"},
	{"--read-every", "0"},
	{"--seed", "-4"},
	{"--nope"},
	{"stray"},
}

func TestGolden(t *testing.T) { visualtest.Golden(t, New(), "../testdata/golden", *update) }

func TestSteps(t *testing.T) { visualtest.Steps(t, New()) }

func TestConformance(t *testing.T) { visualtest.Conformance(t, New(), goodInputs, badInputs) }

func TestExercises(t *testing.T) { visualtest.Exercises(t, New(), 50) }

func TestBadInputNamesTheValue(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--send", "many"}, `--send "many"`},
		{[]string{"--loss", "101"}, `--loss "101": a percentage from 0 to 100`},
		{[]string{"--close", "later"}, `--close "later": want client-first`},
		{[]string{"--profile", "bsd"}, `--profile "bsd": want rfc or linux`},
		{[]string{"--send", "200000", "--mss", "1"}, `is 200000 segments`},
		{[]string{"stray"}, `unexpected argument "stray"`},
	} {
		_, err := New().Run(tt.args)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Run(%q) error = %v, want it to contain %q", tt.args, err, tt.want)
		}
	}
}

// TestFormatRoundTrip: every input the tests use formats back to words
// that parse to the same input.
func TestFormatRoundTrip(t *testing.T) {
	for _, args := range append(goodInputs, spec.Examples...) {
		in, err := parse(args)
		if err != nil {
			t.Fatal(err)
		}
		again, err := parse(format(in))
		if err != nil || fmt.Sprint(again) != fmt.Sprint(in) {
			t.Errorf("%q: parse(format(in)) = %+v, %v; want %+v", args, again, err, in)
		}
	}
}

// TestLastFrameAgreesWithTheSimulation: the last frame's states, the
// bytes the server read and the retransmissions agree with a run of the
// simulation without an observer, and the bytes read are the bytes
// written (counted by the solution's Result, not by the frames).
func TestLastFrameAgreesWithTheSimulation(t *testing.T) {
	for _, args := range append(goodInputs, spec.Examples...) {
		in, _ := parse(args)
		rec, err := record(in)
		if err != nil {
			t.Fatal(err)
		}
		s, _ := tcp.NewSim(in.cfg)
		data := bytes.Repeat([]byte{'z'}, in.send)
		res, err := s.Run(data)
		if err != nil {
			t.Fatal(err)
		}
		last := rec.frames[len(rec.frames)-1].ev
		if last.Client.State != res.Final[tcp.Client] || last.Server.State != res.Final[tcp.Server] {
			t.Errorf("%q: last frame %s/%s, simulation %v", args, last.Client.State, last.Server.State, res.Final)
		}
		want := fmt.Sprintf("delivered %d bytes\nretransmitted %d segments\nclient %s\nserver %s",
			len(res.Received), res.Retransmits[0]+res.Retransmits[1], res.Final[0], res.Final[1])
		if rec.Final() != want {
			t.Errorf("%q: Final %q, want %q", args, rec.Final(), want)
		}
		if in.cfg.Open != tcp.OpenRefused && in.cfg.Close != tcp.CloseAbort && !bytes.Equal(res.Received, data) {
			t.Errorf("%q: the server read %d of %d bytes", args, len(res.Received), in.send)
		}
	}
}

// TestTraceOfTheIssue: `tutor trace tcp --send 5000 --drop 2` ends with
// the four lines the issue names, and counts one retransmission.
func TestTraceOfTheIssue(t *testing.T) {
	r, err := New().Run([]string{"--send", "5000", "--drop", "2"})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := visual.Trace(&b, r); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(b.String(), "\ndelivered 5000 bytes\nretransmitted 1 segments\nclient CLOSED\nserver CLOSED\n") {
		t.Errorf("trace ends %q", b.String()[max(0, b.Len()-120):])
	}
	for _, want := range []string{"fast-retransmit", "sent, lost", "SYN-SENT -> ESTABLISHED", "TIME-WAIT -> CLOSED"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the trace lacks %q", want)
		}
	}
}

// TestDiagramShowsTheLoss: the frame of the lost segment draws a cross
// on its arrow, and the frame of the fast retransmit the mark ↻.
func TestDiagramShowsTheLoss(t *testing.T) {
	in, _ := parse([]string{"--send", "5000", "--drop", "2"})
	rec, _ := record(in)
	th := visual.NewTheme(true, true)
	for i, f := range rec.frames {
		if f.ev.Sent && !f.ev.Delivery.Fate.Arrives() {
			pic := ansi.Strip(strings.Join(rec.Draw(i, 120, 30, th), "\n"))
			if !strings.Contains(pic, "✗") || !strings.Contains(pic, "▸") {
				t.Errorf("frame %d: no cross or no current-row mark:\n%s", i, pic)
			}
		}
		if f.ev.Step == tcp.StepFastRetransmit {
			pic := ansi.Strip(strings.Join(rec.Draw(i, 120, 30, th), "\n"))
			if !strings.Contains(pic, "↻ACK seq=2001") {
				t.Errorf("fast retransmit frame:\n%s", pic)
			}
		}
	}
}

func TestKnobs(t *testing.T) {
	v := New()
	r, err := v.Run([]string{"--send", "5000"})
	if err != nil {
		t.Fatal(err)
	}
	// Frame 0 is the server's LISTEN; the first segment is the SYN, #1.
	turned, err := r.Turn(0, "x", 0)
	if err != nil || !slices.Contains(turned.Args, "--drop-seg") || turned.Args[len(turned.Args)-1] != "1" {
		t.Fatalf("x at frame 0: %q, %v", turned.Args, err)
	}
	run, err := turned.Record()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for i := range run.Len() {
		if run.Frame(i).Step == string(tcp.StepRTOTimeout) {
			found = true
		}
	}
	if !found {
		t.Error("dropping the SYN brings no timeout")
	}
	if _, err := r.Turn(0, "x", r.Len()-1); err == nil {
		t.Error("x at the last frame: no error")
	}
	turned, _ = r.Turn(1, "p", 0)
	if !slices.Contains(turned.Args, "linux") {
		t.Errorf("p: %q", turned.Args)
	}
	if _, err := r.Turn(2, "[", 0); err == nil {
		t.Error("[ at seed 0: no error")
	}
	turned, _ = r.Turn(2, "]", 0)
	if !slices.Contains(turned.Args, "--seed") {
		t.Errorf("]: %q", turned.Args)
	}
}

func TestKnobsDoNotShadowAppKeys(t *testing.T) {
	taken := map[string]bool{}
	for _, b := range keys.Default().All() {
		for _, k := range b.Keys() {
			taken[k] = true
		}
	}
	for _, b := range New().Knobs() {
		for _, k := range b.Keys() {
			if taken[k] {
				t.Errorf("knob key %q is an app key", k)
			}
		}
	}
}

func BenchmarkRender(b *testing.B) {
	r, err := New().Run([]string{"--send", "20000", "--loss", "3", "--rwnd", "8000"})
	if err != nil {
		b.Fatal(err)
	}
	th := visual.NewTheme(true, false)
	i := 0
	for b.Loop() {
		_ = r.Render(i%r.Len(), 80, 24, th)
		i++
	}
}
