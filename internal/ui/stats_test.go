package ui

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"tutor/internal/lessons"
	"tutor/internal/review"
	"tutor/internal/ui/stats"
)

// statsReport is the report of six made-up weeks of study of 200 cards,
// at epoch: most days a session that answers the cards due and eight new
// ones, one answer in seven graded Again. The cards are made up too, so
// that an edit of the lessons does not change the goldens.
func statsReport(t testing.TB) stats.Report {
	t.Helper()
	prompts := []string{
		"tcp · Which endpoint goes into TIME-WAIT?",
		"kvstore · Why does Shutdown save the metadata record after the chunks?",
		"lru · Why does an O(1) LRU cache need both a hash map and a linked list?",
		"mvcc · Which anomaly does REPEATABLE READ still allow in PostgreSQL?",
		"ipv4 · What is the last address of 10.1.2.0/23?",
		"credits · Which grant does a charge spend first when two expire at once, and why does the order of the events in the input not change the answer?",
	}
	var ids []string
	names := map[string]string{}
	for i := range 200 {
		id := fmt.Sprintf("card-%03d", i)
		ids = append(ids, id)
		names[id] = fmt.Sprintf("%s (%d)", prompts[i%len(prompts)], i)
	}
	r := rand.New(rand.NewPCG(3, 4))
	s := review.DefaultScheduler()
	var recs []review.Record
	cards := map[string]review.Card{}
	fresh := 0
	for day := 42; day > 0; day-- {
		if r.IntN(5) == 0 {
			continue // a day off
		}
		at := epoch.Add(-time.Duration(day)*24*time.Hour + time.Duration(r.IntN(600))*time.Minute)
		fresh += 8
		for i, id := range ids {
			if i >= fresh {
				break
			}
			for range 4 { // the learning steps of the session
				c := cards[id]
				if !c.IsNew() && c.Due.After(at.Add(20*time.Minute)) {
					break
				}
				g := review.Good
				if r.IntN(7) == 0 {
					g = review.Again
				}
				took := time.Duration(2+r.IntN(20)) * time.Second
				recs = append(recs, review.Record{Time: at, Card: id, Grade: g, Took: took})
				cards[id] = s.Review(c, g, at)
				at = at.Add(took + 10*time.Minute)
			}
		}
	}
	return stats.Report{Stats: review.ComputeStats(s, recs, ids, epoch), Names: names}
}

func statsApp(t testing.TB) Model {
	rep := statsReport(t)
	return newApp(t, Options{Stats: func(*lessons.Catalog) (stats.Report, error) { return rep, nil }})
}

// TestStatsScreenFromHome: s on home shows the stats, their summary lines
// at the bottom (G), and esc goes back to the list.
func TestStatsScreenFromHome(t *testing.T) {
	m := sized(t, statsApp(t), 80, 24)
	m = press(t, m, "s")
	if m.State() != StatsScreen {
		t.Fatalf("s on home: %v", m.State())
	}
	rep := statsReport(t)
	s := screen(m)
	for _, want := range []string{"tutor · stats", "Reviews a day, the last 30 days", "30 days ago", "today", "esc back"} {
		if !strings.Contains(s, want) {
			t.Errorf("stats screen lacks %q:\n%s", want, s)
		}
	}
	m = press(t, m, "G")
	s = screen(m)
	rate, _ := rep.Stats.All.Rate()
	for _, want := range []string{
		fmt.Sprintf("reviews %d", rep.Stats.Reviews),
		fmt.Sprintf("retention %d%%", int(rate*100+0.5)),
		fmt.Sprintf("due today %d", rep.Stats.Forecast[0]),
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the end of the stats lacks %q:\n%s", want, s)
		}
	}
	if rep.Stats.Reviews < 10 {
		t.Fatalf("the made-up log has %d reviews", rep.Stats.Reviews)
	}
	m = press(t, m, "esc")
	if m.State() != HomeScreen {
		t.Errorf("esc from stats: %v", m.State())
	}
}

// TestStatsScreenOff: without a way to read the log, s does nothing.
func TestStatsScreenOff(t *testing.T) {
	m := press(t, sized(t, newApp(t, Options{}), 80, 24), "s")
	if m.State() != HomeScreen {
		t.Errorf("s without stats: %v", m.State())
	}
}

// TestStatsScreenSaysWhyNot: a log that cannot be read says so in one line.
func TestStatsScreenSaysWhyNot(t *testing.T) {
	m := newApp(t, Options{Stats: func(*lessons.Catalog) (stats.Report, error) {
		return stats.Report{}, fmt.Errorf("review: cannot read /x/reviews.jsonl: permission denied")
	}})
	m = press(t, sized(t, m, 80, 24), "s")
	if s := screen(m); !strings.Contains(s, "the stats could not be made: review: cannot read /x/reviews.jsonl") {
		t.Errorf("stats with an unreadable log:\n%s", s)
	}
}

// TestStatsScreenEverySize: the stats screen fills every size exactly.
func TestStatsScreenEverySize(t *testing.T) {
	m := press(t, statsApp(t), "s")
	for _, sz := range [][2]int{{20, 6}, {40, 12}, {80, 24}, {120, 40}, {160, 48}, {300, 100}} {
		m = sized(t, m, sz[0], sz[1])
		for _, k := range []string{"g", "f", "G"} {
			m = press(t, m, k)
			checkBox(t, "stats", m.Render(), sz[0], sz[1])
		}
	}
}
