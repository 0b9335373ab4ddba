package credits

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchHistory is 20,000 random events in random order (about half grants)
// over t in [0, 100000), and 200 random query times.
type benchOp struct {
	grant          bool
	id             string
	amount, at, ex int64
}

func benchHistory() ([]benchOp, []int64) {
	rng := rand.New(rand.NewPCG(4, 20000))
	ops := make([]benchOp, 20000)
	for i := range ops {
		at := rng.Int64N(100000)
		if rng.IntN(2) == 0 {
			ops[i] = benchOp{grant: true, id: fmt.Sprint("g", i), amount: 1 + rng.Int64N(100), at: at, ex: rng.Int64N(5000)}
		} else {
			ops[i] = benchOp{amount: 1 + rng.Int64N(120), at: at}
		}
	}
	queries := make([]int64, 200)
	for i := range queries {
		queries[i] = rng.Int64N(110000)
	}
	return ops, queries
}

// BenchmarkBalance records the same 20,000 events and asks the same 200
// balance queries per op, on the Ledger and on the classic reference.
func BenchmarkBalance(b *testing.B) {
	ops, queries := benchHistory()
	var sum int64
	b.Run("ledger", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var l Ledger
			for _, op := range ops {
				if op.grant {
					l.AddCredit(op.id, op.amount, op.at, op.ex)
				} else {
					l.Charge(op.amount, op.at)
				}
			}
			for _, q := range queries {
				sum += l.BalanceAt(q)
			}
		}
	})
	b.Run("reference", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var r reference
			for _, op := range ops {
				if op.grant {
					r.addCredit(op.id, op.amount, op.at, op.ex)
				} else {
					r.charge(op.amount, op.at)
				}
			}
			for _, q := range queries {
				bal, _ := r.balance(q)
				sum += bal
			}
		}
	})
	_ = sum
}

// TestBenchHistoryAgrees checks that the benchmark's two sides give the
// same answers.
func TestBenchHistoryAgrees(t *testing.T) {
	ops, queries := benchHistory()
	if testing.Short() {
		ops, queries = ops[:2000], queries[:20]
	}
	var l Ledger
	var r reference
	for _, op := range ops {
		if op.grant {
			if err := l.AddCredit(op.id, op.amount, op.at, op.ex); err != nil {
				t.Fatal(err)
			}
			r.addCredit(op.id, op.amount, op.at, op.ex)
		} else {
			if err := l.Charge(op.amount, op.at); err != nil {
				t.Fatal(err)
			}
			r.charge(op.amount, op.at)
		}
	}
	for _, q := range queries[:20] {
		b, s := r.balance(q)
		if l.BalanceAt(q) != b || l.ShortfallAt(q) != s {
			t.Fatalf("at %d: ledger (%d, %d), reference (%d, %d)", q, l.BalanceAt(q), l.ShortfallAt(q), b, s)
		}
	}
}

// BenchmarkReplay replays the benchmark history without an observer: the
// allocations reported are the observer's cost when nil, which is none.
func BenchmarkReplay(b *testing.B) {
	ops, _ := benchHistory()
	var l Ledger
	for _, op := range ops {
		if op.grant {
			l.AddCredit(op.id, op.amount, op.at, op.ex)
		} else {
			l.Charge(op.amount, op.at)
		}
	}
	l.Replay(100000)
	b.ReportAllocs()
	for b.Loop() {
		l.Replay(100000)
	}
}
