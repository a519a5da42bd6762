package zoomtest

import (
	"encoding/base64"
	"fmt"
	"net/url"
)

// SecretForms are the ways a secret can be written, by name, each different from the
// others: plainly, URL-escaped as a query value and as a path segment, and
// base64-encoded in the standard and URL alphabets at each of the three byte
// alignments. A base64 form is the part of the encoding that depends on the
// secret alone, so it is found inside the base64 of any longer text holding
// the secret, padded or not, such as base64 of "client_id:client_secret";
// base64 forms shorter than 8 characters are left out, as they would match by
// chance.
func SecretForms(secret string) map[string]string {
	forms := map[string]string{}
	add := func(name, form string) {
		for _, seen := range forms {
			if seen == form {
				return
			}
		}
		forms[name] = form
	}
	add("plainly", secret)
	add("query-escaped", url.QueryEscape(secret))
	add("path-escaped", url.PathEscape(secret))
	for _, alphabet := range []struct {
		name string
		enc  *base64.Encoding
	}{{"standard", base64.RawStdEncoding}, {"URL", base64.RawURLEncoding}} {
		for offset := range 3 {
			if form := base64Inside(alphabet.enc, secret, offset); len(form) >= 8 {
				add(fmt.Sprintf("base64-encoded (%s alphabet, byte offset %d)", alphabet.name, offset), form)
			}
		}
	}
	return forms
}

// base64Inside is the part of the base64 of secret, preceded by offset other
// bytes, whose characters depend on secret's bytes alone.
func base64Inside(enc *base64.Encoding, secret string, offset int) string {
	full := enc.EncodeToString(append(make([]byte, offset), secret...))
	from, to := (8*offset+5)/6, 8*(offset+len(secret))/6
	if to <= from {
		return ""
	}
	return full[from:to]
}
