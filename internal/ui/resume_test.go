package ui

import (
	"errors"
	"math/rand/v2"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"tutor/internal/quiz"
	"tutor/internal/resume"
	"tutor/internal/review"
	"tutor/internal/ui/lesson"
	scr "tutor/internal/ui/screen"
)

// saver records what the app saves.
type saver struct {
	mu    sync.Mutex
	saved []map[string]resume.Place
}

func (s *saver) save(p map[string]resume.Place) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.saved = append(s.saved, p)
	return nil
}

func (s *saver) last() map[string]resume.Place {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.saved) == 0 {
		return nil
	}
	return s.saved[len(s.saved)-1]
}

func resumeQuiz() *quiz.Service {
	return &quiz.Service{Sched: review.DefaultScheduler(), Cards: map[string]review.Card{}, Now: func() time.Time { return epoch }, Rand: rand.New(rand.NewPCG(1, 1)), LogErr: errors.New("off")}
}

// TestResumeSavesWhereTheLessonWasLeft: esc from a lesson saves its place
// (note scroll, input, step, focused pane, source pane) and home offers it
// first; a new app opened on those places puts the lesson back there.
func TestResumeSavesWhereTheLessonWasLeft(t *testing.T) {
	var sv saver
	m := sized(t, newApp(t, Options{Quiz: resumeQuiz(), SaveResume: sv.save}), 120, 40)
	m = press(t, m, "j", "enter") // the counting lesson
	m = press(t, m, "l", "l", "l", "f", "f", "tab", "s")
	lm := m.Lesson()
	if lm.Stepper().Frame() != 3 || lm.NoteOffset() == 0 || lm.Focus() != lesson.VisualPane {
		t.Fatalf("before leaving: frame %d offset %d focus %v", lm.Stepper().Frame(), lm.NoteOffset(), lm.Focus())
	}
	offset, lines := lm.NoteOffset(), lm.NoteLines()
	m = press(t, m, "esc")
	p, ok := sv.last()["count"]
	if !ok {
		t.Fatalf("esc saved %v", sv.saved)
	}
	if p.Step != 3 || p.Steps != 6 || p.Pane != resume.Visual || p.Source || strings.Join(p.Args, " ") != "--n 5" || !p.At.Equal(epoch) {
		t.Errorf("saved %+v", p)
	}
	if want := float64(offset) / float64(lines); p.Note != want {
		t.Errorf("note at %v, want %v", p.Note, want)
	}
	s := screen(m)
	if !strings.Contains(s, "┃ ▶ continue Counting lesson at step 4/6") || !strings.Contains(s, "left just now · enter continues") {
		t.Fatalf("home after the lesson:\n%s", s)
	}
	if !strings.Contains(s, "studied just now  #loops") {
		t.Errorf("the lesson left is not studied just now:\n%s", s)
	}

	// A restart: the places come back from the file.
	for _, open := range []bool{false, true} {
		opts := Options{Quiz: resumeQuiz(), Resume: map[string]resume.Place{"count": p}}
		if open {
			opts.Open = "count" // tutor open count
		}
		m2 := sized(t, newApp(t, opts), 120, 40)
		if !open {
			if s := screen(m2); !strings.Contains(s, "▶ continue Counting lesson at step 4/6") {
				t.Fatalf("home after a restart:\n%s", s)
			}
			m2 = press(t, m2, "enter")
		}
		l2 := m2.Lesson()
		if l2 == nil || l2.Stepper().Frame() != 3 || l2.Focus() != lesson.VisualPane || l2.NoteOffset() != offset {
			t.Fatalf("open %v: frame %d focus %v offset %d, want 3 visual %d", open, l2.Stepper().Frame(), l2.Focus(), l2.NoteOffset(), offset)
		}
		if s := screen(m2); !strings.Contains(s, "step 4/6") || strings.Contains(s, "Source ·") {
			t.Errorf("open %v, the lesson resumed:\n%s", open, s)
		}
	}
}

// TestResumeAtQuit: Places holds the lesson on screen where it is, for the
// save at exit, and nothing when no lesson was opened.
func TestResumeAtQuit(t *testing.T) {
	m := sized(t, newApp(t, Options{Quiz: resumeQuiz()}), 120, 40)
	if p := m.Places(); len(p) != 0 {
		t.Errorf("no lesson opened, places %v", p)
	}
	m = press(t, newApp(t, Options{Quiz: resumeQuiz(), Open: "count"}), "l", "l")
	m = sized(t, m, 120, 40)
	if p := m.Places()["count"]; p.Step != 2 || p.Pane != resume.Note || !p.Source {
		t.Errorf("places at quit: %+v", p)
	}
}

// TestResumeClampsAndIgnoresWhatDoesNotFit: a step past the run lands on
// its last step, an input the visual refuses falls back to the default
// input with the reason, a focused source pane that is hidden is the note.
func TestResumeClampsAndIgnoresWhatDoesNotFit(t *testing.T) {
	p := resume.Place{Args: []string{"--n", "2"}, Step: 40, Steps: 50, Pane: resume.Source, Source: false, At: epoch}
	m := sized(t, newApp(t, Options{Quiz: resumeQuiz(), Open: "count", Resume: map[string]resume.Place{"count": p}}), 120, 40)
	if l := m.Lesson(); l.Stepper().Frame() != 2 || l.Focus() != lesson.NotePane {
		t.Errorf("frame %d focus %v, want the last frame 2 and the note", l.Stepper().Frame(), l.Focus())
	}
	p.Args = []string{"--n", "1000"}
	m = sized(t, newApp(t, Options{Quiz: resumeQuiz(), Open: "count", Resume: map[string]resume.Place{"count": p}}), 120, 40)
	if l := m.Lesson(); l.Stepper().Frame() != 5 || !strings.Contains(l.Stepper().Err(), "--n 1000") {
		t.Errorf("a refused input: frame %d err %q", l.Stepper().Frame(), l.Stepper().Err())
	}
	// A place for a lesson the catalog no longer has is not offered.
	m = sized(t, newApp(t, Options{Quiz: resumeQuiz(), Resume: map[string]resume.Place{"gone": p}}), 120, 40)
	if s := screen(m); strings.Contains(s, "continue") {
		t.Errorf("a removed lesson is offered:\n%s", s)
	}
}

// TestResumeIgnoresAShownRun: a lesson opened to show an exercise's run
// (v after an answer) neither starts at the place nor moves it.
func TestResumeIgnoresAShownRun(t *testing.T) {
	var sv saver
	p := resume.Place{Args: []string{"--n", "5"}, Step: 4, Steps: 6, Pane: resume.Visual, Source: true, At: epoch.Add(-time.Hour)}
	m := sized(t, newApp(t, Options{Quiz: resumeQuiz(), SaveResume: sv.save, Resume: map[string]resume.Place{"count": p}}), 120, 40)
	cmd := m.navigate(scr.Action{Go: scr.ShowRun, Lesson: "count", Args: []string{"--n", "3"}})
	m = sized(t, runCmd(t, m, cmd, 0), 120, 40)
	if l := m.Lesson(); l == nil || l.Stepper().Frame() != 0 || len(l.Stepper().Args()) != 2 || l.Stepper().Args()[1] != "3" {
		t.Fatalf("the shown run: %v", l)
	}
	m = press(t, m, "l", "esc")
	if got := m.Places(); len(got) != 0 || len(sv.saved) != 0 {
		t.Errorf("a shown run moved the place: %v %v", got, sv.saved)
	}
}

// TestResumeWithoutSaving: with nowhere to save (no state folder), the
// lesson left is still offered first while the app runs.
func TestResumeWithoutSaving(t *testing.T) {
	m := sized(t, newApp(t, Options{Quiz: resumeQuiz(), Open: "count"}), 120, 40)
	m = press(t, m, "l", "esc")
	if s := screen(m); !strings.Contains(s, "▶ continue Counting lesson at step 2/6") {
		t.Errorf("home without saving:\n%s", s)
	}
}

// TestResumeNotForPredict: tutor quiz --predict starts the run at its
// first step whatever the place, and does not move it.
func TestResumeNotForPredict(t *testing.T) {
	p := resume.Place{Args: []string{"--n", "5"}, Step: 4, Steps: 6, Pane: resume.Visual, Source: true, At: epoch}
	m := sized(t, newApp(t, Options{Quiz: resumeQuiz(), Open: "count", Predict: true, Resume: map[string]resume.Place{"count": p}}), 120, 40)
	if l := m.Lesson(); l.Stepper().Frame() != 0 {
		t.Errorf("predict started at frame %d", l.Stepper().Frame())
	}
	if got := m.Places(); len(got) != 0 {
		t.Errorf("predict moved the place: %v", got)
	}
}

// TestResumeSaysThePercentTheTitleSaid: the continue line says the note
// is where the note's title said it was when the lesson was left, at its
// end too (the title's 100%, where the first line on screen is not the
// last of the note), and after a restart from the saved places.
func TestResumeSaysThePercentTheTitleSaid(t *testing.T) {
	titleRE := regexp.MustCompile(`Note · (\d+)%`)
	for _, keys := range [][]string{{"G"}, {"f", "f", "f"}, {"j"}} {
		var sv saver
		m := sized(t, newApp(t, Options{Quiz: resumeQuiz(), SaveResume: sv.save}), 100, 30)
		m = press(t, m, "enter") // TCP basics, a note alone
		m = press(t, m, keys...)
		got := titleRE.FindStringSubmatch(screen(m))
		if got == nil {
			t.Fatalf("no note title:\n%s", screen(m))
		}
		m = press(t, m, "esc")
		want := "at " + got[1] + "% of the note"
		if s := screen(m); !strings.Contains(s, want) {
			t.Errorf("%v: the title said %s%%; home:\n%s", keys, got[1], s)
		}
		m2 := sized(t, newApp(t, Options{Quiz: resumeQuiz(), Resume: sv.last()}), 100, 30)
		if s := screen(m2); !strings.Contains(s, want) {
			t.Errorf("%v: after a restart, home lacks %q:\n%s", keys, want, s)
		}
	}
}
