package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestEndToEndHangupSavesThePlace is the tester's finding: closing the
// terminal (tmux kill-session: SIGHUP) lost where the learner was, since
// resume.json was written only on q or esc. A hangup, and SIGTERM, end
// the app as q does: the place is saved and offered on the next start.
func TestEndToEndHangupSavesThePlace(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end run skipped in -short mode")
	}
	bin := buildBinary(t)
	for _, how := range []string{"SIGHUP", "SIGTERM", "kill-session"} {
		state := t.TempDir()
		s := startTmux(t, 120, 40, bin, "--state", state, "open", "kvstore")
		s.waitFor(`kvstore · step 1/[0-9]+`)
		s.keys("Tab")
		for range 6 {
			s.keys("l")
		}
		s.waitFor(`kvstore · step 7/[0-9]+`)
		if how == "kill-session" {
			s.tmux("kill-session", "-t", "e2e") // the terminal closed
		} else {
			pid, err := strconv.Atoi(strings.TrimSpace(s.tmux("display-message", "-p", "-t", "e2e", "#{pane_pid}")))
			if err != nil {
				t.Fatal(err)
			}
			sig := map[string]syscall.Signal{"SIGHUP": syscall.SIGHUP, "SIGTERM": syscall.SIGTERM}[how]
			if err := syscall.Kill(pid, sig); err != nil {
				t.Fatalf("%s to %d: %v", how, pid, err)
			}
			s.waitExit()
		}
		file := filepath.Join(state, "resume.json")
		var data []byte
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if data, _ = os.ReadFile(file); strings.Contains(string(data), "kvstore") {
				break
			}
		}
		if !strings.Contains(string(data), "kvstore") {
			t.Fatalf("%s: resume.json holds no kvstore place: %q", how, data)
		}
		s = startTmux(t, 120, 40, bin, "--state", state)
		s.waitFor(`▶ continue Persistent key-value store at step 7/[0-9]+`)
		s.keys("q")
		s.waitExit()
	}
}
