package treeviz

import (
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"tutor/internal/visual"
)

// chain is the tree 1(2(3(...(n)))) as --tree takes it.
func chain(n int) string {
	var b strings.Builder
	for k := 1; k <= n; k++ {
		if k > 1 {
			b.WriteByte('(')
		}
		b.WriteString(strconv.Itoa(k))
	}
	b.WriteString(strings.Repeat(")", n-1))
	return b.String()
}

// star is the tree 1(2,3,...,n).
func star(n int) string {
	var b strings.Builder
	b.WriteString("1(")
	for k := 2; k <= n; k++ {
		if k > 2 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(k))
	}
	b.WriteByte(')')
	return b.String()
}

// traceText is what `tutor trace tree args...` writes.
func traceText(t testing.TB, args ...string) string {
	t.Helper()
	write, err := New().(interface {
		TraceText([]string) (func(io.Writer) error, error)
	}).TraceText(args)
	if err != nil {
		t.Fatalf("%.80q: %v", args, err)
	}
	var b strings.Builder
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestPictureTakesAtMost200: the app's input, which records every frame,
// still refuses a tree over MaxMachines, and says where a larger one goes.
func TestPictureTakesAtMost200(t *testing.T) {
	v := New()
	for _, args := range [][]string{
		{"--random", "201", "--op", "count"},
		{"--tree", star(201), "--op", "count"},
		{"--tree", chain(3000), "--op", "count"},
	} {
		_, err := v.Run(args)
		if err == nil || !strings.Contains(err.Error(), "200") || !strings.Contains(err.Error(), "tutor trace tree") {
			t.Errorf("%.40q: %v, want a refusal at 200 that names tutor trace tree", args, err)
		}
	}
	if _, err := v.Run([]string{"--random", "200", "--op", "count"}); err != nil {
		t.Errorf("200 machines: %v", err)
	}
}

// TestStreamedTraceIsTheRecordedOne: a tree the picture takes, traced the
// way a large one is (as the solution runs, no frame kept), gives the
// recorded trace byte for byte while no more messages are in flight than
// the streamed trace lists; with more, the queue is counted instead.
func TestStreamedTraceIsTheRecordedOne(t *testing.T) {
	for _, args := range [][]string{
		{"--tree", "1(2(4),3)", "--op", "count"},
		{"--tree", "1(2(4),3)", "--op", "topology", "--order", "lifo"},
		{"--tree", "1(2(4),3)", "--op", "count", "--dup", "5"},
		{"--tree", "1(2(4),3)", "--op", "count", "--pick", "0,1,1,0"},
		{"--random", "12", "--seed", "4", "--op", "topology", "--order", "random"},
		{"--tree", chain(12), "--op", "count"},
		{"--tree", star(30), "--op", "count", "--order", "random"},
	} {
		in, err := parse(args)
		if err != nil {
			t.Fatal(err)
		}
		r, err := New().Run(args)
		if err != nil {
			t.Fatal(err)
		}
		var want, got strings.Builder
		if err := visual.Trace(&want, r); err != nil {
			t.Fatal(err)
		}
		if err := writeSteps(&got, in, r.Len()); err != nil {
			t.Fatal(err)
		}
		wl, gl := strings.Split(want.String(), "\n"), strings.Split(got.String(), "\n")
		if len(wl) != len(gl) {
			t.Fatalf("%q: %d lines streamed, %d recorded", args, len(gl), len(wl))
		}
		for j := range wl {
			if wl[j] == gl[j] {
				continue
			}
			// A queue too long to list: the recorded trace lists it,
			// the streamed one counts it.
			if n := strings.Count(wl[j], " #"); n > listedInFlight && gl[j] == fmt.Sprintf("    in flight: %d messages", n) {
				continue
			}
			t.Fatalf("%q line %d: streamed %q, recorded %q", args, j+1, gl[j], wl[j])
		}
	}
}

// TestTraceOfThousands: `tutor trace tree` takes a chain and a star of
// 3,000 and 10,000 machines, step by step and in summary, and ends with
// the answer, the machine count and the 2(n-1) messages a tree of n
// machines takes. The memory the full trace allocates grows in proportion
// to the tree, not with its square (a star's root has n-1 messages in
// flight at once; a chain is n deep).
func TestTraceOfThousands(t *testing.T) {
	if testing.Short() {
		t.Skip("traces of thousands of machines")
	}
	for _, shape := range []struct {
		name string
		tree func(int) string
	}{{"chain", chain}, {"star", star}} {
		alloc := map[int]uint64{}
		for _, n := range []int{3000, 10000} {
			end := fmt.Sprintf("machines %d\nmessages %d\n", n, 2*(n-1))
			sum := traceText(t, "--tree", shape.tree(n), "--op", "topology", "--summary")
			if !strings.HasSuffix(sum, fmt.Sprintf("topology of %d machines\n", n)+end) || strings.Contains(sum, "step ") {
				t.Errorf("%s of %d, topology --summary:\n%s", shape.name, n, sum)
			}
			sum = traceText(t, "--tree", shape.tree(n), "--op", "count", "--order", "lifo", "--summary")
			if !strings.HasPrefix(sum, fmt.Sprintf("tree of %d machines, height %d, root 1\n", n, map[string]int{"chain": n - 1, "star": 1}[shape.name])) ||
				!strings.HasSuffix(sum, fmt.Sprintf("count %d\n", n)+end) {
				t.Errorf("%s of %d, count --summary:\n%s", shape.name, n, sum)
			}

			args := []string{"--tree", shape.tree(n), "--op", "count"}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			write, err := tracer{}.TraceText(args)
			if err != nil {
				t.Fatal(err)
			}
			var lines, steps, last int
			var tail []string
			cw := &lineWriter{each: func(l string) {
				lines++
				if strings.HasPrefix(l, "step ") {
					steps++
					k, total, _ := strings.Cut(strings.Fields(l)[1], "/")
					if kk, _ := strconv.Atoi(k); kk != last+1 || total == "" {
						t.Fatalf("%s of %d: %q after step %d", shape.name, n, l, last)
					}
					last++
				}
				tail = append(tail, l)
				if len(tail) > 3 {
					tail = tail[1:]
				}
			}}
			if err := write(cw); err != nil {
				t.Fatal(err)
			}
			runtime.ReadMemStats(&after)
			alloc[n] = after.TotalAlloc - before.TotalAlloc
			if got, want := strings.Join(tail, "\n")+"\n", fmt.Sprintf("count %d\n", n)+end; got != want {
				t.Errorf("%s of %d: the trace ends %q, want %q", shape.name, n, got, want)
			}
			if steps < 4*(n-1) {
				t.Errorf("%s of %d: %d steps, want at least %d (each of 2(n-1) messages sent and delivered)", shape.name, n, steps, 4*(n-1))
			}
		}
		// 10,000/3,000 is 3.3 for a linear cost and 11 for a quadratic one.
		if ratio := float64(alloc[10000]) / float64(alloc[3000]); ratio > 6 {
			t.Errorf("%s: the trace of 10,000 allocates %.1fx what 3,000 does (%d and %d bytes): not linear", shape.name, ratio, alloc[10000], alloc[3000])
		}
	}
}

// lineWriter hands each complete line written to each, keeping nothing.
type lineWriter struct {
	part string
	each func(string)
}

func (w *lineWriter) Write(p []byte) (int, error) {
	s := w.part + string(p)
	for {
		line, rest, ok := strings.Cut(s, "\n")
		if !ok {
			break
		}
		w.each(line)
		s = rest
	}
	w.part = s
	return len(p), nil
}
