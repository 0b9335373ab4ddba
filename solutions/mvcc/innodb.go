package mvcc

import "slices"

// irec is a record of InnoDB's clustered index: the primary key and the
// newest version, whose roll pointer leads to the older ones.
type irec struct {
	id int
	v  *iver
}

// iver is one version of a record: the value (or a delete mark), DB_TRX_ID
// and the roll pointer.
type iver struct {
	value   int
	deleted bool
	trx     int64
	prev    *iver
}

// find is the record with the key, or nil.
func (d *db) find(id int) *irec {
	i, ok := slices.BinarySearchFunc(d.recs, id, func(r *irec, id int) int { return r.id - id })
	if !ok {
		return nil
	}
	return d.recs[i]
}

// after is the first record above the key, or nil.
func (d *db) after(id int) *irec {
	for _, r := range d.recs {
		if r.id > id {
			return r
		}
	}
	return nil
}

// nextKey is the key of the record above id, or the supremum: a gap is
// locked on the record that closes it.
func (d *db) nextKey(id int) int {
	if r := d.after(id); r != nil {
		return r.id
	}
	return supremum
}

// removeRec takes record i out of the index (an insert rolled back); the
// gap locks on it pass to the next record, as lock_rec_inherit_to_gap does.
func (d *db) removeRec(i int) {
	key := d.recs[i].id
	d.recs = slices.Delete(d.recs, i, i+1)
	next := d.nextKey(key)
	d.locks = slices.DeleteFunc(d.locks, func(l *lock) bool { return l.key == key && l.typ == typRec && !l.waiting })
	for _, l := range d.locks {
		if l.key == key {
			l.key, l.typ = next, typGap
		}
	}
}

// innoExec runs or goes on with t's statement on InnoDB.
func (d *db) innoExec(t *txn) bool {
	st := t.op.line.Stmt
	switch st.Kind {
	case KindSelect:
		mode := st.Lock
		if mode == NoLock && t.level == Serializable && !t.autocommit {
			mode = ForShare // serializable turns a plain select into a locking read
		}
		if mode == NoLock {
			d.innoConsistent(t)
			return true
		}
		return d.innoLocking(t, mode == ForUpdate)
	case KindUpdate, KindDelete:
		return d.innoLocking(t, true)
	case KindInsert:
		return d.innoInsert(t)
	}
	return true
}

// innoConsistent is a plain select: a consistent read through a read view
// (a fresh one per statement at read committed, the first one kept at
// repeatable read), or the newest versions at read uncommitted.
func (d *db) innoConsistent(t *txn) {
	o := t.op
	w := o.line.Stmt.Where
	if t.level == ReadCommitted || (t.level != ReadUncommitted && t.view == nil) || t.autocommit {
		d.takeView(t)
	}
	for _, r := range slices.Clone(d.recs) {
		if w.Keyed() && !w.Match(r.id, 0) {
			continue
		}
		if row, ok := d.innoRead(t, r); ok && w.Match(row.ID, row.Value) {
			o.rows = append(o.rows, row)
		}
	}
}

// innoLocking is a locking read, an update or a delete: it locks what it
// reads and reads the newest version. At repeatable read and serializable
// a scan takes next-key locks on every record and the supremum, and a key
// that is not there locks its gap; at read committed it locks the rows
// only, lets go of those that do not match, and an update reads past a
// locked row whose newest committed version does not match
// (semi-consistent read).
func (d *db) innoLocking(t *txn, x bool) bool {
	o := t.op
	st := o.line.Stmt
	w := st.Where
	gaps := t.level >= RepeatableRead
	if w.Keyed() {
		for ; o.i < len(w.IDs); o.i++ {
			id := w.IDs[o.i]
			r := d.find(id)
			if r == nil {
				if gaps && !d.acquire(t, &lock{key: d.nextKey(id), x: x, typ: typGap}) {
					return false
				}
				continue
			}
			typ := typRec
			if r.v.deleted && gaps {
				typ = typNextKey
			}
			if !d.acquire(t, &lock{key: id, x: x, typ: typ}) {
				return false
			}
			if !r.v.deleted {
				d.innoApply(t, r)
			} else if gaps {
				d.acquire(t, &lock{key: d.nextKey(id), x: x, typ: typGap})
			}
		}
		return true
	}
	for {
		r := d.after(o.cursor)
		if r == nil {
			return !gaps || d.acquire(t, &lock{key: supremum, x: x, typ: typNextKey})
		}
		if !gaps && st.Kind == KindUpdate && d.wouldWait(t, &lock{key: r.id, x: x, typ: typRec}) {
			v := r.v
			for v != nil && !d.committed(v.trx) {
				v = v.prev
			}
			if v == nil || v.deleted || !w.Match(r.id, v.value) {
				o.cursor = r.id
				continue
			}
		}
		typ := typRec
		if gaps {
			typ = typNextKey
		}
		fresh := !d.holds(t, r.id)
		if !d.acquire(t, &lock{key: r.id, x: x, typ: typ}) {
			return false
		}
		if !r.v.deleted && w.Match(r.id, r.v.value) {
			d.innoApply(t, r)
		} else if !gaps && fresh {
			k := r.id
			d.release(t, &k)
		}
		o.cursor = r.id
	}
}

// holds reports whether t has a granted lock on key.
func (d *db) holds(t *txn, key int) bool {
	for _, l := range d.locks {
		if l.t == t && l.key == key && !l.waiting {
			return true
		}
	}
	return false
}

// wouldWait reports whether the request would wait, without queueing it.
func (d *db) wouldWait(t *txn, r *lock) bool {
	for _, h := range d.locks {
		if h.t == t && h.key == r.key && !h.waiting && d.covers(h, r) {
			return false
		}
	}
	for _, h := range d.locks {
		if h.t != t && h.key == r.key && d.conflicts(r, h) {
			return true
		}
	}
	return false
}

// innoApply does the statement to the locked record r's newest version.
func (d *db) innoApply(t *txn, r *irec) {
	o := t.op
	st := o.line.Stmt
	switch st.Kind {
	case KindSelect:
		o.rows = append(o.rows, Row{r.id, r.v.value})
	case KindUpdate:
		nv := st.N
		if st.Add {
			nv = r.v.value + st.N
		}
		if nv != r.v.value {
			d.writeVersion(t, r, nv, false)
		}
		d.res[o.res].Affected++
	case KindDelete:
		d.writeVersion(t, r, r.v.value, true)
		d.res[o.res].Affected++
	}
}

// innoInsert inserts the rows: a key that is there is checked for a
// duplicate under a shared record lock; a new key first takes an insert
// intention lock on the gap it goes into, which waits for anyone's gap or
// next-key lock there, and the new record inherits the gap locks.
func (d *db) innoInsert(t *txn) bool {
	o := t.op
	st := o.line.Stmt
	for ; o.i < len(st.Rows); o.i++ {
		row := st.Rows[o.i]
		if r := d.find(row.ID); r != nil {
			if !d.acquire(t, &lock{key: row.ID, typ: typRec}) {
				return false
			}
			if !r.v.deleted {
				d.fail(t, o.res, errDuplicateInno(row.ID))
				return true
			}
			if !d.acquire(t, &lock{key: row.ID, x: true, typ: typRec}) {
				return false
			}
			d.writeVersion(t, r, row.Value, false)
			d.res[o.res].Affected++
			continue
		}
		next := d.nextKey(row.ID)
		if !d.acquire(t, &lock{key: next, x: true, typ: typInsert}) {
			return false
		}
		d.insert(t, row)
		id := row.ID
		o.undo = append(o.undo, func() {
			if i := slices.IndexFunc(d.recs, func(r *irec) bool { return r.id == id }); i >= 0 {
				d.removeRec(i)
				t.undo--
			}
		})
		for _, h := range slices.Clone(d.locks) {
			if h.key == next && !h.waiting && (h.typ == typGap || h.typ == typNextKey) {
				d.locks = append(d.locks, &lock{t: h.t, key: row.ID, x: h.x, typ: typGap})
			}
		}
		d.locks = append(d.locks, &lock{t: t, key: row.ID, x: true, typ: typRec, implicit: true})
		d.res[o.res].Affected++
	}
	return true
}
