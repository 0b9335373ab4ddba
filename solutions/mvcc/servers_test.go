package mvcc

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	mysql "github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// This file starts throwaway PostgreSQL 15 and MariaDB servers on loopback
// ports for the differential test (real_test.go).

// freePort asks the kernel for a free port on 127.0.0.1.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("no loopback port: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// serverDir makes a directory the server's user can own, removed in
// Cleanup.
func serverDir(t testing.TB, owner string) (string, *syscall.Credential) {
	t.Helper()
	dir, err := os.MkdirTemp("", "mvcc-"+owner+"-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if os.Getuid() != 0 || owner == "" {
		return dir, nil
	}
	out, err := exec.Command("id", "-u", owner).Output()
	if err != nil {
		t.Skipf("running as root and there is no %s user to run the server as", owner)
	}
	uid, _ := strconv.Atoi(string(out[:len(out)-1]))
	out, _ = exec.Command("id", "-g", owner).Output()
	gid, _ := strconv.Atoi(string(out[:len(out)-1]))
	if err := os.Chown(dir, uid, gid); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	return dir, &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
}

func command(cred *syscall.Credential, name string, args ...string) *exec.Cmd {
	c := exec.Command(name, args...)
	if cred != nil {
		c.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	}
	return c
}

// startPostgres starts PostgreSQL 15 and returns a connection string.
func startPostgres(t testing.TB) string {
	t.Helper()
	bin := "/usr/lib/postgresql/15/bin"
	if _, err := os.Stat(filepath.Join(bin, "initdb")); err != nil {
		t.Skip("PostgreSQL 15 is not installed (no " + bin + "/initdb)")
	}
	dir, cred := serverDir(t, "postgres")
	data := filepath.Join(dir, "data")
	if out, err := command(cred, filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-N").CombinedOutput(); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	port := freePort(t)
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c autovacuum=off -c deadlock_timeout=50ms -c max_connections=60", port, dir)
	if out, err := command(cred, filepath.Join(bin, "pg_ctl"), "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "start").CombinedOutput(); err != nil {
		t.Fatalf("pg_ctl start: %v\n%s", err, out)
	}
	t.Cleanup(func() {
		command(cred, filepath.Join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop").Run()
	})
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
}

// startMariaDB starts mariadbd and returns a DSN for go-sql-driver/mysql.
func startMariaDB(t testing.TB) string {
	t.Helper()
	server, err := exec.LookPath("mariadbd")
	if err != nil {
		if server, err = exec.LookPath("/usr/sbin/mariadbd"); err != nil {
			t.Skip("MariaDB is not installed (no mariadbd)")
		}
	}
	install, err := exec.LookPath("mariadb-install-db")
	if err != nil {
		t.Skip("MariaDB is not installed (no mariadb-install-db)")
	}
	dir, _ := serverDir(t, "")
	data := filepath.Join(dir, "data")
	user := []string{}
	if os.Getuid() == 0 {
		user = []string{"--user=root"}
	}
	args := append([]string{"--no-defaults", "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db"}, user...)
	if out, err := exec.Command(install, args...).CombinedOutput(); err != nil {
		t.Fatalf("mariadb-install-db: %v\n%s", err, out)
	}
	port := freePort(t)
	sock := filepath.Join(dir, "s.sock")
	srv := exec.Command(server, append([]string{"--no-defaults", "--datadir=" + data, fmt.Sprintf("--port=%d", port), "--bind-address=127.0.0.1",
		"--socket=" + sock, "--skip-grant-tables", "--skip-log-bin", "--innodb-buffer-pool-size=32M", "--innodb-flush-log-at-trx-commit=0",
		"--skip-name-resolve", "--max-connections=80", "--log-error=" + filepath.Join(dir, "err.log")}, user...)...)
	if err := srv.Start(); err != nil {
		t.Fatalf("mariadbd: %v", err)
	}
	t.Cleanup(func() {
		srv.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { srv.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			srv.Process.Kill()
		}
	})
	dsn := fmt.Sprintf("root@tcp(127.0.0.1:%d)/", port)
	for deadline := time.Now().Add(20 * time.Second); ; {
		db, err := sql.Open("mysql", dsn)
		if err == nil {
			err = db.Ping()
			db.Close()
		}
		if err == nil {
			return dsn
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(filepath.Join(dir, "err.log"))
			t.Fatalf("mariadbd did not come up: %v\n%s", err, b)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// pgMessage is the server's error text, as the engine words it.
func pgMessage(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Message
	}
	return err.Error()
}

func myMessage(err error) string {
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		return me.Message
	}
	return err.Error()
}

var _ = pgx.Connect
var _ = context.Background
