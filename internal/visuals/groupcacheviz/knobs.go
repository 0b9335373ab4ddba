package groupcacheviz

import (
	"errors"
	"slices"

	"charm.land/bubbles/v2/key"

	"tutor/internal/visual"
)

// knobs: y takes down the owner of the round's key on screen, or brings
// it back; w and W step the virtual nodes of a peer down and up; [ and ]
// step the clients of a round down and up.
var knobs = []visual.Knob[input, *recording]{
	{
		Key:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "down/up: the key's owner")),
		Turn: toggleOwner,
	},
	{
		Key:  key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "fewer virtual nodes")),
		Turn: stepper(replicaSteps, func(in *input) *int { return &in.replicas }, -1),
	},
	{
		Key:  key.NewBinding(key.WithKeys("W"), key.WithHelp("W", "more virtual nodes")),
		Turn: stepper(replicaSteps, func(in *input) *int { return &in.replicas }, +1),
	},
	{
		Key:  key.NewBinding(key.WithKeys("["), key.WithHelp("[", "fewer clients")),
		Turn: stepper(clientSteps, func(in *input) *int { return &in.clients }, -1),
	},
	{
		Key:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "more clients")),
		Turn: stepper(clientSteps, func(in *input) *int { return &in.clients }, +1),
	},
}

// The values w, W, [ and ] step through (50 is groupcache's default
// number of virtual nodes).
var (
	replicaSteps = []int{1, 2, 3, 4, 5, 10, 20, 50, maxReplicas}
	clientSteps  = []int{1, 2, 3, 5, 10, 20, 50, maxClients}
)

// toggleOwner takes down the peer that owns the key of the round on
// screen, as the ring placed it, or brings it back up if it is down. The
// last peer up stays up: the clients need one to ask.
func toggleOwner(in input, rec *recording, frame int, _ string) (input, error) {
	f := rec.frames[frame]
	owner := peerIndex(label(rec.keyPos[f.round].Point.Node), in.peers)
	if owner < 0 {
		return in, errors.New("the key has no owner on the ring")
	}
	down := slices.Clone(in.down)
	if i := slices.Index(down, owner); i >= 0 {
		in.down = slices.Delete(down, i, i+1)
		return in, nil
	}
	if len(down)+1 >= in.peers {
		return in, errors.New("the owner is the last peer up: the clients need one to ask")
	}
	in.down = append(down, owner)
	slices.Sort(in.down)
	return in, nil
}

// stepper moves the field of in to the next value of steps below (d < 0)
// or above (d > 0) its value, staying at the ends.
func stepper(steps []int, field func(*input) *int, d int) func(input, *recording, int, string) (input, error) {
	return func(in input, _ *recording, _ int, _ string) (input, error) {
		v := field(&in)
		if d > 0 {
			for _, s := range steps {
				if s > *v {
					*v = s
					return in, nil
				}
			}
			return in, nil
		}
		for _, s := range slices.Backward(steps) {
			if s < *v {
				*v = s
				return in, nil
			}
		}
		return in, nil
	}
}
