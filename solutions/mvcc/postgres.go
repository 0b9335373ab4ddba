package mvcc

import (
	"slices"
)

// ptup is one PostgreSQL heap tuple: the value, xmin (who created it),
// xmax (who deleted or replaced it) and, after an update, the newer tuple.
type ptup struct {
	id, value  int
	xmin, xmax int64
	deleted    bool
	next       *ptup
}

// pgKeys is the keys that have tuples, ascending.
func (d *db) pgKeys() []int {
	keys := make([]int, 0, len(d.heap))
	for k := range d.heap {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// pgExec runs or goes on with t's statement on PostgreSQL. It first scans
// with the statement's snapshot (a fresh one per statement at read
// committed, the transaction's first at repeatable read and serializable);
// a plain select is then done. An update, a delete or a locking select
// then locks each row it found: if a concurrent transaction changed the
// row, it waits for it to end; if that one committed, read committed goes
// on with the row's newest version when it still matches, and repeatable
// read and serializable fail: the first updater wins.
func (d *db) pgExec(t *txn) bool {
	o := t.op
	st := o.line.Stmt
	if !o.start {
		o.start = true
		if t.level == ReadCommitted || t.snap == nil || t.autocommit {
			d.takeView(t)
		}
		o.snap = t.snap
		if st.Kind != KindInsert {
			d.pgScan(t)
			if t.failNow {
				d.serializationFailure(t, o.res)
				return true
			}
			if st.Kind == KindSelect && st.Lock == NoLock {
				return true
			}
		}
	}
	if st.Kind == KindInsert {
		return d.pgInsert(t)
	}
	mode := pgNoKeyUpdate
	switch {
	case st.Kind == KindDelete, st.Lock == ForUpdate:
		mode = pgUpdate
	case st.Lock == ForShare:
		mode = pgShare
	}
	for ; o.i < len(o.vers); o.i++ {
		v := o.vers[o.i]
		for v != nil {
			if v.xmax != 0 && v.xmax != t.id {
				if d.active(v.xmax) {
					if !d.acquire(t, &lock{key: v.id, pg: mode}) {
						return false
					}
					if d.active(v.xmax) {
						break
					}
				}
				if d.committed(v.xmax) {
					if t.level >= RepeatableRead {
						msg := errConcurrent
						if v.deleted && st.Kind != KindSelect {
							msg = errConcurrentDel // ExecUpdate, ExecDelete; ExecLockRows says update
						}
						d.fail(t, o.res, msg)
						return true
					}
					nv, ok := d.recheck(t, v, st.Where)
					if !ok {
						v = nil
						break
					}
					v = nv
					o.vers[o.i] = nv
					continue
				}
			}
			if !d.acquire(t, &lock{key: v.id, pg: mode}) {
				return false
			}
			if v.xmax != 0 && v.xmax != t.id && d.committed(v.xmax) {
				continue
			}
			break
		}
		if v == nil {
			continue
		}
		if st.Kind != KindSelect {
			d.conflictIn(t, target{'t', v.id}, target{'r', 0})
			if t.doomed {
				d.serializationFailure(t, o.res)
				return true
			}
		}
		switch st.Kind {
		case KindSelect:
			o.rows = append(o.rows, Row{v.id, v.value})
		case KindUpdate:
			nv := st.N
			if st.Add {
				nv = v.value + st.N
			}
			d.writeTuple(t, v, nv, false)
			d.res[o.res].Affected++
		case KindDelete:
			d.writeTuple(t, v, 0, true)
			d.res[o.res].Affected++
		}
	}
	return true
}

// pgScan reads the rows the statement's where clause names with its
// snapshot. A serializable transaction takes SIREAD locks: the index page
// and the tuples for a lookup by key, the whole table for a scan.
func (d *db) pgScan(t *txn) {
	o := t.op
	w := o.line.Stmt.Where
	keys := d.pgKeys()
	if w.Keyed() {
		keys = w.IDs
		d.siread(t, target{'i', 0})
	} else {
		d.siread(t, target{'r', 0})
	}
	plain := o.line.Stmt.Kind == KindSelect && o.line.Stmt.Lock == NoLock
	for _, k := range keys {
		if t.doomed && len(d.heap[k]) > 0 {
			t.failNow = true // a doomed transaction fails at the next tuple it reads
			return
		}
		v := d.pgRead(t, o.snap, k)
		if v == nil {
			continue
		}
		if w.Keyed() {
			d.siread(t, target{'t', k})
		}
		if !w.Match(k, v.value) {
			continue
		}
		if plain {
			o.rows = append(o.rows, Row{k, v.value})
		} else {
			o.vers = append(o.vers, v)
		}
	}
}

// pgInsert inserts the rows. A key whose newest tuple a running
// transaction created or is deleting makes the insert wait for it; a key
// that is live is a unique violation.
func (d *db) pgInsert(t *txn) bool {
	o := t.op
	st := o.line.Stmt
	for ; o.i < len(st.Rows); o.i++ {
		row := st.Rows[o.i]
		if vs := d.heap[row.ID]; len(vs) > 0 {
			v := vs[len(vs)-1]
			if (v.xmin != t.id && d.active(v.xmin)) || (v.xmax != 0 && v.xmax != t.id && d.active(v.xmax)) {
				if !d.acquire(t, &lock{key: row.ID, pg: pgUpdate}) {
					return false
				}
			}
			gone := v.xmax != 0 && v.deleted && (v.xmax == t.id || d.committed(v.xmax))
			if !gone {
				d.fail(t, o.res, errDuplicatePG)
				return true
			}
		}
		d.conflictIn(t, target{'r', 0}, target{'i', 0})
		if t.doomed {
			d.serializationFailure(t, o.res)
			return true
		}
		d.insert(t, row)
		if !d.holds(t, row.ID) {
			d.locks = append(d.locks, &lock{t: t, key: row.ID, pg: pgUpdate})
		}
		d.res[o.res].Affected++
	}
	return true
}
