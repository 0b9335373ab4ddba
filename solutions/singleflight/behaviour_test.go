package singleflight_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// scenario is one behaviour of x/sync/singleflight that its tests check,
// in our words, run against each implementation.
type scenario struct {
	name string
	run  func(t *testing.T, g impl)
}

var errNoRow = errors.New("no row")

var scenarios = []scenario{
	{"Do returns the function's value", func(t *testing.T, g impl) {
		v, err, shared := g.do("k", func() (any, error) { return "bar", nil })
		if v != "bar" || err != nil || shared {
			t.Errorf("Do = %#v, %v, %v; want \"bar\", nil, false", v, err, shared)
		}
	}},
	{"Do returns the function's error", func(t *testing.T, g impl) {
		v, err, _ := g.do("k", func() (any, error) { return nil, errNoRow })
		if v != nil || err != errNoRow {
			t.Errorf("Do = %#v, %v; want nil, %v", v, err, errNoRow)
		}
	}},
	{"a finished call is not remembered", func(t *testing.T, g impl) {
		calls := 0
		fn := func() (any, error) { calls++; return calls, nil }
		g.do("k", fn)
		v, _, _ := g.do("k", fn)
		if v != 2 || calls != 2 {
			t.Errorf("second Do = %v after %d calls; want 2 after 2", v, calls)
		}
	}},
	{"concurrent Do calls share one call", func(t *testing.T, g impl) {
		const n = 10
		var calls atomic.Int32
		release := make(chan struct{})
		fn := func() (any, error) {
			calls.Add(1)
			<-release
			return "bar", nil
		}
		var wg sync.WaitGroup
		got := make([]result, n)
		started := make(chan struct{})
		wg.Add(n)
		go func() {
			defer wg.Done()
			close(started)
			v, err, shared := g.do("k", fn)
			got[0] = result{v, err, shared}
		}()
		<-started
		for i := 1; i < n; i++ {
			go func() {
				defer wg.Done()
				v, err, shared := g.do("k", fn)
				got[i] = result{v, err, shared}
			}()
		}
		waitBlocked(t, n-1)
		close(release)
		wg.Wait()
		if c := calls.Load(); c != 1 {
			t.Errorf("function called %d times by %d concurrent Do, want once", c, n)
		}
		for i, r := range got {
			if r != (result{"bar", nil, true}) {
				t.Errorf("caller %d got %v, want bar, nil, shared", i, r)
			}
		}
	}},
	{"DoChan sends the value", func(t *testing.T, g impl) {
		r := <-g.doChan("k", func() (any, error) { return "bar", nil })
		if r != (result{"bar", nil, false}) {
			t.Errorf("DoChan sent %v, want bar, nil, not shared", r)
		}
	}},
	{"a second DoChan joins the first", func(t *testing.T, g impl) {
		block := make(chan struct{})
		first := g.doChan("k", func() (any, error) { <-block; return "func 1", nil })
		second := g.doChan("k", func() (any, error) { <-block; return "func 2", nil })
		close(block)
		r1, r2 := <-first, <-second
		if r1 != (result{"func 1", nil, true}) || r2 != r1 {
			t.Errorf("DoChan sent %v and %v, want func 1, nil, shared twice", r1, r2)
		}
	}},
	{"after Forget a new call runs and later callers join it (go.dev/issue/31420)", func(t *testing.T, g impl) {
		firstIn, unblockFirst, firstOut := make(chan struct{}), make(chan struct{}), make(chan struct{})
		go g.do("k", func() (any, error) {
			close(firstIn)
			<-unblockFirst
			close(firstOut)
			return 1, nil
		})
		<-firstIn
		g.forget("k")
		unblockSecond := make(chan struct{})
		second := g.doChan("k", func() (any, error) { <-unblockSecond; return 2, nil })
		close(unblockFirst)
		<-firstOut
		// The first call's end must not take the second out of the map:
		// a third caller still joins the second.
		third := g.doChan("k", func() (any, error) { return 3, nil })
		close(unblockSecond)
		<-second
		if r := <-third; r.val != 2 {
			t.Errorf("the third call got %v, want the second's 2", r.val)
		}
	}},
	{"a panic is re-panicked in every Do caller (go.dev/issue/41133)", func(t *testing.T, g impl) {
		const n = 5
		release := make(chan struct{})
		fn := func() (any, error) { <-release; panic("boom") }
		var wg sync.WaitGroup
		recovered := make([]any, n)
		wg.Add(n)
		for i := range n {
			go func() {
				defer wg.Done()
				defer func() { recovered[i] = recover() }()
				g.do("k", fn)
			}()
		}
		waitBlocked(t, n-1)
		close(release)
		wg.Wait()
		for i, r := range recovered {
			err, ok := r.(error)
			if !ok || !strings.HasPrefix(err.Error(), "boom\n\n") || !strings.Contains(err.Error(), "goroutine") && !strings.Contains(err.Error(), ".go:") {
				t.Errorf("caller %d recovered %#v, want an error with the panic value and a stack", i, r)
			}
		}
	}},
	{"a panic with an error unwraps to it", func(t *testing.T, g impl) {
		var r any
		func() {
			defer func() { r = recover() }()
			g.do("k", func() (any, error) { panic(errNoRow) })
		}()
		err, ok := r.(error)
		if !ok || !errors.Is(err, errNoRow) {
			t.Errorf("recovered %#v, want an error that is %v", r, errNoRow)
		}
	}},
	{"runtime.Goexit ends every Do caller's goroutine", func(t *testing.T, g impl) {
		const n = 5
		release := make(chan struct{})
		fn := func() (any, error) { <-release; runtime.Goexit(); return nil, nil }
		var wg sync.WaitGroup
		var returned atomic.Int32
		wg.Add(n)
		for range n {
			go func() {
				defer wg.Done()
				g.do("k", fn)
				returned.Add(1)
			}()
		}
		waitBlocked(t, n-1)
		close(release)
		wg.Wait()
		if r := returned.Load(); r != 0 {
			t.Errorf("%d callers returned from Do, want every goroutine ended by Goexit", r)
		}
		// The key is free again.
		if v, err, _ := g.do("k", func() (any, error) { return "after", nil }); v != "after" || err != nil {
			t.Errorf("Do after a Goexit = %v, %v", v, err)
		}
	}},
}

func TestBehaviours(t *testing.T) {
	for _, sc := range scenarios {
		for _, name := range []string{"ours", "x/sync"} {
			t.Run(name+"/"+sc.name, func(t *testing.T) { sc.run(t, impls[name]()) })
		}
	}
}

// crashes are the behaviours that end the program: a panic that only
// DoChan receivers wait for cannot be recovered by anyone, so both
// packages crash rather than leave the channel empty forever. Each runs
// in a child process of the test binary.
var crashes = map[string]func(g impl){
	"panic in DoChan": func(g impl) {
		<-g.doChan("k", func() (any, error) { panic("panicking in DoChan") })
	},
	"panic in Do shared with DoChan": func(g impl) {
		blocked, unblock := make(chan struct{}), make(chan struct{})
		go func() {
			defer func() { recover() }()
			g.do("k", func() (any, error) {
				close(blocked)
				<-unblock
				panic("panicking in Do")
			})
		}()
		<-blocked
		ch := g.doChan("k", func() (any, error) { panic("DoChan ran its own function") })
		close(unblock)
		<-ch
	},
}

const crashEnv = "SINGLEFLIGHT_TEST_CRASH"

func TestMain(m *testing.M) {
	if v := os.Getenv(crashEnv); v != "" {
		name, which, _ := strings.Cut(v, "|")
		crashes[name](impls[which]())
		fmt.Println("returned without crashing")
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestCrashes(t *testing.T) {
	want := map[string]string{"panic in DoChan": "panicking in DoChan", "panic in Do shared with DoChan": "panicking in Do"}
	for name := range crashes {
		for _, which := range []string{"ours", "x/sync"} {
			t.Run(which+"/"+name, func(t *testing.T) {
				t.Parallel()
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), crashEnv+"="+name+"|"+which)
				out, err := cmd.CombinedOutput()
				if err == nil {
					t.Fatalf("the child exited 0, want a crash:\n%s", out)
				}
				if strings.Contains(string(out), "returned without crashing") || strings.Contains(string(out), "DoChan ran its own function") {
					t.Fatalf("the child went on past the panic:\n%s", out)
				}
				if !strings.Contains(string(out), want[name]) {
					t.Fatalf("the child crashed, but not with %q:\n%s", want[name], out)
				}
			})
		}
	}
}
