package groupcache_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tutor/solutions/groupcache"
)

// peerEnv, when set in the environment, makes the test binary a peer
// process instead of running tests: see servePeer.
const peerEnv = "GROUPCACHE_TEST_PEER"

func TestMain(m *testing.M) {
	if os.Getenv(peerEnv) != "" {
		if err := servePeer(); err != nil {
			fmt.Fprintln(os.Stderr, "peer:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// servePeer is a peer process: it listens on a loopback port, prints
// "listening <base URL>", reads the base URLs of every peer as one line
// from stdin, and serves the protocol under BasePath and the clients'
// Gets under /get/<key>, until killed or until stdin closes.
func servePeer() error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	self := "http://" + l.Addr().String()
	fmt.Println("listening", self)
	in := bufio.NewReader(os.Stdin)
	line, err := in.ReadString('\n')
	if err != nil {
		return fmt.Errorf("reading the peers: %w", err)
	}
	peers := groupcache.NewPeers(self, 50, &http.Transport{ResponseHeaderTimeout: 10 * time.Second})
	peers.Timeout = 10 * time.Second
	peers.Set(strings.Fields(line)...)
	src := &slowSource{source: *newSource(), delay: 2 * time.Millisecond}
	g, err := groupcache.NewGroup("g", 1000, 100, src, peers)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle(groupcache.BasePath, peers)
	mux.HandleFunc("/get/", func(w http.ResponseWriter, r *http.Request) {
		key, err := url.PathUnescape(strings.TrimPrefix(r.URL.EscapedPath(), "/get/"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		ctx := groupcache.WithClient(r.Context(), r.URL.Query().Get("client"))
		v, err := g.Get(ctx, key)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Write(v)
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		io.Copy(io.Discard, in) // the parent closing stdin or dying ends the peer
		srv.Close()
	}()
	if err := srv.Serve(l); err != http.ErrServerClosed {
		return err
	}
	return nil
}

// peerProcess is a child process running servePeer.
type peerProcess struct {
	url   string
	cmd   *exec.Cmd
	stdin io.WriteCloser
}

// startPeers starts n peer processes and tells each the others' URLs; it
// kills them when the test ends.
func startPeers(t *testing.T, n int) []*peerProcess {
	t.Helper()
	var procs []*peerProcess
	for range n {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), peerEnv+"=1")
		cmd.Stderr = os.Stderr
		stdin, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		p := &peerProcess{cmd: cmd, stdin: stdin}
		t.Cleanup(func() {
			stdin.Close()
			cmd.Process.Kill()
			cmd.Wait()
		})
		first := make(chan string, 1)
		go func() {
			line, _ := bufio.NewReader(stdout).ReadString('\n')
			first <- line
			io.Copy(io.Discard, stdout)
		}()
		select {
		case line := <-first:
			u, ok := strings.CutPrefix(strings.TrimSpace(line), "listening ")
			if !ok {
				t.Fatalf("peer process said %q, want listening <url>", line)
			}
			p.url = u
		case <-time.After(20 * time.Second):
			t.Fatal("a peer process did not start listening in 20 s")
		}
		procs = append(procs, p)
	}
	var urls []string
	for _, p := range procs {
		urls = append(urls, p.url)
	}
	for _, p := range procs {
		if _, err := fmt.Fprintln(p.stdin, strings.Join(urls, " ")); err != nil {
			t.Fatal(err)
		}
	}
	return procs
}

// get asks a peer process for key as a client would.
func (p *peerProcess) get(ctx context.Context, c *http.Client, client, key string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.url+"/get/"+url.PathEscape(key)+"?client="+client, nil)
	if err != nil {
		return "", err
	}
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("status %d: %s", resp.StatusCode, b)
	}
	return string(b), err
}

// stats reads a peer process's stats over the protocol.
func (p *peerProcess) stats(ctx context.Context, c *http.Client) (groupcache.Stats, error) {
	var s groupcache.Stats
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.url+groupcache.Request{Group: "g"}.Path(), nil)
	if err != nil {
		return s, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return s, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return s, fmt.Errorf("stats: status %d", resp.StatusCode)
	}
	return s, json.NewDecoder(resp.Body).Decode(&s)
}

// Three peers as three processes of this test binary, 50 concurrent
// clients: every key is loaded from the source once in the cluster and
// every client gets the right value; then one process is killed in the
// middle of a second run, and the clients still get every value, the
// survivors loading the dead peer's keys themselves.
func TestThreeProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts three processes")
	}
	procs := startPeers(t, 3)
	client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
	defer cancel()

	var killed atomic.Bool
	var retries atomic.Int32
	run := func(prefix string, keys int, alive func() []*peerProcess, after func(int)) []error {
		var wg sync.WaitGroup
		var mu sync.Mutex
		var errs []error
		var done atomic.Int32
		for i := range 50 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := rand.New(rand.NewPCG(uint64(i), 7))
				for range 20 {
					k := fmt.Sprint(prefix, r.IntN(keys))
					ps := alive()
					p := ps[r.IntN(len(ps))]
					v, err := p.get(ctx, client, fmt.Sprint("c", i), k)
					if err != nil && p == procs[2] && killed.Load() {
						// The client's own entry point died under it: like a
						// client behind a load balancer, it asks a survivor.
						retries.Add(1)
						v, err = alive()[r.IntN(2)].get(ctx, client, fmt.Sprint("c", i), k)
					}
					if err == nil && v != want(k) {
						err = fmt.Errorf("got %q", v)
					}
					if err != nil {
						mu.Lock()
						errs = append(errs, fmt.Errorf("client %d, key %s: %w", i, k, err))
						mu.Unlock()
					}
					if after != nil {
						after(int(done.Add(1)))
					}
				}
			}()
		}
		wg.Wait()
		return errs
	}

	// 1. All up: 1000 Gets of 40 keys.
	for _, err := range run("key", 40, func() []*peerProcess { return procs }, nil) {
		t.Error(err)
	}
	var total groupcache.Stats
	for _, p := range procs {
		s, err := p.stats(ctx, client)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %+v", p.url, s)
		total = total.Add(s)
	}
	// Every Get succeeded with its key's value, so each of the 40 keys
	// was loaded at least once; 40 loads in all means exactly once each.
	if total.SourceLoads != 40 || total.Gets != 1000 || total.PeerErrors != 0 || total.LocalLoads != 0 {
		t.Errorf("cluster stats %+v: want 40 source loads for 40 keys, 1000 gets, no peer errors", total)
	}

	// 2. Kill one process after 300 of another 1000 Gets, of new keys.
	var once sync.Once
	alive := func() []*peerProcess {
		if killed.Load() {
			return procs[:2]
		}
		return procs
	}
	errs := run("later", 60, alive, func(n int) {
		if n == 300 {
			once.Do(func() {
				killed.Store(true) // first, so that no client is left asking the dead
				procs[2].cmd.Process.Kill()
				procs[2].cmd.Wait()
			})
		}
	})
	// No client sees an error: the survivors load the dead peer's keys
	// themselves.
	for _, err := range errs {
		t.Error(err)
	}
	survivors := func() groupcache.Stats {
		var sum groupcache.Stats
		for _, p := range procs[:2] {
			s, err := p.stats(ctx, client)
			if err != nil {
				t.Fatal(err)
			}
			sum = sum.Add(s)
		}
		return sum
	}
	before := survivors()
	t.Logf("survivors after the kill: %+v (%d Gets retried after their entry process died)", before, retries.Load())
	// A key the dead process owns, new to everyone, asked of a survivor:
	// one peer error, one local load, the right value.
	var urls []string
	for _, p := range procs {
		urls = append(urls, p.url)
	}
	var fresh string
	for i := 0; fresh == ""; i++ {
		if k := fmt.Sprint("fresh", i); owner(urls, 50, k) == 2 {
			fresh = k
		}
	}
	if v, err := procs[0].get(ctx, client, "last", fresh); err != nil || v != want(fresh) {
		t.Fatalf("Get(%s) of a survivor = %q, %v", fresh, v, err)
	}
	after := survivors()
	if after.LocalLoads != before.LocalLoads+1 || after.PeerErrors != before.PeerErrors+1 || after.SourceLoads != before.SourceLoads+1 {
		t.Errorf("survivors' stats before %+v, after %+v: want one more peer error, local load and source load", before, after)
	}
}
