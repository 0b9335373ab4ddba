package mvcc

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind is what a statement does.
type Kind uint8

// The kinds of statement a script may hold.
const (
	KindBegin    Kind = iota + 1 // begin, start transaction [with consistent snapshot]
	KindSetLevel                 // set [session] transaction isolation level ...
	KindCommit                   // commit
	KindRollback                 // rollback, abort
	KindSelect                   // select * from test [where ...] [for update | for share]
	KindUpdate                   // update test set value = ... [where ...]
	KindInsert                   // insert into test (id, value) values (...)
	KindDelete                   // delete from test [where ...]
)

// Pred is the kind of a where clause.
type Pred uint8

// The where clauses a statement may have.
const (
	PredAll      Pred = iota // no where clause
	PredID                   // where id = N
	PredIDIn                 // where id in (A, B, ...)
	PredValue                // where value = N
	PredValueMod             // where value % N = M
)

// Where is a statement's where clause.
type Where struct {
	Pred Pred
	IDs  []int // PredID (one) and PredIDIn, ascending
	N, M int   // PredValue (N) and PredValueMod (N, M)
}

// Match reports whether the row (id, value) satisfies w.
func (w Where) Match(id, value int) bool {
	switch w.Pred {
	case PredID, PredIDIn:
		for _, k := range w.IDs {
			if k == id {
				return true
			}
		}
		return false
	case PredValue:
		return value == w.N
	case PredValueMod:
		return w.N != 0 && value%w.N == w.M
	}
	return true
}

// Keyed reports whether w names its rows by primary key, so that an engine
// looks them up in the index rather than scanning the table.
func (w Where) Keyed() bool { return w.Pred == PredID || w.Pred == PredIDIn }

// String is the clause as SQL, e.g. " where id = 1", or "" for PredAll.
func (w Where) String() string {
	switch w.Pred {
	case PredID:
		return fmt.Sprintf(" where id = %d", w.IDs[0])
	case PredIDIn:
		s := make([]string, len(w.IDs))
		for i, k := range w.IDs {
			s[i] = strconv.Itoa(k)
		}
		return " where id in (" + strings.Join(s, ", ") + ")"
	case PredValue:
		return fmt.Sprintf(" where value = %d", w.N)
	case PredValueMod:
		return fmt.Sprintf(" where value %% %d = %d", w.N, w.M)
	}
	return ""
}

// LockMode is the locking clause of a select.
type LockMode uint8

// The locking clauses.
const (
	NoLock    LockMode = iota // a plain (consistent, snapshot) read
	ForShare                  // for share (lock in share mode)
	ForUpdate                 // for update
)

// Row is one row of the table.
type Row struct {
	ID, Value int
}

// Stmt is one parsed statement.
type Stmt struct {
	Kind     Kind
	Snapshot bool     // KindBegin: with consistent snapshot
	Level    Level    // KindSetLevel
	Where    Where    // select, update, delete
	Lock     LockMode // select
	Add      bool     // update: value = value + N rather than value = N
	N        int      // update
	Rows     []Row    // insert
}

// String is the statement as canonical SQL, without the semicolon.
func (s Stmt) String() string {
	switch s.Kind {
	case KindBegin:
		if s.Snapshot {
			return "start transaction with consistent snapshot"
		}
		return "begin"
	case KindSetLevel:
		return "set transaction isolation level " + s.Level.String()
	case KindCommit:
		return "commit"
	case KindRollback:
		return "rollback"
	case KindSelect:
		lock := ""
		switch s.Lock {
		case ForShare:
			lock = " for share"
		case ForUpdate:
			lock = " for update"
		}
		return "select * from test" + s.Where.String() + lock
	case KindUpdate:
		set := strconv.Itoa(s.N)
		if s.Add {
			if s.N < 0 {
				set = fmt.Sprintf("value - %d", -s.N)
			} else {
				set = fmt.Sprintf("value + %d", s.N)
			}
		}
		return "update test set value = " + set + s.Where.String()
	case KindInsert:
		v := make([]string, len(s.Rows))
		for i, r := range s.Rows {
			v[i] = fmt.Sprintf("(%d, %d)", r.ID, r.Value)
		}
		return "insert into test (id, value) values " + strings.Join(v, ", ")
	case KindDelete:
		return "delete from test" + s.Where.String()
	}
	return "?"
}

// Writes reports whether s changes rows.
func (s Stmt) Writes() bool {
	return s.Kind == KindUpdate || s.Kind == KindInsert || s.Kind == KindDelete
}

// FormatRows writes rows as Hermitage does, "1 => 10, 2 => 20", or
// "(no rows)".
func FormatRows(rows []Row) string {
	if len(rows) == 0 {
		return "(no rows)"
	}
	s := make([]string, len(rows))
	for i, r := range rows {
		s[i] = fmt.Sprintf("%d => %d", r.ID, r.Value)
	}
	return strings.Join(s, ", ")
}

// ParseRows reads what FormatRows writes.
func ParseRows(s string) ([]Row, error) {
	s = strings.TrimSpace(s)
	if s == "(no rows)" || s == "" {
		return nil, nil
	}
	var rows []Row
	for _, part := range strings.Split(s, ",") {
		a, b, ok := strings.Cut(part, "=>")
		if !ok {
			return nil, fmt.Errorf("bad row %q (want id => value)", strings.TrimSpace(part))
		}
		id, err1 := strconv.Atoi(strings.TrimSpace(a))
		v, err2 := strconv.Atoi(strings.TrimSpace(b))
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("bad row %q (want id => value)", strings.TrimSpace(part))
		}
		rows = append(rows, Row{id, v})
	}
	return rows, nil
}
