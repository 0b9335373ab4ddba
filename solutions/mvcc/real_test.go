package mvcc

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	mysql "github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"
)

// The differential test: every Hermitage script at every level, and
// random interleavings of short transactions, run against a real server
// with one connection per session and against the engine; they must agree
// on every read, every block and every error. A statement counts as
// blocked when it has not returned within blockWait; a run that disagrees
// is run once more on the server, and only a second disagreement counts
// (a loaded machine can be slow to answer), the first is logged.

const (
	blockWait = 300 * time.Millisecond
	settle    = 25 * time.Millisecond
	workers   = 4
)

// realSession is one connection of a real server.
type realSession interface {
	exec(st Stmt) ([]Row, error)
	close()
}

// realServer opens sessions on database n (one per worker) and resets
// its table.
type realServer interface {
	reset(n int) error
	open(n int, l Level) (realSession, error)
	message(err error) string
}

type pgServer struct{ url string }

func (s pgServer) conn(n int) (*pgx.Conn, error) {
	u := s.url
	if n >= 0 {
		u = strings.Replace(u, "/postgres?", fmt.Sprintf("/w%d?", n), 1)
	}
	return pgx.Connect(context.Background(), u)
}

func (s pgServer) setup() error {
	c, err := s.conn(-1)
	if err != nil {
		return err
	}
	defer c.Close(context.Background())
	for n := range workers {
		if _, err := c.Exec(context.Background(), fmt.Sprintf("create database w%d", n)); err != nil {
			return err
		}
	}
	return nil
}

func (s pgServer) reset(n int) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := s.conn(n)
	if err != nil {
		return err
	}
	defer c.Close(context.Background())
	if _, err := c.Exec(ctx, fmt.Sprintf("select pg_terminate_backend(pid) from pg_stat_activity where datname = 'w%d' and pid <> pg_backend_pid()", n)); err != nil {
		return err
	}
	_, err = c.Exec(ctx, "drop table if exists test; create table test (id int primary key, value int); insert into test (id, value) values (1, 10), (2, 20)")
	return err
}

func (s pgServer) open(n int, l Level) (realSession, error) {
	c, err := s.conn(n)
	if err != nil {
		return nil, err
	}
	_, err = c.Exec(context.Background(), "set session characteristics as transaction isolation level "+l.String())
	return &pgSession{c: c, level: l}, err
}

func (pgServer) message(err error) string { return pgMessage(err) }

type pgSession struct {
	c     *pgx.Conn
	level Level
}

func (s *pgSession) exec(st Stmt) ([]Row, error) {
	ctx := context.Background()
	q := st.String()
	switch st.Kind {
	case KindSetLevel:
		return nil, nil
	case KindBegin:
		q = "begin isolation level " + s.level.String()
	case KindSelect:
		rows, err := s.c.Query(ctx, q)
		if err != nil {
			return nil, err
		}
		var out []Row
		for rows.Next() {
			var r Row
			if err := rows.Scan(&r.ID, &r.Value); err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return out, rows.Err()
	}
	_, err := s.c.Exec(ctx, q)
	return nil, err
}

func (s *pgSession) close() { s.c.Close(context.Background()) }

type myServer struct {
	dsn string
	dbs []*sql.DB
}

func newMyServer(dsn string) (*myServer, error) {
	root, err := sql.Open("mysql", dsn)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	s := &myServer{dsn: dsn}
	for n := range workers {
		if _, err := root.Exec(fmt.Sprintf("create database w%d", n)); err != nil {
			return nil, err
		}
		db, err := sql.Open("mysql", fmt.Sprintf("%sw%d", dsn, n))
		if err != nil {
			return nil, err
		}
		s.dbs = append(s.dbs, db)
	}
	return s, nil
}

func (s *myServer) reset(n int) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rows, err := s.dbs[n].QueryContext(ctx, fmt.Sprintf("select id from information_schema.processlist where db = 'w%d' and id <> connection_id()", n))
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		s.dbs[n].ExecContext(ctx, fmt.Sprintf("kill %d", id))
	}
	for _, q := range []string{"drop table if exists test", "create table test (id int primary key, value int) engine=innodb", "insert into test (id, value) values (1, 10), (2, 20)"} {
		if _, err := s.dbs[n].ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

func (s *myServer) open(n int, l Level) (realSession, error) {
	c, err := s.dbs[n].Conn(context.Background())
	if err != nil {
		return nil, err
	}
	_, err = c.ExecContext(context.Background(), "set session transaction isolation level "+l.String())
	return &mySession{c: c}, err
}

func (*myServer) message(err error) string { return myMessage(err) }

type mySession struct{ c *sql.Conn }

func (s *mySession) exec(st Stmt) ([]Row, error) {
	ctx := context.Background()
	q := st.String()
	switch st.Kind {
	case KindSetLevel:
		return nil, nil
	case KindBegin:
		q = "start transaction"
		if st.Snapshot {
			q += " with consistent snapshot"
		}
	case KindSelect:
		q = strings.Replace(q, " for share", " lock in share mode", 1)
		rows, err := s.c.QueryContext(ctx, q)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []Row
		for rows.Next() {
			var r Row
			if err := rows.Scan(&r.ID, &r.Value); err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return out, rows.Err()
	}
	_, err := s.c.ExecContext(ctx, q)
	return nil, err
}

func (s *mySession) close() { s.c.Close() }

// realResult is what a real server did with one statement.
type realResult struct {
	blocked, pending bool
	rows             []Row
	err              string
}

type reply struct {
	rows []Row
	err  error
}

// worker runs one session's statements in order on its connection.
type worker struct {
	s  realSession
	in chan Stmt
	to chan reply
}

func newWorker(s realSession) *worker {
	w := &worker{s: s, in: make(chan Stmt), to: make(chan reply, 1)}
	go func() {
		for st := range w.in {
			rows, err := w.s.exec(st)
			w.to <- reply{rows, err}
		}
	}()
	return w
}

// runReal runs the script on database n of the server, one connection a
// session.
func runReal(srv realServer, n int, s *Script, l Level) ([]realResult, error) {
	if err := srv.reset(n); err != nil {
		return nil, err
	}
	ws := map[string]*worker{}
	var order []*worker
	res := make([]realResult, len(s.Lines))
	waiting := map[int]*worker{}
	take := func(i int, r reply) {
		if r.err != nil {
			res[i].err = srv.message(r.err)
		} else {
			rows := r.rows
			slices.SortFunc(rows, func(a, b Row) int { return a.ID - b.ID })
			res[i].rows = rows
		}
	}
	collect := func() {
		for i, w := range waiting {
			select {
			case r := <-w.to:
				take(i, r)
				delete(waiting, i)
			default:
			}
		}
	}
	for i, ln := range s.Lines {
		w := ws[ln.Session]
		if w == nil {
			sess, err := srv.open(n, l)
			if err != nil {
				return nil, err
			}
			w = newWorker(sess)
			ws[ln.Session] = w
			order = append(order, w)
		}
		for j, x := range waiting {
			if x == w {
				return nil, fmt.Errorf("line %d: %s is still blocked on the server on line %d", ln.N, ln.Session, s.Lines[j].N)
			}
		}
		w.in <- ln.Stmt
		select {
		case r := <-w.to:
			take(i, r)
		case <-time.After(blockWait):
			res[i].blocked = true
			waiting[i] = w
		}
		if len(waiting) > 0 {
			time.Sleep(settle)
			collect()
		}
	}
	// What still waits when the script ends is pending, as in the engine.
	for i := range waiting {
		res[i].pending = true
	}
	// End the sessions that do not wait first, so that the waiting ones
	// get their locks and return; then the rest.
	closed := map[*worker]bool{}
	end := func(w *worker) {
		if !closed[w] {
			closed[w] = true
			close(w.in)
			w.s.close()
		}
	}
	for _, w := range order {
		busy := false
		for _, x := range waiting {
			busy = busy || x == w
		}
		if !busy {
			end(w)
		}
	}
	deadline := time.Now().Add(blockWait)
	for len(waiting) > 0 && time.Now().Before(deadline) {
		time.Sleep(settle)
		collect()
	}
	for _, w := range order {
		if !closed[w] {
			closed[w] = true
			close(w.in)
			go func() { <-w.to; w.s.close() }()
		}
	}
	return res, nil
}

// compare reports how the real run differs from the engine's outcome.
func compare(s *Script, o *Outcome, real []realResult) []string {
	var diffs []string
	for i, r := range real {
		e := o.Results[i]
		ln := s.Lines[i]
		where := fmt.Sprintf("line %d %s: %s", ln.N, ln.Session, ln.Stmt)
		if e.Pending != r.pending {
			diffs = append(diffs, fmt.Sprintf("%s: pending engine %v, server %v", where, e.Pending, r.pending))
			continue
		}
		if e.Blocked != r.blocked {
			diffs = append(diffs, fmt.Sprintf("%s: blocked engine %v, server %v", where, e.Blocked, r.blocked))
		}
		if r.pending {
			continue
		}
		if e.Err != r.err {
			diffs = append(diffs, fmt.Sprintf("%s: error engine %q, server %q", where, e.Err, r.err))
			continue
		}
		if ln.Stmt.Kind == KindSelect && e.Err == "" && !slices.Equal(e.Rows, r.rows) {
			diffs = append(diffs, fmt.Sprintf("%s: engine %s, server %s", where, FormatRows(e.Rows), FormatRows(r.rows)))
		}
	}
	return diffs
}

// job is one script to run at one level.
type job struct {
	name  string
	s     *Script
	level Level
}

// differential runs the jobs on the server and on the engine, workers at
// a time, and reports the disagreements.
func differential(t *testing.T, e Engine, srv realServer, jobs []job) (ran int, diffs []string) {
	var mu sync.Mutex
	ch := make(chan job)
	var wg sync.WaitGroup
	for n := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				o, err := Run(j.s, Options{Engine: e, Level: j.level})
				if err != nil {
					continue
				}
				var found []string
				for try := 0; try < 2; try++ {
					found = nil
					real, err := runReal(srv, n, j.s, j.level)
					if err != nil {
						found = append(found, fmt.Sprintf("%s at %s: %v\n%s", j.name, j.level, err, j.s))
					} else {
						for _, d := range compare(j.s, o, real) {
							found = append(found, fmt.Sprintf("%s at %s: %s\n%s", j.name, j.level, d, j.s))
						}
					}
					if len(found) == 0 {
						break
					}
					if try == 0 {
						t.Logf("%s at %s disagreed once, running it again: %s", j.name, j.level, found[0])
					}
				}
				mu.Lock()
				ran++
				diffs = append(diffs, found...)
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
	return ran, diffs
}

// hermitageJobs is every case of the engine at every level the engine
// runs it without refusing a line.
func hermitageJobs(e Engine) []job {
	var jobs []job
	for _, c := range Hermitage() {
		if c.Engine != e {
			continue
		}
		for _, l := range e.Levels() {
			if _, err := Run(c.Script, Options{Engine: e, Level: l}); err == nil {
				jobs = append(jobs, job{c.Name, c.Script, l})
			}
		}
	}
	return jobs
}

// randomJobs draws n interleavings of 2 or 3 short transactions, each cut
// to the longest prefix the engine runs without refusing a line.
func randomJobs(e Engine, n int, seed uint64) []job {
	r := rand.New(rand.NewPCG(seed, 7))
	var jobs []job
	for len(jobs) < n {
		s := randomScript(r)
		for len(s.Lines) > 0 {
			if _, err := Run(s, Options{Engine: e, Level: e.Levels()[0]}); err == nil {
				break
			}
			s = &Script{Lines: s.Lines[:len(s.Lines)-1]}
		}
		ls := e.Levels()
		l := ls[r.IntN(len(ls))]
		if _, err := Run(s, Options{Engine: e, Level: l}); err != nil || len(s.Lines) < 4 {
			continue
		}
		jobs = append(jobs, job{fmt.Sprintf("random %d", len(jobs)), s, l})
	}
	return jobs
}

func randomStmt(r *rand.Rand) Stmt {
	id := 1 + r.IntN(3)
	wheres := []Where{{Pred: PredID, IDs: []int{id}}, {Pred: PredAll}, {Pred: PredValue, N: 10 * (1 + r.IntN(3))}, {Pred: PredValueMod, N: 2 + r.IntN(2), M: 0}}
	w := wheres[r.IntN(len(wheres))]
	switch r.IntN(6) {
	case 0, 1:
		return Stmt{Kind: KindSelect, Where: w, Lock: LockMode(r.IntN(3))}
	case 2, 3:
		if r.IntN(2) == 0 {
			return Stmt{Kind: KindUpdate, Where: w, Add: true, N: 1 + r.IntN(9)}
		}
		return Stmt{Kind: KindUpdate, Where: w, N: 10 * (1 + r.IntN(4))}
	case 4:
		return Stmt{Kind: KindInsert, Rows: []Row{{3 + r.IntN(2), 10 * (1 + r.IntN(3))}}}
	}
	return Stmt{Kind: KindDelete, Where: Where{Pred: PredID, IDs: []int{id}}}
}

func randomScript(r *rand.Rand) *Script {
	k := 2 + r.IntN(2)
	var per [][]Line
	for i := range k {
		sess := fmt.Sprintf("T%d", i+1)
		ls := []Line{{Session: sess, Stmt: Stmt{Kind: KindBegin}}}
		for range 1 + r.IntN(3) {
			ls = append(ls, Line{Session: sess, Stmt: randomStmt(r)})
		}
		end := KindCommit
		if r.IntN(5) == 0 {
			end = KindRollback
		}
		ls = append(ls, Line{Session: sess, Stmt: Stmt{Kind: end}})
		per = append(per, ls)
	}
	s := &Script{}
	for {
		var open []int
		for i, ls := range per {
			if len(ls) > 0 {
				open = append(open, i)
			}
		}
		if len(open) == 0 {
			break
		}
		i := open[r.IntN(len(open))]
		l := per[i][0]
		per[i] = per[i][1:]
		l.N = len(s.Lines) + 1
		s.Lines = append(s.Lines, l)
	}
	return s
}

func testServer(t *testing.T, e Engine, srv realServer, random int) {
	start := time.Now()
	hj := hermitageJobs(e)
	ran, diffs := differential(t, e, srv, hj)
	t.Logf("%s: %d Hermitage runs (every script at every level it runs at) in %v, %d disagreements", e, ran, time.Since(start).Round(time.Millisecond), len(diffs))
	start = time.Now()
	rj := randomJobs(e, random, 1)
	rran, rdiffs := differential(t, e, srv, rj)
	t.Logf("%s: %d random interleavings of 2-3 transactions in %v, %d disagreements", e, rran, time.Since(start).Round(time.Millisecond), len(rdiffs))
	seen := map[string]bool{}
	for i, d := range append(diffs, rdiffs...) {
		if name, _, _ := strings.Cut(d, ":"); !seen[name] {
			seen[name] = true
		} else if k := strings.Index(d, "\n"); k > 0 {
			d = d[:k]
		}
		if i == 15 {
			t.Errorf("... and %d more", len(diffs)+len(rdiffs)-15)
			break
		}
		t.Error(d)
	}
}

func TestAgainstPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a PostgreSQL server")
	}
	srv := pgServer{startPostgres(t)}
	if err := srv.setup(); err != nil {
		t.Fatal(err)
	}
	testServer(t, Postgres, srv, 300)
}

func TestAgainstMariaDB(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a MariaDB server")
	}
	// reset kills the connections left on a database, pooled ones too;
	// the driver would log each as a bad idle connection.
	mysql.SetLogger(log.New(io.Discard, "", 0))
	srv, err := newMyServer(startMariaDB(t))
	if err != nil {
		t.Fatal(err)
	}
	testServer(t, InnoDB, srv, 300)
}
