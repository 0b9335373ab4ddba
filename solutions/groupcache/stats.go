package groupcache

import "sync/atomic"

// Stats are a group's counters on one peer. A client's Get counts once in
// Gets and once in one of Hits, HotHits, or the path its load took.
type Stats struct {
	// Gets counts clients' Get calls on this peer.
	Gets int64 `json:"gets"`
	// Hits counts lookups found in the main cache (by Gets, by served
	// requests, and by a load that found the key cached on arrival).
	Hits int64 `json:"hits"`
	// HotHits counts lookups found in the hot cache.
	HotHits int64 `json:"hot_hits"`
	// PeerLoads counts values fetched from their owner.
	PeerLoads int64 `json:"peer_loads"`
	// PeerErrors counts requests to an owner that failed.
	PeerErrors int64 `json:"peer_errors"`
	// LocalLoads counts keys owned by another peer that this peer loaded
	// from the source itself because the owner failed.
	LocalLoads int64 `json:"local_loads"`
	// SourceLoads counts calls of the Getter: the loads from the slow
	// source.
	SourceLoads int64 `json:"source_loads"`
	// Dedups counts callers that joined a load in flight instead of
	// starting their own.
	Dedups int64 `json:"dedups"`
	// Served counts requests from other peers that this peer answered.
	Served int64 `json:"served"`
}

// counters are the Stats, updated atomically.
type counters struct {
	gets, hits, hotHits, peerLoads, peerErrors, localLoads, sourceLoads, dedups, served atomic.Int64
}

func (c *counters) snapshot() Stats {
	return Stats{
		Gets:        c.gets.Load(),
		Hits:        c.hits.Load(),
		HotHits:     c.hotHits.Load(),
		PeerLoads:   c.peerLoads.Load(),
		PeerErrors:  c.peerErrors.Load(),
		LocalLoads:  c.localLoads.Load(),
		SourceLoads: c.sourceLoads.Load(),
		Dedups:      c.dedups.Load(),
		Served:      c.served.Load(),
	}
}

// Add returns the sum of s and t, field by field: the counters of a
// cluster.
func (s Stats) Add(t Stats) Stats {
	return Stats{
		Gets:        s.Gets + t.Gets,
		Hits:        s.Hits + t.Hits,
		HotHits:     s.HotHits + t.HotHits,
		PeerLoads:   s.PeerLoads + t.PeerLoads,
		PeerErrors:  s.PeerErrors + t.PeerErrors,
		LocalLoads:  s.LocalLoads + t.LocalLoads,
		SourceLoads: s.SourceLoads + t.SourceLoads,
		Dedups:      s.Dedups + t.Dedups,
		Served:      s.Served + t.Served,
	}
}
