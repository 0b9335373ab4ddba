package credits_test

import (
	"fmt"

	"tutor/solutions/credits"
)

func ExampleLedger() {
	var l credits.Ledger
	// Recorded out of order: the ledger sorts by time.
	l.Charge(120, 5)
	l.AddCredit("b", 50, 2, 30) // valid on [2, 32]
	l.AddCredit("a", 100, 0, 10)

	// The charge at 5 takes a's 100 (a expires first), then 20 of b's 50.
	for _, t := range []int64{1, 4, 5, 32, 33} {
		fmt.Printf("t=%d balance %d\n", t, l.BalanceAt(t))
	}
	// Output:
	// t=1 balance 100
	// t=4 balance 150
	// t=5 balance 30
	// t=32 balance 30
	// t=33 balance 0
}

func ExampleLedger_ShortfallAt() {
	var l credits.Ledger
	l.AddCredit("a", 10, 0, 5)
	l.Charge(25, 3) // only 10 can be paid
	fmt.Println(l.BalanceAt(3), l.ShortfallAt(3), l.ShortfallAt(2))
	// Output: 0 15 0
}

func ExampleLedger_AddCredit() {
	var l credits.Ledger
	fmt.Println(l.AddCredit("a", 10, 0, 5))
	fmt.Println(l.AddCredit("a", 20, 1, 5))
	fmt.Println(l.AddCredit("b", 0, 1, 5))
	fmt.Println(l.AddCredit("c", 5, 1, -1))
	// Output:
	// <nil>
	// credits: grant id "a": grant id already used
	// credits: grant "b": amount 0: amount must be positive
	// credits: grant "c": expire -1: expire must not be negative
}

func ExampleLedger_Replay() {
	var l credits.Ledger
	l.AddCredit("a", 100, 0, 10)
	l.AddCredit("b", 50, 2, 30)
	l.Charge(120, 5)
	l.Observe = func(e credits.Event) {
		fmt.Printf("%-9s heap %v\n", e.Step, ids(e.Heap))
	}
	res := l.Replay(12)
	fmt.Printf("balance %d shortfall %d\n", res.Balance, res.Shortfall)
	// Output:
	// sort      heap []
	// push      heap [a]
	// push      heap [a b]
	// charge    heap [a b]
	// pop       heap [b]
	// pop       heap []
	// push-back heap [b]
	// sum       heap [b]
	// balance 30 shortfall 0
}

func ids(h []credits.Grant) []string {
	s := make([]string, len(h))
	for i, g := range h {
		s[i] = g.ID
	}
	return s
}

func ExampleParseCredit() {
	c, err := credits.ParseCredit("a:100@0+10")
	fmt.Println(c.ID, c.Amount, c.Time, c.Expire, err)
	_, err = credits.ParseCredit("a:x@0+1")
	fmt.Println(err)
	// Output:
	// a 100 0 10 <nil>
	// grant "a:x@0+1": amount "x" is not a number (want id:amount@time+expire, e.g. a:100@0+10)
}

func ExampleParseDebit() {
	d, err := credits.ParseDebit("120@5")
	fmt.Println(d.Amount, d.Time, err)
	_, err = credits.ParseDebit("-5@1")
	fmt.Println(err)
	// Output:
	// 120 5 <nil>
	// charge "-5@1": amount -5 must be positive (want amount@time, e.g. 120@5)
}

func ExampleGrant_ValidAt() {
	var l credits.Ledger
	l.AddCredit("a", 100, 0, 10) // valid on [0, 10]
	g := l.Grants()[0]
	end, _ := g.Lapses()
	fmt.Println(g.ValidAt(-1), g.ValidAt(0), g.ValidAt(10), g.ValidAt(11), end)
	// Output: false true true false 11
}
