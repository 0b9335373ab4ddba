package quizscreen

import (
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"tutor/content"
	"tutor/internal/lessons"
	"tutor/internal/quiz"
	"tutor/internal/review"
	"tutor/internal/ui/common"
	"tutor/internal/ui/keys"
	"tutor/internal/ui/styles"
	"tutor/internal/visual"
)

var corpus struct {
	once sync.Once
	deck []quiz.Card
	err  error
}

// corpusDeck is the deck of the shipped lessons and the corpus of notes,
// read once for all the tests.
func corpusDeck(t *testing.T) []quiz.Card {
	t.Helper()
	corpus.once.Do(func() {
		scan, err := lessons.ScanNotes(os.DirFS("../../lessons/testdata/notes"), ".", lessons.DefaultNoteExts)
		if err != nil {
			corpus.err = err
			return
		}
		cat, err := lessons.Load(content.Lessons)
		if err != nil {
			corpus.err = err
			return
		}
		cat.Add(scan.Notes...)
		corpus.deck = quiz.Deck(cat, "", func(*lessons.Lesson) []visual.ExerciseKind { return nil })
	})
	if corpus.err != nil {
		t.Fatal(corpus.err)
	}
	return corpus.deck
}

// noteCard starts a session over the one card of the corpus of notes
// (internal/lessons/testdata/notes) whose front ends in suffix, on a
// screen w x h without colour.
func noteCard(t *testing.T, suffix string, w, h int) *Model {
	t.Helper()
	deck := corpusDeck(t)
	var one []quiz.Card
	for _, c := range deck {
		if c.Item != nil && strings.HasSuffix(c.Item.Front, suffix) {
			one = append(one, c)
		}
	}
	if len(one) != 1 {
		t.Fatalf("%d cards end in %q", len(one), suffix)
	}
	deck = one
	svc := &quiz.Service{Sched: review.DefaultScheduler(), Cards: map[string]review.Card{},
		Now: func() time.Time { return epoch }, Rand: rand.New(rand.NewPCG(1, 2))}
	c := &common.Common{Width: w, Height: h, Styles: styles.New(true, true), Keys: keys.Default()}
	m, _ := New(c, svc, deck, "my notes")
	return m
}

// screen is the model's view without escapes, checked to be exactly w x h
// with no line wider than w.
func screenOf(t *testing.T, m *Model) string {
	t.Helper()
	s := ansi.Strip(m.View())
	lines := strings.Split(s, "\n")
	if len(lines) != m.c.Height {
		t.Errorf("%d lines, want %d", len(lines), m.c.Height)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > m.c.Width {
			t.Errorf("a line wider than %d: %q", m.c.Width, l)
		}
	}
	return s
}

// TestGoldenLongCards holds what a learner sees of long cards of their own
// notes at 80x24 and 40x12: the back rendered (code highlighted and not
// wrapped, a table with its <br> kept apart, Chinese lines kept), the
// question above it whatever the scroll, and the back scrolled by the
// usual keys. Regenerate with -update and read every screen.
func TestGoldenLongCards(t *testing.T) {
	cases := []struct {
		name, suffix string
		keys         []string
	}{
		{"code_top", "Q1 Classic 4Sum › Code", []string{"space"}},
		{"code_pgdown", "Q1 Classic 4Sum › Code", []string{"space", "pgdown"}},
		{"code_bottom", "Q1 Classic 4Sum › Code", []string{"space", "G"}},
		{"unfenced", "Q2 Count the quadruplets (4Sum II) › Code", []string{"space"}},
		{"table", "Cache strategies › Writing", []string{"space"}},
		{"cjk", "进程和线程的区别", []string{"space"}},
		{"mixed", "虚拟内存 virtual memory", []string{"space"}},
		{"part", "Everything about B-trees (1/3)", []string{"space", "j", "j"}},
		{"asking", "Q1 Classic 4Sum › Code", nil},
	}
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		for _, tc := range cases {
			name := tc.name + "_" + itoa(size[0]) + "x" + itoa(size[1])
			t.Run(name, func(t *testing.T) {
				m := noteCard(t, tc.suffix, size[0], size[1])
				m, _ = press(t, m, tc.keys...)
				golden.RequireEqual(t, screenOf(t, m))
			})
		}
	}
}

func itoa(n int) string {
	s := ""
	for n > 0 || s == "" {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

// TestLongBackScrolls: the back scrolls with ↓ j, pgdn f, G and back with
// ↑ k, pgup b, g; the question stays on screen all the while, and every
// line of the back is seen on the way down.
func TestLongBackScrolls(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {40, 12}, {20, 6}} {
		m := noteCard(t, "Q1 Classic 4Sum › Code", size[0], size[1])
		m, _ = press(t, m, "space")
		top := screenOf(t, m)
		seen := map[string]bool{}
		for range 60 {
			s := screenOf(t, m)
			if size[1] > 6 && !strings.Contains(s, "› Code") {
				t.Fatalf("%dx%d: the question scrolled off:\n%s", size[0], size[1], s)
			}
			for _, l := range strings.Split(s, "\n") {
				// At 20 columns the line is cut: "return …".
				seen[strings.TrimSpace(l)] = true
				if strings.HasPrefix(strings.TrimSpace(l), "return r") || strings.TrimSpace(l) == "return …" {
					seen["return res"] = true
				}
			}
			m, _ = press(t, m, "j")
		}
		if !seen["return res"] {
			t.Errorf("%dx%d: the last line of the code never showed", size[0], size[1])
		}
		bottom := screenOf(t, m)
		if bottom == top {
			t.Errorf("%dx%d: j does not scroll", size[0], size[1])
		}
		for _, k := range [][]string{{"g"}, {"k"}, {"b"}, {"pgup"}, {"up"}} {
			m, _ = press(t, m, "G")
			m, _ = press(t, m, k...)
			if screenOf(t, m) == bottom {
				t.Errorf("%dx%d: %v does not scroll back", size[0], size[1], k)
			}
		}
		m, _ = press(t, m, "g")
		if screenOf(t, m) != top {
			t.Errorf("%dx%d: g is not the top again", size[0], size[1])
		}
		for _, k := range []string{"f", "pgdown", "down", "G"} {
			m, _ = press(t, m, "g", k)
			if screenOf(t, m) == top {
				t.Errorf("%dx%d: %s does not scroll", size[0], size[1], k)
			}
		}
		// A grade still grades: the session moves on.
		m, _ = press(t, m, "3")
		if m.Session().Answers != 1 {
			t.Errorf("%dx%d: 3 did not grade the card", size[0], size[1])
		}
	}
}

// TestQuizHeaderAndFooterFit: at every size from 20x6 up, the header and
// the footer fit without a cut (or end in …), and the footer ends with
// ? help.
func TestQuizHeaderAndFooterFit(t *testing.T) {
	for _, w := range []int{20, 30, 40, 60, 80, 120} {
		for _, keys := range [][]string{nil, {"space"}} {
			m := noteCard(t, "Q2 Count the quadruplets (4Sum II) › Code", w, 12)
			m, _ = press(t, m, keys...)
			lines := strings.Split(screenOf(t, m), "\n")
			head, foot := strings.TrimRight(lines[0], " "), strings.TrimRight(lines[len(lines)-1], " ")
			if !strings.HasSuffix(foot, "? help") {
				t.Errorf("%d cols %v: the footer %q has no ? help", w, keys, foot)
			}
			if !strings.HasSuffix(head, " · my notes") && !strings.HasSuffix(head, "…") {
				t.Errorf("%d cols: the header %q is cut without …", w, head)
			}
			if !strings.Contains(head, "1/1") && !strings.Contains(head, "card 1 of 1") {
				t.Errorf("%d cols: the header %q lost the card count", w, head)
			}
		}
	}
}

// TestResizeAfterScrolling: scrolled to the end on a short screen, the
// back shows whole on a tall one, from its first line.
func TestResizeAfterScrolling(t *testing.T) {
	m := noteCard(t, "Q1 Classic 4Sum › Code", 40, 12)
	m, _ = press(t, m, "space", "G")
	m.c.Width, m.c.Height = 160, 48
	m.Resize()
	s := screenOf(t, m)
	if !strings.Contains(s, "def fourSum(nums, target):") || !strings.Contains(s, "return res") || strings.Contains(s, "lines ") {
		t.Errorf("the whole back does not show at 160x48:\n%s", s)
	}
}

// TestQuizFileItemsArePlain: a quiz file's recall item is plain text, not
// markdown: a back that starts "08." stays 08, not a list item numbered 8.
func TestQuizFileItemsArePlain(t *testing.T) {
	svc := &quiz.Service{Sched: review.DefaultScheduler(), Cards: map[string]review.Card{},
		Now: func() time.Time { return epoch }, Rand: rand.New(rand.NewPCG(1, 2))}
	it := &lessons.Item{Kind: lessons.Recall, Front: "The tag of field 1, varint?", Back: "08. The tag is (1 << 3) | 0 = 8, *not* a list.", ID: "l/1", Lesson: "l"}
	c := &common.Common{Width: 80, Height: 24, Styles: styles.New(true, true), Keys: keys.Default()}
	m, _ := New(c, svc, []quiz.Card{{ID: it.ID, Lesson: "l", Item: it}}, "L")
	m, _ = press(t, m, "space")
	if s := screenOf(t, m); !strings.Contains(s, " 08. The tag is (1 << 3) | 0 = 8, *not* a list.") {
		t.Errorf("the back is not as written:\n%s", s)
	}
}
