package groupcache

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"tutor/solutions/hashring"
)

// DefaultTimeout bounds a request to a peer when Peers.Timeout is 0.
const DefaultTimeout = 2 * time.Second

// Peers is one peer's view of the cluster: its own base URL, the ring of
// all peers' base URLs, and the HTTP client that reaches them. It is also
// the http.Handler that serves the protocol (see the package doc) for the
// groups made with it. Make one with NewPeers; set Timeout before use.
type Peers struct {
	// Timeout bounds each request to a peer; 0 means DefaultTimeout.
	Timeout time.Duration

	self   string
	client *http.Client

	mu     sync.RWMutex
	ring   *hashring.Ring
	groups map[string]*Group
}

// NewPeers returns the view of the peer whose base URL is self (for
// example "http://127.0.0.1:8001"), placing each peer at replicas points
// of the ring, and sending requests through transport, or through
// http.DefaultTransport when it is nil. The ring is empty until Set.
func NewPeers(self string, replicas int, transport http.RoundTripper) *Peers {
	if transport == nil {
		transport = http.DefaultTransport
	}
	return &Peers{
		self:   self,
		client: &http.Client{Transport: transport},
		ring:   hashring.New(replicas, nil),
		groups: make(map[string]*Group),
	}
}

// Self is this peer's base URL.
func (p *Peers) Self() string { return p.self }

// Set makes the ring hold exactly the given peers' base URLs, in that
// order (self among them, for this peer to own keys).
func (p *Peers) Set(peers ...string) {
	r := hashring.New(p.replicas(), nil)
	r.Add(peers...)
	p.mu.Lock()
	p.ring = r
	p.mu.Unlock()
}

// Points returns the ring's virtual nodes in increasing order of hash.
func (p *Peers) Points() []hashring.Point {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.ring.Points()
}

// Locate returns where key lands on the ring and so which peer owns it.
func (p *Peers) Locate(key string) hashring.Position { return p.locate(key) }

func (p *Peers) locate(key string) hashring.Position {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.ring.Locate(key)
}

func (p *Peers) replicas() int {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.ring.Replicas()
}

// Group returns the group of that name made with these peers, or nil.
func (p *Peers) Group(name string) *Group {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.groups[name]
}

func (p *Peers) register(g *Group) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.groups[g.name]; ok {
		return fmt.Errorf("groupcache: group %q made twice with the peers of %s", g.name, p.self)
	}
	p.groups[g.name] = g
	return nil
}

// fetch asks the owner for key of group, bounded by Timeout and ctx. Its
// error says why in one line, without repeating the owner.
func (p *Peers) fetch(ctx context.Context, owner, group, key string) (string, error) {
	timeout := p.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req := Request{Group: group, Key: key, Client: Client(ctx), From: p.self}
	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, owner+req.Path(), nil)
	if err != nil {
		return "", fmt.Errorf("request to %s: %v", owner, oneLine(err))
	}
	resp, err := p.client.Do(hr)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the cause, without the URL the event already names
		}
		return "", errors.New(oneLine(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxValueBytes+1))
	if err != nil {
		return "", fmt.Errorf("read the answer: %v", oneLine(err))
	}
	v, err := decodeAnswer(resp.StatusCode, body[:min(len(body), MaxValueBytes)], len(body) > MaxValueBytes)
	return v, err
}

// ServeHTTP answers the protocol: GET BasePath<group>/<key> with the value
// (loading it from the source if this peer does not have it, never asking
// another peer), GET BasePath<group> with the group's Stats as JSON.
func (p *Peers) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		http.Error(w, "method "+r.Method+": want GET", http.StatusMethodNotAllowed)
		return
	}
	req, err := ParseRequest(r.URL.RequestURI())
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	g := p.Group(req.Group)
	if g == nil {
		http.Error(w, fmt.Sprintf("%v %q", errUnknownGroup, clip(req.Group)), http.StatusNotFound)
		return
	}
	if req.Key == "" {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(g.Stats())
		return
	}
	ctx := r.Context()
	if req.Client != "" {
		ctx = WithClient(ctx, req.Client)
	}
	v, err := g.serve(ctx, req.From, req.Key)
	if err != nil {
		http.Error(w, oneLine(err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	io.WriteString(w, v)
}
