package main

import (
	"flag"
	"io"
	"strings"

	"tutor/internal/tutor"
	"tutor/internal/visual"
)

// quiz parses the words of tutor quiz: at most one lesson id, before or
// after --new N (new cards a day) and --max N (cards in the session); or
// --predict and a lesson id, for the lesson's run in predict mode.
func quiz(args []string, g tutor.Options, e tutor.Env) error {
	flags := flag.NewFlagSet("quiz", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	predict := flags.Bool("predict", false, "")
	var newErr, maxErr error
	flags.Func("new", "", func(v string) error {
		g.Quiz.New, newErr = tutor.ParseQuizFlag("new", v)
		return newErr
	})
	flags.Func("max", "", func(v string) error {
		g.Quiz.Max, maxErr = tutor.ParseQuizFlag("max", v)
		return maxErr
	})
	var id string
	for {
		if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
			if id != "" {
				return usagef("quiz takes at most one lesson id, got also %q", args[0])
			}
			id, args = args[0], args[1:]
			continue
		}
		if len(args) == 0 {
			break
		}
		if err := flags.Parse(args); err != nil {
			for _, e := range []error{newErr, maxErr} {
				if e != nil {
					return e
				}
			}
			return usagef("quiz: %s (tutor quiz [lesson] [--new N] [--max N])", visual.FlagMessage(flags, err))
		}
		if len(flags.Args()) == len(args) { // a lone "-" or "--" ends the flags
			return usagef("quiz: unexpected %q (tutor quiz [lesson] [--new N] [--max N])", args[0])
		}
		args = flags.Args()
	}
	if *predict {
		switch {
		case id == "":
			return usagef("quiz --predict needs a lesson id (tutor quiz --predict <lesson>)")
		case g.Quiz.New != nil || g.Quiz.Max != nil:
			return usagef("quiz --predict takes no --new or --max: it asks every step of one run")
		}
		return tutor.Predict(e, g, id)
	}
	return tutor.App(e, g, "", true, id)
}
