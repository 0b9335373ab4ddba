package ui

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"tutor/content"
	"tutor/internal/lessons"
	"tutor/internal/quiz"
	"tutor/internal/review"
)

// runProgram runs m as a real Bubble Tea program of size w x h, sends
// keys, waits until the output shows want, quits, and returns the final
// screen without escape sequences.
func runProgram(t *testing.T, m Model, w, h int, want string, keys ...string) string {
	t.Helper()
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	for _, k := range keys {
		tm.Send(keyPress(k))
	}
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte(want))
	}, teatest.WithDuration(20*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	tm.Send(tea.QuitMsg{})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
	screen := ansi.Strip(final.Render())
	if got := strings.Count(screen, "\n") + 1; got != h {
		t.Errorf("screen has %d lines, want %d", got, h)
	}
	return screen
}

func realCatalog(t *testing.T) *lessons.Catalog {
	t.Helper()
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestGoldenScreens keeps the home list and the MVCC lesson, as a person
// sees them at 80x24 and 140x45, from regressing. Regenerate with
// go test ./internal/ui -run TestGoldenScreens -update, and read the diff.
func TestGoldenScreens(t *testing.T) {
	cat := realCatalog(t)
	for _, sz := range [][2]int{{80, 24}, {140, 45}} {
		w, h := sz[0], sz[1]
		name := func(s string) string { return s + "_" + itoa(w) + "x" + itoa(h) }
		t.Run(name("home"), func(t *testing.T) {
			m := New(Options{Catalog: cat, Plain: true})
			golden.RequireEqual(t, runProgram(t, m, w, h, "lessons"))
		})
		t.Run(name("mvcc"), func(t *testing.T) {
			m := New(Options{Catalog: cat, Plain: true, Open: "mvcc"})
			golden.RequireEqual(t, runProgram(t, m, w, h, "Multi-version"))
		})
	}
}

func itoa(n int) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// TestGoldenQuizCards keeps one screen of each card kind: recall revealed
// with its grade buttons, choice answered, and a generated exercise
// answered wrong.
func TestGoldenQuizCards(t *testing.T) {
	q := func() *quiz.Service {
		return &quiz.Service{
			LogErr: nil, Sched: review.DefaultScheduler(), Cards: map[string]review.Card{},
			Now: func() time.Time { return epoch }, Rand: rand.New(rand.NewPCG(5, 6)),
		}
	}
	cases := []struct {
		name, lesson, want string
		keys               []string
	}{
		{"recall", "tcp", "easy", []string{"space"}},
		{"choice", "tcp", "closes first", []string{"space", "3", "3"}},
		{"exercise", "count", "watch", []string{"space", "3", "4", "2", "enter"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newApp(t, Options{Quiz: q(), StartQuiz: true, QuizLesson: tc.lesson, Plain: true})
			golden.RequireEqual(t, runProgram(t, m, 72, 22, tc.want, tc.keys...))
		})
	}
}
