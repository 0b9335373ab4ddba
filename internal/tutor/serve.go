package tutor

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"

	"tutor/internal/lessons"
	"tutor/internal/resume"
	"tutor/internal/review"
	"tutor/internal/serve"
	"tutor/internal/ui"
)

// ServeOptions are the options of `tutor serve`.
type ServeOptions struct {
	// Listen is the address to listen on, e.g. 127.0.0.1:2222.
	Listen string
	// HostKey is the host key's path; "" means DIR/host_ed25519 under
	// the state folder.
	HostKey string
	// AuthorizedKeys, when not "", lets only its keys in.
	AuthorizedKeys string
	// MaxSessions caps the sessions open at once.
	MaxSessions int
	// IdleTimeout ends a session idle for this long.
	IdleTimeout time.Duration
}

// ServeApp returns the serve.App that gives each learner the app over the
// catalog cat, with their own review log in their folder.
func ServeApp(cat *lessons.Catalog, notices []string, now func() time.Time) serve.App {
	former := cat.FormerIDs()
	return func(dir string, environ []string) (tea.Model, io.Closer, error) {
		o := Options{State: dir, formerIDs: former}
		q, more := quizService(o, Env{Now: now})
		places, warns := loadPlaces(o)
		m := ui.New(ui.Options{
			Catalog:    cat,
			Plain:      slices.ContainsFunc(environ, func(kv string) bool { return strings.HasPrefix(kv, "NO_COLOR=") && kv != "NO_COLOR=" }),
			Notices:    append(append(slices.Clone(notices), more...), warns...),
			Quiz:       q,
			Resume:     places,
			SaveResume: savePlaces(o),
		})
		// A pointer: the server keeps closers as map keys.
		end := &learnerEnd{save: savePlaces(o)}
		if q.Log != nil {
			end.log = q.Log
		}
		return m, end, nil
	}
}

// learnerEnd ends a learner's session: it saves where they were in the
// lessons when the program ended (serve.Ender), as tutor does at exit,
// then closes their review log.
type learnerEnd struct {
	save func(map[string]resume.Place) error
	log  io.Closer
}

// End saves the places of the app as the session left it; a failure is
// the server's to log, and loses no answer.
func (e *learnerEnd) End(final tea.Model) {
	fm, ok := final.(ui.Model)
	if !ok || e.save == nil {
		return
	}
	if places := fm.Places(); len(places) > 0 {
		e.save(places)
	}
}

// Close closes the review log.
func (e *learnerEnd) Close() error {
	if e.log == nil {
		return nil
	}
	return e.log.Close()
}

// Serve runs `tutor serve`: the app for every learner who connects over
// SSH, until SIGINT or SIGTERM, then a graceful shutdown. Connects and
// disconnects are logged on stderr as structured lines.
func Serve(e Env, o Options, so ServeOptions) error {
	cat, notices, err := Catalog(o)
	if err != nil {
		return err
	}
	sayNotices(e, notices)
	state := o.State
	if state == "" {
		if state, err = review.DefaultDir(); err != nil {
			return err
		}
	}
	if so.HostKey == "" {
		so.HostKey = filepath.Join(state, "host_ed25519")
	}
	log := slog.New(slog.NewTextHandler(e.Stderr, nil))
	srv, err := serve.New(serve.Config{
		HostKey:        so.HostKey,
		AuthorizedKeys: so.AuthorizedKeys,
		State:          state,
		MaxSessions:    so.MaxSessions,
		IdleTimeout:    so.IdleTimeout,
		App:            ServeApp(cat, notices, e.Now),
		Log:            log,
	})
	if err != nil {
		return Usagef("serve: %v", err)
	}
	l, err := net.Listen("tcp", so.Listen)
	if err != nil {
		return Usagef("serve --listen %s: %v", so.Listen, err)
	}
	log.Info("listening", "addr", l.Addr().String(), "state", state, "host_key", so.HostKey)
	fmt.Fprintf(e.Stdout, "tutor: serving on %s; learners connect with: ssh -p %s <this host>\n", l.Addr(), portOf(l.Addr()))
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("stopping", "sessions", srv.Sessions())
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, ssh.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

func portOf(a net.Addr) string {
	_, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return port
}
