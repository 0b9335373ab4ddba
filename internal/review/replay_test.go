package review

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"
)

func TestReplayMatchesReview(t *testing.T) {
	s := DefaultScheduler()
	t0 := refStart
	recs := []Record{
		{Time: t0, Card: "kv/1", Grade: Good},
		{Time: t0.Add(time.Minute), Card: "tcp/2", Grade: Again},
		{Time: t0.Add(10 * time.Minute), Card: "kv/1", Grade: Good},
		{Time: t0.Add(11 * time.Minute), Card: "tcp/2", Grade: Grade(9)}, // skipped
		{Time: t0.Add(3 * day), Card: "kv/1", Grade: Hard},
	}
	got := Replay(s, recs)

	var kv, tcp Card
	kv = s.Review(kv, Good, t0)
	kv = s.Review(kv, Good, t0.Add(10*time.Minute))
	kv = s.Review(kv, Hard, t0.Add(3*day))
	tcp = s.Review(tcp, Again, t0.Add(time.Minute))
	want := map[string]Card{"kv/1": kv, "tcp/2": tcp}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Replay:\n got %+v\nwant %+v", got, want)
	}
	if again := Replay(s, recs); !reflect.DeepEqual(again, got) {
		t.Error("Replay is not deterministic")
	}
}

// TestReplayUnknownIDs: a log naming cards that no longer exist replays
// without trouble, and those cards never reach the queue.
func TestReplayUnknownIDs(t *testing.T) {
	s := DefaultScheduler()
	recs := []Record{
		{Time: refStart, Card: "removed/1", Grade: Again},
		{Time: refStart, Card: "kv/1", Grade: Again},
		{Time: refStart.Add(time.Hour), Card: "renamed-old", Grade: Good},
	}
	cards := Replay(s, recs)
	if len(cards) != 3 {
		t.Fatalf("Replay kept %d cards, want 3: %v", len(cards), cards)
	}
	ids := []string{"kv/1", "kv/2", "renamed-new"}
	got := Queue(ids, cards, refStart.Add(2*time.Hour), 10)
	want := []string{"kv/1", "kv/2", "renamed-new"}
	if !slices.Equal(got, want) {
		t.Errorf("Queue = %v, want %v", got, want)
	}
}

func TestReplayEmpty(t *testing.T) {
	if m := Replay(DefaultScheduler(), nil); m == nil || len(m) != 0 {
		t.Errorf("Replay(nil) = %v, want an empty map", m)
	}
}

func TestQueue(t *testing.T) {
	now := refStart
	due := func(d time.Duration) Card { return Card{State: Review, Stability: 3, Difficulty: 5, Due: now.Add(d)} }
	cards := map[string]Card{
		"a": due(-time.Hour),      // due an hour ago
		"b": due(time.Hour),       // not yet due
		"c": due(-48 * time.Hour), // most overdue
		"d": {},                   // new (explicitly)
		"e": due(-time.Hour),      // due as long as a: keeps ids order
		"f": due(0),               // due right now
		"g": {State: Learning, Due: now.Add(-time.Second), Stability: 1, Difficulty: 5},
	}
	ids := []string{"n1", "a", "b", "c", "d", "e", "n2", "f", "g", "n3", "a"}
	got := Queue(ids, cards, now, 2)
	want := []string{"c", "a", "e", "g", "f", "n1", "d"}
	if !slices.Equal(got, want) {
		t.Errorf("Queue(limit 2) =\n %v\nwant %v", got, want)
	}
	if got := Queue(ids, cards, now, 0); !slices.Equal(got, want[:5]) {
		t.Errorf("Queue(limit 0) = %v, want %v", got, want[:5])
	}
	if got := Queue(ids, cards, now, -1); !slices.Equal(got, want[:5]) {
		t.Errorf("Queue(limit -1) = %v, want %v", got, want[:5])
	}
	if got := Queue(ids, cards, now, 100); !slices.Equal(got, append(want[:5:5], "n1", "d", "n2", "n3")) {
		t.Errorf("Queue(limit 100) = %v", got)
	}
	if got := Queue(nil, cards, now, 5); len(got) != 0 {
		t.Errorf("Queue(no ids) = %v, want none", got)
	}
}

// TestPropertyQueue checks Queue against its definition on random decks.
func TestPropertyQueue(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := DefaultScheduler()
		n := rapid.IntRange(0, 30).Draw(t, "cards")
		ids := make([]string, n)
		for i := range ids {
			ids[i] = fmt.Sprint("c", i)
		}
		var recs []Record
		now := refStart
		for range rapid.IntRange(0, 80).Draw(t, "records") {
			if n == 0 {
				break
			}
			now = now.Add(time.Duration(rapid.Int64Range(0, int64(5*day)).Draw(t, "gap")))
			recs = append(recs, Record{Time: now, Card: ids[rapid.IntRange(0, n-1).Draw(t, "id")],
				Grade: Grade(rapid.IntRange(1, 4).Draw(t, "grade"))})
		}
		cards := Replay(s, recs)
		at := now.Add(time.Duration(rapid.Int64Range(0, int64(30*day)).Draw(t, "at")))
		limit := rapid.IntRange(0, 10).Draw(t, "limit")
		q := Queue(ids, cards, at, limit)

		var wantDue, wantNew []string
		for _, id := range ids {
			c := cards[id]
			if c.IsDue(at) {
				wantDue = append(wantDue, id)
			} else if c.IsNew() && len(wantNew) < limit {
				wantNew = append(wantNew, id)
			}
		}
		if len(q) != len(wantDue)+len(wantNew) {
			t.Fatalf("queue %v has %d ids, want %d due + %d new", q, len(q), len(wantDue), len(wantNew))
		}
		for i := 1; i < len(wantDue); i++ {
			if cards[q[i]].Due.Before(cards[q[i-1]].Due) {
				t.Fatalf("due cards out of order at %d: %v", i, q)
			}
		}
		dueSet := slices.Clone(q[:len(wantDue)])
		slices.Sort(dueSet)
		slices.Sort(wantDue)
		if !slices.Equal(dueSet, wantDue) {
			t.Fatalf("due part %v, want the ids %v", q[:len(wantDue)], wantDue)
		}
		if !slices.Equal(q[len(wantDue):], wantNew) {
			t.Fatalf("new part %v, want %v", q[len(wantDue):], wantNew)
		}
	})
}

// BenchmarkReplay replays a log of 100,000 answers to 1,000 cards and
// reports the cost per record, in wall time and in CPU time.
func BenchmarkReplay(b *testing.B) {
	recs := benchRecords(100_000, 1_000)
	s := DefaultScheduler()
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if m := Replay(s, recs); len(m) != 1_000 {
			b.Fatalf("%d cards", len(m))
		}
	}
	reportPerRecord(b, len(recs), cpuTime()-cpu)
}

// benchRecords simulates n answers over about two years, one every ten
// minutes, to cards drawn at random from ncards, with mostly Good grades.
func benchRecords(n, ncards int) []Record {
	rng := rand.New(rand.NewPCG(1, 2))
	recs := make([]Record, 0, n)
	for i := range n {
		k := rng.IntN(ncards)
		g := Good
		switch p := rng.IntN(10); {
		case p < 2:
			g = Again
		case p < 3:
			g = Hard
		case p < 4:
			g = Easy
		}
		recs = append(recs, Record{
			Time:  refStart.Add(time.Duration(i) * 10 * time.Minute),
			Card:  fmt.Sprintf("lesson%d/%d", k%7, k),
			Grade: g,
			Took:  time.Duration(rng.IntN(20_000)) * time.Millisecond,
		})
	}
	return recs
}

// BenchmarkReplayByReview is the peer of BenchmarkReplay: the same
// records folded through the public Scheduler.Review, which works out the
// scheduler's constants again for every record.
func BenchmarkReplayByReview(b *testing.B) {
	recs := benchRecords(100_000, 1_000)
	s := DefaultScheduler()
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		cards := make(map[string]Card)
		for _, r := range recs {
			cards[r.Card] = s.Review(cards[r.Card], r.Grade, r.Time)
		}
		if len(cards) != 1_000 {
			b.Fatalf("%d cards", len(cards))
		}
	}
	reportPerRecord(b, len(recs), cpuTime()-cpu)
}

// reportPerRecord reports wall and CPU nanoseconds per record.
func reportPerRecord(b *testing.B, records int, cpu time.Duration) {
	n := float64(b.N) * float64(records)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/record")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/n, "cpu-ns/record")
	}
}
