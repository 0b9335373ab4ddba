package main

import (
	"strings"

	"tutor/internal/tutor"
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
	id, err := lessonAndNotes("export", use, args, &g)
	if err != nil {
		return err
	}
	return tutor.Export(e, g, format, id)
}
