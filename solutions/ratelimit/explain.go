package ratelimit

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Explain is one sentence for a learner about e, with the actual values,
// instants written in seconds after origin ("1.05s").
func (e Event) Explain(origin time.Time) string {
	s := func(t time.Time) string { return Seconds(t.Sub(origin)) }
	req := requests(e.N)
	end := e.WindowStart.Add(e.Window)
	per := fmt.Sprintf("%d per %s", e.Limit, Seconds(e.Window))
	switch e.Step {
	case StepFixedArrive:
		return fmt.Sprintf("%s at %s; the window counted last, [%s, %s), holds %d of %d", req, s(e.At), s(e.WindowStart), s(end), e.Count, e.Limit)
	case StepFixedRoll:
		return fmt.Sprintf("%s is in a new fixed window [%s, %s): its count starts at 0, whatever came just before", s(e.At), s(e.WindowStart), s(end))
	case StepFixedAllow:
		return fmt.Sprintf("count %d + %d is within the limit %d: allowed; [%s, %s) has now counted %d", e.Count-e.N, e.N, e.Limit, s(e.WindowStart), s(end), e.Count)
	case StepFixedDeny:
		return fmt.Sprintf("count %d + %d is over the limit %d: denied (%s) until the window ends at %s", e.Count, e.N, e.Limit, e.Reason, s(end))

	case StepLogArrive:
		return fmt.Sprintf("%s at %s; the log holds %d instants, the limit is %s", req, s(e.At), e.Count, per)
	case StepLogExpire:
		return fmt.Sprintf("%s at or before %s, a window ago, leave the log: %s; %d remain", count(len(e.Expired), "entry", "entries"), s(e.WindowStart), list(e.Expired, s), e.Count)
	case StepLogAllow:
		return fmt.Sprintf("%d in (%s, %s] + %d is within %d: allowed, and %s is logged", e.Count-e.N, s(e.WindowStart), s(e.At), e.N, e.Limit, s(e.At))
	case StepLogDeny:
		msg := fmt.Sprintf("%d in (%s, %s] + %d is over %d: denied (%s)", e.Count, s(e.WindowStart), s(e.At), e.N, e.Limit, e.Reason)
		if len(e.Log) > 0 && e.Reason == ReasonCount {
			msg += fmt.Sprintf("; the oldest, %s, leaves at %s", s(e.Log[0]), s(e.Log[0].Add(e.Window)))
		}
		return msg

	case StepCounterArrive:
		return fmt.Sprintf("%s at %s; the counts are %d in the previous window and %d in [%s, %s)", req, s(e.At), e.Prev, e.Count, s(e.WindowStart), s(end))
	case StepCounterRoll:
		if e.Prev == 0 {
			return fmt.Sprintf("%s starts the window [%s, %s): the current count is 0 and the previous one 0", s(e.At), s(e.WindowStart), s(end))
		}
		return fmt.Sprintf("%s starts the window [%s, %s): the %d of the last window become the previous count, the current is 0", s(e.At), s(e.WindowStart), s(end), e.Prev)
	case StepCounterAllow, StepCounterDeny:
		verdict := "within"
		if !e.Allowed {
			verdict = "over"
		}
		cur := e.Count
		if e.Allowed {
			cur -= e.N
		}
		msg := fmt.Sprintf("estimate %d×%s + %d = %s; + %d is %s the limit %d", e.Prev, num(e.Weight), cur, num(e.Estimate), e.N, verdict, e.Limit)
		if e.Allowed {
			return msg + ": allowed"
		}
		return msg + fmt.Sprintf(": denied (%s)", e.Reason)

	case StepSlotsArrive:
		return fmt.Sprintf("%s at %s; the slots of (%s, %s] count %d of %d", req, s(e.At), s(e.WindowStart), s(e.At), e.Count, e.Limit)
	case StepSlotExpire:
		parts := make([]string, len(e.ExpiredSlots))
		for i, sl := range e.ExpiredSlots {
			parts[i] = fmt.Sprintf("%s (%d)", s(sl.Start), sl.Count)
		}
		return fmt.Sprintf("the %s starting %s fell out of the window and %s emptied; the rest count %d", count(len(parts), "slot", "slots"), strings.Join(parts, ", "), isAre(len(parts)), e.Count)
	case StepSlotsAllow:
		return fmt.Sprintf("the slots count %d + %d, within %d: allowed, counted in the slot of %s", e.Count-e.N, e.N, e.Limit, s(e.Slots[len(e.Slots)-1].Start))
	case StepSlotsDeny:
		return fmt.Sprintf("the slots count %d + %d, over %d: denied (%s)", e.Count, e.N, e.Limit, e.Reason)

	case StepBucketArrive:
		return fmt.Sprintf("%s at %s; the bucket held %s of %d tokens after the last request", req, s(e.At), num(e.Tokens), e.Burst)
	case StepBucketRefill:
		return fmt.Sprintf("the time since then adds %s tokens at %s, up to %d: %s now", num(e.Added), per, e.Burst, num(e.Tokens))
	case StepBucketAllow:
		return fmt.Sprintf("%s tokens are there: allowed, %d spent, %s left", num(e.Tokens+float64(e.N)), e.N, num(e.Tokens))
	case StepBucketDeny:
		return fmt.Sprintf("%s tokens, fewer than %d: denied (%s), nothing spent", num(e.Tokens), e.N, e.Reason)

	case StepLeakyArrive:
		return fmt.Sprintf("%s at %s; %d of %d places in the queue are taken, the drain is %s", req, s(e.At), e.Count, e.Burst, per)
	case StepLeakyDrain:
		return fmt.Sprintf("the drain served %s by %s (at %s); %d still wait", count(len(e.Drained), "queued request", "queued requests"), s(e.At), list(e.Drained, s), e.Count)
	case StepLeakyAllow:
		if e.Departs.Equal(e.At) {
			return fmt.Sprintf("the drain is free at %s: admitted and served at once; %d wait", s(e.At), e.Count)
		}
		return fmt.Sprintf("admitted to the queue, place %d of %d: served at %s", e.Count, e.Burst, s(e.Departs))
	case StepLeakyDrop:
		return fmt.Sprintf("%d of %d places are taken and %s cannot wait in them: dropped (%s)", e.Count, e.Burst, req, e.Reason)
	}
	return string(e.Step)
}

// Seconds writes d in seconds with at most three decimals: "1.05s".
func Seconds(d time.Duration) string {
	return num(d.Seconds()) + "s"
}

// num writes x with at most three decimals, no trailing zeros.
func num(x float64) string {
	s := strconv.FormatFloat(x, 'f', 3, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// requests is "a request" or "n requests".
func requests(n int) string {
	if n == 1 {
		return "a request"
	}
	return fmt.Sprintf("%d requests", n)
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// list writes at most five instants, then how many more.
func list(ts []time.Time, s func(time.Time) string) string {
	var parts []string
	for i, t := range ts {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("and %d more", len(ts)-5))
			break
		}
		parts = append(parts, s(t))
	}
	return strings.Join(parts, ", ")
}
