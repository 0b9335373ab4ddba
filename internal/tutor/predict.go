package tutor

import (
	"tutor/internal/visuals"
)

// Predict runs the app at lesson id with its visual in predict mode, the
// command tutor quiz --predict <lesson>: before each step of the run is
// shown the learner picks what the solution does next, and every answer
// is appended to the review log as a review of the visual's predict card
// (visual.PredictCard). A lesson without a live visualization is refused
// with a usage error naming it.
func Predict(e Env, o Options, id string) error {
	cat, _, err := Catalog(o)
	if err != nil {
		return err
	}
	l, err := Lookup(cat, id)
	if err != nil {
		return err
	}
	if _, ok := visuals.Lookup(l.Visual); !ok {
		return Usagef("lesson %s has no live visualization to predict the steps of", SafeLine(l.ID))
	}
	o.Predict = true
	return App(e, o, l.ID, false, "")
}
