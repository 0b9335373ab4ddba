package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"tutor/content"
	"tutor/internal/lessons"
	"tutor/internal/review"
)

// tmuxSession drives the real binary in a tmux server of its own, the way
// a person does: keys in, screen text out.
type tmuxSession struct {
	t      *testing.T
	socket string
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "tutor")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func startTmux(t *testing.T, w, h int, command ...string) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: the end-to-end run of the real binary is skipped")
	}
	s := &tmuxSession{t: t, socket: filepath.Join(t.TempDir(), "tmux.sock")}
	args := []string{"new-session", "-d", "-s", "e2e", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "env", "TERM=xterm-256color", "NO_COLOR=1"}
	s.tmux(append(args, command...)...)
	t.Cleanup(func() { exec.Command("tmux", "-S", s.socket, "kill-server").Run() })
	return s
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %q: %v\n%s", args, err, out)
	}
	return string(out)
}

func (s *tmuxSession) screen() string { return s.tmux("capture-pane", "-p", "-t", "e2e") }

// keys sends keys one at a time with a pause, as a person types: escape
// followed at once by a letter would read as alt+letter.
func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		s.tmux("send-keys", "-t", "e2e", k)
		time.Sleep(60 * time.Millisecond)
	}
}

func (s *tmuxSession) text(text string) {
	s.t.Helper()
	s.tmux("send-keys", "-t", "e2e", "-l", text)
	time.Sleep(60 * time.Millisecond)
}

// waitFor waits until the screen matches re and returns the screen.
func (s *tmuxSession) waitFor(re string) string {
	s.t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(20 * time.Second)
	var screen string
	for time.Now().Before(deadline) {
		screen = s.screen()
		if rx.MatchString(screen) {
			return screen
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("the screen never showed %q; it shows:\n%s", re, screen)
	return ""
}

func (s *tmuxSession) waitExit() {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if exec.Command("tmux", "-S", s.socket, "has-session", "-t", "e2e").Run() != nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("the app did not quit; the screen shows:\n%s", s.screen())
}

func TestEndToEndLessonInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end run skipped in -short mode")
	}
	bin := buildBinary(t)
	s := startTmux(t, 120, 40, bin, "--state", t.TempDir())
	s.waitFor(`tutor · lessons`)
	// Filter, accept the filter, open the lesson.
	s.keys("/")
	s.text("redis")
	s.waitFor(`Redis: encodings`)
	s.keys("Enter", "Enter")
	s.waitFor(`Note · 0%`)
	screen := s.screen()
	if !strings.Contains(screen, "no live visualization for this lesson") {
		t.Errorf("the Redis lesson should say it has no visual:\n%s", screen)
	}
	// Scroll: a page down moves the note, G reaches the end.
	s.keys("f", "f")
	s.waitFor(`Note · [1-9][0-9]?%`)
	s.keys("G")
	s.waitFor(`Note · 100%`)
	s.waitFor(`Sources`)
	// Resize narrow: the note stays near the end.
	s.tmux("resize-window", "-t", "e2e", "-x", "60", "-y", "20")
	s.waitFor(`Note · (9[0-9]|100)%`)
	// Help, then back.
	s.keys("?")
	s.waitFor(`Keys · lesson`)
	s.keys("Escape")
	s.waitFor(`Note · `)
	// A lesson with a visual: tab moves through the panes, s hides source.
	s.keys("Escape")
	s.waitFor(`tutor · lessons`)
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		t.Fatal(err)
	}
	var withVisual *lessons.Lesson
	for _, l := range cat.Lessons() {
		if l.Visual != "" {
			withVisual = l
			break
		}
	}
	if withVisual != nil {
		s.keys("Escape") // clear the "redis" filter: the status shows all lessons
		s.waitFor(fmt.Sprintf(`(?m)^ %d lessons`, len(cat.Lessons())))
		s.keys("/")
		s.text(withVisual.ID)
		s.keys("Enter", "Enter")
		s.waitFor(`\[note\] · visual step [0-9]+/[0-9]+ · source`)
		s.keys("Tab")
		s.waitFor(`note · \[visual\] · source`)
		s.waitFor(`step 1/`)
		s.keys("l")
		s.waitFor(`step 2/`)
		s.keys("Tab")
		s.waitFor(`\[source\]`)
		s.waitFor(`▶ +[0-9]+ `) // the running line is marked
		s.keys("s")
		s.waitFor(`note · \[visual\]  \(tab\)`)
		s.tmux("resize-window", "-t", "e2e", "-x", "140", "-y", "40")
		s.keys("s")
		s.waitFor(`Source · solutions/`)
	}
	s.keys("q")
	s.waitExit()
}

func TestEndToEndQuizInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end run skipped in -short mode")
	}
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		t.Fatal(err)
	}
	// A lesson without a visual: its cards are all written, so the test
	// knows every answer (a generated exercise's it does not).
	var l *lessons.Lesson
	for _, x := range cat.Lessons() {
		if x.Visual == "" && len(x.Items) >= 4 {
			l = x
			break
		}
	}
	var opts []string
	if l == nil {
		// Every lesson has a visual: quiz a note of the learner's own, whose
		// cards are recall cards made from its headings.
		notes := t.TempDir()
		note := "# E2E\n\nintro\n\n## One\n\nfirst\n\n## Two\n\nsecond\n\n## Three\n\nthird\n\n## Four\n\nfourth\n"
		if err := os.WriteFile(filepath.Join(notes, "e2e.md"), []byte(note), 0o600); err != nil {
			t.Fatal(err)
		}
		got, _, err := lessons.LoadNotes(os.DirFS(notes), ".")
		if err != nil || len(got) != 1 {
			t.Fatalf("the note: %v %v", got, err)
		}
		cat.Add(got...) // which gives the cards their ids
		l, opts = got[0], []string{"--notes", notes}
	}
	bin := buildBinary(t)
	state := t.TempDir()
	s := startTmux(t, 100, 30, append(append([]string{bin}, opts...), "--state", state, "quiz", l.ID, "--max", "3")...)
	// A session of three new cards: fail the first, answer the other two
	// right; the failed card comes back before the session ends.
	var want []string
	var first *lessons.Item
	for i := range 4 {
		screen := s.waitFor(fmt.Sprintf(`card %d of [0-9]+`, i+1))
		it := onScreen(t, l, screen)
		fail := i == 0
		if i == 0 {
			first = it
		}
		if i == 3 && it != first {
			t.Fatalf("the failed card does not come back; the screen shows:\n%s", screen)
		}
		grade := "Good"
		if fail {
			grade = "Again"
		}
		switch it.Kind {
		case lessons.Recall:
			s.keys("Space")
			s.waitFor(`1.again`)
			if fail {
				s.keys("1")
			} else {
				s.keys("3")
			}
		case lessons.Choice:
			right, wrong := choiceKeys(t, it, screen)
			if fail {
				s.keys(wrong)
				s.waitFor(`Not quite\.`)
			} else {
				s.keys(right)
				s.waitFor(`Right\.`)
			}
			s.keys("Enter")
		}
		want = append(want, it.ID+" "+grade)
	}
	// Esc in the middle shows the summary; esc again leaves.
	s.waitFor(`card 5 of`)
	s.keys("Escape")
	screen := s.waitFor(`Session ended early\.`)
	for _, line := range []string{"cards     3 seen, 4 answers", "right     3", "again     1", "next due  in", "enter/esc leave the quiz"} {
		if !strings.Contains(screen, line) {
			t.Errorf("the summary lacks %q:\n%s", line, screen)
		}
	}
	s.keys("Escape")
	s.waitFor(`tutor · lessons`)
	s.keys("q")
	s.waitExit()
	recs, warnings, err := review.ReadLog(state)
	if err != nil || len(warnings) != 0 {
		t.Fatalf("log: %v %v", err, warnings)
	}
	var got []string
	for _, r := range recs {
		got = append(got, r.Card+" "+r.Grade.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the log holds\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A second session does not ask the answered cards again today, and
	// takes the new cards today has room for (20 a day, 3 used).
	s2 := startTmux(t, 100, 30, append(append([]string{bin}, opts...), "--state", state, "quiz", l.ID)...)
	s2.waitFor(fmt.Sprintf(`card 1 of %d`, min(len(l.Items)-3, 20-3)))
	if _, err := os.Stat(filepath.Join(state, review.LogName)); err != nil {
		t.Error(err)
	}
}

// onScreen is the item of l whose prompt the screen shows.
func onScreen(t *testing.T, l *lessons.Lesson, screen string) *lessons.Item {
	t.Helper()
	flat := strings.Join(strings.Fields(screen), " ")
	var found *lessons.Item
	best := 0
	for i := range l.Items {
		it := &l.Items[i]
		prompt := it.Front
		if it.Kind == lessons.Choice {
			prompt = it.Question
		}
		p := strings.Join(strings.Fields(prompt), " ")
		if len(p) > 60 {
			p = p[:60]
		}
		if strings.Contains(flat, p) && len(p) > best {
			found, best = it, len(p)
		}
	}
	if found == nil {
		t.Fatalf("no item of %s on the screen:\n%s", l.ID, screen)
	}
	return found
}

// choiceKeys are the digits of the right choice and of a wrong one, read
// from the screen where the shuffle put them.
func choiceKeys(t *testing.T, it *lessons.Item, screen string) (right, wrong string) {
	t.Helper()
	for i, ch := range it.Choices {
		p := strings.Fields(ch)
		if len(p) > 3 {
			p = p[:3]
		}
		m := regexp.MustCompile(`([0-9])\. ` + regexp.QuoteMeta(strings.Join(p, " "))).FindStringSubmatch(screen)
		if m == nil {
			t.Fatalf("choice %q is not on the screen:\n%s", ch, screen)
		}
		if i == it.Answer {
			right = m[1]
		} else if wrong == "" {
			wrong = m[1]
		}
	}
	return right, wrong
}
