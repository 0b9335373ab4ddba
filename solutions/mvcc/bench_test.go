package mvcc

import (
	"io"
	"log"
	"testing"

	mysql "github.com/go-sql-driver/mysql"
)

// quietJobs is the Hermitage runs in which no statement blocks, so that a
// server's time is its work and not a wait.
func quietJobs(e Engine) []job {
	var out []job
	for _, j := range hermitageJobs(e) {
		o, _ := Run(j.s, Options{Engine: e, Level: j.level})
		quiet := true
		for _, r := range o.Results {
			quiet = quiet && !r.Blocked && !r.Pending
		}
		if quiet {
			out = append(out, j)
		}
	}
	return out
}

// BenchmarkEngine runs the quiet Hermitage scripts on the engine; compare
// with BenchmarkPostgres and BenchmarkMariaDB, the same scripts on the
// real servers (one op: every script once).
func BenchmarkEngine(b *testing.B) {
	for _, e := range []Engine{Postgres, InnoDB} {
		jobs := quietJobs(e)
		b.Run(e.String(), func(b *testing.B) {
			for b.Loop() {
				for _, j := range jobs {
					if _, err := Run(j.s, Options{Engine: e, Level: j.level}); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

func benchServer(b *testing.B, e Engine, srv realServer) {
	jobs := quietJobs(e)
	b.ReportMetric(float64(len(jobs)), "scripts/op")
	b.ResetTimer()
	for b.Loop() {
		for _, j := range jobs {
			if _, err := runReal(srv, 0, j.s, j.level); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkPostgres(b *testing.B) {
	srv := pgServer{startPostgres(b)}
	if err := srv.setup(); err != nil {
		b.Fatal(err)
	}
	benchServer(b, Postgres, srv)
}

func BenchmarkMariaDB(b *testing.B) {
	mysql.SetLogger(log.New(io.Discard, "", 0))
	srv, err := newMyServer(startMariaDB(b))
	if err != nil {
		b.Fatal(err)
	}
	benchServer(b, InnoDB, srv)
}
