package lru

import (
	"strconv"
	"testing"

	peer "github.com/hashicorp/golang-lru/v2"
	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// BenchmarkLRU measures Get (a hit) and Put (of a new key, so each one
// evicts) on LRU and on hashicorp/golang-lru/v2's Cache, at 1k and 1M
// entries, in the same run: compare lru with golang-lru line by line.
// golang-lru's Cache takes a lock on every call; its simplelru.LRU does
// not and is measured too (simplelru), as the fairer peer of an
// unlocked cache.
func BenchmarkLRU(b *testing.B) {
	for _, size := range []int{1_000, 1_000_000} {
		name := map[int]string{1_000: "1k", 1_000_000: "1M"}[size]
		b.Run("lru/get/"+name, func(b *testing.B) {
			c, _ := NewLRU[int, int](size)
			for i := range size {
				c.Put(i, i)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				c.Get(i)
				i = (i + 7919) % size
			}
		})
		b.Run("golang-lru/get/"+name, func(b *testing.B) {
			c, _ := peer.New[int, int](size)
			for i := range size {
				c.Add(i, i)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				c.Get(i)
				i = (i + 7919) % size
			}
		})
		b.Run("simplelru/get/"+name, func(b *testing.B) {
			c, _ := simplelru.NewLRU[int, int](size, nil)
			for i := range size {
				c.Add(i, i)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				c.Get(i)
				i = (i + 7919) % size
			}
		})
		b.Run("lru/put/"+name, func(b *testing.B) {
			c, _ := NewLRU[int, int](size)
			for i := range size {
				c.Put(i, i)
			}
			b.ReportAllocs()
			i := size
			for b.Loop() {
				c.Put(i, i)
				i++
			}
		})
		b.Run("golang-lru/put/"+name, func(b *testing.B) {
			c, _ := peer.New[int, int](size)
			for i := range size {
				c.Add(i, i)
			}
			b.ReportAllocs()
			i := size
			for b.Loop() {
				c.Add(i, i)
				i++
			}
		})
		b.Run("simplelru/put/"+name, func(b *testing.B) {
			c, _ := simplelru.NewLRU[int, int](size, nil)
			for i := range size {
				c.Add(i, i)
			}
			b.ReportAllocs()
			i := size
			for b.Loop() {
				c.Add(i, i)
				i++
			}
		})
	}
}

// BenchmarkLFU measures LFU's Get (a hit, which moves a key between
// buckets) and Put of a new key at 1k entries.
func BenchmarkLFU(b *testing.B) {
	b.Run("get/1k", func(b *testing.B) {
		c, _ := NewLFU[int, int](1000)
		for i := range 1000 {
			c.Put(i, i)
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			c.Get(i)
			i = (i + 7919) % 1000
		}
	})
	b.Run("put/1k", func(b *testing.B) {
		c, _ := NewLFU[int, int](1000)
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			c.Put(i, i)
			i++
		}
	})
}

// BenchmarkRedis is the model's throughput: a read-through replay of a
// Zipf trace (a Get, and a Put on a miss, which evicts) per op, under both
// policies with 5 and 10 samples, 1000 keys resident.
func BenchmarkRedis(b *testing.B) {
	trace := zipfTrace(100_000, 20_000, 1.01, 1)
	for _, p := range []Policy{AllKeysLRU, AllKeysLFU} {
		for _, samples := range []int{5, 10} {
			b.Run(string(p)+"/"+strconv.Itoa(samples), func(b *testing.B) {
				c, _ := NewRedis[string, int](1000, p, 1)
				c.Samples = samples
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					k := trace[i%len(trace)]
					if _, ok := c.Get(k); !ok {
						c.Put(k, i)
					}
					i++
				}
			})
		}
	}
}
