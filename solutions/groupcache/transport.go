package groupcache

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sync"
)

// MemTransport is an http.RoundTripper that hands each request to the
// http.Handler registered for its URL's scheme and host, on the calling
// goroutine, without a socket: the protocol's code runs on both sides as
// it does over TCP, but a Get runs from its lookup to its reply on one
// goroutine. A peer marked down fails every request sent to it, as a
// refused connection does. The zero value has no peers.
type MemTransport struct {
	mu       sync.RWMutex
	handlers map[string]http.Handler
	down     map[string]bool
}

// Handle makes requests to base (a base URL such as "http://peer-a")
// go to h, usually the peer's *Peers.
func (t *MemTransport) Handle(base string, h http.Handler) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.handlers == nil {
		t.handlers, t.down = make(map[string]http.Handler), make(map[string]bool)
	}
	t.handlers[base] = h
}

// SetDown marks the peer at base down (every request to it fails) or up
// again.
func (t *MemTransport) SetDown(base string, down bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.down == nil {
		t.handlers, t.down = make(map[string]http.Handler), make(map[string]bool)
	}
	t.down[base] = down
}

// RoundTrip serves req with the handler of its scheme and host, or fails
// when there is none or that peer is down.
func (t *MemTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		req.Body.Close()
	}
	base := req.URL.Scheme + "://" + req.URL.Host
	t.mu.RLock()
	h, down := t.handlers[base], t.down[base]
	t.mu.RUnlock()
	switch {
	case h == nil:
		return nil, fmt.Errorf("no peer at %s", base)
	case down:
		return nil, fmt.Errorf("connect %s: connection refused", base)
	}
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	rec := &recorder{header: make(http.Header)}
	h.ServeHTTP(rec, req)
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	return &http.Response{
		Status:        fmt.Sprintf("%d %s", rec.status, http.StatusText(rec.status)),
		StatusCode:    rec.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        rec.header,
		Body:          io.NopCloser(bytes.NewReader(rec.body.Bytes())),
		ContentLength: int64(rec.body.Len()),
		Request:       req,
	}, nil
}

// recorder is the http.ResponseWriter MemTransport hands a handler.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(b)
}
