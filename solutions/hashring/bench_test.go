package hashring_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/golang/groupcache/consistenthash"

	"tutor/solutions/hashring"
)

// Get on 10 nodes, ours against golang/groupcache's consistenthash in the
// same run, for 1 to 1000 points per node: compare each pair's ns/op.
func BenchmarkGet(b *testing.B) {
	keys := randomKeys(1024, 9)
	for _, replicas := range []int{1, 10, 100, 1000} {
		nodes := make([]string, 10)
		for i := range nodes {
			nodes[i] = "http://10.0.0." + strconv.Itoa(i+1) + ":8080"
		}
		r := hashring.New(replicas, nil)
		r.Add(nodes...)
		m := consistenthash.New(replicas, nil)
		m.Add(nodes...)
		b.Run(fmt.Sprintf("replicas=%d/ours", replicas), func(b *testing.B) {
			i := 0
			for b.Loop() {
				r.Get(keys[i%len(keys)])
				i++
			}
		})
		b.Run(fmt.Sprintf("replicas=%d/groupcache", replicas), func(b *testing.B) {
			i := 0
			for b.Loop() {
				m.Get(keys[i%len(keys)])
				i++
			}
		})
	}
}

// The spread measurement of TestSpreadAndMovement as benchmark metrics:
// max/mean and std/mean of the load, and the fractions of keys moved on a
// join and a leave, over 10 nodes and 20000 keys.
func BenchmarkSpread(b *testing.B) {
	keys := randomKeys(20000, 7)
	for _, h := range []struct {
		name string
		fn   hashring.Hash
	}{{"crc32", nil}, {"sha256", sha32}} {
		for _, replicas := range []int{1, 10, 100, 1000} {
			b.Run(fmt.Sprintf("%s/replicas=%d", h.name, replicas), func(b *testing.B) {
				var s spread
				for b.Loop() {
					s = measure(b, h.fn, replicas, 10, keys)
				}
				b.ReportMetric(s.maxMean, "max/mean")
				b.ReportMetric(s.relStd, "std/mean")
				b.ReportMetric(s.joined, "moved-on-join")
				b.ReportMetric(s.left, "moved-on-leave")
			})
		}
	}
}
