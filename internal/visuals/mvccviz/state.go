package mvccviz

// State is the trace text of frame i: the database after the step.
func (r *recording) State(i int) string {
	if r.in.table {
		return ""
	}
	e := r.frames[i]
	return "line " + itoa(e.Line) + " " + e.Session + "\n" + e.State.String()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}
