package groupcache_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"tutor/solutions/groupcache"
)

// source is a slow source that counts its loads per key.
type source struct {
	mu    sync.Mutex
	loads map[string]int
	fail  map[string]bool
}

func newSource() *source { return &source{loads: map[string]int{}, fail: map[string]bool{}} }

func (s *source) Get(ctx context.Context, key string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loads[key]++
	if s.fail[key] {
		return nil, fmt.Errorf("no row for %q", key)
	}
	return []byte(want(key)), nil
}

func (s *source) count(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.loads[key]
}

func (s *source) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.loads {
		n += c
	}
	return n
}

func want(key string) string { return "v(" + key + ")" }

// memCluster is n peers named http://A, http://B... over one
// MemTransport, their groups loading through getter.
type memCluster struct {
	transport *groupcache.MemTransport
	urls      []string
	groups    []*groupcache.Group
}

func newMemCluster(t testing.TB, n, replicas int, getter groupcache.Getter, observe func(groupcache.Event)) *memCluster {
	t.Helper()
	c := &memCluster{transport: new(groupcache.MemTransport)}
	for i := range n {
		c.urls = append(c.urls, "http://"+string(rune('A'+i)))
	}
	for _, u := range c.urls {
		p := groupcache.NewPeers(u, replicas, c.transport)
		p.Set(c.urls...)
		c.transport.Handle(u, p)
		g, err := groupcache.NewGroup("g", 64, 16, getter, p)
		if err != nil {
			t.Fatal(err)
		}
		g.Observe = observe
		c.groups = append(c.groups, g)
	}
	return c
}

func (c *memCluster) stats() groupcache.Stats {
	var s groupcache.Stats
	for _, g := range c.groups {
		s = s.Add(g.Stats())
	}
	return s
}

// serialRun runs clients Gets of keys[i%len(keys)] on peer i%peers
// through a Serial, with the peers in down marked down, and returns the
// trace of events as lines: every field a picture draws.
func serialRun(t *testing.T, clients int, keys []string, down []int) ([]string, *source, *memCluster, []groupcache.Outcome) {
	t.Helper()
	s := groupcache.NewSerial()
	src := newSource()
	c := newMemCluster(t, 3, 10, s.Hold(src), s.Observe)
	for _, d := range down {
		c.transport.SetDown(c.urls[d], true)
	}
	var calls []groupcache.Call
	for i := range clients {
		calls = append(calls, groupcache.Call{Client: fmt.Sprintf("c%d", i+1), Group: c.groups[i%3], Key: keys[i%len(keys)]})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20e9)
	defer cancel()
	events, outs, err := s.Run(ctx, calls)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range events {
		lines = append(lines, fmt.Sprintf("%-5s %-3s %-13s %s: %s | main %v hot %v %+v", e.Peer[7:], e.Client, e.Step, e.Key, e.Explain, e.Main, e.Hot, e.Stats))
	}
	return lines, src, c, outs
}

func TestSerialRunIsRepeatable(t *testing.T) {
	for _, tc := range []struct {
		name    string
		clients int
		keys    []string
		down    []int
	}{
		{"crowd on one key", 10, []string{"k1"}, nil},
		{"two keys", 12, []string{"k1", "k2"}, nil},
		{"a peer down", 9, []string{"k1", "k2", "k3"}, []int{1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			first, src, c, outs := serialRun(t, tc.clients, tc.keys, tc.down)
			for _, o := range outs {
				if o.Err != nil || string(o.Value) != want(o.Key) {
					t.Errorf("client %s got %q, %v; want %q", o.Client, o.Value, o.Err, want(o.Key))
				}
			}
			// Loads from the source: one per key while its owner is up;
			// with a peer down, one more per peer that asked it in vain.
			for _, k := range tc.keys {
				owner := c.groups[0].Peers().Locate(k).Point.Node
				n := src.count(k)
				if !isDown(c, owner, tc.down) && n != 1 {
					t.Errorf("key %s loaded %d times from the source, want 1", k, n)
				}
			}
			if s := c.stats(); len(tc.down) == 0 && s.LocalLoads != 0 {
				t.Errorf("local loads %d with every peer up", s.LocalLoads)
			}
			for i := range 29 {
				again, _, _, _ := serialRun(t, tc.clients, tc.keys, tc.down)
				if d := firstDiff(first, again); d >= 0 {
					t.Fatalf("run %d differs from the first at event %d:\n%s\nvs\n%s", i+2, d, at(first, d), at(again, d))
				}
			}
			if testing.Verbose() {
				for _, l := range first {
					t.Log(l)
				}
			}
		})
	}
}

func isDown(c *memCluster, owner string, down []int) bool {
	for _, d := range down {
		if c.urls[d] == owner {
			return true
		}
	}
	return false
}

func firstDiff(a, b []string) int {
	for i := range max(len(a), len(b)) {
		if at(a, i) != at(b, i) {
			return i
		}
	}
	return -1
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "(end)"
}

var _ = atomic.Int64{}
