package serve_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"tutor/internal/lessons"
	"tutor/internal/serve"
	"tutor/internal/tutor"
)

// catalog is a lesson with the kvstore visual and one recall card (its
// exercises come after it), and one of five recall cards, so that a learner's keys are known in
// advance: enter opens the first lesson, l steps its visual, down and
// enter open the second lesson, c starts a lesson's quiz, space shows a
// card's answer, 3 grades it Good.
func catalog(t testing.TB) *lessons.Catalog {
	t.Helper()
	var items strings.Builder
	for i := range 5 {
		fmt.Fprintf(&items, "- kind: recall\n  front: Card %d?\n  back: Answer %d.\n", i, i)
	}
	cat, err := lessons.Load(fstest.MapFS{
		"lessons/a.md":        {Data: []byte("---\nid: a\ntitle: Bytes\norder: 1\nvisual: kvstore\nsummary: s\n---\n# Bytes\n\ntext\n")},
		"lessons/a.quiz.yaml": {Data: []byte("- kind: recall\n  front: Bytes?\n  back: Yes.\n")},
		"lessons/b.md":        {Data: []byte("---\nid: b\ntitle: Cards\norder: 2\nsummary: s\n---\n# Cards\n\ntext\n")},
		"lessons/b.quiz.yaml": {Data: []byte(items.String())},
	})
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// server is a tutor server on a loopback port.
type server struct {
	*serve.Server
	addr  string
	state string
	logs  *syncBuffer
}

func start(t testing.TB, cfg serve.Config) *server {
	t.Helper()
	dir := t.TempDir()
	if cfg.State == "" {
		cfg.State = filepath.Join(dir, "state")
	}
	cfg.HostKey = filepath.Join(dir, "host", "key")
	logs := &syncBuffer{}
	cfg.Log = slog.New(slog.NewTextHandler(logs, nil))
	cfg.App = tutor.ServeApp(catalog(t), nil, time.Now)
	cfg.Grace = 500 * time.Millisecond
	s, err := serve.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(l)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		s.Shutdown(ctx)
	})
	return &server{Server: s, addr: l.Addr().String(), state: cfg.State, logs: logs}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func newKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func dial(addr, user string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            user,
		Auth:            auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	})
}

// learner is one connected session at a terminal.
type learner struct {
	t    testing.TB
	c    *gossh.Client
	sess *gossh.Session
	in   interface{ Write([]byte) (int, error) }
	out  *syncBuffer
	dir  string
}

func connect(t testing.TB, s *server, key gossh.Signer, user string) *learner {
	t.Helper()
	c, err := dial(s.addr, user, gossh.PublicKeys(key))
	if err != nil {
		t.Fatal(err)
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	sess.Stdout, sess.Stderr = out, out
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	l := &learner{t: t, c: c, sess: sess, in: in, out: out,
		dir: filepath.Join(s.state, "learners", serve.Fingerprint(key.PublicKey()))}
	t.Cleanup(func() { c.Close() })
	l.waitFor("lessons")
	return l
}

// waitFor waits until the screen has shown text (escapes stripped).
func (l *learner) waitFor(text string) {
	l.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(ansi.Strip(l.out.String()), text) {
		if time.Now().After(deadline) {
			l.t.Fatalf("the screen never showed %q:\n%s", text, ansi.Strip(l.out.String()))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// keys types each key, a little apart, as a person would.
func (l *learner) keys(ks ...string) {
	l.t.Helper()
	for _, k := range ks {
		if k == "space" {
			k = " "
		}
		if k == "esc" {
			k = "\x1b"
		}
		if k == "enter" {
			k = "\r"
		}
		if k == "down" {
			k = "\x1b[B"
		}
		if _, err := l.in.Write([]byte(k)); err != nil {
			l.t.Fatalf("typing %q: %v", k, err)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// answer starts a quiz of the second lesson, from the lesson list, and
// grades n cards Good.
func (l *learner) answer(n int) {
	l.t.Helper()
	l.keys("down", "enter", "c")
	for range n {
		l.keys("space", "3")
	}
}

// records reads the learner's review log.
func records(t testing.TB, dir string) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "reviews.jsonl"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var recs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if line == "" {
			continue
		}
		var r map[string]any
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%s: %q: %v", dir, line, err)
		}
		recs = append(recs, r)
	}
	return recs
}

// waitRecords waits until dir's log holds n records, or 30 s.
func waitRecords(t testing.TB, dir string, n int) []map[string]any {
	t.Helper()
	return waitRecordsUntil(t, dir, n, time.Now().Add(30*time.Second))
}

// waitRecordsUntil waits until dir's log holds n records, or deadline.
func waitRecordsUntil(t testing.TB, dir string, n int, deadline time.Time) []map[string]any {
	t.Helper()
	for {
		recs := records(t, dir)
		if len(recs) >= n || time.Now().After(deadline) {
			return recs
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestTwoLearnersEachHaveTheirOwnLog(t *testing.T) {
	s := start(t, serve.Config{})
	ka, kb := newKey(t), newKey(t)
	var wg sync.WaitGroup
	var a, b *learner
	wg.Add(2)
	go func() { defer wg.Done(); a = connect(t, s, ka, "student") }()
	go func() { defer wg.Done(); b = connect(t, s, kb, "student") }()
	wg.Wait()
	wg.Add(2)
	go func() { defer wg.Done(); a.answer(3) }()
	go func() { defer wg.Done(); b.answer(2) }()
	wg.Wait()
	ra, rb := waitRecords(t, a.dir, 3), waitRecords(t, b.dir, 2)
	time.Sleep(200 * time.Millisecond) // nothing more arrives
	ra, rb = records(t, a.dir), records(t, b.dir)
	if len(ra) != 3 || len(rb) != 2 {
		t.Fatalf("learner a has %d records, b %d; want 3 and 2", len(ra), len(rb))
	}
	for _, r := range append(ra, rb...) {
		if card, _ := r["card"].(string); !strings.HasPrefix(card, "b/") || r["grade"] != float64(3) {
			t.Errorf("record %v", r)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(s.state, "learners"))
	if len(entries) != 2 {
		t.Errorf("%d learner folders, want 2 (the same user name, two keys)", len(entries))
	}
	if !strings.Contains(s.logs.String(), "msg=connect") || !strings.Contains(s.logs.String(), serve.Fingerprint(ka.PublicKey())) {
		t.Errorf("the server's log:\n%s", s.logs)
	}
}

func TestOnlyAuthorizedKeysGetIn(t *testing.T) {
	in, out := newKey(t), newKey(t)
	file := filepath.Join(t.TempDir(), "authorized_keys")
	if err := os.WriteFile(file, gossh.MarshalAuthorizedKey(in.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	s := start(t, serve.Config{AuthorizedKeys: file})
	if _, err := dial(s.addr, "x", gossh.PublicKeys(out)); err == nil {
		t.Error("a key outside --authorized-keys got in")
	}
	if _, err := dial(s.addr, "x", gossh.Password("hunter2")); err == nil {
		t.Error("a password got in")
	}
	if _, err := dial(s.addr, "x", gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })); err == nil {
		t.Error("keyboard-interactive got in")
	}
	connect(t, s, in, "x") // the authorized key does
	if !strings.Contains(s.logs.String(), "key not authorized") {
		t.Errorf("the refusal is not logged:\n%s", s.logs)
	}
}

func TestTheUserNameNamesNoFile(t *testing.T) {
	s := start(t, serve.Config{})
	k := newKey(t)
	l := connect(t, s, k, "../../etc")
	l.answer(1)
	waitRecords(t, l.dir, 1)
	var files []string
	filepath.Walk(s.state, func(path string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			rel, _ := filepath.Rel(s.state, path)
			files = append(files, rel)
		}
		return nil
	})
	// Only the learner's folder, named by their key, holds files: the
	// review log, and where they were in the lessons.
	folder := filepath.Join("learners", serve.Fingerprint(k.PublicKey()))
	want := map[string]bool{"reviews.jsonl": true, "resume.json": true, "resume.json.lock": true}
	log := false
	for _, f := range files {
		if filepath.Dir(f) != folder || !want[filepath.Base(f)] {
			t.Errorf("a file under the state folder outside the learner's own: %q (all: %q)", f, files)
		}
		log = log || filepath.Base(f) == "reviews.jsonl"
	}
	if !log {
		t.Errorf("no review log in %s: %q", folder, files)
	}
}

func TestNothingButTheApp(t *testing.T) {
	s := start(t, serve.Config{})
	k := newKey(t)
	c, err := dial(s.addr, "x", gossh.PublicKeys(k))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	run := func(what string, f func(*gossh.Session) error) string {
		t.Helper()
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer sess.Close()
		out := &syncBuffer{}
		sess.Stdout, sess.Stderr = out, out
		err = f(sess)
		var exit *gossh.ExitError
		if !errors.As(err, &exit) || exit.ExitStatus() != 1 {
			t.Errorf("%s: %v, want exit status 1", what, err)
		}
		return strings.TrimSpace(out.String())
	}
	if out := run("exec", func(s *gossh.Session) error { return s.Run("cat /etc/passwd") }); out != "tutor: this server runs only the tutor; connect without a command" {
		t.Errorf("exec: %q", out)
	}
	if out := run("no pty", func(s *gossh.Session) error { return s.Run("") }); !strings.Contains(out, "needs a terminal") {
		t.Errorf("a shell without a terminal: %q", out)
	}
	sess, _ := c.NewSession()
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("the sftp subsystem was granted")
	}
	if ok, _ := sess.SendRequest("x11-req", true, gossh.Marshal(struct {
		Single        bool
		Proto, Cookie string
		Screen        uint32
	}{false, "MIT-MAGIC-COOKIE-1", "00", 0})); ok {
		t.Error("X11 forwarding was granted")
	}
	sess.Close()
	if conn, err := c.Dial("tcp", s.addr); err == nil {
		conn.Close()
		t.Error("a direct-tcpip channel (ssh -L) was opened")
	}
	if l, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		l.Close()
		t.Error("a remote forward (ssh -R) was granted")
	}
}

func TestTheSessionCap(t *testing.T) {
	s := start(t, serve.Config{MaxSessions: 1})
	connect(t, s, newKey(t), "first")
	c, err := dial(s.addr, "second", gossh.PublicKeys(newKey(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, _ := c.NewSession()
	out := &syncBuffer{}
	sess.Stdout = out
	sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{})
	err = sess.Run("")
	if !strings.Contains(out.String(), "the server is full (1 learners)") || err == nil {
		t.Errorf("past the cap: %q, %v", out.String(), err)
	}
}

func TestADroppedClientLosesNoAnswer(t *testing.T) {
	s := start(t, serve.Config{})
	k := newKey(t)
	l := connect(t, s, k, "x")
	l.answer(2)
	if recs := waitRecords(t, l.dir, 2); len(recs) != 2 {
		t.Fatalf("%d records before the drop, want 2", len(recs))
	}
	// A third answer, and the laptop lid closes at once: the third may or
	// may not have reached the server, but the two saved stay, and the
	// log holds no torn line.
	l.keys("space", "3")
	l.c.Close()
	deadline := time.Now().Add(30 * time.Second)
	for s.Sessions() > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // a save under way lands
	recs := records(t, l.dir)          // fails the test on a torn line
	if len(recs) != 2 && len(recs) != 3 {
		t.Fatalf("%d records after the drop, want the 2 saved (and maybe the third)", len(recs))
	}
	// The same key comes back to the same log, and the answers count.
	l2 := connect(t, s, k, "x")
	l2.answer(1)
	if got := waitRecords(t, l2.dir, len(recs)+1); len(got) != len(recs)+1 {
		t.Errorf("%d records after coming back, want %d", len(got), len(recs)+1)
	}
}

func TestShutdownTellsLearnersAndLosesNothing(t *testing.T) {
	s := start(t, serve.Config{})
	ls := []*learner{connect(t, s, newKey(t), "a"), connect(t, s, newKey(t), "b")}
	for _, l := range ls {
		l.answer(2)
	}
	for _, l := range ls {
		waitRecords(t, l.dir, 2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	for _, l := range ls {
		l.waitFor("the server is stopping")
		if recs := records(t, l.dir); len(recs) != 2 {
			t.Errorf("%d records after shutdown, want 2", len(recs))
		}
	}
	if s.Sessions() != 0 {
		t.Errorf("%d sessions after shutdown", s.Sessions())
	}
	if _, err := dial(s.addr, "late", gossh.PublicKeys(newKey(t))); err == nil {
		t.Error("a connection was accepted after shutdown")
	}
}

// TestAClass: 50 learners at once, each opening the live lesson, stepping
// its visual and answering its card; every answer reaches its own log.
// The memory each session holds and the time to the first screen are
// reported, not asserted.
func TestAClass(t *testing.T) {
	if testing.Short() {
		t.Skip("50 sessions: not in -short")
	}
	const n = 50
	s := start(t, serve.Config{})
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	ls := make([]*learner, n)
	firsts := make([]time.Duration, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			ls[i] = connect(t, s, newKey(t), fmt.Sprintf("learner%d", i))
			firsts[i] = time.Since(t0)
		}()
	}
	wg.Wait()
	runtime.GC()
	var during runtime.MemStats
	runtime.ReadMemStats(&during)
	for _, l := range ls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.keys("enter", "l", "l", "l", "l", "c", "space", "3")
		}()
	}
	wg.Wait()
	deadline := time.Now().Add(60 * time.Second)
	for i, l := range ls {
		recs := waitRecordsUntil(t, l.dir, 1, deadline)
		if len(recs) != 1 {
			t.Errorf("learner %d: %d records, want 1", i, len(recs))
			continue
		}
		for _, r := range recs {
			if card, _ := r["card"].(string); !strings.HasPrefix(card, "a/") {
				t.Errorf("learner %d: record %v is not of the lesson they opened", i, r)
			}
		}
	}
	var worst, sum time.Duration
	for _, d := range firsts {
		sum += d
		worst = max(worst, d)
	}
	t.Logf("%d sessions held at once: %.1f MiB of heap each; first screen %v on average, %v at worst (under -race: %v)",
		s.Sessions(), float64(int64(during.HeapAlloc)-int64(before.HeapAlloc))/n/(1<<20), (sum / n).Round(time.Millisecond), worst.Round(time.Millisecond), raceEnabled)
	if s.Sessions() != n {
		t.Errorf("%d sessions open, want %d", s.Sessions(), n)
	}
}

// TestALearnerComesBackWhereTheyWere: over SSH as in a terminal, the
// place in a lesson is kept in the learner's own folder, whether they quit
// with q or their connection drops, and the next session offers it first
// (the tester's finding: serve never saved it).
func TestALearnerComesBackWhereTheyWere(t *testing.T) {
	s := start(t, serve.Config{})
	for _, leave := range []string{"q", "drop"} {
		t.Run(leave, func(t *testing.T) {
			k := newKey(t)
			l := connect(t, s, k, "x")
			l.keys("enter")
			l.waitFor("step 1/")
			// The screen is sent as changes: "step 5/" need never pass
			// whole, so the steps are judged by the saved place below.
			l.keys("l", "l", "l", "l")
			time.Sleep(300 * time.Millisecond) // the keys reach the app
			if leave == "q" {
				l.keys("q")
			} else {
				l.c.Close()
			}
			deadline := time.Now().Add(30 * time.Second)
			for s.Sessions() > 0 && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
			}
			for {
				b, _ := os.ReadFile(filepath.Join(l.dir, "resume.json"))
				var f struct {
					Lessons map[string]struct{ Step int }
				}
				if json.Unmarshal(b, &f) == nil && f.Lessons["a"].Step == 4 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("after %s, the learner's resume.json does not hold lesson a at step 5: %q", leave, b)
				}
				time.Sleep(20 * time.Millisecond)
			}
			l2 := connect(t, s, k, "x")
			l2.waitFor("continue Bytes")
		})
	}
}
