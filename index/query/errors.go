package query

import (
	"errors"
	"fmt"
)

// ErrInvalid is the sentinel every query error matches (errors.Is): a
// query error is an invalid request. Package index exports the same value
// as ErrInvalidRequest.
var ErrInvalid = errors.New("index: invalid request")

// Error is a syntax or value error in a query string. Pos is the 0-based
// byte offset in the query where the problem was found.
type Error struct {
	Pos int    // byte offset in the query
	Msg string // what is wrong
}

func (e *Error) Error() string {
	return fmt.Sprintf("index: query syntax error at position %d: %s", e.Pos, e.Msg)
}

// Is makes errors.Is(err, ErrInvalid) true for query errors.
func (e *Error) Is(target error) bool { return target == ErrInvalid }

// EditDistance is the Levenshtein distance between a and b, in runes.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
