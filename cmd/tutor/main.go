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
//	tutor quiz --predict <lesson>  predict each next step of the lesson's run
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
	"syscall"
	"time"

	"github.com/charmbracelet/x/term"

	"tutor/internal/tutor"
	"tutor/internal/visual"
)

const usageHead = `tutor: study notes beside live solution code, and quizzes that come back
when you are about to forget.

usage:
`

const usageOptions = `
options (before the command):
  --notes DIR    also load the markdown notes in DIR
  --ext md,txt   the file name extensions of those notes (default md,markdown)
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
	var extErr error
	flags.Func("ext", "", func(v string) error {
		g.Ext, extErr = tutor.ParseExt(v)
		return extErr
	})
	flags.StringVar(&g.State, "state", "", "")
	flags.BoolVar(&g.Light, "light", false, "")
	version := flags.Bool("version", false, "")
	if err := flags.Parse(args); err != nil {
		if extErr != nil {
			return extErr
		}
		if errors.Is(err, flag.ErrHelp) {
			printUsage(e.Stdout)
			return nil
		}
		return usagef("%s (see tutor --help)", visual.FlagMessage(flags, err))
	}
	if err := checkState(g.State); err != nil {
		return err
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
	if cmd == "help" {
		printUsage(e.Stdout)
		return nil
	}
	if c, ok := commands[cmd]; ok {
		if cmd != "" && asksHelp(cmd, args) {
			writeUsageOf(e.Stdout, c)
			return nil
		}
		return c.run(args, g, e)
	}
	return usagef("unknown command %q (commands: %s; see tutor --help)", cmd, commandNames())
}

func init() {
	register(command{name: "", order: 0,
		usage: "tutor                          the app, at the lesson list",
		run: func(args []string, g tutor.Options, e tutor.Env) error {
			return tutor.App(e, g, "", false, "")
		}})
	register(command{name: "open", order: 10,
		usage: "tutor open <lesson>            the app, at one lesson",
		run: func(args []string, g tutor.Options, e tutor.Env) error {
			if len(args) != 1 {
				return usagef("open takes one lesson id: tutor open <lesson>")
			}
			return tutor.App(e, g, args[0], false, "")
		}})
	register(command{name: "list", order: 20,
		usage: "tutor list                     lesson ids and titles, one a line",
		run: func(args []string, g tutor.Options, e tutor.Env) error {
			if len(args) > 0 {
				return usagef("list takes no arguments, got %q", args[0])
			}
			return tutor.List(e, g)
		}})
	register(command{name: "render", order: 30,
		usage: "tutor render <lesson> [--width N] [--plain]\n" +
			"                               the note rendered for the terminal",
		run: render})
	register(command{name: "trace", order: 40,
		usage: "tutor trace <visual> [input]   the run as plain text, one block a step",
		run: func(args []string, g tutor.Options, e tutor.Env) error {
			return tutor.Trace(e, args)
		}})
	register(command{name: "quiz", order: 50,
		usage: "tutor quiz [lesson] [--new N] [--max N]\n" +
			"                               a quiz session: due cards first, then new ones;\n" +
			"                               --new: new cards a day (20), --max: cards in the\n" +
			"                               session (50; 0: no cap); the defaults can be set\n" +
			"                               in $XDG_CONFIG_HOME/tutor/config (new = N, max = N)\n" +
			"tutor quiz --predict <lesson>  the lesson's run, asking what happens before each\n" +
			"                               step; the answers are reviews of its predict card",
		run: quiz})
	register(command{name: "serve", order: 90,
		usage: "tutor serve [--listen 127.0.0.1:2222] [--authorized-keys FILE] ...\n" +
			"                               the tutor for a class over SSH, one review log\n" +
			"                               per learner's key",
		details: serveDetails,
		run:     serve})
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
		return usagef("render: %s", visual.FlagMessage(flags, err))
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
	fmt.Fprint(w, usageHead)
	writeCommandUsage(w)
	fmt.Fprint(w, usageOptions)
	tutor.TraceUsage(w)
}

func versionString() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// checkState refuses a --state that cannot be a folder: a file, or a path
// through a file; a folder not there yet is made when first written.
func checkState(dir string) error {
	if dir == "" {
		return nil
	}
	fi, err := os.Stat(dir)
	switch {
	case err == nil && !fi.IsDir():
		return usagef("--state %s: not a folder", dir)
	case errors.Is(err, syscall.ENOTDIR):
		return usagef("--state %s: not a folder (a part of the path is a file)", dir)
	}
	return nil
}
