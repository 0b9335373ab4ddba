package groupcache_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tutor/solutions/groupcache"
	"tutor/solutions/hashring"
)

// tcpPeer is one peer of a cluster in this process: its group, and the
// HTTP server on a loopback port that serves the protocol.
type tcpPeer struct {
	url       string
	group     *groupcache.Group
	server    *http.Server
	transport *http.Transport
}

// newTCPCluster starts n peers on 127.0.0.1 ephemeral ports, loading
// through getter, and stops them when the test ends.
func newTCPCluster(t *testing.T, n int, getter groupcache.Getter, observe func(groupcache.Event)) []*tcpPeer {
	t.Helper()
	var peers []*tcpPeer
	var listeners []net.Listener
	var urls []string
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		listeners = append(listeners, l)
		urls = append(urls, "http://"+l.Addr().String())
	}
	for i, u := range urls {
		tr := &http.Transport{MaxIdleConnsPerHost: 64, ResponseHeaderTimeout: 10 * time.Second}
		p := groupcache.NewPeers(u, 50, tr)
		p.Timeout = 10 * time.Second
		p.Set(urls...)
		g, err := groupcache.NewGroup("g", 1000, 100, getter, p)
		if err != nil {
			t.Fatal(err)
		}
		g.Observe = observe
		srv := &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
		go srv.Serve(listeners[i])
		peer := &tcpPeer{url: u, group: g, server: srv, transport: tr}
		peers = append(peers, peer)
		t.Cleanup(func() {
			srv.Close()
			tr.CloseIdleConnections()
		})
	}
	return peers
}

// slowSource counts loads per key and takes a moment over each, so that
// concurrent Gets overlap.
type slowSource struct {
	source
	delay time.Duration
}

func (s *slowSource) Get(ctx context.Context, key string) ([]byte, error) {
	select {
	case <-time.After(s.delay):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return s.source.Get(ctx, key)
}

// owner returns the index of the peer that owns key on a ring built here
// from the same base URLs, independently of the peers' own rings.
func owner(urls []string, replicas int, key string) int {
	r := hashring.New(replicas, nil)
	r.Add(urls...)
	o := r.Get(key)
	for i, u := range urls {
		if u == o {
			return i
		}
	}
	return -1
}

func urlsOf(peers []*tcpPeer) []string {
	var urls []string
	for _, p := range peers {
		urls = append(urls, p.url)
	}
	return urls
}

// A crowd of 50 clients spread over three peers asks for one cold key:
// the source is held until all of them have joined a load in flight
// somewhere, and then is called once for the whole cluster.
func TestTCPCrowdLoadsOnce(t *testing.T) {
	const clients = 50
	src := newSource()
	var joins atomic.Int32
	allJoined := make(chan struct{})
	observe := func(e groupcache.Event) {
		// 50 clients and the two peer requests to the owner are 52 callers
		// of 3 loads (one per peer): 49 join.
		if e.Step == groupcache.StepDedupJoin && joins.Add(1) == clients+2-3 {
			close(allJoined)
		}
	}
	held := groupcache.GetterFunc(func(ctx context.Context, key string) ([]byte, error) {
		select {
		case <-allJoined:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return src.Get(ctx, key)
	})
	peers := newTCPCluster(t, 3, held, observe)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := peers[i%3].group.Get(groupcache.WithClient(ctx, fmt.Sprint("c", i)), "crowd")
			if err != nil || string(v) != want("crowd") {
				errs <- fmt.Errorf("client %d: %q, %v", i, v, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := src.count("crowd"); n != 1 {
		t.Errorf("the crowd's key was loaded %d times from the source, want once", n)
	}
	var total groupcache.Stats
	for _, p := range peers {
		total = total.Add(p.group.Stats())
	}
	if total.Dedups != clients+2-3 || total.PeerLoads != 2 || total.SourceLoads != 1 || total.Gets != clients {
		t.Errorf("cluster stats %+v: want 49 dedups, 2 peer loads, 1 source load, 50 gets", total)
	}
}

// 50 clients make 20 Gets each of 40 keys on random peers: every client
// gets the right value and each key is loaded from the source exactly
// once in the cluster, by its owner.
func TestTCPManyClients(t *testing.T) {
	src := &slowSource{source: *newSource(), delay: 2 * time.Millisecond}
	var mu sync.Mutex
	loadedOn := map[string][]string{}
	var anonymous atomic.Int32
	observe := func(e groupcache.Event) {
		if e.Client == "" {
			anonymous.Add(1) // the client id must cross the wire to the owner
		}
		if e.Step == groupcache.StepLoadSource {
			mu.Lock()
			loadedOn[e.Key] = append(loadedOn[e.Key], e.Peer)
			mu.Unlock()
		}
	}
	peers := newTCPCluster(t, 3, src, observe)
	urls := urlsOf(peers)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	errs := runClients(ctx, 50, 20, 40, func(int) *groupcache.Group { return peers[rand.IntN(3)].group }, nil)
	for _, err := range errs {
		t.Error(err)
	}
	for k, on := range loadedOn {
		if len(on) != 1 || on[0] != urls[owner(urls, 50, k)] {
			t.Errorf("key %s loaded on %v, want once on its owner %s", k, on, urls[owner(urls, 50, k)])
		}
		if src.count(k) != 1 {
			t.Errorf("key %s: %d source loads", k, src.count(k))
		}
	}
	if n := anonymous.Load(); n > 0 {
		t.Errorf("%d events without the client id", n)
	}
	if len(loadedOn) != 40 {
		t.Errorf("%d keys loaded, want 40", len(loadedOn))
	}
}

// runClients runs clients goroutines making gets Gets each of keys keys,
// on the group pick gives, and returns what went wrong; after is called
// once with the number of Gets done so far after each Get.
func runClients(ctx context.Context, clients, gets, keys int, pick func(done int) *groupcache.Group, after func(done int)) []error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	var done atomic.Int32
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(i), 42))
			for range gets {
				k := fmt.Sprint("key", r.IntN(keys))
				v, err := pick(int(done.Load())).Get(groupcache.WithClient(ctx, fmt.Sprint("c", i)), k)
				if err == nil && string(v) != want(k) {
					err = fmt.Errorf("got %q", v)
				}
				if err != nil {
					mu.Lock()
					errs = append(errs, fmt.Errorf("client %d, key %s: %w", i, k, err))
					mu.Unlock()
				}
				n := int(done.Add(1))
				if after != nil {
					after(n)
				}
			}
		}()
	}
	wg.Wait()
	return errs
}

// Killing a peer halfway through a run of 50 clients: the others load
// its keys themselves, and no client sees an error.
func TestTCPPeerDownMidRun(t *testing.T) {
	src := &slowSource{source: *newSource(), delay: time.Millisecond}
	peers := newTCPCluster(t, 3, src, nil)
	urls := urlsOf(peers)
	const dead = 2
	var once sync.Once
	var killed atomic.Bool
	kill := func() {
		peers[dead].server.Close()
		killed.Store(true)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	errs := runClients(ctx, 50, 20, 60,
		func(int) *groupcache.Group {
			if killed.Load() {
				return peers[rand.IntN(2)].group // clients of a dead peer move on
			}
			return peers[rand.IntN(3)].group
		},
		func(done int) {
			if done == 500 {
				once.Do(kill)
			}
		})
	for _, err := range errs {
		t.Error(err)
	}
	if !killed.Load() {
		t.Fatal("the peer was never killed")
	}
	// A key the dead peer owns, asked of a survivor after the kill, is
	// loaded there, not an error.
	var fresh string
	for i := 0; fresh == ""; i++ {
		if k := fmt.Sprint("fresh", i); owner(urls, 50, k) == dead {
			fresh = k
		}
	}
	before := peers[0].group.Stats()
	v, err := peers[0].group.Get(ctx, fresh)
	if err != nil || string(v) != want(fresh) {
		t.Fatalf("Get(%s) on a survivor = %q, %v", fresh, v, err)
	}
	after := peers[0].group.Stats()
	if after.LocalLoads != before.LocalLoads+1 || after.PeerErrors != before.PeerErrors+1 {
		t.Errorf("stats before %+v, after %+v: want one more peer error and local load", before, after)
	}
	survivors := peers[0].group.Stats().Add(peers[1].group.Stats())
	t.Logf("survivors: %+v", survivors)
}

// A refused connection is a peer error; the Getter's own error is the
// client's error, and is not cached.
func TestTCPGetterError(t *testing.T) {
	src := newSource()
	src.fail["bad"] = true
	peers := newTCPCluster(t, 3, src, nil)
	urls := urlsOf(peers)
	asker := (owner(urls, 50, "bad") + 1) % 3
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for range 2 {
		_, err := peers[asker].group.Get(ctx, "bad")
		if err == nil || !strings.Contains(err.Error(), `no row for "bad"`) {
			t.Fatalf("Get(bad) = %v, want the Getter's error", err)
		}
	}
	// Each Get: the owner's load fails (500), the asker loads itself and
	// fails too: two source loads a Get, nothing cached.
	if n := src.count("bad"); n != 4 {
		t.Errorf("%d source loads of a failing key over two Gets, want 4", n)
	}
	if s := peers[asker].group.Stats(); s.PeerErrors != 2 || s.LocalLoads != 2 {
		t.Errorf("asker's stats %+v: want 2 peer errors, 2 local loads", s)
	}
}
