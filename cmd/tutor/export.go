package main

import (
	"flag"
	"io"
	"strings"

	"tutor/internal/tutor"
	"tutor/internal/visual"
)

func init() {
	register(command{name: "export", order: 70,
		usage: "tutor export anki [lesson] [--notes DIR] > cards.txt\n" +
			"                               every recall and choice card (with --notes, your\n" +
			"                               notes' too) in Anki's text import format",
		run: export})
}

// export parses the words of tutor export: the format, then at most one
// lesson id, before or after --notes DIR.
func export(args []string, g tutor.Options, e tutor.Env) error {
	const use = "(tutor export anki [lesson] [--notes DIR])"
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return usagef("export takes a format first: anki %s", use)
	}
	format, args := args[0], args[1:]
	flags := flag.NewFlagSet("export", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	flags.StringVar(&g.Notes, "notes", g.Notes, "")
	var id string
	for len(args) > 0 {
		if !strings.HasPrefix(args[0], "-") {
			if id != "" {
				return usagef("export takes at most one lesson id, got also %q", args[0])
			}
			id, args = args[0], args[1:]
			continue
		}
		if err := flags.Parse(args); err != nil {
			return usagef("export: %s %s", visual.FlagMessage(flags, err), use)
		}
		if len(flags.Args()) == len(args) { // a lone "-" or "--" ends the flags
			return usagef("export: unexpected %q %s", args[0], use)
		}
		args = flags.Args()
	}
	return tutor.Export(e, g, format, id)
}
