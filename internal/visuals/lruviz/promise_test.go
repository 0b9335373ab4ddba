package lruviz

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	peer "github.com/hashicorp/golang-lru/v2/simplelru"

	"tutor/internal/visual"
	"tutor/internal/visual/visualtest"
)

// drawn draws n exercises of the kind id, each with the input its Args
// give.
func drawn(t *testing.T, id string, n int) ([]visual.Exercise, []input) {
	t.Helper()
	var k visual.ExerciseKind
	for _, e := range exercises {
		if e.ID == id {
			k = e
		}
	}
	r := rand.New(rand.NewPCG(9, uint64(len(id))))
	var es []visual.Exercise
	var ins []input
	for range n {
		e := k.New(r)
		in, err := parse(e.Args)
		if err != nil {
			t.Fatalf("%s: Args %q: %v", id, e.Args, err)
		}
		es, ins = append(es, e), append(ins, in)
	}
	return es, ins
}

// replay runs ops on hashicorp's LRU, the peer: the keys oldest first,
// the hits and the key the last put evicted.
func replay(t *testing.T, capacity int, ops []op) (keys []string, hits int, evicted string) {
	t.Helper()
	c, err := peer.NewLRU[string, int](capacity, func(k string, _ int) { evicted = k })
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range ops {
		evicted = ""
		switch o.kind {
		case "put":
			c.Add(o.key, o.val)
		case "get":
			if _, ok := c.Get(o.key); ok {
				hits++
			}
		}
	}
	return c.Keys(), hits, evicted
}

// TestExercisesKeepTheirTitles: each kind asks of an instance that shows
// what its title promises, and hashicorp's LRU agrees with its answer.
func TestExercisesKeepTheirTitles(t *testing.T) {
	es, ins := drawn(t, "lru.next-evict", 300)
	for j, e := range es {
		ops := ins[j].ops
		if last := ops[len(ops)-1]; last.kind != "put" || last.key != "z" {
			t.Fatalf("next-evict: the run does not end with put z: %q", e.Args)
		}
		before, _, _ := replay(t, ins[j].cap, ops[:len(ops)-1])
		if len(before) != ins[j].cap {
			t.Errorf("next-evict %q: the cache holds %d of %d keys before put z: nothing goes", e.Question, len(before), ins[j].cap)
		}
		if _, _, ev := replay(t, ins[j].cap, ops); e.Answer != ev {
			t.Errorf("next-evict %q: answer %q, hashicorp's LRU evicts %q", e.Question, e.Answer, ev)
		}
	}
	// No peer has an LFU: the solution's own holds the keys before put z,
	// and the cache must be full for the put to evict one of them.
	es, ins = drawn(t, "lru.lfu-next-evict", 300)
	for j, e := range es {
		ops := ins[j].ops
		c, _ := newCache(ins[j], "lfu", nil)
		for _, o := range ops[:len(ops)-1] {
			apply(c, o)
		}
		before := c.Keys(nil)
		if len(before) != ins[j].cap || !slices.Contains(before, e.Answer) {
			t.Errorf("lfu-next-evict %q: %q is not one of the %d keys held, %q", e.Question, e.Answer, ins[j].cap, before)
		}
	}
	es, ins = drawn(t, "lru.order", 300)
	for j, e := range es {
		keys, _, _ := replay(t, ins[j].cap, ins[j].ops)
		slices.Reverse(keys)
		if e.Answer != strings.Join(keys, " ") {
			t.Errorf("order %q: answer %q, hashicorp's LRU %q", e.Question, e.Answer, keys)
		}
	}
	es, ins = drawn(t, "lru.hits", 300)
	for j, e := range es {
		if n := gets(ins[j]); n < 2 || strings.Count(e.Question, "get ") != n {
			t.Errorf("hits %q: %d gets, want 2 or more, all in the question", e.Question, n)
		}
		if _, hits, _ := replay(t, ins[j].cap, ins[j].ops); e.Answer != strconv.Itoa(hits) {
			t.Errorf("hits %q: answer %q, hashicorp's LRU %d", e.Question, e.Answer, hits)
		}
	}
}

// TestExerciseHints: a near-right form gets a hint, a well-formed answer
// none.
func TestExerciseHints(t *testing.T) {
	visualtest.Hints(t, exercises, map[string]map[string]string{
		"lru.next-evict":     {"put z 0": "the key alone", "a b": "one key", "[a]": "one key", "q": ""},
		"lru.lfu-next-evict": {"evict a": "the key alone", "a, b": "one key", "q": ""},
		"lru.order":          {"a -> b -> c": "separated by spaces", "[a b c]": "separated by spaces", "q r s": "", "q, r, s": ""},
		"lru.hits":           {"two": "in digits", "2/5": "not a ratio", "40%": "not a ratio", "99": ""},
	}, 30)
}
