package ui

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/lessons"
	"tutor/internal/quiz"
	"tutor/internal/review"
	"tutor/internal/ui/keys"
	"tutor/internal/ui/markdown"
	"tutor/internal/ui/stats"
	"tutor/internal/ui/uitest"
	"tutor/internal/visual"
	"tutor/internal/visuals"
)

// sweepSizes are the sizes every screen is drawn at: the common ones, the
// smallest and the largest, and odd ones between.
var sweepSizes = [][2]int{
	{20, 6}, {23, 7}, {37, 11}, {40, 12}, {59, 17}, {60, 20}, {80, 24}, {99, 29},
	{100, 30}, {120, 40}, {137, 41}, {160, 48}, {300, 100},
}

// commonSizes are the sizes the shipped lessons are drawn at: each width
// renders a long note again, which glamour takes a second to do under the
// race detector. The fixtures' short notes take every size.
var commonSizes = [][2]int{{20, 6}, {37, 11}, {40, 12}, {60, 20}, {80, 24}, {100, 30}, {120, 40}, {160, 48}, {300, 100}}

// A sweepScreen is one screen of the app in one state, built from scratch.
type sweepScreen struct {
	name string
	open func(t *testing.T) Model
	// panes are the lesson's panes, focused in turn with tab at each
	// size; nil for a screen drawn as it opens.
	panes []string
	// sizes are the sizes it is drawn at; nil for sweepSizes.
	sizes [][2]int
	// text is what the screen is drawn from beyond what it shows whole at
	// 300x100 (a note's every line, a visual's source).
	text []string
}

// knownCut is a cut the sweep finds in a screen another engineer is
// fixing: the screen, the size and the chunk cut at the edge. Each is in
// /tmp/sweep-findings.md for the lead. The sweep fails on a cut not listed
// here, and on a listed one it no longer finds, so the table stays true.
type knownCut struct{ screen, size, chunk string }

var knownCuts = []knownCut{
	// Empty: the two the sweep found (the credits legend at 120x40, the
	// TCP header's time at 37x11) were fixed in internal/visuals.
}

// drawnWords are words the screens write flush against an edge on their
// own, never followed by more text: whole, though no wider drawing shows
// them (creditviz's "+2 more" where rows do not fit).
var drawnWords = []string{"more"}

// sentinel is a fixture whose long texts are single chunks joined by
// hyphens, so that a cut anywhere in them lands inside a chunk, where
// uitest.Cuts sees it.
func sentinel(t testing.TB) *lessons.Catalog {
	t.Helper()
	title := "Sentinel-title-of-a-lesson-long-enough-to-be-cut-at-every-width-below-three-hundred-columns-so-the-sweep-sees-each-cut-whether-or-not-it-says-so"
	note := "# " + title + "\n\n" +
		"A paragraph of ordinary words that wraps at every width, with `code` and **bold** words, and one chunk too long for a narrow pane: " + strings.Repeat("sentinel-", 12) + "end.\n\n" +
		"## A second heading with many words so that it wraps in a narrow note pane\n\n" +
		"- a list item that is long enough to wrap inside a narrow note pane, twice or more\n- a short one\n\n" +
		"```\n" + strings.Repeat("code-row-", 30) + "end\nsecond row\n```\n\n" +
		"| column-one-header | column-two-header-that-is-long | three |\n|---|---|---|\n| cell-one | " + strings.Repeat("cell-", 20) + "two | 3 |\n\n" +
		"## Handshake\n\nSYN, SYN-ACK, ACK.\n"
	fsys := fstest.MapFS{
		"lessons/long.md": {Data: []byte("---\nid: long\ntitle: " + title + "\ntags: [" + strings.Repeat("tag-", 12) + "one, two]\norder: 1\nsummary: " +
			strings.Repeat("summary-", 30) + "end\n---\n" + note)},
		"lessons/long.quiz.yaml": {Data: []byte("- kind: recall\n  front: " + strings.Repeat("front-", 20) + "end of a question long enough to wrap?\n  back: " + strings.Repeat("back-", 30) + "end of the answer.\n" +
			"- kind: choice\n  question: Which " + strings.Repeat("choice-", 15) + "one?\n  choices: [" + strings.Repeat("first-", 20) + "choice, second, third]\n  answer: 0\n  explain: Because " + strings.Repeat("reason-", 20) + "end.\n")},
		"lessons/count.md":        {Data: []byte("---\nid: count\ntitle: Counting-lesson-with-a-live-visual-and-a-title-long-enough-to-be-cut\ntags: [loops]\norder: 2\nvisual: counter\nsummary: A loop that counts.\n---\n" + note)},
		"lessons/count.quiz.yaml": {Data: []byte("- kind: recall\n  front: What does x start at?\n  back: Zero.\n")},
	}
	cat, err := lessons.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func sweepQuiz() *quiz.Service {
	return &quiz.Service{
		Sched: review.DefaultScheduler(), Cards: map[string]review.Card{},
		Now: func() time.Time { return epoch }, Rand: rand.New(rand.NewPCG(7, 8)),
	}
}

// sweepScreens are every screen in the states a learner sees: the home
// list, each lesson with its visual (the note focused and the visual, at
// its first and last step), a lesson without a visual, the help over each
// screen, and the quiz's question, answer, exercise and summary.
func sweepScreens(t *testing.T) []sweepScreen {
	real := realCatalog(t)
	fix := sentinel(t)
	notice := "reviews.jsonl:3: skipped a corrupt line: " + strings.Repeat("notice-", 20) + "end"
	// The screens of one lesson share its renders of the note: each
	// width is rendered once, not once a screen.
	notes := map[string]*markdown.Cache{}
	app := func(opts Options) Model {
		if opts.Catalog == nil {
			opts.Catalog = fix
		}
		opts.Visuals = []visual.Visual{counter}
		if opts.Catalog == real {
			opts.Visuals = visuals.All()
		}
		colour := opts.Plain // here: asked for colour, see below
		opts.Plain = !colour
		m := New(opts)
		id := fmt.Sprint(opts.Open, colour)
		if notes[id] == nil {
			notes[id] = &markdown.Cache{}
		}
		m.c.Notes = notes[id]
		return sized(t, runCmd(t, m, m.Init(), 0), 120, 40)
	}
	var ss []sweepScreen
	add := func(name string, open func(t *testing.T) Model, text ...string) {
		ss = append(ss, sweepScreen{name: name, open: open, text: text})
	}
	lesson := func(name string, open func(t *testing.T) Model, text ...string) {
		ss = append(ss, sweepScreen{name: name, open: open, text: text, panes: []string{"note", "visual", "source"}, sizes: commonSizes})
	}
	add("home", func(t *testing.T) Model { return app(Options{Notices: []string{notice}}) })
	add("home real", func(t *testing.T) Model { return app(Options{Catalog: real}) })
	add("help home", func(t *testing.T) Model { return press(t, app(Options{}), "?") })
	add("home progress", func(t *testing.T) Model {
		opts := progressOptions(real)
		opts.Catalog = real
		return app(opts)
	})
	rep := statsReport(t)
	statsScreen := func(keys ...string) func(t *testing.T) Model {
		return func(t *testing.T) Model {
			return press(t, app(Options{Catalog: real, Stats: func(*lessons.Catalog) (stats.Report, error) { return rep, nil }}), keys...)
		}
	}
	add("stats", statsScreen("s"))
	add("stats bottom", statsScreen("s", "G"))
	add("help stats", statsScreen("s", "?"))
	// Each lesson of the catalog: the real notes, and every registered
	// visual, at its first step and its last.
	for _, l := range real.Lessons() {
		text := []string{wholeNote(t, l.Body)}
		if l.Visual == "" {
			add("lesson "+l.ID, func(t *testing.T) Model { return app(Options{Catalog: real, Open: l.ID}) }, text...)
			ss[len(ss)-1].sizes = commonSizes
			continue
		}
		v, ok := visuals.Lookup(l.Visual)
		if !ok {
			t.Fatalf("lesson %s: no visual %q", l.ID, l.Visual)
		}
		_, src := v.Source()
		text = append(text, src)
		open := func(t *testing.T) Model { return app(Options{Catalog: real, Open: l.ID}) }
		last := func(t *testing.T) Model { return stepToEnd(t, open(t)) }
		lesson("lesson "+l.ID, open, text...)
		lesson("lesson "+l.ID+" last", last, text...)
	}
	// In colour, glamour draws the note otherwise (a title bar, code
	// between no-break spaces): Plain here asks for colour.
	add("lesson tcp search", func(t *testing.T) Model {
		return press(t, typeText(t, press(t, app(Options{Catalog: real, Open: "tcp"}), "/"), "ACK"), "enter", "n")
	}, wholeNote(t, mustLesson(t, real, "tcp").Body))
	ss[len(ss)-1].sizes = commonSizes
	fixNote := wholeNote(t, mustLesson(t, fix, "long").Body)
	add("lesson long", func(t *testing.T) Model { return app(Options{Open: "long"}) }, fixNote)
	// In colour, glamour draws the note otherwise (a title bar, code
	// between no-break spaces): Plain here asks for colour.
	add("lesson long colour", func(t *testing.T) Model {
		return press(t, typeText(t, press(t, app(Options{Open: "long", Plain: true}), "/"), "sentinel"), "enter", "n")
	}, fixNote)
	lesson("lesson count", func(t *testing.T) Model { return press(t, app(Options{Open: "count"}), "l", "l") }, fixNote, counterSource)
	ss[len(ss)-1].sizes = nil
	add("lesson count search", func(t *testing.T) Model {
		return press(t, typeText(t, press(t, app(Options{Open: "count"}), "/"), "handshake"), "enter")
	}, fixNote, counterSource)
	add("lesson count contents", func(t *testing.T) Model { return press(t, app(Options{Open: "count"}), "T", "j", "j") }, fixNote, counterSource)
	add("lesson long contents", func(t *testing.T) Model { return press(t, app(Options{Open: "long"}), "T", "j", "j") }, fixNote)
	add("lesson count edit", func(t *testing.T) Model { return press(t, app(Options{Open: "count"}), "tab", "e") }, fixNote, counterSource)
	add("help lesson", func(t *testing.T) Model { return press(t, app(Options{Open: "count"}), "?") })
	quizApp := func(keys ...string) func(t *testing.T) Model {
		return func(t *testing.T) Model {
			return press(t, app(Options{Quiz: sweepQuiz(), StartQuiz: true, QuizLesson: ""}), keys...)
		}
	}
	// The fixture's deck, in the order the session asks it: the long
	// recall card, the counting exercise, the long choice card, the
	// counting recall card.
	add("quiz question", quizApp())
	add("quiz answer", quizApp("space"))
	add("quiz exercise", quizApp("space", "3"))
	add("quiz exercise answered", quizApp("space", "3", "9", "9", "enter"))
	add("quiz choice", quizApp("space", "3", "9", "9", "enter", "enter"))
	add("quiz choice answered", quizApp("space", "3", "9", "9", "enter", "enter", "1"))
	add("quiz summary", quizApp("space", "3", "9", "9", "enter", "esc"))
	add("help quiz", quizApp("?"))
	return ss
}

func mustLesson(t *testing.T, cat *lessons.Catalog, id string) *lessons.Lesson {
	t.Helper()
	l, ok := cat.Lookup(id)
	if !ok {
		t.Fatalf("no lesson %q", id)
	}
	return l
}

// wholeNote is the note rendered where nothing of it is cut.
func wholeNote(t *testing.T, body string) string {
	t.Helper()
	out, err := markdown.Render(body, 1000, "notty")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// stepToEnd steps the lesson's run to its last frame.
func stepToEnd(t *testing.T, m Model) Model {
	t.Helper()
	s := m.Lesson().Stepper()
	if s == nil || s.Run() == nil {
		t.Fatalf("%s: no run to step (%s)", m.Lesson().Lesson().ID, s.Err())
	}
	for range s.Run().Len() - 1 {
		m = press(t, m, "l")
	}
	return m
}

// TestSweepEverySizeCutsNothing draws every screen of sweepScreens at
// every size of sweepSizes (the shipped lessons at commonSizes) and fails
// on any line of the View that is wider than the screen, on a View that is
// not exactly the screen's height, and on any line cut without an
// ellipsis.
//
// The rule for a cut is uitest.Cuts': a line is split into panes at their
// borders; a pane whose text reaches its last column must end there in
// "…", in drawing (rules, bars, arrows, corners), in punctuation, in a
// word the screen is drawn from whole, or in a piece of a word that the
// next row goes on with (a word longer than the pane, hard-wrapped).
// Anything else ran into the edge and stopped. The words the screen is
// drawn from whole are, independently of the size under test: those the
// same screen shows at 300x100, its note rendered 1000 columns wide and its
// visual's source (where nothing needs cutting); those it shows with more
// text after them in their pane, at any size; and drawnWords. A cut that
// falls on a space drops whole words and is not seen: the fixtures' long
// titles, summaries, tags and cards are single hyphenated chunks, so that a
// cut anywhere in them lands inside a chunk and shows.
func TestSweepEverySizeCutsNothing(t *testing.T) {
	found := map[knownCut][]string{}
	ran := map[string]bool{} // the screens drawn: -run may leave some out
	for _, sc := range sweepScreens(t) {
		t.Run(sc.name, func(t *testing.T) {
			m := sc.open(t)
			m = sized(t, m, 300, 100)
			words := uitest.NewWords(append(append(sc.text, drawnWords...), m.Render())...)
			// Draw every size first: the words a screen shows with more
			// text after them, at any size, are whole.
			type drawn struct{ name, size, out string }
			var screens []drawn
			sizes := sc.sizes
			if sizes == nil {
				sizes = sweepSizes
			}
			for _, sz := range sizes {
				w, h := sz[0], sz[1]
				m = sized(t, m, w, h)
				for i, p := range append(sc.panes, "")[:max(len(sc.panes), 1)] {
					name := sc.name
					if p != "" {
						name += " " + p
						if i > 0 {
							m = press(t, m, "tab")
						}
					}
					out := m.Render()
					ran[name] = true
					checkBox(t, name, out, w, h)
					words.AddInner(out)
					screens = append(screens, drawn{name, fmt.Sprintf("%dx%d", w, h), out})
				}
				if len(sc.panes) > 0 {
					m = press(t, m, "tab") // back to the note
				}
			}
			for _, d := range screens {
				for _, c := range uitest.Cuts(d.out, words) {
					k := knownCut{d.name, d.size, c.Chunk}
					found[k] = append(found[k], fmt.Sprintf("row %d col %d: %q", c.Row, c.Col, strings.TrimRight(c.Line, " ")))
				}
			}
		})
	}
	known := map[knownCut]bool{}
	for _, k := range knownCuts {
		known[k] = true
		if _, ok := found[k]; !ok && ran[k.screen] {
			t.Errorf("known cut %+v is not found any more: remove it from knownCuts", k)
		}
	}
	for k, where := range found {
		if !known[k] {
			t.Errorf("%s at %s: %q cut without an ellipsis:\n\t%s", k.screen, k.size, k.chunk, strings.Join(where, "\n\t"))
		}
	}
}

// knownLeak is a key that reaches the screen under an overlay, in a
// screen another engineer is fixing; see knownCut.
type knownLeak struct{ overlay, key string }

var knownLeaks = []knownLeak{}

// An overlay is something that takes the keyboard over a screen: open
// opens it on a fresh app, isOpen reports whether it still is, and close
// closes it without touching the screen under it.
type overlay struct {
	name   string
	open   func(t *testing.T) Model
	isOpen func(m Model) bool
	close  []string
}

// sweepKeys are every key of the app's key map and some letters, digits
// and signs none of its bindings takes, a visual's knob among them.
func sweepKeys(t *testing.T) []string {
	var ks []string
	seen := map[string]bool{}
	for _, b := range keys.Default().All() {
		for _, k := range b.Keys() {
			if !seen[k] {
				seen[k] = true
				ks = append(ks, k)
			}
		}
	}
	for _, k := range strings.Split("a d i m o p t u w x y z A B Q Z 0 5 9 ] [ ~ ; '", " ") {
		if !seen[k] {
			seen[k] = true
			ks = append(ks, k)
		}
	}
	for _, k := range ks {
		if got := uitest.Press(k).String(); got != k {
			t.Fatalf("the key %q is pressed as %q", k, got)
		}
	}
	return ks
}

// TestSweepOverlaysKeepKeys opens each overlay (the help over every
// screen, the search box, the run's input box, the home filter, the note's
// contents) and, for
// every key of sweepKeys, presses it, closes the overlay if it is still
// open, and fails unless the screen under it draws as it did before the
// overlay opened: no key reached it.
func TestSweepOverlaysKeepKeys(t *testing.T) {
	opts := func(o Options) Options { o.Plain = true; return o }
	app := func(t *testing.T, o Options, ks ...string) Model {
		return press(t, sized(t, newApp(t, opts(o)), 80, 24), ks...)
	}
	help := func(m Model) bool { return m.helpOn }
	capturing := func(m Model) bool { return m.capturing() }
	contents := func(m Model) bool { return m.state == LessonScreen && m.Lesson().Contents() }
	overlays := []overlay{
		{"help home", func(t *testing.T) Model { return app(t, Options{}) }, help, []string{"esc"}},
		{"help lesson note", func(t *testing.T) Model { return app(t, Options{Open: "count"}) }, help, []string{"esc"}},
		{"help lesson visual", func(t *testing.T) Model { return app(t, Options{Open: "count"}, "tab") }, help, []string{"esc"}},
		{"help quiz", func(t *testing.T) Model { return app(t, Options{Quiz: sweepQuiz(), StartQuiz: true}) }, help, []string{"esc"}},
		{"help stats", func(t *testing.T) Model {
			rep := statsReport(t)
			return app(t, Options{Stats: func(*lessons.Catalog) (stats.Report, error) { return rep, nil }}, "s")
		}, help, []string{"esc"}},
		{"search box", func(t *testing.T) Model { return app(t, Options{Open: "count"}) }, capturing, []string{"esc"}},
		{"input box", func(t *testing.T) Model { return app(t, Options{Open: "count"}, "tab") }, capturing, []string{"esc"}},
		{"home filter", func(t *testing.T) Model { return app(t, Options{}) }, capturing, []string{"esc"}},
		{"contents", func(t *testing.T) Model { return app(t, Options{Open: "count"}) }, contents, []string{"esc"}},
		{"contents wide", func(t *testing.T) Model { return sized(t, app(t, Options{Open: "count"}, "tab"), 120, 40) }, contents, []string{"esc"}},
	}
	opener := map[string]string{"search box": "/", "input box": "e", "home filter": "/", "contents": "T", "contents wide": "T"}
	ks := sweepKeys(t)
	leaks := map[knownLeak]string{}
	for _, o := range overlays {
		t.Run(o.name, func(t *testing.T) {
			openKey := opener[o.name]
			if openKey == "" {
				openKey = "?"
			}
			base := o.open(t)
			before := base.Render()
			m := base
			for _, k := range ks {
				m = press(t, m, openKey)
				if !o.isOpen(m) {
					t.Fatalf("%s does not open the %s", openKey, o.name)
				}
				m = update(t, m, uitest.Press(k))
				// ? over the contents opens the help above it: esc
				// closes one at a time.
				for i := 0; i < 3 && (o.isOpen(m) || m.helpOn); i++ {
					m = press(t, m, o.close...)
				}
				if o.isOpen(m) || m.helpOn {
					t.Fatalf("%v does not close the %s", o.close, o.name)
				}
				if after := m.Render(); after != before {
					leaks[knownLeak{o.name, k}] = firstDiff(before, after)
					m = o.open(t) // start again from a screen no key reached
				}
			}
		})
	}
	known := map[knownLeak]bool{}
	for _, k := range knownLeaks {
		known[k] = true
		if _, ok := leaks[k]; !ok {
			t.Errorf("known leak %+v is not found any more: remove it from knownLeaks", k)
		}
	}
	for k, diff := range leaks {
		if !known[k] {
			t.Errorf("%s: the key %q reached the screen under it: %s", k.overlay, k.key, diff)
		}
	}
}

// firstDiff is the first line where two screens differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(screenOf(a), "\n"), strings.Split(screenOf(b), "\n")
	for i := range max(len(al), len(bl)) {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d was %q, is %q", i, strings.TrimRight(x, " "), strings.TrimRight(y, " "))
		}
	}
	return "only the escape sequences differ"
}

func screenOf(s string) string { return ansi.Strip(s) }

// TestSweepAnswerBoxKeepsKeys: on an exercise card the answer box has the
// keyboard. Every key of sweepKeys but enter (it submits) and esc (it
// ends the quiz), pressed and then erased (end, ctrl+u), leaves the card
// as it was: no key grades it, watches it, or moves to another card.
func TestSweepAnswerBoxKeepsKeys(t *testing.T) {
	open := func() Model {
		m := sized(t, newApp(t, Options{Catalog: sentinel(t), Visuals: []visual.Visual{counter}, Quiz: sweepQuiz(), StartQuiz: true, Plain: true}), 80, 24)
		m = press(t, m, "space", "3")
		if !m.capturing() || !strings.Contains(screen(m), "answer>") {
			t.Fatalf("not on an exercise card:\n%s", screen(m))
		}
		return m
	}
	m := open()
	before := m.Render()
	// The footer offers no key the box takes: ? is a letter here.
	lines := strings.Split(screen(m), "\n")
	if foot := lines[len(lines)-1]; strings.Contains(foot, "?") || !strings.Contains(foot, "enter submit") {
		t.Errorf("the footer of an answer box: %q", foot)
	}
	if m = update(t, m, uitest.Press("?")); m.helpOn || !strings.Contains(screen(m), "answer> ?") {
		t.Errorf("? in the answer box opened the help or typed nothing:\n%s", screen(m))
	}
	m = update(t, m, uitest.Press("backspace"))
	for _, k := range sweepKeys(t) {
		if k == "enter" || k == "esc" {
			continue
		}
		m = update(t, m, uitest.Press(k))
		if k == "x" && !strings.Contains(screen(m), "answer> x") {
			t.Fatalf("x is not typed into the box:\n%s", screen(m))
		}
		m = update(t, update(t, m, uitest.Press("end")), uitest.Press("ctrl+u"))
		if after := m.Render(); after != before {
			t.Errorf("the key %q reached the quiz under its answer box: %s", k, firstDiff(before, after))
			m = open()
		}
	}
}
