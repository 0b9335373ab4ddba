// Package groupcacheviz is the visualization of solutions/groupcache:
// three (one to five) peers as boxes with their main and hot caches and
// their counters, the consistent-hash ring with every peer's virtual
// nodes and the key's hash, the request of the step as an arrow between
// a client, the peers and the slow source, and the round's crowd of
// concurrent clients for one key collapsing into one load.
//
// Every run goes through the solution's own deterministic driver
// (groupcache.Serial) over its in-memory HTTP transport, so the real
// handlers and client code run, one step at a time, in the same order
// every run. Every frame is copied from an event of the solution's
// observer (groupcache.Event): a peer's caches and counters are those of
// its latest event, a client's place that of its latest event.
package groupcacheviz

import "tutor/internal/visual"

// spec is the groupcache visualization as the kernel runs it.
var spec = visual.Spec[input, *recording]{
	Name:    "groupcache",
	Usage:   usage,
	Source:  "groupcache/group.go",
	Default: []string{"--peers", "3", "--get", "k1,k1,k2", "--clients", "10"},
	Examples: [][]string{
		{"--peers", "3", "--get", "k1,k2", "--clients", "4", "--down", "B"},
		// Penetration: the source has no row for k9, nothing is cached,
		// and each round every peer asked loads it again.
		{"--peers", "3", "--get", "k9,k9", "--clients", "5", "--missing", "k9"},
	},
	Parse:     parse,
	Format:    format,
	Record:    record,
	Knobs:     knobs,
	Exercises: exercises,
}

// New returns the groupcache visualization.
func New() visual.Visual { return spec.Visual() }
