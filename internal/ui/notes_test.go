package ui

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	tea "charm.land/bubbletea/v2"

	"tutor/internal/lessons"
	"tutor/internal/resume"
	"tutor/internal/review"
	"tutor/internal/visual"
)

// notesOf is the fixture's catalog with a note of one card added, the
// read that brings it, and the note. The card's id had another form once
// (FormerID), under which the review log may hold answers.
func notesOf(t *testing.T) (*lessons.Catalog, NotesRead, *lessons.Lesson) {
	t.Helper()
	base := fixture(t)
	notes, _, err := lessons.LoadNotes(fstest.MapFS{"go.md": {Data: []byte("# Go notes\n## Empty\n### Channels\nTyped pipes.\n")}}, ".")
	if err != nil {
		t.Fatal(err)
	}
	with := base.Clone()
	if w := with.Add(notes...); len(w) > 0 {
		t.Fatal(w)
	}
	if notes[0].Items[0].FormerID == "" {
		t.Fatalf("the note's card has no former id: %+v", notes[0].Items[0])
	}
	return base, NotesRead{Catalog: with, Notices: []string{"--notes ~/notes: 1 note, 1 card"}}, notes[0]
}

// readingApp is the app at its first screen, 120x40, with its notes still
// being read: the command that reads them has not returned.
func readingApp(t *testing.T, opts Options) Model {
	t.Helper()
	opts.ReadNotes = func() NotesRead { t.Fatal("the test delivers the notes itself"); return NotesRead{} }
	opts.NotesFolder = "~/notes"
	if opts.Visuals == nil {
		opts.Visuals = []visual.Visual{counter}
	}
	return sized(t, New(opts), 120, 40)
}

// TestNotesReadAfterTheFirstScreen: the home screen comes up with the
// built-in lessons and says the notes are being read; a key pressed then
// waits, and once the notes are in does what it would have done had they
// been read first: enter opens the continue line, which is in a note. An
// answer logged under the note card's former id counts for its id now.
func TestNotesReadAfterTheFirstScreen(t *testing.T) {
	base, read, note := notesOf(t)
	it := note.Items[0]
	q := resumeQuiz()
	q.Replay([]review.Record{{Time: epoch.Add(-48 * 3600e9), Card: it.FormerID, Grade: review.Good, Took: 1e9}})
	m := readingApp(t, Options{
		Catalog: base,
		Quiz:    q,
		Resume:  map[string]resume.Place{note.ID: {Note: 0.5, At: epoch.Add(-3600e9)}},
	})
	s := screen(m)
	if !strings.Contains(s, "2 lessons · reading the notes in ~/notes…") || strings.Contains(s, "continue") {
		t.Fatalf("the first screen:\n%s", s)
	}
	m = press(t, m, "enter")
	if m.State() != HomeScreen || m.Lesson() != nil {
		t.Fatalf("enter acted before the notes were in: %v", m.State())
	}
	if s := screen(m); !strings.Contains(s, "2 lessons · reading the notes in ~/notes… · 1 key waits for them") {
		t.Errorf("the status line does not say a key waits:\n%s", s)
	}
	m = press(t, m, "j") // then scrolls the note opened
	if s := screen(m); !strings.Contains(s, "· 2 keys wait for them") {
		t.Errorf("the status line does not count the keys that wait:\n%s", s)
	}
	m = update(t, m, notesReadMsg(read))
	if m.State() != LessonScreen || m.Lesson().Lesson().ID != note.ID {
		t.Fatalf("enter, held, opened %v, want the note %s (the continue line)", m.State(), note.ID)
	}
	if c := q.Cards[it.ID]; c.Reps != 1 {
		t.Errorf("the answer logged under %s does not count for %s: %+v", it.FormerID, it.ID, c)
	}
	m = press(t, m, "esc")
	s = screen(m)
	for _, want := range []string{"▶ continue Go notes", "3 lessons  ", "--notes ~/notes: 1 note, 1 card"} {
		if !strings.Contains(s, want) {
			t.Errorf("home once the notes are in lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "reading") {
		t.Errorf("home still says the notes are being read:\n%s", s)
	}
	checkBox(t, "home", m.Render(), 120, 40)
	if lines := strings.Split(s, "\n"); !strings.Contains(lines[len(lines)-1], "q quit") {
		t.Errorf("the notice took the keys' line:\n%s", s)
	}
	if base.Lessons()[len(base.Lessons())-1].User {
		t.Errorf("the catalog the app started with was changed")
	}
}

// TestNotesHeldKeysKeepTheirOrder: a filter typed while the notes are
// read is typed into the box once they are in, q included, and it finds
// the note; q pressed before any other key quits at once, as ctrl+c
// always does.
func TestNotesHeldKeysKeepTheirOrder(t *testing.T) {
	base, read, _ := notesOf(t)
	m := readingApp(t, Options{Catalog: base})
	m = press(t, m, "/", "g", "o", "q")
	m = update(t, m, tea.PasteMsg{Content: " n"})
	if m.home().Filter() != "" {
		t.Fatalf("the filter %q opened before the notes were in", m.home().Filter())
	}
	m = update(t, m, notesReadMsg(read))
	if f := m.home().Filter(); f != "goqn" {
		t.Fatalf("filter %q after the notes, want the keys and the paste in order: %q", f, "goqn")
	}
	m = press(t, m, "backspace", "backspace", "enter")
	if s := screen(m); !strings.Contains(s, "“go” 1 lesson") || !strings.Contains(s, "Go notes") {
		t.Errorf("the filter go does not find the note:\n%s", s)
	}

	for _, k := range []string{"q", "ctrl+c"} {
		m := readingApp(t, Options{Catalog: base})
		if _, cmd := m.Update(keyPress(k)); cmd == nil || cmd() != (tea.QuitMsg{}) {
			t.Errorf("%s while the notes are read does not quit", k)
		}
	}
	m = readingApp(t, Options{Catalog: base})
	m = press(t, m, "j")
	if _, cmd := m.Update(keyPress("ctrl+c")); cmd == nil || cmd() != (tea.QuitMsg{}) {
		t.Errorf("ctrl+c after a held key does not quit")
	}
	if _, cmd := m.Update(keyPress("q")); cmd != nil {
		t.Errorf("q after a held key acted at once (a held / would make it a letter)")
	}
}

// TestNotesThatCannotBeRead: a folder that cannot be read once the app is
// up is a notice; the built-in lessons stay, and the keys held work on
// them.
func TestNotesThatCannotBeRead(t *testing.T) {
	base, _, _ := notesOf(t)
	m := readingApp(t, Options{Catalog: base})
	m = press(t, m, "j")
	m = update(t, m, notesReadMsg{Err: errors.New("--notes ~/notes: notes folder: open .: permission denied")})
	s := screen(m)
	if !strings.Contains(s, "--notes ~/notes: notes folder: open .: permission denied") || !strings.Contains(s, "2 lessons  ") {
		t.Errorf("after a failed read:\n%s", s)
	}
	if l := m.home().Selected(); l == nil || l.ID != "count" {
		t.Errorf("the held j moved to %v, want the second lesson", l)
	}
}

// TestNotesBeforeTheSize: notes that are in before the terminal has said
// its size give a screen once it does, the notices under the list.
func TestNotesBeforeTheSize(t *testing.T) {
	base, read, _ := notesOf(t)
	shown := 0
	read.Shown = func() { shown++ }
	m := New(Options{Catalog: base, ReadNotes: func() NotesRead { return read }, NotesFolder: "~/notes"})
	m = runCmd(t, m, m.Init(), 0)
	if shown != 1 {
		t.Errorf("the reader was told %d times that the notes are in, want once", shown)
	}
	m = sized(t, m, 80, 24)
	s := screen(m)
	checkBox(t, "home", m.Render(), 80, 24)
	if !strings.Contains(s, "3 lessons  ") || !strings.Contains(s, "--notes ~/notes: 1 note, 1 card") {
		t.Errorf("home:\n%s", s)
	}
}

// TestNotesUnderAFilter: lessons set under a filter kept are filtered at
// once, and the cursor stays on its lesson.
func TestNotesUnderAFilter(t *testing.T) {
	base, read, _ := notesOf(t)
	m := sized(t, newApp(t, Options{Catalog: base}), 120, 40)
	m = press(t, m, "/")
	m = typeText(t, m, "n")
	m = press(t, m, "enter", "j") // tcp (networking), counting: on counting
	if l := m.home().Selected(); l == nil || l.ID != "count" {
		t.Fatalf("on %v, want count", l)
	}
	m.home().SetLessons(read.Catalog.Lessons())
	if s := screen(m); !strings.Contains(s, "“n” 3 lessons") || !strings.Contains(s, "Go notes") {
		t.Errorf("the kept filter n over the new lessons:\n%s", s)
	}
	if l := m.home().Selected(); l == nil || l.ID != "count" {
		t.Errorf("the cursor moved to %v, want count", l)
	}
}

// TestNotesReadingAtEverySize: the status line says the notes are being
// read at every width, naming the folder where it fits.
func TestNotesReadingAtEverySize(t *testing.T) {
	base, _, _ := notesOf(t)
	for _, tt := range []struct {
		w, h int
		want string
	}{
		{120, 40, "2 lessons · reading the notes in ~/notes…"},
		{60, 12, "2 lessons · reading the notes in ~/notes…"},
		{40, 12, "2 lessons · reading notes…"},
		{30, 12, "2 lessons · reading notes…"},
	} {
		m := sized(t, readingApp(t, Options{Catalog: base}), tt.w, tt.h)
		s := screen(m)
		if !strings.Contains(s, tt.want) {
			t.Errorf("%dx%d lacks %q:\n%s", tt.w, tt.h, tt.want, s)
		}
		checkBox(t, "home", m.Render(), tt.w, tt.h)
	}
}
