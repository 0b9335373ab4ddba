package main

import "tutor/internal/tutor"

func init() {
	register(command{name: "stats", order: 60,
		usage: "tutor stats                    the review log's stats as text: reviews a day,\n" +
			"                               retention, cards due, cards forgotten most",
		run: func(args []string, g tutor.Options, e tutor.Env) error {
			if len(args) > 0 {
				return usagef("stats takes no arguments, got %q", args[0])
			}
			return tutor.Stats(e, g)
		}})
}
