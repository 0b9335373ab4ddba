// Package review schedules quiz cards with spaced repetition and keeps the
// review log they are scheduled from.
//
// The scheduler is FSRS-6, the Free Spaced Repetition Scheduler that Anki uses
// since 23.10, with its published default weights. It is implemented from the
// formulas of the open-spaced-repetition wiki page "The Algorithm" (section
// FSRS-6) and follows the reference implementation py-fsrs
// (fsrs/scheduler.py) wherever the two leave a choice: learning steps,
// rounding, whole elapsed days. The project's summary of the formulas, and
// of the log's format, is docs/review-log.md. The scheduler never fuzzes
// intervals: the state of a card is derived by replaying the log, so the same
// log must always give the same schedule.
//
// Sources:
//   - https://github.com/open-spaced-repetition/fsrs4anki/wiki/The-Algorithm
//   - https://github.com/open-spaced-repetition/py-fsrs (fsrs/scheduler.py;
//     the reference sequence and memory-state figures our tests check come
//     from its tests/test_basic.py)
//
// A [Card] is a small value: its zero value is a new card. [Scheduler.Review]
// returns the card after one answer; [Replay] folds a whole log into the
// current card of every id; [Queue] picks what to ask next.
//
// The review log is a file of JSON lines, one [Record] per answer, that is
// only ever appended to ([Log.Append]). It is the source of truth: nothing
// else is stored. Appends take an advisory lock and are synced, so two copies
// of the app may share one log; a line torn by a crash is skipped with a
// [Warning] by [Log.Load] and never costs the rest of the file.
package review
