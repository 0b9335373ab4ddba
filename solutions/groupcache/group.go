package groupcache

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"tutor/solutions/lru"
	"tutor/solutions/singleflight"
)

// Getter loads a key's value from the slow source (a database, a file, a
// computation). It is called at most once at a time per key on a peer,
// and, while the owner is up, on the owner only. ctx carries the client
// id (Client) of the Get that caused the load.
type Getter interface {
	Get(ctx context.Context, key string) ([]byte, error)
}

// GetterFunc is a function that is a Getter.
type GetterFunc func(ctx context.Context, key string) ([]byte, error)

// Get calls f(ctx, key).
func (f GetterFunc) Get(ctx context.Context, key string) ([]byte, error) { return f(ctx, key) }

// Group is a named cache of values loaded by a Getter and spread over a
// cluster of peers: each key has one owner, chosen by a consistent-hash
// ring, which alone loads it from the source and keeps it in its main
// cache; the other peers ask the owner over HTTP and keep what it answers
// in a smaller hot cache. Concurrent Gets of a key on one peer share one
// load. There is no Set, no Delete and no expiry: a value, once loaded, is
// the value until evicted.
//
// Make one with NewGroup. A Group is safe for concurrent use; set Observe
// before the first Get.
type Group struct {
	// Observe, when set, receives each step of every Get and served
	// request, on the goroutine taking it and with no lock held. It is
	// called concurrently when Gets run concurrently.
	Observe func(Event)

	name   string
	getter Getter
	peers  *Peers

	mu   sync.Mutex // guards main and hot, whose Get moves a key
	main *lru.LRU[string, string]
	hot  *lru.LRU[string, string]

	flight singleflight.Group
	stats  counters
}

// NewGroup returns a group named name that loads values with getter and
// keeps at most mainKeys keys in its main cache and hotKeys in its hot
// cache, least recently used evicted first. With peers it registers
// itself with them, to serve their requests, and asks the owner of each
// key; with nil peers it is a cache of one process that loads every key
// itself.
func NewGroup(name string, mainKeys, hotKeys int, getter Getter, peers *Peers) (*Group, error) {
	if name == "" {
		return nil, errors.New("groupcache: empty group name")
	}
	if getter == nil {
		return nil, fmt.Errorf("groupcache: group %q: nil Getter", name)
	}
	main, err := lru.NewLRU[string, string](mainKeys)
	if err != nil {
		return nil, fmt.Errorf("groupcache: group %q: main cache: %w", name, err)
	}
	hot, err := lru.NewLRU[string, string](hotKeys)
	if err != nil {
		return nil, fmt.Errorf("groupcache: group %q: hot cache: %w", name, err)
	}
	g := &Group{name: name, getter: getter, peers: peers, main: main, hot: hot}
	if peers != nil {
		if err := peers.register(g); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// Name is the group's name.
func (g *Group) Name() string { return g.name }

// Stats returns the group's counters on this peer.
func (g *Group) Stats() Stats { return g.stats.snapshot() }

// MainKeys returns the keys of the main cache, the most recently used
// first.
func (g *Group) MainKeys() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.main.Keys(nil)
}

// HotKeys returns the keys of the hot cache, the most recently used
// first.
func (g *Group) HotKeys() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.hot.Keys(nil)
}

// call is what one Get or served request knows about itself, for its
// events.
type call struct {
	client, from, key string
}

// Get returns the value of key: from the main or the hot cache, else from
// the key's owner, else from the Getter. A peer that does not answer is
// not an error: this peer then loads the key itself. Only the Getter's
// error (or an empty key) is returned. The caller may keep and change the
// returned slice.
func (g *Group) Get(ctx context.Context, key string) ([]byte, error) {
	c := call{client: Client(ctx), key: key}
	g.stats.gets.Add(1) // step: lookup
	g.emit(c, Event{Step: StepLookup})
	if key == "" {
		err := errors.New("groupcache: empty key")
		g.emit(c, Event{Step: StepReply, Err: err.Error()})
		return nil, err
	}
	v, ok := g.lookup(c)
	if !ok {
		var err error
		if v, err = g.load(ctx, c, true); err != nil {
			g.emit(c, Event{Step: StepReply, Err: err.Error()})
			return nil, err
		}
	}
	g.emit(c, Event{Step: StepReply, Value: v}) // step: reply
	return []byte(v), nil
}

// serve answers a peer's request for key, from its caches or by loading
// it, never asking another peer.
func (g *Group) serve(ctx context.Context, from, key string) (string, error) {
	c := call{client: Client(ctx), from: from, key: key}
	g.stats.served.Add(1) // step: serve
	g.emit(c, Event{Step: StepServe})
	v, ok := g.lookup(c)
	if !ok {
		var err error
		if v, err = g.load(ctx, c, false); err != nil {
			g.emit(c, Event{Step: StepReply, Err: err.Error()})
			return "", err
		}
	}
	g.emit(c, Event{Step: StepReply, Value: v})
	return v, nil
}

// lookup looks for the key in the main cache, then in the hot cache, and
// reports a miss as a step.
func (g *Group) lookup(c call) (string, bool) {
	g.mu.Lock()
	v, ok := g.main.Get(c.key)
	var inHot bool
	if !ok {
		v, inHot = g.hot.Get(c.key)
	}
	g.mu.Unlock()
	switch {
	case ok:
		g.stats.hits.Add(1) // step: hit-main
		g.emit(c, Event{Step: StepHitMain, Value: v})
		return v, true
	case inHot:
		g.stats.hotHits.Add(1) // step: hit-hot
		g.emit(c, Event{Step: StepHitHot, Value: v})
		return v, true
	}
	g.emit(c, Event{Step: StepMiss}) // step: miss
	return "", false
}

// load runs the key's load once for all concurrent callers on this peer:
// the first runs fetch, the others wait for it.
func (g *Group) load(ctx context.Context, c call, remote bool) (string, error) {
	observe := func(e singleflight.Event) {
		switch e.Step {
		case singleflight.StepJoin:
			g.stats.dedups.Add(1) // step: dedup-join
			g.emit(c, Event{Step: StepDedupJoin, Waiters: e.Dups})
		case singleflight.StepDone:
			g.emit(c, Event{Step: StepFlightDone, Waiters: e.Dups, Err: errText(e.Err)}) // step: flight-done
		case singleflight.StepWake:
			g.emit(c, Event{Step: StepDedupShared, Waiters: e.Dups, Err: errText(e.Err)}) // step: dedup-shared
		}
	}
	v, err, _ := g.flight.DoObserved(c.key, observe, func() (any, error) {
		return g.fetch(ctx, c, remote)
	})
	if err != nil {
		return "", err
	}
	return v.(string), nil
}

// fetch is the load itself: a last look in the main cache (a load that
// finished just before this one began may have filled it), then the owner,
// then the source.
func (g *Group) fetch(ctx context.Context, c call, remote bool) (string, error) {
	g.mu.Lock()
	v, ok := g.main.Get(c.key)
	g.mu.Unlock()
	if ok {
		g.stats.hits.Add(1)
		g.emit(c, Event{Step: StepHitMain, Value: v})
		return v, nil
	}
	if remote && g.peers != nil {
		pos := g.peers.locate(c.key)
		owner := pos.Point.Node
		g.emit(c, Event{Step: StepOwner, Owner: owner, Ring: pos}) // step: owner
		if owner != "" && owner != g.peers.self {
			g.emit(c, Event{Step: StepPeerRequest, Owner: owner}) // step: peer-request
			v, err := g.peers.fetch(ctx, owner, g.name, c.key)
			if err == nil {
				g.stats.peerLoads.Add(1) // step: peer-answer
				g.emit(c, Event{Step: StepPeerAnswer, Owner: owner, Value: v})
				g.mu.Lock()
				g.hot.Put(c.key, v) // step: cache-hot
				g.mu.Unlock()
				g.emit(c, Event{Step: StepCacheHot, Value: v})
				return v, nil
			}
			g.stats.peerErrors.Add(1) // step: peer-fail
			g.stats.localLoads.Add(1)
			g.emit(c, Event{Step: StepPeerFail, Owner: owner, Err: err.Error()})
		}
	}
	g.stats.sourceLoads.Add(1) // step: load-source
	g.emit(c, Event{Step: StepLoadSource})
	b, err := g.getter.Get(ctx, c.key)
	if err != nil {
		g.emit(c, Event{Step: StepLoadError, Err: err.Error()}) // step: load-error
		return "", fmt.Errorf("groupcache: group %q: load %q: %w", g.name, c.key, err)
	}
	v = string(b)
	g.mu.Lock()
	g.main.Put(c.key, v) // step: cache-main
	g.mu.Unlock()
	g.emit(c, Event{Step: StepCacheMain, Value: v})
	return v, nil
}

// emit completes e with the call and this peer's state and hands it to
// the observer.
func (g *Group) emit(c call, e Event) {
	if g.Observe == nil {
		return
	}
	e.Group, e.Client, e.From, e.Key = g.name, c.client, c.from, c.key
	if g.peers != nil {
		e.Peer = g.peers.self
	}
	e.Main, e.Hot = g.MainKeys(), g.HotKeys()
	e.Stats = g.stats.snapshot()
	e.Explain = explain(e)
	g.Observe(e)
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// Peers returns the peers the group was made with, or nil.
func (g *Group) Peers() *Peers { return g.peers }
