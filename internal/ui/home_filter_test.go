package ui

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"tutor/internal/lessons"
	"tutor/internal/quiz"
	"tutor/internal/review"
	"tutor/internal/ui/home"
)

func filterQuiz() *quiz.Service {
	return &quiz.Service{Sched: review.DefaultScheduler(), Cards: map[string]review.Card{}, Now: func() time.Time { return epoch }, Rand: rand.New(rand.NewPCG(1, 1))}
}

// TestHomeFilterTakesEveryLetter: in the filter box, the words that used
// to fire commands are typed: "credits" (c starts a quiz), "quit" (q
// quits), "jkgG" (moves).
func TestHomeFilterTakesEveryLetter(t *testing.T) {
	for _, word := range []string{"credits", "quit", "jkgG", "stats"} {
		m := sized(t, newApp(t, Options{Quiz: filterQuiz()}), 80, 24)
		m = typeText(t, press(t, m, "/"), word)
		if m.State() != HomeScreen {
			t.Fatalf("typing %q in the filter left home for %v", word, m.State())
		}
		if got := m.home().Filter(); got != word {
			t.Errorf("typing %q in the filter gave %q", word, got)
		}
		if s := screen(m); !strings.Contains(s, "“"+word+"” 0 lessons") {
			t.Errorf("typing %q:\n%s", word, s)
		}
	}
}

// TestHomeLettersOutsideTheFilterAreCommands: outside the box a letter
// never starts a filter: c quizzes, s shows the stats, j moves, and a
// letter no key takes says how to filter.
func TestHomeLettersOutsideTheFilterAreCommands(t *testing.T) {
	m := sized(t, newApp(t, Options{Quiz: filterQuiz()}), 80, 24)
	m = press(t, m, "x")
	if s := screen(m); !strings.Contains(s, home.FilterHint) || m.home().Filter() != "" || m.capturing() {
		t.Fatalf("x on home:\n%s", s)
	}
	m = press(t, m, "j")
	if s := screen(m); strings.Contains(s, home.FilterHint) || !strings.Contains(s, "┃ Counting lesson") {
		t.Errorf("j after x:\n%s", s)
	}
	if m2 := press(t, m, "c"); m2.State() != QuizScreen {
		t.Errorf("c on home: %v", m2.State())
	}
}

// TestHomeSlashStartsAFreshFilter: / with a filter kept starts a new one
// rather than appending to it ("gpu", then /ipv gave "gpuipv": no lesson).
func TestHomeSlashStartsAFreshFilter(t *testing.T) {
	m := sized(t, newApp(t, Options{}), 80, 24)
	m = typeText(t, press(t, m, "/"), "tcp")
	m = press(t, m, "enter")
	m = typeText(t, press(t, m, "/"), "count")
	if got := m.home().Filter(); got != "count" {
		t.Fatalf("/ after a kept filter gave %q, want count", got)
	}
	m = press(t, m, "enter", "enter")
	if m.State() != LessonScreen || m.Lesson().Lesson().ID != "count" {
		t.Fatalf("enter opened %v", m.Lesson())
	}
}

// TestHomeEnterOnNoMatchKeepsTheBox: enter with no lesson matching keeps
// the box and its text; before, the filter was dropped and the next enter
// opened the first lesson, which nobody asked for.
func TestHomeEnterOnNoMatchKeepsTheBox(t *testing.T) {
	m := sized(t, newApp(t, Options{}), 80, 24)
	m = typeText(t, press(t, m, "/"), "zzz")
	m = press(t, m, "enter", "enter")
	if m.State() != HomeScreen || !m.capturing() || m.home().Filter() != "zzz" {
		t.Fatalf("enter on no match: state %v capturing %v filter %q", m.State(), m.capturing(), m.home().Filter())
	}
	m = press(t, m, "backspace", "backspace", "backspace")
	m = typeText(t, m, "tcp")
	m = press(t, m, "enter", "enter")
	if m.State() != LessonScreen || m.Lesson().Lesson().ID != "tcp" {
		t.Fatalf("after fixing the filter: %v", m.State())
	}
}

// TestHomeEscInTheBoxDropsTheFilter: esc in the box drops what was typed
// and the list shows every lesson again.
func TestHomeEscInTheBoxDropsTheFilter(t *testing.T) {
	m := sized(t, newApp(t, Options{}), 80, 24)
	m = typeText(t, press(t, m, "/"), "tcp")
	m = press(t, m, "esc")
	if s := screen(m); m.capturing() || m.home().Filter() != "" || !strings.Contains(s, "Counting lesson") || m.State() != HomeScreen {
		t.Fatalf("esc in the box:\n%s", s)
	}
}

// TestHomePagesOfAManyLessonList: a list of more pages than the screen
// has columns counts them ("page 1 of 700"), where the dots would be cut;
// a short list has its dots; the count follows the page.
func TestHomePagesOfAManyLessonList(t *testing.T) {
	many := fixture(t)
	fsys := fstest.MapFS{}
	for i := range 400 {
		fsys[fmt.Sprintf("n%03d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("# Note %d\n\ntext\n", i))}
	}
	notes, _, err := lessons.LoadNotes(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	many.Add(notes...)
	m := sized(t, newApp(t, Options{Catalog: many}), 80, 24)
	lines := strings.Split(screen(m), "\n")
	pages := strings.TrimSpace(lines[len(lines)-2])
	if !regexp.MustCompile(`^page 1 of \d{3}$`).MatchString(pages) {
		t.Errorf("the pages line of 402 lessons at 80 columns: %q", pages)
	}
	m = press(t, m, "right")
	if lines := strings.Split(screen(m), "\n"); !strings.HasPrefix(strings.TrimSpace(lines[len(lines)-2]), "page 2 of ") {
		t.Errorf("after → : %q", lines[len(lines)-2])
	}
	m = sized(t, newApp(t, Options{}), 80, 12)
	lines = strings.Split(screen(m), "\n")
	if dots := strings.TrimSpace(lines[len(lines)-2]); dots != "••" {
		t.Errorf("two pages: %q, want two dots", dots)
	}
}
