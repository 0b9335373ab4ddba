package review

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// A Grade is the learner's answer to a card: how well they recalled it.
// The zero Grade is not valid; the four valid grades are 1 to 4.
type Grade int

// The four grades of FSRS, numbered as Anki numbers its answer buttons.
const (
	Again Grade = 1 // forgot
	Hard  Grade = 2 // recalled with serious difficulty
	Good  Grade = 3 // recalled after a little thought
	Easy  Grade = 4 // recalled at once
)

var gradeNames = [...]string{Again: "Again", Hard: "Hard", Good: "Good", Easy: "Easy"}

// String returns the grade's name ("Again", "Hard", "Good", "Easy"), or
// "Grade(n)" for an invalid grade.
func (g Grade) String() string {
	if g.IsValid() {
		return gradeNames[g]
	}
	return "Grade(" + strconv.Itoa(int(g)) + ")"
}

// IsValid reports whether g is one of Again, Hard, Good and Easy.
func (g Grade) IsValid() bool { return g >= Again && g <= Easy }

// ParseGrade parses a grade given as its name ("again", "Good", any case) or
// its number ("1" to "4"), ignoring surrounding spaces.
func ParseGrade(s string) (Grade, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for g := Again; g <= Easy; g++ {
		if t == strings.ToLower(gradeNames[g]) || t == strconv.Itoa(int(g)) {
			return g, nil
		}
	}
	return 0, fmt.Errorf("review: unknown grade %q (want again, hard, good, easy or 1-4)", s)
}

// A State is where a card is in its life: new, in its first learning steps,
// in long-term review, or relearning after a lapse. The zero State is New.
type State int

// The states of a card, as in py-fsrs (which has no New state: its new
// cards start in Learning at step 0, and so do ours when first reviewed).
const (
	New        State = iota // never reviewed
	Learning                // inside the learning steps (minutes apart)
	Review                  // graduated: intervals in whole days
	Relearning              // lapsed: inside the relearning steps
)

var stateNames = [...]string{New: "New", Learning: "Learning", Review: "Review", Relearning: "Relearning"}

// String returns the state's name, or "State(n)" for an unknown state.
func (s State) String() string {
	if s >= New && s <= Relearning {
		return stateNames[s]
	}
	return "State(" + strconv.Itoa(int(s)) + ")"
}

// A Card is the scheduler's state of one quiz card. It is a small value:
// [Scheduler.Review] returns a new Card and never changes its argument.
// The zero Card is a new card that has never been reviewed.
type Card struct {
	State      State
	Step       int       // index into the learning or relearning steps; 0 otherwise
	Stability  float64   // days until recall probability falls to 90%
	Difficulty float64   // 1 (easy) to 10 (hard)
	Due        time.Time // when the card should next be asked
	LastReview time.Time // when it was last answered
	Reps       int       // answers so far
	Lapses     int       // times it was forgotten (Again) in Review
}

// IsNew reports whether c has never been reviewed.
func (c Card) IsNew() bool { return c.State == New }

// IsDue reports whether c has been reviewed before and its due time is not
// after now. New cards are never due: they are new.
func (c Card) IsDue(now time.Time) bool {
	return !c.IsNew() && !now.Before(c.Due)
}

// A Scheduler computes FSRS-6 schedules. It is a plain value and safe for
// concurrent use. The zero Scheduler is not usable (its weights are all
// zero): start from [DefaultScheduler] and change what you need, then
// [Scheduler.Validate]. Fuzz is never applied (see the package comment).
type Scheduler struct {
	// Weights are w0 … w20 of FSRS-6.
	Weights [21]float64
	// Retention is the desired probability of recall when a card comes
	// due, in (0, 1); 0.9 by default.
	Retention float64
	// LearningSteps are the waits between the first answers of a new
	// card before it graduates to Review. Empty means a new card
	// graduates at its first answer.
	LearningSteps []time.Duration
	// RelearningSteps are the waits after a lapse before the card
	// returns to Review. Empty means a lapsed card stays in Review.
	RelearningSteps []time.Duration
	// MaxInterval is the longest interval, in days, of a Review card.
	MaxInterval int
}

// defaultWeights are the FSRS-6 default weights w0 … w20, as published in
// py-fsrs (DEFAULT_PARAMETERS) and in docs/review-log.md.
var defaultWeights = [21]float64{
	0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
	0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658,
	0.1542,
}

// DefaultScheduler returns the scheduler py-fsrs builds by default, without
// fuzz: the FSRS-6 default weights, a desired retention of 0.9, learning
// steps of 1 and 10 minutes, one relearning step of 10 minutes, and
// intervals of at most 36500 days.
func DefaultScheduler() Scheduler {
	return Scheduler{
		Weights:         defaultWeights,
		Retention:       0.9,
		LearningSteps:   []time.Duration{time.Minute, 10 * time.Minute},
		RelearningSteps: []time.Duration{10 * time.Minute},
		MaxInterval:     36500,
	}
}

const (
	minStability  = 0.001 // py-fsrs STABILITY_MIN
	minDifficulty = 1.0
	maxDifficulty = 10.0
	day           = 24 * time.Hour
	// maxDays bounds MaxInterval so that days*24h fits in a time.Duration
	// (which holds about 106,751 days).
	maxDays = 100000
)

// weightBounds are py-fsrs's LOWER_BOUNDS_PARAMETERS and
// UPPER_BOUNDS_PARAMETERS: the range an optimizer keeps each weight in.
var weightBounds = [21][2]float64{
	{0.001, 100}, {0.001, 100}, {0.001, 100}, {0.001, 100},
	{1, 10}, {0.001, 4}, {0.001, 4}, {0.001, 0.75}, {0, 4.5}, {0, 0.8},
	{0.001, 3.5}, {0.001, 5}, {0.001, 0.25}, {0.001, 0.9}, {0, 4}, {0, 1},
	{1, 6}, {0, 2}, {0, 2}, {0, 0.8}, {0.1, 0.8},
}

// Validate reports the first field of s that is out of range, naming it and
// its value: a weight outside the bounds py-fsrs enforces, a retention not
// strictly between 0 and 1, a step that is not positive, or a MaxInterval
// outside [1, 100000]. A Scheduler that fails Validate still never makes
// Review panic, but its figures mean nothing.
func (s Scheduler) Validate() error {
	for i, w := range s.Weights {
		if !(w >= weightBounds[i][0] && w <= weightBounds[i][1]) {
			return fmt.Errorf("review: weight w%d = %v is outside [%v, %v]", i, w, weightBounds[i][0], weightBounds[i][1])
		}
	}
	if !(s.Retention > 0 && s.Retention < 1) {
		return fmt.Errorf("review: retention %v is not between 0 and 1", s.Retention)
	}
	for i, d := range s.LearningSteps {
		if d <= 0 {
			return fmt.Errorf("review: learning step %d is %v, want a positive duration", i, d)
		}
	}
	for i, d := range s.RelearningSteps {
		if d <= 0 {
			return fmt.Errorf("review: relearning step %d is %v, want a positive duration", i, d)
		}
	}
	if s.MaxInterval < 1 || s.MaxInterval > maxDays {
		return fmt.Errorf("review: maximum interval %d days is outside [1, %d]", s.MaxInterval, maxDays)
	}
	return nil
}

// A model is a Scheduler with the constants of its formulas worked out
// once, so that a review costs only the exponentials that depend on the
// card. Replay builds one for a whole log.
type model struct {
	s       *Scheduler
	decay   float64 // DECAY = −w20
	factor  float64 // FACTOR = 0.9^(1/DECAY) − 1, so that R(S, S) = 0.9
	ivlPerS float64 // (r^(1/DECAY) − 1)/FACTOR: the interval of S = 1
	d0Easy  float64 // D0(4), not clamped: the mean-reversion target
	expW8   float64 // e^w8
	lapse   float64 // e^(w17·w18): a lapse divides S by at least this
	maxDays float64 // MaxInterval, bounded to [1, maxDays]
}

func (s *Scheduler) model() model {
	m := model{s: s, decay: -s.Weights[20]}
	m.factor = math.Pow(0.9, 1/m.decay) - 1
	m.ivlPerS = (math.Pow(s.Retention, 1/m.decay) - 1) / m.factor
	m.d0Easy = s.Weights[4] - math.Exp(s.Weights[5]*3) + 1
	m.expW8 = math.Exp(s.Weights[8])
	m.lapse = math.Exp(s.Weights[17] * s.Weights[18])
	m.maxDays = float64(min(max(s.MaxInterval, 1), maxDays))
	return m
}

// elapsedDays is the number of whole days from last to now, rounded down as
// Python's timedelta.days rounds (so a review before last gives a negative
// count). py-fsrs works in these whole days, not in fractions of a day.
func elapsedDays(last, now time.Time) int {
	d := now.Sub(last)
	n := d / day
	if d%day < 0 {
		n--
	}
	return int(n)
}

// Retrievability returns the probability, by the FSRS-6 forgetting curve
// R(t, S) = (1 + FACTOR·t/S)^DECAY, that c is recalled at now, where t is the
// whole days since its last review (0 if now is earlier). It returns 0 for a
// card that has never been reviewed, as py-fsrs does.
func (s Scheduler) Retrievability(c Card, now time.Time) float64 {
	if c.IsNew() || c.Stability <= 0 {
		return 0
	}
	t := max(0, elapsedDays(c.LastReview, now))
	m := s.model()
	return m.retrievability(float64(t), c.Stability)
}

func (m *model) retrievability(t, stability float64) float64 {
	return math.Pow(1+m.factor*t/stability, m.decay)
}

// Review returns c after the answer g given at now; c itself is unchanged.
// It follows py-fsrs's Scheduler.review_card with fuzz off:
//
//   - A new card takes the initial stability w[g-1] and difficulty D0(g),
//     then enters Learning at step 0.
//   - In Learning (and, with the relearning steps, in Relearning): Again
//     goes back to step 0; Hard stays on its step and waits that step
//     again, except on step 0, where it waits 1.5 times the step if there
//     is one step, or the mean of the first two (5m30s by default) if there
//     are more; Good moves to the next step, or graduates from the last;
//     Easy graduates at once. With no steps at all every grade graduates.
//   - Graduating puts the card in Review with the interval of its
//     stability, I = S/FACTOR·(r^(1/DECAY) − 1), rounded half to even (as
//     Python's round) and clamped to [1, MaxInterval] days.
//   - In Review, Again is a lapse: the card enters Relearning at step 0
//     (or, with no relearning steps, stays in Review at the interval of its
//     new stability); Hard, Good and Easy schedule the interval of the new
//     stability.
//
// Stability and difficulty change on every answer, each computed from the
// values before it. When at least one whole day has passed since the last
// review, stability follows the long-term formulas (recall or lapse);
// otherwise it follows the same-day formula. An invalid grade returns c
// unchanged. The cost is about ten calls to math.Exp and math.Pow.
func (s Scheduler) Review(c Card, g Grade, now time.Time) Card {
	m := s.model()
	return m.review(c, g, now)
}

func (m *model) review(c Card, g Grade, now time.Time) Card {
	if !g.IsValid() {
		return c
	}
	if c.Step < 0 {
		c.Step = 0
	}
	s := m.s

	// Memory state: stability and difficulty.
	switch {
	case c.IsNew() || c.Stability <= 0:
		// First answer (py-fsrs: a card whose stability is None).
		c.Stability = max(s.Weights[g-1], minStability)
		c.Difficulty = clampDifficulty(m.initialDifficulty(g))
		if c.State == New {
			c.State = Learning
			c.Step = 0
		}
	default:
		c.Difficulty = clampDifficulty(c.Difficulty)
		if t := elapsedDays(c.LastReview, now); t < 1 {
			c.Stability = m.shortTermStability(c.Stability, g)
		} else {
			r := m.retrievability(float64(t), c.Stability)
			if g == Again {
				c.Stability = m.forgetStability(c.Difficulty, c.Stability, r)
			} else {
				c.Stability = m.recallStability(c.Difficulty, c.Stability, r, g)
			}
		}
		c.Difficulty = m.nextDifficulty(c.Difficulty, g)
	}

	// Next state and interval.
	var wait time.Duration
	switch c.State {
	case Review:
		if g == Again {
			c.Lapses++
			if len(s.RelearningSteps) > 0 {
				c.State = Relearning
				c.Step = 0
				wait = s.RelearningSteps[0]
				break
			}
		}
		wait = m.interval(c.Stability)
	case Relearning:
		wait = m.step(&c, g, s.RelearningSteps)
	default: // Learning, or an unknown state treated as Learning
		c.State = Learning
		wait = m.step(&c, g, s.LearningSteps)
	}

	c.Reps++
	c.LastReview = now
	c.Due = now.Add(wait)
	return c
}

// step moves c through steps for the answer g and returns the wait, or
// graduates c to Review and returns the interval of its stability.
func (m *model) step(c *Card, g Grade, steps []time.Duration) time.Duration {
	// py-fsrs graduates a card whose step is past the end of the steps
	// (the steps were shortened since) on any grade but Again.
	if len(steps) == 0 || (c.Step >= len(steps) && g != Again) {
		return m.graduate(c)
	}
	switch g {
	case Again:
		c.Step = 0
		return steps[0]
	case Hard:
		switch {
		case c.Step == 0 && len(steps) == 1:
			return steps[0] * 3 / 2
		case c.Step == 0:
			return (steps[0] + steps[1]) / 2
		default:
			return steps[c.Step]
		}
	case Good:
		if c.Step+1 >= len(steps) {
			return m.graduate(c)
		}
		c.Step++
		return steps[c.Step]
	default: // Easy
		return m.graduate(c)
	}
}

func (m *model) graduate(c *Card) time.Duration {
	c.State = Review
	c.Step = 0
	return m.interval(c.Stability)
}

// interval returns the next interval of a Review card of the given
// stability: I(r, S) = S/FACTOR·(r^(1/DECAY) − 1) days, rounded half to even
// (Python's round, as py-fsrs uses) and clamped to [1, MaxInterval].
func (m *model) interval(stability float64) time.Duration {
	days := math.RoundToEven(stability * m.ivlPerS)
	if !(days >= 1) { // also catches NaN
		days = 1
	}
	days = min(days, m.maxDays)
	return time.Duration(days) * day
}

// initialDifficulty is D0(G) = w4 − e^(w5·(G−1)) + 1, not clamped.
func (m *model) initialDifficulty(g Grade) float64 {
	w := &m.s.Weights
	return w[4] - math.Exp(w[5]*float64(g-1)) + 1
}

// nextDifficulty is D' = w7·D0(4) + (1−w7)·(D + ΔD·(10−D)/9) with
// ΔD = −w6·(G−3): a linear damping towards 10, then a mean reversion
// towards the (unclamped) difficulty of a first Easy; clamped to [1, 10].
func (m *model) nextDifficulty(d float64, g Grade) float64 {
	w := &m.s.Weights
	delta := -w[6] * float64(g-3)
	damped := d + delta*(10-d)/9
	return clampDifficulty(w[7]*m.d0Easy + (1-w[7])*damped)
}

// recallStability is the stability after a successful answer (Hard, Good,
// Easy) at least a day after the last one:
// S' = S·(1 + e^w8·(11−D)·S^(−w9)·(e^(w10·(1−R)) − 1)·h·b),
// with the Hard penalty h = w15 and the Easy bonus b = w16.
func (m *model) recallStability(d, st, r float64, g Grade) float64 {
	w := &m.s.Weights
	h, b := 1.0, 1.0
	if g == Hard {
		h = w[15]
	}
	if g == Easy {
		b = w[16]
	}
	next := st * (1 + m.expW8*(11-d)*math.Pow(st, -w[9])*(math.Exp(w[10]*(1-r))-1)*h*b)
	return max(next, minStability)
}

// forgetStability is the stability after a lapse (Again) at least a day
// after the last answer: the long-term post-lapse stability
// w11·D^(−w12)·((S+1)^w13 − 1)·e^(w14·(1−R)), but never more than
// S/e^(w17·w18), which is what a same-day Again would keep.
func (m *model) forgetStability(d, st, r float64) float64 {
	w := &m.s.Weights
	long := w[11] * math.Pow(d, -w[12]) * (math.Pow(st+1, w[13]) - 1) * math.Exp(w[14]*(1-r))
	return max(min(long, st/m.lapse), minStability)
}

// shortTermStability is the stability after an answer less than a whole day
// after the last one: S' = S·e^(w17·(G−3+w18))·S^(−w19).
func (m *model) shortTermStability(st float64, g Grade) float64 {
	w := &m.s.Weights
	inc := math.Exp(w[17]*(float64(g)-3+w[18])) * math.Pow(st, -w[19])
	// py-fsrs keeps the factor at least 1 for Good and Easy, so a
	// successful same-day answer never lowers stability; Again and Hard
	// may. (Recent ts-fsrs versions apply the floor from Hard up; we
	// follow py-fsrs.)
	if g >= Good {
		inc = max(inc, 1)
	}
	return max(st*inc, minStability)
}

func clampDifficulty(d float64) float64 {
	if math.IsNaN(d) {
		return maxDifficulty
	}
	return min(max(d, minDifficulty), maxDifficulty)
}

// Preview returns, for each grade from Again to Easy, how long after now
// the card would come due if answered with that grade at now: the figures
// a quiz shows on its answer buttons. Preview(c, now)[g-1] equals
// Review(c, g, now).Due.Sub(now).
func (s Scheduler) Preview(c Card, now time.Time) [4]time.Duration {
	m := s.model()
	var out [4]time.Duration
	for g := Again; g <= Easy; g++ {
		out[g-1] = m.review(c, g, now).Due.Sub(now)
	}
	return out
}
