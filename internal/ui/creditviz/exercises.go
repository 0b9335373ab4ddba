package creditviz

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	visual "tutor/internal/visual/legacy"
	"tutor/solutions/credits"
)

func (viz) Exercises() []visual.ExerciseKind {
	return []visual.ExerciseKind{
		{ID: "credits.balance", Title: "the balance at t after a short history", New: newBalance},
		{ID: "credits.next-grant", Title: "which grant a charge uses first", New: newNextGrant},
		{ID: "credits.shortfall", Title: "how much of a charge goes unpaid", New: newShortfall},
	}
}

// history draws grants a, b, c... and charges over t in [0, 12], and
// returns them as an input and the ledger that grades the answers.
func history(r *rand.Rand, grants, charges int) (input, *credits.Ledger) {
	var in input
	for i := range grants {
		in.ops = append(in.ops, op{grant: true, credit: credits.Credit{
			ID:     string(rune('a' + i)),
			Amount: int64(10 * (1 + r.IntN(10))),
			Time:   int64(r.IntN(8)),
			Expire: int64(1 + r.IntN(8)),
		}})
	}
	for range charges {
		in.ops = append(in.ops, op{debit: credits.Debit{
			Amount: int64(10 * (1 + r.IntN(12))),
			Time:   int64(1 + r.IntN(11)),
		}})
	}
	r.Shuffle(len(in.ops), func(i, j int) { in.ops[i], in.ops[j] = in.ops[j], in.ops[i] })
	l, err := in.ledger()
	if err != nil { // cannot happen: the values are all valid
		panic(err)
	}
	return in, l
}

// describe lists the history for a question, in the order recorded.
func (in input) describe() string {
	var b strings.Builder
	for _, o := range in.ops {
		if o.grant {
			c := o.credit
			fmt.Fprintf(&b, "  grant %s: %d credits at t=%d, valid through t=%d (%s)\n",
				c.ID, c.Amount, c.Time, c.Time+c.Expire, c)
		} else {
			fmt.Fprintf(&b, "  charge %d at t=%d (%s)\n", o.debit.Amount, o.debit.Time, o.debit)
		}
	}
	return b.String()
}

// number reads an answer leniently: case, spaces, commas, underscores and
// a trailing "credits" do not matter.
func number(answer string) (int64, bool) {
	s := strings.ToLower(answer)
	s = strings.NewReplacer(" ", "", ",", "", "_", "", "\t", "").Replace(s)
	s = strings.TrimSuffix(strings.TrimSuffix(s, "credits"), "credit")
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

func newBalance(r *rand.Rand) visual.Exercise {
	in, l := history(r, 2+r.IntN(2), 1+r.IntN(2))
	at := int64(r.IntN(14))
	in.at = at
	return visual.Exercise{
		Question: fmt.Sprintf("A ledger records, in this order:\n%sWhat is the balance at t=%d? (grants are valid through their last instant)", in.describe(), at),
		Answer:   strconv.FormatInt(l.BalanceAt(at), 10),
		Check: func(answer string) bool {
			n, ok := number(answer)
			return ok && n == l.BalanceAt(at)
		},
		Args: in.args(at),
	}
}

// firstUse returns the id of the first grant the charge at t draws from,
// or "none" when it finds no valid grant.
func firstUse(l *credits.Ledger, t int64) string {
	first, charged := "none", false
	l.Replay(t, func(ev credits.Event) {
		switch {
		case ev.Step == credits.StepCharge && ev.Time == t:
			charged = true
		case ev.Step == credits.StepPop && charged && first == "none":
			first = ev.Grant.ID
		}
	})
	return first
}

func newNextGrant(r *rand.Rand) visual.Exercise {
	var in input
	var l *credits.Ledger
	var t int64
	// Draw until the charge has at least two grants to choose from.
	for {
		in, l = history(r, 3+r.IntN(2), 0)
		t = int64(2 + r.IntN(8))
		valid := 0
		for _, o := range in.ops {
			if o.credit.Time <= t && t <= o.credit.Time+o.credit.Expire {
				valid++
			}
		}
		if valid >= 2 {
			break
		}
	}
	d := credits.Debit{Amount: int64(10 * (1 + r.IntN(5))), Time: t}
	in.ops = append(in.ops, op{debit: d})
	if err := l.Charge(d.Amount, d.Time); err != nil {
		panic(err) // cannot happen: the amount is positive
	}
	in.at = t
	answer := firstUse(l, t)
	return visual.Exercise{
		Question: fmt.Sprintf("A ledger records, in this order:\n%sWhich grant does the charge at t=%d take credits from first? (its id, or none)", in.describe(), t),
		Answer:   answer,
		Check: func(a string) bool {
			a = strings.ToLower(strings.Join(strings.Fields(a), ""))
			return a != "" && a == firstUse(l, t)
		},
		Args: in.args(t),
	}
}

func newShortfall(r *rand.Rand) visual.Exercise {
	in, l := history(r, 1+r.IntN(3), 0)
	t := int64(1 + r.IntN(10))
	d := credits.Debit{Amount: int64(10 * (5 + r.IntN(20))), Time: t}
	in.ops = append(in.ops, op{debit: d})
	if err := l.Charge(d.Amount, d.Time); err != nil {
		panic(err) // cannot happen: the amount is positive
	}
	in.at = t
	unpaid := l.ShortfallAt(t)
	return visual.Exercise{
		Question: fmt.Sprintf("A ledger records, in this order:\n%sHow many credits of the charge of %d at t=%d go unpaid (the shortfall)?", in.describe(), d.Amount, t),
		Answer:   strconv.FormatInt(unpaid, 10),
		Check: func(answer string) bool {
			n, ok := number(answer)
			return ok && n == l.ShortfallAt(t)
		},
		Args: in.args(t),
	}
}
