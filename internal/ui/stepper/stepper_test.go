package stepper

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tutor/internal/ui/keys"
	"tutor/internal/ui/styles"
	"tutor/internal/ui/uitest"
	"tutor/internal/visual"
	"tutor/internal/visuals/kvviz"
)

// count is the recording of the test visual: it counts n frames, the
// first a "start" step and the others "inc" steps.
type count struct{ n int }

func (c count) Len() int { return c.n }
func (c count) Frame(i int) visual.Frame {
	if i == 0 {
		return visual.Frame{Step: "start", Explain: "x starts at 1."}
	}
	return visual.Frame{Step: "inc", Explain: fmt.Sprintf("x goes from %d to %d.", i, i+1)}
}
func (c count) Draw(i, w, h int, th visual.Theme) []string {
	return []string{fmt.Sprintf("x = %d", i+1) + strings.Repeat(" ▇", i), "of " + strconv.Itoa(c.n)}
}
func (c count) State(i int) string { return fmt.Sprintf("x=%d", i+1) }
func (c count) Final() string      { return fmt.Sprintf("x=%d", c.n) }

// counter counts --n N frames (1 to 50, 5 by default). Its knobs: ] one
// frame more, [ three frames fewer (at least one), } always refuses.
var counter = visual.Spec[int, count]{
	Name:    "counter",
	Usage:   "--n N",
	Source:  "kvstore/codec.go",
	Default: []string{"--n", "5"},
	Parse: func(args []string) (int, error) {
		fs := flag.NewFlagSet("counter", flag.ContinueOnError)
		n := fs.Int("n", 5, "")
		if err := visual.ParseFlags(fs, args, "--n N"); err != nil {
			return 0, err
		}
		if *n < 1 || *n > 50 {
			return 0, fmt.Errorf("--n %d: want 1 to 50", *n)
		}
		return *n, nil
	},
	Format: func(n int) []string { return []string{"--n", strconv.Itoa(n)} },
	Record: func(n int) (count, error) { return count{n}, nil },
	Knobs: []visual.Knob[int, count]{
		{
			Key:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "one more")),
			Turn: func(n int, _ count, _ int, _ string) (int, error) { return n + 1, nil },
		},
		{
			Key:  key.NewBinding(key.WithKeys("["), key.WithHelp("[", "three fewer")),
			Turn: func(n int, _ count, _ int, _ string) (int, error) { return max(n-3, 1), nil },
		},
		{
			Key: key.NewBinding(key.WithKeys("}"), key.WithHelp("}", "refuses")),
			Turn: func(n int, _ count, frame int, _ string) (int, error) {
				return 0, fmt.Errorf("not at frame %d", frame+1)
			},
		},
	},
}.Visual()

func keyPress(s string) tea.KeyPressMsg { return uitest.Key(s) }

// ran runs a recording command, which must return a RanMsg.
func ran(t testing.TB, cmd tea.Cmd) RanMsg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command: want one that records a run")
	}
	msg, ok := cmd().(RanMsg)
	if !ok {
		t.Fatalf("the command returned %T, want a RanMsg", msg)
	}
	return msg
}

// feed updates m with msg and fails unless the pane uses it.
func feed(t testing.TB, m Model, msg tea.Msg) (Model, tea.Cmd) {
	t.Helper()
	next, cmd, used := m.Update(msg)
	if !used {
		t.Fatalf("the pane did not use %T %v", msg, msg)
	}
	return next, cmd
}

// press presses keys one after the other, recording any run they ask for
// (as the program would), and returns the pane.
func press(t testing.TB, m Model, ks ...string) Model {
	t.Helper()
	for _, k := range ks {
		var cmd tea.Cmd
		m, cmd = feed(t, m, keyPress(k))
		if m.Recording() {
			m, _ = feed(t, m, ran(t, cmd))
		}
	}
	return m
}

func typeText(t *testing.T, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		m, _ = feed(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

// open returns the pane of v on args with its first run recorded.
func open(t testing.TB, v visual.Visual, args []string) Model {
	t.Helper()
	m, cmd := New(v, keys.Default(), args)
	m, _ = feed(t, m, ran(t, cmd))
	return m
}

var plain = styles.New(true, true)

func view(m Model, w, h int) string { return ansi.Strip(m.View(w, h, plain)) }

func wantStatus(t *testing.T, m Model, want string) {
	t.Helper()
	if got := m.Status(); got != want {
		t.Errorf("Status() = %q, want %q", got, want)
	}
}

func TestNewRecordsFirstRunInCommand(t *testing.T) {
	m, cmd := New(counter, keys.Default(), nil)
	if m.Run() != nil || !m.Recording() || m.Args() != nil {
		t.Fatalf("before the command: run %v, recording %v, args %q", m.Run(), m.Recording(), m.Args())
	}
	wantStatus(t, m, "counter · recording the run…")
	if s := view(m, 40, 10); !strings.Contains(s, "recording the run…") {
		t.Errorf("the pane before its first run:\n%s", s)
	}
	m, cmd2 := feed(t, m, ran(t, cmd))
	if cmd2 != nil || m.Recording() || m.Run() == nil {
		t.Fatalf("after RanMsg: cmd %v, recording %v, run %v", cmd2 != nil, m.Recording(), m.Run())
	}
	wantStatus(t, m, "counter · step 1/5 · start · paused 1x")
	if got := visual.JoinArgs(m.Args()); got != "--n 5" {
		t.Errorf("Args() = %q", got)
	}
	if m.Err() != "" {
		t.Errorf("Err() = %q", m.Err())
	}
	s := view(m, 40, 10)
	for _, want := range []string{"counter · step 1/5", "x = 1", "x starts at 1.", "input: --n 5"} {
		if !strings.Contains(s, want) {
			t.Errorf("the pane lacks %q:\n%s", want, s)
		}
	}
	// Given args are recorded instead of the default.
	m = open(t, counter, []string{"--n", "3"})
	wantStatus(t, m, "counter · step 1/3 · start · paused 1x")
}

func TestNewRefusedInputFallsBackToDefault(t *testing.T) {
	m := open(t, counter, []string{"--n", "99"})
	if m.Run() == nil || m.Run().Len() != 5 {
		t.Fatalf("run %v: want the default run of 5 frames", m.Run())
	}
	if got := visual.JoinArgs(m.Args()); got != "--n 5" {
		t.Errorf("Args() = %q, want the default", got)
	}
	if m.Err() != "--n 99: want 1 to 50" {
		t.Errorf("Err() = %q", m.Err())
	}
	wantStatus(t, m, "counter · step 1/5 · start · paused 1x")
	if s := view(m, 60, 10); !strings.Contains(s, "refused: --n 99: want 1 to 50") {
		t.Errorf("the refusal is not shown:\n%s", s)
	}
	// An input that is not even words of flags falls back too.
	m = open(t, counter, []string{"--bogus"})
	if m.Run() == nil || m.Run().Len() != 5 || !strings.Contains(m.Err(), "bogus") {
		t.Errorf("run %v, err %q", m.Run(), m.Err())
	}
}

func TestStepClampsAtBothEnds(t *testing.T) {
	m := open(t, counter, nil)
	m = press(t, m, "left")
	if m.Frame() != 0 {
		t.Errorf("left at frame 0 went to %d", m.Frame())
	}
	m = press(t, m, "right")
	if m.Frame() != 1 {
		t.Fatalf("right went to %d, want 1", m.Frame())
	}
	wantStatus(t, m, "counter · step 2/5 · inc · paused 1x")
	if f, ok := m.Step(); !ok || f.Explain != "x goes from 1 to 2." {
		t.Errorf("Step() = %v, %v", f, ok)
	}
	m = press(t, m, "l", "l", "l")
	if m.Frame() != 4 {
		t.Fatalf("at %d, want the last frame 4", m.Frame())
	}
	m = press(t, m, "right", "l")
	if m.Frame() != 4 {
		t.Errorf("right at the last frame went to %d", m.Frame())
	}
	wantStatus(t, m, "counter · step 5/5 · inc · paused 1x")
	m = press(t, m, "left")
	if m.Frame() != 3 {
		t.Errorf("left went to %d, want 3", m.Frame())
	}
	m = press(t, m, "h", "h", "h", "h", "h")
	if m.Frame() != 0 {
		t.Errorf("h past the start went to %d", m.Frame())
	}
	m = press(t, m, "right", "right", "right", "r")
	if m.Frame() != 0 {
		t.Errorf("r went to %d, want 0", m.Frame())
	}
	wantStatus(t, m, "counter · step 1/5 · start · paused 1x")
}

func TestPlay(t *testing.T) {
	m := open(t, counter, nil)
	m = press(t, m, "right")
	m, cmd := feed(t, m, keyPress("space"))
	if !m.Playing() || cmd == nil {
		t.Fatalf("space: playing %v, tick %v", m.Playing(), cmd != nil)
	}
	if m.Frame() != 1 {
		t.Errorf("space in the middle moved to %d", m.Frame())
	}
	wantStatus(t, m, "counter · step 2/5 · inc · playing 1x")
	gen := m.gen
	m, cmd = feed(t, m, TickMsg{gen})
	if m.Frame() != 2 || cmd == nil {
		t.Fatalf("a tick: frame %d, next tick %v", m.Frame(), cmd != nil)
	}
	m, cmd = feed(t, m, TickMsg{gen - 1})
	if m.Frame() != 2 || cmd != nil || !m.Playing() {
		t.Errorf("a tick of an older generation: frame %d, tick %v, playing %v", m.Frame(), cmd != nil, m.Playing())
	}
	m, _ = feed(t, m, TickMsg{gen})
	m, _ = feed(t, m, TickMsg{gen})
	if m.Frame() != 4 || !m.Playing() {
		t.Fatalf("two more ticks: frame %d, playing %v", m.Frame(), m.Playing())
	}
	m, cmd = feed(t, m, TickMsg{gen})
	if m.Frame() != 4 || m.Playing() || cmd != nil {
		t.Errorf("a tick at the last frame: frame %d, playing %v, tick %v", m.Frame(), m.Playing(), cmd != nil)
	}
	wantStatus(t, m, "counter · step 5/5 · inc · paused 1x")
	m, _ = feed(t, m, TickMsg{gen})
	if m.Frame() != 4 {
		t.Errorf("a tick after play stopped moved to %d", m.Frame())
	}
	// Space at the last frame plays from the start.
	m, cmd = feed(t, m, keyPress("space"))
	if m.Frame() != 0 || !m.Playing() || cmd == nil {
		t.Errorf("space at the end: frame %d, playing %v, tick %v", m.Frame(), m.Playing(), cmd != nil)
	}
	if m.gen == gen {
		t.Errorf("a new play kept the generation %d", gen)
	}
	// The ticks of the old play are dropped; the new one's advance.
	m, _ = feed(t, m, TickMsg{gen})
	if m.Frame() != 0 {
		t.Errorf("a tick of the old play moved to %d", m.Frame())
	}
	m, _ = feed(t, m, TickMsg{m.gen})
	if m.Frame() != 1 {
		t.Errorf("a tick of the new play: frame %d", m.Frame())
	}
	// Space pauses; the paused play's ticks do nothing.
	gen = m.gen
	m, cmd = feed(t, m, keyPress("space"))
	if m.Playing() || cmd != nil {
		t.Errorf("space while playing: playing %v, tick %v", m.Playing(), cmd != nil)
	}
	m, _ = feed(t, m, TickMsg{gen})
	m, _ = feed(t, m, TickMsg{m.gen})
	if m.Frame() != 1 {
		t.Errorf("ticks while paused moved to %d", m.Frame())
	}
	// Stepping stops a play.
	m, _ = feed(t, m, keyPress("space"))
	m = press(t, m, "right")
	if m.Playing() {
		t.Error("stepping did not stop the play")
	}
	m, _ = feed(t, m, keyPress("space"))
	m = press(t, m, "r")
	if m.Playing() || m.Frame() != 0 {
		t.Errorf("r: playing %v, frame %d", m.Playing(), m.Frame())
	}
}

func TestPlayTickInterval(t *testing.T) {
	m := open(t, counter, nil)
	for i, want := range []time.Duration{time.Second, 500 * time.Millisecond} {
		if got := Speeds[m.speed].Every; got != want {
			t.Errorf("speed %d plays every %v, want %v", i, got, want)
		}
		m = press(t, m, "+")
	}
}

func TestSpeed(t *testing.T) {
	m := open(t, counter, nil)
	label := func() string {
		f := strings.Fields(m.Status())
		return f[len(f)-1]
	}
	if label() != "1x" {
		t.Fatalf("starts at %q", label())
	}
	for _, want := range []string{"2x", "4x", "10x", "25x", "100x", "100x"} {
		m = press(t, m, "+")
		if label() != want {
			t.Errorf("+ gave %q, want %q", label(), want)
		}
	}
	for _, want := range []string{"25x", "10x", "4x", "2x", "1x", "0.5x", "0.5x"} {
		m = press(t, m, "-")
		if label() != want {
			t.Errorf("- gave %q, want %q", label(), want)
		}
	}
	m = press(t, m, "=")
	if label() != "1x" {
		t.Errorf("= gave %q, want 1x", label())
	}
	m = press(t, m, "_")
	if label() != "0.5x" {
		t.Errorf("_ gave %q, want 0.5x", label())
	}
}

func TestKnob(t *testing.T) {
	m := open(t, counter, nil)
	m = press(t, m, "right", "right")
	m, cmd := feed(t, m, keyPress("]"))
	if cmd == nil || !m.Recording() {
		t.Fatalf("] gave no recording: cmd %v, recording %v", cmd != nil, m.Recording())
	}
	// The last run stays on screen while the new one is recorded.
	wantStatus(t, m, "counter · step 3/5 · inc · recording… 1x")
	if m.Run().Len() != 5 {
		t.Errorf("the run changed before its RanMsg: %d frames", m.Run().Len())
	}
	m, _ = feed(t, m, ran(t, cmd))
	if m.Recording() || m.Run().Len() != 6 || m.Frame() != 2 {
		t.Errorf("after ]: recording %v, %d frames, frame %d; want 6 frames at frame 2", m.Recording(), m.Run().Len(), m.Frame())
	}
	if got := visual.JoinArgs(m.Args()); got != "--n 6" {
		t.Errorf("Args() = %q", got)
	}
	wantStatus(t, m, "counter · step 3/6 · inc · paused 1x")
	// A knob that leaves fewer frames clamps the frame to the last.
	m = press(t, m, "right", "right", "right")
	if m.Frame() != 5 {
		t.Fatalf("at %d, want 5", m.Frame())
	}
	m = press(t, m, "[")
	if m.Run().Len() != 3 || m.Frame() != 2 {
		t.Errorf("after [: %d frames, frame %d; want 3 frames at frame 2", m.Run().Len(), m.Frame())
	}
	// A knob is not a new input: the box stays closed, no error.
	if m.Editing() || m.Err() != "" {
		t.Errorf("editing %v, err %q", m.Editing(), m.Err())
	}
}

func TestKnobError(t *testing.T) {
	m := open(t, counter, nil)
	m = press(t, m, "right")
	m, cmd := feed(t, m, keyPress("}"))
	if cmd != nil || m.Recording() {
		t.Fatalf("a refused knob: cmd %v, recording %v", cmd != nil, m.Recording())
	}
	if m.Err() != "not at frame 2" {
		t.Errorf("Err() = %q", m.Err())
	}
	if m.Frame() != 1 || m.Run().Len() != 5 {
		t.Errorf("a refused knob changed the run: frame %d of %d", m.Frame(), m.Run().Len())
	}
	if s := view(m, 40, 10); !strings.Contains(s, "refused: not at frame 2") {
		t.Errorf("the refusal is not shown:\n%s", s)
	}
	// The next good run clears it.
	m = press(t, m, "]")
	if m.Err() != "" {
		t.Errorf("Err() after a good knob = %q", m.Err())
	}
}

func TestUnknownKeyIsNotUsed(t *testing.T) {
	m := open(t, counter, nil)
	for _, k := range []string{"tab", "z", "s", "/"} {
		if _, cmd, used := m.Update(keyPress(k)); used || cmd != nil {
			t.Errorf("%s: used %v, cmd %v", k, used, cmd != nil)
		}
	}
	if _, _, used := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24}); used {
		t.Error("a window size was used")
	}
}

func TestStaleRanMsg(t *testing.T) {
	m := open(t, counter, nil)
	m = press(t, m, "right")
	m, cmd1 := feed(t, m, keyPress("]")) // 6 frames
	m, cmd2 := feed(t, m, keyPress("[")) // 2 frames
	msg1, msg2 := ran(t, cmd1), ran(t, cmd2)
	m, _ = feed(t, m, msg1)
	if m.Run().Len() != 5 || !m.Recording() {
		t.Errorf("an earlier request's run replaced the run: %d frames, recording %v", m.Run().Len(), m.Recording())
	}
	wantStatus(t, m, "counter · step 2/5 · inc · recording… 1x")
	m, _ = feed(t, m, msg2)
	if m.Run().Len() != 2 || m.Recording() {
		t.Errorf("the last request: %d frames, recording %v", m.Run().Len(), m.Recording())
	}
	m, _ = feed(t, m, msg1)
	if m.Run().Len() != 2 {
		t.Errorf("a stale run after the last one replaced it: %d frames", m.Run().Len())
	}
}

func TestRanMsgOfAnotherPane(t *testing.T) {
	a, cmdA := New(counter, keys.Default(), []string{"--n", "7"})
	b, cmdB := New(counter, keys.Default(), []string{"--n", "3"})
	msgA, msgB := ran(t, cmdA), ran(t, cmdB)
	b2, cmd, used := b.Update(msgA)
	if !used || cmd != nil || b2.Run() != nil || !b2.Recording() {
		t.Errorf("pane b took pane a's run: used %v, run %v, recording %v", used, b2.Run(), b2.Recording())
	}
	b2, _ = feed(t, b2, msgB)
	if b2.Run() == nil || b2.Run().Len() != 3 {
		t.Errorf("pane b's own run: %v", b2.Run())
	}
	a, _ = feed(t, a, msgA)
	if a.Run().Len() != 7 {
		t.Errorf("pane a's own run: %d frames", a.Run().Len())
	}
	// A RanMsg of no request at all (the zero value) is not the pane's.
	c, _ := New(counter, keys.Default(), nil)
	c2, _, used := c.Update(RanMsg{})
	if used || c2.Run() != nil || !c2.Recording() {
		t.Errorf("RanMsg{}: used %v, run %v, recording %v", used, c2.Run(), c2.Recording())
	}
	// Nor when nothing is being recorded: the frame and a refusal stay.
	d := open(t, counter, nil)
	d = press(t, d, "right", "}")
	d2, _, used := d.Update(RanMsg{})
	if used || d2.Frame() != 1 || d2.Err() == "" {
		t.Errorf("RanMsg{} with no recording: used %v, frame %d, err %q", used, d2.Frame(), d2.Err())
	}
}

func TestEditInput(t *testing.T) {
	m := open(t, counter, nil)
	m = press(t, m, "]") // 6 frames: the box shows the input of the run on screen
	m, _ = feed(t, m, keyPress("space"))
	m, _ = feed(t, m, keyPress("e"))
	if !m.Editing() || m.Playing() {
		t.Fatalf("e: editing %v, playing %v", m.Editing(), m.Playing())
	}
	if m.input.Value() != "--n 6" {
		t.Errorf("the box holds %q, want the current input", m.input.Value())
	}
	if s := view(m, 40, 10); !strings.Contains(s, "input> --n 6") {
		t.Errorf("the box is not shown:\n%s", s)
	}
	// Keys go to the box: r and right do not step.
	m = press(t, m, "right")
	m = typeText(t, m, "r")
	if m.Frame() != 0 || m.input.Value() != "--n 6r" {
		t.Errorf("frame %d, box %q", m.Frame(), m.input.Value())
	}
	m = press(t, m, "esc")
	if m.Editing() || m.Run().Len() != 6 || m.Err() != "" {
		t.Errorf("esc: editing %v, %d frames, err %q", m.Editing(), m.Run().Len(), m.Err())
	}
	if s := view(m, 40, 10); strings.Contains(s, "input>") || !strings.Contains(s, "input: --n 6") {
		t.Errorf("after esc:\n%s", s)
	}
}

func TestEditInputRefusals(t *testing.T) {
	m := open(t, counter, nil)
	m = press(t, m, "right", "right", "right", "e")
	// An unclosed quote is refused at once.
	m = typeText(t, m, " '")
	m, cmd := feed(t, m, keyPress("enter"))
	if cmd != nil || m.Recording() {
		t.Errorf("an unclosed quote gave a recording")
	}
	if !m.Editing() || !strings.Contains(m.Err(), "unclosed quote") {
		t.Errorf("unclosed quote: editing %v, err %q", m.Editing(), m.Err())
	}
	// A bad input is refused by its run: the box stays open and the last
	// good run stays at its frame.
	m = press(t, m, "backspace", "backspace", "backspace")
	m = typeText(t, m, "99")
	if m.input.Value() != "--n 99" {
		t.Fatalf("the box holds %q", m.input.Value())
	}
	m, cmd = feed(t, m, keyPress("enter"))
	if cmd == nil || !m.Recording() {
		t.Fatal("enter gave no recording")
	}
	m, _ = feed(t, m, ran(t, cmd))
	if !m.Editing() || m.Err() != "--n 99: want 1 to 50" {
		t.Errorf("bad input: editing %v, err %q", m.Editing(), m.Err())
	}
	if m.Run().Len() != 5 || m.Frame() != 3 || visual.JoinArgs(m.Args()) != "--n 5" {
		t.Errorf("bad input replaced the run: %d frames at %d, args %q", m.Run().Len(), m.Frame(), m.Args())
	}
	s := view(m, 40, 12)
	for _, want := range []string{"input> --n 99", "refused: --n 99: want 1 to 50", "step 4/5"} {
		if !strings.Contains(s, want) {
			t.Errorf("the pane lacks %q:\n%s", want, s)
		}
	}
	// A good input closes the box and starts at frame 0.
	m = press(t, m, "backspace", "backspace")
	m = typeText(t, m, "8")
	m, cmd = feed(t, m, keyPress("enter"))
	m, _ = feed(t, m, ran(t, cmd))
	if m.Editing() || m.Err() != "" || m.Frame() != 0 || m.Run().Len() != 8 {
		t.Errorf("good input: editing %v, err %q, frame %d of %d", m.Editing(), m.Err(), m.Frame(), m.Run().Len())
	}
	wantStatus(t, m, "counter · step 1/8 · start · paused 1x")
}

func TestEnterWithoutChangeRecordsAgain(t *testing.T) {
	m := open(t, counter, nil)
	m = press(t, m, "right", "right", "e")
	m, cmd := feed(t, m, keyPress("enter"))
	wantStatus(t, m, "counter · step 3/5 · inc · recording… 1x")
	m, _ = feed(t, m, ran(t, cmd))
	if m.Editing() || m.Frame() != 0 {
		t.Errorf("editing %v, frame %d", m.Editing(), m.Frame())
	}
}

// sizes are the pane sizes the sweep draws: every width to 30 and every
// height to 20 (where a pane runs out of room), then larger ones in steps
// to 200x60.
func sizes() [][2]int {
	var ws, hs []int
	for w := 1; w <= 30; w++ {
		ws = append(ws, w)
	}
	for w := 37; w < 200; w += 17 {
		ws = append(ws, w)
	}
	for h := 1; h <= 20; h++ {
		hs = append(hs, h)
	}
	ws, hs = append(ws, 200), append(hs, 24, 31, 40, 48, 55, 60)
	var out [][2]int
	for _, w := range ws {
		for _, h := range hs {
			out = append(out, [2]int{w, h})
		}
	}
	return out
}

func checkBox(t *testing.T, what, s string, w, h int) bool {
	t.Helper()
	lines := strings.Split(s, "\n")
	if len(lines) != h {
		t.Errorf("%s at %dx%d: %d lines:\n%s", what, w, h, len(lines), ansi.Strip(s))
		return false
	}
	for i, line := range lines {
		if lw := ansi.StringWidth(line); lw > w {
			t.Errorf("%s at %dx%d: line %d is %d wide: %q", what, w, h, i, lw, ansi.Strip(line))
			return false
		}
	}
	return true
}

func TestViewFitsEverySize(t *testing.T) {
	before, _ := New(counter, keys.Default(), nil)
	c := open(t, counter, nil)
	refused := open(t, counter, []string{"--n", "99"})
	editing := press(t, refused, "e")
	kv := open(t, kvviz.New(), nil)
	kvMid := kv
	for range kv.Run().Len() / 2 {
		kvMid = press(t, kvMid, "right")
	}
	kvLong := open(t, kvviz.New(), []string{"--put", "a-rather-long-key=" + strings.Repeat("v", 90), "--chunk", "3"})
	panes := map[string]Model{
		"before the first run": before, "counter": c, "refused": refused, "editing": editing,
		"kvstore": kv, "kvstore mid": kvMid, "kvstore long": kvLong,
	}
	for name, m := range panes {
		for _, sz := range sizes() {
			if !checkBox(t, name, m.View(sz[0], sz[1], plain), sz[0], sz[1]) {
				break
			}
		}
	}
	// In colour, every seventh size.
	for _, st := range []styles.Styles{styles.New(true, false), styles.New(false, false)} {
		for name, m := range panes {
			for i, sz := range sizes() {
				if i%7 == 0 && !checkBox(t, name+" in colour", m.View(sz[0], sz[1], st), sz[0], sz[1]) {
					break
				}
			}
		}
	}
	for _, sz := range [][2]int{{0, 5}, {5, 0}, {-1, -1}} {
		if s := c.View(sz[0], sz[1], plain); s != "" {
			t.Errorf("View(%d, %d) = %q", sz[0], sz[1], s)
		}
	}
}

func TestSmallPaneDropsFoot(t *testing.T) {
	m := open(t, counter, nil)
	refused := open(t, counter, []string{"--n", "99"})
	for h := 1; h <= 12; h++ {
		s := view(m, 40, h)
		if got := strings.Contains(s, "input: --n 5"); got != (h >= 6) {
			t.Errorf("height %d: the foot shown %v:\n%s", h, got, s)
		}
		s = view(refused, 40, h)
		if got := strings.Contains(s, "refused:"); got != (h >= 6) {
			t.Errorf("height %d: the refusal shown %v:\n%s", h, got, s)
		}
		if !strings.HasPrefix(view(m, 40, h), "counter · step 1/5") {
			t.Errorf("height %d: the status is not first:\n%s", h, view(m, 40, h))
		}
	}
	// At 6 lines: status, two lines of picture, explanation and foot.
	want := strings.Join([]string{
		"counter · step 1/5 · start · paused 1x  ",
		"x = 1                                   ",
		"of 5                                    ",
		"                                        ",
		"x starts at 1.                          ",
		"input: --n 5                            ",
	}, "\n")
	if got := view(m, 40, 6); got != want {
		t.Errorf("the pane at 40x6:\n%s\nwant\n%s", got, want)
	}
}

func TestRealVisual(t *testing.T) {
	v := kvviz.New()
	m := open(t, v, nil)
	n := m.Run().Len()
	if n < 3 {
		t.Fatalf("kvstore's default run has %d frames", n)
	}
	lines := visual.StepLines(func() string { _, text := v.Source(); return text }())
	for i := range n {
		f, ok := m.Step()
		if !ok || f != m.Run().Frame(i) {
			t.Fatalf("frame %d: Step() = %v, want %v", i, f, m.Run().Frame(i))
		}
		if lines[f.Step] == 0 {
			t.Errorf("frame %d: step %q is not marked in the source", i, f.Step)
		}
		want := fmt.Sprintf("kvstore · step %d/%d · %s · paused 1x", i+1, n, f.Step)
		wantStatus(t, m, want)
		if s := view(m, 80, 20); !strings.Contains(s, want) || !strings.Contains(s, strings.Fields(f.Explain)[0]) {
			t.Errorf("frame %d at 80x20:\n%s", i, s)
		}
		m = press(t, m, "right")
	}
	if m.Frame() != n-1 {
		t.Errorf("stepped past the end: %d", m.Frame())
	}
	// The x knob turns chunking on; the frame stays where it was.
	m = press(t, m, "r", "right", "right")
	m, cmd := feed(t, m, keyPress("x"))
	m, _ = feed(t, m, ran(t, cmd))
	if got := visual.JoinArgs(m.Args()); !strings.Contains(got, "--chunk 8") {
		t.Errorf("after x: args %q", got)
	}
	if m.Frame() != 2 || m.Run().Len() <= n {
		t.Errorf("after x: frame %d of %d (was %d frames)", m.Frame(), m.Run().Len(), n)
	}
	// A bad input names the bad value and keeps the run.
	m = press(t, m, "e")
	m.input.SetValue("--put nokey")
	m, cmd = feed(t, m, keyPress("enter"))
	m, _ = feed(t, m, ran(t, cmd))
	if m.Err() == "" || !strings.Contains(m.Err(), "nokey") || !m.Editing() || m.Frame() != 2 {
		t.Errorf("bad input: err %q, editing %v, frame %d", m.Err(), m.Editing(), m.Frame())
	}
}

func TestBindings(t *testing.T) {
	m := open(t, counter, nil)
	b := m.Bindings()
	var got []string
	for _, k := range b {
		got = append(got, k.Help().Key)
	}
	want := "←/h →/l space + - r e g G : . , a P ] [ }"
	if strings.Join(got, " ") != want {
		t.Errorf("Bindings() = %q, want %q", strings.Join(got, " "), want)
	}
}
