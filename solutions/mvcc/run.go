package mvcc

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Options says how to run a script.
type Options struct {
	Engine Engine
	// Level is every transaction's isolation level. Zero leaves it to the
	// script's set transaction statements, and to the engine's default.
	Level Level
	// Observe, if not nil, sees every step.
	Observe func(Event)
}

// Status is how a transaction stands.
type Status uint8

// The statuses of a transaction.
const (
	StatusOpen       Status = iota // running, or blocked
	StatusCommitted                // committed
	StatusRolledBack               // rolled back by its session
	StatusAborted                  // rolled back by the engine (deadlock, serialization failure, ...)
)

var statusNames = [...]string{"open", "committed", "rolled back", "aborted"}

// String is the status as a word or two, e.g. "rolled back".
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", s)
}

// Result is what one statement of a script did.
type Result struct {
	Line    int
	Session string
	Stmt    Stmt
	Blocked bool  // it was still waiting when its line was done
	Pending bool  // it was still waiting when the script ended
	Done    bool  // it has returned (its rows, or its error)
	Rows    []Row // a select's rows, by id
	Err     string
	// Affected is the number of rows an update, insert or delete changed.
	Affected int
	// Txn is the transaction it ran in or ended, an index into
	// Outcome.Txns, or -1 (none, or a select run on its own).
	Txn int
}

// String writes the result as `tutor trace` does: "T2: select * from test
// where id = 1 -> 1 => 10".
func (r Result) String() string {
	var out string
	switch {
	case r.Pending:
		out = "blocked"
	case r.Err != "":
		out = "error: " + r.Err
	case r.Stmt.Kind == KindSelect:
		out = FormatRows(r.Rows)
	default:
		out = "ok"
	}
	return fmt.Sprintf("%s: %s -> %s", r.Session, r.Stmt, out)
}

// Txn is one transaction of a run and how it ended.
type Txn struct {
	Session string
	Level   Level
	Status  Status
	Err     string // the engine's error that aborted it
}

// String is "T1 committed", "T2 rolled back" or "T2 aborted: <error>".
func (t Txn) String() string {
	switch t.Status {
	case StatusAborted:
		return fmt.Sprintf("%s aborted: %s", t.Session, t.Err)
	case StatusOpen:
		return t.Session + " still open"
	}
	return t.Session + " " + t.Status.String()
}

// Outcome is what a run did: every statement's result in script order,
// every transaction in the order it began, and the table's committed rows
// at the end.
type Outcome struct {
	Engine  Engine
	Results []Result
	Txns    []Txn
	Rows    []Row
}

// String writes one line per select, then one per transaction.
func (o *Outcome) String() string {
	var b strings.Builder
	for _, r := range o.Results {
		if r.Stmt.Kind == KindSelect {
			b.WriteString(r.String() + "\n")
		}
	}
	for _, t := range o.Txns {
		b.WriteString(t.String() + "\n")
	}
	return b.String()
}

// BlockedError is a script line refused because its session is still
// waiting for a statement of an earlier line.
type BlockedError struct {
	Line    int    // the refused line
	Session string // its session
	On      int    // the line of the statement that waits
}

func (e *BlockedError) Error() string {
	return fmt.Sprintf("line %d: %s is still blocked on line %d; its next statement must come after the block is resolved", e.Line, e.Session, e.On)
}

// session is one connection.
type session struct {
	name  string
	txn   *txn
	level Level // the level its next transaction gets
}

// txn is one transaction.
type txn struct {
	sess       *session
	n          int // place in db.order
	level      Level
	id         int64
	status     Status
	err        string
	op         *op
	wait       *lock
	stmts      int
	autocommit bool

	// InnoDB
	view           *ReadView
	undo           int
	tableS, tableX bool

	// PostgreSQL
	snap      *Snapshot
	failed    bool
	doomed    bool
	failNow   bool
	snapSeq   int
	commitSeq int
	sireads   map[target]bool
	in, out   map[*txn]bool
}

// op is a statement being run, with where it stands, so that a statement
// that waits goes on from the row it waited for.
type op struct {
	line   Line
	res    int // index into db.res
	i      int
	cursor int
	rows   []Row
	start  bool
	snap   *Snapshot
	keys   []int
	vers   []*ptup
	fresh  map[int]bool
	undo   []func()
	done   bool
}

// db is the database and the sessions of one run.
type db struct {
	o        Options
	sessions map[string]*session
	order    []*txn
	txns     map[int64]*txn
	locks    []*lock
	nextID   int64
	seq      int // commits so far
	res      []Result
	resTxn   []*txn
	line     Line

	recs []*irec         // InnoDB: the clustered index, by id
	heap map[int][]*ptup // PostgreSQL: each key's tuples, oldest first
}

// setupTrx is the id of the transaction that loaded the first two rows.
const setupTrx = 1

func newDB(o Options) *db {
	d := &db{o: o, sessions: map[string]*session{}, txns: map[int64]*txn{}, nextID: setupTrx + 1}
	if o.Engine == Postgres {
		d.heap = map[int][]*ptup{}
		for _, r := range []Row{{1, 10}, {2, 20}} {
			d.heap[r.ID] = []*ptup{{id: r.ID, value: r.Value, xmin: setupTrx}}
		}
	} else {
		d.recs = []*irec{{id: 1, v: &iver{value: 10, trx: setupTrx}}, {id: 2, v: &iver{value: 20, trx: setupTrx}}}
	}
	return d
}

// Run runs the script on an engine. The error is a bad script: a line for
// a session that is still blocked (a *BlockedError, returned with the
// Outcome of the lines before it), a second begin, or a write outside a
// transaction; what the engine refuses (a deadlock, a serialization
// failure, a duplicate key) is in the Outcome.
func Run(s *Script, o Options) (*Outcome, error) {
	if o.Engine != InnoDB && o.Engine != Postgres {
		return nil, fmt.Errorf("unknown engine %d", o.Engine)
	}
	if o.Engine == Postgres && o.Level == ReadUncommitted {
		o.Level = ReadCommitted
	}
	d := newDB(o)
	for _, ln := range s.Lines {
		if err := d.run(ln); err != nil {
			var be *BlockedError
			if errors.As(err, &be) {
				return d.outcome(), err
			}
			return nil, err
		}
	}
	return d.outcome(), nil
}

func (d *db) session(name string) *session {
	se := d.sessions[name]
	if se == nil {
		se = &session{name: name}
		d.sessions[name] = se
	}
	return se
}

// run runs one line of the script.
func (d *db) run(ln Line) error {
	d.line = ln
	se := d.session(ln.Session)
	if t := se.txn; t != nil && t.op != nil {
		return &BlockedError{Line: ln.N, Session: ln.Session, On: t.op.line.N}
	}
	d.res = append(d.res, Result{Line: ln.N, Session: ln.Session, Stmt: ln.Stmt, Txn: -1})
	d.resTxn = append(d.resTxn, se.txn)
	ri := len(d.res) - 1
	st := ln.Stmt
	defer func() {
		if k := st.Kind; k == KindSetLevel || k == KindBegin || k == KindCommit || k == KindRollback {
			d.res[ri].Done = true
		}
	}()
	switch st.Kind {
	case KindSetLevel:
		d.setLevel(se, st.Level)
		return nil
	case KindBegin:
		if se.txn != nil {
			return fmt.Errorf("line %d: %s is already in a transaction (commit or roll back first)", ln.N, ln.Session)
		}
		d.resTxn[ri] = d.begin(se, st.Snapshot)
		return nil
	case KindCommit, KindRollback:
		if se.txn != nil {
			d.end(se.txn, st.Kind == KindCommit, ri)
			d.wake()
		}
		return nil
	}
	t := se.txn
	if t == nil {
		if st.Writes() || st.Lock != NoLock {
			return fmt.Errorf("line %d: %s: %q outside a transaction (begin first)", ln.N, ln.Session, st.String())
		}
		t = d.begin(se, false)
		t.autocommit = true
	}
	if t.failed {
		d.fail(t, ri, errAborted)
		return nil
	}
	t.stmts++
	t.op = &op{line: ln, res: ri, fresh: map[int]bool{}, cursor: math.MinInt}
	if d.exec(t) {
		d.finish(t)
	} else {
		d.deadlock(t)
	}
	if t.autocommit && t.op == nil {
		d.end(t, true, -1)
	}
	d.wake()
	if t.op != nil && t.op.res == ri {
		d.res[ri].Blocked = true
	}
	return nil
}

// exec runs or goes on with t's statement; false means it waits.
func (d *db) exec(t *txn) bool {
	if d.o.Engine == Postgres {
		return d.pgExec(t)
	}
	return d.innoExec(t)
}

// finish ends t's statement and keeps its result.
func (d *db) finish(t *txn) {
	o := t.op
	t.op = nil
	if o == nil || o.res < 0 {
		return
	}
	r := &d.res[o.res]
	r.Done = true
	if r.Err == "" && o.line.Stmt.Kind == KindSelect {
		rows := slices.Clone(o.rows)
		slices.SortFunc(rows, func(a, b Row) int { return a.ID - b.ID })
		d.returns(t, r, rows)
	}
}

// wake grants every waiting lock that nothing blocks any more, in the
// order they were asked for, and lets each waiting statement go on.
func (d *db) wake() {
	for {
		l := d.grantable()
		if l == nil {
			return
		}
		d.grant(l)
		t := l.t
		if t.op == nil {
			continue
		}
		if d.exec(t) {
			d.finish(t)
		} else {
			d.deadlock(t)
		}
	}
}

func (d *db) outcome() *Outcome {
	o := &Outcome{Engine: d.o.Engine}
	for _, t := range d.order {
		if t.op != nil && t.op.res >= 0 {
			d.res[t.op.res].Pending = true
		}
	}
	o.Results = slices.Clone(d.res)
	index := map[*txn]int{}
	for _, t := range d.order {
		if !t.autocommit {
			index[t] = len(o.Txns)
			o.Txns = append(o.Txns, Txn{Session: t.sess.name, Level: t.level, Status: t.status, Err: t.err})
		}
	}
	for i, t := range d.resTxn {
		if k, ok := index[t]; ok {
			o.Results[i].Txn = k
		}
	}
	o.Rows = d.committedRows()
	return o
}

// committed reports whether the transaction id has committed.
func (d *db) committed(id int64) bool {
	if id == setupTrx {
		return true
	}
	t := d.txns[id]
	return t != nil && t.status == StatusCommitted
}

// active reports whether the transaction id is running.
func (d *db) active(id int64) bool {
	t := d.txns[id]
	return t != nil && t.status == StatusOpen
}

// assign gives t a transaction id at its first write.
func (d *db) assign(t *txn) {
	if t.id != 0 {
		return
	}
	t.id = d.nextID
	d.nextID++
	d.txns[t.id] = t
	if t.view != nil {
		t.view.Creator = t.id
	}
}

func (d *db) levelOf(se *session) Level {
	if d.o.Level != 0 {
		return d.o.Level
	}
	if se.level != 0 {
		return se.level
	}
	return d.o.Engine.Default()
}

// emit reports a step to the observer with the state as it stands.
func (d *db) emit(step Step, t *txn, explain string) {
	if d.o.Observe == nil {
		return
	}
	sess := d.line.Session
	if t != nil {
		sess = t.sess.name
	}
	d.o.Observe(Event{Step: step, Line: d.line.N, Session: sess, Explain: explain, State: d.state()})
}

func (d *db) state() State {
	s := State{Engine: d.o.Engine, Results: slices.Clone(d.res)}
	if d.o.Engine == Postgres {
		keys := d.pgKeys()
		for _, k := range keys {
			rv := RowVersions{ID: k}
			vs := d.heap[k]
			for i := len(vs) - 1; i >= 0; i-- {
				v := vs[i]
				rv.Versions = append(rv.Versions, Version{Value: v.value, Deleted: v.deleted, Trx: v.xmin, Xmax: v.xmax, Committed: d.committed(v.xmin)})
			}
			s.Rows = append(s.Rows, rv)
		}
	} else {
		for _, r := range d.recs {
			rv := RowVersions{ID: r.id}
			for v := r.v; v != nil; v = v.prev {
				rv.Versions = append(rv.Versions, Version{Value: v.value, Deleted: v.deleted, Trx: v.trx, Committed: d.committed(v.trx)})
			}
			s.Rows = append(s.Rows, rv)
		}
	}
	for _, t := range d.order {
		if t.autocommit && t.status != StatusOpen {
			continue
		}
		ts := TxnState{Session: t.sess.name, ID: t.id, Level: t.level, Status: t.status, Err: t.err}
		if t.failed && t.status == StatusAborted && t.sess.txn == t {
			ts.Status = StatusAborted
		}
		if t.view != nil {
			ts.View = t.view.String()
		}
		if t.snap != nil {
			ts.View = t.snap.String()
		}
		if t.wait != nil {
			ts.Waiting = d.describe(t.wait)
		}
		if t.level == Serializable && d.o.Engine == Postgres {
			ts.SSI = d.ssiString(t)
		}
		s.Txns = append(s.Txns, ts)
	}
	for _, l := range d.locks {
		s.Locks = append(s.Locks, LockState{Session: l.t.sess.name, Lock: d.describe(l), Waiting: l.waiting})
	}
	return s
}

func (d *db) committedRows() []Row {
	var rows []Row
	if d.o.Engine == Postgres {
		for _, k := range d.pgKeys() {
			for _, v := range d.heap[k] {
				if d.committed(v.xmin) && (v.xmax == 0 || !d.committed(v.xmax)) {
					rows = append(rows, Row{k, v.value})
				}
			}
		}
		return rows
	}
	for _, r := range d.recs {
		for v := r.v; v != nil; v = v.prev {
			if d.committed(v.trx) {
				if !v.deleted {
					rows = append(rows, Row{r.id, v.value})
				}
				break
			}
		}
	}
	return rows
}
