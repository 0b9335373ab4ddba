package lruviz

import (
	"strings"
	"testing"
)

// TestRedisSampleSaysWhenRedisEvicts is the tester's finding: the
// redis-lru run evicts inside "put d", right after the write, where Redis
// evicts before it runs the next command (performEvictions in
// processCommand), and one sampled key read "1 keys are drawn". The step
// says when Redis evicts, and counts a key in the singular.
func TestRedisSampleSaysWhenRedisEvicts(t *testing.T) {
	r, err := New().Run([]string{"--cap", "3", "--ops", "put a 1, put b 2, put c 3, put d 4, get b", "--policy", "redis-lru", "--samples", "1"})
	if err != nil {
		t.Fatal(err)
	}
	seen := false
	for i := range r.Len() {
		e := r.Frame(i).Explain
		if !strings.Contains(e, "drawn at random") {
			continue
		}
		seen = true
		if !strings.Contains(e, "Redis evicts before the next command (this run at once): 1 key is drawn at random") {
			t.Errorf("step %d: %q", i+1, e)
		}
	}
	if !seen {
		t.Fatal("no sample step: the test proves nothing")
	}
}
