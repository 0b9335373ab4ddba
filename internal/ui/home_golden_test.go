package ui

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"tutor/internal/lessons"
	"tutor/internal/quiz"
	"tutor/internal/resume"
	"tutor/internal/review"
	"tutor/internal/visual"
)

// TestGoldenHomeProgress keeps the lesson list of a learner some weeks in:
// the lesson left last offered first, and each lesson's cards learned, due
// and new and when it was last studied, at 80x24 and 160x48. Regenerate
// with go test ./internal/ui -run TestGoldenHomeProgress -update.
func TestGoldenHomeProgress(t *testing.T) {
	cat := progressCatalog(t)
	for _, sz := range [][2]int{{80, 24}, {160, 48}} {
		w, h := sz[0], sz[1]
		t.Run(itoa(w)+"x"+itoa(h), func(t *testing.T) {
			opts := progressOptions(cat)
			// No visual is found by these names: the lessons have no
			// exercise cards, and the counts are the files' alone.
			opts.Catalog, opts.Plain, opts.Visuals = cat, true, []visual.Visual{counter}
			golden.RequireEqual(t, runProgram(t, New(opts), w, h, "continue"))
		})
	}
}

// progressCatalog is six lessons like the real ones, with cards of their
// own, so that an edit of the real lessons does not change the goldens.
func progressCatalog(t *testing.T) *lessons.Catalog {
	t.Helper()
	fsys := fstest.MapFS{}
	for i, l := range []struct{ id, title, visual, summary, tags string }{
		{"wire", "Serialization, framing and checksums", "wire", "How values in memory become bytes that another process can read back, and how JSON, gob and protobuf do it.", "serialization, encoding, storage"},
		{"kvstore", "Persistent key-value store", "kvstore", "Design a byte format for a key-value store, save it in chunks with a metadata record, and read it back without trusting a single length.", "serialization, storage, coding, utf-8"},
		{"tcp", "TCP: byte streams, handshakes and windows", "tcp", "What TCP promises and what it does not, its connection states, TIME-WAIT, flow and congestion control, retransmission.", "networking, tcp, transport"},
		{"ipv4", "Iterating IPv4 addresses and CIDR blocks", "ipv4", "Walk IPv4 addresses forward and backward, and turn a.b.c.d/p into its first and last address with a mask.", "networking, ipv4, cidr"},
		{"mvcc", "MVCC: row versions, read views and next-key locks", "mvcc", "How InnoDB and PostgreSQL let readers and writers run side by side, and what each isolation level really promises.", "databases, mvcc, isolation"},
		{"redis", "Redis: encodings, the event loop, persistence, scaling and caching", "", "What Redis does inside one process and across many, and how to use it as a cache and a lock.", "redis, caching"},
	} {
		front := fmt.Sprintf("---\nid: %s\ntitle: %q\ntags: [%s]\norder: %d\nvisual: %s\nsummary: %q\n---\n# %s\n", l.id, l.title, l.tags, i+1, l.visual, l.summary, l.title)
		fsys["lessons/"+l.id+".md"] = &fstest.MapFile{Data: []byte(front)}
		var quiz strings.Builder
		for j := range 12 + 3*i {
			fmt.Fprintf(&quiz, "- kind: recall\n  front: Question %d of %s?\n  back: Answer %d.\n", j, l.id, j)
		}
		fsys["lessons/"+l.id+".quiz.yaml"] = &fstest.MapFile{Data: []byte(quiz.String())}
	}
	cat, err := lessons.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// progressOptions are a quiz service and places for a learner some weeks
// into cat: the first lessons studied from a month ago, each card answered
// whenever it came due (one answer in six forgotten) until a last day a
// few days back, and two lessons left part way.
func progressOptions(cat *lessons.Catalog) Options {
	s := review.DefaultScheduler()
	cards := map[string]review.Card{}
	r := rand.New(rand.NewPCG(9, 9))
	items := cat.Items()
	for i, it := range items[:min(60, len(items))] {
		at := epoch.Add(-time.Duration(30*24-i*6) * time.Hour)
		c := review.Card{}
		last := epoch.Add(-time.Duration(1+r.IntN(6*24)) * time.Hour) // the last day studied
		for at.Before(last) {
			g := review.Good
			if r.IntN(6) == 0 {
				g = review.Again
			}
			c = s.Review(c, g, at)
			at = c.Due
		}
		cards[it.ID] = c
	}
	q := &quiz.Service{Sched: s, Cards: cards, Now: func() time.Time { return epoch }, Rand: rand.New(rand.NewPCG(1, 1)), LogErr: errors.New("off")}
	places := map[string]resume.Place{
		"kvstore": {Note: 0.3, Args: []string{"--put", "A=BC"}, Step: 6, Steps: 29, Pane: resume.Visual, Source: true, At: epoch.Add(-2 * time.Hour)},
		"tcp":     {Note: 0.1, Step: 0, Steps: 40, Pane: resume.Note, At: epoch.Add(-50 * time.Hour)},
	}
	return Options{Quiz: q, Resume: places}
}
