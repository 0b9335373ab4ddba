package tutor

import (
	"math/rand/v2"
	"testing"
	"time"

	"tutor/internal/review"
)

// BenchmarkStatsReport is tutor stats' work on a log of 100,000 answers to
// the real lessons' cards: read the file, replay it, count; beside the
// floor, reading the file alone.
func BenchmarkStatsReport(b *testing.B) {
	cat, _, err := Catalog(Options{})
	if err != nil {
		b.Fatal(err)
	}
	items := cat.Items()
	dir := b.TempDir()
	log, err := review.OpenLog(dir)
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	at := now.Add(-365 * 24 * time.Hour)
	var buf []review.Record
	for range 100_000 {
		at = at.Add(time.Duration(r.IntN(600)) * time.Second)
		g := review.Grade(1 + r.IntN(4))
		buf = append(buf, review.Record{Time: at, Card: items[r.IntN(len(items))].ID, Grade: g, Took: time.Duration(r.IntN(9000)) * time.Millisecond})
	}
	for _, rec := range buf {
		if err := log.Append(rec); err != nil {
			b.Fatal(err)
		}
	}
	log.Close()
	e := Env{Now: func() time.Time { return now }}
	o := Options{State: dir}
	b.Run("report", func(b *testing.B) {
		for b.Loop() {
			rep, err := statsReport(o, e, cat)
			if err != nil || rep.Stats.Reviews != 100_000 {
				b.Fatal(err, rep.Stats.Reviews)
			}
		}
	})
	b.Run("read-log", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := review.ReadLogAt(dir, now); err != nil {
				b.Fatal(err)
			}
		}
	})
}
