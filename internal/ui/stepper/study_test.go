package stepper

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
	"tutor/internal/visuals"
)

// many is a recording of --n frames of five kinds: a start, then send,
// deliver, deliver, reply over and over, and one expire a third of the
// way in. Its answer is the number of replies so far.
type many struct{ n int }

func (r many) Len() int { return r.n }
func (r many) kind(i int) string {
	switch {
	case i == 0:
		return "start"
	case r.n > 5 && i == r.n/3:
		return "expire"
	}
	return []string{"send", "deliver", "deliver", "reply"}[i%4]
}
func (r many) Frame(i int) visual.Frame {
	return visual.Frame{Step: r.kind(i), Explain: fmt.Sprintf("step %d is a %s.", i+1, r.kind(i))}
}
func (r many) Draw(i, w, h int, th visual.Theme) []string {
	return []string{fmt.Sprintf("frame %d of %d", i+1, r.n)}
}
func (r many) State(i int) string { return r.kind(i) }
func (r many) Final() string      { return "" }
func (r many) Answer(i int) string {
	n := 0
	for j := 0; j <= i; j++ {
		if r.kind(j) == "reply" {
			n++
		}
	}
	return strconv.Itoa(n)
}

// manyAnswer is many with a cheap answer, for long runs: the number of
// replies in frames 1..i, counted by arithmetic.
type manyAnswer struct{ many }

func (r manyAnswer) Answer(i int) string {
	n := (i + 1) / 4 // frames 3, 7, 11, ... are replies
	if r.n > 5 && r.n/3 <= i && r.n/3%4 == 3 {
		n-- // the expiry took a reply's place
	}
	return strconv.Itoa(n)
}

func nFlag(name string, limit int) func(args []string) (int, error) {
	return func(args []string) (int, error) {
		fs := flag.NewFlagSet(name, flag.ContinueOnError)
		n := fs.Int("n", 5, "")
		if err := visual.ParseFlags(fs, args, "--n N"); err != nil {
			return 0, err
		}
		if *n < 1 || *n > limit {
			return 0, fmt.Errorf("--n %d: want 1 to %d", *n, limit)
		}
		return *n, nil
	}
}

var manyVisual = visual.Spec[int, manyAnswer]{
	Name: "many", Usage: "--n N", Source: "kvstore/codec.go", Default: []string{"--n", "30"},
	Parse:  nFlag("many", 100_000),
	Format: func(n int) []string { return []string{"--n", strconv.Itoa(n)} },
	Record: func(n int) (manyAnswer, error) { return manyAnswer{many{n}}, nil },
}.Visual()

// tall draws --n rows, one a frame, the frame's row marked with >; a box
// too short for them shows the rows around the marked one, the way the
// tree visual keeps its machine in view.
type tall struct{ n int }

func (r tall) Len() int { return r.n }
func (r tall) Frame(i int) visual.Frame {
	return visual.Frame{Step: "row", Explain: fmt.Sprintf("row %d.", i)}
}
func (r tall) Draw(i, w, h int, th visual.Theme) []string {
	start := 0
	if r.n > h {
		start = max(0, min(i-h/2, r.n-h))
	}
	var lines []string
	for k := start; k < min(r.n, start+h); k++ {
		mark := " "
		if k == i {
			mark = ">"
		}
		lines = append(lines, fmt.Sprintf("%srow %d", mark, k))
	}
	return lines
}
func (r tall) State(i int) string { return "" }
func (r tall) Final() string      { return "" }

var tallVisual = visual.Spec[int, tall]{
	Name: "tall", Usage: "--n N", Source: "kvstore/codec.go", Default: []string{"--n", "60"},
	Parse:  nFlag("tall", 1000),
	Format: func(n int) []string { return []string{"--n", strconv.Itoa(n)} },
	Record: func(n int) (tall, error) { return tall{n}, nil },
}.Visual()

// goTo jumps to step n (from 1) through the : prompt.
func goTo(t *testing.T, m Model, n int) Model {
	t.Helper()
	m = press(t, m, ":")
	m = typeText(t, m, strconv.Itoa(n))
	return press(t, m, "enter")
}

// bucketOf is the column of frame f when n steps share cols columns as
// evenly as whole steps allow: found by walking the columns.
func bucketOf(f, n, cols int) int {
	c := 0
	for (c+1)*n/cols <= f {
		c++
	}
	return c
}

func TestTimelineFitsEveryWidthAndLength(t *testing.T) {
	widths := []int{20, 21, 37, 80, 99, 120, 160, 233, 299, 300}
	for _, n := range []int{1, 2, 3, 19, 20, 21, 299, 300, 301, 1107, 100_000} {
		m := open(t, manyVisual, []string{"--n", strconv.Itoa(n)})
		tl := m.Timeline()
		if tl == nil || tl.Len() != n {
			t.Fatalf("%d steps: timeline %v", n, tl)
		}
		for _, f := range []int{0, n / 3, n / 2, n - 1} {
			m = goTo(t, m, f+1)
			if m.Frame() != f {
				t.Fatalf("%d steps: :%d went to frame %d", n, f+1, m.Frame())
			}
			for _, w := range widths {
				s := m.View(w, 20, plain)
				if !checkBox(t, fmt.Sprintf("%d steps at step %d", n, f+1), s, w, 20) {
					continue
				}
				lines := strings.Split(ansi.Strip(s), "\n")
				marks := []rune(strings.TrimRight(lines[1], " "))
				cols := min(n, w)
				if len(marks) != cols {
					t.Errorf("%d steps in %d columns: %d marks %q", n, w, len(marks), string(marks))
					continue
				}
				c := bucketOf(f, n, cols)
				if got := strings.IndexRune(lines[2], '^'); ansi.StringWidth(lines[2][:max(got, 0)]) != c {
					t.Errorf("%d steps in %d columns at step %d: ^ at %d, want column %d\n%s", n, w, f+1, got, c, lines[2])
				}
				if from, to := c*n/cols, (c+1)*n/cols; to-from == 1 {
					kind := many{n}.kind(f)
					if !strings.Contains(lines[2], kind) {
						t.Errorf("%d steps in %d columns at step %d: %q does not name %s", n, w, f+1, lines[2], kind)
					}
				} else {
					from, to := c*n/cols+1, (c+1)*n/cols
					if want := fmt.Sprintf("steps %d-%d:", from, to); !strings.Contains(lines[2], want) && w > 40 {
						t.Errorf("%d steps in %d columns at step %d: %q lacks %q", n, w, f+1, lines[2], want)
					}
				}
			}
		}
	}
}

func TestTimelineMarksKinds(t *testing.T) {
	m := open(t, manyVisual, []string{"--n", "12"})
	lines := strings.Split(view(m, 40, 20), "\n")
	// start send deliver deliver expire(4 = 12/3) ... : the same kind, the
	// same mark.
	marks := []rune(strings.TrimSpace(lines[1]))
	r := many{12}
	for i := range 12 {
		for j := range 12 {
			if (r.kind(i) == r.kind(j)) != (marks[i] == marks[j]) {
				t.Errorf("steps %d (%s) and %d (%s) marked %c and %c", i+1, r.kind(i), j+1, r.kind(j), marks[i], marks[j])
			}
		}
	}
	if !strings.HasPrefix(lines[2], "^ ● start") {
		t.Errorf("caret line %q", lines[2])
	}
	// A long run shows the one expiry's mark in its bucket, and the caret
	// line says which kinds a bucket holds.
	m = goTo(t, open(t, manyVisual, []string{"--n", "100000"}), 33_333+1)
	lines = strings.Split(view(m, 120, 20), "\n")
	c := bucketOf(33_333, 100_000, 120)
	// The kinds in the order the run reaches them: start ●, deliver ■,
	// reply ▲, send ◆, expire ○; the expiry's bucket shows ○.
	if got := []rune(lines[1])[c]; got != '○' {
		t.Errorf("the expiry's bucket shows %c:\n%s", got, lines[1])
	}
	if want := "steps 33334-34166: ■ deliver 416, ▲ reply 208, ◆ send 208, ○ expire 1"; !strings.Contains(lines[2], want) {
		t.Errorf("caret line %q lacks %q", lines[2], want)
	}
}

func TestJumpKeys(t *testing.T) {
	m := open(t, manyVisual, []string{"--n", "30"})
	r := many{30}
	m = press(t, m, "G")
	if m.Frame() != 29 {
		t.Errorf("G went to %d", m.Frame())
	}
	m = press(t, m, "g")
	if m.Frame() != 0 {
		t.Errorf("g went to %d", m.Frame())
	}
	m = press(t, m, "end")
	if m.Frame() != 29 {
		t.Errorf("end went to %d", m.Frame())
	}
	m = press(t, m, "home")
	m = goTo(t, m, 7)
	if m.Frame() != 6 || m.Capturing() {
		t.Fatalf(":7 enter: frame %d, capturing %v", m.Frame(), m.Capturing())
	}
	// . and , walk the steps of the current kind; brute force is the
	// oracle.
	for _, dir := range []string{".", ","} {
		m = goTo(t, m, 7)
		for range 12 {
			from := m.Frame()
			want := -1
			for j := from + 1; dir == "." && j < 30; j++ {
				if r.kind(j) == r.kind(from) {
					want = j
					break
				}
			}
			for j := from - 1; dir == "," && j >= 0; j-- {
				if r.kind(j) == r.kind(from) {
					want = j
					break
				}
			}
			m = press(t, m, dir)
			switch {
			case want < 0 && (m.Frame() != from || !strings.Contains(m.Notice(), "no "+r.kind(from)+" step")):
				t.Errorf("%s at the last %s: frame %d, notice %q", dir, r.kind(from), m.Frame(), m.Notice())
			case want >= 0 && m.Frame() != want:
				t.Errorf("%s from %d (%s): %d, want %d", dir, from, r.kind(from), m.Frame(), want)
			}
		}
	}
	if s := view(m, 60, 20); !strings.Contains(s, "no deliver step before step") {
		t.Errorf("the notice is not shown:\n%s", s)
	}
	// a: the next step whose answer (replies so far) differs.
	m = press(t, m, "g")
	for _, want := range []int{3, 7, 11, 15, 19, 23, 27} {
		m = press(t, m, "a")
		if m.Frame() != want {
			t.Errorf("a went to %d, want %d", m.Frame(), want)
		}
	}
	m = press(t, m, "a")
	if m.Frame() != 27 || m.Notice() != "the answer does not change after step 28" {
		t.Errorf("a after the last change: frame %d, notice %q", m.Frame(), m.Notice())
	}
	m = press(t, m, "l")
	if m.Notice() != "" {
		t.Errorf("the notice outlived the next key: %q", m.Notice())
	}
	// A visual with no answer says so.
	c := press(t, open(t, counter, nil), "a")
	if c.Frame() != 0 || c.Notice() != "counter has no answer to follow" {
		t.Errorf("a on counter: frame %d, notice %q", c.Frame(), c.Notice())
	}
}

func TestGoToPrompt(t *testing.T) {
	m := open(t, manyVisual, []string{"--n", "30"})
	m = press(t, m, "l", "l", ":")
	if !m.Capturing() {
		t.Fatal(": did not open the prompt")
	}
	if s := view(m, 60, 20); !strings.Contains(s, "go to step: ") {
		t.Errorf("no prompt:\n%s", s)
	}
	// q, ? and l are typed, not acted on.
	m = typeText(t, m, "4x")
	m = press(t, m, "enter")
	if !m.Capturing() || m.Frame() != 2 {
		t.Fatalf("a bad number: capturing %v, frame %d", m.Capturing(), m.Frame())
	}
	if s := view(m, 70, 20); !strings.Contains(s, `step "4x": want a whole number from 1 to 30`) {
		t.Errorf("the refusal is not shown:\n%s", s)
	}
	m = press(t, m, "backspace", "backspace")
	m = typeText(t, m, "31")
	m = press(t, m, "enter")
	if !m.Capturing() || m.Frame() != 2 {
		t.Errorf("step 31 of 30: capturing %v, frame %d", m.Capturing(), m.Frame())
	}
	m = press(t, m, "esc")
	if m.Capturing() || m.Frame() != 2 {
		t.Errorf("esc: capturing %v, frame %d", m.Capturing(), m.Frame())
	}
	if s := view(m, 60, 20); strings.Contains(s, "go to step") || strings.Contains(s, "want a whole") {
		t.Errorf("the prompt stayed:\n%s", s)
	}
	m = goTo(t, m, 30)
	if m.Frame() != 29 {
		t.Errorf(":30 went to %d", m.Frame())
	}
	if got := m.CaptureBindings(); len(got) != 2 {
		t.Errorf("capture bindings %v", got)
	}
}

func TestScrollPicture(t *testing.T) {
	m := open(t, tallVisual, nil) // 60 rows
	m = goTo(t, m, 41)            // row 40
	const w, h = 60, 20
	first := func(s string) string { return strings.TrimSpace(strings.Split(s, "\n")[3]) }
	// A picture taller than its box says so from the first frame, before
	// any scroll (a finding: the note came only after j or k).
	if s := view(open(t, tallVisual, nil), w, h); strings.TrimSpace(strings.Split(s, "\n")[0]) != "tall · step 1/60 · row · paused 1x · lines 1-15 of 60 ↓" {
		t.Errorf("the first frame of a cut picture has no lines note:\n%s", s)
	}
	s := view(m, w, h)
	top := first(s) // the visual's own window around row 40
	if !strings.Contains(s, ">row 40") || top == "row 0" {
		t.Fatalf("the pane at row 40:\n%s", s)
	}
	m = press(t, m, "up")
	s = view(m, w, h)
	n, _ := strconv.Atoi(strings.TrimPrefix(top, "row "))
	if want := fmt.Sprintf("row %d", n-1); first(s) != want || !strings.Contains(s, "lines ") {
		t.Errorf("up from %q: first row %q, want %q\n%s", top, first(s), want, s)
	}
	for range 10 {
		m = press(t, m, "pgup")
	}
	s = view(m, w, h)
	if first(s) != "row 0" || !strings.Contains(s, "lines 1-") {
		t.Errorf("pgup to the top: first row %q\n%s", first(s), s)
	}
	for range 10 {
		m = press(t, m, "pgdown")
	}
	if s = view(m, w, h); !strings.Contains(s, "row 59") || !strings.Contains(s, "of 60") {
		t.Errorf("pgdown to the end:\n%s", s)
	}
	// A step follows the step again, and the status still says the
	// picture is cut: which lines of it the visual kept.
	m = press(t, m, "l")
	s = view(m, w, h)
	n, _ = strconv.Atoi(strings.TrimPrefix(first(s), "row "))
	if want := fmt.Sprintf(" · lines %d-%d of 60 ↕", n+1, n+15); !strings.Contains(s, ">row 41") || !strings.Contains(s, want) {
		t.Errorf("after a step the picture does not follow it, or lacks %q:\n%s", want, s)
	}
	// A new run follows its step too.
	m = press(t, m, "up", "up")
	m = press(t, m, "e", "enter")
	if s = view(m, w, h); strings.TrimSpace(strings.Split(s, "\n")[0]) != "tall · step 1/60 · row · paused 1x · lines 1-15 of 60 ↓" || !strings.Contains(s, ">row 0") {
		t.Errorf("a new run kept the scroll of the last:\n%s", s)
	}
	// The first scroll starts where the pane was: the first offset that
	// shows the same lines.
	if got := offsetOf([]string{"a", "b"}, []string{"x", "a", "b", "a", "b"}); got != 1 {
		t.Errorf("offsetOf = %d, want the first match, 1", got)
	}
	if got := offsetOf([]string{"", "q"}, []string{"", "p", "", "q"}); got != 2 {
		t.Errorf("offsetOf = %d, want 2: blank lines prove nothing", got)
	}
	// A picture that fits does not scroll, and says so.
	small := open(t, tallVisual, []string{"--n", "3"})
	view(small, w, h)
	small = press(t, small, "down")
	if small.Notice() != "the whole picture is on screen" || strings.Contains(view(small, w, h), "lines ") {
		t.Errorf("down on a picture that fits: notice %q", small.Notice())
	}
}

// TestCutPictureSaysSo is the tester's finding: the wire visual's fourth
// step at the pane of a 120x40 lesson draws its message without field c
// (the picture is 13 lines, the box 12), and the status said nothing
// until j or k; then a step took the note away again.
func TestCutPictureSaysSo(t *testing.T) {
	v, _ := visuals.Lookup("wire")
	m := press(t, open(t, v, nil), "l", "l", "l")
	const w, h = 64, 20
	status := func(m Model) string { return strings.TrimSpace(strings.Split(view(m, w, h), "\n")[0]) }
	if got, want := status(m), "wire · step 4/17 · varint-byte · paused 1x · lines 1-12 of 13 ↓"; got != want {
		t.Errorf("step 4, before any scroll: status %q, want %q\n%s", got, want, view(m, w, h))
	}
	m = press(t, m, "l")
	if got := status(m); !strings.Contains(got, " · lines 1-12 of 13") {
		t.Errorf("step 5: status %q lacks the lines note", got)
	}
	// A narrow pane cuts the status, not the note's arrow (a finding:
	// at 40x12 the header ended "paused…" and the note was never seen).
	if got := strings.TrimRight(strings.Split(view(m, 38, h), "\n")[0], " "); got != "wire · step 5/17 · varint-byte · pa… ↓" {
		t.Errorf("at 38 columns the status is %q, want the arrow kept", got)
	}
	// At a height where all of it fits, no note.
	if s := view(m, w, 40); strings.Contains(s, "lines ") {
		t.Errorf("a picture that fits has a lines note:\n%s", s)
	}
}

// TestShortPaneMarksACutSentence is the tester's finding: at 40x12 the
// wire pane (38x8) ended the last step's sentence at "of its own:" with
// no mark, the input line taking three rows. A short pane keeps the input
// to a line, gives the rows a short picture does not need to the
// sentence, and ends a sentence it must still cut with "…".
func TestShortPaneMarksACutSentence(t *testing.T) {
	v, _ := visuals.Lookup("wire")
	args := []string{"--schema", "message M { int32 a = 1; string b = 2; repeated sint32 c = 3; }", "--msg", ""}
	m := press(t, open(t, v, args), "l")
	sentence := m.run.Frame(1).Explain
	if !strings.HasSuffix(sentence, "a stream needs a length before each message") {
		t.Fatalf("the last step says %q", sentence)
	}
	for h := 6; h <= 12; h++ {
		s := view(m, 38, h)
		lines := strings.Split(s, "\n")
		at := -1
		for i, l := range lines {
			if strings.HasPrefix(l, "done: message M is 0 bytes") {
				at = i
			}
		}
		if at < 0 {
			t.Errorf("38x%d: the sentence is not on screen:\n%s", h, s)
			continue
		}
		var text []string
		for _, l := range lines[at:] {
			if strings.HasPrefix(l, "input: ") {
				if h < 16 && (strings.Count(s, "input: ") != 1 || !strings.HasSuffix(strings.TrimRight(l, " "), "…")) {
					t.Errorf("38x%d: the input line is not one line cut with …:\n%s", h, s)
				}
				break
			}
			text = append(text, strings.TrimSpace(l))
		}
		got := strings.Join(text, " ")
		if !strings.HasSuffix(got, "before each message") && !strings.HasSuffix(got, "…") {
			t.Errorf("38x%d: the sentence ends %q, cut with no …:\n%s", h, got[max(len(got)-30, 0):], s)
		}
	}
}

// wordy is a visual of a one-line picture and a long sentence.
type wordy struct{}

func (wordy) Len() int { return 1 }
func (wordy) Frame(int) visual.Frame {
	return visual.Frame{Step: "say", Explain: strings.TrimSpace(strings.Repeat("word ", 40)) + " end."}
}
func (wordy) Draw(i, w, h int, th visual.Theme) []string { return []string{"pic"} }
func (wordy) State(int) string                           { return "" }
func (wordy) Final() string                              { return "" }

var wordyVisual = visual.Spec[int, wordy]{
	Name: "wordy", Usage: "", Source: "kvstore/codec.go", Default: []string{},
	Parse:  func([]string) (int, error) { return 0, nil },
	Format: func(int) []string { return nil },
	Record: func(int) (wordy, error) { return wordy{}, nil },
}.Visual()

// TestShortPictureLeavesItsRows: a picture of one line leaves the rows it
// does not need to the sentence, which then shows whole.
func TestShortPictureLeavesItsRows(t *testing.T) {
	m := open(t, wordyVisual, nil)
	s := view(m, 40, 12) // 200 characters: 6 rows at 40 columns
	if !strings.Contains(s, "end.") || !strings.Contains(s, "pic") || strings.Contains(s, "…") {
		t.Errorf("the sentence is not whole under a one-line picture:\n%s", s)
	}
}

// TestRefusalWrapsBetweenOptions is the tester's finding: a refusal with
// the usage after it wrapped inside "[--rwnd N]" ("[-" / "-rwnd N]"), and
// the ratelimit input line inside "--burst-at". The foot wraps at spaces
// only: every line of it ends with a whole word of the text.
func TestRefusalWrapsBetweenOptions(t *testing.T) {
	v, _ := visuals.Lookup("tcp")
	m := open(t, v, nil)
	m = press(t, m, "e", "ctrl+u")
	m = typeText(t, m, "--send 5000 --bogus 1")
	m = press(t, m, "enter")
	if !strings.Contains(m.Err(), "--bogus: no such option (usage: [--send N]") {
		t.Fatalf("the refusal is %q", m.Err())
	}
	words := map[string]bool{}
	for _, w := range strings.Fields("refused: " + m.Err() + " input> --send 5000 --bogus 1") {
		words[w] = true
	}
	for _, w := range []int{40, 64, 80} {
		s := view(m, w, 30)
		at := strings.Index(s, "refused: ")
		if at < 0 {
			t.Fatalf("at %d columns the refusal is not shown:\n%s", w, s)
		}
		for _, l := range strings.Split(s[at:], "\n") {
			f := strings.Fields(l)
			if len(f) > 0 && !words[f[len(f)-1]] {
				t.Errorf("at %d columns a line of the refusal ends in %q, a piece of a word:\n%s", w, f[len(f)-1], s[at:])
			}
		}
	}
}
