package ui

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tutor/internal/lessons"
	"tutor/internal/quiz"
	"tutor/internal/review"
	"tutor/internal/ui/keys"
	"tutor/internal/ui/lesson"
	"tutor/internal/ui/stepper"
	"tutor/internal/ui/uitest"
	"tutor/internal/visual"
	"tutor/internal/visuals"
)

// counterRun is a small visual for the app's tests: it counts from 0 to n,
// one frame a step.
type counterRun struct{ n int }

const counterSource = "package counter\n\nfunc Count(n int) int {\n\tx := 0 // step: start\n\tfor range n {\n\t\tx++ // step: inc\n\t}\n\treturn x\n}\n"

func (r counterRun) Len() int { return r.n + 1 }
func (r counterRun) Frame(i int) visual.Frame {
	if i == 0 {
		return visual.Frame{Step: "start", Explain: "x starts at 0."}
	}
	return visual.Frame{Step: "inc", Explain: fmt.Sprintf("x goes from %d to %d.", i-1, i)}
}
func (r counterRun) State(i int) string { return fmt.Sprintf("x=%d", i) }
func (r counterRun) Draw(i, w, h int, th visual.Theme) []string {
	return []string{th.Accent.Render(fmt.Sprintf("x = %d", i)) + strings.Repeat(" ▇", i)}
}
func (r counterRun) Final() string { return fmt.Sprintf("x=%d", r.n) }

// counter is the counting visual, its source shown as counter/counter.go.
var counter = visualSource{visual.Spec[int, counterRun]{
	Name:    "counter",
	Usage:   "--n N",
	Default: []string{"--n", "5"},
	Parse: func(args []string) (int, error) {
		fs := flag.NewFlagSet("counter", flag.ContinueOnError)
		fs.SetOutput(new(strings.Builder))
		n := fs.Int("n", 3, "")
		if err := fs.Parse(args); err != nil {
			return 0, err
		}
		if *n < 0 || *n > 100 {
			return 0, fmt.Errorf("--n %d: want 0 to 100", *n)
		}
		return *n, nil
	},
	Format: func(n int) []string { return []string{"--n", strconv.Itoa(n)} },
	Record: func(n int) (counterRun, error) { return counterRun{n}, nil },
	Knobs: []visual.Knob[int, counterRun]{{
		Key:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "count one more")),
		Turn: func(n int, _ counterRun, _ int, _ string) (int, error) { return n + 1, nil },
	}},
	Exercises: []visual.ExerciseKind{{
		ID: "counter.double", Title: "double it",
		New: func(r *rand.Rand) visual.Exercise {
			n := r.IntN(10)
			return visual.Exercise{
				Question: fmt.Sprintf("What is %d doubled?", n),
				Answer:   strconv.Itoa(2 * n),
				Check:    func(a string) bool { return strings.TrimSpace(a) == strconv.Itoa(2*n) },
				Args:     []string{"--n", strconv.Itoa(2 * n)},
			}
		},
	}},
}.Visual()}

// visualSource shows a test visual's source as counter/counter.go rather
// than a file of solutions/.
type visualSource struct{ visual.Visual }

func (visualSource) Source() (string, string) { return "counter/counter.go", counterSource }

func longNote(title string, lines int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", title)
	for i := range lines {
		fmt.Fprintf(&b, "Paragraph line %d of the note, with words enough to wrap at a narrow width.\n\n", i)
	}
	return b.String()
}

func fixture(t testing.TB) *lessons.Catalog {
	t.Helper()
	fsys := fstest.MapFS{
		"lessons/tcp.md": {Data: []byte("---\nid: tcp\ntitle: TCP basics\ntags: [networking]\norder: 1\nsummary: The byte stream.\n---\n" + longNote("TCP", 150) + "## Handshake\n\nSYN, SYN-ACK, ACK.\n")},
		"lessons/tcp.quiz.yaml": {Data: []byte(`- kind: recall
  front: What are the three packets of the handshake?
  back: SYN, SYN-ACK, ACK.
- kind: choice
  question: Which state waits for 2MSL?
  choices: [CLOSE-WAIT, TIME-WAIT, LISTEN]
  answer: 1
  explain: The side that closes first waits in TIME-WAIT.
`)},
		"lessons/count.md":        {Data: []byte("---\nid: count\ntitle: Counting lesson\ntags: [loops]\norder: 2\nvisual: counter\nsummary: A loop that counts.\n---\n" + longNote("Counting", 40))},
		"lessons/count.quiz.yaml": {Data: []byte("- kind: recall\n  front: What does x start at?\n  back: Zero.\n")},
	}
	cat, err := lessons.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

var epoch = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func newApp(t testing.TB, opts Options) Model {
	t.Helper()
	if opts.Catalog == nil {
		opts.Catalog = fixture(t)
	}
	if opts.Visuals == nil {
		opts.Visuals = []visual.Visual{counter}
	}
	m := New(opts)
	return runCmd(t, m, m.Init(), 0)
}

// update applies msg and then the messages its commands return, as the
// program would, skipping commands that wait (ticks, cursor blinks).
func update(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()
	next, cmd := m.Update(msg)
	m = next.(Model)
	return runCmd(t, m, cmd, 0)
}

func runCmd(t testing.TB, m Model, cmd tea.Cmd, depth int) Model {
	if cmd == nil || depth > 20 {
		return m
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(60 * time.Second):
		t.Fatalf("a command did not return in 60 s")
	}
	switch msg := msg.(type) {
	case nil:
		return m
	case tea.BatchMsg:
		for _, c := range msg {
			m = runCmd(t, m, c, depth+1)
		}
		return m
	case tea.QuitMsg, stepper.TickMsg:
		return m // play ticks are timers, not what a test drives
	}
	next, cmd2 := m.Update(msg)
	return runCmd(t, next.(Model), cmd2, depth+1)
}

func keyPress(s string) tea.KeyPressMsg { return uitest.Key(s) }

func press(t testing.TB, m Model, ks ...string) Model {
	t.Helper()
	for _, k := range ks {
		m = update(t, m, keyPress(k))
	}
	return m
}

func typeText(t testing.TB, m Model, s string) Model {
	t.Helper()
	for _, r := range s {
		m = update(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

func sized(t testing.TB, m Model, w, h int) Model {
	t.Helper()
	return update(t, m, tea.WindowSizeMsg{Width: w, Height: h})
}

func screen(m Model) string { return ansi.Strip(m.Render()) }

// checkBox fails unless s is exactly h lines of at most w columns.
func checkBox(t *testing.T, what, s string, w, h int) {
	t.Helper()
	lines := strings.Split(s, "\n")
	if len(lines) != h {
		t.Errorf("%s at %dx%d: %d lines", what, w, h, len(lines))
	}
	for i, line := range lines {
		if lw := ansi.StringWidth(line); lw > w {
			t.Errorf("%s at %dx%d: line %d is %d wide: %q", what, w, h, i, lw, ansi.Strip(line))
			return
		}
	}
}

func TestHomeListsLessons(t *testing.T) {
	m := sized(t, newApp(t, Options{}), 80, 24)
	s := screen(m)
	for _, want := range []string{"TCP basics", "The byte stream.", "#networking", "Counting lesson", "live counter", "enter open"} {
		if !strings.Contains(s, want) {
			t.Errorf("home screen lacks %q:\n%s", want, s)
		}
	}
	if m.State() != HomeScreen {
		t.Errorf("state %v", m.State())
	}
}

func TestHomeTypeToFilter(t *testing.T) {
	m := sized(t, newApp(t, Options{}), 80, 24)
	m = typeText(t, press(t, m, "/"), "cou")
	s := screen(m)
	if strings.Contains(s, "TCP basics") || !strings.Contains(s, "Counting lesson") {
		t.Fatalf("typing cou should leave only the counting lesson:\n%s", s)
	}
	m = press(t, m, "enter") // accept the filter
	m = press(t, m, "enter") // open the lesson under the cursor
	if m.State() != LessonScreen || m.Lesson().Lesson().ID != "count" {
		t.Fatalf("state %v lesson %v", m.State(), m.Lesson().Lesson())
	}
	// In the box, letters the screens bind (s, c, n) are typed.
	m = typeText(t, press(t, sized(t, newApp(t, Options{}), 80, 24), "/"), "sics")
	if s := screen(m); !strings.Contains(s, "TCP basics") || strings.Contains(s, "Counting lesson") {
		t.Fatalf("typing sics should leave only the TCP lesson:\n%s", s)
	}
}

func TestOpenLessonStepAndPlay(t *testing.T) {
	m := sized(t, newApp(t, Options{Open: "count"}), 140, 40)
	s := screen(m)
	for _, want := range []string{"Counting lesson", "Note", "Visual", "counter · step 1/6 · start", "x starts at 0.", "Source · solutions/counter/counter.go", "▶ 4"} {
		if !strings.Contains(s, want) {
			t.Errorf("lesson screen lacks %q:\n%s", want, s)
		}
	}
	m = press(t, m, "l", "right")
	s = screen(m)
	if !strings.Contains(s, "step 3/6 · inc") || !strings.Contains(s, "x goes from 1 to 2.") || !strings.Contains(s, "▶ 6") {
		t.Errorf("after two steps:\n%s", s)
	}
	m = press(t, m, "h")
	if !strings.Contains(screen(m), "step 2/6") {
		t.Errorf("step back:\n%s", screen(m))
	}
	m = press(t, m, "space")
	if !m.Lesson().Stepper().Playing() {
		t.Error("space does not play")
	}
	// A tick of the current generation advances; one of an old one is dropped.
	m = press(t, m, "r")
	if m.Lesson().Stepper().Frame() != 0 || m.Lesson().Stepper().Playing() {
		t.Errorf("restart: frame %d playing %v", m.Lesson().Stepper().Frame(), m.Lesson().Stepper().Playing())
	}
	m = press(t, m, "+", "+", "-")
	if !strings.Contains(screen(m), "2x") {
		t.Errorf("speed:\n%s", screen(m))
	}
	m = press(t, m, "]") // the visual's knob
	if !strings.Contains(screen(m), "input: --n 6") {
		t.Errorf("knob did not re-run:\n%s", screen(m))
	}
	m = press(t, m, "esc")
	if m.State() != HomeScreen {
		t.Errorf("esc: state %v", m.State())
	}
}

func TestEditInputRefusesBadInput(t *testing.T) {
	m := sized(t, newApp(t, Options{Open: "count"}), 140, 40)
	m = press(t, m, "l", "l", "e")
	if !m.Lesson().Capturing() {
		t.Fatal("e does not open the input box")
	}
	for range 20 {
		m = press(t, m, "backspace")
	}
	m = typeText(t, m, "--n 500")
	m = press(t, m, "enter")
	s := screen(m)
	if !strings.Contains(s, "refused: --n 500: want 0 to 100") {
		t.Errorf("no reason shown:\n%s", s)
	}
	if got := m.Lesson().Stepper().Args(); strings.Join(got, " ") != "--n 5" || m.Lesson().Stepper().Frame() != 2 {
		t.Errorf("the last good run must stay: args %v frame %d", got, m.Lesson().Stepper().Frame())
	}
	for range 20 {
		m = press(t, m, "backspace")
	}
	m = typeText(t, m, "--n 2")
	m = press(t, m, "enter")
	if m.Lesson().Capturing() || strings.Join(m.Lesson().Stepper().Args(), " ") != "--n 2" || m.Lesson().Stepper().Err() != "" {
		t.Errorf("good input: args %v err %q", m.Lesson().Stepper().Args(), m.Lesson().Stepper().Err())
	}
	// q typed in a text box is text, not quit.
	m = press(t, m, "e", "q")
	if _, cmd := m.Update(keyPress("q")); cmd != nil {
		if _, quit := cmd().(tea.QuitMsg); quit {
			t.Error("q in the input box quits")
		}
	}
}

func TestNarrowOnePaneAtATime(t *testing.T) {
	m := sized(t, newApp(t, Options{Open: "count"}), 60, 20)
	s := screen(m)
	if !strings.Contains(s, "[note] · visual step 1/6 · source") || strings.Contains(s, "counter · step 1/6") {
		t.Fatalf("narrow screen should show the note only:\n%s", s)
	}
	// A step taken from the note shows in the header.
	m = press(t, m, "l")
	if s = screen(m); !strings.Contains(s, "[note] · visual step 2/6 · source") {
		t.Fatalf("l from the note gives no sign of the hidden step:\n%s", s)
	}
	m = press(t, m, "h")
	m = press(t, m, "tab")
	if s = screen(m); !strings.Contains(s, "note · [visual] · source") || !strings.Contains(s, "step 1/6") {
		t.Fatalf("tab should show the visual:\n%s", s)
	}
	if m = press(t, m, "j", "j"); m.Lesson().NoteOffset() != 0 {
		t.Errorf("j on the visual pane scrolled the hidden note to %d", m.Lesson().NoteOffset())
	}
	m = press(t, m, "tab")
	if s = screen(m); !strings.Contains(s, "[source]") || !strings.Contains(s, "func Count") {
		t.Fatalf("tab should show the source:\n%s", s)
	}
	m = press(t, m, "s")
	if s = screen(m); strings.Contains(s, "source") || m.Lesson().Focus() != lesson.VisualPane {
		t.Fatalf("s should hide the source pane:\n%s", s)
	}
	m = press(t, m, "tab")
	if m.Lesson().Focus() != lesson.NotePane {
		t.Errorf("tab from visual without source: %v", m.Lesson().Focus())
	}
}

func TestLessonWithoutVisualTakesFullWidth(t *testing.T) {
	m := sized(t, newApp(t, Options{Open: "tcp"}), 140, 40)
	s := screen(m)
	if !strings.Contains(s, "no live visualization for this lesson") || strings.Contains(s, "Visual") {
		t.Errorf("lesson without a visual:\n%s", s)
	}
	// The note uses the whole width: some note line is longer than half.
	longest := 0
	for _, line := range strings.Split(s, "\n") {
		longest = max(longest, len(strings.TrimRight(line, " │┃║")))
	}
	if longest < 100 {
		t.Errorf("note lines are at most %d wide at 140 columns", longest)
	}
}

func TestScrollAndResizeKeepPlace(t *testing.T) {
	m := sized(t, newApp(t, Options{Open: "tcp"}), 120, 40)
	total := m.Lesson().NoteLines()
	if total < 100 {
		t.Fatalf("note has %d lines", total)
	}
	for range total / 2 {
		m = press(t, m, "j")
	}
	frac := func(m Model) float64 { return float64(m.Lesson().NoteOffset()) / float64(m.Lesson().NoteLines()) }
	before := frac(m)
	if before < 0.3 {
		t.Fatalf("j does not scroll: offset %d of %d", m.Lesson().NoteOffset(), total)
	}
	for _, sz := range [][2]int{{50, 15}, {200, 60}, {120, 40}, {20, 6}, {120, 40}} {
		m = sized(t, m, sz[0], sz[1])
		if d := frac(m) - before; d > 0.05 || d < -0.05 {
			t.Errorf("at %dx%d the note is at %.2f, was at %.2f", sz[0], sz[1], frac(m), before)
		}
	}
	m = press(t, m, "g")
	if m.Lesson().NoteOffset() != 0 {
		t.Errorf("g: offset %d", m.Lesson().NoteOffset())
	}
}

func TestSearchNote(t *testing.T) {
	m := sized(t, newApp(t, Options{Open: "tcp"}), 100, 30)
	m = press(t, m, "/")
	m = typeText(t, m, "handshake")
	m = press(t, m, "enter")
	s := screen(m)
	if !strings.Contains(s, "SYN, SYN-ACK, ACK.") || !strings.Contains(s, "/handshake: 1 of 1 (n/N)") {
		t.Errorf("search did not jump to the match:\n%s", s)
	}
	if !strings.Contains(s, "▶ ## Handshake") && !strings.Contains(s, "▶ Handshake") {
		t.Errorf("the match is not marked in the margin:\n%s", s)
	}
	checkBox(t, "search", m.Render(), 100, 30)
	m = press(t, m, "/")
	m = typeText(t, m, "zzzq")
	m = press(t, m, "enter")
	if !strings.Contains(screen(m), "/zzzq: not found") {
		t.Errorf("no match not reported:\n%s", screen(m))
	}
}

func TestHelpComesFromBindings(t *testing.T) {
	m := sized(t, newApp(t, Options{Open: "count"}), 120, 40)
	m = press(t, m, "?")
	s := screen(m)
	for _, b := range m.Lesson().Bindings() {
		for _, kb := range b {
			if !strings.Contains(s, kb.Help().Desc) {
				t.Errorf("help lacks %q:\n%s", kb.Help().Desc, s)
			}
		}
	}
	if !strings.Contains(s, "count one more") {
		t.Error("help lacks the visual's knob")
	}
	m = press(t, m, "esc")
	if strings.Contains(screen(m), "Keys · lesson") || m.State() != LessonScreen {
		t.Error("esc does not close the help")
	}
}

func TestEverySize(t *testing.T) {
	base := newApp(t, Options{})
	screens := map[string]func(Model) Model{
		"home":   func(m Model) Model { return m },
		"lesson": func(m Model) Model { return press(t, m, "down", "enter", "l", "l") },
		"note":   func(m Model) Model { return press(t, m, "enter", "j", "j") },
		"help":   func(m Model) Model { return press(t, m, "?") },
		"source": func(m Model) Model { return press(t, m, "down", "enter", "tab", "tab", "j") },
	}
	var sizes [][2]int
	for w := 20; w <= 300; w += 23 {
		for h := 6; h <= 100; h += 13 {
			sizes = append(sizes, [2]int{w, h})
		}
	}
	sizes = append(sizes, [2]int{20, 6}, [2]int{99, 30}, [2]int{100, 30}, [2]int{300, 100})
	for name, open := range screens {
		m := open(sized(t, base, 120, 40))
		for _, sz := range sizes {
			m = sized(t, m, sz[0], sz[1])
			checkBox(t, name, m.Render(), sz[0], sz[1])
		}
	}
}

func TestTinyTerminal(t *testing.T) {
	m := newApp(t, Options{Open: "count"})
	for w := 1; w < 25; w++ {
		for h := 1; h < 8; h++ {
			m = sized(t, m, w, h)
			out := m.Render()
			checkBox(t, "tiny", out, w, h)
			if (w < MinWidth || h < MinHeight) && w >= 20 && !strings.Contains(out, "tutor needs") {
				t.Errorf("%dx%d: %q", w, h, out)
			}
		}
	}
}

func TestPlainShowsDistinctionsWithoutColour(t *testing.T) {
	m := sized(t, newApp(t, Options{Open: "count", Plain: true}), 140, 40)
	out := m.Render()
	for _, seq := range []string{"\x1b[38", "\x1b[48", "\x1b[3" + "1m", ";38;", ";48;"} {
		if strings.Contains(out, seq) {
			t.Fatalf("plain screen has colour %q", seq)
		}
	}
	s := ansi.Strip(out)
	if !strings.Contains(s, "╔") || !strings.Contains(s, "▸ Note") {
		t.Errorf("the focused pane is not marked without colour:\n%s", s)
	}
	if !strings.Contains(s, "▶ 4") {
		t.Errorf("the running line is not marked without colour:\n%s", s)
	}
}

func TestBackgroundColourRestyles(t *testing.T) {
	m := sized(t, newApp(t, Options{Open: "count"}), 140, 40)
	dark := m.Render()
	m = update(t, m, tea.BackgroundColorMsg{Color: lightGrey{}})
	if m.dark {
		t.Fatal("a light background is taken as dark")
	}
	if light := m.Render(); light == dark || ansi.Strip(light) != ansi.Strip(dark) {
		t.Error("a light background should change colours and nothing else")
	}
}

type lightGrey struct{}

func (lightGrey) RGBA() (r, g, b, a uint32) { return 0xeeee, 0xeeee, 0xeeee, 0xffff }

func quizApp(t *testing.T, dir string) (Model, *quiz.Service) {
	t.Helper()
	log, err := review.OpenLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { log.Close() })
	now := epoch
	q := &quiz.Service{
		Log: log, Sched: review.DefaultScheduler(), Cards: map[string]review.Card{},
		Now:  func() time.Time { now = now.Add(3 * time.Second); return now },
		Rand: rand.New(rand.NewPCG(1, 2)),
	}
	return sized(t, newApp(t, Options{Quiz: q}), 100, 30), q
}

func TestQuizAnswersReachTheLog(t *testing.T) {
	dir := t.TempDir()
	m, q := quizApp(t, dir)
	m = press(t, m, "c")
	if m.State() != QuizScreen {
		t.Fatalf("c does not start a quiz: %v", m.State())
	}
	s := screen(m)
	if !strings.Contains(s, "card 1 of 4") || !strings.Contains(s, "What are the three packets") || strings.Contains(s, "SYN-ACK") {
		t.Fatalf("first card:\n%s", s)
	}
	m = press(t, m, "space")
	s = screen(m)
	if !strings.Contains(s, "SYN, SYN-ACK, ACK.") || !strings.Contains(s, "[1\u00a0again\u00a0·\u00a01m]") || !strings.Contains(s, "[3\u00a0good\u00a0·\u00a010m]") {
		t.Fatalf("revealed card with previews:\n%s", s)
	}
	m = press(t, m, "3") // Good
	// The lessons take turns, and so do the kinds: the counting lesson's
	// exercise comes next.
	if s = screen(m); !strings.Contains(s, "[exercise · double it]") {
		t.Fatalf("second card, the exercise:\n%s", s)
	}
	// Answer the exercise wrong, then watch the visual explain it.
	m = typeText(t, m, "q999")
	m = press(t, m, "enter")
	if s = screen(m); !strings.Contains(s, "Not quite.") || !strings.Contains(s, "press v") {
		t.Fatalf("wrong exercise:\n%s", s)
	}
	m = press(t, m, "v")
	if m.State() != LessonScreen || m.Lesson().Stepper() == nil {
		t.Fatalf("v: state %v", m.State())
	}
	m = press(t, m, "esc")
	if m.State() != QuizScreen {
		t.Fatalf("esc from the explaining visual: %v", m.State())
	}
	m = press(t, m, "enter")
	s = screen(m)
	// The choices are shuffled: find where CLOSE-WAIT and TIME-WAIT went.
	choices := []string{"CLOSE-WAIT", "TIME-WAIT", "LISTEN"}
	at := map[string]int{}
	for i, idx := range m.Quiz().Session().Order() {
		at[choices[idx]] = i + 1
	}
	if !strings.Contains(s, "Which state waits for 2MSL?") || !strings.Contains(s, fmt.Sprintf("%d. TIME-WAIT", at["TIME-WAIT"])) {
		t.Fatalf("choice card:\n%s", s)
	}
	m = press(t, m, fmt.Sprint(at["CLOSE-WAIT"])) // wrong
	s = screen(m)
	if !strings.Contains(s, fmt.Sprintf("✗ %d. CLOSE-WAIT", at["CLOSE-WAIT"])) || !strings.Contains(s, fmt.Sprintf("✓ %d. TIME-WAIT", at["TIME-WAIT"])) || !strings.Contains(s, "closes first") {
		t.Fatalf("choice answered:\n%s", s)
	}
	m = press(t, m, "enter")
	if s = screen(m); !strings.Contains(s, "What does x start at?") {
		t.Fatalf("the counting recall card:\n%s", s)
	}
	m = press(t, m, "space", "4") // Easy
	// Three cards are to come back after their learning steps; esc ends
	// the session early, with its summary.
	m = press(t, m, "esc")
	s = screen(m)
	if !strings.Contains(s, "Session ended early.") || !strings.Contains(s, "cards     4 seen, 4 answers") || !strings.Contains(s, "right     2") ||
		!strings.Contains(s, "again     2") || !strings.Contains(s, "next due  in") || !strings.Contains(s, "3 to ask again") {
		t.Fatalf("summary:\n%s", s)
	}
	recs, warnings, err := review.ReadLog(dir)
	if err != nil || len(warnings) > 0 {
		t.Fatal(err, warnings)
	}
	var got []string
	for _, r := range recs {
		got = append(got, r.Card[:strings.IndexAny(r.Card, "/.")]+":"+r.Grade.String())
		if r.Took <= 0 {
			t.Errorf("record %+v has no time taken", r)
		}
	}
	if strings.Join(got, " ") != "tcp:Good counter:Again tcp:Again count:Easy" {
		t.Errorf("log: %v", got)
	}
	// The home screen counts due cards from the replayed log.
	m = press(t, m, "enter")
	if m.State() != HomeScreen {
		t.Fatalf("state %v", m.State())
	}
	cards := review.Replay(q.Sched, recs)
	if len(cards) != 4 {
		t.Errorf("replay: %d cards", len(cards))
	}
}

func TestQuizWithoutLogSaysSo(t *testing.T) {
	q := &quiz.Service{
		LogErr: errors.New("cannot create /nope"), Sched: review.DefaultScheduler(),
		Cards: map[string]review.Card{}, Now: func() time.Time { return epoch }, Rand: rand.New(rand.NewPCG(3, 4)),
	}
	m := sized(t, newApp(t, Options{Quiz: q, StartQuiz: true, QuizLesson: "tcp"}), 100, 30)
	if m.State() != QuizScreen {
		t.Fatalf("state %v", m.State())
	}
	if s := screen(m); !strings.Contains(s, "answers are not being saved: cannot create /nope") {
		t.Errorf("the first card does not say answers are not saved:\n%s", s)
	}
	m = press(t, m, "space", "2")
	s := screen(m)
	// Hard puts the card back for a step: it comes back after the choice.
	if !strings.Contains(s, "answers are not being saved: cannot create /nope") || !strings.Contains(s, "card 2 of 3") {
		t.Errorf("quiz without a log:\n%s", s)
	}
}

func TestQuizDueCardsFirst(t *testing.T) {
	dir := t.TempDir()
	m, q := quizApp(t, dir)
	cat := fixture(t)
	l, _ := cat.Lookup("count")
	// The counting card was seen long ago and is overdue.
	q.Cards[l.Items[0].ID] = q.Sched.Review(review.Card{}, review.Easy, epoch.Add(-60*24*time.Hour))
	m.refreshDue()
	if s := screen(m); !strings.Contains(s, "1 due") || !strings.Contains(s, "1 card due") {
		t.Errorf("due counts:\n%s", s)
	}
	m = press(t, m, "c")
	if s := screen(m); !strings.Contains(s, "What does x start at?") {
		t.Errorf("the due card is not first:\n%s", s)
	}
}

func TestQuizAnsweredCardKeepsItsEndOnASmallScreen(t *testing.T) {
	q := &quiz.Service{
		LogErr: errors.New("read-only"), Sched: review.DefaultScheduler(),
		Cards: map[string]review.Card{}, Now: func() time.Time { return epoch }, Rand: rand.New(rand.NewPCG(3, 4)),
	}
	m := sized(t, newApp(t, Options{Quiz: q, StartQuiz: true, QuizLesson: "tcp"}), 24, 12)
	m = press(t, m, "space", "3", "1")
	s := screen(m)
	checkBox(t, "quiz", m.Render(), 24, 12)
	if !strings.Contains(s, "↑ …") || !strings.Contains(s, "TIME-WAIT.") {
		t.Errorf("the explanation is not in view:\n%s", s)
	}
}

// TestKnobsDoNotShadowAppKeys checks that no visual's knob uses a key the
// app binds: the knob would act first and the app's key would be lost.
func TestKnobsDoNotShadowAppKeys(t *testing.T) {
	// The grades and "watch it" act only on the quiz screen, where no
	// visual runs.
	km := keys.Default()
	quizOnly := map[string]bool{}
	for _, b := range []key.Binding{km.Grade1, km.Grade2, km.Grade3, km.Grade4, km.Watch} {
		quizOnly[b.Help().Desc] = true
	}
	taken := map[string]string{}
	for _, b := range km.All() {
		if quizOnly[b.Help().Desc] {
			continue
		}
		for _, k := range b.Keys() {
			taken[k] = b.Help().Desc
		}
	}
	for _, v := range append(visuals.All(), counter) {
		for _, knob := range v.Knobs() {
			for _, k := range knob.Keys() {
				if what, ok := taken[k]; ok {
					t.Errorf("visual %s: knob key %q (%s) shadows the app's %q", v.Name(), k, knob.Help().Desc, what)
				}
			}
		}
	}
}

func TestHomeFilterSurvivesALessonAndDueCounts(t *testing.T) {
	m := sized(t, newApp(t, Options{Quiz: &quiz.Service{Sched: review.DefaultScheduler(), Cards: map[string]review.Card{}, Now: func() time.Time { return epoch }, Rand: rand.New(rand.NewPCG(1, 1))}}), 80, 24)
	m = typeText(t, press(t, m, "/"), "tc")
	m = press(t, m, "enter")
	if s := screen(m); !strings.Contains(s, "“tc” 1 lesson") || !strings.Contains(s, "tutor · lessons") || strings.Contains(s, "Counting lesson") {
		t.Fatalf("filter tc:\n%s", s)
	}
	m = press(t, m, "enter", "esc") // into the lesson and back: the due counts refresh
	if s := screen(m); !strings.Contains(s, "“tc” 1 lesson") || !strings.Contains(s, "TCP basics") {
		t.Fatalf("after a lesson the filter is lost:\n%s", s)
	}
	m = press(t, m, "esc")
	if s := screen(m); !strings.Contains(s, "2 lessons") || !strings.Contains(s, "Counting lesson") {
		t.Fatalf("esc does not clear the filter:\n%s", s)
	}
}

func TestDeckSpreadsExercisesAmongItems(t *testing.T) {
	m := New(Options{Catalog: realCatalog(t)})
	deck := m.deck("kvstore")
	var at []int
	for i, c := range deck {
		if c.Kind != nil {
			at = append(at, i)
		}
	}
	l, _ := m.opts.Catalog.Lookup("kvstore")
	if len(at) < 3 || len(deck) != len(l.Items)+len(at) {
		t.Fatalf("deck of %d with exercises at %v", len(deck), at)
	}
	if at[0] > len(deck)/len(at) || at[len(at)-1] < len(deck)/2 {
		t.Errorf("exercises at %v of %d cards are not spread out", at, len(deck))
	}
}

func TestManyNoticesLeaveRoomForLessons(t *testing.T) {
	var notices []string
	for i := range 50 {
		notices = append(notices, fmt.Sprintf("reviews.jsonl:%d: skipped a corrupt line", i+1))
	}
	m := sized(t, newApp(t, Options{Notices: notices}), 80, 24)
	s := screen(m)
	if !strings.Contains(s, "reviews.jsonl:1: skipped") || !strings.Contains(s, "… and 48 more like these") || strings.Contains(s, "reviews.jsonl:3:") {
		t.Errorf("notices:\n%s", s)
	}
	if !strings.Contains(s, "TCP basics") || !strings.Contains(s, "Counting lesson") {
		t.Errorf("the lessons are pushed off the screen:\n%s", s)
	}
}

func TestQuizFromALessonGoesBackToIt(t *testing.T) {
	q := &quiz.Service{Sched: review.DefaultScheduler(), Cards: map[string]review.Card{}, Now: func() time.Time { return epoch }, Rand: rand.New(rand.NewPCG(1, 1)), LogErr: errors.New("off")}
	m := sized(t, newApp(t, Options{Quiz: q, Open: "tcp"}), 100, 30)
	m = press(t, m, "c")
	if m.State() != QuizScreen || !strings.Contains(screen(m), "TCP basics") {
		t.Fatalf("c in a lesson: %v\n%s", m.State(), screen(m))
	}
	m = press(t, m, "esc")
	if m.State() != LessonScreen || m.Lesson().Lesson().ID != "tcp" {
		t.Fatalf("esc from a lesson's quiz: %v", m.State())
	}
	// Easy graduates the recall card; the choice, right, comes back once.
	m = press(t, m, "c", "space", "4")
	for range 2 {
		m = press(t, m, rightChoice(m), "enter")
	}
	if !strings.Contains(screen(m), "Session over.") {
		t.Fatalf("not over:\n%s", screen(m))
	}
	if m = press(t, m, "enter"); m.State() != LessonScreen {
		t.Errorf("the end of a lesson's quiz: %v", m.State())
	}
}

// rightChoice is the digit of the right answer on the choice card on
// screen, wherever the shuffle put it.
func rightChoice(m Model) string {
	ss := m.Quiz().Session()
	c, _ := ss.Current()
	for i, idx := range ss.Order() {
		if idx == c.Item.Answer {
			return fmt.Sprint(i + 1)
		}
	}
	return "0"
}

// TestRunReachesTheLessonBehindAQuiz: a lesson whose first run is still
// being recorded when the learner starts a quiz gets that run, and shows
// it when the quiz ends.
func TestRunReachesTheLessonBehindAQuiz(t *testing.T) {
	dir := t.TempDir()
	m, _ := quizApp(t, dir)
	m = press(t, m, "down", "down", "down") // the counting lesson
	next, cmd := m.Update(keyPress("enter"))
	m = next.(Model)
	if m.State() != LessonScreen || m.Lesson().Stepper().Run() != nil {
		t.Fatalf("state %v, run %v before the command ran", m.State(), m.Lesson().Stepper().Run())
	}
	m = press(t, m, "c") // the quiz, before the run arrives
	if m.State() != QuizScreen {
		t.Fatalf("state %v", m.State())
	}
	m = runCmd(t, m, cmd, 0) // now the run (and the note) arrive
	m = press(t, m, "esc")
	if m.State() != LessonScreen || m.Lesson().Stepper().Run() == nil {
		t.Fatalf("back in the lesson: state %v, run %v", m.State(), m.Lesson().Stepper().Run())
	}
	if s := screen(m); !strings.Contains(s, "counter · step 1/6") {
		t.Errorf("the lesson behind the quiz has no run:\n%s", s)
	}
}

// TestHelpTakesEveryKeyAndScrolls: while the help is open no key reaches
// the screen under it, and on a small terminal the help scrolls to its
// last binding, one group under another.
func TestHelpTakesEveryKeyAndScrolls(t *testing.T) {
	m := sized(t, newApp(t, Options{Open: "count"}), 40, 12)
	m = press(t, m, "?", "l", "l", "j", "j")
	if f := m.Lesson().Stepper().Frame(); f != 0 || m.Lesson().NoteOffset() != 0 {
		t.Errorf("keys reached the lesson under the help: frame %d, note at %d", f, m.Lesson().NoteOffset())
	}
	if s := screen(m); strings.Contains(s, "count one more") || !strings.Contains(s, "↑↓ scroll") {
		t.Errorf("the help at 40x12 after two lines down:\n%s", s)
	}
	m = press(t, m, "G")
	s := screen(m)
	if !strings.Contains(s, "]") || !strings.Contains(s, "count one more") {
		t.Errorf("G does not bring the help's last binding into view:\n%s", s)
	}
	checkBox(t, "help", m.Render(), 40, 12)
	m = press(t, m, "esc", "l")
	if m.Lesson().Stepper().Frame() != 1 {
		t.Errorf("after the help closes, l steps: frame %d", m.Lesson().Stepper().Frame())
	}
}

// TestShortHomeShowsALesson: at 20x6 the lesson list shows the lesson
// under the cursor, not only page dots, and from 22 columns the help key.
func TestShortHomeShowsALesson(t *testing.T) {
	m := sized(t, newApp(t, Options{}), 20, 6)
	s := screen(m)
	if !strings.Contains(s, "┃ TCP basics") {
		t.Errorf("home at 20x6:\n%s", s)
	}
	if s := screen(sized(t, m, 22, 6)); !strings.Contains(s, "? help") {
		t.Errorf("home at 22x6 has no help key:\n%s", s)
	}
	m = press(t, m, "j")
	if s := screen(m); !strings.Contains(s, "┃ Counting lesson") {
		t.Errorf("home at 20x6 after j:\n%s", s)
	}
}
