package groupcacheviz

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"tutor/internal/visual"
	"tutor/solutions/groupcache"
	"tutor/solutions/hashring"
)

// group is the name of the one group every peer serves.
const group = "g"

// Cache sizes of every peer, in keys: room for every key a run can ask
// for, so nothing is evicted and the picture shows every key kept.
const (
	mainKeys = maxRounds
	hotKeys  = maxRounds
)

// peerURL is the base URL of peer i, which the ring hashes: http://A...
func peerURL(i int) string { return "http://" + peerName(i) }

// label is a peer's letter, from its base URL; "" stays "".
func label(url string) string { return strings.TrimPrefix(url, "http://") }

// peerState is what a frame shows of a peer: its caches and counters
// after the latest step it took, copied from that step's event.
type peerState struct {
	main, hot []string
	stats     groupcache.Stats
}

// frame is one event of the run, with the round it belongs to and the
// state of every peer and every client of the round after it.
type frame struct {
	round   int
	ev      groupcache.Event
	peers   []peerState
	clients []clientState
	loads   int // the loads from the source so far: the peers' SourceLoads
}

// clientState is where a client of the round is, taken from the last
// event of its Get (or of a request made for it) so far.
type clientState struct {
	step groupcache.Step // its step, "" before the client's first
	// answered and failed report whether that step is the reply to the
	// client itself, with its value or with an error; a reply from an
	// owner to the peer that asked for the client is neither.
	answered, failed bool
}

// recording is a run: the frames, the ring's points and the solution's
// own summary. It implements visual.Recording.
type recording struct {
	in     input
	points []hashring.Point
	keyPos []hashring.Position // where each round's key lands, by the ring
	frames []frame
	final  string
	// sourceLoads is the number of loads the source counted.
	sourceLoads int
	// groups are the peers' groups after the run, for tests to read.
	groups []*groupcache.Group
}

// countingSource is the slow source: it counts its loads, which is the
// oracle for "loads from source", independent of the peers' Stats, and
// has no row for the missing keys.
type countingSource struct {
	missing []string

	mu    sync.Mutex
	loads int
}

func (s *countingSource) Get(_ context.Context, key string) ([]byte, error) {
	s.mu.Lock()
	s.loads++
	s.mu.Unlock()
	if slices.Contains(s.missing, key) {
		return nil, fmt.Errorf("no row for %s", key)
	}
	return []byte("v(" + key + ")"), nil
}

func (s *countingSource) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.loads
}

// cluster is a run's peers over one in-memory transport, driven by one
// Serial, loading from one counting source.
type cluster struct {
	serial *groupcache.Serial
	source *countingSource
	groups []*groupcache.Group
	up     []int // the peers that are not down, which the clients ask
}

// newCluster builds the peers of in, each with the ring of all of them,
// and takes down the peers of in.down.
func newCluster(in input) (*cluster, error) {
	c := &cluster{serial: groupcache.NewSerial(), source: &countingSource{missing: in.missing}}
	var transport groupcache.MemTransport
	urls := make([]string, in.peers)
	for i := range urls {
		urls[i] = peerURL(i)
	}
	for i, u := range urls {
		p := groupcache.NewPeers(u, in.replicas, &transport)
		p.Set(urls...)
		transport.Handle(u, p)
		g, err := groupcache.NewGroup(group, mainKeys, hotKeys, c.serial.Hold(c.source), p)
		if err != nil {
			return nil, err
		}
		g.Observe = c.serial.Observe
		c.groups = append(c.groups, g)
		down := false
		for _, d := range in.down {
			down = down || d == i
		}
		if down {
			transport.SetDown(u, true)
		} else {
			c.up = append(c.up, i)
		}
	}
	if len(c.up) == 0 {
		return nil, fmt.Errorf("--down: every peer is down; leave at least one up for the clients to ask")
	}
	return c, nil
}

// clientID is the id of client j of a round: c1, c2...
func clientID(j int) string { return fmt.Sprintf("c%d", j+1) }

// calls are round r's Gets: client j asks the j-th up peer, round robin.
func (c *cluster) calls(in input, r int) []groupcache.Call {
	calls := make([]groupcache.Call, in.clients)
	for j := range calls {
		calls[j] = groupcache.Call{Client: clientID(j), Group: c.groups[c.up[j%len(c.up)]], Key: in.gets[r]}
	}
	return calls
}

// runTimeout bounds a whole run; a run of the largest input takes
// milliseconds.
const runTimeout = 20 * time.Second

// record runs every round of in through the solution's Serial driver and
// keeps a frame per event. Final is each peer's Stats and caches read
// from its group after the run, and the loads the source counted.
func record(in input) (*recording, error) {
	c, err := newCluster(in)
	if err != nil {
		return nil, err
	}
	rec := &recording{in: in, points: c.groups[0].Peers().Points()}
	peers := make([]peerState, in.peers)
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	for _, k := range in.gets {
		rec.keyPos = append(rec.keyPos, c.groups[0].Peers().Locate(k))
	}
	for r := range in.gets {
		clients := make([]clientState, in.clients)
		// Each client's value or error is in the event of its reply.
		events, _, err := c.serial.Run(ctx, c.calls(in, r))
		if err != nil {
			return nil, err
		}
		for _, e := range events {
			p := peerIndex(label(e.Peer), in.peers)
			if p >= 0 {
				peers[p] = peerState{main: e.Main, hot: e.Hot, stats: e.Stats}
			}
			if j := clientIndex(e.Client, in.clients); j >= 0 {
				toClient := e.Step == groupcache.StepReply && e.From == ""
				clients[j] = clientState{step: e.Step, answered: toClient && e.Err == "", failed: toClient && e.Err != ""}
			}
			var all groupcache.Stats
			for _, ps := range peers {
				all = all.Add(ps.stats)
			}
			rec.frames = append(rec.frames, frame{
				round:   r,
				ev:      e,
				peers:   append([]peerState(nil), peers...),
				clients: append([]clientState(nil), clients...),
				loads:   int(all.SourceLoads),
			})
		}
	}
	rec.final = c.summary()
	rec.sourceLoads = c.source.count()
	rec.groups = c.groups
	return rec, nil
}

// clientIndex is the index of client id c1, c2..., or -1.
func clientIndex(id string, clients int) int {
	var n int
	if _, err := fmt.Sscanf(id, "c%d", &n); err != nil || n < 1 || n > clients || clientID(n-1) != id {
		return -1
	}
	return n - 1
}

// summary is the solution's own account of the run: every peer's caches
// and Stats, from its group, and the source's count of loads.
func (c *cluster) summary() string {
	var b strings.Builder
	for i, g := range c.groups {
		s := g.Stats()
		fmt.Fprintf(&b, "peer %s: main [%s] hot [%s]\n", peerName(i), strings.Join(g.MainKeys(), " "), strings.Join(g.HotKeys(), " "))
		fmt.Fprintf(&b, "  gets %d hits %d hot-hits %d peer-loads %d peer-errors %d local-loads %d source-loads %d dedups %d served %d\n",
			s.Gets, s.Hits, s.HotHits, s.PeerLoads, s.PeerErrors, s.LocalLoads, s.SourceLoads, s.Dedups, s.Served)
	}
	fmt.Fprintf(&b, "loads from source: %d", c.source.count())
	return b.String()
}

func (r *recording) Len() int      { return len(r.frames) }
func (r *recording) Final() string { return r.final }

// Frame is frame i's step and the solution's sentence for it.
func (r *recording) Frame(i int) visual.Frame {
	e := r.frames[i].ev
	return visual.Frame{Step: string(e.Step), Explain: e.Explain + "."}
}
