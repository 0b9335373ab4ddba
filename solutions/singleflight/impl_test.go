package singleflight_test

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
	"time"

	xsync "golang.org/x/sync/singleflight"

	"tutor/solutions/singleflight"
)

// result is what DoChan sends, in either implementation.
type result struct {
	val    any
	err    error
	shared bool
}

// impl is one implementation of singleflight, behind one set of methods,
// so that every scenario runs against ours and against x/sync's.
type impl struct {
	name   string
	do     func(key string, fn func() (any, error)) (any, error, bool)
	doChan func(key string, fn func() (any, error)) <-chan result
	forget func(key string)
}

func ours() impl {
	g := new(singleflight.Group)
	return impl{
		name: "ours",
		do:   g.Do,
		doChan: func(key string, fn func() (any, error)) <-chan result {
			return relay(g.DoChan(key, fn), func(r singleflight.Result) result { return result{r.Val, r.Err, r.Shared} })
		},
		forget: g.Forget,
	}
}

func theirs() impl {
	g := new(xsync.Group)
	return impl{
		name: "x/sync",
		do:   g.Do,
		doChan: func(key string, fn func() (any, error)) <-chan result {
			return relay(g.DoChan(key, fn), func(r xsync.Result) result { return result{r.Val, r.Err, r.Shared} })
		},
		forget: g.Forget,
	}
}

var impls = map[string]func() impl{"ours": ours, "x/sync": theirs}

func relay[R any](in <-chan R, conv func(R) result) <-chan result {
	out := make(chan result, 1)
	go func() { out <- conv(<-in) }()
	return out
}

// waitBlocked waits until n goroutines wait in a Do of either package for
// a call in flight, by reading every goroutine's stack: neither package
// says when a duplicate has joined, and a test must not sleep and hope.
func waitBlocked(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	buf := make([]byte, 1<<20)
	for {
		for {
			m := runtime.Stack(buf, true)
			if m < len(buf) {
				buf = buf[:m]
				break
			}
			buf = make([]byte, 2*len(buf))
		}
		got := 0
		for _, g := range bytes.Split(buf, []byte("\n\n")) {
			s := string(g)
			if strings.Contains(s, "sync.(*WaitGroup).Wait") && strings.Contains(s, "singleflight.(*Group).Do") {
				got++
			}
		}
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines wait in Do, want %d", got, n)
		}
		runtime.Gosched()
		buf = buf[:cap(buf)]
	}
}
