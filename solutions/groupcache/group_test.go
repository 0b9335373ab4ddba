package groupcache_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"tutor/solutions/groupcache"
	"tutor/solutions/hashring"
)

func TestNewGroupErrors(t *testing.T) {
	src := newSource()
	p := groupcache.NewPeers("http://A", 3, nil)
	for _, tc := range []struct {
		name      string
		main, hot int
		getter    groupcache.Getter
		want      string
	}{
		{"", 1, 1, src, "empty group name"},
		{"g", 1, 1, nil, `group "g": nil Getter`},
		{"g", 0, 1, src, `group "g": main cache: lru: capacity 0`},
		{"g", 1, -1, src, `group "g": hot cache: lru: capacity -1`},
	} {
		if _, err := groupcache.NewGroup(tc.name, tc.main, tc.hot, tc.getter, p); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NewGroup(%q, %d, %d): %v, want %q", tc.name, tc.main, tc.hot, err, tc.want)
		}
	}
	if _, err := groupcache.NewGroup("g", 1, 1, src, p); err != nil {
		t.Fatal(err)
	}
	if _, err := groupcache.NewGroup("g", 1, 1, src, p); err == nil || !strings.Contains(err.Error(), "made twice") {
		t.Errorf("a second group g: %v", err)
	}
}

// Without peers a group is a cache of one process: misses load, hits do
// not, an error is returned and not cached, an empty key is refused.
func TestGroupAlone(t *testing.T) {
	src := newSource()
	src.fail["bad"] = true
	var steps []groupcache.Step
	g, err := groupcache.NewGroup("g", 2, 1, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	g.Observe = func(e groupcache.Event) { steps = append(steps, e.Step) }
	ctx := context.Background()
	for _, k := range []string{"a", "a", "b", "c", "a"} {
		if v, err := g.Get(ctx, k); err != nil || string(v) != want(k) {
			t.Fatalf("Get(%s) = %q, %v", k, v, err)
		}
	}
	// a, a (hit), b, c (evicts a: capacity 2), a (loaded again).
	if src.count("a") != 2 || src.count("b") != 1 || src.total() != 4 {
		t.Errorf("loads %v, want a twice (evicted), b and c once", src.loads)
	}
	if got := g.MainKeys(); !slices.Equal(got, []string{"a", "c"}) {
		t.Errorf("main cache %v, want [a c]", got)
	}
	for range 2 {
		if _, err := g.Get(ctx, "bad"); err == nil || !strings.Contains(err.Error(), `load "bad": no row for "bad"`) {
			t.Errorf("Get(bad) = %v", err)
		}
	}
	if src.count("bad") != 2 {
		t.Errorf("a failing key loaded %d times over two Gets, want 2 (errors are not cached)", src.count("bad"))
	}
	if _, err := g.Get(ctx, ""); err == nil || err.Error() != "groupcache: empty key" {
		t.Errorf("Get of an empty key: %v", err)
	}
	s := g.Stats()
	want := groupcache.Stats{Gets: 8, Hits: 1, SourceLoads: 6}
	if s != want {
		t.Errorf("stats %+v, want %+v", s, want)
	}
	first := []groupcache.Step{groupcache.StepLookup, groupcache.StepMiss, groupcache.StepLoadSource, groupcache.StepCacheMain, groupcache.StepFlightDone, groupcache.StepReply,
		groupcache.StepLookup, groupcache.StepHitMain, groupcache.StepReply}
	if !slices.Equal(steps[:len(first)], first) {
		t.Errorf("steps %v, want %v first", steps, first)
	}
}

// The owner event says where the key landed, as a ring of the same
// peers built here says; the asker's hot cache keeps the answer; the
// owner's main cache keeps the value.
func TestOwnerEventAndCaches(t *testing.T) {
	var events []groupcache.Event
	c := newMemCluster(t, 3, 7, newSource(), func(e groupcache.Event) { events = append(events, e) })
	ring := hashring.New(7, nil)
	ring.Add(c.urls...)
	ctx := groupcache.WithClient(context.Background(), "c9")
	for i := range 20 {
		k := "key" + string(rune('a'+i))
		events = events[:0]
		asker := i % 3
		if _, err := c.groups[asker].Get(ctx, k); err != nil {
			t.Fatal(err)
		}
		want := ring.Locate(k)
		var saw bool
		for _, e := range events {
			if e.Client != "c9" || e.Key != k || e.Group != "g" || e.Explain == "" {
				t.Fatalf("event %+v: want client c9, key %s, group g, a sentence", e, k)
			}
			if e.Step == groupcache.StepOwner {
				saw = true
				if e.Ring != want || e.Owner != want.Point.Node || e.Peer != c.urls[asker] {
					t.Errorf("%s: owner event %+v, want ring %+v asked of %s", k, e, want, c.urls[asker])
				}
			}
		}
		if !saw {
			t.Errorf("%s: no owner event in %v", k, events)
		}
		last := events[len(events)-1]
		if last.Step != groupcache.StepReply || last.Value != "v("+k+")" {
			t.Errorf("%s: last event %+v, want the reply with the value", k, last)
		}
		ownerGroup := c.groups[slices.Index(c.urls, want.Point.Node)]
		if !slices.Contains(ownerGroup.MainKeys(), k) {
			t.Errorf("%s: not in its owner's main cache %v", k, ownerGroup.MainKeys())
		}
		if ownerGroup != c.groups[asker] && !slices.Contains(c.groups[asker].HotKeys(), k) {
			t.Errorf("%s: not in the asker's hot cache %v", k, c.groups[asker].HotKeys())
		}
	}
}

func TestServeHTTP(t *testing.T) {
	src := newSource()
	src.fail["bad"] = true
	p := groupcache.NewPeers("http://A", 3, nil)
	p.Set("http://A")
	g, err := groupcache.NewGroup("g", 10, 10, src, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		method, target string
		status         int
		body           string
	}{
		{"GET", "/_groupcache/g/k1?client=c1&from=http%3A%2F%2FB", 200, "v(k1)"},
		{"GET", "/_groupcache/g/x%2Fy", 200, "v(x/y)"},
		{"GET", "/_groupcache/g/bad", 500, `groupcache: group "g": load "bad": no row for "bad"`},
		{"GET", "/_groupcache/nope/k1", 404, `unknown group "nope"`},
		{"GET", "/_groupcache/g/a/b", 400, "escaped as %2F"},
		{"GET", "/elsewhere", 400, "want /_groupcache/<group>/<key>"},
		{"POST", "/_groupcache/g/k1", 405, "method POST: want GET"},
	} {
		rec := httptest.NewRecorder()
		p.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.target, nil))
		if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.body) {
			t.Errorf("%s %s: %d %q, want %d with %q", tc.method, tc.target, rec.Code, rec.Body, tc.status, tc.body)
		}
	}
	rec := httptest.NewRecorder()
	p.ServeHTTP(rec, httptest.NewRequest("GET", "/_groupcache/g", nil))
	var s groupcache.Stats
	if err := json.Unmarshal(rec.Body.Bytes(), &s); err != nil || rec.Code != 200 || rec.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("stats: %d %q %v", rec.Code, rec.Body, err)
	}
	if s != g.Stats() || s.Served != 3 || s.SourceLoads != 3 {
		t.Errorf("stats over HTTP %+v, group's %+v; want 3 served, 3 source loads", s, g.Stats())
	}
}

func TestMemTransport(t *testing.T) {
	var tr groupcache.MemTransport
	c := &http.Client{Transport: &tr}
	if _, err := c.Get("http://nobody/x"); err == nil || !strings.Contains(err.Error(), "no peer at http://nobody") {
		t.Errorf("no handler: %v", err)
	}
	tr.Handle("http://A", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
		w.Write([]byte(r.URL.Path))
	}))
	resp, err := c.Get("http://A/p")
	if err != nil || resp.StatusCode != http.StatusTeapot {
		t.Fatalf("%v, %v", resp, err)
	}
	tr.SetDown("http://A", true)
	if _, err := c.Get("http://A/p"); err == nil || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("down: %v", err)
	}
	tr.SetDown("http://A", false)
	if _, err := c.Get("http://A/p"); err != nil {
		t.Errorf("up again: %v", err)
	}
}

// A caller that missed just before another's load filled the main cache,
// and reaches the load only after it ended, finds the value there instead
// of loading again.
func TestLoadLooksAgain(t *testing.T) {
	src := newSource()
	firstDone := make(chan struct{})
	g, err := groupcache.NewGroup("g", 10, 10, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	secondMissed := make(chan struct{})
	g.Observe = func(e groupcache.Event) {
		if e.Step == groupcache.StepMiss && e.Client == "second" {
			close(secondMissed)
			<-firstDone // hold the second between its miss and its load
		}
	}
	done := make(chan error)
	go func() {
		_, err := g.Get(groupcache.WithClient(context.Background(), "second"), "k")
		done <- err
	}()
	<-secondMissed
	if _, err := g.Get(groupcache.WithClient(context.Background(), "first"), "k"); err != nil {
		t.Fatal(err)
	}
	close(firstDone)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := src.count("k"); n != 1 {
		t.Errorf("%d loads, want 1: the second caller's load should find the value cached", n)
	}
}

// A served request is answered from the hot cache too, as golang/groupcache
// answers from both its caches.
func TestServeFromHot(t *testing.T) {
	src := newSource()
	c := newMemCluster(t, 2, 10, src, nil)
	var k string
	for i := 0; k == ""; i++ {
		if key := "k" + string(rune('a'+i)); c.groups[0].Peers().Locate(key).Point.Node == c.urls[1] {
			k = key
		}
	}
	if _, err := c.groups[0].Get(context.Background(), k); err != nil { // into A's hot cache
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	c.groups[0].Peers().ServeHTTP(rec, httptest.NewRequest("GET", groupcache.Request{Group: "g", Key: k}.Path(), nil))
	if rec.Code != 200 || rec.Body.String() != want(k) || src.count(k) != 1 || c.groups[0].Stats().HotHits != 1 {
		t.Errorf("A served %s: %d %q, %d loads, stats %+v; want the hot copy, 1 load", k, rec.Code, rec.Body, src.count(k), c.groups[0].Stats())
	}
}
