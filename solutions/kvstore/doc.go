// Package kvstore is one of the interview solutions shown by tutor.
package kvstore
