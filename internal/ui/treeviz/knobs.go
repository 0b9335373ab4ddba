package treeviz

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"

	visual "tutor/internal/visual/legacy"
	"tutor/solutions/machinetree"
)

// Knobs: o cycles the delivery order; > and < deliver the next or the
// previous in-flight message instead of the one the run delivered after the
// current frame; a digit delivers that message. Each re-runs with --pick
// extended to the deliveries so far plus the new choice, so the learner can
// see that every order gives the same answer.
func (viz) Knobs() []visual.Knob {
	ks := []visual.Knob{
		{Key: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "delivery order")), Turn: turnOrder},
		{Key: key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "deliver the next message instead")), Turn: shiftPick(1)},
		{Key: key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "deliver the previous message instead")), Turn: shiftPick(-1)},
	}
	digits := strings.Fields("0 1 2 3 4 5 6 7 8 9")
	ks = append(ks, visual.Knob{
		Key: key.NewBinding(key.WithKeys(digits...), key.WithHelp("0-9", "deliver message #k next")),
		TurnKey: func(k string, r visual.Run, frame int, args []string) ([]string, error) {
			d, err := strconv.Atoi(k)
			if err != nil || d < 0 || d > 9 {
				return nil, fmt.Errorf("key %q is not a message number", k)
			}
			return pickIndex(d)(r, frame, args)
		},
	})
	return ks
}

// without returns args less every use of the flag name ("-name v",
// "--name v", "-name=v", "--name=v").
func without(args []string, name string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := strings.TrimLeft(args[i], "-")
		if !strings.HasPrefix(args[i], "-") {
			out = append(out, args[i])
			continue
		}
		if a == name {
			i++ // skip its value
			continue
		}
		if strings.HasPrefix(a, name+"=") {
			continue
		}
		out = append(out, args[i])
	}
	return out
}

func turnOrder(r visual.Run, frame int, args []string) ([]string, error) {
	in, err := parse(args)
	if err != nil {
		return nil, err
	}
	i := slices.Index(machinetree.Orders, in.order)
	next := machinetree.Orders[(i+1)%len(machinetree.Orders)]
	out := without(without(args, "order"), "pick")
	return append(out, "--order", next.String()), nil
}

// choose returns args with --pick set to the deliveries up to frame, then
// the index pick(current, inFlight) for the next delivery.
func choose(r visual.Run, frame int, args []string, pick func(cur, n int) (int, error)) ([]string, error) {
	rr, ok := r.(*run)
	if !ok {
		return nil, fmt.Errorf("not a tree run")
	}
	d := rr.frames[rr.clamp(frame)].deliveries
	if d >= len(rr.picked) {
		return nil, fmt.Errorf("nothing is left in flight after this step")
	}
	k, err := pick(rr.picked[d], rr.before[d])
	if err != nil {
		return nil, err
	}
	picks := append(slices.Clone(rr.picked[:d]), k)
	strs := make([]string, len(picks))
	for j, p := range picks {
		strs[j] = strconv.Itoa(p)
	}
	return append(without(args, "pick"), "--pick", strings.Join(strs, ",")), nil
}

func shiftPick(delta int) func(visual.Run, int, []string) ([]string, error) {
	return func(r visual.Run, frame int, args []string) ([]string, error) {
		return choose(r, frame, args, func(cur, n int) (int, error) {
			return ((cur+delta)%n + n) % n, nil
		})
	}
}

func pickIndex(k int) func(visual.Run, int, []string) ([]string, error) {
	return func(r visual.Run, frame int, args []string) ([]string, error) {
		return choose(r, frame, args, func(_, n int) (int, error) {
			if k >= n {
				return 0, fmt.Errorf("message #%d is not in flight: %d are (#0 to #%d)", k, n, n-1)
			}
			return k, nil
		})
	}
}
