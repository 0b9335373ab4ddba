// Package ipv4 is one of the interview solutions shown by tutor.
package ipv4
