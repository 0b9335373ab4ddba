package creditviz

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"tutor/internal/visual"
	"tutor/solutions/credits"
)

// exercises are the quiz exercises the ledger grades.
var exercises = []visual.ExerciseKind{
	{ID: "credits.balance", Title: "the balance at t after a short history", New: newBalance},
	{ID: "credits.next-grant", Title: "which grant a charge uses first", New: newNextGrant},
	{ID: "credits.shortfall", Title: "how much of a charge goes unpaid", New: newShortfall},
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

// describe lists the history for a question, in the order recorded, each
// grant with the last time it is valid as l reports it.
func describe(in input, l *credits.Ledger) string {
	grants := l.Grants()
	var b strings.Builder
	k := 0
	for _, o := range in.ops {
		if o.grant {
			g := grants[k] // the ledger's grants are in the order recorded
			k++
			fmt.Fprintf(&b, "  grant %s: %d credits at t=%d, valid through t=%d (%s)\n",
				g.ID, g.Amount, g.Start, g.Expiry, o.credit)
		} else {
			fmt.Fprintf(&b, "  charge %d at t=%d (%s)\n", o.debit.Amount, o.debit.Time, o.debit)
		}
	}
	return b.String()
}

// numberHint says what to change in an answer that is not a number of
// credits; "" for a number, right or wrong.
func numberHint(answer string) string {
	if _, ok := number(answer); ok || strings.TrimSpace(answer) == "" {
		return ""
	}
	return "write the number of credits in digits, e.g. 40"
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
		Question: fmt.Sprintf("A ledger records, in this order:\n%sWhat is the balance at t=%d? (grants are valid through their last instant)", describe(in, l), at),
		Answer:   strconv.FormatInt(l.BalanceAt(at), 10),
		Check: func(answer string) bool {
			n, ok := number(answer)
			return ok && n == l.BalanceAt(at)
		},
		Hint: numberHint,
		Args: in.format(),
	}
}

// firstUse returns the id of the first grant the charge at t draws from,
// or "none" when it finds no valid grant, as l's replay to t reports it.
func firstUse(l *credits.Ledger, t int64) string {
	first, charged := "none", false
	l.Observe = func(ev credits.Event) {
		switch {
		case ev.Step == credits.StepCharge && ev.Time == t:
			charged = true
		case ev.Step == credits.StepPop && charged && first == "none":
			first = ev.Grant.ID
		}
	}
	l.Replay(t)
	l.Observe = nil
	return first
}

// validAt counts the grants of l valid at t, as the ledger's rule says.
func validAt(l *credits.Ledger, t int64) int {
	n := 0
	for _, g := range l.Grants() {
		if g.ValidAt(t) {
			n++
		}
	}
	return n
}

func newNextGrant(r *rand.Rand) visual.Exercise {
	var in input
	var l *credits.Ledger
	var t int64
	// Draw until the charge has at least two grants to choose from.
	for {
		in, l = history(r, 3+r.IntN(2), 0)
		t = int64(2 + r.IntN(8))
		if validAt(l, t) >= 2 {
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
		Question: fmt.Sprintf("A ledger records, in this order:\n%sWhich grant does the charge at t=%d take credits from first? (its id, or none)", describe(in, l), t),
		Answer:   answer,
		Check: func(a string) bool {
			a = strings.ToLower(strings.Join(strings.Fields(a), ""))
			return a != "" && a == firstUse(l, t)
		},
		Hint: func(a string) string {
			a = strings.ToLower(strings.Join(strings.Fields(a), ""))
			if a == "" || a == "none" {
				return ""
			}
			for _, g := range l.Grants() {
				if a == strings.ToLower(g.ID) {
					return ""
				}
			}
			return "write a grant's id alone, as the ledger lists it (a, b, ...), or none"
		},
		Args: in.format(),
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
		Question: fmt.Sprintf("A ledger records, in this order:\n%sHow many credits of the charge of %d at t=%d go unpaid (the shortfall)?", describe(in, l), d.Amount, t),
		Answer:   strconv.FormatInt(unpaid, 10),
		Check: func(answer string) bool {
			n, ok := number(answer)
			return ok && n == l.ShortfallAt(t)
		},
		Hint: numberHint,
		Args: in.format(),
	}
}
