package lruviz

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"tutor/internal/visual"
	"tutor/solutions/lru"
)

// exercises are the generated quiz exercises, each graded by the solution.
var exercises = []visual.ExerciseKind{
	{ID: "lru.next-evict", Title: "LRU: which key goes next", New: newNextEvict("lru")},
	{ID: "lru.lfu-next-evict", Title: "LFU: which key goes next", New: newNextEvict("lfu")},
	{ID: "lru.order", Title: "LRU: the list, most to least recent", New: newOrder},
	{ID: "lru.hits", Title: "LRU: how many gets hit", New: newHits},
}

// trace draws a capacity and a few operations on keys a to f that leave
// the cache full.
func trace(r *rand.Rand) input {
	for {
		in := input{cap: 2 + r.IntN(3), policy: "lru", samples: 5, seed: 1, tick: 1}
		n := in.cap + 2 + r.IntN(4)
		for i := range n {
			k := string(rune('a' + r.IntN(in.cap+2)))
			if r.IntN(5) < 3 {
				in.ops = append(in.ops, op{kind: "put", key: k, val: i + 1})
			} else {
				in.ops = append(in.ops, op{kind: "get", key: k})
			}
		}
		c, _ := newCache(in, "lru", nil)
		for _, o := range in.ops {
			apply(c, o)
		}
		if len(c.Keys(nil)) == in.cap {
			return in
		}
	}
}

// opsText is the operations as the question lists them.
func opsText(in input) string {
	parts := make([]string, len(in.ops))
	for i, o := range in.ops {
		parts[i] = o.String()
	}
	return strings.Join(parts, ", ")
}

// newNextEvict asks which key a put of a new key evicts, answered by the
// solution's eviction callback.
func newNextEvict(policy string) func(r *rand.Rand) visual.Exercise {
	return func(r *rand.Rand) visual.Exercise {
		in := trace(r)
		in.policy = policy
		var evicted string
		onEvict := func(k string, _ int) { evicted = k }
		var c cache
		if policy == "lfu" {
			f, _ := lru.NewLFU[string, int](in.cap)
			f.OnEvict = onEvict
			c = f
		} else {
			l, _ := lru.NewLRU[string, int](in.cap)
			l.OnEvict = onEvict
			c = l
		}
		for _, o := range in.ops {
			apply(c, o)
		}
		evicted = ""
		c.Put("z", 0)
		name := map[string]string{"lru": "an LRU", "lfu": "an LFU (ties: least recent goes)"}[policy]
		shown := in
		shown.ops = append(append([]op(nil), in.ops...), op{kind: "put", key: "z", val: 0})
		return visual.Exercise{
			Question: fmt.Sprintf("%s cache of %d keys runs: %s. Which key does put z 0 evict?", name, in.cap, opsText(in)),
			Answer:   evicted,
			Check:    func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), evicted) },
			Hint:     keyHint,
			Args:     format(shown),
		}
	}
}

// newOrder asks for the LRU list after the operations, read from the
// solution's Keys.
func newOrder(r *rand.Rand) visual.Exercise {
	in := trace(r)
	c, _ := newCache(in, "lru", nil)
	for _, o := range in.ops {
		apply(c, o)
	}
	want := strings.Join(c.Keys(nil), " ")
	return visual.Exercise{
		Question: fmt.Sprintf("An LRU cache of %d keys runs: %s. List its keys from most to least recent.", in.cap, opsText(in)),
		Answer:   want,
		Check: func(s string) bool {
			got := strings.Fields(strings.ToLower(strings.ReplaceAll(s, ",", " ")))
			return strings.Join(got, " ") == want
		},
		Hint: listHint,
		Args: format(in),
	}
}

// newHits asks how many gets hit, counted by the solution's Stats, of a
// trace with two gets or more: a question about gets asks of some.
func newHits(r *rand.Rand) visual.Exercise {
	in := trace(r)
	for gets(in) < 2 {
		in = trace(r)
	}
	c, _ := newCache(in, "lru", nil)
	for _, o := range in.ops {
		apply(c, o)
	}
	hits := c.Stats().Hits
	return visual.Exercise{
		Question: fmt.Sprintf("An LRU cache of %d keys runs: %s. How many of the gets are hits?", in.cap, opsText(in)),
		Answer:   strconv.Itoa(hits),
		Check: func(s string) bool {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			return err == nil && n == hits
		},
		Hint: countHint,
		Args: format(in),
	}
}

// gets counts the gets among in's operations.
func gets(in input) int {
	n := 0
	for _, o := range in.ops {
		if o.kind == "get" {
			n++
		}
	}
	return n
}

// keyHint says what to change in an answer that is not one key; "" for
// a key, right or wrong.
func keyHint(s string) string {
	f := strings.Fields(strings.NewReplacer(",", " ", "→", " ", "->", " ").Replace(s))
	switch {
	case len(f) == 0 || len(f) == 1 && !strings.ContainsAny(f[0], "[]()=:"):
		return ""
	case strings.EqualFold(f[0], "put") || strings.EqualFold(f[0], "get") || strings.EqualFold(f[0], "evict"):
		return "name the key alone, e.g. b, without the operation"
	}
	return "name one key alone, e.g. b: a put evicts a single key"
}

// listHint says what to change in a list that is not keys separated by
// spaces or commas; "" for such a list, right or wrong.
func listHint(s string) string {
	if strings.ContainsAny(s, "[]()<>|⇄→←-=") {
		return "list the keys alone, separated by spaces, the most recent first: c a b"
	}
	return ""
}

// countHint says what to change in an answer that is not a count in
// digits; "" for one, right or wrong.
func countHint(s string) string {
	s = strings.TrimSpace(s)
	if _, err := strconv.Atoi(s); err == nil || s == "" {
		return ""
	}
	if strings.ContainsAny(s, "/%") {
		return "give the number of gets that hit, not a ratio: e.g. 2"
	}
	return "write the number of hits in digits, e.g. 2"
}
