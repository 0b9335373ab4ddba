package ui

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	tea "charm.land/bubbletea/v2"

	"tutor/internal/hostile"
	"tutor/internal/lessons"
	"tutor/internal/quiz"
	"tutor/internal/review"
)

// hostileCatalog is the fixture with a note per kind of the corpus: in
// the front matter's title, summary and tags (YAML escapes make control
// characters of them), the body, a heading (a quiz card) and the file
// name, loaded as the app loads notes. It returns the notes' ids too.
func hostileCatalog(t *testing.T) (*lessons.Catalog, []string, []string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for i, c := range hostile.Corpus() {
		q := strconv.QuoteToASCII("t" + c.Text + "u")
		name := strings.NewReplacer("/", "", "\x00", "").Replace(c.Text)
		fsys["h"+strconv.Itoa(i)+name+".md"] = &fstest.MapFile{Data: []byte("---\nid: h" + strconv.Itoa(i) + "\ntitle: " + q + "\nsummary: " + q + "\ntags: [" + q + "]\n---\n# H " + c.Text + "\n\nbody " + c.Text + "\n\n## Q " + c.Text + "\n\nA " + c.Text + "\n")}
		fsys["t"+strconv.Itoa(i)+name+".md"] = &fstest.MapFile{Data: []byte("no heading " + c.Text + "\n")}
		fsys["e"+strconv.Itoa(i)+name+".md"] = &fstest.MapFile{Data: []byte("\n")}
	}
	notes, warnings, err := lessons.LoadNotes(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	cat := fixture(t)
	warnings = append(warnings, cat.Add(notes...)...)
	var notices, ids []string
	for _, w := range warnings {
		notices = append(notices, w.Error())
	}
	// Notices made elsewhere, raw: the home screen cleans them too.
	for _, c := range hostile.Corpus() {
		notices = append(notices, "review: "+c.Text+" line", review.Warning{Path: "/s/" + c.Text, Line: 1, Text: c.Text, Err: errBad(c.Text)}.String())
	}
	for _, l := range notes {
		ids = append(ids, l.ID)
	}
	return cat, ids, notices
}

type errBad string

func (e errBad) Error() string { return "bad " + string(e) }

func hostileQuiz() *quiz.Service {
	return &quiz.Service{Sched: review.DefaultScheduler(), Cards: map[string]review.Card{}, Now: func() time.Time { return epoch }, Rand: rand.New(rand.NewPCG(1, 1))}
}

func checkScreen(t *testing.T, what string, m Model) {
	t.Helper()
	if bad := hostile.Check(m.Render(), true); bad != "" {
		t.Errorf("%s: %s", what, bad)
	}
}

// TestHostileApp sends the corpus through every place the app shows text:
// the lesson list and its notices, the filter, each note's lesson screen
// (header, note pane, search) and its quiz (the header, the card's front
// and back). No byte of it reaches the View.
func TestHostileApp(t *testing.T) {
	cat, ids, notices := hostileCatalog(t)
	m := sized(t, newApp(t, Options{Catalog: cat, Notices: notices, Quiz: hostileQuiz()}), 120, 40)
	checkScreen(t, "home", m)
	for range len(ids) {
		m = press(t, m, "down")
		checkScreen(t, "home scrolled", m)
	}
	m = typeText(t, press(t, m, "/"), "tu")
	checkScreen(t, "home filtered", m)
	for _, c := range hostile.Corpus() {
		m2 := update(t, m, tea.PasteMsg{Content: c.Text})
		checkScreen(t, "home paste "+c.Name, m2)
	}
	for _, id := range ids {
		l := sized(t, newApp(t, Options{Catalog: cat, Open: id, Quiz: hostileQuiz()}), 120, 40)
		checkScreen(t, "lesson "+id, l)
		l = press(t, l, "/")
		for _, c := range hostile.Corpus() {
			l = update(t, l, tea.PasteMsg{Content: c.Text})
		}
		checkScreen(t, "lesson search "+id, l)
		l = press(t, l, "enter")
		checkScreen(t, "lesson searched "+id, l)
		q := sized(t, newApp(t, Options{Catalog: cat, StartQuiz: true, QuizLesson: id, Quiz: hostileQuiz()}), 120, 40)
		checkScreen(t, "quiz "+id, q)
		q = press(t, q, "space")
		checkScreen(t, "quiz answer "+id, q)
		q = sized(t, q, 40, 20)
		checkScreen(t, "quiz narrow "+id, q)
	}
}
