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

// onlineHistory is n random events in random time order over t in
// [0, 5n), the density of benchHistory, then writes more of the same
// kind, each with a random query time: the load of BenchmarkOnline.
// With long, grants last up to the whole span instead of 5,000, and are
// a little larger than the charges: credits are left over and a write's
// effect travels far, the index's worst kind of load.
func onlineHistory(n, writes int, long bool) (ops, more []benchOp, queries []int64) {
	rng := rand.New(rand.NewPCG(22, uint64(n)))
	expire, charge := int64(5000), int64(120)
	if long {
		expire, charge = 5*int64(n), 90
	}
	draw := func(i int) benchOp {
		at := rng.Int64N(5 * int64(n))
		if rng.IntN(2) == 0 {
			return benchOp{grant: true, id: fmt.Sprint("g", i), amount: 1 + rng.Int64N(100), at: at, ex: rng.Int64N(expire)}
		}
		return benchOp{amount: 1 + rng.Int64N(charge), at: at}
	}
	for i := range n {
		ops = append(ops, draw(i))
	}
	for i := range writes {
		more = append(more, draw(n+i))
		queries = append(queries, rng.Int64N(5*int64(n)+5000))
	}
	return ops, more, queries
}

// ledgerOps is what both sides of BenchmarkOnline record.
type ledgerOps interface {
	add(op benchOp)
	balance(t int64) int64
}

type onLedger struct{ Ledger }

func (l *onLedger) add(op benchOp) {
	if op.grant {
		l.AddCredit(op.id, op.amount, op.at, op.ex)
	} else {
		l.Charge(op.amount, op.at)
	}
}
func (l *onLedger) balance(t int64) int64 { return l.BalanceAt(t) }

type onReference struct{ reference }

func (r *onReference) add(op benchOp) {
	if op.grant {
		r.addCredit(op.id, op.amount, op.at, op.ex)
	} else {
		r.charge(op.amount, op.at)
	}
}
func (r *onReference) balance(t int64) int64 { b, _ := r.reference.balance(t); return b }

// BenchmarkOnline is grants and charges arriving while balances are asked
// for: 100,000 events recorded in random time order and one query asked,
// then each op records one more event, at a random time, and asks the
// balance at a random time. The Ledger keeps its index current; the
// reference replays everything at each query.
func BenchmarkOnline(b *testing.B) { benchOnline(b, false) }

// BenchmarkOnlineLong is BenchmarkOnline with grants that last up to the
// whole history and credits left over (see onlineHistory).
func BenchmarkOnlineLong(b *testing.B) { benchOnline(b, true) }

func benchOnline(b *testing.B, long bool) {
	const n, writes = 100_000, 1 << 16
	ops, more, queries := onlineHistory(n, writes, long)
	for _, side := range []struct {
		name string
		new  func() ledgerOps
	}{
		{"ledger", func() ledgerOps { return &onLedger{} }},
		{"reference", func() ledgerOps { return &onReference{} }},
	} {
		b.Run(side.name, func(b *testing.B) {
			l := side.new()
			for _, op := range ops {
				l.add(op)
			}
			sum := l.balance(0)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if i == writes {
					b.Fatalf("more than %d ops", writes)
				}
				l.add(more[i])
				sum += l.balance(queries[i])
				i++
			}
			_ = sum
		})
	}
}

// TestOnlineHistoryAgrees checks that the two sides of BenchmarkOnline
// give the same answers, on a smaller history of the same kind.
func TestOnlineHistoryAgrees(t *testing.T) {
	for _, long := range []bool{false, true} {
		ops, more, queries := onlineHistory(2000, 100, long)
		l, r := &onLedger{}, &onReference{}
		for _, op := range ops {
			l.add(op)
			r.add(op)
		}
		for i := range more {
			l.add(more[i])
			r.add(more[i])
			if got, want := l.balance(queries[i]), r.balance(queries[i]); got != want {
				t.Fatalf("long %v, write %d, query at %d: ledger %d, reference %d", long, i, queries[i], got, want)
			}
		}
	}
}
