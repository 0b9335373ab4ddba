// Package keys is the app's one key map. Every screen takes its bindings
// from here, and the help view is generated from them.
package keys

import (
	"reflect"

	"charm.land/bubbles/v2/key"
)

// Map holds every binding of the app.
type Map struct {
	Quit, Help, Back, Open, Focus, FocusBack key.Binding
	Up, Down, PageUp, PageDown, Top, Bottom  key.Binding
	StepBack, StepForward, Play              key.Binding
	Faster, Slower, Restart, Edit, Source    key.Binding
	Search, NextMatch, PrevMatch, Quiz       key.Binding
	Reveal, Grade1, Grade2, Grade3, Grade4   key.Binding
	Submit, Cancel, Next, Watch              key.Binding
	GoToStep, NextKind, PrevKind, NextChange key.Binding
	Predict, Contents, Stats                 key.Binding
}

// Default returns the app's key map (docs/architecture.md lists it): q
// quit, ? help, tab focus, ←/→ (h/l) step, space play/pause, +/- speed, r
// restart, e edit input, / search, esc back, c quiz, 1-4 grades, v watch
// an exercise's answer being computed; in a run, : go to step N, . and ,
// the next and previous step of the same kind, a the next step that
// changes the answer, P predict the next step; T a note's contents; s the
// stats screen from home.
func Default() Map {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return Map{
		Quit:        b("q", "quit", "q", "ctrl+c"),
		Help:        b("?", "help", "?"),
		Back:        b("esc", "back", "esc"),
		Open:        b("enter", "open", "enter"),
		Focus:       b("tab", "next pane", "tab"),
		FocusBack:   b("shift+tab", "previous pane", "shift+tab"),
		Up:          b("↑/k", "scroll up", "up", "k"),
		Down:        b("↓/j", "scroll down", "down", "j"),
		PageUp:      b("pgup/b", "page up", "pgup", "b", "ctrl+u"),
		PageDown:    b("pgdn/f", "page down", "pgdown", "f", "ctrl+d"),
		Top:         b("g", "top", "g", "home"),
		Bottom:      b("G", "bottom", "G", "end"),
		StepBack:    b("←/h", "step back", "left", "h"),
		StepForward: b("→/l", "step", "right", "l"),
		Play:        b("space", "play/pause", "space"),
		Faster:      b("+", "faster", "+", "="),
		Slower:      b("-", "slower", "-", "_"),
		Restart:     b("r", "restart", "r"),
		Edit:        b("e", "edit input", "e"),
		Source:      b("s", "source pane", "s"),
		Search:      b("/", "search", "/"),
		NextMatch:   b("n", "next match", "n"),
		PrevMatch:   b("N", "previous match", "N"),
		Quiz:        b("c", "quiz cards", "c"),
		Reveal:      b("space", "show answer", "space"),
		Grade1:      b("1", "again", "1"),
		Grade2:      b("2", "hard", "2"),
		Grade3:      b("3", "good", "3"),
		Grade4:      b("4", "easy", "4"),
		Submit:      b("enter", "submit", "enter"),
		Cancel:      b("esc", "cancel", "esc"),
		Next:        b("enter", "next", "enter", "space"),
		Watch:       b("v", "watch it", "v"),
		GoToStep:    b(":", "go to step", ":"),
		NextKind:    b(".", "next of this kind", "."),
		PrevKind:    b(",", "previous of this kind", ","),
		NextChange:  b("a", "next answer change", "a"),
		Predict:     b("P", "predict mode", "P"),
		Contents:    b("T", "contents", "T"),
		Stats:       b("s", "stats", "s"),
	}
}

// Help is a help.KeyMap made of a short list and full groups.
type Help struct {
	Short []key.Binding
	Full  [][]key.Binding
}

// ShortHelp implements help.KeyMap.
func (h Help) ShortHelp() []key.Binding { return h.Short }

// FullHelp implements help.KeyMap.
func (h Help) FullHelp() [][]key.Binding { return h.Full }

// All lists every binding of m, in the order Map declares them: the one
// list of the keys the app takes, which visuals' knobs must leave alone.
func (m Map) All() []key.Binding {
	v := reflect.ValueOf(m)
	bs := make([]key.Binding, v.NumField())
	for i := range bs {
		bs[i] = v.Field(i).Interface().(key.Binding)
	}
	return bs
}
