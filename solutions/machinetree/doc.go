// Package machinetree is one of the interview solutions shown by tutor.
package machinetree
