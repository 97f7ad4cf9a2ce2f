// Package keys manages dossier's API keys file: named keys stored as
// SHA-256 hashes of their secrets, each with scopes, an optional expiry and
// an optional mandatory filter. It has no HTTP dependency; package api
// checks requests against a [Set] and the dossier keys command edits the
// file.
//
// Invariants:
//   - a secret is shown once, when it is created, and never stored: the
//     file holds only the hex SHA-256 of each secret;
//   - [Set.Lookup] hashes the presented secret and compares it against
//     every stored hash with crypto/subtle, without stopping early, so the
//     time it takes does not depend on which key (if any) matched;
//   - names are unique within a file; a revoked key stays in the file
//     (marked with its revocation time) so that its name is not reused by
//     accident and the file keeps an audit trail;
//   - the file is written atomically (temporary file, then rename) with
//     mode 0600.
//
// Limits: at most [MaxKeys] keys per file, names up to 64 characters of
// [A-Za-z0-9._-], filters up to [MaxFilterBytes] bytes, files up to
// [MaxFileBytes] bytes.
package keys
