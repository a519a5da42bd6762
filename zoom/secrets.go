package zoom

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// redactedText stands in for a secret in any text the client returns.
const redactedText = "<redacted>"

// minSecretForm is the length of the shortest form that is redacted: shorter
// ones would mangle ordinary text, and no real credential is that short (a
// short client secret is still redacted in its longer base64 forms).
const minSecretForm = 4

// maxRedactPasses bounds the re-scans of a text whose redaction joined the
// marker and the text around it into another secret form; a text still
// holding a form after that is replaced whole.
const maxRedactPasses = 4

// authValue matches the credential of a "Basic …" or "Bearer …" value, also
// when the space was URL-escaped. Only credentials of at least 16 characters
// with a digit in them are blanked, so Zoom's prose ("Basic authentication
// failed") is left alone; known secrets are redacted whatever their shape.
var authValue = regexp.MustCompile(`(?i)\b(basic|bearer)(\s+|%20|\+)([A-Za-z0-9._~+/-]+=*)`)

// redactor replaces the client secret and recent access tokens in text, in
// every form they travel in:
//   - raw;
//   - URL-escaped as a query value and as a path segment, with upper- or
//     lower-case hex digits;
//   - JSON-escaped, with or without HTML escaping;
//   - for the client credentials, base64 of "client_id:client_secret" as the
//     Basic header carries it (and of the secret alone), in the standard and
//     URL alphabets, padded and unpadded, and each of those URL-escaped;
//     also base64 of the URL-escaped pair, as golang.org/x/oauth2 would
//     send it;
//   - and any "Basic …" or "Bearer …" credential, known or not.
//
// It is safe for concurrent use.
type redactor struct {
	mu     sync.Mutex
	fixed  []string   // forms of the client secret and the Basic credentials
	tokens [][]string // forms of each recent access token, oldest first
	all    []string   // fixed and token forms, longest first; replaced, never changed
}

func newRedactor(clientID, clientSecret string) *redactor {
	r := &redactor{fixed: credentialForms(clientID, clientSecret)}
	r.all = sortedForms(r.fixed)
	return r
}

// addToken remembers an access token, keeping the last recentTokens.
func (r *redactor) addToken(token string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.tokens = append(r.tokens, escapedForms(token))
	if len(r.tokens) > recentTokens {
		r.tokens = r.tokens[len(r.tokens)-recentTokens:]
	}
	r.all = sortedForms(append(slices.Clone(r.fixed), slices.Concat(r.tokens...)...))
}

// redact returns text with every known secret form, and every Basic or
// Bearer credential, replaced by "<redacted>". The result holds no form of a
// known secret of at least minSecretForm bytes (except forms that are part
// of "<redacted>" itself).
func (r *redactor) redact(text string) string {
	r.mu.Lock()
	forms := r.all
	r.mu.Unlock()
	for range maxRedactPasses {
		before := text
		text = authValue.ReplaceAllStringFunc(text, redactAuthValue)
		for _, form := range forms {
			text = strings.ReplaceAll(text, form, redactedText)
		}
		if text == before {
			return text
		}
	}
	for _, form := range forms {
		if strings.Contains(text, form) {
			return redactedText
		}
	}
	return text
}

// scrub prepares outside text for an error: secrets are redacted before and
// after whitespace is folded (folding can join a secret that had a line
// break in it), and the text is cut to max runes last, so that no cut-off
// piece of a secret is left behind.
func (r *redactor) scrub(text string, max int) string {
	text = r.redact(text)
	text = r.redact(strings.Join(strings.Fields(text), " "))
	return oneLine(text, max)
}

// scrubError keeps err for errors.Is and errors.As but redacts its text:
// transport errors can quote what a server sent, such as a malformed status
// line that echoes the request's Authorization header.
func (r *redactor) scrubError(err error) error {
	if err == nil {
		return nil
	}
	err = withoutURL(err)
	if text := r.scrub(err.Error(), 300); text != err.Error() {
		return &scrubbedError{err: err, text: text}
	}
	return err
}

type scrubbedError struct {
	err  error
	text string
}

func (e *scrubbedError) Error() string { return e.text }
func (e *scrubbedError) Unwrap() error { return e.err }

// redactAuthValue blanks the credential of one authValue match when it looks
// like one: 16 characters or more, with a digit.
func redactAuthValue(match string) string {
	m := authValue.FindStringSubmatch(match)
	credential := m[3]
	if len(credential) < 16 || !strings.ContainsAny(credential, "0123456789") {
		return match
	}
	return m[1] + m[2] + redactedText
}

// credentialForms are the forms of the client secret and of the Basic
// credentials built from it.
func credentialForms(clientID, clientSecret string) []string {
	if clientSecret == "" {
		return nil
	}
	forms := escapedForms(clientSecret)
	pairs := []string{
		clientID + ":" + clientSecret,                                   // what the Basic header carries
		url.QueryEscape(clientID) + ":" + url.QueryEscape(clientSecret), // what x/oauth2 would carry
		clientSecret,
	}
	for _, pair := range pairs {
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
			forms = append(forms, escapedForms(enc.EncodeToString([]byte(pair)))...)
		}
	}
	return forms
}

// escapedForms are s raw, URL-escaped and JSON-escaped.
func escapedForms(s string) []string {
	if s == "" {
		return nil
	}
	query, path := url.QueryEscape(s), url.PathEscape(s)
	return []string{s, query, path, lowerHex(query), lowerHex(path), jsonEscaped(s, true), jsonEscaped(s, false)}
}

// lowerHex writes the %XX escapes of an escaped string with lower-case hex.
func lowerHex(escaped string) string {
	b := []byte(escaped)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = lowerHexDigit(b[i+1]), lowerHexDigit(b[i+2])
		}
	}
	return string(b)
}

func lowerHexDigit(c byte) byte {
	if c >= 'A' && c <= 'F' {
		return c + ('a' - 'A')
	}
	return c
}

// jsonEscaped is s as it appears between the quotes of a JSON string.
func jsonEscaped(s string, escapeHTML bool) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	_ = enc.Encode(s) // a string always encodes
	out := strings.TrimSuffix(buf.String(), "\n")
	return strings.TrimSuffix(strings.TrimPrefix(out, `"`), `"`)
}

// sortedForms drops duplicates, forms too short to redact and forms that
// are part of the marker (redacting them could never end), and puts the
// longest first, so that a padded base64 form goes before its unpadded
// prefix.
func sortedForms(forms []string) []string {
	var out []string
	for _, f := range forms {
		if len(f) >= minSecretForm && !strings.Contains(redactedText, f) && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// Redact returns text with the client secret and the recent access tokens
// replaced by "<redacted>" in every form they travel in: raw, URL- or
// JSON-escaped, base64 of the Basic credentials, and any Basic or Bearer
// credential. The client's errors are already redacted; a front end passes
// other text through Redact when it may hold something a server echoed.
func (c *Client) Redact(text string) string { return c.tokens.redact(text) }
