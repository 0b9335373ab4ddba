package credits

// recording is what a replay notes when asked, in time order: every change
// to the balance from a grant's start or a use by a charge, with the time
// the change is undone (the grant's expiry plus one), and each charge's
// unpaid part. The online index makes the same changes from its own sweep;
// the tests hold the two against each other.
type recording struct {
	changes []change
	shorts  []change
}

// change is delta credits from time t through until.
type change struct {
	t, until, delta int64
}
