//go:build !unix

package review

const openNonblock = 0
