package groupcache_test

import (
	"context"
	"fmt"

	"tutor/solutions/groupcache"
)

// Three peers over an in-memory transport: the first Get of a key on a
// peer that does not own it asks the owner, which loads it once; the
// second Get is a hit in the hot cache.
func Example() {
	var transport groupcache.MemTransport
	urls := []string{"http://a", "http://b", "http://c"}
	loads := 0
	source := groupcache.GetterFunc(func(ctx context.Context, key string) ([]byte, error) {
		loads++
		return []byte("value of " + key), nil
	})
	groups := map[string]*groupcache.Group{}
	for _, u := range urls {
		peers := groupcache.NewPeers(u, 10, &transport)
		peers.Set(urls...)
		transport.Handle(u, peers)
		g, err := groupcache.NewGroup("users", 100, 10, source, peers)
		if err != nil {
			panic(err)
		}
		groups[u] = g
	}
	key := "k1"
	owner := groups[urls[0]].Peers().Locate(key).Point.Node
	asker := urls[0]
	if asker == owner {
		asker = urls[1]
	}
	ctx := groupcache.WithClient(context.Background(), "c1")
	for range 2 {
		v, err := groups[asker].Get(ctx, key)
		fmt.Println(string(v), err)
	}
	s := groups[asker].Stats()
	fmt.Println("loads from source:", loads, "peer loads:", s.PeerLoads, "hot hits:", s.HotHits)
	// Output:
	// value of k1 <nil>
	// value of k1 <nil>
	// loads from source: 1 peer loads: 1 hot hits: 1
}
