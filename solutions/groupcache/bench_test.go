package groupcache_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	theirs "github.com/golang/groupcache"

	"tutor/solutions/groupcache"
)

const benchKeys = 1000

var (
	theirGroupOnce sync.Once
	theirGroup     *theirs.Group
)

// theirGroupFilled is golang/groupcache's group of one process (no
// peers), holding every key of the benchmark: it registers its name
// globally, so it is made once.
func theirGroupFilled(b *testing.B) *theirs.Group {
	theirGroupOnce.Do(func() {
		theirGroup = theirs.NewGroup("bench", 64<<20, theirs.GetterFunc(func(ctx context.Context, key string, dest theirs.Sink) error {
			return dest.SetString(want(key))
		}))
	})
	for i := range benchKeys {
		var v []byte
		if err := theirGroup.Get(context.Background(), fmt.Sprint("key", i), theirs.AllocatingByteSliceSink(&v)); err != nil {
			b.Fatal(err)
		}
	}
	return theirGroup
}

func ourGroupFilled(b *testing.B) *groupcache.Group {
	g, err := groupcache.NewGroup("bench", 2*benchKeys, 16, newSource(), nil)
	if err != nil {
		b.Fatal(err)
	}
	for i := range benchKeys {
		if _, err := g.Get(context.Background(), fmt.Sprint("key", i)); err != nil {
			b.Fatal(err)
		}
	}
	return g
}

// The hit path, ours against golang/groupcache's Group.Get, in one
// process without peers, every key cached: one goroutine, and all
// cores. Both copy the value out (groupcache into an
// AllocatingByteSliceSink). Compare each pair's ns/op.
func BenchmarkGetHit(b *testing.B) {
	keys := make([]string, benchKeys)
	for i := range keys {
		keys[i] = fmt.Sprint("key", i)
	}
	ctx := context.Background()
	b.Run("serial/ours", func(b *testing.B) {
		g := ourGroupFilled(b)
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := g.Get(ctx, keys[i%benchKeys]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("serial/groupcache", func(b *testing.B) {
		g := theirGroupFilled(b)
		b.ReportAllocs()
		i := 0
		var v []byte
		for b.Loop() {
			if err := g.Get(ctx, keys[i%benchKeys], theirs.AllocatingByteSliceSink(&v)); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("parallel/ours", func(b *testing.B) {
		g := ourGroupFilled(b)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			i := 0
			for pb.Next() {
				if _, err := g.Get(ctx, keys[i%benchKeys]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	})
	b.Run("parallel/groupcache", func(b *testing.B) {
		g := theirGroupFilled(b)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			i := 0
			var v []byte
			for pb.Next() {
				if err := g.Get(ctx, keys[i%benchKeys], theirs.AllocatingByteSliceSink(&v)); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	})
}

// A Get that goes to the owner through the in-memory transport (the
// protocol's code on both sides, no socket), against a hit, to show what
// the hot cache saves: the hot cache holds 16 keys and
// the 64 keys are asked in turn, so it misses every time.
func BenchmarkGetFromPeer(b *testing.B) {
	c := newMemCluster(b, 2, 50, newSource(), nil)
	ctx := context.Background()
	// Keys the second peer owns, asked of the first.
	var keys []string
	for i := 0; len(keys) < 64; i++ {
		k := fmt.Sprint("key", i)
		if c.groups[0].Peers().Locate(k).Point.Node == c.urls[1] {
			keys = append(keys, k)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := c.groups[0].Get(ctx, keys[i%len(keys)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
