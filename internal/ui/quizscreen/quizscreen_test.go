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
	"tutor/internal/ui/uitest"
	"tutor/internal/visual"
)

var epoch = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

func keyPress(s string) tea.KeyPressMsg { return uitest.Key(s) }

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
	choices := []string{"alpha", "beta", "gamma"}
	order := m.Session().Order()
	// Down three times from the first choice shown comes back to it; up
	// once is the last one shown.
	m, _ = press(t, m, "down", "down", "down")
	if s := view(m); !strings.Contains(s, "> 1. "+choices[order[0]]) {
		t.Fatalf("down past the last choice:\n%s", s)
	}
	m, _ = press(t, m, "up", "enter")
	mark, verdict, right := "✗ 3. ", "Not quite.", 0
	if order[2] == 0 { // alpha is the answer
		mark, verdict, right = "✓ 3. ", "Right.", 1
	}
	if s := view(m); !strings.Contains(s, mark+choices[order[2]]) || !strings.Contains(s, verdict) || m.Session().Right != right {
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
	// The right choice, then the exercise, then each again when it comes
	// back from its learning step: four answers, all right.
	for range 2 {
		m, _ = press(t, m, rightDigit(m), "enter", "7", "enter", "enter")
	}
	if s := view(m); !strings.Contains(s, "Session over.") || !strings.Contains(s, "cards     2 seen, 4 answers") || !strings.Contains(s, "right     4") || !strings.Contains(s, "enter/esc leave the quiz") {
		t.Errorf("the end of the session:\n%s", s)
	}
	if _, act := press(t, m, "enter"); act.Go != screen.Back {
		t.Errorf("enter at the end: %+v", act)
	}
}
