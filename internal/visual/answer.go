package visual

// Answerer is implemented by a Recording whose run builds up an answer a
// learner watches for: the bytes written so far, the balance at the query
// time, the result at the root, the addresses yielded. Answer(i) is the
// answer as it stands after frame i, as plain text; "" while there is
// none yet. Two frames with the same text have the same answer.
//
// It is optional: the visual pane's "next answer change" key jumps to the
// next frame whose Answer differs from the frame before's, and says the
// visual has no answer to follow when its recording does not implement
// it. Answer is called once per frame, when a run's Timeline is made.
type Answerer interface {
	Answer(i int) string
}

// AnswerOf is the answer after frame i of r (clamped to the run), and
// false when r's recording has no answer (it does not implement
// Answerer) or r was not made by a Spec.
func AnswerOf(r Run, i int) (string, bool) {
	a, ok := r.(interface{ answer(i int) (string, bool) })
	if !ok {
		return "", false
	}
	return a.answer(i)
}

func (r *run[In, Rec]) answer(i int) (string, bool) {
	a, ok := any(r.rec).(Answerer)
	if !ok {
		return "", false
	}
	return a.Answer(r.clamp(i)), true
}
