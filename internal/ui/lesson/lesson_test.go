package lesson

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tutor/content"
	"tutor/internal/lessons"
	"tutor/internal/ui/common"
	"tutor/internal/ui/keys"
	"tutor/internal/ui/markdown"
	"tutor/internal/ui/screen"
	"tutor/internal/ui/stepper"
	"tutor/internal/ui/styles"
	"tutor/internal/ui/uitest"
	"tutor/internal/visual"
	"tutor/internal/visuals"
)

var update = flag.Bool("update", false, "rewrite the golden screens under testdata/")

// count is the recording of the counting visual: x from 0 to n, one frame
// a step.
type count struct{ n int }

func (r count) Len() int { return r.n + 1 }
func (r count) Frame(i int) visual.Frame {
	if i == 0 {
		return visual.Frame{Step: "start", Explain: "x starts at 0."}
	}
	return visual.Frame{Step: "inc", Explain: fmt.Sprintf("x goes from %d to %d.", i-1, i)}
}
func (r count) Draw(i, w, h int, th visual.Theme) []string {
	return []string{fmt.Sprintf("x = %d", i) + strings.Repeat(" ▇", i)}
}
func (r count) State(i int) string { return fmt.Sprintf("x=%d", i) }
func (r count) Final() string      { return fmt.Sprintf("x=%d", r.n) }

const counterSource = "package counter\n\nfunc Count(n int) int {\n\tx := 0 // step: start\n\tfor range n {\n\t\tx++ // step: inc\n\t}\n\treturn x\n}\n"

// withSource shows the counting visual's source as counter/counter.go.
type withSource struct{ visual.Visual }

func (withSource) Source() (string, string) { return "counter/counter.go", counterSource }

var counter = withSource{visual.Spec[int, count]{
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
		if *n < 0 || *n > 100 {
			return 0, fmt.Errorf("--n %d: want 0 to 100", *n)
		}
		return *n, nil
	},
	Format: func(n int) []string { return []string{"--n", strconv.Itoa(n)} },
	Record: func(n int) (count, error) { return count{n}, nil },
	Knobs: []visual.Knob[int, count]{{
		Key:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "count one more")),
		Turn: func(n int, _ count, _ int, _ string) (int, error) { return n + 1, nil },
	}},
}.Visual()}

// needles are the note paragraphs that hold the word "needle".
var needles = map[int]bool{30: true, 70: true, 110: true}

func longNote(title string, paragraphs int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", title)
	for i := range paragraphs {
		word := "words"
		if needles[i] {
			word = "needle"
		}
		fmt.Fprintf(&b, "Paragraph line %d of the note, with %s enough to wrap at a narrow width, and then a few more so that a wide note and a narrow one differ in lines.\n\n", i, word)
	}
	return b.String()
}

func countLesson() *lessons.Lesson {
	return &lessons.Lesson{ID: "count", Title: "Counting lesson", Visual: "counter", Body: longNote("Counting", 150)}
}

func plainLesson() *lessons.Lesson {
	return &lessons.Lesson{ID: "tcp", Title: "TCP basics", Body: longNote("TCP", 150)}
}

func newCommon(w, h int) *common.Common {
	return &common.Common{Width: w, Height: h, Styles: styles.New(true, true), Keys: keys.Default(), Notes: &markdown.Cache{}, Help: help.New()}
}

// drive runs cmd and feeds its messages back to m, as the program would,
// dropping play ticks. A play tick's command is a timer that returns only
// when it fires: these tests do not press space on a lesson with a visual.
func drive(t *testing.T, m *Model, cmd tea.Cmd, depth int) {
	t.Helper()
	if cmd == nil || depth > 20 {
		return
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(60 * time.Second):
		t.Fatal("a command did not return in 60 s")
	}
	switch msg := msg.(type) {
	case nil, stepper.TickMsg:
		return
	case tea.BatchMsg:
		for _, c := range msg {
			drive(t, m, c, depth+1)
		}
		return
	}
	s, cmd2, act := m.Update(msg)
	if s != m || !none(act) {
		t.Fatalf("%T gave screen %p (want %p) and action %+v", msg, s, m, act)
	}
	drive(t, m, cmd2, depth+1)
}

// none reports whether act asks for nothing.
func none(act screen.Action) bool {
	return act.Go == screen.Stay && act.Lesson == "" && act.Args == nil
}

// send updates m with msg, runs what it asks for, and returns its action.
func send(t *testing.T, m *Model, msg tea.Msg) screen.Action {
	t.Helper()
	s, cmd, act := m.Update(msg)
	if s != m {
		t.Fatalf("Update returned another screen")
	}
	drive(t, m, cmd, 0)
	return act
}

func keyPress(s string) tea.KeyPressMsg { return uitest.Key(s) }

// press presses keys and fails if one of them asks to leave the screen.
func press(t *testing.T, m *Model, ks ...string) {
	t.Helper()
	for _, k := range ks {
		if act := send(t, m, keyPress(k)); !none(act) {
			t.Fatalf("%s gave the action %+v", k, act)
		}
	}
}

func typeText(t *testing.T, m *Model, s string) {
	t.Helper()
	for _, r := range s {
		send(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// open opens l with v on a screen of w x h, its first run recorded and its
// note rendered.
func open(t *testing.T, c *common.Common, l *lessons.Lesson, v visual.Visual) *Model {
	t.Helper()
	m, cmd := New(c, l, v, nil)
	drive(t, m, cmd, 0)
	drive(t, m, m.Resize(), 0)
	if m.NoteLines() == 0 {
		t.Fatal("the note was not rendered")
	}
	return m
}

func resize(t *testing.T, m *Model, w, h int) {
	t.Helper()
	m.c.Width, m.c.Height = w, h
	drive(t, m, m.Resize(), 0)
}

func rows(m *Model) []string { return strings.Split(ansi.Strip(m.View()), "\n") }

func screenText(m *Model) string { return ansi.Strip(m.View()) }

// checkBox fails unless s is exactly h lines of at most w columns.
func checkBox(t *testing.T, what, s string, w, h int) bool {
	t.Helper()
	lines := strings.Split(s, "\n")
	if len(lines) != h {
		t.Errorf("%s at %dx%d: %d lines", what, w, h, len(lines))
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

// markerRE finds the source pane's running-line marker: a pane border,
// the ▶ and the line number.
var markerRE = regexp.MustCompile(`[│║]▶ +(\d+) `)

// markedLines are the line numbers the screen marks as running.
func markedLines(m *Model) []int {
	var out []int
	for _, row := range rows(m) {
		for _, sub := range markerRE.FindAllStringSubmatch(row, -1) {
			n, _ := strconv.Atoi(sub[1])
			out = append(out, n)
		}
	}
	return out
}

// wantMarker fails unless the source pane marks exactly the line of the
// step of the frame on screen.
func wantMarker(t *testing.T, m *Model, v visual.Visual) int {
	t.Helper()
	_, text := v.Source()
	f, ok := m.Stepper().Step()
	if !ok {
		t.Fatal("no frame on screen")
	}
	want := visual.StepLines(text)[f.Step]
	if want == 0 {
		t.Fatalf("step %q is not marked in %s", f.Step, text)
	}
	if got := markedLines(m); len(got) != 1 || got[0] != want {
		t.Errorf("frame %d (%s): the source pane marks lines %v, want [%d]:\n%s", m.Stepper().Frame(), f.Step, got, want, screenText(m))
	}
	// The marked line is the source line itself.
	srcLine := strings.TrimSpace(strings.ReplaceAll(strings.Split(text, "\n")[want-1], "\t", "    "))
	for _, row := range rows(m) {
		if loc := markerRE.FindStringIndex(row); loc != nil {
			code, _, _ := strings.Cut(row[loc[1]:], "│")
			code, _, _ = strings.Cut(code, "║")
			code = strings.TrimSuffix(strings.TrimSpace(code), "…")
			if code == "" || !strings.HasPrefix(srcLine, code) {
				t.Errorf("the marked line shows %q, want the start of %q", code, srcLine)
			}
		}
	}
	return want
}

func TestWideLayout(t *testing.T) {
	m := open(t, newCommon(140, 40), countLesson(), counter)
	r := rows(m)
	if len(r) != 40 {
		t.Fatalf("%d rows", len(r))
	}
	title := r[2]
	iNote, iVis := strings.Index(title, "Note"), strings.Index(title, "Visual")
	if iNote < 0 || iVis < 0 || iNote > iVis {
		t.Errorf("the title row does not hold Note then Visual: %q", title)
	}
	// The note takes 9/20 of the width, the visual the rest.
	if got := ansi.StringWidth(title[:strings.Index(title, "Visual")]); got != 63+1 {
		t.Errorf("the visual pane's title starts at column %d, want 64: %q", got, title)
	}
	srcRow := -1
	for i, row := range r {
		if strings.Contains(row, "Source · solutions/counter/counter.go") {
			srcRow = i
		}
	}
	if srcRow < 4 {
		t.Fatalf("no source pane title:\n%s", screenText(m))
	}
	if !strings.HasPrefix(r[srcRow], "║ ") {
		t.Errorf("the source pane is not beside the note: %q", r[srcRow])
	}
	if i := strings.Index(r[srcRow], "Source"); ansi.StringWidth(r[srcRow][:i]) != 63+1 {
		t.Errorf("the source pane is not in the right column: %q", r[srcRow])
	}
	s := screenText(m)
	for _, want := range []string{"Counting lesson", "Paragraph line 0 of the note", "counter · step 1/6 · start", "x starts at 0.", "func Count(n int) int {"} {
		if !strings.Contains(s, want) {
			t.Errorf("the screen lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "(tab)") {
		t.Errorf("the wide screen shows the narrow tabs:\n%s", s)
	}
	if m.Focus() != NotePane {
		t.Errorf("focus %v", m.Focus())
	}
	checkBox(t, "wide", m.View(), 140, 40)
}

func TestSourceMarkerFollowsStep(t *testing.T) {
	m := open(t, newCommon(140, 40), countLesson(), counter)
	if got := wantMarker(t, m, counter); got != 4 {
		t.Errorf("frame 0 marks line %d, want 4 (x := 0)", got)
	}
	press(t, m, "right")
	if got := wantMarker(t, m, counter); got != 6 {
		t.Errorf("frame 1 marks line %d, want 6 (x++)", got)
	}
	press(t, m, "left")
	if got := wantMarker(t, m, counter); got != 4 {
		t.Errorf("back at frame 0: line %d", got)
	}
}

func TestSourceMarkerRealVisual(t *testing.T) {
	v, ok := visuals.Lookup("kvstore")
	if !ok {
		t.Fatal("no kvstore visual")
	}
	cat := realCatalog(t)
	l, _ := cat.Lookup("kvstore")
	m := open(t, newCommon(140, 40), l, v)
	if !strings.Contains(screenText(m), "Source · solutions/kvstore/codec.go") {
		t.Errorf("no source title:\n%s", screenText(m))
	}
	n := m.Stepper().Run().Len()
	seen := map[int]bool{}
	prev := wantMarker(t, m, v)
	moved := false
	for range n - 1 {
		press(t, m, "right")
		line := wantMarker(t, m, v)
		seen[line] = true
		if line != prev {
			moved = true
		}
		prev = line
	}
	if !moved || len(seen) < 3 {
		t.Errorf("stepping through %d frames marked only lines %v", n, seen)
	}
}

func TestNarrowTabCycle(t *testing.T) {
	m := open(t, newCommon(80, 24), countLesson(), counter)
	want := []struct {
		pane  Pane
		tabs  string
		title string
	}{
		{NotePane, "[note] · visual step 1/6 · source  (tab)", "▸ Note · 0%"},
		{VisualPane, "note · [visual] · source  (tab)", "▸ Visual"},
		{SourcePane, "note · visual step 1/6 · [source]  (tab)", "▸ Source · solutions/counter/counter.go"},
		{NotePane, "[note] · visual step 1/6 · source  (tab)", "▸ Note · 0%"},
	}
	for i, w := range want {
		if i > 0 {
			press(t, m, "tab")
		}
		if m.Focus() != w.pane {
			t.Fatalf("after %d tabs: focus %v, want %v", i, m.Focus(), w.pane)
		}
		r := rows(m)
		if !strings.HasPrefix(r[0], " "+w.tabs) {
			t.Errorf("after %d tabs: header %q", i, r[0])
		}
		if !strings.Contains(r[2], w.title) {
			t.Errorf("after %d tabs: title row %q, want %q", i, r[2], w.title)
		}
		// One pane at a time: the others' titles are not on screen.
		s := screenText(m)
		for _, other := range []string{"Note ·", "Visual", "Source ·"} {
			if !strings.Contains(w.title, other) && strings.Contains(strings.Join(r[1:], "\n"), other) {
				t.Errorf("after %d tabs: %q shows too:\n%s", i, other, s)
			}
		}
		// The pane has the full width.
		if got := ansi.StringWidth(r[1]); got != 80 || !strings.HasPrefix(r[1], "╔") || !strings.HasSuffix(r[1], "╗") {
			t.Errorf("after %d tabs: the pane's top %q (%d wide)", i, r[1], got)
		}
	}
	// shift+tab goes the other way.
	for _, p := range []Pane{SourcePane, VisualPane, NotePane} {
		press(t, m, "shift+tab")
		if m.Focus() != p {
			t.Errorf("shift+tab: focus %v, want %v", m.Focus(), p)
		}
	}
	// The visual pane shows the run; the source pane the marked line.
	press(t, m, "tab")
	if s := screenText(m); !strings.Contains(s, "counter · step 1/6") || !strings.Contains(s, "x = 0") {
		t.Errorf("the visual pane:\n%s", s)
	}
	press(t, m, "tab", "right")
	wantMarker(t, m, counter)
}

func TestSourceToggle(t *testing.T) {
	m := open(t, newCommon(80, 24), countLesson(), counter)
	press(t, m, "s")
	if m.Focus() != NotePane {
		t.Errorf("s on the note moved the focus to %v", m.Focus())
	}
	if r := rows(m); !strings.HasPrefix(r[0], " [note] · visual step 1/6  (tab)") {
		t.Errorf("header without the source pane: %q", r[0])
	}
	for _, p := range []Pane{VisualPane, NotePane, VisualPane, NotePane} {
		press(t, m, "tab")
		if m.Focus() != p {
			t.Errorf("tab with the source hidden: focus %v, want %v", m.Focus(), p)
		}
	}
	// Showing it again focuses it on a narrow screen.
	press(t, m, "s")
	if m.Focus() != SourcePane || !strings.Contains(screenText(m), "Source · solutions/counter/counter.go") {
		t.Errorf("s again: focus %v:\n%s", m.Focus(), screenText(m))
	}
	// Hiding it while it has the focus gives the focus to the visual.
	press(t, m, "s")
	if m.Focus() != VisualPane {
		t.Errorf("s on the source pane: focus %v", m.Focus())
	}

	// On a wide screen the visual takes the source pane's rows.
	w := open(t, newCommon(140, 40), countLesson(), counter)
	press(t, w, "s")
	s := screenText(w)
	if strings.Contains(s, "Source ·") || len(markedLines(w)) != 0 {
		t.Errorf("the source pane is still on screen:\n%s", s)
	}
	r := rows(w)
	if !strings.HasSuffix(r[1], "┐") || !strings.HasSuffix(r[38], "┘") || strings.Count(strings.Join(r, "\n"), "┘") != 1 {
		t.Errorf("the visual pane does not fill the right column:\n%s", s)
	}
	for _, p := range []Pane{VisualPane, NotePane} {
		press(t, w, "tab")
		if w.Focus() != p {
			t.Errorf("wide, tab with the source hidden: focus %v, want %v", w.Focus(), p)
		}
	}
	press(t, w, "s")
	if w.Focus() != NotePane || !strings.Contains(screenText(w), "Source · solutions/counter/counter.go") {
		t.Errorf("wide, s again: focus %v", w.Focus())
	}
}

func TestNoVisual(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {140, 40}} {
		m := open(t, newCommon(sz[0], sz[1]), plainLesson(), nil)
		if m.Stepper() != nil {
			t.Fatal("a stepper for a lesson without a visual")
		}
		r := rows(m)
		if !strings.Contains(r[0], "no live visualization for this lesson") {
			t.Errorf("%dx%d header %q", sz[0], sz[1], r[0])
		}
		// The note's box has the full width; one pane: no focus mark.
		if got := ansi.StringWidth(r[1]); got != sz[0] || !strings.HasPrefix(r[1], "┌") || !strings.HasSuffix(r[1], "┐") {
			t.Errorf("%dx%d: the note's top %q (%d wide)", sz[0], sz[1], r[1], got)
		}
		if !strings.Contains(r[2], "Note · 0%") || strings.Contains(r[2], "▸") {
			t.Errorf("%dx%d: title row %q", sz[0], sz[1], r[2])
		}
		if m.noteWidth() != sz[0]-2 {
			t.Errorf("%dx%d: the note is rendered %d wide", sz[0], sz[1], m.noteWidth())
		}
		before := screenText(m)
		press(t, m, "tab", "shift+tab", "s", "right", "space", "e", "]", "r", "+")
		if m.Focus() != NotePane || screenText(m) != before || m.Capturing() {
			t.Errorf("%dx%d: the visual's keys changed a lesson without one: focus %v, capturing %v:\n%s", sz[0], sz[1], m.Focus(), m.Capturing(), screenText(m))
		}
		press(t, m, "down")
		if m.NoteOffset() != 1 {
			t.Errorf("%dx%d: down scrolled the note to %d", sz[0], sz[1], m.NoteOffset())
		}
		checkBox(t, "no visual", m.View(), sz[0], sz[1])
	}
}

func TestBackAndQuiz(t *testing.T) {
	m := open(t, newCommon(80, 24), countLesson(), counter)
	if act := send(t, m, keyPress("esc")); !(act.Go == screen.Back && act.Lesson == "" && act.Args == nil) {
		t.Errorf("esc: %+v", act)
	}
	if act := send(t, m, keyPress("c")); act.Go != screen.StartQuiz || act.Lesson != "count" {
		t.Errorf("c: %+v", act)
	}
	// Searching: esc cancels the search, c is a letter of it.
	press(t, m, "/")
	if !m.Capturing() {
		t.Fatal("/ did not open the search")
	}
	typeText(t, m, "c")
	if act := send(t, m, keyPress("esc")); !none(act) {
		t.Errorf("esc while searching: %+v", act)
	}
	if m.Capturing() || strings.HasPrefix(rows(m)[23], "/") {
		t.Errorf("esc did not cancel the search: capturing %v, footer %q", m.Capturing(), rows(m)[23])
	}
	if act := send(t, m, keyPress("esc")); act.Go != screen.Back {
		t.Errorf("esc after the search: %+v", act)
	}
	// Editing the input: esc closes the box.
	press(t, m, "e")
	if !m.Capturing() || m.Focus() != VisualPane {
		t.Fatalf("e: capturing %v, focus %v", m.Capturing(), m.Focus())
	}
	typeText(t, m, "c")
	if act := send(t, m, keyPress("esc")); !none(act) {
		t.Errorf("esc while editing: %+v", act)
	}
	if m.Capturing() || m.Stepper().Editing() {
		t.Error("esc did not close the input box")
	}
	// Without a visual too.
	p := open(t, newCommon(80, 24), plainLesson(), nil)
	if act := send(t, p, keyPress("c")); act.Go != screen.StartQuiz || act.Lesson != "tcp" {
		t.Errorf("c without a visual: %+v", act)
	}
}

// needleLines are the lines of the note rendered at width that hold
// "needle".
func needleLines(t *testing.T, body string, width int) []int {
	t.Helper()
	text, err := markdown.Render(body, width, "notty")
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for i, line := range strings.Split(text, "\n") {
		if strings.Contains(line, "needle") {
			out = append(out, i)
		}
	}
	if len(out) != len(needles) {
		t.Fatalf("the render holds needle on lines %v", out)
	}
	return out
}

func TestSearch(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {140, 40}} {
		w, h := sz[0], sz[1]
		l := countLesson()
		m := open(t, newCommon(w, h), l, counter)
		at := needleLines(t, l.Body, m.noteWidth())
		if !m.wide() {
			press(t, m, "tab") // the search brings the note back
		}
		press(t, m, "/")
		typeText(t, m, "Needle")
		if m.NoteOffset() != 0 {
			t.Errorf("%dx%d: typing moved the note to %d", w, h, m.NoteOffset())
		}
		if foot := rows(m)[h-1]; !strings.HasPrefix(foot, "/Needle") {
			t.Errorf("%dx%d: footer while searching %q", w, h, foot)
		}
		press(t, m, "enter")
		if m.Capturing() || m.Focus() != NotePane {
			t.Errorf("%dx%d: after enter: capturing %v, focus %v", w, h, m.Capturing(), m.Focus())
		}
		check := func(what string, i int) {
			t.Helper()
			if m.NoteOffset() != at[i]-2 {
				t.Errorf("%dx%d %s: note at %d, want %d (match %d on line %d)", w, h, what, m.NoteOffset(), at[i]-2, i+1, at[i])
			}
			r := rows(m)
			foot := fmt.Sprintf(" /Needle: %d of 3 (n/N)", i+1)
			if !strings.HasPrefix(r[h-1], foot) {
				t.Errorf("%dx%d %s: footer %q, want %q", w, h, what, r[h-1], foot)
			}
			// The match is the third line of the note pane, marked ▶.
			if line := r[3+2]; !strings.Contains(line, "needle") || !strings.Contains(line, "▶") {
				t.Errorf("%dx%d %s: the match line %q", w, h, what, line)
			}
		}
		check("enter", 0)
		press(t, m, "n")
		check("n", 1)
		press(t, m, "n")
		check("n n", 2)
		press(t, m, "n")
		check("n past the last", 0)
		press(t, m, "N")
		check("N before the first", 2)
		press(t, m, "N")
		check("N", 1)
		// A word not in the note says so and stays put.
		press(t, m, "/")
		typeText(t, m, "haystack")
		press(t, m, "enter")
		if m.NoteOffset() != at[1]-2 || !strings.HasPrefix(rows(m)[h-1], " /haystack: not found") {
			t.Errorf("%dx%d not found: note at %d, footer %q", w, h, m.NoteOffset(), rows(m)[h-1])
		}
		press(t, m, "n")
		if m.NoteOffset() != at[1]-2 {
			t.Errorf("%dx%d: n without matches moved to %d", w, h, m.NoteOffset())
		}
		// A search cancelled with esc leaves the last one as it was: its
		// text in the footer, its matches under n.
		press(t, m, "/")
		typeText(t, m, "Needle")
		press(t, m, "enter", "/")
		typeText(t, m, "xyz")
		press(t, m, "esc", "n")
		check("n after a cancelled search", 1)
	}
}

func TestNarrowSearchFromVisual(t *testing.T) {
	l := countLesson()
	m := open(t, newCommon(80, 24), l, counter)
	at := needleLines(t, l.Body, m.noteWidth())
	press(t, m, "tab", "tab") // the source pane
	press(t, m, "/")
	typeText(t, m, "needle")
	press(t, m, "enter")
	if m.Focus() != NotePane || m.NoteOffset() != at[0]-2 {
		t.Errorf("a search from the source pane: focus %v, note at %d", m.Focus(), m.NoteOffset())
	}
}

func TestRenderedMsg(t *testing.T) {
	c := newCommon(80, 24)
	l := countLesson()
	m, cmd := New(c, l, counter, nil)
	drive(t, m, cmd, 0)
	render := m.Resize()
	if render == nil {
		t.Fatal("Resize gave no command to render the note")
	}
	if m.NoteLines() != 0 || !strings.Contains(screenText(m), "rendering the note…") || m.noteTitle() != "Note" {
		t.Errorf("before the render: %d lines:\n%s", m.NoteLines(), screenText(m))
	}
	msg, ok := render().(RenderedMsg)
	if !ok {
		t.Fatalf("the command gave %T", msg)
	}
	if msg.Key != (markdown.Key{Doc: "count", Width: 78, Style: "notty"}) || msg.Err != nil {
		t.Errorf("RenderedMsg key %+v, err %v", msg.Key, msg.Err)
	}
	// A render for another width is kept for later, not shown.
	other := RenderedMsg{Key: markdown.Key{Doc: "count", Width: 40, Style: "notty"}, Text: "  WRONG WIDTH"}
	send(t, m, other)
	if m.NoteLines() != 0 || strings.Contains(screenText(m), "WRONG") {
		t.Errorf("a render of another width was shown")
	}
	if got, ok := c.Notes.Get(other.Key); !ok || got != other.Text {
		t.Errorf("a render of another width was not cached")
	}
	// A failed render of another width is not this screen's failure.
	send(t, m, RenderedMsg{Key: other.Key, Err: fmt.Errorf("old width failed")})
	if s := screenText(m); strings.Contains(s, "could not be rendered") || !strings.Contains(s, "rendering the note…") {
		t.Errorf("a failed render of another width:\n%s", s)
	}
	// A failed render of the wanted key says so.
	send(t, m, RenderedMsg{Key: msg.Key, Err: fmt.Errorf("boom")})
	if s := screenText(m); !strings.Contains(s, "the note could not be rendered: boom") {
		t.Errorf("a failed render:\n%s", s)
	}
	send(t, m, msg)
	if m.NoteLines() < 150 || !strings.Contains(screenText(m), "Paragraph line 0") || strings.Contains(screenText(m), "could not") {
		t.Errorf("after the render: %d lines:\n%s", m.NoteLines(), screenText(m))
	}
	if got, ok := c.Notes.Get(msg.Key); !ok || got != msg.Text {
		t.Error("the render was not cached")
	}
	// The cache serves the same width again without a command.
	m2, cmd2 := New(c, l, counter, nil)
	drive(t, m2, cmd2, 0)
	if cmd := m2.Resize(); cmd != nil || m2.NoteLines() != m.NoteLines() {
		t.Errorf("a cached render: command %v, %d lines", cmd != nil, m2.NoteLines())
	}
	// And a cached render of another width is used on resize.
	c.Width = 40 + 2
	if cmd := m2.Resize(); cmd != nil || !strings.Contains(screenText(m2), "WRONG WIDTH") {
		t.Errorf("the cached render of width 40: command %v:\n%s", cmd != nil, screenText(m2))
	}
}

func TestResizeKeepsPlace(t *testing.T) {
	m := open(t, newCommon(80, 24), countLesson(), counter)
	press(t, m, "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "pgdown", "down", "down", "down")
	frac := func() float64 { return float64(m.NoteOffset()) / float64(m.NoteLines()) }
	start := frac()
	if start < 0.2 || start > 0.8 {
		t.Fatalf("scrolled to %d of %d lines", m.NoteOffset(), m.NoteLines())
	}
	counts := map[int]bool{}
	for _, sz := range [][2]int{{140, 40}, {100, 30}, {60, 20}, {200, 60}, {80, 24}, {99, 24}, {100, 24}} {
		resize(t, m, sz[0], sz[1])
		counts[m.NoteLines()] = true
		if math.Abs(frac()-start) > 0.05 {
			t.Errorf("at %dx%d the note is at %d of %d lines (%.3f), was %.3f", sz[0], sz[1], m.NoteOffset(), m.NoteLines(), frac(), start)
		}
		if m.noteKey.Width != m.noteWidth() {
			t.Errorf("at %dx%d the note shown is %d wide, want %d", sz[0], sz[1], m.noteKey.Width, m.noteWidth())
		}
	}
	if len(counts) < 3 {
		t.Errorf("the note has the same few line counts at every width (%v): the test proves nothing", counts)
	}
	// A round trip through another width comes back to the same line.
	resize(t, m, 80, 24)
	want := rows(m)[3]
	resize(t, m, 140, 40)
	resize(t, m, 80, 24)
	if got := rows(m)[3]; got != want {
		t.Errorf("after a round trip the top line is %q, was %q", got, want)
	}
}

func TestVisualKeysFromAnyPane(t *testing.T) {
	m := open(t, newCommon(80, 24), countLesson(), counter)
	press(t, m, "right", "right")
	if m.Stepper().Frame() != 2 || m.Focus() != NotePane {
		t.Errorf("right on the note pane: frame %d, focus %v", m.Stepper().Frame(), m.Focus())
	}
	// Scrolling goes to the focused pane: the note, not the visual.
	press(t, m, "down")
	if m.NoteOffset() != 1 || m.Stepper().Frame() != 2 {
		t.Errorf("down: note at %d, frame %d", m.NoteOffset(), m.Stepper().Frame())
	}
	// A knob records a run through the lesson screen.
	press(t, m, "]")
	if m.Stepper().Run().Len() != 7 || m.Stepper().Frame() != 2 {
		t.Errorf("]: %d frames, frame %d", m.Stepper().Run().Len(), m.Stepper().Frame())
	}
	// The input box takes the keyboard and the visual pane.
	press(t, m, "e")
	if m.Focus() != VisualPane || !m.Capturing() {
		t.Errorf("e: focus %v, capturing %v", m.Focus(), m.Capturing())
	}
	for range 10 {
		send(t, m, tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	typeText(t, m, "--n 3")
	press(t, m, "enter")
	if m.Capturing() || m.Stepper().Run().Len() != 4 || m.Stepper().Frame() != 0 {
		t.Errorf("enter: capturing %v, %d frames, frame %d", m.Capturing(), m.Stepper().Run().Len(), m.Stepper().Frame())
	}
	if s := screenText(m); !strings.Contains(s, "step 1/4") {
		t.Errorf("after the input:\n%s", s)
	}
}

func TestNarrowScrollKeysOnVisualPane(t *testing.T) {
	m := open(t, newCommon(80, 24), countLesson(), counter)
	press(t, m, "down", "down")
	if m.NoteOffset() != 2 {
		t.Fatalf("down on the note: %d", m.NoteOffset())
	}
	press(t, m, "tab")
	press(t, m, "down", "pgdown", "G")
	if m.NoteOffset() != 2 {
		t.Errorf("scrolling on the visual pane moved the hidden note to %d", m.NoteOffset())
	}
	if last := m.Stepper().Run().Len() - 1; m.Stepper().Frame() != last {
		t.Errorf("G on the visual pane: step %d, want the last, %d", m.Stepper().Frame()+1, last+1)
	}
	press(t, m, "tab", "tab")
	if m.Focus() != NotePane || m.NoteOffset() != 2 {
		t.Errorf("back on the note: focus %v, at %d", m.Focus(), m.NoteOffset())
	}
}

func TestWideFromWideWidth(t *testing.T) {
	m := open(t, newCommon(WideWidth-1, 30), countLesson(), counter)
	if r := rows(m); !strings.Contains(r[0], "(tab)") || strings.Contains(r[2], "Visual") {
		t.Errorf("%d columns is not narrow:\n%s", WideWidth-1, screenText(m))
	}
	resize(t, m, WideWidth, 30)
	r := rows(m)
	if strings.Contains(r[0], "(tab)") || !strings.Contains(r[2], "Note") || !strings.Contains(r[2], "Visual") {
		t.Errorf("%d columns is not wide:\n%s", WideWidth, screenText(m))
	}
	checkBox(t, "wide at WideWidth", m.View(), WideWidth, 30)
}

func TestSourceScroll(t *testing.T) {
	v, _ := visuals.Lookup("kvstore")
	l, _ := realCatalog(t).Lookup("kvstore")
	m := open(t, newCommon(80, 24), l, v)
	press(t, m, "tab", "tab")
	top := func() int {
		for _, row := range rows(m)[3:] {
			f := strings.Fields(strings.Trim(row, "║ ▶"))
			if len(f) > 0 {
				n, err := strconv.Atoi(f[0])
				if err == nil {
					return n
				}
			}
		}
		return -1
	}
	first := top()
	press(t, m, "down", "down")
	if top() != first+2 {
		t.Errorf("down down: the source starts at %d, was %d", top(), first)
	}
	press(t, m, "g")
	if top() != 1 {
		t.Errorf("g: the source starts at %d", top())
	}
	// Stepping follows the running line again.
	press(t, m, "right")
	wantMarker(t, m, v)
}

// A run that arrives with another frame (a knob that leaves fewer frames)
// brings the source pane back to the running line after a scroll.
func TestSourceFollowsNewRun(t *testing.T) {
	v, _ := visuals.Lookup("kvstore")
	l, _ := realCatalog(t).Lookup("kvstore")
	m := open(t, newCommon(80, 24), l, v)
	press(t, m, "x") // chunking on: more frames
	n := m.Stepper().Run().Len()
	for range n {
		press(t, m, "right")
	}
	press(t, m, "tab", "tab", "g") // the source pane, scrolled to the top
	if m.Focus() != SourcePane || len(markedLines(m)) != 0 {
		t.Fatalf("focus %v, marked %v: the last step's line should be off screen", m.Focus(), markedLines(m))
	}
	press(t, m, "x") // chunking off: fewer frames, the frame clamped
	if got := m.Stepper().Frame(); got >= n-1 || got != m.Stepper().Run().Len()-1 {
		t.Fatalf("after x: frame %d of %d (was %d frames)", got, m.Stepper().Run().Len(), n)
	}
	wantMarker(t, m, v)
}

func TestViewFits(t *testing.T) {
	kv, _ := visuals.Lookup("kvstore")
	kl, _ := realCatalog(t).Lookup("kvstore")
	cases := []struct {
		name string
		l    *lessons.Lesson
		v    visual.Visual
	}{{"counter", countLesson(), counter}, {"no visual", plainLesson(), nil}, {"kvstore", kl, kv}}
	for _, tc := range cases {
		m := open(t, newCommon(80, 24), tc.l, tc.v)
		for w := 20; w <= 160; w += 10 {
			for _, h := range []int{6, 7, 9, 12, 17, 24, 33, 48} {
				resize(t, m, w, h)
				if !checkBox(t, tc.name, m.View(), w, h) {
					return
				}
				if tc.v != nil && w < WideWidth {
					press(t, m, "tab")
					checkBox(t, tc.name+" "+m.Focus().String(), m.View(), w, h)
				}
			}
		}
	}
}

func realCatalog(t *testing.T) *lessons.Catalog {
	t.Helper()
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestGoldenLessons pins the lesson screen of each lesson with a real
// visual, plain, at 80x24 with the visual pane focused and at 140x40.
// go test ./internal/ui/lesson -run TestGoldenLessons -update rewrites
// them: read every line.
func TestGoldenLessons(t *testing.T) {
	cat := realCatalog(t)
	seen := map[string]bool{}
	for _, l := range cat.Lessons() {
		if l.Visual == "" {
			continue
		}
		id := l.ID
		v, ok := visuals.Lookup(l.Visual)
		if !ok {
			t.Fatalf("lesson %s: no visual %q", id, l.Visual)
		}
		seen[v.Name()] = true
		for _, sz := range [][2]int{{80, 24}, {140, 40}} {
			w, h := sz[0], sz[1]
			name := fmt.Sprintf("%s_%dx%d", id, w, h)
			t.Run(name, func(t *testing.T) {
				m := open(t, newCommon(w, h), l, v)
				if w < WideWidth {
					press(t, m, "tab")
					if m.Focus() != VisualPane {
						t.Fatalf("focus %v", m.Focus())
					}
				}
				got := screenText(m)
				checkBox(t, name, got, w, h)
				golden(t, name, got)
			})
		}
	}
	if len(seen) != len(visuals.All()) {
		t.Errorf("the goldens show %d of the %d visuals", len(seen), len(visuals.All()))
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	want := strings.TrimSuffix(string(data), "\n")
	if got == want {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Errorf("%s line %d:\n got %q\nwant %q", path, i+1, gl, wl)
		}
	}
}
