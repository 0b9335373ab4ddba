package mvcc

import (
	"fmt"
	"strings"
)

// Step is the stable id of a step an observer sees: the line of engine.go
// that performs it carries the comment "// step: <id>", and tutor's source
// pane highlights it.
type Step string

// The steps of a run.
const (
	// StepBegin starts a transaction.
	StepBegin Step = "begin"
	// StepSetLevel sets a session's isolation level.
	StepSetLevel Step = "set-level"
	// StepReadView takes an InnoDB read view: m_ids, up_limit_id,
	// low_limit_id and creator_trx_id.
	StepReadView Step = "read-view"
	// StepSnapshot takes a PostgreSQL snapshot: xmin, xmax and the
	// in-progress list.
	StepSnapshot Step = "snapshot"
	// StepVisible finds a version a read can see.
	StepVisible Step = "visible"
	// StepInvisible skips a version a read cannot see, going on to the
	// older one (InnoDB's roll pointer, PostgreSQL's older tuple).
	StepInvisible Step = "invisible"
	// StepRows is what a select returns.
	StepRows Step = "rows"
	// StepLock grants a lock.
	StepLock Step = "lock"
	// StepLockWait makes a statement wait for a lock another transaction
	// holds or waits for.
	StepLockWait Step = "lock-wait"
	// StepWake grants a waiting lock once what it waited for is released,
	// and the waiting statement goes on.
	StepWake Step = "wake"
	// StepWrite writes a new version of a row (an update, a delete mark).
	StepWrite Step = "write"
	// StepInsert inserts a row.
	StepInsert Step = "insert"
	// StepRecheck follows a row a PostgreSQL read committed statement
	// waited for to its newest version and checks the where clause again.
	StepRecheck Step = "recheck"
	// StepSIRead takes PostgreSQL SIREAD locks for a serializable read.
	StepSIRead Step = "siread"
	// StepConflict records a PostgreSQL rw-conflict between two
	// serializable transactions.
	StepConflict Step = "rw-conflict"
	// StepError fails a statement (a duplicate key, a transaction already
	// aborted, a first updater that won).
	StepError Step = "error"
	// StepDeadlock finds a cycle of waits and rolls back one transaction.
	StepDeadlock Step = "deadlock"
	// StepSerialization aborts a PostgreSQL serializable transaction that
	// closes a dangerous structure of rw-conflicts.
	StepSerialization Step = "serialization-failure"
	// StepCommit commits a transaction.
	StepCommit Step = "commit"
	// StepRollback rolls a transaction back, undoing its versions.
	StepRollback Step = "rollback"
	// StepVerdict decides a cell of Hermitage's table (TableObserved).
	StepVerdict Step = "verdict"
)

// Event is one step of a run, with the whole database as it stands after
// the step.
type Event struct {
	Step    Step
	Line    int    // the script line being run
	Session string // the session the step belongs to
	Explain string // one sentence
	State   State
}

// State is the database at one moment: rows with their versions,
// transactions with their read views or snapshots, and locks.
type State struct {
	Engine  Engine
	Rows    []RowVersions
	Txns    []TxnState
	Locks   []LockState
	Results []Result // the statements run so far
}

// RowVersions is one primary key and its versions, newest first.
type RowVersions struct {
	ID       int
	Versions []Version
}

// Version is one version of a row. For InnoDB, Trx is its DB_TRX_ID and
// older versions hang from it by the roll pointer, in the undo log. For
// PostgreSQL, Trx is xmin (who created the tuple) and Xmax who deleted or
// replaced it (0: nobody).
type Version struct {
	Value     int
	Deleted   bool // InnoDB: delete-marked
	Trx       int64
	Xmax      int64
	Committed bool // the creating transaction has committed
}

// TxnState is one transaction as it stands.
type TxnState struct {
	Session string
	ID      int64 // the trx id or xid, 0 until it first writes
	Level   Level
	Status  Status
	View    string // the read view or snapshot, "" while it has none
	Waiting string // the lock it waits for, or ""
	Err     string
	SSI     string // PostgreSQL serializable: its rw-conflicts
}

// LockState is one lock, granted or waited for.
type LockState struct {
	Session string
	Lock    string // e.g. "X next-key on id 2", "FOR UPDATE on id 1"
	Waiting bool
}

// String is a state as plain text, a few lines.
func (s State) String() string {
	var b strings.Builder
	for _, r := range s.Rows {
		fmt.Fprintf(&b, "id %d:", r.ID)
		for _, v := range r.Versions {
			b.WriteString(" " + v.String(s.Engine))
		}
		b.WriteByte('\n')
	}
	for _, t := range s.Txns {
		fmt.Fprintf(&b, "%s trx %d %s %s", t.Session, t.ID, t.Level.Short(), t.Status)
		if t.View != "" {
			fmt.Fprintf(&b, " [%s]", t.View)
		}
		if t.Waiting != "" {
			fmt.Fprintf(&b, " waits for %s", t.Waiting)
		}
		if t.SSI != "" {
			fmt.Fprintf(&b, " %s", t.SSI)
		}
		b.WriteByte('\n')
	}
	for _, l := range s.Locks {
		w := ""
		if l.Waiting {
			w = " (waiting)"
		}
		fmt.Fprintf(&b, "lock %s %s%s\n", l.Session, l.Lock, w)
	}
	return b.String()
}

// String writes a version: "12@7" (InnoDB: value at trx id, with "del"
// for a delete mark and "*" while uncommitted) or "12(5,7)" (PostgreSQL:
// value (xmin, xmax)).
func (v Version) String(e Engine) string {
	star := ""
	if !v.Committed {
		star = "*"
	}
	if e == Postgres {
		return fmt.Sprintf("%d(%d%s,%d)", v.Value, v.Trx, star, v.Xmax)
	}
	if v.Deleted {
		return fmt.Sprintf("del@%d%s", v.Trx, star)
	}
	return fmt.Sprintf("%d@%d%s", v.Value, v.Trx, star)
}
