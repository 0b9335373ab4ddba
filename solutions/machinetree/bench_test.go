package machinetree

import "testing"

// BenchmarkCount counts a random tree of 1,000,000 machines. "messages"
// runs the message handler on the simulated network (FIFO), "direct" is
// the floor: a plain iterative walk of the same tree, no messages.
func BenchmarkCount(b *testing.B) {
	const n = 1_000_000
	tr := Random(n, 1)
	b.Run("messages", func(b *testing.B) {
		net := NewSimNetwork(FIFO, 0)
		c := NewCluster(tr, net)
		b.ReportAllocs()
		start := c.Messages()
		for b.Loop() {
			got, err := c.Count()
			if err != nil || got != n {
				b.Fatalf("Count = %d, %v", got, err)
			}
		}
		b.ReportMetric(float64(c.Messages()-start)/float64(b.N), "messages/op")
	})
	b.Run("direct", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if got := countDirect(tr); got != n {
				b.Fatalf("countDirect = %d", got)
			}
		}
	})
}

// BenchmarkTopology asks a random tree of 100,000 machines for its
// topology on the simulated network, against building the same maps
// directly.
func BenchmarkTopology(b *testing.B) {
	const n = 100_000
	tr := Random(n, 1)
	b.Run("messages", func(b *testing.B) {
		c := NewCluster(tr, NewSimNetwork(FIFO, 0))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.Topology(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("direct", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			TopologyOf(tr)
		}
	})
}

// BenchmarkCountConcurrent counts a random tree of 5,000 machines, one
// goroutine each, against the simulated network on the same tree.
func BenchmarkCountConcurrent(b *testing.B) {
	tr := Random(5000, 1)
	b.Run("concurrent", func(b *testing.B) {
		net := NewConcurrentNetwork(tr)
		defer net.Close()
		c := NewCluster(tr, net)
		for b.Loop() {
			c.Count()
		}
	})
	b.Run("simulated", func(b *testing.B) {
		c := NewCluster(tr, NewSimNetwork(FIFO, 0))
		for b.Loop() {
			c.Count()
		}
	})
}
