// Command tutor is a terminal tutor for backend and systems interviews: it
// shows a study note beside a live visualization of the real solution code,
// and quizzes with spaced repetition.
//
// Usage:
//
//	tutor                          the app, at the lesson list
//	tutor open <lesson>            the app, at one lesson
//	tutor list                     lesson ids and titles, one a line
//	tutor render <lesson> [--width N] [--plain]
//	tutor trace <visual> [input]   a run as plain text, one block a step
//	tutor quiz [lesson] [--new N] [--max N]
//	                               a quiz session: due cards, then new ones
//	tutor --notes DIR ...          also load the markdown notes in DIR
//	tutor --state DIR ...          keep the review log in DIR
//	tutor --version | --help
//
// Exit status: 0 on success, 1 when the app fails, 2 for bad input or usage
// with one line on stderr that names the bad value.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"

	"tutor/internal/tutor"
)

const usage = `tutor: study notes beside live solution code, and quizzes that come back
when you are about to forget.

usage:
  tutor                          the app, at the lesson list
  tutor open <lesson>            the app, at one lesson
  tutor list                     lesson ids and titles, one a line
  tutor render <lesson> [--width N] [--plain]
                                 the note rendered for the terminal
  tutor trace <visual> [input]   the run as plain text, one block a step
  tutor quiz [lesson] [--new N] [--max N]
                                 a quiz session: due cards first, then new ones;
                                 --new: new cards a day (20), --max: cards in the
                                 session (50; 0: no cap); the defaults can be set
                                 in $XDG_CONFIG_HOME/tutor/config (new = N, max = N)
  tutor serve [--listen 127.0.0.1:2222] [--authorized-keys FILE] ...
                                 the tutor for a class over SSH, one review log
                                 per learner's key

options (before the command):
  --notes DIR    also load the markdown notes in DIR
  --state DIR    keep the review log in DIR (default: $XDG_STATE_HOME/tutor)
  --light        assume a light terminal background
  --version      print the version
  --help         print this help

trace inputs:
`

var usagef = tutor.Usagef

func main() {
	e := tutor.Env{
		Stdout: os.Stdout,
		Stderr: os.Stderr,
		TTY:    term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stdout.Fd()),
		Getenv: os.Getenv,
		Now:    time.Now,
	}
	os.Exit(run(os.Args[1:], e))
}

// run runs the command line args and returns the exit status.
func run(args []string, e tutor.Env) int {
	err := dispatch(args, e)
	var u tutor.UsageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &u):
		fmt.Fprintln(e.Stderr, "tutor: "+oneLine(u.Msg))
		return 2
	default:
		fmt.Fprintln(e.Stderr, "tutor: "+oneLine(err.Error()))
		return 1
	}
}

// oneLine is s on one line, cleaned of anything a terminal would act on:
// messages echo flag values, paths and inputs as they were typed.
func oneLine(s string) string { return tutor.SafeLine(s) }

// dispatch parses the options and the command, and calls the command.
func dispatch(args []string, e tutor.Env) error {
	var g tutor.Options
	flags := flag.NewFlagSet("tutor", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	flags.StringVar(&g.Notes, "notes", "", "")
	flags.StringVar(&g.State, "state", "", "")
	flags.BoolVar(&g.Light, "light", false, "")
	version := flags.Bool("version", false, "")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(e.Stdout)
			return nil
		}
		return usagef("%v (see tutor --help)", err)
	}
	if *version {
		if flags.NArg() > 0 {
			return usagef("--version takes no arguments, got %q", flags.Arg(0))
		}
		fmt.Fprintln(e.Stdout, "tutor "+versionString())
		return nil
	}
	args = flags.Args()
	cmd := ""
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "help":
		printUsage(e.Stdout)
		return nil
	case "trace":
		return tutor.Trace(e, args)
	case "render":
		return render(args, g, e)
	case "":
		return tutor.App(e, g, "", false, "")
	case "open":
		if len(args) != 1 {
			return usagef("open takes one lesson id: tutor open <lesson>")
		}
		return tutor.App(e, g, args[0], false, "")
	case "quiz":
		return quiz(args, g, e)
	case "serve":
		return serve(args, g, e)
	case "list":
		if len(args) > 0 {
			return usagef("list takes no arguments, got %q", args[0])
		}
		return tutor.List(e, g)
	}
	return usagef("unknown command %q (commands: open, list, render, trace, quiz, serve; see tutor --help)", cmd)
}

// render parses the words of tutor render: a lesson id before or after
// --width N and --plain.
func render(args []string, g tutor.Options, e tutor.Env) error {
	flags := flag.NewFlagSet("render", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	width := flags.Int("width", 0, "")
	plain := flags.Bool("plain", false, "")
	var id string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		id, args = args[0], args[1:]
	}
	if err := flags.Parse(args); err != nil {
		return usagef("render: %v", err)
	}
	if id == "" && flags.NArg() > 0 {
		id = flags.Arg(0)
	} else if flags.NArg() > 0 {
		return usagef("render takes one lesson id, got also %q", flags.Arg(0))
	}
	if id == "" {
		return usagef("render takes a lesson id: tutor render <lesson> [--width N] [--plain]")
	}
	return tutor.Render(e, g, id, *width, *plain)
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, usage)
	tutor.TraceUsage(w)
}

func versionString() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
