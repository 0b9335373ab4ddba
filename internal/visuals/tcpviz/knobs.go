package tcpviz

import (
	"fmt"
	"slices"

	"charm.land/bubbles/v2/key"

	"tutor/internal/visual"
	"tutor/solutions/tcp"
)

// knobs: x loses the next segment sent after the frame on screen; p
// switches between the RFC and Linux profiles; [ and ] change the seed.
var knobs = []visual.Knob[input, *recording]{
	{
		Key:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "drop the next segment")),
		Turn: dropNext,
	},
	{
		Key:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "RFC or Linux timers (RTO floor, initial window, TIME-WAIT)")),
		Turn: switchProfile,
	},
	{
		Key:  key.NewBinding(key.WithKeys("[", "]"), key.WithHelp("[/]", "other random losses, duplicates, reorders (seed -1/+1)")),
		Turn: reseed,
	},
}

// dropNext adds to --drop-seg the segment sent next after frame, by the
// numbers the network gave the segments sent so far.
func dropNext(in input, rec *recording, frame int, _ string) (input, error) {
	next := 1
	for _, f := range rec.frames[:frame+1] {
		if f.ev.HasSeg && f.ev.Sent {
			next = f.ev.Delivery.Num + 1
		}
	}
	last := 0
	for _, f := range rec.frames {
		if f.ev.HasSeg && f.ev.Sent {
			last = f.ev.Delivery.Num
		}
	}
	if next > last {
		return in, fmt.Errorf("no segment is sent after this step")
	}
	if slices.Contains(in.cfg.Net.DropSeg, next) {
		return in, fmt.Errorf("segment %d is already dropped", next)
	}
	in.cfg.Net.DropSeg = append(slices.Clone(in.cfg.Net.DropSeg), next)
	slices.Sort(in.cfg.Net.DropSeg)
	return in, nil
}

// switchProfile switches between the RFC and Linux profiles.
func switchProfile(in input, _ *recording, _ int, _ string) (input, error) {
	if in.cfg.Profile == tcp.ProfileRFC {
		in.cfg.Profile = tcp.ProfileLinux
	} else {
		in.cfg.Profile = tcp.ProfileRFC
	}
	return in, nil
}

// reseed moves the seed down ([) or up (]).
func reseed(in input, _ *recording, _ int, pressed string) (input, error) {
	if pressed == "[" {
		if in.cfg.Net.Seed == 0 {
			return in, fmt.Errorf("the seed is 0 already")
		}
		in.cfg.Net.Seed--
	} else {
		in.cfg.Net.Seed++
	}
	return in, nil
}
