// Package tutor is what each command of the tutor command line does,
// headless: the command line in cmd/tutor parses its words and calls one
// function here per command. These functions do the I/O (the embedded
// lessons, the learner's notes, the review log, the terminal) that the app
// itself never does outside a tea.Cmd.
package tutor

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"tutor/content"
	"tutor/internal/lessons"
	"tutor/internal/quiz"
	"tutor/internal/review"
	"tutor/internal/ui"
	"tutor/internal/ui/markdown"
	"tutor/internal/ui/stats"
	"tutor/internal/visual"
	"tutor/internal/visuals"
)

// UsageError is bad input or usage: the command line exits 2 with its one
// line.
type UsageError struct{ Msg string }

// Error returns the one line the command line prints.
func (e UsageError) Error() string { return e.Msg }

// SafeLine is s on one line with nothing a terminal would act on: the
// command line passes every message it prints through it.
func SafeLine(s string) string { return lessons.SanitizeLine(s) }

// Usagef returns a UsageError.
func Usagef(format string, a ...any) error { return UsageError{fmt.Sprintf(format, a...)} }

// Env is what a command reads and writes, so tests can drive it.
type Env struct {
	Stdout, Stderr io.Writer
	// TTY reports whether stdin and stdout are a terminal.
	TTY    bool
	Getenv func(string) string
	Now    func() time.Time
}

// Options are the options that come before the command.
type Options struct {
	// Notes is a folder of the learner's markdown notes, or "".
	Notes string
	// Ext are the file name extensions of the notes in Notes (--ext), or
	// nil for lessons.DefaultNoteExts.
	Ext []string
	// State is the folder of the review log, or "" for the default.
	State string
	// Light assumes a light terminal background.
	Light bool
	// Quiz is the caps given to tutor quiz (see config.go).
	Quiz QuizFlags
	// Predict opens the lesson of App with its visual in predict mode
	// (tutor quiz --predict; see Predict).
	Predict bool

	// formerIDs maps the notes' former card ids to their ids now, for
	// quizService (see lessons.Catalog.FormerIDs).
	formerIDs map[string]string
}

// List prints the lesson ids and titles, one a line.
func List(e Env, o Options) error {
	cat, err := catalogSaid(e, o)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
	for _, l := range cat.Lessons() {
		fmt.Fprintf(tw, "%s\t%s\n", lessons.SanitizeLine(l.ID), lessons.SanitizeLine(l.Title))
	}
	return tw.Flush()
}

// TraceUsage writes a line per visual: its trace command and input syntax.
func TraceUsage(w io.Writer) {
	for _, v := range visuals.All() {
		fmt.Fprintf(w, "  tutor trace %s %s\n", v.Name(), traceUsage(v))
	}
}

// Catalog loads the embedded lessons and, with --notes, the learner's own.
func Catalog(o Options) (*lessons.Catalog, []string, error) {
	cat, err := builtinCatalog()
	if err != nil || o.Notes == "" {
		return cat, nil, err
	}
	if err := checkNotes(o); err != nil {
		return nil, nil, err
	}
	r := readNotes(o, cat)
	if r.Err != nil {
		return nil, nil, r.Err
	}
	r.SaveIndex()
	return r.Catalog, r.Notices, nil
}

// Lookup finds lesson id in cat, or says which ids are near it.
func Lookup(cat *lessons.Catalog, id string) (*lessons.Lesson, error) {
	if l, ok := cat.Lookup(id); ok {
		return l, nil
	}
	// The list labels a live lesson with its visual's name ("▶ live
	// tree"), so that name finds the lesson too.
	for _, l := range cat.Lessons() {
		if l.Visual != "" && l.Visual == id {
			return l, nil
		}
	}
	return nil, Usagef("unknown lesson %q%s", id, suggest(lessons.SanitizeLine(id), cat.IDs()))
}

func suggest(id string, ids []string) string {
	if c := lessons.Closest(id, ids); len(c) > 0 {
		return " (did you mean " + strings.Join(c, ", ") + "?)"
	}
	return " (lessons: " + strings.Join(ids, ", ") + ")"
}

// Render prints lesson id's note for the terminal, width columns wide (0:
// the terminal's width, or 80), without colour when plain is set, NO_COLOR
// is set or stdout is no terminal. A built-in lesson is read alone; the
// whole catalog is loaded only for the learner's notes, or to suggest ids
// for an unknown one.
func Render(e Env, o Options, id string, width int, plain bool) error {
	l, err := lessons.LoadLesson(content.Lessons, id)
	if o.Notes != "" || errors.Is(err, fs.ErrNotExist) {
		cat, cerr := catalogSaid(e, o)
		if cerr != nil {
			return cerr
		}
		l, err = Lookup(cat, id)
	}
	if err != nil {
		return err
	}
	if width == 0 {
		width = 80
		if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil && e.TTY && w > 0 {
			width = w
		}
	}
	if width < 20 || width > 1000 {
		return Usagef("--width %d: want 20 to 1000 columns", width)
	}
	style := "dark"
	switch {
	case plain, e.Getenv("NO_COLOR") != "", !e.TTY:
		style = "notty"
	case o.Light:
		style = "light"
	case !lipgloss.HasDarkBackground(os.Stdin, os.Stdout):
		style = "light"
	}
	out, err := markdown.Render(l.Body, width, style)
	if err != nil {
		return err
	}
	// The body was cleaned when the note was read; the renderer adds only
	// its own colours, and plain output has none of those either.
	if style == "notty" {
		out = ansi.Strip(out)
	}
	_, err = fmt.Fprintln(e.Stdout, out)
	return err
}

// safeWriter passes text to w cleaned by lessons.Sanitize, a line at a
// time, so a sequence split between two writes is still seen whole.
type safeWriter struct {
	w   io.Writer
	buf []byte
	err error
}

func (s *safeWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	s.buf = append(s.buf, p...)
	if i := bytes.LastIndexByte(s.buf, '\n'); i >= 0 {
		_, s.err = io.WriteString(s.w, lessons.Sanitize(string(s.buf[:i+1])))
		s.buf = append(s.buf[:0], s.buf[i+1:]...)
	}
	return len(p), s.err
}

// Flush writes what is left after the last newline.
func (s *safeWriter) Flush() error {
	if s.err == nil && len(s.buf) > 0 {
		_, s.err = io.WriteString(s.w, lessons.Sanitize(string(s.buf)))
		s.buf = s.buf[:0]
	}
	return s.err
}

// Trace prints the run of visual name on input args as plain text, one
// block a step (see visual.Trace); -h or --help among args prints the
// visual's input syntax instead.
func Trace(e Env, args []string) error {
	if len(args) == 0 {
		var names []string
		for _, v := range visuals.All() {
			names = append(names, v.Name())
		}
		return Usagef("trace takes a visual: %s", strings.Join(names, ", "))
	}
	name, args := args[0], args[1:]
	v, ok := visuals.Lookup(name)
	if !ok {
		// A lesson's id names its visual too: tutor trace machinetree.
		if l, err := lessons.LoadLesson(content.Lessons, name); err == nil && l.Visual != "" {
			v, ok = visuals.Lookup(l.Visual)
		}
	}
	if !ok {
		var names []string
		for _, v := range visuals.All() {
			names = append(names, v.Name())
		}
		return Usagef("unknown visual %q%s", name, suggestVisual(lessons.SanitizeLine(name), names))
	}
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			fmt.Fprintf(e.Stdout, "usage: tutor trace %s %s\n", v.Name(), traceUsage(v))
			return nil
		}
	}
	if t, ok := v.(textTracer); ok {
		return traceText(e, name, t, args)
	}
	r, err := v.Run(args)
	if err != nil {
		return Usagef("trace %s: %v", name, lessons.SanitizeLine(err.Error()))
	}
	// The trace repeats its input (grant ids, keys and values): whatever
	// a visualization prints of it, nothing reaches the terminal that
	// could act on it.
	w := &safeWriter{w: e.Stdout}
	if err := visual.Trace(w, r); err != nil {
		return err
	}
	return w.Flush()
}

func suggestVisual(name string, names []string) string {
	if c := lessons.Closest(name, names); len(c) > 0 {
		return " (did you mean " + strings.Join(c, ", ") + "?)"
	}
	return " (visuals: " + strings.Join(names, ", ") + ")"
}

// quizService opens the review log and replays it. A log that cannot be
// opened still gives a quiz, which says that answers are not being saved.
func quizService(o Options, e Env) (*quiz.Service, []string) {
	q := &quiz.Service{
		Sched: review.DefaultScheduler(),
		Cards: map[string]review.Card{},
		Now:   e.Now,
		Rand:  rand.New(rand.NewPCG(uint64(e.Now().UnixNano()), 0x7475746f72)),
	}
	var notices []string
	dir := o.State
	if dir == "" {
		d, err := review.DefaultDir()
		if err != nil {
			q.LogErr = err
			notices = append(notices, "answers are not being saved and past answers are not counted: "+err.Error())
			return q, notices
		}
		dir = d
	}
	var (
		recs     []review.Record
		warnings []review.Warning
		err      error
	)
	// Each notice says what happens to new answers and to past ones.
	if q.Log, err = review.OpenLog(dir); err != nil {
		q.LogErr = err
		notices = append(notices, "answers are not being saved: "+err.Error())
		var rerr error
		recs, warnings, rerr = review.ReadLogAt(dir, e.Now())
		if rerr != nil {
			notices = append(notices, "past answers are not counted either, every card is new: "+rerr.Error())
		} else if len(recs) > 0 {
			notices = append(notices, fmt.Sprintf("the %d past answers in the log are counted (read only)", len(recs)))
		}
	} else {
		recs, warnings, err = q.Log.LoadAt(e.Now())
		if err != nil {
			notices = append(notices, "the review log could not be read, so past answers are not counted (every card is new) but new answers are saved: "+err.Error())
		}
	}
	for _, w := range warnings {
		if w.Ended {
			// Reported as torn at the start after the crash; the
			// answers around it all count.
			continue
		}
		notices = append(notices, lessons.SanitizeLine(w.String()))
	}
	q.Replay(recs)
	q.Rename(o.formerIDs)
	return q, notices
}

// App runs the app on the terminal: at the lesson list, at lesson open
// when it is not "", or at a quiz session over quizLesson (every lesson
// when "") when startQuiz is set. It opens and replays the review log.
// The lesson list comes up with the built-in lessons while the learner's
// notes are read (see ui.Options.ReadNotes); a lesson or a quiz opened by
// name at start needs the notes first.
func App(e Env, o Options, open string, startQuiz bool, quizLesson string) error {
	later := o.Notes != "" && open == "" && !startQuiz
	var (
		cat     *lessons.Catalog
		notices []string
		err     error
	)
	if later {
		if cat, err = builtinCatalog(); err != nil {
			return err
		}
		if err := checkNotes(o); err != nil {
			return err
		}
	} else {
		if cat, notices, err = Catalog(o); err != nil {
			return err
		}
		sayNotices(e, notices)
		o.formerIDs = cat.FormerIDs()
	}
	if open != "" {
		l, err := Lookup(cat, open)
		if err != nil {
			return err
		}
		open = l.ID
	}
	if quizLesson != "" {
		l, err := Lookup(cat, quizLesson)
		if err != nil {
			return err
		}
		quizLesson = l.ID
	}
	limits, err := quizLimits(e, o.Quiz)
	if err != nil {
		return err
	}
	if !e.TTY {
		return Usagef("no terminal to draw on: use tutor list, tutor render <lesson> or tutor trace <visual>")
	}
	var readLater func() ui.NotesRead
	if later {
		read, wait := readNotesLater(cat, func(cat *lessons.Catalog) notesRead { return readNotes(o, cat) })
		defer func() { sayNotices(e, wait()) }() // they were on the screen; now in the terminal too
		readLater = read
	}
	q, more := quizService(o, e)
	q.Limits = &limits
	if q.Log != nil {
		defer q.Log.Close()
	}
	// What happens to answers first: the list shows three notices and
	// counts the rest.
	notices = append(more, notices...)
	places, warns := loadPlaces(o)
	notices = append(notices, warns...)
	m := ui.New(ui.Options{
		Catalog:     cat,
		Open:        open,
		Plain:       e.Getenv("NO_COLOR") != "",
		Light:       o.Light,
		Notices:     notices,
		Quiz:        q,
		StartQuiz:   startQuiz,
		QuizLesson:  quizLesson,
		Resume:      places,
		SaveResume:  savePlaces(o),
		Stats:       func(cat *lessons.Catalog) (stats.Report, error) { return statsReport(o, e, cat) },
		Predict:     o.Predict,
		ReadNotes:   readLater,
		NotesFolder: lessons.SanitizeLine(o.Notes),
	})
	p := tea.NewProgram(m)
	stop := quitOnHangup(p)
	final, err := p.Run()
	stop()
	saveAtExit(e, o, final)
	return err
}
