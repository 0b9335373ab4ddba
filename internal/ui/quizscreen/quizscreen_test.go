package quizscreen

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"tutor/internal/lessons"
	"tutor/internal/quiz"
	"tutor/internal/review"
	"tutor/internal/ui/common"
	"tutor/internal/ui/keys"
	"tutor/internal/ui/screen"
	"tutor/internal/ui/styles"
	"tutor/internal/visual"
)

var epoch = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func keyPress(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	return tea.KeyPressMsg{Code: []rune(s)[0], Text: s}
}

// session is a quiz over one choice item of three choices, and one
// exercise kind whose exercises show a run (withArgs) or not.
func session(t *testing.T, withArgs bool) (*Model, *quiz.Service) {
	t.Helper()
	cat, err := lessons.Load(fstest.MapFS{
		"lessons/l.md": {Data: []byte("---\nid: l\ntitle: L\norder: 1\nvisual: v\nsummary: s\n---\n# L\n\ntext\n")},
		"lessons/l.quiz.yaml": {Data: []byte("- kind: choice\n  question: Which?\n  choices: [alpha, beta, gamma]\n" +
			"  answer: 0\n  explain: Alpha is first.\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	kinds := []visual.ExerciseKind{{ID: "v.echo", Title: "echo", New: func(*rand.Rand) visual.Exercise {
		e := visual.Exercise{Question: "Type 7.", Answer: "7", Check: func(a string) bool { return strings.TrimSpace(a) == "7" }}
		if withArgs {
			e.Args = []string{"--n", "7"}
		}
		return e
	}}}
	svc := &quiz.Service{Sched: review.DefaultScheduler(), Cards: map[string]review.Card{},
		Now: func() time.Time { return epoch }, Rand: rand.New(rand.NewPCG(1, 2)), LogErr: errors.New("no log here")}
	deck := quiz.Deck(cat, "", func(*lessons.Lesson) []visual.ExerciseKind { return kinds })
	c := &common.Common{Width: 80, Height: 24, Styles: styles.New(true, true), Keys: keys.Default()}
	m, _ := New(c, svc, deck, "L")
	return m, svc
}

func press(t *testing.T, m *Model, ks ...string) (*Model, screen.Action) {
	t.Helper()
	var act screen.Action
	for _, k := range ks {
		var s screen.Screen
		s, _, act = m.Update(keyPress(k))
		m = s.(*Model)
	}
	return m, act
}

func view(m *Model) string { return ansi.Strip(m.View()) }

func TestChoiceCursorWrapsAround(t *testing.T) {
	m, _ := session(t, true)
	// Down three times from alpha comes back to alpha; up once is gamma.
	m, _ = press(t, m, "down", "down", "down")
	if s := view(m); !strings.Contains(s, "> 1. alpha") {
		t.Fatalf("down past the last choice:\n%s", s)
	}
	m, _ = press(t, m, "up", "enter")
	if s := view(m); !strings.Contains(s, "✗ 3. gamma") || !strings.Contains(s, "Not quite.") || m.Session().Right != 0 {
		t.Errorf("up from the first choice then enter:\n%s", s)
	}
}

func TestWatchNeedsARun(t *testing.T) {
	for _, withArgs := range []bool{true, false} {
		m, _ := session(t, withArgs)
		m, _ = press(t, m, "1", "enter") // the choice, then the exercise
		m, _ = press(t, m, "7", "enter")
		if s := view(m); !strings.Contains(s, "Right.") {
			t.Fatalf("the exercise answered 7:\n%s", s)
		}
		if got := strings.Contains(view(m), "press v to watch"); got != withArgs {
			t.Errorf("args %v: the screen offers v: %v", withArgs, got)
		}
		_, act := press(t, m, "v")
		want := screen.None
		if withArgs {
			want = screen.Action{Go: screen.ShowRun, Lesson: "l", Args: []string{"--n", "7"}}
		}
		if act.Go != want.Go || act.Lesson != want.Lesson || strings.Join(act.Args, " ") != strings.Join(want.Args, " ") {
			t.Errorf("args %v: v gives %+v, want %+v", withArgs, act, want)
		}
	}
}

func TestSavedMessagesAndTheEnd(t *testing.T) {
	m, _ := session(t, false)
	if s := view(m); !strings.Contains(s, "answers are not being saved: no log here") {
		t.Errorf("a session without a log does not say so:\n%s", s)
	}
	m.Update(SavedMsg{Card: "x"})
	m.Update(SavedMsg{Card: "y", Err: errors.New("disk full")})
	if m.Saved() != 1 || !strings.Contains(view(m), "answers are not being saved: disk full") {
		t.Errorf("saved %d:\n%s", m.Saved(), view(m))
	}
	m, _ = press(t, m, "2", "enter", "7", "enter", "enter")
	if s := view(m); !strings.Contains(s, "Session over.") || !strings.Contains(s, "answered  2") || !strings.Contains(s, "right     1") {
		t.Errorf("the end of the session:\n%s", s)
	}
	if _, act := press(t, m, "enter"); act.Go != screen.Back {
		t.Errorf("enter at the end: %+v", act)
	}
}
