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
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	var so tutor.ServeOptions
	flags.StringVar(&so.Listen, "listen", "127.0.0.1:2222", "")
	flags.StringVar(&so.HostKey, "host-key", "", "")
	flags.StringVar(&so.AuthorizedKeys, "authorized-keys", "", "")
	flags.StringVar(&g.State, "state", g.State, "")
	flags.IntVar(&so.MaxSessions, "max-sessions", 100, "")
	flags.DurationVar(&so.IdleTimeout, "idle-timeout", 30*time.Minute, "")
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

const serveUsage = "tutor serve [--listen ADDR] [--host-key FILE] [--authorized-keys FILE] [--state DIR] [--max-sessions N] [--idle-timeout D]"
