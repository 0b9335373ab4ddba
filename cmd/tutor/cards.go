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
	const use = "(tutor cards [lesson] [--notes DIR])"
	flags := flag.NewFlagSet("cards", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	flags.StringVar(&g.Notes, "notes", g.Notes, "")
	var id string
	for len(args) > 0 {
		if !strings.HasPrefix(args[0], "-") {
			if id != "" {
				return usagef("cards takes at most one lesson id, got also %q %s", args[0], use)
			}
			id, args = args[0], args[1:]
			continue
		}
		if err := flags.Parse(args); err != nil {
			return usagef("cards: %s %s", visual.FlagMessage(flags, err), use)
		}
		if len(flags.Args()) == len(args) { // a lone "-" or "--" ends the flags
			return usagef("cards: unexpected %q %s", args[0], use)
		}
		args = flags.Args()
	}
	return tutor.Cards(e, g, id)
}
