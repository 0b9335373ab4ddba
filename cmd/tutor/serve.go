package main

import (
	"flag"
	"io"
	"time"

	"tutor/internal/tutor"
	"tutor/internal/visual"
)

// serve parses the words of tutor serve and runs the server.
func serve(args []string, g tutor.Options, e tutor.Env) error {
	var so tutor.ServeOptions
	flags := serveFlags(&so, &g)
	if err := flags.Parse(args); err != nil {
		return usagef("serve: %s (usage: %s)", visual.FlagMessage(flags, err), serveUsage)
	}
	if flags.NArg() > 0 {
		return usagef("serve takes no arguments, got %q (usage: %s)", flags.Arg(0), serveUsage)
	}
	if so.MaxSessions < 1 {
		return usagef("serve --max-sessions %d: want 1 or more", so.MaxSessions)
	}
	if so.IdleTimeout < time.Second {
		return usagef("serve --idle-timeout %s: want 1s or more", so.IdleTimeout)
	}
	return tutor.Serve(e, g, so)
}

// serveFlags are the options of tutor serve, set into so and g.
func serveFlags(so *tutor.ServeOptions, g *tutor.Options) *flag.FlagSet {
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	flags.StringVar(&so.Listen, "listen", "127.0.0.1:2222", "")
	flags.StringVar(&so.HostKey, "host-key", "", "")
	flags.StringVar(&so.AuthorizedKeys, "authorized-keys", "", "")
	flags.StringVar(&g.State, "state", g.State, "")
	flags.IntVar(&so.MaxSessions, "max-sessions", 100, "")
	flags.DurationVar(&so.IdleTimeout, "idle-timeout", 30*time.Minute, "")
	return flags
}

// serveDetails are the options of tutor serve --help, with their defaults.
const serveDetails = `options:
  --listen ADDR            the address to listen on (127.0.0.1:2222); a
                           class on a network names its own, such as :2222
  --host-key FILE          the server's SSH key, made at first start
                           (default: host_ed25519 in the state folder)
  --authorized-keys FILE   let in only these public keys, one a line as
                           in ~/.ssh/authorized_keys (default: every key)
  --state DIR              the state folder: the host key and a folder of
                           review log and places per learner's key
                           (default: $XDG_STATE_HOME/tutor)
  --max-sessions N         learners at once; one more is told the server
                           is full and to try again later (100)
  --idle-timeout D         end a connection with no traffic for this long;
                           its answers are already saved (30m)
`

const serveUsage = "tutor serve [--listen ADDR] [--host-key FILE] [--authorized-keys FILE] [--state DIR] [--max-sessions N] [--idle-timeout D]"
