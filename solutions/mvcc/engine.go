package mvcc

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// This file holds the steps an observer sees, each on the line marked
// "// step: <id>": transactions begun and ended, read views and snapshots
// taken, versions judged visible or not, locks granted and waited for,
// versions written, deadlocks and serialization failures. innodb.go and
// postgres.go run statements with them.

// Errors the engines give, worded as the servers word them.
const (
	errDeadlockInno  = "Deadlock found when trying to get lock; try restarting transaction"
	errDeadlockPG    = "deadlock detected"
	errConcurrent    = "could not serialize access due to concurrent update"
	errConcurrentDel = "could not serialize access due to concurrent delete"
	errSerializable  = "could not serialize access due to read/write dependencies among transactions"
	errAborted       = "current transaction is aborted, commands ignored until end of transaction block"
	errDuplicatePG   = `duplicate key value violates unique constraint "test_pkey"`
)

// errDuplicateInno is InnoDB's (MariaDB's) duplicate key error.
func errDuplicateInno(id int) string {
	return fmt.Sprintf("Duplicate entry '%d' for key 'PRIMARY'", id)
}

// supremum is the key of InnoDB's supremum record, above every row: a
// lock on it covers the gap after the last row.
const supremum = math.MaxInt

// ReadView is an InnoDB read view (read0types.h): a version written by
// trx id t is visible when t == Creator or t < Up, and invisible when
// t >= Low or t is in IDs.
type ReadView struct {
	IDs     []int64 // m_ids: the read-write transactions active when it was made
	Up      int64   // up_limit_id: the smallest of IDs, or Low
	Low     int64   // low_limit_id: the next trx id to be given out
	Creator int64   // creator_trx_id: its own trx id, 0 while read-only
}

// Sees reports whether a version written by trx id sits in the view, and
// why, in a few words.
func (v *ReadView) Sees(id int64) (bool, string) {
	switch {
	case id == v.Creator && id != 0:
		return true, fmt.Sprintf("trx %d is the view's own", id)
	case id < v.Up:
		return true, fmt.Sprintf("trx %d < up_limit_id %d", id, v.Up)
	case id >= v.Low:
		return false, fmt.Sprintf("trx %d >= low_limit_id %d, it began after the view", id, v.Low)
	case slices.Contains(v.IDs, id):
		return false, fmt.Sprintf("trx %d is in m_ids, active when the view was made", id)
	}
	return true, fmt.Sprintf("trx %d is not in m_ids: it committed before the view", id)
}

// String is "m_ids=[3] up=3 low=5 creator=0".
func (v *ReadView) String() string {
	return fmt.Sprintf("m_ids=%v up=%d low=%d creator=%d", v.IDs, v.Up, v.Low, v.Creator)
}

// Snapshot is a PostgreSQL snapshot: a transaction id x has committed for
// it when x < Xmax, x is not in Xip and x committed.
type Snapshot struct {
	Xmin int64   // the oldest xid still running
	Xmax int64   // the next xid to be given out
	Xip  []int64 // the xids in progress
	own  int64
}

// String is "xmin=3 xmax=5 xip=[3]".
func (s *Snapshot) String() string {
	return fmt.Sprintf("xmin=%d xmax=%d xip=%v", s.Xmin, s.Xmax, s.Xip)
}

// begin starts a transaction in se.
func (d *db) begin(se *session, snapshot bool) *txn {
	t := &txn{sess: se, n: len(d.order), level: d.levelOf(se)}
	se.txn = t
	d.order = append(d.order, t)
	if !snapshot {
		d.emit(StepBegin, t, fmt.Sprintf("%s begins a transaction at %s.", se.name, t.level)) // step: begin
		return t
	}
	d.emit(StepBegin, t, fmt.Sprintf("%s starts a transaction with a consistent snapshot at %s.", se.name, t.level))
	d.takeView(t)
	return t
}

// setLevel sets the level of se's next transaction, and of its current one
// if that has not run a statement yet.
func (d *db) setLevel(se *session, l Level) {
	if d.o.Engine == Postgres && l == ReadUncommitted {
		l = ReadCommitted
	}
	se.level = l
	if d.o.Level != 0 {
		if l == d.o.Level {
			d.emit(StepSetLevel, nil, fmt.Sprintf("%s sets its level to %s, the level of this run.", se.name, l))
			return
		}
		d.emit(StepSetLevel, nil, fmt.Sprintf("%s asks for %s, but this run holds every transaction at %s.", se.name, l, d.o.Level))
		return
	}
	if t := se.txn; t != nil && t.stmts == 0 {
		t.level = l // step: set-level
	}
	d.emit(StepSetLevel, nil, fmt.Sprintf("%s sets its isolation level to %s.", se.name, l))
}

// takeView gives t an InnoDB read view, or a PostgreSQL snapshot.
func (d *db) takeView(t *txn) {
	var ids []int64
	for _, o := range d.order {
		if o != t && o.id != 0 && o.status == StatusOpen {
			ids = append(ids, o.id)
		}
	}
	slices.Sort(ids)
	if d.o.Engine == Postgres {
		s := &Snapshot{Xmin: d.nextID, Xmax: d.nextID, Xip: ids, own: t.id}
		if len(ids) > 0 {
			s.Xmin = ids[0]
		}
		t.snap = s // step: snapshot
		t.snapSeq = d.seq
		d.emit(StepSnapshot, t, fmt.Sprintf("%s takes a snapshot: xmin %d, xmax %d, in progress %v.", t.sess.name, s.Xmin, s.Xmax, ids))
		return
	}
	v := &ReadView{IDs: ids, Low: d.nextID, Up: d.nextID, Creator: t.id}
	if len(ids) > 0 {
		v.Up = ids[0]
	}
	t.view = v // step: read-view
	d.emit(StepReadView, t, fmt.Sprintf("%s opens a read view: m_ids %v, up_limit_id %d, low_limit_id %d, creator_trx_id %d.", t.sess.name, ids, v.Up, v.Low, v.Creator))
}

// innoRead walks the record's versions newest first, following the roll
// pointer, until one is in t's read view (read uncommitted takes the
// newest). It reports the row if that version is not a delete mark.
func (d *db) innoRead(t *txn, r *irec) (Row, bool) {
	for v := r.v; v != nil; v = v.prev {
		ok, why := true, "read uncommitted takes the newest version"
		if t.level != ReadUncommitted {
			ok, why = t.view.Sees(v.trx)
		}
		if ok {
			what := fmt.Sprintf("value %d", v.value)
			if v.deleted {
				what = "a delete mark"
			}
			d.emit(StepVisible, t, fmt.Sprintf("%s reads id %d: the version by trx %d (%s) is visible, %s.", t.sess.name, r.id, v.trx, what, why)) // step: visible
			return Row{r.id, v.value}, !v.deleted
		}
		next := "follow the roll pointer to the older version"
		if v.prev == nil {
			next = "no older version: the row does not exist for this view"
		}
		d.emit(StepInvisible, t, fmt.Sprintf("%s reads id %d: the version by trx %d is invisible, %s; %s.", t.sess.name, r.id, v.trx, why, next)) // step: invisible
	}
	return Row{}, false
}

// sees reports whether t's snapshot s counts xid as committed, and why.
func (d *db) sees(t *txn, s *Snapshot, xid int64) (bool, string) {
	switch {
	case xid == t.id && xid != 0:
		return true, fmt.Sprintf("%d is its own xid", xid)
	case xid >= s.Xmax:
		return false, fmt.Sprintf("%d >= xmax %d", xid, s.Xmax)
	case slices.Contains(s.Xip, xid):
		return false, fmt.Sprintf("%d was in progress", xid)
	case !d.committed(xid):
		return false, fmt.Sprintf("%d has not committed", xid)
	}
	return true, fmt.Sprintf("%d committed before the snapshot", xid)
}

// pgRead finds the tuple of key k that t's snapshot s can see, newest
// first: one whose xmin it counts as committed and whose xmax it does not.
// A serializable reader records an rw-conflict with each concurrent writer
// it reads past.
func (d *db) pgRead(t *txn, s *Snapshot, k int) *ptup {
	vs := d.heap[k]
	for i := len(vs) - 1; i >= 0; i-- {
		v := vs[i]
		okMin, whyMin := d.sees(t, s, v.xmin)
		if !okMin {
			d.emit(StepInvisible, t, fmt.Sprintf("%s reads id %d: the tuple %d (xmin %d) is invisible, xmin %s; look at the older tuple.", t.sess.name, k, v.value, v.xmin, whyMin))
			d.conflictOut(t, v.xmin)
			continue
		}
		if v.xmax != 0 {
			if okMax, whyMax := d.sees(t, s, v.xmax); okMax {
				d.emit(StepInvisible, t, fmt.Sprintf("%s reads id %d: the tuple %d is dead for it, xmax %s.", t.sess.name, k, v.value, whyMax))
				return nil
			}
			d.conflictOut(t, v.xmax)
		}
		d.emit(StepVisible, t, fmt.Sprintf("%s reads id %d: the tuple %d (xmin %d, xmax %d) is visible, xmin %s.", t.sess.name, k, v.value, v.xmin, v.xmax, whyMin))
		return v
	}
	return nil
}

// returns gives a select's result its rows.
func (d *db) returns(t *txn, r *Result, rows []Row) {
	r.Rows = rows // step: rows
	d.emit(StepRows, t, fmt.Sprintf("%s's %s returns %s.", t.sess.name, r.Stmt, FormatRows(rows)))
}

// lock is one lock on a key, granted or waited for. InnoDB's has a mode
// (S or X) and a type (next-key, record, gap, insert intention); a
// PostgreSQL row lock has a strength.
type lock struct {
	t       *txn
	key     int
	x       bool
	typ     ltype
	pg      pgMode
	waiting bool
	// implicit marks the lock an insert holds on its new record: InnoDB
	// keeps none (the record's trx id is the lock), so it weighs nothing.
	implicit bool
}

type ltype uint8

const (
	typNextKey ltype = iota
	typRec
	typGap
	typInsert
)

type pgMode uint8

const (
	pgKeyShare pgMode = iota + 1
	pgShare
	pgNoKeyUpdate
	pgUpdate
)

var pgModeNames = [...]string{"", "FOR KEY SHARE", "FOR SHARE", "FOR NO KEY UPDATE", "FOR UPDATE"}

// conflicts reports whether the request r must wait for the lock h of
// another transaction: lock_rec_has_to_wait of lock0lock.cc for InnoDB,
// the row lock table of the PostgreSQL manual for PostgreSQL.
func (d *db) conflicts(r, h *lock) bool {
	if d.o.Engine == Postgres {
		a, b := min(r.pg, h.pg), max(r.pg, h.pg)
		return b == pgUpdate || (a >= pgShare && b >= pgNoKeyUpdate)
	}
	if !r.x && !h.x {
		return false
	}
	if (r.typ == typGap || r.key == supremum) && r.typ != typInsert {
		return false // a gap lock never waits
	}
	if r.typ != typInsert && h.typ == typGap {
		return false
	}
	if r.typ == typInsert && h.typ == typRec {
		return false
	}
	return h.typ != typInsert
}

// covers reports whether t's granted lock h makes the request r needless.
func (d *db) covers(h, r *lock) bool {
	if d.o.Engine == Postgres {
		return h.pg >= r.pg
	}
	if r.x && !h.x {
		return false
	}
	switch h.typ {
	case typNextKey:
		return r.typ != typInsert
	case typRec, typGap, typInsert:
		return r.typ == h.typ
	}
	return false
}

// acquire asks for a lock for t. It reports true when t holds it (or a
// lock that covers it); otherwise the request waits in the queue, t.wait
// is set, and the statement must stop.
func (d *db) acquire(t *txn, r *lock) bool {
	r.t = t
	// A transaction that already holds a lock on the key does not queue
	// behind requests that wait for it: PostgreSQL for any stronger lock,
	// MariaDB (MDEV-34877) for one of the same mode, but not for an insert
	// intention. The differential test found this on MariaDB 10.11.
	bypass := false
	for _, h := range d.locks {
		if h.t == t && h.key == r.key && !h.waiting {
			if d.covers(h, r) {
				return true
			}
			bypass = bypass || d.o.Engine == Postgres || ((h.x || !r.x) && r.typ != typInsert)
		}
	}
	if r.x {
		t.tableX = true
	} else {
		t.tableS = true
	}
	if t.op != nil {
		t.op.fresh[r.key] = true
	}
	for _, h := range d.locks {
		if h.t != t && h.key == r.key && d.conflicts(r, h) && !(bypass && h.waiting) {
			h.implicit = false // lock_rec_convert_impl_to_expl: a waiter makes it a lock struct
			r.waiting = true
			d.locks = append(d.locks, r)
			t.wait = r // step: lock-wait
			how := "holds"
			if h.waiting {
				how = "waits for"
			}
			d.emit(StepLockWait, t, fmt.Sprintf("%s waits for %s: %s %s %s.", t.sess.name, d.describe(r), h.t.sess.name, how, d.describe(h)))
			return false
		}
	}
	d.locks = append(d.locks, r) // step: lock
	d.emit(StepLock, t, fmt.Sprintf("%s takes %s.", t.sess.name, d.describe(r)))
	return true
}

// grantable is the first waiting lock that no lock ahead of it blocks.
func (d *db) grantable() *lock {
	for i, l := range d.locks {
		if !l.waiting {
			continue
		}
		free := true
		for j, h := range d.locks {
			if h.t != l.t && h.key == l.key && (!h.waiting || j < i) && d.conflicts(l, h) {
				free = false
				break
			}
		}
		if free {
			return l
		}
	}
	return nil
}

// grant gives a waiting lock to its transaction.
func (d *db) grant(l *lock) {
	l.waiting = false
	l.t.wait = nil // step: wake
	d.emit(StepWake, l.t, fmt.Sprintf("%s gets %s it waited for, and its statement goes on.", l.t.sess.name, d.describe(l)))
}

// release drops t's locks; one of key only if key is not nil.
func (d *db) release(t *txn, key *int) {
	d.locks = slices.DeleteFunc(d.locks, func(l *lock) bool { return l.t == t && (key == nil || l.key == *key) })
	if t.wait != nil && (key == nil || t.wait.key == *key) {
		t.wait = nil
	}
}

// describe names a lock for a person: "X next-key on id 2".
func (d *db) describe(l *lock) string {
	on := fmt.Sprintf("id %d", l.key)
	if l.key == supremum {
		on = "the supremum"
	}
	if d.o.Engine == Postgres {
		return fmt.Sprintf("%s on %s", pgModeNames[l.pg], on)
	}
	m := "S"
	if l.x {
		m = "X"
	}
	switch l.typ {
	case typRec:
		return fmt.Sprintf("%s record lock on %s", m, on)
	case typGap:
		return fmt.Sprintf("%s gap lock before %s", m, on)
	case typInsert:
		return fmt.Sprintf("an insert intention lock before %s", on)
	}
	if l.key == supremum {
		return fmt.Sprintf("%s next-key lock on the supremum (the gap after the last row)", m)
	}
	return fmt.Sprintf("%s next-key lock on %s (it and the gap before it)", m, on)
}

// deadlock looks for a cycle of waits through t, which has just started
// to wait, and rolls one transaction of it back: InnoDB the lightest
// (fewest changes and locks, t on a tie), PostgreSQL t itself.
func (d *db) deadlock(t *txn) {
	if t.wait == nil {
		return
	}
	cycle := d.findCycle(t, t, nil, map[*txn]bool{})
	if cycle == nil {
		return
	}
	victim := t
	if d.o.Engine == InnoDB {
		for _, c := range cycle {
			if d.weight(c) < d.weight(victim) {
				victim = c
			}
		}
	}
	names := make([]string, len(cycle))
	for i, c := range cycle {
		names[i] = c.sess.name
	}
	msg := errDeadlockInno
	if d.o.Engine == Postgres {
		msg = errDeadlockPG
	}
	ri := -1
	if victim.op != nil {
		ri = victim.op.res
	}
	if ri >= 0 {
		d.res[ri].Err, d.res[ri].Done = msg, true // step: deadlock
	}
	d.emit(StepDeadlock, victim, fmt.Sprintf("Deadlock: %s wait for each other in a cycle; %s is rolled back: %s.", strings.Join(names, " → "), victim.sess.name, msg))
	d.abort(victim, ri, msg)
}

// findCycle walks the waits-for graph from u back to start.
func (d *db) findCycle(start, u *txn, path []*txn, seen map[*txn]bool) []*txn {
	path = append(path, u)
	seen[u] = true
	for _, v := range d.waitsFor(u) {
		if v == start {
			return path
		}
		if !seen[v] {
			if c := d.findCycle(start, v, path, seen); c != nil {
				return c
			}
		}
	}
	return nil
}

// waitsFor is the transactions whose locks u's waiting request waits for.
func (d *db) waitsFor(u *txn) []*txn {
	l := u.wait
	if l == nil {
		return nil
	}
	var out []*txn
	at := slices.Index(d.locks, l)
	for j, h := range d.locks {
		if h.t != u && h.key == l.key && (!h.waiting || j < at) && d.conflicts(l, h) && !slices.Contains(out, h.t) {
			out = append(out, h.t)
		}
	}
	return out
}

// weight is InnoDB's TRX_WEIGHT: the rows a transaction changed and the
// lock structs it has (one per kind of record lock, one per table lock;
// a granted insert intention and an insert's implicit lock have none).
func (d *db) weight(t *txn) int {
	kinds := map[[3]int]bool{}
	for _, l := range d.locks {
		if l.t == t && !l.implicit && !(l.typ == typInsert && !l.waiting) {
			x := 0
			if l.x {
				x = 1
			}
			w := 0
			if l.waiting {
				w = 1
			}
			kinds[[3]int{x, int(l.typ), w}] = true
		}
	}
	n := t.undo + len(kinds)
	if t.tableS {
		n++
	}
	if t.tableX {
		n++
	}
	return n
}

// abort rolls t back for the engine's error msg: InnoDB ends the
// transaction; PostgreSQL leaves it failed until its session ends it.
func (d *db) abort(t *txn, ri int, msg string) {
	t.op = nil
	t.wait = nil
	t.status = StatusAborted
	t.err = msg
	d.undo(t)
	d.release(t, nil)
	if d.o.Engine == Postgres {
		t.failed = true
		return
	}
	t.sess.txn = nil
}

// fail fails t's statement with msg. InnoDB rolls back the statement
// only; PostgreSQL aborts the transaction.
func (d *db) fail(t *txn, ri int, msg string) {
	if ri >= 0 {
		d.res[ri].Err, d.res[ri].Done = msg, true
	}
	if d.o.Engine == InnoDB {
		if t.op != nil {
			for i := len(t.op.undo) - 1; i >= 0; i-- {
				t.op.undo[i]()
			}
		}
		t.op = nil // step: error
		d.emit(StepError, t, fmt.Sprintf("%s's statement fails and is rolled back: %s.", t.sess.name, msg))
		return
	}
	first := !t.failed
	d.emit(StepError, t, fmt.Sprintf("%s's statement fails: %s.", t.sess.name, msg))
	if first {
		d.abort(t, ri, msg)
	}
	t.op = nil
}

// serializationFailure aborts a doomed PostgreSQL transaction at its next
// statement or its commit.
func (d *db) serializationFailure(t *txn, ri int) {
	if ri >= 0 {
		d.res[ri].Err, d.res[ri].Done = errSerializable, true
	}
	d.abort(t, ri, errSerializable) // step: serialization-failure
	d.emit(StepSerialization, t, fmt.Sprintf("%s is the pivot of a dangerous structure of rw-conflicts and is aborted: %s.", t.sess.name, errSerializable))
}

// end commits or rolls back t.
func (d *db) end(t *txn, commit bool, ri int) {
	t.sess.txn = nil
	if t.status != StatusOpen {
		return // already aborted by the engine; the session only ends it
	}
	if commit && d.o.Engine == Postgres && t.level == Serializable {
		if t.doomed {
			t.sess.txn = t
			d.serializationFailure(t, ri)
			t.sess.txn = nil
			return
		}
		d.preCommit(t)
	}
	if !commit {
		d.undo(t)
		t.status = StatusRolledBack
		d.release(t, nil) // step: rollback
		d.emit(StepRollback, t, fmt.Sprintf("%s rolls back: its versions are undone and its locks released.", t.sess.name))
		return
	}
	d.seq++
	t.commitSeq = d.seq
	t.status = StatusCommitted
	d.release(t, nil) // step: commit
	d.emit(StepCommit, t, fmt.Sprintf("%s commits: its versions are now committed and its locks released.", t.sess.name))
}

// undo takes t's versions out: InnoDB rolls the undo log back; PostgreSQL
// marks the xid aborted, which here drops its tuples at once.
func (d *db) undo(t *txn) {
	if t.id == 0 {
		return
	}
	if d.o.Engine == Postgres {
		for k, vs := range d.heap {
			vs = slices.DeleteFunc(vs, func(v *ptup) bool { return v.xmin == t.id })
			for _, v := range vs {
				if v.xmax == t.id {
					v.xmax, v.deleted, v.next = 0, false, nil
				}
			}
			if len(vs) == 0 {
				delete(d.heap, k)
			} else {
				d.heap[k] = vs
			}
		}
		return
	}
	for i := 0; i < len(d.recs); i++ {
		r := d.recs[i]
		for r.v != nil && r.v.trx == t.id {
			r.v = r.v.prev
		}
		if r.v == nil {
			d.removeRec(i)
			i--
		}
	}
}

// writeVersion puts a new version on the InnoDB record r: value, or a
// delete mark, by t, with the roll pointer to the old one.
func (d *db) writeVersion(t *txn, r *irec, value int, deleted bool) {
	d.assign(t)
	old := r.v
	r.v = &iver{value: value, deleted: deleted, trx: t.id, prev: old} // step: write
	t.undo++
	t.op.undo = append(t.op.undo, func() { r.v = old; t.undo-- })
	what := fmt.Sprintf("writes value %d", value)
	if deleted {
		what = "delete-marks it"
	}
	d.emit(StepWrite, t, fmt.Sprintf("%s %s on id %d as trx %d; the old version stays in the undo log behind the roll pointer.", t.sess.name, what, r.id, t.id))
}

// writeTuple replaces PostgreSQL's tuple v by t: xmax on the old tuple,
// and for an update a new tuple with xmin t.
func (d *db) writeTuple(t *txn, v *ptup, value int, deleted bool) {
	d.assign(t)
	v.xmax = t.id
	if deleted {
		v.deleted = true // step: write
		d.emit(StepWrite, t, fmt.Sprintf("%s deletes id %d: it sets xmax %d on the tuple.", t.sess.name, v.id, t.id))
		return
	}
	nv := &ptup{id: v.id, value: value, xmin: t.id}
	v.next = nv
	d.heap[v.id] = append(d.heap[v.id], nv)
	d.emit(StepWrite, t, fmt.Sprintf("%s updates id %d: xmax %d on the old tuple, a new tuple %d with xmin %d.", t.sess.name, v.id, t.id, value, t.id))
}

// insert adds a row by t.
func (d *db) insert(t *txn, row Row) {
	d.assign(t)
	if d.o.Engine == Postgres {
		d.heap[row.ID] = append(d.heap[row.ID], &ptup{id: row.ID, value: row.Value, xmin: t.id}) // step: insert
		d.emit(StepInsert, t, fmt.Sprintf("%s inserts (%d, %d): a new tuple with xmin %d.", t.sess.name, row.ID, row.Value, t.id))
		return
	}
	i, _ := slices.BinarySearchFunc(d.recs, row.ID, func(r *irec, id int) int { return r.id - id })
	r := &irec{id: row.ID, v: &iver{value: row.Value, trx: t.id}}
	d.recs = slices.Insert(d.recs, i, r)
	t.undo++
	d.emit(StepInsert, t, fmt.Sprintf("%s inserts (%d, %d) as trx %d.", t.sess.name, row.ID, row.Value, t.id))
}

// recheck is PostgreSQL read committed's answer to a row that changed
// while a statement waited for it: follow to the newest version and test
// the where clause again.
func (d *db) recheck(t *txn, v *ptup, w Where) (*ptup, bool) {
	nv := v.next
	if nv == nil {
		d.emit(StepRecheck, t, fmt.Sprintf("%s: id %d was deleted while it waited; the row is skipped.", t.sess.name, v.id))
		return nil, false
	}
	ok := w.Match(nv.id, nv.value) // step: recheck
	verdict := "still matches"
	if !ok {
		verdict = "no longer matches, so the row is skipped"
	}
	d.emit(StepRecheck, t, fmt.Sprintf("%s follows id %d to its newest version, %d, which %s%s.", t.sess.name, v.id, nv.value, verdict, w))
	return nv, ok
}

// target is what a PostgreSQL SIREAD lock covers: the table (a
// sequential scan), the primary key's index page (an index scan) or one
// tuple.
type target struct {
	kind byte // 'r' relation, 'i' index page, 't' tuple
	key  int
}

// siread gives t SIREAD locks on the targets of a serializable read.
func (d *db) siread(t *txn, ts ...target) {
	if t.level != Serializable || d.o.Engine != Postgres {
		return
	}
	if t.sireads == nil {
		t.sireads = map[target]bool{}
	}
	var names []string
	for _, g := range ts {
		if !t.sireads[g] {
			t.sireads[g] = true // step: siread
			names = append(names, g.String())
		}
	}
	if len(names) > 0 {
		d.emit(StepSIRead, t, fmt.Sprintf("%s takes SIREAD locks on %s, which outlive its commit.", t.sess.name, strings.Join(names, ", ")))
	}
}

func (g target) String() string {
	switch g.kind {
	case 'r':
		return "the table"
	case 'i':
		return "the index page"
	}
	return fmt.Sprintf("tuple %d", g.key)
}

// conflictOut records that serializable t read past a version that the
// concurrent transaction xid wrote: t -rw-> xid.
func (d *db) conflictOut(t *txn, xid int64) bool {
	w := d.txns[xid]
	if t.level != Serializable || w == nil || w == t || w.level != Serializable || w.status == StatusAborted || w.status == StatusRolledBack {
		return true
	}
	return d.rwConflict(t, w, t)
}

// conflictIn records that serializable t writes what a concurrent
// serializable transaction holds a SIREAD lock on: reader -rw-> t.
func (d *db) conflictIn(t *txn, ts ...target) bool {
	if t.level != Serializable {
		return true
	}
	for _, r := range d.order {
		if r == t || r.level != Serializable || r.status == StatusAborted || r.status == StatusRolledBack {
			continue
		}
		if r.status == StatusCommitted && r.commitSeq <= t.snapSeq {
			continue // it committed before t's snapshot: not concurrent
		}
		for _, g := range ts {
			if r.sireads[g] {
				if !d.rwConflict(r, t, t) {
					return false
				}
				break
			}
		}
	}
	return true
}

// rwConflict adds the edge reader -rw-> writer and checks for a dangerous
// structure the way predicate.c's OnConflict_CheckForSerializationFailure
// does. It reports false when caller must fail.
func (d *db) rwConflict(reader, writer, caller *txn) bool {
	if reader.out[writer] {
		return true
	}
	if reader.out == nil {
		reader.out = map[*txn]bool{}
	}
	if writer.in == nil {
		writer.in = map[*txn]bool{}
	}
	reader.out[writer] = true
	writer.in[reader] = true
	d.emit(StepConflict, caller, fmt.Sprintf("rw-conflict %s → %s: %s read a version %s writes.", reader.sess.name, writer.sess.name, reader.sess.name, writer.sess.name)) // step: rw-conflict
	done := func(x *txn) bool { return x.status == StatusCommitted }
	gone := func(x *txn) bool { return x.status == StatusAborted || x.status == StatusRolledBack }
	failure := false
	if done(writer) {
		for t2 := range writer.out {
			if done(t2) && t2.commitSeq < writer.commitSeq {
				failure = true
			}
		}
	}
	for t2 := range writer.out {
		if !failure && done(t2) && (!done(reader) || t2.commitSeq <= reader.commitSeq) && (!done(writer) || t2.commitSeq <= writer.commitSeq) {
			failure = true
		}
	}
	if !failure && done(writer) {
		for t0 := range reader.in {
			if !t0.doomed && !gone(t0) && (!done(t0) || t0.commitSeq >= writer.commitSeq) {
				failure = true
			}
		}
	}
	if !failure {
		return true
	}
	if caller == writer || done(writer) {
		caller.doomed, caller.failNow = true, true
		return false
	}
	writer.doomed = true
	return true
}

// preCommit dooms the pivot of a dangerous structure whose last edge t's
// commit completes (PreCommit_CheckForSerializationFailure).
func (d *db) preCommit(t *txn) {
	gone := func(x *txn) bool { return x.status == StatusAborted || x.status == StatusRolledBack }
	for _, pivot := range d.order {
		if !t.in[pivot] || pivot.status == StatusCommitted || pivot.doomed || gone(pivot) {
			continue
		}
		for _, t0 := range d.order {
			if pivot.in[t0] && (t0 == t || (t0.status == StatusOpen && !t0.doomed)) {
				pivot.doomed = true
				break
			}
		}
	}
}

func (d *db) ssiString(t *txn) string {
	var in, out []string
	for _, o := range d.order {
		if t.in[o] {
			in = append(in, o.sess.name)
		}
		if t.out[o] {
			out = append(out, o.sess.name)
		}
	}
	s := ""
	if len(in) > 0 {
		s += "rw-in " + strings.Join(in, ",")
	}
	if len(out) > 0 {
		s += " rw-out " + strings.Join(out, ",")
	}
	if t.doomed {
		s += " doomed"
	}
	return strings.TrimSpace(s)
}

// judgement is what the cases of one anomaly showed at one level, by
// script name: the anomaly seen (on a read-only transaction or not), not
// seen, or the interleaving made impossible by a lock wait.
type judgement struct {
	roBad, rwBad, roGood, good, blocked []string
}

// verdict is the table's cell: prevented when no case showed the anomaly;
// R/O when only cases with writes showed it and read-only ones did not.
func (j judgement) verdict() (Verdict, string) {
	list := func(s []string) string { return strings.Join(s, ", ") }
	switch {
	case len(j.roBad) == 0 && len(j.rwBad) == 0:
		why := "no script shows it"
		if len(j.blocked) > 0 {
			why += "; a lock wait keeps " + list(j.blocked) + " from running as written"
		}
		return Prevented, why // step: verdict
	case len(j.roBad) == 0 && len(j.roGood) > 0:
		return ReadOnlyOnly, "read-only " + list(j.roGood) + " prevented, but " + list(j.rwBad) + " shows it"
	}
	return NotPrevented, list(append(j.roBad, j.rwBad...)) + " shows it"
}
