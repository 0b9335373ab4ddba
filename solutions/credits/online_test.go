package credits

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestOnlineAgreesWithReference checks, on random interleavings of writes
// (in any time order) and queries, with blocks of one to five events so
// that writes split blocks and sweep across many of them, that every
// query after every write gives the reference's answer, then that the
// index kept current equals one built from scratch.
func TestOnlineAgreesWithReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := &Ledger{blockSize: rapid.IntRange(1, 5).Draw(t, "block")}
		var r reference
		span := rapid.Int64Range(1, 80).Draw(t, "span")
		long := rapid.Bool().Draw(t, "grants that outlive the history")
		var probes []int64
		queried := false
		for i := range rapid.IntRange(0, 60).Draw(t, "events") {
			at := rapid.Int64Range(-5, span).Draw(t, "time")
			amount := rapid.Int64Range(1, 30).Draw(t, "amount")
			if rapid.Bool().Draw(t, "grant") {
				expire := rapid.Int64Range(0, span/2+1).Draw(t, "expire")
				if long && rapid.IntRange(0, 3).Draw(t, "lasts") == 0 {
					expire = math.MaxInt64 - max(at, 0)
				}
				id := fmt.Sprintf("g%d", rapid.IntRange(0, 3).Draw(t, "idtie")*100+i)
				if err := l.AddCredit(id, amount, at, expire); err != nil {
					t.Fatal(err)
				}
				r.addCredit(id, amount, at, expire)
				probes = append(probes, at+expire, sat(at+expire, 1))
			} else {
				if err := l.Charge(amount, at); err != nil {
					t.Fatal(err)
				}
				r.charge(amount, at)
			}
			probes = append(probes, at-1, at)
			// Writes before the first query only record; after it each
			// write keeps the index current.
			if queried || rapid.IntRange(0, 3).Draw(t, "first query now") == 0 {
				queried = true
				for range rapid.IntRange(1, 3).Draw(t, "queries") {
					agreeOnline(t, l, &r, rapid.Int64Range(-6, 2*span).Draw(t, "q"))
				}
				agreeOnline(t, l, &r, at)
			}
		}
		for _, q := range probes {
			agreeOnline(t, l, &r, q)
		}
		sameAsRebuilt(t, l, append(probes, -6, 2*span, math.MaxInt64))
	})
}

// fataler is what the checks need of a *testing.T or a *rapid.T.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

func agreeOnline(t fataler, l *Ledger, r *reference, q int64) {
	t.Helper()
	wb, ws := r.balance(q)
	if b, s := l.BalanceAt(q), l.ShortfallAt(q); b != wb || s != ws {
		t.Fatalf("after %d events, at %d: ledger (%d, %d), reference (%d, %d)", l.Len(), q, b, s, wb, ws)
	}
}

// sameAsRebuilt checks that the index kept current through the writes
// holds what a build from scratch of the same events holds: each block's
// start and uses where the blocks coincide, and the same answers at qs.
func sameAsRebuilt(t fataler, l *Ledger, qs []int64) {
	t.Helper()
	if l.on == nil {
		return
	}
	kept := l.on
	fresh := l.buildOnline()
	var keptUses, freshUses []use
	for _, b := range kept.blocks {
		keptUses = append(keptUses, b.uses...)
	}
	for _, b := range fresh.blocks {
		freshUses = append(freshUses, b.uses...)
	}
	if !slices.Equal(keptUses, freshUses) {
		t.Fatalf("the uses kept current differ from a rebuild's:\n%v\n%v", keptUses, freshUses)
	}
	for _, q := range qs {
		if kept.balanceAt(q) != fresh.balanceAt(q) || kept.shortfallAt(q) != fresh.shortfallAt(q) {
			t.Fatalf("at %d: kept (%d, %d), rebuilt (%d, %d)", q, kept.balanceAt(q), kept.shortfallAt(q), fresh.balanceAt(q), fresh.shortfallAt(q))
		}
	}
}

// TestOnlineUsesAreTheReplays checks the index's record of what each
// charge took against the observed replay's own sweep (replay.go, with a
// recording): the same balance changes, in the same order.
func TestOnlineUsesAreTheReplays(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := &Ledger{blockSize: rapid.IntRange(1, 4).Draw(t, "block")}
		l.BalanceAt(0) // every write below goes through the online index
		for i := range rapid.IntRange(1, 40).Draw(t, "events") {
			at := rapid.Int64Range(0, 40).Draw(t, "time")
			amount := rapid.Int64Range(1, 20).Draw(t, "amount")
			if rapid.Bool().Draw(t, "grant") {
				_ = l.AddCredit(fmt.Sprint("g", i), amount, at, rapid.Int64Range(0, 20).Draw(t, "expire"))
			} else {
				_ = l.Charge(amount, at)
			}
		}
		var rec recording
		l.replay(math.MaxInt64, nil, &rec)
		var want, got []change
		for _, c := range rec.changes {
			if c.delta < 0 {
				want = append(want, c)
			}
		}
		for _, c := range rec.shorts {
			want = append(want, change{t: c.t, until: math.MaxInt64, delta: c.delta})
		}
		var shorts []change
		for _, b := range l.on.blocks {
			for _, u := range b.uses {
				if u.grant < 0 {
					shorts = append(shorts, change{t: u.t, until: math.MaxInt64, delta: u.amount})
					continue
				}
				got = append(got, change{t: u.t, until: l.grants[u.grant].Expiry, delta: -u.amount})
			}
		}
		got = append(got, shorts...)
		if !slices.Equal(got, want) {
			t.Fatalf("index uses %v, replay %v", got, want)
		}
	})
}

// TestOnlineDifferential runs long seeded random histories, writes in
// random time order with a query after each, against the reference, in
// three regimes: more charged than granted (shortfalls end most effects
// quickly), more granted than charged, and grants that last long (a
// write's effect travels far).
func TestOnlineDifferential(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 600
	}
	for _, tc := range []struct {
		name           string
		grant, charge  int64 // largest amounts
		expire, spread int64
	}{
		{"short of credits", 100, 140, 400, 20 * int64(n)},
		{"credits to spare", 140, 60, 400, 20 * int64(n)},
		{"long grants", 100, 100, 40 * int64(n), 20 * int64(n)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(22, uint64(n)))
			l := &Ledger{blockSize: 16}
			var r reference
			var probes []int64
			for i := range n {
				at := rng.Int64N(tc.spread)
				if rng.IntN(2) == 0 {
					amount, expire := 1+rng.Int64N(tc.grant), rng.Int64N(tc.expire)
					id := fmt.Sprint("g", i)
					if err := l.AddCredit(id, amount, at, expire); err != nil {
						t.Fatal(err)
					}
					r.addCredit(id, amount, at, expire)
					probes = append(probes, at+expire, at+expire+1)
				} else {
					amount := 1 + rng.Int64N(tc.charge)
					if err := l.Charge(amount, at); err != nil {
						t.Fatal(err)
					}
					r.charge(amount, at)
				}
				// The reference costs O(n log n) a query: check it on
				// every tenth write, and the ledger against itself
				// (rebuilt at the end) on the others.
				q := rng.Int64N(tc.spread + tc.expire)
				if i%10 == 0 {
					agreeOnline(t, l, &r, q)
					agreeOnline(t, l, &r, at)
				} else {
					l.BalanceAt(q)
				}
			}
			for _, q := range probes[len(probes)-20:] {
				agreeOnline(t, l, &r, q)
			}
			sameAsRebuilt(t, l, probes)
			held := 0
			for _, b := range l.on.blocks {
				held += len(b.start)
			}
			if held > 2*n+16*len(l.on.blocks) {
				t.Errorf("the starts of %d blocks hold %d grants for %d events", len(l.on.blocks), held, n)
			}
			if tc.expire < int64(n) && len(l.on.blocks) < n/32 {
				t.Errorf("%d blocks for %d events of blocks of 16: splits missing", len(l.on.blocks), n)
			}
			t.Logf("%d blocks, %d grants held in their starts", len(l.on.blocks), held)
		})
	}
}

// sat is a+d, held at the ends of int64.
func sat(a, d int64) int64 {
	if d > 0 && a > math.MaxInt64-d {
		return math.MaxInt64
	}
	return a + d
}

// TestSameState checks the comparison of two sweep states against
// slices.Equal on the states sorted, on random states drawn from a few
// grants, one comparison after another on the same scratch marks.
func TestSameState(t *testing.T) {
	l := &Ledger{}
	for i := range 6 {
		_ = l.AddCredit(fmt.Sprint("g", i), 10, 0, 10)
	}
	o := &online{l: l}
	rapid.Check(t, func(t *rapid.T) {
		state := func(name string) []held {
			grants := rapid.SliceOfNDistinct(rapid.Int32Range(0, 5), 0, 6, rapid.ID).Draw(t, name)
			s := make([]held, len(grants))
			for i, g := range grants {
				s[i] = held{grant: g, left: rapid.Int64Range(1, 3).Draw(t, "left")}
			}
			return s
		}
		for range 4 {
			a, b := state("a"), state("b")
			sorted := func(s []held) []held {
				return slices.SortedFunc(slices.Values(s), func(x, y held) int { return int(x.grant - y.grant) })
			}
			if got, want := o.sameState(a, b), slices.Equal(sorted(a), sorted(b)); got != want {
				t.Fatalf("sameState(%v, %v) = %v, want %v", a, b, got, want)
			}
		}
	})
}
