// Package lruviz is the visualization of solutions/lru: the same trace of
// gets, puts and deletes run on one of four policies. For LRU, the map's
// keys pointing into the list drawn from most to least recent, a node
// moved or inserted at each step and the evicted tail falling off; for
// LFU, the frequency buckets; for Redis's allkeys-lru and allkeys-lfu,
// the keys sampled with their idle time or counter, the eviction pool of
// 16 sorted by score and the key evicted. Below, a bar chart of the hit
// ratio each policy has had so far on the trace.
//
// Every frame is copied from an event of the solution's observer
// (lru.Event); the chart's counts are the solution's own Stats after each
// operation.
package lruviz

import (
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"tutor/internal/visual"
)

// usage is the input syntax, Visual.Usage.
const usage = "--cap N --ops 'put K V, get K, del K, ...' [--policy lru|lfu|redis-lru|redis-lfu] [--samples N] [--seed N] [--tick S]"

// policies are the policies in the order the p knob cycles them.
var policies = []string{"lru", "lfu", "redis-lru", "redis-lfu"}

// spec is the lru visualization as the kernel runs it.
var spec = visual.Spec[input, *recording]{
	Name:    "lru",
	Usage:   usage,
	Source:  "lru/cache.go",
	Default: []string{"--cap", "3", "--ops", "put a 1, put b 2, get a, put c 3, put d 4, get b"},
	Examples: [][]string{
		{"--cap", "3", "--policy", "lfu", "--ops", "put a 1, get a, put b 2, put c 3, get c, put d 4, get b, del a, get d"},
		{"--cap", "3", "--policy", "lru", "--ops", "put a 1, put b 2, del a, get a, put b 3"},
		// x goes first; a, next in the pool, is deleted and left there as
		// a ghost that the third eviction meets.
		{"--cap", "3", "--policy", "redis-lru", "--samples", "4", "--ops",
			"put x 1, put a 2, put c 3, get c, get c, get c, get c, get c, put d 4, del a, put e 5, put f 6"},
		{"--cap", "2", "--policy", "redis-lfu", "--tick", "60", "--ops", "put a 1, get a, get a, put b 2, get b, put c 3, get a, put d 4"},
	},
	Parse:     parse,
	Format:    format,
	Record:    record,
	Knobs:     knobs,
	Exercises: exercises,
}

// New returns the lru visualization.
func New() visual.Visual { return spec.Visual() }

// op is one operation of the trace.
type op struct {
	kind string // "put", "get" or "del"
	key  string
	val  int
}

func (o op) String() string {
	if o.kind == "put" {
		return fmt.Sprintf("put %s %d", o.key, o.val)
	}
	return o.kind + " " + o.key
}

// input is a parsed command line. Parse(Format(in)) gives in back.
type input struct {
	cap     int
	ops     []op
	policy  string
	samples int
	seed    uint64
	tick    int // seconds per operation, for the Redis policies
}

// maxCap and maxOps bound a run so that it draws and records quickly.
const (
	maxCap = 64
	maxOps = 500
)

// parseOps reads "put K V, get K, del K" (commas or semicolons between
// operations).
func parseOps(s string) ([]op, error) {
	var ops []op
	for part := range strings.SplitSeq(strings.ReplaceAll(s, ";", ","), ",") {
		f := strings.Fields(part)
		if len(f) == 0 {
			continue
		}
		o := op{kind: strings.ToLower(f[0])}
		switch {
		case o.kind == "put" && len(f) == 3:
			v, err := strconv.Atoi(f[2])
			if err != nil || v < 0 || v > 1_000_000 {
				return nil, fmt.Errorf("--ops %q: the value %q is not a whole number from 0 to 1000000", strings.TrimSpace(part), f[2])
			}
			o.key, o.val = f[1], v
		case (o.kind == "get" || o.kind == "del") && len(f) == 2:
			o.key = f[1]
		default:
			return nil, fmt.Errorf("--ops %q: want put KEY VALUE, get KEY or del KEY", strings.TrimSpace(part))
		}
		if len(o.key) > 12 || !printable(o.key) {
			return nil, fmt.Errorf("--ops %q: a key is 1 to 12 printable characters", strings.TrimSpace(part))
		}
		ops = append(ops, o)
	}
	if len(ops) == 0 {
		return nil, fmt.Errorf("--ops %q: no operation (want put KEY VALUE, get KEY or del KEY, separated by commas)", s)
	}
	if len(ops) > maxOps {
		return nil, fmt.Errorf("--ops: %d operations, at most %d", len(ops), maxOps)
	}
	return ops, nil
}

// printable reports whether s is valid UTF-8 of graphic characters.
func printable(s string) bool {
	for _, r := range s {
		if r == '\uFFFD' || r < 0x21 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return false
		}
	}
	return s != ""
}

// parse reads args in the syntax of usage.
func parse(args []string) (input, error) {
	fs := flag.NewFlagSet("lru", flag.ContinueOnError)
	capS := fs.String("cap", "3", "capacity in keys")
	opsS := fs.String("ops", "", "operations")
	policy := fs.String("policy", "lru", "policy")
	samples := fs.String("samples", "5", "maxmemory-samples")
	seed := fs.String("seed", "1", "random seed")
	tick := fs.String("tick", "1", "seconds per operation")
	if err := visual.ParseFlags(fs, args, usage); err != nil {
		return input{}, err
	}
	in := input{policy: *policy}
	var err error
	if in.cap, err = strconv.Atoi(*capS); err != nil || in.cap < 1 || in.cap > maxCap {
		return input{}, fmt.Errorf("--cap %q: a capacity is a whole number from 1 to %d", *capS, maxCap)
	}
	if !slices.Contains(policies, in.policy) {
		return input{}, fmt.Errorf("--policy %q: want lru, lfu, redis-lru or redis-lfu", in.policy)
	}
	if in.samples, err = strconv.Atoi(*samples); err != nil || in.samples < 1 || in.samples > 64 {
		return input{}, fmt.Errorf("--samples %q: maxmemory-samples is a whole number from 1 to 64", *samples)
	}
	if in.seed, err = strconv.ParseUint(*seed, 10, 64); err != nil {
		return input{}, fmt.Errorf("--seed %q: a seed is a whole number of at least 0", *seed)
	}
	if in.tick, err = strconv.Atoi(*tick); err != nil || in.tick < 1 || in.tick > 86400 {
		return input{}, fmt.Errorf("--tick %q: the seconds per operation are a whole number from 1 to 86400", *tick)
	}
	if in.ops, err = parseOps(*opsS); err != nil {
		return input{}, err
	}
	return in, nil
}

// format writes in back as a command line.
func format(in input) []string {
	parts := make([]string, len(in.ops))
	for i, o := range in.ops {
		parts[i] = o.String()
	}
	a := []string{"--cap", strconv.Itoa(in.cap), "--ops", strings.Join(parts, ", ")}
	if in.policy != "lru" {
		a = append(a, "--policy", in.policy)
	}
	if in.samples != 5 {
		a = append(a, "--samples", strconv.Itoa(in.samples))
	}
	if in.seed != 1 {
		a = append(a, "--seed", strconv.FormatUint(in.seed, 10))
	}
	if in.tick != 1 {
		a = append(a, "--tick", strconv.Itoa(in.tick))
	}
	return a
}
