// Package credits is one of the interview solutions shown by tutor.
package credits
