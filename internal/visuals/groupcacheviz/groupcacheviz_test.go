package groupcacheviz

import (
	"bytes"
	"context"
	"flag"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/ui/keys"
	"tutor/internal/visual"
	"tutor/internal/visual/visualtest"
	"tutor/solutions/groupcache"
)

var update = flag.Bool("update", false, "rewrite the golden files under ../testdata/golden")

var goodInputs = [][]string{
	{"--get", "k1"},
	{"--peers", "1", "--get", "a,b,a", "--clients", "3"},
	{"--peers", "5", "--get", "k1,k2,k3,k1", "--clients", "7", "--replicas", "1"},
	{"--peers", "3", "--get", "k9,k9", "--clients", "5", "--missing", "k9"},
	{"--peers", "4", "--get", "名字,x", "--clients", "2", "--replicas", "64", "--down", "a,D"},
	{"--peers", "2", "--get", "k1,k2", "--clients", "100", "--replicas", "50"},
}

var badInputs = [][]string{
	{"--get", ""},
	{"--get", " , ,"},
	{"--peers", "0", "--get", "k1"},
	{"--peers", "6", "--get", "k1"},
	{"--peers", "x", "--get", "k1"},
	{"--get", "k1", "--clients", "0"},
	{"--get", "k1", "--clients", "101"},
	{"--get", "k1", "--replicas", "0"},
	{"--get", "k1", "--replicas", "65"},
	{"--get", "abcdefghijklm"},
	{"--get", "a/b"},
	{"--get", "k1\xff"},
	{"--get", "k1", "--down", "D"},
	{"--get", "k1", "--down", "AB"},
	{"--get", "k1", "--down", "A,B,C"},
	{"--peers", "1", "--get", "k1", "--down", "A"},
	{"--get", "k1", "--missing", "a b"},
	{"--get", strings.Repeat("k,", 11)},
	{"--get", "k1", "stray"},
	{"--nope"},
}

func TestGolden(t *testing.T)    { visualtest.Golden(t, New(), "../testdata/golden", *update) }
func TestSteps(t *testing.T)     { visualtest.Steps(t, New()) }
func TestExercises(t *testing.T) { visualtest.Exercises(t, New(), 20) }
func TestConformance(t *testing.T) {
	visualtest.Conformance(t, New(), append(goodInputs, spec.Examples...), badInputs)
}

func TestHints(t *testing.T) {
	visualtest.Hints(t, New().Exercises(), map[string]map[string]string{
		"groupcache.owner": {"42": "letter", "AB": "one peer's letter", "peer Z": ""},
		"groupcache.loads": {"one": "in digits", "3 loads": "in digits", "999": "", "lots": ""},
		"groupcache.moved": {"two": "in digits", "2 keys": "in digits", "99": ""},
	}, 10)
}

// TestIssueTrace is the command of the issue: its trace ends with every
// peer's counters and the line "loads from source: 2", one load for each
// of the two keys however many clients ask.
func TestIssueTrace(t *testing.T) {
	r, err := New().Run([]string{"--peers", "3", "--get", "k1,k1,k2", "--clients", "10"})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := visual.Trace(&out, r); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	if !strings.HasSuffix(s, "\nloads from source: 2\n") {
		t.Fatalf("trace ends:\n%s", s[max(0, len(s)-400):])
	}
	for _, p := range []string{"A", "B", "C"} {
		if !strings.Contains(s, "\npeer "+p+": main [") {
			t.Errorf("no counters of peer %s at the end", p)
		}
	}
}

// TestRepeatable: two recordings of one input are the same, frame for
// frame, down to every peer's counters, which a golden file needs.
func TestRepeatable(t *testing.T) {
	for _, args := range [][]string{spec.Default, spec.Examples[0], goodInputs[2]} {
		in, err := parse(args)
		if err != nil {
			t.Fatal(err)
		}
		a, err := record(in)
		if err != nil {
			t.Fatal(err)
		}
		for range 5 {
			b, err := record(in)
			if err != nil {
				t.Fatal(err)
			}
			if a.Len() != b.Len() {
				t.Fatalf("%q: %d frames, then %d", args, a.Len(), b.Len())
			}
			for i := range a.frames {
				if a.Frame(i) != b.Frame(i) || a.State(i) != b.State(i) {
					t.Fatalf("%q frame %d differs:\n%s\n%s\nthen\n%s\n%s", args, i+1, a.Frame(i).Explain, a.State(i), b.Frame(i).Explain, b.State(i))
				}
			}
		}
	}
}

// TestLastFrameIsTheSolutionsOutput: the last frame's caches and counters
// of every peer are what its group holds after the run, read through the
// group's own accessors; and the frames' loads from source are what the
// source itself counted, an oracle outside the peers. With every peer up
// that is one load per distinct key that exists, and for a key the
// source has no row for, one load per peer with clients, every round.
func TestLastFrameIsTheSolutionsOutput(t *testing.T) {
	for _, args := range append(append(goodInputs, spec.Examples...), spec.Default) {
		in, err := parse(args)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := record(in)
		if err != nil {
			t.Fatal(err)
		}
		last := rec.frames[len(rec.frames)-1]
		for i, g := range rec.groups {
			got := last.peers[i]
			if !slices.Equal(got.main, g.MainKeys()) || !slices.Equal(got.hot, g.HotKeys()) || got.stats != g.Stats() {
				t.Errorf("%q peer %s: last frame %+v, the group %v %v %+v", args, peerName(i), got, g.MainKeys(), g.HotKeys(), g.Stats())
			}
		}
		if last.loads != rec.sourceLoads {
			t.Errorf("%q: last frame says %d loads, the source counted %d", args, last.loads, rec.sourceLoads)
		}
		if !strings.HasSuffix(rec.Final(), "loads from source: "+itoa(rec.sourceLoads)) {
			t.Errorf("%q: Final %q", args, rec.Final())
		}
		if len(in.down) == 0 {
			distinct := map[string]bool{}
			for _, k := range in.gets {
				if !slices.Contains(in.missing, k) {
					distinct[k] = true
				}
			}
			want := len(distinct)
			for _, k := range in.gets {
				if slices.Contains(in.missing, k) {
					// A failed load is not cached, and the owner's
					// failure sends every asking peer to the source too:
					// one load a peer that has clients, every round.
					want += min(in.clients, in.peers)
				}
			}
			if rec.sourceLoads != want {
				t.Errorf("%q: %d loads from source, want %d", args, rec.sourceLoads, want)
			}
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestCrowdCollapses: in the default run's first round, all ten clients
// are waiting or loading before the one load returns, and all ten are
// answered at the end of the round.
func TestCrowdCollapses(t *testing.T) {
	in, _ := parse(spec.Default)
	rec, err := record(in)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range rec.frames {
		if f.ev.Step != groupcache.StepCacheMain || f.round != 0 {
			continue
		}
		waiting := 0
		for _, c := range f.clients {
			if m := clientMark(c); m == "◌" || m == "→" || m == "◆" {
				waiting++
			}
		}
		if waiting != 10 {
			t.Errorf("frame %d (the load's value cached): %d of 10 clients waiting or loading", i+1, waiting)
		}
		out := ansi.Strip(strings.Join(rec.Draw(i, 80, 24, visual.NewTheme(true, true)), "\n"))
		if !strings.Contains(out, "9 ◌") || !strings.Contains(out, "loads from source 1") {
			t.Errorf("frame %d does not show the crowd waiting on one load:\n%s", i+1, out)
		}
		break
	}
	for i := len(rec.frames) - 1; i >= 0; i-- {
		if rec.frames[i].round == 0 {
			for _, c := range rec.frames[i].clients {
				if clientMark(c) != "✓" {
					t.Fatalf("round 1 ends with a client not answered: %+v", rec.frames[i].clients)
				}
			}
			break
		}
	}
}

// TestOwnerDownLoadsLocally: with the owner of k1 down, each peer up
// loads k1 itself after its request fails, and the frames draw the
// failure and the peer down.
func TestOwnerDownLoadsLocally(t *testing.T) {
	in, _ := parse(spec.Default)
	in.gets = []string{"k1"}
	rec0, _ := record(in)
	owner := peerIndex(label(rec0.keyPos[0].Point.Node), in.peers)
	in.down = []int{owner}
	rec, err := record(in)
	if err != nil {
		t.Fatal(err)
	}
	if rec.sourceLoads != in.peers-1 {
		t.Errorf("owner %s down: %d loads from source, want %d (one per peer up)", peerName(owner), rec.sourceLoads, in.peers-1)
	}
	seen := false
	for i, f := range rec.frames {
		if f.ev.Step == groupcache.StepPeerFail {
			seen = true
			out := ansi.Strip(strings.Join(rec.Draw(i, 80, 24, visual.NewTheme(true, true)), "\n"))
			if !strings.Contains(out, peerName(owner)+" owner down") || !strings.Contains(out, "✗ ") {
				t.Errorf("peer-fail frame:\n%s", out)
			}
		}
	}
	if !seen {
		t.Error("no peer-fail step")
	}
}

// TestRingDrawsEveryPeer: the ring line carries each peer's letter, the
// owner reversed, and the key's mark under it.
func TestRingDrawsEveryPeer(t *testing.T) {
	r, _ := New().Run([]string{"--peers", "3", "--get", "k1", "--replicas", "10"})
	out := r.Render(0, 120, 30, visual.NewTheme(true, true))
	lines := strings.Split(ansi.Strip(out), "\n")
	if !strings.HasPrefix(lines[1], "ring ") || !strings.Contains(lines[2], "▲ k1 → ") {
		t.Fatalf("ring:\n%s\n%s", lines[1], lines[2])
	}
	for _, p := range []string{"A", "B", "C"} {
		if !strings.Contains(lines[1], p) {
			t.Errorf("ring has no point of %s: %s", p, lines[1])
		}
	}
	if !strings.Contains(out, "\x1b[7m") {
		t.Error("the owning point is not reversed")
	}
}

func TestKnobs(t *testing.T) {
	v := New()
	turn := func(k int, args []string, frame int) (string, error) {
		t.Helper()
		r, err := v.Run(args)
		if err != nil {
			t.Fatal(err)
		}
		tu, err := r.Turn(k, v.Knobs()[k].Keys()[0], frame)
		if err != nil {
			return "", err
		}
		return strings.Join(tu.Args, " "), nil
	}
	base := []string{"--peers", "3", "--get", "k1", "--clients", "10"}
	in, _ := parse(base)
	rec, _ := record(in)
	owner := label(rec.keyPos[0].Point.Node)
	if got, _ := turn(0, base, 0); got != "--peers 3 --get k1 --clients 10 --down "+owner {
		t.Errorf("y: %q", got)
	}
	if got, _ := turn(0, append(base, "--down", owner), 0); got != "--peers 3 --get k1 --clients 10" {
		t.Errorf("y on a downed owner: %q", got)
	}
	if _, err := turn(0, []string{"--peers", "1", "--get", "k1"}, 0); err == nil {
		t.Error("y took down the last peer")
	}
	if got, _ := turn(1, base, 0); got != "--peers 3 --get k1 --clients 10 --replicas 3" {
		t.Errorf("w: %q", got)
	}
	if got, _ := turn(2, append(base, "--replicas", "64"), 0); got != "--peers 3 --get k1 --clients 10 --replicas 64" {
		t.Errorf("W at the top: %q", got)
	}
	if got, _ := turn(3, base, 0); got != "--peers 3 --get k1 --clients 5" {
		t.Errorf("[: %q", got)
	}
	if got, _ := turn(4, base, 0); got != "--peers 3 --get k1 --clients 20" {
		t.Errorf("]: %q", got)
	}
	if got, _ := turn(3, []string{"--get", "k1"}, 0); got != "--peers 3 --get k1" {
		t.Errorf("[ at 1: %q", got)
	}
	var taken []string
	for _, b := range keys.Default().All() {
		taken = append(taken, b.Keys()...)
	}
	for _, k := range v.Knobs() {
		for _, key := range k.Keys() {
			if slices.Contains(taken, key) {
				t.Errorf("knob key %q is taken by the app", key)
			}
		}
	}
}

// TestBadInputNamesTheValue: each refusal names the value refused.
func TestBadInputNamesTheValue(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--peers", "9", "--get", "k1"}, `--peers "9"`},
		{[]string{"--get", "k1", "--clients", "1000"}, `--clients "1000"`},
		{[]string{"--get", "k1", "--replicas", "-1"}, `--replicas "-1"`},
		{[]string{"--get", "k1,a/b"}, `--get "a/b"`},
		{[]string{"--get", "k1", "--down", "Q"}, `--down "Q"`},
		{[]string{"--get", "k1", "--down", "A,B,C"}, `every peer is down`},
		{[]string{"--get", "k1", "stray"}, `unexpected argument "stray"`},
	} {
		_, err := New().Run(tt.args)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Run(%q) = %v, want it to contain %q", tt.args, err, tt.want)
		}
	}
}

func TestParseFormatRoundTrip(t *testing.T) {
	for _, args := range append(append(goodInputs, spec.Examples...), spec.Default) {
		in, err := parse(args)
		if err != nil {
			t.Fatal(err)
		}
		again, err := parse(format(in))
		if err != nil || !sameInput(in, again) {
			t.Errorf("parse(format(parse(%q))) = %+v, %v; want %+v", args, again, err, in)
		}
	}
}

// TestExerciseAnswersAreTheSolutions: a wrong answer is refused, and
// the owner exercise agrees with a brute force over the drawn positions.
func TestExerciseAnswersAreTheSolutions(t *testing.T) {
	r := randFor(3)
	for range 50 {
		e := newOwner(r)
		for _, p := range []string{"A", "B", "C", "D"} {
			if p != e.Answer && e.Check(p) {
				t.Errorf("owner accepted %q for %q (answer %s)", p, e.Question, e.Answer)
			}
		}
		if want := bruteOwner(t, e.Question); want != e.Answer {
			t.Errorf("%s\nsolution %s, brute force %s", e.Question, e.Answer, want)
		}
	}
	for range 10 {
		e := newLoads(r)
		if e.Check(itoa(atoi(e.Answer) + 1)) {
			t.Errorf("loads accepted a wrong count for %q", e.Question)
		}
	}
}

// bruteOwner reads the question's positions and finds the owner by
// walking the ring up from the key's position, one step at a time.
func bruteOwner(t *testing.T, q string) string {
	t.Helper()
	at := map[int]string{}
	_, rest, _ := strings.Cut(q, "Virtual nodes: ")
	nodes, keyPart, _ := strings.Cut(rest, ". Key ")
	for part := range strings.SplitSeq(nodes, "; ") {
		name, list, _ := strings.Cut(part, " at ")
		for p := range strings.SplitSeq(list, ", ") {
			at[atoi(p)] = name
		}
	}
	_, h, _ := strings.Cut(keyPart, " hashes to ")
	h, _, _ = strings.Cut(h, ".")
	for i := atoi(h); i < atoi(h)+ringSize; i++ {
		if n, ok := at[i%ringSize]; ok {
			return n
		}
	}
	t.Fatalf("no point in %q", q)
	return ""
}

func atoi(s string) int {
	n := 0
	for _, c := range strings.TrimSpace(s) {
		n = n*10 + int(c-'0')
	}
	return n
}

// BenchmarkRecord records the issue's run: 3 peers, 3 rounds of 10
// clients.
func BenchmarkRecord(b *testing.B) {
	in, _ := parse(spec.Default)
	for b.Loop() {
		if _, err := record(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender draws frames of the issue's run at 80x24, a new frame
// each time so the kernel's memo does not answer.
func BenchmarkRender(b *testing.B) {
	r, _ := New().Run(spec.Default)
	th := visual.NewTheme(true, false)
	i := 0
	for b.Loop() {
		_ = r.Render(i%r.Len(), 80, 24, th)
		i++
	}
}

// BenchmarkPlainGets is the floor of BenchmarkRecord: the same rounds of
// Gets on the same cluster, run by plain goroutines with no observer and
// no Serial driver, so the ratio is what recording a run step by step
// costs.
func BenchmarkPlainGets(b *testing.B) {
	in, _ := parse(spec.Default)
	for b.Loop() {
		var transport groupcache.MemTransport
		src := new(countingSource)
		var groups []*groupcache.Group
		for i := range in.peers {
			p := groupcache.NewPeers(peerURL(i), in.replicas, &transport)
			var urls []string
			for j := range in.peers {
				urls = append(urls, peerURL(j))
			}
			p.Set(urls...)
			transport.Handle(peerURL(i), p)
			g, err := groupcache.NewGroup(group, mainKeys, hotKeys, src, p)
			if err != nil {
				b.Fatal(err)
			}
			groups = append(groups, g)
		}
		for _, k := range in.gets {
			var wg sync.WaitGroup
			for j := range in.clients {
				wg.Go(func() {
					if _, err := groups[j%len(groups)].Get(context.Background(), k); err != nil {
						b.Error(err)
					}
				})
			}
			wg.Wait()
		}
	}
}

// TestDownIsASet: a peer named twice, in either case, is down once, so
// that y brings it back with one press.
func TestDownIsASet(t *testing.T) {
	in, err := parse([]string{"--get", "k1", "--down", "c, a,C"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(format(in), " "); got != "--peers 3 --get k1 --down A,C" {
		t.Errorf("format: %q", got)
	}
}

// TestMovedAgreesWithBruteForce: the keys-moved exercise's answer is the
// count a walk round the ring finds, before and after the join, from the
// positions the question gives.
func TestMovedAgreesWithBruteForce(t *testing.T) {
	r := randFor(5)
	for range 100 {
		e := newMoved(r)
		_, rest, _ := strings.Cut(e.Question, "Virtual nodes: ")
		nodes, rest, _ := strings.Cut(rest, ". Keys: ")
		keyList, rest, _ := strings.Cut(rest, ". Peer ")
		joiner, rest, _ := strings.Cut(rest, " joins with virtual nodes at ")
		jpos, _, _ := strings.Cut(rest, ". How many")
		before := map[int]string{}
		for part := range strings.SplitSeq(nodes, "; ") {
			name, list, _ := strings.Cut(part, " at ")
			for p := range strings.SplitSeq(list, ", ") {
				before[atoi(p)] = name
			}
		}
		after := maps.Clone(before)
		for p := range strings.SplitSeq(jpos, ", ") {
			after[atoi(p)] = joiner
		}
		walk := func(at map[int]string, h int) string {
			for i := h; i < h+ringSize; i++ {
				if n, ok := at[i%ringSize]; ok {
					return n
				}
			}
			return ""
		}
		moved := 0
		for part := range strings.SplitSeq(keyList, ", ") {
			_, h, _ := strings.Cut(part, " at ")
			if walk(before, atoi(h)) != walk(after, atoi(h)) {
				moved++
			}
		}
		if itoa(moved) != e.Answer {
			t.Fatalf("%s\nsolution %s, brute force %d", e.Question, e.Answer, moved)
		}
	}
}

// TestOwnerExercisesWrap: some of the drawn rings put the key past the
// last point, so that the answer is the first point's peer.
func TestOwnerExercisesWrap(t *testing.T) {
	r := randFor(7)
	wraps := 0
	for range 60 {
		q := newOwner(r).Question
		_, rest, _ := strings.Cut(q, "Virtual nodes: ")
		nodes, keyPart, _ := strings.Cut(rest, ". Key ")
		_, h, _ := strings.Cut(keyPart, " hashes to ")
		h, _, _ = strings.Cut(h, ".")
		past := true
		for part := range strings.SplitSeq(nodes, "; ") {
			_, list, _ := strings.Cut(part, " at ")
			for p := range strings.SplitSeq(list, ", ") {
				past = past && atoi(p) < atoi(h)
			}
		}
		if past {
			wraps++
		}
	}
	if wraps < 12 { // a fifth: by chance alone about one in ten would
		t.Errorf("%d of 60 owner exercises wrap round the ring", wraps)
	}
}

// TestMissingKeyFailsEveryClient: with no row for k9, every client of
// both rounds is answered with an error, drawn ✗, and nothing is cached.
func TestMissingKeyFailsEveryClient(t *testing.T) {
	in, _ := parse(spec.Examples[1])
	rec, err := record(in)
	if err != nil {
		t.Fatal(err)
	}
	last := len(rec.frames) - 1
	for _, c := range rec.frames[last].clients {
		if clientMark(c) != "✗" {
			t.Fatalf("a client of the last round is %q, not ✗", clientMark(c))
		}
	}
	out := ansi.Strip(strings.Join(rec.Draw(last, 80, 24, visual.NewTheme(true, true)), "\n"))
	if !strings.Contains(out, "5 ✗") || !strings.Contains(out, "main -") {
		t.Errorf("last frame:\n%s", out)
	}
}

// TestOwnersReplyIsNotTheClients: when the owner answers the peer that
// asked for a client, the client is still waiting for that peer; only
// the peer's own reply to it marks it answered.
func TestOwnersReplyIsNotTheClients(t *testing.T) {
	in, _ := parse(spec.Default)
	rec, err := record(in)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for i, f := range rec.frames {
		e := f.ev
		if e.Step != groupcache.StepReply {
			continue
		}
		j := clientIndex(e.Client, in.clients)
		got := clientMark(f.clients[j])
		if e.From != "" && got == "✓" {
			t.Errorf("frame %d: %s answers %s for %s, and %s is drawn answered", i+1, e.Peer, e.From, e.Client, e.Client)
		}
		if e.From == "" && got != "✓" {
			t.Errorf("frame %d: %s answers %s, drawn %q", i+1, e.Peer, e.Client, got)
		}
		seen++
	}
	if seen < in.clients*len(in.gets) {
		t.Errorf("%d replies, want at least %d", seen, in.clients*len(in.gets))
	}
}
