package tcp

import (
	"testing"
)

// BenchmarkTransfer100MB simulates a 100 MB transfer over a network that
// loses 1% of the segments, and reports the simulated segments per
// second of real time. It has no peer to compare with: no other TCP
// simulator runs in this process.
func BenchmarkTransfer100MB(b *testing.B) {
	data := make([]byte, 100<<20)
	cfg := DefaultConfig()
	cfg.RcvBuf = MaxWindow
	cfg.Net.Loss = 1
	cfg.Net.Seed = 1
	cfg.Limit = 0
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	segs := 0
	for b.Loop() {
		s, err := NewSim(cfg)
		if err != nil {
			b.Fatal(err)
		}
		cfg.Limit = 0
		res, err := s.Run(data)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Received) != len(data) {
			b.Fatalf("received %d bytes", len(res.Received))
		}
		segs += res.Segments
	}
	b.ReportMetric(float64(segs)/b.Elapsed().Seconds(), "segments/s")
}
