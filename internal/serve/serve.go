// Package serve runs the tutor for a whole class over SSH: one app per
// session, each learner known by the SHA256 fingerprint of their public
// key and given a folder of their own for the review log.
//
// Only public-key authentication is accepted (with an authorized-keys file,
// only its keys). A session must ask for a terminal and no command: exec,
// subsystems (SFTP), port forwarding and X11 are refused, and nothing but
// the app ever runs. The user name a client sends is logged and otherwise
// ignored: it never names a file.
package serve

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	wishtea "charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"
)

// App builds the app of one session for the learner whose folder is dir
// (it exists when App is called), with the session's environment. The
// returned closer runs when the session ends, after the program has quit:
// it closes the learner's review log.
type App func(dir string, environ []string) (tea.Model, io.Closer, error)

// An Ender is a closer that is also told how the session's app was when
// its program ended (the learner quit, the connection dropped, the server
// stopped), before the closer runs: the app as the learner left it, to
// save where they were.
type Ender interface {
	End(final tea.Model)
}

// Config configures a Server.
type Config struct {
	// HostKey is the path of the server's private host key. It is made
	// (ed25519, mode 0600) if it does not exist, and reused after.
	HostKey string
	// AuthorizedKeys, when not "", is an authorized_keys file: only its
	// keys get in. Empty lets any public key in.
	AuthorizedKeys string
	// State is the folder under which each learner gets
	// learners/<fingerprint>/.
	State string
	// MaxSessions caps the sessions open at once; 0 means 100.
	MaxSessions int
	// IdleTimeout ends a connection with no traffic for this long; 0
	// means 30 minutes.
	IdleTimeout time.Duration
	// Grace is how long learners are given to see the shutdown notice
	// before their sessions end; 0 means 3 seconds.
	Grace time.Duration
	// App builds each session's app.
	App App
	// Log receives a structured line per connect, refusal and disconnect.
	// Nil discards them.
	Log *slog.Logger
}

// Server is a running tutor SSH server.
type Server struct {
	cfg      Config
	srv      *ssh.Server
	keys     []ssh.PublicKey // from AuthorizedKeys; nil lets any key in
	sessions atomic.Int64

	mu       sync.Mutex
	programs map[*tea.Program]struct{}
	running  map[ssh.Session]session // the app of each session, while it runs
	closers  map[io.Closer]struct{}  // of sessions that ended, not yet closed
	closing  bool
	live     sync.WaitGroup // sessions whose program has not yet ended
}

// session is a session's program and what closes its learner's log.
type session struct {
	p      *tea.Program
	closer io.Closer
	last   *tea.Model // the app after its latest update
}

// drain is how long a learner's review log stays open after their session
// ends, so that an answer whose save was under way when the connection
// dropped still reaches the disk.
const drain = 2 * time.Second

// Fingerprint is the name of a learner's folder: "SHA256_" and the
// unpadded URL-safe base64 of the SHA-256 of the key's wire form. It is
// the key's usual SHA256 fingerprint with - and _ for + and /, so that
// it is a file name.
func Fingerprint(key gossh.PublicKey) string {
	sum := sha256.Sum256(key.Marshal())
	return "SHA256_" + base64.RawURLEncoding.EncodeToString(sum[:])
}

// New makes a server from cfg; Serve starts it.
func New(cfg Config) (*Server, error) {
	if cfg.App == nil || cfg.State == "" || cfg.HostKey == "" {
		return nil, errors.New("serve: Config needs App, State and HostKey")
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = 100
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 30 * time.Minute
	}
	if cfg.Grace <= 0 {
		cfg.Grace = 3 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Server{cfg: cfg, programs: map[*tea.Program]struct{}{}, running: map[ssh.Session]session{}, closers: map[io.Closer]struct{}{}}
	if cfg.AuthorizedKeys != "" {
		keys, err := readAuthorizedKeys(cfg.AuthorizedKeys)
		if err != nil {
			return nil, err
		}
		s.keys = keys
	}
	if err := os.MkdirAll(filepath.Dir(cfg.HostKey), 0o700); err != nil {
		return nil, fmt.Errorf("--host-key %s: %w", cfg.HostKey, err)
	}
	srv, err := wish.NewServer(
		wish.WithHostKeyPath(cfg.HostKey),
		wish.WithPublicKeyAuth(s.allow),
		wish.WithIdleTimeout(cfg.IdleTimeout),
		wish.WithMiddleware(
			wishtea.MiddlewareWithProgramHandler(s.program),
			s.gate, // runs first: the last middleware wraps the others
		),
	)
	if err != nil {
		return nil, fmt.Errorf("--host-key %s: %w", cfg.HostKey, err)
	}
	// No port forwarding either way, no subsystem (SFTP), no other
	// channel than sessions: the defaults, said out loud.
	srv.LocalPortForwardingCallback = nil
	srv.ReversePortForwardingCallback = nil
	srv.SubsystemHandlers = nil
	srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": ssh.DefaultSessionHandler}
	srv.RequestHandlers = map[string]ssh.RequestHandler{}
	s.srv = srv
	return s, nil
}

// readAuthorizedKeys parses an authorized_keys file.
func readAuthorizedKeys(path string) ([]ssh.PublicKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--authorized-keys %s: %w", path, err)
	}
	var keys []ssh.PublicKey
	for line := 1; len(b) > 0; line++ {
		key, _, _, rest, err := gossh.ParseAuthorizedKey(b)
		if err != nil {
			if len(keys) == 0 {
				return nil, fmt.Errorf("--authorized-keys %s: no key could be read: %v", path, err)
			}
			break
		}
		keys = append(keys, key)
		b = rest
	}
	return keys, nil
}

// allow is the public-key check: any key, or one of AuthorizedKeys.
func (s *Server) allow(ctx ssh.Context, key ssh.PublicKey) bool {
	if s.keys == nil {
		return true
	}
	for _, k := range s.keys {
		if ssh.KeysEqual(key, k) {
			return true
		}
	}
	s.cfg.Log.Info("refused", "why", "key not authorized", "fingerprint", Fingerprint(key), "remote", ctx.RemoteAddr().String(), "user", ctx.User())
	return false
}

// gate refuses what is not a learner at a terminal, caps the sessions and
// logs each one.
func (s *Server) gate(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		fp := Fingerprint(sess.PublicKey())
		log := s.cfg.Log.With("fingerprint", fp, "remote", sess.RemoteAddr().String(), "user", sess.User())
		refuse := func(why, msg string) {
			log.Info("refused", "why", why)
			wish.Println(sess, "tutor: "+msg)
			_ = sess.Exit(1)
		}
		switch _, _, pty := sess.Pty(); {
		case sess.RawCommand() != "" || sess.Subsystem() != "":
			refuse("command", "this server runs only the tutor; connect without a command")
			return
		case !pty:
			refuse("no terminal", "the tutor needs a terminal; connect with ssh -t")
			return
		}
		if n := s.sessions.Add(1); n > int64(s.cfg.MaxSessions) {
			s.sessions.Add(-1)
			refuse("full", fmt.Sprintf("the server is full (%d learners); try again later", s.cfg.MaxSessions))
			return
		}
		start := time.Now()
		log.Info("connect")
		defer func() {
			// In this order: Shutdown waits for finish, and by then the
			// session is no longer counted.
			s.sessions.Add(-1)
			log.Info("disconnect", "duration", time.Since(start).Round(time.Millisecond).String())
			s.finish(sess)
		}()
		next(sess) // returns when the session's program has ended
	}
}

// Sessions is the number of sessions open now.
func (s *Server) Sessions() int { return int(s.sessions.Load()) }

// program builds the session's program, or ends the session when its app
// cannot be built.
func (s *Server) program(sess ssh.Session) *tea.Program {
	dir := filepath.Join(s.cfg.State, "learners", Fingerprint(sess.PublicKey()))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		s.cfg.Log.Error("learner folder", "dir", dir, "err", err)
		wish.Println(sess, "tutor: your folder could not be made; tell the person running the server")
		return nil
	}
	m, closer, err := s.cfg.App(dir, sess.Environ())
	if err != nil {
		s.cfg.Log.Error("app", "dir", dir, "err", err)
		wish.Println(sess, "tutor: "+err.Error())
		return nil
	}
	// The server's own signals are the server's to handle: a program
	// that caught SIGTERM would end its session at once, notice unseen.
	opts := append(wishtea.MakeOptions(sess), tea.WithoutSignalHandler())
	last := new(tea.Model)
	*last = m
	p := tea.NewProgram(shutdownNotice{inner: m, last: last}, opts...)
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		closer.Close()
		wish.Println(sess, "tutor: the server is shutting down")
		return nil
	}
	s.programs[p] = struct{}{}
	s.running[sess] = session{p, closer, last}
	s.live.Add(1)
	s.mu.Unlock()
	return p
}

// finish is the end of a session whose program has ended: its learner's
// log closes after drain.
func (s *Server) finish(sess ssh.Session) {
	s.mu.Lock()
	st, ok := s.running[sess]
	if ok {
		delete(s.running, sess)
		delete(s.programs, st.p)
		s.closers[st.closer] = struct{}{}
	}
	s.mu.Unlock()
	if !ok {
		return
	}
	// The program has ended (next returned), so nothing writes *st.last
	// any more; Shutdown waits for what End saves.
	if e, ok := st.closer.(Ender); ok {
		e.End(*st.last)
	}
	s.live.Done()
	time.AfterFunc(drain, func() { s.close(st.closer) })
}

// close closes a session's closer once.
func (s *Server) close(c io.Closer) {
	s.mu.Lock()
	_, ok := s.closers[c]
	delete(s.closers, c)
	s.mu.Unlock()
	if ok {
		c.Close()
	}
}

// closeAll closes every closer not yet closed.
func (s *Server) closeAll() {
	s.mu.Lock()
	cs := make([]io.Closer, 0, len(s.closers))
	for c := range s.closers {
		cs = append(cs, c)
	}
	s.mu.Unlock()
	for _, c := range cs {
		s.close(c)
	}
}

// Serve accepts connections on l until Shutdown. It returns
// ssh.ErrServerClosed after a Shutdown.
func (s *Server) Serve(l net.Listener) error { return s.srv.Serve(l) }

// Shutdown stops accepting connections, tells every learner connected that
// the server is stopping, gives their sessions Config.Grace to end (each
// answer shown as saved is on disk already: the log is synced before the
// app says so), ends those that remain, closes every review log and every
// connection, until ctx is done.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	progs := make([]*tea.Program, 0, len(s.programs))
	for p := range s.programs {
		progs = append(progs, p)
	}
	s.mu.Unlock()
	for _, p := range progs {
		p.Send(stoppingMsg{s.cfg.Grace})
	}
	done := make(chan error, 1)
	go func() { done <- s.srv.Shutdown(ctx) }() // closes the listeners at once
	ended := make(chan struct{})
	go func() { s.live.Wait(); close(ended) }()
	select {
	case <-ended:
	case <-time.After(s.cfg.Grace + time.Second):
		for _, p := range progs {
			p.Quit()
		}
		select {
		case <-ended:
		case <-ctx.Done():
		}
	case <-ctx.Done():
	}
	s.closeAll()
	// A client may keep its connection after its session ends.
	closeErr := s.srv.Close()
	select {
	case err := <-done:
		if errors.Is(err, ssh.ErrServerClosed) {
			err = nil
		}
		return err
	case <-ctx.Done():
		return closeErr
	}
}

// stoppingMsg tells a session's app that the server is stopping in grace.
type stoppingMsg struct{ grace time.Duration }

// quitMsg ends a session once its grace is over.
type quitMsg struct{}

// shutdownNotice wraps a session's app: when the server stops it puts a
// line over the top of the screen and quits after the grace period.
type shutdownNotice struct {
	inner    tea.Model
	stopping bool
	// last is the inner model after the latest update, for the session's
	// Ender once the program has ended.
	last *tea.Model
}

func (m shutdownNotice) Init() tea.Cmd { return m.inner.Init() }

func (m shutdownNotice) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case stoppingMsg:
		m.stopping = true
		return m, tea.Tick(msg.grace, func(time.Time) tea.Msg { return quitMsg{} })
	case quitMsg:
		return m, tea.Quit
	}
	var cmd tea.Cmd
	m.inner, cmd = m.inner.Update(msg)
	*m.last = m.inner
	return m, cmd
}

// stoppingLine is the notice the learners see.
const stoppingLine = " the server is stopping: your answers are saved; reconnect later "

func (m shutdownNotice) View() tea.View {
	v := m.inner.View()
	if m.stopping {
		content := v.Content
		if i := indexNewline(content); i >= 0 {
			content = content[i:]
		} else {
			content = ""
		}
		v.SetContent(stoppingLine + content)
	}
	return v
}

func indexNewline(s string) int {
	for i := range len(s) {
		if s[i] == '\n' {
			return i
		}
	}
	return -1
}
