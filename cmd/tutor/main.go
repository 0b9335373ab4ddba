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
//	tutor quiz [lesson]            a quiz session: due cards, then new ones
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
	"io/fs"
	"math/rand/v2"
	"os"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/term"

	"tutor/content"
	"tutor/internal/lessons"
	"tutor/internal/review"
	"tutor/internal/ui"
	"tutor/internal/ui/markdown"
	"tutor/internal/visual"
	"tutor/internal/visuals"
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
  tutor quiz [lesson]            a quiz session: due cards first, then new ones

options (before the command):
  --notes DIR    also load the markdown notes in DIR
  --state DIR    keep the review log in DIR (default: $XDG_STATE_HOME/tutor)
  --light        assume a light terminal background
  --version      print the version
  --help         print this help

trace inputs:
`

// errUsage marks an error that exits 2.
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

func usagef(format string, a ...any) error { return errUsage{fmt.Sprintf(format, a...)} }

// env is what run reads and writes, so tests can drive it.
type env struct {
	stdout, stderr io.Writer
	tty            bool // stdin and stdout are a terminal
	getenv         func(string) string
	now            func() time.Time
}

func main() {
	e := env{
		stdout: os.Stdout,
		stderr: os.Stderr,
		tty:    term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stdout.Fd()),
		getenv: os.Getenv,
		now:    time.Now,
	}
	os.Exit(run(os.Args[1:], e))
}

// run runs the command line args and returns the exit status.
func run(args []string, e env) int {
	err := dispatch(args, e)
	var u errUsage
	switch {
	case err == nil:
		return 0
	case errors.As(err, &u):
		fmt.Fprintln(e.stderr, "tutor: "+oneLine(u.msg))
		return 2
	default:
		fmt.Fprintln(e.stderr, "tutor: "+oneLine(err.Error()))
		return 1
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

type globals struct {
	notes, state string
	light        bool
}

func dispatch(args []string, e env) error {
	var g globals
	flags := flag.NewFlagSet("tutor", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	flags.StringVar(&g.notes, "notes", "", "")
	flags.StringVar(&g.state, "state", "", "")
	flags.BoolVar(&g.light, "light", false, "")
	version := flags.Bool("version", false, "")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(e.stdout)
			return nil
		}
		return usagef("%v (see tutor --help)", err)
	}
	if *version {
		fmt.Fprintln(e.stdout, "tutor "+versionString())
		return nil
	}
	args = flags.Args()
	cmd := ""
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "help":
		printUsage(e.stdout)
		return nil
	case "trace":
		return trace(args, e)
	case "render":
		return render(args, g, e)
	}
	cat, notices, err := catalog(g)
	if err != nil {
		return err
	}
	switch cmd {
	case "":
		return app(cat, notices, g, e, "", false, "")
	case "open":
		if len(args) != 1 {
			return usagef("open takes one lesson id: tutor open <lesson>")
		}
		if _, err := lookup(cat, args[0]); err != nil {
			return err
		}
		return app(cat, notices, g, e, args[0], false, "")
	case "quiz":
		if len(args) > 1 {
			return usagef("quiz takes at most one lesson id")
		}
		id := ""
		if len(args) == 1 {
			if _, err := lookup(cat, args[0]); err != nil {
				return err
			}
			id = args[0]
		}
		return app(cat, notices, g, e, "", true, id)
	case "list":
		if len(args) > 0 {
			return usagef("list takes no arguments, got %q", args[0])
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		for _, l := range cat.Lessons() {
			fmt.Fprintf(tw, "%s\t%s\n", l.ID, l.Title)
		}
		return tw.Flush()
	}
	return usagef("unknown command %q (commands: open, list, render, trace, quiz; see tutor --help)", cmd)
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, usage)
	for _, v := range visuals.All() {
		fmt.Fprintf(w, "  tutor trace %s %s\n", v.Name(), v.Usage())
	}
}

func versionString() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// catalog loads the embedded lessons and, with --notes, the learner's own.
func catalog(g globals) (*lessons.Catalog, []string, error) {
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		return nil, nil, fmt.Errorf("the built-in lessons are broken: %w", err)
	}
	var notices []string
	if g.notes != "" {
		fi, err := os.Stat(g.notes)
		if err != nil {
			return nil, nil, usagef("--notes %s: %v", g.notes, errors.Unwrap(err))
		}
		if !fi.IsDir() {
			return nil, nil, usagef("--notes %s: not a folder", g.notes)
		}
		notes, warnings, err := lessons.LoadNotes(os.DirFS(g.notes), ".")
		if err != nil {
			return nil, nil, usagef("--notes %s: %v", g.notes, err)
		}
		cat.Add(notes...)
		for _, w := range warnings {
			notices = append(notices, w.Error())
		}
		if len(notes) == 0 {
			notices = append(notices, fmt.Sprintf("--notes %s: no markdown notes found", g.notes))
		}
	}
	return cat, notices, nil
}

func lookup(cat *lessons.Catalog, id string) (*lessons.Lesson, error) {
	if l, ok := cat.Lookup(id); ok {
		return l, nil
	}
	return nil, usagef("unknown lesson %q%s", id, suggest(id, cat.IDs()))
}

func suggest(id string, ids []string) string {
	if c := lessons.Closest(id, ids); len(c) > 0 {
		return " (did you mean " + strings.Join(c, ", ") + "?)"
	}
	return " (lessons: " + strings.Join(ids, ", ") + ")"
}

// render prints one lesson's note. A built-in lesson is read alone; the
// whole catalog is loaded only for the learner's notes, or to suggest ids
// for an unknown one.
func render(args []string, g globals, e env) error {
	flags := flag.NewFlagSet("render", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	width := flags.Int("width", 0, "")
	plain := flags.Bool("plain", false, "")
	// The lesson id may come before or after the flags.
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
	l, err := lessons.LoadLesson(content.Lessons, id)
	if g.notes != "" || errors.Is(err, fs.ErrNotExist) {
		cat, _, cerr := catalog(g)
		if cerr != nil {
			return cerr
		}
		l, err = lookup(cat, id)
	}
	if err != nil {
		return err
	}
	if *width == 0 {
		*width = 80
		if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil && e.tty && w > 0 {
			*width = w
		}
	}
	if *width < 20 || *width > 1000 {
		return usagef("--width %d: want 20 to 1000 columns", *width)
	}
	style := "dark"
	switch {
	case *plain, e.getenv("NO_COLOR") != "", !e.tty:
		style = "notty"
	case g.light:
		style = "light"
	case !lipgloss.HasDarkBackground(os.Stdin, os.Stdout):
		style = "light"
	}
	out, err := markdown.Render(l.Body, *width, style)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(e.stdout, out)
	return err
}

func trace(args []string, e env) error {
	if len(args) == 0 {
		var names []string
		for _, v := range visuals.All() {
			names = append(names, v.Name())
		}
		return usagef("trace takes a visual: %s", strings.Join(names, ", "))
	}
	name, args := args[0], args[1:]
	v, ok := visuals.Lookup(name)
	if !ok {
		var names []string
		for _, v := range visuals.All() {
			names = append(names, v.Name())
		}
		return usagef("unknown visual %q%s", name, suggestVisual(name, names))
	}
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			fmt.Fprintf(e.stdout, "usage: tutor trace %s %s\n", v.Name(), v.Usage())
			return nil
		}
	}
	r, err := v.Run(args)
	if err != nil {
		return usagef("trace %s: %v", name, err)
	}
	return visual.Trace(e.stdout, r)
}

func suggestVisual(name string, names []string) string {
	if c := lessons.Closest(name, names); len(c) > 0 {
		return " (did you mean " + strings.Join(c, ", ") + "?)"
	}
	return " (visuals: " + strings.Join(names, ", ") + ")"
}

// quizService opens the review log and replays it. A log that cannot be
// opened still gives a quiz, which says that answers are not being saved.
func quizService(g globals, e env) (*ui.QuizService, []string) {
	q := &ui.QuizService{
		Sched: review.DefaultScheduler(),
		Cards: map[string]review.Card{},
		Now:   e.now,
		Rand:  rand.New(rand.NewPCG(uint64(e.now().UnixNano()), 0x7475746f72)),
	}
	var notices []string
	dir := g.state
	if dir == "" {
		d, err := review.DefaultDir()
		if err != nil {
			q.LogErr = err
			notices = append(notices, "answers are not being saved: "+err.Error())
			return q, notices
		}
		dir = d
	}
	var (
		recs     []review.Record
		warnings []review.Warning
		err      error
	)
	if q.Log, err = review.OpenLog(dir); err != nil {
		q.LogErr = err
		notices = append(notices, "answers are not being saved: "+err.Error())
		recs, warnings, _ = review.ReadLog(dir)
	} else {
		recs, warnings, err = q.Log.Load()
		if err != nil {
			notices = append(notices, "the review log could not be read: "+err.Error())
		}
	}
	for _, w := range warnings {
		notices = append(notices, w.String())
	}
	q.Cards = review.Replay(q.Sched, recs)
	return q, notices
}

func app(cat *lessons.Catalog, notices []string, g globals, e env, open string, quiz bool, quizLesson string) error {
	if !e.tty {
		return usagef("no terminal to draw on: use tutor list, tutor render <lesson> or tutor trace <visual>")
	}
	q, more := quizService(g, e)
	if q.Log != nil {
		defer q.Log.Close()
	}
	notices = append(notices, more...)
	m := ui.New(ui.Options{
		Catalog:    cat,
		Open:       open,
		Plain:      e.getenv("NO_COLOR") != "",
		Light:      g.light,
		Notices:    notices,
		Quiz:       q,
		StartQuiz:  quiz,
		QuizLesson: quizLesson,
	})
	_, err := tea.NewProgram(m).Run()
	return err
}
