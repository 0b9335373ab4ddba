package credits

import (
	"fmt"
	"testing"

	"pgregory.net/rapid"
)

// TestAgreesWithReference checks on random histories, recorded in random
// order with queries in between, that the Ledger's index, its replay and
// the classic reference give the same balance and shortfall everywhere, in
// particular at each expiry and just after it.
func TestAgreesWithReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var l Ledger
		var r reference
		span := rapid.Int64Range(1, 60).Draw(t, "span")
		var probes []int64
		n := rapid.IntRange(0, 40).Draw(t, "events")
		for i := range n {
			at := rapid.Int64Range(-5, span).Draw(t, "time")
			amount := rapid.Int64Range(1, 30).Draw(t, "amount")
			if rapid.Bool().Draw(t, "grant") {
				expire := rapid.Int64Range(0, span).Draw(t, "expire")
				id := fmt.Sprintf("g%d", rapid.IntRange(0, 3).Draw(t, "idtie")*100+i)
				if err := l.AddCredit(id, amount, at, expire); err != nil {
					t.Fatal(err)
				}
				r.addCredit(id, amount, at, expire)
				probes = append(probes, at+expire, at+expire+1)
			} else {
				if err := l.Charge(amount, at); err != nil {
					t.Fatal(err)
				}
				r.charge(amount, at)
			}
			probes = append(probes, at-1, at)
			if rapid.IntRange(0, 4).Draw(t, "query now") == 0 {
				q := rapid.Int64Range(-6, 2*span).Draw(t, "q")
				agree(t, &l, &r, q)
			}
		}
		for _, q := range probes {
			agree(t, &l, &r, q)
		}
		for range 5 {
			agree(t, &l, &r, rapid.Int64Range(-6, 2*span).Draw(t, "q"))
		}
	})
}

func agree(t *rapid.T, l *Ledger, r *reference, q int64) {
	wb, ws := r.balance(q)
	b, s := l.BalanceAt(q), l.ShortfallAt(q)
	if b != wb || s != ws {
		t.Fatalf("at %d: ledger (%d, %d), reference (%d, %d)", q, b, s, wb, ws)
	}
	if res := l.Replay(q); res != (Result{wb, ws}) {
		t.Fatalf("at %d: Replay %+v, reference (%d, %d)", q, res, wb, ws)
	}
	if b < 0 || s < 0 {
		t.Fatalf("at %d: negative (%d, %d)", q, b, s)
	}
}

// TestObservedReplayAgrees checks that observing a replay changes nothing
// and that its last event is the result.
func TestObservedReplayAgrees(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var l Ledger
		for i := range rapid.IntRange(0, 15).Draw(t, "events") {
			at := rapid.Int64Range(0, 20).Draw(t, "time")
			amount := rapid.Int64Range(1, 20).Draw(t, "amount")
			if rapid.Bool().Draw(t, "grant") {
				_ = l.AddCredit(fmt.Sprint("g", i), amount, at, rapid.Int64Range(0, 10).Draw(t, "expire"))
			} else {
				_ = l.Charge(amount, at)
			}
		}
		q := rapid.Int64Range(-1, 25).Draw(t, "q")
		var evs []Event
		l.Observe = func(e Event) { evs = append(evs, e) }
		res := l.Replay(q)
		l.Observe = nil
		if res != l.Replay(q) {
			t.Fatalf("observed %+v differs from unobserved %+v", res, l.Replay(q))
		}
		last := evs[len(evs)-1]
		if evs[0].Step != StepSort || last.Step != StepSum || last.Amount != res.Balance || last.Shortfall != res.Shortfall {
			t.Fatalf("first %s, last %+v, result %+v", evs[0].Step, last, res)
		}
		for _, e := range evs {
			if e.Explain == "" {
				t.Fatalf("%s without explanation", e.Step)
			}
		}
	})
}
