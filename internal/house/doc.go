// Package house holds no code: its test keeps the house rules of internal/FOUNDATION.md
// true over the whole tree (domains do not import each other, internal/ imports no domain,
// SQL only in store files, no file over 400 lines).
package house
