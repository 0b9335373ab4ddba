package stepper

// Restore puts the pane at frame i of its run: at once when the run is
// there, else when the run being recorded arrives. Either way a frame past
// the run's last is its last, and a negative one is the first.
func (m *Model) Restore(i int) {
	i = max(i, 0)
	if m.run != nil {
		m.frame = min(i, m.run.Len()-1)
		return
	}
	m.frame = i
	if m.wait != 0 {
		m.then = nearFrame
	}
}

// Steps is the number of steps of the run on screen, 0 before the first.
func (m Model) Steps() int {
	if m.run == nil {
		return 0
	}
	return m.run.Len()
}
