package main

import (
	"flag"
	"io"
	"strings"

	"tutor/internal/tutor"
	"tutor/internal/visual"
)

func init() {
	register(command{name: "cards", order: 25,
		usage: "tutor cards [lesson]           every card, one a line: lesson id, card id\n" +
			"                               and front, separated by tabs (with --notes,\n" +
			"                               the cards your notes make too)",
		run: cards})
}

// cards parses the words of tutor cards: at most one lesson id, before or
// after --notes DIR, as tutor export takes them.
func cards(args []string, g tutor.Options, e tutor.Env) error {
	id, err := lessonAndNotes("cards", "(tutor cards [lesson] [--notes DIR])", args, &g)
	if err != nil {
		return err
	}
	return tutor.Cards(e, g, id)
}

// lessonAndNotes reads the words of command name that are at most one
// lesson id, before or after --notes DIR (which it sets in g), and
// returns the id, or "". use is the command's usage, which the errors
// end with.
func lessonAndNotes(name, use string, args []string, g *tutor.Options) (string, error) {
	flags := flag.NewFlagSet(name, flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	flags.StringVar(&g.Notes, "notes", g.Notes, "")
	var id string
	for len(args) > 0 {
		if !strings.HasPrefix(args[0], "-") {
			if id != "" {
				return "", usagef("%s takes at most one lesson id, got also %q %s", name, args[0], use)
			}
			id, args = args[0], args[1:]
			continue
		}
		if err := flags.Parse(args); err != nil {
			return "", usagef("%s: %s %s", name, visual.FlagMessage(flags, err), use)
		}
		if len(flags.Args()) == len(args) { // a lone "-" or "--" ends the flags
			return "", usagef("%s: unexpected %q %s", name, args[0], use)
		}
		args = flags.Args()
	}
	return id, nil
}
