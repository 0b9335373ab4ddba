package treeviz

import (
	"fmt"
	"slices"
	"strconv"

	"charm.land/bubbles/v2/key"

	"tutor/internal/visual"
	"tutor/solutions/machinetree"
)

// knob is a knob of this visual.
type knob = visual.Knob[input, *recording]

// knobs: o cycles the delivery order; > and < deliver the next or the
// previous in-flight message instead of the one the run delivered after
// the current frame; a digit delivers that message; d delivers the next
// message twice. Each but o pins the deliveries so far with --pick, so the
// run is the same up to the frame on screen and the learner sees that
// every order, and a duplicate, give the same answer.
var knobs = []knob{
	{Key: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "delivery order")), Turn: turnOrder},
	{Key: key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "deliver the next message instead")), Turn: shiftPick(1)},
	{Key: key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "deliver the previous message instead")), Turn: shiftPick(-1)},
	{
		Key:  key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("0-9", "deliver message #k next")),
		Turn: pickDigit,
	},
	{Key: key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "deliver the next message twice")), Turn: duplicateNext},
}

// turnOrder moves to the next delivery order and drops --pick, whose
// indexes belong to the old order's run.
func turnOrder(in input, _ *recording, _ int, _ string) (input, error) {
	i := slices.Index(machinetree.Orders, in.order)
	in.order = machinetree.Orders[(i+1)%len(machinetree.Orders)]
	in.picks = nil
	return in, nil
}

// next is the delivery that follows frame: its number among the
// deliveries, from 0, or an error when none is left.
func next(rec *recording, frame int) (int, error) {
	d := rec.frames[frame].deliveries
	if d >= len(rec.picked) {
		return 0, fmt.Errorf("nothing is left in flight after this step")
	}
	return d, nil
}

// choose returns in with picks set to the deliveries up to frame, then
// the index pick(current, inFlight) for the next delivery.
func choose(in input, rec *recording, frame int, pick func(cur, n int) (int, error)) (input, error) {
	d, err := next(rec, frame)
	if err != nil {
		return in, err
	}
	k, err := pick(rec.picked[d], rec.before[d])
	if err != nil {
		return in, err
	}
	in.picks = append(slices.Clone(rec.picked[:d]), k)
	return in, nil
}

// shiftPick delivers the message delta places after (or before) the one
// the run delivered next, wrapping around.
func shiftPick(delta int) func(input, *recording, int, string) (input, error) {
	return func(in input, rec *recording, frame int, _ string) (input, error) {
		return choose(in, rec, frame, func(cur, n int) (int, error) {
			return ((cur+delta)%n + n) % n, nil
		})
	}
}

// pickDigit delivers message #k next, k the digit pressed.
func pickDigit(in input, rec *recording, frame int, pressed string) (input, error) {
	k, err := strconv.Atoi(pressed)
	if err != nil || k < 0 || k > 9 {
		return in, fmt.Errorf("key %q is not a message number", pressed)
	}
	return choose(in, rec, frame, func(_, n int) (int, error) {
		if k >= n {
			return 0, fmt.Errorf("message #%d is not in flight: %d are (#0 to #%d)", k, n, n-1)
		}
		return k, nil
	})
}

// duplicateNext has the network deliver twice the message the run
// delivered after frame: --pick pins the deliveries up to and including
// it, so it is the same message, and --dup names it.
func duplicateNext(in input, rec *recording, frame int, _ string) (input, error) {
	d, err := next(rec, frame)
	if err != nil {
		return in, err
	}
	in.picks = slices.Clone(rec.picked[:d+1])
	in.dup = d + 1
	return in, nil
}
