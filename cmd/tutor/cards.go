package main

import "tutor/internal/tutor"

func init() {
	register(command{name: "cards", order: 25,
		usage: "tutor cards [lesson]           every card, one a line: lesson id, card id\n" +
			"                               and front, separated by tabs (with --notes,\n" +
			"                               the cards your notes make too)",
		run: func(args []string, g tutor.Options, e tutor.Env) error {
			if len(args) > 1 {
				return usagef("cards takes at most one lesson id, got also %q", args[1])
			}
			id := ""
			if len(args) == 1 {
				id = args[0]
			}
			return tutor.Cards(e, g, id)
		}})
}
