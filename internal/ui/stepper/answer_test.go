package stepper

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"tutor/internal/visual"
	"tutor/internal/visuals"
)

// finalAgrees checks a visual's answer after the last frame against the
// solution's own plain result (Run.Final), computed without the frames.
var finalAgrees = map[string]func(answer, final string) bool{
	"kvstore": func(a, f string) bool {
		return strings.HasPrefix(a, fmt.Sprintf("%d bytes written", len(strings.Fields(f))))
	},
	"credits": func(a, f string) bool { return strings.HasPrefix(f, "balance "+a+"\n") || f == "balance "+a },
	"tree":    func(a, f string) bool { return a == "= "+strings.Split(f, "\n")[0] },
	"ipv4":    func(a, f string) bool { return a == fmt.Sprint(len(strings.Split(f, "\n"))) },
	"wire":    func(a, f string) bool { return a == fmt.Sprint(len(strings.Fields(f))-1) },
	"mvcc": func(a, f string) bool {
		for _, l := range strings.Split(f, "\n") {
			if strings.Contains(l, "select") && !strings.Contains(a, l) {
				return false
			}
		}
		return true
	},
	"tcp": func(a, f string) bool {
		m := regexp.MustCompile(`delivered (\d+) bytes`).FindStringSubmatch(f)
		return m != nil && (strings.Contains(a, "server read "+m[1]) || m[1] == "0" && a == "nothing read")
	},
	"lru": func(a, f string) bool {
		m := regexp.MustCompile(`hits (\d+) · misses (\d+)`).FindStringSubmatch(f)
		return m != nil && strings.Contains(a, "Hits:"+m[1]+" Misses:"+m[2])
	},
	"ratelimit": func(a, f string) bool {
		var allowed, denied int
		fmt.Sscanf(f, "allowed %d · denied %d", &allowed, &denied)
		return a == fmt.Sprint(allowed+denied)
	},
	"groupcache": func(a, f string) bool {
		m := regexp.MustCompile(`loads from source: (\d+)`).FindStringSubmatch(f)
		return m != nil && strings.HasPrefix(a, "loads from source "+m[1]+" ·")
	},
	"typeinfer": func(a, f string) bool {
		for _, l := range strings.Split(f, "\n") {
			if ty, ok := strings.CutPrefix(l, "returns "); ok {
				return strings.Contains(a, ty)
			}
			if e, ok := strings.CutPrefix(l, "error: "); ok && strings.Contains(a, e) {
				return true
			}
		}
		return false
	},
}

func TestAnswerOfEveryVisual(t *testing.T) {
	seen := 0
	for _, v := range visuals.All() {
		agree, ok := finalAgrees[v.Name()]
		if !ok {
			continue // a visual of another day: its answer is optional
		}
		seen++
		for _, args := range append([][]string{v.DefaultArgs()}, v.Examples()...) {
			name := v.Name() + " " + visual.JoinArgs(args)
			m := open(t, v, args)
			r := m.Run()
			if m.Err() != "" {
				t.Fatalf("%s: %s", name, m.Err())
			}
			last, ok := visual.AnswerOf(r, r.Len()-1)
			if !ok {
				t.Fatalf("%s has no answer", name)
			}
			if !agree(last, r.Final()) {
				t.Errorf("%s: the last answer %q disagrees with the solution's result %q", name, last, r.Final())
			}
			// a walks the steps that change the answer, and no other:
			// brute force over the frames is the oracle.
			var want []int
			for j := 1; j < r.Len(); j++ {
				a, _ := visual.AnswerOf(r, j)
				b, _ := visual.AnswerOf(r, j-1)
				if a != b {
					want = append(want, j)
				}
			}
			var got []int
			for range r.Len() {
				from := m.Frame()
				m = press(t, m, "a")
				if m.Frame() == from {
					break
				}
				got = append(got, m.Frame())
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s: a went to %v, want %v", name, got, want)
			}
			if len(want) == 0 && len(args) == len(v.DefaultArgs()) && visual.JoinArgs(args) == visual.JoinArgs(v.DefaultArgs()) {
				t.Errorf("%s: the answer of the default run never changes", name)
			}
		}
	}
	if seen != len(finalAgrees) {
		t.Errorf("%d of the %d visuals with an answer are registered", seen, len(finalAgrees))
	}
}
