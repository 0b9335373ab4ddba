package tutor

import (
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
)

// quitOnHangup makes a hang-up (the terminal window closed, the SSH link
// dropped, tmux kill-session) end p as q does, so that Run returns the
// final model and what the learner was doing is saved; without it SIGHUP
// kills the process on the spot. Bubble Tea itself turns SIGTERM into a
// quit and SIGINT into an interrupt. The returned function stops
// listening.
func quitOnHangup(p *tea.Program) (stop func()) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case <-sig:
			p.Quit()
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sig)
		close(done)
	}
}
