package tutor

import (
	"fmt"
	"os"

	"github.com/charmbracelet/x/term"

	"tutor/internal/lessons"
	"tutor/internal/quiz"
	"tutor/internal/review"
	"tutor/internal/ui/stats"
	"tutor/internal/visual"
	"tutor/internal/visuals"
)

// Stats prints the stats screen's content as plain text, as wide as the
// terminal (80 columns without one), ending with the lines reviews N,
// retention P% and due today N. It reads the review log without opening
// it for writing.
func Stats(e Env, o Options) error {
	cat, notices, err := Catalog(o)
	if err != nil {
		return err
	}
	sayNotices(e, notices)
	r, err := statsReport(o, e, cat)
	if err != nil {
		return err
	}
	// What was skipped in the log is said on stderr, as every command
	// says its notices; stdout is the stats alone, for scripts.
	sayNotices(e, r.Notes)
	r.Notes = nil
	width := 80
	if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil && e.TTY && w >= 40 {
		width = w
	}
	w := &safeWriter{w: e.Stdout}
	fmt.Fprint(w, stats.Text(r, width))
	return w.Flush()
}

// stateDir is the folder of the review log: --state, or the default.
func stateDir(o Options) (string, error) {
	if o.State != "" {
		return o.State, nil
	}
	return review.DefaultDir()
}

// fullDeck is every card of every lesson, generated exercises included.
func fullDeck(cat *lessons.Catalog) []quiz.Card {
	return quiz.Deck(cat, "", func(l *lessons.Lesson) []visual.ExerciseKind {
		if v, ok := visuals.Lookup(l.Visual); ok {
			return v.Exercises()
		}
		return nil
	})
}

// statsReport reads the review log and computes the stats of the whole
// deck at e.Now(), with a name for every card: its lesson and what it
// asks. Lines of the log it skipped are noted in the report.
func statsReport(o Options, e Env, cat *lessons.Catalog) (stats.Report, error) {
	dir, err := stateDir(o)
	if err != nil {
		return stats.Report{}, err
	}
	now := e.Now()
	recs, warns, err := review.ReadLogAt(dir, now)
	if err != nil {
		return stats.Report{}, err
	}
	var r stats.Report
	for _, w := range warns {
		if !w.Ended {
			r.Notes = append(r.Notes, lessons.SanitizeLine(w.String()))
		}
	}
	// A visual's predict card is in its lessons' decks once the learner
	// has predicted in its runs, as the app's decks have it.
	answered := make(map[string]bool)
	for _, rec := range recs {
		answered[rec.Card] = true
	}
	deck := quiz.Deck(cat, "", func(l *lessons.Lesson) []visual.ExerciseKind {
		v, ok := visuals.Lookup(l.Visual)
		if !ok {
			return nil
		}
		kinds := v.Exercises()
		if answered[visual.PredictCard(v.Name())] {
			kinds = append(kinds[:len(kinds):len(kinds)], visual.PredictKind(v))
		}
		return kinds
	})
	ids := make([]string, len(deck))
	r.Names = make(map[string]string, len(deck))
	for i, c := range deck {
		ids[i] = c.ID
		what := ""
		switch {
		case c.Item != nil:
			what = c.Item.Prompt()
		case c.Kind != nil:
			what = c.Kind.Title + " (exercise)"
		}
		r.Names[c.ID] = lessons.SanitizeLine(c.Lesson + " · " + what)
	}
	r.Stats = review.ComputeStats(review.DefaultScheduler(), recs, ids, now)
	return r, nil
}
