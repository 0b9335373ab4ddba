package credits

import (
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

// history builds a Ledger and the reference from ops: "add a:100@0+10" or
// "charge 120@5", recorded in the order given.
func history(t testing.TB, ops ...string) (*Ledger, *reference) {
	t.Helper()
	var l Ledger
	var r reference
	for _, op := range ops {
		kind, arg, _ := strings.Cut(op, " ")
		switch kind {
		case "add":
			c, err := ParseCredit(arg)
			if err != nil {
				t.Fatal(err)
			}
			if err := l.AddCredit(c.ID, c.Amount, c.Time, c.Expire); err != nil {
				t.Fatal(err)
			}
			r.addCredit(c.ID, c.Amount, c.Time, c.Expire)
		case "charge":
			d, err := ParseDebit(arg)
			if err != nil {
				t.Fatal(err)
			}
			if err := l.Charge(d.Amount, d.Time); err != nil {
				t.Fatal(err)
			}
			r.charge(d.Amount, d.Time)
		default:
			t.Fatalf("bad op %q", op)
		}
	}
	return &l, &r
}

type want struct {
	at, balance, shortfall int64
}

// check compares the ledger's index, its observed-free replay and the
// reference with the expected values.
func check(t *testing.T, l *Ledger, r *reference, wants ...want) {
	t.Helper()
	for _, w := range wants {
		if got := l.BalanceAt(w.at); got != w.balance {
			t.Errorf("BalanceAt(%d) = %d, want %d", w.at, got, w.balance)
		}
		if got := l.ShortfallAt(w.at); got != w.shortfall {
			t.Errorf("ShortfallAt(%d) = %d, want %d", w.at, got, w.shortfall)
		}
		if got := l.Replay(w.at); got != (Result{w.balance, w.shortfall}) {
			t.Errorf("Replay(%d) = %+v, want {%d %d}", w.at, got, w.balance, w.shortfall)
		}
		if b, s := r.balance(w.at); b != w.balance || s != w.shortfall {
			t.Errorf("reference at %d = (%d, %d), want (%d, %d)", w.at, b, s, w.balance, w.shortfall)
		}
	}
}

func TestBoundaries(t *testing.T) {
	tests := []struct {
		name  string
		ops   []string
		wants []want
	}{
		{"charge at exactly the expiry time uses the grant",
			[]string{"add a:100@0+10", "charge 30@10"},
			[]want{{9, 100, 0}, {10, 70, 0}, {11, 0, 0}}},
		{"charge one after the expiry finds nothing",
			[]string{"add a:100@0+10", "charge 30@11"},
			[]want{{10, 100, 0}, {11, 0, 30}}},
		{"grant and charge at the same time: the grant applies first",
			[]string{"charge 50@5", "add a:100@5+10"},
			[]want{{4, 0, 0}, {5, 50, 0}, {15, 50, 0}, {16, 0, 0}}},
		{"charge before any grant is a shortfall",
			[]string{"charge 40@1", "add a:100@2+10"},
			[]want{{0, 0, 0}, {1, 0, 40}, {2, 100, 40}, {12, 100, 40}, {13, 0, 40}}},
		{"overdraft uses everything and keeps the rest as shortfall",
			[]string{"add a:100@0+10", "add b:50@2+30", "charge 200@5"},
			[]want{{4, 150, 0}, {5, 0, 50}, {100, 0, 50}}},
		{"the design example: the grant that expires first pays first",
			[]string{"add a:100@0+10", "add b:50@2+30", "charge 120@5"},
			[]want{{5, 30, 0}, {12, 30, 0}, {32, 30, 0}, {33, 0, 0}}},
		{"events out of order",
			[]string{"charge 120@5", "add b:50@2+30", "charge 10@40", "add a:100@0+10"},
			[]want{{1, 100, 0}, {2, 150, 0}, {5, 30, 0}, {33, 0, 0}, {40, 0, 10}}},
		{"a grant expired before the charge is not used",
			[]string{"add a:100@0+3", "add b:50@0+10", "charge 60@5"},
			[]want{{3, 150, 0}, {4, 50, 0}, {5, 0, 10}}},
		{"expire 0 is valid at its one instant",
			[]string{"add a:10@5+0", "charge 3@5"},
			[]want{{4, 0, 0}, {5, 7, 0}, {6, 0, 0}}},
		{"negative times",
			[]string{"add a:10@-20+5", "charge 4@-16", "charge 4@-14"},
			[]want{{-21, 0, 0}, {-16, 6, 0}, {-15, 6, 0}, {-14, 0, 4}}},
		{"several charges at one time",
			[]string{"add a:10@0+100", "charge 4@3", "charge 4@3", "charge 4@3"},
			[]want{{2, 10, 0}, {3, 0, 2}}},
		{"a charge never draws from a grant that starts later",
			[]string{"charge 5@1", "add a:10@2+5"},
			[]want{{1, 0, 5}, {2, 10, 5}}},
		{"empty ledger", nil, []want{{math.MinInt64, 0, 0}, {0, 0, 0}, {math.MaxInt64, 0, 0}}},
		{"extreme times",
			[]string{"add a:10@9223372036854775800+7", "add b:3@-9223372036854775808+0", "charge 1@9223372036854775807"},
			[]want{{math.MinInt64, 3, 0}, {math.MinInt64 + 1, 0, 0}, {math.MaxInt64, 9, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, r := history(t, tt.ops...)
			check(t, l, r, tt.wants...)
		})
	}
}

// TestHalfOpen shows the off-by-one: the classic "<=" drops the grant at
// timestamp+expire, the closed interval keeps it.
func TestHalfOpen(t *testing.T) {
	l, r := history(t, "add a:100@0+10", "charge 30@10")
	r.halfOpen = true
	if b, s := r.balance(10); b != 0 || s != 30 {
		t.Errorf("classic half-open at 10 = (%d, %d), want (0, 30)", b, s)
	}
	if b, s := r.balance(9); b != 100 || s != 0 {
		t.Errorf("classic half-open at 9 = (%d, %d), want (100, 0)", b, s)
	}
	if b, s := l.BalanceAt(10), l.ShortfallAt(10); b != 70 || s != 0 {
		t.Errorf("ledger at 10 = (%d, %d), want (70, 0)", b, s)
	}
}

func TestErrors(t *testing.T) {
	var l Ledger
	if err := l.AddCredit("a", 10, 0, 5); err != nil {
		t.Fatal(err)
	}
	if err := l.Charge(1, 0); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		do     func() error
		target error
		naming string
	}{
		{"zero amount", func() error { return l.AddCredit("b", 0, 0, 5) }, ErrAmount, "amount 0"},
		{"negative amount", func() error { return l.AddCredit("b", -3, 0, 5) }, ErrAmount, "amount -3"},
		{"negative expire", func() error { return l.AddCredit("b", 3, 0, -1) }, ErrExpire, "expire -1"},
		{"duplicate id", func() error { return l.AddCredit("a", 3, 7, 1) }, ErrDuplicate, `"a"`},
		{"empty id", func() error { return l.AddCredit("", 3, 7, 1) }, ErrGrantID, `""`},
		{"id with a space", func() error { return l.AddCredit("x y", 3, 7, 1) }, ErrGrantID, `"x y"`},
		{"expiry overflows", func() error { return l.AddCredit("b", 3, math.MaxInt64-1, 2) }, ErrOverflow, "expire 2"},
		{"total granted overflows", func() error { return l.AddCredit("b", math.MaxInt64, 0, 2) }, ErrOverflow, "amount 9223372036854775807"},
		{"zero charge", func() error { return l.Charge(0, 4) }, ErrAmount, "amount 0"},
		{"negative charge", func() error { return l.Charge(-5, 1) }, ErrAmount, "amount -5"},
		{"total charged overflows", func() error { return l.Charge(math.MaxInt64, 1) }, ErrOverflow, "amount 9223372036854775807"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do()
			if !errors.Is(err, tt.target) {
				t.Fatalf("err = %v, want %v", err, tt.target)
			}
			if !strings.Contains(err.Error(), tt.naming) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err %q should name %s on one line", err, tt.naming)
			}
			if l.Len() != 2 {
				t.Errorf("Len = %d after a refused event, want 2", l.Len())
			}
		})
	}
	if b := l.BalanceAt(0); b != 9 {
		t.Errorf("balance after refused events = %d, want 9", b)
	}
}

// TestQueriesAfterChanges checks that recording after a query invalidates
// the index.
func TestQueriesAfterChanges(t *testing.T) {
	var l Ledger
	if err := l.AddCredit("a", 10, 0, 10); err != nil {
		t.Fatal(err)
	}
	if got := l.BalanceAt(5); got != 10 {
		t.Fatalf("BalanceAt(5) = %d, want 10", got)
	}
	if err := l.Charge(4, 3); err != nil {
		t.Fatal(err)
	}
	if got := l.BalanceAt(5); got != 6 {
		t.Fatalf("after a charge at 3, BalanceAt(5) = %d, want 6", got)
	}
	if err := l.AddCredit("b", 1, -1, 100); err != nil {
		t.Fatal(err)
	}
	// b expires later than a, so the charge at 3 still draws on a.
	if got, sf := l.BalanceAt(5), l.ShortfallAt(5); got != 7 || sf != 0 {
		t.Fatalf("after a grant at -1, at 5 = (%d, %d), want (7, 0)", got, sf)
	}
	if got := l.BalanceAt(11); got != 1 {
		t.Fatalf("BalanceAt(11) = %d, want 1", got)
	}
}

// steps replays l to at and returns the events observed.
func steps(l *Ledger, at int64) []Event {
	var evs []Event
	l.Observe = func(e Event) { evs = append(evs, e) }
	defer func() { l.Observe = nil }()
	l.Replay(at)
	return evs
}

func TestReplaySteps(t *testing.T) {
	l, _ := history(t, "add a:100@0+10", "add b:50@2+30", "charge 120@5")
	var got []string
	for _, e := range steps(l, 12) {
		got = append(got, string(e.Step)+" "+e.Grant.ID)
	}
	want := []string{"sort ", "push a", "push b", "charge ", "pop a", "pop b", "push-back b", "sum "}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("steps = %q, want %q", got, want)
	}
	evs := steps(l, 12)
	last := evs[len(evs)-1]
	if last.Amount != 30 || last.Held != 30 || last.Shortfall != 0 || len(last.Heap) != 1 || last.Heap[0].Left != 30 {
		t.Errorf("last event = %+v, want the sum 30 with b holding 30", last)
	}
	if !strings.Contains(last.Explain, "30") || !strings.Contains(last.Explain, "t=12") {
		t.Errorf("sum explanation %q should give the balance and the time", last.Explain)
	}
	pop := evs[4]
	if pop.Amount != 100 || pop.Owed != 20 || pop.Grant.Left != 0 || pop.Index != -1 {
		t.Errorf("first pop = %+v, want 100 taken from a, 20 owed", pop)
	}

	// At 40, b has expired: the replay ends with an expiry, then the sum.
	evs = steps(l, 40)
	if e := evs[len(evs)-2]; e.Step != StepExpire || e.Grant.ID != "b" || e.Amount != 30 || e.Time != 40 {
		t.Errorf("second to last at 40 = %+v, want b expiring with 30 lost", e)
	}

	// An overdraft reports the shortfall.
	l, _ = history(t, "add a:10@0+10", "charge 25@5")
	evs = steps(l, 5)
	if e := evs[len(evs)-2]; e.Step != StepShortfall || e.Amount != 15 || e.Shortfall != 15 || e.Held != 0 {
		t.Errorf("second to last = %+v, want a shortfall of 15", e)
	}
}

func TestTiesOnExpiry(t *testing.T) {
	tests := []struct {
		ops   []string
		first string
	}{
		// Same expiry 10: the one that started earlier pays first.
		{[]string{"add b:10@5+5", "add a:10@0+10", "charge 5@6"}, "a"},
		{[]string{"add a:10@5+5", "add b:10@0+10", "charge 5@6"}, "b"},
		// Same expiry and start: the smaller id.
		{[]string{"add b:10@0+10", "add a:10@0+10", "charge 5@6"}, "a"},
		// Expiry first, whatever the start.
		{[]string{"add a:10@0+20", "add b:10@4+10", "charge 5@6"}, "b"},
	}
	for _, tt := range tests {
		l, _ := history(t, tt.ops...)
		var first string
		l.Observe = func(e Event) {
			if e.Step == StepPop && first == "" {
				first = e.Grant.ID
			}
		}
		l.Replay(6)
		if first != tt.first {
			t.Errorf("%q: first grant used = %q, want %q", tt.ops, first, tt.first)
		}
	}
}

// TestHeapInEvents checks that each event's heap is a valid min-heap in
// array order and that Index points at the grant.
func TestHeapInEvents(t *testing.T) {
	l, _ := history(t, "add e:5@0+50", "add d:5@1+40", "add c:5@2+30", "add b:5@3+20",
		"add a:5@4+10", "charge 7@5", "charge 2@6", "add f:1@7+1", "charge 20@9")
	for _, e := range steps(l, 60) {
		for i := 1; i < len(e.Heap); i++ {
			if e.Heap[i].before(&e.Heap[(i-1)/2]) {
				t.Fatalf("%s: heap %+v breaks the order at %d", e.Step, e.Heap, i)
			}
		}
		if e.Index >= 0 && (e.Index >= len(e.Heap) || e.Heap[e.Index].ID != e.Grant.ID) {
			t.Fatalf("%s: index %d does not hold %s in %+v", e.Step, e.Index, e.Grant.ID, e.Heap)
		}
		if e.Index < 0 && (e.Step == StepPush || e.Step == StepPushBack) {
			t.Fatalf("%s: no index", e.Step)
		}
		var held int64
		for _, g := range e.Heap {
			held += g.Left
		}
		if e.Step == StepPop {
			held += e.Grant.Left // popped, about to be pushed back
		}
		if held != e.Held {
			t.Fatalf("%s: Held %d, heap holds %d", e.Step, e.Held, held)
		}
	}
}

// TestStepMarks checks that each step is marked on exactly one line of
// replay.go, the file the source pane shows.
func TestStepMarks(t *testing.T) {
	src, err := os.ReadFile("replay.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []Step{StepSort, StepPush, StepCharge, StepExpire, StepPop, StepPushBack, StepShortfall, StepSum} {
		mark := "// step: " + string(s) + "\n"
		if n := strings.Count(string(src), mark); n != 1 {
			t.Errorf("step %q is marked %d times in replay.go, want 1", s, n)
		}
	}
}

// TestNilObserverAllocs checks that a replay without an observer allocates
// nothing once the ledger's scratch space has grown.
func TestNilObserverAllocs(t *testing.T) {
	l, _ := history(t, "add a:100@0+10", "add b:50@2+30", "charge 120@5", "charge 70@31", "charge 1@40")
	l.Replay(100)
	if n := testing.AllocsPerRun(100, func() { l.Replay(100) }); n != 0 {
		t.Errorf("Replay with a nil observer allocates %v times, want 0", n)
	}
}

// TestValidAt checks the rule on the closed interval, and where a grant
// lapses, the last int64 included.
func TestValidAt(t *testing.T) {
	g := Grant{ID: "a", Amount: 1, Left: 1, Start: 3, Expiry: 10}
	for at, want := range map[int64]bool{2: false, 3: true, 7: true, 10: true, 11: false} {
		if g.ValidAt(at) != want {
			t.Errorf("[3, 10] ValidAt(%d) = %v", at, !want)
		}
	}
	if end, ok := g.Lapses(); !ok || end != 11 || g.ValidAt(end) || !g.ValidAt(end-1) {
		t.Errorf("[3, 10] Lapses() = %d, %v; want 11, true", end, ok)
	}
	g.Expiry = math.MaxInt64
	if _, ok := g.Lapses(); ok || !g.ValidAt(math.MaxInt64) {
		t.Errorf("a grant through the last int64 lapses, or is not valid then")
	}
}

// TestSortEventHistory checks that the sort step reports every grant in
// the order recorded, as granted, and every charge in replay order, those
// after the query time too, and that the other steps report none.
func TestSortEventHistory(t *testing.T) {
	l, _ := history(t, "add b:50@2+30", "charge 60@14", "add a:100@0+10", "charge 120@5", "add c:1@20+0")
	evs := steps(l, 6)
	sort := evs[0]
	var gs []string
	for _, g := range sort.Grants {
		gs = append(gs, fmt.Sprintf("%s:%d/%d@%d-%d", g.ID, g.Left, g.Amount, g.Start, g.Expiry))
	}
	if got, want := strings.Join(gs, " "), "b:50/50@2-32 a:100/100@0-10 c:1/1@20-20"; got != want {
		t.Errorf("sort event grants %q, want %q", got, want)
	}
	if got, want := fmt.Sprint(sort.Charges), "[120@5 60@14]"; got != want {
		t.Errorf("sort event charges %s, want %s", got, want)
	}
	// A second replay, after the first used the grants up, reports them
	// as granted again.
	evs = steps(l, 30)
	if g := evs[0].Grants[1]; g.ID != "a" || g.Left != 100 {
		t.Errorf("second replay reports %+v, want a as granted", g)
	}
	for _, e := range evs[1:] {
		if e.Grants != nil || e.Charges != nil {
			t.Errorf("%s reports the history", e.Step)
		}
	}
}

// TestQueriesDoNotObserve checks that the index answers without calling
// Observe, and that setting it leaves the answers alone.
func TestQueriesDoNotObserve(t *testing.T) {
	l, _ := history(t, "add a:100@0+10", "add b:50@2+30", "charge 120@5")
	calls := 0
	l.Observe = func(Event) { calls++ }
	if b, s := l.BalanceAt(12), l.ShortfallAt(12); b != 30 || s != 0 || calls != 0 {
		t.Errorf("with Observe set: (%d, %d) after %d calls, want (30, 0) after none", b, s, calls)
	}
	if res := l.Replay(12); res != (Result{30, 0}) || calls != 8 {
		t.Errorf("Replay(12) = %+v after %d calls, want {30 0} after 8", res, calls)
	}
}

// TestCharging checks which steps report paying a charge: the charge and
// what follows it, not the expiries that end the replay.
func TestCharging(t *testing.T) {
	l, _ := history(t, "add a:10@0+1", "add b:10@0+3", "charge 25@2", "add c:5@4+0", "charge 1@5")
	var got []string
	for _, e := range steps(l, 9) {
		got = append(got, fmt.Sprintf("%s:%v", e.Step, e.Charging))
	}
	want := "sort:false push:false push:false charge:true expire:true pop:true shortfall:true push:false charge:true expire:true shortfall:true sum:false"
	if strings.Join(got, " ") != want {
		t.Errorf("steps %s\nwant  %s", strings.Join(got, " "), want)
	}
	l, _ = history(t, "add a:10@0+1", "charge 1@0")
	got = nil
	for _, e := range steps(l, 9) {
		got = append(got, fmt.Sprintf("%s:%v", e.Step, e.Charging))
	}
	want = "sort:false push:false charge:true pop:true push-back:true expire:false sum:false"
	if strings.Join(got, " ") != want {
		t.Errorf("steps %s\nwant  %s", strings.Join(got, " "), want)
	}
}
